"""The portfolio: which candidate actions to fund within a budget (budgeted maximum coverage).

Each candidate costs something and secures a set of premises *groups* (premises that every
candidate secures together or not at all, so the problem stays as small as the candidates
make it); a group counts once however many chosen candidates secure it. Exact with
``scipy.optimize.milp`` (HiGHS); a greedy fallback (best premises per euro, then the best
single candidate if it does better: the classic fix that bounds the loss) when milp is
missing, stops at its time limit or the problem is too large for it, with the gap reported
to the least of the bounds at hand: the linear relaxation's (when HiGHS can solve it), the
split bound and the knapsack bound (no solver).
"""

import heapq
from dataclasses import dataclass
from typing import Optional, Sequence, Union

import numpy as np
import scipy.sparse as sp

try:  # scipy >= 1.9
    from scipy.optimize import Bounds, LinearConstraint, milp
except ImportError:  # pragma: no cover - depends on the installed scipy
    milp = None

from .errors import InputError

# Above this many candidates within the budget the exact search is not tried: HiGHS (scipy
# 1.10) does not stop at its time limit on such problems (measured with mitigationplan: 29,090
# burials at scale 20, milp proves its answer in 10 s of CPU; 274,652 candidates at scale 200,
# HiGHS was still running after 10 min with a 60 s limit). The greedy answers, its gap to a
# bound reported (split_bound: 1.0% at a 1% budget on the regional set, where the knapsack
# bound alone gave 23.1%).
MAX_EXACT_CANDIDATES = 100_000


@dataclass
class Portfolio:
    """The chosen candidates and how good the choice is known to be."""

    chosen: np.ndarray  # bool per candidate
    value: float  # weight of the groups secured (each once)
    cost: float
    bound: float  # an upper bound of the best value (== value when proven optimal)
    method: str  # "milp" or "greedy"
    optimal: bool
    note: str = ""  # why the fallback ran, empty otherwise

    @property
    def gap(self) -> float:
        """Relative distance to the bound (0 when optimal)."""
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.value) / self.bound)


def _check(costs, covers, weights, budget):
    costs = np.asarray(costs, dtype=float)
    weights = np.asarray(weights, dtype=float)
    if len(covers) != costs.size:
        raise InputError("One set of groups per candidate is needed.")
    if not np.all(np.isfinite(costs)) or (costs < 0).any():
        raise InputError("Candidate costs must be finite and not negative.")
    if not np.all(np.isfinite(weights)) or (weights < 0).any():
        raise InputError("Group weights must be finite and not negative.")
    if budget is None or not np.isfinite(budget) or budget < 0:
        raise InputError("The budget must be a finite amount, not negative.")
    covers = [np.unique(np.asarray(c, dtype=np.int64)) for c in covers]
    for c in covers:
        if c.size and (c.min() < 0 or c.max() >= weights.size):
            raise InputError("A candidate secures a group that does not exist.")
    return costs, covers, weights


def coverage_value(chosen, covers, weights) -> float:
    """Weight of the groups secured by the chosen candidates, each group once."""
    picked = [covers[i] for i in np.flatnonzero(chosen)]
    if not picked:
        return 0.0
    return float(weights[np.unique(np.concatenate(picked))].sum())


def _matrix(covers, n_groups):
    """Sparse (groups x candidates) incidence matrix."""
    rows = np.concatenate([c for c in covers]) if covers else np.zeros(0, np.int64)
    cols = np.repeat(np.arange(len(covers)), [c.size for c in covers])
    return sp.csr_matrix(
        (np.ones(rows.size), (rows, cols)), shape=(n_groups, len(covers)), dtype=float
    )


def _program(costs, covers, weights, budget):
    """max w.y  s.t.  y_g <= sum x_k (k covers g), cost.x <= budget; x in {0,1}, y in [0,1]."""
    k, g = costs.size, weights.size
    incidence = _matrix(covers, g)
    cover_rows = sp.hstack([-incidence, sp.identity(g, format="csr")], format="csr")
    budget_row = sp.csr_matrix(np.concatenate([costs, np.zeros(g)])[None, :])
    c = np.concatenate([np.zeros(k), -weights])
    # Unaffordable candidates are fixed at 0: HiGHS does not have to find it out.
    upper = np.concatenate([(costs <= budget).astype(float), np.ones(g)])
    return c, cover_rows, budget_row, upper


def relaxation_bound(costs, covers, weights, budget, time_limit=None) -> float:
    """The linear relaxation's optimum: no portfolio within the budget secures more. When
    HiGHS stops at ``time_limit`` (s) first, the weight of every group (a bound too, a
    loose one): at scale 200 (270,000 burials) the relaxation alone took 7 min of CPU."""
    from scipy.optimize import linprog

    costs, covers, weights = _check(costs, covers, weights, budget)
    if costs.size == 0:
        return 0.0
    c, cover_rows, budget_row, upper = _program(costs, covers, weights, budget)
    a_ub = sp.vstack([cover_rows, budget_row], format="csr")
    b_ub = np.concatenate([np.zeros(weights.size), [budget]])
    options = {} if time_limit is None else {"time_limit": float(time_limit)}
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=b_ub,
        bounds=np.column_stack([np.zeros(c.size), upper]),
        method="highs",
        options=options,
    )
    if res.status != 0:
        return float(weights.sum())
    return float(-res.fun)


def _fractional_knapsack(values, costs, budget):
    """The best of ``values`` within ``budget``, items taken in part: (value, share taken of
    each item). Free items and the best per euro first; items worth nothing are left out."""
    share = np.zeros(values.size)
    useful = values > 0
    free = useful & (costs <= 0)
    share[free] = 1.0
    total = float(values[free].sum())
    paid = np.flatnonzero(useful & ~free)
    if paid.size == 0:
        return total, share
    order = paid[np.argsort(-values[paid] / costs[paid], kind="stable")]
    spent = np.cumsum(costs[order])
    full = spent <= budget
    share[order[full]] = 1.0
    total += float(values[order[full]].sum())
    if not full.all():
        first = int(np.argmin(full))
        left = budget - (spent[first - 1] if first else 0.0)
        item = order[first]
        share[item] = left / costs[item]
        total += float(values[item] * share[item])
    return total, share


def knapsack_bound(costs, covers, weights, budget) -> float:
    """A bound found without a solver: each affordable candidate counted for the whole weight
    of its groups (as if no two shared one), the best of them per euro filled in up to the
    budget, the last one in part (the fractional knapsack), and never more than the weight of
    every group an affordable candidate secures. Never below :func:`relaxation_bound` (the
    relaxation is this knapsack with the shared groups counted once)."""
    costs, covers, weights = _check(costs, covers, weights, budget)
    affordable = np.flatnonzero(costs <= budget)
    if affordable.size == 0:
        return 0.0
    own = np.array([weights[covers[i]].sum() for i in affordable.tolist()])
    reachable = np.unique(np.concatenate([covers[i] for i in affordable.tolist()]))
    total, _ = _fractional_knapsack(own, costs[affordable], float(budget))
    return min(total, float(weights[reachable].sum()))


def split_bound(costs, covers, weights, budget, rounds=60) -> float:
    """A bound found without a solver, never above :func:`knapsack_bound`: each group's weight
    split into a part ``p`` charged to every candidate that secures it and the rest ``w - p``
    counted once whatever is chosen. For any split and any portfolio S within the budget,

        value(S) = sum of w over the groups S secures
                 <= sum(w - p) + sum over the candidates k in S of (sum of p over k's groups)
                 <= sum(w - p) + the fractional knapsack of those charges within the budget,

    so every split gives a bound (the knapsack bound is the split p = w, a group counted in
    full by every candidate securing it). Starting there, a few rounds of projected
    subgradient steps lower ``p`` on the groups the knapsack takes more than once and raise
    it on those it leaves out; the least bound seen is returned. A group only one affordable
    candidate secures keeps p = w (its weight is that candidate's alone)."""
    costs, covers, weights = _check(costs, covers, weights, budget)
    affordable = np.flatnonzero(costs <= budget)
    if affordable.size == 0:
        return 0.0
    incidence = _matrix([covers[i] for i in affordable.tolist()], weights.size).tocsr()
    cost = costs[affordable]
    reached = np.asarray(incidence.sum(axis=1)).ravel() > 0
    w = np.where(reached, weights, 0.0)  # a group no affordable candidate secures: never won
    charge = w.copy()
    transposed = incidence.T.tocsr()
    best = np.inf
    step, stalled = 0.5, 0
    for _ in range(max(1, int(rounds))):
        value, share = _fractional_knapsack(transposed @ charge, cost, float(budget))
        bound = float((w - charge).sum()) + value
        if best - bound > 1e-12 * max(1.0, abs(bound)):
            best, stalled = bound, 0
        else:
            stalled += 1
            if stalled >= 3:
                step, stalled = step / 2, 0
        # Subgradient of the bound in p: (how many times the knapsack takes the group) - 1.
        taken = incidence @ share
        charge = np.clip(charge - step * w * (taken - 1.0), 0.0, w)
    return min(best, float(w.sum()))


def _gain(cover, covered, weights) -> float:
    """The weight ``cover`` adds to the ``covered`` groups."""
    return float(weights[cover[~covered[cover]]].sum()) if cover.size else 0.0


def _key(gain, cost, i):
    """A candidate's rank as a heap entry: the most weight per euro (free ones first), then
    the most weight, then the lowest index, smallest first."""
    ratio = np.inf if cost == 0 else gain / cost
    return (-ratio, -gain, i)


def greedy_portfolio(costs, covers, weights, budget):
    """Best newly secured weight per euro while the budget lasts, or the best single
    affordable candidate when it secures more (bounds the greedy's loss).

    Lazy: a candidate's weight per euro only falls as others are chosen (coverage), so each
    round re-evaluates the candidates from the best of their last known keys down, until
    one's fresh key beats every other's last known one: the same choice, ties included, as
    evaluating every candidate each round (the first, most weight, lowest index), without
    the candidates x rounds evaluations (minutes for 30,000 burials)."""
    costs, covers, weights = _check(costs, covers, weights, budget)
    k = costs.size
    chosen = np.zeros(k, dtype=bool)
    covered = np.zeros(weights.size, dtype=bool)
    left = float(budget)
    affordable = costs <= budget
    heap = []
    for i in np.flatnonzero(affordable).tolist():
        gain = _gain(covers[i], covered, weights)
        if gain > 0:
            heap.append(_key(gain, costs[i], i))
    heapq.heapify(heap)
    while heap:
        i = heapq.heappop(heap)[2]
        if costs[i] > left + 1e-9:
            continue  # the budget left only shrinks: never affordable again
        gain = _gain(covers[i], covered, weights)
        if gain <= 0:
            continue  # gains only shrink
        fresh = _key(gain, costs[i], i)
        if heap and heap[0] < fresh:
            heapq.heappush(heap, fresh)  # another may now be better: look again
            continue
        chosen[i] = True
        covered[covers[i]] = True
        left -= costs[i]
    value = coverage_value(chosen, covers, weights)
    singles = [
        (float(weights[covers[i]].sum()), -costs[i], i) for i in np.flatnonzero(affordable).tolist()
    ]
    if singles:
        single_value, _, single = max(singles)
        if single_value > value:
            chosen = np.zeros(k, dtype=bool)
            chosen[single] = True
            value = single_value
    return chosen, value


def choose_portfolio(
    costs: Union[np.ndarray, Sequence[float]],
    covers: Sequence[Sequence[int]],
    weights: Union[np.ndarray, Sequence[float]],
    budget: float,
    time_limit: Optional[float] = 60.0,
    method: str = "auto",
) -> Portfolio:
    """The candidates within ``budget`` that secure the most group weight, each group once.

    ``method``: "auto" (milp, greedy if milp is missing or stops before proving its
    answer), "milp" or "greedy". Ties are broken toward the cheaper portfolio.
    """
    costs, covers, weights = _check(costs, covers, weights, budget)
    k = len(costs)
    if k == 0:
        return Portfolio(np.zeros(0, dtype=bool), 0.0, 0.0, 0.0, "milp", True)
    note = ""
    incumbent = None
    affordable = int(np.count_nonzero(np.asarray(costs, dtype=float) <= budget))
    if method in ("auto", "milp") and milp is None:
        note = "scipy.optimize.milp is not available (scipy older than 1.9)"
    elif method == "auto" and affordable > MAX_EXACT_CANDIDATES:
        note = (
            f"{affordable} candidates within the budget, more than the exact search takes "
            f"({MAX_EXACT_CANDIDATES})"
        )
    elif method in ("auto", "milp"):
        c, cover_rows, budget_row, upper = _program(costs, covers, weights, budget)
        options = {"presolve": True, "mip_rel_gap": 0.0}
        if time_limit is not None:
            options["time_limit"] = float(time_limit)
        integrality = np.concatenate([np.ones(k), np.zeros(len(weights))])
        constraints = [
            LinearConstraint(cover_rows, -np.inf, 0.0),
            LinearConstraint(budget_row, -np.inf, float(budget)),
        ]
        bounds = Bounds(np.zeros(c.size), upper)
        res = milp(
            c, constraints=constraints, integrality=integrality, bounds=bounds, options=options
        )
        if res.status == 0 and res.x is not None:
            chosen = np.round(res.x[:k]).astype(bool)
            value = coverage_value(chosen, covers, weights)
            # Second pass: the cheapest portfolio securing that much.
            value_row = sp.csr_matrix(np.concatenate([np.zeros(k), weights])[None, :])
            floor = value - 1e-9 * max(1.0, value)
            cheap = milp(
                np.concatenate([costs, np.zeros(len(weights))]),
                constraints=constraints + [LinearConstraint(value_row, floor, np.inf)],
                integrality=integrality,
                bounds=bounds,
                options=options,
            )
            if cheap.status == 0 and cheap.x is not None:
                cheaper = np.round(cheap.x[:k]).astype(bool)
                if coverage_value(cheaper, covers, weights) >= floor:
                    chosen = cheaper
            value = coverage_value(chosen, covers, weights)
            return Portfolio(chosen, value, float(costs[chosen].sum()), value, "milp", True)
        note = f"milp stopped before proving its answer ({res.message})"
        if res.x is not None:
            # Keep milp's best answer if it beats the greedy's.
            incumbent = np.round(res.x[:k]).astype(bool)
    chosen, value = greedy_portfolio(costs, covers, weights, budget)
    method_used = "greedy"
    if incumbent is not None:
        inc_value = coverage_value(incumbent, covers, weights)
        if inc_value > value and costs[incumbent].sum() <= budget + 1e-9:
            chosen, value, method_used = incumbent, inc_value, "milp (time limit)"
    # The solver-free bounds: the split bound is never above the knapsack's (its first
    # round is the knapsack bound), both stay valid however the relaxation ends.
    bound = min(
        knapsack_bound(costs, covers, weights, budget),
        split_bound(costs, covers, weights, budget),
    )
    if affordable <= MAX_EXACT_CANDIDATES:  # HiGHS would not stop at its time limit above
        bound = min(bound, relaxation_bound(costs, covers, weights, budget, time_limit))
    bound = max(value, bound)
    return Portfolio(
        chosen, value, float(costs[chosen].sum()), bound, method_used, bound <= value, note
    )


def premises_groups(node_sets, node_weights, seed=20240611):
    """Aggregate premises nodes into groups secured by exactly the same candidates.

    ``node_sets``: per candidate, the nodes (indices into ``node_weights``) it secures.
    Returns (covers, group weights): per candidate its group ids, and each group's weight;
    nodes of weight 0 are dropped. Nodes are keyed by two random 64-bit hashes of the set
    of candidates covering them (a false merge has a chance of about 2^-128).
    """
    weights = np.asarray(node_weights, dtype=float)
    sizes = [len(s) for s in node_sets]
    if sum(sizes) == 0:
        return [np.zeros(0, np.int64) for _ in node_sets], np.zeros(0)
    nodes = np.concatenate([np.asarray(s, dtype=np.int64) for s in node_sets])
    cand = np.repeat(np.arange(len(node_sets)), sizes)
    pairs = np.unique(nodes * len(node_sets) + cand)
    nodes, cand = pairs // len(node_sets), pairs % len(node_sets)
    keep = weights[nodes] > 0
    nodes, cand = nodes[keep], cand[keep]
    rng = np.random.default_rng(seed)
    top = np.iinfo(np.uint64).max
    h1 = rng.integers(1, top, len(node_sets), dtype=np.uint64)
    h2 = rng.integers(1, top, len(node_sets), dtype=np.uint64)
    uniq, first = np.unique(nodes, return_index=True)
    stops = np.r_[first[1:], nodes.size]
    key1 = np.bitwise_xor.reduceat(h1[cand], first) if nodes.size else np.zeros(0, np.uint64)
    with np.errstate(over="ignore"):
        key2 = np.add.reduceat(h2[cand], first) if nodes.size else np.zeros(0, np.uint64)
    del stops
    keys = np.stack([key1, key2], axis=1)
    _, group_of_node = np.unique(keys, axis=0, return_inverse=True)
    group_of_node = np.asarray(group_of_node).reshape(-1)
    group_w = np.bincount(group_of_node, weights=weights[uniq])
    node_group = np.full(weights.size, -1, np.int64)
    node_group[uniq] = group_of_node
    covers = [np.zeros(0, np.int64) for _ in node_sets]
    order = np.argsort(cand, kind="stable")
    c_sorted, g_sorted = cand[order], node_group[nodes[order]]
    bounds = np.searchsorted(c_sorted, np.arange(len(node_sets) + 1))
    for i in range(len(node_sets)):
        covers[i] = np.unique(g_sorted[bounds[i] : bounds[i + 1]])
    return covers, group_w


def plan_order(chosen, costs, covers, weights):
    """Rank: the chosen candidates first, each time the one adding the most newly secured
    weight per euro (the board's curve), then the others by their own weight per euro.

    Returns (order of candidate indices, marginal weight each adds in that order; 0 for
    those not chosen).
    """
    costs = np.asarray(costs, dtype=float)
    weights = np.asarray(weights, dtype=float)
    chosen = np.asarray(chosen, dtype=bool)
    covered = np.zeros(weights.size, dtype=bool)
    order, gains = [], []
    # Lazy, as in greedy_portfolio: the same order as evaluating every chosen candidate
    # each round.
    heap = [
        _key(_gain(covers[i], covered, weights), costs[i], i)
        for i in np.flatnonzero(chosen).tolist()
    ]
    heapq.heapify(heap)
    while heap:
        i = heapq.heappop(heap)[2]
        gain = _gain(covers[i], covered, weights)
        fresh = _key(gain, costs[i], i)
        if heap and heap[0] < fresh:
            heapq.heappush(heap, fresh)
            continue
        order.append(i)
        gains.append(gain)
        covered[covers[i]] = True
    rest = np.flatnonzero(~chosen)
    own = np.array([float(weights[covers[i]].sum()) for i in rest.tolist()])
    ratio = np.where(costs[rest] > 0, own / np.where(costs[rest] > 0, costs[rest], 1), np.inf)
    rest = rest[np.lexsort((rest, -own, -ratio))] if rest.size else rest
    order += rest.tolist()
    gains += [0.0] * rest.size
    return np.asarray(order, dtype=np.int64), np.asarray(gains, dtype=float)
