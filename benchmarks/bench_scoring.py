"""Asset scoring: how fast the live preview rescoring is (``make bench``).

Scores N features (default 100,000) on 6 criteria covering every normalisation and NULL
policy, and prints the best of several runs of:
- a full score (normalise + weight + rank + classes), as the algorithm does;
- a weight change with the normalised risks kept, as the dock does while a slider moves;
- rank stability of the top 20 over 300 draws of ±20 % weights.

Usage: python benchmarks/bench_scoring.py [N]
"""

import sys
import time
from pathlib import Path

import numpy as np

try:
    from .common import import_plugin_package
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.common import import_plugin_package

import_plugin_package()

from fibre_resilience.core.criteria import parse_criteria  # noqa: E402
from fibre_resilience.core.scoring import (  # noqa: E402
    combine,
    normalise,
    rank_scores,
    rank_stability,
    score_assets,
)

CRITERIA = """\
hz_level | weight=3 | higher | thresholds=1;2;3;4 | nulls=lowest | label=Flood level
rd_prem | weight=2 | higher | log | nulls=lowest | label=Premises cut
rd_divers | weight=2 | lower | rank | nulls=highest | label=Diversity
ac_delay | weight=1.5 | higher | minmax | nulls=highest | label=Access delay
gt_prio | weight=1 | higher | rank | nulls=exclude | label=Priority
gt_aer_m | weight=1 | higher | minmax | nulls=lowest | label=Aerial length
"""


def _columns(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    prio = rng.integers(1, 4, n).astype(float)
    prio[rng.random(n) < 0.01] = np.nan
    delay = rng.gamma(2.0, 10.0, n)
    delay[rng.random(n) < 0.05] = np.nan
    return [
        rng.integers(0, 5, n).astype(float),
        np.floor(rng.pareto(1.5, n) * 20),
        rng.integers(0, 3, n).astype(float),
        delay,
        prio,
        np.where(rng.random(n) < 0.4, rng.uniform(0, 800, n), 0.0),
    ]


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 100_000, scale: float = 1.0) -> None:
    """Time the scoring core on ``n * scale`` features (``make bench`` passes ``scale``)."""
    n = max(int(n * scale), 10)
    criteria = parse_criteria(CRITERIA)
    columns = _columns(n)
    full = _best(lambda: score_assets(columns, criteria))
    full_product = _best(lambda: score_assets(columns, criteria, method="product"))
    risks = normalise(criteria, columns)
    weights = np.array([c.weight for c in criteria])
    rng = np.random.default_rng(1)

    def slider_move():
        score, _ = combine(risks, weights * rng.uniform(0.5, 1.5, len(weights)))
        rank_scores(score)

    live = _best(slider_move, repeat=10)
    stability = _best(lambda: rank_stability(risks, top=20, draws=300, spread=0.2), repeat=2)
    print(f"scoring {n:,} features x {len(criteria)} criteria")
    print(f"  full score (normalise, weight, rank, classes), sum:     {full * 1000:8.1f} ms")
    print(f"  full score, weighted product:                          {full_product * 1000:8.1f} ms")
    print(f"  live preview: weight change, rescore and rerank:       {live * 1000:8.1f} ms")
    print(f"  rank stability, top 20, 300 draws of +/-20 % weights:  {stability * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
