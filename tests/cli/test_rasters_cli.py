"""A raster given by its path to qgis_process: nothing is written beside it.

qgis_process loads every layer parameter while checking it, before the algorithm runs, and
QGIS computes statistics on load: without our raster parameter (adapters/rasters.py) freeing
that layer wrote RP_1.tif.aux.xml beside the user's raster."""

import zipfile
from pathlib import Path

ZIP = Path(__file__).resolve().parents[1] / "data" / "real"
ZIP = ZIP / "miami_beach_roads_flood_depth_rp1_rp20_rp100.zip"


def test_both_raster_algorithms_leave_the_rasters_folder_unchanged(qgis_process, tmp_path):
    folder = tmp_path / "user"
    with zipfile.ZipFile(ZIP) as archive:
        archive.extract("RP_1.tif", folder)
        archive.extract("base_graph_edges.gpkg", tmp_path)
        archive.extract("base_graph_nodes.gpkg", tmp_path)
    raster, roads = folder / "RP_1.tif", tmp_path / "base_graph_edges.gpkg"
    nodes = tmp_path / "base_graph_nodes.gpkg"
    before = sorted(p.name for p in folder.iterdir())
    exposed = qgis_process.run_json(
        "fibreresilience:hazardexposure",
        INPUT=roads,
        HAZARD_RASTER=raster,
        OUTPUT=tmp_path / "exposure.gpkg",
    )
    assert exposed["results"]["EXPOSED_COUNT"] > 0
    access = qgis_process.run_json(
        "fibreresilience:accessroutes",
        ROADS=roads,
        DEPOTS=f'{nodes}|subset="fid" = 12',
        TARGETS=nodes,
        BLOCKED_RASTER=raster,
        OUTPUT=tmp_path / "access.gpkg",
    )
    assert access["results"]["UNREACHABLE_COUNT"] > 0
    assert sorted(p.name for p in folder.iterdir()) == before == ["RP_1.tif"]
