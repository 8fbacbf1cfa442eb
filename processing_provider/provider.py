"""The Processing provider: algorithms and the shipped models, under id ``fibreresilience``."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from ..algorithms import algorithm_classes
from ..resources.icons import plugin_icon

PROVIDER_ID = "fibreresilience"


class FibreResilienceProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return QCoreApplication.translate("FibreResilience", "Fibre Resilience")

    def longName(self) -> str:
        return self.name()

    def icon(self):
        return plugin_icon()

    def loadAlgorithms(self):
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
