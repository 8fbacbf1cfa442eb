"""The bulk read of io.py (algorithms/bulk_io.py) gives what the per-feature path gives: the
same LayerArrays, the same output layers once written, or it stands aside."""

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)
from qgis_helpers import ProbeAlgorithm

from fibre_resilience.adapters import bulk as bulk_io
from fibre_resilience.adapters import expressions, layers, sinks

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
TERRITORY = SAMPLE / "territory.gpkg"
GRACETHD = SAMPLE / "gracethd_v3.gpkg"
LAMBERT = QgsCoordinateReferenceSystem("EPSG:2154")


def _read(value, context, bulk, crs=LAMBERT, request=None):
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    bulk_io.ENABLED = bulk
    try:
        source = layers.require_source(alg, {"INPUT": value}, "INPUT", context)
        return layers.read_layer(source, "layer", crs, context, QgsProcessingFeedback(), request)
    finally:
        bulk_io.ENABLED = True


def _same_value(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def assert_same_arrays(bulk, plain):
    """Everything an algorithm may read from a LayerArrays is the same on both paths."""
    assert len(bulk) == len(plain)
    assert np.array_equal(bulk.fids, plain.fids)
    assert (bulk.null_count, bulk.segmentized_count, bulk.unreadable_count) == (
        plain.null_count,
        plain.segmentized_count,
        plain.unreadable_count,
    )
    assert bulk.wkb_type == plain.wkb_type
    assert bulk.fields.names() == plain.fields.names()
    missing = shapely.is_missing(plain.geometries)
    assert np.array_equal(shapely.is_missing(bulk.geometries), missing)
    assert np.array_equal(
        shapely.get_type_id(bulk.geometries[~missing]),
        shapely.get_type_id(plain.geometries[~missing]),
    )
    assert np.all(shapely.equals_exact(bulk.geometries[~missing], plain.geometries[~missing], 0))
    for name in plain.fields.names():
        mine, theirs = bulk.values(name), plain.values(name)
        assert all(_same_value(a, b) for a, b in zip(mine, theirs)), name
    frame, expected = bulk.attribute_frame(), plain.attribute_frame()
    assert list(frame.columns) == list(expected.columns)
    for name in expected.columns:
        assert all(_same_value(a, b) for a, b in zip(frame[name], expected[name])), name
    # the features built on demand are the per-feature path's, in the same order
    assert [f.id() for f in bulk.features] == [f.id() for f in plain.features]
    assert [f.attributes() for f in bulk.features] == [f.attributes() for f in plain.features]


def _layers(path):
    dataset = ogr.Open(str(path))
    return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]


@pytest.mark.parametrize(
    "path, name",
    [(TERRITORY, n) for n in ("roads", "communes", "flood_zones", "sensitive_sites")]
    + [(GRACETHD, n) for n in _layers(GRACETHD)],
)
@pytest.mark.parametrize("sqlite", [True, False], ids=["sqlite", "arrow"])
def test_sample_layers_read_the_same(context, path, name, sqlite, monkeypatch):
    """Both bulk paths of a GeoPackage (SQLite, GDAL's Arrow stream) give what QGIS gives."""
    monkeypatch.setattr(bulk_io, "SQLITE", sqlite)
    uri = f"{path}|layername={name}"
    bulk, plain = _read(uri, context, True), _read(uri, context, False)
    assert bulk.bulk is not None and plain.bulk is None
    assert bulk.bulk.python == sqlite
    assert_same_arrays(bulk, plain)


def test_sqlite_path_reads_only_the_fields_asked_for(context, tmp_path, monkeypatch):
    """A subset request: the other fields are not read (NULL, as QGIS gives them)."""
    uri = f"{GRACETHD}|layername=t_adresse"
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes(["ad_nblres"], QgsVectorLayer(uri, "a", "ogr").fields())
    monkeypatch.setattr(bulk_io, "SQLITE", True)
    seen = []
    original = bulk_io._read_gpkg

    def watching(path, table, fid, geometry, names):
        seen.append(list(names))
        return original(path, table, fid, geometry, names)

    monkeypatch.setattr(bulk_io, "_read_gpkg", watching)
    bulk = _read(uri, context, True, request=QgsFeatureRequest(request))
    plain = _read(uri, context, False, request=QgsFeatureRequest(request))
    assert bulk.values("ad_nblres").tolist() == plain.values("ad_nblres").tolist()
    # the geometries through GDAL, the field through SQLite when asked for (bulk.GpkgColumns)
    assert seen == [["ad_nblres"]]


def test_geographic_input_is_transformed_the_same(context, tmp_path):
    path = str(tmp_path / "wgs84.gpkg")
    gdal.VectorTranslate(path, str(TERRITORY), layers=["roads"], dstSRS="EPSG:4326", format="GPKG")
    crs = QgsCoordinateReferenceSystem("EPSG:2154")
    bulk, plain = _read(path, context, True, crs), _read(path, context, False, crs)
    assert bulk.bulk is not None
    assert_same_arrays(bulk, plain)


def _write_gpkg(path, geometry_type, rows, fields, name="assets", driver="GPKG"):
    """rows: (wkt or None, {field: value or None}); fields: {name: ogr type}."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, srs, geometry_type, ["ENCODING=UTF-8"] * (driver != "GPKG"))
    for field_name, kind in fields.items():
        layer.CreateField(ogr.FieldDefn(field_name, kind))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        if wkt is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        for key, value in values.items():
            if value is None:
                feature.SetFieldNull(key)
            else:
                feature.SetField(key, value)
        layer.CreateFeature(feature)
    dataset = None
    return str(path)


FIELDS = {"code": ogr.OFTString, "n": ogr.OFTInteger, "big": ogr.OFTInteger64, "x": ogr.OFTReal}
ROWS = [
    (
        "MULTILINESTRING ((0 0, 10 0), (20 0, 30 5))",
        {"code": "é-1", "n": 1, "big": 2**40, "x": 0.5},
    ),
    (None, {"code": None, "n": None, "big": None, "x": None}),
    ("LINESTRING (0 0, 0 10)", {"code": "", "n": -3, "big": None, "x": 1 / 3}),
    ("LINESTRING EMPTY", {"code": "b", "n": 0, "big": 7, "x": None}),
]


def test_nulls_multiparts_and_empties(context, tmp_path):
    path = _write_gpkg(tmp_path / "nulls.gpkg", ogr.wkbMultiLineString, ROWS, FIELDS)
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None
    assert bulk.null_count == 2
    assert_same_arrays(bulk, plain)


def test_sqlite_path_leaves_unusual_values_to_qgis(context, tmp_path, monkeypatch):
    """SQLite keeps a text in an integer column as text and a real in it as a real: such a
    column is left to QGIS (per feature), the others still come from the bulk read."""
    monkeypatch.setattr(bulk_io, "SQLITE", True)
    path = _write_gpkg(tmp_path / "odd.gpkg", ogr.wkbMultiLineString, ROWS, FIELDS)
    dataset = ogr.Open(path, 1)  # GDAL's SQLite: the GeoPackage triggers need its functions
    dataset.ExecuteSQL("UPDATE assets SET n = 'x7' WHERE fid = 1")
    dataset.ExecuteSQL("UPDATE assets SET big = 2.5 WHERE fid = 3")
    dataset = None
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None and bulk.bulk.python
    assert bulk.bulk.values("n") is None and bulk.bulk.values("big") is None
    assert bulk.bulk.values("code") is not None
    assert_same_arrays(bulk, plain)


@pytest.mark.parametrize("width", [10, 1500])
def test_wide_texts_are_read_through_sqlite(context, tmp_path, width):
    """By default a GeoPackage, its texts wide (a cable's routes: thousands of bytes) or
    narrow, is read through SQLite, its fields when first asked for (an output that keeps
    them copies them in SQLite, gpkg_writer.SourceCopy); it gives what QGIS gives."""
    rows = [
        (wkt, dict(values, code=None if i == 1 else "é" * width))
        for i, (wkt, values) in enumerate(ROWS)
    ]
    path = _write_gpkg(tmp_path / "wide.gpkg", ogr.wkbMultiLineString, rows, FIELDS)
    assert bulk_io.SQLITE == "auto"
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None and bulk.bulk.python
    assert isinstance(bulk.bulk.columns, bulk_io.GpkgColumns)
    assert_same_arrays(bulk, plain)


def _watch_reads(monkeypatch) -> list:
    """(way, with geometries, fields) of each pass over a GeoPackage table: GDAL's Arrow
    stream ("arrow") or SQLite ("sqlite")."""
    seen = []
    arrow, sqlite = bulk_io._read_arrow, bulk_io._read_gpkg

    def watching_arrow(layer, fid, geometry, names):
        seen.append(("arrow", bool(geometry), sorted(names)))
        return arrow(layer, fid, geometry, names)

    def watching_sqlite(path, table, fid, geometry, names):
        seen.append(("sqlite", bool(geometry), sorted(names)))
        return sqlite(path, table, fid, geometry, names)

    monkeypatch.setattr(bulk_io, "_read_arrow", watching_arrow)
    monkeypatch.setattr(bulk_io, "_read_gpkg", watching_sqlite)
    return seen


def _odd_gpkg(path) -> str:
    """ROWS with a text in the integer column and a real in the 64-bit one (SQLite keeps
    them as they were written, GDAL reads them as numbers)."""
    path = _write_gpkg(path, ogr.wkbMultiLineString, ROWS, dict(FIELDS, more=ogr.OFTString))
    dataset = ogr.Open(path, 1)  # GDAL's SQLite: the GeoPackage triggers need its functions
    dataset.ExecuteSQL("UPDATE assets SET n = 'x7' WHERE fid = 1")
    dataset.ExecuteSQL("UPDATE assets SET big = 2.5 WHERE fid = 3")
    dataset.ExecuteSQL("UPDATE assets SET more = 'ü' || fid")
    dataset = None
    return path


@pytest.mark.parametrize("where", ["sample", "odd"])
def test_many_fields_asked_for_are_read_in_one_arrow_pass(context, tmp_path, monkeypatch, where):
    """A GeoPackage's fields asked for together (an attribute frame, an output's kept
    fields): a few (ARROW_FIELDS) read through SQLite, more in one pass of GDAL's Arrow
    stream, whose SQLite scans were slower (regional delivery: 25% of its read); the values
    are QGIS's either way."""
    uri = f"{GRACETHD}|layername=t_adresse" if where == "sample" else _odd_gpkg(tmp_path / "o.gpkg")
    plain = _read(uri, context, False)
    seen = _watch_reads(monkeypatch)
    bulk = _read(uri, context, True)
    names = [n for n in plain.fields.names() if n != "fid"]
    few, many = names[: bulk_io.ARROW_FIELDS - 1], names[bulk_io.ARROW_FIELDS - 1 :]
    assert len(many) >= bulk_io.ARROW_FIELDS
    expected = plain.attribute_frame()
    for part in (few, many):
        frame = bulk.attribute_frame(part)
        for name in part:
            assert all(_same_value(a, b) for a, b in zip(frame[name], expected[name])), name
    assert seen == [
        ("arrow", True, []),
        ("sqlite", False, sorted(few)),
        ("arrow", False, sorted(many)),
    ]
    # GDAL's columns are let go once their Python values are made
    assert not bulk.bulk.columns.arrow
    assert_same_arrays(bulk, plain)


@pytest.mark.parametrize("width", [10, 1500])
def test_fields_asked_for_now_are_read_with_the_geometries(context, tmp_path, monkeypatch, width):
    """``now`` (the delivery read's frames): narrow fields come in the geometries' pass of
    GDAL's Arrow stream, not in a second one; wide texts (see WIDE_TEXT_BYTES) through
    SQLite when asked for. QGIS's values either way."""
    rows = [(wkt, dict(values, code="é" * width)) for wkt, values in ROWS]
    path = _write_gpkg(tmp_path / "now.gpkg", ogr.wkbMultiLineString, rows, FIELDS)
    plain = _read(path, context, False)
    seen = _watch_reads(monkeypatch)
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    source = layers.require_source(alg, {"INPUT": path}, "INPUT", context)
    now = ["code", "n"]
    bulk = layers.read_layer(source, "layer", LAMBERT, context, now=now)
    frame, expected = bulk.attribute_frame(now), plain.attribute_frame(now)
    for name in now:
        assert all(_same_value(a, b) for a, b in zip(frame[name], expected[name])), name
    if width == 10:
        assert seen == [("arrow", True, sorted(now))]
    else:
        assert seen == [("arrow", True, []), ("sqlite", False, sorted(now))]
    assert_same_arrays(bulk, plain)


@pytest.mark.parametrize("sqlite", ["auto", False])
def test_arrow_batches_are_joined_as_qgis_reads_them(context, tmp_path, monkeypatch, sqlite):
    """A table in several batches of GDAL's Arrow stream (_ARROW_BATCH rows), their texts of
    different widths and some without NULL: joined, the values are QGIS's."""
    monkeypatch.setattr(bulk_io, "_ARROW_BATCH", 1)
    monkeypatch.setattr(bulk_io, "SQLITE", sqlite)
    path = _write_gpkg(tmp_path / "batches.gpkg", ogr.wkbMultiLineString, ROWS, FIELDS)
    plain = _read(path, context, False)
    seen = _watch_reads(monkeypatch)
    bulk = _read(path, context, True)
    bulk.attribute_frame()  # every field at once: in one Arrow pass of four batches
    # "auto": the fields in a pass of their own, after the geometries'; False: all in one
    assert [way for way, _, _ in seen] == ["arrow"] * (2 if sqlite else 1)
    assert_same_arrays(bulk, plain)


def test_shapefile_reads_the_same(context, tmp_path):
    # no Integer64 in a shapefile: the field and its values left out (GDAL with exceptions
    # on refuses a value for a field the layer lacks)
    rows = [
        (wkt, {k: v for k, v in values.items() if k != "big"})
        for wkt, values in ROWS
        if wkt != "LINESTRING EMPTY"
    ]
    fields = {k: v for k, v in FIELDS.items() if k != "big"}
    path = _write_gpkg(
        tmp_path / "lines.shp", ogr.wkbLineString, rows, fields, "lines", "ESRI Shapefile"
    )
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None
    assert bulk.bulk.values("code") is None  # not ASCII: QGIS decodes it, not us
    assert_same_arrays(bulk, plain)


def test_z_geometries_are_flattened_the_same(context, tmp_path):
    rows = [("POINT Z (1 2 3)", {"n": 1}), ("POINT Z (4 5 6)", {"n": 2})]
    path = _write_gpkg(tmp_path / "z.gpkg", ogr.wkbPoint25D, rows, {"n": ogr.OFTInteger})
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None
    assert_same_arrays(bulk, plain)


def test_curves_fall_back(context, tmp_path):
    rows = [("CIRCULARSTRING (0 0, 1 1, 2 0)", {"n": 1}), ("LINESTRING (0 0, 1 1)", {"n": 2})]
    path = _write_gpkg(tmp_path / "curves.gpkg", ogr.wkbUnknown, rows, {"n": ogr.OFTInteger})
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is None and bulk.segmentized_count == 1
    assert_same_arrays(bulk, plain)


def test_invalid_geometries_fall_back_when_the_context_checks_them(context, tmp_path):
    rows = [
        ("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", {"n": 1}),
        ("POLYGON ((0 0, 1 0, 1 1, 0 0))", {"n": 2}),
    ]
    path = _write_gpkg(tmp_path / "bowtie.gpkg", ogr.wkbPolygon, rows, {"n": ogr.OFTInteger})
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometrySkipInvalid)
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is None and len(bulk) == 1
    assert_same_arrays(bulk, plain)
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    bulk, plain = _read(path, context, True), _read(path, context, False)
    assert bulk.bulk is not None and len(bulk) == 2
    assert_same_arrays(bulk, plain)


def test_subset_selection_and_memory_layers_fall_back(context, tmp_path):
    # A subset string makes QGIS write to the GeoPackage (a transaction with nothing in it):
    # work on a copy, the sample stays as committed.
    copy = tmp_path / "territory.gpkg"
    shutil.copyfile(TERRITORY, copy)
    uri = f"{copy}|layername=roads"
    subset = QgsVectorLayer(uri, "roads", "ogr")
    subset.setSubsetString("\"highway\" = 'track'")
    selected = QgsVectorLayer(uri, "roads", "ogr")
    QgsProject.instance().addMapLayers([subset, selected])
    try:
        selected.selectByIds([1, 2, 3])
        only = QgsProcessingFeatureSourceDefinition(selected.id(), True)
        limited = QgsProcessingFeatureSourceDefinition(selected.id(), False, 10)
        for value in (subset, only, limited):
            bulk, plain = _read(value, context, True), _read(value, context, False)
            assert bulk.bulk is None
            assert_same_arrays(bulk, plain)
        assert len(_read(only, context, True)) == 3
        assert len(_read(limited, context, True)) == 10
        # a whole project layer (no selection asked) is read in bulk
        assert _read(QgsProcessingFeatureSourceDefinition(selected.id(), False), context, True).bulk
    finally:
        QgsProject.instance().removeMapLayers([subset.id(), selected.id()])
    memory = QgsVectorLayer("Point?crs=EPSG:2154&field=n:integer", "m", "memory")
    assert _read(memory, context, True).bulk is None


def test_attribute_subset_request_reads_nulls_elsewhere(context):
    uri = f"{TERRITORY}|layername=roads"
    layer = QgsVectorLayer(uri, "roads", "ogr")
    request = QgsFeatureRequest().setSubsetOfAttributes(["highway"], layer.fields())
    bulk = _read(uri, context, True, request=request)
    plain = _read(uri, context, False, request=request)
    assert bulk.bulk is not None
    assert_same_arrays(bulk, plain)


def test_a_request_without_geometry_is_read_in_bulk_without_it(context, monkeypatch):
    """Issue 17: the report counts a million nodes by their attributes alone; GDAL is not
    asked for their geometries, and the arrays are the per-feature path's (no geometry)."""
    uri = f"{TERRITORY}|layername=roads"
    layer = QgsVectorLayer(uri, "roads", "ogr")
    request = QgsFeatureRequest().setSubsetOfAttributes(["highway"], layer.fields())
    request.setFlags(request.flags() | QgsFeatureRequest.Flag.NoGeometry)
    asked = []
    read_table = bulk_io.read_table
    monkeypatch.setattr(
        bulk_io, "read_table", lambda *a, **k: asked.append(a[3:]) or read_table(*a, **k)
    )
    bulk = _read(uri, context, True, request=request)
    plain = _read(uri, context, False, request=request)
    assert bulk.bulk is not None and asked == [(False,)]
    assert bulk.null_count == len(bulk) == layer.featureCount()
    assert_same_arrays(bulk, plain)


# --------------------------------------------------------------------------- writing


def _run_exposure(run_algorithm, asset, output, bulk):
    bulk_io.ENABLED = bulk
    try:
        return run_algorithm(
            "hazardexposure",
            {
                "INPUT": asset,
                "HAZARD": f"{TERRITORY}|layername=flood_zones",
                "HAZARD_FIELD": "scenario",
                "PRESET": 1,
                "OUTPUT": output,
            },
        )["OUTPUT"]
    finally:
        bulk_io.ENABLED = True


def _output_rows(output):
    layer = output if isinstance(output, QgsVectorLayer) else QgsVectorLayer(output, "o", "ogr")
    assert layer.isValid()
    fields = [(f.name(), f.type(), f.length(), f.precision()) for f in layer.fields()]
    rows = [
        (f.attributes(), f.geometry().asWkb().data() if f.hasGeometry() else None)
        for f in layer.getFeatures()
    ]
    return layer, fields, rows


def _box(extent):
    return extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()


@pytest.mark.parametrize("name", ["roads", "sensitive_sites", "communes"])
def test_gpkg_outputs_are_the_same(run_algorithm, tmp_path, name):
    asset = f"{TERRITORY}|layername={name}"
    fast = _run_exposure(run_algorithm, asset, str(tmp_path / "fast.gpkg"), True)
    slow = _run_exposure(run_algorithm, asset, str(tmp_path / "slow.gpkg"), False)
    fast_layer, fast_fields, fast_rows = _output_rows(fast)
    slow_layer, slow_fields, slow_rows = _output_rows(slow)
    assert fast_fields == slow_fields
    assert [f.id() for f in fast_layer.getFeatures()] == [f.id() for f in slow_layer.getFeatures()]
    assert len(fast_rows) == len(slow_rows) > 0
    for (a_attrs, a_geom), (b_attrs, b_geom) in zip(fast_rows, slow_rows):
        assert a_geom == b_geom
        assert all(_same_value(a, b) for a, b in zip(a_attrs, b_attrs))
    for a, b in zip(_box(fast_layer.extent()), _box(slow_layer.extent())):
        assert a == pytest.approx(b, rel=1e-12)
    assert fast_layer.featureCount() == slow_layer.featureCount()
    # the spatial index answers as it should
    box = fast_layer.extent().buffered(-fast_layer.extent().width() / 4)
    request = QgsFeatureRequest().setFilterRect(box)
    assert sorted(f.id() for f in fast_layer.getFeatures(request)) == sorted(
        f.id() for f in slow_layer.getFeatures(request)
    )
    dataset = ogr.Open(fast)
    assert dataset.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter)


def test_memory_outputs_are_the_same(run_algorithm):
    """A memory output gets the features (fetched when writing) through the sink."""
    asset = f"{TERRITORY}|layername=roads"
    fast = _run_exposure(run_algorithm, asset, "memory:", True)
    slow = _run_exposure(run_algorithm, asset, "memory:", False)
    assert fast.providerType() == slow.providerType() == "memory"
    _, fast_fields, fast_rows = _output_rows(fast)
    _, slow_fields, slow_rows = _output_rows(slow)
    assert fast_fields == slow_fields
    assert len(fast_rows) == len(slow_rows) > 0
    for (a_attrs, a_geom), (b_attrs, b_geom) in zip(fast_rows, slow_rows):
        assert a_geom == b_geom
        assert all(_same_value(a, b) for a, b in zip(a_attrs, b_attrs))


@pytest.mark.parametrize("null_geometry", [False, True])
def test_nulls_written_the_same(run_algorithm, tmp_path, null_geometry):
    """NULL attributes and a NULL geometry come out of a bulk read as they do otherwise."""
    rows = [("MULTILINESTRING ((0 0, 0 10))", values) for _, values in ROWS[:3]]
    if null_geometry:
        rows[1] = (None, rows[1][1])
    path = _write_gpkg(tmp_path / "nulls.gpkg", ogr.wkbMultiLineString, rows, FIELDS)
    fast = _run_exposure(run_algorithm, path, str(tmp_path / "fast.gpkg"), True)
    slow = _run_exposure(run_algorithm, path, str(tmp_path / "slow.gpkg"), False)
    _, fast_fields, fast_rows = _output_rows(fast)
    _, slow_fields, slow_rows = _output_rows(slow)
    assert fast_fields == slow_fields
    assert len(fast_rows) == 3
    for (a_attrs, a_geom), (b_attrs, b_geom) in zip(fast_rows, slow_rows):
        assert a_geom == b_geom
        assert all(_same_value(a, b) for a, b in zip(a_attrs, b_attrs))


def test_shapefile_input_written_the_same(run_algorithm, tmp_path):
    path = str(tmp_path / "roads.shp")
    gdal.VectorTranslate(path, str(TERRITORY), layers=["roads"], format="ESRI Shapefile")
    fast = _run_exposure(run_algorithm, path, str(tmp_path / "fast.gpkg"), True)
    slow = _run_exposure(run_algorithm, path, str(tmp_path / "slow.gpkg"), False)
    _, fast_fields, fast_rows = _output_rows(fast)
    _, slow_fields, slow_rows = _output_rows(slow)
    assert fast_fields == slow_fields and fast_rows == slow_rows


def test_a_field_expression_reads_the_column_without_the_features(context):
    """PREMISES_COUNT = "gt_prem" and the like: the column, no feature fetched; any other
    expression is evaluated feature by feature, with the same values."""
    uri = f"{GRACETHD}|layername=t_adresse"
    layer = _read(uri, context, True)
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    by_column = expressions.expression_values(alg, {"INPUT": uri}, context, layer, '"ad_nblres"')
    assert not layer.features.loaded
    evaluated = expressions.expression_values(
        alg, {"INPUT": uri}, context, layer, '"ad_nblres" + 0'
    )
    assert layer.features.loaded
    assert by_column == evaluated and any(v is not None for v in by_column)


def test_taking_a_few_features_fetches_only_those(context):
    """The blocked roads of a million-edge graph: their features, not the million."""
    uri = f"{TERRITORY}|layername=roads"
    lazy = _read(uri, context, True).features
    plain = _read(uri, context, False).features
    indices = [7, 3, 7, len(plain) - 1]  # repeats: one road cut into two blocked pieces
    taken = sinks.take(lazy, indices)
    assert not lazy.loaded and not taken.loaded  # fetched only when asked for
    assert [lazy.table.values("fid")[i] for i in taken.indices] == [plain[i].id() for i in indices]
    assert [f.id() for f in taken] == [plain[i].id() for i in indices]
    assert [f.attributes() for f in taken] == [plain[i].attributes() for i in indices]
    assert [f.geometry().asWkt() for f in taken] == [plain[i].geometry().asWkt() for i in indices]
    assert list(sinks.take(lazy, [])) == [] and not lazy.loaded
    assert [f.id() for f in sinks.take(plain, indices)] == [f.id() for f in taken]


class _DisagreeingLayer:
    """An OGR layer whose Arrow batch has a FID column longer than its geometries, as GDAL
    3.10's threaded GeoPackage reader once handed back (OSGeo/gdal#12934)."""

    def __init__(self, layer):
        self.layer = layer

    def __getattr__(self, name):
        return getattr(self.layer, name)

    def GetArrowStreamAsNumPy(self, options):
        for batch in self.layer.GetArrowStreamAsNumPy(options):
            fid = batch["fid"]
            batch["fid"] = np.concatenate([fid, np.arange(len(fid), 2 * len(fid) + 5)])
            yield batch


def test_a_batch_whose_columns_disagree_falls_back(context, monkeypatch):
    monkeypatch.setattr(bulk_io, "SQLITE", False)  # the Arrow path
    original = bulk_io._open_layer

    def open_disagreeing(origin):
        dataset, layer = original(origin)
        return dataset, _DisagreeingLayer(layer)

    value = f"{TERRITORY}|layername=roads"
    plain = _read(value, context, False)
    monkeypatch.setattr(bulk_io, "_open_layer", open_disagreeing)
    bulk = _read(value, context, True)
    assert bulk.bulk is None
    assert_same_arrays(bulk, plain)


def test_the_arrow_read_sets_its_gdal_options_and_puts_them_back(context, monkeypatch):
    from fibre_resilience.adapters import compat

    monkeypatch.setattr(bulk_io, "SQLITE", False)  # the Arrow path
    seen = []
    original = bulk_io._open_layer

    class Watching(_DisagreeingLayer):
        def GetArrowStreamAsNumPy(self, options):
            seen.append(gdal.GetConfigOption("OGR_GPKG_STREAM_BASE_IMPL"))
            yield from self.layer.GetArrowStreamAsNumPy(options)

    def open_watching(origin):
        dataset, layer = original(origin)
        return dataset, Watching(layer)

    monkeypatch.setattr(bulk_io, "_open_layer", open_watching)
    monkeypatch.setattr(compat, "arrow_read_options", lambda: {"OGR_GPKG_STREAM_BASE_IMPL": "YES"})
    assert _read(f"{TERRITORY}|layername=roads", context, True).bulk is not None
    assert seen == ["YES"]
    assert gdal.GetConfigOption("OGR_GPKG_STREAM_BASE_IMPL") is None
