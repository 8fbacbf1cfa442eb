"""accessroutes through processing.run: dry staging points (ac_dry_min, ac_dry_m, STAGING)
and depots inside the hazard, on hand cases and on the sample territory."""

import numpy as np
import pytest
from qgis.core import NULL, QgsGeometry, QgsProcessingContext, QgsVectorLayer
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

from fibre_resilience.adapters.sinks import output_layer

X0, Y0 = 700000.0, 6600000.0
OLD_FIELDS = ["ac_depot", "ac_t0_min", "ac_t1_min", "ac_delay", "ac_reach", "ac_km", "ac_snap_m"]


def _layer(kind, rows, fields="id:integer"):
    return memory_layer(kind, rows, fields, "EPSG:2154")


def _line(*pts):
    return "LineString(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


def _point(x, y):
    return f"Point({X0 + x} {Y0 + y})"


def _box(x0, y0, x1, y1):
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return "Polygon((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in ring) + "))"


def _as_layer(output, context):
    return output if isinstance(output, QgsVectorLayer) else output_layer(output, context)


def _number(value):
    return np.nan if value == NULL or value is None else float(value)


def test_a_target_in_the_water_gets_its_staging_point(run_algorithm):
    """60 km/h: 1000 m per minute. The water covers x 1200-1800 of a straight road."""
    context = QgsProcessingContext()
    roads = _layer(
        "LineString", [(_line((0, 0), (1000, 0)), [1]), (_line((1000, 0), (2000, 0)), [2])]
    )
    targets = _layer(
        "Point", [(_point(500, 0), [1]), (_point(1500, 0), [2]), (_point(1900, 0), [3])]
    )
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "DEFAULT_SPEED": 60,
            "DEPOTS": _layer("Point", [(_point(0, 0), ["west"])], "name:string"),
            "DEPOT_FIELD": "name",
            "TARGETS": targets,
            "BLOCKED": _layer("Polygon", [(_box(1200, -50, 1800, 50), [1])]),
            "OUTPUT": "memory:",
            "STAGING": "memory:",
        },
        context=context,
    )
    out = _as_layer(result["OUTPUT"], context)
    names = out.fields().names()
    # The existing fields keep their order; the new ones come last.
    assert names[-9:] == OLD_FIELDS + ["ac_dry_min", "ac_dry_m"]
    rows = {f["id"]: f for f in out.getFeatures()}
    assert rows[1]["ac_dry_min"] == NULL and rows[1]["ac_dry_m"] == NULL
    assert rows[2]["ac_dry_min"] == pytest.approx(1.2) and rows[2]["ac_dry_m"] == pytest.approx(300)
    assert rows[3]["ac_dry_min"] == pytest.approx(1.2) and rows[3]["ac_dry_m"] == pytest.approx(700)
    staging = _as_layer(result["STAGING"], context)
    points = {f["id"]: f for f in staging.getFeatures()}
    assert sorted(points) == [2, 3]
    for f in points.values():
        assert f["ac_depot"] == "west"
        xy = f.geometry().asPoint()
        assert (xy.x() - X0, xy.y() - Y0) == pytest.approx((1200.0, 0.0))
        assert f["ac_dry_min"] == pytest.approx(1.2)


def test_a_depot_inside_the_hazard_is_named_and_not_used(run_algorithm):
    context = QgsProcessingContext()
    feedback = Feedback()
    depots = _layer(
        "Point", [(_point(100, 300), ["in the water"]), (_point(2000, 0), ["dry"])], "name:string"
    )
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": _layer("LineString", [(_line((0, 0), (2000, 0)), [1])]),
            "DEFAULT_SPEED": 60,
            "DEPOTS": depots,
            "DEPOT_FIELD": "name",
            "TARGETS": _layer("Point", [(_point(500, 0), [1])]),
            "BLOCKED": _layer("Polygon", [(_box(0, 200, 200, 400), [1])]),
            "OUTPUT": "memory:",
        },
        feedback=feedback,
        context=context,
    )
    row = next(_as_layer(result["OUTPUT"], context).getFeatures())
    assert row["ac_t0_min"] == pytest.approx(0.4)  # normal conditions: the nearer depot
    assert row["ac_depot"] == "dry" and row["ac_t1_min"] == pytest.approx(1.5)
    assert any("in the water" in w and "hazard" in w for w in feedback.warnings), feedback.warnings


def test_the_ehpad_in_04fai_stages_on_the_north_bank(run_algorithm, sample_dir):
    """Hand case on the sample: the EHPAD SS0006 stands inside 04Fai, cut off. Roads taken
    both ways, its staging point lies where the dry roads come nearest to it: on the flood's
    edge, as far from it as the dry road parts are (QGIS's own difference and distance), and
    a target put there is reached by the same road in ac_dry_min minutes. With one-way
    travel the nearest dry stub (osm_id 100004144, oneway=yes out of the water) cannot be
    entered: the point moves to the next road, farther."""
    context = QgsProcessingContext()
    territory = sample_dir / "territory.gpkg"
    flood = QgsVectorLayer(
        f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'", "flood", "ogr"
    )
    roads = QgsVectorLayer(f"{territory}|layername=roads", "roads", "ogr")
    parameters = {
        "ROADS": roads,
        "SPEED_PRESET": 1,
        "DEPOTS": f"{territory}|layername=depots",
        "DEPOT_FIELD": "depot_id",
        "BLOCKED": flood,
        "KEEP_BRIDGES": True,
        "OUTPUT": "memory:",
    }
    result = run_algorithm(
        "accessroutes",
        dict(parameters, TARGETS=f"{territory}|layername=sensitive_sites", STAGING="memory:"),
        context=context,
    )
    rows = {f["site_id"]: f for f in _as_layer(result["OUTPUT"], context).getFeatures()}
    for code, row in rows.items():
        staged = code == "SS0006"
        assert np.isfinite(_number(row["ac_dry_min"])) == staged, code
    ehpad = rows["SS0006"]
    staging = list(_as_layer(result["STAGING"], context).getFeatures())
    assert [f["site_id"] for f in staging] == ["SS0006"]
    point = staging[0].geometry()
    water = QgsGeometry.unaryUnion([f.geometry() for f in flood.getFeatures()])
    # On the edge of the water (the nearest dry road is an approach, not a bridge).
    assert point.distance(QgsGeometry(water.constGet().boundary())) < 1e-3
    # The sample's only roads a car cannot take are footways (its README).
    drivable = [f.geometry() for f in roads.getFeatures() if f["highway"] != "footway"]
    dry = QgsGeometry.unaryUnion(drivable).difference(water)
    site = ehpad.geometry()
    assert ehpad["ac_dry_m"] == pytest.approx(dry.distance(site), abs=0.05)
    assert point.distance(site) == pytest.approx(ehpad["ac_dry_m"], abs=0.05)
    assert 100 < ehpad["ac_dry_m"] < 1000
    # The staging point is reached under the hazard in ac_dry_min, from the same depot.
    there = memory_layer("Point", [(point.asWkt(), [1])], "id:integer", "EPSG:2154")
    check = run_algorithm("accessroutes", dict(parameters, TARGETS=there), context=context)
    row = next(_as_layer(check["OUTPUT"], context).getFeatures())
    assert row["ac_reach"] == 1
    assert row["ac_t1_min"] == pytest.approx(ehpad["ac_dry_min"], rel=1e-6)
    assert row["ac_depot"] == staging[0]["ac_depot"]
    one_way = run_algorithm(
        "accessroutes",
        dict(
            parameters, TARGETS=f"{territory}|layername=sensitive_sites", DIRECTION_FIELD="oneway"
        ),
        context=context,
    )
    rows = {f["site_id"]: f for f in _as_layer(one_way["OUTPUT"], context).getFeatures()}
    stub = next(f for f in roads.getFeatures() if f["osm_id"] == 100004144)
    assert stub["oneway"] == "yes"
    assert stub.geometry().difference(water).distance(site) == pytest.approx(ehpad["ac_dry_m"])
    assert rows["SS0006"]["ac_dry_m"] > ehpad["ac_dry_m"] + 10
