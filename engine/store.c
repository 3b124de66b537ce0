/*
 * store.c - the SQLite database: open, create, import places, list them.
 *
 * Every statement is prepared and every user value is bound, never pasted.
 * An import is one transaction (BEGIN IMMEDIATE ... COMMIT): all the places
 * given, or nothing; a problem found on the way rolls everything back, so the
 * database file is left byte for byte as it was.
 */
#include <errno.h>
#include <stddef.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ripple/csv.h"
#include "ripple/error.h"
#include "ripple/fileio.h"
#include "ripple/place.h"
#include "ripple/store.h"
#include "store_private.h"
#include "fileio.h"
#include "util.h"

extern const char ripple_schema_sql[];   /* schemas/schema.sql, built in */

/** The longest text or blob read or written (a CSV field is at most 1 MiB). */
#define RIPPLE_DB_MAX_VALUE (2 << 20)

/** How long a writer waits for another writer before "database is busy". */
#define RIPPLE_BUSY_TIMEOUT_MS 10000

/* RIPPLE_BUSY_TIMEOUT (seconds, 0 to 3600) when set and valid, else 10 s. */
static int busy_timeout_ms(void)
{
	const char *v = getenv("RIPPLE_BUSY_TIMEOUT");
	char *end;
	double secs;

	if (!v || !*v)
		return RIPPLE_BUSY_TIMEOUT_MS;
	secs = strtod(v, &end);
	if (*end || !(secs >= 0 && secs <= 3600))
		return RIPPLE_BUSY_TIMEOUT_MS;
	return (int)(secs * 1000);
}

/* ---- SQLite's errors in ripple's words ----------------------------------- */

int ripple_db_fail(sqlite3 *db, ripple_error *err)
{
	return ripple_db_fail_at(db, sqlite3_db_filename(db, "main"), err);
}

/* What a write says when the database file or its folder cannot be written. */
#define READONLY_MESSAGE \
	"cannot write the database: the file or its folder is read-only (nothing was changed)"

int ripple_db_fail_at(sqlite3 *db, const char *file, ripple_error *err)
{
	int code = sqlite3_extended_errcode(db) & 0xff;

	/* every write of ripple's is one transaction, rolled back when it fails */
	file = file ? file : "";
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ripple_error_set(err, RIPPLE_ERUNTIME, file, 0, 0,
		                        "database is busy (another ripple is writing to it); try again");
	case SQLITE_CANTOPEN:   /* a journal that cannot be made beside the database */
		if (!*file || !ripple_cannot_write_at(file))
			break;
		/* fall through */
	case SQLITE_READONLY:
		return ripple_error_set(err, RIPPLE_ERUNTIME, file, 0, 0, READONLY_MESSAGE);
	case SQLITE_FULL:
		return ripple_error_set(err, RIPPLE_ERUNTIME, file, 0, 0,
		                        "cannot write the database: the disk is full (nothing was changed)");
	case SQLITE_IOERR:
		return ripple_error_set(err, RIPPLE_ERUNTIME, file, 0, 0,
		                        "database: %s (is the disk full or failing?)", sqlite3_errmsg(db));
	case SQLITE_NOMEM:
		return ripple_error_set(err, RIPPLE_ENOMEM, file, 0, 0, "out of memory");
	default:
		break;
	}
	return ripple_error_set(err, RIPPLE_ERUNTIME, file, 0, 0, "database: %s", sqlite3_errmsg(db));
}

/* Copies the connection's last error into err; returns the RIPPLE_E* code. */
static int db_error(ripple_store *s, ripple_error *err)
{
	if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_NOTADB)
		return ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
		                        "not a ripple database (not an SQLite file)");
	if ((sqlite3_extended_errcode(s->db) & 0xff) == SQLITE_CORRUPT)
		return ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
		                        "not a ripple database, or a damaged one: %s",
		                        sqlite3_errmsg(s->db));
	return ripple_db_fail_at(s->db, s->path, err);
}

int ripple_store_no_db(ripple_store *s, ripple_error *err)
{
	return ripple_error_set(err, RIPPLE_ERUNTIME, s->path, 0, 0,
	                        "places held in memory have no database to ask");
}

static int exec(ripple_store *s, const char *sql, ripple_error *err)
{
	if (!s->db)
		return ripple_store_no_db(s, err);
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_error(s, err);
	return RIPPLE_OK;
}

static int prepare(ripple_store *s, sqlite3_stmt **st, const char *sql, ripple_error *err)
{
	*st = NULL;
	if (!s->db)
		return ripple_store_no_db(s, err);
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(s, err);
	return RIPPLE_OK;
}

/* Binds text, or NULL when text is empty and null_if_empty is set. */
static void bind_text(sqlite3_stmt *st, int i, const char *text, int null_if_empty)
{
	if (!text || (null_if_empty && !*text))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC);
}

/* Steps a statement that returns no rows, then resets it for the next use. */
static int step_done(ripple_store *s, sqlite3_stmt *st, ripple_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return db_error(s, err);
	return RIPPLE_OK;
}

static int user_version(ripple_store *s, int *version, ripple_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = prepare(s, &st, "PRAGMA user_version", err)) < 0)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_error(s, err);
	} else {
		*version = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return rc;
}

int ripple_store_version(ripple_store *s, int *version, ripple_error *err)
{
	return user_version(s, version, err);
}

static int table_count(ripple_store *s, int *count, ripple_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = prepare(s, &st, "SELECT count(*) FROM sqlite_master", err)) < 0)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = db_error(s, err);
	else
		*count = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Upgrades a database of an older schema version in one transaction: runs
 * schema.sql from the block marked "-- @since <version + 1>" to the end (each
 * later block adds what its version brought, and the end sets user_version).
 */
static int upgrade(ripple_store *s, int version, ripple_error *err)
{
	char mark[32];
	const char *from;
	int rc;

	snprintf(mark, sizeof(mark), "-- @since %d ", version + 1);
	from = strstr(ripple_schema_sql, mark);
	if (version < 1 || !from)
		return ripple_error_set(err, RIPPLE_ERUNTIME, s->path, 0, 0,
		                        "cannot upgrade schema version %d", version);
	if ((rc = exec(s, "BEGIN IMMEDIATE", err)) < 0)
		return rc;
	if ((rc = exec(s, from, err)) < 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return exec(s, "COMMIT", err);
}

/*
 * A database file is untrusted input (docs/DECISIONS.md, "When things go
 * wrong"): no statement may attach another file, whatever SQL reaches the
 * connection. Everything else is allowed.
 */
static int deny_attach(void *unused, int action, const char *a, const char *b, const char *c,
                       const char *d)
{
	(void)unused, (void)a, (void)b, (void)c, (void)d;
	return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

/*
 * Opens the connection with ripple's settings (busy timeout, foreign keys) and
 * its defences against a hostile file: defensive mode (no writable_schema, no
 * shadow-table writes), trusted_schema off (the schema may call no function
 * with side effects), no ATTACH, and no text or blob longer than
 * RIPPLE_DB_MAX_VALUE (a message, not a huge allocation).
 */
static int connect(ripple_store *s, const char *name, int oflags, ripple_error *err)
{
	int rc = sqlite3_open_v2(name, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);

	/* a database that cannot be made: the documented message, not SQLite's */
	if (rc != SQLITE_OK && (oflags & SQLITE_OPEN_READWRITE) && ripple_cannot_write_at(s->path))
		return ripple_error_set(err, RIPPLE_ERUNTIME, s->path, 0, 0, READONLY_MESSAGE);
	if (rc != SQLITE_OK)
		return ripple_error_set(err, RIPPLE_ERUNTIME, s->path, 0, 0, "cannot open database: %s",
		                        s->db ? sqlite3_errmsg(s->db) : "out of memory");
	sqlite3_busy_timeout(s->db, busy_timeout_ms());
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) != SQLITE_OK ||
	    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) != SQLITE_OK ||
	    sqlite3_set_authorizer(s->db, deny_attach, NULL) != SQLITE_OK)
		return db_error(s, err);
	sqlite3_limit(s->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, RIPPLE_DB_MAX_VALUE);
	return exec(s, "PRAGMA foreign_keys = ON", err);
}

/* ---- the schema, checked on open ------------------------------------------ */

/*
 * The open-time checks run under a step budget: a damaged file whose checks
 * would run for long (or forever) is refused with a message.
 */
#define RIPPLE_CHECK_STEPS 20000   /* progress calls of 1000 VM steps each: 2e7 steps */

static int over_budget(void *left)
{
	return --*(long *)left < 0;
}

/*
 * Builds in db (an in-memory database) the schema of version `version` from
 * ripple's own schema.sql: the text up to the "@since version+1" mark.
 */
static int reference_schema(sqlite3 *db, int version)
{
	char mark[32];
	const char *end;
	char *sql;
	int rc;

	snprintf(mark, sizeof(mark), "-- @since %d ", version + 1);
	end = strstr(ripple_schema_sql, mark);
	if (!(sql = end ? strndup(ripple_schema_sql, (size_t)(end - ripple_schema_sql))
	                : strdup(ripple_schema_sql)))
		return SQLITE_NOMEM;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	free(sql);
	return rc;
}

/* The CREATE INDEX statement of index `name` as schema.sql has it (malloc'd), or NULL. */
static char *schema_index_sql(const char *name)
{
	char *head = ripple_strdupf("CREATE INDEX %s ON ", name);
	const char *at, *end;
	char *sql = NULL;

	if (head && (at = strstr(ripple_schema_sql, head)) && (end = strchr(at, ';')))
		sql = strndup(at, (size_t)(end - at));
	free(head);
	return sql;
}

/* Sets err to "not a ripple database: <what>" (an input error: exit 2). */
static int not_ours(ripple_store *s, ripple_error *err, const char *what, const char *type,
                    const char *name)
{
	return ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
	                        "not a ripple database, or a damaged one: %s %s \"%s\"%s", what, type,
	                        name, strcmp(what, "it holds a") == 0 ? " that ripple did not create"
	                                                              : "");
}

/*
 * Compares the file's schema with ripple's of the same version: every table,
 * index and view of one is in the other with the same type; a table has the
 * same columns (by name, in order), an index and a view the same SQL text. A
 * trigger, a view or an index on ripple's tables that ripple did not create is
 * refused. A researcher's own tables (and indexes on them) may sit beside
 * ripple's: ripple never reads them, and with no trigger or view nothing of
 * theirs runs when ripple reads or writes its own. SQLite's own objects
 * (sqlite_%: autoindexes, statistics) are left to SQLite.
 */
/*
 * 1 when an object ripple did not create is a table, or an index on a table,
 * that is not one of ripple's (ours: "is tbl_name a table of ripple's schema?"
 * on the reference database, ?1 the name).
 */
static int user_table(sqlite3_stmt *ours, const char *type, const char *table)
{
	int mine;

	if (!table || (strcmp(type, "table") != 0 && strcmp(type, "index") != 0))
		return 0;
	sqlite3_bind_text(ours, 1, table, -1, SQLITE_TRANSIENT);
	mine = sqlite3_step(ours) == SQLITE_ROW;
	sqlite3_reset(ours);
	return !mine;
}

static int check_schema(ripple_store *s, int version, ripple_error *err)
{
	static const char *const objects =
		"SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_master "
		"WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
	static const char *const columns =
		"SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(?1) ORDER BY cid)";
	sqlite3 *ref = NULL;
	sqlite3_stmt *mine = NULL, *theirs = NULL, *mcols = NULL, *tcols = NULL, *ours = NULL;
	int rc = RIPPLE_OK, step;

	if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	        SQLITE_OK || reference_schema(ref, version) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, objects, -1, &mine, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, columns, -1, &mcols, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
	                       -1, &ours, NULL) != SQLITE_OK) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
		goto done;
	}
	if (sqlite3_prepare_v2(s->db, objects, -1, &theirs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, columns, -1, &tcols, NULL) != SQLITE_OK) {
		rc = db_error(s, err);
		goto done;
	}
	/* a merge of two lists sorted by name */
	int mrc = sqlite3_step(mine);
	step = sqlite3_step(theirs);
	while (rc == RIPPLE_OK && (mrc == SQLITE_ROW || step == SQLITE_ROW)) {
		const char *mname = mrc == SQLITE_ROW ? (const char *)sqlite3_column_text(mine, 1) : NULL;
		const char *tname = step == SQLITE_ROW ? (const char *)sqlite3_column_text(theirs, 1) : NULL;
		const char *ttype = step == SQLITE_ROW ? (const char *)sqlite3_column_text(theirs, 0) : NULL;
		int cmp = !mname ? 1 : !tname ? -1 : strcmp(mname, tname);

		if (step == SQLITE_ROW && (!tname || !ttype)) {
			rc = not_ours(s, err, "it holds an", "unnamed", "object");
		} else if (cmp < 0) {
			rc = not_ours(s, err, "it lacks", (const char *)sqlite3_column_text(mine, 0), mname);
		} else if (cmp > 0 && user_table(ours, ttype,
		                                  (const char *)sqlite3_column_text(theirs, 2))) {
			;   /* a researcher's own table, or an index on one */
		} else if (cmp > 0 || strcmp(ttype, "trigger") == 0) {
			rc = not_ours(s, err, "it holds a", ttype, tname);
		} else if (strcmp(ttype, (const char *)sqlite3_column_text(mine, 0)) != 0 ||
		           strcmp((const char *)sqlite3_column_text(mine, 2),
		                  (const char *)sqlite3_column_text(theirs, 2)) != 0) {
			rc = not_ours(s, err, "it holds a", ttype, tname);
		} else if (strcmp(ttype, "table") != 0) {
			if (strcmp((const char *)sqlite3_column_text(mine, 3),
			           (const char *)sqlite3_column_text(theirs, 3)) != 0)
				rc = not_ours(s, err, "it holds a", ttype, tname);
		} else {
			const char *mc, *tc;
			sqlite3_bind_text(mcols, 1, mname, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(tcols, 1, tname, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(mcols) != SQLITE_ROW || sqlite3_step(tcols) != SQLITE_ROW)
				rc = db_error(s, err);
			else if (!(mc = (const char *)sqlite3_column_text(mcols, 0)) ||
			         !(tc = (const char *)sqlite3_column_text(tcols, 0)) || strcmp(mc, tc) != 0)
				rc = not_ours(s, err, "its columns are not ripple's in", "table", tname);
			sqlite3_reset(mcols);
			sqlite3_reset(tcols);
		}
		if (cmp <= 0)
			mrc = sqlite3_step(mine);
		if (cmp >= 0)
			step = sqlite3_step(theirs);
	}
	if (rc == RIPPLE_OK && step != SQLITE_DONE)
		rc = db_error(s, err);
done:
	sqlite3_finalize(mine);
	sqlite3_finalize(mcols);
	sqlite3_finalize(theirs);
	sqlite3_finalize(tcols);
	sqlite3_finalize(ours);
	sqlite3_close(ref);
	return rc;
}

/*
 * Checks that every chain of parents (actors, ripples) ends: a damaged file can
 * hold a cycle, which import refuses. Walks down from the roots (no parent, or
 * one that is not there), each row once; a row never reached is on a cycle or
 * below one.
 */
static int check_acyclic(ripple_store *s, ripple_error *err)
{
	static const char *const sql[2] = {
		"WITH RECURSIVE down (id) AS (SELECT actor_id FROM actor WHERE parent_id IS NULL OR "
		"parent_id NOT IN (SELECT actor_id FROM actor) UNION ALL SELECT a.actor_id FROM actor a "
		"JOIN down d ON a.parent_id = d.id) "
		"SELECT (SELECT count(*) FROM actor) - (SELECT count(*) FROM down)",
		"WITH RECURSIVE down (id) AS (SELECT ripple_id FROM ripple WHERE parent_id IS NULL OR "
		"parent_id NOT IN (SELECT ripple_id FROM ripple) UNION ALL SELECT r.ripple_id FROM ripple r "
		"JOIN down d ON r.parent_id = d.id) "
		"SELECT (SELECT count(*) FROM ripple) - (SELECT count(*) FROM down)",
	};
	static const char *const what[2] = { "actors", "ripples" };
	int rc = RIPPLE_OK;

	for (int k = 0; k < 2 && rc == RIPPLE_OK; k++) {
		sqlite3_stmt *st;
		if ((rc = prepare(s, &st, sql[k], err)) < 0)
			return rc;
		if (sqlite3_step(st) != SQLITE_ROW)
			rc = db_error(s, err);
		else if (sqlite3_column_int64(st, 0) != 0)
			rc = ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
			                      "damaged database: %lld %s have a chain of parents that is a "
			                      "cycle (ripple import refuses these)",
			                      (long long)sqlite3_column_int64(st, 0), what[k]);
		sqlite3_finalize(st);
	}
	return rc;
}

/*
 * Checks that no column the schema says is NOT NULL holds a NULL (a file
 * edited with writable_schema can): what ripple reads is then what the schema
 * promises, and a NULL name or label is refused here instead of read as "".
 * The columns are those of ripple's own schema of this version (not the
 * file's, which may say otherwise), in the tables ripple reads (the batch
 * tables it only writes are left out). One scan of each table.
 */
static int check_not_null(ripple_store *s, int version, ripple_error *err)
{
	static const char *const notnull =
		"SELECT m.name, group_concat(p.name, ',') FROM sqlite_master m, "
		"pragma_table_info(m.name) p WHERE m.type = 'table' AND p.\"notnull\" "
		"AND m.name NOT LIKE 'batch\\_%' ESCAPE '\\' GROUP BY m.name ORDER BY m.name";
	sqlite3 *ref = NULL;
	sqlite3_stmt *cols = NULL;
	int rc = RIPPLE_OK, step;

	if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	        SQLITE_OK || reference_schema(ref, version) != SQLITE_OK ||
	    sqlite3_prepare_v2(ref, notnull, -1, &cols, NULL) != SQLITE_OK) {
		rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
		goto done;
	}
	while (rc == RIPPLE_OK && (step = sqlite3_step(cols)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(cols, 0);
		const char *list = (const char *)sqlite3_column_text(cols, 1);
		char *names = list ? strdup(list) : NULL, *sql = NULL, *save = NULL;
		size_t len = 0, n = 0;
		sqlite3_stmt *st = NULL;

		if (!table || !names) {
			free(names);
			rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
			break;
		}
		/* SELECT typeof("a") = 'null', ... FROM t WHERE typeof("a") = 'null' OR ... LIMIT 1:
		 * not "a" IS NULL, which SQLite takes as false on a NOT NULL column */
		char *what = NULL, *where = NULL;
		for (char *c = strtok_r(names, ",", &save); c; c = strtok_r(NULL, ",", &save), n++) {
			char *w1 = ripple_strdupf("%s%stypeof(\"%s\") = 'null'", what ? what : "",
			                          what ? ", " : "", c);
			char *w2 = ripple_strdupf("%s%stypeof(\"%s\") = 'null'", where ? where : "",
			                          where ? " OR " : "", c);
			free(what);
			free(where);
			what = w1;
			where = w2;
		}
		if (what && where)
			sql = ripple_strdupf("SELECT %s FROM \"%s\" WHERE %s LIMIT 1", what, table, where);
		free(what);
		free(where);
		if (!sql) {
			free(names);
			rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
			break;
		}
		if ((rc = prepare(s, &st, sql, err)) == RIPPLE_OK) {
			int r = sqlite3_step(st);
			if (r == SQLITE_ROW) {
				/* the first column that is NULL: names holds them, NUL-separated */
				const char *c = names, *hit = "?";
				for (size_t k = 0; k < n && hit[0] == '?'; k++, c += len + 1) {
					len = strlen(c);
					if (sqlite3_column_int(st, (int)k))
						hit = c;
				}
				rc = ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
				                      "not a ripple database, or a damaged one: a NULL in "
				                      "column \"%s\" of table \"%s\", which the schema says "
				                      "is NOT NULL", hit, table);
			} else if (r != SQLITE_DONE) {
				rc = db_error(s, err);
			}
		}
		sqlite3_finalize(st);
		free(sql);
		free(names);
	}
	if (rc == RIPPLE_OK && step != SQLITE_DONE)
		rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
done:
	sqlite3_finalize(cols);
	sqlite3_close(ref);
	return rc;
}

/*
 * The open-time checks of a database file ripple did not just create: its
 * schema (check_schema) and its parent chains (check_acyclic), under a step
 * budget. A file SQLite finds corrupt is an input error.
 */
static int check_file(ripple_store *s, int version, ripple_error *err)
{
	long left = RIPPLE_CHECK_STEPS;
	int rc;

	sqlite3_progress_handler(s->db, 1000, over_budget, &left);
	rc = check_schema(s, version, err);
	if (rc == RIPPLE_OK)
		rc = check_acyclic(s, err);
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	/* a scan of each table, as long as the file is large: no budget */
	if (rc == RIPPLE_OK)
		rc = check_not_null(s, version, err);
	if (rc < 0 && left < 0)
		return ripple_error_set(err, RIPPLE_EINPUT, s->path, 0, 0,
		                        "not a ripple database, or a damaged one: checking it takes "
		                        "too long");
	if (rc == RIPPLE_ERUNTIME) {
		int code = sqlite3_extended_errcode(s->db) & 0xff;
		if (code == SQLITE_CORRUPT || code == SQLITE_ERROR || code == SQLITE_TOOBIG ||
		    code == SQLITE_NOTADB || code == SQLITE_MISMATCH || code == SQLITE_RANGE)
			err->code = rc = RIPPLE_EINPUT;
	}
	return rc;
}

/* 1 when the database has no -wal file beside it (nothing committed is outside it). */
static int no_wal_file(const char *path)
{
	char *wal = ripple_strdupf("%s-wal", path);
	int none = wal && access(wal, F_OK) != 0 && errno == ENOENT;

	free(wal);
	return none;
}

/* "file:PATH?immutable=1" with PATH percent-encoded (RFC 3986); malloc'd, or NULL. */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *uri = malloc(strlen(path) * 3 + sizeof("file:?immutable=1")), *w = uri;

	if (!uri)
		return NULL;
	w += sprintf(w, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr("/-._~", *c)) {
			*w++ = (char)*c;
		} else {
			*w++ = '%';
			*w++ = hex[*c >> 4];
			*w++ = hex[*c & 15];
		}
	}
	strcpy(w, "?immutable=1");
	return uri;
}

/*
 * Refuses a database, or a -wal or -journal file beside it, that is there but is
 * not a regular file (a FIFO would block the open forever, a device would be
 * read without end).
 */
static int regular_files(const char *path, ripple_error *err)
{
	static const char *const suffix[] = { "", "-wal", "-journal" };
	int rc = RIPPLE_OK;

	for (size_t k = 0; k < sizeof(suffix) / sizeof(*suffix) && rc == RIPPLE_OK; k++) {
		struct stat st;
		char *name = ripple_strdupf("%s%s", path, suffix[k]);
		if (!name)
			return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
		if (stat(name, &st) == 0 && !S_ISREG(st.st_mode))
			rc = ripple_error_set(err, RIPPLE_EINPUT, name, 0, 0,
			                      "not a regular file, expected a database file");
		free(name);
	}
	return rc;
}

int ripple_store_open(ripple_store **out, const char *path, int flags, ripple_error *err)
{
	ripple_store *s;
	int memory = strcmp(path, ":memory:") == 0;
	int oflags, rc, version = 0, tables = 0;

	*out = NULL;
	if (!memory && !ripple_exists(path) && !(flags & RIPPLE_STORE_CREATE))
		return ripple_error_set(err, RIPPLE_ENOTFOUND, path, 0, 0,
		                        "no such database (make one with `ripple init` or `ripple import`)");
	if (!memory && ripple_is_dir(path))
		return ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                        "is a folder, expected a database file");
	if (!memory && (rc = regular_files(path, err)) < 0)
		return rc;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
	}
	oflags = (flags & (RIPPLE_STORE_WRITE | RIPPLE_STORE_CREATE)) ? SQLITE_OPEN_READWRITE
	                                                               : SQLITE_OPEN_READONLY;
	if (flags & RIPPLE_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if ((rc = connect(s, path, oflags, err)) < 0)
		goto fail;
	rc = user_version(s, &version, err);
	if (rc < 0 && !(oflags & SQLITE_OPEN_READWRITE) && !memory && no_wal_file(path)) {
		/* a WAL database in a folder we cannot write: SQLite cannot make the
		 * -shm file it reads through; with no -wal file everything committed
		 * is in the database file, so it is read as an immutable file */
		char *uri = immutable_uri(path);
		sqlite3_close(s->db);
		s->db = NULL;
		if (!uri) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
			goto fail;
		}
		rc = connect(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
		free(uri);
		if (rc == 0)
			rc = user_version(s, &version, err);
	}
	if (rc < 0 || (rc = table_count(s, &tables, err)) < 0)
		goto fail;
	if (version > RIPPLE_SCHEMA_VERSION) {
		rc = ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                      "written by a newer ripple (schema version %d; this ripple %s "
		                      "reads version %d): upgrade ripple", version, RIPPLE_VERSION,
		                      RIPPLE_SCHEMA_VERSION);
		goto fail;
	}
	if (version <= 0 && tables > 0) {
		rc = ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
		                      "not a ripple database (it has tables but no ripple schema)");
		goto fail;
	}
	if (version > 0 && !memory && (rc = check_file(s, version, err)) < 0)
		goto fail;
	if (version > 0 && version < RIPPLE_SCHEMA_VERSION &&
	    (flags & (RIPPLE_STORE_WRITE | RIPPLE_STORE_CREATE)) &&
	    (rc = upgrade(s, version, err)) < 0)
		goto fail;
	if (version == 0) {
		if (!(flags & RIPPLE_STORE_CREATE)) {
			rc = ripple_error_set(err, RIPPLE_EINPUT, path, 0, 0,
			                      "not a ripple database (empty file)");
			goto fail;
		}
		if ((rc = ripple_store_init(s, err)) < 0)
			goto fail;
	}
	*out = s;
	return RIPPLE_OK;
fail:
	ripple_store_close(s);
	return rc;
}

void ripple_store_close(ripple_store *s)
{
	if (!s)
		return;
	sqlite3_close(s->db);
	ripple_places_free(s->places, s->nplaces);
	free(s->keys);
	free(s->path);
	free(s);
}

int ripple_store_hold(ripple_store **out, ripple_place **places, size_t n, const char *path,
                      ripple_error *err)
{
	ripple_store *s = calloc(1, sizeof(*s));
	ripple_held_keys next = { 1, 1, 1, 1, 1 };

	*out = NULL;
	if (!s || !(s->path = strdup(path)) || !(s->keys = malloc((n ? n : 1) * sizeof(*s->keys)))) {
		if (s)
			free(s->path);
		free(s);
		ripple_places_free(places, n);
		return ripple_error_set(err, RIPPLE_ENOMEM, path, 0, 0, "out of memory");
	}
	s->places = places;
	s->nplaces = n;
	for (size_t i = 0; i < n; i++) {
		const ripple_place *p = places[i];
		s->keys[i] = next;
		next.place++;
		next.wave += (int64_t)p->nwaves;
		next.actor += (int64_t)p->nactors;
		next.tie += (int64_t)p->nties;
		next.ripple += (int64_t)p->nripples;
	}
	*out = s;
	return RIPPLE_OK;
}

/* The place a held store holds under place_id (its import order + 1), or NULL. */
const ripple_place *ripple_store_held(const ripple_store *s, int64_t place_id)
{
	return !s->db && place_id >= 1 && (uint64_t)place_id <= s->nplaces
	       ? s->places[place_id - 1] : NULL;
}

typedef struct held_name {
	const char *name;
	size_t i;
} held_name;

static int held_name_cmp(const void *a, const void *b)
{
	return strcmp(((const held_name *)a)->name, ((const held_name *)b)->name);
}

/* ripple_store_list of a held store: by name, bytewise (the column's BINARY order). */
static int held_list(int64_t **ids, char ***names, size_t *count, ripple_store *s,
                     ripple_error *err)
{
	size_t n = s->nplaces;
	held_name *order = malloc((n ? n : 1) * sizeof(*order));
	int64_t *v = malloc((n ? n : 1) * sizeof(*v));
	char **nv = calloc(n + 1, sizeof(*nv));

	if (!order || !v || !nv)
		goto nomem;
	for (size_t i = 0; i < n; i++)
		order[i] = (held_name){ s->places[i]->name, i };
	qsort(order, n, sizeof(*order), held_name_cmp);   /* names are distinct */
	for (size_t i = 0; i < n; i++) {
		v[i] = (int64_t)order[i].i + 1;
		if (!(nv[i] = strdup(order[i].name)))
			goto nomem;
	}
	free(order);
	*ids = v;
	*names = nv;
	*count = n;
	return RIPPLE_OK;
nomem:
	free(order);
	free(v);
	ripple_strv_free(nv);
	return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
}

int ripple_store_set_path(ripple_store *s, const char *path, ripple_error *err)
{
	char *copy = strdup(path);

	if (!copy)
		return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
	free(s->path);
	s->path = copy;
	return RIPPLE_OK;
}

sqlite3 *ripple_store_db(ripple_store *s)
{
	return s->db;
}

int ripple_store_init(ripple_store *s, ripple_error *err)
{
	int version = 0, rc;

	if ((rc = user_version(s, &version, err)) < 0 || version != 0)
		return rc;
	/* WAL lets readers go on while one writer imports; it is a property of the file */
	if (strcmp(s->path, ":memory:") != 0 && (rc = exec(s, "PRAGMA journal_mode = WAL", err)) < 0)
		return rc;
	if ((rc = exec(s, "BEGIN IMMEDIATE", err)) < 0)
		return rc;
	if ((rc = exec(s, ripple_schema_sql, err)) < 0) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return exec(s, "COMMIT", err);
}

/* ---- import -------------------------------------------------------------- */

enum {
	Q_FIND_PLACE, Q_UNLINK_ACTORS, Q_UNLINK_RIPPLES, Q_DELETE_PLACE, Q_PLACE, Q_WAVE,
	Q_MAX_ACTOR, Q_MAX_TIE, Q_ACTOR_PARENT, Q_RIPPLE, Q_RIPPLE_PARENT, Q_CAPITAL,
	Q_RIPPLE_ACTOR, Q_COUNT
};

static const char *const import_sql[Q_COUNT] = {
	[Q_FIND_PLACE] = "SELECT place_id FROM place WHERE name = ?1",
	/* parents first: a cascade through a 1000-deep tree would hit SQLite's
	 * trigger depth limit */
	[Q_UNLINK_ACTORS] = "UPDATE actor SET parent_id = NULL WHERE place_id = ?1",
	[Q_UNLINK_RIPPLES] = "UPDATE ripple SET parent_id = NULL WHERE place_id = ?1",
	[Q_DELETE_PLACE] = "DELETE FROM place WHERE place_id = ?1",
	[Q_PLACE] = ("INSERT INTO place (name, programme, directed, source, responses) "
	             "VALUES (?1, ?2, ?3, ?4, ?5)"),
	[Q_WAVE] = "INSERT INTO wave (place_id, name, ordinal, date) VALUES (?1, ?2, ?3, ?4)",
	[Q_MAX_ACTOR] = "SELECT coalesce(max(actor_id), 0) FROM actor",
	[Q_MAX_TIE] = "SELECT coalesce(max(tie_id), 0) FROM tie",
	[Q_ACTOR_PARENT] = "UPDATE actor SET parent_id = ?2 WHERE actor_id = ?1",
	[Q_RIPPLE] = ("INSERT INTO ripple (place_id, code, label, valence, intended, date, notes) "
	              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),   /* one string: clang warns otherwise */
	[Q_RIPPLE_PARENT] = "UPDATE ripple SET parent_id = ?2 WHERE ripple_id = ?1",
	[Q_CAPITAL] = "INSERT INTO ripple_capital (ripple_id, capital) VALUES (?1, ?2)",
	[Q_RIPPLE_ACTOR] = "INSERT INTO ripple_actor (ripple_id, actor_id) VALUES (?1, ?2)",
};

/*
 * Actors, ties and their attributes are written by INSERTs of BULK_ROWS rows
 * each (and of one row for the last few): every step of an INSERT opens a
 * cursor on the table and on each of its indexes, begins and ends a statement
 * and closes the cursors again, which cost as much as writing the row
 * (`places` on four folders of 300 actors and 3,000 ties: 344 M instructions
 * in the import before, 196 M after). OR FAIL: with the default ABORT, SQLite
 * keeps a statement journal (a copy of each page a many-row statement changes)
 * to undo the one statement; an error undoes the whole import anyway. With
 * --replace, foreign keys are on and their checks make SQLite keep that
 * journal whatever the conflict clause (6 s of system time on 2M ties), so
 * there rows go one by one.
 */
#define BULK_ROWS 64

enum { B_ACTOR, B_ACTOR_ATTR, B_TIE, B_TIE_ATTR, B_RESPONSE, B_COUNT };

static const struct {
	const char *sql;   /* followed by one "(?,...)" a row */
	int ncols;
} bulk_insert[B_COUNT] = {
	[B_ACTOR] = { "INSERT OR FAIL INTO actor (place_id, code, label, kind, sector, town, "
	              "attended, attended_when) VALUES ", 8 },
	[B_ACTOR_ATTR] = { "INSERT OR FAIL INTO actor_attribute (actor_id, name, value) VALUES ", 3 },
	[B_TIE] = { "INSERT OR FAIL INTO tie (wave_id, source_id, target_id, type, weight) "
	            "VALUES ", 5 },
	[B_TIE_ATTR] = { "INSERT OR FAIL INTO tie_attribute (tie_id, name, value) VALUES ", 3 },
	[B_RESPONSE] = { "INSERT OR FAIL INTO response (actor_id, wave_id, status) VALUES ", 3 },
};

/* The statements that write one table, BULK_ROWS rows at a time. */
typedef struct bulk {
	sqlite3_stmt *many;   /* inserts BULK_ROWS rows, owned */
	sqlite3_stmt *one;    /* inserts one row, owned */
	sqlite3_stmt *st;     /* many or one: where the current row is bound */
	int ncols;            /* parameters a row */
	int base;             /* the current row's column c is parameter base + c (from 1) */
	int row;              /* rows bound into many and not written yet */
	size_t left;          /* rows still to come, the current one included */
} bulk;

/* Prepares b's statements: sql followed by one "(?,...)", and unless one_by_one
 * by BULK_ROWS of them. */
static int bulk_prepare(ripple_store *s, bulk *b, const char *sql, int ncols, int one_by_one,
                        ripple_error *err)
{
	size_t len = strlen(sql), rowlen = 2 + 2 * (size_t)ncols;   /* "(?,?,?)," */
	char *text = malloc(len + rowlen * BULK_ROWS + 1), *w;
	int rc = RIPPLE_OK;

	if (!text)
		return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
	memcpy(text, sql, len);
	w = text + len;
	for (int r = 0; r < BULK_ROWS && rc == RIPPLE_OK; r++) {
		if (r)
			*w++ = ',';
		*w++ = '(';
		for (int c = 0; c < ncols; c++) {
			if (c)
				*w++ = ',';
			*w++ = '?';
		}
		*w++ = ')';
		*w = '\0';
		if (r == 0)
			rc = prepare(s, &b->one, text, err);
	}
	if (rc == RIPPLE_OK && !one_by_one)
		rc = prepare(s, &b->many, text, err);
	b->ncols = ncols;
	free(text);
	return rc;
}

/* Announces that n rows are to be written through b. */
static void bulk_begin(bulk *b, size_t n)
{
	b->left = n;
	b->row = 0;
}

/* The statement the next row is bound into, at parameters b->base + 1 ... */
static sqlite3_stmt *bulk_row(bulk *b)
{
	if (b->row > 0 || (b->left >= BULK_ROWS && b->many)) {   /* a started batch is filled */
		b->st = b->many;
		b->base = b->row * b->ncols;
	} else {
		b->st = b->one;
		b->base = 0;
	}
	return b->st;
}

/* Ends the row bound since bulk_row(), writing the statement's rows when it is full:
 * once all the rows announced have ended, all are written. */
static int bulk_next(ripple_store *s, bulk *b, ripple_error *err)
{
	b->left--;
	if (b->st == b->many && ++b->row < BULK_ROWS)
		return RIPPLE_OK;
	b->row = 0;
	return step_done(s, b->st, err);
}

/*
 * The secondary indexes of the tables an import writes, in schema.sql's order.
 * Into a database that holds no place (a new file, a folder's in-memory
 * database) an import drops them first and makes them again last, in its
 * transaction: building an index from its sorted keys costs less than keeping
 * it up to date row by row (2.5 s of 8 s user on 2M ties). Into a database
 * that holds places they stay, as the build would sort the rows of all of them
 * (it takes about half of what keeping them costs a row, so it pays only
 * while the database holds fewer ties than the import brings) and the deletes
 * of --replace cascade through them. The schema is the same; sqlite_master
 * lists these five indexes last, as it would after a VACUUM.
 */
static const struct {
	const char *name;
	const char *drop;
} import_indexes[] = {
	{ "actor_parent", "DROP INDEX actor_parent" },
	{ "tie_source", "DROP INDEX tie_source" },
	{ "tie_target", "DROP INDEX tie_target" },
	{ "ripple_parent", "DROP INDEX ripple_parent" },
	{ "ripple_actor_actor", "DROP INDEX ripple_actor_actor" },
};
#define N_IMPORT_INDEXES (sizeof(import_indexes) / sizeof(*import_indexes))

typedef struct importer {
	ripple_store *s;
	sqlite3_stmt *q[Q_COUNT];   /* owned */
	bulk b[B_COUNT];            /* owned */
	char *index_sql[N_IMPORT_INDEXES]; /* CREATE INDEX of each index dropped, owned */
	ripple_error *err;
} importer;

/* When the database holds no place, drops import_indexes, keeping their
 * CREATE INDEX statements (as ripple's own schema.sql has them: no SQL read
 * from the file is ever run) for index_build. */
static int index_drop(importer *im)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = prepare(im->s, &st, "SELECT 1 FROM sqlite_master WHERE type = 'index' "
	                  "AND name = ?1 AND NOT EXISTS (SELECT 1 FROM place)", im->err)) < 0)
		return rc;
	for (size_t k = 0; k < N_IMPORT_INDEXES && rc == RIPPLE_OK; k++) {
		bind_text(st, 1, import_indexes[k].name, 0);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && !(im->index_sql[k] = schema_index_sql(import_indexes[k].name)))
			rc = ripple_error_set(im->err, RIPPLE_ENOMEM, im->s->path, 0, 0, "out of memory");
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			rc = db_error(im->s, im->err);
		else
			rc = RIPPLE_OK;
		sqlite3_reset(st);   /* before the DROP, which changes sqlite_master */
		if (rc == RIPPLE_OK && im->index_sql[k])
			rc = exec(im->s, import_indexes[k].drop, im->err);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Makes the indexes index_drop dropped again, from the statements it kept. */
static int index_build(importer *im)
{
	int rc = RIPPLE_OK;

	for (size_t k = 0; k < N_IMPORT_INDEXES && rc == RIPPLE_OK; k++)
		if (im->index_sql[k])
			rc = exec(im->s, im->index_sql[k], im->err);
	return rc;
}

/* The largest id of a table, from a Q_MAX_* query (0 when it is empty). */
static int max_id(importer *im, int q, int64_t *id)
{
	int rc = sqlite3_step(im->q[q]);

	*id = rc == SQLITE_ROW ? sqlite3_column_int64(im->q[q], 0) : 0;
	sqlite3_reset(im->q[q]);
	return rc == SQLITE_ROW ? RIPPLE_OK : db_error(im->s, im->err);
}

/* Checks that the n rows just written got the ids first, first + 1, ... */
static int check_ids(importer *im, int64_t first, size_t n)
{
	if (n && sqlite3_last_insert_rowid(im->s->db) != first + (int64_t)n - 1)
		return ripple_error_set(im->err, RIPPLE_ERUNTIME, im->s->path, 0, 0,
		                        "rows did not get consecutive ids");
	return RIPPLE_OK;
}

/* The CSV row of items[i], an array of structs of the given size with a size_t row at off. */
static size_t item_row(const void *items, size_t size, size_t off, size_t i)
{
	size_t row;

	memcpy(&row, (const char *)items + i * size + off, sizeof(row));
	return row;
}

/*
 * Writes the non-empty extra cells of n actors or ties (items, see item_row)
 * as attribute rows through b, item i under the id first + i.
 */
static int import_attributes(importer *im, bulk *b, const ripple_csv *csv, const size_t *extra,
                             size_t nextra, int64_t first, const void *items, size_t size,
                             size_t off, size_t n)
{
	size_t count = 0;
	int rc;

	for (size_t i = 0; nextra && i < n; i++)
		for (size_t k = 0; k < nextra; k++)
			count += *ripple_csv_cell(csv, item_row(items, size, off, i), extra[k]) != '\0';
	bulk_begin(b, count);
	for (size_t i = 0; count && i < n; i++) {
		size_t row = item_row(items, size, off, i);
		for (size_t k = 0; k < nextra; k++) {
			const char *v = ripple_csv_cell(csv, row, extra[k]);
			if (!*v)
				continue;
			sqlite3_stmt *st = bulk_row(b);
			sqlite3_bind_int64(st, b->base + 1, first + (int64_t)i);
			bind_text(st, b->base + 2, csv->header[extra[k]], 0);
			bind_text(st, b->base + 3, v, 0);
			if ((rc = bulk_next(im->s, b, im->err)) < 0)
				return rc;
		}
	}
	return RIPPLE_OK;
}

/*
 * Writes the statuses of p->responses that are not "answered" (an actor x wave
 * without a row answered), wave by wave, actor a under the id actor1 + a.
 */
static int import_responses(importer *im, const ripple_place *p, int64_t actor1,
                            const int64_t *wave_ids)
{
	bulk *b = &im->b[B_RESPONSE];
	size_t count = 0, n = p->nactors * p->nwaves;
	int rc;

	for (size_t i = 0; p->responses && i < n; i++)
		count += p->responses[i] != RIPPLE_RESPONSE_ANSWERED;
	bulk_begin(b, count);
	for (size_t i = 0; count && i < n; i++) {
		enum ripple_response r = (enum ripple_response)p->responses[i];
		if (r == RIPPLE_RESPONSE_ANSWERED)
			continue;
		sqlite3_stmt *st = bulk_row(b);
		sqlite3_bind_int64(st, b->base + 1, actor1 + (int64_t)(i % p->nactors));
		sqlite3_bind_int64(st, b->base + 2, wave_ids[i / p->nactors]);
		bind_text(st, b->base + 3, ripple_response_name(r), 0);
		if ((rc = bulk_next(im->s, b, im->err)) < 0)
			return rc;
	}
	return RIPPLE_OK;
}

/*
 * Writes one place (already checked) into the open transaction. SQLite gives
 * a new row the table's largest id + 1, so the actors and the ties of a place
 * get consecutive ids in file order, known before they are written: their
 * attributes, parents and ripples need no sqlite3_last_insert_rowid (checked
 * once a table: the last row's id). Naming the ids instead costs a search of
 * the table for each row (8% of the import).
 */
static int import_place(importer *im, const ripple_place *p)
{
	sqlite3_stmt **q = im->q;
	ripple_store *s = im->s;
	bulk *b;
	int64_t place_id, actor1, tie1, *wave_ids = NULL, *ripple_ids = NULL;
	int rc = RIPPLE_ENOMEM;

	bind_text(q[Q_PLACE], 1, p->name, 0);
	bind_text(q[Q_PLACE], 2, p->programme, 0);
	sqlite3_bind_int(q[Q_PLACE], 3, p->directed);
	bind_text(q[Q_PLACE], 4, p->folder, 0);
	sqlite3_bind_int(q[Q_PLACE], 5, p->responses != NULL);
	if ((rc = step_done(s, q[Q_PLACE], im->err)) < 0)
		return rc;
	place_id = sqlite3_last_insert_rowid(s->db);

	wave_ids = malloc((p->nwaves + 1) * sizeof(*wave_ids));
	ripple_ids = malloc((p->nripples + 1) * sizeof(*ripple_ids));
	if (!wave_ids || !ripple_ids) {
		rc = ripple_error_set(im->err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < p->nwaves; i++) {
		sqlite3_bind_int64(q[Q_WAVE], 1, place_id);
		bind_text(q[Q_WAVE], 2, p->waves[i].name, 0);
		sqlite3_bind_int64(q[Q_WAVE], 3, p->waves[i].ordinal);
		bind_text(q[Q_WAVE], 4, p->waves[i].date, 1);
		if ((rc = step_done(s, q[Q_WAVE], im->err)) < 0)
			goto done;
		wave_ids[i] = sqlite3_last_insert_rowid(s->db);
	}

	if ((rc = max_id(im, Q_MAX_ACTOR, &actor1)) < 0)
		goto done;
	actor1++;                                   /* the id of p->actors[0] */
	b = &im->b[B_ACTOR];
	bulk_begin(b, p->nactors);
	for (size_t i = 0; i < p->nactors; i++) {
		const ripple_actor *a = &p->actors[i];
		sqlite3_stmt *st = bulk_row(b);
		int k = b->base;
		sqlite3_bind_int64(st, k + 1, place_id);
		bind_text(st, k + 2, a->id, 0);
		bind_text(st, k + 3, a->label, 0);
		bind_text(st, k + 4, ripple_kind_name(a->kind), 0);
		bind_text(st, k + 5, a->sector, 1);
		bind_text(st, k + 6, a->town, 1);
		if (a->attended >= 0)
			sqlite3_bind_int(st, k + 7, a->attended);
		else
			sqlite3_bind_null(st, k + 7);
		bind_text(st, k + 8, a->attended_when, 1);
		if ((rc = bulk_next(s, b, im->err)) < 0)
			goto done;
	}
	if ((rc = check_ids(im, actor1, p->nactors)) < 0)
		goto done;
	if ((rc = import_attributes(im, &im->b[B_ACTOR_ATTR], p->actors_csv, p->actor_extra,
	                            p->nactor_extra, actor1, p->actors, sizeof(*p->actors),
	                            offsetof(ripple_actor, row), p->nactors)) < 0)
		goto done;
	for (size_t i = 0; i < p->nactors; i++) {   /* parents may come later in the file */
		if (p->actors[i].parent == RIPPLE_NONE)
			continue;
		sqlite3_bind_int64(q[Q_ACTOR_PARENT], 1, actor1 + (int64_t)i);
		sqlite3_bind_int64(q[Q_ACTOR_PARENT], 2, actor1 + (int64_t)p->actors[i].parent);
		if ((rc = step_done(s, q[Q_ACTOR_PARENT], im->err)) < 0)
			goto done;
	}

	if ((rc = max_id(im, Q_MAX_TIE, &tie1)) < 0)
		goto done;
	tie1++;
	b = &im->b[B_TIE];
	bulk_begin(b, p->nties);
	for (size_t i = 0; i < p->nties; i++) {
		const ripple_tie *t = &p->ties[i];
		sqlite3_stmt *st = bulk_row(b);
		int k = b->base;
		sqlite3_bind_int64(st, k + 1, wave_ids[t->wave]);
		sqlite3_bind_int64(st, k + 2, actor1 + (int64_t)t->source);
		sqlite3_bind_int64(st, k + 3, actor1 + (int64_t)t->target);
		bind_text(st, k + 4, t->type, 0);
		sqlite3_bind_double(st, k + 5, t->weight);
		if ((rc = bulk_next(s, b, im->err)) < 0)
			goto done;
	}
	if ((rc = check_ids(im, tie1, p->nties)) < 0)
		goto done;
	if ((rc = import_attributes(im, &im->b[B_TIE_ATTR], p->ties_csv, p->tie_extra,
	                            p->ntie_extra, tie1, p->ties, sizeof(*p->ties),
	                            offsetof(ripple_tie, row), p->nties)) < 0 ||
	    (rc = import_responses(im, p, actor1, wave_ids)) < 0)
		goto done;

	for (size_t i = 0; i < p->nripples; i++) {
		const ripple_ripple *r = &p->ripples[i];
		bind_text(q[Q_RIPPLE], 2, r->id, 0);
		sqlite3_bind_int64(q[Q_RIPPLE], 1, place_id);
		bind_text(q[Q_RIPPLE], 3, r->label, 0);
		bind_text(q[Q_RIPPLE], 4, r->valence < 0 ? "negative" : "positive", 0);
		bind_text(q[Q_RIPPLE], 5, r->intended > 0 ? "yes" : r->intended == 0 ? "no" : "unknown", 0);
		bind_text(q[Q_RIPPLE], 6, r->date, 1);
		bind_text(q[Q_RIPPLE], 7, r->notes, 1);
		if ((rc = step_done(s, q[Q_RIPPLE], im->err)) < 0)
			goto done;
		ripple_ids[i] = sqlite3_last_insert_rowid(s->db);
		for (int k = 0; k < RIPPLE_NCAPITALS; k++) {
			if (!(r->capitals & (1u << k)))
				continue;
			sqlite3_bind_int64(q[Q_CAPITAL], 1, ripple_ids[i]);
			bind_text(q[Q_CAPITAL], 2, ripple_capital_name(k), 0);
			if ((rc = step_done(s, q[Q_CAPITAL], im->err)) < 0)
				goto done;
		}
		for (size_t k = 0; k < r->nactors; k++) {
			sqlite3_bind_int64(q[Q_RIPPLE_ACTOR], 1, ripple_ids[i]);
			sqlite3_bind_int64(q[Q_RIPPLE_ACTOR], 2, actor1 + (int64_t)r->actors[k]);
			if ((rc = step_done(s, q[Q_RIPPLE_ACTOR], im->err)) < 0)
				goto done;
		}
	}
	for (size_t i = 0; i < p->nripples; i++) {
		if (p->ripples[i].parent == RIPPLE_NONE)
			continue;
		sqlite3_bind_int64(q[Q_RIPPLE_PARENT], 1, ripple_ids[i]);
		sqlite3_bind_int64(q[Q_RIPPLE_PARENT], 2, ripple_ids[p->ripples[i].parent]);
		if ((rc = step_done(s, q[Q_RIPPLE_PARENT], im->err)) < 0)
			goto done;
	}
	rc = RIPPLE_OK;
done:
	free(wave_ids);
	free(ripple_ids);
	return rc;
}

int ripple_store_import(ripple_store *s, ripple_place *const *places, size_t n, int replace,
                        ripple_diags *diags)
{
	importer im = { s, {0}, {{0}}, {0}, NULL };
	ripple_error err = {0};
	size_t before = ripple_diags_total(diags);
	int rc, began = 0;

	im.err = &err;
	if (ripple_place_check_names(places, n, diags) < 0)
		return RIPPLE_EINPUT;

	/* 64 MiB of page cache: a large import otherwise rereads its indexes from disk.
	 * Without --replace nothing is deleted and every key a new row holds is one
	 * this import has just written (the places were checked in full), so the
	 * foreign-key lookups of each row find nothing: a fifth of the import. They
	 * stay on to replace, where deleting a place cascades through them. */
	if ((rc = exec(s, "PRAGMA cache_size = -65536", &err)) < 0 ||
	    (!replace && (rc = exec(s, "PRAGMA foreign_keys = OFF", &err)) < 0) ||
	    (rc = exec(s, "BEGIN IMMEDIATE", &err)) < 0)
		goto fail;
	began = 1;
	if ((rc = index_drop(&im)) < 0)   /* first: a schema change would reprepare the rest */
		goto fail;
	for (int k = 0; k < Q_COUNT; k++)
		if ((rc = prepare(s, &im.q[k], import_sql[k], &err)) < 0)
			goto fail;
	for (int k = 0; k < B_COUNT; k++)
		if ((rc = bulk_prepare(s, &im.b[k], bulk_insert[k].sql, bulk_insert[k].ncols,
		                       replace, &err)) < 0)
			goto fail;
	for (size_t i = 0; i < n; i++) {
		const ripple_place *p = places[i];
		sqlite3_stmt *find = im.q[Q_FIND_PLACE];
		bind_text(find, 1, p->name, 0);
		rc = sqlite3_step(find);
		int64_t old = rc == SQLITE_ROW ? sqlite3_column_int64(find, 0) : 0;
		sqlite3_reset(find);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = db_error(s, &err);
			goto fail;
		}
		if (old && !replace) {
			ripple_diags_add(diags, RIPPLE_EINPUT, p->name_file, 0, 0,
			                 "place \"%s\" is already in %s (use --replace to overwrite it)",
			                 p->name, s->path);
			continue;
		}
		for (int k = Q_UNLINK_ACTORS; old && k <= Q_DELETE_PLACE; k++) {
			sqlite3_bind_int64(im.q[k], 1, old);
			if ((rc = step_done(s, im.q[k], &err)) < 0)
				goto fail;
		}
		if ((rc = import_place(&im, p)) < 0)
			goto fail;
	}
	if (ripple_diags_total(diags) != before) {
		rc = RIPPLE_EINPUT;
		goto rollback;
	}
	if ((rc = index_build(&im)) < 0 || (rc = exec(s, "COMMIT", &err)) < 0)
		goto fail;
	began = 0;
	rc = RIPPLE_OK;
	goto done;
fail:
	ripple_diags_add_error(diags, &err);
rollback:
	if (began)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
done:
	for (int k = 0; k < Q_COUNT; k++)
		sqlite3_finalize(im.q[k]);
	for (int k = 0; k < B_COUNT; k++) {
		sqlite3_finalize(im.b[k].one);
		sqlite3_finalize(im.b[k].many);
	}
	for (size_t k = 0; k < N_IMPORT_INDEXES; k++)
		free(im.index_sql[k]);
	if (sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK &&
	    rc == RIPPLE_OK) {
		rc = db_error(s, &err);
		ripple_diags_add_error(diags, &err);
	}
	return rc;
}

/* ---- reading ------------------------------------------------------------- */

char *ripple_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return strdup(t ? (const char *)t : "");
}

void ripple_place_info_free(ripple_place_info *infos, size_t count)
{
	if (!infos)
		return;
	for (size_t i = 0; i < count; i++) {
		ripple_place_info *p = &infos[i];
		for (size_t w = 0; w < p->nwaves; w++) {
			free(p->wave_names[w]);
			free(p->wave_dates[w]);
		}
		free(p->wave_names);
		free(p->wave_dates);
		free(p->wave_ties);
		free(p->wave_active);
		free(p->wave_missing);
		free(p->wave_absent);
		free(p->name);
		free(p->programme);
	}
	free(infos);
}

static int place_waves(ripple_store *s, sqlite3_stmt *st, ripple_place_info *p,
                       ripple_error *err)
{
	size_t cap = 0;
	int rc;

	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (p->nwaves == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			char **names = realloc(p->wave_names, ncap * sizeof(*names));
			if (names) p->wave_names = names;
			char **dates = realloc(p->wave_dates, ncap * sizeof(*dates));
			if (dates) p->wave_dates = dates;
			long *ties = realloc(p->wave_ties, ncap * sizeof(*ties));
			if (ties) p->wave_ties = ties;
			long *active = realloc(p->wave_active, ncap * sizeof(*active));
			if (active) p->wave_active = active;
			long *missing = realloc(p->wave_missing, ncap * sizeof(*missing));
			if (missing) p->wave_missing = missing;
			long *absent = realloc(p->wave_absent, ncap * sizeof(*absent));
			if (absent) p->wave_absent = absent;
			if (!names || !dates || !ties || !active || !missing || !absent)
				goto nomem;
			cap = ncap;
		}
		size_t w = p->nwaves;
		p->wave_names[w] = ripple_column_dup(st, 0);
		p->wave_dates[w] = ripple_column_dup(st, 1);
		p->wave_ties[w] = sqlite3_column_int64(st, 2);
		p->wave_active[w] = sqlite3_column_int64(st, 3);
		p->wave_missing[w] = sqlite3_column_int64(st, 4);
		p->wave_absent[w] = sqlite3_column_int64(st, 5);
		p->nwaves++;
		if (!p->wave_names[w] || !p->wave_dates[w])
			goto nomem;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? RIPPLE_OK : db_error(s, err);
nomem:
	sqlite3_reset(st);
	return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
}

/* The places, with the column `responses` last (a constant before version 4). */
#define PLACES_SQL(responses) \
	"SELECT place_id, name, programme, directed, " \
	"  (SELECT count(*) FROM actor a WHERE a.place_id = p.place_id), " \
	"  (SELECT count(*) FROM ripple r WHERE r.place_id = p.place_id), " \
	responses " FROM place p ORDER BY name"
/* A place's waves, with the counts of missing and absent actors last. */
#define WAVES_SQL(missing_absent) \
	"SELECT w.name, w.date, " \
	"  (SELECT count(*) FROM tie t WHERE t.wave_id = w.wave_id), " \
	"  (SELECT count(*) FROM (SELECT source_id FROM tie t WHERE t.wave_id = w.wave_id " \
	"                         UNION SELECT target_id FROM tie t WHERE t.wave_id = w.wave_id)), " \
	missing_absent " FROM wave w WHERE w.place_id = ?1 ORDER BY w.ordinal"
/* Only the rows of the place's own actors count: answered is never below 0. */
#define WAVE_RESPONSES_SQL \
	"  (SELECT count(*) FROM response r JOIN actor a USING (actor_id) " \
	"   WHERE r.wave_id = w.wave_id AND a.place_id = w.place_id AND r.status = 'missing'), " \
	"  (SELECT count(*) FROM response r JOIN actor a USING (actor_id) " \
	"   WHERE r.wave_id = w.wave_id AND a.place_id = w.place_id AND r.status = 'absent')"

int ripple_store_places(ripple_place_info **out, size_t *count, ripple_store *s,
                        ripple_error *err)
{
	sqlite3_stmt *places = NULL, *waves = NULL;
	ripple_place_info *v = NULL;
	size_t n = 0, cap = 0;
	int rc, version = 0;

	*out = NULL;
	*count = 0;
	/* a database older than version 4, read as it is, has no responses: all answered */
	if ((rc = user_version(s, &version, err)) < 0)
		return rc;
	if ((rc = prepare(s, &places, version >= 4 ? PLACES_SQL("responses = 1")
	                                           : PLACES_SQL("0"), err)) < 0 ||
	    (rc = prepare(s, &waves, version >= 4 ? WAVES_SQL(WAVE_RESPONSES_SQL)
	                                          : WAVES_SQL("0, 0"), err)) < 0)
		goto done;
	while ((rc = sqlite3_step(places)) == SQLITE_ROW) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			ripple_place_info *nv = realloc(v, ncap * sizeof(*nv));
			if (!nv) {
				rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
				goto done;
			}
			v = nv;
			cap = ncap;
		}
		ripple_place_info *p = &v[n++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(places, 0);
		p->name = ripple_column_dup(places, 1);
		p->programme = ripple_column_dup(places, 2);
		p->directed = sqlite3_column_int(places, 3);
		p->actors = sqlite3_column_int64(places, 4);
		p->ripples = sqlite3_column_int64(places, 5);
		p->responses = sqlite3_column_int(places, 6);
		if (!p->name || !p->programme) {
			rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
			goto done;
		}
		if ((rc = place_waves(s, waves, p, err)) < 0)
			goto done;
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(s, err);
		goto done;
	}
	rc = RIPPLE_OK;
	*out = v;
	*count = n;
	v = NULL;
done:
	ripple_place_info_free(v, n);
	sqlite3_finalize(places);
	sqlite3_finalize(waves);
	return rc;
}

int ripple_store_list(int64_t **ids, char ***names, size_t *count, ripple_store *s,
                      ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	int64_t *v = NULL;
	char **nv = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*ids = NULL;
	*names = NULL;
	*count = 0;
	if (!s->db)
		return held_list(ids, names, count, s, err);
	if ((rc = prepare(s, &st, "SELECT place_id, name FROM place ORDER BY name", err)) < 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 8;
			int64_t *v2 = realloc(v, cap * sizeof(*v2));
			if (v2)
				v = v2;
			char **n2 = realloc(nv, cap * sizeof(*n2));
			if (n2)
				nv = n2;
			if (!v2 || !n2)
				goto nomem;
		}
		v[n] = sqlite3_column_int64(st, 0);
		nv[n + 1] = NULL;
		if (!(nv[n] = ripple_column_dup(st, 1)))
			goto nomem;
		n++;
	}
	if (rc != SQLITE_DONE) {
		rc = db_error(s, err);
		goto fail;
	}
	sqlite3_finalize(st);
	if (!nv && !(nv = calloc(1, sizeof(*nv))))
		goto nomem;
	*ids = v;
	*names = nv;
	*count = n;
	return RIPPLE_OK;
nomem:
	rc = ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
fail:
	sqlite3_finalize(st);
	free(v);
	ripple_strv_free(nv);
	return rc;
}

/* 1 when name begins with the (at least 3) bytes of start, ASCII case ignored. */
static int starts_like(const char *name, const char *start)
{
	size_t n = strlen(start);

	return n >= 3 && strncasecmp(name, start, n) == 0;
}

/*
 * The place name names when no place is called exactly that: the one place
 * whose name differs only in ASCII case, else RIPPLE_NONE with *near set to
 * the places whose names are within a few edits of it or that begin with it (at most 3), for "did
 * you mean".
 */
static size_t place_like(char *const *names, size_t n, const char *name, size_t near[3],
                         size_t *nnear)
{
	size_t found = RIPPLE_NONE, same = 0, limit = strlen(name) / 4 + 1;

	*nnear = 0;
	for (size_t i = 0; i < n; i++)
		if (ripple_strieq(names[i], name))
			found = i, same++;
	if (same == 1)
		return found;
	for (size_t i = 0; i < n && *nnear < 3; i++)
		if (ripple_edit_distance(names[i], name, limit) <= limit || starts_like(names[i], name))
			near[(*nnear)++] = i;
	return RIPPLE_NONE;
}

int ripple_store_find_place(int64_t *place_id, ripple_store *s, const char *name,
                            ripple_error *err)
{
	int64_t *ids = NULL;
	char **names = NULL, list[512] = "", hint[512] = "";
	size_t n = 0, len = 0, near[3], nnear = 0, i;
	int rc;

	*place_id = 0;
	if ((rc = ripple_store_list(&ids, &names, &n, s, err)) < 0)
		return rc;
	for (i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s\"%s\"", i ? ", " : "",
		                        names[i]);
	if (n == 0) {
		rc = ripple_error_set(err, RIPPLE_ENOTFOUND, s->path, 0, 0, "holds no places yet");
	} else if (!name) {
		if (n > 1)
			rc = ripple_error_set(err, RIPPLE_EUSAGE, s->path, 0, 0,
			                      "holds %zu places (%s): name one", n, list);
		else
			*place_id = ids[0];
	} else {
		for (i = 0; i < n && strcmp(names[i], name) != 0; i++)
			;
		if (i == n)
			i = place_like(names, n, name, near, &nnear);
		if (i != RIPPLE_NONE) {
			*place_id = ids[i];
		} else {
			len = 0;
			for (size_t k = 0; k < nnear && len < sizeof(hint); k++)
				len += (size_t)snprintf(hint + len, sizeof(hint) - len, "%s\"%s\"",
				                        k == 0 ? "did you mean " : k + 1 == nnear ? " or " : ", ",
				                        names[near[k]]);
			rc = ripple_error_set(err, RIPPLE_ENOTFOUND, s->path, 0, 0,
			                      "no place called \"%s\" (%s%splaces: %s)", name, hint,
			                      nnear ? "? " : "", list);
		}
	}
	free(ids);
	ripple_strv_free(names);
	return rc;
}

int ripple_store_waves(char ***out, size_t *count, ripple_store *s, int64_t place_id,
                       ripple_error *err)
{
	sqlite3_stmt *st = NULL;
	char **v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*out = NULL;
	*count = 0;
	if (!s->db) {   /* held: its waves are in order; an unknown place has none */
		const ripple_place *p = ripple_store_held(s, place_id);
		size_t nw = p ? p->nwaves : 0;
		if (!(v = calloc(nw + 1, sizeof(*v))))
			return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
		for (size_t i = 0; i < nw; i++)
			if (!(v[i] = strdup(p->waves[i].name))) {
				ripple_strv_free(v);
				return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
			}
		*out = v;
		*count = nw;
		return RIPPLE_OK;
	}
	if ((rc = prepare(s, &st, "SELECT name FROM wave WHERE place_id = ?1 ORDER BY ordinal",
	                  err)) < 0)
		return rc;
	sqlite3_bind_int64(st, 1, place_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 8;
			char **nv = realloc(v, cap * sizeof(*nv));
			if (!nv)
				goto nomem;
			v = nv;
		}
		if (!(v[n] = ripple_column_dup(st, 0)))
			goto nomem;
		v[++n] = NULL;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		ripple_strv_free(v);
		return db_error(s, err);
	}
	if (!v && !(v = calloc(1, sizeof(*v))))
		return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
	*out = v;
	*count = n;
	return RIPPLE_OK;
nomem:
	sqlite3_finalize(st);
	if (v)
		v[n] = NULL;
	ripple_strv_free(v);
	return ripple_error_set(err, RIPPLE_ENOMEM, s->path, 0, 0, "out of memory");
}

/* ---- for the command line: read-only files, units of change --------------- */

int ripple_store_readonly(ripple_store *s)
{
	return !s->db || sqlite3_db_readonly(s->db, "main") == 1;
}

