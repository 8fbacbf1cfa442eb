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
- Null or empty geometries get level 0 and NULL (NaN) measures and are counted.
"""

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import pandas as pd
import shapely

from .errors import InputError
from .hazard_levels import MAX_LEVEL
from .monitor import as_monitor
from .raster_sampling import UNION_GRID, RasterGrid, ToMetric, sample_raster

POINT, LINE, POLYGON, NULL = 0, 1, 2, -1
CHUNK = 20000


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
    piece_list, owner_list, source_list = [], [], []
    counts = {"repaired": 0, "dropped": 0, "level0": 0, "used": 0}

    if zones is not None:
        vm = monitor.slice(0.0, 0.45)
        zg, zl, zc, zv, counts = prepare_zones(zones)
        vm.report(0.1)
        present = np.flatnonzero(kind != NULL)
        if len(zg) and len(present):
            tree = shapely.STRtree(zg)
            a_idx, z_idx = tree.query(assets[present], predicate="intersects")
            a_idx = present[a_idx]
            vm.report(0.3)
            np.maximum.at(level, a_idx, zl[z_idx])
            np.fmax.at(value, a_idx, zv[z_idx])
            # Class of the highest level: then the highest value, then the first zone.
            sort_value = np.where(np.isnan(zv[z_idx]), -np.inf, zv[z_idx])
            order = np.lexsort((z_idx, -sort_value, -zl[z_idx], a_idx))
            owners, first = np.unique(a_idx[order], return_index=True)
            class_[owners] = zc[z_idx[order][first]]
            measured = kind[a_idx] != POINT
            a_m, z_m = a_idx[measured], z_idx[measured]
            pieces = np.empty(len(a_m), dtype=object)
            for start in range(0, len(a_m), CHUNK):
                stop = start + CHUNK
                pieces[start:stop] = shapely.intersection(
                    assets[a_m[start:stop]], zg[z_m[start:stop]]
                )
                vm.slice(0.3, 1.0).report(stop / max(len(a_m), 1))
            piece_list.append(pieces)
            owner_list.append(a_m)
            source_list.append(np.zeros(len(a_m), dtype=np.int8))
        vm.report(1.0)

    raster_length = np.zeros(n)
    raster_area = np.zeros(n)
    if raster is not None:
        rm = monitor.slice(0.45, 0.8)
        in_raster_crs = raster.assets if raster.assets is not None else assets
        if len(in_raster_crs) != n:
            raise InputError("The assets in the raster CRS must match the assets one to one.")
        sampled = sample_raster(
            np.asarray(in_raster_crs, dtype=object),
            raster.grid,
            raster.thresholds,
            raster.to_metric,
            progress=rm.report,
            is_cancelled=is_cancelled,
        )
        higher = sampled.level > level
        class_[higher] = raster.label
        level = np.maximum(level, sampled.level)
        value = np.fmax(value, sampled.value)
        raster_length, raster_area = sampled.length, sampled.area
        piece_list.append(sampled.pieces)
        owner_list.append(sampled.piece_asset)
        source_list.append(np.ones(len(sampled.pieces), dtype=np.int8))

    um = monitor.slice(0.8, 1.0)
    exposed_length = raster_length.copy()
    exposed_area = raster_area.copy()
    if piece_list:
        pieces = np.concatenate(piece_list)
        owner = np.concatenate(owner_list).astype(np.int64)
        source = np.concatenate(source_list)
        n_vector = np.bincount(owner[source == 0], minlength=n)
        n_raster = np.bincount(owner[source == 1], minlength=n)
        single = (n_vector == 1) & (n_raster == 0)
        single_piece = (source == 0) & single[owner]
        exposed_length[owner[single_piece]] = shapely.length(pieces[single_piece])
        exposed_area[owner[single_piece]] = shapely.area(pieces[single_piece])
        needs_union = ((n_vector >= 2) | ((n_vector >= 1) & (n_raster >= 1)))[owner]
        if needs_union.any():
            owners, merged = _union_by_asset(pieces[needs_union], owner[needs_union], um)
            exposed_length[owners] = shapely.length(merged)
            exposed_area[owners] = shapely.area(merged)
    um.report(1.0)

    length = np.full(n, np.nan)
    area = np.full(n, np.nan)
    share = np.full(n, np.nan)
    lines = kind == LINE
    polygons = kind == POLYGON
    points = kind == POINT
    length[lines] = exposed_length[lines]
    area[polygons] = exposed_area[polygons]
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
    )


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
) -> pd.DataFrame:
    """Counts, exposed length/area, premises and failures by level (and aggregate zone).

    Columns: ``aggregate`` (only with aggregates; None for assets in none of them),
    ``hz_level`` 0–4, ``n_assets``, ``length_m``, ``area_m2``, ``premises`` (NaN when no
    premises count is given; NULL counts as 0), ``n_failed``. An asset belongs to the
    aggregate polygon holding its representative point (see :func:`representative_points`;
    on a shared edge, the first polygon).
    """
    n = len(result.level)
    premises_given = premises is not None
    prem = np.nan_to_num(np.asarray(premises, dtype=float)) if premises_given else np.zeros(n)
    frame = pd.DataFrame(
        {
            "hz_level": result.level,
            "n_assets": 1,
            "length_m": np.nan_to_num(result.length),
            "area_m2": np.nan_to_num(result.area),
            "premises": prem,
            "n_failed": result.failed,
        }
    )
    keys = ["hz_level"]
    order = None
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
        codes = np.array([code_of_name[name] for name in names], dtype=np.int64)
        group = np.where(owner >= 0, codes[np.maximum(owner, 0)], len(order))
        if np.any(owner < 0):
            order.append(None)
        frame["group"] = group
        keys = ["group", "hz_level"]
    groups = len(order) if order is not None else 1
    levels = pd.DataFrame(
        {
            "group": np.repeat(np.arange(groups), MAX_LEVEL + 1),
            "hz_level": np.tile(np.arange(MAX_LEVEL + 1), groups),
        }
    )
    if order is None:
        levels = levels.drop(columns="group")
    grouped = frame.groupby(keys, dropna=False, sort=False).sum(numeric_only=True).reset_index()
    table = levels.merge(grouped, on=keys, how="left")
    for column in ("n_assets", "n_failed"):
        table[column] = table[column].fillna(0).astype(np.int64)
    for column in ("length_m", "area_m2", "premises"):
        table[column] = table[column].fillna(0.0).astype(float)
    if not premises_given:
        table["premises"] = np.nan
    columns = ["hz_level", "n_assets", "length_m", "area_m2", "premises", "n_failed"]
    if order is not None:
        table.insert(0, "aggregate", np.array(order, dtype=object)[table["group"].to_numpy()])
        columns = ["aggregate"] + columns
    return table[columns]


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
