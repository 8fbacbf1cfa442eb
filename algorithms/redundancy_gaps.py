"""fibreresilience:redundancygaps — single points of failure, premises at risk, diversity."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)

from ..adapters import errors, sinks
from ..adapters import network as nio
from ..adapters import tiers as tio
from ..core.redundancy import analyse_redundancy, join_by_group
from ..core.tiers import analyse_tiers
from ..processing_provider.algorithm import FibreAlgorithm

SEGMENT_FIELDS = [
    sinks.int_field("rd_bridge"),
    sinks.real_field("rd_prem", 1),
    sinks.int_field("rd_sites"),
    sinks.real_field("rd_srlg_pr", 1),
    sinks.text_field("rd_tier", 12),
]
NODE_FIELDS = [
    sinks.text_field("tp_node", 80),
    sinks.int_field("rd_bridge"),
    sinks.real_field("rd_prem", 1),
    sinks.int_field("rd_sites"),
    sinks.text_field("rd_tier", 12),
]
SITE_FIELDS = [
    sinks.int_field("rd_paths"),
    sinks.int_field("rd_divers"),
    sinks.int_field("rd_spof_n"),
]
PREMISES_FIELDS = [sinks.int_field("rd_spof"), sinks.int_field("rd_srlg")]


def _ints(values):
    """Python integers, None for NULL (NaN or pandas NA)."""
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    return np.array([None if v != v else int(v) for v in numbers.tolist()], dtype=object)


class RedundancyGapsAlgorithm(FibreAlgorithm):
    ALG_ID = "redundancygaps"
    ALG_GROUP = "network"

    OUTPUT_SEGMENTS = "OUTPUT_SEGMENTS"
    OUTPUT_NODES = "OUTPUT_NODES"
    OUTPUT_SITES = "OUTPUT_SITES"
    OUTPUT_GROUPS = "OUTPUT_GROUPS"
    OUTPUT_PREMISES = "OUTPUT_PREMISES"
    OUTPUT_TIERS = "OUTPUT_TIERS"
    PREMISES_AT_RISK = "PREMISES_AT_RISK"
    PREMISES_NO_ROOT = "PREMISES_NO_ROOT"
    SITES_DIV0 = "SITES_DIV0"
    SITES_DIV1 = "SITES_DIV1"
    SITES_DIV2 = "SITES_DIV2"
    GROUPS_DEFEATING = "GROUPS_DEFEATING"
    MAX_CUT_COLLECTE = "MAX_CUT_COLLECTE"
    MAX_CUT_TRANSPORT = "MAX_CUT_TRANSPORT"
    MAX_CUT_DISTRIBUTION = "MAX_CUT_DISTRIBUTION"
    MAX_CUT_KEYS = (MAX_CUT_COLLECTE, MAX_CUT_TRANSPORT, MAX_CUT_DISTRIBUTION)

    def displayName(self):
        return self.tr("Redundancy gaps")

    def shortHelpString(self):
        return self.tr(
            "For every line and node of the network: how many premises and sites lose "
            "service if it alone fails (cut from every root, counted from all roots at once, "
            "not from the largest part); for every site: how many independent ways it has to "
            "the roots and whether they share a line, a node or a shared-risk group.\n\n"
            + nio.HELP
            + " SRLG_FIELD: one or more shared-risk group ids per line, separated by ; or , "
            "(e.g. gt_routes: the routes a cable runs through, a trench, a bridge); all "
            "lines of a group fail together. TIER_FIELD: the tier of each line: collecte, "
            "transport, distribution or a GraceTHD cable class (CO, BM, LH: collecte; TR: "
            "transport; DI, RA: distribution), any case; gt_class when left empty and the "
            "layer has it. ROLE_FIELD: the sites' role (NRO, SRO or PM); gt_role when left "
            "empty and SITES has it.\n\n"
            "Tiers: a class naming one tier wins; otherwise the topology decides: a line "
            "whose failure cuts an NRO is collecte; else the nearest NRO or SRO through "
            "which every path from the roots reaches the line decides (SRO: distribution, "
            "NRO: transport); else a line joined to a root without passing through an NRO "
            "is collecte; else NULL. NROs are the sites whose role is NRO; when no site is "
            "one, the roots are the NROs (with the NROs as roots, nothing upstream of them "
            "is analysed: give the POP as root to see the collecte).\n\n"
            "OUTPUT_SEGMENTS keeps every NETWORK field and adds rd_bridge (1 when its loss "
            "cuts some node from every root), rd_prem (premises cut if this line alone "
            "fails), rd_sites (sites cut), rd_srlg_pr (premises cut when the whole "
            "shared-risk group fails; the largest of its groups; 0 for lines in no group), "
            "rd_tier (collecte, transport or distribution; NULL when unknown). "
            "Lines that cannot be placed get NULL; lines whose loss cuts nothing get 0. "
            "OUTPUT_NODES: one point per node with tp_node, rd_bridge (1 for a cut node: its "
            "loss cuts another node from every root), rd_prem and rd_sites (what its loss "
            "cuts, its own premises and sites included) and rd_tier (the most upstream "
            "tier of its lines; NULL for NROs and roots). "
            "OUTPUT_SITES keeps every SITES field and adds rd_paths (line-disjoint paths "
            "to the roots, capped at 3; 0 when it reaches no root), rd_divers (0: some "
            "single line failure cuts it; 1: no single line does, but a single node (roots "
            "included, the site's own node excluded) or shared-risk group does; 2: none "
            "does) and rd_spof_n (how many single lines, nodes and groups cut it). Sites "
            "not attached to the network get NULL. "
            "OUTPUT_GROUPS: one row per shared-risk group: rd_group, rd_members (lines), "
            "rd_fids (their feature ids), rd_prem and rd_sites (cut when the whole group "
            "fails), rd_max_pr and rd_max_st (the most any single member cuts) and "
            "rd_defeats (1 when the group cuts more than any single member: it defeats a "
            "redundancy). "
            "OUTPUT_PREMISES (optional) keeps every PREMISES field and adds rd_spof (1 when "
            "a single line or node other than its own node cuts it from every root) and "
            "rd_srlg (1 when a whole shared-risk group does); NULL for premises not attached "
            "or reaching no root. "
            "OUTPUT_TIERS: one row per NRO and tier: rd_nro (the NRO's node id; NULL for "
            "premises that no single NRO serves), rd_tier, rd_max_pr (the most premises of "
            "that NRO one single failure of that tier cuts: a line, a node, or a shared-risk "
            "group that cuts more than any of its lines, such as a route carrying both arms "
            "of a loop; NULL when not analysed), rd_where (the line's gt_code or fid n, "
            "node <id> or group <id>), rd_spof_n (how many such failures cut some of its "
            "premises) and rd_prem (its premises: those that every path from the roots "
            "reaches through it, the nearest NRO counting).\n\n"
            "PREMISES_AT_RISK (premises behind at least one single line or node other than "
            "their own node), PREMISES_NO_ROOT, SITES_DIV0, SITES_DIV1, SITES_DIV2 and "
            "GROUPS_DEFEATING are outputs, and MAX_CUT_COLLECTE, MAX_CUT_TRANSPORT, "
            "MAX_CUT_DISTRIBUTION: the most premises one single failure of the tier cuts (all "
            "NROs together; NULL when not analysed). The topology checks of Network topology run "
            "too: each kind of defect found is a warning."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, srlg=True)
        tio.add_tier_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SEGMENTS,
                self.tr("Lines with single points of failure"),
                QgsProcessing.SourceType.TypeVectorLine,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_NODES,
                self.tr("Nodes with single points of failure"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SITES,
                self.tr("Sites with path diversity"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_GROUPS,
                self.tr("Shared-risk groups"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_PREMISES,
                self.tr("Premises behind a single point of failure"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_TIERS,
                self.tr("Single failures per NRO and tier"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
            )
        )
        for key, label in (
            (self.PREMISES_AT_RISK, self.tr("Premises behind a single point of failure")),
            (self.PREMISES_NO_ROOT, self.tr("Premises reaching no root")),
            (self.SITES_DIV0, self.tr("Sites cut by a single line")),
            (self.SITES_DIV1, self.tr("Sites cut by a single node or group")),
            (self.SITES_DIV2, self.tr("Sites with physical diversity")),
            (self.GROUPS_DEFEATING, self.tr("Shared-risk groups defeating a redundancy")),
            (self.MAX_CUT_COLLECTE, self.tr("Most premises one collecte failure cuts")),
            (self.MAX_CUT_TRANSPORT, self.tr("Most premises one transport failure cuts")),
            (
                self.MAX_CUT_DISTRIBUTION,
                self.tr("Most premises one distribution failure cuts"),
            ),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def process(self, parameters, context, feedback):
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
        classes, roles = tio.read_tier_inputs(self, parameters, context, feedback, inputs)
        with errors.core_errors():
            result = analyse_redundancy(
                model,
                progress=lambda f: feedback.setProgress(40 + 35 * f),
                is_cancelled=feedback.isCanceled,
            )
            tiers = analyse_tiers(
                model,
                classes,
                roles,
                result,
                progress=lambda f: feedback.setProgress(75 + 5 * f),
                is_cancelled=feedback.isCanceled,
            )
        summary = result.summary
        feedback.pushInfo(
            self.tr(
                "{risk:g} of {total:g} premises are behind a single point of failure; "
                "{noroot:g} reach no root. Sites: {d0} cut by a single line, {d1} by a single "
                "node or group, {d2} with physical diversity, {na} not attached. {gd} of {g} "
                "shared-risk groups defeat a redundancy."
            ).format(
                risk=summary["premises_spof"],
                total=summary["premises_total"],
                noroot=summary["premises_no_root"],
                d0=summary["sites_div0"],
                d1=summary["sites_div1"],
                d2=summary["sites_div2"],
                na=summary["sites_unattached"],
                gd=summary["groups_defeating"],
                g=summary["groups_total"],
            )
        )

        codes = tio.line_codes(inputs.network)
        names = tio.Names(codes, model.nodes["node_id"].to_numpy(dtype=object), model.srlg_names)
        maxima = tio.max_cut_texts(tiers, names)
        self._report_tiers(feedback, tiers, maxima)

        outputs = {}
        with sinks.discard_on_failure() as written:
            self._write(parameters, context, feedback, inputs, result, outputs, written, tiers)
            dest = sinks.table_sink(
                self,
                parameters,
                self.OUTPUT_TIERS,
                context,
                tio.tiers_frame(tiers, names),
                feedback,
            )
            if dest is not None:
                outputs[self.OUTPUT_TIERS] = dest
        outputs.update(
            {
                key: None if cut != cut else cut
                for key, (_, cut, _) in zip(self.MAX_CUT_KEYS, maxima)
            }
        )
        outputs.update(
            {
                self.PREMISES_AT_RISK: summary["premises_spof"],
                self.PREMISES_NO_ROOT: summary["premises_no_root"],
                self.SITES_DIV0: summary["sites_div0"],
                self.SITES_DIV1: summary["sites_div1"],
                self.SITES_DIV2: summary["sites_div2"],
                self.GROUPS_DEFEATING: summary["groups_defeating"],
            }
        )
        return outputs

    def _report_tiers(self, feedback, tiers, maxima):
        if tiers.nro_from_roots:
            feedback.pushInfo(
                self.tr(
                    "No site has the role NRO: the roots are taken as the NROs; nothing "
                    "upstream of them is analysed."
                )
            )
        labels = {
            "collecte": self.tr("collecte"),
            "transport": self.tr("transport"),
            "distribution": self.tr("distribution"),
        }
        for tier, premises, where in maxima:
            if premises != premises:
                text = self.tr(
                    "Tier {tier}: not analysed (the NROs are roots: nothing upstream of them "
                    "is in the graph)."
                )
            elif where is None:
                text = self.tr("Tier {tier}: no single failure cuts premises.")
            else:
                text = self.tr(
                    "Tier {tier}: one failure cuts at most {premises:g} premises ({where})."
                )
            feedback.pushInfo(text.format(tier=labels[tier], premises=premises, where=where))

    def _write(self, parameters, context, feedback, inputs, result, outputs, written, tiers):
        network = inputs.network
        lines = result.lines
        outputs[self.OUTPUT_SEGMENTS] = sinks.write_layer(
            self,
            parameters,
            self.OUTPUT_SEGMENTS,
            context,
            network,
            SEGMENT_FIELDS,
            {
                "rd_bridge": _ints(lines["rd_bridge"]),
                "rd_prem": lines["rd_prem"].to_numpy(),
                "rd_sites": _ints(lines["rd_sites"]),
                "rd_srlg_pr": lines["rd_srlg_pr"].to_numpy(),
                "rd_tier": tiers.line_tier,
            },
            feedback,
            written,
            (80, 90),
        )

        if parameters.get(self.OUTPUT_NODES) is not None:
            nodes = inputs.model.nodes
            outputs[self.OUTPUT_NODES] = sinks.point_table_sink(
                self,
                parameters,
                self.OUTPUT_NODES,
                context,
                NODE_FIELDS,
                {
                    "tp_node": nodes["node_id"].to_numpy(dtype=object),
                    "rd_bridge": result.nodes["rd_bridge"].to_numpy(),
                    "rd_prem": result.nodes["rd_prem"].to_numpy(),
                    "rd_sites": _ints(result.nodes["rd_sites"]),
                    "rd_tier": tiers.node_tier,
                },
                nodes["x"].to_numpy(),
                nodes["y"].to_numpy(),
                inputs.crs,
                feedback,
                written,
                (90, 95),
            )

        for key, layer, fields, frame, span in (
            (self.OUTPUT_SITES, inputs.sites, SITE_FIELDS, result.sites, (95, 97)),
            (self.OUTPUT_PREMISES, inputs.premises, PREMISES_FIELDS, result.premises, (97, 99)),
        ):
            if parameters.get(key) is None:
                continue
            if layer is None:
                feedback.pushInfo(self.tr("No input layer for {}: it is not written.").format(key))
                continue
            outputs[key] = sinks.write_layer(
                self,
                parameters,
                key,
                context,
                layer,
                fields,
                {name.name: _ints(frame[name.name]) for name in fields},
                feedback,
                written,
                span,
            )

        groups = result.groups
        fids = network.fids
        member_fids = join_by_group(
            fids[inputs.model.srlg_line], inputs.model.srlg_group, len(groups)
        )
        table = pd.DataFrame(
            {
                "rd_group": groups["group"].astype(str),
                "rd_members": groups["members"].astype(np.int64),
                "rd_fids": member_fids,
                "rd_prem": groups["prem_cut"].astype(float),
                "rd_sites": groups["sites_cut"].astype(np.int64),
                "rd_max_pr": groups["max_prem"].astype(float),
                "rd_max_st": groups["max_sites"].astype(np.int64),
                "rd_defeats": groups["defeats"].astype(np.int64),
            }
        )
        dest = sinks.table_sink(self, parameters, self.OUTPUT_GROUPS, context, table, feedback)
        if dest is not None:
            outputs[self.OUTPUT_GROUPS] = dest
