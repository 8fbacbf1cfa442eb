"""One national table from the reports of many networks: one row per network and a total.

A national view (every French RIP: about 40 networks, over 10 million premises) is a batch of
independent regional runs of the `resilienceplan` model, one per network (README, "A national
view"). Each run's report writes its tables to a workbook (`report:tables`, .xlsx or .ods);
its first sheet holds the key figures, one per row (figure, value). This script reads that
sheet from every run and writes one CSV: a row per network (its figures as columns, in the
report's order), then a total row.

Every key figure of the report adds up across networks (premises, sites, routes, km, nodes,
assets, sensitive sites, NROs and NROs cut off whole), except the crew delays and the tiers' worst
single failures: the worst delay of the nation is the worst of the networks', and so is the
most premises of one NRO that one failure of a tier cuts; the mean delay is the networks'
means weighted by their assets reached (failed assets less unreachable ones). A figure one
network has and another lacks counts as absent there (an empty cell), not as zero. Reports
in English or French are read alike; all must be in the same language.
tests/qgis/test_national_table.py fails when the report gains a key figure that is not
classified here.

    python3 scripts/national_table.py --out national.csv runs/*/report_tables.xlsx
    python3 scripts/national_table.py --out national.csv "Nord=runs/59/report.xlsx" ...

A network is named by the folder of its workbook, or by NAME= before the path.
Needs only Python 3 and GDAL's Python bindings (those of QGIS).
"""

import argparse
import csv
import sys
from pathlib import Path

from osgeo import gdal

# The report's key figures (report/content.py) that do not simply add up, by key: their label
# in English and in French (i18n/fibre_resilience_fr.ts).
LABELS = {
    "targets_total": (
        "Failed assets for the repair crews",
        "Ouvrages défaillants à rejoindre par les équipes",
    ),
    "targets_unreachable": ("Unreachable assets", "Ouvrages inaccessibles"),
    "delay_mean": (
        "Mean crew delay over reached assets (minutes)",
        "Retard moyen des équipes sur les ouvrages atteints (minutes)",
    ),
    "delay_worst": ("Worst crew delay (minutes)", "Pire retard des équipes (minutes)"),
    # The most premises of one NRO that one failure of a tier cuts: the nation's is the worst
    # of the networks', never their sum.
    "tier_max_collecte": (
        "Most premises of one NRO cut by a single collecte failure (upstream of the NRO)",
        "Locaux d'un même NRO coupés au plus par une seule défaillance de collecte "
        "(en amont du NRO)",
    ),
    "tier_max_transport": (
        "Most premises of one NRO cut by a single transport failure (NRO to cabinet)",
        "Locaux d'un même NRO coupés au plus par une seule défaillance de transport "
        "(du NRO à l'armoire)",
    ),
    "tier_max_distribution": (
        "Most premises of one NRO cut by a single distribution failure (cabinet to box)",
        "Locaux d'un même NRO coupés au plus par une seule défaillance de distribution "
        "(de l'armoire au boîtier)",
    ),
}
# The figures whose national value is the largest of the networks'.
LARGEST_KEYS = frozenset(["delay_worst", "tier_max_collecte", "tier_max_transport"])
LARGEST_KEYS |= {"tier_max_distribution"}
# The keys of the figures that add up (every other key of report/content.py's key figures).
ADDITIVE_KEYS = frozenset(
    ["premises_total", "premises_exposed", "premises_failed", "premises_spof"]
    + ["premises_spof_srlg", "premises_cut", "sites_total", "sites_div0", "sites_div1"]
    + ["sites_div2", "sites_unattached", "routes_total", "routes_km", "routes_exposed"]
    + ["routes_failed", "nodes_total", "nodes_exposed", "nodes_failed", "targets_total"]
    + ["targets_unreachable", "sensitive_total", "sensitive_out", "nros_cut_whole", "nros_total"]
    + [f"premises_level{v}" for v in range(5)]
    + [f"routes_km_level{v}" for v in range(1, 5)]
)
NETWORK, TOTAL = "Network", "Total"


class TableError(Exception):
    """A workbook that cannot be read as a report's tables."""


def key_figures(path) -> dict:
    """{figure label: value or None} of a report workbook's first sheet, in its order."""
    path = Path(path)
    if not path.is_file():
        raise TableError(f"{path}: no such workbook")
    gdal.UseExceptions()
    try:  # the first row is the header even when every cell is text
        dataset = gdal.OpenEx(str(path), gdal.OF_VECTOR, open_options=["HEADERS=FORCE"])
    except RuntimeError as error:
        raise TableError(f"{path}: not a workbook GDAL can read ({error})") from None
    if dataset is None or dataset.GetLayerCount() == 0:
        raise TableError(f"{path}: not a workbook GDAL can read")
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    if definition.GetFieldCount() != 2:
        raise TableError(
            f"{path}: its first sheet ({layer.GetName()}) is not the report's key figures "
            "(a figure and a value per row)"
        )
    figures = {}
    for feature in layer:
        label, value = feature.GetField(0), feature.GetField(1)
        if label is None:
            continue
        if isinstance(value, str):  # "–": a figure the run could not compute
            value = _number(value)
        figures[str(label)] = value
    return figures


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def _label_keys(labels):
    """{label: key} for the figures that do not simply add up, in either language."""
    known = {}
    for key, names in LABELS.items():
        for name in names:
            if name in labels:
                known[name] = key
    return known


def total_row(networks: dict, labels: list) -> dict:
    """The national figures of {network: {label: value}}."""
    keys = _label_keys(labels)
    by_key = {key: label for label, key in keys.items()}
    total = {}
    for label in labels:
        values = [row.get(label) for row in networks.values()]
        present = [v for v in values if v is not None]
        key = keys.get(label)
        if not present:
            total[label] = None
        elif key in LARGEST_KEYS:
            total[label] = max(present)
        elif key == "delay_mean":
            total[label] = _weighted_mean(networks, label, by_key)
        else:
            total[label] = sum(present)
    return total


def _weighted_mean(networks, label, by_key):
    """The networks' mean delays weighted by their reached assets; None when unknown."""
    failed, unreachable = by_key.get("targets_total"), by_key.get("targets_unreachable")
    if failed is None or unreachable is None:
        return None
    weighted = weights = 0.0
    for row in networks.values():
        mean, reached = row.get(label), None
        if row.get(failed) is not None and row.get(unreachable) is not None:
            reached = row[failed] - row[unreachable]
        if mean is None or not reached:
            continue
        weighted += mean * reached
        weights += reached
    return weighted / weights if weights else None


def national_table(workbooks: dict):
    """(labels in order, {network: figures}, total) of {network: workbook path}."""
    networks, labels = {}, []
    for name, path in workbooks.items():
        figures = key_figures(path)
        networks[name] = figures
        labels += [label for label in figures if label not in labels]
    return labels, networks, total_row(networks, labels)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def write_csv(path, labels, networks, total):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow([NETWORK] + labels)
        for name, figures in networks.items():
            writer.writerow([name] + [_cell(figures.get(label)) for label in labels])
        writer.writerow([TOTAL] + [_cell(total.get(label)) for label in labels])


def _named(arguments):
    """{network: path} from NAME=PATH or PATH (named by its folder)."""
    workbooks = {}
    for argument in arguments:
        name, sep, path = argument.partition("=")
        if not sep or "/" in name or "\\" in name:
            name, path = Path(argument).resolve().parent.name, argument
        if name in workbooks:
            raise TableError(f"two networks named {name!r}: name them (NAME=PATH)")
        workbooks[name] = path
    return workbooks


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbooks", nargs="+", help="report workbooks: PATH or NAME=PATH")
    parser.add_argument("--out", required=True, help="the national table (.csv)")
    args = parser.parse_args(argv)
    try:
        labels, networks, total = national_table(_named(args.workbooks))
    except TableError as error:
        print(f"national_table: {error}", file=sys.stderr)
        return 1
    write_csv(args.out, labels, networks, total)
    print(f"{args.out}: {len(networks)} networks, {len(labels)} figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
