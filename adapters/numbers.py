"""Numeric parameters: Processing checks their minimum and maximum, but a NaN passes both
comparisons (and an infinite value only fails the maximum). A NaN MAX_SNAP snapped
nothing and a NaN BUFFER widened nothing, without a word: refused here, by name."""

import math
from typing import Optional

from qgis.core import QgsProcessingParameterNumber

from ..i18n import tr


def not_a_number(alg, parameters, context) -> Optional[str]:
    """The message refusing the first numeric parameter that is NaN or infinite, else None."""
    for definition in alg.parameterDefinitions():
        key = definition.name()
        if not isinstance(definition, QgsProcessingParameterNumber):
            continue
        if parameters.get(key) is None:
            continue
        value = alg.parameterAsDouble(parameters, key, context)
        if not math.isfinite(value):
            return tr('{key} ("{description}") must be a finite number; it is {value}.').format(
                key=key, description=definition.description(), value=value
            )
    return None
