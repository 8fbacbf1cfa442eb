"""fibreresilience:accessroutes through processing.run: hand cases, the QGIS native shortest
path as oracle, real OSM roads with real flood-depth rasters, and bad input."""

from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsRasterLayer,
    QgsReferencedPointXY,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer, model_output_key

from fibre_resilience.adapters.sinks import output_layer

DATA = Path(__file__).resolve().parents[1] / "data" / "real"  # tests/data/real
CRS = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0


def layer(kind, rows, fields="id:integer", crs=CRS):
    return memory_layer(kind, rows, fields, crs)


def line(*pts):
    return "LineString(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


def point(x, y):
    return f"Point({X0 + x} {Y0 + y})"


def as_layer(output, context):
    """processing.run gives memory outputs as layers, files as ids."""
    return output if isinstance(output, QgsVectorLayer) else output_layer(output, context)


def values(output, context, name):
    return [f[name] for f in as_layer(output, context).getFeatures()]


def box_wkt(x0, y0, x1, y1):
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return "Polygon((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in ring) + "))"


def _half_flooded_roads():
    rows = [
        (line((0, 0), (1000, 0)), [1, 60]),
        (line((1000, 0), (1600, 0)), [2, 60]),
        (line((1600, 0), (2000, 0)), [3, None]),  # NULL speed: the default 60
        (line((1000, 0), (1000, 500), (1600, 500), (1600, 0)), [4, 60]),
        (line((0, 0), (0, -300)), [5, 0]),  # zero speed: excluded
    ]
    return layer("LineString", rows, "id:integer&field=kmh:double")


def test_half_flooded_road_with_every_output(run_algorithm):
    context = QgsProcessingContext()
    feedback = Feedback()
    targets = layer(
        "Point",
        [
            (point(1100, 3), [1]),
            (point(1250, 0), [2]),
            (point(1500, 0), [3]),
            (point(0, -200), [4]),
        ],
    )
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": _half_flooded_roads(),
            "SPEED_FIELD": "kmh",
            "DEFAULT_SPEED": 60,
            "DEPOTS": layer("Point", [(point(0, 0), ["north"])], "name:string"),
            "DEPOT_FIELD": "name",
            "TARGETS": targets,
            "BLOCKED": layer("Polygon", [(box_wkt(1200, -10, 1300, 10), [1])]),
            "MAX_SNAP": 50,
            "SERVICE_MINUTES": "1;2",
            "OUTPUT": "memory:",
            "ROUTES": "memory:",
            "BLOCKED_ROADS": "memory:",
            "SERVICE_AREAS": "memory:",
        },
        feedback=feedback,
        context=context,
    )
    out = result["OUTPUT"]
    assert values(out, context, "id") == [1, 2, 3, 4]
    np.testing.assert_allclose(values(out, context, "ac_t0_min")[:3], [1.1, 1.25, 1.5])
    t1 = values(out, context, "ac_t1_min")
    assert t1[0] == pytest.approx(1.1) and t1[2] == pytest.approx(2.7)
    assert t1[1] == NULL
    assert values(out, context, "ac_reach") == [1, 0, 1, 0]
    assert values(out, context, "ac_depot")[0] == "north"
    assert values(out, context, "ac_snap_m")[3] == pytest.approx(200.0)  # beyond MAX_SNAP
    assert result["UNREACHABLE_COUNT"] == 2
    assert result["WORST_DELAY"] == pytest.approx(1.2)
    assert any("zero speed" in w for w in feedback.warnings)
    routes = as_layer(result["ROUTES"], context)
    lengths = sorted(f.geometry().length() for f in routes.getFeatures())
    assert lengths == pytest.approx([1100.0, 2700.0])
    blocked = as_layer(result["BLOCKED_ROADS"], context)
    assert [f["ac_len_m"] for f in blocked.getFeatures()] == pytest.approx([100.0])
    areas = as_layer(result["SERVICE_AREAS"], context)
    assert areas.featureCount() == 4
    km = {(f["ac_cond"], f["ac_minutes"]): f["ac_km"] for f in areas.getFeatures()}
    # Normal, 2 min from (0, 0): road 1, road 2 (to 1.6 min), road 3 (400 m), and the
    # detour from both ends (1000 + 400 m). Hazard, 2 min: road 1, road 2 up to the flood
    # (200 m) and 1000 m of the detour.
    assert km[("normal", 1.0)] == pytest.approx(1.0)
    assert km[("normal", 2.0)] == pytest.approx(3.4)
    assert km[("hazard", 2.0)] == pytest.approx(2.2)


# Transverse Mercator with scale 1 on its central meridian: there the planar lengths we use
# and the ellipsoidal lengths of the native graph builder agree to about 1e-7.
TMERC = "+proj=tmerc +lat_0=0 +lon_0=3 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"
TY = 5_000_000.0


def tm_layer(kind, rows, fields="id:integer"):
    out = layer(kind, rows, fields)
    out.setCrs(QgsCoordinateReferenceSystem.fromProj(TMERC))
    return out


def _grid_roads(rng, n=6, spacing=300.0):
    rows, nodes = [], {}
    for i in range(n):
        for j in range(n):
            nodes[(i, j)] = (
                i * spacing - 750 + rng.uniform(-40, 40),
                j * spacing + rng.uniform(-40, 40),
            )
    k = 0
    for (i, j), a in nodes.items():
        for di, dj in ((1, 0), (0, 1)):
            if (i + di, j + dj) in nodes:
                b = nodes[(i + di, j + dj)]
                k += 1
                wkt = f"LineString({a[0]} {TY + a[1]}, {b[0]} {TY + b[1]})"
                rows.append((wkt, [k, float(rng.uniform(20, 90))]))
    return tm_layer("LineString", rows, "id:integer&field=kmh:double"), nodes


def test_against_native_shortest_path_point_to_point(run_algorithm, qgis_processing):
    from qgis import processing

    rng = np.random.default_rng(3)
    roads, nodes = _grid_roads(rng)
    crs = roads.crs()
    project = QgsProject.instance()
    project.setCrs(crs)
    context = QgsProcessingContext()
    context.setProject(project)
    keys = list(nodes)
    pairs = [(keys[0], keys[-1]), (keys[3], keys[20]), (keys[7], keys[30]), (keys[12], keys[5])]
    for start, end in pairs:
        sx, sy = nodes[start]
        ex, ey = nodes[end]
        native = processing.run(
            "native:shortestpathpointtopoint",
            {
                "INPUT": roads,
                "STRATEGY": 1,  # fastest
                "SPEED_FIELD": "kmh",
                "DEFAULT_SPEED": 50,
                "TOLERANCE": 0,
                "START_POINT": QgsReferencedPointXY(QgsPointXY(sx, TY + sy), crs),
                "END_POINT": QgsReferencedPointXY(QgsPointXY(ex, TY + ey), crs),
                "OUTPUT": "memory:",
            },
            context=context,
        )
        hours = next(as_layer(native["OUTPUT"], context).getFeatures())["cost"]
        ours = run_algorithm(
            "accessroutes",
            {
                "ROADS": roads,
                "SPEED_FIELD": "kmh",
                "DEPOTS": tm_layer("Point", [(f"Point({sx} {TY + sy})", [1])]),
                "TARGETS": tm_layer("Point", [(f"Point({ex} {TY + ey})", [1])]),
                "OUTPUT": "memory:",
            },
            context=context,
        )
        t0 = values(ours["OUTPUT"], context, "ac_t0_min")[0]
        assert t0 == pytest.approx(hours * 60.0, rel=1e-6)


def _osm_layer(path):
    roads = QgsVectorLayer(str(path), "roads", "ogr")
    assert roads.isValid(), path
    return roads


def _midpoints(roads, every, offset=0):
    rows = []
    for k, f in enumerate(roads.getFeatures()):
        if k % every == offset:
            g = f.geometry().interpolate(f.geometry().length() / 2)
            rows.append((g.asWkt(), [k]))
    return layer("Point", rows, crs=roads.crs().authid())


def test_hague_delft_efas_bridges_and_depth(run_algorithm):
    roads = _osm_layer(DATA / "nl_den_haag_delft_roads_osm.gpkg")
    raster = QgsRasterLayer(str(DATA / "nl_den_haag_delft_flood_depth_efas_rp500.tif"), "efas")
    assert raster.isValid()
    depots, targets = _midpoints(roads, 450, 3), _midpoints(roads, 4)
    context = QgsProcessingContext()
    common = {
        "ROADS": roads,
        "SPEED_PRESET": 1,
        "DEPOTS": depots,
        "TARGETS": targets,
        "BLOCKED_RASTER": raster,
        "MAX_DEPTH": 1.0,
        "OUTPUT": "memory:",
    }
    kept = run_algorithm("accessroutes", {**common, "KEEP_BRIDGES": True}, context=context)
    shut = run_algorithm("accessroutes", {**common, "KEEP_BRIDGES": False}, context=context)
    assert 0 < kept["UNREACHABLE_COUNT"] < targets.featureCount()
    assert shut["UNREACHABLE_COUNT"] >= kept["UNREACHABLE_COUNT"]
    assert kept["WORST_DELAY"] > 0
    t0 = np.array(values(kept["OUTPUT"], context, "ac_t0_min"), dtype=float)
    assert np.isfinite(t0).mean() > 0.8


def test_miami_unreachable_grows_with_the_return_period(run_algorithm):
    zip_path = DATA / "miami_beach_roads_flood_depth_rp1_rp20_rp100.zip"
    roads = _osm_layer(f"/vsizip/{zip_path}/base_graph_edges.gpkg")
    depots, targets = _midpoints(roads, 400, 11), _midpoints(roads, 3)
    counts = []
    for rp in (1, 20, 100):
        raster = QgsRasterLayer(f"/vsizip/{zip_path}/RP_{rp}.tif", f"rp{rp}")
        assert raster.isValid()
        result = run_algorithm(
            "accessroutes",
            {
                "ROADS": roads,
                "SPEED_PRESET": 1,
                "DEPOTS": depots,
                "TARGETS": targets,
                "BLOCKED_RASTER": raster,
                "MAX_DEPTH": 0.3,
                "OUTPUT": "memory:",
            },
        )
        counts.append(result["UNREACHABLE_COUNT"])
    assert counts[0] <= counts[1] <= counts[2] and counts[2] > counts[0]


def test_bad_input(run_algorithm):
    roads = _half_flooded_roads()
    base = {
        "ROADS": roads,
        "DEPOTS": layer("Point", [(point(0, 0), [1])]),
        "TARGETS": layer("Point", [(point(500, 0), [1])]),
        "OUTPUT": "memory:",
    }
    with pytest.raises(QgsProcessingException, match="depot"):
        run_algorithm("accessroutes", {**base, "DEPOTS": layer("Point", [(point(0, 9000), [1])])})
    with pytest.raises(QgsProcessingException):
        run_algorithm(
            "accessroutes", {**base, "DEPOTS": layer("LineString", [(line((0, 0), (1, 1)), [1])])}
        )
    with pytest.raises(QgsProcessingException, match="SERVICE_MINUTES"):
        run_algorithm("accessroutes", {**base, "SERVICE_MINUTES": "soon"})
    with pytest.raises(QgsProcessingException, match="empty"):
        run_algorithm("accessroutes", {**base, "DEPOTS": layer("Point", [])})
    feedback = Feedback()
    context = QgsProcessingContext()
    empty = run_algorithm(
        "accessroutes", {**base, "TARGETS": layer("Point", [])}, feedback=feedback, context=context
    )
    assert empty["UNREACHABLE_COUNT"] == 0
    assert any("no feature" in w for w in feedback.warnings)


def test_model_chains_access_with_extract_by_attribute(provider, qgis_processing):
    """A model: accessroutes, then native:extractbyattribute keeps the unreachable targets."""
    from qgis import processing
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    model = QgsProcessingModelAlgorithm("unreachable_targets", "tests")
    kinds = {
        "roads": QgsProcessing.SourceType.TypeVectorLine,
        "depots": QgsProcessing.SourceType.TypeVectorPoint,
        "targets": QgsProcessing.SourceType.TypeVectorAnyGeometry,
        "flood": QgsProcessing.SourceType.TypeVectorPolygon,
    }
    for name, kind in kinds.items():
        model.addModelParameter(
            QgsProcessingParameterFeatureSource(name, name, [kind]),
            QgsProcessingModelParameter(name),
        )

    def static(value):
        return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]

    def param(name):
        return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]

    access = QgsProcessingModelChildAlgorithm("fibreresilience:accessroutes")
    access.setChildId("access")
    for key, name in (
        ("ROADS", "roads"),
        ("DEPOTS", "depots"),
        ("TARGETS", "targets"),
        ("BLOCKED", "flood"),
    ):
        access.addParameterSources(key, param(name))
    access.addParameterSources("SPEED_FIELD", static("kmh"))
    access.addParameterSources("DEFAULT_SPEED", static(60))
    access.addParameterSources("MAX_SNAP", static(50))
    # The modeler writes every defaulted parameter into the child; so does this test.
    for key, value in (
        ("SPEED_PRESET", 0),
        ("MAX_DEPTH", 0.3),
        ("DEPTH_SPEED_FACTOR", 1.0),
        ("KEEP_BRIDGES", True),
    ):
        access.addParameterSources(key, static(value))
    model.addChildAlgorithm(access)
    extract = QgsProcessingModelChildAlgorithm("native:extractbyattribute")
    extract.setChildId("extract")
    extract.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("access", "OUTPUT")]
    )
    extract.addParameterSources("FIELD", static("ac_reach"))
    extract.addParameterSources("OPERATOR", static(0))  # =
    extract.addParameterSources("VALUE", static("0"))
    output = QgsProcessingModelOutput("unreachable", "Unreachable targets")
    output.setChildId("extract")
    output.setChildOutputName("OUTPUT")
    extract.setModelOutputs({"unreachable": output})
    model.addChildAlgorithm(extract)
    ok, errors = model.validate()
    assert ok, errors

    unreachable = model_output_key(model, "extract", "unreachable")
    context = QgsProcessingContext()
    targets = layer(
        "Point",
        [
            (point(1100, 3), [1]),
            (point(1250, 0), [2]),
            (point(1500, 0), [3]),
            (point(0, -200), [4]),
        ],
    )
    result = processing.run(
        model,
        {
            "roads": _half_flooded_roads(),
            "depots": layer("Point", [(point(0, 0), [1])]),
            "targets": targets,
            "flood": layer("Polygon", [(box_wkt(1200, -10, 1300, 10), [1])]),
            unreachable: QgsProcessing.TEMPORARY_OUTPUT,
        },
        context=context,
    )
    out = as_layer(result[unreachable], context)
    # Target 2 is inside the flood, target 4 beyond MAX_SNAP (see the hand case above).
    assert sorted(f["id"] for f in out.getFeatures()) == [2, 4]
    assert "ac_t0_min" in out.fields().names()


def test_target_in_a_disconnected_part_is_unreachable_with_a_warning(run_algorithm):
    roads = layer(
        "LineString",
        [
            (line((0, 0), (1000, 0)), [1]),
            (line((5000, 0), (6000, 0)), [2]),  # an island no depot connects to
        ],
    )
    feedback = Feedback()
    context = QgsProcessingContext()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "DEFAULT_SPEED": 60,
            "DEPOTS": layer("Point", [(point(0, 0), [1])]),
            "TARGETS": layer("Point", [(point(500, 0), [1]), (point(5500, 5), [2])]),
            "OUTPUT": "memory:",
        },
        feedback=feedback,
        context=context,
    )
    out = result["OUTPUT"]
    assert values(out, context, "ac_reach") == [1, 0]
    assert values(out, context, "ac_t0_min")[0] == pytest.approx(0.5)
    assert values(out, context, "ac_t0_min")[1] == NULL
    assert values(out, context, "ac_snap_m")[1] == pytest.approx(5.0)
    assert result["UNREACHABLE_COUNT"] == 1
    assert any("even in normal conditions" in w for w in feedback.warnings), feedback.warnings


def test_depots_off_the_network_are_named(run_algorithm):
    roads = _half_flooded_roads()
    depots = layer(
        "Point", [(point(0, 9000), ["far away"]), (point(0, 2), ["on road"])], "name:string"
    )
    feedback = Feedback()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "DEPOTS": depots,
            "DEPOT_FIELD": "name",
            "TARGETS": layer("Point", [(point(500, 0), [1])]),
            "MAX_SNAP": 100,
            "OUTPUT": "memory:",
        },
        feedback=feedback,
    )
    assert result["UNREACHABLE_COUNT"] == 0
    assert any("far away" in w and "MAX_SNAP" in w for w in feedback.warnings), feedback.warnings
    alone = layer("Point", [(point(0, 9000), ["far away"])], "name:string")
    with pytest.raises(QgsProcessingException, match="far away"):
        run_algorithm(
            "accessroutes",
            {
                "ROADS": roads,
                "DEPOTS": alone,
                "DEPOT_FIELD": "name",
                "TARGETS": layer("Point", [(point(500, 0), [1])]),
                "MAX_SNAP": 100,
                "OUTPUT": "memory:",
            },
        )


def test_geographic_inputs_give_right_minutes(run_algorithm):
    """Roads, depots and targets in EPSG:4326: minutes from the geodesic length (oracle:
    QgsDistanceArea on GRS80) within the working projection's scale error (< 0.2 %)."""
    from qgis.core import QgsDistanceArea

    wgs = "EPSG:4326"
    road = "LineString(3.0 46.0, 3.0 46.02, 3.03 46.02)"
    roads = layer("LineString", [(road, [1, 30.0])], "id:integer&field=kmh:double", crs=wgs)
    # Targets in Lambert-93 while roads and depots are in degrees: reprojected too.
    end = QgsGeometry.fromWkt("Point(3.03 46.02)")
    from qgis.core import QgsCoordinateTransform

    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(wgs),
        QgsCoordinateReferenceSystem(CRS),
        QgsProject.instance(),
    )
    end.transform(to_l93)
    context = QgsProcessingContext()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "SPEED_FIELD": "kmh",
            "DEPOTS": layer("Point", [("Point(3.0 46.0)", [1])], crs=wgs),
            "TARGETS": layer("Point", [(end.asWkt(), [1])]),
            "OUTPUT": "memory:",
        },
        context=context,
    )
    area = QgsDistanceArea()
    area.setSourceCrs(QgsCoordinateReferenceSystem(wgs), QgsProject.instance().transformContext())
    area.setEllipsoid("GRS80")
    metres = area.measureLength(QgsGeometry.fromWkt(road))
    assert 3400 < metres < 4600
    t0 = values(result["OUTPUT"], context, "ac_t0_min")[0]
    assert t0 == pytest.approx(metres / (30.0 / 3.6 * 60.0), rel=2e-3)
    km = values(result["OUTPUT"], context, "ac_km")[0]
    assert km == pytest.approx(metres / 1000.0, rel=2e-3)


def test_a_road_cut_in_two_pieces_writes_to_a_geopackage(run_algorithm, tmp_path):
    """Two blocked pieces of one GeoPackage road: both written, the file numbering them (its
    copied "fid" would collide), every other field of the road kept on each piece."""
    roads_path = tmp_path / "roads.gpkg"
    QgsVectorFileWriter.writeAsVectorFormatV2(
        _half_flooded_roads(),
        str(roads_path),
        QgsCoordinateTransformContext(),
        QgsVectorFileWriter.SaveVectorOptions(),
    )
    flood = layer("Polygon", [(box_wkt(100, -10, 200, 10), [1]), (box_wkt(600, -10, 700, 10), [2])])
    context = QgsProcessingContext()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": str(roads_path),
            "SPEED_FIELD": "kmh",
            "DEPOTS": layer("Point", [(point(0, 0), ["north"])], "name:string"),
            "TARGETS": layer("Point", [(point(1500, 0), [1])]),
            "BLOCKED": flood,
            "OUTPUT": "memory:",
            "BLOCKED_ROADS": str(tmp_path / "blocked.gpkg"),
        },
        context=context,
    )
    pieces = QgsVectorLayer(result["BLOCKED_ROADS"], "blocked", "ogr")
    rows = sorted((f["id"], f["ac_len_m"]) for f in pieces.getFeatures())
    assert rows == [(1, pytest.approx(100.0)), (1, pytest.approx(100.0))]
    assert len({f.id() for f in pieces.getFeatures()}) == 2
