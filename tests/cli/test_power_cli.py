"""fibreresilience:powerresilience through the headless runner (qgis_process --json) on the
bundled sample territory and its power.gpkg (resources/sample/README.md): a storm's grid
outage, the 04Fai flood on the roads, one mobile generator."""

import csv

PW_FIELDS = {
    "pw_outage_h",
    "pw_autonomy_h",
    "pw_gen_h",
    "pw_dark_h",
    "pw_prem",
    "pw_prem_h",
    "pw_sens",
    "pw_depot",
}


def _csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _number(text):
    return None if text in ("", None) else float(text)


def test_storm_outage_on_the_sample_as_json(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    power, territory = sample_dir / "power.gpkg", sample_dir / "territory.gpkg"
    sites_out, priority = tmp_path / "sites.csv", tmp_path / "priority.csv"
    done = qgis_process.run_json(
        "fibreresilience:powerresilience",
        NETWORK=sample_delivery["CABLES"],
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
        SENSITIVE_SITES=f"{territory}|layername=sensitive_sites",
        GENERATORS=1,
        GENERATOR_DEPOTS=f"{power}|layername=generator_depots",
        GENERATOR_DEPOT_FIELD="depot_id",
        ROADS=f"{territory}|layername=roads",
        SPEED_PRESET=1,
        DIRECTION_FIELD="oneway",
        BLOCKED=f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
        OUTPUT=sites_out,
        PRIORITY=priority,
    )
    results, log = done["results"], done["log"]
    rows = {row["site_id"]: row for row in _csv(sites_out)}
    assert set(next(iter(rows.values()))) >= PW_FIELDS
    # The README's facts: premises behind each site, from the POP (the only root).
    prem = {site: _number(row["pw_prem"]) for site, row in rows.items()}
    assert prem == {"POP-01": 3497, "NRO-001": 2138, "NRO-002": 801, "NRO-003": 558}
    # The POP's fixed generator (8 h battery + 24 h fuel) outlasts the 24 h valley outage.
    assert _number(rows["POP-01"]["pw_autonomy_h"]) == 32 and rows["POP-01"]["pw_dark_h"] == "0.00"
    # Saved premise-hours: NRO-003 18 h x 558 = 10,044 > NRO-001 4 h x 2,138 > NRO-002.
    assert rows["NRO-003"]["pw_depot"] == "GEN-DEP02"
    assert _number(rows["NRO-003"]["pw_dark_h"]) == 0
    assert _number(rows["NRO-001"]["pw_gen_h"]) is None
    assert _number(rows["NRO-001"]["pw_dark_h"]) == 4  # 8 h south outage, 4 h battery
    assert _number(rows["NRO-002"]["pw_dark_h"]) == 6
    assert results["SITES_DARK"] == 2
    assert results["GENERATORS_USED"] == 1
    # Two separate NRO trees dark: 2,138 x 4 h + 801 x 6 h.
    assert abs(results["PREMISE_HOURS_POWER"] - 13358) < 1e-6
    assert any("GEN-RIVER" in w and "not used" in w for w in log["warning"])
    ranked = [(row["pw_rank"], row["pw_feeder"]) for row in _csv(priority)]
    assert [r for r, _ in ranked] == ["1", "2", "3", "4"]
    assert ranked[0][1] == rows["POP-01"]["feeder"]
