"""The report's tables as a workbook (XLSX or ODS) written by GDAL: one sheet per table."""

import re
from pathlib import Path
from typing import List

from osgeo import ogr
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from .document import Table

DRIVERS = {".xlsx": "XLSX", ".ods": "ODS"}
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_names(tables: List[Table]) -> List[str]:
    """Unique sheet names of at most 31 characters without the characters sheets refuse."""
    names = []
    for table in tables:
        base = _FORBIDDEN.sub(" ", table.sheet).strip()[:31] or "Sheet"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" {n}"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _field_type(column) -> int:
    present = [v for v in column if v is not None and v != ""]
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        whole = all(isinstance(v, int) or float(v).is_integer() for v in present)
        if whole and all(abs(v) < 2**31 for v in present):
            return ogr.OFTInteger
        return ogr.OFTReal
    return ogr.OFTString


def write_workbook(path: str, tables: List[Table]) -> None:
    """Write every table with typed cells (numbers stay numbers); the extension picks the format."""
    suffix = Path(path).suffix.lower()
    if suffix not in DRIVERS:
        raise QgsProcessingException(
            QCoreApplication.translate(
                "ResilienceReport", 'Tables must go to an .xlsx or .ods file, not "{}".'
            ).format(path)
        )
    driver = ogr.GetDriverByName(DRIVERS[suffix])
    if Path(path).exists():
        driver.DeleteDataSource(path)
    dataset = driver.CreateDataSource(path)
    if dataset is None:
        raise QgsProcessingException(
            QCoreApplication.translate("ResilienceReport", "Cannot write the tables to {}.").format(
                path
            )
        )
    for table, sheet in zip(tables, _sheet_names(tables)):
        layer = dataset.CreateLayer(sheet, geom_type=ogr.wkbNone)
        rows = table.values or table.rows
        kinds = [_field_type([row[i] for row in rows]) for i in range(len(table.headers))]
        for header, kind in zip(table.headers, kinds):
            layer.CreateField(ogr.FieldDefn(header, kind))
        definition = layer.GetLayerDefn()
        for row in rows:
            feature = ogr.Feature(definition)
            for i, (value, kind) in enumerate(zip(row, kinds)):
                if value is None or value == "":
                    continue
                if kind == ogr.OFTInteger:
                    feature.SetField(i, int(value))
                elif kind == ogr.OFTReal:
                    feature.SetField(i, float(value))
                else:
                    feature.SetField(i, str(value))
            layer.CreateFeature(feature)
    dataset.FlushCache()
    dataset = None
