"""core/ is the engine: it must import neither qgis nor Qt (nor GDAL), so it runs anywhere."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN = ("qgis", "PyQt4", "PyQt5", "PyQt6", "PySide2", "PySide6", "sip", "osgeo")


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "__import__"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.lineno, str(node.args[0].value)


def test_core_imports_no_qgis_or_qt():
    files = sorted(CORE.rglob("*.py"))
    assert files, "core/ has no Python files"
    offences = [
        f"{path.relative_to(CORE.parent)}:{line} imports {module}"
        for path in files
        for line, module in _imported_modules(path)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert not offences, "\n".join(offences)


def test_the_check_catches_an_offence(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom qgis.core import QgsGeometry\n")
    assert [m for _, m in _imported_modules(bad)] == ["os", "qgis.core"]
