"""The plugin entry points: provider registered once, GUI added and removed, headless-safe."""

import configparser

from qgis.core import QgsApplication

from fibre_resilience import classFactory
from fibre_resilience.processing_provider.provider import MODELS_DIR, PROVIDER_ID


def _our_providers():
    return [p for p in QgsApplication.processingRegistry().providers() if p.id() == PROVIDER_ID]


def test_headless_plugin_registers_provider_once(qgis_processing):
    for provider in _our_providers():
        QgsApplication.processingRegistry().removeProvider(provider)
    plugin = classFactory(None)  # how qgis_process loads plugins: no iface
    plugin.initProcessing()
    plugin.initProcessing()
    plugin.initGui()  # must not touch iface when it is None
    assert len(_our_providers()) == 1
    plugin.unload()
    assert _our_providers() == []


def test_gui_adds_and_removes_its_actions(qgis_iface, qgis_processing):
    for provider in _our_providers():
        QgsApplication.processingRegistry().removeProvider(provider)
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    assert plugin.actions, "no menu/toolbar action was added"
    assert plugin.toolbar is not None
    assert [type(dock).__name__ for dock in plugin.docks] == ["ScoringDock"]
    assert len(_our_providers()) == 1
    plugin.unload()
    assert plugin.actions == [] and plugin.docks == []
    assert _our_providers() == []


def test_provider_lists_every_registered_algorithm(provider):
    from fibre_resilience.algorithms import ALGORITHM_CLASSES

    ids = {alg.name() for alg in provider.algorithms()}
    assert len(ids) == len(ALGORITHM_CLASSES) + len(list(MODELS_DIR.glob("*.model3")))
    for alg in provider.algorithms():
        assert alg.id().startswith(f"{PROVIDER_ID}:")
        assert alg.displayName() and alg.group() and alg.shortHelpString()
        assert alg.createInstance().name() == alg.name()


def test_metadata_is_complete(repo_dir):
    parser = configparser.ConfigParser()
    parser.read(repo_dir / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    for key in (
        "name",
        "description",
        "about",
        "version",
        "author",
        "email",
        "tags",
        "icon",
        "homepage",
        "tracker",
        "repository",
    ):
        assert general.get(key), key
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert (repo_dir / general["icon"]).is_file()
