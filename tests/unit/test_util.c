/*
 * test_util.c - the engine's small helpers that a user meets through a
 * message: the edit distance behind "did you mean", counted by hand.
 */
#include <stdint.h>

#include "helpers.h"
#include "util.h"

static void test_util__edit_distance_counts_insertions_deletions_and_substitutions(void **state)
{
	(void)state;
	assert_int_equal(ripple_edit_distance("kitten", "sitting", 10), 3); /* k->s, e->i, +g */
	assert_int_equal(ripple_edit_distance("", "abc", 10), 3);
	assert_int_equal(ripple_edit_distance("abc", "", 10), 3);
	assert_int_equal(ripple_edit_distance("same", "same", 10), 0);
	/* one letter left out of Northamptonshire */
	assert_int_equal(ripple_edit_distance("Nothamptonshire", "Northamptonshire", 10), 1);
}

static void test_util__edit_distance_ignores_ascii_case(void **state)
{
	(void)state;
	assert_int_equal(ripple_edit_distance("STOCKTON", "stockton", 10), 0);
	assert_int_equal(ripple_edit_distance("Hull", "hUlL", 0), 0);
}

static void test_util__edit_distance_stops_at_the_limit(void **state)
{
	char longer[300];

	(void)state;
	/* 6 apart: with a limit of 2 the answer is 3, whatever the true distance */
	assert_int_equal(ripple_edit_distance("abcdef", "uvwxyz", 2), 3);
	assert_int_equal(ripple_edit_distance("abcdef", "uvwxyz", 6), 6);
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	assert_true(ripple_edit_distance(longer, "a", 1000) == SIZE_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_util__edit_distance_counts_insertions_deletions_and_substitutions),
		cmocka_unit_test(test_util__edit_distance_ignores_ascii_case),
		cmocka_unit_test(test_util__edit_distance_stops_at_the_limit),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
