"""The scoring engine against hand-computed cases and independent oracles (pandas ranks,
plain Python loops)."""

import math

import numpy as np
import pandas as pd
import pytest

from fibre_resilience.core.criteria import Criterion, parse_classes, parse_criteria
from fibre_resilience.core.errors import CancelledError, InputError
from fibre_resilience.core.scoring import (
    as_numeric,
    classify,
    combine,
    normalise,
    rank_scores,
    rank_stability,
    score_assets,
    score_histogram,
)

NAN = np.nan


def risks_of(criterion, values):
    with np.errstate(all="raise"):  # no division by zero, no invalid value, ever
        return normalise([criterion], [np.asarray(values, dtype=float)]).risk[:, 0]


def test_minmax_both_directions():
    assert risks_of(Criterion("a"), [0, 5, 10]) == pytest.approx([0, 0.5, 1])
    assert risks_of(Criterion("a", direction="lower"), [0, 5, 10]) == pytest.approx([1, 0.5, 0])
    assert risks_of(Criterion("a"), [-4, -3, 0]) == pytest.approx([0, 0.25, 1])


def test_rank_uses_average_ranks_of_ties():
    # ranks 1, 2.5, 2.5, 4 -> (r - 1) / 3
    assert risks_of(Criterion("a", normalisation="rank"), [10, 20, 20, 1000]) == pytest.approx(
        [0, 0.5, 0.5, 1]
    )
    lower = Criterion("a", normalisation="rank", direction="lower")
    assert risks_of(lower, [3, 1, 2]) == pytest.approx([0, 1, 0.5])


def test_log_scales_skewed_counts():
    # log(1 + v - 0) / log(1 + 99): 9 -> log 10 / log 100 = 0.5
    assert risks_of(Criterion("a", normalisation="log"), [0, 9, 99]) == pytest.approx([0, 0.5, 1])
    # shifted by the minimum, so negative values are fine
    assert risks_of(Criterion("a", normalisation="log"), [-10, -1, 89]) == pytest.approx(
        [0, 0.5, 1]
    )


def test_thresholds_give_classes_and_work_on_a_constant_column():
    c = Criterion("a", normalisation="thresholds", thresholds=(1.0, 2.0))
    assert risks_of(c, [0, 1, 1.5, 2, 5]) == pytest.approx([0, 0.5, 0.5, 1, 1])
    assert risks_of(c, [1.5, 1.5]) == pytest.approx([0.5, 0.5])
    lower = Criterion("a", direction="lower", normalisation="thresholds", thresholds=(1.0,))
    assert risks_of(lower, [0, 3]) == pytest.approx([1, 0])


@pytest.mark.parametrize("norm", ["minmax", "rank", "log"])
@pytest.mark.parametrize("direction", ["higher", "lower"])
def test_constant_column_adds_zero_with_a_warning(norm, direction):
    c = Criterion("flat", normalisation=norm, direction=direction)
    with np.errstate(all="raise"):
        risks = normalise([c, Criterion("b")], [np.full(4, 7.0), np.arange(4.0)])
    assert risks.risk[:, 0] == pytest.approx([0, 0, 0, 0])
    assert any("'flat' has a single value" in w for w in risks.warnings)
    result = score_assets([np.full(4, 7.0), np.arange(4.0)], [c, Criterion("b")])
    assert result.contributions[:, 0] == pytest.approx([0, 0, 0, 0])


def test_null_policies():
    values = [NAN, 0, 10]
    assert risks_of(Criterion("a"), values) == pytest.approx([0, 0, 1])
    assert risks_of(Criterion("a", nulls="highest"), values) == pytest.approx([1, 0, 1])
    # the policy is about risk, not about the raw value: lower direction too
    assert risks_of(Criterion("a", direction="lower", nulls="lowest"), values) == pytest.approx(
        [0, 1, 0]
    )
    excluded = score_assets([np.array(values)], [Criterion("a", nulls="exclude")])
    assert math.isnan(excluded.score[0])
    assert np.isnan(excluded.contributions[0]).all()
    assert excluded.rank.tolist() == [0, 2, 1]
    assert excluded.classes.tolist() == [None, "very low", "very high"]
    assert excluded.excluded.tolist() == [True, False, False]
    assert any("left unscored" in w for w in excluded.warnings)


def test_excluded_features_stay_out_of_every_criterion_statistics():
    # feature 3 is excluded by b; a's max over the scored features is then 10, not 100
    result = score_assets(
        [np.array([0.0, 5.0, 10.0, 100.0]), np.array([1.0, 1.0, 1.0, NAN])],
        [Criterion("a"), Criterion("b", nulls="exclude", weight=0.0)],
    )
    assert result.score[:3] == pytest.approx([0, 50, 100])


def test_all_null_column_adds_zero_with_a_warning():
    risks = normalise([Criterion("a"), Criterion("b")], [np.full(3, NAN), np.arange(3.0)])
    assert risks.risk[:, 0] == pytest.approx([0, 0, 0])
    assert any("'a' has no value" in w for w in risks.warnings)


def test_weights_need_not_sum_to_one():
    columns = [np.array([0.0, 5, 10]), np.array([10.0, 0, 5])]
    a = score_assets(columns, [Criterion("a", 3), Criterion("b", 1)])
    b = score_assets(columns, [Criterion("a", 0.75), Criterion("b", 0.25)])
    # by hand: 100 * (0.75 * ra + 0.25 * rb), ra = 0, .5, 1 and rb = 1, 0, .5
    assert a.score == pytest.approx([25.0, 37.5, 87.5])
    assert b.score == pytest.approx(a.score)
    assert a.contributions[:, 0] == pytest.approx([0, 37.5, 75])
    assert a.contributions[:, 1] == pytest.approx([25, 0, 12.5])


def test_weighted_product_by_hand():
    columns = [np.array([0.0, 10, 10, 0]), np.array([0.0, 0, 10, 10])]
    result = score_assets(columns, [Criterion("a"), Criterion("b")], method="product")
    # r = (1, 0): G = sqrt(1 * 0.01) = 0.1, score = 100 (0.1 - 0.01) / 0.99
    expected = 100 * (0.1 - 0.01) / 0.99
    assert result.score == pytest.approx([0.0, expected, 100.0, expected])
    # log-share: u_a = 0.5 * (1 - 0) and u_b = 0.5 * (1 - 1) = 0, so a takes it all
    assert result.contributions[1] == pytest.approx([expected, 0.0])
    assert result.contributions[3] == pytest.approx([0.0, expected])
    assert result.contributions[2] == pytest.approx([50.0, 50.0])
    assert result.contributions[0] == pytest.approx([0.0, 0.0])


def test_product_is_a_weighted_geometric_mean_against_a_plain_loop():
    rng = np.random.default_rng(3)
    columns = [rng.uniform(0, 1, 50) for _ in range(3)]
    columns[0][:2] = [0.0, 1.0]
    columns[1][:2] = [0.0, 1.0]
    columns[2][:2] = [0.0, 1.0]
    weights = [2.0, 1.0, 0.5]
    criteria = [Criterion(f"c{i}", w) for i, w in enumerate(weights)]
    result = score_assets(columns, criteria, method="product")
    total = sum(weights)
    for i in range(50):
        g = 1.0
        for col, w in zip(columns, weights):
            g *= (0.01 + 0.99 * col[i]) ** (w / total)  # columns already span 0..1
        assert result.score[i] == pytest.approx(100 * (g - 0.01) / 0.99)


@pytest.mark.parametrize("method", ["sum", "product"])
def test_contributions_add_up_to_the_score(method):
    rng = np.random.default_rng(11)
    n = 2000
    columns = [
        rng.integers(0, 5, n).astype(float),
        rng.exponential(100, n),
        np.where(rng.random(n) < 0.1, NAN, rng.normal(0, 1, n)),
        rng.uniform(0, 3, n),
    ]
    criteria = parse_criteria(
        "hz_level | weight=3\nrd_prem | weight=2 | log\nx | lower | rank | nulls=highest\n"
        "y | weight=0.7 | thresholds=1;2"
    )
    result = score_assets(columns, criteria, method=method)
    assert result.contributions.sum(axis=1) == pytest.approx(result.score, abs=1e-9)
    assert (result.contributions >= -1e-12).all()
    assert result.score.min() >= 0 and result.score.max() <= 100


def test_ranks_against_pandas_first_rank():
    rng = np.random.default_rng(5)
    score = np.round(rng.uniform(0, 100, 500), 1)  # many ties
    oracle = pd.Series(-score).rank(method="first").astype(int).to_numpy()
    assert rank_scores(score).tolist() == oracle.tolist()


def test_equal_scores_keep_input_order_and_nan_gets_no_rank():
    assert rank_scores(np.array([50.0, 80.0, 50.0, NAN, 80.0])).tolist() == [3, 1, 4, 0, 2]
    # scores equal up to floating noise count as ties
    assert rank_scores(np.array([0.3, 0.1 + 0.2])).tolist() == [1, 2]
    assert rank_scores(np.array([0.1 + 0.2, 0.3])).tolist() == [1, 2]


def test_identical_features_tie_in_input_order():
    columns = [np.array([1.0, 3, 3, 2, 3]), np.array([5.0, 1, 1, 2, 1])]
    result = score_assets(columns, [Criterion("a", 2), Criterion("b", 1)])
    assert result.rank.tolist()[1:3] == [1, 2] and result.rank[4] == 3


def test_single_feature_scores_zero_rank_one():
    result = score_assets([np.array([42.0])], [Criterion("a")])
    assert result.score.tolist() == [0.0]
    assert result.rank.tolist() == [1]
    assert result.warnings


def test_no_feature_gives_empty_results():
    result = score_assets([np.array([])], [Criterion("a")])
    assert len(result.score) == 0 and result.contributions.shape == (0, 1)


def test_every_feature_excluded_is_warned():
    result = score_assets([np.array([NAN, NAN])], [Criterion("a", nulls="exclude")])
    assert np.isnan(result.score).all() and result.rank.tolist() == [0, 0]
    assert any("No feature could be scored" in w for w in result.warnings)


def test_classes_breaks_and_quantiles():
    spec = parse_classes("breaks=20;40;60;80")
    got = classify(np.array([0, 19.99, 20, 40, 79.9, 80, 100, NAN]), spec)
    assert got.tolist() == ["<20", "<20", "20-40", "40-60", "60-80", ">=80", ">=80", None]
    q = classify(np.arange(10.0), parse_classes("quantiles=5"))
    assert q.tolist() == ["Q1", "Q1", "Q2", "Q2", "Q3", "Q3", "Q4", "Q4", "Q5", "Q5"]
    tied = classify(np.array([1.0, 1.0, 1.0, 1.0, 9.0]), parse_classes("quantiles=2"))
    assert len(set(tied[:4])) == 1 and tied[4] == "Q2"


def test_weights_are_checked():
    risks = normalise([Criterion("a"), Criterion("b")], [np.arange(3.0), np.arange(3.0)])
    with pytest.raises(InputError, match="Every weight is zero"):
        combine(risks, [0, 0])
    with pytest.raises(InputError, match=">= 0"):
        combine(risks, [1, -1])
    with pytest.raises(InputError, match="method"):
        combine(risks, method="max")


def test_columns_must_match_criteria():
    with pytest.raises(InputError, match="2 criteria but 1"):
        normalise([Criterion("a"), Criterion("b")], [np.arange(3.0)])
    with pytest.raises(InputError, match="infinite value at feature #2"):
        normalise([Criterion("a")], [np.array([1.0, np.inf])])


def test_as_numeric_reads_attribute_values():
    got = as_numeric([1, "2.5", None, True, 4.0], "x")
    assert got[[0, 1, 3, 4]].tolist() == [1.0, 2.5, 1.0, 4.0] and math.isnan(got[2])
    with pytest.raises(InputError, match=r"'Flood'.*feature #3 \('deep'\)"):
        as_numeric([1, 2, "deep", "x"], "Flood")


def test_cancel_stops_the_work():
    with pytest.raises(CancelledError):
        score_assets([np.arange(5.0)], [Criterion("a")], is_cancelled=lambda: True)
    seen = []
    score_assets([np.arange(5.0)], [Criterion("a")], progress=seen.append)
    assert seen[-1] == pytest.approx(1.0) and seen == sorted(seen)


def test_histogram_counts_scored_features():
    counts, edges = score_histogram(np.array([0, 4.9, 5, 99, 100, NAN]), bins=20)
    assert counts.sum() == 5 and counts[0] == 2 and counts[1] == 1 and counts[-1] == 2
    assert edges[0] == 0 and edges[-1] == 100


# ---------------------------------------------------------------- rank stability


def _stability_oracle(columns, weights, draws, spread, seed, top):
    """Every draw rescored with a plain loop and ranked by pandas."""
    criteria = [Criterion(f"c{i}", w) for i, w in enumerate(weights)]
    risk = normalise(criteria, columns).risk
    base = score_assets(columns, criteria)
    top_ids = np.argsort(base.rank)[:top]
    factors = np.random.default_rng(seed).uniform(1 - spread, 1 + spread, (draws, len(weights)))
    ranks = {i: [] for i in top_ids}
    for d in range(draws):
        w = [weights[j] * factors[d, j] for j in range(len(weights))]
        total = sum(w)
        s = [100 * sum(risk[i, j] * w[j] / total for j in range(len(w))) for i in range(len(risk))]
        r = pd.Series(-np.round(s, 9)).rank(method="first").astype(int).to_numpy()
        for i in top_ids:
            ranks[i].append(r[i])
    return top_ids, ranks


@pytest.mark.parametrize("tied", [False, True])
def test_rank_stability_against_a_loop_oracle(tied):
    rng = np.random.default_rng(1)
    columns = [rng.uniform(0, 10, 60) for _ in range(3)]
    if tied:  # few distinct rows: many exact ties in every draw
        columns = [np.floor(c / 4) for c in columns]
    weights = [3.0, 2.0, 1.0]
    criteria = [Criterion(f"c{i}", w) for i, w in enumerate(weights)]
    risks = normalise(criteria, columns)
    got = rank_stability(risks, top=8, draws=40, spread=0.2, seed=9)
    top_ids, ranks = _stability_oracle(columns, weights, 40, 0.2, 9, 8)
    assert got.index.tolist() == top_ids.tolist()
    assert got.base_rank.tolist() == list(range(1, 9))
    assert got.rank_min.tolist() == [min(ranks[i]) for i in top_ids]
    assert got.rank_max.tolist() == [max(ranks[i]) for i in top_ids]
    assert got.rank_median.tolist() == [float(np.median(ranks[i])) for i in top_ids]
    assert got.in_top_share.tolist() == pytest.approx(
        [np.mean(np.array(ranks[i]) <= 8) for i in top_ids]
    )


def test_rank_stability_is_seeded_and_zero_spread_keeps_ranks():
    rng = np.random.default_rng(2)
    columns = [rng.uniform(0, 10, 200) for _ in range(4)]
    risks = normalise([Criterion(f"c{i}", i + 1.0) for i in range(4)], columns)
    a = rank_stability(risks, top=10, draws=50, seed=4)
    b = rank_stability(risks, top=10, draws=50, seed=4)
    assert a.rank_max.tolist() == b.rank_max.tolist()
    still = rank_stability(risks, top=10, draws=20, spread=0.0, method="product")
    assert still.rank_min.tolist() == still.base_rank.tolist() == still.rank_max.tolist()


def test_rank_stability_a_dominant_asset_stays_first():
    rng = np.random.default_rng(8)
    columns = [rng.uniform(0, 5, 300) for _ in range(3)]
    for col in columns:
        col[17] = 10.0
    risks = normalise([Criterion(f"c{i}") for i in range(3)], columns)
    got = rank_stability(risks, top=5, draws=100, spread=0.5)
    assert got.index[0] == 17 and got.rank_max[0] == 1


def test_rank_stability_skips_excluded_features():
    columns = [np.array([NAN, 1.0, 2.0, 3.0])]
    risks = normalise([Criterion("a", nulls="exclude")], columns)
    got = rank_stability(risks, top=10, draws=5)
    assert got.index.tolist() == [3, 2, 1]


def test_rank_stability_with_nothing_scored_is_empty():
    risks = normalise([Criterion("a", nulls="exclude")], [np.array([NAN, NAN])])
    got = rank_stability(risks, top=5, draws=10)
    assert got.index.tolist() == [] and got.rank_max.tolist() == []


def test_preview_ranks_top_rows_and_explains_each_by_its_largest_contributions():
    """The dock's preview, computed in core: hand-computed on three assets, one excluded."""
    from fibre_resilience.core.scoring import NormalisedRisks, preview_scores

    criteria = [
        Criterion(source="a", weight=3.0, label="Flood"),
        Criterion(source="b", weight=1.0, label="Premises"),
    ]
    risk = np.array([[0.0, 1.0], [1.0, 0.0], [np.nan, np.nan], [1.0, 1.0]])
    risks = NormalisedRisks(
        criteria=criteria, risk=risk, excluded=np.array([False, False, True, False])
    )
    preview = preview_scores(risks, np.array([10, 11, 12, 13]))
    # weights 3:1 -> 75 and 25 points
    np.testing.assert_allclose(preview.score, [25.0, 75.0, np.nan, 100.0])
    assert preview.rank.tolist() == [3, 2, 0, 1]
    assert preview.top(10).tolist() == [3, 1, 0]  # the excluded asset never shows
    assert preview.top(2).tolist() == [3, 1]
    assert preview.leading(3) == [("Flood", 75.0), ("Premises", 25.0)]
    assert preview.leading(0) == [("Premises", 25.0)]  # zero contributions are not reasons
    assert preview.leading(3, count=1) == [("Flood", 75.0)]
