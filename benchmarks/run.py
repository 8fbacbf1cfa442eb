"""`make bench`: every benchmark, one after the other, each printing its ratios.

python -m benchmarks.run [--scale 1.0] [--only exposure,redundancy]
python -m benchmarks.run --only plan,returnperiods   # regional set: ~20 min idle, more loaded
python -m benchmarks.run --only power   # powerresilience, region-wide outage (regional set)
python -m benchmarks.run --only mitigation           # regional set if there, else scale 20
python -m benchmarks.run --only delivery             # the GraceTHD read: regional set, else 20
"""

import argparse
import importlib
import time

BENCHMARKS = [
    "delivery",
    "exposure",
    "access",
    "redundancy",
    "scoring",
    "restoration",
    "plan",
    "returnperiods",
    "power",
    "mitigation",
]
# These need the generated regional set: without it they say how to get it and are skipped,
# unless named in --only, which generates it (a few minutes, once).
ON_REGIONAL_SET = {"plan", "returnperiods", "power"}


def main() -> None:
    parser = argparse.ArgumentParser(description="Fibre Resilience benchmarks")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="data size factor (1 = issue sizes)"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated subset of " + ",".join(BENCHMARKS)
    )
    args = parser.parse_args()
    chosen = [name for name in BENCHMARKS if not args.only or name in args.only.split(",")]
    for name in chosen:
        print(f"\n=== {name} " + "=" * (60 - len(name)))
        start = time.perf_counter()
        bench = importlib.import_module(f"benchmarks.bench_{name}")
        if name in ON_REGIONAL_SET:
            bench.main(scale=args.scale, generate=bool(args.only))
        else:
            bench.main(scale=args.scale)
        print(f"({name}: {time.perf_counter() - start:.1f} s in all)")


if __name__ == "__main__":
    main()
