"""Bulk reading of plain OGR file layers, used by io.read_layer when it applies.

A GeoPackage or shapefile layer with no subset, selection, limit or pending edit is read in
one call through GDAL's Arrow stream (WKB and numpy columns) instead of feature by feature;
QgsFeatures are then only built when an algorithm asks for them (expressions, writing
to a destination other than a new GeoPackage: those are written from the columns, see
gpkg_writer.py). Whatever is not certain to give what the per-feature path gives falls
back to it.
"""

import gc
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from osgeo import ogr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsWkbTypes,
)

from . import compat

ENABLED = True  # tests and benchmarks switch the bulk path off to compare with the per-feature one
DRIVERS = ("GPKG", "ESRI Shapefile")
_OGR_KINDS = {
    ogr.OFTInteger: "int",
    ogr.OFTInteger64: "int",
    ogr.OFTReal: "float",
    ogr.OFTString: "str",
}
_QGIS_KINDS = {
    compat.type_id(compat.INT): "int",
    compat.type_id(compat.LONG_LONG): "int",
    compat.type_id(compat.DOUBLE): "float",
    compat.type_id(compat.STRING): "str",
}
# OGR subtypes whose values QGIS reads as the plain type (Float32, boolean and JSON are not)
_PLAIN_SUBTYPES = (ogr.OFSTNone, ogr.OFSTInt16, ogr.OFSTUUID)
_SINGLE_TO_MULTI = {1: shapely.multilinestrings, 3: shapely.multipolygons}


# --------------------------------------------------------------------------- reading


@dataclass
class BulkOrigin:
    """Where a feature source's features live, when they can be read in bulk."""

    path: str
    layer_name: Optional[str]
    layer_id: Optional[int]
    driver: str
    check: int  # the invalid-geometry check the source applies
    multi: bool  # QGIS reports a multi type (shapefiles: single parts become multi)


@dataclass
class BulkTable:
    """A layer read in one call: fids, source WKB, raw columns of the plain fields."""

    origin: BulkOrigin
    table: str
    fid_column: str
    geometry_column: str
    fids: np.ndarray
    source_geometries: np.ndarray  # shapely, source CRS, Z kept; None where null or empty
    wkb_types: np.ndarray  # shapely type id per feature (-1 where null)
    columns: Dict[str, np.ndarray]
    kinds: Dict[str, str]  # QGIS field name -> int | float | str, for the plain fields only
    python: bool = False  # columns hold Python values (read through SQLite), not Arrow's
    partial: bool = False  # read with ``only``: the other fields are NULL in its features
    _values: Dict[str, Optional[np.ndarray]] = field(default_factory=dict, repr=False)

    def prefetch(self, names) -> None:
        """Read together the columns of ``names`` not read yet (one table scan)."""
        load = getattr(self.columns, "load", None)
        if load is not None:
            load([name for name in names if name in self.kinds and name not in self._values])

    def values(self, name: str) -> Optional[np.ndarray]:
        """Python values (None for NULL) as QGIS gives them, or None when not certain."""
        if name not in self._values:
            self._values[name] = self._convert(name)
        return self._values[name]

    def _convert(self, name: str) -> Optional[np.ndarray]:
        kind = self.kinds.get(name)
        if kind is None:
            return None
        try:
            column = self.columns[name]
        except KeyError:
            return None  # a column read later that SQLite could not read: QGIS reads it
        arrow = getattr(self.columns, "arrow", None)
        if self.python and (arrow is None or name not in arrow):
            # SQLite's column affinity gives these types; anything else (a text in an
            # integer column, a blob) is left to QGIS, which converts it its own way
            allowed = {"int": int, "float": float, "str": str}[kind]
            if not set(map(type, column.tolist())) <= {allowed, type(None)}:
                return None
            return column
        mask = np.ma.getmaskarray(column)
        data = np.ma.getdata(column)
        if kind == "str":
            raw = data.tolist()
            if self.origin.driver != "GPKG" and _has_non_ascii(data, raw):
                return None  # shapefile encodings: leave the decoding to QGIS
            values = decode_utf8(raw)
        else:
            values = data.tolist()
        out = np.empty(len(values), dtype=object)
        out[:] = values
        out[mask] = None
        if arrow is not None:  # GDAL's column is let go: the Python values replace it
            self.columns.add_python(name, out)
        return out


def decode_utf8(raw: list) -> list:
    """The UTF-8 bytes of ``raw`` as text (other values as they are), decoded in one call:
    joined by NUL, decoded, split again (a value decoded alone costs as much as the whole
    column so: 29 million of them in a regional delivery). A value holding a NUL itself, or
    anything but bytes, is decoded one by one."""
    if raw and set(map(type, raw)) == {bytes}:
        try:
            parts = b"\x00".join(raw).decode("utf-8").split("\x00")
        except UnicodeDecodeError:
            parts = []
        if len(parts) == len(raw):
            return parts
    return [v.decode("utf-8") if isinstance(v, bytes) else v for v in raw]


def _has_non_ascii(data: np.ndarray, raw: list) -> bool:
    if data.dtype.kind == "S":
        return bool(data.size) and int(np.frombuffer(data.tobytes(), np.uint8).max()) >= 128
    return any(isinstance(v, bytes) and not v.isascii() for v in raw)


class LazyFeatures:
    """The features of a bulk-read layer, fetched through QGIS only when first used.

    ``load(fids, every)`` gives the QgsFeatures of those feature ids, in their order;
    ``every`` says they are all the layer's.
    """

    def __init__(self, table: BulkTable, load: Callable[[np.ndarray, bool], List]):
        self.table = table
        self._load = load
        self._features: Optional[List] = None

    @property
    def loaded(self) -> bool:
        return self._features is not None

    def _all(self) -> List:
        if self._features is None:
            self._features = self._load(self.table.fids, True)
        return self._features

    def take(self, indices) -> List:
        """The features at ``indices`` (repeats allowed), fetching only those when the
        others are not loaded: the few blocked roads of a million, not the million."""
        indices = np.asarray(indices, dtype=np.int64)
        if self._features is not None:
            return [self._features[i] for i in indices]
        return self._load(self.table.fids[indices], False)

    def __len__(self) -> int:
        return len(self.table.fids)

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self):
        return iter(self._all())


class TakenFeatures(Sequence):
    """The features at ``indices`` (repeats allowed) of a bulk-read layer, fetched only when
    something asks for them: an output of some of its rows (targets reached, blocked roads)
    keeps their fields from the table's columns instead of from QgsFeatures."""

    def __init__(self, features: LazyFeatures, indices):
        self.whole = features
        self.table = features.table
        self.indices = np.asarray(indices, dtype=np.int64)
        self._features: Optional[List] = None

    @property
    def loaded(self) -> bool:
        return self._features is not None or self.whole.loaded

    def _all(self) -> List:
        if self._features is None:
            self._features = self.whole.take(self.indices)
        return self._features

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self):
        return iter(self._all())


def origin_of(alg, parameters, key, context) -> Optional[BulkOrigin]:
    """The file behind a source parameter, or None when it must be read feature by feature."""
    if not ENABLED:
        return None
    value = parameters.get(key)
    check = int(context.invalidGeometryCheck())
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit != -1:
            return None
        if getattr(value, "filterExpression", ""):
            return None
        if value.flags & QgsProcessingFeatureSourceDefinition.Flag.FlagOverrideDefaultGeometryCheck:
            check = int(value.geometryCheck)
        # parameterAsVectorLayer does not look inside a source definition (QGIS 3.22)
        parameters = {key: value.source.valueAsString(context.expressionContext())[0]}
    return layer_origin(alg.parameterAsVectorLayer(parameters, key, context), check)


def layer_origin(layer, check: int) -> Optional[BulkOrigin]:
    """The file behind a layer, or None when it must be read feature by feature."""
    if not ENABLED or layer is None or not layer.isValid() or layer.providerType() != "ogr":
        return None
    if layer.subsetString() or layer.isEditable() or QgsWkbTypes.hasM(layer.wkbType()):
        return None
    driver = layer.dataProvider().storageType()
    if driver not in DRIVERS:
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if parts.get("subset") or parts.get("geometryType") or not parts.get("path"):
        return None
    layer_id = parts.get("layerId")
    return BulkOrigin(
        path=file_path(parts),
        layer_name=parts.get("layerName") or None,
        layer_id=int(layer_id) if layer_id not in (None, "") else None,
        driver=driver,
        check=check,
        multi=QgsWkbTypes.isMultiType(layer.wkbType()),
    )


def file_path(parts: dict) -> str:
    """The path GDAL opens, from QGIS's decoded ogr URI: QGIS 3.40 decodes
    ``/vsizip//a/b.zip/c.shp`` into path ``/a/b.zip`` with the ``/vsizip/`` prefix and the
    ``/c.shp`` suffix apart (3.22 keeps the whole path); GDAL needs them joined again."""
    path = str(parts.get("path") or "")
    prefix, suffix = str(parts.get("vsiPrefix") or ""), str(parts.get("vsiSuffix") or "")
    if prefix and not path.startswith(prefix):
        path = prefix + path + suffix
    return path


def _open_layer(origin: BulkOrigin):
    dataset = compat.ogr_open(origin.path)
    if dataset is None:
        return None, None
    if origin.layer_name:
        layer = dataset.GetLayerByName(origin.layer_name)
    else:
        layer = dataset.GetLayer(origin.layer_id or 0)
    return dataset, layer


def read_table(
    origin: BulkOrigin, qgis_fields, only=None, geometry=True, now=None
) -> Optional[BulkTable]:
    """Read the whole layer (a GeoPackage's fields when first asked for, see GpkgColumns,
    else through GDAL's Arrow stream); None when QGIS might see it otherwise. ``only``: the
    names of the only fields to read (the others are left out of ``kinds``: NULL, as QGIS
    gives them to a subset request); without the geometries unless ``geometry`` (all None).
    ``now``: the names of the fields the caller is about to ask for: a GeoPackage's are read
    with the geometries, in the same pass (each pass of GDAL's costs about the same, with
    few fields or many), unless their texts are wide (see WIDE_TEXT_BYTES)."""
    dataset, layer = _open_layer(origin)
    if layer is None:
        return None
    definition = layer.GetLayerDefn()
    ogr_fields = [definition.GetFieldDefn(i) for i in range(definition.GetFieldCount())]
    ogr_names = [f.GetName() for f in ogr_fields]
    fid_column = layer.GetFIDColumn() or "OGC_FID"
    has_geometry = layer.GetGeomType() != ogr.wkbNone and geometry
    geometry_column = (layer.GetGeometryColumn() or "wkb_geometry") if has_geometry else ""
    names = qgis_fields.names()
    if names not in (ogr_names, [fid_column] + ogr_names) or {fid_column, geometry_column} & set(
        ogr_names
    ):
        return None  # joined, virtual or renamed fields: QGIS adds what the file has not
    kinds = {}
    if names and names[0] == fid_column and names != ogr_names:
        kinds[fid_column] = "int"
    for ogr_field in ogr_fields:
        name = ogr_field.GetName()
        kind = _OGR_KINDS.get(ogr_field.GetType())
        qgis_kind = _QGIS_KINDS.get(compat.type_id(qgis_fields.field(name).type()))
        if kind is not None and kind == qgis_kind and ogr_field.GetSubType() in _PLAIN_SUBTYPES:
            kinds[name] = kind
    ignored = [] if has_geometry else ["OGR_GEOMETRY"]
    if only is not None:
        kinds = {name: kind for name, kind in kinds.items() if name in only}
        ignored += [name for name in ogr_names if name not in only]
    if ignored:  # GDAL's Arrow stream skips them
        layer.SetIgnoredFields(ignored)
    table_name = layer.GetName()
    fields_read = [n for n in ogr_names if n in kinds]
    rows = None
    lazy = None
    if origin.driver == "GPKG" and SQLITE and os.path.isfile(origin.path):
        # the fields are read when first asked for: an output that keeps them copies them
        # in SQLite (gpkg_writer.SourceCopy) and most are never read into Python
        # the geometries through GDAL's Arrow stream, quicker than SQLite for them alone
        # (regional nodes: 1.2 s of CPU against 1.7), with the fields asked for ``now``
        texts = [n for n in fields_read if kinds[n] == "str"]
        early = [n for n in fields_read if now is not None and n in now]
        if early and not _arrow_suits(origin.path, table_name, [n for n in early if n in texts]):
            early = []
        layer.SetIgnoredFields(
            [n for n in ogr_names if n not in early] + ([] if has_geometry else ["OGR_GEOMETRY"])
        )
        rows = _read_arrow(layer, fid_column, geometry_column, early)
        if rows is None:
            rows = _read_gpkg(origin.path, table_name, fid_column, geometry_column, [])
        layer.SetIgnoredFields(ignored)
        if rows is not None:
            fids = np.asarray(np.ma.getdata(rows[0]), dtype=np.int64)
            lazy = GpkgColumns(origin.path, table_name, fid_column, fids, texts)
            lazy.add_arrow(rows[2])
            rows = (fids, rows[1], {})
    if rows is None and origin.driver == "GPKG" and SQLITE:
        texts = [n for n in fields_read if kinds[n] == "str"]
        if SQLITE == "auto" and not _wide_texts(origin.path, table_name, texts):
            pass  # narrow texts: GDAL's Arrow stream is the quicker
        else:
            rows = _read_gpkg(origin.path, table_name, fid_column, geometry_column, fields_read)
    python = rows is not None
    if rows is None:
        rows = _read_arrow(layer, fid_column, geometry_column, fields_read)
    del layer, dataset  # the layer lives as long as its dataset: close both now
    if rows is None:
        return None
    fid_values, wkb, columns = rows
    if lazy is not None:
        columns = lazy
    if fid_column in kinds:  # QGIS shows a GeoPackage's feature ids as a field too
        columns[fid_column] = fid_values.astype(object) if python else fid_values
    geometries = compat.from_wkb(wkb)
    present = wkb != None  # noqa: E711
    if np.any(shapely.is_missing(geometries) & present):
        return None  # curves, one-point lines…: the per-feature path counts them as it does
    if origin.multi:
        geometries = _promote_to_multi(geometries)
    checked = origin.check != int(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    if checked and not np.all(shapely.is_valid(geometries[present])):
        return None  # the source would skip or stop at them
    geometries[shapely.is_empty(geometries)] = None
    wkb_types = shapely.get_type_id(geometries)
    fids = np.asarray(np.ma.getdata(fid_values), dtype=np.int64)
    return BulkTable(
        origin=origin,
        table=table_name,
        fid_column=fid_column,
        geometry_column=geometry_column,
        fids=fids,
        source_geometries=geometries,
        wkb_types=wkb_types,
        columns=columns,
        kinds={name: kind for name, kind in kinds.items() if lazy is not None or name in columns},
        python=python,
        partial=only is not None,
    )


class GpkgColumns(dict):
    """The columns of a GeoPackage table, each read when first asked for; :meth:`load` reads
    several in one scan: through SQLite (Python values) for a few (ARROW_FIELDS), through
    GDAL's Arrow stream for more, unless their texts are wide (see WIDE_TEXT_BYTES). A
    column that neither can read as GDAL would (a text not in UTF-8...) is missing: QGIS
    reads its values."""

    def __init__(
        self, path: str, table: str, fid_column: str, fids: np.ndarray, texts: Sequence[str]
    ):
        super().__init__()
        self.path = path
        self.table = table
        self.fid_column = fid_column
        self.fids = fids
        self.texts = set(texts)  # the text fields (the width of theirs read decides the path)
        self.unreadable: set = set()
        self.arrow: set = set()  # the columns as GDAL's Arrow stream gave them, not Python's

    def add_arrow(self, columns: Dict[str, np.ndarray]) -> None:
        """Columns read through GDAL's Arrow stream (BulkTable converts them)."""
        self.update(columns)
        self.arrow.update(columns)

    def add_python(self, name: str, column: np.ndarray) -> None:
        """A column's Python values, in place of GDAL's."""
        self[name] = column
        self.arrow.discard(name)

    def load(self, names) -> None:
        missing = [n for n in dict.fromkeys(names) if n not in self and n not in self.unreadable]
        if not missing:
            return
        texts = [n for n in missing if n in self.texts]
        arrow = len(missing) >= ARROW_FIELDS and _arrow_suits(self.path, self.table, texts)
        if arrow and self._load_arrow(missing):
            return
        rows = _read_gpkg(self.path, self.table, self.fid_column, "", missing)
        if rows is None or not np.array_equal(rows[0], self.fids):
            self.unreadable.update(missing)
            return
        self.update(rows[2])

    def _load_arrow(self, names: List[str]) -> bool:
        dataset = compat.ogr_open(self.path)
        layer = dataset.GetLayerByName(self.table) if dataset is not None else None
        if layer is None:
            return False
        definition = layer.GetLayerDefn()
        every = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        layer.SetIgnoredFields([n for n in every if n not in names] + ["OGR_GEOMETRY"])
        rows = _read_arrow(layer, self.fid_column, "", names)
        del layer, dataset
        if rows is None or not np.array_equal(np.ma.getdata(rows[0]), self.fids):
            return False
        self.add_arrow(rows[2])
        return True

    def __missing__(self, name: str) -> np.ndarray:
        self.load([name])
        if name not in self:
            raise KeyError(name)
        return dict.__getitem__(self, name)


# Rows per batch of GDAL's Arrow stream: with its fields, a batch of a whole table (up to a
# million rows) kept the memory of GDAL's buffers in the process after the read (regional
# delivery read: 3.84 GB peak, against 3.65 with the fields read through SQLite; with
# batches of 100,000: 3.55 GB)
_ARROW_BATCH = 100_000


def _read_arrow(layer, fid_column: str, geometry_column: str, names: List[str]):
    """(fids, WKB objects, raw columns) through GDAL's Arrow stream, or None."""
    with compat.gdal_options(compat.arrow_read_options()):
        batches = list(layer.GetArrowStreamAsNumPy([f"MAX_FEATURES_IN_BATCH={_ARROW_BATCH}"]))
    wanted = [fid_column] + [geometry_column] * bool(geometry_column) + names
    columns = {}
    for name in wanted:
        parts = [batch[name] for batch in batches if name in batch]
        if len(parts) != len(batches):
            return None
        columns[name] = _concatenate(parts) if parts else np.empty(0, dtype=object)
    count = len(columns[fid_column])
    if any(len(column) != count for column in columns.values()):
        return None  # a batch whose columns disagree: GDAL's, not ours to guess
    if geometry_column:
        wkb = _wkb_objects(columns.pop(geometry_column), count)
    else:
        wkb = np.full(count, None, dtype=object)
    return columns.pop(fid_column), wkb, columns


# --------------------------------------------------------------- GeoPackage through SQLite
#
# A GeoPackage is an SQLite file: its rows are read with one SELECT, in feature id order (as
# GDAL and QGIS iterate them), values straight into Python objects and geometry blobs into
# WKB by cutting off their header. On the regional cables (248,417 rows, 27 fields) that is
# 2 s of CPU where GDAL 3.6's Arrow stream takes 7 (its GeoPackage reader is the generic
# feature-by-feature one, see compat.arrow_read_options) and writes every text into a
# fixed-width array as wide as the longest value. Whatever it cannot read as GDAL would
# (extended geometry blobs, undecodable text, a file it cannot open) goes to the Arrow path.

# "auto": through SQLite when the texts are wide (see _wide_texts), else GDAL's Arrow stream;
# tests force one path (True: SQLite, False: Arrow) to compare both with QGIS's reading.
SQLITE = "auto"
# Bytes of text per row (the widest of each text field, summed) from which SQLite is used:
# the regional cables (gt_routes up to 1,969 bytes, 2,103 in all) read in 5.0 s of CPU by
# SQLite, 9.3-11.4 by Arrow; the regional premises (100) and routes (110) in 6.4-8.3 and
# 8.1-8.3 by Arrow, 9.0-10.2 by SQLite.
WIDE_TEXT_BYTES = 1000
# Fields of a GeoPackage asked for together from which they are read in one pass of GDAL's
# Arrow stream, not SQLite: on the scale-20 delivery, one field took 0.03-0.06 s of CPU
# through SQLite, 0.05-0.08 through Arrow; two about the same; five of t_local 0.25 against
# 0.19. The delivery read's scans took 2.1 s of CPU through SQLite (beside 0.5 for the
# geometries), 1 s in all through Arrow with its fields read with the geometries
ARROW_FIELDS = 3
_PROBED_ROWS = 1000
_ROWS_PER_FETCH = 100_000
# GeoPackage binary header: 8 bytes, then an envelope whose size flags bits 1-3 give
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_HEADER_BYTES = {
    flags: 8 + _ENVELOPE_BYTES[(flags >> 1) & 7]
    for flags in range(256)
    if (flags >> 1) & 7 in _ENVELOPE_BYTES and not flags & 0x20  # 0x20: extended type
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _arrow_suits(path: str, table: str, texts: List[str]) -> bool:
    """Whether fields whose texts are ``texts`` are read through GDAL's Arrow stream rather
    than SQLite (SQLITE "auto" and their texts narrow)."""
    return SQLITE == "auto" and not _wide_texts(path, table, texts)


def _wide_texts(path: str, table: str, texts: List[str]) -> bool:
    """Whether the first rows' texts are wide enough (WIDE_TEXT_BYTES) for SQLite to read
    the table quicker than GDAL's Arrow stream, whose numpy arrays give every text the width
    of the widest one."""
    if not texts or not os.path.isfile(path):
        return False
    widths = ", ".join(f"max(length(CAST({_quote(n)} AS BLOB)))" for n in texts)
    query = "SELECT {} FROM (SELECT {} FROM {} LIMIT {})".format(
        widths, ", ".join(map(_quote, texts)), _quote(table), _PROBED_ROWS
    )
    try:
        connection = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)
        try:
            row = connection.execute(query).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return sum(v for v in row if isinstance(v, int)) >= WIDE_TEXT_BYTES


def _read_gpkg(
    path: str, table: str, fid_column: str, geometry_column: str, names: List[str]
) -> Optional[Tuple[np.ndarray, np.ndarray, Dict[str, np.ndarray]]]:
    """(fids, WKB objects, Python-valued columns) of a GeoPackage table, or None."""
    if not os.path.isfile(path):
        return None  # /vsizip/ and the like: GDAL's
    selected = [fid_column] + [geometry_column] * bool(geometry_column) + names
    query = "SELECT {} FROM {} ORDER BY {}".format(
        ", ".join(map(_quote, selected)), _quote(table), _quote(fid_column)
    )
    parts: List[list] = [[] for _ in selected]
    collecting = gc.isenabled()
    gc.disable()  # millions of row tuples, no cycle among them: no collection passes
    try:
        connection = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)
        try:
            cursor = connection.execute(query)
            while True:
                rows = cursor.fetchmany(_ROWS_PER_FETCH)
                if not rows:
                    break
                for part, values in zip(parts, zip(*rows)):
                    part.extend(values)
                del rows
        finally:
            connection.close()
    except (sqlite3.Error, ValueError):
        return None  # not readable as plain SQLite (a text not in UTF-8...): GDAL's
    finally:
        if collecting:
            gc.enable()
    fids = parts.pop(0)
    if not all(type(fid) is int for fid in fids):
        return None
    wkb = np.full(len(fids), None, dtype=object)
    if geometry_column:
        blobs = parts.pop(0)
        header = _HEADER_BYTES
        try:
            wkb[:] = [
                None if b is None else (b[header[b[3]] :] if b[:2] == b"GP" else b"") for b in blobs
            ]
        except (KeyError, IndexError, TypeError):
            return None  # extended or unknown blobs: GDAL's
        if any(w == b"" for w in wkb.tolist()):
            return None
    columns = {}
    for name, values in zip(names, parts):
        column = np.empty(len(values), dtype=object)
        column[:] = values
        columns[name] = column
    return np.asarray(fids, dtype=np.int64), wkb, columns


def _concatenate(parts: List[np.ndarray]) -> np.ndarray:
    if len(parts) == 1:
        return parts[0]
    if any(np.ma.isMaskedArray(p) for p in parts):
        return np.ma.concatenate(parts)
    kinds = {p.dtype.kind for p in parts}
    # texts of different widths alone: as wide as the widest (numpy's promotion), not as
    # a Python object each
    if len({p.dtype for p in parts}) > 1 and kinds & {"S", "V"} and kinds != {"S"}:
        return np.concatenate([p.astype(object) for p in parts])
    return np.concatenate(parts)


def _wkb_objects(column: np.ndarray, count: int) -> np.ndarray:
    """WKB bytes per feature (None for a null geometry) from an Arrow binary column."""
    mask = np.ma.getmaskarray(column)
    data = np.ma.getdata(column)
    out = np.empty(count, dtype=object)
    out[:] = [bytes(v) if v is not None else None for v in data.tolist()]
    out[mask] = None
    return out


def _promote_to_multi(geometries: np.ndarray) -> np.ndarray:
    """Single lines and polygons as one-part multis, as QGIS reads shapefiles."""
    types = shapely.get_type_id(geometries)
    out = geometries.copy()
    for single, build in _SINGLE_TO_MULTI.items():
        index = np.flatnonzero((types == single) & ~shapely.is_empty(geometries))
        if len(index):
            out[index] = build(geometries[index], indices=np.arange(len(index)))
    return out


def load_features(source, request, fids: np.ndarray, every: bool) -> List:
    """The QgsFeatures of a bulk-read source, in the order of ``fids`` (repeats allowed);
    ``every``: ``fids`` are all the source's, read with no filter."""
    wanted = np.unique(fids)
    if len(wanted) == 0:
        return []
    request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
    if not every:
        request.setFilterFids([int(fid) for fid in wanted])
    by_fid = {feature.id(): feature for feature in source.getFeatures(request)}
    if len(by_fid) != len(wanted):
        raise RuntimeError("the layer changed while it was read")
    return [by_fid[int(fid)] for fid in fids]


def read_geometries(origin: BulkOrigin) -> Optional[Tuple[np.ndarray, np.ndarray]]:
    """(feature ids, geometries) of every feature of a file layer, in feature-id order, the
    geometries as shapely in the layer's CRS (None where null or empty), no attribute read;
    None when GDAL cannot read the layer so, or shapely cannot hold a geometry (curves)."""
    dataset, layer = _open_layer(origin)
    if layer is None or layer.GetGeomType() == ogr.wkbNone:
        return None
    definition = layer.GetLayerDefn()
    layer.SetIgnoredFields(
        [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    )
    fid_column = layer.GetFIDColumn() or "OGC_FID"
    column = layer.GetGeometryColumn() or "wkb_geometry"
    with compat.gdal_options(compat.arrow_read_options()):
        batches = list(layer.GetArrowStreamAsNumPy(["MAX_FEATURES_IN_BATCH=1000000"]))
    del layer, dataset
    if any(fid_column not in batch or column not in batch for batch in batches):
        return None
    if not batches:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    fids = np.asarray(np.ma.getdata(_concatenate([b[fid_column] for b in batches])), np.int64)
    raw = _concatenate([batch[column] for batch in batches])
    wkb = _wkb_objects(raw, len(raw))
    geometries = compat.from_wkb(wkb)
    if np.any(shapely.is_missing(geometries) & (wkb != None)):  # noqa: E711
        return None  # curves…: shapely cannot hold them, QGIS can draw them
    geometries[shapely.is_empty(geometries)] = None
    order = np.argsort(fids, kind="stable")
    return fids[order], geometries[order]


def read_classes(origin: BulkOrigin, conditions: List[str]):
    """(feature ids, class) of every feature of a GeoPackage layer, in feature-id order: the
    index of the first SQL condition of ``conditions`` it meets (SQLite evaluates them, as
    it would a layer's subset), -1 for none; None when SQLite refuses a condition."""
    dataset, layer = _open_layer(origin)
    if layer is None or origin.driver != "GPKG" or not layer.GetFIDColumn():
        return None
    table, fid_column = layer.GetName(), layer.GetFIDColumn()
    del layer

    def quoted(name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    cases = " ".join(f"WHEN {condition} THEN {i}" for i, condition in enumerate(conditions))
    sql = (
        f"SELECT {quoted(fid_column)} AS fr_fid, CASE {cases} ELSE -1 END AS fr_class "
        f"FROM {quoted(table)} ORDER BY {quoted(fid_column)}"
    )
    try:
        result = dataset.ExecuteSQL(sql)  # a GeoPackage's SQL is SQLite's
    except RuntimeError:  # GDAL's Python with exceptions on
        return None
    if result is None:
        return None
    try:
        with compat.gdal_options(compat.arrow_read_options()):
            batches = list(result.GetArrowStreamAsNumPy(["MAX_FEATURES_IN_BATCH=1000000"]))
    finally:
        dataset.ReleaseResultSet(result)
    if any("fr_fid" not in batch or "fr_class" not in batch for batch in batches):
        return None
    if not batches:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    fids = _concatenate([batch["fr_fid"] for batch in batches])
    classes = _concatenate([batch["fr_class"] for batch in batches])
    if np.ma.is_masked(fids) or np.ma.is_masked(classes):
        return None
    return np.asarray(fids, dtype=np.int64), np.asarray(classes, dtype=np.int64)
