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


def _model_texts():
    """Translated names and help of the shipped models whose .model3 name is their id
    (the file holds English only), by model name."""
    translate = QCoreApplication.translate
    return {
        "resilienceplan_rp": (
            translate("FibreResilience", "Resilience plan over return periods"),
            translate(
                "FibreResilience",
                "Reads a GraceTHD delivery and runs the network through several hazard "
                "scenarios, each with its return period: TRI zones with their scenario field "
                "(01For, 02Moy, 04Fai: 10, 100 and 1000 years unless the return periods say "
                "otherwise) or one raster per return period. Finds when each cable and each "
                "premises is first cut off and the expected annual impact, by NRO, and writes "
                "the report with its return-period section: the loss-exceedance curve, the "
                "map of first failures and the expected annual figures by NRO and commune.",
            ),
        ),
    }


class ShippedModel(QgsProcessingModelAlgorithm):
    """A shipped .model3: it stores only its group's name, this files it under our group id."""

    def groupId(self) -> str:
        ids = {name: group_id for group_id, name in GROUPS.items()}
        return ids.get(self.group(), self.group())

    def helpUrl(self) -> str:
        """The model's section of the user guide, unless the .model3 names a page."""
        return super().helpUrl() or guide_url(self.name())

    def displayName(self) -> str:
        texts = _model_texts().get(self.name())
        return texts[0] if texts else super().displayName()

    def shortHelpString(self) -> str:
        texts = _model_texts().get(self.name())
        return texts[1] if texts else super().shortHelpString()


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
