"""fibreresilience:accessroutes on the bundled sample territory (resources/sample/README.md).

The river splits the territory in two banks; only bridges and a ford cross it. Under 04Fai
the ford and the approaches of the west and centre bridges flood; the east viaduct (D945,
``bridge=yes`` over the whole 04Fai valley) stays passable when bridges are kept. With the
bridges closed the depots fall in two components: DEP01 north, DEP02 and DEP03 south.
"""

import numpy as np
from qgis.core import NULL, QgsGeometry, QgsPointXY, QgsVectorLayer

from fibre_resilience.adapters.sinks import output_layer

AC_FIELDS = ["ac_depot", "ac_t0_min", "ac_t1_min", "ac_delay", "ac_reach", "ac_km", "ac_snap_m"]
NORTH_DEPOTS, SOUTH_DEPOTS = {"DEP01"}, {"DEP02", "DEP03"}


def _layer(path, name, subset=None):
    uri = f"{path}|layername={name}" + (f"|subset={subset}" if subset else "")
    out = QgsVectorLayer(uri, name, "ogr")
    assert out.isValid(), uri
    return out


def _as_layer(output, context):
    return output if isinstance(output, QgsVectorLayer) else output_layer(output, context)


def _rows(layer, key):
    return {f[key]: f for f in layer.getFeatures()}


def _number(value):
    return np.nan if value == NULL or value is None else float(value)


def _sample(sample_dir):
    """The sample layers, made inside each test (layers held by a fixture outlive QGIS)."""
    territory = sample_dir / "territory.gpkg"
    assert territory.exists(), f"sample territory missing: {territory}"
    return {
        "roads": _layer(territory, "roads"),
        "flood": _layer(territory, "flood_zones", "\"scenario\" = '04Fai'"),
        "depots": _layer(territory, "depots"),
        "sites": _layer(territory, "sensitive_sites"),
        "river": _layer(territory, "river"),
        "nodes": _layer(sample_dir / "gracethd_v3.gpkg", "t_noeud"),
    }


def _north_bank(river):
    """The part of the extent north of the river (it runs west to east across it)."""
    line = next(river.getFeatures()).geometry().asPolyline()
    line = sorted(line, key=lambda p: p.x())
    top = 7_034_100.0 + 1_000.0
    ring = line + [QgsPointXY(line[-1].x(), top), QgsPointXY(line[0].x(), top), line[0]]
    return QgsGeometry.fromPolygonXY([ring])


def _access(run_algorithm, sample, targets, keep_bridges, context):
    return run_algorithm(
        "accessroutes",
        {
            "ROADS": sample["roads"],
            "SPEED_PRESET": 1,  # OSM
            "DIRECTION_FIELD": "oneway",
            "DEPOTS": sample["depots"],
            "DEPOT_FIELD": "depot_id",
            "TARGETS": targets,
            "BLOCKED": sample["flood"],
            "KEEP_BRIDGES": keep_bridges,
            "OUTPUT": "memory:",
            "ROUTES": "memory:",
        },
        context=context,
    )


def test_flooded_nodes_bridges_kept_or_closed(run_algorithm, sample_dir):
    from qgis import processing
    from qgis.core import QgsProcessingContext

    context = QgsProcessingContext()
    sample = _sample(sample_dir)
    assert sample["flood"].featureCount() == 1
    targets = processing.run(
        "native:extractbylocation",
        {
            "INPUT": sample["nodes"],
            "PREDICATE": [0],
            "INTERSECT": sample["flood"],
            "OUTPUT": "memory:",
        },
        context=context,
    )["OUTPUT"]
    n = targets.featureCount()
    assert n > 100
    kept = _access(run_algorithm, sample, targets, True, context)
    shut = _access(run_algorithm, sample, targets, False, context)
    out_kept = _rows(_as_layer(kept["OUTPUT"], context), "nd_code")
    out_shut = _rows(_as_layer(shut["OUTPUT"], context), "nd_code")
    assert len(out_kept) == len(out_shut) == n
    for rows in (out_kept, out_shut):
        names = next(iter(rows.values())).fields().names()
        assert {"nd_code", "nd_type", *AC_FIELDS} <= set(names)
    codes = sorted(out_kept)
    reach_kept = np.array([out_kept[c]["ac_reach"] for c in codes], bool)
    reach_shut = np.array([out_shut[c]["ac_reach"] for c in codes], bool)
    t1_kept = np.array([_number(out_kept[c]["ac_t1_min"]) for c in codes])
    t1_shut = np.array([_number(out_shut[c]["ac_t1_min"]) for c in codes])
    # Closing bridges only removes roads: nothing becomes reachable or faster.
    assert not (reach_shut & ~reach_kept).any()
    assert (t1_shut[reach_shut] >= t1_kept[reach_shut] - 1e-9).all()
    assert shut["UNREACHABLE_COUNT"] > kept["UNREACHABLE_COUNT"]
    assert kept["UNREACHABLE_COUNT"] == int((~reach_kept).sum())
    # Normal times do not depend on the hazard; delays are never negative.
    for rows in (out_kept, out_shut):
        t0 = np.array([_number(rows[c]["ac_t0_min"]) for c in codes])
        assert np.isfinite(t0).all()
        delay = np.array([_number(rows[c]["ac_delay"]) for c in codes])
        assert (delay[np.isfinite(delay)] >= -1e-9).all()
    # The targets reached only thanks to the bridges are reached over the east viaduct.
    viaduct = QgsGeometry.unaryUnion(
        [
            f.geometry()
            for f in sample["roads"].getFeatures()
            if f["bridge"] == "yes" and f["name"] == "D945"
        ]
    ).buffer(1.0, 4)
    assert not viaduct.isEmpty()
    routes = _rows(_as_layer(kept["ROUTES"], context), "nd_code")
    only_kept = [c for c, k, s in zip(codes, reach_kept, reach_shut) if k and not s]
    assert only_kept
    for code in only_kept:
        assert routes[code].geometry().intersects(viaduct), code
    # Bridges closed: each bank is served by its own depots only (two components).
    north = _north_bank(sample["river"])
    for code in np.array(codes)[reach_shut]:
        row = out_shut[code]
        on_north = north.contains(row.geometry())
        assert row["ac_depot"] in (NORTH_DEPOTS if on_north else SOUTH_DEPOTS), code


def test_sensitive_sites_under_04fai(run_algorithm, sample_dir):
    from qgis.core import QgsProcessingContext

    context = QgsProcessingContext()
    sample = _sample(sample_dir)
    result = _access(run_algorithm, sample, sample["sites"], True, context)
    rows = _rows(_as_layer(result["OUTPUT"], context), "site_id")
    assert len(rows) == 8
    for code, row in rows.items():
        assert np.isfinite(_number(row["ac_t0_min"])), code  # all reachable normally
        assert row["ac_snap_m"] < 500
    # The EHPAD stands inside 04Fai: cut off; the seven others stay reachable.
    assert rows["SS0006"]["ac_reach"] == 0 and rows["SS0006"]["ac_t1_min"] == NULL
    assert all(rows[c]["ac_reach"] == 1 for c in rows if c != "SS0006")
    assert result["UNREACHABLE_COUNT"] == 1
