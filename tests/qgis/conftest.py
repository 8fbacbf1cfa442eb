"""QGIS fixtures: Processing initialised once, our provider registered once."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# qgis_helpers.py beside this file: importable by the test modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from qgis_helpers import ensure_provider  # noqa: E402


@pytest.fixture()
def provider(qgis_processing):
    """Our provider, looked up for every test: the plugin tests remove and re-add it."""
    return ensure_provider()


@pytest.fixture()
def run_algorithm(provider):
    """``run_algorithm(alg_id, parameters, feedback=None)`` through processing.run.

    ``alg_id`` is our algorithm's name, any full id, or an algorithm object (a model).
    """
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    def run(alg_id, parameters, feedback=None, context=None):
        context = context or QgsProcessingContext()
        feedback = feedback or QgsProcessingFeedback()
        if isinstance(alg_id, str) and ":" not in alg_id:
            alg_id = f"fibreresilience:{alg_id}"
        return processing.run(alg_id, parameters, feedback=feedback, context=context)

    return run


@pytest.fixture()
def context(qgis_app):
    """A Processing context on the project, its loaded layers freed after the test.

    pytest keeps the last test's arguments until after QGIS has exited: layers freed then
    crash the interpreter (a segmentation fault at exit).
    """
    from qgis.core import QgsProcessingContext, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    yield ctx
    ctx.temporaryLayerStore().removeAllMapLayers()


@pytest.fixture(scope="session", autouse=True)
def no_layer_outlives_qgis(qgis_app):
    """Frees, while QGIS still runs, every layer Python holds when the tests end.

    Python would free them after QgsApplication.exitQgis(), and freeing a file layer then
    crashes the interpreter: a segmentation fault after the last test, every test passed.
    Tests do not hold layers on purpose; QGIS 3.22 does for them: an exception raised in a
    Python processAlgorithm keeps its frame for good, and with it the frames that called
    processing.run (a test and its layers). Our base class clears the frames of the run
    itself (test_score_assets.py::test_a_failed_run_frees_what_it_read); the callers'
    frames are out of its reach.
    """
    yield
    import gc

    from qgis.core import QgsMapLayer
    from qgis.PyQt import sip

    gc.collect()
    for obj in gc.get_objects():
        if isinstance(obj, QgsMapLayer) and not sip.isdeleted(obj) and sip.ispyowned(obj):
            sip.delete(obj)


@pytest.fixture()
def french(tmp_path):
    """QGIS in French with our compiled translation, as the plugin installs it."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from fibre_resilience.i18n import I18N_DIR

    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    qm = tmp_path / "fibre_resilience_fr.qm"
    done = subprocess.run(
        [lrelease, "-silent", str(I18N_DIR / "fibre_resilience_fr.ts"), "-qm", str(qm)],
        check=False,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    translator = QTranslator()
    assert translator.load(str(qm))
    settings = QgsSettings()
    saved = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    QCoreApplication.installTranslator(translator)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "fr_FR")
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        settings.setValue("locale/overrideFlag", saved[0] or False)
        settings.setValue("locale/userLocale", saved[1] or "")
        # Algorithms a test loaded in French (its provider refreshed under the translator)
        # would stay French for every later test: reloaded in English once it is gone.
        from qgis.core import QgsApplication

        ours = QgsApplication.processingRegistry().providerById("fibreresilience")
        if ours is not None:
            ours.refreshAlgorithms()
