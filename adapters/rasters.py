"""The raster sampler: a raster parameter opened once, read on its own cells.

Both raster algorithms (``hazardexposure``, ``accessroutes``) read their raster here, the
same way: the dataset is opened read-only, only the window under the assets is read, at the
raster's native resolution (never resampled), and the assets are brought to the raster's
CRS so that ``core`` cuts them at the raster's own cell edges. Nothing is written beside the
user's raster: GDAL's side files (``.aux.xml``, written e.g. when statistics are computed)
are switched off around our reads.

A raster that does not overlap the assets is not an error: a warning names it and the
layer, and the run goes on as if the raster were dry (nothing exposed, nothing blocked).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
import shapely
from osgeo import gdal
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterLayer,
)

from ..core.errors import InputError
from ..core.raster_sampling import RasterGrid
from ..i18n import tr
from . import compat, projection

Transform = Optional[Callable[[np.ndarray], np.ndarray]]


@dataclass
class RasterWindow:
    """The window of one raster band under the assets, and the ways to and from its CRS."""

    name: str  # the raster's name, for messages
    grid: Optional[RasterGrid]  # None: the raster does not overlap the assets
    crs: QgsCoordinateReferenceSystem  # the raster's CRS, where it is sampled
    to_raster: Transform  # working CRS -> raster CRS (None: the same CRS)
    to_working: Transform  # raster CRS -> working CRS (None: the same CRS)
    assets: np.ndarray  # the assets in the raster's CRS


@contextmanager
def no_side_files():
    """GDAL writes no ``.aux.xml`` (PAM) beside the user's raster while we read it."""
    with compat.gdal_options({"GDAL_PAM_ENABLED": "NO"}):
        yield


class RasterLayerParameter(QgsProcessingParameterRasterLayer):
    """A raster layer parameter whose check loads a raster path without GDAL's side files.

    Processing (``qgis_process`` parameter by parameter, ``processing.run`` and the dialog
    through ``checkParameterValues``) loads a raster given as a path while checking it, and
    QGIS computes statistics on load; with GDAL's PAM on, freeing that layer after the run
    wrote an ``.aux.xml`` beside the user's raster. Loaded here without PAM, it writes none.
    """

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 (QGIS's name)
        with no_side_files():
            return super().checkValueIsAcceptable(value, context)

    def clone(self):
        optional = bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
        copy = RasterLayerParameter(self.name(), self.description(), self.defaultValue(), optional)
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy


class RasterListParameter(QgsProcessingParameterMultipleLayers):
    """Several rasters (one per scenario), checked without GDAL's side files, as
    :class:`RasterLayerParameter`."""

    def __init__(self, name, description="", optional=False):
        super().__init__(name, description, QgsProcessing.SourceType.TypeRaster, optional=optional)

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 (QGIS's name)
        with no_side_files():
            return super().checkValueIsAcceptable(value, context)

    def clone(self):
        optional = bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
        copy = RasterListParameter(self.name(), self.description(), optional)
        copy.setFlags(self.flags())
        copy.setHelp(self.help())
        copy.setMetadata(self.metadata())
        return copy


def raster_layers(algorithm, parameters, key: str, context) -> list:
    """The raster layers of the multiple-layer parameter ``key``, loaded without PAM."""
    with no_side_files():
        return list(algorithm.parameterAsLayerList(parameters, key, context))


def raster_layer(algorithm, parameters, key: str, context):
    """The raster layer of parameter ``key`` (None when not given), loaded without PAM."""
    with no_side_files():
        return algorithm.parameterAsRasterLayer(parameters, key, context)


def _open(path: str, name: str, key: str):
    """The dataset, read-only; a clear message when GDAL cannot open it (None or raise)."""
    try:
        dataset = gdal.OpenEx(path, gdal.OF_RASTER | gdal.OF_READONLY)
    except RuntimeError as error:  # GDAL with exceptions on
        raise QgsProcessingException(
            tr('{key}: cannot open raster "{name}" ({path}): {error}').format(
                key=key, name=name, path=path, error=str(error).strip()
            )
        ) from None
    if dataset is None:  # GDAL with exceptions off
        message = (gdal.GetLastErrorMsg() or "").strip()
        raise QgsProcessingException(
            tr('{key}: cannot open raster "{name}" ({path}): {error}').format(
                key=key, name=name, path=path, error=message or tr("unknown error")
            )
        )
    return dataset


def _pixel_bounds(inverse, bounds):
    """Fractional (col, row) ranges of a bounding box through an inverse geotransform."""
    xmin, ymin, xmax, ymax = bounds
    corners = [(xmin, ymin), (xmin, ymax), (xmax, ymin), (xmax, ymax)]
    cols = [inverse[0] + x * inverse[1] + y * inverse[2] for x, y in corners]
    rows = [inverse[3] + x * inverse[4] + y * inverse[5] for x, y in corners]
    return min(cols), max(cols), min(rows), max(rows)


def read_window(dataset, band_number: int, bounds, name: str, key: str) -> Optional[RasterGrid]:
    """The cells of one band under ``bounds`` (raster CRS) plus one cell around, at native
    resolution; None when the box does not overlap the raster."""
    gt = dataset.GetGeoTransform(can_return_null=True)
    if gt is None:
        raise QgsProcessingException(
            tr('{key}: raster "{name}" is not georeferenced (it has no geotransform).').format(
                key=key, name=name
            )
        )
    inverse = gdal.InvGeoTransform(gt)
    if inverse is None:
        raise QgsProcessingException(
            tr('{key}: raster "{name}" has a degenerate geotransform.').format(key=key, name=name)
        )
    width, height = dataset.RasterXSize, dataset.RasterYSize
    cmin, cmax, rmin, rmax = _pixel_bounds(inverse, bounds)
    if cmax < 0 or rmax < 0 or cmin >= width or rmin >= height:
        return None
    col0 = max(int(np.floor(cmin)) - 1, 0)
    row0 = max(int(np.floor(rmin)) - 1, 0)
    col1 = min(int(np.floor(cmax)) + 2, width)
    row1 = min(int(np.floor(rmax)) + 2, height)
    band = dataset.GetRasterBand(band_number)
    try:
        array = band.ReadAsArray(col0, row0, col1 - col0, row1 - row0)
        error = "" if array is not None else (gdal.GetLastErrorMsg() or "").strip()
    except RuntimeError as raised:  # GDAL with exceptions on (e.g. a corrupt block)
        array, error = None, str(raised).strip()
    if array is None:
        raise QgsProcessingException(
            tr('{key}: cannot read raster "{name}": {error}').format(
                key=key, name=name, error=error or tr("unknown error")
            )
        )
    window_gt = (
        gt[0] + col0 * gt[1] + row0 * gt[2],
        gt[1],
        gt[2],
        gt[3] + col0 * gt[4] + row0 * gt[5],
        gt[4],
        gt[5],
    )
    try:
        return RasterGrid(array, window_gt, band.GetNoDataValue())
    except InputError as error:
        raise QgsProcessingException(f"{key}: {error}") from None


def raster_window(
    raster_layer,
    key: str,
    band_number: int,
    geometries: np.ndarray,
    working_crs: QgsCoordinateReferenceSystem,
    layer_name: str,
    feedback,
    ignored: str,
) -> RasterWindow:
    """Band ``band_number`` of the raster parameter ``key`` under ``geometries``.

    ``geometries`` are the assets in ``working_crs``. A raster without a CRS is refused (its
    cells cannot be placed); a raster that does not overlap them gives ``grid`` None and a
    warning naming the raster and ``layer_name``, ending with ``ignored`` (what that means
    for the algorithm's result).
    """
    name = raster_layer.name() or key
    crs = raster_layer.crs()
    if not crs.isValid():
        raise QgsProcessingException(
            tr(
                '{key}: raster "{name}" has no CRS. Set its CRS (layer properties, Source) '
                "and run again."
            ).format(key=key, name=name)
        )
    to_raster = projection.coordinate_transformer(working_crs, crs)
    to_working = projection.coordinate_transformer(crs, working_crs)
    assets = projection.transform_geometries(geometries, to_raster)
    with no_side_files():
        dataset = _open(raster_layer.source(), name, key)
        try:
            count = dataset.RasterCount
            if not 1 <= band_number <= count:
                raise QgsProcessingException(
                    tr('{key}: raster "{name}" has no band {band} (it has {count}).').format(
                        key=key, name=name, band=band_number, count=count
                    )
                )
            present = ~(shapely.is_missing(assets) | shapely.is_empty(assets))
            # Vertices outside the raster CRS's domain come back infinite: they miss it.
            xy = shapely.get_coordinates(assets[present])
            xy = xy[np.isfinite(xy).all(axis=1)]
            grid = None
            if len(xy):
                bounds = (*xy.min(axis=0), *xy.max(axis=0))
                grid = read_window(dataset, band_number, bounds, name, key)
        finally:
            dataset = None  # closed inside no_side_files: closing is when PAM would write
    if grid is None and present.any():  # (no geometry at all is warned by the caller)
        feedback.pushWarning(
            tr('Raster "{raster}" ({key}) does not overlap layer "{layer}": {ignored}').format(
                raster=name, key=key, layer=layer_name, ignored=ignored
            )
        )
    elif grid is not None:
        feedback.pushInfo(
            tr(
                'Raster "{name}" read on its own cells in {crs}: a window of {cols} × {rows} '
                "cells."
            ).format(name=name, crs=crs.authid(), cols=grid.shape[1], rows=grid.shape[0])
        )
    return RasterWindow(name, grid, crs, to_raster, to_working, assets)
