# Fibre Resilience — developer commands. `make demo` and `make test` set themselves up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
OTHER_GEOS := .build/shapely-other-geos
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := qgis python3-qgis qgis-providers xvfb python3-scipy python3-pandas python3-gdal \
	gdal-bin unzip zip qttools5-dev-tools
DEMO_OUT ?= demo_output

.PHONY: help setup system-packages demo test test-unit lint format i18n bench package clean

help:
	@echo "make demo     run the main job on the bundled sample territory (sets itself up)"
	@echo "make test     run every test: unit, QGIS, qgis_process (sets itself up)"
	@echo "make setup    install QGIS (apt) and the Python venv; quick when already done"
	@echo "make lint     ruff check + ruff format --check + type check of core/"
	@echo "make bench    timings against the QGIS native algorithms and networkx"
	@echo "make package  build the plugin zip into dist/ and check that it loads"
	@echo "make i18n     collect new strings into i18n/fibre_resilience_fr.ts (then translate)"

setup: system-packages $(STAMP) $(OTHER_GEOS)

# QGIS and friends from the distribution; skipped when they are already there.
system-packages:
	@if command -v qgis_process.bin >/dev/null && /usr/bin/python3 -c "import qgis.core, osgeo, scipy, pandas" 2>/dev/null \
		&& command -v xvfb-run >/dev/null && command -v unzip >/dev/null && command -v zip >/dev/null \
		&& test -x /usr/lib/qt5/bin/lrelease; then \
		echo "system packages: already installed"; \
	else \
		echo "system packages: installing QGIS from the distribution (a few minutes)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi
	@bash scripts/postgis.sh install

$(STAMP): requirements-dev.txt constraints.txt
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	@touch $@

# A shapely wheel on another GEOS than QGIS's, for the test that the plugin refuses it cleanly.
$(OTHER_GEOS): constraints.txt $(STAMP)
	@rm -rf $@ && mkdir -p $@.tmp
	$(PY) -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
		-d $@.tmp "shapely==2.2.*"
	cd $@.tmp && $(abspath $(PY)) -m zipfile -e shapely-*.whl . && rm shapely-*.whl
	@mv $@.tmp $@

demo: setup
	@bash scripts/demo.sh "$(DEMO_OUT)"

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests -q

test-unit: setup
	$(PY) -m pytest tests/unit -q -p no:pytest_qgis

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m mypy core
	$(PY) scripts/i18n.py check

i18n: setup
	$(PY) scripts/i18n.py update

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

package: setup
	@bash scripts/package.sh

clean:
	rm -rf .build dist $(DEMO_OUT) .pytest_cache .ruff_cache .mypy_cache
