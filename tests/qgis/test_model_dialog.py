"""The shipped models' dialogs: inputs in the order of the study, each with a description and
help from processing_provider/help.py, and name, group, help and inputs in QGIS's language, in
the registered model and in every copy QGIS makes of it (dialog, batch, processing.run)."""

import pytest
from qgis.core import QgsApplication

from fibre_resilience.processing_provider.help import MODEL_DESCRIPTIONS, MODEL_HELP
from fibre_resilience.processing_provider.provider import ShippedModel

MODELS = ("resilienceplan", "resilienceplan_rp")


def _inputs(model):
    return [p for p in model.parameterDefinitions() if not p.isDestination()]


def _study_order(name):
    return [key for model, key in MODEL_DESCRIPTIONS if model == name]


@pytest.mark.parametrize("name", MODELS)
def test_inputs_come_in_the_order_of_the_study_with_their_help(provider, name):
    registered = QgsApplication.processingRegistry().algorithmById(f"fibreresilience:{name}")
    for model in (registered, registered.create()):
        assert [p.name() for p in _inputs(model)] == _study_order(name)
        for definition in _inputs(model):
            key = (name, definition.name())
            assert definition.description() == MODEL_DESCRIPTIONS[key]
            assert definition.help() == MODEL_HELP[key]


def test_the_plan_starts_with_the_delivery_and_ends_with_the_report_title(provider):
    order = _study_order("resilienceplan")
    assert order[0] == "delivery" and order[-1] == "title"
    # delivery, hazard, failure level, roads and depots, communes and sensitive sites, criteria
    for earlier, later in (("hazard", "fail_level"), ("fail_level", "roads"), ("roads", "depots")):
        assert order.index(earlier) < order.index(later)
    assert order.index("depots") < order.index("communes") < order.index("sensitive_sites")
    assert order.index("sensitive_sites") < order.index("criteria")


def test_a_copy_is_still_a_shipped_model(provider):
    registered = QgsApplication.processingRegistry().algorithmById("fibreresilience:resilienceplan")
    copy = registered.create()
    assert isinstance(copy, ShippedModel)
    assert copy.displayName() == "Resilience plan" == registered.displayName()
    assert copy.group() == "Action plan" and copy.groupId() == "plan"
    assert copy.sourceFilePath() == registered.sourceFilePath()
    assert copy.validate()[0]


def test_models_read_in_french(provider, french):
    provider.refreshAlgorithms()  # QGIS in French loads the provider after the translator
    registry = QgsApplication.processingRegistry()
    plan = registry.algorithmById("fibreresilience:resilienceplan")
    rp = registry.algorithmById("fibreresilience:resilienceplan_rp")
    for model in (plan, plan.create()):
        assert model.displayName() == "Schéma local de résilience"
        assert model.group() == "Plan d'actions"
        assert model.shortHelpString().startswith("Lit un livrable GraceTHD")
        english = {
            p.name(): MODEL_DESCRIPTIONS[("resilienceplan", p.name())] for p in _inputs(model)
        }
        untranslated = [p.name() for p in _inputs(model) if p.description() == english[p.name()]]
        assert untranslated == [], untranslated
        assert model.parameterDefinition("fail_level").description() == (
            "Niveau à partir duquel un ouvrage tombe en panne"
        )
        assert "par défaut" in model.parameterDefinition("fail_level").help()
    assert rp.create().displayName() == "Plan de résilience sur plusieurs périodes de retour"


def test_a_models_choices_read_as_the_step_they_feed(provider, french):
    provider.refreshAlgorithms()
    registry = QgsApplication.processingRegistry()
    exposure = registry.algorithmById("fibreresilience:hazardexposure").create()
    plan = registry.algorithmById("fibreresilience:resilienceplan")
    for model in (plan, plan.create()):
        options = model.parameterDefinition("preset").options()
        assert options == exposure.parameterDefinition("PRESET").options()
        assert "Scénario d'inondation TRI (01For … 04Fai)" in options


def test_after_the_french_tests_the_algorithms_read_in_english(provider):
    # Runs after the two tests above (file order): each refreshed the provider under the
    # French translator; the `french` fixture reloads the algorithms once it is removed, or
    # every later test would see French definitions (a built model with French options).
    plan = QgsApplication.processingRegistry().algorithmById("fibreresilience:resilienceplan")
    assert plan.displayName() == "Resilience plan"
    exposure = QgsApplication.processingRegistry().algorithmById("fibreresilience:hazardexposure")
    assert all(
        "Scénario" not in option for option in exposure.parameterDefinition("PRESET").options()
    )
