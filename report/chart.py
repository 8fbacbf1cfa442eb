"""The report's charts as SVG: the loss-exceedance curve (premises cut against the return
period, log x axis), the restoration curve and the cost-benefit curve of the action plan.

Plain SVG 1.1 (lines, circles, text) that a browser shows inline in the HTML report and that
QGIS's SVG renderer (Qt SVG, SVG Tiny) draws in the PDF: one drawing for both documents.
Each point carries its values (``data-rp``, ``data-value``) so that a test can read them back.
"""

import html
import math
from typing import List, Optional, Sequence, Tuple

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


# -- charts on linear axes: the restoration curve and the cost-benefit curve ---------------

POWER, DAMAGE, TOTAL, BUDGET = "#fdae61", "#d7191c", "#333333", "#2b83ba"


def _frame(parts: List[str], x_top, x_step, y_top, y_step, x_of, y_of, language) -> None:
    """Grid, tick labels and the plot's frame of a chart with two linear axes from 0."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    for top, step, vertical in ((x_top, x_step, True), (y_top, y_step, False)):
        decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        for i in range(int(round(top / step)) + 1):
            value = i * step
            label = _e(format_number(value, decimals, language))
            if vertical:
                x = x_of(value)
                parts.append(
                    f'<line x1="{x:.2f}" y1="{TOP}" x2="{x:.2f}" y2="{TOP + plot_h}" '
                    f'stroke="{GRID}" stroke-width="1"/>'
                )
                # a long last label (80,000) ends at the picture's edge rather than past it
                anchor, at = "middle", x
                if x + 3.5 * len(label) > WIDTH - 2:
                    anchor, at = "end", WIDTH - 2
                parts.append(
                    f'<text x="{at:.2f}" y="{TOP + plot_h + 18}" text-anchor="{anchor}" '
                    f'fill="{INK}">{label}</text>'
                )
            else:
                y = y_of(value)
                parts.append(
                    f'<line x1="{LEFT}" y1="{y:.2f}" x2="{LEFT + plot_w}" y2="{y:.2f}" '
                    f'stroke="{GRID}" stroke-width="1"/>'
                )
                parts.append(
                    f'<text x="{LEFT - 6}" y="{y + 4:.2f}" text-anchor="end" fill="{INK}">'
                    f"{label}</text>"
                )
    parts.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>'
    )


def _open(parts: List[str]) -> None:
    parts.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" '
        'font-family="sans-serif" font-size="12">'
    )
    parts.append(f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')


def _close(parts: List[str], x_title: str, y_title: str) -> str:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
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


def _legend(parts: List[str], entries: Sequence[Tuple[str, str]]) -> None:
    """Swatches and labels in the plot's top right corner, one per line."""
    x = WIDTH - RIGHT - 170
    parts.append(
        f'<rect x="{x - 6}" y="{TOP + 2}" width="174" height="{18 * len(entries) + 8}" '
        'fill="#ffffff" fill-opacity="0.85" stroke="none"/>'
    )
    for i, (label, colour) in enumerate(entries):
        y = TOP + 8 + 18 * i
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}" stroke="{INK}" '
            'stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{x + 18}" y="{y + 10}" fill="{INK}">{_e(label)}</text>')


def _values(values: Sequence[float]) -> str:
    return " ".join(repr(float(v)) for v in values)


def restoration_svg(
    hours: Sequence[float],
    power: Sequence[float],
    damage: Sequence[float],
    out: Sequence[float],
    *,
    x_title: str,
    y_title: str,
    power_label: str,
    damage_label: str,
    total_label: str,
    language: str = "en",
) -> str:
    """Premises out hour by hour (hours from 0): damage at the bottom, power stacked on it,
    the total as a line; each hour's value held until the next hour (a step curve, as the
    table counts). The series carry their values (``data-hours``, ``data-values``)."""
    hours = [float(h) for h in hours]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: List[str] = []
    _open(parts)
    end = hours[-1] + 1.0 if hours else 1.0  # the last hour is held one hour, as counted
    x_top, x_step = _nice_top(end)
    stacked = [max(float(p), 0) + max(float(d), 0) for p, d in zip(power, damage)]
    y_top, y_step = _nice_top(max([float(v) for v in out] + stacked + [0.0]) * 1.05)

    def x_of(hour: float) -> float:
        return LEFT + plot_w * hour / x_top

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / y_top)

    _frame(parts, x_top, x_step, y_top, y_step, x_of, y_of, language)

    def steps(values) -> List[Tuple[float, float]]:
        points = []
        for i, (hour, value) in enumerate(zip(hours, values)):
            following = hours[i + 1] if i + 1 < len(hours) else end
            points += [(hour, value), (following, value)]
        return points

    def area(lower, upper, colour, name) -> None:
        top_line = steps(upper)
        bottom_line = list(reversed(steps(lower)))
        path = " ".join(f"{x_of(h):.2f},{y_of(v):.2f}" for h, v in top_line + bottom_line)
        parts.append(
            f'<polygon class="series" data-series="{name}" data-hours="{_values(hours)}" '
            f'data-values="{_values([u - lo for u, lo in zip(upper, lower)])}" '
            f'points="{path}" fill="{colour}" stroke="none"/>'
        )

    if hours:
        damage_top = [max(float(d), 0) for d in damage]
        power_top = [d + max(float(p), 0) for d, p in zip(damage_top, power)]
        area([0.0] * len(hours), damage_top, DAMAGE, "damage")
        area(damage_top, power_top, POWER, "power")
        path = " ".join(f"{x_of(h):.2f},{y_of(v):.2f}" for h, v in steps(out))
        parts.append(
            f'<polyline class="series" data-series="out" data-hours="{_values(hours)}" '
            f'data-values="{_values(out)}" points="{path}" fill="none" stroke="{TOTAL}" '
            'stroke-width="1.5"/>'
        )
    _legend(parts, [(total_label, TOTAL), (power_label, POWER), (damage_label, DAMAGE)])
    return _close(parts, x_title, y_title)


def cost_benefit_svg(
    points: Sequence[Tuple[float, float]],
    *,
    x_title: str,
    y_title: str,
    budget: Optional[float] = None,
    budget_label: str = "",
    language: str = "en",
) -> str:
    """Cumulative premises secured against cumulative cost, in the plan's order, with the
    budget as a dashed vertical line when known. Points carry ``data-cost``, ``data-prem``."""
    points = [(float(c), float(p)) for c, p in points if c == c and p == p]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: List[str] = []
    _open(parts)
    x_max = max([c for c, _ in points] + [float(budget or 0.0)])
    x_top, x_step = _nice_top(x_max * 1.02)
    y_top, y_step = _nice_top(max([p for _, p in points] + [0.0]) * 1.08)

    def x_of(cost: float) -> float:
        return LEFT + plot_w * cost / x_top

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / y_top)

    _frame(parts, x_top, x_step, y_top, y_step, x_of, y_of, language)
    if budget is not None:
        x = x_of(float(budget))
        parts.append(
            f'<line class="budget" data-budget="{float(budget)!r}" x1="{x:.2f}" y1="{TOP}" '
            f'x2="{x:.2f}" y2="{TOP + plot_h}" stroke="{BUDGET}" stroke-width="1.5" '
            'stroke-dasharray="6,4"/>'
        )
        parts.append(
            f'<text x="{x - 4:.2f}" y="{TOP + 14}" text-anchor="end" fill="{BUDGET}">'
            f"{_e(budget_label)}</text>"
        )
    if points:
        path = " ".join(f"{x_of(c):.2f},{y_of(p):.2f}" for c, p in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        for cost, secured in points:
            parts.append(
                f'<circle class="point" cx="{x_of(cost):.2f}" cy="{y_of(secured):.2f}" r="3.5" '
                f'fill="{POINT}" data-cost="{cost!r}" data-prem="{secured!r}"/>'
            )
    return _close(parts, x_title, y_title)
