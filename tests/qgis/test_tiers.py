"""redundancygaps' tiers through processing.run: a hand-built network with a TIER_FIELD
holding unknown values, and the bundled GraceTHD v3 sample checked by hand against its
README (NRO-003 single-homed; the loop NRO-001/NRO-002 defeated by the bridge route
CM0002089)."""

import sqlite3
import sys
from pathlib import Path

from qgis.core import NULL, QgsProcessingContext, QgsVectorLayer
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from demo_figures import open_workbook  # noqa: E402

SAMPLE_V3 = REPO / "resources" / "sample" / "gracethd_v3.gpkg"
CRS = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0
_READ = {}

# POP P -- NRO N -- cabinet S -- box B (premises 4), and N -- box D (premises 2) directly.
XY = {"P": (0, 0), "N": (100, 0), "S": (200, 0), "B": (300, 0), "D": (100, 100)}
LINES = [("P", "N", "Collecte"), ("N", "S", "foo"), ("S", "B", "DI"), ("N", "D", None)]


def point(name):
    x, y = XY[name]
    return f"Point({X0 + x} {Y0 + y})"


def hand_parameters(**extra):
    rows = [
        (f"LineString({X0 + XY[a][0]} {Y0 + XY[a][1]}, {X0 + XY[b][0]} {Y0 + XY[b][1]})", [i, t])
        for i, (a, b, t) in enumerate(LINES, start=1)
    ]
    network = memory_layer("LineString", rows, "id:integer&field=tier:string", CRS)
    roots = memory_layer("Point", [(point("P"), [1])], "id:integer", CRS)
    premises = memory_layer(
        "Point", [(point("B"), [1, 4]), (point("D"), [2, 2])], "id:integer&field=n:integer", CRS
    )
    sites = memory_layer(
        "Point",
        [(point("N"), [1, "nro"]), (point("S"), [2, "SRO"])],
        "id:integer&field=kind:string",
        CRS,
    )
    parameters = {
        "NETWORK": network,
        "ROOTS": roots,
        "PREMISES": premises,
        "PREMISES_COUNT": '"n"',
        "SITES": sites,
        "ROLE_FIELD": "kind",
        "TIER_FIELD": "tier",
        "OUTPUT_SEGMENTS": "memory:",
        "OUTPUT_NODES": "memory:",
        "OUTPUT_TIERS": "memory:",
        "OUTPUT_SITES": "memory:",
    }
    parameters.update(extra)
    return parameters


def layer_of(result, context, key):
    value = result[key]
    return context.getMapLayer(value) if isinstance(value, str) else value


def values(feature, *names):
    return tuple(None if feature[n] == NULL else feature[n] for n in names)


def test_tier_field_with_an_unknown_value(run_algorithm):
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm("redundancygaps", hand_parameters(), feedback=feedback, context=context)
    segments = layer_of(result, context, "OUTPUT_SEGMENTS")
    assert segments.fields().names()[-1] == "rd_tier"  # added after the existing fields
    tiers = {f["id"]: values(f, "rd_tier", "rd_prem") for f in segments.getFeatures()}
    # "foo" names no tier: warned, and the topology decides (N is an NRO upstream: transport).
    assert tiers == {
        1: ("collecte", 6.0),
        2: ("transport", 4.0),
        3: ("distribution", 4.0),
        4: ("transport", 2.0),  # NULL class: N is the nearest site upstream
    }
    warned = [w for w in feedback.warnings if '"tier"' in w]
    assert len(warned) == 1 and "foo" in warned[0] and "1 lines" in warned[0]
    table = {
        f["rd_tier"]: values(f, "rd_nro", "rd_max_pr", "rd_where", "rd_spof_n", "rd_prem")
        for f in layer_of(result, context, "OUTPUT_TIERS").getFeatures()
    }
    node = table["collecte"][0]
    # One NRO, 6 premises. Collecte: line 1 (fid). Transport: line N-S, cabinet S and box D's
    # line and node D; line N-S first (4). Distribution: line S-B and box B (4).
    assert table["collecte"] == (node, 6.0, "fid 1", 1, 6.0)
    assert table["transport"] == (node, 4.0, "fid 2", 4, 6.0)
    assert table["distribution"] == (node, 4.0, "fid 3", 2, 6.0)
    assert result["MAX_CUT_COLLECTE"] == 6
    assert result["MAX_CUT_TRANSPORT"] == 4
    assert result["MAX_CUT_DISTRIBUTION"] == 4
    nodes = {
        f["tp_node"]: values(f, "rd_tier")[0]
        for f in layer_of(result, context, "OUTPUT_NODES").getFeatures()
    }
    assert sorted(nodes.values(), key=str) == sorted(
        [None, None, "transport", "distribution", "transport"], key=str
    )


def test_without_nro_sites_the_roots_are_the_nros(run_algorithm):
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        hand_parameters(SITES=None, ROLE_FIELD=None, TIER_FIELD=None),
        feedback=feedback,
        context=context,
    )
    assert any("roots are taken as the NROs" in m for m in feedback.infos)
    segments = layer_of(result, context, "OUTPUT_SEGMENTS")
    # The root P is the NRO: everything below it is transport (no cabinet is known).
    assert {f["rd_tier"] for f in segments.getFeatures()} == {"transport"}
    assert result["MAX_CUT_COLLECTE"] is None  # nothing above the roots: not analysed
    assert result["MAX_CUT_TRANSPORT"] == 6
    table = {
        f["rd_tier"]: values(f, "rd_max_pr", "rd_prem")
        for f in layer_of(result, context, "OUTPUT_TIERS").getFeatures()
    }
    assert table == {"collecte": (None, 6.0), "transport": (6.0, 6.0), "distribution": (0, 6.0)}


# --------------------------------------------------------------------------- the sample


def _delivery(run_algorithm, tmp_path_factory):
    if "paths" not in _READ:
        folder = tmp_path_factory.mktemp("delivery")
        parameters = {"SOURCE": str(SAMPLE_V3), "REPORT": str(folder / "report.gpkg")}
        for name in ("ROUTES", "CABLES", "NODES", "PREMISES"):
            parameters[name] = str(folder / f"{name.lower()}.gpkg")
        run_algorithm("gracethdnetwork", parameters)
        _READ["paths"] = folder
    return _READ["paths"]


def _nodes_layer(folder, subset):
    out = QgsVectorLayer(str(folder / "nodes.gpkg"), "nodes", "ogr")
    assert out.isValid() and out.setSubsetString(subset), subset
    return out


def test_sample_tiers_by_hand(run_algorithm, tmp_path_factory):
    """The cables from the POP, their routes as shared-risk groups; README facts."""
    folder = _delivery(run_algorithm, tmp_path_factory)
    with sqlite3.connect(str(SAMPLE_V3)) as db:
        site_node = dict(
            db.execute("SELECT st_nom, st_nd_code FROM t_site WHERE st_typelog = 'RESEAU'")
        )
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        {
            "NETWORK": str(folder / "cables.gpkg"),
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": _nodes_layer(folder, f"\"gt_code\" = '{site_node['POP-01']}'"),
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": str(folder / "premises.gpkg"),
            "PREMISES_COUNT": '"gt_prem"',
            "PREMISES_NODE_FIELD": "gt_pbo",
            "SITES": _nodes_layer(folder, "\"gt_role\" IN ('NRO', 'SRO')"),
            "SITE_NODE_FIELD": "gt_code",
            "SRLG_FIELD": "gt_routes",
            "OUTPUT_SEGMENTS": "memory:",
            "OUTPUT_TIERS": "memory:",
            "OUTPUT_SITES": "memory:",
        },
        feedback=feedback,
        context=context,
    )
    # gt_class and gt_role are used without being named.
    assert any('"gt_class"' in m for m in feedback.infos)
    assert any('"gt_role"' in m for m in feedback.infos)
    segments = {
        f["gt_code"]: values(f, "gt_class", "rd_tier", "rd_prem")
        for f in layer_of(result, context, "OUTPUT_SEGMENTS").getFeatures()
    }
    by_class = {}
    for klass, tier, _ in segments.values():
        by_class.setdefault(klass, set()).add(tier)
    assert by_class == {"CO": {"collecte"}, "TR": {"transport"}, "DI": {"distribution"}}
    # NRO-003 is single-homed: its one collecte cable cuts its 558 premises.
    assert segments["CB0000003"][1:] == ("collecte", 558.0)
    # The loop's arms alone cut nothing.
    assert segments["CB0000001"][2] == 0 and segments["CB0000002"][2] == 0

    nro = {site_node[name]: name for name in ("NRO-001", "NRO-002", "NRO-003")}
    table = {
        (nro[f["rd_nro"]], f["rd_tier"]): values(f, "rd_max_pr", "rd_where", "rd_prem")
        for f in layer_of(result, context, "OUTPUT_TIERS").getFeatures()
    }
    assert len(table) == 9  # three NROs, three tiers: every premises has its one NRO
    # README: 2 138, 801 and 558 premises by NRO.
    assert {name: table[(name, "collecte")][2] for name in nro.values()} == {
        "NRO-001": 2138.0,
        "NRO-002": 801.0,
        "NRO-003": 558.0,
    }
    # The bridge route carries both arms of the loop: one failure cuts both NROs whole.
    assert table[("NRO-001", "collecte")][:2] == (2138.0, "group CM0002089")
    assert table[("NRO-002", "collecte")][:2] == (801.0, "group CM0002089")
    assert table[("NRO-003", "collecte")][:2] == (558.0, "CB0000003")
    assert result["MAX_CUT_COLLECTE"] == 2138 + 801
    # Transport: NRO-003 has one cabinet (SRO-0005, 558 premises) on one TR cable;
    # NRO-001's worst is the SRO-0002 cabinet itself (719: its cable is on the SRO ring).
    assert table[("NRO-003", "transport")][0] == 558.0
    assert table[("NRO-001", "transport")][:2] == (719.0, f"node {site_node['SRO-0002']}")
    assert result["MAX_CUT_TRANSPORT"] == 719
    # Distribution: far below the NROs'.
    assert 0 < result["MAX_CUT_DISTRIBUTION"] < 558


def test_the_report_shows_the_tiers_instead_of_the_single_points_of_failure(
    run_algorithm, tmp_path
):
    tiers = str(tmp_path / "tiers.gpkg")
    premises = str(tmp_path / "premises.gpkg")
    run_algorithm(
        "redundancygaps",
        hand_parameters(OUTPUT_TIERS=tiers, OUTPUT_PREMISES=premises),
    )
    html = tmp_path / "report.html"
    base = {"PREMISES": premises, "PREMISES_COUNT": '"n"', "OUTPUT_HTML": str(html)}
    workbook = tmp_path / "report.ods"
    run_algorithm("resiliencereport", dict(base, TIERS=tiers, OUTPUT_TABLES=str(workbook)))
    with open_workbook(workbook) as dataset:
        sheet = dataset.GetLayerByName("Single failures by NRO")
        rows = [feature.items() for feature in sheet]
    assert len(rows) == 1 and rows[0]["Premises"] == 6 and rows[0]["Transport"] == 4
    assert rows[0]["Transport: where"] == "fid 2"
    page = html.read_text(encoding="utf-8")
    assert 'id="tiers"' in page and "Single failures by NRO and tier" in page
    assert "Most premises of one NRO cut by a single collecte failure" in page
    assert "NROs cut off whole by a single collecte failure" in page
    assert "Premises behind a single point of failure" not in page
    assert "fid 2" in page and "fid 3" in page  # where: the transport and distribution lines
    # Without TIERS the report is as it was.
    run_algorithm("resiliencereport", base)
    page = html.read_text(encoding="utf-8")
    assert 'id="tiers"' not in page and "Premises behind a single point of failure" in page


def test_the_tiers_in_french(run_algorithm, tmp_path, french):
    tiers = str(tmp_path / "tiers.gpkg")
    feedback = Feedback()
    run_algorithm("redundancygaps", hand_parameters(OUTPUT_TIERS=tiers), feedback=feedback)
    assert any("une défaillance coupe au plus 4 locaux (fid 2)" in m for m in feedback.infos)
    assert any("ne désigne aucun niveau (foo)" in w for w in feedback.warnings)
    html = tmp_path / "rapport.html"
    run_algorithm("resiliencereport", {"TIERS": tiers, "OUTPUT_HTML": str(html)})
    page = html.read_text(encoding="utf-8")
    assert "Défaillances uniques par NRO et par niveau" in page
    assert "NRO coupés en entier par une seule défaillance de collecte" in page
