"""Expressions evaluated on whole columns (adapters/expressions.column_values) against QGIS's
own evaluation, feature by feature (the oracle): the same value on every row, NULLs included,
and no column evaluation where only QGIS can tell."""

import random

import numpy as np
import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsVectorLayer,
)

from fibre_resilience.adapters import expressions, layers

TEXTS = ["NRO", "SRO", "PBO", "pbo", "", " SRO", "été", "Zürich", "\U0001f600", "\ufb01", "10"]
NUMBERS = [0, 1, -1, 2, 3, 10, 2**40]
REALS = [0.0, 1.0, 1.0000000000000002, 0.9999999999999999, -2.5, 3.25, 1e300]


def _table(rows: int = 400, seed: int = 17):
    """A memory layer with int, real and text fields holding NULLs, NaN, near-equal reals,
    negatives, case and accents, a character beyond U+FFFF and numeric text."""
    rng = random.Random(seed)
    layer = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=n:integer&field=big:long&field=x:double&field=t:string"
        "&field=u:string&field=empty:string",
        "table",
        "memory",
    )
    features = []
    for i in range(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"Point ({i} 0)"))

        def maybe(values):
            return None if rng.random() < 0.15 else rng.choice(values)

        feature.setAttributes(
            [
                maybe([v for v in NUMBERS if abs(v) < 2**31]),
                maybe(NUMBERS),
                maybe(REALS),
                maybe(TEXTS),
                maybe(TEXTS),
                None,
            ]
        )
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)
    return layer


def _per_feature(layer, text):
    """QGIS's own values, feature by feature: the oracle."""
    expression = QgsExpression(text)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFields(layer.fields())
    expression.prepare(context)
    out = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        out.append(layers.python_value(expression.evaluate(context)))
        assert not expression.hasEvalError(), expression.evalErrorString()
    return out


# What the model passes and what users write: comparisons of every kind, IS [NOT] NULL, IN,
# AND, OR, NOT, nested, literals on either side, NULL literals, negative numbers.
SUPPORTED = [
    '"n" = 1',
    '"n" = 1.0',
    '1 = "n"',
    '"n" <> 1',
    '"n" < 2',
    '"n" > -1',
    '"n" <= 0',
    '"n" >= 3',
    '"big" = 1099511627776',
    '"big" > 10',
    '"x" = 1',
    '"x" <> 1',
    '"x" > 1',
    '"x" >= 1.0000000000000002',
    '"x" < -2.5',
    '"n" = "x"',
    '"n" < "big"',
    "\"t\" = 'SRO'",
    "\"t\" <> 'SRO'",
    "\"t\" < 'PBO'",
    "\"t\" > 'été'",
    "\"t\" >= '\ufb01'",
    '"t" <= "u"',
    '"t" = "u"',
    '"n" IS NULL',
    '"t" IS NOT NULL',
    'NULL IS "x"',
    '"n" = NULL',
    "\"empty\" = 'x'",
    '"empty" = 1',
    '"empty" IS NULL',
    '"n" IN (1, 2, 3)',
    '"n" NOT IN (1, 2)',
    '"n" IN (1, NULL)',
    '"n" NOT IN (0, NULL)',
    '"x" IN (1, 3.25)',
    '"x" NOT IN (1)',
    "\"t\" IN ('SRO', 'PBO')",
    "\"t\" NOT IN ('SRO', 'été', NULL)",
    '"gt_none" IS NULL'.replace("gt_none", "u"),
    "\"t\" IN ('SRO', 'PBO') AND \"n\" >= 1",
    '"n" = 1 OR "x" > 1',
    'NOT ("n" = 1)',
    'NOT ("t" = \'SRO\' OR "x" IS NULL)',
    '("n" > 0 AND "x" > 0) OR NOT ("t" IN (\'NRO\') AND "big" < 3)',
    '"n" = -1 AND NOT "x" IS NULL',
]

# Only QGIS can tell (text against number, functions, arithmetic, booleans): per feature.
UNSUPPORTED = [
    '"t" = 10',
    "\"n\" = '1'",
    '"n" + 1 = 2',
    "upper(\"t\") = 'SRO'",
    '"n" AND "x" > 1',
    '"n" = TRUE',
    '"n" IS 1',
    "\"t\" IN ('a', 1)",
    "\"t\" LIKE 'S%'",
]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_nan_is_left_to_qgis(value):
    """QGIS fails on a NaN or an infinity in a comparison ("cannot convert"); evaluate()
    then names the feature: the column path leaves it to that."""
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=x:double", "nan", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttributes([value])
    assert layer.dataProvider().addFeatures([feature])
    column = _column(layer)
    assert expressions.column_values(QgsExpression('"x" = 1'), layer.fields(), column) is None
    with pytest.raises(Exception, match="fails on feature"):
        expressions.evaluate(
            '"x" = 1',
            list(layer.getFeatures()),
            layer.fields(),
            "nan",
            QgsExpressionContext(),
            "test",
            column=column,
        )


@pytest.fixture(scope="module")
def table():
    return _table()


def _column(layer):
    names = layer.fields().names()
    rows = [[layers.python_value(v) for v in f.attributes()] for f in layer.getFeatures()]
    columns = {name: np.array([r[i] for r in rows], dtype=object) for i, name in enumerate(names)}
    return columns.__getitem__


@pytest.mark.parametrize("text", SUPPORTED)
def test_columns_give_what_qgis_gives_per_feature(table, text):
    expected = _per_feature(table, text)
    got = expressions.column_values(QgsExpression(text), table.fields(), _column(table))
    assert got is not None, "evaluated per feature: the column path should take it"
    assert got == expected
    assert {type(v) for v in got} <= {int, type(None)}


@pytest.mark.parametrize("text", UNSUPPORTED)
def test_what_only_qgis_can_tell_is_left_to_it(table, text):
    assert expressions.column_values(QgsExpression(text), table.fields(), _column(table)) is None


def test_evaluate_takes_the_column_path_only_with_columns(table):
    """evaluate() with ``column`` gives the per-feature values, and reads no feature for
    an expression the column path takes."""
    features = list(table.getFeatures())
    context = QgsExpressionContext()
    text = "\"t\" IN ('SRO', 'PBO') AND \"n\" >= 1"
    per_feature = expressions.evaluate(text, features, table.fields(), "table", context, "test")

    class NoFeatures:
        def __len__(self):
            return len(features)

        def __iter__(self):
            raise AssertionError("a feature was read")

    by_column = expressions.evaluate(
        text, NoFeatures(), table.fields(), "table", context, "test", column=_column(table)
    )
    assert by_column == per_feature == _per_feature(table, text)
    # not for the column path: read per feature, through the same call
    text = "upper(\"t\") = 'SRO'"
    assert expressions.evaluate(
        text, features, table.fields(), "table", context, "test", column=_column(table)
    ) == _per_feature(table, text)


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("", {"t"}),
        ('"n" = 1 AND "u" IS NOT NULL', {"t", "n", "u"}),
        ("upper(\"u\") = 'SRO'", {"t", "u"}),
        ("$length > 2", None),  # a geometry
        ("aggregate('other', 'sum', \"n\") > 1", None),  # another layer's fields
        ('"missing" = 1', None),  # the read says which field the layer lacks
        ('"n" = ', None),  # not an expression
    ],
)
def test_attribute_request_reads_only_what_is_certain_to_be_needed(text, wanted):
    """Only the field asked for and those the expression reads, without geometry, or no
    request at all (everything is read) when the expression may need more."""
    fields = _table(rows=1).fields()
    request = expressions.attribute_request(fields, ["t"], text)
    if wanted is None:
        assert request is None
        return
    assert request.flags() & request.Flag.NoGeometry
    assert {fields.at(i).name() for i in request.subsetOfAttributes()} == wanted
