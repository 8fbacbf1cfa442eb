"""Headless runs load no layer: the styling of outputs (a post-processor set only on layers
to load) leaves qgis_process alone, with a style for every output and no project."""

from osgeo import ogr


def test_styled_algorithms_run_headless(qgis_process, sample_dir, tmp_path):
    territory = sample_dir / "territory.gpkg"
    out = tmp_path / "routes.gpkg"
    result = qgis_process.run_json(
        "fibreresilience:gracethdnetwork",
        SOURCE=sample_dir / "gracethd_v3.gpkg",
        ROUTES=out,
        CABLES=tmp_path / "cables.gpkg",
        NODES=tmp_path / "nodes.gpkg",
        PREMISES=tmp_path / "premises.gpkg",
        REPORT=tmp_path / "report.gpkg",
    )
    assert result["results"]["ROUTES"] == str(out)
    exposed = tmp_path / "exposed.gpkg"
    result = qgis_process.run_json(
        "fibreresilience:hazardexposure",
        INPUT=out,
        HAZARD=f"{territory}|layername=flood_zones",
        HAZARD_FIELD="scenario",
        PRESET=1,
        OUTPUT=exposed,
        SUMMARY=tmp_path / "summary.gpkg",
    )
    assert result["results"]["OUTPUT"] == str(exposed)
    dataset = ogr.Open(str(exposed))
    levels = {feature.GetField("hz_level") for feature in dataset.GetLayer(0)}
    dataset = None
    assert levels >= {0, 4}
    # nothing written beside the outputs (no .qml: the style is applied when loading)
    assert not list(tmp_path.glob("*.qml"))
