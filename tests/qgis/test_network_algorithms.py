"""networktopology, redundancygaps and scenarioimpact through processing.run: hand-built
layers (hand-computed results), the bundled GraceTHD v3 sample (networkx as oracle) and bad
input."""

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
)
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

REPO = Path(__file__).resolve().parents[2]
SAMPLE_V3 = REPO / "resources" / "sample" / "gracethd_v3.gpkg"
CRS = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0


def layer(kind, rows, fields="id:integer"):
    return memory_layer(kind, rows, fields, CRS)


def line(*pts):
    return "LineString(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


def point(x, y):
    return f"Point({X0 + x} {Y0 + y})"


# A ring A-B-C-D-A (100 m sides) with a spur D-E; two arms B-C and D-A share the duct "d1".
XY = {"A": (0, 0), "B": (100, 0), "C": (100, 100), "D": (0, 100), "E": (-100, 100)}
RING = [("A", "B", None), ("B", "C", "d1"), ("C", "D", None), ("D", "A", "d1;x"), ("D", "E", None)]


def ring_network():
    rows = [(line(XY[a], XY[b]), [i + 1, a, b, g]) for i, (a, b, g) in enumerate(RING)]
    return layer(
        "LineString", rows, "id:integer&field=nd1:string&field=nd2:string" "&field=routes:string"
    )


def roots(*names):
    return layer("Point", [(point(*XY[n]), [i]) for i, n in enumerate(names)])


def premises():
    # 10 premises on C, 5 on E, 1 on B (NULL count -> 1), one 500 m away.
    rows = [
        (point(102, 101), [1, 10]),
        (point(-99, 100), [2, 5]),
        (point(100, 1), [3, None]),
        (point(600, 600), [4, 3]),
    ]
    return layer("Point", rows, "id:integer&field=n:integer")


def sites():
    return layer("Point", [(point(100, 100), [1]), (point(-100, 100), [2]), (point(900, 900), [3])])


def outputs(result, context, key):
    value = result[key]
    return context.getMapLayer(value) if isinstance(value, str) else value


def by_id(lyr, *names):
    out = {}
    for f in lyr.getFeatures():
        out[f["id"]] = tuple(None if f[n] == NULL else f[n] for n in names)
    return out


def base_parameters(**extra):
    parameters = {
        "NETWORK": ring_network(),
        "ROOTS": roots("A"),
        "PREMISES": premises(),
        "PREMISES_COUNT": '"n"',
        "SITES": sites(),
        "TOLERANCE": 0.5,
        "MAX_SNAP": 20.0,
    }
    parameters.update(extra)
    return parameters


def test_topology_reports_nodes_and_defects(run_algorithm):
    network = ring_network()
    extra = [
        (line((0, 0), (100, 0)), [6, "A", "B", None]),  # duplicate of line 1
        (line((300, 0), (400, 0)), [7, "F", "G", None]),  # island without root
        (line((200, 0), (250, 0)), [8, None, "H", None]),  # NULL from-node
    ]
    network.dataProvider().addFeatures([_feature(network, wkt, attrs) for wkt, attrs in extra])
    context = QgsProcessingContext()
    result = run_algorithm(
        "networktopology",
        base_parameters(
            NETWORK=network,
            FROM_FIELD="nd1",
            TO_FIELD="nd2",
            OUTPUT_NODES="memory:",
            OUTPUT_DEFECTS="memory:",
        ),
        context=context,
    )
    assert result["NODE_COUNT"] == 8  # A..E, F, G, H
    assert result["COMPONENT_COUNT"] == 2 and result["UNROOTED_COUNT"] == 1
    defects = outputs(result, context, "OUTPUT_DEFECTS")
    kinds = sorted((f["tp_defect"], f["tp_layer"]) for f in defects.getFeatures())
    assert kinds == [
        ("bad_count", "premises"),
        ("beyond_snap", "premises"),
        ("beyond_snap", "sites"),
        ("duplicate", "network"),
        ("no_root", "nodes"),
        ("unplaced", "network"),
    ]
    assert result["DEFECT_COUNT"] == 6
    fids = {f["tp_defect"]: f["tp_fid"] for f in defects.getFeatures()}
    names = {f.id(): f["id"] for f in network.getFeatures()}
    assert names[fids["duplicate"]] == 6 and names[fids["unplaced"]] == 8
    nodes = {
        f["tp_node"]: (f["tp_degree"], f["tp_rooted"])
        for f in outputs(result, context, "OUTPUT_NODES").getFeatures()
    }
    assert nodes["D"] == (3, 1) and nodes["A"] == (3, 1) and nodes["F"] == (1, 0)


def _feature(lyr, wkt, attributes):
    feature = QgsFeature(lyr.fields())
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    feature.setAttributes(list(attributes))
    return feature


def test_redundancy_gaps_on_a_ring_with_a_shared_duct(run_algorithm):
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        base_parameters(
            SRLG_FIELD="routes",
            OUTPUT_SEGMENTS="memory:",
            OUTPUT_NODES="memory:",
            OUTPUT_SITES="memory:",
            OUTPUT_GROUPS="memory:",
            OUTPUT_PREMISES="memory:",
        ),
        feedback=feedback,
        context=context,
    )
    segments = by_id(
        outputs(result, context, "OUTPUT_SEGMENTS"),
        "rd_bridge",
        "rd_prem",
        "rd_sites",
        "rd_srlg_pr",
    )
    # Ring lines cut nothing alone; the spur D-E cuts E (5 premises, 1 site).
    # Duct d1 (B-C and D-A) cuts C and D, hence E: 10 + 5 premises, 2 sites.
    assert segments == {
        1: (0, 0.0, 0, 0.0),
        2: (0, 0.0, 0, 15.0),
        3: (0, 0.0, 0, 0.0),
        4: (0, 0.0, 0, 15.0),
        5: (1, 5.0, 1, 0.0),
    }
    site_rows = by_id(
        outputs(result, context, "OUTPUT_SITES"), "rd_paths", "rd_divers", "rd_spof_n"
    )
    # C: 2 paths; root A and duct d1 cut it. E: spur line, D, A and d1 cut it. 3: not attached.
    assert site_rows == {1: (2, 1, 2), 2: (1, 0, 4), 3: (None, None, None)}
    groups = {
        f["rd_group"]: (
            f["rd_members"],
            f["rd_prem"],
            f["rd_sites"],
            f["rd_max_pr"],
            f["rd_defeats"],
        )
        for f in outputs(result, context, "OUTPUT_GROUPS").getFeatures()
    }
    assert groups == {"d1": (2, 15.0, 2, 0.0, 1), "x": (1, 0.0, 0, 0.0, 0)}
    nodes = {}
    for f in outputs(result, context, "OUTPUT_NODES").getFeatures():
        xy = f.geometry().asPoint()
        name = {v: k for k, v in XY.items()}[(round(xy.x() - X0), round(xy.y() - Y0))]
        nodes[name] = (f["rd_bridge"], f["rd_prem"])
    assert nodes["D"] == (1, 5.0) and nodes["A"] == (1, 16.0) and nodes["B"] == (0, 1.0)
    # Every premises point except the far one is behind A (the root) or D.
    assert result["PREMISES_AT_RISK"] == 16
    # Per premises point: C and E are also cut by duct d1, B is not; the far one is unattached.
    premises_rows = by_id(outputs(result, context, "OUTPUT_PREMISES"), "n", "rd_spof", "rd_srlg")
    assert premises_rows == {1: (10, 1, 1), 2: (5, 1, 1), 3: (None, 1, 0), 4: (3, None, None)}
    assert (result["SITES_DIV0"], result["SITES_DIV1"], result["SITES_DIV2"]) == (1, 1, 0)
    assert result["GROUPS_DEFEATING"] == 1
    assert any("beyond MAX_SNAP" in w for w in feedback.warnings)


def test_redundancy_gaps_by_node_ids_with_two_roots(run_algorithm):
    context = QgsProcessingContext()
    site_layer = layer(
        "Point", [(point(0, 0), [1, "C"]), (point(0, 0), [2, "C"])], "id:integer&field=node:string"
    )
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        base_parameters(
            FROM_FIELD="nd1",
            TO_FIELD="nd2",
            ROOTS=roots("A", "C"),
            SITES=site_layer,
            SITE_NODE_FIELD="node",
            OUTPUT_SEGMENTS="memory:",
            OUTPUT_SITES="memory:",
        ),
        feedback=feedback,
        context=context,
    )
    site_rows = by_id(outputs(result, context, "OUTPUT_SITES"), "rd_paths", "rd_divers")
    assert site_rows == {1: (3, 2), 2: (3, 2)}  # on a root
    assert any("sites sharing a node id" in w for w in feedback.warnings)


def test_scenario_impact_lines_groups_nodes_and_areas(run_algorithm):
    context = QgsProcessingContext()
    ducts = layer(
        None if False else "None",
        [(None, [1, "d1", 1]), (None, [2, "x", 0])],
        "id:integer&field=code:string&field=failed:integer",
    )
    areas = layer(
        "Polygon",
        [
            (
                f"Polygon(({X0 + 50} {Y0 + 50}, {X0 + 150} {Y0 + 50}, {X0 + 150} {Y0 + 150}, "
                f"{X0 + 50} {Y0 + 150}, {X0 + 50} {Y0 + 50}))",
                [1],
            ),
            (
                f"Polygon(({X0 - 150} {Y0 + 50}, {X0 - 50} {Y0 + 50}, {X0 - 50} {Y0 + 150}, "
                f"{X0 - 150} {Y0 + 150}, {X0 - 150} {Y0 + 50}))",
                [2],
            ),
        ],
    )
    result = run_algorithm(
        "scenarioimpact",
        base_parameters(
            SRLG_FIELD="routes",
            FAILED_LAYER=ducts,
            FAILED_GROUP_FIELD="code",
            FAILED_LAYER_EXPRESSION='"failed" = 1',
            AGGREGATE=areas,
            OUTPUT_SITES="memory:",
            OUTPUT_PREMISES="memory:",
            SUMMARY="memory:",
        ),
        context=context,
    )
    prem = by_id(outputs(result, context, "OUTPUT_PREMISES"), "im_failed", "im_cut", "im_prem")
    assert prem == {1: (0, 1, 10.0), 2: (0, 1, 5.0), 3: (0, 0, 0.0), 4: (0, 0, 0.0)}
    assert result["PREMISES_CUT"] == 15 and result["SITES_CUT"] == 2
    summary = by_id(outputs(result, context, "SUMMARY"), "im_prem_n", "im_prem_c", "im_site_c")
    assert summary == {1: (10.0, 10.0, 1), 2: (5.0, 5.0, 1)}

    # A failed node (C) and a failed line expression (the spur): failed vs cut kept apart.
    failed_nodes = layer("Point", [(point(101, 99), [1])])
    result = run_algorithm(
        "scenarioimpact",
        base_parameters(
            FAILED_EXPRESSION='"id" = 5',
            FAILED_NODES=failed_nodes,
            OUTPUT_SITES="memory:",
            OUTPUT_PREMISES="memory:",
        ),
        context=context,
    )
    prem = by_id(outputs(result, context, "OUTPUT_PREMISES"), "im_failed", "im_cut")
    assert prem == {1: (1, 0), 2: (0, 1), 3: (0, 0), 4: (0, 0)}
    site_rows = by_id(outputs(result, context, "OUTPUT_SITES"), "im_failed", "im_cut", "im_prem")
    assert site_rows == {1: (1, 0, 10.0), 2: (0, 1, 5.0), 3: (0, 0, 0.0)}
    assert result["PREMISES_CUT"] == 15


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("alg", ["networktopology", "redundancygaps", "scenarioimpact"])
def test_no_roots_is_refused(run_algorithm, alg):
    empty = layer("Point", [])
    with pytest.raises(QgsProcessingException, match="roots layer is empty"):
        run_algorithm(
            alg,
            base_parameters(
                ROOTS=empty,
                OUTPUT_SEGMENTS="memory:",
                OUTPUT_NODES="memory:",
                OUTPUT_DEFECTS="memory:",
            ),
        )


def test_roots_off_the_network_are_refused(run_algorithm):
    far = layer("Point", [(point(5000, 5000), [1])])
    with pytest.raises(QgsProcessingException, match="No root is on the network"):
        run_algorithm("redundancygaps", base_parameters(ROOTS=far, OUTPUT_SEGMENTS="memory:"))


def test_non_line_network_and_empty_network_are_refused(run_algorithm):
    with pytest.raises(QgsProcessingException):
        run_algorithm(
            "redundancygaps", base_parameters(NETWORK=roots("A"), OUTPUT_SEGMENTS="memory:")
        )
    empty = layer("LineString", [])
    with pytest.raises(QgsProcessingException, match="no feature"):
        run_algorithm("redundancygaps", base_parameters(NETWORK=empty, OUTPUT_SEGMENTS="memory:"))


def test_only_one_of_from_and_to_fields_is_refused(run_algorithm):
    with pytest.raises(QgsProcessingException, match="FROM_FIELD and TO_FIELD"):
        run_algorithm(
            "redundancygaps", base_parameters(FROM_FIELD="nd1", OUTPUT_SEGMENTS="memory:")
        )


def test_null_and_multipart_lines_are_reported_not_dropped(run_algorithm):
    network = ring_network()
    network.dataProvider().addFeatures(
        [
            _feature(
                network,
                f"MultiLineString(({X0 + 100} {Y0}, {X0 + 150} {Y0}), "
                f"({X0 + 150} {Y0}, {X0 + 200} {Y0}))",
                [6, None, None, None],
            ),
            QgsFeature(network.fields()),
        ]
    )
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        base_parameters(NETWORK=network, OUTPUT_SEGMENTS="memory:"),
        feedback=feedback,
        context=context,
    )
    rows = [
        (f["rd_bridge"], f["rd_prem"])
        for f in outputs(result, context, "OUTPUT_SEGMENTS").getFeatures()
    ]
    assert len(rows) == 7
    assert rows[5] == (1, 0.0)  # the merged multipart line is a spur
    assert rows[6] == (NULL, NULL)  # no geometry: not placed, NULL not 0
    assert any("cannot be placed" in w for w in feedback.warnings)


def test_failed_layer_without_group_field_is_refused(run_algorithm):
    ducts = layer("None", [(None, [1])])
    with pytest.raises(QgsProcessingException, match="FAILED_GROUP_FIELD"):
        run_algorithm(
            "scenarioimpact", base_parameters(FAILED_LAYER=ducts, OUTPUT_PREMISES="memory:")
        )


# --------------------------------------------------------------------------- the sample


def test_bundled_sample_against_networkx(run_algorithm):
    assert SAMPLE_V3.exists(), f"bundled sample missing: {SAMPLE_V3}"
    context = QgsProcessingContext()
    read = run_algorithm(
        "gracethdnetwork",
        {
            "SOURCE": str(SAMPLE_V3),
            "ROUTES": "memory:",
            "CABLES": "memory:",
            "NODES": "memory:",
            "PREMISES": "memory:",
            "REPORT": "memory:",
        },
        context=context,
    )
    routes = outputs(read, context, "ROUTES")
    nodes = outputs(read, context, "NODES")
    nodes.setSubsetString("\"gt_role\" = 'NRO'")
    premises_layer = outputs(read, context, "PREMISES")
    result = run_algorithm(
        "redundancygaps",
        {
            "NETWORK": routes,
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": nodes,
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": premises_layer,
            "PREMISES_COUNT": '"gt_prem"',
            "MAX_SNAP": 200.0,
            "OUTPUT_SEGMENTS": "memory:",
        },
        context=context,
    )
    roots = {f["gt_code"] for f in nodes.getFeatures()}
    assert len(roots) == 3
    # Oracle: with a super-root S joined to every root, a line cuts something from every
    # root exactly when it is a bridge of S's component (and not doubled by a parallel line).
    pairs = [(f["gt_nd1"], f["gt_nd2"]) for f in routes.getFeatures()]
    multiplicity = Counter(frozenset(p) for p in pairs)
    g = nx.Graph()
    g.add_edges_from(p for p in pairs if p[0] != p[1])
    g.add_edges_from(("S", r) for r in roots)
    reached = nx.node_connected_component(g, "S")
    bridges = {frozenset(e) for e in nx.bridges(g)}
    expected = [
        int(frozenset(p) in bridges and multiplicity[frozenset(p)] == 1 and p[0] in reached)
        for p in pairs
    ]
    segments = outputs(result, context, "OUTPUT_SEGMENTS")
    got = [f["rd_bridge"] for f in segments.getFeatures()]
    assert got == expected
    assert 0 < sum(expected) < len(expected)  # a real mix of both
