"""Copying a GeoPackage input's kept columns inside SQLite (gpkg_writer.SourceCopy, through
sinks.OutputSink): the output is the one the feature sink writes (``sinks.BULK = False``) and
the one the Python bulk path writes (``sinks.COPY = False``): the same fields, values, NULLs,
geometries, feature ids, rows, blobs and R-tree. Wherever a condition of the copy does not hold
(another format, a memory layer, a subset, fields read only in part, geometries or features
replaced, values or blobs not as the Python path would bind them), the copy is not taken and
the output is still the sink's."""

import sqlite3

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import QgsFeatureRequest, QgsProcessingException
from qgis_helpers import ProbeAlgorithm, memory_layer
from test_bulk_writer import LAMBERT, _sink_write, assert_same_output

from fibre_resilience.adapters import gpkg_writer, layers, sinks

ROWS = [
    # code (text, 20), label (text), n (int32), big (int64), x (real), geometry
    ("R1", "Évry ☃", 1, 2**40, 1.5, "LINESTRING (650000 6860000, 650010 6860005)"),
    (None, None, None, None, None, "LINESTRING (650020 6860000, 650030 6860030)"),
    ("R3 𝄞", "x" * 300, -7, -(2**40), -0.125, "LINESTRING (650040 6860000, 650041 6860001)"),
    ("R4", "", 0, 0, 1e-300, "LINESTRING (650100 6860100, 650200 6860300)"),
]


@pytest.fixture(autouse=True)
def packed_rtree(monkeypatch):
    monkeypatch.setattr(gpkg_writer, "RTREE_BULK_MIN", 0)


@pytest.fixture()
def copies(monkeypatch):
    """The paths written by copying the input's columns (spied on, not replaced)."""
    written = []
    write_copy = gpkg_writer.write_copy

    def spy(path, *args, **kwargs):
        done = write_copy(path, *args, **kwargs)
        written.append(path)  # once committed: a copy the input check refuses is rolled back
        return done

    monkeypatch.setattr(gpkg_writer, "write_copy", spy)
    return written


def _gpkg(path, rows=ROWS, kind=ogr.wkbLineString, epsg=2154, name="routes"):
    """A GeoPackage layer written by GDAL, as the delivery read writes its outputs."""
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = dataset.CreateLayer(name, srs, kind)
    code = ogr.FieldDefn("code", ogr.OFTString)
    code.SetWidth(20)
    layer.CreateField(code)
    layer.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("n", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("big", ogr.OFTInteger64))
    layer.CreateField(ogr.FieldDefn("x", ogr.OFTReal))
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(row[:5]):
            if value is not None:
                feature.SetField(i, value)
        if row[5] is not None:
            feature.SetGeometry(ogr.CreateGeometryFromWkt(row[5]))
        layer.CreateFeature(feature)
    dataset = None
    return str(path)


def _sql(path, statement):
    """A statement run by GDAL (the R-tree triggers call its SQL functions)."""
    dataset = ogr.Open(path, 1)
    dataset.ExecuteSQL(statement, dialect="SQLITE")
    dataset = None


NEW_FIELDS = [sinks.int_field("hz_n"), sinks.real_field("hz_r", 2), sinks.text_field("hz_t", 10)]


def _new_columns(count):
    r = np.linspace(-1.005, 2.5, count)
    r[1 % count] = np.nan
    return {
        "hz_n": np.arange(count, dtype=np.int64),
        "hz_r": r,
        "hz_t": np.array([None if i % 2 else f"t{i}" for i in range(count)], dtype=object),
    }


def _one_way(context, folder, uri, request=None, use=None):
    """The layer at ``uri`` read in bulk and written through the paths switched on into
    ``folder``/out.gpkg; ``use(arrays)`` gives the write's keyword arguments (features,
    geometries) from what was read."""
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    source = layers.require_source(alg, {"INPUT": uri}, "INPUT", context)
    arrays = layers.read_layer(source, "input", LAMBERT, context, request=request)
    extra = use(arrays) if use is not None else {}
    features = extra.pop("features", arrays.features)
    folder.mkdir(parents=True)
    return _sink_write(
        context,
        str(folder / "out.gpkg"),
        arrays.fields,
        NEW_FIELDS,
        arrays.wkb_type,
        features,
        _new_columns(len(arrays)),
        **extra,
    )


def _three_ways(context, tmp_path, uri, request=None, use=None):
    """The layer at ``uri`` written through the sink, the Python bulk path and the copy
    (where it applies): the three outputs."""
    outputs = []
    for name, bulk, copy in (("sink", False, False), ("python", True, False), ("copy", True, True)):
        sinks.BULK, sinks.COPY = bulk, copy
        try:
            outputs.append(_one_way(context, tmp_path / name, uri, request, use))
        finally:
            sinks.BULK, sinks.COPY = True, True
    return outputs


def _assert_all_same(outputs, count):
    sink, python, copy = outputs
    assert assert_same_output(sink, copy) == count
    assert assert_same_output(python, copy) == count


def test_kept_columns_copied_are_the_sinks_output(context, tmp_path, copies):
    uri = _gpkg(tmp_path / "in.gpkg")
    outputs = _three_ways(context, tmp_path, uri)
    assert copies == [outputs[2]]
    _assert_all_same(outputs, len(ROWS))


def test_points_and_a_fid_sequence_with_gaps(context, tmp_path, copies):
    rows = [r[:5] + (f"POINT ({650000 + i} {6860000 + 2 * i})",) for i, r in enumerate(ROWS)]
    uri = _gpkg(tmp_path / "in.gpkg", rows, ogr.wkbPoint, name="nodes")
    _sql(uri, "DELETE FROM nodes WHERE fid = 2")
    outputs = _three_ways(context, tmp_path, uri)
    assert copies == [outputs[2]]
    _assert_all_same(outputs, len(ROWS) - 1)


def test_an_attribute_table(context, tmp_path, copies):
    """A table without geometry keeps GDAL's feature-count triggers while its rows go in:
    the copy counts the rows its statement inserted, not those the triggers changed (it had
    refused every such table: scoreassets on a table, the CLI catalogue case)."""
    rows = [r[:5] + (None,) for r in ROWS]
    uri = _gpkg(tmp_path / "in.gpkg", rows, ogr.wkbNone, name="table")
    outputs = _three_ways(context, tmp_path, uri)
    assert copies == [outputs[2]]
    _assert_all_same(outputs, len(ROWS))


def test_an_output_in_another_crs_has_the_same_blobs_under_its_srs(context, tmp_path, copies):
    """QGIS's writer gives the blobs the output's srs id: the copy rewrites it."""
    rows = [r[:5] + ("LINESTRING (2.3 48.8, 2.4 48.9)",) for r in ROWS]
    uri = _gpkg(tmp_path / "in.gpkg", rows, epsg=4326)
    outputs = _three_ways(context, tmp_path, uri)[1:]  # the Python path's and the copy's
    assert copies == [outputs[1]]
    assert assert_same_output(*outputs) == len(ROWS)
    with sqlite3.connect(outputs[1]) as connection:
        srs = connection.execute("SELECT srs_id FROM gpkg_geometry_columns").fetchone()[0]
        blob = connection.execute("SELECT geom FROM out LIMIT 1").fetchone()[0]
    connection.close()
    assert srs == 2154 and isinstance(blob, bytes) and blob[4:8] == (2154).to_bytes(4, "little")


# ----------------------------------------------------------------- the conditions of the copy


def _assert_fallback(context, tmp_path, copies, uri, count, **kw):
    outputs = _three_ways(context, tmp_path, uri, **kw)
    assert copies == []
    _assert_all_same(outputs, count)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE routes SET code = 'much longer than twenty' WHERE fid = 1",
        "UPDATE routes SET code = 'éééééééééééé' WHERE fid = 1",  # 12 characters, 24 bytes
        "UPDATE routes SET n = 2147483648 WHERE fid = 1",  # beyond its 32-bit field
    ],
)
def test_values_the_python_path_refuses_or_measures(context, tmp_path, copies, statement):
    """A text longer than its field (QGIS's writer refuses it), or perhaps so (the copy
    counts bytes, QGIS UTF-16 units: the Python path measures it), an integer beyond its
    32-bit field (refused): not copied. Once the value is put back, the copy is taken."""
    uri = _gpkg(tmp_path / "in.gpkg")
    _sql(uri, statement)
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    sinks.BULK = True
    source = layers.require_source(alg, {"INPUT": uri}, "INPUT", context)
    arrays = layers.read_layer(source, "input", LAMBERT, context)
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": str(tmp_path / "out.gpkg")},
        "OUTPUT",
        context,
        arrays.fields,
        NEW_FIELDS,
        arrays.wkb_type,
        LAMBERT,
    )
    copy = sink._source_copy(arrays.features, None, len(arrays))
    assert copy is not None  # only the file's values say no
    assert gpkg_writer.source_is_plain(copy, sink._bulk[1], True) is None
    _sql(uri, "UPDATE routes SET code = 'R1', n = 1 WHERE fid = 1")
    assert gpkg_writer.source_is_plain(copy, sink._bulk[1], True) == 2154
    del sink


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE routes SET n = 'seven' WHERE fid = 3",  # a text in an integer column
        "UPDATE routes SET x = X'00' WHERE fid = 3",  # a blob in a real column
        "UPDATE routes SET label = 12 WHERE fid = 3",  # SQLite stores it as text: copied
    ],
)
def test_values_not_of_their_fields_type(context, tmp_path, copies, statement):
    uri = _gpkg(tmp_path / "in.gpkg")
    _sql(uri, statement)
    outputs = _three_ways(context, tmp_path, uri)
    if "label" in statement:
        assert copies == [outputs[2]]
    else:
        assert copies == []
    _assert_all_same(outputs, len(ROWS))


@pytest.mark.parametrize("geometry", [None, "LINESTRING EMPTY"])
def test_a_null_or_empty_geometry(context, tmp_path, copies, geometry):
    rows = list(ROWS)
    rows[2] = rows[2][:5] + (geometry,)
    uri = _gpkg(tmp_path / "in.gpkg", rows)
    _assert_fallback(context, tmp_path, copies, uri, len(ROWS))


def test_single_parts_in_a_multi_layer(context, tmp_path, copies):
    """QGIS's writer makes them one-part multis: the Python path does."""
    uri = _gpkg(tmp_path / "in.gpkg", kind=ogr.wkbMultiLineString)
    _sql(uri, "UPDATE gpkg_geometry_columns SET geometry_type_name = 'MULTILINESTRING'")
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    source = layers.require_source(alg, {"INPUT": uri}, "INPUT", context)
    assert source.wkbType() == 5  # MultiLineString, its blobs LineStrings
    _assert_fallback(context, tmp_path, copies, uri, len(ROWS))


def test_a_subset_on_the_input(context, tmp_path, copies):
    uri = _gpkg(tmp_path / "in.gpkg") + '|layername=routes|subset="n" IS NOT NULL'
    _assert_fallback(context, tmp_path, copies, uri, 3)


def test_fields_read_only_in_part(context, tmp_path, copies):
    """The others are NULL in the features, and so in the output."""
    request = QgsFeatureRequest().setSubsetOfAttributes([0, 3])
    uri = _gpkg(tmp_path / "in.gpkg")
    _assert_fallback(context, tmp_path, copies, uri, len(ROWS), request=request)


def test_geometries_replaced(context, tmp_path, copies):
    def use(arrays):
        return {"geometries": [f.geometry() for f in arrays.features]}

    uri = _gpkg(tmp_path / "in.gpkg")
    _assert_fallback(context, tmp_path, copies, uri, len(ROWS), use=use)


def test_features_fetched_and_changed(context, tmp_path, copies):
    def use(arrays):
        arrays.features[0].setAttribute("code", "changed")
        return {}

    uri = _gpkg(tmp_path / "in.gpkg")
    _assert_fallback(context, tmp_path, copies, uri, len(ROWS), use=use)


def test_another_format_and_a_memory_layer(context, tmp_path, copies):
    shapefile = str(tmp_path / "in.shp")
    source = ogr.Open(_gpkg(tmp_path / "in.gpkg"))
    ogr.GetDriverByName("ESRI Shapefile").CopyDataSource(source, shapefile)
    source = None
    _assert_fallback(context, tmp_path / "shp", copies, shapefile, len(ROWS))
    layer = memory_layer("LineString", [(r[5], [i]) for i, r in enumerate(ROWS)])
    context.temporaryLayerStore().addMapLayer(layer)
    _assert_fallback(context, tmp_path / "memory", copies, layer.id(), len(ROWS))


def test_the_kept_fields_are_never_read_into_python(context, tmp_path, copies, monkeypatch):
    """A bulk-read GeoPackage reads its fields when first asked for (bulk.GpkgColumns): an
    output copying them asks for none, and the input's texts stay in SQLite."""
    from fibre_resilience.adapters import bulk as bulk_io

    seen = []
    read = bulk_io._read_gpkg

    def watching(path, table, fid, geometry, names):
        seen.append(list(names))
        return read(path, table, fid, geometry, names)

    monkeypatch.setattr(bulk_io, "_read_gpkg", watching)
    uri = _gpkg(tmp_path / "in.gpkg")
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    source = layers.require_source(alg, {"INPUT": uri}, "INPUT", context)
    arrays = layers.read_layer(source, "input", LAMBERT, context)
    assert arrays.values("n").tolist() == [1, None, -7, 0]  # one field asked for: read alone
    target = str(tmp_path / "out.gpkg")
    written = _sink_write(
        context,
        target,
        arrays.fields,
        NEW_FIELDS,
        arrays.wkb_type,
        arrays.features,
        _new_columns(len(arrays)),
    )
    assert copies == [written]
    assert seen == [["n"]]
    assert not arrays.features.loaded


@pytest.fixture()
def refused(monkeypatch):
    """The paths of the copies rolled back because the input check said no."""
    paths = []
    write_copy = gpkg_writer.write_copy

    def attempt(path, *args, **kwargs):
        try:
            return write_copy(path, *args, **kwargs)
        except gpkg_writer.SourceNotPlainError:
            paths.append(path)
            raise

    monkeypatch.setattr(gpkg_writer, "write_copy", attempt)
    return paths


def test_a_copy_the_input_check_refuses_is_rolled_back(context, tmp_path, copies, refused):
    """The input is checked in another thread while the copy runs, and the copy commits only on
    a yes: on a no it is rolled back and the Python path writes the output."""
    uri = _gpkg(tmp_path / "in.gpkg")
    _sql(uri, "UPDATE routes SET n = 'seven' WHERE fid = 3")
    outputs = _three_ways(context, tmp_path, uri)
    assert copies == [] and refused == [outputs[2]]
    _assert_all_same(outputs, len(ROWS))


def test_a_copy_rolled_back_leaves_what_python_refuses_to_the_sink(context, tmp_path, refused):
    """A text longer than its field: the copy is rolled back, the Python path refuses it too,
    and the sink (QGIS's writer making the file anew) says what QGIS says of it."""
    uri = _gpkg(tmp_path / "in.gpkg")
    _sql(uri, "UPDATE routes SET code = 'much longer than twenty' WHERE fid = 1")
    for name, bulk, copy in (("sink", False, False), ("copy", True, True)):
        sinks.BULK, sinks.COPY = bulk, copy
        try:
            with pytest.raises(
                QgsProcessingException, match=r"exceeds maximum field length \(20\)"
            ):
                _one_way(context, tmp_path / name, uri)
        finally:
            sinks.BULK, sinks.COPY = True, True
    assert refused == [str(tmp_path / "copy" / "out.gpkg")]
