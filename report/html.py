"""The report as one self-contained HTML page: styles inline, maps embedded as PNG data."""

import base64
import html
from pathlib import Path
from string import Template
from typing import Dict, List

from .document import Chart, Document, MapView, Section, Table

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "resources" / "report"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _table(table: Table) -> str:
    numeric = list(table.numeric) + [False] * (len(table.headers) - len(table.numeric))

    def cells(tag, row):
        return "".join(
            f'<{tag} class="num">{_e(c)}</{tag}>' if numeric[i] else f"<{tag}>{_e(c)}</{tag}>"
            for i, c in enumerate(row)
        )

    body = "\n".join(f"<tr>{cells('td', row)}</tr>" for row in table.rows)
    return (
        f"<table>\n<caption>{_e(table.sheet)}</caption>\n"
        f"<thead><tr>{cells('th', table.headers)}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    )


def _map(view: MapView, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    legend = "".join(
        f'<li><span style="background:{_e(colour)}"></span>{_e(label)}</li>'
        for label, colour in view.legend
    )
    return (
        f'<figure id="map-{_e(view.key)}">'
        f'<img alt="{_e(view.title)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{_e(view.title)}</figcaption>"
        f'<ul class="legend">{legend}</ul></figure>'
    )


def _chart(chart: Chart) -> str:
    # the SVG is ours (report.chart escapes every text in it): inline, as it is
    return (
        f'<figure id="chart-{_e(chart.key)}" class="chart">{chart.svg}'
        f"<figcaption>{_e(chart.title)}</figcaption></figure>"
    )


def _section(section: Section, images: Dict[str, bytes]) -> str:
    parts: List[str] = [f'<section id="{_e(section.key)}">', f"<h2>{_e(section.title)}</h2>"]
    if section.text:
        parts.append(f'<p class="text">{_e(section.text)}</p>')
    parts.extend(_chart(chart) for chart in section.charts)
    parts.extend(_table(table) for table in section.tables)
    parts.extend(_map(view, images[view.key]) for view in section.maps if view.key in images)
    parts.append("</section>")
    return "\n".join(parts)


def render_html(document: Document, images: Dict[str, bytes]) -> str:
    """The page of ``document``; ``images`` holds the PNG of each map by its key."""
    template = Template((TEMPLATE_DIR / "report.html").read_text(encoding="utf-8"))
    toc = "\n".join(f'<li><a href="#{_e(s.key)}">{_e(s.title)}</a></li>' for s in document.sections)
    return template.substitute(
        lang=_e(document.language),
        title=_e(document.title),
        subtitle=_e(document.subtitle),
        css=(TEMPLATE_DIR / "report.css").read_text(encoding="utf-8"),
        toc=toc,
        body="\n".join(_section(s, images) for s in document.sections),
        footer=_e(document.footer),
    )
