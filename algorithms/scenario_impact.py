"""fibreresilience:scenarioimpact — what a hazard scenario cuts off."""

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ..adapters import errors, expressions, layers, sinks
from ..adapters import network as nio
from ..adapters.polygons import read_polygons, require_polygons
from ..core.errors import InputError
from ..core.impact import aggregate_ids, lines_in_groups, scenario_impact
from ..core.network import attach_points, parse_groups
from ..processing_provider.algorithm import FibreAlgorithm

POINT_FIELDS = [
    sinks.int_field("im_failed"),
    sinks.int_field("im_cut"),
    sinks.real_field("im_prem", 1),
]
LINE_FIELDS = POINT_FIELDS + [sinks.real_field("im_repair", 1)]
SUMMARY_FIELDS = [
    sinks.real_field("im_prem_n", 1),
    sinks.real_field("im_prem_f", 1),
    sinks.real_field("im_prem_c", 1),
    sinks.int_field("im_site_n"),
    sinks.int_field("im_site_f"),
    sinks.int_field("im_site_c"),
]


class ScenarioImpactAlgorithm(FibreAlgorithm):
    ALG_ID = "scenarioimpact"
    ALG_GROUP = "network"

    FAILED_EXPRESSION = "FAILED_EXPRESSION"
    FAILED_LAYER = "FAILED_LAYER"
    FAILED_GROUP_FIELD = "FAILED_GROUP_FIELD"
    FAILED_LAYER_EXPRESSION = "FAILED_LAYER_EXPRESSION"
    FAILED_NODES = "FAILED_NODES"
    FAILED_NODE_FIELD = "FAILED_NODE_FIELD"
    AGGREGATE = "AGGREGATE"
    OUTPUT_SITES = "OUTPUT_SITES"
    OUTPUT_PREMISES = "OUTPUT_PREMISES"
    OUTPUT_LINES = "OUTPUT_LINES"
    SUMMARY = "SUMMARY"
    PREMISES_CUT = "PREMISES_CUT"
    SITES_CUT = "SITES_CUT"

    def displayName(self):
        return self.tr("Scenario impact")

    def shortHelpString(self):
        return self.tr(
            "What a hazard scenario cuts off: the premises and sites whose own node fails "
            "and those cut from every root by failures elsewhere, kept apart.\n\n"
            + nio.HELP
            + "\n\nFailures (any combination): FAILED_EXPRESSION on NETWORK (true = the line "
            'fails, e.g. "hz_failed" = 1 on the output of Hazard exposure); FAILED_LAYER '
            "with FAILED_GROUP_FIELD (one or more group ids, separated by ; or ,) and "
            "FAILED_LAYER_EXPRESSION (default: every feature): every NETWORK line whose "
            "SRLG_FIELD names such a group fails (e.g. the failed routes of a cable "
            "network); FAILED_NODES: points whose nearest node within MAX_SNAP (or the node "
            "named by FAILED_NODE_FIELD) fails.\n\n"
            "OUTPUT_SITES and OUTPUT_PREMISES keep every input field and add im_failed (1 "
            "when its own node failed), im_cut (1 when it reached a root before and reaches "
            "none now, its node not failed) and im_prem (premises cut off: its count for a "
            "premises point; for a site, the premises on its node that lose service). "
            "SUMMARY keeps every AGGREGATE polygon field and adds im_prem_n, im_prem_f, "
            "im_prem_c (premises in it, failed, cut) and im_site_n, im_site_f, im_site_c "
            "(sites). OUTPUT_LINES keeps every NETWORK field and adds im_failed (1 for a "
            "failed line), im_cut (1 when it did not fail but neither end reaches a root), "
            "im_prem (failed lines: the cut premises whose every path to a root ran through "
            "it; lines in series each count them) and im_repair (failed lines: the premises "
            "that come back if it alone is repaired, the other failures staying). "
            "PREMISES_CUT (premises losing service: failed or cut) and SITES_CUT "
            "(sites losing service) are outputs."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, srlg=True)
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FAILED_EXPRESSION,
                self.tr("Failed lines (expression on the network)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FAILED_LAYER,
                self.tr("Layer of failed shared-risk groups"),
                [QgsProcessing.SourceType.TypeVector],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FAILED_GROUP_FIELD,
                self.tr("Its group id field"),
                parentLayerParameterName=self.FAILED_LAYER,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.FAILED_LAYER_EXPRESSION,
                self.tr("Failed when (expression on that layer)"),
                parentLayerParameterName=self.FAILED_LAYER,
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
            QgsProcessingParameterField(
                self.FAILED_NODE_FIELD,
                self.tr("Failed node-id field"),
                parentLayerParameterName=self.FAILED_NODES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.AGGREGATE,
                self.tr("Summary areas (polygons)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SITES,
                self.tr("Sites with scenario impact"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PREMISES,
                self.tr("Premises with scenario impact"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                self.tr("Network lines with scenario impact"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Impact per area"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.PREMISES_CUT, self.tr("Premises cut off")))
        self.addOutput(QgsProcessingOutputNumber(self.SITES_CUT, self.tr("Sites cut off")))

    def process(self, parameters, context, feedback):
        failed_text = expressions.expression_parameter(
            self, parameters, self.FAILED_EXPRESSION, context
        )
        group_field = self.parameterAsString(parameters, self.FAILED_GROUP_FIELD, context)
        group_text = expressions.expression_parameter(
            self, parameters, self.FAILED_LAYER_EXPRESSION, context
        )
        node_field = self.parameterAsString(parameters, self.FAILED_NODE_FIELD, context)
        failed_source = layers.require_source(
            self, parameters, self.FAILED_LAYER, context, True, placed=False
        )
        nodes_source = layers.require_source(self, parameters, self.FAILED_NODES, context, True)
        aggregate_source = require_polygons(self, parameters, self.AGGREGATE, context, True)
        srlg_field = self.parameterAsString(parameters, nio.SRLG_FIELD, context)
        if failed_source is not None and not group_field:
            raise QgsProcessingException(
                self.tr("FAILED_LAYER needs FAILED_GROUP_FIELD (the group ids it names).")
            )
        if failed_source is not None and not srlg_field:
            raise QgsProcessingException(
                self.tr("Failed groups need SRLG_FIELD on the network (its lines' groups).")
            )
        if not (failed_text or failed_source is not None or nodes_source is not None):
            feedback.pushWarning(self.tr("No failure given: nothing is cut."))

        inputs = nio.read_network(
            self,
            parameters,
            context,
            feedback,
            srlg=True,
            progress_range=(0, 40),
            premises_out=parameters.get(self.OUTPUT_PREMISES) is not None,
        )
        model = inputs.model
        nio.warn_defects(self, feedback, model.defects)
        network = inputs.network
        failed = np.zeros(len(network), dtype=bool)
        if failed_text:
            failed |= expressions.truthy(
                expressions.expression_values(
                    self,
                    parameters,
                    context,
                    network,
                    failed_text,
                    key=self.FAILED_EXPRESSION,
                    feedback=feedback,
                )
            )
        if failed_text and len(failed) > 1 and failed.all():
            feedback.pushWarning(
                self.tr(
                    "FAILED_EXPRESSION is true for every one of the {n} lines: check it (a text "
                    "field compared with a number, for one, compares as text)."
                ).format(n=len(failed))
            )
        if failed_source is not None:
            failed |= self._failed_groups(
                parameters, context, feedback, failed_source, group_field, group_text, inputs
            )
        failed_nodes = None
        if nodes_source is not None:
            failed_nodes = self._failed_nodes(
                parameters, context, feedback, nodes_source, node_field, inputs
            )
        polygons = None
        if aggregate_source is not None:
            polygons = read_polygons(
                aggregate_source,
                layers.layer_name(self, parameters, self.AGGREGATE, context),
                inputs.crs,
                context,
                feedback,
                progress_range=(45, 50),
            )
        premises_agg = sites_agg = None
        if polygons is not None:
            premises_agg = (
                aggregate_ids(inputs.premises.geometries, polygons.geometries)
                if inputs.premises is not None
                else None
            )
            sites_agg = (
                aggregate_ids(inputs.sites.geometries, polygons.geometries)
                if inputs.sites is not None
                else None
            )
        with errors.core_errors():
            result = scenario_impact(
                model,
                failed,
                failed_nodes,
                premises_aggregate=None
                if premises_agg is None
                else np.where(premises_agg >= 0, premises_agg, None),
                sites_aggregate=None
                if sites_agg is None
                else np.where(sites_agg >= 0, sites_agg, None),
                progress=lambda f: feedback.setProgress(50 + 30 * f),
                is_cancelled=feedback.isCanceled,
            )
        totals = result.totals
        feedback.pushInfo(
            self.tr(
                "{lines} lines and {nodes} nodes failed. Premises: {pf:g} on failed nodes, "
                "{pc:g} cut. Sites: {sf} on failed nodes, {sc} cut."
            ).format(
                lines=totals["lines_failed"],
                nodes=totals["nodes_failed"],
                pf=totals["premises_failed"],
                pc=totals["premises_cut"],
                sf=totals["sites_failed"],
                sc=totals["sites_cut"],
            )
        )

        outputs = {}
        with sinks.discard_on_failure() as written:
            for key, layer, frame in (
                (self.OUTPUT_SITES, inputs.sites, result.sites),
                (self.OUTPUT_PREMISES, inputs.premises, result.premises),
            ):
                if parameters.get(key) is None or layer is None:
                    continue
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
                    (80, 95),
                )
            if parameters.get(self.OUTPUT_LINES) is not None:
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
                    (95, 97),
                )
            if polygons is not None and parameters.get(self.SUMMARY) is not None:
                outputs[self.SUMMARY] = self._summary(
                    parameters,
                    context,
                    feedback,
                    polygons,
                    aggregate_source,
                    result.summary,
                    written,
                )
        outputs[self.PREMISES_CUT] = totals["premises_lost"]
        outputs[self.SITES_CUT] = totals["sites_lost"]
        return outputs

    def _failed_groups(self, parameters, context, feedback, source, field, text, inputs):
        name = layers.layer_name(self, parameters, self.FAILED_LAYER, context)
        # Only attributes are used: read in its own CRS (it may be a table), and only the
        # field and what the expression reads, without geometries where that is certain
        layer = layers.read_layer(
            source,
            name,
            source.sourceCrs(),
            context,
            feedback,
            request=expressions.attribute_request(source.fields(), [field], text),
            progress_range=(40, 43),
        )
        ids = layer.values(field)
        if text:
            chosen = expressions.truthy(
                expressions.expression_values(
                    self,
                    parameters,
                    context,
                    layer,
                    text,
                    source,
                    self.FAILED_LAYER_EXPRESSION,
                    feedback,
                )
            )
            ids = ids[chosen]
        _, _, names = parse_groups(ids)
        failed, unknown = lines_in_groups(inputs.model, names.tolist())
        if unknown:
            feedback.pushWarning(
                self.tr("{n} failed groups name no network line, e.g. {ex}.").format(
                    n=len(unknown), ex=", ".join(unknown[:5])
                )
            )
        feedback.pushInfo(
            self.tr("{g} failed groups: {n} network lines fail with them.").format(
                g=len(names), n=int(failed.sum())
            )
        )
        return failed

    def _failed_nodes(self, parameters, context, feedback, source, field, inputs):
        name = layers.layer_name(self, parameters, self.FAILED_NODES, context)
        layer = layers.read_layer(
            source, name, inputs.crs, context, feedback, progress_range=(43, 45)
        )
        max_snap = self.parameterAsDouble(parameters, nio.MAX_SNAP, context)
        try:
            attached = attach_points(
                inputs.model.network,
                "failed nodes",
                layer.geometries,
                layer.values(field) if field else None,
                max_snap,
            )
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None
        missing = int((attached.node < 0).sum())
        if missing:
            feedback.pushWarning(
                self.tr(
                    "{n} failed-node points are on no node (MAX_SNAP or unknown id): " "ignored."
                ).format(n=missing)
            )
        return attached.node

    def _summary(self, parameters, context, feedback, polygons, source, summary, written):
        index = summary.set_index("aggregate") if len(summary) else summary
        count = len(polygons)

        def column(name):
            values = np.zeros(count)
            if len(summary) and name in index.columns:
                rows = index.index.to_numpy(dtype=np.int64)
                values[rows] = index[name].to_numpy(dtype=float)
            return values

        return sinks.write_layer(
            self,
            parameters,
            self.SUMMARY,
            context,
            polygons,
            SUMMARY_FIELDS,
            {
                "im_prem_n": column("premises"),
                "im_prem_f": column("prem_failed"),
                "im_prem_c": column("prem_cut"),
                "im_site_n": column("sites").astype(np.int64),
                "im_site_f": column("sites_failed").astype(np.int64),
                "im_site_c": column("sites_cut").astype(np.int64),
            },
            feedback,
            written,
            (95, 100),
            wkb_type=source.wkbType(),
            crs=source.sourceCrs(),
        )
