# kzuz: two commands do everything on a fresh machine.
#   make warehouse   build the warehouse from the bundled archive (no site is contacted)
#   make test        lint (ruff, sqlfluff) and run the test suite
VENV ?= .venv
BIN := $(VENV)/bin
HOME_DIR ?= ./data

.PHONY: warehouse test lint install bench clean

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

warehouse: $(BIN)/.installed
	$(BIN)/kzuz refresh --offline --home $(HOME_DIR)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	cd dbt_project && KZUZ_WAREHOUSE_PATH=$${TMPDIR:-/tmp}/kzuz-sqlfluff.duckdb ../$(BIN)/sqlfluff lint models

test: lint
	$(BIN)/pytest -q

# Benchmarks at N = 1,000 pages (a few minutes); larger sizes: bench/README.md. Results: bench/results/*.json
bench: $(BIN)/.installed
	$(BIN)/python -m bench.parse_bench
	$(BIN)/python -m bench.load_bench
	$(BIN)/python -m bench.e2e_bench --pages 1000

clean:
	rm -rf dbt_project/target dbt_project/logs .pytest_cache
