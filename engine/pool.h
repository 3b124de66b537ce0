/*
 * pool.h - work spread over worker processes (not public API).
 *
 * igraph is not thread-safe in Debian's build, so ripple's parallel work runs
 * in forked processes: ripple batch's places, the blocks of sources of the
 * all-pairs path measures (paths.c), the waves of a place and the Leiden
 * runs of a large wave (metrics.c). The
 * pool forks the workers, hands out task numbers one at a time (a free worker
 * gets the next task, so a slow task never holds up the rest), and carries
 * each result back as one length-prefixed message: the bytes the task wrote,
 * or the worker's ripple_error. The caller sees neither pipes nor processes:
 *
 *     static int run(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err);
 *         (in a worker) computes task i and writes its result into out
 *     static int take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err);
 *         (in the caller's process) reads task i's result back from in
 *
 *     ripple_pool pool = { .tasks = n, .jobs = jobs, .ctx = &c, .run = run, .take = take };
 *     rc = ripple_pool_run(&pool, err);
 *
 * A worker is a copy of the caller's process at ripple_pool_run (fork): ctx
 * and everything it points to are there, as they were, and what a worker
 * changes stays in that worker. Results therefore depend on the task alone,
 * never on which worker ran it, as long as run does not keep state from one
 * task to the next.
 */
#ifndef RIPPLE_POOL_H
#define RIPPLE_POOL_H

#include <stddef.h>

#include "ripple/error.h"

/*
 * One result's bytes: written by a task in a worker (ripple_pool_put*),
 * read back in the same order by the caller's take (ripple_pool_get*).
 */
typedef struct ripple_pool_msg {
	char *data;    /* owned by the pool */
	size_t len;    /* bytes written */
	size_t cap;    /* bytes allocated */
	size_t pos;    /* bytes read */
	int failed;    /* a put ran out of memory, or a get ran past the end */
} ripple_pool_msg;

/** Appends n bytes; out of memory sets m->failed (the task then fails). */
void ripple_pool_put(ripple_pool_msg *m, const void *p, size_t n);

/** Appends a string (its length, then its bytes, no NUL). */
void ripple_pool_put_str(ripple_pool_msg *m, const char *s);

/** Reads the next n bytes into p; past the end, zeros and m->failed. */
void ripple_pool_get(ripple_pool_msg *m, void *p, size_t n);

/** Reads the next string as a malloc'd copy; NULL (and m->failed) past the end or out of memory. */
char *ripple_pool_get_str(ripple_pool_msg *m);

/*
 * What to run, and where the results go. Every function but run, start and
 * finish runs in the caller's process; ctx is passed to all of them. A field
 * left out (0, NULL) is the default: one worker, results as they finish, no
 * start, finish, progress or name.
 */
typedef struct ripple_pool {
	size_t tasks;           /* number of tasks, 0 .. tasks - 1 */
	int jobs;               /* worker processes (at most one a task; below 1: one) */
	int in_order;           /* 1: take sees task 0, 1, 2, ...; 0: as they finish */
	void *ctx;

	/* In each worker before its first task, or NULL. An error is then the
	 * result of every task that worker is given. */
	int (*start)(void *ctx, ripple_error *err);
	/* In each worker after its last task, or NULL. */
	void (*finish)(void *ctx);
	/* In a worker: computes task i into out. 0, or a negative code with err
	 * set, which the pool carries back whole (code, file, line, column,
	 * message) and returns from ripple_pool_run. */
	int (*run)(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err);
	/* In the caller: reads task i's result from in. 0, or a negative code
	 * with err set, which stops the pool. When it reads past the end of the
	 * message, or leaves some of it unread, the pool reports the result as
	 * malformed whatever take returns (take frees what it built). */
	int (*take)(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err);
	/* After each result taken, with the number taken so far, or NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
	/* Names the worker of task i for the error when it stops: "the worker
	 * process comparing place 3" gives "the worker process comparing place
	 * 3 stopped". NULL, or a worker that stopped between tasks: "a worker
	 * process stopped". */
	void (*what)(char *buf, size_t size, size_t i, void *ctx);
} ripple_pool;

/**
 * Runs every task over min(jobs, tasks) worker processes and hands each
 * result to take, once. stdio is flushed before the fork (nothing buffered
 * is written twice), and SIGPIPE is ignored while any pool runs in this
 * process, so a worker that died is an error, not a signal. A worker that
 * stops (killed, crashed, out of memory) is RIPPLE_ERUNTIME "<what>
 * stopped"; a task's own error comes back with its code. On
 * the first error the pool stops: every worker is told to finish, its pipes
 * are closed (a result on its way is dropped) and it is waited for, so no
 * process is left behind; results not yet taken are dropped.
 *
 * Costs one fork a worker, and a copy of each result through a pipe.
 * Returns 0 or the error's (negative) code.
 */
int ripple_pool_run(const ripple_pool *pool, ripple_error *err);

#endif
