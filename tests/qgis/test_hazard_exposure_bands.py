"""hazardexposure's length per level band (hz_len_1 … hz_len_4, SUMMARY band_m) and its
SUMMARY by an asset field (GROUP_FIELD), against independent oracles:

- the sample territory's roads on its TRI flood zones: QGIS's own native:extractbyexpression,
  native:dissolve and native:intersection per level (the length inside the zones of level k
  or more, minus the one at k + 1 or more), summed per road and per highway;
- the Miami Beach roads on the RP 1, 20 and 100 depth rasters (tests/data/real/README.md):
  every straight segment densified into steps of 2e-7° (about 2 cm), each step given the
  level of the GDAL-read cell under its middle, its length the step's share of the
  segment's length in the working CRS, summed per road and level.
"""

from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from qgis.core import NULL, QgsProcessingException, QgsRasterLayer, QgsVectorLayer
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

X0, Y0 = 700000.0, 6600000.0
BANDS = [f"hz_len_{k}" for k in range(1, 5)]
TRI_LEVEL = {"01For": 4, "02Moy": 3, "03Mcc": 2, "04Fai": 1}  # PRESET 1 (TRI scenario)
MIAMI = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "real"
    / "miami_beach_roads_flood_depth_rp1_rp20_rp100.zip"
)
EDGES = f"/vsizip/{MIAMI}/base_graph_edges.gpkg"
THRESHOLDS = (0.01, 0.5, 1.0, 2.0)
STEP_DEG = 2e-7


def run(run_algorithm, parameters, feedback=None):
    defaults = {"OUTPUT": "memory:", "SUMMARY": "memory:"}
    defaults.update(parameters)
    return run_algorithm("hazardexposure", defaults, feedback=feedback)


def value(v):
    return None if v == NULL else v


def summary_rows(summary, *keys):
    return {tuple(value(f[k]) for k in keys): f for f in summary.getFeatures()}


# --------------------------------------------------------------------------- sample territory


@pytest.fixture()
def territory(sample_dir):
    path = sample_dir / "territory.gpkg"
    layers = {
        name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        for name in ("roads", "flood_zones", "communes", "sensitive_sites")
    }
    assert all(layer.isValid() for layer in layers.values())
    return layers


def native_length_above(run_algorithm, roads, zones, level):
    """{road fid: (length inside the zones of ``level`` or more, highway)} by QGIS natives."""
    codes = [code for code, lv in TRI_LEVEL.items() if lv >= level]
    if not codes:
        return {}
    chosen = run_algorithm(
        "native:extractbyexpression",
        {
            "INPUT": zones,
            "EXPRESSION": '"scenario" IN (' + ",".join(f"'{c}'" for c in codes) + ")",
            "OUTPUT": "memory:",
        },
    )["OUTPUT"]
    if chosen.featureCount() == 0:
        return {}
    # Dissolved first: intersecting with overlapping zones would count their overlap twice.
    cover = run_algorithm("native:dissolve", {"INPUT": chosen, "OUTPUT": "memory:"})["OUTPUT"]
    pieces = run_algorithm(
        "native:intersection",
        {"INPUT": roads, "OVERLAY": cover, "INPUT_FIELDS": ["fid"], "OUTPUT": "memory:"},
    )["OUTPUT"]
    out = defaultdict(float)
    for f in pieces.getFeatures():
        out[f["fid"]] += f.geometry().length()
    return out


def test_sample_roads_bands_against_native_intersection_per_level(run_algorithm, territory):
    roads, zones = territory["roads"], territory["flood_zones"]
    result = run(
        run_algorithm,
        {
            "INPUT": roads,
            "HAZARD": zones,
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "GROUP_FIELD": "highway",
        },
    )
    above = {k: native_length_above(run_algorithm, roads, zones, k) for k in range(1, 6)}
    highway = {f["fid"]: f["highway"] for f in roads.getFeatures()}
    total = {f["fid"]: f.geometry().length() for f in roads.getFeatures()}
    expected_band = {
        fid: [above[k].get(fid, 0.0) - above[k + 1].get(fid, 0.0) for k in range(1, 5)]
        for fid in total
    }

    ours = {f["fid"]: f for f in result["OUTPUT"].getFeatures()}
    assert len(ours) == roads.featureCount() == 4856
    several = 0
    for fid, f in ours.items():
        bands = [f[name] for name in BANDS]
        assert bands == pytest.approx(expected_band[fid], abs=1e-3), fid
        assert sum(bands) == pytest.approx(f["hz_length"], rel=1e-9, abs=1e-9), fid
        several += sum(b > 1 for b in bands) >= 2
    # The case decides something: roads crossing from one level into another, all levels met.
    assert several > 20
    assert all(sum(b[k] for b in expected_band.values()) > 1000 for k in (0, 2, 3))

    # SUMMARY by highway: band_m per (highway, level) from the natives; level 0 the rest.
    rows = summary_rows(result["SUMMARY"], "grp_value", "hz_level")
    assert {key[0] for key in rows} == set(highway.values())
    for road_type in set(highway.values()):
        mine = [fid for fid in total if highway[fid] == road_type]
        expected = [sum(total[fid] for fid in mine) - sum(above[1].get(fid, 0) for fid in mine)]
        expected += [sum(expected_band[fid][k] for fid in mine) for k in range(4)]
        got = [rows[(road_type, level)]["band_m"] for level in range(5)]
        assert got == pytest.approx(expected, abs=1e-2), road_type
        # length_m unchanged: the whole exposed length of the roads of each level.
        for level in range(5):
            whole = sum(ours[fid]["hz_length"] for fid in mine if ours[fid]["hz_level"] == level)
            assert rows[(road_type, level)]["length_m"] == pytest.approx(whole, abs=1e-2)


def test_sample_summary_by_communes_and_highway_together(run_algorithm, territory):
    roads, zones, communes = territory["roads"], territory["flood_zones"], territory["communes"]
    common = {"INPUT": roads, "HAZARD": zones, "HAZARD_FIELD": "scenario", "PRESET": 1}
    both = run(
        run_algorithm,
        dict(common, AGGREGATE=communes, AGGREGATE_FIELD="nom", GROUP_FIELD="highway"),
    )["SUMMARY"]
    by_field = run(run_algorithm, dict(common, GROUP_FIELD="highway"))["SUMMARY"]
    by_polygon = run(run_algorithm, dict(common, AGGREGATE=communes, AGGREGATE_FIELD="nom"))[
        "SUMMARY"
    ]
    names = [f.name() for f in both.fields()]
    assert names[:3] == ["aggregate", "grp_value", "hz_level"] and "band_m" in names
    pairs = {(value(f["aggregate"]), f["grp_value"]) for f in both.getFeatures()}
    assert len({a for a, _ in pairs}) >= 3 and len(pairs) > len({g for _, g in pairs})
    # Summing the pairs over one key gives the table by the other key.
    for keys, table in ((("grp_value",), by_field), (("aggregate",), by_polygon)):
        totals = defaultdict(lambda: np.zeros(3))
        for f in both.getFeatures():
            key = tuple(value(f[k]) for k in keys) + (f["hz_level"],)
            totals[key] += [f["band_m"], f["length_m"], f["n_assets"]]
        for key, row in summary_rows(table, *keys, "hz_level").items():
            expected = totals.get(key, np.zeros(3))
            got = [row["band_m"], row["length_m"], row["n_assets"]]
            assert got == pytest.approx(expected.tolist(), abs=1e-6), key


def test_points_and_polygons_have_null_bands(run_algorithm, territory):
    for layer in (territory["sensitive_sites"], territory["communes"]):
        result = run(
            run_algorithm,
            {"INPUT": layer, "HAZARD": territory["flood_zones"], "HAZARD_FIELD": "scenario"},
        )
        features = list(result["OUTPUT"].getFeatures())
        assert any(f["hz_level"] >= 1 for f in features), layer.name()
        assert all(f[name] == NULL for f in features for name in BANDS), layer.name()
        summary = list(result["SUMMARY"].getFeatures())
        assert all(f["band_m"] == 0 for f in summary)


# --------------------------------------------------------------------------- GROUP_FIELD


def _grouped_lines():
    zone = memory_layer("Polygon", [(_box(0, 0, 100, 10), [2])], "lvl:integer", name="zones")
    rows = [
        (f"LINESTRING({X0 - 10} {Y0 + 5}, {X0 + 10} {Y0 + 5})", [1, 10, "b"]),  # 10 in, 10 out
        (f"LINESTRING({X0 + 20} {Y0 + 5}, {X0 + 50} {Y0 + 5})", [2, 2, "a"]),  # 30 in
        (f"LINESTRING({X0 + 60} {Y0 + 5}, {X0 + 65} {Y0 + 5})", [3, None, None]),  # 5 in
        (f"LINESTRING({X0} {Y0 + 50}, {X0 + 7} {Y0 + 50})", [4, 10, "b"]),  # 7 dry
    ]
    lines = memory_layer("LineString", rows, "id:integer&field=nro:integer&field=sro:string")
    return lines, zone


def _box(x0, y0, x1, y1):
    return (
        f"POLYGON(({X0 + x0} {Y0 + y0},{X0 + x1} {Y0 + y0},{X0 + x1} {Y0 + y1},"
        f"{X0 + x0} {Y0 + y1},{X0 + x0} {Y0 + y0}))"
    )


@pytest.mark.parametrize(
    "field, expected",
    [
        # numbers sorted as numbers (2 before 10), NULL its own group, last
        ("nro", {"2": [0, 0, 30], "10": [17, 0, 10], None: [0, 0, 5]}),
        ("sro", {"a": [0, 0, 30], "b": [17, 0, 10], None: [0, 0, 5]}),
    ],
)
def test_group_field_numbers_text_and_null(run_algorithm, field, expected):
    lines, zones = _grouped_lines()
    result = run(
        run_algorithm,
        {"INPUT": lines, "HAZARD": zones, "HAZARD_FIELD": "lvl", "PRESET": 8, "GROUP_FIELD": field},
    )
    summary = list(result["SUMMARY"].getFeatures())
    order = list(dict.fromkeys(value(f["grp_value"]) for f in summary))
    assert order == list(expected)
    rows = summary_rows(result["SUMMARY"], "grp_value", "hz_level")
    for group, (dry, band_1, band_2) in expected.items():
        got = [rows[(group, k)]["band_m"] for k in range(3)]
        assert got == pytest.approx([dry, band_1, band_2]), group


def test_group_field_missing_is_refused(run_algorithm):
    lines, zones = _grouped_lines()
    with pytest.raises(QgsProcessingException, match="GROUP_FIELD.*nosuch"):
        run(run_algorithm, {"INPUT": lines, "HAZARD": zones, "GROUP_FIELD": "nosuch"})


# --------------------------------------------------------------------------- Miami Beach


@pytest.fixture(scope="module")
def miami_steps():
    """Every step of every road: road fid, midpoint (EPSG:4326), share of its segment's
    length in EPSG:32617 (UTM 17N, the working CRS hazardexposure picks there)."""
    dataset = ogr.Open(EDGES)
    layer = dataset.GetLayer(0)
    fids, lines = [], []
    for f in layer:
        fids.append(f.GetFID())
        lines.append(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb())))
    del layer, dataset
    lines = np.array(lines, dtype=object)
    parts, part_line = shapely.get_parts(lines, return_index=True)
    xy, vertex_part = shapely.get_coordinates(parts, return_index=True)
    start = np.flatnonzero(vertex_part[:-1] == vertex_part[1:])
    a, b = xy[start], xy[start + 1]
    road = np.array(fids)[part_line[vertex_part[start]]]
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4326)
    target.ImportFromEPSG(32617)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm = np.array(osr.CoordinateTransformation(source, target).TransformPoints(xy))[:, :2]
    metres = np.hypot(*(utm[start + 1] - utm[start]).T)
    steps = np.maximum(np.ceil(np.hypot(*(b - a).T) / STEP_DEG), 1).astype(np.int64)
    seg = np.repeat(np.arange(len(a)), steps)
    k = np.arange(len(seg)) - np.repeat(np.cumsum(steps) - steps, steps)
    t = (k + 0.5) / steps[seg]
    mid = a[seg] + t[:, None] * (b - a)[seg]
    return {
        "road": road[seg],
        "seg": seg,
        "mid": mid,
        "metres": metres[seg] / steps[seg],
        "fids": fids,
    }


def miami_oracle(steps, rp):
    """Per road: lengths at exactly level 1–4, and the bound of the step sampling's error."""
    dataset = gdal.Open(f"/vsizip/{MIAMI}/RP_{rp}.tif")
    band = dataset.GetRasterBand(1)
    depth = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    x0, dx, rx, y0, ry, dy = dataset.GetGeoTransform()
    assert rx == 0 and ry == 0
    col = np.floor((steps["mid"][:, 0] - x0) / dx).astype(np.int64)
    row = np.floor((steps["mid"][:, 1] - y0) / dy).astype(np.int64)
    rows, cols = depth.shape
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    cell = np.full(len(col), np.nan)
    cell[inside] = depth[row[inside], col[inside]]
    cell[inside & (cell == np.float32(nodata))] = np.nan
    level = np.zeros(len(cell), dtype=np.int64)
    for threshold in THRESHOLDS:  # the cell's value as stored, compared with each threshold
        level += np.nan_to_num(cell, nan=-np.inf) >= threshold
    fid_index = {fid: i for i, fid in enumerate(steps["fids"])}
    road = np.array([fid_index[f] for f in steps["road"].tolist()])
    bands = np.zeros((len(steps["fids"]), 5))
    np.add.at(bands, (road, level), steps["metres"])
    # A step crossing c cell edges (between consecutive midpoints of one segment) may put
    # at most c step lengths on the wrong side; elsewhere a step lies in one cell.
    same_seg = steps["seg"][1:] == steps["seg"][:-1]
    edges = (np.abs(np.diff(col)) + np.abs(np.diff(row))) * same_seg
    error = np.zeros(len(steps["fids"]))
    np.add.at(error, road[1:], edges * steps["metres"][1:])
    return bands[:, 1:], error


@pytest.mark.parametrize("rp", [1, 20, 100])
def test_miami_bands_against_densified_gdal_sampling(run_algorithm, miami_steps, rp):
    expected, error = miami_oracle(miami_steps, rp)
    roads = QgsVectorLayer(EDGES, "roads", "ogr")
    raster = QgsRasterLayer(f"/vsizip/{MIAMI}/RP_{rp}.tif", f"RP_{rp}")
    assert roads.isValid() and raster.isValid()
    feedback = Feedback()
    result = run(
        run_algorithm,
        {
            "INPUT": roads,
            "HAZARD_RASTER": raster,
            "RASTER_THRESHOLDS": ";".join(str(t) for t in THRESHOLDS),
        },
        feedback,
    )
    assert any("EPSG:32617" in info for info in feedback.infos)  # the oracle's CRS
    ours = {f["fid"]: f for f in result["OUTPUT"].getFeatures()}
    got = np.array(
        [[value(ours[fid][name]) or 0.0 for name in BANDS] for fid in miami_steps["fids"]]
    )
    hz_length = np.array([value(ours[fid]["hz_length"]) or 0.0 for fid in miami_steps["fids"]])
    np.testing.assert_allclose(got.sum(axis=1), hz_length, rtol=1e-9, atol=1e-9)
    assert (expected > 1).sum(axis=0).min() >= 10  # every level is met on several roads
    # Per road and level, within the sampling's own error bound (+ 1 mm).
    excess = np.abs(got - expected) - error[:, None] - 1e-3
    assert excess.max() <= 0, np.unravel_index(excess.argmax(), excess.shape)
    # In all, the step errors cancel: within 0.02 % of each level's total (6e-5 at most seen).
    np.testing.assert_allclose(got.sum(axis=0), expected.sum(axis=0), rtol=2e-4)
