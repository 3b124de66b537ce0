/*
 * pool.c - work spread over worker processes (see pool.h).
 *
 * The wire, one pair of pipes a worker:
 *
 *   parent -> worker   a task number (uint32), one at a time; closing the
 *                      pipe tells the worker to finish
 *   worker -> parent   one message a task: body length (uint32), then the
 *                      body: task number (uint32), code (int32), and either
 *                      the result's bytes (code 0) or the error (line and
 *                      column as int64, file and message as strings)
 *
 * Numbers are in the machine's own byte order: both ends are the same
 * program on the same machine.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <unistd.h>

#include "pool.h"

/* ---- messages ---------------------------------------------------------------- */

void ripple_pool_put(ripple_pool_msg *m, const void *p, size_t n)
{
	if (m->failed || n == 0)
		return;
	if (m->len + n > m->cap) {
		size_t cap = (m->len + n) * 2;
		char *nb = realloc(m->data, cap);
		if (!nb) {
			m->failed = 1;
			return;
		}
		m->data = nb;
		m->cap = cap;
	}
	memcpy(m->data + m->len, p, n);
	m->len += n;
}

void ripple_pool_put_str(ripple_pool_msg *m, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);

	ripple_pool_put(m, &n, sizeof(n));
	ripple_pool_put(m, s, n);
}

void ripple_pool_get(ripple_pool_msg *m, void *p, size_t n)
{
	if (m->failed || m->len - m->pos < n) {
		m->failed = 1;
		memset(p, 0, n);
		return;
	}
	memcpy(p, m->data + m->pos, n);
	m->pos += n;
}

char *ripple_pool_get_str(ripple_pool_msg *m)
{
	uint32_t n;
	char *s;

	ripple_pool_get(m, &n, sizeof(n));
	if (m->failed || m->len - m->pos < n || !(s = malloc((size_t)n + 1))) {
		m->failed = 1;
		return NULL;
	}
	memcpy(s, m->data + m->pos, n);
	s[n] = '\0';
	m->pos += n;
	return s;
}

static void msg_release(ripple_pool_msg *m)
{
	free(m->data);
	memset(m, 0, sizeof(*m));
}

/* ---- pipes ------------------------------------------------------------------- */

/* Writes all of buf to fd; 0, or -1 (errno set). Retries on EINTR. */
static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads exactly n bytes; 1 done, 0 end of file before any byte, -1 error or short. */
static int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

/* ---- worker processes -------------------------------------------------------- */

typedef struct worker {
	pid_t pid;     /* -1: not started */
	int tasks;     /* write end: task numbers to the worker */
	int results;   /* read end: results from it */
	long busy;     /* the task it works on, or -1 */
} worker;

/* Pools running in this process, and SIGPIPE's handler from before the first. */
static int pools;
static void (*pipe_before)(int);

static int cannot_start(ripple_error *err)
{
	return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "cannot start workers: %s",
	                        strerror(errno));
}

/*
 * Forks nw workers running fn(tasks, results, ctx), which must _exit(); each
 * keeps only its own two pipe ends. 0, or an error (the workers started are
 * in w). Either way the caller ends with workers_stop(w, nw), once.
 */
static int workers_start(worker *w, int nw, void (*fn)(int, int, const ripple_pool *),
                         const ripple_pool *ctx, ripple_error *err)
{
	for (int k = 0; k < nw; k++)
		w[k] = (worker){ -1, -1, -1, -1 };
	if (pools++ == 0)   /* a dead worker is then a write error, not a signal */
		pipe_before = signal(SIGPIPE, SIG_IGN);
	fflush(NULL);       /* nothing buffered is written twice */
	for (int k = 0; k < nw; k++) {
		int down[2], up[2];
		if (pipe(down) < 0)
			return cannot_start(err);
		if (pipe(up) < 0) {
			close(down[0]);
			close(down[1]);
			return cannot_start(err);
		}
		pid_t parent = getpid(), pid = fork();
		if (pid < 0) {
			int e = errno;
			close(down[0]);
			close(down[1]);
			close(up[0]);
			close(up[1]);
			errno = e;
			return cannot_start(err);
		}
		if (pid == 0) {
			/* a worker ends with its parent, even in the middle of a task: the
			 * kernel kills it when the parent dies (Linux), and a parent that
			 * died before that was asked is seen by the parent id changing */
#ifdef __linux__
			prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
			if (getppid() != parent)
				_exit(1);
			for (int j = 0; j < k; j++) {
				close(w[j].tasks);
				close(w[j].results);
			}
			close(down[1]);
			close(up[0]);
			fn(down[0], up[1], ctx);
			_exit(1);   /* fn should not return */
		}
		close(down[0]);
		close(up[1]);
		w[k] = (worker){ pid, down[1], up[0], -1 };
	}
	return 0;
}

/*
 * Closes every pipe (the sign to finish; a worker still writing a result gets
 * a write error instead of waiting for a reader) and waits for each worker.
 */
static void workers_stop(worker *w, int n)
{
	for (int k = 0; k < n; k++) {
		if (w[k].tasks >= 0)
			close(w[k].tasks);
		if (w[k].results >= 0)
			close(w[k].results);
		w[k].tasks = w[k].results = -1;
	}
	for (int k = 0; k < n; k++)
		if (w[k].pid > 0)
			while (waitpid(w[k].pid, NULL, 0) < 0 && errno == EINTR)
				;
	if (--pools == 0)
		signal(SIGPIPE, pipe_before);
}

/* ---- in a worker --------------------------------------------------------------- */

/* The message's head: body length, task number and code, patched in when known. */
#define HEAD (2 * sizeof(uint32_t) + sizeof(int32_t))

/* Replaces what m holds after its head with err. */
static void put_error(ripple_pool_msg *m, const ripple_error *err)
{
	int64_t line = err->line, column = err->column;

	m->len = HEAD;
	m->failed = 0;
	ripple_pool_put(m, &line, sizeof(line));
	ripple_pool_put(m, &column, sizeof(column));
	ripple_pool_put_str(m, err->file);
	ripple_pool_put_str(m, err->message);
}

/*
 * The body of a worker process: reads task numbers until the pipe closes and
 * sends back each result. Never returns; exits 1 when the parent cannot be
 * written to (it stopped, or the pool is stopping).
 */
static void work(int tasks, int results, const ripple_pool *p)
{
	ripple_error start_err = { 0 };
	int started = p->start ? p->start(p->ctx, &start_err) : RIPPLE_OK;
	uint32_t i;
	int status = 0;

	while (status == 0 && read_all(tasks, &i, sizeof(i)) == 1) {
		static const char head[HEAD];
		ripple_pool_msg m = { 0 };
		ripple_error err = { 0 };
		uint32_t body;
		int32_t code;
		int rc;

		ripple_pool_put(&m, head, HEAD);
		if (started < 0) {
			err = start_err;
			rc = started;
		} else if (i >= p->tasks) {
			rc = ripple_error_set(&err, RIPPLE_ERUNTIME, "", 0, 0, "no task %lu",
			                      (unsigned long)i);
		} else {
			rc = p->run(&m, i, p->ctx, &err);
			if (rc >= 0 && m.failed)
				rc = ripple_error_set(&err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		}
		if (rc < 0)
			put_error(&m, &err);
		code = rc < 0 ? rc : RIPPLE_OK;
		body = (uint32_t)(m.len - sizeof(body));
		if (m.failed || m.len - sizeof(body) > UINT32_MAX) {
			status = 1;   /* not even the error fits: the parent sees the worker stop */
		} else {
			memcpy(m.data, &body, sizeof(body));
			memcpy(m.data + sizeof(body), &i, sizeof(i));
			memcpy(m.data + sizeof(body) + sizeof(i), &code, sizeof(code));
			if (write_all(results, m.data, m.len) < 0)
				status = 1;
		}
		msg_release(&m);
	}
	if (p->finish)
		p->finish(p->ctx);
	_exit(status);   /* not exit(): the parent's atexit handlers and buffers are its own */
}

/* ---- in the caller --------------------------------------------------------------- */

/* "<the worker of task busy, or a worker process> stopped". */
static int stopped(const ripple_pool *p, long busy, ripple_error *err)
{
	char who[512];

	if (p->what && busy >= 0)
		p->what(who, sizeof(who), (size_t)busy, p->ctx);
	else
		snprintf(who, sizeof(who), "a worker process");
	return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "%s stopped", who);
}

static int malformed(ripple_error *err)
{
	return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0,
	                        "a worker process sent a malformed result");
}

static int hand_out(const ripple_pool *p, worker *w, size_t i, ripple_error *err)
{
	uint32_t t = (uint32_t)i;

	w->busy = (long)i;
	if (write_all(w->tasks, &t, sizeof(t)) < 0)
		return stopped(p, -1, err);
	return RIPPLE_OK;
}

/*
 * Reads w's result into *in (positioned after the head). 0; the worker's own
 * error (its code); or an error for a worker that stopped or sent nonsense.
 */
static int receive(const ripple_pool *p, worker *w, ripple_pool_msg *in, ripple_error *err)
{
	uint32_t body, task;
	int32_t code;
	int rc;

	memset(in, 0, sizeof(*in));
	if (read_all(w->results, &body, sizeof(body)) != 1)
		return stopped(p, w->busy, err);
	if (body < HEAD - sizeof(body))
		return malformed(err);
	if (!(in->data = malloc(body)))
		return ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
	in->len = in->cap = body;
	if (read_all(w->results, in->data, body) != 1) {
		msg_release(in);
		return stopped(p, w->busy, err);
	}
	ripple_pool_get(in, &task, sizeof(task));
	ripple_pool_get(in, &code, sizeof(code));
	if ((long)task != w->busy || code > 0) {
		msg_release(in);
		return malformed(err);
	}
	if (code < 0) {
		int64_t line, column;
		char *file, *message;
		ripple_pool_get(in, &line, sizeof(line));
		ripple_pool_get(in, &column, sizeof(column));
		file = ripple_pool_get_str(in);
		message = ripple_pool_get_str(in);
		rc = in->failed || in->pos != in->len
			? malformed(err)
			: ripple_error_set(err, code, file, (long)line, (long)column, "%s", message);
		free(file);
		free(message);
		msg_release(in);
		return rc;
	}
	return RIPPLE_OK;
}

/* Hands task i's result to take; one more done. */
static int take(const ripple_pool *p, size_t i, ripple_pool_msg *in, size_t *done,
                ripple_error *err)
{
	int rc = p->take(i, in, p->ctx, err);

	if (in->failed || in->pos != in->len)
		return malformed(err);
	if (rc != RIPPLE_OK)
		return rc;
	++*done;
	if (p->progress)
		p->progress(p->progress_ctx, *done, p->tasks);
	return RIPPLE_OK;
}

int ripple_pool_run(const ripple_pool *p, ripple_error *err)
{
	size_t n = p->tasks, next = 0, done = 0;
	int nw = p->jobs < 1 ? 1 : p->jobs, rc = RIPPLE_OK, started = 0;
	worker *w = NULL;
	struct pollfd *pfd = NULL;
	ripple_pool_msg *early = NULL;   /* in order: results before the tasks ahead of them */

	if (n == 0)
		return RIPPLE_OK;
	if (n > UINT32_MAX)
		return ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "too many tasks for workers");
	if ((size_t)nw > n)
		nw = (int)n;
	w = calloc((size_t)nw, sizeof(*w));
	pfd = calloc((size_t)nw, sizeof(*pfd));
	early = p->in_order ? calloc(n, sizeof(*early)) : NULL;
	if (!w || !pfd || (p->in_order && !early)) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, "", 0, 0, "out of memory");
		goto done;
	}
	started = 1;
	if ((rc = workers_start(w, nw, work, p, err)) < 0)
		goto done;
	for (int k = 0; k < nw; k++)
		if ((rc = hand_out(p, &w[k], next++, err)) < 0)
			goto done;
	while (done < n) {
		for (int k = 0; k < nw; k++)
			pfd[k] = (struct pollfd){ w[k].busy >= 0 ? w[k].results : -1, POLLIN, 0 };
		if (poll(pfd, (nfds_t)nw, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = ripple_error_set(err, RIPPLE_ERUNTIME, "", 0, 0, "poll: %s", strerror(errno));
			goto done;
		}
		for (int k = 0; k < nw; k++) {
			ripple_pool_msg in;
			size_t i = (size_t)w[k].busy;
			if (w[k].busy < 0 || !(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if ((rc = receive(p, &w[k], &in, err)) < 0)
				goto done;
			w[k].busy = -1;
			if (!p->in_order) {
				rc = take(p, i, &in, &done, err);
				msg_release(&in);
			} else {
				early[i] = in;
				while (rc == RIPPLE_OK && done < n && early[done].data) {
					size_t at = done;
					rc = take(p, at, &early[at], &done, err);
					msg_release(&early[at]);
				}
			}
			if (rc != RIPPLE_OK)
				goto done;
			if (next < n && (rc = hand_out(p, &w[k], next++, err)) < 0)
				goto done;
		}
	}
done:
	if (started)
		workers_stop(w, nw);
	for (size_t i = 0; early && i < n; i++)
		msg_release(&early[i]);
	free(early);
	free(w);
	free(pfd);
	return rc;
}
