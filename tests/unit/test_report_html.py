"""The HTML page of a report: self-contained, escaped, every section and map in it."""

import re
from html.parser import HTMLParser

from fibre_resilience.report.document import Document, MapView, Section, Table
from fibre_resilience.report.html import render_html

PNG = b"\x89PNG\r\n\x1a\n fake"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href"):
                self.links.append(value)


def document():
    table = Table(
        "Par NRO",
        ["NRO", "Locaux <coupés>"],
        [["ND1 & co", "1\u202f234"], ["ND2", "5"]],
        [False, True],
    )
    maps = [MapView("exposure", "Exposition", [("Aléa fort", "#d7191c")])]
    return Document(
        "Plan de résilience",
        "Fait le 2026-11-28",
        "fr",
        [
            Section("figures", "Chiffres clés", "Première ligne\nseconde ligne", [table]),
            Section("maps", "Cartes", maps=maps + [MapView("access", "Accès")]),
        ],
        footer="Fibre Resilience",
    )


def test_page_is_self_contained_and_escaped():
    page = render_html(document(), {"exposure": PNG})
    parser = _Links()
    parser.feed(page)
    # Only anchors and embedded images: the page opens anywhere, offline, alone.
    assert parser.links and all(x.startswith(("#", "data:image/png;base64,")) for x in parser.links)
    assert "<link" not in page and "<script" not in page
    assert '<html lang="fr">' in page
    assert "ND1 &amp; co" in page and "Locaux &lt;coupés&gt;" in page
    assert '<td class="num">1\u202f234</td>' in page
    assert page.count("<section") == 2 and page.count("<img") == 1  # no image: no map
    assert "background:#d7191c" in page and "Aléa fort" in page
    assert re.search(r'<a href="#maps">Cartes</a>', page)


def test_css_is_inline():
    page = render_html(document(), {})
    assert "<style>" in page and "border-collapse" in page
