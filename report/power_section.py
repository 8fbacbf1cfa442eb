"""The report's section on power and restoration: the restoration curve (premises out hour
by hour, by power or by damage), its figures, the délestage list and the map of the sites
without power."""

from typing import List, Optional, Sequence

from ..core.report_power import PowerFigures, RestorationFigures
from ..i18n import tr
from .chart import restoration_svg
from .document import MAP_POWER, Chart, MapView, Section, Table
from .document import format_number as number


def _figures_table(
    restoration: Optional[RestorationFigures], power: Optional[PowerFigures], language: str
) -> Table:
    rows = []  # (label, value, decimals); None: shown as a dash
    if restoration is not None:
        rows += [
            (tr("Most premises out at once"), restoration.peak, 0),
            (tr("Hour of the peak"), restoration.peak_hour, 0),
            (tr("Premise-hours lost"), restoration.premise_hours, 0),
            (tr("of which because of power"), restoration.premise_hours_power, 0),
            (tr("of which because of damage"), restoration.premise_hours_damage, 0),
            (tr("Hours until 90 % of the peak is back"), restoration.hours_to_90, 0),
        ]
    if power is not None:
        f = power.figures
        rows += [
            (tr("Active sites"), f["power_sites"], 0),
            (tr("Active sites that lose power"), f["power_dark"], 0),
            (tr("Longest time without power at a site (hours)"), f["power_dark_worst"], 1),
            (tr("Premises behind the sites that lose power (sum over the sites)"),
             f["power_prem_dark"], 0),
        ]  # fmt: skip
        if "power_prem_h" in f:
            label = tr("Premise-hours without power (sum over the sites)")
            rows.append((label, f["power_prem_h"], 0))
    cells = [
        [label, "–" if value is None else number(value, decimals, language)]
        for label, value, decimals in rows
    ]
    values = [[label, value] for label, value, _ in rows]
    return Table(
        tr("Restoration figures"), [tr("Figure"), tr("Value")], cells, [False, True], values
    )


def _hours_table(restoration: RestorationFigures, language: str) -> Table:
    """The curve as a table, for the workbook."""
    headers = [
        tr("Hour"),
        tr("Premises out"),
        tr("Out because of power"),
        tr("Out because of damage"),
    ]
    values = [
        [row.hour, row.out, row.power, row.damage]
        for row in restoration.curve.itertuples(index=False)
    ]
    rows = [[number(v, 0, language) for v in row] for row in values]
    return Table(tr("Restoration by hour"), headers, rows, [True] * 4, values)


def _priority_table(power: PowerFigures, site_header: str, language: str) -> Table:
    frame = power.priority
    columns = [
        ("rank", tr("Rank"), 0),
        ("name", site_header, None),
        ("pw_prem", tr("Premises behind it"), 0),
        ("pw_sens", tr("Sensitive sites behind it"), 0),
        ("pw_outage_h", tr("Grid outage (hours)"), 1),
        ("pw_dark_h", tr("Without power (hours)"), 1),
        ("pw_prem_h", tr("Premise-hours lost"), 0),
    ]
    present = [c for c in columns if c[0] in frame.columns]
    values = [
        [None if v is None or v != v else v for v in row]
        for row in frame[[c[0] for c in present]].itertuples(index=False, name=None)
    ]
    values = [[int(row[0])] + row[1:] for row in values]
    rows = [
        [
            ("" if v is None else str(v)) if decimals is None else number(v, decimals, language)
            for v, (_, _, decimals) in zip(row, present)
        ]
        for row in values
    ]
    return Table(
        tr("Load-shedding priorities"),
        [header for _, header, _ in present],
        rows,
        [decimals is not None for _, _, decimals in present],
        values,
    )


def _text(restoration: Optional[RestorationFigures], power: Optional[PowerFigures]) -> str:
    parts = []
    if restoration is not None:
        parts.append(
            tr(
                "Premises without service hour by hour, from the restoration table of the run: "
                "out because of unrepaired damage (a premises cut by both counts as damage) "
                "and out because of power only. Premise-hours lost add up each hour's premises "
                "out, each row counting until the next one (one hour for the last). The hours "
                "until 90 % is back: the first hour, at or after the peak, from which at most a "
                "tenth of the peak stays out until the end of the table."
            )
        )
        if restoration.hours_to_90 is None:
            parts.append(tr("Less than 90 % of the peak is back by the end of the table."))
    if power is not None:
        parts.append(
            tr(
                "The active sites of the power analysis: hours without power once their "
                "battery is empty, until the grid or a generator is back. The load-shedding "
                "(délestage) list ranks the sites by the premises behind them, then the "
                "sensitive sites, then the hours without power: the feeders to re-energise "
                "first, for the grid operator and the préfecture. A premises behind two sites "
                "is counted under each."
            )
        )
    return "\n".join(parts)


def power_section(
    restoration: Optional[RestorationFigures],
    power: Optional[PowerFigures],
    views: Sequence[MapView],
    language: str,
    site_header: str,
) -> Section:
    charts: List[Chart] = []
    sheets: List[Table] = []
    tables = [_figures_table(restoration, power, language)]
    if restoration is not None:
        curve = restoration.curve
        charts.append(
            Chart(
                "restoration",
                tr("Premises without service hour by hour (restoration curve)"),
                restoration_svg(
                    curve["hour"].tolist(),
                    curve["power"].tolist(),
                    curve["damage"].tolist(),
                    curve["out"].tolist(),
                    x_title=tr("Hours from the start"),
                    y_title=tr("Premises out"),
                    power_label=tr("Out because of power"),
                    damage_label=tr("Out because of damage"),
                    total_label=tr("Premises out"),
                    language=language,
                ),
            )
        )
        sheets.append(_hours_table(restoration, language))
    if power is not None and power.priority is not None and len(power.priority):
        tables.append(_priority_table(power, site_header, language))
    return Section(
        "power",
        tr("Power and restoration"),
        _text(restoration, power),
        tables,
        [view for view in views if view.key == MAP_POWER],
        charts,
        sheets,
    )
