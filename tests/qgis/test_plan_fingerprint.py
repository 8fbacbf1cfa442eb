"""The shipped model on a medium territory gives the recorded results, on every lane.

A speed-up must not change a result (issue 17): the whole `resilienceplan` model runs on the
territory that ``scripts/sample_territory.py --scale 20`` generates (70,000 premises, 50,000
routes, 100,000 road edges; byte-identical for the same seed and scale), as the regional
benchmark runs it (benchmarks/bench_plan.py), and every output layer and report sheet is
compared with ``benchmarks/fingerprints/plan_scale20.json``. The fingerprint is the tolerant
one of benchmarks/fingerprint.py: float noise of another QGIS, GEOS, GDAL or numpy is not a
difference, a value changed by a unit of its last decimal (a vertex by a millimetre) is.

About 2 minutes on 2 cores (generation 15 s, model 70-110 s, fingerprint 10 s). After a
deliberate change of results, record anew and commit the file:

    python -m benchmarks.bench_plan --scale 20 --record
"""

import json
import shutil

from osgeo import ogr

from fibre_resilience.benchmarks import bench_plan
from fibre_resilience.benchmarks.fingerprint import file_fingerprint, tolerant_differences

SCALE = 20


def _outputs_only(fingerprint):
    return {k: v for k, v in fingerprint.items() if not k.startswith("input:")}


def _edit(path, layer_name, change):
    """Change the first feature of a layer in place (a copy of an output)."""
    dataset = ogr.Open(str(path), update=1)
    layer = dataset.GetLayerByName(layer_name)
    feature = layer.GetNextFeature()
    change(feature)
    layer.SetFeature(feature)
    dataset = None


def _moved_by_a_millimetre(feature):
    geometry = feature.GetGeometryRef()
    x, y = geometry.GetX(0), geometry.GetY(0)
    geometry.SetPoint_2D(0, x + 0.001, y)


def _explained(changed, recorded, current, results, region, folder):
    """What differs, whether the generated territory differs too, and where this run's
    fingerprint is (to compare at leisure, e.g. in a test lane)."""
    inputs = bench_plan.fingerprint_results(results, region, tolerant=True)
    inputs = {k: v for k, v in inputs.items() if k.startswith("input:")}
    recorded_inputs = {k: v for k, v in recorded.items() if k.startswith("input:")}
    generator = tolerant_differences(recorded_inputs, inputs)
    where = "the generated territory differs too" if generator else "the same territory"
    found = folder / "plan_scale20.json"
    found.write_text(json.dumps({**current, **inputs}, indent=1, sort_keys=True) + "\n")
    listed = "\n".join(changed[:40] + generator[:20])
    return (
        f"the results differ from {bench_plan.fingerprint_path(SCALE).name} ({where}; "
        f"this run's fingerprint: {found}):\n{listed}\n"
        "A deliberate change: python -m benchmarks.bench_plan --scale 20 --record"
    )


def test_the_plan_at_scale_20_gives_the_recorded_results(run_algorithm, scale20_region, tmp_path):
    region = scale20_region  # the territory of SCALE
    out = tmp_path / "out"
    out.mkdir()
    results = run_algorithm(bench_plan.MODEL_ID, bench_plan.parameters(region, out))
    recorded = json.loads(bench_plan.fingerprint_path(SCALE).read_text())
    current = bench_plan.fingerprint_results(results, tolerant=True)
    changed = tolerant_differences(_outputs_only(recorded), current)
    assert not changed, _explained(changed, recorded, current, results, region, tmp_path)

    # The comparison can fail: one real of one output off by a unit of its last decimal, one
    # vertex of another moved by a millimetre.
    for name, layer_name, change, column in (
        (
            "access:crew_routes",
            "access_crew_routes",
            lambda f: f.SetField("ac_km", f.GetField("ac_km") + 1e-3),
            "ac_km",
        ),
        ("access:blocked_roads", "access_blocked_roads", _moved_by_a_millimetre, "geometry"),
    ):
        edited = tmp_path / f"edited_{layer_name}.gpkg"
        shutil.copyfile(results[name], edited)
        _edit(edited, layer_name, change)
        found = tolerant_differences(
            {name: recorded[name]}, {name: file_fingerprint(edited, tolerant=True)}
        )
        assert any(f"{layer_name}/{column}/" in line for line in found), (name, found)
