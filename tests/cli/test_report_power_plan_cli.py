"""resiliencereport's power and action-plan sections through the headless runner
(qgis_process --json): powerresilience's OUTPUT on the sample (the storm outage of
test_power_cli.py) as POWER_SITES, a restoration table and a plan as CSV files (numbers read
as text), the délestage list against powerresilience's own PRIORITY ranking."""

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from demo_figures import open_workbook  # noqa: E402


def _csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _sheets(path):
    out = {}
    with open_workbook(path) as dataset:
        for i in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(i)
            out[layer.GetName()] = [feature.items() for feature in layer]
    return out


def test_power_and_plan_sections_as_json(
    qgis_process, sample_dir, tmp_path, sample_delivery, pop_network
):
    power = sample_dir / "power.gpkg"
    sites, priority = tmp_path / "sites.gpkg", tmp_path / "priority.csv"
    qgis_process.run_json(
        "fibreresilience:powerresilience",
        NETWORK=sample_delivery["CABLES"],
        **pop_network,
        SITES=f"{power}|layername=active_sites",
        SITE_NODE_FIELD="nd_code",
        AUTONOMY_FIELD="autonomy_h",
        FEEDER_FIELD="feeder",
        OUTAGES=f"{power}|layername=grid_outage",
        OUTAGE_HOURS_FIELD="hours",
        OUTPUT=sites,
        PRIORITY=priority,
    )
    restoration = _write_csv(
        tmp_path / "restoration.csv",
        ["rs_hour", "rs_out", "rs_power", "rs_damage"],
        [(0, 40, 0, 40), (1, 40, 0, 40), (2, 940, 900, 40), (3, 900, 900, 0), (4, 0, 0, 0)],
    )
    plan = _write_csv(
        tmp_path / "plan.csv",
        ["mp_rank", "mp_kind", "mp_target", "mp_cost", "mp_prem", "mp_cum_cost", "mp_cum_prem"],
        [(1, "loop", "NRO-002", 120000, 801, 120000, 801), (2, "autonomy", "NRO-001", 15000,
                                                            2138, 135000, 2939)],
    )  # fmt: skip
    done = qgis_process.run_json(
        "fibreresilience:resiliencereport",
        POWER_SITES=sites,
        POWER_SITE_NAME_FIELD="site_id",
        RESTORATION=restoration,
        PLAN=plan,
        BUDGET=150000,
        OUTPUT_HTML=tmp_path / "report.html",
        OUTPUT_TABLES=tmp_path / "report.xlsx",
    )
    sheets = _sheets(done["results"]["OUTPUT_TABLES"])
    figures = {r["Figure"]: r["Value"] for r in sheets["Restoration figures"]}
    # 40 + 40 + 940 + 900 premise-hours; the peak 940 at hour 2, all back at hour 4
    assert figures["Premise-hours lost"] == 1920
    assert figures["of which because of power"] == 1800
    assert figures["Hours until 90 % of the peak is back"] == 4
    # the délestage list in the order powerresilience's own PRIORITY table ranks the sites
    ranked = {int(row["pw_rank"]): int(row["pw_fid"]) for row in _csv(priority)}
    names = {row["fid"]: row["site_id"] for row in _sites(power, "active_sites")}  # pw_fid
    expected = [names[ranked[rank]] for rank in sorted(ranked)]
    assert [r["site_id"] for r in sheets["Load-shedding priorities"]] == expected
    plan_figures = {r["Figure"]: r["Value"] for r in sheets["Action plan figures"]}
    assert (
        plan_figures["Premises secured by the plan, once per risk (cable tiers, grid outage)"]
        == 2939
    )
    assert plan_figures["Budget (EUR)"] == 150000
    page = Path(done["results"]["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert 'id="chart-restoration"' in page and 'id="chart-cost_benefit"' in page
    assert 'id="map-power"' in page


def _sites(path, name):
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName(name)
    rows = [dict(feature.items(), fid=feature.GetFID()) for feature in layer]
    del layer, dataset
    return rows
