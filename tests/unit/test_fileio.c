/*
 * test_fileio.c - the one writer of output files: whole or not at all.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "fileio.h"
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

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_fileio__new_files_respect_the_umask_and_replaced_ones_keep_their_mode(void **state)
{
	char *dir = temp_dir(), path[1100];
	ripple_error err;
	mode_t was = umask(077);

	(void)state;
	snprintf(path, sizeof(path), "%s/report.html", dir);
	assert_int_equal(ripple_file_write(path, "a", 1, &err), RIPPLE_OK);
	assert_int_equal(mode_of(path), 0600);              /* 0666 less umask 077 */
	umask(022);
	assert_int_equal(ripple_file_write(path, "b", 1, &err), RIPPLE_OK);
	assert_int_equal(mode_of(path), 0600);              /* a 0600 report stays 0600 */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(ripple_file_write(path, "c", 1, &err), RIPPLE_OK);
	assert_int_equal(mode_of(path), 0640);
	umask(was);
	rm_tree(dir);
}

static void test_fileio__apart_refuses_an_input_by_inode_not_by_name(void **state)
{
	char *dir = temp_dir(), db[1100], other[1100], link[1100], place[1100], file[1200];
	ripple_error err;

	(void)state;
	snprintf(db, sizeof(db), "%s/study.db", dir);
	snprintf(other, sizeof(other), "%s/./study.db", dir);
	snprintf(link, sizeof(link), "%s/report.html", dir);
	snprintf(place, sizeof(place), "%s/places/p1", dir);
	snprintf(file, sizeof(file), "%s/ties.csv", place);
	assert_int_equal(ripple_file_write(db, "x", 1, &err), RIPPLE_OK);
	assert_int_equal(ripple_file_apart(link, db, &err), RIPPLE_OK);    /* not there yet */
	assert_int_equal(symlink(db, link), 0);
	assert_int_equal(ripple_file_apart(link, db, &err), RIPPLE_EINPUT);
	assert_string_equal(err.file, link);
	assert_non_null(strstr(err.message, "is the input"));
	assert_int_equal(ripple_file_apart(other, db, &err), RIPPLE_EINPUT);
	/* a file of a place folder, given the place folder or the folder of places */
	snprintf(other, sizeof(other), "%s/places", dir);
	assert_int_equal(mkdir(other, 0777), 0);
	assert_int_equal(mkdir(place, 0777), 0);
	assert_int_equal(ripple_file_write(file, "x", 1, &err), RIPPLE_OK);
	assert_int_equal(ripple_file_apart(file, place, &err), RIPPLE_EINPUT);
	assert_non_null(strstr(err.message, "is in the input"));
	assert_int_equal(ripple_file_apart(file, other, &err), RIPPLE_EINPUT);
	assert_int_equal(ripple_file_apart(place, other, &err), RIPPLE_EINPUT);
	assert_int_equal(ripple_file_apart(db, other, &err), RIPPLE_OK);   /* beside, not in */
	rm_tree(dir);
}

static void test_fileio__writes_a_folder_as_one_unit_and_keeps_other_files(void **state)
{
	char *dir = temp_dir(), out[1100], path[1200], *back;
	const char *names[2] = { "elements.csv", "connections.csv" };
	const char *one[2] = { "e1", "c1" }, *two[2] = { "e2", "c2" };
	size_t lens[2] = { 2, 2 };
	ripple_error err;

	(void)state;
	snprintf(out, sizeof(out), "%s/kumu", dir);
	assert_int_equal(ripple_write_folder(out, names, one, lens, 2, &err), RIPPLE_OK);
	assert_int_equal(count_files(out), 2);
	snprintf(path, sizeof(path), "%s/notes.txt", out);
	assert_int_equal(ripple_file_write(path, "mine", 4, &err), RIPPLE_OK);
	snprintf(path, sizeof(path), "%s/elements.csv", out);
	assert_int_equal(chmod(path, 0600), 0);
	snprintf(path, sizeof(path), "%s/", out);   /* a trailing slash is the same folder */
	assert_int_equal(ripple_write_folder(path, names, two, lens, 2, &err), RIPPLE_OK);
	assert_int_equal(count_files(dir), 1);      /* no temporary left beside it */
	assert_int_equal(count_files(out), 3);
	snprintf(path, sizeof(path), "%s/elements.csv", out);
	back = read_back(path);
	assert_string_equal(back, "e2");
	free(back);
	assert_int_equal(mode_of(path), 0600);
	snprintf(path, sizeof(path), "%s/notes.txt", out);
	back = read_back(path);
	assert_string_equal(back, "mine");
	free(back);
	/* a folder inside cannot be carried over: refused, the set untouched */
	snprintf(path, sizeof(path), "%s/sub", out);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(ripple_write_folder(out, names, one, lens, 2, &err), RIPPLE_EINPUT);
	snprintf(path, sizeof(path), "%s/connections.csv", out);
	back = read_back(path);
	assert_string_equal(back, "c2");
	free(back);
	assert_int_equal(count_files(dir), 1);
	rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fileio__writes_a_file_whole_and_leaves_no_temporary),
		cmocka_unit_test(test_fileio__refuses_a_folder_and_a_missing_folder_as_input_errors),
		cmocka_unit_test(test_fileio__renames_none_until_every_file_is_written),
		cmocka_unit_test(test_fileio__writes_straight_into_what_is_not_a_regular_file),
		cmocka_unit_test(test_fileio__new_files_respect_the_umask_and_replaced_ones_keep_their_mode),
		cmocka_unit_test(test_fileio__apart_refuses_an_input_by_inode_not_by_name),
		cmocka_unit_test(test_fileio__writes_a_folder_as_one_unit_and_keeps_other_files),
	};
	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
