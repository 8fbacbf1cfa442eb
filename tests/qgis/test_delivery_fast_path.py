"""The GraceTHD reader's fast path (columns read in bulk, texts decoded a column at a time,
shapely geometries written as WKB by the bulk writer) writes exactly what the per-feature
path writes (QGIS features read one by one, ``bulk.ENABLED = False``, and written through the
Processing feature sink, ``sinks.BULK = False``): the same fields, feature ids, values,
geometries and report, on the bundled sample delivery and on the scale-20 delivery of the
benchmarks (generated when absent). Oracles: OGR's reading of the two sets of files."""

import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import ogr
from qgis.core import QgsGeometry

from fibre_resilience.adapters import bulk as bulk_io
from fibre_resilience.adapters import sinks

REPO = Path(__file__).resolve().parents[2]
SAMPLE_V3 = REPO / "resources" / "sample" / "gracethd_v3.gpkg"
OUTPUTS = {"ROUTES": "routes", "CABLES": "cables", "NODES": "nodes", "PREMISES": "premises"}


def _read(run_algorithm, source, folder: Path, fast: bool) -> dict:
    folder.mkdir()
    parameters = {"SOURCE": str(source), "VERSION": 0, "TOLERANCE": 1.0}
    for key, name in list(OUTPUTS.items()) + [("REPORT", "report")]:
        parameters[key] = str(folder / f"{name}.gpkg")
    bulk_io.ENABLED, sinks.BULK = fast, fast
    try:
        return run_algorithm("gracethdnetwork", parameters)
    finally:
        bulk_io.ENABLED, sinks.BULK = True, True


def _layer(path: Path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    schema = [
        (
            definition.GetFieldDefn(i).GetName(),
            definition.GetFieldDefn(i).GetType(),
            definition.GetFieldDefn(i).GetWidth(),
            definition.GetFieldDefn(i).GetPrecision(),
        )
        for i in range(definition.GetFieldCount())
    ]
    rows = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        wkb = None if geometry is None else bytes(geometry.ExportToIsoWkb())
        rows[feature.GetFID()] = (feature.items(), wkb)
    srs = layer.GetSpatialRef()
    return schema, layer.GetGeomType(), srs.ExportToWkt() if srs else None, rows


def _assert_same_outputs(fast: Path, slow: Path) -> None:
    for name in list(OUTPUTS.values()) + ["report"]:
        schema, kind, crs, rows = _layer(fast / f"{name}.gpkg")
        expected = _layer(slow / f"{name}.gpkg")
        assert (schema, kind, crs) == expected[:3], name
        assert list(rows) == list(expected[3]), name  # the same feature ids, in order
        for fid, (values, wkb) in rows.items():
            their_values, their_wkb = expected[3][fid]
            assert wkb == their_wkb, (name, fid)
            for field, value in values.items():
                theirs = their_values[field]
                if isinstance(value, float) and isinstance(theirs, float):
                    assert math.isclose(value, theirs, rel_tol=0, abs_tol=0) or (
                        math.isnan(value) and math.isnan(theirs)
                    ), (name, fid, field)
                else:
                    assert value == theirs, (name, fid, field)


def test_sample_delivery_fast_path_equals_the_per_feature_path(run_algorithm, tmp_path):
    fast = _read(run_algorithm, SAMPLE_V3, tmp_path / "fast", fast=True)
    slow = _read(run_algorithm, SAMPLE_V3, tmp_path / "slow", fast=False)
    assert fast["ANOMALY_COUNT"] == slow["ANOMALY_COUNT"]
    assert fast["PREMISES_TOTAL"] == slow["PREMISES_TOTAL"]
    _assert_same_outputs(tmp_path / "fast", tmp_path / "slow")


def test_scale_20_delivery_fast_path_equals_the_per_feature_path(
    run_algorithm, scale20_region, tmp_path
):
    """About 250,000 features through both paths (a few minutes on 2 cores)."""
    source = scale20_region / "gracethd_v3.gpkg"
    fast = _read(run_algorithm, source, tmp_path / "fast", fast=True)
    slow = _read(run_algorithm, source, tmp_path / "slow", fast=False)
    assert (fast["ANOMALY_COUNT"], fast["PREMISES_TOTAL"]) == (
        slow["ANOMALY_COUNT"],
        slow["PREMISES_TOTAL"],
    )
    _assert_same_outputs(tmp_path / "fast", tmp_path / "slow")


# ------------------------------------------------------------------------ the pieces


@pytest.mark.parametrize(
    "raw",
    [
        [b"AD0001", b"", b"Saint-\xc3\x89tienne", b"\xe2\x82\xac 12", b"\xf0\x9f\x93\xa1"],
        [b"one"],
        [b"a\x00b", b"c"],  # a NUL inside a value: decoded one by one
        [b"a", None, "already text", 3],  # not all bytes: one by one
        [],
    ],
)
def test_decode_utf8_gives_each_value_decoded_alone(raw):
    expected = [v.decode("utf-8") if isinstance(v, bytes) else v for v in raw]
    assert bulk_io.decode_utf8(raw) == expected


def test_decode_utf8_refuses_what_is_not_utf8_as_before():
    with pytest.raises(UnicodeDecodeError):
        bulk_io.decode_utf8([b"ok", b"caf\xe9"])


def test_shapely_geometries_give_qgis_wkb_without_building_qgis_geometries():
    shapes = np.array(
        [
            shapely.Point(651000.5, 6860000.25),
            None,
            shapely.LineString([(0, 0), (1.5, 2), (3, 1)]),
            shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 5)]]),
            shapely.Polygon([(0, 0), (4, 0), (4, 3), (0, 0)]),
            shapely.LineString([(0, 0, 5), (1, 1, 7)]),
            shapely.Point(1, 2, 3),
            shapely.LineString(),
            shapely.MultiPoint([(1, 2), (3, 4)]),
        ],
        dtype=object,
    )
    geometries = sinks.qgis_geometries(shapes)
    wkbs = geometries.wkbs()
    expected = []
    for wkb in shapely.to_wkb(shapes):
        if wkb is None:
            expected.append(None)
            continue
        geometry = QgsGeometry()
        geometry.fromWkb(wkb)
        expected.append(None if geometry.isNull() else bytes(geometry.asWkb()))
    assert wkbs == expected
    # the sink path still gets QgsGeometry objects, the same ones
    assert len(geometries) == len(shapes)
    assert geometries[1] is None
    assert [None if g is None else bytes(g.asWkb()) for g in geometries] == expected
    assert geometries.wkbs() == expected  # once built, read back from them
