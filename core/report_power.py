"""The restoration and power figures of a resilience report, from the outputs of
``restoration`` (its RESTORATION table) and ``powerresilience`` (its OUTPUT sites).

RESTORATION holds one row per hour: ``rs_hour`` (hours from the start), ``rs_out`` (premises
without service), ``rs_power`` (out because of power only) and ``rs_damage`` (out because of
unrepaired damage; a premises cut by both counts as damage). The report computes its own
figures from the rows, so that they can be checked against the table:

- premise-hours lost: each row's ``rs_out`` held until the next row's hour (one hour for the
  last row); with a row every hour, the plain sum of ``rs_out``;
- hours to 90 %: the first hour, at or after the hour most premises are out, from which at
  most 10 % of that peak stay out in every later row (a later relapse, e.g. batteries running
  out, pushes it back); 0 when no premises is ever out, None when the table ends before
  (``core.restoration.hours_to_restored``, as the algorithm's HOURS_TO_90PCT).
"""

from dataclasses import dataclass, field
from typing import Dict, Optional

import numpy as np
import pandas as pd

from .errors import InputError
from .restoration import hours_to_restored

RESTORATION_COLUMNS = ("rs_hour", "rs_out", "rs_power", "rs_damage")
# The fields of powerresilience's OUTPUT the report needs, and those it shows when present.
POWER_REQUIRED = ("pw_dark_h", "pw_prem")
POWER_OPTIONAL = ("pw_outage_h", "pw_autonomy_h", "pw_gen_h", "pw_prem_h", "pw_sens")
RESTORED_SHARE = 0.9


@dataclass
class RestorationFigures:
    # The rows in hour order: hour, out, power, damage (floats).
    curve: pd.DataFrame
    premise_hours: float
    premise_hours_power: float
    premise_hours_damage: float
    peak: float  # most premises out at once
    peak_hour: float
    hours_to_90: Optional[float]  # None: not restored to 90 % within the table


@dataclass
class PowerFigures:
    figures: Dict[str, float] = field(default_factory=dict)
    # The délestage list: the sites by premises behind them (then sensitive sites, then
    # dark hours), at most ``top``: name plus the pw_* columns present.
    priority: Optional[pd.DataFrame] = None


def _numbers(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def restoration_figures(table: pd.DataFrame) -> RestorationFigures:
    """The curve and its figures; ``table`` has the four RESTORATION columns (numbers)."""
    frame = pd.DataFrame({name: _numbers(table[name]) for name in RESTORATION_COLUMNS})
    frame = frame[~np.isnan(frame["rs_hour"])]
    if frame.empty:
        raise InputError("The restoration table has no row with an hour (rs_hour).")
    frame = frame.fillna(0.0).sort_values("rs_hour", kind="stable")
    if frame["rs_hour"].duplicated().any():
        hour = frame["rs_hour"][frame["rs_hour"].duplicated()].iloc[0]
        raise InputError(f"The restoration table has two rows for hour {hour:g} (rs_hour).")
    curve = pd.DataFrame(
        {
            "hour": frame["rs_hour"].to_numpy(float),
            "out": frame["rs_out"].to_numpy(float),
            "power": frame["rs_power"].to_numpy(float),
            "damage": frame["rs_damage"].to_numpy(float),
        }
    )
    hours = curve["hour"].to_numpy()
    widths = np.append(np.diff(hours), 1.0)  # each row holds until the next one
    out = curve["out"].to_numpy()
    peak_index = int(np.argmax(out))
    peak = float(out[peak_index])
    hours_to_90 = hours_to_restored(hours, out, RESTORED_SHARE)
    return RestorationFigures(
        curve=curve,
        premise_hours=float(np.sum(out * widths)),
        premise_hours_power=float(np.sum(curve["power"].to_numpy() * widths)),
        premise_hours_damage=float(np.sum(curve["damage"].to_numpy() * widths)),
        peak=peak,
        peak_hour=float(hours[peak_index]),
        hours_to_90=hours_to_90,
    )


def power_figures(sites: pd.DataFrame, names, top: int) -> PowerFigures:
    """The sites' figures and the délestage list; ``names`` names each site (a row each)."""
    dark = _numbers(sites["pw_dark_h"])
    premises = _numbers(sites["pw_prem"])
    figures = {
        "power_sites": float(len(sites)),
        "power_dark": float(np.sum(np.nan_to_num(dark) > 0)),
        "power_dark_worst": float(np.nanmax(dark)) if np.any(~np.isnan(dark)) else 0.0,
        "power_prem_dark": float(np.nansum(np.where(np.nan_to_num(dark) > 0, premises, 0.0))),
    }
    if "pw_prem_h" in sites.columns:
        figures["power_prem_h"] = float(np.nansum(_numbers(sites["pw_prem_h"])))
    table = pd.DataFrame({"name": list(names), "pw_prem": premises, "pw_dark_h": dark})
    for name in POWER_OPTIONAL:
        if name in sites.columns:
            table[name] = _numbers(sites[name])
    keys = ["pw_prem"] + (["pw_sens"] if "pw_sens" in table.columns else []) + ["pw_dark_h"]
    # NULL premises (a site off the network) last
    order = table.assign(**{k: table[k].fillna(-np.inf) for k in keys}).sort_values(
        keys, ascending=False, kind="stable"
    )
    table = table.loc[order.index].head(top).reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return PowerFigures(figures, table)
