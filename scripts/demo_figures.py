"""Print the key figures and the breakdown by commune of a report workbook."""

import sys

from osgeo import ogr


def sheet(dataset, name):
    layer = dataset.GetLayerByName(name)
    if layer is None:
        return [], []
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
    dataset = ogr.Open(workbook)
    if dataset is None:
        raise SystemExit(f"cannot open {workbook}")
    _, figures = sheet(dataset, dataset.GetLayer(0).GetName())
    print("Key figures")
    for label, value in figures:
        print(f"   {label}: {text(value)}")
    for index in (1, 2):  # by NRO, by commune
        if index >= dataset.GetLayerCount():
            continue
        names, rows = sheet(dataset, dataset.GetLayer(index).GetName())
        print(f"{dataset.GetLayer(index).GetName()}: " + " | ".join(names))
        for row in rows:
            print(
                "   "
                + " | ".join(
                    "" if v is None else f"{v:g}" if isinstance(v, float) else str(v) for v in row
                )
            )


if __name__ == "__main__":
    main(*sys.argv[1:])
