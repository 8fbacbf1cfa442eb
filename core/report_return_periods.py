"""The return-period figures of a resilience report, from the outputs of ``returnperiods``.

The SUMMARY table is the one source of the expected annual figures: its ``expected annual``
rows were integrated by ``returnperiods`` itself, with the run's TAIL and PROTECTION_RP and,
with fragility curves, with expected (probabilistic) impacts. A breakdown the SUMMARY has
(its ``aggregate`` values are the NROs of the premises, or the commune names) is taken from
it as it is. A breakdown it does not have is estimated here from each feature's ``rp_first``:
a premises (a line) is counted as cut (failed) in every scenario from its ``rp_first`` on,
and the per-scenario sums are integrated with the rule that gives back the SUMMARY's own
whole-network expected row from its scenario rows (TAIL ``none`` or ``constant``). The
estimate is exact for hard failures and nested scenarios (each rarer flood covering the more
frequent ones, as TRI maps do); the report says which source each table has.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from .return_periods import TAILS, expected_annual

SUMMARY_COLUMNS = ("aggregate", "scenario", "rp", "aep", "prem_cut", "sites_cut", "length_m")
NUMERIC_COLUMNS = ("rp", "aep", "prem_cut", "sites_cut", "length_m")
EXPECTED_ROW = "expected annual"

# Where a breakdown comes from.
FROM_SUMMARY = "summary"
FROM_FEATURES = "features"


@dataclass
class Breakdown:
    """EAI per group: one ``cut_<i>`` column per scenario (premises cut, in the order of
    ``ReturnPeriodFigures.scenarios``), ``eai_premises`` and ``eai_length_m`` (NaN when the
    source cannot say), indexed by group name (None last: no group)."""

    table: pd.DataFrame
    source: str  # FROM_SUMMARY or FROM_FEATURES


@dataclass
class ReturnPeriodFigures:
    # Whole network, one row per scenario, most frequent first: scenario, rp, aep, prem_cut,
    # sites_cut, length_m (the SUMMARY's rows as they are).
    scenarios: pd.DataFrame
    # The SUMMARY's whole-network expected annual row: premises, sites, length_m.
    expected: Dict[str, float]
    by_nro: Optional[Breakdown] = None
    by_commune: Optional[Breakdown] = None
    by_aggregate: Optional[Breakdown] = None  # the SUMMARY's aggregates, neither NRO nor commune
    tail: str = "none"  # the rule of the estimates
    tail_recovered: bool = True  # False: no rule gives the SUMMARY's expected row back
    lines_failing: Dict[float, int] = field(default_factory=dict)  # rp -> lines first failing


def _numbers(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def _key(value) -> Optional[str]:
    """A group name; None for NULL, NaN and the empty text a CSV summary has for NULL."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return None
    return str(value)


def _rows(summary: pd.DataFrame, aggregate: Optional[str]):
    """The scenario rows and the expected row of one aggregate (None: whole network)."""
    keys = summary["aggregate"].map(_key)
    mine = summary[keys.isna()] if aggregate is None else summary[keys == aggregate]
    expected = mine[mine["scenario"].map(_key) == EXPECTED_ROW]
    rows = mine[(mine["scenario"].map(_key) != EXPECTED_ROW) & (_numbers(mine["rp"]) > 0)]
    return rows, expected


def scenario_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The whole-network scenario rows, most frequent first (the loss-exceedance curve)."""
    rows, _ = _rows(summary, None)
    table = pd.DataFrame(
        {
            "scenario": rows["scenario"].map(_key).to_numpy(dtype=object),
            **{name: _numbers(rows[name]) for name in NUMERIC_COLUMNS},
        }
    )
    return table.sort_values("rp", kind="stable").reset_index(drop=True)


def _expected(expected_rows: pd.DataFrame) -> Dict[str, float]:
    if expected_rows.empty:
        return {"premises": np.nan, "sites": np.nan, "length_m": np.nan}
    row = expected_rows.iloc[0]
    return {
        "premises": float(_numbers([row["prem_cut"]])[0]),
        "sites": float(_numbers([row["sites_cut"]])[0]),
        "length_m": float(_numbers([row["length_m"]])[0]),
    }


def recover_tail(scenarios: pd.DataFrame, expected: Dict[str, float]):
    """The TAIL whose integral of the scenario rows is closest to the expected row, and
    whether it gives it back (to the rounding of the table's fields)."""
    impacts = scenarios[["prem_cut", "sites_cut", "length_m"]].to_numpy(dtype=float)
    target = np.array([expected["premises"], expected["sites"], expected["length_m"]])
    if np.isnan(target).all() or impacts.size == 0:
        return TAILS[0], False
    errors = {}
    for tail in TAILS:
        value = np.asarray(expected_annual(scenarios["rp"].to_numpy(), impacts, tail))
        errors[tail] = float(np.nanmax(np.abs(value - target) / np.maximum(1.0, np.abs(target))))
    best = min(TAILS, key=lambda t: errors[t])
    return best, errors[best] <= 1e-3


def _from_summary(summary: pd.DataFrame, keys: Sequence[str], rps: np.ndarray) -> pd.DataFrame:
    """The SUMMARY's rows per aggregate, in the scenarios' order."""
    records = {}
    lines_assigned = False
    for key in keys:
        rows, expected = _rows(summary, key)
        by_rp = dict(zip(_numbers(rows["rp"]).tolist(), _numbers(rows["prem_cut"]).tolist()))
        values = _expected(expected)
        lengths = _numbers(rows["length_m"])
        lines_assigned = lines_assigned or bool(np.nansum(np.abs(lengths)) > 0)
        records[key] = [by_rp.get(float(rp), np.nan) for rp in rps] + [
            values["premises"],
            values["length_m"],
        ]
    table = pd.DataFrame.from_dict(
        records,
        orient="index",
        columns=[f"cut_{i}" for i in range(len(rps))] + ["eai_premises", "eai_length_m"],
    )
    if not lines_assigned:
        # a SUMMARY broken down by a premises field (PREMISES_GROUP_FIELD) assigns no line
        # to a group: its lengths are 0 by construction, not measured
        table["eai_length_m"] = np.nan
    return table


def _from_features(
    rps: np.ndarray,
    tail: str,
    premises_first: Optional[np.ndarray],
    premises_count: Optional[np.ndarray],
    premises_group: Optional[np.ndarray],
    lines_first: Optional[np.ndarray],
    lines_length: Optional[np.ndarray],
    lines_group: Optional[np.ndarray],
) -> Optional[pd.DataFrame]:
    """Per group, premises cut per scenario and the integrals, from each feature's rp_first."""
    groups: List[object] = []
    for values in (premises_group, lines_group):
        if values is not None:
            groups += [_key(v) for v in values]
    names = sorted({g for g in groups if g is not None}, key=str)
    if not names and not groups:
        return None
    index = {name: i for i, name in enumerate(names)}
    size = len(names) + 1  # the last: no group

    def per_scenario(first, weights, group):
        out = np.zeros((len(rps), size))
        if first is None or group is None:
            return None
        codes = np.array([index.get(_key(g), len(names)) for g in group], dtype=int)
        first = np.asarray(first, dtype=float)
        for i, rp in enumerate(rps):
            hit = ~np.isnan(first) & (first <= rp * (1 + 1e-9))
            out[i] = np.bincount(codes[hit], weights=weights[hit], minlength=size)
        return out

    prem = None
    if premises_first is not None and premises_group is not None:
        counts = (
            np.ones(len(premises_first))
            if premises_count is None
            else np.nan_to_num(np.asarray(premises_count, dtype=float))
        )
        prem = per_scenario(premises_first, counts, premises_group)
    length = None
    if lines_first is not None and lines_group is not None and lines_length is not None:
        length = per_scenario(lines_first, np.nan_to_num(lines_length), lines_group)
    columns = {}
    for i in range(len(rps)):
        columns[f"cut_{i}"] = prem[i] if prem is not None else np.full(size, np.nan)
    columns["eai_premises"] = (
        np.asarray(expected_annual(rps, prem, tail)) if prem is not None else np.full(size, np.nan)
    )
    columns["eai_length_m"] = (
        np.asarray(expected_annual(rps, length, tail))
        if length is not None
        else np.full(size, np.nan)
    )
    table = pd.DataFrame(columns, index=names + [None])
    if table.iloc[-1].fillna(0).eq(0).all():  # nothing outside every group: no such row
        table = table.iloc[:-1]
    return table


def _order(table: pd.DataFrame) -> pd.DataFrame:
    """Highest expected premises cut first; the row without a group last."""
    named = table[[k is not None for k in table.index]]
    unnamed = table[[k is None for k in table.index]]
    named = named.sort_values(
        ["eai_premises", "eai_length_m"], ascending=False, kind="stable", na_position="last"
    )
    return pd.concat([named, unnamed])


def return_period_figures(
    summary: pd.DataFrame,
    *,
    nro_names: Optional[Sequence] = None,
    commune_names: Optional[Sequence] = None,
    premises_first: Optional[np.ndarray] = None,
    premises_count: Optional[np.ndarray] = None,
    premises_nro: Optional[np.ndarray] = None,
    premises_commune: Optional[np.ndarray] = None,
    lines_first: Optional[np.ndarray] = None,
    lines_length: Optional[np.ndarray] = None,
    lines_commune: Optional[np.ndarray] = None,
) -> ReturnPeriodFigures:
    """The section's figures. ``nro_names`` and ``commune_names`` are the groups the report
    knows (the premises' NROs, the COMMUNES' names): a SUMMARY whose aggregates are all among
    them is that breakdown; the other breakdown is estimated from the features."""
    scenarios = scenario_table(summary)
    _, expected_rows = _rows(summary, None)
    expected = _expected(expected_rows)
    tail, recovered = recover_tail(scenarios, expected)
    rps = scenarios["rp"].to_numpy(dtype=float)
    result = ReturnPeriodFigures(scenarios, expected, tail=tail, tail_recovered=recovered)

    aggregates = sorted({k for k in summary["aggregate"].map(_key) if k is not None}, key=str)
    nro_set = {_key(v) for v in (() if nro_names is None else nro_names)} - {None}
    commune_set = {_key(v) for v in (() if commune_names is None else commune_names)} - {None}
    summary_is = None
    if aggregates:
        if nro_set and set(aggregates) <= nro_set:
            summary_is = "nro"
        elif commune_set and set(aggregates) <= commune_set:
            summary_is = "commune"
        else:
            table = _from_summary(summary, aggregates, rps)
            result.by_aggregate = Breakdown(_order(table), FROM_SUMMARY)
    if summary_is == "nro":
        result.by_nro = Breakdown(_order(_from_summary(summary, aggregates, rps)), FROM_SUMMARY)
    elif premises_nro is not None and premises_first is not None:
        table = _from_features(
            rps, tail, premises_first, premises_count, premises_nro, None, None, None
        )
        if table is not None and len(table):
            result.by_nro = Breakdown(_order(table), FROM_FEATURES)
    if summary_is == "commune":
        result.by_commune = Breakdown(_order(_from_summary(summary, aggregates, rps)), FROM_SUMMARY)
    elif premises_commune is not None or lines_commune is not None:
        table = _from_features(
            rps,
            tail,
            premises_first if premises_commune is not None else None,
            premises_count,
            premises_commune,
            lines_first,
            lines_length,
            lines_commune,
        )
        if table is not None and len(table):
            result.by_commune = Breakdown(_order(table), FROM_FEATURES)
    if lines_first is not None:
        first = np.asarray(lines_first, dtype=float)
        for rp in rps:
            result.lines_failing[float(rp)] = int(np.count_nonzero(np.isclose(first, rp)))
    return result


def missing_columns(columns: Sequence[str]) -> List[str]:
    """The SUMMARY columns a table lacks (any case)."""
    have = {c.lower() for c in columns}
    return [c for c in SUMMARY_COLUMNS if c not in have]
