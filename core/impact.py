"""What a hazard scenario cuts off: failed lines, nodes and shared-risk groups.

A premises point or site is ``failed`` when its own node failed, ``cut`` when it reached a
root before the scenario and reaches none after it (failures elsewhere). Both lose service;
they are kept apart because they call for different repairs.

Per failed line, two figures: the cut premises that depended on it alone (every path they had
to a root ran through it; lines in series each count them) and the premises its repair alone
would bring back (the other failures staying).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from . import graph
from .errors import InputError
from .monitor import as_monitor


@dataclass
class ImpactResult:
    premises: pd.DataFrame  # im_failed, im_cut, im_prem per premises point (input order)
    sites: pd.DataFrame  # im_failed, im_cut, im_prem per site (input order)
    lines: pd.DataFrame  # im_failed, im_cut, im_prem, im_repair per line (input order)
    summary: pd.DataFrame  # per aggregate id (when given)
    totals: dict


def lines_in_groups(model, failed_groups):
    """True for every line that belongs to one of the named shared-risk groups."""
    wanted = {str(g).strip() for g in failed_groups if g is not None and str(g).strip()}
    # A set lookup per group name: np.isin on text compares every name with every wanted one
    # (515,704 route groups x 9,781 failed routes took 148 s on the regional set).
    names = model.srlg_names
    hit = np.fromiter((name in wanted for name in names.tolist()), bool, len(names))
    failed = np.zeros(model.network.u.size, dtype=bool)
    if hit.size:
        failed[model.srlg_line[hit[model.srlg_group]]] = True
    return failed, sorted(wanted - set(model.srlg_names.tolist()))


def _reached(n, u, v, roots):
    s = n
    uu = np.concatenate([u, np.full(roots.size, s)])
    vv = np.concatenate([v, roots])
    label = graph.components(n + 1, uu, vv)
    return (label == label[s])[:n]


def scenario_impact(
    model,
    failed_lines=None,
    failed_nodes=None,
    premises_aggregate=None,
    sites_aggregate=None,
    progress=None,
    is_cancelled=None,
):
    """Premises and sites failed or cut by the failed lines (bool per line) and nodes."""
    monitor = as_monitor(progress, is_cancelled)
    net = model.network
    n = net.n_nodes
    m = net.u.size
    failed_lines = np.zeros(m, bool) if failed_lines is None else np.asarray(failed_lines, bool)
    if failed_lines.size != m:
        raise InputError("The failed-line flags must give one value per network line.")
    node_failed = np.zeros(n, dtype=bool)
    if failed_nodes is not None:
        failed_nodes = np.asarray(failed_nodes, dtype=np.int64)
        node_failed[failed_nodes[failed_nodes >= 0]] = True

    ids, u, v = net.edges()
    roots = model.root_nodes
    before = _reached(n, u, v, roots)
    keep = ~failed_lines[ids] & ~node_failed[u] & ~node_failed[v]
    after = _reached(n, u[keep], v[keep], roots[~node_failed[roots]])
    node_cut = before & ~after & ~node_failed
    monitor.report(0.6)

    prem_node = model.premises.node
    counts = model.premises_count
    premises = _point_flags(prem_node, node_failed, node_cut)
    lost = (premises["im_failed"] + premises["im_cut"]).to_numpy() > 0
    premises["im_prem"] = np.where(lost, counts, 0.0)
    lost_at_node = np.bincount(prem_node[lost], weights=counts[lost], minlength=n)
    sites = _point_flags(model.sites.node, node_failed, node_cut)
    site_node = model.sites.node
    sites["im_prem"] = np.where(site_node >= 0, lost_at_node[np.maximum(site_node, 0)], 0.0)

    line_failed = np.zeros(m, dtype=np.int64)
    line_failed[failed_lines] = 1
    line_cut = np.zeros(m, dtype=np.int64)
    # A line is out of service when neither end still reaches a root.
    line_cut[ids] = ~failed_lines[ids] & (before[u] | before[v]) & ~after[u] & ~after[v]
    cut = premises["im_cut"].to_numpy() == 1
    cut_at_node = np.bincount(prem_node[cut], weights=counts[cut], minlength=n)
    line_prem = np.zeros(m)
    line_repair = np.zeros(m)
    on = failed_lines[ids]
    line_prem[ids[on]] = _dependants(n, u, v, roots, cut_at_node)[on]
    alive = ~node_failed[u] & ~node_failed[v]
    line_repair[ids[on & alive]] = _repair_gain(
        n, u[keep], v[keep], roots[~node_failed[roots]], cut_at_node, u[on & alive], v[on & alive]
    )
    lines = pd.DataFrame(
        {
            "im_failed": line_failed,
            "im_cut": line_cut,
            "im_prem": line_prem,
            "im_repair": line_repair,
        }
    )

    totals = {
        "premises_failed": float(counts[premises["im_failed"].to_numpy() == 1].sum()),
        "premises_cut": float(counts[premises["im_cut"].to_numpy() == 1].sum()),
        "sites_failed": int(sites["im_failed"].sum()),
        "sites_cut": int(sites["im_cut"].sum()),
        "lines_failed": int(line_failed.sum()),
        "nodes_failed": int(node_failed.sum()),
    }
    totals["premises_lost"] = totals["premises_failed"] + totals["premises_cut"]
    totals["sites_lost"] = totals["sites_failed"] + totals["sites_cut"]
    summary = _by_aggregate(premises, counts, premises_aggregate, sites, sites_aggregate)
    monitor.report(1.0)
    return ImpactResult(premises, sites, lines, summary, totals)


def _dependants(n, u, v, roots, weights):
    """Per edge: the weight on nodes whose every path to a root runs through it.

    Each edge is split by a node of its own, so that one dominator tree from the roots
    answers for every edge at once (as in core.redundancy).
    """
    real = u != v
    k = int(real.sum())
    edge_node = n + np.arange(k)
    dom = graph.dominator_tree(
        n + k,
        np.concatenate([u[real], edge_node]),
        np.concatenate([edge_node, v[real]]),
        roots,
    )
    totals = graph.dominated_totals(dom, weights)
    out = np.zeros(u.size)
    out[real] = totals[edge_node]
    return out


def _repair_gain(n, u, v, roots, weights, repair_u, repair_v):
    """Weight brought back by restoring each (repair_u, repair_v) edge alone into u-v."""
    uu = np.concatenate([u, np.full(roots.size, n)])
    vv = np.concatenate([v, roots])
    label = graph.components(n + 1, uu, vv)
    per_part = np.bincount(label[:n], weights=weights, minlength=label.max() + 1)
    rooted = label[n]
    a, b = label[repair_u], label[repair_v]
    joins = (a != b) & ((a == rooted) | (b == rooted))
    other = np.where(a == rooted, b, a)
    return np.where(joins, per_part[other], 0.0)


def _point_flags(node, node_failed, node_cut):
    attached = node >= 0
    at = np.maximum(node, 0)
    return pd.DataFrame(
        {
            "im_failed": (attached & node_failed[at]).astype(np.int64),
            "im_cut": (attached & node_cut[at]).astype(np.int64),
        }
    )


def _by_aggregate(premises, counts, premises_aggregate, sites, sites_aggregate):
    """Premises and sites failed/cut per aggregate id (None: outside every aggregate)."""
    columns = [
        "aggregate",
        "premises",
        "prem_failed",
        "prem_cut",
        "sites",
        "sites_failed",
        "sites_cut",
    ]
    frames = []
    if premises_aggregate is not None:
        p = pd.DataFrame(
            {
                "aggregate": list(premises_aggregate),
                "premises": counts,
                "prem_failed": counts * premises["im_failed"].to_numpy(),
                "prem_cut": counts * premises["im_cut"].to_numpy(),
            }
        )
        frames.append(p.dropna(subset=["aggregate"]).groupby("aggregate").sum())
    if sites_aggregate is not None:
        s = pd.DataFrame(
            {
                "aggregate": list(sites_aggregate),
                "sites": 1,
                "sites_failed": sites["im_failed"].to_numpy(),
                "sites_cut": sites["im_cut"].to_numpy(),
            }
        )
        frames.append(s.dropna(subset=["aggregate"]).groupby("aggregate").sum())
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, axis=1).fillna(0)
    table = table.reindex(columns=columns[1:], fill_value=0).reset_index()
    table = table.rename(columns={"index": "aggregate"})
    return table.sort_values("aggregate", kind="stable").reset_index(drop=True)


def aggregate_ids(points, polygons):
    """Index of the first polygon holding each point (by polygon order), -1 for none."""
    points = np.asarray(points, dtype=object)
    out = np.full(points.size, -1, dtype=np.int64)
    if points.size == 0 or len(polygons) == 0:
        return out
    tree = shapely.STRtree(np.asarray(polygons, dtype=object))
    point_idx, polygon_idx = tree.query(points, predicate="intersects")
    order = np.lexsort((polygon_idx, point_idx))
    point_idx, polygon_idx = point_idx[order], polygon_idx[order]
    first = np.ones(point_idx.size, dtype=bool)
    first[1:] = point_idx[1:] != point_idx[:-1]
    out[point_idx[first]] = polygon_idx[first]
    return out
