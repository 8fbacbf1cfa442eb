"""Redundancy gaps at regional size, and our graph core against networkx on the same graph.

About 500,000 lines, 700,000 premises and 130 roots: the regional GraceTHD delivery from
``scripts/sample_territory.py --scale 200`` when it is in ``benchmarks/data/region`` (routes
t_cheminement by cm_ndcode1/2, NRO roots and SRO/POP sites from t_site, premises t_adresse
snapped within 50 m, no shared-risk groups), otherwise (or with ``--synthetic``, or at another
scale) a synthetic FTTH-like network of the same size with 2,000 sites and 20,000 groups.
Times the core end to end (build the model, then rd_* for every line, node, site and group),
then bridges + cut nodes + immediate dominators against networkx, asserting identical results.
nx.immediate_dominators (quadratic on these deep dominator trees) runs in a child process
given ``--idom-limit`` seconds; networkx's linear algorithms (bridges, articulation_points,
and dominators read from biconnected_components) are the compared baseline.
Targets: at least 10x networkx, under 60 s end to end.

    python -m benchmarks.bench_redundancy [--scale 0.1]
"""

import argparse
import time

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial import cKDTree

from .common import DATA, import_plugin_package, report, timed

REGION = DATA / "region" / "gracethd_v3.gpkg"
SIDE = 100_000.0


def synthetic_region(scale=1.0, seed=7):
    """A spatial FTTH-like network: a nearest-neighbour spanning tree plus ~3% loop lines."""
    rng = np.random.default_rng(seed)
    n = int(490_000 * scale)
    xy = rng.uniform(0, SIDE, (n, 2))
    dist, near = cKDTree(xy).query(xy, k=5)
    rows = np.repeat(np.arange(n), 4)
    cols = near[:, 1:].ravel()
    knn = coo_matrix((dist[:, 1:].ravel() + 1e-9, (rows, cols)), shape=(n, n)).tocsr()
    tree = minimum_spanning_tree(knn).tocoo()
    u, v = tree.row.astype(np.int64), tree.col.astype(np.int64)
    extra = rng.choice(rows.size, int(0.03 * n), replace=False)
    u = np.concatenate([u, rows[extra]])
    v = np.concatenate([v, cols[extra]])
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    n_prem = int(700_000 * scale)
    at = rng.integers(0, n, n_prem)
    premises = shapely.points(xy[at] + rng.uniform(-3, 3, (n_prem, 2)))
    # Shared-risk groups: two or three lines through one trench (lines meeting at a node).
    order = np.argsort(u, kind="stable")
    same = np.flatnonzero(u[order][1:] == u[order][:-1])
    pick = rng.choice(same, min(same.size, int(20_000 * scale)), replace=False)
    srlg = np.full(u.size, None, dtype=object)
    for g, i in enumerate(pick):
        for line in (order[i], order[i + 1]):
            srlg[line] = f"R{g}" if srlg[line] is None else f"{srlg[line]};R{g}"
    return {
        "source": f"synthetic (seed {seed})",
        "lines": lines,
        "nd1": u.astype(str),
        "nd2": v.astype(str),
        "root_ids": rng.choice(n, max(3, int(130 * scale)), replace=False).astype(str),
        "premises": premises,
        "counts": np.ones(n_prem),
        "site_ids": rng.choice(n, max(3, int(2000 * scale)), replace=False).astype(str),
        "srlg": srlg,
    }


def _read(path, layer, columns, geometry=True):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    from fibre_resilience.adapters import compat  # GDAL < 3.11.4's GeoPackage reader races

    with compat.gdal_options(compat.arrow_read_options()):
        batches = list(lyr.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=NO"]))
    parts = {c: [] for c in columns + (["geom"] if geometry else [])}
    geom_name = lyr.GetGeometryColumn() or "geom"
    for batch in batches:
        for c in columns:
            parts[c].append(np.asarray(batch[c], dtype=object))
        if geometry:
            parts["geom"].append(shapely.from_wkb(batch[geom_name]))
    return {c: np.concatenate(p) if p else np.array([]) for c, p in parts.items()}


def regional_region():
    """The generated regional GraceTHD delivery (routes as the network), or None."""
    if not REGION.exists():
        return None
    routes = _read(REGION, "t_cheminement", ["cm_code", "cm_ndcode1", "cm_ndcode2"])
    sites = _read(REGION, "t_site", ["st_nd_code", "st_typephy", "st_typelog"], geometry=False)
    addresses = _read(REGION, "t_adresse", ["ad_nbfotth"])
    as_text = np.vectorize(lambda x: x.decode() if isinstance(x, bytes) else x, otypes=[object])
    tech = as_text(sites["st_typelog"]) == "RESEAU"
    typephy = as_text(sites["st_typephy"])
    nodes = as_text(sites["st_nd_code"])
    return {
        "source": str(REGION),
        "lines": routes["geom"],
        "nd1": as_text(routes["cm_ndcode1"]),
        "nd2": as_text(routes["cm_ndcode2"]),
        "root_ids": nodes[tech & (typephy == "SHE")],
        "premises": addresses["geom"],
        "counts": addresses["ad_nbfotth"].astype(float),
        "site_ids": nodes[tech & (typephy != "SHE")],
        "srlg": None,
    }


def _nx_block_dominators(simple, roots):
    """Dominators from networkx's biconnected components (block-cut tree from the super-root).

    In an undirected graph the dominators of y are the cut nodes on the block-cut tree path
    from the super-root: idom(y) is the head of the block through which y is first reached.
    """
    import networkx as nx

    g = simple.copy()
    g.add_edges_from(("S", int(r)) for r in roots)
    blocks_of = {}
    blocks = [list(b) for b in nx.biconnected_components(g)]
    for i, block in enumerate(blocks):
        for node in block:
            blocks_of.setdefault(node, []).append(i)
    idom = {"S": "S"}
    seen_block = set()
    heads = ["S"]
    while heads:
        head = heads.pop()
        for b in blocks_of.get(head, ()):
            if b in seen_block:
                continue
            seen_block.add(b)
            for node in blocks[b]:
                if node not in idom:
                    idom[node] = head
                    heads.append(node)
    return idom


def nx_results(n, u, v, roots):
    """networkx (linear algorithms): bridges, articulation points, block-cut dominators."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(range(n))
    simple.add_edges_from(zip(u.tolist(), v.tolist()))
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    start = time.perf_counter()
    bridges = list(nx.bridges(simple))
    cut_nodes = set(nx.articulation_points(simple))
    idom = _nx_block_dominators(simple, roots)
    return time.perf_counter() - start, bridges, cut_nodes, idom


def _nx_idom_child(n, u, v, roots, queue):
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(u.tolist(), v.tolist()))
    g.add_edges_from(zip(v.tolist(), u.tolist()))
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    g.add_edges_from(("S", int(r)) for r in roots)
    start = time.perf_counter()
    idom = nx.immediate_dominators(g, "S")
    elapsed = time.perf_counter() - start
    out = np.full(n, -1, dtype=np.int64)
    for node, parent in idom.items():
        if node != "S":
            out[node] = n if parent == "S" else parent
    queue.put((elapsed, out))


def nx_immediate_dominators(n, u, v, roots, limit):
    """nx.immediate_dominators in a child process: (seconds, idom) or (None, None) past limit."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_nx_idom_child, args=(n, u, v, roots, queue))
    child.start()
    try:
        return queue.get(timeout=limit)
    except Exception:  # queue.Empty: still running after the limit
        return None, None
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def compare_with_networkx(n, u, v, roots, idom_limit=120.0):
    """Times ours and networkx on the same graph; raises AssertionError on any difference."""
    from fibre_resilience.core import graph

    start = time.perf_counter()
    is_bridge, is_cut = graph.bridges_and_cut_nodes(n, u, v)
    dom = graph.dominator_tree(n, u, v, roots)
    ours = time.perf_counter() - start
    nx_time, nx_bridges, nx_cut, nx_idom = nx_results(n, u, v, roots)

    key = np.minimum(u, v) * n + np.maximum(u, v)
    keys, counts = np.unique(key[u != v], return_counts=True)
    single = set(keys[counts == 1].tolist())
    nx_bridge_keys = {min(a, b) * n + max(a, b) for a, b in nx_bridges}
    expected = nx_bridge_keys & single  # parallel lines are never bridges
    assert set(key[is_bridge].tolist()) == expected, "bridges differ from networkx"
    assert set(np.flatnonzero(is_cut).tolist()) == nx_cut, "cut nodes differ from networkx"
    expected_idom = np.full(n, -1, dtype=np.int64)
    for node, parent in nx_idom.items():
        if node != "S":
            expected_idom[node] = n if parent == "S" else parent
    assert np.array_equal(dom.idom[:n], expected_idom), "dominators differ from networkx"
    print(
        f"identical results: {int(is_bridge.sum())} bridges, {int(is_cut.sum())} cut nodes, "
        f"{int((dom.idom[:n] >= 0).sum())} dominators"
    )
    report(
        "bridges + cut nodes + dominators (networkx: bridges, articulation_points, "
        "biconnected_components)",
        ours,
        nx_time,
        "networkx",
        target=10,
    )

    idom_time, nx_direct = nx_immediate_dominators(n, u, v, roots, idom_limit)
    start = time.perf_counter()
    graph.dominator_tree(n, u, v, roots)
    ours_dom = time.perf_counter() - start
    if idom_time is None:
        print(
            f"nx.immediate_dominators: not done after {idom_limit:.0f} s (ours "
            f"{ours_dom:.2f} s): ratio > {idom_limit / ours_dom:.0f}x"
        )
    else:
        assert np.array_equal(dom.idom[:n], nx_direct), "nx.immediate_dominators differs"
        report(
            "immediate dominators (nx.immediate_dominators), identical",
            ours_dom,
            idom_time,
            "networkx",
            target=10,
        )


def processing_end_to_end():
    """fibreresilience:redundancygaps through processing.run on the regional GeoPackage:
    reading the layers, the core and writing every output, as a user runs it."""
    from .common import qgis_app

    qgis_app()
    from qgis import processing
    from qgis.core import QgsVectorLayer

    def gpkg(name, where=None):
        lyr = QgsVectorLayer(f"{REGION}|layername={name}", name, "ogr")
        if where:
            lyr.setSubsetString(where)
        return lyr

    tech = "nd_code IN (SELECT st_nd_code FROM t_site WHERE st_typelog = 'RESEAU' AND {})"
    parameters = {
        "NETWORK": gpkg("t_cheminement"),
        "FROM_FIELD": "cm_ndcode1",
        "TO_FIELD": "cm_ndcode2",
        "ROOTS": gpkg("t_noeud", tech.format("st_typephy = 'SHE'")),
        "ROOT_NODE_FIELD": "nd_code",
        "PREMISES": gpkg("t_adresse"),
        "PREMISES_COUNT": '"ad_nbfotth"',
        "SITES": gpkg("t_noeud", tech.format("st_typephy <> 'SHE'")),
        "SITE_NODE_FIELD": "nd_code",
        "MAX_SNAP": 50.0,
        "OUTPUT_SEGMENTS": "memory:",
        "OUTPUT_SITES": "memory:",
        "OUTPUT_GROUPS": "memory:",
    }
    start = time.perf_counter()
    result = processing.run("fibreresilience:redundancygaps", parameters)
    elapsed = time.perf_counter() - start
    print(
        f"redundancygaps through processing.run (read, analyse, write): {elapsed:.1f} s, "
        f"target < 60 s: {'met' if elapsed < 60 else 'NOT met'}; "
        f"{result['OUTPUT_SEGMENTS'].featureCount()} lines written, "
        f"{result['PREMISES_AT_RISK']:g} premises behind a single point of failure"
    )
    return elapsed


def main(scale=1.0, idom_limit=None, synthetic=False):
    # nx.immediate_dominators is quadratic here: below scale 1 give it a share of 120 s.
    if idom_limit is None:
        idom_limit = max(5.0, 120.0 * min(scale, 1.0))
    import_plugin_package()
    from fibre_resilience.core.network import build_model
    from fibre_resilience.core.redundancy import analyse_redundancy

    data = regional_region() if scale == 1.0 and not synthetic else None
    if data is None:
        data = synthetic_region(scale)
    print(
        f"network: {data['source']}: {len(data['lines'])} lines, "
        f"{len(data['premises'])} premises points, {len(data['root_ids'])} roots, "
        f"{len(data['site_ids'])} sites"
    )
    times = {}
    with timed(times, "model"):
        model = build_model(
            data["lines"],
            from_ids=data["nd1"],
            to_ids=data["nd2"],
            root_ids=data["root_ids"],
            premises=data["premises"],
            premises_count=data["counts"],
            site_ids=data["site_ids"],
            max_snap=50.0,
            srlg=data["srlg"],
        )
    with timed(times, "redundancy"):
        result = analyse_redundancy(model)
    end_to_end = times["model"] + times["redundancy"]
    print(
        f"redundancygaps core end to end: {end_to_end:.2f} s (build model "
        f"{times['model']:.2f} s, analysis {times['redundancy']:.2f} s), target < 60 s: "
        f"{'met' if end_to_end < 60 else 'NOT met'}"
    )
    print(f"  {len(model.defects)} defects; summary {result.summary}")

    _, u, v = model.network.edges()
    compare_with_networkx(model.network.n_nodes, u, v, model.root_nodes, idom_limit)
    if data["source"] == str(REGION):
        processing_end_to_end()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--idom-limit",
        type=float,
        default=None,
        help="seconds given to nx.immediate_dominators (quadratic here; default 120 x scale)",
    )
    parser.add_argument(
        "--synthetic",
        action="store_true",
        help="the synthetic network even when the regional delivery exists",
    )
    args = parser.parse_args()
    main(scale=args.scale, idom_limit=args.idom_limit, synthetic=args.synthetic)
