"""Reading a GraceTHD delivery as it comes: a folder of shapefiles and CSV, the same as a
.zip (read in place), a GeoPackage, or a schema of a saved PostGIS connection. Each table
becomes a :class:`SourceTable` (attributes, geometries in Lambert-93) for the core reader.
Damaged files are refused by name; PostGIS failures say the driver's reason, never a secret.
"""

import io as _stdio
import os
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt

from ..i18n import tr
from . import compat, errors, layers

LAMBERT93 = QgsCoordinateReferenceSystem("EPSG:2154")


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
        fields.append(QgsField(str(column), compat.STRING, len=254))
    features = []
    for row in frame.itertuples(index=False, name=None):
        feature = QgsFeature(fields)
        feature.setAttributes(list(row))
        features.append(feature)
    return SourceTable(name, fields, features, frame, None)


# --------------------------------------------------------------------------- layers


def layer_table(
    name: str, layer: QgsVectorLayer, crs, context, feedback=None, fields=None, subset=True
) -> SourceTable:
    """Features, attributes and (for spatial tables) shapely geometries in ``crs``.

    ``fields``: when given, the frame holds only the fields whose name (whatever its case) is
    in it; with ``subset``, the others are not even read (NULL in the features), else they
    are read as they come, to be written out, and turned into Python values only then."""
    source = layers.layer_source(layer, context)
    spatial = QgsWkbTypes.geometryType(source.wkbType()) not in (
        QgsWkbTypes.GeometryType.NullGeometry,
        QgsWkbTypes.GeometryType.UnknownGeometry,
    )
    source_crs = identified(source.sourceCrs()) if layers.has_crs(source.sourceCrs()) else crs
    request, names = None, None
    if fields is not None:
        names = [f.name() for f in source.fields() if f.name().strip().lower() in fields]
        if subset:
            request = QgsFeatureRequest().setSubsetOfAttributes(names, source.fields())
    # the frame's fields are read with the geometries (one pass of GDAL's, not two); a
    # written table's others only when written, one table at a time (all of them held from
    # here would raise the peak, which is the core's)
    arrays = layers.read_layer(
        source, name, crs, context, feedback, request=request, source_crs=source_crs, now=names
    )
    frame = arrays.attribute_frame(names)
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


def file_layers(path: str) -> Dict[str, Tuple[str, object]]:
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
        dataset = compat.ogr_open(path)  # read-only, only to list the layers
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


def postgres_layers(connection_name: str, schema: str) -> Dict[str, Tuple[str, object]]:
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
    found, context, feedback=None, fields=None, whole=()
) -> Tuple[Dict[str, SourceTable], QgsCoordinateReferenceSystem]:
    """Every t_* table of a delivery, geometries in the output CRS (see :func:`output_crs`).

    ``fields`` (lower-case names), when given: the only fields in the tables' frames, and the
    only fields read at all of a layer not named in ``whole`` (the tables written out keep
    all theirs for writing): the reader needs no more, and a regional delivery's other fields
    held as Python values fill gigabytes.
    """
    layers = {
        name: _open_layer(kind, uri, name) for name, (kind, uri) in found.items() if kind != "csv"
    }
    crs = output_crs(layers.get("t_noeud"), feedback)
    tables: Dict[str, SourceTable] = {}
    for name, (kind, payload) in sorted(found.items()):
        if kind == "csv":
            tables[name] = csv_table(name, payload, feedback)
        else:
            tables[name] = layer_table(
                name, layers[name], crs, context, feedback, fields, subset=name not in whole
            )
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
    if not layers.has_crs(crs):  # none, or GDAL's "undefined" SRS of a GeoPackage
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
