# CD-Collector — every target sets up (or refreshes) .venv itself.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package
PYTEST_WORKERS ?= 2
VERSION := $(shell tr -d '[:space:]' < VERSION)
FROZEN := dist/cdcollector/cdcollector
# Every install takes the pinned versions: a new upstream release never changes a test run.
CONSTRAINTS := packaging/constraints.txt

# Debian tools the tests use as independent cross-checks (they skip, saying so, without them)
# and package-check needs: installed through apt when it is there and we may.
SYSTEM_TOOLS := cdrdao bchunk poppler-utils desktop-file-utils nsis

.PHONY: run test lint bench soak package package-check system-deps constraints clean

$(STAMP): pyproject.toml VERSION $(CONSTRAINTS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@touch $(STAMP)

$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev,package]"
	@touch $(PACKAGE_STAMP)

# Re-pin to the newest releases pyproject.toml allows, in a throw-away venv; commit the result
# on its own after `make test` passes with it.
constraints:
	rm -rf build/constraints-venv
	$(PYTHON) -m venv build/constraints-venv
	build/constraints-venv/bin/python -m pip install --quiet --upgrade pip
	build/constraints-venv/bin/python -m pip install --quiet ".[dev,package]"
	{ sed -n '1,/^[^#]/{/^#/p}' $(CONSTRAINTS); \
	  build/constraints-venv/bin/python -m pip freeze --exclude-editable | grep -v '^cdcollector'; \
	} > $(CONSTRAINTS).new && mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf build/constraints-venv

run: $(STAMP)
	@# Bytecode ahead of time: starts stay fast even where PYTHONDONTWRITEBYTECODE is set.
	@$(PY) -m compileall -q cdcollector
	$(PY) -m cdcollector

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(PYTEST_WORKERS) -q

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	@for script in bench/*.py; do \
		case "$$script" in */_*) continue;; esac; \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

# Kills, restarts and two writers against real app processes (minutes; not part of `make test`).
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.soak.run_soak

# Linux: the frozen onedir, its self-test, the AppDir and a tar.gz (installers: release.yml).
package: $(PACKAGE_STAMP)
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller cdcollector.spec
	QT_QPA_PLATFORM=offscreen $(FROZEN) --self-test
	@if [ "$$(uname -s)" = Linux ]; then \
		packaging/linux/build_appdir.sh && \
		tar -czf dist/CD-Collector-$(VERSION)-linux-x86_64.tar.gz -C dist cdcollector && \
		echo "dist/CD-Collector-$(VERSION)-linux-x86_64.tar.gz"; \
	fi

system-deps:
	@if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y -qq $(SYSTEM_TOOLS) >/dev/null 2>&1 || \
		{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $(SYSTEM_TOOLS) >/dev/null 2>&1; } || \
		echo "system-deps: apt could not install $(SYSTEM_TOOLS); those checks will be skipped"; \
	else echo "system-deps: no apt (or not root): skipping $(SYSTEM_TOOLS)"; fi

# What CI checks beyond the tests: the frozen build, the .desktop file, the NSIS script.
package-check: system-deps package
	QT_QPA_PLATFORM=offscreen $(PY) packaging/check_frozen_update.py
	@if command -v desktop-file-validate >/dev/null; then \
		desktop-file-validate resources/cdcollector.desktop && echo "desktop-file-validate: ok"; \
	else echo "SKIPPED: desktop-file-validate not available (no apt here)"; fi
	@if command -v makensis >/dev/null; then \
		bash installers/windows/build.sh --check && echo "makensis: ok"; \
	else echo "SKIPPED: makensis not available (no apt here): NSIS script not compiled"; fi

clean:
	rm -rf build dist .pytest_cache bench/results/*.json
