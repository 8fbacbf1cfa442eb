"""scripts/national_table.py knows how every key figure of the report adds up across networks.

The national table sums each key figure over the networks except the crew delays, which it
recognises by their label in English or French. When the report gains a figure, this test
fails until the script classifies it (a mean or a maximum summed would be a wrong total).
"""

import importlib.util
import xml.etree.ElementTree as ElementTree

from fibre_resilience.report import content


def _script(repo_dir):
    spec = importlib.util.spec_from_file_location(
        "national_table", repo_dir / "scripts" / "national_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _french(repo_dir):
    """{English source: French translation} of the report's context in the .ts file."""
    tree = ElementTree.parse(repo_dir / "i18n" / "fibre_resilience_fr.ts")
    return {
        message.findtext("source"): message.findtext("translation")
        for context in tree.getroot().iter("context")
        if context.findtext("name") == "FibreResilience"
        for message in context.iter("message")
    }


def test_every_key_figure_of_the_report_is_classified(repo_dir, qgis_app):
    national = _script(repo_dir)
    keys = [key for key, _, _ in content._figure_labels()]
    unclassified = set(keys) - national.ADDITIVE_KEYS - set(national.LABELS)
    assert not unclassified, f"classify these key figures in national_table.py: {unclassified}"
    assert set(keys) >= national.ADDITIVE_KEYS  # nothing stale either
    assert {"delay_mean", "delay_worst"}.isdisjoint(national.ADDITIVE_KEYS)


def test_the_labels_it_recognises_are_the_report_s(repo_dir, qgis_app):
    national = _script(repo_dir)
    english = {key: label for key, label, _ in content._figure_labels()}  # no translator here
    french = _french(repo_dir)
    for key, (label, label_fr) in national.LABELS.items():
        assert english[key] == label, key
        assert french[label] == label_fr, key
