"""The power algorithm's own inputs (autonomy, outage zones, substations, depots, sensitive
sites) read into arrays for ``core.power``, its values checked with messages naming the
layer, field and feature, and its figures and warnings reported."""

from dataclasses import dataclass
from typing import Optional

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)

from ..core.power import RefusedValueError, check_counts, check_hours, generator_flags
from ..i18n import tr
from . import layers, polygons

POINT = [QgsWkbTypes.GeometryType.PointGeometry]
_SHOWN = 5


@dataclass
class PowerArgs:
    """The power parameters as given; sources checked, nothing read yet."""

    autonomy_field: str
    default_autonomy: Optional[float]
    generator_field: str
    fuel_hours: float
    outages_source: object
    outage_field: str
    outage_hours: Optional[float]
    substations_source: object
    substation_id_field: str
    feeder_field: str
    sensitive_source: object
    generators: int
    depots_source: object
    depot_field: str
    count_field: str
    setup_minutes: float
    road_max_snap: float


def power_sites_parameter(key: str = "POWER") -> QgsProcessingParameterFeatureSource:
    """The optional input fed by powerresilience's OUTPUT (its sites with the pw_* figures),
    declared one way by every algorithm that reads it (restoration, mitigationplan)."""
    return QgsProcessingParameterFeatureSource(
        key,
        tr("Active sites with power figures (output of Power resilience)"),
        [QgsProcessing.SourceType.TypeVectorPoint],
        optional=True,
    )


def _optional_number(alg, parameters, key, context):
    if parameters.get(key) is None or parameters.get(key) == "":
        return None
    return alg.parameterAsDouble(parameters, key, context)


def _points(alg, parameters, key, context):
    source = layers.require_source(alg, parameters, key, context, optional=True)
    if source is not None:
        layers.require_geometry(
            source, layers.layer_name(alg, parameters, key, context), POINT, key
        )
    return source


def read_power_parameters(alg, parameters, context) -> PowerArgs:
    """The parameters, with what can be refused before reading refused."""
    text = alg.parameterAsString
    args = PowerArgs(
        autonomy_field=text(parameters, "AUTONOMY_FIELD", context),
        default_autonomy=_optional_number(alg, parameters, "DEFAULT_AUTONOMY", context),
        generator_field=text(parameters, "GENERATOR_FIELD", context),
        fuel_hours=alg.parameterAsDouble(parameters, "FUEL_HOURS", context),
        outages_source=polygons.require_polygons(
            alg, parameters, "OUTAGES", context, optional=True
        ),
        outage_field=text(parameters, "OUTAGE_HOURS_FIELD", context),
        outage_hours=_optional_number(alg, parameters, "OUTAGE_HOURS", context),
        substations_source=_points(alg, parameters, "SUBSTATIONS", context),
        substation_id_field=text(parameters, "SUBSTATION_ID_FIELD", context),
        feeder_field=text(parameters, "FEEDER_FIELD", context),
        sensitive_source=_points(alg, parameters, "SENSITIVE_SITES", context),
        generators=alg.parameterAsInt(parameters, "GENERATORS", context),
        depots_source=_points(alg, parameters, "GENERATOR_DEPOTS", context),
        depot_field=text(parameters, "GENERATOR_DEPOT_FIELD", context),
        count_field=text(parameters, "GENERATOR_COUNT_FIELD", context),
        setup_minutes=alg.parameterAsDouble(parameters, "SETUP_MINUTES", context),
        road_max_snap=alg.parameterAsDouble(parameters, "ROAD_MAX_SNAP", context),
    )
    if args.outages_source is None and args.outage_hours is None:
        raise QgsProcessingException(
            tr(
                "Give the grid outage: OUTAGES (zones) with OUTAGE_HOURS_FIELD, or one "
                "duration for every site in OUTAGE_HOURS."
            )
        )
    if args.outages_source is not None and not args.outage_field and args.outage_hours is None:
        raise QgsProcessingException(
            tr(
                "OUTAGES needs a duration: give OUTAGE_HOURS_FIELD (hours per zone) or "
                "OUTAGE_HOURS (the same for every zone)."
            )
        )
    if args.substations_source is not None and not (args.substation_id_field and args.feeder_field):
        raise QgsProcessingException(
            tr(
                "SUBSTATIONS needs SUBSTATION_ID_FIELD (their ids) and FEEDER_FIELD (on "
                "the sites: the id of the substation that feeds each)."
            )
        )
    return args


@dataclass
class PowerData:
    """The power inputs as arrays in the working CRS."""

    autonomy: np.ndarray
    autonomy_defaulted: np.ndarray
    fixed_generator: Optional[np.ndarray]
    feeders: Optional[np.ndarray]
    zones: Optional[np.ndarray]
    zone_hours: Optional[np.ndarray]
    substations: Optional[np.ndarray]
    substation_ids: Optional[np.ndarray]
    substations_name: str
    sensitive: Optional[np.ndarray]
    depots: Optional[np.ndarray]
    depot_names: list
    depot_counts: Optional[np.ndarray] = None  # GENERATOR_COUNT_FIELD, when given


def _refused(error: RefusedValueError, layer: str, field: str, key: str, default_key: str = ""):
    if key == "GENERATOR_COUNT_FIELD":
        text = tr(
            'Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}; a number '
            "of generators must be a whole number, 0 or more (features with this problem: {n})."
        )
    elif error.kind == "negative":
        text = tr(
            'Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value:g} hours; '
            "hours cannot be negative (features with this problem: {n})."
        )
    elif error.kind == "null":
        text = tr(
            'Field "{field}" ({key}) of layer "{layer}": feature {fid} has no value (NULL) '
            "and {default} is not given (features with this problem: {n})."
        )
    elif error.kind == "flag":
        text = tr(
            'Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}; use 1 '
            "(a fixed generator) or 0."
        )
    else:
        text = tr(
            'Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}, not a '
            "finite number of hours (features with this problem: {n})."
        )
    return QgsProcessingException(
        text.format(
            field=field,
            key=key,
            layer=layer,
            fid=error.fid,
            value="NULL" if error.value is None else error.value,
            n=error.count,
            default=default_key,
        )
    )


def _hours(layer, field, key, default, default_key):
    try:
        return check_hours(layer.values(field), key, layer.fids, default)
    except RefusedValueError as error:
        raise _refused(error, layer.name, field, key, default_key) from None


def _read(alg, parameters, key, source, crs, context, feedback, span):
    return layers.read_layer(
        source,
        layers.layer_name(alg, parameters, key, context),
        crs,
        context,
        feedback,
        progress_range=span,
    )


def read_power_layers(alg, parameters, context, feedback, args, sites, crs) -> PowerData:
    """Read the sites' power fields and the other power layers into arrays (in ``crs``)."""
    n = len(sites)
    if args.autonomy_field:
        sites.require_field(args.autonomy_field, numeric=True)
        checked = _hours(
            sites, args.autonomy_field, "AUTONOMY_FIELD", args.default_autonomy, "DEFAULT_AUTONOMY"
        )
        autonomy, defaulted = checked.hours, checked.defaulted
    elif args.default_autonomy is not None:
        autonomy, defaulted = np.full(n, args.default_autonomy), np.zeros(n, dtype=bool)
    else:
        raise QgsProcessingException(
            tr("Give the sites' battery autonomy: AUTONOMY_FIELD or DEFAULT_AUTONOMY (hours).")
        )
    fixed = None
    if args.generator_field:
        try:
            fixed = generator_flags(
                sites.values(args.generator_field), "GENERATOR_FIELD", sites.fids
            )
        except RefusedValueError as error:
            raise _refused(error, sites.name, args.generator_field, "GENERATOR_FIELD") from None
    feeders = sites.values(args.feeder_field) if args.feeder_field else None

    zones = zone_hours = None
    if args.outages_source is not None:
        name = layers.layer_name(alg, parameters, "OUTAGES", context)
        outages = polygons.read_polygons(
            args.outages_source, name, crs, context, feedback, progress_range=(30, 34)
        )
        zones = outages.geometries
        if args.outage_field:
            outages.require_field(args.outage_field, numeric=True)
            checked = _hours(
                outages, args.outage_field, "OUTAGE_HOURS_FIELD", args.outage_hours, "OUTAGE_HOURS"
            )
            zone_hours = checked.hours
            if checked.defaulted.any():
                feedback.pushWarning(
                    tr(
                        'Layer "{layer}": {n} outage zones have no duration in "{field}": '
                        "they last OUTAGE_HOURS ({hours:g} h)."
                    ).format(
                        layer=name,
                        n=int(checked.defaulted.sum()),
                        field=args.outage_field,
                        hours=args.outage_hours,
                    )
                )
        else:
            zone_hours = np.full(len(outages), float(args.outage_hours))
        if len(outages) == 0:
            feedback.pushWarning(
                tr('Layer "{}" (OUTAGES) has no feature: no site has an outage.').format(name)
            )

    substations = substation_ids = None
    sub_name = ""
    if args.substations_source is not None:
        sub_name = layers.layer_name(alg, parameters, "SUBSTATIONS", context)
        subs = _read(
            alg,
            parameters,
            "SUBSTATIONS",
            args.substations_source,
            crs,
            context,
            feedback,
            (34, 35),
        )
        substations = subs.geometries
        substation_ids = subs.values(args.substation_id_field)

    sensitive = None
    if args.sensitive_source is not None:
        sensitive = _read(
            alg,
            parameters,
            "SENSITIVE_SITES",
            args.sensitive_source,
            crs,
            context,
            feedback,
            (35, 37),
        ).geometries

    depots, depot_names, depot_counts = None, [], None
    if args.depots_source is not None and (args.generators > 0 or args.count_field):
        layer = _read(
            alg,
            parameters,
            "GENERATOR_DEPOTS",
            args.depots_source,
            crs,
            context,
            feedback,
            (37, 38),
        )
        depots = layer.geometries
        values = layer.values(args.depot_field) if args.depot_field else layer.fids
        depot_names = [str(v) for v in values]
        if args.count_field:
            layer.require_field(args.count_field, numeric=True)
            try:
                depot_counts = check_counts(
                    layer.values(args.count_field), "GENERATOR_COUNT_FIELD", layer.fids
                )
            except RefusedValueError as error:
                raise _refused(
                    error, layer.name, args.count_field, "GENERATOR_COUNT_FIELD"
                ) from None
            if args.generators:
                feedback.pushInfo(
                    tr(
                        "GENERATOR_COUNT_FIELD gives {n} generators in all; GENERATORS ({g}) "
                        "is not used."
                    ).format(n=int(depot_counts.sum()), g=args.generators)
                )
    return PowerData(
        autonomy,
        defaulted,
        fixed,
        feeders,
        zones,
        zone_hours,
        substations,
        substation_ids,
        sub_name,
        sensitive,
        depots,
        depot_names,
        depot_counts,
    )


def road_options(roads, args, data) -> dict:
    """The keywords of ``core.power.generator_travel``: the hazard and the depots' names."""
    options = roads.hazard_options()
    options["max_snap"] = args.road_max_snap
    options["depot_names"] = data.depot_names
    return options


def _listed(names):
    shown = ", ".join(str(v) for v in names[:_SHOWN])
    return shown + (
        tr(" and {n} more").format(n=len(names) - _SHOWN) if len(names) > _SHOWN else ""
    )


def report(alg, feedback, result, args, data, sites):
    """The figures a user reads, and a warning for each thing left out or defaulted."""
    fids = sites.fids
    if result.autonomy_defaulted.any() or data.autonomy_defaulted.any():
        marked = result.autonomy_defaulted | data.autonomy_defaulted
        feedback.pushWarning(
            tr(
                'Layer "{layer}": {n} sites have no autonomy in "{field}": DEFAULT_AUTONOMY '
                "({hours:g} h) is used (features {fids})."
            ).format(
                layer=sites.name,
                n=int(marked.sum()),
                field=args.autonomy_field,
                hours=args.default_autonomy,
                fids=_listed(fids[marked].tolist()),
            )
        )
    unattached = result.totals["sites_unattached"]
    if unattached:
        off = fids[result.sites["pw_prem"].isna().to_numpy()]
        feedback.pushWarning(
            tr(
                'Layer "{layer}": {n} sites are not on the network (beyond MAX_SNAP or an '
                "unknown node id): their dark hours are computed, their premises are NULL "
                "(features {fids})."
            ).format(layer=sites.name, n=unattached, fids=_listed(off.tolist()))
        )
    if result.sensitive_unattached:
        feedback.pushWarning(
            tr("{n} sensitive sites are not on the network (beyond MAX_SNAP): not counted.").format(
                n=result.sensitive_unattached
            )
        )
    outage = result.outage
    if outage.unknown_feeder.any():
        feedback.pushWarning(
            tr(
                'Layer "{layer}": {n} sites name a feeder that is no substation of "{subs}": '
                "their own outage only (features {fids})."
            ).format(
                layer=sites.name,
                n=int(outage.unknown_feeder.sum()),
                subs=data.substations_name,
                fids=_listed(fids[outage.unknown_feeder].tolist()),
            )
        )
    no_geometry = shapely.is_missing(sites.geometries) | shapely.is_empty(sites.geometries)
    if data.zones is not None and no_geometry.any():
        feedback.pushWarning(
            tr('Layer "{layer}": {n} sites have no geometry: no outage zone can hold them.').format(
                layer=sites.name, n=int(no_geometry.sum())
            )
        )
    travel = result.travel
    if travel is not None:
        _report_travel(feedback, result, args, data, sites, travel)
    totals = result.totals
    feedback.pushInfo(
        tr(
            "{dark} of {n} sites go dark; {ph:.1f} premise-hours without service; "
            "{used} of {gens} mobile generators sent."
        ).format(
            dark=totals["sites_dark"],
            n=len(sites),
            ph=totals["premise_hours"],
            used=totals["generators_used"],
            gens=args.generators if data.depot_counts is None else int(data.depot_counts.sum()),
        )
    )


def _report_travel(feedback, result, args, data, sites, travel):
    names = data.depot_names
    flooded = np.flatnonzero(travel.depot_flooded)
    if flooded.size:
        feedback.pushWarning(
            tr("{n} of {total} generator depots are in the hazard, not used: {names}.").format(
                n=flooded.size, total=len(names), names=_listed([names[i] for i in flooded])
            )
        )
    far = np.flatnonzero(~travel.depot_snapped & ~travel.depot_flooded)
    if far.size:
        feedback.pushWarning(
            tr(
                "{n} generator depots lie beyond ROAD_MAX_SNAP ({snap:g} m) of any road, not "
                "used: {names}."
            ).format(n=far.size, snap=args.road_max_snap, names=_listed([names[i] for i in far]))
        )
    if not travel.depot_snapped.any():
        feedback.pushWarning(tr("No generator depot can be used: no mobile generator is sent."))
    unreached = result.totals["sites_unreached"]
    if unreached:
        feedback.pushWarning(
            tr(
                "{n} sites would go dark but no generator depot reaches them by road under "
                "the hazard: they wait for the outage's end."
            ).format(n=unreached)
        )
