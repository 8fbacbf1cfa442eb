"""redundancygaps' tiers through the headless runner (qgis_process --json) on a small
GeoPackage written here, results computed by hand.

POP P -- NRO N (two collecte cables, P-N and P-C-N: a loop whose arms share the route "r1")
-- cabinet S -- box B (4 premises); N -- box D (2 premises) without a cabinet.
"""

from osgeo import ogr, osr

X0, Y0 = 700000.0, 6600000.0
XY = {"P": (0, 0), "C": (50, 50), "N": (100, 0), "S": (200, 0), "B": (300, 0), "D": (100, 100)}
# (from, to, class, shared-risk groups)
LINES = [
    ("P", "N", "CO", "r1"),
    ("P", "C", "co", "r2"),
    ("C", "N", "CO", "r1;r3"),
    ("N", "S", "bogus", None),
    ("S", "B", "DI", None),
    ("N", "D", None, None),
]


def _point(name):
    x, y = XY[name]
    return f"POINT ({X0 + x} {Y0 + y})"


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


def _gpkg(path):
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    text, integer = ogr.OFTString, ogr.OFTInteger
    rows = []
    for i, (a, b, klass, groups) in enumerate(LINES, start=1):
        (xa, ya), (xb, yb) = XY[a], XY[b]
        wkt = f"LINESTRING ({X0 + xa} {Y0 + ya}, {X0 + xb} {Y0 + yb})"
        rows.append((wkt, [i, f"CB{i}", klass, groups]))
    fields = [("id", integer), ("gt_code", text), ("gt_class", text), ("routes", text)]
    _layer(dataset, "network", ogr.wkbLineString, fields, rows)
    _layer(dataset, "roots", ogr.wkbPoint, [("id", integer)], [(_point("P"), [1])])
    _layer(
        dataset,
        "premises",
        ogr.wkbPoint,
        [("id", integer), ("n", integer)],
        [(_point("B"), [1, 4]), (_point("D"), [2, 2])],
    )
    _layer(
        dataset,
        "sites",
        ogr.wkbPoint,
        [("id", integer), ("gt_role", text)],
        [(_point("N"), [1, "NRO"]), (_point("S"), [2, "SRO"]), (_point("B"), [3, "PBO"])],
    )
    dataset = None


def _rows(path):
    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    return [feature.items() for feature in dataset.GetLayer(0)]


def test_tiers_as_json(qgis_process, tmp_path):
    gpkg = tmp_path / "tiers.gpkg"
    _gpkg(gpkg)
    segments, tiers = tmp_path / "segments.gpkg", tmp_path / "tiers_out.gpkg"

    def layer(name):
        return f"{gpkg}|layername={name}"

    done = qgis_process.run_json(
        "fibreresilience:redundancygaps",
        NETWORK=layer("network"),
        ROOTS=layer("roots"),
        PREMISES=layer("premises"),
        PREMISES_COUNT='"n"',
        SITES=layer("sites"),
        SRLG_FIELD="routes",
        TOLERANCE=0.5,
        MAX_SNAP=5,
        OUTPUT_SEGMENTS=segments,
        OUTPUT_TIERS=tiers,
    )
    result = done["results"]
    # Route r1 carries both arms of the loop: one failure cuts the NRO's 6 premises.
    assert result["MAX_CUT_COLLECTE"] == 6
    assert result["MAX_CUT_TRANSPORT"] == 4  # the line N-S (class "bogus": topology)
    assert result["MAX_CUT_DISTRIBUTION"] == 4  # the line S-B, or the box B
    # gt_class and gt_role are taken without being named; "bogus" is warned.
    assert any("bogus" in w and "gt_class" in w for w in done["log"]["warning"])
    assert any('"gt_role"' in m for m in done["log"]["info"])
    tiers_of = {row["gt_code"]: row["rd_tier"] for row in _rows(segments)}
    assert tiers_of == {
        "CB1": "collecte",
        "CB2": "collecte",
        "CB3": "collecte",
        "CB4": "transport",
        "CB5": "distribution",
        "CB6": "transport",
    }
    table = {row["rd_tier"]: row for row in _rows(tiers)}
    assert set(table) == {"collecte", "transport", "distribution"}
    assert {row["rd_prem"] for row in table.values()} == {6.0}
    assert (table["collecte"]["rd_max_pr"], table["collecte"]["rd_where"]) == (6.0, "group r1")
    assert (table["transport"]["rd_max_pr"], table["transport"]["rd_where"]) == (4.0, "CB4")
    assert table["distribution"]["rd_where"] == "CB5"
    # Transport: N-S, cabinet S, N-D and box D cut some of N's premises.
    assert table["transport"]["rd_spof_n"] == 4
