"""The catalogue of bad inputs (tests/data/bad_inputs.yaml) through processing.run, one test
per case, all in this one process.

Each case: the expected outcome (an error whose message holds the catalogue's words, a warning
and a checked result, or a checked result), its input files byte-identical afterwards (copies
made for the case, hashed before and after), and after an error nothing left in its output
folder (no output, no temporary file). tests/cli/test_bad_inputs_cli.py runs the same cases
through qgis_process.
"""

import sys
from pathlib import Path

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException
from qgis_helpers import RecordingFeedback

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bad_inputs  # noqa: E402

CASES = bad_inputs.cases()


@pytest.fixture(scope="session")
def library(tmp_path_factory):
    """Every ``make:`` input, written once for the session."""
    return bad_inputs.build_library(tmp_path_factory.mktemp("bad_input_library"))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input(case, library, run_algorithm, tmp_path):
    prepared = bad_inputs.PreparedCase(case, library, tmp_path / "case")
    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    error = None
    results = {}
    try:
        results = run_algorithm(case["algorithm"], dict(prepared.params), feedback, context)
    except QgsProcessingException as exc:
        error = str(exc)
    # Layers Processing opened hold their files: free them before hashing the inputs and
    # listing what the run left behind.
    context.temporaryLayerStore().removeAllMapLayers()
    del context
    results = {k: v for k, v in results.items() if isinstance(v, (int, float, str, type(None)))}
    bad_inputs.check_case(prepared, error, feedback.warnings, results)


def test_the_catalogue_names_only_inputs_that_are_made(library):
    """A misspelt ``make:`` name would fail its case for the wrong reason."""
    for case in CASES:
        for key, value in case["params"].items():
            if isinstance(value, str) and value.startswith("make:"):
                name = value[5:].split("|")[0]
                assert bad_inputs.library_file(library, name).exists(), (case["id"], key)
            if isinstance(value, str) and value.startswith("input:"):
                assert value[6:] in case["params"], (case["id"], key)
