"""Keep ``i18n/fibre_resilience_fr.ts`` in step with the code.

``python scripts/i18n.py update`` collects every literal passed to ``tr``/``translate`` in the
user-facing Python modules and every translatable ``<string>`` of ``ui/*.ui``, then merges them
into the .ts: existing translations are kept, new sources are added as unfinished, sources the
code no longer has are dropped. ``python scripts/i18n.py check`` fails on untranslated strings
and on translations whose placeholders differ from their source.

The .ts is written sorted (contexts, then sources) and without line numbers so that a diff only
shows real changes. ``lrelease`` (run by scripts/package.sh) turns it into the .qm.
"""

import argparse
import ast
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
TS_PATH = ROOT / "i18n" / "fibre_resilience_fr.ts"
LANGUAGE = "fr_FR"
CONTEXT = "FibreResilience"
# core/ raises plain messages that the adapters show as they are: it is not translated here
PYTHON_SOURCES = (
    "algorithms",
    "adapters",
    "report",
    "processing_provider",
    "ui",
    "i18n",
    "resources",
)
ROOT_MODULES = ("__init__.py", "plugin.py")
UI_SOURCES = ("ui",)
# the class labels of the styles (adapters/styles.py shows them translated in this context)
STYLE_SOURCES = ("resources/styles",)
STYLE_CONTEXT = "Styles"

# (context, source, disambiguation)
Key = Tuple[str, str, str]

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?\d|%n")


@dataclass
class Extraction:
    """What the code asks to translate, where, and what could not be read."""

    messages: Dict[Key, Set[str]] = field(default_factory=dict)
    errors: List[str] = field(default_factory=list)

    def add(self, key: Key, location: str) -> None:
        self.messages.setdefault(key, set()).add(location)


@dataclass
class Message:
    source: str
    translation: str = ""
    comment: str = ""
    unfinished: bool = True
    locations: List[str] = field(default_factory=list)


# ------------------------------------------------------------------ extraction


def python_files(root: Path = ROOT) -> List[Path]:
    files = [root / name for name in ROOT_MODULES if (root / name).exists()]
    for folder in PYTHON_SOURCES:
        files.extend(sorted((root / folder).rglob("*.py")))
    return files


def ui_files(root: Path = ROOT) -> List[Path]:
    return [path for folder in UI_SOURCES for path in sorted((root / folder).rglob("*.ui"))]


def _call_name(node: ast.Call) -> Optional[str]:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _literal(node: ast.expr) -> Optional[str]:
    # adjacent literals are already one Constant once parsed
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def module_constants(tree: ast.Module) -> Dict[str, ast.expr]:
    """Module-level ``NAME = <expression>`` assignments (the last one wins)."""
    constants: Dict[str, ast.expr] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                constants[target.id] = node.value
    return constants


def module_aliases(tree: ast.Module, package: str) -> Dict[str, str]:
    """``from ..adapters import network as nio`` in ``algorithms/`` ->
    {"nio": "adapters/network.py"} (relative imports of modules, any level)."""
    aliases: Dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            parts = package.split("/") if package else []
            parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
            if node.module:
                parts = parts + node.module.split(".")
            for alias in node.names:
                path = "/".join([*parts, f"{alias.name}.py"])
                aliases[alias.asname or alias.name] = path
    return aliases


class _Resolver:
    """Folds the strings a tr() argument can be at run time, from module-level constants.

    ``tr(GROUPS[key])`` over a dict of literals yields every value; ``tr("a" + nio.HELP)``
    yields the concatenation. Anything else is not resolvable (None).
    """

    def __init__(self, root: Path):
        self.root = root
        self.trees: Dict[str, ast.Module] = {}

    def tree(self, relpath: str) -> Optional[ast.Module]:
        if relpath not in self.trees:
            path = self.root / relpath
            if not path.exists():
                return None
            self.trees[relpath] = ast.parse(path.read_text(encoding="utf-8"), filename=relpath)
        return self.trees[relpath]

    def strings(self, node: ast.expr, relpath: str, depth: int = 0) -> Optional[List[str]]:
        if depth > 10:
            return None
        text = _literal(node)
        if text is not None:
            return [text]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.strings(node.left, relpath, depth + 1)
            right = self.strings(node.right, relpath, depth + 1)
            if left is None or right is None or len(left) * len(right) > 1:
                return None
            return [left[0] + right[0]]
        if isinstance(node, ast.Dict):
            values = [self.strings(v, relpath, depth + 1) for v in node.values]
            if not values or any(v is None or len(v) != 1 for v in values):
                return None
            return [v[0] for v in values]
        if isinstance(node, ast.Subscript):
            return self._dict_values(node.value, relpath, depth)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
        ):
            # DEFECT_LABELS.get(kind, kind): the values; the fallback shows the key as it is
            return self._dict_values(node.func.value, relpath, depth)
        target = self._constant(node, relpath)
        if target is None:
            return None
        value, where = target
        found = self.strings(value, where, depth + 1)
        return found if found is not None and len(found) == 1 else None

    def _dict_values(self, node: ast.expr, relpath: str, depth: int) -> Optional[List[str]]:
        target = self._constant(node, relpath)
        if target is None or not isinstance(target[0], ast.Dict):
            return None
        return self.strings(target[0], target[1], depth + 1)

    def _constant(self, node: ast.expr, relpath: str) -> Optional[Tuple[ast.expr, str]]:
        tree = self.tree(relpath)
        if tree is None:
            return None
        if isinstance(node, ast.Name):
            value = module_constants(tree).get(node.id)
            return (value, relpath) if value is not None else None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            package = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
            other = module_aliases(tree, package).get(node.value.id)
            other_tree = self.tree(other) if other else None
            if other_tree is None:
                return None
            value = module_constants(other_tree).get(node.attr)
            return (value, other) if value is not None else None
        return None


class _Collector(ast.NodeVisitor):
    """Finds tr(text) / translate(context, text[, disambiguation]) calls in one module."""

    def __init__(self, relpath: str, out: Extraction, resolver: "_Resolver"):
        self.relpath = relpath
        self.out = out
        self.resolver = resolver
        self.wrapper_params: List[Set[str]] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        # the tr() wrappers forward their parameter: that call is the machinery, not a string
        params = {a.arg for a in node.args.args} if node.name == "tr" else set()
        self.wrapper_params.append(params)
        self.generic_visit(node)
        self.wrapper_params.pop()

    def _forwarded(self, node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Name)
            and bool(self.wrapper_params)
            and node.id in self.wrapper_params[-1]
        )

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        # Strings passed to a renamed tr are invisible here: they would stay untranslated.
        for alias in node.names:
            if alias.name in ("tr", "translate") and alias.asname not in (None, alias.name):
                self.out.errors.append(
                    f"{self.relpath}:{node.lineno}: {alias.name} imported as {alias.asname}: "
                    f"call it {alias.name}(...) so that its strings are collected"
                )
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        where = f"{self.relpath}:{node.lineno}"
        if name in ("tr", "QT_TR_NOOP") and node.args:
            self._take(CONTEXT, node.args[0], node.args[1:2], where)
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            context = _literal(node.args[0])
            if context is None:
                if not self._forwarded(node.args[1]):
                    self.out.errors.append(f"{where}: translate() context is not a literal")
            else:
                self._take(context, node.args[1], node.args[2:3], where)
        self.generic_visit(node)

    def _take(self, context: str, arg: ast.expr, extra: List[ast.expr], where: str) -> None:
        if self._forwarded(arg):
            return
        texts = self.resolver.strings(arg, self.relpath)
        if texts is None:
            self.out.errors.append(
                f"{where}: the text to translate is not a string literal "
                f"({ast.unparse(arg)[:60]})"
            )
            return
        comment = ""
        if extra:
            comment = _literal(extra[0]) or ""
            if not comment and not (isinstance(extra[0], ast.Constant) and extra[0].value is None):
                self.out.errors.append(f"{where}: the disambiguation is not a string literal")
        for text in texts:
            if text:
                self.out.add((context, text, comment), where.split(":")[0])


def extract_python(path: Path, root: Path, out: Extraction, resolver: "_Resolver") -> None:
    relpath = path.relative_to(root).as_posix()
    tree = resolver.tree(relpath)
    if tree is not None:
        _Collector(relpath, out, resolver).visit(tree)


def extract_ui(path: Path, root: Path, out: Extraction) -> None:
    """Designer strings: uic translates them in the context named by the form's <class>."""
    relpath = path.relative_to(root).as_posix()
    tree = ET.parse(path)
    context = (tree.getroot().findtext("class") or "").strip()
    if not context:
        out.errors.append(f"{relpath}: no <class> element, cannot tell the context")
        return
    for element in tree.iter("string"):
        if element.get("notr") == "true" or not element.text:
            continue
        out.add((context, element.text, element.get("comment", "")), relpath)


def extract_qml(path: Path, root: Path, out: Extraction) -> None:
    """The labels of a style's categories and ranges."""
    relpath = path.relative_to(root).as_posix()
    for element in ET.parse(path).iter():
        if element.tag in ("category", "range") and element.get("label"):
            out.add((STYLE_CONTEXT, element.get("label"), ""), relpath)


def extract(root: Path = ROOT) -> Extraction:
    out = Extraction()
    resolver = _Resolver(root)
    for path in python_files(root):
        extract_python(path, root, out, resolver)
    for path in ui_files(root):
        extract_ui(path, root, out)
    for folder in STYLE_SOURCES:
        for path in sorted((root / folder).glob("*.qml")):
            extract_qml(path, root, out)
    return out


# ------------------------------------------------------------------ .ts file


def read_ts(path: Path = TS_PATH) -> Dict[str, Dict[Tuple[str, str], Message]]:
    """{context: {(source, comment): Message}} from a Linguist .ts file."""
    contexts: Dict[str, Dict[Tuple[str, str], Message]] = {}
    if not path.exists():
        return contexts
    for ctx in ET.parse(path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        messages = contexts.setdefault(name, {})
        for msg in ctx.iter("message"):
            translation = msg.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            message = Message(
                source=msg.findtext("source") or "",
                translation=(translation.text or "") if translation is not None else "",
                comment=msg.findtext("comment") or "",
                unfinished=kind == "unfinished",
                locations=[loc.get("filename", "") for loc in msg.iter("location")],
            )
            messages[(message.source, message.comment)] = message
    return contexts


def _escape(text: str) -> str:
    # quotes stay as they are in element text: French is full of apostrophes
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def render_ts(contexts: Dict[str, Dict[Tuple[str, str], Message]]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{LANGUAGE}">',
    ]
    for name in sorted(contexts):
        lines += ["<context>", f"    <name>{_escape(name)}</name>"]
        for key in sorted(contexts[name]):
            msg = contexts[name][key]
            lines.append("    <message>")
            for filename in sorted(set(msg.locations)):
                lines.append(f'        <location filename="../{_attribute(filename)}"/>')
            lines.append(f"        <source>{_escape(msg.source)}</source>")
            if msg.comment:
                lines.append(f"        <comment>{_escape(msg.comment)}</comment>")
            kind = ' type="unfinished"' if msg.unfinished else ""
            lines.append(f"        <translation{kind}>{_escape(msg.translation)}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def merge(
    extraction: Extraction, existing: Dict[str, Dict[Tuple[str, str], Message]]
) -> Dict[str, Dict[Tuple[str, str], Message]]:
    """The code's messages, with the translations the .ts already has."""
    merged: Dict[str, Dict[Tuple[str, str], Message]] = {}
    for (context, source, comment), locations in extraction.messages.items():
        old = existing.get(context, {}).get((source, comment))
        message = Message(source=source, comment=comment, locations=sorted(locations))
        if old is not None:
            message.translation, message.unfinished = old.translation, old.unfinished
        merged.setdefault(context, {})[(source, comment)] = message
    return merged


def normalise_locations(contexts: Dict[str, Dict[Tuple[str, str], Message]]) -> None:
    for messages in contexts.values():
        for msg in messages.values():
            msg.locations = [loc[3:] if loc.startswith("../") else loc for loc in msg.locations]


# ------------------------------------------------------------------ checks


def placeholders(text: str) -> Counter:
    """``{name}``/``{}`` format fields and Qt's ``%1``/``%n`` (escaped braces are not fields)."""
    return Counter(PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def problems(
    extraction: Extraction, contexts: Dict[str, Dict[Tuple[str, str], Message]]
) -> List[str]:
    """Everything that keeps the .ts from being complete and correct, one line each."""
    found = list(extraction.errors)
    for context, source, comment in sorted(extraction.messages):
        if (source, comment) not in contexts.get(context, {}):
            found.append(f"[{context}] missing from the .ts: {source[:70]!r}")
    for context in sorted(contexts):
        for key in sorted(contexts[context]):
            msg = contexts[context][key]
            label = f"[{context}] {msg.source[:70]!r}"
            if msg.unfinished or not msg.translation.strip():
                found.append(f"{label}: untranslated")
            elif placeholders(msg.source) != placeholders(msg.translation):
                found.append(
                    f"{label}: placeholders {sorted(placeholders(msg.source).elements())} "
                    f"became {sorted(placeholders(msg.translation).elements())}"
                )
            if (context, msg.source, msg.comment) not in extraction.messages:
                found.append(f"{label}: no longer in the code")
    return found


def _load(path: Path) -> Dict[str, Dict[Tuple[str, str], Message]]:
    contexts = read_ts(path)
    normalise_locations(contexts)
    return contexts


def update(root: Path = ROOT, ts_path: Path = TS_PATH) -> Tuple[Extraction, Dict]:
    extraction = extract(root)
    merged = merge(extraction, _load(ts_path))
    ts_path.write_text(render_ts(merged), encoding="utf-8")
    return extraction, merged


def _count(contexts: Dict) -> Iterable[int]:
    messages = [m for ctx in contexts.values() for m in ctx.values()]
    return len(messages), sum(1 for m in messages if m.unfinished or not m.translation.strip())


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("update", "check"))
    parser.add_argument("--ts", type=Path, default=TS_PATH)
    args = parser.parse_args(argv)
    if args.command == "update":
        extraction, merged = update(ROOT, args.ts)
        total, todo = _count(merged)
        print(f"{args.ts.relative_to(ROOT)}: {total} messages, {todo} to translate")
        for error in extraction.errors:
            print(f"error: {error}", file=sys.stderr)
        return 1 if extraction.errors else 0
    found = problems(extract(ROOT), _load(args.ts))
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} problems: translate them in {args.ts.name}", file=sys.stderr)
        print("(after a code change, run: python scripts/i18n.py update)", file=sys.stderr)
        return 1
    print(f"{args.ts.name}: complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
