"""core.power: hand-computed cases of the issue, and networkx brute force on random networks."""

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely import LineString, Point, box

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import build_model
from fibre_resilience.core.power import (
    allocate_generators,
    check_hours,
    dark_hours,
    generator_flags,
    power_resilience,
    premise_hours,
    site_dependants,
    site_outages,
)
from fibre_resilience.core.roads import build_road_network, road_attributes


def _roads(lines, speed=60.0):
    att = road_attributes(len(lines), speed=[speed] * len(lines))
    return build_road_network(lines, att)


def _chain(sites, premises, counts):
    """A straight network along y = 0: root at x = 0, nodes every 1 km up to 10 km."""
    lines = [LineString([(i * 1000, 0), ((i + 1) * 1000, 0)]) for i in range(10)]
    return build_model(
        lines,
        roots=[Point(0, 0)],
        premises=[Point(x, 0) for x in premises],
        premises_count=counts,
        sites=[Point(x, 0) for x in sites],
    )


def _run(model, site_x, **kwargs):
    sites = [Point(x, 0) for x in site_x]
    kwargs.setdefault("autonomy", [4.0] * len(sites))
    return power_resilience(model, sites, list(range(len(sites))), **kwargs)


# --- the oracles -----------------------------------------------------------------


def test_one_site_four_hours_autonomy_six_hours_outage_no_generator():
    model = _chain([1000], [2000, 3000], [3, 4])
    result = _run(model, [1000], outage_hours=6.0)
    row = result.sites.iloc[0]
    assert row.pw_outage_h == 6.0
    assert row.pw_autonomy_h == 4.0
    assert np.isnan(row.pw_gen_h)
    assert row.pw_dark_h == pytest.approx(2.0)
    assert row.pw_prem == 7
    assert row.pw_prem_h == pytest.approx(2 * 7)
    assert result.totals["premise_hours"] == pytest.approx(2 * 7)
    assert result.totals["sites_dark"] == 1


def _road_to(x_site, km, depot_x=None):
    """A road from a depot ``km`` km south of the site up to it (60 km/h: 1 min per km)."""
    depot_x = x_site if depot_x is None else depot_x
    return LineString([(depot_x, -km * 1000), (x_site, 0)])


def test_a_generator_arriving_at_three_hours_keeps_the_site_lit():
    model = _chain([1000], [2000], [5])
    roads = _roads([_road_to(1000, 150)])  # 150 min of road + 30 min set-up = 3 h
    result = _run(
        model,
        [1000],
        outage_hours=6.0,
        generators=1,
        roads=roads,
        depots=[Point(1000, -150000)],
        setup_minutes=30,
    )
    row = result.sites.iloc[0]
    assert row.pw_gen_h == pytest.approx(3.0)
    assert row.pw_dark_h == 0.0
    assert row.pw_prem_h == 0.0
    assert result.totals["premise_hours"] == 0.0
    assert result.totals["generators_used"] == 1
    assert result.totals["sites_dark"] == 0


def test_a_generator_arriving_after_the_autonomy_shortens_the_dark():
    model = _chain([1000], [2000], [5])
    roads = _roads([_road_to(1000, 300)])  # 5 h + 0 set-up
    result = _run(
        model, [1000], outage_hours=8.0, generators=1, roads=roads, depots=[Point(1000, -3e5)]
    )
    row = result.sites.iloc[0]
    assert row.pw_gen_h == pytest.approx(5.0)
    assert row.pw_dark_h == pytest.approx(1.0)  # dark from 4 h to 5 h
    assert result.totals["premise_hours"] == pytest.approx(5.0)


def _two_branches(prem_a, prem_b):
    """Root at the origin, site A on the east branch, site B on the west branch."""
    lines = [
        LineString([(0, 0), (1000, 0)]),
        LineString([(1000, 0), (2000, 0)]),
        LineString([(0, 0), (-1000, 0)]),
        LineString([(-1000, 0), (-2000, 0)]),
    ]
    return build_model(
        lines,
        roots=[Point(0, 0)],
        premises=[Point(2000, 0), Point(-2000, 0)],
        premises_count=[prem_a, prem_b],
        sites=[Point(1000, 0), Point(-1000, 0)],
    )


@pytest.mark.parametrize("prem_a, prem_b", [(10, 3), (3, 10)])
def test_two_sites_one_generator_goes_to_more_premises(prem_a, prem_b):
    model = _two_branches(prem_a, prem_b)
    # One depot at the same travel time from both sites (60 min), the first site listed
    # first: only the premises can decide.
    roads = _roads(
        [LineString([(0, -60000), (1000, 0)]), LineString([(0, -60000), (-1000, 0)])], 60.0
    )
    depot = Point(0, -60000)
    sites = [Point(1000, 0), Point(-1000, 0)]
    result = power_resilience(
        model,
        sites,
        [0, 1],
        autonomy=[2.0, 2.0],
        outage_hours=10.0,
        generators=1,
        roads=roads,
        depots=[depot],
    )
    served = result.sites["pw_gen_h"].notna().to_numpy()
    more = 0 if prem_a > prem_b else 1
    assert served.tolist() == [i == more for i in range(2)]
    dark = result.sites["pw_dark_h"].to_numpy()
    assert dark[1 - more] == pytest.approx(8.0)
    assert dark[more] == 0.0  # the road is about 60 km: about 1 h, within the 2 h autonomy
    # Délestage: the site with more premises first.
    assert result.priority["site"].tolist()[0] == more


def test_a_site_reached_only_through_a_flooded_road_waits_for_the_outage_end():
    model = _chain([1000], [2000], [5])
    roads = _roads([_road_to(1000, 60)])
    flood = box(900, -31000, 1100, -29000)  # across the only road, halfway
    result = _run(
        model,
        [1000],
        outage_hours=6.0,
        generators=1,
        roads=roads,
        depots=[Point(1000, -60000)],
        road_options={"blocked": [flood]},
    )
    row = result.sites.iloc[0]
    assert np.isnan(row.pw_gen_h)
    assert row.pw_dark_h == pytest.approx(2.0)
    assert result.totals["sites_unreached"] == 1
    assert not result.travel.depot_flooded[0]
    # Without the flood the generator comes at 1 h: the site stays lit.
    dry = _run(
        model, [1000], outage_hours=6.0, generators=1, roads=roads, depots=[Point(1000, -60000)]
    )
    assert dry.sites.iloc[0].pw_dark_h == 0.0


def test_a_flooded_depot_is_not_used():
    model = _chain([1000], [2000], [5])
    near = Point(1000, -60000)  # 1 h away, in the water
    far = Point(1000, -240000)  # 4 h away, dry
    roads = _roads([LineString([(1000, -240000), (1000, 0)])])
    flood = box(500, -61000, 1500, -59000)  # the near depot and the road around it
    result = _run(
        model,
        [1000],
        outage_hours=10.0,
        generators=1,
        roads=roads,
        depots=[near, far],
        road_options={"blocked": [flood], "keep_bridges": True},
    )
    assert result.travel.depot_flooded.tolist() == [True, False]
    # The far depot's road crosses the flood too: no generator, the site waits.
    assert np.isnan(result.sites.iloc[0].pw_gen_h)
    # A flood that covers the near depot's point only (its road stays dry near it).
    pond = box(1100, -60100, 1300, -59900)
    result = _run(
        model,
        [1000],
        outage_hours=10.0,
        generators=1,
        roads=roads,
        depots=[Point(1200, -60000), far],
        road_options={"blocked": [pond]},
    )
    assert result.travel.depot_flooded.tolist() == [True, False]
    assert result.sites.iloc[0].pw_gen_h == pytest.approx(4.0)
    assert result.sites.iloc[0].depot == 1


def test_a_depot_whose_road_is_under_water_is_flooded():
    """The depot's point is dry, 300 m from the road, but the road is flooded where it joins."""
    model = _chain([1000], [2000], [5])
    roads = _roads([LineString([(1000, -240000), (1000, 0)])])
    result = _run(
        model,
        [1000],
        outage_hours=10.0,
        generators=1,
        roads=roads,
        depots=[Point(1300, -60000), Point(1000, -30000)],
        road_options={"blocked": [box(900, -60500, 1100, -59500)]},
    )
    assert result.travel.depot_flooded.tolist() == [True, False]
    assert result.sites.iloc[0].pw_gen_h == pytest.approx(0.5)


def test_every_depot_flooded_sends_no_generator():
    model = _chain([1000], [2000], [5])
    roads = _roads([_road_to(1000, 60)])
    result = _run(
        model,
        [1000],
        outage_hours=6.0,
        generators=2,
        roads=roads,
        depots=[Point(1000, -60000)],
        road_options={"blocked": [box(0, -70000, 2000, -50000)]},
    )
    assert result.travel.depot_flooded.tolist() == [True]
    assert result.totals["generators_used"] == 0
    assert result.sites.iloc[0].pw_dark_h == pytest.approx(2.0)


# --- autonomy, fixed generators, outages -----------------------------------------------------


def test_fixed_generator_adds_its_fuel_hours():
    model = _chain([1000, 5000], [2000, 6000], [1, 1])
    result = _run(
        model,
        [1000, 5000],
        autonomy=[2.0, 2.0],
        fixed_generator=[1, 0],
        fuel_hours=3.0,
        outage_hours=8.0,
    )
    assert result.sites["pw_autonomy_h"].tolist() == [5.0, 2.0]
    assert result.sites["pw_dark_h"].tolist() == [3.0, 6.0]


def test_null_autonomy_takes_the_default_and_is_marked():
    model = _chain([1000, 5000], [2000], [1])
    result = _run(model, [1000, 5000], autonomy=[None, 3.0], default_autonomy=1.5, outage_hours=4)
    assert result.sites["pw_autonomy_h"].tolist() == [1.5, 3.0]
    assert result.autonomy_defaulted.tolist() == [True, False]


@pytest.mark.parametrize(
    "values, default, words",
    [
        ([1.0, -2.0], None, ["feature 11", "negative"]),
        ([1.0, None], None, ["feature 11", "NULL"]),
        ([float("inf"), 1.0], None, ["feature 10", "not a number"]),
        (["abc", 1.0], 2.0, ["feature 10", "not a number"]),
    ],
)
def test_bad_hours_are_refused_naming_the_feature(values, default, words):
    with pytest.raises(InputError) as error:
        check_hours(values, 'field "autonomy"', [10, 11], default)
    for word in words:
        assert word in str(error.value)
    assert 'field "autonomy"' in str(error.value)


def test_generator_flags():
    flags = generator_flags([1, 0, None, "oui", "no", True, 2.0], "g", range(7))
    assert flags.tolist() == [True, False, False, True, False, True, True]
    with pytest.raises(InputError, match="feature 1"):
        generator_flags([1, "maybe"], "g", [0, 1])


def test_overlapping_zones_longest_wins_and_substations_darken_their_sites():
    sites = [Point(0, 0), Point(50, 0), Point(500, 0), Point(900, 0)]
    zones = [box(-10, -10, 100, 10), box(40, -10, 60, 10), box(800, -10, 1000, 10)]
    out = site_outages(
        sites,
        zones,
        [3.0, 12.0, 2.0],
        default_hours=1.0,  # not used with zones
        substations=[Point(45, 5), Point(10000, 0)],
        substation_ids=["P1", "P2"],
        feeders=[None, "P2", "P1", "P9"],
    )
    # Site 0: zone 3 h; site 1: zones 3 and 12 h -> 12; site 2: outside, fed by P1 (12 h);
    # site 3: zone 2 h, names an unknown feeder.
    assert out.hours.tolist() == [3.0, 12.0, 12.0, 2.0]
    assert out.substation_hours.tolist() == [12.0, 0.0]
    assert out.unknown_feeder.tolist() == [False, False, False, True]
    assert out.substation.tolist() == [-1, 1, 0, -1]
    # Without zones, one duration everywhere: substations change nothing.
    out = site_outages(sites, None, None, 5.0, [Point(45, 5)], ["P1"], ["P1"] * 4)
    assert out.hours.tolist() == [5.0] * 4


def test_no_outage_given_is_refused():
    model = _chain([1000], [2000], [1])
    with pytest.raises(InputError, match="outage"):
        _run(model, [1000])


def test_mobile_generators_need_roads_and_depots():
    model = _chain([1000], [2000], [1])
    with pytest.raises(InputError, match="roads"):
        _run(model, [1000], outage_hours=5, generators=1)


def test_dark_hours_formula():
    assert dark_hours([4, 4, 4, 8], [6, 6, 6, 6], [np.nan, 3, 5, 1]).tolist() == [2, 0, 1, 0]


def test_allocation_saves_the_most_premise_hours_then_sensitive_then_hours():
    autonomy = [1.0, 1.0, 1.0, 1.0, 9.0]
    outage = [5.0, 5.0, 3.0, 5.0, 5.0]
    arrival = [1.0, 1.0, 1.0, np.nan, 1.0]
    premises = [10.0, 10.0, 20.0, 100.0, 100.0]
    sensitive = [0.0, 1.0, 0.0, 0.0, 0.0]
    # Saved premise-hours: 40, 40, 40, unreachable, nothing to save (never dark).
    # Ties at 40: the one with a sensitive site first, then more hours saved (4 > 2).
    order = []
    for count in range(1, 5):
        chosen = allocate_generators(autonomy, outage, arrival, premises, sensitive, count)
        order.append(np.flatnonzero(chosen).tolist())
    assert order == [[1], [0, 1], [0, 1, 2], [0, 1, 2]]


# --- random networks against networkx ----------------------------------------------------


def _random_model(seed):
    rng = np.random.default_rng(seed)
    n = 28
    u, v = [], []
    for node in range(1, n):
        u.append(int(rng.integers(max(0, node - 4), node)))
        v.append(node)
    for _ in range(int(rng.integers(0, 6))):
        a, b = rng.integers(0, n, 2)
        u.append(int(a))
        v.append(int(b))
    u, v = np.array(u), np.array(v)
    roots = rng.choice(n, size=int(rng.integers(1, 3)), replace=False)
    prem_nodes = rng.integers(0, n, 40)
    prem_counts = rng.integers(0, 4, 40)
    site_nodes = rng.choice(n, size=6, replace=False)
    xy = rng.random((n, 2)) * 1000
    model = build_model(
        shapely.linestrings(np.stack([xy[u], xy[v]], axis=1)),
        from_ids=u.tolist(),
        to_ids=v.tolist(),
        root_ids=roots.tolist(),
        premises_ids=prem_nodes.tolist(),
        premises_count=prem_counts.tolist(),
        site_ids=site_nodes.tolist(),
    )
    return rng, n, u, v, roots, prem_nodes, prem_counts, site_nodes, model


def _lost(n, u, v, roots, drop):
    """Nodes connected to a root before and not after removing the nodes ``drop``."""
    g = nx.MultiGraph()
    g.add_nodes_from(range(n))
    g.add_node("S")
    g.add_edges_from(zip(u.tolist(), v.tolist()))
    g.add_edges_from(("S", int(r)) for r in roots)
    before = nx.node_connected_component(g, "S")
    g.remove_nodes_from(drop)
    after = nx.node_connected_component(g, "S")
    return {x for x in before if x not in after and x != "S"}


@pytest.mark.parametrize("seed", range(40))
def test_site_premises_match_networkx(seed):
    _, n, u, v, roots, prem_nodes, prem_counts, site_nodes, model = _random_model(seed)
    index = {name: i for i, name in enumerate(model.network.node_ids)}
    sens_nodes = np.array([index[str(x)] for x in prem_nodes[:7]])
    deps = site_dependants(model, sens_nodes)
    prem_w = np.bincount(prem_nodes, weights=prem_counts, minlength=n)
    sens_w = np.bincount(prem_nodes[:7], minlength=n)
    for i, x in enumerate(site_nodes.tolist()):
        lost = _lost(n, u, v, roots, [x])
        assert deps.premises[i] == pytest.approx(sum(prem_w[y] for y in lost)), (seed, x)
        assert deps.sensitive[i] == sum(sens_w[y] for y in lost), (seed, x)


@pytest.mark.parametrize("seed", range(40))
def test_premise_hours_match_an_hour_by_hour_simulation(seed):
    rng, n, u, v, roots, prem_nodes, prem_counts, site_nodes, model = _random_model(seed)
    # Whole hours so that a simulation hour by hour is exact.
    start = rng.integers(0, 6, site_nodes.size).astype(float)
    end = start + rng.integers(0, 6, site_nodes.size)
    prem_w = np.bincount(prem_nodes, weights=prem_counts, minlength=n)
    expected = 0.0
    for hour in range(int(end.max()) + 1):
        dark = [int(x) for x, a, b in zip(site_nodes, start, end) if a <= hour < b]
        if dark:
            expected += sum(prem_w[y] for y in _lost(n, u, v, roots, dark))
    assert premise_hours(model, start, end) == pytest.approx(expected), seed


def test_unattached_sites_have_no_premises_but_a_dark_time():
    model = _chain([1000, 50000], [2000], [2])
    result = _run(model, [1000, 50000], outage_hours=6.0)
    assert result.sites["pw_dark_h"].tolist() == [2.0, 2.0]
    assert np.isnan(result.sites["pw_prem"].iloc[1])
    assert np.isnan(result.sites["pw_prem_h"].iloc[1])
    assert result.totals["sites_unattached"] == 1
