"""The one expression evaluator: a QGIS expression over every feature of a layer, its
syntax and evaluation errors naming the parameter and the first failing feature.
"""

from typing import List

from qgis.core import (
    QgsExpression,
    QgsProcessingException,
)

from ..i18n import tr
from .layers import LayerArrays, python_value


def expression_values(
    alg, parameters, context, layer: LayerArrays, expression_text: str, source=None
) -> List:
    """Evaluate an expression on every feature of ``layer``; Python values, None for NULL."""
    expression = QgsExpression(expression_text)
    if expression.hasParserError():
        raise QgsProcessingException(
            tr('Expression "{expr}" on layer "{layer}" is invalid: {error}').format(
                expr=expression_text, layer=layer.name, error=expression.parserErrorString()
            )
        )
    if expression.isField():  # a plain field: its column, read once (in bulk when it can be)
        (name,) = expression.referencedColumns()
        return list(layer.values(name))
    expression_context = alg.createExpressionContext(parameters, context, source)
    expression_context.setFields(layer.fields)
    expression.prepare(expression_context)
    values = []
    for feature in layer.features:
        expression_context.setFeature(feature)
        value = expression.evaluate(expression_context)
        if expression.hasEvalError():
            raise QgsProcessingException(
                tr('Expression "{expr}" fails on feature {fid} of layer "{layer}": {error}').format(
                    expr=expression_text,
                    fid=feature.id(),
                    layer=layer.name,
                    error=expression.evalErrorString(),
                )
            )
        values.append(python_value(value))
    return values
