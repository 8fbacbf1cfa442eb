"""The CRS decision: in which projected CRS lengths and areas are computed, and bulk
transforms between CRSs (PROJ through GDAL's osr, one call per array).
"""

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
import shapely
from osgeo import osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsUnitTypes,
)

from ..core.crs import LAMBERT_93, local_projected_epsg
from ..i18n import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")

# --------------------------------------------------------------------------- CRS


@dataclass(frozen=True)
class CrsDecision:
    """The CRS lengths and areas are computed in, and why it was chosen."""

    crs: QgsCoordinateReferenceSystem
    reason: str

    def message(self) -> str:
        """The one line a run logs about it."""
        return tr("Lengths and distances in {crs}: {reason}.").format(
            crs=self.crs.authid() or self.crs.description(), reason=self.reason
        )


def working_crs(crs: QgsCoordinateReferenceSystem, extent, context) -> CrsDecision:
    """The CRS in which lengths and areas are computed, in metres, with its reason.

    The layer's own CRS when it is projected; otherwise a local projected CRS chosen
    from the extent (Lambert-93 over metropolitan France, else the UTM zone of its
    centre), so that geographic inputs still give metres. A layer without a CRS never
    gets here: :func:`layers.require_source` refuses it.
    """
    if not crs.isValid():
        raise QgsProcessingException(
            tr("A layer has no CRS: lengths and distances cannot be computed.")
        )
    # some custom CRSs in degrees say they are not geographic (QGIS 3.22): ask the units too
    if not crs.isGeographic() and crs.mapUnits() != QgsUnitTypes.DistanceUnit.DistanceDegrees:
        return CrsDecision(crs, tr("layer CRS is projected"))
    to_wgs84 = QgsCoordinateTransform(crs, WGS84, context.transformContext())
    try:
        box = to_wgs84.transformBoundingBox(extent)
    except Exception:  # an empty or broken extent: fall back on its centre
        box = extent
    epsg = local_projected_epsg(box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
    if epsg == LAMBERT_93:
        reason = tr("Lambert-93 for geographic data in metropolitan France")
    else:
        hemisphere = tr("north") if epsg < 32700 else tr("south")
        reason = tr("UTM zone {zone} {hemisphere} for geographic data").format(
            zone=epsg % 100, hemisphere=hemisphere
        )
    return CrsDecision(QgsCoordinateReferenceSystem(f"EPSG:{epsg}"), reason)


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
