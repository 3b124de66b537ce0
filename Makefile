# ripple - build, test and demo.
#
#   make          the engine library and the ripple binary (./ripple), and its man page
#                 (./ripple.1: man ./ripple.1)
#   make test     every test: unit (cmocka) and end-to-end, plain and under ASan+UBSan,
#                 and a replay of the fuzz seeds and regressions (no clang needed)
#   make fuzz     the libFuzzer harnesses of tests/fuzz (CSV reading, place import,
#                 Kumu/RippleFX and mind map import, hostile databases; clang), each for FUZZ_SECONDS (60) seconds;
#                 fails on a crash and prints the executions of each
#   make demo     import the bundled example places into demo/ripple.db, measure, draw and report
#   make deps     install what is missing from Debian's packages (idempotent)
#   make install  ripple, libripple.so.0 and libripple.a, the headers, ripple.pc, the man page
#                 ripple.1 and the bash completion under PREFIX (/usr/local), staged under
#                 DESTDIR when given: make install PREFIX=/usr DESTDIR=/tmp/stage
#   make uninstall  removes what make install put there (same PREFIX and DESTDIR)
#   make valgrind the unit tests and every command under valgrind (no leaks, no invalid reads)
#   make bench-batch  time ripple batch over 80 generated places (--jobs 1 and 2)
#   make bench    ripple against its peers (python-igraph, networkx, R sna), each side on the
#                 same number of processes (and a one-process row): wall and CPU seconds,
#                 memory, medians and spreads, equal answers; writes bench/RESULTS.md.
#                 JOBS="batch qap" picks jobs, BENCH_RUNS=N the runs, BENCH_PROCS=2,1 the
#                 process counts, RIPPLE=PATH the binary
#   make bench-small  the same harness on small sizes (a few minutes; checks it, quotes nothing)
#   make bench-scale  how ripple's time and memory grow with actors, ties, places, permutations
#   make bench-floor  the bare fused search (bench/floor.c) against ripple's path work on
#                 generated places of 300, 4,000 and 20,000 actors (SIZES="300 4000" for fewer)
#   make bench-floor-batch  the batch's CPU against its floor: the bare fused search, the
#                 Leiden runs and the permutations (bench/floor_batch.sh; needs perf)
#   make lint     the module rules (scripts/modules.py): no layer includes one above it, no
#                 circle, SQL only in the store, the CLI only through the public headers
#   make modules  the module graph, from the #include lines, drawn by Graphviz: build/modules.svg
#   make same-outputs  every command's outputs byte-identical to main at the end of issue 17 (tests/same_outputs.py)
#   make reference  recompute the networkx and R sna reference values the tests compare to
#   make places   synthetic place folders OUT/place-001 ... (datasets/generate.py, python3
#                 stdlib only; replaces the place-NNN folders already in OUT), e.g.
#                 make places OUT=build/places PLACES=80 ACTORS=300 TIES=1500 WAVES=2 SEED=1
#                 (also TEAMS=K: organisations of K actors; RIPPLES=R: ripples a place)

CC      ?= cc
PKGS    := igraph sqlite3 libcgraph libgvc libzip jansson libxml-2.0
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iengine/include -Iengine -Icli \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# the command line compiles against the public headers alone, as any program would
CPPFLAGS_CLI = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iengine/include -Icli
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
TESTLIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

# Three builds side by side: release (build/release), sanitized (build/asan) and,
# for `make fuzz` only, clang's libFuzzer build (build/fuzz).
SAN ?= 0
FUZZ ?= 0
FUZZ_CC ?= clang
ifeq ($(FUZZ),1)
override CC := $(FUZZ_CC)
BUILD   := build/fuzz
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
           -fno-sanitize-recover=all
else ifeq ($(SAN),1)
BUILD   := build/asan
OPT     := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
BUILD   := build/release
OPT     := -O2 -g
endif
CFLAGS_ALL = $(WARN) $(OPT) $(CFLAGS)

ENGINE_SRC := $(wildcard engine/*.c engine/input/*.c engine/output/*.c)
CLI_SRC    := $(wildcard cli/*.c)
TEST_SRC   := $(wildcard tests/unit/test_*.c)
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema_sql.o
CLI_OBJ    := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN   := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# each harness twice: with libFuzzer (build/fuzz/fuzz_NAME) and with replay.c's main
# (build/*/tests/fuzz_NAME), which make test runs on the seeds and the regressions
FUZZ_HARNESSES := csv place convert mindmap db
FUZZ_REPLAY := $(FUZZ_HARNESSES:%=$(BUILD)/tests/fuzz_%)
FUZZ_SECONDS ?= 60
LIB        := $(BUILD)/libripple.a
BIN        := $(BUILD)/ripple

# The shared library: libripple.so.VERSION, its soname libripple.so.MAJOR (the ABI
# promises nothing across a change of MAJOR; before 1.0, ripple's MAJOR is 0), built
# from the same -fPIC objects as libripple.a. Only the release build makes it, the man
# page and the completion (what make install installs); ASan and fuzz builds do not.
VERSION    := $(shell sed -n 's/^\#define RIPPLE_VERSION "\(.*\)"/\1/p' engine/include/ripple/error.h)
SOVERSION  := $(firstword $(subst ., ,$(VERSION)))
SONAME     := libripple.so.$(SOVERSION)
SO         := $(BUILD)/libripple.so.$(VERSION)
ifeq ($(BUILD),build/release)
INSTALLABLE := $(SO) $(BUILD)/ripple.1 $(BUILD)/ripple.bash
endif

# Where make install puts things (GNU's names); DESTDIR stages the whole tree elsewhere.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
MANDIR      ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

.PHONY: lint modules all build deps deps-quiet test check-unit check-e2e check-fuzz check-install install installable uninstall fuzz fuzz-build demo valgrind valgrind-run reference bench-quick bench-batch bench bench-small bench-deps bench-scale bench-floor bench-floor-batch places clean
.DEFAULT_GOAL := all

all: deps-quiet
	@$(MAKE) --no-print-directory build
	@cp $(BUILD)/ripple ./ripple
	@if [ -f $(BUILD)/ripple.1 ]; then cp $(BUILD)/ripple.1 ./ripple.1; fi

build: $(BIN) $(TEST_BIN) $(FUZZ_REPLAY) $(INSTALLABLE)

# `make` alone only says what is missing; `make deps` installs it.
deps-quiet:
	@pkg-config --exists $(PKGS) cmocka 2>/dev/null || \
	  { echo "missing libraries: run 'make deps' first" >&2; exit 1; }

deps:
	@./scripts/deps.sh

# Engine objects are position-independent (-fPIC), for libripple.so. The stamp makes a
# tree built before that rebuild them once (make does not track flags).
$(BUILD)/pic.stamp:
	@mkdir -p $(dir $@)
	@touch $@

$(BUILD)/%.o: %.c $(BUILD)/pic.stamp engine/include/ripple.h $(wildcard engine/include/ripple/*.h) $(wildcard engine/*.h engine/input/*.h engine/output/*.h)
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -fPIC -c $< -o $@

$(BUILD)/cli/%.o: cli/%.c engine/include/ripple.h $(wildcard engine/include/ripple/*.h) $(wildcard cli/*.h)
	@mkdir -p $(dir $@)
	@echo "CC $<"; $(CC) $(CPPFLAGS_CLI) $(CFLAGS_ALL) -c $< -o $@

# schemas/schema.sql is compiled in as one string
$(BUILD)/schema_sql.c: schemas/schema.sql
	@mkdir -p $(dir $@)
	@{ echo '/* generated from schemas/schema.sql: do not edit */'; \
	   echo 'extern const char ripple_schema_sql[];'; \
	   echo 'const char ripple_schema_sql[] ='; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	   echo ';'; } > $@

$(BUILD)/schema_sql.o: $(BUILD)/schema_sql.c $(BUILD)/pic.stamp
	$(CC) $(CFLAGS_ALL) -fPIC -c $< -o $@

# one ar call into a fresh archive: engine/input/kumu.o and engine/output/kumu.o
# share a member name, which `ar r` into an existing archive would replace
$(LIB): $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(CFLAGS_ALL) $(CLI_OBJ) $(LIB) $(LIBS) -o $@

# Every library it uses named (--no-undefined), so a program needs only -lripple. It
# exports only what the public headers name (a version script written from the objects'
# symbols and the headers' words): the engine's private functions stay inside.
PUBLIC_H := engine/include/ripple.h $(wildcard engine/include/ripple/*.h)
$(BUILD)/libripple.sym: $(ENGINE_OBJ) $(PUBLIC_H)
	@nm -g --defined-only $(ENGINE_OBJ) | awk 'NF == 3 { print $$3 }' | sort -u > $@.defined
	@grep -ohE '\bripple_[A-Za-z0-9_]+' $(PUBLIC_H) | sort -u > $@.named
	@{ echo '/* generated by the Makefile: what libripple.so exports */'; echo '{ global:'; \
	   comm -12 $@.defined $@.named | sed 's/.*/  &;/'; echo 'local: *; };'; } > $@.tmp
	@rm -f $@.defined $@.named
	@mv $@.tmp $@

$(SO): $(ENGINE_OBJ) $(BUILD)/libripple.sym
	$(CC) $(CFLAGS_ALL) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined \
	  -Wl,--version-script,$(BUILD)/libripple.sym $(ENGINE_OBJ) $(LIBS) -o $@

# the man page and the completion, written by ripple from its own option tables
$(BUILD)/ripple.1: $(BIN)
	$(BIN) --man > $@.tmp && mv $@.tmp $@

$(BUILD)/ripple.bash: $(BIN)
	$(BIN) --completion bash > $@.tmp && mv $@.tmp $@

$(BUILD)/tests/%: tests/unit/%.c tests/unit/helpers.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests/unit $(CFLAGS_ALL) $< $(LIB) $(LIBS) $(TESTLIBS) -o $@

$(BUILD)/tests/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Itests/fuzz $(CFLAGS_ALL) $< tests/fuzz/replay.c $(LIB) $(LIBS) -o $@

# ---- install ---------------------------------------------------------------

# what make install copies, without the tests (which need cmocka)
installable: $(BIN) $(LIB) $(INSTALLABLE)

# Always the release build, whatever SAN says. The ripple binary links libripple.a
# (it runs without the shared library); ripple.pc is written from ripple.pc.in here,
# so that it names this PREFIX.
R := build/release
install:
	@$(MAKE) --no-print-directory SAN=0 FUZZ=0 installable
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	  $(DESTDIR)$(INCLUDEDIR)/ripple $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(R)/ripple $(DESTDIR)$(BINDIR)/ripple
	install -m 644 $(R)/libripple.a $(DESTDIR)$(LIBDIR)/libripple.a
	install -m 755 $(R)/libripple.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libripple.so.$(VERSION)
	ln -sf libripple.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libripple.so
	install -m 644 engine/include/ripple.h $(DESTDIR)$(INCLUDEDIR)/ripple.h
	install -m 644 engine/include/ripple/*.h $(DESTDIR)$(INCLUDEDIR)/ripple/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    ripple.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/ripple.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/ripple.pc
	install -m 644 $(R)/ripple.1 $(DESTDIR)$(MANDIR)/man1/ripple.1
	install -m 644 $(R)/ripple.bash $(DESTDIR)$(BASHCOMPDIR)/ripple
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ripple $(DESTDIR)$(LIBDIR)/libripple.a \
	  $(DESTDIR)$(LIBDIR)/libripple.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	  $(DESTDIR)$(LIBDIR)/libripple.so $(DESTDIR)$(PKGCONFIGDIR)/ripple.pc \
	  $(DESTDIR)$(INCLUDEDIR)/ripple.h $(DESTDIR)$(MANDIR)/man1/ripple.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/ripple
	rm -rf $(DESTDIR)$(INCLUDEDIR)/ripple

# ---- tests ---------------------------------------------------------------

# Graphviz and the font libraries leak caches of their own: see tests/lsan.supp
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

check-unit: build
	@set -e; for t in $(TEST_BIN); do \
	  echo "== $$t"; (cd tests/unit && ../../$$t); done

check-e2e: build
	@RIPPLE=$(CURDIR)/$(BIN) ./tests/e2e/run.sh

# make install into a fresh DESTDIR, then a program built against it with pkg-config,
# the headers one by one, the man page and the completion against --help (tests/install/)
check-install: build
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	  $(MAKE) --no-print-directory -s install DESTDIR="$$d" PREFIX=/usr/local >/dev/null && \
	  ./tests/install/run.sh "$$d" /usr/local

# every seed (made from datasets/ and tests/) and every regression through each harness
check-fuzz: build
	@./tests/fuzz/seeds.sh $(BUILD)/fuzz-seeds >/dev/null
	@set -e; for h in $(FUZZ_HARNESSES); do \
	  $(BUILD)/tests/fuzz_$$h $(BUILD)/fuzz-seeds/$$h tests/fuzz/regressions/$$h; done

test: deps
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory SAN=0 check-unit check-e2e check-fuzz check-install
	@$(MAKE) --no-print-directory SAN=1 check-unit check-e2e check-fuzz
	@$(MAKE) --no-print-directory valgrind-run
	@cp build/release/ripple ./ripple
	@echo "all tests passed (release, ASan+UBSan and valgrind)"
	@if [ -n "$${CHROMIUM+set}" ]; then [ -x "$$CHROMIUM" ]; else command -v chromium >/dev/null 2>&1; fi || \
	  echo "but the browser test of the reports was SKIPPED: chromium is not installed (make deps)"

valgrind: deps
	@$(MAKE) --no-print-directory SAN=0 build
	@$(MAKE) --no-print-directory valgrind-run

valgrind-run:
	@set -e; for t in $(TEST_SRC:tests/unit/%.c=build/release/tests/%); do \
	  echo "== valgrind $$t"; \
	  (cd tests/unit && RIPPLE_VALGRIND=1 valgrind -q --error-exitcode=1 --leak-check=full --child-silent-after-fork=yes \
	    --suppressions=$(CURDIR)/tests/valgrind.supp \
	    --errors-for-leak-kinds=definite,indirect ../../$$t); done
	@RIPPLE=build/release/ripple ./tests/e2e/valgrind.sh

# ---- the shape of the code (docs/ARCHITECTURE.md) ---------------------------

lint:
	@python3 scripts/modules.py

modules:
	@mkdir -p build
	@python3 scripts/modules.py --dot build/modules.dot || true
	@dot -Tsvg build/modules.dot -o build/modules.svg.tmp && mv build/modules.svg.tmp build/modules.svg
	@dot -Tpng -Gdpi=110 build/modules.dot -o build/modules.png.tmp && mv build/modules.png.tmp build/modules.png
	@echo "modules: wrote build/modules.svg and build/modules.png (from build/modules.dot)"

# the binary of this tree against a build of main at the end of issue 17 (built once, in build/same-outputs/)
.PHONY: same-outputs
same-outputs:
	@$(MAKE) --no-print-directory SAN=0 build
	@python3 tests/same_outputs.py --new build/release/ripple

# ---- fuzzing (clang's libFuzzer; not part of make test, which only replays) ----

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB)
	$(CC) $(CPPFLAGS_ALL) -Itests/fuzz $(CFLAGS_ALL) -fsanitize=fuzzer $< $(LIB) $(LIBS) -o $@

fuzz-build: $(FUZZ_HARNESSES:%=$(BUILD)/fuzz_%)

# FUZZ_SECONDS per harness, one after the other; crashes go to build/fuzz/crashes/
fuzz: deps
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@./tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

# ---- demo ----------------------------------------------------------------

demo: deps
	@$(MAKE) --no-print-directory SAN=0 build
	@cp build/release/ripple ./ripple
	@mkdir -p demo
	@rm -f demo/ripple.db demo/ripple.db-wal demo/ripple.db-shm
	./ripple check datasets
	./ripple import demo/ripple.db datasets
	./ripple places demo/ripple.db
	./ripple metrics demo/ripple.db Northamptonshire
	./ripple metrics demo/ripple.db Northamptonshire --nodes --format csv > demo/northamptonshire-actors.csv
	./ripple compare demo/ripple.db Northamptonshire --section summary
	./ripple compare demo/ripple.db Northamptonshire --section tests
	./ripple compare demo/ripple.db Northamptonshire --format json > demo/northamptonshire-compare.json
	./ripple compare demo/ripple.db Stockton-on-Tees --from after --to 6-month --section responses
	./ripple compare demo/ripple.db Stockton-on-Tees --from after --to 6-month --section summary
	./ripple compare demo/ripple.db Stockton-on-Tees --from after --to 6-month --section summary \
	  --missing census > demo/stockton-on-tees-census-summary.txt
	./ripple map demo/ripple.db Northamptonshire -o demo/northamptonshire-map.svg
	./ripple map demo/ripple.db Northamptonshire -o demo/northamptonshire-map.png
	./ripple map demo/ripple.db Northamptonshire --timeline -o demo/northamptonshire-timeline.svg
	./ripple draw demo/ripple.db Northamptonshire --from before --to after -o demo/northamptonshire-change.svg
	./ripple draw demo/ripple.db Northamptonshire --from before --to after -o demo/northamptonshire-change.png
	./ripple draw demo/ripple.db Northamptonshire --wave before -o demo/northamptonshire-before.png
	./ripple draw demo/ripple.db Northamptonshire --wave after -o demo/northamptonshire-after.png
	./ripple map demo/ripple.db Stockton-on-Tees -o demo/stockton-on-tees-map.svg
	./ripple map demo/ripple.db Stockton-on-Tees -o demo/stockton-on-tees-map.png
	./ripple map demo/ripple.db Stockton-on-Tees --timeline -o demo/stockton-on-tees-timeline.svg
	./ripple draw demo/ripple.db Stockton-on-Tees --from before --to 6-month -o demo/stockton-on-tees-change.svg
	./ripple draw demo/ripple.db Stockton-on-Tees --from before --to 6-month -o demo/stockton-on-tees-change.png
	@# board-ready: fitted to an A4 page and a 16:9 slide, no text under 7 pt
	@# (docs/PICTURES.md, "Pages"): the ripple maps, numbered with a key where
	@# their words would not stay at 7 pt, and with the new ties they rest on
	@# numbered as on the change map; one map per capital for Stockton-on-Tees
	for page in a4 slide; do \
	  for fmt in png pdf; do \
	    ./ripple map demo/ripple.db Northamptonshire --page $$page \
	      -o demo/northamptonshire-map-$$page.$$fmt && \
	    ./ripple map demo/ripple.db Northamptonshire --page $$page --on-new-ties before:after \
	      -o demo/northamptonshire-map-new-ties-$$page.$$fmt && \
	    ./ripple map demo/ripple.db Stockton-on-Tees --page $$page \
	      -o demo/stockton-on-tees-map-$$page.$$fmt || exit 1; \
	  done; \
	  ./ripple map demo/ripple.db Stockton-on-Tees --page $$page --split capital \
	    -o demo/stockton-on-tees-map-$$page.png || exit 1; \
	done
	@# the network pictures of both places fit (the change map, the first wave
	@# and every wave as small multiples), on one layout across waves
	for page in a4 slide; do \
	  for fmt in png pdf; do \
	    ./ripple draw demo/ripple.db Northamptonshire --from before --to after --page $$page \
	      -o demo/northamptonshire-change-$$page.$$fmt && \
	    ./ripple draw demo/ripple.db Northamptonshire --waves all --page $$page \
	      -o demo/northamptonshire-waves-$$page.$$fmt && \
	    ./ripple draw demo/ripple.db Northamptonshire --waves before,after --page $$page \
	      -o demo/northamptonshire-pair-$$page.$$fmt && \
	    ./ripple draw demo/ripple.db Stockton-on-Tees --from before --to 6-month --page $$page \
	      -o demo/stockton-on-tees-change-$$page.$$fmt && \
	    ./ripple draw demo/ripple.db Stockton-on-Tees --wave before --page $$page \
	      -o demo/stockton-on-tees-before-$$page.$$fmt && \
	    ./ripple draw demo/ripple.db Stockton-on-Tees --waves all --page $$page \
	      -o demo/stockton-on-tees-waves-$$page.$$fmt || exit 1; \
	  done; \
	done
	./ripple batch demo/ripple.db -o demo/batch.csv
	./ripple batch demo/ripple.db --long --no-store -o demo/batch-long.csv
	./ripple batch demo/ripple.db --summary --no-store
	./ripple report demo/ripple.db Northamptonshire -o demo/northamptonshire-report.html
	./ripple report demo/ripple.db Stockton-on-Tees -o demo/stockton-on-tees-report.html
	./ripple report demo/ripple.db --summary -o demo/summary.html
	@echo "demo: wrote demo/ripple.db (every place of datasets/), the batch across places"
	@echo "      (demo/batch.csv, demo/batch-long.csv, stored in batch_result),"
	@echo "      the measures and comparison of Northamptonshire"
	@echo "      (demo/northamptonshire-actors.csv, demo/northamptonshire-compare.json),"
	@echo "      who answered Stockton-on-Tees's surveys and its honest change after -> 6-month"
	@echo "      (beside the naive one that counts everyone: demo/stockton-on-tees-census-summary.txt),"
	@echo "      for both places the ripple map, timeline and change map (demo/*.svg, demo/*.png),"
	@echo "      their reports (demo/*-report.html) and a summary across places (demo/summary.html)"

# ---- benchmarks (not part of make test) -----------------------------------

bench-quick:
	@$(MAKE) --no-print-directory SAN=0 build
	@./bench/quick.sh

# 80 generated places x 300 actors, 1,000 permutations, --jobs 1 and 2 (target: < 30 s on 2 cores)
bench-batch:
	@$(MAKE) --no-print-directory SAN=0 build
	@./bench/batch.sh

# issue 21: every job against its peer at equal processes (BENCH_PROCS, default the
# processors and 1; about 40 minutes on 2 cores; see bench/RESULTS.md). The peers come
# from Debian's packages (bench/deps.sh); RIPPLE= measures another binary.
bench: bench-deps
	@[ -n "$(RIPPLE)" ] || $(MAKE) --no-print-directory SAN=0 build
	@JOBS="$(JOBS)" BENCH_RUNS="$(BENCH_RUNS)" BENCH_PROCS="$(BENCH_PROCS)" RIPPLE="$(RIPPLE)" \
		/usr/bin/python3 bench/run.py

# the harness on small sizes: 10 places, a 2,000- and a 10,000-actor place, 3 runs each
bench-small: bench-deps
	@[ -n "$(RIPPLE)" ] || $(MAKE) --no-print-directory SAN=0 build
	@JOBS="$(JOBS)" BENCH_RUNS="$(or $(BENCH_RUNS),3)" BENCH_PROCS="$(BENCH_PROCS)" \
		RIPPLE="$(RIPPLE)" BENCH_SMALL=1 /usr/bin/python3 bench/run.py

bench-deps:
	@./bench/deps.sh

# ripple alone at three or more sizes of each dimension (bench/scale.py)
bench-scale:
	@[ -n "$(RIPPLE)" ] || $(MAKE) --no-print-directory SAN=0 build
	@RIPPLE="$(RIPPLE)" /usr/bin/python3 bench/scale.py

# issue 21: the floor of the path work, the bare fused search, beside ripple's (bench/floor.sh)
$(BUILD)/bench/floor: bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $< -o $@

bench-floor:
	@$(MAKE) --no-print-directory SAN=0 build build/release/bench/floor
	@SIZES="$(SIZES)" RIPPLE="$(RIPPLE)" ./bench/floor.sh

# the batch's floor: the fused search, the Leiden runs and the permutations (bench/floor_batch.sh)
bench-floor-batch:
	@$(MAKE) --no-print-directory SAN=0 build build/release/bench/floor
	@RIPPLE="$(RIPPLE)" ./bench/floor_batch.sh

# ---- synthetic places (not part of make test) --------------------------------

OUT     ?= build/places
PLACES  ?= 80
ACTORS  ?= 300
TIES    ?= 1500
WAVES   ?= 2
SEED    ?= 1
TEAMS   ?= 0
RIPPLES ?= 0

places:
	python3 datasets/generate.py $(OUT) --places $(PLACES) --actors $(ACTORS) --ties $(TIES) \
	  --waves $(WAVES) --seed $(SEED) --teams $(TEAMS) --ripples $(RIPPLES) --force

# ---- reference values (needs Debian's python3-networkx and python3-scipy) ----

reference:
	@/usr/bin/python3 -c 'import networkx, scipy' 2>/dev/null || \
	  { echo "reference: apt-get install python3-networkx python3-scipy" >&2; exit 1; }
	@command -v Rscript >/dev/null && Rscript -e 'library(sna)' >/dev/null 2>&1 || \
	  { echo "reference: apt-get install r-cran-sna" >&2; exit 1; }
	/usr/bin/python3 tests/reference/make_reference.py
	Rscript tests/reference/make_qap_reference.R
	/usr/bin/python3 tests/reference/make_missing_reference.py
	/usr/bin/python3 tests/reference/make_mixing_reference.py
	/usr/bin/python3 tests/reference/make_waves_reference.py
	/usr/bin/python3 tests/reference/sampson_from_dl.py
	/usr/bin/python3 tests/reference/make_sampson_reference.py

clean:
	rm -rf build ripple ripple.1 demo
