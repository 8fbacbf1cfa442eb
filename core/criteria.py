"""The CRITERIA text of asset scoring: one criterion per line, human-readable, round-trips.

Format (what the scoring dock writes and ``fibreresilience:scoreassets`` reads)::

    # comment lines and blank lines are ignored
    hz_level | weight=3 | higher | minmax | nulls=lowest | label=Flood level
    rd_prem | weight=2 | higher | log | nulls=lowest
    rd_divers | weight=2 | lower | thresholds=1;2 | nulls=highest | label=Diversity
    `"gt_aer_m" / 1000` | weight=1 | higher | rank | nulls=exclude | label=Aerial km

The first item of a line is the *source*: a field name or a QGIS expression. The other
items, separated by ``|``, in any order:

- ``weight=<number>``: any number >= 0 (default 1); weights are divided by their sum, so
  they need not add up to 1 and the score always spans 0-100.
- ``higher`` (default) or ``lower``: whether a higher value means a higher risk.
- normalisation, one of ``minmax`` (default; (v - min) / (max - min)), ``rank`` (alias
  ``percentile``; average rank of tied values, scaled to 0-1), ``log`` (log(1 + v - min) /
  log(1 + max - min), for skewed counts such as premises), ``thresholds=t1;t2;...``
  (fixed increasing thresholds: values below t1 give 0, values >= the last give 1, and
  class i in between gives i / number of thresholds).
- ``nulls=lowest`` (default; a NULL counts as the lowest risk), ``nulls=highest`` or
  ``nulls=exclude`` (the feature gets no score, with a warning).
- ``label=<text>``: a readable name; ``name=<a-z0-9_, up to 7>``: forces the suffix of the
  ``sc_<name>`` contribution field (otherwise derived from the label or the source).

Keys and flags are case-insensitive. Any item whose text holds ``|``, a backtick, a line
break or a tab, or starts or ends with a space, is written between backticks; inside
backticks ``\\\\``, ``\\```, ``\\n``, ``\\r`` and ``\\t`` are escapes and any other
backslash is kept as is. :func:`format_criteria` quotes exactly when needed, so
``parse_criteria(format_criteria(c)) == c``.

The CLASSES text (``sc_class``) is ``breaks=20;40;60;80 | labels=very low;low;medium;high;
very high`` (fixed score breaks, a score equal to a break goes to the upper class) or
``quantiles=5`` (classes of equal counts; equal scores share a class; labels Q1..Q5, Q5 the
highest risk), with optional ``labels=`` separated by ``;``.
"""

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .errors import InputError

DIRECTIONS = ("higher", "lower")
NORMALISATIONS = ("minmax", "rank", "thresholds", "log")
NULL_POLICIES = ("lowest", "highest", "exclude")
_NORM_ALIASES = {
    "minmax": "minmax",
    "min-max": "minmax",
    "rank": "rank",
    "percentile": "rank",
    "log": "log",
}
_ESCAPES = {"\\": "\\", "`": "`", "n": "\n", "r": "\r", "t": "\t"}
_RESERVED_NAMES = ("score", "rank", "class")
_NAME_RE = re.compile(r"^[a-z0-9_]{1,7}$")

CLASS_BREAKS = (20.0, 40.0, 60.0, 80.0)
CLASS_LABELS = ("very low", "low", "medium", "high", "very high")


def classes_text(labels: Sequence[str] = CLASS_LABELS) -> str:
    """The CLASSES text of the default breaks (20, 40, 60, 80) with five labels; the
    plugin passes them translated, so that sc_class reads in the user's language."""
    breaks = ";".join(f"{b:g}" for b in CLASS_BREAKS)
    return f"breaks={breaks} | labels={';'.join(labels)}"


DEFAULT_CLASSES = classes_text()


@dataclass(frozen=True)
class Criterion:
    """One scoring criterion; ``source`` is a field name or a QGIS expression."""

    source: str
    weight: float = 1.0
    direction: str = "higher"
    normalisation: str = "minmax"
    thresholds: Tuple[float, ...] = ()
    nulls: str = "lowest"
    label: Optional[str] = None
    name: Optional[str] = None

    @property
    def title(self) -> str:
        """What to call the criterion in messages: its label, else its source."""
        return self.label or self.source


@dataclass(frozen=True)
class ClassSpec:
    """How sc_class is derived from sc_score."""

    kind: str  # "breaks" or "quantiles"
    breaks: Tuple[float, ...] = ()
    count: int = 0
    labels: Tuple[str, ...] = ()


def check_criterion(criterion: Criterion) -> None:
    """Raise InputError (without a line number) when the criterion cannot be used."""
    c = criterion
    if not c.source or not c.source.strip():
        raise InputError("A criterion has no field or expression.")
    if not (isinstance(c.weight, (int, float)) and math.isfinite(c.weight) and c.weight >= 0):
        raise InputError(f"Criterion '{c.title}': the weight must be a number >= 0.")
    if c.direction not in DIRECTIONS:
        raise InputError(f"Criterion '{c.title}': direction must be 'higher' or 'lower'.")
    if c.normalisation not in NORMALISATIONS:
        raise InputError(
            f"Criterion '{c.title}': unknown normalisation '{c.normalisation}' "
            f"(use {', '.join(NORMALISATIONS)})."
        )
    if c.normalisation == "thresholds":
        _check_increasing(c.thresholds, f"Criterion '{c.title}': thresholds")
    elif c.thresholds:
        raise InputError(f"Criterion '{c.title}': thresholds given without 'thresholds'.")
    if c.nulls not in NULL_POLICIES:
        raise InputError(f"Criterion '{c.title}': nulls must be one of {', '.join(NULL_POLICIES)}.")
    if c.name is not None and (not _NAME_RE.match(c.name) or c.name in _RESERVED_NAMES):
        raise InputError(
            f"Criterion '{c.title}': name '{c.name}' must be 1 to 7 characters among a-z, "
            f"0-9 and _, and not score, rank or class."
        )


def _check_increasing(values: Sequence[float], what: str) -> None:
    if not values:
        raise InputError(f"{what}: at least one value is needed.")
    if not all(math.isfinite(v) for v in values):
        raise InputError(f"{what} must be finite numbers.")
    if any(b <= a for a, b in zip(values, values[1:])):
        raise InputError(f"{what} must be strictly increasing.")


# ---------------------------------------------------------------- splitting and quoting


def _split_items(line: str, lineno: int) -> List[str]:
    """Split a line on ``|`` outside backticks; items keep their raw (quoted) text."""
    items, current, quoted, escaped = [], [], False, False
    for ch in line:
        if quoted:
            current.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == "`":
                quoted = False
        elif ch == "`":
            quoted = True
            current.append(ch)
        elif ch == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    if quoted:
        raise InputError(f"Line {lineno}: a backtick (`) is opened and never closed.")
    items.append("".join(current))
    return items


def _unquote(raw: str, lineno: int, what: str) -> str:
    text = raw.strip()
    if not text.startswith("`"):
        if "`" in text:
            raise InputError(
                f"Line {lineno}: {what} mixes plain text and backticks; wrap the whole "
                f"text in backticks."
            )
        return text
    if len(text) < 2 or not text.endswith("`"):
        raise InputError(f"Line {lineno}: {what} has text after its closing backtick.")
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
            continue
        if ch == "`":
            raise InputError(
                f"Line {lineno}: {what} has text after its closing backtick "
                f"(write \\` for a backtick inside backticks)."
            )
        out.append(ch)
        i += 1
    return "".join(out)


def _quote(text: str, is_source: bool = False) -> str:
    needs = (
        text == ""
        or text != text.strip()
        or any(ch in text for ch in "|`\n\r\t")
        or (is_source and text.startswith("#"))
    )
    if not needs:
        return text
    escaped = (
        text.replace("\\", "\\\\")
        .replace("`", "\\`")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f"`{escaped}`"


def _number(text: str, lineno: int, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"Line {lineno}: {what} '{text}' is not a number.") from None
    if not math.isfinite(value):
        raise InputError(f"Line {lineno}: {what} '{text}' is not a finite number.")
    return value


def _numbers(text: str, lineno: int, what: str) -> Tuple[float, ...]:
    parts = [p.strip() for p in text.split(";")]
    if not text.strip() or any(not p for p in parts):
        raise InputError(f"Line {lineno}: {what} needs numbers separated by ';'.")
    return tuple(_number(p, lineno, what) for p in parts)


def _format_number(value: float) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


# ---------------------------------------------------------------- criteria


def parse_criteria(text: str) -> List[Criterion]:
    """Parse a CRITERIA text; InputError names the line and what is wrong."""
    if text is None or not str(text).strip():
        raise InputError("No criteria: give at least one line 'field | weight=1'.")
    criteria = []
    for lineno, line in enumerate(str(text).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        criteria.append(_parse_line(line, lineno))
    if not criteria:
        raise InputError("No criteria: every line is blank or a comment.")
    contribution_names(criteria)  # raises on a clash of explicit names
    if sum(c.weight for c in criteria) <= 0:
        raise InputError("Every weight is zero: give at least one criterion a weight above 0.")
    return criteria


def _parse_line(line: str, lineno: int) -> Criterion:
    items = _split_items(line, lineno)
    if any(not item.strip() for item in items):
        raise InputError(
            f"Line {lineno}: an empty item between '|' separators; if the field or "
            f"expression itself holds '|' (such as ||), wrap it in backticks."
        )
    source = _unquote(items[0], lineno, "the field or expression")
    values: Dict[str, Any] = {"source": source}
    seen = set()
    for raw in items[1:]:
        stripped = raw.strip()
        if "=" in stripped and not stripped.startswith("`"):
            key, value_raw = stripped.split("=", 1)
            key = key.strip().lower()
            value = _unquote(value_raw, lineno, f"the value of '{key}'")
        else:
            key, value = _unquote(raw, lineno, "an item").lower(), None
        slot = _apply_item(values, key, value, lineno, stripped)
        if slot in seen:
            raise InputError(f"Line {lineno}: '{stripped}' sets the {slot} a second time.")
        seen.add(slot)
    criterion = Criterion(**values)
    try:
        check_criterion(criterion)
    except InputError as exc:
        raise InputError(f"Line {lineno}: {exc}") from None
    return criterion


def _apply_item(values: dict, key: str, value: Optional[str], lineno: int, raw: str) -> str:
    """Store one ``key=value`` or flag item; return the slot it fills."""
    if value is None:
        if key in DIRECTIONS:
            values["direction"] = key
            return "direction"
        if key in _NORM_ALIASES:
            values["normalisation"] = _NORM_ALIASES[key]
            return "normalisation"
        if key == "thresholds":
            raise InputError(f"Line {lineno}: 'thresholds' needs values, e.g. thresholds=1;2;3.")
        raise InputError(
            f"Line {lineno}: '{raw}' is not understood (expected weight=, higher, lower, "
            f"minmax, rank, log, thresholds=, nulls=, label= or name=)."
        )
    if key == "weight":
        weight = _number(value, lineno, "weight")
        if weight < 0:
            raise InputError(f"Line {lineno}: weight {value} is negative; use 'lower' instead.")
        values["weight"] = weight
        return "weight"
    if key == "direction":
        if value.lower() not in DIRECTIONS:
            raise InputError(f"Line {lineno}: direction must be 'higher' or 'lower'.")
        values["direction"] = value.lower()
        return "direction"
    if key in ("normalisation", "normalization", "norm"):
        if value.lower() not in _NORM_ALIASES:
            raise InputError(
                f"Line {lineno}: unknown normalisation '{value}' "
                f"(use minmax, rank, log or thresholds=...)."
            )
        values["normalisation"] = _NORM_ALIASES[value.lower()]
        return "normalisation"
    if key == "thresholds":
        values["normalisation"] = "thresholds"
        values["thresholds"] = _numbers(value, lineno, "thresholds")
        return "normalisation"
    if key == "nulls":
        if value.lower() not in NULL_POLICIES:
            raise InputError(
                f"Line {lineno}: nulls='{value}' is not one of lowest, highest, exclude."
            )
        values["nulls"] = value.lower()
        return "nulls"
    if key == "label":
        values["label"] = value
        return "label"
    if key == "name":
        values["name"] = value.lower()
        return "name"
    raise InputError(f"Line {lineno}: unknown key '{key}' in '{raw}'.")


def format_criterion(criterion: Criterion) -> str:
    """One criterion as its canonical line."""
    c = criterion
    items = [_quote(c.source, is_source=True), f"weight={_format_number(c.weight)}", c.direction]
    if c.normalisation == "thresholds":
        items.append("thresholds=" + ";".join(_format_number(t) for t in c.thresholds))
    else:
        items.append(c.normalisation)
    items.append(f"nulls={c.nulls}")
    if c.label is not None:
        items.append("label=" + _quote(c.label))
    if c.name is not None:
        items.append("name=" + c.name)
    return " | ".join(items)


def format_criteria(criteria: Sequence[Criterion]) -> str:
    """The CRITERIA text of a list of criteria (one line each)."""
    for c in criteria:
        check_criterion(c)
    return "\n".join(format_criterion(c) for c in criteria)


# ---------------------------------------------------------------- contribution fields


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if len(slug) > 7:
        slug = slug.replace("_", "")
    return slug[:7]


def contribution_names(criteria: Sequence[Criterion]) -> List[str]:
    """The ``sc_<criterion>`` field of each criterion: <= 10 characters, unique.

    An explicit ``name`` wins; otherwise the label (or the source) is reduced to a-z0-9_,
    underscores dropped if longer than 7 characters, cut at 7, and a clash gets a number.
    """
    taken = {f"sc_{r}" for r in _RESERVED_NAMES}
    names: List[Optional[str]] = [None] * len(criteria)
    for i, c in enumerate(criteria):
        if c.name is not None:
            name = f"sc_{c.name}"
            if name in taken:
                raise InputError(f"Two criteria are both named '{c.name}'.")
            taken.add(name)
            names[i] = name
    for i, c in enumerate(criteria):
        if names[i] is not None:
            continue
        base = _slug(c.label or c.source) or f"c{i + 1}"
        name, n = f"sc_{base}", 2
        while name in taken:
            suffix = str(n)
            name = f"sc_{base[: 7 - len(suffix)]}{suffix}"
            n += 1
        taken.add(name)
        names[i] = name
    return [str(n) for n in names]


# ---------------------------------------------------------------- classes


def parse_classes(text: Optional[str]) -> ClassSpec:
    """Parse a CLASSES text (``breaks=...`` or ``quantiles=n``, optional ``labels=``)."""
    text = DEFAULT_CLASSES if text is None or not str(text).strip() else str(text)
    kind: Optional[str] = None
    breaks: Tuple[float, ...] = ()
    count = 0
    labels: Optional[Tuple[str, ...]] = None
    for raw in _split_items(text.replace("\n", " "), 1):
        item = raw.strip()
        key, _, value = item.partition("=")
        key, value = key.strip().lower(), value.strip()
        if key == "breaks":
            kind = "breaks"
            breaks = _numbers(value, 1, "CLASSES breaks")
            _check_increasing(breaks, "CLASSES breaks")
        elif key == "quantiles":
            kind = "quantiles"
            if not value.isdigit() or not 2 <= int(value) <= 100:
                raise InputError("CLASSES quantiles must be a whole number from 2 to 100.")
            count = int(value)
        elif key == "labels":
            labels = tuple(p.strip() for p in value.split(";"))
        else:
            raise InputError(
                f"CLASSES: '{item}' is not understood (use breaks=20;40;60;80 or "
                f"quantiles=5, and optionally labels=a;b;...)."
            )
    if kind is None:
        raise InputError("CLASSES needs breaks=... or quantiles=n.")
    n_classes = len(breaks) + 1 if kind == "breaks" else count
    if labels is None:
        if kind == "breaks":
            edges = [_format_number(b) for b in breaks]
            labels = tuple(
                [f"<{edges[0]}"]
                + [f"{a}-{b}" for a, b in zip(edges, edges[1:])]
                + [f">={edges[-1]}"]
            )
        else:
            labels = tuple(f"Q{i}" for i in range(1, count + 1))
    if len(labels) != n_classes or any(not lab for lab in labels):
        raise InputError(
            f"CLASSES: {n_classes} classes need {n_classes} non-empty labels, "
            f"{len(labels)} given."
        )
    return ClassSpec(kind=kind, breaks=tuple(breaks), count=count, labels=labels)


# ---------------------------------------------------------------- presets and files

# Ready-made criteria for the fields our algorithms write (DESIGN.md), offered by the dock
# when the layer has them. Levels and diversity are small ordinal scales: fixed thresholds
# keep a level worth the same from one layer to the next. The annual probability of failure
# (rp_aep = 1 / rp_first, returnperiods) counts by decade, so that a line failing every 10
# years weighs 1, every 100 years 2/3, every 1,000 years 1/3, and one that never fails 0
# (NULL); rp_first is the same information inverted and is not offered beside it.
READY_MADE = (
    Criterion("hz_level", 3.0, "higher", "thresholds", (1.0, 2.0, 3.0, 4.0), label="Hazard"),
    Criterion("rp_aep", 3.0, "higher", "thresholds", (0.001, 0.01, 0.1), label="Failure frequency"),
    Criterion("rd_prem", 3.0, "higher", "log", label="Premises cut"),
    Criterion("rd_divers", 2.0, "lower", "thresholds", (1.0, 2.0), "highest", "Diversity"),
    Criterion("ac_delay", 2.0, "higher", "minmax", (), "highest", "Access delay"),
    Criterion("gt_prio", 1.0, "higher", "rank", label="Priority"),
    Criterion("gt_aer_m", 1.0, "higher", "log", label="Aerial length"),
)


def ready_made_criteria(field_names: Sequence[str]) -> List[Criterion]:
    """The ready-made criteria whose field exists among ``field_names``."""
    present = {name.lower() for name in field_names}
    return [c for c in READY_MADE if c.source.lower() in present]


_FILE_METHOD = "# method: "
_FILE_CLASSES = "# classes: "


def format_criteria_file(criteria: Sequence[Criterion], method: str, classes: str) -> str:
    """A criteria set as a file: CRITERIA text with method and classes in header comments.

    The file is itself a valid CRITERIA text (the header lines are comments).
    """
    classes = " ".join(str(classes).split())  # one line
    return (
        "# Fibre Resilience scoring criteria (fibreresilience:scoreassets CRITERIA)\n"
        f"{_FILE_METHOD}{method}\n{_FILE_CLASSES}{classes}\n{format_criteria(criteria)}\n"
    )


def parse_criteria_file(
    text: str, default_classes: str = DEFAULT_CLASSES
) -> Tuple[List[Criterion], str, str]:
    """``(criteria, method, classes)`` of a criteria file; without a method line the method
    is sum, without a classes line ``default_classes`` (the plugin passes its translated
    labels)."""
    method, classes = "sum", default_classes
    for line in str(text).splitlines():
        if line.startswith(_FILE_METHOD):
            method = line[len(_FILE_METHOD) :].strip()
        elif line.startswith(_FILE_CLASSES):
            classes = line[len(_FILE_CLASSES) :].strip()
    if method not in ("sum", "product"):
        raise InputError(f"Criteria file: method '{method}' is not sum or product.")
    parse_classes(classes)
    return parse_criteria(text), method, classes


def parse_saved_sets(text: str) -> Dict[str, dict]:
    """The criteria sets saved in a project entry (JSON name -> {criteria, method,
    classes}); an empty, unreadable or foreign entry gives no sets rather than an error,
    since the project may come from another version or have been edited by hand."""
    try:
        sets = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(sets, dict):
        return {}
    return {str(name): entry for name, entry in sets.items() if isinstance(entry, dict)}


def saved_set(criteria: Sequence[Criterion], method: str, classes: str) -> dict:
    """One criteria set as stored in the project."""
    return {"criteria": format_criteria(criteria), "method": method, "classes": classes}


def saved_set_file(entry: dict, default_classes: str = DEFAULT_CLASSES) -> str:
    """A saved set as the text of a criteria file (read back by parse_criteria_file)."""
    lines = [
        f"{_FILE_METHOD}{entry.get('method', 'sum')}",
        f"{_FILE_CLASSES}{entry.get('classes') or default_classes}",
        str(entry.get("criteria", "")),
    ]
    return "\n".join(lines)
