"""The one expression evaluator: a QGIS expression over every feature of a layer, its
syntax and evaluation errors naming the parameter, the layer and the first failing feature.

Processing gives an expression parameter with a syntax error as an empty expression
(``parameterAsExpression`` returns ""), which the algorithms took for "not given": a count
expression with a typo counted 1 per premises, a failure expression failed nothing.
:func:`expression_parameter` reads the text as the user typed it and refuses it instead.
"""

from typing import Callable, List, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionNodeBinaryOperator,
    QgsExpressionNodeColumnRef,
    QgsExpressionNodeInOperator,
    QgsExpressionNodeLiteral,
    QgsExpressionNodeUnaryOperator,
    QgsFeature,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
)

from ..i18n import tr
from .errors import raise_cancelled
from .layers import LayerArrays, layer_name, python_value


def parameter_label(alg, key: str) -> str:
    """``KEY ("its description")``: how messages name a parameter."""
    definition = alg.parameterDefinition(key)
    if definition is None:
        return key
    return f'{key} ("{definition.description()}")'


def expression_parameter(alg, parameters, key: str, context) -> str:
    """The expression text of parameter ``key``, "" when it is not given.

    A syntax error is refused with a message naming the parameter and its layer, before
    anything is read or written.
    """
    if parameters.get(key) is None:
        return ""
    text = alg.parameterAsExpression(parameters, key, context)
    if not text:  # Processing gives an invalid expression as "": read it as typed
        text = alg.parameterAsString(parameters, key, context)
    if not text or not text.strip():
        return ""
    expression = QgsExpression(text)
    if expression.hasParserError():
        definition = alg.parameterDefinition(key)
        parent = definition.parentLayerParameterName() if definition is not None else ""
        layer = layer_name(alg, parameters, parent, context) if parent else ""
        raise QgsProcessingException(
            tr('{what}: expression "{expr}" on layer "{layer}" is invalid: {error}').format(
                what=parameter_label(alg, key),
                expr=text,
                layer=layer,
                error=expression.parserErrorString(),
            )
        )
    return text


def referenced_columns(text: str) -> set:
    """The fields an expression reads ("*": all of them); none for no expression."""
    return set(QgsExpression(text).referencedColumns()) if text else set()


def attribute_request(fields: QgsFields, names: Sequence[str], text: str = ""):
    """A request for only the fields ``names`` and those expression ``text`` reads, without
    geometries, when that is certain to give the expression what it needs (it reads no
    geometry, no other layer and no field by a name the layer lacks); else None: read all."""
    expression = QgsExpression(text) if text else None
    if expression is not None and (
        expression.hasParserError() or expression.needsGeometry() or _reads_other_layers(expression)
    ):
        return None
    wanted = set(names) | (set(expression.referencedColumns()) if expression else set())
    indices = [fields.lookupField(name) for name in wanted]
    if min(indices, default=0) < 0:
        return None  # the read says which field is missing, as without a request
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    return request.setSubsetOfAttributes(sorted(indices))


# Functions whose field names may be another layer's (aggregate('communes', 'sum', "pop")).
_OTHER_LAYER_FUNCTIONS = ("aggregate", "relation_aggregate", "get_feature", "overlay_")


def _reads_other_layers(expression: QgsExpression) -> bool:
    if QgsFeatureRequest.ALL_ATTRIBUTES in expression.referencedColumns():
        return True
    return any(
        name.lower().startswith(_OTHER_LAYER_FUNCTIONS) for name in expression.referencedFunctions()
    )


def evaluate(
    text: str,
    features: Sequence[QgsFeature],
    fields: QgsFields,
    name: str,
    expression_context: QgsExpressionContext,
    what: str,
    is_cancelled: Optional[Callable[[], bool]] = None,
    column: Optional[Callable[[str], Sequence]] = None,
) -> List:
    """``text`` on every feature: Python values, None for NULL.

    ``what`` names where the expression comes from (a parameter, a criterion) in the
    messages; ``name`` is the layer's. A plain field is read as a column (through
    ``column`` when given: in bulk), and so are comparisons of fields with values joined by
    AND, OR and NOT (see :func:`column_values`); anything else is evaluated per feature. A
    field the layer lacks is refused (QGIS would give NULL without an error), and so is the
    first feature whose evaluation fails.
    """
    expression = QgsExpression(text)
    if expression.hasParserError():
        raise QgsProcessingException(
            tr('{what}: expression "{expr}" on layer "{layer}" is invalid: {error}').format(
                what=what, expr=text, layer=name, error=expression.parserErrorString()
            )
        )
    known = {field_name.lower() for field_name in fields.names()}
    referenced = set(expression.referencedColumns())
    if _reads_other_layers(expression):  # its columns may be another layer's
        referenced = set()
    unknown = sorted(c for c in referenced if c.lower() not in known)
    if unknown:
        raise QgsProcessingException(
            tr(
                '{what}: expression "{expr}" uses fields that layer "{layer}" lacks: {fields}'
            ).format(what=what, expr=text, layer=name, fields=", ".join(unknown))
        )
    if expression.isField():
        (field_name,) = expression.referencedColumns()
        field_name = fields.at(fields.lookupField(field_name)).name()
        if column is not None:
            return list(column(field_name))
        index = fields.lookupField(field_name)
        return [python_value(f.attribute(index)) for f in features]
    if column is not None:
        values = column_values(expression, fields, column)
        if values is not None:
            return values
    expression_context.setFields(fields)
    expression.prepare(expression_context)
    values = []
    for i, feature in enumerate(features):
        if is_cancelled is not None and i % 1000 == 0 and is_cancelled():
            raise_cancelled()
        expression_context.setFeature(feature)
        value = expression.evaluate(expression_context)
        if expression.hasEvalError():
            raise QgsProcessingException(
                tr(
                    '{what}: expression "{expr}" fails on feature {fid} of layer "{layer}": {error}'
                ).format(
                    what=what,
                    expr=text,
                    fid=feature.id(),
                    layer=name,
                    error=expression.evalErrorString(),
                )
            )
        values.append(python_value(value))
    return values


# ------------------------------------------------------------ expressions on columns
#
# The expressions a model passes between steps ('"hz_failed" = 1', '"gt_role" IN (...)',
# '"x" IS NULL AND "y" >= 2') are evaluated on whole columns with numpy instead of once per
# QgsFeature, with QGIS's rules (qgsexpressionnodeimpl.cpp): NULL on either side of a
# comparison gives NULL, and AND, OR, NOT follow three-valued logic; numbers compare as
# doubles by their difference (=, <> and IN: equal within 4 machine epsilons), texts by
# UTF-16 code units; NaN and infinities make QGIS fail (it then names the feature). Only
# what is certain to give QGIS's result is taken: fields whose values are all numbers or
# all texts, literal numbers and texts of the same family, comparisons, IS [NOT] NULL, IN,
# AND, OR, NOT. Anything else (functions, arithmetic, variables, a text
# compared with a number, which QGIS converts value by value) is evaluated per feature.

_FALSE, _TRUE, _UNKNOWN = 0, 1, 2
_AND = np.array([[0, 0, 0], [0, 1, 2], [0, 2, 2]], dtype=np.int8)
_OR = np.array([[0, 1, 2], [1, 1, 1], [2, 1, 2]], dtype=np.int8)
_NOT = np.array([1, 0, 2], dtype=np.int8)
_NEAR = 4 * np.finfo(float).eps  # qgsDoubleNear's default epsilon
_Op = QgsExpressionNodeBinaryOperator.BinaryOperator


def _near(diff, zero):
    return (diff > -_NEAR) & (diff <= _NEAR)  # qgsDoubleNear(diff, 0): = and <> of numbers


def _far(diff, zero):
    return ~_near(diff, zero)


_COMPARE = {
    int(_Op.boEQ): _near,
    int(_Op.boNE): _far,
    int(_Op.boLT): np.less,
    int(_Op.boGT): np.greater,
    int(_Op.boLE): np.less_equal,
    int(_Op.boGE): np.greater_equal,
}


class _UnsupportedError(Exception):
    """An expression (part) that only QGIS evaluates as QGIS does: per feature."""


class _Values:
    """A node's values on every row: ``kind`` num (float64 ``data``), str (object ``data``),
    null (every row NULL), or tvl (int8 ``data``: 0 false, 1 true, 2 NULL); ``null`` marks
    the NULL rows of num and str."""

    def __init__(self, kind: str, data, null):
        self.kind, self.data, self.null = kind, data, null


def _column_node(values) -> _Values:
    values = np.asarray(values, dtype=object)
    null = values == None  # noqa: E711 (elementwise: NaN is a value, not NULL)
    types = set(map(type, values[~null].tolist()))
    if not types:
        return _Values("null", None, null)
    if types <= {int, float}:
        data = np.zeros(len(values))
        data[~null] = values[~null].astype(float)
        if not np.isfinite(data).all():
            raise _UnsupportedError  # QGIS fails on NaN and infinities: it says where
        return _Values("num", data, null)
    if types <= {str}:
        return _Values("str", values, null)
    raise _UnsupportedError  # bools, dates, bytes, mixed texts and numbers


def _literal(value, count: int) -> _Values:
    null = np.zeros(count, dtype=bool)
    if value is None:
        return _Values("null", None, np.ones(count, dtype=bool))
    if type(value) in (int, float):
        return _Values("num", np.full(count, float(value)), null)
    if type(value) is str:
        return _Values("str", np.full(count, value, dtype=object), null)
    raise _UnsupportedError


def _tvl(true, null) -> _Values:
    out = np.where(true, _TRUE, _FALSE).astype(np.int8)
    out[null] = _UNKNOWN
    return _Values("tvl", out, None)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")  # bytes order = QString::compare's code-unit order


def _compare(op: int, left: _Values, right: _Values, count: int) -> _Values:
    if left.kind == "null" or right.kind == "null":
        return _Values("tvl", np.full(count, _UNKNOWN, dtype=np.int8), None)
    null = left.null | right.null
    if left.kind == right.kind == "num":
        with np.errstate(invalid="ignore"):
            diff = left.data - right.data
            return _tvl(_COMPARE[op](diff, 0.0), null)
    if left.kind == right.kind == "str":
        keep = ~null
        a, b = left.data[keep].tolist(), right.data[keep].tolist()
        if op in (int(_Op.boEQ), int(_Op.boNE)):
            same = np.array([x == y for x, y in zip(a, b)], dtype=bool)
            true = np.zeros(count, dtype=bool)
            true[keep] = same if op == int(_Op.boEQ) else ~same
            return _tvl(true, null)
        else:
            sign = np.array(
                [(x > y) - (x < y) for x, y in zip(map(_utf16, a), map(_utf16, b))], dtype=int
            )
        true = np.zeros(count, dtype=bool)
        true[keep] = _COMPARE[op](sign, 0)
        return _tvl(true, null)
    raise _UnsupportedError  # a text and a number: QGIS decides value by value


def _node(node, fields: QgsFields, column, count: int) -> _Values:
    if isinstance(node, QgsExpressionNodeColumnRef):
        index = fields.lookupField(node.name())
        if index < 0:
            raise _UnsupportedError
        return _column_node(column(fields.at(index).name()))
    if isinstance(node, QgsExpressionNodeLiteral):
        return _literal(node.value(), count)
    if isinstance(node, QgsExpressionNodeUnaryOperator):
        operand = node.operand()
        if node.op() == QgsExpressionNodeUnaryOperator.UnaryOperator.uoNot:
            inner = _node(operand, fields, column, count)
            if inner.kind != "tvl":
                raise _UnsupportedError
            return _Values("tvl", _NOT[inner.data], None)
        value = operand.value() if isinstance(operand, QgsExpressionNodeLiteral) else None
        if type(value) not in (int, float):
            raise _UnsupportedError  # a minus of anything but a number written in the text
        return _literal(-value, count)
    if isinstance(node, QgsExpressionNodeInOperator):
        return _in(node, fields, column, count)
    if isinstance(node, QgsExpressionNodeBinaryOperator):
        op = int(node.op())
        if op in (int(_Op.boAnd), int(_Op.boOr)):
            left = _node(node.opLeft(), fields, column, count)
            right = _node(node.opRight(), fields, column, count)
            if left.kind != "tvl" or right.kind != "tvl":
                raise _UnsupportedError
            table = _AND if op == int(_Op.boAnd) else _OR
            return _Values("tvl", table[left.data, right.data], None)
        if op in (int(_Op.boIs), int(_Op.boIsNot)):
            left = _node(node.opLeft(), fields, column, count)
            right = _node(node.opRight(), fields, column, count)
            if right.kind == "null":
                other = left
            elif left.kind == "null":
                other = right
            else:
                raise _UnsupportedError  # "a" IS 1: QGIS compares near values
            if other.kind == "tvl":
                raise _UnsupportedError
            is_null = other.null
            return _tvl(is_null if op == int(_Op.boIs) else ~is_null, np.zeros(count, bool))
        if op in _COMPARE:
            left = _node(node.opLeft(), fields, column, count)
            right = _node(node.opRight(), fields, column, count)
            return _compare(op, left, right, count)
    raise _UnsupportedError


def _in(node, fields: QgsFields, column, count: int) -> _Values:
    left = _node(node.node(), fields, column, count)
    items = node.list().list()
    if not items:
        raise _UnsupportedError
    if left.kind not in ("num", "str", "null"):
        raise _UnsupportedError
    values = []
    for item in items:
        if not isinstance(item, QgsExpressionNodeLiteral):
            raise _UnsupportedError
        values.append(item.value())
    has_null = any(v is None for v in values)
    given = [v for v in values if v is not None]
    numeric = all(type(v) in (int, float) for v in given)
    text = all(type(v) is str for v in given)
    if left.kind == "null":
        found = np.zeros(count, dtype=bool)
        null = np.ones(count, dtype=bool)
    elif left.kind == "num" and numeric:
        found = np.zeros(count, dtype=bool)
        with np.errstate(invalid="ignore"):
            for v in given:
                diff = left.data - float(v)
                found |= (diff > -_NEAR) & (diff <= _NEAR)
        null = left.null.copy()
    elif left.kind == "str" and text:
        wanted = set(given)
        found = np.array([v in wanted for v in left.data.tolist()], dtype=bool) & ~left.null
        null = left.null.copy()
    else:
        raise _UnsupportedError
    if node.isNotIn():
        out = np.where(found, _FALSE, _TRUE).astype(np.int8)
    else:
        out = np.where(found, _TRUE, _FALSE).astype(np.int8)
    if has_null:
        out[~found] = _UNKNOWN  # not found, and NULL among the items: unknown
    out[null] = _UNKNOWN
    return _Values("tvl", out, None)


def column_values(
    expression: QgsExpression, fields: QgsFields, column: Callable[[str], Sequence]
) -> Optional[List]:
    """``expression`` on whole columns (``column(name)``: a field's values, None for NULL):
    the values QGIS gives per feature (1, 0 or None for a condition), or None when only
    QGIS can tell (see above)."""
    root = expression.rootNode()
    if (
        root is None
        or not isinstance(root, (QgsExpressionNodeBinaryOperator, QgsExpressionNodeInOperator))
        and not (
            isinstance(root, QgsExpressionNodeUnaryOperator)
            and root.op() == QgsExpressionNodeUnaryOperator.UnaryOperator.uoNot
        )
    ):
        return None
    count = -1
    for name in expression.referencedColumns():
        index = fields.lookupField(name)
        if index < 0:
            return None
        count = len(column(fields.at(index).name()))
    if count < 0:
        return None  # no field: a constant, which QGIS evaluates once anyway
    try:
        result = _node(root, fields, column, count)
    except _UnsupportedError:
        return None
    if result.kind != "tvl":
        return None
    return [None if v == _UNKNOWN else v for v in result.data.tolist()]


def expression_values(
    alg,
    parameters,
    context,
    layer: LayerArrays,
    expression_text: str,
    source=None,
    key: Optional[str] = None,
    feedback=None,
) -> List:
    """Evaluate parameter ``key``'s expression on every feature of ``layer``."""
    what = parameter_label(alg, key) if key else tr("Expression")
    expression_context = alg.createExpressionContext(parameters, context, source)
    return evaluate(
        expression_text,
        layer.features,
        layer.fields,
        layer.name,
        expression_context,
        what,
        is_cancelled=feedback.isCanceled if feedback is not None else None,
        column=layer.values,
    )


def count_values(
    alg, parameters, context, layer: LayerArrays, text: str, source, key: str, feedback=None
) -> List:
    """A count parameter's values (premises per feature): as :func:`expression_values`, but
    text that is no number is refused, naming the parameter, the layer and the first feature
    (a text field chosen by mistake would otherwise count as NULL everywhere)."""
    values = expression_values(alg, parameters, context, layer, text, source, key, feedback)
    for i, value in enumerate(values):
        if isinstance(value, str):
            try:
                float(value)
            except ValueError:
                raise QgsProcessingException(
                    tr(
                        '{what} gives text, not a number, on feature {fid} of layer "{layer}": '
                        '"{value}". Choose a numeric field or expression.'
                    ).format(
                        what=parameter_label(alg, key),
                        fid=int(layer.fids[i]),
                        layer=layer.name,
                        value=value[:80],
                    )
                ) from None
    return values


def truthy(values) -> np.ndarray:
    """Expression results as booleans: NULL, 0, '' and 'false' (no, n, f) are false."""
    out = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if isinstance(value, str):
            out[i] = value.strip().lower() not in ("", "0", "false", "f", "no", "n")
        else:
            out[i] = bool(value) if value is not None else False
    return out
