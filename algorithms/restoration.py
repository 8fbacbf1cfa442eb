"""fibreresilience:restoration — premises without service hour by hour, power and damage."""

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
)

from ..adapters import errors, sinks
from ..adapters import network as nio
from ..adapters import power as power_io
from ..adapters import restoration as rio
from ..core.restoration import restoration
from ..processing_provider.algorithm import FibreAlgorithm

JOB_FIELDS = [
    sinks.text_field("rs_depot", 80),
    sinks.int_field("rs_crew"),
    sinks.int_field("rs_rank"),
    sinks.real_field("rs_prem", 1),
    sinks.real_field("rs_travel_h", 2),
    sinks.real_field("rs_repair_h", 2),
    sinks.real_field("rs_start_h", 2),
    sinks.real_field("rs_done_h", 2),
]


class RestorationAlgorithm(FibreAlgorithm):
    ALG_ID = "restoration"
    ALG_GROUP = "intervention"

    FAILED_EXPRESSION = "FAILED_EXPRESSION"
    NETWORK_ID_FIELD = "NETWORK_ID_FIELD"
    ACCESS = "ACCESS"
    ACCESS_ID_FIELD = "ACCESS_ID_FIELD"
    DEFAULT_TRAVEL_MINUTES = "DEFAULT_TRAVEL_MINUTES"
    REPAIR_FIELD = "REPAIR_FIELD"
    REPAIR_HOURS = "REPAIR_HOURS"
    DEFAULT_REPAIR_HOURS = "DEFAULT_REPAIR_HOURS"
    CREWS = "CREWS"
    RECESSION_HOURS = "RECESSION_HOURS"
    IN_WATER_EXPRESSION = "IN_WATER_EXPRESSION"
    FAILED_NODES = "FAILED_NODES"
    FAILED_NODE_EXPRESSION = "FAILED_NODE_EXPRESSION"
    FAILED_NODE_FIELD = "FAILED_NODE_FIELD"
    NODE_ID_FIELD = "NODE_ID_FIELD"
    NODE_ACCESS = "NODE_ACCESS"
    NODE_REPAIR_FIELD = "NODE_REPAIR_FIELD"
    POWER = "POWER"
    SITE_NODE_FIELD = nio.SITE_NODE_FIELD
    HORIZON = "HORIZON"
    OUTPUT = "OUTPUT"
    OUTPUT_NODES = "OUTPUT_NODES"
    RESTORATION = "RESTORATION"
    PREMISE_HOURS_LOST = "PREMISE_HOURS_LOST"
    HOURS_TO_90PCT = "HOURS_TO_90PCT"

    def displayName(self):
        return self.tr("Restoration curve")

    def shortHelpString(self):
        return self.tr(
            "How fast service comes back after an event, power and physical damage together: "
            "the failed lines are repaired by crews from their depots while the active "
            "sites run out of battery and get power back; the premises without service are "
            "counted hour by hour. Every time is in hours from the start of the event (the "
            "failures and the grid outage both begin at hour 0).\n\n"
            + nio.HELP
            + '\n\nFailed lines: FAILED_EXPRESSION on NETWORK (default "im_failed" = 1, so '
            "that the OUTPUT_LINES of Scenario impact can be the NETWORK). Each failed line "
            "is one repair job.\n"
            "Crew travel: ACCESS, the OUTPUT of Crew access routes run on the failed lines, "
            "joined to them by ACCESS_ID_FIELD (on ACCESS) = NETWORK_ID_FIELD (on NETWORK); "
            "each job is done from its ac_depot, ac_t1_min minutes away under the hazard. A "
            "target no road reaches under the hazard (ac_reach 0) waits RECESSION_HOURS, then "
            "travels ac_t0_min (normal conditions); without RECESSION_HOURS, or without "
            "ac_t0_min, it is never repaired (warned). A failed line with no ACCESS row, or "
            "every line without ACCESS, takes DEFAULT_TRAVEL_MINUTES; these jobs and those "
            "without a depot form one pool of CREWS crews (rs_depot NULL).\n"
            "Repair: REPAIR_HOURS, a table of class and hours, for the class in REPAIR_FIELD "
            "(e.g. the laying mode gt_laying, or an asset type; compared without case, 7 = "
            "7.0); NULL or unlisted classes take DEFAULT_REPAIR_HOURS with a warning "
            "(refused without it). Operator figures: there is no default. A negative or NaN "
            "value is refused, naming its row.\n"
            'IN_WATER_EXPRESSION (e.g. "hz_level" > 0): lines that cannot be worked on '
            "before RECESSION_HOURS.\n"
            "Failed nodes (optional): FAILED_NODES, points (e.g. the OUTPUT_SITES of Scenario "
            "impact, or nodes of Hazard exposure) where FAILED_NODE_EXPRESSION is true (every "
            "point without it), attached to the network's nodes by FAILED_NODE_FIELD or the "
            "nearest node within MAX_SNAP (points on no node are ignored, warned; two on one "
            "node are refused). Each is one repair job, scheduled with the lines: its crew "
            "access from NODE_ACCESS (the OUTPUT of Crew access routes run on FAILED_NODES), "
            "joined by NODE_ID_FIELD, a field of FAILED_NODES that Crew access routes keeps "
            "(a node with no row, or every node without NODE_ACCESS, takes "
            "DEFAULT_TRAVEL_MINUTES); its repair hours from REPAIR_HOURS for its class in "
            "NODE_REPAIR_FIELD (on FAILED_NODES), else DEFAULT_REPAIR_HOURS. Until its repair "
            "ends the node is out of the network (every line at it cut, its own premises "
            "out), counted as damage; its priority counts the premises that depend on it, "
            "its own included. IN_WATER_EXPRESSION does not apply to nodes.\n"
            "Scheduling: each depot has CREWS crews (at least 1), all at the depot at hour 0. "
            "The jobs are taken in order of the premises that depend on the line or node "
            "(every path from them to a root runs through it), most first, then the job "
            "nearest the roots, then lines before nodes, then layer order; each goes to its "
            "depot's crew that is free first, and starts at max(crew free + travel, earliest "
            "start), the earliest start being 0, RECESSION_HOURS in the water, "
            "RECESSION_HOURS + normal travel when unreachable. "
            "Between two jobs a crew travels the depot-to-job time again (the times between "
            "assets are not known).\n"
            "POWER (optional): the OUTPUT of Power resilience (pw_autonomy_h, pw_outage_h, "
            "pw_gen_h), attached to the network's nodes by SITE_NODE_FIELD or the nearest "
            "node within MAX_SNAP. A site is dark from pw_autonomy_h to the earlier of "
            "pw_outage_h and pw_gen_h.\n"
            "Service: at hour h (an instant) a line is repaired when its repair ended at or "
            "before h, a site dark when h is in its dark span. A premises served before the "
            "event is out when every path from it to a root runs through an unrepaired line "
            "or node or a dark site; out because of damage when the unrepaired lines and "
            "nodes alone cut it (cut by both counts as damage), else because of power.\n\n"
            "RESTORATION: one row per hour from 0 to the first whole hour by which every "
            "repairable line and node is repaired and every site lit (or to HORIZON): "
            "rs_hour, rs_out "
            "(premises out), rs_power, rs_damage. OUTPUT: the failed lines with every NETWORK "
            "field and rs_depot, rs_crew (1, 2…; NULL never repaired), rs_rank (its place in "
            "its depot's list), rs_prem (the premises that depend on it), rs_travel_h, "
            "rs_repair_h, rs_start_h, rs_done_h (hours; NULL never repaired). OUTPUT_NODES "
            "(optional): the failed nodes' points with every FAILED_NODES field and the same "
            "rs_ fields. PREMISE_HOURS_LOST: the sum of rs_out over the table (each row "
            "holds for one "
            "hour). HOURS_TO_90PCT: the first hour, at or after the worst one, from which at "
            "most 10 % of the premises out at the worst hour stay out until the end of the "
            "table (0 if none is ever out; NULL when the table ends first)."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, sites=False)
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FAILED_EXPRESSION,
                self.tr("Failed lines (expression on the network)"),
                defaultValue='"im_failed" = 1',
                parentLayerParameterName=nio.NETWORK,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NETWORK_ID_FIELD,
                self.tr("Network line id field (joins ACCESS)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ACCESS,
                self.tr("Crew access to the failed lines (output of Crew access routes)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ACCESS_ID_FIELD,
                self.tr("Its line id field"),
                parentLayerParameterName=self.ACCESS,
                optional=True,
            )
        )
        self._number(self.DEFAULT_TRAVEL_MINUTES, self.tr("Default crew travel (min)"))
        self.addParameter(
            QgsProcessingParameterField(
                self.REPAIR_FIELD,
                self.tr("Repair class field (e.g. laying mode)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterMatrix(
                self.REPAIR_HOURS,
                self.tr("Repair hours per class"),
                hasFixedNumberRows=False,
                headers=[self.tr("Class"), self.tr("Hours")],
                optional=True,
            )
        )
        self._number(self.DEFAULT_REPAIR_HOURS, self.tr("Default repair hours"))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CREWS,
                self.tr("Crews per depot"),
                QgsProcessingParameterNumber.Type.Integer,
                defaultValue=1,
                minValue=1,
            )
        )
        self._number(self.RECESSION_HOURS, self.tr("Water recedes after (h)"))
        self.addParameter(
            QgsProcessingParameterExpression(
                self.IN_WATER_EXPRESSION,
                self.tr("Lines in the water (expression on the network)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FAILED_NODES,
                self.tr("Failed nodes (points)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FAILED_NODE_EXPRESSION,
                self.tr("Failed when (expression on the failed nodes; empty: all)"),
                parentLayerParameterName=self.FAILED_NODES,
                optional=True,
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterField(
                    self.FAILED_NODE_FIELD,
                    self.tr("Failed node-id field"),
                    parentLayerParameterName=self.FAILED_NODES,
                    optional=True,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NODE_ID_FIELD,
                self.tr("Failed node id field (joins NODE_ACCESS)"),
                parentLayerParameterName=self.FAILED_NODES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.NODE_ACCESS,
                self.tr("Crew access to the failed nodes (output of Crew access routes)"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.NODE_REPAIR_FIELD,
                self.tr("Failed node repair class field"),
                parentLayerParameterName=self.FAILED_NODES,
                optional=True,
            )
        )
        self.addParameter(power_io.power_sites_parameter(self.POWER))
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterField(
                    self.SITE_NODE_FIELD,
                    self.tr("Site node-id field"),
                    parentLayerParameterName=self.POWER,
                    optional=True,
                )
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.HORIZON,
                    self.tr("Last hour of the table (h)"),
                    QgsProcessingParameterNumber.Type.Integer,
                    minValue=0,
                    optional=True,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Failed lines with their repair"),
                QgsProcessing.SourceType.TypeVectorLine,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_NODES,
                self.tr("Failed nodes with their repair"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.RESTORATION,
                self.tr("Restoration curve (premises out hour by hour)"),
                QgsProcessing.SourceType.TypeVector,
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.PREMISE_HOURS_LOST, self.tr("Premise-hours lost"))
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.HOURS_TO_90PCT, self.tr("Hours until 90 % of the premises cut are back")
            )
        )

    def _number(self, key, label):
        self.addParameter(
            QgsProcessingParameterNumber(
                key,
                label,
                QgsProcessingParameterNumber.Type.Double,
                minValue=0.0,
                optional=True,
            )
        )

    # ------------------------------------------------------------------ processing

    def process(self, parameters, context, feedback):
        # parameters and validation
        args = rio.read_parameters(self, parameters, context)

        # features to arrays
        inputs = nio.read_network(self, parameters, context, feedback, progress_range=(0, 35))
        nio.warn_defects(self, feedback, inputs.model.defects)
        network = inputs.network
        failed = rio.failed_lines(self, parameters, context, feedback, args, network)
        jobs = rio.read_jobs(self, parameters, context, feedback, args, network, failed)
        nodes = rio.read_failed_nodes(
            self, parameters, context, feedback, args, inputs.model, inputs.crs
        )
        power = rio.read_power(self, parameters, context, feedback, args, inputs.model, inputs.crs)
        # One job list: the lines', then the nodes'.
        node_jobs = nodes.jobs if nodes is not None else None

        def joined(name):
            mine = getattr(jobs, name)
            if node_jobs is None:
                return mine
            return np.concatenate([mine, getattr(node_jobs, name)])

        # one core call
        with errors.core_errors():
            result = restoration(
                inputs.model,
                jobs.line,
                joined("depot"),
                joined("travel"),
                joined("earliest"),
                joined("repair"),
                args.crews,
                site_node=power.node if power is not None else None,
                site_autonomy=power.autonomy if power is not None else None,
                site_outage=power.outage if power is not None else None,
                site_generator=power.generator if power is not None else None,
                horizon=args.horizon,
                progress=lambda f: feedback.setProgress(50 + 40 * f),
                is_cancelled=feedback.isCanceled,
                failed_nodes=nodes.node if nodes is not None else None,
            )
        rio.report(self, feedback, args, network, jobs, power, result, nodes)

        # written
        k = jobs.line.size
        columns = _columns(result.jobs.iloc[:k])
        outputs = {}
        with sinks.discard_on_failure() as written:
            outputs[self.OUTPUT] = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT,
                context,
                network,
                JOB_FIELDS,
                columns,
                feedback,
                written,
                (90, 96),
                features=sinks.take(network.features, jobs.line),
            )
            if nodes is not None and parameters.get(self.OUTPUT_NODES) is not None:
                outputs[self.OUTPUT_NODES] = sinks.write_layer(
                    self,
                    parameters,
                    self.OUTPUT_NODES,
                    context,
                    nodes.layer,
                    JOB_FIELDS,
                    _columns(result.jobs.iloc[k:]),
                    feedback,
                    written,
                    (96, 98),
                    features=sinks.take(nodes.layer.features, node_jobs.line),
                )
            outputs[self.RESTORATION] = sinks.table_sink(
                self, parameters, self.RESTORATION, context, result.curve.table, feedback
            )
        outputs[self.PREMISE_HOURS_LOST] = result.totals["premise_hours"]
        outputs[self.HOURS_TO_90PCT] = result.totals["hours_to_90pct"]
        return outputs


def _columns(table):
    """The rs_ fields of the jobs in ``table``."""
    done = table["done"].to_numpy(float)
    repaired = np.isfinite(done)
    crew = table["crew"].to_numpy()
    return {
        "rs_depot": np.array([None if d is None else str(d) for d in table["depot"]], dtype=object),
        "rs_crew": np.array(
            [int(c) + 1 if ok else None for c, ok in zip(crew.tolist(), repaired)],
            dtype=object,
        ),
        "rs_rank": table["rank"].to_numpy(np.int64),
        "rs_prem": table["prem"].to_numpy(float),
        "rs_travel_h": table["travel_h"].to_numpy(float),
        "rs_repair_h": table["repair_h"].to_numpy(float),
        "rs_start_h": table["start"].to_numpy(float),
        "rs_done_h": done,
    }
