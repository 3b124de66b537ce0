-- ripple database schema, version 6 (PRAGMA user_version = 6).
--
-- Version 2 added the layout tables (actor positions shared by every drawing of a
-- place); version 3 the batch tables (results of `ripple batch`, across places);
-- version 4 who answered each wave's survey (responses.csv) and attendance with a
-- time; version 5 what a batch keeps of every wave (tie histories, persistence, the
-- series), the sector mixing change, and the level a batch ran at; version 6 a
-- ripple's notes (free text: ripples.csv `notes`, a mind map topic's note).
-- ripple upgrades an older database, one `@since` block after another, when it
-- opens it for writing.
--
-- One database file holds any number of places. Every table of a place hangs
-- off `place` with ON DELETE CASCADE, so deleting a place (import --replace)
-- removes all of it. ripple turns foreign keys on for every connection.
--
-- Ids: the `code` columns hold the ids written in the CSV files (actor id,
-- ripple id); the INTEGER PRIMARY KEY columns are the store's own.

CREATE TABLE place (
    place_id    INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,              -- place.csv name, --name, or the folder's name
    programme   TEXT NOT NULL DEFAULT '',          -- programme at the centre of the ripple map
    directed    INTEGER NOT NULL CHECK (directed IN (0, 1)),
    source      TEXT NOT NULL DEFAULT '',          -- folder imported from
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE wave (
    wave_id     INTEGER PRIMARY KEY,
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    ordinal     INTEGER NOT NULL,                  -- order of the waves within the place
    date        TEXT,                              -- ISO 8601 (yyyy[-mm[-dd]]) or NULL
    UNIQUE (place_id, name),
    UNIQUE (place_id, ordinal)
);

CREATE TABLE actor (
    actor_id    INTEGER PRIMARY KEY,               -- increasing in actors.csv order
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    code        TEXT NOT NULL,                     -- the id in actors.csv
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('organisation', 'team', 'person')),
    parent_id   INTEGER REFERENCES actor (actor_id) ON DELETE CASCADE,
    sector      TEXT,
    town        TEXT,
    attended    INTEGER CHECK (attended IN (0, 1)), -- NULL: not recorded
    UNIQUE (place_id, code)
);
CREATE INDEX actor_parent ON actor (parent_id);

-- any column of actors.csv beyond the known ones, as text
CREATE TABLE actor_attribute (
    actor_id    INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (actor_id, name)
) WITHOUT ROWID;

CREATE TABLE tie (
    tie_id      INTEGER PRIMARY KEY,               -- increasing in ties.csv order
    wave_id     INTEGER NOT NULL REFERENCES wave (wave_id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
    target_id   INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
    type        TEXT NOT NULL DEFAULT '',          -- '' when not given
    weight      REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
    CHECK (source_id <> target_id),
    UNIQUE (wave_id, source_id, target_id, type)
);
CREATE INDEX tie_source ON tie (source_id);
CREATE INDEX tie_target ON tie (target_id);

-- any column of ties.csv beyond the known ones (e.g. trust, value), as text
CREATE TABLE tie_attribute (
    tie_id      INTEGER NOT NULL REFERENCES tie (tie_id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (tie_id, name)
) WITHOUT ROWID;

CREATE TABLE ripple (
    ripple_id   INTEGER PRIMARY KEY,
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    code        TEXT NOT NULL,                     -- the id in ripples.csv
    parent_id   INTEGER REFERENCES ripple (ripple_id) ON DELETE CASCADE, -- NULL: first order
    label       TEXT NOT NULL,
    valence     TEXT NOT NULL CHECK (valence IN ('positive', 'negative')),
    intended    TEXT NOT NULL CHECK (intended IN ('yes', 'no', 'unknown')),
    date        TEXT,
    UNIQUE (place_id, code)
);
CREATE INDEX ripple_parent ON ripple (parent_id);

CREATE TABLE ripple_capital (
    ripple_id   INTEGER NOT NULL REFERENCES ripple (ripple_id) ON DELETE CASCADE,
    capital     TEXT NOT NULL CHECK (capital IN
                ('natural', 'cultural', 'human', 'social', 'political', 'financial', 'built')),
    PRIMARY KEY (ripple_id, capital)
) WITHOUT ROWID;

CREATE TABLE ripple_actor (
    ripple_id   INTEGER NOT NULL REFERENCES ripple (ripple_id) ON DELETE CASCADE,
    actor_id    INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
    PRIMARY KEY (ripple_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX ripple_actor_actor ON ripple_actor (actor_id);

-- A ripple's order is its depth in the tree: 1 for the programme's first-order ripples.
CREATE VIEW ripple_order (ripple_id, place_id, code, ord) AS
    WITH RECURSIVE depth (ripple_id, ord) AS (
        SELECT ripple_id, 1 FROM ripple WHERE parent_id IS NULL
        UNION ALL
        SELECT r.ripple_id, d.ord + 1 FROM ripple r JOIN depth d ON r.parent_id = d.ripple_id
    )
    SELECT r.ripple_id, r.place_id, r.code, d.ord FROM ripple r JOIN depth d USING (ripple_id);

-- @since 2  (everything from this line on is what upgrades a version 1 database)

-- One layout per place: actor positions computed once over the union of the ties
-- of all its waves, so every drawing of the place puts each actor in the same spot.
-- Written by the first `ripple draw` that needs it; import --replace drops it.
CREATE TABLE layout (
    place_id    INTEGER PRIMARY KEY REFERENCES place (place_id) ON DELETE CASCADE,
    method      TEXT NOT NULL,                     -- how positions were computed; another
                                                   -- method means they are computed again
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE layout_position (
    actor_id    INTEGER PRIMARY KEY REFERENCES actor (actor_id) ON DELETE CASCADE,
    place_id    INTEGER NOT NULL REFERENCES layout (place_id) ON DELETE CASCADE,
    x           REAL NOT NULL,                     -- centre of the actor's circle, in points
    y           REAL NOT NULL                      -- (1/72 inch), y upwards
);
CREATE INDEX layout_position_place ON layout_position (place_id);

-- @since 3  (what upgrades a version 2 database)

-- Results of `ripple batch` on a database: one run per call, its rows in long
-- form, so one query answers a question across places, e.g.
--   SELECT place, value FROM batch_latest WHERE measure = 'new_bridging';
CREATE TABLE batch_run (
    run_id       INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    from_wave    TEXT,                             -- as asked; NULL: each place's first wave
    to_wave      TEXT,                             -- as asked; NULL: each place's last wave
    permutations INTEGER NOT NULL,                 -- of the QAP and attendee tests
    seed         INTEGER NOT NULL,
    weighted     INTEGER NOT NULL CHECK (weighted IN (0, 1)),
    places       INTEGER NOT NULL,                 -- places with a result
    skipped      INTEGER NOT NULL,                 -- places missing a wave
    version      TEXT NOT NULL                     -- of ripple
);

CREATE TABLE batch_result (
    run_id      INTEGER NOT NULL REFERENCES batch_run (run_id) ON DELETE CASCADE,
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    place       TEXT NOT NULL,                     -- the place's name at the time
    from_wave   TEXT NOT NULL,
    to_wave     TEXT NOT NULL,
    wave        TEXT NOT NULL,                     -- from_wave or to_wave for a network
                                                   -- measure, 'from_wave->to_wave' for a change
    measure     TEXT NOT NULL,                     -- docs/MEASURES.md names it
    value       REAL,                              -- NULL: undefined (see MEASURES.md)
    PRIMARY KEY (run_id, place_id, wave, measure)
) WITHOUT ROWID;
CREATE INDEX batch_result_measure ON batch_result (measure);

-- The rows of the most recent run.
CREATE VIEW batch_latest AS
    SELECT * FROM batch_result WHERE run_id = (SELECT max(run_id) FROM batch_run);

-- @since 4  (what upgrades a version 3 database)

-- Who took part in each wave's survey (responses.csv). Only actors that did not
-- answer are listed: an actor x wave without a row answered. place.responses says
-- whether the place has a responses.csv at all (without one, everyone answered).
ALTER TABLE place ADD COLUMN responses INTEGER NOT NULL DEFAULT 0
    CHECK (responses IN (0, 1));

CREATE TABLE response (
    actor_id    INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
    wave_id     INTEGER NOT NULL REFERENCES wave (wave_id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('missing', 'absent')),
                                               -- missing: part of the place then, asked,
                                               -- no usable answer; absent: not part of
                                               -- the place then (not yet joined, or left)
    PRIMARY KEY (actor_id, wave_id)
) WITHOUT ROWID;
CREATE INDEX response_wave ON response (wave_id);

-- `attended` as written when it says when the actor took part: an ISO date, or
-- the name of the wave after which it had attended (then attended is 1). NULL:
-- yes without a time, no, or not recorded.
ALTER TABLE actor ADD COLUMN attended_when TEXT;

-- The missing-data policy of the run: reconstruct, respondents or census
-- (docs/MEASURES.md). Runs made before version 4 were census.
ALTER TABLE batch_run ADD COLUMN policy TEXT NOT NULL DEFAULT 'census';

-- @since 5  (what upgrades a version 4 database)

-- A batch run since version 5 also keeps, per place (docs/MEASURES.md, "Batch"):
-- * in batch_result, the network measures at every wave of the place (wave = the
--   wave's name; the other waves' rows beside from's and to's), so
--     SELECT r.wave, r.value FROM batch_latest r JOIN wave w
--       ON w.place_id = r.place_id AND w.name = r.wave
--      WHERE r.measure = 'ties' ORDER BY r.place, w.ordinal;
--   is each place's series; and the persistence of new ties, as `ripple waves
--   --section persistence` counts it: persist_formed (ties new at the wave: not tied
--   at the wave before, tied at it, observed at both), persist_observed (of them,
--   observed at the next wave), persist_kept (of those, still tied at the next
--   wave) and persist_share (kept / observed; NULL when observed is 0). Their
--   wave is the one the ties are new at (the second to the last but one), or
--   'FIRST->LAST' (the place's first and last waves) for the sums over all of them.
--   These rows and batch_tie's are there when the batch ran over every wave
--   (ripple batch storing into a database file does).
-- The level the run measured at: actor, or organisation (--level organisation:
-- teams and people rolled up to their top-level organisation). Runs made before
-- version 5 were at the actor level.
ALTER TABLE batch_run ADD COLUMN level TEXT NOT NULL DEFAULT 'actor'
    CHECK (level IN ('actor', 'organisation'));

-- Every pair tied at some wave of a place, and its history across the place's
-- waves (docs/MEASURES.md, "Over all waves"), one row per pair. At the
-- organisation level the actors are the top-level organisations.
CREATE TABLE batch_tie (
    run_id      INTEGER NOT NULL REFERENCES batch_run (run_id) ON DELETE CASCADE,
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    actor_a     INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
                                               -- the source when directed, else the
                                               -- one first in actors.csv
    actor_b     INTEGER NOT NULL REFERENCES actor (actor_id) ON DELETE CASCADE,
                                               -- the target, or the other one
    pattern     TEXT NOT NULL,                 -- one character per wave, in wave order:
                                               -- 1 tied (as reported), 0 observed and
                                               -- not tied, ? not observed (an end absent,
                                               -- or its reporter did not answer)
    first_wave  TEXT NOT NULL,                 -- the first wave it is tied at
    last_wave   TEXT NOT NULL,                 -- the last wave it is tied at
    tied        INTEGER NOT NULL,              -- how many waves it is tied at
    PRIMARY KEY (run_id, place_id, actor_a, actor_b)
) WITHOUT ROWID;
CREATE INDEX batch_tie_actor_a ON batch_tie (actor_a);
CREATE INDEX batch_tie_actor_b ON batch_tie (actor_b);

-- The sector x sector mixing matrix of each place at from and at to (docs/MEASURES.md,
-- "Sector mixing"): one row per cell, both waves side by side, as compare's mixing
-- section prints them (so its change is to_ties - from_ties, a share is a count over
-- the wave's ties). Undirected places: one row per unordered pair (sector_a <=
-- sector_b, bytewise); directed places: one row per ordered pair (arcs from sector_a
-- to sector_b). sector '' is the actors without a sector (printed "(none)").
-- Wide (from, to) rather than long rows in batch_result: a cell is named by two
-- sectors, which batch_result's one measure column could only hold pasted together.
CREATE TABLE batch_mixing (
    run_id      INTEGER NOT NULL REFERENCES batch_run (run_id) ON DELETE CASCADE,
    place_id    INTEGER NOT NULL REFERENCES place (place_id) ON DELETE CASCADE,
    sector_a    TEXT NOT NULL,
    sector_b    TEXT NOT NULL,
    from_ties   INTEGER NOT NULL,              -- ties at the run's from wave of the place
    to_ties     INTEGER NOT NULL,              -- ties at its to wave
    PRIMARY KEY (run_id, place_id, sector_a, sector_b)
) WITHOUT ROWID;

-- The tie histories of the most recent run, with the actors' ids and labels.
CREATE VIEW batch_tie_latest AS
    SELECT t.run_id, p.name AS place, a.code AS actor_a, b.code AS actor_b,
           a.label AS label_a, b.label AS label_b, t.pattern, t.first_wave, t.last_wave, t.tied
      FROM batch_tie t
      JOIN place p ON p.place_id = t.place_id
      JOIN actor a ON a.actor_id = t.actor_a
      JOIN actor b ON b.actor_id = t.actor_b
     WHERE t.run_id = (SELECT max(run_id) FROM batch_run);

-- @since 6  (what upgrades a version 5 database)

-- A ripple's notes: free text kept as written (ripples.csv `notes`, an XMind
-- topic's plain notes, a FreeMind node's NOTE), trimmed of white space at
-- both ends; NULL when none (read as ""). A version 5 database opened
-- read-only is read as it is: its ripples have no notes.
ALTER TABLE ripple ADD COLUMN notes TEXT;

PRAGMA user_version = 6;
