"""The whole shipped model `resilienceplan` on the regional set, step by step, and its results.

The regional set is ``scripts/sample_territory.py --scale 200`` in ``benchmarks/data/region``
(699,430 premises, 515,704 routes, 1,000,550 road edges), generated once (about 3 min) and
reused; without it the benchmark says how to get it and is skipped, unless asked for by name
(``python -m benchmarks.run --only plan``), which generates it.

The model runs as users run it (one Processing call, every output a GeoPackage in a temporary
folder). Each step's wall time and peak memory come from the model's own log: at the verbose
log level it announces each child ("Prepare algorithm: <child id>") on the feedback before
running it; the step lasts until the next announcement, and its peak is the process's resident
high-water mark, reset at each announcement (Linux /proc/self/clear_refs, see common.py).
Running each child in a fresh process would give the same peaks but not the model's own
hand-over between steps, which is part of what users wait for.

The results are fingerprinted (benchmarks/fingerprint.py) and compared with
``benchmarks/fingerprints/plan_scale<N>.json``: the first run records it, every later run must
match it (``--record`` records anew, after a deliberate change of results). A new record is
tolerant (the same on every QGIS version the lanes test; scale 20 is what
tests/qgis/test_plan_fingerprint.py compares in CI); the scale-200 record is exact, made on
this machine and kept exact until recorded anew. It was first made before the speed-ups of
issue 17, and recorded again on 2026-12-03 from a run of main (34a0bbd) whose only differences
from the first were the fields and figures added since on purpose (hz_len_1..4, the report's
key figures by tier); every count and every other field's sum was equal.

    python -m benchmarks.bench_plan [--scale 200] [--record] [--keep FOLDER]
"""

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from .common import REPO, ensure_region, gb, peak_memory, qgis_app, reset_peak_memory

MODEL_ID = "fibreresilience:resilienceplan"
FINGERPRINTS = REPO / "benchmarks" / "fingerprints"
CRITERIA = "\n".join(
    [
        "hz_level | weight=3 | higher | thresholds=1;2;3;4",
        "hz_length | weight=2 | log",
        '"gt_cables" | weight=1 | minmax',
    ]
)
LAYERS = (
    "routes_exposure:exposure",
    "nodes_exposure:exposure",
    "premises_exposure:exposure",
    "redundancy:segments",
    "redundancy:sites",
    "redundancy:groups",
    "impact:premises",
    "impact:summary",
    "access:targets",
    "access:crew_routes",
    "access:blocked_roads",
    "scoring:routes",
)
REPORT = {"report:html": "html", "report:pdf": "pdf", "report:tables": "xlsx"}
PROVENANCE = ("Inputs", "Parameters", "Versions")  # sheets naming paths and versions
INPUTS = ("gracethd_v3.gpkg", "territory.gpkg")  # the generated files the model reads
# The last figures measured on this machine (issue 17), seconds and bytes: each step of the
# model run of main a90e0a9 on 2026-12-04 (load average about 2: a lane being built beside it),
# CPU 133.9 s of the whole model's 155.9 s wall. None where a step was not measured.
LAST = {
    "delivery": (52.4, 3.55e9),
    "premises_exposure": (4.5, 2.17e9),
    "routes_exposure": (5.7, 2.27e9),
    "nodes_exposure": (8.2, 2.41e9),
    "redundancy": (19.3, 2.40e9),
    "scoring": (6.1, 2.20e9),
    "impact": (17.8, 2.23e9),
    "access": (18.6, 2.20e9),
    "report": (22.2, 2.25e9),
    "whole model": (155.9, 3.55e9),
}


def parameters(region: Path, out: Path) -> dict:
    """As tests/qgis/test_resilience_plan_model.py runs the model, on the regional files."""
    territory = region / "territory.gpkg"
    values = {
        "delivery": str(region / "gracethd_v3.gpkg"),
        "hazard": f"{territory}|layername=flood_zones",
        "hazard_field": "scenario",
        "preset": 1,  # TRI scenarios
        "fail_level": 3,
        "roads": f"{territory}|layername=roads",
        "depots": f"{territory}|layername=depots",
        "depot_field": "depot_id",
        "keep_bridges": True,
        "criteria": CRITERIA,
        "communes": f"{territory}|layername=communes",
        "sensitive_sites": f"{territory}|layername=sensitive_sites",
        "sensitive_name_field": "name",
    }
    values.update({name: str(out / f"{name.replace(':', '_')}.gpkg") for name in LAYERS})
    values.update({n: str(out / f"{n.replace(':', '_')}.{ext}") for n, ext in REPORT.items()})
    return values


def step_clock(children):
    """A feedback that times the model's children from its announcements of them."""
    from qgis.core import QgsProcessingFeedback

    announce = re.compile(r"(\S+)\s*$")

    class StepClock(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.steps = []  # [child id, start, cpu start, seconds, cpu seconds, peak bytes]
            self.warnings = []

        def close_step(self):
            if self.steps and self.steps[-1][3] is None:
                step = self.steps[-1]
                step[3] = time.perf_counter() - step[1]
                step[4] = time.process_time() - step[2]
                step[5] = peak_memory()
                print(
                    f"  {step[0]:<18} {step[3]:8.1f} s {step[4]:8.1f} s CPU  {gb(step[5])}",
                    flush=True,
                )

        def pushDebugInfo(self, text):
            found = announce.search(text)
            if found and found.group(1) in children:
                self.close_step()
                reset_peak_memory()
                start = [time.perf_counter(), time.process_time()]
                self.steps.append([found.group(1), *start, None, None, None])

        def pushWarning(self, text):
            self.warnings.append(text)

    return StepClock()


def run_model(region: Path, out: Path):
    """Run the model once; [(step, seconds, CPU seconds, peak bytes)] in the order run (CPU
    time: of every thread of the process, less sensitive to a loaded machine), the results."""
    from qgis import processing
    from qgis.core import QgsApplication, QgsProcessingContext

    model = QgsApplication.processingRegistry().algorithmById(MODEL_ID)
    clock = step_clock(set(model.childAlgorithms()))
    context = QgsProcessingContext()
    context.setLogLevel(QgsProcessingContext.Verbose)  # the model then announces each child
    start, cpu = time.perf_counter(), time.process_time()
    results = processing.run(MODEL_ID, parameters(region, out), feedback=clock, context=context)
    clock.close_step()
    steps = [(name, seconds, cpu_s, peak) for name, _, _, seconds, cpu_s, peak in clock.steps]
    whole, whole_cpu = time.perf_counter() - start, time.process_time() - cpu
    steps.append(("whole model", whole, whole_cpu, max((s[3] for s in steps), default=0.0)))
    for warning in dict.fromkeys(clock.warnings):
        print(f"  warning: {warning}")
    return steps, results


def print_table(steps, last=LAST):
    print(f"\n{'step':<18} {'time':>9} {'CPU':>9} {'peak memory':>12} {'last figure':>20}", end="")
    print(f" {'ratio':>7}")
    for name, seconds, cpu, peak in steps:
        before_s, before_b = last.get(name, (None, None))
        figure, ratio = "—", ""
        if before_s:
            figure = f"{before_s:.0f} s" + (f", {gb(before_b)}" if before_b else "")
            ratio = f"{before_s / seconds:6.1f}x"
        print(f"{name:<18} {seconds:7.1f} s {cpu:7.1f} s {gb(peak):>12} {figure:>20} {ratio:>7}")


def fingerprint_results(results, region=None, tolerant=False) -> dict:
    """The fingerprint of a run: every layer output and the report's tables (less the sheets
    naming paths and versions). A tolerant one (benchmarks/fingerprint.py) names its format
    and holds the inputs' fingerprints too, so that a difference says whether the generated
    territory or the results differ."""
    from .fingerprint import TOLERANT, file_fingerprint

    current = {name: file_fingerprint(results[name], tolerant) for name in LAYERS}
    tables = file_fingerprint(results["report:tables"], tolerant)
    current["report:tables"] = {k: v for k, v in tables.items() if k not in PROVENANCE}
    if tolerant:
        current["format"] = TOLERANT
        for name in INPUTS if region else ():
            current[f"input:{name}"] = file_fingerprint(Path(region) / name, tolerant=True)
    return current


def fingerprint_differences(recorded: dict, current: dict) -> list:
    """Where a run differs from a recorded fingerprint, in the recorded one's format."""
    from .fingerprint import TOLERANT, differences, tolerant_differences

    if recorded.get("format") == TOLERANT:
        return tolerant_differences(recorded, current)
    return differences(recorded, current)


def fingerprint_path(scale: float) -> Path:
    return FINGERPRINTS / f"plan_scale{scale:g}.json"


def check_fingerprint(results, scale: float, record: bool, region=None) -> bool:
    """Fingerprint every layer output; compare with the recorded one, or record it. A new
    record is tolerant (comparable across QGIS versions); an exact one stays exact."""
    from .fingerprint import TOLERANT

    start = time.perf_counter()
    path = fingerprint_path(scale)
    recorded = json.loads(path.read_text()) if path.exists() else None
    tolerant = recorded is None or recorded.get("format") == TOLERANT
    current = fingerprint_results(results, region, tolerant)
    took = time.perf_counter() - start
    if record or recorded is None:
        FINGERPRINTS.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
        print(f"\nfingerprint recorded in {path.relative_to(REPO)} ({took:.0f} s)")
        return True
    changed = fingerprint_differences(recorded, current)
    if changed:
        print(f"\nRESULTS DIFFER from {path.relative_to(REPO)}:")
        for line in changed[:40]:
            print(f"  {line}")
        return False
    print(f"\nsame results as {path.relative_to(REPO)} ({took:.0f} s to check)")
    return True


def machine_load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def main(scale=1.0, generate=False, record=False, keep=None):
    """``scale`` multiplies the regional scale (1: the regional set, scale 200)."""
    territory_scale = 200 * scale
    region = ensure_region(territory_scale, generate)
    if region is None:
        return None
    qgis_app()
    print(f"whole model on {region} (scale {territory_scale:g}), {machine_load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench_plan_") as temporary:
        out = Path(keep) if keep else Path(temporary)
        out.mkdir(parents=True, exist_ok=True)
        steps, results = run_model(region, out)
        print_table(steps, LAST if territory_scale == 200 else {})
        print(f"({machine_load()} after the run)")
        same = check_fingerprint(results, territory_scale, record, region)
    return steps, same


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=200, help="territory scale (200)")
    parser.add_argument("--record", action="store_true", help="record the fingerprint anew")
    parser.add_argument("--keep", help="write the outputs there instead of a temporary folder")
    args = parser.parse_args()
    done = main(args.scale / 200, generate=True, record=args.record, keep=args.keep)
    sys.exit(0 if done and done[1] else 1)
