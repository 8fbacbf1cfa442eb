"""core.power with generators counted per depot: each leaves from its own depot.

Hand oracle (60 km of road = 1 h at 60 km/h; each road's speed sets its time): three sites
on three branches of one root, 30, 20 and 10 premises behind them, 2 h of battery, a 10 h
outage, no set-up time. Depot A holds 1 generator, depot B 2:

    hours   S0  S1  S2          premise-hours saved (premises x dark hours avoided)
    A        1   3   3          A: 240 140  70
    B        4   1   5          B: 180 160  50

Greedy: A -> S0 (240; A is then empty), B -> S1 (160), B -> S2 (50): S2 is dark from 2 h
to 5 h. A pool of 3 generators each leaving from the nearest depot would send A's to S2 too.
"""

import numpy as np
import pytest
from shapely import LineString, Point

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import build_model
from fibre_resilience.core.power import (
    RefusedValueError,
    allocate_from_depots,
    check_counts,
    power_resilience,
)
from fibre_resilience.core.roads import build_road_network, road_attributes

SITES = [Point(1000, 0), Point(-1000, 0), Point(0, 1000)]
DEPOTS = [Point(300, -5000), Point(-300, -8000)]
HOURS = [[1.0, 3.0, 3.0], [4.0, 1.0, 5.0]]


def _model():
    lines = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(1000, 0), (2000, 0)]),
        LineString([(0, 0), (-1000, 0)]),
        LineString([(-1000, 0), (-2000, 0)]),
        LineString([(0, 0), (0, 1000)]),
        LineString([(0, 1000), (0, 2000)]),
    ]
    return build_model(
        lines,
        roots=[Point(0, 0)],
        premises=[Point(2000, 0), Point(-2000, 0), Point(0, 2000)],
        premises_count=[30, 20, 10],
        sites=SITES,
    )


def _roads(hours=HOURS):
    """One straight road from each depot to each site, its speed giving the hours."""
    lines, speeds = [], []
    for d, depot in enumerate(DEPOTS):
        for s, site in enumerate(SITES):
            line = LineString([depot, site])
            lines.append(line)
            speeds.append(line.length / 1000.0 / hours[d][s])
    return build_road_network(lines, road_attributes(len(lines), speed=speeds))


def _run(counts=None, generators=0, **kwargs):
    return power_resilience(
        _model(),
        SITES,
        [0, 1, 2],
        autonomy=[2.0, 2.0, 2.0],
        outage_hours=10.0,
        generators=generators,
        roads=_roads(),
        depots=DEPOTS,
        setup_minutes=0.0,
        generator_counts=counts,
        **kwargs,
    )


def test_two_depots_with_one_and_two_generators():
    result = _run(counts=[1, 2])
    table = result.sites
    np.testing.assert_allclose(table["pw_gen_h"], [1.0, 1.0, 5.0], rtol=1e-9)
    assert table["depot"].tolist() == [0, 1, 1]
    np.testing.assert_allclose(table["pw_dark_h"], [0.0, 0.0, 3.0], atol=1e-9)
    assert result.totals["generators_used"] == 3
    assert result.totals["premise_hours"] == pytest.approx(10 * 3.0)


def test_the_pool_would_send_the_nearest_depot_instead():
    """The same three generators as one pool: S2 gets A's at 3 h (the counts matter)."""
    result = _run(generators=3)
    assert result.sites["depot"].tolist() == [0, 1, 0]
    np.testing.assert_allclose(result.sites["pw_dark_h"], [0.0, 0.0, 1.0], atol=1e-9)


def test_counts_replace_generators_and_an_empty_depot_sends_none():
    result = _run(counts=[0, 2], generators=5)  # GENERATORS is ignored when counts are given
    table = result.sites
    # B's two go where they save most: S0 (30 x 6 = 180), then S1 (20 x 8 = 160).
    assert table["depot"].tolist() == [1, 1, -1]
    np.testing.assert_allclose(table["pw_gen_h"], [4.0, 1.0, np.nan], rtol=1e-9)
    np.testing.assert_allclose(table["pw_dark_h"], [2.0, 0.0, 8.0], atol=1e-9)
    assert result.totals["generators_used"] == 2
    none = _run(counts=[0, 0], generators=5)
    assert none.totals["generators_used"] == 0 and none.travel is None
    np.testing.assert_allclose(none.sites["pw_dark_h"], [8.0, 8.0, 8.0])


def test_a_flooded_depot_with_generators_sends_none():
    from shapely import box

    result = _run(counts=[1, 2], road_options={"blocked": [box(250, -5050, 350, -4950)]})
    assert result.travel.depot_flooded.tolist() == [True, False]
    # B alone: S0 (180) then S1 (160).
    assert result.sites["depot"].tolist() == [1, 1, -1]


def test_allocation_ties_go_to_the_earlier_arrival_then_the_first_depot():
    # One site, two depots that both keep it lit: the earlier arrival sends.
    depot, when = allocate_from_depots([4.0], [6.0], [[3.0], [2.0]], [1, 1], [5], [0])
    assert depot.tolist() == [1] and when.tolist() == [2.0]
    depot, when = allocate_from_depots([4.0], [6.0], [[2.0], [2.0]], [1, 1], [5], [0])
    assert depot.tolist() == [0]
    # A generator that would avoid no dark hour is not sent.
    depot, _ = allocate_from_depots([4.0], [3.0], [[1.0]], [1], [5], [0])
    assert depot.tolist() == [-1]


def test_allocation_matches_a_brute_force_greedy():
    """Random cases against a plain loop: each generator in turn to the best open pair."""
    rng = np.random.default_rng(7)
    for _ in range(200):
        n, m = int(rng.integers(1, 7)), int(rng.integers(1, 4))
        autonomy = rng.choice([0.0, 1.0, 2.0, 4.0], n)
        outage = rng.choice([0.0, 3.0, 6.0, 12.0], n)
        arrival = np.round(rng.uniform(0, 10, (m, n)), 0)
        arrival[rng.random((m, n)) < 0.2] = np.nan
        stock = rng.integers(0, 3, m)
        prem = rng.integers(0, 4, n).astype(float)
        sens = rng.integers(0, 2, n).astype(float)
        depot, when = allocate_from_depots(autonomy, outage, arrival, stock, prem, sens)
        expect = _brute(autonomy, outage, arrival, stock, prem, sens)
        assert depot.tolist() == expect


def _brute(autonomy, outage, arrival, stock, prem, sens):
    n = len(outage)
    left = list(stock)
    out = [-1] * n
    while True:
        best = None
        for s in range(n):
            if out[s] >= 0:
                continue
            for d in range(len(left)):
                a = arrival[d][s]
                if left[d] <= 0 or not np.isfinite(a):
                    continue
                before = max(outage[s] - autonomy[s], 0.0)
                after = max(min(outage[s], a) - autonomy[s], 0.0)
                saved = before - after
                if saved <= 1e-12:
                    continue
                key = (prem[s] * saved, sens[s], saved, -s, -a, -d)
                if best is None or key > best[0]:
                    best = (key, s, d)
        if best is None:
            return out
        out[best[1]] = best[2]
        left[best[2]] -= 1


@pytest.mark.parametrize(
    "values, kind",
    [
        ([1, None], "null"),
        ([1, float("nan")], "null"),
        ([1, -1], "negative"),
        ([1, 1.5], "fraction"),
        ([1, "two"], "text"),
        ([1, float("inf")], "text"),
    ],
)
def test_bad_counts_are_refused_naming_the_feature(values, kind):
    with pytest.raises(RefusedValueError) as error:
        check_counts(values, "count", [10, 11])
    assert error.value.kind == kind and error.value.fid == 11


def test_good_counts_and_one_count_per_depot():
    assert check_counts([0, 2, 3.0, "4"], "count", [1, 2, 3, 4]).tolist() == [0, 2, 3, 4]
    with pytest.raises(InputError, match="one generator count per"):
        _run(counts=[1])
