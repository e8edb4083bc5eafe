# Every chore is one target; CI calls `make test` verbatim.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# what the demo needs (the package and its emulator extra), without the dev toolchain
DEMO_STAMP := $(VENV)/.installed-demo

.PHONY: demo test lint typecheck unit bench coverage clean fuzz chaos generate blackbox scaffold

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The demo's venv is the same .venv with only the emulator extra (about a third of the size
# of the dev one, and faster to make); `make test` later adds the dev toolchain to it, and
# after `make test` the demo uses what is there.
$(DEMO_STAMP): pyproject.toml
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then :; else \
		echo "Installing sigmakit with its emulator into $(VENV) (no dev tools)"; \
		$(PYTHON) -m venv $(VENV) && \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[emulator]'; \
	fi
	touch $(DEMO_STAMP)

# The QuickStart journey. On a terminal the emulator then stays up with its web console
# (Ctrl+C stops it); in a script or CI the demo ends by itself.
demo: $(DEMO_STAMP)
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/sigmakit demo --keep; else $(BIN)/sigmakit demo; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks scripts)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks scripts)
	$(BIN)/python scripts/unasync.py --check
	$(BIN)/python scripts/plain_lines.py --check
	$(BIN)/python scripts/public_names.py --check
	$(BIN)/lint-imports --no-cache

# The sync SDK (_http, _pagination, _tokens, _client, resources/*) is generated from its
# async source in src/sigmakit/_async/: edit that, then run this. It also writes the plain-line
# runner's table (src/sigmakit/cli/plain_table.py) from the click commands.
generate: $(STAMP)
	$(BIN)/python scripts/unasync.py
	$(BIN)/python scripts/plain_lines.py
	$(BIN)/python scripts/public_names.py

typecheck: $(STAMP)
	$(BIN)/mypy src/sigmakit

unit: $(STAMP) browser
	$(BIN)/pytest

test: lint typecheck unit

# The tests again, over HTTP only, against a fresh `sigmakit emulator serve` in its own process
# (started on a free loopback port, stopped at the end); prints how many passed against it.
# With SIGMAKIT_TEST_URL, SIGMAKIT_TEST_CLIENT_ID and SIGMAKIT_TEST_CLIENT_SECRET set, against
# that server instead (CONTRIBUTING.md, "Running the tests against a server").
blackbox: $(STAMP)
	$(BIN)/python -m tests.support.blackbox

# A long fuzz run of the emulator (random seed): prints the cases run and the 5xx found.
FUZZ_CASES ?= 20000
fuzz: $(STAMP)
	SIGMAKIT_FUZZ_CASES=$(FUZZ_CASES) $(BIN)/pytest tests/fuzz -q -p no:cacheprovider

# Many seeded chaos runs of the CLI (faults before and after the write).
CHAOS_RUNS ?= 20
chaos: $(STAMP)
	SIGMAKIT_CHAOS_RUNS=$(CHAOS_RUNS) $(BIN)/pytest tests/workflows/test_reliability.py -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

coverage: $(STAMP)
	$(BIN)/python scripts/implementation_coverage.py > IMPLEMENTATION_COVERAGE.md

# One operation of the API description, scaffolded end to end (route and store stubs, SDK
# method and model, command, three xfail tests), then `generate` and `coverage`:
# make scaffold OP=getTaggedWorkbookBookmarks [ARGS="--dry-run --method bookmarks"]
scaffold: $(STAMP)
	@test -n "$(OP)" || { echo "usage: make scaffold OP=<operationId> [ARGS=--dry-run]" >&2; exit 2; }
	$(BIN)/python scripts/scaffold.py $(OP) $(ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build dist

.PHONY: browser
# The console's browser tests (tests/console) drive the system's Chromium; Playwright's own
# browser download is not used. As root with apt-get (CI, a Debian box), install it when
# missing (about 2 minutes); elsewhere say why the browser tests will be skipped.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Chromium for the console's browser tests (apt-get install chromium)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "note: could not install Chromium; the console's browser tests will not run"; \
	else \
		echo "note: no Chromium (install the chromium package as root); the console's browser tests will be skipped"; \
	fi
