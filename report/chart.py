"""The loss-exceedance chart as SVG: premises cut against the return period, log x axis.

Plain SVG 1.1 (lines, circles, text) that a browser shows inline in the HTML report and that
QGIS's SVG renderer (Qt SVG, SVG Tiny) draws in the PDF: one drawing for both documents.
Each point carries its values (``data-rp``, ``data-value``) so that a test can read them back.
"""

import html
import math
from typing import List, Sequence, Tuple

from .document import format_number

WIDTH, HEIGHT = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 55
LINE, POINT, GRID, INK = "#d7191c", "#800026", "#d9d9d9", "#333333"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _decades(low: float, high: float) -> Tuple[int, int]:
    first = math.floor(math.log10(low))
    last = math.ceil(math.log10(high))
    if last <= first:
        last = first + 1
    return first, last


def _nice_top(value: float) -> Tuple[float, float]:
    """A round top of the y axis and its tick step (5 steps or fewer)."""
    if value <= 0:
        return 1.0, 0.2
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step - 1e-9), step


def loss_exceedance_svg(
    points: Sequence[Tuple[float, float]],
    *,
    x_title: str,
    y_title: str,
    language: str = "en",
    decimals: int = 0,
) -> str:
    """The chart of ``points`` (return period in years, impact), joined in return-period order."""
    points = sorted((float(rp), float(v)) for rp, v in points if rp and rp > 0 and v == v)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" '
        'font-family="sans-serif" font-size="12">',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    if points:
        first, last = _decades(points[0][0], points[-1][0])
        top, step = _nice_top(max(v for _, v in points) * 1.08)  # room for the labels
    else:
        first, last, (top, step) = 0, 3, _nice_top(0)

    pad = 0.08 * (last - first)  # the end points off the frame

    def x_of(rp: float) -> float:
        return LEFT + plot_w * (math.log10(rp) - first + pad) / (last - first + 2 * pad)

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / top)

    # grid and ticks: every decade on x, round steps on y
    for decade in range(first, last + 1):
        x = x_of(10.0**decade)
        parts.append(
            f'<line x1="{x:.2f}" y1="{TOP}" x2="{x:.2f}" y2="{TOP + plot_h}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        label = format_number(10.0**decade, 0 if decade >= 0 else -decade, language)
        parts.append(
            f'<text x="{x:.2f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
            f'fill="{INK}">{_e(label)}</text>'
        )
    ticks = int(round(top / step))
    step_decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    for i in range(ticks + 1):
        value = i * step
        y = y_of(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.2f}" x2="{LEFT + plot_w}" y2="{y:.2f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        label = format_number(value, step_decimals, language)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.2f}" text-anchor="end" fill="{INK}">'
            f"{_e(label)}</text>"
        )
    parts.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if points:
        path = " ".join(f"{x_of(rp):.2f},{y_of(v):.2f}" for rp, v in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        for rp, value in points:
            parts.append(
                f'<circle class="point" cx="{x_of(rp):.2f}" cy="{y_of(value):.2f}" r="4" '
                f'fill="{POINT}" data-rp="{rp!r}" data-value="{value!r}"/>'
            )
            label = format_number(value, decimals, language)
            parts.append(
                f'<text x="{x_of(rp):.2f}" y="{y_of(value) - 8:.2f}" text-anchor="middle" '
                f'fill="{POINT}">{_e(label)}</text>'
            )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.2f}" y="{HEIGHT - 12}" text-anchor="middle" '
        f'fill="{INK}">{_e(x_title)}</text>'
    )
    parts.append(
        f'<text x="16" y="{TOP + plot_h / 2:.2f}" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2:.2f})">{_e(y_title)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
