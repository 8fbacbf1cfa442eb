"""The report's maps: styled private layers of the run's layers, drawn by QGIS.

The user's layers are only read: each map draws private layers held in a private project, so
their renderer, selection and edit state never change. A GeoPackage layer in the map's CRS
without pending edits is drawn from its file: each class of a categorized map is read apart
(filtered in SQLite, geometries only) and the classes are stacked in the order the ordered
renderer drew them; points and lines become a few features of many parts each, which QGIS draws
part by part as it would draw the features, polygons stay on the file. Any other layer is drawn
from a copy in memory (``materialize``), reprojected to the map's CRS.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import shapely
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsMarkerSymbol,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from ..adapters import bulk, styles
from .document import (
    MAP_ACCESS,
    MAP_ACTIONS,
    MAP_CUTOFF,
    MAP_EXPOSURE,
    MAP_POWER,
    MAP_RETURN_PERIODS,
    MAPS,
    MapView,
    format_number,
)

translate = QCoreApplication.translate

# Levels 0-4 take their colours and labels from the outputs' style (resources/styles/
# hazard_levels.qml: grey then ColorBrewer YlOrRd); the report draws them at its own widths.
LEVEL_WIDTHS = (0.25, 0.6, 0.8, 1.0, 1.3)  # mm
HAZARD_FILL = "#2b83ba"
HAZARD_ALPHA = 0.35
# What the outputs' styles draw (served, cut off and failed; blocked roads, crew routes,
# reached and unreachable targets; first failures, the most frequent darkest) comes from those
# styles, so that a layer and the report's map of it look alike: see _palette(). The rest is
# the report's own.
SERVED_SITE = "#1a9641"
FAILED_ROUTE, OTHER_ROUTE = "#d7191c", "#bdbdbd"
COMMUNE_LINE, ROAD, DEPOT = "#505050", "#c8c8c8", "#000000"
# The action plan: chosen actions in a strong colour on top, the other candidates pale.
CHOSEN_ACTION, OTHER_ACTION = "#7b3294", "#c2a5cf"
POWER_SIZES = (1.8, 2.6, 3.0, 3.4, 3.8)  # mm: the longer without power, the larger
# Qt's PNG "quality" (zlib effort, lossless): 70 writes a regional map in about half the time
# of the default and smaller (1.47 MB instead of 1.68 MB), the same pixels.
PNG_QUALITY = 70
# Points and lines drawn from a file: memory features of this many parts each (see _parts).
PARTS_PER_FEATURE = 10_000
_PARTS = {
    QgsWkbTypes.GeometryType.PointGeometry: ("MultiPoint", shapely.multipoints),
    QgsWkbTypes.GeometryType.LineGeometry: ("MultiLineString", shapely.multilinestrings),
}
GEOMETRY_NO_CHECK = int(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)


def _palette() -> Dict[str, object]:
    """The colours of resources/styles/ the maps share with the output layers."""
    impact = {int(v): c for v, _, c in styles.style_classes("impact")}
    targets = {int(v): c for v, _, c in styles.style_classes("access_targets")}
    first_failures = [c for _, _, c in styles.style_classes("return_periods")]
    return {
        # (lower, upper) hours without power, label, colour: never, then longer and longer
        "power": styles.style_classes("power_sites"),
        "served": impact[0],
        "cut": impact[1],
        "failed": impact[2],
        "unreached": targets[0],
        "reached": targets[1],
        "blocked": styles.style_classes("blocked_roads")[0][2],
        "crew": styles.style_classes("crew_routes")[0][2],
        "never_fails": first_failures[0],
        "first_failures": first_failures[1:],
    }


# The legend entries of one drawn layer (label, #rrggbb).
Legend = List[Tuple[str, str]]


@dataclass
class _Drawn:
    """One input drawn on a map: its private layers (bottom first: one per class when it is
    drawn from its file, else one copy), its legend, and the layer holding all its features
    (drawn or not), whose extent and feature count stand for it."""

    layers: List[QgsVectorLayer]
    legend: Legend
    whole: QgsVectorLayer


def _rgba(colour: str, alpha: float = 1.0) -> str:
    c = QColor(colour)
    return f"{c.red()},{c.green()},{c.blue()},{round(alpha * 255)}"


def _on_white(colour: str, alpha: float) -> str:
    """The colour a translucent fill shows on white paper: the legend swatch."""
    c = QColor(colour)
    mixed = [round(alpha * v + (1 - alpha) * 255) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mixed).name()


def _line(colour: str, width: float) -> QgsLineSymbol:
    return QgsLineSymbol.createSimple(
        {"line_color": _rgba(colour), "line_width": str(width), "capstyle": "round"}
    )


def _marker(colour: str, shape: str = "circle", size: float = 1.6) -> QgsMarkerSymbol:
    if shape == "cross2":  # a stroke-only shape: its colour is the stroke
        props = {"name": shape, "outline_color": _rgba(colour), "outline_width": "0.5"}
    else:
        props = {"name": shape, "color": _rgba(colour), "outline_color": "255,255,255,255"}
        props["outline_width"] = "0.15"
    props["size"] = str(size)
    return QgsMarkerSymbol.createSimple(props)


def _point(colour: str, size: float) -> QgsMarkerSymbol:
    return _marker(colour, size=size)


def _action_marker(colour: str, width: float) -> QgsMarkerSymbol:
    """A site's action: a square as large as its line would be thick, times 2.4."""
    return _marker(colour, "square", width * 2.4)


def _action_fill(colour: str, width: float) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": _rgba(colour, 0.5), "outline_color": _rgba(colour), "outline_width": str(width)}
    )


def _outline(colour: str, width: float = 0.3) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": _rgba(colour), "outline_width": str(width)}
    )


class MapRender:
    """A map being drawn on an image by QGIS's render thread pool (QtConcurrent).

    The job's layers are prepared here, in the calling thread, as QGIS's own parallel renderer
    prepares them; the drawing lets go of Python's lock, so the maps of the HTML page and of
    the PDF are drawn beside the layout being built (two cores: half the wait). Waiting needs
    no event loop, so it runs in a Processing worker thread as well."""

    def __init__(self, settings: QgsMapSettings):
        size = settings.outputSize()
        self.image = QImage(size.width(), size.height(), QImage.Format_ARGB32_Premultiplied)
        self.image.fill(QColor("white"))
        self.painter = QPainter(self.image)
        self.job = QgsMapRendererCustomPainterJob(settings, self.painter)
        self.job.start()

    def wait(self) -> QImage:
        """The finished drawing (at once when it is done)."""
        if self.painter is not None:
            self.job.waitForFinished()
            self.painter.end()
            self.painter = None
        return self.image

    def cancel(self) -> None:
        """Stops the drawing if it is not done (it must not outlive its job or image)."""
        if self.painter is not None:
            self.job.cancel()
            self.painter.end()
            self.painter = None

    def png(self, quality: int = PNG_QUALITY) -> bytes:
        """The finished drawing as PNG bytes (``quality``: Qt's zlib effort)."""
        image = self.wait()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.WriteOnly)
        image.save(buffer, "PNG", quality)
        buffer.close()
        return bytes(data)


class ReportMaps:
    """The exposure, cut-off and access maps of a run, ready to render or to lay out."""

    def __init__(
        self,
        layers: Dict[str, Optional[QgsVectorLayer]],
        crs: QgsCoordinateReferenceSystem,
        transform_context: Optional[QgsCoordinateTransformContext] = None,
        return_periods: Optional[Sequence[float]] = None,
        language: str = "en",
        geometries: Optional[Dict[str, Tuple[np.ndarray, np.ndarray]]] = None,
    ):
        """``geometries``: (feature ids, shapely geometries in the layer's CRS, None where null)
        of layers already read from their files (by key), not to read them again."""
        self.crs = crs
        # the scenarios' return periods (years): the classes of the return-period map
        self.return_periods = sorted({float(rp) for rp in return_periods or ()})
        self.language = language
        self.palette = _palette()
        self.transform_context = transform_context or QgsCoordinateTransformContext()
        self.project = QgsProject()
        self.project.setCrs(crs)
        self.project.setTransformContext(self.transform_context)
        # A layer without features draws nothing: the same as a missing one.
        self._sources = {
            key: layer
            for key, layer in layers.items()
            if layer is not None and layer.isValid() and layer.featureCount() != 0
        }
        self._maps: Dict[str, Tuple[str, List[_Drawn]]] = {}
        self._read: Dict[str, object] = {}  # geometries read from the files, while building
        for key, (fids, shapes) in (geometries or {}).items():
            order = np.argsort(fids, kind="stable")
            self._read[key] = (np.asarray(fids)[order], np.asarray(shapes)[order])
        self._build()
        self._read.clear()

    # -- public ---------------------------------------------------------------------------

    def views(self) -> List[MapView]:
        """The maps that can be drawn, in report order; legends list the top layer first."""
        views = []
        for key in MAPS:
            # a map whose layers hold no drawable geometry (all NULL, or lost in the
            # reprojection of a layer without CRS) is left out, as a missing layer is
            if key in self._maps and self.extent(key) is not None:
                title, drawn = self._maps[key]
                legend = [entry for d in reversed(drawn) for entry in d.legend]
                views.append(MapView(key, title, legend))
        return views

    def map_layers(self, key: str) -> List[QgsMapLayer]:
        """The layers of one map, top first (as ``QgsMapSettings.setLayers`` wants them)."""
        return [layer for d in reversed(self._maps[key][1]) for layer in reversed(d.layers)]

    def feature_count(self, key: str) -> int:
        """The features of the inputs drawn on one map (drawn or not)."""
        return sum(max(d.whole.featureCount(), 0) for d in self._maps[key][1])

    def extent(self, key: str) -> Optional[QgsRectangle]:
        """The union of the drawn layers' extents with a 5 % margin on each side, in ``crs``;
        None when no layer of the map has a geometry to draw."""
        boxes = [d.whole.extent() for d in self._maps[key][1]]
        boxes = [box for box in boxes if box.isFinite() and box.xMaximum() >= box.xMinimum()]
        if not boxes:
            return None
        x0, y0 = min(b.xMinimum() for b in boxes), min(b.yMinimum() for b in boxes)
        x1, y1 = max(b.xMaximum() for b in boxes), max(b.yMaximum() for b in boxes)
        dx = max((x1 - x0) * 0.05, 50.0)  # a lone point still gets some ground around it
        dy = max((y1 - y0) * 0.05, 50.0)
        return QgsRectangle(x0 - dx, y0 - dy, x1 + dx, y1 + dy)

    def render_png(
        self, key: str, width_px: int, height_px: int, quality: int = PNG_QUALITY
    ) -> bytes:
        """PNG bytes of one map on a white background (``quality``: Qt's zlib effort)."""
        return self.start_render(key, width_px, height_px).png(quality)

    def start_render(self, key: str, width_px: int, height_px: int) -> "MapRender":
        """One map drawn in QGIS's render thread while this one goes on; ``png()`` waits."""
        settings = QgsMapSettings()
        settings.setLayers(self.map_layers(key))
        settings.setDestinationCrs(self.crs)
        settings.setTransformContext(self.transform_context)
        settings.setOutputSize(QSize(width_px, height_px))
        settings.setExtent(self.extent(key))
        settings.setBackgroundColor(QColor("white"))
        settings.setFlag(QgsMapSettings.Antialiasing, True)
        return MapRender(settings)

    # -- the three maps -------------------------------------------------------------------

    def _build(self) -> None:
        has = self._sources.__contains__
        background = has("premises") or has("communes") or has("roads")
        if has("routes") or (has("hazard") and background):
            self._maps[MAP_EXPOSURE] = (
                translate("ReportMaps", "Exposure of the network to the hazard"),
                self._exposure_layers(),
            )
        failed_routes = self._field("routes", "im_failed") or self._field("routes", "hz_failed")
        if has("premises") or failed_routes:
            self._maps[MAP_CUTOFF] = (
                translate("ReportMaps", "Premises cut off by the scenario"),
                self._cutoff_layers(),
            )
        if has("blocked_roads") or has("crew_routes") or has("targets"):
            self._maps[MAP_ACCESS] = (
                translate("ReportMaps", "Crew access: blocked roads and routes"),
                self._access_layers(),
            )
        if has("rp_lines") and self._field("rp_lines", "rp_first"):
            self._maps[MAP_RETURN_PERIODS] = (
                translate("ReportMaps", "Return period at which each line first fails"),
                self._return_period_layers(),
            )
        if has("power_sites") and self._field("power_sites", "pw_dark_h"):
            self._maps[MAP_POWER] = (
                translate("ReportMaps", "Active sites by hours without power"),
                self._power_layers(),
            )
        if has("actions") and self._field("actions", "mp_chosen"):
            self._maps[MAP_ACTIONS] = (
                translate("ReportMaps", "Proposed routes and sites of the action plan"),
                self._action_layers(),
            )

    def _exposure_layers(self):
        drawn = [self._communes()]
        if "hazard" in self._sources:
            fill = QgsFillSymbol.createSimple(
                {
                    "color": _rgba(HAZARD_FILL, HAZARD_ALPHA),
                    "outline_color": _rgba(HAZARD_FILL, 0.8),
                    "outline_width": "0.2",
                }
            )
            label = translate("ReportMaps", "Hazard zones")
            drawn.append(
                self._single("hazard", label, fill, [(label, _on_white(HAZARD_FILL, HAZARD_ALPHA))])
            )
        if "routes" in self._sources:
            drawn.append(self._by_level("routes", _line, LEVEL_WIDTHS))
        elif "premises" in self._sources:
            drawn.append(self._by_level("premises", _point, (1.2, 1.6, 1.8, 2.0, 2.2)))
        return [d for d in drawn if d]

    def _cutoff_layers(self):
        drawn = [self._communes()]
        if "routes" in self._sources:
            failed = " OR ".join(
                f"coalesce({QgsExpression.quotedColumnRef(name)}, 0) = 1"
                for name in (self._field("routes", "im_failed"), self._field("routes", "hz_failed"))
                if name
            )
            routes = translate("ReportMaps", "Routes")
            failed_label = translate("ReportMaps", "Failed routes")
            classes = [
                (0, routes, OTHER_ROUTE, _line(OTHER_ROUTE, 0.25)),
                (1, failed_label, FAILED_ROUTE, _line(FAILED_ROUTE, 1.0)),
            ]
            expression = f"CASE WHEN {failed} THEN 1 ELSE 0 END" if failed else "0"
            drawn.append(self._categorized("routes", expression, classes))
        if "premises" in self._sources:
            cut, itself = self._field("premises", "im_cut"), self._field("premises", "im_failed")
            conditions = []
            if itself:
                conditions.append(f"WHEN {QgsExpression.quotedColumnRef(itself)} = 1 THEN 2")
            if cut:
                conditions.append(f"WHEN {QgsExpression.quotedColumnRef(cut)} = 1 THEN 1")
            expression = f"CASE {' '.join(conditions)} ELSE 0 END" if conditions else "0"
            served = translate("ReportMaps", "Premises served")
            cut_off = translate("ReportMaps", "Premises cut off")
            failed_itself = translate("ReportMaps", "Failed premises")
            served_c, cut_c, failed_c = (self.palette[k] for k in ("served", "cut", "failed"))
            classes = [
                (0, served, served_c, _marker(served_c, size=1.2)),
                (1, cut_off, cut_c, _marker(cut_c, size=1.8)),
                (2, failed_itself, failed_c, _marker(failed_c, size=2.0)),
            ]
            drawn.append(self._categorized("premises", expression, classes))
        if "sensitive" in self._sources:  # on top: the sites that lose service first
            cut, itself = self._field("sensitive", "im_cut"), self._field("sensitive", "im_failed")
            lost = " OR ".join(
                f"coalesce({QgsExpression.quotedColumnRef(name)}, 0) = 1"
                for name in (cut, itself)
                if name
            )
            expression = f"CASE WHEN {lost} THEN 1 ELSE 0 END" if lost else "0"
            lost_c = self.palette["failed"]
            classes = [
                (0, translate("ReportMaps", "Sensitive sites served"), SERVED_SITE,
                 _marker(SERVED_SITE, "star", 3.2)),
                (1, translate("ReportMaps", "Sensitive sites that lose service"), lost_c,
                 _marker(lost_c, "star", 4.0)),
            ]  # fmt: skip
            drawn.append(self._categorized("sensitive", expression, classes))
        return [d for d in drawn if d]

    def _access_layers(self):
        drawn = []
        if "roads" in self._sources:
            label = translate("ReportMaps", "Roads")
            drawn.append(self._single("roads", label, _line(ROAD, 0.25), [(label, ROAD)]))
        if "blocked_roads" in self._sources:
            label = translate("ReportMaps", "Blocked roads")
            blocked = self.palette["blocked"]
            drawn.append(
                self._single("blocked_roads", label, _line(blocked, 1.2), [(label, blocked)])
            )
        if "crew_routes" in self._sources:
            label = translate("ReportMaps", "Crew routes")
            crew = self.palette["crew"]
            drawn.append(self._single("crew_routes", label, _line(crew, 0.8), [(label, crew)]))
        if "targets" in self._sources:
            reach = self._field("targets", "ac_reach")
            expression = f"coalesce({QgsExpression.quotedColumnRef(reach)}, 0)" if reach else "1"
            reached = translate("ReportMaps", "Assets reached")
            unreachable = translate("ReportMaps", "Unreachable assets")
            unreached_c, reached_c = self.palette["unreached"], self.palette["reached"]
            classes = [
                (0, unreachable, unreached_c, _marker(unreached_c, "cross2", 3.0)),
                (1, reached, reached_c, _marker(reached_c, size=2.2)),
            ]
            # unreachable crosses above the reached dots
            drawn.append(self._categorized("targets", expression, classes, ascending=False))
        if "depots" in self._sources:
            label = translate("ReportMaps", "Depots")
            drawn.append(
                self._single("depots", label, _marker(DEPOT, "square", 3.0), [(label, DEPOT)])
            )
        return drawn

    def _return_period_layers(self):
        """Lines classed by ``rp_first``: one class per scenario, the most frequent on top;
        lines that never fail apart, thin and grey, at the bottom."""
        drawn = [self._communes()]
        name = QgsExpression.quotedColumnRef(self._field("rp_lines", "rp_first"))
        periods = self.return_periods or self._distinct("rp_lines", "rp_first")
        n = len(periods)
        # class n for the most frequent scenario down to 1 for the rarest: a value between
        # two scenarios' (none should be) goes with the rarer one, beyond the rarest with it
        whens = " ".join(f"WHEN {name} <= {rp!r} THEN {n - i}" for i, rp in enumerate(periods))
        expression = f"CASE WHEN {name} IS NULL THEN 0 {whens} ELSE 1 END"
        never, ramp = self.palette["never_fails"], self.palette["first_failures"]
        classes = [(0, translate("ReportMaps", "Never fails"), never, _line(never, 0.25))]
        for i, rp in enumerate(periods):
            colour = ramp[min(i * len(ramp) // max(n, 1), len(ramp) - 1)]
            label = translate("ReportMaps", "First fails at {rp} years").format(
                rp=format_number(rp, 0 if float(rp).is_integer() else 1, self.language)
            )
            classes.append((n - i, label, colour, _line(colour, 1.2 - 0.5 * i / max(n, 1))))
        drawn.append(self._categorized("rp_lines", expression, classes))
        return [d for d in drawn if d]

    def _background_routes(self):
        """The network in thin grey under the maps of sites and actions."""
        if "routes" not in self._sources:
            return None
        label = translate("ReportMaps", "Routes")
        return self._single("routes", label, _line(OTHER_ROUTE, 0.25), [(label, OTHER_ROUTE)])

    def _power_layers(self):
        """Sites in the classes of resources/styles/power_sites.qml (hours without power: a
        class takes the hours above its lower bound up to its upper one; 0 the first), the
        longest without power on top."""
        drawn = [self._communes(), self._background_routes()]
        name = QgsExpression.quotedColumnRef(self._field("power_sites", "pw_dark_h"))
        ranges = self.palette["power"]
        whens = " ".join(
            f"WHEN coalesce({name}, 0) <= {float(upper)!r} THEN {i}"
            for i, ((_, upper), _, _) in enumerate(ranges)
        )
        expression = f"CASE {whens} ELSE {len(ranges) - 1} END"
        classes = [
            (i, label, colour, _marker(colour, "square", POWER_SIZES[min(i, 4)]))
            for i, (_, label, colour) in enumerate(ranges)
        ]
        drawn.append(self._categorized("power_sites", expression, classes))
        return [d for d in drawn if d]

    def _action_layers(self):
        """The candidates pale, the chosen ones (mp_chosen = 1) strong and on top: lines for
        new routes, squares for sites, whatever the layer holds."""
        drawn = [self._communes(), self._background_routes()]
        chosen = QgsExpression.quotedColumnRef(self._field("actions", "mp_chosen"))
        expression = f"CASE WHEN coalesce({chosen}, 0) = 1 THEN 1 ELSE 0 END"
        seen = set()
        # one copy per kind of geometry: a layer of lines may hold the sites' points too
        for geometry, copy in self._copies_by_geometry("actions"):
            symbol = {
                QgsWkbTypes.GeometryType.PointGeometry: _action_marker,
                QgsWkbTypes.GeometryType.PolygonGeometry: _action_fill,
            }.get(geometry, _line)
            classes = [
                (0, translate("ReportMaps", "Other candidate actions"), OTHER_ACTION,
                 symbol(OTHER_ACTION, 0.6)),
                (1, translate("ReportMaps", "Actions of the plan"), CHOSEN_ACTION,
                 symbol(CHOSEN_ACTION, 1.4)),
            ]  # fmt: skip
            entry = self._categorized("actions", expression, classes, copy=copy)
            legend = entry.legend
            entry.legend = [item for item in legend if item not in seen]
            drawn.append(entry)
            seen.update(legend)
        return [d for d in drawn if d]

    def _copies_by_geometry(self, key: str):
        """Copies of a layer, one per kind of geometry its features hold (points, lines,
        polygons), as (geometry type, copy), lines first then points on top."""
        source = self._sources[key]
        request = QgsFeatureRequest().setDestinationCrs(self.crs, self.transform_context)
        groups: Dict[int, list] = {}
        for feature in source.getFeatures(request):
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                continue
            geometry.convertToMultiType()
            feature.setGeometry(geometry)
            groups.setdefault(geometry.type(), []).append(feature)
        names = {
            QgsWkbTypes.GeometryType.PolygonGeometry: "MultiPolygon",
            QgsWkbTypes.GeometryType.LineGeometry: "MultiLineString",
            QgsWkbTypes.GeometryType.PointGeometry: "MultiPoint",
        }
        copies = []
        for geometry in names:  # polygons at the bottom, points on top
            if geometry not in groups:
                continue
            copy = QgsVectorLayer(f"{names[geometry]}?crs={self.crs.authid()}", key, "memory")
            if not self.crs.authid():  # a CRS without an authority id
                copy.setCrs(self.crs)
            copy.dataProvider().addAttributes(source.fields().toList())
            copy.updateFields()
            copy.dataProvider().addFeatures(groups[geometry])
            copy.updateExtents()
            self.project.addMapLayer(copy, False)
            copies.append((geometry, copy))
        return copies

    def _distinct(self, key: str, name: str) -> List[float]:
        layer = self._sources[key]
        values = layer.uniqueValues(layer.fields().lookupField(name))
        numbers = []
        for value in values:
            try:
                number = float(value)
            except (TypeError, ValueError):
                continue
            if number == number and number > 0:
                numbers.append(number)
        return sorted(set(numbers))

    # -- styled copies --------------------------------------------------------------------

    def _field(self, key: str, name: str) -> Optional[str]:
        """The layer's own spelling of a field (any case), None when absent."""
        layer = self._sources.get(key)
        index = layer.fields().lookupField(name) if layer is not None else -1
        return layer.fields().at(index).name() if index >= 0 else None

    def _copy(self, key: str, name: str) -> QgsVectorLayer:
        request = QgsFeatureRequest().setDestinationCrs(self.crs, self.transform_context)
        copy = self._sources[key].materialize(request)
        copy.setName(name)
        copy.updateExtents()
        self.project.addMapLayer(copy, False)
        return copy

    def _from_file(self, key: str) -> bool:
        """Whether the layer ``key`` is drawn from its file: a GeoPackage layer without
        pending edits, in the map's CRS (anything else is copied)."""
        source = self._sources[key]
        if source.providerType() != "ogr" or source.isEditable() or source.crs() != self.crs:
            return False
        if source.dataProvider().storageType() != "GPKG":
            return False
        kind = QgsWkbTypes.geometryType(source.wkbType())
        return kind not in _PARTS or bulk.layer_origin(source, GEOMETRY_NO_CHECK) is not None

    def _file_layer(self, key: str, name: str, where: str = "") -> Optional[QgsVectorLayer]:
        """A private layer on the file of the layer ``key``, holding the features that SQL
        condition ``where`` keeps (all when empty); None when SQLite refuses the condition."""
        source = self._sources[key]
        layer = QgsVectorLayer(source.source(), name, "ogr")
        if not layer.isValid():
            return None
        if where:
            subset = source.subsetString()
            if not layer.setSubsetString(f"({subset}) AND ({where})" if subset else where):
                return None
        self.project.addMapLayer(layer, False)
        return layer

    def _geometries(self, key: str):
        """(feature ids, geometries: None where null) of the layer ``key`` read from its file
        once, however many maps draw it; None when it cannot be read so."""
        if key not in self._read:
            origin = bulk.layer_origin(self._sources[key], GEOMETRY_NO_CHECK)
            self._read[key] = bulk.read_geometries(origin) if origin is not None else None
        return self._read[key]

    def _parts(self, key: str, name: str, geometries) -> Optional[QgsVectorLayer]:
        """A memory layer of a few features of many parts each holding ``geometries`` (points
        or lines of the layer ``key``) in their order: QGIS draws a part as it draws a
        feature, without the cost of a feature each (a million roads: 7 s a render instead of
        1); None when none is there to draw."""
        drawn = geometries[~shapely.is_missing(geometries)]
        if not len(drawn):
            return None
        if np.any(shapely.has_z(drawn)):
            drawn = shapely.force_2d(drawn)
        if np.any(shapely.get_type_id(drawn) >= 4):  # multi-parts: their parts in order
            drawn = shapely.get_parts(drawn)
        multi, build = _PARTS[QgsWkbTypes.geometryType(self._sources[key].wkbType())]
        layer = QgsVectorLayer(f"{multi}?crs={self.crs.authid()}", name, "memory")
        if not self.crs.authid():  # a CRS without an authority id
            layer.setCrs(self.crs)
        features = []
        for start in range(0, len(drawn), PARTS_PER_FEATURE):
            geometry = QgsGeometry()
            geometry.fromWkb(shapely.to_wkb(build(drawn[start : start + PARTS_PER_FEATURE])))
            feature = QgsFeature()
            feature.setGeometry(geometry)
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        layer.updateExtents()
        self.project.addMapLayer(layer, False)
        return layer

    def _communes(self):
        if "communes" not in self._sources:
            return None
        label = translate("ReportMaps", "Communes")
        return self._single("communes", label, _outline(COMMUNE_LINE), [(label, COMMUNE_LINE)])

    def _single(self, key, label, symbol, legend) -> _Drawn:
        whole = self._file_layer(key, label) if self._from_file(key) else None
        if whole is not None:
            kind = QgsWkbTypes.geometryType(whole.wkbType())
            read = self._geometries(key) if kind in _PARTS else None
            if kind not in _PARTS:  # polygons: drawn from the file itself
                whole.setRenderer(QgsSingleSymbolRenderer(symbol))
                return _Drawn([whole], legend, whole)
            if read is not None:
                layer = self._parts(key, label, read[1])
                if layer is not None:
                    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
                return _Drawn([layer] if layer is not None else [], legend, whole)
        layer = self._copy(key, label)
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        return _Drawn([layer], legend, layer)

    def _by_level(self, key, make_symbol, sizes):
        level = self._field(key, "hz_level")
        expression = f"coalesce({QgsExpression.quotedColumnRef(level)}, 0)" if level else "0"
        classes = [
            (int(value), label, colour, make_symbol(colour, sizes[int(value)]))
            for value, label, colour in styles.style_classes("hazard_levels")
        ]
        return self._categorized(key, expression, classes)

    def _categorized(self, key, expression, classes, ascending=True, copy=None) -> _Drawn:
        """Categories on an expression, the highest value drawn on top (``ascending``); the
        legend lists the classes some feature falls in. On ``copy`` when given, else drawn
        from the file of the layer ``key`` class by class when it can be, else on a copy."""
        if copy is None:
            split = self._split(key, expression, classes, ascending)
            if split is not None:
                return split
        copy = copy if copy is not None else self._copy(key, key)
        categories = [
            QgsRendererCategory(value, symbol, label) for value, label, _, symbol in classes
        ]
        renderer = QgsCategorizedSymbolRenderer(expression, categories)
        # within a class, by feature id: the order the file path draws them in (a sort by the
        # class alone leaves it to std::sort, which changes overlapping symbols' outlines)
        clauses = [
            QgsFeatureRequest.OrderByClause(expression, ascending),
            QgsFeatureRequest.OrderByClause("$id", True),
        ]
        renderer.setOrderBy(QgsFeatureRequest.OrderBy(clauses))
        renderer.setOrderByEnabled(True)
        copy.setRenderer(renderer)
        legend = []
        for value, label, colour, _ in classes:
            request = QgsFeatureRequest().setFilterExpression(f"({expression}) = {value}")
            request.setFlags(QgsFeatureRequest.NoGeometry).setLimit(1)
            if next(copy.getFeatures(request), None) is not None:
                legend.append((label, colour))
        return _Drawn([copy], legend, copy)

    def _split(self, key, expression, classes, ascending) -> Optional[_Drawn]:
        """The categories of :meth:`_categorized` as one private layer per class drawn from
        the layer's file, stacked as the ordered renderer draws them (the features of a class
        are drawn alike, so their order among themselves is not shown; the ordered renderer
        left it unspecified); None when the file cannot serve.

        The class expressions (coalesce, CASE, comparisons of numeric fields with numbers)
        mean the same in SQLite as in QGIS; a field that is not numeric leaves it to QGIS.
        """
        if not self._from_file(key):
            return None
        whole = self._file_layer(key, key)
        if whole is None:
            return None
        fields = whole.fields()
        for name in QgsExpression(expression).referencedColumns():
            index = fields.lookupField(name)
            if index < 0 or not fields.at(index).isNumeric():
                return None
        drawn: Dict[object, QgsVectorLayer] = {}
        shown = set()
        conditions = [f"({expression}) = {value}" for value, _, _, _ in classes]
        if QgsWkbTypes.geometryType(whole.wkbType()) in _PARTS:
            # one read of the geometries, one SQL query for the classes
            read = self._geometries(key)
            origin = bulk.layer_origin(self._sources[key], GEOMETRY_NO_CHECK)
            classed = bulk.read_classes(origin, conditions) if origin and conditions else None
            if read is None or classed is None or not np.array_equal(read[0], classed[0]):
                return None
            for i, (value, label, _, symbol) in enumerate(classes):
                mine = classed[1] == i
                if not mine.any():
                    continue
                shown.add(value)
                layer = self._parts(key, label, read[1][mine])
                if layer is not None:
                    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
                    drawn[value] = layer
        else:  # polygons: a layer on the file for each class
            for (value, label, _, symbol), condition in zip(classes, conditions):
                layer = self._file_layer(key, label, condition)
                if layer is None:
                    return None
                request = QgsFeatureRequest().setNoAttributes().setLimit(1)
                request.setFlags(QgsFeatureRequest.NoGeometry)
                if next(layer.getFeatures(request), None) is None:
                    self.project.removeMapLayer(layer.id())
                    continue
                shown.add(value)
                layer.setRenderer(QgsSingleSymbolRenderer(symbol))
                drawn[value] = layer
        legend = [(label, colour) for value, label, colour, _ in classes if value in shown]
        order = sorted(drawn, reverse=not ascending)  # bottom first
        return _Drawn([drawn[value] for value in order], legend, whole)
