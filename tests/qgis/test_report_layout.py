"""The report's maps (styled private copies, PNG renders) and its PDF print layout.

Oracles: pixel colours of the renders, the user's layers compared before and after, the PDF
read back by GDAL's PDF driver (page count, first page rasterised).
"""

import time
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemTextTable,
    QgsLayoutUtils,
    QgsMapLayerStyle,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QImage
from qgis_helpers import memory_layer

from fibre_resilience.report.document import (
    MAP_ACCESS,
    MAP_CUTOFF,
    MAP_EXPOSURE,
    Document,
    Section,
    Table,
)
from fibre_resilience.report.layout import (
    BOTTOM,
    MARGIN,
    PAGE_H,
    PAGE_W,
    build_layout,
    export_pdf,
)
from fibre_resilience.report.maps import ReportMaps

L93 = QgsCoordinateReferenceSystem("EPSG:2154")
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
ACCENTS = "Écart, aléa, locaux raccordables"


@pytest.fixture()
def sample_layers(qgis_app, sample_dir):
    gpkg = sample_dir / "territory.gpkg"
    layers = {
        key: QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        for key, name in (
            ("hazard", "flood_zones"),
            ("roads", "roads"),
            ("depots", "depots"),
            ("communes", "communes"),
        )
    }
    assert all(layer.isValid() and layer.featureCount() > 0 for layer in layers.values())
    # routes across the flood zones, one per level and one without level
    levels = [0, 1, 2, 3, 4, None]
    routes = []
    for i, level in enumerate(levels):
        y = 7027000 + 1000 * i
        routes.append((f"LINESTRING(644500 {y}, 655000 {y + 500})", [i, level, int(i >= 4)]))
    layers["routes"] = memory_layer(
        "LineString", routes, "id:integer&field=hz_level:integer&field=im_failed:integer"
    )
    premises = []
    for i in range(60):
        x, y = 645000 + (i % 10) * 1000, 7027000 + (i // 10) * 1000
        cut, failed = int(i % 7 == 0), int(i % 13 == 5)
        premises.append((f"POINT({x} {y})", [i, cut, failed, i % 5]))
    layers["premises"] = memory_layer(
        "Point",
        premises,
        "id:integer&field=im_cut:integer&field=im_failed:integer&field=hz_level:integer",
        name="premises",
    )
    blocked = [f"LINESTRING({x} 7028000, {x + 1500} 7031500)" for x in range(646000, 656000, 2500)]
    layers["blocked_roads"] = memory_layer("LineString", [(wkt, [1]) for wkt in blocked])
    layers["crew_routes"] = memory_layer(
        "LineString",
        [("LINESTRING(648000 7030000, 651000 7029000, 654000 7032000)", [1])],
        name="crew",
    )
    layers["targets"] = memory_layer(
        "Point",
        [(f"POINT({646000 + 1500 * i} 7030500)", [i, i % 2]) for i in range(6)],
        "id:integer&field=ac_reach:integer",
        name="targets",
    )
    yield layers
    # pytest holds the test's arguments until after the session teardown (exitQgis) of the
    # last test: layers freed after that crash, so let them go now
    layers.clear()


def _image(png: bytes) -> np.ndarray:
    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format_RGB888)
    assert not image.isNull()
    rows = bytes(image.constBits().asstring(image.bytesPerLine() * image.height()))
    raw = np.frombuffer(rows, np.uint8).reshape(image.height(), image.bytesPerLine())
    return raw[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def _near(pixels: np.ndarray, colour: str, tolerance: int = 40) -> int:
    target = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(pixels - target).max(axis=2) <= tolerance).sum())


def _non_white(pixels: np.ndarray) -> float:
    return float((pixels.min(axis=2) < 235).mean())


def test_render_png_draws_each_map(sample_layers):
    maps = ReportMaps(sample_layers, L93)
    assert [view.key for view in maps.views()] == [MAP_EXPOSURE, MAP_CUTOFF, MAP_ACCESS]
    for view in maps.views():
        pixels = _image(maps.render_png(view.key, 600, 400))
        assert pixels.shape == (400, 600, 3)
        assert 0.01 < _non_white(pixels) < 0.9, view.key
        assert all(colour.startswith("#") and len(colour) == 7 for _, colour in view.legend)
    exposure = _image(maps.render_png(MAP_EXPOSURE, 800, 600))
    assert _near(exposure, "#800026", 30) > 50  # the level-4 route, dark red
    assert _near(exposure, "#fd8d3c", 30) > 50  # the level-2 route, orange
    access = _image(maps.render_png(MAP_ACCESS, 800, 600))
    assert _near(access, "#d7191c", 30) > 200  # the blocked roads, thick red
    assert _near(access, "#2c7bb6", 30) > 50  # the crew route, blue
    cutoff = _image(maps.render_png(MAP_CUTOFF, 800, 600))
    assert _near(cutoff, "#f58518", 30) > 20  # premises cut off, orange


def test_access_map_without_blocked_roads_has_no_red(sample_layers):
    layers = dict(sample_layers, blocked_roads=None)
    access = _image(ReportMaps(layers, L93).render_png(MAP_ACCESS, 800, 600))
    assert _near(access, "#d7191c", 30) < 20
    assert _near(access, "#2c7bb6", 30) > 50


def test_legends_list_what_is_drawn(sample_layers):
    views = {view.key: view for view in ReportMaps(sample_layers, L93).views()}
    exposure = [label for label, _ in views[MAP_EXPOSURE].legend]
    assert exposure[:5] == [
        "Not exposed",
        "Level 1 (low)",
        "Level 2 (medium)",
        "Level 3 (high)",
        "Level 4 (very high)",
    ]
    assert "Hazard zones" in exposure and "Communes" in exposure
    cutoff = dict(views[MAP_CUTOFF].legend)
    assert cutoff["Premises cut off"] == "#f58518" and cutoff["Failed routes"] == "#d7191c"
    assert {"Premises served", "Failed premises"} <= set(cutoff)
    # no premises failed themselves: that class is not in the legend
    layers = dict(sample_layers)
    layers["premises"] = memory_layer(
        "Point",
        [("POINT(645000 7027000)", [1, 1, 0]), ("POINT(646000 7028000)", [2, 0, 0])],
        "id:integer&field=im_cut:integer&field=im_failed:integer",
    )
    cutoff = [label for label, _ in ReportMaps(layers, L93).views()[1].legend]
    assert "Failed premises" not in cutoff and "Premises cut off" in cutoff


def test_views_omit_maps_without_their_layers(sample_layers):
    only_hazard = ReportMaps({"hazard": sample_layers["hazard"], "routes": None}, L93)
    assert only_hazard.views() == []
    access_only = {key: sample_layers[key] for key in ("roads", "depots", "targets")}
    assert [v.key for v in ReportMaps(access_only, L93).views()] == [MAP_ACCESS]
    routes_plain = memory_layer("LineString", [("LINESTRING(0 0, 1 1)", [1])])
    no_failure_field = ReportMaps({"routes": routes_plain}, L93)
    assert [v.key for v in no_failure_field.views()] == [MAP_EXPOSURE]
    empty = memory_layer("Point", [], "id:integer&field=ac_reach:integer")
    assert ReportMaps({"targets": empty, "roads": sample_layers["roads"]}, L93).views() == []


def _state(layer):
    style = QgsMapLayerStyle()
    style.readFromLayer(layer)
    renderer = layer.renderer()
    return (
        style.xmlData(),
        renderer.type(),
        layer.featureCount(),
        layer.selectedFeatureIds(),
        layer.isModified(),
        layer.isEditable(),
        layer.crs().authid(),
        layer.name(),
    )


def test_user_layers_are_left_alone(sample_layers):
    sample_layers["premises"].selectByIds([1, 2, 3])
    renderers = {key: layer.renderer() for key, layer in sample_layers.items()}
    before = {key: _state(layer) for key, layer in sample_layers.items()}
    maps = ReportMaps(sample_layers, L93)
    for view in maps.views():
        maps.render_png(view.key, 200, 150)
    copies = [layer for view in maps.views() for layer in maps.map_layers(view.key)]
    assert not {id(layer) for layer in copies} & {id(layer) for layer in sample_layers.values()}
    assert all(maps.project.mapLayer(layer.id()) is layer for layer in copies)
    for key, layer in sample_layers.items():
        assert _state(layer) == before[key], key
        assert layer.renderer() is renderers[key], key


def _document(rows: int) -> Document:
    figures = Table(
        "Figures",
        ["Indicateur", "Valeur"],
        [["Locaux raccordables exposés (niveau ≥ 3)", "1 234"], ["Délai moyen (min)", "12,5"]],
        [False, True],
    )
    long_table = Table(
        "Communes",
        ["Commune", "INSEE", ACCENTS, "Locaux coupés", "Part"],
        [[f"Saint-Étienne-{i}", f"62{i:03d}", f"aléa {i % 4}", f"{i * 7}", f"{i % 100} %"]
         for i in range(rows)],
        [False, False, False, True, True],
    )  # fmt: skip
    return Document(
        "Rapport de résilience – Réseau d'initiative publique",
        "Scénario : crue moyenne (02Moy), le 1er juin 2024",
        "fr",
        [
            Section("figures", "Chiffres clés", tables=[figures]),
            Section(
                "maps",
                "Cartes",
                "Les cartes montrent l'aléa, les locaux coupés et l'accès des équipes.",
                maps=[],
            ),
            Section("commune", "Par commune", ACCENTS + ". " + "Texte long. " * 80, [long_table]),
            Section("provenance", "Provenance", "QGIS 3.22", [_wide_table()]),
        ],
        footer="Fibre Resilience – rapport généré automatiquement",
    )


def _wide_table() -> Table:
    """More text than a page is wide: its columns must wrap."""
    headers = [f"Paramètre n° {i} de l'algorithme" for i in range(7)]
    rows = [[f"valeur {i}-{j} " + "très longue " * (j + 1) for j in range(7)] for i in range(4)]
    return Table("Paramètres", headers, rows, [False] * 7)


def _with_maps(document: Document, maps: ReportMaps) -> Document:
    document.section("maps").maps = maps.views()
    return document


def _pdf_pages(path) -> int:
    dataset = gdal.Open(str(path))
    assert dataset is not None
    subdatasets = dataset.GetMetadata("SUBDATASETS")
    return max(len(subdatasets) // 2, 1)


def test_export_pdf_paginates_long_tables(sample_layers, tmp_path):
    maps = ReportMaps(sample_layers, L93)
    short_path, long_path = tmp_path / "short.pdf", tmp_path / "long.pdf"
    short = export_pdf(_with_maps(_document(5), maps), maps, str(short_path))
    start = time.perf_counter()
    long = export_pdf(_with_maps(_document(200), maps), maps, str(long_path))
    print(f"3 maps + 200-row table: {long} pages in {time.perf_counter() - start:.1f} s")
    assert long >= short + 3  # 200 rows do not fit three pages
    assert _pdf_pages(short_path) == short and _pdf_pages(long_path) == long


def _check_placement(layout) -> int:
    """Every label, map and table frame inside its page's margins, none overlapping another;
    returns the number of table frames."""
    pages = layout.pageCollection()
    boxes = []
    frames = 0
    for item in layout.items():
        if not isinstance(item, (QgsLayoutItemLabel, QgsLayoutItemMap, QgsLayoutFrame)):
            continue
        rect = item.sceneBoundingRect()
        top = rect.top() - pages.page(item.page()).pos().y()
        assert rect.left() >= MARGIN - 0.5 and rect.right() <= PAGE_W - MARGIN + 0.5
        assert top >= MARGIN - 0.5 and top + rect.height() <= PAGE_H - MARGIN + 0.5
        if isinstance(item, QgsLayoutFrame):
            frames += 1
            assert top + rect.height() <= BOTTOM + 0.01
        boxes.append((rect.adjusted(0.05, 0.05, -0.05, -0.05), item))
    for i, (rect, item) in enumerate(boxes):
        for other_rect, other in boxes[i + 1 :]:
            assert not rect.intersects(other_rect), (item.displayName(), other.displayName())
    return frames


def test_layout_items_stay_inside_their_page(sample_layers):
    maps = ReportMaps(sample_layers, L93)
    document = _with_maps(_document(150), maps)
    layout = build_layout(document, maps)
    assert _check_placement(layout) >= 5  # the long table over several pages
    # QGIS's own row split: each table shows all its rows once, in order, over its frames
    context = QgsLayoutUtils.createRenderContextForLayout(layout, None)
    context.setFlag(Qgis.RenderContextFlag.ApplyScalingWorkaroundForTextRendering)
    tables = [item for item in layout.multiFrames() if isinstance(item, QgsLayoutItemTextTable)]
    assert [len(table.contents()) for table in tables] == [2, 150, 4]
    for table in tables:
        ranges = [tuple(table.rowRange(context, i)) for i in range(table.frameCount())]
        assert ranges[0][0] == 0 and ranges[-1][1] == len(table.contents())
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
        assert all(last > first for first, last in ranges)
    assert tables[1].contents()[0][0] == "Saint-Étienne-0"
    texts = [item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]
    assert any(ACCENTS in text for text in texts)
    footers = [text for text in texts if "@layout_numpages" in text]
    assert len(footers) == layout.pageCollection().pageCount()


def test_text_taller_than_a_page_is_cut(qgis_app):
    maps = ReportMaps({}, L93)
    words = " ".join(f"mot{i}" for i in range(4000))
    document = Document("Titre", "", "fr", [Section("text", "Texte", words + "\nfin")])
    layout = build_layout(document, maps)
    _check_placement(layout)
    texts = [item.text() for item in layout.items() if isinstance(item, QgsLayoutItemLabel)]
    body = [text for text in texts if text.startswith("mot") or text == "fin"]
    assert len(body) >= 2 and layout.pageCollection().pageCount() >= 2
    order = {text: int(text.split()[0][3:]) if text.startswith("mot") else 10**9 for text in body}
    shown = " ".join(sorted(body, key=order.get))
    assert shown.replace("\n", " ").split() == (words + " fin").split()


def test_pdf_first_page_is_not_blank(sample_layers, tmp_path):
    maps = ReportMaps(sample_layers, L93)
    path = tmp_path / "report.pdf"
    export_pdf(_with_maps(_document(20), maps), maps, str(path))
    dataset = gdal.OpenEx(str(path), open_options=["DPI=50"])
    assert dataset is not None and dataset.RasterCount >= 3
    pixels = np.dstack([dataset.GetRasterBand(b).ReadAsArray() for b in (1, 2, 3)]).astype(int)
    height, width, _ = pixels.shape
    assert abs(width - 210 / 25.4 * 50) < 3 and abs(height - 297 / 25.4 * 50) < 3
    assert _non_white(pixels) > 0.03
    top_band = pixels[: height // 8]
    assert int((top_band.max(axis=2) < 90).sum()) > 50  # the title, in black
    blank = np.full_like(pixels, 255)
    assert _non_white(blank) == 0.0  # the measure itself can say "blank"


def test_layers_in_another_crs_are_drawn_in_the_report_crs(sample_layers):
    to_wgs84 = QgsCoordinateTransform(L93, WGS84, QgsProject.instance())
    line = [to_wgs84.transform(QgsPointXY(x, 7030000)) for x in (645000, 655000)]
    wkt = f"LINESTRING({line[0].x()} {line[0].y()}, {line[1].x()} {line[1].y()})"
    routes = memory_layer("LineString", [(wkt, [1, 3])], "id:integer&field=hz_level:integer",
                          crs="EPSG:4326")  # fmt: skip
    maps = ReportMaps({"routes": routes}, L93)
    copy = maps.map_layers(MAP_EXPOSURE)[0]
    assert copy.crs().authid() == "EPSG:2154" and routes.crs().authid() == "EPSG:4326"
    extent = maps.extent(MAP_EXPOSURE)
    assert extent.xMinimum() == pytest.approx(645000 - 500, abs=1)
    assert extent.xMaximum() == pytest.approx(655000 + 500, abs=1)
    assert extent.center().y() == pytest.approx(7030000, abs=1)
    pixels = _image(maps.render_png(MAP_EXPOSURE, 400, 200))
    assert _near(pixels, "#e31a1c", 30) > 100  # the level-3 route, red, across the map


def test_cancelled_export_writes_nothing(sample_layers, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    maps = ReportMaps(sample_layers, L93)
    path = tmp_path / "cancelled.pdf"
    with pytest.raises(QgsProcessingException):
        export_pdf(_with_maps(_document(5), maps), maps, str(path), feedback)
    assert not path.exists()


def test_a_heading_stays_with_its_first_map(sample_layers):
    """A section of maps alone starts on the page where its first map fits whole."""
    maps = ReportMaps(sample_layers, L93)
    document = _document(150)
    rows = [[f"Indicateur {i}", str(i)] for i in range(30)]  # fills most of the first page
    document.sections[0].tables = [Table("Figures", ["Indicateur", "Valeur"], rows, [False, True])]
    document.section("maps").text = ""
    document = _with_maps(document, maps)
    layout = build_layout(document, maps)
    heading = next(
        item
        for item in layout.items()
        if isinstance(item, QgsLayoutItemLabel) and item.text() == "Cartes"
    )
    first_map = min(
        (item for item in layout.items() if isinstance(item, QgsLayoutItemMap)),
        key=lambda item: item.pagePos().y() + 1e4 * item.page(),
    )
    assert heading.page() == first_map.page()


def test_large_maps_go_into_the_pdf_as_images(sample_layers, tmp_path, monkeypatch):
    """Above VECTOR_LIMIT features a map is an image under an empty map item (which keeps
    the frame, scale bar and north arrow): the PDF stays small at regional scale."""
    from fibre_resilience.report import layout as report_layout

    maps = ReportMaps(sample_layers, L93)
    document = _with_maps(_document(10), maps)
    image_pdf = tmp_path / "images.pdf"
    monkeypatch.setattr(report_layout, "VECTOR_LIMIT", 10)
    layout = build_layout(document, maps, image_dir=str(tmp_path))
    pictures = [
        item.picturePath()
        for item in layout.items()
        if isinstance(item, QgsLayoutItemPicture) and item.picturePath().endswith(".png")
    ]
    assert sorted(Path(p).name for p in pictures) == sorted(f"{v.key}.png" for v in maps.views())
    map_items = [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]
    assert map_items and all(item.layers() == [] for item in map_items)
    maps.project.layoutManager().removeLayout(layout)
    export_pdf(document, maps, str(image_pdf))
    page = gdal.OpenEx(str(image_pdf), open_options=["DPI=50"]).ReadAsArray()[:3].mean(axis=0)
    assert (page < 250).mean() > 0.03  # the maps are there, as images
    # (On this small sample the vectors weigh less; on the regional set the PDF went from
    # 82 MB to 1.8 MB.)


def test_sensitive_sites_on_the_cutoff_map(sample_layers):
    """Sensitive sites are drawn as stars over the premises: red when they lose service."""
    layers = dict(sample_layers)
    layers["sensitive"] = memory_layer(
        "Point",
        [
            ("POINT(650000 7030000)", [1, 1, 0]),  # cut off
            ("POINT(652000 7031000)", [2, 0, None]),  # served
        ],
        "id:integer&field=im_cut:integer&field=im_failed:integer",
    )
    maps = ReportMaps(layers, L93)
    legend = dict({view.key: view for view in maps.views()}[MAP_CUTOFF].legend)
    assert legend["Sensitive sites that lose service"] == "#7f0000"
    assert legend["Sensitive sites served"] == "#1a9641"
    assert maps.map_layers(MAP_CUTOFF)[0].featureCount() == 2  # drawn on top
    without = _image(ReportMaps(sample_layers, L93).render_png(MAP_CUTOFF, 600, 400))
    with_sites = _image(maps.render_png(MAP_CUTOFF, 600, 400))
    assert _near(with_sites, "#1a9641", 30) > _near(without, "#1a9641", 30) + 5


def _geopackage(path, layers):
    """Write memory layers into one GeoPackage (one table each, EPSG:2154) through OGR."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    kinds = {"Point": ogr.wkbPoint, "LineString": ogr.wkbLineString}
    for name, (kind, layer) in layers.items():
        table = dataset.CreateLayer(name, srs, kinds[kind])
        for field in layer.fields():
            table.CreateField(ogr.FieldDefn(field.name(), ogr.OFTInteger))
        for feature in layer.getFeatures():
            out = ogr.Feature(table.GetLayerDefn())
            for field in layer.fields():
                value = feature[field.name()]
                if value is not None and not getattr(value, "isNull", lambda: False)():
                    out.SetField(field.name(), int(value))  # NULL stays unset
            out.SetGeometry(ogr.CreateGeometryFromWkt(feature.geometry().asWkt()))
            table.CreateFeature(out)
    dataset = None
    return {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in layers}


ROUTE_FIELDS = "id:integer&field=hz_level:integer&field=im_failed:integer"


def test_geopackage_layers_are_drawn_from_their_file_as_their_copies_are(sample_layers, tmp_path):
    """Issue 17: a GeoPackage layer is drawn from its file, a class at a time, points and lines
    as a few features of many parts, never copied whole into memory; the maps are the very
    pixels the copies give (classes stacked alike, a class in feature-id order), with the same
    legends and extents."""
    rng = np.random.default_rng(17)
    premises = []  # dense enough that markers of every class overlap
    for i in range(3000):
        x, y = 645000 + rng.uniform(0, 10000), 7027000 + rng.uniform(0, 6000)
        cut, failed = rng.choice([0, 1, None], p=[0.6, 0.3, 0.1]), int(rng.random() < 0.1)
        premises.append((f"POINT({x} {y})", [i, cut, failed, int(rng.integers(0, 5))]))
    routes = []
    for i in range(1500):
        x, y = 645000 + rng.uniform(0, 10000), 7027000 + rng.uniform(0, 6000)
        dx, dy = rng.uniform(-600, 600, 2)
        level = rng.choice([0, 1, 2, 3, 4, None])
        wkt = f"LINESTRING({x} {y}, {x + dx} {y + dy}, {x + dx} {y})"
        routes.append((wkt, [i, level, int(rng.random() < 0.2)]))
    files = _geopackage(
        tmp_path / "run.gpkg",
        {
            "premises": (
                "Point",
                memory_layer(
                    "Point",
                    premises,
                    "id:integer&field=im_cut:integer&field=im_failed:integer&field=hz_level:integer",
                ),
            ),
            "routes": (
                "LineString",
                memory_layer("LineString", routes, ROUTE_FIELDS),
            ),
        },
    )
    layers = dict(sample_layers, **files)  # roads, communes, hazard: the sample's GeoPackage
    copies = {key: layer.materialize(QgsFeatureRequest()) for key, layer in layers.items()}
    fast, copied = ReportMaps(layers, L93), ReportMaps(copies, L93)
    assert [(v.key, v.title, v.legend) for v in fast.views()] == [
        (v.key, v.title, v.legend) for v in copied.views()
    ]
    for view in fast.views():
        box, expected_box = fast.extent(view.key), copied.extent(view.key)
        corners = [box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()]
        expected_corners = [expected_box.xMinimum(), expected_box.yMinimum()]
        expected_corners += [expected_box.xMaximum(), expected_box.yMaximum()]
        assert corners == pytest.approx(expected_corners, abs=1e-6), view.key  # float noise
        assert fast.feature_count(view.key) == copied.feature_count(view.key), view.key
        drawn, expected = (_image(m.render_png(view.key, 700, 450)) for m in (fast, copied))
        assert int((drawn != expected).any(axis=2).sum()) == 0, view.key
    # nothing held whole: a class of 3,000 premises is one feature of many points (polygons
    # are drawn from the file itself)
    drawn = [layer for view in fast.views() for layer in fast.map_layers(view.key)]
    polygons = QgsWkbTypes.GeometryType.PolygonGeometry
    assert sum(layer.featureCount() for layer in drawn if layer.geometryType() != polygons) < 40
    assert all(layer.providerType() == "ogr" for layer in drawn if layer.geometryType() == polygons)
    assert all(layer.id() not in {c.id() for c in copies.values()} for layer in drawn)
