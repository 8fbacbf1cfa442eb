"""The action-plan figures of a resilience report, from the outputs of ``mitigationplan``.

ACTIONS holds the candidate actions (new routes as lines, sites as points) with ``mp_rank``,
``mp_kind`` (loop, bury, autonomy, candidate), ``mp_target``, ``mp_cost`` (EUR), ``mp_prem``
(premises newly secured), ``mp_eur_prem``, ``mp_eai`` and ``mp_prem_h`` (NULL when unknown),
``mp_owner`` and ``mp_chosen`` (1 in the portfolio). PLAN holds the portfolio in rank order
with ``mp_cum_cost`` and ``mp_cum_prem``: premises counted once however many actions secure
them, so the cost-benefit curve is PLAN's, never a sum of ACTIONS' ``mp_prem``.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

ACTION_FIELDS = ("mp_rank", "mp_kind", "mp_target", "mp_cost", "mp_prem", "mp_owner", "mp_chosen")
ACTION_NUMBERS = ("mp_rank", "mp_cost", "mp_prem", "mp_chosen")
ACTION_OPTIONAL = ("mp_eur_prem", "mp_eai", "mp_prem_h")  # numbers, computed or left out
PLAN_FIELDS = (
    "mp_rank",
    "mp_kind",
    "mp_target",
    "mp_cost",
    "mp_prem",
    "mp_cum_cost",
    "mp_cum_prem",
)
PLAN_NUMBERS = ("mp_rank", "mp_cost", "mp_prem", "mp_cum_cost", "mp_cum_prem")


@dataclass
class PlanFigures:
    figures: Dict[str, float] = field(default_factory=dict)
    # ACTIONS in rank order (NULL ranks last), at most ``top``: the ACTION_FIELDS, mp_eur_prem
    # (computed where NULL and the premises are not 0) and mp_eai, mp_prem_h when known.
    actions: Optional[pd.DataFrame] = None
    plan: Optional[pd.DataFrame] = None  # PLAN in rank order
    # The cost-benefit curve: (cumulative cost, cumulative premises), from (0, 0).
    curve: List[Tuple[float, float]] = field(default_factory=list)
    budget: Optional[float] = None
    shown: int = 0  # actions in the table
    total: int = 0  # actions given


def _numbers(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def _text(value) -> Optional[str]:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _by_rank(frame: pd.DataFrame) -> pd.DataFrame:
    rank = frame["mp_rank"].fillna(np.inf)
    order = np.argsort(rank.to_numpy(), kind="stable")
    return frame.iloc[order].reset_index(drop=True)


def plan_figures(
    actions: Optional[pd.DataFrame],
    plan: Optional[pd.DataFrame],
    top: int,
    budget: Optional[float] = None,
) -> PlanFigures:
    result = PlanFigures(budget=budget)
    if actions is not None:
        table = pd.DataFrame(
            {
                name: (
                    _numbers(actions[name])
                    if name in ACTION_NUMBERS
                    else [_text(v) for v in actions[name]]
                )
                for name in ACTION_FIELDS
            }
        )
        cost, prem = table["mp_cost"].to_numpy(), table["mp_prem"].to_numpy()
        given = (
            _numbers(actions["mp_eur_prem"])
            if "mp_eur_prem" in actions.columns
            else np.full(len(table), np.nan)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            computed = np.where(prem > 0, cost / prem, np.nan)
        table["mp_eur_prem"] = np.where(np.isnan(given), computed, given)
        for name in ("mp_eai", "mp_prem_h"):
            if name in actions.columns:
                values = _numbers(actions[name])
                if np.any(~np.isnan(values)):  # all NULL: unknown, not shown
                    table[name] = values
        table = _by_rank(table)
        chosen = np.nan_to_num(table["mp_chosen"].to_numpy()) == 1
        result.total = len(table)
        result.actions = table.head(top).reset_index(drop=True)
        result.shown = len(result.actions)
        result.figures["plan_candidates"] = float(len(table))
        result.figures["plan_chosen"] = float(np.sum(chosen))
        result.figures["plan_cost"] = float(np.nansum(table["mp_cost"].to_numpy()[chosen]))
    if plan is not None:
        frame = pd.DataFrame(
            {
                name: (
                    _numbers(plan[name]) if name in PLAN_NUMBERS else [_text(v) for v in plan[name]]
                )
                for name in PLAN_FIELDS
            }
        )
        frame = _by_rank(frame)
        result.plan = frame
        costs = frame["mp_cum_cost"].to_numpy()
        secured = frame["mp_cum_prem"].to_numpy()
        keep = ~(np.isnan(costs) | np.isnan(secured))
        result.curve = [(0.0, 0.0)] + [
            (float(c), float(p)) for c, p in zip(costs[keep], secured[keep])
        ]
        if keep.any():
            result.figures["plan_cost"] = float(costs[keep][-1])
            result.figures["plan_secured"] = float(secured[keep][-1])
        result.figures.setdefault("plan_chosen", float(len(frame)))
    if budget is not None:
        result.figures["plan_budget"] = float(budget)
    return result
