"""accessroutes decides on the depth raster's own cells: an independent networkx oracle on the
Miami Beach roads and its RP1, RP20 and RP100 depth rasters (tests/data/real/README.md).

The oracle knows nothing of our code: it reads the roads and the raster with OGR/GDAL in the
raster's CRS (EPSG:4326), splits every road into its straight segments (and at the chosen
depot and target points), intersects each segment with every raster cell polygon around it
(shapely, slow and plain), and closes a segment when one of the cells it runs through holds
a valid depth above MAX_DEPTH, unless its road is a bridge (bridge = 'yes') and bridges are
kept. A target is unreachable when no depot connects to it over open segments (every road
two-way).
"""

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr
from qgis.core import QgsRasterLayer, QgsVectorLayer
from qgis_helpers import memory_layer

ZIP = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "real"
    / "miami_beach_roads_flood_depth_rp1_rp20_rp100.zip"
)
EDGES = f"/vsizip/{ZIP}/base_graph_edges.gpkg"
MAX_DEPTH = 0.3
DEPOT_EDGES = (11, 411, 811)
TARGET_EVERY = 3


def _edges():
    """Road geometries (EPSG:4326) by feature id, and the ids of the bridges, read with OGR."""
    dataset = ogr.Open(EDGES)
    layer = dataset.GetLayer(0)
    edges, bridges = {}, set()
    for f in layer:
        edges[f.GetFID()] = shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))
        if f.GetField("bridge") == "yes":
            bridges.add(f.GetFID())
    return edges, bridges


def _stops(edges):
    """Depots and targets: the half-length point of chosen roads (deterministic)."""
    fids = sorted(edges)
    depots = {fids[k]: edges[fids[k]].interpolate(0.5, normalized=True) for k in DEPOT_EDGES}
    targets = {
        fid: edges[fid].interpolate(0.5, normalized=True)
        for k, fid in enumerate(fids)
        if k % TARGET_EVERY == 0
    }
    return depots, targets


def _segments(edges, stops):
    """(node a, node b, xy a, xy b, road fid) of every straight segment, split at the stops.

    Nodes are exact vertex coordinates (roads join at shared vertices), or ("stop", fid)
    for the stop point of road fid.
    """
    out = []
    for fid, line in edges.items():
        xy = shapely.get_coordinates(line)
        nodes = [tuple(p) for p in xy]
        if fid in stops:
            point = stops[fid]
            along = line.project(point)
            steps = np.r_[0, np.cumsum(np.hypot(*np.diff(xy, axis=0).T))]
            i = int(np.clip(np.searchsorted(steps, along, side="right") - 1, 0, len(xy) - 2))
            xy = np.insert(xy, i + 1, [point.x, point.y], axis=0)
            nodes.insert(i + 1, ("stop", fid))
        for k in range(len(xy) - 1):
            if nodes[k] != nodes[k + 1]:
                out.append((nodes[k], nodes[k + 1], xy[k], xy[k + 1], fid))
    return out


def _deep_segments(segments, path):
    """Indices of the segments running through a cell deeper than MAX_DEPTH (not nodata)."""
    dataset = gdal.Open(path)
    band = dataset.GetRasterBand(1)
    depth = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    x0, dx, rx, y0, ry, dy = dataset.GetGeoTransform()
    assert rx == 0 and ry == 0  # north-up: cells are boxes
    # Compared at the raster's precision: a float32 cell holding 0.3 is not above 0.3.
    deep = depth > np.array(MAX_DEPTH, dtype=depth.dtype)
    if nodata is not None:
        deep &= depth != np.array(nodata, dtype=depth.dtype)
    rows, cols = depth.shape
    shut = set()
    for s, (_, _, a, b, _) in enumerate(segments):
        c_lo, c_hi = sorted(((a[0] - x0) / dx, (b[0] - x0) / dx))
        r_lo, r_hi = sorted(((a[1] - y0) / dy, (b[1] - y0) / dy))
        cs = np.arange(max(int(np.floor(c_lo)), 0), min(int(np.floor(c_hi)), cols - 1) + 1)
        rs = np.arange(max(int(np.floor(r_lo)), 0), min(int(np.floor(r_hi)), rows - 1) + 1)
        if cs.size == 0 or rs.size == 0:
            continue
        cc, rr = np.meshgrid(cs, rs)
        cc, rr = cc.ravel(), rr.ravel()
        wet = deep[rr, cc]
        if not wet.any():
            continue
        cc, rr = cc[wet], rr[wet]
        cells = shapely.box(x0 + cc * dx, y0 + (rr + 1) * dy, x0 + (cc + 1) * dx, y0 + rr * dy)
        inside = shapely.length(shapely.intersection(shapely.LineString([a, b]), cells))
        if (inside > 0).any():
            shut.add(s)
    return shut


def _oracle_unreachable(segments, shut, depots, targets):
    graph = nx.Graph()
    graph.add_nodes_from(n for s in segments for n in s[:2])
    graph.add_edges_from(s[:2] for k, s in enumerate(segments) if k not in shut)
    reached = set()
    for fid in depots:
        # A depot no open road leaves is inside the water: not used under the hazard (it
        # reaches nothing, not even a target at its own place).
        if graph.degree(("stop", fid)) > 0:
            reached |= nx.node_connected_component(graph, ("stop", fid))
    return {fid for fid in targets if ("stop", fid) not in reached}


def _points(stops):
    rows = [(shapely.to_wkt(p, rounding_precision=-1), [fid]) for fid, p in stops.items()]
    return memory_layer("Point", rows, "edge:integer", "EPSG:4326")


@pytest.fixture(scope="module")
def miami():
    edges, bridges = _edges()
    depots, targets = _stops(edges)
    stops = {**targets, **depots}
    return bridges, depots, targets, _segments(edges, stops), {}


@pytest.mark.parametrize("keep_bridges", [False, True])
@pytest.mark.parametrize("rp", [1, 20, 100])
def test_unreachable_targets_equal_the_native_cell_oracle(run_algorithm, miami, rp, keep_bridges):
    bridges, depots, targets, segments, deep = miami
    path = f"/vsizip/{ZIP}/RP_{rp}.tif"
    if path not in deep:  # the slow part, shared by both cases
        deep[path] = _deep_segments(segments, path)
    shut = deep[path]
    if keep_bridges:
        shut = {s for s in shut if segments[s][4] not in bridges}
    expected = _oracle_unreachable(segments, shut, depots, targets)
    assert 0 < len(expected) < len(targets)  # the case decides both ways

    roads = QgsVectorLayer(EDGES, "roads", "ogr")
    raster = QgsRasterLayer(path, f"RP_{rp}")
    assert roads.isValid() and raster.isValid()
    result = run_algorithm(
        "accessroutes",
        {
            "ROADS": roads,
            "DEPOTS": _points(depots),
            "TARGETS": _points(targets),
            "BLOCKED_RASTER": raster,
            "MAX_DEPTH": MAX_DEPTH,
            "KEEP_BRIDGES": keep_bridges,
            "BRIDGE_EXPRESSION": "\"bridge\" = 'yes'",
            "OUTPUT": "memory:",
        },
    )
    out = result["OUTPUT"]
    got = {f["edge"] for f in out.getFeatures() if f["ac_reach"] == 0}
    assert got == expected
    assert result["UNREACHABLE_COUNT"] == len(expected)
