"""core.mitigation: autonomy actions (more back-up power at a dark site) from Power
resilience's figures, hand-counted, and a portfolio mixing them with burials against brute
force over every subset, each premises counted once (premises cut found by networkx)."""

import itertools

import numpy as np
import pytest
import shapely

from fibre_resilience.core import mitigation as mg
from fibre_resilience.core.errors import InputError

from .test_mitigation import _cut, network_case, random_model

COSTS = {"trench_m": 100.0, "duct_m": 10.0, "bury_m": 120.0, "autonomy_site": 15000.0}


def _power(model, dark, prem_h, extra_dark=None):
    """POWER at the model's sites (S, Q in network_case), plus one site off the network."""
    node = model.sites.node.tolist()
    xy = [model.network.node_xy[x] for x in node]
    names = [f"P{i}" for i in range(len(node))]
    if extra_dark is not None:
        node.append(-1)
        xy.append((5000.0, 5000.0))
        names.append("off")
        dark = list(dark) + [extra_dark]
        prem_h = list(prem_h) + [np.nan]
    return {
        "node": np.array(node),
        "dark_h": np.array(dark, float),
        "prem_h": np.array(prem_h, float),
        "xy": np.array(xy, float),
        "names": np.array(names, object),
    }


def test_autonomy_action_hand_counted():
    # S (500, 0) feeds itself (3 premises) and P (5 + 2): 10 premises behind it; dark 2 h,
    # pw_prem_h 20. Q is not dark (0 h): no action. The site off the network: none either.
    model, lines, _ = network_case()
    power = _power(model, dark=[2.0, 0.0], prem_h=[20.0, 0.0], extra_dark=5.0)
    result = mg.mitigation_plan(
        model,
        lines,
        COSTS,
        budget=15000.0,
        bury_lines=[2],  # R -> Q: secures Q's 7 premises for 40,000 EUR (over the budget)
        line_aep=np.full(len(lines), 0.1),
        power=power,
    )
    actions = result.actions.set_index("mp_kind")
    auto = actions.loc["autonomy"]
    assert auto["mp_target"] == "P0"
    assert auto["mp_cost"] == 15000.0
    assert auto["mp_prem"] == 10.0
    assert auto["mp_eur_prem"] == 1500.0
    assert auto["mp_prem_h"] == 20.0
    assert np.isnan(auto["mp_eai"])
    assert auto["mp_owner"] == "operator"
    assert auto["mp_chosen"] == 1
    ring = auto["geometry"]
    assert ring.geom_type == "LineString" and ring.is_closed
    assert shapely.distance(shapely.Point(500, 0), ring) == pytest.approx(mg.AUTONOMY_RING, rel=0.1)
    bury = actions.loc["bury"]
    assert np.isnan(bury["mp_prem_h"]) and bury["mp_eai"] == pytest.approx(0.7)
    assert result.counts["autonomy"] == 1
    assert result.counts["premises_secured"] == 10.0
    assert result.counts["cost"] == 15000.0


def test_autonomy_and_burial_on_the_same_premises_secure_two_risks():
    # Burying R -> S secures S and P (10 premises) against the cable's failure, extending S's
    # autonomy secures them against the grid outage: two risks, both count. With the budget
    # for one only, the cheaper (the burial, 500 EUR) is bought; batteries never stand in
    # for the cable.
    model, lines, _ = network_case()
    power = _power(model, dark=[2.0, 0.0], prem_h=[20.0, 0.0])
    costs = dict(COSTS, bury_m=1.0)  # R -> S is 500 m: 500 EUR
    result = mg.mitigation_plan(model, lines, costs, budget=1e6, bury_lines=[0], power=power)
    assert result.counts["premises_secured"] == 20.0  # 10 premises, two risks
    assert result.counts["cost"] == 15500.0
    chosen = result.actions[result.actions["mp_chosen"] == 1]
    assert sorted(chosen["mp_kind"]) == ["autonomy", "bury"]
    result = mg.mitigation_plan(model, lines, costs, budget=1000, bury_lines=[0], power=power)
    assert result.counts["premises_secured"] == 10.0
    assert result.actions[result.actions["mp_chosen"] == 1]["mp_kind"].tolist() == ["bury"]


def _weights(model):
    weight = np.zeros(model.network.n_nodes)
    node = model.premises.node
    ok = node >= 0
    np.add.at(weight, node[ok], np.asarray(model.premises_count, float)[ok])
    return weight


@pytest.mark.parametrize("seed", range(12))
def test_mixed_portfolio_against_brute_force(seed):
    model, u, v, _, sites = random_model(seed)
    rng = np.random.default_rng(100 + seed)
    lines = shapely.linestrings(
        np.stack(
            [model.network.node_xy[model.network.u], model.network.node_xy[model.network.v]], 1
        )
    )
    bury = sorted(rng.choice(len(u), size=6, replace=False).tolist())
    dark = rng.choice([0.0, 1.5, 4.0], size=len(sites))
    power = _power(model, dark=dark, prem_h=dark * 3)
    power["dark_h"] = dark
    costs = dict(
        COSTS, bury_m=float(rng.integers(1, 30)), autonomy_site=float(rng.integers(1, 30000))
    )
    weight = _weights(model)
    # The oracle's candidates: what each action saves, by networkx.
    # (premises node, risk): the cables' failures and the grid outage are two risks.
    secured = []
    for line in bury:
        cut = {(x, "cable") for x in _cut(model, u, v, lines={line})}
        secured.append((costs["bury_m"] * shapely.length(lines[line]), cut))
    for i, x in enumerate(model.sites.node.tolist()):
        if dark[i] > 0 and x >= 0:
            cut = {(y, "power") for y in _cut(model, u, v, nodes={x})}
            secured.append((costs["autonomy_site"], cut))
    total = sum(c for c, _ in secured)
    budget = float(rng.uniform(0.2, 0.7) * total)
    best = (0.0, 0.0)
    for r in range(1, len(secured) + 1):
        for subset in itertools.combinations(secured, r):
            cost = sum(c for c, _ in subset)
            if cost > budget + 1e-6:
                continue
            value = float(sum(weight[x] for x, _ in set().union(*[s for _, s in subset])))
            if value > best[0] + 1e-9 or (abs(value - best[0]) <= 1e-9 and cost < best[1]):
                best = (value, cost)
    result = mg.mitigation_plan(model, lines, costs, budget=budget, bury_lines=bury, power=power)
    kinds = result.actions["mp_kind"].tolist()
    assert kinds.count("autonomy") == int((dark > 0).sum())
    auto = result.actions[result.actions["mp_kind"] == "autonomy"]
    own = {
        str(power["names"][i]): float(weight[sorted(_cut(model, u, v, nodes={x}))].sum())
        for i, x in enumerate(model.sites.node.tolist())
        if dark[i] > 0
    }
    assert dict(zip(auto["mp_target"], auto["mp_prem"])) == pytest.approx(own)
    assert result.counts["premises_secured"] == pytest.approx(best[0])
    assert result.counts["cost"] == pytest.approx(best[1])


def test_costs_autonomy_site_optional_but_needed_with_power():
    plain = mg.check_costs([("trench_m", 1), ("duct_m", 1), ("bury_m", 1)])
    assert "autonomy_site" not in plain
    assert mg.check_costs(list(COSTS.items()))["autonomy_site"] == 15000.0
    with pytest.raises(InputError, match="autonomy_site"):
        mg.check_costs(list(dict(COSTS, autonomy_site=-1).items()))
    model, lines, _ = network_case()
    power = _power(model, dark=[2.0, 0.0], prem_h=[20.0, 0.0])
    with pytest.raises(InputError, match="autonomy_site"):
        mg.mitigation_plan(model, lines, plain, budget=10.0, power=power)
