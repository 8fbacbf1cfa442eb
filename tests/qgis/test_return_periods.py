"""fibreresilience:returnperiods on a hand-drawn chain (zones and rasters), on the sample
territory against networkx per scenario, and as a step of a Processing model."""

import networkx as nx
import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import (
    NULL,
    QgsProcessingContext,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback

from fibre_resilience.core.return_periods import expected_annual

# A chain root R (0 0) - A (100 0) - B (200 0) - C (300 0); premises 5 at B, 7 at C.
LINES = [("RA", "R", "A", 0, 100), ("AB", "A", "B", 100, 200), ("BC", "B", "C", 200, 300)]
# 01For floods BC, 02Moy AB and BC, 04Fai all three; a 03Mcc zone has no return period.
ZONES = [
    ("01For", 1.0, (210, 290)),
    ("02Moy", 0.7, (110, 290)),
    ("04Fai", 2.5, (10, 290)),
    ("03Mcc", 1.0, (10, 290)),
]


def _srs():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    return srs


def _gpkg(path, name, kind, fields, rows):
    """A GeoPackage layer: ``rows`` of (wkt, {field: value})."""
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.Open(str(path), 1) if path.exists() else driver.CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, _srs(), kind)
    for field, ogr_type in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr_type))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            feature.SetField(key, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    del layer, dataset
    return f"{path}|layername={name}"


@pytest.fixture()
def chain(tmp_path):
    path = tmp_path / "chain.gpkg"
    layers = {
        "lines": _gpkg(
            path,
            "lines",
            ogr.wkbLineString,
            [("code", ogr.OFTString), ("nd1", ogr.OFTString), ("nd2", ogr.OFTString)],
            [
                (f"LINESTRING ({x0} 0, {x1} 0)", {"code": c, "nd1": a, "nd2": b})
                for c, a, b, x0, x1 in LINES
            ],
        ),
        "roots": _gpkg(
            path, "roots", ogr.wkbPoint, [("name", ogr.OFTString)], [("POINT (0 0)", {"name": "R"})]
        ),
        "premises": _gpkg(
            path,
            "premises",
            ogr.wkbPoint,
            [("n", ogr.OFTInteger), ("nro", ogr.OFTString)],
            [("POINT (200 0)", {"n": 5, "nro": "N1"}), ("POINT (300 0)", {"n": 7, "nro": "N2"})],
        ),
        "zones": _gpkg(
            path,
            "zones",
            ogr.wkbPolygon,
            [("scenario", ogr.OFTString), ("depth", ogr.OFTReal)],
            [
                (
                    f"POLYGON (({x0} -10, {x1} -10, {x1} 10, {x0} 10, {x0} -10))",
                    {"scenario": s, "depth": d},
                )
                for s, d, (x0, x1) in ZONES
            ],
        ),
    }
    return path, layers


def _parameters(layers, tmp_path, **extra):
    parameters = {
        "NETWORK": layers["lines"],
        "FROM_FIELD": "nd1",
        "TO_FIELD": "nd2",
        "ROOTS": layers["roots"],
        "PREMISES": layers["premises"],
        "PREMISES_COUNT": '"n"',
        "OUTPUT_LINES": str(tmp_path / "lines.gpkg"),
        "OUTPUT_PREMISES": str(tmp_path / "premises.gpkg"),
        "SUMMARY": str(tmp_path / "summary.gpkg"),
    }
    parameters.update(extra)
    return parameters


def _plain(value):
    return None if value is None or value == NULL or value != value else value


def _rows(path, *fields):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return [tuple(_plain(f[name]) for name in fields) for f in layer.getFeatures()]


def test_tri_zones_give_first_failures_and_the_expected_annual_impact(
    run_algorithm, chain, tmp_path
):
    _, layers = chain
    feedback = RecordingFeedback()
    result = run_algorithm(
        "returnperiods",
        _parameters(layers, tmp_path, HAZARD=layers["zones"], SCENARIO_FIELD="scenario"),
        feedback=feedback,
    )
    # TRI defaults: 01For 10 years, 02Moy 100, 04Fai 1000; 03Mcc has none and is named
    assert any("03Mcc" in w for w in feedback.warnings)
    lines = dict(
        (code, (first, levels))
        for code, first, levels in _rows(result["OUTPUT_LINES"], "code", "rp_first", "rp_levels")
    )
    assert lines["BC"][0] == 10 and lines["AB"][0] == 100 and lines["RA"][0] == 1000
    assert lines["RA"][1] == "10:0;100:0;1000:3"  # zones without intensity count 1 (level 3)
    premises = sorted(_rows(result["OUTPUT_PREMISES"], "n", "rp_first", "rp_aep"))
    assert premises == [(5, 100.0, 0.01), (7, 10.0, 0.1)]
    cut = [7.0, 12.0, 12.0]
    assert result["EAI_PREMISES"] == pytest.approx(expected_annual([10, 100, 1000], cut))
    assert result["EAI_PREMISES"] == pytest.approx((0.1 - 0.01) * 19 / 2 + (0.01 - 0.001) * 24 / 2)
    summary = _rows(result["SUMMARY"], "aggregate", "scenario", "rp", "prem_cut", "length_m")
    assert (None, "01For", 10.0, 7.0, 100.0) in summary
    assert (None, "04Fai", 1000.0, 12.0, 300.0) in summary
    assert result["EAI_LENGTH_M"] == pytest.approx(
        expected_annual([10, 100, 1000], [100, 200, 300])
    )


def test_zone_intensity_and_fail_value_and_tail(run_algorithm, chain, tmp_path):
    _, layers = chain
    result = run_algorithm(
        "returnperiods",
        _parameters(
            layers,
            tmp_path,
            HAZARD=layers["zones"],
            SCENARIO_FIELD="scenario",
            VALUE_FIELD="depth",
            RETURN_PERIODS="01For=20;02Moy=100;04Fai=1000",
            FAIL_VALUE=0.8,
            TAIL=1,
        ),
    )
    lines = dict(_rows(result["OUTPUT_LINES"], "code", "rp_first"))
    # 02Moy is 0.7 m deep: below FAIL_VALUE (nothing fails: a warned fall); 01For floods
    # BC at 1 m
    assert lines == {"BC": 20.0, "AB": 1000.0, "RA": 1000.0}
    assert result["EAI_PREMISES"] == pytest.approx(
        expected_annual([20, 100, 1000], [7, 0, 12], "constant")
    )


def _raster(path, depth_by_column):
    """A 3 x 1 raster of 100 m cells over the chain (x 0-300), depths per column."""
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 3, 1, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((0, 100, 0, 50, 0, -100))
    dataset.SetProjection(_srs().ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(-9999)
    band.WriteArray(np.array([depth_by_column], dtype=np.float32))
    del band, dataset
    return str(path)


def test_rasters_per_return_period_and_a_fragility_curve(run_algorithm, chain, tmp_path):
    _, layers = chain
    rasters = [
        _raster(tmp_path / "rp10.tif", [-9999, 0.2, 1.0]),
        _raster(tmp_path / "rp100.tif", [0.3, 0.6, 1.5]),
    ]
    folder = sorted(p.name for p in tmp_path.iterdir())
    hard = run_algorithm(
        "returnperiods",
        _parameters(layers, tmp_path, HAZARD_RASTERS=rasters, RETURN_PERIODS="10;100"),
    )
    lines = dict(_rows(hard["OUTPUT_LINES"], "code", "rp_first"))
    assert lines == {"RA": None, "AB": 100.0, "BC": 10.0}
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xml") == []
    (tmp_path / "soft").mkdir()
    # a curve per km: 0.5 per km at 1 m, so BC (0.1 km at 1 m) fails with 1 - 0.5^0.1
    soft = run_algorithm(
        "returnperiods",
        _parameters(
            layers,
            tmp_path / "soft",
            HAZARD_RASTERS=rasters,
            RETURN_PERIODS="10;100",
            FRAGILITY="*: 0.25=0; 1=0.5; 2=0.5",
        ),
    )
    p_bc = 1 - 0.5**0.1
    summary = {row[0]: row[1] for row in _rows(soft["SUMMARY"], "scenario", "prem_cut") if row[0]}
    assert summary[list(summary)[0]] == pytest.approx(7 * p_bc, abs=1e-3)  # 3 decimals
    assert folder  # the inputs are still there


def test_bad_scenarios_are_refused_by_name(run_algorithm, chain, tmp_path):
    from qgis.core import QgsProcessingException

    _, layers = chain
    with pytest.raises(QgsProcessingException, match="either as HAZARD_RASTERS or as HAZARD"):
        run_algorithm("returnperiods", _parameters(layers, tmp_path))
    with pytest.raises(QgsProcessingException, match="02Xyz"):
        run_algorithm(
            "returnperiods",
            _parameters(
                layers,
                tmp_path,
                HAZARD=layers["zones"],
                SCENARIO_FIELD="scenario",
                RETURN_PERIODS="02Xyz=50",
            ),
        )
    with pytest.raises(QgsProcessingException, match="2 rasters but 3 return periods"):
        run_algorithm(
            "returnperiods",
            _parameters(
                layers,
                tmp_path,
                HAZARD_RASTERS=[
                    _raster(tmp_path / "a.tif", [1, 1, 1]),
                    _raster(tmp_path / "b.tif", [1, 1, 1]),
                ],
                RETURN_PERIODS="10;100;1000",
            ),
        )
    with pytest.raises(QgsProcessingException, match="FRAGILITY"):
        run_algorithm(
            "returnperiods",
            _parameters(
                layers,
                tmp_path,
                HAZARD=layers["zones"],
                SCENARIO_FIELD="scenario",
                FRAGILITY="AERIEN 1=2",
            ),
        )


def test_summary_by_a_premises_field(run_algorithm, chain, tmp_path):
    _, layers = chain
    result = run_algorithm(
        "returnperiods",
        _parameters(
            layers,
            tmp_path,
            HAZARD=layers["zones"],
            SCENARIO_FIELD="scenario",
            PREMISES_GROUP_FIELD="nro",
        ),
    )
    rows = _rows(result["SUMMARY"], "aggregate", "scenario", "prem_cut")
    assert ("N2", "01For", 7.0) in rows and ("N1", "01For", 0.0) in rows
    assert ("N1", "02Moy", 5.0) in rows
    # lines and sites belong to no premises group: their figures are unknown there, not 0
    lengths = _rows(result["SUMMARY"], "aggregate", "scenario", "length_m", "sites_cut")
    assert {(length, sites) for group, _, length, sites in lengths if group} == {(None, None)}
    assert all(length is not None for group, _, length, _ in lengths if group is None)


def test_the_sample_territory_matches_networkx_per_scenario(run_algorithm, sample_dir, tmp_path):
    """Routes of the sample delivery, TRI zones: each scenario's premises cut equal the
    premises networkx finds cut when the routes crossing that scenario's zones are removed."""
    delivery = sample_dir / "gracethd_v3.gpkg"
    routes = f"{delivery}|layername=t_cheminement"
    read = run_algorithm(
        "gracethdnetwork",
        {
            "SOURCE": str(delivery),
            "ROUTES": str(tmp_path / "routes.gpkg"),
            "CABLES": str(tmp_path / "cables.gpkg"),
            "NODES": str(tmp_path / "nodes.gpkg"),
            "PREMISES": str(tmp_path / "premises.gpkg"),
            "REPORT": str(tmp_path / "report.gpkg"),
        },
    )
    nodes = QgsVectorLayer(read["NODES"], "nodes", "ogr")
    nodes.setSubsetString("\"gt_role\" = 'NRO'")
    roots = [f["gt_code"] for f in nodes.getFeatures()]
    zones = f"{sample_dir / 'territory.gpkg'}|layername=flood_zones"
    result = run_algorithm(
        "returnperiods",
        {
            "NETWORK": read["ROUTES"],
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": read["NODES"] + "|subset=\"gt_role\" = 'NRO'",
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": read["PREMISES"],
            "PREMISES_COUNT": '"gt_prem"',
            "PREMISES_NODE_FIELD": "gt_pbo",
            "HAZARD": zones,
            "SCENARIO_FIELD": "scenario",
            "OUTPUT_LINES": str(tmp_path / "rp_lines.gpkg"),
            "SUMMARY": str(tmp_path / "rp_summary.gpkg"),
        },
    )
    del routes
    route_layer = QgsVectorLayer(read["ROUTES"], "routes", "ogr")
    edges = [(f["gt_nd1"], f["gt_nd2"], f.geometry()) for f in route_layer.getFeatures()]
    zone_layer = QgsVectorLayer(zones, "zones", "ogr")
    by_scenario = {}
    for zone in zone_layer.getFeatures():
        by_scenario.setdefault(zone["scenario"], []).append(zone.geometry())
    premises = QgsVectorLayer(read["PREMISES"], "premises", "ogr")
    demand = [(f["gt_pbo"], f["gt_prem"] or 1) for f in premises.getFeatures()]
    expected = {}
    for code in ("01For", "02Moy", "04Fai"):
        graph = nx.MultiGraph()
        graph.add_edges_from(("S", r) for r in roots)
        before = nx.MultiGraph(graph)
        for a, b, geometry in edges:
            before.add_edge(a, b)
            inside = sum(geometry.intersection(z).length() for z in by_scenario[code])
            if inside <= 1e-9:
                graph.add_edge(a, b)
        reach_before = nx.node_connected_component(before, "S")
        reach_after = nx.node_connected_component(graph, "S") if graph.has_node("S") else set()
        expected[code] = sum(
            n for node, n in demand if node in reach_before and node not in reach_after
        )
    got = {
        row[0]: row[1]
        for row in _rows(result["SUMMARY"], "scenario", "prem_cut", "aggregate")
        if row[2] is None
    }
    for code, value in expected.items():
        assert got[code] == pytest.approx(value), code
    assert expected["04Fai"] > 0


def test_as_a_step_of_a_processing_model(chain, tmp_path, provider):
    from qgis import processing

    _, layers = chain
    model = QgsProcessingModelAlgorithm("rp_model", "tests")
    for name in ("lines", "roots", "zones"):
        model.addModelParameter(
            QgsProcessingParameterVectorLayer(name, name), QgsProcessingModelParameter(name)
        )
    child = QgsProcessingModelChildAlgorithm("fibreresilience:returnperiods")
    child.setChildId("rp")
    for key, name in (("NETWORK", "lines"), ("ROOTS", "roots"), ("HAZARD", "zones")):
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromModelParameter(name)]
        )
    for key, value in {
        "FROM_FIELD": "nd1",
        "TO_FIELD": "nd2",
        "SCENARIO_FIELD": "scenario",
        "RETURN_PERIODS": "01For=10;04Fai=1000",
    }.items():
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
        )
    output = QgsProcessingModelOutput("lines_rp")
    output.setChildOutputName("OUTPUT_LINES")
    child.setModelOutputs({"lines_rp": output})
    model.addChildAlgorithm(child)
    context = QgsProcessingContext()
    result = processing.run(
        model,
        {
            "lines": layers["lines"],
            "roots": layers["roots"],
            "zones": layers["zones"],
            "rp:lines_rp": str(tmp_path / "m.gpkg"),
        },
        context=context,
    )
    out = next(v for k, v in result.items() if k.endswith("lines_rp"))
    assert dict(_rows(out, "code", "rp_first")) == {"RA": 1000.0, "AB": 1000.0, "BC": 10.0}
