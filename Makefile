# CD-Collector — every target sets up (or refreshes) .venv itself.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: run test lint bench package clean

$(STAMP): pyproject.toml VERSION
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m cdcollector

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(PYTEST_WORKERS) -q

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	@for script in bench/*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

clean:
	rm -rf build dist .pytest_cache bench/results/*.json
