"""fibreresilience:mitigationplan — which investments secure the most premises per euro."""

import numpy as np
import shapely
from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..adapters import errors, expressions, layers, sinks
from ..adapters import network as nio
from ..adapters import power as power_io
from ..adapters import roads as road_io
from ..adapters import tiers as tio
from ..core import mitigation as mg
from ..core.network import attach_points
from ..processing_provider.algorithm import FibreAlgorithm

ACTION_FIELDS = [
    sinks.int_field("mp_rank"),
    sinks.text_field("mp_kind", 20),
    sinks.text_field("mp_target", 120),
    sinks.real_field("mp_cost", 2),
    sinks.real_field("mp_prem", 1),
    sinks.real_field("mp_eur_prem", 2),
    sinks.real_field("mp_eai", 4),
    sinks.real_field("mp_prem_h", 1),
    sinks.text_field("mp_owner", 40),
    sinks.int_field("mp_chosen"),
    sinks.text_field("mp_tier", 12),
]

# COSTS's documented defaults as the flat table Processing gives: item, amount, item, ...
DEFAULT_COST_TABLE = [x for item in mg.COST_ITEMS for x in (item, mg.DEFAULT_COSTS[item])]


class MitigationPlanAlgorithm(FibreAlgorithm):
    ALG_ID = "mitigationplan"
    ALG_GROUP = "plan"

    ROADS = road_io.ROADS
    CIVIL_WORKS = "CIVIL_WORKS"
    CIVIL_AERIAL_EXPRESSION = "CIVIL_AERIAL_EXPRESSION"
    COSTS = "COSTS"
    BUDGET = "BUDGET"
    MIN_SEPARATION = "MIN_SEPARATION"
    END_DISTANCE = "END_DISTANCE"
    BURY_EXPRESSION = "BURY_EXPRESSION"
    SITE_NAME_FIELD = "SITE_NAME_FIELD"
    LINE_NAME_FIELD = "LINE_NAME_FIELD"
    CANDIDATES = "CANDIDATES"
    CANDIDATE_COST_FIELD = "CANDIDATE_COST_FIELD"
    CANDIDATE_NAME_FIELD = "CANDIDATE_NAME_FIELD"
    TIME_LIMIT = "TIME_LIMIT"
    MAX_SEGMENT_LOOPS = "MAX_SEGMENT_LOOPS"
    RETURN_PERIODS = "RETURN_PERIODS"
    POWER = "POWER"
    ACTIONS = "ACTIONS"
    ACTION_SITES = "ACTION_SITES"
    PLAN = "PLAN"
    PREMISES_SECURED = "PREMISES_SECURED"
    COST = "COST"

    def displayName(self):
        return self.tr("Mitigation plan")

    def shortHelpString(self):
        return self.tr(
            "Which investments secure the most premises per euro, within a budget: new "
            "loops, burying exposed spans and the operator's own projects, each with its "
            "cost and the premises it secures, and the best set of them that the budget "
            "buys, each premises counted once.\n\n"
            + nio.HELP
            + " SRLG_FIELD: shared-risk groups of the lines (e.g. gt_routes); a group whose "
            "failure cuts more than any of its lines defeats a redundancy.\n\n"
            "Failures considered: a single line or node, and a whole shared-risk group that "
            "defeats a redundancy. A premises is secured by an action when one of the "
            "failures the action targets cuts it and, with the action, none does.\n"
            "Loops (one per SITES point cut by such a failure): the cheapest new path along "
            "ROADS (new trench, COSTS trench_m per metre) or CIVIL_WORKS (existing ducts or "
            "routes, duct_m per metre, aerial_m on the poles CIVIL_AERIAL_EXPRESSION "
            "selects; their ends join the nearest road node within MAX_SNAP "
            "by a trench) from the site to a network node that none of its failures cuts. "
            "The site's failures are the lines and nodes every path from it to a root runs "
            "through, up to its nearest upstream site or root, and the shared-risk groups "
            "that cut it. The path stays MIN_SEPARATION m away from every line it bypasses "
            "and from the other lines of their groups (so it shares no route, duct or "
            "bridge with them), except within END_DISTANCE m of the site and of the "
            "bypassed lines' ends that stay connected. A loop costing more than BUDGET is "
            "not proposed. A site with no road within MAX_SNAP, or with no separate path, "
            "gets no loop (warned, with the site named).\n"
            "Segment loops: the same search for every segment whose loss cuts premises, "
            "SITES or not: a run of lines (and the nodes between them) whose failures each cut "
            "the same premises (e.g. a cable between two splices), looped from its lowest node "
            "around the whole run; and each shared-risk group that defeats a redundancy (e.g. "
            "a bridge route carrying both arms of a loop), looped from the piece it cuts off. "
            "They are searched collecte first, then transport, then distribution (tiers as in "
            "Redundancy gaps: TIER_FIELD, ROLE_FIELD), each tier by the premises the segment's "
            "loss cuts, at most MAX_SEGMENT_LOOPS of them. Loops running along the same roads "
            "are one action, securing what each of them secures.\n"
            'Bury: each NETWORK line selected by BURY_EXPRESSION (e.g. "hz_failed" = 1 AND '
            "\"gt_laying\" = 'AERIEN') costs its length times bury_m and secures the premises "
            "its failure cuts.\n"
            "CANDIDATES: the operator's own lines, with their cost in CANDIDATE_COST_FIELD "
            "(EUR): a line running along network lines hardens them (secures what they cut); "
            "a line whose ends lie within MAX_SNAP of two network nodes is a new link "
            "(secures the premises below each end from the lines and nodes between that end "
            "and the point where the two ends' paths to the roots meet). A candidate "
            "touching the network in neither way is refused.\n"
            "Autonomy (with POWER, the OUTPUT of Power resilience): one action per site "
            "left dark (pw_dark_h > 0): enough battery or fuel (COSTS autonomy_site, EUR per "
            "site) that it stays lit through the outage. It secures the premises whose "
            "every path to a root runs through the site (pw_prem), against the grid outage; "
            "it avoids pw_prem_h premise-hours. POWER sites are placed on the network by "
            "SITE_NODE_FIELD when POWER has that field, else on the nearest node within "
            "MAX_SNAP.\n"
            "Portfolio: the actions within BUDGET that secure the most premises, each "
            "premises counted once (two loops securing the same premises do not add up), "
            "the cheapest such set; solved exactly by scipy's milp (HiGHS) within "
            "TIME_LIMIT s, else by a greedy method (best premises per euro, or the best "
            "single action when it does better) whose distance to the best possible is "
            "reported. Coverage is per premises and risk: a premises secured against the "
            "cable failures of one tier (loops, burials, candidates, by their mp_tier) counts "
            "once, once more when another action secures it against the failures of another "
            "tier (a loop around its cabinet's transport cable does not replace one around "
            "its NRO's collecte), and once more when an autonomy action secures it against "
            "the grid outage (batteries do not replace a loop): PREMISES_SECURED counts "
            "(premises, risk) pairs.\n\n"
            "ACTIONS (lines; an autonomy action is a ring of 25 m around its site): every "
            "action, ranked: mp_rank (the chosen ones first, each time the one adding the most "
            "newly secured premises per euro; then the others by their own premises per euro), "
            "mp_kind (loop, bury, autonomy, candidate), mp_target (the site, line or candidate), "
            "mp_cost (EUR), mp_prem (premises it secures on its own), mp_eur_prem (EUR per "
            "premises), mp_eai (expected premises cut per year that it avoids: over the failures "
            "it removes, each line's rp_aep from RETURN_PERIODS times the premises it secures "
            "that this line cuts; a group's probability is its likeliest member's; NULL without "
            "RETURN_PERIODS, for an added link and for autonomy), mp_prem_h (premise-hours "
            "avoided: pw_prem_h for autonomy, NULL for the others), mp_owner (who usually "
            "carries out that kind of action: the operator, the commune for a burial; edit it), "
            "mp_chosen (1 in the portfolio) and mp_tier (collecte, transport or distribution: "
            "the tier of what the action secures: the most upstream tier of the lines it "
            "bypasses, buries or hardens; collecte for autonomy at an NRO or a root, whose "
            "loss cuts a whole NRO; NULL when unknown). ACTION_SITES (points): the autonomy "
            "actions at their site's point, with the same fields. PLAN (table): the chosen "
            "actions in "
            "order with mp_cum_cost and mp_cum_prem (cumulative cost and (premises, risk) "
            "pairs secured, each once) and each one's mp_tier: the curve a board decides "
            "from. PREMISES_SECURED and "
            "COST (the portfolio's) are outputs. Costs are in euros, lengths in metres of the "
            "working CRS."
        )

    def initAlgorithm(self, config=None):
        nio.add_network_parameters(self, srlg=True)
        line = [QgsProcessing.SourceType.TypeVectorLine]
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterField(
                    self.SITE_NAME_FIELD,
                    self.tr("Site name field"),
                    parentLayerParameterName=nio.SITES,
                    optional=True,
                )
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterField(
                    self.LINE_NAME_FIELD,
                    self.tr("Network line name field"),
                    parentLayerParameterName=nio.NETWORK,
                    optional=True,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads (where new trenches can run)"), line, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CIVIL_WORKS,
                self.tr("Existing civil works (ducts, routes)"),
                line,
                optional=True,
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterExpression(
                    self.CIVIL_AERIAL_EXPRESSION,
                    self.tr("Civil works on poles (expression)"),
                    parentLayerParameterName=self.CIVIL_WORKS,
                    optional=True,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterMatrix(
                self.COSTS,
                self.tr("Costs (EUR)"),
                numberRows=len(mg.COST_ITEMS),
                hasFixedNumberRows=False,
                headers=[self.tr("Item"), self.tr("EUR")],
                defaultValue=DEFAULT_COST_TABLE,
                # optional: qgis_process (3.22) refuses a mandatory table left to its default
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUDGET,
                self.tr("Budget (EUR)"),
                QgsProcessingParameterNumber.Type.Double,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_SEPARATION,
                self.tr("Minimum separation from the bypassed lines (m)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=100.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.END_DISTANCE,
                    self.tr("Distance near the ends where a loop may come closer (m)"),
                    QgsProcessingParameterNumber.Type.Double,
                    defaultValue=250.0,
                    minValue=0.0,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterExpression(
                self.BURY_EXPRESSION,
                self.tr("Lines to bury (expression)"),
                parentLayerParameterName=nio.NETWORK,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CANDIDATES, self.tr("Operator's candidate projects"), line, optional=True
            )
        )
        for key, label in (
            (self.CANDIDATE_COST_FIELD, self.tr("Candidate cost field (EUR)")),
            (self.CANDIDATE_NAME_FIELD, self.tr("Candidate name field")),
        ):
            self.addParameter(
                QgsProcessingParameterField(
                    key, label, parentLayerParameterName=self.CANDIDATES, optional=True
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.RETURN_PERIODS,
                self.tr("Return periods of the lines (Return periods' OUTPUT_LINES)"),
                line,
                optional=True,
            )
        )
        self.addParameter(power_io.power_sites_parameter(self.POWER))
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.TIME_LIMIT,
                    self.tr("Time limit of the exact portfolio search (s)"),
                    QgsProcessingParameterNumber.Type.Double,
                    defaultValue=60.0,
                    minValue=0.1,
                )
            )
        )
        tio.add_tier_parameters(self)
        self.addParameter(
            nio.advanced(
                QgsProcessingParameterNumber(
                    self.MAX_SEGMENT_LOOPS,
                    self.tr("Most segments searched for a loop (collecte and transport first)"),
                    QgsProcessingParameterNumber.Type.Integer,
                    defaultValue=mg.DEFAULT_MAX_SEGMENT_LOOPS,
                    minValue=0,
                )
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ACTIONS,
                self.tr("Actions"),
                QgsProcessing.SourceType.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ACTION_SITES,
                self.tr("Actions at sites (points)"),
                QgsProcessing.SourceType.TypeVectorPoint,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.PLAN, self.tr("Plan"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(self.PREMISES_SECURED, self.tr("Premises secured"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.COST, self.tr("Cost of the plan (EUR)")))

    # ------------------------------------------------------------------ reading

    def _costs(self, parameters, context, feedback):
        """The cost table; not given (or empty), the documented defaults, said so."""
        given = parameters.get(self.COSTS) is not None
        flat = self.parameterAsMatrix(parameters, self.COSTS, context) if given else []
        if not flat:
            flat = DEFAULT_COST_TABLE
            listed = ", ".join(f"{item} {mg.DEFAULT_COSTS[item]:g}" for item in mg.COST_ITEMS)
            feedback.pushWarning(
                self.tr(
                    "COSTS not given: the default costs are used ({costs} EUR), placeholders "
                    "to replace with your own prices."
                ).format(costs=listed)
            )
        if len(flat) % 2:
            raise QgsProcessingException(self.tr("COSTS: give pairs of item and amount (EUR)."))
        with errors.core_errors():
            return mg.check_costs(list(zip(flat[0::2], flat[1::2])))

    def _civil_cost(self, parameters, context, feedback, costs, civil_layer):
        """EUR per metre along each civil-works line: aerial_m on the poles that
        CIVIL_AERIAL_EXPRESSION selects, duct_m elsewhere."""
        text = expressions.expression_parameter(
            self, parameters, self.CIVIL_AERIAL_EXPRESSION, context
        )
        if not text:
            return costs["duct_m"]
        if civil_layer is None:
            raise QgsProcessingException(
                self.tr("CIVIL_AERIAL_EXPRESSION needs CIVIL_WORKS: it selects among them.")
            )
        if "aerial_m" not in costs:
            raise QgsProcessingException(
                self.tr(
                    "COSTS: give an amount for aerial_m (EUR per metre on existing poles): "
                    "CIVIL_AERIAL_EXPRESSION needs it."
                )
            )
        selected = expressions.expression_values(
            self,
            parameters,
            context,
            civil_layer,
            text,
            None,
            self.CIVIL_AERIAL_EXPRESSION,
            feedback,
        )
        aerial = np.array([bool(v) for v in selected], dtype=bool)  # NULL: not on poles
        feedback.pushInfo(
            self.tr(
                "{n} of {total} civil-works lines are on poles (aerial_m {aerial:g} EUR per "
                "metre), the others ducts (duct_m {duct:g})."
            ).format(
                n=int(aerial.sum()),
                total=aerial.size,
                aerial=costs["aerial_m"],
                duct=costs["duct_m"],
            )
        )
        return np.where(aerial, costs["aerial_m"], costs["duct_m"])

    def _names(self, parameters, key, context, layer, prefix):
        name = self.parameterAsString(parameters, key, context)
        if layer is None:
            return None
        if name:
            values = layer.values(name)
            return np.array(
                [f"{prefix} {fid}" if v is None else str(v) for v, fid in zip(values, layer.fids)],
                dtype=object,
            )
        return np.array([f"{prefix} {fid}" for fid in layer.fids.tolist()], dtype=object)

    def _candidates(self, parameters, context, feedback, crs):
        source = layers.require_source(self, parameters, self.CANDIDATES, context, optional=True)
        if source is None:
            return None, None, None
        name = layers.layer_name(self, parameters, self.CANDIDATES, context)
        layers.require_geometry(
            source, name, [QgsWkbTypes.GeometryType.LineGeometry], self.CANDIDATES
        )
        layer = layers.read_layer(source, name, crs, context, feedback, progress_range=(30, 33))
        cost_field = self.parameterAsString(parameters, self.CANDIDATE_COST_FIELD, context)
        if not cost_field:
            raise QgsProcessingException(
                self.tr("CANDIDATE_COST_FIELD: give the field holding each candidate's cost.")
            )
        layer.require_field(cost_field, numeric=True)
        costs = layer.values(cost_field)
        names = self._names(parameters, self.CANDIDATE_NAME_FIELD, context, layer, "candidate")
        for i, value in enumerate(costs.tolist()):
            number = np.nan if value is None else float(value)
            if not np.isfinite(number) or number < 0:
                raise QgsProcessingException(
                    self.tr(
                        'Candidate {name} (feature {fid} of "{layer}"): its cost in field '
                        '"{field}" must be a finite amount, not negative (got {value}).'
                    ).format(
                        name=names[i],
                        fid=int(layer.fids[i]),
                        layer=name,
                        field=cost_field,
                        value=value,
                    )
                )
        if layer.null_count:
            raise QgsProcessingException(
                self.tr('{n} candidates of "{layer}" have no geometry.').format(
                    n=layer.null_count, layer=name
                )
            )
        return layer.geometries, np.asarray([float(v) for v in costs], dtype=float), names

    def _line_aep(self, parameters, context, feedback, crs, network):
        """rp_aep of every NETWORK line from RETURN_PERIODS (Return periods' OUTPUT_LINES,
        which keeps the network's lines): matched by geometry; None without the layer."""
        source = layers.require_source(
            self, parameters, self.RETURN_PERIODS, context, optional=True
        )
        if source is None:
            return None
        name = layers.layer_name(self, parameters, self.RETURN_PERIODS, context)
        layers.require_geometry(
            source, name, [QgsWkbTypes.GeometryType.LineGeometry], self.RETURN_PERIODS
        )
        layer = layers.read_layer(source, name, crs, context, feedback, progress_range=(33, 35))
        layer.require_field("rp_aep", numeric=True)
        with errors.core_errors():
            aep, unmatched = mg.match_lines(
                network.geometries, layer.geometries, layer.numbers("rp_aep")
            )
        if unmatched:
            feedback.pushWarning(
                self.tr(
                    '{n} of {total} network lines have no line of "{layer}" (RETURN_PERIODS) '
                    "in the same place: their failure counts as never in mp_eai."
                ).format(n=unmatched, total=len(network), layer=name)
            )
        return aep

    def _power(self, parameters, context, feedback, crs, model):
        """The dark sites of POWER (Power resilience's OUTPUT) for the autonomy actions:
        node, pw_dark_h, pw_prem_h, position and name; None without the layer."""
        source = layers.require_source(self, parameters, self.POWER, context, optional=True)
        if source is None:
            return None
        name = layers.layer_name(self, parameters, self.POWER, context)
        layers.require_geometry(source, name, [QgsWkbTypes.GeometryType.PointGeometry], self.POWER)
        layer = layers.read_layer(source, name, crs, context, feedback, progress_range=(35, 36))
        for field in ("pw_dark_h", "pw_prem_h"):
            if layer.fields.lookupField(field) < 0:
                raise QgsProcessingException(
                    self.tr(
                        'Layer "{layer}" (POWER) has no field "{field}": give the OUTPUT of '
                        "Power resilience."
                    ).format(layer=name, field=field)
                )
        dark = layer.numbers("pw_dark_h")
        prem_h = layer.numbers("pw_prem_h")
        for values, field in ((dark, "pw_dark_h"), (prem_h, "pw_prem_h")):
            bad = np.isinf(values) | (values < 0) | (np.isnan(values) & (field == "pw_dark_h"))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise QgsProcessingException(
                    self.tr(
                        'Field "{field}" of layer "{layer}" (POWER): feature {fid} has {value}; '
                        "it needs a number of hours >= 0 (features with this problem: {n})."
                    ).format(
                        field=field,
                        layer=name,
                        fid=int(layer.fids[i]),
                        value="NULL" if np.isnan(values[i]) else f"{values[i]:g}",
                        n=int(bad.sum()),
                    )
                )
        if layer.null_count:
            raise QgsProcessingException(
                self.tr('{n} sites of "{layer}" (POWER) have no geometry.').format(
                    n=layer.null_count, layer=name
                )
            )
        node_field = self.parameterAsString(parameters, nio.SITE_NODE_FIELD, context)
        ids = None
        if node_field and layer.fields.lookupField(node_field) >= 0:
            ids = layer.values(node_field)
        max_snap = self.parameterAsDouble(parameters, nio.MAX_SNAP, context)
        with errors.core_errors():
            node = attach_points(model.network, "power sites", layer.geometries, ids, max_snap).node
        name_field = self.parameterAsString(parameters, self.SITE_NAME_FIELD, context)
        if name_field and layer.fields.lookupField(name_field) >= 0:
            names = self._names(parameters, self.SITE_NAME_FIELD, context, layer, "site")
        else:
            names = np.array([f"site {fid}" for fid in layer.fids.tolist()], dtype=object)
        left = (dark > 0) & ((node < 0) | np.isnan(prem_h))
        if left.any():
            feedback.pushWarning(
                self.tr(
                    '{n} dark sites of "{layer}" (POWER) are not on the network (no node '
                    "within MAX_SNAP, or pw_prem_h NULL): no autonomy action for them "
                    "({names})."
                ).format(
                    n=int(left.sum()),
                    layer=name,
                    names=", ".join(str(v) for v in names[left][:5].tolist())
                    + ("…" if left.sum() > 5 else ""),
                )
            )
        node = np.where(left, -1, node)
        xy = shapely.get_coordinates(shapely.centroid(np.asarray(layer.geometries, object)))
        return {"node": node, "dark_h": dark, "prem_h": prem_h, "xy": xy, "names": names}

    # ------------------------------------------------------------------ run

    def process(self, parameters, context, feedback):
        costs = self._costs(parameters, context, feedback)
        budget = self.parameterAsDouble(parameters, self.BUDGET, context)
        min_sep = self.parameterAsDouble(parameters, self.MIN_SEPARATION, context)
        end_distance = self.parameterAsDouble(parameters, self.END_DISTANCE, context)
        if end_distance <= min_sep:
            raise QgsProcessingException(
                self.tr(
                    "END_DISTANCE ({end:g} m) must be larger than MIN_SEPARATION ({sep:g} m): "
                    "a loop could not leave its site."
                ).format(end=end_distance, sep=min_sep)
            )
        bury_text = expressions.expression_parameter(
            self, parameters, self.BURY_EXPRESSION, context
        )
        inputs = nio.read_network(
            self, parameters, context, feedback, srlg=True, progress_range=(0, 20)
        )
        model = inputs.model
        nio.warn_defects(self, feedback, model.defects)
        crs = inputs.crs
        _, road_network = road_io.read_road_lines(
            self, parameters, self.ROADS, context, feedback, crs, (20, 26)
        )
        civil = civil_layer = None
        civil_source = layers.require_source(
            self, parameters, self.CIVIL_WORKS, context, optional=True
        )
        if civil_source is not None:
            civil_name = layers.layer_name(self, parameters, self.CIVIL_WORKS, context)
            layers.require_geometry(
                civil_source, civil_name, [QgsWkbTypes.GeometryType.LineGeometry], self.CIVIL_WORKS
            )
            civil_layer = layers.read_layer(
                civil_source, civil_name, crs, context, feedback, progress_range=(26, 30)
            )
            civil = civil_layer.geometries
        civil_cost = self._civil_cost(parameters, context, feedback, costs, civil_layer)
        cand_geoms, cand_costs, cand_names = self._candidates(parameters, context, feedback, crs)
        line_aep = self._line_aep(parameters, context, feedback, crs, inputs.network)
        power = self._power(parameters, context, feedback, crs, model)
        if power is not None and "autonomy_site" not in costs:
            raise QgsProcessingException(
                self.tr("COSTS: give an amount for autonomy_site (EUR per site): POWER needs it.")
            )
        bury_lines = None
        if bury_text:
            selected = expressions.expression_values(
                self,
                parameters,
                context,
                inputs.network,
                bury_text,
                None,
                self.BURY_EXPRESSION,
                feedback,
            )
            bury_lines = np.flatnonzero([bool(v) and v is not None for v in selected])
        max_snap = self.parameterAsDouble(parameters, nio.MAX_SNAP, context)
        if road_network is None and civil is not None:
            raise QgsProcessingException(
                self.tr("CIVIL_WORKS needs ROADS: the civil works join the roads.")
            )
        classes, roles = tio.read_tier_inputs(self, parameters, context, feedback, inputs)
        max_segments = self.parameterAsInt(parameters, self.MAX_SEGMENT_LOOPS, context)
        site_names = self._names(parameters, self.SITE_NAME_FIELD, context, inputs.sites, "site")
        line_names = self._names(parameters, self.LINE_NAME_FIELD, context, inputs.network, "line")
        if inputs.sites is None and road_network is not None:
            if max_segments == 0:
                feedback.pushWarning(
                    self.tr("No SITES and MAX_SEGMENT_LOOPS is 0: no loop is searched.")
                )
            else:
                feedback.pushInfo(self.tr("No SITES: only segments are searched for a loop."))
        with errors.core_errors():
            ways = None
            if road_network is not None:
                ways = mg.build_ways(
                    road_network,
                    costs["trench_m"],
                    civil,
                    civil_cost,
                    max_snap=max_snap,
                    tolerance=self.parameterAsDouble(parameters, nio.TOLERANCE, context),
                )
            result = mg.mitigation_plan(
                model,
                inputs.network.geometries,
                costs,
                budget,
                ways=ways,
                spec=mg.LoopSpec(
                    min_separation=min_sep, end_distance=end_distance, max_snap=max_snap
                ),
                site_names=site_names,
                line_names=line_names,
                bury_lines=bury_lines,
                candidates=cand_geoms,
                candidate_costs=cand_costs,
                candidate_names=cand_names,
                tolerance=self.parameterAsDouble(parameters, nio.TOLERANCE, context),
                max_snap=max_snap,
                time_limit=self.parameterAsDouble(parameters, self.TIME_LIMIT, context),
                line_aep=line_aep,
                power=power,
                line_classes=classes,
                site_roles=roles,
                max_segment_loops=max_segments,
                progress=lambda f: feedback.setProgress(33 + 57 * f),
                is_cancelled=feedback.isCanceled,
            )
        self._report(feedback, result, site_names, budget, max_snap, min_sep)
        outputs = {}
        with sinks.discard_on_failure() as written:
            self._write(parameters, context, feedback, result, crs, outputs, written)
        outputs[self.PREMISES_SECURED] = result.counts["premises_secured"]
        outputs[self.COST] = result.counts["cost"]
        return outputs

    def _report(self, feedback, result, site_names, budget, max_snap, min_sep):
        reasons = {
            mg.NO_ROAD: self.tr("no road (ROADS) within MAX_SNAP ({snap:g} m) of the site"),
            mg.NO_TARGET: self.tr("no network node spared by its failures lies near a road"),
            mg.NO_PATH: self.tr(
                "no path along the roads at least MIN_SEPARATION ({sep:g} m) from the lines "
                "it must bypass, within the budget"
            ),
        }
        for row, reason in result.problems:
            feedback.pushWarning(
                self.tr("Site {name}: no loop: {reason}.").format(
                    name=site_names[row] if site_names is not None else row,
                    reason=reasons[reason].format(snap=max_snap, sep=min_sep),
                )
            )
        counts = result.counts
        feedback.pushInfo(
            self.tr(
                "{n} candidate actions: {loops} loops ({segments} of them around segments or "
                "shared-risk groups), {bury} burials, {auto} autonomy, {ops} of the operator's."
            ).format(
                n=counts["candidates"],
                auto=counts["autonomy"],
                loops=counts["loops"],
                segments=counts["segment_loops"],
                bury=counts["bury"],
                ops=counts["operator"],
            )
        )
        if counts["merged"]:
            feedback.pushInfo(
                self.tr(
                    "{n} loops ran along the same roads as another one: each kept once, "
                    "securing what both secure."
                ).format(n=counts["merged"])
            )
        without = sum(counts["segment_problems"].values())
        if without:
            feedback.pushInfo(
                self.tr(
                    "{n} of {searched} segments searched got no loop (no road near their "
                    "lower end, or no separate path within the budget)."
                ).format(n=without, searched=counts["segments_searched"])
            )
        if counts["segments_left_out"]:
            feedback.pushWarning(
                self.tr(
                    "{n} segments whose loss cuts premises were not searched for a loop: "
                    "MAX_SEGMENT_LOOPS ({cap}) keeps the collecte and transport tiers first, "
                    "each by the premises a segment's loss cuts; raise it to search them."
                ).format(n=counts["segments_left_out"], cap=counts["segments_searched"])
            )
        portfolio = result.portfolio
        if counts["candidates"] and not portfolio.chosen.any() and counts["cheapest"] > budget:
            feedback.pushWarning(
                self.tr(
                    "BUDGET ({budget:,.0f} EUR) is below the cheapest action ({cheapest:,.0f} "
                    "EUR): the plan is empty."
                ).format(budget=budget, cheapest=counts["cheapest"])
            )
        feedback.pushInfo(
            self.tr(
                "Plan: {n} actions, {cost:,.0f} EUR, {prem:g} (premises, risk) pairs secured "
                "(each once; the risks: a cable failure of each tier, the grid outage)."
            ).format(n=int(portfolio.chosen.sum()), cost=portfolio.cost, prem=portfolio.value)
        )
        if portfolio.method == "milp" and portfolio.chosen.any():
            feedback.pushInfo(
                self.tr(
                    "The plan is the best possible within BUDGET: exact search (scipy milp, "
                    "HiGHS), gap 0."
                )
            )
        if portfolio.method != "milp":
            feedback.pushWarning(
                self.tr(
                    "The exact search gave no proven plan ({why}): the plan comes from the greedy "
                    "method ({method}); it secures {value:g} (premises, risk) pairs, at most "
                    "{gap:.1%} less than the best possible ({bound:g})."
                ).format(
                    why=portfolio.note,
                    method=portfolio.method,
                    value=portfolio.value,
                    gap=portfolio.gap,
                    bound=portfolio.bound,
                )
            )

    def _write(self, parameters, context, feedback, result, crs, outputs, written):
        self._write_actions(parameters, context, feedback, result, crs, outputs, written)
        self._write_action_sites(parameters, context, feedback, result, crs, outputs, written)
        dest = sinks.table_sink(self, parameters, self.PLAN, context, result.plan, feedback)
        if dest is not None:
            outputs[self.PLAN] = dest

    def _write_actions(self, parameters, context, feedback, result, crs, outputs, written):
        if parameters.get(self.ACTIONS) is None:  # optional: a model's caller may skip it
            return
        actions = result.actions
        sink = sinks.OutputSink(
            self,
            parameters,
            self.ACTIONS,
            context,
            QgsFields(),
            ACTION_FIELDS,
            QgsWkbTypes.Type.MultiLineString,
            crs,
            feedback,
        )
        written.append(sink)
        geometries = mg.as_multilines(actions["geometry"].to_numpy(object))
        sink.write(
            [None] * len(actions),
            {f.name: actions[f.name].to_numpy() for f in ACTION_FIELDS},
            feedback,
            geometries=sinks.qgis_geometries(geometries),
            progress_range=(90, 98),
        )
        outputs[self.ACTIONS] = sink.dest_id

    def _write_action_sites(self, parameters, context, feedback, result, crs, outputs, written):
        """The actions at a site (autonomy) as the site's point, ranked as in ACTIONS."""
        if parameters.get(self.ACTION_SITES) is None:
            return
        actions = result.actions
        at_site = actions[actions["site"].notna()] if len(actions) else actions
        sink = sinks.OutputSink(
            self,
            parameters,
            self.ACTION_SITES,
            context,
            QgsFields(),
            ACTION_FIELDS,
            QgsWkbTypes.Type.Point,
            crs,
            feedback,
        )
        written.append(sink)
        sink.write(
            [None] * len(at_site),
            {f.name: at_site[f.name].to_numpy() for f in ACTION_FIELDS},
            feedback,
            geometries=sinks.qgis_geometries(at_site["site"].to_numpy(object)),
            progress_range=(98, 99),
        )
        outputs[self.ACTION_SITES] = sink.dest_id
