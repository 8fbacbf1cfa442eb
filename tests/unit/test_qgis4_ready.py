"""QGIS 4 (Qt 6) readiness, checked statically since no QGIS 4 package exists for Debian yet:
metadata that lets QGIS 4 offer the plugin, and flake8-qgis's QGIS API (QGS1xx) and Qt 6
(QGS4xx) rules clean over the repository (.flake8)."""

import configparser
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_metadata_says_qt6_and_the_versions():
    metadata = configparser.ConfigParser()
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    general = metadata["general"]
    assert general["supportsQt6"] == "True"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"


def test_flake8_qgis_finds_nothing():
    flake8 = Path(sys.executable).parent / "flake8"
    assert flake8.exists(), f"{flake8} is missing: run make setup (flake8-qgis)"
    done = subprocess.run([str(flake8), "."], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def project_python_files():
    """The repository's own Python files. Hidden folders (.venv, .build, .lanes with a
    chroot whose /proc is mounted while another lane runs) are pruned before being entered,
    never walked and filtered afterwards."""
    for root, dirs, files in os.walk(REPO):
        dirs[:] = [name for name in dirs if not name.startswith(".") and name != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                yield Path(root) / name


def test_no_qaction_from_qtwidgets_outside_compat():
    for path in project_python_files():
        if path.name == "compat.py" or path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        assert "QtWidgets import " + "QAction" not in text, path
