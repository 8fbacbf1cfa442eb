"""Styles applied to our output layers (the scored layer's graduated score and top labels)."""

from qgis.core import (
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsPalLayerSettings,
    QgsRendererRange,
    QgsStyle,
    QgsSymbol,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..core.criteria import parse_classes
from ..core.errors import InputError


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
