"""mitigationplan's core at regional size: loops for the sites and the segments, autonomy, then
the portfolio.

The regional GraceTHD delivery (``scripts/sample_territory.py --scale 200``, in
``benchmarks/data/region`` or the folder given with ``--data``): its routes (t_cheminement) as
the network with their classes (cm_typelog) as tiers, the NRO/POP shelters as roots (the
NROs), the other network sites (SROs...) as the sites to loop, the addresses as premises
(ad_nbfotth), territory.gpkg's roads (about 1,000,000 edges) as where new trenches run, the
routes themselves as the existing civil works a loop may reuse at the duct cost (CIVIL_WORKS;
``--no-civil`` leaves them out), the aerial routes (cm_typ_imp 0 and 1: gt_laying AERIEN) as
burials (BURY_EXPRESSION; ``--no-bury`` leaves them out), and power.gpkg's active sites and
grid-outage zones for the autonomy actions (dark hours from the zones and each site's
autonomy, as Power resilience gives them without generators). The costs are the algorithm's
defaults (DEFAULT_COSTS). Without
the regional set (and with ``--scale`` other than 200) a scale-20 set is generated into a
temporary folder (a few minutes); the regional set itself is never generated here.

Timed separately, wall and CPU (the machine is shared: CPU time is what the work costs): the
failure analysis and the tiers (once), the ways graph, the site loops, the segments in tier
order, their loops (at most ``--segments``, collecte and transport first: MAX_SEGMENT_LOOPS),
the merge of identical paths, the autonomy actions, the premises groups and the portfolio
(scipy milp), the plan's order. Printed as each stage ends and at the end: the candidates by
kind and tier, the time per candidate and the peak memory. Target: 1,000 candidates and their
portfolio in under a minute.

    python -m benchmarks.bench_mitigation [--data /work/region] [--sites 1600] [--segments 2000]
        [--no-civil] [--no-bury]
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .common import REPO, import_plugin_package, region_dir


def _text(values):
    return np.array([x.decode() if isinstance(x, bytes) else x for x in values], dtype=object)


def read_region(folder: Path):
    from .bench_redundancy import _read

    gpkg = folder / "gracethd_v3.gpkg"
    routes = _read(
        gpkg, "t_cheminement", ["cm_code", "cm_ndcode1", "cm_ndcode2", "cm_typelog", "cm_typ_imp"]
    )
    sites = _read(gpkg, "t_site", ["st_nd_code", "st_typephy", "st_typelog"], geometry=False)
    addresses = _read(gpkg, "t_adresse", ["ad_nbfotth"])
    roads = _read(folder / "territory.gpkg", "roads", [])
    tech = _text(sites["st_typelog"]) == "RESEAU"
    typephy = _text(sites["st_typephy"])
    nodes = _text(sites["st_nd_code"])
    out = {
        "lines": routes["geom"],
        "names": _text(routes["cm_code"]),
        "nd1": _text(routes["cm_ndcode1"]),
        "nd2": _text(routes["cm_ndcode2"]),
        "classes": _text(routes["cm_typelog"]),
        # GraceTHD cm_typ_imp 0 and 1: aerial (telecom, power poles), gt_laying AERIEN
        "aerial": np.isin(_text(routes["cm_typ_imp"]), ["0", "1"]),
        "root_ids": nodes[tech & (typephy == "SHE")],
        "site_ids": nodes[tech & (typephy != "SHE")],
        "premises": addresses["geom"],
        "counts": addresses["ad_nbfotth"].astype(float),
        "roads": roads["geom"],
        "power": None,
    }
    power = folder / "power.gpkg"
    if power.exists():
        active = _read(power, "active_sites", ["nd_code", "autonomy_h"])
        outage = _read(power, "grid_outage", ["hours"])
        out["power"] = {
            "points": active["geom"],
            "nodes": _text(active["nd_code"]),
            "autonomy": active["autonomy_h"].astype(float),
            "zones": outage["geom"],
            "hours": outage["hours"].astype(float),
        }
    return out


def power_figures(data, model, analysis):
    """The dark sites as Power resilience would give them (grid-outage zones against each
    active site's autonomy; no generators): node, pw_dark_h, pw_prem_h, position, name."""
    import pandas as pd
    import shapely

    from fibre_resilience.core import power as pw

    power = data["power"]
    hours = pw.longest_zone(power["points"], power["zones"], power["hours"])
    dark = pw.dark_hours(power["autonomy"], hours)
    node = pd.Index(model.network.node_ids).get_indexer(power["nodes"]).astype(np.int64)
    prem = np.array(
        [
            analysis.premises[analysis.nodes_in(analysis.dominated_spans(int(x)))].sum()
            if x >= 0
            else 0.0
            for x in node.tolist()
        ]
    )
    xy = shapely.get_coordinates(power["points"])
    return {"node": node, "dark_h": dark, "prem_h": dark * prem, "xy": xy, "names": power["nodes"]}


def run(data, n_sites, max_cost, budget_share, max_segments, civil=True, bury=True):
    import resource

    import shapely

    from fibre_resilience.core import mitigation as mg
    from fibre_resilience.core import portfolio as pf
    from fibre_resilience.core.network import build_model
    from fibre_resilience.core.roads import build_road_network, road_attributes
    from fibre_resilience.core.tiers import analyse_tiers, parse_tiers

    times = {}
    cpu = {}

    def now():
        return time.perf_counter(), time.process_time()

    def clock(key, start):
        times[key] = time.perf_counter() - start[0]
        cpu[key] = time.process_time() - start[1]
        # as it goes: a run stopped at its limit still tells where the time went
        print(f"  ... {key}: {times[key]:.1f} s wall, {cpu[key]:.1f} s CPU", flush=True)

    rng = np.random.default_rng(20240611)
    site_ids = data["site_ids"]
    if site_ids.size > n_sites:
        site_ids = rng.choice(site_ids, n_sites, replace=False)
    start = now()
    model = build_model(
        data["lines"],
        from_ids=data["nd1"],
        to_ids=data["nd2"],
        root_ids=data["root_ids"],
        premises=data["premises"],
        premises_count=data["counts"],
        site_ids=site_ids,
        max_snap=50.0,
    )
    clock("build the model", start)
    start = now()
    analysis = mg.analyse_failures(model)
    clock("failure analysis (once)", start)
    start = now()
    classes, _ = parse_tiers(data["classes"])
    # The roots (shelters) are the NROs; the other network sites are cabinets.
    roles = np.full(site_ids.size, "SRO", dtype=object)
    tiers = analyse_tiers(model, classes, roles, analysis.redundancy)
    mg.group_tiers(model, analysis, tiers.line_tier)
    clock("tiers (once)", start)
    start = now()
    roads = build_road_network(data["roads"], road_attributes(len(data["roads"])))
    unit = mg.DEFAULT_COSTS
    # The delivery's routes as the existing civil works (ducts, trenches, poles), at the
    # duct cost, as the algorithm takes them in CIVIL_WORKS.
    ways = mg.build_ways(
        roads,
        trench_cost=unit["trench_m"],
        civil=data["lines"] if civil else None,
        duct_cost=unit["duct_m"],
    )
    clock("ways graph (roads + civil works)" if civil else "ways graph (roads)", start)
    spec = mg.LoopSpec(
        min_separation=100.0,
        end_distance=250.0,
        max_snap=50.0,
        trench_cost=unit["trench_m"],
        max_cost=max_cost,
    )
    start = now()
    loops, problems = mg.loop_candidates(
        model, analysis, data["lines"], ways, spec, site_names=site_ids, line_tier=tiers.line_tier
    )
    clock("site loops", start)
    start = now()
    targets = mg.segment_targets(model, analysis, tiers.line_tier, mg.site_chains(model, analysis))
    clock("segment targets (tier order)", start)
    by_tier = {}
    for t in targets:
        by_tier[t.tier] = by_tier.get(t.tier, 0) + 1
    searched = targets[:max_segments]
    start = now()
    segment_loops, segment_problems = mg.segment_loop_candidates(
        model, analysis, data["lines"], ways, spec, searched, line_names=data["names"]
    )
    clock("segment loops", start)
    start = now()
    merged = mg.merge_same_paths(loops + segment_loops, analysis.premises)
    clock("merge identical paths", start)
    buried = []
    if bury:
        # The aerial routes (gt_laying AERIEN), as BURY_EXPRESSION selects them.
        start = now()
        lengths = shapely.length(data["lines"])
        buried = mg.bury_candidates(
            analysis,
            np.flatnonzero(data["aerial"]),
            data["lines"],
            lengths,
            unit["bury_m"],
            data["names"],
        )
        for c in buried:
            c.tier = mg._tier_of(tiers.line_tier, c.lines or [])
        clock("bury candidates", start)
    autonomy = []
    if data["power"] is not None:
        start = now()
        power = power_figures(data, model, analysis)
        autonomy = mg.autonomy_candidates(
            analysis,
            power["node"],
            power["dark_h"],
            power["prem_h"],
            power["xy"],
            unit["autonomy_site"],
            power["names"],
        )
        for c in autonomy:
            c.tier = mg.site_tier(tiers, model, int(power["node"][c.source]))
        clock("autonomy candidates", start)
    found = merged + buried + autonomy
    costs = np.array([c.cost for c in found])
    n = analysis.premises.size
    start = now()
    covers, weights = pf.premises_groups(
        [mg.risk_cover(c, n) for c in found], np.tile(analysis.premises, len(mg.RISKS))
    )
    clock("premises groups", start)
    budget = float(costs.sum()) * budget_share
    start = now()
    result = pf.choose_portfolio(costs, covers, weights, budget, time_limit=60.0)
    clock("portfolio (milp, greedy when too large)", start)
    start = now()
    order, _ = pf.plan_order(result.chosen, costs, covers, weights)
    clock("plan order (ranks)", start)
    start = now()
    greedy = pf.choose_portfolio(costs, covers, weights, budget, method="greedy")
    clock("portfolio (greedy, for comparison)", start)
    kinds = {}
    for c in found:
        what = c.detail.split(" ")[0]
        key = c.kind
        if c.kind == "loop":
            key = f"loop ({what if what in ('segment', 'group') else 'site'})"
        kinds[key] = kinds.get(key, 0) + 1
    tiers_found = {}
    for c in found:
        tiers_found[c.tier] = tiers_found.get(c.tier, 0) + 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    counts = {
        "lines": int(model.network.u.size),
        "road edges": int(len(data["roads"])),
        "sites tried": int(site_ids.size),
        "site loops": len(loops),
        "sites without a loop": len(problems),
        "segment targets (by tier)": ", ".join(f"{k}: {v}" for k, v in by_tier.items()),
        "segments searched": len(searched),
        "segment loops": len(segment_loops),
        "segments without a loop": sum(segment_problems.values()),
        "loops merged (same roads)": len(loops) + len(segment_loops) - len(merged),
        "candidates evaluated": len(loops) + len(segment_loops) + len(buried) + len(autonomy),
    }
    counts.update({f"candidates: {k}": v for k, v in kinds.items()})
    counts.update({f"candidates, tier {k}": v for k, v in tiers_found.items()})
    counts.update(
        {
            "premises groups": int(weights.size),
            "budget (EUR)": round(budget),
            "plan: actions": int(result.chosen.sum()),
            "plan: (premises, risk) secured": result.value,
            "plan: method": result.method + (f" ({result.note})" if result.note else ""),
            "plan: bound, gap": f"{result.bound:g}, {result.gap:.2%}",
            "greedy: secured": greedy.value,
            "greedy: reported gap": f"{greedy.gap:.2%}",
            "peak memory (GB)": f"{peak:.2f}",
        }
    )
    return times, cpu, counts


def main(
    scale=1.0,
    data=None,
    sites=1000,
    max_cost=1_000_000.0,
    share=0.2,
    segments=2000,
    civil=True,
    bury=True,
):
    """``scale`` multiplies the regional scale (1: the regional set, scale 200). Without the
    regional set, a scale-20 set (``scale`` x 20) is generated into a temporary folder; the
    regional set is never generated here."""
    import_plugin_package()
    territory_scale = 200 * scale
    folder = Path(data) if data else None
    temporary = None
    if folder is None and (region_dir(territory_scale) / "gracethd_v3.gpkg").exists():
        folder = region_dir(territory_scale)
    if folder is None:
        small = 20 * scale
        print(f"no set in {region_dir(territory_scale)}: a scale {small:g} set instead")
        temporary = tempfile.TemporaryDirectory(prefix="bench_mitigation_")
        folder = Path(temporary.name)
        print(f"generating scale {small:g} into {folder} ...", flush=True)
        command = [sys.executable, str(REPO / "scripts" / "sample_territory.py")]
        command += ["--scale", f"{small:g}", "--out", str(folder)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    region = read_region(folder)
    print(f"read {folder}: {time.perf_counter() - start:.1f} s")
    print(
        f"civil works (the routes, {region['lines'].size:,}): {'yes' if civil else 'no'}; "
        f"burials (aerial routes, {int(region['aerial'].sum()):,}): {'yes' if bury else 'no'}"
    )
    times, cpu, counts = run(region, sites, max_cost, share, segments, civil, bury)
    for key, value in counts.items():
        print(f"  {key:38s} {value}")
    print(f"  {'':38s} {'wall':>8s}   {'CPU':>8s}")
    for key, value in times.items():
        print(f"  {key:38s} {value:8.1f} s {cpu[key]:8.1f} s")
    phases = (
        "site loops",
        "segment targets (tier order)",
        "segment loops",
        "merge identical paths",
        "bury candidates",
        "autonomy candidates",
    )
    evaluate = sum(times.get(k, 0.0) for k in phases)
    evaluate_cpu = sum(cpu.get(k, 0.0) for k in phases)
    stages = ("premises groups", "portfolio (milp, greedy when too large)", "plan order (ranks)")
    choose = sum(times[k] for k in stages)
    choose_cpu = sum(cpu[k] for k in stages)
    n = counts["candidates evaluated"]
    print(
        f"generate + evaluate {n} candidates: {evaluate:.1f} s wall, {evaluate_cpu:.1f} s CPU "
        f"({1000 * evaluate_cpu / max(n, 1):.1f} ms CPU each); portfolio: {choose:.1f} s wall, "
        f"{choose_cpu:.1f} s CPU (target: 1,000 candidates in under 60 s)"
    )
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=200.0, help="territory scale (200)")
    parser.add_argument("--data", default=None, help="a generated territory folder")
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--max-cost", type=float, default=1_000_000.0)
    parser.add_argument("--share", type=float, default=0.2, help="budget / all candidates")
    parser.add_argument("--segments", type=int, default=2000, help="MAX_SEGMENT_LOOPS")
    parser.add_argument(
        "--no-civil", action="store_true", help="roads only: no civil works (CIVIL_WORKS)"
    )
    parser.add_argument("--no-bury", action="store_true", help="no burials of the aerial routes")
    args = parser.parse_args()
    main(
        args.scale / 200,
        args.data,
        args.sites,
        args.max_cost,
        args.share,
        args.segments,
        civil=not args.no_civil,
        bury=not args.no_bury,
    )
