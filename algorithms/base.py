"""The one base class of our Processing algorithms."""

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication

from ..resources.icons import plugin_icon
from .dependencies import missing_dependencies

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
    ``shortHelpString``, ``initAlgorithm`` and ``processAlgorithm``.
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

    def canExecute(self):
        missing = missing_dependencies()
        if missing:
            return False, self.tr(
                "Fibre Resilience needs these Python packages: {}. Install them for the "
                "Python of QGIS (OSGeo4W shell on Windows, pip3 on Linux and macOS), "
                "then restart QGIS."
            ).format(", ".join(missing))
        return True, ""
