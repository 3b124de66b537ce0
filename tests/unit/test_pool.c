/*
 * test_pool.c - the worker pool (engine/pool.c): every result handed back
 * once, in task order when asked, whatever the workers' speeds; a task's
 * error brought back whole; a killed worker, a bad start or a short read an
 * error, with no process left behind; no deadlock when the pool stops while
 * a worker is writing a large result; SIGPIPE as it was after the pool.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

#include "helpers.h"
#include "pool.h"

#define TASKS 40

typedef struct tctx {
	long fail_at;            /* this task fails with an error (-1: none) */
	long die_at;             /* this task's worker is killed (-1: none) */
	long slow_at;            /* this task waits 0.3 s first (-1: none) */
	size_t big;              /* bytes of each result besides the task number */
	int start_fails;         /* every worker's start fails */
	int read_short;          /* take leaves the last byte unread */
	size_t order[TASKS];     /* tasks in the order take saw them */
	size_t ntaken;
	int wrong;               /* take saw a result that is not its task's */
	size_t progress;         /* the last progress count */
} tctx;

static int t_start(void *ctx, ripple_error *err)
{
	const tctx *c = ctx;
	if (c->start_fails)
		return ripple_error_set(err, RIPPLE_ENOTFOUND, "db.sqlite", 0, 0, "cannot open");
	return RIPPLE_OK;
}

/* In a worker (no cmocka here): the task number, then big bytes that depend on it. */
static int t_run(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err)
{
	const tctx *c = ctx;
	uint64_t v = i;

	if ((long)i == c->die_at)
		kill(getpid(), SIGKILL);
	if ((long)i == c->fail_at)
		return ripple_error_set(err, RIPPLE_EINPUT, "ties.csv", 14, 7,
		                        "unknown actor \"nn-%zu\"", i);
	if ((long)i == c->slow_at)
		usleep(300000);
	usleep((useconds_t)((i * 7) % 5) * 3000);   /* finish out of order */
	ripple_pool_put(out, &v, sizeof(v));
	for (size_t j = 0; j < c->big; j++) {
		unsigned char b = (unsigned char)(i + j);
		ripple_pool_put(out, &b, 1);
	}
	ripple_pool_put_str(out, "done");
	return RIPPLE_OK;
}

static int t_take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	tctx *c = ctx;
	uint64_t v;
	char *s;

	(void)err;
	ripple_pool_get(in, &v, sizeof(v));
	for (size_t j = 0; j < c->big; j++) {
		unsigned char b;
		ripple_pool_get(in, &b, 1);
		c->wrong |= b != (unsigned char)(i + j);
	}
	if (c->read_short) {
		char part[7];
		ripple_pool_get(in, part, sizeof(part));   /* 4 + 4 bytes are there */
		s = NULL;
	} else {
		s = ripple_pool_get_str(in);
		c->wrong |= !s || strcmp(s, "done") != 0;
	}
	free(s);
	c->wrong |= v != i;
	if (c->ntaken < TASKS)
		c->order[c->ntaken++] = i;
	return RIPPLE_OK;
}

static void t_progress(void *ctx, size_t done, size_t total)
{
	tctx *c = ctx;
	c->wrong |= total != TASKS || done != c->progress + 1;
	c->progress = done;
}

static void t_what(char *buf, size_t size, size_t i, void *ctx)
{
	(void)ctx;
	snprintf(buf, size, "the worker process running task %zu", i);
}

static ripple_pool pool_of(tctx *c, int jobs, int in_order)
{
	memset(c, 0, sizeof(*c));
	c->fail_at = c->die_at = c->slow_at = -1;
	return (ripple_pool){ .tasks = TASKS, .jobs = jobs, .in_order = in_order, .ctx = c,
	                      .start = t_start, .run = t_run, .take = t_take, .what = t_what,
	                      .progress = t_progress, .progress_ctx = c };
}

/* No child of this process is left, running or not yet waited for. */
static void assert_no_children(void)
{
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
}

static void test_pool__gives_every_result_in_task_order_when_asked(void **state)
{
	(void)state;
	for (int jobs = 1; jobs <= 4; jobs++) {
		tctx c;
		ripple_pool p = pool_of(&c, jobs, 1);
		ripple_error err;
		c.big = 100;
		assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
		assert_false(c.wrong);
		assert_int_equal(c.ntaken, TASKS);
		assert_int_equal(c.progress, TASKS);
		for (size_t i = 0; i < TASKS; i++)
			assert_int_equal(c.order[i], i);
		assert_no_children();
	}
}

static void test_pool__gives_every_result_once_as_they_finish(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 3, 0);
	ripple_error err;
	int seen[TASKS] = { 0 };

	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
	assert_false(c.wrong);
	assert_int_equal(c.ntaken, TASKS);
	for (size_t i = 0; i < TASKS; i++)
		seen[c.order[i]]++;
	for (size_t i = 0; i < TASKS; i++)
		assert_int_equal(seen[i], 1);
	assert_no_children();
}

static void test_pool__more_jobs_than_tasks_and_no_tasks(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 100, 1);
	ripple_error err;

	p.tasks = 3;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
	assert_int_equal(c.ntaken, 3);
	p.tasks = 0;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
	assert_int_equal(c.ntaken, 3);
	assert_no_children();
}

static void test_pool__brings_a_tasks_error_back_whole(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 2, 1);
	ripple_error err;

	c.fail_at = 5;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_EINPUT);
	assert_int_equal(err.code, RIPPLE_EINPUT);
	assert_string_equal(err.file, "ties.csv");
	assert_int_equal(err.line, 14);
	assert_int_equal(err.column, 7);
	assert_string_equal(err.message, "unknown actor \"nn-5\"");
	assert_true(c.ntaken <= 5);   /* in order: nothing after the failed task */
	assert_no_children();
}

static void test_pool__a_killed_worker_is_an_error_and_leaves_no_process(void **state)
{
	(void)state;
	for (int in_order = 0; in_order <= 1; in_order++) {
		tctx c;
		ripple_pool p = pool_of(&c, 2, in_order);
		ripple_error err;
		c.die_at = 7;
		assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_ERUNTIME);
		assert_string_equal(err.message, "the worker process running task 7 stopped");
		assert_no_children();
		p.what = NULL;
		c.ntaken = 0;
		c.progress = 0;
		assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_ERUNTIME);
		assert_string_equal(err.message, "a worker process stopped");
		assert_no_children();
	}
}

static void test_pool__a_start_error_is_the_result_of_every_task(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 2, 0);
	ripple_error err;

	c.start_fails = 1;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_ENOTFOUND);
	assert_string_equal(err.file, "db.sqlite");
	assert_string_equal(err.message, "cannot open");
	assert_int_equal(c.ntaken, 0);
	assert_no_children();
}

static void test_pool__a_result_not_read_to_its_end_is_malformed(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 2, 0);
	ripple_error err;

	c.read_short = 1;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_ERUNTIME);
	assert_string_equal(err.message, "a worker process sent a malformed result");
	assert_no_children();
}

static void test_pool__stops_while_a_worker_writes_a_large_result(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 2, 1);
	ripple_error err;

	/* task 0 fails at once; task 1, a few MiB (far more than a pipe holds),
	 * is written while the pool stops: the pool must not wait for a worker
	 * that waits for it */
	c.fail_at = 0;
	c.slow_at = 1;
	c.big = (size_t)4 << 20;
	alarm(60);
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_EINPUT);
	alarm(0);
	assert_no_children();
}

static int n_inner;

static int inner_run(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err)
{
	(void)ctx;
	(void)err;
	uint64_t v = i * i;
	ripple_pool_put(out, &v, sizeof(v));
	return RIPPLE_OK;
}

static int inner_take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	uint64_t *sum = ctx, v;
	(void)i;
	(void)err;
	ripple_pool_get(in, &v, sizeof(v));
	*sum += v;
	return RIPPLE_OK;
}

/* A task that runs a pool of its own (as a wave's worker runs its path blocks). */
static int outer_run(ripple_pool_msg *out, size_t i, void *ctx, ripple_error *err)
{
	uint64_t sum = 0;
	ripple_pool p = { .tasks = (size_t)n_inner + i, .jobs = 2, .in_order = 1, .ctx = &sum,
	                  .run = inner_run, .take = inner_take };
	int rc;

	(void)ctx;
	if ((rc = ripple_pool_run(&p, err)) < 0)
		return rc;
	ripple_pool_put(out, &sum, sizeof(sum));
	return RIPPLE_OK;
}

static int outer_take(size_t i, ripple_pool_msg *in, void *ctx, ripple_error *err)
{
	uint64_t *sums = ctx;
	(void)err;
	ripple_pool_get(in, &sums[i], sizeof(sums[i]));
	return RIPPLE_OK;
}

static void test_pool__a_worker_may_run_a_pool_of_its_own(void **state)
{
	(void)state;
	uint64_t sums[3];
	ripple_pool p = { .tasks = 3, .jobs = 2, .ctx = sums, .run = outer_run, .take = outer_take };
	ripple_error err;

	n_inner = 10;
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
	for (size_t i = 0; i < 3; i++) {
		uint64_t want = 0;
		for (uint64_t k = 0; k < 10 + i; k++)
			want += k * k;
		assert_int_equal(sums[i], want);
	}
	assert_no_children();
}

static void on_pipe(int sig)
{
	(void)sig;
}

static void test_pool__puts_sigpipe_back_as_it_was(void **state)
{
	(void)state;
	tctx c;
	ripple_pool p = pool_of(&c, 2, 0);
	ripple_error err;
	void (*before)(int) = signal(SIGPIPE, on_pipe);

	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_OK);
	assert_true(signal(SIGPIPE, on_pipe) == on_pipe);
	c.die_at = 3;   /* and when the pool stops on an error */
	assert_int_equal(ripple_pool_run(&p, &err), RIPPLE_ERUNTIME);
	assert_true(signal(SIGPIPE, before) == on_pipe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool__gives_every_result_in_task_order_when_asked),
		cmocka_unit_test(test_pool__gives_every_result_once_as_they_finish),
		cmocka_unit_test(test_pool__more_jobs_than_tasks_and_no_tasks),
		cmocka_unit_test(test_pool__brings_a_tasks_error_back_whole),
		cmocka_unit_test(test_pool__a_killed_worker_is_an_error_and_leaves_no_process),
		cmocka_unit_test(test_pool__a_start_error_is_the_result_of_every_task),
		cmocka_unit_test(test_pool__a_result_not_read_to_its_end_is_malformed),
		cmocka_unit_test(test_pool__stops_while_a_worker_writes_a_large_result),
		cmocka_unit_test(test_pool__a_worker_may_run_a_pool_of_its_own),
		cmocka_unit_test(test_pool__puts_sigpipe_back_as_it_was),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
