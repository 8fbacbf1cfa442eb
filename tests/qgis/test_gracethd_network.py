"""fibreresilience:gracethdnetwork through processing.run: the real 2015 demo delivery, the
bundled v3 sample, a v2.x delivery written here (folder, zip, GeoPackage, PostGIS) and bad
input. Oracles are the deliveries' own tables, read with GDAL and the csv module."""

import csv
import io as stdio
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import (
    NULL,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProviderRegistry,
)

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "tests" / "data" / "real" / "gracethd_demo01_shpcsv.zip"
SAMPLE_V3 = REPO / "resources" / "sample" / "gracethd_v3.gpkg"
OUTPUTS = ("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT")


def run_reader(run_algorithm, **parameters):
    context = QgsProcessingContext()
    parameters.update({key: "memory:" for key in OUTPUTS})
    result = run_algorithm("gracethdnetwork", parameters, context=context)
    layers = {}
    for key in OUTPUTS:
        value = result[key]
        layers[key] = context.getMapLayer(value) if isinstance(value, str) else value
    return result, layers


def rows(layer, *names):
    out = {}
    for feature in layer.getFeatures():
        values = tuple(None if feature[n] == NULL else feature[n] for n in names[1:])
        out[feature[names[0]]] = values
    return out


def report_rows(layer, anomaly):
    return [
        (f["gt_table"], f["gt_code"], f["gt_detail"])
        for f in layer.getFeatures()
        if f["gt_anomaly"] == anomaly
    ]


def demo_csv(name):
    with zipfile.ZipFile(DEMO) as archive:
        text = archive.read(f"{name}.csv").decode("utf-8")
    return list(csv.DictReader(stdio.StringIO(text), delimiter=";"))


def demo_layer(name):
    dataset = ogr.Open(f"/vsizip/{DEMO}/{name}.shp")
    layer = dataset.GetLayer(0)
    return [feature.items() for feature in layer], layer.GetFeatureCount()


# --------------------------------------------------------------------------- real demo


def test_real_demo_delivery_2015_beta(run_algorithm):
    result, layers = run_reader(run_algorithm, SOURCE=str(DEMO))
    routes, n_routes = demo_layer("t_cheminement")
    cables, n_cables = demo_layer("t_cable")
    nodes, n_nodes = demo_layer("t_noeud")
    addresses, n_addresses = demo_layer("t_adresse")
    assert (n_routes, n_cables, n_nodes, n_addresses) == (25, 49, 27, 16)
    assert layers["ROUTES"].featureCount() == n_routes
    assert layers["CABLES"].featureCount() == n_cables
    assert layers["NODES"].featureCount() == n_nodes
    assert layers["PREMISES"].featureCount() == n_addresses
    for key in ("ROUTES", "CABLES", "NODES", "PREMISES"):
        assert layers[key].crs().authid() == "EPSG:2154"

    # Roles, from the delivery's own tables.
    sites = demo_csv("t_sitetech")
    ptech = {p["pt_code"]: p for p in demo_csv("t_ptech")}
    pbo_nodes = {
        ptech[b["bp_pt_code"]]["pt_nd_code"]
        for b in demo_csv("t_ebp")
        if b["bp_typelog"] == "PBO" and b["bp_pt_code"]
    }
    site_roles = {s["st_nd_code"]: s["st_typelog"] for s in sites}
    expected = {}
    for node in nodes:
        code = node["ND_CODE"]
        if code in site_roles:
            expected[code] = site_roles[code]
        elif code in pbo_nodes:
            expected[code] = "PBO"
        elif code in {p["pt_nd_code"] for p in ptech.values()}:
            kind = next(p["pt_typephy"] for p in ptech.values() if p["pt_nd_code"] == code)
            expected[code] = {"C": "CHAMBRE", "A": "APPUI"}[kind]
        elif node["ND_TYPE"] == "SF":
            expected[code] = "IMMEUBLE"
        else:
            expected[code] = "AUTRE"
    got = {code: role for code, (role,) in rows(layers["NODES"], "ND_CODE", "gt_role").items()}
    assert got == expected
    assert sorted(got.values()).count("NRO") == 1 and sorted(got.values()).count("PBO") == 3

    # Premises: AD_NBLHAB + AD_NBLPRO, NULL as 0.
    total = sum((a["AD_NBLHAB"] or 0) + (a["AD_NBLPRO"] or 0) for a in addresses)
    assert result["PREMISES_TOTAL"] == total == 22

    # Cables per route: the pairs of t_cab_cond joined with t_cond_chem.
    conduit_routes = {}
    for link in demo_csv("t_cond_chem"):
        conduit_routes.setdefault(link["dm_cd_code"], set()).add(link["dm_cm_code"])
    pairs = {
        (link["cc_cb_code"], route)
        for link in demo_csv("t_cab_cond")
        for route in conduit_routes.get(link["cc_cd_code"], ())
    }
    per_route = rows(layers["ROUTES"], "CM_CODE", "gt_code", "gt_cables", "gt_laying")
    for code, (gt_code, count, _) in per_route.items():
        assert gt_code == code
        assert count == len({c for c, r in pairs if r == code})
    imp = {r["CM_CODE"]: r["CM_TYP_IMP"] for r in routes}
    for code, (_, _, laying) in per_route.items():
        expected_laying = {"0": "AERIEN", "2": "FACADE", "7": "SOUTERRAIN"}[imp[code]]
        assert laying == expected_laying
    cable_routes = rows(layers["CABLES"], "CB_CODE", "gt_routes", "gt_geomsrc")
    for cable, (names, source) in cable_routes.items():
        expected_names = sorted({r for c, r in pairs if c == cable})
        assert (names.split(";") if names else []) == expected_names
        is_patch = next(c for c in cables if c["CB_CODE"] == cable)["CB_TYPE"] == "J"
        assert source == (None if is_patch else "t_cable")
    # The two routes with an empty end node are reported, not guessed (4 m from a node).
    missing = report_rows(layers["REPORT"], "route end node missing")
    assert sorted(code for _, code, _ in missing) == ["CM000180032598", "CM200180032598"]
    invalid = report_rows(layers["REPORT"], "invalid geometries")
    assert invalid == [("t_cable", None, "27 rows (dropped)")]


# --------------------------------------------------------------------------- bundled v3 sample


def test_bundled_v3_sample(run_algorithm):
    assert SAMPLE_V3.exists(), f"the bundled sample {SAMPLE_V3} is missing"
    result, layers = run_reader(run_algorithm, SOURCE=str(SAMPLE_V3))
    dataset = ogr.Open(str(SAMPLE_V3))

    def count(name):
        for i in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(i)
            if layer.GetName().lower() == name:
                return layer.GetFeatureCount(), layer
        raise AssertionError(f"{name} missing from the sample")

    for key, table in (
        ("ROUTES", "t_cheminement"),
        ("CABLES", "t_cable"),
        ("NODES", "t_noeud"),
        ("PREMISES", "t_adresse"),
    ):
        assert layers[key].featureCount() == count(table)[0]
    _, addresses = count("t_adresse")
    total = 0
    for feature in addresses:
        for field in ("ad_nblres", "ad_nblpro", "ad_nblent", "ad_nblpub"):
            total += int(feature.GetField(field) or 0)
    assert result["PREMISES_TOTAL"] == total
    # Against the generator's own figures and the zone names of the delivery.
    summary = json.loads((SAMPLE_V3.parent / "summary.json").read_text())
    assert result["PREMISES_TOTAL"] == summary["premises"]
    roles = [f["gt_role"] for f in layers["NODES"].getFeatures()]
    assert roles.count("NRO") == summary["nros"] and roles.count("SRO") == summary["sros"]
    assert roles.count("PBO") == summary["pbos"]
    classes = [f["gt_class"] for f in layers["CABLES"].getFeatures()]
    assert {k: classes.count(k) for k in set(classes)} == summary["cables_by_kind"]
    _, znro = count("t_znro")
    nro_name = {f.GetField("zn_nd_code"): f.GetField("zn_nom") for f in znro}
    per_nro, per_sro = {}, {}
    for feature in layers["PREMISES"].getFeatures():
        name = nro_name[feature["gt_nro"]]
        per_nro[name] = per_nro.get(name, 0) + feature["gt_prem"]
        per_sro[feature["gt_sro"]] = per_sro.get(feature["gt_sro"], 0) + feature["gt_prem"]
    assert per_nro == summary["premises_by_nro"]
    assert sorted(per_sro.values()) == sorted(summary["premises_by_sro"].values())


# --------------------------------------------------------------------------- v2.x written here

X0, Y0 = 700000.0, 6600000.0
XY = {"N1": (0, 0), "N2": (100, 0), "N3": (150, 0), "N4": (160, 0), "N5": (0, 50)}


def _shapefile(folder, name, kind, fields, records):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    driver = ogr.GetDriverByName("ESRI Shapefile")
    dataset = driver.CreateDataSource(str(folder / f"{name}.shp"))
    layer = dataset.CreateLayer(name, srs, kind, options=["ENCODING=UTF-8"])
    for field in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr.OFTString))
    for values, wkt in records:
        feature = ogr.Feature(layer.GetLayerDefn())
        for field, value in zip(fields, values):
            if value is not None:
                feature.SetField(field, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    dataset = None


def _point(name):
    x, y = XY[name]
    return f"POINT ({X0 + x} {Y0 + y})"


def _line(*names):
    return "LINESTRING (" + ", ".join(f"{X0 + XY[n][0]} {Y0 + XY[n][1]}" for n in names) + ")"


def _csv(folder, name, header, lines, encodings=None):
    encodings = encodings or ["utf-8"] * len(lines)
    data = (";".join(header) + "\n").encode("utf-8")
    for line, encoding in zip(lines, encodings):
        data += (";".join("" if v is None else v for v in line) + "\n").encode(encoding)
    (folder / f"{name}.csv").write_bytes(data)


def write_v2_delivery(folder: Path, drop_field=None, mixed_encoding=True):
    """A GraceTHD 2.x delivery in lower case: 5 nodes, 3 routes, 2 cables, 2 addresses."""
    folder.mkdir(parents=True, exist_ok=True)
    _shapefile(folder, "t_noeud", ogr.wkbPoint, ["nd_code"], [([n], _point(n)) for n in XY])
    route_fields = ["cm_code", "cm_ndcode1", "cm_ndcode2", "cm_typ_imp", "cm_passage"]
    route_records = [
        (["R1", "N1", "N2", "7", "PON"], _line("N1", "N2")),
        (["R2", "N2", "N3", "0", None], _line("N2", "N3")),
        (["R3", "N3", "N9", "2", None], _line("N3", "N4")),  # N9: broken reference
    ]
    if drop_field:
        index = route_fields.index(drop_field)
        route_fields = route_fields[:index] + route_fields[index + 1 :]
        route_records = [(v[:index] + v[index + 1 :], w) for v, w in route_records]
    _shapefile(folder, "t_cheminement", ogr.wkbLineString, route_fields, route_records)
    _shapefile(
        folder,
        "t_adresse",
        ogr.wkbPoint,
        ["ad_code", "ad_nblhab", "ad_nblpro", "ad_prio"],
        [
            (["A1", "3", "1", "true"], f"POINT ({X0 + 161} {Y0 + 1})"),
            (["A2", "2", None, "false"], f"POINT ({X0 + 5000} {Y0 + 5000})"),
        ],
    )

    def rectangle(x1, y1, x2, y2):
        ring = [(x1, y1), (x2, y1), (x2, y2), (x1, y2), (x1, y1)]
        return "POLYGON ((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in ring) + "))"

    square = rectangle(140, -20, 200, 20)
    large = rectangle(-10, -30, 300, 60)
    _shapefile(
        folder,
        "t_zpbo",
        ogr.wkbPolygon,
        ["zp_code", "zp_nd_code", "zp_zs_code"],
        [(["ZP3", "N3", "ZS5"], square)],
    )
    _shapefile(
        folder,
        "t_zsro",
        ogr.wkbPolygon,
        ["zs_code", "zs_nd_code", "zs_zn_code"],
        [(["ZS5", "N5", "ZN1"], large)],
    )
    _shapefile(
        folder, "t_znro", ogr.wkbPolygon, ["zn_code", "zn_nd_code"], [(["ZN1", "N1"], large)]
    )
    # Mixed encodings: one line of t_cable is cp1252, the others UTF-8.
    _csv(
        folder,
        "t_cable",
        ["cb_code", "cb_nd1", "cb_nd2", "cb_typelog", "cb_typephy", "cb_comment"],
        [
            ["C1", "N1", "N3", "TR", "C", "Élagage à prévoir"],
            ["C2", "N3", "N4", "RA", "C", "Façade"],
            ["C3", None, None, "DI", "C", None],
        ],
        encodings=["utf-8", "cp1252" if mixed_encoding else "utf-8", "utf-8"],
    )
    _csv(
        folder,
        "t_cab_cond",
        ["cc_cb_code", "cc_cd_code"],
        [["C1", "D1"], ["C1", "D2"], ["C2", "D3"], ["C7", "D3"]],
    )
    _csv(
        folder,
        "t_cond_chem",
        ["dm_cd_code", "dm_cm_code"],
        [["D1", "R1"], ["D2", "R2"], ["D3", "R3"]],
    )
    _csv(
        folder,
        "t_sitetech",
        ["st_code", "st_nd_code", "st_typelog"],
        [["S1", "N1", "NRO"], ["S5", "N5", "SRO"]],
    )
    _csv(
        folder,
        "t_ptech",
        ["pt_code", "pt_nd_code", "pt_typephy"],
        [["P2", "N2", "C"], ["P3", "N3", "A"]],
    )
    _csv(folder, "t_ebp", ["bp_code", "bp_pt_code", "bp_typelog"], [["B3", "P3", "PBO"]])
    _csv(folder, "t_suf", ["sf_code", "sf_nd_code", "sf_ad_code"], [["F4", "N4", "A1"]])
    return folder


def check_v2_layers(result, layers):
    routes = rows(
        layers["ROUTES"], "gt_code", "gt_laying", "gt_passage", "gt_nd1", "gt_nd2", "gt_cables"
    )
    assert routes == {
        "R1": ("SOUTERRAIN", "PON", "N1", "N2", 1),
        "R2": ("AERIEN", None, "N2", "N3", 1),
        "R3": ("FACADE", None, "N3", "N4", 1),  # N9 unknown; the line ends on N4
    }
    cables = rows(
        layers["CABLES"], "gt_code", "gt_routes", "gt_aer_m", "gt_laying", "gt_class", "cb_comment"
    )
    assert cables["C1"][:4] == ("R1;R2", pytest.approx(50.0), "AERIEN", "TR")
    assert cables["C2"][:4] == ("R3", 0.0, "FACADE", "RA")
    assert cables["C1"][4] == "Élagage à prévoir" and cables["C2"][4] == "Façade"
    lengths = {f["gt_code"]: f.geometry().length() for f in layers["CABLES"].getFeatures()}
    assert lengths["C1"] == pytest.approx(150.0)  # rebuilt from R1 + R2
    roles = rows(layers["NODES"], "gt_code", "gt_role")
    assert {k: v[0] for k, v in roles.items()} == {
        "N1": "NRO",
        "N2": "CHAMBRE",
        "N3": "PBO",
        "N4": "IMMEUBLE",
        "N5": "SRO",
    }
    premises = rows(
        layers["PREMISES"], "gt_code", "gt_prem", "gt_prio", "gt_pbo", "gt_sro", "gt_nro"
    )
    assert premises == {"A1": (4, 1, "N3", "N5", "N1"), "A2": (2, 0, None, None, None)}
    assert result["PREMISES_TOTAL"] == 6
    report = layers["REPORT"]
    assert [c for _, c, _ in report_rows(report, "link to unknown cable")] == ["C7"]
    assert [c for _, c, _ in report_rows(report, "cable with no route")] == ["C3"]
    assert {c for _, c, _ in report_rows(report, "address outside every zone")} == {"A2"}
    matched = report_rows(report, "end node matched by position")
    assert [(t, c) for t, c, _ in matched] == [("t_cheminement", "R3")]


def test_v2_lower_case_folder_zip_and_geopackage(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2")
    result, layers = run_reader(run_algorithm, SOURCE=str(folder))
    check_v2_layers(result, layers)
    archive = tmp_path / "v2.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(folder.iterdir()):
            out.write(path, f"delivery/{path.name}")
    check_v2_layers(*run_reader(run_algorithm, SOURCE=str(archive)))
    # A GeoPackage holds UTF-8 only: written from a delivery without the cp1252 line.
    clean = write_v2_delivery(tmp_path / "v2utf8", mixed_encoding=False)
    gpkg = tmp_path / "v2.gpkg"
    for path in sorted(clean.iterdir()):
        if path.suffix in (".shp", ".csv"):
            update = ["-update"] if gpkg.exists() else []
            subprocess.run(
                ["ogr2ogr", "-f", "GPKG", *update, "-nln", path.stem, str(gpkg), str(path)],
                check=True,
                capture_output=True,
            )
    check_v2_layers(*run_reader(run_algorithm, SOURCE=str(gpkg), VERSION=2))


# --------------------------------------------------------------------------- PostGIS, for real


@pytest.fixture(scope="module")
def postgis_server():
    script = REPO / "scripts" / "postgis.sh"
    started = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        # `make setup` installs it: a server that cannot start is a failure, never a skip.
        message = f"PostgreSQL/PostGIS cannot be started: {started.stderr.strip()}"
        pytest.fail(message + "; run `make setup` (bash scripts/postgis.sh install)")
    info = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
    yield info
    subprocess.run(["bash", str(script), "stop", info["PGDIR"]], capture_output=True)


def load_into_postgis(server, schema, folder):
    pg = f"PG:host=127.0.0.1 port={server['PGPORT']} user={server['PGUSER']} dbname=gracethd"
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            server["PGPORT"],
            "-U",
            server["PGUSER"],
            "-d",
            "gracethd",
            "-c",
            f"CREATE SCHEMA {schema}",
        ],
        check=True,
        capture_output=True,
    )
    for path in sorted(Path(folder).iterdir()):
        if path.suffix not in (".shp", ".csv"):
            continue
        options = ["-oo", "SEPARATOR=SEMICOLON"] if path.suffix == ".csv" else []
        subprocess.run(
            [
                "ogr2ogr",
                "-f",
                "PostgreSQL",
                pg,
                str(path),
                *options,
                "-nln",
                f"{schema}.{path.stem}",
                "-lco",
                "GEOMETRY_NAME=geom",
            ],
            check=True,
            capture_output=True,
        )


def register_connection(server, name):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={server['PGPORT']} dbname=gracethd user={server['PGUSER']}"
    connection = metadata.createConnection(uri, {"saveUsername": True, "savePassword": True})
    connection.store(name)
    return name


def test_postgis_schema_reads_like_the_files(run_algorithm, postgis_server, tmp_path):
    # A database holds UTF-8 only: the mixed-encoding CSV stays a file-delivery case.
    folder = write_v2_delivery(tmp_path / "v2", mixed_encoding=False)
    load_into_postgis(postgis_server, "livraison_v2", folder)
    name = register_connection(postgis_server, "fr-test-gracethd")
    from_db = run_reader(run_algorithm, CONNECTION=name, SCHEMA="livraison_v2")
    check_v2_layers(*from_db)
    _, from_files = run_reader(run_algorithm, SOURCE=str(folder))
    fields = {
        "ROUTES": ("gt_code", "gt_laying", "gt_passage", "gt_nd1", "gt_nd2", "gt_cables"),
        "CABLES": ("gt_code", "gt_nd1", "gt_nd2", "gt_class", "gt_routes", "gt_aer_m", "gt_laying"),
        "NODES": ("gt_code", "gt_role"),
        "PREMISES": ("gt_code", "gt_prem", "gt_prio", "gt_pbo", "gt_sro", "gt_nro"),
    }
    for key, names in fields.items():
        assert rows(from_db[1][key], *names) == rows(from_files[key], *names)
        geometries_db = {f["gt_code"]: f.geometry().asWkt(2) for f in from_db[1][key].getFeatures()}
        geometries_files = {
            f["gt_code"]: f.geometry().asWkt(2) for f in from_files[key].getFeatures()
        }
        assert geometries_db == geometries_files


# --------------------------------------------------------------------------- bad input


def test_folder_without_gracethd_tables(run_algorithm, tmp_path):
    (tmp_path / "notes.csv").write_text("a;b\n1;2\n")
    with pytest.raises(QgsProcessingException, match="No GraceTHD table"):
        run_reader(run_algorithm, SOURCE=str(tmp_path))


def test_table_missing_a_key_field(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2", drop_field="cm_ndcode1")
    with pytest.raises(QgsProcessingException, match="t_cheminement has no field cm_ndcode1"):
        run_reader(run_algorithm, SOURCE=str(folder))


def test_missing_mandatory_table_is_named(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2")
    (folder / "t_cond_chem.csv").unlink()
    with pytest.raises(QgsProcessingException, match="t_cond_chem"):
        run_reader(run_algorithm, SOURCE=str(folder))


def test_source_and_connection_together_refused(run_algorithm, tmp_path):
    with pytest.raises(QgsProcessingException, match="not both"):
        run_reader(run_algorithm, SOURCE=str(tmp_path), CONNECTION="x", SCHEMA="y")


# --------------------------------------------------------------------------- route ends


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps every pushed message, to check what a user reads."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings = [], []

    def pushInfo(self, info):  # noqa: N802 (QGIS's name)
        self.infos.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802 (QGIS's name)
        self.warnings.append(warning)
        super().pushWarning(warning)


def _layer(value, context):
    return context.getMapLayer(value) if isinstance(value, str) else value


def test_route_end_on_an_unknown_node_is_a_counted_warning(run_algorithm, tmp_path):
    # R3 says cm_ndcode2=N9, absent from t_noeud; its line ends on N4.
    folder = write_v2_delivery(tmp_path / "v2")
    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    parameters = {"SOURCE": str(folder), "TOLERANCE": 1.0}
    parameters.update({key: "memory:" for key in OUTPUTS})
    result = run_algorithm("gracethdnetwork", parameters, feedback=feedback, context=context)
    report = _layer(result["REPORT"], context)
    rows_ = [
        (f["gt_sev"], f["gt_table"], f["gt_code"], f["gt_detail"])
        for f in report.getFeatures()
        if f["gt_anomaly"] == "end node matched by position"
    ]
    assert rows_ == [
        (
            "warning",
            "t_cheminement",
            "R3",
            "cm_ndcode2=N9 (not in t_noeud): attached to N4 at 0.00 m",
        )
    ]
    severities = [f["gt_sev"] for f in report.getFeatures()]
    assert result["ANOMALY_COUNT"] == severities.count("warning") + severities.count("error")
    summary = [w for w in feedback.warnings if "route ends" in w]
    assert summary and "1 attached" in summary[0] and "0 not attached" in summary[0]

    # Matching off: the same end is left empty, still a warning, and says why.
    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    parameters["TOLERANCE"] = 0
    result = run_algorithm("gracethdnetwork", parameters, feedback=feedback, context=context)
    report = _layer(result["REPORT"], context)
    missing = [
        (f["gt_sev"], f["gt_code"], f["gt_detail"])
        for f in report.getFeatures()
        if f["gt_anomaly"] == "route end node missing"
    ]
    assert missing == [
        (
            "warning",
            "R3",
            "cm_ndcode2=N9 (not in t_noeud): not attached (matching by position is off)",
        )
    ]
    assert any("0 attached" in w and "1 not attached" in w for w in feedback.warnings)


@pytest.mark.parametrize("value", [20.5, 1000.0, -1.0])
def test_tolerance_out_of_bounds_is_refused_naming_them(run_algorithm, tmp_path, value):
    folder = write_v2_delivery(tmp_path / "v2")
    with pytest.raises(QgsProcessingException, match=r"TOLERANCE must be between 0 and 20 m"):
        run_reader(run_algorithm, SOURCE=str(folder), TOLERANCE=value)


def test_tolerance_at_its_maximum_is_accepted(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2")
    result, _ = run_reader(run_algorithm, SOURCE=str(folder), TOLERANCE=20)
    assert result["ANOMALY_COUNT"] >= 1


# --------------------------------------------------------------------------- PostGIS failures

PASSWORD = "S3cret-Pa55-fr"


def _psql(server, sql):
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", server["PGPORT"], "-U", server["PGUSER"]]
        + ["-d", "gracethd", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def password_role(postgis_server, tmp_path_factory):
    """A role that must give its password (the server trusts every other one), and a
    delivery in a schema it may read."""
    hba = Path(postgis_server["PGDIR"]) / "data" / "pg_hba.conf"
    rule = "host all fr_secret 127.0.0.1/32 scram-sha-256\n"
    if rule not in hba.read_text():
        hba.write_text(rule + hba.read_text())  # first match wins: before the trust lines
    _psql(postgis_server, f"CREATE ROLE fr_secret LOGIN PASSWORD '{PASSWORD}'")
    _psql(postgis_server, "SELECT pg_reload_conf()")
    folder = write_v2_delivery(tmp_path_factory.mktemp("pw") / "v2", mixed_encoding=False)
    load_into_postgis(postgis_server, "livraison_pw", folder)
    _psql(
        postgis_server,
        "GRANT USAGE ON SCHEMA livraison_pw TO fr_secret; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA livraison_pw TO fr_secret",
    )
    return postgis_server


def register_password_connection(server, name, password=PASSWORD, port=None, db="gracethd"):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = (
        f"host=127.0.0.1 port={port or server['PGPORT']} dbname={db} user=fr_secret "
        f"password='{password}'"
    )
    connection = metadata.createConnection(uri, {"saveUsername": True, "savePassword": True})
    connection.store(name)
    return name


class ErrorFeedback(RecordingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS's names)
        self.errors.append(error)
        super().reportError(error, fatalError)

    def everything(self):
        return "\n".join(self.infos + self.warnings + self.errors)


def _failed_read(run_algorithm, name, schema="livraison_pw"):
    feedback = ErrorFeedback()
    parameters = {"CONNECTION": name, "SCHEMA": schema}
    parameters.update({key: "memory:" for key in OUTPUTS})
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm("gracethdnetwork", parameters, feedback=feedback)
    return str(raised.value), feedback


def test_postgis_wrong_password_says_so_without_the_password(run_algorithm, password_role):
    wrong = "Wr0ng-Pa55-fr"
    name = register_password_connection(password_role, "fr-test-wrong-password", wrong)
    message, feedback = _failed_read(run_algorithm, name)
    assert "password authentication failed" in message
    assert "fr-test-wrong-password" in message and "fr_secret" in message
    assert wrong not in message and wrong not in feedback.everything()


def test_postgis_wrong_port_says_connection_refused(run_algorithm, password_role):
    # a port nothing listens on: the one a closed socket was just given
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    name = register_password_connection(password_role, "fr-test-wrong-port", port=port)
    message, feedback = _failed_read(run_algorithm, name)
    assert "Connection refused" in message and f"port={port}" in message
    assert PASSWORD not in message and PASSWORD not in feedback.everything()


def test_postgis_missing_database_is_named(run_algorithm, password_role):
    name = register_password_connection(password_role, "fr-test-no-db", db="livraisons")
    message, feedback = _failed_read(run_algorithm, name)
    assert 'database "livraisons" does not exist' in message
    assert PASSWORD not in message and PASSWORD not in feedback.everything()


def test_postgis_missing_schema_is_named(run_algorithm, password_role):
    name = register_password_connection(password_role, "fr-test-no-schema")
    message, feedback = _failed_read(run_algorithm, name, schema="livraison_absente")
    assert 'Schema "livraison_absente" does not exist' in message
    assert "livraison_pw" in message  # the schemas that do exist
    assert PASSWORD not in message and PASSWORD not in feedback.everything()


def test_postgis_read_with_a_password_leaks_it_nowhere(run_algorithm, password_role):
    name = register_password_connection(password_role, "fr-test-good-password")
    feedback = ErrorFeedback()
    context = QgsProcessingContext()
    parameters = {"CONNECTION": name, "SCHEMA": "livraison_pw"}
    parameters.update({key: "memory:" for key in OUTPUTS})
    result = run_algorithm("gracethdnetwork", parameters, feedback=feedback, context=context)
    check_v2_layers(result, {key: _layer(result[key], context) for key in OUTPUTS})
    assert PASSWORD not in feedback.everything()
    for key in OUTPUTS:
        for feature in _layer(result[key], context).getFeatures():
            assert not any(PASSWORD in str(value) for value in feature.attributes())


# --------------------------------------------------------------------------- damaged deliveries


def _append(path, data):
    path.write_bytes(path.read_bytes() + data)


def _resave_csv(folder, separator):
    for path in folder.glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b";", separator))


DAMAGED = [
    # (what is done to a good v2 delivery folder, what the message must say)
    (
        lambda f: _append(f / "t_ebp.csv", b"B4;P2;PBO;extra;more\n"),
        r"t_ebp\.csv: Expected 3 fields in line 3, saw 5",
    ),
    (
        lambda f: _append(f / "t_ebp.csv", b'B5;"P2;PBO\n'),
        r"Cannot read t_ebp\.csv: EOF inside string",
    ),
    (lambda f: (f / "t_noeud.shx").unlink(), r"Shapefile t_noeud\.shp has no \.shx file"),
    (lambda f: (f / "t_adresse.dbf").unlink(), r"Shapefile t_adresse\.shp has no \.dbf file"),
    (lambda f: (f / "t_cab_cond.csv").write_bytes(b""), "Table t_cab_cond has no field cc_cb_code"),
]


@pytest.mark.parametrize("damage,words", DAMAGED)
def test_a_damaged_delivery_is_named(run_algorithm, tmp_path, damage, words):
    folder = write_v2_delivery(tmp_path / "v2")
    damage(folder)
    with pytest.raises(QgsProcessingException, match=words) as raised:
        run_reader(run_algorithm, SOURCE=str(folder))
    assert "Traceback" not in str(raised.value)


@pytest.mark.parametrize("separator", [b",", b"\t"])
def test_csv_saved_with_another_separator_reads_the_same(run_algorithm, tmp_path, separator):
    folder = write_v2_delivery(tmp_path / "v2")
    _resave_csv(folder, separator)
    check_v2_layers(*run_reader(run_algorithm, SOURCE=str(folder)))


def test_an_empty_optional_csv_is_a_warning(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2")
    (folder / "t_ebp.csv").write_bytes(b"")
    feedback = RecordingFeedback()
    parameters = {"SOURCE": str(folder)}
    parameters.update({key: "memory:" for key in OUTPUTS})
    run_algorithm("gracethdnetwork", parameters, feedback=feedback)
    assert any("t_ebp.csv is empty" in w for w in feedback.warnings)


def test_a_file_that_is_not_a_zip_is_named(run_algorithm, tmp_path):
    (tmp_path / "livraison.zip").write_bytes(b"PK? not really a zip")
    with pytest.raises(QgsProcessingException, match=r"SOURCE is not a readable \.zip file"):
        run_reader(run_algorithm, SOURCE=str(tmp_path / "livraison.zip"))


def test_a_delivery_one_folder_down_is_pointed_at(run_algorithm, tmp_path):
    write_v2_delivery(tmp_path / "export" / "GraceTHD_v2")
    with pytest.raises(QgsProcessingException, match="its subfolder GraceTHD_v2 holds some"):
        run_reader(run_algorithm, SOURCE=str(tmp_path / "export"))


def test_routes_of_points_are_named(run_algorithm, tmp_path):
    folder = write_v2_delivery(tmp_path / "v2")
    for path in folder.glob("t_cheminement.*"):
        path.unlink()
    _shapefile(
        folder,
        "t_cheminement",
        ogr.wkbPoint,
        ["cm_code", "cm_ndcode1", "cm_ndcode2"],
        [(["R1", "N1", "N2"], _point("N1"))],
    )
    with pytest.raises(
        QgsProcessingException, match="t_cheminement must hold lines; it holds Point"
    ):
        run_reader(run_algorithm, SOURCE=str(folder))


def test_a_geopackage_table_without_fields_is_named(run_algorithm, tmp_path):
    gpkg = tmp_path / "v2.gpkg"
    folder = write_v2_delivery(tmp_path / "v2", mixed_encoding=False)
    for path in sorted(folder.iterdir()):
        if path.suffix in (".shp", ".csv") and path.stem != "t_noeud":
            update = ["-update"] if gpkg.exists() else []
            subprocess.run(
                ["ogr2ogr", "-f", "GPKG", *update, "-nln", path.stem, str(gpkg), str(path)],
                check=True,
                capture_output=True,
            )
    dataset = ogr.Open(str(gpkg), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer("t_noeud", srs, ogr.wkbPoint)  # geometry, no field
    for name in XY:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(_point(name)))
        layer.CreateFeature(feature)
    dataset = None
    with pytest.raises(QgsProcessingException, match="Table t_noeud has no field nd_code"):
        run_reader(run_algorithm, SOURCE=str(gpkg), VERSION=2)


def test_a_table_without_fields_keeps_one_row_per_feature(qgis_app, tmp_path):
    # A shapefile without its .dbf (refused earlier by name; read here all the same) is read
    # in one GDAL call with no field: still one row per feature, so the message is about the
    # missing field and not about rows and geometries that do not match.
    from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer

    from fibre_resilience.adapters.delivery import layer_table

    folder = write_v2_delivery(tmp_path / "v2")
    (folder / "t_noeud.dbf").unlink()
    layer = QgsVectorLayer(str(folder / "t_noeud.shp"), "t_noeud", "ogr")
    assert layer.isValid() and layer.fields().count() == 0
    table = layer_table(
        "t_noeud", layer, QgsCoordinateReferenceSystem("EPSG:2154"), QgsProcessingContext()
    )
    assert len(table.frame) == len(table.geometries) == len(XY)


def _failed_report(run_algorithm, routes):
    feedback = ErrorFeedback()
    with pytest.raises(QgsProcessingException) as raised:
        run_algorithm(
            "resiliencereport", {"ROUTES": routes, "OUTPUT_HTML": "/nonexistent/r.html"}, feedback
        )
    return str(raised.value), feedback


def test_report_on_a_postgis_layer_shows_no_password(run_algorithm, password_role, tmp_path):
    # The routes as a layer of the database, given by a connection string with a password.
    uri = (
        f"host=127.0.0.1 port={password_role['PGPORT']} dbname=gracethd user=fr_secret "
        f"password='{PASSWORD}' key='ogc_fid' table=\"livraison_pw\".\"t_cheminement\" (geom)"
    )
    from qgis.core import QgsVectorLayer

    # A source QGIS cannot load is refused in words that quote it: without its password.
    message, feedback = _failed_report(run_algorithm, uri.replace("t_cheminement", "t_absente"))
    assert "t_absente" in message and "ROUTES" in message
    assert PASSWORD not in message and PASSWORD not in feedback.everything()

    layer = QgsVectorLayer(uri, "t_cheminement", "postgres")
    assert layer.isValid()
    html = tmp_path / "report.html"
    feedback = ErrorFeedback()
    run_algorithm(
        "resiliencereport",
        {
            "ROUTES": layer,
            "RUN_PARAMETERS": f"routes={uri}",
            "OUTPUT_HTML": str(html),
            "OUTPUT_TABLES": str(tmp_path / "report.ods"),
        },
        feedback=feedback,
    )
    page = html.read_text(encoding="utf-8")
    assert "livraison_pw" in page  # the source is listed
    assert PASSWORD not in page and PASSWORD not in feedback.everything()
    with zipfile.ZipFile(tmp_path / "report.ods") as workbook:
        content = workbook.read("content.xml").decode("utf-8")
    assert "livraison_pw" in content and PASSWORD not in content


# --------------------------------------------------------------------------- fields read


def _read_all_ways(source):
    """The core's result on ``source`` read whole, and read with only the fields it needs
    (the tables not written out); and the number of fields the second read left out."""
    import pandas as pd

    from fibre_resilience.adapters import delivery
    from fibre_resilience.core import gracethd_schema as gs
    from fibre_resilience.core.gracethd import DeliveryTable, read_gracethd

    found = delivery.file_layers(str(source))
    out, left_out = [], 0
    for fields in (None, gs.FIELDS_READ):
        tables, _ = delivery.read_delivery(
            found, QgsProcessingContext(), fields=fields, whole=gs.WRITTEN_TABLES
        )
        left_out = sum(len(t.fields) - len(t.frame.columns) for t in tables.values())
        delivered = {n: DeliveryTable(t.frame, t.geometries) for n, t in tables.items()}
        out.append(read_gracethd(delivered))
    whole, limited = out
    for name in ("routes", "cables", "nodes", "premises", "report"):
        pd.testing.assert_frame_equal(getattr(whole, name), getattr(limited, name))
    for name in ("route_geometries", "cable_geometries", "node_geometries"):
        assert list(getattr(whole, name)) == list(getattr(limited, name))
    assert list(whole.premises_geometries) == list(limited.premises_geometries)
    return left_out


@pytest.mark.parametrize("which", ["demo 2015", "v3 sample", "v2 folder"])
def test_reading_only_the_fields_the_reader_needs_changes_nothing(qgis_app, tmp_path, which):
    # The tables not written out are read with only gs.FIELDS_READ: every field the core
    # reads must be in it, or a role, a zone or a link would be lost without a word.
    source = {
        "demo 2015": lambda: DEMO,
        "v3 sample": lambda: SAMPLE_V3,
        "v2 folder": lambda: write_v2_delivery(tmp_path / "v2"),
    }[which]()
    left_out = _read_all_ways(source)
    # some fields were indeed not read (the v2 delivery written here has no other field)
    assert left_out > 0 or which == "v2 folder"
