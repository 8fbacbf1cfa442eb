"""fibreresilience:accessroutes — crew travel from depots, normal vs hazard."""

import numpy as np
import shapely
from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..adapters import errors, expressions, layers, polygons, projection, rasters, sinks
from ..core.access import crew_access
from ..core.roads import INVALID_SPEED, build_road_network, road_attributes
from ..processing_provider.algorithm import FibreAlgorithm

PRESETS = ["none", "osm", "bdtopo"]
PRESET_FIELDS = {
    "osm": ("highway", "maxspeed", "bridge", "junction", "access", "motor_vehicle", "motorcar"),
    "bdtopo": (
        "vitesse_moyenne_vl",
        "nature",
        "position_par_rapport_au_sol",
        "etat_de_l_objet",
        "acces_vehicule_leger",
        "franchisst",
    ),
    "none": (),
}
OUTPUT_FIELDS = [
    sinks.text_field("ac_depot", 80),
    sinks.real_field("ac_t0_min", 2),
    sinks.real_field("ac_t1_min", 2),
    sinks.real_field("ac_delay", 2),
    sinks.int_field("ac_reach"),
    sinks.real_field("ac_km", 3),
    sinks.real_field("ac_snap_m", 1),
]


class AccessRoutesAlgorithm(FibreAlgorithm):
    ALG_ID = "accessroutes"
    ALG_GROUP = "intervention"

    ROADS = "ROADS"
    SPEED_FIELD = "SPEED_FIELD"
    SPEED_PRESET = "SPEED_PRESET"
    DEFAULT_SPEED = "DEFAULT_SPEED"
    DIRECTION_FIELD = "DIRECTION_FIELD"
    DEPOTS = "DEPOTS"
    DEPOT_FIELD = "DEPOT_FIELD"
    TARGETS = "TARGETS"
    BLOCKED = "BLOCKED"
    BLOCKED_RASTER = "BLOCKED_RASTER"
    MAX_DEPTH = "MAX_DEPTH"
    DEPTH_SPEED_FACTOR = "DEPTH_SPEED_FACTOR"
    KEEP_BRIDGES = "KEEP_BRIDGES"
    BRIDGE_EXPRESSION = "BRIDGE_EXPRESSION"
    MAX_SNAP = "MAX_SNAP"
    SERVICE_MINUTES = "SERVICE_MINUTES"
    OUTPUT = "OUTPUT"
    ROUTES = "ROUTES"
    BLOCKED_ROADS = "BLOCKED_ROADS"
    SERVICE_AREAS = "SERVICE_AREAS"
    UNREACHABLE_COUNT = "UNREACHABLE_COUNT"
    MEAN_DELAY = "MEAN_DELAY"
    WORST_DELAY = "WORST_DELAY"

    def displayName(self):
        return self.tr("Crew access routes under hazard")

    def shortHelpString(self):
        return self.tr(
            "For every target (failed or critical asset), the nearest depot that can still "
            "reach it by road, the travel time in normal conditions and under the hazard, the "
            "delay, and which targets cannot be reached at all. The road graph is built once; "
            "each condition is one multi-source search from all depots.\n\n"
            "ROADS: lines. Speed (km/h) from SPEED_FIELD where it is a positive number (0, "
            "NaN, infinite and negative values exclude the road, with a warning), else from "
            "SPEED_PRESET (OSM: maxspeed, else a default per "
            "highway class; lists such as ['70', '50'] give the lowest; BD TOPO: "
            "vitesse_moyenne_vl, else per nature), else DEFAULT_SPEED. Roads the preset says "
            "are not drivable (footways, cycleways, steps, paths, construction, access=no; BD "
            "TOPO sentier, escalier, piste cyclable, zero speed) are excluded and counted. "
            "One-way travel only from DIRECTION_FIELD: OSM oneway (yes/1/true forward, "
            "-1/reverse backward), BD TOPO sens_de_circulation (Sens direct, Sens inverse, "
            "Double sens) or forward/backward/both; forward is the line's digitised "
            "direction. Without it every road is two-way. Roads join at their end points and "
            "at shared vertices.\n"
            "DEPOTS: points; DEPOT_FIELD names them (else the feature id). TARGETS: any "
            "geometry, reached at its point nearest the road network. Depots and targets "
            "farther than MAX_SNAP (m) from a drivable road are not moved: such targets are "
            "unreachable (ac_reach 0) with their distance in ac_snap_m.\n"
            "Hazard: BLOCKED polygons (a road is impassable only on its part inside them) "
            "and/or BLOCKED_RASTER of water depth (m): impassable where deeper than "
            "MAX_DEPTH; shallower water multiplies the speed by DEPTH_SPEED_FACTOR when it "
            "is below 1. Bridges (OSM bridge, BD TOPO position_par_rapport_au_sol > 0, or "
            "BRIDGE_EXPRESSION true) stay open when KEEP_BRIDGES is set. The raster (band 1) "
            "is read on its own cells, never resampled: the roads are cut at every cell edge "
            "they cross, in the raster's CRS, and each piece takes its cell's depth; nodata "
            "is dry, and a raster that misses the roads blocks nothing (with a warning). It "
            "must have a CRS.\n\n"
            "OUTPUT keeps every target field and adds: ac_depot (the nearest depot under the "
            "hazard), ac_t0_min (minutes from the nearest depot in normal conditions), "
            "ac_t1_min (minutes under the hazard), ac_delay (ac_t1_min - ac_t0_min), "
            "ac_reach (1 reachable under the hazard, else 0), ac_km (length of the hazard "
            "route, km), ac_snap_m (distance from the target to the road, m; not in the "
            "times). NULL where there is no route.\n"
            "ROUTES: the hazard route of each reached target (depot to target) with its "
            "fields. BLOCKED_ROADS: the road pieces made impassable, with ac_len_m. "
            "SERVICE_MINUTES (e.g. 30;60;120) gives SERVICE_AREAS: per depot, condition "
            "(normal, hazard) and minutes, the roads reachable in that time. "
            "UNREACHABLE_COUNT, MEAN_DELAY and WORST_DELAY (minutes) are outputs.\n\n"
            "CRS: computed in the ROADS CRS when projected, else in Lambert-93 or the local "
            "UTM zone; the other layers are reprojected to it."
        )

    def initAlgorithm(self, config=None):
        def advanced(parameter):
            parameter.setFlags(
                parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced
            )
            return parameter

        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.SourceType.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.SPEED_FIELD,
                self.tr("Speed field (km/h)"),
                parentLayerParameterName=self.ROADS,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SPEED_PRESET,
                self.tr("Road preset"),
                options=[
                    self.tr("None"),
                    self.tr("OpenStreetMap (highway, maxspeed, bridge…)"),
                    self.tr("BD TOPO troncon_de_route"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DEFAULT_SPEED,
                self.tr("Default speed (km/h)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=50.0,
                minValue=0.1,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DIRECTION_FIELD,
                self.tr("One-way field (oneway, sens_de_circulation, forward/backward/both)"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DEPOTS, self.tr("Depots"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DEPOT_FIELD,
                self.tr("Depot id field"),
                parentLayerParameterName=self.DEPOTS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.TARGETS,
                self.tr("Targets (failed or critical assets)"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.BLOCKED,
                self.tr("Blocked areas (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            rasters.RasterLayerParameter(
                self.BLOCKED_RASTER, self.tr("Water depth raster (m)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_DEPTH,
                self.tr("Impassable above depth (m)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=0.3,
                minValue=0.0,
            )
        )
        self.addParameter(
            advanced(
                QgsProcessingParameterNumber(
                    self.DEPTH_SPEED_FACTOR,
                    self.tr("Speed factor in shallower water (1 = no slowing)"),
                    QgsProcessingParameterNumber.Type.Double,
                    defaultValue=1.0,
                    minValue=0.01,
                    maxValue=1.0,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.KEEP_BRIDGES, self.tr("Bridges stay open"), defaultValue=True
            )
        )
        self.addParameter(
            advanced(
                QgsProcessingParameterExpression(
                    self.BRIDGE_EXPRESSION,
                    self.tr("Bridge expression (on roads)"),
                    parentLayerParameterName=self.ROADS,
                    optional=True,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_SNAP,
                self.tr("Maximum distance to a road (m)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=500.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SERVICE_MINUTES,
                self.tr("Service areas for these minutes (e.g. 30;60;120)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Targets with access times"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ROUTES,
                self.tr("Hazard routes"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.BLOCKED_ROADS,
                self.tr("Blocked road pieces"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SERVICE_AREAS,
                self.tr("Service areas"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.UNREACHABLE_COUNT, self.tr("Unreachable targets"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_DELAY, self.tr("Mean delay (min)")))
        self.addOutput(QgsProcessingOutputNumber(self.WORST_DELAY, self.tr("Worst delay (min)")))

    # ------------------------------------------------------------------ processing

    def process(self, parameters, context, feedback):
        # parameters
        roads_source = layers.require_source(self, parameters, self.ROADS, context)
        depots_source = layers.require_source(self, parameters, self.DEPOTS, context)
        targets_source = layers.require_source(self, parameters, self.TARGETS, context)
        blocked_source = polygons.require_polygons(
            self, parameters, self.BLOCKED, context, optional=True
        )
        raster_layer = rasters.raster_layer(self, parameters, self.BLOCKED_RASTER, context)
        speed_field = self.parameterAsString(parameters, self.SPEED_FIELD, context)
        preset = PRESETS[self.parameterAsEnum(parameters, self.SPEED_PRESET, context)]
        default_speed = self.parameterAsDouble(parameters, self.DEFAULT_SPEED, context)
        direction_field = self.parameterAsString(parameters, self.DIRECTION_FIELD, context)
        depot_field = self.parameterAsString(parameters, self.DEPOT_FIELD, context)
        max_depth = self.parameterAsDouble(parameters, self.MAX_DEPTH, context)
        depth_factor = self.parameterAsDouble(parameters, self.DEPTH_SPEED_FACTOR, context)
        keep_bridges = self.parameterAsBoolean(parameters, self.KEEP_BRIDGES, context)
        bridge_text = expressions.expression_parameter(
            self, parameters, self.BRIDGE_EXPRESSION, context
        )
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context)
        minutes_text = self.parameterAsString(parameters, self.SERVICE_MINUTES, context)

        # validation
        names = {
            key: layers.layer_name(self, parameters, key, context)
            for key in (self.ROADS, self.DEPOTS, self.TARGETS)
        }
        layers.require_geometry(
            roads_source, names[self.ROADS], [QgsWkbTypes.GeometryType.LineGeometry], self.ROADS
        )
        layers.require_geometry(
            depots_source, names[self.DEPOTS], [QgsWkbTypes.GeometryType.PointGeometry], self.DEPOTS
        )
        minutes = self._minutes(minutes_text)

        # features to arrays
        decision = projection.working_crs(
            roads_source.sourceCrs(), roads_source.sourceExtent(), context
        )
        feedback.pushInfo(decision.message())
        crs = decision.crs
        roads = layers.read_layer(
            roads_source, names[self.ROADS], crs, context, feedback, progress_range=(0, 8)
        )
        depots = layers.read_layer(
            depots_source, names[self.DEPOTS], crs, context, feedback, progress_range=(8, 9)
        )
        targets = layers.read_layer(
            targets_source, names[self.TARGETS], crs, context, feedback, progress_range=(9, 12)
        )
        if len(targets) == 0:
            feedback.pushWarning(self.tr('Layer "{}" has no feature.').format(names[self.TARGETS]))
        columns = {
            name: roads.values(name)
            for name in PRESET_FIELDS[preset]
            if roads.fields.lookupField(name) >= 0
        }
        speed = None
        if speed_field:  # as values: a NaN speed excludes its road, a NULL takes the default
            roads.require_field(speed_field, numeric=True)
            speed = roads.values(speed_field)
        direction = roads.values(direction_field) if direction_field else None
        bridge = None
        if bridge_text:
            bridge = expressions.expression_values(
                self,
                parameters,
                context,
                roads,
                bridge_text,
                roads_source,
                self.BRIDGE_EXPRESSION,
                feedback,
            )
        depot_ids = depots.values(depot_field) if depot_field else depots.fids.astype(object)
        blocked = None
        if blocked_source is not None:
            blocked = polygons.read_polygons(
                blocked_source,
                layers.layer_name(self, parameters, self.BLOCKED, context),
                crs,
                context,
                feedback,
                progress_range=(12, 14),
            ).geometries
        raster, to_raster = None, None
        if raster_layer is not None:
            window = rasters.raster_window(
                raster_layer,
                self.BLOCKED_RASTER,
                1,
                roads.geometries,
                crs,
                names[self.ROADS],
                feedback,
                self.tr("no road is blocked by it."),
            )
            raster, to_raster = window.grid, window.to_raster

        # one core call
        with errors.core_errors():
            attributes = road_attributes(
                len(roads), columns, preset, speed, direction, default_speed, bridge
            )
            network = build_road_network(roads.geometries, attributes)
            result = crew_access(
                network,
                depots.geometries,
                targets.geometries,
                blocked=blocked,
                raster=raster,
                max_depth=max_depth,
                depth_speed_factor=depth_factor if depth_factor < 1 else None,
                keep_bridges=keep_bridges,
                max_snap=max_snap,
                routes=parameters.get(self.ROUTES) is not None,
                blocked_roads=parameters.get(self.BLOCKED_ROADS) is not None,
                service_minutes=minutes,
                progress=lambda f: feedback.setProgress(15 + 70 * f),
                is_cancelled=feedback.isCanceled,
                depot_names=[str(v) for v in depot_ids],
                raster_transform=to_raster,
            )
        self._report(network, result, depot_ids, max_snap, speed_field, feedback, targets)

        # written
        depot_names = np.array([str(v) for v in depot_ids] + [None], dtype=object)
        columns_out = {
            "ac_depot": depot_names[result.depot],
            "ac_t0_min": result.t0_min,
            "ac_t1_min": result.t1_min,
            "ac_delay": result.delay_min,
            "ac_reach": result.reach.astype(int),
            "ac_km": result.km,
            "ac_snap_m": result.snap_m,
        }
        with sinks.discard_on_failure() as written:
            dest = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT,
                context,
                targets,
                OUTPUT_FIELDS,
                columns_out,
                feedback,
                written,
                (85, 92),
                wkb_type=targets_source.wkbType(),
                crs=targets_source.sourceCrs(),
            )
            outputs = {self.OUTPUT: dest}
            outputs.update(
                self._optional_sinks(
                    parameters,
                    context,
                    feedback,
                    targets,
                    roads,
                    result,
                    columns_out,
                    depot_names,
                    crs,
                    written,
                )
            )
        outputs[self.UNREACHABLE_COUNT] = result.unreachable_count
        outputs[self.MEAN_DELAY] = None if np.isnan(result.mean_delay) else result.mean_delay
        outputs[self.WORST_DELAY] = None if np.isnan(result.worst_delay) else result.worst_delay
        return outputs

    # ------------------------------------------------------------------ helpers

    def _minutes(self, text):
        if not text or not text.strip():
            return None
        try:
            minutes = [float(v) for v in text.replace(",", ";").split(";") if v.strip()]
        except ValueError:
            raise QgsProcessingException(
                self.tr("SERVICE_MINUTES must be numbers separated by ';' (e.g. 30;60;120).")
            ) from None
        if not minutes or any(m <= 0 for m in minutes):
            raise QgsProcessingException(self.tr("SERVICE_MINUTES must be positive minutes."))
        return minutes

    def _optional_sinks(
        self,
        parameters,
        context,
        feedback,
        targets,
        roads,
        result,
        columns_out,
        depot_names,
        crs,
        written,
    ):
        outputs = {}
        line = QgsWkbTypes.Type.LineString
        if result.routes is not None:
            keep = np.flatnonzero([g is not None for g in result.routes])
            outputs[self.ROUTES] = sinks.write_layer(
                self,
                parameters,
                self.ROUTES,
                context,
                targets,
                OUTPUT_FIELDS,
                {k: np.asarray(v)[keep] for k, v in columns_out.items()},
                feedback,
                written,
                (92, 95),
                features=sinks.take(targets.features, keep),
                geometries=sinks.qgis_geometries(result.routes[keep]),
                wkb_type=line,
                crs=crs,
            )
        if result.blocked_roads is not None:
            frame = result.blocked_roads
            outputs[self.BLOCKED_ROADS] = sinks.write_layer(
                self,
                parameters,
                self.BLOCKED_ROADS,
                context,
                roads,
                [sinks.real_field("ac_len_m", 1)],
                {"ac_len_m": frame["length_m"].to_numpy(float)},
                feedback,
                written,
                (95, 97),
                features=sinks.take(roads.features, frame["road"].to_numpy()),
                geometries=sinks.qgis_geometries(frame["geometry"].to_numpy()),
                wkb_type=line,
                crs=crs,
            )
        if result.service_areas is not None and parameters.get(self.SERVICE_AREAS) is not None:
            frame = result.service_areas
            fields = [
                sinks.text_field("ac_depot", 80),
                sinks.text_field("ac_cond", 10),
                sinks.real_field("ac_minutes", 1),
                sinks.real_field("ac_km", 3),
            ]
            sink = sinks.OutputSink(
                self,
                parameters,
                self.SERVICE_AREAS,
                context,
                QgsFields(),
                fields,
                QgsWkbTypes.Type.MultiLineString,
                crs,
                feedback,
            )
            written.append(sink)
            sink.write(
                [None] * len(frame),
                {
                    "ac_depot": depot_names[frame["depot"].to_numpy()],
                    "ac_cond": frame["condition"].to_numpy(object),
                    "ac_minutes": frame["minutes"].to_numpy(float),
                    "ac_km": frame["km"].to_numpy(float),
                },
                feedback,
                geometries=sinks.qgis_geometries(frame["geometry"].to_numpy()),
                progress_range=(97, 99),
            )
            outputs[self.SERVICE_AREAS] = sink.dest_id
        return outputs

    def _report(self, network, result, depot_ids, max_snap, speed_field, feedback, targets):
        att = network.attributes
        for reason, count in att.excluded.items():
            if reason == INVALID_SPEED:
                feedback.pushWarning(
                    self.tr(
                        '{n} roads excluded: their speed in field "{field}" (SPEED_FIELD) is '
                        "NaN, infinite or negative."
                    ).format(n=count, field=speed_field)
                )
                continue
            feedback.pushWarning(
                self.tr("{n} roads excluded: {reason}.").format(n=count, reason=reason)
            )
        if att.speed_defaulted:
            feedback.pushWarning(
                self.tr("{n} roads have no usable speed: the default speed is used.").format(
                    n=att.speed_defaulted
                )
            )
        if att.direction_unknown:
            feedback.pushWarning(
                self.tr("{n} roads have an unknown direction value: two-way.").format(
                    n=att.direction_unknown
                )
            )
        if network.skipped_geometry:
            feedback.pushWarning(
                self.tr("{n} roads have no line geometry: skipped.").format(
                    n=network.skipped_geometry
                )
            )
        off = np.flatnonzero(~result.depot_snapped)
        if off.size:
            names = ", ".join(f"{depot_ids[i]} ({result.depot_snap_m[i]:.0f} m)" for i in off[:10])
            feedback.pushWarning(
                self.tr(
                    "{n} of {total} depots lie beyond MAX_SNAP ({snap:g} m) of any road, not "
                    "used: {names}."
                ).format(n=off.size, total=len(depot_ids), snap=max_snap, names=names)
            )
        counts = result.counts
        placeless = targets.null_count  # no geometry: off the network, but not "far"
        if placeless:
            first = int(targets.fids[shapely.is_missing(targets.geometries)][0])
            feedback.pushWarning(
                self.tr(
                    'Layer "{layer}" (TARGETS): {n} targets have no geometry, so no road '
                    "reaches them: ac_reach 0 (first: feature {fid})."
                ).format(layer=targets.name, n=placeless, fid=first)
            )
        if counts["targets_off_network"] - placeless:
            feedback.pushWarning(
                self.tr(
                    "{n} targets lie beyond MAX_SNAP ({snap:g} m) of any road: unreachable "
                    "(ac_reach 0, distance in ac_snap_m)."
                ).format(n=counts["targets_off_network"] - placeless, snap=max_snap)
            )
        cut_off = counts["unreachable_normal"] - counts["targets_off_network"]
        if cut_off:
            feedback.pushWarning(
                self.tr(
                    "{n} targets on the road network cannot be reached from any depot even in "
                    "normal conditions (a part of the network no depot connects to, or one-way "
                    "roads): ac_reach 0."
                ).format(n=cut_off)
            )
        feedback.pushInfo(
            self.tr(
                "{n} targets; unreachable under the hazard: {u} (in normal conditions: {u0}; "
                "beyond MAX_SNAP: {far}). Blocked roads: {km:.2f} km."
            ).format(
                n=result.t0_min.size,
                u=result.unreachable_count,
                u0=counts["unreachable_normal"],
                far=counts["targets_off_network"],
                km=counts["blocked_km"],
            )
        )
        if np.isfinite(result.mean_delay):
            feedback.pushInfo(
                self.tr("Delay: mean {mean:.1f} min, worst {worst:.1f} min.").format(
                    mean=result.mean_delay, worst=result.worst_delay
                )
            )
