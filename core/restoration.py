"""The restoration curve: premises without service hour by hour, power and damage together.

Every time is in hours from the start of the event: the failures happen at hour 0 and the
grid outage begins everywhere at once (as in ``core.power``).

- **Jobs.** Each failed line and each failed node is one repair job, done by a crew of one
  depot (the jobs of lines first, then those of nodes). A crew leaving
  for a job travels ``travel_h`` (the hazard-condition time of ``accessroutes``); a target
  that no road reaches under the hazard waits until ``RECESSION_HOURS`` and then travels at
  the normal time; an asset in the water cannot be worked on before ``RECESSION_HOURS``
  (its ``earliest_h``). The repair lasts ``repair_h`` (per laying mode or asset type).
- **Scheduling.** A list schedule per depot with ``crews`` crews, all at their depot at
  hour 0: the jobs in priority order, each given to the crew of its depot that is free
  first (ties: the lowest crew number); it starts at ``max(free + travel_h, earliest_h)``
  and ends ``repair_h`` later, when the crew is free again. The leg between two jobs is taken
  as the depot-to-job time (the road times between assets are not known here).
- **Priority.** The premises that depend on the line or node (every path from them to a root
  on the intact network runs through it, as ``im_prem`` counts them; a node's own premises
  depend on it), most first; ties go to the job nearer the roots (fewest lines between a
  root and the line's nearer end, or the node), then lines before nodes, then the first in
  the layer. Along a chain of failures this repairs from the root outwards.
- **Power.** A site is dark on ``[pw_autonomy_h, min(pw_outage_h, pw_gen_h))``
  (``pw_gen_h`` NaN: until the outage's end), as ``powerresilience`` computes it.
- **Service.** At hour ``h`` a line or node is repaired when its job is done at or before
  ``h``; a site is dark when ``h`` is in its dark interval. An unrepaired node is out of the
  graph as a dark site is (every line at it cut, its own premises out). A premises is out
  at ``h`` when it reached a root on the intact network with every site lit, and at ``h``
  every path from it to a root runs through an unrepaired line or node or a dark site (a
  premises on a dark site's or an unrepaired node's node is out). It is out *because of
  damage* when the unrepaired lines and nodes alone already cut it (cut by both: damage),
  else *because of power*.
- **Figures.** One row per whole hour from 0 to the hour by which every repairable job is
  repaired and every dark site is lit again (or to ``horizon``). ``premise_hours`` is the sum
  of the premises out over those rows (each row holds for one hour: a repair finished at
  2.5 h counts its premises out at hours 0, 1 and 2). ``hours_to_90pct`` is the first hour,
  at or after the worst one, from which at most 10 % of the premises out at the worst hour
  stay out until the end of the table: 90 % of them are back (0 when nothing is ever out;
  None when the table ends first). The report computes it from the table the same way.
"""

import heapq
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import shortest_path

from . import graph
from .errors import InputError
from .impact import _dependants
from .monitor import as_monitor
from .network import normalise_id

TABLE_COLUMNS = ["rs_hour", "rs_out", "rs_power", "rs_damage"]


class RepairTableError(InputError):
    """A row of the repair-hours table that cannot be used: ``row`` (1 = first), ``kind``
    ('hours': not a finite number >= 0, 'class': empty class, 'duplicate': class twice)."""

    def __init__(self, message, row, kind, value):
        super().__init__(message)
        self.row, self.kind, self.value = row, kind, value


def repair_table(flat: Sequence) -> Dict[str, float]:
    """The repair-hours matrix (class, hours, class, hours, ...) as {class: hours}.

    Classes compare as node ids do (12, 12.0 and '12' are one class; spaces stripped) and
    without regard to case. Hours must be finite and >= 0.
    """
    values = list(flat or [])
    if len(values) % 2:
        raise RepairTableError(
            "The repair-hours table needs two columns: class and hours.",
            len(values) // 2 + 1,
            "hours",
            None,
        )
    table: Dict[str, float] = {}
    for row in range(len(values) // 2):
        name, hours = values[2 * row], values[2 * row + 1]
        key = _class_key(name)
        if key is None:
            raise RepairTableError(
                f"Repair-hours table, row {row + 1}: the class is empty.", row + 1, "class", name
            )
        number = _hours(hours)
        if number is None:
            raise RepairTableError(
                f"Repair-hours table, row {row + 1} ({name}): {hours!r} is not a number of "
                "hours >= 0.",
                row + 1,
                "hours",
                hours,
            )
        if key in table:
            raise RepairTableError(
                f"Repair-hours table, row {row + 1}: class {name!r} is given twice.",
                row + 1,
                "duplicate",
                name,
            )
        table[key] = number
    return table


def _hours(value) -> Optional[float]:
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _class_key(value) -> Optional[str]:
    """A class as compared: text without case; 7, 7.0 and '7.0' are one class."""
    key = normalise_id(value)
    if key is None:
        return None
    try:
        number = float(key)
    except ValueError:
        return key.casefold()
    return normalise_id(number) if math.isfinite(number) else key.casefold()


@dataclass
class RepairHours:
    """Hours per job; ``defaulted`` marks the jobs whose class is NULL or not in the table."""

    hours: np.ndarray
    defaulted: np.ndarray
    unknown: List[str]  # the classes not in the table, as given, sorted


def repair_hours(classes, table: Dict[str, float], default: Optional[float]) -> RepairHours:
    """Repair hours of each job from its class; NULL or unknown classes take ``default``.

    Without a default such a job is refused (InputError naming the class).
    """
    values = list(classes) if classes is not None else []
    hours = np.full(len(values), np.nan)
    defaulted = np.zeros(len(values), dtype=bool)
    unknown = set()
    for i, value in enumerate(values):
        key = _class_key(value)
        if key is not None and key in table:
            hours[i] = table[key]
            continue
        defaulted[i] = True
        if key is not None:
            unknown.add(str(value).strip())
    if defaulted.any():
        if default is None or _hours(default) is None:
            shown = sorted(unknown)[:5] or ["NULL"]
            raise InputError(
                f"{int(defaulted.sum())} failed assets have a repair class that is not in the "
                f"repair-hours table ({', '.join(shown)}) and no default repair hours are "
                "given."
            )
        hours[defaulted] = float(default)
    return RepairHours(hours, defaulted, sorted(unknown))


def crew_times(reach, t0_min, t1_min, in_water=None, recession_h: Optional[float] = None):
    """(travel_h, earliest_h) per job from the access times (minutes).

    Reached under the hazard (``reach`` true): the hazard time ``t1_min``, no wait. Not
    reached: the normal time ``t0_min`` after ``recession_h`` (NaN, never, without a
    recession time or a normal time). In the water: no earlier than ``recession_h``.
    """
    reach = np.asarray(reach, dtype=bool)
    t0 = np.asarray(t0_min, dtype=float) / 60.0
    t1 = np.asarray(t1_min, dtype=float) / 60.0
    wet = np.zeros(reach.size, bool) if in_water is None else np.asarray(in_water, bool)
    recession = np.nan if recession_h is None else float(recession_h)
    reached = reach & np.isfinite(t1)
    travel = np.where(reached, t1, t0)
    earliest = np.where(reached, 0.0, recession + t0)
    earliest = np.where(wet, np.fmax(earliest, recession), earliest)
    never = ~np.isfinite(travel) | ~np.isfinite(earliest)
    travel[never] = np.nan
    earliest[never] = np.nan
    return travel, earliest


@dataclass
class Schedule:
    """Per job: its crew (-1 never), rank in its depot's list (1 first), start and end (NaN:
    never repaired)."""

    crew: np.ndarray
    rank: np.ndarray
    start: np.ndarray
    done: np.ndarray


def schedule_jobs(depot, travel_h, earliest_h, repair_h, order, crews: int) -> Schedule:
    """The list schedule of the module's description: ``order`` lists the jobs, first first."""
    crews = int(crews)
    if crews < 1:
        raise InputError(f"Each depot needs at least one crew (CREWS is {crews}).")
    depot = np.asarray(depot)
    travel = np.asarray(travel_h, dtype=float)
    earliest = np.asarray(earliest_h, dtype=float)
    repair = np.asarray(repair_h, dtype=float)
    n = depot.size
    if not travel.size == earliest.size == repair.size == n:
        raise InputError("Depot, travel, earliest start and repair hours: one value per job.")
    if np.any(~np.isfinite(repair) | (repair < 0)):
        raise InputError("Repair hours must be finite numbers >= 0.")
    crew = np.full(n, -1, np.int64)
    rank = np.zeros(n, np.int64)
    start = np.full(n, np.nan)
    done = np.full(n, np.nan)
    free: Dict[object, List[Tuple[float, int]]] = {}
    ranks: Dict[object, int] = {}
    for j in np.asarray(order, dtype=np.int64).tolist():
        key = depot[j].item() if isinstance(depot[j], np.generic) else depot[j]
        ranks[key] = ranks.get(key, 0) + 1
        rank[j] = ranks[key]
        if not (math.isfinite(travel[j]) and math.isfinite(earliest[j])):
            continue
        heap = free.setdefault(key, [(0.0, c) for c in range(crews)])
        at, c = heapq.heappop(heap)
        start[j] = max(at + travel[j], earliest[j])
        done[j] = start[j] + repair[j]
        crew[j] = c
        heapq.heappush(heap, (done[j], c))
    return Schedule(crew, rank, start, done)


def _reached(n, u, v, roots) -> np.ndarray:
    if np.asarray(roots).size == 0:
        return np.zeros(n, dtype=bool)
    uu = np.concatenate([u, np.full(roots.size, n)])
    vv = np.concatenate([v, roots])
    label = graph.components(n + 1, uu, vv)
    return (label == label[n])[:n]


def job_priority(model, failed, failed_nodes=None) -> Tuple[np.ndarray, np.ndarray]:
    """(premises depending on each job, job order) per the module's description.

    ``failed``: line indices of the line jobs; ``failed_nodes``: node indices of the node
    jobs. The jobs are the lines then the nodes; prem and order index them so.
    """
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    failed = np.asarray(failed, dtype=np.int64)
    nodes = np.asarray([] if failed_nodes is None else failed_nodes, dtype=np.int64)
    roots = model.root_nodes
    pnode = model.premises.node
    counts = np.asarray(model.premises_count, dtype=float)
    ok = pnode >= 0
    weights = np.bincount(pnode[ok], weights=counts[ok], minlength=n)
    per_line = np.zeros(net.u.size)
    hops_line = np.full(net.u.size, np.inf)
    per_node = np.zeros(n)
    hops_node = np.full(n, np.inf)
    if ids.size and roots.size:
        per_line[ids] = _dependants(n, u, v, roots, weights)
        s = n
        uu = np.concatenate([u, np.full(roots.size, s)])
        vv = np.concatenate([v, roots])
        adjacency = graph.adjacency(n + 1, uu, vv)
        hops = shortest_path(adjacency, unweighted=True, indices=s, directed=False)
        hops_line[ids] = np.minimum(hops[u], hops[v])
        hops_node = hops[:n]
        if nodes.size:
            # A node's dependants: the premises of the nodes it dominates, its own included.
            dom = graph.dominator_tree(n, u, v, roots)
            reached = _reached(n, u, v, roots)
            per_node = graph.dominated_totals(dom, np.where(reached, weights, 0.0))[:n]
    prem = np.concatenate([per_line[failed], per_node[nodes]])
    hops_job = np.concatenate([hops_line[failed], hops_node[nodes]])
    kind = np.concatenate([np.zeros(failed.size), np.ones(nodes.size)])
    order = np.lexsort((np.concatenate([failed, nodes]), kind, hops_job, -prem))
    return prem, order


@dataclass
class Curve:
    table: pd.DataFrame  # rs_hour, rs_out, rs_power, rs_damage
    premises_before: float  # premises served before the event
    premise_hours: float
    hours_to_90pct: Optional[int]


def service_curve(
    model,
    line_done,
    site_node=None,
    dark_start=None,
    dark_end=None,
    horizon: Optional[int] = None,
    monitor=None,
    node_done=None,
) -> Curve:
    """Premises out hour by hour (see the module's description).

    ``line_done``: per network line, the hour its repair ends (NaN: not failed; +inf: never
    repaired); ``node_done`` likewise per network node (None: no node failed).
    ``site_node``: the node of each power site (-1 off the network), dark on
    ``[dark_start, dark_end)``. Each distinct state (lines and nodes repaired, sites dark)
    is one connected-components question on the network's edge arrays.
    """
    monitor = monitor or as_monitor()
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    roots = model.root_nodes
    done = np.asarray(line_done, dtype=float)
    if done.size != net.u.size:
        raise InputError("The repair times must give one value per network line.")
    failed = ~np.isnan(done)
    ndone = np.full(n, np.nan) if node_done is None else np.asarray(node_done, dtype=float)
    if ndone.size != n:
        raise InputError("The node repair times must give one value per network node.")
    node_failed = np.flatnonzero(~np.isnan(ndone))
    ndone = ndone[node_failed]
    pnode = model.premises.node
    counts = np.asarray(model.premises_count, dtype=float)
    ok = pnode >= 0
    weights = np.bincount(pnode[ok], weights=counts[ok], minlength=n)
    before = _reached(n, u, v, roots)
    base = float(weights[before].sum())

    if site_node is None:
        site_node = np.zeros(0, np.int64)
    site_node = np.asarray(site_node, dtype=np.int64)
    start = np.asarray(dark_start if dark_start is not None else [], dtype=float)
    end = np.asarray(dark_end if dark_end is not None else [], dtype=float)
    dark_site = (site_node >= 0) & (end > start)
    site_node, start, end = site_node[dark_site], start[dark_site], end[dark_site]

    edge_done = done[ids]
    edge_failed = failed[ids]
    finite = np.concatenate([done[failed & np.isfinite(done)], ndone[np.isfinite(ndone)]])
    last = max(
        [0.0]
        + ([float(finite.max())] if finite.size else [])
        + ([float(end.max())] if end.size else [])
    )
    hours = int(math.ceil(last - 1e-9)) if horizon is None else int(horizon)
    if hours < 0:
        raise InputError("The horizon must be 0 hours or more.")

    # The lines that never change (not failed, not at a site that goes dark) are merged once;
    # each hour is then a small connectivity question on the parts they leave and the lines
    # that change. The roots hang on node n.
    ue = np.concatenate([u, roots])
    ve = np.concatenate([v, np.full(roots.size, n, dtype=np.int64)])
    e_failed = np.concatenate([edge_failed, np.zeros(roots.size, dtype=bool)])
    e_done = np.concatenate([edge_done, np.full(roots.size, np.nan)])
    at_site = np.zeros(n + 1, dtype=bool)
    at_site[site_node] = True
    at_site[node_failed] = True  # a failed node is cut as a dark site is
    changing = e_failed | at_site[ue] | at_site[ve]
    part = graph.components(n + 1, ue[~changing], ve[~changing])
    parts = int(part.max()) + 1
    served = np.bincount(part[:n], weights=np.where(before, weights, 0.0), minlength=parts)
    cu, cv = ue[changing], ve[changing]
    pu, pv = part[cu], part[cv]
    c_failed, c_done = e_failed[changing], e_done[changing]
    source = part[n]

    def reached(keep):
        label = graph.components(parts, pu[keep], pv[keep])
        return label == label[source]

    damage_cache: Dict[int, np.ndarray] = {}
    total_cache: Dict[Tuple[int, frozenset], np.ndarray] = {}
    # The jobs done by h are those of the first ``repaired`` end times: one state per count.
    sorted_done = np.sort(np.concatenate([edge_done[edge_failed], ndone]))
    rows = []
    for h in range(hours + 1):
        repaired = int(np.searchsorted(sorted_done, h, side="right"))
        up = ~c_failed | (c_done <= h)
        down_nodes = node_failed[~(ndone <= h)]
        if down_nodes.size:
            down = np.zeros(n + 1, dtype=bool)
            down[down_nodes] = True
            up = up & ~down[cu] & ~down[cv]
        if repaired not in damage_cache:
            damage_cache[repaired] = reached(up)
        damage = damage_cache[repaired]
        dark_nodes = frozenset(site_node[(start <= h) & (h < end)].tolist())
        if dark_nodes:
            key = (repaired, dark_nodes)
            if key not in total_cache:
                dark = np.zeros(n + 1, dtype=bool)
                dark[list(dark_nodes)] = True
                # A dark node is a part of its own (all its lines change): cut its lines.
                total_cache[key] = reached(up & ~dark[cu] & ~dark[cv])
            total = total_cache[key]
        else:
            total = damage
        by_damage = float(served[~damage].sum())
        by_power = float(served[damage & ~total].sum())
        rows.append((h, by_damage + by_power, by_power, by_damage))
        monitor.report((h + 1) / (hours + 1))
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table["rs_hour"] = table["rs_hour"].astype(np.int64)
    out = table["rs_out"].to_numpy(float)
    h90 = hours_to_restored(table["rs_hour"].to_numpy(float), out)
    return Curve(table, base, float(out.sum()), None if h90 is None else int(h90))


def hours_to_restored(hours, out, share: float = 0.9) -> Optional[float]:
    """The first of ``hours``, at or after the worst one, from which at most ``1 - share`` of
    the premises out at the worst hour stay out until the end of the table.

    ``out[i]``: premises out from ``hours[i]`` (sorted). 0 when nothing is ever out, None when
    the last row still has more out. 90 % of the premises the event cut are then back: with
    the premises served before the event as the base, a regional network that loses a few
    thousand of its 700,000 premises would always be "90 % served" at hour 0.
    """
    hours = np.asarray(hours, dtype=float)
    out = np.asarray(out, dtype=float)
    peak = float(out.max()) if out.size else 0.0
    if peak <= 0:
        return 0.0
    above = np.flatnonzero(out > (1.0 - share) * peak + 1e-9 * max(peak, 1.0))
    first_ok = int(above[-1]) + 1  # the worst row is always above
    return float(hours[first_ok]) if first_ok < out.size else None


@dataclass
class RestorationResult:
    # per job: line (-1 for a node), node (-1 for a line), depot, crew, rank, prem, repair_h,
    # travel_h, start, done; the lines' jobs first, then the nodes'
    jobs: pd.DataFrame
    curve: Curve
    totals: dict


def restoration(
    model,
    failed_lines,
    depot,
    travel_h,
    earliest_h,
    repair_h,
    crews: int,
    site_node=None,
    site_autonomy=None,
    site_outage=None,
    site_generator=None,
    horizon: Optional[int] = None,
    progress=None,
    is_cancelled=None,
    failed_nodes=None,
) -> RestorationResult:
    """Schedule the repairs of ``failed_lines`` (line indices) and ``failed_nodes`` (node
    indices) and draw the service curve.

    Per job, the lines' then the nodes': ``depot`` (any hashable label), ``travel_h`` and
    ``earliest_h`` (from :func:`crew_times`; NaN: never repaired), ``repair_h``. Per power
    site: its node and ``pw_autonomy_h``, ``pw_outage_h``, ``pw_gen_h`` (NaN: no generator).
    """
    monitor = as_monitor(progress, is_cancelled)
    failed = np.asarray(failed_lines, dtype=np.int64)
    m = model.network.u.size
    if failed.size and (failed.min() < 0 or failed.max() >= m):
        raise InputError("A failed line index is not a network line.")
    if np.unique(failed).size != failed.size:
        raise InputError("A failed line is given twice.")
    nodes = np.asarray([] if failed_nodes is None else failed_nodes, dtype=np.int64)
    n = model.network.n_nodes
    if nodes.size and (nodes.min() < 0 or nodes.max() >= n):
        raise InputError("A failed node index is not a network node.")
    if np.unique(nodes).size != nodes.size:
        raise InputError("A failed node is given twice.")
    prem, order = job_priority(model, failed, nodes)
    monitor.report(0.1)
    plan = schedule_jobs(depot, travel_h, earliest_h, repair_h, order, crews)
    monitor.report(0.2)

    dark_start = dark_end = None
    if site_node is not None:
        autonomy = np.asarray(site_autonomy, dtype=float)
        outage = np.asarray(site_outage, dtype=float)
        gen = (
            np.full(autonomy.size, np.nan)
            if site_generator is None
            else np.asarray(site_generator, dtype=float)
        )
        bad = ~np.isfinite(autonomy) | ~np.isfinite(outage) | (autonomy < 0) | (outage < 0)
        if bad.any():
            raise InputError(
                f"Power site {int(np.flatnonzero(bad)[0])}: autonomy and outage must be "
                "finite hours >= 0."
            )
        dark_start = autonomy
        dark_end = np.where(np.isfinite(gen), np.minimum(outage, gen), outage)
    k = failed.size
    job_done = np.where(np.isfinite(plan.done), plan.done, np.inf)
    line_done = np.full(m, np.nan)
    line_done[failed] = job_done[:k]
    node_done = np.full(n, np.nan)
    node_done[nodes] = job_done[k:]
    curve = service_curve(
        model,
        line_done,
        site_node,
        dark_start,
        dark_end,
        horizon,
        monitor.slice(0.2, 1.0),
        node_done=node_done,
    )
    jobs = pd.DataFrame(
        {
            "line": np.concatenate([failed, np.full(nodes.size, -1, np.int64)]),
            "node": np.concatenate([np.full(k, -1, np.int64), nodes]),
            "depot": np.asarray(depot, dtype=object),
            "crew": plan.crew,
            "rank": plan.rank,
            "prem": prem,
            "repair_h": np.asarray(repair_h, dtype=float),
            "travel_h": np.asarray(travel_h, dtype=float),
            "start": plan.start,
            "done": plan.done,
        }
    )
    table = curve.table
    worst = int(table["rs_out"].to_numpy().argmax()) if len(table) else 0
    totals = {
        "jobs": int(failed.size + nodes.size),
        "never_repaired": int((~np.isfinite(plan.done)).sum()),
        "premises_before": curve.premises_before,
        "premise_hours": curve.premise_hours,
        "hours_to_90pct": curve.hours_to_90pct,
        "worst_hour": worst,
        "worst_out": float(table["rs_out"].iloc[worst]) if len(table) else 0.0,
        "last_hour": int(table["rs_hour"].iloc[-1]) if len(table) else 0,
    }
    monitor.report(1.0)
    return RestorationResult(jobs, curve, totals)
