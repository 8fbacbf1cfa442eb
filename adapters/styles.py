"""Styles of our output layers: the one place that knows how a result looks.

Each style is a small QML file in ``resources/styles/`` holding a renderer (classes, colours,
English labels) and, for scores, the labelling of the top assets. :func:`apply_style` loads
one onto a layer and finishes it in code, where a QML file cannot:

- symbols are fitted to the layer's geometry: a class drawn as a line in the file becomes
  QGIS's default marker or fill of that colour on points or polygons (one file per style,
  whatever the input's geometry);
- labels are translated: the files carry English labels, which ``scripts/i18n.py`` collects
  into the .ts (context ``Styles``) and which are shown in QGIS's language;
- values the data holds and no class names (the classes of ``sc_class`` are the run's own)
  are added along the file's source colour ramp, in score order.

Processing outputs get their style through :class:`StyledOutput`, a layer post-processor
set by :func:`style_on_load` (the base class of our algorithms calls it for every output
layer it declares a style for), so it applies from the toolbox, in models and in batch runs.
The report's maps take colours and labels from the same files through :func:`style_classes`.
"""

from pathlib import Path
from typing import Any, Dict, List, Tuple

from qgis.core import (
    NULL,
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsLayerTree,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProcessingLayerPostProcessorInterface,
    QgsProject,
    QgsRendererCategory,
    QgsRendererRange,
    QgsSingleSymbolRenderer,
    QgsStyle,
    QgsSymbol,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..core.criteria import parse_classes
from ..core.errors import InputError
from . import compat

STYLES_DIR = Path(__file__).resolve().parent.parent / "resources" / "styles"

_SYMBOL_TYPES = {
    QgsWkbTypes.GeometryType.PointGeometry: Qgis.SymbolType.Marker,
    QgsWkbTypes.GeometryType.LineGeometry: Qgis.SymbolType.Line,
    QgsWkbTypes.GeometryType.PolygonGeometry: Qgis.SymbolType.Fill,
}
_LABEL_PLACEMENT = {
    QgsWkbTypes.GeometryType.PointGeometry: QgsPalLayerSettings.Placement.AroundPoint,
    QgsWkbTypes.GeometryType.LineGeometry: QgsPalLayerSettings.Placement.Horizontal,
    QgsWkbTypes.GeometryType.PolygonGeometry: QgsPalLayerSettings.Placement.OverPoint,
}


def tr(text: str) -> str:
    """A label of a QML file in the user's language (English when no translation exists)."""
    return QCoreApplication.translate("Styles", text)


# The labels come from the QML files, not from literals here: scripts/i18n.py collects them
# from the files into the "Styles" context.
_label = tr


def style_path(name: str) -> str:
    """The QML file of the style ``name``."""
    return str(STYLES_DIR / f"{name}.qml")


def style_names() -> List[str]:
    return sorted(path.stem for path in STYLES_DIR.glob("*.qml"))


def apply_style(layer: QgsMapLayer, name: str) -> bool:
    """Give ``layer`` the style ``name``; False, and the layer left as it is, for a layer
    without geometry (a table) or a style that does not load."""
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() not in _SYMBOL_TYPES:
        return False
    categories = QgsMapLayer.StyleCategory.Symbology | QgsMapLayer.StyleCategory.Labeling
    _, loaded = layer.loadNamedStyle(style_path(name), categories)
    if not loaded:
        return False
    renderer = layer.renderer()
    _fit_symbols(renderer, layer.geometryType())
    _translate_labels(renderer)
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        _add_data_categories(layer, renderer)
    _fit_labelling(layer)
    layer.triggerRepaint()
    return True


def style_classes(name: str) -> List[Tuple[Any, str, str]]:
    """The classes of the style ``name`` as (value, label in the user's language, colour
    ``#rrggbb``): a category's value, a range's (lower, upper), None for a single symbol.
    For drawings made outside a layer's renderer (the report's legends)."""
    layer = QgsVectorLayer("LineString?crs=EPSG:2154", name, "memory")
    if not apply_style(layer, name):
        return []
    renderer = layer.renderer()
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        return [(c.value(), c.label(), c.symbol().color().name()) for c in renderer.categories()]
    if isinstance(renderer, QgsGraduatedSymbolRenderer):
        return [
            ((r.lowerValue(), r.upperValue()), r.label(), r.symbol().color().name())
            for r in renderer.ranges()
        ]
    return [(None, "", renderer.symbol().color().name())]


def _fit_symbols(renderer, geometry) -> None:
    """A symbol of another type than the layer's geometry becomes QGIS's default symbol for
    that geometry, in the same colour. (Symbols are read while their category or range is
    alive: ``categories()`` returns copies that own them.)"""
    wanted = _SYMBOL_TYPES[geometry]

    def fitted(symbol):
        if symbol is None or symbol.type() == wanted:
            return None
        new = QgsSymbol.defaultSymbol(geometry)
        new.setColor(symbol.color())
        return new

    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for i, category in enumerate(renderer.categories()):
            new = fitted(category.symbol())
            if new is not None:
                renderer.updateCategorySymbol(i, new)
        new = fitted(renderer.sourceSymbol())
        if new is not None:
            renderer.setSourceSymbol(new)
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        for i, interval in enumerate(renderer.ranges()):
            new = fitted(interval.symbol())
            if new is not None:
                renderer.updateRangeSymbol(i, new)
    elif isinstance(renderer, QgsSingleSymbolRenderer):
        new = fitted(renderer.symbol())
        if new is not None:
            renderer.setSymbol(new)


def _translate_labels(renderer) -> None:
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for i, category in enumerate(renderer.categories()):
            renderer.updateCategoryLabel(i, _label(category.label()))
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        for i, interval in enumerate(renderer.ranges()):
            renderer.updateRangeLabel(i, _label(interval.label()))


def _add_data_categories(layer: QgsVectorLayer, renderer) -> None:
    """Values of the class field that no category names, as categories along the source
    ramp, ordered by their lowest ``sc_score`` when the layer has one (else by value).
    They come before the file's own categories (its catch-all "all other values" last)."""
    ramp, source = renderer.sourceColorRamp(), renderer.sourceSymbol()
    field = renderer.classAttribute()
    index = layer.fields().lookupField(field)
    if ramp is None or source is None or index < 0:
        return
    named = {str(c.value()) for c in renderer.categories()}
    score = layer.fields().lookupField("sc_score")
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([i for i in (index, score) if i >= 0])
    lowest: Dict[Any, float] = {}
    for feature in layer.getFeatures(request):
        value = feature.attribute(index)
        if value is None or value == NULL or str(value) in named:
            continue
        key = feature.attribute(score) if score >= 0 else None
        key = float(key) if isinstance(key, (int, float)) else float("inf")
        lowest[value] = min(lowest.get(value, float("inf")), key)
    values = sorted(lowest, key=lambda v: (lowest[v], str(v)))
    existing = renderer.categories()
    for i in range(len(existing) - 1, -1, -1):
        renderer.deleteCategory(i)
    for i, value in enumerate(values):
        symbol = source.clone()
        symbol.setColor(ramp.color(i / max(len(values) - 1, 1)))
        renderer.addCategory(QgsRendererCategory(value, symbol, str(value)))
    for category in existing:
        renderer.addCategory(category)


def _fit_labelling(layer: QgsVectorLayer) -> None:
    """The file's labels placed as suits the layer's geometry: horizontal on lines (a label
    along a line needs a line longer than itself: short routes would get none), around points,
    over polygons."""
    labeling = layer.labeling()
    if not isinstance(labeling, QgsVectorLayerSimpleLabeling):
        return
    settings = QgsPalLayerSettings(labeling.settings())
    settings.placement = _LABEL_PLACEMENT[layer.geometryType()]
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


# ---------------------------------------------------------------------- Processing outputs

# Post-processors handed to QGIS and not called yet. Python must hold them: QGIS keeps only
# the C++ half, and a Python object nobody references is collected (QGIS would then call an
# empty shell and the layer would load unstyled, qgis/QGIS#47533). Each lets go of itself
# once called; one per output, so several outputs of a run are each styled.
_WAITING: set = set()


class StyledOutput(QgsProcessingLayerPostProcessorInterface):
    """Styles one output layer when QGIS loads it (no style for a table), and puts it in the
    run's group."""

    def __init__(self, style: str, group: str):
        super().__init__()
        self.style = style
        self.group = group

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS's name)
        _WAITING.discard(self)
        if self.style:
            apply_style(layer, self.style)
        if self.group:
            project = layer.project() or context.project() or QgsProject.instance()
            place_in_group(project, layer, self.group)


def style_on_load(context, destination, style: str, group: str = "") -> bool:
    """Have the output ``destination`` styled with ``style`` (none when empty) and grouped
    under ``group`` when QGIS loads it at the end of the run; False when it is not to be
    loaded (headless runs, intermediate outputs of a model)."""
    if not isinstance(destination, str) or not context.willLoadLayerOnCompletion(destination):
        return False
    details = context.layerToLoadOnCompletionDetails(destination)
    processor = StyledOutput(style, group)
    _WAITING.add(processor)
    details.setPostProcessor(processor)
    if group:
        compat.set_result_group(details, group)
    return True


def place_in_group(project: QgsProject, layer: QgsMapLayer, name: str) -> None:
    """Move ``layer``'s node into the group ``name`` beside it (made when missing), where
    QGIS cannot group results itself (before 3.32); a layer already in it stays."""
    node = project.layerTreeRoot().findLayer(layer.id())
    parent = node.parent() if node is not None else None
    if parent is None or parent.name() == name:  # not loaded, or grouped already
        return
    group = next(
        (c for c in parent.children() if QgsLayerTree.isGroup(c) and c.name() == name), None
    )
    if group is None:
        group = parent.insertGroup(0, name)
    group.addChildNode(node.clone())
    parent.removeChildNode(node)


def style_scored_layer(layer: QgsVectorLayer, top: int, classes: str = "") -> None:
    """A graduated style on sc_score (the CLASSES breaks and labels when they are breaks,
    else five equal ranges) and the top N labelled with their rank."""
    if layer.geometryType() in (
        QgsWkbTypes.GeometryType.NullGeometry,
        QgsWkbTypes.GeometryType.UnknownGeometry,
    ):
        return
    try:
        spec = parse_classes(classes) if classes else None
    except InputError:  # the dock shows the error; the style falls back on plain ranges
        spec = None
    if spec is not None and spec.kind == "breaks":
        edges, labels = [0.0, *spec.breaks, 100.0], list(spec.labels)
    else:
        edges = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        labels = [f"{a:g}-{b:g}" for a, b in zip(edges, edges[1:])]
    ramp = QgsStyle.defaultStyle().colorRamp("Reds") or QgsGradientColorRamp(
        QColor(254, 229, 217), QColor(165, 15, 21)
    )
    ranges = []
    for i, (low, high) in enumerate(zip(edges, edges[1:])):
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(ramp.color(i / max(len(edges) - 2, 1)))
        ranges.append(QgsRendererRange(low, high, symbol, labels[i]))
    layer.setRenderer(QgsGraduatedSymbolRenderer("sc_score", ranges))
    settings = QgsPalLayerSettings()
    settings.isExpression = True
    settings.fieldName = f'if("sc_rank" <= {int(top)}, \'#\' || "sc_rank", NULL)'
    if layer.geometryType() == QgsWkbTypes.GeometryType.LineGeometry:
        # The default placement puts nothing on lines.
        settings.placement = QgsPalLayerSettings.Placement.Line
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    layer.triggerRepaint()
