"""Exposure of assets (points, lines, polygons) to hazard zones and/or a hazard raster.

Everything is computed in one projected CRS in metres (the *working* CRS), except the
raster sampling, which runs in the raster's CRS and measures its pieces back in the
working CRS (see :mod:`.raster_sampling`).

Rules, per asset:

- ``level`` (0–4) is the highest level of the zones it intersects (touching counts: a
  point on a zone's edge or a line ending on it is exposed) and of the raster cells it
  meets; with both a vector and a raster hazard the higher level wins.
- ``class_`` is the source class of the highest level (the zone's value; the raster's
  label when the raster gives the higher level); ``value`` the highest numeric value met
  (zone value or raster cell value), NaN if none.
- ``length`` (lines) and ``area`` (polygons) are the exposed measures at level >= 1:
  the union of the parts inside any zone or on any wet cell, so overlapping zones, or a
  zone over a wet cell, are never counted twice. ``share`` is that measure over the
  asset's own (points: 1 if exposed, else 0).
- ``band_length`` (lines) splits ``length`` by level: column k - 1 is the length lying at
  exactly level k, each stretch counted once, at the highest level over it (of the zones
  covering it and of the raster cell under it); a row sums to ``length``. A line's level
  may exceed its highest band with a length (a zone of level 4 touched at one point).
  Points and polygons get NaN (a polygon's exposure is an area, not a length).
- Null or empty geometries get level 0 and NULL (NaN) measures and are counted.

Lines are measured without any overlay: each segment is cut wherever a zone edge (outer
or inner ring) meets it, and each stretch between two cuts, which crosses no boundary, is
exposed when its mid-point lies in (or on the edge of) a zone the line intersects. A
stretch running along a zone edge is therefore exposed, as in a GEOS intersection. The
raster's wet stretches are on the same segments, so the union of both is a 1-D union of
parameter intervals per segment. The length runs along the line: a line running back over
itself counts each pass, as its own length does (a GEOS overlay would dissolve them).
Polygons use GEOS intersection and union.
"""

from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np
import pandas as pd
import shapely

from .errors import InputError
from .hazard_levels import MAX_LEVEL
from .monitor import as_monitor
from .raster_sampling import UNION_GRID, RasterGrid, ToMetric, sample_raster

POINT, LINE, POLYGON, NULL = 0, 1, 2, -1
CHUNK = 20000
# Zone edges per chain when pairing segments with edges: 16 rather than 8 halves the chains
# the box pairing sorts (1.25 million for 5,000 nested envelopes of 2,000 vertices: 1.6-2.2 s
# of a 7 s run); the few more candidate edges cost less than that (0.6 s gained in all).
EDGE_BLOCK = 16


@dataclass
class HazardZones:
    """Hazard polygons in the working CRS with their level (and class label, value)."""

    geometries: np.ndarray
    levels: np.ndarray
    classes: Optional[np.ndarray] = None
    values: Optional[np.ndarray] = None
    buffer: float = 0.0


@dataclass
class RasterHazard:
    """A hazard raster; ``assets`` are the assets in the raster CRS (None: same CRS)."""

    grid: RasterGrid
    thresholds: Sequence[float]
    assets: Optional[np.ndarray] = None
    to_metric: ToMetric = None
    label: str = "raster"


@dataclass
class ExposureResult:
    level: np.ndarray
    class_: np.ndarray
    value: np.ndarray
    length: np.ndarray
    area: np.ndarray
    share: np.ndarray
    failed: np.ndarray
    kind: np.ndarray  # POINT, LINE, POLYGON or NULL per asset
    null_count: int = 0
    zones_used: int = 0
    zones_repaired: int = 0
    zones_dropped: int = 0  # null, empty or not polygonal
    zones_level0: int = 0
    # (assets, 4): length at exactly level 1–4 (lines; NaN rows for the other assets).
    band_length: Optional[np.ndarray] = None


def asset_kinds(geometries: np.ndarray) -> np.ndarray:
    """POINT / LINE / POLYGON by topological dimension; NULL for None or empty."""
    kinds = shapely.get_dimensions(geometries).astype(np.int64)
    kinds[shapely.is_missing(geometries) | shapely.is_empty(geometries)] = NULL
    return kinds


def _polygonal(geometry):
    """The polygonal part of a repaired geometry (make_valid may add lines or points)."""
    polygons = [
        part
        for part in shapely.get_parts(shapely.get_parts(np.array([geometry], dtype=object)))
        if shapely.get_dimensions(part) == 2
    ]
    return shapely.union_all(polygons) if polygons else None


def prepare_zones(zones: HazardZones):
    """Repaired, buffered zones with level >= 1, and the counts to report."""
    geometries = np.asarray(zones.geometries, dtype=object)
    levels = np.asarray(zones.levels, dtype=np.int64)
    n = len(geometries)
    if len(levels) != n:
        raise InputError("Each hazard zone needs one level.")
    if np.any((levels < 0) | (levels > MAX_LEVEL)):
        raise InputError("Hazard levels must be 0–4.")
    classes = (
        np.asarray(zones.classes, dtype=object)
        if zones.classes is not None
        else np.full(n, "", object)
    )
    values = (
        np.asarray(zones.values, dtype=float) if zones.values is not None else np.full(n, np.nan)
    )
    buffer = float(zones.buffer or 0.0)
    if not np.isfinite(buffer) or buffer < 0:
        raise InputError(f"BUFFER must be a distance >= 0 m, got {zones.buffer}.")

    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    geometries = geometries.copy()
    invalid = np.flatnonzero(~missing & ~shapely.is_valid(geometries))
    for i in invalid:  # rare: repaired one by one, keeping the polygonal part
        geometries[i] = _polygonal(shapely.make_valid(geometries[i]))
    if buffer > 0:
        geometries = shapely.buffer(geometries, buffer)
    usable = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    usable &= shapely.get_dimensions(geometries) == 2
    dropped = int(np.sum(~usable))
    level0 = int(np.sum(usable & (levels <= 0)))
    keep = usable & (levels >= 1)
    return (
        geometries[keep],
        levels[keep],
        classes[keep],
        values[keep],
        {"repaired": len(invalid), "dropped": dropped, "level0": level0, "used": int(keep.sum())},
    )


def _union_by_asset(pieces: np.ndarray, owner: np.ndarray, monitor) -> tuple:
    """Union of the pieces of each owner (one C call per distinct piece count)."""
    order = np.argsort(owner, kind="stable")
    pieces, owner = pieces[order], owner[order]
    owners, first, counts = np.unique(owner, return_index=True, return_counts=True)
    merged = np.empty(len(owners), dtype=object)
    distinct = np.unique(counts)
    for step, k in enumerate(distinct):
        rows = np.flatnonzero(counts == k)
        table = pieces[first[rows][:, None] + np.arange(k)[None, :]]
        merged[rows] = shapely.union_all(table, axis=1, grid_size=UNION_GRID)
        monitor.report((step + 1) / len(distinct))
    return owners, merged


def segments(geometries: np.ndarray) -> tuple:
    """Every segment of the linear parts, in order: owner index, start and end points."""
    single = np.isin(shapely.get_type_id(geometries), (1, 2))  # linestring, linear ring
    out = []
    for rows, split in ((np.flatnonzero(single), False), (np.flatnonzero(~single), True)):
        owner = rows
        geoms = geometries[rows]
        if split:  # parts cloned only for multipart geometries (cloning is the cost)
            geoms, part = shapely.get_parts(geoms, return_index=True)
            owner = rows[part]
        coords, vertex = shapely.get_coordinates(geoms, return_index=True)
        # A boolean mask over shifted views: about half the CPU of taking rows of the
        # (millions of) zone edges by an index array.
        inner = vertex[:-1] == vertex[1:]
        out.append((owner[vertex[:-1][inner]], coords[:-1][inner], coords[1:][inner]))
    if not len(out[1][0]):  # single parts only: already in order
        return out[0]
    owner = np.concatenate([o[0] for o in out])
    order = np.argsort(owner, kind="stable")
    return (
        owner[order],
        np.concatenate([o[1] for o in out])[order],
        np.concatenate([o[2] for o in out])[order],
    )


def box_pairs(a: np.ndarray, b: np.ndarray, cell: Optional[float] = None) -> tuple:
    """Index pairs (i, j) where boxes ``a[i]`` and ``b[j]`` (xmin, ymin, xmax, ymax) meet.

    Uniform-grid hashing in numpy: each box is listed in the cells it covers, and a pair
    is kept only in the cell holding the lower-left corner of the two boxes' overlap, so
    it comes out once. The cell is about the median box size, widened while the boxes
    would fill too many cells.
    """
    empty = np.empty(0, dtype=np.int64)
    if len(a) == 0 or len(b) == 0:
        return empty, empty
    both = np.concatenate([a, b])
    origin = both[:, :2].min(axis=0)
    extent = both[:, 2:].max(axis=0) - origin
    size = np.median(np.maximum(both[:, 2] - both[:, 0], both[:, 3] - both[:, 1]))
    size = max(size, extent.max() / np.sqrt(len(both)), 1e-9) if cell is None else cell

    def span(boxes):
        lo = np.floor((boxes[:, :2] - origin) / size).astype(np.int64)
        hi = np.floor((boxes[:, 2:] - origin) / size).astype(np.int64)
        return lo, hi - lo + 1

    while True:
        (a_lo, a_n), (b_lo, b_n) = span(a), span(b)
        if np.prod(a_n, axis=1).sum() + np.prod(b_n, axis=1).sum() <= 4 * len(both):
            break
        size *= 2
    n_cols = int(np.floor(extent[0] / size)) + 1

    def cells(lo, n):
        count = n[:, 0] * n[:, 1]
        box = np.repeat(np.arange(len(lo)), count)
        k = np.arange(len(box)) - np.repeat(np.cumsum(count) - count, count)
        width = n[box, 0]
        row = k // width
        return box, (lo[box, 1] + row) * n_cols + lo[box, 0] + (k - row * width)

    a_box, a_cell = cells(a_lo, a_n)
    b_box, b_cell = cells(b_lo, b_n)
    order = np.argsort(b_cell, kind="stable")
    b_box, b_cell = b_box[order], b_cell[order]
    n_cells = n_cols * (int(np.floor(extent[1] / size)) + 1)
    if n_cells <= 8 * len(both):  # a dense table of cell starts beats a binary search
        per_cell = np.bincount(b_cell, minlength=n_cells)
        count = per_cell[a_cell]
        first = np.cumsum(per_cell)[a_cell] - count
    else:
        first = np.searchsorted(b_cell, a_cell, "left")
        count = np.searchsorted(b_cell, a_cell, "right") - first
    i = np.repeat(a_box, count)
    pair_cell = np.repeat(a_cell, count)
    j = b_box[np.repeat(first - np.cumsum(count) + count, count) + np.arange(len(i))]
    ax0, ay0, ax1, ay1 = (np.ascontiguousarray(a[:, k]) for k in range(4))
    bx0, by0, bx1, by1 = (np.ascontiguousarray(b[:, k]) for k in range(4))
    meet = (ax0[i] <= bx1[j]) & (bx0[j] <= ax1[i]) & (ay0[i] <= by1[j]) & (by0[j] <= ay1[i])
    i, j, pair_cell = i[meet], j[meet], pair_cell[meet]
    # The overlap's lower-left corner lies in the cell of the larger lower-left cells.
    col = np.maximum(a_lo[i, 0], b_lo[j, 0])
    row = np.maximum(a_lo[i, 1], b_lo[j, 1])
    once = row * n_cols + col == pair_cell
    return i[once], j[once]


def edge_pairs(
    p0: np.ndarray, p1: np.ndarray, owner: np.ndarray, q0: np.ndarray, q1: np.ndarray
) -> tuple:
    """Pairs (i, k) of segments ``p0[i]``–``p1[i]`` and edges ``q0[k]``–``q1[k]`` that may meet.

    The edges come in runs of one ``owner`` each (one zone's rings, in order), so chains of
    up to ``EDGE_BLOCK`` consecutive edges have a tight box. A segment is paired with the
    chains whose box meets its own (:func:`box_pairs`) and does not lie wholly on one side
    of its line (with a margin well above rounding), then with the edges of those chains
    whose box meets its own. Every edge that meets a segment is paired with it.
    """
    empty = np.empty(0, dtype=np.int64)
    n = len(q0)
    if not n or not len(p0):
        return empty, empty
    index = np.arange(n)
    run_start = np.maximum.accumulate(np.where(np.r_[True, owner[1:] != owner[:-1]], index, 0))
    starts = np.flatnonzero((index - run_start) % EDGE_BLOCK == 0)
    # Edge boxes as contiguous columns (millions of edges): 1-D reductions and takes are
    # much cheaper than on rows of 2-D arrays.
    e_x0, e_x1 = np.minimum(q0[:, 0], q1[:, 0]), np.maximum(q0[:, 0], q1[:, 0])
    e_y0, e_y1 = np.minimum(q0[:, 1], q1[:, 1]), np.maximum(q0[:, 1], q1[:, 1])
    chain_lo = np.column_stack([np.minimum.reduceat(c, starts) for c in (e_x0, e_y0)])
    chain_hi = np.column_stack([np.maximum.reduceat(c, starts) for c in (e_x1, e_y1)])
    s_lo, s_hi = np.minimum(p0, p1), np.maximum(p0, p1)
    i, chain = box_pairs(np.hstack([s_lo, s_hi]), np.hstack([chain_lo, chain_hi]))

    # The cross product d × (corner - p0) over the chain's box: same sign at all four
    # corners (beyond the margin) means no edge of the chain reaches the segment's line.
    d = (p1 - p0)[i]
    x0, x1 = chain_lo[chain, 0] - p0[i, 0], chain_hi[chain, 0] - p0[i, 0]
    y0, y1 = chain_lo[chain, 1] - p0[i, 1], chain_hi[chain, 1] - p0[i, 1]
    along_y = np.stack([d[:, 0] * y0, d[:, 0] * y1])
    along_x = np.stack([-d[:, 1] * x0, -d[:, 1] * x1])
    high = along_y.max(axis=0) + along_x.max(axis=0)
    low = along_y.min(axis=0) + along_x.min(axis=0)
    margin = 4e-9 * (np.abs(d[:, 0]) + np.abs(d[:, 1]))
    margin *= np.maximum(np.abs(x0), np.abs(x1)) + np.maximum(np.abs(y0), np.abs(y1))
    straddle = (low <= margin) & (high >= -margin)
    i, chain = i[straddle], chain[straddle]

    count = np.diff(np.r_[starts, n])[chain]
    i = np.repeat(i, count)
    k = np.repeat(starts[chain] - np.cumsum(count) + count, count) + np.arange(len(i))
    s_x0, s_y0, s_x1, s_y1 = (np.ascontiguousarray(c) for c in (*s_lo.T, *s_hi.T))
    meet = (s_x0[i] <= e_x1[k]) & (e_x0[k] <= s_x1[i])
    meet &= (s_y0[i] <= e_y1[k]) & (e_y0[k] <= s_y1[i])
    return i[meet], k[meet]


def _crossings(p0, d, q0, e) -> tuple:
    """Pair index and parameter t along ``p0 + t·d`` where edge ``q0 + u·e`` meets it.

    Generous on purpose: a needless cut only splits a stretch in two, a missed one would
    let one mid-point decide across a boundary. Parallel (or nearly) edges give the
    projections of their two end points, which bound any overlap.
    """
    w = q0 - p0
    denom = d[:, 0] * e[:, 1] - d[:, 1] * e[:, 0]
    dd = np.einsum("ij,ij->i", d, d)
    ee = np.einsum("ij,ij->i", e, e)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (w[:, 0] * e[:, 1] - w[:, 1] * e[:, 0]) / denom
        u = (w[:, 0] * d[:, 1] - w[:, 1] * d[:, 0]) / denom
    slack = 1e-9
    meet = (u >= -slack) & (u <= 1 + slack) & np.isfinite(t)
    parallel = np.flatnonzero(np.abs(denom) <= 1e-9 * np.sqrt(dd * ee))
    wp = w[parallel]
    dp = d[parallel]
    t_q0 = np.einsum("ij,ij->i", wp, dp) / dd[parallel]
    t_q1 = np.einsum("ij,ij->i", wp + e[parallel], dp) / dd[parallel]
    pair = np.concatenate([np.flatnonzero(meet), parallel, parallel])
    t = np.concatenate([t[meet], t_q0, t_q1])
    inner = (t > 0) & (t < 1)
    return pair[inner], t[inner]


def _exposed_stretches(lines, owners, zg, zl, pair_asset, pair_zone) -> tuple:
    """Stretches of ``lines`` inside zones: segment, t0, t1, level (and the segments).

    Each segment is cut wherever a zone edge (outer or inner ring) meets it; between two
    cuts no boundary is crossed, so the stretch's mid-point decides whether it is inside
    one of the zones its line intersects (``pair_asset``/``pair_zone``), and its level is
    the highest level ``zl`` of those zones. A stretch running along an edge counts as
    inside, as for a GEOS intersection (boundary included).
    """
    seg_owner, p0, p1 = segments(lines)
    seg_asset = owners[seg_owner]
    d = p1 - p0
    seg_length = np.hypot(d[:, 0], d[:, 1])
    live = np.flatnonzero(seg_length > 0)  # zero-length segments expose nothing

    hit_zones = np.unique(pair_zone)
    ring, q0, q1 = segments(shapely.boundary(zg[hit_zones]))
    s_idx, e_idx = edge_pairs(p0[live], p1[live], ring, q0, q1)
    s_idx = live[s_idx]
    cut_pair, cut_t = _crossings(p0[s_idx], d[s_idx], q0[e_idx], q1[e_idx] - q0[e_idx])

    seg = np.concatenate([live, live, s_idx[cut_pair]])
    t = np.concatenate([np.zeros(len(live)), np.ones(len(live)), cut_t])
    order = np.lexsort((t, seg))
    seg, t = seg[order], t[order]
    keep = (seg[:-1] == seg[1:]) & (t[1:] > t[:-1])
    sub_seg, t0, t1 = seg[:-1][keep], t[:-1][keep], t[1:][keep]
    mid = p0[sub_seg] + ((t0 + t1) / 2)[:, None] * d[sub_seg]

    # Mid-points against the zones their line intersects, after a bounding-box filter.
    order = np.argsort(pair_asset, kind="stable")
    pair_asset, pair_zone = pair_asset[order], pair_zone[order]
    first = np.searchsorted(pair_asset, seg_asset[sub_seg], "left")
    count = np.searchsorted(pair_asset, seg_asset[sub_seg], "right") - first
    sub = np.repeat(np.arange(len(sub_seg)), count)
    offset = np.arange(len(sub)) - np.repeat(np.cumsum(count) - count, count)
    zone = pair_zone[first[sub] + offset]
    bounds = shapely.bounds(zg)[zone]
    mx, my = mid[sub, 0], mid[sub, 1]
    near = (mx >= bounds[:, 0]) & (mx <= bounds[:, 2]) & (my >= bounds[:, 1]) & (my <= bounds[:, 3])
    sub, zone = sub[near], zone[near]
    inside = shapely.intersects_xy(zg[zone], mid[sub, 0], mid[sub, 1])
    sub, zone = sub[inside], zone[inside]
    level = np.zeros(len(sub_seg), dtype=np.int64)
    zone_level = zl[zone]
    for k in range(1, MAX_LEVEL + 1):  # rising, so that the highest level is written last
        level[sub[zone_level == k]] = k
    exposed = level >= 1
    return (
        sub_seg[exposed],
        t0[exposed],
        t1[exposed],
        level[exposed],
        seg_asset,
        seg_length,
    )


def _band_index(asset: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Flat index of (asset, level 1–4) in an (assets, 4) table."""
    return asset * MAX_LEVEL + (level - 1)


def _union_bands(seg, t0, t1, level, seg_length, seg_asset, n) -> tuple:
    """Length per asset of the union of stretches (t0, t1) of its segments, and the same
    length split by level (each point of a segment at the highest level covering it).

    One 1-D sweep: the events are sorted once; the union of the stretches of level k or
    more is covered where their running count is positive, and the band at exactly k is
    that length minus the one of level k + 1 or more.
    """
    key = np.concatenate([seg, seg])
    at = np.concatenate([t0, t1])
    step = np.concatenate([np.ones(len(seg), np.int64), -np.ones(len(seg), np.int64)])
    lv = np.concatenate([level, level])
    order = np.lexsort((-step, at, key))  # at equal t, open before close: no gap
    key, at, step, lv = key[order], at[order], step[order], lv[order]
    same = key[:-1] == key[1:]
    weight = (at[1:] - at[:-1]) * seg_length[key[:-1]]
    owner = seg_asset[key[:-1]]
    above = np.zeros((n, MAX_LEVEL + 1))  # column k - 1: length at level k or more
    for k in range(1, MAX_LEVEL + 1):
        depth = np.cumsum(np.where(lv >= k, step, 0))  # back to 0 after every segment
        covered = (depth[:-1] > 0) & same
        above[:, k - 1] = np.bincount(owner, weights=np.where(covered, weight, 0.0), minlength=n)
    return above[:, 0], np.maximum(above[:, :-1] - above[:, 1:], 0.0)


def exposure(
    assets: np.ndarray,
    zones: Optional[HazardZones] = None,
    raster: Optional[RasterHazard] = None,
    fail_level: int = 3,
    progress=None,
    is_cancelled=None,
) -> ExposureResult:
    """Exposure of every asset to ``zones`` and/or ``raster`` (see the module docstring)."""
    monitor = as_monitor(progress, is_cancelled)
    if zones is None and raster is None:
        raise InputError("Give a hazard: a layer of hazard zones and/or a hazard raster.")
    if not 1 <= int(fail_level) <= MAX_LEVEL:
        raise InputError(f"FAIL_LEVEL must be 1–4, got {fail_level}.")
    assets = np.asarray(assets, dtype=object)
    n = len(assets)
    kind = asset_kinds(assets)
    level = np.zeros(n, dtype=np.int64)
    value = np.full(n, np.nan)
    class_ = np.full(n, "", dtype=object)
    counts = {"repaired": 0, "dropped": 0, "level0": 0, "used": 0}
    zg = np.empty(0, dtype=object)
    zl = np.empty(0, dtype=np.int64)
    if zones is not None:
        zg, zl, zc, zv, counts = prepare_zones(zones)
    monitor.report(0.1)

    sampled = None
    if raster is not None:
        in_raster_crs = raster.assets if raster.assets is not None else assets
        if len(in_raster_crs) != n:
            raise InputError("The assets in the raster CRS must match the assets one to one.")
        sampled = sample_raster(
            np.asarray(in_raster_crs, dtype=object),
            raster.grid,
            raster.thresholds,
            raster.to_metric,
            progress=monitor.slice(0.1, 0.4).report,
            is_cancelled=is_cancelled,
        )

    # Zones prepared once, for the query and for the mid-points of line stretches.
    fresh = zg[~shapely.is_prepared(zg)]
    shapely.prepare(fresh)
    try:
        a_idx = z_idx = np.empty(0, dtype=np.int64)
        present = np.flatnonzero(kind != NULL)
        if len(zg) and len(present):
            # The tree holds the assets, so that each zone is queried (and prepared) once.
            # Boxes first, then one vectorised predicate on the prepared zones: the same
            # pairs in the same order as query(predicate=...), measured 1.5-2x faster.
            z_idx, a_idx = shapely.STRtree(assets[present]).query(zg)
            meet = shapely.intersects(zg[z_idx], assets[present[a_idx]])
            z_idx, a_idx = z_idx[meet], present[a_idx[meet]]
            np.maximum.at(level, a_idx, zl[z_idx])
            np.fmax.at(value, a_idx, zv[z_idx])
            # Class of the highest level: then the highest value, then the first zone.
            sort_value = np.where(np.isnan(zv[z_idx]), -np.inf, zv[z_idx])
            order = np.lexsort((z_idx, -sort_value, -zl[z_idx], a_idx))
            owners, first = np.unique(a_idx[order], return_index=True)
            class_[owners] = zc[z_idx[order][first]]
        monitor.report(0.6)
        if sampled is not None and raster is not None:
            higher = sampled.level > level
            class_[higher] = raster.label
            level = np.maximum(level, sampled.level)
            value = np.fmax(value, sampled.value)
        exposed_length, exposed_area, band = _measures(
            assets, kind, zg, zl, a_idx, z_idx, sampled, monitor
        )
    finally:
        shapely.destroy_prepared(fresh)  # the caller's geometries left as they came
    monitor.report(1.0)

    length = np.full(n, np.nan)
    area = np.full(n, np.nan)
    share = np.full(n, np.nan)
    lines = kind == LINE
    polygons = kind == POLYGON
    points = kind == POINT
    length[lines] = exposed_length[lines]
    area[polygons] = exposed_area[polygons]
    band_length = np.full((n, MAX_LEVEL), np.nan)
    band_length[lines] = band[lines]
    total_length = shapely.length(assets[lines])
    total_area = shapely.area(assets[polygons])
    with np.errstate(invalid="ignore", divide="ignore"):
        share[lines] = np.where(total_length > 0, length[lines] / total_length, 0.0)
        share[polygons] = np.where(total_area > 0, area[polygons] / total_area, 0.0)
    share[points] = (level[points] >= 1).astype(float)
    share = np.clip(share, 0.0, 1.0)
    level[kind == NULL] = 0
    return ExposureResult(
        level=level,
        class_=class_,
        value=value,
        length=length,
        area=area,
        share=share,
        failed=(level >= int(fail_level)).astype(np.int64),
        kind=kind,
        null_count=int(np.sum(kind == NULL)),
        zones_used=counts["used"],
        zones_repaired=counts["repaired"],
        zones_dropped=counts["dropped"],
        zones_level0=counts["level0"],
        band_length=band_length,
    )


def _measures(assets, kind, zg, zl, a_idx, z_idx, sampled, monitor) -> tuple:
    """Exposed length and area per asset (the union of vector and raster exposure), and
    the exposed length of lines by level (see the module docstring).

    Lines: as stretches of their segments (no overlay, no geometric union); with a raster
    too, its wet stretches join the vector ones on the same segments, provided the asset
    has the same segments in both CRSs (else, like polygons, GEOS intersection + union).
    """
    n = len(assets)
    exposed_length = sampled.length.copy() if sampled is not None else np.zeros(n)
    exposed_area = sampled.area.copy() if sampled is not None else np.zeros(n)
    band = sampled.band_length.copy() if sampled is not None else np.zeros((n, MAX_LEVEL))
    line_pair = kind[a_idx] == LINE
    line_assets = np.unique(a_idx[line_pair])
    if sampled is not None and len(line_assets):
        own = np.bincount(segments(assets[line_assets])[0], minlength=len(line_assets))
        same = own == sampled.segments[line_assets]
        geometric_lines = line_assets[~same]
        line_assets = line_assets[same]
        line_pair &= np.isin(a_idx, line_assets)
    else:
        geometric_lines = np.empty(0, dtype=np.int64)

    lm = monitor.slice(0.6, 0.85)
    if len(line_assets):
        lm.check()
        seg, t0, t1, level, seg_asset, seg_length = _exposed_stretches(
            assets[line_assets], line_assets, zg, zl, a_idx[line_pair], z_idx[line_pair]
        )
        if sampled is not None:
            # Raster stretches of these assets: segment rank -> index in seg_asset.
            first_seg = np.searchsorted(seg_asset, line_assets)
            wet = np.isin(sampled.wet_asset, line_assets)
            wet_asset = sampled.wet_asset[wet]
            seg = np.concatenate(
                [seg, first_seg[np.searchsorted(line_assets, wet_asset)] + sampled.wet_segment[wet]]
            )
            t0 = np.concatenate([t0, sampled.wet_t0[wet]])
            t1 = np.concatenate([t1, sampled.wet_t1[wet]])
            level = np.concatenate([level, sampled.wet_level[wet]])
            union, bands = _union_bands(seg, t0, t1, level, seg_length, seg_asset, n)
            exposed_length[line_assets] = union[line_assets]
            band[line_assets] = bands[line_assets]
        else:
            # Stretches of one line never overlap (cut at every zone edge): plain sums.
            stretch_length = (t1 - t0) * seg_length[seg]
            exposed_length += np.bincount(seg_asset[seg], weights=stretch_length, minlength=n)
            band += np.bincount(
                _band_index(seg_asset[seg], level), weights=stretch_length, minlength=n * MAX_LEVEL
            ).reshape(n, MAX_LEVEL)
    lm.report(1.0)

    # Polygons (and lines whose segments differ between CRSs): GEOS overlay and union.
    geometric = (kind[a_idx] == POLYGON) | np.isin(a_idx, geometric_lines)
    a_m, z_m = a_idx[geometric], z_idx[geometric]
    gm = monitor.slice(0.85, 0.95)
    pieces = np.empty(len(a_m), dtype=object)
    for start in range(0, len(a_m), CHUNK):
        stop = start + CHUNK
        pieces[start:stop] = shapely.intersection(assets[a_m[start:stop]], zg[z_m[start:stop]])
        gm.report(stop / max(len(a_m), 1))
    owner = a_m
    source = np.zeros(len(a_m), dtype=np.int8)
    piece_level = zl[z_m] if len(a_m) else np.empty(0, np.int64)
    if sampled is not None:
        raster_piece = np.isin(sampled.piece_asset, np.flatnonzero(kind == POLYGON))
        raster_piece |= np.isin(sampled.piece_asset, geometric_lines)
        pieces = np.concatenate([pieces, sampled.pieces[raster_piece]])
        owner = np.concatenate([owner, sampled.piece_asset[raster_piece]])
        source = np.concatenate([source, np.ones(int(raster_piece.sum()), dtype=np.int8)])
        piece_level = np.concatenate([piece_level, sampled.piece_level[raster_piece]])
    owner = owner.astype(np.int64)
    n_vector = np.bincount(owner[source == 0], minlength=n)
    n_raster = np.bincount(owner[source == 1], minlength=n)
    single_piece = (source == 0) & ((n_vector == 1) & (n_raster == 0))[owner]
    exposed_length[owner[single_piece]] = shapely.length(pieces[single_piece])
    exposed_area[owner[single_piece]] = shapely.area(pieces[single_piece])
    needs_union = ((n_vector >= 2) | ((n_vector >= 1) & (n_raster >= 1)))[owner]
    if needs_union.any():
        owners, merged = _union_by_asset(
            pieces[needs_union], owner[needs_union], monitor.slice(0.95, 1.0)
        )
        exposed_length[owners] = shapely.length(merged)
        exposed_area[owners] = shapely.area(merged)
    if len(geometric_lines):
        _geometric_bands(band, geometric_lines, pieces, owner, piece_level, single_piece)
    return exposed_length, exposed_area, band


def _geometric_bands(band, lines, pieces, owner, piece_level, single_piece) -> None:
    """Bands of the ``lines`` measured by GEOS overlay: at level k or more, the length of
    the union of their pieces of level k or more; at exactly k, that minus the next."""
    band[lines] = 0.0
    mine = np.isin(owner, lines)
    single = mine & single_piece
    band[owner[single], piece_level[single] - 1] = shapely.length(pieces[single])
    several = mine & ~single_piece
    above = np.zeros((len(band), MAX_LEVEL + 1))
    for k in range(1, MAX_LEVEL + 1):
        chosen = several & (piece_level >= k)
        if chosen.any():
            owners, merged = _union_by_asset(pieces[chosen], owner[chosen], as_monitor(None))
            above[owners, k - 1] = shapely.length(merged)
    multi = np.unique(owner[several])
    band[multi] = np.maximum(above[multi, :-1] - above[multi, 1:], 0.0)


def representative_points(assets: np.ndarray) -> np.ndarray:
    """Where an asset is attributed to an aggregate zone.

    Points: the point itself (a multipoint: its point nearest the centroid); lines: the
    mid-point along their length; polygons: ``point_on_surface`` (always inside, unlike
    the centroid). None for null or empty geometries.
    """
    assets = np.asarray(assets, dtype=object)
    kind = asset_kinds(assets)
    out = np.full(len(assets), None, dtype=object)
    lines = kind == LINE
    linear_types = np.isin(shapely.get_type_id(assets), (1, 2, 5))
    midpoint = lines & linear_types
    out[midpoint] = shapely.line_interpolate_point(assets[midpoint], 0.5, normalized=True)
    other = (kind != NULL) & ~midpoint
    out[other] = shapely.point_on_surface(assets[other])
    return out


def exposure_summary(
    result: ExposureResult,
    assets: np.ndarray,
    premises: Optional[np.ndarray] = None,
    aggregates: Optional[np.ndarray] = None,
    aggregate_names: Optional[Sequence] = None,
    groups: Optional[Sequence] = None,
) -> pd.DataFrame:
    """Counts, exposed length/area, premises and failures by level (and group).

    Columns: ``aggregate`` (only with aggregates; None for assets in none of them),
    ``grp_value`` (only with ``groups``, one value per asset: that value as text, None for
    None), ``hz_level`` 0–4, ``n_assets``, ``length_m``, ``band_m``, ``area_m2``,
    ``premises`` (NaN when no premises count is given; NULL counts as 0), ``n_failed``.

    ``n_assets`` … ``n_failed`` sum the assets *whose level* is the row's level (``length_m``
    is their whole exposed length, at any level); ``band_m`` is the length of line lying
    *at* the row's level, whatever the assets' levels (the sum of ``band_length``), and at
    level 0 the length of line outside every hazard: a group's ``band_m`` add up to the
    length of its lines. An asset belongs to the aggregate polygon holding its
    representative point (see :func:`representative_points`; on a shared edge, the first
    polygon). Rows: every aggregate (polygons with one name merged, in their order, then
    None) or every group value (sorted, None last), each with levels 0–4; with both, each
    (aggregate, group value) pair holding at least one asset.
    """
    n = len(result.level)
    premises_given = premises is not None
    prem = np.nan_to_num(np.asarray(premises, dtype=float)) if premises_given else np.zeros(n)
    dims = []  # (column, labels, label index per asset)
    if aggregates is not None:
        aggregates = np.asarray(aggregates, dtype=object)
        names = (
            np.asarray(aggregate_names, dtype=object)
            if aggregate_names is not None
            else np.arange(len(aggregates)).astype(object)
        )
        if len(names) != len(aggregates):
            raise InputError("Each aggregate zone needs one name.")
        owner = aggregate_owner(assets, aggregates)
        order = list(dict.fromkeys(names.tolist()))
        code_of_name = {name: code for code, name in enumerate(order)}
        codes = np.array([code_of_name[name] for name in names] + [len(order)], dtype=np.int64)
        if np.any(owner < 0):
            order.append(None)
        dims.append(("aggregate", order, codes[owner]))  # owner -1: the last code, None
    if groups is not None:
        if len(groups) != n:
            raise InputError("Each asset needs one group value.")
        labels, codes = group_codes(groups)
        dims.append(("grp_value", labels, codes))

    rows: List[tuple] = [()]
    combo = np.zeros(n, dtype=np.int64)
    if len(dims) == 1:
        combo, rows = dims[0][2], [(label,) for label in dims[0][1]]
    elif len(dims) == 2:
        (_, a_labels, a_code), (_, g_labels, g_code) = dims
        key = a_code * len(g_labels) + g_code
        present, combo = np.unique(key, return_inverse=True)
        rows = [(a_labels[k // len(g_labels)], g_labels[k % len(g_labels)]) for k in present]
    m, width = len(rows), MAX_LEVEL + 1
    at = combo * width + result.level

    def by_level(weights=None):
        return np.bincount(at, weights=weights, minlength=m * width)[: m * width]

    band = (
        np.nan_to_num(result.band_length)
        if result.band_length is not None
        else np.zeros((n, MAX_LEVEL))
    )
    lines = np.flatnonzero(result.kind == LINE)
    dry = np.zeros(n)
    dry[lines] = np.maximum(
        shapely.length(assets[lines]) - np.nan_to_num(result.length[lines]), 0.0
    )
    band_m = np.column_stack(
        [np.bincount(combo, weights=w, minlength=m)[:m] for w in (dry, *band.T)]
    )
    table = pd.DataFrame(
        {
            "hz_level": np.tile(np.arange(width), m),
            "n_assets": by_level().astype(np.int64),
            "length_m": by_level(np.nan_to_num(result.length)),
            "band_m": band_m.reshape(-1),
            "area_m2": by_level(np.nan_to_num(result.area)),
            "premises": by_level(prem) if premises_given else np.nan,
            "n_failed": by_level(result.failed.astype(float)).astype(np.int64),
        }
    )
    for position, (column, _, _) in enumerate(dims):
        values = np.empty(m, dtype=object)
        values[:] = [row[position] for row in rows]
        table.insert(position, column, np.repeat(values, width))
    return table


def group_codes(values: Sequence) -> tuple:
    """Distinct group values as text (None last) and each value's index among them.

    Values are sorted as they are (numbers as numbers: 2 before 10), or by their text when
    they do not compare (mixed types); None (NULL) and NaN make one group of their own,
    labelled None.
    """
    plain = list(values)
    given = np.array([v is not None and v == v for v in plain], dtype=bool)
    present = [v for v, kept in zip(plain, given.tolist()) if kept]
    distinct = list(dict.fromkeys(present))
    try:
        distinct.sort()
    except TypeError:
        distinct.sort(key=str)
    index = {value: i for i, value in enumerate(distinct)}
    codes = np.full(len(plain), len(distinct), dtype=np.int64)
    codes[given] = [index[v] for v in present]
    labels: List[Optional[str]] = [str(v) for v in distinct]
    if not given.all():
        labels.append(None)
    return labels, codes


def aggregate_owner(assets: np.ndarray, aggregates: np.ndarray) -> np.ndarray:
    """Index of the aggregate polygon holding each asset's representative point, or -1."""
    n = len(assets)
    points = representative_points(assets)
    located = np.flatnonzero(~shapely.is_missing(points))
    owner = np.full(n, -1, dtype=np.int64)
    usable = np.flatnonzero(~(shapely.is_missing(aggregates) | shapely.is_empty(aggregates)))
    if len(located) and len(usable):
        tree = shapely.STRtree(aggregates[usable])
        p_idx, g_idx = tree.query(points[located], predicate="intersects")
        none = np.iinfo(np.int64).max
        first = np.full(n, none)
        np.minimum.at(first, located[p_idx], usable[g_idx])
        owner = np.where(first == none, -1, first)
    return owner
