"""Several return periods: when each line first fails, and the expected annual impact.

A scenario is one hazard map with its return period RP (years); its annual exceedance
probability is p = 1 / RP. For each scenario the lines' intensities (water depth, wind
gust…) give each line a failure probability, either hard (1 when its highest intensity
reaches ``fail_value``, else 0) or from a fragility curve per laying mode (probability of
failure per km as a function of the intensity, linear between the given points, 0 below the
first, the last value above the last):

    P(line fails) = 1 - prod over its pieces of (1 - f(intensity of the piece)) ** (km of the piece)

so a curve that jumps from 0 to 1 at ``fail_value`` gives back the hard case exactly.

The graph is built once. A node is cut in a scenario when it reached a root before and no
longer does. Lines that surely fail (probability 1) are removed; when every line of
probability strictly between 0 and 1 is then a bridge between the node and all the roots,
P(node cut) is exact:

    P(node cut) = 1 - prod over those bridges b on its way to the roots of (1 - P(b fails))

Otherwise it is estimated from ``draws`` seeded random draws (the standard error is given).

The expected annual impact (EAI) integrates an impact D over p, trapezoids between
scenarios (see :func:`expected_annual`).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import graph
from .errors import InputError
from .monitor import as_monitor
from .raster_sampling import at_precision

# TRI (Directive inondation) scenarios, with the lower bound of the return periods of the
# national mapping guidance: frequent 10-30 years, medium 100-300 years, extreme about
# 1,000 years or more. 03Mcc (medium with climate change) has no return period of its own:
# give one to use it.
TRI_RETURN_PERIODS = {"01For": 10.0, "02Moy": 100.0, "04Fai": 1000.0}
TAILS = ("none", "constant")
DEFAULT_DRAWS = 500
_SEED = 20261203


@dataclass
class Scenario:
    """One hazard scenario: its return period and the lines' intensities, piece by piece
    (a line's stretch at one intensity: a raster cell, or its part inside a zone)."""

    return_period: float
    label: str
    piece_line: np.ndarray  # line index of each piece
    piece_length: np.ndarray  # metres
    piece_value: np.ndarray  # intensity of the piece (NaN: nodata, ignored)
    # the raster's cell type: FAIL_VALUE, curves and level thresholds are compared with its
    # values at its own precision (raster_sampling.at_precision); None for zones
    value_dtype: Optional[np.dtype] = None


@dataclass
class FragilityCurve:
    intensity: np.ndarray
    probability_per_km: np.ndarray

    def __call__(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=float)
        out = np.interp(values, self.intensity, self.probability_per_km)
        out[values < self.intensity[0]] = 0.0
        out[np.isnan(values)] = 0.0
        return out


@dataclass
class ReturnPeriodResult:
    lines: pd.DataFrame  # rp_first, rp_aep, rp_levels, rp_eal_m (+ p per scenario)
    premises: pd.DataFrame  # rp_first, rp_aep
    sites: pd.DataFrame  # rp_first, rp_aep
    summary: pd.DataFrame  # one row per (aggregate, scenario) and per aggregate "expected"
    totals: dict
    warnings: List[str] = field(default_factory=list)


# ---------------------------------------------------------------- parameters


def parse_return_periods(text: str, codes: Optional[Sequence[str]] = None) -> Dict[str, float]:
    """``10;100;1000`` (one per raster, in order) or ``01For=10;02Moy=100`` pairs.

    Without text and with scenario ``codes``, the TRI defaults for the codes it knows.
    Returns label -> years, in the order given.
    """
    text = (text or "").strip()
    if not text:
        if codes is None:
            raise InputError("RETURN_PERIODS: give one return period (years) per scenario.")
        known = {c: TRI_RETURN_PERIODS[c] for c in codes if c in TRI_RETURN_PERIODS}
        if not known:
            raise InputError(
                "RETURN_PERIODS: the scenarios ({}) are not TRI codes (01For, 02Moy, 04Fai): "
                "give code=years pairs.".format(", ".join(map(str, codes)))
            )
        return known
    out: Dict[str, float] = {}
    for i, item in enumerate(p.strip() for p in text.replace(",", ";").split(";")):
        if not item:
            continue
        label, sep, years = item.partition("=")
        if not sep:
            label, years = str(i + 1), item
        try:
            value = float(years)
        except ValueError:
            raise InputError(f"RETURN_PERIODS: '{item}' is not a number of years.") from None
        if not np.isfinite(value) or value <= 1.0:
            raise InputError(
                f"RETURN_PERIODS: '{item}': a return period is a number of years above 1."
            )
        label = label.strip()
        if label in out:
            raise InputError(f"RETURN_PERIODS: '{label}' is given twice.")
        out[label] = value
    if len(set(out.values())) < len(out):
        raise InputError("RETURN_PERIODS: two scenarios have the same return period.")
    return out


def parse_fragility(text: str) -> Dict[str, FragilityCurve]:
    """``AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01`` (``|`` or new lines
    between laying modes, ``*`` for every other mode): intensity=probability per km."""
    curves: Dict[str, FragilityCurve] = {}
    for raw in (text or "").replace("\n", "|").split("|"):
        raw = raw.strip()
        if not raw:
            continue
        mode, sep, pairs = raw.partition(":")
        mode = mode.strip().upper()
        if not sep or not mode:
            raise InputError(
                f"FRAGILITY: '{raw}' should read MODE: intensity=probability; … "
                "(e.g. AERIEN: 20=0.001; 40=0.05)."
            )
        xs, ys = [], []
        for pair in pairs.replace(",", ";").split(";"):
            if not pair.strip():
                continue
            x, eq, y = pair.partition("=")
            try:
                xs.append(float(x))
                ys.append(float(y))
            except ValueError:
                raise InputError(f"FRAGILITY {mode}: '{pair.strip()}' is not x=p.") from None
            if not eq:
                raise InputError(f"FRAGILITY {mode}: '{pair.strip()}' is not x=p.")
        if not xs:
            raise InputError(f"FRAGILITY {mode}: no intensity=probability pair.")
        intensity, per_km = np.array(xs), np.array(ys)
        if np.any(np.diff(intensity) <= 0) or not np.all(np.isfinite(intensity)):
            raise InputError(f"FRAGILITY {mode}: the intensities must increase.")
        if np.any((per_km < 0) | (per_km > 1)) or not np.all(np.isfinite(per_km)):
            raise InputError(f"FRAGILITY {mode}: probabilities lie between 0 and 1.")
        if mode in curves:
            raise InputError(f"FRAGILITY: laying mode {mode} is given twice.")
        curves[mode] = FragilityCurve(intensity, per_km)
    return curves


# ---------------------------------------------------------------- the integral


def expected_annual(
    return_periods,
    impacts,
    tail: str = "none",
    protection_rp: Optional[float] = None,
):
    """The expected annual value of ``impacts`` (one row per scenario, any columns).

    Scenarios sorted by p = 1/RP; between two of them the impact is linear in p (trapezoid).
    Beyond the rarest: nothing (``tail='none'``) or its impact held down to p = 0
    (``'constant'``). More frequent than the most frequent: nothing, unless
    ``protection_rp`` says the network is only protected up to that return period (its
    impact is then held from there); a protection above the most frequent scenario removes
    the part of the curve more frequent than it.

    Worked example: RP 10, 100, 1000 cutting 0, 500, 2000 premises: (0.1 - 0.01) x (0 + 500)
    / 2 + (0.01 - 0.001) x (500 + 2000) / 2 = 22.5 + 11.25 = 33.75 premises a year;
    ``tail='constant'`` adds 0.001 x 2000 = 2.
    """
    if tail not in TAILS:
        raise InputError(f"TAIL must be one of {', '.join(TAILS)}.")
    rp = np.asarray(return_periods, dtype=float)
    values = np.asarray(impacts, dtype=float)
    if values.shape[0] != rp.size:
        raise InputError("One impact per scenario is needed.")
    if rp.size == 0:
        return np.zeros(values.shape[1:]) if values.ndim > 1 else 0.0
    order = np.argsort(rp)
    p = 1.0 / rp[order]  # decreasing
    d = np.nan_to_num(values[order])
    top = p[0] if protection_rp is None else 1.0 / float(protection_rp)
    total = np.zeros(d.shape[1:])
    for i in range(p.size - 1):
        a, b = p[i + 1], min(p[i], top)
        if b <= a:
            continue
        da = d[i + 1]
        db = da + (d[i] - da) * (b - a) / (p[i] - a)
        total = total + (b - a) * (da + db) / 2.0
    if tail == "constant":
        total = total + min(p[-1], top) * d[-1]
    if top > p[0]:
        total = total + (top - p[0]) * d[0]
    return total if np.ndim(total) else float(total)


# ---------------------------------------------------------------- failures


def line_failure_probability(
    scenario: Scenario,
    n_lines: int,
    fail_value: Optional[float] = None,
    curves: Optional[Dict[str, FragilityCurve]] = None,
    laying: Optional[Sequence] = None,
) -> np.ndarray:
    """P(line fails) in one scenario: hard (``fail_value``) or from ``curves`` by ``laying``."""
    line = np.asarray(scenario.piece_line, dtype=np.int64)
    value = np.asarray(scenario.piece_value, dtype=float)
    length = np.asarray(scenario.piece_length, dtype=float)
    valid = ~np.isnan(value) & (line >= 0)
    line, value, length = line[valid], value[valid], length[valid]
    precision = scenario.value_dtype
    if curves is None:
        if fail_value is None:
            raise InputError("Give FAIL_VALUE or a FRAGILITY curve.")
        failed = np.zeros(n_lines, dtype=bool)
        failed[line[value >= at_precision(fail_value, precision)]] = True
        return failed.astype(float)
    curves = {
        mode: FragilityCurve(at_precision(c.intensity, precision), c.probability_per_km)
        for mode, c in curves.items()
    }
    modes = _modes(laying, n_lines)
    per_km = np.zeros(value.size)
    for mode, curve in curves.items():
        if mode == "*":
            continue
        hit = modes[line] == mode
        per_km[hit] = curve(value[hit])
    if "*" in curves:
        rest = ~np.isin(modes[line], [m for m in curves if m != "*"])
        per_km[rest] = curves["*"](value[rest])
    # log of survival, piece by piece; a sure failure (1) stays sure whatever its length
    sure = (per_km >= 1.0) & (length > 0)
    log_survive = np.where(sure, 0.0, np.log1p(-np.minimum(per_km, 1.0 - 1e-16)) * length / 1000)
    total = np.bincount(line, weights=log_survive, minlength=n_lines)
    probability = -np.expm1(total)
    probability[np.bincount(line, weights=sure, minlength=n_lines) > 0] = 1.0
    return np.clip(probability, 0.0, 1.0)


def uncovered_modes(curves: Dict[str, FragilityCurve], laying, n_lines: int) -> List[str]:
    """Laying modes of lines that no curve covers (they never fail): for a warning."""
    if "*" in curves:
        return []
    modes = _modes(laying, n_lines)
    return sorted(set(modes.tolist()) - set(curves))


def _modes(laying, n_lines: int) -> np.ndarray:
    if laying is None:
        return np.full(n_lines, "", dtype=object)
    return np.array(["" if v is None else str(v).strip().upper() for v in laying], dtype=object)


def spread_over_groups(model, p_line: np.ndarray) -> np.ndarray:
    """A shared-risk group fails whole: each line takes the highest failure probability of
    the members of any group it belongs to (a flooded duct fails every cable in it)."""
    if model.srlg_line.size == 0:
        return p_line
    groups = int(model.srlg_group.max()) + 1
    group_p = np.zeros(groups)
    np.maximum.at(group_p, model.srlg_group, p_line[model.srlg_line])
    out = p_line.copy()
    np.maximum.at(out, model.srlg_line, group_p[model.srlg_group])
    return out


def node_cut_probability(
    model, p_line: np.ndarray, draws: int = DEFAULT_DRAWS, seed: int = _SEED
) -> Tuple[np.ndarray, Optional[float]]:
    """P(cut) per node for independent line failures; (probabilities, standard error of
    the premises estimate when sampled, else None)."""
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    roots = model.root_nodes
    before = _reached(n, u, v, roots)
    p = np.asarray(p_line, dtype=float)[ids]
    sure = p >= 1.0
    unsure = (p > 0.0) & ~sure
    keep = ~sure
    if not unsure.any():
        after = _reached(n, u[keep], v[keep], roots)
        return (before & ~after).astype(float), None
    cu, cv = u[keep], v[keep]
    cuts = graph.rooted_cuts(n, cu, cv, roots)
    # lines off every root's side after the sure failures, and loops on one node, change
    # nothing: their nodes are cut (or not) whatever they do
    live = (cuts.tree.pre[cuts.u] >= 0) & (cuts.u != cuts.v)
    kept_unsure = unsure[keep] & live
    if not kept_unsure.any():
        after = _reached(n, cu, cv, roots)
        return (before & ~after).astype(float), None
    if np.all(cuts.bridge[kept_unsure]):
        return _exact_cut(n, cuts, before, p[keep], kept_unsure), None
    return _sampled_cut(n, cu, cv, roots, before, p[keep], kept_unsure, draws, seed, model)


def _exact_cut(n, cuts, before, p, unsure):
    """Every uncertain line is a bridge to the roots: survival is the product of (1 - p)
    over the bridges above the node in the DFS tree from the merged roots."""
    tree = cuts.tree
    size = tree.pre.size
    child_of_edge = np.full(cuts.u.size, -1, dtype=np.int64)
    reached = np.flatnonzero(tree.pre >= 0)
    reached = reached[reached != cuts.super_root]
    child_of_edge[tree.parent_edge[reached]] = reached
    edges = np.flatnonzero(unsure)
    child = child_of_edge[edges]
    add = np.zeros(size + 1)
    np.add.at(add, tree.pre[child], np.log1p(-p[edges]))
    np.add.at(add, tree.end[child], -np.log1p(-p[edges]))
    log_survive = np.cumsum(add)[:size]
    merged = cuts.merged[:n]
    pre = tree.pre[merged]
    survive = np.where(pre >= 0, np.exp(log_survive[np.maximum(pre, 0)]), 0.0)
    return np.where(before, 1.0 - survive, 0.0)


def _sampled_cut(n, u, v, roots, before, p, unsure, draws, seed, model):
    rng = np.random.default_rng(seed)
    idx = np.flatnonzero(unsure)
    cut_sum = np.zeros(n)
    weights = np.bincount(
        model.premises.node[model.premises.node >= 0],
        weights=model.premises_count[model.premises.node >= 0],
        minlength=n,
    )
    per_draw = np.zeros(draws)
    for k in range(draws):
        fails = np.zeros(u.size, dtype=bool)
        fails[idx[rng.random(idx.size) < p[idx]]] = True
        after = _reached(n, u[~fails], v[~fails], roots)
        cut = before & ~after
        cut_sum += cut
        per_draw[k] = weights[cut].sum()
    error = float(per_draw.std(ddof=1) / np.sqrt(draws)) if draws > 1 else float("nan")
    return cut_sum / draws, error


def _reached(n, u, v, roots):
    s = n
    label = graph.components(
        n + 1, np.concatenate([u, np.full(roots.size, s)]), np.concatenate([v, roots])
    )
    return (label == label[s])[:n]


# ---------------------------------------------------------------- the analysis


def analyse_return_periods(
    model,
    scenarios: Sequence[Scenario],
    line_length: np.ndarray,
    fail_value: Optional[float] = None,
    curves: Optional[Dict[str, FragilityCurve]] = None,
    laying=None,
    level_thresholds: Sequence[float] = (0.01, 0.5, 1.0, 2.0),
    tail: str = "none",
    protection_rp: Optional[float] = None,
    first_probability: float = 0.5,
    draws: int = DEFAULT_DRAWS,
    premises_aggregate=None,
    sites_aggregate=None,
    lines_aggregate=None,
    progress=None,
    is_cancelled=None,
) -> ReturnPeriodResult:
    """Every scenario on one graph: per line, premises and site the first return period at
    which it fails or is cut (probability >= ``first_probability``), per line its levels
    and expected annual exposed length, and the expected annual impact (see the module)."""
    monitor = as_monitor(progress, is_cancelled)
    if not scenarios:
        raise InputError("Give at least one scenario.")
    scenarios = sorted(scenarios, key=lambda s: s.return_period)
    rps = np.array([s.return_period for s in scenarios])
    if np.unique(rps).size < rps.size:
        raise InputError("Two scenarios have the same return period.")
    m = model.network.u.size
    n = model.network.n_nodes
    thresholds = np.asarray(level_thresholds, dtype=float)
    length = np.asarray(line_length, dtype=float)
    k = len(scenarios)
    p_line = np.zeros((k, m))
    exposed = np.zeros((k, m))
    levels = np.zeros((k, m), dtype=np.int64)
    p_node = np.zeros((k, n))
    warnings: List[str] = []
    for i, scenario in enumerate(scenarios):
        monitor.slice(i / k, (i + 1) / k).report(0.0)
        p_line[i] = spread_over_groups(
            model, line_failure_probability(scenario, m, fail_value, curves, laying)
        )
        values = np.asarray(scenario.piece_value, dtype=float)
        lines = np.asarray(scenario.piece_line, dtype=np.int64)
        ok = ~np.isnan(values) & (lines >= 0)
        at_scenario = at_precision(thresholds, scenario.value_dtype)
        piece_level = np.searchsorted(at_scenario, values[ok], side="right")
        np.maximum.at(levels[i], lines[ok], piece_level)
        wet = piece_level >= 1
        exposed[i] = np.bincount(
            lines[ok][wet], weights=np.asarray(scenario.piece_length)[ok][wet], minlength=m
        )
        p_node[i], error = node_cut_probability(model, p_line[i], draws)
        if error is not None:
            warnings.append(
                f"RP {scenario.return_period:g}: lines with a failure probability lie on "
                f"loops; premises cut estimated from {draws} draws (standard error "
                f"{error:.3g})."
            )
    monitor.check()

    prem_node = model.premises.node
    counts = model.premises_count
    p_prem = _at_nodes(p_node, prem_node)
    p_site = _at_nodes(p_node, model.sites.node)
    labels = [s.label for s in scenarios]

    line_frame = pd.DataFrame(
        {
            "rp_first": _first(p_line, rps, first_probability),
            "rp_levels": levels_text(rps, levels),
            "rp_eal_m": expected_annual(rps, exposed, tail, protection_rp),
        }
    )
    line_frame.insert(1, "rp_aep", 1.0 / line_frame["rp_first"])
    premises = _first_frame(p_prem, rps, first_probability)
    sites = _first_frame(p_site, rps, first_probability)

    prem_cut = p_prem * counts[None, :]
    length_failed = p_line * length[None, :]
    summary = _summary(
        rps,
        labels,
        prem_cut,
        p_site,
        length_failed,
        tail,
        protection_rp,
        premises_aggregate,
        sites_aggregate,
        lines_aggregate,
    )
    per_scenario = prem_cut.sum(axis=1)
    totals = {
        "eai_premises": float(expected_annual(rps, per_scenario, tail, protection_rp)),
        "eai_length_m": float(expected_annual(rps, length_failed.sum(axis=1), tail, protection_rp)),
        "premises_cut": dict(zip(labels, per_scenario.tolist())),
    }
    falling = [
        f"{labels[i + 1]} (RP {rps[i + 1]:g}) cuts {per_scenario[i + 1]:g} premises, fewer "
        f"than {labels[i]} (RP {rps[i]:g}: {per_scenario[i]:g})"
        for i in range(k - 1)
        if per_scenario[i + 1] < per_scenario[i] - 1e-9
    ]
    if falling:
        warnings.append(
            "A rarer scenario cuts fewer premises than a more frequent one, which usually "
            "means mislabelled return periods: " + "; ".join(falling) + "."
        )
    monitor.report(1.0)
    return ReturnPeriodResult(line_frame, premises, sites, summary, totals, warnings)


def levels_text(rps: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Per line, its level in each scenario as text, "10:0;100:2;1000:4" (``levels``: one row
    per scenario, one column per line). Lines share a few combinations of levels (at most
    5 ** scenarios): each combination is written once, then given to its lines, instead of
    formatting a text per line (seconds on a regional network)."""
    if levels.shape[1] == 0:
        return np.array([], dtype=object)
    levels = np.asarray(levels, dtype=np.int64)
    base = int(levels.max()) + 1
    if base ** levels.shape[0] < 2**62:  # one number per combination (a row per scenario)
        code = np.zeros(levels.shape[1], dtype=np.int64)
        for row in levels:
            code = code * base + row
        _, first, which = np.unique(code, return_index=True, return_inverse=True)
    else:  # too many scenarios and levels for one number: rows compared whole (slower)
        _, first, which = np.unique(levels.T, axis=0, return_index=True, return_inverse=True)
        which = np.ravel(which)
    texts = [";".join(f"{rp:g}:{lv}" for rp, lv in zip(rps, levels[:, j])) for j in first]
    return np.array(texts, dtype=object)[which]


def _at_nodes(p_node, nodes):
    nodes = np.asarray(nodes, dtype=np.int64)
    out = np.zeros((p_node.shape[0], nodes.size))
    on = nodes >= 0
    out[:, on] = p_node[:, nodes[on]]
    return out


def _first(probability, rps, threshold) -> np.ndarray:
    """The smallest return period at which the probability reaches ``threshold`` (NaN: never)."""
    hit = probability >= threshold - 1e-12
    first = np.where(hit.any(axis=0), rps[np.argmax(hit, axis=0)], np.nan)
    return first


def _first_frame(probability, rps, threshold) -> pd.DataFrame:
    first = _first(probability, rps, threshold)
    return pd.DataFrame({"rp_first": first, "rp_aep": 1.0 / first})


def _summary(
    rps,
    labels,
    prem_cut,
    p_site,
    length_failed,
    tail,
    protection_rp,
    premises_aggregate,
    sites_aggregate,
    lines_aggregate,
) -> pd.DataFrame:
    """Rows per (aggregate, scenario) and an ``expected annual`` row per aggregate; the
    whole network is aggregate None."""
    aggregates = (premises_aggregate, sites_aggregate, lines_aggregate)
    keys = sorted(
        {a for agg in aggregates if agg is not None for a in agg if a is not None}, key=str
    )
    index = {key: i for i, key in enumerate(keys)}

    def by_key(values, agg):
        """(scenarios, keys) sums of ``values`` per aggregate key, in one pass (bincount);
        NaN where these features are not assigned to aggregates at all (lines, when the
        summary is by a field of the premises): unknown, not zero."""
        if agg is None:
            return np.full((values.shape[0], len(keys)), np.nan)
        out = np.zeros((values.shape[0], len(keys)))
        if not keys:
            return out
        code = np.array([index.get(a, -1) if a is not None else -1 for a in agg])
        on = code >= 0
        for i in range(values.shape[0]):
            out[i] = np.bincount(code[on], weights=values[i, on], minlength=len(keys))
        return out

    sums = [by_key(v, agg) for v, agg in zip((prem_cut, p_site, length_failed), aggregates)]
    groups: Dict[object, tuple] = {
        None: tuple(v.sum(axis=1) for v in (prem_cut, p_site, length_failed))
    }
    for key, j in index.items():
        groups[key] = tuple(s[:, j] for s in sums)
    rows = []
    for key, (premises, sites, length) in groups.items():
        for i, label in enumerate(labels):
            rows.append((key, label, rps[i], 1.0 / rps[i], premises[i], sites[i], length[i]))
        rows.append(
            (
                key,
                "expected annual",
                np.nan,
                np.nan,
                *(
                    expected_annual(rps, v, tail, protection_rp) if np.isfinite(v).any() else np.nan
                    for v in (premises, sites, length)
                ),
            )
        )
    return pd.DataFrame(
        rows,
        columns=["aggregate", "scenario", "rp", "aep", "prem_cut", "sites_cut", "length_m"],
    )


def zone_pieces(lines: np.ndarray, zones: np.ndarray, values: np.ndarray):
    """(piece_line, piece_length, piece_value) of ``lines`` inside polygon ``zones`` of one
    scenario: each stretch counted once, at the highest value of the zones over it.

    Lines and zones are shapely arrays in one projected CRS (metres); None is skipped. The
    length inside the zones of each value or more comes from the exposure core (exact, no
    length counted twice where zones overlap), one pass per distinct value.
    """
    from .exposure import HazardZones, exposure

    lines = np.asarray(lines, dtype=object)
    zones = np.asarray(zones, dtype=object)
    values = np.asarray(values, dtype=float)
    keep = ~np.isnan(values)
    zones, values = zones[keep], values[keep]
    out_line: List[np.ndarray] = []
    out_length: List[np.ndarray] = []
    out_value: List[np.ndarray] = []
    inside_above = np.zeros(lines.size)  # length inside the zones of a higher value
    for value in np.unique(values)[::-1]:
        at = values >= value
        inside = exposure(lines, HazardZones(zones[at], np.ones(int(at.sum()), np.int64))).length
        inside = np.nan_to_num(inside)
        band = inside - inside_above
        hit = np.flatnonzero(band > 1e-9)
        out_line.append(hit)
        out_length.append(band[hit])
        out_value.append(np.full(hit.size, value))
        inside_above = np.maximum(inside, inside_above)
    if not out_line:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    return (
        np.concatenate(out_line).astype(np.int64),
        np.concatenate(out_length),
        np.concatenate(out_value),
    )
