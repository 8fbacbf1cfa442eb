"""fibreresilience:resiliencereport on a whole run of the sample: its figures against the
layers it was made from (counted here with OGR and QGIS geometry, not with the report's code),
the HTML, the PDF's first page as an image, the workbook, French, and bad input."""

import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr
from qgis import processing
from qgis.core import QgsGeometry, QgsProcessingException, QgsVectorLayer
from qgis_helpers import ensure_provider

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from demo_figures import open_workbook  # noqa: E402  (the demo reads the workbook the same way)

MODEL_ID = "fibreresilience:resilienceplan"
CRITERIA = "hz_level | weight=3 | higher | thresholds=1;2;3;4\nhz_length | weight=1 | minmax"
LAYERS = {
    "premises": "impact:premises",
    "sites": "redundancy:sites",
    "routes": "scoring:routes",
    "nodes": "nodes_exposure:exposure",
    "targets": "access:targets",
    "blocked": "access:blocked_roads",
    "crew": "access:crew_routes",
}


@pytest.fixture(scope="module")
def run(qgis_processing, sample_dir, tmp_path_factory):
    """The shipped model on the sample, every layer in a GeoPackage, the report in a folder."""
    ensure_provider()
    folder = tmp_path_factory.mktemp("plan")
    territory = sample_dir / "territory.gpkg"
    parameters = {
        "delivery": str(sample_dir / "gracethd_v3.gpkg"),
        "hazard": f"{territory}|layername=flood_zones",
        "hazard_field": "scenario",
        "preset": 1,
        "hazard_raster": str(sample_dir / "flood_depth_04Fai.tif"),
        "raster_thresholds": "0.01;0.5;1;2",
        "fail_level": 3,
        "roads": f"{territory}|layername=roads",
        "depots": f"{territory}|layername=depots",
        "depot_field": "depot_id",
        "keep_bridges": True,
        "communes": f"{territory}|layername=communes",
        "commune_field": "nom",
        "sensitive_sites": f"{territory}|layername=sensitive_sites",
        "sensitive_name_field": "name",
        "criteria": CRITERIA,
        "title": "Plan de résilience du RIP",
        "report:html": str(folder / "report.html"),
        "report:pdf": str(folder / "report.pdf"),
        "report:tables": str(folder / "report.xlsx"),
    }
    for name in LAYERS.values():
        parameters[name] = str(folder / (name.replace(":", "_") + ".gpkg"))
    from qgis.core import QgsApplication

    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    for definition in model.destinationParameterDefinitions():
        parameters.setdefault(definition.name(), "TEMPORARY_OUTPUT")
    result = processing.run(MODEL_ID, parameters)
    return folder, parameters, result


def _features(path):
    dataset = ogr.Open(str(path))
    return [feature.items() for feature in dataset.GetLayer(0)], dataset


def _sheet(path, name):
    """A workbook sheet as rows of cells (the header row is the field names)."""
    with open_workbook(path) as dataset:
        layer = dataset.GetLayerByName(name)
        assert layer is not None, [
            dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())
        ]
        definition = layer.GetLayerDefn()
        names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
        return names, [[feature.GetField(i) for i in range(len(names))] for feature in layer]


def test_key_figures_equal_the_layers(run):
    folder, parameters, result = run
    premises, _ = _features(parameters["impact:premises"])
    sites, _ = _features(parameters["redundancy:sites"])
    routes, _ = _features(parameters["scoring:routes"])
    targets, _ = _features(parameters["access:targets"])
    expected = {
        "Premises (locaux raccordables)": sum(p["gt_prem"] for p in premises),
        "Premises exposed to the hazard (level 1 or more)": sum(
            p["gt_prem"] for p in premises if (p["hz_level"] or 0) >= 1
        ),
        "Premises cut off by the scenario": sum(p["im_prem"] or 0 for p in premises),
        "Sites cut by a single line (diversity 0)": sum(s["rd_divers"] == 0 for s in sites),
        "Sites cut by a single node or shared-risk group (diversity 1)": sum(
            s["rd_divers"] == 1 for s in sites
        ),
        "Sites with physical diversity (diversity 2)": sum(s["rd_divers"] == 2 for s in sites),
        "Routes (cheminements)": len(routes),
        "Unreachable assets": sum(t["ac_reach"] == 0 for t in targets),
    }
    for level, name in enumerate(["not exposed", "low", "medium", "high", "very high"]):
        expected[f"Premises at hazard level {level} ({name})"] = sum(
            p["gt_prem"] for p in premises if (p["hz_level"] or 0) == level
        )
        if level:
            expected[f"Route length at hazard level {level} ({name}) (km)"] = pytest.approx(
                sum(r["hz_length"] or 0 for r in routes if r["hz_level"] == level) / 1000
            )
    delays = [t["ac_delay"] for t in targets if t["ac_reach"] == 1 and t["ac_delay"] is not None]
    if delays:
        expected["Mean crew delay over reached assets (minutes)"] = pytest.approx(np.mean(delays))
        expected["Worst crew delay (minutes)"] = pytest.approx(max(delays))
    _, rows = _sheet(folder / "report.xlsx", "Key figures")
    figures = dict(rows)
    for label, value in expected.items():
        assert figures[label] == value, label
    # The care home in the 02Moy flood zone loses service; the town halls do not.
    _, sensitive = _sheet(folder / "report.xlsx", "Sensitive sites")
    status = dict(sensitive)
    assert status["Ehpad de Esquerhem-sur-Lisette"] in ("cut off", "its own point fails")
    assert figures["Sensitive sites that lose service"] == sum(
        value in ("cut off", "its own point fails") for value in status.values()
    )
    assert len(status) == 8
    # The run cuts premises off and has unreachable failed nodes: the figures are not trivial.
    assert (
        0 < figures["Premises cut off by the scenario"] < figures["Premises (locaux raccordables)"]
    )
    # The tiers replace "behind a single point of failure", which nearly every premises is.
    assert "Premises behind a single point of failure" not in figures
    assert figures["NROs"] == 3
    # The model's roots are the NROs: nothing upstream of them, the collecte is not analysed.
    assert (
        figures["Most premises of one NRO cut by a single collecte failure (upstream of the NRO)"]
        is None
    )
    transport = "Most premises of one NRO cut by a single transport failure (NRO to cabinet)"
    distribution = "Most premises of one NRO cut by a single distribution failure (cabinet to box)"
    names, rows = _sheet(folder / "report.xlsx", "Single failures by NRO")
    by_nro = defaultdict(int)
    for p in premises:
        by_nro[p["gt_nro"]] += p["gt_prem"]
    # Each NRO's premises (those it dominates) are the delivery's (gt_nro).
    assert {row[0]: row[1] for row in rows} == dict(by_nro)
    assert figures[transport] == max(row[names.index("Transport")] for row in rows)
    assert 0 < figures[distribution] < figures[transport] <= max(by_nro.values())
    report = result["CHILD_RESULTS"]["report"]
    assert report["PREMISES_CUT"] == figures["Premises cut off by the scenario"]
    assert report["PREMISES_CUT"] == result["CHILD_RESULTS"]["impact"]["PREMISES_CUT"]


def test_breakdowns_by_nro_and_commune_equal_the_layers(run, sample_dir):
    folder, parameters, _ = run
    premises, _ = _features(parameters["impact:premises"])
    by_nro = defaultdict(lambda: [0, 0])
    for p in premises:
        by_nro[p["gt_nro"]][0] += p["gt_prem"]
        by_nro[p["gt_nro"]][1] += p["im_prem"] or 0
    names, rows = _sheet(folder / "report.xlsx", "By NRO")
    assert names[:2] == ["NRO", "Premises"] and "Cut off" in names
    table = {row[0]: (row[1], row[names.index("Cut off")]) for row in rows}
    assert table == {k: tuple(v) for k, v in by_nro.items()}
    assert [row[1] for row in rows] == sorted((row[1] for row in rows), reverse=True)

    # Communes: each premises point in the commune polygon that holds it (QGIS geometry).
    dataset = ogr.Open(str(sample_dir / "territory.gpkg"))
    polygons = [
        (f.GetField("nom"), QgsGeometry.fromWkt(f.GetGeometryRef().ExportToWkt()))
        for f in dataset.GetLayerByName("communes")
    ]
    points_ds = ogr.Open(parameters["impact:premises"])
    by_commune = defaultdict(float)
    for f in points_ds.GetLayer(0):
        point = QgsGeometry.fromWkt(f.GetGeometryRef().ExportToWkt())
        name = next((n for n, polygon in polygons if polygon.intersects(point)), None)
        by_commune[name] += f.GetField("gt_prem")
    names, rows = _sheet(folder / "report.xlsx", "By commune")
    assert {row[0]: row[1] for row in rows} == dict(by_commune)


def test_ranked_assets_follow_the_scores(run):
    folder, parameters, _ = run
    routes, _ = _features(parameters["scoring:routes"])
    best = sorted(routes, key=lambda r: r["sc_rank"])[:50]
    names, rows = _sheet(folder / "report.xlsx", "Ranked assets")
    assert len(rows) == 50
    assert [row[names.index("gt_code")] for row in rows] == [r["gt_code"] for r in best]
    assert [row[names.index("Score")] for row in rows] == pytest.approx(
        [r["sc_score"] for r in best]
    )
    # Every contribution column is there and they add up to the score.
    parts = [name for name in names if name.startswith("sc_")]
    assert parts
    for row in rows:
        assert sum(row[names.index(p)] for p in parts) == pytest.approx(
            row[names.index("Score")], abs=1e-6
        )


def test_html_is_one_self_contained_page_with_the_maps(run):
    folder, parameters, _ = run
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 3  # exposure, cut-off, access
    assert not re.search(r'(src|href)="(?!#|data:)', page)
    assert "Plan de résilience du RIP" in page
    for section in ("figures", "maps", "nro", "commune", "sensitive", "ranked", "provenance"):
        assert f'<section id="{section}">' in page, section
    # Provenance: the inputs, the versions and the model's parameters, so it can be redone.
    assert "territory.gpkg|layername=roads" in page and "flood_depth_04Fai.tif" in page
    assert "QGIS" in page and "GDAL" in page
    assert "resilienceplan:fail_level=3" in page.replace("</td><td>", "=")


def test_pdf_first_page_is_not_blank(run):
    folder, _, _ = run
    pdf = folder / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page = gdal.OpenEx(str(pdf), open_options=["DPI=40"])
    assert page is not None
    pixels = page.ReadAsArray()  # bands x rows x columns
    grey = pixels[:3].mean(axis=0)
    assert grey.shape[0] > grey.shape[1]  # A4 portrait
    assert (grey < 250).mean() > 0.03  # text, tables and a map, not a white sheet
    top = grey[: grey.shape[0] // 6]
    assert (top < 100).sum() > 50  # the title in dark ink at the top


def test_report_follows_the_french_locale(run, tmp_path, french):
    folder, parameters, _ = run
    out = tmp_path / "rapport.html"
    scored = processing.run(  # CLASSES left to its default, as the model does
        "fibreresilience:scoreassets",
        {
            "INPUT": parameters["scoring:routes"],
            "CRITERIA": CRITERIA,
            "OUTPUT": str(tmp_path / "routes.gpkg"),
        },
    )["OUTPUT"]
    processing.run(
        "fibreresilience:resiliencereport",
        {
            "PREMISES": parameters["impact:premises"],
            "PREMISES_COUNT": '"gt_prem"',
            "SITES": parameters["redundancy:sites"],
            "TARGETS": parameters["access:targets"],
            "ROUTES": scored,
            "OUTPUT_HTML": str(out),
            "OUTPUT_TABLES": str(tmp_path / "tableaux.ods"),
        },
    )
    page = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert "Chiffres clés" in page and "Par NRO" in page
    assert "Key figures" not in page and "Made on" not in page
    assert "Établi le" in page and "schéma local de résilience d&#x27;un réseau" in page
    assert "3\u202f497" in page  # French digit grouping
    names, rows = _sheet(tmp_path / "tableaux.ods", "Chiffres clés")
    assert dict(rows)["Locaux raccordables"] == 3497
    # the score classes are named in French too, in the layer and in the ranked table
    classes = {f["sc_class"] for f in QgsVectorLayer(scored).getFeatures()}
    assert classes and classes <= {"très faible", "faible", "moyen", "fort", "très fort"}
    names, rows = _sheet(tmp_path / "tableaux.ods", "Ouvrages classés")
    assert rows and {row[names.index("Classe")] for row in rows} <= classes


def _report(parameters):
    return processing.run("fibreresilience:resiliencereport", parameters)


def test_bad_input_is_named(run, tmp_path):
    _, parameters, _ = run
    with pytest.raises(QgsProcessingException, match="at least one layer"):
        _report({"OUTPUT_HTML": str(tmp_path / "a.html")})
    with pytest.raises(QgsProcessingException, match=r"\.xlsx or \.ods"):
        _report(
            {
                "TARGETS": parameters["access:targets"],
                "OUTPUT_HTML": str(tmp_path / "b.html"),
                "OUTPUT_TABLES": str(tmp_path / "b.csv"),
            }
        )
    with pytest.raises(QgsProcessingException):
        _report(
            {
                "PREMISES": parameters["impact:premises"],
                "NRO_FIELD": "no_such_field",
                "OUTPUT_HTML": str(tmp_path / "c.html"),
            }
        )


def _workbook(path):
    """Every sheet but the parameters (they name the output files): {sheet: rows}."""
    with open_workbook(path) as dataset:
        names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    return {name: _sheet(path, name) for name in names if name != "Parameters"}


def _html_maps(path):
    """The HTML page without its maps and date, and the maps' pixels."""
    import base64

    from qgis.PyQt.QtGui import QImage

    page = Path(path).read_text(encoding="utf-8")
    pattern = r'src="data:image/png;base64,([^"]+)"'
    images = []
    for data in re.findall(pattern, page):
        image = QImage.fromData(base64.b64decode(data), "PNG").convertToFormat(QImage.Format_RGB888)
        bits = bytes(image.constBits().asstring(image.bytesPerLine() * image.height()))
        rows = np.frombuffer(bits, np.uint8).reshape(image.height(), image.bytesPerLine())
        images.append(rows[:, : image.width() * 3])
    text = re.sub(pattern, "", re.sub(r"Made on [^<]*", "", page))
    return re.sub(
        r"<tr><td>resiliencereport:OUTPUT_[A-Z]+</td><td>[^<]*</td></tr>", "", text
    ), images


def test_files_are_read_and_drawn_in_bulk_as_feature_by_feature(
    run, sample_dir, tmp_path, monkeypatch
):
    """Issue 17: the report of a run's GeoPackages (columns read in bulk, maps drawn from the
    files) is the report of the same layers read and copied feature by feature: the workbook
    cell for cell, the HTML page, and its maps pixel for pixel."""
    from fibre_resilience.adapters import bulk

    _, parameters, _ = run
    territory = sample_dir / "territory.gpkg"
    inputs = {
        "PREMISES": parameters["impact:premises"],
        "PREMISES_COUNT": '"gt_prem"',
        "SITES": parameters["redundancy:sites"],
        "ROUTES": parameters["scoring:routes"],
        "NODES": parameters["nodes_exposure:exposure"],
        "TARGETS": parameters["access:targets"],
        "BLOCKED_ROADS": parameters["access:blocked_roads"],
        "CREW_ROUTES": parameters["access:crew_routes"],
        "ROADS": f"{territory}|layername=roads",
        "DEPOTS": f"{territory}|layername=depots",
        "HAZARD": f"{territory}|layername=flood_zones",
        "COMMUNES": f"{territory}|layername=communes",
        "COMMUNE_FIELD": "nom",
    }
    reports = []
    for enabled in (True, False):
        monkeypatch.setattr(bulk, "ENABLED", enabled)
        folder = tmp_path / f"bulk_{enabled}"
        folder.mkdir()
        html, tables = folder / "report.html", folder / "report.xlsx"
        _report(dict(inputs, OUTPUT_HTML=str(html), OUTPUT_TABLES=str(tables)))
        reports.append((_workbook(tables), *_html_maps(html)))
    (fast, fast_page, fast_maps), (slow, slow_page, slow_maps) = reports
    assert fast == slow and len(fast) >= 5
    assert fast_page == slow_page
    assert len(fast_maps) == len(slow_maps) == 3
    for drawn, expected in zip(fast_maps, slow_maps):
        assert np.array_equal(drawn, expected)
