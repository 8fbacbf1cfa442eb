"""The GraceTHD reader on tiny hand-built deliveries whose answers are worked out by hand."""

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, Point, box

from fibre_resilience.core.errors import CancelledError, InputError
from fibre_resilience.core.gracethd import DeliveryTable, detect_version, read_gracethd

# Five nodes on a line: N1 (NRO) - N2 (chamber) - N3 (pole + PBO) - N4 (building), N5 (SRO).
XY = {"N1": (0, 0), "N2": (100, 0), "N3": (150, 0), "N4": (160, 0), "N5": (0, 50)}


def nodes_table(extra=()):
    names = list(XY) + [n for n, _ in extra]
    points = [Point(*XY[n]) for n in XY] + [Point(*xy) for _, xy in extra]
    return DeliveryTable(pd.DataFrame({"nd_code": names}), np.array(points, dtype=object))


def line(*names):
    return LineString([XY[n] for n in names])


def routes_table(typ_imp=("7", "0", "2"), passage=None, nd2_last="N4"):
    frame = pd.DataFrame(
        {
            "cm_code": ["R1", "R2", "R3"],
            "cm_ndcode1": ["N1", "N2", "N3"],
            "cm_ndcode2": ["N2", "N3", nd2_last],
            "cm_typ_imp": list(typ_imp),
            "cm_typelog": ["TR", "TR", "RA"],
        }
    )
    if passage is not None:
        frame["cm_passage"] = passage
    geoms = np.array([line("N1", "N2"), line("N2", "N3"), line("N3", "N4")], dtype=object)
    return DeliveryTable(frame, geoms)


def addresses_table(v3=True):
    frame = pd.DataFrame({"ad_code": ["A1", "A2"], "ad_prio": ["1", None]})
    if v3:
        frame["ad_nblres"] = [2, 5]
        frame["ad_nblpro"] = [1, None]
        frame["ad_nblent"] = [None, None]
        frame["ad_nblpub"] = [1, 0]
    else:
        frame["ad_nblhab"] = ["3", "1"]
        frame["ad_nblpro"] = ["", "2"]
    points = np.array([Point(161, 1), Point(1000, 1000)], dtype=object)
    return DeliveryTable(frame, points)


def zones(prefix, code, geometry, **fields):
    frame = pd.DataFrame({f"{prefix}_code": [code], **{k: [v] for k, v in fields.items()}})
    return DeliveryTable(frame, np.array([geometry], dtype=object))


def v3_delivery():
    cables = pd.DataFrame(
        {
            "cb_code": ["C1", "C2"],
            "cb_nd1": ["N1", "N3"],
            "cb_nd2": ["N3", "N4"],
            "cb_typelog": ["TR", "RA"],
            "cb_typephy": ["C", "C"],
        }
    )
    cableline = DeliveryTable(
        pd.DataFrame({"cl_code": ["L2"], "cl_cb_code": ["C2"]}),
        np.array([LineString([(150, 0), (155, 2), (160, 0)])], dtype=object),
    )
    return {
        "t_noeud": nodes_table(),
        "t_cheminement": routes_table(),
        "t_cable": DeliveryTable(cables),
        "t_cableline": cableline,
        "t_cab_chem": DeliveryTable(
            pd.DataFrame({"cc_cb_code": ["C1", "C1", "C2"], "cc_cm_code": ["R1", "R2", "R3"]})
        ),
        "t_site": DeliveryTable(
            pd.DataFrame(
                {
                    "st_code": ["S1", "S4", "S5"],
                    "st_nd_code": ["N1", "N4", "N5"],
                    "st_typelog": ["RESEAU", "CLIENT", "RESEAU"],
                    "st_ad_code": [None, "A1", None],
                }
            )
        ),
        "t_local": DeliveryTable(
            pd.DataFrame(
                {
                    "lc_code": ["L1", "L4", "L5"],
                    "lc_st_code": ["S1", "S4", "S5"],
                    "lc_typelog": ["NRO", "RES", "SRO"],
                    "lc_bp_codf": [None, "B3", None],
                }
            )
        ),
        "t_ptech": DeliveryTable(
            pd.DataFrame(
                {"pt_code": ["P2", "P3"], "pt_nd_code": ["N2", "N3"], "pt_typephy": ["C", "A"]}
            )
        ),
        "t_ebp": DeliveryTable(
            pd.DataFrame({"bp_code": ["B3"], "bp_pt_code": ["P3"], "bp_typelog": ["PBO"]})
        ),
        "t_adresse": addresses_table(),
        "t_zpbo": zones("zp", "ZP3", box(140, -20, 200, 20), zp_bp_code="B3", zp_zs_code="ZS5"),
        "t_zsro": zones("zs", "ZS5", box(-10, -30, 300, 60), zs_lc_code="L5", zs_zn_code="ZN1"),
        "t_znro": zones("zn", "ZN1", box(-10, -30, 300, 60), zn_lc_code="L1"),
    }


def v2_delivery():
    cables = pd.DataFrame(
        {
            "cb_code": ["C1", "C2"],
            "cb_nd1": ["N1", "N3"],
            "cb_nd2": ["N3", "N4"],
            "cb_typelog": ["TR", "XX"],
        }
    )
    return {
        "t_noeud": nodes_table(),
        "t_cheminement": routes_table(typ_imp=("7", "Q", "1"), passage=["PON", None, "ZZZ"]),
        "t_cable": DeliveryTable(cables),
        "t_cab_cond": DeliveryTable(
            pd.DataFrame(
                {"cc_cb_code": ["C1", "C1", "C2", "C9"], "cc_cd_code": ["D1", "D2", "D3", "D1"]}
            )
        ),
        "t_cond_chem": DeliveryTable(
            pd.DataFrame({"dm_cd_code": ["D1", "D2", "D3"], "dm_cm_code": ["R1", "R2", "R3"]})
        ),
        "t_sitetech": DeliveryTable(
            pd.DataFrame(
                {"st_code": ["S1", "S5"], "st_nd_code": ["N1", "N5"], "st_typelog": ["NRO", "SRO"]}
            )
        ),
        "t_ptech": DeliveryTable(
            pd.DataFrame(
                {"pt_code": ["P2", "P3"], "pt_nd_code": ["N2", "N3"], "pt_typephy": ["C", "A"]}
            )
        ),
        "t_ebp": DeliveryTable(
            pd.DataFrame({"bp_code": ["B3"], "bp_pt_code": ["P3"], "bp_typelog": ["PBO"]})
        ),
        "t_suf": DeliveryTable(
            pd.DataFrame(
                {
                    "sf_code": ["F4"],
                    "sf_nd_code": ["N4"],
                    "sf_ad_code": ["A1"],
                    "sf_zp_code": ["ZP3"],
                }
            )
        ),
        "t_adresse": addresses_table(v3=False),
        "t_zpbo": zones("zp", "ZP3", box(140, -20, 200, 20), zp_nd_code="N3", zp_zs_code="ZS5"),
        "t_zsro": zones("zs", "ZS5", box(-10, -30, 300, 60), zs_nd_code="N5", zs_zn_code="ZN1"),
        "t_znro": zones("zn", "ZN1", box(-10, -30, 300, 60), zn_nd_code="N1"),
    }


def anomalies(result, anomaly):
    report = result.report
    return report[report["gt_anomaly"] == anomaly]


# --------------------------------------------------------------------------- v3


def test_v3_routes_cables_nodes_premises():
    result = read_gracethd(v3_delivery())
    assert result.version == "3.x"
    routes = result.routes
    assert list(routes["gt_laying"]) == ["SOUTERRAIN", "AERIEN", "FACADE"]
    assert list(routes["gt_cables"]) == [1, 1, 1]
    assert list(routes["gt_nd1"]) == ["N1", "N2", "N3"]
    assert routes["gt_passage"].isna().all()  # 3.x has no cm_passage

    cables = result.cables.set_index("gt_code")
    assert cables.loc["C1", "gt_routes"] == "R1;R2"
    assert cables.loc["C1", "gt_aer_m"] == pytest.approx(50.0)  # R2 only, N2 -> N3
    assert cables.loc["C1", "gt_laying"] == "AERIEN"
    assert cables.loc["C1", "gt_class"] == "TR"
    assert cables.loc["C1", "gt_geomsrc"] == "routes"
    assert cables.loc["C2", "gt_geomsrc"] == "t_cableline"
    assert cables.loc["C2", "gt_laying"] == "FACADE"
    assert cables.loc["C2", "gt_aer_m"] == 0.0
    rebuilt = result.cable_geometries[0]
    assert rebuilt.geom_type == "LineString"
    assert shapely.equals(rebuilt, LineString([(0, 0), (100, 0), (150, 0)]))
    assert result.cable_geometries[1].length == pytest.approx(2 * np.hypot(5, 2))

    roles = dict(zip(result.nodes["gt_code"], result.nodes["gt_role"]))
    assert roles == {"N1": "NRO", "N2": "CHAMBRE", "N3": "PBO", "N4": "IMMEUBLE", "N5": "SRO"}

    premises = result.premises.set_index("gt_code")
    assert premises.loc["A1", "gt_prem"] == 4  # 2 res + 1 pro + NULL ent + 1 pub
    assert premises.loc["A2", "gt_prem"] == 5
    assert list(premises["gt_prio"]) == [1, 0]
    assert premises.loc["A1", ["gt_pbo", "gt_sro", "gt_nro"]].tolist() == ["N3", "N5", "N1"]
    assert premises.loc["A2", ["gt_pbo", "gt_sro", "gt_nro"]].isna().all()
    outside = anomalies(result, "address outside every zone")
    assert set(outside["gt_code"]) == {"A2"} and len(outside) == 3


def test_upper_case_names_read_the_same():
    lower = read_gracethd(v3_delivery())
    upper = {}
    for name, table in v3_delivery().items():
        frame = table.frame.rename(columns=str.upper)
        upper[name.upper()] = DeliveryTable(frame, table.geometries)
    result = read_gracethd(upper)
    pd.testing.assert_frame_equal(result.cables, lower.cables)
    pd.testing.assert_frame_equal(result.premises, lower.premises)
    pd.testing.assert_frame_equal(result.nodes, lower.nodes)


def test_spatial_fallback_when_no_stated_link():
    delivery = v3_delivery()
    delivery["t_local"].frame["lc_bp_codf"] = None
    result = read_gracethd(delivery)
    premises = result.premises.set_index("gt_code")
    # A1 lies in the PBO zone of box B3, whose node is N3.
    assert premises.loc["A1", "gt_pbo"] == "N3"


# --------------------------------------------------------------------------- v2


def test_v2_codes_links_and_anomalies():
    result = read_gracethd(v2_delivery())
    assert result.version == "2.x"
    routes = result.routes
    assert list(routes["gt_laying"]) == ["SOUTERRAIN", "INCONNU", "AERIEN"]
    assert list(routes["gt_passage"]) == ["PON", None, "ZZZ"]
    unknown = anomalies(result, "unknown code")
    assert set(unknown["gt_detail"]) == {"cm_typ_imp=Q", "cm_passage=ZZZ", "cb_typelog=XX"}
    cables = result.cables.set_index("gt_code")
    assert cables.loc["C1", "gt_laying"] == "INCONNU"  # unknown outranks buried
    assert cables.loc["C2", "gt_aer_m"] == pytest.approx(10.0)
    assert set(anomalies(result, "link to unknown cable")["gt_code"]) == {"C9"}
    roles = dict(zip(result.nodes["gt_code"], result.nodes["gt_role"]))
    assert roles == {"N1": "NRO", "N2": "CHAMBRE", "N3": "PBO", "N4": "IMMEUBLE", "N5": "SRO"}
    premises = result.premises.set_index("gt_code")
    assert premises.loc["A1", "gt_prem"] == 3 and premises.loc["A2", "gt_prem"] == 3
    assert premises.loc["A1", ["gt_pbo", "gt_sro", "gt_nro"]].tolist() == ["N3", "N5", "N1"]


def test_beta_detected_and_class_taken_from_routes():
    delivery = v2_delivery()
    frame = delivery["t_cable"].frame.drop(columns=["cb_nd1", "cb_nd2", "cb_typelog"])
    frame["cb_bp1"] = [None, "B3"]
    geoms = np.array([LineString([(0, 0), (150, 0)]), None], dtype=object)
    delivery["t_cable"] = DeliveryTable(frame, geoms)
    assert detect_version(delivery) == "2.0-beta"
    result = read_gracethd(delivery)
    cables = result.cables.set_index("gt_code")
    # C1 runs 100 m of TR (R1) and 50 m of TR (R2); C2 runs R3 (RA).
    assert cables.loc["C1", "gt_class"] == "TR" and cables.loc["C2", "gt_class"] == "RA"
    assert cables.loc["C2", "gt_nd1"] == "N3"  # through box B3 on pole P3
    assert cables.loc["C1", "gt_geomsrc"] == "t_cable"
    assert cables.loc["C2", "gt_geomsrc"] == "routes"


def test_duplicates_and_broken_references_are_reported_not_fatal():
    delivery = v2_delivery()
    delivery["t_noeud"] = nodes_table(extra=[("N2", (100, 0))])
    delivery["t_ptech"].frame.loc[1, "pt_nd_code"] = "N404"
    result = read_gracethd(delivery)
    dup = anomalies(result, "duplicated code")
    assert dup[["gt_table", "gt_code"]].values.tolist() == [["t_noeud", "N2"]]
    broken = anomalies(result, "reference to unknown node")
    assert ["t_ptech", "P3"] in broken[["gt_table", "gt_code"]].values.tolist()
    assert len(result.nodes) == 6  # every delivered row is kept


# --------------------------------------------------------------------------- node matching


def test_route_end_matched_within_tolerance_only():
    delivery = v3_delivery()
    delivery["t_cheminement"] = routes_table(nd2_last=None)
    geoms = delivery["t_cheminement"].geometries.copy()
    geoms[2] = LineString([(150, 0), (160.5, 0)])  # 0.5 m from N4
    delivery["t_cheminement"] = DeliveryTable(delivery["t_cheminement"].frame, geoms)
    matched = read_gracethd(delivery, tolerance=1.0)
    assert matched.routes["gt_nd2"].iloc[2] == "N4"
    # An end that names no node is an anomaly even when a node lies there: a warning that
    # says which route, what the delivery said and which node the end was attached to.
    rows = anomalies(matched, "end node matched by position")
    assert rows[["gt_sev", "gt_table", "gt_code", "gt_detail"]].values.tolist() == [
        ["warning", "t_cheminement", "R3", "cm_ndcode2 is empty: attached to N4 at 0.50 m"]
    ]
    strict = read_gracethd(delivery, tolerance=0.1)
    assert strict.routes["gt_nd2"].iloc[2] is None
    rows = anomalies(strict, "route end node missing")
    assert rows[["gt_sev", "gt_code", "gt_detail"]].values.tolist() == [
        ["warning", "R3", "cm_ndcode2 is empty: not attached (no node within 0.1 m)"]
    ]


def test_route_end_naming_an_unknown_node_is_a_warning_with_both_codes():
    delivery = v3_delivery()
    delivery["t_cheminement"] = routes_table(nd2_last="N9")  # N9 is not in t_noeud
    geoms = delivery["t_cheminement"].geometries.copy()
    geoms[2] = LineString([(150, 0), (160.5, 0)])  # 0.5 m from N4
    delivery["t_cheminement"] = DeliveryTable(delivery["t_cheminement"].frame, geoms)
    matched = read_gracethd(delivery, tolerance=1.0)
    assert matched.routes["gt_nd2"].iloc[2] == "N4"
    rows = anomalies(matched, "end node matched by position")
    assert rows[["gt_sev", "gt_code", "gt_detail"]].values.tolist() == [
        ["warning", "R3", "cm_ndcode2=N9 (not in t_noeud): attached to N4 at 0.50 m"]
    ]
    off = read_gracethd(delivery, tolerance=0)
    assert off.routes["gt_nd2"].iloc[2] is None
    rows = anomalies(off, "route end node missing")
    assert rows[["gt_sev", "gt_code", "gt_detail"]].values.tolist() == [
        [
            "warning",
            "R3",
            "cm_ndcode2=N9 (not in t_noeud): not attached (matching by position is off)",
        ]
    ]


# --------------------------------------------------------------------------- bad input


def test_no_gracethd_table():
    tables = {"roads": DeliveryTable(pd.DataFrame({"a": [1]}))}
    with pytest.raises(InputError, match="No GraceTHD table"):
        read_gracethd(tables)


def test_missing_mandatory_table_is_named():
    delivery = v3_delivery()
    del delivery["t_cab_chem"]
    with pytest.raises(InputError, match="t_cab_chem"):
        read_gracethd(delivery, version="3.x")
    delivery = v3_delivery()
    del delivery["t_adresse"]
    with pytest.raises(InputError, match="t_adresse"):
        read_gracethd(delivery)


def test_mandatory_table_of_the_wrong_geometry_is_named():
    delivery = v3_delivery()
    routes = delivery["t_cheminement"]
    delivery["t_cheminement"] = DeliveryTable(
        routes.frame, np.array([Point(0, 0), Point(100, 0), None], dtype=object)
    )
    with pytest.raises(InputError, match="Table t_cheminement must hold lines; it holds Point"):
        read_gracethd(delivery)
    delivery = v3_delivery()
    delivery["t_noeud"] = DeliveryTable(
        delivery["t_noeud"].frame,
        np.array([box(x, y, x + 1, y + 1) for x, y in XY.values()], dtype=object),
    )
    with pytest.raises(InputError, match="Table t_noeud must hold points; it holds Polygon"):
        read_gracethd(delivery)


def test_zones_of_the_wrong_geometry_are_an_error_and_ignored():
    delivery = v3_delivery()
    zpbo = delivery["t_zpbo"]
    delivery["t_zpbo"] = DeliveryTable(zpbo.frame, np.array([Point(161, 1)], dtype=object))
    result = read_gracethd(delivery)
    rows = anomalies(result, "wrong geometry type")
    assert rows[["gt_sev", "gt_table", "gt_detail"]].values.tolist() == [
        ["error", "t_zpbo", "Point where polygons are expected: geometries ignored"]
    ]
    premises = result.premises.set_index("gt_code")
    # A1's PBO comes from the delivery's links, not from the zone's shape
    assert premises.loc["A1", ["gt_pbo", "gt_sro", "gt_nro"]].tolist() == ["N3", "N5", "N1"]


def test_missing_key_field_is_named():
    delivery = v3_delivery()
    frame = delivery["t_cheminement"].frame.drop(columns=["cm_ndcode1"])
    delivery["t_cheminement"] = DeliveryTable(frame, delivery["t_cheminement"].geometries)
    with pytest.raises(InputError, match="t_cheminement has no field cm_ndcode1"):
        read_gracethd(delivery)


def test_optional_table_without_key_field_is_skipped_and_reported():
    delivery = v3_delivery()
    delivery["t_ebp"] = DeliveryTable(pd.DataFrame({"bp_typelog": ["PBO"]}))
    result = read_gracethd(delivery)
    errors = result.report[result.report["gt_sev"] == "error"]
    assert errors[["gt_table", "gt_anomaly"]].values.tolist() == [["t_ebp", "missing key field"]]
    roles = dict(zip(result.nodes["gt_code"], result.nodes["gt_role"]))
    assert roles["N3"] == "APPUI"  # no box table left: the pole keeps its own role


def test_cancel_stops_the_read():
    with pytest.raises(CancelledError):
        read_gracethd(v3_delivery(), is_cancelled=lambda: True)


def test_addresses_take_the_first_zone_that_contains_them():
    """Against shapely's within, one point and one zone at a time, zones overlapping."""
    from fibre_resilience.core.gracethd import _spatial_zone, codes

    rng = np.random.default_rng(7)
    polygons = [shapely.Polygon(rng.uniform(0, 100, (8, 2))).buffer(0) for _ in range(25)] + [
        box(200, 200, 240, 240),
        None,
        shapely.Polygon(),
    ]
    points = np.array(
        [Point(x, y) for x, y in rng.uniform(-10, 110, (400, 2))]
        + [Point(200, 220), Point(220, 220), None],  # on a boundary (in no zone), inside, none
        dtype=object,
    )
    table = DeliveryTable(pd.DataFrame({"z": range(len(polygons))}), np.array(polygons, object))
    code = codes([f"Z{i}" for i in range(len(polygons))])
    got, overlaps = _spatial_zone(points, table, code)
    got, overlaps = got.tolist(), overlaps.tolist()
    expected, expected_overlaps = [], []
    for point in points:
        inside = [
            f"Z{i}"
            for i, polygon in enumerate(polygons)
            if point is not None and polygon is not None and point.within(polygon)
        ]
        expected.append(inside[0] if inside else None)
        expected_overlaps.append(", ".join(inside) if len(inside) > 1 else None)
    assert got == expected
    assert overlaps == expected_overlaps and any(overlaps)
    assert got[-3] is None and got[-2] is not None


def test_overlapping_zones_are_reported_where_space_decides():
    delivery = v3_delivery()
    # No SRO zone names its NRO zone: space decides the NRO zone, and A1 lies in two.
    delivery["t_zsro"] = zones("zs", "ZS5", box(-10, -30, 300, 60), zs_lc_code="L5")
    delivery["t_znro"] = DeliveryTable(
        pd.DataFrame({"zn_code": ["ZN1", "ZN2"], "zn_lc_code": ["L1", "L5"]}),
        np.array([box(100, -10, 200, 10), box(150, -10, 300, 10)], dtype=object),
    )
    result = read_gracethd(delivery)
    premises = result.premises.set_index("gt_code")
    assert premises.loc["A1", ["gt_sro", "gt_nro"]].tolist() == ["N5", "N1"]  # the first: ZN1
    rows = anomalies(result, "address in overlapping zones")
    assert rows[["gt_code", "gt_detail"]].values.tolist() == [
        ["A1", "t_znro: ZN1, ZN2 (the first is used)"]
    ]
    # where a link names the zone, space does not decide and nothing is reported
    assert anomalies(read_gracethd(v3_delivery()), "address in overlapping zones").empty


@pytest.mark.parametrize(
    "values, expected",
    [
        # texts: stripped of any Unicode whitespace (a no-break space too), empty as None
        (
            [" N1 ", "", None, "N2", float("nan"), "\tN3\n", "\u00a0N4", "   ", "N 5"],
            ["N1", None, None, "N2", None, "N3", "N4", None, "N 5"],
        ),
        ([None, None], [None, None]),
        ([], []),
        # numbers: integral floats lose their ".0", NaN is empty
        ([7, 2.0, 2.5, None, float("nan"), " 8 "], ["7", "2", "2.5", None, None, "8"]),
        # integers (an integer field): their text, NULL and NaN as None
        ([7, None, -3, np.int64(12), 0], ["7", None, "-3", "12", "0"]),
        ([7, float("nan"), 2], ["7", None, "2"]),
    ],
)
def test_codes_are_stripped_texts_or_none(values, expected):
    from fibre_resilience.core.gracethd import codes

    out = codes(pd.Series(values, dtype=object, index=range(10, 10 + len(values))))
    assert out.tolist() == expected
    assert list(out.index) == list(range(len(values)))  # aligned by position
    assert out.dtype == object


def test_every_field_the_reader_names_is_among_the_fields_read():
    # The tables not written out are read with only FIELDS_READ (adapters/delivery.py): a
    # field named in the reader and missing there would read as absent.
    import ast
    import re
    from pathlib import Path

    from fibre_resilience.core import gracethd_schema as gs

    source = Path(gs.__file__).with_name("gracethd.py").read_text(encoding="utf-8")
    named = {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[a-z]{2}_[a-z0-9_]+", node.value)
        and not node.value.startswith("gt_")
    }
    # fields named through a prefix: the zones' codes and nodes
    named |= {
        f"{prefix}_{suffix}" for prefix in ("zp", "zs", "zn") for suffix in ("code", "nd_code")
    }
    for fields in list(gs.KEY_FIELDS.values()) + list(gs.PREMISES_FIELDS.values()):
        named |= set(fields)
    assert named - gs.FIELDS_READ == set()
    assert len(named) > 50
