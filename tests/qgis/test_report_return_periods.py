"""The report's return-period section on a hand-drawn chain: its figures against the
SUMMARY's rows and the expected annual impact computed by hand, the chart's points, the
map's classes, the workbook and the PDF; without the new layers the section is absent.

Chain: root R (0 0) - A (100 0) - B (200 0) - C (300 0) - D (400 0); 5 premises at B (NRO
N1), 7 at C (NRO N2). TRI zones: 01For (10 years) floods BC, 02Moy (100) AB and BC, 04Fai
(1000) RA, AB and BC; CD never floods. Communes: Ouest (x < 240) holds B, RA and AB (by
their mid-points), Est holds C, BC and CD.

Premises cut: 7, 12, 12; failed length 100, 200, 300 m. With p = 1/RP and trapezoids:
EAI premises = 0.09 x (7 + 12)/2 + 0.009 x (12 + 12)/2 = 0.963; EAI length = 0.09 x 150 +
0.009 x 250 = 15.75 m. N1 (B, cut from 100 years: 0, 5, 5): 0.09 x 2.5 + 0.009 x 5 = 0.27;
N2 (C, cut from 10 years: 7, 7, 7): 0.099 x 7 = 0.693. Ouest: premises 0.27, length of RA
and AB (0, 100, 200 m) 0.09 x 50 + 0.009 x 150 = 5.85; Est: premises 0.693, length of BC
(100 m in every scenario) 9.9.
"""

import re
import sys
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import QgsLayoutItemPicture, QgsProcessingException, QgsVectorLayer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from demo_figures import open_workbook  # noqa: E402

from fibre_resilience.report.document import MAP_RETURN_PERIODS  # noqa: E402

LINES = [
    ("RA", "R", "A", 0, 100),
    ("AB", "A", "B", 100, 200),
    ("BC", "B", "C", 200, 300),
    ("CD", "C", "D", 300, 400),
]
ZONES = [("01For", (210, 290)), ("02Moy", (110, 290)), ("04Fai", (10, 290))]
COMMUNES = [("Ouest", (-50, 240)), ("Est", (240, 450))]


def _gpkg(path, name, kind, fields, rows):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.Open(str(path), 1) if path.exists() else driver.CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, srs, kind)
    for field, ogr_type in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr_type))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            feature.SetField(key, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    del layer, dataset
    return f"{path}|layername={name}"


def _box(x0, x1):
    return f"POLYGON (({x0} -50, {x1} -50, {x1} 50, {x0} 50, {x0} -50))"


@pytest.fixture()
def chain(tmp_path, run_algorithm):
    path = tmp_path / "chain.gpkg"
    text = ogr.OFTString
    layers = {
        "lines": _gpkg(
            path,
            "lines",
            ogr.wkbLineString,
            [("code", text), ("nd1", text), ("nd2", text)],
            [
                (f"LINESTRING ({x0} 0, {x1} 0)", {"code": c, "nd1": a, "nd2": b})
                for c, a, b, x0, x1 in LINES
            ],
        ),
        "roots": _gpkg(
            path, "roots", ogr.wkbPoint, [("name", text)], [("POINT (0 0)", {"name": "R"})]
        ),
        "premises": _gpkg(
            path,
            "premises",
            ogr.wkbPoint,
            [("n", ogr.OFTInteger), ("nro", text)],
            [("POINT (200 0)", {"n": 5, "nro": "N1"}), ("POINT (300 0)", {"n": 7, "nro": "N2"})],
        ),
        "zones": _gpkg(
            path,
            "zones",
            ogr.wkbPolygon,
            [("scenario", text)],
            [
                (f"POLYGON (({x0} -10, {x1} -10, {x1} 10, {x0} 10, {x0} -10))", {"scenario": s})
                for s, (x0, x1) in ZONES
            ],
        ),
        "communes": _gpkg(
            path,
            "communes",
            ogr.wkbPolygon,
            [("nom", text)],
            [(_box(x0, x1), {"nom": name}) for name, (x0, x1) in COMMUNES],
        ),
    }
    return layers


def _return_periods(run_algorithm, layers, folder, **extra):
    parameters = {
        "NETWORK": layers["lines"],
        "FROM_FIELD": "nd1",
        "TO_FIELD": "nd2",
        "ROOTS": layers["roots"],
        "PREMISES": layers["premises"],
        "PREMISES_COUNT": '"n"',
        "HAZARD": layers["zones"],
        "SCENARIO_FIELD": "scenario",
        "PREMISES_GROUP_FIELD": "nro",
        "OUTPUT_LINES": str(folder / "rp_lines.gpkg"),
        "OUTPUT_PREMISES": str(folder / "rp_premises.gpkg"),
        "SUMMARY": str(folder / "rp_summary.gpkg"),
    }
    parameters.update(extra)
    return run_algorithm("returnperiods", parameters)


def _report(run_algorithm, layers, rp, folder, **extra):
    parameters = {
        "PREMISES": rp["OUTPUT_PREMISES"],
        "PREMISES_COUNT": '"n"',
        "NRO_FIELD": "nro",
        "COMMUNES": layers["communes"],
        "COMMUNE_FIELD": "nom",
        "RETURN_PERIOD_LINES": rp["OUTPUT_LINES"],
        "RETURN_PERIOD_SUMMARY": rp["SUMMARY"],
        "OUTPUT_HTML": str(folder / "report.html"),
        "OUTPUT_PDF": str(folder / "report.pdf"),
        "OUTPUT_TABLES": str(folder / "report.xlsx"),
    }
    parameters.update(extra)
    return run_algorithm("resiliencereport", parameters)


def _sheets(path):
    """Every sheet of the workbook as {name: [row dict]}."""
    out = {}
    with open_workbook(path) as dataset:
        for i in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(i)
            out[layer.GetName()] = [feature.items() for feature in layer]
    return out


def _summary_rows(path):
    layer = QgsVectorLayer(str(path), "summary", "ogr")
    return [
        {name: feature[name] for name in ("aggregate", "scenario", "rp", "prem_cut", "length_m")}
        for feature in layer.getFeatures()
    ]


@pytest.fixture()
def done(run_algorithm, chain, tmp_path):
    rp = _return_periods(run_algorithm, chain, tmp_path)
    report = _report(run_algorithm, chain, rp, tmp_path)
    return rp, report, tmp_path


def test_the_section_holds_the_summary_rows_and_the_hand_computed_eai(done):
    rp, report, folder = done
    sheets = _sheets(report["OUTPUT_TABLES"])
    rows = sheets["Return periods"]
    scenarios = [r for r in rows if r["Return period (years)"] is not None]
    whole = [
        r for r in _summary_rows(rp["SUMMARY"]) if r["aggregate"] in (None,) or not r["aggregate"]
    ]
    by_scenario = {r["scenario"]: r for r in whole}
    assert [r["Scenario"] for r in scenarios] == ["01For", "02Moy", "04Fai"]
    for row in scenarios:
        summary = by_scenario[row["Scenario"]]
        assert row["Return period (years)"] == summary["rp"]
        assert row["Premises cut"] == pytest.approx(summary["prem_cut"])
        assert row["Length of failed lines (m)"] == pytest.approx(summary["length_m"])
    assert [r["Premises cut"] for r in scenarios] == [7, 12, 12]
    assert [r["Lines failing first"] for r in scenarios] == [1, 1, 1]
    expected = rows[-1]
    assert expected["Scenario"] == "Expected every year"
    assert expected["Premises cut"] == pytest.approx(0.963)
    assert expected["Premises cut"] == pytest.approx(by_scenario["expected annual"]["prem_cut"])
    assert expected["Length of failed lines (m)"] == pytest.approx(15.75)

    nro = {r["NRO"]: r for r in sheets["EAI by NRO"]}
    assert set(nro) == {"N1", "N2"}
    assert nro["N1"]["Expected premises cut a year"] == pytest.approx(0.27)
    assert nro["N2"]["Expected premises cut a year"] == pytest.approx(0.693)
    assert [nro["N1"][f"Premises cut at {rp} years"] for rp in (10, 100, "1,000")] == [0, 5, 5]
    # a summary by a premises field places no line: no length by NRO rather than zeros
    assert nro["N1"]["Expected length failed a year (m)"] is None

    commune = {r["Commune"]: r for r in sheets["EAI by commune"]}
    assert set(commune) == {"Ouest", "Est"}
    assert commune["Ouest"]["Expected premises cut a year"] == pytest.approx(0.27)
    assert commune["Est"]["Expected premises cut a year"] == pytest.approx(0.693)
    assert commune["Ouest"]["Expected length failed a year (m)"] == pytest.approx(5.85)
    assert commune["Est"]["Expected length failed a year (m)"] == pytest.approx(9.9)

    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<section id="returnperiods">' in page
    assert "summary&#x27;s own rows" in page  # by NRO: from the summary
    assert "estimated from when each premises" in page  # by commune: from rp_first


def test_the_chart_has_the_points_of_the_summary(done):
    _, report, _ = done
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    chart = page[page.index('<figure id="chart-loss_exceedance"') :]
    chart = chart[: chart.index("</figure>")]
    points = [
        (float(rp), float(value))
        for rp, value in re.findall(r'data-rp="([^"]+)" data-value="([^"]+)"', chart)
    ]
    assert points == [(10.0, 7.0), (100.0, 12.0), (1000.0, 12.0)]
    # log x axis: the three points one decade apart are evenly spaced
    xs = [float(x) for x in re.findall(r'<circle class="point" cx="([^"]+)"', chart)]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1], abs=0.02)
    assert xs[0] < xs[1] < xs[2]
    # higher impact drawn higher: smaller y
    ys = [float(y) for y in re.findall(r'<circle class="point" cx="[^"]+" cy="([^"]+)"', chart)]
    assert ys[0] > ys[1] == pytest.approx(ys[2])


def test_the_map_classes_lines_by_first_failure(done, chain):
    from qgis.core import QgsCoordinateReferenceSystem

    from fibre_resilience.report.maps import ReportMaps

    rp, _, _ = done
    lines = QgsVectorLayer(rp["OUTPUT_LINES"], "rp lines", "ogr")
    maps = ReportMaps(
        {"rp_lines": lines},
        QgsCoordinateReferenceSystem("EPSG:2154"),
        return_periods=[10, 100, 1000],
    )
    view = next(v for v in maps.views() if v.key == MAP_RETURN_PERIODS)
    labels = [label for label, _ in view.legend]
    assert labels == [
        "Never fails",
        "First fails at 10 years",
        "First fails at 100 years",
        "First fails at 1,000 years",
    ]
    # drawn from the file, a layer per class: each line in the class its rp_first gives
    from qgis_helpers import classes_drawn, part_wkts

    drawn = classes_drawn(maps.map_layers(MAP_RETURN_PERIODS))
    context_classes = {}
    for feature in lines.getFeatures():
        (context_classes[feature["code"]],) = {drawn[w] for w in part_wkts(feature.geometry())}
    assert context_classes == {
        "BC": "First fails at 10 years",
        "AB": "First fails at 100 years",
        "RA": "First fails at 1,000 years",
        "CD": "Never fails",
    }
    from qgis.PyQt.QtGui import QImage

    image = QImage.fromData(maps.render_png(MAP_RETURN_PERIODS, 400, 100), "PNG")
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert "#800026" in colours  # BC, failing at 10 years, the darkest


def test_the_pdf_lays_out_the_chart_and_the_map(done):
    """The PDF's layout: the section's heading, the chart as an embedded SVG picture that
    draws (red curve pixels), the map of first failures."""
    import pandas as pd
    from qgis.core import QgsCoordinateReferenceSystem, QgsLayoutExporter, QgsLayoutItemMap

    from fibre_resilience.core.report import ReportFigures
    from fibre_resilience.core.report_return_periods import return_period_figures
    from fibre_resilience.report.content import build_document
    from fibre_resilience.report.layout import build_layout
    from fibre_resilience.report.maps import ReportMaps

    rp, report, _ = done
    assert Path(report["OUTPUT_PDF"]).stat().st_size > 10_000
    summary = QgsVectorLayer(rp["SUMMARY"], "summary", "ogr")
    names = [f.name() for f in summary.fields() if f.name() != "fid"]
    frame = pd.DataFrame(
        [
            [None if f[n] is None or f[n] != f[n] else f[n] for n in names]
            for f in summary.getFeatures()
        ],
        columns=names,
    )
    frame["aggregate"] = [a if a else None for a in frame["aggregate"]]
    figures = return_period_figures(frame)
    lines = QgsVectorLayer(rp["OUTPUT_LINES"], "rp lines", "ogr")
    maps = ReportMaps({"rp_lines": lines}, QgsCoordinateReferenceSystem("EPSG:2154"))
    document = build_document(
        ReportFigures(),
        title="t",
        subtitle="",
        language="en",
        maps=maps.views(),
        provenance=[],
        id_field=None,
        footer="",
        return_periods=figures,
    )
    assert [s.key for s in document.sections] == ["returnperiods", "provenance"]
    layout = build_layout(document, maps)
    items = layout.items()
    pictures = [
        i for i in items
        if isinstance(i, QgsLayoutItemPicture) and i.picturePath().startswith("base64:")
    ]  # fmt: skip
    assert len(pictures) == 1 and not pictures[0].isMissingImage()
    assert any(isinstance(i, QgsLayoutItemMap) and i.layers() for i in items)
    page = pictures[0].page()
    image = QgsLayoutExporter(layout).renderPageToImage(page)
    box = pictures[0].sceneBoundingRect()
    scale = image.width() / layout.pageCollection().page(page).rect().width()
    red = 0
    for x in range(int(box.left() * scale), int(box.right() * scale), 4):
        for y in range(int(box.top() * scale), int(box.bottom() * scale), 4):
            colour = image.pixelColor(
                x, y - int(layout.pageCollection().page(page).pos().y() * scale)
            )
            red += colour.red() > 150 and colour.green() < 80 and colour.blue() < 80
    assert red > 20


def test_without_the_new_layers_there_is_no_section(run_algorithm, chain, tmp_path):
    rp = _return_periods(run_algorithm, chain, tmp_path)
    report = run_algorithm(
        "resiliencereport",
        {
            "PREMISES": rp["OUTPUT_PREMISES"],
            "PREMISES_COUNT": '"n"',
            "NRO_FIELD": "nro",
            "OUTPUT_HTML": str(tmp_path / "plain.html"),
            "OUTPUT_TABLES": str(tmp_path / "plain.xlsx"),
        },
    )
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "returnperiods" not in page and "<svg" not in page
    assert "Return periods" not in _sheets(report["OUTPUT_TABLES"])


def test_a_summary_by_commune_is_taken_as_it_is(run_algorithm, chain, tmp_path):
    """Summary broken down by the communes: its rows are the table by commune (lengths
    too), and the NRO table is estimated from the premises' rp_first."""
    rp = _return_periods(
        run_algorithm,
        chain,
        tmp_path,
        PREMISES_GROUP_FIELD=None,
        AGGREGATE=chain["communes"],
        AGGREGATE_FIELD="nom",
        TAIL=1,
    )
    report = _report(run_algorithm, chain, rp, tmp_path)
    sheets = _sheets(report["OUTPUT_TABLES"])
    # TAIL constant adds 0.001 x the rarest impact
    assert sheets["Return periods"][-1]["Premises cut"] == pytest.approx(0.963 + 0.012)
    commune = {r["Commune"]: r for r in sheets["EAI by commune"]}
    assert commune["Ouest"]["Expected premises cut a year"] == pytest.approx(0.27 + 0.005)
    assert commune["Ouest"]["Expected length failed a year (m)"] == pytest.approx(5.85 + 0.2)
    assert commune["Est"]["Expected length failed a year (m)"] == pytest.approx(9.9 + 0.1)
    nro = {r["NRO"]: r for r in sheets["EAI by NRO"]}
    # estimated with the rule recovered from the summary: TAIL constant
    assert nro["N2"]["Expected premises cut a year"] == pytest.approx(0.693 + 0.007)
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "its impact held" in page


@pytest.mark.parametrize(
    "drop, words",
    [("prem_cut", ["RETURN_PERIOD_SUMMARY", "prem_cut"]), ("rp", ["RETURN_PERIOD_SUMMARY", "rp"])],
)
def test_a_summary_without_its_columns_is_refused(run_algorithm, chain, tmp_path, drop, words):
    rp = _return_periods(run_algorithm, chain, tmp_path)
    dataset = ogr.Open(rp["SUMMARY"], 1)
    layer = dataset.GetLayer(0)
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(drop))
    del layer, dataset
    with pytest.raises(QgsProcessingException) as raised:
        _report(run_algorithm, chain, rp, tmp_path)
    for word in words:
        assert word in str(raised.value)
    assert not (tmp_path / "report.html").exists()


def test_lines_without_rp_first_are_refused(run_algorithm, chain, tmp_path):
    rp = _return_periods(run_algorithm, chain, tmp_path)
    with pytest.raises(QgsProcessingException, match="RETURN_PERIOD_LINES.*rp_first"):
        _report(run_algorithm, chain, dict(rp, OUTPUT_LINES=chain["lines"]), tmp_path)


def test_the_premises_of_the_return_periods_alone(run_algorithm, chain, tmp_path):
    """RETURN_PERIOD_PREMISES instead of PREMISES: the same estimates by commune, counted with
    PREMISES_COUNT, and no key figures (no layer of a single scenario was given)."""
    rp = _return_periods(run_algorithm, chain, tmp_path)
    report = _report(
        run_algorithm,
        chain,
        rp,
        tmp_path,
        PREMISES=None,
        RETURN_PERIOD_PREMISES=rp["OUTPUT_PREMISES"],
    )
    sheets = _sheets(report["OUTPUT_TABLES"])
    commune = {r["Commune"]: r for r in sheets["EAI by commune"]}
    assert commune["Ouest"]["Expected premises cut a year"] == pytest.approx(0.27)
    assert commune["Est"]["Expected premises cut a year"] == pytest.approx(0.693)
    nro = {r["NRO"]: r for r in sheets["EAI by NRO"]}
    assert nro["N1"]["Expected premises cut a year"] == pytest.approx(0.27)
    assert "Key figures" not in sheets
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<section id="figures">' not in page
    # without a premises count each point counts 1: Ouest then has 1 premises (B)
    plain = _report(
        run_algorithm,
        chain,
        rp,
        tmp_path / "plain",
        PREMISES=None,
        PREMISES_COUNT=None,
        RETURN_PERIOD_PREMISES=rp["OUTPUT_PREMISES"],
    )
    commune = {r["Commune"]: r for r in _sheets(plain["OUTPUT_TABLES"])["EAI by commune"]}
    assert commune["Ouest"]["Expected premises cut a year"] == pytest.approx(0.27 / 5)


def test_the_section_follows_the_french_locale(run_algorithm, chain, tmp_path, french):
    rp = _return_periods(run_algorithm, chain, tmp_path)
    report = _report(
        run_algorithm, chain, rp, tmp_path, OUTPUT_TABLES=str(tmp_path / "tableaux.ods")
    )
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "Locaux coupés selon la période de retour" in page
    assert "Période de retour (ans, échelle logarithmique)" in page
    assert "1\u202f000" in page  # the chart's decade in French
    assert "Tombe d&#x27;abord à 1\u202f000 ans" in page  # the map legend
    assert "Expected every year" not in page
    sheets = _sheets(report["OUTPUT_TABLES"])
    rows = sheets["Périodes de retour"]
    assert rows[-1]["Scénario"] == "Moyenne annuelle attendue"
    assert rows[-1]["Locaux coupés"] == pytest.approx(0.963)
    assert "Impact annuel moyen par commune" in sheets


def test_a_summary_alone_makes_the_section(run_algorithm, chain, tmp_path):
    """A summary table alone (no geometry, no CRS): the chart and the table, no map."""
    rp = _return_periods(run_algorithm, chain, tmp_path)
    report = run_algorithm(
        "resiliencereport",
        {
            "RETURN_PERIOD_SUMMARY": rp["SUMMARY"],
            "OUTPUT_HTML": str(tmp_path / "alone.html"),
            "OUTPUT_PDF": str(tmp_path / "alone.pdf"),
            "OUTPUT_TABLES": str(tmp_path / "alone.xlsx"),
        },
    )
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<figure id="chart-loss_exceedance"' in page and "<img" not in page
    rows = _sheets(report["OUTPUT_TABLES"])["Return periods"]
    assert [r["Premises cut"] for r in rows] == [7, 12, 12, pytest.approx(0.963)]
    assert Path(report["OUTPUT_PDF"]).read_bytes()[:5] == b"%PDF-"
