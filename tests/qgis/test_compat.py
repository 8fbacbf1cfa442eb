"""adapters/compat.py: what differs between QGIS, GDAL and shapely versions, probed.

The lanes (Debian trixie with QGIS 3.40, sid with 3.44) run these for real; here the newer
libraries' behaviours are reproduced where the machine's cannot show them (a version string
shapely on sid reports, curves that shapely >= 2.1 refuses, a shapely on another GEOS).
"""

import contextlib
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr, osr
from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer
from qgis_helpers import ProbeAlgorithm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_inputs import gdal_raises  # noqa: E402  (tests/: the one GDAL-exceptions switch)

from fibre_resilience.adapters import bulk, compat, layers
from fibre_resilience.processing_provider.algorithm import dependency_problem


def gdal_exceptions(on: bool):
    """GDAL's Python with exceptions on (QGIS 3.40's default), or as the machine has it."""
    return gdal_raises() if on else contextlib.nullcontext()


def test_a_version_string_that_says_nothing_does_not_refuse_a_working_shapely(monkeypatch):
    """Debian sid's shapely 2.2 reports '0+unknown': the check probes, it does not read."""
    monkeypatch.setattr(shapely, "__version__", "0+unknown")
    assert compat.missing_dependencies() == []
    assert dependency_problem() == ""


def test_a_shapely_that_cannot_do_what_we_need_is_named(monkeypatch):
    """shapely 1.8 has no vectorised STRtree.query with predicates: a probe fails."""

    def old_query(*args, **kwargs):
        raise TypeError("query() got an unexpected keyword argument 'predicate'")

    monkeypatch.setattr(shapely.STRtree, "query", old_query)
    assert compat.missing_dependencies() == ["shapely>=2.0"]
    assert "shapely>=2.0" in dependency_problem()


def test_a_shapely_on_another_geos_than_qgis_is_refused_with_both_versions(monkeypatch):
    major, minor, patch = compat.qgis_geos_version()
    assert compat.geos_mismatch() is None  # the machine's pinned shapely agrees with QGIS
    monkeypatch.setattr(shapely, "geos_version", (major, minor + 3, 1))
    ours, theirs = compat.geos_mismatch()
    assert ours == f"{major}.{minor + 3}.1" and theirs == f"{major}.{minor}.{patch}"
    problem = dependency_problem()
    assert ours in problem and theirs in problem and "python3-shapely" in problem
    ok, message = ProbeAlgorithm().canExecute()
    assert not ok and message == problem
    # another patch release of the same GEOS is the same library to us
    monkeypatch.setattr(shapely, "geos_version", (major, minor, patch + 3))
    assert compat.geos_mismatch() is None


def _curve_wkb() -> bytes:
    curve = ogr.CreateGeometryFromWkt("CIRCULARSTRING (0 0, 1 1, 2 0)")
    return bytes(curve.ExportToIsoWkb())


def test_from_wkb_gives_none_for_curves_when_shapely_refuses_them(monkeypatch):
    """shapely >= 2.1 on GEOS >= 3.13 raises NotImplementedError on curve WKB, even with
    on_invalid='ignore'; the machine's shapely returns None. Both give None here."""
    line = shapely.to_wkb(shapely.linestrings([[0, 0], [1, 1]]))
    values = np.array([line, _curve_wkb(), None], dtype=object)
    plain = compat.from_wkb(values)
    assert plain[0].equals(shapely.linestrings([[0, 0], [1, 1]])) and plain[1] is None
    original = shapely.from_wkb

    def newer_from_wkb(data, *args, **kwargs):
        items = data if isinstance(data, np.ndarray) else [data]
        if any(v is not None and bytes(v)[1:5] == bytes(_curve_wkb())[1:5] for v in items):
            raise NotImplementedError("CircularString geometry type is not supported")
        return original(data, *args, **kwargs)

    monkeypatch.setattr(shapely, "from_wkb", newer_from_wkb)
    with pytest.raises(NotImplementedError):
        shapely.from_wkb(values, on_invalid="ignore")
    out = compat.from_wkb(values)
    assert out[0].equals(plain[0]) and out[1] is None and out[2] is None


def test_ogr_open_answers_none_with_gdal_exceptions_on_or_off(tmp_path):
    for on in (True, False):
        with gdal_exceptions(on):
            assert compat.ogr_open(str(tmp_path / "missing.gpkg")) is None
            assert compat.ogr_open(f"/vsizip/{tmp_path}/missing.zip/a.shp") is None


def _zipped_shapefile(folder) -> str:
    shp = folder / "routes.shp"
    driver = ogr.GetDriverByName("ESRI Shapefile")
    dataset = driver.CreateDataSource(str(shp))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer("routes", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    for i in range(3):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("code", f"CM{i}")
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"LINESTRING ({i} 0, {i} 10)"))
        layer.CreateFeature(feature)
    del layer, dataset
    archive = folder / "delivery.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for ext in (".shp", ".shx", ".dbf", ".prj"):
            out.write(folder / f"routes{ext}", f"routes{ext}")
    return f"/vsizip/{archive}/routes.shp"


@pytest.mark.parametrize("exceptions", [True, False])
def test_a_zipped_shapefile_is_read_in_place_with_gdal_exceptions_on_or_off(
    tmp_path, context, exceptions
):
    """QGIS 3.40 turns GDAL's Python exceptions on: the bulk reader must not raise where it
    used to get None, and the layer reads the same either way."""
    uri = _zipped_shapefile(tmp_path)
    crs = QgsCoordinateReferenceSystem("EPSG:2154")
    with gdal_exceptions(exceptions):
        layer = QgsVectorLayer(uri, "routes", "ogr")
        assert layer.isValid()
        source = layers.layer_source(layer, context)
        assert source._fr_origin is not None  # the bulk path is taken
        arrays = layers.read_layer(source, "routes", crs, context)
        del layer
    assert len(arrays) == 3
    assert list(arrays.values("code")) == ["CM0", "CM1", "CM2"]
    assert [round(g.length) for g in arrays.geometries] == [10, 10, 10]


def test_a_zip_member_path_is_joined_again_whichever_way_qgis_decodes_it(tmp_path):
    """QGIS 3.40 splits /vsizip/ paths into prefix, path and suffix; 3.22 does not. The bulk
    reader opened the bare .zip on 3.40 (with exceptions on: a crash)."""
    full = f"/vsizip/{tmp_path}/delivery.zip/routes.shp"
    split = {"path": f"{tmp_path}/delivery.zip", "vsiPrefix": "/vsizip/"}
    assert bulk.file_path({**split, "vsiSuffix": "/routes.shp"}) == full
    assert bulk.file_path({"path": full}) == full  # QGIS 3.22
    assert bulk.file_path({"path": "/data/a.gpkg", "layerName": "t"}) == "/data/a.gpkg"


def test_a_damaged_geopackage_delivery_is_named_with_gdal_exceptions_on(tmp_path, run_algorithm):
    """ogr.Open raises with exceptions on (QGIS 3.40): the reader must still say which file."""
    from qgis.core import QgsProcessingException

    broken = tmp_path / "delivery.gpkg"
    broken.write_bytes(b"not a geopackage")
    with gdal_exceptions(True), pytest.raises(QgsProcessingException, match="delivery.gpkg"):
        run_algorithm(
            "gracethdnetwork",
            {
                "SOURCE": str(broken),
                "ROUTES": "TEMPORARY_OUTPUT",
                "CABLES": "TEMPORARY_OUTPUT",
                "NODES": "TEMPORARY_OUTPUT",
                "PREMISES": "TEMPORARY_OUTPUT",
                "REPORT": "TEMPORARY_OUTPUT",
            },
        )
