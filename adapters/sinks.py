"""Writing: every output goes through an :class:`OutputSink`, which keeps every input
field, adds ours, refuses what a shapefile would truncate, and removes its file again when
the run fails or is cancelled. QGIS makes every output layer (``parameterAsSink``); the rows
of a new GeoPackage file then go in from columns in one SQLite transaction (gpkg_writer.py),
those of every other destination (memory, database, a layer added to a GeoPackage, other
formats) through the Processing feature sink, one QgsFeature at a time. A run's
destinations are checked before it starts (:func:`check_destinations`) and its file
outputs are moved into place only when it has succeeded (:class:`Staging`, driven by the
base class of our algorithms).
"""

import operator
import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsMapLayer,
    QgsPointXY,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
    QgsWkbTypes,
)

from ..i18n import tr
from . import bulk as bulk_io
from . import compat, gpkg_writer
from .errors import raise_cancelled
from .layers import LayerArrays, python_value

BATCH = 5000


def _numpy_to_python(column: np.ndarray) -> List:
    """Values a QgsFeature accepts: Python scalars, None for NaN/None."""
    column = np.asarray(column)
    if column.dtype.kind == "f":
        values = column.tolist()
        return [None if v != v else v for v in values]  # NaN is the only value != itself
    if column.dtype.kind in "iub":
        return [int(v) for v in column.tolist()]
    values = column.tolist()
    if not any(issubclass(kind, float) for kind in set(map(type, values))):
        return values  # no NaN to turn into None (texts, the usual case): no loop
    return [None if (v is None or (isinstance(v, float) and v != v)) else v for v in values]


@dataclass
class NewField:
    name: str
    kind: object  # compat.INT, DOUBLE, STRING: the type this QGIS takes
    length: int = 0
    precision: int = 0

    def to_qgs(self) -> QgsField:
        return QgsField(self.name, self.kind, len=self.length, prec=self.precision)


def _is_text(field: QgsField) -> bool:
    return compat.type_id(field.type()) == compat.type_id(compat.STRING)


def int_field(name: str) -> NewField:
    return NewField(name, compat.INT)


def real_field(name: str, precision: int = 3) -> NewField:
    return NewField(name, compat.DOUBLE, 20, precision)


def text_field(name: str, length: int = 254) -> NewField:
    return NewField(name, compat.STRING, length)


class OutputSink:
    """A feature sink that keeps every input field and adds ours.

    An input field whose name is one of ours (a layer that went through the same
    algorithm before) is replaced, with a warning: the contract fields keep their names.
    When the run is cancelled, :meth:`discard` removes what was written.
    """

    def __init__(
        self,
        alg,
        parameters,
        key: str,
        context,
        input_fields: QgsFields,
        new_fields: Sequence[NewField],
        wkb_type: int,
        crs: QgsCoordinateReferenceSystem,
        feedback=None,
    ):
        ours = {f.name.lower() for f in new_fields}
        self.kept = [
            i for i in range(input_fields.count()) if input_fields.at(i).name().lower() not in ours
        ]
        replaced = [
            input_fields.at(i).name() for i in range(input_fields.count()) if i not in self.kept
        ]
        if replaced and feedback is not None:
            feedback.pushWarning(
                tr("Input fields replaced by this run's results: {}").format(", ".join(replaced))
            )
        self.fields = QgsFields()
        for i in self.kept:
            self.fields.append(input_fields.at(i))
        self.new_names = [f.name for f in new_fields]
        for new_field in new_fields:
            self.fields.append(new_field.to_qgs())
        self.key = key
        destination = destination_text(alg, parameters, key, context) or ""
        # A DBF (shapefile) cuts field names and text values short without a word: refused.
        self.dbf = os.path.splitext(destination)[1].lower() in (".shp", ".dbf")
        if self.dbf:
            _check_dbf_names(self.fields, key)
        # The bytes a DBF keeps of a text: the field's width (254 at most, and for no width).
        self._text_limits = {
            i: min(self.fields.at(i).length() or SHAPEFILE_TEXT_BYTES, SHAPEFILE_TEXT_BYTES)
            for i in range(self.fields.count())
            if _is_text(self.fields.at(i))
        }
        self._make = (alg, parameters, context, wkb_type, crs)
        self.dest_id = None
        self._make_sink()
        staging = getattr(alg, "staging", None)
        if staging is not None:
            staging.sinks.append(self)  # closed before its file is moved into place
        self._fid_index = -1  # see write(): a "fid" field left NULL when inputs repeat
        # A new GeoPackage file gets its rows in bulk (gpkg_writer); QGIS made the layer.
        self._bulk = _bulk_target(destination, self.dest_id, self.fields, wkb_type)

    def write(
        self,
        features: Sequence[Optional[QgsFeature]],
        columns: Dict[str, np.ndarray],
        feedback=None,
        geometries: Optional[Sequence[Optional[QgsGeometry]]] = None,
        progress_range: Tuple[float, float] = (90.0, 100.0),
    ) -> None:
        """Write one output feature per input feature (or per geometry), adding ``columns``.

        Input features are reused (their attributes extended in place) when every input
        field is kept and no geometry replaces theirs: building new features costs several
        times more on large layers. The features passed in are consumed.
        """
        count = len(features) if features is not None else len(geometries)
        missing = [name for name in self.new_names if name not in columns]
        if missing:
            raise ValueError(f"no values for output fields {missing}")
        values = [_numpy_to_python(columns[name]) for name in self.new_names]
        text_checks = []
        if self.dbf:
            first = self.fields.count() - len(values)
            for offset, column in enumerate(values):
                if compat.type_id(self.fields.at(first + offset).type()) == compat.type_id(
                    compat.STRING
                ):
                    self._check_dbf_texts(column, first + offset, features)
            text_checks = [i for i in self._text_limits if i < first]
        start, end = progress_range
        first_new = self.fields.count() - len(values)
        reuse = (
            features is not None
            and geometries is None
            and len(self.kept) == first_new
            # a bulk-read layer holds features only: no need to fetch one to know it
            and (
                isinstance(features, bulk_io.LazyFeatures)
                or all(f is not None for f in features[:1])
            )
        )
        self._fid_index = -1
        if not reuse and features is not None and _repeats(features):
            # Several outputs from one input (a road cut into blocked pieces): a GeoPackage
            # takes its "fid" field as the key, so copies of it would collide; leave it NULL
            # there and let the file number the pieces (the other fields still say the source).
            self._fid_index = self.fields.lookupField("fid")
        if self._bulk is not None:
            if self._write_bulk(features, geometries, values, count, feedback, progress_range):
                return
            if self.sink is None:  # a copy rolled back after QGIS's writer was closed
                self._make_sink()
        if self.sink is None:
            raise QgsProcessingException(
                tr("Could not write to output {key}: {error}").format(key=self.key, error="closed")
            )
        batch: List[QgsFeature] = []
        size = first_new + len(values)
        # Resizing fills the new attributes with NULL: set only the values that are not
        # (a point layer has no length or area: two columns fewer to write per feature).
        filled = [
            (first_new + offset, column)
            for offset, column in enumerate(values)
            if any(v is not None for v in column)
        ]
        for i in range(count):
            if reuse:
                out = features[i]
                out.resizeAttributes(size)
                for index, column in filled:
                    value = column[i]
                    if value is not None:
                        out.setAttribute(index, value)
            else:
                out = self._new_feature(features, geometries, values, i)
            if text_checks:
                attributes = out.attributes()
                for index in text_checks:
                    self._check_dbf_text(attributes[index], index, out.id())
            batch.append(out)
            if len(batch) >= BATCH:
                self._flush(batch, feedback, start + (end - start) * i / max(count, 1))
                batch = []
        self._flush(batch, feedback, end)

    def _make_sink(self) -> None:
        """QGIS's writer for this output: it makes the layer (the file anew, when a copy
        rolled back had closed it), the sink path writes through it."""
        alg, parameters, context, wkb_type, crs = self._make
        earlier = self.dest_id
        self.sink, self.dest_id = alg.parameterAsSink(
            parameters, self.key, context, self.fields, wkb_type, crs
        )
        if self.sink is None:
            raise QgsProcessingException(alg.invalidSinkError(parameters, self.key))
        if earlier is not None and earlier != self.dest_id:
            discard_destination(earlier)  # a temporary output gets a new file

    def _write_bulk(self, features, geometries, values, count, feedback, progress_range) -> bool:
        """Write the rows through gpkg_writer; False (nothing done) when it cannot be sure to
        store them as the feature sink would: the sink path writes them then."""
        path, layer_type, columns = self._bulk
        copied = self._write_copy(features, geometries, values, count, feedback, progress_range)
        if copied:
            return True
        kept = self._kept_values(features, count)
        if kept is None:
            return False
        wkbs, shapes = None, None
        if layer_type is not None:
            wkbs, shapes = self._output_wkbs(features, geometries, count)
            if wkbs is None:
                return False
        prepared = gpkg_writer.prepare(columns, kept + values, wkbs, layer_type, count, shapes)
        if prepared is None:
            return False
        base = layer_type[0] if layer_type else None
        return self._run_writer(
            lambda cancelled, progress: gpkg_writer.write(
                path, prepared, base, cancelled, progress
            ),
            feedback,
            progress_range,
        )

    def _run_writer(self, write, feedback, progress_range) -> bool:
        """Run ``write(cancelled, progress)`` (a gpkg_writer write) into the layer QGIS's writer
        made and closes now: its errors said as this output's, a cancel discarding it."""
        self.sink = None  # QGIS's writer closes the file: its empty layer is made
        start, end = progress_range

        def progress(fraction: float) -> None:
            if feedback is not None:
                feedback.setProgress(start + (end - start) * fraction)

        def cancelled() -> bool:
            return feedback is not None and feedback.isCanceled()

        try:
            done = write(cancelled, progress)
        except (gpkg_writer.WriteError, sqlite3.Error) as error:
            raise QgsProcessingException(
                tr("Could not write to output {key}: {error}").format(key=self.key, error=error)
            ) from None
        if not done:
            self.discard()
            raise_cancelled()
        return True

    def _source_copy(self, features, geometries, count) -> Optional[gpkg_writer.SourceCopy]:
        """The GeoPackage table whose rows this output keeps every one of, in order, with
        their geometries and fields unchanged, when SQLite can copy them; else None."""
        if not COPY or geometries is not None or self._fid_index >= 0:
            return None
        if not isinstance(features, bulk_io.LazyFeatures) or features.loaded:
            return None  # features built or changed in Python: their values are written
        table = features.table
        origin = table.origin
        if origin.driver != "GPKG" or table.partial or len(table.fids) != count:
            return None
        path, layer_type, columns = self._bulk
        if layer_type is not None and not table.geometry_column:
            return None
        copied = []
        for j, column in enumerate(columns[: len(self.kept)]):
            name = self.fields.at(j).name()
            if table.kinds.get(name) != {"int32": "int"}.get(column.kind, column.kind):
                return None  # a field read otherwise than as a plain value: QGIS's
            copied.append((name, column))
        if table.fid_column not in (name for name, _ in copied):
            return None
        return gpkg_writer.SourceCopy(
            origin.path, table.table, table.fid_column, table.geometry_column, copied, table.fids
        )

    def _write_copy(self, features, geometries, values, count, feedback, progress_range) -> bool:
        """Write the rows with the kept input columns copied inside SQLite (see
        gpkg_writer.SourceCopy); False (nothing done) when the conditions do not hold."""
        copy = self._source_copy(features, geometries, count)
        if copy is None or count == 0:
            return False
        path, layer_type, columns = self._bulk
        behaviour = compat.file_writer_behaviour()
        if behaviour is None:
            return False
        prepared = gpkg_writer.prepare(columns[len(self.kept) :], values, None, None, count)
        if prepared is None:
            return False
        if layer_type is not None:
            shapes = features.table.source_geometries
            if np.any(shapely.is_missing(shapes)):
                return False  # checked in the file too; the bounds must be all there
            prepared.bounds = shapely.bounds(shapes)
        else:
            prepared.bounds = None
        base = layer_type[0] if layer_type else None
        # the input checked in another thread while the copy runs; it commits on a yes only
        check = gpkg_writer.in_background(
            gpkg_writer.source_is_plain, copy, layer_type, behaviour["rounds"]
        )
        try:
            return self._run_writer(
                lambda cancelled, progress: gpkg_writer.write_copy(
                    path,
                    prepared,
                    copy,
                    base,
                    cancelled,
                    progress,
                    plain=lambda: check.result() is not None,
                ),
                feedback,
                progress_range,
            )
        except gpkg_writer.SourceNotPlainError:
            return False  # nothing written: the Python path or the sink writes

    def _kept_values(self, features, count) -> Optional[List[list]]:
        """The kept input fields' values, one list per field (None for NULL), or None."""
        if not self.kept:
            return []
        if features is None or len(features) != count:
            return None
        names = [self.fields.at(j).name() for j in range(len(self.kept))]
        table = getattr(features, "table", None)
        out: Optional[List[list]] = None
        if table is not None and not features.loaded:
            table.prefetch(names)
            columns = [table.values(name) for name in names]
            rows = getattr(features, "indices", None)  # some rows of the table (taken)
            if all(column is not None for column in columns):
                out = [(column if rows is None else column[rows]).tolist() for column in columns]
        if out is None:
            if any(f is None for f in features):
                return None
            rows = [f.attributes() for f in features]
            out = [[python_value(row[j]) for row in rows] for j in self.kept]
        if 0 <= self._fid_index < len(out):
            out[self._fid_index] = [None] * count
        return out

    @staticmethod
    def _output_wkbs(features, geometries, count):
        """Each output feature's geometry as QGIS's WKB (None: no geometry), or None; and
        the shapely geometries when they are at hand (a bulk-read layer's), else None."""
        if isinstance(geometries, ShapelyGeometries):
            return geometries.wkbs(), geometries.shapes
        if geometries is not None:
            wkbs = [None if g is None or g.isNull() else bytes(g.asWkb()) for g in geometries]
            return wkbs, None
        if features is None:
            return [None] * count, None
        if isinstance(features, bulk_io.LazyFeatures) and not features.loaded:
            shapes = features.table.source_geometries
            wkbs = shapely.to_wkb(shapes, flavor="iso").tolist()
            missing = np.flatnonzero(shapely.is_missing(shapes))
            if len(missing):  # null or empty in the file: QGIS says which
                for i, feature in zip(missing.tolist(), features.take(missing)):
                    wkbs[i] = _feature_wkb(feature)
            return wkbs, shapes
        if any(f is None for f in features):
            return None, None
        return [_feature_wkb(f) for f in features], None

    def _new_feature(self, features, geometries, values, i) -> QgsFeature:
        out = QgsFeature(self.fields)
        attributes = []
        if features is not None and features[i] is not None:
            source = features[i]
            source_attributes = source.attributes()
            attributes = [source_attributes[j] for j in self.kept]
            if 0 <= self._fid_index < len(attributes):
                attributes[self._fid_index] = None
            if geometries is None:
                out.setGeometry(source.geometry())
        if geometries is not None and geometries[i] is not None:
            out.setGeometry(geometries[i])
        attributes.extend(column[i] for column in values)
        out.setAttributes(attributes)
        return out

    def _flush(self, batch, feedback, progress):
        if feedback is not None and feedback.isCanceled():
            self.discard()
            raise_cancelled()
        if batch and not self.sink.addFeatures(batch, QgsFeatureSink.Flag.FastInsert):
            raise QgsProcessingException(
                tr("Could not write to output {key}: {error}").format(
                    key=self.key, error=self.sink.lastError()
                )
            )
        if feedback is not None:
            feedback.setProgress(progress)

    def _check_dbf_texts(self, column, index, features) -> None:
        for i, value in enumerate(column):
            if isinstance(value, str) and len(value) > self._text_limits[index] // 4:
                source = features[i] if features is not None else None
                self._check_dbf_text(value, index, source.id() if source is not None else i)

    def _check_dbf_text(self, value, index, feature_id) -> None:
        limit = self._text_limits[index]
        if not isinstance(value, str) or len(value) * 4 <= limit:
            return  # a character is at most 4 bytes in UTF-8
        size = len(value.encode("utf-8"))
        if size > limit:
            raise QgsProcessingException(
                tr(
                    "Output {key} is a shapefile, which would cut short the text of field "
                    '"{field}" of feature {fid}: {size} bytes where the file keeps {limit}. '
                    "Choose a GeoPackage (.gpkg) for {key}."
                ).format(
                    key=self.key,
                    field=self.fields.at(index).name(),
                    fid=feature_id,
                    size=size,
                    limit=limit,
                )
            )

    def close(self) -> None:
        """Close the sink: its file is complete (and may be moved)."""
        self.sink = None

    def discard(self) -> None:
        """Close the sink and delete its file, so that a cancelled run leaves nothing."""
        self.sink = None
        discard_destination(self.dest_id)


def _feature_wkb(feature: QgsFeature) -> Optional[bytes]:
    geometry = feature.geometry()
    return None if geometry.isNull() else bytes(geometry.asWkb())


_LAYER_BASES = {
    QgsWkbTypes.Type.Point: gpkg_writer.POINT,
    QgsWkbTypes.Type.LineString: gpkg_writer.LINESTRING,
    QgsWkbTypes.Type.Polygon: gpkg_writer.POLYGON,
    QgsWkbTypes.Type.MultiPoint: gpkg_writer.MULTIPOINT,
    QgsWkbTypes.Type.MultiLineString: gpkg_writer.MULTILINESTRING,
    QgsWkbTypes.Type.MultiPolygon: gpkg_writer.MULTIPOLYGON,
}
BULK = True  # tests and benchmarks switch the bulk writer off to compare with the sink path
# tests and benchmarks switch off copying the kept input columns inside SQLite, to compare
COPY = True


def _bulk_target(destination: str, dest_id, fields: QgsFields, wkb_type):
    """(path, layer type, columns) when the rows of this output can be written in bulk:
    a new GeoPackage file (a plain path or a temporary output, not a layer added to a
    GeoPackage by name), fields of plain types, a plain geometry type; else None."""
    if not BULK or not isinstance(dest_id, str) or "|" in dest_id:
        return None
    if destination != TEMPORARY and _is_provider_uri(destination):
        return None
    if not dest_id.lower().endswith(".gpkg") or not os.path.isfile(dest_id):
        return None
    columns = []
    for i in range(fields.count()):
        field = fields.at(i)
        kind = gpkg_writer.field_kind(field)
        if kind is None:
            return None
        columns.append(gpkg_writer.Column(field.name(), kind, field.precision(), field.length()))
    if wkb_type == QgsWkbTypes.Type.NoGeometry:
        return dest_id, None, columns
    flat = QgsWkbTypes.flatType(wkb_type)
    z = QgsWkbTypes.hasZ(wkb_type)
    if flat not in _LAYER_BASES or QgsWkbTypes.zmType(flat, z, False) != wkb_type:
        return None
    return dest_id, (_LAYER_BASES[flat], z), columns


def _check_dbf_names(fields: QgsFields, key: str) -> None:
    """A shapefile keeps 10 characters of a field name: longer names are refused."""
    for i in range(fields.count()):
        name = fields.at(i).name()
        if len(name.encode("utf-8")) > SHAPEFILE_NAME_LENGTH:
            raise QgsProcessingException(
                tr(
                    "Output {key} is a shapefile, whose field names hold at most {limit} "
                    'characters: field "{field}" would be renamed. Choose a GeoPackage (.gpkg) '
                    "for {key}, or rename the field in the input."
                ).format(key=key, limit=SHAPEFILE_NAME_LENGTH, field=name)
            )


def write_layer(
    alg,
    parameters,
    key: str,
    context,
    layer: "LayerArrays",
    new_fields: Sequence[NewField],
    columns: Dict[str, np.ndarray],
    feedback,
    written: Optional[List[OutputSink]],
    progress_range: Tuple[float, float] = (90.0, 100.0),
    features: Optional[Sequence[Optional[QgsFeature]]] = None,
    geometries: Optional[Sequence[Optional[QgsGeometry]]] = None,
    wkb_type: Optional[int] = None,
    crs: Optional[QgsCoordinateReferenceSystem] = None,
) -> str:
    """Write ``layer`` to the sink ``key`` with every field kept and ``columns`` added; the
    destination id. ``features`` (default: the layer's), ``geometries``, ``wkb_type`` and
    ``crs`` (default: the layer's) replace what changes; the sink joins ``written``, so that a
    failed run discards it."""
    sink = OutputSink(
        alg,
        parameters,
        key,
        context,
        layer.fields,
        new_fields,
        layer.wkb_type if wkb_type is None else wkb_type,
        layer.source_crs if crs is None else crs,
        feedback,
    )
    if written is not None:
        written.append(sink)
    sink.write(
        layer.features if features is None else features,
        columns,
        feedback,
        geometries=geometries,
        progress_range=progress_range,
    )
    return sink.dest_id


def take(features: Sequence[QgsFeature], indices) -> Sequence[QgsFeature]:
    """The features at ``indices``; from a bulk read, fetched only if something asks for
    them (an output keeps their fields from the table's columns)."""
    if isinstance(features, bulk_io.LazyFeatures):
        return bulk_io.TakenFeatures(features, indices)
    return [features[int(i)] for i in indices]


def _repeats(features: Sequence[Optional[QgsFeature]]) -> bool:
    """Whether one input feature stands more than once in ``features``."""
    if isinstance(features, bulk_io.TakenFeatures):
        return len(np.unique(features.indices)) < len(features.indices)
    if isinstance(features, bulk_io.LazyFeatures):
        return False  # a whole layer: each feature once (and no fetch just for the ids)
    ids = [f.id() for f in features if f is not None]
    return len(set(ids)) < len(ids)


@contextmanager
def discard_on_failure():
    """A list to put a run's written in; if the block fails or is cancelled, all are discarded.

    with io.discard_on_failure() as written:
        written.append(io.OutputSink(...))
    """
    written: List[OutputSink] = []
    try:
        yield written
    except BaseException:
        for sink in written:
            sink.discard()
        raise


def discard_destination(dest_id: str) -> None:
    """Delete the file behind a sink destination (memory layers vanish by themselves).

    A layer written into a GeoPackage by name (``ogr:dbname=... table=...``) is removed
    from it; the file and its other layers stay."""
    path, _, options = (dest_id or "").partition("|")
    if not path or not os.path.isfile(path):
        return
    if options.startswith("layername="):
        _delete_layer(path, options[len("layername=") :])
        return
    stem, extension = os.path.splitext(path)
    siblings = [path]
    if extension.lower() == ".shp":
        siblings += [stem + ext for ext in (".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj")]
    elif extension.lower() == ".gpkg":
        siblings += [path + "-wal", path + "-shm", path + "-journal"]
    for sibling in siblings:
        if os.path.isfile(sibling):
            os.remove(sibling)


def _delete_layer(path: str, name: str) -> None:
    from osgeo import ogr

    try:
        dataset = ogr.Open(path, 1)
        if dataset is None:
            return
        for i in range(dataset.GetLayerCount()):
            if dataset.GetLayerByIndex(i).GetName() == name:
                dataset.DeleteLayer(i)
                break
        dataset = None
    except RuntimeError:  # GDAL with exceptions on: the layer stays, nothing more to do
        pass


def table_sink(alg, parameters, key: str, context, frame, feedback=None) -> Optional[str]:
    """Write a pandas DataFrame as a geometry-less table sink; returns its id."""
    if parameters.get(key) is None:
        return None
    fields = [_field_for_dtype(str(name), frame[name].dtype) for name in frame.columns]
    sink = OutputSink(
        alg,
        parameters,
        key,
        context,
        QgsFields(),
        fields,
        QgsWkbTypes.Type.NoGeometry,
        QgsCoordinateReferenceSystem(),
        feedback,
    )
    columns = {str(name): frame[name].to_numpy() for name in frame.columns}
    sink.write([None] * len(frame), columns, feedback, progress_range=(99.0, 100.0))
    return sink.dest_id


def _field_for_dtype(name: str, dtype) -> NewField:
    if dtype.kind in "iub":
        return int_field(name)
    if dtype.kind == "f":
        return real_field(name)
    return text_field(name)


def point_geometries(x: np.ndarray, y: np.ndarray) -> List[Optional[QgsGeometry]]:
    """QGIS points from coordinate arrays, None where a position is unknown (NaN)."""
    return [
        QgsGeometry.fromPointXY(QgsPointXY(a, b)) if a == a and b == b else None
        for a, b in zip(np.asarray(x, dtype=float).tolist(), np.asarray(y, dtype=float).tolist())
    ]


def point_table_sink(
    alg, parameters, key, context, fields, columns, x, y, crs, feedback, written, progress_range
) -> str:
    """A point sink made from a core table (columns plus x, y): no input fields to keep.

    The sink joins ``written`` (see :func:`discard_on_failure`); returns its id.
    """
    sink = OutputSink(
        alg, parameters, key, context, QgsFields(), fields, QgsWkbTypes.Type.Point, crs, feedback
    )
    written.append(sink)
    sink.write(
        [None] * len(x),
        columns,
        feedback,
        geometries=point_geometries(x, y),
        progress_range=progress_range,
    )
    return sink.dest_id


class ShapelyGeometries(Sequence):
    """QGIS geometries of a shapely array (None stays None), made only when a feature sink
    asks for them: the bulk writer takes the shapely geometries' WKB as they are (building
    a QgsGeometry a row and asking its WKB back cost 1.5 s a million rows)."""

    def __init__(self, shapes: np.ndarray):
        self.shapes = np.asarray(shapes, dtype=object)
        self._built: Optional[List[Optional[QgsGeometry]]] = None

    def _all(self) -> List[Optional[QgsGeometry]]:
        if self._built is None:
            self._built = [_qgis_geometry(wkb) for wkb in shapely.to_wkb(self.shapes)]
        return self._built

    def __len__(self) -> int:
        return len(self.shapes)

    def __getitem__(self, index):
        return self._all()[index]

    def __iter__(self):
        return iter(self._all())

    def wkbs(self) -> List[Optional[bytes]]:
        """Each geometry's WKB as QGIS gives it (``QgsGeometry.asWkb()``: ISO, little-endian);
        None where there is none. Empty and 3D geometries go through QGIS, which knows how
        it writes them."""
        if self._built is not None:
            return [None if g is None or g.isNull() else bytes(g.asWkb()) for g in self._built]
        wkbs = shapely.to_wkb(self.shapes, flavor="iso", byte_order=1).tolist()
        # 2D WKB is the same for both; QGIS reads shapely's 3D WKB as 2.5D (0x80000000 codes)
        unusual = shapely.is_empty(self.shapes) | shapely.has_z(self.shapes)
        for i in np.flatnonzero(unusual).tolist():
            geometry = _qgis_geometry(shapely.to_wkb(self.shapes[i]))
            wkbs[i] = None if geometry is None or geometry.isNull() else bytes(geometry.asWkb())
        return wkbs


def _qgis_geometry(wkb: Optional[bytes]) -> Optional[QgsGeometry]:
    if wkb is None:
        return None
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry


def are_read_geometries(features, geometries: np.ndarray) -> bool:
    """Whether ``geometries`` are the bulk-read ``features``' own, as read (the same
    objects, in order): an output then keeps the features' geometries, which from a
    GeoPackage SQLite copies blob for blob instead of Python writing them anew."""
    if not isinstance(features, bulk_io.LazyFeatures) or features.loaded:
        return False
    read = features.table.source_geometries
    return len(read) == len(geometries) and all(map(operator.is_, read, geometries))


def qgis_geometries(geometries: np.ndarray) -> ShapelyGeometries:
    """QGIS geometries from a shapely array (None stays None), through WKB, made when used."""
    return ShapelyGeometries(geometries)


def output_layer(dest_id: str, context):
    """The layer behind a sink destination id (for tests and follow-up steps)."""
    return QgsProcessingUtils.mapLayerFromString(dest_id, context)


# ---------------------------------------------------------------- destinations of a run
#
# Before a run reads anything, every destination is checked (check_destinations); during the
# run, each file output is written under a hidden folder beside its destination (Staging) and
# moved into place only when the whole run has succeeded, so that a failed, cancelled or
# interrupted run leaves nothing that looks finished, and an earlier output stays untouched.

TEMPORARY = "TEMPORARY_OUTPUT"  # QgsProcessing.TEMPORARY_OUTPUT
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj", ".sbn", ".sbx")
SQLITE_PARTS = ("-wal", "-shm", "-journal")
SHAPEFILE_NAME_LENGTH = 10  # characters of a DBF field name
SHAPEFILE_TEXT_BYTES = 254  # bytes of a DBF text value
_INPUT_TYPES = {"source", "vector", "raster", "layer", "mesh", "pointcloud", "file", "multilayer"}
_SINK_TYPES = {"sink", "vectorDestination"}


def _static(value, context):
    """A parameter value as plain text (a QgsProperty evaluated), or the value itself."""
    if isinstance(value, QgsProperty):
        if value.propertyType() == QgsProperty.Type.StaticProperty:
            return value.staticValue()
        return value.valueAsString(context.expressionContext(), "")
    return value


def destination_text(alg, parameters, key: str, context) -> Optional[str]:
    """What the destination ``key`` names: a path, ``TEMPORARY_OUTPUT``, a provider URI
    (``memory:``, ``ogr:``, ``postgres:``...), or None when the output is not wanted.

    Unlike parameterAsOutputLayer, it registers nothing to load on completion."""
    value = parameters.get(key)
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        raw = _static(value.sink, context)
        value = QgsProcessingOutputLayerDefinition(value)
        value.destinationProject = None
    else:
        raw = _static(value, context)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if str(raw) == TEMPORARY:
        return TEMPORARY
    stripped = dict(parameters)
    stripped[key] = value
    definition = alg.parameterDefinition(key)
    if definition.type() in _SINK_TYPES:
        return QgsProcessingAlgorithm.parameterAsOutputLayer(alg, stripped, key, context) or None
    return QgsProcessingAlgorithm.parameterAsFileOutput(alg, stripped, key, context) or None


def _is_provider_uri(text: str) -> bool:
    """``memory:``, ``ogr:dbname=...``, ``postgres:...``: not a plain file (``C:\\`` is)."""
    head = text.split(":", 1)[0]
    return ":" in text and len(head) > 1 and "/" not in head and "\\" not in head


def _destination_file(text: Optional[str]) -> Optional[str]:
    """The file a destination writes into (a plain path, or an ``ogr:dbname=`` URI's)."""
    if not text or text == TEMPORARY:
        return None
    if not _is_provider_uri(text):
        return text
    if text.startswith("ogr:"):
        path = QgsDataSourceUri(text[4:]).database()
        return path or None
    return None


def _file_key(path: str) -> Tuple[str, str]:
    """Two paths with one key are one file on disk (a shapefile is one file of many parts)."""
    real = os.path.normcase(os.path.realpath(path))
    stem, extension = os.path.splitext(real)
    if extension in SHAPEFILE_PARTS:
        return stem, ".shp"
    return real, ""


def _input_paths(alg, definition, parameters, context) -> List[str]:
    """The files an input parameter reads (layers from files, a file or folder)."""
    key = definition.name()
    value = parameters.get(key)
    if value is None:
        return []
    if definition.type() == "file":
        path = alg.parameterAsFile(parameters, key, context)
        return [path] if path else []
    values = value if isinstance(value, (list, tuple)) else [value]
    paths = []
    for item in values:
        if isinstance(item, QgsProcessingFeatureSourceDefinition):
            item = item.source
        item = _static(item, context)
        if isinstance(item, QgsMapLayer):
            layer = item
        elif isinstance(item, str) and item:
            layer = QgsProcessingUtils.mapLayerFromString(item, context)
            if layer is None:
                # Not loadable (yet): its own check names it later; a plain path still counts.
                paths.append(item.split("|")[0])
                continue
        else:
            continue
        parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
        if parts.get("path"):
            paths.append(parts["path"])
    return [p for p in paths if p and not _is_provider_uri(p)]


def _clashes(destination: str, path: str) -> bool:
    """Whether writing ``destination`` would overwrite the input file or folder ``path``."""
    if os.path.isdir(path):
        inside = os.path.realpath(destination).startswith(os.path.realpath(path) + os.sep)
        stem = os.path.splitext(destination)[0]
        parts = SHAPEFILE_PARTS if _file_key(destination)[1] else ("",)
        existing = any(os.path.exists(stem + p if p else destination) for p in parts)
        return inside and existing
    return _file_key(destination) == _file_key(path)


def _accepted_extensions(definition) -> List[str]:
    return [e.lower() for e in definition.supportedOutputVectorLayerExtensions()]


def check_destinations(alg, parameters, context) -> List[str]:
    """Refuse, before any work, destinations that would destroy an input or another output,
    or that QGIS would write under another name; create missing output folders.

    Returns the folders it created (for :meth:`Staging.discard` to remove again)."""
    inputs = []
    for definition in alg.parameterDefinitions():
        if definition.type() in _INPUT_TYPES and not definition.isDestination():
            for path in _input_paths(alg, definition, parameters, context):
                inputs.append((definition.name(), path))
    seen: List[Tuple[str, str, bool]] = []
    for definition in alg.destinationParameterDefinitions():
        key = definition.name()
        text = destination_text(alg, parameters, key, context)
        path = _destination_file(text)
        if path is None:
            continue
        for input_key, input_path in inputs:
            if _clashes(path, input_path):
                raise QgsProcessingException(
                    tr(
                        "Output {output} would overwrite input {input} ({path}): choose "
                        "another file for {output}; the input is left as it is."
                    ).format(output=key, input=input_key, path=input_path)
                )
        by_layer = _is_provider_uri(text)  # a layer into a GeoPackage: others may share it
        for other_key, other_path, other_by_layer in seen:
            if _file_key(path) == _file_key(other_path) and not (by_layer and other_by_layer):
                raise QgsProcessingException(
                    tr(
                        "Outputs {first} and {second} are the same file ({path}): the second "
                        "would overwrite the first. Choose another file for one of them."
                    ).format(first=other_key, second=key, path=path)
                )
        if not _is_provider_uri(text) and definition.type() in _SINK_TYPES:
            extension = os.path.splitext(path)[1].lower().lstrip(".")
            accepted = _accepted_extensions(definition)
            if extension not in accepted:
                raise QgsProcessingException(
                    tr(
                        'Output {key}: "{path}" has no extension QGIS writes ({found}). '
                        "Use one of: {accepted}."
                    ).format(
                        key=key,
                        path=path,
                        found=("." + extension) if extension else tr("none"),
                        accepted=", ".join("." + e for e in accepted),
                    )
                )
        if definition.type() == "fileDestination":
            _check_file_destination(definition, key, path)
        seen.append((key, path, by_layer))
    # Folders only once every destination is known good: a refusal leaves nothing behind.
    created: List[str] = []
    try:
        for key, path, _ in seen:
            created.extend(_make_folder(key, os.path.dirname(os.path.abspath(path))))
    except QgsProcessingException:
        remove_empty_folders(created)
        raise
    return created


def _check_file_destination(definition, key: str, path: str) -> None:
    """A file output (report, workbook): an extension its filter names, not a folder."""
    found = re.findall(r"\*\.(\w+)", definition.fileFilter() or "")
    extensions = list(dict.fromkeys("." + e.lower() for e in found))
    if extensions and os.path.splitext(path)[1].lower() not in extensions:
        raise QgsProcessingException(
            tr('{key} must be a {extensions} file, not "{path}".').format(
                key=key, extensions=" or ".join(extensions), path=path
            )
        )
    if os.path.isdir(path):
        raise QgsProcessingException(
            tr('{key} is a folder, not a file: "{path}".').format(key=key, path=path)
        )


def remove_empty_folders(folders: Sequence[str]) -> None:
    """Remove the folders a run made, deepest first, if nothing was put in them."""
    for folder in sorted(set(folders), key=len, reverse=True):
        with suppress(OSError):
            os.rmdir(folder)  # only when empty: never what someone else put there


def _make_folder(key: str, folder: str) -> List[str]:
    """Create ``folder`` and the missing folders above it; the ones created, deepest first."""
    missing = []
    probe = folder
    while probe and not os.path.isdir(probe):
        missing.append(probe)
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    for path in missing:
        if os.path.exists(path):  # not a folder: a file stands where a folder should be
            raise QgsProcessingException(
                tr('Cannot write {key}: "{path}" is a file, not a folder.').format(
                    key=key, path=path
                )
            )
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise QgsProcessingException(
            tr("Output {key}: cannot create the folder {folder} ({error}).").format(
                key=key, folder=folder, error=error.strerror or error
            )
        ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise QgsProcessingException(
            tr("Output {key}: the folder {folder} is not writable.").format(key=key, folder=folder)
        )
    return missing


@dataclass
class _Staged:
    key: str
    final: str  # the destination path
    folder: str  # the hidden folder beside it, holding the output under its final name

    @property
    def temporary(self) -> str:
        return os.path.join(self.folder, os.path.basename(self.final))


class Staging:
    """The file outputs of one run, written beside their destinations and moved into place
    by :meth:`commit` when the run succeeded, or removed by :meth:`discard`.

    Under its final name inside a hidden folder, an output is what it will be (a GeoPackage
    names its layer after the file). ``memory:``, ``TEMPORARY_OUTPUT`` (a new file in the
    Processing temporary folder) and database destinations are written directly.
    """

    def __init__(self, alg, context, created_folders: Sequence[str] = ()):
        self.alg = alg
        self.context = context
        self.staged: List[_Staged] = []
        self.sinks: List[OutputSink] = []
        self.created_folders = list(created_folders)

    def stage(self, parameters, key: str):
        """``parameters`` with the destination ``key`` moved to a staging folder (or as they
        are, for a destination written in place)."""
        text = destination_text(self.alg, parameters, key, self.context)
        if not text or text == TEMPORARY or _is_provider_uri(text):
            return parameters
        final = os.path.abspath(text)
        # No extension in the folder's name: GDAL takes "/a/.t.xlsx.part/t.xlsx" for a file
        # inside the archive "/a/.t.xlsx" (XLSX and ODS are zip files) and fails to write.
        stem = os.path.splitext(os.path.basename(final))[0].replace(".", "_")
        folder = tempfile.mkdtemp(prefix=f".{stem}-", suffix="-part", dir=os.path.dirname(final))
        staged = _Staged(key, final, folder)
        self.staged.append(staged)
        value = parameters.get(key)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = QgsProcessingOutputLayerDefinition(value)
            value.sink = QgsProperty.fromValue(staged.temporary)
        else:
            value = staged.temporary
        parameters = dict(parameters)
        parameters[key] = value
        return parameters

    def stage_file(self, key: str, path: str) -> str:
        """Where to write the file output ``key`` whose destination is ``path``."""
        if not path or _is_provider_uri(path):
            return path
        for staged in self.staged:
            if staged.key == key and staged.final == os.path.abspath(path):
                return staged.temporary
        return self.stage({key: path}, key)[key]

    def final_id(self, dest_id):
        """The destination id a staged output will have once moved into place."""
        if not isinstance(dest_id, str):
            return dest_id
        for staged in self.staged:
            if dest_id == staged.temporary or dest_id.startswith(staged.temporary + "|"):
                return staged.final + dest_id[len(staged.temporary) :]
        return dest_id

    def close_sinks(self) -> None:
        for sink in self.sinks:
            sink.close()
        self.sinks = []

    def commit(self, results: Dict) -> Dict:
        """Move every output into place; ``results`` with their final destination ids."""
        self.close_sinks()
        for staged in self.staged:
            _move_into_place(staged)
        loads = self.context.layersToLoadOnCompletion()
        if any(self.final_id(k) != k for k in loads):
            self.context.setLayersToLoadOnCompletion(
                {self.final_id(k): details for k, details in loads.items()}
            )
        moved = {key: self.final_id(value) for key, value in results.items()}
        self.staged = []
        return moved

    def discard(self) -> None:
        """Remove every staged output and the folders made for this run."""
        for sink in self.sinks:
            sink.discard()
        self.sinks = []
        for staged in self.staged:
            shutil.rmtree(staged.folder, ignore_errors=True)
        self.staged = []
        remove_empty_folders(self.created_folders)
        self.created_folders = []


def _parts(path: str) -> List[str]:
    """The files one output is made of."""
    stem, extension = os.path.splitext(path)
    if extension.lower() in SHAPEFILE_PARTS:
        return [stem + part for part in SHAPEFILE_PARTS]
    return [path] + [path + part for part in SQLITE_PARTS]


def _move_into_place(staged: _Staged) -> None:
    """Replace the destination by the staged output: the parts first, the main file last;
    parts of an earlier output that this one has not (a stale .qix index) are removed."""
    main = staged.temporary
    written = {os.path.basename(p) for p in os.listdir(staged.folder)}
    if os.path.basename(main) not in written:  # asked for, never written: nothing to show
        shutil.rmtree(staged.folder, ignore_errors=True)
        return
    try:
        for old in _parts(staged.final):
            if os.path.basename(old) not in written and os.path.isfile(old):
                os.remove(old)
        others = sorted(written - {os.path.basename(main)})
        for name in others + [os.path.basename(main)]:
            os.replace(
                os.path.join(staged.folder, name), os.path.join(os.path.dirname(staged.final), name)
            )
    except OSError as error:
        raise QgsProcessingException(
            tr("Output {key}: cannot move the result into place at {path} ({error}).").format(
                key=staged.key, path=staged.final, error=error.strerror or error
            )
        ) from None
    shutil.rmtree(staged.folder, ignore_errors=True)
