"""Build resources/models/resilienceplan.model3 and resilienceplan_rp.model3 with the QGIS
model API.

The models are written here as code so they can be reviewed; run this script to regenerate the
files after changing an algorithm's parameters:

    .venv/bin/python scripts/build_model.py

(tests/qgis/test_models_built.py checks that the committed files are what this script builds.)

resilienceplan: GraceTHD reader -> exposure of routes, nodes and premises to one hazard (zones,
a depth raster or both) -> redundancy gaps -> scenario impact -> crew access to the failed
nodes -> scoring of the routes -> report.

resilienceplan_rp: GraceTHD reader -> return periods (several scenarios: TRI zones with a
scenario field, or one raster per return period) on the cables, with the graph fields the first
model gives redundancy gaps, summarised by NRO -> report with its return-period section.

Every mandatory child parameter is given explicitly: a model does not fall back on a child's
defaults.
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODEL_PATH = REPO / "resources" / "models" / "resilienceplan.model3"
RP_MODEL_PATH = REPO / "resources" / "models" / "resilienceplan_rp.model3"
QGIS_PLUGINS = "/usr/share/qgis/python/plugins"

DEFAULT_CRITERIA = "\n".join(
    [
        "hz_level | weight=3 | higher | thresholds=1;2;3;4 | label=Hazard level",
        "hz_length | weight=2 | log | label=Exposed length",
        '"gt_cables" | weight=1 | minmax | label=Cables',
    ]
)
# The delivery's own fields, as gracethdnetwork writes them (DESIGN.md).
NETWORK_FIELDS = {
    "FROM_FIELD": "gt_nd1",
    "TO_FIELD": "gt_nd2",
    "SRLG_FIELD": "gt_routes",
    "ROOT_NODE_FIELD": "gt_code",
    "PREMISES_COUNT": '"gt_prem"',
    "PREMISES_NODE_FIELD": "gt_pbo",
    "SITE_NODE_FIELD": "gt_code",
    "TOLERANCE": 0.5,
    "MAX_SNAP": 50.0,
}


def static(value):
    """A child parameter given a fixed value."""
    from qgis.core import QgsProcessingModelChildParameterSource

    return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]


def param(name):
    """A child parameter fed by the model input ``name``."""
    from qgis.core import QgsProcessingModelChildParameterSource

    return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]


def child_output(child_id, output):
    """A child parameter fed by another step's output."""
    from qgis.core import QgsProcessingModelChildParameterSource

    return [QgsProcessingModelChildParameterSource.fromChildOutput(child_id, output)]


def build_model():
    """The resilience plan as a ``QgsProcessingModelAlgorithm`` (the provider must be loaded)."""
    from qgis.core import (
        QgsApplication,
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterBoolean,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterNumber,
        QgsProcessingParameterRasterLayer,
        QgsProcessingParameterString,
    )

    registry = QgsApplication.processingRegistry()
    # The name is the id (fibreresilience:resilienceplan); a .model3 keeps the group's name only
    # (the provider files it under the group id "plan").
    model = QgsProcessingModelAlgorithm("resilienceplan", "Action plan")
    model.setHelpContent(
        {
            "ALG_DESC": (
                "Reads a GraceTHD delivery, exposes its routes, nodes and premises to one "
                "hazard (zones with their preset, a depth raster with its thresholds, or "
                "both), finds the single points of failure, the premises the failed routes cut "
                "off, the crew access to the failed nodes from the depots, ranks the routes "
                "and writes the report (HTML, PDF and a workbook)."
            ),
            "ALG_CREATOR": "Fibre Resilience",
        }
    )

    def add_parameter(definition):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))

    polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
    source = registry.algorithmById("fibreresilience:gracethdnetwork").parameterDefinition("SOURCE")
    add_parameter(
        QgsProcessingParameterFile(
            "delivery", source.description(), behavior=QgsProcessingParameterFile.Behavior.Folder
        )
    )
    add_parameter(
        QgsProcessingParameterFeatureSource("hazard", "Hazard zones", polygon, optional=True)
    )
    add_parameter(
        QgsProcessingParameterField(
            "hazard_field",
            "Hazard field (zone value turned into a level)",
            None,
            "hazard",
            optional=True,
        )
    )
    add_parameter(
        QgsProcessingParameterRasterLayer(
            "hazard_raster", "Hazard raster (e.g. water depth)", optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterString(
            "raster_thresholds", "Raster values from which levels 1, 2, 3, 4 start", "0.01;0.5;1;2"
        )
    )
    preset = registry.algorithmById("fibreresilience:hazardexposure").parameterDefinition("PRESET")
    add_parameter(
        QgsProcessingParameterEnum("preset", preset.description(), preset.options(), False, 1)
    )
    add_parameter(
        QgsProcessingParameterNumber(
            "fail_level",
            "Level from which an asset fails",
            QgsProcessingParameterNumber.Type.Integer,
            3,
            False,
            1,
            4,
        )
    )
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "roads", "Roads", [QgsProcessing.SourceType.TypeVectorLine]
        )
    )
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "depots", "Depots", [QgsProcessing.SourceType.TypeVectorPoint]
        )
    )
    add_parameter(
        QgsProcessingParameterField(
            "depot_field", "Depot name field", None, "depots", optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterBoolean("keep_bridges", "Bridges stay open over the hazard", True)
    )
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "communes", "Communes (impact summary by area)", polygon, optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterField(
            "commune_field", "Commune name field", None, "communes", optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "sensitive_sites",
            "Sensitive sites (town halls, care homes…)",
            [QgsProcessing.SourceType.TypeVectorPoint],
            optional=True,
        )
    )
    add_parameter(
        QgsProcessingParameterField(
            "sensitive_name_field",
            "Sensitive site name field",
            None,
            "sensitive_sites",
            optional=True,
        )
    )
    add_parameter(
        QgsProcessingParameterString(
            "criteria", "Scoring criteria of the routes", DEFAULT_CRITERIA, multiLine=True
        )
    )
    add_parameter(QgsProcessingParameterString("title", "Report title", "Resilience plan"))

    def add_child(child_id, alg_id, sources, outputs=(), temporary=()):
        """A step; ``outputs`` maps model output names to (child output, description)."""
        step = QgsProcessingModelChildAlgorithm(alg_id)
        step.setChildId(child_id)
        step.setDescription(child_id)
        for key, value in sources.items():
            step.addParameterSources(key, value)
        for key in temporary:
            step.addParameterSources(key, static(QgsProcessing.TEMPORARY_OUTPUT))
        model_outputs = {}
        for name, (child_name, description) in dict(outputs).items():
            output = QgsProcessingModelOutput(name, description)
            output.setChildId(child_id)
            output.setChildOutputName(child_name)
            model_outputs[name] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    add_child(
        "delivery",
        "fibreresilience:gracethdnetwork",
        {"SOURCE": param("delivery"), "VERSION": static(0), "TOLERANCE": static(1.0)},
        temporary=("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT"),
    )
    for child_id, asset, description in (
        ("routes_exposure", "ROUTES", "Routes exposed to the hazard"),
        ("nodes_exposure", "NODES", "Nodes exposed to the hazard"),
        ("premises_exposure", "PREMISES", "Premises exposed to the hazard"),
    ):
        add_child(
            child_id,
            "fibreresilience:hazardexposure",
            {
                "INPUT": child_output("delivery", asset),
                "HAZARD": param("hazard"),
                "HAZARD_FIELD": param("hazard_field"),
                "PRESET": param("preset"),
                "HAZARD_RASTER": param("hazard_raster"),
                "RASTER_BAND": static(1),
                "RASTER_THRESHOLDS": param("raster_thresholds"),
                "FAIL_LEVEL": param("fail_level"),
                "BUFFER": static(0.0),
            },
            outputs={"exposure": ("OUTPUT", description)},
        )
    add_child(
        "roots",
        "native:extractbyattribute",
        {
            "INPUT": child_output("delivery", "NODES"),
            "FIELD": static("gt_role"),
            "OPERATOR": static(0),  # =
            "VALUE": static("NRO"),
        },
        temporary=("OUTPUT",),
    )
    add_child(
        "sites",
        "native:extractbyexpression",
        {
            "INPUT": child_output("delivery", "NODES"),
            "EXPRESSION": static("\"gt_role\" IN ('SRO', 'PBO')"),
        },
        temporary=("OUTPUT",),
    )
    add_child(
        "failed_nodes",
        "native:extractbyexpression",
        {
            "INPUT": child_output("nodes_exposure", "OUTPUT"),
            "EXPRESSION": static('"hz_failed" = 1'),
        },
        temporary=("OUTPUT",),
    )
    network = {
        "NETWORK": child_output("delivery", "CABLES"),
        "ROOTS": child_output("roots", "OUTPUT"),
        "PREMISES": child_output("premises_exposure", "OUTPUT"),
        "SITES": child_output("sites", "OUTPUT"),
    }
    network.update({key: static(value) for key, value in NETWORK_FIELDS.items()})
    add_child(
        "redundancy",
        "fibreresilience:redundancygaps",
        network,
        outputs={
            "segments": ("OUTPUT_SEGMENTS", "Cables with single points of failure"),
            "sites": ("OUTPUT_SITES", "Sites and their route diversity"),
            "groups": ("OUTPUT_GROUPS", "Shared risk groups"),
        },
        temporary=("OUTPUT_PREMISES", "OUTPUT_TIERS"),
    )
    add_child(
        "impact",
        "fibreresilience:scenarioimpact",
        dict(
            {key: value for key, value in network.items() if key != "SITE_NODE_FIELD"},
            FAILED_LAYER=child_output("routes_exposure", "OUTPUT"),
            FAILED_GROUP_FIELD=static("gt_code"),
            FAILED_LAYER_EXPRESSION=static('"hz_failed" = 1'),
            AGGREGATE=param("communes"),
            PREMISES=child_output("redundancy", "OUTPUT_PREMISES"),
            # The sites whose loss of service the plan reports: the sensitive ones, attached
            # to the nearest network node (they have no node id).
            SITES=param("sensitive_sites"),
        ),
        outputs={
            "premises": ("OUTPUT_PREMISES", "Premises cut off by the hazard"),
            "summary": ("SUMMARY", "Impact summary"),
        },
        temporary=("OUTPUT_SITES",),
    )
    add_child(
        "access",
        "fibreresilience:accessroutes",
        {
            "ROADS": param("roads"),
            "SPEED_PRESET": static(1),
            "DEFAULT_SPEED": static(50.0),
            "DEPOTS": param("depots"),
            "DEPOT_FIELD": param("depot_field"),
            "TARGETS": child_output("failed_nodes", "OUTPUT"),
            "BLOCKED": param("hazard"),
            "BLOCKED_RASTER": param("hazard_raster"),
            "MAX_DEPTH": static(0.3),
            "DEPTH_SPEED_FACTOR": static(1.0),
            "KEEP_BRIDGES": param("keep_bridges"),
            "MAX_SNAP": static(500.0),
        },
        outputs={
            "targets": ("OUTPUT", "Crew access to the failed nodes"),
            "crew_routes": ("ROUTES", "Crew routes to the failed nodes"),
            "blocked_roads": ("BLOCKED_ROADS", "Roads blocked by the hazard"),
        },
    )
    add_child(
        "scoring",
        "fibreresilience:scoreassets",
        {
            "INPUT": child_output("routes_exposure", "OUTPUT"),
            "CRITERIA": param("criteria"),
            "METHOD": static(0),
        },
        outputs={"routes": ("OUTPUT", "Routes ranked for action")},
    )
    add_child(
        "report",
        "fibreresilience:resiliencereport",
        {
            "PREMISES": child_output("impact", "OUTPUT_PREMISES"),
            "PREMISES_COUNT": static('"gt_prem"'),
            "NRO_FIELD": static("gt_nro"),
            "SITES": child_output("redundancy", "OUTPUT_SITES"),
            # per-tier single failures instead of "premises behind a single point of failure"
            "TIERS": child_output("redundancy", "OUTPUT_TIERS"),
            "ROUTES": child_output("scoring", "OUTPUT"),
            "ROUTE_ID_FIELD": static("gt_code"),
            "NODES": child_output("nodes_exposure", "OUTPUT"),
            "TARGETS": child_output("access", "OUTPUT"),
            "SENSITIVE_SITES": child_output("impact", "OUTPUT_SITES"),
            "SENSITIVE_NAME_FIELD": param("sensitive_name_field"),
            "BLOCKED_ROADS": child_output("access", "BLOCKED_ROADS"),
            "CREW_ROUTES": child_output("access", "ROUTES"),
            "ROADS": param("roads"),
            "DEPOTS": param("depots"),
            "HAZARD": param("hazard"),
            "HAZARD_RASTER": param("hazard_raster"),
            "COMMUNES": param("communes"),
            "COMMUNE_FIELD": param("commune_field"),
            "TITLE": param("title"),
            "TOP": static(50),
            "RUN_PARAMETERS": [
                QgsProcessingModelChildParameterSource.fromExpression(run_parameters_expression())
            ],
        },
        outputs={
            "html": ("OUTPUT_HTML", "Report (HTML)"),
            "pdf": ("OUTPUT_PDF", "Report (PDF)"),
            "tables": ("OUTPUT_TABLES", "Report tables (XLSX or ODS)"),
        },
    )
    return model


# The model's parameters written into the report's provenance, one key=value line each (the
# layers' sources are listed there too, the hazard raster's among them: a raster parameter has
# no value an expression can read).
RUN_PARAMETER_NAMES = (
    "delivery",
    "hazard",
    "hazard_field",
    "preset",
    "raster_thresholds",
    "fail_level",
    "roads",
    "depots",
    "depot_field",
    "keep_bridges",
    "communes",
    "commune_field",
    "sensitive_sites",
    "criteria",
)


def run_parameters_expression(model_name="resilienceplan", names=RUN_PARAMETER_NAMES):
    """An expression that writes the model's parameters as ``key=value`` lines."""
    lines = [
        f"'{model_name}:{name}=' || coalesce(replace(to_string(@{name}), '\\n', ' / '), '')"
        for name in names
    ]
    return " || '\\n' || ".join(lines)


def build_rp_model():
    """The resilience plan over several return periods (the provider must be loaded)."""
    from qgis.core import (
        QgsApplication,
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterMultipleLayers,
        QgsProcessingParameterNumber,
        QgsProcessingParameterString,
    )

    registry = QgsApplication.processingRegistry()
    # The id is fibreresilience:resilienceplan_rp; the provider shows a translated name.
    model = QgsProcessingModelAlgorithm("resilienceplan_rp", "Action plan")
    model.setHelpContent(
        {
            "ALG_DESC": (
                "Reads a GraceTHD delivery and runs the network through several hazard "
                "scenarios, each with its return period: TRI zones with their scenario field "
                "(01For, 02Moy, 04Fai: 10, 100 and 1000 years unless the return periods say "
                "otherwise) or one raster per return period. Finds when each cable and each "
                "premises is first cut off and the expected annual impact, by NRO, and writes "
                "the report with its return-period section: the loss-exceedance curve, the "
                "map of first failures and the expected annual figures by NRO and commune."
            ),
            "ALG_CREATOR": "Fibre Resilience",
        }
    )

    def add_parameter(definition):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))

    polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
    source = registry.algorithmById("fibreresilience:gracethdnetwork").parameterDefinition("SOURCE")
    add_parameter(
        QgsProcessingParameterFile(
            "delivery", source.description(), behavior=QgsProcessingParameterFile.Behavior.Folder
        )
    )
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "hazard", "Hazard zones of several scenarios (e.g. TRI)", polygon, optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterField(
            "scenario_field", "Scenario field of the zones", None, "hazard", optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterMultipleLayers(
            "hazard_rasters",
            "Or hazard rasters, one per return period (e.g. water depth)",
            QgsProcessing.SourceType.TypeRaster,
            optional=True,
        )
    )
    add_parameter(
        QgsProcessingParameterString(
            "return_periods",
            "Return periods (years): empty for TRI zones, 10;100;1000 for rasters, or "
            "code=years pairs",
            "",
            optional=True,
        )
    )
    add_parameter(
        QgsProcessingParameterNumber(
            "fail_value",
            "A cable fails from this intensity (e.g. m of water)",
            QgsProcessingParameterNumber.Type.Double,
            0.5,
            False,
            0.0,
        )
    )
    add_parameter(
        QgsProcessingParameterString(
            "fragility",
            "Fragility curves per laying mode (optional, instead of the failure value)",
            "",
            multiLine=True,
            optional=True,
        )
    )
    tail = registry.algorithmById("fibreresilience:returnperiods").parameterDefinition("TAIL")
    add_parameter(QgsProcessingParameterEnum("tail", tail.description(), tail.options(), False, 0))
    add_parameter(
        QgsProcessingParameterFeatureSource(
            "communes", "Communes (expected annual impact by area)", polygon, optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterField(
            "commune_field", "Commune name field", None, "communes", optional=True
        )
    )
    add_parameter(
        QgsProcessingParameterString("title", "Report title", "Resilience plan over return periods")
    )

    def add_child(child_id, alg_id, sources, outputs=(), temporary=()):
        step = QgsProcessingModelChildAlgorithm(alg_id)
        step.setChildId(child_id)
        step.setDescription(child_id)
        for key, value in sources.items():
            step.addParameterSources(key, value)
        for key in temporary:
            step.addParameterSources(key, static(QgsProcessing.TEMPORARY_OUTPUT))
        model_outputs = {}
        for name, (child_name, description) in dict(outputs).items():
            output = QgsProcessingModelOutput(name, description)
            output.setChildId(child_id)
            output.setChildOutputName(child_name)
            model_outputs[name] = output
        step.setModelOutputs(model_outputs)
        model.addChildAlgorithm(step)

    add_child(
        "delivery",
        "fibreresilience:gracethdnetwork",
        {"SOURCE": param("delivery"), "VERSION": static(0), "TOLERANCE": static(1.0)},
        temporary=("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT"),
    )
    add_child(
        "roots",
        "native:extractbyattribute",
        {
            "INPUT": child_output("delivery", "NODES"),
            "FIELD": static("gt_role"),
            "OPERATOR": static(0),  # =
            "VALUE": static("NRO"),
        },
        temporary=("OUTPUT",),
    )
    add_child(
        "sites",
        "native:extractbyexpression",
        {
            "INPUT": child_output("delivery", "NODES"),
            "EXPRESSION": static("\"gt_role\" IN ('SRO', 'PBO')"),
        },
        temporary=("OUTPUT",),
    )
    # The network as the first model gives it to redundancygaps: the cables, whose routes
    # (gt_routes) are their shared-risk groups.
    network = {
        "NETWORK": child_output("delivery", "CABLES"),
        "ROOTS": child_output("roots", "OUTPUT"),
        "PREMISES": child_output("delivery", "PREMISES"),
        "SITES": child_output("sites", "OUTPUT"),
    }
    network.update({key: static(value) for key, value in NETWORK_FIELDS.items()})
    add_child(
        "return_periods",
        "fibreresilience:returnperiods",
        dict(
            network,
            HAZARD=param("hazard"),
            SCENARIO_FIELD=param("scenario_field"),
            HAZARD_RASTERS=param("hazard_rasters"),
            RETURN_PERIODS=param("return_periods"),
            FAIL_VALUE=param("fail_value"),
            FRAGILITY=param("fragility"),
            LAYING_FIELD=static("gt_laying"),
            LEVELS=static("0.01;0.5;1;2"),
            TAIL=param("tail"),
            PROTECTION_RP=static(0.0),
            DRAWS=static(500),
            PREMISES_GROUP_FIELD=static("gt_nro"),
        ),
        outputs={
            "lines": ("OUTPUT_LINES", "Cables by return period"),
            "premises": ("OUTPUT_PREMISES", "Premises by return period"),
            "sites": ("OUTPUT_SITES", "Sites by return period"),
            "summary": ("SUMMARY", "Impact per scenario and expected annual impact"),
        },
    )
    add_child(
        "report",
        "fibreresilience:resiliencereport",
        {
            "RETURN_PERIOD_LINES": child_output("return_periods", "OUTPUT_LINES"),
            "RETURN_PERIOD_SUMMARY": child_output("return_periods", "SUMMARY"),
            "RETURN_PERIOD_PREMISES": child_output("return_periods", "OUTPUT_PREMISES"),
            "PREMISES_COUNT": static('"gt_prem"'),
            "NRO_FIELD": static("gt_nro"),
            "COMMUNES": param("communes"),
            "COMMUNE_FIELD": param("commune_field"),
            "TITLE": param("title"),
            "TOP": static(50),
            "RUN_PARAMETERS": [
                QgsProcessingModelChildParameterSource.fromExpression(
                    run_parameters_expression("resilienceplan_rp", RP_RUN_PARAMETER_NAMES)
                )
            ],
        },
        outputs={
            "html": ("OUTPUT_HTML", "Report (HTML)"),
            "pdf": ("OUTPUT_PDF", "Report (PDF)"),
            "tables": ("OUTPUT_TABLES", "Report tables (XLSX or ODS)"),
        },
    )
    return model


RP_RUN_PARAMETER_NAMES = (
    "delivery",
    "hazard",
    "scenario_field",
    "return_periods",
    "fail_value",
    "fragility",
    "tail",
    "communes",
    "commune_field",
)


def describe_inputs(model):
    """Each input's description and help from processing_provider/help.py (the one place the
    provider translates them from), and the inputs in the order of the study: the order they
    are listed there (QGIS would otherwise show them by name)."""
    from fibre_resilience.processing_provider.help import MODEL_DESCRIPTIONS, MODEL_HELP

    name = model.name()
    order = [key for model_name, key in MODEL_DESCRIPTIONS if model_name == name]
    inputs = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    if sorted(order) != sorted(inputs):
        raise SystemExit(
            f"{name}: help.py describes {sorted(order)}, the model has {sorted(inputs)}"
        )
    for key in order:
        definition = model.parameterDefinition(key)
        definition.setDescription(MODEL_DESCRIPTIONS[(name, key)])
        definition.setHelp(MODEL_HELP[(name, key)])
    model.setParameterOrder(order)


def main():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt writes XML attributes in hash order: a fixed seed keeps the file stable between runs.
    os.environ["QT_HASH_SEED"] = "0"
    sys.path.insert(0, QGIS_PLUGINS)
    sys.path.insert(0, str(REPO / "tests"))  # the fibre_resilience link on sys.path
    import conftest  # noqa: F401
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from fibre_resilience.processing_provider.provider import FibreResilienceProvider

    provider = FibreResilienceProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    for build, path in ((build_model, MODEL_PATH), (build_rp_model, RP_MODEL_PATH)):
        model = build()
        describe_inputs(model)
        ok, errors = model.validate()
        if not ok:
            raise SystemExit(f"{path.name} does not validate:\n" + "\n".join(errors))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not model.toFile(str(path)):
            raise SystemExit(f"could not write {path}")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
