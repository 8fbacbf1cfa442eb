"""Delivery -> exposure -> scoring as a Processing model equals the steps run one by one."""

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorLayer,
)
from qgis_helpers import model_output_key

CRITERIA = "hz_level | weight=3 | higher | thresholds=1;2;3;4\nhz_length | weight=1 | minmax"


def _static(child, values):
    for key, value in values.items():
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
        )


def _model():
    model = QgsProcessingModelAlgorithm("plan_chain", "tests")
    model.addModelParameter(
        QgsProcessingParameterFile("delivery", "delivery"), QgsProcessingModelParameter("delivery")
    )
    model.addModelParameter(
        QgsProcessingParameterVectorLayer("zones", "zones"), QgsProcessingModelParameter("zones")
    )
    read = QgsProcessingModelChildAlgorithm("fibreresilience:gracethdnetwork")
    read.setChildId("read")
    read.addParameterSources(
        "SOURCE", [QgsProcessingModelChildParameterSource.fromModelParameter("delivery")]
    )
    _static(read, {"VERSION": 0, "TOLERANCE": 1.0})
    model.addChildAlgorithm(read)
    exposure = QgsProcessingModelChildAlgorithm("fibreresilience:hazardexposure")
    exposure.setChildId("exposure")
    exposure.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("read", "ROUTES")]
    )
    exposure.addParameterSources(
        "HAZARD", [QgsProcessingModelChildParameterSource.fromModelParameter("zones")]
    )
    _static(
        exposure,
        {
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "FAIL_LEVEL": 3,
            "BUFFER": 0.0,
            "RASTER_THRESHOLDS": "0.01;0.5;1;2",
        },
    )
    model.addChildAlgorithm(exposure)
    score = QgsProcessingModelChildAlgorithm("fibreresilience:scoreassets")
    score.setChildId("score")
    score.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("exposure", "OUTPUT")]
    )
    _static(score, {"CRITERIA": CRITERIA, "METHOD": 0})
    output = QgsProcessingModelOutput("scored", "scored routes")
    output.setChildOutputName("OUTPUT")
    score.setModelOutputs({"scored": output})
    model.addChildAlgorithm(score)
    return model


def test_model_equals_steps(run_algorithm, sample_dir):
    delivery = str(sample_dir / "gracethd_v3.gpkg")
    zones = f"{sample_dir / 'territory.gpkg'}|layername=flood_zones"
    context = QgsProcessingContext()
    model = _model()
    scored = model_output_key(model, "score", "scored")
    result = run_algorithm(
        model, {"delivery": delivery, "zones": zones, scored: "memory:"}, context=context
    )
    by_model = result[scored]  # processing.run hands back the layer itself

    # The steps keep their outputs as the model keeps its intermediates: temporary
    # GeoPackages, values rounded to the fields' precision.
    steps = QgsProcessingContext()
    routes = run_algorithm(
        "gracethdnetwork",
        {
            "SOURCE": delivery,
            "ROUTES": "TEMPORARY_OUTPUT",
            "CABLES": "TEMPORARY_OUTPUT",
            "NODES": "TEMPORARY_OUTPUT",
            "PREMISES": "TEMPORARY_OUTPUT",
            "REPORT": "TEMPORARY_OUTPUT",
        },
        context=steps,
    )["ROUTES"]
    exposed = run_algorithm(
        "hazardexposure",
        {
            "INPUT": routes,
            "HAZARD": zones,
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        context=steps,
    )["OUTPUT"]
    scored = run_algorithm(
        "scoreassets", {"INPUT": exposed, "CRITERIA": CRITERIA, "OUTPUT": "memory:"}, context=steps
    )["OUTPUT"]
    by_steps = scored

    def table(layer):
        return sorted(
            (f["gt_code"], f["hz_level"], f["sc_rank"], round(f["sc_score"], 9))
            for f in layer.getFeatures()
        )

    model_rows = table(by_model)
    assert len(model_rows) == 2519
    assert model_rows == table(by_steps)
