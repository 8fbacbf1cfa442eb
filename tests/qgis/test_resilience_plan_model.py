"""The shipped model fibreresilience:resilienceplan equals its steps run one by one."""

import math
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsFeatureRequest, QgsProcessingContext, QgsVectorLayer

MODEL_ID = "fibreresilience:resilienceplan"
CRITERIA = "\n".join(
    [
        "hz_level | weight=3 | higher | thresholds=1;2;3;4",
        "hz_length | weight=2 | log",
        '"gt_cables" | weight=1 | minmax',
    ]
)
# Model output -> the step output it must equal (child id of the step run below, output key).
OUTPUTS = {
    "routes_exposure:exposure": ("routes_exposure", "OUTPUT"),
    "nodes_exposure:exposure": ("nodes_exposure", "OUTPUT"),
    "premises_exposure:exposure": ("premises_exposure", "OUTPUT"),
    "redundancy:segments": ("redundancy", "OUTPUT_SEGMENTS"),
    "redundancy:sites": ("redundancy", "OUTPUT_SITES"),
    "redundancy:groups": ("redundancy", "OUTPUT_GROUPS"),
    "impact:premises": ("impact", "OUTPUT_PREMISES"),
    "impact:summary": ("impact", "SUMMARY"),
    "access:targets": ("access", "OUTPUT"),
    "access:crew_routes": ("access", "ROUTES"),
    "access:blocked_roads": ("access", "BLOCKED_ROADS"),
    "scoring:routes": ("scoring", "OUTPUT"),
}


REPORT = ("report:html", "report:pdf", "report:tables")


def _hazard(territory, scenarios=None):
    uri = f"{territory}|layername=flood_zones"
    if scenarios:
        listed = ", ".join(f"'{name}'" for name in scenarios)
        uri += f'|subset="scenario" IN ({listed})'
    return uri


def _parameters(sample_dir, hazard, fail_level=3, communes=True):
    territory = sample_dir / "territory.gpkg"
    parameters = {
        "delivery": str(sample_dir / "gracethd_v3.gpkg"),
        "hazard": hazard,
        "hazard_field": "scenario",
        "preset": 1,  # TRI scenarios
        "fail_level": fail_level,
        "roads": f"{territory}|layername=roads",
        "depots": f"{territory}|layername=depots",
        "depot_field": "depot_id",
        "keep_bridges": True,
        "criteria": CRITERIA,
    }
    if communes:
        parameters["communes"] = f"{territory}|layername=communes"
        parameters["sensitive_sites"] = f"{territory}|layername=sensitive_sites"
        parameters["sensitive_name_field"] = "name"
    parameters.update({name: "TEMPORARY_OUTPUT" for name in tuple(OUTPUTS) + REPORT})
    return parameters


def _rows(layer):
    """Every feature's attributes, sorted: the whole table, ready to compare."""

    def plain(value):
        if value is None or (hasattr(value, "isNull") and value.isNull()):
            return None
        if isinstance(value, float):
            return None if math.isnan(value) else round(value, 6)
        return value

    names = [field.name() for field in layer.fields() if field.name() != "fid"]
    rows = [tuple(plain(f[name]) for name in names) for f in layer.getFeatures()]
    return names, sorted(rows, key=repr)


def _layer(output):
    """An output as a layer: temporary outputs are GeoPackages, handed back as paths."""
    return QgsVectorLayer(output) if isinstance(output, str) else output


def _subset(layer, expression):
    """A memory copy of the features matching ``expression`` (no Processing involved)."""
    return _layer(layer).materialize(QgsFeatureRequest().setFilterExpression(expression))


def _steps(run_algorithm, sample_dir):
    """The model's chain by hand, as scripts/demo.sh runs it, the layers kept as temporary
    GeoPackages as the model keeps them (values rounded to the fields' precision)."""
    territory = sample_dir / "territory.gpkg"
    hazard = _hazard(territory)
    context = QgsProcessingContext()
    read = run_algorithm(
        "gracethdnetwork",
        {
            "SOURCE": str(sample_dir / "gracethd_v3.gpkg"),
            **{key: "TEMPORARY_OUTPUT" for key in ("ROUTES", "CABLES", "NODES", "PREMISES")},
            "REPORT": "TEMPORARY_OUTPUT",
        },
        context=context,
    )
    done = {}
    exposure = {"HAZARD": hazard, "HAZARD_FIELD": "scenario", "PRESET": 1, "FAIL_LEVEL": 3}
    for child_id, asset in (
        ("routes_exposure", "ROUTES"),
        ("nodes_exposure", "NODES"),
        ("premises_exposure", "PREMISES"),
    ):
        done[child_id] = run_algorithm(
            "hazardexposure",
            dict(exposure, INPUT=read[asset], OUTPUT="TEMPORARY_OUTPUT"),
            context=context,
        )
    network = {
        "NETWORK": read["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "SRLG_FIELD": "gt_routes",
        "ROOTS": _subset(read["NODES"], "\"gt_role\" = 'NRO'"),
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": done["premises_exposure"]["OUTPUT"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": _subset(read["NODES"], "\"gt_role\" IN ('SRO', 'PBO')"),
        "SITE_NODE_FIELD": "gt_code",
    }
    done["redundancy"] = run_algorithm(
        "redundancygaps",
        dict(
            network,
            OUTPUT_SEGMENTS="TEMPORARY_OUTPUT",
            OUTPUT_SITES="TEMPORARY_OUTPUT",
            OUTPUT_GROUPS="TEMPORARY_OUTPUT",
            OUTPUT_PREMISES="TEMPORARY_OUTPUT",
        ),
        context=context,
    )
    routes = done["routes_exposure"]["OUTPUT"]
    done["impact"] = run_algorithm(
        "scenarioimpact",
        dict(
            {key: value for key, value in network.items() if key != "SITE_NODE_FIELD"},
            SITES=f"{territory}|layername=sensitive_sites",
            FAILED_LAYER=routes,
            FAILED_GROUP_FIELD="gt_code",
            FAILED_LAYER_EXPRESSION='"hz_failed" = 1',
            AGGREGATE=f"{territory}|layername=communes",
            PREMISES=done["redundancy"]["OUTPUT_PREMISES"],
            OUTPUT_PREMISES="TEMPORARY_OUTPUT",
            OUTPUT_SITES="TEMPORARY_OUTPUT",
            SUMMARY="TEMPORARY_OUTPUT",
        ),
        context=context,
    )
    done["access"] = run_algorithm(
        "accessroutes",
        {
            "ROADS": f"{territory}|layername=roads",
            "SPEED_PRESET": 1,
            "DEPOTS": f"{territory}|layername=depots",
            "DEPOT_FIELD": "depot_id",
            "TARGETS": _subset(done["nodes_exposure"]["OUTPUT"], '"hz_failed" = 1'),
            "BLOCKED": hazard,
            "KEEP_BRIDGES": True,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "ROUTES": "TEMPORARY_OUTPUT",
            "BLOCKED_ROADS": "TEMPORARY_OUTPUT",
        },
        context=context,
    )
    done["scoring"] = run_algorithm(
        "scoreassets",
        {"INPUT": routes, "CRITERIA": CRITERIA, "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context,
    )
    done["report"] = run_algorithm(
        "resiliencereport",
        {
            "PREMISES": done["impact"]["OUTPUT_PREMISES"],
            "PREMISES_COUNT": '"gt_prem"',
            "SITES": done["redundancy"]["OUTPUT_SITES"],
            "ROUTES": done["scoring"]["OUTPUT"],
            "NODES": done["nodes_exposure"]["OUTPUT"],
            "TARGETS": done["access"]["OUTPUT"],
            "SENSITIVE_SITES": done["impact"]["OUTPUT_SITES"],
            "BLOCKED_ROADS": done["access"]["BLOCKED_ROADS"],
            "CREW_ROUTES": done["access"]["ROUTES"],
            "COMMUNES": f"{territory}|layername=communes",
            "OUTPUT_HTML": "TEMPORARY_OUTPUT",
        },
        context=context,
    )
    return done


def test_model_is_shipped_under_our_provider(provider):
    registry = QgsApplication.processingRegistry()
    for refreshed in (False, True):
        if refreshed:  # reloading the algorithms (Processing options, plugin reload) too
            provider.refreshAlgorithms()
        model = registry.algorithmById(MODEL_ID)
        assert model is not None and model.provider() is provider
        assert model.name() == "resilienceplan" and model.group() == "Action plan"
        assert model.groupId() == "plan"  # the group of scoreassets, not a second one
        assert model.sourceFilePath().endswith("resources/models/resilienceplan.model3")
        ok, errors = model.validate()
        assert ok, errors
        outputs = {d.name() for d in model.destinationParameterDefinitions()}
        assert outputs == set(OUTPUTS) | set(REPORT)


def test_model_equals_the_steps_one_by_one(run_algorithm, sample_dir):
    territory = sample_dir / "territory.gpkg"
    result = run_algorithm(MODEL_ID, _parameters(sample_dir, _hazard(territory)))
    steps = _steps(run_algorithm, sample_dir)
    figures = result["CHILD_RESULTS"]
    for child_id, keys in (
        ("routes_exposure", ("EXPOSED_COUNT", "FAILED_COUNT")),
        ("nodes_exposure", ("EXPOSED_COUNT", "FAILED_COUNT")),
        ("redundancy", ("PREMISES_AT_RISK", "SITES_DIV0", "SITES_DIV1", "GROUPS_DEFEATING")),
        ("impact", ("PREMISES_CUT", "SITES_CUT")),
        ("access", ("UNREACHABLE_COUNT", "MEAN_DELAY", "WORST_DELAY")),
        ("scoring", ("SCORED_COUNT",)),
        ("report", ("PREMISES_EXPOSED", "PREMISES_SPOF", "PREMISES_CUT", "UNREACHABLE_COUNT")),
    ):
        for key in keys:
            assert figures[child_id][key] == pytest.approx(steps[child_id][key]), (child_id, key)
    # The sample (resources/sample/README.md): 2,519 routes; the TRI floods cut premises off.
    assert figures["scoring"]["SCORED_COUNT"] == 2519
    assert figures["routes_exposure"]["FAILED_COUNT"] > 0
    assert figures["impact"]["PREMISES_CUT"] > 0
    # The care home in the flood zone loses service (resources/sample/README.md).
    assert figures["impact"]["SITES_CUT"] >= 1
    # The report's figures are the other steps' figures.
    assert figures["report"]["PREMISES_CUT"] == figures["impact"]["PREMISES_CUT"]
    assert figures["report"]["PREMISES_SPOF"] == figures["redundancy"]["PREMISES_AT_RISK"]
    assert figures["report"]["UNREACHABLE_COUNT"] == figures["access"]["UNREACHABLE_COUNT"]
    for name, (child_id, key) in OUTPUTS.items():
        layer = _layer(result[name])
        assert layer.isValid() and layer.featureCount() > 0, name
        assert _rows(layer) == _rows(_layer(steps[child_id][key])), name
    for name in REPORT:
        assert Path(result[name]).stat().st_size > 10_000, name


def test_model_in_batch_over_flood_scenarios(run_algorithm, sample_dir):
    """One run per scenario envelope, as the batch dialog does; a larger flood cuts more."""
    territory = sample_dir / "territory.gpkg"
    envelopes = [["01For"], ["01For", "02Moy"], ["01For", "02Moy", "03Mcc", "04Fai"]]
    cut, failed = [], []
    for scenarios in envelopes:
        # Fail level 1: every flooded route fails, whatever the scenario's probability.
        parameters = _parameters(
            sample_dir, _hazard(territory, scenarios), fail_level=1, communes=False
        )
        figures = run_algorithm(MODEL_ID, parameters)["CHILD_RESULTS"]
        cut.append(figures["impact"]["PREMISES_CUT"])
        failed.append(figures["routes_exposure"]["FAILED_COUNT"])
    assert failed[0] > 0 and cut[0] > 0
    assert failed == sorted(failed) and failed[0] < failed[-1]
    assert cut == sorted(cut) and cut[0] < cut[-1]


def test_model_opens_in_the_modeler(provider, qgis_iface, repo_dir, monkeypatch):
    """The modeler loads the shipped file whole: every step, valid, its report step last."""
    from processing.modeler.ModelerDialog import ModelerDialog
    from qgis.PyQt.QtCore import QSize

    # pytest-qgis's interface lacks the argument the modeler's toolbar passes.
    monkeypatch.setattr(qgis_iface, "iconSize", lambda dockedToolbar=False: QSize(24, 24))

    dialog = ModelerDialog.create()
    try:
        dialog.loadModel(str(repo_dir / "resources" / "models" / "resilienceplan.model3"))
        model = dialog.model()
        assert model.name() == "resilienceplan"
        assert model.validate() == (True, [])
        children = model.childAlgorithms()
        assert children["report"].algorithmId() == "fibreresilience:resiliencereport"
        assert len(children) == 12
    finally:
        dialog.close()
