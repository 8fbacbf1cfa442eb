"""The report as a PDF: a QGIS print layout, A4 portrait, built from the plain ``Document``.

Plain layout items only (labels, text tables, maps, shapes, a scale bar): no HTML item, which
needs QtWebKit. Items are placed top-down on a cursor; a table flows over as many frames
(pages) as its rows need, each frame cut to the rows it shows, so nothing overlaps.
"""

import math
import os
import tempfile
from typing import List, Optional, Tuple

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutItemTextTable,
    QgsLayoutMeasurement,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLayoutTableStyle,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsProcessingException,
    QgsRenderContext,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QCoreApplication, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF

from ..adapters import compat
from ..adapters.errors import raise_cancelled
from .chart import HEIGHT as CHART_PX_H
from .chart import WIDTH as CHART_PX_W
from .document import Chart, Document, MapView, Table
from .maps import ReportMaps

MM = QgsUnitTypes.LayoutMillimeters
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
WIDTH = PAGE_W - 2 * MARGIN
FOOTER_H = 5.0
BOTTOM = PAGE_H - MARGIN - FOOTER_H - 3.0  # where the body stops, above the footer
GAP = 4.0
MAP_H, MAP_MIN_H = 100.0, 70.0  # two map blocks fit one page
LEGEND_COLUMNS, LEGEND_ROW = 3, 4.5
TABLE_PT, CELL_MARGIN = 8.0, 1.0
NORTH_ARROW = "arrows/NorthArrow_02.svg"

translate = QCoreApplication.translate


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _text_size(font: QFont, text: str, width: Optional[float] = None) -> Tuple[float, float]:
    """Width and height (mm) of ``text`` wrapped at ``width`` mm, as a layout label draws it."""
    # Layout text is drawn with a pixel-sized font upscaled ten times (FONT_WORKAROUND_SCALE).
    metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
    box = QRectF(0, 0, (width or 10000.0) * 10, 1e7)
    rect = metrics.boundingRect(box, int(Qt.TextWordWrap), text)
    return rect.width() / 10, rect.height() / 10


def _plain(text: str) -> str:
    """Report texts are shown as they are: no label expression may be evaluated in them."""
    return text.replace("[%", "[ %")


class _Pages:
    """A top-down cursor over the pages of a layout, adding pages as content needs them."""

    def __init__(self, layout: QgsPrintLayout, image_dir: Optional[str] = None):
        self.layout = layout
        self.image_dir = image_dir  # where large maps are drawn as images (None: vectors)
        self.drawing = []  # (picture item, image path, map being drawn) until all are drawn
        self.page = -1
        self.new_page()

    @property
    def room(self) -> float:
        return BOTTOM - self.y

    def new_page(self) -> None:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Portrait)
        self.layout.pageCollection().addPage(page)
        self.page += 1
        self.y = MARGIN

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor (or the page is empty)."""
        if height > self.room and self.y > MARGIN:
            self.new_page()

    def place(self, item: QgsLayoutItem, x: float, y: float, w: float, h: float) -> None:
        item.attemptResize(QgsLayoutSize(w, h, MM))
        item.attemptMove(QgsLayoutPoint(x, y, MM), True, False, self.page)

    def add(self, item: QgsLayoutItem, height: float, x: float = MARGIN, width: float = WIDTH):
        """Adds ``item`` at the cursor and moves the cursor below it."""
        self.layout.addLayoutItem(item)
        self.place(item, x, self.y, width, height)
        self.y += height


def _label(layout, text: str, font: QFont, colour: str = "#000000") -> QgsLayoutItemLabel:
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    compat.set_label_font(label, font, QColor(colour))
    label.setMargin(0)
    label.setHAlign(Qt.AlignLeft)  # labels justify by default
    return label


def _add_text(pages: _Pages, text: str, font: QFont, after: float = 1.5, colour="#000000"):
    """A word-wrapped paragraph; one taller than a page is cut over several pages."""
    for part in _split_to_fit(text, font):
        height = _text_size(font, part, WIDTH)[1] + 1.0
        pages.need(height)
        pages.add(_label(pages.layout, _plain(part), font, colour), height)
    pages.y += after


def _split_to_fit(text: str, font: QFont) -> List[str]:
    """``text`` in pieces no taller than a page body: cut at line breaks, else between words."""

    def fits(chunk: str) -> bool:
        return _text_size(font, chunk, WIDTH)[1] <= BOTTOM - MARGIN - 2.0

    if fits(text):
        return [text]
    units = []  # (separator before, text)
    for number, line in enumerate(text.split("\n")):
        words = [line] if fits(line) else line.split(" ")
        units.append(("\n" if number else "", words[0]))
        units.extend((" ", word) for word in words[1:])
    parts, current = [], ""
    for separator, unit in units:
        candidate = current + separator + unit if current else unit
        if current and not fits(candidate):
            parts.append(current)
            candidate = unit
        current = candidate
    parts.append(current)
    return parts


# -- tables -----------------------------------------------------------------------------


def _text_format(points: float, bold: bool = False) -> QgsTextFormat:
    text_format = QgsTextFormat()
    text_format.setFont(_font(points, bold))
    text_format.setSize(points)
    text_format.setSizeUnit(QgsUnitTypes.RenderPoints)
    return text_format


def _column_widths(table: Table) -> Optional[List[float]]:
    """Column widths (mm) when the natural widths overflow the page, else None (automatic).

    Each column keeps at least its longest word; the rest of the page is shared in
    proportion to what each column would need on one line."""
    header, body = _font(TABLE_PT, True), _font(TABLE_PT)
    natural, least = [], []
    for index, heading in enumerate(table.headers):
        cells = [(body, row[index]) for row in table.rows if index < len(row)]
        cells.append((header, heading))
        natural.append(max(_text_size(font, text)[0] for font, text in cells) + 0.5)
        words = [(font, word) for font, text in cells for word in text.split()]
        least.append(max([_text_size(font, word)[0] for font, word in words] + [2.0]) + 0.5)
    usable = WIDTH - len(natural) * (2 * CELL_MARGIN + 0.3) - 0.3
    if sum(natural) <= usable:
        return None
    if sum(least) >= usable:  # even single words do not fit: shrink them all alike
        return [usable * w / sum(least) for w in least]
    share = (usable - sum(least)) / (sum(natural) - sum(least))
    return [w + (n - w) * share for n, w in zip(natural, least)]


def _table(layout, table: Table) -> QgsLayoutItemTextTable:
    item = QgsLayoutItemTextTable(layout)
    layout.addMultiFrame(item)
    widths = _column_widths(table)
    columns = []
    for index, heading in enumerate(table.headers):
        column = QgsLayoutTableColumn(_plain(heading))
        numeric = index < len(table.numeric) and table.numeric[index]
        column.setHAlignment(Qt.AlignRight if numeric else Qt.AlignLeft)
        column.setVAlignment(Qt.AlignTop)
        if widths:
            column.setWidth(widths[index])
        columns.append(column)
    item.setColumns(columns)
    item.setHeaderHAlignment(QgsLayoutTable.FollowColumn)
    item.setHeaderMode(QgsLayoutTable.AllFrames)
    item.setHeaderTextFormat(_text_format(TABLE_PT, True))
    item.setContentTextFormat(_text_format(TABLE_PT))
    item.setCellMargin(CELL_MARGIN)
    item.setGridStrokeWidth(0.2)
    item.setGridColor(QColor("#9e9e9e"))
    item.setWrapBehavior(QgsLayoutTable.WrapText if widths else QgsLayoutTable.TruncateText)
    header_style = QgsLayoutTableStyle()
    header_style.enabled = True
    header_style.cellBackgroundColor = QColor("#e8e8e8")
    item.setCellStyle(QgsLayoutTable.HeaderRow, header_style)
    width = len(table.headers)
    padded = [(list(row) + [""] * width)[:width] for row in table.rows]  # ragged rows
    item.setContents([[_plain(str(cell)) for cell in row] for row in padded])
    item.setResizeMode(QgsLayoutMultiFrame.UseExistingFrames)
    return item


def _add_table(pages: _Pages, table: Table) -> None:
    """A text table in frames cut to their rows, over as many pages as it takes."""
    item = _table(pages.layout, table)
    context = QgsLayoutUtils.createRenderContextForLayout(pages.layout, None)
    # as the table measures its rows, so that our frames hold exactly what it will draw
    context.setFlag(Qgis.RenderContextFlag.ApplyScalingWorkaroundForTextRendering)
    total, shown = len(table.rows), 0
    header = item.minFrameSize(0).height() + 0.5
    pages.need(header + 8.0)  # never a header alone at the foot of a page
    while True:
        fits = item.rowsVisible(context, pages.room, shown, True, False)
        if fits < 1 and total > shown:
            if pages.y == MARGIN:
                message = translate("ReportLayout", "A row of table {} is taller than a page.")
                raise QgsProcessingException(message.format(table.sheet))
            pages.new_page()
            continue
        if shown + fits >= total:
            height = _least_height(item, context, shown, total - shown, pages.room, header)
        else:
            height = pages.room
        frame = QgsLayoutFrame(pages.layout, item)
        frame.setHidePageIfEmpty(False)
        pages.place(frame, MARGIN, pages.y, WIDTH, height)
        # the frames are sized once, after the last one (each resize measures every row)
        item.addFrame(frame, False)
        pages.y += height
        shown += fits
        if shown >= total:
            break
        pages.new_page()
    item.recalculateFrameSizes()
    pages.y += GAP


def _least_height(item, context, first: int, rows: int, room: float, header: float) -> float:
    """The frame height (mm) that shows exactly the ``rows`` left, by bisection."""
    if rows <= 0:
        return header
    low, high = 0.0, room
    while high - low > 0.05:
        middle = (low + high) / 2
        if item.rowsVisible(context, middle, first, True, False) >= rows:
            high = middle
        else:
            low = middle
    return min(high + 0.3, room)


# -- maps -------------------------------------------------------------------------------


def _legend_height(view: MapView) -> float:
    return math.ceil(len(view.legend) / LEGEND_COLUMNS) * LEGEND_ROW


def _map_block_height(view: MapView, map_height: float) -> float:
    caption = _text_size(_font(10, True), view.title, WIDTH)[1] + 1.5
    return caption + map_height + 2.0 + _legend_height(view) + GAP


# Above this many features a map goes into the PDF as an image rather than as vectors.
VECTOR_LIMIT = 50_000
IMAGE_DPI = 200
# The PDF's map images are written uncompressed (Qt's PNG quality 100: zlib level 0): the file
# is only read back once by the picture item, and the PDF writer compresses the pixels itself.
IMAGE_QUALITY = 100


def _add_map(pages: _Pages, maps: ReportMaps, view: MapView, map_height: float = MAP_H):
    pages.need(_map_block_height(view, map_height))
    layout = pages.layout
    _add_text(pages, view.title, _font(10, True), after=0.5)
    item = QgsLayoutItemMap(layout)
    item.setCrs(maps.crs)
    item.setLayers(maps.map_layers(view.key))
    item.setKeepLayerSet(True)
    item.setFrameEnabled(True)
    item.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, MM))
    item.setBackgroundColor(QColor("white"))
    top = pages.y
    if pages.image_dir is not None and maps.feature_count(view.key) > VECTOR_LIMIT:
        # A regional map as vectors weighs tens of MB in the PDF: draw it as a compressed
        # image under a map item that holds no layer, which still carries the frame, the
        # scale bar and the north arrow (the image is rendered for the same extent).
        size = [round(mm / 25.4 * IMAGE_DPI) for mm in (WIDTH, map_height)]
        path = os.path.join(pages.image_dir, f"{view.key}.png")
        picture = QgsLayoutItemPicture(layout)
        layout.addLayoutItem(picture)
        # drawn beside the rest of the layout; its path is set once it is drawn
        pages.drawing.append((picture, path, maps.start_render(view.key, *size)))
        picture.setResizeMode(QgsLayoutItemPicture.Stretch)
        pages.place(picture, MARGIN, top, WIDTH, map_height)
        item.setLayers([])
        item.setBackgroundEnabled(False)
    pages.add(item, map_height)
    item.zoomToExtent(maps.extent(view.key))
    _add_scale_bar(pages, item, top + map_height)
    _add_north_arrow(pages, item, top)
    pages.y += 2.0
    _add_legend(pages, view)
    pages.y += GAP


def _add_scale_bar(pages: _Pages, linked: QgsLayoutItemMap, map_bottom: float) -> None:
    bar = QgsLayoutItemScaleBar(pages.layout)
    pages.layout.addLayoutItem(bar)
    bar.setLinkedMap(linked)
    bar.setStyle("Single Box")
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setTextFormat(_text_format(7))
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.setReferencePoint(QgsLayoutItem.LowerLeft)
    bar.update()
    bar.attemptMove(QgsLayoutPoint(MARGIN + 3, map_bottom - 3, MM), True, False, pages.page)


def _add_north_arrow(pages: _Pages, linked: QgsLayoutItemMap, map_top: float) -> None:
    paths = [os.path.join(folder, NORTH_ARROW) for folder in QgsApplication.svgPaths()]
    path = next((p for p in paths if os.path.isfile(p)), None)
    if path is None:  # no SVG library installed: the map goes without
        return
    arrow = QgsLayoutItemPicture(pages.layout)
    pages.layout.addLayoutItem(arrow)
    arrow.setPicturePath(path)
    arrow.setLinkedMap(linked)
    arrow.setBackgroundEnabled(False)
    pages.place(arrow, MARGIN + WIDTH - 11, map_top + 3, 8, 12)


def _add_legend(pages: _Pages, view: MapView) -> None:
    """Swatches and labels in columns: the same legend as the HTML report's."""
    column_width = WIDTH / LEGEND_COLUMNS
    font = _font(7.5)
    for index, (text, colour) in enumerate(view.legend):
        row, column = divmod(index, LEGEND_COLUMNS)
        x, y = MARGIN + column * column_width, pages.y + row * LEGEND_ROW
        swatch = QgsLayoutItemShape(pages.layout)
        swatch.setShapeType(QgsLayoutItemShape.Rectangle)
        symbol = swatch.symbol().clone()
        symbol.setColor(QColor(colour))
        symbol.symbolLayer(0).setStrokeColor(QColor("#606060"))
        symbol.symbolLayer(0).setStrokeWidth(0.1)
        swatch.setSymbol(symbol)
        pages.layout.addLayoutItem(swatch)
        pages.place(swatch, x, y + 0.5, 5, 3)
        label = _label(pages.layout, _plain(text), font)
        label.setVAlign(Qt.AlignVCenter)
        pages.layout.addLayoutItem(label)
        pages.place(label, x + 6.5, y, column_width - 7.5, 4)
    pages.y += _legend_height(view)


# -- charts -----------------------------------------------------------------------------

CHART_W = 150.0  # mm: the chart's own proportions, centred


def _add_chart(pages: _Pages, chart: Chart) -> None:
    """An SVG chart (the same drawing as the HTML page's) and its caption."""
    height = CHART_W * CHART_PX_H / CHART_PX_W
    caption = _text_size(_font(10, True), chart.title, WIDTH)[1] + 1.5
    pages.need(caption + height + GAP)
    _add_text(pages, chart.title, _font(10, True), after=0.5)
    picture = QgsLayoutItemPicture(pages.layout)
    compat.set_svg_picture(picture, chart.svg)
    picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    picture.setBackgroundEnabled(False)
    pages.add(picture, height, x=MARGIN + (WIDTH - CHART_W) / 2, width=CHART_W)
    pages.y += GAP


# -- the document -----------------------------------------------------------------------


def _add_footer(layout: QgsPrintLayout, footer: str) -> None:
    text = _plain(footer) + "   " if footer else ""
    font = _font(7)
    for page in range(layout.pageCollection().pageCount()):
        label = _label(layout, text + "[% @layout_page %] / [% @layout_numpages %]", font, "#555")
        label.setHAlign(Qt.AlignRight)
        label.setVAlign(Qt.AlignBottom)
        layout.addLayoutItem(label)
        label.attemptResize(QgsLayoutSize(WIDTH, FOOTER_H, MM))
        label.attemptMove(QgsLayoutPoint(MARGIN, PAGE_H - MARGIN - FOOTER_H, MM), True, False, page)


def build_layout(
    document: Document, maps: ReportMaps, feedback=None, image_dir: Optional[str] = None
) -> QgsPrintLayout:
    """The print layout of the report, owned by ``maps.project``'s layout manager (it refers to
    the project's layers, so it must not outlive the project)."""
    layout = QgsPrintLayout(maps.project)
    manager = maps.project.layoutManager()
    name, number = document.title or "report", 1
    while manager.layoutByName(name) is not None:
        number += 1
        name = f"{document.title} ({number})"
    layout.setName(name)
    manager.addLayout(layout)
    pages = _Pages(layout, image_dir)
    try:
        _add_text(pages, document.title, _font(20, True), after=1.0)
        if document.subtitle:
            _add_text(pages, document.subtitle, _font(11), after=3.0, colour="#444444")
        views = {view.key: view for view in maps.views()}
        placed = set()
        for number, section in enumerate(document.sections):
            if feedback is not None and feedback.isCanceled():
                raise_cancelled()
            # Keep a heading with what follows it: 20 mm of text or table, or its first map whole.
            following = 20.0
            pending = [v for v in section.maps if v.key in views and v.key not in placed]
            if pending and not section.text and not section.tables:
                following = _map_block_height(pending[0], MAP_H)
            if section.charts:
                following = 20.0 + CHART_W * CHART_PX_H / CHART_PX_W
            pages.need(_text_size(_font(13, True), section.title, WIDTH)[1] + following)
            _add_text(pages, section.title, _font(13, True), after=1.0)
            if section.text:
                _add_text(pages, section.text, _font(9), after=2.0)
            for chart in section.charts:
                _add_chart(pages, chart)
            for table in section.tables:
                _add_table(pages, table)
            for view in section.maps:
                if view.key in views and view.key not in placed:
                    _add_map(pages, maps, views[view.key])
                    placed.add(view.key)
            if number == 0:  # the first map on the cover page, when it fits there
                first = next((v for s in document.sections for v in s.maps if v.key in views), None)
                if first is not None and first.key not in placed:
                    height = min(MAP_H, pages.room - _map_block_height(first, 0))
                    if height >= MAP_MIN_H:
                        _add_map(pages, maps, views[first.key], height)
                        placed.add(first.key)
            if feedback is not None:
                feedback.setProgress(80.0 * (number + 1) / len(document.sections))
        _add_footer(layout, document.footer)
        while pages.drawing:
            picture, path, render = pages.drawing[0]
            with open(path, "wb") as image:
                image.write(render.png(IMAGE_QUALITY))
            picture.setPicturePath(path)
            pages.drawing.pop(0)
    finally:  # an error or a cancel: no map goes on drawing
        for _, _, render in pages.drawing:
            render.cancel()
    return layout


def export_pdf(document: Document, maps: ReportMaps, path: str, feedback=None) -> int:
    """Writes the report to ``path`` as a PDF; returns its page count."""
    with tempfile.TemporaryDirectory(prefix="fibre_report_") as image_dir:
        layout = build_layout(document, maps, feedback, image_dir)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = IMAGE_DPI
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = False
        settings.appendGeoreference = False
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
        result = QgsLayoutExporter(layout).exportToPdf(path, settings)
        pages = layout.pageCollection().pageCount()
        maps.project.layoutManager().removeLayout(layout)  # deletes it
    if result != QgsLayoutExporter.Success:
        message = translate("ReportLayout", "Could not write the PDF report {} (error {}).")
        raise QgsProcessingException(message.format(path, int(result)))
    if feedback is not None:
        feedback.setProgress(100.0)
    return pages
