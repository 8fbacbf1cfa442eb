"""A real QGIS desktop with Fibre Resilience: the sample territory, routes scored in the dock.

One file, two roles:

* launcher: ``python scripts/desktop_screenshot.py --out-dir DIR`` starts the QGIS desktop
  (``qgis.bin``) under ``xvfb-run`` with a throwaway profile in which the plugin is enabled,
  and gives it this file as ``--code``;
* startup script (run by QGIS, ``iface`` available): loads the sample territory, runs
  ``fibreresilience:hazardexposure`` on the routes (``t_cheminement``) against the TRI flood
  zones, opens the plugin's "Asset scoring" dock on that layer with criteria, adds the scored
  layer ("New scored layer"), waits for the map to render, grabs the main window into
  ``DIR/desktop.png``, writes what it saw into ``DIR/desktop.json`` and quits QGIS.

No network is needed. A watchdog quits QGIS if anything hangs; the launcher kills the whole
process group after ``--timeout`` seconds.
"""

import argparse
import contextlib
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback

OUT_ENV = "FIBRE_RESILIENCE_DESKTOP_OUT"
WATCHDOG_ENV = "FIBRE_RESILIENCE_DESKTOP_WATCHDOG"
PNG_NAME = "desktop.png"
JSON_NAME = "desktop.json"
SCREEN = (1800, 1000)
PLUGIN = "fibre_resilience"
# The profile settings: plugin on; no version check, news feed or plugin-repository fetch
# (no network), no prompt to save scratch layers.
PROFILE_INI = f"""[PythonPlugins]
{PLUGIN}=true

[qgis]
checkVersion=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[app]
askToSaveMemoryLayers=false
plugin_installer\\checkOnStart=false
"""

CRITERIA = (
    "hz_level | weight=3 | higher | thresholds=1;2;3;4 | label=Flood level\n"
    "hz_length | weight=2 | higher | log | label=Flooded length\n"
    "`\"cm_typelog\" <> 'DI'` | weight=2 | higher | minmax | label=Backbone\n"
    "`\"cm_typ_imp\" IN ('0', '1')` | weight=1 | higher | minmax | label=Aerial\n"
)


# ---------------------------------------------------------------- launcher (plain Python)


def _repo() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _environment(work: str, out_dir: str, watchdog: float) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "xcb"  # `make test` sets offscreen; the desktop needs the X server
    env["QGIS_PLUGINPATH"] = os.path.join(work, "plugins")
    env["XDG_RUNTIME_DIR"] = work
    env[OUT_ENV] = out_dir
    env[WATCHDOG_ENV] = str(watchdog)
    venv = os.environ.get("FIBRE_VENV") or os.path.join(_repo(), ".venv")  # `make` sets it
    site = sorted(glob.glob(os.path.join(venv, "lib", "python3*", "site-packages")))
    if site:  # shapely 2 and friends before the system ones
        env["PYTHONPATH"] = os.pathsep.join([site[0], *filter(None, [env.get("PYTHONPATH")])])
    return env


def launch(out_dir: str, timeout: float = 150.0) -> dict:
    """Run the desktop once; the report of DIR/desktop.json (RuntimeError when none)."""
    qgis_bin = shutil.which("qgis.bin") or shutil.which("qgis")
    xvfb_run = shutil.which("xvfb-run")
    if qgis_bin is None or xvfb_run is None:
        raise RuntimeError("qgis.bin or xvfb-run not found: run 'make setup'.")
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    for name in (PNG_NAME, JSON_NAME):
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(out_dir, name))
    work = tempfile.mkdtemp(prefix="fibre-resilience-desktop-")
    try:
        os.makedirs(os.path.join(work, "plugins"))
        os.symlink(_repo(), os.path.join(work, "plugins", PLUGIN), target_is_directory=True)
        profile = os.path.join(work, "profiles", "profiles", "default", "QGIS")
        os.makedirs(profile)
        with open(os.path.join(profile, "QGIS3.ini"), "w", encoding="utf-8") as handle:
            handle.write(PROFILE_INI)
        # the Debian wrapper `qgis` only adds --noversioncheck (and GRASS libraries)
        command = [
            xvfb_run,
            "-a",
            "-s",
            f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24",
            qgis_bin,
            "--nologo",
            "--noversioncheck",
            "--lang",
            "en_US",
            "--profiles-path",
            os.path.join(work, "profiles"),
            "--code",
            os.path.abspath(__file__),
        ]
        env = _environment(work, out_dir, watchdog=max(timeout - 20.0, 10.0))
        log_path = os.path.join(out_dir, "desktop.log")
        with open(log_path, "w", encoding="utf-8") as log:
            # own session: on timeout the whole group (xvfb-run, Xvfb, QGIS) goes
            process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise RuntimeError(
                    f"QGIS did not finish within {timeout:.0f} s (log: {log_path})"
                ) from None
        report_path = os.path.join(out_dir, JSON_NAME)
        if not os.path.exists(report_path):
            raise RuntimeError(
                f"QGIS exited ({process.returncode}) without a report (log: {log_path})"
            )
        with open(report_path, encoding="utf-8") as handle:
            report = json.load(handle)
        report["exit_code"] = process.returncode
        report["ok"] = bool(report.get("ok")) and process.returncode == 0
        with open(report_path, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=1)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", required=True, help="where desktop.png/.json go")
    parser.add_argument("--timeout", type=float, default=150.0, help="seconds (default 150)")
    parser.add_argument("--save-as", help="also copy the screenshot there (docs/...png)")
    args = parser.parse_args(argv)
    report = launch(args.out_dir, args.timeout)
    print(json.dumps(report, indent=1))
    if not report.get("ok"):
        return 1
    if args.save_as:
        shutil.copyfile(report["screenshot"], args.save_as)
    return 0


# ---------------------------------------------------------------- inside QGIS


class _Desktop:
    """Builds the scene step by step on the event loop, then grabs the window and quits."""

    def __init__(self, interface, out_dir: str, watchdog: float):
        from qgis.PyQt.QtCore import QTimer

        self.iface = interface
        self.out_dir = out_dir
        self.report = {"ok": False, "errors": []}
        self.done = False
        self.dock = None
        self.scored = None
        self.territory = None
        self.renders = 0
        self.watchdog = QTimer()
        self.watchdog.setSingleShot(True)
        self.watchdog.timeout.connect(lambda: self._fail("watchdog: QGIS took too long"))
        self.watchdog.start(int(watchdog * 1000))

    def start(self) -> None:
        from qgis.PyQt.QtCore import QTimer

        QTimer.singleShot(500, self._step(self._build))

    def _step(self, function):
        """``function`` guarded: an exception ends the run with its traceback in the report."""

        def run(*args):
            if self.done:
                return
            try:
                function(*args)
            except Exception:  # noqa: BLE001 (reported, then QGIS quits instead of a dialog)
                self._fail(traceback.format_exc())

        return run

    # -------------------------------------------------------- scene

    def _build(self) -> None:
        import qgis.utils
        from qgis.core import Qgis, QgsApplication, QgsProject
        from qgis.PyQt.QtCore import Qt, QTimer

        from fibre_resilience.core.criteria import parse_criteria

        window = self.iface.mainWindow()
        window.setGeometry(window.screen().geometry())  # no window manager to maximise it
        self.report["qgis_version"] = Qgis.version()
        self.report["plugin_loaded"] = PLUGIN in qgis.utils.plugins
        registry = QgsApplication.processingRegistry()
        self.report["provider_registered"] = registry.providerById("fibreresilience") is not None
        plugin = qgis.utils.plugins[PLUGIN]
        package = os.path.dirname(os.path.realpath(sys.modules[PLUGIN].__file__))
        sample = os.path.join(package, "resources", "sample")

        project = QgsProject.instance()
        project.setCrs(_crs("EPSG:2154"))
        project.setTitle("Fibre Resilience: sample territory")
        communes = _add(_communes_layer(sample))
        zones = _add(_flood_layer(sample))
        exposure = self._exposure(sample, zones)
        self._tidy_panels(window)
        self.dock = plugin.docks[0]
        self.dock.toggleViewAction().trigger()  # what the toolbar button does
        window.resizeDocks([self.dock], [820], Qt.Orientation.Horizontal)
        self.dock.set_layer(exposure)
        self.dock.set_criteria(parse_criteria(CRITERIA))
        self.dock.resultTabs.setCurrentIndex(0)
        self.scored = self.dock.apply_as_new_layer()  # "New scored layer"
        if self.scored is None:
            raise RuntimeError("New scored layer failed: " + self.dock.messageLabel.text())
        tree = project.layerTreeRoot()
        tree.findLayer(exposure.id()).setItemVisibilityChecked(False)
        self.iface.setActiveLayer(self.scored)

        self.report["layers"] = [node.name() for node in tree.findLayers()]
        self.territory = communes.extent()
        # QGIS zooms to the first layer added once the events are processed: frame after it
        QTimer.singleShot(500, self._step(self._frame))

    def _frame(self) -> None:
        from qgis.core import QgsProject
        from qgis.PyQt.QtCore import QTimer

        canvas = self.iface.mapCanvas()
        canvas.setExtent(_around_top(self.scored, self.territory, canvas))
        node = QgsProject.instance().layerTreeRoot().findLayer(self.scored.id())
        node.setExpanded(True)  # its legend: the score classes
        view = self.iface.layerTreeView()
        view.setExpanded(view.node2index(node), True)
        canvas.mapCanvasRefreshed.connect(self._step(self._rendered))
        canvas.refreshAllLayers()
        # no "refreshed" signal at all: grab anyway, the report says canvas_renders = 0
        QTimer.singleShot(20000, self._step(self._grab_when_idle))

    def _exposure(self, sample: str, zones):
        from qgis import processing
        from qgis.core import QgsFeatureRequest, QgsProcessing, QgsVectorLayer

        result = processing.run(
            "fibreresilience:hazardexposure",
            {
                "INPUT": os.path.join(sample, "gracethd_v3.gpkg") + "|layername=t_cheminement",
                "HAZARD": zones,
                "HAZARD_FIELD": "scenario",
                "PRESET": 1,  # TRI scenario: 01For=4 ... 04Fai=1
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
        )
        layer = QgsVectorLayer(result["OUTPUT"], "Flooded routes", "ogr")
        layer.setDisplayExpression('"cm_code"')
        exposed = QgsFeatureRequest().setFilterExpression('"hz_level" > 0')
        self.report["exposure"] = {
            "features": layer.featureCount(),
            "exposed": sum(1 for _ in layer.getFeatures(exposed)),
        }
        return _add(layer)

    def _tidy_panels(self, window) -> None:
        """Layers on the left, our dock on the right, nothing else."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QDockWidget

        for dock in window.findChildren(QDockWidget):
            if dock.objectName() == "Layers":
                dock.show()
                window.resizeDocks([dock], [290], Qt.Orientation.Horizontal)
            elif dock.objectName() != "FibreResilienceScoringDock":
                dock.hide()

    # -------------------------------------------------------- render, grab, quit

    def _rendered(self) -> None:
        from qgis.PyQt.QtCore import QTimer

        self.renders += 1
        # one more round of events for the labels and the dock, then check nothing redraws
        QTimer.singleShot(1500, self._step(self._grab_when_idle))

    def _grab_when_idle(self) -> None:
        from qgis.PyQt.QtCore import QTimer

        if self.iface.mapCanvas().isDrawing():
            QTimer.singleShot(500, self._step(self._grab_when_idle))
            return
        self._grab()

    def _grab(self) -> None:
        from qgis.core import NULL, QgsApplication
        from qgis.PyQt.QtCore import QPoint

        if self.done or "screenshot" in self.report:
            return
        QgsApplication.processEvents()
        window = self.iface.mainWindow()
        canvas = self.iface.mapCanvas()
        path = os.path.join(self.out_dir, PNG_NAME)
        image = window.grab().toImage()
        if not image.save(path, "PNG"):
            raise RuntimeError(f"could not write {path}")

        def rect(widget):
            corner = widget.mapTo(window, QPoint(0, 0))
            return [corner.x(), corner.y(), widget.width(), widget.height()]

        scored = self.scored
        fields = scored.fields().names()
        scores = [f["sc_score"] for f in scored.getFeatures()]
        top = sorted(
            [int(f["sc_rank"]), round(float(f["sc_score"]), 1), f["cm_code"]]
            for f in scored.getFeatures()
            if f["sc_rank"] != NULL and int(f["sc_rank"]) <= 5
        )
        table = self.dock.topTable
        dock_top = [  # rank, score, feature title (the route code) as the dock shows them
            [
                int(table.item(row, 0).text()),
                float(table.item(row, 1).text()),
                table.item(row, 2).text(),
            ]
            for row in range(min(5, table.rowCount()))
        ]
        renderer = scored.renderer()
        self.report.update(
            {
                "screenshot": path,
                "image_size": [image.width(), image.height()],
                "window_rect": [window.x(), window.y(), window.width(), window.height()],
                "dock_visible": self.dock.isVisible(),
                "dock_area": int(window.dockWidgetArea(self.dock)),
                "dock_rect": rect(self.dock),
                "canvas_rect": rect(canvas),
                "canvas_renders": self.renders,
                "canvas_extent": canvas.extent().toString(0),
                "dock_layer": self.dock.layer().name(),
                "dock_criteria": self.dock.criteria_text(),
                "dock_rows": table.rowCount(),
                "dock_top": dock_top,
                "scored_layer": {
                    "name": scored.name(),
                    "features": scored.featureCount(),
                    "fields": fields,
                    "scored": sum(1 for v in scores if v != NULL),
                    "top": top,
                    "renderer": renderer.type(),
                    "class_colours": [r.symbol().color().name() for r in renderer.ranges()],
                    "labels": scored.labelsEnabled(),
                },
            }
        )
        self.report["ok"] = not self.report["errors"]
        self._finish(0)

    def _fail(self, message: str) -> None:
        self.report["errors"].append(message)
        self.report["ok"] = False
        self._finish(1)

    def _finish(self, code: int) -> None:
        from qgis.core import QgsApplication, QgsProject
        from qgis.PyQt.QtCore import QTimer

        if self.done:
            return
        self.done = True
        self.watchdog.stop()
        with open(os.path.join(self.out_dir, JSON_NAME), "w", encoding="utf-8") as handle:
            json.dump(self.report, handle, indent=1, default=str)
        QgsProject.instance().setDirty(False)  # no "save the project?" prompt
        # Remove the layers while the window lives, as closing QGIS does: left to exitQgis,
        # removing the active file layer updates the already deleted style dock (a crash).
        QgsProject.instance().clear()
        QTimer.singleShot(0, lambda: QgsApplication.exit(code))


def _around_top(scored, territory, canvas, top: int = 10, width: float = 4500.0):
    """The map extent: the top-ranked routes in the middle, at least ``width`` metres wide,
    inside the territory."""
    from qgis.core import QgsFeatureRequest, QgsRectangle

    request = QgsFeatureRequest().setFilterExpression(f'"sc_rank" <= {int(top)}')
    box = QgsRectangle()
    box.setMinimal()
    for feature in scored.getFeatures(request):
        box.combineExtentWith(feature.geometry().boundingBox())
    if box.isEmpty():
        return territory
    aspect = canvas.height() / max(canvas.width(), 1)
    half_w = max(box.width() * 0.8, width / 2)
    half_h = max(box.height() * 0.8, half_w * aspect)
    centre = box.center()
    extent = QgsRectangle(
        centre.x() - half_w, centre.y() - half_h, centre.x() + half_w, centre.y() + half_h
    )
    return extent.intersect(territory) if territory.contains(box) else extent


def _crs(authid: str):
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem(authid)


def _add(layer):
    from qgis.core import QgsProject

    if not layer.isValid():
        raise RuntimeError(f"layer {layer.name()} is not valid: {layer.source()}")
    QgsProject.instance().addMapLayer(layer)
    return layer


def _ogr(sample: str, gpkg: str, table: str, name: str):
    from qgis.core import QgsVectorLayer

    return QgsVectorLayer(f"{os.path.join(sample, gpkg)}|layername={table}", name, "ogr")


def _communes_layer(sample: str):
    from qgis.core import (
        QgsFillSymbol,
        QgsPalLayerSettings,
        QgsSingleSymbolRenderer,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor

    layer = _ogr(sample, "territory.gpkg", "communes", "Communes")
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "226,224,216,255",
            "outline_color": "120,120,120",
            "outline_width": "0.4",
            "outline_style": "dash",
        }
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = QgsPalLayerSettings()
    settings.fieldName = "nom"
    text = QgsTextFormat()
    text.setSize(10)
    text.setColor(QColor(70, 70, 70))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def _flood_layer(sample: str):
    from qgis.core import QgsFillSymbol, QgsSingleSymbolRenderer

    layer = _ogr(sample, "territory.gpkg", "flood_zones", "Flood zones (TRI)")
    # nested extents: the frequent flood, drawn three times, is the darkest
    symbol = QgsFillSymbol.createSimple(
        {"color": "70,130,200,55", "outline_color": "70,130,200,120", "outline_width": "0.2"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _run_in_qgis() -> None:
    from qgis.utils import iface

    desktop = _Desktop(iface, os.environ[OUT_ENV], float(os.environ.get(WATCHDOG_ENV, "120")))
    # QGIS runs this file with exec() in __main__: a module global keeps the object alive
    globals()["_FIBRE_RESILIENCE_DESKTOP"] = desktop
    desktop.start()


def _inside_qgis() -> bool:
    utils = sys.modules.get("qgis.utils")
    return utils is not None and getattr(utils, "iface", None) is not None and OUT_ENV in os.environ


if _inside_qgis():
    _run_in_qgis()
elif __name__ == "__main__":
    sys.exit(main())
