"""The shipped return-period plan model, headless: by its id and by its .model3 file."""

import re

from osgeo import ogr

LAYERS = ("return_periods:lines", "return_periods:premises", "return_periods:sites")
REPORT = {"report:html": "report.html", "report:pdf": "report.pdf", "report:tables": "report.xlsx"}


def _rows(path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    return [feature.items() for feature in layer]


def _arguments(sample_dir, folder):
    territory = sample_dir / "territory.gpkg"
    folder.mkdir()
    outputs = {name: folder / f"{name.replace(':', '_')}.gpkg" for name in LAYERS}
    outputs["return_periods:summary"] = folder / "summary.csv"
    outputs.update({name: folder / file_name for name, file_name in REPORT.items()})
    # every parameter given: QGIS 3.22 does not apply a model's defaults on the command line
    parameters = {
        "delivery": sample_dir / "gracethd_v3.gpkg",
        "hazard": f"{territory}|layername=flood_zones",
        "scenario_field": "scenario",
        "return_periods": "01For=10;02Moy=100;04Fai=1000",
        "fail_value": 0.5,
        "tail": 0,
        "communes": f"{territory}|layername=communes",
        "commune_field": "nom",
        "title": "Plan",
    }
    parameters.update(outputs)
    return parameters, outputs


def test_return_period_plan_by_id_and_by_file(qgis_process, sample_dir, repo_dir, tmp_path):
    parameters, by_id = _arguments(sample_dir, tmp_path / "by_id")
    done = qgis_process.run_json("fibreresilience:resilienceplan_rp", **parameters)
    assert done["algorithm_details"]["id"] == "fibreresilience:resilienceplan_rp"
    assert set(done["results"]) == set(by_id)
    for path in by_id.values():
        assert path.exists(), path
    summary = _rows(by_id["return_periods:summary"])
    whole = sorted(
        (float(r["rp"]), float(r["prem_cut"])) for r in summary if not r["aggregate"] and r["rp"]
    )
    assert [rp for rp, _ in whole] == [10.0, 100.0, 1000.0]
    page = by_id["report:html"].read_text(encoding="utf-8")
    points = [
        (float(rp), float(v))
        for rp, v in re.findall(r'data-rp="([^"]+)" data-value="([^"]+)"', page)
    ]
    assert points == whole
    assert by_id["report:pdf"].read_bytes()[:5] == b"%PDF-"

    model = repo_dir / "resources" / "models" / "resilienceplan_rp.model3"
    parameters, by_file = _arguments(sample_dir, tmp_path / "by_file")
    args = ["--json", "run", str(model), "--"] + [f"{k}={v}" for k, v in parameters.items()]
    run = qgis_process(*args)
    assert run.returncode == 0, run.stderr
    for name in LAYERS:
        assert _rows(by_file[name]) == _rows(by_id[name]), name
