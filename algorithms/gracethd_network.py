"""fibreresilience:gracethdnetwork — a GraceTHD delivery as analysis-ready network layers."""

import io as _stdio
import os
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
import shapely
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterProviderConnection,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt, QVariant

from ..adapters import errors, layers, sinks
from ..core import gracethd_schema as gs
from ..core.gracethd import DeliveryTable, read_gracethd
from ..i18n import tr
from ..processing_provider.algorithm import FibreAlgorithm

LAMBERT93 = QgsCoordinateReferenceSystem("EPSG:2154")
# The largest TOLERANCE (m). A route is drawn from node to node: an end more than a few
# metres off its node is a drawing error, not imprecision. Poles stand 30 to 50 m apart and
# chambers, façade and building nodes often closer, so beyond 20 m the nearest node may well
# be the neighbour of the right one: a wrong attachment that reads as a sound network.
MAX_TOLERANCE = 20.0


@dataclass
class SourceTable:
    """One delivered table as read through QGIS (or from a CSV file)."""

    name: str
    fields: QgsFields
    features: List[QgsFeature]
    frame: pd.DataFrame
    geometries: Optional[np.ndarray]  # shapely in the output CRS, None for attribute tables
    invalid: int = 0


# --------------------------------------------------------------------------- CSV


def decode_csv(data: bytes) -> Tuple[str, int]:
    """Text of a GraceTHD CSV: UTF-8, each line that is not falling back to cp1252.

    Deliveries assembled from several tools mix encodings, so the choice is made per line;
    returns the text and how many lines needed cp1252.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.split(b"\n")
    out = []
    fallback = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            fallback += 1
    return "\n".join(out), fallback


# GraceTHD CSV are ';'-separated; a file saved again by a spreadsheet may use another.
SEPARATORS = (";", ",", "\t", "|")


def csv_separator(header: str) -> str:
    """The separator of a CSV from its header line (field names hold none): ';' unless the
    header has none of it and holds another."""
    if ";" in header:
        return ";"
    counts = {sep: header.count(sep) for sep in SEPARATORS[1:]}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def csv_table(name: str, data: bytes, feedback=None) -> SourceTable:
    """A ``;``-separated table (or another separator, from its header), all values as text
    (NULL where empty). An empty file is an empty table, said in a warning; a file the CSV
    reader cannot split into rows is refused, naming the file and the line."""
    text, fallback = decode_csv(data)
    if fallback and feedback is not None:
        feedback.pushInfo(
            tr("{table}: {n} lines read as cp1252 (not UTF-8).").format(table=name, n=fallback)
        )
    if not text.strip():
        if feedback is not None:
            feedback.pushWarning(
                tr(
                    "{table}.csv is empty (not even a header line): read as a table with no "
                    "field."
                ).format(table=name)
            )
        return SourceTable(name, QgsFields(), [], pd.DataFrame(), None)
    separator = csv_separator(text.lstrip().splitlines()[0])
    if separator != ";" and feedback is not None:
        feedback.pushInfo(
            tr("{table}.csv is separated by {separator!r}, not ';'.").format(
                table=name, separator=separator
            )
        )
    try:
        frame = pd.read_csv(_stdio.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as error:  # ragged rows, an unclosed quote
        raise QgsProcessingException(
            tr("Cannot read {table}.csv: {error}").format(
                table=name,
                error=str(error)
                .replace("Error tokenizing data. ", "")
                .replace("C error: ", "")
                .strip(),
            )
        ) from None
    frame = frame.loc[:, [not str(c).startswith("Unnamed:") for c in frame.columns]]
    frame = frame.astype(object).where(frame != "", None)
    fields = QgsFields()
    for column in frame.columns:
        fields.append(QgsField(str(column), QVariant.String, len=254))
    features = []
    for row in frame.itertuples(index=False, name=None):
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        features.append(feature)
    return SourceTable(name, fields, features, frame, None)


# --------------------------------------------------------------------------- layers


def layer_table(name: str, layer: QgsVectorLayer, crs, context, feedback=None) -> SourceTable:
    """Features, attributes and (for spatial tables) shapely geometries in ``crs``."""
    source = layers.layer_source(layer, context)
    spatial = QgsWkbTypes.geometryType(source.wkbType()) not in (
        QgsWkbTypes.GeometryType.NullGeometry,
        QgsWkbTypes.GeometryType.UnknownGeometry,
    )
    source_crs = identified(source.sourceCrs()) if source.sourceCrs().isValid() else crs
    arrays = layers.read_layer(source, name, crs, context, feedback, source_crs=source_crs)
    frame = arrays.attribute_frame()
    if len(frame) != len(arrays.features):  # no field at all (a .shp without its .dbf)
        frame = pd.DataFrame(index=range(len(arrays.features)))
    # One-point lines (patch cords in the 2015 demo) are not valid lines: dropped, counted.
    return SourceTable(
        name,
        arrays.fields,
        arrays.features,
        frame,
        arrays.geometries if spatial else None,
        arrays.unreadable_count,
    )


def _is_table_name(name: str) -> bool:
    return name.lower().startswith("t_")


def _check_shapefile(shp: str, names) -> None:
    """A shapefile is its .shp, .shx and .dbf together: say which one is missing."""
    stem = os.path.splitext(os.path.basename(shp))[0].lower()
    present = {n.lower() for n in names}
    for part in (".shx", ".dbf"):
        if stem + part not in present:
            raise QgsProcessingException(
                tr(
                    "Shapefile {name} has no {part} file beside it: a shapefile is its .shp, "
                    ".shx and .dbf together."
                ).format(name=os.path.basename(shp), part=part)
            )


def _subfolders_with_tables(path: str) -> List[str]:
    """The subfolders of ``path`` that hold t_* files (a delivery unzipped one level down)."""
    out = []
    for entry in sorted(os.listdir(path)):
        full = os.path.join(path, entry)
        if os.path.isdir(full) and any(
            _is_table_name(os.path.splitext(n)[0])
            and os.path.splitext(n)[1].lower() in (".shp", ".csv")
            for n in os.listdir(full)
        ):
            out.append(entry)
    return out


def _file_layers(path: str) -> Dict[str, Tuple[str, object]]:
    """Table name -> ('ogr', uri) or ('csv', bytes) for a folder, a zip or a GeoPackage."""
    found: Dict[str, Tuple[str, object]] = {}
    lower = path.lower()
    if os.path.isdir(path):
        entries = sorted(os.listdir(path))
        for entry in entries:
            stem, ext = os.path.splitext(entry)
            if not _is_table_name(stem):
                continue
            full = os.path.join(path, entry)
            if ext.lower() == ".shp":
                _check_shapefile(full, entries)
                found.setdefault(stem.lower(), ("ogr", full))
            elif ext.lower() == ".csv":
                with open(full, "rb") as handle:
                    found.setdefault(stem.lower(), ("csv", handle.read()))
        if not found:
            inside = _subfolders_with_tables(path)
            if inside:
                raise QgsProcessingException(
                    tr(
                        "No GraceTHD table (t_*) in {path}, but its subfolder {folder} holds "
                        "some: give that folder as SOURCE."
                    ).format(path=path, folder=inside[0])
                )
    elif lower.endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted(archive.namelist())
                for member in members:
                    stem, ext = os.path.splitext(os.path.basename(member))
                    if not _is_table_name(stem):
                        continue
                    if ext.lower() == ".shp":
                        folder = os.path.dirname(member)
                        _check_shapefile(
                            os.path.basename(member),
                            [os.path.basename(m) for m in members if os.path.dirname(m) == folder],
                        )
                        found.setdefault(stem.lower(), ("ogr", f"/vsizip/{path}/{member}"))
                    elif ext.lower() == ".csv":
                        found.setdefault(stem.lower(), ("csv", archive.read(member)))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as error:
            raise QgsProcessingException(
                tr("SOURCE is not a readable .zip file ({path}): {error}").format(
                    path=path, error=error
                )
            ) from None
    elif lower.endswith((".gpkg", ".sqlite")):
        from osgeo import ogr  # GDAL ships with QGIS; only used to list the layers

        dataset = ogr.Open(path)
        if dataset is None:
            raise QgsProcessingException(tr("Cannot open {path}.").format(path=path))
        for i in range(dataset.GetLayerCount()):
            layer_name = dataset.GetLayer(i).GetName()
            if _is_table_name(layer_name):
                found.setdefault(layer_name.lower(), ("ogr", f"{path}|layername={layer_name}"))
    else:
        raise QgsProcessingException(
            tr(
                "SOURCE must be a folder of shapefiles and CSV, a .zip or a GeoPackage: {path}"
            ).format(path=path)
        )
    return found


@contextmanager
def _postgis_log():
    """What QGIS's PostgreSQL provider logs meanwhile, as a list of messages.

    A failed connection raises a QGIS exception that holds the connection string (password
    included) but not libpq's reason (refused, authentication failed, no such database): the
    provider writes the reason to the message log only. Connected directly, so that a run in
    a Processing thread still gets it.
    """
    messages: List[str] = []

    def keep(message, tag, level):
        if str(tag).lower() in ("postgis", "postgresql", "postgres"):
            messages.append(str(message))

    log = QgsApplication.messageLog()
    log.messageReceived.connect(keep, Qt.ConnectionType.DirectConnection)
    try:
        yield messages
    finally:
        log.messageReceived.disconnect(keep)


def _reason(messages: List[str], exc, secrets) -> str:
    """The driver's reason for a failure on one line, secrets removed."""
    lines = [line.strip() for text in messages for line in text.splitlines() if line.strip()]
    text = " ".join(lines) if lines else str(exc)
    return errors.redact(text, secrets)


def _postgres_layers(connection_name: str, schema: str) -> Dict[str, Tuple[str, object]]:
    """Table name -> ('postgres', uri) for the tables of a schema of a saved connection.

    Every message says the driver's reason and never a secret of the connection.
    """
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        # not the cached list: it misses connections saved since it was first read
        connection = metadata.findConnection(connection_name, False)
    except Exception:  # QgsProviderConnectionException when unknown
        connection = None
    if connection is None:
        raise QgsProcessingException(
            tr('No PostgreSQL connection named "{name}" is saved in QGIS.').format(
                name=connection_name
            )
        )
    base = QgsDataSourceUri(connection.uri())
    secrets = [base.password()]
    where = errors.redact(base.connectionInfo(False), secrets)
    with _postgis_log() as messages:
        try:
            schemas = connection.schemas()
        except Exception as exc:  # QgsProviderConnectionException: server down, password…
            raise QgsProcessingException(
                tr(
                    'Cannot connect to the PostgreSQL connection "{name}" ({where}): {error}'
                ).format(name=connection_name, where=where, error=_reason(messages, exc, secrets))
            ) from None
    if schema not in schemas:
        raise QgsProcessingException(
            tr(
                'Schema "{schema}" does not exist in the database of connection "{name}" '
                "({where}); its schemas are: {schemas}."
            ).format(
                schema=schema,
                name=connection_name,
                where=where,
                schemas=", ".join(sorted(schemas)) or "-",
            )
        )
    found: Dict[str, Tuple[str, object]] = {}
    with _postgis_log() as messages:
        try:
            listed = connection.tables(schema)
        except Exception as exc:  # QgsProviderConnectionException: rights, server gone
            raise QgsProcessingException(
                tr('Cannot list the tables of schema "{schema}" on "{name}": {error}').format(
                    schema=schema, name=connection_name, error=_reason(messages, exc, secrets)
                )
            ) from None
    for table in listed:
        name = table.tableName()
        if not _is_table_name(name):
            continue
        uri = QgsDataSourceUri(connection.uri())
        keys = table.primaryKeyColumns()
        uri.setDataSource(schema, name, table.geometryColumn() or None, "", keys[0] if keys else "")
        found.setdefault(name.lower(), ("postgres", uri.uri(False)))
    return found


def _open_layer(kind: str, uri: str, name: str) -> QgsVectorLayer:
    with _postgis_log() as messages:
        layer = QgsVectorLayer(uri, name, kind)
    if not layer.isValid():
        secrets = [QgsDataSourceUri(uri).password()] if kind == "postgres" else []
        reason = layer.error().summary() if layer.error().messageList() else ""
        raise QgsProcessingException(
            tr("Cannot read table {table} ({uri}): {error}").format(
                table=name,
                uri=errors.redact(uri, secrets),
                error=_reason(messages, reason or tr("the provider gives no reason"), secrets),
            )
        )
    return layer


def read_delivery(
    found, context, feedback=None
) -> Tuple[Dict[str, SourceTable], QgsCoordinateReferenceSystem]:
    """Every t_* table of a delivery, geometries in the output CRS (see :func:`output_crs`)."""
    layers = {
        name: _open_layer(kind, uri, name) for name, (kind, uri) in found.items() if kind != "csv"
    }
    crs = output_crs(layers.get("t_noeud"), feedback)
    tables: Dict[str, SourceTable] = {}
    for name, (kind, payload) in sorted(found.items()):
        if kind == "csv":
            tables[name] = csv_table(name, payload, feedback)
        else:
            tables[name] = layer_table(name, layers[name], crs, context, feedback)
    return tables, crs


def identified(crs: QgsCoordinateReferenceSystem) -> QgsCoordinateReferenceSystem:
    """The EPSG CRS that a .prj without authority stands for (shapefiles often give
    Lambert-93 only by its parameters), so that outputs carry a plain EPSG code."""
    if not crs.isValid() or crs.authid():
        return crs
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED))
    for match, confidence in srs.FindMatches() or []:
        code = match.GetAuthorityCode(None)
        if confidence >= 90 and match.GetAuthorityName(None) == "EPSG" and code:
            return QgsCoordinateReferenceSystem(f"EPSG:{code}")
    return crs


def output_crs(
    nodes_layer: Optional[QgsVectorLayer], feedback=None
) -> QgsCoordinateReferenceSystem:
    """The source CRS when projected; Lambert-93 (the GraceTHD CRS) otherwise."""
    if nodes_layer is None:
        return LAMBERT93
    crs = identified(nodes_layer.crs())
    if not crs.isValid():
        if feedback is not None:
            feedback.pushWarning(tr("t_noeud has no CRS: EPSG:2154 (Lambert-93) is assumed."))
        return LAMBERT93
    if crs.isGeographic():
        if feedback is not None:
            feedback.pushInfo(
                tr("The delivery is in geographic coordinates: outputs are in EPSG:2154.")
            )
        return LAMBERT93
    return crs


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
            found = _postgres_layers(connection, schema)
            where = f"{connection}.{schema}"
        elif path:
            if not os.path.exists(path):
                raise QgsProcessingException(self.tr("SOURCE does not exist: {}").format(path))
            found = _file_layers(path)
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

        tables, crs = read_delivery(found, context, feedback)
        feedback.setProgress(30)
        delivery = {name: DeliveryTable(t.frame, t.geometries) for name, t in tables.items()}
        with errors.core_errors():
            result = read_gracethd(
                delivery,
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
                outputs[key] = sinks.write_layer(
                    self,
                    parameters,
                    key,
                    context,
                    tables[table],
                    fields,
                    {f.name: frame[f.name].to_numpy() for f in fields},
                    feedback,
                    written,
                    geometries=sinks.qgis_geometries(geometries),
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
