"""redundancygaps, scenarioimpact and networktopology on GraceTHD deliveries read by
gracethdnetwork: the bundled v3 sample (facts of resources/sample/README.md) and the real
GraceTHD demo delivery (tests/data/real), every figure against networkx by brute force
(each line, node and shared-risk group removed in turn). Also the algorithms chained in a
Processing model.
"""

import math
import sqlite3
from collections import defaultdict

import networkx as nx
import pytest
from qgis import processing
from qgis.core import (
    NULL,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsVectorLayer,
)
from qgis_helpers import model_output_key

from fibre_resilience.adapters.sinks import output_layer

OUTPUTS = ("ROUTES", "CABLES", "NODES", "PREMISES")
SUPER = "__super_root__"
_READ = {}  # delivery path -> folder of its gracethdnetwork outputs (read once per session)


def _layer(path, subset=None):
    out = QgsVectorLayer(str(path), path.stem, "ogr")
    assert out.isValid(), path
    if subset:
        assert out.setSubsetString(subset), subset
    return out


def _as_layer(value, context):
    return value if isinstance(value, QgsVectorLayer) else output_layer(value, context)


def _value(value):
    return None if value == NULL else value


def _delivery(run_algorithm, tmp_path_factory, source):
    """gracethdnetwork on ``source`` into GeoPackages (paths by output key)."""
    key = str(source)
    if key not in _READ:
        folder = tmp_path_factory.mktemp("delivery")
        parameters = {"SOURCE": key, "REPORT": str(folder / "report.gpkg")}
        parameters.update({name: str(folder / f"{name.lower()}.gpkg") for name in OUTPUTS})
        run_algorithm("gracethdnetwork", parameters)
        _READ[key] = folder
    return {name: _READ[key] / f"{name.lower()}.gpkg" for name in OUTPUTS}


def _site_nodes(gpkg):
    """st_nom -> st_nd_code of the network sites, read straight from the delivery."""
    with sqlite3.connect(str(gpkg)) as db:
        rows = db.execute("SELECT st_nom, st_nd_code FROM t_site WHERE st_typelog = 'RESEAU'")
        return dict(rows.fetchall())


# --------------------------------------------------------------------------- the oracle


class Oracle:
    """A networkx multigraph of the lines with a super-root joined to every root; premises
    and sites weigh on nodes. Every question is answered by removing things and searching."""

    def __init__(self, edges, roots, premises, sites):
        self.graph = nx.MultiGraph()
        for key, (a, b) in edges.items():
            self.graph.add_edge(a, b, key=key)
        self.graph.add_edges_from((SUPER, r) for r in roots if r in self.graph)
        self.premises = premises  # node -> premises count
        self.sites = sites  # node -> site count
        self._memo = {}
        self.before = self._reached()

    def _reached(self, lines=(), nodes=()):
        g = self.graph
        removed = [e for e in g.edges(keys=True) if e[2] in lines] if lines else []
        removed += [(a, b, k) for n in nodes for a, b, k in g.edges(n, keys=True)]
        g.remove_edges_from(removed)
        try:
            reached = nx.node_connected_component(g, SUPER)
        finally:
            g.add_edges_from(removed)
        return reached - set(nodes)

    def cut(self, lines=(), nodes=()):
        """Nodes reached before and not after removing ``lines`` (keys) and ``nodes``."""
        key = (frozenset(lines), frozenset(nodes))
        if key not in self._memo:
            self._memo[key] = self.before - self._reached(lines, nodes) - {SUPER}
        return self._memo[key]

    def weight(self, nodes, of):
        return sum(of.get(n, 0) for n in nodes)

    def paths(self, node, cap=3):
        """Line-disjoint paths from ``node`` to the roots (max flow, unit capacity per line)."""
        if node in self.graph[SUPER]:
            return cap
        if node not in self.before:
            return 0
        flow = nx.DiGraph()
        for a, b in self.graph.edges():
            if SUPER in (a, b):
                continue  # super-root links: infinite capacity (no attribute)
            for x, y in ((a, b), (b, a)):
                capacity = flow[x][y]["capacity"] + 1 if flow.has_edge(x, y) else 1
                flow.add_edge(x, y, capacity=capacity)
        flow.add_edges_from((r, SUPER) for r in self.graph[SUPER])
        return min(cap, int(nx.maximum_flow_value(flow, node, SUPER)))


def _check_redundancy(result, context, oracle, line_key, site_key, groups=None):
    """rd_* of every line, site and group against the oracle; returns the site rows."""
    segments = _as_layer(result["OUTPUT_SEGMENTS"], context)
    for f in segments.getFeatures():
        key = line_key(f)
        if key is None:
            assert f["rd_prem"] == NULL, f.id()  # not placed: NULL, not 0
            continue
        cut = oracle.cut(lines={key})
        assert f["rd_bridge"] == int(bool(cut)), key
        assert f["rd_prem"] == pytest.approx(oracle.weight(cut, oracle.premises)), key
        assert f["rd_sites"] == oracle.weight(cut, oracle.sites), key

    lines_of = defaultdict(set)
    for key, names in (groups or {}).items():
        for name in names:
            lines_of[name].add(key)
    group_rows = {}
    if groups is not None:
        table = _as_layer(result["OUTPUT_GROUPS"], context)
        group_rows = {f["rd_group"]: f for f in table.getFeatures()}
        assert set(group_rows) == set(lines_of)
        for name, members in lines_of.items():
            row = group_rows[name]
            cut = oracle.cut(lines=members)
            prem = oracle.weight(cut, oracle.premises)
            most = max(oracle.weight(oracle.cut(lines={m}), oracle.premises) for m in members)
            assert row["rd_members"] == len(members), name
            assert row["rd_prem"] == pytest.approx(prem), name
            assert row["rd_sites"] == oracle.weight(cut, oracle.sites), name
            assert row["rd_max_pr"] == pytest.approx(most), name

    # What each single line, node and group cuts (each search once, memoised).
    line_keys = [k for a, b, k in oracle.graph.edges(keys=True) if SUPER not in (a, b)]
    line_cut = [oracle.cut(lines={k}) for k in line_keys]
    node_cut = {n: oracle.cut(nodes={n}) for n in oracle.graph if n != SUPER}
    group_cut = [oracle.cut(lines=m) for m in lines_of.values()]
    rows = {}
    for f in _as_layer(result["OUTPUT_SITES"], context).getFeatures():
        node = site_key(f)
        rows[node] = (f["rd_paths"], f["rd_divers"], f["rd_spof_n"])
        if node not in oracle.before:
            continue
        line_cuts = sum(1 for cut in line_cut if node in cut)
        node_cuts = sum(1 for n, cut in node_cut.items() if n != node and node in cut)
        group_cuts = sum(1 for cut in group_cut if node in cut)
        paths = oracle.paths(node)
        divers = 0 if paths <= 1 else (1 if node_cuts or group_cuts else 2)
        assert rows[node] == (paths, divers, line_cuts + node_cuts + group_cuts), node
    return rows, group_rows


# --------------------------------------------------------------------------- the sample


def _sample_oracle(paths, site_codes, roots):
    cables = _layer(paths["CABLES"])
    edges, groups = {}, {}
    for f in cables.getFeatures():
        edges[f.id()] = (f["gt_nd1"], f["gt_nd2"])
        codes = _value(f["gt_routes"]) or ""
        groups[f.id()] = {c for c in codes.split(";") if c}
    premises = defaultdict(float)
    for f in _layer(paths["PREMISES"]).getFeatures():
        premises[f["gt_pbo"]] += f["gt_prem"]
    sites = {code: 1 for code in site_codes}
    return Oracle(edges, roots, premises, sites), groups


def _sample_parameters(paths, pop, site_codes):
    codes = ", ".join(f"'{c}'" for c in site_codes)
    return {
        "NETWORK": _layer(paths["CABLES"]),
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "SRLG_FIELD": "gt_routes",
        "ROOTS": _layer(paths["NODES"], f"\"gt_code\" = '{pop}'"),
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": _layer(paths["PREMISES"]),
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": _layer(paths["NODES"], f'"gt_code" IN ({codes})'),
        "SITE_NODE_FIELD": "gt_code",
    }


def test_sample_loop_through_one_bridge_and_single_homed_nro(
    run_algorithm, tmp_path_factory, sample_dir
):
    gpkg = sample_dir / "gracethd_v3.gpkg"
    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    named = _site_nodes(gpkg)
    pop = named["POP-01"]
    site_names = [n for n in named if n.startswith(("NRO-", "SRO-"))]
    site_codes = [named[n] for n in site_names]
    context = QgsProcessingContext()
    parameters = _sample_parameters(paths, pop, site_codes)
    parameters.update(
        {
            "OUTPUT_SEGMENTS": "memory:",
            "OUTPUT_SITES": "memory:",
            "OUTPUT_GROUPS": "memory:",
        }
    )
    result = run_algorithm("redundancygaps", parameters, context=context)
    assert result["PREMISES_NO_ROOT"] == 0  # every PBO is on a cable fed from the POP

    # README facts first (hand-checked), then every figure against networkx.
    sites = {
        f["gt_code"]: (f["rd_paths"], f["rd_divers"])
        for f in _as_layer(result["OUTPUT_SITES"], context).getFeatures()
    }
    by_name = {name: sites[named[name]] for name in site_names}
    assert by_name["NRO-003"] == (1, 0)  # single-homed on CB0000003
    for loop in ("NRO-001", "NRO-002"):
        paths_n, divers = by_name[loop]
        assert paths_n >= 2 and divers == 1, loop  # no single cable, but shared routes cut it
    for ring in ("SRO-0001", "SRO-0002"):
        assert by_name[ring] == (2, 1), ring  # CB0000013 ring; NRO-001 (a node) still cuts it
    for single in set(site_names) - {"NRO-001", "NRO-002", "SRO-0001", "SRO-0002"}:
        assert by_name[single][1] == 0, single  # one TR/CO cable feeds it

    premises_by_nro = defaultdict(float)
    for f in _layer(paths["PREMISES"]).getFeatures():
        premises_by_nro[f["gt_nro"]] += f["gt_prem"]
    assert premises_by_nro[named["NRO-001"]] == 2138 and premises_by_nro[named["NRO-002"]] == 801

    groups = {f["rd_group"]: f for f in _as_layer(result["OUTPUT_GROUPS"], context).getFeatures()}
    bridge = groups["CM0002089"]
    assert bridge["rd_defeats"] == 1
    assert bridge["rd_prem"] == 2138 + 801
    assert bridge["rd_max_pr"] < 2138 + 801  # no single cable in it cuts as much
    cable_codes = {f.id(): f["gt_code"] for f in _layer(paths["CABLES"]).getFeatures()}
    members = {cable_codes[int(fid)] for fid in bridge["rd_fids"].split(";")}
    assert {"CB0000001", "CB0000002"} <= members
    assert result["GROUPS_DEFEATING"] >= 1

    oracle, cable_groups = _sample_oracle(paths, site_codes, [pop])
    _check_redundancy(
        result,
        context,
        oracle,
        line_key=lambda f: f.id(),
        site_key=lambda f: f["gt_code"],
        groups=cable_groups,
    )
    assert (
        oracle.weight(
            oracle.cut(lines={f for f, g in cable_groups.items() if "CM0002089" in g}),
            oracle.premises,
        )
        == 2138 + 801
    )


def test_sample_flood_scenario_against_networkx(run_algorithm, tmp_path_factory, sample_dir):
    """Routes in 02Moy or worse (TRI preset, FAIL_LEVEL 3) fail, and every cable through them."""
    gpkg = sample_dir / "gracethd_v3.gpkg"
    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    named = _site_nodes(gpkg)
    pop = named["POP-01"]
    site_codes = [c for n, c in named.items() if n.startswith(("NRO-", "SRO-"))]
    territory = sample_dir / "territory.gpkg"
    context = QgsProcessingContext()
    exposure = run_algorithm(
        "hazardexposure",
        {
            "INPUT": _layer(paths["ROUTES"]),
            "HAZARD": f"{territory}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": "memory:",
        },
        context=context,
    )
    exposed = _as_layer(exposure["OUTPUT"], context)
    failed_routes = {f["gt_code"] for f in exposed.getFeatures() if f["hz_failed"] == 1}
    assert "CM0002089" in failed_routes and 0 < len(failed_routes) < 300
    communes = QgsVectorLayer(f"{territory}|layername=communes", "communes", "ogr")
    parameters = _sample_parameters(paths, pop, site_codes)
    parameters.update(
        {
            "FAILED_LAYER": exposed,
            "FAILED_GROUP_FIELD": "gt_code",
            "FAILED_LAYER_EXPRESSION": '"hz_failed" = 1',
            "AGGREGATE": communes,
            "OUTPUT_SITES": "memory:",
            "OUTPUT_PREMISES": "memory:",
            "OUTPUT_LINES": "memory:",
            "SUMMARY": "memory:",
        }
    )
    result = run_algorithm("scenarioimpact", parameters, context=context)

    oracle, cable_groups = _sample_oracle(paths, site_codes, [pop])
    failed = {key for key, codes in cable_groups.items() if codes & failed_routes}
    cut = oracle.cut(lines=failed)
    assert result["PREMISES_CUT"] == pytest.approx(oracle.weight(cut, oracle.premises))
    assert result["SITES_CUT"] == oracle.weight(cut, oracle.sites)
    # The bridge route fails: NRO-001 and NRO-002 (2 138 + 801 premises) are cut at least.
    assert {named["NRO-001"], named["NRO-002"]} <= cut
    assert result["PREMISES_CUT"] >= 2138 + 801

    premises = _as_layer(result["OUTPUT_PREMISES"], context)
    by_commune = defaultdict(float)
    commune_of = [(f["insee"], f.geometry()) for f in communes.getFeatures()]
    for f in premises.getFeatures():
        lost = f["gt_pbo"] in cut
        # Nothing fails at a node here: every loss is a cut, none a failure.
        assert (f["im_failed"], f["im_cut"]) == (0, int(lost)), f["gt_code"]
        assert f["im_prem"] == (f["gt_prem"] if lost else 0)
        inside = [code for code, g in commune_of if g.intersects(f.geometry())]
        if inside and lost:
            by_commune[inside[0]] += f["gt_prem"]
    summary = {f["insee"]: f for f in _as_layer(result["SUMMARY"], context).getFeatures()}
    assert set(summary) == {code for code, _ in commune_of}
    for code, row in summary.items():
        assert row["im_prem_c"] == pytest.approx(by_commune[code]), code
        assert row["im_prem_f"] == 0
    assert sum(r["im_prem_c"] for r in summary.values()) == pytest.approx(result["PREMISES_CUT"])
    sites = {f["gt_code"]: f for f in _as_layer(result["OUTPUT_SITES"], context).getFeatures()}
    for code, f in sites.items():
        assert f["im_cut"] == int(code in cut), code

    # Per failed cable: the cut premises that hung on it alone, and what its repair brings back.
    lost = oracle.weight(cut, oracle.premises)
    repairs = 0
    for f in _as_layer(result["OUTPUT_LINES"], context).getFeatures():
        key = f.id()
        assert f["im_failed"] == int(key in failed), key
        if key not in failed:
            assert (f["im_prem"], f["im_repair"]) == (0, 0), key
            continue
        alone = oracle.cut(lines={key}) & cut
        assert f["im_prem"] == pytest.approx(oracle.weight(alone, oracle.premises)), key
        back = cut - oracle.cut(lines=failed - {key})
        assert f["im_repair"] == pytest.approx(oracle.weight(back, oracle.premises)), key
        assert f["im_repair"] <= lost
        repairs += f["im_repair"] > 0
    assert repairs > 0


# --------------------------------------------------------------------------- real demo


def _ends_oracle(layer, tolerance):
    """Nodes of lines by end points within ``tolerance`` (single linkage, brute force)."""
    ends = []
    for f in layer.getFeatures():
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            continue
        vertices = list(g.vertices())
        ends.append((f.id(), "a", vertices[0]))
        ends.append((f.id(), "b", vertices[-1]))
    near = nx.Graph()
    near.add_nodes_from(range(len(ends)))
    for i, (_, _, p) in enumerate(ends):
        for j in range(i + 1, len(ends)):
            if p.distance(ends[j][2]) <= tolerance:
                near.add_edge(i, j)
    node_of = {}
    for label, members in enumerate(nx.connected_components(near)):
        for i in members:
            node_of[i] = label
    edges = {}
    for i in range(0, len(ends), 2):
        edges[ends[i][0]] = (node_of[i], node_of[i + 1])
    points = [(node_of[i], p) for i, (_, _, p) in enumerate(ends)]
    return edges, points


def _attach(points_layer, ends, max_snap, count=None):
    """Weight per oracle node: each point goes to the node of its nearest line end."""
    weights = defaultdict(float)
    for f in points_layer.getFeatures():
        p = f.geometry().constGet()
        best = min(ends, key=lambda e: e[1].distance(p))
        if best[1].distance(p) <= max_snap:
            weights[best[0]] += f[count] if count else 1
    return weights


@pytest.mark.parametrize("network", ["ROUTES", "CABLES"])
def test_real_gracethd_demo_against_networkx(run_algorithm, tmp_path_factory, real_data, network):
    """The 2015 demo delivery (Les Aix-d'Angillon): its node ids leave the route to the NRO
    half-joined (CM000180032598 has a NULL end), so the lines are joined by their end points;
    cables without geometry (patch cords) stay unplaced, NULL not 0."""
    paths = _delivery(run_algorithm, tmp_path_factory, real_data / "gracethd_demo01_shpcsv.zip")
    lines = _layer(paths[network])
    nodes = paths["NODES"]
    context = QgsProcessingContext()
    common = {
        "NETWORK": lines,
        "TOLERANCE": 0.5,
        "ROOTS": _layer(nodes, "\"gt_role\" = 'NRO'"),
        "PREMISES": _layer(paths["PREMISES"]),
        "PREMISES_COUNT": '"gt_prem"',
        "SITES": _layer(nodes, "\"gt_role\" IN ('SRO', 'PBO')"),
        "MAX_SNAP": 1.0,
    }
    edges, ends = _ends_oracle(lines, 0.5)
    root_nodes = {n for n, w in _attach(common["ROOTS"], ends, 1.0).items() if w}
    assert len(root_nodes) == 1
    premises = _attach(common["PREMISES"], ends, 1.0, "gt_prem")
    sites = _attach(common["SITES"], ends, 1.0)
    oracle = Oracle(edges, root_nodes, premises, sites)

    topology = run_algorithm(
        "networktopology",
        dict(common, OUTPUT_NODES="memory:", OUTPUT_DEFECTS="memory:"),
        context=context,
    )
    simple = nx.Graph(oracle.graph)
    simple.remove_node(SUPER)
    assert topology["NODE_COUNT"] == simple.number_of_nodes()
    assert topology["COMPONENT_COUNT"] == nx.number_connected_components(simple)
    assert topology["UNROOTED_COUNT"] == 0
    defects = _as_layer(topology["OUTPUT_DEFECTS"], context)
    unplaced = sum(1 for f in defects.getFeatures() if f["tp_defect"] == "unplaced")
    assert unplaced == lines.featureCount() - len(edges)
    if network == "CABLES":
        assert unplaced == 27  # patch cords and cables drawn nowhere

    result = run_algorithm(
        "redundancygaps",
        dict(
            common,
            SRLG_FIELD="gt_routes" if network == "CABLES" else "",
            OUTPUT_SEGMENTS="memory:",
            OUTPUT_SITES="memory:",
            OUTPUT_GROUPS="memory:",
        ),
        context=context,
    )
    groups = None
    if network == "CABLES":
        groups = {}
        for f in lines.getFeatures():
            codes = _value(f["gt_routes"])
            if f.id() in edges and codes:
                groups[f.id()] = {c for c in codes.split(";") if c}
    simple_bridges = {frozenset(e) for e in nx.bridges(nx.Graph(oracle.graph))}
    multiplicity = defaultdict(int)
    for a, b in edges.values():
        multiplicity[frozenset((a, b))] += 1
    for f in _as_layer(result["OUTPUT_SEGMENTS"], context).getFeatures():
        if f.id() in edges:
            pair = frozenset(edges[f.id()])
            is_bridge = pair in simple_bridges and multiplicity[pair] == 1 and len(pair) == 2
            assert f["rd_bridge"] == int(is_bridge), f.id()
    _check_redundancy(
        result,
        context,
        oracle,
        line_key=lambda f: f.id() if f.id() in edges else None,
        site_key=lambda f: _nearest_node(f, ends),
        groups=groups,
    )
    total = sum(premises.values())
    assert result["PREMISES_NO_ROOT"] == 0 and 0 < result["PREMISES_AT_RISK"] <= total


def _nearest_node(feature, ends):
    p = feature.geometry().constGet()
    return min(ends, key=lambda e: e[1].distance(p))[0]


# --------------------------------------------------------------------------- a model


def test_gracethd_to_redundancy_gaps_in_a_processing_model(
    run_algorithm, tmp_path_factory, sample_dir
):
    """gracethdnetwork -> native:extractbyattribute (the NROs) -> redundancygaps, as a model;
    its numbers equal the same steps run one by one."""
    model = QgsProcessingModelAlgorithm("network_gaps", "tests")
    model.addModelParameter(
        QgsProcessingParameterFile("delivery", "delivery", fileFilter="GeoPackage (*.gpkg)"),
        QgsProcessingModelParameter("delivery"),
    )

    def static(value):
        return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]

    def child(name, output):
        return [QgsProcessingModelChildParameterSource.fromChildOutput(name, output)]

    read = QgsProcessingModelChildAlgorithm("fibreresilience:gracethdnetwork")
    read.setChildId("read")
    read.addParameterSources(
        "SOURCE", [QgsProcessingModelChildParameterSource.fromModelParameter("delivery")]
    )
    read.addParameterSources("VERSION", static(0))  # auto
    read.addParameterSources("TOLERANCE", static(1.0))
    for key in OUTPUTS + ("REPORT",):
        read.addParameterSources(key, static(QgsProcessing.TEMPORARY_OUTPUT))
    model.addChildAlgorithm(read)

    nros = QgsProcessingModelChildAlgorithm("native:extractbyattribute")
    nros.setChildId("nros")
    nros.addParameterSources("INPUT", child("read", "NODES"))
    nros.addParameterSources("FIELD", static("gt_role"))
    nros.addParameterSources("OPERATOR", static(0))  # =
    nros.addParameterSources("VALUE", static("NRO"))
    nros.addParameterSources("OUTPUT", static(QgsProcessing.TEMPORARY_OUTPUT))
    model.addChildAlgorithm(nros)

    gaps = QgsProcessingModelChildAlgorithm("fibreresilience:redundancygaps")
    gaps.setChildId("gaps")
    gaps.addParameterSources("NETWORK", child("read", "CABLES"))
    gaps.addParameterSources("ROOTS", child("nros", "OUTPUT"))
    gaps.addParameterSources("PREMISES", child("read", "PREMISES"))
    for key, value in (
        ("FROM_FIELD", "gt_nd1"),
        ("TO_FIELD", "gt_nd2"),
        ("ROOT_NODE_FIELD", "gt_code"),
        ("PREMISES_NODE_FIELD", "gt_pbo"),
        ("PREMISES_COUNT", '"gt_prem"'),
        ("SRLG_FIELD", "gt_routes"),
        ("TOLERANCE", 0.5),
        ("MAX_SNAP", 50.0),
    ):
        gaps.addParameterSources(key, static(value))
    output = QgsProcessingModelOutput("segments", "Lines with single points of failure")
    output.setChildId("gaps")
    output.setChildOutputName("OUTPUT_SEGMENTS")
    gaps.setModelOutputs({"segments": output})
    model.addChildAlgorithm(gaps)
    ok, errors = model.validate()
    assert ok, errors

    gpkg = sample_dir / "gracethd_v3.gpkg"
    context = QgsProcessingContext()
    segments_key = model_output_key(model, "gaps", "segments")
    parameters = {"delivery": str(gpkg), segments_key: "TEMPORARY_OUTPUT"}
    result = processing.run(model, parameters, context=context)
    segments = _as_layer(result[segments_key], context)
    assert segments.featureCount() == 1237
    modelled = {f["gt_code"]: (f["rd_prem"], f["rd_srlg_pr"]) for f in segments.getFeatures()}

    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    step = QgsProcessingContext()
    direct = run_algorithm(
        "redundancygaps",
        {
            "NETWORK": _layer(paths["CABLES"]),
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": _layer(paths["NODES"], "\"gt_role\" = 'NRO'"),
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": _layer(paths["PREMISES"]),
            "PREMISES_NODE_FIELD": "gt_pbo",
            "PREMISES_COUNT": '"gt_prem"',
            "SRLG_FIELD": "gt_routes",
            "OUTPUT_SEGMENTS": "memory:",
        },
        context=step,
    )
    expected = {
        f["gt_code"]: (f["rd_prem"], f["rd_srlg_pr"])
        for f in _as_layer(direct["OUTPUT_SEGMENTS"], step).getFeatures()
    }
    assert modelled == expected
    # With the three NROs as roots, the collecte cables cut nothing: only NRO-fed parts count.
    assert modelled["CB0000003"][0] == 0 and not math.isnan(modelled["CB0000005"][0])


def test_hazard_exposure_to_scenario_impact_in_a_processing_model(
    run_algorithm, tmp_path_factory, sample_dir
):
    """hazardexposure (cables in the TRI floods) -> scenarioimpact ("hz_failed" = 1) and
    -> networktopology, as a model; the premises it cuts against networkx."""
    gpkg = sample_dir / "gracethd_v3.gpkg"
    paths = _delivery(run_algorithm, tmp_path_factory, gpkg)
    named = _site_nodes(gpkg)
    territory = sample_dir / "territory.gpkg"
    model = QgsProcessingModelAlgorithm("flood_impact", "tests")
    kinds = {
        "cables": QgsProcessing.SourceType.TypeVectorLine,
        "flood": QgsProcessing.SourceType.TypeVectorPolygon,
        "roots": QgsProcessing.SourceType.TypeVectorPoint,
        "premises": QgsProcessing.SourceType.TypeVectorPoint,
    }
    for name, kind in kinds.items():
        model.addModelParameter(
            QgsProcessingParameterFeatureSource(name, name, [kind]),
            QgsProcessingModelParameter(name),
        )

    def static(value):
        return [QgsProcessingModelChildParameterSource.fromStaticValue(value)]

    def param(name):
        return [QgsProcessingModelChildParameterSource.fromModelParameter(name)]

    exposure = QgsProcessingModelChildAlgorithm("fibreresilience:hazardexposure")
    exposure.setChildId("exposure")
    exposure.addParameterSources("INPUT", param("cables"))
    exposure.addParameterSources("HAZARD", param("flood"))
    exposure.addParameterSources("HAZARD_FIELD", static("scenario"))
    exposure.addParameterSources("PRESET", static(1))
    exposure.addParameterSources("FAIL_LEVEL", static(3))  # 02Moy and 01For
    exposure.addParameterSources("BUFFER", static(0.0))
    exposure.addParameterSources("RASTER_THRESHOLDS", static("0.01;0.5;1;2"))
    exposure.addParameterSources("OUTPUT", static(QgsProcessing.TEMPORARY_OUTPUT))
    model.addChildAlgorithm(exposure)
    network = [QgsProcessingModelChildParameterSource.fromChildOutput("exposure", "OUTPUT")]
    shared = {
        "FROM_FIELD": static("gt_nd1"),
        "TO_FIELD": static("gt_nd2"),
        "ROOTS": param("roots"),
        "ROOT_NODE_FIELD": static("gt_code"),
        "PREMISES": param("premises"),
        "PREMISES_NODE_FIELD": static("gt_pbo"),
        "PREMISES_COUNT": static('"gt_prem"'),
        "TOLERANCE": static(0.5),
        "MAX_SNAP": static(50.0),
    }
    children = {
        "impact": ("fibreresilience:scenarioimpact", "OUTPUT_PREMISES"),
        "topology": ("fibreresilience:networktopology", "OUTPUT_NODES"),
    }
    for child_id, (alg_id, sink) in children.items():
        step = QgsProcessingModelChildAlgorithm(alg_id)
        step.setChildId(child_id)
        step.addParameterSources("NETWORK", network)
        for key, sources in shared.items():
            step.addParameterSources(key, sources)
        if child_id == "impact":
            step.addParameterSources("FAILED_EXPRESSION", static('"hz_failed" = 1'))
        else:
            step.addParameterSources("OUTPUT_DEFECTS", static(QgsProcessing.TEMPORARY_OUTPUT))
        output = QgsProcessingModelOutput(child_id, child_id)
        output.setChildId(child_id)
        output.setChildOutputName(sink)
        step.setModelOutputs({child_id: output})
        model.addChildAlgorithm(step)
    ok, errors = model.validate()
    assert ok, errors

    context = QgsProcessingContext()
    result = processing.run(
        model,
        {
            "cables": str(paths["CABLES"]),
            "flood": f"{territory}|layername=flood_zones",
            "roots": _layer(paths["NODES"], f"\"gt_code\" = '{named['POP-01']}'"),
            "premises": str(paths["PREMISES"]),
            model_output_key(model, "impact", "impact"): QgsProcessing.TEMPORARY_OUTPUT,
            model_output_key(model, "topology", "topology"): QgsProcessing.TEMPORARY_OUTPUT,
        },
        context=context,
    )
    nodes = _as_layer(result[model_output_key(model, "topology", "topology")], context)
    assert {f["tp_rooted"] for f in nodes.getFeatures()} == {1}

    direct = QgsProcessingContext()
    exposed = run_algorithm(
        "hazardexposure",
        {
            "INPUT": _layer(paths["CABLES"]),
            "HAZARD": f"{territory}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": "memory:",
        },
        context=direct,
    )
    failed = {
        f["gt_code"] for f in _as_layer(exposed["OUTPUT"], direct).getFeatures() if f["hz_failed"]
    }
    assert failed
    cables = _layer(paths["CABLES"])
    ids = {f.id() for f in cables.getFeatures() if f["gt_code"] in failed}
    oracle, _ = _sample_oracle(paths, [], [named["POP-01"]])
    cut = oracle.cut(lines=ids)
    impact = _as_layer(result[model_output_key(model, "impact", "impact")], context)
    lost = sum(f["im_prem"] for f in impact.getFeatures())
    assert lost == pytest.approx(oracle.weight(cut, oracle.premises))
    assert lost > 0
