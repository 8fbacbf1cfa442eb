"""Read a GraceTHD delivery (2.0-beta, 2.x, 3.x) into analysis-ready network tables.

The caller hands over the delivery's tables, each a DataFrame (any case for table and
field names) with, for spatial tables, a shapely geometry array of the same length in
projected metres. :func:`read_gracethd` returns, aligned row for row with the source
tables, the ``gt_*`` values of four layers (routes from ``t_cheminement``, cables from
``t_cable``, nodes from ``t_noeud``, premises from ``t_adresse``) and a report of what
was read and of every anomaly found. Anomalies never stop the read; a missing mandatory
table or key field does (:class:`InputError` naming it).

Choices, documented for users:

- ``gt_laying`` of a route comes from ``cm_typ_imp``: 0/1 AERIEN, 2 FACADE, 3 INTERIEUR,
  4-8 SOUTERRAIN, anything else INCONNU. A cable's ``gt_laying`` is the most exposed of
  its routes in the order AERIEN > FACADE > INCONNU > SOUTERRAIN > INTERIEUR (unknown
  ranks above buried: it must not pass for protected); INCONNU when it has no route.
- ``gt_aer_m`` is the length of the cable's AERIEN routes, NULL when it has no route.
- ``gt_class`` is ``cb_typelog``; the 2.0-beta has none, so it is taken from the
  ``cm_typelog`` of the cable's routes (the longest total length wins), and reported.
- ``gt_nd1``/``gt_nd2`` and ``gt_pbo``/``gt_sro``/``gt_nro`` are node codes (``nd_code``,
  the ``gt_code`` of the nodes layer), so every output joins on one key.
- A node's ``gt_role`` is the strongest of what points at it: NRO > SRO > PBO >
  CHAMBRE/APPUI/FACADE > IMMEUBLE > AUTRE.
"""

import dataclasses
from dataclasses import dataclass
from typing import Dict, List, Optional

import numpy as np
import pandas as pd
import shapely

from . import gracethd_schema as gs
from .errors import InputError
from .monitor import as_monitor


@dataclass
class DeliveryTable:
    """One table of the delivery; ``geometries`` is None for attribute-only tables."""

    frame: pd.DataFrame
    geometries: Optional[np.ndarray] = None
    # the fields read as codes so far (several steps read the same keys)
    code_cache: Dict[str, pd.Series] = dataclasses.field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def spatial(self) -> bool:
        return self.geometries is not None

    @property
    def shapes(self) -> np.ndarray:
        """The geometries of a table checked to be spatial."""
        if self.geometries is None:
            raise ValueError("not a spatial table")
        return self.geometries


@dataclass
class GraceThdNetwork:
    """The read delivery: ``gt_*`` frames aligned with their source tables' rows."""

    version: str
    routes: pd.DataFrame
    route_geometries: np.ndarray
    cables: pd.DataFrame
    cable_geometries: np.ndarray
    nodes: pd.DataFrame
    node_geometries: np.ndarray
    premises: pd.DataFrame
    premises_geometries: np.ndarray
    report: pd.DataFrame


# --------------------------------------------------------------------------- helpers


def _norm_code(value):
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    text = str(value).strip()
    return text or None


def codes(values) -> pd.Series:
    """Codes as stripped strings, None where empty; integral floats lose their ``.0``."""
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    values = series.to_numpy(dtype=object)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "integer" and float not in set(map(type, values.tolist())):
        # integer fields (the premises counts: 1.9 million values in a regional delivery),
        # NULL as None: their text, without a call per value
        return pd.Series([None if v is None else str(v) for v in values.tolist()], dtype=object)
    if kind in ("string", "empty"):
        # text codes, the usual case (31 million values in a regional delivery): a plain
        # comprehension strips them ten times faster than pandas' .str.strip()
        present = pd.notna(values)
        out = np.full(len(values), None, dtype=object)
        stripped = [text.strip() or None for text in values[present].tolist()]
        out[present] = np.array(stripped, dtype=object)
        return pd.Series(out, dtype=object)
    return pd.Series([_norm_code(v) for v in values.tolist()], dtype=object)


def _upper(series: pd.Series) -> pd.Series:
    """Codes in capitals, None kept. A type or a state is one of a few words repeated over
    a whole table: each distinct word is raised once (three times faster than per row)."""
    position, distinct = pd.factorize(series.to_numpy(dtype=object))
    raised = np.array([v.upper() for v in distinct.tolist()] + [None], dtype=object)
    return pd.Series(raised[position], index=series.index, dtype=object)  # -1 picks None


def _column(table: Optional[DeliveryTable], name: str) -> pd.Series:
    """A field as codes; all None when the table or the field is absent."""
    if table is None:
        return pd.Series([], dtype=object)
    if name not in table.frame.columns:
        return pd.Series([None] * len(table.frame), dtype=object)
    if name not in table.code_cache:
        table.code_cache[name] = codes(table.frame[name])
    return table.code_cache[name].copy()  # the caller may change its copy


def _mapping(keys: pd.Series, values: pd.Series) -> pd.Series:
    """A lookup Series key -> value (first occurrence wins; NULL keys and values dropped)."""
    frame = pd.DataFrame({"k": keys.values, "v": values.values})
    frame = frame[frame["k"].notna() & frame["v"].notna()].drop_duplicates("k")
    return pd.Series(frame["v"].values, index=frame["k"].values, dtype=object)


def _lookup(keys: pd.Series, mapping: pd.Series) -> pd.Series:
    """Each key's value in ``mapping`` (unique keys, no NULL value: as :func:`_mapping` and
    :func:`_joined_per_key` make them), None where the key is absent or NULL.

    The mapping's positions are taken directly: ``Series.map`` and the NaN to None pass
    after it cost twice as much (a million keys, 0.86 against 0.42 s)."""
    if len(mapping) == 0:
        return pd.Series([None] * len(keys), dtype=object)
    position = mapping.index.get_indexer(keys)
    found = mapping.to_numpy(dtype=object)[position]  # a copy; -1 takes the last value
    found[position < 0] = None
    return pd.Series(found, index=keys.index, dtype=object)


def _coalesce(first: pd.Series, second: pd.Series) -> pd.Series:
    return first.where(first.notna(), second)


def _joined_per_key(keys: pd.Series, values: pd.Series) -> pd.Series:
    """Per key, its values sorted and joined by ';' (a groupby of ';'.join, without building
    a Series per group: 13 s for the cables of a regional delivery)."""
    frame = pd.DataFrame({"k": keys.values, "v": values.values})
    frame = frame[frame["k"].notna() & frame["v"].notna()].sort_values(["k", "v"])
    key, value = frame["k"].values, frame["v"].values.tolist()
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.array([], int)
    ends = np.r_[starts[1:], len(key)]
    joined = [";".join(value[a:b]) for a, b in zip(starts, ends)]
    return pd.Series(joined, index=key[starts], dtype=object)


class _Report:
    """Rows of (severity, table, code, anomaly, detail), added one by one or in bulk."""

    def __init__(self):
        self.parts: List[pd.DataFrame] = []

    def add(self, severity, table, code, anomaly, detail=None):
        self.parts.append(
            pd.DataFrame([[severity, table, code, anomaly, detail]], columns=gs.REPORT_COLUMNS)
        )

    def bulk(self, severity, table, code_series, anomaly, details=None):
        code_series = pd.Series(code_series, dtype=object).reset_index(drop=True)
        if len(code_series) == 0:
            return
        if details is None:
            details = [None] * len(code_series)
        frame = pd.DataFrame(
            {
                "gt_sev": severity,
                "gt_table": table,
                "gt_code": code_series.values,
                "gt_anomaly": anomaly,
                "gt_detail": list(details),
            },
            columns=gs.REPORT_COLUMNS,
        )
        self.parts.append(frame)

    def unknown_codes(self, table, codes, field, values, known) -> None:
        """Warn about the rows whose ``field`` holds a value outside the code list ``known``."""
        unknown = values.notna() & ~values.isin(known)
        self.bulk(
            gs.WARNING, table, codes[unknown], "unknown code", _details(field, values[unknown])
        )

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=gs.REPORT_COLUMNS)
        out = pd.concat(self.parts, ignore_index=True)
        return out.astype(object).where(out.notna(), None)


def _details(prefix: str, values: pd.Series) -> List[str]:
    return [f"{prefix}={v}" if v is not None else f"{prefix} is empty" for v in values]


# --------------------------------------------------------------------------- tables


def _normalise(tables: Dict[str, DeliveryTable], report: _Report) -> Dict[str, DeliveryTable]:
    out: Dict[str, DeliveryTable] = {}
    for name, table in tables.items():
        key = str(name).strip().lower()
        if key in out:
            report.add(gs.WARNING, key, None, "table delivered twice", f"{name} ignored")
            continue
        # A shallow copy: the reader never changes a delivered frame, and a deep one (twice,
        # with the column selection and the new index) held a regional delivery's every
        # value pointer two more times.
        frame = table.frame.copy(deep=False)
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        duplicated = pd.Index(frame.columns).duplicated()
        if duplicated.any():
            frame = frame.loc[:, ~duplicated]
        if not frame.index.equals(pd.RangeIndex(len(frame))):
            frame = frame.reset_index(drop=True)
        geometries = None
        if table.geometries is not None:
            geometries = np.array(table.geometries, dtype=object)
            if len(geometries) != len(frame):
                raise ValueError(f"{name}: {len(geometries)} geometries for {len(frame)} rows")
            # Shapefiles say "multi" for every line: single parts are plain lines here.
            single = np.isin(shapely.get_type_id(geometries), (4, 5, 6)) & (
                shapely.get_num_geometries(geometries) == 1
            )
            geometries[single] = shapely.get_geometry(geometries[single], 0)
        out[key] = DeliveryTable(frame, geometries)
    return out


def detect_version(tables: Dict[str, DeliveryTable]) -> str:
    """The GraceTHD generation of a delivery, from the tables it holds."""
    names = {str(n).lower() for n in tables}
    v2 = [n for n in gs.V2_MARKERS if n in names]
    v3 = [n for n in gs.V3_MARKERS if n in names]
    if not v2 and not v3:
        if not names & set(gs.MANDATORY_COMMON):
            raise InputError(
                "No GraceTHD table found: expected t_noeud, t_cheminement, t_cable, t_adresse "
                "and their link tables (t_cab_chem in 3.x, t_cab_cond and t_cond_chem in 2.x)."
            )
        raise InputError(
            "Cannot tell the GraceTHD version: none of t_site, t_local, t_cab_chem (3.x) nor "
            "t_sitetech, t_ltech, t_suf, t_cab_cond, t_cond_chem (2.x) is delivered. "
            "Set the version explicitly."
        )
    if len(v3) > len(v2) or (v3 and "t_cab_chem" in v3 and "t_cab_cond" not in v2):
        return gs.VERSION_V3
    cable = tables.get("t_cable")
    if cable is None:
        cable = next((t for n, t in tables.items() if str(n).lower() == "t_cable"), None)
    if cable is not None:
        columns = {str(c).lower() for c in cable.frame.columns}
        if "cb_nd1" not in columns and "t_cableline" not in names:
            return gs.VERSION_BETA
    return gs.VERSION_V2


def _resolve_version(tables, version: str, report: _Report) -> str:
    if version not in gs.VERSIONS:
        raise InputError(
            f"Unknown GraceTHD version {version!r}: use one of {', '.join(gs.VERSIONS)}."
        )
    if version == gs.VERSION_AUTO:
        version = detect_version(tables)
        report.add(gs.INFO, None, None, "version detected", version)
    else:
        report.add(gs.INFO, None, None, "version set", version)
    return version


def _check_tables(tables: Dict[str, DeliveryTable], version: str, report: _Report) -> None:
    mandatory = gs.MANDATORY_COMMON + gs.MANDATORY_LINKS[version]
    missing = [name for name in mandatory if name not in tables]
    if missing:
        raise InputError(
            "The delivery has no {} table (mandatory in GraceTHD {}).".format(
                ", ".join(missing), version
            )
        )
    for name in gs.SPATIAL_MANDATORY:
        if not tables[name].spatial:
            raise InputError(f"Table {name} has no geometry; it must be a spatial layer.")
    for name in list(tables):
        keys = gs.KEY_FIELDS.get(name, ())
        absent = [k for k in keys if k not in tables[name].frame.columns]
        if not absent:
            continue
        if name in mandatory:
            raise InputError(
                "Table {} has no field {}: it cannot be read.".format(name, ", ".join(absent))
            )
        report.add(
            gs.ERROR,
            name,
            None,
            "missing key field",
            "no field {}: table ignored".format(", ".join(absent)),
        )
        del tables[name]


_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    2: "LinearRing",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


def _check_geometry_kinds(tables: Dict[str, DeliveryTable], report: _Report) -> None:
    """Each spatial table holds the geometry its role needs. A wrong kind in a mandatory
    table stops the read, naming the table; elsewhere the table's geometries are ignored
    (reported as an error): a zone that is not a polygon places no address."""
    for name, (kind, allowed) in gs.GEOMETRY_KINDS.items():
        table = tables.get(name)
        if table is None or not table.spatial:
            continue
        types = shapely.get_type_id(table.geometries)
        wrong = sorted({int(t) for t in types[(types >= 0) & ~np.isin(types, allowed)]})
        if not wrong:
            continue
        found = ", ".join(_TYPE_NAMES.get(t, str(t)) for t in wrong)
        if name in gs.SPATIAL_MANDATORY:
            raise InputError(f"Table {name} must hold {kind}; it holds {found}.")
        report.add(
            gs.ERROR,
            name,
            None,
            "wrong geometry type",
            f"{found} where {kind} are expected: geometries ignored",
        )
        tables[name] = DeliveryTable(table.frame, None)


def _report_reading(tables: Dict[str, DeliveryTable], report: _Report) -> None:
    for name in sorted(tables):
        table = tables[name]
        if not name.startswith("t_"):
            continue
        kind = "spatial" if table.spatial else "attributes"
        report.add(gs.INFO, name, None, "read", f"{len(table.frame)} rows ({kind})")
        if table.spatial:
            nulls = int(
                np.sum(shapely.is_missing(table.geometries) | shapely.is_empty(table.geometries))
            )
            if nulls:
                report.add(gs.WARNING, name, None, "null geometries", f"{nulls} rows")
        first = gs.KEY_FIELDS.get(name, (None,))[0]
        if first is None or name in gs.LINK_TABLES:
            continue
        values = _column(table, first)
        present = values[values.notna()]
        if len(set(present.tolist())) == len(present):
            # A code is unique in almost every table: a set says so for an eighth of what
            # value_counts costs (0.11 against 0.85 s a million codes).
            duplicated = pd.Series([], dtype=np.int64)
        else:
            counts = present.value_counts()
            duplicated = counts[counts > 1]
        report.bulk(
            gs.WARNING,
            name,
            pd.Series(duplicated.index, dtype=object),
            "duplicated code",
            [f"{n} rows" for n in duplicated.values],
        )
        empty = int(values.isna().sum())
        if empty:
            report.add(gs.WARNING, name, None, "empty code", f"{empty} rows without {first}")


# --------------------------------------------------------------------------- where things are


class _Places:
    """Node codes behind sites, locals, technical points and boxes."""

    def __init__(self, tables: Dict[str, DeliveryTable], node_codes: pd.Index, report: _Report):
        self.tables = tables
        self.node_codes = node_codes
        self.report = report
        site = tables.get("t_site") or tables.get("t_sitetech")
        self.site_table = "t_site" if "t_site" in tables else "t_sitetech"
        self.site_node = (
            _mapping(_column(site, "st_code"), _column(site, "st_nd_code"))
            if site
            else pd.Series(dtype=object)
        )
        if "t_local" in tables:
            local = tables["t_local"]
            self.local_node = _mapping(
                _column(local, "lc_code"), _lookup(_column(local, "lc_st_code"), self.site_node)
            )
        elif "t_ltech" in tables:
            local = tables["t_ltech"]
            self.local_node = _mapping(
                _column(local, "lt_code"), _lookup(_column(local, "lt_st_code"), self.site_node)
            )
        else:
            self.local_node = pd.Series(dtype=object)
        ptech = tables.get("t_ptech")
        self.ptech_node = (
            _mapping(_column(ptech, "pt_code"), _column(ptech, "pt_nd_code"))
            if ptech
            else pd.Series(dtype=object)
        )
        suf = tables.get("t_suf")
        self.suf_node = (
            _mapping(_column(suf, "sf_code"), _column(suf, "sf_nd_code"))
            if suf
            else pd.Series(dtype=object)
        )
        self.box_node = self._boxes()

    def _boxes(self) -> pd.Series:
        ebp = self.tables.get("t_ebp")
        if ebp is None:
            return pd.Series(dtype=object)
        code = _column(ebp, "bp_code")
        node = pd.Series([None] * len(code), dtype=object)
        unresolved = pd.Series([None] * len(code), dtype=object)
        for field, mapping in (
            ("bp_pt_code", self.ptech_node),
            ("bp_lc_code", self.local_node),
            ("bp_lt_code", self.local_node),
            ("bp_sf_code", self.suf_node),
        ):
            reference = _column(ebp, field)
            found = _lookup(reference, mapping)
            broken = reference.notna() & found.isna() & node.isna()
            unresolved = unresolved.where(~broken, [f"{field}={v}" for v in reference])
            node = _coalesce(node, found)
        lost = node.isna() & unresolved.notna()
        self.report.bulk(gs.WARNING, "t_ebp", code[lost], "broken reference", unresolved[lost])
        return _mapping(code, node)

    def known(self, node: pd.Series) -> pd.Series:
        """Whether each code is a node of t_noeud (``isin``, through the index's own hash
        table, built once: ``isin`` builds one of the million node codes every call)."""
        return pd.Series(self.node_codes.get_indexer(node.values) >= 0, index=node.index)

    def check_nodes(self, table: str, code: pd.Series, node: pd.Series, field: str) -> pd.Series:
        """Report references to nodes absent from t_noeud; return them as None."""
        broken = node.notna() & ~self.known(node)
        self.report.bulk(
            gs.WARNING,
            table,
            code[broken],
            "reference to unknown node",
            _details(field, node[broken]),
        )
        return node.where(~broken, None)


# --------------------------------------------------------------------------- routes


def _laying(implantation: pd.Series) -> pd.Series:
    return implantation.map(gs.LAYING_BY_IMPLANTATION).fillna("INCONNU").astype(object)


def _match_ends(route_geoms, nodes, node_geoms, column, end, tolerance, places, codes_, field):
    """Route ends whose node is empty or absent from t_noeud: each is an anomaly (warning),
    attached to the node lying within ``tolerance`` when there is one, else left empty.

    A route end that names no delivered node is a broken delivery, even when a node lies
    where the end is: the attachment is a guess, so it is reported, never silent.
    """
    report = places.report
    missing = column.isna() | ~places.known(column)
    declared = column.copy()
    column = column.where(~missing, None)
    distance = pd.Series(np.nan, index=column.index)
    if tolerance > 0 and missing.any():
        positions = np.flatnonzero(missing.values)
        ends = shapely.get_point(route_geoms[positions], end)
        usable = ~shapely.is_missing(ends)
        valid_nodes = np.flatnonzero(~shapely.is_missing(node_geoms))
        if usable.any() and len(valid_nodes):
            tree = shapely.STRtree(node_geoms[valid_nodes])
            pairs, distances = tree.query_nearest(
                ends[usable], max_distance=tolerance, return_distance=True, all_matches=False
            )
            hit_rows = positions[np.flatnonzero(usable)[pairs[0]]]
            column.iloc[hit_rows] = nodes.values[valid_nodes[pairs[1]]]
            distance.iloc[hit_rows] = distances

    def said(rows) -> List[str]:
        """What the delivery says at each of ``rows``: the unknown code, or that it is empty."""
        return [
            f"{field}={value} (not in t_noeud)" if value is not None else f"{field} is empty"
            for value in declared[rows]
        ]

    attached = missing & column.notna()
    report.bulk(
        gs.WARNING,
        "t_cheminement",
        codes_[attached],
        "end node matched by position",
        [
            f"{what}: attached to {node} at {dist:.2f} m"
            for what, node, dist in zip(said(attached), column[attached], distance[attached])
        ],
    )
    still = missing & column.isna()
    why = f"no node within {tolerance:g} m" if tolerance > 0 else "matching by position is off"
    report.bulk(
        gs.WARNING,
        "t_cheminement",
        codes_[still],
        "route end node missing",
        [f"{what}: not attached ({why})" for what in said(still)],
    )
    return column


def _routes(tables, places: _Places, tolerance: float) -> pd.DataFrame:
    table = tables["t_cheminement"]
    report = places.report
    code = _column(table, "cm_code")
    implantation = _column(table, "cm_typ_imp")
    report.unknown_codes(
        "t_cheminement", code, "cm_typ_imp", implantation, gs.LAYING_BY_IMPLANTATION
    )
    passage = _upper(_column(table, "cm_passage"))
    report.unknown_codes("t_cheminement", code, "cm_passage", passage, gs.PASSAGE_CODES)
    shapes = np.asarray(table.geometries, dtype=object)
    missing = pd.Series(shapely.is_missing(shapes) | shapely.is_empty(shapes), index=code.index)
    report.bulk(
        gs.WARNING,
        "t_cheminement",
        code[missing],
        "route without geometry",
        ["placed by its end nodes only; its length counts 0"] * int(missing.sum()),
    )
    nodes_table = tables["t_noeud"]
    node_codes = _column(nodes_table, "nd_code")
    ends = []
    for field, end in (("cm_ndcode1", 0), ("cm_ndcode2", -1)):
        ends.append(
            _match_ends(
                table.geometries,
                node_codes,
                nodes_table.geometries,
                _column(table, field),
                end,
                tolerance,
                places,
                code,
                field,
            )
        )
    return pd.DataFrame(
        {
            "gt_code": code,
            "gt_table": "t_cheminement",
            "gt_laying": _laying(implantation),
            "gt_passage": passage,
            "gt_nd1": ends[0],
            "gt_nd2": ends[1],
            "typelog": _upper(_column(table, "cm_typelog")),
            "length": shapely.length(table.geometries),
        }
    )


def _links(
    tables, version: str, cable_codes: pd.Series, route_codes: pd.Series, report: _Report
) -> pd.DataFrame:
    """Valid (cable, route) pairs from t_cab_chem (3.x) or t_cab_cond + t_cond_chem (2.x)."""
    if version == gs.VERSION_V3:
        table_name = "t_cab_chem"
        links = pd.DataFrame(
            {
                "cb": _column(tables[table_name], "cc_cb_code"),
                "cm": _column(tables[table_name], "cc_cm_code"),
            }
        )
    else:
        table_name = "t_cab_cond"
        cab_cond = pd.DataFrame(
            {
                "cb": _column(tables["t_cab_cond"], "cc_cb_code"),
                "cd": _column(tables["t_cab_cond"], "cc_cd_code"),
            }
        )
        cond_chem = pd.DataFrame(
            {
                "cd": _column(tables["t_cond_chem"], "dm_cd_code"),
                "cm": _column(tables["t_cond_chem"], "dm_cm_code"),
            }
        )
        cond_chem = cond_chem[cond_chem["cd"].notna() & cond_chem["cm"].notna()]
        merged = cab_cond.merge(cond_chem, on="cd", how="left")
        lost = merged["cm"].isna() & merged["cd"].notna()
        report.bulk(
            gs.WARNING,
            "t_cab_cond",
            merged.loc[lost, "cd"].drop_duplicates(),
            "conduit in no route",
            None,
        )
        links = merged[["cb", "cm"]]
    links = links[links["cb"].notna() & links["cm"].notna()]
    bad_cable = ~links["cb"].isin(cable_codes)
    report.bulk(
        gs.WARNING,
        table_name,
        links.loc[bad_cable, "cb"].drop_duplicates(),
        "link to unknown cable",
        None,
    )
    bad_route = ~links["cm"].isin(route_codes)
    report.bulk(
        gs.WARNING,
        table_name,
        links.loc[bad_route, "cm"].drop_duplicates(),
        "link to unknown route",
        None,
    )
    return links[~bad_cable & ~bad_route].drop_duplicates().reset_index(drop=True)


def _route_counts(routes: pd.DataFrame, links: pd.DataFrame) -> np.ndarray:
    per_route = links.groupby("cm")["cb"].nunique()
    return routes["gt_code"].map(per_route).fillna(0).astype(np.int64).values


# --------------------------------------------------------------------------- cables


def _cable_geometries(
    tables,
    code: pd.Series,
    links: pd.DataFrame,
    routes_table: DeliveryTable,
    route_codes: pd.Series,
    report: _Report,
):
    n = len(code)
    geometries = np.full(n, None, dtype=object)
    source = pd.Series([None] * n, dtype=object)
    cableline = tables.get("t_cableline")
    if cableline is not None and cableline.spatial:
        owner = _column(cableline, "cl_cb_code")
        orphan = owner.notna() & ~owner.isin(code)
        report.bulk(gs.WARNING, "t_cableline", owner[orphan], "line of unknown cable", None)
        first = pd.Series(np.arange(len(owner)), index=owner.values)
        first = first[~first.index.duplicated() & first.index.notna()]
        rows = code.map(first)
        found = rows.notna().values
        geometries[found] = cableline.geometries[rows[found].astype(np.int64).values]
        source[found] = "t_cableline"
    cable = tables["t_cable"]
    if cable.spatial:
        own = ~shapely.is_missing(cable.geometries) & ~shapely.is_empty(cable.geometries)
        take = own & shapely.is_missing(geometries)
        geometries[take] = cable.geometries[take]
        source[take] = "t_cable"
    # Cables drawn nowhere: merge the routes they run through.
    empty = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    if empty.any() and len(links):
        wanted = pd.DataFrame({"row": np.flatnonzero(empty), "cb": code.values[empty]})
        route_row = pd.Series(np.arange(len(route_codes)), index=route_codes.values)
        route_row = route_row[~route_row.index.duplicated() & route_row.index.notna()]
        pairs = wanted.merge(links, on="cb")
        pairs["route_row"] = pairs["cm"].map(route_row)
        pairs = pairs[pairs["route_row"].notna()]
        route_geoms = routes_table.shapes[pairs["route_row"].astype(np.int64).values]
        parts, part_index = shapely.get_parts(route_geoms, return_index=True)
        lines = shapely.get_type_id(parts) == 1
        target = pairs["row"].values[part_index[lines]]
        if len(target):
            merged = np.full(n, None, dtype=object)
            shapely.multilinestrings(parts[lines], indices=target, out=merged)
            rebuilt = ~shapely.is_missing(merged)
            merged[rebuilt] = shapely.line_merge(merged[rebuilt])
            geometries[rebuilt] = merged[rebuilt]
            source[rebuilt] = "routes"
    return geometries, source


def _cables(tables, version, places: _Places, routes: pd.DataFrame, links: pd.DataFrame):
    report = places.report
    table = tables["t_cable"]
    code = _column(table, "cb_code")
    kind = _upper(_coalesce(_column(table, "cb_typephy"), _column(table, "cb_type")))
    # Which routes each cable runs through, with their laying and length.
    route_info = routes.drop_duplicates("gt_code").set_index("gt_code")
    lk = links.copy()
    lk["rank"] = lk["cm"].map(route_info["gt_laying"].map(gs.LAYING_EXPOSURE))
    lk["length"] = lk["cm"].map(route_info["length"]).astype(float)
    lk["aerial"] = np.where(lk["cm"].map(route_info["gt_laying"]) == "AERIEN", lk["length"], 0.0)
    grouped = lk.groupby("cb")
    in_routes = code.isin(lk["cb"])
    names = _joined_per_key(lk["cb"], lk["cm"])
    gt_routes = _lookup(code, names.astype(object))
    aer = code.map(grouped["aerial"].sum()).astype(float).values
    rank = code.map(grouped["rank"].min())
    laying = rank.map(lambda r: gs.LAYINGS[int(r)] if r == r and r is not None else "INCONNU")
    # Class: cb_typelog, else (2.0-beta) the routes' cm_typelog over the longest length.
    if "cb_typelog" in table.frame.columns:
        klass = _upper(_column(table, "cb_typelog"))
        report.unknown_codes("t_cable", code, "cb_typelog", klass, gs.CABLE_CLASSES)
    else:
        lk["typelog"] = lk["cm"].map(route_info["typelog"])
        by_class = (
            lk[lk["typelog"].notna()].groupby(["cb", "typelog"])["length"].sum().reset_index()
        )
        best = by_class.sort_values(["cb", "length"], ascending=[True, False]).drop_duplicates("cb")
        klass = _lookup(code, _mapping(best["cb"], best["typelog"]))
        report.add(
            gs.INFO,
            "t_cable",
            None,
            "class from routes",
            "no cb_typelog: gt_class is the cm_typelog of the cable's routes",
        )
    # Ends: cb_nd1/cb_nd2, else through the boxes cb_bp1/cb_bp2.
    ends = []
    for nd_field, bp_field in (("cb_nd1", "cb_bp1"), ("cb_nd2", "cb_bp2")):
        declared = _column(table, nd_field)
        box = _column(table, bp_field)
        via_box = _lookup(box, places.box_node)
        broken_box = box.notna() & via_box.isna() & declared.isna()
        report.bulk(
            gs.WARNING,
            "t_cable",
            code[broken_box],
            "broken reference",
            _details(bp_field, box[broken_box]),
        )
        node = places.check_nodes("t_cable", code, _coalesce(declared, via_box), nd_field)
        ends.append(node)
    patch = kind == "J"  # jarretières stay inside sites: no route, no end nodes expected
    no_route = ~in_routes
    report.bulk(gs.WARNING, "t_cable", code[no_route & ~patch], "cable with no route", None)
    report.bulk(
        gs.INFO,
        "t_cable",
        code[no_route & patch],
        "cable with no route",
        ["patch cord (jarretière)"] * int((no_route & patch).sum()),
    )
    geometries, source = _cable_geometries(
        tables, code, links, tables["t_cheminement"], routes["gt_code"], report
    )
    nowhere = pd.Series(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    report.bulk(gs.WARNING, "t_cable", code[nowhere & ~patch], "cable without geometry", None)
    frame = pd.DataFrame(
        {
            "gt_code": code,
            "gt_table": "t_cable",
            "gt_nd1": ends[0],
            "gt_nd2": ends[1],
            "gt_class": klass,
            "gt_routes": gt_routes,
            "gt_aer_m": aer,
            "gt_laying": laying.astype(object),
            "gt_geomsrc": source,
        }
    )
    return frame, geometries


# --------------------------------------------------------------------------- nodes


def _role_candidates(tables, version, places: _Places) -> pd.DataFrame:
    report = places.report
    parts = []

    def add(table, code, node, roles, field):
        node = places.check_nodes(table, code, node, field)
        parts.append(pd.DataFrame({"nd": node.values, "role": roles.values}))

    noeud = tables["t_noeud"]
    node_type = _upper(_column(noeud, "nd_type"))
    parts.append(
        pd.DataFrame(
            {
                "nd": _column(noeud, "nd_code").values,
                "role": node_type.map(gs.ROLE_BY_NODE_TYPE).values,
            }
        )
    )
    site_name = "t_site" if version == gs.VERSION_V3 else "t_sitetech"
    site = tables.get(site_name)
    if site is not None:
        site_roles = gs.SITE_ROLES_V3 if version == gs.VERSION_V3 else gs.SITE_ROLES_V2
        typelog = _upper(_column(site, "st_typelog"))
        code = _column(site, "st_code")
        report.unknown_codes(site_name, code, "st_typelog", typelog, site_roles)
        add(
            site_name,
            code,
            _column(site, "st_nd_code"),
            typelog.map(site_roles).fillna("AUTRE"),
            "st_nd_code",
        )
    local = tables.get("t_local")
    if local is not None and version == gs.VERSION_V3:
        typelog = _upper(_column(local, "lc_typelog"))
        code = _column(local, "lc_code")
        report.unknown_codes("t_local", code, "lc_typelog", typelog, gs.LOCAL_ROLES_V3)
        add(
            "t_local",
            code,
            _lookup(code, places.local_node),
            typelog.map(gs.LOCAL_ROLES_V3),
            "lc_st_code",
        )
    suf = tables.get("t_suf")
    if suf is not None:
        code = _column(suf, "sf_code")
        add(
            "t_suf",
            code,
            _column(suf, "sf_nd_code"),
            pd.Series(["IMMEUBLE"] * len(code)),
            "sf_nd_code",
        )
    ptech = tables.get("t_ptech")
    if ptech is not None:
        code = _column(ptech, "pt_code")
        kind = _upper(_column(ptech, "pt_typephy"))
        nature = _upper(_column(ptech, "pt_nature"))
        report.unknown_codes("t_ptech", code, "pt_typephy", kind, gs.ROLE_BY_PTECH_TYPE)
        role = kind.map(gs.ROLE_BY_PTECH_TYPE)
        facade = nature.isin(gs.FACADE_NATURES) & (role.isna() | (role == "AUTRE"))
        role = role.where(~facade, "FACADE").fillna("AUTRE")
        add("t_ptech", code, _column(ptech, "pt_nd_code"), role, "pt_nd_code")
    ebp = tables.get("t_ebp")
    if ebp is not None:
        code = _column(ebp, "bp_code")
        kind = _upper(_column(ebp, "bp_typelog"))
        report.unknown_codes("t_ebp", code, "bp_typelog", kind, gs.BOX_TYPES)
        pbo = kind == "PBO"
        add(
            "t_ebp",
            code[pbo],
            _lookup(code[pbo], places.box_node),
            pd.Series(["PBO"] * int(pbo.sum()), dtype=object),
            "bp_code",
        )
    candidates = pd.concat(parts, ignore_index=True)
    return candidates[candidates["nd"].notna() & candidates["role"].notna()]


def _nodes(tables, version, places: _Places) -> pd.DataFrame:
    code = _column(tables["t_noeud"], "nd_code")
    candidates = _role_candidates(tables, version, places)
    candidates = candidates.assign(priority=candidates["role"].map(gs.ROLE_PRIORITY))
    best = candidates.sort_values("priority", kind="stable").drop_duplicates("nd")
    role = _lookup(code, _mapping(best["nd"], best["role"])).fillna("AUTRE")
    return pd.DataFrame({"gt_code": code, "gt_table": "t_noeud", "gt_role": role.astype(object)})


# --------------------------------------------------------------------------- premises


def _zones(tables, places: _Places):
    """Per zone level: (table name, codes, node codes, parent zone codes) or None."""
    specs = (
        ("t_zpbo", "zp", "zp_bp_code", places.box_node, "zp_zs_code"),
        ("t_zsro", "zs", "zs_lc_code", places.local_node, "zs_zn_code"),
        ("t_znro", "zn", "zn_lc_code", places.local_node, None),
    )
    zones = {}
    for name, prefix, via_field, via_map, parent_field in specs:
        table = tables.get(name)
        if table is None:
            continue
        code = _column(table, f"{prefix}_code")
        node = _coalesce(
            _column(table, f"{prefix}_nd_code"), _lookup(_column(table, via_field), via_map)
        )
        node = places.check_nodes(name, code, node, f"{prefix}_nd_code")
        parent = (
            _column(table, parent_field)
            if parent_field
            else pd.Series([None] * len(code), dtype=object)
        )
        zones[name] = (table, code, node, parent)
    return zones


def _spatial_zone(points: np.ndarray, table: DeliveryTable, code: pd.Series):
    """The code of the first zone (in table order) containing each point, None outside every
    zone; and, where zones overlap, the codes of every zone containing the point."""
    out = pd.Series([None] * len(points), dtype=object)
    overlaps = pd.Series([None] * len(points), dtype=object)
    if not table.spatial or len(points) == 0:
        return out, overlaps
    polygons = table.shapes
    usable = np.flatnonzero(~shapely.is_missing(polygons) & ~shapely.is_empty(polygons))
    if not len(usable):
        return out, overlaps
    zones = polygons[usable]
    # Candidates by envelope, then the zone's prepared polygon tests its points: a query
    # with predicate="within" would test each point against the whole unprepared zone
    # (187 s for 472,605 addresses and three zone levels of a regional delivery, 3 s so).
    point_index, zone_index = shapely.STRtree(zones).query(points)
    shapely.prepare(zones)
    inside = shapely.contains(zones[zone_index], points[point_index])
    point_index, zone_index = point_index[inside], zone_index[inside]
    order = np.lexsort((zone_index, point_index))  # per point, the first zone in table order
    point_index, zone_index = point_index[order], zone_index[order]
    first_point, first, count = np.unique(point_index, return_index=True, return_counts=True)
    zone_code = code.values[usable[zone_index]]
    out.iloc[first_point] = zone_code[first]
    for point, start, n in zip(first_point[count > 1], first[count > 1], count[count > 1]):
        overlaps.iloc[point] = ", ".join(str(c) for c in zone_code[start : start + n])
    return out, overlaps


def _premises(tables, version, places: _Places) -> pd.DataFrame:
    report = places.report
    table = tables["t_adresse"]
    code = _column(table, "ad_code")
    total = np.zeros(len(code), dtype=np.int64)
    for field in gs.PREMISES_FIELDS[version]:
        if field not in table.frame.columns:
            report.add(gs.INFO, "t_adresse", None, "field absent", f"{field}: counted as 0")
            continue
        raw = _column(table, field)
        numbers = pd.to_numeric(raw, errors="coerce")
        bad = raw.notna() & numbers.isna()
        report.bulk(gs.WARNING, "t_adresse", code[bad], "not a number", _details(field, raw[bad]))
        negative = numbers < 0
        report.bulk(
            gs.WARNING,
            "t_adresse",
            code[negative],
            "negative count, counted as 0",
            _details(field, raw[negative]),
        )
        numbers = numbers.where(~negative, 0)
        total += numbers.fillna(0).round().astype(np.int64).values
    prio = _upper(_column(table, "ad_prio")).isin(gs.TRUE_WORDS).astype(np.int64).values

    zones = _zones(tables, places)
    zone_node = {name: _mapping(z[1], z[2]) for name, z in zones.items()}
    zone_parent = {name: _mapping(z[1], z[3]) for name, z in zones.items()}
    none = pd.Series([None] * len(code), dtype=object)

    # Links the delivery states: t_suf -> t_zpbo (2.x), t_local -> PBO box (3.x).
    pbo_node, pbo_zone = none.copy(), none.copy()
    suf = tables.get("t_suf")
    if suf is not None and "sf_zp_code" in suf.frame.columns:
        pbo_zone = _lookup(code, _mapping(_column(suf, "sf_ad_code"), _column(suf, "sf_zp_code")))
        pbo_node = _lookup(pbo_zone, zone_node.get("t_zpbo", pd.Series(dtype=object)))
    local, site = tables.get("t_local"), tables.get("t_site")
    if version == gs.VERSION_V3 and local is not None and site is not None:
        address = _lookup(
            _column(local, "lc_st_code"),
            _mapping(_column(site, "st_code"), _column(site, "st_ad_code")),
        )
        box = _coalesce(_column(local, "lc_bp_codf"), _column(local, "lc_bp_codp"))
        pbo_box = _lookup(code, _mapping(address, box))
        pbo_node = _coalesce(pbo_node, _lookup(pbo_box, places.box_node))
        if "t_zpbo" in zones:
            zpbo = zones["t_zpbo"][0]
            box_zone = _mapping(_column(zpbo, "zp_bp_code"), _column(zpbo, "zp_code"))
            pbo_zone = _coalesce(pbo_zone, _lookup(pbo_box, box_zone))

    points = table.geometries

    def level(name, stated, stated_node):
        """Zone and node of each address at one level: stated links first, then space."""
        if name not in zones:
            return stated, stated_node
        z_table, z_code = zones[name][0], zones[name][1]
        # space decides only where no zone is stated or the stated one names no node: the
        # other addresses are not tested (most of a delivery's, at every level)
        unsettled = (
            stated.isna() | _coalesce(stated_node, _lookup(stated, zone_node[name])).isna()
        ).values
        inside = pd.Series([None] * len(points), dtype=object)
        overlaps = inside.copy()
        where = np.flatnonzero(unsettled)
        found, several_found = _spatial_zone(points[where], z_table, z_code)
        inside.iloc[where] = found.values
        overlaps.iloc[where] = several_found.values
        several = overlaps.notna() & stated.isna()  # where space decides
        report.bulk(
            gs.WARNING,
            "t_adresse",
            code[several],
            "address in overlapping zones",
            [f"{name}: {zones_} (the first is used)" for zones_ in overlaps[several]],
        )
        zone = _coalesce(stated, inside)
        node = _coalesce(stated_node, _lookup(zone, zone_node[name]))
        if z_table.spatial:
            lost = node.isna() & inside.isna()
            report.bulk(
                gs.WARNING,
                "t_adresse",
                code[lost],
                "address outside every zone",
                [f"in no {name} zone"] * int(lost.sum()),
            )
        return zone, node

    def parent(zone, name):
        return _lookup(zone, zone_parent[name]) if name in zone_parent else none

    zpbo, gt_pbo = level("t_zpbo", pbo_zone, pbo_node)
    zsro, gt_sro = level("t_zsro", parent(zpbo, "t_zpbo"), none)
    _, gt_nro = level("t_znro", parent(zsro, "t_zsro"), none)

    return pd.DataFrame(
        {
            "gt_code": code,
            "gt_table": "t_adresse",
            "gt_prem": total,
            "gt_prio": prio,
            "gt_pbo": gt_pbo,
            "gt_sro": gt_sro,
            "gt_nro": gt_nro,
        }
    )


# --------------------------------------------------------------------------- entry point


def read_gracethd(
    tables: Dict[str, DeliveryTable],
    version: str = gs.VERSION_AUTO,
    tolerance: float = 1.0,
    progress=None,
    is_cancelled=None,
) -> GraceThdNetwork:
    """Build routes, cables, nodes and premises (``gt_*``) and the report of a delivery.

    ``tables`` maps table names (any case) to :class:`DeliveryTable`; geometries must be
    in a projected CRS in metres. ``tolerance`` (m) matches a route end whose node is
    missing or unknown to the nearest node within that distance (0 turns it off).
    """
    monitor = as_monitor(progress, is_cancelled)
    report = _Report()
    tables = _normalise(tables, report)
    version = _resolve_version(tables, version, report)
    _check_tables(tables, version, report)
    _check_geometry_kinds(tables, report)
    _report_reading(tables, report)
    monitor.report(0.1)
    node_codes = pd.Index(_column(tables["t_noeud"], "nd_code").dropna().unique())
    places = _Places(tables, node_codes, report)
    routes = _routes(tables, places, float(tolerance))
    monitor.report(0.3)
    links = _links(
        tables, version, _column(tables["t_cable"], "cb_code"), routes["gt_code"], report
    )
    routes["gt_cables"] = _route_counts(routes, links)
    cables, cable_geometries = _cables(tables, version, places, routes, links)
    monitor.report(0.6)
    nodes = _nodes(tables, version, places)
    monitor.report(0.7)
    premises = _premises(tables, version, places)
    monitor.report(1.0)
    routes = routes.drop(columns=["typelog", "length"])
    return GraceThdNetwork(
        version=version,
        routes=routes,
        route_geometries=tables["t_cheminement"].shapes,
        cables=cables,
        cable_geometries=cable_geometries,
        nodes=nodes,
        node_geometries=tables["t_noeud"].shapes,
        premises=premises,
        premises_geometries=tables["t_adresse"].shapes,
        report=report.frame(),
    )
