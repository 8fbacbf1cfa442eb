"""The help of every parameter, in one place, and the user guide each algorithm links to.

``FibreAlgorithm.addParameter`` gives each parameter its text here (``setHelp``) as
``initAlgorithm`` declares it, so the algorithm modules stay as they are. QGIS calls
``initAlgorithm`` on every instance it uses (the provider's, and each one ``create()`` makes for
the dialog, batch runs, model steps and ``processing.run``), and shows the text in the
parameter's tooltip, in ``processing.algorithmHelp`` and in ``qgis_process help``.

The texts are plain literals, translated when applied (``tr(HELP[...])``): the translator is
installed after this module is imported. ``scripts/i18n.py`` collects every value of these
dictionaries. A parameter's own ``setHelp`` in its algorithm, if any, is kept.
"""

from pathlib import Path

from ..i18n import tr, user_language

GUIDE_DIR = Path(__file__).resolve().parent.parent / "help"

# The algorithms that declare the graph parameters of adapters/network.py.
GRAPH_ALGORITHMS = (
    "networktopology",
    "redundancygaps",
    "scenarioimpact",
    "returnperiods",
    "powerresilience",
    "restoration",
    "mitigationplan",
)
# The algorithms that declare the road and hazard parameters of adapters/roads.py: their help
# is accessroutes' (the same parameters, read and routed by the same code).
ROAD_ALGORITHMS = ("accessroutes", "powerresilience")
ROAD_KEYS = (
    "ROADS",
    "SPEED_FIELD",
    "SPEED_PRESET",
    "DEFAULT_SPEED",
    "DIRECTION_FIELD",
    "BLOCKED",
    "BLOCKED_RASTER",
    "MAX_DEPTH",
    "DEPTH_SPEED_FACTOR",
    "KEEP_BRIDGES",
    "BRIDGE_EXPRESSION",
)

# adapters/network.py's parameters: the same meaning in every graph algorithm.
GRAPH_HELP = {
    "NETWORK": (
        "The network lines: cables (e.g. CABLES of Read a GraceTHD delivery) or civil-works "
        "routes (ROUTES). Multipart and curved lines are handled; lengths are in metres, in "
        "the layer's CRS when projected, else in Lambert-93 or the local UTM zone."
    ),
    "FROM_FIELD": (
        "Field holding the id of each line's first node (gt_nd1 on GraceTHD outputs). Give "
        "it with To-node field, or neither: without them, line ends within the snapping "
        "tolerance share a node."
    ),
    "TO_FIELD": (
        "Field holding the id of each line's last node (gt_nd2 on GraceTHD outputs). Give "
        "it with From-node field, or neither."
    ),
    "TOLERANCE": (
        "Metres, default 0.5. Used only without node-id fields: line ends this close share "
        "a node. Dangling ends up to 10 times farther are reported as near misses; too "
        "large a value joins lines that are not connected."
    ),
    "ROOTS": (
        "Points where service comes from: NROs or backbone POPs. Premises and sites are "
        "counted from all roots at once; at least one root must attach to the network "
        "(within the maximum distance)."
    ),
    "ROOT_NODE_FIELD": (
        "Optional: the roots' field naming their network node (needs the from/to-node "
        "fields). Without it, each root attaches to the nearest node within the maximum "
        "distance."
    ),
    "PREMISES": (
        "Optional premises points (PREMISES of Read a GraceTHD delivery, or t_adresse). "
        "Without them the results count sites only."
    ),
    "PREMISES_COUNT": (
        'Expression giving the premises of each point, e.g. "gt_prem"; empty: 1 per point. '
        "NULL, NaN or infinite counts as 1 and negative as 0, both reported; an expression "
        "that fails stops the run."
    ),
    "PREMISES_NODE_FIELD": (
        "Optional: the premises' field naming their node, e.g. gt_pbo (the PBO serving "
        "them; needs the from/to-node fields). Without it, each point attaches to the "
        "nearest node within the maximum distance."
    ),
    "SITES": (
        "Optional points whose service is followed one by one: NRO, SRO, PBO or sensitive "
        "sites (town halls, care homes, fire stations)."
    ),
    "SITE_NODE_FIELD": (
        "Optional: the sites' field naming their node (needs the from/to-node fields). "
        "Without it, each site attaches to the nearest node within the maximum distance."
    ),
    "SRLG_FIELD": (
        "Optional shared-risk group ids of each line, separated by ; or , (gt_routes on "
        "GraceTHD cables: the routes, ducts and bridges a cable runs through). All lines of "
        "a group fail together: two cables in one trench are not redundant."
    ),
    "MAX_SNAP": (
        "Metres, default 50: the largest distance from a root, premises or site point to "
        "its nearest node. Points farther away are not attached and are reported."
    ),
}

# (algorithm id, parameter key) -> help; the keys are public API, the texts are not.
HELP = {
    # --- gracethdnetwork
    ("gracethdnetwork", "SOURCE"): (
        "The operator's delivery: a folder of shapefiles and CSV (; separated, UTF-8 or "
        "cp1252), the same as a .zip (read in place) or a GeoPackage. Give this or a PostGIS "
        "connection, not both; a delivery one folder down is refused, naming that folder."
    ),
    ("gracethdnetwork", "CONNECTION"): (
        "Or a PostgreSQL/PostGIS connection saved in QGIS (Data Source Manager) holding the "
        "delivery; choose its schema below. Prefer a saved connection or an authcfg to a "
        "password in a URI."
    ),
    ("gracethdnetwork", "SCHEMA"): (
        "The schema of the PostGIS connection holding the t_* tables. A missing schema is "
        "named, with the schemas the database holds."
    ),
    ("gracethdnetwork", "VERSION"): (
        "GraceTHD version of the delivery. Auto recognises 2.0-beta (2015), 2.x and 3.x "
        "from the tables present; set it only when the detection is wrong."
    ),
    ("gracethdnetwork", "TOLERANCE"): (
        "Metres, 0 to 20, default 1. A route end whose node code is empty or unknown is "
        "attached to the nearest node within this distance (0: never); either way it is "
        "listed in REPORT. Poles stand 30–50 m apart: larger values would pick a neighbour."
    ),
    ("gracethdnetwork", "ROUTES"): (
        "The routes (t_cheminement) with every source field plus gt_code, gt_laying (AERIEN, "
        "FACADE, SOUTERRAIN, INTERIEUR, INCONNU), gt_passage (PON: bridge), gt_nd1, gt_nd2 "
        "and gt_cables."
    ),
    ("gracethdnetwork", "CABLES"): (
        "One line per cable with gt_nd1, gt_nd2, gt_class, gt_routes (its routes, "
        "; separated: its shared-risk groups), gt_aer_m (aerial metres) and gt_laying (the "
        "most exposed mode along it)."
    ),
    ("gracethdnetwork", "NODES"): (
        "The nodes (t_noeud) with gt_code and gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, "
        "IMMEUBLE, AUTRE)."
    ),
    ("gracethdnetwork", "PREMISES"): (
        "The addresses (t_adresse) with gt_prem (premises count), gt_prio and the node codes "
        "of the PBO, SRO and NRO serving them (gt_pbo, gt_sro, gt_nro)."
    ),
    ("gracethdnetwork", "REPORT"): (
        "A table of every table read and every anomaly (gt_sev, gt_table, gt_code, "
        "gt_anomaly, gt_detail). Anomalies never stop the read: read this table before "
        "trusting the figures."
    ),
    # --- hazardexposure
    ("hazardexposure", "INPUT"): (
        "Any vector layer of assets: points (nodes, premises), lines (routes, cables) or "
        "polygons, multipart included. Lengths and areas are in metres, in its CRS when "
        "projected, else in Lambert-93 or the local UTM zone."
    ),
    ("hazardexposure", "HAZARD"): (
        "Hazard polygons: TRI flood scenarios, PPR zones, clay, groundwater, storm footprints "
        "or your own zones; reprojected, invalid ones repaired. Give this, a hazard raster, "
        "or both."
    ),
    ("hazardexposure", "HAZARD_FIELD"): (
        "The zones' field whose values become levels through the preset (e.g. scenario, "
        "typeniveaualea, NIVEAU). Without it every zone is level 1."
    ),
    ("hazardexposure", "PRESET"): (
        "How the field's values become levels 0–4. Auto uses LEVELS when given, else the "
        "preset whose codes match the values; values that match no level get 0 and are "
        "listed in a warning. TRI scenario: the frequent flood (01For) is level 4."
    ),
    ("hazardexposure", "LEVELS"): (
        "Thresholds 0.1;0.5;1;2 (value ≥ 0.1 is level 1, ≥ 0.5 level 2…) or value=level "
        "pairs such as Faible=1;Moyen=2;Fort=3 (case-insensitive). Used by the Numeric "
        "thresholds and Custom presets, and by Auto when given."
    ),
    ("hazardexposure", "HAZARD_RASTER"): (
        "A raster of water depth or any intensity, in any CRS (it must have one). It is read "
        "on its own cells, only under the assets; nodata is dry, and a raster that misses "
        "every asset exposes nothing, with a warning."
    ),
    ("hazardexposure", "RASTER_BAND"): "The raster band to read; default 1.",
    ("hazardexposure", "RASTER_THRESHOLDS"): (
        "Raster values from which levels 1 to 4 start, default 0.01;0.5;1;2 (metres of "
        "water). Compared at the raster's own precision."
    ),
    ("hazardexposure", "BUFFER"): (
        "Metres, default 0: widens every hazard polygon, e.g. to take in the uncertainty of "
        "a mapped boundary. The raster is not widened."
    ),
    ("hazardexposure", "FAIL_LEVEL"): (
        "Level 1–4 from which an asset counts as failed (hz_failed = 1), default 3 (high). "
        "Scenario impact reads hz_failed to decide what fails."
    ),
    ("hazardexposure", "PREMISES_COUNT"): (
        'Optional expression giving the premises behind each asset (e.g. "gt_prem"), summed '
        "by level in SUMMARY."
    ),
    ("hazardexposure", "AGGREGATE"): (
        "Optional polygons (communes, SRO zones…) to break SUMMARY down by. An asset belongs "
        "to the polygon holding its point, its line's mid-point or a point inside it."
    ),
    ("hazardexposure", "AGGREGATE_FIELD"): (
        "The aggregate polygons' name field, written in SUMMARY; without it, the polygons "
        "are numbered."
    ),
    ("hazardexposure", "GROUP_FIELD"): (
        "A field of the assets (e.g. gt_nro) to break SUMMARY down by its values, NULL last; "
        "with AGGREGATE too, by (polygon, value) pairs. band_m then gives, per value, the "
        "length lying at each level."
    ),
    ("hazardexposure", "OUTPUT"): (
        "The assets with every field kept, plus hz_level (0–4), hz_class, hz_value, "
        "hz_length (m), hz_area (m²), hz_share (0–1) and hz_failed (0/1)."
    ),
    ("hazardexposure", "SUMMARY"): (
        "Optional table by level (and aggregate polygon): n_assets, length_m, area_m2, "
        "premises and n_failed."
    ),
    # --- networktopology
    ("networktopology", "OUTPUT_NODES"): (
        "One point per node with tp_node, tp_degree (line ends at it), tp_comp (connected "
        "part) and tp_rooted (1 when its part holds a root)."
    ),
    ("networktopology", "OUTPUT_DEFECTS"): (
        "One point per problem with tp_defect (near_miss, no_root, beyond_snap, duplicate…), "
        "tp_detail, tp_layer and tp_fid. Fix these before trusting redundancy results."
    ),
    # --- redundancygaps
    ("redundancygaps", "OUTPUT_SEGMENTS"): (
        "The lines with every field plus rd_bridge (1: its loss cuts demand from every "
        "root), rd_prem and rd_sites (cut if it alone fails), rd_srlg_pr (cut if its "
        "whole shared-risk group fails) and rd_tier (collecte, transport, distribution)."
    ),
    ("redundancygaps", "OUTPUT_NODES"): (
        "Optional: one point per node with tp_node, rd_bridge (1: a cut node), rd_prem and "
        "rd_sites (what its loss cuts, its own included) and rd_tier."
    ),
    ("redundancygaps", "OUTPUT_SITES"): (
        "Optional: the sites with rd_paths (line-disjoint paths to the roots, capped at 3), "
        "rd_divers (0: a single line cuts it; 1: a node or group does; 2: none does) and "
        "rd_spof_n."
    ),
    ("redundancygaps", "OUTPUT_GROUPS"): (
        "Optional: one row per shared-risk group with what it cuts when it fails whole; "
        "rd_defeats = 1 when it cuts more than any single member (a hidden single point of "
        "failure)."
    ),
    ("redundancygaps", "OUTPUT_PREMISES"): (
        "Optional: the premises with rd_spof (1: a single line or node other than its own "
        "cuts it) and rd_srlg (1: a whole shared-risk group does); the report reads them."
    ),
    ("redundancygaps", "TIER_FIELD"): (
        "Optional field of the network lines giving their tier: collecte, transport, "
        "distribution, or a GraceTHD cable class (CO, BM, LH: collecte; TR: transport; DI, "
        "RA: distribution), in any case. Empty: gt_class when the layer has it. Mixed "
        "classes (CX, CT, CD, TD), NC, NULL and unknown values (warned) leave the tier to "
        "the topology."
    ),
    ("redundancygaps", "ROLE_FIELD"): (
        "Optional field of the sites giving their role: NRO, SRO or PM (any case; other "
        "values are ordinary sites). Empty: gt_role when the sites have it. Without any NRO "
        "site, the roots are taken as the NROs."
    ),
    ("redundancygaps", "OUTPUT_TIERS"): (
        "Optional table, one row per NRO and tier (collecte, transport, distribution): "
        "rd_nro, rd_tier, rd_max_pr (the most premises of the NRO one failure of that tier "
        "cuts), rd_where (which line, node or shared-risk group), rd_spof_n (how many "
        "elements of that tier cut some of its premises) and rd_prem (its premises)."
    ),
    # --- scenarioimpact
    ("scenarioimpact", "FAILED_EXPRESSION"): (
        'Expression on the network lines, true where a line fails, e.g. "hz_failed" = 1 on '
        "the output of Hazard exposure. Comparing a text field with a number is true "
        "everywhere: a warning says so."
    ),
    ("scenarioimpact", "FAILED_LAYER"): (
        "Optional layer whose features name failed shared-risk groups, e.g. the flooded "
        "routes: every network line whose shared-risk group field names one of them fails "
        "(the cables in a flooded route)."
    ),
    ("scenarioimpact", "FAILED_GROUP_FIELD"): (
        "The failed layer's field holding the group ids (e.g. gt_code of the routes), "
        "separated by ; or ,. Required with a failed layer."
    ),
    ("scenarioimpact", "FAILED_LAYER_EXPRESSION"): (
        'Which features of the failed layer fail, e.g. "hz_failed" = 1; empty: all of them.'
    ),
    ("scenarioimpact", "FAILED_NODES"): (
        "Optional failed points (flooded cabinets, a burnt NRO): the node each one names "
        "(failed node-id field) or its nearest node within the maximum distance fails."
    ),
    ("scenarioimpact", "FAILED_NODE_FIELD"): (
        "The failed points' field naming their node; a node id that is not in the network "
        "is ignored, with a warning."
    ),
    ("scenarioimpact", "AGGREGATE"): (
        "Optional polygons (communes) for SUMMARY: premises and sites in each, failed and "
        "cut off."
    ),
    ("scenarioimpact", "OUTPUT_SITES"): (
        "The sites with im_failed (its own node failed), im_cut (cut off by failures "
        "elsewhere) and im_prem (premises on its node that lose service)."
    ),
    ("scenarioimpact", "OUTPUT_PREMISES"): (
        "The premises with im_failed, im_cut and im_prem (premises cut off at that point)."
    ),
    ("scenarioimpact", "OUTPUT_LINES"): (
        "Optional: the lines with im_failed, im_cut, im_prem (cut premises that depended on "
        "that failed line) and im_repair (premises back if it alone is repaired): where to "
        "repair first."
    ),
    ("scenarioimpact", "SUMMARY"): (
        "Optional: one row per aggregate polygon with im_prem_n, im_prem_f, im_prem_c and "
        "im_site_n, im_site_f, im_site_c (in it, failed, cut)."
    ),
    # --- returnperiods
    ("returnperiods", "HAZARD_RASTERS"): (
        "One raster per scenario (e.g. water depth in m, any CRS, read on its own cells), "
        "with the return periods in the same order. Give these or hazard zones, not both."
    ),
    ("returnperiods", "HAZARD"): (
        "Or polygons of several scenarios in one layer (e.g. TRI zones), each zone's scenario "
        "named by the scenario field."
    ),
    ("returnperiods", "SCENARIO_FIELD"): (
        "The zones' field naming their scenario (scenario for TRI: 01For, 02Moy, 03Mcc, "
        "04Fai). Required with hazard zones."
    ),
    ("returnperiods", "VALUE_FIELD"): (
        "Optional intensity field of the zones (e.g. water depth in m); without it every "
        "zone has intensity 1, so every line in a zone fails."
    ),
    ("returnperiods", "RETURN_PERIODS"): (
        "Years: 10;100;1000 for rasters (their order), code=years pairs for zones "
        "(01For=10;02Moy=100). TRI zones default to 10, 100 and 1000 years; 03Mcc needs a "
        "value of its own."
    ),
    ("returnperiods", "FAIL_VALUE"): (
        "A line fails where its highest intensity reaches this value; default 0.5 (m of "
        "water). Not used with fragility curves."
    ),
    ("returnperiods", "FRAGILITY"): (
        "Instead of a fail value, failure probability per km by laying mode, e.g. AERIEN: "
        "20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01 (linear between points, 0 below "
        "the first, * for every other mode)."
    ),
    ("returnperiods", "LAYING_FIELD"): (
        "The lines' laying-mode field the fragility curves are chosen by (gt_laying on "
        "GraceTHD outputs). Required when the curves name modes."
    ),
    ("returnperiods", "LEVELS"): (
        "Intensity thresholds of levels 1–4, default 0.01;0.5;1;2: they give rp_levels, and "
        "level 1 the exposed length of rp_eal_m. Failure is decided by the fail value or the "
        "curves."
    ),
    ("returnperiods", "TAIL"): (
        "Beyond the rarest scenario: nothing (the impact stops there), or its impact held "
        "down to probability 0, which adds p_rarest × its impact to the expected annual "
        "impact."
    ),
    ("returnperiods", "PROTECTION_RP"): (
        "Years; 0 (default): protected up to the most frequent scenario, so more frequent "
        "events do no harm. A shorter return period holds the most frequent impact up to "
        "it; a longer one cuts the curve there."
    ),
    ("returnperiods", "DRAWS"): (
        "Seeded random draws, used where lines that may fail (fragility curves) form loops; "
        "default 500. The log gives the standard error: raise it when that is too large."
    ),
    ("returnperiods", "AGGREGATE"): (
        "Optional polygons (communes) to break SUMMARY down by, besides the whole network."
    ),
    ("returnperiods", "AGGREGATE_FIELD"): "The name field of the aggregate polygons.",
    ("returnperiods", "PREMISES_GROUP_FIELD"): (
        "Or break SUMMARY down by this premises field, e.g. gt_nro (one row per NRO)."
    ),
    ("returnperiods", "OUTPUT_LINES"): (
        "The lines with rp_first (smallest return period at which it fails; NULL if never), "
        "rp_aep (1/rp_first), rp_levels (level per scenario) and rp_eal_m (expected annual "
        "exposed length, m/year)."
    ),
    ("returnperiods", "OUTPUT_PREMISES"): (
        "Optional: the premises with rp_first (smallest return period at which they are cut "
        "off) and rp_aep."
    ),
    ("returnperiods", "OUTPUT_SITES"): "Optional: the sites with rp_first and rp_aep.",
    ("returnperiods", "SUMMARY"): (
        "One row per scenario (rp, aep, prem_cut, sites_cut, length_m) and one expected "
        "annual row, for the whole network and per aggregate."
    ),
    # --- accessroutes
    ("accessroutes", "ROADS"): (
        "Road lines (OSM or BD TOPO troncon_de_route). Roads join at their end points and "
        "shared vertices; times are computed in its CRS when projected."
    ),
    ("accessroutes", "SPEED_FIELD"): (
        "Optional speed field, km/h: a positive value wins; 0, negative, NaN or infinite "
        "excludes the road (with a warning); NULL takes the preset's speed or the default."
    ),
    ("accessroutes", "SPEED_PRESET"): (
        "Reads speeds and bridges from OSM (highway, maxspeed, bridge) or BD TOPO "
        "(vitesse_moyenne_vl, nature, position_par_rapport_au_sol). Roads it says are not "
        "drivable (footways, sentiers…) are excluded and counted; one-way needs the one-way "
        "field."
    ),
    ("accessroutes", "DEFAULT_SPEED"): (
        "km/h where neither the speed field nor the preset gives a speed; default 50."
    ),
    ("accessroutes", "DIRECTION_FIELD"): (
        "Optional one-way field: OSM oneway (yes/1/true; -1/reverse), BD TOPO "
        "sens_de_circulation, or forward/backward/both along the digitised direction. "
        "Without it every road is two-way."
    ),
    ("accessroutes", "DEPOTS"): (
        "The crews' depot points. Depots farther than the maximum distance from a drivable "
        "road are named in a warning."
    ),
    ("accessroutes", "DEPOT_FIELD"): (
        "The depots' name field, written in ac_depot; default the feature id."
    ),
    ("accessroutes", "TARGETS"): (
        "The assets to reach (failed or critical nodes, any geometry), reached at their point "
        "nearest the roads."
    ),
    ("accessroutes", "BLOCKED"): (
        "Optional hazard polygons (e.g. one TRI scenario): a road is impassable only on its "
        "part inside them."
    ),
    ("accessroutes", "BLOCKED_RASTER"): (
        "Optional water-depth raster in metres (band 1, any CRS, read on its own cells): "
        "roads are impassable where it is deeper than the maximum depth. Nodata is dry."
    ),
    ("accessroutes", "MAX_DEPTH"): (
        "Metres, default 0.3: water deeper than this closes a road (a float32 depth of 0.3 "
        "does not)."
    ),
    ("accessroutes", "DEPTH_SPEED_FACTOR"): (
        "Speed multiplier in water shallower than the maximum depth; default 1 (no slowing)."
    ),
    ("accessroutes", "KEEP_BRIDGES"): (
        "Bridges (from the preset or the bridge expression) stay open through the hazard; "
        "default yes. Uncheck it if a bridge itself may be closed."
    ),
    ("accessroutes", "BRIDGE_EXPRESSION"): (
        "Expression on the roads, true for a bridge (e.g. \"bridge\" = 'yes'), when the "
        "preset does not tell them."
    ),
    ("accessroutes", "MAX_SNAP"): (
        "Metres, default 500: a target farther from a drivable road is unreachable (its "
        "distance in ac_snap_m), never moved."
    ),
    ("accessroutes", "SERVICE_MINUTES"): (
        "Optional minutes, e.g. 30;60;120: writes SERVICE_AREAS, the roads reachable from "
        "each depot within each time, normal and under the hazard."
    ),
    ("accessroutes", "OUTPUT"): (
        "The targets with ac_depot, ac_t0_min (normal), ac_t1_min (hazard), ac_delay, "
        "ac_reach (0/1), ac_km and ac_snap_m; NULL where there is no route. For a target "
        "the hazard cuts off, ac_dry_min and ac_dry_m: the time to its dry staging point "
        "(the reachable point of a passable road nearest it) and the straight-line metres "
        "left from there."
    ),
    ("accessroutes", "ROUTES"): "Optional: the hazard route of each reached target.",
    ("accessroutes", "BLOCKED_ROADS"): (
        "Optional: the road pieces made impassable, with ac_len_m."
    ),
    ("accessroutes", "SERVICE_AREAS"): (
        "Optional: the roads reached per depot, condition and time (ac_depot, ac_cond, "
        "ac_minutes, ac_km); needs service minutes."
    ),
    ("accessroutes", "STAGING"): (
        "Optional: the dry staging point of each target the hazard cuts off, with the "
        "target's fields, ac_depot (where the crew leaves from), ac_dry_min and ac_dry_m."
    ),
    # --- scoreassets
    ("scoreassets", "INPUT"): (
        "Any vector layer, or a table: scored on its attributes only (geometry and CRS are "
        "copied as they are)."
    ),
    ("scoreassets", "CRITERIA"): (
        "One criterion per line: a field or expression, then weight=, higher or lower, a "
        "normalisation (minmax, rank, log, thresholds=) and nulls=, e.g. hz_level | "
        "weight=3 | higher | nulls=lowest. The scoring dock writes this text."
    ),
    ("scoreassets", "METHOD"): (
        "Weighted sum (score = 100 × Σ w·r), or weighted product (a geometric mean of the "
        "risks floored at 1 %: one low risk pulls the score down)."
    ),
    ("scoreassets", "CLASSES"): (
        "The classes of sc_class: breaks=20;40;60;80 | labels=… or quantiles=5; empty: "
        "breaks 20/40/60/80 labelled very low to very high in QGIS's language."
    ),
    ("scoreassets", "OUTPUT"): (
        "Every field kept, plus sc_score (0–100), sc_rank (1 = highest risk), sc_class and "
        "one sc_<criterion> per criterion; they add up to the score."
    ),
    # --- powerresilience (graph parameters: GRAPH_HELP; roads and hazard: accessroutes')
    ("powerresilience", "SITES"): (
        "The active sites, points: NROs, POPs and any shelter with active equipment (e.g. "
        "NODES of Read a GraceTHD delivery filtered on gt_role = 'NRO'). Passive cabinets "
        "and boxes need no power and do not belong here."
    ),
    ("powerresilience", "AUTONOMY_FIELD"): (
        "Optional numeric field: hours the site's batteries last. NULL takes the default "
        "autonomy (warned); a negative or infinite value stops the run, naming the feature."
    ),
    ("powerresilience", "DEFAULT_AUTONOMY"): (
        "Battery hours for the sites without an autonomy value. No default: it is the "
        "operator's figure, there is no standard one."
    ),
    ("powerresilience", "GENERATOR_FIELD"): (
        "Optional field: 1 (or yes, oui, true) when the site has a fixed generator, which "
        "adds the fuel hours to its autonomy; NULL counts as none."
    ),
    ("powerresilience", "FUEL_HOURS"): ("Hours a fixed generator runs on its tank; default 24."),
    ("powerresilience", "OUTAGES"): (
        "Optional grid outage polygons (any CRS) with their duration: a site takes the "
        "longest zone holding it, and has no outage outside every zone."
    ),
    ("powerresilience", "OUTAGE_HOURS_FIELD"): ("The outage zones' duration field, in hours."),
    ("powerresilience", "OUTAGE_HOURS"): (
        "Hours of outage: for every site when no outage zones are given, otherwise for the "
        "zones whose duration is NULL (warned)."
    ),
    ("powerresilience", "SUBSTATIONS"): (
        "Optional substation points: a substation takes the outage of the zone it stands "
        "in, and the sites it feeds (feeder field) take the longer of theirs and its own."
    ),
    ("powerresilience", "SUBSTATION_ID_FIELD"): (
        "The substations' id field, matched by the sites' feeder field."
    ),
    ("powerresilience", "FEEDER_FIELD"): (
        "The sites' field naming the substation that feeds them; a name matching no "
        "substation is warned. Also written in the délestage table."
    ),
    ("powerresilience", "SENSITIVE_SITES"): (
        "Optional sensitive sites (town halls, care homes, fire stations), attached to the "
        "nearest network node within the maximum distance, counted in pw_sens and used to "
        "rank the délestage table."
    ),
    ("powerresilience", "GENERATORS"): (
        "How many mobile generators can be sent; default 0. Each goes to one site and stays "
        "until the outage ends. Not used when the generators per depot field is given."
    ),
    ("powerresilience", "GENERATOR_DEPOTS"): (
        "Points where the mobile generators wait. A depot in a blocked zone, or whose road "
        "is impassable where it joins it, is flooded: not used, and named in a warning."
    ),
    ("powerresilience", "GENERATOR_DEPOT_FIELD"): (
        "The depots' name field, written in pw_depot and in the warnings."
    ),
    ("powerresilience", "GENERATOR_COUNT_FIELD"): (
        "Optional numeric field of the depots: how many generators each holds (0 or more, "
        "whole). Given, it replaces the number of mobile generators: each leaves from its "
        "own depot, and a depot sends no more than it holds. NULL, NaN, negative or "
        "fractional counts are refused, naming the depot."
    ),
    ("powerresilience", "SETUP_MINUTES"): (
        "Minutes to connect a generator once on site; default 30."
    ),
    ("powerresilience", "ROAD_MAX_SNAP"): (
        "Metres, default 500: the largest distance from a site or depot to a drivable road; "
        "farther, no generator reaches it."
    ),
    ("powerresilience", "OUTPUT"): (
        "The sites with pw_outage_h, pw_autonomy_h, pw_gen_h, pw_dark_h (hours without "
        "power), pw_prem (premises depending on the site), pw_prem_h, pw_sens and pw_depot."
    ),
    ("powerresilience", "PRIORITY"): (
        "The délestage table: the sites ranked by premises, then sensitive sites, then dark "
        "hours, with their feeder: the list for the grid operator and the préfecture."
    ),
    # --- restoration (graph parameters: GRAPH_HELP)
    ("restoration", "FAILED_EXPRESSION"): (
        "Expression on the network: true for a failed line, one repair job each. Default "
        '"im_failed" = 1, for the OUTPUT_LINES of Scenario impact given as the network.'
    ),
    ("restoration", "NETWORK_ID_FIELD"): (
        "The network's line id field (e.g. gt_code), matched by the access layer's id field."
    ),
    ("restoration", "ACCESS"): (
        "Optional: the OUTPUT of Crew access routes run on the failed lines (ac_depot, "
        "ac_t0_min, ac_t1_min, ac_reach): each repair is done from its depot, ac_t1_min "
        "away; an unreachable line waits for the water to recede, then travels ac_t0_min."
    ),
    ("restoration", "ACCESS_ID_FIELD"): (
        "The access layer's field holding the failed line's id (the same values as the "
        "network's line id field); an id on two rows is refused."
    ),
    ("restoration", "DEFAULT_TRAVEL_MINUTES"): (
        "Minutes from the depot to a failed line or node without an access row (every one "
        "when its access layer is not given); these jobs share one pool of crews. No default."
    ),
    ("restoration", "REPAIR_FIELD"): (
        "The network field whose value picks the repair time in the table: the laying mode "
        "(gt_laying: AERIEN, SOUTERRAIN…) or an asset type."
    ),
    ("restoration", "REPAIR_HOURS"): (
        "Hours to repair a line, per class of the repair field (case ignored). The "
        "operator's figures: there is no default table. A negative or NaN value is refused."
    ),
    ("restoration", "DEFAULT_REPAIR_HOURS"): (
        "Hours for a line or node whose class is NULL or not in the table (warned), or for "
        "every one without a table or a class field. No default."
    ),
    ("restoration", "CREWS"): (
        "Crews working at once at each depot; default 1, at least 1. A crew repairs one line "
        "or node at a time."
    ),
    ("restoration", "RECESSION_HOURS"): (
        "Hours after which the water has gone: lines in the water cannot be worked on "
        "before, and lines no road reaches under the hazard are reached after it at the "
        "normal travel time. Without it those lines are never repaired (warned)."
    ),
    ("restoration", "IN_WATER_EXPRESSION"): (
        'Optional expression on the network, e.g. "hz_level" > 0: true for a line that '
        "cannot be worked on before the water recedes."
    ),
    ("restoration", "FAILED_NODES"): (
        "Optional failed points (flooded cabinets, a burnt NRO: e.g. the OUTPUT_SITES of "
        "Scenario impact): each one fails the node its failed node-id field names, or its "
        "nearest node within the maximum distance, and is one repair job; while it is not "
        "repaired, every line at the node is cut and its premises are out (damage)."
    ),
    ("restoration", "FAILED_NODE_EXPRESSION"): (
        'Optional expression on the failed nodes, e.g. "im_failed" = 1: only the points for '
        "which it is true fail. Empty: every point fails."
    ),
    ("restoration", "FAILED_NODE_FIELD"): (
        "Optional: the failed points' field naming their network node (e.g. nd_code; needs "
        "the from/to-node fields). Without it, each point attaches to the nearest node "
        "within the maximum distance; a point on no node is ignored, with a warning."
    ),
    ("restoration", "NODE_ID_FIELD"): (
        "The failed points' id field (e.g. gt_code), found on both the failed nodes and "
        "their access layer, which keeps the fields of its targets."
    ),
    ("restoration", "NODE_ACCESS"): (
        "Optional: the OUTPUT of Crew access routes run on the failed nodes, joined to them "
        "by the failed node id field. A node without a row takes the default travel."
    ),
    ("restoration", "NODE_REPAIR_FIELD"): (
        "Optional field of the failed nodes whose value picks the repair time in the table "
        "(e.g. the node type: NRO, SRO, PBO). Without it, or for a class not in the table, "
        "the default repair hours."
    ),
    ("restoration", "OUTPUT_NODES"): (
        "Optional: the failed nodes' points with the same rs_ fields as the failed lines."
    ),
    ("restoration", "POWER"): (
        "Optional: the OUTPUT of Power resilience. Each site is dark from pw_autonomy_h to "
        "the earlier of pw_outage_h and pw_gen_h; the premises behind it are out meanwhile."
    ),
    ("restoration", "SITE_NODE_FIELD"): (
        "Optional: the power sites' field naming their network node (e.g. nd_code; needs "
        "the from/to-node fields). Without it, each site attaches to the nearest node "
        "within the maximum distance."
    ),
    ("restoration", "HORIZON"): (
        "Optional last hour of the table. Default: the first whole hour by which every "
        "repairable line and node is repaired and every site has power again."
    ),
    ("restoration", "OUTPUT"): (
        "The failed lines with rs_depot, rs_crew, rs_rank (order in the depot's list), "
        "rs_prem (premises depending on the line), rs_travel_h, rs_repair_h, rs_start_h and "
        "rs_done_h (NULL when never repaired)."
    ),
    ("restoration", "RESTORATION"): (
        "The restoration curve, one row per hour: rs_hour, rs_out (premises out), rs_power "
        "(out because of power only) and rs_damage (out because of unrepaired damage)."
    ),
    # --- mitigationplan (graph parameters: GRAPH_HELP)
    ("mitigationplan", "SITES"): (
        "The sites to loop, points: NROs and cabinets (SRO) for the collecte and transport "
        "tiers (e.g. NODES of Read a GraceTHD delivery filtered on gt_role IN ('NRO', "
        "'SRO')). Each site cut by a single line, node or shared-risk group gets a loop; "
        "segments get theirs without being listed here (MAX_SEGMENT_LOOPS)."
    ),
    ("mitigationplan", "SITE_NAME_FIELD"): (
        "Optional field naming the sites in mp_target and in the messages (e.g. gt_code); "
        "default: site and the feature id."
    ),
    ("mitigationplan", "LINE_NAME_FIELD"): (
        "Optional field naming the network lines in mp_target for burials (e.g. gt_code); "
        "default: line and the feature id."
    ),
    ("mitigationplan", "ROADS"): (
        "Optional road lines (any CRS) where a new trench can run: every road counts, in "
        "both directions, whatever its class. Without roads no loop is searched."
    ),
    ("mitigationplan", "CIVIL_WORKS"): (
        "Optional existing civil works a new cable can be pulled through (e.g. ROUTES of "
        "Read a GraceTHD delivery, or a duct layer), at the duct_m cost; their ends within "
        "the snapping tolerance share a node and join the nearest road node within the "
        "maximum snapping distance by a new trench. Needs ROADS."
    ),
    ("mitigationplan", "COSTS"): (
        "Euros per item, one row each: trench_m (a new trench, per metre), duct_m (a "
        "cable pulled in an existing duct, per metre), bury_m (burying an aerial span, per "
        "metre). The defaults (100, 10, 120) are placeholders: replace them with your own "
        "prices. autonomy_site (default 15000, a placeholder too) is the price of enough "
        "batteries or fuel that one active site stays lit through the outage: needed only "
        "with POWER. aerial_m (default 20, a placeholder) is a cable hung on existing poles, "
        "per metre: needed only with CIVIL_AERIAL_EXPRESSION. A missing, negative or unknown "
        "item stops the run. No table at all: the defaults, with a warning."
    ),
    ("mitigationplan", "CIVIL_AERIAL_EXPRESSION"): (
        "Optional expression on CIVIL_WORKS selecting the routes on poles (e.g. "
        "\"gt_laying\" = 'AERIEN' on the GraceTHD reader's ROUTES): a loop along them costs "
        "COSTS aerial_m per metre instead of duct_m. Empty: every civil-works line is a duct."
    ),
    ("mitigationplan", "BUDGET"): (
        "Euros available. The plan is the set of actions within it that secures the most "
        "premises; a loop dearer than the budget is not searched. A budget below every "
        "action gives an empty plan, with a warning."
    ),
    ("mitigationplan", "MIN_SEPARATION"): (
        "Metres, default 100: the least distance between a new loop and the lines it "
        "bypasses (and the other lines of their shared-risk groups), so that one trench, "
        "flood or bridge cannot cut both."
    ),
    ("mitigationplan", "END_DISTANCE"): (
        "Metres, default 250, larger than the minimum separation: within this distance of "
        "the site and of the bypassed lines' ends a loop may come closer, since it has to "
        "join them there."
    ),
    ("mitigationplan", "BURY_EXPRESSION"): (
        "Optional expression on the network selecting the spans to bury, e.g. "
        '"hz_failed" = 1 AND "gt_laying" = \'AERIEN\' on Hazard exposure\'s output. Each '
        "selected line whose failure cuts premises is a candidate."
    ),
    ("mitigationplan", "CANDIDATES"): (
        "Optional lines: the operator's own projects. One running along network lines "
        "hardens them; one whose ends lie on two network nodes adds a link. A line doing "
        "neither is refused, naming it."
    ),
    ("mitigationplan", "CANDIDATE_COST_FIELD"): (
        "The candidates' cost field (EUR); required with CANDIDATES. NULL, negative or "
        "infinite stops the run, naming the candidate."
    ),
    ("mitigationplan", "CANDIDATE_NAME_FIELD"): (
        "Optional field naming the candidates in mp_target; default: candidate and the "
        "feature id."
    ),
    ("mitigationplan", "RETURN_PERIODS"): (
        "Optional: Return periods' OUTPUT_LINES run on the same network. Its rp_aep (the "
        "chance a line fails in a year) gives mp_eai, the expected premises cut per year each "
        "action avoids. Lines are matched by place; a network line with no match counts as "
        "never failing (warned)."
    ),
    ("mitigationplan", "POWER"): (
        "Optional: Power resilience's OUTPUT (active sites with pw_dark_h and pw_prem_h). "
        "Each site left dark gets an autonomy action costing COSTS autonomy_site: it secures "
        "the premises behind the site (pw_prem) against the grid outage and avoids pw_prem_h "
        "premise-hours (mp_prem_h). A site off the network is left out (warned); a missing "
        "field or a negative value stops the run."
    ),
    ("mitigationplan", "TIER_FIELD"): (
        "Optional field of the network lines giving their tier, as for Redundancy gaps: "
        "collecte, transport, distribution or a GraceTHD cable class (CO, BM, LH, TR, DI, "
        "RA); empty: gt_class when the layer has it; otherwise the topology decides. The "
        "segments are searched for a loop collecte first, then transport, then distribution, "
        "and each action's mp_tier says the tier of what it secures."
    ),
    ("mitigationplan", "ROLE_FIELD"): (
        "Optional field of the sites giving their role (NRO, SRO or PM), for the tiers; "
        "empty: gt_role when the sites have it. Without any NRO site, the roots are the NROs."
    ),
    ("mitigationplan", "MAX_SEGMENT_LOOPS"): (
        "The most segments (runs of lines whose loss cuts the same premises, and shared-risk "
        "groups that defeat a redundancy) searched for a loop, default 2000; 0: none. They "
        "are taken collecte first, then transport, then distribution, each tier by the "
        "premises the segment's loss cuts, most first; those left out are counted in a "
        "warning. Every SITES point is searched whatever this limit."
    ),
    ("mitigationplan", "TIME_LIMIT"): (
        "Seconds, default 60, for the exact search (scipy milp). When it runs out, or when "
        "more than 100,000 candidates are within the budget, the greedy plan is used and "
        "its distance to the best possible is reported."
    ),
    ("mitigationplan", "ACTIONS"): (
        "Every candidate action as a line (an autonomy action: a ring around its site), "
        "ranked, with mp_kind, mp_target, mp_cost, mp_prem, mp_eur_prem, mp_eai (with "
        "RETURN_PERIODS), mp_prem_h (autonomy), mp_owner, mp_chosen (1 in the plan) and "
        "mp_tier (collecte, transport or distribution: the tier of what the action secures)."
    ),
    ("mitigationplan", "ACTION_SITES"): (
        "The actions at a site (more autonomy at a site left dark by POWER) as the site's "
        "point, with the same fields and ranks as in ACTIONS, where they are drawn as rings."
    ),
    ("mitigationplan", "PLAN"): (
        "The chosen actions in order, with the cumulative cost and premises secured "
        "(mp_cum_cost, mp_cum_prem) and the tier of what each one secures (mp_tier): the "
        "cost-benefit curve."
    ),
    # --- resiliencereport
    ("resiliencereport", "PREMISES"): (
        "Premises points with hz_* (exposure), rd_spof (Redundancy gaps' OUTPUT_PREMISES) "
        "and im_* (Scenario impact): the key figures and the NRO and commune breakdowns."
    ),
    ("resiliencereport", "PREMISES_COUNT"): (
        'Expression giving the premises of each point, e.g. "gt_prem"; empty: 1.'
    ),
    ("resiliencereport", "NRO_FIELD"): (
        "The premises' field naming their NRO, for the breakdown by NRO; default gt_nro."
    ),
    ("resiliencereport", "SITES"): (
        "Sites with rd_divers (Redundancy gaps' OUTPUT_SITES): sites by diversity class."
    ),
    ("resiliencereport", "ROUTES"): (
        "Routes with hz_* and sc_* (exposure, then Score assets): exposed length by level "
        "and the ranked list."
    ),
    ("resiliencereport", "ROUTE_ID_FIELD"): (
        "The routes' identifier shown in the ranked list; default gt_code."
    ),
    ("resiliencereport", "NODES"): "Nodes with hz_level: nodes exposed and failed.",
    ("resiliencereport", "TARGETS"): (
        "Crew access Targets with ac_reach and ac_delay: unreachable assets, mean and worst "
        "delay."
    ),
    ("resiliencereport", "SENSITIVE_SITES"): (
        "Scenario impact's OUTPUT_SITES run on the sensitive sites (im_failed, im_cut): the "
        "town halls, care homes… that lose service."
    ),
    ("resiliencereport", "SENSITIVE_NAME_FIELD"): (
        "The sensitive sites' name field shown in the report; default name."
    ),
    ("resiliencereport", "BLOCKED_ROADS"): "Crew access's blocked road pieces, for the map.",
    ("resiliencereport", "CREW_ROUTES"): "Crew access's hazard routes, for the map.",
    ("resiliencereport", "ROADS"): "The roads, drawn on the crew access map.",
    ("resiliencereport", "DEPOTS"): "The depots drawn on the crew access map.",
    ("resiliencereport", "HAZARD"): "The hazard zones drawn on the maps.",
    ("resiliencereport", "COMMUNES"): (
        "Commune polygons: the breakdown by commune counts the premises inside each."
    ),
    ("resiliencereport", "COMMUNE_FIELD"): "The communes' name field.",
    ("resiliencereport", "HAZARD_RASTER"): (
        "The hazard raster of the run, listed in the provenance."
    ),
    ("resiliencereport", "RETURN_PERIOD_SUMMARY"): (
        "returnperiods' SUMMARY (a GeoPackage table or CSV): adds the section on return "
        "periods, with the loss-exceedance chart and the expected annual figures."
    ),
    ("resiliencereport", "RETURN_PERIOD_LINES"): (
        "returnperiods' OUTPUT_LINES (rp_first): the map of the return period at which each "
        "line first fails."
    ),
    ("resiliencereport", "RETURN_PERIOD_PREMISES"): (
        "returnperiods' OUTPUT_PREMISES (rp_first), counted with PREMISES_COUNT and grouped "
        "by NRO_FIELD: the expected annual premises cut by NRO and by commune where the "
        "summary does not give them."
    ),
    ("resiliencereport", "RESTORATION"): (
        "The restoration table (rs_hour, rs_out, rs_power, rs_damage; a GeoPackage table or "
        "CSV): the restoration curve, premise-hours lost and hours until 90 % is back."
    ),
    ("resiliencereport", "POWER_SITES"): (
        "powerresilience's OUTPUT (pw_dark_h, pw_prem): the map of the sites by hours "
        "without power and the load-shedding (délestage) list of the TOP sites."
    ),
    ("resiliencereport", "POWER_SITE_NAME_FIELD"): (
        "The active sites' name field in the délestage list; default gt_code (else the "
        "feature id)."
    ),
    ("resiliencereport", "ACTIONS"): (
        "mitigationplan's ACTIONS (mp_* fields; lines and points): the ranked actions and "
        "the map of proposed routes and sites, those of the plan highlighted."
    ),
    ("resiliencereport", "PLAN"): (
        "mitigationplan's PLAN table (mp_cum_cost, mp_cum_prem): the cumulative table and "
        "the cost-benefit curve."
    ),
    ("resiliencereport", "BUDGET"): (
        "The budget of the action plan in EUR, drawn on the cost-benefit curve; optional."
    ),
    ("resiliencereport", "TIERS"): (
        "Redundancy gaps' OUTPUT_TIERS: per NRO, the most premises one failure cuts in the "
        "collecte, in transport and in distribution. Given, these figures replace the "
        "premises behind a single point of failure in the key figures and by NRO."
    ),
    ("resiliencereport", "TITLE"): "The report's title; default Resilience plan.",
    ("resiliencereport", "TOP"): (
        "How many top-ranked routes the ranked list shows, and how many sites and actions the "
        "délestage and action lists show; default 50."
    ),
    ("resiliencereport", "RUN_PARAMETERS"): (
        "The parameters of the run, as key=value lines or a JSON object, copied into the "
        "provenance (the resilienceplan model fills it). Passwords are removed."
    ),
    ("resiliencereport", "OUTPUT_HTML"): (
        "One self-contained HTML page (styles inline, maps embedded), .html or .htm."
    ),
    ("resiliencereport", "OUTPUT_PDF"): (
        "Optional PDF made through a QGIS print layout (A4, page n / N)."
    ),
    ("resiliencereport", "OUTPUT_TABLES"): (
        "Optional workbook, .xlsx or .ods, one sheet per table with numbers as numbers."
    ),
}


# The shipped models' inputs, in the order of the study: (model, input) -> description, and
# -> help. scripts/build_model.py writes them (English) and this order into the .model3 files;
# the provider translates them when it loads a model.
MODEL_DESCRIPTIONS = {
    ("resilienceplan", "delivery"): "GraceTHD delivery (folder, zip, GeoPackage or PostGIS schema)",
    ("resilienceplan", "hazard"): "Hazard zones",
    ("resilienceplan", "hazard_field"): "Hazard field (zone value turned into a level)",
    ("resilienceplan", "preset"): "Preset: how zone values become levels",
    ("resilienceplan", "hazard_raster"): "Hazard raster (e.g. water depth)",
    ("resilienceplan", "raster_thresholds"): "Raster values from which levels 1, 2, 3, 4 start",
    ("resilienceplan", "fail_level"): "Level from which an asset fails",
    ("resilienceplan", "roads"): "Roads",
    ("resilienceplan", "depots"): "Depots",
    ("resilienceplan", "depot_field"): "Depot name field",
    ("resilienceplan", "keep_bridges"): "Bridges stay open over the hazard",
    ("resilienceplan", "communes"): "Communes (impact summary by area)",
    ("resilienceplan", "commune_field"): "Commune name field",
    ("resilienceplan", "sensitive_sites"): "Sensitive sites (town halls, care homes…)",
    ("resilienceplan", "sensitive_name_field"): "Sensitive site name field",
    ("resilienceplan", "criteria"): "Scoring criteria of the routes",
    ("resilienceplan", "title"): "Report title",
    (
        "resilienceplan_rp",
        "delivery",
    ): "GraceTHD delivery (folder, zip, GeoPackage or PostGIS schema)",
    ("resilienceplan_rp", "hazard"): "Hazard zones of several scenarios (e.g. TRI)",
    ("resilienceplan_rp", "scenario_field"): "Scenario field of the zones",
    (
        "resilienceplan_rp",
        "hazard_rasters",
    ): "Or hazard rasters, one per return period (e.g. water depth)",
    ("resilienceplan_rp", "return_periods"): (
        "Return periods (years): empty for TRI zones, 10;100;1000 for rasters, or "
        "code=years pairs"
    ),
    ("resilienceplan_rp", "fail_value"): "A cable fails from this intensity (e.g. m of water)",
    (
        "resilienceplan_rp",
        "fragility",
    ): "Fragility curves per laying mode (optional, instead of the failure value)",
    ("resilienceplan_rp", "tail"): "Beyond the rarest scenario",
    ("resilienceplan_rp", "communes"): "Communes (expected annual impact by area)",
    ("resilienceplan_rp", "commune_field"): "Commune name field",
    ("resilienceplan_rp", "title"): "Report title",
}
MODEL_HELP = {
    ("resilienceplan", "delivery"): (
        "The operator's GraceTHD delivery, version 2 or 3: a folder of shapefiles and "
        "CSV, a zip, a GeoPackage, or a PostGIS schema given as a connection URI."
    ),
    ("resilienceplan", "hazard"): (
        "Hazard polygons (e.g. a TRI map with its scenario field, a PPR, clay or "
        "groundwater zones). Give zones, a raster, or both."
    ),
    ("resilienceplan", "hazard_field"): (
        "The zones' field whose values the preset turns into levels 1-4 (for TRI maps: "
        "scenario, 01For to 04Fai). Empty: every zone is level 1."
    ),
    ("resilienceplan", "preset"): (
        "TRI scenario by default: 01For (frequent) is level 4, 04Fai (extreme) level 1. "
        "Choose the preset that matches the hazard field's codes."
    ),
    ("resilienceplan", "hazard_raster"): (
        "Optional raster of intensities (e.g. water depth in m, any CRS), read on its "
        "own cells; with zones too, the higher level wins."
    ),
    ("resilienceplan", "raster_thresholds"): (
        "Four increasing values, separated by ;. Default 0.01;0.5;1;2: wet, 0.5 m, 1 m "
        "and 2 m of water."
    ),
    ("resilienceplan", "fail_level"): (
        "Routes, nodes and premises at this level or above count as failed; the impact, "
        "crew access and report follow from them. Default 3."
    ),
    ("resilienceplan", "roads"): (
        "Road lines the repair crews drive on (OSM or BD TOPO); the hazard blocks the "
        "flooded roads."
    ),
    (
        "resilienceplan",
        "depots",
    ): "Points where the repair crews start (a depot in the water is not used).",
    (
        "resilienceplan",
        "depot_field",
    ): "The depots' name field, written beside each target reached.",
    ("resilienceplan", "keep_bridges"): (
        "Roads marked as bridges (OSM bridge, BD TOPO position) stay passable over "
        "flooded ground. Default yes."
    ),
    ("resilienceplan", "communes"): (
        "Optional commune polygons: the report breaks the premises cut off down by " "commune."
    ),
    ("resilienceplan", "commune_field"): "The communes' name field shown in the report.",
    ("resilienceplan", "sensitive_sites"): (
        "Optional points whose service the study follows one by one; the report lists "
        "those that lose it."
    ),
    (
        "resilienceplan",
        "sensitive_name_field",
    ): "The sensitive sites' name field shown in the report.",
    ("resilienceplan", "criteria"): (
        "One criterion per line, as the Asset scoring dock writes them: field | weight "
        "| higher or lower | normalisation. The report ranks the routes by this score."
    ),
    ("resilienceplan", "title"): "The title on the report's first page.",
    ("resilienceplan_rp", "delivery"): (
        "The operator's GraceTHD delivery, version 2 or 3: a folder of shapefiles and "
        "CSV, a zip, a GeoPackage, or a PostGIS schema given as a connection URI."
    ),
    ("resilienceplan_rp", "hazard"): (
        "Polygons of several scenarios in one layer, told apart by the scenario field "
        "(TRI: 01For, 02Moy, 04Fai). Give zones or rasters."
    ),
    (
        "resilienceplan_rp",
        "scenario_field",
    ): "The zones' field naming their scenario; each scenario needs a return period.",
    (
        "resilienceplan_rp",
        "hazard_rasters",
    ): "One raster per scenario (any CRS), in the order of the return periods.",
    ("resilienceplan_rp", "return_periods"): (
        "Empty with TRI zones: 01For = 10, 02Moy = 100, 04Fai = 1000 years. With "
        "rasters, one number per raster in the same order; with other zones, code=years "
        "pairs."
    ),
    ("resilienceplan_rp", "fail_value"): (
        "A cable whose deepest point reaches this value fails in that scenario. Default " "0.5."
    ),
    ("resilienceplan_rp", "fragility"): (
        "For instance AERIEN: 20=0; 40=0.2 | SOUTERRAIN: 1=0.01: failure probability "
        "per km by intensity, per laying mode (gt_laying); a threshold curve gives back "
        "the failure value."
    ),
    ("resilienceplan_rp", "tail"): (
        "None: nothing counted beyond the rarest scenario; constant: its impact held "
        "down to an annual probability of 0."
    ),
    ("resilienceplan_rp", "communes"): (
        "Optional commune polygons: the report gives the expected annual premises cut "
        "by commune."
    ),
    ("resilienceplan_rp", "commune_field"): "The communes' name field shown in the report.",
    ("resilienceplan_rp", "title"): "The title on the report's first page.",
}


def model_input_texts(model_name: str, key: str):
    """(description, help) of a shipped model's input in the user's language, or None."""
    if (model_name, key) not in MODEL_DESCRIPTIONS:
        return None
    return tr(MODEL_DESCRIPTIONS[(model_name, key)]), tr(MODEL_HELP[(model_name, key)])


def parameter_help(algorithm_id: str, key: str) -> str:
    """The help of parameter ``key`` of algorithm ``algorithm_id``, in the user's language;
    empty when it has none."""
    if (algorithm_id, key) in HELP:
        return tr(HELP[(algorithm_id, key)])
    if algorithm_id in GRAPH_ALGORITHMS and key in GRAPH_HELP:
        return tr(GRAPH_HELP[key])
    if algorithm_id in ROAD_ALGORITHMS and key in ROAD_KEYS:
        return tr(HELP[("accessroutes", key)])
    return ""


def apply_help(algorithm_id: str, definition) -> None:
    """Give ``definition`` its help unless its algorithm gave one already."""
    if not definition.help():
        text = parameter_help(algorithm_id, definition.name())
        if text:
            definition.setHelp(text)


def guide_url(algorithm_id: str) -> str:
    """The file:// URL of the algorithm's section in the user guide shipped with the plugin,
    in the user's language (French when QGIS runs in French, else English)."""
    language = "fr" if user_language() == "fr" else "en"
    page = GUIDE_DIR / f"guide.{language}.html"
    if not page.exists():
        return ""
    return f"{page.as_uri()}#{algorithm_id}"
