"""The README's "What happens with bad input" is the one scripts/bad_input_table.py generates
from tests/data/bad_inputs.yaml, and the catalogue has what the runners rely on."""

import importlib.util
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
ALGORITHMS = {
    "gracethdnetwork",
    "hazardexposure",
    "networktopology",
    "redundancygaps",
    "scenarioimpact",
    "accessroutes",
    "scoreassets",
    "resiliencereport",
    "returnperiods",
    "powerresilience",
    "restoration",
    "mitigationplan",
}


def _script():
    spec = importlib.util.spec_from_file_location(
        "bad_input_table", REPO / "scripts" / "bad_input_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalogue():
    with open(REPO / "tests" / "data" / "bad_inputs.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_readme_section_is_the_generated_one():
    table = _script()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = table.section_of(readme)
    assert section, f"README.md has no {table.START} … {table.END} section"
    assert section == table.generated(), (
        "README.md's bad-input section differs from the catalogue: run "
        "python scripts/bad_input_table.py --write README.md"
    )


def test_check_flags_a_stale_section(tmp_path):
    table = _script()
    stale = tmp_path / "README.md"
    stale.write_text(f"# x\n\n{table.START}\nold\n{table.END}\n", encoding="utf-8")
    assert table.main(["--check", str(stale)]) == 1
    assert table.main(["--write", str(stale)]) == 0
    assert table.main(["--check", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8").startswith("# x\n\n")


def test_every_algorithm_has_at_least_15_cases_each_with_its_answer():
    algorithms = _catalogue()["algorithms"]
    assert set(algorithms) == ALGORITHMS
    for alg, spec in algorithms.items():
        cases = spec["cases"]
        assert len(cases) >= 15, f"{alg}: {len(cases)} cases"
        ids = [case["id"] for case in cases]
        assert len(set(ids)) == len(ids), f"{alg}: repeated case ids"
        for case in cases:
            assert case["title"], case["id"]
            assert case["expect"] in ("error", "warn", "ok"), case["id"]
            if case["expect"] == "error":
                assert case["words"], f"{alg}-{case['id']}: an error names something"
            else:
                assert case.get("checks"), f"{alg}-{case['id']}: a result is checked"
            if case["expect"] == "warn":
                assert case["warning"], f"{alg}-{case['id']}: a warning says something"
