"""The report's text: figures and tables labelled and formatted in the user's language."""

import math
from typing import List, Optional, Sequence, Tuple

from qgis.PyQt.QtCore import QCoreApplication

from ..core.report import LEVELS, ReportFigures
from ..core.report_plan import PlanFigures
from ..core.report_power import PowerFigures, RestorationFigures
from ..core.report_return_periods import FROM_SUMMARY, Breakdown, ReturnPeriodFigures
from .chart import loss_exceedance_svg
from .document import MAP_RETURN_PERIODS, SECTION_MAPS, Chart, Document, MapView, Section, Table
from .document import format_number as number
from .document import format_share as share
from .plan_section import plan_section
from .power_section import power_section


def tr(text: str) -> str:
    return QCoreApplication.translate("FibreResilience", text)


def level_names() -> List[str]:
    return [tr("not exposed"), tr("low"), tr("medium"), tr("high"), tr("very high")]


def _figure_labels():
    """(key, label, decimals) in reading order; a figure missing from the run is left out."""
    names = level_names()
    rows = [("premises_total", tr("Premises (locaux raccordables)"), 0)]
    rows += [
        (
            f"premises_level{v}",
            tr("Premises at hazard level {n} ({name})").format(n=v, name=names[v]),
            0,
        )
        for v in LEVELS
    ]
    rows += [
        ("premises_exposed", tr("Premises exposed to the hazard (level 1 or more)"), 0),
        ("premises_failed", tr("Premises whose own point fails"), 0),
        ("premises_spof", tr("Premises behind a single point of failure"), 0),
        (
            "premises_spof_srlg",
            tr("Premises behind a single point of failure or a shared-risk group"),
            0,
        ),
        ("nros_total", tr("NROs"), 0),
        (
            "tier_max_collecte",
            tr("Most premises of one NRO cut by a single collecte failure (upstream of the NRO)"),
            0,
        ),
        ("nros_cut_whole", tr("NROs cut off whole by a single collecte failure"), 0),
        (
            "tier_max_transport",
            tr("Most premises of one NRO cut by a single transport failure (NRO to cabinet)"),
            0,
        ),
        (
            "tier_max_distribution",
            tr("Most premises of one NRO cut by a single distribution failure (cabinet to box)"),
            0,
        ),
        ("premises_cut", tr("Premises cut off by the scenario"), 0),
        ("sites_total", tr("Sites"), 0),
        ("sites_div0", tr("Sites cut by a single line (diversity 0)"), 0),
        ("sites_div1", tr("Sites cut by a single node or shared-risk group (diversity 1)"), 0),
        ("sites_div2", tr("Sites with physical diversity (diversity 2)"), 0),
        ("sites_unattached", tr("Sites not attached to the network"), 0),
        ("routes_total", tr("Routes (cheminements)"), 0),
        ("routes_km", tr("Route length (km)"), 2),
    ]
    rows += [
        (
            f"routes_km_level{v}",
            tr("Route length at hazard level {n} ({name}) (km)").format(n=v, name=names[v]),
            2,
        )
        for v in LEVELS[1:]
    ]
    rows += [
        ("routes_exposed", tr("Routes exposed to the hazard"), 0),
        ("routes_failed", tr("Routes that fail in the scenario"), 0),
        ("nodes_total", tr("Nodes"), 0),
        ("nodes_exposed", tr("Nodes exposed to the hazard"), 0),
        ("nodes_failed", tr("Nodes that fail in the scenario"), 0),
        ("targets_total", tr("Failed assets for the repair crews"), 0),
        ("targets_unreachable", tr("Unreachable assets"), 0),
        ("delay_mean", tr("Mean crew delay over reached assets (minutes)"), 1),
        ("delay_worst", tr("Worst crew delay (minutes)"), 1),
        ("sensitive_total", tr("Sensitive sites"), 0),
        ("sensitive_out", tr("Sensitive sites that lose service"), 0),
    ]
    return rows


# Nearly every premises of an FTTH tree is behind some single point of failure (its own box
# and drop): with the per-tier figures, these two say nothing more and are left out.
_REPLACED_BY_TIERS = ("premises_spof", "premises_spof_srlg")


def _key_figures(figures: ReportFigures, language: str) -> Table:
    rows, values = [], []
    tiers = figures.by_tier is not None
    for key, label, decimals in _figure_labels():
        if tiers and key in _REPLACED_BY_TIERS:
            continue
        if key in figures.figures:
            value = figures.figures[key]
            rows.append([label, number(value, decimals, language) if value is not None else "–"])
            values.append([label, value])
    return Table(tr("Key figures"), [tr("Figure"), tr("Value")], rows, [False, True], values)


def _breakdown(frame, first_header: str, sheet: str, language: str) -> Table:
    labels = {
        "premises": tr("Premises"),
        "exposed": tr("Exposed"),
        "failed": tr("Own point fails"),
        "spof": tr("Behind a single point of failure"),
        "cut": tr("Cut off"),
        "cut_share": tr("Share cut off"),
    }
    columns = [c for c in labels if c in frame.columns]
    rows, values = [], []
    for name, row in frame.iterrows():
        shown = name if name is not None else tr("(none)")
        cells = [
            share(row[c], language) if c == "cut_share" else number(row[c], 0, language)
            for c in columns
        ]
        rows.append([str(shown)] + cells)
        values.append([shown] + [float(row[c]) for c in columns])
    return Table(
        sheet,
        [first_header] + [labels[c] for c in columns],
        rows,
        [False] + [True] * len(columns),
        values,
    )


def _ranked(figures: ReportFigures, id_field: Optional[str], language: str) -> Table:
    """The ranked assets: (header, field, decimals; None for text) per column."""
    frame = figures.ranked
    columns = [(tr("Rank"), "sc_rank", 0)]
    if id_field and id_field in frame.columns:
        columns.append((id_field, id_field, None))
    if "hz_level" in frame.columns:
        columns.append((tr("Hazard level"), "hz_level", 0))
    columns += [(tr("Score"), "sc_score", 1), (tr("Class"), "sc_class", None)]
    columns += [(name, name, 1) for name in figures.criteria]
    present = [(header, name, decimals) for header, name, decimals in columns if name in frame]
    values = [
        [None if v is None or v != v else v for v in row]
        for row in frame[[name for _, name, _ in present]].itertuples(index=False, name=None)
    ]
    rows = [
        [
            ("" if v is None else str(v)) if decimals is None else number(v, decimals, language)
            for v, (_, _, decimals) in zip(row, present)
        ]
        for row in values
    ]
    headers = [header for header, _, _ in present]
    numeric = [decimals is not None for _, _, decimals in present]
    return Table(tr("Ranked assets"), headers, rows, numeric, values)


def _aep(value, language: str) -> str:
    """An annual exceedance probability as a percentage with its first significant digit."""
    if value is None or value != value:
        return ""
    percent = 100.0 * float(value)
    decimals = 1 if percent >= 1 or percent <= 0 else max(1, -math.floor(math.log10(percent)))
    return number(percent, decimals, language) + "\u00a0%"


def _rp_text(rp: float, language: str) -> str:
    return number(rp, 0 if float(rp).is_integer() else 1, language)


def _decimals(values) -> int:
    """0 for whole numbers, else 1: expected (probabilistic) counts are fractional."""
    present = [float(v) for v in values if v is not None and v == v]
    return 0 if all(v.is_integer() for v in present) else 1


def _exceedance_table(rp: ReturnPeriodFigures, language: str) -> Table:
    frame = rp.scenarios
    with_lines = bool(rp.lines_failing)
    headers = [
        tr("Scenario"),
        tr("Return period (years)"),
        tr("Annual exceedance probability"),
        tr("Premises cut"),
        tr("Sites cut"),
        tr("Length of failed lines (m)"),
    ]
    if with_lines:
        headers.append(tr("Lines failing first"))
    cut_decimals = _decimals(frame["prem_cut"])
    sites_decimals = _decimals(frame["sites_cut"])
    rows, values = [], []
    for row in frame.itertuples(index=False):
        value = [
            row.scenario,
            float(row.rp),
            float(row.aep),
            float(row.prem_cut),
            float(row.sites_cut),
            float(row.length_m),
        ]
        cells = [
            str(row.scenario or ""),
            _rp_text(row.rp, language),
            _aep(row.aep, language),
            number(row.prem_cut, cut_decimals, language),
            number(row.sites_cut, sites_decimals, language),
            number(row.length_m, 0, language),
        ]
        if with_lines:
            failing = rp.lines_failing.get(float(row.rp), 0)
            value.append(failing)
            cells.append(number(failing, 0, language))
        rows.append(cells)
        values.append(value)
    expected = rp.expected
    label = tr("Expected every year")
    value = [label, None, None, expected["premises"], expected["sites"], expected["length_m"]]
    rows.append(
        [label, "", ""]
        + [number(v, d, language) for v, d in zip(value[3:], (2, 2, 1))]
        + ([""] if with_lines else [])
    )
    values.append(value + ([None] if with_lines else []))
    numeric = [False] + [True] * (len(headers) - 1)
    return Table(tr("Return periods"), headers, rows, numeric, values)


def _eai_table(
    breakdown: Breakdown, rp: ReturnPeriodFigures, first_header: str, sheet: str, language: str
) -> Table:
    frame = breakdown.table
    rps = rp.scenarios["rp"].tolist()
    headers = [first_header]
    headers += [
        tr("Premises cut at {rp} years").format(rp=_rp_text(value, language)) for value in rps
    ]
    headers += [tr("Expected premises cut a year"), tr("Expected length failed a year (m)")]
    cut_columns = [f"cut_{i}" for i in range(len(rps))]
    cut_decimals = _decimals(frame[cut_columns].to_numpy().ravel()) if cut_columns else 0
    rows, values = [], []
    for name, row in frame.iterrows():
        shown = name if name is not None else tr("(none)")
        numbers = [row[c] for c in cut_columns] + [row["eai_premises"], row["eai_length_m"]]
        decimals = [cut_decimals] * len(cut_columns) + [2, 1]
        rows.append(
            [str(shown)]
            + [number(v, d, language) if v == v else "–" for v, d in zip(numbers, decimals)]
        )
        values.append([shown] + [float(v) if v == v else None for v in numbers])
    return Table(sheet, headers, rows, [False] + [True] * (len(headers) - 1), values)


def _return_period_text(rp: ReturnPeriodFigures) -> str:
    parts = [
        tr(
            "Each scenario's impact (from the return-period summary of the run) against its "
            "return period, and the expected annual impact: the impact integrated over the "
            "annual exceedance probability 1/RP by trapezoids between scenarios, as the "
            "return-period analysis computed it."
        )
    ]
    sources = []
    for breakdown, name in ((rp.by_nro, tr("by NRO")), (rp.by_commune, tr("by commune"))):
        if breakdown is None:
            continue
        if breakdown.source == FROM_SUMMARY:
            sources.append(tr("The figures {by} are the summary's own rows.").format(by=name))
        else:
            sources.append(
                tr(
                    "The figures {by} are estimated from when each premises (and line) is "
                    "first cut (rp_first), counted as cut in every rarer scenario: exact "
                    "for hard failures and nested scenarios such as TRI maps."
                ).format(by=name)
            )
    if (rp.by_nro is not None and rp.by_nro.source != FROM_SUMMARY) or (
        rp.by_commune is not None and rp.by_commune.source != FROM_SUMMARY
    ):
        if rp.tail_recovered:
            rule = (
                tr("beyond the rarest scenario, nothing")
                if rp.tail == "none"
                else tr("beyond the rarest scenario, its impact held")
            )
            text = tr("Estimates integrate as the summary does ({rule}).")
            sources.append(text.format(rule=rule))
        else:
            sources.append(
                tr(
                    "The summary's integration rule could not be recovered from its rows (a "
                    "protection return period?): estimates assume nothing beyond the rarest "
                    "scenario and no protection."
                )
            )
    return "\n".join(parts + sources)


def _return_period_section(
    rp: ReturnPeriodFigures, views: Sequence[MapView], language: str
) -> Section:
    points = list(zip(rp.scenarios["rp"].tolist(), rp.scenarios["prem_cut"].tolist()))
    chart = Chart(
        "loss_exceedance",
        tr("Premises cut against the return period (loss-exceedance curve)"),
        loss_exceedance_svg(
            points,
            x_title=tr("Return period (years, log scale)"),
            y_title=tr("Premises cut"),
            language=language,
            decimals=_decimals([v for _, v in points]),
        ),
    )
    tables = [_exceedance_table(rp, language)]
    for breakdown, header, sheet in (
        (rp.by_nro, tr("NRO"), tr("EAI by NRO")),
        (rp.by_commune, tr("Commune"), tr("EAI by commune")),
        (rp.by_aggregate, tr("Area of the summary"), tr("EAI by area of the summary")),
    ):
        if breakdown is not None:
            tables.append(_eai_table(breakdown, rp, header, sheet, language))
    return Section(
        "returnperiods",
        tr("Return periods and expected annual impact"),
        _return_period_text(rp),
        tables,
        [view for view in views if view.key == MAP_RETURN_PERIODS],
        [chart],
    )


def provenance_tables(
    inputs: Sequence[Tuple], versions: Sequence[Tuple], parameters
) -> List[Table]:
    """Inputs (role, layer, source, features, CRS), software versions and every parameter."""
    input_rows = [["" if c is None else str(c) for c in row] for row in inputs]
    return [
        Table(
            tr("Inputs"),
            [tr("Role"), tr("Layer"), tr("Source"), tr("Features"), tr("CRS")],
            input_rows,
            [False, False, False, True, False],
            [list(row) for row in inputs],
        ),
        Table(
            tr("Versions"),
            [tr("Software"), tr("Version")],
            [list(map(str, r)) for r in versions],
            [],
            [list(r) for r in versions],
        ),
        Table(
            tr("Parameters"),
            [tr("Parameter"), tr("Value")],
            [[str(k), str(v)] for k, v in parameters],
            [],
            [[k, v] for k, v in parameters],
        ),
    ]


def _tier_section(frame, language: str) -> Section:
    """Per NRO and tier: the most premises one failure cuts, and where."""
    names = {
        "collecte": tr("Collecte"),
        "transport": tr("Transport"),
        "distribution": tr("Distribution"),
    }
    headers = [tr("NRO"), tr("Premises")]
    for name in ("collecte", "transport", "distribution"):
        headers += [names[name], tr("{tier}: where").format(tier=names[name])]
    rows, values = [], []
    for nro, row in frame.iterrows():
        shown = nro if nro is not None else tr("(no single NRO)")
        cells, raw = [str(shown), number(row["premises"], 0, language)], [shown, row["premises"]]
        for name in ("collecte", "transport", "distribution"):
            cut, where = row[name], row[f"{name}_where"]
            cells += ["–" if cut != cut else number(cut, 0, language), where or ""]
            raw += [None if cut != cut else float(cut), where]
        rows.append(cells)
        values.append(raw)
    numeric = [False, True] + [True, False] * 3
    table = Table(tr("Single failures by NRO"), headers, rows, numeric, values)
    text = tr(
        "For each NRO, the most of its premises one single failure cuts in each tier: in the "
        "collecte (upstream of the NRO), in transport (NRO to cabinet) and in distribution "
        "(cabinet to box), and which line, node or shared-risk group it is. Nearly every "
        "premises is behind some single point of failure (its own box); what matters is how "
        "many one failure cuts. – : not analysed (the NROs are the roots of the graph)."
    )
    return Section("tiers", tr("Single failures by NRO and tier"), text, [table])


def build_document(
    figures: ReportFigures,
    *,
    title: str,
    subtitle: str,
    language: str,
    maps: Sequence[MapView],
    provenance: List[Table],
    id_field: Optional[str],
    footer: str,
    return_periods: Optional[ReturnPeriodFigures] = None,
    restoration: Optional[RestorationFigures] = None,
    power: Optional[PowerFigures] = None,
    site_header: str = "",
    plan: Optional[PlanFigures] = None,
) -> Document:
    """The report's sections in reading order; empty ones are left out. ``site_header``
    heads the sites' names in the délestage list."""

    document = Document(title, subtitle, language, footer=footer)
    # a report of return periods alone (the return-period model) has no key figure to show
    alone = return_periods is not None or restoration is not None or power is not None
    if figures.figures or not (alone or plan is not None):
        document.sections.append(
            Section(
                "figures",
                tr("Key figures"),
                tr(
                    "Counted from the layers of the run listed under Provenance. Premises are "
                    "counted with the premises count of each address point."
                ),
                [_key_figures(figures, language)],
            )
        )
    # the return-period, power and action maps go with their sections
    own_maps = [view for view in maps if view.key not in SECTION_MAPS]
    if own_maps:
        document.sections.append(Section("maps", tr("Maps"), maps=own_maps))
    if figures.by_nro is not None:
        table = _breakdown(figures.by_nro, tr("NRO"), tr("By NRO"), language)
        document.sections.append(Section("nro", tr("By NRO"), tables=[table]))
    if figures.by_tier is not None:
        document.sections.append(_tier_section(figures.by_tier, language))
    if figures.by_commune is not None:
        table = _breakdown(figures.by_commune, tr("Commune"), tr("By commune"), language)
        document.sections.append(Section("commune", tr("By commune"), tables=[table]))
    if return_periods is not None:
        document.sections.append(_return_period_section(return_periods, maps, language))
    if restoration is not None or power is not None:
        section = power_section(restoration, power, maps, language, site_header or tr("Site"))
        document.sections.append(section)
    if figures.sensitive is not None:
        status = {
            "failed": tr("its own point fails"),
            "cut": tr("cut off"),
            "served": tr("served"),
            "unattached": tr("not attached to the network"),
        }
        rows = [[str(name), status[s]] for name, s in figures.sensitive.values.tolist()]
        table = Table(tr("Sensitive sites"), [tr("Site"), tr("In the scenario")], rows, [], rows)
        text = tr("Town halls, care homes, emergency services: those that lose service first.")
        document.sections.append(Section("sensitive", tr("Sensitive sites"), text, [table]))
    if figures.ranked is not None:
        text = tr(
            "The {n} assets of highest risk score, with the contribution of each criterion "
            "to the score (contributions add up to the score)."
        ).format(n=len(figures.ranked))
        table = _ranked(figures, id_field, language)
        document.sections.append(Section("ranked", tr("Assets ranked for action"), text, [table]))
    if plan is not None:
        document.sections.append(plan_section(plan, maps, language))
    document.sections.append(
        Section(
            "provenance",
            tr("Provenance"),
            tr(
                "Everything needed to reproduce the figures: the inputs, the software and "
                "every parameter."
            ),
            provenance,
        )
    )
    return document
