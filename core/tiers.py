"""The tier of every line and node (collecte, transport, distribution) and, per NRO and
tier, the most premises one single failure cuts.

In an FTTH tree every premises hangs on its own box and drop, so "premises behind a single
point of failure" is close to all premises. What matters is where the failure is: one cut
in the collecte (between the roots and an NRO) cuts a whole NRO, one in transport (NRO to
cabinet, SRO) a whole cabinet, one in distribution (cabinet to box, PBO) a few streets.

The tier of a line, in this order:

1. its class, when the class names one tier: GraceTHD ``cb_typelog``/``cm_typelog`` (CO,
   BM, LH: collecte; TR: transport; DI, RA: distribution) or a tier name (``collecte``,
   ``transport``, ``distribution``), any case. Mixed classes (CX, CT, CD, TD), NC, NULL and
   unknown values name no tier: the topology decides.
2. the topology, from the dominator tree seen from the roots (an element dominates what its
   failure cuts from every root): a line whose failure cuts an NRO is collecte; else the
   nearest NRO or SRO that every path from the roots to the line runs through decides: an SRO
   -> distribution, an NRO -> transport; else a line joined to a root without passing
   through an NRO (or between two NROs) is collecte; else (e.g. a loop between the areas of
   several NROs) the tier is unknown (None).

A node's tier is the most upstream tier of its lines; NROs and roots have none (they are
what the figures are about). NROs are the sites whose role is NRO; when no site is one, the
roots are the NROs (ROOTS are usually the NROs). An NRO that is a root has nothing upstream
of it in the graph: its collecte figures are NaN (not analysed), not 0.

Per NRO X, "its premises" are those whose nearest NRO on every path from the roots is X.
An element upstream of X (its failure cuts X) cuts all of them; an element downstream of X
cuts the premises it dominates, less those of NROs further down. Shared-risk groups are not
single lines or nodes, but one physical failure (a trench, a bridge): a group that cuts
more premises than any of its lines counts as one failure, in the most upstream tier of its
lines on the edge of what it cuts (a group that cuts no more than one of its lines adds
nothing that line does not say).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import graph
from .monitor import as_monitor
from .network import normalise_ids
from .redundancy import _GroupCounter

TIERS = ("collecte", "transport", "distribution")
_UPSTREAM = {name: rank for rank, name in enumerate(TIERS)}
# GraceTHD l_cable_chem_type_log codes that name one tier (BM: boucle métropolitaine and
# LH: long haul are above the NROs; RA: raccordement final is below the boxes).
CLASS_TIERS = {
    "CO": "collecte",
    "BM": "collecte",
    "LH": "collecte",
    "TR": "transport",
    "DI": "distribution",
    "RA": "distribution",
}
# Codes that are known but name several tiers (or none): the topology decides, no warning.
MIXED_CLASSES = ("CX", "CT", "CD", "TD", "NC")
NRO_ROLES = ("NRO",)
_CHUNK = 1 << 21  # premises nodes expanded at once when counting the groups' cuts
SRO_ROLES = ("SRO", "PM")


def parse_tiers(values):
    """Tier per value (None when it names no tier) and the indices of unknown values.

    Accepts the tier names and the GraceTHD class codes, in any case; NULL, empty and the
    mixed codes give None without complaint; anything else gives None and is reported.
    """
    text = normalise_ids(values)
    tiers = np.full(len(text), None, dtype=object)
    unknown = []
    for i, value in enumerate(text.tolist()):
        if value is None:
            continue
        key = value.strip().upper()
        if key.lower() in _UPSTREAM:
            tiers[i] = key.lower()
        elif key in CLASS_TIERS:
            tiers[i] = CLASS_TIERS[key]
        elif key not in MIXED_CLASSES:
            unknown.append(i)
    return tiers, np.asarray(unknown, dtype=np.int64)


def _roles(values):
    """Per site: is it an NRO, is it an SRO (role text in any case)."""
    text = np.array([t.upper() if t else "" for t in normalise_ids(values).tolist()], dtype=object)
    return np.isin(text, NRO_ROLES), np.isin(text, SRO_ROLES)


@dataclass
class TierResult:
    """Tiers per input line and per node, the per-NRO table and the largest cut per tier."""

    line_tier: np.ndarray  # object: tier or None, per input line
    node_tier: np.ndarray  # object: tier or None, per node
    table: pd.DataFrame  # nro (node, -1: none), tier, max_prem, kind, index, spof_n, prem
    max_cut: dict  # tier -> (premises, kind ('line'/'node'/None), index or -1)
    nro_nodes: np.ndarray
    nro_from_roots: bool


def _top(pointer):
    return graph._jump_to_fixed_point(pointer)


def analyse_tiers(
    model,
    line_classes=None,
    site_roles=None,
    redundancy=None,
    progress=None,
    is_cancelled=None,
):
    """Tiers and per-NRO single-failure figures (see the module's docstring).

    ``line_classes``: per input line, a tier from :func:`parse_tiers` (or None);
    ``site_roles``: per site, its role text (NRO, SRO or PM count; anything else is ignored);
    ``redundancy``: the :class:`RedundancyResult` of the same model, to count the shared-risk
    groups that cut more than any of their lines (a trench or a bridge that carries both arms
    of a loop) as single failures too.
    """
    monitor = as_monitor(progress, is_cancelled)
    net = model.network
    n = net.n_nodes
    m = net.u.size
    ids, u, v = net.edges()
    real = u != v
    lines, lu, lv = ids[real], u[real], v[real]
    k = lines.size
    line_node = n + np.arange(k)
    dom = graph.dominator_tree(
        n + k, np.concatenate([lu, line_node]), np.concatenate([line_node, lv]), model.root_nodes
    )
    size = n + k + 1
    s = dom.super_root
    idom = dom.idom
    reached = idom >= 0
    monitor.report(0.3)

    roots = model.root_nodes
    is_root = np.zeros(size, dtype=bool)
    is_root[roots] = True
    site_node = model.sites.node
    is_nro = np.zeros(size, dtype=bool)
    is_sro = np.zeros(size, dtype=bool)
    if site_roles is not None and len(site_roles):
        nro_site, sro_site = _roles(site_roles)
        nro_site &= site_node >= 0
        sro_site &= site_node >= 0
        is_nro[site_node[nro_site]] = True
        is_sro[site_node[sro_site]] = True
    nro_from_roots = not is_nro.any()
    if nro_from_roots:
        is_nro[roots] = True
    is_sro &= ~is_nro

    # Nearest NRO (self included) and nearest NRO or SRO (self included) up the dominators.
    index = np.arange(size, dtype=np.int64)
    up = np.where(reached & (index != s), idom, index)
    owner_top = _top(np.where(is_nro, index, up))
    owner = np.where(reached & is_nro[owner_top], owner_top, -1)
    role_top = _top(np.where(is_nro | is_sro, index, up))
    near = np.where(reached, role_top[np.where(reached, idom, s)], s)  # proper: from idom

    # Everything that dominates an NRO (proper), and the (element, NRO) pairs.
    nro_nodes = np.flatnonzero(is_nro & reached)
    pair_e, pair_x = [], []
    current = idom[nro_nodes].copy()
    origin = nro_nodes.copy()
    active = current != s
    while active.any():
        current, origin = current[active], origin[active]
        pair_e.append(current)
        pair_x.append(origin)
        current = idom[current]
        active = current != s
    pair_e = np.concatenate(pair_e) if pair_e else np.zeros(0, dtype=np.int64)
    pair_x = np.concatenate(pair_x) if pair_x else np.zeros(0, dtype=np.int64)
    cuts_nro = np.zeros(size, dtype=bool)
    cuts_nro[pair_e] = True
    monitor.report(0.5)

    # Root side: joined to a root in the graph without the NRO nodes.
    keep = ~is_nro[lu] & ~is_nro[lv]
    comp = graph.components(n, lu[keep], lv[keep])
    root_comp = np.zeros(n, dtype=bool)
    free_roots = roots[~is_nro[roots]]
    root_comp[comp[free_roots]] = True
    side = np.zeros(k, dtype=bool)
    for end in (lu, lv):
        side |= ~is_nro[end] & root_comp[comp[end]]
    side |= is_nro[lu] & is_nro[lv]

    ln = line_node
    topo = np.full(k, None, dtype=object)
    topo[side & reached[ln]] = "collecte"
    topo[reached[ln] & is_nro[near[ln]]] = "transport"
    topo[reached[ln] & is_sro[near[ln]]] = "distribution"
    topo[cuts_nro[ln]] = "collecte"
    line_tier = np.full(m, None, dtype=object)
    line_tier[lines] = topo
    if line_classes is not None:
        classes = np.asarray(line_classes, dtype=object)
        given = np.array([c is not None for c in classes.tolist()], dtype=bool)
        line_tier[given] = classes[given]

    # Node tier: the most upstream tier of its lines.
    rank = np.array([_UPSTREAM.get(t, 3) for t in line_tier[ids].tolist()], dtype=np.int64)
    best = np.full(n, 3, dtype=np.int64)
    graph.reduce_into(np.minimum, best, np.concatenate([u, v]), np.concatenate([rank, rank]))
    named = np.array(TIERS + (None,), dtype=object)
    node_tier = named[best]
    node_tier[is_nro[:n] | is_root[:n]] = None
    monitor.report(0.7)

    # Premises: per NRO, and what each element cuts of its own NRO's.
    prem_w = np.zeros(size)
    attached = model.premises.node >= 0
    prem_w[:n] = np.bincount(
        model.premises.node[attached],
        weights=np.asarray(model.premises_count, dtype=float)[attached],
        minlength=n,
    )
    total = graph.dominated_totals(dom, prem_w)
    # Premises reaching a root through no single NRO go to slot ``size``; unreached ones
    # (no root at all) to ``size + 1``, counted nowhere.
    slot = np.where(owner >= 0, owner, np.where(reached, size, size + 1))
    per_nro = np.bincount(slot, weights=prem_w, minlength=size + 2)
    unowned = float(per_nro[size])
    per_nro = per_nro[:size]
    below = graph.dominated_totals(dom, np.where(is_nro, per_nro, 0.0))
    own_cut = total - below

    elem_tier = np.full(size, None, dtype=object)
    elem_tier[:n] = node_tier
    elem_tier[ln] = line_tier[lines]
    element = reached.copy()
    element[s] = False
    element[:n] &= ~is_nro[:n] & ~is_root[:n]
    own = np.flatnonzero(element & (own_cut > 0))
    up_ok = element[pair_e] & (per_nro[pair_x] > 0)
    records = pd.DataFrame(
        {
            "nro": np.concatenate([owner[own], pair_x[up_ok]]),
            "tier": np.concatenate([elem_tier[own], elem_tier[pair_e[up_ok]]]),
            "cut": np.concatenate([own_cut[own], per_nro[pair_x[up_ok]]]),
            "elem": np.concatenate([own, pair_e[up_ok]]),
        }
    )
    # Ties go to a single line or node before a group (the group cuts it because it carries
    # that line), then to the element that cuts the most in all, then to the most upstream
    # one (first in the DFS preorder from the roots).
    records["pre"] = dom.tree.pre[records["elem"].to_numpy()]
    records["total"] = total[records["elem"].to_numpy()]
    g_records, g_max = _group_records(model, redundancy, line_tier, prem_w[:n], slot[:n], size)
    if len(g_records):
        records = pd.concat([records, g_records], ignore_index=True)
    monitor.report(0.85)
    table = _nro_table(records, nro_nodes, per_nro, unowned, size)
    line_of = np.full(size, -1, dtype=np.int64)
    line_of[ln] = lines
    elem = table["elem"].to_numpy()
    kinds = np.where(elem >= size, "group", np.where(elem >= n, "line", "node"))
    table["kind"] = np.where(elem < 0, None, kinds)
    table["index"] = np.where(
        elem >= size,
        elem - size,
        np.where(elem >= n, line_of[np.clip(elem, 0, size - 1)], elem),
    )
    table = table.drop(columns="elem")
    # An NRO that is a root has nothing upstream in the graph: its collecte is not analysed.
    nro_col = table["nro"].to_numpy()
    unseen = (table["tier"] == "collecte").to_numpy() & (nro_col >= 0)
    unseen &= is_root[np.maximum(nro_col, 0)]
    table.loc[unseen, "max_prem"] = np.nan
    table.loc[unseen, "kind"] = None
    table.loc[unseen, "index"] = -1
    table.loc[unseen, "spof_n"] = 0

    max_cut = {}
    for tier in TIERS:
        pick = np.flatnonzero(element & (elem_tier == tier) & (total > 0))
        best = (0.0, None, -1)
        if pick.size:
            pick = pick[np.lexsort((dom.tree.pre[pick], -total[pick]))]
            e = int(pick[0])
            best = (
                float(total[e]),
                "line" if e >= n else "node",
                int(line_of[e]) if e >= n else e,
            )
        if tier in g_max and g_max[tier][0] > best[0]:
            best = (g_max[tier][0], "group", g_max[tier][1])
        max_cut[tier] = best
    if nro_nodes.size and is_root[nro_nodes].all():  # nothing upstream of the NROs
        max_cut["collecte"] = (float("nan"), None, -1)
    monitor.report(1.0)
    return TierResult(line_tier, node_tier, table, max_cut, nro_nodes, nro_from_roots)


def _nro_table(records, nro_nodes, per_nro, unowned, size):
    """One row per NRO and tier (the three tiers always; a None tier only when it cuts)."""
    rows = []
    groups = {}
    if len(records):
        records = records.assign(group=records["elem"] >= size)
        ordered = records.sort_values(
            ["cut", "group", "total", "pre"], ascending=[False, True, False, True], kind="stable"
        )
        for (nro, tier), part in ordered.groupby(
            [ordered["nro"], ordered["tier"].fillna("")], sort=False
        ):
            groups[(int(nro), tier or None)] = (
                float(part["cut"].iloc[0]),
                int(part["elem"].iloc[0]),
                int(part["elem"].nunique()),
            )
    heads = [int(x) for x in nro_nodes.tolist()]
    if unowned > 0 or any(key[0] < 0 for key in groups):
        heads.append(-1)
    for nro in heads:
        prem = unowned if nro < 0 else float(per_nro[nro])
        tiers = list(TIERS) + ([None] if (nro, None) in groups else [])
        for tier in tiers:
            cut, elem, count = groups.get((nro, tier), (0.0, -1, 0))
            rows.append((nro, tier, cut, elem, count, prem))
    return pd.DataFrame(rows, columns=["nro", "tier", "max_prem", "elem", "spof_n", "prem"])


def _group_records(model, redundancy, line_tier, prem_w, slot, size):
    """Per-NRO cuts of the shared-risk groups that cut more premises than any of their lines.

    A group that cuts no more than its worst line cuts the same premises (a superset of equal
    weight), so only the others are counted, each from its cut pieces (signed preorder
    intervals of the roots-merged DFS tree): premises per owner NRO inside them.
    Returns the records (elem = ``size`` + group) and, per tier, (premises, group) of the worst.
    """
    empty = pd.DataFrame(columns=["nro", "tier", "cut", "elem", "pre", "total"])
    if redundancy is None or model.srlg_names.size == 0:
        return empty, {}
    groups = redundancy.groups
    prem_cut = groups["prem_cut"].to_numpy(dtype=float)
    chosen = np.flatnonzero(prem_cut > groups["max_prem"].to_numpy(dtype=float) + 1e-9)
    if chosen.size == 0:
        return empty, {}
    net = model.network
    n = net.n_nodes
    ids, u, v = net.edges()
    counter = _GroupCounter(n, u, v, model.root_nodes, prem_w, np.zeros(n))
    edge_pos = np.full(net.u.size, -1, dtype=np.int64)
    edge_pos[ids] = np.arange(ids.size)
    member = np.isin(model.srlg_group, chosen)
    g_line = model.srlg_line[member]
    g_of = model.srlg_group[member]
    g_edges = edge_pos[g_line]
    ok = g_edges >= 0
    gi, ga, gb, gs = counter.intervals(g_edges[ok], g_of[ok])

    # Group tier: the most upstream tier of its lines on the edge of what it cuts (one end
    # cut, the other not): a route that carries a collecte cable between two roots and a
    # transport cable that cuts a cabinet is a transport failure.
    position = counter.pre[counter.cuts.merged[np.arange(n)]]
    rank = np.array([_UPSTREAM.get(t, 3) for t in line_tier[g_line].tolist()], dtype=np.int64)
    members = pd.DataFrame(
        {
            "row": np.arange(g_line.size),
            "group": g_of,
            "pu": position[np.maximum(net.u[g_line], 0)],
            "pv": position[np.maximum(net.v[g_line], 0)],
        }
    )
    spans = pd.DataFrame({"group": gi, "a": ga, "b": gb, "s": gs})
    pairs = members.merge(spans, on="group")
    inside_u = pairs["s"] * ((pairs["a"] <= pairs["pu"]) & (pairs["pu"] < pairs["b"]))
    inside_v = pairs["s"] * ((pairs["a"] <= pairs["pv"]) & (pairs["pv"] < pairs["b"]))
    cover = pd.DataFrame({"row": pairs["row"], "u": inside_u, "v": inside_v})
    cover = cover.groupby("row")[["u", "v"]].sum().reindex(np.arange(g_line.size), fill_value=0)
    edge = ((cover["u"] > 0.5) != (cover["v"] > 0.5)).to_numpy() & ok
    best = np.full(model.srlg_names.size, 3, dtype=np.int64)
    graph.reduce_into(np.minimum, best, g_of[edge], rank[edge])
    fallback = np.full(model.srlg_names.size, 3, dtype=np.int64)
    graph.reduce_into(np.minimum, fallback, g_of, rank)
    has_edge = np.zeros(model.srlg_names.size, dtype=bool)
    has_edge[g_of[edge]] = True
    tier_of = np.array(TIERS + (None,), dtype=object)[np.where(has_edge, best, fallback)]

    # Premises nodes in preorder of the merged tree (roots and unreached nodes are never cut).
    keep = (prem_w > 0) & (position > 0) & (slot < size + 1)
    nodes = np.flatnonzero(keep)
    order = np.argsort(position[nodes], kind="stable")
    nodes = nodes[order]
    pos = position[nodes]
    lo = np.searchsorted(pos, ga)
    hi = np.searchsorted(pos, gb)
    counts = hi - lo
    owner = np.where(slot < size, slot, -1)
    # Premises nodes per interval, expanded a bounded number at a time (memory).
    ends = np.cumsum(counts)
    cuts = np.searchsorted(ends, np.arange(_CHUNK, int(ends[-1]) if ends.size else 0, _CHUNK))
    parts = []
    for a, b in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [gi.size]])):
        part = counts[a:b]
        which = a + np.repeat(np.arange(part.size), part)
        offsets = np.arange(which.size) - np.repeat(np.cumsum(part) - part, part)
        picked = nodes[lo[which] + offsets]
        frame = pd.DataFrame(
            {"group": gi[which], "nro": owner[picked], "cut": gs[which] * prem_w[picked]}
        )
        parts.append(frame.groupby(["group", "nro"], sort=False)["cut"].sum())
    if not parts:
        return empty, {}
    sums = pd.concat(parts).groupby(level=[0, 1], sort=True).sum().reset_index()
    sums = sums[sums["cut"] > 1e-9]
    records = pd.DataFrame(
        {
            "nro": sums["nro"].to_numpy(dtype=np.int64),
            "tier": tier_of[sums["group"].to_numpy()],
            "cut": sums["cut"].to_numpy(dtype=float),
            "elem": size + sums["group"].to_numpy(dtype=np.int64),
            "pre": size + sums["group"].to_numpy(dtype=np.int64),
            "total": prem_cut[sums["group"].to_numpy()],
        }
    )
    worst = {}
    for g in chosen[np.argsort(-prem_cut[chosen], kind="stable")].tolist():
        tier = tier_of[g]
        if tier is not None and tier not in worst:
            worst[tier] = (float(prem_cut[g]), int(g))
    return records, worst
