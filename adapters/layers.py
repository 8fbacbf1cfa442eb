"""Reading: a feature source becomes a :class:`LayerArrays` (the features kept for output,
their geometries as a shapely array in the working CRS, attributes on demand) in one pass,
WKB in bulk through ``shapely.from_wkb``; a plain GeoPackage or shapefile is read in one GDAL
call instead (see bulk.py).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from qgis.core import (
    QgsAbstractGeometry,
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QVariant

from ..i18n import tr
from . import bulk as bulk_io
from . import compat
from .errors import raise_cancelled
from .projection import coordinate_transformer, transform_geometries


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

    def attribute_frame(self, names: Optional[Sequence[str]] = None):
        """Every attribute, or only the fields ``names``, as a pandas DataFrame (Python
        values, None for NULL), one row per feature."""
        import pandas as pd

        every = [self.fields.at(i).name() for i in range(self.fields.count())]
        if names is None and not (
            self.bulk is not None and all(name in self.bulk.kinds for name in every)
        ):
            rows = [[python_value(v) for v in f.attributes()] for f in self.features]
            return pd.DataFrame(rows, columns=every, dtype=object)
        if names is not None:
            wanted = set(names)
            every = [name for name in every if name in wanted]
        if self.bulk is not None:
            self.bulk.prefetch([name for name in every if name not in self._cache])
        columns = {name: self.values(name) for name in every}
        return pd.DataFrame(columns, index=pd.RangeIndex(len(self)), dtype=object)

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


def sortable_value(value):
    """A field value as a plain value that sorts and prints: None, numbers and text as
    they are, dates and times as ISO text, anything else as its text."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString(Qt.DateFormat.ISODate)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


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
        abstract = abstract.segmentize(
            compat.CURVE_MAX_ANGLE, QgsAbstractGeometry.SegmentationToleranceType.MaximumAngle
        )
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
    now: Optional[Sequence[str]] = None,
) -> LayerArrays:
    """Read a source once into a :class:`LayerArrays` whose geometries are in ``crs``.

    Null and empty geometries become None (counted in ``null_count``) so that the core
    can report them rather than lose them; so do geometries GEOS cannot take, such as
    one-point lines (counted in ``unreadable_count`` too). ``source_crs`` overrides the
    source's own (a layer with a missing or unrecognised CRS). The loop does the least
    per feature: this is where a large layer spends its time, so a plain GeoPackage or
    shapefile (see :func:`require_source`) is read in one GDAL call instead, with the same
    result; its QgsFeatures are then fetched only if something asks for them. ``now``: the
    fields the caller is about to ask for all of, read with the geometries by a bulk read
    (the others when first asked for).
    """
    if source_crs is None:
        source_crs = source.sourceCrs()
    bulk = _read_bulk(source, name, crs, source_crs, feedback, request, progress_range, now)
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
    geometries = compat.from_wkb(raw)
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


def _read_bulk(source, name, crs, source_crs, feedback, request, progress_range, now=None):
    """:func:`read_layer` in one GDAL call, or None when the per-feature path must do it."""
    origin = getattr(source, "_fr_origin", None)
    if origin is None or not bulk_io.ENABLED or not _bulk_request(request):
        return None
    if feedback is not None and feedback.isCanceled():
        raise_cancelled()
    wanted = None
    if request is not None and request.flags() & QgsFeatureRequest.Flag.SubsetOfAttributes:
        # the per-feature path leaves the other attributes NULL: so do the features here,
        # and GDAL does not even read them
        names = source.fields().names()
        wanted = {names[i] for i in request.subsetOfAttributes() if 0 <= i < len(names)}
    geometry = request is None or not request.flags() & QgsFeatureRequest.Flag.NoGeometry
    table = bulk_io.read_table(origin, source.fields(), wanted, geometry, now=now)
    if table is None:
        return None
    if wanted is not None:
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
    """No request, or one that only reads fewer attributes or no geometry."""
    if request is None:
        return True
    return (
        request.filterType() == QgsFeatureRequest.FilterType.FilterNone
        and request.filterRect().isNull()
        and request.limit() < 0
        and not request.orderBy().list()
        and not request.destinationCrs().isValid()
    )


def layer_name(alg, parameters, key, context) -> str:
    """A readable name of a layer parameter, for messages."""
    layer = alg.parameterAsVectorLayer(parameters, key, context)
    if layer is not None:
        return layer.name()
    value = parameters.get(key)
    return str(value) if value is not None else key


def require_source(alg, parameters, key, context, optional=False, placed=True):
    """The feature source of ``key``, with the standard invalid-source error; unless
    ``placed`` is False (only its attributes are used), it must have a CRS."""
    source = alg.parameterAsSource(parameters, key, context)
    if source is None:
        if optional and not parameters.get(key):
            return None
        raise QgsProcessingException(alg.invalidSourceError(parameters, key))
    if placed:
        require_crs(source, layer_name(alg, parameters, key, context), key)
    # a plain file layer: read_layer may read it in one GDAL call
    source._fr_origin = bulk_io.origin_of(alg, parameters, key, context)
    return source


# What GDAL names the CRS of a GeoPackage layer written without one (srs_id 0 and -1): QGIS
# takes it as a valid CRS, and transforming from it gives nonsense.
UNDEFINED_CRS = ("Undefined geographic SRS", "Undefined Cartesian SRS")


def has_crs(crs: QgsCoordinateReferenceSystem) -> bool:
    """Whether ``crs`` says where coordinates are (not missing, not GDAL's "undefined")."""
    if not crs.isValid():
        return False
    return bool(crs.authid()) or crs.description() not in UNDEFINED_CRS


def require_crs(source, name: str, key: str) -> None:
    """Refuse a layer with geometries but no CRS: its coordinates cannot be placed.

    Taken as WGS 84 (what QGIS does with an invalid CRS), Lambert-93 coordinates lie
    nowhere near any other layer, and a run finds nothing exposed, without a word.
    """
    if QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.GeometryType.NullGeometry:
        return  # a table: nothing to place
    if not has_crs(source.sourceCrs()):
        raise QgsProcessingException(
            tr(
                'Layer "{layer}" ({key}) has no CRS (coordinate reference system): its '
                "coordinates cannot be placed. Set its CRS in Layer Properties › Source, or "
                'with the "Assign projection" algorithm, then run again.'
            ).format(layer=name, key=key)
        )


def layer_source(layer: QgsVectorLayer, context) -> QgsProcessingFeatureSource:
    """A feature source of a layer we opened ourselves, read in bulk when it is a plain file."""
    source = QgsProcessingFeatureSource(layer, context)
    source._fr_origin = bulk_io.layer_origin(layer, int(context.invalidGeometryCheck()))
    source._fr_layer = layer  # the features may be fetched later: the layer must outlive us
    return source


def require_geometry(source, name: str, allowed: Sequence[int], key: str) -> int:
    """The source's geometry type, or a message naming the layer and its parameter ``key``
    when it is not one of ``allowed``."""
    geometry_type = QgsWkbTypes.geometryType(source.wkbType())
    if geometry_type not in allowed:
        expected = ", ".join(QgsWkbTypes.geometryDisplayString(kind) for kind in allowed)
        raise QgsProcessingException(
            tr(
                'Layer "{layer}" ({key}) must hold {expected} geometries; it holds {actual}.'
            ).format(
                layer=name,
                key=key,
                expected=expected,
                actual=QgsWkbTypes.geometryDisplayString(geometry_type),
            )
        )
    return geometry_type


def feature_title(layer: QgsVectorLayer, fid: int) -> str:
    """How QGIS names a feature (the layer's display expression), else ``#fid``."""
    expression = QgsExpression(layer.displayExpression())
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(layer.getFeature(fid))
    value = expression.evaluate(context)
    if value in (None, "") or expression.hasEvalError():
        return f"#{fid}"
    return str(value)
