"""The report's sections on power and restoration and on the action plan, on hand-made
outputs of restoration, powerresilience and mitigationplan (their fields as the lead fixed
them), checked against figures computed by hand here.

Restoration, hours 0-6: damage 10 10 6 6 2 0 0, power 0 5 5 3 0 0 0, out 10 15 11 9 2 0 0.
Premise-hours lost 10 + 15 + 11 + 9 + 2 = 47 (power 13, damage 34); the peak is 15 at hour 1;
a tenth of it is 1.5, and 2 premises are still out at hour 4: 90 % is back at hour 5.

Active sites: S1 never dark (100 premises), S2 dark 3 h (40 premises, 2 sensitive sites),
S3 dark 30 h (40 premises, 1 sensitive site), S4 dark 1 h, off the network (premises NULL).
The délestage list: S1, S2, S3 (same premises, more sensitive sites first), S4 last.

Actions: L1 a loop (line, chosen, rank 1, 50,000 EUR, 200 premises), P2 more autonomy (point,
chosen, rank 2, 10,000 EUR, 40 premises), L3 burying (line, not chosen, rank 3, 80,000 EUR,
30 premises), in one layer of lines holding the point too, as a GeoPackage layer of mixed
geometries reads. The plan: cumulative cost 50,000 then 60,000 EUR, premises 200 then 230
(P2's 40 premises overlap L1's by 10: counted once).
"""

import re
import sys
from pathlib import Path

import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from demo_figures import open_workbook  # noqa: E402

X0, Y0 = 700000, 6600000
RESTORATION = [
    (0, 10, 0, 10),
    (1, 15, 5, 10),
    (2, 11, 5, 6),
    (3, 9, 3, 6),
    (4, 2, 0, 2),
    (5, 0, 0, 0),
    (6, 0, 0, 0),
]
SITES = [
    ("S1", 0, 0.0, 100, 0, 6.0),
    ("S2", 200, 3.0, 40, 2, 6.0),
    ("S3", 400, 30.0, 40, 1, 36.0),
    ("S4", 600, 1.0, None, 0, 6.0),
]
ACTIONS = [
    ("LINESTRING (0 0, 0 300)", 1, "loop", "NRO1", 50000.0, 200, "operator", 1),
    ("POINT (200 0)", 2, "autonomy", "S2", 10000.0, 40, "grid operator", 1),
    ("LINESTRING (400 0, 600 0)", 3, "bury", "CM7", 80000.0, 30, "operator", 0),
]
PLAN = [
    (1, "loop", "NRO1", 50000.0, 200, 50000.0, 200),
    (2, "autonomy", "S2", 10000.0, 40, 60000.0, 230),
]


def _srs():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    return srs


def _shift(wkt):
    """Hand coordinates into Lambert-93 around (X0, Y0)."""
    geometry = ogr.CreateGeometryFromWkt(wkt)
    for i in range(geometry.GetPointCount()):
        x, y = geometry.GetX(i), geometry.GetY(i)
        geometry.SetPoint_2D(i, X0 + x, Y0 + y)
    return geometry


def write_layer(path, name, kind, fields, rows):
    """A layer (``kind`` an OGR geometry type, wkbNone for a table) of ``rows``: (wkt or
    None, {field: value})."""
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.Open(str(path), 1) if path.exists() else driver.CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, _srs() if kind != ogr.wkbNone else None, kind)
    for field, ogr_type in fields:
        layer.CreateField(ogr.FieldDefn(field, ogr_type))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for key, value in values.items():
            if value is not None:
                feature.SetField(key, value)
        if wkt is not None:
            feature.SetGeometry(_shift(wkt))
        layer.CreateFeature(feature)
    del layer, dataset
    return f"{path}|layername={name}"


INT, REAL, TEXT = ogr.OFTInteger, ogr.OFTReal, ogr.OFTString
RESTORATION_FIELDS = [("rs_hour", INT), ("rs_out", REAL), ("rs_power", REAL), ("rs_damage", REAL)]
SITE_FIELDS = [
    ("gt_code", TEXT),
    ("pw_dark_h", REAL),
    ("pw_prem", REAL),
    ("pw_sens", REAL),
    ("pw_outage_h", REAL),
]
ACTION_FIELDS = [
    ("mp_rank", INT),
    ("mp_kind", TEXT),
    ("mp_target", TEXT),
    ("mp_cost", REAL),
    ("mp_prem", REAL),
    ("mp_owner", TEXT),
    ("mp_chosen", INT),
    ("mp_eur_prem", REAL),
    ("mp_eai", REAL),
    ("mp_prem_h", REAL),
]
PLAN_FIELDS = [
    ("mp_rank", INT),
    ("mp_kind", TEXT),
    ("mp_target", TEXT),
    ("mp_cost", REAL),
    ("mp_prem", REAL),
    ("mp_cum_cost", REAL),
    ("mp_cum_prem", REAL),
]


def restoration_rows(rows=RESTORATION):
    names = [name for name, _ in RESTORATION_FIELDS]
    return [(None, dict(zip(names, row))) for row in rows]


def site_rows():
    return [
        (
            f"POINT ({x} 0)",
            {"gt_code": c, "pw_dark_h": d, "pw_prem": p, "pw_sens": s, "pw_outage_h": o},
        )
        for c, x, d, p, s, o in SITES
    ]


def action_rows():
    names = [name for name, _ in ACTION_FIELDS][:7]
    return [(wkt, dict(zip(names, values))) for wkt, *values in ACTIONS]


def plan_rows():
    names = [name for name, _ in PLAN_FIELDS]
    return [(None, dict(zip(names, row))) for row in PLAN]


@pytest.fixture()
def outputs(tmp_path):
    path = tmp_path / "outputs.gpkg"
    return {
        "RESTORATION": write_layer(
            path, "restoration", ogr.wkbNone, RESTORATION_FIELDS, restoration_rows()
        ),
        "POWER_SITES": write_layer(path, "sites", ogr.wkbPoint, SITE_FIELDS, site_rows()),
        # lines and a point in one layer: GDAL's "GEOMETRY" type
        "ACTIONS": write_layer(path, "actions", ogr.wkbUnknown, ACTION_FIELDS, action_rows()),
        "PLAN": write_layer(path, "plan", ogr.wkbNone, PLAN_FIELDS, plan_rows()),
        "ROUTES": write_layer(
            path,
            "routes",
            ogr.wkbLineString,
            [("code", TEXT)],
            [("LINESTRING (0 0, 600 0)", {"code": "CM1"})],
        ),
    }


def _report(run_algorithm, outputs, folder, **extra):
    parameters = dict(outputs)
    parameters.update(
        {
            "BUDGET": 70000,
            "OUTPUT_HTML": str(folder / "report.html"),
            "OUTPUT_PDF": str(folder / "report.pdf"),
            "OUTPUT_TABLES": str(folder / "report.xlsx"),
        }
    )
    parameters.update(extra)
    return run_algorithm("resiliencereport", parameters)


def _sheets(path):
    out = {}
    with open_workbook(path) as dataset:
        for i in range(dataset.GetLayerCount()):
            layer = dataset.GetLayer(i)
            out[layer.GetName()] = [feature.items() for feature in layer]
    return out


def _figure(rows, label):
    return next(r["Value"] for r in rows if r["Figure"] == label)


def _chart(page, key):
    chart = page[page.index(f'<figure id="chart-{key}"') :]
    return chart[: chart.index("</figure>")]


@pytest.fixture()
def done(run_algorithm, outputs, tmp_path):
    return _report(run_algorithm, outputs, tmp_path)


def test_the_restoration_figures_are_the_hand_computed_ones(done):
    sheets = _sheets(done["OUTPUT_TABLES"])
    rows = sheets["Restoration figures"]
    assert _figure(rows, "Premise-hours lost") == 47
    assert _figure(rows, "of which because of power") == 13
    assert _figure(rows, "of which because of damage") == 34
    assert _figure(rows, "Most premises out at once") == 15
    assert _figure(rows, "Hour of the peak") == 1
    assert _figure(rows, "Hours until 90 % of the peak is back") == 5
    assert _figure(rows, "Active sites") == 4
    assert _figure(rows, "Active sites that lose power") == 3
    assert _figure(rows, "Longest time without power at a site (hours)") == 30
    hours = sheets["Restoration by hour"]
    assert [(r["Hour"], r["Premises out"]) for r in hours] == [(h, o) for h, o, _, _ in RESTORATION]
    # the hour-by-hour table is in the workbook only, not on the page
    page = Path(done["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "Restoration by hour" not in page
    assert '<section id="power">' in page


def test_the_restoration_chart_stacks_damage_and_power(done):
    page = Path(done["OUTPUT_HTML"]).read_text(encoding="utf-8")
    chart = _chart(page, "restoration")
    series = {
        name: [float(v) for v in values.split()]
        for name, values in re.findall(r'data-series="(\w+)" data-hours="[^"]*" '
                                       r'data-values="([^"]*)"', chart)
    }  # fmt: skip
    assert series["damage"] == [row[3] for row in RESTORATION]
    assert series["power"] == [row[2] for row in RESTORATION]
    assert series["out"] == [row[1] for row in RESTORATION]
    # the power band sits on the damage band: at hour 1, its top is 15 premises up
    polygon = re.search(r'data-series="power"[^>]* points="([^"]+)"', chart).group(1)
    damage = re.search(r'data-series="damage"[^>]* points="([^"]+)"', chart).group(1)
    ys_power = [float(p.split(",")[1]) for p in polygon.split()]
    ys_damage = [float(p.split(",")[1]) for p in damage.split()]
    assert min(ys_power) < min(ys_damage)  # higher on the page


def test_the_load_shedding_list_ranks_sites_by_premises(done):
    rows = _sheets(done["OUTPUT_TABLES"])["Load-shedding priorities"]
    assert [r["gt_code"] for r in rows] == ["S1", "S2", "S3", "S4"]
    assert [r["Rank"] for r in rows] == [1, 2, 3, 4]
    assert [r["Premises behind it"] for r in rows] == [100, 40, 40, None]
    assert [r["Without power (hours)"] for r in rows] == [0, 3, 30, 1]


def test_the_power_map_classes_sites_as_the_style_does(outputs):
    from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer
    from qgis_helpers import classes_drawn, part_wkts

    from fibre_resilience.adapters import styles
    from fibre_resilience.report.document import MAP_POWER
    from fibre_resilience.report.maps import ReportMaps

    sites = QgsVectorLayer(outputs["POWER_SITES"], "sites", "ogr")
    maps = ReportMaps({"power_sites": sites}, QgsCoordinateReferenceSystem("EPSG:2154"))
    view = next(v for v in maps.views() if v.key == MAP_POWER)
    classes = styles.style_classes("power_sites")
    # the style's own colours and labels; S1, S4, S2, S3 fall in classes 0, 1, 2 and 4
    assert [label for label, _ in view.legend] == [classes[i][1] for i in (0, 1, 2, 4)]
    assert [colour for _, colour in view.legend] == [classes[i][2] for i in (0, 1, 2, 4)]
    # drawn from the file, a layer per class: each site in the class of the style's
    drawn = classes_drawn(maps.map_layers(MAP_POWER))
    found = {}
    for feature in sites.getFeatures():
        (found[feature["gt_code"]],) = {drawn[wkt] for wkt in part_wkts(feature.geometry())}
    assert found == {
        "S1": "Never without power",
        "S2": "Without power 2 to 6 h",
        "S3": "Without power over 24 h",
        "S4": "Without power up to 2 h",
    }


def test_the_action_plan_table_and_curve(done):
    sheets = _sheets(done["OUTPUT_TABLES"])
    actions = sheets["Actions"]
    assert [r["Rank"] for r in actions] == [1, 2, 3]
    assert [r["What it secures"] for r in actions] == ["NRO1", "S2", "CM7"]
    assert [r["Action"] for r in actions] == [
        "loop (second path)",
        "longer back-up power",
        "bury an aerial span",
    ]
    assert [r["Owner"] for r in actions] == ["operator", "grid operator", "operator"]
    # computed where mitigationplan left it NULL: cost / premises
    assert [r["EUR per premises"] for r in actions] == [250, 250, pytest.approx(2666.667, 1e-3)]
    assert [r["In the plan"] for r in actions] == ["yes", "yes", "no"]
    assert "Premise-hours avoided" not in actions[0]  # all NULL: unknown, not shown
    figures = sheets["Action plan figures"]
    assert _figure(figures, "Cost of the plan (EUR)") == 60000
    assert (
        _figure(
            figures,
            "Premises secured by the plan, once per risk (cable tiers, grid outage)",
        )
        == 230
    )
    assert _figure(figures, "Budget (EUR)") == 70000
    plan = sheets["Plan, cumulative"]
    assert [r["Cumulative premises secured"] for r in plan] == [200, 230]

    page = Path(done["OUTPUT_HTML"]).read_text(encoding="utf-8")
    chart = _chart(page, "cost_benefit")
    points = [
        (float(c), float(p))
        for c, p in re.findall(r'data-cost="([^"]+)" data-prem="([^"]+)"', chart)
    ]
    assert points == [(0.0, 0.0), (50000.0, 200.0), (60000.0, 230.0)]
    budget = re.search(r'class="budget" data-budget="([^"]+)" x1="([^"]+)"', chart)
    assert float(budget.group(1)) == 70000
    xs = [float(x) for x in re.findall(r'<circle class="point" cx="([^"]+)"', chart)]
    # a linear axis: the budget lies beyond the last point as 70,000 lies beyond 60,000
    scale = (xs[2] - xs[0]) / 60000
    assert float(budget.group(2)) == pytest.approx(xs[0] + 70000 * scale, abs=0.02)


def test_the_action_map_draws_lines_and_points_the_chosen_on_top(outputs):
    from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer, QgsWkbTypes
    from qgis.PyQt.QtGui import QImage

    from fibre_resilience.report.document import MAP_ACTIONS
    from fibre_resilience.report.maps import CHOSEN_ACTION, OTHER_ACTION, ReportMaps

    actions = QgsVectorLayer(outputs["ACTIONS"], "actions", "ogr")
    maps = ReportMaps({"actions": actions}, QgsCoordinateReferenceSystem("EPSG:2154"))
    view = next(v for v in maps.views() if v.key == MAP_ACTIONS)
    # once each, though both the lines and the point hold chosen actions
    assert view.legend == [
        ("Other candidate actions", OTHER_ACTION),
        ("Actions of the plan", CHOSEN_ACTION),
    ]
    copies = maps.map_layers(MAP_ACTIONS)
    kinds = {copy.geometryType(): copy.featureCount() for copy in copies}
    assert kinds == {
        QgsWkbTypes.GeometryType.PointGeometry: 1,
        QgsWkbTypes.GeometryType.LineGeometry: 2,
    }
    assert copies[0].geometryType() == QgsWkbTypes.GeometryType.PointGeometry  # on top
    image = QImage.fromData(maps.render_png(MAP_ACTIONS, 300, 300), "PNG")
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert CHOSEN_ACTION in colours and OTHER_ACTION in colours


def test_the_pdf_lays_out_both_charts_and_both_maps(done, outputs):
    """The PDF's layout: each section's heading, its chart as an embedded SVG picture that
    draws, its map."""
    import pandas as pd
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsLayoutItemLabel,
        QgsLayoutItemMap,
        QgsLayoutItemPicture,
        QgsVectorLayer,
    )

    from fibre_resilience.core.report import ReportFigures
    from fibre_resilience.core.report_plan import plan_figures
    from fibre_resilience.core.report_power import power_figures, restoration_figures
    from fibre_resilience.report.content import build_document
    from fibre_resilience.report.layout import build_layout
    from fibre_resilience.report.maps import ReportMaps

    assert Path(done["OUTPUT_PDF"]).read_bytes()[:5] == b"%PDF-"
    restoration = restoration_figures(
        pd.DataFrame(RESTORATION, columns=["rs_hour", "rs_out", "rs_power", "rs_damage"])
    )
    sites = pd.DataFrame(
        [(d, p, s) for _, _, d, p, s, _ in SITES], columns=["pw_dark_h", "pw_prem", "pw_sens"]
    )
    power = power_figures(sites, [c for c, *_ in SITES], 10)
    names = [name for name, _ in ACTION_FIELDS][:7]
    actions = pd.DataFrame([values for _, *values in ACTIONS], columns=names)
    plan = plan_figures(
        actions, pd.DataFrame(PLAN, columns=[n for n, _ in PLAN_FIELDS]), 10, 70000.0
    )
    layers = {
        "power_sites": QgsVectorLayer(outputs["POWER_SITES"], "sites", "ogr"),
        "actions": QgsVectorLayer(outputs["ACTIONS"], "actions", "ogr"),
    }
    maps = ReportMaps(layers, QgsCoordinateReferenceSystem("EPSG:2154"))
    document = build_document(
        ReportFigures(),
        title="t",
        subtitle="",
        language="en",
        maps=maps.views(),
        provenance=[],
        id_field=None,
        footer="",
        restoration=restoration,
        power=power,
        plan=plan,
    )
    assert [s.key for s in document.sections] == ["power", "plan", "provenance"]
    layout = build_layout(document, maps)
    items = layout.items()
    pictures = [
        i for i in items
        if isinstance(i, QgsLayoutItemPicture) and i.picturePath().startswith("base64:")
    ]  # fmt: skip
    assert len(pictures) == 2 and not any(p.isMissingImage() for p in pictures)
    drawn = [i for i in items if isinstance(i, QgsLayoutItemMap) and i.layers()]
    assert len(drawn) == 2
    texts = {i.text() for i in items if isinstance(i, QgsLayoutItemLabel)}
    assert {"Power and restoration", "Action plan"} <= texts


def test_without_the_new_inputs_there_is_no_section(run_algorithm, outputs, tmp_path):
    report = run_algorithm(
        "resiliencereport",
        {"ROUTES": outputs["ROUTES"], "OUTPUT_HTML": str(tmp_path / "plain.html")},
    )
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<section id="power">' not in page and '<section id="plan">' not in page


def test_each_input_alone_makes_its_part(run_algorithm, outputs, tmp_path):
    alone = {}
    for key in ("RESTORATION", "POWER_SITES", "ACTIONS", "PLAN"):
        report = run_algorithm(
            "resiliencereport",
            {
                key: outputs[key],
                "OUTPUT_HTML": str(tmp_path / f"{key}.html"),
                "OUTPUT_TABLES": str(tmp_path / f"{key}.xlsx"),
            },
        )
        alone[key] = (
            Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8"),
            _sheets(report["OUTPUT_TABLES"]),
        )
    page, sheets = alone["RESTORATION"]
    assert "chart-restoration" in page and "<img" not in page
    assert "Load-shedding priorities" not in sheets and '<section id="figures">' not in page
    page, sheets = alone["POWER_SITES"]
    assert "chart-restoration" not in page and 'id="map-power"' in page
    assert "Load-shedding priorities" in sheets
    page, sheets = alone["ACTIONS"]
    assert 'id="map-actions"' in page and "chart-cost_benefit" not in page
    # without PLAN, the premises secured once each are unknown: no such figure
    labels = [r["Figure"] for r in sheets["Action plan figures"]]
    assert "Premises secured by the plan, once per risk (cable tiers, grid outage)" not in labels
    assert _figure(sheets["Action plan figures"], "Cost of the plan (EUR)") == 60000
    page, sheets = alone["PLAN"]
    assert "chart-cost_benefit" in page and "<img" not in page
    assert "Actions" not in sheets


@pytest.mark.parametrize(
    "key, drop",
    [
        ("RESTORATION", "rs_power"),
        ("POWER_SITES", "pw_prem"),
        ("ACTIONS", "mp_chosen"),
        ("PLAN", "mp_cum_prem"),
    ],
)
def test_a_missing_field_is_named(run_algorithm, outputs, tmp_path, key, drop):
    dataset = ogr.Open(outputs[key].split("|")[0], 1)
    layer = dataset.GetLayerByName(outputs[key].split("=")[1])
    layer.DeleteField(layer.GetLayerDefn().GetFieldIndex(drop))
    del layer, dataset
    with pytest.raises(QgsProcessingException) as raised:
        _report(run_algorithm, outputs, tmp_path)
    assert key in str(raised.value) and drop in str(raised.value)
    assert not (tmp_path / "report.html").exists()


def test_restoration_rows_that_cannot_be_a_curve_are_refused(run_algorithm, tmp_path):
    path = tmp_path / "bad.gpkg"
    twice = write_layer(
        path,
        "twice",
        ogr.wkbNone,
        RESTORATION_FIELDS,
        restoration_rows(RESTORATION + [(3, 1, 0, 1)]),
    )
    negative = write_layer(
        path, "negative", ogr.wkbNone, RESTORATION_FIELDS, restoration_rows([(0, -4, 0, 0)])
    )
    for table, words in ((twice, ["RESTORATION", "hour 3"]), (negative, ["rs_out", "-4"])):
        with pytest.raises(QgsProcessingException) as raised:
            run_algorithm(
                "resiliencereport",
                {"RESTORATION": table, "OUTPUT_HTML": str(tmp_path / "r.html")},
            )
        for word in words:
            assert word in str(raised.value)


def test_the_sections_follow_the_french_locale(run_algorithm, outputs, tmp_path, french):
    report = _report(run_algorithm, outputs, tmp_path, OUTPUT_TABLES=str(tmp_path / "t.ods"))
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert "Énergie et rétablissement" in page
    assert "Plan d&#x27;actions" in page
    assert "60\u202f000" in page  # the plan's cost, grouped the French way
    sheets = _sheets(report["OUTPUT_TABLES"])
    assert _figure_fr(sheets["Chiffres du rétablissement"], "Locaux-heures perdus") == 47
    actions = sheets["Actions"]
    assert [r["Action"] for r in actions][0] == "boucle (second chemin)"
    assert [r["Dans le plan"] for r in actions] == ["oui", "oui", "non"]
    assert "Priorités de délestage" in sheets


def _figure_fr(rows, label):
    return next(r["Valeur"] for r in rows if r["Indicateur"] == label)


def test_a_restoration_table_whose_parts_do_not_add_up_is_warned(run_algorithm, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802 (QGIS's name)
            self.warnings.append(text)
            super().pushWarning(text)

    rows = [(0, 10, 0, 10), (1, 12, 5, 10), (2, 0, 0, 0)]  # hour 1: 5 + 10 is not 12
    table = write_layer(
        tmp_path / "r.gpkg", "r", ogr.wkbNone, RESTORATION_FIELDS, restoration_rows(rows)
    )
    feedback = Feedback()
    run_algorithm(
        "resiliencereport",
        {"RESTORATION": table, "OUTPUT_HTML": str(tmp_path / "r.html")},
        feedback=feedback,
    )
    (warning,) = [w for w in feedback.warnings if "rs_power + rs_damage" in w]
    assert "hour 1" in warning and "(15)" in warning and "(12)" in warning
    # the reference table adds up: no such warning
    table = write_layer(
        tmp_path / "r.gpkg", "ok", ogr.wkbNone, RESTORATION_FIELDS, restoration_rows()
    )
    feedback = Feedback()
    run_algorithm(
        "resiliencereport",
        {"RESTORATION": table, "OUTPUT_HTML": str(tmp_path / "s.html")},
        feedback=feedback,
    )
    assert not [w for w in feedback.warnings if "rs_power + rs_damage" in w]


def test_empty_sites_actions_and_plan_make_empty_parts(run_algorithm, tmp_path):
    """Layers of the right fields without a feature: the sections with their figures at 0 and
    no list, chart or map, in every output."""
    path = tmp_path / "empty.gpkg"
    empty = {
        "POWER_SITES": write_layer(path, "sites", ogr.wkbPoint, SITE_FIELDS, []),
        "ACTIONS": write_layer(path, "actions", ogr.wkbLineString, ACTION_FIELDS, []),
        "PLAN": write_layer(path, "plan", ogr.wkbNone, PLAN_FIELDS, []),
    }
    report = _report(run_algorithm, empty, tmp_path)
    page = Path(report["OUTPUT_HTML"]).read_text(encoding="utf-8")
    assert '<section id="power">' in page and '<section id="plan">' in page
    assert "<svg" not in page and "<img" not in page
    sheets = _sheets(report["OUTPUT_TABLES"])
    assert _figure(sheets["Restoration figures"], "Active sites") == 0
    assert _figure(sheets["Action plan figures"], "Candidate actions") == 0
    assert "Load-shedding priorities" not in sheets
    assert Path(report["OUTPUT_PDF"]).read_bytes()[:5] == b"%PDF-"
