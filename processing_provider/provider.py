"""The Processing provider: algorithms and the shipped models, under id ``fibreresilience``."""

import contextlib
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from ..algorithms import algorithm_classes
from ..resources.icons import plugin_icon
from .algorithm import GROUPS
from .help import guide_url

PROVIDER_ID = "fibreresilience"
MODELS_DIR = Path(__file__).resolve().parent.parent / "resources" / "models"


class ShippedModel(QgsProcessingModelAlgorithm):
    """A shipped .model3: it stores only its group's name, this files it under our group id."""

    def groupId(self) -> str:
        ids = {name: group_id for group_id, name in GROUPS.items()}
        return ids.get(self.group(), self.group())

    def helpUrl(self) -> str:
        """The model's section of the user guide, unless the .model3 names a page."""
        return super().helpUrl() or guide_url(self.name())


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
        # The shipped models (built by scripts/build_model.py), as QGIS's model provider does.
        for path in sorted(MODELS_DIR.glob("*.model3")):
            model = ShippedModel()
            if model.fromFile(str(path)) and model.name():
                model.setSourceFilePath(str(path))
                self.addAlgorithm(model)
        # Their steps are our own algorithms, not in the registry until this provider is:
        # attach them (and so the model outputs) once it is, or now on a refresh.
        registry = QgsApplication.processingRegistry()
        if registry.providerById(PROVIDER_ID) is self:
            self._attach_models(PROVIDER_ID)
        else:
            registry.providerAdded.connect(self._attach_models)

    def _attach_models(self, provider_id: str) -> None:
        registry = QgsApplication.processingRegistry()
        if provider_id != PROVIDER_ID or registry.providerById(PROVIDER_ID) is not self:
            return
        with contextlib.suppress(TypeError):  # not connected: a refresh of a registered provider
            registry.providerAdded.disconnect(self._attach_models)
        for algorithm in self.algorithms():
            if isinstance(algorithm, QgsProcessingModelAlgorithm):
                for child_id in algorithm.childAlgorithms():
                    algorithm.childAlgorithm(child_id).reattach()
                algorithm.updateDestinationParameters()
