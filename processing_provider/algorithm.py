"""The one base class of our Processing algorithms."""

import signal
import threading
import traceback
from contextlib import contextmanager

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..adapters import errors, sinks, styles
from ..adapters.compat import geos_mismatch, missing_dependencies
from ..adapters.numbers import not_a_number
from ..i18n import tr
from ..resources.icons import plugin_icon
from . import help as parameter_help

# Group ids are stored in models: never rename them. Their names are translated.
GROUPS = {
    "audit": "Risk audit",
    "network": "Network analysis",
    "intervention": "Intervention scenarios",
    "plan": "Action plan",
}

# The style each output layer loads with: (algorithm id, output key) -> the name of a QML file
# in resources/styles/ (adapters/styles.py applies it). Tables (no geometry) have none.
OUTPUT_STYLES = {
    ("gracethdnetwork", "ROUTES"): "laying",
    ("gracethdnetwork", "CABLES"): "laying",
    ("gracethdnetwork", "NODES"): "node_roles",
    ("gracethdnetwork", "PREMISES"): "premises",
    ("hazardexposure", "OUTPUT"): "hazard_levels",
    ("networktopology", "OUTPUT_NODES"): "topology_nodes",
    ("networktopology", "OUTPUT_DEFECTS"): "topology_defects",
    ("redundancygaps", "OUTPUT_SEGMENTS"): "spof_premises",
    ("redundancygaps", "OUTPUT_NODES"): "spof_premises",
    ("redundancygaps", "OUTPUT_SITES"): "diversity",
    ("redundancygaps", "OUTPUT_PREMISES"): "premises_spof",
    ("scenarioimpact", "OUTPUT_SITES"): "impact",
    ("scenarioimpact", "OUTPUT_PREMISES"): "impact",
    ("scenarioimpact", "OUTPUT_LINES"): "impact",
    ("scenarioimpact", "SUMMARY"): "impact_summary",
    ("returnperiods", "OUTPUT_LINES"): "return_periods",
    ("returnperiods", "OUTPUT_PREMISES"): "return_periods",
    ("returnperiods", "OUTPUT_SITES"): "return_periods",
    ("accessroutes", "OUTPUT"): "access_targets",
    ("accessroutes", "ROUTES"): "crew_routes",
    ("accessroutes", "BLOCKED_ROADS"): "blocked_roads",
    ("accessroutes", "SERVICE_AREAS"): "service_areas",
    ("accessroutes", "STAGING"): "staging_points",
    ("scoreassets", "OUTPUT"): "scores",
    ("powerresilience", "OUTPUT"): "power_sites",
    ("restoration", "OUTPUT"): "restoration_jobs",
    ("restoration", "OUTPUT_NODES"): "restoration_nodes",
    ("mitigationplan", "ACTIONS"): "mitigation_actions",
    ("mitigationplan", "ACTION_SITES"): "mitigation_sites",
}


class FibreAlgorithm(QgsProcessingAlgorithm):
    """Shared manners: id, group, translation, icon, dependency check.

    Subclasses set ``ALG_ID`` and ``ALG_GROUP`` and implement ``displayName``,
    ``shortHelpString``, ``initAlgorithm`` and ``process`` (what ``processAlgorithm`` does).
    """

    ALG_ID = ""
    ALG_GROUP = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("FibreResilience", text)

    def createInstance(self):
        return type(self)()

    def name(self) -> str:
        return self.ALG_ID

    def groupId(self) -> str:
        return self.ALG_GROUP

    def group(self) -> str:
        return self.tr(GROUPS[self.ALG_GROUP])

    def icon(self):
        return plugin_icon()

    def helpUrl(self) -> str:
        """This algorithm's section of the user guide shipped in ``help/``."""
        return parameter_help.guide_url(self.ALG_ID)

    def addParameter(self, definition, createOutput=True):  # noqa: N803 (QGIS's name)
        """Temporary outputs are GeoPackages in the Processing temp folder, not memory
        layers: a regional plan chains outputs of millions of features (a memory layer holds
        about 2.7 kB per feature: 6 GB for one delivery), and the next step reads a
        GeoPackage in one GDAL call. ``memory:`` as a destination still makes one."""
        if isinstance(definition, QgsProcessingParameterFeatureSink):
            definition.setSupportsNonFileBasedOutput(False)
        parameter_help.apply_help(self.ALG_ID, definition)  # processing_provider/help.py
        return super().addParameter(definition, createOutput)

    # The staging of the run under way (adapters.sinks.Staging), None between runs.
    staging = None

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        """QGIS's, except that during a run a file destination is written in a staging
        folder beside it and moved into place when the run succeeds."""
        if self.staging is not None:
            parameters = self.staging.stage(parameters, name)
        return super().parameterAsSink(parameters, name, context, *args, **kwargs)

    def parameterAsFileOutput(self, parameters, name, context):  # noqa: N802
        """QGIS's, except that during a run the file is written in a staging folder beside
        its destination and moved into place when the run succeeds."""
        path = super().parameterAsFileOutput(parameters, name, context)
        if self.staging is not None:
            return self.staging.stage_file(name, path)
        return path

    def processAlgorithm(self, parameters, context, feedback):
        """Runs ``process`` with its outputs made safe, and frees what it held on failure.

        Before anything is read, destinations are checked (none overwrites an input or
        another output, each has an extension QGIS writes, folders are created). File outputs
        are written beside their destinations and moved into place only when the whole run
        has succeeded; a failed or cancelled run removes them. On the main thread (qgis_process),
        SIGINT and SIGTERM cancel the run for its duration. Output layers to be loaded get
        their style (:meth:`style_outputs`).

        QGIS 3.22 keeps the traceback of an exception raised in a Python
        ``processAlgorithm`` for good: every local of every frame of a failed run (layers
        read into arrays, graphs of a million edges) would stay in memory until QGIS exits.
        The message and the traceback text stay.
        """
        problem = dependency_problem()  # qgis_process runs even what canExecute refuses
        if problem:
            raise QgsProcessingException(problem)
        staging = None
        try:
            refusal = not_a_number(self, parameters, context)  # models skip checkParameterValues
            if refusal:
                raise QgsProcessingException(refusal)
            staging = sinks.Staging(
                self, context, sinks.check_destinations(self, parameters, context)
            )
            self.staging = staging
            with cancel_on_signals(feedback), errors.core_errors():
                results = self.process(parameters, context, feedback)
                if feedback is not None and feedback.isCanceled():
                    errors.raise_cancelled()  # cancelled after the last check: nothing kept
            results = staging.commit(results)
        except BaseException as exc:
            if staging is not None:
                staging.discard()
            traceback.clear_frames(exc.__traceback__)  # this frame runs on: skipped
            del parameters  # the caller's layers, referenced by this frame
            raise
        finally:
            self.staging = None
        self.style_outputs(results, context)
        return results

    def style_outputs(self, results, context) -> None:
        """Every output layer QGIS will load at the end of the run (toolbox, batch, a model's
        final outputs) gets its style (``OUTPUT_STYLES``; tables none) and goes into a group
        named after this step; headless runs load nothing and are left alone."""
        for key, destination in results.items():
            style = OUTPUT_STYLES.get((self.ALG_ID, key), "")
            styles.style_on_load(context, destination, style, self.displayName())

    def process(self, parameters, context, feedback):
        """The algorithm's work, as ``processAlgorithm`` would do it; every subclass has one."""
        raise NotImplementedError(f"{type(self).__name__} has no process()")

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        """Processing's checks, then ours: no numeric parameter may be NaN or infinite."""
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            refusal = not_a_number(self, parameters, context)
            if refusal:
                return False, refusal
        return ok, message

    def canExecute(self):
        problem = dependency_problem()
        return (False, problem) if problem else (True, "")


def dependency_problem() -> str:
    """Why the algorithms cannot run in this QGIS (missing packages, or a shapely on another
    GEOS than QGIS's), in the user's language; empty when they can."""
    mismatch = geos_mismatch()
    if mismatch:
        return tr(
            "shapely uses GEOS {shapely} but QGIS uses GEOS {qgis}: two GEOS libraries in one "
            "process give wrong geometries and crashes, so Fibre Resilience will not run. "
            "Install a shapely built on QGIS's GEOS: on Debian or Ubuntu remove the pip one "
            "(pip3 uninstall shapely) and install python3-shapely, or build it on your GEOS "
            '(pip3 install --no-binary shapely "shapely>=2"); on Windows use the shapely of '
            "the OSGeo4W or QGIS installer; on macOS the one of your QGIS bundle or conda "
            "environment. Then restart QGIS."
        ).format(shapely=mismatch[0], qgis=mismatch[1])
    missing = missing_dependencies()
    if missing:
        return tr(
            "Fibre Resilience needs these Python packages: {}. Install them for the "
            "Python of QGIS (OSGeo4W shell on Windows, pip3 on Linux and macOS), "
            "then restart QGIS."
        ).format(", ".join(missing))
    return ""


@contextmanager
def cancel_on_signals(feedback):
    """SIGINT (Ctrl-C) and SIGTERM cancel ``feedback`` while the block runs on the main
    thread; the previous handlers come back afterwards.

    Without it, SIGTERM kills qgis_process on the spot (what it was writing stays) and
    Ctrl-C does not stop the run at all (QGIS 3.22: it ran to the end and wrote its outputs).
    Our loops check ``isCanceled()``, so the run stops at the next check, removes what it
    wrote and says so. Python runs a handler between two bytecodes: a long call into numpy,
    shapely or GDAL finishes first. A handler set outside Python (getsignal() is None) is
    left alone, since it could not be put back.
    """
    if feedback is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def cancel(signum, frame):
        feedback.cancel()

    for number in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(number)
        if handler is None:
            continue
        try:
            signal.signal(number, cancel)
        except (ValueError, OSError):  # not the main interpreter
            continue
        previous[number] = handler
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
