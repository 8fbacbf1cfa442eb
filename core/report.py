"""The figures of a resilience report, counted from the attribute tables of a run.

Each table is a DataFrame of one layer's attributes (the algorithms' output fields, DESIGN.md)
plus, for premises, a ``count`` column (premises per point) and the ``nro`` and ``commune``
they belong to. Figures are keyed by stable names; the caller labels and formats them.
"""

import json
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import pandas as pd
import shapely

from .errors import InputError

LEVELS = (0, 1, 2, 3, 4)
DIVERSITY = (0, 1, 2)
# Score fields that are not a criterion's contribution.
SCORE_FIELDS = ("sc_score", "sc_rank", "sc_class")
# Every column the figures read from the frames of ReportInputs (exact names), and the prefix
# of the criteria's contributions: a layer's other fields need not be read at all.
FRAME_COLUMNS = frozenset(
    {
        "count", "nro", "commune", "name", "length_m", "rp_first",
        "hz_level", "hz_failed", "hz_length",
        "rd_spof", "rd_srlg", "rd_divers", "rd_tier", "rd_nro", "rd_where", "rd_max_pr", "rd_prem",
        "im_prem", "im_cut", "im_failed", "ac_reach", "ac_delay",
    }
    | set(SCORE_FIELDS)
)  # fmt: skip
CRITERION_PREFIX = "sc_"


def frame_columns(names, extra=()) -> List[str]:
    """The columns of ``names`` (a layer's fields, in order) the figures read, with ``extra``
    (fields named by parameters: an identifier shown in a table)."""
    wanted = set(extra)
    return [n for n in names if n in FRAME_COLUMNS or n.startswith(CRITERION_PREFIX) or n in wanted]


@dataclass
class ReportInputs:
    premises: Optional[pd.DataFrame] = None  # count, hz_level, hz_failed, rd_spof, im_*, ...
    sites: Optional[pd.DataFrame] = None  # rd_divers
    routes: Optional[pd.DataFrame] = None  # length_m, hz_level, hz_length, hz_failed, sc_*
    nodes: Optional[pd.DataFrame] = None  # hz_level, hz_failed
    targets: Optional[pd.DataFrame] = None  # ac_reach, ac_delay
    sensitive: Optional[pd.DataFrame] = None  # name, im_failed, im_cut (and any other field)
    tiers: Optional[pd.DataFrame] = None  # rd_nro, rd_tier, rd_max_pr, rd_where, rd_prem


@dataclass
class ReportFigures:
    """Key figures (name -> number or None when the layer needed was not given) and tables."""

    figures: Dict[str, Optional[float]] = field(default_factory=dict)
    by_nro: Optional[pd.DataFrame] = None
    by_commune: Optional[pd.DataFrame] = None
    ranked: Optional[pd.DataFrame] = None
    sensitive: Optional[pd.DataFrame] = None  # name, status: "failed", "cut" or "served"
    criteria: List[str] = field(default_factory=list)  # contribution columns of ``ranked``
    by_tier: Optional[pd.DataFrame] = None  # per NRO: premises, <tier> and <tier>_where


def _numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column as floats, NaN for NULL or a missing column."""
    if name not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _flag(frame: pd.DataFrame, name: str) -> np.ndarray:
    return np.nan_to_num(_numbers(frame, name)) > 0


def premises_cut(frame: pd.DataFrame) -> np.ndarray:
    """Premises cut off per point: ``im_prem`` when given, else its count when cut or failed."""
    if "im_prem" in frame.columns:
        return np.nan_to_num(_numbers(frame, "im_prem"))
    cut = _flag(frame, "im_cut") | _flag(frame, "im_failed")
    return np.where(cut, _counts(frame), 0.0)


def _counts(frame: pd.DataFrame) -> np.ndarray:
    return (
        np.nan_to_num(_numbers(frame, "count")) if "count" in frame.columns else np.ones(len(frame))
    )


def _premises_figures(frame: pd.DataFrame) -> Dict[str, Optional[float]]:
    counts = _counts(frame)
    out: Dict[str, Optional[float]] = {"premises_total": float(counts.sum())}
    has = frame.columns
    if "hz_level" in has:
        level = np.nan_to_num(_numbers(frame, "hz_level")).astype(int)
        for value in LEVELS:
            out[f"premises_level{value}"] = float(counts[level == value].sum())
        out["premises_exposed"] = float(counts[level >= 1].sum())
    if "hz_failed" in has:
        out["premises_failed"] = float(counts[_flag(frame, "hz_failed")].sum())
    if "rd_spof" in has:
        out["premises_spof"] = float(counts[_flag(frame, "rd_spof")].sum())
        spof_or_srlg = _flag(frame, "rd_spof") | _flag(frame, "rd_srlg")
        out["premises_spof_srlg"] = float(counts[spof_or_srlg].sum())
    if {"im_prem", "im_cut", "im_failed"} & set(has):
        out["premises_cut"] = float(premises_cut(frame).sum())
    return out


def _sites_figures(frame: pd.DataFrame) -> Dict[str, Optional[float]]:
    divers = _numbers(frame, "rd_divers")
    out: Dict[str, Optional[float]] = {"sites_total": float(len(frame))}
    for value in DIVERSITY:
        out[f"sites_div{value}"] = float((divers == value).sum())
    out["sites_unattached"] = float(np.isnan(divers).sum())
    return out


def _routes_figures(frame: pd.DataFrame) -> Dict[str, Optional[float]]:
    out: Dict[str, Optional[float]] = {"routes_total": float(len(frame))}
    if "length_m" in frame.columns:
        out["routes_km"] = float(np.nansum(_numbers(frame, "length_m"))) / 1000.0
    if "hz_level" in frame.columns:
        level = np.nan_to_num(_numbers(frame, "hz_level")).astype(int)
        exposed_m = np.nan_to_num(_numbers(frame, "hz_length"))
        for value in LEVELS[1:]:
            out[f"routes_km_level{value}"] = float(exposed_m[level == value].sum()) / 1000.0
        out["routes_exposed"] = float((level >= 1).sum())
    if "hz_failed" in frame.columns:
        out["routes_failed"] = float(_flag(frame, "hz_failed").sum())
    return out


def _nodes_figures(frame: pd.DataFrame) -> Dict[str, Optional[float]]:
    level = np.nan_to_num(_numbers(frame, "hz_level")).astype(int)
    return {
        "nodes_total": float(len(frame)),
        "nodes_exposed": float((level >= 1).sum()),
        "nodes_failed": float(_flag(frame, "hz_failed").sum()),
    }


def _targets_figures(frame: pd.DataFrame) -> Dict[str, Optional[float]]:
    reach = _numbers(frame, "ac_reach")
    delay = _numbers(frame, "ac_delay")
    reached_delay = delay[(reach == 1) & ~np.isnan(delay)]
    return {
        "targets_total": float(len(frame)),
        "targets_unreachable": float((reach == 0).sum()),
        "delay_mean": float(reached_delay.mean()) if reached_delay.size else None,
        "delay_worst": float(reached_delay.max()) if reached_delay.size else None,
    }


def sensitive_status(frame: pd.DataFrame) -> pd.DataFrame:
    """Each sensitive site (town hall, care home…) and its status in the scenario, the sites
    that lose service first: ``failed`` (its own point fails), ``cut``, ``served``, or
    ``unattached`` (no ``im_*`` value: too far from the network to say)."""
    failed = _flag(frame, "im_failed")
    cut = _flag(frame, "im_cut") & ~failed
    unknown = np.isnan(_numbers(frame, "im_failed")) & np.isnan(_numbers(frame, "im_cut"))
    status = np.where(
        failed, "failed", np.where(cut, "cut", np.where(unknown, "unattached", "served"))
    )
    names = frame["name"] if "name" in frame.columns else pd.Series(frame.index.astype(str))
    table = pd.DataFrame({"name": names.to_numpy(dtype=object), "status": status})
    order = {"failed": 0, "cut": 1, "unattached": 2, "served": 3}
    return table.sort_values(
        by="status", key=lambda column: column.map(order), kind="stable"
    ).reset_index(drop=True)


def breakdown(frame: pd.DataFrame, key: str) -> Optional[pd.DataFrame]:
    """Premises figures per value of ``key`` (e.g. ``nro``, ``commune``), biggest first.

    Premises with no value are grouped under ``None``, last, so nothing is dropped.
    """
    if key not in frame.columns:
        return None
    counts = _counts(frame)
    columns = {"premises": counts}
    if "hz_level" in frame.columns:
        columns["exposed"] = np.where(np.nan_to_num(_numbers(frame, "hz_level")) >= 1, counts, 0)
    if "hz_failed" in frame.columns:
        columns["failed"] = np.where(_flag(frame, "hz_failed"), counts, 0.0)
    if "rd_spof" in frame.columns:
        columns["spof"] = np.where(_flag(frame, "rd_spof"), counts, 0.0)
    if {"im_prem", "im_cut", "im_failed"} & set(frame.columns):
        columns["cut"] = premises_cut(frame)
    codes, names = pd.factorize(frame[key].to_numpy(dtype=object), sort=False)
    groups = np.where(codes < 0, len(names), codes)  # no value: one group of its own, last
    size = len(names) + 1
    table = pd.DataFrame(
        {
            name: np.bincount(groups, weights=values, minlength=size)
            for name, values in columns.items()
        },
        index=list(names) + [None],
    )
    if "cut" in table.columns:
        premises = table["premises"].to_numpy()
        table["cut_share"] = np.divide(
            table["cut"].to_numpy(), premises, out=np.zeros(len(table)), where=premises > 0
        )
    ordered = table.iloc[:-1].sort_values("premises", ascending=False, kind="stable")
    table = pd.concat([ordered, table.iloc[-1:]]) if (codes < 0).any() else ordered
    table.index.name = key
    return table


def ranked_assets(frame: pd.DataFrame, top: int):
    """The ``top`` best-ranked assets (``sc_rank`` 1 first) and their contribution columns."""
    if "sc_rank" not in frame.columns:
        return None, []
    criteria = [
        name
        for name in frame.columns
        if name.startswith(CRITERION_PREFIX) and name not in SCORE_FIELDS
    ]
    rank = _numbers(frame, "sc_rank")
    order = np.argsort(np.where(np.isnan(rank), np.inf, rank), kind="stable")
    order = order[~np.isnan(rank[order])][: max(int(top), 0)]
    return frame.iloc[order].reset_index(drop=True), criteria


def assign_areas(points: np.ndarray, areas: np.ndarray, names: np.ndarray) -> np.ndarray:
    """Per point, the name of the first area that covers it (None outside every area)."""
    out = np.full(len(points), None, dtype=object)
    if len(points) == 0 or len(areas) == 0:
        return out
    tree = shapely.STRtree(areas)
    point_index, area_index = tree.query(points, predicate="intersects")
    # Several areas on a boundary: keep the first in layer order, as a join would.
    order = np.lexsort((area_index, point_index))
    point_index, area_index = point_index[order], area_index[order]
    first = np.ones(point_index.size, dtype=bool)
    first[1:] = point_index[1:] != point_index[:-1]
    out[point_index[first]] = np.asarray(names, dtype=object)[area_index[first]]
    return out


TIERS = ("collecte", "transport", "distribution")


def _objects(frame: pd.DataFrame, name: str) -> np.ndarray:
    """A column as Python objects, None for NULL or a missing column."""
    if name not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    values = frame[name].to_numpy(dtype=object)
    cleaned = [None if v is None or v != v or v == "" else v for v in values.tolist()]
    return np.array(cleaned, dtype=object)


def tier_figures(frame: pd.DataFrame):
    """Figures and the per-NRO table from Redundancy gaps' OUTPUT_TIERS.

    Per tier: the most premises of one NRO a single failure of that tier cuts (rows with no
    value, not analysed, are left out; None when none is analysed); the NROs that a single
    collecte failure cuts off whole. The row without an NRO (premises that no single NRO
    serves) counts too and comes last in the table.
    """
    tier = _objects(frame, "rd_tier")
    nro = _objects(frame, "rd_nro")
    where = _objects(frame, "rd_where")
    cut = _numbers(frame, "rd_max_pr")
    prem = _numbers(frame, "rd_prem")
    named = np.array([n is not None for n in nro.tolist()], dtype=bool)
    out: Dict[str, Optional[float]] = {"nros_total": float(len(set(nro[named].tolist())))}
    for name in TIERS:
        values = cut[(tier == name) & ~np.isnan(cut)]
        out[f"tier_max_{name}"] = float(values.max()) if values.size else None
    collecte = (tier == "collecte") & named & ~np.isnan(cut)
    whole = collecte & (prem > 0) & (cut >= prem)
    out["nros_cut_whole"] = float(whole.sum()) if collecte.any() else None

    codes, names = pd.factorize(pd.Series(nro, dtype=object), sort=False)
    size = len(names) + 1
    groups = np.where(codes < 0, len(names), codes)  # no NRO: one group of its own, last
    premises = np.zeros(size)
    np.maximum.at(premises, groups, np.nan_to_num(prem))  # the same on every row of an NRO
    columns = {"premises": premises}
    for name in TIERS:
        value = np.full(size, np.nan)
        place = np.full(size, None, dtype=object)
        rows = np.flatnonzero(tier == name)
        value[groups[rows]] = cut[rows]
        place[groups[rows]] = where[rows]
        columns[name] = value
        columns[f"{name}_where"] = place
    table = pd.DataFrame(columns, index=list(names) + [None])
    present = np.bincount(groups, minlength=size) > 0
    ordered = table.iloc[:-1][present[:-1]].sort_values("premises", ascending=False, kind="stable")
    table = pd.concat([ordered, table.iloc[-1:]]) if present[-1] else ordered
    table.index.name = "nro"
    return out, table


def report_figures(inputs: ReportInputs, top: int = 50) -> ReportFigures:
    """Every figure of the report from whichever layers were given."""
    figures: Dict[str, Optional[float]] = {}
    result = ReportFigures(figures)
    if inputs.premises is not None:
        figures.update(_premises_figures(inputs.premises))
        result.by_nro = breakdown(inputs.premises, "nro")
        result.by_commune = breakdown(inputs.premises, "commune")
    if inputs.sites is not None:
        figures.update(_sites_figures(inputs.sites))
    if inputs.routes is not None:
        figures.update(_routes_figures(inputs.routes))
        result.ranked, result.criteria = ranked_assets(inputs.routes, top)
    if inputs.nodes is not None:
        figures.update(_nodes_figures(inputs.nodes))
    if inputs.targets is not None:
        figures.update(_targets_figures(inputs.targets))
    if inputs.sensitive is not None:
        result.sensitive = sensitive_status(inputs.sensitive)
        status = result.sensitive["status"]
        figures["sensitive_total"] = float(len(status))
        figures["sensitive_out"] = float(status.isin(["failed", "cut"]).sum())
    if inputs.tiers is not None:
        # Per tier instead of "behind a single point of failure" (nearly every premises is).
        tier_values, result.by_tier = tier_figures(inputs.tiers)
        figures.update(tier_values)
        if result.by_nro is not None and "spof" in result.by_nro.columns:
            result.by_nro = result.by_nro.drop(columns="spof")
    return result


def parse_run_parameters(text: str):
    """The run's parameters as (key, value) pairs: a JSON object or ``key=value`` lines."""
    text = (text or "").strip()
    if not text:
        return []
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError as error:
            raise InputError(
                f"RUN_PARAMETERS starts like a JSON object but is not one ({error}): give a "
                "JSON object or key=value lines."
            ) from None
        if isinstance(parsed, dict):
            return [
                (str(k), json.dumps(v) if not isinstance(v, str) else v) for k, v in parsed.items()
            ]
    pairs = []
    for line in text.splitlines():
        if line.strip():
            key, _, value = line.partition("=")
            pairs.append((key.strip(), value.strip()))
    return pairs
