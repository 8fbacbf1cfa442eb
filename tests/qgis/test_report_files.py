"""fibreresilience:resiliencereport and its own files: every destination checked before
anything is written, missing folders made, nothing left behind by a failed run; bad layers
named; no password in the provenance. Small runs on the sample territory's layers."""

import os

import pytest
from qgis import processing
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException
from qgis_helpers import ensure_provider

from fibre_resilience.adapters import compat

ALG = "fibreresilience:resiliencereport"


@pytest.fixture()
def territory(qgis_processing, sample_dir):
    ensure_provider()
    path = sample_dir / "territory.gpkg"
    return lambda name: f"{path}|layername={name}"


def _report(parameters):
    return processing.run(ALG, parameters)


def _files(folder):
    """Every file and folder under ``folder``, hidden ones included."""
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.relpath(os.path.join(root, n), folder) for n in dirs + files]
    return sorted(found)


def test_a_wrong_table_extension_is_refused_before_anything_is_written(territory, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"OUTPUT_TABLES must be a \.xlsx or \.ods"):
        _report(
            {
                "ROADS": territory("roads"),
                "OUTPUT_HTML": str(tmp_path / "report.html"),
                "OUTPUT_PDF": str(tmp_path / "report.pdf"),
                "OUTPUT_TABLES": str(tmp_path / "report.csv"),
            }
        )
    assert _files(tmp_path) == []


@pytest.mark.parametrize(
    "key,name,words",
    [
        ("OUTPUT_HTML", "report.txt", r"OUTPUT_HTML must be a \.html or \.htm file"),
        ("OUTPUT_PDF", "report.html.png", r"OUTPUT_PDF must be a \.pdf file"),
    ],
)
def test_wrong_report_extensions_are_refused(territory, tmp_path, key, name, words):
    parameters = {"ROADS": territory("roads"), "OUTPUT_HTML": str(tmp_path / "report.html")}
    parameters[key] = str(tmp_path / name)
    with pytest.raises(QgsProcessingException, match=words):
        _report(parameters)
    assert _files(tmp_path) == []


def test_missing_folders_are_made(territory, tmp_path):
    html = tmp_path / "new" / "html" / "report.html"
    pdf = tmp_path / "new" / "pdf" / "report.pdf"
    tables = tmp_path / "new" / "report.ods"
    result = _report(
        {
            "ROADS": territory("roads"),
            "OUTPUT_HTML": str(html),
            "OUTPUT_PDF": str(pdf),
            "OUTPUT_TABLES": str(tables),
        }
    )
    assert result["OUTPUT_HTML"] == str(html) and result["OUTPUT_PDF"] == str(pdf)
    assert _files(tmp_path) == sorted(
        ["new", "new/html", "new/html/report.html", "new/pdf", "new/pdf/report.pdf"]
        + ["new/report.ods"]
    )
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_folder_that_is_a_file_is_refused(territory, tmp_path):
    (tmp_path / "notes").write_text("mine")
    with pytest.raises(QgsProcessingException, match=r'OUTPUT_PDF: ".*notes" is a file'):
        _report(
            {
                "ROADS": territory("roads"),
                "OUTPUT_HTML": str(tmp_path / "made" / "report.html"),
                "OUTPUT_PDF": str(tmp_path / "notes" / "report.pdf"),
            }
        )
    assert _files(tmp_path) == ["notes"]  # the folder made for the HTML is gone too


def test_a_destination_that_is_a_folder_is_refused(territory, tmp_path):
    (tmp_path / "report.html").mkdir()
    with pytest.raises(QgsProcessingException, match="OUTPUT_HTML is a folder"):
        _report({"ROADS": territory("roads"), "OUTPUT_HTML": str(tmp_path / "report.html")})


def test_a_failure_at_the_last_step_leaves_no_file_and_the_old_report(
    territory, tmp_path, monkeypatch
):
    from fibre_resilience.algorithms import resilience_report

    def broken(path, tables):
        open(path, "wb").close()  # half written
        raise QgsProcessingException("disk full")

    monkeypatch.setattr(resilience_report, "write_workbook", broken)
    (tmp_path / "report.html").write_text("last week's report")
    with pytest.raises(QgsProcessingException, match="disk full"):
        _report(
            {
                "ROADS": territory("roads"),
                "OUTPUT_HTML": str(tmp_path / "report.html"),
                "OUTPUT_PDF": str(tmp_path / "new" / "report.pdf"),
                "OUTPUT_TABLES": str(tmp_path / "report.xlsx"),
            }
        )
    assert _files(tmp_path) == ["report.html"]
    assert (tmp_path / "report.html").read_text() == "last week's report"


@pytest.mark.parametrize(
    "key,layer,words",
    [
        ("PREMISES", "communes", r'"territory \(communes\)" given as PREMISES must hold Point'),
        ("ROUTES", "depots", r'"territory \(depots\)" given as ROUTES must hold Line'),
        ("HAZARD", "roads", r'"territory \(roads\)" given as HAZARD must hold Polygon'),
        ("SITES", "depots", "given as SITES has no field rd_divers"),
        ("NODES", "depots", "given as NODES has no field hz_level"),
        ("TARGETS", "depots", "given as TARGETS has no field ac_reach"),
        ("SENSITIVE_SITES", "sensitive_sites", "SENSITIVE_SITES has no field im_failed or im_cut"),
    ],
)
def test_a_layer_of_the_wrong_kind_is_named(territory, tmp_path, key, layer, words):
    with pytest.raises(QgsProcessingException, match=words):
        _report({key: territory(layer), "OUTPUT_HTML": str(tmp_path / "r.html")})
    assert _files(tmp_path) == []


def test_no_password_reaches_the_provenance(territory, tmp_path):
    run_parameters = "\n".join(
        [
            "delivery=postgresql://bob:Pr0v-Secret-1@db.example/gis",
            "connection=host=db dbname=gis user=bob password='Pr0v-Secret-2'",
            "hazard=PG:dbname=gis PASSWORD=Pr0v-Secret-3",
        ]
    )
    html = tmp_path / "report.html"
    _report(
        {
            "ROADS": territory("roads"),
            "RUN_PARAMETERS": run_parameters,
            "OUTPUT_HTML": str(html),
            "OUTPUT_TABLES": str(tmp_path / "report.xlsx"),
        }
    )
    page = html.read_text(encoding="utf-8")
    assert "db.example/gis" in page and "user=bob" in page  # the parameters are listed
    assert "Pr0v-Secret" not in page
    from osgeo import gdal

    text = gdal.VSIFOpenL(f"/vsizip/{tmp_path / 'report.xlsx'}/xl/sharedStrings.xml", "rb")
    assert text is not None
    strings = gdal.VSIFReadL(1, 10_000_000, text).decode("utf-8")
    gdal.VSIFCloseL(text)
    assert "db.example/gis" in strings and "Pr0v-Secret" not in strings


def _memory(uri, name, fields, rows):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer(uri, name, "memory")
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_targets_that_cannot_be_drawn_still_make_a_report(territory, tmp_path):
    targets = _memory(
        "Point?crs=EPSG:2154",
        "targets",
        [("ac_reach", compat.INT)],
        [(None, [1]), (None, [0]), (None, [0])],
    )
    html = tmp_path / "report.html"
    result = _report({"TARGETS": targets, "OUTPUT_HTML": str(html)})
    assert result["UNREACHABLE_COUNT"] == 2 and html.exists()


def test_targets_without_crs_are_refused_by_name(territory, tmp_path):
    """Every layer with geometries needs a CRS (README, Algorithms): the report's too."""
    targets = _memory(
        "Point", "targets", [("ac_reach", compat.INT)], [("POINT (700000 6600000)", [1])]
    )
    targets.setCrs(QgsCoordinateReferenceSystem())
    with pytest.raises(QgsProcessingException, match='"targets" .TARGETS. has no CRS'):
        _report({"TARGETS": targets, "OUTPUT_HTML": str(tmp_path / "report.html")})
    assert _files(tmp_path) == []


def test_text_where_a_count_needs_numbers_is_named(territory, tmp_path):
    targets = _memory(
        "Point?crs=EPSG:2154",
        "targets",
        [("ac_reach", compat.STRING)],
        [("POINT (700000 6600000)", ["no"])],
    )
    with pytest.raises(QgsProcessingException, match='Field "ac_reach" of layer "targets" must be'):
        _report({"TARGETS": targets, "OUTPUT_HTML": str(tmp_path / "r.html")})
    assert _files(tmp_path) == []


def test_a_route_id_field_named_but_missing_is_refused(territory, tmp_path):
    with pytest.raises(QgsProcessingException, match='has no field "route_ref"'):
        _report(
            {
                "ROUTES": territory("roads"),
                "ROUTE_ID_FIELD": "route_ref",
                "OUTPUT_HTML": str(tmp_path / "r.html"),
            }
        )
    assert _files(tmp_path) == []


def test_a_cancelled_run_leaves_no_file_nor_folder(territory, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    # cancelled before the first layer is read: the folder made for the files goes too
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            ALG,
            {
                "SENSITIVE_SITES": territory("sensitive_sites"),
                "ROADS": territory("roads"),
                "OUTPUT_HTML": str(tmp_path / "out" / "report.html"),
                "OUTPUT_PDF": str(tmp_path / "out" / "report.pdf"),
            },
            feedback=feedback,
        )
    assert _files(tmp_path) == []
