"""The one raster sampler (adapters/rasters.py) as both raster algorithms meet it: a raster
without a CRS, one that misses the assets, one that cannot be opened, a missing band, and
nothing written beside the user's raster."""

import os

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsRasterLayer,
)
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

from fibre_resilience.adapters import rasters

X0, Y0 = 700000.0, 6600000.0  # Lambert-93


def write_raster(path, array, gt, epsg=2154, nodata=-1.0):
    """A one-band Float32 GeoTIFF; ``epsg`` None writes no CRS at all."""
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(path), array.shape[1], array.shape[0], 1, gdal.GDT_Float32
    )
    dataset.SetGeoTransform(gt)
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.WriteArray(array)
    band.SetNoDataValue(nodata)
    dataset.FlushCache()
    dataset = None
    return str(path)


def roads():
    """Two roads: depot at x=0, target at x=1000; the straight one crosses x=400..500."""
    rows = [
        (f"LineString({X0} {Y0}, {X0 + 1000} {Y0})", [1]),
        (f"LineString({X0} {Y0}, {X0} {Y0 + 500}, {X0 + 1000} {Y0 + 500}, {X0 + 1000} {Y0})", [2]),
    ]
    return memory_layer("LineString", rows, name="my roads")


def access(run_algorithm, raster, feedback=None, context=None):
    return run_algorithm(
        "accessroutes",
        {
            "ROADS": roads(),
            "DEPOTS": memory_layer("Point", [(f"Point({X0} {Y0})", [1])]),
            "TARGETS": memory_layer("Point", [(f"Point({X0 + 1000} {Y0})", [1])]),
            "BLOCKED_RASTER": raster,
            "MAX_DEPTH": 0.5,
            "OUTPUT": "memory:",
        },
        feedback=feedback,
        context=context,
    )


def exposure(run_algorithm, raster, feedback=None, context=None):
    return run_algorithm(
        "hazardexposure",
        {"INPUT": roads(), "HAZARD_RASTER": raster, "OUTPUT": "memory:"},
        feedback=feedback,
        context=context,
    )


def flood(tmp_path, x0=X0 + 400, name="flood.tif", epsg=2154):
    """1 m of water on a 100 m column from ``x0``, over the straight road only."""
    return write_raster(
        tmp_path / name, np.ones((2, 1), np.float32), (x0, 100.0, 0, Y0 + 50, 0, -50.0), epsg
    )


def test_the_raster_blocks_the_straight_road(run_algorithm, tmp_path):
    result = access(run_algorithm, flood(tmp_path))
    out = next(result["OUTPUT"].getFeatures())
    assert out["ac_reach"] == 1
    assert out["ac_t1_min"] > out["ac_t0_min"] + 1  # the 2000 m detour, not the 1000 m road


def test_a_raster_without_crs_is_refused_by_both_algorithms(run_algorithm, tmp_path):
    path = flood(tmp_path, name="no_crs.tif", epsg=None)
    layer = QgsRasterLayer(path, "no_crs")
    assert layer.isValid()
    layer.setCrs(QgsCoordinateReferenceSystem())  # QGIS may have assumed one
    for run in (access, exposure):
        with pytest.raises(QgsProcessingException, match=r"BLOCKED_RASTER|HAZARD_RASTER") as err:
            run(run_algorithm, layer)
        assert "no_crs" in str(err.value) and "no CRS" in str(err.value)


def test_a_raster_missing_the_assets_warns_and_changes_nothing(run_algorithm, tmp_path):
    far = flood(tmp_path, x0=X0 + 50000, name="far_away.tif")
    feedback = Feedback()
    result = access(run_algorithm, far, feedback=feedback)
    out = next(result["OUTPUT"].getFeatures())
    assert out["ac_reach"] == 1 and out["ac_delay"] == pytest.approx(0.0)
    assert any(
        "far_away" in w and "my roads" in w and "does not overlap" in w for w in feedback.warnings
    )
    # Exposure with no other hazard: every asset not exposed (no error), with the warning.
    feedback = Feedback()
    context = QgsProcessingContext()
    result = exposure(run_algorithm, far, feedback=feedback, context=context)
    assert result["EXPOSED_COUNT"] == 0
    assert [f["hz_level"] for f in result["OUTPUT"].getFeatures()] == [0, 0]
    assert any("far_away" in w and "my roads" in w for w in feedback.warnings)


@pytest.mark.parametrize("exceptions", [True, False])
def test_an_unreadable_raster_is_named_whatever_gdal_does(tmp_path, exceptions):
    was = gdal.GetUseExceptions()
    gdal.UseExceptions() if exceptions else gdal.DontUseExceptions()
    try:
        with pytest.raises(QgsProcessingException, match=r"THE_KEY: cannot open raster \"mine\""):
            rasters._open(str(tmp_path / "gone.tif"), "mine", "THE_KEY")
    finally:
        gdal.UseExceptions() if was else gdal.DontUseExceptions()


def test_a_raster_gone_since_it_was_loaded_is_named(run_algorithm, tmp_path):
    path = flood(tmp_path, name="gone.tif")
    layer = QgsRasterLayer(path, "gone")
    assert layer.isValid()
    os.remove(path)
    with pytest.raises(
        QgsProcessingException, match=r"BLOCKED_RASTER: cannot open raster \"gone\""
    ):
        access(run_algorithm, layer)


def test_a_missing_band_is_named(tmp_path):
    layer = QgsRasterLayer(flood(tmp_path), "one band")
    lines = memory_layer("LineString", [(f"LineString({X0} {Y0}, {X0 + 9} {Y0})", [1])])
    geometries = np.array([None], dtype=object)
    with pytest.raises(QgsProcessingException, match=r"KEY: raster \"one band\" has no band 3"):
        rasters.raster_window(
            layer, "KEY", 3, geometries, lines.crs(), "lines", Feedback(), "ignored"
        )


def test_only_the_window_under_the_assets_is_read(run_algorithm, tmp_path):
    big = write_raster(
        tmp_path / "big.tif",
        np.zeros((400, 400), np.float32),
        (X0 - 10000, 50.0, 0, Y0 + 10000, 0, -50.0),
    )
    feedback = Feedback()
    access(run_algorithm, big, feedback=feedback)
    # Roads span 1000 x 500 m: 20 x 10 cells of 50 m, plus one around and the edge cells.
    window = [i for i in feedback.infos if "read on its own cells" in i]
    assert window and "23 × 13" in window[0], window


def test_nothing_is_written_beside_the_users_raster(run_algorithm, tmp_path):
    """A raster given by its path: Processing loads it into the run's context, and freeing
    that layer used to write flood.tif.aux.xml (QGIS computes statistics on load)."""
    folder = tmp_path / "user"
    folder.mkdir()
    path = flood(folder)
    before = sorted(os.listdir(folder))
    for run in (access, exposure):
        context = QgsProcessingContext()
        run(run_algorithm, path, context=context)
        context.temporaryLayerStore().removeAllMapLayers()  # frees the loaded raster now
        del context
    assert sorted(os.listdir(folder)) == before == ["flood.tif"]


def test_no_side_files_stops_gdal_from_writing_aux_xml(tmp_path):
    """The guard itself: statistics computed inside it leave no .aux.xml (they do outside)."""
    inside = flood(tmp_path, name="inside.tif")
    outside = flood(tmp_path, name="outside.tif")
    with rasters.no_side_files():
        dataset = gdal.Open(inside)
        dataset.GetRasterBand(1).ComputeStatistics(False)
        dataset = None
    dataset = gdal.Open(outside)
    dataset.GetRasterBand(1).ComputeStatistics(False)
    dataset = None
    assert not os.path.exists(inside + ".aux.xml")
    assert os.path.exists(outside + ".aux.xml")  # the check above can fail


def test_the_raster_parameters_clone_as_themselves(provider):
    """Processing clones definitions (models, dialogs): the copy keeps the guard and flags."""
    for alg_id, key in (("accessroutes", "BLOCKED_RASTER"), ("hazardexposure", "HAZARD_RASTER")):
        alg = provider.algorithm(alg_id)
        definition = alg.parameterDefinition(key)
        copy = definition.clone()
        assert isinstance(definition, rasters.RasterLayerParameter)
        assert isinstance(copy, rasters.RasterLayerParameter)
        assert copy.type() == "raster" and copy.name() == key
        assert copy.flags() == definition.flags()
        assert copy.description() == definition.description()


@pytest.mark.parametrize("exceptions", [True, False])
def test_a_raster_that_cannot_be_read_is_named_whatever_gdal_does(tmp_path, exceptions):
    """A GeoTIFF cut short: it opens, its pixels cannot be read."""
    whole = tmp_path / "whole.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(whole), 64, 64, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((X0, 10.0, 0, Y0 + 640, 0, -10.0))
    dataset.GetRasterBand(1).WriteArray(np.ones((64, 64), np.float32))
    dataset = None
    cut = tmp_path / "cut.tif"
    cut.write_bytes(whole.read_bytes()[:2000])
    was = gdal.GetUseExceptions()
    gdal.UseExceptions() if exceptions else gdal.DontUseExceptions()
    try:
        broken = gdal.Open(str(cut))
        with pytest.raises(QgsProcessingException, match=r"KEY: cannot read raster \"cut\""):
            rasters.read_window(broken, 1, (X0, Y0, X0 + 600, Y0 + 600), "cut", "KEY")
    finally:
        broken = None
        gdal.UseExceptions() if was else gdal.DontUseExceptions()
