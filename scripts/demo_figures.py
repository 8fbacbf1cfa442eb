"""Print the key figures and the breakdowns by NRO and by commune of a report workbook."""

import sys
from contextlib import contextmanager

from osgeo import gdal, ogr


@contextmanager
def open_workbook(path):
    """A workbook whose first row holds the headers, even above a column of text (GDAL's
    guess would take such a row for data). GDAL reads the sheets lazily: use it inside."""
    options = ("OGR_XLSX_HEADERS", "OGR_ODS_HEADERS")
    for option in options:
        gdal.SetConfigOption(option, "FORCE")
    try:
        yield ogr.Open(str(path))
    finally:
        for option in options:
            gdal.SetConfigOption(option, None)


def sheet(layer):
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    return names, [[feature.GetField(i) for i in range(len(names))] for feature in layer]


def text(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    return str(value)


def main(workbook: str) -> None:
    with open_workbook(workbook) as dataset:
        if dataset is None:
            raise SystemExit(f"cannot open {workbook}")
        print("Key figures")
        for label, value in sheet(dataset.GetLayer(0))[1]:
            print(f"   {label}: {text(value)}")
        for index in (1, 2):  # by NRO, by commune
            layer = dataset.GetLayer(index)
            names, rows = sheet(layer)
            print(f"{layer.GetName()}: " + " | ".join(names))
            for row in rows:
                print("   " + " | ".join(text(v) for v in row))
        plan = dataset.GetLayerByName("Action plan figures")
        if plan is not None:  # the report's action-plan section, when the plan was made
            print("Action plan")
            for label, value in sheet(plan)[1]:
                print(f"   {label}: {text(value)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
