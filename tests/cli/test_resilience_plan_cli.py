"""The shipped resilience plan model, headless: by its id and by its .model3 file."""

import csv

from osgeo import ogr

CRITERIA = "hz_level | weight=3 | higher | thresholds=1;2;3;4\nhz_length | weight=1 | minmax"
LAYERS = (
    "routes_exposure:exposure",
    "nodes_exposure:exposure",
    "premises_exposure:exposure",
    "redundancy:segments",
    "redundancy:sites",
    "impact:premises",
    "access:targets",
    "access:crew_routes",
    "access:blocked_roads",
    "scoring:routes",
)
TABLES = ("redundancy:groups", "impact:summary")
REPORT = {"report:html": "report.html", "report:pdf": "report.pdf", "report:tables": "report.ods"}


def _rows(path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    return [feature.items() for feature in layer]


def _arguments(sample_dir, folder):
    territory = sample_dir / "territory.gpkg"
    folder.mkdir()
    outputs = {name: folder / f"{name.replace(':', '_')}.gpkg" for name in LAYERS}
    outputs.update({name: folder / f"{name.replace(':', '_')}.csv" for name in TABLES})
    outputs.update({name: folder / file_name for name, file_name in REPORT.items()})
    parameters = {
        "delivery": sample_dir / "gracethd_v3.gpkg",
        "hazard": f"{territory}|layername=flood_zones",
        "hazard_field": "scenario",
        "preset": 1,
        "fail_level": 3,
        "roads": f"{territory}|layername=roads",
        "depots": f"{territory}|layername=depots",
        "depot_field": "depot_id",
        "keep_bridges": "true",
        "communes": f"{territory}|layername=communes",
        "sensitive_sites": f"{territory}|layername=sensitive_sites",
        "criteria": CRITERIA,  # several lines in one argument
    }
    parameters.update(outputs)
    return parameters, outputs


def test_resilience_plan_by_id_and_by_file(qgis_process, sample_dir, repo_dir, tmp_path):
    parameters, by_id = _arguments(sample_dir, tmp_path / "by_id")
    done = qgis_process.run_json("fibreresilience:resilienceplan", **parameters)
    assert done["algorithm_details"]["id"] == "fibreresilience:resilienceplan"
    assert set(done["results"]) == set(by_id)
    for path in by_id.values():
        assert path.exists(), path

    routes = _rows(by_id["routes_exposure:exposure"])
    nodes = _rows(by_id["nodes_exposure:exposure"])
    # The sample (resources/sample/README.md): 2,519 routes, 4,871 nodes, 3,497 premises.
    assert len(routes) == 2519 and len(nodes) == 4871
    assert len(_rows(by_id["scoring:routes"])) == 2519
    assert len(_rows(by_id["redundancy:segments"])) == 1237
    # Crews go to every failed node, and only to those.
    failed_nodes = sorted(row["gt_code"] for row in nodes if row["hz_failed"] == 1)
    access = _rows(by_id["access:targets"])
    assert failed_nodes and sorted(row["gt_code"] for row in access) == failed_nodes
    premises = _rows(by_id["impact:premises"])
    cut = sum(row["gt_prem"] for row in premises if row["im_cut"] == 1)
    assert 0 < cut < 3497
    with open(by_id["impact:summary"], encoding="utf-8") as table:
        communes = list(csv.DictReader(table))
    # The communes cover the sample: their cut premises add up to the premises layer's.
    assert len(communes) == 5
    assert sum(float(row["im_prem_c"]) for row in communes) == cut
    # The report, headless too: its cut-off figure is the premises layer's.
    assert by_id["report:pdf"].read_bytes()[:5] == b"%PDF-"
    assert "<img" in by_id["report:html"].read_text(encoding="utf-8")
    figures = dict(row.values() for row in _rows(by_id["report:tables"]))
    assert figures["Premises cut off by the scenario"] == cut

    model = repo_dir / "resources" / "models" / "resilienceplan.model3"
    parameters, by_file = _arguments(sample_dir, tmp_path / "by_file")
    args = ["--json", "run", str(model), "--"] + [f"{k}={v}" for k, v in parameters.items()]
    run = qgis_process(*args)
    assert run.returncode == 0, run.stderr
    for name in LAYERS:
        assert _rows(by_file[name]) == _rows(by_id[name]), name
