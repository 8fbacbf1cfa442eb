"""Writing: every output goes through an :class:`OutputSink`, which keeps every input
field, adds ours, and removes its file again when the run fails or is cancelled.
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingUtils,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..i18n import tr
from . import bulk as bulk_io
from .errors import raise_cancelled
from .layers import LayerArrays

BATCH = 5000


def _numpy_to_python(column: np.ndarray) -> List:
    """Values a QgsFeature accepts: Python scalars, None for NaN/None."""
    column = np.asarray(column)
    if column.dtype.kind == "f":
        values = column.tolist()
        return [None if v != v else v for v in values]  # NaN is the only value != itself
    if column.dtype.kind in "iub":
        return [int(v) for v in column.tolist()]
    return [None if (v is None or (isinstance(v, float) and v != v)) else v for v in column]


@dataclass
class NewField:
    name: str
    kind: QVariant.Type
    length: int = 0
    precision: int = 0

    def to_qgs(self) -> QgsField:
        return QgsField(self.name, self.kind, len=self.length, prec=self.precision)


def int_field(name: str) -> NewField:
    return NewField(name, QVariant.Int)


def real_field(name: str, precision: int = 3) -> NewField:
    return NewField(name, QVariant.Double, 20, precision)


def text_field(name: str, length: int = 254) -> NewField:
    return NewField(name, QVariant.String, length)


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
        self.sink, self.dest_id = alg.parameterAsSink(
            parameters, key, context, self.fields, wkb_type, crs
        )
        if self.sink is None:
            raise QgsProcessingException(alg.invalidSinkError(parameters, key))
        self.key = key
        self._fid_index = -1  # see write(): a "fid" field left NULL when inputs repeat

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
        start, end = progress_range
        first_new = self.fields.count() - len(values)
        reuse = (
            features is not None
            and geometries is None
            and len(self.kept) == first_new
            and all(f is not None for f in features[:1])
        )
        self._fid_index = -1
        if not reuse and features is not None and _repeats(features):
            # Several outputs from one input (a road cut into blocked pieces): a GeoPackage
            # takes its "fid" field as the key, so copies of it would collide; leave it NULL
            # there and let the file number the pieces (the other fields still say the source).
            self._fid_index = self.fields.lookupField("fid")
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
            batch.append(out)
            if len(batch) >= BATCH:
                self._flush(batch, feedback, start + (end - start) * i / max(count, 1))
                batch = []
        self._flush(batch, feedback, end)

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

    def discard(self) -> None:
        """Close the sink and delete its file, so that a cancelled run leaves nothing."""
        self.sink = None
        discard_destination(self.dest_id)


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


def take(features: Sequence[QgsFeature], indices) -> List[QgsFeature]:
    """The features at ``indices``; from a bulk read, only those are fetched."""
    if isinstance(features, bulk_io.LazyFeatures):
        return features.take(indices)
    return [features[int(i)] for i in indices]


def _repeats(features: Sequence[Optional[QgsFeature]]) -> bool:
    """Whether one input feature stands more than once in ``features``."""
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
    """Delete the file behind a sink destination (memory layers vanish by themselves)."""
    path = (dest_id or "").split("|")[0]
    if not path or not os.path.isfile(path):
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


def qgis_geometries(geometries: np.ndarray) -> List[Optional[QgsGeometry]]:
    """QGIS geometries from a shapely array (None stays None), through WKB."""
    wkbs = shapely.to_wkb(geometries)
    out: List[Optional[QgsGeometry]] = []
    for wkb in wkbs:
        if wkb is None:
            out.append(None)
            continue
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        out.append(geometry)
    return out


def output_layer(dest_id: str, context):
    """The layer behind a sink destination id (for tests and follow-up steps)."""
    return QgsProcessingUtils.mapLayerFromString(dest_id, context)
