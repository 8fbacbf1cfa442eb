"""The bulk GeoPackage writer (adapters/gpkg_writer.py, through sinks.OutputSink) stores
exactly what the Processing feature sink stores: every output written both ways (the sink
path is ``sinks.BULK = False``) loads in QGIS with the same fields, types, lengths,
precision, CRS, geometry type, extent, feature ids, values and geometries, and the files
hold the same rows, geometry blobs and R-tree entries. Whatever the bulk writer cannot be
sure of goes through the sink, and so does every destination that is not a new GeoPackage.
"""

import math
import sqlite3

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate
from qgis_helpers import ProbeAlgorithm, memory_layer

from fibre_resilience.adapters import bulk as bulk_io
from fibre_resilience.adapters import compat, gpkg_writer, layers, sinks

LAMBERT = QgsCoordinateReferenceSystem("EPSG:2154")


@pytest.fixture(autouse=True)
def packed_rtree(monkeypatch):
    """Every R-tree here is packed (gpkg_writer._bulk_load_rtree), however few its entries."""
    monkeypatch.setattr(gpkg_writer, "RTREE_BULK_MIN", 0)


@pytest.fixture()
def bulk_writes(monkeypatch):
    """The paths the bulk writer wrote, its rows from Python or copied from the input in
    SQLite (it is spied on, not replaced)."""
    written = []

    def spy(write):
        def spied(path, *args, **kwargs):
            done = write(path, *args, **kwargs)
            written.append(path)  # once written: a copy rolled back raises
            return done

        return spied

    monkeypatch.setattr(gpkg_writer, "write", spy(gpkg_writer.write))
    monkeypatch.setattr(gpkg_writer, "write_copy", spy(gpkg_writer.write_copy))
    return written


# ----------------------------------------------------------------------------- comparing


def _plain(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def _same(a, b) -> bool:
    a, b = _plain(a), _plain(b)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _field_rows(layer):
    return [
        (f.name(), f.type(), f.typeName(), f.length(), f.precision(), f.subType())
        for f in layer.fields()
    ]


def _extent(layer):
    e = layer.extent()
    return (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()) if not e.isNull() else None


def assert_same_output(old: str, new: str) -> int:
    """``new`` loads as ``old`` does, feature by feature; the GeoPackages hold the same rows,
    blobs and R-tree. The feature count."""
    old_layer, new_layer = QgsVectorLayer(old, "old", "ogr"), QgsVectorLayer(new, "new", "ogr")
    assert old_layer.isValid() and new_layer.isValid(), (old, new)
    assert _field_rows(new_layer) == _field_rows(old_layer)
    assert new_layer.crs().toWkt() == old_layer.crs().toWkt()
    assert new_layer.wkbType() == old_layer.wkbType()
    assert new_layer.featureCount() == old_layer.featureCount()
    assert _extent(new_layer) == _extent(old_layer)
    old_features = list(old_layer.getFeatures())
    new_features = list(new_layer.getFeatures())
    assert len(new_features) == len(old_features)
    for a, b in zip(old_features, new_features):
        assert a.id() == b.id()
        assert len(a.attributes()) == len(b.attributes())
        for name, x, y in zip(a.fields().names(), a.attributes(), b.attributes()):
            assert _same(x, y), (old, a.id(), name, x, y)
        assert a.hasGeometry() == b.hasGeometry()
        assert a.geometry().isNull() == b.geometry().isNull()
        if a.hasGeometry():
            assert bytes(a.geometry().asWkb()) == bytes(b.geometry().asWkb()), (old, a.id())
    if old.endswith(".gpkg"):
        assert _sqlite_dump(new) == _sqlite_dump(old)
    del old_layer, new_layer
    return len(old_features)


def _sqlite_dump(path):
    """Every row of the layer's table (blobs as bytes), its R-tree, its feature count."""
    with sqlite3.connect(path) as connection:
        (table,) = connection.execute("SELECT table_name FROM gpkg_contents").fetchone()
        quoted = '"' + table.replace('"', '""') + '"'
        rows = connection.execute(f"SELECT * FROM {quoted} ORDER BY 1").fetchall()
        count = connection.execute(
            "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (table,)
        ).fetchall()
        extent = connection.execute(
            "SELECT min_x, min_y, max_x, max_y, srs_id, data_type FROM gpkg_contents"
        ).fetchall()
        rtree = []
        geometry = connection.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()
        if geometry is not None:
            name = f'"rtree_{table}_{geometry[0]}"'
            exists = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE name = ?", (name.strip('"'),)
            ).fetchone()
            if exists:
                rtree = connection.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    connection.close()
    return rows, count, extent, rtree, triggers


# ------------------------------------------------------------------------ writing both ways


def _sink_write(context, target, fields, new_fields, wkb_type, features, columns, **kwargs):
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    sink = sinks.OutputSink(
        alg, {"OUTPUT": target}, "OUTPUT", context, fields, new_fields, wkb_type, LAMBERT
    )
    sink.write(features, columns, QgsProcessingFeedback(), **kwargs)
    dest = sink.dest_id
    sink.close()
    return dest


def _target(folder, bulk: bool, suffix="gpkg") -> str:
    """Where one way writes: one file name in two folders (a GeoPackage names its layer and
    its triggers after the file)."""
    folder = folder / ("new" if bulk else "old")
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"out.{suffix}")


def _both(context, tmp_path, layer, new_fields, columns, wkb_type=None, suffix="gpkg", **kw):
    """Write ``layer`` plus ``columns`` through the sink and through the bulk writer."""
    outputs = []
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            outputs.append(
                _sink_write(
                    context,
                    _target(tmp_path, bulk, suffix),
                    layer.fields() if layer is not None else QgsFields(),
                    new_fields,
                    layer.wkbType() if wkb_type is None else wkb_type,
                    list(layer.getFeatures()) if layer is not None else kw["features"],
                    columns,
                    **{k: v for k, v in kw.items() if k != "features"},
                )
            )
        finally:
            sinks.BULK = True
    return outputs


NEW_FIELDS = [
    sinks.int_field("hz_level"),
    sinks.real_field("hz_value", 1),
    sinks.real_field("hz_share", 3),
    sinks.text_field("hz_class", 20),
    sinks.NewField("hz_big", compat.LONG_LONG),
    sinks.NewField("hz_raw", compat.DOUBLE),  # no precision: never rounded
]


def _columns(n, rng=None):
    rng = rng or np.random.default_rng(7)
    ties = np.array([1.45, -0.25, 2.675, 0.05, 1e20, np.inf, -np.inf, np.nan, 0.0, -0.0])
    values = np.resize(ties, n)
    return {
        "hz_level": rng.integers(0, 5, n),
        "hz_value": values,
        "hz_share": values / 7,
        "hz_class": np.array([None, "01For", "éèà 洪水", ""] * n, dtype=object)[:n],
        "hz_big": np.arange(n, dtype=np.int64) * 3_000_000_000,
        "hz_raw": values * math.pi,
    }


def test_values_rounding_nulls_and_text_are_stored_as_the_sink_stores_them(
    context, tmp_path, bulk_writes
):
    layer = memory_layer(
        "Point",
        [(f"Point ({i} {2 * i})", [i, f"name {i}" if i % 3 else None, i / 3]) for i in range(40)],
        "id:integer&field=name:string(12)&field=ratio:double(10,2)",
    )
    old, new = _both(context, tmp_path, layer, NEW_FIELDS, _columns(40))
    assert bulk_writes == [new]
    assert assert_same_output(old, new) == 40
    values = {f["id"]: f for f in QgsVectorLayer(new, "n", "ogr").getFeatures()}
    assert values[0]["hz_value"] == 1.5 and values[1]["hz_value"] == -0.3  # half away from zero
    assert values[5]["hz_value"] == math.inf and _plain(values[7]["hz_value"]) is None


@pytest.mark.parametrize(
    "field, column",
    [
        (sinks.text_field("x", 10), np.array(["x" * 11, "y"], dtype=object)),
        (sinks.text_field("x", 10), np.array(["😀" * 6, "y"], dtype=object)),  # 12 in UTF-16
        (sinks.int_field("x"), np.array([1, 2**40])),
    ],
)
def test_values_the_sink_refuses_are_refused_the_same(
    context, tmp_path, bulk_writes, field, column
):
    layer = memory_layer("Point", [("Point (0 0)", [1]), ("Point (1 1)", [2])])
    messages = []
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            with pytest.raises(QgsProcessingException) as error:
                _sink_write(
                    context,
                    _target(tmp_path, bulk),
                    layer.fields(),
                    [field],
                    layer.wkbType(),
                    list(layer.getFeatures()),
                    {"x": column},
                )
            messages.append(str(error.value))
        finally:
            sinks.BULK = True
    assert messages[0] == messages[1] and ("exceeds" in messages[0] or "too large" in messages[0])
    assert bulk_writes == []


def test_texts_as_long_as_their_field(context, tmp_path, bulk_writes):
    layer = memory_layer("Point", [("Point (0 0)", [1]), ("Point (1 1)", [2])])
    columns = {"x": np.array(["é" * 10, "😀" * 5], dtype=object)}
    old, new = _both(context, tmp_path, layer, [sinks.text_field("x", 10)], columns)
    assert bulk_writes == [new]
    assert assert_same_output(old, new) == 2


@pytest.mark.parametrize(
    "kind, wkts",
    [
        ("Point", ["Point (1 2)", None, "Point (3 4)"]),
        ("LineString", ["LineString (0 0, 10 5)", None, "LineString (2 2, 3 9, 4 1)"]),
        (
            "Polygon",
            [
                "Polygon ((0 0, 4 0, 4 4, 0 0))",
                "Polygon ((0 0, 9 0, 9 9, 0 9, 0 0), " "(1 1, 2 1, 2 2, 1 1))",
                None,
            ],
        ),
        ("MultiPoint", ["MultiPoint ((1 2), (3 4))", None]),
        ("MultiLineString", ["MultiLineString ((0 0, 1 1), (5 5, 6 7))", None]),
        ("MultiPolygon", ["MultiPolygon (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", None]),
        ("LineStringZ", ["LineString Z (0 0 1, 10 5 -3)", None, "LineString Z (1 1 7, 2 2 8)"]),
        ("PointZ", ["Point Z (1 2 3)", None]),
        ("PolygonZ", ["Polygon Z ((0 0 1, 4 0 2, 4 4 3, 0 0 1))", None]),
    ],
)
def test_every_plain_geometry_type_and_null_geometries(context, tmp_path, bulk_writes, kind, wkts):
    layer = memory_layer(kind, [(w, [i]) for i, w in enumerate(wkts)])
    old, new = _both(context, tmp_path, layer, [sinks.int_field("x")], {"x": np.arange(len(wkts))})
    assert bulk_writes == [new]
    assert assert_same_output(old, new) == len(wkts)


@pytest.mark.parametrize(
    "layer_kind, geometries",
    [
        # single parts into a multi layer: one-part multis, as the sink's writer makes them
        ("MultiLineString", ["LineString (0 0, 1 1)", "MultiLineString ((0 0, 1 1), (2 2, 3 3))"]),
        ("MultiPolygon", ["Polygon ((0 0, 4 0, 4 4, 0 0))"]),
        ("MultiPoint", ["Point (1 1)", "MultiPoint ((1 2), (3 4))"]),
        # Z added (0) and dropped as the layer says
        ("LineStringZ", ["LineString (0 0, 1 1)", "LineString Z (0 0 4, 1 1 5)"]),
        ("LineString", ["LineString Z (0 0 4, 1 1 5)", "LineString (0 0, 1 1)"]),
        ("MultiLineStringZ", ["LineString (0 0, 1 1)"]),
        # empty geometries of the layer's own type
        ("LineString", ["LineString EMPTY", "LineString (0 0, 1 1)"]),
        ("Polygon", ["Polygon EMPTY", "Polygon ((0 0, 4 0, 4 4, 0 0))"]),
    ],
)
def test_geometries_converted_to_the_layer_type(
    context, tmp_path, bulk_writes, layer_kind, geometries
):
    wkb_type = QgsWkbTypes.parseType(layer_kind)
    shapes = [QgsGeometry.fromWkt(w) for w in geometries] + [None]
    features = [None] * len(shapes)
    columns = {"n": np.arange(len(shapes))}
    old, new = _both(
        context,
        tmp_path,
        None,
        [sinks.int_field("n")],
        columns,
        wkb_type=wkb_type,
        features=features,
        geometries=shapes,
    )
    assert bulk_writes == [new]
    assert assert_same_output(old, new) == len(shapes)


@pytest.mark.parametrize(
    "layer_kind, geometry",
    [
        ("MultiLineString", "LineString EMPTY"),  # an empty single into a multi layer
        ("LineString", "CompoundCurve (CircularString (0 0, 1 1, 2 0))"),
        ("LineStringM", "LineString M (0 0 1, 1 1 2)"),
        ("LineString", "Point (1 1)"),  # another type altogether
    ],
)
def test_what_the_bulk_writer_is_not_sure_of_goes_through_the_sink(
    context, tmp_path, bulk_writes, layer_kind, geometry
):
    wkb_type = QgsWkbTypes.parseType(layer_kind)
    shapes = [QgsGeometry.fromWkt(geometry), QgsGeometry.fromWkt("LineString (0 0, 1 1)")]
    old, new = _both(
        context,
        tmp_path,
        None,
        [sinks.int_field("n")],
        {"n": np.arange(2)},
        wkb_type=wkb_type,
        features=[None, None],
        geometries=shapes,
    )
    assert bulk_writes == []
    assert assert_same_output(old, new) == 2


def test_unusual_values_and_field_types_go_through_the_sink(context, tmp_path, bulk_writes):
    dated = memory_layer("Point", [("Point (0 0)", [QDate(2026, 1, 2)])], "day:date")
    old, new = _both(context, tmp_path / "a", dated, [sinks.int_field("x")], {"x": np.array([1])})
    assert assert_same_output(old, new) == 1
    plain = memory_layer("Point", [("Point (0 0)", [1]), ("Point (1 1)", [2])])
    # a number in a text field, a text in a number field
    for name, field, column in (
        ("b", sinks.real_field("x"), np.array(["2.5", 3], dtype=object)),
        ("c", sinks.text_field("x"), np.array(["a", 3], dtype=object)),
    ):
        old, new = _both(context, tmp_path / name, plain, [field], {"x": column})
        assert assert_same_output(old, new) == 2
    assert bulk_writes == []


def test_a_fid_field_is_the_feature_id_and_left_null_where_inputs_repeat(
    context, tmp_path, bulk_writes
):
    path = tmp_path / "input.gpkg"
    source = memory_layer("LineString", [(f"LineString ({i} 0, {i} 5)", [i]) for i in range(5)])
    sinks.BULK = False
    try:
        _sink_write(
            context,
            str(path),
            source.fields(),
            [],
            source.wkbType(),
            list(source.getFeatures()),
            {},
        )
    finally:
        sinks.BULK = True
    layer = QgsVectorLayer(str(path), "input", "ogr")
    assert layer.fields().names()[0] == "fid"
    features = list(layer.getFeatures())
    # every input once, ids kept (a fid of 10 leaves a gap, the next NULL one takes 11)
    features[2].setAttribute(0, 10)
    for name, chosen in (("once", features), ("repeated", [features[0], features[0], features[3]])):
        folder = tmp_path / name
        outputs = []
        for bulk in (False, True):
            sinks.BULK = bulk
            try:
                outputs.append(
                    _sink_write(
                        context,
                        _target(folder, bulk),
                        layer.fields(),
                        [sinks.int_field("x")],
                        layer.wkbType(),
                        sinks.take(chosen, np.arange(len(chosen))),
                        {"x": np.arange(len(chosen))},
                        geometries=[f.geometry() for f in chosen],
                    )
                )
            finally:
                sinks.BULK = True
        assert assert_same_output(*outputs) == len(chosen)
    ids = [
        f.id() for f in QgsVectorLayer(str(tmp_path / "once" / "new" / "out.gpkg")).getFeatures()
    ]
    assert ids == [1, 2, 4, 5, 10]
    del layer, features


def test_a_table_without_geometry(context, tmp_path, bulk_writes):
    import pandas as pd

    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    frame = pd.DataFrame(
        {"zone": ["A", None, "C"], "count": [3, 4, 5], "length_m": [1.4445, np.nan, 2.0]}
    )
    outputs = []
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            target = _target(tmp_path, bulk)
            outputs.append(sinks.table_sink(alg, {"OUTPUT": target}, "OUTPUT", context, frame))
        finally:
            sinks.BULK = True
    assert bulk_writes == [outputs[1]]
    assert assert_same_output(*outputs) == 3


@pytest.mark.parametrize(
    "suffix", ["shp", "fgb", "geojson", "csv", "sqlite", "tab", "gml", "xlsx", "ods"]
)
def test_other_file_formats_keep_the_sink(context, tmp_path, bulk_writes, suffix):
    layer = memory_layer("Point", [(f"Point ({i} {i})", [i]) for i in range(4)])
    columns = {"hz_level": np.arange(4), "hz_value": np.array([1.45, np.nan, 2.0, -0.25])}
    fields = [sinks.int_field("hz_level"), sinks.real_field("hz_value", 1)]
    old, new = _both(context, tmp_path, layer, fields, columns, suffix=suffix)
    assert bulk_writes == []
    assert assert_same_output(old, new) == 4


def test_memory_and_layer_in_a_geopackage_keep_the_sink(context, tmp_path, bulk_writes):
    layer = memory_layer("Point", [(f"Point ({i} {i})", [i]) for i in range(3)])
    columns = {"x": np.arange(3)}
    dest = _sink_write(
        context,
        "memory:",
        layer.fields(),
        [sinks.int_field("x")],
        layer.wkbType(),
        list(layer.getFeatures()),
        columns,
    )
    assert context.getMapLayer(dest).featureCount() == 3
    target = f"ogr:dbname='{tmp_path / 'shared.gpkg'}' table=\"mine\" (geom)"
    dest = _sink_write(
        context,
        target,
        layer.fields(),
        [sinks.int_field("x")],
        layer.wkbType(),
        list(layer.getFeatures()),
        columns,
    )
    assert "layername=mine" in dest and QgsVectorLayer(dest).featureCount() == 3
    assert bulk_writes == []


def test_cancelled_in_the_middle_leaves_no_file(context, tmp_path, monkeypatch):
    monkeypatch.setattr(gpkg_writer, "ROWS_PER_STEP", 10)
    layer = memory_layer("Point", [(f"Point ({i} {i})", [i]) for i in range(50)])

    class CancelLater(QgsProcessingFeedback):
        def setProgress(self, progress):
            super().setProgress(progress)
            self.cancel()  # after the first step of rows

    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    target = tmp_path / "cancelled.gpkg"
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": str(target)},
        "OUTPUT",
        context,
        layer.fields(),
        [sinks.int_field("x")],
        layer.wkbType(),
        LAMBERT,
    )
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        sink.write(list(layer.getFeatures()), {"x": np.arange(50)}, CancelLater())
    assert not target.exists()


def test_bulk_read_whole_layer_written_without_fetching_features(
    context, tmp_path, bulk_writes, sample_dir
):
    """A layer read in bulk is written from its columns: no QgsFeature is fetched, and the
    output is the sink's; reading the output back in bulk gives the sink output's arrays."""
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    uri = f"{sample_dir / 'territory.gpkg'}|layername=roads"
    outputs = []
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            source = layers.require_source(alg, {"INPUT": uri}, "INPUT", context)
            arrays = layers.read_layer(source, "roads", LAMBERT, context)
            assert arrays.bulk is not None
            columns = {"n": np.arange(len(arrays))}
            outputs.append(
                _sink_write(
                    context,
                    _target(tmp_path, bulk),
                    arrays.fields,
                    [sinks.int_field("n")],
                    arrays.wkb_type,
                    arrays.features,
                    columns,
                )
            )
            assert arrays.features.loaded is not bulk
        finally:
            sinks.BULK = True
    assert bulk_writes == [outputs[1]]
    assert assert_same_output(*outputs) > 1000
    read_back = []
    for output in outputs:
        source = layers.require_source(alg, {"INPUT": output}, "INPUT", context)
        read_back.append(layers.read_layer(source, "out", LAMBERT, context))
    assert read_back[1].bulk is not None
    old_arrays, new_arrays = read_back
    assert np.array_equal(old_arrays.fids, new_arrays.fids)
    assert all(a.equals_exact(b, 0) for a, b in zip(old_arrays.geometries, new_arrays.geometries))
    for name in old_arrays.fields.names():
        assert all(_same(a, b) for a, b in zip(old_arrays.values(name), new_arrays.values(name)))


def test_the_probe_of_qgis_writer_finds_what_the_bulk_writer_does():
    behaviour = compat.file_writer_behaviour()
    assert behaviour is not None
    values = np.array([1.45, -0.25, 2.675, 0.0005, 1e20, np.inf, np.nan])
    if behaviour["rounds"]:
        rounded = gpkg_writer.round_half_away(values, 3)
        assert rounded[:4].tolist() == [1.45, -0.25, 2.675, 0.001]
        assert rounded[4] == 1e23 / 1000  # scaled and scaled back, as qgsRound does
        assert np.isinf(rounded[5]) and np.isnan(rounded[6])


def test_ogr_sees_a_spatial_index(context, tmp_path):
    layer = memory_layer("Point", [(f"Point ({i} {i})", [i]) for i in range(3)])
    dest = _sink_write(
        context,
        str(tmp_path / "i.gpkg"),
        layer.fields(),
        [sinks.int_field("x")],
        layer.wkbType(),
        list(layer.getFeatures()),
        {"x": np.arange(3)},
    )
    dataset = ogr.Open(dest)
    assert dataset.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter)
    result = dataset.ExecuteSQL("SELECT HasSpatialIndex('i', 'geom')")
    assert result.GetNextFeature().GetField(0) == 1
    dataset.ReleaseResultSet(result)
    del dataset
    assert bulk_io.ENABLED


def test_an_empty_z_geometry_is_left_to_the_sink():
    """A feature without geometry gets the empty geometry the probe saw QGIS's writer store
    (without Z on GDAL 3.6, with it on 3.10); what the writer makes of a given empty Z
    geometry was not probed: the bulk writer declines (the sink writes it)."""
    empty_z = b"\x01" + (1002).to_bytes(4, "little") + (0).to_bytes(4, "little")
    line = QgsGeometry.fromWkt("LineString Z (0 0 1, 1 1 2)")
    columns = [gpkg_writer.Column("n", "int")]
    layer_type = (gpkg_writer.LINESTRING, True)
    assert gpkg_writer.prepare(columns, [[1, 2]], [empty_z, None], layer_type, 2) is None
    prepared = gpkg_writer.prepare(columns, [[1, 2]], [bytes(line.asWkb()), None], layer_type, 2)
    assert prepared is not None
    empty_z = compat.file_writer_behaviour()["empty_z"]
    assert prepared.wkbs[1] == gpkg_writer.empty_wkb(gpkg_writer.LINESTRING, empty_z)


@pytest.mark.parametrize("count", [0, 1, 51, 52, 2000, 3000])
def test_a_packed_rtree_holds_what_sqlite_inserts_would(context, tmp_path, monkeypatch, count):
    """The packed R-tree (every size: empty, a root leaf, full, two levels, three levels)
    has each entry's box as SQLite's own inserts round it, passes SQLite's rtreecheck, and
    answers window queries as a brute-force filter does."""
    rng = np.random.default_rng(count)
    x, y = rng.uniform(-1e6, 1e6, count), rng.uniform(6e6, 7e6, count)
    geometries = [
        QgsGeometry.fromWkt(f"LineString ({a} {b}, {a + 13.3} {b - 7.1})") for a, b in zip(x, y)
    ]
    columns = {"n": np.arange(count)}
    outputs = []
    for minimum in (10**9, 0):  # entries inserted by SQLite, then packed
        monkeypatch.setattr(gpkg_writer, "RTREE_BULK_MIN", minimum)
        outputs.append(
            _sink_write(
                context,
                _target(tmp_path, minimum == 0),
                QgsFields(),
                [sinks.int_field("n")],
                QgsWkbTypes.Type.LineString,
                [None] * count,
                columns,
                geometries=geometries,
            )
        )
    inserted, packed = outputs
    assert _sqlite_dump(packed) == _sqlite_dump(inserted)
    with sqlite3.connect(packed) as connection:
        assert connection.execute("SELECT rtreecheck('rtree_out_geom')").fetchone()[0] == "ok"
        depth = connection.execute(
            "SELECT data FROM rtree_out_geom_node WHERE nodeno = 1"
        ).fetchone()[0]
        nodes = connection.execute("SELECT COUNT(*) FROM rtree_out_geom_node").fetchone()[0]
        boxes = np.array(
            connection.execute("SELECT id, minx, maxx, miny, maxy FROM rtree_out_geom").fetchall()
        ).reshape(-1, 5)
        for _ in range(20):
            x0, y0 = rng.uniform(-1e6, 1e6), rng.uniform(6e6, 7e6)
            window = (x0, x0 + 2e5, y0, y0 + 1e5)
            found = connection.execute(
                "SELECT id FROM rtree_out_geom WHERE maxx >= ? AND minx <= ? "
                "AND maxy >= ? AND miny <= ?",
                window,
            ).fetchall()
            expected = boxes[
                (boxes[:, 2] >= window[0])
                & (boxes[:, 1] <= window[1])
                & (boxes[:, 4] >= window[2])
                & (boxes[:, 3] <= window[3])
            ][:, 0]
            assert sorted(i for (i,) in found) == sorted(expected.astype(int).tolist())
    connection.close()
    assert int.from_bytes(depth[:2], "big") == (0 if count <= 51 else 1 if count <= 2601 else 2)
    # packed full: 51 entries a node (a slice's last node aside), not SQLite's split nodes
    assert nodes == {0: 1, 1: 1, 51: 1, 52: 3, 2000: 41, 3000: 62}[count]


def test_rtree_rounding_is_sqlites():
    with sqlite3.connect(":memory:") as connection:
        connection.execute("CREATE VIRTUAL TABLE r USING rtree(id, a, b)")
        values = np.concatenate(
            [np.random.default_rng(3).uniform(-1e7, 1e7, 500), [0.1, -0.1, 1e-40, 7e6 + 0.3]]
        )
        connection.executemany(
            "INSERT INTO r VALUES (?, ?, ?)",
            zip(range(len(values)), values.tolist(), values.tolist()),
        )
        stored = np.array(connection.execute("SELECT a, b FROM r ORDER BY id").fetchall())
    connection.close()
    assert np.array_equal(gpkg_writer.rtree_round(values, False), stored[:, 0].astype(np.float32))
    assert np.array_equal(gpkg_writer.rtree_round(values, True), stored[:, 1].astype(np.float32))


def test_a_temporary_output_is_written_in_bulk(context, tmp_path, bulk_writes):
    layer = memory_layer("Point", [(f"Point ({i} {i})", [i]) for i in range(5)])
    outputs = []
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            outputs.append(
                _sink_write(
                    context,
                    "TEMPORARY_OUTPUT",
                    layer.fields(),
                    [sinks.real_field("x", 2)],
                    layer.wkbType(),
                    list(layer.getFeatures()),
                    {"x": np.linspace(0, 1, 5) / 3},
                )
            )
        finally:
            sinks.BULK = True
    assert all(o.endswith(".gpkg") for o in outputs) and outputs[0] != outputs[1]
    assert bulk_writes == [outputs[1]]
    # one layer name in both files (QGIS names the temporary file after the output key)
    assert _sqlite_dump(outputs[0])[0] == _sqlite_dump(outputs[1])[0]


def test_a_file_not_as_expected_is_a_clear_error_and_leaves_nothing(context, tmp_path, monkeypatch):
    def broken(connection, *args):
        raise gpkg_writer.WriteError("2 layers where one was made")

    monkeypatch.setattr(gpkg_writer, "_write", broken)
    layer = memory_layer("Point", [("Point (0 0)", [1])])
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    target = tmp_path / "out.gpkg"
    with (
        pytest.raises(QgsProcessingException, match="output OUTPUT: 2 layers"),
        sinks.discard_on_failure() as written,
    ):
        sink = sinks.OutputSink(
            alg,
            {"OUTPUT": str(target)},
            "OUTPUT",
            context,
            layer.fields(),
            [sinks.int_field("x")],
            layer.wkbType(),
            LAMBERT,
        )
        written.append(sink)
        sink.write(list(layer.getFeatures()), {"x": np.array([1])})
    assert not target.exists()


@pytest.mark.parametrize(
    "texts, fits",
    [
        (["abc", None, "", "0123456789"], True),  # 10 characters in a 10-wide field
        (["abc", None, "0123456789A"], False),  # one too many
        (["\U0001f600" * 5, None], True),  # 10 UTF-16 units
        (["\U0001f600" * 6, "a"], False),  # 6 characters, 12 UTF-16 units: QGIS's length
        ([None, None], True),
    ],
)
def test_texts_longer_than_their_field_are_left_to_the_sink(texts, fits):
    """QGIS measures a text in UTF-16 units and refuses one longer than its field: the bulk
    writer declines such a column (the sink then says which feature)."""
    columns = [gpkg_writer.Column("t", "str", 0, 10)]
    prepared = gpkg_writer.prepare(columns, [texts], None, None, len(texts))
    assert (prepared is not None) == fits
