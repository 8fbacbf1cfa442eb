"""powerresilience through processing.run with GENERATOR_COUNT_FIELD: generators counted per
depot, each leaving from its own depot (hand-computed; roads at 60 km/h)."""

import pytest
from qgis.core import NULL, QgsProcessingException, QgsVectorLayer
from qgis_helpers import RecordingFeedback, memory_layer
from test_power_resilience import CRS, _layers, _line, _pt


def _run(run_algorithm, tmp_path, counts, generators=0, feedback=None):
    """Site A (10 premises, 4 h battery, 6 h outage) and D (4 premises, 2 h, 5 h); depot
    "south" 60 km from both (1.5 h with the set-up), "north" 120 km (2.5 h)."""
    params, _, _ = _layers()
    roads = memory_layer(
        "LineString",
        [
            (_line((0, -60000), (1000, 0)), [1]),
            (_line((0, -60000), (-1000, 0)), [2]),
            (_line((0, 120000), (1000, 0)), [3]),
            (_line((0, 120000), (-1000, 0)), [4]),
        ],
        crs=CRS,
        name="roads",
    )
    depots = memory_layer(
        "Point",
        [(_pt(0, -60000), ["south", counts[0]]), (_pt(0, 120000), ["north", counts[1]])],
        "name:string&field=gens:double",
        CRS,
        "depots",
    )
    params.update(
        {
            "GENERATORS": generators,
            "GENERATOR_DEPOTS": depots,
            "GENERATOR_DEPOT_FIELD": "name",
            "GENERATOR_COUNT_FIELD": "gens",
            "ROADS": roads,
            "DEFAULT_SPEED": 60.0,
            "SETUP_MINUTES": 30,
            "OUTPUT": str(tmp_path / "s.gpkg"),
        }
    )
    result = run_algorithm("powerresilience", params, feedback)
    layer = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    return result, {f["name"]: f for f in layer.getFeatures()}


def test_depots_with_one_and_two_generators(run_algorithm, tmp_path):
    """A saves 2 h x 10 from either depot: the tie goes to the earlier arrival, south's one
    generator. D then gets one of north's: 2.5 h, 0.5 h after its battery ran out."""
    result, out = _run(run_algorithm, tmp_path, [1, 2])
    assert out["A"]["pw_depot"] == "south"
    assert out["A"]["pw_gen_h"] == pytest.approx(1.5, abs=0.01)
    assert out["A"]["pw_dark_h"] == 0.0
    assert out["D"]["pw_depot"] == "north"
    assert out["D"]["pw_gen_h"] == pytest.approx(2.5, abs=0.01)
    assert out["D"]["pw_dark_h"] == pytest.approx(0.5, abs=0.01)
    assert result["GENERATORS_USED"] == 2
    assert result["PREMISE_HOURS_POWER"] == pytest.approx(2.0, abs=0.05)


def test_the_counts_replace_generators(run_algorithm, tmp_path):
    feedback = RecordingFeedback()
    result, out = _run(run_algorithm, tmp_path, [0, 1], generators=5, feedback=feedback)
    assert result["GENERATORS_USED"] == 1
    assert out["A"]["pw_depot"] == "north" and out["D"]["pw_depot"] == NULL
    assert any("GENERATORS (5) is not used" in i for i in feedback.infos), feedback.infos


def test_a_negative_count_is_refused_naming_the_depot(run_algorithm, tmp_path):
    with pytest.raises(QgsProcessingException, match=r'"gens".*GENERATOR_COUNT_FIELD.*depots'):
        _run(run_algorithm, tmp_path, [1, -2])
    assert not (tmp_path / "s.gpkg").exists()
