"""Writing into a layer's edit buffer (the scoring dock's "apply in place").

Nothing is committed: the values go into the edit buffer as one undoable command, and the
user saves or rolls back the edits. Processing outputs never take this way; they go
through :mod:`sinks`.
"""

from typing import Dict, Optional, Sequence

import numpy as np
from qgis.core import QgsVectorDataProvider, QgsVectorLayer

from ..i18n import tr
from .sinks import NewField


def cannot_edit_values(layer: QgsVectorLayer) -> Optional[str]:
    """Why fields cannot be added and values changed in ``layer``, or None when they can."""
    needed = (
        QgsVectorDataProvider.Capability.AddAttributes
        | QgsVectorDataProvider.Capability.ChangeAttributeValues
    )
    if (layer.dataProvider().capabilities() & needed) != needed:
        return tr(
            'The data source of "{}" cannot add fields or change values ({}); use '
            '"New scored layer" instead.'
        ).format(layer.name(), layer.dataProvider().name())
    return None


def write_in_edit_buffer(
    layer: QgsVectorLayer,
    features: Sequence,
    fields: Sequence[NewField],
    columns: Dict[str, np.ndarray],
    command: str,
) -> None:
    """Add ``fields`` (when missing) and set their values, one column each, for
    ``features`` (read from ``layer`` before the write) as one edit command named
    ``command``. The layer must be editable (see :func:`start_editing`)."""
    layer.beginEditCommand(command)
    try:
        for new_field in fields:
            if layer.fields().lookupField(new_field.name) < 0:
                layer.addAttribute(new_field.to_qgs())
        indices = [layer.fields().lookupField(f.name) for f in fields]
        values = [_python_values(columns[f.name]) for f in fields]
        for i, feature in enumerate(features):
            changes = {index: column[i] for index, column in zip(indices, values)}
            # the old values given, so that QGIS need not fetch each feature again
            old = {index: _old_value(feature, index) for index in indices}
            layer.changeAttributeValues(feature.id(), changes, old)
    finally:
        layer.endEditCommand()


def start_editing(layer: QgsVectorLayer) -> Optional[str]:
    """Put ``layer`` in edit mode; why it cannot be, or None."""
    if layer.isEditable() or layer.startEditing():
        return None
    return tr('Layer "{}" cannot be edited.').format(layer.name())


def _old_value(feature, index: int):
    """The value a feature read before the write holds at ``index`` (None for a new field)."""
    return feature.attribute(index) if index < len(feature.attributes()) else None


def _python_values(column) -> list:
    column = np.asarray(column)
    if column.dtype.kind == "f":
        return [None if v != v else float(v) for v in column.tolist()]
    return [None if v is None else v for v in column.tolist()]
