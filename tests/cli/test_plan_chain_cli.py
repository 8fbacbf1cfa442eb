"""Reading a delivery, exposing its routes and scoring them, step by step through qgis_process."""

import numpy as np
from osgeo import ogr

CRITERIA = "\n".join(
    [
        "hz_level | weight=3 | higher | thresholds=1;2;3;4 | label=Flood level",
        "hz_length | weight=1 | minmax | label=Flooded length",
    ]
)


def _rows(path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    return [feature.items() for feature in layer]


def test_gracethd_exposure_and_scoring_headless(qgis_process, sample_dir, tmp_path):
    delivery = sample_dir / "gracethd_v3.gpkg"
    read = qgis_process.run_json(
        "fibreresilience:gracethdnetwork",
        SOURCE=delivery,
        ROUTES=tmp_path / "routes.gpkg",
        CABLES=tmp_path / "cables.gpkg",
        NODES=tmp_path / "nodes.gpkg",
        PREMISES=tmp_path / "premises.gpkg",
        REPORT=tmp_path / "report.csv",
    )["results"]
    # The sample's README: 3,497 premises at 2,380 addresses, 2,519 routes.
    assert read["PREMISES_TOTAL"] == 3497
    assert len(_rows(tmp_path / "routes.gpkg")) == 2519
    premises = _rows(tmp_path / "premises.gpkg")
    assert len(premises) == 2380 and sum(row["gt_prem"] for row in premises) == 3497

    exposed = tmp_path / "routes_exposure.gpkg"
    exposure = qgis_process.run_json(
        "fibreresilience:hazardexposure",
        INPUT=tmp_path / "routes.gpkg",
        HAZARD=f"{sample_dir / 'territory.gpkg'}|layername=flood_zones",
        HAZARD_FIELD="scenario",
        PRESET=1,
        OUTPUT=exposed,
    )["results"]
    assert exposure["EXPOSED_COUNT"] > 0

    criteria_file = tmp_path / "criteria.txt"
    criteria_file.write_text(CRITERIA, encoding="utf-8")
    scored_path = tmp_path / "scored.gpkg"
    qgis_process.run_json(
        "fibreresilience:scoreassets",
        INPUT=exposed,
        CRITERIA=CRITERIA,  # several lines in one argument
        OUTPUT=scored_path,
    )
    scored = _rows(scored_path)
    assert len(scored) == 2519
    scores = np.array([row["sc_score"] for row in scored])
    ranks = np.array([row["sc_rank"] for row in scored])
    # Contributions add up to the score, rank 1 holds the highest score.
    contributions = [
        name
        for name in scored[0]
        if name.startswith("sc_") and name not in ("sc_score", "sc_rank", "sc_class")
    ]
    assert len(contributions) == 2
    total = np.array([sum(row[name] for name in contributions) for row in scored])
    assert np.allclose(total, scores, atol=1e-6)
    assert scores[ranks == 1][0] == scores.max()
    # The most exposed route (highest level, then longest flooded part) ranks first.
    levels = np.array([row["hz_level"] for row in scored])
    assert levels[ranks == 1][0] == levels.max()
