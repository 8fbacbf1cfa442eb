"""The Processing provider: algorithms and the shipped models, under id ``fibreresilience``."""

import contextlib
from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication

from ..algorithms import algorithm_classes
from ..i18n import tr
from ..resources.icons import plugin_icon
from . import algorithm as base
from .help import guide_url, model_input_texts

PROVIDER_ID = "fibreresilience"
MODELS_DIR = Path(__file__).resolve().parent.parent / "resources" / "models"


def _model_texts():
    """Translated names and help of the shipped models whose .model3 name is their id
    (the file holds English only), by model name."""
    translate = QCoreApplication.translate
    return {
        "resilienceplan": (
            translate("FibreResilience", "Resilience plan"),
            translate(
                "FibreResilience",
                "Reads a GraceTHD delivery, exposes its routes, nodes and premises to one "
                "hazard (zones with their preset, a depth raster with its thresholds, or "
                "both), finds the single points of failure, the premises the failed routes cut "
                "off, the crew access to the failed nodes from the depots, ranks the routes "
                "and writes the report (HTML, PDF and a workbook).",
            ),
        ),
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
    """A shipped .model3 in the user's language: it stores English only and its group's
    name, this files it under our group id and translates its name, group, help and inputs
    (their English text lives in processing_provider/help.py, written by build_model.py)."""

    def groupId(self) -> str:
        ids = {name: group_id for group_id, name in base.GROUPS.items()}
        return ids.get(super().group(), super().group())

    def group(self) -> str:
        group_id = self.groupId()
        return tr(base.GROUPS[group_id]) if group_id in base.GROUPS else super().group()

    def createInstance(self):
        """A copy that stays a ShippedModel (QGIS's own copy would be a plain model: the
        dialog, batch runs and processing.run would show the English name and help)."""
        copy = ShippedModel()
        copy.loadVariant(self.toVariant())
        copy.setSourceFilePath(self.sourceFilePath())
        copy.translate_inputs()  # QGIS 3.22 reads no parameter help back from a model
        return copy

    def translate_inputs(self) -> None:
        """Each input's description and help in the user's language, and a choice's options
        as the step it feeds shows them (e.g. hazardexposure's presets), once the steps are
        attached to their algorithms."""
        options = {}
        for child in self.childAlgorithms().values():
            algorithm = child.algorithm()
            if algorithm is None:
                continue
            for key, sources in child.parameterSources().items():
                definition = algorithm.parameterDefinition(key)
                if definition is not None and hasattr(definition, "options"):
                    for source in sources:
                        if source.parameterName():  # fed by a model input
                            options[source.parameterName()] = definition.options()
        for definition in self.parameterDefinitions():
            texts = model_input_texts(self.name(), definition.name())
            if texts:
                definition.setDescription(texts[0])
                definition.setHelp(texts[1])
            choices = options.get(definition.name())
            is_choice = hasattr(definition, "setOptions")
            if choices and is_choice and len(choices) == len(definition.options()):
                definition.setOptions(choices)

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
                model.translate_inputs()
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
                if isinstance(algorithm, ShippedModel):
                    algorithm.translate_inputs()  # the steps' choices, now they are attached
