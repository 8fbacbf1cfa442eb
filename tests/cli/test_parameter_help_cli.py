"""qgis_process help prints each parameter's help (QGIS 3.22 does, under the parameter's
name, and as "help" in --json help)."""

import json

from fibre_resilience.processing_provider import help as parameter_help


def _expected(alg_name, key):
    text = parameter_help.HELP.get((alg_name, key))
    if text is None and alg_name in parameter_help.GRAPH_ALGORITHMS:
        text = parameter_help.GRAPH_HELP.get(key)
    return text


def test_json_help_gives_every_parameters_help_and_the_guide(qgis_process):
    """Two algorithms (each qgis_process call takes seconds): one with the shared graph
    parameters; tests/qgis/test_parameter_help.py checks every algorithm in QGIS."""
    wrong = []
    for name in ("redundancygaps", "hazardexposure"):
        done = qgis_process("--json", "help", f"fibreresilience:{name}")
        assert done.returncode == 0, f"{name}: {done.stderr}"
        described = json.loads(done.stdout[done.stdout.index("{") :])
        assert described["algorithm_details"]["help_url"].endswith(f"/help/guide.en.html#{name}")
        assert len(described["parameters"]) > 10
        for key, parameter in described["parameters"].items():
            if not parameter.get("help") or parameter["help"] != _expected(name, key):
                wrong.append(f"{name}:{key}")
    assert not wrong, f"qgis_process help lacks or garbles the help of {wrong}"


def test_plain_help_shows_the_text_under_the_parameter(qgis_process):
    done = qgis_process("help", "fibreresilience:accessroutes")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    at = lines.index("MAX_DEPTH: Impassable above depth (m)")
    # the parameter's own lines, up to the next parameter: QGIS 3.22 prints the help first,
    # 3.40 after the default value
    block = []
    for line in lines[at + 1 :]:
        if not line.startswith("\t"):
            break
        block.append(line)
    assert "\t" + parameter_help.HELP[("accessroutes", "MAX_DEPTH")] in block
