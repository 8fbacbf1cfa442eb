"""A plain clone runs every test: the tests read nothing outside the repository.

The real third-party data the tests use lives in tests/data/real (the ``real_data`` fixture),
each file with its source and licence in the README there.
"""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REAL_DATA = TESTS / "data" / "real"
TEXT_SUFFIXES = {".py", ".md", ".txt", ".json", ".ini", ".cfg", ".toml", ".yaml", ".yml", ".sh"}
# The shared folder beside a clone, by path text or built with pathlib, and absolute /work
# paths. Spelt in pieces so that this file passes its own check.
OUTSIDE = re.compile(
    "|".join([r"\.\./" + "shared", "shared" + "/data", '"' + 'shared"\\s*/', "/" + "work/"])
)


def _test_files():
    return sorted(
        path
        for path in TESTS.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts
    )


def outside_references(files):
    """(file, line number) of every mention of the shared folder or of an absolute /work path."""
    found = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OUTSIDE.search(line):
                found.append((str(path), number))
    return found


def test_no_test_reads_outside_the_repository():
    files = _test_files()
    assert TESTS / "conftest.py" in files  # the scan sees the tests
    assert outside_references(files) == []


def test_the_check_catches_each_kind_of_outside_path(tmp_path):
    """The forms the tests used before their data moved into the repository."""
    shared = "sha" + "red"
    lines = [
        f'DATA = REPO.parent / "{shared}" / "data" / "real"',
        f'REAL = "/wo{""}rk/{shared}/data/real/communes.gpkg"',
        f"# the demo delivery (../{shared}/data/real)",
        'root = "/data/shared"  # not the shared folder beside the clone',
        "x = 1",
    ]
    sample = tmp_path / "test_sample.py"
    sample.write_text("\n".join(lines), encoding="utf-8")
    assert [number for _, number in outside_references([sample])] == [1, 2, 3]


def test_every_real_data_file_has_its_source_in_the_readme():
    readme = (REAL_DATA / "README.md").read_text(encoding="utf-8")
    files = sorted(
        path.name
        for path in REAL_DATA.iterdir()
        if path.name != "README.md" and not path.name.endswith(".aux.xml")
    )
    assert files, "tests/data/real holds no data"
    headings = [line for line in readme.splitlines() if line.startswith("#")]
    for name in files:
        heading = next((line for line in headings if f"`{name}`" in line), None)
        assert heading, f"{name}: no section in tests/data/real/README.md"
        section = readme[readme.index(heading) :]
        assert "**Origin:**" in section and "icen" in section, f"{name}: no origin or licence"
