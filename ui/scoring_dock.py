"""The scoring dock: criteria in a table, a live preview, rank stability, apply and style.

It only collects inputs and shows results: criteria texts, normalisation, weighting, ranks
and stability come from ``core``; field and expression values are read by the same helper
as ``fibreresilience:scoreassets``, and "New scored layer" runs that algorithm, so the dock,
models and qgis_process agree.
"""

import contextlib
import json
import os
from dataclasses import replace
from typing import Dict, List, Optional

import numpy as np
from qgis.core import (
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapLayerProxyModel,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldExpressionWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, QRectF, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSlider,
    QTableWidgetItem,
    QWidget,
)

from ..adapters.edits import cannot_edit_values, start_editing, write_in_edit_buffer
from ..adapters.layers import feature_title
from ..adapters.scores import (
    criteria_columns,
    default_classes,
    ready_made,
    score_columns,
    score_fields,
)
from ..adapters.styles import style_scored_layer
from ..core.criteria import (
    Criterion,
    check_criterion,
    format_criteria,
    format_criteria_file,
    parse_criteria_file,
    parse_saved_sets,
    saved_set,
    saved_set_file,
)
from ..core.errors import InputError
from ..core.scoring import (
    METHODS,
    NormalisedRisks,
    ScorePreview,
    normalise,
    preview_scores,
    rank_stability,
    score_assets,
    score_histogram,
)

FORM_CLASS, _ = uic.loadUiType(os.path.join(os.path.dirname(__file__), "scoring_dock.ui"))

PROJECT_SCOPE = "FibreResilience"
PROJECT_KEY = "scoring_sets"
ALG_ID = "fibreresilience:scoreassets"
PREVIEW_ROWS = 20
SLIDER_STEPS = 10  # slider ticks per weight unit
# above this many values written in place, ask first: QGIS 3.22 undoes an edit command of
# n value changes in a time that grows faster than n (16,000 changes: about 5 s)
SLOW_UNDO_CHANGES = 50_000


def tr(text: str) -> str:
    return QCoreApplication.translate("FibreResilience", text)


Preview = ScorePreview  # the name the tests and the report know


class _Histogram(QWidget):
    """Bars of the score distribution over 0-100."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts = np.zeros(20, dtype=int)
        self.setMinimumHeight(70)

    def set_counts(self, counts) -> None:
        self.counts = np.asarray(counts, dtype=int)
        self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        painter = QPainter(self)
        width, height = self.width(), self.height() - 12
        top = max(int(self.counts.max()), 1) if len(self.counts) else 1
        bar = width / max(len(self.counts), 1)
        for i, count in enumerate(self.counts):
            share = i / max(len(self.counts) - 1, 1)
            painter.setBrush(QColor(255, int(230 * (1 - share)), int(160 * (1 - share))))
            h = height * count / top
            painter.drawRect(QRectF(i * bar + 1, height - h, bar - 2, h))
        painter.drawText(QRectF(0, height, width, 12), Qt.AlignmentFlag.AlignLeft, "0")
        painter.drawText(QRectF(0, height, width, 12), Qt.AlignmentFlag.AlignRight, "100")
        painter.end()


class _WeightEditor(QWidget):
    """A slider and a spin box that show one weight."""

    changed = pyqtSignal()

    def __init__(self, weight: float, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10 * SLIDER_STEPS)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0.0, 1000.0)
        self.spin.setDecimals(2)
        self.spin.setSingleStep(0.1)
        layout.addWidget(self.slider)
        layout.addWidget(self.spin)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.set_weight(weight)
        self._from_spin(self.spin.value())  # sync the slider even if the spin box did not move

    def weight(self) -> float:
        return float(self.spin.value())

    def set_weight(self, weight: float) -> None:
        self.spin.setValue(weight)

    def _from_slider(self, value: int) -> None:
        weight = value / SLIDER_STEPS
        if abs(weight - self.spin.value()) > 1e-9:
            self.spin.setValue(weight)

    def _from_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(min(value, 10.0) * SLIDER_STEPS)))
        self.slider.blockSignals(False)
        self.changed.emit()


class _NormalisationEditor(QWidget):
    """The normalisation, and its thresholds when it is 'thresholds'."""

    changed = pyqtSignal()

    def __init__(self, criterion: Criterion, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        for key, text in (
            ("minmax", tr("Min-max")),
            ("rank", tr("Rank (percentile)")),
            ("log", tr("Logarithmic")),
            ("thresholds", tr("Thresholds")),
        ):
            self.combo.addItem(text, key)
        self.thresholds = QLineEdit()
        self.thresholds.setPlaceholderText("1;2;3")
        self.thresholds.setToolTip(tr("Increasing thresholds separated by ;"))
        layout.addWidget(self.combo)
        layout.addWidget(self.thresholds)
        self.combo.setCurrentIndex(self.combo.findData(criterion.normalisation))
        self.thresholds.setText(";".join(f"{t:g}" for t in criterion.thresholds))
        self._sync()
        self.combo.currentIndexChanged.connect(self._sync)
        self.combo.currentIndexChanged.connect(self.changed)
        self.thresholds.editingFinished.connect(self.changed)

    def _sync(self) -> None:
        self.thresholds.setVisible(self.combo.currentData() == "thresholds")

    def values(self):
        key = self.combo.currentData()
        if key != "thresholds":
            return key, ()
        try:
            values = tuple(float(v) for v in self.thresholds.text().split(";") if v.strip())
        except ValueError:
            raise InputError(
                tr("Thresholds must be numbers separated by ; (got '{}').").format(
                    self.thresholds.text()
                )
            ) from None
        return key, values


def _choice(options, current) -> QComboBox:
    combo = QComboBox()
    for key, text in options:
        combo.addItem(text, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ScoringDock(QDockWidget, FORM_CLASS):
    """Score assets of any vector layer of the project with weights one can discuss."""

    COL_SOURCE, COL_WEIGHT, COL_DIRECTION, COL_NORM, COL_NULLS, COL_LABEL = range(6)

    def __init__(self, interface=None, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.setObjectName("FibreResilienceScoringDock")
        self.iface = interface
        self.preview: Optional[Preview] = None
        self.stability = None
        self._columns: Dict[str, np.ndarray] = {}
        self._features = None
        self._fids = np.zeros(0, dtype=np.int64)
        self._risks_key = None
        self._risks: Optional[NormalisedRisks] = None
        self._loading = False
        self._watched = None
        self._histogram = _Histogram(self.histogramHost)
        self.histogramHost.layout().addWidget(self._histogram)
        self.layerCombo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.methodCombo.addItem(tr("Weighted sum"), "sum")
        self.methodCombo.addItem(tr("Weighted product"), "product")
        self.classesEdit.setText(default_classes())
        for column, width in ((self.COL_SOURCE, 190), (self.COL_WEIGHT, 180)):
            self.criteriaTable.setColumnWidth(column, width)
        self.topTable.verticalHeader().setVisible(False)
        self.stabilityTable.verticalHeader().setVisible(False)
        self.topTable.setColumnCount(4)
        self.topTable.setHorizontalHeaderLabels(
            [tr("Rank"), tr("Score"), tr("Feature"), tr("Largest contributions")]
        )
        self.stabilityTable.setColumnCount(6)
        self.stabilityTable.setHorizontalHeaderLabels(
            [tr("Rank"), tr("Feature"), tr("Best"), tr("Median"), tr("Worst"), tr("Stays in top")]
        )
        self.layerCombo.layerChanged.connect(self._layer_changed)
        self.addButton.clicked.connect(lambda: self.add_criterion())
        self.removeButton.clicked.connect(self.remove_selected)
        self.readyMadeButton.clicked.connect(self.add_ready_made)
        self.methodCombo.currentIndexChanged.connect(self.refresh_preview)
        self.classesEdit.editingFinished.connect(self.refresh_preview)
        self.topTable.cellClicked.connect(self.show_feature)
        self.stabilityButton.clicked.connect(self.run_stability)
        self.applyInPlaceButton.clicked.connect(lambda: self.apply_in_place())
        self.applyNewLayerButton.clicked.connect(self.apply_as_new_layer)
        self.saveSetButton.clicked.connect(self._ask_save_set)
        self.deleteSetButton.clicked.connect(lambda: self.delete_set(self.setCombo.currentText()))
        self.setCombo.activated.connect(lambda: self.load_set(self.setCombo.currentText()))
        self.importButton.clicked.connect(self._ask_import)
        self.exportButton.clicked.connect(self._ask_export)
        self.copyCallButton.clicked.connect(self.copy_call)
        QgsProject.instance().readProject.connect(self.reload_sets)
        QgsProject.instance().cleared.connect(self.reload_sets)
        self.reload_sets()
        self._layer_changed(self.layerCombo.currentLayer())

    def tr(self, text: str) -> str:
        return tr(text)

    # ------------------------------------------------------------ criteria table

    def layer(self) -> Optional[QgsVectorLayer]:
        return self.layerCombo.currentLayer()

    def set_layer(self, layer: QgsVectorLayer) -> None:
        self.layerCombo.setLayer(layer)

    def add_criterion(self, criterion: Optional[Criterion] = None) -> None:
        criterion = criterion or Criterion("", 1.0)
        table = self.criteriaTable
        row = table.rowCount()
        table.insertRow(row)
        source = QgsFieldExpressionWidget()
        source.setLayer(self.layer())
        source.setField(criterion.source)
        source.fieldChanged.connect(self._changed)
        weight = _WeightEditor(criterion.weight)
        weight.changed.connect(self._weights_changed)
        direction = _choice(
            (("higher", tr("Higher is riskier")), ("lower", tr("Lower is riskier"))),
            criterion.direction,
        )
        direction.currentIndexChanged.connect(self._changed)
        norm = _NormalisationEditor(criterion)
        norm.changed.connect(self._changed)
        nulls = _choice(
            (
                ("lowest", tr("NULL = lowest risk")),
                ("highest", tr("NULL = highest risk")),
                ("exclude", tr("NULL = not scored")),
            ),
            criterion.nulls,
        )
        nulls.currentIndexChanged.connect(self._changed)
        label = QLineEdit(criterion.label or "")
        label.setProperty("criterion_name", criterion.name or "")
        label.editingFinished.connect(self._changed)
        for column, widget in (
            (self.COL_SOURCE, source),
            (self.COL_WEIGHT, weight),
            (self.COL_DIRECTION, direction),
            (self.COL_NORM, norm),
            (self.COL_NULLS, nulls),
            (self.COL_LABEL, label),
        ):
            table.setCellWidget(row, column, widget)
        self._changed()

    def set_criteria(self, criteria) -> None:
        self._loading = True
        try:
            self.criteriaTable.setRowCount(0)
            for criterion in criteria:
                self.add_criterion(criterion)
        finally:
            self._loading = False
        self._changed()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.criteriaTable.selectedIndexes()}, reverse=True)
        for row in rows or [self.criteriaTable.rowCount() - 1]:
            if row >= 0:
                self.criteriaTable.removeRow(row)
        self._changed()

    def add_ready_made(self) -> None:
        layer = self.layer()
        if layer is None:
            return
        present = {c.source for c in self.criteria(strict=False)}
        fresh = [c for c in ready_made(layer.fields().names()) if c.source not in present]
        if not fresh:
            self._message(tr("No ready-made criterion fits this layer's fields."))
            return
        self.set_criteria(self.criteria(strict=False) + fresh)

    def criteria(self, strict: bool = True) -> List[Criterion]:
        """The criteria of the table; InputError when a row is incomplete (``strict``)."""
        out = []
        table = self.criteriaTable
        for row in range(table.rowCount()):
            source = table.cellWidget(row, self.COL_SOURCE).currentField()[0].strip()
            if not source:
                if strict:
                    raise InputError(
                        tr("Row {}: choose a field or write an expression.").format(row + 1)
                    )
                continue
            label_edit = table.cellWidget(row, self.COL_LABEL)
            norm, thresholds = table.cellWidget(row, self.COL_NORM).values()
            criterion = Criterion(
                source=source,
                weight=table.cellWidget(row, self.COL_WEIGHT).weight(),
                direction=table.cellWidget(row, self.COL_DIRECTION).currentData(),
                normalisation=norm,
                thresholds=thresholds,
                nulls=table.cellWidget(row, self.COL_NULLS).currentData(),
                label=label_edit.text().strip() or None,
                name=label_edit.property("criterion_name") or None,
            )
            try:
                check_criterion(criterion)
            except InputError as exc:
                if strict:
                    raise InputError(tr("Row {}: {}").format(row + 1, str(exc))) from None
                continue
            out.append(criterion)
        return out

    def criteria_text(self) -> str:
        return format_criteria(self.criteria())

    def method(self) -> str:
        return self.methodCombo.currentData()

    def set_method(self, method: str) -> None:
        self.methodCombo.setCurrentIndex(self.methodCombo.findData(method))

    def classes(self) -> str:
        return self.classesEdit.text().strip() or default_classes()

    # ------------------------------------------------------------ preview

    def _layer_changed(self, layer, refresh: bool = True) -> None:
        self._watch(layer)
        self._invalidate()
        if not refresh:
            return
        table = self.criteriaTable
        for row in range(table.rowCount()):
            table.cellWidget(row, self.COL_SOURCE).setLayer(layer)
        # a hidden dock waits for showEvent (and QGIS may be tearing the project down)
        if self.isVisible():
            self.refresh_preview()

    def _watch(self, layer) -> None:
        """Edits to the layer make the cached values stale: drop them, read again on demand."""
        if self._watched is not None:
            for signal in _edit_signals(self._watched):
                with contextlib.suppress(TypeError, RuntimeError):
                    signal.disconnect(self._invalidate)
        self._watched = layer
        if layer is not None:
            for signal in _edit_signals(layer):
                signal.connect(self._invalidate)

    def _invalidate(self, *args) -> None:
        self._columns, self._features, self._risks_key, self._risks = {}, None, None, None
        self._fids = np.zeros(0, dtype=np.int64)
        self.preview = None

    def _changed(self, *args) -> None:
        if not self._loading:
            self.refresh_preview()

    def _weights_changed(self) -> None:
        if not self._loading:
            self.refresh_preview()

    def _read_columns(self, criteria) -> List[np.ndarray]:
        layer = self.layer()
        if self._features is None:
            self._features = list(layer.getFeatures())
            self._fids = np.array([f.id() for f in self._features], dtype=np.int64)
        missing = [c for c in criteria if c.source not in self._columns]
        if missing:
            context = QgsExpressionContext(
                QgsExpressionContextUtils.globalProjectLayerScopes(layer)
            )
            columns = criteria_columns(
                missing, self._features, layer.fields(), context, layer.name()
            )
            for criterion, column in zip(missing, columns):
                self._columns[criterion.source] = column
        return [self._columns[c.source] for c in criteria]

    def compute_preview(self) -> Preview:
        """Score the layer with the table's criteria; the normalised risks are kept so that
        a weight change only reweights (InputError / QgsProcessingException on bad input)."""
        layer = self.layer()
        if layer is None:
            raise InputError(tr("Choose a vector layer to score."))
        criteria = self.criteria()
        if not criteria:
            raise InputError(tr("Add a criterion: a field or an expression with a weight."))
        key = tuple(replace(c, weight=1.0, label=None, name=None) for c in criteria)
        if key != self._risks_key:
            self._risks = normalise(criteria, self._read_columns(criteria))
            self._risks_key = key
        risks = NormalisedRisks(
            criteria=criteria,
            risk=self._risks.risk,
            excluded=self._risks.excluded,
            warnings=self._risks.warnings,
        )
        return preview_scores(risks, self._fids, self.method())

    def refresh_preview(self, *args) -> Optional[Preview]:
        try:
            self.preview = self.compute_preview()
        except (InputError, QgsProcessingException) as exc:
            self.preview = None
            self._message(str(exc), error=True)
            self._histogram.set_counts(np.zeros(20, dtype=int))
            self.topTable.setRowCount(0)
            return None
        preview = self.preview
        self._histogram.set_counts(score_histogram(preview.score)[0])
        order = preview.top(PREVIEW_ROWS)
        self.topTable.setRowCount(len(order))
        for row, i in enumerate(order):
            cells = [
                str(preview.rank[i]),
                f"{preview.score[i]:.1f}",
                self._feature_title(int(preview.fids[i])),
                ", ".join(f"{title} {value:.1f}" for title, value in preview.leading(i)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, int(preview.fids[i]))
                self.topTable.setItem(row, column, item)
        self._message(" ".join(preview.risks.warnings))
        return preview

    def _feature_title(self, fid: int) -> str:
        return feature_title(self.layer(), fid)

    def top_rows(self) -> List[tuple]:
        """(rank, score, fid) shown in the preview table, for tests and the report."""
        out = []
        for row in range(self.topTable.rowCount()):
            item = self.topTable.item(row, 0)
            out.append(
                (
                    int(item.text()),
                    float(self.topTable.item(row, 1).text()),
                    item.data(Qt.ItemDataRole.UserRole),
                )
            )
        return out

    def show_feature(self, row: int, column: int = 0) -> None:
        """Select the row's feature and zoom to it."""
        item = self.topTable.item(row, 0)
        layer = self.layer()
        if item is None or layer is None:
            return
        layer.selectByIds([item.data(Qt.ItemDataRole.UserRole)])
        if self.iface is not None:
            self.iface.mapCanvas().zoomToSelected(layer)

    def run_stability(self):
        """Perturb the weights and show the range of ranks of the top assets."""
        if self.preview is None and self.refresh_preview() is None:
            return None
        preview = self.preview
        self.stability = rank_stability(
            preview.risks,
            method=self.method(),
            top=PREVIEW_ROWS,
            draws=self.drawsSpin.value(),
            spread=self.spreadSpin.value() / 100.0,
            seed=0,
        )
        s = self.stability
        self.stabilityTable.setRowCount(len(s.index))
        for row, i in enumerate(s.index):
            cells = [
                str(s.base_rank[row]),
                self._feature_title(int(preview.fids[i])),
                str(s.rank_min[row]),
                f"{s.rank_median[row]:g}",
                str(s.rank_max[row]),
                f"{100 * s.in_top_share[row]:.0f} %",
            ]
            for column, text in enumerate(cells):
                self.stabilityTable.setItem(row, column, QTableWidgetItem(text))
        return self.stability

    def _message(self, text: str, error: bool = False) -> None:
        self.messageLabel.setStyleSheet("color: #b00020;" if error else "")
        self.messageLabel.setText(text)

    # ------------------------------------------------------------ apply

    def apply_in_place(self, ask: bool = True) -> bool:
        """Write the sc_* fields through the layer's edit buffer, as one undoable command.

        Nothing is committed: the user saves or rolls back the layer edits. Refused, with
        the reason, when the provider cannot add fields or change values. On a large layer
        the user is asked first (``ask``): QGIS undoes (and rolls back) one value at a time,
        in a time that grows faster than the number of values.
        """
        layer = self.layer()
        if layer is None:
            return False
        reason = cannot_edit_values(layer)
        if reason:
            self._message(reason, error=True)
            return False
        self._invalidate()
        try:
            result = score_assets(
                self._read_columns(self.criteria()), self.criteria(), self.method(), self.classes()
            )
        except (InputError, QgsProcessingException) as exc:
            self._message(str(exc), error=True)
            return False
        features = self._features
        columns = score_columns(result)
        fields = score_fields(result.names)
        if (
            ask
            and len(features) * len(fields) > SLOW_UNDO_CHANGES
            and not self._confirm_slow_undo()
        ):
            return False
        reason = start_editing(layer)
        if reason:
            self._message(reason, error=True)
            return False
        self._watch(None)  # our own writes: one invalidation after them is enough
        try:
            write_in_edit_buffer(layer, features, fields, columns, tr("Asset scores"))
        finally:
            self._watch(layer)
        self._invalidate()
        style_scored_layer(layer, self.topSpin.value(), self.classes())
        self.refresh_preview()
        self._message(
            tr('Scores written to the edit buffer of "{}": undo, or save the layer edits.').format(
                layer.name()
            )
        )
        return True

    def _confirm_slow_undo(self) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Asset scores"),
            tr(
                "Writing the scores into this layer changes many values; undoing or rolling "
                "them back can take minutes in QGIS. A new scored layer is quicker to discard. "
                "Write into the layer anyway?"
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def processing_parameters(self) -> dict:
        """The scoreassets parameters that reproduce the dock's scores."""
        layer = self.layer()
        if layer is None:
            raise InputError(tr("Choose a vector layer to score."))
        # a file path replays anywhere; a memory layer only by its id in this project
        memory = layer.providerType() == "memory"
        return {
            "INPUT": layer.id() if memory else layer.source(),
            "CRITERIA": self.criteria_text(),
            "METHOD": METHODS.index(self.method()),
            "CLASSES": self.classes(),
            "OUTPUT": "TEMPORARY_OUTPUT",
        }

    def call_text(self) -> str:
        parameters = json.dumps(self.processing_parameters(), ensure_ascii=False, indent=1)
        return f'processing.run("{ALG_ID}", {parameters})'

    def copy_call(self) -> str:
        try:
            text = self.call_text()
        except InputError as exc:
            self._message(str(exc), error=True)
            return ""
        QApplication.clipboard().setText(text)
        self._message(tr("The scoreassets call is in the clipboard."))
        return text

    def apply_as_new_layer(self) -> Optional[QgsVectorLayer]:
        """Run scoreassets on the layer and add the scored copy to the project."""
        from qgis import processing

        layer = self.layer()
        if layer is None:
            return None
        try:
            parameters = dict(self.processing_parameters(), INPUT=layer)
            result = processing.run(ALG_ID, parameters)
        except (InputError, QgsProcessingException) as exc:
            self._message(str(exc), error=True)
            return None
        # a temporary GeoPackage: the scored copy of a large layer is not held in memory
        scored = QgsVectorLayer(result["OUTPUT"], tr("{} (scored)").format(layer.name()), "ogr")
        QgsProject.instance().addMapLayer(scored)
        style_scored_layer(scored, self.topSpin.value(), self.classes())
        return scored

    # ------------------------------------------------------------ criteria sets

    def saved_sets(self) -> Dict[str, dict]:
        text, ok = QgsProject.instance().readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
        return parse_saved_sets(text if ok else "")

    def _write_sets(self, sets: dict) -> None:
        QgsProject.instance().writeEntry(PROJECT_SCOPE, PROJECT_KEY, json.dumps(sets))
        self.reload_sets()

    def save_set(self, name: str) -> None:
        sets = self.saved_sets()
        sets[name] = saved_set(self.criteria(), self.method(), self.classes())
        self._write_sets(sets)
        self.setCombo.setCurrentText(name)

    def load_set(self, name: str) -> bool:
        entry = self.saved_sets().get(name)
        if entry is None:
            return False
        return self._load_text(saved_set_file(entry, default_classes()))

    def delete_set(self, name: str) -> None:
        sets = self.saved_sets()
        if sets.pop(name, None) is not None:
            self._write_sets(sets)

    def reload_sets(self, *args) -> None:
        self.setCombo.clear()
        self.setCombo.addItems(sorted(self.saved_sets()))

    def export_file(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(format_criteria_file(self.criteria(), self.method(), self.classes()))

    def import_file(self, path: str) -> bool:
        with open(path, encoding="utf-8") as handle:
            return self._load_text(handle.read())

    def _load_text(self, text: str) -> bool:
        try:
            criteria, method, classes = parse_criteria_file(text, default_classes())
        except InputError as exc:
            self._message(str(exc), error=True)
            return False
        self._loading = True
        self.set_method(method)
        self.classesEdit.setText(classes)
        self._loading = False
        self.set_criteria(criteria)
        return True

    def _ask_save_set(self) -> None:
        name, ok = QInputDialog.getText(self, tr("Save criteria"), tr("Name of the criteria set"))
        if ok and name.strip():
            try:
                self.save_set(name.strip())
            except InputError as exc:
                self._message(str(exc), error=True)

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export criteria"), "", tr("Criteria (*.txt)")
        )
        if path:
            try:
                self.export_file(path)
            except InputError as exc:
                self._message(str(exc), error=True)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Import criteria"), "", tr("Criteria (*.txt);;All files (*)")
        )
        if path:
            self.import_file(path)

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.preview is None:
            self.refresh_preview()

    def unload(self) -> None:
        """Disconnect from the project and the layer, then delete the dock (plugin unload)."""
        for signal in (QgsProject.instance().readProject, QgsProject.instance().cleared):
            with contextlib.suppress(TypeError, RuntimeError):  # already disconnected
                signal.disconnect(self.reload_sets)
        with contextlib.suppress(TypeError, RuntimeError):
            self.layerCombo.layerChanged.disconnect(self._layer_changed)
        self._layer_changed(None, refresh=False)
        self.deleteLater()


def _edit_signals(layer):
    """The signals of a layer whose values or features change (edit buffer included)."""
    return (
        layer.dataChanged,
        layer.attributeValueChanged,
        layer.featureAdded,
        layer.featureDeleted,
        layer.attributeAdded,
        layer.attributeDeleted,
    )
