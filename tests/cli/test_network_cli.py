"""networktopology, redundancygaps and scenarioimpact through the headless runner
(qgis_process --json) on a small GeoPackage written here, results computed by hand.

A ring A-B-C-D-A of 100 m sides with a spur D-E; lines 2 (B-C) and 4 (D-A) share the duct
"d1". Root A; premises: 10 at C, 5 at E, 1 at B; sites at C and E.
"""

from osgeo import ogr, osr

X0, Y0 = 700000.0, 6600000.0
XY = {"A": (0, 0), "B": (100, 0), "C": (100, 100), "D": (0, 100), "E": (-100, 100)}
RING = [("A", "B", None), ("B", "C", "d1"), ("C", "D", None), ("D", "A", "d1;x"), ("D", "E", None)]


def _layer(dataset, name, kind, fields, rows):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer(name, srs, kind)
    for field, field_type in fields:
        layer.CreateField(ogr.FieldDefn(field, field_type))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        for (field, _), value in zip(fields, values):
            if value is not None:
                feature.SetField(field, value)
        layer.CreateFeature(feature)


def _point(name, dx=0.0, dy=0.0):
    x, y = XY[name]
    return f"POINT ({X0 + x + dx} {Y0 + y + dy})"


def _ring_gpkg(path):
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lines = []
    for i, (a, b, group) in enumerate(RING):
        (xa, ya), (xb, yb) = XY[a], XY[b]
        wkt = f"LINESTRING ({X0 + xa} {Y0 + ya}, {X0 + xb} {Y0 + yb})"
        lines.append((wkt, [i + 1, a, b, group]))
    text, integer = ogr.OFTString, ogr.OFTInteger
    _layer(
        dataset,
        "network",
        ogr.wkbLineString,
        [("id", integer), ("nd1", text), ("nd2", text), ("routes", text)],
        lines,
    )
    _layer(dataset, "roots", ogr.wkbPoint, [("id", integer)], [(_point("A"), [1])])
    _layer(
        dataset,
        "premises",
        ogr.wkbPoint,
        [("id", integer), ("n", integer)],
        [(_point("C", 2, 1), [1, 10]), (_point("E", 1), [2, 5]), (_point("B", 0, 1), [3, 1])],
    )
    _layer(
        dataset,
        "sites",
        ogr.wkbPoint,
        [("id", integer), ("node", text)],
        [(_point("C"), [1, "C"]), (_point("E"), [2, "E"])],
    )
    _layer(dataset, "failed_nodes", ogr.wkbPoint, [("id", integer)], [(_point("D", 1, -1), [1])])
    square = (
        f"POLYGON (({X0 - 150} {Y0 + 50}, {X0 + 150} {Y0 + 50}, {X0 + 150} {Y0 + 150}, "
        f"{X0 - 150} {Y0 + 150}, {X0 - 150} {Y0 + 50}))"
    )
    _layer(dataset, "areas", ogr.wkbPolygon, [("id", integer)], [(square, [1])])
    dataset = None


def _read(path, key="id"):
    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    layer = dataset.GetLayer(0)
    rows = {}
    for feature in layer:
        rows[feature.GetField(key)] = feature.items()
    return rows


def _inputs(gpkg):
    def layer(name):
        return f"{gpkg}|layername={name}"

    return {
        "NETWORK": layer("network"),
        "ROOTS": layer("roots"),
        "PREMISES": layer("premises"),
        "PREMISES_COUNT": '"n"',
        "SITES": layer("sites"),
        "TOLERANCE": 0.5,
        "MAX_SNAP": 20,
    }


def test_network_topology_as_json(qgis_process, tmp_path):
    gpkg = tmp_path / "ring.gpkg"
    _ring_gpkg(gpkg)
    nodes, defects = tmp_path / "nodes.gpkg", tmp_path / "defects.gpkg"
    result = qgis_process.run_json(
        "fibreresilience:networktopology",
        FROM_FIELD="nd1",
        TO_FIELD="nd2",
        OUTPUT_NODES=nodes,
        OUTPUT_DEFECTS=defects,
        **_inputs(gpkg),
    )["results"]
    assert result["NODE_COUNT"] == 5 and result["COMPONENT_COUNT"] == 1
    assert result["UNROOTED_COUNT"] == 0 and result["DEFECT_COUNT"] == 0
    rows = _read(nodes, "tp_node")
    degrees = {name: row["tp_degree"] for name, row in rows.items()}
    assert degrees == {"A": 2, "B": 2, "C": 2, "D": 3, "E": 1}
    assert {row["tp_rooted"] for row in rows.values()} == {1}


def test_redundancy_gaps_as_json(qgis_process, tmp_path):
    gpkg = tmp_path / "ring.gpkg"
    _ring_gpkg(gpkg)
    segments, sites, groups = (tmp_path / f"{n}.gpkg" for n in ("segments", "sites", "groups"))
    inputs = _inputs(gpkg)
    result = qgis_process.run_json(
        "fibreresilience:redundancygaps",
        SRLG_FIELD="routes",
        SITE_NODE_FIELD="node",
        FROM_FIELD="nd1",
        TO_FIELD="nd2",
        OUTPUT_SEGMENTS=segments,
        OUTPUT_SITES=sites,
        OUTPUT_GROUPS=groups,
        **inputs,
    )["results"]
    # Every premises point is behind the root A; E also behind D and the spur.
    assert result["PREMISES_AT_RISK"] == 16 and result["PREMISES_NO_ROOT"] == 0
    assert (result["SITES_DIV0"], result["SITES_DIV1"], result["SITES_DIV2"]) == (1, 1, 0)
    assert result["GROUPS_DEFEATING"] == 1
    lines = _read(segments)
    assert {i: (r["rd_bridge"], r["rd_prem"], r["rd_srlg_pr"]) for i, r in lines.items()} == {
        1: (0, 0.0, 0.0),
        2: (0, 0.0, 15.0),
        3: (0, 0.0, 0.0),
        4: (0, 0.0, 15.0),
        5: (1, 5.0, 0.0),
    }
    assert lines[2]["routes"] == "d1"  # input fields kept
    site_rows = _read(sites)
    # C: two paths, the root A and the duct d1 cut it; E: the spur, D, A and d1 do.
    assert {i: (r["rd_paths"], r["rd_divers"], r["rd_spof_n"]) for i, r in site_rows.items()} == {
        1: (2, 1, 2),
        2: (1, 0, 4),
    }
    group_rows = _read(groups, "rd_group")
    assert (group_rows["d1"]["rd_prem"], group_rows["d1"]["rd_defeats"]) == (15.0, 1)
    assert group_rows["d1"]["rd_members"] == 2 and group_rows["x"]["rd_defeats"] == 0


def test_scenario_impact_as_json(qgis_process, tmp_path):
    gpkg = tmp_path / "ring.gpkg"
    _ring_gpkg(gpkg)
    sites, premises, summary, lines = (
        tmp_path / f"{n}.gpkg" for n in ("sites", "premises", "summary", "lines")
    )
    # Lines B-C and C-D fail (C is cut) and node D fails (E is cut behind it).
    result = qgis_process.run_json(
        "fibreresilience:scenarioimpact",
        FAILED_EXPRESSION='"id" IN (2, 3)',
        FAILED_NODES=f"{gpkg}|layername=failed_nodes",
        AGGREGATE=f"{gpkg}|layername=areas",
        OUTPUT_SITES=sites,
        OUTPUT_PREMISES=premises,
        SUMMARY=summary,
        OUTPUT_LINES=lines,
        **_inputs(gpkg),
    )["results"]
    assert result["PREMISES_CUT"] == 15 and result["SITES_CUT"] == 2
    prem = _read(premises)
    assert {i: (r["im_failed"], r["im_cut"], r["im_prem"]) for i, r in prem.items()} == {
        1: (0, 1, 10.0),
        2: (0, 1, 5.0),
        3: (0, 0, 0.0),
    }
    site_rows = _read(sites)
    assert {i: (r["im_cut"], r["im_prem"]) for i, r in site_rows.items()} == {
        1: (1, 10.0),
        2: (1, 5.0),
    }
    # B-C alone cuts nothing in the intact ring, but its repair alone brings C back (10);
    # repairing C-D brings nothing (D failed). D-E did not fail but is out of service.
    line_rows = _read(lines)
    assert {
        i: (r["im_failed"], r["im_cut"], r["im_prem"], r["im_repair"]) for i, r in line_rows.items()
    } == {
        1: (0, 0, 0.0, 0.0),
        2: (1, 0, 0.0, 10.0),
        3: (1, 0, 0.0, 0.0),
        4: (0, 0, 0.0, 0.0),
        5: (0, 1, 0.0, 0.0),
    }
    area = _read(summary)[1]
    assert (area["im_prem_n"], area["im_prem_c"], area["im_site_c"]) == (15.0, 15.0, 2)
