"""Makes the repository importable as the ``fibre_resilience`` package.

The repository root is the plugin folder. Tests import it the way QGIS does: through a
folder holding a link named ``fibre_resilience`` to the repository (``.build/plugins``),
the same folder the headless runner gives ``qgis_process`` as ``QGIS_PLUGINPATH``.
"""

import contextlib
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGINS_DIR = REPO / ".build" / "plugins"
# Third-party data the tests read, copied into the repository (its README gives each source).
REAL_DATA = REPO / "tests" / "data" / "real"


def _ensure_plugin_link() -> None:
    link = PLUGINS_DIR / "fibre_resilience"
    PLUGINS_DIR.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            os.symlink(REPO, link, target_is_directory=True)
    if str(PLUGINS_DIR) not in sys.path:
        sys.path.insert(0, str(PLUGINS_DIR))


_ensure_plugin_link()


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The third-party data of tests/data/real, read in place."""
    if not REAL_DATA.is_dir():
        raise RuntimeError(f"real data folder not found: {REAL_DATA}")
    return REAL_DATA


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The bundled sample territory."""
    return REPO / "resources" / "sample"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


def _fingerprints(folder: Path) -> dict:
    import hashlib

    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.endswith(".aux.xml")
    }


@pytest.fixture(scope="session", autouse=True)
def sample_stays_unchanged():
    """No test may write to the bundled sample or to the real data of tests/data/real: they
    stand for the user's source layers, which we never modify (a GeoPackage opened for writing
    changes even with no edit)."""
    folders = (REPO / "resources" / "sample", REAL_DATA)
    before = {folder: _fingerprints(folder) for folder in folders}
    yield
    changed = [
        f"{folder.relative_to(REPO)}/{name}"
        for folder in folders
        for name, digest in _fingerprints(folder).items()
        if before[folder].get(name) != digest
    ]
    assert not changed, f"the tests modified the bundled sample or real data: {changed}"


@pytest.fixture(scope="session")
def scale20_region(tmp_path_factory) -> Path:
    """``scripts/sample_territory.py --scale 20`` (70,000 premises; byte-identical for the same
    seed and scale), generated once per session for the tests that read it: never edit it."""
    import subprocess

    folder = tmp_path_factory.mktemp("scale20") / "region"
    generator = REPO / "scripts" / "sample_territory.py"
    command = [sys.executable, str(generator), "--scale", "20", "--out", str(folder)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=900)
    return folder
