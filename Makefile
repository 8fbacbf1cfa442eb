# Fibre Resilience — developer commands. `make demo` and `make test` set themselves up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A lane (scripts/lane.sh) runs this Makefile inside its chroot with its own VENV, REQUIREMENTS
# (requirements-lane.txt, no CONSTRAINTS) and APT_EXTRA (the Python dependencies from the lane's
# Debian packages instead of pip).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# per venv: a lane (another Python) needs its own wheel
OTHER_GEOS = $(VENV)/shapely-other-geos
REQUIREMENTS ?= requirements-dev.txt
CONSTRAINTS ?= constraints.txt
APT_EXTRA ?=
# The scripts (demo, runner, package) and the tests find the venv's packages through this.
export FIBRE_VENV := $(abspath $(VENV))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian's /usr/bin/qgis_process wrapper fails headless; the scripts and tests call
# qgis_process.bin (scripts/qgis-process).
# xauth: xvfb-run needs it and xvfb only recommends it.
APT_PACKAGES := qgis python3-qgis qgis-providers xvfb xauth python3-scipy python3-pandas \
	python3-gdal gdal-bin unzip zip qttools5-dev-tools
# Test lanes: Debian releases in a chroot with their own QGIS (`make test LANE=trixie`).
LANES := trixie sid
LANE ?=
DEMO_OUT ?= $(if $(LANE),demo_output_$(LANE),demo_output)
TESTS ?= tests

.PHONY: help setup system-packages demo test test-unit lint format i18n bench package clean lane

help:
	@echo "make demo     run the main job on the bundled sample territory (sets itself up)"
	@echo "make test     run every test: unit, QGIS, qgis_process (sets itself up)"
	@echo "make test LANE=trixie   the same inside a Debian 13 chroot (QGIS 3.40); LANE=sid: QGIS 3.44"
	@echo "make demo LANE=trixie   the demo there (the lane is built once into .lanes/, ~3 GB)"
	@echo "make setup    install QGIS (apt) and the Python venv; quick when already done"
	@echo "make lint     ruff check + ruff format --check + type check of core/"
	@echo "make bench    timings against the QGIS native algorithms and networkx"
	@echo "make package  build the plugin zip into dist/ and check that it loads"
	@echo "make i18n     collect new strings into i18n/fibre_resilience_fr.ts (then translate)"

setup: system-packages $(STAMP) $(OTHER_GEOS)

# QGIS and friends from the distribution; skipped when they are already there.
system-packages:
	@if command -v qgis_process.bin >/dev/null && /usr/bin/python3 -c "import qgis.core, osgeo, scipy, pandas" 2>/dev/null \
		&& command -v xvfb-run >/dev/null && command -v xauth >/dev/null && command -v unzip >/dev/null && command -v zip >/dev/null \
		&& test -x /usr/lib/qt5/bin/lrelease && { [ -z "$(strip $(APT_EXTRA))" ] || dpkg -s $(APT_EXTRA) >/dev/null 2>&1; }; then \
		echo "system packages: already installed"; \
	else \
		echo "system packages: installing QGIS from the distribution (a few minutes)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) $(APT_EXTRA) >/dev/null; \
	fi
	@bash scripts/postgis.sh install

$(STAMP): $(REQUIREMENTS) $(CONSTRAINTS)
	@test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check $(if $(CONSTRAINTS),-c $(CONSTRAINTS)) \
		-r $(REQUIREMENTS)
	@touch $@

# A shapely wheel on another GEOS than QGIS's, for the test that the plugin refuses it cleanly.
$(OTHER_GEOS): constraints.txt $(STAMP)
	@rm -rf $@ && mkdir -p $@.tmp
	$(PY) -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
		-d $@.tmp "shapely==2.2.*"
	cd $@.tmp && $(abspath $(PY)) -m zipfile -e shapely-*.whl . && rm shapely-*.whl
	@mv $@.tmp $@

ifeq ($(LANE),)
demo: setup
	@bash scripts/demo.sh "$(DEMO_OUT)"

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(TESTS) -q
else
# The same targets inside the lane; scripts/lane.sh builds it first when it is missing.
demo test:
	@case " $(LANES) " in *" $(LANE) "*) ;; *) echo "LANE must be one of: $(LANES)" >&2; exit 2;; esac
	@bash scripts/lane.sh "$(LANE)" make $@ DEMO_OUT="$(DEMO_OUT)" TESTS="$(TESTS)"
endif

test-unit: setup
	$(PY) -m pytest tests/unit -q -p no:pytest_qgis

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/flake8 .
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

# Build (once) or show a lane: `make lane LANE=trixie`. Remove it: bash scripts/lane.sh trixie remove
lane:
	@bash scripts/lane.sh "$(LANE)" build
	@bash scripts/lane.sh "$(LANE)" info

clean:
	rm -rf .build dist $(DEMO_OUT) .pytest_cache .ruff_cache .mypy_cache
