"""The user guide: the shipped HTML pages are those of the Markdown, both languages have the
same sections, and every algorithm of the plugin has one (its Help button opens it)."""

import importlib.util
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location("guide_html", REPO / "scripts" / "guide_html.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


guide_html = _load_script()


def _anchors(text):
    return re.findall(r'<a id="([a-z_]+)"></a>', text)


def test_shipped_pages_are_up_to_date():
    for source, target, page in guide_html.pages(REPO):
        assert target.exists(), f"{target} missing: run python scripts/guide_html.py"
        assert (
            target.read_text(encoding="utf-8") == page
        ), f"{target.name} differs from {source.name}: run python scripts/guide_html.py"


def test_both_languages_have_the_same_sections():
    en = _anchors((REPO / "docs" / "guide.en.md").read_text(encoding="utf-8"))
    fr = _anchors((REPO / "docs" / "guide.fr.md").read_text(encoding="utf-8"))
    assert en == fr
    assert "study" in en


def test_every_algorithm_has_a_section():
    """algorithms/__init__.py lists the modules; each one's ALG_ID is an anchor."""
    ids = set()
    for path in (REPO / "algorithms").glob("*.py"):
        ids.update(re.findall(r'^    ALG_ID = "([a-z]+)"', path.read_text(encoding="utf-8"), re.M))
    ids.update(path.stem for path in (REPO / "resources" / "models").glob("*.model3"))
    assert len(ids) >= 10
    for language in guide_html.LANGUAGES:
        anchors = set(_anchors((REPO / "docs" / f"guide.{language}.md").read_text("utf-8")))
        assert not ids - anchors, f"guide.{language}.md lacks sections {sorted(ids - anchors)}"


def test_converter_escapes_text_and_keeps_anchors():
    page = guide_html.convert(
        '<a id="x"></a>\n## A <b> & `code <i>` **bold**\n\n| k | v |\n|---|---|\n| `A` | *e* |\n',
        "en",
    )
    assert '<a id="x"></a>\n<h2>A &lt;b&gt; &amp; <code>code &lt;i&gt;</code> ' in page
    assert "<strong>bold</strong>" in page
    assert "<tr><td><code>A</code></td><td><em>e</em></td></tr>" in page
    assert '<html lang="en">' in page
