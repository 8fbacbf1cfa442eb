"""The report's return-period figures on hand-computed summaries (core/report_return_periods)."""

import numpy as np
import pandas as pd
import pytest

from fibre_resilience.core.report_return_periods import (
    FROM_FEATURES,
    FROM_SUMMARY,
    missing_columns,
    recover_tail,
    return_period_figures,
    scenario_table,
)

# Whole network and two NROs: N1 cut 0, 5, 5 and N2 7, 7, 7 at 10, 100, 1000 years.
CUTS = {None: (7, 12, 12), "N1": (0, 5, 5), "N2": (7, 7, 7)}
EAI_NONE = {None: 0.963, "N1": 0.27, "N2": 0.693}


def summary(tail_extra=0.0, lengths=(100, 200, 300), keys=(None, "N1", "N2")):
    rows = []
    for key in keys:
        cut = CUTS[key]
        for code, rp, value in zip(("01For", "02Moy", "04Fai"), (10, 100, 1000), cut):
            length = lengths[[10, 100, 1000].index(rp)] if key is None else 0.0
            rows.append((key, code, float(rp), 1 / rp, float(value), 0.0, float(length)))
        eai = EAI_NONE[key] + tail_extra * cut[-1]
        length = 15.75 + tail_extra * lengths[-1] if key is None else 0.0
        rows.append((key, "expected annual", None, None, eai, 0.0, length))
    # rarest first, as a file may hold them: the report sorts them
    rows.reverse()
    return pd.DataFrame(
        rows, columns=["aggregate", "scenario", "rp", "aep", "prem_cut", "sites_cut", "length_m"]
    )


def test_scenarios_are_the_whole_network_rows_most_frequent_first():
    table = scenario_table(summary())
    assert table["rp"].tolist() == [10, 100, 1000]
    assert table["prem_cut"].tolist() == [7, 12, 12]
    assert table["scenario"].tolist() == ["01For", "02Moy", "04Fai"]


@pytest.mark.parametrize("tail, extra", [("none", 0.0), ("constant", 0.001)])
def test_the_integration_rule_is_recovered_from_the_summary(tail, extra):
    frame = summary(tail_extra=extra)
    figures = return_period_figures(frame)
    assert figures.tail == tail and figures.tail_recovered
    assert figures.expected["premises"] == pytest.approx(0.963 + extra * 12)


def test_a_rule_that_is_neither_is_said():
    frame = summary()
    frame.loc[frame["scenario"] == "expected annual", "prem_cut"] = 5.0  # e.g. a protection
    scenarios = scenario_table(frame)
    _, recovered = recover_tail(scenarios, {"premises": 5.0, "sites": 0.0, "length_m": 15.75})
    assert not recovered


def test_a_summary_by_nro_is_taken_as_it_is_and_communes_are_estimated():
    first = np.array([100.0, 10.0])  # B, C
    figures = return_period_figures(
        summary(),
        nro_names=["N1", "N2"],
        commune_names=["Ouest", "Est"],
        premises_first=first,
        premises_count=np.array([5.0, 7.0]),
        premises_nro=np.array(["N1", "N2"], dtype=object),
        premises_commune=np.array(["Ouest", "Est"], dtype=object),
        lines_first=np.array([1000.0, 100.0, 10.0, np.nan]),
        lines_length=np.array([100.0, 100.0, 100.0, 100.0]),
        lines_commune=np.array(["Ouest", "Ouest", "Est", "Est"], dtype=object),
    )
    assert figures.by_nro.source == FROM_SUMMARY
    nro = figures.by_nro.table
    assert list(nro.index) == ["N2", "N1"]  # highest expected cut first
    assert nro.loc["N1", ["cut_0", "cut_1", "cut_2"]].tolist() == [0, 5, 5]
    assert nro.loc["N1", "eai_premises"] == pytest.approx(0.27)
    assert np.isnan(nro.loc["N1", "eai_length_m"])  # lines not assigned to NROs
    assert figures.by_commune.source == FROM_FEATURES
    commune = figures.by_commune.table
    assert commune.loc["Ouest", "eai_premises"] == pytest.approx(0.27)
    assert commune.loc["Ouest", "eai_length_m"] == pytest.approx(0.09 * 50 + 0.009 * 150)
    assert commune.loc["Est", "eai_length_m"] == pytest.approx(0.099 * 100)
    assert figures.lines_failing == {10.0: 1, 100.0: 1, 1000.0: 1}
    assert figures.by_aggregate is None


def test_the_estimate_of_the_whole_network_equals_the_summary_for_nested_scenarios():
    """Every premises in one group: the estimate from rp_first gives the summary back."""
    figures = return_period_figures(
        summary(keys=(None,)),
        premises_first=np.array([100.0, 10.0]),
        premises_count=np.array([5.0, 7.0]),
        premises_nro=np.array(["all", "all"], dtype=object),
    )
    assert figures.by_nro.source == FROM_FEATURES
    assert figures.by_nro.table.loc["all", "eai_premises"] == pytest.approx(0.963)


def test_aggregates_that_are_neither_nro_nor_commune_get_their_own_table():
    figures = return_period_figures(summary(), nro_names=["X"], commune_names=["Y"])
    assert figures.by_aggregate.source == FROM_SUMMARY
    assert sorted(figures.by_aggregate.table.index) == ["N1", "N2"]
    assert figures.by_nro is None and figures.by_commune is None


def test_missing_columns_are_listed():
    assert missing_columns(["aggregate", "scenario", "RP", "aep"]) == [
        "prem_cut",
        "sites_cut",
        "length_m",
    ]


def test_a_summary_read_from_csv_as_text_gives_the_same_figures():
    frame = summary().astype(object)
    text = frame.apply(lambda column: [("" if v is None or v != v else str(v)) for v in column])
    figures = return_period_figures(text, nro_names=["N1", "N2"])
    assert figures.scenarios["prem_cut"].tolist() == [7, 12, 12]
    assert figures.expected["premises"] == pytest.approx(0.963)
    assert figures.by_nro.table.loc["N2", "eai_premises"] == pytest.approx(0.693)
