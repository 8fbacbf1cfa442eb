<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FibreResilience</name>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source> ({n} more)</source>
        <translation> ({n} de plus)</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <location filename="../adapters/restoration.py"/>
        <source> and {n} more</source>
        <translation> et {n} de plus</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source> or </source>
        <translation> ou </translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>(no single NRO)</source>
        <translation>(aucun NRO unique)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A cable fails from this intensity (e.g. m of water)</source>
        <translation>Un câble tombe en panne à partir de cette intensité (par ex. m d'eau)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A cable whose deepest point reaches this value fails in that scenario. Default 0.5.</source>
        <translation>Un câble dont le point le plus profond atteint cette valeur tombe en panne dans ce scénario. 0,5 par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A field of the assets (e.g. gt_nro) to break SUMMARY down by its values, NULL last; with AGGREGATE too, by (polygon, value) pairs. band_m then gives, per value, the length lying at each level.</source>
        <translation>Un champ des ouvrages (par ex. gt_nro) pour détailler SUMMARY par ses valeurs, NULL en dernier ; avec AGGREGATE aussi, par couples (polygone, valeur). band_m donne alors, par valeur, la longueur située à chaque niveau.</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>A layer has no CRS: lengths and distances cannot be computed.</source>
        <translation>Une couche n’a pas de SCR : les longueurs et distances ne peuvent pas être calculées.</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>A line fails from this intensity (e.g. m of water)</source>
        <translation>Une ligne tombe à partir de cette intensité (par ex. m d'eau)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A line fails where its highest intensity reaches this value; default 0.5 (m of water). Not used with fragility curves.</source>
        <translation>Une ligne tombe là où son intensité la plus forte atteint cette valeur ; 0,5 par défaut (m d'eau). Inutilisé avec des courbes de fragilité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A raster of water depth or any intensity, in any CRS (it must have one). It is read on its own cells, only under the assets; nodata is dry, and a raster that misses every asset exposes nothing, with a warning.</source>
        <translation>Un raster de hauteur d'eau ou de toute intensité, dans n'importe quel SCR (il doit en avoir un). Il est lu sur ses propres cellules, seulement sous les ouvrages ; nodata est sec, et un raster qui ne couvre aucun ouvrage n'expose rien, avec un avertissement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>A table of every table read and every anomaly (gt_sev, gt_table, gt_code, gt_anomaly, gt_detail). Anomalies never stop the read: read this table before trusting the figures.</source>
        <translation>Une table de chaque table lue et de chaque anomalie (gt_sev, gt_table, gt_code, gt_anomaly, gt_detail). Les anomalies n'arrêtent jamais la lecture : lisez cette table avant de vous fier aux chiffres.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>ACCESS needs ACCESS_ID_FIELD (on ACCESS) and NETWORK_ID_FIELD (on NETWORK): the ids that join each failed line to its crew access row.</source>
        <translation>ACCESS demande ACCESS_ID_FIELD (sur ACCESS) et NETWORK_ID_FIELD (sur NETWORK) : les identifiants qui relient chaque ligne défaillante à sa ligne d'accès des équipes.</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Access delay</source>
        <translation>Délai d'accès</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <location filename="../processing_provider/provider.py"/>
        <location filename="../report/plan_section.py"/>
        <source>Action plan</source>
        <translation>Plan d'actions</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Action plan figures</source>
        <translation>Chiffres du plan d'actions</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <location filename="../report/plan_section.py"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Actions at sites (points)</source>
        <translation>Actions sur les sites (points)</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Actions in the plan</source>
        <translation>Actions du plan</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Actions of the mitigation plan (mp_*)</source>
        <translation>Actions du plan de réduction des risques (mp_*)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Active site name</source>
        <translation>Nom du site actif</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Active sites</source>
        <translation>Sites actifs</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Active sites (NRO, shelters with active equipment)</source>
        <translation>Sites actifs (NRO, shelters avec équipements actifs)</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Active sites that lose power</source>
        <translation>Sites actifs privés d'énergie</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Active sites with power figures (output of Power resilience)</source>
        <translation>Sites actifs avec leurs chiffres d'énergie (sortie de Résilience énergétique)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Active sites without power (pw_dark_h, pw_prem)</source>
        <translation>Sites actifs privés d'énergie (pw_dark_h, pw_prem)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Add a criterion: a field or an expression with a weight.</source>
        <translation>Ajoutez un critère : un champ ou une expression, avec un poids.</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Aerial length</source>
        <translation>Longueur aérienne</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Aggregate name field</source>
        <translation>Champ du nom de la zone de synthèse</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Annual exceedance probability</source>
        <translation>Probabilité annuelle de dépassement</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Anomalies (warnings and errors)</source>
        <translation>Anomalies (avertissements et erreurs)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Any vector layer of assets: points (nodes, premises), lines (routes, cables) or polygons, multipart included. Lengths and areas are in metres, in its CRS when projected, else in Lambert-93 or the local UTM zone.</source>
        <translation>Toute couche vecteur d'ouvrages : points (nœuds, locaux), lignes (cheminements, câbles) ou polygones, multiparties comprises. Longueurs et surfaces sont en mètres, dans son SCR s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Any vector layer, or a table: scored on its attributes only (geometry and CRS are copied as they are).</source>
        <translation>Toute couche vecteur, ou une table : notée sur ses seuls attributs (géométrie et SCR sont recopiés tels quels).</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Area of the summary</source>
        <translation>Zone du bilan</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Asset scores</source>
        <translation>Scores de criticité des ouvrages</translation>
    </message>
    <message>
        <location filename="../plugin.py"/>
        <source>Asset scoring</source>
        <translation>Criticité des ouvrages</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Assets</source>
        <translation>Ouvrages</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Assets by level: {}.</source>
        <translation>Ouvrages par niveau d'aléa : {}.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Assets in the ranked list</source>
        <translation>Ouvrages dans le classement</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Assets ranked for action</source>
        <translation>Ouvrages classés par priorité d'action</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Assets to score</source>
        <translation>Ouvrages à noter</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Auto (from the field name and values)</source>
        <translation>Automatique (d'après le nom et les valeurs du champ)</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>BD TOPO troncon_de_route</source>
        <translation>BD TOPO troncon_de_route</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>BUDGET ({budget:,.0f} EUR) is below the cheapest action ({cheapest:,.0f} EUR): the plan is empty.</source>
        <translation>BUDGET ({budget:,.0f} EUR) est inférieur à l'action la moins chère ({cheapest:,.0f} EUR) : le plan est vide.</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Battery autonomy field (h)</source>
        <translation>Champ d'autonomie des batteries (h)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Battery hours for the sites without an autonomy value. No default: it is the operator's figure, there is no standard one.</source>
        <translation>Heures de batterie des sites sans valeur d'autonomie. Pas de valeur par défaut : c'est le chiffre de l'exploitant, il n'existe pas de valeur normalisée.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Behind a single point of failure</source>
        <translation>Derrière un point unique de défaillance</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Best</source>
        <translation>Meilleur</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <location filename="../processing_provider/help.py"/>
        <source>Beyond the rarest scenario</source>
        <translation>Au-delà du scénario le plus rare</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Beyond the rarest scenario: nothing (the impact stops there), or its impact held down to probability 0, which adds p_rarest × its impact to the expected annual impact.</source>
        <translation>Au-delà du scénario le plus rare : rien (l'impact s'arrête là), ou son impact maintenu jusqu'à la probabilité 0, ce qui ajoute p_plus_rare × son impact à l'impact annuel moyen.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Blocked areas (polygons)</source>
        <translation>Zones infranchissables (polygones)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Blocked road pieces</source>
        <translation>Tronçons de route coupés</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Blocked roads</source>
        <translation>Routes coupées</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Break the summary down by these polygons</source>
        <translation>Détailler la synthèse par ces polygones</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Bridge expression (on roads)</source>
        <translation>Expression des ponts (sur les routes)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Bridges (from the preset or the bridge expression) stay open through the hazard; default yes. Uncheck it if a bridge itself may be closed.</source>
        <translation>Les ponts (du référentiel routier ou de l'expression de pont) restent ouverts pendant l'aléa ; oui par défaut. Décochez si un pont peut lui-même être fermé.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Bridges stay open</source>
        <translation>Les ponts restent praticables</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Bridges stay open over the hazard</source>
        <translation>Les ponts restent ouverts au-dessus de l'aléa</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <location filename="../report/plan_section.py"/>
        <source>Budget (EUR)</source>
        <translation>Budget (EUR)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Budget of the action plan (EUR)</source>
        <translation>Budget du plan d'actions (EUR)</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Builds the network graph the way Redundancy gaps and Scenario impact do, and reports what would make their results wrong. Run it first.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it.

OUTPUT_NODES: one point per node with tp_node (node id, or its number when nodes come from snapping), tp_degree (line ends at the node), tp_comp (connected part number) and tp_rooted (1 when its part holds a root). OUTPUT_DEFECTS: one point per problem with tp_defect, tp_detail, tp_layer (network, roots, premises, sites, nodes) and tp_fid (feature id in that layer; node number for nodes). tp_defect is one of: unplaced (a line whose ends cannot be placed: NULL node id or no geometry), not_chain (multipart line whose parts are not one chain: its outer ends are used), near_miss (a dangling end within 10 x TOLERANCE of a line it is not joined to), duplicate (same ends and shape as another line), zero_length, self_loop, no_root (a connected part with no root), beyond_snap (a point farther than MAX_SNAP from every node), unknown_node, no_geometry (a line placed only by its node ids, or a point with neither geometry nor node id), null_node_id (a point whose node-id field is NULL: attached by position), bad_count, duplicate_node_id. NODE_COUNT, COMPONENT_COUNT, UNROOTED_COUNT (parts with no root) and DEFECT_COUNT are outputs.</source>
        <translation>Construit le graphe du réseau comme le font Défauts de redondance et Impact d'un scénario, et signale ce qui fausserait leurs résultats. À lancer en premier.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées.

OUTPUT_NODES : un point par nœud avec tp_node (identifiant du nœud, ou son numéro quand les nœuds viennent de l'accrochage), tp_degree (extrémités de lignes au nœud), tp_comp (numéro de composante connexe) et tp_rooted (1 quand sa composante contient une racine). OUTPUT_DEFECTS : un point par problème avec tp_defect, tp_detail, tp_layer (network, roots, premises, sites, nodes) et tp_fid (identifiant d'entité dans cette couche ; numéro de nœud pour les nœuds). tp_defect vaut l'un de : unplaced (ligne dont les extrémités ne peuvent pas être placées : identifiant de nœud NULL ou pas de géométrie), not_chain (ligne multipartie dont les parties ne forment pas une seule chaîne : ses extrémités extérieures sont utilisées), near_miss (extrémité pendante à moins de 10 x TOLERANCE d'une ligne à laquelle elle n'est pas raccordée), duplicate (mêmes extrémités et même forme qu'une autre ligne), zero_length, self_loop, no_root (composante connexe sans racine), beyond_snap (point à plus de MAX_SNAP de tout nœud), unknown_node, no_geometry (une ligne placée seulement par ses identifiants de nœud, ou un point sans géométrie ni identifiant de nœud), null_node_id (un point dont le champ d'identifiant de nœud est NULL : rattaché par position), bad_count, duplicate_node_id. NODE_COUNT, COMPONENT_COUNT, UNROOTED_COUNT (composantes sans racine) et DEFECT_COUNT sont des sorties.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>By NRO</source>
        <translation>Par NRO</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>By commune</source>
        <translation>Par commune</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>CANDIDATE_COST_FIELD: give the field holding each candidate's cost.</source>
        <translation>CANDIDATE_COST_FIELD : indiquez le champ qui porte le coût de chaque projet.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>CIVIL_AERIAL_EXPRESSION needs CIVIL_WORKS: it selects among them.</source>
        <translation>CIVIL_AERIAL_EXPRESSION demande CIVIL_WORKS : elle choisit parmi eux.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>CIVIL_WORKS needs ROADS: the civil works join the roads.</source>
        <translation>CIVIL_WORKS demande ROADS : le génie civil se raccorde aux routes.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>CONNECTION needs a SCHEMA.</source>
        <translation>CONNECTION demande un SCHEMA.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>COSTS not given: the default costs are used ({costs} EUR), placeholders to replace with your own prices.</source>
        <translation>COSTS non renseigné : les coûts par défaut sont utilisés ({costs} EUR), valeurs indicatives à remplacer par vos propres prix.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>COSTS: give an amount for aerial_m (EUR per metre on existing poles): CIVIL_AERIAL_EXPRESSION needs it.</source>
        <translation>COSTS : indiquez un montant pour aerial_m (EUR par mètre sur des appuis existants) : CIVIL_AERIAL_EXPRESSION en a besoin.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>COSTS: give an amount for autonomy_site (EUR per site): POWER needs it.</source>
        <translation>COSTS : indiquez un montant pour autonomy_site (EUR par site) : POWER en a besoin.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>COSTS: give pairs of item and amount (EUR).</source>
        <translation>COSTS : indiquez des paires poste et montant (EUR).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>CREWS is {n}: each depot needs at least one crew.</source>
        <translation>CREWS vaut {n} : chaque dépôt a besoin d'au moins une équipe.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>CRS</source>
        <translation>SCR</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Cables</source>
        <translation>Câbles</translation>
    </message>
    <message>
        <location filename="../adapters/errors.py"/>
        <source>Cancelled: no output was written.</source>
        <translation>Annulé : aucune sortie n'a été écrite.</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Candidate actions</source>
        <translation>Actions candidates</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Candidate cost field (EUR)</source>
        <translation>Champ du coût des projets (EUR)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Candidate name field</source>
        <translation>Champ du nom des projets</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Candidate {name} (feature {fid} of "{layer}"): its cost in field "{field}" must be a finite amount, not negative (got {value}).</source>
        <translation>Projet {name} (entité {fid} de « {layer} ») : son coût dans le champ « {field} » doit être un montant fini et non négatif (lu : {value}).</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Cannot connect to the PostgreSQL connection "{name}" ({where}): {error}</source>
        <translation>Impossible de se connecter par la connexion PostgreSQL « {name} » ({where}) : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Cannot list the tables of schema "{schema}" on "{name}": {error}</source>
        <translation>Impossible de lister les tables du schéma « {schema} » sur « {name} » : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Cannot open {path}.</source>
        <translation>Impossible d'ouvrir {path}.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Cannot read table {table} ({uri}): {error}</source>
        <translation>Impossible de lire la table {table} ({uri}) : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Cannot read {table}.csv: {error}</source>
        <translation>Impossible de lire {table}.csv : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Cannot write {key}: "{path}" is a file, not a folder.</source>
        <translation>Impossible d'écrire {key} : « {path} » est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Choose a vector layer to score.</source>
        <translation>Choisissez une couche vecteur à noter.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Civil works on poles (expression)</source>
        <translation>Génie civil sur appuis (expression)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <location filename="../report/content.py"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Classes of sc_class</source>
        <translation>Classes de sc_class</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Clay shrink-swell (NIVEAU 1–3 / ALEA)</source>
        <translation>Retrait-gonflement des argiles (NIVEAU 1–3 / ALEA)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Collecte</source>
        <translation>Collecte</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Column {column} of layer "{layer}" given as {key} holds {value}: it must be a number of 0 or more.</source>
        <translation>La colonne {column} de la couche « {layer} » donnée comme {key} contient {value} : il faut un nombre positif ou nul.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Column {column} of layer "{layer}" given as {key} must hold numbers; it holds "{value}".</source>
        <translation>La colonne {column} de la couche « {layer} » donnée comme {key} doit contenir des nombres ; elle contient « {value} ».</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Commune name</source>
        <translation>Nom de la commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Commune name field</source>
        <translation>Champ du nom de la commune</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Commune polygons: the breakdown by commune counts the premises inside each.</source>
        <translation>Polygones des communes : la ventilation par commune compte les locaux à l'intérieur de chacune.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Communes (expected annual impact by area)</source>
        <translation>Communes (impact annuel attendu par secteur)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Communes (impact summary by area)</source>
        <translation>Communes (synthèse de l'impact par secteur)</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Connected parts</source>
        <translation>Composantes connexes</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Cost (EUR)</source>
        <translation>Coût (EUR)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <location filename="../report/plan_section.py"/>
        <source>Cost of the plan (EUR)</source>
        <translation>Coût du plan (EUR)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Costs (EUR)</source>
        <translation>Coûts (EUR)</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Could not write to output {key}: {error}</source>
        <translation>Écriture impossible dans la sortie {key} : {error}</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Counted from the layers of the run listed under Provenance. Premises are counted with the premises count of each address point.</source>
        <translation>Comptés sur les couches du calcul listées dans la section Provenance. Les locaux sont comptés avec le nombre de locaux de chaque adresse.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Crew access Targets with ac_reach and ac_delay: unreachable assets, mean and worst delay.</source>
        <translation>Cibles de l'accès des équipes avec ac_reach et ac_delay : ouvrages inaccessibles, retard moyen et maximal.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Crew access routes under hazard</source>
        <translation>Accès des équipes d'intervention sous aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Crew access to the failed assets (ac_*)</source>
        <translation>Accès des équipes aux ouvrages défaillants (ac_*)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Crew access to the failed lines (output of Crew access routes)</source>
        <translation>Accès des équipes aux lignes défaillantes (sortie d'Accès des équipes)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Crew access to the failed nodes (output of Crew access routes)</source>
        <translation>Accès des équipes aux nœuds défaillants (sortie d'Accès des équipes)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Crew access's blocked road pieces, for the map.</source>
        <translation>Les tronçons bloqués de l'accès des équipes, pour la carte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Crew access's hazard routes, for the map.</source>
        <translation>Les itinéraires sous aléa de l'accès des équipes, pour la carte.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Crew routes</source>
        <translation>Itinéraires des équipes</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Crews per depot</source>
        <translation>Équipes par dépôt</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Crews working at once at each depot; default 1, at least 1. A crew repairs one line or node at a time.</source>
        <translation>Équipes travaillant en même temps dans chaque dépôt ; 1 par défaut, au moins 1. Une équipe répare une ligne ou un nœud à la fois.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Criteria (*.txt)</source>
        <translation>Critères (*.txt)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Criteria (*.txt);;All files (*)</source>
        <translation>Critères (*.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Criteria (one per line)</source>
        <translation>Critères (un par ligne)</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Criterion "{title}" of CRITERIA</source>
        <translation>Critère « {title} » de CRITERIA</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Cumulative cost (EUR)</source>
        <translation>Coût cumulé (EUR)</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Cumulative premises secured</source>
        <translation>Locaux sécurisés cumulés</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Custom value=level list (LEVELS)</source>
        <translation>Liste valeur=niveau personnalisée (LEVELS)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Cut off</source>
        <translation>Coupés</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Default battery autonomy (h)</source>
        <translation>Autonomie des batteries par défaut (h)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Default crew travel (min)</source>
        <translation>Trajet des équipes par défaut (min)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Default repair hours</source>
        <translation>Durée de réparation par défaut (h)</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Default speed (km/h)</source>
        <translation>Vitesse par défaut (km/h)</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Defects</source>
        <translation>Défauts</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Delay: mean {mean:.1f} min, worst {worst:.1f} min.</source>
        <translation>Retard : moyen {mean:.1f} min, maximal {worst:.1f} min.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Delivery (folder of shp+csv, .zip or GeoPackage)</source>
        <translation>Livrable (dossier shp+csv, .zip ou GeoPackage)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Depot id field</source>
        <translation>Champ identifiant de la base d'intervention</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Depot name field</source>
        <translation>Champ du nom du dépôt</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../processing_provider/help.py"/>
        <source>Depots</source>
        <translation>Bases d'intervention</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Distance near the ends where a loop may come closer (m)</source>
        <translation>Distance aux extrémités où un bouclage peut s'approcher (m)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Distribution</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Diversity</source>
        <translation>Diversité</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Dry staging points</source>
        <translation>Points de repli au sec</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Délestage priorities</source>
        <translation>Priorités de délestage</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>EAI by NRO</source>
        <translation>Impact annuel moyen par NRO</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>EAI by area of the summary</source>
        <translation>Impact annuel par zone du bilan</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>EAI by commune</source>
        <translation>Impact annuel moyen par commune</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>END_DISTANCE ({end:g} m) must be larger than MIN_SEPARATION ({sep:g} m): a loop could not leave its site.</source>
        <translation>END_DISTANCE ({end:g} m) doit dépasser MIN_SEPARATION ({sep:g} m) : un bouclage ne pourrait pas quitter son site.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>EUR</source>
        <translation>EUR</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>EUR per premises</source>
        <translation>EUR par local</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Each scenario's impact (from the return-period summary of the run) against its return period, and the expected annual impact: the impact integrated over the annual exceedance probability 1/RP by trapezoids between scenarios, as the return-period analysis computed it.</source>
        <translation>L'impact de chaque scénario (d'après le bilan par période de retour du calcul) en fonction de sa période de retour, et l'impact annuel moyen : l'impact intégré sur la probabilité annuelle de dépassement 1/T par trapèzes entre les scénarios, tel que l'analyse par périodes de retour l'a calculé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Empty with TRI zones: 01For = 10, 02Moy = 100, 04Fai = 1000 years. With rasters, one number per raster in the same order; with other zones, code=years pairs.</source>
        <translation>Vide avec des zones TRI : 01For = 10, 02Moy = 100, 04Fai = 1000 ans. Avec des rasters, un nombre par raster dans le même ordre ; avec d'autres zones, des couples code=années.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Estimates integrate as the summary does ({rule}).</source>
        <translation>Les estimations intègrent comme le bilan ({rule}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Euros available. The plan is the set of actions within it that secures the most premises; a loop dearer than the budget is not searched. A budget below every action gives an empty plan, with a warning.</source>
        <translation>Euros disponibles. Le plan est l'ensemble d'actions tenant dans ce budget qui sécurise le plus de locaux ; un bouclage plus cher que le budget n'est pas recherché. Un budget inférieur à toute action donne un plan vide, avec un avertissement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Euros per item, one row each: trench_m (a new trench, per metre), duct_m (a cable pulled in an existing duct, per metre), bury_m (burying an aerial span, per metre). The defaults (100, 10, 120) are placeholders: replace them with your own prices. autonomy_site (default 15000, a placeholder too) is the price of enough batteries or fuel that one active site stays lit through the outage: needed only with POWER. aerial_m (default 20, a placeholder) is a cable hung on existing poles, per metre: needed only with CIVIL_AERIAL_EXPRESSION. A missing, negative or unknown item stops the run. No table at all: the defaults, with a warning.</source>
        <translation>Euros par poste, une ligne chacun : trench_m (une tranchée neuve, par mètre), duct_m (un câble tiré dans un fourreau existant, par mètre), bury_m (l'enfouissement d'une portée aérienne, par mètre). Les valeurs par défaut (100, 10, 120) sont indicatives : remplacez-les par vos propres prix. autonomy_site (15000 par défaut, indicatif lui aussi) est le prix d'assez de batteries ou de carburant pour qu'un site actif reste alimenté pendant toute la coupure : nécessaire seulement avec POWER. aerial_m (20 par défaut, indicatif) est un câble posé sur des appuis existants, par mètre : nécessaire seulement avec CIVIL_AERIAL_EXPRESSION. Un poste manquant, négatif ou inconnu arrête le traitement. Sans table du tout : les valeurs par défaut, avec un avertissement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Every candidate action as a line (an autonomy action: a ring around its site), ranked, with mp_kind, mp_target, mp_cost, mp_prem, mp_eur_prem, mp_eai (with RETURN_PERIODS), mp_prem_h (autonomy), mp_owner, mp_chosen (1 in the plan) and mp_tier (collecte, transport or distribution: the tier of what the action secures).</source>
        <translation>Chaque action candidate sous forme de ligne (une action d'autonomie : un cercle autour de son site), classée, avec mp_kind, mp_target, mp_cost, mp_prem, mp_eur_prem, mp_eai (avec RETURN_PERIODS), mp_prem_h (autonomie), mp_owner, mp_chosen (1 dans le plan) et mp_tier (collecte, transport ou distribution : le niveau de ce que l'action sécurise).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Every field kept, plus sc_score (0–100), sc_rank (1 = highest risk), sc_class and one sc_&lt;criterion&gt; per criterion; they add up to the score.</source>
        <translation>Tous les champs conservés, plus sc_score (0–100), sc_rank (1 = risque le plus élevé), sc_class et un sc_&lt;critère&gt; par critère ; leur somme fait le score.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Everything needed to reproduce the figures: the inputs, the software and every parameter.</source>
        <translation>Tout ce qu'il faut pour refaire les calculs : les données d'entrée, les logiciels et chaque paramètre.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Excel workbooks (*.xlsx);;OpenDocument spreadsheets (*.ods)</source>
        <translation>Classeurs Excel (*.xlsx);;Classeurs OpenDocument (*.ods)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Existing civil works (ducts, routes)</source>
        <translation>Génie civil existant (fourreaux, cheminements)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Expected every year</source>
        <translation>Moyenne annuelle attendue</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Expected every year: {p:.2f} premises cut, {m:.0f} m of lines failed.</source>
        <translation>En moyenne chaque année : {p:.2f} locaux coupés, {m:.0f} m de lignes tombées.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Expected length failed a year (m)</source>
        <translation>Longueur tombée attendue par an (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Expected length of failed lines a year (m)</source>
        <translation>Linéaire de lignes tombées en moyenne par an (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <location filename="../report/content.py"/>
        <source>Expected premises cut a year</source>
        <translation>Locaux coupés en moyenne par an</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Expected premises cut a year avoided</source>
        <translation>Locaux coupés évités par an (moyenne)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Export criteria</source>
        <translation>Exporter les critères</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Exposed</source>
        <translation>Exposés</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Exposed area: {:.1f} m².</source>
        <translation>Surface exposée : {:.1f} m².</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Exposed assets</source>
        <translation>Ouvrages exposés</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Exposed length by level (m): {}.</source>
        <translation>Longueur exposée par niveau (m) : {}.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Exposed length: {:.1f} m.</source>
        <translation>Linéaire exposé : {:.1f} m.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Exposure summary</source>
        <translation>Synthèse de l'exposition</translation>
    </message>
    <message>
        <location filename="../adapters/expressions.py"/>
        <source>Expression</source>
        <translation>Expression</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Expression giving the premises of each point, e.g. "gt_prem"; empty: 1 per point. NULL, NaN or infinite counts as 1 and negative as 0, both reported; an expression that fails stops the run.</source>
        <translation>Expression donnant le nombre de locaux de chaque point, p. ex. "gt_prem" ; vide : 1 par point. NULL, NaN ou infini compte pour 1 et une valeur négative pour 0, les deux étant signalés ; une expression qui échoue arrête le traitement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Expression giving the premises of each point, e.g. "gt_prem"; empty: 1.</source>
        <translation>Expression donnant le nombre de locaux de chaque point, p. ex. "gt_prem" ; vide : 1.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Expression on the network lines, true where a line fails, e.g. "hz_failed" = 1 on the output of Hazard exposure. Comparing a text field with a number is true everywhere: a warning says so.</source>
        <translation>Expression sur les lignes du réseau, vraie là où une ligne tombe, p. ex. "hz_failed" = 1 sur la sortie d'Exposition aux aléas. Comparer un champ texte à un nombre est vrai partout : un avertissement le signale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Expression on the network: true for a failed line, one repair job each. Default "im_failed" = 1, for the OUTPUT_LINES of Scenario impact given as the network.</source>
        <translation>Expression sur le réseau : vraie pour une ligne défaillante, une réparation chacune. Par défaut "im_failed" = 1, pour OUTPUT_LINES d'Impact d'un scénario donné comme réseau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Expression on the roads, true for a bridge (e.g. "bridge" = 'yes'), when the preset does not tell them.</source>
        <translation>Expression sur les routes, vraie pour un pont (p. ex. "bridge" = 'yes'), quand le référentiel routier ne les indique pas.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>FAILED_EXPRESSION is true for every one of the {n} lines: check it (a text field compared with a number, for one, compares as text).</source>
        <translation>FAILED_EXPRESSION est vraie pour chacune des {n} lignes : vérifiez-la (un champ texte comparé à un nombre, par exemple, se compare comme du texte).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>FAILED_EXPRESSION is true for no line: nothing to repair.</source>
        <translation>FAILED_EXPRESSION n'est vraie pour aucune ligne : rien à réparer.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>FAILED_LAYER needs FAILED_GROUP_FIELD (the group ids it names).</source>
        <translation>FAILED_LAYER demande FAILED_GROUP_FIELD (les identifiants de groupe qu'elle désigne).</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>FRAGILITY names laying modes: give LAYING_FIELD (e.g. gt_laying).</source>
        <translation>FRAGILITY nomme des modes de pose : indiquez LAYING_FIELD (par ex. gt_laying).</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Failed assets</source>
        <translation>Ouvrages défaillants</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Failed assets for the repair crews</source>
        <translation>Ouvrages défaillants à rejoindre par les équipes</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Failed assets: {}.</source>
        <translation>Ouvrages défaillants : {}.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Failed from level</source>
        <translation>Défaillant à partir du niveau</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Failed groups need SRLG_FIELD on the network (its lines' groups).</source>
        <translation>Les groupes défaillants demandent SRLG_FIELD sur le réseau (les groupes de ses lignes).</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Failed lines (expression on the network)</source>
        <translation>Lignes défaillantes (expression sur le réseau)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Failed lines with their repair</source>
        <translation>Lignes défaillantes avec leur réparation</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Failed node id field (joins NODE_ACCESS)</source>
        <translation>Champ d'identifiant des nœuds défaillants (jointure avec NODE_ACCESS)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Failed node repair class field</source>
        <translation>Champ de classe de réparation des nœuds défaillants</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Failed node-id field</source>
        <translation>Champ identifiant de nœud des points défaillants</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Failed nodes (points)</source>
        <translation>Nœuds défaillants (points)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Failed nodes with their repair</source>
        <translation>Nœuds défaillants avec leur réparation</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Failed when (expression on that layer)</source>
        <translation>Défaillant si (expression sur cette couche)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Failed when (expression on the failed nodes; empty: all)</source>
        <translation>Défaillant si (expression sur les nœuds défaillants ; vide : tous)</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Failure frequency</source>
        <translation>Fréquence de défaillance</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Feature</source>
        <translation>Entité</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Features</source>
        <translation>Entités</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Feeder or substation field (on sites)</source>
        <translation>Champ du départ ou du poste source (sur les sites)</translation>
    </message>
    <message>
        <location filename="../plugin.py"/>
        <location filename="../processing_provider/provider.py"/>
        <source>Fibre Resilience</source>
        <translation>Fibre Resilience</translation>
    </message>
    <message>
        <location filename="../plugin.py"/>
        <source>Fibre Resilience algorithms…</source>
        <translation>Algorithmes Fibre Resilience…</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <source>Fibre Resilience needs these Python packages: {}. Install them for the Python of QGIS (OSGeo4W shell on Windows, pip3 on Linux and macOS), then restart QGIS.</source>
        <translation>Fibre Resilience a besoin de ces paquets Python : {}. Installez-les pour le Python de QGIS (OSGeo4W Shell sous Windows, pip3 sous Linux et macOS), puis redémarrez QGIS.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Fibre Resilience — resilience plan of a fibre network (schéma local de résilience)</source>
        <translation>Fibre Resilience — schéma local de résilience d'un réseau de fibre optique</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Field "{field}" (REPAIR_FIELD) of layer "{layer}": {n} failed lines have a class that REPAIR_HOURS does not list ({classes}) and DEFAULT_REPAIR_HOURS is not given.</source>
        <translation>Champ « {field} » (REPAIR_FIELD) de la couche « {layer} » : {n} lignes défaillantes ont une classe que REPAIR_HOURS ne donne pas ({classes}) et DEFAULT_REPAIR_HOURS n'est pas indiqué.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Field "{field}" ({key}) of layer "{layer}": feature {fid} has no value (NULL) and {default} is not given (features with this problem: {n}).</source>
        <translation>Champ « {field} » ({key}) de la couche « {layer} » : l'entité {fid} n'a pas de valeur (NULL) et {default} n'est pas indiqué (entités concernées : {n}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value:g} hours; hours cannot be negative (features with this problem: {n}).</source>
        <translation>Champ « {field} » ({key}) de la couche « {layer} » : l'entité {fid} a {value:g} heures ; une durée ne peut pas être négative (entités concernées : {n}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}, not a finite number of hours (features with this problem: {n}).</source>
        <translation>Champ « {field} » ({key}) de la couche « {layer} » : l'entité {fid} a {value}, qui n'est pas un nombre d'heures fini (entités concernées : {n}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}; a number of generators must be a whole number, 0 or more (features with this problem: {n}).</source>
        <translation>Champ « {field} » ({key}) de la couche « {layer} » : l'entité {fid} a {value} ; un nombre de groupes électrogènes doit être un nombre entier, 0 ou plus (entités concernées : {n}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Field "{field}" ({key}) of layer "{layer}": feature {fid} has {value}; use 1 (a fixed generator) or 0.</source>
        <translation>Champ « {field} » ({key}) de la couche « {layer} » : l'entité {fid} a {value} ; indiquez 1 (un groupe électrogène fixe) ou 0.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Field "{field}" of layer "{layer}" (POWER): feature {fid} has {value}; it needs a number of hours &gt;= 0 (features with this problem: {n}).</source>
        <translation>Champ « {field} » de la couche « {layer} » (POWER) : l'entité {fid} vaut {value} ; il faut un nombre d'heures &gt;= 0 (entités concernées : {n}).</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py"/>
        <source>Field "{field}" of layer "{layer}" must be numeric; it is {kind}.</source>
        <translation>Le champ « {field} » de la couche « {layer} » doit être numérique ; il est de type {kind}.</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>Field "{field}" of layer "{layer}": {count} lines have a value that names no tier ({values}); their tier comes from the topology, NULL where it cannot tell. Known: collecte, transport, distribution or the GraceTHD classes CO, TR, DI, RA, BM, LH (CX, CT, CD, TD, NC: the topology decides).</source>
        <translation>Champ « {field} » de la couche « {layer} » : {count} lignes ont une valeur qui ne désigne aucun niveau ({values}) ; leur niveau vient de la topologie, NULL quand elle ne permet pas de conclure. Valeurs connues : collecte, transport, distribution ou les types GraceTHD CO, TR, DI, RA, BM, LH (CX, CT, CD, TD, NC : la topologie décide).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Field holding the id of each line's first node (gt_nd1 on GraceTHD outputs). Give it with To-node field, or neither: without them, line ends within the snapping tolerance share a node.</source>
        <translation>Champ portant l'identifiant du premier nœud de chaque ligne (gt_nd1 sur les sorties GraceTHD). À renseigner avec le champ du nœud d'arrivée, ou aucun des deux : sans eux, les extrémités de lignes distantes de moins de la tolérance d'accrochage partagent un nœud.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Field holding the id of each line's last node (gt_nd2 on GraceTHD outputs). Give it with From-node field, or neither.</source>
        <translation>Champ portant l'identifiant du dernier nœud de chaque ligne (gt_nd2 sur les sorties GraceTHD). À renseigner avec le champ du nœud de départ, ou aucun des deux.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <location filename="../report/plan_section.py"/>
        <location filename="../report/power_section.py"/>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Fixed generator field (0/1)</source>
        <translation>Champ du groupe électrogène fixe (0/1)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Fixed generator fuel (h)</source>
        <translation>Carburant du groupe électrogène fixe (h)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>For each NRO, the most of its premises one single failure cuts in each tier: in the collecte (upstream of the NRO), in transport (NRO to cabinet) and in distribution (cabinet to box), and which line, node or shared-risk group it is. Nearly every premises is behind some single point of failure (its own box); what matters is how many one failure cuts. – : not analysed (the NROs are the roots of the graph).</source>
        <translation>Pour chaque NRO, le plus grand nombre de ses locaux qu'une seule défaillance coupe à chaque niveau : en collecte (en amont du NRO), en transport (du NRO à l'armoire) et en distribution (de l'armoire au boîtier), et quelle ligne, quel nœud ou quel groupe de risque partagé la provoque. Presque tous les locaux sont derrière un point unique de défaillance (leur propre boîtier) ; ce qui compte, c'est combien une seule défaillance en coupe. – : non analysé (les NRO sont les racines du graphe).</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>For every line and node of the network: how many premises and sites lose service if it alone fails (cut from every root, counted from all roots at once, not from the largest part); for every site: how many independent ways it has to the roots and whether they share a line, a node or a shared-risk group.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it. SRLG_FIELD: one or more shared-risk group ids per line, separated by ; or , (e.g. gt_routes: the routes a cable runs through, a trench, a bridge); all lines of a group fail together. TIER_FIELD: the tier of each line: collecte, transport, distribution or a GraceTHD cable class (CO, BM, LH: collecte; TR: transport; DI, RA: distribution), any case; gt_class when left empty and the layer has it. ROLE_FIELD: the sites' role (NRO, SRO or PM); gt_role when left empty and SITES has it.

Tiers: a class naming one tier wins; otherwise the topology decides: a line whose failure cuts an NRO is collecte; else the nearest NRO or SRO through which every path from the roots reaches the line decides (SRO: distribution, NRO: transport); else a line joined to a root without passing through an NRO is collecte; else NULL. NROs are the sites whose role is NRO; when no site is one, the roots are the NROs (with the NROs as roots, nothing upstream of them is analysed: give the POP as root to see the collecte).

OUTPUT_SEGMENTS keeps every NETWORK field and adds rd_bridge (1 when its loss cuts some node from every root), rd_prem (premises cut if this line alone fails), rd_sites (sites cut), rd_srlg_pr (premises cut when the whole shared-risk group fails; the largest of its groups; 0 for lines in no group), rd_tier (collecte, transport or distribution; NULL when unknown). Lines that cannot be placed get NULL; lines whose loss cuts nothing get 0. OUTPUT_NODES: one point per node with tp_node, rd_bridge (1 for a cut node: its loss cuts another node from every root), rd_prem and rd_sites (what its loss cuts, its own premises and sites included) and rd_tier (the most upstream tier of its lines; NULL for NROs and roots). OUTPUT_SITES keeps every SITES field and adds rd_paths (line-disjoint paths to the roots, capped at 3; 0 when it reaches no root), rd_divers (0: some single line failure cuts it; 1: no single line does, but a single node (roots included, the site's own node excluded) or shared-risk group does; 2: none does) and rd_spof_n (how many single lines, nodes and groups cut it). Sites not attached to the network get NULL. OUTPUT_GROUPS: one row per shared-risk group: rd_group, rd_members (lines), rd_fids (their feature ids), rd_prem and rd_sites (cut when the whole group fails), rd_max_pr and rd_max_st (the most any single member cuts) and rd_defeats (1 when the group cuts more than any single member: it defeats a redundancy). OUTPUT_PREMISES (optional) keeps every PREMISES field and adds rd_spof (1 when a single line or node other than its own node cuts it from every root) and rd_srlg (1 when a whole shared-risk group does); NULL for premises not attached or reaching no root. OUTPUT_TIERS: one row per NRO and tier: rd_nro (the NRO's node id; NULL for premises that no single NRO serves), rd_tier, rd_max_pr (the most premises of that NRO one single failure of that tier cuts: a line, a node, or a shared-risk group that cuts more than any of its lines, such as a route carrying both arms of a loop; NULL when not analysed), rd_where (the line's gt_code or fid n, node &lt;id&gt; or group &lt;id&gt;), rd_spof_n (how many such failures cut some of its premises) and rd_prem (its premises: those that every path from the roots reaches through it, the nearest NRO counting).

PREMISES_AT_RISK (premises behind at least one single line or node other than their own node), PREMISES_NO_ROOT, SITES_DIV0, SITES_DIV1, SITES_DIV2 and GROUPS_DEFEATING are outputs, and MAX_CUT_COLLECTE, MAX_CUT_TRANSPORT, MAX_CUT_DISTRIBUTION: the most premises one single failure of the tier cuts (all NROs together; NULL when not analysed). The topology checks of Network topology run too: each kind of defect found is a warning.</source>
        <translation>Pour chaque ligne et chaque nœud du réseau : combien de locaux et de sites perdent le service s'il tombe seul (coupés de toutes les racines, comptés depuis toutes les racines à la fois, et non depuis la plus grande composante) ; pour chaque site : combien de chemins indépendants le relient aux racines et s'ils partagent une ligne, un nœud ou un groupe de risque partagé.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées. SRLG_FIELD : un ou plusieurs identifiants de groupe de risque partagé par ligne, séparés par ; ou , (par ex. gt_routes : les cheminements empruntés par un câble, une tranchée, un pont) ; toutes les lignes d'un groupe tombent ensemble. TIER_FIELD : le niveau de chaque ligne : collecte, transport, distribution ou un type logique de câble GraceTHD (CO, BM, LH : collecte ; TR : transport ; DI, RA : distribution), en majuscules ou minuscules ; gt_class s'il est laissé vide et que la couche l'a. ROLE_FIELD : le rôle des sites (NRO, SRO ou PM) ; gt_role s'il est laissé vide et que SITES l'a.

Niveaux : un type qui désigne un seul niveau l'emporte ; sinon la topologie décide : une ligne dont la défaillance coupe un NRO est en collecte ; sinon le NRO ou le SRO le plus proche par lequel passe tout chemin des racines à la ligne décide (SRO : distribution, NRO : transport) ; sinon une ligne reliée à une racine sans passer par un NRO est en collecte ; sinon NULL. Les NRO sont les sites dont le rôle est NRO ; quand aucun site ne l'est, les racines sont prises pour les NRO (avec les NRO pour racines, rien en amont n'est analysé : donnez le POP comme racine pour voir la collecte).

OUTPUT_SEGMENTS conserve tous les champs de NETWORK et ajoute rd_bridge (1 quand sa perte coupe un nœud de toutes les racines), rd_prem (locaux coupés si cette ligne tombe seule), rd_sites (sites coupés), rd_srlg_pr (locaux coupés quand tout le groupe de risque partagé tombe ; le plus grand de ses groupes ; 0 pour les lignes hors groupe), rd_tier (collecte, transport ou distribution ; NULL si inconnu). Les lignes qui ne peuvent pas être placées reçoivent NULL ; celles dont la perte ne coupe rien reçoivent 0. OUTPUT_NODES : un point par nœud avec tp_node, rd_bridge (1 pour un nœud d'articulation : sa perte coupe un autre nœud de toutes les racines), rd_prem et rd_sites (ce que sa perte coupe, y compris ses propres locaux et sites) et rd_tier (le niveau le plus en amont de ses lignes ; NULL pour les NRO et les racines). OUTPUT_SITES conserve tous les champs de SITES et ajoute rd_paths (chemins disjoints en lignes vers les racines, plafonnés à 3 ; 0 quand il n'atteint aucune racine), rd_divers (0 : la défaillance d'une seule ligne le coupe ; 1 : aucune ligne seule ne le coupe, mais un seul nœud (racines comprises, nœud propre du site exclu) ou un seul groupe de risque partagé le coupe ; 2 : aucun ne le coupe) et rd_spof_n (nombre de lignes, nœuds et groupes qui le coupent à eux seuls). Les sites non rattachés au réseau reçoivent NULL. OUTPUT_GROUPS : une ligne par groupe de risque partagé : rd_group, rd_members (lignes), rd_fids (leurs identifiants d'entité), rd_prem et rd_sites (coupés quand tout le groupe tombe), rd_max_pr et rd_max_st (le plus que coupe un seul membre) et rd_defeats (1 quand le groupe coupe plus que n'importe quel membre seul : il met en défaut une redondance). OUTPUT_PREMISES (facultative) garde tous les champs de PREMISES et ajoute rd_spof (1 quand une seule ligne ou un seul nœud autre que son propre nœud le coupe de toutes les racines) et rd_srlg (1 quand un groupe de risque partagé entier le fait) ; NULL pour les locaux non rattachés ou qui n'atteignent aucune racine. OUTPUT_TIERS : une ligne par NRO et par niveau : rd_nro (l'identifiant du nœud du NRO ; NULL pour les locaux qu'aucun NRO unique ne dessert), rd_tier, rd_max_pr (le plus grand nombre de locaux de ce NRO qu'une seule défaillance de ce niveau coupe : une ligne, un nœud, ou un groupe de risque partagé qui coupe plus que chacune de ses lignes, comme un cheminement portant les deux bras d'une boucle ; NULL si non analysé), rd_where (le gt_code de la ligne ou fid n, node &lt;id&gt; ou group &lt;id&gt;), rd_spof_n (combien de telles défaillances coupent une partie de ses locaux) et rd_prem (ses locaux : ceux que tout chemin depuis les racines atteint en passant par lui, le NRO le plus proche comptant).

PREMISES_AT_RISK (locaux derrière au moins une ligne ou un nœud unique autre que leur propre nœud), PREMISES_NO_ROOT, SITES_DIV0, SITES_DIV1, SITES_DIV2 et GROUPS_DEFEATING sont des sorties, ainsi que MAX_CUT_COLLECTE, MAX_CUT_TRANSPORT, MAX_CUT_DISTRIBUTION : le plus grand nombre de locaux qu'une seule défaillance du niveau coupe (tous NRO confondus ; NULL si non analysé). Les contrôles de Topologie du réseau sont aussi lancés : chaque type de défaut trouvé donne un avertissement.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>For every target (failed or critical asset), the nearest depot that can still reach it by road, the travel time in normal conditions and under the hazard, the delay, and which targets cannot be reached at all. The road graph is built once; each condition is one multi-source search from all depots.

ROADS: lines. Speed (km/h) from SPEED_FIELD where it is a positive number (0, NaN, infinite and negative values exclude the road, with a warning), else from SPEED_PRESET (OSM: maxspeed, else a default per highway class; lists such as ['70', '50'] give the lowest; BD TOPO: vitesse_moyenne_vl, else per nature), else DEFAULT_SPEED. Roads the preset says are not drivable (footways, cycleways, steps, paths, construction, access=no; BD TOPO sentier, escalier, piste cyclable, zero speed) are excluded and counted. One-way travel only from DIRECTION_FIELD: OSM oneway (yes/1/true forward, -1/reverse backward), BD TOPO sens_de_circulation (Sens direct, Sens inverse, Double sens) or forward/backward/both; forward is the line's digitised direction. Without it every road is two-way. Roads join at their end points and at shared vertices.
DEPOTS: points; DEPOT_FIELD names them (else the feature id). TARGETS: any geometry, reached at its point nearest the road network. Depots and targets farther than MAX_SNAP (m) from a drivable road are not moved: such targets are unreachable (ac_reach 0) with their distance in ac_snap_m.
Hazard: BLOCKED polygons (a road is impassable only on its part inside them) and/or BLOCKED_RASTER of water depth (m): impassable where deeper than MAX_DEPTH; shallower water multiplies the speed by DEPTH_SPEED_FACTOR when it is below 1. Bridges (OSM bridge, BD TOPO position_par_rapport_au_sol &gt; 0, or BRIDGE_EXPRESSION true) stay open when KEEP_BRIDGES is set. The raster (band 1) is read on its own cells, never resampled: the roads are cut at every cell edge they cross, in the raster's CRS, and each piece takes its cell's depth; nodata is dry, and a raster that misses the roads blocks nothing (with a warning). It must have a CRS.

OUTPUT keeps every target field and adds: ac_depot (the nearest depot under the hazard), ac_t0_min (minutes from the nearest depot in normal conditions), ac_t1_min (minutes under the hazard), ac_delay (ac_t1_min - ac_t0_min), ac_reach (1 reachable under the hazard, else 0), ac_km (length of the hazard route, km), ac_snap_m (distance from the target to the road, m; not in the times), NULL where there is no route; and for a target the hazard cuts off (unreachable under the hazard, and in the water or reached in normal conditions) its dry staging point: of the points on passable roads a crew can drive to under the hazard, the one nearest the target in a straight line (the earliest of equally near ones), with ac_dry_min (minutes from the nearest depot to it under the hazard) and ac_dry_m (straight-line metres left from it to the target); NULL for the other targets. A target is in the water when it meets a BLOCKED polygon, lies on a BLOCKED_RASTER cell deeper than MAX_DEPTH, or snaps onto an impassable road.
A depot in a BLOCKED polygon, or whose road is impassable where it joins it, is inside the hazard: it serves in normal conditions only, and is named in a warning.
ROUTES: the hazard route of each reached target (depot to target) with its fields. BLOCKED_ROADS: the road pieces made impassable, with ac_len_m. SERVICE_MINUTES (e.g. 30;60;120) gives SERVICE_AREAS: per depot, condition (normal, hazard) and minutes, the roads reachable in that time. STAGING: the dry staging points, one per cut-off target with its fields, ac_depot (the depot to leave from), ac_dry_min and ac_dry_m. UNREACHABLE_COUNT, MEAN_DELAY and WORST_DELAY (minutes) are outputs.

CRS: computed in the ROADS CRS when projected, else in Lambert-93 or the local UTM zone; the other layers are reprojected to it.</source>
        <translation>Pour chaque cible (ouvrage défaillant ou critique) : la base d'intervention la plus proche qui peut encore l'atteindre par la route, le temps de trajet en conditions normales et sous aléa, le retard, et les cibles inaccessibles. Le graphe routier est construit une fois ; chaque condition est une seule recherche multi-source depuis toutes les bases.

ROADS : lignes. Vitesse (km/h) lue dans SPEED_FIELD quand c'est un nombre positif (0, NaN, les valeurs infinies et négatives excluent la route, avec un avertissement), sinon donnée par SPEED_PRESET (OSM : maxspeed, sinon une valeur par défaut par classe highway ; une liste comme ['70', '50'] donne la plus basse ; BD TOPO : vitesse_moyenne_vl, sinon par nature), sinon DEFAULT_SPEED. Les routes que le référentiel dit non carrossables (footway, cycleway, steps, path, construction, access=no ; BD TOPO sentier, escalier, piste cyclable, vitesse nulle) sont exclues et comptées. Sens unique seulement d'après DIRECTION_FIELD : OSM oneway (yes/1/true dans le sens de la ligne, -1/reverse en sens inverse), BD TOPO sens_de_circulation (Sens direct, Sens inverse, Double sens) ou forward/backward/both ; forward est le sens de numérisation de la ligne. Sans ce champ, toutes les routes sont à double sens. Les routes se raccordent à leurs extrémités et à leurs sommets communs.
DEPOTS : points ; DEPOT_FIELD les nomme (sinon l'identifiant d'entité). TARGETS : toute géométrie, atteinte en son point le plus proche du réseau routier. Les bases et les cibles à plus de MAX_SNAP (m) d'une route carrossable ne sont pas déplacées : ces cibles sont inaccessibles (ac_reach 0), avec leur distance dans ac_snap_m.
Aléa : polygones BLOCKED (une route n'est infranchissable que sur sa partie à l'intérieur) et/ou BLOCKED_RASTER de hauteur d'eau (m) : infranchissable au-delà de MAX_DEPTH ; en eau moins profonde, la vitesse est multipliée par DEPTH_SPEED_FACTOR quand il est inférieur à 1. Les ponts (OSM bridge, BD TOPO position_par_rapport_au_sol &gt; 0, ou BRIDGE_EXPRESSION vraie) restent praticables quand KEEP_BRIDGES est coché. Le raster (bande 1) est lu sur ses propres cellules, jamais rééchantillonné : les routes sont coupées à chaque bord de cellule qu'elles traversent, dans le SCR du raster, et chaque tronçon prend la hauteur d'eau de sa cellule ; nodata est sec, et un raster qui ne recouvre pas les routes ne coupe rien (avec un avertissement). Il doit avoir un SCR.

OUTPUT conserve tous les champs des cibles et ajoute : ac_depot (la base d'intervention la plus proche sous aléa), ac_t0_min (minutes depuis la base la plus proche en conditions normales), ac_t1_min (minutes sous aléa), ac_delay (ac_t1_min - ac_t0_min), ac_reach (1 accessible sous aléa, sinon 0), ac_km (longueur de l'itinéraire sous aléa, km), ac_snap_m (distance de la cible à la route, m ; non comptée dans les temps), NULL quand il n'y a pas d'itinéraire ; et, pour une cible que l'aléa isole (inaccessible sous aléa, et dans l'eau ou accessible en conditions normales), son point de repli au sec : parmi les points des routes praticables qu'une équipe peut atteindre sous aléa, celui qui est le plus proche de la cible à vol d'oiseau (le plus tôt atteint à distance égale), avec ac_dry_min (minutes depuis la base la plus proche jusqu'à ce point sous aléa) et ac_dry_m (mètres restant à vol d'oiseau de ce point à la cible) ; NULL pour les autres cibles. Une cible est dans l'eau quand elle touche un polygone BLOCKED, se trouve sur une cellule de BLOCKED_RASTER plus profonde que MAX_DEPTH, ou se raccroche à une route infranchissable.
Une base située dans un polygone BLOCKED, ou dont la route est infranchissable là où elle s'y raccroche, est dans l'aléa : elle ne sert qu'en conditions normales, et un avertissement la nomme.
ROUTES : l'itinéraire sous aléa de chaque cible atteinte (de la base à la cible) avec ses champs. BLOCKED_ROADS : les tronçons de route rendus infranchissables, avec ac_len_m. SERVICE_MINUTES (par ex. 30;60;120) produit SERVICE_AREAS : par base, condition (normal, hazard) et durée, les routes atteignables dans ce temps. STAGING : les points de repli au sec, un par cible isolée, avec ses champs, ac_depot (la base d'où partir), ac_dry_min et ac_dry_m. UNREACHABLE_COUNT, MEAN_DELAY et WORST_DELAY (minutes) sont des sorties.

SCR : calcul dans le SCR de ROADS s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les autres couches y sont reprojetées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>For instance AERIEN: 20=0; 40=0.2 | SOUTERRAIN: 1=0.01: failure probability per km by intensity, per laying mode (gt_laying); a threshold curve gives back the failure value.</source>
        <translation>Par exemple AERIEN: 20=0; 40=0.2 | SOUTERRAIN: 1=0.01 : probabilité de panne par km selon l'intensité, par mode de pose (gt_laying) ; une courbe en seuil redonne la valeur de panne.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Four increasing values, separated by ;. Default 0.01;0.5;1;2: wet, 0.5 m, 1 m and 2 m of water.</source>
        <translation>Quatre valeurs croissantes, séparées par ;. Par défaut 0.01;0.5;1;2 : mouillé, 0,5 m, 1 m et 2 m d'eau.</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Fragility curves (MODE: intensity=probability per km; …)</source>
        <translation>Courbes de fragilité (MODE: intensité=probabilité par km ; …)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Fragility curves per laying mode (optional, instead of the failure value)</source>
        <translation>Courbes de fragilité par mode de pose (facultatif, à la place de la valeur de panne)</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>From-node field</source>
        <translation>Champ du nœud de départ</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>GENERATORS is {n}: mobile generators need ROADS and GENERATOR_DEPOTS.</source>
        <translation>GENERATORS vaut {n} : les groupes électrogènes mobiles demandent ROADS et GENERATOR_DEPOTS.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>GENERATOR_COUNT_FIELD gives {n} generators in all; GENERATORS ({g}) is not used.</source>
        <translation>GENERATOR_COUNT_FIELD donne {n} groupes électrogènes en tout ; GENERATORS ({g}) n'est pas utilisé.</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>GENERATOR_COUNT_FIELD is given: mobile generators need ROADS and GENERATOR_DEPOTS.</source>
        <translation>GENERATOR_COUNT_FIELD est donné : les groupes électrogènes mobiles demandent ROADS et GENERATOR_DEPOTS.</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>GENERATOR_COUNT_FIELD needs GENERATOR_DEPOTS (the layer it is read on).</source>
        <translation>GENERATOR_COUNT_FIELD demande GENERATOR_DEPOTS (la couche où il est lu).</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>GROUP_FIELD: layer "{layer}" has no field "{field}".</source>
        <translation>GROUP_FIELD : la couche « {layer} » n'a pas de champ « {field} ».</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Generator depots</source>
        <translation>Dépôts de groupes électrogènes</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Generator set-up (min)</source>
        <translation>Mise en service du groupe (min)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Generators per depot field</source>
        <translation>Champ du nombre de groupes par dépôt</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Give FAILED_EXPRESSION: which lines failed (e.g. "im_failed" = 1).</source>
        <translation>Indiquez FAILED_EXPRESSION : les lignes défaillantes (par ex. "im_failed" = 1).</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Give SOURCE, or CONNECTION and SCHEMA.</source>
        <translation>Indiquez SOURCE, ou CONNECTION et SCHEMA.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Give a hazard: HAZARD polygons and/or a HAZARD_RASTER.</source>
        <translation>Indiquez un aléa : des polygones HAZARD et/ou un HAZARD_RASTER.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Give at least one layer of a run to report on.</source>
        <translation>Donnez au moins une couche d'un calcul sur laquelle rédiger le rapport.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Give both FROM_FIELD and TO_FIELD, or neither.</source>
        <translation>Indiquez à la fois FROM_FIELD et TO_FIELD, ou aucun des deux.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Give either SOURCE or CONNECTION and SCHEMA, not both.</source>
        <translation>Indiquez soit SOURCE, soit CONNECTION et SCHEMA, pas les deux.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Give the crews' travel to the failed nodes: NODE_ACCESS (the output of Crew access routes run on FAILED_NODES) or DEFAULT_TRAVEL_MINUTES.</source>
        <translation>Indiquez le trajet des équipes vers les nœuds défaillants : NODE_ACCESS (la sortie d'Accès des équipes lancé sur FAILED_NODES) ou DEFAULT_TRAVEL_MINUTES.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Give the crews' travel: ACCESS (the output of Crew access routes) or DEFAULT_TRAVEL_MINUTES.</source>
        <translation>Indiquez le trajet des équipes : ACCESS (la sortie d'Accès des équipes) ou DEFAULT_TRAVEL_MINUTES.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Give the grid outage: OUTAGES (zones) with OUTAGE_HOURS_FIELD, or one duration for every site in OUTAGE_HOURS.</source>
        <translation>Indiquez la coupure du réseau électrique : OUTAGES (zones) avec OUTAGE_HOURS_FIELD, ou une durée pour tous les sites dans OUTAGE_HOURS.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Give the repair times: REPAIR_HOURS (hours per class of REPAIR_FIELD) or DEFAULT_REPAIR_HOURS.</source>
        <translation>Indiquez les durées de réparation : REPAIR_HOURS (heures par classe de REPAIR_FIELD) ou DEFAULT_REPAIR_HOURS.</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Give the scenarios either as HAZARD_RASTERS or as HAZARD zones.</source>
        <translation>Donnez les scénarios soit en HAZARD_RASTERS, soit en zones HAZARD.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Give the sites' battery autonomy: AUTONOMY_FIELD or DEFAULT_AUTONOMY (hours).</source>
        <translation>Indiquez l'autonomie des batteries des sites : AUTONOMY_FIELD ou DEFAULT_AUTONOMY (heures).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>GraceTHD delivery (folder, zip, GeoPackage or PostGIS schema)</source>
        <translation>Livrable GraceTHD (dossier, zip, GeoPackage ou schéma PostGIS)</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>GraceTHD version</source>
        <translation>Version de GraceTHD</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>GraceTHD version of the delivery. Auto recognises 2.0-beta (2015), 2.x and 3.x from the tables present; set it only when the detection is wrong.</source>
        <translation>Version GraceTHD du livrable. Auto reconnaît la 2.0-beta (2015), les 2.x et les 3.x d'après les tables présentes ; ne la fixez que si la détection se trompe.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>GraceTHD version: {}</source>
        <translation>Version de GraceTHD : {}</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Grid outage (hours)</source>
        <translation>Coupure du réseau électrique (heures)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Grid outage zones</source>
        <translation>Zones de coupure électrique</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Groundwater rise (CLASSE)</source>
        <translation>Remontée de nappe (CLASSE)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>HTML files (*.html *.htm)</source>
        <translation>Fichiers HTML (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>HTML report: {}</source>
        <translation>Rapport HTML : {}</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Hazard</source>
        <translation>Aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard class or value field</source>
        <translation>Champ de classe ou de valeur de l'aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard exposure</source>
        <translation>Exposition aux aléas</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard field (zone value turned into a level)</source>
        <translation>Champ d'aléa (valeur de zone convertie en niveau)</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard layer "{}" has no feature.</source>
        <translation>La couche d'aléa « {} » n'a aucune entité.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Hazard level</source>
        <translation>Niveau d'aléa</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard polygons (e.g. a TRI map with its scenario field, a PPR, clay or groundwater zones). Give zones, a raster, or both.</source>
        <translation>Polygones d'aléa (par ex. une carte TRI avec son champ de scénario, un PPR, des zones d'argiles ou de remontée de nappe). Donnez des zones, un raster, ou les deux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard polygons: TRI flood scenarios, PPR zones, clay, groundwater, storm footprints or your own zones; reprojected, invalid ones repaired. Give this, a hazard raster, or both.</source>
        <translation>Polygones d'aléa : scénarios TRI, zones de PPR, argiles, nappes, emprises de tempête ou vos propres zones ; reprojetés, les invalides réparés. Donnez ceci, un raster d'aléa, ou les deux.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Hazard raster</source>
        <translation>Raster d'aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard raster (depth, intensity)</source>
        <translation>Raster d'aléa (hauteur d'eau, intensité)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard raster (e.g. water depth)</source>
        <translation>Raster d'aléa (par ex. hauteur d'eau)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Hazard raster (listed in the provenance)</source>
        <translation>Raster d'aléa (cité dans la provenance)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Hazard rasters (one per return period)</source>
        <translation>Rasters d'aléa (un par période de retour)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Hazard routes</source>
        <translation>Itinéraires sous aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard values matching no level (level 0, not exposure): {}</source>
        <translation>Valeurs d'aléa sans niveau correspondant (niveau 0, pas d'exposition) : {}</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard zones</source>
        <translation>Zones d'aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Hazard zones (polygons)</source>
        <translation>Zones d'aléa (polygones)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hazard zones of several scenarios (e.g. TRI)</source>
        <translation>Zones d'aléa de plusieurs scénarios (par ex. TRI)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Higher is riskier</source>
        <translation>Plus élevé = plus critique</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Hour</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Hour of the peak</source>
        <translation>Heure du pic</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hours a fixed generator runs on its tank; default 24.</source>
        <translation>Heures de fonctionnement d'un groupe électrogène fixe sur son réservoir ; 24 par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hours after which the water has gone: lines in the water cannot be worked on before, and lines no road reaches under the hazard are reached after it at the normal travel time. Without it those lines are never repaired (warned).</source>
        <translation>Heures après lesquelles l'eau s'est retirée : on ne peut pas travailler avant sur les lignes dans l'eau, et les lignes qu'aucune route n'atteint sous l'aléa sont atteintes après, au temps de trajet normal. Sans elle, ces lignes ne sont jamais réparées (avec un avertissement).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hours for a line or node whose class is NULL or not in the table (warned), or for every one without a table or a class field. No default.</source>
        <translation>Heures pour une ligne ou un nœud dont la classe est NULL ou absente du tableau (avec un avertissement), ou pour tous sans tableau ni champ de classe. Pas de valeur par défaut.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Hours from the start</source>
        <translation>Heures depuis le début</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hours of outage: for every site when no outage zones are given, otherwise for the zones whose duration is NULL (warned).</source>
        <translation>Heures de coupure : pour chaque site quand aucune zone de coupure n'est donnée, sinon pour les zones dont la durée est NULL (avec un avertissement).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Hours to repair a line, per class of the repair field (case ignored). The operator's figures: there is no default table. A negative or NaN value is refused.</source>
        <translation>Heures de réparation d'une ligne, par classe du champ de réparation (sans tenir compte de la casse). Les chiffres de l'exploitant : il n'y a pas de tableau par défaut. Une valeur négative ou NaN est refusée.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Hours until 90 % of the peak is back</source>
        <translation>Heures jusqu'au rétablissement de 90 % du pic</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Hours until 90 % of the premises cut are back</source>
        <translation>Heures jusqu'au retour de 90 % des locaux coupés</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>How fast service comes back after an event, power and physical damage together: the failed lines are repaired by crews from their depots while the active sites run out of battery and get power back; the premises without service are counted hour by hour. Every time is in hours from the start of the event (the failures and the grid outage both begin at hour 0).

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it.

Failed lines: FAILED_EXPRESSION on NETWORK (default "im_failed" = 1, so that the OUTPUT_LINES of Scenario impact can be the NETWORK). Each failed line is one repair job.
Crew travel: ACCESS, the OUTPUT of Crew access routes run on the failed lines, joined to them by ACCESS_ID_FIELD (on ACCESS) = NETWORK_ID_FIELD (on NETWORK); each job is done from its ac_depot, ac_t1_min minutes away under the hazard. A target no road reaches under the hazard (ac_reach 0) waits RECESSION_HOURS, then travels ac_t0_min (normal conditions); without RECESSION_HOURS, or without ac_t0_min, it is never repaired (warned). A failed line with no ACCESS row, or every line without ACCESS, takes DEFAULT_TRAVEL_MINUTES; these jobs and those without a depot form one pool of CREWS crews (rs_depot NULL).
Repair: REPAIR_HOURS, a table of class and hours, for the class in REPAIR_FIELD (e.g. the laying mode gt_laying, or an asset type; compared without case, 7 = 7.0); NULL or unlisted classes take DEFAULT_REPAIR_HOURS with a warning (refused without it). Operator figures: there is no default. A negative or NaN value is refused, naming its row.
IN_WATER_EXPRESSION (e.g. "hz_level" &gt; 0): lines that cannot be worked on before RECESSION_HOURS.
Failed nodes (optional): FAILED_NODES, points (e.g. the OUTPUT_SITES of Scenario impact, or nodes of Hazard exposure) where FAILED_NODE_EXPRESSION is true (every point without it), attached to the network's nodes by FAILED_NODE_FIELD or the nearest node within MAX_SNAP (points on no node are ignored, warned; two on one node are refused). Each is one repair job, scheduled with the lines: its crew access from NODE_ACCESS (the OUTPUT of Crew access routes run on FAILED_NODES), joined by NODE_ID_FIELD, a field of FAILED_NODES that Crew access routes keeps (a node with no row, or every node without NODE_ACCESS, takes DEFAULT_TRAVEL_MINUTES); its repair hours from REPAIR_HOURS for its class in NODE_REPAIR_FIELD (on FAILED_NODES), else DEFAULT_REPAIR_HOURS. Until its repair ends the node is out of the network (every line at it cut, its own premises out), counted as damage; its priority counts the premises that depend on it, its own included. IN_WATER_EXPRESSION does not apply to nodes.
Scheduling: each depot has CREWS crews (at least 1), all at the depot at hour 0. The jobs are taken in order of the premises that depend on the line or node (every path from them to a root runs through it), most first, then the job nearest the roots, then lines before nodes, then layer order; each goes to its depot's crew that is free first, and starts at max(crew free + travel, earliest start), the earliest start being 0, RECESSION_HOURS in the water, RECESSION_HOURS + normal travel when unreachable. Between two jobs a crew travels the depot-to-job time again (the times between assets are not known).
POWER (optional): the OUTPUT of Power resilience (pw_autonomy_h, pw_outage_h, pw_gen_h), attached to the network's nodes by SITE_NODE_FIELD or the nearest node within MAX_SNAP. A site is dark from pw_autonomy_h to the earlier of pw_outage_h and pw_gen_h.
Service: at hour h (an instant) a line is repaired when its repair ended at or before h, a site dark when h is in its dark span. A premises served before the event is out when every path from it to a root runs through an unrepaired line or node or a dark site; out because of damage when the unrepaired lines and nodes alone cut it (cut by both counts as damage), else because of power.

RESTORATION: one row per hour from 0 to the first whole hour by which every repairable line and node is repaired and every site lit (or to HORIZON): rs_hour, rs_out (premises out), rs_power, rs_damage. OUTPUT: the failed lines with every NETWORK field and rs_depot, rs_crew (1, 2…; NULL never repaired), rs_rank (its place in its depot's list), rs_prem (the premises that depend on it), rs_travel_h, rs_repair_h, rs_start_h, rs_done_h (hours; NULL never repaired). OUTPUT_NODES (optional): the failed nodes' points with every FAILED_NODES field and the same rs_ fields. PREMISE_HOURS_LOST: the sum of rs_out over the table (each row holds for one hour). HOURS_TO_90PCT: the first hour, at or after the worst one, from which at most 10 % of the premises out at the worst hour stay out until the end of the table (0 if none is ever out; NULL when the table ends first).</source>
        <translation>Avec quelle rapidité le service revient après un événement, énergie et dommages physiques ensemble : les lignes défaillantes sont réparées par les équipes depuis leurs dépôts pendant que les sites actifs épuisent leurs batteries puis retrouvent l'énergie ; les locaux sans service sont comptés heure par heure. Tous les temps sont en heures depuis le début de l'événement (les défaillances et la coupure électrique commencent toutes deux à l'heure 0).

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées.

Lignes défaillantes : FAILED_EXPRESSION sur NETWORK (par défaut "im_failed" = 1, pour que OUTPUT_LINES d'Impact d'un scénario puisse servir de NETWORK). Chaque ligne défaillante est une réparation.
Trajet des équipes : ACCESS, la sortie OUTPUT d'Accès des équipes lancé sur les lignes défaillantes, jointe à elles par ACCESS_ID_FIELD (sur ACCESS) = NETWORK_ID_FIELD (sur NETWORK) ; chaque réparation part de son ac_depot, à ac_t1_min minutes sous l'aléa. Une cible qu'aucune route n'atteint sous l'aléa (ac_reach 0) attend RECESSION_HOURS, puis fait le trajet en ac_t0_min (conditions normales) ; sans RECESSION_HOURS, ou sans ac_t0_min, elle n'est jamais réparée (avec un avertissement). Une ligne défaillante sans ligne dans ACCESS, ou toute ligne sans ACCESS, prend DEFAULT_TRAVEL_MINUTES ; ces réparations et celles sans dépôt forment un seul groupe de CREWS équipes (rs_depot NULL).
Réparation : REPAIR_HOURS, un tableau de classes et d'heures, pour la classe dans REPAIR_FIELD (par ex. le mode de pose gt_laying, ou un type d'ouvrage ; comparée sans tenir compte de la casse, 7 = 7.0) ; les classes NULL ou absentes prennent DEFAULT_REPAIR_HOURS avec un avertissement (refusées sans lui). Chiffres de l'exploitant : il n'y a pas de valeur par défaut. Une valeur négative ou NaN est refusée, en nommant sa ligne.
IN_WATER_EXPRESSION (par ex. "hz_level" &gt; 0) : les lignes sur lesquelles on ne peut pas travailler avant RECESSION_HOURS.
Nœuds défaillants (facultatif) : FAILED_NODES, des points (par ex. la sortie OUTPUT_SITES d'Impact d'un scénario, ou des nœuds d'Exposition à l'aléa) pour lesquels FAILED_NODE_EXPRESSION est vraie (tous les points sans elle), rattachés aux nœuds du réseau par FAILED_NODE_FIELD ou au nœud le plus proche à moins de MAX_SNAP (les points sur aucun nœud sont ignorés, avec un avertissement ; deux sur un même nœud sont refusés). Chacun est une réparation, ordonnancée avec les lignes : l'accès de son équipe vient de NODE_ACCESS (la sortie OUTPUT d'Accès des équipes lancé sur FAILED_NODES), jointe par NODE_ID_FIELD, un champ de FAILED_NODES qu'Accès des équipes conserve (un nœud sans ligne, ou tout nœud sans NODE_ACCESS, prend DEFAULT_TRAVEL_MINUTES) ; sa durée de réparation vient de REPAIR_HOURS pour sa classe dans NODE_REPAIR_FIELD (sur FAILED_NODES), sinon de DEFAULT_REPAIR_HOURS. Jusqu'à la fin de sa réparation, le nœud est hors du réseau (toutes ses lignes coupées, ses propres locaux coupés), compté en dommage ; sa priorité compte les locaux qui dépendent de lui, les siens compris. IN_WATER_EXPRESSION ne s'applique pas aux nœuds.
Ordonnancement : chaque dépôt a CREWS équipes (au moins 1), toutes au dépôt à l'heure 0. Les réparations sont prises dans l'ordre des locaux qui dépendent de la ligne ou du nœud (tout chemin de ces locaux vers une racine passe par lui), les plus nombreux d'abord, puis la réparation la plus proche des racines, puis les lignes avant les nœuds, puis l'ordre de la couche ; chacune va à l'équipe de son dépôt libre la première, et commence à max(équipe libre + trajet, début au plus tôt), le début au plus tôt étant 0, RECESSION_HOURS dans l'eau, RECESSION_HOURS + trajet normal si inaccessible. Entre deux réparations, une équipe refait le trajet du dépôt à la réparation (les temps entre ouvrages ne sont pas connus).
POWER (facultatif) : la sortie OUTPUT de Résilience énergétique (pw_autonomy_h, pw_outage_h, pw_gen_h), rattachée aux nœuds du réseau par SITE_NODE_FIELD ou au nœud le plus proche à moins de MAX_SNAP. Un site est éteint de pw_autonomy_h jusqu'au plus tôt de pw_outage_h et pw_gen_h.
Service : à l'heure h (un instant) une ligne est réparée si sa réparation s'est terminée à h ou avant, un site est éteint si h est dans sa période sans énergie. Un local desservi avant l'événement est coupé quand tout chemin de lui vers une racine passe par une ligne ou un nœud non réparés ou un site éteint ; coupé par les dommages quand les lignes et nœuds non réparés suffisent à le couper (coupé par les deux compte en dommage), sinon par l'énergie.

RESTORATION : une ligne par heure, de 0 à la première heure entière à laquelle toute ligne et tout nœud réparables sont réparés et tout site réalimenté (ou jusqu'à HORIZON) : rs_hour, rs_out (locaux coupés), rs_power, rs_damage. OUTPUT : les lignes défaillantes avec tous les champs de NETWORK et rs_depot, rs_crew (1, 2… ; NULL si jamais réparée), rs_rank (son rang dans la liste de son dépôt), rs_prem (les locaux qui en dépendent), rs_travel_h, rs_repair_h, rs_start_h, rs_done_h (heures ; NULL si jamais réparée). OUTPUT_NODES (facultatif) : les points des nœuds défaillants avec tous les champs de FAILED_NODES et les mêmes champs rs_. PREMISE_HOURS_LOST : la somme de rs_out sur le tableau (chaque ligne vaut une heure). HOURS_TO_90PCT : la première heure, au pire moment ou après, à partir de laquelle au plus 10 % des locaux coupés au pire moment le restent jusqu'à la fin du tableau (0 si aucun n'est jamais coupé ; NULL quand le tableau s'arrête avant).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>How many mobile generators can be sent; default 0. Each goes to one site and stays until the outage ends. Not used when the generators per depot field is given.</source>
        <translation>Nombre de groupes électrogènes mobiles disponibles ; 0 par défaut. Chacun va sur un site et y reste jusqu'à la fin de la coupure. Non utilisé quand le champ du nombre de groupes par dépôt est donné.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>How many top-ranked routes the ranked list shows, and how many sites and actions the délestage and action lists show; default 50.</source>
        <translation>Combien de cheminements les mieux classés la liste classée montre, et combien de sites et d'actions les listes de délestage et d'actions montrent ; 50 par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>How the field's values become levels 0–4. Auto uses LEVELS when given, else the preset whose codes match the values; values that match no level get 0 and are listed in a warning. TRI scenario: the frequent flood (01For) is level 4.</source>
        <translation>Comment les valeurs du champ deviennent des niveaux 0–4. Auto utilise LEVELS s'il est donné, sinon la grille dont les codes correspondent aux valeurs ; les valeurs sans niveau reçoivent 0 et sont listées dans un avertissement. Scénario TRI : la crue fréquente (01For) est de niveau 4.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>IN_WATER_EXPRESSION needs RECESSION_HOURS: when the water has gone.</source>
        <translation>IN_WATER_EXPRESSION demande RECESSION_HOURS : quand l'eau s'est retirée.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Impact per area</source>
        <translation>Impact par zone</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Impact per scenario and expected annual impact</source>
        <translation>Impact par scénario et impact annuel moyen</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Impassable above depth (m)</source>
        <translation>Infranchissable au-delà de la hauteur d'eau (m)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Import criteria</source>
        <translation>Importer des critères</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>In the plan</source>
        <translation>Dans le plan</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>In the scenario</source>
        <translation>Dans le scénario</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Increasing thresholds separated by ;</source>
        <translation>Seuils croissants séparés par ;</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Input fields replaced by this run's results: {}</source>
        <translation>Champs d'entrée remplacés par les résultats de ce traitement : {}</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Inputs</source>
        <translation>Données d'entrée</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Instead of a fail value, failure probability per km by laying mode, e.g. AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01 (linear between points, 0 below the first, * for every other mode).</source>
        <translation>Au lieu d'un seuil de défaillance, la probabilité de défaillance par km selon le mode de pose, p. ex. AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01 (linéaire entre les points, 0 sous le premier, * pour tout autre mode).</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Intensity field of the zones</source>
        <translation>Champ d'intensité des zones</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Intensity thresholds of levels 1–4, default 0.01;0.5;1;2: they give rp_levels, and level 1 the exposed length of rp_eal_m. Failure is decided by the fail value or the curves.</source>
        <translation>Seuils d'intensité des niveaux 1–4, 0.01;0.5;1;2 par défaut : ils donnent rp_levels, et le niveau 1 la longueur exposée de rp_eal_m. La défaillance dépend du seuil de défaillance ou des courbes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <location filename="../processing_provider/provider.py"/>
        <source>Intervention scenarios</source>
        <translation>Scénarios d'intervention</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Item</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Its group id field</source>
        <translation>Son champ d'identifiant de groupe</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Its line id field</source>
        <translation>Son champ d'identifiant de ligne</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../report/content.py"/>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>Lambert-93 for geographic data in metropolitan France</source>
        <translation>Lambert-93 pour des données géographiques en France métropolitaine</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Largest contributions</source>
        <translation>Plus fortes contributions</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Last hour of the table (h)</source>
        <translation>Dernière heure du tableau (h)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (ACCESS) has no field "{field}": give the output of Crew access routes and its id field in ACCESS_ID_FIELD.</source>
        <translation>La couche « {layer} » (ACCESS) n'a pas de champ « {field} » : donnez la sortie d'Accès des équipes et son champ d'identifiant dans ACCESS_ID_FIELD.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (ACCESS) has no row for {n} failed lines (first: {field} = {id}): add them, or give DEFAULT_TRAVEL_MINUTES.</source>
        <translation>La couche « {layer} » (ACCESS) n'a pas de ligne pour {n} lignes défaillantes (première : {field} = {id}) : ajoutez-les, ou indiquez DEFAULT_TRAVEL_MINUTES.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (ACCESS): {field} = {id} is on two rows (features {a} and {b}); each failed line needs one access row.</source>
        <translation>Couche « {layer} » (ACCESS) : {field} = {id} figure sur deux lignes (entités {a} et {b}) ; chaque ligne défaillante demande une seule ligne d'accès.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (FAILED_NODES) has no field "{field}" (FAILED_NODE_FIELD).</source>
        <translation>La couche « {layer} » (FAILED_NODES) n'a pas de champ « {field} » (FAILED_NODE_FIELD).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (FAILED_NODES) has no field "{field}" (NODE_ID_FIELD).</source>
        <translation>La couche « {layer} » (FAILED_NODES) n'a pas de champ « {field} » (NODE_ID_FIELD).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (FAILED_NODES) has no field "{field}" (NODE_REPAIR_FIELD).</source>
        <translation>La couche « {layer} » (FAILED_NODES) n'a pas de champ « {field} » (NODE_REPAIR_FIELD).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (FAILED_NODES): features {a} and {b} are on the same network node: give each failed node once.</source>
        <translation>Couche « {layer} » (FAILED_NODES) : les entités {a} et {b} sont sur le même nœud du réseau : indiquez chaque nœud défaillant une seule fois.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (FAILED_NODES): {n} failed nodes have no class in NODE_REPAIR_FIELD that REPAIR_HOURS lists ({classes}) and DEFAULT_REPAIR_HOURS is not given.</source>
        <translation>Couche « {layer} » (FAILED_NODES) : {n} nœuds défaillants n'ont dans NODE_REPAIR_FIELD aucune classe que REPAIR_HOURS liste ({classes}) et DEFAULT_REPAIR_HOURS n'est pas indiqué.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (NODE_ACCESS) has no field "{field}": give the output of Crew access routes run on FAILED_NODES, which keeps their NODE_ID_FIELD.</source>
        <translation>La couche « {layer} » (NODE_ACCESS) n'a pas de champ « {field} » : indiquez la sortie d'Accès des équipes lancé sur FAILED_NODES, qui conserve leur NODE_ID_FIELD.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (NODE_ACCESS) has no row for {n} failed nodes (first: {field} = {id}): add them, or give DEFAULT_TRAVEL_MINUTES.</source>
        <translation>La couche « {layer} » (NODE_ACCESS) n'a pas de ligne pour {n} nœuds défaillants (premier : {field} = {id}) : ajoutez-les, ou indiquez DEFAULT_TRAVEL_MINUTES.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>Layer "{layer}" (NODE_ACCESS): {field} = {id} is on two rows (features {a} and {b}); each failed node needs one access row.</source>
        <translation>Couche « {layer} » (NODE_ACCESS) : {field} = {id} figure sur deux lignes (entités {a} et {b}) ; chaque nœud défaillant demande une seule ligne d'accès.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Layer "{layer}" (POWER) has no field "{field}": give the OUTPUT of Power resilience.</source>
        <translation>La couche « {layer} » (POWER) n'a pas de champ « {field} » : donnez la sortie OUTPUT de Résilience énergétique.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Layer "{layer}" (TARGETS): {n} targets have no geometry, so no road reaches them: ac_reach 0 (first: feature {fid}).</source>
        <translation>Couche « {layer} » (TARGETS) : {n} cibles n'ont pas de géométrie, aucune route ne les atteint : ac_reach 0 (première : entité {fid}).</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py"/>
        <source>Layer "{layer}" ({key}) has no CRS (coordinate reference system): its coordinates cannot be placed. Set its CRS in Layer Properties › Source, or with the "Assign projection" algorithm, then run again.</source>
        <translation>La couche « {layer} » ({key}) n’a pas de SCR (système de coordonnées de référence) : ses coordonnées ne peuvent pas être situées. Définissez son SCR dans Propriétés de la couche › Source, ou avec l’algorithme « Définir la projection », puis relancez.</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py"/>
        <source>Layer "{layer}" ({key}) must hold {expected} geometries; it holds {actual}.</source>
        <translation>La couche « {layer} » ({key}) doit contenir des géométries {expected} ; elle contient {actual}.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} has no column {column}: give the SUMMARY made by Return periods.</source>
        <translation>La couche « {layer} » donnée comme {key} n'a pas de colonne {column} : donnez le SUMMARY produit par Périodes de retour.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} has no field {fields}: give the layer made by {origin}.</source>
        <translation>La couche « {layer} » donnée pour {key} n'a pas de champ {fields} : donnez la couche produite par {origin}.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} has no row.</source>
        <translation>La couche « {layer} » donnée comme {key} n'a aucune ligne.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} has no scenario row for the whole network (aggregate NULL, rp above 0): give the SUMMARY made by Return periods.</source>
        <translation>La couche « {layer} » donnée comme {key} n'a aucune ligne de scénario pour l'ensemble du réseau (aggregate NULL, rp supérieur à 0) : donnez le SUMMARY produit par Périodes de retour.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} has two rows for hour {hour}.</source>
        <translation>La couche « {layer} » donnée comme {key} a deux lignes pour l'heure {hour}.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Layer "{layer}" given as {key} must hold {expected} geometries; it holds {actual}.</source>
        <translation>La couche « {layer} » donnée pour {key} doit contenir des géométries {expected} ; elle contient {actual}.</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Layer "{layer}" has no field "{field}" (criterion "{title}").</source>
        <translation>La couche « {layer} » n'a pas de champ « {field} » (critère « {title} »).</translation>
    </message>
    <message>
        <location filename="../adapters/layers.py"/>
        <source>Layer "{layer}" has no field "{field}".</source>
        <translation>La couche « {layer} » n'a pas de champ « {field} ».</translation>
    </message>
    <message>
        <location filename="../adapters/polygons.py"/>
        <source>Layer "{layer}": {n} invalid features hold no polygon once repaired: ignored.</source>
        <translation>Couche « {layer} » : {n} entités invalides ne contiennent plus aucun polygone une fois réparées : ignorées.</translation>
    </message>
    <message>
        <location filename="../adapters/polygons.py"/>
        <source>Layer "{layer}": {n} invalid polygons repaired (made valid, polygonal parts kept), features {fids}{more}.</source>
        <translation>Couche « {layer} » : {n} polygones invalides réparés (rendus valides, parties polygonales conservées), entités {fids}{more}.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{layer}": {n} outage zones have no duration in "{field}": they last OUTAGE_HOURS ({hours:g} h).</source>
        <translation>Couche « {layer} » : {n} zones de coupure n'ont pas de durée dans « {field} » : elles durent OUTAGE_HOURS ({hours:g} h).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{layer}": {n} sites are not on the network (beyond MAX_SNAP or an unknown node id): their dark hours are computed, their premises are NULL (features {fids}).</source>
        <translation>Couche « {layer} » : {n} sites ne sont pas sur le réseau (au-delà de MAX_SNAP ou identifiant de nœud inconnu) : leurs heures sans alimentation sont calculées, leurs locaux valent NULL (entités {fids}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{layer}": {n} sites have no autonomy in "{field}": DEFAULT_AUTONOMY ({hours:g} h) is used (features {fids}).</source>
        <translation>Couche « {layer} » : {n} sites n'ont pas d'autonomie dans « {field} » : DEFAULT_AUTONOMY ({hours:g} h) est utilisé (entités {fids}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{layer}": {n} sites have no geometry: no outage zone can hold them.</source>
        <translation>Couche « {layer} » : {n} sites n'ont pas de géométrie : aucune zone de coupure ne peut les contenir.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{layer}": {n} sites name a feeder that is no substation of "{subs}": their own outage only (features {fids}).</source>
        <translation>Couche « {layer} » : {n} sites désignent un départ qui n'est aucun poste source de « {subs} » : seule leur propre coupure compte (entités {fids}).</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>Layer "{}" (OUTAGES) has no feature: no site has an outage.</source>
        <translation>La couche « {} » (OUTAGES) n'a aucune entité : aucun site n'est coupé.</translation>
    </message>
    <message>
        <location filename="../adapters/edits.py"/>
        <source>Layer "{}" cannot be edited.</source>
        <translation>La couche « {} » n'est pas modifiable.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <location filename="../adapters/roads.py"/>
        <location filename="../algorithms/access_routes.py"/>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Layer "{}" has no feature.</source>
        <translation>La couche « {} » n'a aucune entité.</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Layer "{}" has no feature: nothing to score.</source>
        <translation>La couche « {} » n'a aucune entité : rien à noter.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Layer "{}" has no feature: there is no network.</source>
        <translation>La couche « {} » n'a aucune entité : il n'y a pas de réseau.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Layer of failed shared-risk groups</source>
        <translation>Couche des groupes de risque partagé défaillants</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Laying-mode field of the lines (for the curves)</source>
        <translation>Champ du mode de pose des lignes (pour les courbes)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Length of failed lines (m)</source>
        <translation>Longueur des lignes tombées (m)</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>Lengths and distances in {crs}: {reason}.</source>
        <translation>Longueurs et distances en {crs} : {reason}.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Less than 90 % of the peak is back by the end of the table.</source>
        <translation>Moins de 90 % du pic est rétabli à la fin du tableau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Level 1–4 from which an asset counts as failed (hz_failed = 1), default 3 (high). Scenario impact reads hz_failed to decide what fails.</source>
        <translation>Niveau 1–4 à partir duquel un ouvrage compte comme défaillant (hz_failed = 1), 3 (fort) par défaut. Impact d'un scénario lit hz_failed pour décider de ce qui tombe.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Level from which an asset fails</source>
        <translation>Niveau à partir duquel un ouvrage tombe en panne</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Level thresholds of the intensity</source>
        <translation>Seuils de niveau de l'intensité</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Levels of {field}: preset {preset}.</source>
        <translation>Niveaux de {field} : grille {preset}.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Levels preset</source>
        <translation>Grille de niveaux</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Levels: thresholds (0.1;0.5;1;2) or value=level;… list</source>
        <translation>Niveaux : seuils (0.1;0.5;1;2) ou liste valeur=niveau;…</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Lines by return period</source>
        <translation>Lignes par période de retour</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Lines by return period (rp_first)</source>
        <translation>Lignes par période de retour (rp_first)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Lines failing first</source>
        <translation>Lignes tombant pour la première fois</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Lines in the water (expression on the network)</source>
        <translation>Lignes dans l'eau (expression sur le réseau)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Lines to bury (expression)</source>
        <translation>Lignes à enfouir (expression)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Lines with single points of failure</source>
        <translation>Lignes avec points uniques de défaillance</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Load-shedding priorities</source>
        <translation>Priorités de délestage</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Logarithmic</source>
        <translation>Logarithmique</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Longest time without power at a site (hours)</source>
        <translation>Plus longue privation d'énergie d'un site (heures)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Lower is riskier</source>
        <translation>Plus bas = plus critique</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Made on {date} with Fibre Resilience {version}, QGIS {qgis}</source>
        <translation>Établi le {date} avec Fibre Resilience {version}, QGIS {qgis}</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Maps</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Maximum distance from a point to a node (m)</source>
        <translation>Distance maximale d'un point à un nœud (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Maximum distance to a road (m)</source>
        <translation>Distance maximale à une route (m)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Mean crew delay over reached assets (minutes)</source>
        <translation>Retard moyen des équipes sur les ouvrages atteints (minutes)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Mean delay (min)</source>
        <translation>Retard moyen (min)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Median</source>
        <translation>Médian</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Method</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, 0 to 20, default 1. A route end whose node code is empty or unknown is attached to the nearest node within this distance (0: never); either way it is listed in REPORT. Poles stand 30–50 m apart: larger values would pick a neighbour.</source>
        <translation>Mètres, de 0 à 20, 1 par défaut. Une extrémité de cheminement dont le code de nœud est vide ou inconnu est rattachée au nœud le plus proche dans cette distance (0 : jamais) ; dans les deux cas elle figure dans REPORT. Les appuis sont espacés de 30 à 50 m : une valeur plus grande prendrait un voisin.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 0.3: water deeper than this closes a road (a float32 depth of 0.3 does not).</source>
        <translation>Mètres, 0,3 par défaut : une eau plus profonde ferme la route (une hauteur float32 de 0,3 ne la ferme pas).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 0.5. Used only without node-id fields: line ends this close share a node. Dangling ends up to 10 times farther are reported as near misses; too large a value joins lines that are not connected.</source>
        <translation>Mètres, 0,5 par défaut. Utilisée seulement sans champs d'identifiant de nœud : les extrémités de lignes aussi proches partagent un nœud. Les extrémités pendantes jusqu'à 10 fois plus loin sont signalées comme quasi-jonctions ; une valeur trop grande relie des lignes qui ne sont pas connectées.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 0: widens every hazard polygon, e.g. to take in the uncertainty of a mapped boundary. The raster is not widened.</source>
        <translation>Mètres, 0 par défaut : élargit chaque polygone d'aléa, p. ex. pour tenir compte de l'incertitude d'une limite cartographiée. Le raster n'est pas élargi.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 100: the least distance between a new loop and the lines it bypasses (and the other lines of their shared-risk groups), so that one trench, flood or bridge cannot cut both.</source>
        <translation>Mètres, 100 par défaut : la distance minimale entre un nouveau bouclage et les lignes qu'il contourne (et les autres lignes de leurs groupes de risque partagé), pour qu'une même tranchée, inondation ou un même pont ne coupe pas les deux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 250, larger than the minimum separation: within this distance of the site and of the bypassed lines' ends a loop may come closer, since it has to join them there.</source>
        <translation>Mètres, 250 par défaut, plus que la séparation minimale : à cette distance du site et des extrémités des lignes contournées, un bouclage peut s'approcher davantage, puisqu'il doit les y rejoindre.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 500: a target farther from a drivable road is unreachable (its distance in ac_snap_m), never moved.</source>
        <translation>Mètres, 500 par défaut : une cible plus éloignée d'une route carrossable est inaccessible (sa distance dans ac_snap_m), jamais déplacée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 500: the largest distance from a site or depot to a drivable road; farther, no generator reaches it.</source>
        <translation>Mètres, 500 par défaut : la plus grande distance entre un site ou un dépôt et une route carrossable ; au-delà, aucun groupe ne l'atteint.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Metres, default 50: the largest distance from a root, premises or site point to its nearest node. Points farther away are not attached and are reported.</source>
        <translation>Mètres, 50 par défaut : la plus grande distance entre un point racine, local ou site et son nœud le plus proche. Les points plus éloignés ne sont pas rattachés et sont signalés.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Min-max</source>
        <translation>Min-max</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Minimum separation from the bypassed lines (m)</source>
        <translation>Séparation minimale des lignes contournées (m)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Minutes from the depot to a failed line or node without an access row (every one when its access layer is not given); these jobs share one pool of crews. No default.</source>
        <translation>Minutes du dépôt à une ligne ou un nœud défaillants sans ligne d'accès (tous quand leur couche d'accès n'est pas indiquée) ; ces réparations partagent un même groupe d'équipes. Pas de valeur par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Minutes to connect a generator once on site; default 30.</source>
        <translation>Minutes pour raccorder un groupe une fois sur place ; 30 par défaut.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Mitigation plan</source>
        <translation>Plan de mesures de résilience</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Mitigation plan, cumulative (PLAN)</source>
        <translation>Plan de réduction des risques, cumulé (PLAN)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Mobile generators</source>
        <translation>Groupes électrogènes mobiles</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Mobile generators sent</source>
        <translation>Groupes électrogènes mobiles envoyés</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Most premises of one NRO cut by a single collecte failure (upstream of the NRO)</source>
        <translation>Locaux d'un même NRO coupés au plus par une seule défaillance de collecte (en amont du NRO)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Most premises of one NRO cut by a single distribution failure (cabinet to box)</source>
        <translation>Locaux d'un même NRO coupés au plus par une seule défaillance de distribution (de l'armoire au boîtier)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Most premises of one NRO cut by a single transport failure (NRO to cabinet)</source>
        <translation>Locaux d'un même NRO coupés au plus par une seule défaillance de transport (du NRO à l'armoire)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Most premises one collecte failure cuts</source>
        <translation>Locaux coupés au plus par une défaillance de collecte</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Most premises one distribution failure cuts</source>
        <translation>Locaux coupés au plus par une défaillance de distribution</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Most premises one transport failure cuts</source>
        <translation>Locaux coupés au plus par une défaillance de transport</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Most premises out at once</source>
        <translation>Plus grand nombre de locaux coupés à la fois</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Most segments searched for a loop (collecte and transport first)</source>
        <translation>Nombre maximal de tronçons pour lesquels un bouclage est cherché (collecte et transport d'abord)</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>NODE_ACCESS needs FAILED_NODES: the failed nodes its rows are for.</source>
        <translation>NODE_ACCESS demande FAILED_NODES : les nœuds défaillants auxquels ses lignes se rapportent.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>NODE_ACCESS needs NODE_ID_FIELD: the id field of FAILED_NODES, which Crew access routes keeps on its output, that joins each failed node to its row.</source>
        <translation>NODE_ACCESS demande NODE_ID_FIELD : le champ d'identifiant de FAILED_NODES, qu'Accès des équipes conserve dans sa sortie, qui joint chaque nœud défaillant à sa ligne.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>NRO</source>
        <translation>NRO</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>NRO of each premises point</source>
        <translation>NRO de chaque adresse</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>NROs</source>
        <translation>NRO</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>NROs cut off whole by a single collecte failure</source>
        <translation>NRO coupés en entier par une seule défaillance de collecte</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>NULL = highest risk</source>
        <translation>NULL = risque maximal</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>NULL = lowest risk</source>
        <translation>NULL = risque minimal</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>NULL = not scored</source>
        <translation>NULL = non noté</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>NULL, NaN, infinite or negative premises counts</source>
        <translation>nombres de locaux NULL, NaN, infinis ou négatifs</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Name field of the polygons</source>
        <translation>Champ du nom des polygones</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Name of the criteria set</source>
        <translation>Nom du jeu de critères</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <location filename="../processing_provider/provider.py"/>
        <source>Network analysis</source>
        <translation>Analyse du réseau</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Network line id field (joins ACCESS)</source>
        <translation>Champ d'identifiant des lignes du réseau (jointure avec ACCESS)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Network line name field</source>
        <translation>Champ du nom des lignes du réseau</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Network lines</source>
        <translation>Lignes du réseau</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Network lines with scenario impact</source>
        <translation>Lignes du réseau avec impact du scénario</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Network nodes</source>
        <translation>Nœuds du réseau</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Network topology</source>
        <translation>Topologie du réseau</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>No GraceTHD table (t_*) in {path}, but its subfolder {folder} holds some: give that folder as SOURCE.</source>
        <translation>Aucune table GraceTHD (t_*) dans {path}, mais son sous-dossier {folder} en contient : indiquez ce dossier comme SOURCE.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>No GraceTHD table (t_*) in {}: expected t_noeud, t_cheminement, t_cable…</source>
        <translation>Aucune table GraceTHD (t_*) dans {} : t_noeud, t_cheminement, t_cable… attendues</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>No PostgreSQL connection named "{name}" is saved in QGIS.</source>
        <translation>Aucune connexion PostgreSQL nommée « {name} » n'est enregistrée dans QGIS.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>No SITES and MAX_SEGMENT_LOOPS is 0: no loop is searched.</source>
        <translation>Pas de SITES et MAX_SEGMENT_LOOPS vaut 0 : aucun bouclage n'est cherché.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>No SITES: only segments are searched for a loop.</source>
        <translation>Pas de SITES : seuls les tronçons sont bouclés.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>No failure given: nothing is cut.</source>
        <translation>Aucune défaillance indiquée : rien n'est coupé.</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>No fragility curve for laying modes {}: those lines never fail.</source>
        <translation>Aucune courbe de fragilité pour les modes de pose {} : ces lignes ne tombent jamais.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>No generator depot can be used: no mobile generator is sent.</source>
        <translation>Aucun dépôt de groupes électrogènes n'est utilisable : aucun groupe mobile n'est envoyé.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>No input layer for {}: it is not written.</source>
        <translation>Aucune couche d'entrée pour {} : elle n'est pas écrite.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>No ready-made criterion fits this layer's fields.</source>
        <translation>Aucun critère prédéfini ne correspond aux champs de cette couche.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>No site has the role NRO: the roots are taken as the NROs; nothing upstream of them is analysed.</source>
        <translation>Aucun site n'a le rôle NRO : les racines sont prises pour les NRO ; rien en amont n'est analysé.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Node matching tolerance (m)</source>
        <translation>Tolérance d'appariement des nœuds (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <location filename="../algorithms/network_topology.py"/>
        <location filename="../report/content.py"/>
        <source>Nodes</source>
        <translation>Nœuds</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Nodes exposed to the hazard</source>
        <translation>Nœuds exposés à l'aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Nodes exposed to the hazard (hz_*)</source>
        <translation>Nœuds exposés à l'aléa (hz_*)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Nodes that fail in the scenario</source>
        <translation>Nœuds défaillants dans le scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Nodes with hz_level: nodes exposed and failed.</source>
        <translation>Nœuds avec hz_level : nœuds exposés et défaillants.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Nodes with single points of failure</source>
        <translation>Nœuds avec points uniques de défaillance</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>None: nothing counted beyond the rarest scenario; constant: its impact held down to an annual probability of 0.</source>
        <translation>Aucune : rien n'est compté au-delà du scénario le plus rare ; constante : son impact est maintenu jusqu'à une probabilité annuelle de 0.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Numeric thresholds (LEVELS)</source>
        <translation>Seuils numériques (LEVELS)</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>OUTAGES needs a duration: give OUTAGE_HOURS_FIELD (hours per zone) or OUTAGE_HOURS (the same for every zone).</source>
        <translation>OUTAGES demande une durée : indiquez OUTAGE_HOURS_FIELD (heures par zone) ou OUTAGE_HOURS (la même pour toutes les zones).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One criterion per line, as the Asset scoring dock writes them: field | weight | higher or lower | normalisation. The report ranks the routes by this score.</source>
        <translation>Un critère par ligne, comme les écrit le panneau Notation des ouvrages : champ | poids | higher ou lower | normalisation. Le rapport classe les cheminements selon ce score.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One criterion per line: a field or expression, then weight=, higher or lower, a normalisation (minmax, rank, log, thresholds=) and nulls=, e.g. hz_level | weight=3 | higher | nulls=lowest. The scoring dock writes this text.</source>
        <translation>Un critère par ligne : un champ ou une expression, puis weight=, higher ou lower, une normalisation (minmax, rank, log, thresholds=) et nulls=, p. ex. hz_level | weight=3 | higher | nulls=lowest. Le panneau de notation écrit ce texte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One line per cable with gt_nd1, gt_nd2, gt_class, gt_routes (its routes, ; separated: its shared-risk groups), gt_aer_m (aerial metres) and gt_laying (the most exposed mode along it).</source>
        <translation>Une ligne par câble avec gt_nd1, gt_nd2, gt_class, gt_routes (ses cheminements, séparés par ; : ses groupes de risque partagé), gt_aer_m (mètres en aérien) et gt_laying (le mode de pose le plus exposé sur son parcours).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One point per node with tp_node, tp_degree (line ends at it), tp_comp (connected part) and tp_rooted (1 when its part holds a root).</source>
        <translation>Un point par nœud avec tp_node, tp_degree (extrémités de lignes qui y arrivent), tp_comp (partie connexe) et tp_rooted (1 si sa partie contient une racine).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One point per problem with tp_defect (near_miss, no_root, beyond_snap, duplicate…), tp_detail, tp_layer and tp_fid. Fix these before trusting redundancy results.</source>
        <translation>Un point par problème avec tp_defect (near_miss, no_root, beyond_snap, duplicate…), tp_detail, tp_layer et tp_fid. Corrigez-les avant de vous fier aux résultats de redondance.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One raster per scenario (any CRS), in the order of the return periods.</source>
        <translation>Un raster par scénario (tout SCR), dans l'ordre des périodes de retour.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One raster per scenario (e.g. water depth in m, any CRS, read on its own cells), with the return periods in the same order. Give these or hazard zones, not both.</source>
        <translation>Un raster par scénario (p. ex. hauteur d'eau en m, tout SCR, lu sur ses propres cellules), avec les périodes de retour dans le même ordre. Donnez ceux-ci ou des zones d'aléa, pas les deux.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One row per scenario (rp, aep, prem_cut, sites_cut, length_m) and one expected annual row, for the whole network and per aggregate.</source>
        <translation>Une ligne par scénario (rp, aep, prem_cut, sites_cut, length_m) et une ligne d'espérance annuelle, pour le réseau entier et par agrégat.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>One self-contained HTML page (styles inline, maps embedded), .html or .htm.</source>
        <translation>Une page HTML autonome (styles en ligne, cartes incluses), .html ou .htm.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>One-way field (oneway, sens_de_circulation, forward/backward/both)</source>
        <translation>Champ de sens unique (oneway, sens_de_circulation, forward/backward/both)</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>OpenStreetMap (highway, maxspeed, bridge…)</source>
        <translation>OpenStreetMap (highway, maxspeed, bridge…)</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Operator's candidate projects</source>
        <translation>Projets candidats de l'exploitant</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional PDF made through a QGIS print layout (A4, page n / N).</source>
        <translation>PDF facultatif produit par une mise en page QGIS (A4, page n / N).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional commune polygons: the report breaks the premises cut off down by commune.</source>
        <translation>Polygones de communes facultatifs : le rapport détaille les locaux coupés par commune.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional commune polygons: the report gives the expected annual premises cut by commune.</source>
        <translation>Polygones de communes facultatifs : le rapport donne les locaux coupés attendus par an par commune.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional existing civil works a new cable can be pulled through (e.g. ROUTES of Read a GraceTHD delivery, or a duct layer), at the duct_m cost; their ends within the snapping tolerance share a node and join the nearest road node within the maximum snapping distance by a new trench. Needs ROADS.</source>
        <translation>Génie civil existant facultatif dans lequel tirer un nouveau câble (par ex. ROUTES de Lire une livraison GraceTHD, ou une couche de fourreaux), au coût duct_m ; ses extrémités à moins de la tolérance d'accrochage partagent un nœud et rejoignent par une tranchée neuve le nœud routier le plus proche à moins de la distance maximale d'accrochage. Demande ROADS.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional expression giving the premises behind each asset (e.g. "gt_prem"), summed by level in SUMMARY.</source>
        <translation>Expression facultative donnant les locaux derrière chaque ouvrage (p. ex. "gt_prem"), additionnés par niveau dans SUMMARY.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional expression on CIVIL_WORKS selecting the routes on poles (e.g. "gt_laying" = 'AERIEN' on the GraceTHD reader's ROUTES): a loop along them costs COSTS aerial_m per metre instead of duct_m. Empty: every civil-works line is a duct.</source>
        <translation>Expression facultative sur CIVIL_WORKS qui sélectionne les cheminements sur appuis (par ex. "gt_laying" = 'AERIEN' sur la sortie ROUTES du lecteur GraceTHD) : un bouclage qui les emprunte coûte COSTS aerial_m par mètre au lieu de duct_m. Vide : chaque ligne de génie civil est un fourreau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional expression on the failed nodes, e.g. "im_failed" = 1: only the points for which it is true fail. Empty: every point fails.</source>
        <translation>Expression facultative sur les nœuds défaillants, par ex. "im_failed" = 1 : seuls les points pour lesquels elle est vraie sont défaillants. Vide : tous les points le sont.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional expression on the network selecting the spans to bury, e.g. "hz_failed" = 1 AND "gt_laying" = 'AERIEN' on Hazard exposure's output. Each selected line whose failure cuts premises is a candidate.</source>
        <translation>Expression facultative sur le réseau qui sélectionne les portées à enfouir, par ex. "hz_failed" = 1 AND "gt_laying" = 'AERIEN' sur la sortie d'Exposition aux aléas. Chaque ligne sélectionnée dont la défaillance coupe des locaux est une candidate.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional expression on the network, e.g. "hz_level" &gt; 0: true for a line that cannot be worked on before the water recedes.</source>
        <translation>Expression facultative sur le réseau, par ex. "hz_level" &gt; 0 : vraie pour une ligne sur laquelle on ne peut pas travailler avant le retrait de l'eau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional failed points (flooded cabinets, a burnt NRO): the node each one names (failed node-id field) or its nearest node within the maximum distance fails.</source>
        <translation>Points défaillants facultatifs (armoires inondées, NRO incendié) : le nœud que chacun nomme (champ d'identifiant du nœud défaillant) ou son nœud le plus proche dans la distance maximale tombe.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional failed points (flooded cabinets, a burnt NRO: e.g. the OUTPUT_SITES of Scenario impact): each one fails the node its failed node-id field names, or its nearest node within the maximum distance, and is one repair job; while it is not repaired, every line at the node is cut and its premises are out (damage).</source>
        <translation>Points défaillants facultatifs (armoires inondées, un NRO incendié : par ex. la sortie OUTPUT_SITES d'Impact d'un scénario) : chacun met en défaut le nœud que désigne son champ d'identifiant de nœud, ou son nœud le plus proche dans la distance maximale, et est une réparation ; tant qu'il n'est pas réparé, toutes les lignes du nœud sont coupées et ses locaux sont coupés (dommages).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field naming the candidates in mp_target; default: candidate and the feature id.</source>
        <translation>Champ facultatif qui nomme les projets dans mp_target ; par défaut : candidate et l'identifiant de l'entité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field naming the network lines in mp_target for burials (e.g. gt_code); default: line and the feature id.</source>
        <translation>Champ facultatif qui nomme les lignes du réseau dans mp_target pour les enfouissements (par ex. gt_code) ; par défaut : line et l'identifiant de l'entité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field naming the sites in mp_target and in the messages (e.g. gt_code); default: site and the feature id.</source>
        <translation>Champ facultatif qui nomme les sites dans mp_target et dans les messages (par ex. gt_code) ; par défaut : site et l'identifiant de l'entité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field of the failed nodes whose value picks the repair time in the table (e.g. the node type: NRO, SRO, PBO). Without it, or for a class not in the table, the default repair hours.</source>
        <translation>Champ facultatif des nœuds défaillants dont la valeur choisit la durée de réparation dans le tableau (par ex. le type de nœud : NRO, SRO, PBO). Sans lui, ou pour une classe absente du tableau, la durée de réparation par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field of the network lines giving their tier, as for Redundancy gaps: collecte, transport, distribution or a GraceTHD cable class (CO, BM, LH, TR, DI, RA); empty: gt_class when the layer has it; otherwise the topology decides. The segments are searched for a loop collecte first, then transport, then distribution, and each action's mp_tier says the tier of what it secures.</source>
        <translation>Champ facultatif des lignes du réseau donnant leur niveau, comme pour Lacunes de redondance : collecte, transport, distribution ou une classe de câble GraceTHD (CO, BM, LH, TR, DI, RA) ; vide : gt_class quand la couche l'a ; sinon la topologie décide. Les bouclages des tronçons sont cherchés collecte d'abord, puis transport, puis distribution, et le mp_tier de chaque action dit le niveau de ce qu'elle sécurise.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field of the network lines giving their tier: collecte, transport, distribution, or a GraceTHD cable class (CO, BM, LH: collecte; TR: transport; DI, RA: distribution), in any case. Empty: gt_class when the layer has it. Mixed classes (CX, CT, CD, TD), NC, NULL and unknown values (warned) leave the tier to the topology.</source>
        <translation>Champ facultatif des lignes du réseau donnant leur niveau : collecte, transport, distribution, ou un type logique de câble GraceTHD (CO, BM, LH : collecte ; TR : transport ; DI, RA : distribution), en majuscules ou minuscules. Vide : gt_class si la couche l'a. Les types mixtes (CX, CT, CD, TD), NC, NULL et les valeurs inconnues (signalées) laissent la topologie décider.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field of the sites giving their role (NRO, SRO or PM), for the tiers; empty: gt_role when the sites have it. Without any NRO site, the roots are the NROs.</source>
        <translation>Champ facultatif des sites donnant leur rôle (NRO, SRO ou PM), pour les niveaux ; vide : gt_role quand les sites l'ont. Sans aucun site NRO, les racines sont les NRO.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field of the sites giving their role: NRO, SRO or PM (any case; other values are ordinary sites). Empty: gt_role when the sites have it. Without any NRO site, the roots are taken as the NROs.</source>
        <translation>Champ facultatif des sites donnant leur rôle : NRO, SRO ou PM (en majuscules ou minuscules ; les autres valeurs sont des sites ordinaires). Vide : gt_role si les sites l'ont. Sans aucun site NRO, les racines sont prises pour les NRO.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional field: 1 (or yes, oui, true) when the site has a fixed generator, which adds the fuel hours to its autonomy; NULL counts as none.</source>
        <translation>Champ facultatif : 1 (ou yes, oui, true) quand le site a un groupe électrogène fixe, qui ajoute ses heures de carburant à son autonomie ; NULL compte comme aucun.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional grid outage polygons (any CRS) with their duration: a site takes the longest zone holding it, and has no outage outside every zone.</source>
        <translation>Polygones facultatifs de coupure du réseau électrique (tout SCR) avec leur durée : un site prend la plus longue zone qui le contient, et n'a pas de coupure hors de toute zone.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional hazard polygons (e.g. one TRI scenario): a road is impassable only on its part inside them.</source>
        <translation>Polygones d'aléa facultatifs (p. ex. un scénario TRI) : une route n'est impraticable que sur sa partie à l'intérieur.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional intensity field of the zones (e.g. water depth in m); without it every zone has intensity 1, so every line in a zone fails.</source>
        <translation>Champ facultatif d'intensité des zones (p. ex. hauteur d'eau en m) ; sans lui, chaque zone a l'intensité 1 et toute ligne dans une zone tombe.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional last hour of the table. Default: the first whole hour by which every repairable line and node is repaired and every site has power again.</source>
        <translation>Dernière heure du tableau, facultative. Par défaut : la première heure entière à laquelle toute ligne et tout nœud réparables sont réparés et tout site est réalimenté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional layer whose features name failed shared-risk groups, e.g. the flooded routes: every network line whose shared-risk group field names one of them fails (the cables in a flooded route).</source>
        <translation>Couche facultative dont les entités nomment des groupes de risque partagé défaillants, p. ex. les cheminements inondés : toute ligne du réseau dont le champ de groupe en nomme un tombe (les câbles d'un cheminement inondé).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional lines: the operator's own projects. One running along network lines hardens them; one whose ends lie on two network nodes adds a link. A line doing neither is refused, naming it.</source>
        <translation>Lignes facultatives : les projets de l'exploitant. Une ligne qui longe des lignes du réseau les renforce ; une ligne dont les extrémités sont sur deux nœuds du réseau ajoute une liaison. Une ligne qui ne fait ni l'un ni l'autre est refusée, en la nommant.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional minutes, e.g. 30;60;120: writes SERVICE_AREAS, the roads reachable from each depot within each time, normal and under the hazard.</source>
        <translation>Minutes facultatives, p. ex. 30;60;120 : écrit SERVICE_AREAS, les routes atteintes depuis chaque base dans chaque durée, en temps normal et sous l'aléa.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional numeric field of the depots: how many generators each holds (0 or more, whole). Given, it replaces the number of mobile generators: each leaves from its own depot, and a depot sends no more than it holds. NULL, NaN, negative or fractional counts are refused, naming the depot.</source>
        <translation>Champ numérique facultatif des dépôts : le nombre de groupes que détient chacun (entier, 0 ou plus). S'il est donné, il remplace le nombre de groupes électrogènes mobiles : chacun part de son propre dépôt, et un dépôt n'envoie pas plus de groupes qu'il n'en détient. Les nombres NULL, NaN, négatifs ou non entiers sont refusés, en nommant le dépôt.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional numeric field: hours the site's batteries last. NULL takes the default autonomy (warned); a negative or infinite value stops the run, naming the feature.</source>
        <translation>Champ numérique facultatif : heures d'autonomie des batteries du site. NULL prend l'autonomie par défaut (avec un avertissement) ; une valeur négative ou infinie arrête le traitement en nommant l'entité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional one-way field: OSM oneway (yes/1/true; -1/reverse), BD TOPO sens_de_circulation, or forward/backward/both along the digitised direction. Without it every road is two-way.</source>
        <translation>Champ de sens unique facultatif : oneway d'OSM (yes/1/true ; -1/reverse), sens_de_circulation de la BD TOPO, ou forward/backward/both selon le sens de numérisation. Sans lui, toutes les routes sont à double sens.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional points whose service is followed one by one: NRO, SRO, PBO or sensitive sites (town halls, care homes, fire stations).</source>
        <translation>Points facultatifs dont la desserte est suivie un à un : NRO, SRO, PBO ou sites sensibles (mairies, EHPAD, centres de secours).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional points whose service the study follows one by one; the report lists those that lose it.</source>
        <translation>Points facultatifs dont l'étude suit le service un par un ; le rapport liste ceux qui le perdent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional polygons (communes) for SUMMARY: premises and sites in each, failed and cut off.</source>
        <translation>Polygones facultatifs (communes) pour SUMMARY : locaux et sites de chacun, défaillants et coupés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional polygons (communes) to break SUMMARY down by, besides the whole network.</source>
        <translation>Polygones facultatifs (communes) par lesquels ventiler SUMMARY, en plus du réseau entier.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional polygons (communes, SRO zones…) to break SUMMARY down by. An asset belongs to the polygon holding its point, its line's mid-point or a point inside it.</source>
        <translation>Polygones facultatifs (communes, zones SRO…) par lesquels ventiler SUMMARY. Un ouvrage appartient au polygone qui contient son point, le milieu de sa ligne ou un point intérieur.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional premises points (PREMISES of Read a GraceTHD delivery, or t_adresse). Without them the results count sites only.</source>
        <translation>Points des locaux, facultatifs (PREMISES de Lire un livrable GraceTHD, ou t_adresse). Sans eux, les résultats ne comptent que les sites.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional raster of intensities (e.g. water depth in m, any CRS), read on its own cells; with zones too, the higher level wins.</source>
        <translation>Raster d'intensités facultatif (par ex. hauteur d'eau en m, tout SCR), lu sur ses propres cellules ; avec des zones aussi, le niveau le plus élevé l'emporte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional road lines (any CRS) where a new trench can run: every road counts, in both directions, whatever its class. Without roads no loop is searched.</source>
        <translation>Routes facultatives (tout SCR) le long desquelles une tranchée neuve peut passer : chaque route compte, dans les deux sens, quelle que soit sa classe. Sans routes, aucun bouclage n'est recherché.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional sensitive sites (town halls, care homes, fire stations), attached to the nearest network node within the maximum distance, counted in pw_sens and used to rank the délestage table.</source>
        <translation>Sites sensibles facultatifs (mairies, EHPAD, casernes de pompiers), rattachés au nœud du réseau le plus proche dans la distance maximale, comptés dans pw_sens et utilisés pour classer le tableau de délestage.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional shared-risk group ids of each line, separated by ; or , (gt_routes on GraceTHD cables: the routes, ducts and bridges a cable runs through). All lines of a group fail together: two cables in one trench are not redundant.</source>
        <translation>Identifiants facultatifs des groupes de risque partagé de chaque ligne, séparés par ; ou , (gt_routes sur les câbles GraceTHD : les cheminements, fourreaux et ponts qu'emprunte un câble). Toutes les lignes d'un groupe tombent ensemble : deux câbles dans la même tranchée ne sont pas redondants.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional speed field, km/h: a positive value wins; 0, negative, NaN or infinite excludes the road (with a warning); NULL takes the preset's speed or the default.</source>
        <translation>Champ de vitesse facultatif, km/h : une valeur positive l'emporte ; 0, négative, NaN ou infinie exclut la route (avec un avertissement) ; NULL prend la vitesse du référentiel routier ou celle par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional substation points: a substation takes the outage of the zone it stands in, and the sites it feeds (feeder field) take the longer of theirs and its own.</source>
        <translation>Points facultatifs des postes sources : un poste prend la coupure de la zone où il se trouve, et les sites qu'il alimente (champ de départ) prennent la plus longue de leur coupure et de la sienne.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional table by level (and aggregate polygon): n_assets, length_m, area_m2, premises and n_failed.</source>
        <translation>Table facultative par niveau (et par polygone d'agrégation) : n_assets, length_m, area_m2, premises et n_failed.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional table, one row per NRO and tier (collecte, transport, distribution): rd_nro, rd_tier, rd_max_pr (the most premises of the NRO one failure of that tier cuts), rd_where (which line, node or shared-risk group), rd_spof_n (how many elements of that tier cut some of its premises) and rd_prem (its premises).</source>
        <translation>Table facultative, une ligne par NRO et par niveau (collecte, transport, distribution) : rd_nro, rd_tier, rd_max_pr (le plus grand nombre de locaux du NRO qu'une défaillance de ce niveau coupe), rd_where (quelle ligne, quel nœud ou quel groupe de risque partagé), rd_spof_n (combien d'éléments de ce niveau coupent une partie de ses locaux) et rd_prem (ses locaux).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional water-depth raster in metres (band 1, any CRS, read on its own cells): roads are impassable where it is deeper than the maximum depth. Nodata is dry.</source>
        <translation>Raster facultatif de hauteur d'eau en mètres (bande 1, tout SCR, lu sur ses propres cellules) : les routes sont impraticables là où il dépasse la hauteur maximale. Nodata est sec.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional workbook, .xlsx or .ods, one sheet per table with numbers as numbers.</source>
        <translation>Classeur facultatif, .xlsx ou .ods, une feuille par table avec les nombres en nombres.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: Power resilience's OUTPUT (active sites with pw_dark_h and pw_prem_h). Each site left dark gets an autonomy action costing COSTS autonomy_site: it secures the premises behind the site (pw_prem) against the grid outage and avoids pw_prem_h premise-hours (mp_prem_h). A site off the network is left out (warned); a missing field or a negative value stops the run.</source>
        <translation>Facultatif : la sortie OUTPUT de Résilience électrique (sites actifs avec pw_dark_h et pw_prem_h). Chaque site resté dans le noir reçoit une action d'autonomie au coût COSTS autonomy_site : elle sécurise les locaux situés derrière le site (pw_prem) vis-à-vis de la coupure électrique et évite pw_prem_h locaux-heures (mp_prem_h). Un site hors du réseau est écarté (avertissement) ; un champ manquant ou une valeur négative arrête le traitement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: Return periods' OUTPUT_LINES run on the same network. Its rp_aep (the chance a line fails in a year) gives mp_eai, the expected premises cut per year each action avoids. Lines are matched by place; a network line with no match counts as never failing (warned).</source>
        <translation>Facultatif : OUTPUT_LINES de Périodes de retour calculé sur le même réseau. Son rp_aep (la probabilité qu'une ligne tombe dans l'année) donne mp_eai, les locaux coupés par an évités en espérance par chaque action. Les lignes sont appariées par leur position ; une ligne du réseau sans correspondance compte comme ne tombant jamais (avec un avertissement).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: one point per node with tp_node, rd_bridge (1: a cut node), rd_prem and rd_sites (what its loss cuts, its own included) and rd_tier.</source>
        <translation>Facultatif : un point par nœud avec tp_node, rd_bridge (1 : nœud d'articulation), rd_prem et rd_sites (ce que sa perte coupe, y compris les siens) et rd_tier.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: one row per aggregate polygon with im_prem_n, im_prem_f, im_prem_c and im_site_n, im_site_f, im_site_c (in it, failed, cut).</source>
        <translation>Facultatif : une ligne par polygone d'agrégation avec im_prem_n, im_prem_f, im_prem_c et im_site_n, im_site_f, im_site_c (dedans, défaillants, coupés).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: one row per shared-risk group with what it cuts when it fails whole; rd_defeats = 1 when it cuts more than any single member (a hidden single point of failure).</source>
        <translation>Facultatif : une ligne par groupe de risque partagé avec ce qu'il coupe quand il tombe en entier ; rd_defeats = 1 quand il coupe plus que n'importe lequel de ses membres seul (un point unique de défaillance caché).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the OUTPUT of Crew access routes run on the failed lines (ac_depot, ac_t0_min, ac_t1_min, ac_reach): each repair is done from its depot, ac_t1_min away; an unreachable line waits for the water to recede, then travels ac_t0_min.</source>
        <translation>Facultatif : la sortie OUTPUT d'Accès des équipes lancé sur les lignes défaillantes (ac_depot, ac_t0_min, ac_t1_min, ac_reach) : chaque réparation part de son dépôt, à ac_t1_min ; une ligne inaccessible attend le retrait de l'eau, puis fait le trajet en ac_t0_min.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the OUTPUT of Crew access routes run on the failed nodes, joined to them by the failed node id field. A node without a row takes the default travel.</source>
        <translation>Facultatif : la sortie OUTPUT d'Accès des équipes lancé sur les nœuds défaillants, jointe à eux par le champ d'identifiant des nœuds défaillants. Un nœud sans ligne prend le trajet par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the OUTPUT of Power resilience. Each site is dark from pw_autonomy_h to the earlier of pw_outage_h and pw_gen_h; the premises behind it are out meanwhile.</source>
        <translation>Facultatif : la sortie OUTPUT de Résilience énergétique. Chaque site est éteint de pw_autonomy_h jusqu'au plus tôt de pw_outage_h et pw_gen_h ; les locaux qui en dépendent sont coupés pendant ce temps.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the dry staging point of each target the hazard cuts off, with the target's fields, ac_depot (where the crew leaves from), ac_dry_min and ac_dry_m.</source>
        <translation>Facultatif : le point de repli au sec de chaque cible que l'aléa isole, avec les champs de la cible, ac_depot (la base d'où part l'équipe), ac_dry_min et ac_dry_m.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the failed nodes' points with the same rs_ fields as the failed lines.</source>
        <translation>Facultatif : les points des nœuds défaillants avec les mêmes champs rs_ que les lignes défaillantes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the failed points' field naming their network node (e.g. nd_code; needs the from/to-node fields). Without it, each point attaches to the nearest node within the maximum distance; a point on no node is ignored, with a warning.</source>
        <translation>Facultatif : le champ des points défaillants qui désigne leur nœud du réseau (par ex. nd_code ; demande les champs de nœud de départ et d'arrivée). Sans lui, chaque point se rattache au nœud le plus proche dans la distance maximale ; un point sur aucun nœud est ignoré, avec un avertissement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the hazard route of each reached target.</source>
        <translation>Facultatif : l'itinéraire sous aléa de chaque cible atteinte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the lines with im_failed, im_cut, im_prem (cut premises that depended on that failed line) and im_repair (premises back if it alone is repaired): where to repair first.</source>
        <translation>Facultatif : les lignes avec im_failed, im_cut, im_prem (locaux coupés qui dépendaient de cette ligne tombée) et im_repair (locaux rétablis si elle seule est réparée) : où réparer d'abord.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the power sites' field naming their network node (e.g. nd_code; needs the from/to-node fields). Without it, each site attaches to the nearest node within the maximum distance.</source>
        <translation>Facultatif : le champ des sites actifs désignant leur nœud du réseau (par ex. nd_code ; demande les champs de nœud de départ et d'arrivée). Sans lui, chaque site se rattache au nœud le plus proche à moins de la distance maximale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the premises with rd_spof (1: a single line or node other than its own cuts it) and rd_srlg (1: a whole shared-risk group does); the report reads them.</source>
        <translation>Facultatif : les locaux avec rd_spof (1 : une seule ligne ou un seul nœud autre que le sien le coupe) et rd_srlg (1 : un groupe de risque partagé entier le coupe) ; le rapport les lit.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the premises with rp_first (smallest return period at which they are cut off) and rp_aep.</source>
        <translation>Facultatif : les locaux avec rp_first (plus petite période de retour à laquelle ils sont coupés) et rp_aep.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the premises' field naming their node, e.g. gt_pbo (the PBO serving them; needs the from/to-node fields). Without it, each point attaches to the nearest node within the maximum distance.</source>
        <translation>Facultatif : le champ des locaux qui nomme leur nœud, p. ex. gt_pbo (le PBO qui les dessert ; nécessite les champs de nœuds de départ et d'arrivée). Sans lui, chaque point se rattache au nœud le plus proche dans la distance maximale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the road pieces made impassable, with ac_len_m.</source>
        <translation>Facultatif : les tronçons de route rendus impraticables, avec ac_len_m.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the roads reached per depot, condition and time (ac_depot, ac_cond, ac_minutes, ac_km); needs service minutes.</source>
        <translation>Facultatif : les routes atteintes par base, condition et durée (ac_depot, ac_cond, ac_minutes, ac_km) ; nécessite des minutes de desserte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the roots' field naming their network node (needs the from/to-node fields). Without it, each root attaches to the nearest node within the maximum distance.</source>
        <translation>Facultatif : le champ des racines qui nomme leur nœud du réseau (nécessite les champs de nœuds de départ et d'arrivée). Sans lui, chaque racine se rattache au nœud le plus proche dans la distance maximale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the sites with rd_paths (line-disjoint paths to the roots, capped at 3), rd_divers (0: a single line cuts it; 1: a node or group does; 2: none does) and rd_spof_n.</source>
        <translation>Facultatif : les sites avec rd_paths (chemins disjoints en lignes vers les racines, plafonnés à 3), rd_divers (0 : une seule ligne le coupe ; 1 : un nœud ou un groupe le coupe ; 2 : aucun) et rd_spof_n.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the sites with rp_first and rp_aep.</source>
        <translation>Facultatif : les sites avec rp_first et rp_aep.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Optional: the sites' field naming their node (needs the from/to-node fields). Without it, each site attaches to the nearest node within the maximum distance.</source>
        <translation>Facultatif : le champ des sites qui nomme leur nœud (nécessite les champs de nœuds de départ et d'arrivée). Sans lui, chaque site se rattache au nœud le plus proche dans la distance maximale.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Or a PostGIS connection</source>
        <translation>Ou une connexion PostGIS</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Or a PostgreSQL/PostGIS connection saved in QGIS (Data Source Manager) holding the delivery; choose its schema below. Prefer a saved connection or an authcfg to a password in a URI.</source>
        <translation>Ou une connexion PostgreSQL/PostGIS enregistrée dans QGIS (Gestionnaire des sources de données) qui contient le livrable ; choisissez son schéma ci-dessous. Préférez une connexion enregistrée ou un authcfg à un mot de passe dans une URI.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Or break SUMMARY down by this premises field, e.g. gt_nro (one row per NRO).</source>
        <translation>Ou ventiler SUMMARY par ce champ des locaux, p. ex. gt_nro (une ligne par NRO).</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Or break the summary down by this premises field (e.g. gt_nro)</source>
        <translation>Ou détailler la synthèse par ce champ des locaux (par ex. gt_nro)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Or hazard rasters, one per return period (e.g. water depth)</source>
        <translation>Ou des rasters d'aléa, un par période de retour (par ex. hauteur d'eau)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Or hazard zones of several scenarios</source>
        <translation>Ou des zones d'aléa de plusieurs scénarios</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Or polygons of several scenarios in one layer (e.g. TRI zones), each zone's scenario named by the scenario field.</source>
        <translation>Ou les polygones de plusieurs scénarios dans une couche (p. ex. zones TRI), le scénario de chaque zone étant donné par le champ de scénario.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Out because of damage</source>
        <translation>Coupés par les dégâts</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Out because of power</source>
        <translation>Coupés faute d'énergie</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Outage duration (h)</source>
        <translation>Durée de la coupure (h)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Outage duration field (h)</source>
        <translation>Champ de durée de la coupure (h)</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key} is a shapefile, which would cut short the text of field "{field}" of feature {fid}: {size} bytes where the file keeps {limit}. Choose a GeoPackage (.gpkg) for {key}.</source>
        <translation>La sortie {key} est un shapefile, qui tronquerait le texte du champ « {field} » de l'entité {fid} : {size} octets là où le fichier en garde {limit}. Choisissez un GeoPackage (.gpkg) pour {key}.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key} is a shapefile, whose field names hold at most {limit} characters: field "{field}" would be renamed. Choose a GeoPackage (.gpkg) for {key}, or rename the field in the input.</source>
        <translation>La sortie {key} est un shapefile, dont les noms de champs ont au plus {limit} caractères : le champ « {field} » serait renommé. Choisissez un GeoPackage (.gpkg) pour {key}, ou renommez le champ dans l'entrée.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key}: "{path}" has no extension QGIS writes ({found}). Use one of: {accepted}.</source>
        <translation>Sortie {key} : « {path} » n'a pas d'extension que QGIS sait écrire ({found}). Utilisez l'une de : {accepted}.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key}: cannot create the folder {folder} ({error}).</source>
        <translation>Sortie {key} : impossible de créer le dossier {folder} ({error}).</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key}: cannot move the result into place at {path} ({error}).</source>
        <translation>Sortie {key} : impossible de mettre le résultat en place à {path} ({error}).</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {key}: the folder {folder} is not writable.</source>
        <translation>Sortie {key} : le dossier {folder} n'est pas accessible en écriture.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Output {output} would overwrite input {input} ({path}): choose another file for {output}; the input is left as it is.</source>
        <translation>La sortie {output} écraserait l'entrée {input} ({path}) : choisissez un autre fichier pour {output} ; l'entrée reste telle quelle.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>Outputs {first} and {second} are the same file ({path}): the second would overwrite the first. Choose another file for one of them.</source>
        <translation>Les sorties {first} et {second} sont le même fichier ({path}) : la seconde écraserait la première. Choisissez un autre fichier pour l'une d'elles.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Own point fails</source>
        <translation>Adresse elle-même défaillante</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Owner</source>
        <translation>Porteur</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>PDF report: {path} ({pages} pages)</source>
        <translation>Rapport PDF : {path} ({pages} pages)</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>PPR hazard level (typeniveaualea 00–07)</source>
        <translation>Niveau d'aléa PPR (typeniveaualea 00–07)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Parameter</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Parameters of the run (key=value lines or JSON)</source>
        <translation>Paramètres du calcul (lignes clé=valeur ou JSON)</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Parts with no root</source>
        <translation>Composantes sans racine</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Plan, cumulative</source>
        <translation>Plan, cumulé</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Plan: {n} actions, {cost:,.0f} EUR, {prem:g} (premises, risk) pairs secured (each once; the risks: a cable failure of each tier, the grid outage).</source>
        <translation>Plan : {n} actions, {cost:,.0f} EUR, {prem:g} couples (local, risque) sécurisés (chacun une fois ; les risques : une défaillance de câble de chaque niveau, la coupure électrique).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Points where service comes from: NROs or backbone POPs. Premises and sites are counted from all roots at once; at least one root must attach to the network (within the maximum distance).</source>
        <translation>Points d'où vient le service : NRO ou POP de collecte. Locaux et sites sont comptés depuis toutes les racines à la fois ; au moins une racine doit se rattacher au réseau (dans la distance maximale).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Points where the mobile generators wait. A depot in a blocked zone, or whose road is impassable where it joins it, is flooded: not used, and named in a warning.</source>
        <translation>Points où attendent les groupes mobiles. Un dépôt dans une zone bloquée, ou dont la route est impraticable là où il la rejoint, est inondé : il n'est pas utilisé et un avertissement le nomme.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Points where the repair crews start (a depot in the water is not used).</source>
        <translation>Points de départ des équipes d'intervention (un dépôt dans l'eau n'est pas utilisé).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Polygons of several scenarios in one layer, told apart by the scenario field (TRI: 01For, 02Moy, 04Fai). Give zones or rasters.</source>
        <translation>Polygones de plusieurs scénarios dans une couche, distingués par le champ de scénario (TRI : 01For, 02Moy, 04Fai). Donnez des zones ou des rasters.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Power and restoration</source>
        <translation>Énergie et rétablissement</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Power resilience of active sites</source>
        <translation>Résilience électrique des sites actifs</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Premise-hours avoided</source>
        <translation>Locaux-heures évités</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <location filename="../report/power_section.py"/>
        <source>Premise-hours lost</source>
        <translation>Locaux-heures perdus</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premise-hours without power (sum over the sites)</source>
        <translation>Locaux-heures sans énergie (somme sur les sites)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Premise-hours without service</source>
        <translation>Heures-locaux sans service</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <location filename="../algorithms/gracethd_network.py"/>
        <location filename="../report/content.py"/>
        <source>Premises</source>
        <translation>Locaux raccordables</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Premises (exposure, single points of failure, cut-off)</source>
        <translation>Locaux (exposition, points uniques de défaillance, coupure)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises (locaux raccordables)</source>
        <translation>Locaux raccordables</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises at hazard level {n} ({name})</source>
        <translation>Locaux en aléa de niveau {n} ({name})</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../report/content.py"/>
        <source>Premises behind a single point of failure</source>
        <translation>Locaux derrière un point unique de défaillance</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises behind a single point of failure or a shared-risk group</source>
        <translation>Locaux derrière un point unique de défaillance ou un groupe de risque partagé</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premises behind it</source>
        <translation>Locaux desservis</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premises behind the sites that lose power (sum over the sites)</source>
        <translation>Locaux derrière les sites privés d'énergie (somme sur les sites)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Premises by return period</source>
        <translation>Locaux par période de retour</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Premises by return period (rp_first)</source>
        <translation>Locaux par période de retour (rp_first)</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Premises count (expression)</source>
        <translation>Nombre de locaux raccordables (expression)</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <location filename="../report/content.py"/>
        <source>Premises cut</source>
        <translation>Locaux coupés</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises cut against the return period (loss-exceedance curve)</source>
        <translation>Locaux coupés selon la période de retour (courbe de dépassement)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises cut at {rp} years</source>
        <translation>Locaux coupés à {rp} ans</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Premises cut off</source>
        <translation>Locaux coupés</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises cut off by the scenario</source>
        <translation>Locaux coupés par le scénario</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Premises exposed</source>
        <translation>Locaux exposés</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises exposed to the hazard (level 1 or more)</source>
        <translation>Locaux exposés à l'aléa (niveau 1 ou plus)</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Premises node-id field</source>
        <translation>Champ identifiant de nœud des locaux</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premises out</source>
        <translation>Locaux coupés</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Premises per asset (expression)</source>
        <translation>Enjeu : locaux par ouvrage (expression)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Premises per point (expression; empty: 1)</source>
        <translation>Locaux par adresse (expression ; vide : 1)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Premises points with hz_* (exposure), rd_spof (Redundancy gaps' OUTPUT_PREMISES) and im_* (Scenario impact): the key figures and the NRO and commune breakdowns.</source>
        <translation>Points des locaux avec hz_* (exposition), rd_spof (OUTPUT_PREMISES de Défauts de redondance) et im_* (Impact d'un scénario) : les chiffres clés et les ventilations par NRO et par commune.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Premises reaching no root</source>
        <translation>Locaux sans accès à une racine</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <location filename="../report/plan_section.py"/>
        <source>Premises secured</source>
        <translation>Locaux sécurisés</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Premises secured against the cost of the plan (cost-benefit curve)</source>
        <translation>Locaux sécurisés selon le coût du plan (courbe coût-bénéfice)</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>Premises secured by the plan, once per risk (cable tiers, grid outage)</source>
        <translation>Locaux sécurisés par le plan, une fois par risque (niveaux de câbles, coupure électrique)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Premises whose own point fails</source>
        <translation>Locaux dont l'adresse elle-même est défaillante</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Premises with scenario impact</source>
        <translation>Locaux avec impact du scénario</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premises without service hour by hour (restoration curve)</source>
        <translation>Locaux sans service heure par heure (courbe de rétablissement)</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Premises without service hour by hour, from the restoration table of the run: out because of unrepaired damage (a premises cut by both counts as damage) and out because of power only. Premise-hours lost add up each hour's premises out, each row counting until the next one (one hour for the last). The hours until 90 % is back: the first hour, at or after the peak, from which at most a tenth of the peak stays out until the end of the table.</source>
        <translation>Locaux sans service heure par heure, d'après le tableau de rétablissement du calcul : coupés par des dégâts non réparés (un local coupé par les deux compte comme dégât) et coupés faute d'énergie seulement. Les locaux-heures perdus additionnent les locaux coupés de chaque heure, chaque ligne valant jusqu'à la suivante (une heure pour la dernière). Les heures jusqu'au rétablissement de 90 % : la première heure, au pic ou après, à partir de laquelle au plus un dixième du pic reste coupé jusqu'à la fin du tableau.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Preset: how zone values become levels</source>
        <translation>Préréglage : comment les valeurs des zones deviennent des niveaux</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Protected up to this return period (years; 0: the most frequent)</source>
        <translation>Protégé jusqu'à cette période de retour (années ; 0 : la plus fréquente)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Provenance</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>RASTER_THRESHOLDS: {}</source>
        <translation>RASTER_THRESHOLDS : {}</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>REPAIR_HOURS needs REPAIR_FIELD: the network field holding each line's class.</source>
        <translation>REPAIR_HOURS demande REPAIR_FIELD : le champ du réseau qui donne la classe de chaque ligne.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>REPAIR_HOURS, row {row}: {value!r} {why}</source>
        <translation>REPAIR_HOURS, ligne {row} : {value!r} {why}</translation>
    </message>
    <message>
        <location filename="../adapters/scenarios.py"/>
        <source>RETURN_PERIODS names {codes}, which no zone of "{layer}" has in {field} (it has: {present}).</source>
        <translation>RETURN_PERIODS nomme {codes}, qu'aucune zone de « {layer} » n'a dans {field} (elle a : {present}).</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Random draws where uncertain lines form loops</source>
        <translation>Tirages aléatoires là où des lignes incertaines forment des boucles</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <location filename="../report/plan_section.py"/>
        <location filename="../report/power_section.py"/>
        <location filename="../ui/scoring_dock.py"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Rank (percentile)</source>
        <translation>Rang (centile)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Ranked assets</source>
        <translation>Ouvrages classés</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>Raster "{name}" read on its own cells in {crs}: a window of {cols} × {rows} cells.</source>
        <translation>Raster « {name} » lu sur ses propres cellules dans {crs} : une fenêtre de {cols} × {rows} cellules.</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>Raster "{raster}" ({key}) does not overlap layer "{layer}": {ignored}</source>
        <translation>Le raster « {raster} » ({key}) ne recouvre pas la couche « {layer} » : {ignored}</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Raster band</source>
        <translation>Bande du raster</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Raster band {band} does not exist (the raster has {count}).</source>
        <translation>La bande {band} n'existe pas (le raster en a {count}).</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Raster thresholds of levels 1–4</source>
        <translation>Seuils raster des niveaux 1–4</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Raster values from which levels 1 to 4 start, default 0.01;0.5;1;2 (metres of water). Compared at the raster's own precision.</source>
        <translation>Valeurs du raster à partir desquelles commencent les niveaux 1 à 4, 0.01;0.5;1;2 par défaut (mètres d'eau). Comparées à la précision propre du raster.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Raster values from which levels 1, 2, 3, 4 start</source>
        <translation>Valeurs du raster à partir desquelles commencent les niveaux 1, 2, 3, 4</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Read a GraceTHD delivery</source>
        <translation>Lire un livrable GraceTHD</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Read report</source>
        <translation>Rapport de lecture</translation>
    </message>
    <message>
        <location filename="../processing_provider/provider.py"/>
        <source>Reads a GraceTHD delivery and runs the network through several hazard scenarios, each with its return period: TRI zones with their scenario field (01For, 02Moy, 04Fai: 10, 100 and 1000 years unless the return periods say otherwise) or one raster per return period. Finds when each cable and each premises is first cut off and the expected annual impact, by NRO, and writes the report with its return-period section: the loss-exceedance curve, the map of first failures and the expected annual figures by NRO and commune.</source>
        <translation>Lit une livraison GraceTHD et soumet le réseau à plusieurs scénarios d'aléa, chacun avec sa période de retour : zones TRI avec leur champ de scénario (01For, 02Moy, 04Fai : 10, 100 et 1000 ans sauf indication contraire des périodes de retour) ou un raster par période de retour. Détermine à partir de quand chaque câble et chaque local est coupé et l'impact annuel moyen, par NRO, puis rédige le rapport avec sa section sur les périodes de retour : la courbe de dépassement, la carte des premières défaillances et l'impact annuel moyen par NRO et par commune.</translation>
    </message>
    <message>
        <location filename="../processing_provider/provider.py"/>
        <source>Reads a GraceTHD delivery, exposes its routes, nodes and premises to one hazard (zones with their preset, a depth raster with its thresholds, or both), finds the single points of failure, the premises the failed routes cut off, the crew access to the failed nodes from the depots, ranks the routes and writes the report (HTML, PDF and a workbook).</source>
        <translation>Lit un livrable GraceTHD, expose ses cheminements, nœuds et locaux à un aléa (des zones avec leur préréglage, un raster de hauteur d'eau avec ses seuils, ou les deux), trouve les points uniques de défaillance, les locaux que les cheminements en panne coupent, l'accès des équipes aux nœuds en panne depuis les dépôts, classe les cheminements et écrit le rapport (HTML, PDF et un classeur).</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Reads an operator's GraceTHD delivery (2015 v2.0-beta, v2.x or v3.x) into four layers ready for the exposure and network algorithms, with no manual joining.

Input: SOURCE, a folder of shapefiles and CSV (';', UTF-8 or cp1252), a .zip of them read in place, or a GeoPackage; or CONNECTION and SCHEMA, a PostgreSQL/PostGIS connection saved in QGIS and the schema holding the tables. Table and field names are matched whatever their case. VERSION is detected from the tables present unless set. TOLERANCE (m, 0 to 20): a route end whose node is empty or not in t_noeud is attached to the nearest node within this distance (0: never); either way it is an anomaly, listed in REPORT with the node it was attached to.

Outputs keep every source field and add: ROUTES (t_cheminement): gt_code, gt_laying (AERIEN for cm_typ_imp 0/1, FACADE 2, INTERIEUR 3, SOUTERRAIN 4-8, else INCONNU), gt_passage (PON: bridge), gt_nd1, gt_nd2, gt_cables (cables in it). CABLES (t_cable, drawn from t_cableline, else its own geometry, else its routes merged; gt_geomsrc says which): gt_nd1, gt_nd2, gt_class (cb_typelog), gt_routes (its route codes, ';'-separated: its shared-risk groups), gt_aer_m (aerial length, m), gt_laying (the most exposed along it: AERIEN &gt; FACADE &gt; INCONNU &gt; SOUTERRAIN &gt; INTERIEUR). NODES (t_noeud): gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, IMMEUBLE, AUTRE). PREMISES (t_adresse): gt_prem (premises: v2 ad_nblhab + ad_nblpro, v3 ad_nblres + ad_nblpro + ad_nblent + ad_nblpub, NULL as 0), gt_prio (priority 0/1), gt_pbo, gt_sro, gt_nro (node codes of the PBO, SRO and NRO serving it: from t_suf/t_local links, else from the t_zpbo/t_zsro/t_znro zone it lies in). gt_nd*, gt_pbo, gt_sro and gt_nro are nd_code values, the gt_code of NODES. REPORT: every table read and every anomaly (gt_sev info/warning/error, gt_table, gt_code, gt_anomaly, gt_detail). Anomalies never stop the read; a missing mandatory table does, naming it.

CRS: the source CRS when projected, EPSG:2154 otherwise; lengths in metres.</source>
        <translation>Lit le livrable GraceTHD d'un opérateur (2015 v2.0-beta, v2.x ou v3.x) en quatre couches prêtes pour les algorithmes d'exposition et de réseau, sans jointure manuelle.

Entrée : SOURCE, un dossier de shapefiles et de CSV (';', UTF-8 ou cp1252), un .zip de ces fichiers lu sur place, ou un GeoPackage ; ou CONNECTION et SCHEMA, une connexion PostgreSQL/PostGIS enregistrée dans QGIS et le schéma qui contient les tables. Les noms de tables et de champs sont reconnus quelle que soit leur casse. VERSION est détectée d'après les tables présentes, sauf si elle est indiquée. TOLERANCE (m, de 0 à 20) : une extrémité de cheminement dont le nœud est vide ou absent de t_noeud est rattachée au nœud le plus proche à cette distance au plus (0 : jamais) ; dans les deux cas c'est une anomalie, listée dans REPORT avec le nœud auquel elle a été rattachée.

Les sorties conservent tous les champs source et ajoutent : ROUTES (t_cheminement) : gt_code, gt_laying (AERIEN pour cm_typ_imp 0/1, FACADE 2, INTERIEUR 3, SOUTERRAIN 4-8, sinon INCONNU), gt_passage (PON : pont), gt_nd1, gt_nd2, gt_cables (câbles qui l'empruntent). CABLES (t_cable, tracé d'après t_cableline, sinon sa propre géométrie, sinon ses cheminements fusionnés ; gt_geomsrc indique lequel) : gt_nd1, gt_nd2, gt_class (cb_typelog), gt_routes (codes de ses cheminements, séparés par ';' : ses groupes de risque partagé), gt_aer_m (longueur en aérien, m), gt_laying (le mode de pose le plus exposé sur son parcours : AERIEN &gt; FACADE &gt; INCONNU &gt; SOUTERRAIN &gt; INTERIEUR). NODES (t_noeud) : gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, IMMEUBLE, AUTRE). PREMISES (t_adresse) : gt_prem (locaux raccordables : v2 ad_nblhab + ad_nblpro, v3 ad_nblres + ad_nblpro + ad_nblent + ad_nblpub, NULL compté 0), gt_prio (priorité 0/1), gt_pbo, gt_sro, gt_nro (codes des nœuds PBO, SRO et NRO qui le desservent : d'après les liens t_suf/t_local, sinon d'après la zone t_zpbo/t_zsro/t_znro où il se trouve). gt_nd*, gt_pbo, gt_sro et gt_nro sont des valeurs de nd_code, le gt_code de NODES. REPORT : chaque table lue et chaque anomalie (gt_sev info/warning/error, gt_table, gt_code, gt_anomaly, gt_detail). Les anomalies n'arrêtent jamais la lecture ; une table obligatoire absente l'arrête, en la nommant.

SCR : celui de la source s'il est projeté, sinon EPSG:2154 ; longueurs en mètres.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Reads speeds and bridges from OSM (highway, maxspeed, bridge) or BD TOPO (vitesse_moyenne_vl, nature, position_par_rapport_au_sol). Roads it says are not drivable (footways, sentiers…) are excluded and counted; one-way needs the one-way field.</source>
        <translation>Lit vitesses et ponts d'OSM (highway, maxspeed, bridge) ou de la BD TOPO (vitesse_moyenne_vl, nature, position_par_rapport_au_sol). Les routes qu'il donne pour non carrossables (chemins piétons, sentiers…) sont exclues et comptées ; les sens uniques demandent le champ de sens unique.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Redundancy gaps</source>
        <translation>Défauts de redondance</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Redundancy gaps' OUTPUT_TIERS: per NRO, the most premises one failure cuts in the collecte, in transport and in distribution. Given, these figures replace the premises behind a single point of failure in the key figures and by NRO.</source>
        <translation>OUTPUT_TIERS de Lacunes de redondance : par NRO, le plus grand nombre de locaux qu'une défaillance coupe en collecte, en transport et en distribution. Fournis, ces chiffres remplacent les locaux derrière un point unique de défaillance dans les chiffres clés et par NRO.</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Repair class field (e.g. laying mode)</source>
        <translation>Champ de classe de réparation (par ex. mode de pose)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Repair hours per class</source>
        <translation>Heures de réparation par classe</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Report (HTML)</source>
        <translation>Rapport (HTML)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Report (PDF)</source>
        <translation>Rapport (PDF)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Report title</source>
        <translation>Titre du rapport</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../processing_provider/provider.py"/>
        <source>Resilience plan</source>
        <translation>Schéma local de résilience</translation>
    </message>
    <message>
        <location filename="../processing_provider/provider.py"/>
        <source>Resilience plan over return periods</source>
        <translation>Plan de résilience sur plusieurs périodes de retour</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Resilience report</source>
        <translation>Rapport de résilience</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Restoration by hour</source>
        <translation>Rétablissement par heure</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Restoration curve</source>
        <translation>Courbe de rétablissement</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Restoration curve (premises out hour by hour)</source>
        <translation>Courbe de rétablissement (locaux coupés heure par heure)</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Restoration figures</source>
        <translation>Chiffres du rétablissement</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Restoration table (rs_hour, rs_out, rs_power, rs_damage)</source>
        <translation>Tableau de rétablissement (rs_hour, rs_out, rs_power, rs_damage)</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Results may be wrong where these are: run Network topology to see them.</source>
        <translation>Les résultats peuvent être faux à ces endroits : lancez Topologie du réseau pour les voir.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Return period (years)</source>
        <translation>Période de retour (ans)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Return period (years, log scale)</source>
        <translation>Période de retour (ans, échelle logarithmique)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Return periods</source>
        <translation>Périodes de retour</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Return periods (years): 10;100;1000 or code=years pairs</source>
        <translation>Périodes de retour (années) : 10;100;1000 ou paires code=années</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Return periods (years): empty for TRI zones, 10;100;1000 for rasters, or code=years pairs</source>
        <translation>Périodes de retour (années) : vide pour des zones TRI, 10;100;1000 pour des rasters, ou des couples code=années</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <location filename="../report/content.py"/>
        <source>Return periods and expected annual impact</source>
        <translation>Périodes de retour et impact annuel moyen</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Return periods of the lines (Return periods' OUTPUT_LINES)</source>
        <translation>Périodes de retour des lignes (OUTPUT_LINES de Périodes de retour)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Return-period summary (SUMMARY)</source>
        <translation>Bilan par période de retour (SUMMARY)</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <location filename="../processing_provider/provider.py"/>
        <source>Risk audit</source>
        <translation>Audit des risques</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Road lines (OSM or BD TOPO troncon_de_route). Roads join at their end points and shared vertices; times are computed in its CRS when projected.</source>
        <translation>Lignes de routes (OSM ou troncon_de_route de la BD TOPO). Les routes se joignent à leurs extrémités et à leurs sommets communs ; les temps sont calculés dans son SCR s'il est projeté.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Road lines the repair crews drive on (OSM or BD TOPO); the hazard blocks the flooded roads.</source>
        <translation>Lignes des routes empruntées par les équipes d'intervention (OSM ou BD TOPO) ; l'aléa bloque les routes inondées.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Road preset</source>
        <translation>Référentiel routier</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../processing_provider/help.py"/>
        <source>Roads</source>
        <translation>Routes</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Roads (where new trenches can run)</source>
        <translation>Routes (où peuvent passer des tranchées neuves)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Roads marked as bridges (OSM bridge, BD TOPO position) stay passable over flooded ground. Default yes.</source>
        <translation>Les routes marquées comme ponts (bridge d'OSM, position de la BD TOPO) restent praticables au-dessus d'un sol inondé. Oui par défaut.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Root node-id field</source>
        <translation>Champ identifiant de nœud des racines</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Roots (NRO or POP points)</source>
        <translation>Racines (points NRO ou POP)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Route identifier</source>
        <translation>Identifiant du cheminement</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Route length (km)</source>
        <translation>Longueur des cheminements (km)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Route length at hazard level {n} ({name}) (km)</source>
        <translation>Longueur de cheminement en aléa de niveau {n} ({name}) (km)</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Routes</source>
        <translation>Cheminements</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Routes (cheminements)</source>
        <translation>Cheminements</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Routes exposed to the hazard</source>
        <translation>Cheminements exposés à l'aléa</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Routes scored for action (hz_*, sc_*)</source>
        <translation>Cheminements notés pour l'action (hz_*, sc_*)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Routes that fail in the scenario</source>
        <translation>Cheminements défaillants dans le scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Routes with hz_* and sc_* (exposure, then Score assets): exposed length by level and the ranked list.</source>
        <translation>Cheminements avec hz_* et sc_* (exposition, puis Score de criticité des ouvrages) : longueur exposée par niveau et liste classée.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Routes, nodes and premises at this level or above count as failed; the impact, crew access and report follow from them. Default 3.</source>
        <translation>Les cheminements, nœuds et locaux à ce niveau ou au-dessus comptent comme en panne ; l'impact, l'accès des équipes et le rapport en découlent. 3 par défaut.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Row {}: choose a field or write an expression.</source>
        <translation>Ligne {} : choisissez un champ ou écrivez une expression.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Row {}: {}</source>
        <translation>Ligne {} : {}</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>SERVICE_MINUTES must be numbers separated by ';' (e.g. 30;60;120).</source>
        <translation>SERVICE_MINUTES doit être une liste de nombres séparés par « ; » (par ex. 30;60;120).</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>SERVICE_MINUTES must be positive minutes.</source>
        <translation>SERVICE_MINUTES doit contenir des durées positives en minutes.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>SOURCE does not exist: {}</source>
        <translation>SOURCE n'existe pas : {}</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>SOURCE is not a readable .zip file ({path}): {error}</source>
        <translation>SOURCE n'est pas un fichier .zip lisible ({path}) : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>SOURCE must be a folder of shapefiles and CSV, a .zip or a GeoPackage: {path}</source>
        <translation>SOURCE doit être un dossier de shapefiles et de CSV, un .zip ou un GeoPackage : {path}</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>SUBSTATIONS needs SUBSTATION_ID_FIELD (their ids) and FEEDER_FIELD (on the sites: the id of the substation that feeds each).</source>
        <translation>SUBSTATIONS demande SUBSTATION_ID_FIELD (leurs identifiants) et FEEDER_FIELD (sur les sites : l'identifiant du poste source qui alimente chacun).</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Save criteria</source>
        <translation>Enregistrer les critères</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Scenario field of the zones</source>
        <translation>Champ de scénario des zones</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Scenario field of the zones (e.g. scenario)</source>
        <translation>Champ du scénario des zones (par ex. scenario)</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Scenario impact</source>
        <translation>Impact d'un scénario</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Scenario impact's OUTPUT_SITES run on the sensitive sites (im_failed, im_cut): the town halls, care homes… that lose service.</source>
        <translation>OUTPUT_SITES d'Impact d'un scénario calculé sur les sites sensibles (im_failed, im_cut) : les mairies, EHPAD… privés de service.</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Scenarios: {}.</source>
        <translation>Scénarios : {}.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Schema "{schema}" does not exist in the database of connection "{name}" ({where}); its schemas are: {schemas}.</source>
        <translation>Le schéma « {schema} » n'existe pas dans la base de la connexion « {name} » ({where}) ; ses schémas sont : {schemas}.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>Schema of the delivery</source>
        <translation>Schéma du livrable</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <location filename="../ui/scoring_dock.py"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Score assets</source>
        <translation>Score de criticité des ouvrages</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Scored assets</source>
        <translation>Ouvrages notés</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Scored features</source>
        <translation>Entités notées</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>Scores every feature of any vector layer from 0 (lowest risk) to 100 (highest) with weighted criteria, and explains each score.

CRITERIA: one criterion per line, items separated by |, for example
hz_level | weight=3 | higher | minmax | nulls=lowest | label=Flood level
rd_prem | weight=2 | log
`"gt_aer_m" / 1000` | weight=1 | rank | nulls=exclude
The first item is a field or a QGIS expression (between backticks when it holds |). Then, in any order: weight= (any number &gt;= 0, divided by the sum of weights); higher or lower (which way means more risk); minmax, rank (percentile, ties averaged), log (log(1 + v - min)) or thresholds=t1;t2;… (classes of fixed thresholds); nulls=lowest, highest or exclude (the feature is not scored, with a warning); label= and name= (suffix of the contribution field). Lines starting with # are comments. The scoring dock writes this text.

METHOD: weighted sum (score = 100 × Σ w·r) or weighted product (geometric mean of the risks floored at 1 %, rescaled to 0–100; contributions split in proportion to each criterion's weighted log-risk).
CLASSES: breaks=20;40;60;80 | labels=… (fixed score breaks) or quantiles=5; empty: breaks 20;40;60;80 labelled very low to very high in QGIS's language.

OUTPUT keeps every input field and adds sc_score (0–100), sc_rank (1 = highest risk; equal scores keep the input order), sc_class, and one sc_&lt;criterion&gt; per criterion: its share of the score, so that they add up to sc_score. A criterion with a single value brings 0, with a warning. Attributes only: geometries and CRS are copied as they are.</source>
        <translation>Note chaque entité de n'importe quelle couche vecteur de 0 (risque le plus faible) à 100 (le plus fort) avec des critères pondérés, et explique chaque score.

CRITERIA : un critère par ligne, éléments séparés par |, par exemple
hz_level | weight=3 | higher | minmax | nulls=lowest | label=Niveau d'inondation
rd_prem | weight=2 | log
`"gt_aer_m" / 1000` | weight=1 | rank | nulls=exclude
Le premier élément est un champ ou une expression QGIS (entre accents graves quand elle contient |). Puis, dans n'importe quel ordre : weight= (tout nombre &gt;= 0, divisé par la somme des poids) ; higher ou lower (le sens qui signifie plus de risque) ; minmax, rank (centile, ex aequo moyennés), log (log(1 + v - min)) ou thresholds=t1;t2;… (classes à seuils fixes) ; nulls=lowest, highest ou exclude (l'entité n'est pas notée, avec un avertissement) ; label= et name= (suffixe du champ de contribution). Les lignes commençant par # sont des commentaires. Le panneau de notation écrit ce texte.

METHOD : somme pondérée (score = 100 × Σ w·r) ou produit pondéré (moyenne géométrique des risques planchers à 1 %, ramenée à 0–100 ; contributions réparties en proportion du log-risque pondéré de chaque critère).
CLASSES : breaks=20;40;60;80 | labels=… (bornes de score fixes) ou quantiles=5 ; vide : bornes 20;40;60;80 libellées de très faible à très fort dans la langue de QGIS.

OUTPUT conserve tous les champs d'entrée et ajoute sc_score (0–100), sc_rank (1 = risque le plus fort ; à score égal, l'ordre d'entrée est conservé), sc_class, et un sc_&lt;critère&gt; par critère : sa part du score, de sorte que leur somme vaut sc_score. Un critère à valeur unique apporte 0, avec un avertissement. Attributs seulement : géométries et SCR sont copiés tels quels.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Scores written to the edit buffer of "{}": undo, or save the layer edits.</source>
        <translation>Scores écrits dans le tampon d'édition de « {} » : annulez, ou enregistrez les modifications de la couche.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Scoring criteria of the routes</source>
        <translation>Critères de notation des cheminements</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Seconds, default 60, for the exact search (scipy milp). When it runs out, or when more than 100,000 candidates are within the budget, the greedy plan is used and its distance to the best possible is reported.</source>
        <translation>Secondes, 60 par défaut, pour la recherche exacte (milp de scipy). Quand ce temps est écoulé, ou quand plus de 100 000 candidats tiennent dans le budget, le plan glouton est retenu et son écart au meilleur possible est indiqué.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Seeded random draws, used where lines that may fail (fragility curves) form loops; default 500. The log gives the standard error: raise it when that is too large.</source>
        <translation>Tirages aléatoires à graine fixe, utilisés là où des lignes susceptibles de tomber (courbes de fragilité) forment des boucles ; 500 par défaut. Le journal donne l'erreur type : augmentez-les quand elle est trop grande.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Sensitive site name</source>
        <translation>Nom du site sensible</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Sensitive site name field</source>
        <translation>Champ du nom du site sensible</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <location filename="../report/content.py"/>
        <source>Sensitive sites</source>
        <translation>Sites sensibles</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Sensitive sites (town halls, care homes…)</source>
        <translation>Sites sensibles (mairies, EHPAD…)</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Sensitive sites behind it</source>
        <translation>Sites sensibles desservis</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Sensitive sites in the scenario (im_failed, im_cut)</source>
        <translation>Sites sensibles dans le scénario (im_failed, im_cut)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sensitive sites that lose service</source>
        <translation>Sites sensibles privés de service</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Service areas</source>
        <translation>Zones accessibles</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Service areas for these minutes (e.g. 30;60;120)</source>
        <translation>Zones accessibles en ces durées, en minutes (par ex. 30;60;120)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Several hazard scenarios, each with its return period RP (years), on one network graph: when each line first fails, when each premises and site is first cut off, and the expected annual impact.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it.

Scenarios: HAZARD_RASTERS (one raster per scenario, e.g. water depth in m, any CRS, read on its own cells) with RETURN_PERIODS in the same order ('10;100;1000'); or HAZARD polygons whose SCENARIO_FIELD names each zone's scenario, with RETURN_PERIODS as code=years pairs ('01For=10;02Moy=100'). For TRI zones (scenario 01For, 02Moy, 04Fai) RETURN_PERIODS may stay empty: 10, 100 and 1000 years, the lower bounds of the national TRI mapping guidance (frequent 10–30 years, medium 100–300, extreme about 1000 or more); 03Mcc needs a value of its own. VALUE_FIELD gives the zones' intensity (else 1).
Failure of a line: its highest intensity reaches FAIL_VALUE; or, with FRAGILITY, a probability from a curve per laying mode (LAYING_FIELD, e.g. gt_laying): 'AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01' gives the probability of failure per km at each intensity, linear between the points, 0 below the first; '*' covers every other mode. A line fails with probability 1 − Π (1 − f(intensity of each piece))^(km of the piece). A curve that jumps to 1 at FAIL_VALUE gives the hard case back. Premises are cut with a probability: exact when every uncertain line is a bridge to the roots, else estimated from DRAWS random draws (the log gives the standard error). A shared-risk group (SRLG_FIELD) fails whole: its lines take the highest probability of its members.
Expected annual impact: the impact D of each scenario is integrated over the annual exceedance probability p = 1/RP by trapezoids between scenarios; TAIL 'constant' holds the rarest scenario's impact down to p = 0 ('none': nothing beyond it); more frequent than the most frequent scenario nothing, unless PROTECTION_RP says the network is only protected up to that return period (the most frequent impact is then held up to it). Example: RP 10, 100, 1000 cutting 0, 500, 2000 premises: (0.1 − 0.01) × (0 + 500)/2 + (0.01 − 0.001) × (500 + 2000)/2 = 33.75 premises a year; TAIL constant adds 0.001 × 2000 = 2.

OUTPUT_LINES keeps every NETWORK field and adds rp_first (the smallest return period at which the line fails, probability 0.5 or more with FRAGILITY; NULL if never), rp_aep (1 / rp_first), rp_levels (the hazard level 0–4 per scenario from the LEVELS thresholds, '10:0;100:2;1000:4') and rp_eal_m (expected annual exposed length, m/year: length at level 1 or more, integrated as above). OUTPUT_PREMISES and OUTPUT_SITES keep every field and add rp_first (the smallest return period at which it is cut off) and rp_aep. SUMMARY: one row per scenario (rp, aep, prem_cut, sites_cut, length_m of failed lines; expected values) and one 'expected annual' row, for the whole network (aggregate NULL) and per AGGREGATE polygon (AGGREGATE_FIELD) or per value of PREMISES_GROUP_FIELD (e.g. gt_nro). EAI_PREMISES (expected premises cut a year) and EAI_LENGTH_M are outputs. A rarer scenario that cuts fewer premises than a more frequent one is warned: it usually means mislabelled inputs.</source>
        <translation>Plusieurs scénarios d'aléa, chacun avec sa période de retour RP (années), sur un seul graphe du réseau : quand chaque ligne tombe pour la première fois, quand chaque local et chaque site est coupé pour la première fois, et l'impact annuel moyen.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées.

Scénarios : HAZARD_RASTERS (un raster par scénario, par ex. hauteur d'eau en m, tout SCR, lu sur ses propres cellules) avec RETURN_PERIODS dans le même ordre ('10;100;1000') ; ou des polygones HAZARD dont SCENARIO_FIELD donne le scénario de chaque zone, avec RETURN_PERIODS en paires code=années ('01For=10;02Moy=100'). Pour des zones TRI (scénario 01For, 02Moy, 04Fai), RETURN_PERIODS peut rester vide : 10, 100 et 1000 ans, les bornes basses du guide national de cartographie des TRI (fréquent 10–30 ans, moyen 100–300, extrême de l'ordre de 1000 ou plus) ; 03Mcc demande une valeur propre. VALUE_FIELD donne l'intensité des zones (sinon 1).
Défaillance d'une ligne : son intensité la plus forte atteint FAIL_VALUE ; ou, avec FRAGILITY, une probabilité tirée d'une courbe par mode de pose (LAYING_FIELD, par ex. gt_laying) : 'AERIEN: 20=0.001; 40=0.05 | SOUTERRAIN: 0.5=0.0005; 2=0.01' donne la probabilité de défaillance par km pour chaque intensité, linéaire entre les points, 0 sous le premier ; '*' couvre tous les autres modes. Une ligne tombe avec la probabilité 1 − Π (1 − f(intensité de chaque tronçon))^(km du tronçon). Une courbe qui saute à 1 à FAIL_VALUE redonne le cas tranché. Les locaux sont coupés avec une probabilité : exacte quand chaque ligne incertaine est un pont vers les racines, sinon estimée sur DRAWS tirages aléatoires (le journal donne l'erreur type). Un groupe de risque partagé (SRLG_FIELD) tombe en entier : ses lignes prennent la probabilité la plus forte de ses membres.
Impact annuel moyen : l'impact D de chaque scénario est intégré sur la probabilité annuelle de dépassement p = 1/RP par trapèzes entre scénarios ; TAIL « constant » garde l'impact du scénario le plus rare jusqu'à p = 0 (« none » : rien au-delà) ; plus fréquent que le scénario le plus fréquent, rien, sauf si PROTECTION_RP dit que le réseau n'est protégé que jusqu'à cette période de retour (l'impact le plus fréquent est alors gardé jusque-là). Exemple : RP 10, 100, 1000 coupant 0, 500, 2000 locaux : (0,1 − 0,01) × (0 + 500)/2 + (0,01 − 0,001) × (500 + 2000)/2 = 33,75 locaux par an ; TAIL constant ajoute 0,001 × 2000 = 2.

OUTPUT_LINES garde tous les champs de NETWORK et ajoute rp_first (la plus petite période de retour à laquelle la ligne tombe, probabilité 0,5 ou plus avec FRAGILITY ; NULL si jamais), rp_aep (1 / rp_first), rp_levels (le niveau d'aléa 0–4 par scénario selon les seuils LEVELS, '10:0;100:2;1000:4') et rp_eal_m (linéaire exposé annuel moyen, m/an : longueur au niveau 1 ou plus, intégrée comme ci-dessus). OUTPUT_PREMISES et OUTPUT_SITES gardent tous leurs champs et ajoutent rp_first (la plus petite période de retour à laquelle il est coupé) et rp_aep. SUMMARY : une ligne par scénario (rp, aep, prem_cut, sites_cut, length_m des lignes tombées ; valeurs moyennes) et une ligne « expected annual », pour tout le réseau (aggregate NULL) et par polygone AGGREGATE (AGGREGATE_FIELD) ou par valeur de PREMISES_GROUP_FIELD (par ex. gt_nro). EAI_PREMISES (locaux coupés en moyenne par an) et EAI_LENGTH_M sont des sorties. Un scénario plus rare qui coupe moins de locaux qu'un plus fréquent est signalé : c'est en général le signe de données mal étiquetées.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>Shapefile {name} has no {part} file beside it: a shapefile is its .shp, .shx and .dbf together.</source>
        <translation>Le shapefile {name} n'a pas de fichier {part} à côté de lui : un shapefile, c'est ses fichiers .shp, .shx et .dbf ensemble.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Share cut off</source>
        <translation>Part coupée</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Shared-risk group field (ids separated by ; or ,)</source>
        <translation>Champ des groupes de risque partagé (identifiants séparés par ; ou ,)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Shared-risk groups</source>
        <translation>Groupes de risque partagé</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Shared-risk groups defeating a redundancy</source>
        <translation>Groupes de risque partagé mettant en défaut une redondance</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Single failures by NRO</source>
        <translation>Défaillances uniques par NRO</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Single failures by NRO and tier</source>
        <translation>Défaillances uniques par NRO et par niveau</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Single failures per NRO and tier</source>
        <translation>Défaillances uniques par NRO et par niveau</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Single failures per NRO and tier (OUTPUT_TIERS)</source>
        <translation>Défaillances uniques par NRO et par niveau (OUTPUT_TIERS)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Site name field</source>
        <translation>Champ du nom des sites</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <location filename="../algorithms/power_resilience.py"/>
        <location filename="../algorithms/restoration.py"/>
        <source>Site node-id field</source>
        <translation>Champ identifiant de nœud des sites</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>Site role field (NRO, SRO)</source>
        <translation>Champ du rôle des sites (NRO, SRO)</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>Site roles</source>
        <translation>Rôles des sites</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Site {name}: no loop: {reason}.</source>
        <translation>Site {name} : pas de bouclage : {reason}.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Sites (NRO, SRO, PBO, sensitive sites)</source>
        <translation>Sites (NRO, SRO/PM, PBO, sites sensibles)</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>Sites by return period</source>
        <translation>Sites par période de retour</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites cut</source>
        <translation>Sites coupés</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Sites cut by a single line</source>
        <translation>Sites coupés par une seule ligne</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites cut by a single line (diversity 0)</source>
        <translation>Sites coupés par un seul lien (diversité 0)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Sites cut by a single node or group</source>
        <translation>Sites coupés par un seul nœud ou groupe</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites cut by a single node or shared-risk group (diversity 1)</source>
        <translation>Sites coupés par un seul nœud ou groupe de risque partagé (diversité 1)</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Sites cut off</source>
        <translation>Sites coupés</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites not attached to the network</source>
        <translation>Sites non rattachés au réseau</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Sites with path diversity</source>
        <translation>Sites avec diversité de chemins</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Sites with path diversity (rd_divers)</source>
        <translation>Sites et diversité de chemins (rd_divers)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Sites with physical diversity</source>
        <translation>Sites avec diversité physique</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Sites with physical diversity (diversity 2)</source>
        <translation>Sites en diversité physique (diversité 2)</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Sites with power figures</source>
        <translation>Sites avec leurs chiffres électriques</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Sites with rd_divers (Redundancy gaps' OUTPUT_SITES): sites by diversity class.</source>
        <translation>Sites avec rd_divers (OUTPUT_SITES de Défauts de redondance) : les sites par classe de diversité.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Sites with scenario impact</source>
        <translation>Sites avec impact du scénario</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Sites without power</source>
        <translation>Sites sans alimentation</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Snapping tolerance for line ends (m)</source>
        <translation>Tolérance d'accrochage des extrémités de ligne (m)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Software</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Speed factor in shallower water (1 = no slowing)</source>
        <translation>Facteur de vitesse en eau moins profonde (1 = pas de ralentissement)</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Speed field (km/h)</source>
        <translation>Champ de vitesse (km/h)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Speed multiplier in water shallower than the maximum depth; default 1 (no slowing).</source>
        <translation>Multiplicateur de vitesse dans une eau moins profonde que la hauteur maximale ; 1 par défaut (pas de ralentissement).</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Stays in top</source>
        <translation>Reste en tête</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Substation id field</source>
        <translation>Champ identifiant du poste source</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Substations</source>
        <translation>Postes sources</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Summarise by these polygons (communes, SRO zones…)</source>
        <translation>Synthétiser par ces polygones (communes, zones SRO/PM…)</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Summarise by this asset field (gt_nro, gt_sro…)</source>
        <translation>Synthèse par ce champ des ouvrages (gt_nro, gt_sro…)</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>Summary areas (polygons)</source>
        <translation>Zones de synthèse (polygones)</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>TOLERANCE must be between 0 and {maximum:g} m (got {value:g} m): a route end farther from its node is a drawing error to fix in the delivery.</source>
        <translation>TOLERANCE doit être comprise entre 0 et {maximum:g} m (reçu {value:g} m) : une extrémité de cheminement plus éloignée de son nœud est une erreur de dessin à corriger dans le livrable.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>TRI flood scenario (01For … 04Fai)</source>
        <translation>Scénario d'inondation TRI (01For … 04Fai)</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>TRI scenario by default: 01For (frequent) is level 4, 04Fai (extreme) level 1. Choose the preset that matches the hazard field's codes.</source>
        <translation>Scénario TRI par défaut : 01For (fréquent) est le niveau 4, 04Fai (extrême) le niveau 1. Choisissez le préréglage qui correspond aux codes du champ d'aléa.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>TRI water depth class (Inf05 … Sup2m)</source>
        <translation>Classe de hauteur d'eau TRI (Inf05 … Sup2m)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Tables (XLSX or ODS)</source>
        <translation>Tableaux (XLSX ou ODS)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Tables: {}</source>
        <translation>Tableaux : {}</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Targets (failed or critical assets)</source>
        <translation>Cibles (ouvrages défaillants ou critiques)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Targets with access times</source>
        <translation>Cibles avec temps d'accès</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The access layer's field holding the failed line's id (the same values as the network's line id field); an id on two rows is refused.</source>
        <translation>Le champ de la couche d'accès qui porte l'identifiant de la ligne défaillante (les mêmes valeurs que le champ d'identifiant du réseau) ; un identifiant sur deux lignes est refusé.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The actions at a site (more autonomy at a site left dark by POWER) as the site's point, with the same fields and ranks as in ACTIONS, where they are drawn as rings.</source>
        <translation>Les actions sur un site (plus d'autonomie pour un site privé d'électricité selon POWER) au point du site, avec les mêmes champs et rangs que dans ACTIONS, où elles sont dessinées en cercles.</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>The active sites of the power analysis: hours without power once their battery is empty, until the grid or a generator is back. The load-shedding (délestage) list ranks the sites by the premises behind them, then the sensitive sites, then the hours without power: the feeders to re-energise first, for the grid operator and the préfecture. A premises behind two sites is counted under each.</source>
        <translation>Les sites actifs de l'analyse énergétique : heures sans énergie une fois leurs batteries vides, jusqu'au retour du réseau ou d'un groupe électrogène. La liste de délestage classe les sites par locaux desservis, puis par sites sensibles, puis par heures sans énergie : les départs à réalimenter en premier, pour le gestionnaire du réseau électrique et la préfecture. Un local derrière deux sites est compté sous chacun.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The active sites' name field in the délestage list; default gt_code (else the feature id).</source>
        <translation>Le champ du nom des sites actifs dans la liste de délestage ; gt_code par défaut (sinon l'identifiant de l'entité).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The active sites, points: NROs, POPs and any shelter with active equipment (e.g. NODES of Read a GraceTHD delivery filtered on gt_role = 'NRO'). Passive cabinets and boxes need no power and do not belong here.</source>
        <translation>Les sites actifs, en points : NRO, POP et tout local technique avec des équipements actifs (par ex. NODES de Lire un livrable GraceTHD filtré sur gt_role = 'NRO'). Les armoires et boîtiers passifs n'ont pas besoin d'énergie et n'ont pas leur place ici.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The addresses (t_adresse) with gt_prem (premises count), gt_prio and the node codes of the PBO, SRO and NRO serving them (gt_pbo, gt_sro, gt_nro).</source>
        <translation>Les adresses (t_adresse) avec gt_prem (nombre de locaux), gt_prio et les codes des nœuds PBO, SRO et NRO qui les desservent (gt_pbo, gt_sro, gt_nro).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The aggregate polygons' name field, written in SUMMARY; without it, the polygons are numbered.</source>
        <translation>Le champ de nom des polygones d'agrégation, écrit dans SUMMARY ; sans lui, les polygones sont numérotés.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The assets to reach (failed or critical nodes, any geometry), reached at their point nearest the roads.</source>
        <translation>Les ouvrages à atteindre (nœuds défaillants ou critiques, toute géométrie), atteints en leur point le plus proche des routes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The assets with every field kept, plus hz_level (0–4), hz_class, hz_value, hz_length (m), hz_area (m²), hz_share (0–1) and hz_failed (0/1).</source>
        <translation>Les ouvrages avec tous leurs champs, plus hz_level (0–4), hz_class, hz_value, hz_length (m), hz_area (m²), hz_share (0–1) et hz_failed (0/1).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The budget of the action plan in EUR, drawn on the cost-benefit curve; optional.</source>
        <translation>Le budget du plan d'actions en EUR, tracé sur la courbe coût-bénéfice ; facultatif.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The candidates' cost field (EUR); required with CANDIDATES. NULL, negative or infinite stops the run, naming the candidate.</source>
        <translation>Le champ du coût des projets (EUR) ; obligatoire avec CANDIDATES. Une valeur NULL, négative ou infinie arrête le traitement, en nommant le projet.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The chosen actions in order, with the cumulative cost and premises secured (mp_cum_cost, mp_cum_prem) and the tier of what each one secures (mp_tier): the cost-benefit curve.</source>
        <translation>Les actions retenues dans l'ordre, avec le coût et les locaux sécurisés cumulés (mp_cum_cost, mp_cum_prem) et le niveau de ce que chacune sécurise (mp_tier) : la courbe coût-bénéfice.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The classes of sc_class: breaks=20;40;60;80 | labels=… or quantiles=5; empty: breaks 20/40/60/80 labelled very low to very high in QGIS's language.</source>
        <translation>Les classes de sc_class : breaks=20;40;60;80 | labels=… ou quantiles=5 ; vide : seuils 20/40/60/80 libellés de très faible à très élevé dans la langue de QGIS.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The communes' name field shown in the report.</source>
        <translation>Le champ du nom des communes affiché dans le rapport.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The communes' name field.</source>
        <translation>Le champ de nom des communes.</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>The cost-benefit curve adds the actions of the plan in rank order: their cumulative cost against the premises they secure, each premises counted once however many actions secure it.</source>
        <translation>La courbe coût-bénéfice ajoute les actions du plan dans l'ordre de leur rang : leur coût cumulé en regard des locaux qu'elles sécurisent, chaque local compté une fois quel que soit le nombre d'actions qui le sécurisent.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The crews' depot points. Depots farther than the maximum distance from a drivable road are named in a warning.</source>
        <translation>Les points des bases d'intervention. Les bases plus loin qu'à la distance maximale d'une route carrossable sont nommées dans un avertissement.</translation>
    </message>
    <message>
        <location filename="../adapters/edits.py"/>
        <source>The data source of "{}" cannot add fields or change values ({}); use "New scored layer" instead.</source>
        <translation>La source de données de « {} » ne permet pas d'ajouter des champs ni de modifier des valeurs ({}) ; utilisez plutôt « Nouvelle couche notée ».</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>The delivery is in geographic coordinates: outputs are in EPSG:2154.</source>
        <translation>Le livrable est en coordonnées géographiques : les sorties sont en EPSG:2154.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The depots drawn on the crew access map.</source>
        <translation>Les bases dessinées sur la carte d'accès des équipes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The depots' name field, written beside each target reached.</source>
        <translation>Le champ du nom des dépôts, écrit à côté de chaque cible atteinte.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The depots' name field, written in ac_depot; default the feature id.</source>
        <translation>Le champ de nom des bases, écrit dans ac_depot ; par défaut l'identifiant de l'entité.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The depots' name field, written in pw_depot and in the warnings.</source>
        <translation>Le champ de nom des dépôts, écrit dans pw_depot et dans les avertissements.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The délestage table: the sites ranked by premises, then sensitive sites, then dark hours, with their feeder: the list for the grid operator and the préfecture.</source>
        <translation>Le tableau de délestage : les sites classés par locaux, puis sites sensibles, puis heures sans énergie, avec leur départ : la liste pour le gestionnaire du réseau électrique et la préfecture.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>The exact search gave no proven plan ({why}): the plan comes from the greedy method ({method}); it secures {value:g} (premises, risk) pairs, at most {gap:.1%} less than the best possible ({bound:g}).</source>
        <translation>La recherche exacte n'a pas abouti ({why}) : le plan vient de la méthode gloutonne ({method}) ; il sécurise {value:g} couples (local, risque), au plus {gap:.1%} de moins que le meilleur possible ({bound:g}).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The failed layer's field holding the group ids (e.g. gt_code of the routes), separated by ; or ,. Required with a failed layer.</source>
        <translation>Le champ de la couche défaillante qui porte les identifiants de groupe (p. ex. gt_code des cheminements), séparés par ; ou ,. Obligatoire avec une couche défaillante.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The failed lines with rs_depot, rs_crew, rs_rank (order in the depot's list), rs_prem (premises depending on the line), rs_travel_h, rs_repair_h, rs_start_h and rs_done_h (NULL when never repaired).</source>
        <translation>Les lignes défaillantes avec rs_depot, rs_crew, rs_rank (rang dans la liste du dépôt), rs_prem (locaux qui dépendent de la ligne), rs_travel_h, rs_repair_h, rs_start_h et rs_done_h (NULL si jamais réparée).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The failed points' field naming their node; a node id that is not in the network is ignored, with a warning.</source>
        <translation>Le champ des points défaillants qui nomme leur nœud ; un identifiant absent du réseau est ignoré, avec un avertissement.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The failed points' id field (e.g. gt_code), found on both the failed nodes and their access layer, which keeps the fields of its targets.</source>
        <translation>Le champ d'identifiant des points défaillants (par ex. gt_code), présent à la fois sur les nœuds défaillants et sur leur couche d'accès, qui conserve les champs de ses cibles.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>The field holds the level 0–4</source>
        <translation>Le champ contient le niveau 0–4</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>The figures {by} are estimated from when each premises (and line) is first cut (rp_first), counted as cut in every rarer scenario: exact for hard failures and nested scenarios such as TRI maps.</source>
        <translation>Les chiffres {by} sont estimés à partir de la période de retour à laquelle chaque local (et chaque ligne) est coupé pour la première fois (rp_first), compté coupé dans chaque scénario plus rare : exact pour des défaillances franches et des scénarios emboîtés comme les cartes TRI.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>The figures {by} are the summary's own rows.</source>
        <translation>Les chiffres {by} sont les lignes mêmes du bilan.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The hazard raster of the run, listed in the provenance.</source>
        <translation>Le raster d'aléa du traitement, cité dans la provenance.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The hazard zones drawn on the maps.</source>
        <translation>Les zones d'aléa dessinées sur les cartes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The lines with every field plus rd_bridge (1: its loss cuts demand from every root), rd_prem and rd_sites (cut if it alone fails), rd_srlg_pr (cut if its whole shared-risk group fails) and rd_tier (collecte, transport, distribution).</source>
        <translation>Les lignes avec tous leurs champs, plus rd_bridge (1 : sa perte coupe de la demande de toutes les racines), rd_prem et rd_sites (coupés si elle tombe seule), rd_srlg_pr (coupés si tout son groupe de risque partagé tombe) et rd_tier (collecte, transport, distribution).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The lines with rp_first (smallest return period at which it fails; NULL if never), rp_aep (1/rp_first), rp_levels (level per scenario) and rp_eal_m (expected annual exposed length, m/year).</source>
        <translation>Les lignes avec rp_first (plus petite période de retour à laquelle elle tombe ; NULL si jamais), rp_aep (1/rp_first), rp_levels (niveau par scénario) et rp_eal_m (longueur exposée annuelle moyenne, m/an).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The lines' laying-mode field the fragility curves are chosen by (gt_laying on GraceTHD outputs). Required when the curves name modes.</source>
        <translation>Le champ de mode de pose des lignes qui choisit la courbe de fragilité (gt_laying sur les sorties GraceTHD). Obligatoire quand les courbes nomment des modes.</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>The measures proposed by the action plan of the run, ranked: a second, physically separate path (loop), burying exposed aerial spans, longer back-up power at active sites, and the operator's own projects. Each with its cost, the premises it newly secures, the cost per premises and who is to carry it out.</source>
        <translation>Les mesures proposées par le plan d'actions du calcul, classées : un second chemin physiquement distinct (bouclage), l'enfouissement des portées aériennes exposées, une autonomie électrique plus longue des sites actifs, et les projets propres de l'opérateur. Chacune avec son coût, les locaux qu'elle sécurise en plus, le coût par local et qui doit la porter.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The most segments (runs of lines whose loss cuts the same premises, and shared-risk groups that defeat a redundancy) searched for a loop, default 2000; 0: none. They are taken collecte first, then transport, then distribution, each tier by the premises the segment's loss cuts, most first; those left out are counted in a warning. Every SITES point is searched whatever this limit.</source>
        <translation>Nombre maximal de tronçons (suites de lignes dont la perte coupe les mêmes locaux, et groupes de risque partagé qui mettent en échec une redondance) pour lesquels un bouclage est cherché, 2000 par défaut ; 0 : aucun. Ils sont pris collecte d'abord, puis transport, puis distribution, dans chaque niveau selon les locaux que la perte du tronçon coupe, du plus grand au plus petit ; ceux laissés de côté sont comptés dans un avertissement. Chaque point de SITES est cherché quelle que soit cette limite.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The name field of the aggregate polygons.</source>
        <translation>Le champ de nom des polygones d'agrégation.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The network field whose value picks the repair time in the table: the laying mode (gt_laying: AERIEN, SOUTERRAIN…) or an asset type.</source>
        <translation>Le champ du réseau dont la valeur choisit la durée de réparation dans le tableau : le mode de pose (gt_laying : AERIEN, SOUTERRAIN…) ou un type d'ouvrage.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The network lines: cables (e.g. CABLES of Read a GraceTHD delivery) or civil-works routes (ROUTES). Multipart and curved lines are handled; lengths are in metres, in the layer's CRS when projected, else in Lambert-93 or the local UTM zone.</source>
        <translation>Les lignes du réseau : câbles (p. ex. CABLES de Lire un livrable GraceTHD) ou cheminements de génie civil (ROUTES). Les lignes multiparties et courbes sont prises en charge ; les longueurs sont en mètres, dans le SCR de la couche s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The network's line id field (e.g. gt_code), matched by the access layer's id field.</source>
        <translation>Le champ d'identifiant des lignes du réseau (par ex. gt_code), apparié au champ d'identifiant de la couche d'accès.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The nodes (t_noeud) with gt_code and gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, IMMEUBLE, AUTRE).</source>
        <translation>Les nœuds (t_noeud) avec gt_code et gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, IMMEUBLE, AUTRE).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The operator's GraceTHD delivery, version 2 or 3: a folder of shapefiles and CSV, a zip, a GeoPackage, or a PostGIS schema given as a connection URI.</source>
        <translation>Le livrable GraceTHD de l'exploitant, version 2 ou 3 : un dossier de shapefiles et de CSV, un zip, un GeoPackage, ou un schéma PostGIS donné par une URI de connexion.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The operator's delivery: a folder of shapefiles and CSV (; separated, UTF-8 or cp1252), the same as a .zip (read in place) or a GeoPackage. Give this or a PostGIS connection, not both; a delivery one folder down is refused, naming that folder.</source>
        <translation>Le livrable de l'opérateur : un dossier de shapefiles et de CSV (séparateur ;, UTF-8 ou cp1252), le même en .zip (lu sur place) ou un GeoPackage. Donnez ceci ou une connexion PostGIS, pas les deux ; un livrable placé un dossier plus bas est refusé, avec le nom de ce dossier.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The outage zones' duration field, in hours.</source>
        <translation>Le champ de durée des zones de coupure, en heures.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The parameters of the run, as key=value lines or a JSON object, copied into the provenance (the resilienceplan model fills it). Passwords are removed.</source>
        <translation>Les paramètres du traitement, en lignes clé=valeur ou en objet JSON, recopiés dans la provenance (le modèle resilienceplan le remplit). Les mots de passe sont retirés.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>The plan is the best possible within BUDGET: exact search (scipy milp, HiGHS), gap 0.</source>
        <translation>Le plan est le meilleur possible dans la limite de BUDGET : recherche exacte (milp de scipy, HiGHS), écart nul.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The premises with im_failed, im_cut and im_prem (premises cut off at that point).</source>
        <translation>Les locaux avec im_failed, im_cut et im_prem (locaux coupés en ce point).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The premises' field naming their NRO, for the breakdown by NRO; default gt_nro.</source>
        <translation>Le champ des locaux qui nomme leur NRO, pour la ventilation par NRO ; gt_nro par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The raster band to read; default 1.</source>
        <translation>La bande du raster à lire ; 1 par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The report's title; default Resilience plan.</source>
        <translation>Le titre du rapport ; Resilience plan par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The restoration curve, one row per hour: rs_hour, rs_out (premises out), rs_power (out because of power only) and rs_damage (out because of unrepaired damage).</source>
        <translation>La courbe de rétablissement, une ligne par heure : rs_hour, rs_out (locaux coupés), rs_power (coupés par l'énergie seule) et rs_damage (coupés par des dommages non réparés).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The restoration table (rs_hour, rs_out, rs_power, rs_damage; a GeoPackage table or CSV): the restoration curve, premise-hours lost and hours until 90 % is back.</source>
        <translation>Le tableau de rétablissement (rs_hour, rs_out, rs_power, rs_damage ; une table GeoPackage ou un CSV) : la courbe de rétablissement, les locaux-heures perdus et les heures jusqu'au rétablissement de 90 %.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The roads, drawn on the crew access map.</source>
        <translation>Les routes, dessinées sur la carte d'accès des équipes.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The routes (t_cheminement) with every source field plus gt_code, gt_laying (AERIEN, FACADE, SOUTERRAIN, INTERIEUR, INCONNU), gt_passage (PON: bridge), gt_nd1, gt_nd2 and gt_cables.</source>
        <translation>Les cheminements (t_cheminement) avec tous les champs source plus gt_code, gt_laying (AERIEN, FACADE, SOUTERRAIN, INTERIEUR, INCONNU), gt_passage (PON : pont), gt_nd1, gt_nd2 et gt_cables.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The routes' identifier shown in the ranked list; default gt_code.</source>
        <translation>L'identifiant des cheminements affiché dans la liste classée ; gt_code par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The schema of the PostGIS connection holding the t_* tables. A missing schema is named, with the schemas the database holds.</source>
        <translation>Le schéma de la connexion PostGIS qui contient les tables t_*. Un schéma absent est nommé, avec les schémas que contient la base.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>The scoreassets call is in the clipboard.</source>
        <translation>L'appel à scoreassets est dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sensitive sites' name field shown in the report.</source>
        <translation>Le champ du nom des sites sensibles affiché dans le rapport.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sensitive sites' name field shown in the report; default name.</source>
        <translation>Le champ de nom des sites sensibles affiché dans le rapport ; name par défaut.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sites to loop, points: NROs and cabinets (SRO) for the collecte and transport tiers (e.g. NODES of Read a GraceTHD delivery filtered on gt_role IN ('NRO', 'SRO')). Each site cut by a single line, node or shared-risk group gets a loop; segments get theirs without being listed here (MAX_SEGMENT_LOOPS).</source>
        <translation>Les sites à boucler, des points : NRO et armoires (SRO) pour les niveaux collecte et transport (par ex. NODES de Lire une livraison GraceTHD filtré sur gt_role IN ('NRO', 'SRO')). Chaque site coupé par une seule ligne, un seul nœud ou un groupe de risque partagé reçoit un bouclage ; les tronçons reçoivent le leur sans figurer ici (MAX_SEGMENT_LOOPS).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sites with im_failed (its own node failed), im_cut (cut off by failures elsewhere) and im_prem (premises on its node that lose service).</source>
        <translation>Les sites avec im_failed (son propre nœud est tombé), im_cut (coupé par des défaillances ailleurs) et im_prem (locaux de son nœud privés de service).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sites with pw_outage_h, pw_autonomy_h, pw_gen_h, pw_dark_h (hours without power), pw_prem (premises depending on the site), pw_prem_h, pw_sens and pw_depot.</source>
        <translation>Les sites avec pw_outage_h, pw_autonomy_h, pw_gen_h, pw_dark_h (heures sans énergie), pw_prem (locaux dépendant du site), pw_prem_h, pw_sens et pw_depot.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The sites' field naming the substation that feeds them; a name matching no substation is warned. Also written in the délestage table.</source>
        <translation>Le champ des sites nommant le poste source qui les alimente ; un nom sans poste correspondant donne un avertissement. Écrit aussi dans le tableau de délestage.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The substations' id field, matched by the sites' feeder field.</source>
        <translation>Le champ d'identifiant des postes sources, mis en correspondance avec le champ de départ des sites.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>The summary's integration rule could not be recovered from its rows (a protection return period?): estimates assume nothing beyond the rarest scenario and no protection.</source>
        <translation>La règle d'intégration du bilan n'a pas pu être retrouvée à partir de ses lignes (une période de retour de protection ?) : les estimations ne supposent rien au-delà du scénario le plus rare et aucune protection.</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>The table lists the {shown} first-ranked of {total} candidate actions (TOP).</source>
        <translation>Le tableau donne les {shown} premières des {total} actions candidates (TOP).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The targets with ac_depot, ac_t0_min (normal), ac_t1_min (hazard), ac_delay, ac_reach (0/1), ac_km and ac_snap_m; NULL where there is no route. For a target the hazard cuts off, ac_dry_min and ac_dry_m: the time to its dry staging point (the reachable point of a passable road nearest it) and the straight-line metres left from there.</source>
        <translation>Les cibles avec ac_depot, ac_t0_min (normal), ac_t1_min (aléa), ac_delay, ac_reach (0/1), ac_km et ac_snap_m ; NULL là où il n'y a pas d'itinéraire. Pour une cible que l'aléa isole, ac_dry_min et ac_dry_m : le temps jusqu'à son point de repli au sec (le point atteignable d'une route praticable le plus proche d'elle) et les mètres restant à vol d'oiseau depuis ce point.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The title on the report's first page.</source>
        <translation>Le titre de la première page du rapport.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The zones' field naming their scenario (scenario for TRI: 01For, 02Moy, 03Mcc, 04Fai). Required with hazard zones.</source>
        <translation>Le champ des zones qui nomme leur scénario (scenario pour le TRI : 01For, 02Moy, 03Mcc, 04Fai). Obligatoire avec des zones d'aléa.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The zones' field naming their scenario; each scenario needs a return period.</source>
        <translation>Le champ des zones qui nomme leur scénario ; chaque scénario a besoin d'une période de retour.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The zones' field whose values become levels through the preset (e.g. scenario, typeniveaualea, NIVEAU). Without it every zone is level 1.</source>
        <translation>Le champ des zones dont les valeurs deviennent des niveaux par la grille de niveaux (p. ex. scenario, typeniveaualea, NIVEAU). Sans lui, chaque zone est de niveau 1.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>The zones' field whose values the preset turns into levels 1-4 (for TRI maps: scenario, 01For to 04Fai). Empty: every zone is level 1.</source>
        <translation>Le champ des zones dont le préréglage convertit les valeurs en niveaux 1 à 4 (pour les cartes TRI : scenario, 01For à 04Fai). Vide : chaque zone est de niveau 1.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>The {n} assets of highest risk score, with the contribution of each criterion to the score (contributions add up to the score).</source>
        <translation>Les {n} ouvrages de plus forte criticité, avec la contribution de chaque critère à la note (les contributions s'additionnent pour donner la note).</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Thresholds</source>
        <translation>Seuils</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Thresholds 0.1;0.5;1;2 (value ≥ 0.1 is level 1, ≥ 0.5 level 2…) or value=level pairs such as Faible=1;Moyen=2;Fort=3 (case-insensitive). Used by the Numeric thresholds and Custom presets, and by Auto when given.</source>
        <translation>Seuils 0.1;0.5;1;2 (valeur ≥ 0,1 : niveau 1, ≥ 0,5 : niveau 2…) ou paires valeur=niveau comme Faible=1;Moyen=2;Fort=3 (sans distinction de casse). Utilisé par les grilles Seuils numériques et Liste valeur=niveau personnalisée, et par Auto s'il est donné.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Thresholds must be numbers separated by ; (got '{}').</source>
        <translation>Les seuils doivent être des nombres séparés par ; (reçu : « {} »).</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>Tier or cable class field (collecte, transport, distribution)</source>
        <translation>Champ du niveau ou du type logique de câble (collecte, transport, distribution)</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Tier {tier}: no single failure cuts premises.</source>
        <translation>Niveau {tier} : aucune défaillance unique ne coupe de locaux.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Tier {tier}: not analysed (the NROs are roots: nothing upstream of them is in the graph).</source>
        <translation>Niveau {tier} : non analysé (les NRO sont des racines : rien en amont n'est dans le graphe).</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>Tier {tier}: one failure cuts at most {premises:g} premises ({where}).</source>
        <translation>Niveau {tier} : une défaillance coupe au plus {premises:g} locaux ({where}).</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>Tiers from the cable classes</source>
        <translation>Niveaux d'après les types logiques de câble</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Time limit of the exact portfolio search (s)</source>
        <translation>Durée maximale de la recherche exacte du portefeuille (s)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>To-node field</source>
        <translation>Champ du nœud d'arrivée</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>Topology defects</source>
        <translation>Défauts de topologie</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Topology: no defect found.</source>
        <translation>Topologie : aucun défaut trouvé.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>Topology: {count} {what}.</source>
        <translation>Topologie : {count} {what}.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Town halls, care homes, emergency services: those that lose service first.</source>
        <translation>Mairies, EHPAD, services de secours : ceux qui perdent le service en premier.</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>UTM zone {zone} {hemisphere} for geographic data</source>
        <translation>zone UTM {zone} {hemisphere} pour des données géographiques</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <location filename="../report/content.py"/>
        <source>Unreachable assets</source>
        <translation>Ouvrages inaccessibles</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Unreachable targets</source>
        <translation>Cibles inaccessibles</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <location filename="../report/plan_section.py"/>
        <location filename="../report/power_section.py"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>Water depth raster (m)</source>
        <translation>Raster des hauteurs d'eau (m)</translation>
    </message>
    <message>
        <location filename="../algorithms/restoration.py"/>
        <source>Water recedes after (h)</source>
        <translation>Retrait de l'eau après (h)</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <location filename="../ui/scoring_dock.py"/>
        <source>Weighted product</source>
        <translation>Produit pondéré</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <location filename="../ui/scoring_dock.py"/>
        <source>Weighted sum</source>
        <translation>Somme pondérée</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Weighted sum (score = 100 × Σ w·r), or weighted product (a geometric mean of the risks floored at 1 %: one low risk pulls the score down).</source>
        <translation>Somme pondérée (score = 100 × Σ w·r), ou produit pondéré (moyenne géométrique des risques planchers à 1 % : un seul risque faible tire le score vers le bas).</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>What a hazard scenario cuts off: the premises and sites whose own node fails and those cut from every root by failures elsewhere, kept apart.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it.

Failures (any combination): FAILED_EXPRESSION on NETWORK (true = the line fails, e.g. "hz_failed" = 1 on the output of Hazard exposure); FAILED_LAYER with FAILED_GROUP_FIELD (one or more group ids, separated by ; or ,) and FAILED_LAYER_EXPRESSION (default: every feature): every NETWORK line whose SRLG_FIELD names such a group fails (e.g. the failed routes of a cable network); FAILED_NODES: points whose nearest node within MAX_SNAP (or the node named by FAILED_NODE_FIELD) fails.

OUTPUT_SITES and OUTPUT_PREMISES keep every input field and add im_failed (1 when its own node failed), im_cut (1 when it reached a root before and reaches none now, its node not failed) and im_prem (premises cut off: its count for a premises point; for a site, the premises on its node that lose service). SUMMARY keeps every AGGREGATE polygon field and adds im_prem_n, im_prem_f, im_prem_c (premises in it, failed, cut) and im_site_n, im_site_f, im_site_c (sites). OUTPUT_LINES keeps every NETWORK field and adds im_failed (1 for a failed line), im_cut (1 when it did not fail but neither end reaches a root), im_prem (failed lines: the cut premises whose every path to a root ran through it; lines in series each count them) and im_repair (failed lines: the premises that come back if it alone is repaired, the other failures staying). PREMISES_CUT (premises losing service: failed or cut) and SITES_CUT (sites losing service) are outputs.</source>
        <translation>Ce qu'un scénario d'aléa coupe : les locaux et sites dont le propre nœud est défaillant et ceux coupés de toutes les racines par des défaillances ailleurs, comptés à part.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées.

Défaillances (toute combinaison) : FAILED_EXPRESSION sur NETWORK (vrai = la ligne tombe, par ex. "hz_failed" = 1 sur la sortie d'Exposition aux aléas) ; FAILED_LAYER avec FAILED_GROUP_FIELD (un ou plusieurs identifiants de groupe, séparés par ; ou ,) et FAILED_LAYER_EXPRESSION (par défaut : toutes les entités) : toute ligne de NETWORK dont SRLG_FIELD désigne un tel groupe tombe (par ex. les cheminements défaillants d'un réseau de câbles) ; FAILED_NODES : points dont le nœud le plus proche à moins de MAX_SNAP (ou le nœud désigné par FAILED_NODE_FIELD) est défaillant.

OUTPUT_SITES et OUTPUT_PREMISES conservent tous les champs d'entrée et ajoutent im_failed (1 quand son propre nœud est défaillant), im_cut (1 quand il atteignait une racine avant et n'en atteint plus aucune, son nœud n'étant pas défaillant) et im_prem (locaux coupés : son nombre pour un point de locaux ; pour un site, les locaux de son nœud qui perdent le service). SUMMARY conserve tous les champs des polygones AGGREGATE et ajoute im_prem_n, im_prem_f, im_prem_c (locaux qu'il contient, défaillants, coupés) et im_site_n, im_site_f, im_site_c (sites). OUTPUT_LINES conserve tous les champs de NETWORK et ajoute im_failed (1 pour une ligne défaillante), im_cut (1 quand elle n'est pas tombée mais qu'aucune de ses extrémités n'atteint une racine), im_prem (lignes défaillantes : les locaux coupés dont tous les chemins vers une racine passaient par elle ; des lignes en série les comptent chacune) et im_repair (lignes défaillantes : les locaux rétablis si elle seule est réparée, les autres défaillances restant). PREMISES_CUT (locaux qui perdent le service : défaillants ou coupés) et SITES_CUT (sites qui perdent le service) sont des sorties.</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>What it secures</source>
        <translation>Ce qu'elle sécurise</translation>
    </message>
    <message>
        <location filename="../algorithms/power_resilience.py"/>
        <source>Which active sites go dark when the grid fails, for how long, how many premises lose service, where mobile generators should go, and in which order the grid operator should re-energise the sites' feeders (délestage). Every time is in hours from the start of the outage, which begins everywhere at once.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it.

SITES: the active sites (NRO, shelters with active equipment; e.g. the GraceTHD nodes whose gt_role is NRO). AUTONOMY_FIELD: battery hours; NULL takes DEFAULT_AUTONOMY (with a warning), negative is refused. GENERATOR_FIELD: 1 for a fixed generator on site, which adds FUEL_HOURS to the autonomy.
Grid outage: OUTAGES polygons with their duration in OUTAGE_HOURS_FIELD (NULL or no field: OUTAGE_HOURS); a site in no zone has no outage, a site in several takes the longest. Without OUTAGES every site has OUTAGE_HOURS. SUBSTATIONS (points, id in SUBSTATION_ID_FIELD) with FEEDER_FIELD on the sites naming the substation that feeds each: a substation takes the outage of the zone it stands in, and a site fed by it the longer of its own and its substation's.
Mobile generators: GENERATORS of them, held at GENERATOR_DEPOTS; each leaves at the start from the dry depot nearest to its site, travels over ROADS under the hazard exactly as Crew access routes computes it (same road and hazard parameters), is set up in SETUP_MINUTES and stays until the outage ends. A depot in a BLOCKED polygon, or whose road is impassable where it joins it, is flooded: not used, and named in a warning. Allocation, greedy: each generator in turn goes to the site where it saves the most premise-hours (pw_prem × dark hours avoided), ties to more sensitive sites, then more hours avoided, then the first site; a site no generator can reach waits for the outage's end.
GENERATOR_COUNT_FIELD (on GENERATOR_DEPOTS): how many generators each depot holds (a whole number, 0 or more; NULL, NaN, negative and fractional counts are refused, naming the depot). Given, it replaces GENERATORS (which is then not read): the fleet is the sum of the counts, each generator leaves from its own depot and a depot sends no more than it holds; each generator in turn goes to the site and the depot still holding one that save the most premise-hours (the same ties, then the earlier arrival, then the first depot).
SENSITIVE_SITES (optional points: hospitals, emergency services…) attach to the network like premises.

OUTPUT keeps every SITES field and adds pw_outage_h (grid outage, h), pw_autonomy_h (battery plus fixed generator fuel, h), pw_gen_h (mobile generator arrival, h; NULL if none), pw_dark_h (hours without power: from the end of the autonomy to the earlier of the outage's end and the generator's arrival; 0 if never), pw_prem (premises whose every path to a root runs through the site; NULL for a site not on the network), pw_prem_h (pw_prem × pw_dark_h), pw_sens (sensitive sites behind it) and pw_depot (the generator's depot). PRIORITY: the délestage table, one row per site ranked by premises, then sensitive sites behind it, then dark hours: pw_rank, pw_fid (site feature id), pw_feeder, the figures above.
SITES_DARK (sites with pw_dark_h &gt; 0), PREMISE_HOURS_POWER (premise-hours without service, each premises counted once hour by hour: two dark sites in series count once, two redundant sites both dark count) and GENERATORS_USED are outputs.</source>
        <translation>Quels sites actifs perdent leur alimentation quand le réseau électrique tombe, pendant combien de temps, combien de locaux perdent le service, où envoyer les groupes électrogènes mobiles, et dans quel ordre le gestionnaire du réseau électrique doit réalimenter les départs des sites (délestage). Toutes les durées sont en heures depuis le début de la coupure, qui commence partout au même moment.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées.

SITES : les sites actifs (NRO, shelters avec équipements actifs ; par ex. les nœuds GraceTHD dont gt_role vaut NRO). AUTONOMY_FIELD : heures d'autonomie des batteries ; NULL prend DEFAULT_AUTONOMY (avec un avertissement), une valeur négative est refusée. GENERATOR_FIELD : 1 pour un groupe électrogène fixe sur le site, qui ajoute FUEL_HOURS à l'autonomie.
Coupure électrique : polygones OUTAGES avec leur durée dans OUTAGE_HOURS_FIELD (NULL ou sans champ : OUTAGE_HOURS) ; un site hors de toute zone n'est pas coupé, un site dans plusieurs zones prend la plus longue. Sans OUTAGES, chaque site a OUTAGE_HOURS. SUBSTATIONS (points, identifiant dans SUBSTATION_ID_FIELD) avec FEEDER_FIELD sur les sites, qui désigne le poste source qui alimente chacun : un poste source prend la coupure de la zone où il se trouve, et un site qu'il alimente la plus longue de sa propre coupure et de celle de son poste.
Groupes électrogènes mobiles : GENERATORS groupes, stockés dans GENERATOR_DEPOTS ; chacun part au début du dépôt hors d'eau le plus proche de son site, circule sur ROADS sous l'aléa exactement comme le calcule Accès des équipes (mêmes paramètres de routes et d'aléa), est mis en service en SETUP_MINUTES et reste jusqu'à la fin de la coupure. Un dépôt dans un polygone BLOCKED, ou dont la route est impraticable là où il la rejoint, est inondé : non utilisé, et nommé dans un avertissement. Affectation gloutonne : chaque groupe va à son tour au site où il évite le plus d'heures-locaux (pw_prem × heures sans alimentation évitées), à égalité au site avec le plus de sites sensibles, puis le plus d'heures évitées, puis le premier site ; un site qu'aucun groupe ne peut atteindre attend la fin de la coupure.
GENERATOR_COUNT_FIELD (sur GENERATOR_DEPOTS) : le nombre de groupes que détient chaque dépôt (un nombre entier, 0 ou plus ; les nombres NULL, NaN, négatifs ou non entiers sont refusés, en nommant le dépôt). S'il est donné, il remplace GENERATORS (qui n'est alors pas lu) : la flotte est la somme des nombres, chaque groupe part de son propre dépôt et un dépôt n'envoie pas plus de groupes qu'il n'en détient ; chaque groupe va à son tour au couple site et dépôt qui en détient encore un évitant le plus d'heures-locaux (mêmes départages, puis l'arrivée la plus tôt, puis le premier dépôt).
SENSITIVE_SITES (points facultatifs : hôpitaux, services de secours…) se rattachent au réseau comme les locaux.

OUTPUT conserve tous les champs de SITES et ajoute pw_outage_h (coupure électrique, h), pw_autonomy_h (batteries plus carburant du groupe fixe, h), pw_gen_h (arrivée du groupe mobile, h ; NULL sans groupe), pw_dark_h (heures sans alimentation : de la fin de l'autonomie à la plus précoce de la fin de la coupure et de l'arrivée du groupe ; 0 si jamais), pw_prem (locaux dont tout chemin vers une racine passe par le site ; NULL pour un site hors du réseau), pw_prem_h (pw_prem × pw_dark_h), pw_sens (sites sensibles derrière lui) et pw_depot (le dépôt du groupe). PRIORITY : le tableau de délestage, une ligne par site, classés par locaux, puis sites sensibles derrière eux, puis heures sans alimentation : pw_rank, pw_fid (identifiant d'entité du site), pw_feeder, et les chiffres ci-dessus.
SITES_DARK (sites avec pw_dark_h &gt; 0), PREMISE_HOURS_POWER (heures-locaux sans service, chaque local compté une fois heure par heure : deux sites en série sans alimentation comptent une fois, deux sites redondants tous deux sans alimentation comptent) et GENERATORS_USED sont des sorties.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Which assets (points, lines or polygons: sites, chambers, poles, routes, cables…) lie in which hazard, at what level, over what length or area.

Hazard: HAZARD polygons (flood scenarios, PPR zones, clay, groundwater, storm footprints, custom zones) and/or HAZARD_RASTER (water depth or any intensity). At least one is needed.
HAZARD_FIELD and PRESET turn zone values into levels 0–4 (0 not exposed, 1 low, 2 medium, 3 high, 4 very high): TRI scenario (01For=4, 02Moy=3, 03Mcc=2, 04Fai=1: the frequent flood is the most severe place), TRI depth class (Inf05=1, 05-1m=2, 1m-2m=3, Sup2m=4), PPR level typeniveaualea (00=0, 01 faible=1, 02–03 moyen=2, 04–05 fort=3, 06–07 très fort=4), clay shrink-swell (NIVEAU 1–3 or ALEA Faible/Moyen/Fort; Nul=0), groundwater rise CLASSE (débordement de nappe=3, inondation de cave=2, neither=0), numeric thresholds or a custom list given in LEVELS, or a field that holds the level. Auto guesses from the field name and values. Without a field every zone is level 1. Values that match no level get 0 and are listed in a warning.
LEVELS: thresholds '0.1;0.5;1;2' (value &gt;= 0.1 is level 1, &gt;= 0.5 level 2…) or 'value=level;…' pairs (case-insensitive).
RASTER_THRESHOLDS: the same thresholds for raster cell values (default 0.01;0.5;1;2 m of water). Nodata cells are not exposure. Lines are cut exactly at every cell edge; polygons take the highest cell whose centre they cover (or the cell under them when smaller than a cell) and their exact wet area.
BUFFER (m) widens every hazard zone. FAIL_LEVEL: hz_failed = 1 from this level on. PREMISES_COUNT: premises per asset (expression), summed in SUMMARY. AGGREGATE polygons (communes, SRO zones…) split SUMMARY by AGGREGATE_FIELD; an asset belongs to the polygon holding its point, the mid-point of a line, or a point inside a polygon. GROUP_FIELD (a field of INPUT, e.g. gt_nro) splits SUMMARY by its values, text or numbers; NULL values make a group of their own. With both, SUMMARY has a row set per (polygon, value) pair holding assets.

OUTPUT keeps every input field and geometry and adds: hz_level (0–4, the highest level met; vector and raster: the higher), hz_class (source class of that level, 'raster' when it comes from the raster), hz_value (highest numeric zone value or raster value met, NULL if none), hz_length (lines: exposed length in m, overlapping zones counted once), hz_area (polygons: exposed area in m²), hz_share (exposed share 0–1; points 0 or 1), hz_failed (1 when hz_level &gt;= FAIL_LEVEL), hz_len_1 … hz_len_4 (lines: the length in m lying at exactly that level, each stretch counted once at the highest level over it, from the zones covering it and the raster cell under it; they add up to hz_length; NULL for points and polygons, whose exposure is no length). A zone touched at its edge counts as exposure (a line touching a level-4 zone at one point is level 4 with hz_len_4 = 0). Null or empty geometries get level 0 and NULL measures.
SUMMARY: a table by level 0–4 (and aggregate polygon, column aggregate, and/or GROUP_FIELD value as text, column grp_value; NULL: assets in no polygon, or with a NULL value) with n_assets, length_m (the whole exposed length of the assets of that level), band_m (the length of line lying at exactly that level, the sum of hz_len_&lt;level&gt;; at level 0 the length outside every hazard, so that band_m adds up to the length of the lines), area_m2, premises and n_failed. EXPOSED_COUNT and FAILED_COUNT count assets with hz_level &gt;= 1 and hz_failed = 1.

CRS: lengths and areas are computed in INPUT's CRS when projected, otherwise in Lambert-93 (in metropolitan France) or the local UTM zone. HAZARD and AGGREGATE are reprojected to it; the raster is sampled on its own cells in its own CRS (it must have one), reading only the window under the assets; a raster that misses every asset exposes nothing (with a warning). Invalid hazard polygons are repaired (and counted in the log).</source>
        <translation>Quels ouvrages (points, lignes ou polygones : sites, chambres, appuis, cheminements, câbles…) se trouvent dans quel aléa, à quel niveau, sur quelle longueur ou surface.

Aléa : polygones HAZARD (scénarios d'inondation, zones de PPR, argiles, remontées de nappe, emprises de tempête, zones personnalisées) et/ou HAZARD_RASTER (hauteur d'eau ou toute intensité). Il en faut au moins un.
HAZARD_FIELD et PRESET convertissent les valeurs des zones en niveaux 0–4 (0 non exposé, 1 faible, 2 moyen, 3 fort, 4 très fort) : scénario TRI (01For=4, 02Moy=3, 03Mcc=2, 04Fai=1 : la crue fréquente est l'endroit le plus sévère), classe de hauteur TRI (Inf05=1, 05-1m=2, 1m-2m=3, Sup2m=4), niveau PPR typeniveaualea (00=0, 01 faible=1, 02–03 moyen=2, 04–05 fort=3, 06–07 très fort=4), retrait-gonflement des argiles (NIVEAU 1–3 ou ALEA Faible/Moyen/Fort ; Nul=0), remontée de nappe CLASSE (débordement de nappe=3, inondation de cave=2, aucun des deux=0), seuils numériques ou liste personnalisée donnés dans LEVELS, ou un champ qui contient le niveau. Auto devine d'après le nom et les valeurs du champ. Sans champ, chaque zone est de niveau 1. Les valeurs sans niveau correspondant reçoivent 0 et sont listées dans un avertissement.
LEVELS : seuils '0.1;0.5;1;2' (valeur &gt;= 0.1 : niveau 1, &gt;= 0.5 : niveau 2…) ou paires 'valeur=niveau;…' (sans distinction de casse).
RASTER_THRESHOLDS : les mêmes seuils pour les valeurs des cellules du raster (par défaut 0.01;0.5;1;2 m d'eau). Les cellules nodata ne sont pas une exposition. Les lignes sont découpées exactement à chaque bord de cellule ; les polygones prennent la cellule la plus haute dont ils couvrent le centre (ou la cellule sous eux quand ils sont plus petits qu'une cellule) et leur surface inondée exacte.
BUFFER (m) élargit chaque zone d'aléa. FAIL_LEVEL : hz_failed = 1 à partir de ce niveau. PREMISES_COUNT : locaux par ouvrage (expression : l'enjeu), totalisés dans SUMMARY. Les polygones AGGREGATE (communes, zones SRO…) découpent SUMMARY selon AGGREGATE_FIELD ; un ouvrage appartient au polygone qui contient son point, le milieu d'une ligne, ou un point intérieur d'un polygone. GROUP_FIELD (un champ d'INPUT, par ex. gt_nro) découpe SUMMARY selon ses valeurs, texte ou nombres ; les valeurs NULL forment un groupe à part. Avec les deux, SUMMARY a une série de lignes par paire (polygone, valeur) qui contient des ouvrages.

OUTPUT conserve tous les champs et la géométrie d'entrée et ajoute : hz_level (0–4, le plus haut niveau atteint ; vecteur et raster : le plus haut des deux), hz_class (classe source de ce niveau, 'raster' quand il vient du raster), hz_value (plus haute valeur numérique de zone ou valeur raster atteinte, NULL sinon), hz_length (lignes : longueur exposée en m, zones superposées comptées une fois), hz_area (polygones : surface exposée en m²), hz_share (part exposée 0–1 ; points 0 ou 1), hz_failed (1 quand hz_level &gt;= FAIL_LEVEL), hz_len_1 … hz_len_4 (lignes : la longueur en m située exactement à ce niveau, chaque tronçon compté une fois au plus haut niveau qui le couvre, d'après les zones qui le recouvrent et la cellule raster sous lui ; leur somme vaut hz_length ; NULL pour les points et les polygones, dont l'exposition n'est pas une longueur). Une zone touchée par son bord compte comme exposition (une ligne qui touche une zone de niveau 4 en un point est de niveau 4 avec hz_len_4 = 0). Les géométries nulles ou vides reçoivent le niveau 0 et des mesures NULL.
SUMMARY : une table par niveau 0–4 (et par polygone de synthèse, colonne aggregate, et/ou par valeur de GROUP_FIELD en texte, colonne grp_value ; NULL : ouvrages hors de tout polygone, ou de valeur NULL) avec n_assets, length_m (toute la longueur exposée des ouvrages de ce niveau), band_m (la longueur de ligne située exactement à ce niveau, somme des hz_len_&lt;niveau&gt; ; au niveau 0, la longueur hors de tout aléa, de sorte que band_m totalise la longueur des lignes), area_m2, premises et n_failed. EXPOSED_COUNT et FAILED_COUNT comptent les ouvrages avec hz_level &gt;= 1 et hz_failed = 1.

SCR : longueurs et surfaces calculées dans le SCR d'INPUT s'il est projeté, sinon en Lambert-93 (en France métropolitaine) ou dans la zone UTM locale. HAZARD et AGGREGATE y sont reprojetés ; le raster est échantillonné sur ses propres cellules dans son propre SCR (il doit en avoir un), en ne lisant que la fenêtre sous les ouvrages ; un raster qui ne recouvre aucun ouvrage n'en expose aucun (avec un avertissement). Les polygones d'aléa invalides sont réparés (et comptés dans le journal).</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Which features of the failed layer fail, e.g. "hz_failed" = 1; empty: all of them.</source>
        <translation>Quelles entités de la couche défaillante tombent, p. ex. "hz_failed" = 1 ; vide : toutes.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>Which investments secure the most premises per euro, within a budget: new loops, burying exposed spans and the operator's own projects, each with its cost and the premises it secures, and the best set of them that the budget buys, each premises counted once.

NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are given, else from end points within TOLERANCE (m) of each other. ROOTS: points where service comes from (NROs or backbone POPs). PREMISES: points counted with the PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, all reported). SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to the node named by their node-id field when one is given (e.g. gt_pbo; needs FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the local UTM zone; the point layers are reprojected to it. SRLG_FIELD: shared-risk groups of the lines (e.g. gt_routes); a group whose failure cuts more than any of its lines defeats a redundancy.

Failures considered: a single line or node, and a whole shared-risk group that defeats a redundancy. A premises is secured by an action when one of the failures the action targets cuts it and, with the action, none does.
Loops (one per SITES point cut by such a failure): the cheapest new path along ROADS (new trench, COSTS trench_m per metre) or CIVIL_WORKS (existing ducts or routes, duct_m per metre, aerial_m on the poles CIVIL_AERIAL_EXPRESSION selects; their ends join the nearest road node within MAX_SNAP by a trench) from the site to a network node that none of its failures cuts. The site's failures are the lines and nodes every path from it to a root runs through, up to its nearest upstream site or root, and the shared-risk groups that cut it. The path stays MIN_SEPARATION m away from every line it bypasses and from the other lines of their groups (so it shares no route, duct or bridge with them), except within END_DISTANCE m of the site and of the bypassed lines' ends that stay connected. A loop costing more than BUDGET is not proposed. A site with no road within MAX_SNAP, or with no separate path, gets no loop (warned, with the site named).
Segment loops: the same search for every segment whose loss cuts premises, SITES or not: a run of lines (and the nodes between them) whose failures each cut the same premises (e.g. a cable between two splices), looped from its lowest node around the whole run; and each shared-risk group that defeats a redundancy (e.g. a bridge route carrying both arms of a loop), looped from the piece it cuts off. They are searched collecte first, then transport, then distribution (tiers as in Redundancy gaps: TIER_FIELD, ROLE_FIELD), each tier by the premises the segment's loss cuts, at most MAX_SEGMENT_LOOPS of them. Loops running along the same roads are one action, securing what each of them secures.
Bury: each NETWORK line selected by BURY_EXPRESSION (e.g. "hz_failed" = 1 AND "gt_laying" = 'AERIEN') costs its length times bury_m and secures the premises its failure cuts.
CANDIDATES: the operator's own lines, with their cost in CANDIDATE_COST_FIELD (EUR): a line running along network lines hardens them (secures what they cut); a line whose ends lie within MAX_SNAP of two network nodes is a new link (secures the premises below each end from the lines and nodes between that end and the point where the two ends' paths to the roots meet). A candidate touching the network in neither way is refused.
Autonomy (with POWER, the OUTPUT of Power resilience): one action per site left dark (pw_dark_h &gt; 0): enough battery or fuel (COSTS autonomy_site, EUR per site) that it stays lit through the outage. It secures the premises whose every path to a root runs through the site (pw_prem), against the grid outage; it avoids pw_prem_h premise-hours. POWER sites are placed on the network by SITE_NODE_FIELD when POWER has that field, else on the nearest node within MAX_SNAP.
Portfolio: the actions within BUDGET that secure the most premises, each premises counted once (two loops securing the same premises do not add up), the cheapest such set; solved exactly by scipy's milp (HiGHS) within TIME_LIMIT s, else by a greedy method (best premises per euro, or the best single action when it does better) whose distance to the best possible is reported. Coverage is per premises and risk: a premises secured against the cable failures of one tier (loops, burials, candidates, by their mp_tier) counts once, once more when another action secures it against the failures of another tier (a loop around its cabinet's transport cable does not replace one around its NRO's collecte), and once more when an autonomy action secures it against the grid outage (batteries do not replace a loop): PREMISES_SECURED counts (premises, risk) pairs.

ACTIONS (lines; an autonomy action is a ring of 25 m around its site): every action, ranked: mp_rank (the chosen ones first, each time the one adding the most newly secured premises per euro; then the others by their own premises per euro), mp_kind (loop, bury, autonomy, candidate), mp_target (the site, line or candidate), mp_cost (EUR), mp_prem (premises it secures on its own), mp_eur_prem (EUR per premises), mp_eai (expected premises cut per year that it avoids: over the failures it removes, each line's rp_aep from RETURN_PERIODS times the premises it secures that this line cuts; a group's probability is its likeliest member's; NULL without RETURN_PERIODS, for an added link and for autonomy), mp_prem_h (premise-hours avoided: pw_prem_h for autonomy, NULL for the others), mp_owner (who usually carries out that kind of action: the operator, the commune for a burial; edit it), mp_chosen (1 in the portfolio) and mp_tier (collecte, transport or distribution: the tier of what the action secures: the most upstream tier of the lines it bypasses, buries or hardens; collecte for autonomy at an NRO or a root, whose loss cuts a whole NRO; NULL when unknown). ACTION_SITES (points): the autonomy actions at their site's point, with the same fields. PLAN (table): the chosen actions in order with mp_cum_cost and mp_cum_prem (cumulative cost and (premises, risk) pairs secured, each once) and each one's mp_tier: the curve a board decides from. PREMISES_SECURED and COST (the portfolio's) are outputs. Costs are in euros, lengths in metres of the working CRS.</source>
        <translation>Quels investissements sécurisent le plus de locaux par euro, dans un budget donné : nouveaux bouclages, enfouissement des portées exposées et projets propres de l'exploitant, chacun avec son coût et les locaux qu'il sécurise, et le meilleur ensemble que le budget permet, chaque local compté une fois.

NETWORK : lignes (câbles ou cheminements de génie civil) ; les lignes multiparties et courbes sont prises en charge. Leurs nœuds d'extrémité viennent de FROM_FIELD et TO_FIELD (par ex. gt_nd1, gt_nd2) quand les deux sont indiqués, sinon des extrémités distantes de moins de TOLERANCE (m). ROOTS : points d'où vient le service (NRO ou POP de collecte). PREMISES : points comptés avec l'expression PREMISES_COUNT (1 par défaut ; NULL, NaN ou infini compte pour 1, une valeur négative pour 0, tous sont signalés). SITES : points (NRO, SRO, PBO ou sites sensibles). Racines, locaux et sites se rattachent au nœud désigné par leur champ d'identifiant de nœud quand il est indiqué (par ex. gt_pbo ; demande FROM_FIELD/TO_FIELD), sinon au nœud le plus proche à moins de MAX_SNAP (m). Les distances sont calculées dans le SCR de NETWORK s'il est projeté, sinon en Lambert-93 ou dans la zone UTM locale ; les couches de points y sont reprojetées. SRLG_FIELD : groupes de risque partagé des lignes (par ex. gt_routes) ; un groupe dont la défaillance coupe plus que n'importe laquelle de ses lignes met en échec une redondance.

Défaillances considérées : une seule ligne ou un seul nœud, et un groupe de risque partagé entier qui met en échec une redondance. Un local est sécurisé par une action quand l'une des défaillances visées par l'action le coupe et qu'avec l'action, aucune ne le coupe plus.
Bouclages (un par point de SITES coupé par une telle défaillance) : le chemin neuf le moins cher le long de ROADS (tranchée neuve, COSTS trench_m par mètre) ou de CIVIL_WORKS (fourreaux ou cheminements existants, duct_m par mètre, aerial_m sur les appuis que sélectionne CIVIL_AERIAL_EXPRESSION ; leurs extrémités rejoignent par une tranchée le nœud routier le plus proche à moins de MAX_SNAP) depuis le site jusqu'à un nœud du réseau qu'aucune de ses défaillances ne coupe. Les défaillances du site sont les lignes et nœuds par lesquels passe chacun de ses chemins vers une racine, jusqu'au site amont ou à la racine la plus proche, et les groupes de risque partagé qui le coupent. Le chemin reste à MIN_SEPARATION m de chaque ligne qu'il contourne et des autres lignes de leurs groupes (il ne partage donc avec elles ni cheminement, ni fourreau, ni pont), sauf à moins de END_DISTANCE m du site et des extrémités des lignes contournées restées raccordées. Un bouclage coûtant plus que BUDGET n'est pas proposé. Un site sans route à moins de MAX_SNAP, ou sans chemin séparé, n'a pas de bouclage (avertissement nommant le site).
Bouclages de tronçons : la même recherche pour chaque tronçon dont la perte coupe des locaux, qu'il soit dans SITES ou non : une suite de lignes (et des nœuds entre elles) dont chaque défaillance coupe les mêmes locaux (par ex. un câble entre deux boîtes d'épissure), bouclée depuis son nœud le plus en aval autour de toute la suite ; et chaque groupe de risque partagé qui met en échec une redondance (par ex. un cheminement sur un pont qui porte les deux bras d'une boucle), bouclé depuis la partie qu'il isole. Ils sont cherchés collecte d'abord, puis transport, puis distribution (niveaux comme dans Lacunes de redondance : TIER_FIELD, ROLE_FIELD), dans chaque niveau selon les locaux que la perte du tronçon coupe, au plus MAX_SEGMENT_LOOPS d'entre eux. Des bouclages qui empruntent les mêmes routes forment une seule action, qui sécurise ce que chacun d'eux sécurise.
Enfouissement : chaque ligne de NETWORK sélectionnée par BURY_EXPRESSION (par ex. "hz_failed" = 1 AND "gt_laying" = 'AERIEN') coûte sa longueur fois bury_m et sécurise les locaux que sa défaillance coupe.
CANDIDATES : les lignes de l'exploitant, avec leur coût dans CANDIDATE_COST_FIELD (EUR) : une ligne qui longe des lignes du réseau les renforce (sécurise ce qu'elles coupent) ; une ligne dont les extrémités sont à moins de MAX_SNAP de deux nœuds du réseau est une nouvelle liaison (sécurise les locaux en aval de chaque extrémité vis-à-vis des lignes et nœuds entre cette extrémité et le point où se rejoignent les chemins des deux extrémités vers les racines). Un projet qui ne touche le réseau d'aucune de ces façons est refusé.
Autonomie (avec POWER, la sortie OUTPUT de Résilience électrique) : une action par site resté dans le noir (pw_dark_h &gt; 0) : assez de batteries ou de carburant (COSTS autonomy_site, EUR par site) pour qu'il reste alimenté pendant toute la coupure. Elle sécurise les locaux dont chaque chemin vers une racine passe par le site (pw_prem), vis-à-vis de la coupure du réseau électrique ; elle évite pw_prem_h locaux-heures. Les sites de POWER sont placés sur le réseau par SITE_NODE_FIELD quand POWER a ce champ, sinon sur le nœud le plus proche à moins de MAX_SNAP.
Portefeuille : les actions tenant dans BUDGET qui sécurisent le plus de locaux, chaque local compté une fois (deux bouclages qui sécurisent les mêmes locaux ne s'additionnent pas), l'ensemble le moins cher parmi eux ; résolu exactement par le milp de scipy (HiGHS) en TIME_LIMIT s, sinon par une méthode gloutonne (le plus de locaux par euro, ou la meilleure action seule quand elle fait mieux) dont l'écart au meilleur possible est indiqué. La couverture se compte par local et par risque : un local sécurisé contre les défaillances des câbles d'un niveau (bouclages, enfouissements, projets, selon leur mp_tier) compte une fois, une fois de plus quand une autre action le sécurise contre les défaillances d'un autre niveau (un bouclage autour du câble de transport de son armoire ne remplace pas celui autour de la collecte de son NRO), et une fois de plus quand une action d'autonomie le sécurise contre la coupure électrique (des batteries ne remplacent pas un bouclage) : PREMISES_SECURED compte des couples (local, risque).

ACTIONS (lignes ; une action d'autonomie est un cercle de 25 m autour de son site) : chaque action, classée : mp_rank (les actions retenues d'abord, chaque fois celle qui ajoute le plus de locaux nouvellement sécurisés par euro ; puis les autres selon leurs propres locaux par euro), mp_kind (loop, bury, autonomy, candidate), mp_target (le site, la ligne ou le projet), mp_cost (EUR), mp_prem (locaux qu'elle sécurise à elle seule), mp_eur_prem (EUR par local), mp_eai (locaux coupés par an évités en espérance : sur les défaillances qu'elle supprime, le rp_aep de chaque ligne tiré de RETURN_PERIODS fois les locaux qu'elle sécurise et que cette ligne coupe ; pour un groupe, la probabilité de son membre le plus exposé ; NULL sans RETURN_PERIODS, pour une liaison ajoutée et pour l'autonomie), mp_prem_h (locaux-heures évités : pw_prem_h pour l'autonomie, NULL pour les autres), mp_owner (qui mène d'habitude ce type d'action : l'exploitant (operator), la commune pour un enfouissement ; modifiable), mp_chosen (1 dans le portefeuille) et mp_tier (collecte, transport ou distribution : le niveau de ce que l'action sécurise : le niveau le plus en amont des lignes qu'elle contourne, enfouit ou renforce ; collecte pour l'autonomie d'un NRO ou d'une racine, dont la perte coupe tout un NRO ; NULL quand il est inconnu). ACTION_SITES (points) : les actions d'autonomie au point de leur site, avec les mêmes champs. PLAN (table) : les actions retenues dans l'ordre avec mp_cum_cost et mp_cum_prem (coût et couples (local, risque) sécurisés cumulés, chacun une fois) et le mp_tier de chacune : la courbe sur laquelle une instance de décision s'appuie. PREMISES_SECURED et COST (ceux du portefeuille) sont des sorties. Les coûts sont en euros, les longueurs en mètres du SCR de travail.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>Widen hazard zones by (m)</source>
        <translation>Élargir les zones d'aléa de (m)</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>Without power (hours)</source>
        <translation>Sans énergie (heures)</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Worst</source>
        <translation>Pire</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>Worst crew delay (minutes)</source>
        <translation>Pire retard des équipes (minutes)</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>Worst delay (min)</source>
        <translation>Retard maximal (min)</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>Writes the report of a resilience study from the layers of a run: a self-contained HTML page, a PDF made through a QGIS print layout and the tables as a workbook (XLSX or ODS, from the file extension). Every layer is optional; the report shows what the layers given allow.

Key figures: premises by hazard level (hz_level of PREMISES), behind a single point of failure (rd_spof, from Redundancy gaps' OUTPUT_PREMISES), cut off by the scenario (im_prem, from Scenario impact); sites by diversity class (rd_divers of SITES); routes and their exposed length by level (ROUTES); nodes exposed (NODES); unreachable assets and the mean and worst crew delay (ac_reach and ac_delay of TARGETS); the sensitive sites (town halls, care homes…) that lose service (im_failed, im_cut of Scenario impact's OUTPUT_SITES given as SENSITIVE_SITES, named by SENSITIVE_NAME_FIELD). PREMISES_COUNT counts the premises of each point (default 1). Breakdowns by NRO (NRO_FIELD of PREMISES) and by commune (premises within COMMUNES, named by COMMUNE_FIELD). The TOP assets of ROUTES by sc_rank, with each criterion's contribution. Maps rendered by QGIS: exposure, cut-off premises, blocked roads and crew routes.

Tiers (optional, TIERS: Redundancy gaps' OUTPUT_TIERS): per NRO, the most premises one single failure cuts in the collecte, in transport and in distribution, and where; these figures replace the premises behind a single point of failure (nearly all of them in an FTTH tree) in the key figures and the breakdown by NRO.

Return periods (optional, from Return periods): RETURN_PERIOD_SUMMARY (its SUMMARY) gives a section with the loss-exceedance curve (premises cut against the return period, log axis), each scenario's impact and the expected annual impact; RETURN_PERIOD_LINES (its OUTPUT_LINES) maps the return period at which each line first fails (rp_first). Expected annual figures by NRO and by commune: the summary's own rows when it was broken down by NRO (PREMISES_GROUP_FIELD) or by the communes; otherwise estimated from rp_first of RETURN_PERIOD_PREMISES (Return periods' OUTPUT_PREMISES, counted with PREMISES_COUNT, NRO from NRO_FIELD; else PREMISES when it has rp_first) and of the lines (a line in the commune of its mid-point), a premises counted as cut in every scenario from its rp_first on (exact for hard failures and nested scenarios), integrated as the summary is.

Power and restoration (optional): RESTORATION (the restoration table: rs_hour, rs_out, rs_power, rs_damage) gives the restoration curve (premises out hour by hour, out because of damage and because of power stacked) and its figures: premise-hours lost (each row's rs_out held until the next row, one hour for the last: with a row every hour, the sum of rs_out) and the hours until 90 % of the peak is back (the first hour, at or after the peak, from which at most a tenth of the peak stays out). POWER_SITES (Power resilience's OUTPUT) maps the sites by hours without power (pw_dark_h) and lists the TOP sites by premises behind them (pw_prem, then pw_sens, then pw_dark_h): the load-shedding (délestage) list, named by POWER_SITE_NAME_FIELD.

Action plan (optional, from Mitigation plan): ACTIONS (lines and points with mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_owner, mp_chosen; mp_eur_prem, mp_eai, mp_prem_h when known) gives the TOP actions by rank and the map of the proposed routes and sites, those of the plan (mp_chosen = 1) highlighted; PLAN (mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_cum_cost, mp_cum_prem) gives the cumulative table and the cost-benefit curve (cumulative cost against cumulative premises secured), with BUDGET (EUR) drawn when given.

Provenance: every input's source, feature count and CRS, the software versions, the date, this algorithm's parameters and RUN_PARAMETERS (the parameters of the run, as key=value lines or a JSON object). The language follows QGIS's.</source>
        <translation>Rédige le rapport d'une étude de résilience à partir des couches d'un calcul : une page HTML autonome, un PDF produit par une mise en page QGIS et les tableaux dans un classeur (XLSX ou ODS, selon l'extension du fichier). Chaque couche est facultative ; le rapport montre ce que permettent les couches données.

Chiffres clés : locaux par niveau d'aléa (hz_level de PREMISES), derrière un point unique de défaillance (rd_spof, issu de la sortie OUTPUT_PREMISES de Lacunes de redondance), coupés par le scénario (im_prem, issu d'Impact du scénario) ; sites par classe de diversité (rd_divers de SITES) ; cheminements et leur longueur exposée par niveau (ROUTES) ; nœuds exposés (NODES) ; ouvrages inaccessibles et retards moyen et maximal des équipes (ac_reach et ac_delay de TARGETS) ; les sites sensibles (mairies, EHPAD…) qui perdent le service (im_failed, im_cut de la sortie OUTPUT_SITES d'Impact du scénario donnée comme SENSITIVE_SITES, nommés par SENSITIVE_NAME_FIELD). PREMISES_COUNT compte les locaux de chaque adresse (1 par défaut). Répartitions par NRO (NRO_FIELD de PREMISES) et par commune (locaux situés dans COMMUNES, nommées par COMMUNE_FIELD). Les TOP ouvrages de ROUTES selon sc_rank, avec la contribution de chaque critère. Cartes rendues par QGIS : exposition, locaux coupés, routes coupées et itinéraires des équipes.

Niveaux (facultatif, TIERS : OUTPUT_TIERS de Lacunes de redondance) : par NRO, le plus grand nombre de locaux qu'une seule défaillance coupe en collecte, en transport et en distribution, et où ; ces chiffres remplacent les locaux derrière un point unique de défaillance (presque tous dans une arborescence FTTH) dans les chiffres clés et la répartition par NRO.

Périodes de retour (facultatif, issues de Périodes de retour) : RETURN_PERIOD_SUMMARY (son SUMMARY) ajoute une section avec la courbe de dépassement (locaux coupés en fonction de la période de retour, axe logarithmique), l'impact de chaque scénario et l'impact annuel moyen ; RETURN_PERIOD_LINES (son OUTPUT_LINES) cartographie la période de retour à laquelle chaque ligne tombe pour la première fois (rp_first). Impact annuel moyen par NRO et par commune : les lignes mêmes du bilan lorsqu'il a été ventilé par NRO (PREMISES_GROUP_FIELD) ou par les communes ; sinon estimé à partir de rp_first de RETURN_PERIOD_PREMISES (OUTPUT_PREMISES de Périodes de retour, comptés avec PREMISES_COUNT, NRO selon NRO_FIELD ; à défaut PREMISES s'il porte rp_first) et des lignes (une ligne dans la commune de son milieu), un local étant compté coupé dans chaque scénario à partir de son rp_first (exact pour des défaillances franches et des scénarios emboîtés), intégré comme le bilan.

Énergie et rétablissement (facultatif) : RESTORATION (le tableau de rétablissement : rs_hour, rs_out, rs_power, rs_damage) donne la courbe de rétablissement (locaux coupés heure par heure, ceux coupés par les dégâts et ceux coupés faute d'énergie empilés) et ses chiffres : les locaux-heures perdus (le rs_out de chaque ligne valant jusqu'à la ligne suivante, une heure pour la dernière : avec une ligne par heure, la somme de rs_out) et les heures jusqu'au rétablissement de 90 % du pic (la première heure, au pic ou après, à partir de laquelle au plus un dixième du pic reste coupé). POWER_SITES (OUTPUT de Résilience énergétique) cartographie les sites par heures sans énergie (pw_dark_h) et liste les TOP premiers sites par locaux desservis (pw_prem, puis pw_sens, puis pw_dark_h) : la liste de délestage, nommés par POWER_SITE_NAME_FIELD.

Plan d'actions (facultatif, issu du Plan de réduction des risques) : ACTIONS (lignes et points avec mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_owner, mp_chosen ; mp_eur_prem, mp_eai, mp_prem_h lorsqu'ils sont connus) donne les TOP premières actions par rang et la carte des tracés et sites proposés, ceux du plan (mp_chosen = 1) mis en évidence ; PLAN (mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_cum_cost, mp_cum_prem) donne le tableau cumulé et la courbe coût-bénéfice (coût cumulé en regard des locaux sécurisés cumulés), avec BUDGET (EUR) tracé s'il est donné.

Provenance : la source, le nombre d'entités et le SCR de chaque donnée d'entrée, les versions des logiciels, la date, les paramètres de cet algorithme et RUN_PARAMETERS (les paramètres du calcul, en lignes clé=valeur ou en objet JSON). La langue suit celle de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>Writing the scores into this layer changes many values; undoing or rolling them back can take minutes in QGIS. A new scored layer is quicker to discard. Write into the layer anyway?</source>
        <translation>Écrire les scores dans cette couche modifie beaucoup de valeurs ; les annuler peut prendre plusieurs minutes dans QGIS. Une nouvelle couche notée se supprime plus vite. Écrire quand même dans la couche ?</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Years: 10;100;1000 for rasters (their order), code=years pairs for zones (01For=10;02Moy=100). TRI zones default to 10, 100 and 1000 years; 03Mcc needs a value of its own.</source>
        <translation>Années : 10;100;1000 pour les rasters (dans leur ordre), paires code=années pour les zones (01For=10;02Moy=100). Les zones TRI valent par défaut 10, 100 et 1000 ans ; 03Mcc demande sa propre valeur.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>Years; 0 (default): protected up to the most frequent scenario, so more frequent events do no harm. A shorter return period holds the most frequent impact up to it; a longer one cuts the curve there.</source>
        <translation>Années ; 0 (par défaut) : protégé jusqu'au scénario le plus fréquent, les événements plus fréquents ne font donc aucun dommage. Une période de retour plus courte maintient l'impact le plus fréquent jusqu'à elle ; une plus longue coupe la courbe à cet endroit.</translation>
    </message>
    <message>
        <location filename="../adapters/scenarios.py"/>
        <source>Zones of "{layer}" with {field} = {codes} have no return period: ignored.</source>
        <translation>Les zones de « {layer} » avec {field} = {codes} n'ont pas de période de retour : ignorées.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>auto (from the tables present)</source>
        <translation>auto (selon les tables présentes)</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>beyond the rarest scenario, its impact held</source>
        <translation>au-delà du scénario le plus rare, son impact maintenu</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>beyond the rarest scenario, nothing</source>
        <translation>rien au-delà du scénario le plus rare</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>bury an aerial span</source>
        <translation>enfouir une portée aérienne</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>by NRO</source>
        <translation>par NRO</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>by commune</source>
        <translation>par commune</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>collecte</source>
        <translation>collecte</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>cut off</source>
        <translation>coupé</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>distribution</source>
        <translation>distribution</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>duplicate lines</source>
        <translation>lignes en double</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>features without geometry or node id</source>
        <translation>entités sans géométrie ni identifiant de nœud</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>grid operator</source>
        <translation>gestionnaire du réseau électrique</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <location filename="../report/content.py"/>
        <source>high</source>
        <translation>fort</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>is given twice.</source>
        <translation>figure deux fois.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>is no class (empty).</source>
        <translation>n'est pas une classe (vide).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>is not a number of hours &gt;= 0 (a negative or NaN repair time is refused).</source>
        <translation>n'est pas un nombre d'heures &gt;= 0 (une durée de réparation négative ou NaN est refusée).</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>its impact held</source>
        <translation>son impact maintenu</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>its own point fails</source>
        <translation>lui-même défaillant</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>km/h where neither the speed field nor the preset gives a speed; default 50.</source>
        <translation>km/h là où ni le champ de vitesse ni le référentiel routier ne donnent de vitesse ; 50 par défaut.</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>layer CRS is projected</source>
        <translation>le SCR de la couche est projeté</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>line ends near a line but not joined to it</source>
        <translation>extrémités de ligne proches d'une ligne sans y être raccordées</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>lines</source>
        <translation>lignes</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>lines whose ends cannot be placed</source>
        <translation>lignes dont les extrémités ne peuvent pas être placées</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>longer back-up power</source>
        <translation>autonomie électrique prolongée</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>loop (second path)</source>
        <translation>boucle (second chemin)</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <location filename="../report/content.py"/>
        <source>low</source>
        <translation>faible</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <location filename="../report/content.py"/>
        <source>medium</source>
        <translation>moyen</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>mitigationplan's ACTIONS (mp_* fields; lines and points): the ranked actions and the map of proposed routes and sites, those of the plan highlighted.</source>
        <translation>ACTIONS de mitigationplan (champs mp_* ; lignes et points) : les actions classées et la carte des tracés et sites proposés, ceux du plan mis en évidence.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>mitigationplan's PLAN table (mp_cum_cost, mp_cum_prem): the cumulative table and the cost-benefit curve.</source>
        <translation>La table PLAN de mitigationplan (mp_cum_cost, mp_cum_prem) : le tableau cumulé et la courbe coût-bénéfice.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>multipart lines that are not one chain</source>
        <translation>lignes multiparties qui ne forment pas une seule chaîne</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>network parts that reach no root</source>
        <translation>parties du réseau sans accès à une racine</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>no asset is exposed to it.</source>
        <translation>aucun ouvrage n'y est exposé.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>no network node spared by its failures lies near a road</source>
        <translation>aucun nœud du réseau épargné par ses défaillances n'est près d'une route</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>no path along the roads at least MIN_SEPARATION ({sep:g} m) from the lines it must bypass, within the budget</source>
        <translation>aucun chemin le long des routes à au moins MIN_SEPARATION ({sep:g} m) des lignes à contourner, dans la limite du budget</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>no road (ROADS) within MAX_SNAP ({snap:g} m) of the site</source>
        <translation>aucune route (ROADS) à moins de MAX_SNAP ({snap:g} m) du site</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>no road is blocked by it.</source>
        <translation>il ne coupe aucune route.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>north</source>
        <translation>nord</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>not attached to the network</source>
        <translation>non rattaché au réseau</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>not exposed</source>
        <translation>non exposé</translation>
    </message>
    <message>
        <location filename="../algorithms/return_periods.py"/>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>of which because of damage</source>
        <translation>dont par les dégâts</translation>
    </message>
    <message>
        <location filename="../report/power_section.py"/>
        <source>of which because of power</source>
        <translation>dont faute d'énergie</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>operator</source>
        <translation>opérateur</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>own project</source>
        <translation>projet propre</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>points</source>
        <translation>points</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>points beyond MAX_SNAP</source>
        <translation>points au-delà de MAX_SNAP</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>points naming a node id on no line</source>
        <translation>points désignant un identifiant de nœud absent des lignes</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>points with a NULL node id, attached by position</source>
        <translation>points à l'identifiant de nœud NULL, rattachés par position</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>polygons</source>
        <translation>polygones</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>powerresilience's OUTPUT (pw_dark_h, pw_prem): the map of the sites by hours without power and the load-shedding (délestage) list of the TOP sites.</source>
        <translation>OUTPUT de powerresilience (pw_dark_h, pw_prem) : la carte des sites par heures sans énergie et la liste de délestage des TOP premiers sites.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>returnperiods' OUTPUT_LINES (rp_first): the map of the return period at which each line first fails.</source>
        <translation>OUTPUT_LINES de returnperiods (rp_first) : la carte de la période de retour à laquelle chaque ligne tombe en panne pour la première fois.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>returnperiods' OUTPUT_PREMISES (rp_first), counted with PREMISES_COUNT and grouped by NRO_FIELD: the expected annual premises cut by NRO and by commune where the summary does not give them.</source>
        <translation>OUTPUT_PREMISES de returnperiods (rp_first), comptés avec PREMISES_COUNT et regroupés par NRO_FIELD : les locaux coupés attendus par an par NRO et par commune là où la synthèse ne les donne pas.</translation>
    </message>
    <message>
        <location filename="../processing_provider/help.py"/>
        <source>returnperiods' SUMMARY (a GeoPackage table or CSV): adds the section on return periods, with the loss-exceedance chart and the expected annual figures.</source>
        <translation>SUMMARY de returnperiods (table GeoPackage ou CSV) : ajoute la section sur les périodes de retour, avec la courbe de dépassement des pertes et les chiffres annuels attendus.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>self-loops</source>
        <translation>boucles sur elles-mêmes</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>served</source>
        <translation>desservi</translation>
    </message>
    <message>
        <location filename="../processing_provider/algorithm.py"/>
        <source>shapely uses GEOS {shapely} but QGIS uses GEOS {qgis}: two GEOS libraries in one process give wrong geometries and crashes, so Fibre Resilience will not run. Install a shapely built on QGIS's GEOS: on Debian or Ubuntu remove the pip one (pip3 uninstall shapely) and install python3-shapely, or build it on your GEOS (pip3 install --no-binary shapely "shapely&gt;=2"); on Windows use the shapely of the OSGeo4W or QGIS installer; on macOS the one of your QGIS bundle or conda environment. Then restart QGIS.</source>
        <translation>shapely utilise GEOS {shapely} mais QGIS utilise GEOS {qgis} : deux bibliothèques GEOS dans un même processus donnent des géométries fausses et des plantages, Fibre Resilience ne s'exécutera donc pas. Installez un shapely construit sur le GEOS de QGIS : sous Debian ou Ubuntu, retirez celui de pip (pip3 uninstall shapely) et installez python3-shapely, ou compilez-le sur votre GEOS (pip3 install --no-binary shapely "shapely&gt;=2") ; sous Windows, utilisez le shapely de l'installeur OSGeo4W ou QGIS ; sous macOS, celui de votre paquet QGIS ou de votre environnement conda. Redémarrez ensuite QGIS.</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>sites sharing a node id</source>
        <translation>sites partageant un identifiant de nœud</translation>
    </message>
    <message>
        <location filename="../adapters/projection.py"/>
        <source>south</source>
        <translation>sud</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>t_noeud has no CRS: EPSG:2154 (Lambert-93) is assumed.</source>
        <translation>t_noeud n'a pas de SCR : EPSG:2154 (Lambert-93) est utilisé.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>temporary layer</source>
        <translation>couche temporaire</translation>
    </message>
    <message>
        <location filename="../adapters/scenarios.py"/>
        <source>that scenario floods nothing.</source>
        <translation>ce scénario n'inonde rien.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>the provider gives no reason</source>
        <translation>le fournisseur ne donne pas de raison</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>transport</source>
        <translation>transport</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <location filename="../report/content.py"/>
        <source>very high</source>
        <translation>très fort</translation>
    </message>
    <message>
        <location filename="../adapters/scores.py"/>
        <source>very low</source>
        <translation>très faible</translation>
    </message>
    <message>
        <location filename="../report/plan_section.py"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../adapters/network.py"/>
        <source>zero-length lines</source>
        <translation>lignes de longueur nulle</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>{dark} of {n} sites go dark; {ph:.1f} premise-hours without service; {used} of {gens} mobile generators sent.</source>
        <translation>{dark} sites sur {n} perdent leur alimentation ; {ph:.1f} heures-locaux sans service ; {used} groupes électrogènes mobiles envoyés sur {gens}.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>{g} failed groups: {n} network lines fail with them.</source>
        <translation>{g} groupes défaillants : {n} lignes du réseau tombent avec eux.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{jobs} repairs; worst hour {worst}: {out:g} of {base:g} premises out; {ph:.1f} premise-hours lost; 90 % of the premises cut back from hour {h90}; the table ends at hour {last}.</source>
        <translation>{jobs} réparations ; pire heure {worst} : {out:g} locaux coupés sur {base:g} ; {ph:.1f} locaux-heures perdus ; 90 % des locaux coupés rétablis à partir de l'heure {h90} ; le tableau s'arrête à l'heure {last}.</translation>
    </message>
    <message>
        <location filename="../adapters/numbers.py"/>
        <source>{key} ("{description}") must be a finite number; it is {value}.</source>
        <translation>{key} (« {description} ») doit être un nombre fini ; il vaut {value}.</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>{key} is a folder, not a file: "{path}".</source>
        <translation>{key} est un dossier, pas un fichier : « {path} ».</translation>
    </message>
    <message>
        <location filename="../adapters/sinks.py"/>
        <source>{key} must be a {extensions} file, not "{path}".</source>
        <translation>{key} doit être un fichier {extensions}, pas « {path} ».</translation>
    </message>
    <message>
        <location filename="../adapters/scenarios.py"/>
        <source>{key} needs SCENARIO_FIELD: the field naming each zone's scenario.</source>
        <translation>{key} demande SCENARIO_FIELD : le champ qui donne le scénario de chaque zone.</translation>
    </message>
    <message>
        <location filename="../algorithms/resilience_report.py"/>
        <source>{key}: at hour {hour}, rs_power + rs_damage ({sum}) is not rs_out ({out}) ({n} hours): the chart's bands and line disagree there.</source>
        <translation>{key} : à l'heure {hour}, rs_power + rs_damage ({sum}) ne vaut pas rs_out ({out}) ({n} heures) : les bandes et la ligne du graphique ne concordent pas là.</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: cannot open raster "{name}" ({path}): {error}</source>
        <translation>{key} : impossible d'ouvrir le raster « {name} » ({path}) : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: cannot read raster "{name}": {error}</source>
        <translation>{key} : impossible de lire le raster « {name} » : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: raster "{name}" has a degenerate geotransform.</source>
        <translation>{key} : le raster « {name} » a une géotransformation dégénérée.</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: raster "{name}" has no CRS. Set its CRS (layer properties, Source) and run again.</source>
        <translation>{key} : le raster « {name} » n'a pas de SCR. Définissez son SCR (propriétés de la couche, Source) et relancez.</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: raster "{name}" has no band {band} (it has {count}).</source>
        <translation>{key} : le raster « {name} » n'a pas de bande {band} (il en a {count}).</translation>
    </message>
    <message>
        <location filename="../adapters/rasters.py"/>
        <source>{key}: raster "{name}" is not georeferenced (it has no geotransform).</source>
        <translation>{key} : le raster « {name} » n'est pas géoréférencé (il n'a pas de géotransformation).</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>{key}: {n} features</source>
        <translation>{key} : {n} entités</translation>
    </message>
    <message>
        <location filename="../adapters/scenarios.py"/>
        <source>{key}: {n} rasters but {k} return periods in RETURN_PERIODS.</source>
        <translation>{key} : {n} rasters mais {k} périodes de retour dans RETURN_PERIODS.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{label}: {exposed} of {total} exposed.</source>
        <translation>{label} : {exposed} sur {total} en zone d'aléa.</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>{lines} lines and {nodes} nodes failed. Premises: {pf:g} on failed nodes, {pc:g} cut. Sites: {sf} on failed nodes, {sc} cut.</source>
        <translation>{lines} lignes et {nodes} nœuds défaillants. Locaux : {pf:g} sur des nœuds défaillants, {pc:g} coupés. Sites : {sf} sur des nœuds défaillants, {sc} coupés.</translation>
    </message>
    <message>
        <location filename="../algorithms/network_topology.py"/>
        <source>{nodes} nodes, {lines} lines placed, {parts} connected parts, {unrooted} with no root, {defects} defects.</source>
        <translation>{nodes} nœuds, {lines} lignes placées, {parts} composantes connexes, dont {unrooted} sans racine, {defects} défauts.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>{n} GraceTHD tables found in {where}.</source>
        <translation>{n} tables GraceTHD trouvées dans {where}.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>{n} anomalies: see the REPORT table.</source>
        <translation>{n} anomalies : voir la table REPORT.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{n} assets have no geometry: level 0, NULL measures.</source>
        <translation>{n} ouvrages n'ont pas de géométrie : niveau 0, mesures NULL.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} candidate actions: {loops} loops ({segments} of them around segments or shared-risk groups), {bury} burials, {auto} autonomy, {ops} of the operator's.</source>
        <translation>{n} actions candidates : {loops} bouclages (dont {segments} autour de tronçons ou de groupes de risque partagé), {bury} enfouissements, {auto} autonomies, {ops} de l'exploitant.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} candidates of "{layer}" have no geometry.</source>
        <translation>{n} projets de « {layer} » n'ont pas de géométrie.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} dark sites of "{layer}" (POWER) are not on the network (no node within MAX_SNAP, or pw_prem_h NULL): no autonomy action for them ({names}).</source>
        <translation>{n} sites dans le noir de « {layer} » (POWER) ne sont pas sur le réseau (aucun nœud à moins de MAX_SNAP, ou pw_prem_h NULL) : pas d'action d'autonomie pour eux ({names}).</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>{n} failed groups name no network line, e.g. {ex}.</source>
        <translation>{n} groupes défaillants ne désignent aucune ligne du réseau, par ex. {ex}.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed lines are never repaired: no road reaches them under the hazard and RECESSION_HOURS is not given, or no road reaches them at all (features {fids}). Their premises stay out to the end of the table.</source>
        <translation>{n} lignes défaillantes ne sont jamais réparées : aucune route ne les atteint sous l'aléa et RECESSION_HOURS n'est pas indiqué, ou aucune route ne les atteint du tout (entités {fids}). Leurs locaux restent coupés jusqu'à la fin du tableau.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed lines have a class that REPAIR_HOURS does not list ({classes}): they take DEFAULT_REPAIR_HOURS ({hours:g} h).</source>
        <translation>{n} lignes défaillantes ont une classe que REPAIR_HOURS ne donne pas ({classes}) : elles prennent DEFAULT_REPAIR_HOURS ({hours:g} h).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed lines have no row in ACCESS: DEFAULT_TRAVEL_MINUTES ({m:g} min) from a depot of their own (rs_depot NULL).</source>
        <translation>{n} lignes défaillantes n'ont pas de ligne dans ACCESS : DEFAULT_TRAVEL_MINUTES ({m:g} min) depuis un dépôt à part (rs_depot NULL).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed nodes (FAILED_NODES) are not on the network (beyond MAX_SNAP or an unknown node id): ignored (features {fids}).</source>
        <translation>{n} nœuds défaillants (FAILED_NODES) ne sont pas sur le réseau (au-delà de MAX_SNAP ou identifiant de nœud inconnu) : ignorés (entités {fids}).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed nodes are never repaired: no road reaches them under the hazard and RECESSION_HOURS is not given, or no road reaches them at all (features {fids}). Their premises stay out to the end of the table.</source>
        <translation>{n} nœuds défaillants ne sont jamais réparés : aucune route ne les atteint sous l'aléa et RECESSION_HOURS n'est pas indiqué, ou aucune route ne les atteint du tout (entités {fids}). Leurs locaux restent coupés jusqu'à la fin du tableau.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed nodes have a class that REPAIR_HOURS does not list ({classes}): they take DEFAULT_REPAIR_HOURS ({hours:g} h).</source>
        <translation>{n} nœuds défaillants ont une classe que REPAIR_HOURS ne liste pas ({classes}) : ils prennent DEFAULT_REPAIR_HOURS ({hours:g} h).</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} failed nodes have no row in NODE_ACCESS: DEFAULT_TRAVEL_MINUTES ({m:g} min) from a depot of their own (rs_depot NULL).</source>
        <translation>{n} nœuds défaillants n'ont pas de ligne dans NODE_ACCESS : DEFAULT_TRAVEL_MINUTES ({m:g} min) depuis un dépôt à part (rs_depot NULL).</translation>
    </message>
    <message>
        <location filename="../algorithms/scenario_impact.py"/>
        <source>{n} failed-node points are on no node (MAX_SNAP or unknown id): ignored.</source>
        <translation>{n} points de nœuds défaillants ne sont sur aucun nœud (MAX_SNAP ou identifiant inconnu) : ignorés.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>{n} generator depots lie beyond ROAD_MAX_SNAP ({snap:g} m) of any road, not used: {names}.</source>
        <translation>{n} dépôts de groupes électrogènes sont à plus de ROAD_MAX_SNAP ({snap:g} m) de toute route, non utilisés : {names}.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} loops ran along the same roads as another one: each kept once, securing what both secure.</source>
        <translation>{n} bouclages empruntaient les mêmes routes qu'un autre : chacun gardé une fois, sécurisant ce que les deux sécurisent.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} of {searched} segments searched got no loop (no road near their lower end, or no separate path within the budget).</source>
        <translation>{n} des {searched} tronçons cherchés n'ont pas de bouclage (pas de route près de leur extrémité aval, ou pas de chemin séparé dans le budget).</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} of {total} civil-works lines are on poles (aerial_m {aerial:g} EUR per metre), the others ducts (duct_m {duct:g}).</source>
        <translation>{n} des {total} lignes de génie civil sont sur appuis (aerial_m {aerial:g} EUR par mètre), les autres en fourreau (duct_m {duct:g}).</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} of {total} depots are inside the hazard (in a blocked area, or their road is impassable where they join it): not used under the hazard, only in normal conditions: {names}.</source>
        <translation>{n} des {total} bases d'intervention sont dans l'aléa (dans une zone bloquée, ou leur route est infranchissable là où elles s'y raccrochent) : non utilisées sous aléa, seulement en conditions normales : {names}.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} of {total} depots lie beyond MAX_SNAP ({snap:g} m) of any road, not used: {names}.</source>
        <translation>{n} bases d'intervention sur {total} sont à plus de MAX_SNAP ({snap:g} m) de toute route et ne sont pas utilisées : {names}.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>{n} of {total} generator depots are in the hazard, not used: {names}.</source>
        <translation>{n} dépôts de groupes électrogènes sur {total} sont dans l'aléa, non utilisés : {names}.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} of {total} network lines have no line of "{layer}" (RETURN_PERIODS) in the same place: their failure counts as never in mp_eai.</source>
        <translation>{n} des {total} lignes du réseau n'ont pas de ligne de « {layer} » (RETURN_PERIODS) au même endroit : leur défaillance compte comme jamais dans mp_eai.</translation>
    </message>
    <message>
        <location filename="../adapters/restoration.py"/>
        <source>{n} power sites are not on the network (beyond MAX_SNAP or an unknown node id): ignored (features {fids}).</source>
        <translation>{n} sites actifs ne sont pas sur le réseau (au-delà de MAX_SNAP ou identifiant de nœud inconnu) : ignorés (entités {fids}).</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>{n} roads excluded: their speed in field "{field}" (SPEED_FIELD) is NaN, infinite or negative.</source>
        <translation>{n} routes exclues : leur vitesse dans le champ « {field} » (SPEED_FIELD) est NaN, infinie ou négative.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>{n} roads excluded: {reason}.</source>
        <translation>{n} routes exclues : {reason}.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>{n} roads have an unknown direction value: two-way.</source>
        <translation>{n} routes ont une valeur de sens inconnue : double sens.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>{n} roads have no line geometry: skipped.</source>
        <translation>{n} routes n'ont pas de géométrie linéaire : ignorées.</translation>
    </message>
    <message>
        <location filename="../adapters/roads.py"/>
        <source>{n} roads have no usable speed: the default speed is used.</source>
        <translation>{n} routes n'ont pas de vitesse exploitable : la vitesse par défaut est utilisée.</translation>
    </message>
    <message>
        <location filename="../algorithms/gracethd_network.py"/>
        <source>{n} route ends (cm_ndcode1/cm_ndcode2) name no node of t_noeud: {attached} attached to the nearest node within {tolerance:g} m, {unattached} not attached. Each is listed in REPORT.</source>
        <translation>{n} extrémités de cheminement (cm_ndcode1/cm_ndcode2) ne désignent aucun nœud de t_noeud : {attached} rattachées au nœud le plus proche à {tolerance:g} m au plus, {unattached} non rattachées. Chacune figure dans REPORT.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} segments whose loss cuts premises were not searched for a loop: MAX_SEGMENT_LOOPS ({cap}) keeps the collecte and transport tiers first, each by the premises a segment's loss cuts; raise it to search them.</source>
        <translation>{n} tronçons dont la perte coupe des locaux n'ont pas été cherchés pour un bouclage : MAX_SEGMENT_LOOPS ({cap}) garde d'abord la collecte et le transport, chacun selon les locaux que la perte d'un tronçon coupe ; augmentez-le pour les chercher.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>{n} sensitive sites are not on the network (beyond MAX_SNAP): not counted.</source>
        <translation>{n} sites sensibles ne sont pas sur le réseau (au-delà de MAX_SNAP) : non comptés.</translation>
    </message>
    <message>
        <location filename="../algorithms/mitigation_plan.py"/>
        <source>{n} sites of "{layer}" (POWER) have no geometry.</source>
        <translation>{n} sites de « {layer} » (POWER) n'ont pas de géométrie.</translation>
    </message>
    <message>
        <location filename="../adapters/power.py"/>
        <source>{n} sites would go dark but no generator depot reaches them by road under the hazard: they wait for the outage's end.</source>
        <translation>{n} sites perdraient leur alimentation mais aucun dépôt de groupes électrogènes ne les atteint par la route sous l'aléa : ils attendent la fin de la coupure.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} targets cut off by the hazard have a dry staging point (ac_dry_min, ac_dry_m).</source>
        <translation>{n} cibles isolées par l'aléa ont un point de repli au sec (ac_dry_min, ac_dry_m).</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} targets lie beyond MAX_SNAP ({snap:g} m) of any road: unreachable (ac_reach 0, distance in ac_snap_m).</source>
        <translation>{n} cibles sont à plus de MAX_SNAP ({snap:g} m) de toute route : inaccessibles (ac_reach 0, distance dans ac_snap_m).</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} targets on the road network cannot be reached from any depot even in normal conditions (a part of the network no depot connects to, or one-way roads): ac_reach 0.</source>
        <translation>{n} cibles sur le réseau routier ne sont accessibles depuis aucune base d'intervention, même en conditions normales (partie du réseau reliée à aucune base, ou sens uniques) : ac_reach 0.</translation>
    </message>
    <message>
        <location filename="../algorithms/access_routes.py"/>
        <source>{n} targets; unreachable under the hazard: {u} (in normal conditions: {u0}; beyond MAX_SNAP: {far}). Blocked roads: {km:.2f} km.</source>
        <translation>{n} cibles ; inaccessibles sous aléa : {u} (en conditions normales : {u0} ; au-delà de MAX_SNAP : {far}). Routes coupées : {km:.2f} km.</translation>
    </message>
    <message>
        <location filename="../algorithms/redundancy_gaps.py"/>
        <source>{risk:g} of {total:g} premises are behind a single point of failure; {noroot:g} reach no root. Sites: {d0} cut by a single line, {d1} by a single node or group, {d2} with physical diversity, {na} not attached. {gd} of {g} shared-risk groups defeat a redundancy.</source>
        <translation>{risk:g} locaux sur {total:g} sont derrière un point unique de défaillance ; {noroot:g} n'atteignent aucune racine. Sites : {d0} coupés par une seule ligne, {d1} par un seul nœud ou groupe, {d2} avec diversité physique, {na} non rattachés. {gd} groupes de risque partagé sur {g} mettent en défaut une redondance.</translation>
    </message>
    <message>
        <location filename="../algorithms/score_assets.py"/>
        <source>{scored} of {total} features scored; contribution fields: {names}.</source>
        <translation>{scored} entités notées sur {total} ; champs de contribution : {names}.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>{table}.csv is empty (not even a header line): read as a table with no field.</source>
        <translation>{table}.csv est vide (pas même une ligne d'en-tête) : lu comme une table sans champ.</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>{table}.csv is separated by {separator!r}, not ';'.</source>
        <translation>{table}.csv est séparé par {separator!r}, et non par « ; ».</translation>
    </message>
    <message>
        <location filename="../adapters/delivery.py"/>
        <source>{table}: {n} lines read as cp1252 (not UTF-8).</source>
        <translation>{table} : {n} lignes lues en cp1252 (pas en UTF-8).</translation>
    </message>
    <message>
        <location filename="../report/content.py"/>
        <source>{tier}: where</source>
        <translation>{tier} : où</translation>
    </message>
    <message>
        <location filename="../adapters/expressions.py"/>
        <source>{what} gives text, not a number, on feature {fid} of layer "{layer}": "{value}". Choose a numeric field or expression.</source>
        <translation>{what} donne du texte, pas un nombre, sur l'entité {fid} de la couche « {layer} » : « {value} ». Choisissez un champ ou une expression numérique.</translation>
    </message>
    <message>
        <location filename="../adapters/expressions.py"/>
        <source>{what}: expression "{expr}" fails on feature {fid} of layer "{layer}": {error}</source>
        <translation>{what} : l’expression « {expr} » échoue sur l’entité {fid} de la couche « {layer} » : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/expressions.py"/>
        <source>{what}: expression "{expr}" on layer "{layer}" is invalid: {error}</source>
        <translation>{what} : l’expression « {expr} » sur la couche « {layer} » est invalide : {error}</translation>
    </message>
    <message>
        <location filename="../adapters/expressions.py"/>
        <source>{what}: expression "{expr}" uses fields that layer "{layer}" lacks: {fields}</source>
        <translation>{what} : l’expression « {expr} » utilise des champs absents de la couche « {layer} » : {fields}</translation>
    </message>
    <message>
        <location filename="../adapters/tiers.py"/>
        <source>{what}: field "{field}" of layer "{layer}" ({key} left empty).</source>
        <translation>{what} : champ « {field} » de la couche « {layer} » ({key} laissé vide).</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{what}: {n} assets have a count that is not a number &gt;= 0 (NaN, infinite, negative or text), counted as 0; first: feature {fid} ({value}).</source>
        <translation>{what} : {n} équipements ont un nombre qui n’est pas un nombre &gt;= 0 (NaN, infini, négatif ou texte), compté 0 ; premier : entité {fid} ({value}).</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.py"/>
        <source>{} (scored)</source>
        <translation>{} (notée)</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{} hazard features without a polygon were ignored.</source>
        <translation>{} entités d'aléa sans polygone ont été ignorées.</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{} hazard zones are level 0 (not exposure).</source>
        <translation>{} zones d'aléa sont de niveau 0 (pas d'exposition).</translation>
    </message>
    <message>
        <location filename="../algorithms/hazard_exposure.py"/>
        <source>{} invalid hazard polygons were repaired.</source>
        <translation>{} polygones d'aléa invalides ont été réparés.</translation>
    </message>
</context>
<context>
    <name>ReportLayout</name>
    <message>
        <location filename="../report/layout.py"/>
        <source>A row of table {} is taller than a page.</source>
        <translation>Une ligne du tableau {} est plus haute qu'une page.</translation>
    </message>
    <message>
        <location filename="../report/layout.py"/>
        <source>Could not write the PDF report {} (error {}).</source>
        <translation>Impossible d'écrire le rapport PDF {} (erreur {}).</translation>
    </message>
</context>
<context>
    <name>ReportMaps</name>
    <message>
        <location filename="../report/maps.py"/>
        <source>Actions of the plan</source>
        <translation>Actions du plan</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Active sites by hours without power</source>
        <translation>Sites actifs par heures sans énergie</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Assets reached</source>
        <translation>Ouvrages atteints</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Blocked roads</source>
        <translation>Routes coupées</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Communes</source>
        <translation>Communes</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Crew access: blocked roads and routes</source>
        <translation>Accès des équipes : routes coupées et itinéraires</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Crew routes</source>
        <translation>Itinéraires des équipes</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Depots</source>
        <translation>Bases d'intervention</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Exposure of the network to the hazard</source>
        <translation>Exposition du réseau à l'aléa</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Failed premises</source>
        <translation>Locaux défaillants</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Failed routes</source>
        <translation>Cheminements défaillants</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>First fails at {rp} years</source>
        <translation>Tombe d'abord à {rp} ans</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Hazard zones</source>
        <translation>Zones d'aléa</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Never fails</source>
        <translation>Ne tombe jamais</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Other candidate actions</source>
        <translation>Autres actions candidates</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Premises cut off</source>
        <translation>Locaux coupés</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Premises cut off by the scenario</source>
        <translation>Locaux coupés par le scénario</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Premises served</source>
        <translation>Locaux desservis</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Proposed routes and sites of the action plan</source>
        <translation>Tracés et sites proposés par le plan d'actions</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Return period at which each line first fails</source>
        <translation>Période de retour à laquelle chaque ligne tombe pour la première fois</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Roads</source>
        <translation>Routes</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Routes</source>
        <translation>Cheminements</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Sensitive sites served</source>
        <translation>Sites sensibles desservis</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Sensitive sites that lose service</source>
        <translation>Sites sensibles privés de service</translation>
    </message>
    <message>
        <location filename="../report/maps.py"/>
        <source>Unreachable assets</source>
        <translation>Ouvrages inaccessibles</translation>
    </message>
</context>
<context>
    <name>ResilienceReport</name>
    <message>
        <location filename="../report/workbook.py"/>
        <source>Cannot write the tables to {}.</source>
        <translation>Impossible d'écrire les tableaux dans {}.</translation>
    </message>
    <message>
        <location filename="../report/workbook.py"/>
        <source>Tables must go to an .xlsx or .ods file, not "{}".</source>
        <translation>Les tableaux doivent aller dans un fichier .xlsx ou .ods, pas « {} ».</translation>
    </message>
</context>
<context>
    <name>ScoringDock</name>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Add the ready-made criteria for the Fibre Resilience fields this layer has</source>
        <translation>Ajouter les critères prédéfinis pour les champs Fibre Resilience présents dans cette couche</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Apply to layer</source>
        <translation>Appliquer à la couche</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Asset scoring</source>
        <translation>Criticité des ouvrages</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Classes of sc_class: breaks=20;40;60;80 | labels=… or quantiles=5</source>
        <translation>Classes de sc_class : breaks=20;40;60;80 | labels=… ou quantiles=5</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Copy call</source>
        <translation>Copier l'appel</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Copy the equivalent fibreresilience:scoreassets call (its CRITERIA text) to the clipboard</source>
        <translation>Copier l'appel fibreresilience:scoreassets équivalent (son texte CRITERIA) dans le presse-papiers</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Criteria set</source>
        <translation>Jeu de critères</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Criteria sets saved in this QGIS project</source>
        <translation>Jeux de critères enregistrés dans ce projet QGIS</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Draws</source>
        <translation>Tirages</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Field or expression</source>
        <translation>Champ ou expression</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Label top</source>
        <translation>Étiqueter les premiers</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>NULLs</source>
        <translation>NULL</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>New scored layer</source>
        <translation>Nouvelle couche notée</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Normalisation</source>
        <translation>Normalisation</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Perturb weights</source>
        <translation>Perturber les poids</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Rank stability</source>
        <translation>Stabilité du classement</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Ready-made</source>
        <translation>Prédéfinis</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Save these criteria in the project under a name</source>
        <translation>Enregistrer ces critères dans le projet sous un nom</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Weights ±</source>
        <translation>Poids ±</translation>
    </message>
    <message>
        <location filename="../ui/scoring_dock.ui"/>
        <source>Write the sc_* fields into the layer's edit buffer (undoable; saved only when you save the layer)</source>
        <translation>Écrire les champs sc_* dans le tampon d'édition de la couche (annulable ; enregistré seulement quand vous enregistrez la couche)</translation>
    </message>
</context>
<context>
    <name>Styles</name>
    <message>
        <location filename="../resources/styles/spof_premises.qml"/>
        <source>1 to 10 premises cut</source>
        <translation>1 à 10 locaux coupés</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact_summary.qml"/>
        <source>1 to 100 premises cut off</source>
        <translation>1 à 100 locaux privés de service</translation>
    </message>
    <message>
        <location filename="../resources/styles/service_areas.qml"/>
        <source>1 to 2 h</source>
        <translation>1 à 2 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/spof_premises.qml"/>
        <source>101 to 1000 premises cut</source>
        <translation>101 à 1 000 locaux coupés</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact_summary.qml"/>
        <source>101 to 1000 premises cut off</source>
        <translation>101 à 1 000 locaux privés de service</translation>
    </message>
    <message>
        <location filename="../resources/styles/spof_premises.qml"/>
        <source>11 to 100 premises cut</source>
        <translation>11 à 100 locaux coupés</translation>
    </message>
    <message>
        <location filename="../resources/styles/service_areas.qml"/>
        <source>15 to 30 min</source>
        <translation>15 à 30 min</translation>
    </message>
    <message>
        <location filename="../resources/styles/service_areas.qml"/>
        <source>30 to 60 min</source>
        <translation>30 à 60 min</translation>
    </message>
    <message>
        <location filename="../resources/styles/laying.qml"/>
        <source>Aerial</source>
        <translation>Aérien</translation>
    </message>
    <message>
        <location filename="../resources/styles/premises_spof.qml"/>
        <source>Behind a shared-risk group</source>
        <translation>Derrière un groupe à risque partagé</translation>
    </message>
    <message>
        <location filename="../resources/styles/premises_spof.qml"/>
        <source>Behind a single point of failure</source>
        <translation>Derrière un point unique de défaillance</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Building</source>
        <translation>Immeuble</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>Burial, in the plan</source>
        <translation>Enfouissement, dans le plan</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>Burial, not chosen</source>
        <translation>Enfouissement, non retenu</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Central office (NRO)</source>
        <translation>Nœud de raccordement optique (NRO)</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Chamber</source>
        <translation>Chambre</translation>
    </message>
    <message>
        <location filename="../resources/styles/topology_nodes.qml"/>
        <source>Connected to a root</source>
        <translation>Relié à une racine</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact.qml"/>
        <source>Cut off</source>
        <translation>Privé de service</translation>
    </message>
    <message>
        <location filename="../resources/styles/access_targets.qml"/>
        <source>Delay 15 to 60 min</source>
        <translation>Retard de 15 à 60 min</translation>
    </message>
    <message>
        <location filename="../resources/styles/access_targets.qml"/>
        <source>Delay over 60 min</source>
        <translation>Retard de plus de 60 min</translation>
    </message>
    <message>
        <location filename="../resources/styles/access_targets.qml"/>
        <source>Delay up to 15 min</source>
        <translation>Retard jusqu'à 15 min</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Distribution point (PBO)</source>
        <translation>Point de branchement optique (PBO)</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Every 10 to 30 years</source>
        <translation>Tous les 10 à 30 ans</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Every 10 years or more often</source>
        <translation>Tous les 10 ans ou plus souvent</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Every 100 to 300 years</source>
        <translation>Tous les 100 à 300 ans</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Every 30 to 100 years</source>
        <translation>Tous les 30 à 100 ans</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Every 300 to 1000 years</source>
        <translation>Tous les 300 à 1 000 ans</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact.qml"/>
        <source>Failed</source>
        <translation>Défaillant</translation>
    </message>
    <message>
        <location filename="../resources/styles/laying.qml"/>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Façade</source>
        <translation>Façade</translation>
    </message>
    <message>
        <location filename="../resources/styles/diversity.qml"/>
        <source>Full diversity</source>
        <translation>Diversité complète</translation>
    </message>
    <message>
        <location filename="../resources/styles/laying.qml"/>
        <source>Indoor</source>
        <translation>Intérieur</translation>
    </message>
    <message>
        <location filename="../resources/styles/hazard_levels.qml"/>
        <source>Level 1 (low)</source>
        <translation>Niveau 1 (faible)</translation>
    </message>
    <message>
        <location filename="../resources/styles/hazard_levels.qml"/>
        <source>Level 2 (medium)</source>
        <translation>Niveau 2 (moyen)</translation>
    </message>
    <message>
        <location filename="../resources/styles/hazard_levels.qml"/>
        <source>Level 3 (high)</source>
        <translation>Niveau 3 (fort)</translation>
    </message>
    <message>
        <location filename="../resources/styles/hazard_levels.qml"/>
        <source>Level 4 (very high)</source>
        <translation>Niveau 4 (très fort)</translation>
    </message>
    <message>
        <location filename="../resources/styles/diversity.qml"/>
        <source>Line diversity: a node or shared-risk group cuts it</source>
        <translation>Diversité de lignes : un nœud ou un groupe à risque partagé le coupe</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>More back-up power at a site (ring), in the plan</source>
        <translation>Plus d'autonomie électrique sur un site (cercle), dans le plan</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>More back-up power at a site (ring), not chosen</source>
        <translation>Plus d'autonomie électrique sur un site (cercle), non retenu</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_sites.qml"/>
        <source>More back-up power at a site, in the plan</source>
        <translation>Plus d'autonomie électrique sur un site, dans le plan</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_sites.qml"/>
        <source>More back-up power at a site, not chosen</source>
        <translation>Plus d'autonomie électrique sur un site, non retenu</translation>
    </message>
    <message>
        <location filename="../resources/styles/spof_premises.qml"/>
        <source>More than 1000 premises cut</source>
        <translation>Plus de 1 000 locaux coupés</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact_summary.qml"/>
        <source>More than 1000 premises cut off</source>
        <translation>Plus de 1 000 locaux privés de service</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Never fails</source>
        <translation>Jamais défaillant</translation>
    </message>
    <message>
        <location filename="../resources/styles/restoration_jobs.qml"/>
        <location filename="../resources/styles/restoration_nodes.qml"/>
        <source>Never repaired</source>
        <translation>Jamais réparée</translation>
    </message>
    <message>
        <location filename="../resources/styles/power_sites.qml"/>
        <source>Never without power</source>
        <translation>Jamais sans énergie</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>New loop, in the plan</source>
        <translation>Nouveau bouclage, dans le plan</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>New loop, not chosen</source>
        <translation>Nouveau bouclage, non retenu</translation>
    </message>
    <message>
        <location filename="../resources/styles/diversity.qml"/>
        <source>No diversity: a single line cuts it</source>
        <translation>Aucune diversité : une seule ligne le coupe</translation>
    </message>
    <message>
        <location filename="../resources/styles/spof_premises.qml"/>
        <source>No premises cut</source>
        <translation>Aucun local coupé</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact_summary.qml"/>
        <source>No premises cut off</source>
        <translation>Aucun local privé de service</translation>
    </message>
    <message>
        <location filename="../resources/styles/premises_spof.qml"/>
        <source>Not attached to the network</source>
        <translation>Non rattaché au réseau</translation>
    </message>
    <message>
        <location filename="../resources/styles/topology_nodes.qml"/>
        <source>Not connected to any root</source>
        <translation>Relié à aucune racine</translation>
    </message>
    <message>
        <location filename="../resources/styles/hazard_levels.qml"/>
        <source>Not exposed</source>
        <translation>Non exposé</translation>
    </message>
    <message>
        <location filename="../resources/styles/scores.qml"/>
        <source>Not scored</source>
        <translation>Non noté</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>Operator's project, in the plan</source>
        <translation>Projet de l'exploitant, dans le plan</translation>
    </message>
    <message>
        <location filename="../resources/styles/mitigation_actions.qml"/>
        <source>Operator's project, not chosen</source>
        <translation>Projet de l'exploitant, non retenu</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Other node</source>
        <translation>Autre nœud</translation>
    </message>
    <message>
        <location filename="../resources/styles/service_areas.qml"/>
        <source>Over 2 h</source>
        <translation>Plus de 2 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Pole</source>
        <translation>Appui</translation>
    </message>
    <message>
        <location filename="../resources/styles/return_periods.qml"/>
        <source>Rarer than every 1000 years</source>
        <translation>Plus rare qu'une fois tous les 1 000 ans</translation>
    </message>
    <message>
        <location filename="../resources/styles/access_targets.qml"/>
        <source>Reached, no delay</source>
        <translation>Atteint sans retard</translation>
    </message>
    <message>
        <location filename="../resources/styles/premises_spof.qml"/>
        <source>Redundant</source>
        <translation>Redondant</translation>
    </message>
    <message>
        <location filename="../resources/styles/restoration_jobs.qml"/>
        <location filename="../resources/styles/restoration_nodes.qml"/>
        <source>Repaired after 3 days</source>
        <translation>Réparée après 3 jours</translation>
    </message>
    <message>
        <location filename="../resources/styles/restoration_jobs.qml"/>
        <location filename="../resources/styles/restoration_nodes.qml"/>
        <source>Repaired in 1 to 3 days</source>
        <translation>Réparée en 1 à 3 jours</translation>
    </message>
    <message>
        <location filename="../resources/styles/restoration_jobs.qml"/>
        <location filename="../resources/styles/restoration_nodes.qml"/>
        <source>Repaired in 6 to 24 h</source>
        <translation>Réparée en 6 à 24 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/restoration_jobs.qml"/>
        <location filename="../resources/styles/restoration_nodes.qml"/>
        <source>Repaired within 6 h</source>
        <translation>Réparée en moins de 6 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/impact.qml"/>
        <source>Served</source>
        <translation>Desservi</translation>
    </message>
    <message>
        <location filename="../resources/styles/node_roles.qml"/>
        <source>Street cabinet (SRO)</source>
        <translation>Sous-répartiteur optique (SRO)</translation>
    </message>
    <message>
        <location filename="../resources/styles/laying.qml"/>
        <source>Underground</source>
        <translation>Souterrain</translation>
    </message>
    <message>
        <location filename="../resources/styles/laying.qml"/>
        <source>Unknown laying</source>
        <translation>Mode de pose inconnu</translation>
    </message>
    <message>
        <location filename="../resources/styles/access_targets.qml"/>
        <source>Unreachable</source>
        <translation>Inaccessible</translation>
    </message>
    <message>
        <location filename="../resources/styles/service_areas.qml"/>
        <source>Within 15 min</source>
        <translation>En 15 min au plus</translation>
    </message>
    <message>
        <location filename="../resources/styles/power_sites.qml"/>
        <source>Without power 2 to 6 h</source>
        <translation>Sans énergie de 2 à 6 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/power_sites.qml"/>
        <source>Without power 6 to 24 h</source>
        <translation>Sans énergie de 6 à 24 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/power_sites.qml"/>
        <source>Without power over 24 h</source>
        <translation>Sans énergie plus de 24 h</translation>
    </message>
    <message>
        <location filename="../resources/styles/power_sites.qml"/>
        <source>Without power up to 2 h</source>
        <translation>Sans énergie jusqu'à 2 h</translation>
    </message>
</context>
</TS>
