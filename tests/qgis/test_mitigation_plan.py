"""mitigationplan through processing.run on the sample territory: the single-homed NRO and the
loop defeated by the centre bridge, premises and costs checked by hand, and the ACTIONS style.
(The small hand-computed cases are in tests/data/bad_inputs.yaml.)"""

import sqlite3

import pytest
import shapely
from qgis.core import QgsExpression, QgsProcessingContext, QgsVectorLayer

from fibre_resilience.adapters import styles
from fibre_resilience.adapters.sinks import output_layer

OUTPUTS = ("ROUTES", "CABLES", "NODES", "PREMISES")
_READ = {}


def _layer(path, subset=None, name=None):
    out = QgsVectorLayer(str(path), name or path.stem, "ogr")
    assert out.isValid(), path
    if subset:
        assert out.setSubsetString(subset), subset
    return out


def _delivery(run_algorithm, tmp_path_factory, source):
    key = str(source)
    if key not in _READ:
        folder = tmp_path_factory.mktemp("delivery")
        parameters = {"SOURCE": key, "REPORT": str(folder / "report.gpkg")}
        parameters.update({name: str(folder / f"{name.lower()}.gpkg") for name in OUTPUTS})
        run_algorithm("gracethdnetwork", parameters)
        _READ[key] = folder
    return {name: _READ[key] / f"{name.lower()}.gpkg" for name in OUTPUTS}


def _site_nodes(gpkg):
    with sqlite3.connect(str(gpkg)) as db:
        rows = db.execute("SELECT st_nom, st_nd_code FROM t_site WHERE st_typelog = 'RESEAU'")
        return dict(rows.fetchall())


def _features(value, context):
    layer = value if isinstance(value, QgsVectorLayer) else output_layer(value, context)
    return list(layer.getFeatures())


def test_sample_loops(run_algorithm, tmp_path_factory, sample_dir):
    gpkg = sample_dir / "gracethd_v3.gpkg"
    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    named = _site_nodes(gpkg)
    nros = {named[n]: n for n in ("NRO-001", "NRO-002", "NRO-003")}
    codes = ", ".join(f"'{c}'" for c in nros)
    context = QgsProcessingContext()
    result = run_algorithm(
        "mitigationplan",
        {
            "NETWORK": _layer(paths["CABLES"]),
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "SRLG_FIELD": "gt_routes",
            "ROOTS": _layer(paths["NODES"], f"\"gt_code\" = '{named['POP-01']}'"),
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": _layer(paths["PREMISES"]),
            "PREMISES_COUNT": '"gt_prem"',
            "PREMISES_NODE_FIELD": "gt_pbo",
            "SITES": _layer(paths["NODES"], f'"gt_code" IN ({codes})'),
            "SITE_NODE_FIELD": "gt_code",
            "SITE_NAME_FIELD": "gt_code",
            "ROADS": f"{sample_dir / 'territory.gpkg'}|layername=roads",
            "COSTS": ["trench_m", 100, "duct_m", 10, "bury_m", 120],
            "BUDGET": 5_000_000,
            "MIN_SEPARATION": 100,
            "ACTIONS": "memory:",
            "PLAN": "memory:",
        },
        context=context,
    )
    all_actions = _features(result["ACTIONS"], context)
    assert {f["mp_kind"] for f in all_actions} == {"loop"}
    # A loop around a segment or a group that runs along the same roads as a site's loop is
    # one action, named "site + segment; group".
    actions = {
        nros[f["mp_target"].split(" + ")[0]]: f
        for f in all_actions
        if f["mp_target"].split(" + ")[0] in nros
    }
    assert set(actions) == {"NRO-001", "NRO-002", "NRO-003"}
    # The NROs' loops secure premises cut in the collecte; segments of every tier get loops.
    assert {actions[x]["mp_tier"] for x in actions} == {"collecte"}
    assert {f["mp_tier"] for f in all_actions} == {"collecte", "transport", "distribution"}
    # Premises, by hand from resources/sample/README.md: NRO-003 alone behind CB0000003;
    # NRO-001 with NRO-002 (CB0000004) behind the centre bridge route CM0002089, less
    # SRO-0004 (324) and SRO-0007 (351), which NRO-001 feeds across that same bridge: the
    # bridge's failure cuts them from NRO-001 too, a loop at NRO-001 cannot save them.
    assert actions["NRO-003"]["mp_prem"] == 558
    assert actions["NRO-001"]["mp_prem"] == 2138 + 801 - 324 - 351
    assert 0 < actions["NRO-002"]["mp_prem"] <= actions["NRO-001"]["mp_prem"]
    territory = sample_dir / "territory.gpkg"
    river = _shapes(f"{territory}|layername=river")[0]
    roads = QgsVectorLayer(f"{territory}|layername=roads", "roads", "ogr")
    crossings = {}
    for f in roads.getFeatures():
        if f["bridge"] == "yes" or f["ford"] == "yes":
            crossings[f["osm_id"]] = shapely.from_wkb(bytes(f.geometry().asWkb()))
    centre = crossings.pop(100003959)
    cables = {
        f["gt_code"]: shapely.from_wkb(bytes(f.geometry().asWkb()))
        for f in _layer(paths["CABLES"]).getFeatures()
    }
    others = shapely.union_all(list(crossings.values()))
    for nro in ("NRO-001", "NRO-002"):
        loop = shapely.from_wkb(bytes(actions[nro].geometry().asWkb()))
        # The loop crosses the river, far from the centre bridge and its route, over
        # another bridge or the ford.
        assert loop.intersects(river), nro
        assert loop.distance(centre) >= 100, nro
        for point in shapely.get_parts(loop.intersection(river)):
            assert point.distance(others) < 1.0, nro
        # Cost: 100 EUR per metre of new trench, the whole drawn path.
        assert actions[nro]["mp_cost"] == pytest.approx(100 * loop.length, rel=1e-6)
    loop3 = shapely.from_wkb(bytes(actions["NRO-003"].geometry().asWkb()))
    # It may cross the river (its failures do not include the centre bridge), over a
    # bridge or the ford only.
    every = shapely.union_all([others, centre])
    for point in shapely.get_parts(loop3.intersection(river)):
        assert point.distance(every) < 1.0
    assert actions["NRO-003"]["mp_cost"] == pytest.approx(100 * loop3.length, rel=1e-6)
    # 100 m from the cable it bypasses, except near its ends (END_DISTANCE 250 m).
    cb3 = cables["CB0000003"]
    ends = shapely.union_all(
        [shapely.Point(cb3.coords[0]).buffer(250), shapely.Point(cb3.coords[-1]).buffer(250)]
    )
    assert loop3.difference(ends).distance(cb3) > 100
    # The bridge route CM0002089 (both collecte arms to NRO-001 and NRO-002, and the
    # transport cables NRO-001 sends north to SRO-0004 and SRO-0007) gets a loop for each
    # piece its loss cuts off, bypassing it: 100 m from it outside 250 m of the loop's ends,
    # crossing the river only over another bridge or the ford.
    route = [
        shapely.from_wkb(bytes(f.geometry().asWkb()))
        for f in _layer(paths["ROUTES"], "\"gt_code\" = 'CM0002089'").getFeatures()
    ]
    assert len(route) == 1
    bridged = [f for f in all_actions if "CM0002089" in f["mp_target"]]
    assert len(bridged) == 3
    # The southern piece (NRO-001 and NRO-002 less the two northern cabinets) takes the same
    # roads as NRO-001's own loop: one action securing its 2,264 premises.
    assert actions["NRO-001"] in bridged
    assert sorted(f["mp_prem"] for f in bridged) == [324, 351, 2264]
    for f in bridged:
        loop = shapely.from_wkb(bytes(f.geometry().asWkb()))
        ends = shapely.get_coordinates(loop)[[0, -1]]
        discs = shapely.union_all(shapely.buffer(shapely.points(ends), 250))
        assert loop.difference(discs).distance(route[0]) > 100, f["mp_target"]
        assert loop.distance(centre) > 0, f["mp_target"]
        for point in shapely.get_parts(loop.intersection(river)):
            assert point.is_empty or point.distance(others) < 1.0, f["mp_target"]
        assert f["mp_cost"] == pytest.approx(100 * loop.length, rel=1e-6)
        assert f["mp_tier"] == "collecte"
    # The plan: the two south loops secure mostly the same premises against the same risk
    # (collecte): never both.
    plan = _features(result["PLAN"], context)
    chosen = {nros.get(f["mp_target"].split(" + ")[0]) for f in plan}
    assert not {"NRO-001", "NRO-002"} <= chosen
    assert result["PREMISES_SECURED"] == pytest.approx(plan[-1]["mp_cum_prem"])
    assert result["COST"] == pytest.approx(sum(f["mp_cost"] for f in plan))
    assert result["COST"] <= 5_000_000
    # PLAN says each step's tier, that of the same action in ACTIONS
    tier_of = {f["mp_rank"]: f["mp_tier"] for f in all_actions}
    assert [f["mp_tier"] for f in plan] == [tier_of[f["mp_rank"]] for f in plan]
    assert "collecte" in {f["mp_tier"] for f in plan}

    # The style: every action in the category of its kind and choice.
    layer = result["ACTIONS"]
    assert styles.apply_style(layer, "mitigation_actions")
    renderer = layer.renderer()
    labels = {c.value(): c.label() for c in renderer.categories()}
    assert labels["loop/1"] == "New loop, in the plan"
    expression = QgsExpression(renderer.classAttribute())
    expression_context = layer.createExpressionContext()
    seen = set()
    for feature in layer.getFeatures():
        expression_context.setFeature(feature)
        value = expression.evaluate(expression_context)
        assert value == f"loop/{feature['mp_chosen']}"
        seen.add(labels[value])
    assert seen == {"New loop, in the plan", "New loop, not chosen"}


def _shapes(uri):
    layer = QgsVectorLayer(uri, "x", "ogr")
    assert layer.isValid(), uri
    return [shapely.from_wkb(bytes(f.geometry().asWkb())) for f in layer.getFeatures()]
