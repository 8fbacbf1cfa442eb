"""The report's action plan: the ranked actions, the cost-benefit curve of the portfolio and
the map of the proposed routes and sites."""

from typing import Dict, List, Sequence

from ..core.report_plan import PlanFigures
from ..i18n import tr
from .chart import cost_benefit_svg
from .document import MAP_ACTIONS, Chart, MapView, Section, Table
from .document import format_number as number


def _kinds() -> Dict[str, str]:
    return {
        "loop": tr("loop (second path)"),
        "bury": tr("bury an aerial span"),
        "autonomy": tr("longer back-up power"),
        "candidate": tr("own project"),
    }


def _owners() -> Dict[str, str]:
    return {
        "operator": tr("operator"),
        "grid operator": tr("grid operator"),
        "commune": tr("commune"),
    }


def _shown(value, names: Dict[str, str]):
    """A code in the user's language; an unknown code as it is, NULL as empty."""
    if value is None:
        return None
    return names.get(str(value).strip().lower(), str(value))


def _figures_table(plan: PlanFigures, language: str) -> Table:
    labels = [
        ("plan_candidates", tr("Candidate actions"), 0),
        ("plan_chosen", tr("Actions in the plan"), 0),
        ("plan_cost", tr("Cost of the plan (EUR)"), 0),
        (
            "plan_secured",
            tr("Premises secured by the plan, once per risk (cable tiers, grid outage)"),
            0,
        ),
        ("plan_budget", tr("Budget (EUR)"), 0),
    ]
    present = [(key, label, d) for key, label, d in labels if key in plan.figures]
    rows = [[label, number(plan.figures[key], d, language)] for key, label, d in present]
    values = [[label, plan.figures[key]] for key, label, _ in present]
    return Table(
        tr("Action plan figures"), [tr("Figure"), tr("Value")], rows, [False, True], values
    )


def _table(frame, columns, sheet: str, language: str) -> Table:
    """(field, header, decimals; None for text) per column, the fields ``frame`` has."""
    kinds, owners = _kinds(), _owners()
    present = [c for c in columns if c[0] in frame.columns]
    values = []
    for row in frame[[c[0] for c in present]].itertuples(index=False, name=None):
        cells = []
        for (name, _, _), value in zip(present, row):
            if value is not None and value != value:
                value = None
            if name == "mp_kind":
                value = _shown(value, kinds)
            elif name == "mp_owner":
                value = _shown(value, owners)
            elif name == "mp_chosen":
                value = tr("yes") if value == 1 else tr("no")
            elif name == "mp_rank" and value is not None:
                value = int(value)
            cells.append(value)
        values.append(cells)
    rows = [
        [
            ("" if v is None else str(v)) if decimals is None else number(v, decimals, language)
            for v, (_, _, decimals) in zip(row, present)
        ]
        for row in values
    ]
    return Table(
        sheet,
        [header for _, header, _ in present],
        rows,
        [decimals is not None for _, _, decimals in present],
        values,
    )


def _actions_table(plan: PlanFigures, language: str) -> Table:
    columns = [
        ("mp_rank", tr("Rank"), 0),
        ("mp_kind", tr("Action"), None),
        ("mp_target", tr("What it secures"), None),
        ("mp_cost", tr("Cost (EUR)"), 0),
        ("mp_prem", tr("Premises secured"), 0),
        ("mp_eur_prem", tr("EUR per premises"), 0),
        ("mp_eai", tr("Expected premises cut a year avoided"), 2),
        ("mp_prem_h", tr("Premise-hours avoided"), 0),
        ("mp_owner", tr("Owner"), None),
        ("mp_chosen", tr("In the plan"), None),
    ]
    return _table(plan.actions, columns, tr("Actions"), language)


def _plan_table(plan: PlanFigures, language: str) -> Table:
    columns = [
        ("mp_rank", tr("Rank"), 0),
        ("mp_kind", tr("Action"), None),
        ("mp_target", tr("What it secures"), None),
        ("mp_cost", tr("Cost (EUR)"), 0),
        ("mp_prem", tr("Premises secured"), 0),
        ("mp_cum_cost", tr("Cumulative cost (EUR)"), 0),
        ("mp_cum_prem", tr("Cumulative premises secured"), 0),
    ]
    return _table(plan.plan, columns, tr("Plan, cumulative"), language)


def _text(plan: PlanFigures) -> str:
    parts = [
        tr(
            "The measures proposed by the action plan of the run, ranked: a second, "
            "physically separate path (loop), burying exposed aerial spans, longer back-up "
            "power at active sites, and the operator's own projects. Each with its cost, "
            "the premises it newly secures, the cost per premises and who is to carry it out."
        )
    ]
    if plan.actions is not None and plan.shown < plan.total:
        parts.append(
            tr(
                "The table lists the {shown} first-ranked of {total} candidate actions (TOP)."
            ).format(shown=plan.shown, total=plan.total)
        )
    if plan.curve:
        parts.append(
            tr(
                "The cost-benefit curve adds the actions of the plan in rank order: their "
                "cumulative cost against the premises they secure, each premises counted "
                "once however many actions secure it."
            )
        )
    return "\n".join(parts)


def plan_section(plan: PlanFigures, views: Sequence[MapView], language: str) -> Section:
    charts: List[Chart] = []
    if len(plan.curve) > 1:
        charts.append(
            Chart(
                "cost_benefit",
                tr("Premises secured against the cost of the plan (cost-benefit curve)"),
                cost_benefit_svg(
                    plan.curve,
                    x_title=tr("Cumulative cost (EUR)"),
                    y_title=tr("Cumulative premises secured"),
                    budget=plan.budget,
                    budget_label=tr("Budget"),
                    language=language,
                ),
            )
        )
    tables = [_figures_table(plan, language)]
    if plan.actions is not None:
        tables.append(_actions_table(plan, language))
    if plan.plan is not None:
        tables.append(_plan_table(plan, language))
    return Section(
        "plan",
        tr("Action plan"),
        _text(plan),
        tables,
        [view for view in views if view.key == MAP_ACTIONS],
        charts,
    )
