# Every chore is one target; CI calls `make test` verbatim.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench coverage clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sigmakit demo

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks scripts)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks scripts)

typecheck: $(STAMP)
	$(BIN)/mypy src/sigmakit

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

coverage: $(STAMP)
	$(BIN)/python scripts/implementation_coverage.py > IMPLEMENTATION_COVERAGE.md

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build dist
