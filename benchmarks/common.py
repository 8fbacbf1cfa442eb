"""What every benchmark shares: the package link, a QGIS application, timing and printing."""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
PLUGINS_DIR = REPO / ".build" / "plugins"


def import_plugin_package() -> None:
    """Make the repository importable as ``fibre_resilience`` (as tests/conftest.py does)."""
    link = PLUGINS_DIR / "fibre_resilience"
    PLUGINS_DIR.mkdir(parents=True, exist_ok=True)
    if not link.exists():
        os.symlink(REPO, link, target_is_directory=True)
    if str(PLUGINS_DIR) not in sys.path:
        sys.path.insert(0, str(PLUGINS_DIR))


_QGIS = None


def qgis_app():
    """A headless QGIS with Processing and our provider, started once per process."""
    global _QGIS
    if _QGIS is not None:
        return _QGIS
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import_plugin_package()
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from fibre_resilience.processing_provider.provider import FibreResilienceProvider

    provider = FibreResilienceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    _QGIS = (app, provider)  # the registry does not keep the Python provider alive
    return app


@contextmanager
def timed(results: dict, key: str):
    start = time.perf_counter()
    yield
    results[key] = time.perf_counter() - start


def report(title: str, ours: float, baseline: float, baseline_name: str, target: float = 0.0):
    """Print our time beside the baseline's, as a ratio, with the target when there is one."""
    ratio = baseline / ours if ours > 0 else float("inf")
    verdict = ""
    if target:
        verdict = f"  target >= {target:g}x: {'met' if ratio >= target else 'NOT met'}"
    print(f"{title}\n  ours {ours:8.2f} s | {baseline_name} {baseline:8.2f} s", end="")
    print(f" | ratio {ratio:7.1f}x{verdict}")
    return ratio
