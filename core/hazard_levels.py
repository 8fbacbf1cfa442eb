"""Hazard levels 0–4 from the codes of French hazard data.

Level 0 means not exposed, 1 low, 2 medium, 3 high, 4 very high. A preset turns the
value of a hazard zone's field into a level:

``tri_scenario``
    TRI flood scenarios (COVADIS *Directive inondation*, field ``scenario``):
    ``01For`` = 4, ``02Moy`` = 3, ``03Mcc`` = 2, ``04Fai`` = 1. The *frequent* scenario
    (return period 10–30 years) is the most severe place to be: a site inside it floods
    every decade or two, with the deepest water, and the rarer scenarios' envelopes
    contain it. A site reached only by the extreme (≥ 1000-year) scenario is the least
    exposed. ``03Mcc`` (medium with climate change, mostly coastal) sits between medium
    and extreme.
``tri_depth``
    TRI water-depth classes: ``Inf05`` (< 0.5 m) = 1, ``05-1m`` = 2, ``1m-2m`` = 3,
    ``Sup2m`` = 4.
``ppr_level``
    PPR hazard level ``typeniveaualea`` (CNIG Géostandard Risques / COVADIS PPR code list):
    ``00`` nul ou négligeable = 0, ``01`` faible = 1, ``02`` moyen ou modéré = 2,
    ``03`` moyen plus = 2, ``04`` fort = 3, ``05`` fort plus = 3, ``06`` très fort ou
    majeur = 4, ``07`` très fort plus ou aggravé = 4, ``08`` exceptionnel (older drafts)
    = 4. The "plus" grades stay in their family, so the four families faible / moyen /
    fort / très fort give levels 1–4. ``99`` (autre) has no level: it is reported. The
    labels themselves (``Faible``, ``Moyen``, ``Fort``, ``Très fort``, ``Résiduel`` = 1 …)
    are accepted too.
``clay``
    BRGM clay shrink-swell: ``NIVEAU`` 1–3 or ``ALEA`` Faible / Moyen / Fort give 1–3;
    0 or ``Nul`` gives 0 (clay damages ducts slowly, so no class reaches level 4).
``groundwater``
    BRGM groundwater rise (``CLASSE``, remontée de nappes, 2018 map): zones prone to
    *débordement de nappe* (water at the surface) = 3, zones prone to *inondation de cave*
    (water table within a few metres: chambers and buried ducts under water) = 2,
    *pas de débordement … ni d'inondation de cave* = 0. Numeric codes in the map's legend
    order: 1 = 3, 2 = 2, 3 = 0. The older sensitivity map's labels are accepted too
    (nappe sub-affleurante = 4, sensibilité très forte = 3, forte = 2, moyenne to très
    faible = 1, inexistante = 0).
``thresholds``
    ``LEVELS`` = ``"0.1;0.5;1;2"``: a value >= t1 is level 1, >= t2 level 2 … ; below t1 is
    0. One to four increasing thresholds.
``custom``
    ``LEVELS`` = ``"value=level;…"``, compared case-insensitive and trimmed.
``level_field``
    The field already holds the level 0–4.
``auto``
    ``LEVELS`` when given (custom when it holds ``=``, else thresholds); otherwise a preset
    hinted by the field name whose codes match every value; otherwise the code preset that
    matches the most text values; otherwise integers 0–4 are taken as levels.

Values that match nothing get level 0 and are returned in ``unmatched`` so that the
caller warns with them; nothing is dropped silently.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Union

import numpy as np

from .errors import InputError

MAX_LEVEL = 4

# Preset names in the order of the algorithm's PRESET enum (append only).
PRESETS = (
    "auto",
    "tri_scenario",
    "tri_depth",
    "ppr_level",
    "clay",
    "groundwater",
    "thresholds",
    "custom",
    "level_field",
)
CODE_PRESETS = ("tri_scenario", "tri_depth", "ppr_level", "clay", "groundwater")
NULL_LABEL = "NULL"


@dataclass
class LevelMapping:
    """Per-value levels, the preset used and the distinct values that matched nothing."""

    levels: np.ndarray  # int, 0–4, one per input value
    values: np.ndarray  # float, the numeric value where there is one, NaN otherwise
    classes: np.ndarray  # object, the value as text ("" where None)
    preset: str
    unmatched: List[str] = field(default_factory=list)


def normalize(value) -> Optional[str]:
    """The comparison key of a value: trimmed, lower case, without accents; None for NULL."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return None
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = unicodedata.normalize("NFKD", str(value).strip().lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text)
    return text if text else None


def _number(value) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = (
            float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
        )
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _is_numeric_like(value) -> bool:
    """Numbers and plain numeric text; zero-padded codes such as ``01`` are codes, not numbers."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) >= 2 and text[0] == "0" and text[1].isdigit():
            return False
    return _number(value) is not None


# --------------------------------------------------------------------------- presets


def _table(pairs: Dict[str, int]) -> Dict[str, int]:
    return {str(normalize(k)): v for k, v in pairs.items()}


_TRI_SCENARIO = _table(
    {
        "01For": 4,
        "02Moy": 3,
        "03Mcc": 2,
        "04Fai": 1,
        "For": 4,
        "Moy": 3,
        "Mcc": 2,
        "Fai": 1,
    }
)
_TRI_DEPTH = _table(
    {
        "Inf05": 1,
        "05-1m": 2,
        "1m-2m": 3,
        "Sup2m": 4,
        "Inf0.5m": 1,
        "0.5-1m": 2,
        "1-2m": 3,
        "Sup2": 4,
    }
)
_PPR = _table(
    {
        "00": 0,
        "01": 1,
        "02": 2,
        "03": 2,
        "04": 3,
        "05": 3,
        "06": 4,
        "07": 4,
        "08": 4,
        "nul": 0,
        "nul ou negligeable": 0,
        "negligeable": 0,
        "tres faible ou nul": 0,
        "residuel": 1,
        "faible": 1,
        "moyen": 2,
        "modere": 2,
        "moyen ou modere": 2,
        "moyen plus": 2,
        "fort": 3,
        "fort plus": 3,
        "tres fort": 4,
        "majeur": 4,
        "tres fort ou majeur": 4,
        "tres fort plus": 4,
        "tres fort plus ou aggrave": 4,
        "exceptionnel": 4,
    }
)
_PPR_NUMERIC = {str(i): _PPR[f"0{i}"] for i in range(0, 9)}
_CLAY = _table({"Nul": 0, "Faible": 1, "Moyen": 2, "Fort": 3, "a priori nul": 0})
_CLAY_NUMERIC = {"0": 0, "1": 1, "2": 2, "3": 3}
_GROUNDWATER_NUMERIC = {"1": 3, "2": 2, "3": 0}
_GROUNDWATER_OLD = _table(
    {
        "nappe sub-affleurante": 4,
        "sensibilite tres forte": 3,
        "sensibilite forte": 2,
        "sensibilite moyenne": 1,
        "sensibilite faible": 1,
        "sensibilite tres faible": 1,
        "sensibilite inexistante": 0,
        "tres elevee": 4,
        "inexistante": 0,
    }
)


def _groundwater(key: str) -> Optional[int]:
    if key in _GROUNDWATER_OLD:
        return _GROUNDWATER_OLD[key]
    if key.startswith("pas de") or key.startswith("aucun") or key in ("nul", "neant"):
        return 0
    if "debordement" in key:
        return 3
    if "cave" in key:
        return 2
    return None


def _lookup(text_table: Dict[str, int], numeric_table: Dict[str, int]) -> Callable:
    def match(value, key: str) -> Optional[int]:
        if key in text_table:
            return text_table[key]
        if _is_numeric_like(value):
            number = _number(value)
            if number is not None and number.is_integer():
                return numeric_table.get(str(int(number)))
        return None

    return match


def _groundwater_match(value, key: str) -> Optional[int]:
    if _is_numeric_like(value):
        number = _number(value)
        if number is not None and number.is_integer():
            return _GROUNDWATER_NUMERIC.get(str(int(number)))
        return None
    return _groundwater(key)


_CODE_MATCHERS: Dict[str, Callable[..., Optional[int]]] = {
    "tri_scenario": _lookup(_TRI_SCENARIO, {}),
    "tri_depth": _lookup(_TRI_DEPTH, {}),
    "ppr_level": _lookup(_PPR, _PPR_NUMERIC),
    "clay": _lookup(_CLAY, _CLAY_NUMERIC),
    "groundwater": _groundwater_match,
}

# Field names (lower case, contained) that hint at a preset in auto mode.
_FIELD_HINTS = (
    ("scenario", "tri_scenario"),
    ("occurrence", "tri_scenario"),
    ("niveaualea", "ppr_level"),
    ("niveau_alea", "ppr_level"),
    ("classe", "groundwater"),
)
_EXACT_FIELD_HINTS = {"niveau": "clay", "alea": "clay"}


def _level_field_match(value, key: str) -> Optional[int]:
    number = _number(value)
    if number is not None and number.is_integer() and 0 <= number <= MAX_LEVEL:
        return int(number)
    return None


# --------------------------------------------------------------------------- LEVELS text


def parse_thresholds(text: str) -> np.ndarray:
    """``"0.1;0.5;1;2"`` → increasing thresholds of levels 1.. (one to four of them)."""
    parts = [p.strip() for p in re.split(r";|\s+", (text or "").strip()) if p.strip()]
    if not parts:
        raise InputError("LEVELS is empty: give thresholds such as 0.1;0.5;1;2.")
    thresholds = []
    for part in parts:
        try:
            thresholds.append(float(part.replace(",", ".")))
        except ValueError:
            raise InputError(
                f'LEVELS: "{part}" is not a number (thresholds are written 0.1;0.5;1;2).'
            ) from None
    if len(thresholds) > MAX_LEVEL:
        raise InputError(
            f"LEVELS: at most {MAX_LEVEL} thresholds (levels 1–4), got {len(thresholds)}."
        )
    values = np.array(thresholds, dtype=float)
    if not np.all(np.isfinite(values)):
        raise InputError("LEVELS: thresholds must be finite numbers.")
    if np.any(np.diff(values) <= 0):
        raise InputError(f"LEVELS: thresholds must increase strictly, got {text.strip()}.")
    return values


def levels_from_thresholds(
    values: np.ndarray, thresholds: Union[Sequence[float], np.ndarray]
) -> np.ndarray:
    """Level = how many thresholds the value reaches (value >= t); NaN gives 0."""
    values = np.asarray(values, dtype=float)
    levels = np.searchsorted(np.asarray(thresholds, dtype=float), values, side="right")
    levels[~np.isfinite(values)] = 0
    return levels.astype(np.int64)


def parse_custom(text: str) -> Dict[str, int]:
    """``"01For=4; 02Moy=3"`` → {normalized value: level}; numeric keys match numbers too."""
    items = [p.strip() for p in (text or "").split(";") if p.strip()]
    if not items:
        raise InputError("LEVELS is empty: give value=level pairs such as 01For=4;02Moy=3.")
    table: Dict[str, int] = {}
    for item in items:
        if "=" not in item:
            raise InputError(f'LEVELS: "{item}" is not a value=level pair (for example 02Moy=3).')
        raw, _, level_text = item.rpartition("=")
        try:
            level = int(level_text.strip())
        except ValueError:
            raise InputError(
                f'LEVELS: level "{level_text.strip()}" of "{item}" is not 0–4.'
            ) from None
        if not 0 <= level <= MAX_LEVEL:
            raise InputError(f'LEVELS: level {level} of "{item}" is not 0–4.')
        keys = {normalize(raw)}
        if _is_numeric_like(raw.strip()):
            keys.add(normalize(_number(raw)))
        if None in keys:
            raise InputError(f'LEVELS: "{item}" has no value before "=".')
        for key in keys:
            assert key is not None  # checked just above
            if table.get(key, level) != level:
                raise InputError(f'LEVELS: value "{raw.strip()}" is given two levels.')
            table[key] = level
    return table


# --------------------------------------------------------------------------- mapping


def _distinct(values: Sequence) -> Dict[Optional[str], object]:
    """One representative raw value per normalized key."""
    seen: Dict[Optional[str], object] = {}
    for value in values:
        key = normalize(value)
        if key not in seen:
            seen[key] = value
    return seen


def _count_matches(matcher, distinct: Dict, text_only: bool) -> int:
    return sum(
        1
        for key, raw in distinct.items()
        if key is not None
        and not (text_only and _is_numeric_like(raw))
        and matcher(raw, key) is not None
    )


def choose_preset(values: Sequence, levels_text: str = "", field_name: str = "") -> str:
    """The preset ``auto`` resolves to (see the module docstring)."""
    if (levels_text or "").strip():
        return "custom" if "=" in levels_text else "thresholds"
    distinct = {k: v for k, v in _distinct(values).items() if k is not None}
    if not distinct:
        return "level_field"
    name = (field_name or "").strip().lower()
    hinted = [preset for token, preset in _FIELD_HINTS if token in name]
    if name in _EXACT_FIELD_HINTS:
        hinted.append(_EXACT_FIELD_HINTS[name])
    for preset in hinted:
        if _count_matches(_CODE_MATCHERS[preset], distinct, text_only=False) == len(distinct):
            return preset
    best, best_count = None, 0
    for preset in CODE_PRESETS:
        count = _count_matches(_CODE_MATCHERS[preset], distinct, text_only=True)
        if count > best_count:
            best, best_count = preset, count
    if best is not None:
        return best
    if all(_level_field_match(raw, key) is not None for key, raw in distinct.items()):
        return "level_field"
    sample = ", ".join(sorted(str(v) for v in list(distinct.values())[:8]))
    raise InputError(
        "Cannot guess hazard levels from the values of the hazard field "
        f"({sample}…): choose a PRESET, or give LEVELS (thresholds such as 0.1;0.5;1;2, "
        "or value=level pairs)."
    )


def map_levels(
    values: Optional[Sequence],
    preset: str = "auto",
    levels_text: str = "",
    field_name: str = "",
    count: Optional[int] = None,
) -> LevelMapping:
    """Levels 0–4 of hazard zones from their field values.

    ``values`` None (no field) gives every zone level 1 (``count`` zones). Unknown values
    get level 0 and are listed in ``unmatched`` (``NULL`` for missing values).
    """
    if values is None:
        n = int(count or 0)
        return LevelMapping(
            levels=np.ones(n, dtype=np.int64),
            values=np.full(n, np.nan),
            classes=np.full(n, "", dtype=object),
            preset="none",
        )
    values = list(values)
    if preset not in PRESETS:
        raise InputError(f'Unknown hazard preset "{preset}"; expected one of {", ".join(PRESETS)}.')
    if preset == "auto":
        preset = choose_preset(values, levels_text, field_name)
    if preset in ("thresholds", "custom") and not (levels_text or "").strip():
        raise InputError(f'The "{preset}" preset needs LEVELS.')

    numbers = np.array(
        [_number(v) if _number(v) is not None else np.nan for v in values], dtype=float
    )
    classes = np.array(
        ["" if normalize(v) is None else str(v).strip() for v in values], dtype=object
    )
    levels = np.zeros(len(values), dtype=np.int64)
    matched = np.zeros(len(values), dtype=bool)

    if preset == "thresholds":
        thresholds = parse_thresholds(levels_text)
        matched = np.isfinite(numbers)
        levels = levels_from_thresholds(numbers, thresholds)
    else:
        matcher: Callable[..., Optional[int]]
        if preset == "custom":
            table = parse_custom(levels_text)

            def matcher(raw, key):
                return table.get(key)

        elif preset == "level_field":
            matcher = _level_field_match
        else:
            matcher = _CODE_MATCHERS[preset]
        cache: Dict[Optional[str], Optional[int]] = {}
        for i, value in enumerate(values):
            key = normalize(value)
            if key not in cache:
                cache[key] = None if key is None else matcher(value, key)
            level = cache[key]
            if level is not None:
                levels[i] = level
                matched[i] = True

    unmatched = sorted(
        {
            NULL_LABEL if normalize(v) is None else str(v).strip()
            for v, ok in zip(values, matched)
            if not ok
        }
    )
    return LevelMapping(
        levels=levels, values=numbers, classes=classes, preset=preset, unmatched=unmatched
    )
