"""The catalogue of bad inputs (tests/data/bad_inputs.yaml) through qgis_process, one
``scripts/qgis-process --json run`` per case, with the same assertions as through Processing
(tests/qgis/test_bad_inputs.py): outcome and message words, input files byte-identical, no
output left after an error.

Every case runs, two at a time: each costs a qgis_process start (2-3 s of CPU), so the
whole catalogue takes about 5 minutes on this 2-core machine when nothing else runs.
``FIBRE_BAD_INPUTS_CLI=subset`` runs a representative subset per algorithm instead (about a
minute): the cases whose answer can differ headless, where parameters arrive as strings
(numbers, infinities, expressions with quotes), QGIS makes the context (destinations, the
invalid-geometry setting) and the error travels on stderr: the reference run, a refused number,
the expression with a syntax error, output = input, the unknown extension, the missing folder,
the shapefile text over 254 characters, the self-intersecting polygon.
"""

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bad_inputs  # noqa: E402

PARALLEL = 2
REPRESENTATIVE = {
    "reference",
    "negative_buffer",
    "negative_tolerance",
    "negative_snap",
    "zero_default_speed",
    "infinite_weight",
    "zero_top",
    "expression_syntax",
    "output_is_input",
    "unknown_extension",
    "missing_folder",
    "shapefile_long_text",
    "self_intersecting_hazard",
    "self_intersecting_flood",
    "source_and_connection",
}
CASES = [
    case
    for case in bad_inputs.cases()
    if os.environ.get("FIBRE_BAD_INPUTS_CLI") != "subset"
    or case["id"].split("-", 1)[1] in REPRESENTATIVE
]


def _outcome(done):
    """(error, warnings, results) of a finished qgis_process run."""
    if done.returncode != 0:
        lines = [
            line
            for line in (done.stderr + "\n" + done.stdout).splitlines()
            if line.strip() and "DeprecationWarning: setapi" not in line
        ]
        return "\n".join(lines) or f"exit status {done.returncode}", [], {}
    payload = json.loads(done.stdout[done.stdout.index("{") :])
    warnings = (payload.get("log") or {}).get("warning") or []
    return None, warnings, payload.get("results") or {}


@pytest.fixture(scope="session")
def cli_outcomes(request, qgis_process, tmp_path_factory):
    """Runs the selected cases through qgis_process, two at a time; case id -> outcome."""
    selected = {
        item.callspec.params["case"]["id"]
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_bad_input_cli"
    }
    library = bad_inputs.build_library(tmp_path_factory.mktemp("bad_input_library"))
    root = tmp_path_factory.mktemp("bad_input_cases")
    prepared = {
        case["id"]: bad_inputs.PreparedCase(case, library, root / case["id"])
        for case in CASES
        if case["id"] in selected
    }

    def run(case_id):
        case = prepared[case_id].case
        args = ["--json", "run", f"fibreresilience:{case['algorithm']}", "--"]
        return case_id, _outcome(qgis_process(*args, *prepared[case_id].cli_arguments()))

    with ThreadPoolExecutor(PARALLEL) as pool:
        outcomes = dict(pool.map(run, sorted(prepared)))
    return {case_id: (prepared[case_id], outcomes[case_id]) for case_id in prepared}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_bad_input_cli(case, cli_outcomes):
    prepared, (error, warnings, results) = cli_outcomes[case["id"]]
    bad_inputs.check_case(prepared, error, warnings, results)
