"""The access engine on real OSM roads with real flood-depth rasters (read with GDAL)."""

from pathlib import Path

import numpy as np
import shapely
from osgeo import gdal, ogr, osr

from fibre_resilience.core.access import crew_access
from fibre_resilience.core.raster_sampling import RasterGrid
from fibre_resilience.core.roads import build_road_network, road_attributes

REAL_DATA = Path(__file__).resolve().parents[1] / "data" / "real"  # tests/data/real
HAGUE = REAL_DATA / "nl_den_haag_delft_roads_osm.gpkg"
EFAS = REAL_DATA / "nl_den_haag_delft_flood_depth_efas_rp500.tif"
MIAMI = REAL_DATA / "miami_beach_roads_flood_depth_rp1_rp20_rp100.zip"
FIELDS = ("highway", "maxspeed", "oneway", "bridge", "junction", "access")


def _srs(epsg):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _read_roads(path, epsg):
    """Lines reprojected to ``epsg`` and the OSM preset fields."""
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    names = [
        layer.GetLayerDefn().GetFieldDefn(i).GetName()
        for i in range(layer.GetLayerDefn().GetFieldCount())
    ]
    transform = osr.CoordinateTransformation(_srs(4326), _srs(epsg))
    wkb, columns = [], {f: [] for f in FIELDS if f in names}
    for feature in layer:
        geom = feature.GetGeometryRef().Clone()
        geom.Transform(transform)
        wkb.append(bytes(geom.ExportToWkb()))
        for f in columns:
            columns[f].append(feature.GetField(f))
    return shapely.from_wkb(wkb), columns


def _grid(path, epsg=None):
    ds = gdal.Open(str(path))
    if epsg is not None:
        ds = gdal.Warp("", ds, format="MEM", dstSRS=f"EPSG:{epsg}", resampleAlg="near")
    band = ds.GetRasterBand(1)
    return RasterGrid(band.ReadAsArray(), ds.GetGeoTransform(), band.GetNoDataValue())


def _sites(lines, every, offset=0):
    picks = np.arange(offset, lines.size, every)
    return shapely.line_interpolate_point(lines[picks], 0.5, normalized=True)


def test_hague_delft_efas_blocks_deep_roads_and_keeps_bridges():
    lines, columns = _read_roads(HAGUE, 3035)  # the raster's CRS, in metres
    att = road_attributes(lines.size, columns, preset="osm")
    assert att.drivable.all() and att.bridge.sum() >= 170
    net = build_road_network(lines, att)
    grid = _grid(EFAS)
    depots = _sites(net.lines, 450, 3)
    targets = _sites(net.lines, 4)
    kept = crew_access(
        net, depots, targets, raster=grid, max_depth=1.0, keep_bridges=True, blocked_roads=True
    )
    shut = crew_access(net, depots, targets, raster=grid, max_depth=1.0, keep_bridges=False)
    deep = crew_access(net, depots, targets, raster=grid, max_depth=5.0, keep_bridges=True)
    reach0 = np.isfinite(kept.t0_min)
    assert reach0.mean() > 0.8  # the main-road graph is mostly reachable in normal times
    assert 0 < kept.unreachable_count < targets.size
    both = kept.reach & reach0
    assert np.all(kept.t1_min[both] >= kept.t0_min[both] - 1e-9)
    assert kept.worst_delay > 0
    # Bridges over the water stay open: never among the blocked pieces, and they help.
    assert not att.bridge[kept.blocked_roads["road"].to_numpy()].any()
    assert shut.unreachable_count >= kept.unreachable_count
    # A deeper threshold blocks less water.
    assert deep.unreachable_count <= kept.unreachable_count
    # The blocked pieces lie over water deeper than the threshold.
    mids = shapely.line_interpolate_point(kept.blocked_roads["geometry"].to_numpy(), 0.5, True)
    xy = shapely.get_coordinates(mids)
    col, row = grid.to_pixel(xy[:, 0], xy[:, 1])
    depth = grid.valid_values()[row.astype(int), col.astype(int)]
    assert np.all(depth > 1.0)


def test_miami_beach_unreachable_never_decreases_with_the_return_period():
    base = f"/vsizip/{MIAMI}"
    lines, columns = _read_roads(f"{base}/base_graph_edges.gpkg", 32617)
    att = road_attributes(lines.size, columns, preset="osm")
    net = build_road_network(lines, att)
    depots = _sites(net.lines, 400, 11)
    targets = _sites(net.lines, 3)
    counts, delays = [], []
    for rp in (1, 20, 100):
        grid = _grid(f"{base}/RP_{rp}.tif", 32617)
        res = crew_access(net, depots, targets, raster=grid, max_depth=0.3, keep_bridges=True)
        counts.append(res.unreachable_count)
        delays.append(res.delay_min)
    assert counts[0] <= counts[1] <= counts[2]
    assert counts[2] > counts[0]
    # Where a target is reached in two scenarios, the bigger flood is never faster.
    for small, big in zip(delays[:-1], delays[1:]):
        ok = np.isfinite(small) & np.isfinite(big)
        assert np.all(big[ok] >= small[ok] - 1e-9)
