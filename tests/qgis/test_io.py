"""The shared QGIS <-> core adapters (algorithms/io.py)."""

import numpy as np
import pandas as pd
import pytest
import shapely
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterVectorDestination,
    QgsVectorLayer,
)
from qgis_helpers import ProbeAlgorithm

from fibre_resilience.adapters import expressions, layers, projection, sinks


def _layer(uri, rows):
    layer = QgsVectorLayer(uri, "assets", "memory")
    features = []
    for wkt, attributes in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(attributes)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_read_layer_geographic_to_metres(context):
    layer = _layer(
        "LineString?crs=EPSG:4326&field=name:string&field=n:integer",
        [
            ("LineString (3.0 50.0, 3.0 50.01)", ["a", 1]),
            (None, ["null geometry", None]),
            ("CompoundCurve (CircularString (3 50, 3.001 50.001, 3.002 50))", ["curve", 3]),
            ("LineStringZM (3 50 10 1, 3.01 50 12 2)", ["zm", 4]),
        ],
    )
    source = layers.QgsProcessingFeatureSource(layer, context)
    decision = projection.working_crs(layer.crs(), layer.extent(), context)
    crs = decision.crs
    assert crs.authid() == "EPSG:2154"  # in France: Lambert-93
    assert decision.reason == "Lambert-93 for geographic data in metropolitan France"
    arrays = layers.read_layer(source, "assets", crs, context)
    assert len(arrays) == 4
    assert arrays.null_count == 1 and arrays.segmentized_count == 1
    assert arrays.geometries[1] is None
    # 0.01 degree of latitude is about 1,112 m (Lambert-93 scale error near 50 N is < 0.1 %)
    assert shapely.length(arrays.geometries[0]) == pytest.approx(1112, rel=2e-3)
    assert shapely.get_num_coordinates(arrays.geometries[2]) > 3  # the arc was segmentized
    assert not shapely.has_z(arrays.geometries[3])
    assert list(arrays.values("name")) == ["a", "null geometry", "curve", "zm"]
    numbers = arrays.numbers("n")
    assert numbers[0] == 1 and np.isnan(numbers[1])
    with pytest.raises(QgsProcessingException, match='no field "missing"'):
        arrays.values("missing")
    with pytest.raises(QgsProcessingException, match="must be numeric"):
        arrays.numbers("name")


def test_projected_layer_keeps_its_crs(context):
    layer = _layer("Point?crs=EPSG:2154", [("Point (650000 7030000)", [])])
    decision = projection.working_crs(layer.crs(), layer.extent(), context)
    crs = decision.crs
    assert crs.authid() == "EPSG:2154"
    assert decision.reason == "layer CRS is projected"
    to_wgs = projection.coordinate_transformer(crs, QgsCoordinateReferenceSystem("EPSG:4326"))
    lon, lat = to_wgs(np.array([[650000.0, 7030000.0]]))[0]
    # 50 km west of the central meridian (3 E, false easting 700 km) at about 50.4 N
    assert 2.2 < lon < 2.4 and 50.0 < lat < 50.8
    assert projection.coordinate_transformer(crs, QgsCoordinateReferenceSystem("EPSG:2154")) is None


def test_expression_values_and_errors(context):
    layer = _layer(
        "Point?crs=EPSG:2154&field=n:integer", [("Point (0 0)", [2]), ("Point (1 1)", [None])]
    )
    source = layers.QgsProcessingFeatureSource(layer, context)
    arrays = layers.read_layer(source, "assets", layer.crs(), context)
    alg = ProbeAlgorithm()
    assert expressions.expression_values(alg, {}, context, arrays, '"n" * 10') == [20, None]
    with pytest.raises(QgsProcessingException, match="invalid"):
        expressions.expression_values(alg, {}, context, arrays, '"n" +* 2')
    with pytest.raises(QgsProcessingException, match="fails on feature"):
        expressions.expression_values(alg, {}, context, arrays, "to_int('x')")


def test_sink_keeps_fields_replaces_ours_and_writes(context, tmp_path):
    layer = _layer(
        "Point?crs=EPSG:2154&field=name:string&field=hz_level:integer",
        [("Point (0 0)", ["a", 9]), ("Point (1 1)", ["b", 9])],
    )
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    target = str(tmp_path / "out.gpkg")
    feedback = QgsProcessingFeedback()
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": target},
        "OUTPUT",
        context,
        layer.fields(),
        [sinks.int_field("hz_level"), sinks.real_field("hz_value"), sinks.text_field("hz_class")],
        layer.wkbType(),
        layer.crs(),
        feedback,
    )
    sink.write(
        list(layer.getFeatures()),
        {
            "hz_level": np.array([1, 0]),
            "hz_value": np.array([np.nan, 2.5]),
            "hz_class": np.array(["x", None], dtype=object),
        },
        feedback,
    )
    del sink
    out = QgsVectorLayer(target, "out", "ogr")
    names = [f.name() for f in out.fields()]
    assert names[-4:] == ["name", "hz_level", "hz_value", "hz_class"]
    rows = [(f["name"], f["hz_level"], f["hz_value"], f["hz_class"]) for f in out.getFeatures()]
    assert rows[0][:2] == ("a", 1) and rows[0][3] == "x"
    assert rows[1][1] == 0 and rows[1][2] == 2.5
    assert rows[0][2] is None or rows[0][2] == NULL  # NaN is written as NULL


def test_cancel_discards_the_file(context, tmp_path):
    layer = _layer("Point?crs=EPSG:2154&field=n:integer", [("Point (0 0)", [1])] * 3)
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    target = tmp_path / "cancelled.gpkg"
    feedback = QgsProcessingFeedback()
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": str(target)},
        "OUTPUT",
        context,
        layer.fields(),
        [sinks.int_field("x")],
        layer.wkbType(),
        layer.crs(),
        feedback,
    )
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        sink.write(list(layer.getFeatures()), {"x": np.array([1, 2, 3])}, feedback)
    assert not target.exists()


def test_table_sink_from_dataframe(context, tmp_path):
    alg = ProbeAlgorithm()
    alg.addParameter(QgsProcessingParameterVectorDestination("TABLE", "table"))
    target = str(tmp_path / "table.csv")
    frame = pd.DataFrame({"zone": ["A", "B"], "count": [3, 4], "length_m": [1.5, np.nan]})
    dest = sinks.table_sink(alg, {"TABLE": target}, "TABLE", context, frame)
    assert dest
    table = QgsVectorLayer(target, "t", "ogr")
    rows = [(f["zone"], int(f["count"])) for f in table.getFeatures()]
    assert rows == [("A", 3), ("B", 4)]


def test_sink_reuses_input_features_when_all_fields_are_kept(context, tmp_path):
    layer = _layer(
        "LineString?crs=EPSG:2154&field=code:string",
        [("LineString (0 0, 10 0)", ["r1"]), ("LineString (0 0, 0 5)", ["r2"])],
    )
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    target = str(tmp_path / "reuse.gpkg")
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": target},
        "OUTPUT",
        context,
        layer.fields(),
        [sinks.real_field("hz_length"), sinks.int_field("hz_level")],
        layer.wkbType(),
        layer.crs(),
    )
    sink.write(
        list(layer.getFeatures()),
        {"hz_length": np.array([10.0, 2.5]), "hz_level": np.array([2, 0])},
    )
    del sink
    out = QgsVectorLayer(target, "out", "ogr")
    rows = [
        (f["code"], f["hz_length"], f["hz_level"], f.geometry().length()) for f in out.getFeatures()
    ]
    assert rows == [("r1", 10.0, 2, 10.0), ("r2", 2.5, 0, 5.0)]


def test_a_failed_run_discards_every_sink(context, tmp_path):
    layer = _layer("Point?crs=EPSG:2154&field=n:integer", [("Point (0 0)", [1])])
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    alg.addParameter(QgsProcessingParameterFeatureSink("OTHER", "other"))
    first, second = tmp_path / "first.gpkg", tmp_path / "second.gpkg"
    parameters = {"OUTPUT": str(first), "OTHER": str(second)}
    with (
        pytest.raises(QgsProcessingException, match="half-way"),
        sinks.discard_on_failure() as written,
    ):
        for key in ("OUTPUT", "OTHER"):
            sink = sinks.OutputSink(
                alg,
                parameters,
                key,
                context,
                layer.fields(),
                [sinks.int_field("x")],
                layer.wkbType(),
                layer.crs(),
            )
            written.append(sink)
            sink.write(list(layer.getFeatures()), {"x": np.array([1])})
        raise QgsProcessingException("failed half-way")
    assert not first.exists() and not second.exists()
