"""fibreresilience:hazardexposure through processing.run: QGIS natives as oracles, a model,
a raster in another CRS, and every bad input."""

from collections import defaultdict

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsRectangle,
)
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

X0, Y0 = 700000.0, 6600000.0  # Lambert-93, somewhere in France


layer = memory_layer


def box_wkt(x0, y0, x1, y1):
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def run(run_algorithm, parameters, feedback=None, context=None):
    defaults = {"OUTPUT": "memory:", "SUMMARY": "memory:"}
    defaults.update(parameters)
    return run_algorithm("hazardexposure", defaults, feedback=feedback, context=context)


def by_id(output, *names):
    return {
        f["id"]: tuple(None if f[n] == NULL else f[n] for n in names) for f in output.getFeatures()
    }


# --------------------------------------------------------------------------- by hand


def test_hand_computed_lines_points_polygons(run_algorithm):
    zones = layer(
        "Polygon",
        [
            (box_wkt(X0, Y0, X0 + 12, Y0 + 10), ["04Fai"]),
            (box_wkt(X0 + 8, Y0, X0 + 15, Y0 + 10), ["02Moy"]),
        ],
        "scenario:string",
    )
    assets = layer(
        "LineString",
        [
            (f"LINESTRING({X0 - 5} {Y0 + 5}, {X0 + 20} {Y0 + 5})", [1]),
            (f"LINESTRING({X0 - 5} {Y0 + 50}, {X0 + 20} {Y0 + 50})", [2]),
        ],
    )
    feedback = Feedback()
    result = run(
        run_algorithm,
        {"INPUT": assets, "HAZARD": zones, "HAZARD_FIELD": "scenario", "PREMISES_COUNT": "10"},
        feedback,
    )
    output = result["OUTPUT"]
    assert [f.name() for f in output.fields()] == [
        "id",
        "hz_level",
        "hz_class",
        "hz_value",
        "hz_length",
        "hz_area",
        "hz_share",
        "hz_failed",
        "hz_len_1",
        "hz_len_2",
        "hz_len_3",
        "hz_len_4",
    ]
    rows = by_id(output, "hz_level", "hz_class", "hz_value", "hz_length", "hz_area", "hz_share")
    level, cls, value, length, area, share = rows[1]
    assert (level, cls, value, area) == (3, "02Moy", None, None)
    assert length == pytest.approx(15.0) and share == pytest.approx(0.6)
    assert rows[2][:1] == (0,) and rows[2][3] == pytest.approx(0.0)
    # 04Fai (level 1) alone over x 0–8, 02Moy (level 3) over 8–15.
    bands = by_id(output, "hz_len_1", "hz_len_2", "hz_len_3", "hz_len_4")
    assert bands[1] == pytest.approx((8.0, 0.0, 7.0, 0.0))
    assert bands[2] == pytest.approx((0.0, 0.0, 0.0, 0.0))
    assert result["EXPOSED_COUNT"] == 1 and result["FAILED_COUNT"] == 1
    summary = {f["hz_level"]: f for f in result["SUMMARY"].getFeatures()}
    assert summary[3]["n_assets"] == 1 and summary[3]["length_m"] == pytest.approx(15.0)
    assert [summary[k]["band_m"] for k in range(5)] == pytest.approx([35.0, 8.0, 0.0, 7.0, 0.0])
    assert summary[3]["premises"] == pytest.approx(10.0)
    assert any("tri_scenario" in info for info in feedback.infos)


# --------------------------------------------------------------------------- oracles


def random_case(seed, n_lines=120, n_zones=30):
    rng = np.random.default_rng(seed)
    zone_rows = []
    for i in range(n_zones):
        cx, cy = rng.uniform(0, 2000, 2)
        radius = rng.uniform(50, 300)
        geometry = QgsGeometry.fromWkt(f"POINT({X0 + cx} {Y0 + cy})").buffer(radius, 8)
        zone_rows.append((geometry.asWkt(), [i, int(rng.integers(1, 5))]))
    zones = layer("Polygon", zone_rows, "zid:integer&field=lvl:integer", name="zones")
    line_rows = []
    for i in range(n_lines):
        pts = rng.uniform(0, 2000, (int(rng.integers(2, 6)), 2))
        coords = ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts)
        line_rows.append((f"LINESTRING({coords})", [i]))
    assets = layer("LineString", line_rows, name="routes")
    return assets, zones


def test_levels_and_lengths_against_qgis_natives(run_algorithm):
    assets, zones = random_case(3)
    result = run(
        run_algorithm, {"INPUT": assets, "HAZARD": zones, "HAZARD_FIELD": "lvl", "PRESET": 8}
    )
    ours = by_id(result["OUTPUT"], "hz_level", "hz_length")

    joined = run_algorithm(
        "native:joinattributesbylocation",
        {
            "INPUT": assets,
            "JOIN": zones,
            "PREDICATE": [0],
            "JOIN_FIELDS": ["lvl"],
            "METHOD": 0,
            "DISCARD_NONMATCHING": False,
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    expected_level = defaultdict(int)
    for f in joined.getFeatures():
        if f["lvl"] != NULL:
            expected_level[f["id"]] = max(expected_level[f["id"]], f["lvl"])

    # Zones overlap: dissolve them first (intersecting first and dissolving the line pieces
    # leaves near-collinear overlaps counted twice), then intersect and sum per asset.
    cover = run_algorithm("native:dissolve", {"INPUT": zones, "OUTPUT": "memory:"})["OUTPUT"]
    pieces = run_algorithm(
        "native:intersection",
        {"INPUT": assets, "OVERLAY": cover, "INPUT_FIELDS": ["id"], "OUTPUT": "memory:"},
    )["OUTPUT"]
    expected_length = defaultdict(float)
    for f in pieces.getFeatures():
        expected_length[f["id"]] += f.geometry().length()

    assert len(ours) == 120
    assert any(level >= 3 for level, _ in ours.values())
    assert sum(1 for level, _ in ours.values() if level == 0) > 0
    for fid, (level, length) in ours.items():
        assert level == expected_level[fid], fid
        assert length == pytest.approx(expected_length.get(fid, 0.0), abs=1e-3), fid


def test_polygon_areas_against_native_intersection(run_algorithm):
    rng = np.random.default_rng(11)
    # Disjoint zones (a checkerboard): the per-asset sum of native pieces is the oracle.
    zone_rows = [
        (box_wkt(X0 + i * 100, Y0 + j * 100, X0 + i * 100 + 100, Y0 + j * 100 + 100), [i + j])
        for i in range(10)
        for j in range(10)
        if (i + j) % 2 == 0
    ]
    zones = layer("Polygon", zone_rows, "cls:integer", name="zones")
    rows = []
    for i in range(40):
        cx, cy = rng.uniform(0, 1000, 2)
        geometry = QgsGeometry.fromWkt(f"POINT({X0 + cx} {Y0 + cy})").buffer(rng.uniform(10, 80), 8)
        rows.append((geometry.asWkt(), [i]))
    assets = layer("Polygon", rows, name="footprints")
    result = run(run_algorithm, {"INPUT": assets, "HAZARD": zones})
    ours = by_id(result["OUTPUT"], "hz_area", "hz_share", "hz_level", "hz_class")
    pieces = run_algorithm(
        "native:intersection",
        {"INPUT": assets, "OVERLAY": zones, "INPUT_FIELDS": ["id"], "OUTPUT": "memory:"},
    )["OUTPUT"]
    expected = defaultdict(float)
    for f in pieces.getFeatures():
        expected[f["id"]] += f.geometry().area()
    areas = {f["id"]: f.geometry().area() for f in assets.getFeatures()}
    for fid, (area, share, level, cls) in ours.items():
        assert area == pytest.approx(expected[fid], rel=1e-6, abs=1e-3)
        assert share == pytest.approx(expected[fid] / areas[fid], abs=1e-6)
        assert level == (1 if expected[fid] > 0 else level)  # no field: every zone is level 1
        assert cls in ("zones", "")


# --------------------------------------------------------------------------- model


def test_inside_a_model(provider, qgis_processing):
    from qgis import processing

    model = QgsProcessingModelAlgorithm("exposure model", "tests")
    for name in ("assets", "zones"):
        model.addModelParameter(
            QgsProcessingParameterVectorLayer(name, name), QgsProcessingModelParameter(name)
        )
    child = QgsProcessingModelChildAlgorithm("fibreresilience:hazardexposure")
    child.setChildId("exposure")
    child.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("assets")]
    )
    child.addParameterSources(
        "HAZARD", [QgsProcessingModelChildParameterSource.fromModelParameter("zones")]
    )
    child.addParameterSources(
        "HAZARD_FIELD", [QgsProcessingModelChildParameterSource.fromStaticValue("lvl")]
    )
    child.addParameterSources("PRESET", [QgsProcessingModelChildParameterSource.fromStaticValue(8)])
    model.addChildAlgorithm(child)
    extract = QgsProcessingModelChildAlgorithm("native:extractbyexpression")
    extract.setChildId("failed")
    extract.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("exposure", "OUTPUT")]
    )
    extract.addParameterSources(
        "EXPRESSION", [QgsProcessingModelChildParameterSource.fromStaticValue("hz_failed = 1")]
    )
    output = QgsProcessingModelOutput("failed_assets")
    output.setChildOutputName("OUTPUT")
    extract.setModelOutputs({"failed_assets": output})
    model.addChildAlgorithm(extract)
    model.updateDestinationParameters()

    assets, zones = random_case(5, n_lines=40, n_zones=10)
    direct = processing.run(
        "fibreresilience:hazardexposure",
        {
            "INPUT": assets,
            "HAZARD": zones,
            "HAZARD_FIELD": "lvl",
            "PRESET": 8,
            "OUTPUT": "memory:",
        },
    )
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    result = processing.run(
        model,
        {"assets": assets, "zones": zones, "failed:failed_assets": "memory:"},
        context=context,
    )
    failed_layer = result["failed:failed_assets"]
    if isinstance(failed_layer, str):
        failed_layer = context.getMapLayer(failed_layer)
    assert failed_layer.featureCount() == direct["FAILED_COUNT"] > 0


# --------------------------------------------------------------------------- raster


def write_raster(path, array, gt, epsg, nodata=-1.0):
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), array.shape[1], array.shape[0], 1, gdal.GDT_Float32)
    dataset.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.WriteArray(array)
    band.SetNoDataValue(nodata)
    dataset.FlushCache()
    dataset = None
    return str(path)


def test_float32_depths_reach_thresholds_at_their_own_precision(run_algorithm, tmp_path):
    """A GeoTIFF of float32 depths stores 0.01 as 0.00999999978: a point on it reaches the
    default first threshold, 0.01 (it was level 0 when cells were compared at double
    precision, while accessroutes compared them at the raster's own)."""
    array = np.array([[0.01, 0.5], [1.0, 0.009]], dtype=np.float32)
    path = write_raster(tmp_path / "depth.tif", array, (X0, 10.0, 0.0, Y0 + 20, 0.0, -10.0), 2154)
    points = [
        (f"POINT({X0 + x} {Y0 + y})", [i])
        for i, (x, y) in enumerate(((5, 15), (15, 15), (5, 5), (15, 5)))
    ]
    result = run(run_algorithm, {"INPUT": layer("Point", points), "HAZARD_RASTER": path})
    levels = {i: by_id(result["OUTPUT"], "hz_level")[i][0] for i in range(4)}
    assert levels == {0: 1, 1: 2, 2: 3, 3: 0}


def test_raster_in_another_crs(run_algorithm, tmp_path):
    # A 3857 raster of 50 m cells over Lambert-93 assets.
    to_3857 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsProject.instance(),
    )
    corner = to_3857.transform(X0 - 100, Y0 + 600)
    gt = (round(corner.x()), 50.0, 0.0, round(corner.y()), 0.0, -50.0)
    rng = np.random.default_rng(2)
    array = rng.choice([-1.0, 0.0, 0.3, 0.8, 1.5, 2.5], size=(20, 20)).astype(np.float32)
    path = write_raster(tmp_path / "depth.tif", array, gt, 3857)
    rows = []
    for i in range(30):
        pts = rng.uniform([0, 0], [700, 500], (3, 2))
        coords = ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts)
        rows.append((f"LINESTRING({coords})", [i]))
    assets = layer("LineString", rows)
    feedback = Feedback()
    result = run(
        run_algorithm,
        {"INPUT": assets, "HAZARD_RASTER": path, "RASTER_THRESHOLDS": "0.5;1;2"},
        feedback,
    )
    assert any("EPSG:3857" in info for info in feedback.infos)
    ours = by_id(result["OUTPUT"], "hz_level", "hz_length", "hz_class")

    # Oracle: every wet cell as a polygon reprojected to Lambert-93 by QGIS, intersected by
    # QGIS geometry, lengths summed (cells are disjoint).
    to_2154 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:3857"),
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsProject.instance(),
    )
    thresholds = [0.5, 1.0, 2.0]
    cells = []
    for r in range(20):
        for c in range(20):
            v = float(array[r, c])
            if v == -1.0:
                continue
            x0, y1 = gt[0] + c * 50, gt[3] - r * 50
            cell = QgsGeometry.fromRect(QgsRectangle(x0, y1 - 50, x0 + 50, y1))
            cell = cell.densifyByCount(20)  # follow the projection's curvature
            cell.transform(to_2154)
            cells.append((cell, int(np.searchsorted(thresholds, v, side="right"))))
    for f in assets.getFeatures():
        geometry = f.geometry()
        length = sum(geometry.intersection(c).length() for c, lv in cells if lv >= 1)
        level = max((lv for c, lv in cells if geometry.intersection(c).length() > 0.01), default=0)
        our_level, our_length, our_class = ours[f["id"]]
        assert our_length == pytest.approx(length, abs=0.05), f["id"]
        assert our_level == level, f["id"]
        assert our_class == ("raster" if level else "")


def test_vector_and_raster_together(run_algorithm, tmp_path):
    gt = (X0, 10.0, 0.0, Y0 + 10, 0.0, -10.0)
    array = np.array([[0.0, 0.3, 1.2, -1.0]], dtype=np.float32)
    path = write_raster(tmp_path / "row.tif", array, gt, 2154)
    zones = layer("Polygon", [(box_wkt(X0 - 5, Y0, X0 + 15, Y0 + 10), [1])], "lvl:integer")
    assets = layer("LineString", [(f"LINESTRING({X0} {Y0 + 5}, {X0 + 40} {Y0 + 5})", [1])])
    result = run(
        run_algorithm,
        {
            "INPUT": assets,
            "HAZARD": zones,
            "HAZARD_FIELD": "lvl",
            "PRESET": 8,
            "HAZARD_RASTER": path,
            "RASTER_THRESHOLDS": "0.2;1",
        },
    )
    level, length, cls, value = by_id(
        result["OUTPUT"], "hz_level", "hz_length", "hz_class", "hz_value"
    )[1]
    assert (level, cls) == (2, "raster")
    assert length == pytest.approx(30.0) and value == pytest.approx(1.2)


# --------------------------------------------------------------------------- bad input


def simple_zones():
    return layer("Polygon", [(box_wkt(X0, Y0, X0 + 10, Y0 + 10), ["02Moy"])], "scenario:string")


def simple_assets():
    return layer("Point", [(f"POINT({X0 + 5} {Y0 + 5})", [1])])


def test_no_hazard(run_algorithm):
    with pytest.raises(QgsProcessingException, match="hazard"):
        run(run_algorithm, {"INPUT": simple_assets()})


def test_hazard_not_polygons(run_algorithm):
    lines = layer("LineString", [(f"LINESTRING({X0} {Y0}, {X0 + 1} {Y0 + 1})", [1])])
    with pytest.raises(QgsProcessingException, match="HAZARD|polygon|Polygon"):
        run(run_algorithm, {"INPUT": simple_assets(), "HAZARD": lines})


def test_missing_field(run_algorithm):
    with pytest.raises(QgsProcessingException, match="HAZARD_FIELD|nope"):
        run(
            run_algorithm,
            {"INPUT": simple_assets(), "HAZARD": simple_zones(), "HAZARD_FIELD": "nope"},
        )


def test_wrong_typed_field(run_algorithm):
    with pytest.raises(QgsProcessingException, match="must be numeric"):
        run(
            run_algorithm,
            {
                "INPUT": simple_assets(),
                "HAZARD": simple_zones(),
                "HAZARD_FIELD": "scenario",
                "PRESET": 6,
                "LEVELS": "0.5;1",
            },
        )


def test_bad_levels_and_thresholds(run_algorithm):
    with pytest.raises(QgsProcessingException, match="LEVELS"):
        run(
            run_algorithm,
            {
                "INPUT": simple_assets(),
                "HAZARD": simple_zones(),
                "HAZARD_FIELD": "scenario",
                "PRESET": 7,
                "LEVELS": "02Moy=high",
            },
        )


def test_bad_raster_thresholds(run_algorithm, tmp_path):
    path = write_raster(
        tmp_path / "r.tif", np.ones((2, 2), np.float32), (X0, 10, 0, Y0 + 20, 0, -10), 2154
    )
    with pytest.raises(QgsProcessingException, match="RASTER_THRESHOLDS"):
        run(
            run_algorithm,
            {"INPUT": simple_assets(), "HAZARD_RASTER": path, "RASTER_THRESHOLDS": "2;1"},
        )


def test_values_matching_no_level_are_listed(run_algorithm):
    zones = layer(
        "Polygon",
        [
            (box_wkt(X0, Y0, X0 + 10, Y0 + 10), ["02Moy"]),
            (box_wkt(X0 + 20, Y0, X0 + 30, Y0 + 10), ["99Xyz"]),
            (box_wkt(X0 + 40, Y0, X0 + 50, Y0 + 10), [None]),
        ],
        "scenario:string",
    )
    assets = layer("Point", [(f"POINT({X0 + 5 + 20 * i} {Y0 + 5})", [i]) for i in range(3)])
    feedback = Feedback()
    result = run(
        run_algorithm,
        {"INPUT": assets, "HAZARD": zones, "HAZARD_FIELD": "scenario", "PRESET": 1},
        feedback,
    )
    assert any("99Xyz" in w and "NULL" in w for w in feedback.warnings)
    assert [v[0] for _, v in sorted(by_id(result["OUTPUT"], "hz_level").items())] == [3, 0, 0]


def test_invalid_zone_repaired_and_reported(run_algorithm):
    bowtie = f"POLYGON(({X0} {Y0},{X0 + 10} {Y0 + 10},{X0 + 10} {Y0},{X0} {Y0 + 10},{X0} {Y0}))"
    zones = layer("Polygon", [(bowtie, ["02Moy"])], "scenario:string")
    assets = layer("LineString", [(f"LINESTRING({X0} {Y0 + 5}, {X0 + 10} {Y0 + 5})", [1])])
    feedback = Feedback()
    result = run(
        run_algorithm, {"INPUT": assets, "HAZARD": zones, "HAZARD_FIELD": "scenario"}, feedback
    )
    assert any("repaired" in w for w in feedback.warnings)
    assert by_id(result["OUTPUT"], "hz_length")[1][0] == pytest.approx(10.0)


def test_null_empty_and_multipart_assets(run_algorithm):
    assets = layer(
        "MultiLineString",
        [
            (None, [1]),
            ("MULTILINESTRING EMPTY", [2]),
            (
                f"MULTILINESTRING(({X0 + 1} {Y0 + 5}, {X0 + 4} {Y0 + 5}),"
                f"({X0 + 20} {Y0 + 5}, {X0 + 30} {Y0 + 5}))",
                [3],
            ),
        ],
    )
    feedback = Feedback()
    result = run(
        run_algorithm,
        {"INPUT": assets, "HAZARD": simple_zones(), "HAZARD_FIELD": "scenario"},
        feedback,
    )
    rows = by_id(result["OUTPUT"], "hz_level", "hz_length", "hz_share")
    assert rows[1] == (0, None, None) and rows[2] == (0, None, None)
    assert rows[3][0] == 3 and rows[3][1] == pytest.approx(3.0)
    assert rows[3][2] == pytest.approx(3 / 13)
    assert any("no geometry" in w for w in feedback.warnings)
    assert result["OUTPUT"].featureCount() == 3


def test_empty_layer(run_algorithm):
    feedback = Feedback()
    result = run(run_algorithm, {"INPUT": layer("Point", []), "HAZARD": simple_zones()}, feedback)
    assert result["OUTPUT"].featureCount() == 0
    assert result["EXPOSED_COUNT"] == 0 and result["FAILED_COUNT"] == 0
    assert any("no feature" in w for w in feedback.warnings)


def test_geographic_input_is_measured_in_metres(run_algorithm):
    # A 4326 line in France: lengths in Lambert-93, compared with QGIS's own transform.
    to_4326 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )
    line = QgsGeometry.fromWkt(f"LINESTRING({X0 - 50} {Y0 + 5}, {X0 + 50} {Y0 + 5})")
    line.transform(to_4326)
    assets = layer("LineString", [(line.asWkt(17), [1])], crs="EPSG:4326")
    feedback = Feedback()
    result = run(
        run_algorithm,
        {"INPUT": assets, "HAZARD": simple_zones(), "HAZARD_FIELD": "scenario"},
        feedback,
    )
    assert any("EPSG:2154" in info for info in feedback.infos)
    assert by_id(result["OUTPUT"], "hz_length")[1][0] == pytest.approx(10.0, abs=1e-3)
    assert result["OUTPUT"].crs().authid() == "EPSG:4326"


def test_cancel_leaves_no_output(run_algorithm, tmp_path):
    class Cancelling(QgsProcessingFeedback):
        def setProgress(self, progress):
            super().setProgress(progress)
            if progress > 25:
                self.cancel()

    assets, zones = random_case(9, n_lines=50, n_zones=10)
    target = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run(
            run_algorithm,
            {
                "INPUT": assets,
                "HAZARD": zones,
                "HAZARD_FIELD": "lvl",
                "PRESET": 8,
                "OUTPUT": str(target),
            },
            Cancelling(),
        )
    assert not target.exists()
