"""Generate the fictional sample territory and the regional benchmark data set.

A rural territory in Nord/Pas-de-Calais (EPSG:2154, centred on x=650000, y=7030000) with
communes, rivers and their nested TRI flood extents (01For within 02Moy within 04Fai), a
flood-depth raster, an OSM-like road graph (split at intersections, with bridges, a ford and
OSMnx quirks) and a fibre network laid out as a GraceTHD v3 delivery (POP -> NRO -> SRO -> PBO
-> premises), plus sensitive sites and crew depots.

    python scripts/sample_territory.py --out resources/sample            # scale 1 (committed)
    python scripts/sample_territory.py --scale 200 --out benchmarks/data/region

Scale semantics (documented in resources/sample/README.md): the area grows linearly with the
scale; premises are 3500 x scale, road edges about 5000 x scale, route segments about
2500 x scale, SROs 7.5 x scale (at least 4) and NROs 0.65 x scale (at least 3). Scale 200
gives the regional figures (700,000 premises, 130 NROs, 1,500 SROs, ~500,000 route segments,
~1,000,000 road edges, three flood scenarios). Fractional scales give quick test data sets.
The same seed and scale always give the same features.
"""

import argparse
import functools
import json
import math
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr, osr
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

gdal.UseExceptions()
ogr.UseExceptions()

EPSG = 2154
CENTRE = (650000.0, 7030000.0)
SPACING = 200.0  # road grid step (m)
BASE_NX, BASE_NY = 60, 42  # road grid at scale 1 (12 km x 8.4 km)
CELL = 25.0  # depth raster cell (m)
NODATA = -9999.0
SCENARIOS = ("01For", "02Moy", "04Fai")
ID_TRI = "FRA_TRI_FICT"
MAX_DEPTH = 3.0
NODE_RIVER_MARGIN = 35.0  # keeps every road node off the river line
FIXED_DATE = "2024-06-11T00:00:00.000Z"  # the GeoPackages' write stamp (reproducible files)
CAPACITIES = np.array([12, 24, 36, 48, 72, 96, 144, 288, 432, 576, 720])

ROOTS = [
    "Hondeg",
    "Warlinc",
    "Bavel",
    "Esquer",
    "Wavrech",
    "Mervil",
    "Ronqu",
    "Fleurb",
    "Steenv",
    "Houpl",
    "Racqu",
    "Zudausqu",
    "Bléqu",
    "Lumbr",
    "Wismeh",
]
SUFFIXES = ["hem", "court", "ghem", "becque", "ville", "erque", "ghien", "in"]


def scale_counts(scale):
    """Target counts for a scale factor (the documented scale semantics)."""
    s = float(scale)
    if s <= 0:
        raise ValueError("scale must be > 0")
    return {
        "nx": max(12, int(round(BASE_NX * math.sqrt(s)))),
        "ny": max(9, int(round(BASE_NY * math.sqrt(s)))),
        "premises": max(60, int(round(3500 * s))),
        "sros": max(4, int(round(7.5 * s))),
        "nros": max(3, int(round(0.65 * s))),
        "communes": max(5, int(round(5 * s))),
        "rivers": max(1, int(round(math.sqrt(s) / 2.4))),
        "depots": max(3, int(round(0.15 * s))),
        "ehpads": max(1, int(round(0.8 * s))),
        "sdis": max(1, int(round(0.3 * s))),
        "hopitaux": max(1, int(round(0.1 * s))),
    }


# --------------------------------------------------------------------------- geography


class Rivers:
    """Sinuous west-east rivers y = f_r(x) with nested flood half-widths on each bank."""

    def __init__(self, rng, n, y0, height):
        self.n = n
        # at scale 1 the river runs north of the centre so the south bank is larger
        self.base = y0 + height * (np.arange(n) + 0.62) / n
        self.phase = rng.uniform(0, 2 * np.pi, size=(n, 8))
        self.names = [
            "la Lisette",
            "la Clarette",
            "le Becquerel",
            "la Hemme",
            "l'Aubrette",
            "la Sanguine",
            "le Rieu",
            "la Lawette",
            "la Marquette",
            "le Courant",
        ]

    def centre(self, r, x):
        p = self.phase[r]
        return (
            self.base[r]
            + 330.0 * np.sin(2 * np.pi * x / 5200.0 + p[0])
            + 110.0 * np.sin(2 * np.pi * x / 1750.0 + p[1])
        )

    def widths(self, r, x):
        """Half-widths (north, south) of each scenario; cumulative so they are nested."""
        p = self.phase[r]
        a = 50.0 + 20.0 * np.sin(2 * np.pi * x / 2300.0 + p[2])
        b = 140.0 + 60.0 * np.sin(2 * np.pi * x / 3100.0 + p[3])
        c = 260.0 + 110.0 * np.sin(2 * np.pi * x / 4700.0 + p[4])
        south = 1.3 + 0.15 * np.sin(2 * np.pi * x / 6100.0 + p[5])
        north = [a, a + b, a + b + c]
        return north, [w * south for w in north]

    def zone_level(self, x, y):
        """Per point: index of the river it is nearest to, signed offset, flood level.

        Level 3 = inside 01For, 2 = inside 02Moy only, 1 = inside 04Fai only, 0 = dry.
        """
        best_d = np.full(x.shape, np.inf)
        river = np.zeros(x.shape, dtype=np.int64)
        for r in range(self.n):
            d = y - self.centre(r, x)
            closer = np.abs(d) < np.abs(best_d)
            best_d[closer] = d[closer]
            river[closer] = r
        level = np.zeros(x.shape, dtype=np.int8)
        rel = np.full(x.shape, np.inf)
        for r in range(self.n):
            m = river == r
            north, south = self.widths(r, x[m])
            d = best_d[m]
            lev = np.zeros(d.shape, dtype=np.int8)
            for k in range(3):  # 04Fai (k=2) -> level 1 ... 01For (k=0) -> level 3
                inside = np.where(d >= 0, d <= north[k], -d <= south[k])
                lev = np.maximum(lev, np.where(inside, 3 - k, 0).astype(np.int8))
            level[m] = lev
            rel[m] = np.where(d >= 0, d / north[2], -d / south[2])
        return river, best_d, level, rel


def build_roads(rng, counts, rivers, x0, y0):
    """Jittered road grid, split at every intersection, cut by the rivers except at bridges."""
    nx, ny = counts["nx"], counts["ny"]
    jj, ii = np.meshgrid(np.arange(ny), np.arange(nx), indexing="ij")
    ii, jj = ii.ravel(), jj.ravel()
    x = x0 + ii * SPACING + np.clip(rng.normal(0, 28, ii.size), -70, 70)
    y = y0 + jj * SPACING + np.clip(rng.normal(0, 28, ii.size), -70, 70)
    for r in range(rivers.n):  # push nodes off the river line so no edge grazes it
        d = y - rivers.centre(r, x)
        near = np.abs(d) < NODE_RIVER_MARGIN
        y[near] = rivers.centre(r, x[near]) + np.where(d[near] >= 0, 1, -1) * NODE_RIVER_MARGIN
    node = np.arange(ii.size).reshape(ny, nx)
    hu, hv = node[:, :-1].ravel(), node[:, 1:].ravel()
    vu, vv = node[:-1, :].ravel(), node[1:, :].ravel()
    u = np.concatenate([hu, vu])
    v = np.concatenate([hv, vv])
    vertical = np.concatenate([np.zeros(hu.size, bool), np.ones(vu.size, bool)])
    col = ii[u]
    row = jj[u]

    # river crossings: endpoints on different banks of some river
    crossing = np.zeros(u.size, bool)
    crossing_river = np.full(u.size, -1)
    for r in range(rivers.n):
        side = y >= rivers.centre(r, x)
        c = side[u] != side[v]
        crossing |= c
        crossing_river[c] = r
    _, _, node_level, _ = rivers.zone_level(x, y)
    in_fai = node_level > 0

    bridge = np.zeros(u.size, bool)
    ford = np.zeros(u.size, bool)
    ducted = np.zeros(u.size, bool)  # bridges that carry a telecom duct
    viaduct_col = np.zeros(u.size, bool)
    bridge_cols = np.arange(5, nx, 20)
    for r in range(rivers.n):
        cr = crossing & (crossing_river == r) & vertical
        for k, c in enumerate(bridge_cols):
            e = np.flatnonzero(cr & (col == c))
            bridge[e] = True
            if k % 3 == 1 or bridge_cols.size == 1:
                ducted[e] = True
            if k % 3 == 2:  # whole valley crossing on a viaduct
                viaduct_col |= vertical & (col == c) & (in_fai[u] | in_fai[v])
        ford_cols = np.arange(12, nx, 20)[:1]
        for c in ford_cols:
            ford[np.flatnonzero(cr & (col == c))] = True
    bridge |= viaduct_col
    keep = ~crossing | bridge | ford
    u, v, vertical, col, row = u[keep], v[keep], vertical[keep], col[keep], row[keep]
    bridge, ford, ducted, crossing = bridge[keep], ford[keep], ducted[keep], crossing[keep]

    # highway classes: lines for the main roads, villages residential, the rest rural
    n_e = u.size
    highway = np.array(["unclassified"] * n_e, dtype=object)
    rural = rng.choice(
        ["unclassified", "track", "tertiary", "footway"], n_e, p=[0.5, 0.3, 0.12, 0.08]
    )
    highway[:] = rural
    mid_x, mid_y = (x[u] + x[v]) / 2, (y[u] + y[v]) / 2
    seats_dist = counts["_seat_tree"].query(np.column_stack([mid_x, mid_y]))[0]
    highway[seats_dist < 650] = "residential"
    secondary = np.where(vertical, col % 10 == 5, row % 10 == 5)
    primary = np.where(vertical, col % 30 == 15, row % 25 == 12)
    motorway = ~vertical & (row % 60 == 36)
    highway[secondary] = "secondary"
    highway[primary] = "primary"
    highway[motorway] = "motorway"
    highway[ford] = "track"
    return {
        "x": x,
        "y": y,
        "u": u,
        "v": v,
        "vertical": vertical,
        "col": col,
        "row": row,
        "bridge": bridge,
        "ford": ford,
        "ducted": ducted,
        "crossing": crossing,
        "highway": highway.astype(str),
        "node_level": node_level,
    }


def road_attributes(rng, roads):
    """OSM-style text attributes with the OSMnx quirks (NULL, 'nan', list-like text)."""
    hw = roads["highway"]
    n = hw.size
    speeds = {
        "motorway": ["130"],
        "primary": ["80"],
        "secondary": ["80", "70"],
        "tertiary": ["70", "50"],
        "unclassified": ["50", None],
        "residential": ["50", "30"],
        "track": [None],
        "footway": [None],
    }
    maxspeed = np.empty(n, dtype=object)
    pick = rng.integers(0, 2, n)
    for k, vals in speeds.items():
        m = hw == k
        maxspeed[m] = np.array(vals, dtype=object)[pick[m] % len(vals)]
    quirk = rng.random(n)
    has = maxspeed != None  # noqa: E711 - object array comparison
    maxspeed[has & (quirk < 0.05)] = "nan"
    listy = np.isin(hw, ["primary", "secondary"]) & (quirk > 0.97)
    maxspeed[listy] = "['70', '50']"
    oneway = np.empty(n, dtype=object)
    q = rng.random(n)
    res = hw == "residential"
    oneway[res & (q < 0.12)] = "yes"
    oneway[res & (q >= 0.12) & (q < 0.16)] = "-1"
    oneway[(q >= 0.16) & (q < 0.55)] = "no"
    oneway[hw == "motorway"] = "yes"
    bridge = np.where(roads["bridge"], "yes", None).astype(object)
    ford = np.where(roads["ford"], "yes", None).astype(object)
    name = np.empty(n, dtype=object)
    line = np.where(roads["vertical"], roads["col"], roads["row"])
    main = np.isin(hw, ["primary", "secondary"])
    name[main] = np.char.add("D", (900 + line[main]).astype(str)).astype(object)
    name[hw == "motorway"] = "A 26bis"
    name[res] = np.char.add("Rue ", (1 + line[res]).astype(str)).astype(object)
    track = hw == "track"
    name[track] = np.char.add("Chemin rural n°", (1 + line[track]).astype(str)).astype(object)
    return {
        "osm_id": 100000000 + np.arange(n),
        "highway": hw.astype(object),
        "maxspeed": maxspeed,
        "oneway": oneway,
        "bridge": bridge,
        "ford": ford,
        "name": name,
    }


def flood_polygons(rivers, x0, x1, y0, y1):
    """One polygon per river and scenario, from the sampled nested half-widths."""
    xs = np.linspace(x0, x1, max(2, int((x1 - x0) / 50.0) + 1))
    box = shapely.box(x0, y0, x1, y1)
    rows = []
    for r in range(rivers.n):
        c = rivers.centre(r, xs)
        north, south = rivers.widths(r, xs)
        for k, scen in enumerate(SCENARIOS):
            ring = np.concatenate(
                [
                    np.column_stack([xs, c + north[k]]),
                    np.column_stack([xs[::-1], (c - south[k])[::-1]]),
                ]
            )
            poly = shapely.intersection(shapely.polygons(ring), box)
            rows.append((r, scen, poly))
    return rows


def write_depth_raster(path, rivers, x0, y0, width, height):
    """04Fai water depth (m): deepest at the river, 0 at the edge, nodata outside 04Fai."""
    ncol, nrow = int(math.ceil(width / CELL)), int(math.ceil(height / CELL))
    drv = gdal.GetDriverByName("GTiff")
    ds = drv.Create(
        str(path),
        ncol,
        nrow,
        1,
        gdal.GDT_Float32,
        options=["COMPRESS=DEFLATE", "TILED=YES", "PREDICTOR=3"],
    )
    ds.SetGeoTransform((x0, CELL, 0.0, y0 + nrow * CELL, 0.0, -CELL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.SetDescription("water depth (m), scenario 04Fai")
    xc = x0 + (np.arange(ncol) + 0.5) * CELL
    block = 512
    for r0 in range(0, nrow, block):
        nr = min(block, nrow - r0)
        yc = y0 + (nrow - (r0 + np.arange(nr)) - 0.5) * CELL
        xx, yy = np.meshgrid(xc, yc)
        _, _, level, rel = rivers.zone_level(xx.ravel(), yy.ravel())
        depth = np.where(level > 0, MAX_DEPTH * np.clip(1 - rel, 0, 1) ** 1.2, NODATA)
        band.WriteArray(depth.reshape(nr, ncol).astype(np.float32), 0, r0)
    band.FlushCache()
    ds = None


# --------------------------------------------------------------------------- premises


def lloyd(rng, pts, weights, k, iters=8):
    """Weighted k-means centres (a few Lloyd iterations), vectorised with a KD-tree."""
    k = min(k, len(pts))
    centres = pts[rng.choice(len(pts), k, replace=False, p=weights / weights.sum())]
    for _ in range(iters):
        lab = cKDTree(centres).query(pts)[1]
        w = np.bincount(lab, weights, k)
        ok = w > 0
        cx = np.bincount(lab, weights * pts[:, 0], k)
        cy = np.bincount(lab, weights * pts[:, 1], k)
        centres[ok] = np.column_stack([cx[ok] / w[ok], cy[ok] / w[ok]])
    return centres


def snap_unique(targets, cand_xy, cand_ids, taken):
    """Nearest free candidate node for each target (first come, first served)."""
    tree = cKDTree(cand_xy)
    k = min(16, len(cand_ids))
    _, idx = tree.query(targets, k=k)
    idx = np.asarray(idx).reshape(len(targets), k)
    out = np.empty(len(targets), dtype=np.int64)
    for i in range(len(targets)):
        for j in idx[i]:
            node = cand_ids[j]
            if node not in taken:
                break
        taken.add(node)
        out[i] = node
    return out


# --------------------------------------------------------------------------- fibre network


def tree_levels(parent, members, roots):
    """Nodes of a forest grouped by depth (roots first), using a child CSR."""
    kids = members[parent[members] >= 0]
    order = np.argsort(parent[kids], kind="stable")
    kids = kids[order]
    par_sorted = parent[kids]
    levels = [np.asarray(roots)]
    frontier = np.asarray(roots)
    while frontier.size:
        lo = np.searchsorted(par_sorted, frontier, "left")
        hi = np.searchsorted(par_sorted, frontier, "right")
        cnt = hi - lo
        if cnt.sum() == 0:
            break
        idx = np.repeat(lo - np.concatenate([[0], np.cumsum(cnt)[:-1]]), cnt) + np.arange(cnt.sum())
        frontier = kids[idx]
        levels.append(frontier)
    return levels


def trace(pred_row_of, pred, targets, sources):
    """Node sequences target -> source along predecessor rows; returns (path_id, step, node)."""
    cur = np.asarray(targets, dtype=np.int64).copy()
    rows = np.asarray(pred_row_of)
    pid = np.arange(cur.size)
    out_p, out_s, out_n = [pid], [np.zeros(cur.size, np.int64)], [cur.copy()]
    active = cur != np.asarray(sources)
    step = 0
    while active.any():
        step += 1
        p = pid[active]
        nxt = pred[rows[p], cur[p]]
        if (nxt < 0).any():
            raise RuntimeError("unreachable target while tracing a cable path")
        cur[p] = nxt
        out_p.append(p)
        out_s.append(np.full(p.size, step))
        out_n.append(nxt)
        active[p] = nxt != np.asarray(sources)[p]
    return np.concatenate(out_p), np.concatenate(out_s), np.concatenate(out_n)


def build_network(rng, roads, premises_node, locaux_per_node, rivers, counts):
    """POPs, NROs, SROs, PBOs and the collecte/transport/distribution cables over the roads."""
    x, y = roads["x"], roads["y"]
    n_nodes = x.size
    hw = roads["highway"]
    fib = (hw != "motorway") & (~roads["crossing"] | roads["ducted"])
    eu, ev = roads["u"][fib], roads["v"][fib]
    road_eid = np.flatnonzero(fib)
    length = np.hypot(x[eu] - x[ev], y[eu] - y[ev])
    graph = csr_matrix(
        coo_matrix(
            (
                np.concatenate([length, length]),
                (np.concatenate([eu, ev]), np.concatenate([ev, eu])),
            ),
            shape=(n_nodes, n_nodes),
        )
    )
    edge_of = csr_matrix(
        coo_matrix(
            (
                np.concatenate([np.arange(eu.size)] * 2) + 1,
                (np.concatenate([eu, ev]), np.concatenate([ev, eu])),
            ),
            shape=(n_nodes, n_nodes),
        )
    )
    degree = np.diff(graph.indptr)
    level = roads["node_level"]
    has_prem = locaux_per_node > 0
    taken = set()

    # POP: north end of the ducted bridge nearest each river's middle, moved off the flood
    pops = []
    for r in range(rivers.n):
        cand = np.flatnonzero(roads["ducted"] & roads["crossing"])
        cand = cand[np.abs(y[roads["u"][cand]] - rivers.centre(r, x[roads["u"][cand]])) < 400]
        xm = (x.min() + x.max()) / 2
        e = cand[np.argmin(np.abs(x[roads["u"][cand]] - xm))]
        n_end = roads["v"][e]  # vertical edge: v is the northern node
        target = np.array([[x[n_end], rivers.centre(r, x[n_end]) + 1100.0]])
        ok = (~has_prem) & (level == 0) & (degree > 0)
        ids = np.flatnonzero(ok)
        pops.append(snap_unique(target, np.column_stack([x[ids], y[ids]]), ids, taken)[0])
    pops = np.array(pops)

    pts = np.column_stack([x[premises_node], y[premises_node]])
    w = locaux_per_node[premises_node].astype(float)
    ok = (~has_prem) & (degree > 0)
    ids_dry = np.flatnonzero(ok & (level == 0))
    ids_any = np.flatnonzero(ok)
    nro = snap_unique(
        lloyd(rng, pts, w, counts["nros"]),
        np.column_stack([x[ids_dry], y[ids_dry]]),
        ids_dry,
        taken,
    )
    sro = snap_unique(
        lloyd(rng, pts, w, counts["sros"]),
        np.column_stack([x[ids_any], y[ids_any]]),
        ids_any,
        taken,
    )

    d_pop, p_pop, s_pop = dijkstra(graph, indices=pops, min_only=True, return_predecessors=True)
    d_nro, p_nro, s_nro = dijkstra(graph, indices=nro, min_only=True, return_predecessors=True)
    d_sro, p_sro, s_sro = dijkstra(graph, indices=sro, min_only=True, return_predecessors=True)
    if np.isinf(d_pop[nro]).any() or np.isinf(d_nro[sro]).any():
        raise RuntimeError("fibre graph is disconnected between sites")

    # loops: per POP, the two NROs nearest to it on the opposite (south) bank
    loops = []
    for r, pop in enumerate(pops):
        mine = nro[s_pop[nro] == pop]
        south = mine[y[mine] < rivers.centre(r, x[mine])]
        pool = south if south.size >= 2 else mine
        if pool.size >= 2:
            a, b = pool[np.argsort(d_pop[pool])[:2]]
            loops.append((a, b))
    # rings: NROs with 3+ SROs get their two nearest SROs joined by an SRO-SRO cable
    rings = []
    for n in nro:
        mine = sro[s_nro[sro] == n]
        if mine.size >= 3:
            a, b = mine[np.argsort(d_nro[mine])[:2]]
            rings.append((a, b))

    cables = []  # (typelog, nd1, nd2, node sequence array)

    def add_paths(kind, pred, rows, targets, sources):
        pid, step, nodes = trace(rows, pred, targets, sources)
        order = np.lexsort((step, pid))
        pid, nodes = pid[order], nodes[order]
        cuts = np.flatnonzero(np.diff(pid)) + 1
        for t, seq in zip(targets, np.split(nodes, cuts)):
            cables.append((kind, seq[-1], t, seq[::-1]))

    p1 = p_pop.reshape(1, -1)
    add_paths("CO", p1, np.zeros(nro.size, np.int64), nro, s_pop[nro])

    def pair_path(kind, a, b):
        # bounded search first: the partner is near, the full graph is large
        bound = 2.5 * math.hypot(x[a] - x[b], y[a] - y[b]) + 5000.0
        dist, pr = dijkstra(graph, indices=[a], return_predecessors=True, limit=bound)
        if not np.isfinite(dist[0, b]):
            dist, pr = dijkstra(graph, indices=[a], return_predecessors=True)
        add_paths(kind, pr, np.zeros(1, np.int64), [b], [a])

    for a, b in loops:
        pair_path("CO", a, b)
    add_paths("TR", p_nro.reshape(1, -1), np.zeros(sro.size, np.int64), sro, s_nro[sro])
    for a, b in rings:
        pair_path("TR", a, b)
    n_backbone_cables = len(cables)

    # distribution forest: union of paths from premise nodes up to their SRO
    prem_nodes = np.flatnonzero(has_prem & np.isfinite(d_sro))
    in_tree = np.zeros(n_nodes, bool)
    frontier = prem_nodes
    while frontier.size:
        in_tree[frontier] = True
        par = p_sro[frontier]
        par = par[par >= 0]
        frontier = np.unique(par[~in_tree[par]])
    in_tree[sro] = True
    members = np.flatnonzero(in_tree)
    parent = np.where(in_tree, p_sro, -1)
    parent[sro] = -1
    levels = tree_levels(parent, members, sro)
    depth = np.full(n_nodes, -1)
    for k, lv in enumerate(levels):
        depth[lv] = k
    n_child = np.bincount(parent[parent >= 0], minlength=n_nodes)
    is_root = np.zeros(n_nodes, bool)
    is_root[sro] = True
    is_pbo = in_tree & has_prem & ~is_root
    is_bpe = in_tree & ~has_prem & ~is_root & (n_child >= 2)
    is_ebp = is_pbo | is_bpe
    cable_node = is_ebp | is_root
    anc = np.full(n_nodes, -1)  # nearest upstream cable node
    for lv in levels[1:]:
        par = parent[lv]
        anc[lv] = np.where(cable_node[par], par, anc[par])
    only_child = np.full(n_nodes, -1)
    single = parent >= 0
    only_child[parent[single]] = np.flatnonzero(single)
    owner = np.full(n_nodes, -1)  # the EBP whose cable runs on edge (node -> parent)
    down = np.where(in_tree, locaux_per_node, 0).astype(np.int64)
    for lv in reversed(levels[1:]):
        owner[lv] = np.where(is_ebp[lv], lv, owner[only_child[lv]])
        np.add.at(down, parent[lv], down[lv])
    ebp_nodes = np.flatnonzero(is_ebp)
    # ordered node sequences of every distribution cable (upstream node first)
    on = np.flatnonzero(owner >= 0)
    own = np.concatenate([owner[on], ebp_nodes])
    nodes_seq = np.concatenate([on, anc[ebp_nodes]])
    dep = np.concatenate([depth[on], depth[anc[ebp_nodes]]])
    order = np.lexsort((dep, own))
    own, nodes_seq = own[order], nodes_seq[order]
    cuts = np.flatnonzero(np.diff(own)) + 1
    for e, seq in zip(own[np.r_[0, cuts]], np.split(nodes_seq, cuts)):
        cables.append(("DI", anc[e], e, seq))

    if (has_prem & ~is_pbo).any():
        raise RuntimeError("some premises are not reachable from any SRO")
    # route segments used by the cables, looked up in one pass
    seq_nodes = np.concatenate([c[3] for c in cables])
    seq_id = np.repeat(np.arange(len(cables)), [c[3].size for c in cables])
    same = seq_id[:-1] == seq_id[1:]
    cab_eid = np.asarray(edge_of[seq_nodes[:-1][same], seq_nodes[1:][same]]).ravel() - 1
    if (cab_eid < 0).any():
        raise RuntimeError("cable path leaves the fibre graph")
    return {
        "pops": pops,
        "nro": nro,
        "sro": sro,
        "loops": loops,
        "rings": rings,
        "sro_of_node": s_sro,
        "nro_of_node": s_nro,
        "pop_of_node": s_pop,
        "cables": cables,
        "cab_id": seq_id[:-1][same],
        "cab_eid": cab_eid,
        "seq_nodes": seq_nodes,
        "seq_id": seq_id,
        "n_backbone_cables": n_backbone_cables,
        "fib_eu": eu,
        "fib_ev": ev,
        "fib_road_eid": road_eid,
        "fib_len": length,
        "is_pbo": is_pbo,
        "is_bpe": is_bpe,
        "down": down,
        "in_tree": in_tree,
    }


# --------------------------------------------------------------------------- writing


def _srs():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    return srs


def _col(values, ftype="s"):
    """A column as a Python list with None for missing values (NaN, None)."""
    arr = np.asarray(values)
    if ftype in "iI" and arr.dtype.kind == "f":
        arr = arr.astype(np.int64)
    if arr.dtype.kind == "f":
        return [None if v != v else v for v in arr.tolist()]
    return arr.tolist()


FIELD_TYPES = {"s": ogr.OFTString, "i": ogr.OFTInteger, "I": ogr.OFTInteger64, "f": ogr.OFTReal}


def write_layer(ds, name, geom_type, fields, geoms=None, index=True):
    """Write a layer in one transaction; fields = [(name, 's'|'i'|'I'|'f', values)].

    The GeoPackage R-tree is built once at the end (or not at all with index=False): keeping
    it up to date on every insert is what makes large writes slow.
    """
    spatial = geom_type != ogr.wkbNone
    lyr = ds.CreateLayer(
        name,
        _srs() if spatial else None,
        geom_type,
        options=["GEOMETRY_NAME=geom", "SPATIAL_INDEX=NO"] if spatial else [],
    )
    for fname, ftype, _ in fields:
        lyr.CreateField(ogr.FieldDefn(fname, FIELD_TYPES[ftype]))
    cols = [_col(vals, ftype) for _, ftype, vals in fields]
    wkb = None if geoms is None else shapely.to_wkb(np.asarray(geoms, dtype=object))
    n = len(cols[0]) if cols else len(wkb)
    feat = ogr.Feature(lyr.GetLayerDefn())  # one feature reused for every row
    setters = [
        {"s": feat.SetFieldString, "f": feat.SetField}.get(ftype, feat.SetFieldInteger64)
        for _, ftype, _ in fields
    ]
    set_null = feat.SetFieldNull
    columns = []
    for k, (setter, col) in enumerate(zip(setters, cols)):
        if n and col[0] is not None and col.count(col[0]) == n:
            setter(k, col[0])  # constant column: the reused feature keeps the value
        else:
            columns.append((k, setter, col))
    ds.StartTransaction()
    for i in range(n):
        for k, setter, col in columns:
            val = col[i]
            if val is None:
                set_null(k)
            else:
                setter(k, val)
        if wkb is not None:
            feat.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb[i]))
        feat.SetFID(-1)
        lyr.CreateFeature(feat)
    ds.CommitTransaction()
    if spatial and index:
        ds.ExecuteSQL(f"SELECT CreateSpatialIndex('{name}', 'geom')")
    return n


def _vacuum(path):
    """Compact a small GeoPackage (the committed sample); large ones are left as written."""
    if Path(path).stat().st_size > 50e6:
        return
    ds = ogr.Open(str(path), update=1)
    ds.ExecuteSQL("VACUUM")
    ds = None


def _gpkg(path):
    path = Path(path)
    if path.exists():
        path.unlink()
    return ogr.GetDriverByName("GPKG").CreateDataSource(str(path))


def codes(prefix, n, width=7):
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width))


def _multi(polys):
    """Polygons and multipolygons as multipolygons (vectorised)."""
    polys = np.asarray(polys, dtype=object)
    parts, idx = shapely.get_parts(polys, return_index=True)
    out = np.empty(polys.size, dtype=object)
    out[:] = shapely.multipolygons(parts, indices=idx)
    return out


# --------------------------------------------------------------------------- main build


def generate(out_dir, scale=1.0, seed=20240611, log=print, spatial_index=None):
    """Generate every file of the territory into out_dir; returns a summary dict.

    spatial_index: build the GeoPackage R-trees (default: only up to scale 5, where they
    cost little; QGIS can add them later with "Create spatial index").

    The same seed and scale give byte-identical files: GeoPackages stamp each layer with the
    time it was written (gpkg_contents.last_change), so the stamp is a fixed date here, and
    summary.json leaves out the run's duration (the returned summary has it).
    """
    previous = gdal.GetConfigOption("OGR_CURRENT_DATE")
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE)
    try:
        return _generate(out_dir, scale, seed, log, spatial_index)
    finally:
        gdal.SetConfigOption("OGR_CURRENT_DATE", previous)


def _generate(out_dir, scale, seed, log, spatial_index):
    index = scale <= 5 if spatial_index is None else bool(spatial_index)
    write = functools.partial(write_layer, index=index)
    t_start = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    counts = scale_counts(scale)
    width, height = counts["nx"] * SPACING, counts["ny"] * SPACING
    x0 = round(CENTRE[0] - width / 2)
    y0 = round(CENTRE[1] - height / 2)
    x1, y1 = x0 + width - SPACING / 2, y0 + height - SPACING / 2
    x0b, y0b = x0 - SPACING / 2, y0 - SPACING / 2
    rivers = Rivers(rng, counts["rivers"], y0, height)

    # commune seats on a jittered cell grid
    nc = counts["communes"]
    gx = max(1, int(round(math.sqrt(nc * width / height))))
    gy = int(math.ceil(nc / gx))
    cells = rng.choice(gx * gy, nc, replace=False)
    seat_xy = np.column_stack(
        [
            x0b + (cells % gx + rng.uniform(0.2, 0.8, nc)) * (x1 - x0b) / gx,
            y0b + (cells // gx + rng.uniform(0.2, 0.8, nc)) * (y1 - y0b) / gy,
        ]
    )
    counts["_seat_tree"] = cKDTree(seat_xy)
    t0 = time.perf_counter()
    roads = build_roads(rng, counts, rivers, x0, y0)
    attrs = road_attributes(rng, roads)
    log(f"roads: {roads['u'].size} edges in {time.perf_counter() - t0:.1f}s")

    # addresses around the commune seats, each at a road node (not on the motorway)
    x, y = roads["x"], roads["y"]
    n_nodes = x.size
    on_local = np.zeros(n_nodes, bool)
    loc = roads["highway"] != "motorway"
    on_local[roads["u"][loc]] = True
    on_local[roads["v"][loc]] = True
    dist, _ = counts["_seat_tree"].query(np.column_stack([x, y]), k=min(3, nc))
    dist = np.asarray(dist).reshape(n_nodes, -1)
    weight = (0.04 + np.exp(-(dist**2) / (2 * 700.0**2)).sum(axis=1)) * on_local
    n_loc_per_addr = np.where(
        rng.random(counts["premises"]) < 0.88,
        1,
        np.where(
            rng.random(counts["premises"]) < 0.75,
            rng.integers(2, 5, counts["premises"]),
            rng.integers(6, 17, counts["premises"]),
        ),
    )
    n_addr = int(np.searchsorted(np.cumsum(n_loc_per_addr), counts["premises"])) + 1
    n_loc_per_addr = n_loc_per_addr[:n_addr]
    addr_node = rng.choice(n_nodes, n_addr, p=weight / weight.sum())
    ang = rng.uniform(0, 2 * np.pi, n_addr)
    rad = rng.uniform(12, 45, n_addr)
    ax, ay = x[addr_node] + rad * np.cos(ang), y[addr_node] + rad * np.sin(ang)
    # sensitive sites: town halls near each seat, care homes (one in 02Moy), fire stations...
    addr_tree = cKDTree(np.column_stack([ax, ay]))
    kinds, site_addr = [], []
    _, mairie = addr_tree.query(seat_xy)
    used = set()
    for a in np.asarray(mairie):
        kinds.append("mairie")
        site_addr.append(int(a))
        used.add(int(a))
    _, _, addr_level, _ = rivers.zone_level(ax, ay)
    wet = np.flatnonzero(addr_level >= 2)
    picks = [("ehpad", counts["ehpads"]), ("sdis", counts["sdis"]), ("hopital", counts["hopitaux"])]
    for kind, k in picks:
        pool = np.setdiff1d(np.arange(n_addr), np.fromiter(used, int))
        if kind == "ehpad" and wet.size:
            # the first care home stands in the 02Moy zone
            first = int(rng.choice(np.setdiff1d(wet, np.fromiter(used, int))))
            chosen = [first] + list(rng.choice(pool[pool != first], k - 1, replace=False))
        else:
            chosen = list(rng.choice(pool, k, replace=False))
        for a in chosen:
            kinds.append(kind)
            site_addr.append(int(a))
            used.add(int(a))
    site_addr = np.array(site_addr)
    n_loc_per_addr[site_addr] = 1
    # locaux types per address: residential, professional, enterprise; sites are public
    loc_addr = np.repeat(np.arange(n_addr), n_loc_per_addr)
    q = rng.random(loc_addr.size)
    loc_type = np.where(q < 0.9, "RES", np.where(q < 0.98, "PRO", "ENT")).astype(object)
    is_site_local = np.isin(loc_addr, site_addr)
    loc_type[is_site_local] = "PUB"
    nb = {
        t: np.bincount(loc_addr[loc_type == t], minlength=n_addr)
        for t in ("RES", "PRO", "ENT", "PUB")
    }
    locaux_per_node = np.bincount(addr_node, n_loc_per_addr, minlength=n_nodes)

    t0 = time.perf_counter()
    net = build_network(rng, roads, addr_node, locaux_per_node, rivers, counts)
    log(f"network: {len(net['cables'])} cables in {time.perf_counter() - t0:.1f}s")

    commune_of = lambda px, py: counts["_seat_tree"].query(np.column_stack([px, py]))[1]  # noqa: E731
    box = shapely.box(x0b, y0b, x1, y1)
    vor = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(seat_xy), extend_to=box))
    seat_pts = shapely.points(seat_xy)
    hit = shapely.STRtree(vor).query(seat_pts, predicate="within")
    commune_poly = np.empty(nc, dtype=object)
    commune_poly[hit[0]] = shapely.intersection(vor[hit[1]], box)
    addr_commune = commune_of(ax, ay)
    dep = np.where(seat_xy[:, 0] >= CENTRE[0], "59", "62")
    insee = np.empty(nc, dtype=object)
    for d in ("59", "62"):
        m = np.flatnonzero(dep == d)
        insee[m] = [f"{d}{(900 + k) % 1000:03d}" for k in range(m.size)]
    riverside = np.zeros(nc, bool)
    for r in range(rivers.n):
        line = shapely.linestrings(
            np.column_stack(
                [np.linspace(x0b, x1, 200), rivers.centre(r, np.linspace(x0b, x1, 200))]
            )
        )
        riverside |= shapely.intersects(commune_poly, line)
    names = []
    for i in range(nc):
        nm = ROOTS[i % len(ROOTS)] + SUFFIXES[(i // len(ROOTS)) % len(SUFFIXES)]
        if i >= len(ROOTS) * len(SUFFIXES):
            nm += f" {i // (len(ROOTS) * len(SUFFIXES)) + 1}"
        names.append(nm + ("-sur-Lisette" if riverside[i] else ""))
    names = np.array(names, dtype=object)
    population = np.round(np.bincount(addr_commune, n_loc_per_addr, minlength=nc) * 2.2)

    def territory_files():
        """territory.gpkg and the depth raster (run in a child process at large scales)."""
        # ------------------------------------------------------------------ territory.gpkg
        t0 = time.perf_counter()
        ds = _gpkg(out / "territory.gpkg")
        write(
            ds,
            "communes",
            ogr.wkbMultiPolygon,
            [
                ("insee", "s", insee),
                ("nom", "s", names),
                ("population", "i", population.astype(np.int64)),
            ],
            _multi(commune_poly),
        )
        flood = flood_polygons(rivers, x0b, x1, y0b, y1)
        write(
            ds,
            "flood_zones",
            ogr.wkbMultiPolygon,
            [
                ("id_s_inond", "s", [f"{ID_TRI}_S_{r + 1:02d}_{s}" for r, s, _ in flood]),
                ("id_tri", "s", [ID_TRI] * len(flood)),
                ("typ_inond", "i", [1] * len(flood)),
                ("scenario", "s", [s for _, s, _ in flood]),
            ],
            _multi([p for _, _, p in flood]),
        )
        xs = np.linspace(x0b, x1, 400)
        river_lines = [
            shapely.linestrings(np.column_stack([xs, rivers.centre(r, xs)]))
            for r in range(rivers.n)
        ]
        write(
            ds,
            "river",
            ogr.wkbLineString,
            [
                ("river_id", "i", np.arange(1, rivers.n + 1)),
                ("name", "s", [rivers.names[r % len(rivers.names)] for r in range(rivers.n)]),
            ],
            river_lines,
        )
        ru, rv = roads["u"], roads["v"]
        road_geom = shapely.linestrings(
            np.stack([np.column_stack([x[ru], y[ru]]), np.column_stack([x[rv], y[rv]])], axis=1)
        )
        write(
            ds,
            "roads",
            ogr.wkbLineString,
            [
                ("osm_id", "I", attrs["osm_id"]),
                ("highway", "s", attrs["highway"]),
                ("maxspeed", "s", attrs["maxspeed"]),
                ("oneway", "s", attrs["oneway"]),
                ("bridge", "s", attrs["bridge"]),
                ("ford", "s", attrs["ford"]),
                ("name", "s", attrs["name"]),
            ],
            road_geom,
        )
        site_insee = insee[addr_commune[site_addr]]
        kind_arr = np.array(kinds, dtype=object)
        site_names = np.array(
            [f"{k.capitalize()} de {names[c]}" for k, c in zip(kinds, addr_commune[site_addr])],
            dtype=object,
        )
        write(
            ds,
            "sensitive_sites",
            ogr.wkbPoint,
            [
                ("site_id", "s", codes("SS", len(kinds), 4)),
                ("name", "s", site_names),
                ("kind", "s", kind_arr),
                ("insee", "s", site_insee),
            ],
            shapely.points(ax[site_addr], ay[site_addr]),
        )
        # depots: first on the north bank, second on the south bank, others spread
        nd = counts["depots"]
        dry_main = np.flatnonzero(on_local & (roads["node_level"] == 0))
        c0 = rivers.centre(0, np.array([x0 + 0.3 * width, x0 + 0.7 * width]))
        targets = [[x0 + 0.3 * width, c0[0] + 1500], [x0 + 0.7 * width, c0[1] - 1800]]
        targets += [[rng.uniform(x0, x1), rng.uniform(y0, y1)] for _ in range(nd - 2)]
        depot_nodes = snap_unique(
            np.array(targets), np.column_stack([x[dry_main], y[dry_main]]), dry_main, set()
        )
        write(
            ds,
            "depots",
            ogr.wkbPoint,
            [
                ("depot_id", "s", codes("DEP", nd, 2)),
                (
                    "name",
                    "s",
                    [
                        f"Centre d'intervention {names[c]}"
                        for c in commune_of(x[depot_nodes], y[depot_nodes])
                    ],
                ),
            ],
            shapely.points(x[depot_nodes], y[depot_nodes]),
        )
        ds = None
        _vacuum(out / "territory.gpkg")
        log(f"territory.gpkg written in {time.perf_counter() - t0:.1f}s")

        t0 = time.perf_counter()
        write_depth_raster(out / "flood_depth_04Fai.tif", rivers, x0b, y0b, x1 - x0b, y1 - y0b)
        log(f"depth raster written in {time.perf_counter() - t0:.1f}s")

    # the second core writes the territory while this one writes the fibre network
    parallel = scale > 5 and "fork" in multiprocessing.get_all_start_methods()
    child = None
    if parallel:
        child = multiprocessing.get_context("fork").Process(target=territory_files)
        child.start()
    else:
        territory_files()

    t0 = time.perf_counter()
    summary = write_gracethd(
        out / "gracethd_v3.gpkg",
        roads,
        net,
        rivers,
        addr_node,
        ax,
        ay,
        n_loc_per_addr,
        nb,
        loc_addr,
        loc_type,
        addr_commune,
        insee,
        names,
        site_addr,
        box,
        write,
    )
    log(f"gracethd_v3.gpkg written in {time.perf_counter() - t0:.1f}s")
    if child is not None:
        child.join()
        if child.exitcode != 0:
            raise RuntimeError("writing territory.gpkg or the depth raster failed")
    summary.update(
        {
            "scale": scale,
            "seed": seed,
            "extent": [x0b, y0b, x1, y1],
            "communes": nc,
            "road_edges": int(roads["u"].size),
            "bridges": int(roads["bridge"].sum()),
            "flood_features": 3 * rivers.n,
            "scenarios": list(SCENARIOS),
            "sensitive_sites": len(kinds),
            "depots": counts["depots"],
        }
    )
    (out / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    write_power(out)
    log("power.gpkg written")
    summary["seconds"] = round(time.perf_counter() - t_start, 1)
    return summary


# Battery autonomy (h) of the active sites, in the order POP, NRO-001, NRO-002, ... (cycled):
# operator-style figures for the demo, not a standard.
AUTONOMY_CYCLE = (8.0, 4.0, 2.0, 6.0, 3.0)
SUBSTATION_SPACING = 6000.0  # one substation per 6 km x 6 km cell of the extent
VALLEY_MARGIN = 500.0  # the storm's long outage: the 04Fai valley and 500 m around it
VALLEY_HOURS, SOUTH_HOURS = 24.0, 8.0


def _read_rows(path, layer, fields, where=None):
    """(shapely geometry or None, {field: value}) per feature of one GeoPackage layer;
    ``where``: an OGR attribute filter (the regional set has a million nodes)."""
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    if where:
        lyr.SetAttributeFilter(where)
    rows = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        shape = shapely.from_wkb(bytes(geom.ExportToWkb())) if geom is not None else None
        rows.append((shape, {f: feat.GetField(f) for f in fields}))
    return rows


def _in(field, values):
    return f"{field} IN ({', '.join(repr(str(v)) for v in sorted(set(values)))})"


def write_power(out_dir):
    """power.gpkg: what powerresilience needs, derived from the files already written (no
    random draw, so the other files stay as they are): the active sites (the POP and the
    NROs, with battery autonomy, a fixed generator at the POP and the substation feeding
    each), substations, a storm's grid outage zones and the mobile-generator depots. A few
    features per layer: no spatial index (it would double the file)."""
    out = Path(out_dir)
    gthd, territory = out / "gracethd_v3.gpkg", out / "territory.gpkg"
    where = "lc_typelog IN ('OPE', 'NRO')"
    locals_ = _read_rows(gthd, "t_local", ["lc_st_code", "lc_typelog"], where)
    site_fields = ["st_code", "st_nd_code", "st_nom"]
    site_rows = _read_rows(
        gthd, "t_site", site_fields, _in("st_code", [a["lc_st_code"] for _, a in locals_])
    )
    sites = {a["st_code"]: a for _, a in site_rows}
    node_rows = _read_rows(
        gthd, "t_noeud", ["nd_code"], _in("nd_code", [a["st_nd_code"] for a in sites.values()])
    )
    nodes = {a["nd_code"]: g for g, a in node_rows}
    active = sorted(
        {(a["lc_typelog"], a["lc_st_code"]) for _, a in locals_},
        key=lambda item: (item[0] != "OPE", sites[item[1]]["st_nom"]),
    )
    names = [sites[code]["st_nom"] for _, code in active]
    node_codes = [sites[code]["st_nd_code"] for _, code in active]
    points = np.array([nodes[c] for c in node_codes], dtype=object)
    roles = ["POP" if kind == "OPE" else "NRO" for kind, _ in active]

    communes = [g for g, _ in _read_rows(territory, "communes", [])]
    x0, y0, x1, y1 = shapely.total_bounds(np.array(communes, dtype=object))
    # A grid of substations, moved out of the valley (a flooded substation would put every
    # site in the long outage): each row at the far side of its cell from the nearest river.
    nx_ = max(1, int(round((x1 - x0) / SUBSTATION_SPACING)))
    ny_ = max(2, int(round((y1 - y0) / SUBSTATION_SPACING)))
    sx = x0 + (np.arange(nx_) + 0.5) * (x1 - x0) / nx_
    sy = y0 + (np.arange(ny_) + np.where(np.arange(ny_) < ny_ / 2, 0.2, 0.8)) * (y1 - y0) / ny_
    sub_xy = np.array([(x, y) for y in sy for x in sx])
    sub_codes = [f"PS-{i + 1:03d}" for i in range(len(sub_xy))]
    xy = shapely.get_coordinates(points)
    nearest = cKDTree(sub_xy).query(xy)[1]

    floods = _read_rows(territory, "flood_zones", ["scenario"])
    f04 = shapely.union_all([g for g, a in floods if a["scenario"] == "04Fai"])
    f01 = [g for g, a in floods if a["scenario"] == "01For"]
    valley = shapely.buffer(f04, VALLEY_MARGIN)
    south = shapely.box(x0, y0, x1, y0 + 0.4 * (y1 - y0))
    depots = _read_rows(territory, "depots", ["depot_id"])
    wet = shapely.point_on_surface(f01[0])
    gen_points = [depots[0][0], depots[1][0], wet]
    gen_ids = ["GEN-" + depots[0][1]["depot_id"], "GEN-" + depots[1][1]["depot_id"], "GEN-RIVER"]

    ds = _gpkg(out / "power.gpkg")
    n = len(names)
    write_layer(
        ds,
        "active_sites",
        ogr.wkbPoint,
        [
            ("site_id", "s", names),
            ("role", "s", roles),
            ("nd_code", "s", node_codes),
            ("autonomy_h", "f", [AUTONOMY_CYCLE[i % len(AUTONOMY_CYCLE)] for i in range(n)]),
            ("generator", "i", [1 if r == "POP" else 0 for r in roles]),
            ("feeder", "s", [sub_codes[i] for i in nearest]),
        ],
        points,
        index=False,
    )
    write_layer(
        ds,
        "substations",
        ogr.wkbPoint,
        [("sub_id", "s", sub_codes)],
        shapely.points(sub_xy),
        index=False,
    )
    write_layer(
        ds,
        "grid_outage",
        ogr.wkbMultiPolygon,
        [("zone", "s", ["valley", "south"]), ("hours", "f", [VALLEY_HOURS, SOUTH_HOURS])],
        _multi([valley, south]),
        index=False,
    )
    write_layer(
        ds,
        "generator_depots",
        ogr.wkbPoint,
        [("depot_id", "s", gen_ids)],
        np.array(gen_points, dtype=object),
        index=False,
    )
    ds = None
    _vacuum(out / "power.gpkg")


def write_gracethd(
    path,
    roads,
    net,
    rivers,
    addr_node,
    ax,
    ay,
    n_loc_per_addr,
    nb,
    loc_addr,
    loc_type,
    addr_commune,
    insee,
    commune_names,
    site_addr,
    box,
    write=write_layer,
):
    """The fibre network as GraceTHD v3 tables (lower-case names, v3 code lists)."""
    x, y = roads["x"], roads["y"]
    n_nodes = x.size
    cables = net["cables"]
    cab_id, cab_eid = net["cab_id"], net["cab_eid"]
    used = np.unique(cab_eid)
    cm_index = np.full(net["fib_eu"].size, -1)
    cm_index[used] = np.arange(used.size)
    cm_code = codes("CM", used.size)
    eu, ev = net["fib_eu"][used], net["fib_ev"][used]
    reid = net["fib_road_eid"][used]

    # cable kinds on each route -> cm_typelog; implantation from road class and place
    kinds = np.array([c[0] for c in cables])
    cab_cm = cm_index[cab_eid]
    bits = {"CO": 1, "TR": 2, "DI": 4}
    mask = np.zeros(used.size, np.int64)
    np.bitwise_or.at(mask, cab_cm, np.array([bits[k] for k in kinds])[cab_id])
    typelog = np.array(["NC", "CO", "TR", "CT", "DI", "CD", "TD", "CX"], dtype=object)[mask]
    hw = roads["highway"][reid]
    bridge = roads["bridge"][reid]
    rng = np.random.default_rng(7)  # implantation draws, independent of the layout stream
    q = rng.random(used.size)
    typ_imp = np.where(
        np.isin(hw, ["primary", "secondary"]),
        "7",
        np.where(
            hw == "residential",
            np.where(q < 0.25, "2", "7"),
            np.where(q < 0.55, "0", np.where(q < 0.8, "1", "4")),
        ),
    )
    typ_imp = np.where(bridge, "7", typ_imp).astype(object)
    passage = np.where(
        bridge,
        "PON",
        np.where(
            np.isin(typ_imp, ["0", "1", "2"]), None, np.where(hw == "residential", "TROT", "ACC")
        ),
    ).astype(object)
    # aerial spans get a mid-span pole: each becomes two route segments
    split = np.isin(typ_imp, ["0", "1"]) & (rng.random(used.size) < 0.55)
    n_mid = int(split.sum())
    mid = n_nodes + np.arange(n_mid)  # pseudo road-node ids of the mid-span poles
    x = np.concatenate([x, (x[eu[split]] + x[ev[split]]) / 2])
    y = np.concatenate([y, (y[eu[split]] + y[ev[split]]) / 2])
    half = np.repeat(np.arange(used.size), np.where(split, 2, 1))  # new row -> old route
    first = np.r_[True, half[1:] != half[:-1]]
    mid_of = np.full(used.size, -1)
    mid_of[split] = mid
    seg_u = np.where(first, eu[half], mid_of[half])
    seg_v = np.where(first & split[half], mid_of[half], ev[half])
    eu, ev = seg_u, seg_v
    typ_imp, passage, typelog, reid = typ_imp[half], passage[half], typelog[half], reid[half]
    cm_code = codes("CM", half.size)
    # cables on a split span run on both halves
    n_rows = np.where(split, 2, 1)
    start = np.flatnonzero(first)
    cab_id = np.repeat(cab_id, n_rows[cab_cm])
    cab_cm = np.repeat(start[cab_cm], n_rows[cab_cm]) + _ranks(n_rows[cab_cm])
    n_nodes = x.size
    cm_geom = shapely.linestrings(
        np.stack([np.column_stack([x[eu], y[eu]]), np.column_stack([x[ev], y[ev]])], axis=1)
    )

    # network nodes: endpoints of routes plus every site; site nodes are the road nodes
    pops, nro, sro = net["pops"], net["nro"], net["sro"]
    net_nodes = np.unique(np.concatenate([eu, ev, pops, nro, sro]))
    nd_of = np.full(n_nodes, -1)
    nd_of[net_nodes] = np.arange(net_nodes.size)
    n_net = net_nodes.size
    n_addr = addr_node.size
    nd_code = codes("ND", n_net + n_addr)
    role = np.full(n_nodes, "PT", dtype=object)
    role[np.concatenate([pops, nro, sro])] = "ST"
    nd_type = np.concatenate([role[net_nodes], np.full(n_addr, "SF", dtype=object)])

    # technical points at every route node that is not a site
    pt_nodes = net_nodes[role[net_nodes] == "PT"]
    pt_of = np.full(n_nodes, -1)
    pt_of[pt_nodes] = np.arange(pt_nodes.size)
    aerial = np.zeros(n_nodes, bool)
    facade = np.zeros(n_nodes, bool)
    for end in (eu, ev):
        aerial[end[np.isin(typ_imp, ["0", "1"])]] = True
        facade[end[typ_imp == "2"]] = True
    pt_typephy = np.where(aerial[pt_nodes], "A", np.where(facade[pt_nodes], "F", "C"))
    q_pt = rng.random(pt_nodes.size)
    pt_nature = np.where(
        pt_typephy == "A",
        np.where(q_pt < 0.6, "PBOI", "PBET"),
        np.where(pt_typephy == "F", "CRO", np.where(q_pt < 0.7, "L1T", "L2T")),
    )
    pt_code = codes("PT", pt_nodes.size)

    ebp_nodes = np.flatnonzero(net["is_pbo"] | net["is_bpe"])
    ebp_of = np.full(n_nodes, -1)
    ebp_of[ebp_nodes] = np.arange(ebp_nodes.size)
    bp_code = codes("BP", ebp_nodes.size)
    bp_typelog = np.where(net["is_pbo"][ebp_nodes], "PBO", "BPE")
    down = net["down"][ebp_nodes]
    bp_typephy = np.where(
        bp_typelog == "PBO",
        np.where(down <= 6, "B006", "B012"),
        np.where(down <= 24, "B024", np.where(down <= 72, "B072", "B144")),
    )

    # sites and their locals: POP (operator), NROs, SROs, then client sites
    tech = np.concatenate([pops, nro, sro])
    tech_kind = np.array(["POP"] * pops.size + ["NRO"] * nro.size + ["SRO"] * sro.size)
    n_tech = tech.size
    st_code = codes("ST", n_tech + n_addr)
    lc_tech_code = codes("LC", n_tech)
    tech_name = np.concatenate(
        [codes("POP-", pops.size, 2), codes("NRO-", nro.size, 3), codes("SRO-", sro.size, 4)]
    )
    tech_insee = insee[
        addr_commune[
            cKDTree(np.column_stack([ax, ay])).query(np.column_stack([x[tech], y[tech]]))[1]
        ]
    ]
    lc_code_tech = dict(zip(tech.tolist(), lc_tech_code.tolist()))

    n_loc = loc_addr.size
    lc_code_cl = np.char.add(
        "LC", np.char.zfill(np.arange(n_tech + 1, n_tech + n_loc + 1).astype(str), 7)
    )
    lc_pbo = bp_code[ebp_of[addr_node[loc_addr]]]
    # zones: Voronoi cells of the road nodes, dissolved by PBO, SRO and NRO
    xr, yr = roads["x"], roads["y"]
    node_pts = shapely.points(xr, yr)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(np.column_stack([xr, yr])), extend_to=box)
    )
    hit = shapely.STRtree(cells).query(node_pts, predicate="within")
    cell_of = np.empty(xr.size, dtype=object)
    cell_of[hit[0]] = shapely.intersection(cells[hit[1]], box)
    sro_of = net["sro_of_node"]
    sro_idx = np.full(xr.size, -1)
    sro_idx[sro] = np.arange(sro.size)
    nro_idx = np.full(xr.size, -1)
    nro_idx[nro] = np.arange(nro.size)
    node_sro = np.where(sro_of >= 0, sro_idx[np.maximum(sro_of, 0)], -1)
    sro_nro = nro_idx[net["nro_of_node"][sro]]
    zs_geom = dissolve(cell_of, node_sro, sro.size)
    zn_geom = dissolve(np.array(zs_geom, dtype=object), sro_nro, nro.size)
    pbo_nodes = ebp_nodes[bp_typelog == "PBO"]
    zp_geom = cell_of[pbo_nodes]

    ds = _gpkg(path)
    write(
        ds,
        "t_noeud",
        ogr.wkbPoint,
        [("nd_code", "s", nd_code), ("nd_type", "s", nd_type)],
        shapely.points(np.concatenate([x[net_nodes], ax]), np.concatenate([y[net_nodes], ay])),
    )
    node_code = nd_code[:n_net]
    write(
        ds,
        "t_cheminement",
        ogr.wkbLineString,
        [
            ("cm_code", "s", cm_code),
            ("cm_ndcode1", "s", node_code[nd_of[eu]]),
            ("cm_ndcode2", "s", node_code[nd_of[ev]]),
            ("cm_typ_imp", "s", typ_imp),
            ("cm_typelog", "s", typelog),
            ("cm_statut", "s", ["REC"] * half.size),
            ("cm_avct", "s", ["E"] * half.size),
            ("cm_passage", "s", passage),
            ("cm_codeext", "s", np.char.add("OSM:", roads_osm(reid).astype(str))),
        ],
        cm_geom,
    )
    write(
        ds,
        "t_ptech",
        ogr.wkbNone,
        [
            ("pt_code", "s", pt_code),
            ("pt_codeext", "s", np.char.add("EXT-", pt_code)),
            ("pt_nd_code", "s", node_code[nd_of[pt_nodes]]),
            ("pt_typephy", "s", pt_typephy),
            ("pt_nature", "s", pt_nature),
            ("pt_statut", "s", ["REC"] * pt_nodes.size),
            ("pt_avct", "s", ["E"] * pt_nodes.size),
        ],
    )
    write(
        ds,
        "t_ebp",
        ogr.wkbNone,
        [
            ("bp_code", "s", bp_code),
            ("bp_codeext", "s", np.char.add("EXT-", bp_code)),
            ("bp_pt_code", "s", pt_code[pt_of[ebp_nodes]]),
            ("bp_typelog", "s", bp_typelog),
            ("bp_typephy", "s", bp_typephy),
            ("bp_statut", "s", ["REC"] * ebp_nodes.size),
            ("bp_avct", "s", ["E"] * ebp_nodes.size),
        ],
    )

    # cables
    n_cab = len(cables)
    cb_code = codes("CB", n_cab)
    nd1 = np.array([c[1] for c in cables])
    nd2 = np.array([c[2] for c in cables])
    seq_nodes, seq_id = net["seq_nodes"], net["seq_id"]
    cl_geom = shapely.linestrings(x[seq_nodes], y[seq_nodes], indices=seq_id)
    cab_len = shapely.length(cl_geom)
    prem_down = np.where(kinds == "DI", net["down"][nd2], 0)
    # transport/collecte capacity from the premises behind their far end
    tr_need = np.zeros(n_cab)
    sro_prem = np.bincount(node_sro[addr_node], n_loc_per_addr, minlength=sro.size)
    nro_prem = np.bincount(sro_nro, sro_prem, minlength=nro.size)
    for i, (k, _, b, _) in enumerate(cables):
        if k == "TR":
            tr_need[i] = sro_prem[sro_idx[b]] / 8.0 + 12
        elif k == "CO":
            tr_need[i] = nro_prem[nro_idx[b]] / 32.0 + 24
    need = np.where(kinds == "DI", prem_down * 1.3, tr_need)
    capafo = CAPACITIES[np.minimum(np.searchsorted(CAPACITIES, need), CAPACITIES.size - 1)]
    bp1 = np.where(ebp_of[nd1] >= 0, bp_code[np.maximum(ebp_of[nd1], 0)], None)
    bp2 = np.where(ebp_of[nd2] >= 0, bp_code[np.maximum(ebp_of[nd2], 0)], None)
    bp1 = np.where(kinds == "DI", bp1, None)
    bp2 = np.where(kinds == "DI", bp2, None)
    write(
        ds,
        "t_cable",
        ogr.wkbNone,
        [
            ("cb_code", "s", cb_code),
            ("cb_codeext", "s", np.char.add("EXT-", cb_code)),
            ("cb_etiquet", "s", [f"{k}-{c}" for k, c in zip(kinds.tolist(), cb_code.tolist())]),
            ("cb_nd1", "s", node_code[nd_of[nd1]]),
            ("cb_nd2", "s", node_code[nd_of[nd2]]),
            ("cb_bp1", "s", bp1),
            ("cb_bp2", "s", bp2),
            ("cb_typelog", "s", kinds),
            ("cb_typephy", "s", ["C"] * n_cab),
            ("cb_capafo", "i", capafo),
            ("cb_fo_util", "i", np.minimum(capafo, np.ceil(need)).astype(np.int64)),
            ("cb_modulo", "i", np.where(capafo <= 12, 6, 12)),
            ("cb_lgreel", "f", cab_len.round(2)),
            ("cb_statut", "s", ["REC"] * n_cab),
            ("cb_avct", "s", ["E"] * n_cab),
        ],
    )
    write(
        ds,
        "t_cableline",
        ogr.wkbLineString,
        [
            ("cl_code", "s", codes("CL", n_cab)),
            ("cl_cb_code", "s", cb_code),
            ("cl_long", "f", shapely.length(cl_geom).round(2)),
        ],
        cl_geom,
    )
    write(
        ds,
        "t_cab_chem",
        ogr.wkbNone,
        [("cc_cb_code", "s", cb_code[cab_id]), ("cc_cm_code", "s", cm_code[cab_cm])],
    )

    # addresses, sites, locals
    ad_code = codes("AD", n_addr)
    prio = np.zeros(n_addr, dtype=object)
    prio[:] = "0"
    prio[site_addr] = "1"
    write(
        ds,
        "t_adresse",
        ogr.wkbPoint,
        [
            ("ad_code", "s", ad_code),
            ("ad_insee", "s", insee[addr_commune]),
            ("ad_commune", "s", commune_names[addr_commune]),
            ("ad_nomvoie", "s", np.char.add("Rue ", (addr_node % 97 + 1).astype(str))),
            ("ad_numero", "i", np.arange(n_addr) % 120 + 1),
            ("ad_nblres", "i", nb["RES"]),
            ("ad_nblpro", "i", nb["PRO"]),
            ("ad_nblent", "i", nb["ENT"]),
            ("ad_nblpub", "i", nb["PUB"]),
            ("ad_nbfotth", "i", n_loc_per_addr),
            ("ad_prio", "s", prio),
            ("ad_ietat", "s", ["DE"] * n_addr),
            ("ad_isole", "s", ["0"] * n_addr),
        ],
        shapely.points(ax, ay),
    )
    tech_typephy = np.where(tech_kind == "SRO", "ADR", np.where(tech_kind == "NRO", "SHE", "BAT"))
    write(
        ds,
        "t_site",
        ogr.wkbNone,
        [
            ("st_code", "s", st_code),
            ("st_nd_code", "s", np.concatenate([node_code[nd_of[tech]], nd_code[n_net:]])),
            ("st_ad_code", "s", np.concatenate([np.full(n_tech, None, dtype=object), ad_code])),
            ("st_typelog", "s", ["RESEAU"] * n_tech + ["CLIENT"] * n_addr),
            ("st_typephy", "s", np.concatenate([tech_typephy, np.full(n_addr, "BAT")])),
            ("st_nom", "s", np.concatenate([tech_name, np.full(n_addr, None, dtype=object)])),
            ("st_insee", "s", np.concatenate([tech_insee, insee[addr_commune]])),
            ("st_statut", "s", ["REC"] * (n_tech + n_addr)),
            ("st_avct", "s", ["E"] * (n_tech + n_addr)),
        ],
    )
    lc_typelog = np.concatenate([np.where(tech_kind == "POP", "OPE", tech_kind), loc_type])
    write(
        ds,
        "t_local",
        ogr.wkbNone,
        [
            ("lc_code", "s", np.concatenate([lc_tech_code, lc_code_cl])),
            ("lc_st_code", "s", np.concatenate([st_code[:n_tech], st_code[n_tech + loc_addr]])),
            ("lc_typelog", "s", lc_typelog),
            ("lc_bp_codf", "s", np.concatenate([np.full(n_tech, None, dtype=object), lc_pbo])),
            ("lc_statut", "s", ["REC"] * (n_tech + n_loc)),
            ("lc_avct", "s", ["E"] * (n_tech + n_loc)),
        ],
    )

    zn_code = codes("ZN", nro.size, 3)
    zs_code = codes("ZS", sro.size, 4)
    write(
        ds,
        "t_znro",
        ogr.wkbMultiPolygon,
        [
            ("zn_code", "s", zn_code),
            ("zn_nd_code", "s", node_code[nd_of[nro]]),
            ("zn_lc_code", "s", [lc_code_tech[n] for n in nro.tolist()]),
            ("zn_nroref", "s", tech_name[pops.size : pops.size + nro.size]),
            ("zn_nom", "s", tech_name[pops.size : pops.size + nro.size]),
            ("zn_etat", "s", ["DP"] * nro.size),
        ],
        _multi(zn_geom),
    )
    write(
        ds,
        "t_zsro",
        ogr.wkbMultiPolygon,
        [
            ("zs_code", "s", zs_code),
            ("zs_lc_code", "s", [lc_code_tech[n] for n in sro.tolist()]),
            ("zs_zn_code", "s", zn_code[sro_nro]),
            ("zs_refpm", "s", tech_name[pops.size + nro.size :]),
            ("zs_nom", "s", tech_name[pops.size + nro.size :]),
            ("zs_nblogmt", "i", sro_prem),
            ("zs_etatpm", "s", ["DP"] * sro.size),
        ],
        _multi(zs_geom),
    )
    pbo_prem = np.bincount(addr_node, n_loc_per_addr, minlength=xr.size)[pbo_nodes]
    zp_capamax = CAPACITIES[np.minimum(np.searchsorted(CAPACITIES, pbo_prem), CAPACITIES.size - 1)]
    write(
        ds,
        "t_zpbo",
        ogr.wkbMultiPolygon,
        [
            ("zp_code", "s", codes("ZP", pbo_nodes.size)),
            ("zp_bp_code", "s", bp_code[ebp_of[pbo_nodes]]),
            ("zp_nd_code", "s", node_code[nd_of[pbo_nodes]]),
            ("zp_zs_code", "s", zs_code[node_sro[pbo_nodes]]),
            ("zp_capamax", "i", zp_capamax),
        ],
        _multi(zp_geom),
    )
    ds = None
    _vacuum(path)

    nro_names = tech_name[pops.size : pops.size + nro.size]
    sro_names = tech_name[pops.size + nro.size :]
    node_name = dict(zip(tech.tolist(), tech_name.tolist()))
    return {
        "pops": int(pops.size),
        "nros": int(nro.size),
        "sros": int(sro.size),
        "pbos": int(pbo_nodes.size),
        "bpes": int((bp_typelog == "BPE").sum()),
        "addresses": int(n_addr),
        "premises": int(n_loc),
        "route_segments": int(half.size),
        "nodes": int(n_net + n_addr),
        "cables": int(n_cab),
        "cables_by_kind": {k: int((kinds == k).sum()) for k in ("CO", "TR", "DI")},
        "cab_chem_rows": int(cab_cm.size),
        "premises_by_nro": {str(n): int(c) for n, c in zip(nro_names, nro_prem)},
        "premises_by_sro": {str(n): int(c) for n, c in zip(sro_names, sro_prem)},
        "loops_nro": [[node_name[a], node_name[b]] for a, b in net["loops"]],
        "rings_sro": [[node_name[a], node_name[b]] for a, b in net["rings"]],
        "single_homed_nro": [
            node_name[n] for n in nro.tolist() if not any(n in pair for pair in net["loops"])
        ],
    }


_OSM_BASE = 100000000


def roads_osm(road_eid):
    return _OSM_BASE + np.asarray(road_eid)


def _ranks(counts):
    """0..c-1 for each count c, concatenated."""
    counts = np.asarray(counts)
    starts = np.cumsum(counts) - counts
    return np.arange(counts.sum()) - np.repeat(starts, counts)


def dissolve(geoms, group, n):
    """Union of the geometries of each group (coverage union, groups 0..n-1)."""
    ok = group >= 0
    order = np.argsort(group[ok], kind="stable")
    g = np.asarray(geoms, dtype=object)[ok][order]
    grp = group[ok][order]
    cuts = np.searchsorted(grp, np.arange(n + 1))
    out = []
    for i in range(n):
        part = g[cuts[i] : cuts[i + 1]]
        out.append(shapely.coverage_union_all(part) if part.size else shapely.Polygon())
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="resources/sample", help="output folder")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="scale factor: 1 = sample, 200 = regional benchmark",
    )
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument(
        "--spatial-index",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="build GeoPackage spatial indexes (default: only up to scale 5)",
    )
    args = parser.parse_args(argv)
    summary = generate(args.out, args.scale, args.seed, spatial_index=args.spatial_index)
    print(json.dumps(summary, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
