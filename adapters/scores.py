"""Scores of a layer, shared by ``fibreresilience:scoreassets`` and the scoring dock: each
criterion's values read from the features (a field, or an expression), the default classes
in the user's language, and the sc_* fields and columns written back."""

import re
from dataclasses import replace
from typing import List, Sequence

import numpy as np
from qgis.core import QgsExpressionContext, QgsFeature, QgsFields, QgsProcessingException

from ..core.criteria import Criterion, classes_text, ready_made_criteria
from ..core.errors import InputError
from ..core.scoring import as_numeric
from ..i18n import tr
from . import expressions, layers, sinks

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def default_classes() -> str:
    """The default CLASSES with its labels in the user's language: sc_class is read by
    people, in the layer, the dock and the report."""
    labels = (tr("very low"), tr("low"), tr("medium"), tr("high"), tr("very high"))
    return classes_text(labels)


def ready_made(field_names: Sequence[str]) -> List[Criterion]:
    """The ready-made criteria that fit ``field_names``, labelled in the user's language."""
    labels = {
        "hz_level": tr("Hazard"),
        "rp_aep": tr("Failure frequency"),
        "rd_prem": tr("Premises cut"),
        "rd_divers": tr("Diversity"),
        "ac_delay": tr("Access delay"),
        "gt_prio": tr("Priority"),
        "gt_aer_m": tr("Aerial length"),
    }
    return [
        replace(c, label=labels.get(c.source, c.label)) for c in ready_made_criteria(field_names)
    ]


def criteria_fields(criteria: Sequence[Criterion], fields: QgsFields) -> List[str]:
    """The names of the fields the criteria read (named, or in their expressions): read
    with the geometries in one pass (see ``layers.read_layer``'s ``now``) rather than one
    pass a field."""
    names = set()
    for criterion in criteria:
        source = criterion.source.strip()
        referenced = [source] if fields.lookupField(source) >= 0 else []
        for name in referenced or expressions.referenced_columns(source):
            index = fields.lookupField(name)
            if index >= 0:
                names.add(fields.at(index).name())
    return sorted(names)


def criteria_columns(
    criteria: Sequence[Criterion],
    features: Sequence[QgsFeature],
    fields: QgsFields,
    expression_context: QgsExpressionContext,
    layer_name: str,
    is_cancelled=None,
    column=None,
) -> List[np.ndarray]:
    """Each criterion's values on ``features`` (NaN for NULL), shared with the scoring dock.

    A source that names a field reads it; any other text is a QGIS expression (see
    :func:`expressions.evaluate`). ``column(name)``, when given, gives a field's values in
    bulk (``LayerArrays.values``): the features are then not read for what columns answer.
    Raises QgsProcessingException naming the layer, field or feature.
    """
    columns = []
    for criterion in criteria:
        source = criterion.source.strip()
        index = fields.lookupField(source)
        if index >= 0 and column is not None:
            values = column(fields.at(index).name())
        elif index >= 0:
            values = [layers.python_value(f.attribute(index)) for f in features]
        elif _IDENTIFIER.match(source):
            raise QgsProcessingException(
                tr('Layer "{layer}" has no field "{field}" (criterion "{title}").').format(
                    layer=layer_name, field=source, title=criterion.title
                )
            )
        else:
            what = tr('Criterion "{title}" of CRITERIA').format(title=criterion.title)
            values = expressions.evaluate(
                source,
                features,
                fields,
                layer_name,
                expression_context,
                what,
                is_cancelled,
                column=column,
            )
        try:
            columns.append(as_numeric(values, criterion.title))
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None
    return columns


def score_fields(names: Sequence[str]) -> List[sinks.NewField]:
    """The sc_* output fields: score, rank, class, then one contribution per criterion."""
    return [
        sinks.real_field("sc_score", 3),
        sinks.int_field("sc_rank"),
        sinks.text_field("sc_class", 40),
    ] + [sinks.real_field(name, 3) for name in names]


def score_columns(result) -> dict:
    """Output values by field name (rank 0, for unscored features, becomes NULL)."""
    rank = np.array([int(r) if r > 0 else None for r in result.rank], dtype=object)
    columns = {"sc_score": result.score, "sc_rank": rank, "sc_class": result.classes}
    for j, name in enumerate(result.names):
        columns[name] = result.contributions[:, j]
    return columns
