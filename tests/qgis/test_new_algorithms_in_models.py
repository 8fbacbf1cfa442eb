"""restoration and mitigationplan as steps of a Processing model, fed by powerresilience: the
model's POWER is the first child's OUTPUT. Each model must give, row by row, what the two
algorithms give when run one after the other with the same inputs (the house rule: every
algorithm works in the toolbox, in a model and under qgis_process)."""

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
)

from .test_mitigation_plan import _delivery, _site_nodes
from .test_restoration import _features, _layer, chain  # noqa: F401 (chain: a fixture)

NUMBERS = {
    "restoration": ("PREMISE_HOURS_LOST", "HOURS_TO_90PCT"),
    "mitigationplan": ("PREMISES_SECURED", "COST"),
}


def _model(first, second, outputs):
    """A model of two children, every input a static value, the second child's POWER the
    first child's OUTPUT. ``first``/``second``: (algorithm name, parameters); ``outputs``:
    the second child's layer outputs, each a model output of the same name."""
    model = QgsProcessingModelAlgorithm("new_algorithms_model", "tests")
    children = {}
    for child_id, (name, parameters) in (("pw", first), ("next", second)):
        child = QgsProcessingModelChildAlgorithm(f"fibreresilience:{name}")
        child.setChildId(child_id)
        for key, value in parameters.items():
            child.addParameterSources(
                key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
            )
        children[child_id] = child
    children["next"].addParameterSources(
        "POWER", [QgsProcessingModelChildParameterSource.fromChildOutput("pw", "OUTPUT")]
    )
    model_outputs = {}
    for key in outputs:
        output = QgsProcessingModelOutput(key)
        output.setChildOutputName(key)
        model_outputs[key] = output
    children["next"].setModelOutputs(model_outputs)
    for child in children.values():
        model.addChildAlgorithm(child)
    # The model runs "pw" first because "next" reads its output: no explicit dependency.
    assert model.dependsOnChildAlgorithms("next") == {"pw"}
    return model


def _rows(value, context):
    """Every attribute and the geometry of each feature, in the layer's order."""
    rows = []
    for f in _features(value, context):
        geometry = f.geometry()
        wkt = None if geometry.isNull() else geometry.asWkt(6)
        rows.append((*f.attributes()[1:], wkt))  # attributes()[0]: the GeoPackage fid
    return rows


def _compare(run_algorithm, tmp_path, first, second, outputs):
    """Run both algorithms one after the other, then the model; returns the step-by-step
    result and its rows, after checking that the model gives the same."""
    context = QgsProcessingContext()
    power = run_algorithm(
        first[0], dict(first[1], OUTPUT=str(tmp_path / "pw_steps.gpkg")), context=context
    )
    steps = run_algorithm(
        second[0],
        dict(
            second[1],
            POWER=power["OUTPUT"],
            **{key: str(tmp_path / f"{key.lower()}_steps.gpkg") for key in outputs},
        ),
        context=context,
    )
    model = _model(first, second, outputs)
    model_context = QgsProcessingContext()
    result = run_algorithm(
        model,
        {f"next:{key}": str(tmp_path / f"{key.lower()}_model.gpkg") for key in outputs},
        context=model_context,
    )
    figures = result["CHILD_RESULTS"]
    # The first child: the same powerresilience run.
    for key in ("SITES_DARK", "PREMISE_HOURS_POWER"):
        assert figures["pw"][key] == power[key], key
    for key in NUMBERS[second[0]]:
        assert figures["next"][key] == steps[key], key
    tables = {}
    for key in outputs:
        expected = _rows(steps[key], context)
        got = _rows(result[f"next:{key}"], model_context)
        assert len(got) == len(expected) > 0, key
        for n, (row, want) in enumerate(zip(got, expected)):
            assert row == want, (key, n)
        tables[key] = got
    return steps, tables, context


def _power_parameters(network, cables, power):
    """powerresilience on the sample's storm (power.gpkg), no generators: quick."""
    return dict(
        network,
        NETWORK=str(cables),
        SITES=f"{power}|layername=active_sites",
        SITE_NODE_FIELD="nd_code",
        AUTONOMY_FIELD="autonomy_h",
        GENERATOR_FIELD="generator",
        FEEDER_FIELD="feeder",
        OUTAGES=f"{power}|layername=grid_outage",
        OUTAGE_HOURS_FIELD="hours",
        SUBSTATIONS=f"{power}|layername=substations",
        SUBSTATION_ID_FIELD="sub_id",
    )


def test_powerresilience_then_restoration(run_algorithm, chain, sample_dir, tmp_path):  # noqa: F811
    parameters = dict(chain["parameters"])
    del parameters["POWER"]
    network = {
        key: parameters[key]
        for key in (
            "FROM_FIELD",
            "TO_FIELD",
            "ROOTS",
            "ROOT_NODE_FIELD",
            "PREMISES",
            "PREMISES_COUNT",
            "PREMISES_NODE_FIELD",
        )
    }
    # The delivery's cables, next to its premises (tests/qgis/test_restoration.py).
    cables = chain["lines"].parent / "cables.gpkg"
    first = ("powerresilience", _power_parameters(network, cables, sample_dir / "power.gpkg"))
    steps, tables, _ = _compare(
        run_algorithm, tmp_path, first, ("restoration", parameters), ("OUTPUT", "RESTORATION")
    )
    # Not a vacuous equality: the storm darkens sites for some hours and the cables take
    # time to repair, so POWER reached restoration in the model as in the steps.
    table = tables["RESTORATION"]
    assert len(table) > 2
    assert steps["PREMISE_HOURS_LOST"] > 0
    rows = list(_layer(tmp_path / "restoration_model.gpkg").getFeatures())
    assert sorted(f["rs_hour"] for f in rows) == list(range(len(table)))
    assert max(f["rs_power"] for f in rows) > 0 and max(f["rs_damage"] for f in rows) > 0


def test_powerresilience_then_mitigationplan(run_algorithm, tmp_path_factory, sample_dir, tmp_path):
    gpkg = sample_dir / "gracethd_v3.gpkg"
    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    named = _site_nodes(gpkg)
    nros = ", ".join(f"'{named[n]}'" for n in ("NRO-001", "NRO-002", "NRO-003"))
    power = sample_dir / "power.gpkg"
    network = {
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "PREMISES": str(paths["PREMISES"]),
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
    }
    first = (
        "powerresilience",
        _power_parameters(
            dict(
                network,
                ROOTS=f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
                ROOT_NODE_FIELD="nd_code",
            ),
            paths["CABLES"],
            power,
        ),
    )
    second = (
        "mitigationplan",
        dict(
            network,
            NETWORK=str(paths["CABLES"]),
            SRLG_FIELD="gt_routes",
            ROOTS=f"{paths['NODES']}|subset=\"gt_code\" = '{named['POP-01']}'",
            ROOT_NODE_FIELD="gt_code",
            SITES=f'{paths["NODES"]}|subset="gt_code" IN ({nros})',
            SITE_NODE_FIELD="gt_code",
            SITE_NAME_FIELD="gt_code",
            ROADS=f"{sample_dir / 'territory.gpkg'}|layername=roads",
            COSTS="trench_m,100,duct_m,10,bury_m,120,autonomy_site,20000",
            BUDGET=2000000,
            # The sites' loops and the autonomy actions only (segments: test_mitigation_plan).
            MAX_SEGMENT_LOOPS=0,
        ),
    )
    steps, tables, _ = _compare(run_algorithm, tmp_path, first, second, ("ACTIONS", "PLAN"))
    # Not a vacuous equality: POWER reached mitigationplan in the model, its dark sites became
    # autonomy actions. With no generator sent (tests/cli/test_mitigation_power_cli.py sends
    # one, to NRO-003) the storm darkens NRO-001 (2,138 premises) 4 h, NRO-002 (801) 6 h and
    # NRO-003 (558) 18 h.
    actions = list(_layer(tmp_path / "actions_model.gpkg").getFeatures())
    autonomy = sorted(
        (f["mp_prem"], f["mp_prem_h"], f["mp_chosen"])
        for f in actions
        if f["mp_kind"] == "autonomy"
    )
    assert autonomy == [(558, 558 * 18, 1), (801, 801 * 6, 1), (2138, 2138 * 4, 1)]
    # Each premises once per risk: the three sites against the grid outage, NRO-003's loop
    # (558) and NRO-001's (2,264) against the cables' failures.
    assert steps["PREMISES_SECURED"] == pytest.approx(2138 + 801 + 558 + 558 + 2264)
    assert 0 < steps["COST"] <= 2_000_000
    assert len(tables["PLAN"]) == sum(f["mp_chosen"] for f in actions) == 5
