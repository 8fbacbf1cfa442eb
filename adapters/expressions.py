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
    ``column`` when given: in bulk). A field the layer lacks is refused (QGIS would give
    NULL without an error), and so is the first feature whose evaluation fails.
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
