"""core.restoration: a hand-computed chain of failures, power-only and damage-only cases, and
random networks against an hour-by-hour brute force written with networkx."""

import math

import networkx as nx
import numpy as np
import pytest
import shapely

from fibre_resilience.core.errors import InputError
from fibre_resilience.core.network import build_model
from fibre_resilience.core.restoration import (
    RepairTableError,
    crew_times,
    hours_to_restored,
    repair_hours,
    repair_table,
    restoration,
    schedule_jobs,
    service_curve,
)


def model_from(u, v, roots, prem_nodes, counts):
    u, v = np.asarray(u), np.asarray(v)
    n = int(max(u.max(), v.max())) + 1
    xy = np.random.default_rng(1).random((n, 2)) * 1000
    lines = shapely.linestrings(np.stack([xy[u], xy[v]], axis=1))
    return build_model(
        lines,
        from_ids=u.tolist(),
        to_ids=v.tolist(),
        root_ids=list(roots),
        premises_ids=list(prem_nodes),
        premises_count=list(counts),
    )


def node_index(model):
    return {int(name): i for i, name in enumerate(model.network.node_ids)}


# The chain R(0) - 1 - 2 - 3 - 4: lines L0 = 0-1 ... L3 = 3-4; premises 10, 20, 30, 40 on
# nodes 1..4. L1, L2, L3 fail; each crew trip takes 1 h; repairs take 2, 3 and 1 h.
CHAIN = dict(u=[0, 1, 2, 3], v=[1, 2, 3, 4], roots=[0], prem_nodes=[1, 2, 3, 4])


def chain_model():
    return model_from(**CHAIN, counts=[10, 20, 30, 40])


def run_chain(crews, **kwargs):
    return restoration(
        chain_model(),
        failed_lines=[3, 1, 2],  # out of order: the priority sorts them
        depot=["D", "D", "D"],
        travel_h=[1.0, 1.0, 1.0],
        earliest_h=[0.0, 0.0, 0.0],
        repair_h=[1.0, 2.0, 3.0],
        crews=crews,
        **kwargs,
    )


def test_chain_one_crew_against_the_hand_computed_curve():
    result = run_chain(1)
    jobs = result.jobs.set_index("line")
    # Priority: L1 (90 premises behind it), L2 (70), L3 (40).
    assert jobs.loc[[1, 2, 3], "prem"].tolist() == [90, 70, 40]
    assert jobs.loc[[1, 2, 3], "rank"].tolist() == [1, 2, 3]
    # L1: 0 + 1 h travel -> 1..3; L2: 3 + 1 -> 4..7; L3: 7 + 1 -> 8..9.
    assert jobs.loc[[1, 2, 3], "start"].tolist() == [1, 4, 8]
    assert jobs.loc[[1, 2, 3], "done"].tolist() == [3, 7, 9]
    table = result.curve.table
    assert table.rs_hour.tolist() == list(range(10))
    assert table.rs_out.tolist() == [90] * 3 + [70] * 4 + [40] * 2 + [0]
    assert table.rs_damage.tolist() == table.rs_out.tolist()
    assert table.rs_power.tolist() == [0] * 10
    assert result.curve.premise_hours == 3 * 90 + 4 * 70 + 2 * 40
    assert result.curve.premises_before == 100
    assert result.curve.hours_to_90pct == 9  # 40 out at hour 8 is more than 10 % of 100


def test_chain_two_crews_against_the_hand_computed_curve():
    result = run_chain(2)
    jobs = result.jobs.set_index("line")
    # L1 crew 0: 1..3; L2 crew 1: 1..4; L3 crew 0 (free at 3): 4..5.
    assert jobs.loc[[1, 2, 3], "crew"].tolist() == [0, 1, 0]
    assert jobs.loc[[1, 2, 3], "done"].tolist() == [3, 4, 5]
    assert result.curve.table.rs_out.tolist() == [90, 90, 90, 70, 40, 0]
    assert result.curve.premise_hours == 3 * 90 + 70 + 40
    assert result.curve.hours_to_90pct == 5


def test_chain_with_a_dark_site_splits_power_and_damage():
    model = chain_model()
    a = node_index(model)[1]
    # Site on node 1: 2 h battery, 6 h outage, no generator -> dark on [2, 6).
    result = run_chain(1, site_node=[a], site_autonomy=[2.0], site_outage=[6.0])
    t = result.curve.table
    assert t.rs_damage.tolist() == [90] * 3 + [70] * 4 + [40] * 2 + [0]
    # Hour 2: node 1 dark (10, power; 2..4 already cut by damage). Hours 3-5: L1 repaired,
    # node 2 only reaches the root through the dark node 1: 10 + 20 by power.
    assert t.rs_power.tolist() == [0, 0, 10, 30, 30, 30, 0, 0, 0, 0]
    assert t.rs_out.tolist() == [90, 90, 100, 100, 100, 100, 70, 40, 40, 0]


def run_chain_with_a_failed_node(**kwargs):
    model = chain_model()
    a = node_index(model)[1]
    # Node 1 and line L2 (2-3) fail; one crew, 1 h trips; node 2 h, L2 3 h.
    return restoration(
        model,
        failed_lines=[2],
        depot=["D", "D"],
        travel_h=[1.0, 1.0],
        earliest_h=[0.0, 0.0],
        repair_h=[3.0, 2.0],
        crews=1,
        failed_nodes=[a],
        **kwargs,
    )


def test_chain_with_a_failed_node_against_the_hand_computed_curve():
    result = run_chain_with_a_failed_node()
    jobs = result.jobs
    assert jobs["line"].tolist() == [2, -1]
    assert jobs["node"].tolist()[0] == -1
    # Node 1 cuts its own 10 premises and the 90 behind it: 100 > L2's 70, so first.
    assert jobs["prem"].tolist() == [70, 100]
    assert jobs["rank"].tolist() == [2, 1]
    # Node 1: 0 + 1 -> 1..3; L2: 3 + 1 -> 4..7.
    assert jobs["start"].tolist() == [4, 1]
    assert jobs["done"].tolist() == [7, 3]
    table = result.curve.table
    assert table.rs_out.tolist() == [100] * 3 + [70] * 4 + [0]
    assert table.rs_damage.tolist() == table.rs_out.tolist()  # a failed node is damage
    assert table.rs_power.tolist() == [0] * 8
    assert result.curve.premise_hours == 3 * 100 + 4 * 70
    assert result.curve.hours_to_90pct == 7
    assert result.totals["jobs"] == 2


def test_failed_node_that_is_also_a_dark_site_is_damage_until_repaired_then_power():
    model = chain_model()
    a = node_index(model)[1]
    # Site on node 1 dark on [0, 5): while the node is broken (to hour 3) its 100 premises
    # are out by damage; repaired but dark at hours 3-4, nodes 1 and 2 (30) are out by power.
    result = run_chain_with_a_failed_node(site_node=[a], site_autonomy=[0.0], site_outage=[5.0])
    t = result.curve.table
    assert t.rs_damage.tolist() == [100] * 3 + [70] * 4 + [0]
    assert t.rs_power.tolist() == [0, 0, 0, 30, 30, 0, 0, 0]
    assert t.rs_out.tolist() == [100, 100, 100, 100, 100, 70, 70, 0]


def test_failed_nodes_are_checked():
    model = chain_model()
    with pytest.raises(InputError, match="twice"):
        restoration(model, [], ["D"] * 2, [1.0] * 2, [0.0] * 2, [1.0] * 2, 1, failed_nodes=[1, 1])
    with pytest.raises(InputError, match="not a network node"):
        restoration(model, [], ["D"], [1.0], [0.0], [1.0], 1, failed_nodes=[99])


def test_power_only():
    model = chain_model()
    b = node_index(model)[2]
    # No failure; the site on node 2 is dark from 1 h until its generator at 3 h.
    result = restoration(
        model,
        [],
        [],
        [],
        [],
        [],
        1,
        site_node=[b],
        site_autonomy=[1.0],
        site_outage=[4.0],
        site_generator=[3.0],
    )
    t = result.curve.table
    assert t.rs_out.tolist() == [0, 90, 90, 0]
    assert t.rs_power.tolist() == [0, 90, 90, 0]
    assert t.rs_damage.tolist() == [0, 0, 0, 0]
    assert result.curve.premise_hours == 180
    assert result.curve.hours_to_90pct == 3
    # A fractional end (outage 3.5 h, no generator): dark at hours 1, 2, 3; the table ends
    # at the first whole hour after it.
    result = restoration(
        model, [], [], [], [], [], 1, site_node=[b], site_autonomy=[1.0], site_outage=[3.5]
    )
    assert result.curve.table.rs_out.tolist() == [0, 90, 90, 90, 0]


def test_damage_only_with_a_redundant_path_brings_nothing_back_until_the_cut_is_closed():
    # Ring 0-1-2-3-0 with a spur 2-4; premises 5 on node 4. Failing 0-1 alone cuts nothing.
    model = model_from([0, 1, 2, 3, 2], [1, 2, 3, 0, 4], [0], [4, 1], [5, 7])
    result = restoration(model, [0], ["D"], [0.5], [0.0], [1.0], 1)
    assert result.curve.table.rs_out.tolist() == [0, 0, 0]  # repaired at 1.5 h: hours 0-2
    assert result.curve.premise_hours == 0 and result.curve.hours_to_90pct == 0
    # Failing 0-1 and 2-3 cuts nodes 1, 2 and 4 (12 premises). Neither line alone cuts
    # anything (the same priority, 0): the one nearer the root, 0-1, goes first.
    result = restoration(model, [0, 2], ["D", "D"], [0.5, 0.5], [0.0, 0.0], [1.0, 1.0], 1)
    jobs = result.jobs.set_index("line")
    assert jobs.loc[0, "done"] == 1.5 and jobs.loc[2, "done"] == 3.0
    # Hour 0 and 1: everything behind the two cuts is out; 0-1 repaired at 1.5 serves all.
    assert result.curve.table.rs_out.tolist() == [12, 12, 0, 0]


def test_unreachable_and_in_water_targets_wait_for_the_recession():
    travel, earliest = crew_times(
        reach=[1, 0, 1, 0, 0],
        t0_min=[30, 30, 30, 30, np.nan],
        t1_min=[60, np.nan, 60, np.nan, np.nan],
        in_water=[False, False, True, True, False],
        recession_h=10.0,
    )
    assert travel[:4].tolist() == [1.0, 0.5, 1.0, 0.5]
    assert earliest[:4].tolist() == [0.0, 10.5, 10.0, 10.5]
    assert np.isnan(travel[4]) and np.isnan(earliest[4])  # no road at all: never
    # One crew, 1 h repairs: 1..2; max(2 + 0.5, 10.5) = 10.5..11.5; max(11.5 + 1, 10) =
    # 12.5..13.5; max(13.5 + 0.5, 10.5) = 14..15; the last one never.
    plan = schedule_jobs(["D"] * 5, travel, earliest, [1.0] * 5, [0, 1, 2, 3, 4], 1)
    assert plan.done[:4].tolist() == [2.0, 11.5, 13.5, 15.0]
    assert np.isnan(plan.done[4]) and plan.crew[4] == -1
    # Without a recession time an unreachable target is never repaired.
    travel, earliest = crew_times([0], [30], [np.nan], None, None)
    assert np.isnan(travel[0]) and np.isnan(earliest[0])


def test_never_repaired_line_keeps_its_premises_out_to_the_horizon():
    result = restoration(chain_model(), [3], ["D"], [np.nan], [np.nan], [1.0], 1, horizon=5)
    assert result.curve.table.rs_out.tolist() == [40] * 6
    assert result.totals["never_repaired"] == 1
    assert result.curve.hours_to_90pct is None
    assert result.curve.premise_hours == 240


def test_scheduler_waits_for_the_earliest_start_and_counts_ranks_per_depot():
    plan = schedule_jobs(
        depot=["A", "B", "A", "A"],
        travel_h=[1.0, 2.0, 0.5, 1.0],
        earliest_h=[0.0, 0.0, 5.0, 0.0],
        repair_h=[2.0, 1.0, 1.0, 1.0],
        order=[0, 1, 2, 3],
        crews=1,
    )
    # Depot A, one crew: job 0 1..3; job 2 max(3 + 0.5, 5) = 5..6; job 3 6 + 1 = 7..8.
    assert plan.start.tolist() == [1.0, 2.0, 5.0, 7.0]
    assert plan.done.tolist() == [3.0, 3.0, 6.0, 8.0]
    assert plan.rank.tolist() == [1, 1, 2, 3]


def test_bad_inputs_are_refused():
    with pytest.raises(InputError, match="CREWS is 0"):
        schedule_jobs(["D"], [1.0], [0.0], [1.0], [0], 0)
    with pytest.raises(InputError, match="Repair hours"):
        schedule_jobs(["D"], [1.0], [0.0], [-1.0], [0], 1)
    with pytest.raises(RepairTableError, match="row 2") as caught:
        repair_table(["aerien", 4, "souterrain", -2])
    assert caught.value.row == 2
    with pytest.raises(RepairTableError, match="row 1"):
        repair_table(["aerien", "nan"])
    with pytest.raises(RepairTableError, match="twice"):
        repair_table(["AERIEN", 4, " aerien ", 5])
    with pytest.raises(InputError, match="no default"):
        repair_hours(["X"], {"aerien": 4.0}, None)


def test_repair_classes_and_the_default():
    table = repair_table(["AERIEN", "4", "souterrain", 8.5, 7, 2])
    hours = repair_hours(["aerien", "SOUTERRAIN", "7.0", None, "FACADE"], table, 3.0)
    assert hours.hours.tolist() == [4.0, 8.5, 2.0, 3.0, 3.0]
    assert hours.defaulted.tolist() == [False, False, False, True, True]
    assert hours.unknown == ["FACADE"]


def test_hours_to_restored_counts_from_the_worst_hour():
    hours = [0, 1, 2, 3]
    assert hours_to_restored(hours, [50, 20, 5, 0]) == 2  # 5 of the 50 cut: 90 % back
    assert hours_to_restored(hours, [5, 20, 5, 0]) == 3  # the worst hour is 1: 5 > 2
    assert hours_to_restored([0, 1], [0, 0]) == 0
    assert hours_to_restored([0, 1], [50, 50]) is None
    assert hours_to_restored([0, 1], [10, 1]) == 1  # exactly 90 % back counts
    assert hours_to_restored([0, 4, 10], [10, 3, 0]) == 10  # rows hours apart
    # Not a share of the premises served before: 5 out of 700,000 is still 5 to bring back.
    assert hours_to_restored(hours, [5, 5, 5, 0]) == 3


# --- random networks against brute force ----------------------------------------------------


def _random_case(seed):
    rng = np.random.default_rng(seed)
    n = 25
    u = [int(rng.integers(max(0, i - 4), i)) for i in range(1, n)]
    v = list(range(1, n))
    for _ in range(4):
        a, b = rng.integers(0, n, 2)
        if a != b:
            u.append(int(a))
            v.append(int(b))
    roots = rng.choice(n, 2, replace=False).tolist()
    prem_nodes = rng.integers(0, n, 30).tolist()
    counts = rng.integers(1, 5, 30).tolist()
    failed = sorted(rng.choice(len(u), int(rng.integers(1, 7)), replace=False).tolist())
    k = len(failed)
    case = dict(
        u=u,
        v=v,
        roots=roots,
        prem_nodes=prem_nodes,
        counts=counts,
        failed=failed,
        depot=[str(d) for d in rng.integers(0, 2, k)],
        travel=np.round(rng.random(k) * 3, 2).tolist(),
        earliest=[float(x) if rng.random() < 0.3 else 0.0 for x in rng.integers(0, 6, k)],
        repair=np.round(rng.random(k) * 4, 2).tolist(),
        crews=int(rng.integers(1, 3)),
        sites=rng.choice(n, 3, replace=False).tolist(),
        autonomy=rng.integers(0, 5, 3).astype(float).tolist(),
        outage=rng.integers(0, 10, 3).astype(float).tolist(),
        generator=[float(x) if x < 8 else np.nan for x in rng.integers(0, 12, 3)],
    )
    if rng.random() < 0.2:
        case["travel"][0] = np.nan  # never repaired
    case["failed_nodes"] = []
    if seed % 2:
        # Failed nodes from a generator of their own: the line-only cases stay as they were.
        extra = np.random.default_rng(seed + 1000)
        nodes = sorted(extra.choice(n, int(extra.integers(1, 4)), replace=False).tolist())
        q = len(nodes)
        case["failed_nodes"] = nodes
        case["depot"] += [str(d) for d in extra.integers(0, 2, q)]
        case["travel"] += np.round(extra.random(q) * 3, 2).tolist()
        case["earliest"] += [
            float(x) if extra.random() < 0.3 else 0.0 for x in extra.integers(0, 6, q)
        ]
        case["repair"] += np.round(extra.random(q) * 4, 2).tolist()
    return case


def _nx_graph(case, skip_lines=(), skip_nodes=()):
    g = nx.MultiGraph()
    g.add_node("S")
    g.add_nodes_from(range(max(max(case["u"]), max(case["v"])) + 1))
    for i, (a, b) in enumerate(zip(case["u"], case["v"])):
        if i not in skip_lines and a not in skip_nodes and b not in skip_nodes:
            g.add_edge(a, b)
    g.add_edges_from(("S", r) for r in case["roots"] if r not in skip_nodes)
    return g


def _served(case, skip_lines=(), skip_nodes=()):
    return nx.node_connected_component(_nx_graph(case, skip_lines, skip_nodes), "S")


def _oracle_order(case):
    """Most premises depending on the line alone first, then nearer the roots, then first."""
    before = _served(case)
    hops = nx.single_source_shortest_path_length(_nx_graph(case), "S")
    keys = []
    for j, line in enumerate(case["failed"]):
        after = _served(case, skip_lines={line})
        prem = sum(
            c for p, c in zip(case["prem_nodes"], case["counts"]) if p in before and p not in after
        )
        a, b = case["u"][line], case["v"][line]
        hop = min(hops.get(a, math.inf), hops.get(b, math.inf)) - 1
        keys.append((-prem, hop, 0, line, j))
    k = len(case["failed"])
    for i, node in enumerate(case["failed_nodes"]):
        # Without the node's lines the node itself is cut too: its own premises count.
        after = _served(case, skip_nodes={node})
        prem = sum(
            c for p, c in zip(case["prem_nodes"], case["counts"]) if p in before and p not in after
        )
        keys.append((-prem, hops.get(node, math.inf) - 1, 1, node, k + i))
    return [j for *_, j in sorted(keys)]


def _oracle_prem(case):
    before = _served(case)
    prem = []
    for line in case["failed"]:
        after = _served(case, skip_lines={line})
        prem.append(
            sum(
                c
                for p, c in zip(case["prem_nodes"], case["counts"])
                if p in before and p not in after
            )
        )
    for node in case["failed_nodes"]:
        after = _served(case, skip_nodes={node})
        prem.append(
            sum(
                c
                for p, c in zip(case["prem_nodes"], case["counts"])
                if p in before and p not in after
            )
        )
    return prem


def _oracle_schedule(case, order):
    done = [math.nan] * (len(case["failed"]) + len(case["failed_nodes"]))
    free = {}
    for j in order:
        if math.isnan(case["travel"][j]):
            continue
        crews = free.setdefault(case["depot"][j], [0.0] * case["crews"])
        c = crews.index(min(crews))
        start = max(crews[c] + case["travel"][j], case["earliest"][j])
        done[j] = start + case["repair"][j]
        crews[c] = done[j]
    return done


def _oracle_curve(case, done, hours):
    before = _served(case)
    rows = []
    for h in range(hours + 1):
        down = {line for line, d in zip(case["failed"], done) if not (d <= h)}
        broken = {
            node
            for node, d in zip(case["failed_nodes"], done[len(case["failed"]) :])
            if not (d <= h)
        }
        dark = set()
        for node, a, o, g in zip(
            case["sites"], case["autonomy"], case["outage"], case["generator"]
        ):
            end = o if math.isnan(g) else min(o, g)
            if a <= h < end:
                dark.add(node)
        by_damage = _served(case, skip_lines=down, skip_nodes=broken)
        by_both = _served(case, skip_lines=down, skip_nodes=dark | broken)
        power = damage = 0.0
        for p, c in zip(case["prem_nodes"], case["counts"]):
            if p not in before:
                continue
            if p not in by_damage:
                damage += c
            elif p not in by_both:
                power += c
        rows.append((h, damage + power, power, damage))
    return rows


@pytest.mark.parametrize("seed", range(30))
def test_random_network_against_hour_by_hour_brute_force(seed):
    case = _random_case(seed)
    model = model_from(case["u"], case["v"], case["roots"], case["prem_nodes"], case["counts"])
    index = node_index(model)
    result = restoration(
        model,
        case["failed"],
        case["depot"],
        case["travel"],
        case["earliest"],
        case["repair"],
        case["crews"],
        site_node=[index.get(s, -1) for s in case["sites"]],
        site_autonomy=case["autonomy"],
        site_outage=case["outage"],
        site_generator=case["generator"],
        failed_nodes=[index[x] for x in case["failed_nodes"]],
    )
    order = _oracle_order(case)
    ranks = result.jobs.sort_values("rank")
    done = _oracle_schedule(case, order)
    assert np.allclose(result.jobs["done"].to_numpy(), done, equal_nan=True)
    last = max(
        [0.0]
        + [d for d in done if not math.isnan(d)]
        + [
            (o if math.isnan(g) else min(o, g))
            for a, o, g in zip(case["autonomy"], case["outage"], case["generator"])
            if (o if math.isnan(g) else min(o, g)) > a
        ]
    )
    rows = _oracle_curve(case, done, math.ceil(last - 1e-9))
    table = result.curve.table
    assert table.rs_hour.tolist() == [r[0] for r in rows]
    for column, k in (("rs_out", 1), ("rs_power", 2), ("rs_damage", 3)):
        assert table[column].tolist() == pytest.approx([r[k] for r in rows]), column
    assert result.curve.premise_hours == pytest.approx(sum(r[1] for r in rows))
    assert len(ranks) == len(case["failed"]) + len(case["failed_nodes"])
    assert result.jobs["prem"].tolist() == pytest.approx(_oracle_prem(case))


@pytest.mark.parametrize("seed", range(15))
def test_connectivity_alone_against_brute_force(seed):
    """service_curve on given repair times, without the scheduler."""
    case = _random_case(100 + seed)
    model = model_from(case["u"], case["v"], case["roots"], case["prem_nodes"], case["counts"])
    rng = np.random.default_rng(seed)
    done = [float(x) for x in rng.integers(0, 8, len(case["failed"]))]
    line_done = np.full(len(case["u"]), np.nan)
    line_done[case["failed"]] = done
    index = node_index(model)
    node_done = np.full(model.network.n_nodes, np.nan)
    for node in case["failed_nodes"]:
        done.append(float(rng.integers(0, 8)))
        node_done[index[node]] = done[-1]
    ends = [o if math.isnan(g) else min(o, g) for o, g in zip(case["outage"], case["generator"])]
    curve = service_curve(
        model,
        line_done,
        [index.get(s, -1) for s in case["sites"]],
        case["autonomy"],
        ends,
        horizon=9,
        node_done=node_done,
    )
    rows = _oracle_curve(case, done, 9)
    assert curve.table.rs_out.tolist() == pytest.approx([r[1] for r in rows])
    assert curve.table.rs_power.tolist() == pytest.approx([r[2] for r in rows])
