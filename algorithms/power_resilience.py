"""fibreresilience:powerresilience — which active sites go dark when the grid fails."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..adapters import errors, power, sinks
from ..adapters import network as nio
from ..adapters import roads as road_io
from ..core.power import power_resilience
from ..processing_provider.algorithm import FibreAlgorithm

SITE_FIELDS = [
    sinks.real_field("pw_outage_h", 2),
    sinks.real_field("pw_autonomy_h", 2),
    sinks.real_field("pw_gen_h", 2),
    sinks.real_field("pw_dark_h", 2),
    sinks.real_field("pw_prem", 1),
    sinks.real_field("pw_prem_h", 1),
    sinks.real_field("pw_sens", 1),
    sinks.text_field("pw_depot", 80),
]


class PowerResilienceAlgorithm(FibreAlgorithm):
    ALG_ID = "powerresilience"
    ALG_GROUP = "intervention"

    SITES = nio.SITES
    AUTONOMY_FIELD = "AUTONOMY_FIELD"
    DEFAULT_AUTONOMY = "DEFAULT_AUTONOMY"
    GENERATOR_FIELD = "GENERATOR_FIELD"
    FUEL_HOURS = "FUEL_HOURS"
    OUTAGES = "OUTAGES"
    OUTAGE_HOURS_FIELD = "OUTAGE_HOURS_FIELD"
    OUTAGE_HOURS = "OUTAGE_HOURS"
    SUBSTATIONS = "SUBSTATIONS"
    SUBSTATION_ID_FIELD = "SUBSTATION_ID_FIELD"
    FEEDER_FIELD = "FEEDER_FIELD"
    SENSITIVE_SITES = "SENSITIVE_SITES"
    GENERATORS = "GENERATORS"
    GENERATOR_DEPOTS = "GENERATOR_DEPOTS"
    GENERATOR_DEPOT_FIELD = "GENERATOR_DEPOT_FIELD"
    GENERATOR_COUNT_FIELD = "GENERATOR_COUNT_FIELD"
    SETUP_MINUTES = "SETUP_MINUTES"
    ROAD_MAX_SNAP = "ROAD_MAX_SNAP"
    OUTPUT = "OUTPUT"
    PRIORITY = "PRIORITY"
    SITES_DARK = "SITES_DARK"
    PREMISE_HOURS_POWER = "PREMISE_HOURS_POWER"
    GENERATORS_USED = "GENERATORS_USED"

    def displayName(self):
        return self.tr("Power resilience of active sites")

    def shortHelpString(self):
        return self.tr(
            "Which active sites go dark when the grid fails, for how long, how many premises "
            "lose service, where mobile generators should go, and in which order the grid "
            "operator should re-energise the sites' feeders (délestage). Every time is in "
            "hours from the start of the outage, which begins everywhere at once.\n\n"
            + nio.HELP
            + "\n\nSITES: the active sites (NRO, shelters with active equipment; e.g. the "
            "GraceTHD nodes whose gt_role is NRO). AUTONOMY_FIELD: battery hours; NULL takes "
            "DEFAULT_AUTONOMY (with a warning), negative is refused. GENERATOR_FIELD: 1 for "
            "a fixed generator on site, which adds FUEL_HOURS to the autonomy.\n"
            "Grid outage: OUTAGES polygons with their duration in OUTAGE_HOURS_FIELD (NULL "
            "or no field: OUTAGE_HOURS); a site in no zone has no outage, a site in several "
            "takes the longest. Without OUTAGES every site has OUTAGE_HOURS. SUBSTATIONS "
            "(points, id in SUBSTATION_ID_FIELD) with FEEDER_FIELD on the sites naming the "
            "substation that feeds each: a substation takes the outage of the zone it stands "
            "in, and a site fed by it the longer of its own and its substation's.\n"
            "Mobile generators: GENERATORS of them, held at GENERATOR_DEPOTS; each leaves "
            "at the start from the dry depot nearest to its site, travels over ROADS under "
            "the hazard exactly as Crew access routes computes it (same road and hazard "
            "parameters), is set up in SETUP_MINUTES and stays until the outage ends. A "
            "depot in a BLOCKED polygon, or whose road is impassable where it joins it, is "
            "flooded: not used, and named in a warning. Allocation, greedy: each generator "
            "in turn goes to the site where it saves the most premise-hours (pw_prem × "
            "dark hours avoided), ties to more sensitive sites, then more hours avoided, then "
            "the first site; a site no generator can reach waits for the outage's end.\n"
            "GENERATOR_COUNT_FIELD (on GENERATOR_DEPOTS): how many generators each depot "
            "holds (a whole number, 0 or more; NULL, NaN, negative and fractional counts are "
            "refused, naming the depot). Given, it replaces GENERATORS (which is then not "
            "read): the fleet is the sum of the counts, each generator leaves from its own "
            "depot and a depot sends no more than it holds; each generator in turn goes to "
            "the site and the depot still holding one that save the most premise-hours "
            "(the same ties, then the earlier arrival, then the first depot).\n"
            "SENSITIVE_SITES (optional points: hospitals, emergency services…) attach to the "
            "network like premises.\n\n"
            "OUTPUT keeps every SITES field and adds pw_outage_h (grid outage, h), "
            "pw_autonomy_h (battery plus fixed generator fuel, h), pw_gen_h (mobile "
            "generator arrival, h; NULL if none), pw_dark_h (hours without power: from the "
            "end of the autonomy to the earlier of the outage's end and the generator's "
            "arrival; 0 if never), pw_prem (premises whose every path to a root runs through "
            "the site; NULL for a site not on the network), pw_prem_h (pw_prem × pw_dark_h), "
            "pw_sens (sensitive sites behind it) and pw_depot (the generator's depot). "
            "PRIORITY: the délestage table, one row per site ranked by premises, then "
            "sensitive sites behind it, then dark hours: pw_rank, pw_fid (site feature id), "
            "pw_feeder, the figures above.\n"
            "SITES_DARK (sites with pw_dark_h > 0), PREMISE_HOURS_POWER (premise-hours "
            "without service, each premises counted once hour by hour: two dark sites in "
            "series count once, two redundant sites both dark count) and GENERATORS_USED "
            "are outputs."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, sites=False)
        point = [QgsProcessing.SourceType.TypeVectorPoint]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Active sites (NRO, shelters with active equipment)"), point
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterField(
                    nio.SITE_NODE_FIELD,
                    self.tr("Site node-id field"),
                    parentLayerParameterName=self.SITES,
                    optional=True,
                )
            )
        )
        self._field(self.AUTONOMY_FIELD, self.tr("Battery autonomy field (h)"), self.SITES, True)
        self._number(self.DEFAULT_AUTONOMY, self.tr("Default battery autonomy (h)"), None)
        self._field(self.GENERATOR_FIELD, self.tr("Fixed generator field (0/1)"), self.SITES)
        self._number(self.FUEL_HOURS, self.tr("Fixed generator fuel (h)"), 24.0)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.OUTAGES,
                self.tr("Grid outage zones"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self._field(self.OUTAGE_HOURS_FIELD, self.tr("Outage duration field (h)"), self.OUTAGES)
        self._number(self.OUTAGE_HOURS, self.tr("Outage duration (h)"), None)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SUBSTATIONS, self.tr("Substations"), point, optional=True
            )
        )
        self._field(self.SUBSTATION_ID_FIELD, self.tr("Substation id field"), self.SUBSTATIONS)
        self._field(self.FEEDER_FIELD, self.tr("Feeder or substation field (on sites)"), self.SITES)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SENSITIVE_SITES, self.tr("Sensitive sites"), point, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GENERATORS,
                self.tr("Mobile generators"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=0,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.GENERATOR_DEPOTS, self.tr("Generator depots"), point, optional=True
            )
        )
        self._field(self.GENERATOR_DEPOT_FIELD, self.tr("Depot id field"), self.GENERATOR_DEPOTS)
        self._field(
            self.GENERATOR_COUNT_FIELD,
            self.tr("Generators per depot field"),
            self.GENERATOR_DEPOTS,
            True,
        )
        self._number(self.SETUP_MINUTES, self.tr("Generator set-up (min)"), 30.0)
        road_io.add_road_parameters(self, optional=True)
        road_io.add_hazard_parameters(self)
        self._number(self.ROAD_MAX_SNAP, self.tr("Maximum distance to a road (m)"), 500.0)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Sites with power figures"),
                QgsProcessing.SourceType.TypeVectorPoint,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.PRIORITY,
                self.tr("Délestage priorities"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        for key, label in (
            (self.SITES_DARK, self.tr("Sites without power")),
            (self.PREMISE_HOURS_POWER, self.tr("Premise-hours without service")),
            (self.GENERATORS_USED, self.tr("Mobile generators sent")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def _field(self, key, label, parent, numeric=False):
        kind = QgsProcessingParameterField.DataType
        self.addParameter(
            QgsProcessingParameterField(
                key,
                label,
                parentLayerParameterName=parent,
                type=kind.Numeric if numeric else kind.Any,
                optional=True,
            )
        )

    def _number(self, key, label, default):
        self.addParameter(
            QgsProcessingParameterNumber(
                key,
                label,
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=default,
                minValue=0.0,
                optional=default is None,
            )
        )

    # ------------------------------------------------------------------ processing

    def process(self, parameters, context, feedback):
        # parameters and validation
        args = power.read_power_parameters(self, parameters, context)
        spec = None
        if args.count_field and args.depots_source is None:
            raise QgsProcessingException(
                self.tr("GENERATOR_COUNT_FIELD needs GENERATOR_DEPOTS (the layer it is read on).")
            )
        if args.generators > 0 or args.count_field:
            spec = road_io.road_spec(self, parameters, context, optional=True)
            if spec is None or args.depots_source is None:
                raise QgsProcessingException(
                    self.tr(
                        "GENERATORS is {n}: mobile generators need ROADS and GENERATOR_DEPOTS."
                    ).format(n=args.generators)
                    if not args.count_field
                    else self.tr(
                        "GENERATOR_COUNT_FIELD is given: mobile generators need ROADS and "
                        "GENERATOR_DEPOTS."
                    )
                )

        # features to arrays
        inputs = nio.read_network(self, parameters, context, feedback, progress_range=(0, 30))
        nio.warn_defects(self, feedback, inputs.model.defects)
        sites = inputs.sites
        data = power.read_power_layers(self, parameters, context, feedback, args, sites, inputs.crs)
        roads = None
        if spec is not None:
            roads = road_io.read_roads(
                self, spec, parameters, context, feedback, inputs.crs, (40, 50)
            )
            road_io.warn_roads(self, feedback, roads.network, spec.speed_field)

        # one core call
        with errors.core_errors():
            result = power_resilience(
                inputs.model,
                sites.geometries,
                sites.fids,
                data.autonomy,
                args.default_autonomy,
                data.fixed_generator,
                args.fuel_hours,
                data.zones,
                data.zone_hours,
                args.outage_hours,
                data.substations,
                data.substation_ids,
                data.feeders,
                data.sensitive,
                args.generators,
                roads.network if roads is not None else None,
                data.depots,
                args.setup_minutes,
                power.road_options(roads, args, data) if roads is not None else None,
                sensitive_max_snap=self.parameterAsDouble(parameters, nio.MAX_SNAP, context),
                progress=lambda f: feedback.setProgress(50 + 40 * f),
                is_cancelled=feedback.isCanceled,
                generator_counts=data.depot_counts,
            )
        power.report(self, feedback, result, args, data, sites)

        # written
        table = result.sites
        depot_names = np.array([str(v) for v in data.depot_names] + [None], dtype=object)
        columns = {name.name: table[name.name].to_numpy(float) for name in SITE_FIELDS[:-1]}
        columns["pw_depot"] = depot_names[table["depot"].to_numpy()]
        outputs = {}
        with sinks.discard_on_failure() as written:
            outputs[self.OUTPUT] = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT,
                context,
                sites,
                SITE_FIELDS,
                columns,
                feedback,
                written,
                (90, 98),
            )
            dest = sinks.table_sink(
                self,
                parameters,
                self.PRIORITY,
                context,
                self._priority(result, sites, data),
                feedback,
            )
            if dest is not None:
                outputs[self.PRIORITY] = dest
        outputs[self.SITES_DARK] = result.totals["sites_dark"]
        outputs[self.PREMISE_HOURS_POWER] = result.totals["premise_hours"]
        outputs[self.GENERATORS_USED] = result.totals["generators_used"]
        return outputs

    @staticmethod
    def _priority(result, sites, data):
        order = result.priority["site"].to_numpy()
        table = result.sites.iloc[order]
        feeders = np.asarray(
            [None if v is None else str(v) for v in data.feeders]
            if data.feeders is not None
            else [None] * len(sites),
            dtype=object,
        )
        return pd.DataFrame(
            {
                "pw_rank": result.priority["rank"].to_numpy(np.int64),
                "pw_fid": sites.fids[order],
                "pw_feeder": feeders[order],
                "pw_prem": table["pw_prem"].to_numpy(float),
                "pw_sens": table["pw_sens"].to_numpy(float),
                "pw_outage_h": table["pw_outage_h"].to_numpy(float),
                "pw_dark_h": table["pw_dark_h"].to_numpy(float),
                "pw_prem_h": table["pw_prem_h"].to_numpy(float),
            }
        )
