"""The folders say where things live: algorithms/ holds the algorithm classes and nothing
that others import; adapters/, report/ and ui/ never reach into an algorithm module."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imports(path: Path):
    """The package-relative modules a file imports (``..adapters.sinks`` -> adapters.sinks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.parent.relative_to(REPO).parts
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)])
            module = base + (node.module.split(".") if node.module else [])
            names = [".".join(module + [a.name]) for a in node.names]
            yield from [".".join(module)] + names


def test_each_algorithm_module_holds_one_algorithm_class():
    modules = sorted(p for p in (REPO / "algorithms").glob("*.py") if p.name != "__init__.py")
    assert len(modules) >= 9
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        public = [name for name in classes if not name.startswith("_")]
        assert len(public) == 1 and public[0].endswith("Algorithm"), (path.name, classes)


def test_nothing_but_the_provider_imports_an_algorithm_module():
    for folder in ("adapters", "report", "ui", "core", "processing_provider"):
        for path in (REPO / folder).rglob("*.py"):
            reached = [m for m in _imports(path) if m.startswith("algorithms.")]
            if path.name == "provider.py":
                continue  # it registers them
            assert not reached, f"{path.relative_to(REPO)} imports {reached}"


def test_core_imports_no_other_folder_of_the_plugin():
    for path in (REPO / "core").rglob("*.py"):
        outside = [m for m in _imports(path) if not m.startswith("core")]
        assert not outside, f"{path.relative_to(REPO)} imports {outside}"
