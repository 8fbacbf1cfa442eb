"""fibreresilience:returnperiods — when each line first fails, and the expected annual impact."""

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..adapters import errors, layers, rasters, scenarios, sinks
from ..adapters import network as nio
from ..core.errors import InputError
from ..core.impact import aggregate_ids
from ..core.raster_sampling import parse_raster_thresholds
from ..core.return_periods import TAILS, analyse_return_periods, parse_fragility, uncovered_modes
from ..processing_provider.algorithm import FibreAlgorithm

LINE_FIELDS = [
    sinks.real_field("rp_first", 1),
    sinks.real_field("rp_aep", 6),
    sinks.text_field("rp_levels", 254),
    sinks.real_field("rp_eal_m", 3),
]
POINT_FIELDS = [sinks.real_field("rp_first", 1), sinks.real_field("rp_aep", 6)]
SUMMARY_FIELDS = [
    sinks.text_field("aggregate", 254),
    sinks.text_field("scenario", 80),
    sinks.real_field("rp", 1),
    sinks.real_field("aep", 6),
    sinks.real_field("prem_cut", 3),
    sinks.real_field("sites_cut", 3),
    sinks.real_field("length_m", 3),
]


class ReturnPeriodsAlgorithm(FibreAlgorithm):
    ALG_ID = "returnperiods"
    ALG_GROUP = "network"

    HAZARD_RASTERS = "HAZARD_RASTERS"
    HAZARD = "HAZARD"
    SCENARIO_FIELD = "SCENARIO_FIELD"
    VALUE_FIELD = "VALUE_FIELD"
    RETURN_PERIODS = "RETURN_PERIODS"
    FAIL_VALUE = "FAIL_VALUE"
    FRAGILITY = "FRAGILITY"
    LAYING_FIELD = "LAYING_FIELD"
    LEVELS = "LEVELS"
    TAIL = "TAIL"
    PROTECTION_RP = "PROTECTION_RP"
    DRAWS = "DRAWS"
    AGGREGATE = "AGGREGATE"
    AGGREGATE_FIELD = "AGGREGATE_FIELD"
    PREMISES_GROUP_FIELD = "PREMISES_GROUP_FIELD"
    OUTPUT_LINES = "OUTPUT_LINES"
    OUTPUT_PREMISES = "OUTPUT_PREMISES"
    OUTPUT_SITES = "OUTPUT_SITES"
    SUMMARY = "SUMMARY"
    EAI_PREMISES = "EAI_PREMISES"
    EAI_LENGTH_M = "EAI_LENGTH_M"

    def displayName(self):
        return self.tr("Return periods and expected annual impact")

    def shortHelpString(self):
        return self.tr(
            "Several hazard scenarios, each with its return period RP (years), on one network "
            "graph: when each line first fails, when each premises and site is first cut off, "
            "and the expected annual impact.\n\n"
            + nio.HELP
            + "\n\nScenarios: HAZARD_RASTERS (one raster per scenario, e.g. water depth in m, "
            "any CRS, read on its own cells) with RETURN_PERIODS in the same order "
            "('10;100;1000'); or HAZARD polygons whose SCENARIO_FIELD names each zone's "
            "scenario, with RETURN_PERIODS as code=years pairs ('01For=10;02Moy=100'). For "
            "TRI zones (scenario 01For, 02Moy, 04Fai) RETURN_PERIODS may stay empty: 10, 100 "
            "and 1000 years, the lower bounds of the national TRI mapping guidance (frequent "
            "10–30 years, medium 100–300, extreme about 1000 or more); 03Mcc needs a value of "
            "its own. VALUE_FIELD gives the zones' intensity (else 1).\n"
            "Failure of a line: its highest intensity reaches FAIL_VALUE; or, with FRAGILITY, "
            "a probability from a curve per laying mode (LAYING_FIELD, e.g. gt_laying): "
            "'AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01' gives the "
            "probability of failure per km at each intensity, linear between the points, 0 "
            "below the first; '*' covers every other mode. A line fails with probability "
            "1 − Π (1 − f(intensity of each piece))^(km of the piece). A curve that jumps "
            "to 1 at FAIL_VALUE gives the hard case back. Premises are cut with a "
            "probability: exact when every uncertain line is a bridge to the roots, else "
            "estimated from DRAWS random draws (the log gives the standard error). A "
            "shared-risk group (SRLG_FIELD) fails whole: its lines take the highest "
            "probability of its members.\n"
            "Expected annual impact: the impact D of each scenario is integrated over the "
            "annual exceedance probability p = 1/RP by trapezoids between scenarios; TAIL "
            "'constant' holds the rarest scenario's impact down to p = 0 ('none': nothing "
            "beyond it); more frequent than the most frequent scenario nothing, unless "
            "PROTECTION_RP says the network is only protected up to that return period (the "
            "most frequent impact is then held up to it). Example: RP 10, 100, 1000 cutting "
            "0, 500, 2000 premises: (0.1 − 0.01) × (0 + 500)/2 + (0.01 − 0.001) × (500 + "
            "2000)/2 = 33.75 premises a year; TAIL constant adds 0.001 × 2000 = 2.\n\n"
            "OUTPUT_LINES keeps every NETWORK field and adds rp_first (the smallest return "
            "period at which the line fails, probability 0.5 or more with FRAGILITY; NULL "
            "if never), rp_aep (1 / rp_first), rp_levels (the hazard level 0–4 per scenario "
            "from the LEVELS thresholds, '10:0;100:2;1000:4') and rp_eal_m (expected annual "
            "exposed length, m/year: length at level 1 or more, integrated as above). "
            "OUTPUT_PREMISES and OUTPUT_SITES keep every field and add rp_first (the smallest "
            "return period at which it is cut off) and rp_aep. SUMMARY: one row per scenario "
            "(rp, aep, prem_cut, sites_cut, length_m of failed lines; expected values) and one "
            "'expected annual' row, for the whole network (aggregate NULL) and per AGGREGATE "
            "polygon (AGGREGATE_FIELD) or per value of PREMISES_GROUP_FIELD (e.g. gt_nro). "
            "EAI_PREMISES (expected premises cut a year) and EAI_LENGTH_M are outputs. A "
            "rarer scenario that cuts fewer premises than a more frequent one is warned: it "
            "usually means mislabelled inputs."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, srlg=True)
        self.addParameter(
            rasters.RasterListParameter(
                self.HAZARD_RASTERS,
                self.tr("Hazard rasters (one per return period)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.HAZARD,
                self.tr("Or hazard zones of several scenarios"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        for key, label in (
            (self.SCENARIO_FIELD, self.tr("Scenario field of the zones (e.g. scenario)")),
            (self.VALUE_FIELD, self.tr("Intensity field of the zones")),
        ):
            self.addParameter(
                QgsProcessingParameterField(
                    key, label, parentLayerParameterName=self.HAZARD, optional=True
                )
            )
        self.addParameter(
            QgsProcessingParameterString(
                self.RETURN_PERIODS,
                self.tr("Return periods (years): 10;100;1000 or code=years pairs"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.FAIL_VALUE,
                self.tr("A line fails from this intensity (e.g. m of water)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=0.5,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FRAGILITY,
                self.tr("Fragility curves (MODE: intensity=probability per km; …)"),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LAYING_FIELD,
                self.tr("Laying-mode field of the lines (for the curves)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterString(
                    self.LEVELS,
                    self.tr("Level thresholds of the intensity"),
                    defaultValue="0.01;0.5;1;2",
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TAIL,
                self.tr("Beyond the rarest scenario"),
                [self.tr("nothing"), self.tr("its impact held")],
                defaultValue=0,
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.PROTECTION_RP,
                    self.tr("Protected up to this return period (years; 0: the most frequent)"),
                    QgsProcessingParameterNumber.Type.Double,
                    defaultValue=0.0,
                    minValue=0.0,
                )
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.DRAWS,
                    self.tr("Random draws where uncertain lines form loops"),
                    QgsProcessingParameterNumber.Type.Integer,
                    defaultValue=500,
                    minValue=10,
                    maxValue=100000,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.AGGREGATE,
                self.tr("Break the summary down by these polygons"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.AGGREGATE_FIELD,
                self.tr("Name field of the polygons"),
                parentLayerParameterName=self.AGGREGATE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PREMISES_GROUP_FIELD,
                self.tr("Or break the summary down by this premises field (e.g. gt_nro)"),
                parentLayerParameterName=nio.PREMISES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                self.tr("Lines by return period"),
                QgsProcessing.SourceType.TypeVectorLine,
            )
        )
        for key, label in (
            (self.OUTPUT_PREMISES, self.tr("Premises by return period")),
            (self.OUTPUT_SITES, self.tr("Sites by return period")),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSink(
                    key,
                    label,
                    QgsProcessing.SourceType.TypeVectorPoint,
                    optional=True,
                    createByDefault=False,
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Impact per scenario and expected annual impact"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.EAI_PREMISES, self.tr("Expected premises cut a year"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.EAI_LENGTH_M, self.tr("Expected length of failed lines a year (m)")
            )
        )

    def process(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, self.RETURN_PERIODS, context)
        has_rasters = bool(rasters.raster_layers(self, parameters, self.HAZARD_RASTERS, context))
        has_zones = bool(parameters.get(self.HAZARD))
        if has_rasters == has_zones:
            raise QgsProcessingException(
                self.tr("Give the scenarios either as HAZARD_RASTERS or as HAZARD zones.")
            )
        curves = None
        fragility = self.parameterAsString(parameters, self.FRAGILITY, context)
        try:
            curves = parse_fragility(fragility) if fragility.strip() else None
            thresholds = parse_raster_thresholds(
                self.parameterAsString(parameters, self.LEVELS, context)
            )
        except InputError as error:
            raise QgsProcessingException(str(error)) from None
        laying_field = self.parameterAsString(parameters, self.LAYING_FIELD, context)
        if curves is not None and not laying_field and set(curves) != {"*"}:
            raise QgsProcessingException(
                self.tr("FRAGILITY names laying modes: give LAYING_FIELD (e.g. gt_laying).")
            )

        inputs = nio.read_network(
            self,
            parameters,
            context,
            feedback,
            srlg=True,
            progress_range=(0, 30),
            premises_out=parameters.get(self.OUTPUT_PREMISES) is not None,
        )
        nio.warn_defects(self, feedback, inputs.model.defects)
        network = inputs.network
        if has_rasters:
            found = scenarios.raster_scenarios(
                self, parameters, self.HAZARD_RASTERS, context, network, inputs.crs, feedback, text
            )
        else:
            found = scenarios.zone_scenarios(
                self,
                parameters,
                self.HAZARD,
                self.parameterAsString(parameters, self.SCENARIO_FIELD, context),
                self.parameterAsString(parameters, self.VALUE_FIELD, context),
                context,
                network,
                inputs.crs,
                feedback,
                text,
            )
        feedback.pushInfo(
            self.tr("Scenarios: {}.").format(
                ", ".join(f"{s.label} (RP {s.return_period:g})" for s in found)
            )
        )
        laying = network.values(laying_field) if laying_field else None
        if curves is not None:
            uncovered = uncovered_modes(curves, laying, len(network))
            if uncovered:
                feedback.pushWarning(
                    self.tr(
                        "No fragility curve for laying modes {}: those lines never fail."
                    ).format(", ".join(m or "NULL" for m in uncovered))
                )
        premises_agg, sites_agg, lines_agg = self._aggregates(parameters, context, feedback, inputs)
        protection = self.parameterAsDouble(parameters, self.PROTECTION_RP, context)
        length = shapely.length(network.geometries)
        with errors.core_errors():
            result = analyse_return_periods(
                inputs.model,
                found,
                np.nan_to_num(length),
                fail_value=self.parameterAsDouble(parameters, self.FAIL_VALUE, context),
                curves=curves,
                laying=laying,
                level_thresholds=thresholds,
                tail=TAILS[self.parameterAsEnum(parameters, self.TAIL, context)],
                protection_rp=protection if protection > 0 else None,
                draws=self.parameterAsInt(parameters, self.DRAWS, context),
                premises_aggregate=premises_agg,
                sites_aggregate=sites_agg,
                lines_aggregate=lines_agg,
                progress=lambda f: feedback.setProgress(40 + 45 * f),
                is_cancelled=feedback.isCanceled,
            )
        for warning in result.warnings:
            feedback.pushWarning(warning)
        totals = result.totals
        feedback.pushInfo(
            self.tr("Expected every year: {p:.2f} premises cut, {m:.0f} m of lines failed.").format(
                p=totals["eai_premises"], m=totals["eai_length_m"]
            )
        )

        outputs = {}
        with sinks.discard_on_failure() as written:
            outputs[self.OUTPUT_LINES] = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT_LINES,
                context,
                network,
                LINE_FIELDS,
                {c: result.lines[c].to_numpy() for c in result.lines.columns},
                feedback,
                written,
                (85, 92),
            )
            for key, layer, frame in (
                (self.OUTPUT_PREMISES, inputs.premises, result.premises),
                (self.OUTPUT_SITES, inputs.sites, result.sites),
            ):
                if parameters.get(key) is not None and layer is not None:
                    outputs[key] = sinks.write_layer(
                        self,
                        parameters,
                        key,
                        context,
                        layer,
                        POINT_FIELDS,
                        {c: frame[c].to_numpy() for c in frame.columns},
                        feedback,
                        written,
                        (92, 97),
                    )
            outputs[self.SUMMARY] = sinks.table_sink(
                self, parameters, self.SUMMARY, context, result.summary, feedback
            )
        outputs[self.EAI_PREMISES] = totals["eai_premises"]
        outputs[self.EAI_LENGTH_M] = totals["eai_length_m"]
        return outputs

    def _aggregates(self, parameters, context, feedback, inputs):
        """Aggregate keys of premises, sites and lines: the names of the polygons holding
        them (a line: its mid-point), or a premises field."""
        group_field = self.parameterAsString(parameters, self.PREMISES_GROUP_FIELD, context)
        source = layers.require_source(self, parameters, self.AGGREGATE, context, optional=True)
        if source is None:
            if group_field and inputs.premises is not None:
                values = inputs.premises.values(group_field)
                return [None if v is None else str(v) for v in values], None, None
            return None, None, None
        name = layers.layer_name(self, parameters, self.AGGREGATE, context)
        polygons = layers.read_layer(source, name, inputs.crs, context, feedback)
        field = self.parameterAsString(parameters, self.AGGREGATE_FIELD, context)
        names = (
            [None if v is None else str(v) for v in polygons.values(field)]
            if field
            else [str(fid) for fid in polygons.fids.tolist()]
        )

        def keys(points):
            if points is None:
                return None
            ids = aggregate_ids(points, polygons.geometries)
            return [names[i] if i >= 0 else None for i in ids.tolist()]

        midpoints = shapely.line_interpolate_point(inputs.network.geometries, 0.5, normalized=True)
        premises = inputs.premises.geometries if inputs.premises is not None else None
        sites = inputs.sites.geometries if inputs.sites is not None else None
        return keys(premises), keys(sites), keys(midpoints)
