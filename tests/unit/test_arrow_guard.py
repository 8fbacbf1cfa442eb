"""Every Arrow read of the project runs under the guard of ``adapters.compat``.

Before GDAL 3.11.4, GeoPackage's own Arrow reader prefetches batches in a worker thread that
can hand out a batch of another batch's memory (OSGeo/gdal#12934). On the trixie lane (GDAL
3.10.3) that gave a text column 65,536 rows long beside 1,948 geometries, in an output with
sparse feature ids, and failed the fingerprint test of stop 22 (benchmarks/fingerprint.py read
without the guard). ``compat.arrow_read_options()`` switches that reader off where it races;
this checks, on the syntax tree, that every ``GetArrowStream*`` call outside the tests sits in
a ``with`` block that applies it."""

import ast

from .test_qgis4_ready import REPO, project_python_files

ARROW_CALLS = {"GetArrowStream", "GetArrowStreamAsNumPy", "GetArrowStreamAsPyArrow"}


def _unguarded_arrow_calls(tree: ast.AST):
    """Line numbers of Arrow stream calls not inside a ``with`` naming arrow_read_options."""
    found = []

    def visit(node, guarded):
        if isinstance(node, ast.With):
            items = " ".join(ast.unparse(item.context_expr) for item in node.items)
            guarded = guarded or "arrow_read_options" in items
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ARROW_CALLS
            and not guarded
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(tree, False)
    return found


def test_the_check_finds_an_unguarded_read():
    bare = ast.parse("def read(layer):\n    return list(layer.GetArrowStreamAsNumPy([]))\n")
    guarded = ast.parse(
        "def read(layer):\n"
        "    with compat.gdal_options(compat.arrow_read_options()):\n"
        "        yield from layer.GetArrowStreamAsNumPy([])\n"
    )
    assert _unguarded_arrow_calls(bare) == [2]
    assert _unguarded_arrow_calls(guarded) == []


def test_every_arrow_read_is_guarded():
    unguarded = []
    for path in project_python_files():
        if (REPO / "tests") in path.parents:
            continue  # the tests wrap GDAL's layers to break them on purpose
        tree = ast.parse(path.read_text(encoding="utf-8"))
        unguarded += [f"{path.relative_to(REPO)}:{line}" for line in _unguarded_arrow_calls(tree)]
    assert not unguarded, unguarded
