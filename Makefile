# The commands people type. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 5000
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app course
PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

WORKERS ?= 4

.PHONY: run serve test lint format translate install db bench

run: install $(MO_FILES) db
	$(FLASK) run --port $(PORT)

# Production: several gunicorn workers. Set SECRET_KEY (and DATABASE_URL, REDIS_URL) first.
serve: install $(MO_FILES) db
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - \
		"course:create_app()"

test: install $(MO_FILES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=python3.12, say)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

db: install
	$(FLASK) db upgrade

# The benchmark of issue 6 (see bench/README.md): needs PostgreSQL on 127.0.0.1:5432 and wrk.
bench: install $(MO_FILES)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
	$(BIN)/python bench/run.py

%.mo: %.po | install
	$(BIN)/pybabel compile -i $< -o $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

translate: install
	$(FLASK) translate update
