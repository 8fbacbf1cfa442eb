"""fibreresilience:restoration through processing.run on the sample territory, chained as a
study would: gracethdnetwork -> hazardexposure (TRI zones on the routes) -> scenarioimpact
(the cables through the failed routes) -> accessroutes (crews to the failed cables, 04Fai
blocking the roads) -> powerresilience (the storm of power.gpkg) -> restoration.

The curve is checked hour by hour against networkx on the cables (each hour's unrepaired
cables and dark sites removed), the schedule against its own rules, hour 0 against
scenarioimpact's PREMISES_CUT and the power-only curve against powerresilience."""

import math
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest
from qgis.core import NULL, QgsProcessingContext, QgsVectorLayer

from fibre_resilience.adapters.sinks import output_layer

OUTPUTS = ("ROUTES", "CABLES", "NODES", "PREMISES")
REPAIR = "AERIEN,4,FACADE,3,SOUTERRAIN,12"


def _layer(path, name=None, subset=None):
    uri = f"{path}|layername={name}" if name else str(path)
    out = QgsVectorLayer(uri, name or Path(path).stem, "ogr")
    assert out.isValid(), uri
    if subset:
        assert out.setSubsetString(subset), subset
    return out


def _value(value):
    return None if value == NULL else value


def _features(value, context):
    layer = value if isinstance(value, QgsVectorLayer) else output_layer(value, context)
    return list(layer.getFeatures())


_CHAIN = {}


@pytest.fixture()
def chain(run_algorithm, sample_dir, tmp_path_factory):
    """Every step up to restoration's inputs, written to GeoPackages once per session."""
    if not _CHAIN:
        _CHAIN.update(_run_chain(run_algorithm, sample_dir, tmp_path_factory))
    return _CHAIN


def _run_chain(run_algorithm, sample_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("restoration")
    delivery = {name: folder / f"{name.lower()}.gpkg" for name in OUTPUTS}
    run_algorithm(
        "gracethdnetwork",
        dict(
            {"SOURCE": str(sample_dir / "gracethd_v3.gpkg"), "REPORT": str(folder / "r.gpkg")},
            **{k: str(v) for k, v in delivery.items()},
        ),
    )
    territory, power = sample_dir / "territory.gpkg", sample_dir / "power.gpkg"
    exposed = folder / "exposed_routes.gpkg"
    run_algorithm(
        "hazardexposure",
        {
            "INPUT": str(delivery["ROUTES"]),
            "HAZARD": f"{territory}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": str(exposed),
        },
    )
    network = {
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "ROOTS": f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
        "ROOT_NODE_FIELD": "nd_code",
        "PREMISES": str(delivery["PREMISES"]),
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
    }
    lines = folder / "impact_lines.gpkg"
    impact = run_algorithm(
        "scenarioimpact",
        dict(
            network,
            NETWORK=str(delivery["CABLES"]),
            SRLG_FIELD="gt_routes",
            FAILED_LAYER=str(exposed),
            FAILED_GROUP_FIELD="gt_code",
            FAILED_LAYER_EXPRESSION='"hz_failed" = 1',
            OUTPUT_LINES=str(lines),
        ),
    )
    access = folder / "access.gpkg"
    run_algorithm(
        "accessroutes",
        {
            "ROADS": f"{territory}|layername=roads",
            "SPEED_PRESET": 1,
            "DIRECTION_FIELD": "oneway",
            "DEPOTS": f"{territory}|layername=depots",
            "DEPOT_FIELD": "depot_id",
            "TARGETS": f'{lines}|layername=impact_lines|subset="im_failed" = 1',
            "BLOCKED": f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
            "KEEP_BRIDGES": True,
            "OUTPUT": str(access),
        },
    )
    sites = folder / "power_sites.gpkg"
    powered = run_algorithm(
        "powerresilience",
        dict(
            network,
            NETWORK=str(delivery["CABLES"]),
            SITES=f"{power}|layername=active_sites",
            SITE_NODE_FIELD="nd_code",
            AUTONOMY_FIELD="autonomy_h",
            GENERATOR_FIELD="generator",
            FEEDER_FIELD="feeder",
            OUTAGES=f"{power}|layername=grid_outage",
            OUTAGE_HOURS_FIELD="hours",
            SUBSTATIONS=f"{power}|layername=substations",
            SUBSTATION_ID_FIELD="sub_id",
            OUTPUT=str(sites),
        ),
    )
    parameters = dict(
        network,
        NETWORK=str(lines),
        NETWORK_ID_FIELD="gt_code",
        ACCESS=str(access),
        ACCESS_ID_FIELD="gt_code",
        REPAIR_FIELD="gt_laying",
        REPAIR_HOURS=REPAIR,
        DEFAULT_REPAIR_HOURS=6,
        CREWS=2,
        RECESSION_HOURS=24,
        POWER=str(sites),
        SITE_NODE_FIELD="nd_code",
    )
    return {
        "parameters": parameters,
        "lines": lines,
        "access": access,
        "sites": sites,
        "impact": impact,
        "power": powered,
    }


def _oracle_curve(lines_path, premises_path, sites_path, jobs, hours, node_jobs=None):
    """Premises out per hour by networkx: (out, power, damage) per hour; ``node_jobs``: the
    failed nodes' repair ends by node code (the node and its lines are out until then)."""
    node_jobs = node_jobs or {}
    cables = _layer(lines_path)
    edges = {f["gt_code"]: (f["gt_nd1"], f["gt_nd2"]) for f in cables.getFeatures()}
    roots = {"POP-01"}
    premises = defaultdict(float)
    for f in _layer(premises_path).getFeatures():
        premises[f["gt_pbo"]] += f["gt_prem"]
    dark = []
    for f in _layer(sites_path).getFeatures():
        gen = _value(f["pw_gen_h"])
        end = f["pw_outage_h"] if gen is None else min(f["pw_outage_h"], gen)
        dark.append((f["nd_code"], f["pw_autonomy_h"], end))

    def served(skip_edges, skip_nodes):
        g = nx.MultiGraph()
        g.add_node("S")
        for code, (a, b) in edges.items():
            if code not in skip_edges and a not in skip_nodes and b not in skip_nodes:
                g.add_edge(a, b)
        pop_nodes = {
            f["nd_code"] for f in _layer(sites_path).getFeatures() if f["site_id"] in roots
        }
        g.add_edges_from(("S", n) for n in pop_nodes if n not in skip_nodes)
        return nx.node_connected_component(g, "S")

    before = served(set(), set())
    rows = []
    for h in range(hours + 1):
        down = {code for code, done in jobs.items() if done is None or not done <= h}
        broken = {node for node, done in node_jobs.items() if done is None or not done <= h}
        dark_nodes = {node for node, start, end in dark if start <= h < end}
        by_damage = served(down, broken)
        by_both = served(down, dark_nodes | broken)
        damage = sum(n for node, n in premises.items() if node in before and node not in by_damage)
        power = sum(
            n
            for node, n in premises.items()
            if node in before and node in by_damage and node not in by_both
        )
        rows.append((damage + power, power, damage))
    return rows


def test_sample_chain_against_networkx_hour_by_hour(run_algorithm, chain, tmp_path):
    context = QgsProcessingContext()
    result = run_algorithm(
        "restoration",
        dict(chain["parameters"], OUTPUT="memory:", RESTORATION="memory:"),
        context=context,
    )
    jobs = _features(result["OUTPUT"], context)
    failed = [f for f in _layer(chain["lines"]).getFeatures() if f["im_failed"] == 1]
    assert len(jobs) == len(failed) > 10
    # The priority figure is scenarioimpact's im_prem: the cut premises that hung on the line.
    im_prem = {f["gt_code"]: f["im_prem"] for f in failed}
    assert all(f["rs_prem"] == pytest.approx(im_prem[f["gt_code"]]) for f in jobs)
    # The schedule keeps its own rules: repair hours by laying mode, start = end - repair,
    # each crew's jobs one after the other with the travel in between.
    hours_of = {"AERIEN": 4.0, "FACADE": 3.0, "SOUTERRAIN": 12.0}
    by_crew = defaultdict(list)
    done = {}
    for f in jobs:
        assert f["rs_repair_h"] == hours_of.get(f["gt_laying"], 6.0), f["gt_code"]
        if _value(f["rs_done_h"]) is None:
            done[f["gt_code"]] = None
            continue
        done[f["gt_code"]] = f["rs_done_h"]
        assert f["rs_done_h"] == pytest.approx(f["rs_start_h"] + f["rs_repair_h"], abs=0.01)
        assert f["rs_start_h"] >= f["rs_travel_h"] - 0.01
        by_crew[(f["rs_depot"], f["rs_crew"])].append(f)
    assert {crew for _, crew in by_crew} <= {1, 2}
    for crew_jobs in by_crew.values():
        crew_jobs.sort(key=lambda f: f["rs_start_h"])
        for a, b in zip(crew_jobs, crew_jobs[1:]):
            assert b["rs_start_h"] >= a["rs_done_h"] + b["rs_travel_h"] - 0.01
    # Some lines are unreachable under 04Fai: they wait the 24 h of recession.
    access = {f["gt_code"]: f for f in _layer(chain["access"]).getFeatures()}
    late = [f for f in jobs if access[f["gt_code"]]["ac_reach"] == 0]
    assert all(f["rs_start_h"] >= 24 for f in late)

    table = sorted(_features(result["RESTORATION"], context), key=lambda f: f["rs_hour"])
    hours = [f["rs_hour"] for f in table]
    assert hours == list(range(len(table)))
    # Written with 2 decimals: the oracle reads the same rounded ends, and no end falls
    # within 0.005 h of a whole hour here, so the rounding changes no hour.
    rows = _oracle_curve(
        chain["lines"],
        chain["parameters"]["PREMISES"],
        chain["sites"],
        done,
        hours[-1],
    )
    for f, (out, power, damage) in zip(table, rows):
        assert (f["rs_out"], f["rs_power"], f["rs_damage"]) == pytest.approx(
            (out, power, damage)
        ), f["rs_hour"]
    assert table[0]["rs_damage"] == pytest.approx(chain["impact"]["PREMISES_CUT"])
    assert table[-1]["rs_out"] == 0
    assert max(f["rs_power"] for f in table) > 0 and table[0]["rs_damage"] > 0
    assert result["PREMISE_HOURS_LOST"] == pytest.approx(sum(f["rs_out"] for f in table))
    base = 3497
    h90 = result["HOURS_TO_90PCT"]
    assert all(f["rs_out"] <= 0.1 * base for f in table[h90:])
    assert h90 == 0 or table[h90 - 1]["rs_out"] > 0.1 * base


def test_power_only_matches_powerresilience(run_algorithm, chain):
    """No failed line: the curve is the dark sites' alone, and its premise-hours those of
    powerresilience (the sample's dark spans start and end on whole hours)."""
    context = QgsProcessingContext()
    result = run_algorithm(
        "restoration",
        dict(
            chain["parameters"],
            FAILED_EXPRESSION="false",
            OUTPUT="memory:",
            RESTORATION="memory:",
        ),
        context=context,
    )
    table = _features(result["RESTORATION"], context)
    assert all(f["rs_damage"] == 0 and f["rs_out"] == f["rs_power"] for f in table)
    assert result["PREMISE_HOURS_LOST"] == pytest.approx(chain["power"]["PREMISE_HOURS_POWER"])
    assert result["PREMISE_HOURS_LOST"] > 0
    assert math.isfinite(result["PREMISE_HOURS_LOST"])


def test_failed_nodes_against_networkx_hour_by_hour(run_algorithm, chain, sample_dir):
    """Two NROs of the sample fail too (by nd_code, 45 min away by default, 10 h each): they
    are jobs with the lines, their premises out (damage) until repaired; NRO-002 is also a
    power site, dark when its battery runs out."""
    power = sample_dir / "power.gpkg"
    context = QgsProcessingContext()
    result = run_algorithm(
        "restoration",
        dict(
            chain["parameters"],
            FAILED_NODES=f"{power}|layername=active_sites",
            FAILED_NODE_EXPRESSION="\"site_id\" IN ('NRO-002', 'NRO-003')",
            FAILED_NODE_FIELD="nd_code",
            NODE_REPAIR_FIELD="role",
            REPAIR_HOURS=REPAIR + ",NRO,10",
            DEFAULT_TRAVEL_MINUTES=45,
            OUTPUT="memory:",
            OUTPUT_NODES="memory:",
            RESTORATION="memory:",
        ),
        context=context,
    )
    nodes = _features(result["OUTPUT_NODES"], context)
    assert sorted(f["site_id"] for f in nodes) == ["NRO-002", "NRO-003"]
    for f in nodes:
        assert (f["rs_repair_h"], f["rs_travel_h"], _value(f["rs_depot"])) == (10, 0.75, None)
        assert f["rs_done_h"] == pytest.approx(f["rs_start_h"] + 10, abs=0.01)
    # rs_prem: the premises that no longer reach the POP without the node, its own included.
    cables = _layer(chain["lines"])
    edges = [(f["gt_nd1"], f["gt_nd2"]) for f in cables.getFeatures()]
    pop = next(
        f["nd_code"] for f in _layer(chain["sites"]).getFeatures() if f["site_id"] == "POP-01"
    )
    premises = defaultdict(float)
    for f in _layer(chain["parameters"]["PREMISES"]).getFeatures():
        premises[f["gt_pbo"]] += f["gt_prem"]

    def served(skip):
        g = nx.MultiGraph(e for e in edges if skip not in e)
        return nx.node_connected_component(g, pop) if pop in g else set()

    before = served(None)
    for f in nodes:
        cut = sum(n for node, n in premises.items() if node in before - served(f["nd_code"]))
        assert f["rs_prem"] == pytest.approx(cut), f["site_id"]
    assert all(f["rs_prem"] > 0 for f in nodes)

    jobs = {f["gt_code"]: _value(f["rs_done_h"]) for f in _features(result["OUTPUT"], context)}
    node_jobs = {f["nd_code"]: _value(f["rs_done_h"]) for f in nodes}
    table = sorted(_features(result["RESTORATION"], context), key=lambda f: f["rs_hour"])
    rows = _oracle_curve(
        chain["lines"],
        chain["parameters"]["PREMISES"],
        chain["sites"],
        jobs,
        table[-1]["rs_hour"],
        node_jobs,
    )
    for f, (out, power_out, damage) in zip(table, rows):
        assert (f["rs_out"], f["rs_power"], f["rs_damage"]) == pytest.approx(
            (out, power_out, damage)
        ), f["rs_hour"]
    # Hour 0: the lines' damage and, on top, what hangs on the two NROs alone.
    assert table[0]["rs_damage"] > chain["impact"]["PREMISES_CUT"]
    assert result["PREMISE_HOURS_LOST"] == pytest.approx(sum(f["rs_out"] for f in table))
