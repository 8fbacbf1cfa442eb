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


# Peak memory per step: Linux keeps the process's resident high-water mark (VmHWM) and resets
# it when "5" is written to /proc/self/clear_refs, so one process can measure each step's own
# peak. Elsewhere the peak since the process started (ru_maxrss) is all there is.
_STATUS = Path("/proc/self/status")


def reset_peak_memory() -> bool:
    """Start a new peak; False where the system cannot (then peaks are since start)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_memory() -> float:
    """Bytes: the resident peak since the last reset (or since the process started)."""
    if _STATUS.exists():
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1]) * 1024
    import resource

    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024


# A regional set generated elsewhere (e.g. shared by several worktrees): its folder.
REGION_ENV = "FIBRE_RESILIENCE_REGION"


def region_dir(scale: float) -> Path:
    """Where ``scripts/sample_territory.py --scale <scale>`` is kept (200: the regional set,
    or the folder named by the FIBRE_RESILIENCE_REGION environment variable)."""
    if scale == 200 and os.environ.get(REGION_ENV):
        return Path(os.environ[REGION_ENV])
    return DATA / ("region" if scale == 200 else f"region_{scale:g}")


def ensure_region(scale: float, generate: bool):
    """The generated territory folder, made once when asked; None (said how) when absent."""
    folder = region_dir(scale)
    if (folder / "gracethd_v3.gpkg").exists() and (folder / "territory.gpkg").exists():
        return folder
    command = [sys.executable, str(REPO / "scripts" / "sample_territory.py")]
    command += ["--scale", f"{scale:g}", "--out", str(folder)]
    if not generate:
        where = folder.relative_to(REPO) if folder.is_relative_to(REPO) else folder
        print(f"skipped: no data in {where}: make it once (a few minutes) with")
        print(f"  python scripts/sample_territory.py --scale {scale:g} --out {where}")
        scale_option = "" if scale == 200 else f" --scale {scale / 200:g}"
        print(f"  or python -m benchmarks.run --only plan,returnperiods{scale_option}")
        return None
    import subprocess

    print(f"generating {folder} (scale {scale:g}) ...", flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return folder


def gb(value: float) -> str:
    return f"{value / 1e9:.2f} GB"
