"""What the reader needs to know of the GraceTHD models (2.0-beta of 2015, 2.x, 3.x).

Table and field names are those of the GraceTHD-MCD definitions (lower case; deliveries
that use upper case are matched case-insensitively). Code lists are the ``l_*`` lists of
the models; only the codes the analysis needs are mapped, every other one is reported.
"""

VERSION_AUTO = "auto"
VERSION_BETA = "2.0-beta"
VERSION_V2 = "2.x"
VERSION_V3 = "3.x"
VERSIONS = (VERSION_AUTO, VERSION_BETA, VERSION_V2, VERSION_V3)

# Tables whose presence tells the generation apart.
V2_MARKERS = ("t_sitetech", "t_ltech", "t_suf", "t_cab_cond", "t_cond_chem")
V3_MARKERS = ("t_site", "t_local", "t_cab_chem")

# A delivery cannot be read without these (the cable-to-route links differ by version).
MANDATORY_COMMON = ("t_noeud", "t_cheminement", "t_cable", "t_adresse")
MANDATORY_LINKS = {
    VERSION_BETA: ("t_cab_cond", "t_cond_chem"),
    VERSION_V2: ("t_cab_cond", "t_cond_chem"),
    VERSION_V3: ("t_cab_chem",),
}
# Tables that must carry a geometry.
SPATIAL_MANDATORY = ("t_noeud", "t_cheminement", "t_adresse")
# The geometry each spatial table must hold (shapely type ids: the single and multi kinds).
POINTS, LINES, POLYGONS = (0, 4), (1, 5), (3, 6)
GEOMETRY_KINDS = {
    "t_noeud": ("points", POINTS),
    "t_adresse": ("points", POINTS),
    "t_cheminement": ("lines", LINES),
    "t_cable": ("lines", LINES),
    "t_cableline": ("lines", LINES),
    "t_zpbo": ("polygons", POLYGONS),
    "t_zsro": ("polygons", POLYGONS),
    "t_znro": ("polygons", POLYGONS),
}

# Fields without which a table is unusable; the first one is the table's code.
KEY_FIELDS = {
    "t_noeud": ("nd_code",),
    "t_cheminement": ("cm_code", "cm_ndcode1", "cm_ndcode2"),
    "t_cable": ("cb_code",),
    "t_adresse": ("ad_code",),
    "t_cab_cond": ("cc_cb_code", "cc_cd_code"),
    "t_cond_chem": ("dm_cd_code", "dm_cm_code"),
    "t_cab_chem": ("cc_cb_code", "cc_cm_code"),
    "t_cableline": ("cl_cb_code",),
    "t_ptech": ("pt_code", "pt_nd_code"),
    "t_ebp": ("bp_code",),
    "t_sitetech": ("st_code", "st_nd_code"),
    "t_site": ("st_code", "st_nd_code"),
    "t_ltech": ("lt_code", "lt_st_code"),
    "t_local": ("lc_code", "lc_st_code"),
    "t_suf": ("sf_code",),
    "t_zpbo": ("zp_code",),
    "t_zsro": ("zs_code",),
    "t_znro": ("zn_code",),
}
# Every field the reader reads (lower case, any table): the other fields of a table that is
# not written out (t_site, t_local, t_ptech, t_ebp, the links, the zones...) are not read at
# all. tests/unit/test_gracethd.py checks that the reader names no other field.
FIELDS_READ = frozenset(
    (
        "ad_code ad_nblent ad_nblhab ad_nblpro ad_nblpub ad_nblres ad_prio "
        "bp_code bp_lc_code bp_lt_code bp_pt_code bp_sf_code bp_typelog "
        "cb_bp1 cb_bp2 cb_code cb_nd1 cb_nd2 cb_type cb_typelog cb_typephy "
        "cc_cb_code cc_cd_code cc_cm_code cl_cb_code "
        "cm_code cm_ndcode1 cm_ndcode2 cm_passage cm_typ_imp cm_typelog dm_cd_code dm_cm_code "
        "lc_bp_codf lc_bp_codp lc_code lc_st_code lc_typelog lt_code lt_st_code nd_code nd_type "
        "pt_code pt_nature pt_nd_code pt_typephy sf_ad_code sf_code sf_nd_code sf_zp_code "
        "st_ad_code st_code st_nd_code st_typelog zn_code zn_lc_code zn_nd_code "
        "zp_bp_code zp_code zp_nd_code zp_zs_code zs_code zs_lc_code zs_nd_code zs_zn_code"
    ).split()
)
# The tables written out with every field they have (routes, cables, nodes, premises).
WRITTEN_TABLES = ("t_cheminement", "t_cable", "t_noeud", "t_adresse")

# Link tables have no code of their own: no duplicate check on their first field.
LINK_TABLES = ("t_cab_cond", "t_cond_chem", "t_cab_chem")

# l_implantation_type (2.x) / l_implantation (3.x): cm_typ_imp -> laying mode.
LAYING_BY_IMPLANTATION = {
    "0": "AERIEN",  # aérien télécom
    "1": "AERIEN",  # aérien énergie
    "2": "FACADE",
    "3": "INTERIEUR",  # immeuble
    "4": "SOUTERRAIN",  # pleine terre
    "5": "SOUTERRAIN",  # caniveau
    "6": "SOUTERRAIN",  # galerie
    "7": "SOUTERRAIN",  # conduite
    "8": "SOUTERRAIN",  # égout
    "9": "INCONNU",  # spécifique: a known code that says nothing of the exposure
}
LAYINGS = ("AERIEN", "FACADE", "INCONNU", "SOUTERRAIN", "INTERIEUR")
# Most exposed first. An unknown laying ranks above buried ones: a plan must not assume
# a cable is protected because nobody recorded how it was laid.
LAYING_EXPOSURE = {name: rank for rank, name in enumerate(LAYINGS)}

# l_passage_type (2.x); PON is a bridge. 3.x has no cm_passage.
PASSAGE_CODES = ("ACC", "CHAU", "TROT", "TER", "EMP", "PON", "SNC", "CAN", "PAV", "NC")

# l_infra_type_log (2.x) / l_cable_chem_type_log (3.x): cb_typelog and cm_typelog.
CABLE_CLASSES = ("CX", "CO", "CT", "CD", "TD", "TR", "DI", "RA", "BM", "LH", "NC")

# Node roles, strongest first: a node that hosts an NRO and a chamber is an NRO.
ROLES = ("NRO", "SRO", "PBO", "CHAMBRE", "APPUI", "FACADE", "IMMEUBLE", "AUTRE")
ROLE_PRIORITY = {
    "NRO": 0,
    "SRO": 1,
    "PBO": 2,
    "CHAMBRE": 3,
    "APPUI": 3,
    "FACADE": 3,
    "IMMEUBLE": 4,
    "AUTRE": 5,
}

# l_ptech_type_phy (2.x: A, C, Z; 3.x adds F and I).
ROLE_BY_PTECH_TYPE = {"A": "APPUI", "C": "CHAMBRE", "F": "FACADE", "I": "IMMEUBLE", "Z": "AUTRE"}
# l_ptech_nature codes of façade fixings (crochet, balcon, faîtière), for 2.x deliveries
# that file them under "Z - autre".
FACADE_NATURES = ("CRO", "BAL", "FAI")

# l_site_type_log, 2.x (t_sitetech): NRO and SRO are site types.
SITE_ROLES_V2 = {
    "NRO": "NRO",
    "SRO": "SRO",
    "NRA": "AUTRE",
    "NRAHD": "AUTRE",
    "NRAMED": "AUTRE",
    "NRAZO": "AUTRE",
    "SRP": "AUTRE",
    "SRS": "AUTRE",
    "SRT": "AUTRE",
    "BRASSAGE": "AUTRE",
    "CLIENT": "IMMEUBLE",
    "HEBERG": "AUTRE",
}
# l_site_type_log, 3.x (t_site): only client or network sites; NRO/SRO are locals.
SITE_ROLES_V3 = {"CLIENT": "IMMEUBLE", "RESEAU": "AUTRE"}
# l_local_type_log, 3.x (t_local).
LOCAL_ROLES_V3 = {
    "NRO": "NRO",
    "SRO": "SRO",
    "RES": "IMMEUBLE",
    "PRO": "IMMEUBLE",
    "ENT": "IMMEUBLE",
    "PUB": "IMMEUBLE",
    "FTTH": "IMMEUBLE",
    "TEC": "AUTRE",
    "OPE": "AUTRE",
    "OBJ": "AUTRE",
}
# l_bp_type_log: only PBO is a role; other boxes take the role of their support.
BOX_TYPES = ("BPE", "BPI", "PTO", "PBO", "DTI")
# l_noeud_type (2.x nd_type): end-user sites are buildings.
ROLE_BY_NODE_TYPE = {"SF": "IMMEUBLE"}

# Premises counted per address.
PREMISES_FIELDS = {
    VERSION_BETA: ("ad_nblhab", "ad_nblpro"),
    VERSION_V2: ("ad_nblhab", "ad_nblpro"),
    VERSION_V3: ("ad_nblres", "ad_nblpro", "ad_nblent", "ad_nblpub"),
}

TRUE_WORDS = ("1", "T", "TRUE", "O", "OUI", "V", "VRAI", "Y", "YES")

# Report columns (also the REPORT table's fields).
REPORT_COLUMNS = ("gt_sev", "gt_table", "gt_code", "gt_anomaly", "gt_detail")
INFO, WARNING, ERROR = "info", "warning", "error"
