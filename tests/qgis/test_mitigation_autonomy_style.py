"""The ACTIONS style draws an autonomy action (a ring around its site) in a class of its own,
chosen or not."""

from qgis.core import QgsExpression, QgsFeature, QgsGeometry, QgsVectorLayer

from fibre_resilience.adapters import styles


def test_autonomy_actions_have_their_classes():
    layer = QgsVectorLayer(
        "MultiLineString?crs=EPSG:2154&field=mp_kind:string&field=mp_chosen:integer",
        "actions",
        "memory",
    )
    features = []
    for chosen in (1, 0):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt("MULTILINESTRING ((0 0, 25 0, 0 25, 0 0))"))
        feature.setAttributes(["autonomy", chosen])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    assert styles.apply_style(layer, "mitigation_actions")
    renderer = layer.renderer()
    labels = {c.value(): c.label() for c in renderer.categories()}
    expression = QgsExpression(renderer.classAttribute())
    context = layer.createExpressionContext()
    seen = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        seen.append(labels[expression.evaluate(context)])
    assert seen == [
        "More back-up power at a site (ring), in the plan",
        "More back-up power at a site (ring), not chosen",
    ]
