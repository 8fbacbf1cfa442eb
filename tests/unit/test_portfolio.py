"""The portfolio (budgeted maximum coverage) against brute force over every subset."""

import itertools

import numpy as np
import pytest

from fibre_resilience.core import portfolio as pf
from fibre_resilience.core.errors import InputError


def _random_instance(rng, k, g):
    costs = rng.integers(1, 20, k).astype(float)
    weights = rng.integers(0, 30, g).astype(float)
    covers = [rng.choice(g, size=rng.integers(0, min(g, 6) + 1), replace=False) for _ in range(k)]
    budget = float(rng.integers(0, int(costs.sum()) + 2))
    return costs, covers, weights, budget


def _brute_force(costs, covers, weights, budget):
    """Best value and the cheapest cost reaching it, over every subset."""
    best = (0.0, 0.0)
    k = costs.size
    for r in range(1, k + 1):
        for subset in itertools.combinations(range(k), r):
            cost = costs[list(subset)].sum()
            if cost > budget:
                continue
            covered = set()
            for i in subset:
                covered.update(int(x) for x in covers[i])
            value = sum(weights[g] for g in covered)
            if value > best[0] or (value == best[0] and cost < best[1]):
                best = (value, cost)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_milp_equals_brute_force(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 16))
    costs, covers, weights, budget = _random_instance(rng, k, int(rng.integers(1, 12)))
    result = pf.choose_portfolio(costs, covers, weights, budget, method="milp")
    value, cost = _brute_force(costs, covers, weights, budget)
    assert result.method == "milp" and result.optimal
    assert result.value == pytest.approx(value)
    assert result.cost == pytest.approx(cost)
    assert costs[result.chosen].sum() <= budget
    assert pf.coverage_value(result.chosen, covers, weights) == pytest.approx(result.value)


@pytest.mark.parametrize("seed", range(40))
def test_greedy_within_its_bound_and_reports_its_gap(seed):
    rng = np.random.default_rng(1000 + seed)
    k = int(rng.integers(1, 13))
    costs, covers, weights, budget = _random_instance(rng, k, int(rng.integers(1, 12)))
    result = pf.choose_portfolio(costs, covers, weights, budget, method="greedy")
    best, _ = _brute_force(costs, covers, weights, budget)
    assert result.method == "greedy"
    assert costs[result.chosen].sum() <= budget
    assert result.value <= best + 1e-9
    # The relaxation bound is a true upper bound, and the classic guarantee holds.
    assert result.bound >= best - 1e-9
    assert result.value >= 0.5 * (1 - 1 / np.e) * best - 1e-9
    assert result.gap == pytest.approx(
        (result.bound - result.value) / result.bound if result.bound else 0
    )


def test_greedy_best_single_fix():
    # Cheap small item first by ratio, then the budget is gone: the single big one wins.
    costs = np.array([1.0, 10.0])
    covers = [np.array([0]), np.array([1])]
    weights = np.array([2.0, 10.0])
    result = pf.choose_portfolio(costs, covers, weights, 10.0, method="greedy")
    assert result.chosen.tolist() == [False, True] and result.value == 10


def test_same_premises_count_once():
    # Two loops securing the same premises: buying both secures no more than one.
    costs = np.array([5.0, 6.0, 4.0])
    covers = [np.array([0]), np.array([0]), np.array([1])]
    weights = np.array([100.0, 10.0])
    result = pf.choose_portfolio(costs, covers, weights, 11.0)
    assert result.chosen.tolist() == [True, False, True]
    assert result.value == 110


def test_time_limit_falls_back_with_gap(monkeypatch):
    monkeypatch.setattr(pf, "milp", None)
    costs = np.array([3.0, 4.0, 5.0])
    covers = [np.array([0, 1]), np.array([1, 2]), np.array([2])]
    weights = np.array([1.0, 2.0, 3.0])
    result = pf.choose_portfolio(costs, covers, weights, 7.0)
    assert result.method == "greedy" and "milp" in result.note
    assert result.bound >= result.value and result.gap >= 0


def test_bad_values():
    with pytest.raises(InputError):
        pf.choose_portfolio([-1.0], [[0]], [1.0], 5.0)
    with pytest.raises(InputError):
        pf.choose_portfolio([1.0], [[0]], [1.0], -5.0)
    with pytest.raises(InputError):
        pf.choose_portfolio([1.0], [[3]], [1.0], 5.0)


def test_premises_groups_merge_nodes_with_the_same_candidates():
    weights = np.array([1.0, 2.0, 3.0, 4.0, 0.0])
    sets = [np.array([0, 1, 2]), np.array([1, 2, 3, 4]), np.array([], dtype=np.int64)]
    covers, gw = pf.premises_groups(sets, weights)
    # Groups: {0} (cand 0), {1,2} (both), {3} (cand 1); node 4 weighs nothing.
    assert sorted(gw.tolist()) == [1.0, 4.0, 5.0]
    assert sorted(gw[covers[0]].tolist()) == [1.0, 5.0]
    assert sorted(gw[covers[1]].tolist()) == [4.0, 5.0]
    assert covers[2].size == 0
    # The portfolio on groups equals the portfolio on nodes.
    for budget in (1.0, 2.0):
        a = pf.choose_portfolio([1.0, 1.0, 1.0], covers, gw, budget)
        b = pf.choose_portfolio([1.0, 1.0, 1.0], sets, weights, budget)
        assert a.value == b.value


def test_plan_order_is_the_marginal_curve():
    costs = np.array([10.0, 1.0, 5.0, 2.0])
    covers = [np.array([0, 1]), np.array([1]), np.array([2]), np.array([3])]
    weights = np.array([10.0, 4.0, 5.0, 1.0])
    chosen = np.array([True, True, True, False])
    order, gains = pf.plan_order(chosen, costs, covers, weights)
    # Candidate 1 (4 per euro), then 0 (10 more for 10 euros: 1 per euro) and 2 (1 per
    # euro, 5 more): ties by gain; 3 comes last, not chosen.
    assert order.tolist() == [1, 0, 2, 3]
    assert gains.tolist() == [4.0, 10.0, 5.0, 0.0]
    assert gains[:3].sum() == pf.coverage_value(chosen, covers, weights)


def test_time_limit_keeps_the_better_of_milp_incumbent_and_greedy(monkeypatch):
    """milp stopped at its time limit (status 1) with an answer: the greedy runs too, the
    better of the two is kept, and the gap to the relaxation bound is reported."""
    from types import SimpleNamespace

    costs = np.array([1.0, 10.0, 10.0])
    covers = [np.array([0]), np.array([1]), np.array([2])]
    weights = np.array([2.0, 10.0, 9.0])

    def stopped(c, **kwargs):  # an incumbent holding candidates 1 and 2 (19 for 20 euros)
        return SimpleNamespace(status=1, x=np.array([0, 1, 1, 0, 1, 1.0]), message="time limit")

    monkeypatch.setattr(pf, "milp", stopped)
    result = pf.choose_portfolio(costs, covers, weights, 20.0)
    assert result.method == "milp (time limit)" and "time limit" in result.note
    assert result.chosen.tolist() == [False, True, True] and result.value == 19
    assert not result.optimal and result.bound >= 19

    def useless(c, **kwargs):  # an incumbent worse than the greedy's
        return SimpleNamespace(status=1, x=np.array([1, 0, 0, 1, 0, 0.0]), message="time limit")

    monkeypatch.setattr(pf, "milp", useless)
    result = pf.choose_portfolio(costs, covers, weights, 20.0)
    # Greedy: candidate 0 (2 per euro), then 1 (1 per euro); 9 euros left buy nothing more.
    assert result.method == "greedy" and result.value == 12
    # The bound is the relaxation's: 0, 1 and nine tenths of 2: 20.1.
    assert result.bound == pytest.approx(20.1)
    assert result.gap == pytest.approx((20.1 - 12) / 20.1)


def _every_round_greedy(costs, covers, weights, budget, chosen=None):
    """The greedy as defined, every candidate evaluated every round: (picks in order, gain of
    each). With ``chosen``: plan_order's curve over those candidates (no budget, a gain of 0
    allowed); without: greedy_portfolio's picks within ``budget`` (before its single fix)."""
    covered = set()
    left = budget
    pool = list(range(len(costs))) if chosen is None else [int(i) for i in np.flatnonzero(chosen)]
    picks, gains = [], []
    while pool:
        best = None
        for i in pool:
            if chosen is None and costs[i] > left + 1e-9:
                continue
            gain = float(sum(weights[g] for g in set(covers[i].tolist()) - covered))
            if chosen is None and gain <= 0:
                continue
            ratio = np.inf if costs[i] == 0 else gain / costs[i]
            if best is None or (ratio, gain, -i) > best[0]:
                best = ((ratio, gain, -i), i, gain)
        if best is None:
            break
        _, i, gain = best
        picks.append(i)
        gains.append(gain)
        covered |= set(covers[i].tolist())
        left -= costs[i]
        pool.remove(i)
    return picks, gains


@pytest.mark.parametrize("seed", range(60))
def test_lazy_greedy_and_plan_order_equal_every_round_evaluation(seed):
    """greedy_portfolio and plan_order re-evaluate lazily; their picks, in order, equal the
    greedy evaluating every candidate every round, ties included (few distinct costs and
    weights, free candidates, candidates securing nothing)."""
    rng = np.random.default_rng(5000 + seed)
    k, g = int(rng.integers(1, 60)), int(rng.integers(1, 40))
    costs = rng.choice([0.0, 1.0, 2.0, 4.0], k, p=[0.1, 0.4, 0.3, 0.2])
    weights = rng.choice([0.0, 1.0, 2.0], g)
    covers = [rng.choice(g, size=rng.integers(0, min(g, 8) + 1), replace=False) for _ in range(k)]
    budget = float(rng.integers(0, int(costs.sum()) + 2))
    chosen, value = pf.greedy_portfolio(costs, covers, weights, budget)
    picks, _ = _every_round_greedy(costs, covers, weights, budget)
    expected = np.zeros(k, bool)
    expected[picks] = True
    if value == pf.coverage_value(expected, covers, weights):
        assert chosen.tolist() == expected.tolist()
    else:  # the best single candidate did better
        assert chosen.sum() == 1 and value > pf.coverage_value(expected, covers, weights)
    some = rng.random(k) < 0.7
    order, gains = pf.plan_order(some, costs, covers, weights)
    picks, picked_gains = _every_round_greedy(costs, covers, weights, np.inf, chosen=some)
    assert order[: len(picks)].tolist() == picks
    assert gains[: len(picks)].tolist() == picked_gains


def test_relaxation_bound_stopped_at_the_time_limit_is_every_group(monkeypatch):
    """The relaxation runs within choose_portfolio's time limit; stopped there, the bound
    reported is the knapsack bound (still a bound: 2 + 10 + 9 x 9/10), not a wait of minutes."""
    import scipy.optimize

    seen = {}
    real = scipy.optimize.linprog

    def stopped(*args, **kwargs):
        seen.update(kwargs.get("options") or {})
        result = real(*args, **kwargs)
        result.status = 1  # as HiGHS says when it stops at its time limit
        return result

    monkeypatch.setattr(scipy.optimize, "linprog", stopped)
    costs = np.array([1.0, 10.0, 10.0])
    covers = [np.array([0]), np.array([1]), np.array([2])]
    weights = np.array([2.0, 10.0, 9.0])
    result = pf.choose_portfolio(costs, covers, weights, 20.0, time_limit=7.0, method="greedy")
    assert seen["time_limit"] == 7.0
    assert result.value == 12 and result.bound == pytest.approx(20.1) and not result.optimal
    assert pf.knapsack_bound(costs, covers, weights, 20.0) == pytest.approx(20.1)
    monkeypatch.setattr(scipy.optimize, "linprog", real)
    assert pf.relaxation_bound(costs, covers, weights, 20.0, 7.0) == pytest.approx(20.1)


@pytest.mark.parametrize("seed", range(30))
def test_knapsack_bound_is_above_the_best_and_the_relaxation(seed):
    rng = np.random.default_rng(500 + seed)
    costs, covers, weights, budget = _random_instance(rng, int(rng.integers(1, 11)), 12)
    costs[rng.random(costs.size) < 0.1] = 0.0  # free candidates too
    best, _ = _brute_force(costs, covers, weights, budget)
    bound = pf.knapsack_bound(costs, covers, weights, budget)
    assert bound >= best - 1e-9
    assert bound >= pf.relaxation_bound(costs, covers, weights, budget) - 1e-6
    reachable = [g for c, cost in zip(covers, costs) if cost <= budget for g in c.tolist()]
    assert bound <= weights[np.unique(np.array(reachable, dtype=np.int64))].sum() + 1e-9


def test_knapsack_bound_by_hand():
    # per euro: candidate 0 (30 for 10), then 1 (20 for 10), half of 2 (30 for 20 -> 7.5 of 5)
    costs = np.array([10.0, 10.0, 20.0, 99.0])
    covers = [np.array([0, 1]), np.array([2]), np.array([3]), np.array([4])]
    weights = np.array([10.0, 20.0, 20.0, 30.0, 1000.0])
    assert pf.knapsack_bound(costs, covers, weights, 25.0) == pytest.approx(30 + 20 + 7.5)


@pytest.mark.parametrize("seed", range(20))
def test_too_many_candidates_for_the_exact_search_take_the_greedy(monkeypatch, seed):
    def no_milp(*args, **kwargs):
        raise AssertionError("the exact search ran")

    monkeypatch.setattr(pf, "milp", no_milp)
    monkeypatch.setattr(pf, "MAX_EXACT_CANDIDATES", 3)
    rng = np.random.default_rng(900 + seed)
    costs, covers, weights, budget = _random_instance(rng, 8, 10)
    costs[:4] = 1.0  # at least four candidates within any budget of 4 or more
    budget = max(budget, 4.0)
    result = pf.choose_portfolio(costs, covers, weights, budget)
    best, _ = _brute_force(costs, covers, weights, budget)
    assert result.method == "greedy"
    assert "more than the exact search takes (3)" in result.note
    assert costs[result.chosen].sum() <= budget + 1e-9
    assert result.value <= best + 1e-9 <= result.bound + 2e-9
    assert result.gap == pytest.approx(max(0.0, (result.bound - result.value) / result.bound))


@pytest.mark.parametrize("seed", range(60))
def test_split_bound_is_above_the_best_and_the_relaxation_below_the_knapsack(seed):
    """Any split of the groups' weights gives a bound (see split_bound): never below the
    brute-force optimum nor the linear relaxation (whose dual it is a point of), never above
    the knapsack bound it starts from."""
    rng = np.random.default_rng(700 + seed)
    k = int(rng.integers(1, 13))
    costs, covers, weights, budget = _random_instance(rng, k, 8)  # few groups: much sharing
    costs[rng.random(costs.size) < 0.1] = 0.0  # free candidates too
    best, _ = _brute_force(costs, covers, weights, budget)
    bound = pf.split_bound(costs, covers, weights, budget)
    assert bound >= best - 1e-9
    assert bound >= pf.relaxation_bound(costs, covers, weights, budget) - 1e-6
    assert bound <= pf.knapsack_bound(costs, covers, weights, budget) + 1e-9


def test_split_bound_counts_a_shared_group_once():
    """Three candidates of 10 EUR each secure the same group (10) and one of their own (1);
    15 EUR buys one of them: at best 11. The knapsack bound counts the shared group in each
    (11 + 5.5, capped at the 13 reachable); split, the shared group counts once, as in the
    linear relaxation (one and a half candidates: 10 + 1.5)."""
    costs = np.array([10.0, 10.0, 10.0])
    covers = [np.array([0, 1]), np.array([0, 2]), np.array([0, 3])]
    weights = np.array([10.0, 1.0, 1.0, 1.0])
    assert pf.knapsack_bound(costs, covers, weights, 15.0) == pytest.approx(13.0)
    assert pf.relaxation_bound(costs, covers, weights, 15.0) == pytest.approx(11.5)
    assert pf.split_bound(costs, covers, weights, 15.0) == pytest.approx(11.5)
    result = pf.choose_portfolio(costs, covers, weights, 15.0, method="greedy")
    assert result.value == 11 and result.bound == pytest.approx(11.5)


def test_split_bound_of_disjoint_candidates_is_the_fractional_knapsack():
    """Candidates sharing no group: the split changes nothing, the bound is the knapsack's
    (exact for the relaxation); a group no affordable candidate secures is never counted."""
    costs = np.array([10.0, 10.0, 20.0, 99.0])
    covers = [np.array([0, 1]), np.array([2]), np.array([3]), np.array([4])]
    weights = np.array([10.0, 20.0, 20.0, 30.0, 1000.0])
    assert pf.split_bound(costs, covers, weights, 25.0) == pytest.approx(30 + 20 + 7.5)
    assert pf.relaxation_bound(costs, covers, weights, 25.0) == pytest.approx(30 + 20 + 7.5)
    assert pf.split_bound(costs, covers, weights, 5.0) == 0.0


def test_too_many_candidates_report_the_split_bound(monkeypatch):
    """Above MAX_EXACT_CANDIDATES the reported bound is the split bound, tighter than the
    knapsack's when candidates share premises (the case above, with the guard at 2)."""
    monkeypatch.setattr(pf, "MAX_EXACT_CANDIDATES", 2)
    costs = np.array([10.0, 10.0, 10.0])
    covers = [np.array([0, 1]), np.array([0, 2]), np.array([0, 3])]
    weights = np.array([10.0, 1.0, 1.0, 1.0])
    result = pf.choose_portfolio(costs, covers, weights, 15.0)
    assert result.method == "greedy" and "more than the exact search takes (2)" in result.note
    assert result.value == 11 and result.bound == pytest.approx(11.5)
    assert result.gap == pytest.approx(0.5 / 11.5)
