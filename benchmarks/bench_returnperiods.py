"""`returnperiods` on the regional routes: three TRI scenarios against one at a time.

Issue 14: the graph is built once and the scenarios reuse it, so three scenarios must cost
less than three single-scenario runs. On the regional set (see bench_plan.py; its flood zones
hold the three TRI scenarios 01For, 02Moy, 04Fai) the delivery is read once into
``benchmarks/data/region/read`` (kept); then returnperiods runs with all three scenarios and
with each alone (the zones filtered by a subset), every run writing lines, premises and the
summary by commune as GeoPackages, and each run's time and peak memory are printed (peak of
the process, reset before each run, and what the run added to the memory it started with).
Last, the three-scenario run again under cProfile: where the time goes.

    python -m benchmarks.bench_returnperiods [--scale 200] [--no-profile]
"""

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path

from .common import ensure_region, gb, peak_memory, qgis_app, reset_peak_memory

SCENARIOS = ("01For", "02Moy", "04Fai")
READ_OUTPUTS = ("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT")


def read_delivery(region: Path) -> dict:
    """The GraceTHD reader's outputs, made once into ``region/read``."""
    from qgis import processing

    folder = region / "read"
    paths = {key: str(folder / f"{key.lower()}.gpkg") for key in READ_OUTPUTS}
    if not all(Path(p).exists() for p in paths.values()):
        folder.mkdir(exist_ok=True)
        start = time.perf_counter()
        processing.run(
            "fibreresilience:gracethdnetwork",
            dict(paths, SOURCE=str(region / "gracethd_v3.gpkg")),
        )
        print(f"delivery read once into {folder} ({time.perf_counter() - start:.0f} s)")
    return paths


def parameters(region: Path, read: dict, out: Path, scenarios) -> dict:
    zones = f"{region / 'territory.gpkg'}|layername=flood_zones"
    if len(scenarios) < len(SCENARIOS):
        zones += '|subset="scenario" IN ({})'.format(", ".join(f"'{s}'" for s in scenarios))
    return {
        "NETWORK": read["ROUTES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "ROOTS": read["NODES"] + "|subset=\"gt_role\" = 'NRO'",
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": read["PREMISES"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "HAZARD": zones,
        "SCENARIO_FIELD": "scenario",  # RETURN_PERIODS empty: the TRI years 10, 100, 1000
        "AGGREGATE": f"{region / 'territory.gpkg'}|layername=communes",
        "AGGREGATE_FIELD": "nom",
        "OUTPUT_LINES": str(out / "lines.gpkg"),
        "OUTPUT_PREMISES": str(out / "premises.gpkg"),
        "SUMMARY": str(out / "summary.gpkg"),
    }


def run_once(region, read, scenarios, profiler=None):
    """(seconds, CPU seconds, peak bytes, bytes at the start, EAI_PREMISES) of one run."""
    from qgis import processing

    with tempfile.TemporaryDirectory(prefix="bench_rp_") as out:
        values = parameters(region, read, Path(out), scenarios)
        reset_peak_memory()
        before = peak_memory()
        start, cpu = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        result = processing.run("fibreresilience:returnperiods", values)
        if profiler is not None:
            profiler.disable()
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        return seconds, cpu, peak_memory(), before, result["EAI_PREMISES"]


def print_profile(profiler, top=25):
    """The entries that take the most time, by cumulative then own time, and rp_levels."""
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        stats = pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order)
        stats.print_stats(top)
        lines = text.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        print(f"\nprofile by {order} time (top {top}):")
        print("\n".join(lines[start : start + top + 1]))
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats("core.return_periods")
    kept = [line for line in text.getvalue().splitlines() if "return_periods.py:43" in line]
    print("\nthe per-line rp_levels text (core/return_periods.py, list and generator):")
    print("\n".join(kept) or "  (not in the profile)")


def main(scale=1.0, generate=False, profile=True):
    territory_scale = 200 * scale
    region = ensure_region(territory_scale, generate)
    if region is None:
        return None
    qgis_app()
    read = read_delivery(region)
    runs = [("3 scenarios", SCENARIOS)] + [(f"only {s}", (s,)) for s in SCENARIOS]
    print(f"\n{'run':<14} {'time':>9} {'CPU':>9} {'peak memory':>12} {'added':>10}", end="")
    print(f" {'EAI premises':>13}")
    figures = {}
    for name, scenarios in runs:
        seconds, cpu, peak, before, eai = run_once(region, read, scenarios)
        figures[name] = (seconds, cpu, peak)
        print(
            f"{name:<14} {seconds:7.1f} s {cpu:7.1f} s {gb(peak):>12} {gb(peak - before):>10}",
            end="",
        )
        print(f" {eai:13.2f}")
    for index, what in ((0, "time"), (1, "CPU")):
        three = figures["3 scenarios"][index]
        singles = sum(figures[f"only {s}"][index] for s in SCENARIOS)
        verdict = "met" if three < singles else "NOT met"
        print(f"{what}: three scenarios in one run / three single runs: {three:.1f} s / ", end="")
        print(f"{singles:.1f} s = {three / singles:.2f} (issue 14: below 1: {verdict})")
    if profile:
        profiler = cProfile.Profile()
        seconds, *_ = run_once(region, read, SCENARIOS, profiler)
        print(f"\n3 scenarios under cProfile: {seconds:.1f} s")
        print_profile(profiler)
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=200, help="territory scale (200)")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    args = parser.parse_args()
    main(args.scale / 200, generate=True, profile=not args.no_profile)
