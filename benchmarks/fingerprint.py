"""A fingerprint of output files: enough to prove that a faster run gives the same results.

Per layer (each GeoPackage layer, each spreadsheet sheet): the feature count, the sum of every
numeric column (readable), and one digest of every feature's values, order-free: each row is
hashed (attributes with reals rounded to the field's precision, else to 6 decimals, integers
compared as reals, exact below 2**53; the geometry's type and coordinates rounded to the
millimetre, in order) and the sorted row hashes are hashed together. The feature id is left
out: a faster writer may number features otherwise.

    python -m benchmarks.fingerprint FILE...     # prints the fingerprint as JSON
"""

import hashlib
import json
import sys

import numpy as np
import pandas as pd
import shapely

DECIMALS = 6  # reals whose field has no precision (GeoPackage stores none)
GEOMETRY_DECIMALS = 3  # millimetres, in a projected CRS


def _column(values, precision):
    """One column in one form whatever the batch: integers and reals as floats (NULL: NaN;
    reals rounded), texts as str objects (NULL: None), anything else as objects."""
    mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
    data = np.ma.getdata(values)
    kind = data.dtype.kind
    if kind in "iubf":
        out = data.astype(float)
        if kind == "f":
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


def layer_fingerprint(layer) -> dict:
    """Count, sums and digest of one OGR layer, read in column batches."""
    defn = layer.GetLayerDefn()
    precision = {
        defn.GetFieldDefn(i).GetName(): defn.GetFieldDefn(i).GetPrecision()
        for i in range(defn.GetFieldCount())
    }
    geometry_name = layer.GetGeometryColumn() if defn.GetGeomFieldCount() else None
    fid_name = layer.GetFIDColumn() or "OGC_FID"
    frames = []
    stream = layer.GetArrowStreamAsNumPy(options=["INCLUDE_FID=NO"])
    for batch in stream:
        columns = {
            name: _column(batch[name], precision.get(name, 0))
            for name in precision
            if name != fid_name
        }
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


def file_fingerprint(path) -> dict:
    """Every layer (or sheet) of a file: {layer name: fingerprint}."""
    from osgeo import gdal

    gdal.UseExceptions()
    dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR | gdal.OF_READONLY)
    result = {}
    for index in range(dataset.GetLayerCount()):
        layer = dataset.GetLayer(index)
        result[layer.GetName()] = layer_fingerprint(layer)
    return result


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
    print(json.dumps({p: file_fingerprint(p) for p in sys.argv[1:]}, indent=1))
