"""fibreresilience:networktopology — build the network graph and report its defects."""

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)

from ..adapters import network as nio
from ..adapters import sinks
from ..processing_provider.algorithm import FibreAlgorithm

NODE_FIELDS = [
    sinks.text_field("tp_node", 80),
    sinks.int_field("tp_degree"),
    sinks.int_field("tp_comp"),
    sinks.int_field("tp_rooted"),
]
DEFECT_FIELDS = [
    sinks.text_field("tp_defect", 20),
    sinks.text_field("tp_detail", 254),
    sinks.text_field("tp_layer", 20),
    sinks.int_field("tp_fid"),
]


class NetworkTopologyAlgorithm(FibreAlgorithm):
    ALG_ID = "networktopology"
    ALG_GROUP = "network"

    OUTPUT_NODES = "OUTPUT_NODES"
    OUTPUT_DEFECTS = "OUTPUT_DEFECTS"
    NODE_COUNT = "NODE_COUNT"
    COMPONENT_COUNT = "COMPONENT_COUNT"
    UNROOTED_COUNT = "UNROOTED_COUNT"
    DEFECT_COUNT = "DEFECT_COUNT"

    def displayName(self):
        return self.tr("Network topology")

    def shortHelpString(self):
        return self.tr(
            "Builds the network graph the way Redundancy gaps and Scenario impact do, and "
            "reports what would make their results wrong. Run it first.\n\n"
            + nio.HELP
            + "\n\nOUTPUT_NODES: one point per node with tp_node (node id, or its number when "
            "nodes come from snapping), tp_degree (line ends at the node), tp_comp (connected "
            "part number) and tp_rooted (1 when its part holds a root). "
            "OUTPUT_DEFECTS: one point per problem with tp_defect, tp_detail, tp_layer "
            "(network, roots, premises, sites, nodes) and tp_fid (feature id in that layer; "
            "node number for nodes). tp_defect is one of: unplaced (a line whose ends cannot "
            "be placed: NULL node id or no geometry), not_chain (multipart line whose parts "
            "are not one chain: its outer ends are used), near_miss (a dangling end within "
            "10 x TOLERANCE of a line it is not joined to), duplicate (same ends and shape as "
            "another line), zero_length, self_loop, no_root (a connected part with no root), "
            "beyond_snap (a point farther than MAX_SNAP from every node), unknown_node, "
            "no_geometry (a line placed only by its node ids, or a point with neither geometry nor "
            "node id), null_node_id (a point whose node-id field is NULL: attached by position), "
            "bad_count, duplicate_node_id. "
            "NODE_COUNT, COMPONENT_COUNT, UNROOTED_COUNT (parts with no root) and "
            "DEFECT_COUNT are outputs."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_NODES,
                self.tr("Network nodes"),
                QgsProcessing.SourceType.TypeVectorPoint,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_DEFECTS,
                self.tr("Topology defects"),
                QgsProcessing.SourceType.TypeVectorPoint,
            )
        )
        for key, label in (
            (self.NODE_COUNT, self.tr("Nodes")),
            (self.COMPONENT_COUNT, self.tr("Connected parts")),
            (self.UNROOTED_COUNT, self.tr("Parts with no root")),
            (self.DEFECT_COUNT, self.tr("Defects")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def process(self, parameters, context, feedback):
        inputs = nio.read_network(self, parameters, context, feedback, progress_range=(0, 70))
        model = inputs.model
        nio.warn_defects(self, feedback, model.defects, run_topology=False)

        nodes = model.nodes
        used = nodes["degree"].to_numpy() > 0
        n_parts = int(np.unique(nodes["component"].to_numpy()[used]).size)
        unrooted = int((model.defects["kind"] == "no_root").sum()) if len(model.defects) else 0
        defects = model.defects
        layers = {
            "network": inputs.network,
            "roots": inputs.roots,
            "premises": inputs.premises,
            "sites": inputs.sites,
        }
        fids = np.full(len(defects), -1, dtype=np.int64)
        for name, layer in layers.items():
            rows = np.flatnonzero(defects["layer"].to_numpy() == name) if len(defects) else []
            if len(rows):
                fids[rows] = nio.feature_fids(layer, defects["index"].to_numpy()[rows])
        node_rows = defects["layer"].to_numpy() == "nodes" if len(defects) else []
        if len(defects):
            fids[node_rows] = defects["index"].to_numpy()[node_rows]
        feedback.pushInfo(
            self.tr(
                "{nodes} nodes, {lines} lines placed, {parts} connected parts, {unrooted} "
                "with no root, {defects} defects."
            ).format(
                nodes=len(nodes),
                lines=int(model.network.placed.sum()),
                parts=n_parts,
                unrooted=unrooted,
                defects=len(defects),
            )
        )

        with sinks.discard_on_failure() as written:
            nodes_id = sinks.point_table_sink(
                self,
                parameters,
                self.OUTPUT_NODES,
                context,
                NODE_FIELDS,
                {
                    "tp_node": nodes["node_id"].to_numpy(dtype=object),
                    "tp_degree": nodes["degree"].to_numpy(),
                    "tp_comp": nodes["component"].to_numpy(),
                    "tp_rooted": nodes["rooted"].to_numpy(),
                },
                nodes["x"].to_numpy(),
                nodes["y"].to_numpy(),
                inputs.crs,
                feedback,
                written,
                (70, 90),
            )
            defects_id = sinks.point_table_sink(
                self,
                parameters,
                self.OUTPUT_DEFECTS,
                context,
                DEFECT_FIELDS,
                {
                    "tp_defect": defects["kind"].to_numpy(dtype=object),
                    "tp_detail": defects["detail"].to_numpy(dtype=object),
                    "tp_layer": defects["layer"].to_numpy(dtype=object),
                    "tp_fid": fids,
                },
                defects["x"].to_numpy(dtype=float),
                defects["y"].to_numpy(dtype=float),
                inputs.crs,
                feedback,
                written,
                (90, 100),
            )
        return {
            self.OUTPUT_NODES: nodes_id,
            self.OUTPUT_DEFECTS: defects_id,
            self.NODE_COUNT: len(nodes),
            self.COMPONENT_COUNT: n_parts,
            self.UNROOTED_COUNT: unrooted,
            self.DEFECT_COUNT: len(defects),
        }
