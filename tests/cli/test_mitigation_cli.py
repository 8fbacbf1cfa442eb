"""fibreresilience:mitigationplan through the headless runner (qgis_process --json) on the
bundled sample territory: loops for the three NROs (resources/sample/README.md), the
portfolio within the budget, and the bad COSTS refused."""

import csv
import sqlite3

import pytest

MP_FIELDS = {
    "mp_tier",
    "mp_rank",
    "mp_kind",
    "mp_target",
    "mp_cost",
    "mp_prem",
    "mp_eur_prem",
    "mp_eai",
    "mp_prem_h",
    "mp_owner",
    "mp_chosen",
}


def _csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _parameters(delivery, sample_dir):
    with sqlite3.connect(str(sample_dir / "gracethd_v3.gpkg")) as db:
        named = dict(db.execute("SELECT st_nom, st_nd_code FROM t_site").fetchall())
    nros = ", ".join(f"'{named[n]}'" for n in ("NRO-001", "NRO-002", "NRO-003"))
    return {
        "NETWORK": delivery["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "SRLG_FIELD": "gt_routes",
        "ROOTS": f"{delivery['NODES']}|subset=\"gt_code\" = '{named['POP-01']}'",
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": delivery["PREMISES"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": f"{delivery['NODES']}|subset=\"gt_code\" IN ({nros})",
        "SITE_NODE_FIELD": "gt_code",
        "SITE_NAME_FIELD": "gt_code",
        "ROADS": f"{sample_dir / 'territory.gpkg'}|layername=roads",
        "COSTS": "trench_m,100,duct_m,10,bury_m,120",
        "BUDGET": 2000000,
    }, named


def test_sample_plan_as_json(qgis_process, sample_dir, tmp_path, sample_delivery):
    parameters, named = _parameters(sample_delivery, sample_dir)
    actions, plan = tmp_path / "actions.csv", tmp_path / "plan.csv"
    done = qgis_process.run_json(
        "fibreresilience:mitigationplan", ACTIONS=actions, PLAN=plan, **parameters
    )
    results = done["results"]
    rows = _csv(actions)
    assert set(rows[0]) >= MP_FIELDS
    # A segment's loop that runs along the same roads as a site's is one action, named
    # "site + segment": the site's name comes first.
    by_code = {row["mp_target"].split(" + ")[0]: row for row in rows}
    assert by_code[named["NRO-003"]]["mp_tier"] == "collecte"
    assert {row["mp_tier"] for row in rows} == {"collecte", "transport", "distribution"}
    nro3 = by_code[named["NRO-003"]]
    assert float(nro3["mp_prem"]) == 558 and nro3["mp_kind"] == "loop"
    assert float(by_code[named["NRO-001"]]["mp_prem"]) == 2138 + 801 - 324 - 351
    chosen = [row for row in rows if row["mp_chosen"] == "1"]
    assert sum(float(row["mp_cost"]) for row in chosen) == pytest.approx(results["COST"], abs=0.05)
    assert results["COST"] <= 2000000
    steps = _csv(plan)
    assert [row["mp_target"] for row in steps] == [row["mp_target"] for row in chosen]
    assert float(steps[-1]["mp_cum_prem"]) == results["PREMISES_SECURED"]
    # PLAN says the tier of each step, as ACTIONS does
    assert [row["mp_tier"] for row in steps] == [row["mp_tier"] for row in chosen]
    # the method is said: here the exact search, gap 0
    assert any("exact search (scipy milp, HiGHS), gap 0" in x for x in done["log"]["info"])
    # The two south loops secure mostly the same premises: the budget buys only one.
    chosen_sites = {row["mp_target"].split(" + ")[0] for row in chosen}
    assert not {named["NRO-001"], named["NRO-002"]} <= chosen_sites


def test_negative_cost_refused(qgis_process, sample_dir, tmp_path, sample_delivery):
    parameters, _ = _parameters(sample_delivery, sample_dir)
    parameters["COSTS"] = "trench_m,-1,duct_m,10,bury_m,120"
    parameters["ACTIONS"] = tmp_path / "actions.gpkg"
    done = qgis_process(
        "run", "fibreresilience:mitigationplan", "--", *(f"{k}={v}" for k, v in parameters.items())
    )
    assert done.returncode != 0
    assert "trench_m" in done.stdout + done.stderr
    assert not (tmp_path / "actions.gpkg").exists()


def test_costs_left_out_take_the_defaults(qgis_process, sample_dir, tmp_path, sample_delivery):
    # COSTS is optional: qgis_process (QGIS 3.22) refused a run without it ("mandatory
    # parameters were not specified") although the table has defaults. Left out, the run
    # takes the documented defaults and says so; the plan is the one the same table gives.
    parameters, _ = _parameters(sample_delivery, sample_dir)
    given = qgis_process.run_json(
        "fibreresilience:mitigationplan", ACTIONS=tmp_path / "given.csv", **parameters
    )
    del parameters["COSTS"]  # the test's table is the defaults' (trench, duct, bury)
    left_out = qgis_process.run_json(
        "fibreresilience:mitigationplan", ACTIONS=tmp_path / "left_out.csv", **parameters
    )
    assert left_out["results"]["COST"] == given["results"]["COST"] > 0
    assert left_out["results"]["PREMISES_SECURED"] == given["results"]["PREMISES_SECURED"]
    warnings = left_out["log"]["warning"]
    assert any("COSTS not given" in w and "trench_m 100" in w for w in warnings), warnings
    assert not any("COSTS not given" in w for w in given["log"].get("warning", []))
    assert _csv(tmp_path / "left_out.csv") == _csv(tmp_path / "given.csv")
