"""Turn the user guide (``docs/guide.<lang>.md``) into the HTML pages the plugin ships.

``python scripts/guide_html.py`` writes ``help/guide.<lang>.html``; ``--check`` fails when a
page is missing or differs from its Markdown. Each algorithm's *Help* button opens its page at
the section whose anchor is the algorithm id (``processing_provider/help.py``): the pages work
offline, from the installed plugin, in any browser.

Only the Markdown the guide uses is understood: ``#`` headings, paragraphs, ``-`` and ``1.``
lists, ``|`` tables, fenced code, lines of raw HTML (``<a id="…"></a>`` anchors, ``<img>``),
and inline code, bold, italics, links and images. Anything else comes out as text. Images live
in ``help/img/`` (shipped with the plugin, unlike ``docs/``): the guide links them as
``../help/img/…`` and the pages as ``img/…``.
"""

import argparse
import html
import re
import sys
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = ROOT / "help"
LANGUAGES = ("en", "fr")

STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
    "line-height:1.45;color:#222}"
    "code,pre{background:#f3f3f3;border-radius:3px}code{padding:0 .2em}"
    "pre{padding:.6em;overflow-x:auto}"
    "table{border-collapse:collapse;margin:.6em 0}"
    "td,th{border:1px solid #bbb;padding:.25em .5em;vertical-align:top;text-align:left}"
    "th{background:#eee}h2{border-bottom:1px solid #ccc;margin-top:1.6em}"
    "img{max-width:100%;border:1px solid #ccc}"
)

_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|\*(?P<em>[^*\s][^*]*?)\*"
)


def inline(text: str) -> str:
    """Inline Markdown to HTML; everything else is escaped."""
    out, last = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        last = match.end()
        if match.group("code") is not None:
            out.append(f"<code>{html.escape(match.group('code'), quote=False)}</code>")
        elif match.group("src") is not None:
            # docs/ links the shipped images as ../help/img/…; the page sits in help/
            src = match.group("src")
            src = src[len("../help/") :] if src.startswith("../help/") else src
            alt, src = html.escape(match.group("alt")), html.escape(src)
            out.append(f'<img src="{src}" alt="{alt}">')
        elif match.group("href") is not None:
            href = html.escape(match.group("href"))
            out.append(f'<a href="{href}">{inline(match.group("text"))}</a>')
        elif match.group("bold") is not None:
            out.append(f"<strong>{inline(match.group('bold'))}</strong>")
        else:
            out.append(f"<em>{inline(match.group('em'))}</em>")
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _cells(line: str) -> List[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def convert(markdown: str, language: str) -> str:
    """The whole HTML page of one guide."""
    lines = markdown.splitlines()
    body: List[str] = []
    title = ""
    paragraph: List[str] = []
    i = 0

    def flush() -> None:
        if paragraph:
            body.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        heading = re.match(r"^(#{1,4}) (.+)$", stripped)
        if not stripped:
            flush()
        elif stripped.startswith("```"):
            flush()
            code = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i])
                i += 1
            body.append(f"<pre><code>{html.escape(chr(10).join(code), quote=False)}</code></pre>")
        elif heading:
            flush()
            level, text = len(heading.group(1)), heading.group(2)
            title = title or text
            body.append(f"<h{level}>{inline(text)}</h{level}>")
        elif stripped.startswith("<"):
            flush()
            body.append(stripped)
        elif stripped.startswith("|"):
            flush()
            header = _cells(stripped)
            i += 2  # the |---| line
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            body.append("<table>")
            body.append("<tr>" + "".join(f"<th>{inline(c)}</th>" for c in header) + "</tr>")
            for row in rows:
                body.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>")
            body.append("</table>")
            continue
        elif re.match(r"^(- |\d+\. )", stripped):
            flush()
            ordered = not stripped.startswith("- ")
            items: List[str] = []
            while i < len(lines) and lines[i].strip():
                item = lines[i].strip()
                if re.match(r"^(- |\d+\. )", item):
                    items.append(re.sub(r"^(- |\d+\. )", "", item))
                else:  # a continuation line of the item
                    items[-1] += " " + item
                i += 1
            tag = "ol" if ordered else "ul"
            body.append(f"<{tag}>" + "".join(f"<li>{inline(t)}</li>" for t in items) + f"</{tag}>")
            continue
        else:
            paragraph.append(stripped)
        i += 1
    flush()
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{inline(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def pages(root: Path = ROOT):
    """(markdown path, html path, expected html) for each language."""
    for language in LANGUAGES:
        source = root / "docs" / f"guide.{language}.md"
        target = root / "help" / f"guide.{language}.html"
        yield source, target, convert(source.read_text(encoding="utf-8"), language)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a page is out of date")
    args = parser.parse_args(argv)
    stale = []
    for source, target, page in pages():
        if args.check:
            if not target.exists() or target.read_text(encoding="utf-8") != page:
                stale.append(f"{target.relative_to(ROOT)} differs from {source.name}")
        else:
            target.parent.mkdir(exist_ok=True)
            target.write_text(page, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    for line in stale:
        print(line, file=sys.stderr)
    if stale:
        print("run: python scripts/guide_html.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
