"""The plugin through qgis_process (scripts/qgis-process), as CI and batch users run it."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import shapely
from osgeo import ogr

from fibre_resilience.algorithms import ALGORITHM_CLASSES
from fibre_resilience.processing_provider.provider import MODELS_DIR


def _listed_ids(qgis_process):
    done = qgis_process("list")
    assert done.returncode == 0, done.stderr
    return sorted(
        line.split()[0]
        for line in done.stdout.splitlines()
        if line.strip().startswith("fibreresilience:")
    )


def test_qgis_process_enables_the_plugin_in_a_fresh_profile(repo_dir, tmp_path):
    """The documented way, without our runner: `plugins enable`, then `list`."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "fibre_resilience").symlink_to(repo_dir, target_is_directory=True)
    venv = Path(os.environ.get("FIBRE_VENV") or repo_dir / ".venv")  # `make` sets it (lanes too)
    site = sorted(venv.glob("lib/python3*/site-packages"))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QGIS_PLUGINPATH=str(plugins),
        PYTHONPATH=":".join([str(p) for p in site] + [os.environ.get("PYTHONPATH", "")]),
    )
    binary = shutil.which("qgis_process.bin")
    enabled = subprocess.run(
        [binary, "plugins", "enable", "fibre_resilience"], env=env, capture_output=True, text=True
    )
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listed = subprocess.run([binary, "list"], env=env, capture_output=True, text=True)
    assert "fibreresilience:hazardexposure" in listed.stdout


def test_runner_lists_every_algorithm(qgis_process):
    ids = _listed_ids(qgis_process)
    assert len(ids) == len(ALGORITHM_CLASSES) + len(list(MODELS_DIR.glob("*.model3"))), ids
    assert "fibreresilience:hazardexposure" in ids
    assert "fibreresilience:resilienceplan" in ids


def test_help_of_every_algorithm(qgis_process):
    for alg_id in _listed_ids(qgis_process):
        done = qgis_process("help", alg_id)
        assert done.returncode == 0, f"{alg_id}: {done.stderr}"
        assert "OUTPUT" in done.stdout or "Outputs" in done.stdout, alg_id


def _read(path, layer=None):
    dataset = ogr.Open(str(path))
    source = dataset.GetLayerByName(layer) if layer else dataset.GetLayer(0)
    rows, wkbs = [], []
    for feature in source:
        rows.append(feature.items())
        geometry = feature.GetGeometryRef()
        wkbs.append(bytes(geometry.ExportToWkb()) if geometry else None)
    return rows, shapely.from_wkb(np.array(wkbs, dtype=object))


def test_hazard_exposure_json_run_on_the_sample(qgis_process, sample_dir, tmp_path):
    routes = sample_dir / "gracethd_v3.gpkg"
    territory = sample_dir / "territory.gpkg"
    output = tmp_path / "routes_exposure.gpkg"
    summary = tmp_path / "summary.csv"
    result = qgis_process.run_json(
        "fibreresilience:hazardexposure",
        INPUT=f"{routes}|layername=t_cheminement",
        HAZARD=f"{territory}|layername=flood_zones",
        HAZARD_FIELD="scenario",
        PRESET=1,
        FAIL_LEVEL=3,
        AGGREGATE=f"{territory}|layername=communes",
        AGGREGATE_FIELD="nom",
        OUTPUT=output,
        SUMMARY=summary,
    )["results"]

    rows, geometries = _read(output)
    source_rows, _ = _read(routes, "t_cheminement")
    assert len(rows) == len(source_rows)
    assert set(source_rows[0]) <= set(rows[0]), "an input field was lost"
    for name in (
        "hz_level",
        "hz_class",
        "hz_value",
        "hz_length",
        "hz_area",
        "hz_share",
        "hz_failed",
    ):
        assert name in rows[0]

    # Oracle, independent of the plugin: the routes crossing each TRI envelope, by shapely.
    zone_rows, zones = _read(territory, "flood_zones")
    envelope = {row["scenario"]: zone for row, zone in zip(zone_rows, zones)}
    levels = np.array([row["hz_level"] for row in rows])
    in_04 = shapely.intersects(geometries, envelope["04Fai"])
    in_02 = shapely.intersects(geometries, envelope["02Moy"])
    in_01 = shapely.intersects(geometries, envelope["01For"])
    expected = np.where(in_01, 4, np.where(in_02, 3, np.where(in_04, 1, 0)))
    assert np.array_equal(levels, expected)
    assert result["EXPOSED_COUNT"] == int(np.count_nonzero(expected >= 1)) > 0
    assert result["FAILED_COUNT"] == int(np.count_nonzero(expected >= 3))
    lengths = np.array([row["hz_length"] or 0.0 for row in rows])
    oracle_lengths = shapely.length(shapely.intersection(geometries, envelope["04Fai"]))
    assert np.allclose(lengths, oracle_lengths, atol=1e-3)  # written to the millimetre

    with open(summary, encoding="utf-8") as handle:
        header = handle.readline()
    assert "aggregate" in header and "n_assets" in header


def _output_parameter(model, child_id, output_name):
    """The parameter a model output is run with: ``child:output`` on QGIS 3.22; on QGIS 3.40+ a
    model built in code names it after the output's description and keeps the child and the
    output in its metadata (tests/qgis/qgis_helpers.py: model_output_key)."""
    for definition in model.destinationParameterDefinitions():
        metadata = definition.metadata()
        if definition.name() == f"{child_id}:{output_name}" or (
            metadata.get("_modelChildId") == child_id
            and metadata.get("_modelChildOutputName") == output_name
        ):
            return definition.name()
    raise KeyError(f"the model has no output {child_id}:{output_name}")


def test_a_model_file_runs_headless(qgis_processing, qgis_process, sample_dir, tmp_path):
    """A .model3 holding our algorithm runs by file path through qgis_process."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterVectorLayer,
    )

    model = QgsProcessingModelAlgorithm("exposure_then_extract", "tests")
    model.addModelParameter(
        QgsProcessingParameterVectorLayer("assets", "assets"), QgsProcessingModelParameter("assets")
    )
    model.addModelParameter(
        QgsProcessingParameterVectorLayer("zones", "zones"), QgsProcessingModelParameter("zones")
    )
    exposure = QgsProcessingModelChildAlgorithm("fibreresilience:hazardexposure")
    exposure.setChildId("exposure")
    exposure.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("assets")]
    )
    exposure.addParameterSources(
        "HAZARD", [QgsProcessingModelChildParameterSource.fromModelParameter("zones")]
    )
    for key, value in {"HAZARD_FIELD": "scenario", "PRESET": 1, "FAIL_LEVEL": 3}.items():
        exposure.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
        )
    model.addChildAlgorithm(exposure)
    extract = QgsProcessingModelChildAlgorithm("native:extractbyattribute")
    extract.setChildId("failed")
    extract.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("exposure", "OUTPUT")]
    )
    for key, value in {"FIELD": "hz_failed", "OPERATOR": 0, "VALUE": "1"}.items():
        extract.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
        )
    output = QgsProcessingModelOutput("failed_assets", "failed assets")
    output.setChildOutputName("OUTPUT")
    extract.setModelOutputs({"failed_assets": output})
    model.addChildAlgorithm(extract)
    path = tmp_path / "exposure_then_extract.model3"
    assert model.toFile(str(path))

    target = tmp_path / "failed.gpkg"
    done = qgis_process(
        "--json",
        "run",
        str(path),
        "--",
        f"assets={sample_dir / 'gracethd_v3.gpkg'}|layername=t_noeud",
        f"zones={sample_dir / 'territory.gpkg'}|layername=flood_zones",
        f"{_output_parameter(model, 'failed', 'failed_assets')}={target}",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    json.loads(done.stdout[done.stdout.index("{") :])
    rows, _ = _read(target)
    assert rows and all(row["hz_failed"] == 1 and row["hz_level"] >= 3 for row in rows)
