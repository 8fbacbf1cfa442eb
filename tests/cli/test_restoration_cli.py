"""fibreresilience:restoration through the headless runner (qgis_process --json) on the
bundled sample: the bridge route CM0002089 fails (both arms of the collecte loop run through
it), one crew repairs its cables, and the storm of power.gpkg darkens the NROs meanwhile."""

import csv

RS_FIELDS = {
    "rs_depot",
    "rs_crew",
    "rs_rank",
    "rs_prem",
    "rs_travel_h",
    "rs_repair_h",
    "rs_start_h",
    "rs_done_h",
}


def _csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_bridge_route_and_storm_on_the_sample_as_json(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    power = sample_dir / "power.gpkg"
    network = pop_network
    lines = tmp_path / "lines.gpkg"
    impact = qgis_process.run_json(
        "fibreresilience:scenarioimpact",
        NETWORK=sample_delivery["CABLES"],
        SRLG_FIELD="gt_routes",
        FAILED_LAYER=sample_delivery["ROUTES"],
        FAILED_GROUP_FIELD="gt_code",
        FAILED_LAYER_EXPRESSION="\"gt_code\" = 'CM0002089'",
        OUTPUT_LINES=lines,
        **network,
    )["results"]
    # The sample's README: the bridge route's group cuts 2,939 premises.
    assert impact["PREMISES_CUT"] == 2939
    sites = tmp_path / "sites.gpkg"
    qgis_process.run_json(
        "fibreresilience:powerresilience",
        NETWORK=sample_delivery["CABLES"],
        SITES=f"{power}|layername=active_sites",
        SITE_NODE_FIELD="nd_code",
        AUTONOMY_FIELD="autonomy_h",
        GENERATOR_FIELD="generator",
        OUTAGES=f"{power}|layername=grid_outage",
        OUTAGE_HOURS_FIELD="hours",
        OUTPUT=sites,
        **network,
    )
    jobs, curve = tmp_path / "jobs.csv", tmp_path / "curve.csv"
    done = qgis_process.run_json(
        "fibreresilience:restoration",
        NETWORK=lines,
        DEFAULT_TRAVEL_MINUTES=30,
        REPAIR_FIELD="gt_laying",
        REPAIR_HOURS="SOUTERRAIN,3,AERIEN,2",  # a matrix as qgis_process takes it
        DEFAULT_REPAIR_HOURS=5,
        POWER=sites,
        SITE_NODE_FIELD="nd_code",
        OUTPUT=jobs,
        RESTORATION=curve,
        **network,
    )
    results = done["results"]
    rows = _csv(jobs)
    assert rows and set(rows[0]) >= RS_FIELDS
    assert all(row["rs_depot"] == "" and row["rs_crew"] == "1" for row in rows)
    first = min(rows, key=lambda row: float(row["rs_start_h"]))
    assert float(first["rs_start_h"]) == 0.5  # 30 min from the depot
    table = _csv(curve)
    assert [int(row["rs_hour"]) for row in table] == list(range(len(table)))
    # Hour 0: the cut premises, none dark yet; the table ends with everything back.
    assert float(table[0]["rs_damage"]) == 2939 and float(table[0]["rs_power"]) == 0
    assert float(table[-1]["rs_out"]) == 0
    for row in table:
        assert float(row["rs_out"]) == float(row["rs_power"]) + float(row["rs_damage"])
    assert any(float(row["rs_power"]) > 0 for row in table)
    assert results["PREMISE_HOURS_LOST"] == sum(float(row["rs_out"]) for row in table)
    assert results["HOURS_TO_90PCT"] >= 1


def test_a_failed_nro_alone_as_json(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    """No line fails; NRO-003 does (FAILED_NODES by nd_code): 30 min away, 4 h of repair, its
    premises out by damage from hour 0 to hour 4 and back at hour 5 (ends at 4.5 h)."""
    power = sample_dir / "power.gpkg"
    nodes, curve = tmp_path / "nodes.csv", tmp_path / "curve.csv"
    done = qgis_process.run_json(
        "fibreresilience:restoration",
        NETWORK=sample_delivery["CABLES"],
        **pop_network,
        FAILED_EXPRESSION="false",
        FAILED_NODES=f"{power}|layername=active_sites",
        FAILED_NODE_EXPRESSION="\"site_id\" = 'NRO-003'",
        FAILED_NODE_FIELD="nd_code",
        DEFAULT_TRAVEL_MINUTES=30,
        DEFAULT_REPAIR_HOURS=4,
        OUTPUT=tmp_path / "jobs.csv",
        OUTPUT_NODES=nodes,
        RESTORATION=curve,
    )
    results = done["results"]
    rows = _csv(nodes)
    assert [row["site_id"] for row in rows] == ["NRO-003"]
    assert set(rows[0]) >= RS_FIELDS
    assert float(rows[0]["rs_start_h"]) == 0.5 and float(rows[0]["rs_done_h"]) == 4.5
    cut = float(rows[0]["rs_prem"])
    assert cut > 0
    table = _csv(curve)
    assert [float(row["rs_damage"]) for row in table] == [cut] * 5 + [0.0]
    assert all(float(row["rs_power"]) == 0 for row in table)
    assert results["PREMISE_HOURS_LOST"] == 5 * cut
    assert results["HOURS_TO_90PCT"] == 5
