"""fibreresilience:hazardexposure — exposure of any asset layer to a vector and/or raster hazard."""

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBand,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..adapters import errors, expressions, layers, polygons, projection, rasters, sinks
from ..core.errors import InputError
from ..core.exposure import HazardZones, RasterHazard, exposure, exposure_summary
from ..core.hazard_levels import MAX_LEVEL, PRESETS, map_levels
from ..core.raster_sampling import parse_raster_thresholds
from ..processing_provider.algorithm import FibreAlgorithm

OUTPUT_FIELDS = [
    sinks.int_field("hz_level"),
    sinks.text_field("hz_class", 80),
    sinks.real_field("hz_value", 4),
    sinks.real_field("hz_length", 3),
    sinks.real_field("hz_area", 3),
    sinks.real_field("hz_share", 4),
    sinks.int_field("hz_failed"),
] + [sinks.real_field(f"hz_len_{level}", 3) for level in range(1, MAX_LEVEL + 1)]


class HazardExposureAlgorithm(FibreAlgorithm):
    ALG_ID = "hazardexposure"
    ALG_GROUP = "audit"

    INPUT = "INPUT"
    HAZARD = "HAZARD"
    HAZARD_FIELD = "HAZARD_FIELD"
    PRESET = "PRESET"
    LEVELS = "LEVELS"
    HAZARD_RASTER = "HAZARD_RASTER"
    RASTER_BAND = "RASTER_BAND"
    RASTER_THRESHOLDS = "RASTER_THRESHOLDS"
    BUFFER = "BUFFER"
    FAIL_LEVEL = "FAIL_LEVEL"
    PREMISES_COUNT = "PREMISES_COUNT"
    AGGREGATE = "AGGREGATE"
    AGGREGATE_FIELD = "AGGREGATE_FIELD"
    GROUP_FIELD = "GROUP_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    EXPOSED_COUNT = "EXPOSED_COUNT"
    FAILED_COUNT = "FAILED_COUNT"

    def displayName(self):
        return self.tr("Hazard exposure")

    def shortHelpString(self):
        return self.tr(
            "Which assets (points, lines or polygons: sites, chambers, poles, routes, cables…) "
            "lie in which hazard, at what level, over what length or area.\n\n"
            "Hazard: HAZARD polygons (flood scenarios, PPR zones, clay, groundwater, storm "
            "footprints, custom zones) and/or HAZARD_RASTER (water depth or any intensity). "
            "At least one is needed.\n"
            "HAZARD_FIELD and PRESET turn zone values into levels 0–4 (0 not exposed, 1 low, "
            "2 medium, 3 high, 4 very high): TRI scenario (01For=4, 02Moy=3, 03Mcc=2, "
            "04Fai=1: the frequent flood is the most severe place), TRI depth class "
            "(Inf05=1, 05-1m=2, 1m-2m=3, Sup2m=4), PPR level typeniveaualea (00=0, 01 "
            "faible=1, 02–03 moyen=2, 04–05 fort=3, 06–07 très fort=4), clay shrink-swell "
            "(NIVEAU 1–3 or ALEA Faible/Moyen/Fort; Nul=0), groundwater rise CLASSE "
            "(débordement de nappe=3, inondation de cave=2, neither=0), numeric thresholds "
            "or a custom list given in LEVELS, or a field that holds the level. Auto guesses "
            "from the field name and values. Without a field every zone is level 1. Values "
            "that match no level get 0 and are listed in a warning.\n"
            "LEVELS: thresholds '0.1;0.5;1;2' (value >= 0.1 is level 1, >= 0.5 level 2…) or "
            "'value=level;…' pairs (case-insensitive).\n"
            "RASTER_THRESHOLDS: the same thresholds for raster cell values (default "
            "0.01;0.5;1;2 m of water). Nodata cells are not exposure. Lines are cut exactly "
            "at every cell edge; polygons take the highest cell whose centre they cover (or "
            "the cell under them when smaller than a cell) and their exact wet area.\n"
            "BUFFER (m) widens every hazard zone. FAIL_LEVEL: hz_failed = 1 from this level "
            "on. PREMISES_COUNT: premises per asset (expression), summed in SUMMARY. "
            "AGGREGATE polygons (communes, SRO zones…) split SUMMARY by AGGREGATE_FIELD; an "
            "asset belongs to the polygon holding its point, the mid-point of a line, or a "
            "point inside a polygon. GROUP_FIELD (a field of INPUT, e.g. gt_nro) splits "
            "SUMMARY by its values, text or numbers; NULL values make a group of their own. "
            "With both, SUMMARY has a row set per (polygon, value) pair holding assets.\n\n"
            "OUTPUT keeps every input field and geometry and adds: hz_level (0–4, the highest "
            "level met; vector and raster: the higher), hz_class (source class of that level, "
            "'raster' when it comes from the raster), hz_value (highest numeric zone value or "
            "raster value met, NULL if none), hz_length (lines: exposed length in m, "
            "overlapping zones counted once), hz_area (polygons: exposed area in m²), hz_share "
            "(exposed share 0–1; points 0 or 1), hz_failed (1 when hz_level >= FAIL_LEVEL), "
            "hz_len_1 … hz_len_4 (lines: the length in m lying at exactly that level, each "
            "stretch counted once at the highest level over it, from the zones covering it "
            "and the raster cell under it; they add up to hz_length; NULL for points and "
            "polygons, whose exposure is no length). A zone touched at its edge counts as "
            "exposure (a line touching a level-4 zone at one point is level 4 with hz_len_4 "
            "= 0). Null or empty geometries get level 0 and NULL measures.\n"
            "SUMMARY: a table by level 0–4 (and aggregate polygon, column aggregate, and/or "
            "GROUP_FIELD value as text, column grp_value; NULL: assets in no polygon, or "
            "with a NULL value) with n_assets, length_m (the whole exposed length of the "
            "assets of that level), band_m (the length of line lying at exactly that level, "
            "the sum of hz_len_<level>; at level 0 the length outside every hazard, so that "
            "band_m adds up to the length of the lines), area_m2, premises and n_failed. "
            "EXPOSED_COUNT and FAILED_COUNT count assets with hz_level >= 1 and "
            "hz_failed = 1.\n\n"
            "CRS: lengths and areas are computed in INPUT's CRS when projected, otherwise in "
            "Lambert-93 (in metropolitan France) or the local UTM zone. HAZARD and AGGREGATE "
            "are reprojected to it; the raster is sampled on its own cells in its own CRS "
            "(it must have one), reading only the window under the assets; a raster that "
            "misses every asset exposes nothing (with a warning). Invalid hazard polygons are "
            "repaired (and counted in the log)."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Assets"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HAZARD,
                self.tr("Hazard zones (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.HAZARD_FIELD,
                self.tr("Hazard class or value field"),
                parentLayerParameterName=self.HAZARD,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET,
                self.tr("Levels preset"),
                options=[
                    self.tr("Auto (from the field name and values)"),
                    self.tr("TRI flood scenario (01For … 04Fai)"),
                    self.tr("TRI water depth class (Inf05 … Sup2m)"),
                    self.tr("PPR hazard level (typeniveaualea 00–07)"),
                    self.tr("Clay shrink-swell (NIVEAU 1–3 / ALEA)"),
                    self.tr("Groundwater rise (CLASSE)"),
                    self.tr("Numeric thresholds (LEVELS)"),
                    self.tr("Custom value=level list (LEVELS)"),
                    self.tr("The field holds the level 0–4"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.LEVELS,
                self.tr("Levels: thresholds (0.1;0.5;1;2) or value=level;… list"),
                optional=True,
            )
        )
        self.addParameter(
            rasters.RasterLayerParameter(
                self.HAZARD_RASTER, self.tr("Hazard raster (depth, intensity)"), optional=True
            )
        )
        band = QgsProcessingParameterBand(
            self.RASTER_BAND,
            self.tr("Raster band"),
            defaultValue=1,
            parentLayerParameterName=self.HAZARD_RASTER,
            optional=True,
        )
        band.setFlags(band.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(band)
        self.addParameter(
            QgsProcessingParameterString(
                self.RASTER_THRESHOLDS,
                self.tr("Raster thresholds of levels 1–4"),
                defaultValue="0.01;0.5;1;2",
            )
        )
        buffer = QgsProcessingParameterNumber(
            self.BUFFER,
            self.tr("Widen hazard zones by (m)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.0,
            minValue=0.0,
        )
        buffer.setFlags(buffer.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(buffer)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.FAIL_LEVEL,
                self.tr("Failed from level"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=3,
                minValue=1,
                maxValue=4,
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.PREMISES_COUNT,
                self.tr("Premises per asset (expression)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.AGGREGATE,
                self.tr("Summarise by these polygons (communes, SRO zones…)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.AGGREGATE_FIELD,
                self.tr("Aggregate name field"),
                parentLayerParameterName=self.AGGREGATE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.GROUP_FIELD,
                self.tr("Summarise by this asset field (gt_nro, gt_sro…)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Exposed assets")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Exposure summary"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.EXPOSED_COUNT, self.tr("Exposed assets")))
        self.addOutput(QgsProcessingOutputNumber(self.FAILED_COUNT, self.tr("Failed assets")))

    # ------------------------------------------------------------------ processing

    def process(self, parameters, context, feedback):
        # parameters
        source = layers.require_source(self, parameters, self.INPUT, context)
        name = layers.layer_name(self, parameters, self.INPUT, context)
        hazard_source = polygons.require_polygons(
            self, parameters, self.HAZARD, context, optional=True
        )
        hazard_field = self.parameterAsString(parameters, self.HAZARD_FIELD, context)
        preset = PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)]
        levels_text = self.parameterAsString(parameters, self.LEVELS, context)
        raster_layer = rasters.raster_layer(self, parameters, self.HAZARD_RASTER, context)
        band_number = self.parameterAsInt(parameters, self.RASTER_BAND, context) or 1
        raster_text = self.parameterAsString(parameters, self.RASTER_THRESHOLDS, context)
        buffer = self.parameterAsDouble(parameters, self.BUFFER, context)
        fail_level = self.parameterAsInt(parameters, self.FAIL_LEVEL, context)
        premises_text = expressions.expression_parameter(
            self, parameters, self.PREMISES_COUNT, context
        )
        aggregate_source = polygons.require_polygons(
            self, parameters, self.AGGREGATE, context, optional=True
        )
        aggregate_field = self.parameterAsString(parameters, self.AGGREGATE_FIELD, context)
        group_field = self.parameterAsString(parameters, self.GROUP_FIELD, context)

        # validation
        if hazard_source is None and raster_layer is None:
            raise QgsProcessingException(
                self.tr("Give a hazard: HAZARD polygons and/or a HAZARD_RASTER.")
            )
        hazard_name = ""
        if hazard_source is not None:
            hazard_name = layers.layer_name(self, parameters, self.HAZARD, context)
        try:
            raster_thresholds = parse_raster_thresholds(raster_text) if raster_layer else None
        except InputError as exc:
            raise QgsProcessingException(self.tr("RASTER_THRESHOLDS: {}").format(exc)) from None
        if group_field and source.fields().lookupField(group_field) < 0:
            raise QgsProcessingException(
                self.tr('GROUP_FIELD: layer "{layer}" has no field "{field}".').format(
                    layer=name, field=group_field
                )
            )
        if raster_layer is not None and not 1 <= band_number <= raster_layer.bandCount():
            raise QgsProcessingException(
                self.tr("Raster band {band} does not exist (the raster has {count}).").format(
                    band=band_number, count=raster_layer.bandCount()
                )
            )

        # features to arrays
        decision = projection.working_crs(source.sourceCrs(), source.sourceExtent(), context)
        feedback.pushInfo(decision.message())
        crs = decision.crs
        layer = layers.read_layer(source, name, crs, context, feedback, progress_range=(0, 10))
        if len(layer) == 0:
            feedback.pushWarning(self.tr('Layer "{}" has no feature.').format(name))
        if layer.null_count:
            feedback.pushWarning(
                self.tr("{n} assets have no geometry: level 0, NULL measures.").format(
                    n=layer.null_count
                )
            )
        zones = None
        if hazard_source is not None:
            zones = self._zones(
                hazard_source,
                hazard_name,
                hazard_field,
                preset,
                levels_text,
                buffer,
                crs,
                context,
                feedback,
            )
        raster = None
        if raster_layer is not None:
            raster = self._raster(
                raster_layer, band_number, raster_thresholds, layer, name, feedback
            )
            if raster is None and zones is None:
                # The raster misses every asset (warned): nothing is exposed.
                zones = HazardZones(np.empty(0, dtype=object), np.empty(0, dtype=np.int64))
        premises = None
        if premises_text:
            premises = self._premises(parameters, context, layer, premises_text, source, feedback)
        aggregates, aggregate_names = None, None
        if aggregate_source is not None:
            aggregate_layer = polygons.read_polygons(
                aggregate_source,
                layers.layer_name(self, parameters, self.AGGREGATE, context),
                crs,
                context,
                feedback,
                progress_range=(15, 20),
            )
            aggregates = aggregate_layer.geometries
            aggregate_names = (
                aggregate_layer.values(aggregate_field)
                if aggregate_field
                else aggregate_layer.fids.astype(object)
            )
        groups = None
        if group_field:
            groups = [layers.sortable_value(v) for v in layer.values(group_field).tolist()]

        # one core call (and its summary)
        with errors.core_errors():
            result = exposure(
                layer.geometries,
                zones,
                raster,
                fail_level,
                progress=lambda f: feedback.setProgress(20 + 65 * f),
                is_cancelled=feedback.isCanceled,
            )
            summary = exposure_summary(
                result, layer.geometries, premises, aggregates, aggregate_names, groups
            )
        self._report(result, feedback)

        # written
        columns = {
            "hz_level": result.level,
            "hz_class": result.class_,
            "hz_value": result.value,
            "hz_length": result.length,
            "hz_area": result.area,
            "hz_share": result.share,
            "hz_failed": result.failed,
        }
        for level in range(1, MAX_LEVEL + 1):
            columns[f"hz_len_{level}"] = result.band_length[:, level - 1]
        with sinks.discard_on_failure() as written:
            dest = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT,
                context,
                layer,
                OUTPUT_FIELDS,
                columns,
                feedback,
                written,
                (85.0, 98.0),
                crs=source.sourceCrs(),
            )
            summary_id = sinks.table_sink(
                self, parameters, self.SUMMARY, context, summary, feedback
            )
        exposed = int(np.sum(result.level >= 1))
        failed = int(np.sum(result.failed))
        return {
            self.OUTPUT: dest,
            self.SUMMARY: summary_id,
            self.EXPOSED_COUNT: exposed,
            self.FAILED_COUNT: failed,
        }

    # ------------------------------------------------------------------ helpers

    def _premises(self, parameters, context, layer, text, source, feedback):
        """PREMISES_COUNT per asset; NULL counts 0, and so does a count that is not a number
        >= 0 (NaN, infinite, negative), with a warning: the summary adds them up. Text that
        is no number is refused."""
        values = expressions.count_values(
            self, parameters, context, layer, text, source, self.PREMISES_COUNT, feedback
        )
        premises = layers.as_float_array(values)
        given = np.array([v is not None for v in values], dtype=bool)
        bad = np.flatnonzero(given & ~(np.isfinite(premises) & (premises >= 0)))
        if bad.size:
            feedback.pushWarning(
                self.tr(
                    "{what}: {n} assets have a count that is not a number >= 0 (NaN, infinite, "
                    "negative or text), counted as 0; first: feature {fid} ({value})."
                ).format(
                    what=expressions.parameter_label(self, self.PREMISES_COUNT),
                    n=bad.size,
                    fid=int(layer.fids[bad[0]]),
                    value=values[bad[0]],
                )
            )
            premises[bad] = 0.0
        return premises

    def _zones(self, source, name, field, preset, levels_text, buffer, crs, context, feedback):
        """Hazard polygons in the working CRS with their levels (warns on unknown values)."""
        zone_layer = polygons.read_polygons(
            source, name, crs, context, feedback, progress_range=(10, 15)
        )
        values = None
        if field:
            numeric_needed = preset in ("thresholds", "level_field")
            zone_layer.require_field(field, numeric=numeric_needed)
            values = zone_layer.values(field)
        try:
            mapping = map_levels(values, preset, levels_text, field, count=len(zone_layer))
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None
        classes = mapping.classes if field else np.full(len(zone_layer), name, dtype=object)
        if field:
            feedback.pushInfo(
                self.tr("Levels of {field}: preset {preset}.").format(
                    field=field, preset=mapping.preset
                )
            )
        if mapping.unmatched:
            shown = mapping.unmatched[:20]
            feedback.pushWarning(
                self.tr("Hazard values matching no level (level 0, not exposure): {}").format(
                    ", ".join(shown) + (" …" if len(mapping.unmatched) > 20 else "")
                )
            )
        if len(zone_layer) == 0:
            feedback.pushWarning(self.tr('Hazard layer "{}" has no feature.').format(name))
        return HazardZones(
            zone_layer.geometries, mapping.levels, classes, mapping.values, buffer=buffer
        )

    def _raster(self, raster_layer, band_number, thresholds, layer, name, feedback):
        """The raster window under the assets, with the transforms to and from its CRS."""
        window = rasters.raster_window(
            raster_layer,
            self.HAZARD_RASTER,
            band_number,
            layer.geometries,
            layer.crs,
            name,
            feedback,
            self.tr("no asset is exposed to it."),
        )
        if window.grid is None:
            return None
        return RasterHazard(
            window.grid, thresholds, assets=window.assets, to_metric=window.to_working
        )

    def _report(self, result, feedback):
        kinds = {0: self.tr("points"), 1: self.tr("lines"), 2: self.tr("polygons")}
        exposed = result.level >= 1
        by_level = ", ".join(f"{level}: {int(np.sum(result.level == level))}" for level in range(5))
        feedback.pushInfo(self.tr("Assets by level: {}.").format(by_level))
        for kind, label in kinds.items():
            mine = result.kind == kind
            if mine.any():
                feedback.pushInfo(
                    self.tr("{label}: {exposed} of {total} exposed.").format(
                        label=label, exposed=int(np.sum(exposed & mine)), total=int(mine.sum())
                    )
                )
        if (result.kind == 1).any():
            feedback.pushInfo(
                self.tr("Exposed length: {:.1f} m.").format(float(np.nansum(result.length)))
            )
            bands = np.nansum(result.band_length, axis=0)
            feedback.pushInfo(
                self.tr("Exposed length by level (m): {}.").format(
                    ", ".join(f"{k + 1}: {v:.1f}" for k, v in enumerate(bands.tolist()))
                )
            )
        if (result.kind == 2).any():
            feedback.pushInfo(
                self.tr("Exposed area: {:.1f} m².").format(float(np.nansum(result.area)))
            )
        feedback.pushInfo(self.tr("Failed assets: {}.").format(int(result.failed.sum())))
        if result.zones_repaired:
            feedback.pushWarning(
                self.tr("{} invalid hazard polygons were repaired.").format(result.zones_repaired)
            )
        if result.zones_dropped:
            feedback.pushWarning(
                self.tr("{} hazard features without a polygon were ignored.").format(
                    result.zones_dropped
                )
            )
        if result.zones_level0:
            feedback.pushInfo(
                self.tr("{} hazard zones are level 0 (not exposure).").format(result.zones_level0)
            )
