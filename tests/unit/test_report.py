"""Report figures on hand-computed tables."""

import numpy as np
import pandas as pd
import pytest
import shapely

from fibre_resilience.core.report import (
    ReportInputs,
    assign_areas,
    breakdown,
    frame_columns,
    ranked_assets,
    report_figures,
)
from fibre_resilience.report.document import format_number, format_share


def premises():
    # Six address points; counts 1..6 premises. NULL level and NULL NRO on the last two.
    return pd.DataFrame(
        {
            "count": [1, 2, 3, 4, 5, 6],
            "hz_level": [0, 1, 3, 4, None, 2],
            "hz_failed": [0, 0, 1, 1, None, 0],
            "rd_spof": [1, 0, 1, pd.NA, 1, 0],
            "rd_srlg": [0, 1, 0, pd.NA, 0, 0],
            "im_prem": [0.0, 0.0, 3.0, 4.0, 5.0, 0.0],
            "nro": ["NRO1", "NRO2", "NRO1", "NRO2", None, "NRO1"],
            "commune": ["A", "A", "B", "B", "B", None],
        }
    )


def test_premises_figures_by_level_spof_and_cut():
    figures = report_figures(ReportInputs(premises=premises())).figures
    assert figures["premises_total"] == 21
    assert [figures[f"premises_level{v}"] for v in range(5)] == [1 + 5, 2, 6, 3, 4]
    assert figures["premises_exposed"] == 2 + 3 + 4 + 6
    assert figures["premises_failed"] == 3 + 4
    assert figures["premises_spof"] == 1 + 3 + 5
    assert figures["premises_spof_srlg"] == 1 + 2 + 3 + 5
    assert figures["premises_cut"] == 12


def test_cut_premises_from_flags_when_no_count_of_cut_premises():
    frame = premises().drop(columns=["im_prem"])
    frame["im_cut"] = [0, 1, 0, 0, None, 1]
    frame["im_failed"] = [0, 0, 1, 0, 0, 0]
    assert report_figures(ReportInputs(premises=frame)).figures["premises_cut"] == 2 + 3 + 6


def test_breakdown_by_nro_keeps_premises_without_nro_last():
    table = breakdown(premises(), "nro")
    assert list(table.index) == ["NRO1", "NRO2", None]
    assert table.loc["NRO1"].tolist() == [10, 3 + 6, 3, 1 + 3, 3, pytest.approx(0.3)]
    assert table.loc["NRO2"].tolist() == [6, 2 + 4, 4, 0, 4, pytest.approx(4 / 6)]
    assert table["premises"].sum() == 21
    assert breakdown(premises(), "missing") is None


def test_sites_routes_nodes_and_targets():
    inputs = ReportInputs(
        sites=pd.DataFrame({"rd_divers": [0, 0, 1, 2, None]}),
        routes=pd.DataFrame(
            {
                "length_m": [1000.0, 500.0, 250.0],
                "hz_level": [0, 2, 4],
                "hz_length": [0.0, 120.0, 250.0],
                "hz_failed": [0, 0, 1],
            }
        ),
        nodes=pd.DataFrame({"hz_level": [0, 1, None], "hz_failed": [0, 1, 0]}),
        targets=pd.DataFrame({"ac_reach": [1, 1, 0, 1], "ac_delay": [2.0, 10.0, None, None]}),
    )
    f = report_figures(inputs).figures
    assert (f["sites_div0"], f["sites_div1"], f["sites_div2"], f["sites_unattached"]) == (
        2,
        1,
        1,
        1,
    )
    assert f["routes_km"] == pytest.approx(1.75)
    assert (f["routes_km_level2"], f["routes_km_level4"]) == (pytest.approx(0.12), 0.25)
    assert (f["routes_exposed"], f["routes_failed"]) == (2, 1)
    assert (f["nodes_total"], f["nodes_exposed"], f["nodes_failed"]) == (3, 1, 1)
    assert (f["targets_unreachable"], f["delay_mean"], f["delay_worst"]) == (1, 6.0, 10.0)
    assert "premises_total" not in f


def test_no_reached_target_gives_no_delay():
    f = report_figures(
        ReportInputs(targets=pd.DataFrame({"ac_reach": [0, 0], "ac_delay": [None, None]}))
    ).figures
    assert f["targets_unreachable"] == 2 and f["delay_mean"] is None


def test_ranked_assets_in_rank_order_with_their_contributions():
    routes = pd.DataFrame(
        {
            "code": ["a", "b", "c", "d"],
            "sc_score": [10.0, 90.0, None, 50.0],
            "sc_rank": [3, 1, None, 2],
            "sc_class": ["low", "high", None, "medium"],
            "sc_hz_level": [5.0, 60.0, None, 30.0],
            "sc_length": [5.0, 30.0, None, 20.0],
        }
    )
    table, criteria = ranked_assets(routes, top=2)
    assert table["code"].tolist() == ["b", "d"]
    assert criteria == ["sc_hz_level", "sc_length"]
    assert ranked_assets(routes.drop(columns=["sc_rank"]), 5) == (None, [])


def test_points_take_the_first_area_that_covers_them():
    areas = shapely.box([0, 10, 0], [0, 0, 0], [10, 20, 20], [10, 10, 10])  # A, B, C over both
    points = shapely.points([[5, 5], [15, 5], [10, 5], [50, 50]])
    names = assign_areas(points, areas, np.array(["A", "B", "C"], dtype=object))
    assert names.tolist() == ["A", "B", "A", None]
    assert assign_areas(points[:0], areas, np.array(["A", "B", "C"])).size == 0


@pytest.mark.parametrize(
    "value, decimals, language, text",
    [
        (1234567.891, 0, "en", "1,234,568"),
        (1234567.891, 2, "fr", "1\u202f234\u202f567,89"),
        (0.5, 1, "fr", "0,5"),
        (None, 0, "fr", ""),
        (float("nan"), 1, "en", ""),
    ],
)
def test_numbers_are_written_the_way_the_language_writes_them(value, decimals, language, text):
    assert format_number(value, decimals, language) == text


def test_shares_are_percentages():
    assert format_share(0.125, "fr") == "12,5\u00a0%"
    assert format_share(1, "en") == "100.0\u00a0%"


def test_sensitive_sites_that_lose_service_come_first():
    frame = pd.DataFrame(
        {
            "name": ["Mairie A", "EHPAD", "Mairie B", "SDIS", "Hôpital"],
            "im_failed": [0, 1, 0, None, None],
            "im_cut": [0, 1, 1, 0, None],
        }
    )
    result = report_figures(ReportInputs(sensitive=frame))
    assert result.sensitive.values.tolist() == [
        ["EHPAD", "failed"],
        ["Mairie B", "cut"],
        ["Hôpital", "unattached"],  # too far from the network: not said to be served
        ["Mairie A", "served"],
        ["SDIS", "served"],
    ]
    assert (result.figures["sensitive_total"], result.figures["sensitive_out"]) == (5, 2)


def tiers_table():
    # OUTPUT_TIERS of two NROs (N2 a root: collecte not analysed) and premises of no NRO.
    return pd.DataFrame(
        {
            "rd_nro": ["N1", "N1", "N1", "N2", "N2", "N2", None],
            "rd_tier": ["collecte", "transport", "distribution"] * 2 + [None],
            "rd_max_pr": [30.0, 12.0, 4.0, None, 9.0, 5.0, 2.0],
            "rd_where": ["CB1", "node S1", "CB7", None, "CB9", "CB8", "node X"],
            "rd_spof_n": [1, 2, 9, 0, 1, 4, 2],
            "rd_prem": [30.0, 30.0, 30.0, 40.0, 40.0, 40.0, 2.0],
        }
    )


def test_tier_figures_replace_the_single_point_of_failure_breakdown():
    result = report_figures(ReportInputs(premises=premises(), tiers=tiers_table()))
    figures = result.figures
    assert figures["nros_total"] == 2
    assert figures["tier_max_collecte"] == 30  # N2's collecte is not analysed
    assert figures["tier_max_transport"] == 12
    assert figures["tier_max_distribution"] == 5
    assert figures["nros_cut_whole"] == 1  # N1: one collecte failure cuts its 30
    assert "spof" not in result.by_nro.columns  # the per-tier table says it instead
    table = result.by_tier
    assert table.index.tolist() == ["N2", "N1", None]  # most premises first; no NRO last
    assert table.loc["N1", ["collecte", "transport", "distribution"]].tolist() == [30, 12, 4]
    assert table.loc["N1", "transport_where"] == "node S1"
    assert np.isnan(table.loc["N2", "collecte"]) and table.loc["N2", "collecte_where"] is None
    assert table["premises"].tolist() == [40, 30, 2]


def test_tier_figures_when_no_collecte_is_analysed():
    frame = tiers_table()
    frame.loc[0, "rd_max_pr"] = None
    figures = report_figures(ReportInputs(tiers=frame)).figures
    assert figures["tier_max_collecte"] is None
    assert figures["nros_cut_whole"] is None


# Every output field of DESIGN.md, the columns the algorithm adds (count, nro, commune, name,
# length_m), criteria's contributions and fields of the user's: listed here, not taken from
# FRAME_COLUMNS, so that a column the figures read and FRAME_COLUMNS lacks fails the test
EVERY_FIELD = (
    "count nro commune name length_m rp_first rp_last "
    "hz_level hz_class hz_value hz_length hz_area hz_share hz_failed "
    "rd_bridge rd_prem rd_sites rd_srlg rd_srlg_pr rd_paths rd_divers rd_spof rd_spof_n "
    "rd_tier rd_nro rd_where rd_max_pr im_failed im_cut im_prem "
    "ac_depot ac_t0_min ac_t1_min ac_delay ac_reach ac_km ac_snap_m "
    "sc_score sc_rank sc_class sc_hz_level sc_hz_length tp_degree tp_comp "
    "gt_code gt_nro gt_prem gt_role HZ_LEVEL hz_levels Count NRO nro_code name2 commune_id"
).split()


TEXT_FIELDS = ("nro", "commune", "name", "rd_nro", "rd_where", "gt_code", "sc_class", "gt_role")


def _frame_of_every_field(rng, rows):
    columns = {}
    for name in EVERY_FIELD:
        if name in TEXT_FIELDS:
            columns[name] = rng.choice(["A", "B", "C", None], rows)
        elif name == "rd_tier":
            columns[name] = rng.choice(["collecte", "transport", "distribution", None], rows)
        else:
            values = rng.integers(0, 5, rows).astype(float)
            values[rng.random(rows) < 0.1] = np.nan
            columns[name] = values
    columns["sc_rank"] = rng.permutation(rows).astype(float) + 1
    return pd.DataFrame(columns)


def test_the_figures_read_no_column_beyond_frame_columns():
    """Issue 17: the report reads only frame_columns() of a layer (a regional layer's other
    fields cost tens of seconds to convert); the figures and tables are the same as from
    every field."""
    rng = np.random.default_rng(17)
    frames = {key: _frame_of_every_field(rng, 200) for key in ReportInputs.__dataclass_fields__}

    def restricted(frame):
        return frame[frame_columns(list(frame.columns), extra=("gt_code",))]

    for tiers in (True, False):  # the tiers replace the single-point-of-failure figures
        given = {k: f for k, f in frames.items() if tiers or k != "tiers"}
        every = report_figures(ReportInputs(**given), top=20)
        read = report_figures(ReportInputs(**{k: restricted(f) for k, f in given.items()}), top=20)
        assert every.figures == read.figures
        assert every.criteria == read.criteria == ["sc_hz_level", "sc_hz_length"]
        for name in ("by_nro", "by_commune", "sensitive", "by_tier"):
            if getattr(every, name) is None:
                assert getattr(read, name) is None
            else:
                pd.testing.assert_frame_equal(getattr(every, name), getattr(read, name))
        pd.testing.assert_frame_equal(every.ranked[read.ranked.columns], read.ranked)
    routes = restricted(frames["routes"]).columns
    assert "HZ_LEVEL" not in routes and "gt_nro" not in routes and "gt_code" in routes
