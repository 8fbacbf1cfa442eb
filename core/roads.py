"""Road graph for crew travel: speeds, one-way travel and bridges from presets, CSR graph.

Presets read the fields their data source writes:

- ``osm``: ``highway`` (+ ``maxspeed``, ``junction``, ``bridge``, ``access``,
  ``motor_vehicle``; one-way travel from ``oneway`` given as DIRECTION_FIELD), including
  the list-like text (``"['70', '50']"``) and ``'nan'`` that OSMnx writes. A list of
  speeds gives the *lowest* one (a crew plans on the slowest stretch of a merged edge); a
  list of road classes gives the slowest class, and the road is not drivable if any of its
  classes is not.
- ``bdtopo``: IGN BD TOPO ``troncon_de_route`` (``vitesse_moyenne_vl``, ``nature``,
  ``position_par_rapport_au_sol``, ``etat_de_l_objet``, ``acces_vehicule_leger``; v2
  ``franchisst``); one-way travel from ``sens_de_circulation`` given as DIRECTION_FIELD.
- ``none``: only the speed and direction fields the caller gives.

A road is cut into *pieces* at positions along it (flood boundaries, snapped depots and
targets); :func:`cut_pieces` turns roads and cuts into graph pieces and :func:`piece_graph`
into a CSR matrix of travel minutes.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Dict, Mapping, Optional, Sequence

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from .errors import InputError

PRESETS = ("none", "osm", "bdtopo")
# The exclusion reason of roads whose SPEED_FIELD value is NaN, infinite or negative.
INVALID_SPEED = "invalid speed"
FORWARD, BOTH, BACKWARD = 1, 0, -1

# Default car speeds (km/h) by OSM highway class when maxspeed is missing; close to the
# usual routing-engine car profiles, on the slow side for links and minor roads.
OSM_SPEEDS = {
    "motorway": 110.0,
    "motorway_link": 50.0,
    "trunk": 90.0,
    "trunk_link": 45.0,
    "primary": 70.0,
    "primary_link": 40.0,
    "secondary": 60.0,
    "secondary_link": 35.0,
    "tertiary": 50.0,
    "tertiary_link": 30.0,
    "unclassified": 40.0,
    "residential": 30.0,
    "living_street": 10.0,
    "service": 20.0,
    "road": 30.0,
    "track": 15.0,
    "busway": 30.0,
}
OSM_NOT_DRIVABLE = frozenset(
    {
        "footway",
        "cycleway",
        "path",
        "steps",
        "pedestrian",
        "bridleway",
        "corridor",
        "construction",
        "proposed",
        "abandoned",
        "disused",
        "razed",
        "platform",
        "bus_guideway",
        "elevator",
        "escalator",
        "via_ferrata",
    }
)
# Implicit speed limits ('FR:urban', 'DE:rural', 'GB:nsl_single'...): country first, then kind.
OSM_IMPLICIT_SPEEDS = {
    "de:rural": 100.0,
    "at:rural": 100.0,
    "gb:nsl_single": 96.56,
    "gb:nsl_dual": 112.65,
    "gb:motorway": 112.65,
    "urban": 50.0,
    "rural": 80.0,
    "motorway": 130.0,
    "trunk": 110.0,
    "living_street": 20.0,
    "walk": 6.0,
}
# BD TOPO nature -> speed (km/h) when vitesse_moyenne_vl is empty (accents and case ignored).
BDTOPO_SPEEDS = {
    "type autoroutier": 110.0,
    "autoroute": 110.0,
    "quasi-autoroute": 90.0,
    "route a 2 chaussees": 80.0,
    "route a 1 chaussee": 60.0,
    "bretelle": 50.0,
    "rond-point": 30.0,
    "route empierree": 20.0,
    "chemin": 15.0,
}
BDTOPO_NOT_DRIVABLE = frozenset(
    {
        "sentier",
        "escalier",
        "piste cyclable",
        "bac ou liaison maritime",
        "bac auto",
        "bac pieton",
    }
)
_NULL_TEXT = frozenset({"", "nan", "none", "null", "<na>"})
_FORWARD_WORDS = frozenset(
    {"forward", "f", "ft", "yes", "true", "1", "t", "y", "sens direct", "direct", "+1"}
)
_BACKWARD_WORDS = frozenset({"backward", "tf", "-1", "reverse", "sens inverse", "inverse"})
_BOTH_WORDS = frozenset(
    {"both", "no", "false", "0", "n", "double sens", "double", "sans objet"}
    | {"reversible", "alternating"}  # time-dependent: counted as both ways
)
_SPEED = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(mph|km/h|kmh|kph|knots)?$")
_ZONE = re.compile(r"zone:?(\d+)$")
_UNITS = {None: 1.0, "km/h": 1.0, "kmh": 1.0, "kph": 1.0, "mph": 1.609344, "knots": 1.852}


def run_starts(*arrays: np.ndarray) -> np.ndarray:
    """True where any of the (sorted) arrays differs from its previous element, and at 0."""
    size = arrays[0].shape[0]
    out = np.ones(size, bool)
    if size > 1:
        out[1:] = np.any([a[1:] != a[:-1] for a in arrays], axis=0)
    return out


def vertex_positions(lines: np.ndarray):
    """Vertices of the lines in bulk: (xy, owner line, position along the owner line)."""
    coords, owner = shapely.get_coordinates(lines, return_index=True)
    step = np.sqrt(((coords[1:] - coords[:-1]) ** 2).sum(axis=1))
    cum = np.zeros(coords.shape[0])
    cum[1:] = np.cumsum(np.where(owner[1:] == owner[:-1], step, 0.0))
    first = np.flatnonzero(run_starts(owner))
    return coords, owner, cum - cum[first][owner] if first.size else cum


def _norm(value) -> str:
    """Lower-case text without accents; '' for NULL, NaN and 'nan'."""
    if value is None:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "1" if value else "0"
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text = text.strip().lower()
    return "" if text in _NULL_TEXT else text


def _tokens(text: str) -> list:
    """The values of an OSMnx list ("['70', '50']") or an OSM multi-value ('50;30')."""
    if text.startswith("[") and text.endswith("]"):
        parts = text[1:-1].split(",")
    else:
        parts = re.split(r"[;|]", text)
    out = [p.strip().strip("'\"").strip() for p in parts]
    return [p for p in out if p and p not in _NULL_TEXT]


def _map_unique(values, func) -> np.ndarray:
    """``func`` of the normalised text, once per distinct value (layers repeat a few a lot)."""
    values = np.asarray(values, dtype=object)
    if values.size == 0:
        return np.zeros(0)
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    mapped = np.array([func(_norm(u)) for u in uniq] + [func("")])
    return mapped[codes]  # code -1 (NULL, NaN) takes the last entry: func("")


def _one_speed(token: str) -> float:
    match = _SPEED.match(token)
    if match:
        return float(match.group(1).replace(",", ".")) * _UNITS[match.group(2)]
    zone = _ZONE.search(token)
    if zone:
        return float(zone.group(1))
    if token in OSM_IMPLICIT_SPEEDS:
        return OSM_IMPLICIT_SPEEDS[token]
    kind = token.split(":", 1)[-1]
    return OSM_IMPLICIT_SPEEDS.get(kind, np.nan)


def _speed_text(text: str) -> float:
    speeds = [_one_speed(t) for t in _tokens(text)]
    speeds = [s for s in speeds if np.isfinite(s)]
    return min(speeds) if speeds else np.nan


def parse_maxspeed(values: Sequence) -> np.ndarray:
    """OSM ``maxspeed`` values to km/h (NaN when unknown); lists give their lowest speed.

    Accepts numbers, '50', '50 mph', '30 knots', "['70', '50']", '50;30', implicit limits
    ('FR:urban', 'DE:zone30', 'GB:nsl_single') and NULL/'nan'/'signals'/'none' (NaN).
    """
    return _map_unique(values, _speed_text).astype(float)


def parse_direction(values: Sequence) -> np.ndarray:
    """Direction words to +1 (forward, along the line), -1 (backward) or 0 (both ways).

    Understands OSM ``oneway`` (yes/true/1, -1/reverse, no/false/0), BD TOPO
    ``sens_de_circulation`` ('Sens direct', 'Sens inverse', 'Double sens', 'Sans objet') and
    plain forward/backward/both. NULL means both ways. Unknown words give 2 so the caller can
    count them (then travel is allowed both ways).
    """

    def one(text: str) -> int:
        if text == "" or text in _BOTH_WORDS:
            return BOTH
        if text in _FORWARD_WORDS:
            return FORWARD
        if text in _BACKWARD_WORDS:
            return BACKWARD
        return 2

    return _map_unique(values, one).astype(np.int8)


def _numbers(values: Sequence, n: int) -> np.ndarray:
    """Numeric values with NaN for NULL and non-numeric text."""

    def one(text: str) -> float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return np.nan

    out = _map_unique(values, one).astype(float)
    return out if out.size else np.full(n, np.nan)


@dataclass
class RoadAttributes:
    """Per input road: speed (km/h), direction (+1, -1, 0), bridge flag, drivability."""

    speed_kmh: np.ndarray
    direction: np.ndarray
    bridge: np.ndarray
    drivable: np.ndarray
    excluded: Dict[str, int] = field(default_factory=dict)  # reason -> roads
    speed_defaulted: int = 0  # roads given DEFAULT_SPEED
    direction_unknown: int = 0  # unknown direction words, travelled both ways


def _column(columns: Mapping[str, Sequence], name: str, n: int):
    given = columns.get(name)
    if given is None:
        return None
    values = np.asarray(given, dtype=object)
    if values.shape[0] != n:
        raise InputError(f"Field '{name}' has {values.shape[0]} values for {n} roads.")
    return values


def _osm_preset(columns, n):
    """Speed, implied one-way, bridge and not-drivable reasons from OSM fields."""
    speed = np.full(n, np.nan)
    bridge = np.zeros(n, bool)
    reasons = {}
    highway = _column(columns, "highway", n)
    if highway is not None:

        def classes(text):
            return _tokens(text) or [""]

        speed = _map_unique(
            highway, lambda t: min(OSM_SPEEDS.get(c, np.nan) for c in classes(t))
        ).astype(float)
        blocked = _map_unique(
            highway, lambda t: any(c in OSM_NOT_DRIVABLE for c in classes(t))
        ).astype(bool)
        reasons["highway not drivable"] = blocked
    maxspeed = _column(columns, "maxspeed", n)
    if maxspeed is not None:
        tagged = parse_maxspeed(maxspeed)
        speed = np.where(np.isfinite(tagged), tagged, speed)
    for name in ("access", "motor_vehicle", "motorcar"):
        values = _column(columns, name, n)
        if values is not None:
            no = _map_unique(values, lambda t: "no" in _tokens(t)).astype(bool)
            reasons[f"{name}=no"] = no
    # OSM implies oneway=yes on roundabouts and motorways when the tag is absent.
    implied = np.zeros(n, bool)
    junction = _column(columns, "junction", n)
    if junction is not None:
        implied |= _map_unique(junction, lambda t: t in ("roundabout", "circular")).astype(bool)
    if highway is not None:
        implied |= _map_unique(highway, lambda t: _tokens(t) == ["motorway"]).astype(bool)
    tag = _column(columns, "bridge", n)
    if tag is not None:
        bridge = _map_unique(
            tag, lambda t: any(v not in ("no", "0", "false") for v in _tokens(t))
        ).astype(bool)
    return speed, implied, bridge, reasons


def _bdtopo_preset(columns, n):
    """Speed, (no) implied one-way, bridge and not-drivable reasons from BD TOPO fields."""
    speed = np.full(n, np.nan)
    bridge = np.zeros(n, bool)
    reasons = {}
    nature = _column(columns, "nature", n)
    if nature is not None:
        speed = _map_unique(nature, lambda t: BDTOPO_SPEEDS.get(t, np.nan)).astype(float)
        reasons["nature not drivable"] = _map_unique(
            nature, lambda t: t in BDTOPO_NOT_DRIVABLE
        ).astype(bool)
    vitesse = _column(columns, "vitesse_moyenne_vl", n)
    if vitesse is not None:
        given = _numbers(vitesse, n)
        reasons["zero speed"] = given == 0
        speed = np.where(given > 0, given, speed)
    state = _column(columns, "etat_de_l_objet", n)
    if state is not None:
        reasons["under construction"] = _map_unique(state, lambda t: "construction" in t).astype(
            bool
        )
    vl = _column(columns, "acces_vehicule_leger", n)
    if vl is not None:
        reasons["no light-vehicle access"] = _map_unique(vl, lambda t: "impossible" in t).astype(
            bool
        )
    level = _column(columns, "position_par_rapport_au_sol", n)
    if level is not None:
        bridge = np.nan_to_num(_numbers(level, n), nan=0.0) > 0
    crossing = _column(columns, "franchisst", n)
    if crossing is not None:
        bridge |= _map_unique(crossing, lambda t: t == "pont").astype(bool)
    return speed, np.zeros(n, bool), bridge, reasons


_PRESET_FIELDS = {
    "osm": ("highway", "maxspeed", "bridge"),
    "bdtopo": ("vitesse_moyenne_vl", "nature", "position_par_rapport_au_sol"),
}


def road_attributes(
    n: int,
    columns: Optional[Mapping[str, Sequence]] = None,
    preset: str = "none",
    speed: Optional[Sequence] = None,
    direction: Optional[Sequence] = None,
    default_speed: float = 50.0,
    bridge: Optional[Sequence] = None,
) -> RoadAttributes:
    """Speeds, directions, bridges and drivability of ``n`` roads.

    ``speed`` (SPEED_FIELD, km/h) wins where it is a positive number, and 0 excludes the
    road, as NaN, infinite and negative values do (reason :data:`INVALID_SPEED`); elsewhere
    the preset's speed, else ``default_speed`` (NULL too). One-way travel comes only from
    ``direction`` (DIRECTION_FIELD: OSM ``oneway``, BD TOPO ``sens_de_circulation`` or
    forward/backward/both); without it every road is two-way. With the OSM preset, an empty
    direction on a roundabout or motorway means forward, as OSM implies. ``bridge`` (e.g. a
    BRIDGE_EXPRESSION result) adds bridges to those the preset finds. ``columns`` maps the
    preset's field names to values; missing fields count as NULL.
    """
    if preset not in PRESETS:
        raise InputError(f"Unknown speed preset '{preset}' (use one of {', '.join(PRESETS)}).")
    if not default_speed or not np.isfinite(default_speed) or default_speed <= 0:
        raise InputError("The default speed must be a positive number of km/h.")
    columns = dict(columns or {})
    if preset != "none" and not any(columns.get(f) is not None for f in _PRESET_FIELDS[preset]):
        raise InputError(
            f"The {preset} speed preset needs at least one of the fields "
            f"{', '.join(_PRESET_FIELDS[preset])} on the roads layer."
        )
    if preset == "osm":
        preset_speed, implied, bridges, reasons = _osm_preset(columns, n)
    elif preset == "bdtopo":
        preset_speed, implied, bridges, reasons = _bdtopo_preset(columns, n)
    else:
        preset_speed = np.full(n, np.nan)
        implied = np.zeros(n, bool)
        bridges = np.zeros(n, bool)
        reasons = {}
    result_speed = preset_speed
    if speed is not None:
        raw = _column({"speed": speed}, "speed", n)
        given = _numbers(raw, n)
        reasons["zero speed"] = reasons.get("zero speed", np.zeros(n, bool)) | (given == 0)
        # NaN, not NULL (a NaN is the only value unequal to itself), infinite or negative:
        # no speed to trust, and no reason to think the road is drivable at the default
        invalid = np.asarray(raw != raw, dtype=bool) | np.isinf(given) | (given < 0)
        if invalid.any():
            reasons[INVALID_SPEED] = invalid
        result_speed = np.where((given > 0) & ~invalid, given, preset_speed)
    defaulted = ~(result_speed > 0)
    result_speed = np.where(defaulted, float(default_speed), result_speed)
    dirs = np.full(n, BOTH, dtype=np.int8)
    if direction is not None:
        raw = _column({"direction": direction}, "direction", n)
        dirs = parse_direction(raw)
        empty = _map_unique(raw, lambda t: t == "").astype(bool)
        dirs = np.where(empty & implied, FORWARD, dirs).astype(np.int8)
    unknown = dirs == 2
    dirs = np.where(unknown, BOTH, dirs).astype(np.int8)
    if bridge is not None:
        flags = np.asarray(bridge, dtype=object)
        bridges = bridges | _map_unique(flags, lambda t: t not in ("", "0", "false", "no")).astype(
            bool
        )
    drivable = np.ones(n, bool)
    excluded = {}
    for reason, mask in reasons.items():
        newly = mask & drivable
        if newly.any():
            excluded[reason] = int(newly.sum())
        drivable &= ~mask
    return RoadAttributes(
        speed_kmh=result_speed.astype(float),
        direction=dirs,
        bridge=np.asarray(bridges, bool),
        drivable=drivable,
        excluded=excluded,
        speed_defaulted=int((defaulted & drivable).sum()),
        direction_unknown=int(unknown.sum()),
    )


@dataclass
class RoadNetwork:
    """Drivable road lines (one per single part) with their end nodes and shared vertices.

    ``road`` is the input feature index of each line. Nodes are road end points and the
    interior vertices shared by two roads (raw OSM ways cross at shared vertices), merged
    within ``tolerance``; ``junction_*`` lists the interior ones as (line, position, node).
    """

    lines: np.ndarray
    road: np.ndarray
    length: np.ndarray
    speed_kmh: np.ndarray
    direction: np.ndarray
    bridge: np.ndarray
    start_node: np.ndarray
    end_node: np.ndarray
    node_xy: np.ndarray
    junction_line: np.ndarray
    junction_pos: np.ndarray
    junction_node: np.ndarray
    attributes: RoadAttributes
    tolerance: float
    skipped_geometry: int = 0  # NULL, empty or non-line geometries

    @property
    def n_nodes(self) -> int:
        return int(self.node_xy.shape[0])

    @cached_property
    def vertices(self):
        """``vertex_positions`` of the lines and their sortable "line + fraction" keys."""
        coords, owner, cum = vertex_positions(self.lines)
        span = np.maximum(self.length, 1e-300)
        frac = np.minimum(cum / span[owner], 1.0)
        # Summed steps may fall short of shapely's length: the last vertex is the line's end.
        frac[np.r_[owner[1:] != owner[:-1], True] if owner.size else []] = 1.0
        return coords, owner, cum, owner + frac * 0.5

    @cached_property
    def tree(self) -> shapely.STRtree:
        """A spatial index of the lines, built once for every snap."""
        return shapely.STRtree(self.lines)

    def points_at(self, line: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """xy of the points at ``pos`` metres along ``line`` (vectorised interpolation)."""
        line = np.asarray(line, np.int64)
        pos = np.clip(np.asarray(pos, float), 0.0, self.length[line])
        coords, owner, cum, key = self.vertices
        span = np.maximum(self.length[line], 1e-300)
        i = np.searchsorted(key, line + pos / span * 0.5, side="right") - 1
        # The segment [i, i + 1] must belong to the line: clip to its first and last segment.
        first = np.searchsorted(owner, line, side="left")
        last = np.searchsorted(owner, line, side="right") - 2
        i = np.clip(i, first, last)
        seg = cum[i + 1] - cum[i]
        t = np.divide(pos - cum[i], seg, out=np.zeros(seg.shape), where=seg > 0)
        t = np.clip(t, 0.0, 1.0)[:, None]
        return coords[i] * (1.0 - t) + coords[i + 1] * t


def _cluster(xy: np.ndarray, tolerance: float) -> np.ndarray:
    """Cluster label of each point: points within ``tolerance`` (transitively) share one."""
    if xy.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    # Exact duplicates first (roads meeting at a shared vertex: most of the points), by a
    # sort; the k-d tree then only sees distinct points, with far fewer pairs to join.
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    ordered = xy[order]
    new = run_starts(ordered[:, 0], ordered[:, 1])
    distinct = ordered[new]
    n = distinct.shape[0]
    pairs = cKDTree(distinct).query_pairs(tolerance, output_type="ndarray")
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    label = connected_components(graph, directed=False)[1].astype(np.int64)
    out = np.empty(xy.shape[0], np.int64)
    out[order] = label[np.cumsum(new) - 1]
    return out


def build_road_network(
    geometries: Sequence, attributes: RoadAttributes, tolerance: float = 0.1
) -> RoadNetwork:
    """The drivable roads as single lines with end and junction nodes.

    Multipart lines are merged (``line_merge``); parts that stay apart become separate lines
    of the same road. Coordinates must be projected metres.
    """
    geoms = np.asarray(geometries, dtype=object)
    n = geoms.shape[0]
    if attributes.drivable.shape[0] != n:
        raise InputError(f"{attributes.drivable.shape[0]} road attributes for {n} roads.")
    is_line = shapely.get_type_id(geoms) >= 0
    is_line &= np.isin(shapely.get_type_id(geoms), (1, 2, 5))
    is_line &= ~shapely.is_empty(geoms)
    skipped = int((~is_line).sum())
    keep = np.flatnonzero(is_line & attributes.drivable)
    merged = geoms[keep]
    if shapely.has_z(merged).any():
        merged = shapely.force_2d(merged)
    # Directed merge keeps the digitised direction that one-way travel depends on.
    multi = shapely.get_type_id(merged) == 5
    if multi.any():
        merged[multi] = shapely.line_merge(merged[multi], directed=True)
        parts, index = shapely.get_parts(merged, return_index=True)
    else:
        parts, index = merged, np.arange(merged.size)
    road = keep[index]
    length = shapely.length(parts)
    ok = length > 0
    parts, road, length = parts[ok], road[ok], length[ok]
    # Vertices: ends always become nodes, interior vertices only when shared.
    coords, owner, cum = vertex_positions(parts)
    first = run_starts(owner)
    last = np.roll(first, -1) if first.size else first
    label = _cluster(coords, tolerance)
    counts = np.bincount(label)
    ends = first | last
    shared = ~ends & (counts[label] > 1)
    # A vertex repeated only inside its own line (a loop) is still a junction of that line.
    is_node = ends | shared
    node_of_label = np.full(label.max() + 1 if label.size else 0, -1, dtype=np.int64)
    used = np.unique(label[is_node])
    node_of_label[used] = np.arange(used.size)
    node_xy = np.zeros((used.size, 2))
    # Any vertex of a cluster stands for its node (they are all within the tolerance).
    node_xy[node_of_label[label[is_node]]] = coords[is_node]
    start_node = node_of_label[label[first]]
    end_node = node_of_label[label[last]]
    junction_line = owner[shared].astype(np.int64)
    junction_pos = cum[shared]
    junction_node = node_of_label[label[shared]]
    return RoadNetwork(
        lines=parts,
        road=road.astype(np.int64),
        length=length,
        speed_kmh=attributes.speed_kmh[road],
        direction=attributes.direction[road],
        bridge=attributes.bridge[road],
        start_node=start_node,
        end_node=end_node,
        node_xy=node_xy,
        junction_line=junction_line,
        junction_pos=junction_pos,
        junction_node=junction_node,
        attributes=attributes,
        tolerance=float(tolerance),
        skipped_geometry=skipped,
    )


@dataclass
class Pieces:
    """Road pieces between consecutive cuts: line, [start, end] positions, nodes u -> v."""

    line: np.ndarray
    start: np.ndarray
    end: np.ndarray
    u: np.ndarray
    v: np.ndarray
    n_nodes: int
    cut_node: np.ndarray  # the node of each requested cut, in the caller's order

    @property
    def length(self) -> np.ndarray:
        return self.end - self.start


def cut_pieces(network: RoadNetwork, cut_line=None, cut_pos=None) -> Pieces:
    """Cut every line at its shared vertices and at (``cut_line``, ``cut_pos``) positions.

    Cuts at the same position of a line share one node; cuts at a line's ends are its end
    nodes. New nodes are numbered after the network's nodes.
    """
    n_lines = network.lines.shape[0]
    cut_line = np.zeros(0, np.int64) if cut_line is None else np.asarray(cut_line, np.int64)
    cut_pos = np.zeros(0) if cut_pos is None else np.asarray(cut_pos, float)
    length = network.length
    pos = np.clip(cut_pos, 0.0, length[cut_line]) if cut_line.size else cut_pos
    lines = np.r_[np.arange(n_lines), np.arange(n_lines), network.junction_line, cut_line].astype(
        np.int64
    )
    where = np.r_[np.zeros(n_lines), length, network.junction_pos, pos]
    fixed = np.r_[network.start_node, network.end_node, network.junction_node]
    node = np.r_[fixed, np.full(cut_line.size, -1, np.int64)]
    # Ends and junctions sort before new cuts at the same place, so they lend their node.
    kind = np.r_[np.zeros(fixed.size, np.int8), np.ones(cut_line.size, np.int8)]
    order = np.lexsort((kind, where, lines))
    lines_s, where_s, node_s = lines[order], where[order], node[order]
    new_point = run_starts(lines_s, where_s)
    group = np.cumsum(new_point) - 1
    head = np.flatnonzero(new_point)
    head_node = node_s[head]
    fresh = head_node < 0
    head_node[fresh] = network.n_nodes + np.arange(int(fresh.sum()))
    point_node = head_node[group]
    cut_node = np.empty(node.size, np.int64)
    cut_node[order] = point_node
    # Pieces join consecutive distinct points of a line.
    h_line, h_pos = lines_s[head], where_s[head]
    same = h_line[1:] == h_line[:-1]
    return Pieces(
        line=h_line[1:][same],
        start=h_pos[:-1][same],
        end=h_pos[1:][same],
        u=head_node[:-1][same],
        v=head_node[1:][same],
        n_nodes=network.n_nodes + int(fresh.sum()),
        cut_node=cut_node[fixed.size :],
    )


def piece_node_xy(network: RoadNetwork, pieces: Pieces) -> np.ndarray:
    """Coordinates of every node of ``pieces`` (network nodes, then cut points)."""
    xy = np.zeros((pieces.n_nodes, 2))
    xy[: network.n_nodes] = network.node_xy
    extra_u = pieces.u >= network.n_nodes
    extra_v = pieces.v >= network.n_nodes
    for mask, nodes, where in (
        (extra_u, pieces.u, pieces.start),
        (extra_v, pieces.v, pieces.end),
    ):
        if mask.any():
            xy[nodes[mask]] = network.points_at(pieces.line[mask], where[mask])
    return xy


@dataclass
class PieceGraph:
    """Directed CSR graph of travel minutes; ``piece`` and ``forward`` per stored edge."""

    matrix: csr_matrix
    piece: np.ndarray
    forward: np.ndarray
    keys: np.ndarray  # u * n_nodes + v of each stored edge, sorted
    # Of a graph without speed factor: (piece, forward) of every edge, the slower parallel
    # ones too, in the order of (keys, minutes), for the graphs of the same pieces with some
    # closed (see piece_graph).
    every: Optional[tuple] = None


def piece_graph(
    network: RoadNetwork,
    pieces: Pieces,
    speed_factor: Optional[np.ndarray] = None,
    normal: Optional[PieceGraph] = None,
) -> PieceGraph:
    """Travel-time graph (minutes) of the pieces; a zero ``speed_factor`` removes a piece.

    One-way roads give one edge, the others two; of parallel edges the fastest is kept.
    ``normal``: the graph of the same pieces without speed factor; when the factors are all
    0 or 1 (closed or open) its edges, sorted once, are filtered instead of sorted again (the
    same graph: a stable sort of fewer edges keeps their order).
    """
    speed = network.speed_kmh[pieces.line] / 3.6 * 60.0  # metres per minute
    if speed_factor is not None:
        speed = speed * speed_factor
    passable = (speed > 0) & (pieces.u != pieces.v)
    minutes = np.divide(pieces.length, speed, out=np.full(speed.shape, np.inf), where=speed > 0)
    n = pieces.n_nodes
    every = None
    if (
        normal is not None
        and normal.every is not None
        and speed_factor is not None
        and np.all((speed_factor == 0) | (speed_factor == 1))
    ):
        piece, forward = normal.every
        keep = speed_factor[piece] > 0
        piece, forward = piece[keep], forward[keep]
        src = np.where(forward, pieces.u[piece], pieces.v[piece])
        dst = np.where(forward, pieces.v[piece], pieces.u[piece])
        w = minutes[piece]
        keys = src.astype(np.int64) * n + dst
    else:
        direction = network.direction[pieces.line]
        idx = np.arange(pieces.line.size)
        fwd = passable & (direction != BACKWARD)
        bwd = passable & (direction != FORWARD)
        src = np.r_[pieces.u[fwd], pieces.v[bwd]]
        dst = np.r_[pieces.v[fwd], pieces.u[bwd]]
        w = np.r_[minutes[fwd], minutes[bwd]]
        piece = np.r_[idx[fwd], idx[bwd]]
        forward = np.r_[np.ones(int(fwd.sum()), bool), np.zeros(int(bwd.sum()), bool)]
        keys = src.astype(np.int64) * n + dst
        order = np.lexsort((w, keys))  # one int64 key: faster than sorting (src, dst) apart
        src, dst, w, piece, forward = src[order], dst[order], w[order], piece[order], forward[order]
        keys = keys[order]
        if speed_factor is None:
            every = (piece, forward)
    first = run_starts(keys)
    src, dst, w, piece, forward, keys = (a[first] for a in (src, dst, w, piece, forward, keys))
    indptr = np.r_[0, np.cumsum(np.bincount(src, minlength=n))]
    matrix = csr_matrix((w, dst, indptr), shape=(n, n))
    return PieceGraph(matrix=matrix, piece=piece, forward=forward, keys=keys, every=every)


def piece_coords(network: RoadNetwork, line: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Coordinates of line substrings [start, end] in bulk: (xy, owner) with owner sorted.

    Each substring keeps the road's vertices strictly between its ends, so curves survive.
    """
    line = np.asarray(line, np.int64)
    m = line.size
    if m == 0:
        return np.zeros((0, 2)), np.zeros(0, np.int64)
    coords, _, _, vkey = network.vertices
    # Global "line + fraction" keys find the vertices inside each substring.
    span = np.maximum(network.length, 1e-300)
    lo = np.searchsorted(vkey, line + start / span[line] * 0.5, side="right")
    hi = np.searchsorted(vkey, line + end / span[line] * 0.5, side="left")
    inner = np.maximum(hi - lo, 0)
    a = network.points_at(line, start)
    b = network.points_at(line, end)
    total = inner + 2
    own = np.repeat(np.arange(m), total)
    base = np.r_[0, np.cumsum(total)[:-1]]
    rank = np.arange(own.size) - base[own]
    xy = np.empty((own.size, 2))
    is_a = rank == 0
    is_b = rank == total[own] - 1
    mid = ~(is_a | is_b)
    xy[is_a] = a
    xy[is_b] = b
    xy[mid] = coords[lo[own[mid]] + rank[mid] - 1]
    return xy, own
