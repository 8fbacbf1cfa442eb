"""Polygon layers the algorithms cut or test against (hazard zones, aggregate areas, blocked
areas): read whatever QGIS's invalid-geometry setting says, and their invalid polygons
repaired (made valid, polygonal parts kept) and reported by layer and feature id.

A self-intersecting flood polygon (a "bow-tie", common in digitised hazard maps) is still
a flood: QGIS's default setting would stop the run at it, and "skip invalid features"
would drop it and report the assets inside as not exposed.
"""

from typing import Tuple

import numpy as np
import shapely
from qgis.core import QgsFeatureRequest, QgsWkbTypes

from ..i18n import tr
from . import layers

POLYGON = [QgsWkbTypes.GeometryType.PolygonGeometry]
_NO_CHECK = QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck
_SHOWN_FIDS = 5


def require_polygons(alg, parameters, key, context, optional=False):
    """The polygon source of ``key`` (None when optional and not given), read without
    QGIS's invalid-geometry check: :func:`read_polygons` repairs what it would skip or
    stop at. The context's setting is restored at once."""
    previous = context.invalidGeometryCheck()
    context.setInvalidGeometryCheck(_NO_CHECK)
    try:
        source = layers.require_source(alg, parameters, key, context, optional)
    finally:
        context.setInvalidGeometryCheck(previous)
    if source is not None:
        name = layers.layer_name(alg, parameters, key, context)
        layers.require_geometry(source, name, POLYGON, key)
    return source


def repair_polygons(geometries: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Invalid polygons made valid, keeping only their polygonal parts.

    Returns the geometries (a copy when anything changed), the rows repaired and, among
    them, the rows left with no polygon at all (None now).
    """
    present = ~shapely.is_missing(geometries)
    invalid = np.flatnonzero(present & ~shapely.is_valid(geometries))
    if invalid.size == 0:
        return geometries, invalid, invalid
    geometries = geometries.copy()
    emptied = []
    for i in invalid:  # rare: one by one
        repaired = _polygonal(shapely.make_valid(geometries[i]))
        geometries[i] = repaired
        if repaired is None:
            emptied.append(i)
    return geometries, invalid, np.asarray(emptied, dtype=np.int64)


def _polygonal(geometry):
    """The polygons of a geometry collection of any depth, as one (multi)polygon."""
    parts = [geometry]
    polygons = []
    while parts:
        part = parts.pop()
        kind = shapely.get_type_id(part)
        if kind == 3:  # Polygon
            if not part.is_empty:
                polygons.append(part)
        elif kind in (6, 7):  # MultiPolygon, GeometryCollection
            parts.extend(shapely.get_parts(part).tolist())
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.union_all(polygons)


def read_polygons(source, name, crs, context, feedback, progress_range=(0.0, 10.0)):
    """:func:`layers.read_layer` of a polygon source, its invalid polygons repaired, with a
    warning naming the layer, how many, and the first feature ids."""
    layer = layers.read_layer(source, name, crs, context, feedback, progress_range=progress_range)
    layer.geometries, repaired, emptied = repair_polygons(layer.geometries)
    if repaired.size:
        fids = layer.fids
        shown = ", ".join(str(int(fid)) for fid in fids[repaired[:_SHOWN_FIDS]])
        feedback.pushWarning(
            tr(
                'Layer "{layer}": {n} invalid polygons repaired (made valid, polygonal parts '
                "kept), features {fids}{more}."
            ).format(
                layer=name,
                n=repaired.size,
                fids=shown,
                more=" …" if repaired.size > _SHOWN_FIDS else "",
            )
        )
    if emptied.size:
        feedback.pushWarning(
            tr(
                'Layer "{layer}": {n} invalid features hold no polygon once repaired: ignored.'
            ).format(layer=name, n=emptied.size)
        )
        layer.null_count = int(np.count_nonzero(shapely.is_missing(layer.geometries)))
    return layer
