"""scripts/national_table.py: report workbooks of several networks into one national table."""

import csv
import importlib.util
from pathlib import Path

import pytest
from osgeo import ogr

REPO = Path(__file__).resolve().parents[2]
PREMISES, CUT = "Premises (locaux raccordables)", "Premises cut off by the scenario"
FAILED, UNREACHABLE = "Failed assets for the repair crews", "Unreachable assets"
MEAN, WORST = "Mean crew delay over reached assets (minutes)", "Worst crew delay (minutes)"
FRENCH = {
    PREMISES: "Locaux raccordables",  # (any label: these two add up)
    CUT: "Locaux coupés par le scénario",
    FAILED: "Ouvrages défaillants à rejoindre par les équipes",
    UNREACHABLE: "Ouvrages inaccessibles",
    MEAN: "Retard moyen des équipes sur les ouvrages atteints (minutes)",
    WORST: "Pire retard des équipes (minutes)",
}


@pytest.fixture(scope="module")
def national():
    spec = importlib.util.spec_from_file_location(
        "national_table", REPO / "scripts" / "national_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _workbook(path, figures, sheet="Key figures", headers=("Figure", "Value")):
    """A workbook as the report writes it: the key figures first, then another sheet."""
    ogr.UseExceptions()
    driver = ogr.GetDriverByName("XLSX" if str(path).endswith(".xlsx") else "ODS")
    dataset = driver.CreateDataSource(str(path))
    layer = dataset.CreateLayer(sheet, geom_type=ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn(headers[0], ogr.OFTString))
    layer.CreateField(ogr.FieldDefn(headers[1], ogr.OFTReal))
    for label, value in figures.items():
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField(0, label)
        if value is not None:
            feature.SetField(1, value)
        layer.CreateFeature(feature)
    other = dataset.CreateLayer("By NRO", geom_type=ogr.wkbNone)
    other.CreateField(ogr.FieldDefn("NRO", ogr.OFTString))
    feature = ogr.Feature(other.GetLayerDefn())
    feature.SetField(0, "NRO-001")
    other.CreateFeature(feature)
    dataset = None
    return path


A = {PREMISES: 1000, CUT: 120, FAILED: 10, UNREACHABLE: 2, MEAN: 3.0, WORST: 9.5}
B = {PREMISES: 2500, CUT: 30, FAILED: 5, UNREACHABLE: 1, MEAN: 6.0, WORST: 7.25}


def test_the_total_adds_up_the_networks_and_weighs_the_mean_delay(national, tmp_path):
    paths = {"a": _workbook(tmp_path / "a.xlsx", A), "b": _workbook(tmp_path / "b.ods", B)}
    labels, networks, total = national.national_table(paths)
    assert labels == list(A)
    assert networks == {"a": A, "b": B}
    assert total[PREMISES] == 3500 and total[CUT] == 150
    assert total[FAILED] == 15 and total[UNREACHABLE] == 3
    assert total[WORST] == 9.5
    # 8 assets reached at 3 min on average, 4 at 6 min: 48 minutes over 12 assets
    assert total[MEAN] == pytest.approx(4.0)


def test_french_reports_add_up_alike(national, tmp_path):
    french = [{FRENCH[k]: v for k, v in run.items()} for run in (A, B)]
    paths = {n: _workbook(tmp_path / f"{n}.xlsx", f, "Chiffres clés") for n, f in zip("ab", french)}
    _, _, total = national.national_table(paths)
    assert total[FRENCH[MEAN]] == pytest.approx(4.0)
    assert total[FRENCH[WORST]] == 9.5 and total[FRENCH[PREMISES]] == 3500


def test_a_figure_absent_from_a_network_is_not_a_zero(national, tmp_path):
    """A run with no asset reached has no delay ("–" in its report); a run of an older
    version may lack a figure altogether."""
    b = dict(B, **{MEAN: None, WORST: None})
    del b[CUT]
    paths = {"a": _workbook(tmp_path / "a.xlsx", A), "b": _workbook(tmp_path / "b.xlsx", b)}
    labels, networks, total = national.national_table(paths)
    assert CUT in labels and CUT not in networks["b"]
    assert total[CUT] == 120
    assert total[MEAN] == 3.0 and total[WORST] == 9.5  # the network that has them
    none = {n: _workbook(tmp_path / f"{n}0.xlsx", dict(A, **{MEAN: None})) for n in "ab"}
    assert national.national_table(none)[2][MEAN] is None


def test_the_worst_single_failure_of_a_tier_is_the_worst_of_the_networks(national, tmp_path):
    """The most premises of one NRO one failure cuts does not add up across networks; the
    NROs cut off whole do."""
    transport = "Most premises of one NRO cut by a single transport failure (NRO to cabinet)"
    collecte = "Most premises of one NRO cut by a single collecte failure (upstream of the NRO)"
    whole = "NROs cut off whole by a single collecte failure"
    a = dict(A, **{transport: 719, collecte: None, whole: 1})
    b = dict(B, **{transport: 2138, collecte: None, whole: 2})
    paths = {"a": _workbook(tmp_path / "a.xlsx", a), "b": _workbook(tmp_path / "b.xlsx", b)}
    total = national.national_table(paths)[2]
    assert total[transport] == 2138 and total[whole] == 3
    assert total[collecte] is None  # no network analysed its collecte
    french = {"a": a, "b": b}
    french = {
        n: _workbook(
            tmp_path / f"{n}_fr.xlsx",
            {"Locaux raccordables": 1, national.LABELS["tier_max_transport"][1]: f[transport]},
            "Chiffres clés",
        )
        for n, f in french.items()
    }
    assert national.national_table(french)[2][national.LABELS["tier_max_transport"][1]] == 2138


def test_the_csv_has_a_row_per_network_and_a_total(national, tmp_path):
    (tmp_path / "runs" / "nord").mkdir(parents=True)
    (tmp_path / "runs" / "sud").mkdir()
    _workbook(tmp_path / "runs" / "nord" / "report.xlsx", A)
    _workbook(tmp_path / "runs" / "sud" / "report.xlsx", B)
    out = tmp_path / "national.csv"
    arguments = [str(tmp_path / "runs" / n / "report.xlsx") for n in ("nord", "sud")]
    assert national.main(["--out", str(out)] + arguments) == 0
    with open(out, encoding="utf-8", newline="") as table:
        rows = list(csv.reader(table))
    assert rows[0] == ["Network"] + list(A)
    assert [row[0] for row in rows[1:]] == ["nord", "sud", "Total"]
    assert rows[1][1:] == ["1000", "120", "10", "2", "3", "9.5"]
    assert rows[3][1:] == ["3500", "150", "15", "3", "4", "9.5"]
    # NAME=PATH names a network whatever its folder
    assert national.main(["--out", str(out), f"Nord-Pas-de-Calais={arguments[0]}"]) == 0
    assert "Nord-Pas-de-Calais" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p / "missing.xlsx", "no such workbook"),
        (lambda p: _write_text(p / "text.xlsx"), "not a workbook"),
        (lambda p: _three_columns(p / "three.xlsx"), "not the report's key figures"),
    ],
)
def test_what_is_not_a_report_workbook_is_said(national, tmp_path, capsys, make, words):
    path = make(tmp_path)
    assert national.main(["--out", str(tmp_path / "out.csv"), str(path)]) == 1
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()


def test_two_networks_of_one_name_are_refused(national, tmp_path, capsys):
    for n in ("x", "y"):
        (tmp_path / n / "run").mkdir(parents=True)
        _workbook(tmp_path / n / "run" / "report.xlsx", A)
    paths = [str(tmp_path / n / "run" / "report.xlsx") for n in ("x", "y")]
    assert national.main(["--out", str(tmp_path / "out.csv")] + paths) == 1
    assert "two networks named 'run'" in capsys.readouterr().err


def _write_text(path):
    path.write_text("not a spreadsheet")
    return path


def _three_columns(path):
    ogr.UseExceptions()
    dataset = ogr.GetDriverByName("XLSX").CreateDataSource(str(path))
    layer = dataset.CreateLayer("By NRO", geom_type=ogr.wkbNone)
    for name in ("NRO", "Premises", "Cut off"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField(0, "NRO-001")
    layer.CreateFeature(feature)
    dataset = None
    return path
