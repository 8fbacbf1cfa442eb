"""Bulk writing of a GeoPackage output: the rows go in from columns in one SQLite
transaction instead of one QgsFeature at a time through a Processing feature sink.

The layer itself (table, fields, CRS, geometry type, R-tree, layer name) is still made by
QGIS's file writer through ``parameterAsSink``: only the rows are written here, as QGIS's
writer would store them (see :func:`compat.file_writer_behaviour`): reals rounded to their
field's precision, a feature without geometry as an empty geometry of the layer's type,
single parts promoted to multi when the layer is multi, Z added or dropped as the layer
says, GeoPackage geometry blobs with GDAL's envelopes. Plain SQLite cannot run the
R-tree triggers (they call GDAL's SQL functions), so they are set aside during the insert
and the R-tree rows are added from the envelopes computed here, in the same transaction;
GDAL's feature-count triggers (geometry-less tables too) are set aside likewise and the
count set once.

Measured on this machine (GDAL 3.6, 2 cores, lightly loaded), a bulk-read layer written
with the hazard exposure's fields, closing included: 700,000 points 42.0 s through the
feature sink (19.4 s of features, 22.6 s of R-tree built by GDAL at close) and 9.9 s here;
500,000 lines 27.7 s and 8.7 s. Also tried, on 200,000 points: OGR features in one
transaction from Python 14.7 s against the sink's 10.5 s (a SWIG call per field), and
GDAL's own CreateSpatialIndex() takes 44 s for 700,000 points (SQLite's inserts one by
one). GDAL >= 3.8 has ``WriteArrowBatch`` and >= 3.9 packs the R-tree itself; the GDAL of
Debian 12 (3.6) has neither, so this writer does not depend on them.

:func:`prepare` says whether the rows can be written so (plain field types and values,
plain geometry types) before anything is touched; the sink path writes them otherwise.
"""

import os
import re
import sqlite3
import struct
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
import shapely

from . import compat

ROWS_PER_STEP = 50_000  # rows between two progress reports and cancel checks
_MAX_VARIABLES = 999  # bound values a statement may hold in any SQLite (32,766 from 3.32)

# OGC WKB base type codes of the geometries written here (curves, collections: the sink)
POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON = 1, 2, 3, 4, 5, 6
_GDAL_FUNCTION = re.compile(r"\bST_\w+\s*\(|\bGPKG_\w+\s*\(")
_MULTI_OF = {POINT: MULTIPOINT, LINESTRING: MULTILINESTRING, POLYGON: MULTIPOLYGON}


@dataclass
class Column:
    """One output field: its name, kind (``int``, ``int32``, ``float``, ``str``), precision."""

    name: str
    kind: str
    precision: int = 0
    length: int = 0


def field_kind(field) -> Optional[str]:
    """The kind of a QgsField this writer stores as QGIS would, or None."""
    kind = compat.type_id(field.type())
    if kind == compat.type_id(compat.INT):
        return "int32"
    if kind == compat.type_id(compat.LONG_LONG):
        return "int"
    if kind == compat.type_id(compat.DOUBLE):
        return "float"
    if kind == compat.type_id(compat.STRING):
        return "str"
    return None


def wkb_code(base: int, z: bool) -> int:
    return base + (1000 if z else 0)


@dataclass
class Prepared:
    """Rows ready to insert: values per column and geometry blobs per row."""

    columns: List[Column]
    values: List[list]  # per column, Python values (None for NULL)
    wkbs: Optional[List[Optional[bytes]]]  # ISO WKB per row in the layer's type (None: a table)
    bounds: Optional[np.ndarray]  # (n, 4) minx, miny, maxx, maxy; NaN where empty
    z_bounds: Optional[np.ndarray]  # (n, 2) minz, maxz for 3D non-points
    count: int


def prepare(
    columns: Sequence[Column],
    values: Sequence[list],
    wkbs: Optional[Sequence[Optional[bytes]]],
    layer_type: Optional[Tuple[int, bool]],
    count: int,
    shapes: Optional[np.ndarray] = None,
) -> Optional[Prepared]:
    """The rows as QGIS's file writer would store them, or None when that is not certain.

    ``layer_type`` is the layer's (base WKB code, has Z), None for a table; ``wkbs`` the
    output geometries as QGIS gives them (``QgsGeometry.asWkb()``: ISO, little-endian), None
    where a feature has none; ``shapes``, when known, the same geometries in shapely (their
    bounds are then not read again from the WKB)."""
    behaviour = compat.file_writer_behaviour()
    if behaviour is None:
        return None
    converted = []
    for column, column_values in zip(columns, values):
        column_values = _convert(column, column_values, behaviour["rounds"])
        if column_values is None:
            return None
        converted.append(column_values)
    if layer_type is None:
        return Prepared(list(columns), converted, None, None, None, count)
    if wkbs is None:
        wkbs = [None] * count
    if not behaviour["null_as_empty"] and any(w is None for w in wkbs):
        return None  # a QGIS that stores NULL: not probed further, the sink path writes it
    geometries = _coerce(list(wkbs), *layer_type, shapes=shapes, empty_z=behaviour["empty_z"])
    if geometries is None:
        return None
    out, bounds, z_bounds = geometries
    return Prepared(list(columns), converted, out, bounds, z_bounds, count)


_NONE = type(None)


def _convert(column: Column, values: list, rounds: bool) -> Optional[list]:
    """Values as QGIS's writer stores them in ``column``, or None when one is unusual.
    (NaN reals stay NaN: SQLite stores NULL for them, as for the sink's.)"""
    types = set(map(type, values))
    if column.kind == "str":
        if not types <= {str, _NONE}:
            return None
        # a text's UTF-16 length is between its length and twice it: only those longer than
        # half the field can be too long, and only they are measured (the longest found
        # first, in C: most columns hold no text near their width, and a comprehension over
        # every text took 4.5 s for the regional delivery's outputs)
        if column.length > 0 and 2 * max(map(len, filter(None, values)), default=0) > (
            column.length
        ):
            near = [v for v in values if v and 2 * len(v) > column.length]
            if max(map(_qt_length, near)) > column.length:
                return None  # QGIS refuses a text longer than its field: the sink says so
        return values
    if column.kind in ("int", "int32"):
        if not types <= {int, _NONE}:
            return None
        if column.kind == "int32":
            numbers = [v for v in values if v is not None]
            if numbers and not (min(numbers) >= -(2**31) and max(numbers) < 2**31):
                return None
        return values
    # reals: ints are taken as reals, as QVariant.toDouble() does
    if not types <= {float, int, _NONE}:
        return None
    if not rounds or column.precision <= 0 or not values:
        if int in types:
            return [None if v is None else float(v) for v in values]
        return values
    array = np.array(values, dtype=float)  # None becomes NaN, stored as NULL
    return round_half_away(array, column.precision).tolist()


def _qt_length(text: str) -> int:
    """The length QGIS gives a text: UTF-16 code units (two for a character beyond U+FFFF)."""
    return len(text.encode("utf-16-le")) // 2


def round_half_away(values: np.ndarray, places: int) -> np.ndarray:
    """``qgsRound``: |x| scaled by 10**places, rounded half away from zero (C's round()),
    scaled back, signed again; infinities and NaN stay."""
    sign = np.where(values < 0.0, -1.0, 1.0)
    scale = 10.0**places
    scaled = values * sign * scale
    with np.errstate(invalid="ignore"):
        whole = np.floor(scaled)
        rounded = whole + ((scaled - whole) >= 0.5)
    rounded = np.where(np.isfinite(scaled), rounded, scaled)
    return (rounded / scale) * sign


def _header(wkb: bytes) -> Optional[Tuple[int, bool, bool]]:
    """(base type, has Z, is empty) of a little-endian ISO WKB, or None when unusual."""
    if len(wkb) < 9 or wkb[0] != 1:
        return None
    code = int.from_bytes(wkb[1:5], "little")
    dims, base = divmod(code, 1000)
    if dims not in (0, 1) or base not in (POINT, LINESTRING, POLYGON) + tuple(_MULTI_OF.values()):
        return None  # M, EWKB flags, curves, collections
    if base == POINT:
        if len(wkb) < 21:
            return None
        x, y = struct.unpack_from("<2d", wkb, 5)
        empty = x != x and y != y  # GDAL's empty point: NaN coordinates
    else:
        empty = int.from_bytes(wkb[5:9], "little") == 0
    return base, dims == 1, empty


def empty_wkb(base: int, z: bool) -> bytes:
    """The WKB GDAL gives an empty geometry of this type (a point: NaN coordinates)."""
    head = b"\x01" + struct.pack("<I", wkb_code(base, z))
    if base == POINT:
        return head + struct.pack("<d", float("nan")) * (3 if z else 2)
    return head + struct.pack("<I", 0)


def _coerce(
    wkbs: list, base: int, z: bool, shapes: Optional[np.ndarray] = None, empty_z: bool = False
):
    """The geometries in the layer's type as QGIS's writer converts them: single parts into
    one-part multis, Z added (0) or dropped. None when a geometry needs anything else.
    (WKB, bounds, Z bounds)."""
    # QGIS's writer gives a feature without geometry an empty one of the layer's type, which
    # GDAL stores without Z or with it as the probe found (compat.file_writer_behaviour:
    # "LineString EMPTY" in a LineStringZ layer on GDAL 3.6, "LineString Z EMPTY" on 3.10)
    empty_layer = empty_wkb(base, z and empty_z)
    nulls = np.fromiter((w is None for w in wkbs), dtype=bool, count=len(wkbs))
    present = [w for w in wkbs if w is not None]
    plain = _all_of_type(present, base, z)
    if plain is None:
        return _coerce_each(wkbs, base, z, empty_layer)
    out = [empty_layer if w is None else w for w in wkbs]
    if shapes is None or len(shapes) != len(wkbs):
        if base == POINT:
            bounds = np.full((len(wkbs), 4), np.nan)
            xy = np.frombuffer(b"".join(w[5:21] for w in present), dtype="<f8").reshape(-1, 2)
            bounds[~nulls] = np.column_stack([xy, xy])
            return out, bounds, None
        shapes = compat.from_wkb(np.array(wkbs, dtype=object))
        if np.any(shapely.is_missing(shapes) & ~nulls):
            return None
    bounds = shapely.bounds(shapes)
    bounds[nulls] = np.nan
    z_bounds = _z_bounds(shapes, nulls) if z and base != POINT else None
    return out, bounds, z_bounds


def _all_of_type(wkbs: list, base: int, z: bool) -> Optional[bool]:
    """True when every WKB is a non-empty geometry of the layer's type, little-endian ISO
    (the common case, checked on all headers at once); None otherwise."""
    if not wkbs:
        return True
    if min(map(len, wkbs)) < (21 if base == POINT else 9):
        return None
    heads = np.frombuffer(
        b"".join(w[:9] for w in wkbs), dtype=[("order", "u1"), ("code", "<u4"), ("n", "<u4")]
    )
    if np.any(heads["order"] != 1) or np.any(heads["code"] != wkb_code(base, z)):
        return None
    if base == POINT:
        x = np.frombuffer(b"".join(w[5:13] for w in wkbs), dtype="<f8")
        return None if np.any(np.isnan(x)) else True
    return None if np.any(heads["n"] == 0) else True


def _coerce_each(wkbs: list, base: int, z: bool, empty_layer: bytes):
    """:func:`_coerce` one geometry at a time, for layers whose geometries need converting."""
    out: List[bytes] = []
    reshape = []  # rows whose Z must change: done by shapely below
    multi_of = {single: multi for single, multi in _MULTI_OF.items() if multi == base}
    empties = np.zeros(len(wkbs), dtype=bool)
    for i, wkb in enumerate(wkbs):
        if wkb is None:
            out.append(empty_layer)
            empties[i] = True
            continue
        header = _header(wkb)
        if header is None:
            return None
        kind, has_z, empty = header
        if empty:
            if kind != base or has_z or z:
                return None  # how QGIS converts an empty geometry: not probed, the sink does it
            out.append(wkb)
            empties[i] = True
            continue
        if kind != base:
            if multi_of.get(kind) != base:
                return None
            wkb = b"\x01" + struct.pack("<II", wkb_code(base, has_z), 1) + wkb
        if has_z != z:
            reshape.append(i)
        out.append(wkb)
    geometries = compat.from_wkb(np.array(out, dtype=object))
    if np.any(shapely.is_missing(geometries)):
        return None
    if reshape:
        index = np.asarray(reshape)
        changed = geometries[index]
        changed = shapely.force_3d(changed, 0.0) if z else shapely.force_2d(changed)
        geometries[index] = changed
        wkb_changed = shapely.to_wkb(changed, flavor="iso", output_dimension=3 if z else 2)
        for i, wkb in zip(reshape, wkb_changed.tolist()):
            out[i] = wkb
    bounds = shapely.bounds(geometries)
    bounds[empties] = np.nan
    z_bounds = None
    if z and base != POINT:
        z_bounds = _z_bounds(geometries, empties)
    return out, bounds, z_bounds


def _z_bounds(geometries: np.ndarray, empties: np.ndarray) -> np.ndarray:
    out = np.full((len(geometries), 2), np.nan)
    coords, index = shapely.get_coordinates(geometries, include_z=True, return_index=True)
    if len(coords):
        starts = np.flatnonzero(np.r_[True, index[1:] != index[:-1]])
        rows = index[starts]
        out[rows, 0] = np.minimum.reduceat(coords[:, 2], starts)
        out[rows, 1] = np.maximum.reduceat(coords[:, 2], starts)
    out[empties] = np.nan
    return out


def _blobs(prepared: Prepared, srs_id: int, base: int) -> List[bytes]:
    """GeoPackage geometry blobs: magic, version 0, flags (little-endian; envelope XY, XYZ
    for 3D, none for points and empty geometries, as GDAL writes them), srs id, WKB."""
    header_plain = b"GP\x00\x01" + struct.pack("<i", srs_id)
    header_empty = b"GP\x00\x11" + struct.pack("<i", srs_id)
    wkbs = prepared.wkbs
    empty = np.isnan(prepared.bounds[:, 0])
    if base == POINT:
        return [(header_empty if e else header_plain) + w for w, e in zip(wkbs, empty.tolist())]
    if prepared.z_bounds is not None:
        header = b"GP\x00\x05" + struct.pack("<i", srs_id)
        envelope = np.column_stack([prepared.bounds[:, [0, 2, 1, 3]], prepared.z_bounds]).astype(
            "<f8"
        )
    else:
        header = b"GP\x00\x03" + struct.pack("<i", srs_id)
        envelope = prepared.bounds[:, [0, 2, 1, 3]].astype("<f8")
    envelopes = np.ascontiguousarray(envelope).view(f"V{envelope.shape[1] * 8}").ravel().tolist()
    return [
        header_empty + w if e else header + bytes(env) + w
        for w, e, env in zip(wkbs, empty.tolist(), envelopes)
    ]


_BACKGROUND: Optional[ThreadPoolExecutor] = None


def in_background(function, *args) -> Future:
    """``function(*args)`` started in a worker thread: for work that mostly lets go of
    Python's lock (SQLite, numpy's sorting) while this thread writes. The machine's second
    core then shares the writing (one is enough for the rest of a run)."""
    global _BACKGROUND
    if _BACKGROUND is None:
        _BACKGROUND = ThreadPoolExecutor(max_workers=2, thread_name_prefix="fibre-writer")
    return _BACKGROUND.submit(function, *args)


class WriteError(Exception):
    """The file is not what QGIS's writer was expected to make (message for the user)."""


def write(
    path: str,
    prepared: Prepared,
    base: Optional[int],
    is_cancelled: Callable[[], bool],
    progress: Callable[[float], None],
) -> bool:
    """Append the rows to the one layer of the new GeoPackage ``path`` in one transaction.

    False when cancelled (nothing written); WriteError when the file is not as expected."""
    if prepared.count == 0:
        return True  # the file stays as QGIS's writer left it, as after a sink with no rows
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # a large page cache: the table and index pages of a million rows stay in memory
        connection.execute("PRAGMA cache_size = -262144")
        return _write(connection, prepared, base, is_cancelled, progress)
    finally:
        connection.close()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _write(
    connection, prepared: Prepared, base, is_cancelled, progress, copy=None, plain=None
) -> bool:
    contents = connection.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall()
    if len(contents) != 1:
        raise WriteError(f"{len(contents)} layers where one was made")
    table, data_type = contents[0]
    geometry_row = connection.execute(
        "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
    ).fetchone()
    if (geometry_row is None) != (base is None):
        raise WriteError("the layer's geometry is not the one asked for")
    info = connection.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    primary = [row[1] for row in info if row[5]]
    if len(primary) != 1:
        raise WriteError("no single feature id column")
    fid_column = primary[0]
    geometry_column = geometry_row[0] if geometry_row is not None else None
    by_name = {row[1].lower(): row[1] for row in info}
    targets = []
    copied = [] if copy is None else [column for _, column in copy.columns]
    for column in copied + prepared.columns:
        target = by_name.get(column.name.lower())
        if target is None or (geometry_column and target == geometry_column):
            raise WriteError(f'no column for field "{column.name}"')
        targets.append(target)
    copied_targets, targets = targets[: len(copied)], targets[len(copied) :]
    if copy is not None and fid_column not in copied_targets:
        raise WriteError("the copied columns do not hold the feature ids")
    others = (
        set(by_name.values()) - set(copied_targets) - set(targets) - {fid_column, geometry_column}
    )
    if len(set(copied_targets + targets)) != len(copied_targets + targets):
        raise WriteError("the layer's columns are not its fields")
    if len(set(targets)) != len(targets) or others:
        raise WriteError("the layer's columns are not its fields")
    values = list(prepared.values)
    names = list(targets)
    fid_given = fid_column in names
    if copy is not None:
        given = None  # the input's ids, all given
    elif fid_given:
        given = values[names.index(fid_column)]
        values.pop(names.index(fid_column))
        names.remove(fid_column)
    else:
        given = [None] * prepared.count
    connection.execute("BEGIN IMMEDIATE")
    try:
        fids = copy.fids.tolist() if copy is not None else None
        if fids is None:
            fids = _feature_ids(connection, table, fid_column, given)
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        ).fetchall()
        # the triggers that call GDAL's SQL functions (ST_IsEmpty, ST_MinX...) cannot run
        # here; the others (GDAL's feature count, on attribute tables too) would run once a
        # row: all are set aside and what they do is done once at the end
        for name, sql in triggers:
            known = name.startswith("rtree_") or name.startswith("trigger_insert_feature_count")
            if _GDAL_FUNCTION.search(sql or "") and not known:
                raise WriteError(f"a trigger this writer cannot run: {name}")
        set_aside = [(n, sql) for n, sql in triggers if sql]
        for name, _ in set_aside:
            connection.execute(f"DROP TRIGGER {_quote(name)}")
        if geometry_column is not None and copy is None:
            blobs = _blobs(prepared, geometry_row[1], base)
            names.insert(0, geometry_column)
            values.insert(0, blobs)
        entries = packing = None
        if geometry_column is not None:
            entries = _rtree_entries(connection, table, geometry_column, fids, prepared.bounds)
            packing = _start_packing(connection, entries)
        if copy is not None:
            inserted = _insert_copy(
                connection,
                table,
                copy,
                copied_targets,
                names,
                values,
                geometry_column and (geometry_column, geometry_row[1]),
                is_cancelled,
                progress,
            )
        else:
            names.insert(0, fid_column)
            values.insert(0, fids)
            inserted = _insert(
                connection, table, names, values, prepared.count, is_cancelled, progress
            )
        if not inserted:
            connection.execute("ROLLBACK")
            return False
        if geometry_column is not None:
            _index(connection, table, prepared.bounds, entries, packing)
        for _, sql in set_aside:
            connection.execute(sql)
        connection.execute(
            f"UPDATE gpkg_ogr_contents SET feature_count = (SELECT COUNT(*) FROM {_quote(table)}) "
            "WHERE lower(table_name) = lower(?)",
            (table,),
        )
        connection.execute(
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            "WHERE table_name = ?",
            (table,),
        )
        if is_cancelled():
            connection.execute("ROLLBACK")
            return False
        if plain is not None and not plain():
            connection.execute("ROLLBACK")
            raise SourceNotPlainError(copy.path)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return True


def _insert(connection, table, names, values, count, is_cancelled, progress) -> bool:
    """INSERT the rows, many a statement (one statement a row costs twice as much); False
    when cancelled."""
    head = "INSERT INTO {} ({}) VALUES ".format(_quote(table), ", ".join(_quote(n) for n in names))
    one = "(" + ", ".join("?" * len(names)) + ")"
    per_statement = max(1, min(500, _MAX_VARIABLES // max(len(names), 1)))
    full = head + ", ".join([one] * per_statement)
    columns = [list(column) for column in values]
    for start in range(0, count, ROWS_PER_STEP):
        if is_cancelled():
            return False
        stop = min(start + ROWS_PER_STEP, count)
        # row after row, flattened in C (a comprehension costs 1.7 times as much)
        flat = list(chain.from_iterable(zip(*(c[start:stop] for c in columns))))
        width = len(names)
        whole = (stop - start) // per_statement * per_statement
        if whole:
            step = per_statement * width
            connection.executemany(
                full, (flat[i : i + step] for i in range(0, whole * width, step))
            )
        rest = stop - start - whole
        if rest:
            connection.execute(head + ", ".join([one] * rest), flat[whole * width :])
        progress(stop / max(count, 1))
    return True


def _feature_ids(connection, table: str, fid_column: str, given: list) -> list:
    """The ids SQLite's AUTOINCREMENT would give: the given ones, and for the others one
    more than the largest so far (as the feature sink's rows get them one by one)."""
    row = connection.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    largest = connection.execute(
        f"SELECT MAX({_quote(fid_column)}) FROM {_quote(table)}"
    ).fetchone()[0]
    current = max(row[0] if row else 0, largest or 0)
    if all(v is None for v in given):
        return list(range(current + 1, current + 1 + len(given)))
    fids = []
    for value in given:
        if value is None:
            current += 1
            fids.append(current)
        else:
            fids.append(value)
            current = max(current, value)
    return fids


def _rtree_entries(connection, table, geometry_column, fids, bounds):
    """(R-tree name, ids, boxes as minx, maxx, miny, maxy) of the new features with a
    geometry (the trigger skips empty ones), or None when the layer has no R-tree."""
    extension = connection.execute(
        "SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) "
        "AND lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
        (table, geometry_column),
    ).fetchone()
    if extension is None:
        return None
    present = ~np.isnan(bounds[:, 0])
    ids = np.asarray(fids, dtype=np.int64)[present]
    return f"rtree_{table}_{geometry_column}", ids, bounds[present][:, [0, 2, 1, 3]]


def _start_packing(connection, entries) -> Optional[Future]:
    """The packing of ``entries`` into the new, empty R-tree, started in another thread (it
    is numpy's sorting, mostly without Python's lock) while this one inserts the rows; None
    when the entries go to SQLite's own inserts."""
    if entries is None or len(entries[1]) <= RTREE_BULK_MIN:
        return None
    layout = _rtree_layout(connection, entries[0])
    if layout is None:
        return None
    return in_background(_pack_rtree, entries[1], entries[2], *layout)


def _index(connection, table, bounds, entries, packing) -> None:
    """The R-tree rows of the new features (``entries``, packed by ``packing`` when started)
    and the layer's extent grown to hold them."""
    present = ~np.isnan(bounds[:, 0])
    if entries is not None:
        name, ids, box = entries
        if not (packing is not None and _bulk_load_rtree(connection, name, ids, box, packing)):
            connection.executemany(
                f"INSERT OR REPLACE INTO {_quote(name)} VALUES (?, ?, ?, ?, ?)",
                zip(ids.tolist(), *(box[:, k].tolist() for k in range(4))),
            )
    if not np.any(present):
        return
    box = bounds[present]
    new = (box[:, 0].min(), box[:, 1].min(), box[:, 2].max(), box[:, 3].max())
    old = connection.execute(
        "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (table,)
    ).fetchone()
    if old is not None and None not in old:
        new = (min(old[0], new[0]), min(old[1], new[1]), max(old[2], new[2]), max(old[3], new[3]))
    # Through SQLite's printf as GDAL writes it ("%.18g" into the SQL text): the extent QGIS
    # reads back is then the sink's to the last bit (SQLite prints at most 16 digits, so the
    # stored value may be one unit in the last place off the exact bounds).
    printed = "CAST(printf('%.18g', ?) AS REAL)"
    connection.execute(
        f"UPDATE gpkg_contents SET min_x = {printed}, min_y = {printed}, max_x = {printed}, "
        f"max_y = {printed} WHERE table_name = ?",
        tuple(float(v) for v in new) + (table,),
    )


# ------------------------------------------------------------------------------- R-tree
#
# SQLite inserts into an R-tree one entry at a time, splitting and reinserting nodes: about
# 60 microseconds an entry for 700,000 points, 40 s, the larger part of writing such a layer
# whichever way (GDAL 3.6 fills the index the same way when QGIS's writer closes the file).
# A new, empty index is instead packed here (sort-tile-recursive) and its nodes written
# into its shadow tables directly, in SQLite's node format (rtree.c): per node a 2-byte depth
# (root only), a 2-byte cell count, then cells of a big-endian 64-bit id and four big-endian
# 32-bit floats, the node padded to the index's node size; ``_rowid`` gives each entry's
# leaf, ``_parent`` each node's parent. The coordinates are rounded to 32-bit floats outward
# as SQLite rounds them. A box that is not finite or not ordered, or an id given twice (the
# ``_rowid`` table's key), sends the entries to SQLite's own inserts instead. SQLite's
# integrity check ``rtreecheck()`` passes on every packed index the tests make
# (tests/unit/test_gpkg_rtree.py, tests/qgis/test_bulk_writer.py); it is not run on each
# output: it took half of the packing's time (1.2 of 2.4 s CPU for 700,000 boxes).

RTREE_BULK_MIN = 1000  # fewer entries: SQLite's inserts are quick enough
_RTREE_MAX_CELLS = 51
# RTREE_MAXCELLS of rtree.c
_ROUND_TOWARDS = 1.0 - 1.0 / 8388608.0
_ROUND_AWAY = 1.0 + 1.0 / 8388608.0


def rtree_round(values: np.ndarray, up: bool) -> np.ndarray:
    """32-bit floats as SQLite's R-tree stores doubles: rounded down for minima, up for
    maxima (rtreeValueDown/Up: the nearest float, or the double scaled by 1 -+ 2**-23)."""
    values = np.asarray(values, dtype=np.float64)
    nearest = values.astype(np.float32)
    wrong = nearest < values if up else nearest > values
    if up:
        factor = np.where(values < 0, _ROUND_TOWARDS, _ROUND_AWAY)
    else:
        factor = np.where(values < 0, _ROUND_AWAY, _ROUND_TOWARDS)
    return np.where(wrong, (values * factor).astype(np.float32), nearest)


def _rtree_layout(connection, name: str) -> Optional[Tuple[int, int]]:
    """(node size, cells a node) of the R-tree ``name`` when it is new and empty (its root
    node alone, no entry); else None."""
    node_table, rowid_table = (_quote(f"{name}_{part}") for part in ("node", "rowid"))
    try:
        nodes = connection.execute(f"SELECT nodeno, length(data) FROM {node_table}").fetchall()
        if len(nodes) != 1 or nodes[0][0] != 1:
            return None
        if connection.execute(f"SELECT COUNT(*) FROM {rowid_table}").fetchone()[0]:
            return None
    except sqlite3.Error:
        return None
    node_size = int(nodes[0][1])
    capacity = min((node_size - 4) // 24, _RTREE_MAX_CELLS)
    return (node_size, capacity) if capacity >= 4 else None


@dataclass
class PackedRtree:
    """An R-tree's shadow rows: node blobs (number, data), each entry's leaf (ids, nodes)
    and each inner node's parent ([(children, parents)] by level)."""

    nodes: List[Tuple[int, bytes]]
    leaves: Tuple[np.ndarray, np.ndarray]
    parents: List[Tuple[np.ndarray, np.ndarray]]


def _pack_rtree(ids: np.ndarray, box: np.ndarray, node_size: int, capacity: int):
    """The entries packed into nodes of ``capacity`` cells (a PackedRtree); None when a box
    is not finite and ordered (SQLite's own inserts say what they make of such a box)."""
    cells = np.empty((len(ids), 4), dtype=np.float32)
    cells[:, 0] = rtree_round(box[:, 0], False)
    cells[:, 1] = rtree_round(box[:, 1], True)
    cells[:, 2] = rtree_round(box[:, 2], False)
    cells[:, 3] = rtree_round(box[:, 3], True)
    if not (
        np.isfinite(cells).all()
        and (cells[:, 0] <= cells[:, 1]).all()
        and (cells[:, 2] <= cells[:, 3]).all()
    ):
        return None
    keys = ids.astype(np.int64)
    blobs, parents, leaf_of = [], [], None
    next_node = 2
    depth = 0
    while True:
        root = len(keys) <= capacity
        if root:
            numbers = np.array([1])
            groups = [np.arange(len(keys))]
            order = np.arange(len(keys))
        else:
            order, groups = _str_groups(cells, capacity)
            numbers = np.arange(next_node, next_node + len(groups))
            next_node += len(groups)
        packed = np.empty(len(order), dtype=[("id", ">i8"), ("box", ">f4", (4,))])
        packed["id"] = keys[order]
        packed["box"] = cells[order]
        raw = packed.tobytes()
        counts = np.array([len(g) for g in groups])
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        for number, start, count in zip(numbers.tolist(), starts.tolist(), counts.tolist()):
            header = struct.pack(">HH", 0, count)
            body = raw[start * 24 : (start + count) * 24]
            blobs.append((number, header + body + bytes(node_size - 4 - 24 * count)))
        ordered = cells[order]
        upper_cells = np.column_stack(
            [
                np.minimum.reduceat(ordered[:, 0], starts),
                np.maximum.reduceat(ordered[:, 1], starts),
                np.minimum.reduceat(ordered[:, 2], starts),
                np.maximum.reduceat(ordered[:, 3], starts),
            ]
        )
        node_of_entry = np.repeat(numbers, [len(g) for g in groups])
        if leaf_of is None:
            leaf_of = (keys[order], node_of_entry)
        else:
            parents.append((keys[order], node_of_entry))
        if root:
            break
        keys, cells = numbers.astype(np.int64), upper_cells
        depth += 1
    number, blob = blobs[-1]
    blobs[-1] = (number, struct.pack(">H", depth) + blob[2:])
    return PackedRtree(blobs, leaf_of, parents)


def _bulk_load_rtree(
    connection, name: str, ids: np.ndarray, box: np.ndarray, packing: Optional[Future] = None
) -> bool:
    """Pack the entries into the empty R-tree ``name`` (``packing``: their packing started
    by :func:`_start_packing`); False (nothing changed) when the index is not empty and new,
    a box is not finite and ordered, or an id repeats."""
    if packing is not None:
        packed = packing.result()  # the index's layout checked when it started, this transaction
    else:
        layout = _rtree_layout(connection, name)
        if layout is None:
            return False
        packed = _pack_rtree(ids, box, *layout)
    if packed is None:
        return False
    node_table = _quote(f"{name}_node")
    connection.execute("SAVEPOINT rtree_bulk")
    try:
        connection.execute(f"DELETE FROM {node_table}")
        connection.executemany(
            f"INSERT INTO {node_table} (nodeno, data) VALUES (?, ?)", packed.nodes
        )
        leaves, leaf_nodes = packed.leaves
        by_id = np.argsort(leaves, kind="stable")  # in key order: appended, not inserted
        # many rows a statement, as the features (one a row: 0.5 s of 700,000 rows)
        rows = [(f"{name}_rowid", ("rowid", "nodeno"), (leaves[by_id], leaf_nodes[by_id]))]
        rows += [(f"{name}_parent", ("nodeno", "parentnode"), pair) for pair in packed.parents]
        for table, names, columns in rows:
            columns = [c.tolist() for c in columns]
            _insert(connection, table, names, columns, len(columns[0]), _never, _ignore)
        done = True
    except sqlite3.Error:  # a repeated id (the rowid table's key), a full disk
        done = False
    if not done:
        connection.execute("ROLLBACK TO rtree_bulk")
        connection.execute("RELEASE rtree_bulk")
        return False
    connection.execute("RELEASE rtree_bulk")
    return True


def _never() -> bool:
    return False


def _ignore(_fraction) -> None:
    pass


def _str_groups(cells: np.ndarray, capacity: int):
    """Sort-tile-recursive packing: entries sorted into vertical slices by the x of their
    centre, each slice by y, then cut into nodes of ``capacity``. (order, groups)."""
    count = len(cells)
    nodes = -(-count // capacity)
    slices = int(np.ceil(np.sqrt(nodes)))
    per_slice = slices * capacity
    centre_x = (cells[:, 0].astype(np.float64) + cells[:, 1]) / 2
    centre_y = (cells[:, 2].astype(np.float64) + cells[:, 3]) / 2
    by_x = np.argsort(centre_x, kind="stable")
    slice_of = np.empty(count, dtype=np.int64)
    slice_of[by_x] = np.arange(count) // per_slice
    order = np.lexsort((centre_y, slice_of))
    bounds = []
    for first in range(0, count, per_slice):
        last = min(first + per_slice, count)
        bounds.extend(range(first, last, capacity))
    bounds.append(count)
    groups = [np.arange(a, b) for a, b in zip(bounds[:-1], bounds[1:])]
    return order, groups


# --------------------------------------------------------------- kept columns copied in SQLite
#
# An output that keeps every row and field of a GeoPackage input, in its order, with the same
# geometries (a hazard exposure, a score, the redundancy of each cable) spent most of its
# writing on the input's kept texts: read into Python, checked, and bound again one value at a
# time (regional routes: 16.6 s of a 23.5 s run). Those columns and the geometry blobs are
# instead copied inside SQLite from the attached input (INSERT ... SELECT), and only the
# computed fields come from Python. :func:`source_is_plain` checks, on the input alone, that
# every copied value is what the Python path would have bound (types, text lengths, 32-bit
# integers, geometry blobs in GDAL's form for the layer's type): else the Python path writes.
# The check reads the whole input once more (1.5-2 s for 700,000 rows): it runs on another
# connection in another thread while the copy runs (SQLite lets go of Python's lock, so each
# has a core), and the copy commits only once it has said yes; on a no, the copy is rolled back
# (:class:`SourceNotPlainError`) and the file is as QGIS's writer made it.


class SourceNotPlainError(Exception):
    """The copy was rolled back: the input holds a value the copy would not write as the
    Python path does (see :func:`source_is_plain`)."""


@dataclass
class SourceCopy:
    """The input table whose columns an output copies: ``columns`` pairs each input column
    with the output column it fills (the feature id column among them); ``fids`` are the
    input's rows, all of them, in order."""

    path: str
    table: str
    fid_column: str
    geometry_column: str  # "" when no geometry is copied
    columns: List[Tuple[str, Column]]
    fids: np.ndarray


def _blob_head(base: int, z: bool) -> Tuple[bytes, int]:
    """The flags byte GDAL writes for a non-empty geometry of this layer type (little-endian,
    envelope XY, XYZ or none for points) and the blob's header size."""
    if base == POINT:
        return b"\x01", 8
    return (b"\x05", 8 + 48) if z else (b"\x03", 8 + 32)


def source_is_plain(
    copy: SourceCopy, layer_type: Optional[Tuple[int, bool]], rounds: bool
) -> Optional[int]:
    """The input's geometry srs id (0 without geometry) when its rows can be copied as they
    are: what the Python path would write, value for value and byte for byte; else None.
    Reads the input only."""
    if not copy.columns or not os.path.isfile(copy.path):
        return None
    conditions = []
    for name, column in copy.columns:
        quoted = _quote(name)
        if column.kind == "str":
            conditions.append(f"(typeof({quoted}) <> 'text' AND {quoted} IS NOT NULL)")
            if column.length > 0:
                # UTF-8 bytes are never fewer than the UTF-16 units QGIS counts
                conditions.append(f"length(CAST({quoted} AS BLOB)) > {int(column.length)}")
        elif column.kind in ("int", "int32"):
            conditions.append(f"(typeof({quoted}) <> 'integer' AND {quoted} IS NOT NULL)")
            if column.kind == "int32":
                conditions.append(f"{quoted} NOT BETWEEN -2147483648 AND 2147483647")
        elif column.kind == "float":
            if rounds and column.precision > 0:
                return None  # QGIS's writer rounds these: the Python path does it
            conditions.append(
                f"(typeof({quoted}) <> 'real' AND typeof({quoted}) <> 'integer' "
                f"AND {quoted} IS NOT NULL)"
            )
        else:
            return None
    parameters: list = []
    uri = Path(os.path.abspath(copy.path)).as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            srs_id = 0
            if layer_type is not None:
                if not copy.geometry_column:
                    return None
                row = connection.execute(
                    "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = "
                    "lower(?) AND lower(column_name) = lower(?)",
                    (copy.table, copy.geometry_column),
                ).fetchone()
                if row is None or not isinstance(row[0], int):
                    return None
                srs_id = row[0]
                base, z = layer_type
                flags, size = _blob_head(base, z)
                geometry = _quote(copy.geometry_column)
                conditions.append(f"{geometry} IS NULL")
                conditions.append(f"typeof({geometry}) != 'blob'")
                conditions.append(f"substr({geometry}, 1, 8) != ?")
                parameters.append(b"GP\x00" + flags + struct.pack("<i", srs_id))
                conditions.append(f"substr({geometry}, {size + 1}, 5) != ?")
                parameters.append(b"\x01" + struct.pack("<I", wkb_code(base, z)))
                if base != POINT:  # no parts, no points: empty
                    conditions.append(f"substr({geometry}, {size + 6}, 4) = X'00000000'")
                    conditions.append(f"length({geometry}) < {size + 9}")
                else:
                    conditions.append(f"length({geometry}) != {size + (29 if z else 21)}")
            table = _quote(copy.table)
            fid = _quote(copy.fid_column)
            count, low, high = connection.execute(
                f"SELECT count(*), min({fid}), max({fid}) FROM {table}"
            ).fetchone()
            fids = copy.fids
            if count != len(fids) or (count and (low != int(fids[0]) or high != int(fids[-1]))):
                return None  # not the rows read: the Python path writes what it has
            bad = connection.execute(
                f"SELECT 1 FROM {table} WHERE " + " OR ".join(conditions) + " LIMIT 1",
                parameters,
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return None if bad is not None else srs_id


def write_copy(
    path: str,
    prepared: Prepared,
    copy: SourceCopy,
    base: Optional[int],
    is_cancelled: Callable[[], bool],
    progress: Callable[[float], None],
    plain: Callable[[], bool],
) -> bool:
    """As :func:`write`, the columns of ``copy`` copied from the input and ``prepared``'s
    (the computed fields, and the geometries' bounds for the R-tree) from Python. ``plain()``
    says, before the commit, whether :func:`source_is_plain` holds (it may still be checking
    in another thread): SourceNotPlainError (nothing written) when not. False when cancelled."""
    if prepared.count == 0:
        return True
    uri = Path(os.path.abspath(path)).as_uri()
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        connection.execute("PRAGMA cache_size = -262144")
        connection.execute("PRAGMA temp_store = MEMORY")
        source = Path(os.path.abspath(copy.path)).as_uri() + "?mode=ro"
        connection.execute("ATTACH DATABASE ? AS _fr_source", (source,))
        return _write(connection, prepared, base, is_cancelled, progress, copy, plain)
    finally:
        connection.close()


def _insert_copy(
    connection, table, copy, copied_targets, names, values, geometry, is_cancelled, progress
) -> bool:
    """INSERT the rows: ``copy``'s columns (into ``copied_targets``) and geometry (into
    ``geometry``: (column, srs id), or "") from the attached input, the computed ``values``
    (into ``names``) through a temporary table on the input's feature ids."""
    count = len(copy.fids)
    new = ["_fr_fid"] + [f"c{i}" for i in range(len(names))]
    connection.execute(
        "CREATE TEMP TABLE _fr_new (_fr_fid INTEGER PRIMARY KEY"
        + "".join(f", {n}" for n in new[1:])
        + ")"
    )
    try:
        done = _insert(
            connection,
            "_fr_new",
            new,
            [copy.fids.tolist()] + list(values),
            count,
            is_cancelled,
            lambda fraction: progress(0.5 * fraction),
        )
        if not done or is_cancelled():
            return False
        targets = list(copied_targets) + list(names)
        selected = [f"s.{_quote(name)}" for name, _ in copy.columns]
        selected += [f"n.{n}" for n in new[1:]]
        parameters: list = []
        if geometry:
            column, srs_id = geometry
            targets.append(column)
            source_srs = connection.execute(
                "SELECT srs_id FROM _fr_source.gpkg_geometry_columns WHERE lower(table_name) "
                "= lower(?)",
                (copy.table,),
            ).fetchone()
            blob = f"s.{_quote(copy.geometry_column)}"
            if source_srs is None or source_srs[0] != srs_id:
                # the same bytes under the output's srs id
                selected.append(f"CAST(substr({blob}, 1, 4) || ? || substr({blob}, 9) AS BLOB)")
                parameters.append(struct.pack("<i", srs_id))
            else:
                selected.append(blob)
        # the statement's own rows (sqlite3_changes), not those of any trigger of the layer's:
        # total_changes counts both
        inserted = connection.execute(
            "INSERT INTO {} ({}) SELECT {} FROM _fr_source.{} AS s JOIN temp._fr_new AS n "
            "ON n._fr_fid = s.{} ORDER BY s.{}".format(
                _quote(table),
                ", ".join(map(_quote, targets)),
                ", ".join(selected),
                _quote(copy.table),
                _quote(copy.fid_column),
                _quote(copy.fid_column),
            ),
            parameters,
        ).rowcount
        if inserted != count:
            raise WriteError("the input's rows changed while they were copied")
        progress(1.0)
        return True
    finally:
        connection.execute("DROP TABLE temp._fr_new")
