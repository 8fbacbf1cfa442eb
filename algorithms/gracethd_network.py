"""fibreresilience:gracethdnetwork — a GraceTHD delivery as analysis-ready network layers."""

import os
from typing import Optional, Tuple

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterProviderConnection,
    QgsWkbTypes,
)

from ..adapters import delivery, errors, sinks
from ..core import gracethd_schema as gs
from ..core.gracethd import DeliveryTable, read_gracethd
from ..processing_provider.algorithm import FibreAlgorithm

# The largest TOLERANCE (m). A route is drawn from node to node: an end more than a few
# metres off its node is a drawing error, not imprecision. Poles stand 30 to 50 m apart and
# chambers, façade and building nodes often closer, so beyond 20 m the nearest node may well
# be the neighbour of the right one: a wrong attachment that reads as a sound network.
MAX_TOLERANCE = 20.0


# --------------------------------------------------------------------------- algorithm

ROUTE_FIELDS = [
    sinks.text_field("gt_code"),
    sinks.text_field("gt_table", 20),
    sinks.text_field("gt_laying", 12),
    sinks.text_field("gt_passage", 10),
    sinks.text_field("gt_nd1"),
    sinks.text_field("gt_nd2"),
    sinks.int_field("gt_cables"),
]
CABLE_FIELDS = [
    sinks.text_field("gt_code"),
    sinks.text_field("gt_table", 20),
    sinks.text_field("gt_nd1"),
    sinks.text_field("gt_nd2"),
    sinks.text_field("gt_class", 4),
    sinks.text_field("gt_routes", 10000),
    sinks.real_field("gt_aer_m", 2),
    sinks.text_field("gt_laying", 12),
    sinks.text_field("gt_geomsrc", 20),
]
NODE_FIELDS = [
    sinks.text_field("gt_code"),
    sinks.text_field("gt_table", 20),
    sinks.text_field("gt_role", 10),
]
PREMISES_FIELDS = [
    sinks.text_field("gt_code"),
    sinks.text_field("gt_table", 20),
    sinks.int_field("gt_prem"),
    sinks.int_field("gt_prio"),
    sinks.text_field("gt_pbo"),
    sinks.text_field("gt_sro"),
    sinks.text_field("gt_nro"),
]


def _geometry_type(geometries: np.ndarray, single: int, multi: int) -> Tuple[int, bool]:
    kinds = shapely.get_type_id(geometries[~shapely.is_missing(geometries)])
    is_multi = bool(np.any(kinds >= 4))
    return (multi if is_multi else single), is_multi


class GraceThdNetworkAlgorithm(FibreAlgorithm):
    ALG_ID = "gracethdnetwork"
    ALG_GROUP = "network"

    SOURCE = "SOURCE"
    CONNECTION = "CONNECTION"
    SCHEMA = "SCHEMA"
    VERSION = "VERSION"
    TOLERANCE = "TOLERANCE"
    ROUTES = "ROUTES"
    CABLES = "CABLES"
    NODES = "NODES"
    PREMISES = "PREMISES"
    REPORT = "REPORT"
    ANOMALY_COUNT = "ANOMALY_COUNT"
    PREMISES_TOTAL = "PREMISES_TOTAL"

    def displayName(self):
        return self.tr("Read a GraceTHD delivery")

    def shortHelpString(self):
        return self.tr(
            "Reads an operator's GraceTHD delivery (2015 v2.0-beta, v2.x or v3.x) into four layers "
            "ready for the exposure and network algorithms, with no manual joining.\n\n"
            "Input: SOURCE, a folder of shapefiles and CSV (';', UTF-8 or cp1252), a .zip of them "
            "read in place, or a GeoPackage; or CONNECTION and SCHEMA, a PostgreSQL/PostGIS "
            "connection saved in QGIS and the schema holding the tables. Table and field names "
            "are matched whatever their case. VERSION is detected from the tables present unless "
            "set. TOLERANCE (m, 0 to 20): a route end whose node is empty or not in t_noeud is "
            "attached to the nearest node within this distance (0: never); either way it is an "
            "anomaly, listed in REPORT with the node it was attached to.\n\n"
            "Outputs keep every source field and add: ROUTES (t_cheminement): gt_code, gt_laying "
            "(AERIEN for cm_typ_imp 0/1, FACADE 2, INTERIEUR 3, SOUTERRAIN 4-8, else INCONNU), "
            "gt_passage (PON: bridge), gt_nd1, gt_nd2, gt_cables (cables in it). CABLES (t_cable, "
            "drawn from t_cableline, else its own geometry, else its routes merged; gt_geomsrc "
            "says which): gt_nd1, gt_nd2, gt_class (cb_typelog), gt_routes (its route codes, "
            "';'-separated: its shared-risk groups), gt_aer_m (aerial length, m), gt_laying (the "
            "most exposed along it: AERIEN > FACADE > INCONNU > SOUTERRAIN > INTERIEUR). NODES "
            "(t_noeud): gt_role (NRO, SRO, PBO, CHAMBRE, APPUI, FACADE, IMMEUBLE, AUTRE). PREMISES "
            "(t_adresse): gt_prem (premises: v2 ad_nblhab + ad_nblpro, v3 ad_nblres + ad_nblpro + "
            "ad_nblent + ad_nblpub, NULL as 0), gt_prio (priority 0/1), gt_pbo, gt_sro, gt_nro "
            "(node codes of the PBO, SRO and NRO serving it: from t_suf/t_local links, else from "
            "the t_zpbo/t_zsro/t_znro zone it lies in). gt_nd*, gt_pbo, gt_sro and gt_nro are "
            "nd_code values, the gt_code of NODES. REPORT: every table read and every anomaly "
            "(gt_sev info/warning/error, gt_table, gt_code, gt_anomaly, gt_detail). Anomalies "
            "never "
            "stop the read; a missing mandatory table does, naming it.\n\n"
            "CRS: the source CRS when projected, EPSG:2154 otherwise; lengths in metres."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.SOURCE,
                self.tr("Delivery (folder of shp+csv, .zip or GeoPackage)"),
                # Folder: the only behaviour that also accepts a folder; a .zip or .gpkg path
                # can be typed or pasted in the same box.
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterProviderConnection(
                self.CONNECTION, self.tr("Or a PostGIS connection"), "postgres", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterDatabaseSchema(
                self.SCHEMA, self.tr("Schema of the delivery"), self.CONNECTION, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.VERSION,
                self.tr("GraceTHD version"),
                # the version numbers need no translation; "detect from the tables" does
                options=[self.tr("auto (from the tables present)")] + list(gs.VERSIONS[1:]),
                defaultValue=0,
            )
        )
        tolerance = QgsProcessingParameterNumber(
            self.TOLERANCE,
            self.tr("Node matching tolerance (m)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=1.0,
            minValue=0.0,
            maxValue=MAX_TOLERANCE,
        )
        self.addParameter(tolerance)
        for key, title, kind in (
            (self.ROUTES, self.tr("Routes"), QgsProcessing.SourceType.TypeVectorLine),
            (self.CABLES, self.tr("Cables"), QgsProcessing.SourceType.TypeVectorLine),
            (self.NODES, self.tr("Nodes"), QgsProcessing.SourceType.TypeVectorPoint),
            (self.PREMISES, self.tr("Premises"), QgsProcessing.SourceType.TypeVectorPoint),
            (self.REPORT, self.tr("Read report"), QgsProcessing.SourceType.TypeVector),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(key, title, kind))
        self.addOutput(
            QgsProcessingOutputNumber(
                self.ANOMALY_COUNT, self.tr("Anomalies (warnings and errors)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.PREMISES_TOTAL, self.tr("Premises")))

    def _tolerance_error(self, parameters, context) -> Optional[str]:
        """Why TOLERANCE is refused (it names the bounds), or None."""
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        if tolerance < 0 or tolerance > MAX_TOLERANCE or tolerance != tolerance:
            return self.tr(
                "TOLERANCE must be between 0 and {maximum:g} m (got {value:g} m): a route end "
                "farther from its node is a drawing error to fix in the delivery."
            ).format(maximum=MAX_TOLERANCE, value=tolerance)
        return None

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        # Before QGIS's own check, whose message does not say what the bounds are.
        message = self._tolerance_error(parameters, context)
        if message:
            return False, message
        ok, message = super().checkParameterValues(parameters, context)
        return ok, errors.redact(message)  # QGIS quotes a source it cannot load in full

    def process(self, parameters, context, feedback):
        try:
            return self._read(parameters, context, feedback)
        except QgsProcessingException as exc:
            # a path or a connection string quoted in a message never carries its password
            raise QgsProcessingException(errors.redact(str(exc))) from None

    def _read(self, parameters, context, feedback):
        message = self._tolerance_error(parameters, context)
        if message:
            raise QgsProcessingException(message)
        path = (self.parameterAsFile(parameters, self.SOURCE, context) or "").strip()
        connection = self.parameterAsConnectionName(parameters, self.CONNECTION, context)
        schema = self.parameterAsSchema(parameters, self.SCHEMA, context)
        version = gs.VERSIONS[self.parameterAsEnum(parameters, self.VERSION, context)]
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        if path and connection:
            raise QgsProcessingException(
                self.tr("Give either SOURCE or CONNECTION and SCHEMA, not both.")
            )
        if connection:
            if not schema:
                raise QgsProcessingException(self.tr("CONNECTION needs a SCHEMA."))
            found = delivery.postgres_layers(connection, schema)
            where = f"{connection}.{schema}"
        elif path:
            if not os.path.exists(path):
                raise QgsProcessingException(self.tr("SOURCE does not exist: {}").format(path))
            found = delivery.file_layers(path)
            where = path
        else:
            raise QgsProcessingException(self.tr("Give SOURCE, or CONNECTION and SCHEMA."))
        if not found:
            raise QgsProcessingException(
                self.tr(
                    "No GraceTHD table (t_*) in {}: expected t_noeud, t_cheminement, t_cable…"
                ).format(where)
            )
        feedback.pushInfo(
            self.tr("{n} GraceTHD tables found in {where}.").format(
                n=len(found), where=errors.redact(where)
            )
        )

        tables, crs = delivery.read_delivery(
            found, context, feedback, fields=gs.FIELDS_READ, whole=gs.WRITTEN_TABLES
        )
        feedback.setProgress(30)
        delivered = {name: DeliveryTable(t.frame, t.geometries) for name, t in tables.items()}
        with errors.core_errors():
            result = read_gracethd(
                delivered,
                version=version,
                tolerance=tolerance,
                progress=lambda f: feedback.setProgress(30 + 40 * f),
                is_cancelled=feedback.isCanceled,
            )
        report = result.report
        invalid = [(n, t.invalid) for n, t in tables.items() if t.invalid]
        if invalid:
            extra = pd.DataFrame(
                [
                    [gs.WARNING, n, None, "invalid geometries", f"{k} rows (dropped)"]
                    for n, k in invalid
                ],
                columns=gs.REPORT_COLUMNS,
            )
            report = pd.concat([report, extra], ignore_index=True)
        feedback.pushInfo(self.tr("GraceTHD version: {}").format(result.version))
        # Only the tables written out are needed from here on: the others are let go.
        del delivered
        tables = {name: tables[name] for name in gs.WRITTEN_TABLES}

        outputs = {}
        with sinks.discard_on_failure() as written:
            for key, table, frame, geometries, fields, kinds in (
                (
                    self.ROUTES,
                    "t_cheminement",
                    result.routes,
                    result.route_geometries,
                    ROUTE_FIELDS,
                    "line",
                ),
                (
                    self.CABLES,
                    "t_cable",
                    result.cables,
                    result.cable_geometries,
                    CABLE_FIELDS,
                    "line",
                ),
                (self.NODES, "t_noeud", result.nodes, result.node_geometries, NODE_FIELDS, "point"),
                (
                    self.PREMISES,
                    "t_adresse",
                    result.premises,
                    result.premises_geometries,
                    PREMISES_FIELDS,
                    "point",
                ),
            ):
                if kinds == "line":
                    wkb_type, multi = _geometry_type(
                        geometries, QgsWkbTypes.LineString, QgsWkbTypes.MultiLineString
                    )
                else:
                    wkb_type, multi = _geometry_type(
                        geometries, QgsWkbTypes.Point, QgsWkbTypes.MultiPoint
                    )
                if multi:
                    geometries = np.array(
                        [
                            g if g is None or shapely.get_type_id(g) >= 4 else _as_multi(g)
                            for g in geometries
                        ],
                        dtype=object,
                    )
                # popped: its field values, made for writing, are let go once written
                source = tables.pop(table)
                if sinks.are_read_geometries(source.features, geometries):
                    geometries = None  # the table's own: copied from the file as they are
                outputs[key] = sinks.write_layer(
                    self,
                    parameters,
                    key,
                    context,
                    source,
                    fields,
                    {f.name: frame[f.name].to_numpy() for f in fields},
                    feedback,
                    written,
                    geometries=None if geometries is None else sinks.qgis_geometries(geometries),
                    wkb_type=wkb_type,
                    crs=crs,
                )
                feedback.pushInfo(self.tr("{key}: {n} features").format(key=key, n=len(frame)))
            outputs[self.REPORT] = sinks.table_sink(
                self, parameters, self.REPORT, context, report, feedback
            )
        self._warn_route_ends(report, tolerance, feedback)
        anomalies = int(report["gt_sev"].isin([gs.WARNING, gs.ERROR]).sum())
        if anomalies:
            feedback.pushWarning(
                self.tr("{n} anomalies: see the REPORT table.").format(n=anomalies)
            )
        outputs[self.ANOMALY_COUNT] = anomalies
        outputs[self.PREMISES_TOTAL] = int(result.premises["gt_prem"].sum())
        return outputs

    def _warn_route_ends(self, report: pd.DataFrame, tolerance: float, feedback) -> None:
        """One warning for the route ends that name no node of t_noeud (each one is in REPORT)."""
        routes = report[report["gt_table"] == "t_cheminement"]
        attached = int((routes["gt_anomaly"] == "end node matched by position").sum())
        unattached = int((routes["gt_anomaly"] == "route end node missing").sum())
        if attached or unattached:
            feedback.pushWarning(
                self.tr(
                    "{n} route ends (cm_ndcode1/cm_ndcode2) name no node of t_noeud: {attached} "
                    "attached to the nearest node within {tolerance:g} m, {unattached} not "
                    "attached. Each is listed in REPORT."
                ).format(
                    n=attached + unattached,
                    attached=attached,
                    unattached=unattached,
                    tolerance=tolerance,
                )
            )


def _as_multi(geometry):
    kind = shapely.get_type_id(geometry)
    if kind == 0:
        return shapely.multipoints([geometry])
    if kind == 1:
        return shapely.multilinestrings([geometry])
    return geometry
