"""The resilience report as plain data, rendered alike to HTML, PDF and spreadsheets.

Every text is already translated and every number already formatted: the writers only lay
out what they are given, so the HTML page, the PDF and the workbook cannot disagree.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

# The maps a report can show; the algorithm draws each one from the layers it was given.
MAP_EXPOSURE = "exposure"  # hazard zones and routes by hazard level
MAP_CUTOFF = "cutoff"  # premises cut off by the scenario, failed routes
MAP_ACCESS = "access"  # blocked roads, crew routes, reached and unreachable targets
MAP_RETURN_PERIODS = "returnperiods"  # lines by the return period at which they first fail
MAP_POWER = "power"  # active sites by hours without power
MAP_ACTIONS = "actions"  # the action plan's proposed routes and sites, the chosen ones on top
MAPS = (MAP_EXPOSURE, MAP_CUTOFF, MAP_ACCESS, MAP_RETURN_PERIODS, MAP_POWER, MAP_ACTIONS)
# The maps shown in their own section rather than under "Maps".
SECTION_MAPS = (MAP_RETURN_PERIODS, MAP_POWER, MAP_ACTIONS)


@dataclass
class Table:
    """A table of text cells; ``sheet`` names it in the workbook (≤ 31 characters)."""

    sheet: str
    headers: List[str]
    rows: List[List[str]]
    numeric: List[bool] = field(default_factory=list)  # per column: align right
    # The same cells as values (float, int or str, None for empty), for the workbook.
    values: List[list] = field(default_factory=list)


@dataclass
class MapView:
    """One map: its key (one of ``MAPS``), caption and legend (label, ``#rrggbb``)."""

    key: str
    title: str
    legend: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class Chart:
    """A chart drawn as SVG (``report.chart``), shown alike in the HTML page and the PDF."""

    key: str
    title: str
    svg: str


@dataclass
class Section:
    """A heading with an optional paragraph, charts, tables and maps, in that order."""

    key: str  # stable id: figures, maps, nro, commune, returnperiods, power, plan, ranked, …
    title: str
    text: str = ""
    tables: List[Table] = field(default_factory=list)
    maps: List[MapView] = field(default_factory=list)
    charts: List[Chart] = field(default_factory=list)
    # Tables too long to read on paper (a row per hour): in the workbook only.
    sheets: List[Table] = field(default_factory=list)


@dataclass
class Document:
    title: str
    subtitle: str
    language: str  # two letters, e.g. "fr"
    sections: List[Section] = field(default_factory=list)
    footer: str = ""

    def section(self, key: str) -> Optional[Section]:
        return next((s for s in self.sections if s.key == key), None)

    def tables(self) -> List[Table]:
        """Every table, for the workbook: those shown, then those of the workbook only."""
        return [table for section in self.sections for table in section.tables + section.sheets]


def format_number(value, decimals: int = 0, language: str = "en") -> str:
    """``value`` with thousands grouped the way ``language`` writes them; '' for None.

    French groups with a narrow no-break space and uses a decimal comma (12 345,6).
    """
    if value is None or value != value:
        return ""
    text = f"{float(value):,.{decimals}f}"
    if language == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_share(value, language: str = "en") -> str:
    """A 0–1 share as a percentage with one decimal (12.5 %, or 12,5 % in French)."""
    if value is None or value != value:
        return ""
    return format_number(100.0 * float(value), 1, language) + "\u00a0%"
