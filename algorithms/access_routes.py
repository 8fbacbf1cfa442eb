"""fibreresilience:accessroutes — crew travel from depots, normal vs hazard."""

import numpy as np
import shapely
from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..adapters import errors, layers, projection, sinks
from ..adapters import roads as road_io
from ..core.access import crew_access
from ..processing_provider.algorithm import FibreAlgorithm

OUTPUT_FIELDS = [
    sinks.text_field("ac_depot", 80),
    sinks.real_field("ac_t0_min", 2),
    sinks.real_field("ac_t1_min", 2),
    sinks.real_field("ac_delay", 2),
    sinks.int_field("ac_reach"),
    sinks.real_field("ac_km", 3),
    sinks.real_field("ac_snap_m", 1),
    sinks.real_field("ac_dry_min", 2),
    sinks.real_field("ac_dry_m", 1),
]
STAGING_FIELDS = [
    sinks.text_field("ac_depot", 80),
    sinks.real_field("ac_dry_min", 2),
    sinks.real_field("ac_dry_m", 1),
]


class AccessRoutesAlgorithm(FibreAlgorithm):
    ALG_ID = "accessroutes"
    ALG_GROUP = "intervention"

    ROADS = road_io.ROADS
    SPEED_FIELD = road_io.SPEED_FIELD
    SPEED_PRESET = road_io.SPEED_PRESET
    DEFAULT_SPEED = road_io.DEFAULT_SPEED
    DIRECTION_FIELD = road_io.DIRECTION_FIELD
    DEPOTS = "DEPOTS"
    DEPOT_FIELD = "DEPOT_FIELD"
    TARGETS = "TARGETS"
    BLOCKED = road_io.BLOCKED
    BLOCKED_RASTER = road_io.BLOCKED_RASTER
    MAX_DEPTH = road_io.MAX_DEPTH
    DEPTH_SPEED_FACTOR = road_io.DEPTH_SPEED_FACTOR
    KEEP_BRIDGES = road_io.KEEP_BRIDGES
    BRIDGE_EXPRESSION = road_io.BRIDGE_EXPRESSION
    MAX_SNAP = "MAX_SNAP"
    SERVICE_MINUTES = "SERVICE_MINUTES"
    OUTPUT = "OUTPUT"
    ROUTES = "ROUTES"
    BLOCKED_ROADS = "BLOCKED_ROADS"
    SERVICE_AREAS = "SERVICE_AREAS"
    STAGING = "STAGING"
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
            "times), NULL where there is no route; and for a target the hazard cuts off "
            "(unreachable under the hazard, and in the water or reached in normal "
            "conditions) its dry staging point: of the points on passable roads a crew can "
            "drive to under the hazard, the one nearest the target in a straight line (the "
            "earliest of equally near ones), with ac_dry_min (minutes from the nearest "
            "depot to it under the hazard) and ac_dry_m (straight-line metres left from it "
            "to the target); NULL for the other targets. A target is in the water when it "
            "meets a BLOCKED polygon, lies on a BLOCKED_RASTER cell deeper than MAX_DEPTH, "
            "or snaps onto an impassable road.\n"
            "A depot in a BLOCKED polygon, or whose road is impassable where it joins it, is "
            "inside the hazard: it serves in normal conditions only, and is named in a "
            "warning.\n"
            "ROUTES: the hazard route of each reached target (depot to target) with its "
            "fields. BLOCKED_ROADS: the road pieces made impassable, with ac_len_m. "
            "SERVICE_MINUTES (e.g. 30;60;120) gives SERVICE_AREAS: per depot, condition "
            "(normal, hazard) and minutes, the roads reachable in that time. STAGING: the dry "
            "staging points, one per cut-off target with its fields, ac_depot (the depot "
            "to leave from), ac_dry_min and ac_dry_m. "
            "UNREACHABLE_COUNT, MEAN_DELAY and WORST_DELAY (minutes) are outputs.\n\n"
            "CRS: computed in the ROADS CRS when projected, else in Lambert-93 or the local "
            "UTM zone; the other layers are reprojected to it."
        )

    def initAlgorithm(self, config=None):
        road_io.add_road_parameters(self)
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
        road_io.add_hazard_parameters(self)
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
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.STAGING,
                self.tr("Dry staging points"),
                QgsProcessing.SourceType.TypeVectorPoint,
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
        spec = road_io.road_spec(self, parameters, context)
        depots_source = layers.require_source(self, parameters, self.DEPOTS, context)
        targets_source = layers.require_source(self, parameters, self.TARGETS, context)
        depot_field = self.parameterAsString(parameters, self.DEPOT_FIELD, context)
        max_snap = self.parameterAsDouble(parameters, self.MAX_SNAP, context)
        minutes_text = self.parameterAsString(parameters, self.SERVICE_MINUTES, context)

        # validation
        names = {
            key: layers.layer_name(self, parameters, key, context)
            for key in (self.DEPOTS, self.TARGETS)
        }
        layers.require_geometry(
            depots_source, names[self.DEPOTS], [QgsWkbTypes.GeometryType.PointGeometry], self.DEPOTS
        )
        minutes = self._minutes(minutes_text)

        # features to arrays
        decision = projection.working_crs(
            spec.source.sourceCrs(), spec.source.sourceExtent(), context
        )
        feedback.pushInfo(decision.message())
        crs = decision.crs
        depots = layers.read_layer(
            depots_source, names[self.DEPOTS], crs, context, feedback, progress_range=(0, 1)
        )
        targets = layers.read_layer(
            targets_source, names[self.TARGETS], crs, context, feedback, progress_range=(1, 4)
        )
        if len(targets) == 0:
            feedback.pushWarning(self.tr('Layer "{}" has no feature.').format(names[self.TARGETS]))
        inputs = road_io.read_roads(self, spec, parameters, context, feedback, crs, (4, 15))
        roads, network = inputs.roads, inputs.network
        depot_ids = depots.values(depot_field) if depot_field else depots.fids.astype(object)

        # one core call
        with errors.core_errors():
            result = crew_access(
                network,
                depots.geometries,
                targets.geometries,
                max_snap=max_snap,
                routes=parameters.get(self.ROUTES) is not None,
                blocked_roads=parameters.get(self.BLOCKED_ROADS) is not None,
                service_minutes=minutes,
                progress=lambda f: feedback.setProgress(15 + 70 * f),
                is_cancelled=feedback.isCanceled,
                depot_names=[str(v) for v in depot_ids],
                **inputs.hazard_options(),
            )
        self._report(network, result, depot_ids, max_snap, spec.speed_field, feedback, targets)

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
            "ac_dry_min": result.dry_min,
            "ac_dry_m": result.dry_m,
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
        if parameters.get(self.STAGING) is not None:
            keep = np.flatnonzero([g is not None for g in result.staging])
            outputs[self.STAGING] = sinks.write_layer(
                self,
                parameters,
                self.STAGING,
                context,
                targets,
                STAGING_FIELDS,
                {
                    "ac_depot": depot_names[result.staging_depot[keep]],
                    "ac_dry_min": result.dry_min[keep],
                    "ac_dry_m": result.dry_m[keep],
                },
                feedback,
                written,
                (99, 100),
                features=sinks.take(targets.features, keep),
                geometries=sinks.qgis_geometries(result.staging[keep]),
                wkb_type=QgsWkbTypes.Type.Point,
                crs=crs,
            )
        return outputs

    def _report(self, network, result, depot_ids, max_snap, speed_field, feedback, targets):
        road_io.warn_roads(self, feedback, network, speed_field)
        off = np.flatnonzero(~result.depot_snapped)
        if off.size:
            names = ", ".join(f"{depot_ids[i]} ({result.depot_snap_m[i]:.0f} m)" for i in off[:10])
            feedback.pushWarning(
                self.tr(
                    "{n} of {total} depots lie beyond MAX_SNAP ({snap:g} m) of any road, not "
                    "used: {names}."
                ).format(n=off.size, total=len(depot_ids), snap=max_snap, names=names)
            )
        flooded = np.flatnonzero(result.depot_flooded)
        if flooded.size:
            names = ", ".join(str(depot_ids[i]) for i in flooded[:10])
            more = len(flooded) - 10
            feedback.pushWarning(
                self.tr(
                    "{n} of {total} depots are inside the hazard (in a blocked area, or their "
                    "road is impassable where they join it): not used under the hazard, only "
                    "in normal conditions: {names}."
                ).format(n=flooded.size, total=len(depot_ids), names=names)
                + (self.tr(" ({n} more)").format(n=more) if more > 0 else "")
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
        if counts["staged"]:
            feedback.pushInfo(
                self.tr(
                    "{n} targets cut off by the hazard have a dry staging point (ac_dry_min, "
                    "ac_dry_m)."
                ).format(n=counts["staged"])
            )
        if np.isfinite(result.mean_delay):
            feedback.pushInfo(
                self.tr("Delay: mean {mean:.1f} min, worst {worst:.1f} min.").format(
                    mean=result.mean_delay, worst=result.worst_delay
                )
            )
