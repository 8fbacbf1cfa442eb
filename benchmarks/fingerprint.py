"""A fingerprint of output files: enough to prove that a faster run gives the same results.

Per layer (each GeoPackage layer, each spreadsheet sheet): the feature count, the sum of every
numeric column (readable), and one digest of every feature's values, order-free: each row is
hashed (attributes with reals rounded to the field's precision, else to 6 decimals, integers
compared as reals, exact below 2**53; the geometry's type and coordinates rounded to the
millimetre, in order) and the sorted row hashes are hashed together. The feature id is left
out: a faster writer may number features otherwise.

That digest is exact: right for two runs on one machine (the regional benchmark), not across
QGIS, GEOS, GDAL or numpy versions, whose float noise (a last bit of a length, of a cut point)
moves a value across a rounding boundary now and then. The tolerant fingerprint
(``tolerant_fingerprint``; what the scale-20 test of CI compares on every lane) digests only
what has no float noise (texts, integers, NULLs, geometry types and vertex counts) and checks
reals and coordinates by sums with a tolerance: per column, the rows fall by their digest into
16 buckets, and each bucket keeps the exact sum (math.fsum: the same whatever the row order) of
its values and of its values times a weight drawn from the row's digest (so that two rows
swapping values changes it too). A value that changes by a unit of its field's last decimal
(a coordinate by a millimetre) changes its bucket's sums beyond the tolerance; float noise
stays far within it. A polygon's ring may start anywhere and turn either way (GEOS versions
differ there, results do not); a line keeps its direction.

    python -m benchmarks.fingerprint FILE...     # prints the fingerprint as JSON
    python -m benchmarks.fingerprint --tolerant FILE...
"""

import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

DECIMALS = 6  # reals whose field has no precision (GeoPackage stores none)
GEOMETRY_DECIMALS = 3  # millimetres, in a projected CRS


def _column(values, precision, round_reals=True):
    """One column in one form whatever the batch: integers and reals as floats (NULL: NaN;
    reals rounded unless ``round_reals`` is false), texts as str objects (NULL: None),
    anything else as objects."""
    mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
    data = np.ma.getdata(values)
    kind = data.dtype.kind
    if kind in "iubf":
        out = data.astype(float)
        if kind == "f" and round_reals:
            out = np.round(out, precision or DECIMALS)
        null = np.nan
    else:
        out = np.array(
            [v.decode() if isinstance(v, bytes) else v for v in data.tolist()], dtype=object
        )
        null = None
    if mask is not None and mask.any():
        out[mask] = null
    return out


def _geometry_hashes(wkb):
    """A hash per geometry: its type and its coordinates (rounded), in order."""
    geoms = shapely.from_wkb(wkb)
    counts = shapely.get_num_coordinates(geoms)
    coords = np.round(shapely.get_coordinates(geoms), GEOMETRY_DECIMALS)
    starts = np.cumsum(counts) - counts
    position = np.arange(counts.sum()) - np.repeat(starts, counts)
    per_coord = pd.util.hash_pandas_object(
        pd.DataFrame({"p": position, "x": coords[:, 0], "y": coords[:, 1]}), index=False
    ).to_numpy()
    summed = np.zeros(len(geoms), dtype=np.uint64)
    some = counts > 0
    if some.any():  # a sum per geometry, wrapping modulo 2**64: fine for a digest
        summed[some] = np.add.reduceat(per_coord, starts[some])
    kind = shapely.get_type_id(geoms)
    return pd.util.hash_pandas_object(
        pd.DataFrame({"t": kind, "n": counts, "c": summed}), index=False
    ).to_numpy()


def _fields(layer):
    """{field name: precision} (the feature id column left out) and the geometry column."""
    defn = layer.GetLayerDefn()
    fid_name = layer.GetFIDColumn() or "OGC_FID"
    precision = {
        defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetPrecision()
        for i in range(defn.GetFieldCount())
        if defn.GetFieldDefn(i).GetName() != fid_name
    }
    geometry_name = layer.GetGeometryColumn() if defn.GetGeomFieldCount() else None
    return precision, geometry_name


def _batches(layer):
    """The layer's features as column batches (dicts of numpy arrays), read as the plugin
    reads them: on GDAL before 3.11.4, GeoPackage's own Arrow reader can hand out a batch of
    another batch's memory (OSGeo/gdal#12934; here on GDAL 3.10, a text column 65,536 rows
    long beside 1,948 geometries, in a layer with sparse feature ids), so the guard of
    ``adapters.compat.arrow_read_options`` holds while the batches are read."""
    from fibre_resilience.adapters import compat

    with compat.gdal_options(compat.arrow_read_options()):
        yield from layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=NO"])


def layer_fingerprint(layer) -> dict:
    """Count, sums and digest of one OGR layer, read in column batches."""
    precision, geometry_name = _fields(layer)
    frames = []
    for batch in _batches(layer):
        columns = {name: _column(batch[name], precision[name]) for name in precision}
        if geometry_name:
            columns["__geometry"] = _geometry_hashes(batch[geometry_name])
        frames.append(pd.DataFrame(columns))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    rows = np.sort(pd.util.hash_pandas_object(table, index=False).to_numpy()) if len(table) else []
    sums = {
        name: round(float(np.nansum(table[name].to_numpy(dtype=float))), 6)
        for name in table.columns
        if name != "__geometry" and table[name].dtype.kind in "iuf"
    }
    digest = hashlib.sha256(np.asarray(rows, dtype=np.uint64).tobytes()).hexdigest()[:16]
    return {"count": int(len(table)), "sums": sums, "digest": digest}


def file_fingerprint(path, tolerant=False) -> dict:
    """Every layer (or sheet) of a file: {layer name: fingerprint} (exact, or tolerant)."""
    from osgeo import gdal

    gdal.UseExceptions()
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    fingerprint = tolerant_layer_fingerprint if tolerant else layer_fingerprint
    result = {}
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(index)
        result[layer.GetName()] = fingerprint(layer)
    return result


# ---------------------------------------------------------------- the tolerant fingerprint

TOLERANT = "tolerant-1"  # the format's name, written at the top of a recorded file
BUCKETS = 16
GEOMETRY_TOLERANCE = 0.5e-3  # metres, per bucket sum of coordinates
COORDINATE_NOISE = 1e-9  # metres per coordinate summed (float noise is about 1e-10 here)
RELATIVE_NOISE = 1e-13  # of a column's sum of magnitudes (float noise: about 1e-16 a value)
POLYGONAL = (3, 6)  # shapely type ids of Polygon and MultiPolygon


def _bucket_sums(values, order, bounds):
    """Exact sums (math.fsum) of ``values`` per bucket; ``order`` sorts them by bucket."""
    values = values[order]
    return [math.fsum(values[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


def _buckets(keys):
    """The sorting order of rows by bucket and where each bucket starts and ends."""
    order = np.argsort(keys, kind="stable")
    return order, np.searchsorted(keys[order], np.arange(BUCKETS + 1))


def _vertices(geoms, weights):
    """(coordinates, their row, their weight) of the geometries, for the sums.

    Lines and points: every vertex, weighted by its row's weight times its position (so that
    a line turned the other way differs). Polygons: the vertices of each ring less its closing
    one, weighted by the row's alone: the sums then hold whatever vertex a ring starts from
    and whichever way it turns, which GEOS versions choose otherwise (not a result)."""
    polygonal = np.flatnonzero(np.isin(shapely.get_type_id(geoms), POLYGONAL))
    other = np.setdiff1d(np.arange(len(geoms)), polygonal)
    counts = shapely.get_num_coordinates(geoms[other])
    starts = np.cumsum(counts) - counts
    position = np.arange(counts.sum()) - np.repeat(starts, counts)
    rows = np.repeat(other, counts)
    coords = [shapely.get_coordinates(geoms[other])]
    coordinate_weights = [weights[rows] * (position + 1)]
    parts, part_row = shapely.get_parts(geoms[polygonal], return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    ring_counts = shapely.get_num_coordinates(rings)
    ring_rows = np.repeat(polygonal[part_row[ring_part]], ring_counts)
    closing = np.cumsum(ring_counts) - 1
    keep = np.ones(int(ring_counts.sum()), dtype=bool)
    keep[closing[ring_counts > 0]] = False
    coords.append(shapely.get_coordinates(rings)[keep])
    coordinate_weights.append(weights[ring_rows[keep]])
    rows = np.concatenate([rows, ring_rows[keep]])
    return np.concatenate(coords), rows, np.concatenate(coordinate_weights)


def tolerant_layer_fingerprint(layer) -> dict:
    """Count, exact digest of what has no float noise, sums; reals and coordinates as sums
    per bucket with their tolerance (see the module's help)."""
    precision, geometry_name = _fields(layer)
    exact_frames, reals, geometries = [], {}, []
    for batch in _batches(layer):
        exact = {}
        for name in precision:
            column = _column(batch[name], precision[name], round_reals=False)
            if np.ma.getdata(batch[name]).dtype.kind == "f":
                reals.setdefault(name, []).append(column)
                exact[name] = np.isnan(column)  # NULL or not has no noise
            else:
                exact[name] = column
        if geometry_name:
            geoms = shapely.from_wkb(batch[geometry_name])
            exact["__type"] = shapely.get_type_id(geoms)
            exact["__vertices"] = shapely.get_num_coordinates(geoms)
            geometries.append(geoms)
        exact_frames.append(pd.DataFrame(exact))
    table = pd.concat(exact_frames, ignore_index=True) if exact_frames else pd.DataFrame()
    count = int(len(table))
    if count and len(table.columns):
        hashes = pd.util.hash_pandas_object(table, index=False).to_numpy()
    else:
        hashes = np.zeros(count, dtype=np.uint64)
    digest = hashlib.sha256(np.sort(hashes).tobytes()).hexdigest()[:16]
    keys = (hashes % np.uint64(BUCKETS)).astype(np.int64)
    weights = (hashes >> np.uint64(11)).astype(float) * 2.0**-53  # in [0, 1), from the row
    order, bounds = _buckets(keys)
    result = {"count": count, "digest": digest, "rows": np.diff(bounds).tolist(), "sums": {}}
    for name in table.columns:
        if name in precision and name not in reals and table[name].dtype.kind == "f":
            result["sums"][name] = round(math.fsum(np.nan_to_num(table[name].to_numpy())), 6)
    result["reals"] = {}
    for name, parts in reals.items():
        values = np.nan_to_num(np.concatenate(parts))
        magnitude = math.fsum(np.abs(values))
        result["sums"][name] = round(math.fsum(values), 6)
        result["reals"][name] = {
            "tolerance": 0.5 * 10.0 ** -(precision[name] or DECIMALS) + RELATIVE_NOISE * magnitude,
            "sum": _bucket_sums(values, order, bounds),
            "weighted": _bucket_sums(values * weights, order, bounds),
        }
    if geometry_name:
        geoms = np.concatenate(geometries) if geometries else np.array([], dtype=object)
        coords, rows, coordinate_weights = _vertices(geoms, weights)
        c_order, c_bounds = _buckets(keys[rows])
        result["geometry"] = {
            "tolerance": GEOMETRY_TOLERANCE + COORDINATE_NOISE * len(rows),
            **{axis: _bucket_sums(coords[:, i], c_order, c_bounds) for i, axis in enumerate("xy")},
            **{
                f"{axis}_weighted": _bucket_sums(
                    coords[:, i] * coordinate_weights, c_order, c_bounds
                )
                for i, axis in enumerate("xy")
            },
        }
    return result


def _bucket_differences(old: dict, new: dict, where: str) -> list:
    """Bucket sums further apart than the recorded tolerance."""
    lines = []
    for key in sorted(set(old) | set(new)):
        if key == "tolerance":
            continue
        if key not in old or key not in new:
            lines.append(f"{where}/{key}: {'missing now' if key in old else 'new'}")
            continue
        for bucket, (was, now) in enumerate(zip(old[key], new[key])):
            if abs(was - now) > old["tolerance"]:
                lines.append(
                    f"{where}/{key}: bucket {bucket} was {was!r}, now {now!r} "
                    f"(tolerance {old['tolerance']:.3g})"
                )
    return lines


def tolerant_differences(old: dict, new: dict) -> list:
    """Where two tolerant fingerprints ({file: {layer: fingerprint}}) differ, as lines."""
    lines = []
    for name in sorted(set(old) | set(new)):
        if name not in old or name not in new:
            lines.append(f"{name}: {'missing now' if name in old else 'new'}")
            continue
        if not isinstance(old[name], dict):
            lines += differences(old[name], new[name], name)
            continue
        for layer in sorted(set(old[name]) | set(new[name])):
            where = f"{name}/{layer}"
            if layer not in old[name] or layer not in new[name]:
                lines.append(f"{where}: {'missing now' if layer in old[name] else 'new'}")
                continue
            was, now = old[name][layer], new[name][layer]
            for key in ("count", "digest", "rows"):
                lines += differences(was.get(key), now.get(key), f"{where}/{key}")
            # the sums of reals are there to be read: their buckets compare them
            exact_sums = [
                {k: v for k, v in f["sums"].items() if k not in f["reals"]} for f in (was, now)
            ]
            lines += differences(*exact_sums, f"{where}/sums")
            for column in sorted(set(was["reals"]) | set(now["reals"])):
                if column not in was["reals"] or column not in now["reals"]:
                    lost = column in was["reals"]
                    lines.append(f"{where}/{column}: {'missing now' if lost else 'new'}")
                    continue
                lines += _bucket_differences(
                    was["reals"][column], now["reals"][column], f"{where}/{column}"
                )
            if "geometry" in was or "geometry" in now:
                if "geometry" not in was or "geometry" not in now:
                    lines.append(
                        f"{where}/geometry: {'missing now' if 'geometry' in was else 'new'}"
                    )
                else:
                    lines += _bucket_differences(
                        was["geometry"], now["geometry"], f"{where}/geometry"
                    )
    return lines


def differences(old: dict, new: dict, path="") -> list:
    """Where two fingerprints differ, as readable lines (sums compared to 1e-9 relative)."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines = []
        for key in sorted(set(old) | set(new)):
            where = f"{path}/{key}" if path else key
            if key not in old or key not in new:
                lines.append(f"{where}: {'missing now' if key in old else 'new'}")
            else:
                lines += differences(old[key], new[key], where)
        return lines
    numbers = isinstance(old, (int, float)) and isinstance(new, (int, float))
    if numbers and abs(old - new) <= 1e-9 * max(1.0, abs(old), abs(new)):
        return []
    return [] if old == new else [f"{path}: was {old}, now {new}"]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import import_plugin_package  # the reads' guard is the plugin's

    import_plugin_package()
    tolerant = "--tolerant" in sys.argv[1:]
    paths = [p for p in sys.argv[1:] if p != "--tolerant"]
    print(json.dumps({p: file_fingerprint(p, tolerant) for p in paths}, indent=1))
