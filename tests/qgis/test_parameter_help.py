"""Every parameter of every algorithm has a help text, in English and in French, shown in the
dialog's tooltips; every algorithm's Help button opens its section of the shipped user guide."""

import re
from urllib.parse import unquote, urlparse

from qgis.core import QgsProcessingModelAlgorithm

from fibre_resilience.processing_provider import help as parameter_help


def _algorithms(provider):
    """Our algorithms as the dialog, batch runs and model steps get them: ``create()``."""
    return [
        alg.create()
        for alg in provider.algorithms()
        if not isinstance(alg, QgsProcessingModelAlgorithm)
    ]


def _missing_help(algorithms):
    return [
        (alg.name(), p.name())
        for alg in algorithms
        for p in alg.parameterDefinitions()
        if not p.help().strip()
    ]


def test_every_parameter_has_help(provider):
    algorithms = _algorithms(provider)
    assert len(algorithms) >= 9
    missing = _missing_help(algorithms)
    assert not missing, (
        "parameters without help (add them to processing_provider/help.py, then "
        "python scripts/i18n.py update and translate): "
        + ", ".join(f"{alg}:{key}" for alg, key in missing)
    )


def test_the_registry_instances_have_help_too(provider):
    """qgis_process and the toolbox read the provider's own instances (initialised by
    addAlgorithm, not by create())."""
    registered = [
        a for a in provider.algorithms() if not isinstance(a, QgsProcessingModelAlgorithm)
    ]
    assert _missing_help(registered) == []


def test_the_check_names_what_lacks_help(provider):
    """The check above can fail, and says which (algorithm, key) pairs lack a text."""
    from qgis.core import QgsProcessingParameterNumber

    alg = next(a for a in _algorithms(provider) if a.name() == "hazardexposure")
    alg.addParameter(QgsProcessingParameterNumber("NO_HELP_HERE", "undocumented"))
    assert _missing_help([alg]) == [("hazardexposure", "NO_HELP_HERE")]


def test_help_table_names_only_real_parameters(provider):
    """No text for a parameter that does not exist (a renamed key would keep its old help
    and leave the new one without)."""
    keys = {(a.name(), p.name()) for a in _algorithms(provider) for p in a.parameterDefinitions()}
    stale = sorted(set(parameter_help.HELP) - keys)
    assert not stale, f"help for parameters that do not exist: {stale}"
    graph_keys = {key for alg, key in keys if alg in parameter_help.GRAPH_ALGORITHMS}
    assert set(parameter_help.GRAPH_HELP) <= graph_keys
    for alg_id in parameter_help.GRAPH_ALGORITHMS:
        assert any(alg == alg_id for alg, _ in keys), alg_id


def test_an_algorithms_own_help_is_kept(provider):
    from qgis.core import QgsProcessingParameterNumber

    alg = next(a for a in _algorithms(provider) if a.name() == "hazardexposure")
    mine = QgsProcessingParameterNumber("BUFFER", "again")
    mine.setHelp("said by the algorithm")
    parameter_help.apply_help("hazardexposure", mine)
    assert mine.help() == "said by the algorithm"
    assert alg.parameterDefinition("BUFFER").help().startswith("Metres, default 0")


def test_the_dialog_shows_the_help(provider):
    """The dialog's widgets carry the parameter's tooltip, on its label and its input (QGIS
    3.16+): built here by the same registry the dialog uses."""
    from qgis.core import QgsProcessingContext
    from qgis.gui import QgsGui, QgsProcessingGui

    registry = QgsGui.processingGuiRegistry()
    context = QgsProcessingContext()
    shown = []
    for alg in _algorithms(provider):
        for definition in alg.parameterDefinitions():
            if not definition.help():
                continue  # test_every_parameter_has_help names it
            wrapper = registry.createParameterWidgetWrapper(
                definition, QgsProcessingGui.WidgetType.Standard
            )
            assert wrapper is not None, f"{alg.name()}:{definition.name()}"
            widget = wrapper.createWrappedWidget(context)
            label = wrapper.createWrappedLabel()
            tips = [widget.toolTip()] + ([label.toolTip()] if label is not None else [])
            assert all(definition.help() in tip for tip in tips), (alg.name(), definition.name())
            shown.append(definition.name())
    assert len(shown) > 150


def test_help_is_translated_in_french(provider, french):
    algorithms = _algorithms(provider)  # created after the translator: as QGIS in French does
    english = {
        **{key: text for key, text in parameter_help.HELP.items()},
        **{
            (alg, key): text
            for alg in parameter_help.GRAPH_ALGORITHMS
            for key, text in parameter_help.GRAPH_HELP.items()
        },
    }
    untranslated = [
        f"{alg.name()}:{p.name()}"
        for alg in algorithms
        for p in alg.parameterDefinitions()
        if p.help() == english.get((alg.name(), p.name()))
    ]
    assert not untranslated, f"help still in English: {untranslated}"
    exposure = next(a for a in algorithms if a.name() == "hazardexposure")
    assert exposure.parameterDefinition("FAIL_LEVEL").help().startswith("Niveau 1–4")
    assert "#hazardexposure" in exposure.helpUrl()
    assert urlparse(exposure.helpUrl()).path.endswith("/guide.fr.html")


def _guide_page(url):
    parsed = urlparse(url)
    assert parsed.scheme == "file", url
    path = unquote(parsed.path)
    with open(path, encoding="utf-8") as page:
        return path, page.read(), parsed.fragment


def test_every_help_url_opens_its_section_of_the_shipped_guide(provider):
    for alg in provider.algorithms():  # the model too
        path, page, fragment = _guide_page(alg.helpUrl())
        assert path.endswith("/help/guide.en.html"), alg.id()
        assert fragment == alg.name()
        assert re.search(rf'<a id="{re.escape(fragment)}"></a>\s*<h2>', page), (
            f"no section {fragment!r} in {path}: add it to docs/guide.*.md, then run "
            "python scripts/guide_html.py"
        )
