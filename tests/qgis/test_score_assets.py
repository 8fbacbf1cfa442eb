"""fibreresilience:scoreassets through processing.run: hand-computed scores, real communes,
and every bad input."""

import math
from pathlib import Path

import numpy as np
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback as Feedback

from fibre_resilience.core.criteria import DEFAULT_CLASSES

REAL_DATA = Path(__file__).resolve().parents[1] / "data" / "real"  # tests/data/real
REAL = str(REAL_DATA / "nord_pas_de_calais_communes_mairies.gpkg")


def _layer(rows, fields="a:double&field=b:integer&field=kind:string"):
    layer = QgsVectorLayer(f"Point?crs=EPSG:2154&field={fields}", "cabinets", "memory")
    features = []
    for i, attributes in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT({700000 + i} {6600000})"))
        feature.setAttributes(list(attributes))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _rows(layer, *names):
    out = []
    for f in layer.getFeatures():
        out.append(tuple(None if f[n] == NULL else f[n] for n in names))
    return out


def _score(run_algorithm, layer, criteria, method=0, classes=DEFAULT_CLASSES, feedback=None):
    result = run_algorithm(
        "scoreassets",
        {
            "INPUT": layer,
            "CRITERIA": criteria,
            "METHOD": method,
            "CLASSES": classes,
            "OUTPUT": "memory:",
        },
        feedback=feedback,
    )
    return result, result["OUTPUT"]


ROWS = [(0.0, 4, "x"), (5.0, 2, "y"), (10.0, 0, "z"), (5.0, 2, "w")]


def test_weighted_sum_by_hand(run_algorithm):
    layer = _layer(ROWS)
    result, out = _score(run_algorithm, layer, "a | weight=3 | label=Flood\nb | lower")
    # ra = 0, .5, 1, .5 ; rb (lower) = 0, .5, 1, .5 ; score = 100 (0.75 ra + 0.25 rb)
    assert [f.name() for f in out.fields()] == [
        "a",
        "b",
        "kind",
        "sc_score",
        "sc_rank",
        "sc_class",
        "sc_flood",
        "sc_b",
    ]
    rows = _rows(out, "kind", "sc_score", "sc_rank", "sc_class", "sc_flood", "sc_b")
    assert rows == [
        ("x", pytest.approx(0.0), 4, "very low", pytest.approx(0.0), pytest.approx(0.0)),
        ("y", pytest.approx(50.0), 2, "medium", pytest.approx(37.5), pytest.approx(12.5)),
        ("z", pytest.approx(100.0), 1, "very high", pytest.approx(75.0), pytest.approx(25.0)),
        ("w", pytest.approx(50.0), 3, "medium", pytest.approx(37.5), pytest.approx(12.5)),
    ]
    assert result["SCORED_COUNT"] == 4
    # geometries and CRS copied as they are
    assert out.crs().authid() == "EPSG:2154"
    assert [f.geometry().asWkt() for f in out.getFeatures()] == [
        f.geometry().asWkt() for f in layer.getFeatures()
    ]


def test_weighted_product_by_hand(run_algorithm):
    layer = _layer([(0.0, 0, "a"), (10.0, 0, "b"), (10.0, 4, "c")])
    _, out = _score(run_algorithm, layer, "a\nb", method=1)
    expected = 100 * (0.1 - 0.01) / 0.99  # sqrt(1 * 0.01) = 0.1
    scores = [s for (s,) in _rows(out, "sc_score")]
    assert scores == pytest.approx([0.0, expected, 100.0], abs=1e-3)


def test_expressions_and_fields_agree(run_algorithm):
    layer = _layer(ROWS)
    _, by_field = _score(run_algorithm, layer, "a | weight=2\nb")
    _, by_expr = _score(
        run_algorithm,
        layer,
        '`"a" * 10 + 1` | weight=2 | name=a\n`if("b" > -1, "b", 0)` | name=b',
    )
    assert _rows(by_expr, "sc_score", "sc_rank") == [
        (pytest.approx(s), r) for s, r in _rows(by_field, "sc_score", "sc_rank")
    ]


def test_text_numbers_and_quantile_classes(run_algorithm):
    layer = _layer(
        [(1.0, 1, "3"), (1.0, 1, "1"), (1.0, 1, "2"), (1.0, 1, "4")],
    )
    _, out = _score(run_algorithm, layer, "kind | rank", classes="quantiles=2")
    assert _rows(out, "sc_score", "sc_class") == [
        (pytest.approx(100 * 2 / 3), "Q2"),
        (pytest.approx(0.0), "Q1"),
        (pytest.approx(100 / 3), "Q1"),
        (pytest.approx(100.0), "Q2"),
    ]


def test_nulls_lowest_highest_and_excluded(run_algorithm):
    layer = _layer([(NULL, 1, "a"), (0.0, 1, "b"), (10.0, 1, "c")])
    _, low = _score(run_algorithm, layer, "a | nulls=lowest")
    _, high = _score(run_algorithm, layer, "a | nulls=highest")
    feedback = Feedback()
    _, skip = _score(run_algorithm, layer, "a | nulls=exclude", feedback=feedback)
    assert [s for (s,) in _rows(low, "sc_score")] == pytest.approx([0, 0, 100])
    assert [s for (s,) in _rows(high, "sc_score")] == pytest.approx([100, 0, 100])
    assert _rows(skip, "sc_score", "sc_rank", "sc_class", "sc_a") == [
        (None, None, None, None),
        (pytest.approx(0.0), 2, "very low", pytest.approx(0.0)),
        (pytest.approx(100.0), 1, "very high", pytest.approx(100.0)),
    ]
    assert any("left unscored" in w for w in feedback.warnings)


def test_all_null_field_scores_zero_with_a_warning(run_algorithm):
    layer = _layer([(NULL, 1, "a"), (NULL, 2, "b")])
    feedback = Feedback()
    _, out = _score(run_algorithm, layer, "a\nb | weight=0.0001", feedback=feedback)
    assert [s for (s,) in _rows(out, "sc_a")] == [0.0, 0.0]
    assert any("'a' has no value" in w for w in feedback.warnings)


def test_rescoring_a_scored_layer_replaces_the_sc_fields(run_algorithm):
    _, first = _score(run_algorithm, _layer(ROWS), "a")
    feedback = Feedback()
    _, second = _score(run_algorithm, first, "a | lower", feedback=feedback)
    names = [f.name() for f in second.fields()]
    assert names.count("sc_score") == 1 and names.count("sc_a") == 1
    assert [s for (s,) in _rows(second, "sc_score")] == pytest.approx([100, 50, 0, 50])
    assert any("replaced" in w for w in feedback.warnings)


def test_empty_layer_gives_an_empty_output_with_a_warning(run_algorithm):
    feedback = Feedback()
    result, out = _score(run_algorithm, _layer([]), "a", feedback=feedback)
    assert out.featureCount() == 0 and result["SCORED_COUNT"] == 0
    assert "sc_score" in out.fields().names()
    assert any("no feature" in w for w in feedback.warnings)


@pytest.mark.parametrize(
    "criteria, words",
    [
        ("nope | weight=2", 'has no field "nope"'),
        ('`"a" +* 2`', "is invalid"),
        ('`"missing" * 2`', "lacks: missing"),
        ("`to_int('abc' || \"kind\")`", "fails on feature"),
        ("a\nb | weight=x", "Line 2: weight 'x' is not a number"),
        ("kind", "feature #1 ('x')"),
        ("# only a comment", "No criteria"),
        ("", "CRITERIA"),
    ],
)
def test_bad_criteria_are_explained(run_algorithm, criteria, words):
    with pytest.raises(QgsProcessingException) as err:
        _score(run_algorithm, _layer(ROWS), criteria)
    assert words in str(err.value)


def test_bad_classes_are_explained(run_algorithm):
    with pytest.raises(QgsProcessingException, match="strictly increasing"):
        _score(run_algorithm, _layer(ROWS), "a", classes="breaks=50;10")


def test_a_failed_run_frees_what_it_read(run_algorithm):
    """QGIS 3.22 keeps the traceback of a failed Python algorithm: our base class clears its
    frames, or the layer read into arrays would stay in memory until QGIS exits."""
    import gc

    from fibre_resilience.adapters.layers import LayerArrays

    def alive():
        gc.collect()
        return sum(isinstance(o, LayerArrays) for o in gc.get_objects())

    before = alive()
    for _ in range(3):  # the layer is read, then the criterion names a missing field
        with pytest.raises(QgsProcessingException, match="no field"):
            _score(run_algorithm, _layer(ROWS), "no_such_field")
    assert alive() == before


def test_real_communes_scored_on_population(run_algorithm):
    from osgeo import ogr

    layer = QgsVectorLayer(f"{REAL}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    _, out = _score(
        run_algorithm,
        layer,
        "population_municipale | weight=2 | log | label=Population\n"
        "`departement = '59'` | weight=1 | label=In Nord",
    )
    # independent oracle: the populations read with OGR, the formula written out
    dataset = ogr.Open(REAL)  # kept alive while its layer is read
    source = dataset.GetLayerByName("communes")
    pop, nord = [], []
    for feature in source:
        pop.append(float(feature.GetField("population_municipale")))
        nord.append(1.0 if feature.GetField("departement") == "59" else 0.0)
    pop = np.array(pop)
    expected = 100 * (
        2 / 3 * np.log1p(pop - pop.min()) / math.log1p(pop.max() - pop.min())
        + 1 / 3 * np.array(nord)
    )
    rows = _rows(out, "nom", "sc_score", "sc_rank", "sc_populat", "sc_in_nord")
    assert [r[1] for r in rows] == pytest.approx(expected.tolist(), abs=1e-3)
    assert [r[2] for r in rows if r[2] == 1] == [1]
    top = min(rows, key=lambda r: r[2])
    assert top[0] == "Lille"
    assert all(abs(r[3] + r[4] - r[1]) < 2e-3 for r in rows)  # stored at 3 decimals


def test_return_periods_score_lines_by_how_often_they_fail(run_algorithm, sample_dir, tmp_path):
    """returnperiods' lines scored with the ready-made rp_aep criterion: a route failing in
    the frequent TRI scenario (10 years) scores 100, the medium one (100 years) 66.7, the
    extreme one (1,000 years) 33.3, a route never flooded 0; rp_first works as a criterion
    too (lower = riskier), NULL counting as no risk."""
    from fibre_resilience.core.criteria import READY_MADE, format_criteria

    delivery = sample_dir / "gracethd_v3.gpkg"
    nodes = f"{delivery}|layername=t_noeud"
    lines = run_algorithm(
        "returnperiods",
        {
            "NETWORK": f"{delivery}|layername=t_cheminement",
            "FROM_FIELD": "cm_ndcode1",
            "TO_FIELD": "cm_ndcode2",
            # the NRO shelters' nodes (a subset string is SQLite's WHERE on a GeoPackage)
            "ROOTS": nodes
            + "|subset=nd_code IN (SELECT st_nd_code FROM t_site WHERE st_typephy = 'SHE')",
            "ROOT_NODE_FIELD": "nd_code",
            "HAZARD": f"{sample_dir / 'territory.gpkg'}|layername=flood_zones",
            "SCENARIO_FIELD": "scenario",
            "OUTPUT_LINES": str(tmp_path / "rp_lines.gpkg"),
            "SUMMARY": "memory:",
        },
    )["OUTPUT_LINES"]
    aep = [c for c in READY_MADE if c.source == "rp_aep"]
    _, out = _score(run_algorithm, lines, format_criteria(aep))
    by_period = {}
    for first, score in _rows(out, "rp_first", "sc_score"):
        by_period.setdefault(first, set()).add(round(score, 1))
    assert by_period == {10: {100.0}, 100: {66.7}, 1000: {33.3}, None: {0.0}}
    _, out = _score(run_algorithm, lines, "rp_first | lower | log")
    rows = sorted(_rows(out, "rp_first", "sc_score"), key=lambda r: r[0] or math.inf)
    scores = [score for _, score in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100.0
    assert {score for first, score in rows if first is None} == {0.0}
