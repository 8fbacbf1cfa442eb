"""The one base class of our Processing algorithms."""

import traceback

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..adapters.compat import geos_mismatch, missing_dependencies
from ..adapters.numbers import not_a_number
from ..i18n import tr
from ..resources.icons import plugin_icon

# Group ids are stored in models: never rename them. Their names are translated.
GROUPS = {
    "audit": "Risk audit",
    "network": "Network analysis",
    "intervention": "Intervention scenarios",
    "plan": "Action plan",
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
        return ""

    def addParameter(self, definition, createOutput=True):  # noqa: N803 (QGIS's name)
        """Temporary outputs are GeoPackages in the Processing temp folder, not memory
        layers: a regional plan chains outputs of millions of features (a memory layer holds
        about 2.7 kB per feature: 6 GB for one delivery), and the next step reads a
        GeoPackage in one GDAL call. ``memory:`` as a destination still makes one."""
        if isinstance(definition, QgsProcessingParameterFeatureSink):
            definition.setSupportsNonFileBasedOutput(False)
        return super().addParameter(definition, createOutput)

    def processAlgorithm(self, parameters, context, feedback):
        """Runs ``process``; on failure, frees what its frames held before QGIS sees it.

        QGIS 3.22 keeps the traceback of an exception raised in a Python
        ``processAlgorithm`` for good: every local of every frame of a failed run (layers
        read into arrays, graphs of a million edges) would stay in memory until QGIS exits.
        The message and the traceback text stay.
        """
        problem = dependency_problem()  # qgis_process runs even what canExecute refuses
        if problem:
            raise QgsProcessingException(problem)
        try:
            refusal = not_a_number(self, parameters, context)  # models skip checkParameterValues
            if refusal:
                raise QgsProcessingException(refusal)
            return self.process(parameters, context, feedback)
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)  # this frame runs on: skipped
            del parameters  # the caller's layers, referenced by this frame
            raise

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
