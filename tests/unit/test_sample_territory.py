"""The bundled sample territory and its generator (scripts/sample_territory.py).

The committed files are read with OGR/GDAL and checked against independent oracles: shapely
for the geometry facts, networkx for the network facts (paths, edge-disjoint paths, trees).
"""

import importlib.util
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample"
TERRITORY = SAMPLE / "territory.gpkg"
GRACETHD = SAMPLE / "gracethd_v3.gpkg"
DEPTH = SAMPLE / "flood_depth_04Fai.tif"

# the facts documented in resources/sample/README.md
FACTS = {
    "premises": 3497,
    "premises_by_nro": {"NRO-001": 2138, "NRO-002": 801, "NRO-003": 558},
    "loop_nros": {"NRO-001", "NRO-002"},
    "single_homed_nro": "NRO-003",
    "communes": 5,
}


def read(path, layer):
    """Features of a layer as (shapely geometry or None, attribute dict)."""
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    assert lyr is not None, f"missing layer {layer} in {path.name}"
    out = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        out.append((shapely.from_wkb(bytes(geom.ExportToWkb())) if geom else None, feat.items()))
    return out


def layer_info(path, layer):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    defn = lyr.GetLayerDefn()
    fields = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
    srs = lyr.GetSpatialRef()
    epsg = srs.GetAuthorityCode(None) if srs is not None else None
    return ogr.GT_Flatten(lyr.GetGeomType()), fields, epsg, lyr.GetFeatureCount()


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "sample_territory", REPO / "scripts" / "sample_territory.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tables():
    names = [
        "t_noeud",
        "t_cheminement",
        "t_cable",
        "t_cableline",
        "t_cab_chem",
        "t_site",
        "t_local",
        "t_ptech",
        "t_ebp",
        "t_adresse",
        "t_znro",
        "t_zsro",
        "t_zpbo",
    ]
    return {n: read(GRACETHD, n) for n in names}


@pytest.fixture(scope="module")
def territory():
    names = ["communes", "flood_zones", "river", "roads", "sensitive_sites", "depots"]
    return {n: read(TERRITORY, n) for n in names}


def flood(territory, scenario):
    return shapely.union_all([g for g, a in territory["flood_zones"] if a["scenario"] == scenario])


def attrs(rows):
    return [a for _, a in rows]


# --------------------------------------------------------------------------- files and schema


def test_files_exist_and_stay_small():
    for path in (TERRITORY, GRACETHD, DEPTH, SAMPLE / "README.md"):
        assert path.is_file(), path
    total = sum(p.stat().st_size for p in SAMPLE.iterdir() if p.is_file())
    assert total < 4.2e6


TERRITORY_SCHEMA = {
    "communes": (ogr.wkbMultiPolygon, {"insee", "nom", "population"}),
    "flood_zones": (ogr.wkbMultiPolygon, {"id_s_inond", "id_tri", "typ_inond", "scenario"}),
    "river": (ogr.wkbLineString, {"river_id", "name"}),
    "roads": (
        ogr.wkbLineString,
        {"osm_id", "highway", "maxspeed", "oneway", "bridge", "ford", "name"},
    ),
    "sensitive_sites": (ogr.wkbPoint, {"site_id", "name", "kind", "insee"}),
    "depots": (ogr.wkbPoint, {"depot_id", "name"}),
}

GRACETHD_SCHEMA = {
    "t_noeud": (ogr.wkbPoint, {"nd_code", "nd_type"}),
    "t_cheminement": (
        ogr.wkbLineString,
        {
            "cm_code",
            "cm_ndcode1",
            "cm_ndcode2",
            "cm_typ_imp",
            "cm_typelog",
            "cm_passage",
            "cm_statut",
            "cm_avct",
        },
    ),
    "t_cable": (
        ogr.wkbNone,
        {"cb_code", "cb_nd1", "cb_nd2", "cb_typelog", "cb_capafo", "cb_bp1", "cb_bp2", "cb_lgreel"},
    ),
    "t_cableline": (ogr.wkbLineString, {"cl_code", "cl_cb_code", "cl_long"}),
    "t_cab_chem": (ogr.wkbNone, {"cc_cb_code", "cc_cm_code"}),
    "t_site": (ogr.wkbNone, {"st_code", "st_nd_code", "st_ad_code", "st_typelog", "st_nom"}),
    "t_local": (ogr.wkbNone, {"lc_code", "lc_st_code", "lc_typelog", "lc_bp_codf"}),
    "t_ptech": (ogr.wkbNone, {"pt_code", "pt_nd_code", "pt_typephy", "pt_nature"}),
    "t_ebp": (ogr.wkbNone, {"bp_code", "bp_pt_code", "bp_typelog", "bp_typephy"}),
    "t_adresse": (
        ogr.wkbPoint,
        {"ad_code", "ad_insee", "ad_nblres", "ad_nblpro", "ad_nblent", "ad_nblpub", "ad_prio"},
    ),
    "t_znro": (ogr.wkbMultiPolygon, {"zn_code", "zn_nd_code", "zn_lc_code"}),
    "t_zsro": (ogr.wkbMultiPolygon, {"zs_code", "zs_lc_code", "zs_zn_code"}),
    "t_zpbo": (ogr.wkbMultiPolygon, {"zp_code", "zp_bp_code", "zp_zs_code", "zp_nd_code"}),
}


@pytest.mark.parametrize(
    "path,schema", [(TERRITORY, TERRITORY_SCHEMA), (GRACETHD, GRACETHD_SCHEMA)]
)
def test_layers_fields_and_crs(path, schema):
    for layer, (gtype, fields) in schema.items():
        got_type, got_fields, epsg, count = layer_info(path, layer)
        assert got_type == gtype, layer
        assert fields <= got_fields, (layer, fields - got_fields)
        assert count > 0, layer
        if gtype != ogr.wkbNone:
            assert epsg == "2154", layer
        # GraceTHD table and field names are lower case
        assert layer == layer.lower() and all(f == f.lower() for f in got_fields)


def test_communes_tile_the_territory(territory):
    polys = [g for g, _ in territory["communes"]]
    assert 4 <= len(polys) <= 6 and len(polys) == FACTS["communes"]
    union = shapely.union_all(polys)
    assert abs(sum(p.area for p in polys) - union.area) < 1.0  # no overlaps
    assert abs(union.area - shapely.envelope(union).area) < 1.0  # no holes
    for a in attrs(territory["communes"]):
        assert a["insee"][:2] in ("59", "62") and len(a["insee"]) == 5
        assert a["population"] > 0
    x, y = union.centroid.x, union.centroid.y
    assert 600000 < x < 700000 and 7000000 < y < 7060000


# --------------------------------------------------------------------------- floods


def test_flood_scenarios_are_nested(territory):
    scen = {a["scenario"] for a in attrs(territory["flood_zones"])}
    assert scen == {"01For", "02Moy", "04Fai"}
    for a in attrs(territory["flood_zones"]):
        assert a["typ_inond"] == 1 and a["id_tri"] and a["id_s_inond"]
    f1, f2, f4 = (flood(territory, s) for s in ("01For", "02Moy", "04Fai"))
    assert f1.area < f2.area < f4.area
    assert shapely.difference(f1, f2).area < 1.0
    assert shapely.difference(f2, f4).area < 1.0
    river = shapely.union_all([g for g, _ in territory["river"]])
    assert shapely.difference(river, f1.buffer(1.0)).length < 1.0


def test_depth_raster_matches_04fai(territory):
    ds = gdal.Open(str(DEPTH))
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Float32
    assert band.GetNoDataValue() == -9999
    gt = ds.GetGeoTransform()
    assert gt[1] == 25 and gt[5] == -25
    srs = ds.GetSpatialRef()
    assert srs.GetAuthorityCode(None) == "2154"
    arr = band.ReadAsArray()
    valid = arr != -9999
    assert arr[valid].min() >= 0
    assert 2.5 < arr[valid].max() <= 3.0 + 1e-6
    rows, cols = np.nonzero(np.ones_like(arr, dtype=bool))
    xs = gt[0] + (cols + 0.5) * gt[1]
    ys = gt[3] + (rows + 0.5) * gt[5]
    f1, f4 = flood(territory, "01For"), flood(territory, "04Fai")
    inside4 = shapely.contains_xy(f4, xs, ys).reshape(arr.shape)
    inside1 = shapely.contains_xy(f1, xs, ys).reshape(arr.shape)
    # valid cells and the 04Fai polygon agree except along its boundary
    disagree = (inside4 != valid).sum()
    assert disagree < 0.01 * valid.sum()
    # deeper near the river: mean depth in 01For well above the rest of 04Fai
    assert arr[inside1 & valid].mean() > arr[inside4 & ~inside1 & valid].mean() + 1.0


# --------------------------------------------------------------------------- roads


def road_graph(rows, keep=lambda a: True):
    g = nx.Graph()
    for geom, a in rows:
        if keep(a):
            c = shapely.get_coordinates(geom)
            g.add_edge(tuple(np.round(c[0], 3)), tuple(np.round(c[-1], 3)), osm=a["osm_id"])
    return g


def test_roads_are_split_at_intersections(territory):
    geoms = np.array([g for g, _ in territory["roads"]])
    tree = shapely.STRtree(geoms)
    crossing = tree.query(geoms, predicate="crosses")
    assert crossing.shape[1] == 0
    g = road_graph(territory["roads"])
    assert g.number_of_edges() == len(geoms)
    assert nx.is_connected(g)


def test_road_attributes_have_osmnx_quirks(territory):
    a = attrs(territory["roads"])
    hw = {r["highway"] for r in a}
    assert {"motorway", "primary", "secondary", "residential", "track", "footway"} <= hw
    speeds = [r["maxspeed"] for r in a]
    assert None in speeds and "nan" in speeds
    assert any(s and s.startswith("[") for s in speeds)
    assert {r["oneway"] for r in a} <= {"yes", "no", "-1", None}
    assert {"yes", "no", "-1", None} <= {r["oneway"] for r in a}
    assert sum(r["ford"] == "yes" for r in a) >= 1
    assert len({r["osm_id"] for r in a}) == len(a)


def test_river_splits_roads_except_bridges(territory):
    river = shapely.union_all([g for g, _ in territory["river"]])
    crossing = [a for g, a in territory["roads"] if g.intersects(river)]
    assert crossing and all(a["bridge"] == "yes" or a["ford"] == "yes" for a in crossing)
    assert sum(a["bridge"] == "yes" for a in crossing) >= 3
    # without bridges and fords, the depots on the two banks are cut apart
    g = road_graph(territory["roads"], lambda a: a["bridge"] != "yes" and a["ford"] != "yes")
    comp = {n: i for i, c in enumerate(nx.connected_components(g)) for n in c}
    depots = [tuple(np.round(shapely.get_coordinates(p)[0], 3)) for p, _ in territory["depots"]]
    assert all(d in comp for d in depots)
    assert len({comp[d] for d in depots}) >= 2


def test_flood_cuts_valley_roads(territory):
    f1, f4 = flood(territory, "01For"), flood(territory, "04Fai")
    in1 = [a for g, a in territory["roads"] if g.intersects(f1)]
    in4 = [a for g, a in territory["roads"] if g.intersects(f4)]
    assert len(in1) > 0 and len(in4) > len(in1)
    assert any(a["bridge"] != "yes" for a in in1)


def test_sensitive_sites_and_depots(territory):
    sites = territory["sensitive_sites"]
    kinds = [a["kind"] for _, a in sites]
    assert kinds.count("mairie") == len(territory["communes"])
    assert {"mairie", "ehpad", "sdis", "hopital"} <= set(kinds)
    by_insee = {a["insee"]: g for g, a in territory["communes"]}
    for g, a in sites:
        assert by_insee[a["insee"]].contains(g)
    f2 = flood(territory, "02Moy")
    assert any(g.within(f2) for g, _ in sites)
    assert 2 <= len(territory["depots"]) <= 3
    f4 = flood(territory, "04Fai")
    assert not any(g.within(f4) for g, _ in territory["depots"])


# --------------------------------------------------------------------------- GraceTHD network


def by(rows, key):
    return {a[key]: (g, a) for g, a in rows}


def test_route_ends_are_nodes(tables):
    nodes = by(tables["t_noeud"], "nd_code")
    assert len(nodes) == len(tables["t_noeud"])
    for geom, a in tables["t_cheminement"]:
        for end, code in ((0, a["cm_ndcode1"]), (-1, a["cm_ndcode2"])):
            assert code in nodes
            pt = nodes[code][0]
            assert np.allclose(shapely.get_coordinates(geom)[end], [pt.x, pt.y], atol=0.01)
    imp = {a["cm_typ_imp"] for _, a in tables["t_cheminement"]}
    assert imp & {"0", "1"} and imp & {"4", "5", "6", "7", "8"} and "2" in imp
    assert {a["cm_typelog"] for _, a in tables["t_cheminement"]} <= {
        "CO",
        "TR",
        "DI",
        "CT",
        "CD",
        "TD",
        "CX",
    }


def cable_routes(tables):
    routes = defaultdict(set)
    for _, a in tables["t_cab_chem"]:
        routes[a["cc_cb_code"]].add(a["cc_cm_code"])
    return routes


def test_every_cable_runs_on_routes_from_end_to_end(tables):
    chem = by(tables["t_cheminement"], "cm_code")
    routes = cable_routes(tables)
    lines = {a["cl_cb_code"] for _, a in tables["t_cableline"]}
    for _, c in tables["t_cable"]:
        assert c["cb_code"] in lines
        cms = routes[c["cb_code"]]
        assert cms and cms <= set(chem)
        g = nx.Graph()
        g.add_edges_from((chem[m][1]["cm_ndcode1"], chem[m][1]["cm_ndcode2"]) for m in cms)
        assert nx.has_path(g, c["cb_nd1"], c["cb_nd2"]), c["cb_code"]
        assert {c["cb_typelog"]} <= {"CO", "TR", "DI"}


def site_nodes(tables):
    """Local code -> (typelog, node code, name) for the technical sites."""
    sites = by([(None, a) for _, a in tables["t_site"]], "st_code")
    out = {}
    for _, lc in tables["t_local"]:
        if lc["lc_typelog"] in ("NRO", "SRO", "OPE"):
            st = sites[lc["lc_st_code"]][1]
            out[lc["lc_code"]] = (lc["lc_typelog"], st["st_nd_code"], st["st_nom"])
    return out


def test_premises_totals_and_tree_below_sros(tables):
    adr = attrs(tables["t_adresse"])
    declared = sum(a["ad_nblres"] + a["ad_nblpro"] + a["ad_nblent"] + a["ad_nblpub"] for a in adr)
    client = [a for _, a in tables["t_local"] if a["lc_typelog"] in ("RES", "PRO", "ENT", "PUB")]
    assert declared == len(client) == FACTS["premises"]
    assert {a["ad_prio"] for a in adr} == {"0", "1"}

    techs = site_nodes(tables)
    ebp = by([(None, a) for _, a in tables["t_ebp"]], "bp_code")
    ptech = by([(None, a) for _, a in tables["t_ptech"]], "pt_code")
    zpbo = {a["zp_bp_code"]: a for a in attrs(tables["t_zpbo"])}
    zsro = {a["zs_code"]: a for a in attrs(tables["t_zsro"])}
    znro = {a["zn_code"]: a for a in attrs(tables["t_znro"])}
    # oracle: the distribution cables form a forest; each tree holds exactly one SRO
    di = nx.Graph()
    di.add_edges_from(
        (c["cb_nd1"], c["cb_nd2"]) for _, c in tables["t_cable"] if c["cb_typelog"] == "DI"
    )
    sro_node = {nd: name for kind, nd, name in techs.values() if kind == "SRO"}
    assert nx.is_forest(di)
    root_of = {}
    for comp in nx.connected_components(di):
        roots = [n for n in comp if n in sro_node]
        assert len(roots) == 1
        root_of.update({n: sro_node[roots[0]] for n in comp})
    per_nro = defaultdict(int)
    for lc in client:
        bp = ebp[lc["lc_bp_codf"]][1]
        assert bp["bp_typelog"] == "PBO"
        pbo_node = ptech[bp["bp_pt_code"]][1]["pt_nd_code"]
        zs = zsro[zpbo[bp["bp_code"]]["zp_zs_code"]]
        assert techs[zs["zs_lc_code"]][2] == root_of[pbo_node]
        per_nro[techs[znro[zs["zs_zn_code"]]["zn_lc_code"]][2]] += 1
    assert dict(per_nro) == FACTS["premises_by_nro"]
    # each SRO is fed by a transport cable from the NRO of its zone
    tr = {(c["cb_nd1"], c["cb_nd2"]) for _, c in tables["t_cable"] if c["cb_typelog"] == "TR"}
    for zs in zsro.values():
        nro_nd = techs[znro[zs["zs_zn_code"]]["zn_lc_code"]][1]
        assert (nro_nd, techs[zs["zs_lc_code"]][1]) in tr


def test_zones_contain_their_pbo(tables):
    nodes = by(tables["t_noeud"], "nd_code")
    for geom, a in tables["t_zpbo"]:
        assert geom.buffer(0.01).contains(nodes[a["zp_nd_code"]][0])
    for geom, a in tables["t_znro"]:
        assert geom.buffer(0.01).contains(nodes[a["zn_nd_code"]][0])


def test_collecte_loop_shares_one_bridge_and_one_nro_is_single_homed(tables):
    techs = site_nodes(tables)
    name_of = {nd: name for _, nd, name in techs.values()}
    pop = [nd for kind, nd, _ in techs.values() if kind == "OPE"]
    assert len(pop) == 1
    co = [c for _, c in tables["t_cable"] if c["cb_typelog"] == "CO"]
    g = nx.MultiGraph()
    for c in co:
        g.add_edge(c["cb_nd1"], c["cb_nd2"], code=c["cb_code"])
    nros = [nd for kind, nd, _ in techs.values() if kind == "NRO"]
    paths = {name_of[n]: len(list(nx.edge_disjoint_paths(g, pop[0], n))) for n in nros}
    assert {n for n, k in paths.items() if k >= 2} == FACTS["loop_nros"]
    assert paths[FACTS["single_homed_nro"]] == 1
    # both arms of the loop (POP -> NRO cables) run through the same bridge route
    chem = by(tables["t_cheminement"], "cm_code")
    routes = cable_routes(tables)
    arms = [c for c in co if c["cb_nd1"] == pop[0] and name_of[c["cb_nd2"]] in FACTS["loop_nros"]]
    assert len(arms) == 2
    shared = routes[arms[0]["cb_code"]] & routes[arms[1]["cb_code"]]
    river = shapely.union_all([g for g, _ in read(TERRITORY, "river")])
    bridges = [m for m in shared if chem[m][1]["cm_passage"] == "PON"]
    assert any(chem[m][0].intersects(river) for m in bridges)
    # oracle: over the routes carrying collecte, one route cut isolates both loop NROs
    rg = nx.Graph()
    for c in co:
        for m in routes[c["cb_code"]]:
            rg.add_edge(chem[m][1]["cm_ndcode1"], chem[m][1]["cm_ndcode2"], cm=m)
    loop_nodes = [n for n in nros if name_of[n] in FACTS["loop_nros"]]
    for n in loop_nodes:
        assert nx.edge_connectivity(rg, pop[0], n) == 1


def test_some_sros_fed_by_a_ring(tables):
    techs = site_nodes(tables)
    sro = {nd for kind, nd, _ in techs.values() if kind == "SRO"}
    deg = defaultdict(int)
    for _, c in tables["t_cable"]:
        if c["cb_typelog"] == "TR":
            deg[c["cb_nd1"]] += 1
            deg[c["cb_nd2"]] += 1
    ring = [s for s in sro if deg[s] >= 2]
    assert 1 <= len(ring) < len(sro) / 2


def test_network_reaches_into_the_flood(tables, territory):
    f4 = flood(territory, "04Fai")
    assert any(g.intersects(f4) for g, _ in tables["t_cheminement"])
    assert any(g.within(f4) for g, a in tables["t_noeud"] if a["nd_type"] == "PT")


# --------------------------------------------------------------------------- generator


def counts_and_coords(folder):
    out = {}
    for name in ("territory.gpkg", "gracethd_v3.gpkg"):
        ds = ogr.Open(str(Path(folder) / name))
        for i in range(ds.GetLayerCount()):
            lyr = ds.GetLayerByIndex(i)
            out[(name, lyr.GetName())] = lyr.GetFeatureCount()
    out["roads"] = np.concatenate(
        [shapely.get_coordinates(g) for g, _ in read(Path(folder) / "territory.gpkg", "roads")]
    )
    out["nodes"] = np.concatenate(
        [shapely.get_coordinates(g) for g, _ in read(Path(folder) / "gracethd_v3.gpkg", "t_noeud")]
    )
    return out


def test_generator_is_deterministic_and_scales(tmp_path):
    gen = load_generator()
    quiet = lambda *_: None  # noqa: E731
    gen.generate(tmp_path / "a", scale=0.05, log=quiet)
    gen.generate(tmp_path / "b", scale=0.05, log=quiet)
    gen.generate(tmp_path / "c", scale=0.2, log=quiet)
    # The same seed and scale give the same files, byte for byte (no write time inside).
    for name in sorted(path.name for path in (tmp_path / "a").iterdir()):
        first, again = (tmp_path / k / name for k in "ab")
        assert first.read_bytes() == again.read_bytes(), name
    a, b, c = (counts_and_coords(tmp_path / k) for k in "abc")
    assert a.keys() == b.keys()
    for key in a:
        if isinstance(a[key], np.ndarray):
            assert np.array_equal(a[key], b[key]), key
        else:
            assert a[key] == b[key], key
    for key in [
        ("territory.gpkg", "roads"),
        ("gracethd_v3.gpkg", "t_local"),
        ("gracethd_v3.gpkg", "t_cheminement"),
        ("gracethd_v3.gpkg", "t_adresse"),
    ]:
        assert c[key] > a[key], key
    assert a[("territory.gpkg", "flood_zones")] == 3
    assert (tmp_path / "a" / "flood_depth_04Fai.tif").is_file()


def test_scale_semantics_reach_regional_figures():
    gen = load_generator()
    full = gen.scale_counts(200)
    assert full["premises"] == 700000 and full["nros"] == 130 and full["sros"] == 1500
    assert abs(2 * full["nx"] * full["ny"] - 1_000_000) < 20_000  # road edges of the grid
    small = gen.scale_counts(1)
    assert small["premises"] == 3500 and small["nros"] == 3
    with pytest.raises(ValueError):
        gen.scale_counts(0)
