"""The catalogue of bad inputs (tests/data/bad_inputs.yaml): its loader, the small layers it
names, and the checks both runners make (tests/qgis/test_bad_inputs.py through Processing,
tests/cli/test_bad_inputs_cli.py through scripts/qgis-process).

This module needs GDAL's Python bindings and PyYAML, not QGIS: the CLI runner uses it in a
process that never starts QGIS.

Inputs are named in the catalogue:

- ``make:<name>`` one of the layers of :data:`MAKERS`, written once per session by
  :func:`build_library` with GDAL (a GeoPackage ``<name>.gpkg`` holding one layer ``<name>``,
  a shapefile, a raster, or a GraceTHD delivery);
- ``sample:<file>[|layername=…]`` a file of the bundled sample territory (copied, never
  written);
- ``out:<relative path>`` a destination in the case's own output folder;
- ``input:<KEY>`` the file that parameter ``KEY`` reads (to ask for output = input).

Every case runs on its own copies of its input files (``<case>/in``) and writes into its own
folder (``<case>/out``), so that a case that wrongly overwrites its input harms no other case,
and "nothing left behind" means an empty folder.
"""

import contextlib
import hashlib
import shutil
from pathlib import Path
from typing import Dict, List, Optional

import yaml
from osgeo import gdal, ogr, osr

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "tests" / "data" / "bad_inputs.yaml"
SAMPLE = REPO / "resources" / "sample"


@contextlib.contextmanager
def gdal_raises():
    """GDAL, OGR and OSR raise while the harness writes or reads its files, and are put back
    as they were after (turned on for good at import, they changed every other test of the
    session: GDAL behaves differently with exceptions on)."""
    turn_on = not gdal.GetUseExceptions()
    if turn_on:
        gdal.UseExceptions()
        ogr.UseExceptions()
        osr.UseExceptions()
    try:
        yield
    finally:
        if turn_on:  # the last turned on first: GDAL keeps them as a stack
            osr.DontUseExceptions()
            ogr.DontUseExceptions()
            gdal.DontUseExceptions()


# --------------------------------------------------------------------------- catalogue


def load_catalogue(path: Path = CATALOGUE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def cases(catalogue: Optional[dict] = None) -> List[dict]:
    """Every case, its parameters merged over its algorithm's ``base`` and ``outputs``
    (a parameter set to null in a case is left out)."""
    catalogue = catalogue or load_catalogue()
    out = []
    for alg, spec in catalogue["algorithms"].items():
        for case in spec["cases"]:
            params = dict(spec.get("base") or {})
            params.update(spec.get("outputs") or {})
            params.update(case.get("params") or {})
            params = {k: v for k, v in params.items() if v is not None}
            merged = dict(case)
            merged.update(algorithm=alg, params=params, id=f"{alg}-{case['id']}")
            out.append(merged)
    return out


# --------------------------------------------------------------------------- small layers

X0, Y0 = 650000.0, 7030000.0
NODES = {
    "R": (0, 0),
    "A": (100, 0),
    "B": (200, 0),
    "C": (200, 100),
    "D": (100, 100),
    "E": (300, 0),
    "F": (400, 0),
}


def _xy(name, dx=0.0, dy=0.0):
    x, y = NODES[name]
    return f"{X0 + x + dx} {Y0 + y + dy}"


def _line(a, b, dx=0.0, dy=0.0):
    return f"LINESTRING ({_xy(a)}, {_xy(b, dx, dy)})"


def _point(name, dx=0.0, dy=0.0):
    return f"POINT ({_xy(name, dx, dy)})"


def _box(x1, y1, x2, y2):
    ring = [(x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1)]
    return "POLYGON ((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in ring) + "))"


# A loop R-A-B-C-D-A with a spur B-E-F: both arms of the loop share group G2 (lines 2 and
# 5), so the loop is no diversity at all. Lines 6 and 7 lie in the level-3 zone Z1.
LINES = {
    "kind": "LineString",
    "fields": [
        ("id", "int"),
        ("nd1", "str"),
        ("nd2", "str"),
        ("srlg", "str"),
        ("speed", "int"),
        ("level", "int"),
        ("prem", "int"),
        ("note", "str"),
    ],
    "rows": [
        (_line("R", "A"), [1, "R", "A", "G1", 50, 0, 10, "duct"]),
        (_line("A", "B"), [2, "A", "B", "G2", 50, 1, 8, "duct"]),
        (_line("B", "C"), [3, "B", "C", "G3", 30, 2, 3, "pole"]),
        (_line("C", "D"), [4, "C", "D", "G4", 30, 0, 2, "pole"]),
        (_line("D", "A"), [5, "D", "A", "G2", 30, 0, 0, "duct"]),
        (_line("B", "E"), [6, "B", "E", "G5", 50, 3, 5, "pole"]),
        (_line("E", "F"), [7, "E", "F", "G6", 50, 4, 1, "pole"]),
    ],
}
ZONES = {
    "kind": "Polygon",
    "fields": [("id", "int"), ("level", "int"), ("scenario", "str"), ("depth", "float")],
    "rows": [
        (_box(250, -50, 450, 50), [1, 3, "02Moy", 1.2]),
        (_box(150, -30, 230, 130), [2, 1, "04Fai", 0.2]),
    ],
}
ROOTS = {
    "kind": "Point",
    "fields": [("node", "str"), ("name", "str")],
    "rows": [(_point("R"), ["R", "NRO1"])],
}
PREMISES = {
    "kind": "Point",
    "fields": [("id", "int"), ("node", "str"), ("n", "int"), ("nro", "str")],
    "rows": [
        (_point("C", 5, 5), [1, "C", 3, "NRO1"]),
        (_point("D", 5, 5), [2, "D", 2, "NRO1"]),
        (_point("E", 5, 5), [3, "E", 5, "NRO1"]),
        (_point("F", 5, 5), [4, "F", 1, "NRO1"]),
    ],
}
SITES = {
    "kind": "Point",
    "fields": [("site_id", "str"), ("node", "str"), ("name", "str")],
    "rows": [(_point("C"), ["S1", "C", "Mairie"]), (_point("F"), ["S2", "F", "Ehpad"])],
}
DEPOTS = {
    "kind": "Point",
    "fields": [("name", "str")],
    "rows": [(_point("R", -10, 0), ["DEP1"])],
}
TARGETS = {
    "kind": "Point",
    "fields": [("id", "int"), ("name", "str")],
    "rows": [
        (_point("C", 3, 3), [1, "T-C"]),
        (_point("E", 3, 3), [2, "T-E"]),
        (_point("F", 3, 3), [3, "T-F"]),
    ],
}
COMMUNES = {
    "kind": "Polygon",
    "fields": [("insee", "str"), ("nom", "str")],
    "rows": [(_box(-100, -100, 500, 200), ["59900", "Bavelhem"])],
}
# Assets as scored routes / exposed premises for the report.
REPORT_PREMISES = {
    "kind": "Point",
    "fields": [
        ("id", "int"),
        ("n", "int"),
        ("gt_nro", "str"),
        ("hz_level", "int"),
        ("hz_failed", "int"),
        ("rd_spof", "int"),
        ("im_cut", "int"),
        ("im_failed", "int"),
    ],
    "rows": [
        (_point("C", 5, 5), [1, 3, "NRO1", 0, 0, 0, 0, 0]),
        (_point("D", 5, 5), [2, 2, "NRO1", 0, 0, 1, 0, 0]),
        (_point("E", 5, 5), [3, 5, "NRO1", 3, 1, 1, 0, 1]),
        (_point("F", 5, 5), [4, 1, "NRO1", 4, 1, 1, 1, 0]),
    ],
}
REPORT_ROUTES = {
    "kind": "LineString",
    "fields": [("code", "str"), ("hz_level", "int"), ("sc_score", "float"), ("sc_rank", "int")],
    "rows": [
        (_line("R", "A"), ["CM1", 0, 10.0, 3]),
        (_line("B", "E"), ["CM6", 3, 75.0, 2]),
        (_line("E", "F"), ["CM7", 4, 100.0, 1]),
    ],
}
# Return periods' outputs for the report: the summary of the reference run of returnperiods
# (02Moy, 100 years: 6 premises cut; 04Fai, 1000 years: 9), lines by first failure.
RP_SUMMARY = {
    "kind": "None",
    "fields": [
        ("aggregate", "str"),
        ("scenario", "str"),
        ("rp", "float"),
        ("aep", "float"),
        ("prem_cut", "float"),
        ("sites_cut", "float"),
        ("length_m", "float"),
    ],
    "rows": [
        (None, [None, "02Moy", 100.0, 0.01, 6.0, 0.0, 200.0]),
        (None, [None, "04Fai", 1000.0, 0.001, 9.0, 0.0, 300.0]),
        (None, [None, "expected annual", None, None, 0.0675, 0.0, 2.25]),
    ],
}
RP_LINES = {
    "kind": "LineString",
    "fields": [("id", "int"), ("rp_first", "float")],
    "rows": [
        (_line("R", "A"), [1, None]),
        (_line("A", "B"), [2, 1000.0]),
        (_line("B", "E"), [6, 100.0]),
        (_line("E", "F"), [7, 100.0]),
    ],
}
# The restoration table, powerresilience's OUTPUT and mitigationplan's ACTIONS and PLAN for
# the report: a 6 h outage with the spur's damage repaired at hour 3 (premises out 17, 17, 11,
# 6, 6, 0, 0), sites A and E of the power reference run, one loop and one burial.
REPORT_RESTORATION = {
    "kind": "None",
    "fields": [
        ("rs_hour", "int"),
        ("rs_out", "float"),
        ("rs_power", "float"),
        ("rs_damage", "float"),
    ],
    "rows": [
        (None, [0, 6.0, 0.0, 6.0]),
        (None, [1, 6.0, 0.0, 6.0]),
        (None, [2, 17.0, 11.0, 6.0]),
        (None, [3, 11.0, 11.0, 0.0]),
        (None, [4, 11.0, 11.0, 0.0]),
        (None, [5, 11.0, 11.0, 0.0]),
        (None, [6, 0.0, 0.0, 0.0]),
    ],
}
REPORT_POWER_SITES = {
    "kind": "Point",
    "fields": [
        ("site_id", "str"),
        ("pw_dark_h", "float"),
        ("pw_prem", "float"),
        ("pw_sens", "float"),
    ],
    "rows": [(_point("A"), ["PA", 2.0, 11.0, 0.0]), (_point("E"), ["PE", 4.0, 6.0, 0.0])],
}
REPORT_ACTIONS = {
    "kind": "LineString",
    "fields": [
        ("mp_rank", "int"),
        ("mp_kind", "str"),
        ("mp_target", "str"),
        ("mp_cost", "float"),
        ("mp_prem", "float"),
        ("mp_owner", "str"),
        ("mp_chosen", "int"),
    ],
    "rows": [
        (_line("R", "D", 0, -60), [1, "loop", "A", 24000.0, 11.0, "operator", 1]),
        (_line("B", "E"), [2, "bury", "CM6", 9000.0, 6.0, "operator", 0]),
    ],
}
REPORT_PLAN = {
    "kind": "None",
    "fields": [
        ("mp_rank", "int"),
        ("mp_kind", "str"),
        ("mp_target", "str"),
        ("mp_cost", "float"),
        ("mp_prem", "float"),
        ("mp_cum_cost", "float"),
        ("mp_cum_prem", "float"),
    ],
    "rows": [(None, [1, "loop", "A", 24000.0, 11.0, 24000.0, 11.0])],
}
LONG_TEXT = "x" * 300
# Active sites for powerresilience: A (every premises depends on it, 4 h battery) and E (the
# spur's 6 premises, 2 h battery); one grid outage zone of 6 h over the whole network.
POWER_SITES = {
    "kind": "Point",
    "fields": [("site_id", "str"), ("autonomy", "float"), ("gen", "int"), ("feeder", "str")],
    "rows": [(_point("A"), ["PA", 4.0, 0, "P1"]), (_point("E"), ["PE", 2.0, 0, "P2"])],
}
# Generator depots with their generator counts: DEP1 by the root, DEP2 at the spur's end.
GEN_DEPOTS = {
    "kind": "Point",
    "fields": [("name", "str"), ("gens", "float")],
    "rows": [(_point("R", -10, 0), ["DEP1", 1.0]), (_point("F", 10, 0), ["DEP2", 1.0])],
}
OUTAGES = {
    "kind": "Polygon",
    "fields": [("zone", "str"), ("hours", "float")],
    "rows": [(_box(-100, -100, 500, 200), ["O1", 6.0])],
}

# restoration: the lines with im_failed (B-E and E-F, ids 6 and 7, fail), crew access to them
# (6: DEP1 60 min under the hazard; 7: unreachable, 20 min in normal conditions) and the
# power of site A (4 h battery, 6 h outage: dark from 4 h to 6 h).
RESTORE_LINES = {
    "kind": "LineString",
    "fields": LINES["fields"] + [("im_failed", "int")],
    "rows": [(w, v + [int(v[0] in (6, 7))]) for w, v in LINES["rows"]],
}
RESTORE_ACCESS = {
    "kind": "None",
    "fields": [
        ("id", "int"),
        ("ac_depot", "str"),
        ("ac_t0_min", "float"),
        ("ac_t1_min", "float"),
        ("ac_reach", "int"),
    ],
    "rows": [(None, [6, "DEP1", 10.0, 60.0, 1]), (None, [7, None, 20.0, None, 0])],
}
RESTORE_POWER = {
    "kind": "Point",
    "fields": [
        ("site_id", "str"),
        ("pw_outage_h", "float"),
        ("pw_autonomy_h", "float"),
        ("pw_gen_h", "float"),
    ],
    "rows": [(_point("A"), ["PA", 6.0, 4.0, None])],
}

# Power resilience's OUTPUT for mitigationplan: A (11 premises behind it) dark 2 h, E (6) lit,
# F (1) dark 3 h.
MP_POWER = {
    "kind": "Point",
    "fields": [
        ("site_id", "str"),
        ("pw_dark_h", "float"),
        ("pw_prem", "float"),
        ("pw_prem_h", "float"),
    ],
    "rows": [
        (_point("A"), ["PA", 2.0, 11.0, 22.0]),
        (_point("E"), ["PE", 0.0, 6.0, 0.0]),
        (_point("F"), ["PF", 3.0, 1.0, 3.0]),
    ],
}
# Failed nodes for restoration: C (its own 3 premises; D is fed round the loop) fails, the
# cabinet at E does not (im_failed 0); NODE_ACCESS puts C 30 min from DEP1.
RESTORE_NODES = {
    "kind": "Point",
    "fields": [("code", "str"), ("kind", "str"), ("im_failed", "int")],
    "rows": [(_point("C", 2, 2), ["N-C", "SRO", 1]), (_point("E", 2, 2), ["N-E", "PBO", 0])],
}
RESTORE_NODE_ACCESS = {
    "kind": "None",
    "fields": [
        ("code", "str"),
        ("ac_depot", "str"),
        ("ac_t0_min", "float"),
        ("ac_t1_min", "float"),
        ("ac_reach", "int"),
    ],
    "rows": [(None, ["N-C", "DEP1", 10.0, 30.0, 1])],
}


def _replace(spec, **changes):
    out = dict(spec)
    out.update(changes)
    return out


def _rows_with(spec, *extra):
    return _replace(spec, rows=list(spec["rows"]) + list(extra))


def _retype(spec, field, kind, convert):
    index = [f for f, _ in spec["fields"]].index(field)
    fields = [(f, kind if f == field else t) for f, t in spec["fields"]]
    rows = [
        (wkt, [convert(v) if i == index else v for i, v in enumerate(values)])
        for wkt, values in spec["rows"]
    ]
    return _replace(spec, fields=fields, rows=rows)


def _drop(spec, field):
    index = [f for f, _ in spec["fields"]].index(field)
    return _replace(
        spec,
        fields=[f for i, f in enumerate(spec["fields"]) if i != index],
        rows=[(w, [v for i, v in enumerate(vals) if i != index]) for w, vals in spec["rows"]],
    )


def _set(spec, row, field, value):
    index = [f for f, _ in spec["fields"]].index(field)
    rows = [(w, list(v)) for w, v in spec["rows"]]
    rows[row][1][index] = value
    return _replace(spec, rows=rows)


def _null_row(spec, wkt=None):
    return _rows_with(spec, (wkt, [None] * len(spec["fields"])))


def _with_values(spec, wkt, **values):
    names = [f for f, _ in spec["fields"]]
    return _rows_with(spec, (wkt, [values.get(n) for n in names]))


# mitigationplan: a road grid around the network, split at every crossing: east-west roads
# 30 m north of the network's rows (y = 30 and 130 run past R, A, B and D, C), north-south
# roads at x = -200 .. 600 every 100 m; 100 m cells.
MP_ROADS = {
    "kind": "LineString",
    "fields": [("name", "str")],
    "rows": [
        (f"LINESTRING ({X0 + x} {Y0 + y}, {X0 + x + 100} {Y0 + y})", [f"Y{y}"])
        for y in range(-270, 331, 100)
        for x in range(-200, 600, 100)
    ]
    + [
        (f"LINESTRING ({X0 + x} {Y0 + y}, {X0 + x} {Y0 + y + 100})", [f"X{x}"])
        for x in range(-200, 601, 100)
        for y in range(-270, 330, 100)
    ],
}
# Return periods of the network's lines (as returnperiods' OUTPUT_LINES keeps them): R-A fails
# once in 100 years, the loop's arms A-B and D-A once in 1,000, the spur once in 10.
MP_RP_LINES = {
    "kind": "LineString",
    "fields": [("id", "int"), ("rp_aep", "float")],
    "rows": [
        (wkt, [values[0], {1: 0.01, 2: 0.001, 5: 0.001, 6: 0.1, 7: 0.1}.get(values[0], 0.0)])
        for wkt, values in LINES["rows"]
    ],
}
# The operator's projects: harden R-A (its failure cuts all 11 premises), and a new link
# from F to R along the south.
MP_CANDIDATES = {
    "kind": "LineString",
    "fields": [("name", "str"), ("cost", "float")],
    "rows": [
        (_line("R", "A"), ["P1-harden", 30000.0]),
        (
            f"LINESTRING ({_xy('F')}, {X0 + 400} {Y0 - 200}, {X0} {Y0 - 200}, {_xy('R')})",
            ["P2-link", 80000.0],
        ),
    ],
}

BOWTIE = (
    f"POLYGON (({X0 + 250} {Y0 - 50}, {X0 + 450} {Y0 + 50}, {X0 + 450} {Y0 - 50}, "
    f"{X0 + 250} {Y0 + 50}, {X0 + 250} {Y0 - 50}))"
)

# name -> (spec, options). Options: crs (None for no CRS, default EPSG:2154), multi, shp.
MAKERS: Dict[str, tuple] = {
    "lines": (LINES, {}),
    "lines_nocrs": (LINES, {"crs": None}),
    "lines_4326": (LINES, {"crs": "EPSG:4326"}),
    "lines_multi": (LINES, {"multi": True}),
    "lines_null_geom": (_with_values(LINES, None, id=8, nd1="F", nd2="G", prem=1), {}),
    "lines_empty_geom": (
        _with_values(LINES, "LINESTRING EMPTY", id=8, nd1="F", nd2="G", prem=1),
        {},
    ),
    "lines_empty": (_replace(LINES, rows=[]), {}),
    "lines_unsnapped": (
        _replace(
            LINES,
            rows=[
                (f"LINESTRING ({_xy('B', 3, 0)}, {_xy('E')})", r[1]) if r[1][0] == 6 else r
                for r in LINES["rows"]
            ],
        ),
        {},
    ),
    "lines_null_keys": (_set(_set(LINES, 5, "nd1", None), 5, "prem", None), {}),
    "lines_level_text": (_retype(LINES, "level", "str", lambda v: f"L{v}"), {}),
    "lines_no_level": (_drop(LINES, "level"), {}),
    "lines_long_text": (_set(LINES, 0, "note", LONG_TEXT), {}),
    "lines_negative": (_set(_set(LINES, 0, "prem", -5), 1, "speed", -30), {}),
    "lines_points": (ROOTS, {}),
    "zones": (ZONES, {}),
    "zones_nocrs": (ZONES, {"crs": None}),
    "zones_4326": (ZONES, {"crs": "EPSG:4326"}),
    "zones_multi": (ZONES, {"multi": True}),
    "zones_bowtie": (_replace(ZONES, rows=[(BOWTIE, ZONES["rows"][0][1]), ZONES["rows"][1]]), {}),
    "zones_null_geom": (_null_row(ZONES), {}),
    "zones_empty_geom": (_null_row(ZONES, "POLYGON EMPTY"), {}),
    "zones_empty": (_replace(ZONES, rows=[]), {}),
    "zones_null_level": (_set(ZONES, 0, "level", None), {}),
    "zones_lines": (_replace(LINES, rows=LINES["rows"][:2]), {}),
    "zones_level_text": (_retype(ZONES, "level", "str", lambda v: f"L{v}"), {}),
    "flood": (_replace(ZONES, rows=ZONES["rows"][:1]), {}),
    "flood_4326": (_replace(ZONES, rows=ZONES["rows"][:1]), {"crs": "EPSG:4326"}),
    "flood_nocrs": (_replace(ZONES, rows=ZONES["rows"][:1]), {"crs": None}),
    "flood_bowtie": (_replace(ZONES, rows=[(BOWTIE, ZONES["rows"][0][1])]), {}),
    "flood_null_geom": (_null_row(_replace(ZONES, rows=ZONES["rows"][:1])), {}),
    "lines_long_node": (_set(LINES, 0, "nd1", LONG_TEXT), {}),
    "roots": (ROOTS, {}),
    "roots_far": (_replace(ROOTS, rows=[(_point("R", 5000, 5000), ["R", "NRO1"])]), {}),
    "roots_4326": (ROOTS, {"crs": "EPSG:4326"}),
    "roots_lines": (_replace(LINES, rows=LINES["rows"][:1]), {}),
    "roots_empty": (_replace(ROOTS, rows=[]), {}),
    "premises": (PREMISES, {}),
    "premises_null_count": (_set(PREMISES, 2, "n", None), {}),
    "premises_negative": (_set(PREMISES, 2, "n", -5), {}),
    "premises_nocrs": (PREMISES, {"crs": None}),
    "premises_multi": (PREMISES, {"multi": True}),
    "premises_null_geom": (_with_values(PREMISES, None, id=5, node="F", n=1), {}),
    "sites": (SITES, {}),
    "sites_null_node": (_set(SITES, 1, "node", None), {}),
    "sites_unknown_node": (_set(SITES, 1, "node", "Z9"), {}),
    "depots": (DEPOTS, {}),
    "depots_far": (_replace(DEPOTS, rows=[(_point("R", -5000, 0), ["DEP1"])]), {}),
    "depots_empty": (_replace(DEPOTS, rows=[]), {}),
    "depots_4326": (DEPOTS, {"crs": "EPSG:4326"}),
    "depots_null_name": (_set(DEPOTS, 0, "name", None), {}),
    "targets": (TARGETS, {}),
    "targets_null_geom": (_with_values(TARGETS, None, id=4, name="T-none"), {}),
    "targets_multi": (TARGETS, {"multi": True}),
    "targets_empty": (_replace(TARGETS, rows=[]), {}),
    "targets_long": (_set(TARGETS, 0, "name", LONG_TEXT), {}),
    "targets_nocrs": (TARGETS, {"crs": None}),
    "communes": (COMMUNES, {}),
    "power_sites": (POWER_SITES, {}),
    "power_sites_null_autonomy": (_set(POWER_SITES, 1, "autonomy", None), {}),
    "power_sites_negative": (_set(POWER_SITES, 1, "autonomy", -2.0), {}),
    "power_sites_far": (
        _with_values(POWER_SITES, _point("R", 5000, 5000), site_id="PX", autonomy=1.0),
        {},
    ),
    "gen_depots": (GEN_DEPOTS, {}),
    "gen_depots_one": (_set(GEN_DEPOTS, 0, "gens", 0.0), {}),
    "gen_depots_negative": (_set(GEN_DEPOTS, 1, "gens", -1.0), {}),
    "gen_depots_null": (_set(GEN_DEPOTS, 1, "gens", None), {}),
    "gen_depots_fraction": (_set(GEN_DEPOTS, 1, "gens", 1.5), {}),
    "outages": (OUTAGES, {}),
    "outages_4326": (OUTAGES, {"crs": "EPSG:4326"}),
    "outages_null_hours": (_set(OUTAGES, 0, "hours", None), {}),
    "flood_depot": (_replace(ZONES, rows=[(_box(-40, -20, 20, 20), [9, 3, "02Moy", 1.0])]), {}),
    "report_premises": (REPORT_PREMISES, {}),
    "report_premises_nocrs": (REPORT_PREMISES, {"crs": None}),
    "report_premises_lines": (_replace(LINES, rows=LINES["rows"][:2]), {}),
    "report_premises_bare": (PREMISES, {}),
    "report_premises_empty": (_replace(REPORT_PREMISES, rows=[]), {}),
    "report_premises_text": (_retype(REPORT_PREMISES, "hz_level", "str", lambda v: f"L{v}"), {}),
    "report_routes": (REPORT_ROUTES, {}),
    "report_routes_4326": (REPORT_ROUTES, {"crs": "EPSG:4326"}),
    "report_routes_long": (_set(REPORT_ROUTES, 0, "code", LONG_TEXT), {}),
    "rp_summary": (RP_SUMMARY, {}),
    "rp_summary_no_prem_cut": (_drop(RP_SUMMARY, "prem_cut"), {}),
    "rp_summary_text": (
        _retype(RP_SUMMARY, "prem_cut", "str", lambda v: None if v is None else f"n{v}"),
        {},
    ),
    "rp_summary_by_nro_only": (
        _replace(RP_SUMMARY, rows=[(w, ["NRO1"] + v[1:]) for w, v in RP_SUMMARY["rows"]]),
        {},
    ),
    "rp_lines": (RP_LINES, {}),
    "report_restoration": (REPORT_RESTORATION, {}),
    "report_restoration_no_damage": (_drop(REPORT_RESTORATION, "rs_damage"), {}),
    "report_restoration_text": (
        _retype(REPORT_RESTORATION, "rs_out", "str", lambda v: f"n{v:g}"),
        {},
    ),
    "report_restoration_twice": (_set(REPORT_RESTORATION, 4, "rs_hour", 3), {}),
    "report_restoration_negative": (_set(REPORT_RESTORATION, 1, "rs_out", -6.0), {}),
    "report_restoration_empty": (_replace(REPORT_RESTORATION, rows=[]), {}),
    "report_power_sites": (REPORT_POWER_SITES, {}),
    "report_power_sites_no_prem": (_drop(REPORT_POWER_SITES, "pw_prem"), {}),
    "report_actions": (REPORT_ACTIONS, {}),
    "report_actions_no_chosen": (_drop(REPORT_ACTIONS, "mp_chosen"), {}),
    "report_actions_text_cost": (
        _retype(REPORT_ACTIONS, "mp_cost", "str", lambda v: f"{v:g} EUR"),
        {},
    ),
    "report_actions_table": (
        _replace(REPORT_ACTIONS, kind="None", rows=[(None, v) for _, v in REPORT_ACTIONS["rows"]]),
        {},
    ),
    "report_plan": (REPORT_PLAN, {}),
    "report_plan_no_cum_prem": (_drop(REPORT_PLAN, "mp_cum_prem"), {}),
    "restore_lines": (RESTORE_LINES, {}),
    "restore_access": (RESTORE_ACCESS, {}),
    "restore_access_twice": (_rows_with(RESTORE_ACCESS, (None, [6, "DEP1", 5.0, 5.0, 1])), {}),
    "restore_access_no_t1": (_drop(RESTORE_ACCESS, "ac_t1_min"), {}),
    "restore_access_one": (_replace(RESTORE_ACCESS, rows=RESTORE_ACCESS["rows"][:1]), {}),
    "restore_power": (RESTORE_POWER, {}),
    "restore_nodes": (RESTORE_NODES, {}),
    "restore_nodes_twice": (
        _rows_with(RESTORE_NODES, (_point("C", -2, 2), ["N-C2", "SRO", 1])),
        {},
    ),
    "restore_node_access": (RESTORE_NODE_ACCESS, {}),
    "restore_node_access_twice": (
        _rows_with(RESTORE_NODE_ACCESS, (None, ["N-C", "DEP1", 5.0, 5.0, 1])),
        {},
    ),
    "restore_nodes_far": (
        _replace(RESTORE_NODES, rows=[(f"POINT ({X0 + 5000} {Y0 + 5000})", ["N-X", "SRO", 1])]),
        {},
    ),
    "restore_power_null": (_set(RESTORE_POWER, 0, "pw_autonomy_h", None), {}),
    "mp_roads": (MP_ROADS, {}),
    "mp_roads_4326": (MP_ROADS, {"crs": "EPSG:4326"}),
    "mp_roads_far": (
        _replace(
            MP_ROADS,
            rows=[(f"LINESTRING ({X0 + 5000} {Y0}, {X0 + 5500} {Y0})", ["far"])],
        ),
        {},
    ),
    "mp_candidates": (MP_CANDIDATES, {}),
    "mp_rp_lines": (MP_RP_LINES, {}),
    "mp_candidates_far": (
        _with_values(
            MP_CANDIDATES,
            f"LINESTRING ({X0 + 3000} {Y0 + 3000}, {X0 + 3100} {Y0 + 3000})",
            name="P3-nowhere",
            cost=1000.0,
        ),
        {},
    ),
    # a spur: one end on the network (F), the other 2 km away: touches one node only
    "mp_candidates_spur": (
        _with_values(
            MP_CANDIDATES,
            f"LINESTRING ({_xy('F')}, {X0 + 400} {Y0 - 2000})",
            name="P4-spur",
            cost=1000.0,
        ),
        {},
    ),
    "mp_power": (MP_POWER, {}),
    "mp_power_no_prem_h": (_drop(MP_POWER, "pw_prem_h"), {}),
    "mp_power_far": (
        _replace(
            MP_POWER,
            rows=MP_POWER["rows"][:2] + [(_point("F", 5000, 0), ["PF", 3.0, None, None])],
        ),
        {},
    ),
    "mp_power_negative_dark": (_set(MP_POWER, 2, "pw_dark_h", -1.0), {}),
    "mp_candidates_negative": (_set(MP_CANDIDATES, 1, "cost", -5.0), {}),
    "mp_candidates_null_cost": (_set(MP_CANDIDATES, 0, "cost", None), {}),
    "table_no_geometry": (
        _replace(LINES, kind="None", rows=[(None, v) for _, v in LINES["rows"]]),
        {},
    ),
}
SHAPEFILES = {"lines_shp": (LINES, {}), "lines_shp_long": (_set(LINES, 0, "note", LONG_TEXT), {})}

_OGR_TYPES = {"int": ogr.OFTInteger, "str": ogr.OFTString, "float": ogr.OFTReal}
_GEOM_TYPES = {
    ("Point", False): ogr.wkbPoint,
    ("Point", True): ogr.wkbMultiPoint,
    ("LineString", False): ogr.wkbLineString,
    ("LineString", True): ogr.wkbMultiLineString,
    ("Polygon", False): ogr.wkbPolygon,
    ("Polygon", True): ogr.wkbMultiPolygon,
    ("None", False): ogr.wkbNone,
}


def _srs(crs):
    if crs is None:
        return None
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def write_vector(path: Path, name: str, spec: dict, crs="EPSG:2154", multi=False) -> None:
    """One layer ``name`` from ``spec`` (coordinates in Lambert-93, reprojected to ``crs``)."""
    driver = ogr.GetDriverByName("ESRI Shapefile" if path.suffix == ".shp" else "GPKG")
    dataset = driver.CreateDataSource(str(path))
    srs = _srs(crs)
    layer = dataset.CreateLayer(name, srs, _GEOM_TYPES[(spec["kind"], multi)])
    for field, kind in spec["fields"]:
        layer.CreateField(ogr.FieldDefn(field, _OGR_TYPES[kind]))
    to_crs = None
    if crs not in (None, "EPSG:2154"):
        to_crs = osr.CoordinateTransformation(_srs("EPSG:2154"), srs)
    for wkt, values in spec["rows"]:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field, _), value in zip(spec["fields"], values):
            if value is not None:
                feature.SetField(field, value)
        if wkt is not None:
            geometry = ogr.CreateGeometryFromWkt(wkt)
            if to_crs is not None and not geometry.IsEmpty():
                geometry.Transform(to_crs)
            if multi and not geometry.IsEmpty():
                geometry = ogr.ForceTo(geometry, _GEOM_TYPES[(spec["kind"], True)])
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    dataset = None


def write_raster(path: Path, crs="EPSG:2154", shift=(0.0, 0.0), warp_to=None) -> None:
    """Water depth, 10 m cells over x -50..450, y -100..200 around the small network: 1.2 m
    over the zone Z1 (x 250..450, y -50..50), 0.1 m elsewhere, nodata -9999 outside y > 150."""
    width, height, cell = 50, 30, 10.0
    left, top = X0 - 50 + shift[0], Y0 + 200 + shift[1]
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(path), width, height, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((left, cell, 0.0, top, 0.0, -cell))
    if crs is not None:
        dataset.SetProjection(_srs(crs).ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(-9999.0)
    rows = []
    for r in range(height):
        y = 200 - (r + 0.5) * cell
        row = []
        for c in range(width):
            x = -50 + (c + 0.5) * cell
            if y > 150:
                row.append(-9999.0)
            elif 250 <= x <= 450 and -50 <= y <= 50:
                row.append(1.2)
            else:
                row.append(0.1)
        rows.append(row)
    import struct

    band.WriteRaster(0, 0, width, height, struct.pack(f"{width * height}f", *sum(rows, [])))
    dataset = None
    if warp_to:
        # the same depths in another CRS, cells resampled (nearest) by GDAL
        lambert = path.with_name(path.stem + "_2154.tif")
        path.rename(lambert)
        gdal.Warp(str(path), str(lambert), dstSRS=warp_to, resampleAlg="near")
        lambert.unlink()


RASTERS = {
    "depth": {},
    "depth_nocrs": {"crs": None},
    "depth_far": {"shift": (20000.0, 20000.0)},
    "depth_3857": {"warp_to": "EPSG:3857"},
}


# A GraceTHD v3 delivery on the same small network: t_noeud, t_cheminement (routes R-A …),
# t_cable (C1 along R-A-B, C2 along B-E-F), t_cab_chem, t_adresse (two addresses).
def _gracethd_tables(variant: str) -> Dict[str, dict]:
    nodes = {
        "kind": "Point",
        "fields": [("nd_code", "str"), ("nd_type", "str")],
        "rows": [(_point(n), [f"ND{n}", "PT"]) for n in NODES],
    }
    pairs = [("R", "A"), ("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("B", "E"), ("E", "F")]
    routes = {
        "kind": "LineString",
        "fields": [
            ("cm_code", "str"),
            ("cm_ndcode1", "str"),
            ("cm_ndcode2", "str"),
            ("cm_typ_imp", "str"),
            ("cm_comment", "str"),
        ],
        "rows": [
            (_line(a, b), [f"CM{i}", f"ND{a}", f"ND{b}", "7" if i % 2 else "0", "ok"])
            for i, (a, b) in enumerate(pairs, start=1)
        ],
    }
    cables = {
        "kind": "None",
        "fields": [("cb_code", "str"), ("cb_nd1", "str"), ("cb_nd2", "str"), ("cb_typelog", "str")],
        "rows": [(None, ["CB1", "NDR", "NDB", "TR"]), (None, ["CB2", "NDB", "NDF", "DI"])],
    }
    links = {
        "kind": "None",
        "fields": [("cc_cb_code", "str"), ("cc_cm_code", "str")],
        "rows": [
            (None, ["CB1", "CM1"]),
            (None, ["CB1", "CM2"]),
            (None, ["CB2", "CM6"]),
            (None, ["CB2", "CM7"]),
        ],
    }
    addresses = {
        "kind": "Point",
        "fields": [
            ("ad_code", "str"),
            ("ad_nblres", "int"),
            ("ad_nblpro", "int"),
            ("ad_nblent", "int"),
            ("ad_nblpub", "int"),
        ],
        "rows": [
            (_point("E", 5, 5), ["AD1", 3, 1, 0, 0]),
            (_point("F", 5, 5), ["AD2", 2, 0, 0, 1]),
        ],
    }
    tables = {
        "t_noeud": nodes,
        "t_cheminement": routes,
        "t_cable": cables,
        "t_cab_chem": links,
        "t_adresse": addresses,
    }
    if variant == "no_cable":
        del tables["t_cable"]
    elif variant == "no_key_field":
        tables["t_cheminement"] = _drop(routes, "cm_ndcode1")
    elif variant == "null_geom":
        tables["t_cheminement"] = _with_values(
            routes, None, cm_code="CM8", cm_ndcode1="NDF", cm_ndcode2="NDR", cm_typ_imp="7"
        )
    elif variant == "empty_geom":
        tables["t_cheminement"] = _with_values(
            routes,
            "LINESTRING EMPTY",
            cm_code="CM8",
            cm_ndcode1="NDF",
            cm_ndcode2="NDR",
            cm_typ_imp="7",
        )
    elif variant == "null_code":
        tables["t_cheminement"] = _set(routes, 6, "cm_code", None)
    elif variant == "duplicate_code":
        tables["t_cheminement"] = _set(routes, 6, "cm_code", "CM1")
    elif variant == "long_text":
        tables["t_cheminement"] = _set(routes, 0, "cm_comment", LONG_TEXT)
    elif variant == "empty_routes":
        tables["t_cheminement"] = _replace(routes, rows=[])
    elif variant == "routes_points":
        tables["t_cheminement"] = _replace(
            routes, kind="Point", rows=[(_point("A"), v) for _, v in routes["rows"]]
        )
    elif variant == "unknown_codes":
        tables["t_cheminement"] = _set(routes, 0, "cm_typ_imp", "Z")
    elif variant == "negative_counts":
        tables["t_adresse"] = _set(addresses, 0, "ad_nblres", -3)
    elif variant == "text_counts":
        tables["t_adresse"] = _retype(addresses, "ad_nblres", "str", lambda v: f"{v} logements")
    elif variant == "unsnapped":
        tables["t_cheminement"] = _replace(
            routes,
            rows=[
                (f"LINESTRING ({_xy(a, 0, 2000)}, {_xy(b, 0, 2000)})", v) if i == 5 else (w, v)
                for i, ((w, v), (a, b)) in enumerate(zip(routes["rows"], pairs))
            ],
        )
        tables["t_cheminement"] = _set(tables["t_cheminement"], 5, "cm_ndcode1", "NDX")
    return tables


GRACETHD = {
    "gracethd": ("", {}),
    "gracethd_nocrs": ("", {"crs": None}),
    "gracethd_4326": ("", {"crs": "EPSG:4326"}),
    "gracethd_multi": ("", {"multi": True}),
    "gracethd_no_cable": ("no_cable", {}),
    "gracethd_no_key_field": ("no_key_field", {}),
    "gracethd_null_geom": ("null_geom", {}),
    "gracethd_empty_geom": ("empty_geom", {}),
    "gracethd_null_code": ("null_code", {}),
    "gracethd_duplicate_code": ("duplicate_code", {}),
    "gracethd_long_text": ("long_text", {}),
    "gracethd_empty_routes": ("empty_routes", {}),
    "gracethd_routes_points": ("routes_points", {}),
    "gracethd_unknown_codes": ("unknown_codes", {}),
    "gracethd_negative_counts": ("negative_counts", {}),
    "gracethd_text_counts": ("text_counts", {}),
    "gracethd_unsnapped": ("unsnapped", {}),
}


def write_gracethd(path: Path, variant: str, crs="EPSG:2154", multi=False) -> None:
    """A tiny GraceTHD v3 delivery: a GeoPackage, or a folder of shapefiles + CSV."""
    tables = _gracethd_tables(variant)
    if path.suffix == ".gpkg":
        for name, spec in tables.items():
            write_vector_into(path, name, spec, crs=crs, multi=multi and spec["kind"] != "None")
        return
    path.mkdir(parents=True)
    for name, spec in tables.items():
        if spec["kind"] == "None":
            lines = [";".join(f for f, _ in spec["fields"])]
            lines += [
                ";".join("" if v is None else str(v) for v in vals) for _, vals in spec["rows"]
            ]
            (path / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            write_vector(path / f"{name}.shp", name, spec, crs=crs, multi=multi)


def write_vector_into(path: Path, name: str, spec: dict, crs="EPSG:2154", multi=False) -> None:
    """Like :func:`write_vector`, adding a layer to an existing GeoPackage."""
    if not path.exists():
        write_vector(path, name, spec, crs=crs, multi=multi)
        return
    dataset = ogr.Open(str(path), 1)
    srs = _srs(crs) if spec["kind"] != "None" else None
    layer = dataset.CreateLayer(name, srs, _GEOM_TYPES[(spec["kind"], multi)])
    for field, kind in spec["fields"]:
        layer.CreateField(ogr.FieldDefn(field, _OGR_TYPES[kind]))
    to_crs = None
    if srs is not None and crs != "EPSG:2154":
        to_crs = osr.CoordinateTransformation(_srs("EPSG:2154"), srs)
    for wkt, values in spec["rows"]:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field, _), value in zip(spec["fields"], values):
            if value is not None:
                feature.SetField(field, value)
        if wkt is not None:
            geometry = ogr.CreateGeometryFromWkt(wkt)
            if to_crs is not None and not geometry.IsEmpty():
                geometry.Transform(to_crs)
            if multi and not geometry.IsEmpty():
                geometry = ogr.ForceTo(geometry, _GEOM_TYPES[(spec["kind"], True)])
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    dataset = None


def build_library(folder: Path) -> Path:
    """Writes every ``make:`` input into ``folder`` (once per session)."""
    with gdal_raises():
        return _build_library(folder)


def _build_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (spec, options) in MAKERS.items():
        # Without a CRS: a shapefile without .prj, the usual case (a GeoPackage without one
        # gets GDAL's "Undefined geographic SRS", which QGIS reads as a geographic CRS).
        suffix = ".shp" if "crs" in options and options["crs"] is None else ".gpkg"
        write_vector(folder / f"{name}{suffix}", name, spec, **options)
    for name, (spec, options) in SHAPEFILES.items():
        write_vector(folder / f"{name}.shp", name, spec, **options)
    for name, options in RASTERS.items():
        write_raster(folder / f"{name}.tif", **options)
    for name, (variant, options) in GRACETHD.items():
        write_gracethd(folder / f"{name}.gpkg", variant, **options)
    write_gracethd(folder / "gracethd_folder", "")
    write_gracethd(folder / "gracethd_folder_nocrs", "", crs=None)
    (folder / "not_a_delivery").mkdir()
    (folder / "not_a_delivery" / "notes.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    return folder


def library_file(library: Path, name: str) -> Path:
    for candidate in (
        library / f"{name}.gpkg",
        library / f"{name}.shp",
        library / f"{name}.tif",
        library / name,
    ):
        if candidate.exists():
            return candidate
    raise KeyError(f"no input made under the name {name!r}")


# --------------------------------------------------------------------------- one case


class PreparedCase:
    """A case's parameters as strings, on its own copies of its inputs."""

    def __init__(self, case: dict, library: Path, folder: Path):
        self.case = case
        self.folder = folder
        self.inputs = folder / "in"
        self.outputs = folder / "out"
        self.inputs.mkdir(parents=True)
        self.outputs.mkdir()
        self.input_files: Dict[str, Path] = {}
        params = {}
        for key, value in case["params"].items():
            if isinstance(value, str) and value.startswith(("make:", "sample:")):
                params[key] = self._copy_input(key, value, library)
            elif isinstance(value, list):  # a multiple-layer parameter (several rasters)
                params[key] = [
                    self._copy_input(f"{key}[{i}]", item, library)
                    if isinstance(item, str) and item.startswith(("make:", "sample:"))
                    else item
                    for i, item in enumerate(value)
                ]
        for key, value in case["params"].items():
            if key in params:
                continue
            if isinstance(value, str) and value.startswith("out:"):
                params[key] = str(self.outputs / value[4:])
            elif isinstance(value, str) and value.startswith("input:"):
                params[key] = str(self.input_files[value[6:]])
            else:  # numbers (inf included), booleans and text as the catalogue gives them
                params[key] = value
        self.params = params
        self.before = snapshot(self.inputs)

    def _copy_input(self, key: str, value: str, library: Path) -> str:
        kind, _, rest = value.partition(":")
        name, _, layer = rest.partition("|")
        source = SAMPLE / name if kind == "sample" else library_file(library, name)
        target = self.inputs / source.name
        if not target.exists():
            if source.is_dir():
                shutil.copytree(source, target)
            elif source.suffix == ".shp":
                for sidecar in source.parent.glob(source.stem + ".*"):
                    shutil.copy2(sidecar, self.inputs / sidecar.name)
            else:
                shutil.copy2(source, target)
        self.input_files[key] = target
        if (
            not layer
            and source.suffix == ".gpkg"
            and kind == "make"
            and not name.startswith("gracethd")
        ):
            layer = f"layername={name}"
        return f"{target}|{layer}" if layer else str(target)

    def cli_arguments(self) -> List[str]:
        out = []
        for key, value in self.params.items():
            if isinstance(value, bool):
                value = "true" if value else "false"
            if isinstance(value, list):  # qgis_process takes a list as the key repeated
                out.extend(f"{key}={item}" for item in value)
                continue
            out.append(f"{key}={value}")
        return out

    def output_names(self) -> set:
        """The names of the files the case's destinations may make (a shapefile's sidecars
        included)."""
        names = set()
        for key, value in self.case["params"].items():
            if isinstance(value, str) and value.startswith("out:"):
                path = self.destination(key)
                names.add(path.name)
                if path.suffix.lower() == ".shp":
                    names.update(path.stem + ext for ext in (".dbf", ".shx", ".prj", ".cpg"))
        return names

    def destination(self, key: str) -> Path:
        return Path(str(self.params[key]).split("|")[0])


def snapshot(folder: Path) -> Dict[str, str]:
    """Relative path -> sha256 of every file under ``folder`` (GDAL's .aux.xml statistics
    side files excepted, as in tests/conftest.py)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.endswith(".aux.xml"):
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _matches(text: str, words) -> bool:
    """Every word (or one of each list of alternatives) in ``text``, case-insensitive."""
    lower = text.lower()
    for word in words:
        options = word if isinstance(word, list) else [word]
        if not any(str(option).lower() in lower for option in options):
            return False
    return True


def check_case(prepared: PreparedCase, error: Optional[str], warnings: List[str], results) -> None:
    """The assertions every case makes, whichever runner ran it."""
    case = prepared.case
    expect = case["expect"]
    after = snapshot(prepared.inputs)
    changed = sorted(
        name
        for name in set(after) | set(prepared.before)
        if after.get(name) != prepared.before.get(name)
    )
    assert not changed, f"input files changed or added beside the inputs: {changed}"
    if expect == "error":
        assert error is not None, (
            f"expected an error naming {case['words']}, the run succeeded "
            f"(warnings: {warnings}; results: {results})"
        )
        assert _matches(
            error, case["words"]
        ), f"the error must contain {case['words']}; it says: {error}"
        left = sorted(
            str(p.relative_to(prepared.outputs)) for p in prepared.outputs.rglob("*") if p.is_file()
        )
        assert not left, f"a failed run left files behind: {left}"
        return
    assert error is None, f"expected {expect}, the run failed: {error}"
    if expect == "warn":
        assert any(
            _matches(w, case["warning"]) for w in warnings
        ), f"expected a warning with {case['warning']}; warnings: {warnings}"
    extra = sorted(
        str(p.relative_to(prepared.outputs))
        for p in prepared.outputs.rglob("*")
        if p.is_file() and p.name not in prepared.output_names()
    )
    assert not extra, f"files beside the outputs (temporary files left?): {extra}"
    for check in case.get("checks") or []:
        run_check(prepared, check, results)


def _open_output(prepared: PreparedCase, key: str):
    path = prepared.destination(key)
    assert path.exists(), f"{key}: no output at {path}"
    dataset = ogr.Open(str(path))
    assert dataset is not None, f"{key}: GDAL cannot open {path}"
    return dataset, dataset.GetLayer(0)


def run_check(prepared: PreparedCase, check: dict, results) -> None:
    if "result" in check:
        value = results.get(check["result"])
        expected = check["equals"]
        same = (
            abs(value - expected) <= 1e-9 * max(1.0, abs(expected))
            if isinstance(value, (int, float)) and isinstance(expected, (int, float))
            else value == expected
        )
        assert same, f"{check['result']} is {value}, expected {expected}"
        return
    if "file" in check:
        path = prepared.destination(check["file"])
        assert path.exists() and path.stat().st_size > 0, f"{check['file']}: no file at {path}"
        return
    dataset, layer = _open_output(prepared, check["layer"])
    if "count" in check:
        assert (
            layer.GetFeatureCount() == check["count"]
        ), f"{check['layer']} has {layer.GetFeatureCount()} features, expected {check['count']}"
    if "crs" in check:
        srs = layer.GetSpatialRef()
        code = f"{srs.GetAuthorityName(None)}:{srs.GetAuthorityCode(None)}" if srs else None
        assert code == check["crs"], f"{check['layer']} CRS is {code}, expected {check['crs']}"
    if "field" in check:
        if "where" in check:
            layer.SetAttributeFilter(check["where"])
        values = [feature.GetField(check["field"]) for feature in layer]
        layer.SetAttributeFilter(None)
        expected = check["values"]
        if check.get("sorted"):
            values = sorted(values, key=lambda v: (v is None, v))
        assert len(values) == len(expected) and all(
            _same(v, e) for v, e in zip(values, expected)
        ), f"{check['layer']}.{check['field']}: {values}, expected {expected}"
    del layer, dataset  # closes the file


def _same(value, expected) -> bool:
    if isinstance(expected, float) and isinstance(value, (int, float)):
        return abs(value - expected) <= 1e-6 * max(1.0, abs(expected)) + 1e-3
    return value == expected
