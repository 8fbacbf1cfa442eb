"""Power resilience: which active sites go dark when the grid fails, and for how long.

Every time is in hours from the start of the grid outage, which begins everywhere at once.

- The grid outage is either one duration for every site (no zones), or outage zones with
  their durations: a point in no zone has no outage, a point in several takes the longest.
  A site's outage is the outage where it stands or, when it names a feeding substation and
  that is longer, the outage where the substation stands: a substation's outage darkens its
  sites wherever they are.
- Its autonomy is its battery (hours) plus, with a fixed generator on site, its fuel hours.
- A mobile generator sent to it arrives after the road travel from the nearest usable depot
  (the hazard-condition time of ``core.access.crew_access``) plus the set-up time; it stays
  until the outage ends (refuelled there). Generators form one pool held at the depots:
  each one leaves from the depot nearest to its site, all at the start. When the depots
  say how many generators each holds (``generator_counts``), those counts replace the
  pool: each generator leaves from its own depot, and a depot sends no more than it holds.
- The site is dark from the end of its autonomy to the earlier of the outage's end and a
  generator's arrival: ``dark = max(0, min(outage, arrival) - autonomy)``; a site no
  generator reaches waits for the outage's end.
- Allocation, greedy: each generator in turn goes to the site where it saves the most
  premise-hours (the premises that depend on the site x the dark hours it avoids); ties go
  to more sensitive sites behind, then more dark hours avoided, then the first in the layer.
  A site gets at most one generator, and only when it avoids some dark hours. With counts
  per depot the choice is of a site and a depot that still holds a generator: each
  generator in turn goes where it saves the most premise-hours from the depot it leaves,
  the same ties, then the earlier arrival, then the first depot in the layer.
- Premises that depend on a site: every path from them to a root runs through the site's
  node (dominators from all roots at once, as in ``core.redundancy``), its own premises
  included; premises reaching no root are out already and never counted.
- The total premise-hours lost counts each premises once, hour by hour: a premises is
  without service while the dark sites, removed from the network together, leave it no path
  to a lit root (two dark sites in series count once; two redundant ones both dark count).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd
import shapely

from . import graph
from .access import (
    crew_access,
    depot_target_minutes,
    flooded_depots,
    hazard_intervals,
    snap_to_roads,
)
from .errors import InputError
from .monitor import as_monitor
from .network import attach_points, normalise_ids

TRUE_TEXT = {"1", "true", "t", "yes", "y", "oui", "o", "vrai"}
FALSE_TEXT = {"0", "false", "f", "no", "n", "non", "faux", ""}


class RefusedValueError(InputError):
    """A field value the analysis cannot use: ``kind`` is 'text' (not a number of hours or
    infinite), 'negative', 'null' (no value and no default) or 'flag' (not 0/1); ``fid``
    and ``value`` are those of the first such feature, ``count`` how many there are."""

    def __init__(self, message, kind, fid, value, count):
        super().__init__(message)
        self.kind, self.fid, self.value, self.count = kind, fid, value, count


@dataclass
class HoursCheck:
    """Hours per feature with the NULLs replaced by a default; ``defaulted`` marks them."""

    hours: np.ndarray
    defaulted: np.ndarray


def check_hours(values, what: str, fids: Sequence[int], default: Optional[float] = None):
    """Hours from a field: negative, infinite or non-numeric values are refused by feature.

    NULL and NaN take ``default``; with no default they are refused too. ``what`` names the
    field and layer in messages (e.g. 'field "autonomy" of layer "sites"').
    """
    raw = pd.Series(np.asarray(values, dtype=object))
    numbers = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    missing = raw.isna().to_numpy() | (pd.isna(numbers) & raw.map(_is_nan).to_numpy())
    ids = np.asarray(fids)
    bad = ~missing & ~np.isfinite(numbers)  # text or infinite
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise RefusedValueError(
            f"{what}: feature {ids[i]} has {raw[i]!r}, not a number of hours "
            f"({int(bad.sum())} such features).",
            "text",
            ids[i],
            raw[i],
            int(bad.sum()),
        )
    negative = ~missing & (numbers < 0)
    if negative.any():
        i = int(np.flatnonzero(negative)[0])
        raise RefusedValueError(
            f"{what}: feature {ids[i]} has {numbers[i]:g} hours; hours cannot be negative "
            f"({int(negative.sum())} such features).",
            "negative",
            ids[i],
            numbers[i],
            int(negative.sum()),
        )
    if missing.any() and default is None:
        i = int(np.flatnonzero(missing)[0])
        raise RefusedValueError(
            f"{what}: feature {ids[i]} has no value (NULL) and no default is given "
            f"({int(missing.sum())} such features).",
            "null",
            ids[i],
            None,
            int(missing.sum()),
        )
    hours = np.where(missing, np.nan if default is None else float(default), numbers)
    return HoursCheck(hours, missing)


def _is_nan(value) -> bool:
    return isinstance(value, float) and value != value


def generator_flags(values, what: str, fids: Sequence[int]) -> np.ndarray:
    """0/1 (or yes/no, true/false, oui/non) per site; NULL is 0; anything else refused."""
    out = np.zeros(len(values), dtype=bool)
    ids = np.asarray(fids)
    for i, value in enumerate(np.asarray(values, dtype=object).tolist()):
        if value is None or _is_nan(value):
            continue
        if isinstance(value, (bool, np.bool_)):
            out[i] = bool(value)
            continue
        if isinstance(value, (int, float, np.integer, np.floating)):
            out[i] = value != 0
            continue
        text = str(value).strip().lower()
        if text in TRUE_TEXT:
            out[i] = True
        elif text not in FALSE_TEXT:
            raise RefusedValueError(
                f"{what}: feature {ids[i]} has {value!r}; use 1 (a fixed generator) or 0.",
                "flag",
                ids[i],
                value,
                1,
            )
    return out


def check_counts(values, what: str, fids: Sequence[int]) -> np.ndarray:
    """Whole numbers of generators per depot (0 allowed); NULL, NaN, text, infinite,
    negative and fractional values are refused, naming the first such feature."""
    raw = pd.Series(np.asarray(values, dtype=object))
    numbers = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ids = np.asarray(fids)
    checks = (
        ("null", ~np.isfinite(numbers) & (raw.isna().to_numpy() | raw.map(_is_nan).to_numpy())),
        ("text", ~np.isfinite(numbers)),
        ("negative", numbers < 0),
        ("fraction", numbers != np.round(numbers)),
    )
    for kind, bad in checks:
        bad = np.asarray(bad, dtype=bool)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise RefusedValueError(
                f"{what}: feature {ids[i]} has {raw[i]!r}; a number of generators must be a "
                f"whole number, 0 or more ({int(bad.sum())} such features).",
                kind,
                ids[i],
                raw[i],
                int(bad.sum()),
            )
    return numbers.astype(np.int64)


def longest_zone(points, zones, hours) -> np.ndarray:
    """Per point, the longest duration of the zones containing it (boundary included); 0
    outside every zone or without a geometry. Zones with NaN hours are skipped."""
    pts = np.asarray(points, dtype=object)
    out = np.zeros(pts.size)
    if pts.size == 0 or zones is None or len(zones) == 0:
        return out
    polys = np.asarray(zones, dtype=object)
    hours = np.asarray(hours, dtype=float)
    ok = ~(shapely.is_missing(polys) | shapely.is_empty(polys)) & np.isfinite(hours)
    if not ok.any():
        return out
    polys, hours = shapely.make_valid(polys[ok]), hours[ok]
    present = np.flatnonzero(~(shapely.is_missing(pts) | shapely.is_empty(pts)))
    tree = shapely.STRtree(polys)
    pi, zi = tree.query(pts[present], predicate="intersects")
    graph.reduce_into(np.maximum, out, present[pi], hours[zi])
    return out


@dataclass
class Outage:
    """Per site: outage hours and where they came from; per substation: its hours."""

    hours: np.ndarray
    zone_hours: np.ndarray
    substation: np.ndarray  # index of the feeding substation, -1 for none
    substation_hours: np.ndarray  # per substation
    unknown_feeder: np.ndarray  # sites naming a feeder that is no substation


def site_outages(
    sites,
    zones=None,
    zone_hours=None,
    default_hours: Optional[float] = 0.0,
    substations=None,
    substation_ids=None,
    feeders=None,
) -> Outage:
    """The grid outage of every site (hours): see the module's description.

    Without ``zones`` every site and substation has ``default_hours``; with them, the
    longest zone containing the point (0 outside every zone).
    """
    sites = np.asarray(sites, dtype=object)

    def outage_at(points):
        if zones is None:
            return np.full(len(points), float(default_hours or 0.0))
        return longest_zone(points, zones, zone_hours)

    zone = outage_at(sites)
    hours = zone.copy()
    feeding = np.full(sites.size, -1, np.int64)
    unknown = np.zeros(sites.size, dtype=bool)
    sub_hours = np.zeros(0)
    if substations is not None and feeders is not None:
        sub_hours = outage_at(np.asarray(substations, dtype=object))
        names = normalise_ids(substation_ids)
        wanted = normalise_ids(feeders)
        index = pd.Index(names)
        if not index.is_unique:
            dup = index[index.duplicated()][0]
            raise InputError(f"Two substations share the id {dup!r}: a feeder must name one.")
        named = pd.notna(wanted)
        found = np.full(sites.size, -1, np.int64)
        found[named] = index.get_indexer(wanted[named])
        feeding = found
        unknown = named & (found < 0)
        fed = feeding >= 0
        hours[fed] = np.maximum(hours[fed], sub_hours[feeding[fed]])
    return Outage(hours, zone, feeding, sub_hours, unknown)


def dark_hours(autonomy, outage, arrival=None) -> np.ndarray:
    """Hours without power: from the end of autonomy to the earlier of the outage's end and
    a generator's arrival (NaN arrival: none comes); 0 if never."""
    autonomy = np.asarray(autonomy, dtype=float)
    outage = np.asarray(outage, dtype=float)
    end = outage.copy()
    if arrival is not None:
        arrival = np.asarray(arrival, dtype=float)
        come = np.isfinite(arrival)
        end[come] = np.minimum(outage[come], arrival[come])
    return np.maximum(end - autonomy, 0.0)


def allocate_generators(autonomy, outage, arrival, premises, sensitive, count: int) -> np.ndarray:
    """Which sites get one of ``count`` mobile generators (bool per site).

    Greedy: each generator in turn goes to the site where it saves the most premise-hours
    (premises x dark hours avoided), ties to more sensitive sites, then more hours avoided,
    then the first site. Arrival times do not depend on the order (every generator leaves
    at the start from its nearest depot), so the greedy order is one sort.
    """
    n = np.asarray(outage).size
    chosen = np.zeros(n, dtype=bool)
    if count <= 0 or n == 0:
        return chosen
    without = dark_hours(autonomy, outage)
    saved = without - dark_hours(autonomy, outage, arrival)
    candidate = np.isfinite(np.asarray(arrival, dtype=float)) & (saved > 1e-12)
    prem = np.nan_to_num(np.asarray(premises, dtype=float))
    sens = np.nan_to_num(np.asarray(sensitive, dtype=float))
    score = prem * saved
    order = np.lexsort((np.arange(n), -saved, -sens, -score))
    order = order[candidate[order]]
    chosen[order[: int(count)]] = True
    return chosen


def allocate_from_depots(autonomy, outage, arrival, stock, premises, sensitive):
    """Which depot sends a generator to which site, with ``stock[d]`` generators at depot
    ``d`` and ``arrival[d, s]`` the hours a generator from ``d`` needs to be running at
    ``s`` (NaN: none comes). Returns per site the depot (-1: none) and the arrival hours.

    Greedy (see the module): each generator in turn goes to the (site, depot with a
    generator left) pair that saves the most premise-hours; ties to more sensitive sites,
    more hours avoided, the first site, the earlier arrival, then the first depot.
    """
    arrival = np.asarray(arrival, dtype=float)
    n_depots, n = arrival.shape if arrival.ndim == 2 else (0, np.asarray(outage).size)
    depot = np.full(n, -1, np.int64)
    when = np.full(n, np.nan)
    left = np.asarray(stock, dtype=np.int64).copy()
    if n == 0 or n_depots == 0 or left.sum() <= 0:
        return depot, when
    autonomy = np.asarray(autonomy, dtype=float)
    outage = np.asarray(outage, dtype=float)
    without = dark_hours(autonomy, outage)
    come = np.isfinite(arrival)
    end = np.where(come, np.minimum(outage[None, :], np.where(come, arrival, 0.0)), outage)
    saved = without[None, :] - np.maximum(end - autonomy[None, :], 0.0)
    saved = np.where(come & (saved > 1e-12), saved, -np.inf)
    prem = np.nan_to_num(np.asarray(premises, dtype=float))
    sens = np.nan_to_num(np.asarray(sensitive, dtype=float))
    score = prem[None, :] * np.where(np.isfinite(saved), saved, 0.0)
    score = np.where(np.isfinite(saved), score, -np.inf)
    # One order of every (depot, site) pair; the loop takes the first pair still open.
    d_idx, s_idx = np.meshgrid(np.arange(n_depots), np.arange(n), indexing="ij")
    keys = (
        d_idx.ravel(),
        np.where(come, arrival, np.inf).ravel(),
        s_idx.ravel(),
        -saved.ravel(),
        -np.broadcast_to(sens[None, :], saved.shape).ravel(),
        -score.ravel(),
    )
    order = np.lexsort(keys)
    order = order[np.isfinite(saved.ravel()[order])]
    served = np.zeros(n, dtype=bool)
    for k in order.tolist():
        d, s = divmod(k, n)
        if served[s] or left[d] <= 0:
            continue
        served[s] = True
        left[d] -= 1
        depot[s], when[s] = d, arrival[d, s]
        if left.sum() == 0:
            break
    return depot, when


@dataclass
class Dependants:
    """Per site: premises and sensitive sites whose every path to a root runs through it
    (NaN for a site not attached to the network), and the dominator tree."""

    premises: np.ndarray
    sensitive: np.ndarray
    dom: object


def site_dependants(model, sensitive_nodes=None) -> Dependants:
    """What depends on each site of ``model``: dominators from all roots (own node included)."""
    net = model.network
    n = net.n_nodes
    _, u, v = net.edges()
    dom = graph.dominator_tree(n, u, v, model.root_nodes)
    pnode = model.premises.node
    ok = pnode >= 0
    prem_w = np.bincount(pnode[ok], weights=np.asarray(model.premises_count)[ok], minlength=n)
    prem = graph.dominated_totals(dom, prem_w)
    sens = np.zeros(n + 1)
    if sensitive_nodes is not None:
        s = np.asarray(sensitive_nodes, dtype=np.int64)
        sens = graph.dominated_totals(dom, np.bincount(s[s >= 0], minlength=n))
    node = model.sites.node
    attached = node >= 0
    at = np.maximum(node, 0)
    return Dependants(
        premises=np.where(attached, prem[at], np.nan),
        sensitive=np.where(attached, sens[at], np.nan),
        dom=dom,
    )


def premises_without_service(model, dark_nodes) -> float:
    """Premises (counts) that reach a root on the whole network and none once the
    ``dark_nodes`` are removed (premises on a dark node included)."""
    net = model.network
    n = net.n_nodes
    _, u, v = net.edges()
    counts = np.asarray(model.premises_count, dtype=float)
    pnode = model.premises.node
    ok = pnode >= 0
    roots = model.root_nodes
    before = _reached(n, u, v, roots)
    dark = np.zeros(n, dtype=bool)
    dark[np.asarray(list(dark_nodes), dtype=np.int64)] = True
    keep = ~(dark[u] | dark[v])
    after = _reached(n, u[keep], v[keep], roots[~dark[roots]]) & ~dark
    lost = before & ~after
    return float(counts[ok][lost[pnode[ok]]].sum())


def _reached(n, u, v, roots) -> np.ndarray:
    """Nodes connected to one of ``roots``."""
    if np.asarray(roots).size == 0:
        return np.zeros(n, dtype=bool)
    uu = np.concatenate([u, np.full(roots.size, n)])
    vv = np.concatenate([v, roots])
    label = graph.components(n + 1, uu, vv)
    return (label == label[n])[:n]


def premise_hours(model, start, end, monitor=None) -> float:
    """Premise-hours without service, hour by hour, each premises once (see the module).

    Site ``i`` (attached, node ``model.sites.node[i]``) is dark on [start[i], end[i]); the
    dark set changes only at these times, so each span between two of them is one
    connectivity question (the same dark set is asked once).
    """
    monitor = monitor or as_monitor()
    node = model.sites.node
    start = np.asarray(start, dtype=float)
    end = np.asarray(end, dtype=float)
    dark = (node >= 0) & (end > start)
    if not dark.any():
        return 0.0
    node, start, end = node[dark], start[dark], end[dark]
    times = np.unique(np.concatenate([start, end]))
    cache: Dict[frozenset, float] = {}
    total = 0.0
    for k, (a, b) in enumerate(zip(times[:-1], times[1:])):
        mid = (a + b) / 2
        nodes = frozenset(node[(start <= mid) & (mid < end)].tolist())
        if nodes:
            if nodes not in cache:
                cache[nodes] = premises_without_service(model, nodes)
            total += cache[nodes] * (b - a)
        monitor.report((k + 1) / max(times.size - 1, 1))
    return total


@dataclass
class Travel:
    """Mobile generator travel: per site the depot (-1 none) and hours; per depot flags."""

    depot: np.ndarray
    hours: np.ndarray
    depot_flooded: np.ndarray
    depot_snapped: np.ndarray
    depot_snap_m: np.ndarray
    site_snapped: np.ndarray
    counts: Dict[str, float] = field(default_factory=dict)
    by_depot: Optional[np.ndarray] = None  # hours from each depot to each site (counts given)


def generator_travel(
    roads,
    depots,
    sites,
    blocked=None,
    raster=None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    max_snap: float = 500.0,
    depot_names: Optional[Sequence] = None,
    raster_transform=None,
    monitor=None,
) -> Travel:
    """Road travel from the nearest usable depot to every site, under the hazard, exactly as
    ``crew_access`` computes it for ``accessroutes``. A depot is flooded, and not used, when
    it lies in a blocked polygon or where it joins the roads the road is impassable."""
    monitor = monitor or as_monitor()
    depots = np.asarray(depots, dtype=object)
    sites = np.asarray(sites, dtype=object)
    if depots.size == 0:
        raise InputError("The generator depots layer is empty.")
    hz = None
    if blocked is not None or raster is not None:
        hz = hazard_intervals(
            roads,
            blocked,
            raster,
            max_depth,
            depth_speed_factor,
            keep_bridges,
            raster_transform=raster_transform,
        )
    snap = snap_to_roads(roads, depots, max_snap)
    flooded = flooded_depots(roads, hz, snap, depots, blocked)
    monitor.report(0.3)
    n = sites.size
    depot = np.full(n, -1, np.int64)
    hours = np.full(n, np.nan)
    site_snapped = np.zeros(n, dtype=bool)
    counts = {"unreachable": n}
    usable = np.flatnonzero(~flooded)
    if usable.size:
        names = None if depot_names is None else [depot_names[i] for i in usable]
        result = crew_access(
            roads,
            depots[usable],
            sites,
            blocked=blocked,
            raster=raster,
            max_depth=max_depth,
            depth_speed_factor=depth_speed_factor,
            keep_bridges=keep_bridges,
            max_snap=max_snap,
            progress=lambda f: monitor.report(0.3 + 0.7 * f),
            depot_names=names,
            raster_transform=raster_transform,
            intervals=hz,
        )
        reach = result.reach
        depot[reach] = usable[result.depot[reach]]
        hours[reach] = result.t1_min[reach] / 60.0
        site_snapped = result.snapped
        snap.ok[usable] = result.depot_snapped
        counts = dict(result.counts)
    monitor.report(1.0)
    return Travel(depot, hours, flooded, snap.ok & ~flooded, snap.distance, site_snapped, counts)


def generator_travel_by_depot(
    roads,
    depots,
    sites,
    blocked=None,
    raster=None,
    max_depth: float = 0.3,
    depth_speed_factor: Optional[float] = None,
    keep_bridges: bool = True,
    max_snap: float = 500.0,
    depot_names: Optional[Sequence] = None,
    raster_transform=None,
    monitor=None,
) -> Travel:
    """As :func:`generator_travel`, with the hours from every depot to every site
    (``by_depot``); ``depot``/``hours`` are the nearest usable depot's."""
    depots = np.asarray(depots, dtype=object)
    sites = np.asarray(sites, dtype=object)
    if depots.size == 0:
        raise InputError("The generator depots layer is empty.")
    minutes, flooded, snapped = depot_target_minutes(
        roads,
        depots,
        sites,
        blocked=blocked,
        raster=raster,
        max_depth=max_depth,
        depth_speed_factor=depth_speed_factor,
        keep_bridges=keep_bridges,
        max_snap=max_snap,
        depot_names=depot_names,
        raster_transform=raster_transform,
        monitor=monitor,
    )
    hours = minutes / 60.0
    reached = np.isfinite(hours).any(axis=0)
    nearest = np.where(reached, np.argmin(np.where(np.isfinite(hours), hours, np.inf), axis=0), -1)
    best = np.full(sites.size, np.nan)
    best[reached] = hours[nearest[reached], np.flatnonzero(reached)]
    site_snapped = snap_to_roads(roads, sites, max_snap).ok
    return Travel(
        nearest,
        best,
        flooded,
        snapped & ~flooded,
        snap_to_roads(roads, depots, max_snap).distance,
        site_snapped,
        {"unreachable": int((~reached).sum())},
        by_depot=hours,
    )


@dataclass
class PowerResult:
    """Per site (input order) the pw_* columns; the délestage table; the totals."""

    sites: pd.DataFrame
    priority: pd.DataFrame
    totals: Dict[str, float]
    outage: Outage
    travel: Optional[Travel]
    autonomy_defaulted: np.ndarray
    sensitive_unattached: int = 0


def power_resilience(
    model,
    sites,
    site_fids,
    autonomy,
    default_autonomy: Optional[float] = None,
    fixed_generator=None,
    fuel_hours: float = 0.0,
    outage_zones=None,
    outage_zone_hours=None,
    outage_hours: Optional[float] = None,
    substations=None,
    substation_ids=None,
    feeders=None,
    sensitive=None,
    generators: int = 0,
    roads=None,
    depots=None,
    setup_minutes: float = 0.0,
    road_options: Optional[dict] = None,
    sensitive_max_snap: float = 50.0,
    progress=None,
    is_cancelled=None,
    generator_counts=None,
) -> PowerResult:
    """Outage, autonomy, generator arrival, dark hours and premises of every active site.

    ``model``: the network model with these ``sites`` attached (``core.network.build_model``);
    ``sites``: their points (for the outage zones and the roads); ``autonomy``: battery hours
    per site (NULL -> ``default_autonomy``); ``fixed_generator``: per site 0/1 (adds
    ``fuel_hours``). ``roads``: a ``core.roads.RoadNetwork`` and ``depots`` points, used when
    ``generators`` > 0; ``road_options``: the hazard keywords of ``crew_access`` (blocked,
    raster, max_depth, depth_speed_factor, keep_bridges, max_snap, depot_names,
    raster_transform). All geometries in one projected CRS (metres).
    ``generator_counts``: per depot, how many generators it holds (whole numbers, checked
    by :func:`check_counts`); given, it replaces ``generators`` (see the module).
    """
    monitor = as_monitor(progress, is_cancelled)
    sites = np.asarray(sites, dtype=object)
    n = sites.size
    if outage_zones is None and outage_hours is None:
        raise InputError("Give the grid outage: outage zones or one outage duration (hours).")
    battery = check_hours(autonomy, "autonomy", site_fids, default_autonomy)
    fixed = (
        np.zeros(n, dtype=bool)
        if fixed_generator is None
        else generator_flags(fixed_generator, "fixed generator", site_fids)
    )
    if fuel_hours is None or not np.isfinite(fuel_hours) or fuel_hours < 0:
        raise InputError("Fuel hours must be a positive number of hours.")
    autonomy_h = battery.hours + np.where(fixed, float(fuel_hours), 0.0)
    outage = site_outages(
        sites, outage_zones, outage_zone_hours, outage_hours, substations, substation_ids, feeders
    )
    monitor.report(0.1)

    sensitive_nodes = None
    sensitive_unattached = 0
    if sensitive is not None:
        att = attach_points(
            model.network,
            "sensitive sites",
            sensitive,
            max_snap=sensitive_max_snap,
        )
        sensitive_nodes = att.node
        sensitive_unattached = int((att.node < 0).sum())
    deps = site_dependants(model, sensitive_nodes)
    monitor.report(0.3)

    arrival = np.full(n, np.nan)
    travel = None
    depot = np.full(n, -1, np.int64)
    setup_h = float(setup_minutes) / 60.0
    if generator_counts is not None:
        stock = np.asarray(generator_counts, dtype=np.int64)
        if depots is None or stock.size != np.asarray(depots, dtype=object).size:
            raise InputError("Give one generator count per generator depot.")
        if (stock < 0).any():
            raise InputError("Generator counts cannot be negative.")
        generators = int(stock.sum())
    if generators and generators > 0 and (roads is None or depots is None):
        raise InputError("Mobile generators need roads and generator depots.")
    if generator_counts is not None and generators > 0:
        travel = generator_travel_by_depot(
            roads, depots, sites, monitor=monitor.slice(0.3, 0.6), **(road_options or {})
        )
        assert travel.by_depot is not None  # asked for with the counts
        by_depot = travel.by_depot + setup_h
        # The earliest a generator can be running there, from a depot that holds one.
        stocked = np.where((stock > 0)[:, None] & np.isfinite(by_depot), by_depot, np.inf)
        arrival = stocked.min(axis=0)
        arrival[~np.isfinite(arrival)] = np.nan
        depot, gen_h = allocate_from_depots(
            autonomy_h, outage.hours, by_depot, stock, deps.premises, deps.sensitive
        )
        chosen = depot >= 0
    else:
        if generators and generators > 0:
            travel = generator_travel(
                roads, depots, sites, monitor=monitor.slice(0.3, 0.6), **(road_options or {})
            )
            come = np.isfinite(travel.hours)
            arrival[come] = travel.hours[come] + setup_h
        chosen = allocate_generators(
            autonomy_h, outage.hours, arrival, deps.premises, deps.sensitive, int(generators or 0)
        )
        gen_h = np.where(chosen, arrival, np.nan)
        if travel is not None:
            depot = np.where(chosen, travel.depot, -1)
    dark = dark_hours(autonomy_h, outage.hours, gen_h)
    end = np.where(np.isfinite(gen_h), np.minimum(outage.hours, gen_h), outage.hours)
    monitor.report(0.65)
    total = premise_hours(model, autonomy_h, end, monitor.slice(0.65, 1.0))

    prem_h = deps.premises * dark
    table = pd.DataFrame(
        {
            "pw_outage_h": outage.hours,
            "pw_autonomy_h": autonomy_h,
            "pw_gen_h": gen_h,
            "pw_dark_h": dark,
            "pw_prem": deps.premises,
            "pw_prem_h": prem_h,
            "pw_sens": deps.sensitive,
            "depot": depot,
        }
    )
    priority = priority_table(deps.premises, deps.sensitive, dark)
    totals = {
        "sites_dark": int((dark > 0).sum()),
        "premise_hours": float(total),
        "generators_used": int(chosen.sum()),
        "sites_unattached": int((model.sites.node < 0).sum()),
        # Sites that would go dark and that no generator can reach (they wait for the grid).
        "sites_unreached": int(
            ((dark_hours(autonomy_h, outage.hours) > 0) & ~np.isfinite(arrival)).sum()
        )
        if travel is not None
        else 0,
    }
    monitor.report(1.0)
    return PowerResult(
        table,
        priority,
        totals,
        outage,
        travel,
        battery.defaulted,
        sensitive_unattached,
    )


def priority_table(premises, sensitive, dark) -> pd.DataFrame:
    """The délestage order: sites by premises behind them, then sensitive sites behind them,
    then dark hours, then layer order. ``site`` indexes the input sites; ``rank`` from 1."""
    prem = np.nan_to_num(np.asarray(premises, dtype=float), nan=-1.0)
    sens = np.nan_to_num(np.asarray(sensitive, dtype=float), nan=-1.0)
    dark = np.asarray(dark, dtype=float)
    n = prem.size
    order = np.lexsort((np.arange(n), -dark, -sens, -prem))
    return pd.DataFrame({"site": order, "rank": np.arange(1, n + 1)})


__all__: List[str] = [
    "allocate_from_depots",
    "allocate_generators",
    "check_counts",
    "check_hours",
    "dark_hours",
    "generator_travel",
    "generator_travel_by_depot",
    "longest_zone",
    "power_resilience",
    "premise_hours",
    "priority_table",
    "site_dependants",
    "site_outages",
]
