"""The scoring dock with pytest-qgis: criteria built in code, live preview, stability, apply in
place and undo, apply as a new layer, criteria sets in the project and in files, and the
copied scoreassets call reproducing the preview through processing.run."""

import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtWidgets import QApplication

from fibre_resilience.core.criteria import Criterion, parse_criteria

# a rises where b falls: moving the weights reorders the top
ROWS = [("NRO-A", 0.0, 10.0), ("NRO-B", 10.0, 0.0), ("NRO-C", 5.0, 5.0), ("NRO-D", 2.0, NULL)]


def _memory_layer(rows=ROWS):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=code:string&field=a:double&field=b:double", "sites", "memory"
    )
    features = []
    for i, attributes in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT({700000 + 100 * i} 6600000)"))
        feature.setAttributes(list(attributes))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.setDisplayExpression('"code"')
    return layer


@pytest.fixture()
def layer(qgis_new_project):
    layer = _memory_layer()
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.fixture()
def dock(qgis_iface, provider, layer):
    from fibre_resilience.ui.scoring_dock import ScoringDock

    widget = ScoringDock(qgis_iface)
    widget.set_layer(layer)
    yield widget
    widget.unload()


CRITERIA = [Criterion("a", 3.0, label="Flood"), Criterion("b", 1.0, label="Premises")]


def _scores(layer, field="sc_score"):
    return {f.id(): (None if f[field] == NULL else f[field]) for f in layer.getFeatures()}


def test_preview_scores_by_hand_without_writing(dock, layer):
    dock.set_criteria(CRITERIA)
    # a: 0, 1, .5, .2 ; b: 1, 0, .5, NULL -> 0 ; score = 75 a + 25 b
    expected = {1: 25.0, 2: 75.0, 3: 50.0, 4: 15.0}
    assert dict(zip(dock.preview.fids.tolist(), dock.preview.score.tolist())) == pytest.approx(
        expected
    )
    assert dock.top_rows() == [(1, 75.0, 2), (2, 50.0, 3), (3, 25.0, 1), (4, 15.0, 4)]
    assert dock.topTable.item(0, 2).text() == "NRO-B"
    assert "Flood 75.0" in dock.topTable.item(0, 3).text()
    assert sum(dock._histogram.counts) == 4
    assert "sc_score" not in layer.fields().names() and not layer.isEditable()


def test_moving_a_weight_reorders_the_preview(dock):
    dock.set_criteria(CRITERIA)
    assert dock.top_rows()[0][2] == 2
    assert dock.criteriaTable.cellWidget(0, dock.COL_WEIGHT).slider.value() == 30
    # the slider of 'a' down to 0.1: b now leads
    dock.criteriaTable.cellWidget(0, dock.COL_WEIGHT).slider.setValue(1)
    assert dock.criteria()[0].weight == pytest.approx(0.1)
    assert [fid for _, _, fid in dock.top_rows()] == [1, 3, 2, 4]
    assert dock.top_rows()[0][1] == pytest.approx(round(100 / 1.1, 1))


def test_edits_to_the_layer_refresh_the_preview(dock, layer):
    dock.set_criteria(CRITERIA)
    layer.startEditing()
    layer.changeAttributeValue(1, layer.fields().lookupField("a"), 20.0)
    dock.refresh_preview()
    assert dock.top_rows()[0][2] == 1
    layer.rollBack()


def test_clicking_a_row_selects_the_feature(dock, layer):
    dock.set_criteria(CRITERIA)
    dock.show_feature(1)
    assert layer.selectedFeatureIds() == [3]


def test_ready_made_criteria_appear_for_our_fields(qgis_new_project, qgis_iface, provider):
    from fibre_resilience.ui.scoring_dock import ScoringDock

    layer = QgsVectorLayer(
        "Point?crs=EPSG:2154&field=hz_level:integer&field=rd_prem:integer&field=name:string",
        "ours",
        "memory",
    )
    QgsProject.instance().addMapLayer(layer)
    dock = ScoringDock(qgis_iface)
    dock.set_layer(layer)
    dock.add_ready_made()
    assert [c.source for c in dock.criteria()] == ["hz_level", "rd_prem"]
    assert dock.criteria()[0].normalisation == "thresholds"
    dock.unload()


def test_rank_stability_ranges(dock):
    dock.set_criteria(CRITERIA)
    dock.spreadSpin.setValue(0)
    still = dock.run_stability()
    assert still.rank_min.tolist() == still.rank_max.tolist() == [1, 2, 3, 4]
    dock.spreadSpin.setValue(90)
    moved = dock.run_stability()
    assert moved.rank_min.min() == 1 and moved.rank_max.max() == 4
    assert dock.stabilityTable.rowCount() == 4


def test_apply_in_place_then_undo_leaves_the_source_intact(dock, layer):
    dock.set_criteria(CRITERIA)
    before = [f.attributes() for f in layer.getFeatures()]
    assert dock.apply_in_place()
    assert layer.isEditable()
    names = layer.fields().names()
    assert names[:3] == ["code", "a", "b"]
    assert names[3:] == ["sc_score", "sc_rank", "sc_class", "sc_flood", "sc_premise"]
    assert _scores(layer) == pytest.approx({1: 25.0, 2: 75.0, 3: 50.0, 4: 15.0})
    assert _scores(layer, "sc_rank") == {1: 3, 2: 1, 3: 2, 4: 4}
    assert _scores(layer, "sc_class")[2] == "high"
    # nothing reached the data source: only the edit buffer holds the scores
    assert "sc_score" not in layer.dataProvider().fields().names()
    assert layer.renderer().type() == "graduatedSymbol"
    assert layer.labelsEnabled()
    layer.undoStack().undo()
    assert layer.fields().names() == ["code", "a", "b"]
    assert [f.attributes() for f in layer.getFeatures()] == before
    layer.rollBack()
    assert [f.attributes() for f in layer.getFeatures()] == before


def test_applying_twice_then_undo_restores_the_first_scores(dock, layer):
    dock.set_criteria(CRITERIA)
    assert dock.apply_in_place()
    first = _scores(layer)
    dock.criteriaTable.cellWidget(0, dock.COL_WEIGHT).set_weight(0.0)
    assert dock.apply_in_place()
    assert _scores(layer) == pytest.approx({1: 100.0, 2: 0.0, 3: 50.0, 4: 0.0})
    assert layer.fields().names().count("sc_score") == 1
    layer.undoStack().undo()
    assert _scores(layer) == pytest.approx(first)
    layer.rollBack()


def test_apply_in_place_on_a_large_layer_asks_first(dock, layer, monkeypatch):
    from qgis.PyQt.QtWidgets import QMessageBox

    from fibre_resilience.ui import scoring_dock

    monkeypatch.setattr(scoring_dock, "SLOW_UNDO_CHANGES", 10)
    asked = []

    def answer(*args):
        asked.append(args)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dock.set_criteria(CRITERIA)
    assert not dock.apply_in_place()
    assert asked and not layer.isEditable() and "sc_score" not in layer.fields().names()


def test_apply_in_place_is_refused_where_fields_cannot_be_added(
    qgis_new_project, qgis_iface, provider, tmp_path
):
    from fibre_resilience.ui.scoring_dock import ScoringDock

    path = tmp_path / "sites.csv"
    path.write_text("code,a,x,y\nA,1,700000,6600000\nB,2,700100,6600000\n")
    layer = QgsVectorLayer(
        f"file://{path}?delimiter=,&xField=x&yField=y&crs=EPSG:2154", "csv", "delimitedtext"
    )
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    dock = ScoringDock(qgis_iface)
    dock.set_layer(layer)
    dock.set_criteria([Criterion("a")])
    assert dock.preview is not None  # the preview still works on a read-only source
    assert not dock.apply_in_place()
    assert "cannot add fields" in dock.messageLabel.text()
    assert not layer.isEditable()
    dock.unload()


def test_apply_as_new_layer_matches_the_preview(dock, layer):
    dock.set_criteria(CRITERIA)
    scored = dock.apply_as_new_layer()
    assert QgsProject.instance().mapLayer(scored.id()) is scored
    preview = dict(zip(dock.preview.fids.tolist(), dock.preview.score.tolist()))
    codes = {f.id(): f["code"] for f in layer.getFeatures()}
    got = {f["code"]: f["sc_score"] for f in scored.getFeatures()}
    assert got == pytest.approx({codes[fid]: s for fid, s in preview.items()}, abs=1e-3)
    assert "sc_score" not in layer.fields().names()


def test_sets_are_saved_in_the_project_and_reloaded(dock, layer, tmp_path):
    dock.set_criteria(CRITERIA + [Criterion('"a" * 2 + "b"', 0.5, "lower", "rank", (), "exclude")])
    dock.set_method("product")
    dock.classesEdit.setText("quantiles=3")
    dock.save_set("meeting")
    saved = dock.criteria()
    path = str(tmp_path / "scored.qgz")
    assert QgsProject.instance().write(path)
    QgsProject.instance().clear()
    assert dock.setCombo.count() == 0
    assert QgsProject.instance().read(path)
    assert [dock.setCombo.itemText(i) for i in range(dock.setCombo.count())] == ["meeting"]
    dock.set_criteria([])
    dock.set_method("sum")
    assert dock.load_set("meeting")
    assert dock.criteria() == saved
    assert (dock.method(), dock.classes()) == ("product", "quantiles=3")


def test_export_and_import_a_criteria_file(dock, tmp_path):
    dock.set_criteria(CRITERIA)
    dock.set_method("product")
    path = str(tmp_path / "criteria.txt")
    dock.export_file(path)
    with open(path, encoding="utf-8") as handle:
        assert parse_criteria(handle.read()) == CRITERIA
    dock.set_criteria([])
    dock.set_method("sum")
    assert dock.import_file(path)
    assert dock.criteria() == CRITERIA and dock.method() == "product"


@pytest.mark.parametrize("method", ["sum", "product"])
def test_copied_call_reproduces_the_dock_scores(
    qgis_new_project, qgis_iface, provider, tmp_path, method
):
    from qgis import processing

    from fibre_resilience.ui.scoring_dock import ScoringDock

    path = str(tmp_path / "sites.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    source = _memory_layer()
    QgsVectorFileWriter.writeAsVectorFormatV2(
        source, path, QgsProject.instance().transformContext(), options
    )
    layer = QgsVectorLayer(path, "sites", "ogr")
    QgsProject.instance().addMapLayer(layer)
    dock = ScoringDock(qgis_iface)
    dock.set_layer(layer)
    dock.set_criteria(CRITERIA + [Criterion('"a" || "code"', 0.7, label="x | y")])
    # a text expression: not numeric, so the dock reports it
    assert dock.preview is None and "not finite numbers" in dock.messageLabel.text()
    dock.set_criteria(CRITERIA + [Criterion('"a" + 2 * "b"', 0.7, "lower", "rank", label="x | y")])
    dock.set_method(method)
    text = dock.copy_call()
    assert QApplication.clipboard().text() == text
    assert path in text
    result = eval(text, {"processing": processing})  # what a user pastes in the console
    scored = QgsVectorLayer(result["OUTPUT"])  # a temporary GeoPackage
    got = {f["code"]: f["sc_score"] for f in scored.getFeatures()}
    codes = {f.id(): f["code"] for f in layer.getFeatures()}
    preview = {codes[fid]: s for fid, s in zip(dock.preview.fids.tolist(), dock.preview.score)}
    assert got == pytest.approx(preview, abs=1e-3)
    dock.unload()


def test_every_ready_made_criterion_is_labelled_in_the_users_language(monkeypatch):
    from fibre_resilience.adapters import scores
    from fibre_resilience.core.criteria import READY_MADE

    monkeypatch.setattr(scores, "tr", lambda text: f"fr:{text}")
    offered = scores.ready_made([c.source for c in READY_MADE])
    assert [c.source for c in offered] == [c.source for c in READY_MADE]
    assert all(c.label.startswith("fr:") for c in offered), [c.label for c in offered]
    assert [c.label[3:] for c in offered] == [c.label for c in READY_MADE]
