# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

export DEBUG ?= 1
# `make run PORT=8001` serves on another port (absolute links follow the request's host).
PORT ?= 8000
# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_ARGS= runs them in one.
PYTEST_ARGS ?= -n auto

.PHONY: run test lint install demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py demo_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The Nu HTML checker (npm's vnu-jar, run with Java) for the HTML validity tests;
# without npm those tests skip with a reason.
node_modules/vnu-jar/build/dist/vnu.jar: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; fi

test: install node_modules/vnu-jar/build/dist/vnu.jar
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff (rules and format in pyproject.toml), and no model change without its migration.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media
