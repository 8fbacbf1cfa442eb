"""mitigationplan's core at regional size: loop candidates for 1,000 sites, then the portfolio.

The regional GraceTHD delivery (``scripts/sample_territory.py --scale 200``, in
``benchmarks/data/region`` or the folder given with ``--data``): its routes (t_cheminement) as
the network, the NRO/POP shelters as roots, the other network sites (SROs...) as the sites to
loop, the addresses as premises (ad_nbfotth) and territory.gpkg's roads (about 1,000,000
edges) as where new trenches run. Without the regional set (and with ``--scale`` other than
200) a scale-20 set is generated into a temporary folder (a few minutes); the regional set
itself is never generated here.

Timed separately: the failure analysis (dominators, once), the ways graph, the loop
candidates (each a Dijkstra bounded by ``--max-cost`` on the roads less the bypassed
corridor, and the premises it secures from the dominator tree), the premises groups and the
portfolio (scipy milp). Target: 1,000 candidates and their portfolio in under a minute.

    python -m benchmarks.bench_mitigation [--data /work/region] [--sites 1000]
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
    routes = _read(gpkg, "t_cheminement", ["cm_code", "cm_ndcode1", "cm_ndcode2"])
    sites = _read(gpkg, "t_site", ["st_nd_code", "st_typephy", "st_typelog"], geometry=False)
    addresses = _read(gpkg, "t_adresse", ["ad_nbfotth"])
    roads = _read(folder / "territory.gpkg", "roads", [])
    tech = _text(sites["st_typelog"]) == "RESEAU"
    typephy = _text(sites["st_typephy"])
    nodes = _text(sites["st_nd_code"])
    return {
        "lines": routes["geom"],
        "names": _text(routes["cm_code"]),
        "nd1": _text(routes["cm_ndcode1"]),
        "nd2": _text(routes["cm_ndcode2"]),
        "root_ids": nodes[tech & (typephy == "SHE")],
        "site_ids": nodes[tech & (typephy != "SHE")],
        "premises": addresses["geom"],
        "counts": addresses["ad_nbfotth"].astype(float),
        "roads": roads["geom"],
    }


def run(data, n_sites, max_cost, budget_share):
    from fibre_resilience.core import mitigation as mg
    from fibre_resilience.core import portfolio as pf
    from fibre_resilience.core.network import build_model
    from fibre_resilience.core.roads import build_road_network, road_attributes

    times = {}

    def clock(key, start):
        times[key] = time.perf_counter() - start

    rng = np.random.default_rng(20240611)
    site_ids = data["site_ids"]
    if site_ids.size > n_sites:
        site_ids = rng.choice(site_ids, n_sites, replace=False)
    start = time.perf_counter()
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
    start = time.perf_counter()
    analysis = mg.analyse_failures(model)
    clock("failure analysis (once)", start)
    start = time.perf_counter()
    roads = build_road_network(data["roads"], road_attributes(len(data["roads"])))
    ways = mg.build_ways(roads, trench_cost=100.0)
    clock("ways graph (roads)", start)
    spec = mg.LoopSpec(
        min_separation=100.0,
        end_distance=250.0,
        max_snap=50.0,
        trench_cost=100.0,
        max_cost=max_cost,
    )
    start = time.perf_counter()
    loops, problems = mg.loop_candidates(
        model, analysis, data["lines"], ways, spec, site_names=site_ids
    )
    clock("loop candidates", start)
    costs = np.array([c.cost for c in loops])
    start = time.perf_counter()
    covers, weights = pf.premises_groups([c.nodes for c in loops], analysis.premises)
    clock("premises groups", start)
    budget = float(costs.sum()) * budget_share
    start = time.perf_counter()
    result = pf.choose_portfolio(costs, covers, weights, budget, time_limit=60.0)
    clock("portfolio (milp)", start)
    start = time.perf_counter()
    greedy = pf.choose_portfolio(costs, covers, weights, budget, method="greedy")
    clock("portfolio (greedy, for comparison)", start)
    return times, {
        "lines": int(model.network.u.size),
        "road edges": int(len(data["roads"])),
        "sites tried": int(site_ids.size),
        "loop candidates": len(loops),
        "sites without a loop": len(problems),
        "premises groups": int(weights.size),
        "budget (EUR)": round(budget),
        "plan: actions": int(result.chosen.sum()),
        "plan: premises secured": result.value,
        "plan: method": result.method,
        "greedy: premises secured": greedy.value,
        "greedy: reported gap": f"{greedy.gap:.2%}",
    }


def main(scale=1.0, data=None, sites=1000, max_cost=1_000_000.0, share=0.2):
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
    times, counts = run(region, sites, max_cost, share)
    for key, value in counts.items():
        print(f"  {key:32s} {value}")
    for key, value in times.items():
        print(f"  {key:38s} {value:8.1f} s")
    core = times["loop candidates"] + times["premises groups"] + times["portfolio (milp)"]
    print(
        f"candidates + portfolio: {core:.1f} s for {counts['loop candidates']} candidates "
        f"(target: 1,000 in under 60 s)"
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
    args = parser.parse_args()
    main(args.scale / 200, args.data, args.sites, args.max_cost, args.share)
