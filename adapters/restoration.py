"""The restoration algorithm's own inputs read into arrays for ``core.restoration``: the repair
hours per class, the crews' access times (the OUTPUT of ``accessroutes`` joined to the failed
lines by id; NODE_ACCESS to the failed nodes likewise), the failed nodes (FAILED_NODES on the
network's nodes), the power sites (the OUTPUT of ``powerresilience``) on the network's nodes; its
values checked with messages naming the layer, field, parameter and feature; its figures and
warnings reported."""

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
from qgis.core import QgsProcessingException, QgsWkbTypes

from ..core.errors import InputError
from ..core.network import attach_points, normalise_ids
from ..core.power import RefusedValueError, check_hours
from ..core.restoration import RepairTableError, crew_times, repair_hours, repair_table
from ..i18n import tr
from . import expressions, layers

POINT = [QgsWkbTypes.GeometryType.PointGeometry]
ACCESS_FIELDS = ("ac_depot", "ac_t0_min", "ac_t1_min", "ac_reach")
POWER_FIELDS = ("pw_autonomy_h", "pw_outage_h", "pw_gen_h")
_SHOWN = 5


@dataclass
class RestorationArgs:
    """The parameters as given; what can be refused before reading is refused."""

    failed_text: str
    in_water_text: str
    network_id_field: str
    access_source: object
    access_id_field: str
    default_travel: Optional[float]
    repair_field: str
    repair_table: dict
    default_repair: Optional[float]
    crews: int
    recession: Optional[float]
    power_source: object
    site_node_field: str
    horizon: Optional[int]
    nodes_source: object = None
    node_text: str = ""
    failed_node_field: str = ""
    node_id_field: str = ""
    node_access_source: object = None
    node_repair_field: str = ""


def _optional_number(alg, parameters, key, context):
    if parameters.get(key) is None or parameters.get(key) == "":
        return None
    return alg.parameterAsDouble(parameters, key, context)


def read_parameters(alg, parameters, context) -> RestorationArgs:
    text = alg.parameterAsString
    matrix = []
    if parameters.get("REPAIR_HOURS") not in (None, ""):
        matrix = alg.parameterAsMatrix(parameters, "REPAIR_HOURS", context)
    try:
        table = repair_table(matrix)
    except RepairTableError as error:
        raise QgsProcessingException(
            tr("REPAIR_HOURS, row {row}: {value!r} {why}").format(
                row=error.row,
                value=error.value,
                why=tr("is not a number of hours >= 0 (a negative or NaN repair time is refused).")
                if error.kind == "hours"
                else tr("is given twice.")
                if error.kind == "duplicate"
                else tr("is no class (empty)."),
            )
        ) from None
    crews = alg.parameterAsInt(parameters, "CREWS", context)
    horizon = None
    if parameters.get("HORIZON") not in (None, ""):
        horizon = alg.parameterAsInt(parameters, "HORIZON", context)
    access = layers.require_source(alg, parameters, "ACCESS", context, optional=True, placed=False)
    power = layers.require_source(alg, parameters, "POWER", context, optional=True)
    if power is not None:
        layers.require_geometry(
            power, layers.layer_name(alg, parameters, "POWER", context), POINT, "POWER"
        )
    nodes = layers.require_source(alg, parameters, "FAILED_NODES", context, optional=True)
    if nodes is not None:
        layers.require_geometry(
            nodes,
            layers.layer_name(alg, parameters, "FAILED_NODES", context),
            POINT,
            "FAILED_NODES",
        )
    node_access = layers.require_source(
        alg, parameters, "NODE_ACCESS", context, optional=True, placed=False
    )
    args = RestorationArgs(
        # Not given: the default, "im_failed" = 1 (Processing leaves it out of the dict).
        failed_text=(
            expressions.expression_parameter(alg, parameters, "FAILED_EXPRESSION", context)
            if parameters.get("FAILED_EXPRESSION") is not None
            else alg.parameterDefinition("FAILED_EXPRESSION").defaultValue()
        ),
        in_water_text=expressions.expression_parameter(
            alg, parameters, "IN_WATER_EXPRESSION", context
        ),
        network_id_field=text(parameters, "NETWORK_ID_FIELD", context),
        access_source=access,
        access_id_field=text(parameters, "ACCESS_ID_FIELD", context),
        default_travel=_optional_number(alg, parameters, "DEFAULT_TRAVEL_MINUTES", context),
        repair_field=text(parameters, "REPAIR_FIELD", context),
        repair_table=table,
        default_repair=_optional_number(alg, parameters, "DEFAULT_REPAIR_HOURS", context),
        crews=crews,
        recession=_optional_number(alg, parameters, "RECESSION_HOURS", context),
        power_source=power,
        site_node_field=text(parameters, "SITE_NODE_FIELD", context),
        horizon=horizon,
        nodes_source=nodes,
        node_text=expressions.expression_parameter(
            alg, parameters, "FAILED_NODE_EXPRESSION", context
        ),
        failed_node_field=text(parameters, "FAILED_NODE_FIELD", context),
        node_id_field=text(parameters, "NODE_ID_FIELD", context),
        node_access_source=node_access,
        node_repair_field=text(parameters, "NODE_REPAIR_FIELD", context),
    )
    if crews < 1:
        raise QgsProcessingException(
            tr("CREWS is {n}: each depot needs at least one crew.").format(n=crews)
        )
    if not args.failed_text:
        raise QgsProcessingException(
            tr('Give FAILED_EXPRESSION: which lines failed (e.g. "im_failed" = 1).')
        )
    if table and not (args.repair_field or args.node_repair_field):
        raise QgsProcessingException(
            tr("REPAIR_HOURS needs REPAIR_FIELD: the network field holding each line's class.")
        )
    if not table and args.default_repair is None:
        raise QgsProcessingException(
            tr(
                "Give the repair times: REPAIR_HOURS (hours per class of REPAIR_FIELD) or "
                "DEFAULT_REPAIR_HOURS."
            )
        )
    if access is not None and not (args.access_id_field and args.network_id_field):
        raise QgsProcessingException(
            tr(
                "ACCESS needs ACCESS_ID_FIELD (on ACCESS) and NETWORK_ID_FIELD (on NETWORK): "
                "the ids that join each failed line to its crew access row."
            )
        )
    if access is None and args.default_travel is None:
        raise QgsProcessingException(
            tr(
                "Give the crews' travel: ACCESS (the output of Crew access routes) or "
                "DEFAULT_TRAVEL_MINUTES."
            )
        )
    if node_access is not None and nodes is None:
        raise QgsProcessingException(
            tr("NODE_ACCESS needs FAILED_NODES: the failed nodes its rows are for.")
        )
    if node_access is not None and not args.node_id_field:
        raise QgsProcessingException(
            tr(
                "NODE_ACCESS needs NODE_ID_FIELD: the id field of FAILED_NODES, which Crew "
                "access routes keeps on its output, that joins each failed node to its row."
            )
        )
    if nodes is not None and node_access is None and args.default_travel is None:
        raise QgsProcessingException(
            tr(
                "Give the crews' travel to the failed nodes: NODE_ACCESS (the output of Crew "
                "access routes run on FAILED_NODES) or DEFAULT_TRAVEL_MINUTES."
            )
        )
    if args.in_water_text and args.recession is None:
        raise QgsProcessingException(
            tr("IN_WATER_EXPRESSION needs RECESSION_HOURS: when the water has gone.")
        )
    return args


@dataclass
class Jobs:
    """Per failed line (``line``: its row in NETWORK): the crew inputs of core.restoration."""

    line: np.ndarray
    depot: np.ndarray
    travel: np.ndarray
    earliest: np.ndarray
    repair: np.ndarray
    repair_defaulted: np.ndarray
    unknown_classes: List[str]
    no_access: np.ndarray  # jobs that took DEFAULT_TRAVEL_MINUTES for want of an ACCESS row
    in_water: np.ndarray


def failed_lines(alg, parameters, context, feedback, args, network) -> np.ndarray:
    """Rows of NETWORK for which FAILED_EXPRESSION is true."""
    values = expressions.expression_values(
        alg,
        parameters,
        context,
        network,
        args.failed_text,
        key="FAILED_EXPRESSION",
        feedback=feedback,
    )
    return np.flatnonzero(expressions.truthy(values))


def _default_travel(alg, parameters, context, args, key, message, field, ids, crew):
    """Jobs without an access row (``crew``: reach, t0, t1 and the rows without one, changed
    in place) take DEFAULT_TRAVEL_MINUTES, or the run stops naming ``key``'s layer and the
    first id (``ids()``) without one; the same rule for lines (ACCESS) and nodes."""
    reach, t0, t1, no_access = crew
    if not no_access.any():
        return
    if args.default_travel is None:
        raise QgsProcessingException(
            message.format(
                layer=layers.layer_name(alg, parameters, key, context),
                n=int(no_access.sum()),
                field=field,
                id=ids()[0],
            )
        )
    reach[no_access] = True
    t0[no_access] = t1[no_access] = float(args.default_travel)


def read_jobs(alg, parameters, context, feedback, args, network, failed) -> Jobs:
    k = failed.size
    if args.repair_field:
        network.require_field(args.repair_field)
        classes = network.values(args.repair_field)[failed]
    else:
        classes = [None] * k
    try:
        hours = repair_hours(classes, args.repair_table, args.default_repair)
    except InputError:
        missing = repair_hours(classes, args.repair_table, 0.0)
        raise QgsProcessingException(
            tr(
                'Field "{field}" (REPAIR_FIELD) of layer "{layer}": {n} failed lines have a '
                "class that REPAIR_HOURS does not list ({classes}) and DEFAULT_REPAIR_HOURS "
                "is not given."
            ).format(
                field=args.repair_field,
                layer=network.name,
                n=int(missing.defaulted.sum()),
                classes=_listed(missing.unknown) if missing.unknown else "NULL",
            )
        ) from None

    in_water = np.zeros(k, dtype=bool)
    if args.in_water_text:
        values = expressions.expression_values(
            alg,
            parameters,
            context,
            network,
            args.in_water_text,
            key="IN_WATER_EXPRESSION",
            feedback=feedback,
        )
        in_water = expressions.truthy(values)[failed]

    depot = np.full(k, None, dtype=object)
    reach = np.zeros(k, dtype=bool)
    t0 = np.full(k, np.nan)
    t1 = np.full(k, np.nan)
    no_access = np.ones(k, dtype=bool)
    if args.access_source is not None:
        depot, reach, t0, t1, no_access = _join_access(
            alg, parameters, context, feedback, args, network, failed
        )
    _default_travel(
        alg,
        parameters,
        context,
        args,
        "ACCESS",
        tr(
            'Layer "{layer}" (ACCESS) has no row for {n} failed lines (first: {field} = '
            "{id}): add them, or give DEFAULT_TRAVEL_MINUTES."
        ),
        args.network_id_field,
        lambda: network.values(args.network_id_field)[failed][no_access],
        (reach, t0, t1, no_access),
    )
    travel, earliest = crew_times(reach, t0, t1, in_water, args.recession)
    return Jobs(
        failed,
        depot,
        travel,
        earliest,
        hours.hours,
        hours.defaulted,
        hours.unknown,
        no_access if args.access_source is not None else np.zeros(k, dtype=bool),
        in_water,
    )


def _join_access(alg, parameters, context, feedback, args, network, failed):
    """(depot, reach, t0_min, t1_min, no row) per failed line, from its ACCESS row."""
    network.require_field(args.network_id_field)
    wanted = normalise_ids(network.values(args.network_id_field)[failed])
    return _access_rows(
        alg, parameters, context, feedback, args.access_source, args.access_id_field, wanted
    )


def _access_rows(alg, parameters, context, feedback, source, id_field, wanted, nodes=False):
    """(depot, reach, t0_min, t1_min, no row) per ``wanted`` id, from its row of ACCESS (or
    of NODE_ACCESS with ``nodes``)."""
    key_name = "NODE_ACCESS" if nodes else "ACCESS"
    name = layers.layer_name(alg, parameters, key_name, context)
    # Only attributes are used: read in its own CRS.
    access = layers.read_layer(
        source, name, source.sourceCrs(), context, feedback, progress_range=(40, 45)
    )
    for field in (id_field,) + ACCESS_FIELDS:
        if access.fields.lookupField(field) < 0:
            raise QgsProcessingException(
                (
                    tr(
                        'Layer "{layer}" (NODE_ACCESS) has no field "{field}": give the output '
                        "of Crew access routes run on FAILED_NODES, which keeps their "
                        "NODE_ID_FIELD."
                    )
                    if nodes
                    else tr(
                        'Layer "{layer}" (ACCESS) has no field "{field}": give the output of '
                        "Crew access routes and its id field in ACCESS_ID_FIELD."
                    )
                ).format(layer=name, field=field)
            )
    keys = normalise_ids(access.values(id_field))
    index = {}
    for row, key in enumerate(keys.tolist()):
        if key is None:
            continue
        if key in index:
            raise QgsProcessingException(
                (
                    tr(
                        'Layer "{layer}" (NODE_ACCESS): {field} = {id} is on two rows '
                        "(features {a} and {b}); each failed node needs one access row."
                    )
                    if nodes
                    else tr(
                        'Layer "{layer}" (ACCESS): {field} = {id} is on two rows (features '
                        "{a} and {b}); each failed line needs one access row."
                    )
                ).format(
                    layer=name,
                    field=id_field,
                    id=key,
                    a=int(access.fids[index[key]]),
                    b=int(access.fids[row]),
                )
            )
        index[key] = row
    rows = np.array([index.get(key, -1) if key is not None else -1 for key in wanted.tolist()])
    rows = rows.astype(np.int64)
    found = rows >= 0
    at = np.maximum(rows, 0)
    if len(access) == 0:
        k = len(wanted)
        return (
            np.full(k, None, object),
            np.zeros(k, bool),
            np.full(k, np.nan),
            np.full(k, np.nan),
            np.ones(k, bool),
        )
    depots = np.asarray(access.values("ac_depot"), dtype=object)
    reach = layers.as_float_array(access.values("ac_reach"))
    t0 = layers.as_float_array(access.values("ac_t0_min"))
    t1 = layers.as_float_array(access.values("ac_t1_min"))
    return (
        np.where(found, depots[at], None),
        found & (np.nan_to_num(reach[at]) == 1),
        np.where(found, t0[at], np.nan),
        np.where(found, t1[at], np.nan),
        ~found,
    )


@dataclass
class FailedNodes:
    """The failed nodes that are repair jobs: ``jobs.line`` holds their rows in ``layer``
    (FAILED_NODES as read), ``node`` their network node."""

    layer: object
    node: np.ndarray
    jobs: Jobs
    off_network: np.ndarray  # feature ids of failed points on no node (ignored)


def read_failed_nodes(
    alg, parameters, context, feedback, args, model, crs
) -> Optional[FailedNodes]:
    """FAILED_NODES where FAILED_NODE_EXPRESSION is true (every point without it), attached
    to the network's nodes as SITES are; their repair hours and crew access."""
    if args.nodes_source is None:
        return None
    name = layers.layer_name(alg, parameters, "FAILED_NODES", context)
    points = layers.read_layer(
        args.nodes_source, name, crs, context, feedback, progress_range=(35, 40)
    )
    chosen = np.ones(len(points), dtype=bool)
    if args.node_text:
        chosen = expressions.truthy(
            expressions.expression_values(
                alg,
                parameters,
                context,
                points,
                args.node_text,
                source=args.nodes_source,
                key="FAILED_NODE_EXPRESSION",
                feedback=feedback,
            )
        )
    if args.failed_node_field and points.fields.lookupField(args.failed_node_field) < 0:
        raise QgsProcessingException(
            tr('Layer "{layer}" (FAILED_NODES) has no field "{field}" (FAILED_NODE_FIELD).').format(
                layer=name, field=args.failed_node_field
            )
        )
    ids = points.values(args.failed_node_field) if args.failed_node_field else None
    max_snap = alg.parameterAsDouble(parameters, "MAX_SNAP", context)
    try:
        attached = attach_points(model.network, "failed nodes", points.geometries, ids, max_snap)
    except InputError as error:
        raise QgsProcessingException(str(error)) from None
    off = chosen & (attached.node < 0)
    rows = np.flatnonzero(chosen & (attached.node >= 0))
    node = attached.node[rows]
    first = {}
    for row, at in zip(rows.tolist(), node.tolist()):
        if at in first:
            raise QgsProcessingException(
                tr(
                    'Layer "{layer}" (FAILED_NODES): features {a} and {b} are on the same '
                    "network node: give each failed node once."
                ).format(layer=name, a=int(points.fids[first[at]]), b=int(points.fids[row]))
            )
        first[at] = row
    jobs = _node_jobs(alg, parameters, context, feedback, args, points, name, rows)
    return FailedNodes(points, node, jobs, points.fids[off])


def _node_jobs(alg, parameters, context, feedback, args, points, name, rows) -> Jobs:
    k = rows.size
    if args.node_repair_field:
        if points.fields.lookupField(args.node_repair_field) < 0:
            raise QgsProcessingException(
                tr(
                    'Layer "{layer}" (FAILED_NODES) has no field "{field}" (NODE_REPAIR_FIELD).'
                ).format(layer=name, field=args.node_repair_field)
            )
        classes = np.asarray(points.values(args.node_repair_field), dtype=object)[rows]
    else:
        classes = [None] * k
    try:
        hours = repair_hours(classes, args.repair_table, args.default_repair)
    except InputError:
        missing = repair_hours(classes, args.repair_table, 0.0)
        raise QgsProcessingException(
            tr(
                'Layer "{layer}" (FAILED_NODES): {n} failed nodes have no class in '
                "NODE_REPAIR_FIELD that REPAIR_HOURS lists ({classes}) and "
                "DEFAULT_REPAIR_HOURS is not given."
            ).format(
                layer=name,
                n=int(missing.defaulted.sum()),
                classes=_listed(missing.unknown) if missing.unknown else "NULL",
            )
        ) from None
    depot = np.full(k, None, dtype=object)
    reach = np.zeros(k, dtype=bool)
    t0 = np.full(k, np.nan)
    t1 = np.full(k, np.nan)
    no_access = np.ones(k, dtype=bool)
    if args.node_access_source is not None:
        if points.fields.lookupField(args.node_id_field) < 0:
            raise QgsProcessingException(
                tr('Layer "{layer}" (FAILED_NODES) has no field "{field}" (NODE_ID_FIELD).').format(
                    layer=name, field=args.node_id_field
                )
            )
        wanted = normalise_ids(np.asarray(points.values(args.node_id_field), dtype=object)[rows])
        depot, reach, t0, t1, no_access = _access_rows(
            alg,
            parameters,
            context,
            feedback,
            args.node_access_source,
            args.node_id_field,
            wanted,
            nodes=True,
        )
    _default_travel(
        alg,
        parameters,
        context,
        args,
        "NODE_ACCESS",
        tr(
            'Layer "{layer}" (NODE_ACCESS) has no row for {n} failed nodes (first: '
            "{field} = {id}): add them, or give DEFAULT_TRAVEL_MINUTES."
        ),
        args.node_id_field,
        lambda: np.asarray(points.values(args.node_id_field), dtype=object)[rows][no_access],
        (reach, t0, t1, no_access),
    )
    travel, earliest = crew_times(reach, t0, t1, None, args.recession)
    return Jobs(
        rows,
        depot,
        travel,
        earliest,
        hours.hours,
        hours.defaulted,
        hours.unknown,
        no_access if args.node_access_source is not None else np.zeros(k, dtype=bool),
        np.zeros(k, dtype=bool),
    )


@dataclass
class PowerSites:
    node: np.ndarray
    autonomy: np.ndarray
    outage: np.ndarray
    generator: np.ndarray
    off_network: np.ndarray  # feature ids of sites on no node


def read_power(alg, parameters, context, feedback, args, model, crs) -> Optional[PowerSites]:
    if args.power_source is None:
        return None
    name = layers.layer_name(alg, parameters, "POWER", context)
    sites = layers.read_layer(
        args.power_source, name, crs, context, feedback, progress_range=(45, 50)
    )
    for field in POWER_FIELDS:
        if sites.fields.lookupField(field) < 0:
            raise QgsProcessingException(
                tr(
                    'Layer "{layer}" (POWER) has no field "{field}": give the OUTPUT of Power '
                    "resilience."
                ).format(layer=name, field=field)
            )
    columns = {}
    for field, default in (("pw_autonomy_h", None), ("pw_outage_h", None), ("pw_gen_h", np.nan)):
        try:
            columns[field] = check_hours(sites.values(field), field, sites.fids, default).hours
        except RefusedValueError as error:
            raise QgsProcessingException(
                tr(
                    'Field "{field}" of layer "{layer}" (POWER): feature {fid} has {value}; '
                    "it needs a number of hours >= 0 (features with this problem: {n})."
                ).format(
                    field=field,
                    layer=name,
                    fid=error.fid,
                    value="NULL" if error.value is None else error.value,
                    n=error.count,
                )
            ) from None
    ids = sites.values(args.site_node_field) if args.site_node_field else None
    max_snap = alg.parameterAsDouble(parameters, "MAX_SNAP", context)
    try:
        attached = attach_points(model.network, "power sites", sites.geometries, ids, max_snap)
    except InputError as error:
        raise QgsProcessingException(str(error)) from None
    return PowerSites(
        attached.node,
        columns["pw_autonomy_h"],
        columns["pw_outage_h"],
        columns["pw_gen_h"],
        sites.fids[attached.node < 0],
    )


def _listed(values):
    values = [str(v) for v in values]
    shown = ", ".join(values[:_SHOWN])
    return shown + (
        tr(" and {n} more").format(n=len(values) - _SHOWN) if len(values) > _SHOWN else ""
    )


def _report_nodes(feedback, args, nodes: FailedNodes, done):
    jobs = nodes.jobs
    if nodes.off_network.size:
        feedback.pushWarning(
            tr(
                "{n} failed nodes (FAILED_NODES) are not on the network (beyond MAX_SNAP or an "
                "unknown node id): ignored (features {fids})."
            ).format(n=nodes.off_network.size, fids=_listed(nodes.off_network.tolist()))
        )
    if args.node_repair_field and jobs.repair_defaulted.any():
        feedback.pushWarning(
            tr(
                "{n} failed nodes have a class that REPAIR_HOURS does not list ({classes}): "
                "they take DEFAULT_REPAIR_HOURS ({hours:g} h)."
            ).format(
                n=int(jobs.repair_defaulted.sum()),
                classes=_listed(jobs.unknown_classes) if jobs.unknown_classes else "NULL",
                hours=args.default_repair,
            )
        )
    if jobs.no_access.any():
        feedback.pushWarning(
            tr(
                "{n} failed nodes have no row in NODE_ACCESS: DEFAULT_TRAVEL_MINUTES ({m:g} min) "
                "from a depot of their own (rs_depot NULL)."
            ).format(n=int(jobs.no_access.sum()), m=args.default_travel)
        )
    never = ~np.isfinite(done)
    if never.any():
        fids = nodes.layer.fids[jobs.line[never]]
        feedback.pushWarning(
            tr(
                "{n} failed nodes are never repaired: no road reaches them under the hazard "
                "and RECESSION_HOURS is not given, or no road reaches them at all (features "
                "{fids}). Their premises stay out to the end of the table."
            ).format(n=int(never.sum()), fids=_listed(fids.tolist()))
        )


def report(alg, feedback, args, network, jobs: Jobs, power, result, nodes=None):
    """The warnings for what was defaulted or left out, and the figures a user reads."""
    if nodes is not None:
        _report_nodes(feedback, args, nodes, result.jobs["done"].to_numpy(float)[jobs.line.size :])
    if jobs.repair_defaulted.any():
        feedback.pushWarning(
            tr(
                "{n} failed lines have a class that REPAIR_HOURS does not list ({classes}): "
                "they take DEFAULT_REPAIR_HOURS ({hours:g} h)."
            ).format(
                n=int(jobs.repair_defaulted.sum()),
                classes=_listed(jobs.unknown_classes) if jobs.unknown_classes else "NULL",
                hours=args.default_repair,
            )
        )
    if jobs.no_access.any():
        feedback.pushWarning(
            tr(
                "{n} failed lines have no row in ACCESS: DEFAULT_TRAVEL_MINUTES ({m:g} min) "
                "from a depot of their own (rs_depot NULL)."
            ).format(n=int(jobs.no_access.sum()), m=args.default_travel)
        )
    never = ~np.isfinite(result.jobs["done"].to_numpy(float)[: jobs.line.size])
    if never.any():
        fids = network.fids[jobs.line[never]]
        feedback.pushWarning(
            tr(
                "{n} failed lines are never repaired: no road reaches them under the hazard "
                "and RECESSION_HOURS is not given, or no road reaches them at all (features "
                "{fids}). Their premises stay out to the end of the table."
            ).format(n=int(never.sum()), fids=_listed(fids.tolist()))
        )
    if power is not None and power.off_network.size:
        feedback.pushWarning(
            tr(
                "{n} power sites are not on the network (beyond MAX_SNAP or an unknown node "
                "id): ignored (features {fids})."
            ).format(n=power.off_network.size, fids=_listed(power.off_network.tolist()))
        )
    totals = result.totals
    if totals["jobs"] == 0:
        feedback.pushWarning(tr("FAILED_EXPRESSION is true for no line: nothing to repair."))
    feedback.pushInfo(
        tr(
            "{jobs} repairs; worst hour {worst}: {out:g} of {base:g} premises out; "
            "{ph:.1f} premise-hours lost; 90 % of the premises cut back from hour {h90}; "
            "the table ends at hour {last}."
        ).format(
            jobs=totals["jobs"],
            worst=totals["worst_hour"],
            out=totals["worst_out"],
            base=totals["premises_before"],
            ph=totals["premise_hours"],
            h90="-" if totals["hours_to_90pct"] is None else totals["hours_to_90pct"],
            last=totals["last_hour"],
        )
    )
