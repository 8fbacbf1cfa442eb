"""Screenshots of an algorithm's dialog in a real QGIS desktop, a parameter's help shown.

One file, two roles, as ``desktop_screenshot.py``:

* launcher: ``python scripts/dialog_screenshot.py --out help/img --lang fr`` compiles the
  French translation when asked, starts ``qgis.bin`` under ``xvfb-run`` with a throwaway
  profile in which the plugin is enabled, and gives it this file as ``--code``;
* startup script (run by QGIS): opens the dialog of ``ALGORITHM`` with the sample territory's
  routes and flood zones filled in, shows the tooltip of ``PARAMETER`` (the help of
  ``processing_provider/help.py``), grabs the screen around the dialog into
  ``<out>/dialog.<lang>.png`` and quits.
"""

import argparse
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

OUT_ENV = "FIBRE_RESILIENCE_DIALOG_OUT"
LANG_ENV = "FIBRE_RESILIENCE_DIALOG_LANG"
ALG_ENV = "FIBRE_RESILIENCE_DIALOG_ALGORITHM"
PARAM_ENV = "FIBRE_RESILIENCE_DIALOG_PARAMETER"
PLUGIN = "fibre_resilience"
ALGORITHM = "fibreresilience:hazardexposure"
PARAMETER = "FAIL_LEVEL"
SCREEN = (1400, 1000)
PROFILE_INI = f"""[PythonPlugins]
{PLUGIN}=true

[qgis]
checkVersion=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[app]
plugin_installer\\checkOnStart=false
"""


def _repo() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def launch(
    out_dir: str,
    language: str,
    timeout: float = 120.0,
    algorithm: str = ALGORITHM,
    parameter: str = PARAMETER,
    name: str = "dialog",
) -> str:
    """Run QGIS once; the path of the screenshot (RuntimeError when none)."""
    qgis_bin = shutil.which("qgis.bin")
    xvfb_run = shutil.which("xvfb-run")
    if qgis_bin is None or xvfb_run is None:
        raise RuntimeError("qgis.bin or xvfb-run not found: run 'make setup'.")
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, f"{name}.{language}.png")
    work = tempfile.mkdtemp(prefix="fibre-resilience-dialog-")
    try:
        # a copy of the plugin, so that a compiled .qm never lands in the repository
        plugin = os.path.join(work, "plugins", PLUGIN)
        shutil.copytree(
            _repo(),
            plugin,
            ignore=shutil.ignore_patterns(".*", "tests", "benchmarks", "dist", "demo_output*"),
        )
        if language != "en":
            lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
            ts = os.path.join(plugin, "i18n", f"fibre_resilience_{language}.ts")
            subprocess.run([lrelease, "-silent", ts, "-qm", ts[:-3] + ".qm"], check=True)
        locale = {"fr": "fr_FR", "en": "en_US"}[language]
        profile = os.path.join(work, "profiles", "profiles", "default", "QGIS")
        os.makedirs(profile)
        with open(os.path.join(profile, "QGIS3.ini"), "w", encoding="utf-8") as handle:
            handle.write(PROFILE_INI)
            # what Settings > Options > General > Override system locale stores
            handle.write(f"\n[locale]\noverrideFlag=true\nuserLocale={locale}\n")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=work)
        env.update({"QGIS_PLUGINPATH": os.path.join(work, "plugins"), OUT_ENV: target})
        env[LANG_ENV] = language
        env[ALG_ENV], env[PARAM_ENV] = algorithm, parameter
        site = sorted(glob.glob(os.path.join(_repo(), ".venv", "lib", "python3*", "site-packages")))
        if site:
            env["PYTHONPATH"] = os.pathsep.join([site[0], *filter(None, [env.get("PYTHONPATH")])])
        command = [
            xvfb_run,
            "-a",
            "-s",
            f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
            qgis_bin,
            "--nologo",
            "--noversioncheck",
            "--lang",
            locale,
            "--profiles-path",
            os.path.join(work, "profiles"),
            "--code",
            os.path.abspath(__file__),
        ]
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise RuntimeError(f"QGIS did not finish within {timeout:.0f} s") from None
        if not os.path.exists(target):
            error = target + ".error"
            reason = Path(error).read_text(encoding="utf-8") if os.path.exists(error) else ""
            raise RuntimeError(f"no screenshot (QGIS exit {process.returncode}) {reason}")
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder of dialog.<lang>.png")
    parser.add_argument("--lang", choices=("en", "fr"), default="en")
    parser.add_argument("--algorithm", default=ALGORITHM, help="an algorithm or model id")
    parser.add_argument("--parameter", default=PARAMETER, help="the input whose help shows")
    parser.add_argument("--name", default="dialog", help="the file is <name>.<lang>.png")
    args = parser.parse_args(argv)
    print(launch(args.out, args.lang, 120.0, args.algorithm, args.parameter, args.name))
    return 0


# ---------------------------------------------------------------- inside QGIS


def _in_qgis(target: str) -> None:
    from qgis import processing
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
    from qgis.PyQt.QtCore import QPoint, QTimer
    from qgis.PyQt.QtWidgets import QToolTip

    state = {}

    def fail(message):
        with open(target + ".error", "w", encoding="utf-8") as handle:
            handle.write(message)
        QTimer.singleShot(0, lambda: QgsApplication.exit(1))

    def guarded(function):
        def run():
            try:
                function()
            except Exception:  # noqa: BLE001 (written beside the target, then QGIS quits)
                fail(traceback.format_exc())

        return run

    def open_dialog():
        package = os.path.dirname(os.path.realpath(sys.modules[PLUGIN].__file__))
        sample = os.path.join(package, "resources", "sample")
        routes = QgsVectorLayer(
            os.path.join(sample, "gracethd_v3.gpkg") + "|layername=t_cheminement", "routes"
        )
        zones = QgsVectorLayer(
            os.path.join(sample, "territory.gpkg") + "|layername=flood_zones", "flood_zones"
        )
        QgsProject.instance().addMapLayers([routes, zones])
        algorithm = os.environ.get(ALG_ENV, ALGORITHM)
        filled = {  # the sample filled in, as a user would
            ALGORITHM: {"INPUT": routes, "HAZARD": zones, "HAZARD_FIELD": "scenario", "PRESET": 1},
            "fibreresilience:resilienceplan": {
                "delivery": os.path.join(sample, "gracethd_v3.gpkg"),
                "hazard": zones,
                "hazard_field": "scenario",
            },
        }
        dialog = processing.createAlgorithmDialog(algorithm, filled.get(algorithm, {}))
        dialog.setGeometry(20, 20, 900, 860)
        dialog.show()
        state["dialog"] = dialog
        QTimer.singleShot(1500, guarded(show_tip))

    def show_tip():
        dialog = state["dialog"]
        label = dialog.mainWidget().wrappers[os.environ.get(PARAM_ENV, PARAMETER)].wrappedLabel()
        QToolTip.showText(label.mapToGlobal(QPoint(30, label.height())), label.toolTip(), label)
        QTimer.singleShot(1000, guarded(grab))

    def grab():
        dialog = state["dialog"]
        screen = QgsApplication.primaryScreen()
        corner = dialog.frameGeometry().topLeft()
        size = dialog.frameGeometry().size()
        image = screen.grabWindow(0, corner.x(), corner.y(), size.width(), size.height()).toImage()
        if not image.save(target, "PNG"):
            raise RuntimeError(f"could not write {target}")
        dialog.close()
        QgsProject.instance().clear()
        QTimer.singleShot(0, lambda: QgsApplication.exit(0))

    QTimer.singleShot(60000, lambda: fail("watchdog"))
    QTimer.singleShot(1000, guarded(open_dialog))


def _inside_qgis() -> bool:
    utils = sys.modules.get("qgis.utils")
    return utils is not None and getattr(utils, "iface", None) is not None and OUT_ENV in os.environ


if _inside_qgis():  # QGIS runs this file with exec() in __main__
    _in_qgis(os.environ[OUT_ENV])
elif __name__ == "__main__":
    sys.exit(main())
