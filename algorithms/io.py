"""Adapters between QGIS and the core, shared by every algorithm.

Reading: a feature source becomes a :class:`LayerArrays` (the features kept for output,
their geometries as a shapely array in the working CRS, attributes on demand) in one
pass, WKB in bulk through ``shapely.from_wkb``; a plain GeoPackage or shapefile is read in
one GDAL call instead (see bulk_io.py). Writing: an :class:`OutputSink` keeps every input
field, adds ours and removes its file again when the run is cancelled.
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from osgeo import osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..core.crs import local_projected_epsg
from ..core.errors import CancelledError, InputError
from . import bulk_io

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
BATCH = 5000


def tr(text: str) -> str:
    return QCoreApplication.translate("FibreResilience", text)


# --------------------------------------------------------------------------- CRS


def working_crs(crs: QgsCoordinateReferenceSystem, extent, context) -> QgsCoordinateReferenceSystem:
    """The CRS in which lengths and areas are computed, in metres.

    The layer's own CRS when it is projected; otherwise a local projected CRS chosen
    from the extent (Lambert-93 over metropolitan France, else the UTM zone of its
    centre), so that geographic inputs still give metres.
    """
    if crs.isValid() and not crs.isGeographic():
        return crs
    to_wgs84 = QgsCoordinateTransform(
        crs if crs.isValid() else WGS84, WGS84, context.transformContext()
    )
    try:
        box = to_wgs84.transformBoundingBox(extent)
    except Exception:  # an empty or broken extent: fall back on its centre
        box = extent
    epsg = local_projected_epsg(box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    return QgsCoordinateReferenceSystem(f"EPSG:{epsg}")


def _osr(crs: QgsCoordinateReferenceSystem):
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _osr_from_wkt(wkt: str):
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def coordinate_transformer(source, destination) -> Optional[Callable[[np.ndarray], np.ndarray]]:
    """A bulk ``(N, 2) -> (N, 2)`` transform between two CRSs, or None when they are equal.

    ``source`` and ``destination`` are QgsCoordinateReferenceSystem or WKT strings (GDAL
    rasters give WKT). It goes through PROJ in one call per array, which is what makes
    reprojecting hundreds of thousands of vertices cheap.
    """
    src = source if isinstance(source, str) else None
    dst = destination if isinstance(destination, str) else None
    if src is None and dst is None and source == destination:
        return None
    src_srs = _osr_from_wkt(src) if src is not None else _osr(source)
    dst_srs = _osr_from_wkt(dst) if dst is not None else _osr(destination)
    if src_srs.IsSame(dst_srs):
        return None
    transform = osr.CoordinateTransformation(src_srs, dst_srs)

    def apply(coords: np.ndarray) -> np.ndarray:
        coords = np.asarray(coords, dtype=float)
        if len(coords) == 0:
            return coords.reshape(0, 2)
        out = np.asarray(transform.TransformPoints(coords[:, :2]), dtype=float)
        return out[:, :2]

    return apply


def transform_geometries(geometries: np.ndarray, transformer) -> np.ndarray:
    """Apply a bulk transformer to a shapely array (None entries stay None)."""
    if transformer is None or len(geometries) == 0:
        return geometries
    return shapely.transform(geometries, transformer)


# --------------------------------------------------------------------------- reading


@dataclass
class LayerArrays:
    """A feature source read once: features for output, geometries for the core."""

    name: str
    features: List[QgsFeature]
    geometries: np.ndarray  # shapely geometries in ``crs``; None where null or empty
    crs: QgsCoordinateReferenceSystem
    source_crs: QgsCoordinateReferenceSystem
    fields: QgsFields
    wkb_type: int
    null_count: int = 0
    segmentized_count: int = 0
    unreadable_count: int = 0  # geometries GEOS cannot take (e.g. one-point lines): None here
    _cache: Dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    bulk: Optional["bulk_io.BulkTable"] = None  # set when read in one GDAL call

    def __len__(self) -> int:
        return len(self.features)

    @property
    def fids(self) -> np.ndarray:
        if self.bulk is not None:
            return self.bulk.fids.copy()
        return np.fromiter(
            (f.id() for f in self.features), dtype=np.int64, count=len(self.features)
        )

    def require_field(self, name: str, numeric: bool = False) -> int:
        """The index of ``name``, or a message that names the layer and the field."""
        index = self.fields.lookupField(name)
        if index < 0:
            raise QgsProcessingException(
                tr('Layer "{layer}" has no field "{field}".').format(layer=self.name, field=name)
            )
        if numeric and not self.fields.at(index).isNumeric():
            raise QgsProcessingException(
                tr('Field "{field}" of layer "{layer}" must be numeric; it is {kind}.').format(
                    field=name, layer=self.name, kind=self.fields.at(index).typeName()
                )
            )
        return index

    def values(self, name: str) -> np.ndarray:
        """The field's values as an object array, None where NULL."""
        if name not in self._cache:
            index = self.require_field(name)
            values = self.bulk.values(name) if self.bulk is not None else None
            if values is None:
                values = np.array(
                    [python_value(f.attribute(index)) for f in self.features], dtype=object
                )
            self._cache[name] = values
        return self._cache[name]

    def attribute_frame(self):
        """Every attribute as a pandas DataFrame (Python values, None for NULL)."""
        import pandas as pd

        names = [self.fields.at(i).name() for i in range(self.fields.count())]
        if self.bulk is not None and all(name in self.bulk.kinds for name in names):
            return pd.DataFrame({name: self.values(name) for name in names}, dtype=object)
        rows = [[python_value(v) for v in f.attributes()] for f in self.features]
        return pd.DataFrame(rows, columns=names, dtype=object)

    def numbers(self, name: str) -> np.ndarray:
        """The numeric field's values as floats, NaN where NULL."""
        self.require_field(name, numeric=True)
        return as_float_array(self.values(name))


def python_value(value):
    """QVariant NULLs become None; everything else stays as PyQGIS gives it."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def as_float_array(values: Sequence) -> np.ndarray:
    """Floats with NaN for None, for numeric attributes and expression results."""
    out = np.full(len(values), np.nan)
    for i, value in enumerate(values):
        if value is not None:
            try:
                out[i] = float(value)
            except (TypeError, ValueError):
                out[i] = np.nan
    return out


def _plain_wkb(geometry: QgsGeometry) -> bytes:
    """2D linear WKB of a curved or Z/M geometry: curves segmentized, Z and M dropped."""
    abstract = geometry.constGet()
    if QgsWkbTypes.isCurvedType(abstract.wkbType()):
        abstract = abstract.segmentize()
    else:
        abstract = abstract.clone()
    abstract.dropZValue()
    abstract.dropMValue()
    return bytes(abstract.asWkb())


def _is_plain(wkb_type: int) -> bool:
    """Linear 2D types, whose WKB shapely reads as it is (the common, fast case)."""
    return not (
        QgsWkbTypes.isCurvedType(wkb_type)
        or QgsWkbTypes.hasZ(wkb_type)
        or QgsWkbTypes.hasM(wkb_type)
    )


def read_layer(
    source: QgsProcessingFeatureSource,
    name: str,
    crs: QgsCoordinateReferenceSystem,
    context,
    feedback=None,
    request: Optional[QgsFeatureRequest] = None,
    progress_range: Tuple[float, float] = (0.0, 10.0),
    source_crs: Optional[QgsCoordinateReferenceSystem] = None,
) -> LayerArrays:
    """Read a source once into a :class:`LayerArrays` whose geometries are in ``crs``.

    Null and empty geometries become None (counted in ``null_count``) so that the core
    can report them rather than lose them; so do geometries GEOS cannot take, such as
    one-point lines (counted in ``unreadable_count`` too). ``source_crs`` overrides the
    source's own (a layer with a missing or unrecognised CRS). The loop does the least
    per feature: this is where a large layer spends its time, so a plain GeoPackage or
    shapefile (see :func:`require_source`) is read in one GDAL call instead, with the same
    result; its QgsFeatures are then fetched only if something asks for them.
    """
    if source_crs is None:
        source_crs = source.sourceCrs()
    bulk = _read_bulk(source, name, crs, source_crs, feedback, request, progress_range)
    if bulk is not None:
        return bulk
    total = source.featureCount() or 0
    features: List[QgsFeature] = []
    wkbs: List[Optional[bytes]] = []
    plain: Dict[int, bool] = {}
    segmentized = 0
    start, end = progress_range
    step = max(total // 50, 1000)
    iterator = source.getFeatures(request) if request is not None else source.getFeatures()
    keep_feature = features.append
    keep_wkb = wkbs.append
    for i, feature in enumerate(iterator):
        if feedback is not None and i % step == 0:
            if feedback.isCanceled():
                raise_cancelled()
            if total:
                feedback.setProgress(start + (end - start) * i / total)
        keep_feature(feature)
        geometry = feature.geometry()
        if geometry.isNull():
            keep_wkb(None)
            continue
        wkb_type = geometry.wkbType()
        if wkb_type not in plain:
            plain[wkb_type] = _is_plain(wkb_type)
        if plain[wkb_type]:
            keep_wkb(bytes(geometry.asWkb()))
        else:
            segmentized += QgsWkbTypes.isCurvedType(wkb_type)
            keep_wkb(_plain_wkb(geometry))
    raw = np.array(wkbs, dtype=object)
    geometries = shapely.from_wkb(raw, on_invalid="ignore")
    unreadable = int(np.count_nonzero(shapely.is_missing(geometries) & (raw != None)))  # noqa: E711
    geometries[shapely.is_empty(geometries)] = None
    return _layer_arrays(
        source,
        name,
        features,
        geometries,
        crs,
        source_crs,
        segmentized_count=segmentized,
        unreadable_count=unreadable,
    )


def _layer_arrays(source, name, features, geometries, crs, source_crs, **extra) -> LayerArrays:
    """The arrays of ``source``, its geometries taken from ``source_crs`` to ``crs``."""
    if source_crs.isValid() and crs.isValid():
        geometries = transform_geometries(geometries, coordinate_transformer(source_crs, crs))
    return LayerArrays(
        name=name,
        features=features,
        geometries=geometries,
        crs=crs,
        source_crs=source_crs,
        fields=source.fields(),
        wkb_type=source.wkbType(),
        null_count=int(np.count_nonzero(shapely.is_missing(geometries))),
        **extra,
    )


def _read_bulk(source, name, crs, source_crs, feedback, request, progress_range):
    """:func:`read_layer` in one GDAL call, or None when the per-feature path must do it."""
    origin = getattr(source, "_fr_origin", None)
    if origin is None or not bulk_io.ENABLED or not _bulk_request(request):
        return None
    if feedback is not None and feedback.isCanceled():
        raise_cancelled()
    table = bulk_io.read_table(origin, source.fields())
    if table is None:
        return None
    if request is not None and request.flags() & QgsFeatureRequest.Flag.SubsetOfAttributes:
        # the per-feature path leaves the other attributes NULL: so do the features here
        names = source.fields().names()
        wanted = {names[i] for i in request.subsetOfAttributes() if 0 <= i < len(names)}
        table.kinds = {n: kind for n, kind in table.kinds.items() if n in wanted}
    geometries = table.source_geometries.copy()  # the algorithm may edit its array
    if np.any(shapely.has_z(geometries)):
        geometries = shapely.force_2d(geometries)
    if feedback is not None:
        feedback.setProgress(progress_range[1])
    features = bulk_io.LazyFeatures(
        table,
        lambda fids, every: bulk_io.load_features(source, request, fids, every),
    )
    return _layer_arrays(source, name, features, geometries, crs, source_crs, bulk=table)


def _bulk_request(request: Optional[QgsFeatureRequest]) -> bool:
    """No request, or one that only reads fewer attributes (all are read in bulk anyway)."""
    if request is None:
        return True
    return (
        request.filterType() == QgsFeatureRequest.FilterType.FilterNone
        and request.filterRect().isNull()
        and request.limit() < 0
        and not request.orderBy().list()
        and not request.destinationCrs().isValid()
        and not (request.flags() & QgsFeatureRequest.Flag.NoGeometry)
    )


def layer_name(alg, parameters, key, context) -> str:
    """A readable name of a layer parameter, for messages."""
    layer = alg.parameterAsVectorLayer(parameters, key, context)
    if layer is not None:
        return layer.name()
    value = parameters.get(key)
    return str(value) if value is not None else key


def require_source(alg, parameters, key, context, optional=False):
    """The feature source of ``key``, with the standard invalid-source error."""
    source = alg.parameterAsSource(parameters, key, context)
    if source is None:
        if optional and not parameters.get(key):
            return None
        raise QgsProcessingException(alg.invalidSourceError(parameters, key))
    # a plain file layer: read_layer may read it in one GDAL call
    source._fr_origin = bulk_io.origin_of(alg, parameters, key, context)
    return source


def layer_source(layer: QgsVectorLayer, context) -> QgsProcessingFeatureSource:
    """A feature source of a layer we opened ourselves, read in bulk when it is a plain file."""
    source = QgsProcessingFeatureSource(layer, context)
    source._fr_origin = bulk_io.layer_origin(layer, int(context.invalidGeometryCheck()))
    source._fr_layer = layer  # the features may be fetched later: the layer must outlive us
    return source


def require_geometry(source, name: str, allowed: Sequence[int]) -> int:
    """The source's geometry type, or a clear message when it is not one of ``allowed``."""
    geometry_type = QgsWkbTypes.geometryType(source.wkbType())
    if geometry_type not in allowed:
        expected = ", ".join(QgsWkbTypes.geometryDisplayString(kind) for kind in allowed)
        raise QgsProcessingException(
            tr('Layer "{layer}" must hold {expected} geometries; it holds {actual}.').format(
                layer=name,
                expected=expected,
                actual=QgsWkbTypes.geometryDisplayString(geometry_type),
            )
        )
    return geometry_type


def expression_values(
    alg, parameters, context, layer: LayerArrays, expression_text: str, source=None
) -> List:
    """Evaluate an expression on every feature of ``layer``; Python values, None for NULL."""
    expression = QgsExpression(expression_text)
    if expression.hasParserError():
        raise QgsProcessingException(
            tr('Expression "{expr}" on layer "{layer}" is invalid: {error}').format(
                expr=expression_text, layer=layer.name, error=expression.parserErrorString()
            )
        )
    if expression.isField():  # a plain field: its column, read once (in bulk when it can be)
        (name,) = expression.referencedColumns()
        return list(layer.values(name))
    expression_context = alg.createExpressionContext(parameters, context, source)
    expression_context.setFields(layer.fields)
    expression.prepare(expression_context)
    values = []
    for feature in layer.features:
        expression_context.setFeature(feature)
        value = expression.evaluate(expression_context)
        if expression.hasEvalError():
            raise QgsProcessingException(
                tr('Expression "{expr}" fails on feature {fid} of layer "{layer}": {error}').format(
                    expr=expression_text,
                    fid=feature.id(),
                    layer=layer.name,
                    error=expression.evalErrorString(),
                )
            )
        values.append(python_value(value))
    return values


# --------------------------------------------------------------------------- writing


@contextmanager
def core_errors():
    """Around a core call: a cancel says so and writes nothing, bad input becomes the
    QgsProcessingException whose message the core wrote for the user."""
    try:
        yield
    except CancelledError:
        raise_cancelled()
    except InputError as error:
        raise QgsProcessingException(str(error)) from None


def raise_cancelled():
    raise QgsProcessingException(tr("Cancelled: no output was written."))


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
    sinks: Optional[List[OutputSink]],
    progress_range: Tuple[float, float] = (90.0, 100.0),
    features: Optional[Sequence[Optional[QgsFeature]]] = None,
    geometries: Optional[Sequence[Optional[QgsGeometry]]] = None,
    wkb_type: Optional[int] = None,
    crs: Optional[QgsCoordinateReferenceSystem] = None,
) -> str:
    """Write ``layer`` to the sink ``key`` with every field kept and ``columns`` added; the
    destination id. ``features`` (default: the layer's), ``geometries``, ``wkb_type`` and
    ``crs`` (default: the layer's) replace what changes; the sink joins ``sinks``, so that a
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
    if sinks is not None:
        sinks.append(sink)
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
    """A list to put a run's sinks in; if the block fails or is cancelled, all are discarded.

    with io.discard_on_failure() as sinks:
        sinks.append(io.OutputSink(...))
    """
    sinks: List[OutputSink] = []
    try:
        yield sinks
    except BaseException:
        for sink in sinks:
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
    alg, parameters, key, context, fields, columns, x, y, crs, feedback, sinks, progress_range
) -> str:
    """A point sink made from a core table (columns plus x, y): no input fields to keep.

    The sink joins ``sinks`` (see :func:`discard_on_failure`); returns its id.
    """
    sink = OutputSink(
        alg, parameters, key, context, QgsFields(), fields, QgsWkbTypes.Type.Point, crs, feedback
    )
    sinks.append(sink)
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
