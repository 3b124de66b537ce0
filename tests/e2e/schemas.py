#!/usr/bin/env python3
"""Every JSON output of ripple against its JSON Schema (docs/schema/<command>.json).

    RIPPLE=/abs/path/to/ripple python3 tests/e2e/schemas.py

Needs python3-jsonschema (Debian's package; `make deps`). Each schema is first
checked as a draft 2020-12 schema, then every variant of its command is run on
the bundled places (datasets/northamptonshire, undirected with responses;
datasets/stockton-on-tees, directed; the leading places; tests/e2e/places/tiny,
with a trust column; a --level organisation run; a --min-count run whose small
counts are "<N"; a pseudonymised run) and its output validated. A schema also
must not allow what ripple never writes: every schema closes its rows
(additionalProperties false), so a column added to a command without its schema
fails here.

Prints `ok - name` or `not ok - name: why` per check, and exits 1 when one failed.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RIPPLE = os.environ.get("RIPPLE", os.path.join(ROOT, "build/release/ripple"))
SCHEMAS = os.path.join(ROOT, "docs/schema")

try:
    import jsonschema
except ImportError:
    print("not ok - python3-jsonschema is needed (apt-get install python3-jsonschema; make deps)")
    sys.exit(1)


def main():
    north = os.path.join(ROOT, "datasets/northamptonshire")
    stockton = os.path.join(ROOT, "datasets/stockton-on-tees")
    leading = os.path.join(ROOT, "datasets/leading-places")
    tiny = os.path.join(ROOT, "tests/e2e/places/tiny")
    fast = ["--permutations", "20"]
    with tempfile.TemporaryDirectory() as w:
        secret = os.path.join(w, "secret")
        with open(secret, "wb") as f:
            f.write(os.urandom(32))
        pseudo = ["--pseudonymise", "--secret-file", secret]
        runs = {
            "places": [[north], [leading], [tiny]],
            "metrics": [[north], [stockton], [tiny], [north, "--nodes"], [stockton, "--nodes"],
                        [north, "--mixing"], [leading], [north, "--level", "organisation"],
                        [north, "--min-count", "10"], [north, "--nodes", *pseudo]],
            "compare": [[north, *fast], [stockton, *fast], [tiny, *fast],
                        [north, "--section", "ties", *fast], [north, "--min-count", "10", *fast],
                        [stockton, "--level", "organisation", *fast], [north, *pseudo, *fast]],
            "waves": [[north], [stockton], [tiny], [stockton, "--min-count", "10"],
                      [north, *pseudo]],
            "batch": [[leading, *fast], [leading, "--long", *fast],
                      [leading, "--summary", *fast], [leading, "--mixing", *fast],
                      [leading, "--waves", *fast], [leading, "--min-count", "5", *fast],
                      [leading, "--long", "--min-count", "5", *fast],
                      [leading, "--summary", "--min-count", "5", *fast]],
        }
        for cmd, variants in runs.items():
            path = os.path.join(SCHEMAS, f"{cmd}.json")
            try:
                schema = json.load(open(path))
                jsonschema.Draft202012Validator.check_schema(schema)
                check(f"docs/schema/{cmd}.json is a draft 2020-12 schema",
                      schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema")
            except (OSError, ValueError, jsonschema.SchemaError) as e:
                check(f"docs/schema/{cmd}.json is a draft 2020-12 schema", False, str(e)[:300])
                continue
            validator = jsonschema.Draft202012Validator(schema)
            for args in variants:
                shown = " ".join(os.path.relpath(a, ROOT) if a.startswith("/") else a for a in args)
                r = subprocess.run([RIPPLE, cmd, *args, "--format", "json"], capture_output=True)
                if r.returncode != 0:
                    check(f"{cmd} {shown}", False, f"exit {r.returncode}: {r.stderr.decode()[:200]}")
                    continue
                try:
                    data = json.loads(r.stdout)
                except ValueError as e:
                    check(f"{cmd} {shown}: JSON", False, str(e))
                    continue
                errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
                check(f"{cmd} {shown} --format json validates against docs/schema/{cmd}.json",
                      not errors and data,
                      "; ".join(f"{list(e.path)}: {e.message[:160]}" for e in errors[:3])
                      or "empty output")
        # the schemas are not vacuous: a row with a key ripple never writes, or a count
        # written as a word, is refused
        metrics = jsonschema.Draft202012Validator(json.load(open(os.path.join(SCHEMAS, "metrics.json"))))
        check("a metrics row with an unknown column is refused",
              not metrics.is_valid([{"place": "p", "wave": "w", "actors": 1, "ties": 0,
                                     "policy": "census", "tiess": 2}]))
        check("a metrics row whose ties is text other than <N is refused",
              not metrics.is_valid([{"place": "p", "wave": "w", "actors": 1, "ties": "few",
                                     "policy": "census"}]))
    return 1 if harness.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
