"""accessroutes' blocked road pieces against QGIS's native:clip (issue 17's bulk cut).

Roads cut at the flood boundaries in bulk (once per zone, each road against the boundary
segments it meets) must give, per road, the pieces that native:clip keeps inside the zones:
dense rings, a hole, a zone in two parts, overlapping zones, roads crossing at a ring vertex,
ending on a boundary or lying inside.
"""

import numpy as np
import pytest
import shapely
from qgis.core import QgsGeometry, QgsProcessingContext, QgsVectorLayer
from qgis_helpers import memory_layer

from fibre_resilience.adapters.sinks import output_layer

CRS = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0


def _zones(rng):
    centres = np.array([X0, Y0]) + rng.uniform(150, 850, size=(4, 2))
    discs = shapely.buffer(shapely.points(centres), rng.uniform(80, 180, 4), quad_segs=64)
    holed = shapely.difference(discs[0], shapely.buffer(shapely.points(centres[0]), 40))
    far = shapely.buffer(shapely.Point(X0 + 60, Y0 + 940), 50, quad_segs=64)
    two_parts = shapely.multipolygons([discs[1], far])
    square = shapely.box(X0 + 400, Y0 + 400, X0 + 500, Y0 + 500)
    return [holed, two_parts, discs[2], discs[3], square]


def _roads(rng, zones):
    lines = []
    for i in range(11):
        for j in range(11):
            a = np.array([X0 + i * 100.0, Y0 + j * 100.0]) + rng.uniform(-20, 20, 2)
            for d in ((100.0, 0.0), (0.0, 100.0)):
                b = np.array([X0 + i * 100 + d[0], Y0 + j * 100 + d[1]]) + rng.uniform(-20, 20, 2)
                lines.append(shapely.LineString([a, (a + b) / 2 + rng.uniform(-15, 15, 2), b]))
    ring = np.asarray(shapely.get_exterior_ring(zones[2]).coords)
    centre = ring.mean(axis=0)
    lines += [
        shapely.LineString([centre, ring[10], ring[10] + (ring[10] - centre)]),  # a vertex
        shapely.LineString([(X0 + 450, Y0 + 300), (X0 + 450, Y0 + 400)]),  # ends on an edge
        shapely.LineString([(X0 + 420, Y0 + 420), (X0 + 480, Y0 + 480)]),  # inside
    ]
    return lines


def _layer(kind, geometries):
    rows = [(shapely.to_wkt(g, rounding_precision=-1), [k]) for k, g in enumerate(geometries)]
    return memory_layer(kind, rows, "id:integer", CRS)


def _by_road(layer):
    pieces = {}
    for feature in layer.getFeatures():
        pieces.setdefault(feature["id"], []).append(QgsGeometry(feature.geometry()))
    return {road: QgsGeometry.collectGeometry(parts) for road, parts in pieces.items()}


@pytest.mark.parametrize("seed", range(3))
def test_blocked_pieces_are_natives_clip(run_algorithm, qgis_processing, seed):
    rng = np.random.default_rng(seed)
    zones = _zones(rng)
    roads = _layer("LineString", _roads(rng, zones))
    flood = _layer("MultiPolygon", zones)
    context = QgsProcessingContext()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "DEFAULT_SPEED": 50,
            "DEPOTS": _layer("Point", [shapely.Point(X0, Y0)]),
            "TARGETS": _layer("Point", [shapely.Point(X0 + 1000, Y0 + 1000)]),
            "BLOCKED": flood,
            "MAX_SNAP": 100,
            "OUTPUT": "memory:",
            "BLOCKED_ROADS": "memory:",
        },
        context=context,
    )
    ours = result["BLOCKED_ROADS"]
    ours = ours if isinstance(ours, QgsVectorLayer) else output_layer(ours, context)
    clipped = run_algorithm("native:clip", {"INPUT": roads, "OVERLAY": flood, "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    ours_by_road, native_by_road = _by_road(ours), _by_road(clipped)
    native_by_road = {r: g for r, g in native_by_road.items() if g.length() > 0}
    assert len(native_by_road) > 40
    assert set(ours_by_road) == set(native_by_road)
    for road, geometry in native_by_road.items():
        assert ours_by_road[road].length() == pytest.approx(geometry.length(), abs=1e-6)
        assert ours_by_road[road].hausdorffDistance(geometry) < 1e-6
    lengths = [f["ac_len_m"] for f in ours.getFeatures()]
    assert sum(lengths) == pytest.approx(sum(g.length() for g in native_by_road.values()))
