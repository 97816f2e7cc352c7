# kinerja: `make run` serves the demo office, `make test` runs every test. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
TEST_DATA := $(CURDIR)/.test-data
# Two workers (this machine has two cores), each test file on one worker: setUpTestData runs once per
# class there. PYTEST_ARGS="-n 0 tests/org" runs a part serially.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: run test bench lint i18n sysdeps sysdeps-test clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

i18n: $(STAMP)
	@$(BIN)/python -m kinerja.i18n

sysdeps:
	@bash scripts/sysdeps.sh run

sysdeps-test:
	@bash scripts/sysdeps.sh test

run: $(STAMP) sysdeps i18n
	@bash scripts/run.sh $(PORT)

test: $(STAMP) sysdeps-test i18n
	@mkdir -p $(TEST_DATA)
	KINERJA_DATA_DIR=$(TEST_DATA) $(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP) sysdeps i18n
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)

clean:
	rm -rf $(VENV) $(TEST_DATA) .data
