"""`powerresilience` on the regional set under a region-wide grid outage.

Issue 15: "the regional set with a region-wide outage, time and memory". On the regional set
(see bench_plan.py; ``FIBRE_RESILIENCE_REGION`` may name a folder generated elsewhere) the
delivery is read once into ``<region>/read`` (kept, shared with bench_returnperiods); then
powerresilience runs on the cables with the POPs as roots and the NROs of ``power.gpkg`` as
active sites, every site losing the grid for OUTAGE_HOURS (no outage zones: the whole region):

- ``outage only``: no mobile generator (the sites' batteries and fixed generators);
- ``10 generators``: ten mobile generators from the three generator depots over the regional
  roads (OSM preset, one-way streets), with the 04Fai flood blocking them (the road graph,
  the flood cut and one hazard search: the cost accessroutes also pays);

each writing its sites and the délestage table as GeoPackages. Per run: wall time, CPU time,
peak memory (the process's resident peak, reset before the run; and what the run added to the
memory it started with) and the figures SITES_DARK, PREMISE_HOURS_POWER, GENERATORS_USED.

    python -m benchmarks.bench_power [--scale 200] [--hours 24]
"""

import argparse
import tempfile
import time
from pathlib import Path

from .bench_returnperiods import read_delivery
from .common import ensure_region, gb, peak_memory, qgis_app, reset_peak_memory

OUTAGE_HOURS = 24.0
RESULTS = ("SITES_DARK", "PREMISE_HOURS_POWER", "GENERATORS_USED")


def parameters(region: Path, read: dict, out: Path, hours: float, generators: int) -> dict:
    """As tests/cli/test_power_cli.py runs it on the sample, with one outage everywhere."""
    power, territory = region / "power.gpkg", region / "territory.gpkg"
    values = {
        "NETWORK": read["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "ROOTS": f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
        "ROOT_NODE_FIELD": "nd_code",
        "PREMISES": read["PREMISES"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": f"{power}|layername=active_sites",
        "SITE_NODE_FIELD": "nd_code",
        "AUTONOMY_FIELD": "autonomy_h",
        "GENERATOR_FIELD": "generator",
        "FEEDER_FIELD": "feeder",
        "OUTAGE_HOURS": hours,
        "SENSITIVE_SITES": f"{territory}|layername=sensitive_sites",
        "OUTPUT": str(out / "sites.gpkg"),
        "PRIORITY": str(out / "priority.gpkg"),
    }
    if generators:
        values.update(
            {
                "GENERATORS": generators,
                "GENERATOR_DEPOTS": f"{power}|layername=generator_depots",
                "GENERATOR_DEPOT_FIELD": "depot_id",
                "ROADS": f"{territory}|layername=roads",
                "SPEED_PRESET": 1,
                "DIRECTION_FIELD": "oneway",
                "BLOCKED": f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
            }
        )
    return values


def run_once(region, read, hours, generators):
    """(seconds, CPU seconds, peak bytes, bytes at the start, results) of one run."""
    from qgis import processing

    with tempfile.TemporaryDirectory(prefix="bench_power_") as out:
        values = parameters(region, read, Path(out), hours, generators)
        reset_peak_memory()
        before = peak_memory()
        start, cpu = time.perf_counter(), time.process_time()
        result = processing.run("fibreresilience:powerresilience", values)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        return seconds, cpu, peak_memory(), before, {k: result[k] for k in RESULTS}


def main(scale=1.0, generate=False, hours=OUTAGE_HOURS):
    territory_scale = 200 * scale
    region = ensure_region(territory_scale, generate)
    if region is None:
        return None
    qgis_app()
    read = read_delivery(region)
    print(f"region-wide grid outage of {hours:g} h on every active site of {region}")
    print(f"\n{'run':<15} {'time':>9} {'CPU':>9} {'peak memory':>12} {'added':>10}", end="")
    print(f" {'dark':>5} {'premise-hours':>14} {'gens':>5}")
    figures = {}
    for name, generators in (("outage only", 0), ("10 generators", 10)):
        seconds, cpu, peak, before, res = run_once(region, read, hours, generators)
        figures[name] = (seconds, cpu, peak, res)
        print(
            f"{name:<15} {seconds:7.1f} s {cpu:7.1f} s {gb(peak):>12} {gb(peak - before):>10}",
            end="",
        )
        print(
            f" {res['SITES_DARK']:>5} {res['PREMISE_HOURS_POWER']:>14.0f}"
            f" {res['GENERATORS_USED']:>5}"
        )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=200, help="territory scale (200)")
    parser.add_argument("--hours", type=float, default=OUTAGE_HOURS, help="outage hours (24)")
    args = parser.parse_args()
    main(args.scale / 200, generate=True, hours=args.hours)
