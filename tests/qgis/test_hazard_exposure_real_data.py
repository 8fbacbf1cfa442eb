"""fibreresilience:hazardexposure on the real third-party data in tests/data/real."""

import statistics
from collections import defaultdict
from pathlib import Path

import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback as Feedback

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
ROADS = REAL / "nl_den_haag_delft_roads_osm.gpkg"
EFAS = REAL / "nl_den_haag_delft_flood_depth_efas_rp500.tif"
TRI = REAL / "tri_lille_n_tri_lill_inondable_s_059_extract.csv"
COMMUNES = REAL / "nord_pas_de_calais_communes_mairies.gpkg"
GRACETHD = REAL / "gracethd_demo01_shpcsv.zip"


def vector(uri, name):
    layer = QgsVectorLayer(uri, name, "ogr")
    assert layer.isValid(), uri
    return layer


def tri_layer():
    # GDAL 3.6 finds the ';' separator itself; the GeoJSON column is the geometry.
    options = "|option:GEOM_POSSIBLE_NAMES=geo_shape|option:KEEP_GEOM_COLUMNS=NO"
    layer = vector(f"{TRI}{options}", "tri_lille")
    layer.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))  # the CSV carries no CRS
    return layer


def exposure(run_algorithm, parameters, feedback=None):
    defaults = {"OUTPUT": "memory:", "SUMMARY": "memory:"}
    defaults.update(parameters)
    return run_algorithm("hazardexposure", defaults, feedback=feedback)


def test_den_haag_roads_on_efas_depths(run_algorithm):
    roads = vector(f"{ROADS}|layername=roads", "roads")
    result = exposure(
        run_algorithm,
        {"INPUT": roads, "HAZARD_RASTER": str(EFAS), "RASTER_THRESHOLDS": "0.01;0.5;1;2"},
    )
    output = result["OUTPUT"]
    assert output.featureCount() == 1372
    # README: 579 of the 1 372 edges cross the flooded area (reprojection differences allowed).
    assert result["EXPOSED_COUNT"] == pytest.approx(579, rel=0.03)
    depths = [f["hz_value"] for f in output.getFeatures() if f["hz_level"] >= 1]
    assert min(depths) >= 0.1 and max(depths) <= 9.5
    exposed_km = sum(f["hz_length"] for f in output.getFeatures()) / 1000
    total_km = sum(f["hz_length"] / f["hz_share"] for f in output.getFeatures() if f["hz_share"])
    assert 0 < exposed_km < 460.7 and total_km > 0


def test_den_haag_midpoints_wet_count_and_median_depth(run_algorithm):
    roads = vector(f"{ROADS}|layername=roads", "roads")
    points = QgsVectorLayer("Point?crs=EPSG:4326&field=id:integer", "midpoints", "memory")
    features = []
    for f in roads.getFeatures():
        geometry = f.geometry()
        midpoint = QgsFeature(points.fields())
        midpoint.setGeometry(geometry.interpolate(geometry.length() / 2))
        midpoint.setAttributes([f.id()])
        features.append(midpoint)
    points.dataProvider().addFeatures(features)
    result = exposure(
        run_algorithm, {"INPUT": points, "HAZARD_RASTER": str(EFAS), "RASTER_THRESHOLDS": "0.01"}
    )
    # README: 513 wet midpoints, median depth 2.5 m, 90th percentile 4.5 m.
    assert result["EXPOSED_COUNT"] == pytest.approx(513, abs=8)
    depths = sorted(f["hz_value"] for f in result["OUTPUT"].getFeatures() if f["hz_level"])
    assert statistics.median(depths) == pytest.approx(2.5, abs=0.15)
    assert depths[int(0.9 * len(depths))] == pytest.approx(4.5, abs=0.3)


def test_tri_lille_on_communes(run_algorithm):
    tri = tri_layer()
    communes = vector(f"{COMMUNES}|layername=communes", "communes")
    feedback = Feedback()
    result = exposure(
        run_algorithm,
        {
            "INPUT": communes,
            "HAZARD": tri,
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "AGGREGATE": communes,
            "AGGREGATE_FIELD": "departement",
        },
        feedback,
    )
    # The 04Fai row without geometry is reported, not lost silently.
    assert any("without a polygon" in w for w in feedback.warnings)
    output = result["OUTPUT"]
    exposed = {
        f["nom"]: (f["hz_level"], f["hz_class"]) for f in output.getFeatures() if f["hz_level"]
    }
    for name in ("Wasquehal", "Willems", "Villeneuve-d'Ascq", "Avelin"):
        assert name in exposed
    assert "Chéreng" in exposed or "Tressin" in exposed

    # Oracle: QGIS join (intersects, one-to-many) and the TRI levels by hand.
    tri_level = {"01For": 4, "02Moy": 3, "03Mcc": 2, "04Fai": 1}
    joined = run_algorithm(
        "native:joinattributesbylocation",
        {
            "INPUT": communes,
            "JOIN": tri,
            "PREDICATE": [0],
            "JOIN_FIELDS": ["scenario"],
            "METHOD": 0,
            "DISCARD_NONMATCHING": True,
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    expected = defaultdict(int)
    for f in joined.getFeatures():
        expected[f["nom"]] = max(expected[f["nom"]], tri_level[f["scenario"]])
    assert {name: level for name, (level, _) in exposed.items()} == dict(expected)
    # Slivers of 100–5 900 m²: tiny shares, areas in m² (Lambert-93).
    areas = [f["hz_area"] for f in output.getFeatures() if f["hz_level"]]
    assert all(0 < a < 20000 for a in areas)
    summary = list(result["SUMMARY"].getFeatures())
    assert {f["aggregate"] for f in summary} == {"59", "62"}
    assert sum(f["n_assets"] for f in summary) == communes.featureCount()


def test_tri_lille_on_town_halls(run_algorithm):
    mairies = vector(f"{COMMUNES}|layername=mairies", "mairies")
    result = exposure(
        run_algorithm,
        {"INPUT": mairies, "HAZARD": tri_layer(), "HAZARD_FIELD": "scenario", "FAIL_LEVEL": 1},
    )
    joined = run_algorithm(
        "native:joinattributesbylocation",
        {
            "INPUT": mairies,
            "JOIN": tri_layer(),
            "PREDICATE": [0],
            "METHOD": 1,
            "DISCARD_NONMATCHING": True,
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    assert result["OUTPUT"].featureCount() == 1533
    assert result["EXPOSED_COUNT"] == joined.featureCount()
    assert result["FAILED_COUNT"] == result["EXPOSED_COUNT"]


def test_gracethd_routes_against_native_intersection(run_algorithm):
    routes = vector(f"/vsizip/{GRACETHD}/t_cheminement.shp", "t_cheminement")
    extent = routes.extent()
    middle = extent.center().x()
    zone = QgsVectorLayer("Polygon?crs=EPSG:2154&field=alea:string", "zone", "memory")
    feature = QgsFeature(zone.fields())
    feature.setGeometry(
        QgsGeometry.fromWkt(
            f"POLYGON(({extent.xMinimum() - 10} {extent.yMinimum() - 10},"
            f"{middle} {extent.yMinimum() - 10},{middle} {extent.yMaximum() + 10},"
            f"{extent.xMinimum() - 10} {extent.yMaximum() + 10},"
            f"{extent.xMinimum() - 10} {extent.yMinimum() - 10}))"
        )
    )
    feature.setAttributes(["Fort"])
    zone.dataProvider().addFeatures([feature])
    result = exposure(
        run_algorithm,
        {"INPUT": routes, "HAZARD": zone, "HAZARD_FIELD": "alea", "PRESET": 4},
    )
    output = result["OUTPUT"]
    assert output.featureCount() == 25
    ours = {f["CM_CODE"]: (f["hz_level"], f["hz_length"]) for f in output.getFeatures()}
    pieces = run_algorithm(
        "native:intersection",
        {"INPUT": routes, "OVERLAY": zone, "INPUT_FIELDS": ["CM_CODE"], "OUTPUT": "memory:"},
    )["OUTPUT"]
    expected = defaultdict(float)
    for f in pieces.getFeatures():
        expected[f["CM_CODE"]] += f.geometry().length()
    assert 0 < sum(1 for level, _ in ours.values() if level) < 25
    for code, (level, length) in ours.items():
        assert length == pytest.approx(expected.get(code, 0.0), abs=1e-6)
        assert level in (0, 3)  # clay "Fort" = 3
        assert (level == 3) == (code in expected) or expected.get(code, 0.0) == 0.0
    assert all(f["hz_class"] in ("Fort", NULL, "") for f in output.getFeatures())
