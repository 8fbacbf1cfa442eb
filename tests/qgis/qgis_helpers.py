"""What the QGIS tests share: a feedback that records messages, memory layers from WKT, and
a probe algorithm to call the adapters of algorithms/io.py the way an algorithm does."""

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsVectorLayer,
)

from fibre_resilience.processing_provider.algorithm import FibreAlgorithm


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps the warnings and infos an algorithm pushes, for the tests to read."""

    def __init__(self):
        super().__init__()
        self.warnings = []
        self.infos = []

    def pushWarning(self, warning):
        self.warnings.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):
        self.infos.append(info)
        super().pushInfo(info)


def memory_layer(kind, rows, fields="id:integer", crs="EPSG:2154", name="layer"):
    """A memory layer from ``(wkt or None, [attributes])`` rows; ``fields`` as in its URI."""
    out = QgsVectorLayer(f"{kind}?crs={crs}&field={fields}", name, "memory")
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(out.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(attributes))
        features.append(feature)
    out.dataProvider().addFeatures(features)
    return out


def part_wkts(geometry: QgsGeometry) -> list:
    """The WKT of each part of a geometry."""
    return [QgsGeometry(part.clone()).asWkt() for part in geometry.constParts()]


def classes_drawn(layers) -> dict:
    """{WKT of a part drawn: the name of the layer drawing it}: a class of a report map drawn
    from a file is a layer of its own, named after the class."""
    return {
        wkt: layer.name()
        for layer in layers
        for feature in layer.getFeatures()
        for wkt in part_wkts(feature.geometry())
    }


class ProbeAlgorithm(FibreAlgorithm):
    """An algorithm with an INPUT source and an OUTPUT sink, for io.py's adapters."""

    ALG_ID = "probe"
    ALG_GROUP = "audit"

    def displayName(self):
        return "probe"

    def shortHelpString(self):
        return "probe"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", "input"))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "output"))

    def process(self, parameters, context, feedback):
        return {}


# The registry does not keep our Python provider alive: hold it here, as the plugin does.
_KEEP_ALIVE = []


def ensure_provider():
    """Our provider in the Processing registry (as initProcessing() does)."""
    from qgis.core import QgsApplication

    from fibre_resilience.processing_provider.provider import PROVIDER_ID, FibreResilienceProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is None:
        _KEEP_ALIVE[:] = [FibreResilienceProvider()]
        registry.addProvider(_KEEP_ALIVE[0])
    return registry.providerById(PROVIDER_ID)


def model_output_key(model, child_id, output_name):
    """The name a model output is run with and returned under.

    QGIS 3.22 names it ``child_id:output_name``. QGIS 3.40+ names the outputs of a model built
    in code after the output's description ("Unreachable targets" -> ``unreachable_targets``)
    and keeps the child and output in the parameter's metadata. A saved .model3 (the shipped
    model) keeps ``child_id:output_name`` on every version.
    """
    for definition in model.destinationParameterDefinitions():
        metadata = definition.metadata()
        if definition.name() == f"{child_id}:{output_name}" or (
            metadata.get("_modelChildId") == child_id
            and metadata.get("_modelChildOutputName") == output_name
        ):
            return definition.name()
    raise KeyError(f"the model has no output {child_id}:{output_name}")
