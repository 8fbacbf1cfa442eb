"""A national view: the model run per network in parallel, the reports in one table.

Two small generated territories stand for two networks. They run as the README ("A national
view") says: with `qgis_process`, one process per network, `xargs -P` running them side by
side (no scheduler of ours), either from a list of networks with `-- KEY=value` arguments
(every QGIS) or from a batch file in the format of the Processing batch dialog of QGIS 3.40
(`{"format": "batch_3.40", "rows": [{"PARAMETERS": ..., "OUTPUTS": ...}]}`), each row passed
as JSON on qgis_process's standard input (`run ALG -`, QGIS 3.24 and later). Then
scripts/national_table.py reads each run's report tables into one national table whose total
row is the sum of the networks' (the crew delays: the worst of them, the mean weighted by
the assets reached), checked here against each run's own workbook read with OGR.
"""

import csv
import json
import os
import subprocess
import sys

import pytest
from osgeo import ogr

NETWORKS = {"nord": 0.25, "sud": 0.4}  # network -> generator scale
CRITERIA = "hz_level | weight=1 | higher | thresholds=1;2;3;4"
LAYERS = (
    "routes_exposure:exposure",
    "nodes_exposure:exposure",
    "premises_exposure:exposure",
    "redundancy:segments",
    "redundancy:sites",
    "redundancy:groups",
    "impact:premises",
    "impact:summary",
    "access:targets",
    "access:crew_routes",
    "access:blocked_roads",
    "scoring:routes",
)

# The README's commands (section "A national view"): a list of networks, one per line, each
# in networks/<name>/ (the generator's file names), run two at a time into runs/<name>/.
RUN_LIST = r"""
run_network() {
  name=$1; in=networks/$name; out=runs/$name; t=$in/territory.gpkg
  mkdir -p "$out"
  "$QGIS_PROCESS" --json run fibreresilience:resilienceplan -- \
    delivery="$in/gracethd_v3.gpkg" \
    hazard="$t|layername=flood_zones" hazard_field=scenario preset=1 fail_level=3 \
    roads="$t|layername=roads" depots="$t|layername=depots" depot_field=depot_id \
    communes="$t|layername=communes" \
    sensitive_sites="$t|layername=sensitive_sites" sensitive_name_field=name \
    criteria="hz_level | weight=1 | higher | thresholds=1;2;3;4" title="$name" \
    report:tables="$out/report.xlsx" report:html="$out/report.html" report:pdf="$out/report.pdf" \
    $(for o in $LAYERS; do printf '%s=%s ' "$o" "$out/${o/:/_}.gpkg"; done) \
    > "$out/run.json" 2> "$out/run.log"
}
export -f run_network
xargs -P 2 -I{} bash -c 'run_network "$1"' _ {} < networks.txt
python3 "$REPO/scripts/national_table.py" --out national.csv runs/*/report.xlsx
"""

# The same from a batch file (QGIS 3.40's batch dialog saves this format): one JSON line per
# row on the standard input of its own qgis_process (QGIS 3.24 and later).
RUN_BATCH = r"""
python3 -c 'import json, sys
for row in json.load(sys.stdin)["rows"]:
    print(json.dumps({"inputs": {**row["PARAMETERS"], **row["OUTPUTS"]}}))' < national.batch |
  xargs -P 2 -d "\n" -I{} sh -c \
    'printf "%s" "$1" | "$QGIS_PROCESS" run fibreresilience:resilienceplan - > /dev/null' _ {}
python3 "$REPO/scripts/national_table.py" --out national.csv batch/*/report.xlsx
"""


def _shell(script, folder, repo_dir):
    env = dict(os.environ)
    env.update(
        QGIS_PROCESS=str(repo_dir / "scripts" / "qgis-process"),
        REPO=str(repo_dir),
        LAYERS=" ".join(LAYERS),
        PATH=f"{os.path.dirname(sys.executable)}:{env.get('PATH', '')}",  # python3: the tests'
    )
    return subprocess.run(
        ["bash", "-c", "set -eo pipefail\n" + script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


@pytest.fixture(scope="module")
def territories(repo_dir, tmp_path_factory):
    """networks/<name>/ of two generated territories of different sizes."""
    folder = tmp_path_factory.mktemp("national")
    generator = repo_dir / "scripts" / "sample_territory.py"
    for name, scale in NETWORKS.items():
        out = folder / "networks" / name
        command = [sys.executable, str(generator), "--scale", str(scale), "--out", str(out)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=300)
    (folder / "networks.txt").write_text("".join(f"{name}\n" for name in NETWORKS))
    return folder


def _key_figures(path):
    """{figure: value} of a workbook's first sheet, read with OGR (the oracle)."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    return {feature.GetField(0): feature.GetField(1) for feature in layer}


def _table(path):
    with open(path, encoding="utf-8", newline="") as table:
        rows = list(csv.reader(table))
    header = rows[0]
    return {row[0]: dict(zip(header[1:], row[1:])) for row in rows[1:]}


def _number(text):
    return float(text) if text != "" else None


def _check_national_table(table, workbooks):
    """One row per network equal to its workbook; the total their sum (delays and the tiers' worst
    single failures apart: the worst of the networks')."""
    runs = {name: _key_figures(path) for name, path in workbooks.items()}
    assert list(table) == [*workbooks, "Total"]
    for name, figures in runs.items():
        for label, value in figures.items():
            assert _number(table[name][label]) == pytest.approx(value), (name, label)
    figures = runs[next(iter(runs))]
    assert len(figures) > 20
    for label in figures:
        values = [run[label] for run in runs.values()]
        total = _number(table["Total"][label])
        known = [v for v in values if v is not None]
        if label == "Worst crew delay (minutes)" or label.startswith("Most premises of one NRO"):
            assert total == (max(known) if known else None), label
        elif label == "Mean crew delay over reached assets (minutes)":
            # a run with no asset reached has no mean delay ("–")
            reached = [
                (run[label], run["Failed assets for the repair crews"] - run["Unreachable assets"])
                for run in runs.values()
                if run[label] is not None
            ]
            weights = sum(r for _, r in reached)
            expected = sum(v * r for v, r in reached) / weights if weights else None
            assert total == pytest.approx(expected), label
        else:  # a figure no network has (e.g. the collecte with NROs as roots) stays empty
            assert total == (pytest.approx(sum(known)) if known else None), label
    premises = "Premises (locaux raccordables)"
    assert 0 < runs["nord"][premises] < runs["sud"][premises]
    return runs


def test_networks_run_in_parallel_and_add_up_to_one_national_table(territories, repo_dir):
    done = _shell(RUN_LIST, territories, repo_dir)
    logs = {n: (territories / "runs" / n / "run.log") for n in NETWORKS}
    details = "\n".join(f"{n}: {p.read_text()[-2000:]}" for n, p in logs.items() if p.exists())
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n{details}"
    for name in NETWORKS:
        run = json.loads((territories / "runs" / name / "run.json").read_text())
        assert run["results"]["report:tables"].endswith(f"runs/{name}/report.xlsx")
    workbooks = {name: territories / "runs" / name / "report.xlsx" for name in NETWORKS}
    _check_national_table(_table(territories / "national.csv"), workbooks)


def _stdin_json_supported(qgis_process):
    """qgis_process reads parameters as JSON on its standard input from QGIS 3.24 on; 3.22
    takes "-" for a parameter value and refuses it."""
    done = subprocess.run(
        [qgis_process.script, "run", "native:buffer", "-"],
        input="{}",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return "Invalid parameter value -" not in done.stdout + done.stderr


def _batch_rows(networks_folder, batch_folder):
    """The rows of a batch file as QGIS 3.40's batch dialog writes them: parameter values
    as JSON values (valueAsJsonObject), outputs as paths."""
    rows = []
    for name in NETWORKS:
        network, out = networks_folder / name, batch_folder / name
        out.mkdir(parents=True)
        territory = network / "territory.gpkg"
        parameters = {
            "delivery": str(network / "gracethd_v3.gpkg"),
            "hazard": f"{territory}|layername=flood_zones",
            "hazard_field": "scenario",
            "preset": 1,
            "fail_level": 3,
            "roads": f"{territory}|layername=roads",
            "depots": f"{territory}|layername=depots",
            "depot_field": "depot_id",
            "communes": f"{territory}|layername=communes",
            "sensitive_sites": f"{territory}|layername=sensitive_sites",
            "sensitive_name_field": "name",
            "criteria": CRITERIA,
            "title": name,
        }
        outputs = {layer: str(out / f"{layer.replace(':', '_')}.gpkg") for layer in LAYERS}
        outputs.update(
            {f"report:{kind}": str(out / f"report.{kind}") for kind in ("html", "pdf")},
            **{"report:tables": str(out / "report.xlsx")},
        )
        rows.append({"PARAMETERS": parameters, "OUTPUTS": outputs})
    return {"format": "batch_3.40", "rows": rows}


def test_a_batch_file_runs_in_parallel_through_json_on_standard_input(
    territories, repo_dir, qgis_process
):
    if not _stdin_json_supported(qgis_process):
        pytest.skip("this qgis_process reads no JSON on its standard input (QGIS < 3.24)")
    batch = _batch_rows(territories / "networks", territories / "batch")
    (territories / "national.batch").write_text(json.dumps(batch, indent=2))
    done = _shell(RUN_BATCH, territories, repo_dir)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    workbooks = {name: territories / "batch" / name / "report.xlsx" for name in NETWORKS}
    _check_national_table(_table(territories / "national.csv"), workbooks)
