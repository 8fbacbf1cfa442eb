"""fibreresilience:mitigationplan with POWER through the headless runner (qgis_process --json):
powerresilience first on the sample's power.gpkg (the storm leaves NRO-001 dark 4 h and NRO-002
6 h, tests/cli/test_power_cli.py), then the plan with one autonomy action per dark site."""

import csv

import pytest

from .test_mitigation_cli import _parameters


def _csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _power_output(qgis_process, sample_dir, tmp_path, parameters, pop_network):
    power, territory = sample_dir / "power.gpkg", sample_dir / "territory.gpkg"
    out = tmp_path / "power_sites.gpkg"
    qgis_process.run_json(
        "fibreresilience:powerresilience",
        NETWORK=parameters["NETWORK"],
        **pop_network,
        SITES=f"{power}|layername=active_sites",
        SITE_NODE_FIELD="nd_code",
        AUTONOMY_FIELD="autonomy_h",
        GENERATOR_FIELD="generator",
        FEEDER_FIELD="feeder",
        OUTAGES=f"{power}|layername=grid_outage",
        OUTAGE_HOURS_FIELD="hours",
        SUBSTATIONS=f"{power}|layername=substations",
        SUBSTATION_ID_FIELD="sub_id",
        GENERATORS=1,
        GENERATOR_DEPOTS=f"{power}|layername=generator_depots",
        GENERATOR_DEPOT_FIELD="depot_id",
        ROADS=f"{territory}|layername=roads",
        SPEED_PRESET=1,
        DIRECTION_FIELD="oneway",
        BLOCKED=f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
        OUTPUT=out,
    )
    return out


def test_sample_plan_with_autonomy(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    parameters, named = _parameters(sample_delivery, sample_dir)
    parameters["POWER"] = _power_output(qgis_process, sample_dir, tmp_path, parameters, pop_network)
    parameters["COSTS"] = "trench_m,100,duct_m,10,bury_m,120,autonomy_site,20000"
    # The sites' loops and the autonomy actions only (segments: tests/qgis).
    parameters["MAX_SEGMENT_LOOPS"] = 0
    actions, plan = tmp_path / "actions.gpkg", tmp_path / "plan.csv"
    sites = tmp_path / "action_sites.gpkg"
    done = qgis_process.run_json(
        "fibreresilience:mitigationplan",
        ACTIONS=actions,
        ACTION_SITES=sites,
        PLAN=plan,
        **parameters,
    )
    results = done["results"]
    rows = _csv_from_gpkg(actions)
    _check_action_sites(sites, actions, rows, parameters["POWER"])
    auto = [row for row in rows if row["mp_kind"] == "autonomy"]
    # NRO-001: 2,138 premises behind it, dark 4 h; NRO-002: 801, dark 6 h (pw_prem_h).
    assert sorted((row["mp_prem"], row["mp_prem_h"]) for row in auto) == [
        (801.0, 4806.0),
        (2138.0, 8552.0),
    ]
    for row in auto:
        assert row["mp_cost"] == 20000.0 and row["mp_owner"] == "operator"
        assert row["mp_eai"] is None and row["geometry_type"] == "MULTILINESTRING"
    # Cheap and behind many premises: both in the plan.
    assert all(row["mp_chosen"] == 1 for row in auto)
    assert all(row["mp_prem_h"] is None for row in rows if row["mp_kind"] != "autonomy")
    steps = _csv(plan)
    assert float(steps[-1]["mp_cum_prem"]) == results["PREMISES_SECURED"]
    chosen = [row for row in rows if row["mp_chosen"] == 1]
    assert sum(row["mp_cost"] for row in chosen) == pytest.approx(results["COST"], abs=0.05)
    assert results["COST"] <= 2000000
    # Each premises once per risk: the two autonomy actions secure 2,138 + 801 premises
    # against the grid outage; against the cables' failures NRO-003's loop secures its 558
    # and NRO-001's loop 2,264 (the bridge route's 2,939 less the cabinets fed across the
    # same bridge). Batteries do not stand in for the loop round the bridge.
    assert results["PREMISES_SECURED"] == 2138 + 801 + 558 + 2264
    kinds = sorted((row["mp_kind"], row["mp_target"]) for row in chosen)
    assert [k for k, _ in kinds] == ["autonomy", "autonomy", "loop", "loop"]
    assert float(steps[-1]["mp_cum_cost"]) == pytest.approx(results["COST"], abs=0.05)


def _check_action_sites(path, actions, rows, power):
    """ACTION_SITES: the autonomy actions of ACTIONS, the same fields, each at a site of
    POWER, the centre of its ring in ACTIONS."""
    from osgeo import ogr

    ours = _csv_from_gpkg(path)
    assert {row["geometry_type"] for row in ours} == {"POINT"}
    fields = [k for k in rows[0] if k.startswith("mp_")]
    auto = [row for row in rows if row["mp_kind"] == "autonomy"]
    assert len(auto) == 2
    assert sorted(tuple(r[k] for k in fields) for r in ours) == sorted(
        tuple(r[k] for k in fields) for r in auto
    )
    # each dataset kept while its layer is read (GDAL's Python frees it with the last name)
    power_data, action_data, site_data = (ogr.Open(str(p)) for p in (power, actions, path))
    sites = [f.GetGeometryRef().Clone() for f in power_data.GetLayer(0)]
    rings = {}
    for feature in action_data.GetLayer(0):
        if feature.GetField("mp_kind") == "autonomy":
            x0, x1, y0, y1 = feature.GetGeometryRef().GetEnvelope()
            rings[feature.GetField("mp_target")] = ((x0 + x1) / 2, (y0 + y1) / 2)
    for feature in site_data.GetLayer(0):
        point = feature.GetGeometryRef()
        assert min(point.Distance(site) for site in sites) < 1e-6
        x, y = rings[feature.GetField("mp_target")]
        assert abs(point.GetX() - x) < 1e-6 and abs(point.GetY() - y) < 1e-6


def _csv_from_gpkg(path):
    import sqlite3

    with sqlite3.connect(str(path)) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        kind = db.execute(
            "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()[0]
        cursor = db.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        out = [dict(zip(names, values)) for values in cursor.fetchall()]
    for row in out:
        row["geometry_type"] = kind
    return out


def test_power_without_pw_prem_h_refused(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    parameters, _ = _parameters(sample_delivery, sample_dir)
    parameters["POWER"] = f"{sample_dir / 'power.gpkg'}|layername=active_sites"
    parameters["COSTS"] = "trench_m,100,duct_m,10,bury_m,120,autonomy_site,20000"
    parameters["ACTIONS"] = tmp_path / "actions.gpkg"
    done = qgis_process(
        "run", "fibreresilience:mitigationplan", "--", *(f"{k}={v}" for k, v in parameters.items())
    )
    assert done.returncode != 0
    assert "pw_dark_h" in done.stdout + done.stderr
    assert not (tmp_path / "actions.gpkg").exists()
