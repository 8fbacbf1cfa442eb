"""Exposure of assets to a hazard raster (water depth, intensity …), exactly per cell.

The raster is a numpy 2D array with a GDAL geotransform
(``x = gt[0] + col*gt[1] + row*gt[2]``, ``y = gt[3] + col*gt[4] + row*gt[5]``) and a nodata
value; nodata and NaN cells are not exposure. Thresholds turn a cell value into a level
(value >= t1 → 1, >= t2 → 2 …). The assets come in the raster's CRS; ``to_metric`` maps
(N, 2) coordinates from the raster CRS to the projected working CRS, where lengths and
areas are measured (None when the raster is in the working CRS already).

- Points take the value of the cell they fall in (a point on a cell edge takes the cell
  to its right / below in pixel space).
- Lines are cut at every cell edge they cross, not only at their vertices: all crossings
  of all segments with the grid lines are computed at once in pixel space. Each piece
  takes its cell's value. The exposed pieces (level >= 1) are rebuilt on the working-CRS
  segments at the same segment parameter, so they lie exactly on the asset's own
  segments and can be merged with vector exposure without double counting; they are also
  given as (asset, segment rank, t0, t1, level) stretches for a 1-D union with vector
  exposure. The length over cells of each level is summed per asset (the level bands).
- Polygons take the highest value of the cells whose centre they cover; a polygon that
  covers no cell centre takes the cell under its representative point. Their exposed area
  is exact: the polygon intersected with the wet cells (level >= 1). A polygon brushing a
  wet cell without covering its centre therefore keeps its level but gains some area.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence, Tuple

import numpy as np
import shapely

from .errors import InputError
from .hazard_levels import MAX_LEVEL, levels_from_thresholds
from .monitor import as_monitor

ToMetric = Optional[Callable[[np.ndarray], np.ndarray]]
# Snap-rounding precision (working CRS units, metres) when unioning pieces of one asset:
# it makes pieces cut from the same segment by different sources coincide exactly.
UNION_GRID = 1e-6


def at_precision(values, dtype) -> np.ndarray:
    """``values`` (thresholds, a failure value, a curve's intensities) as a raster of
    ``dtype`` stores them, widened back to float64 (float32 rasters: rounded to float32;
    other types, and infinities: unchanged).

    Cells are compared with thresholds at the raster's own precision: a float32 cell
    holding "0.3" is 0.300000012 once widened to float64, so it is not deeper than a
    threshold of 0.3, and one holding "0.01" is 0.00999999978, which still reaches a
    threshold of 0.01.
    """
    out = np.array(values, dtype=float)
    if dtype is not None and np.issubdtype(np.dtype(dtype), np.floating):
        finite = np.isfinite(out)
        out[finite] = out[finite].astype(dtype).astype(float)
    return out


@dataclass
class RasterGrid:
    """A single-band raster window: values, geotransform and nodata."""

    array: np.ndarray
    geotransform: Sequence[float]
    nodata: Optional[float] = None

    def __post_init__(self):
        self.array = np.asarray(self.array)
        if self.array.ndim != 2:
            raise InputError("The hazard raster must be a single band (a 2D array).")
        gt = [float(v) for v in self.geotransform]
        if len(gt) != 6:
            raise InputError("The raster geotransform must have 6 numbers.")
        determinant = gt[1] * gt[5] - gt[2] * gt[4]
        if determinant == 0:
            raise InputError("The raster geotransform is degenerate (zero pixel size).")
        self.geotransform = tuple(gt)

    @property
    def shape(self) -> Tuple[int, int]:
        rows, cols = self.array.shape
        return int(rows), int(cols)

    def to_pixel(self, x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """World coordinates → fractional (col, row)."""
        g0, g1, g2, g3, g4, g5 = self.geotransform
        det = g1 * g5 - g2 * g4
        dx = np.asarray(x, dtype=float) - g0
        dy = np.asarray(y, dtype=float) - g3
        return (g5 * dx - g2 * dy) / det, (-g4 * dx + g1 * dy) / det

    def to_world(self, col: np.ndarray, row: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        g0, g1, g2, g3, g4, g5 = self.geotransform
        col = np.asarray(col, dtype=float)
        row = np.asarray(row, dtype=float)
        return g0 + col * g1 + row * g2, g3 + col * g4 + row * g5

    def at_precision(self, value: float) -> float:
        """``value`` as the raster stores it (float32 rasters: rounded to float32); see
        :func:`at_precision`."""
        return float(at_precision(value, self.array.dtype))

    def valid_values(self) -> np.ndarray:
        """Cell values as float, NaN where nodata or not finite."""
        values = self.array.astype(float)
        if self.nodata is not None and np.isfinite(self.nodata):
            nodata = np.array(self.nodata).astype(self.array.dtype)
            values[self.array == nodata] = np.nan
        values[~np.isfinite(values)] = np.nan
        return values


@dataclass
class RasterExposure:
    """Per asset: level, highest value, exposed length/area, and the exposed pieces."""

    level: np.ndarray  # int 0–4
    value: np.ndarray  # float, highest valid cell value met, NaN if none
    length: np.ndarray  # float, exposed length in the working CRS (lines), else 0
    area: np.ndarray  # float, exposed area in the working CRS (polygons), else 0
    pieces: np.ndarray  # object, exposed pieces in the working CRS (disjoint per asset)
    piece_asset: np.ndarray  # int, the asset of each piece
    # Wet stretches of line segments, for an exact 1-D union with vector exposure: the
    # asset, the segment's rank in the asset (parts and vertices in order), t0 < t1 along
    # it and the cell's level. The pieces above are these stretches rebuilt in the working
    # CRS, one run of consecutive stretches of one level per piece.
    wet_asset: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    wet_segment: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    wet_t0: np.ndarray = field(default_factory=lambda: np.empty(0))
    wet_t1: np.ndarray = field(default_factory=lambda: np.empty(0))
    segments: Optional[np.ndarray] = None  # per asset, its number of line segments
    wet_level: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    piece_level: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    # Per asset (rows) and level 1–4 (columns): the length of line over cells of exactly
    # that level, in the working CRS; a row sums to ``length``. Zero for points, polygons.
    band_length: Optional[np.ndarray] = None


def parse_raster_thresholds(thresholds) -> np.ndarray:
    """Thresholds as an increasing float array (text ``"0.01;0.5;1;2"`` or a sequence)."""
    if isinstance(thresholds, str):
        from .hazard_levels import parse_thresholds

        return parse_thresholds(thresholds)
    values = np.asarray(list(thresholds), dtype=float)
    if values.size == 0 or values.size > 4 or np.any(np.diff(values) <= 0):
        raise InputError("Raster thresholds must be one to four strictly increasing numbers.")
    return values


def _cells(values: np.ndarray, col: np.ndarray, row: np.ndarray) -> np.ndarray:
    """Values at integer cells, NaN outside the raster."""
    rows, cols = values.shape
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    out = np.full(col.shape, np.nan)
    out[inside] = values[row[inside], col[inside]]
    return out


def _identity(coords: np.ndarray) -> np.ndarray:
    return coords


def sample_raster(
    assets: np.ndarray,
    grid: RasterGrid,
    thresholds,
    to_metric: ToMetric = None,
    progress=None,
    is_cancelled=None,
) -> RasterExposure:
    """Levels, values and exposed length/area of every asset against ``grid``.

    ``assets`` is a shapely array in the raster's CRS (None or empty allowed: level 0);
    multipart geometries are sampled part by part and aggregated (highest level/value,
    summed length/area).
    """
    monitor = as_monitor(progress, is_cancelled)
    thresholds = at_precision(parse_raster_thresholds(thresholds), grid.array.dtype)
    to_metric = to_metric or _identity
    assets = np.asarray(assets, dtype=object)
    n = len(assets)
    level = np.zeros(n, dtype=np.int64)
    value = np.full(n, np.nan)
    length = np.zeros(n)
    area = np.zeros(n)
    band_length = np.zeros((n, MAX_LEVEL))
    values = grid.valid_values()
    cell_level = levels_from_thresholds(values, thresholds)

    present = ~(shapely.is_missing(assets) | shapely.is_empty(assets))
    parts, part_asset = shapely.get_parts(assets[present], return_index=True)
    part_asset = np.flatnonzero(present)[part_asset]
    kind = shapely.get_dimensions(parts)
    monitor.report(0.05)

    pieces = []
    piece_assets = []
    piece_levels = []
    wet = {}
    segments = np.zeros(n, dtype=np.int64)

    def merge(idx, v, lv):
        np.fmax.at(value, idx, v)
        np.maximum.at(level, idx, lv)

    points = kind == 0
    if points.any():
        xy = shapely.get_coordinates(parts[points])
        col, row = grid.to_pixel(xy[:, 0], xy[:, 1])
        v = _cells(values, np.floor(col).astype(np.int64), np.floor(row).astype(np.int64))
        merge(part_asset[points], v, levels_from_thresholds(v, thresholds))
    monitor.report(0.1)

    lines = kind == 1
    if lines.any():
        res = _sample_lines(parts[lines], part_asset[lines], grid, values, thresholds, to_metric)
        merge(res[0], res[1], res[2])
        np.add.at(length, res[3], res[4])
        pieces.append(res[6])
        piece_assets.append(res[5])
        piece_levels.append(res[9])
        wet = res[7]
        segments = np.bincount(res[8], minlength=n)
        band = res[3] * MAX_LEVEL + (wet["wet_level"] - 1)
        band_length += np.bincount(band, weights=res[4], minlength=n * MAX_LEVEL).reshape(
            n, MAX_LEVEL
        )
    monitor.report(0.5)

    polygons = kind == 2
    if polygons.any():
        res = _sample_polygons(
            parts[polygons], part_asset[polygons], grid, values, cell_level, thresholds, to_metric
        )
        merge(res[0], res[1], res[2])
        np.add.at(area, res[3], res[4])
        pieces.append(res[6])
        piece_assets.append(res[5])
        piece_levels.append(res[7])
    monitor.report(1.0)

    return RasterExposure(
        level=level,
        value=value,
        length=length,
        area=area,
        pieces=np.concatenate(pieces) if pieces else np.empty(0, dtype=object),
        piece_asset=(
            np.concatenate(piece_assets).astype(np.int64) if piece_assets else np.empty(0, np.int64)
        ),
        segments=segments,
        piece_level=(
            np.concatenate(piece_levels).astype(np.int64) if piece_levels else np.empty(0, np.int64)
        ),
        band_length=band_length,
        **wet,
    )


def grid_crossings(a: np.ndarray, b: np.ndarray, limit: int) -> Tuple[np.ndarray, np.ndarray]:
    """Segment index and parameter t of every crossing of a→b with integer lines 0..limit."""
    lo = np.minimum(a, b)
    hi = np.maximum(a, b)
    first = np.maximum(np.floor(lo) + 1, 0)
    last = np.minimum(np.floor(hi), limit)
    count = np.where(np.isfinite(lo) & np.isfinite(hi), last - first + 1, 0)
    count = np.maximum(count, 0).astype(np.int64)
    seg = np.repeat(np.arange(len(a)), count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    k = first[seg] + offset
    return seg, (k - a[seg]) / (b[seg] - a[seg])


@dataclass
class SegmentCells:
    """Segments cut at every cell edge they cross: one piece per (segment, cell).

    Piece k lies on segment ``seg[k]`` from parameter ``t0[k]`` to ``t1[k]`` (pieces of a
    segment in order, together covering it; zero-length segments have none) inside cell
    (``col[k]``, ``row[k]``), which may lie outside the grid; ``value[k]`` is that cell's
    valid value (NaN outside the grid, for nodata and NaN cells).
    """

    seg: np.ndarray
    t0: np.ndarray
    t1: np.ndarray
    col: np.ndarray
    row: np.ndarray
    value: np.ndarray


def cut_segments(
    grid: RasterGrid, xy0: np.ndarray, xy1: np.ndarray, values: Optional[np.ndarray] = None
) -> SegmentCells:
    """Cut the straight segments ``xy0[s] -> xy1[s]`` (raster CRS) at the grid's cell edges.

    The one way lines meet a raster, shared by exposure and crew access: all crossings of
    all segments with the grid lines are computed at once in pixel space, and each piece
    takes the cell under its middle. ``values`` defaults to ``grid.valid_values()``.
    """
    values = grid.valid_values() if values is None else values
    xy0 = np.asarray(xy0, dtype=float).reshape(-1, 2)
    xy1 = np.asarray(xy1, dtype=float).reshape(-1, 2)
    c0, r0 = grid.to_pixel(xy0[:, 0], xy0[:, 1])
    c1, r1 = grid.to_pixel(xy1[:, 0], xy1[:, 1])
    rows, cols = values.shape
    seg_c, t_c = grid_crossings(c0, c1, cols)
    seg_r, t_r = grid_crossings(r0, r1, rows)
    nseg = len(xy0)
    seg = np.concatenate([np.arange(nseg), np.arange(nseg), seg_c, seg_r])
    t = np.concatenate([np.zeros(nseg), np.ones(nseg), t_c, t_r])
    order = np.lexsort((t, seg))
    seg, t = seg[order], t[order]
    keep = (seg[:-1] == seg[1:]) & (t[1:] - t[:-1] > 1e-12)
    p_seg = seg[:-1][keep]
    ta = t[:-1][keep]
    tb = t[1:][keep]
    tm = (ta + tb) / 2
    mc = np.floor(c0[p_seg] + tm * (c1[p_seg] - c0[p_seg])).astype(np.int64)
    mr = np.floor(r0[p_seg] + tm * (r1[p_seg] - r0[p_seg])).astype(np.int64)
    return SegmentCells(p_seg, ta, tb, mc, mr, _cells(values, mc, mr))


def _sample_lines(parts, part_asset, grid, values, thresholds, to_metric):
    """Cut every segment at the cell edges; exposed runs of pieces rebuilt in metres."""
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    metric = np.asarray(to_metric(coords), dtype=float).reshape(-1, 2)
    col, row = grid.to_pixel(coords[:, 0], coords[:, 1])
    same = vertex_part[:-1] == vertex_part[1:]
    start = np.flatnonzero(same)  # segment s runs from vertex start[s] to start[s] + 1
    seg_part = vertex_part[start]
    nseg = len(start)
    cut = cut_segments(grid, coords[start], coords[start + 1], values)
    p_seg, ta, tb, v = cut.seg, cut.t0, cut.t1, cut.value
    lv = levels_from_thresholds(v, thresholds)
    p_asset = part_asset[seg_part[p_seg]]

    # Zero-length lines (all vertices equal) have no piece: sample their first vertex.
    has_piece = np.zeros(len(parts), dtype=bool)
    has_piece[seg_part[p_seg]] = True
    lonely = np.flatnonzero(~has_piece)
    if len(lonely):
        first_vertex = np.searchsorted(vertex_part, lonely)
        first_vertex = first_vertex[first_vertex < len(vertex_part)]
        lv_c = np.floor(col[first_vertex]).astype(np.int64)
        lv_r = np.floor(row[first_vertex]).astype(np.int64)
        v_lonely = _cells(values, lv_c, lv_r)
        idx = part_asset[vertex_part[first_vertex]]
        v = np.concatenate([v, v_lonely])
        lv_all = np.concatenate([lv, levels_from_thresholds(v_lonely, thresholds)])
        idx_all = np.concatenate([p_asset, idx])
    else:
        lv_all, idx_all = lv, p_asset

    # Exposed pieces on the working-CRS segments, merged into runs of consecutive pieces.
    wet = lv >= 1
    w0 = metric[start[p_seg]]
    w1 = metric[start[p_seg] + 1]
    pa = w0 + ta[:, None] * (w1 - w0)
    pb = w0 + tb[:, None] * (w1 - w0)
    piece_length = np.hypot(*(pb - pa).T)
    exposed_length = piece_length[wet]
    exposed_asset = p_asset[wet]

    part_of_piece = seg_part[p_seg]
    # A run continues when the previous piece is also wet, of the same level, in the same
    # part, and adjacent: each run lies at one level (the level bands need it).
    prev_wet = np.concatenate([[False], wet[:-1]])
    same_part = np.concatenate([[False], part_of_piece[1:] == part_of_piece[:-1]])
    same_level = np.concatenate([[False], lv[1:] == lv[:-1]])
    adjacent = np.concatenate(
        [[False], (p_seg[1:] == p_seg[:-1]) | ((p_seg[1:] == p_seg[:-1] + 1) & (ta[1:] == 0))]
    )
    new_run = wet & ~(prev_wet & same_part & same_level & adjacent)
    run_id = np.cumsum(new_run) - 1
    wet_idx = np.flatnonzero(wet)
    if len(wet_idx):
        runs = run_id[wet_idx]
        starts_of_runs = wet_idx[new_run[wet_idx]]
        xy = np.concatenate([pa[starts_of_runs], pb[wet_idx]])
        ids = np.concatenate([run_id[starts_of_runs], runs])
        rank = np.concatenate([np.zeros(len(starts_of_runs)), np.arange(1, len(wet_idx) + 1)])
        order = np.lexsort((rank, ids))
        run_lines = shapely.linestrings(xy[order], indices=ids[order])
        run_asset = p_asset[starts_of_runs]
        run_level = lv[starts_of_runs]
    else:
        run_lines = np.empty(0, dtype=object)
        run_asset = np.empty(0, dtype=np.int64)
        run_level = np.empty(0, dtype=np.int64)
    # Lengths are summed per piece (exact); the runs carry the geometry.
    seg_asset = part_asset[seg_part]  # non-decreasing: parts come in asset order
    rank = np.arange(nseg) - np.searchsorted(seg_asset, seg_asset)
    intervals = {
        "wet_asset": exposed_asset,
        "wet_segment": rank[p_seg[wet]],
        "wet_t0": ta[wet],
        "wet_t1": tb[wet],
        "wet_level": lv[wet],
    }
    return (
        idx_all,
        v,
        lv_all,
        exposed_asset,
        exposed_length,
        run_asset,
        run_lines,
        intervals,
        seg_asset,
        run_level,
    )


def _sample_polygons(parts, part_asset, grid, values, cell_level, thresholds, to_metric):
    """Highest value of covered cell centres; exact area of the wet cells inside."""
    rows, cols = values.shape
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    col, row = grid.to_pixel(coords[:, 0], coords[:, 1])
    npart = len(parts)
    cmin = np.full(npart, np.inf)
    cmax = np.full(npart, -np.inf)
    rmin = np.full(npart, np.inf)
    rmax = np.full(npart, -np.inf)
    np.minimum.at(cmin, vertex_part, col)
    np.maximum.at(cmax, vertex_part, col)
    np.minimum.at(rmin, vertex_part, row)
    np.maximum.at(rmax, vertex_part, row)
    c_first = np.clip(np.floor(cmin), 0, cols).astype(np.int64)
    c_last = np.clip(np.floor(cmax), -1, cols - 1).astype(np.int64)
    r_first = np.clip(np.floor(rmin), 0, rows).astype(np.int64)
    r_last = np.clip(np.floor(rmax), -1, rows - 1).astype(np.int64)
    ncol = np.maximum(c_last - c_first + 1, 0)
    nrow = np.maximum(r_last - r_first + 1, 0)
    count = ncol * nrow
    cand_part = np.repeat(np.arange(npart), count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    cand_col = c_first[cand_part] + offset % np.maximum(ncol[cand_part], 1)
    cand_row = r_first[cand_part] + offset // np.maximum(ncol[cand_part], 1)

    shapely.prepare(parts)
    cx, cy = grid.to_world(cand_col + 0.5, cand_row + 0.5)
    covered = shapely.intersects_xy(parts[cand_part], cx, cy)
    v = values[cand_row[covered], cand_col[covered]]
    idx = part_asset[cand_part[covered]]

    # Parts covering no cell centre: the cell under their representative point.
    has_centre = np.zeros(npart, dtype=bool)
    has_centre[cand_part[covered]] = True
    small = np.flatnonzero(~has_centre)
    if len(small):
        rep = shapely.get_coordinates(shapely.point_on_surface(parts[small]))
        rc, rr = grid.to_pixel(rep[:, 0], rep[:, 1])
        v_small = _cells(values, np.floor(rc).astype(np.int64), np.floor(rr).astype(np.int64))
        v = np.concatenate([v, v_small])
        idx = np.concatenate([idx, part_asset[small]])
    lv = levels_from_thresholds(v, thresholds)

    wet = cell_level[cand_row, cand_col] >= 1
    wc, wr, wp = cand_col[wet], cand_row[wet], cand_part[wet]
    if len(wc) == 0:
        empty = np.empty(0, dtype=np.int64)
        return idx, v, lv, empty, np.empty(0), empty, np.empty(0, dtype=object), empty
    corners = [grid.to_world(wc + dc, wr + dr) for dc, dr in ((0, 0), (1, 0), (1, 1), (0, 1))]
    ring = np.stack([np.stack(corner, axis=1) for corner in corners], axis=1)
    inside = shapely.intersection(parts[wp], shapely.polygons(ring))
    inside = shapely.transform(inside, to_metric)
    piece_area = shapely.area(inside)
    nonzero = piece_area > 0
    wet_asset = part_asset[wp][nonzero]
    wet_level = cell_level[wr, wc][nonzero]
    return idx, v, lv, wet_asset, piece_area[nonzero], wet_asset, inside[nonzero], wet_level


def line_pieces(lines: np.ndarray, grid: RasterGrid, to_metric: ToMetric = None):
    """(piece_line, piece_length, piece_value) of ``lines`` (raster CRS) on the raster's own
    cells: every segment cut at every cell edge, each piece with its cell's value (NaN for
    nodata and outside) and its length in metres, measured on the working-CRS segment at the
    same parameters (as exposure measures its pieces)."""
    to_metric = to_metric or _identity
    lines = np.asarray(lines, dtype=object)
    present = np.flatnonzero(~(shapely.is_missing(lines) | shapely.is_empty(lines)))
    coords, vertex_line = shapely.get_coordinates(lines[present], return_index=True)
    if len(coords) < 2:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    parts, part_line = shapely.get_parts(lines[present], return_index=True)
    coords, vertex_part = shapely.get_coordinates(parts, return_index=True)
    metric = np.asarray(to_metric(coords), dtype=float).reshape(-1, 2)
    start = np.flatnonzero(vertex_part[:-1] == vertex_part[1:])
    cut = cut_segments(grid, coords[start], coords[start + 1])
    w0, w1 = metric[start[cut.seg]], metric[start[cut.seg] + 1]
    length = np.hypot(*((w1 - w0) * (cut.t1 - cut.t0)[:, None]).T)
    line = present[part_line[vertex_part[start[cut.seg]]]]
    return line.astype(np.int64), length, cut.value
