/*
 * test_fileio.c - the one writer of output files: whole or not at all.
 */
#include <dirent.h>

#include "helpers.h"
#include "util.h"

/* Files in dir (".", ".." left out). */
static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static char *read_back(const char *path)
{
	char *s = NULL;
	size_t len;
	ripple_error err;

	assert_int_equal(ripple_read_file(&s, &len, path, 1 << 20, &err), RIPPLE_OK);
	return s;
}

static void test_fileio__writes_a_file_whole_and_leaves_no_temporary(void **state)
{
	char *dir = temp_dir(), path[1100], *back;
	ripple_error err;

	(void)state;
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	assert_int_equal(ripple_file_write(path, "a,b\n", 4, &err), RIPPLE_OK);
	assert_int_equal(ripple_file_write(path, "c\n", 2, &err), RIPPLE_OK);   /* replaced */
	back = read_back(path);
	assert_string_equal(back, "c\n");
	assert_int_equal(count_files(dir), 1);
	free(back);
	rm_tree(dir);
}

static void test_fileio__refuses_a_folder_and_a_missing_folder_as_input_errors(void **state)
{
	char *dir = temp_dir(), path[1100];
	ripple_error err;

	(void)state;
	assert_int_equal(ripple_file_write(dir, "x", 1, &err), RIPPLE_EINPUT);
	assert_string_equal(err.file, dir);
	assert_string_equal(err.message, "is a folder, expected a file to write");
	snprintf(path, sizeof(path), "%s/none/out.svg", dir);
	assert_int_equal(ripple_file_write(path, "x", 1, &err), RIPPLE_EINPUT);
	assert_string_equal(err.file, path);
	assert_string_equal(err.message, "cannot write: No such file or directory");
	assert_int_equal(count_files(dir), 0);
	rm_tree(dir);
}

static void test_fileio__renames_none_until_every_file_is_written(void **state)
{
	char *dir = temp_dir(), a[1100], b[1100], *back;
	const char *paths[2] = { a, b }, *data[2] = { "new a", "new b" };
	size_t lens[2] = { 5, 5 };
	ripple_error err;

	(void)state;
	snprintf(a, sizeof(a), "%s/a.csv", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	write_file(dir, "a.csv", "old a");
	mkdir(b, 0755);                        /* the second cannot be written */
	assert_int_equal(ripple_file_write_many(paths, data, lens, 2, &err), RIPPLE_EINPUT);
	back = read_back(a);
	assert_string_equal(back, "old a");    /* the first is untouched */
	free(back);
	assert_int_equal(count_files(dir), 2); /* a.csv and b: no temporary left */
	rmdir(b);
	assert_int_equal(ripple_file_write_many(paths, data, lens, 2, &err), RIPPLE_OK);
	back = read_back(b);
	assert_string_equal(back, "new b");
	free(back);
	rm_tree(dir);
}

static void test_fileio__writes_straight_into_what_is_not_a_regular_file(void **state)
{
	ripple_error err;

	(void)state;
	assert_int_equal(ripple_file_write("/dev/null", "x", 1, &err), RIPPLE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fileio__writes_a_file_whole_and_leaves_no_temporary),
		cmocka_unit_test(test_fileio__refuses_a_folder_and_a_missing_folder_as_input_errors),
		cmocka_unit_test(test_fileio__renames_none_until_every_file_is_written),
		cmocka_unit_test(test_fileio__writes_straight_into_what_is_not_a_regular_file),
	};
	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
