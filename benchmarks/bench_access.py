"""Crew access against ``native:shortestpathlayertopoint`` and networkx (``make bench``).

1. A jittered grid of about 180,000 two-way road edges (bent lines, speeds 20-90 km/h),
   30 flood discs, 10 depots, 1,000 targets, written to GeoPackages.
   ``fibreresilience:accessroutes`` end to end (read, blocking, snapping, both conditions,
   write) against ``native:shortestpathlayertopoint`` (START_POINTS = the targets,
   END_POINT = a depot, fastest, the same speed field and default speed). The native builds
   its graph and runs one full Dijkstra per start point in every run, and a nearest-depot
   answer needs one run per depot: (a) all 10 depots on a subset of the targets, whose
   minutes to the nearest depot must match ``ac_t0_min``; (b) one depot with all the
   targets, timed, against our single-depot run (same minutes); the native time for the
   whole job is 10 x (b), every depot's run doing the same work. Its cost is in hours from
   target to depot (roads are two-way, so the same as depot to target); our minutes are in
   planar metres of a transverse Mercator CRS with scale 1 on the grid's central meridian,
   where the native's ellipsoidal lengths agree to 3e-6. Target: 100x per target.
2. Our core against networkx ``multi_source_dijkstra`` on the very pieces it cut (times
   identical in both conditions).
3. The regional size: about 1,000,000 road edges and 100,000 targets through
   ``fibreresilience:accessroutes`` end to end. Target: under 60 s.
4. The regional set (``scripts/sample_territory.py --scale 200``, when it is in
   ``benchmarks/data/region`` or the folder ``FIBRE_RESILIENCE_REGION`` names; skipped
   otherwise, or below scale 1) as the ``resilienceplan`` model runs the step: its roads
   (OSM preset), 30 depots and the 18 flood zones of every scenario, the failed nodes
   (``hazardexposure`` of the delivery's nodes, ``hz_failed = 1``: 19,962) as targets, every
   output a GeoPackage. Target (issue 17): under 30 s; the figure before issue 17 is the
   baseline (the regional model's access step, README "Performance").

Each of our runs prints its wall time, CPU time (user + system, of every thread: less
sensitive to a loaded machine) and peak memory (the resident high-water mark of the run).
Sizes shrink with ``scale`` (``make bench --scale 0.1``).

    python -m benchmarks.bench_access [--scale 1.0]
"""

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

from .common import (
    ensure_region,
    gb,
    import_plugin_package,
    peak_memory,
    qgis_app,
    report,
    reset_peak_memory,
    timed,
)

SPACING = 100.0
# Transverse Mercator with scale 1 on its central meridian (x = 0), the grid centred on it:
# QGIS 3.22's native graph measures ellipsoidal lengths, and there they agree with our planar
# metres to within 3e-6 over a 30 km grid (Lambert-93 would differ by its scale, ~1e-3).
CRS = "+proj=tmerc +lat_0=0 +lon_0=3 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"
Y0 = 5_000_000.0
DEFAULT_SPEED = 50.0
NATIVE_TARGETS = 20  # targets per native run at scale 1 (x 10 depots): ~0.9 s per Dijkstra
# The regional model's access step before issue 17 (README "Performance", the bulk writer
# run): seconds wall, seconds CPU.
REGIONAL_BEFORE = (156.0, 96.0)
REGIONAL_TARGET = 30.0


def grid_roads(n_edges: int, seed: int = 0):
    """A jittered grid of about ``n_edges`` bent two-way roads with speeds (km/h)."""
    rng = np.random.default_rng(seed)
    side = int(np.sqrt(n_edges / 2)) + 1
    i, j = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    x = (i - side / 2) * SPACING + rng.uniform(-20, 20, i.shape)
    y = Y0 + j * SPACING + rng.uniform(-20, 20, i.shape)
    ends = []
    for di, dj in ((1, 0), (0, 1)):
        ai, aj = i[: side - di, : side - dj].ravel(), j[: side - di, : side - dj].ravel()
        ends.append((ai, aj, ai + di, aj + dj))
    ai, aj, bi, bj = (np.concatenate(k) for k in zip(*ends))
    keep = rng.random(ai.size) < 0.97
    ai, aj, bi, bj = ai[keep], aj[keep], bi[keep], bj[keep]
    ax, ay, bx, by = x[ai, aj], y[ai, aj], x[bi, bj], y[bi, bj]
    mx = (ax + bx) / 2 + rng.uniform(-8, 8, ax.size)
    my = (ay + by) / 2 + rng.uniform(-8, 8, ax.size)
    coords = np.stack([np.c_[ax, ay], np.c_[mx, my], np.c_[bx, by]], axis=1).reshape(-1, 2)
    lines = shapely.linestrings(coords, indices=np.repeat(np.arange(ax.size), 3))
    kmh = np.round(rng.uniform(20, 90, lines.size), 1)
    return lines, kmh, (-side / 2 * SPACING, Y0), side * SPACING


def scenario(n_edges: int, n_targets: int, n_depots: int = 10, seed: int = 0):
    lines, kmh, origin, extent = grid_roads(n_edges, seed)
    rng = np.random.default_rng(seed + 1)
    centres = np.array(origin) + rng.uniform(0, extent, (30, 2))
    discs = shapely.buffer(shapely.points(centres), rng.uniform(0.02, 0.06, 30) * extent)
    depots = shapely.points(np.array(origin) + rng.uniform(0, extent, (n_depots, 2)))
    targets = shapely.points(np.array(origin) + rng.uniform(0, extent, (n_targets, 2)))
    return lines, kmh, discs, depots, targets


def write_layer(path: Path, geometries, columns: dict) -> str:
    """A GeoPackage layer through GDAL's CSV reader (fast in bulk): WKT plus typed columns."""
    from osgeo import gdal

    frame = pd.DataFrame(columns)
    frame.insert(0, "wkt", shapely.to_wkt(geometries, rounding_precision=-1))
    csv = path.with_suffix(".csv")
    frame.to_csv(csv, index=False)
    kinds = {"i": "Integer", "u": "Integer", "f": "Real"}
    types = ["WKT"] + [kinds.get(frame[c].dtype.kind, "String") for c in columns]
    csv.with_suffix(".csvt").write_text(",".join(f'"{t}"' for t in types))
    gdal.UseExceptions()
    gdal.VectorTranslate(
        str(path),
        str(csv),
        format="GPKG",
        layerName=path.stem,
        dstSRS=CRS,
        srcSRS=CRS,
        options=["-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO"],
    )
    csv.unlink()
    csv.with_suffix(".csvt").unlink()
    return str(path)


def write_scenario(work: Path, name: str, lines, kmh, discs, depots, targets) -> dict:
    return {
        "roads": write_layer(work / f"{name}_roads.gpkg", lines, {"kmh": kmh}),
        "flood": write_layer(work / f"{name}_flood.gpkg", discs, {"zone": np.arange(discs.size)}),
        "depots": write_layer(
            work / f"{name}_depots.gpkg", depots, {"depot": [f"D{k}" for k in range(depots.size)]}
        ),
        "targets": write_layer(
            work / f"{name}_targets.gpkg", targets, {"tid": np.arange(targets.size)}
        ),
    }


def ours(processing, files: dict, context, output: str) -> dict:
    """fibreresilience:accessroutes on the files; returns the run's outputs."""
    return processing.run(
        "fibreresilience:accessroutes",
        {
            "ROADS": files["roads"],
            "SPEED_FIELD": "kmh",
            "DEFAULT_SPEED": DEFAULT_SPEED,
            "DEPOTS": files["depots"],
            "DEPOT_FIELD": "depot",
            "TARGETS": files["targets"],
            "BLOCKED": files["flood"],
            "MAX_SNAP": 500.0,
            "OUTPUT": output,
        },
        context=context,
    )


def measured(run):
    """``run()``'s result with its wall and CPU seconds and peak resident bytes."""
    reset_peak_memory()
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - start, time.process_time() - cpu, peak_memory()


def read_column(path_or_layer, key: str, name: str, size: int) -> np.ndarray:
    from qgis.core import QgsVectorLayer

    layer = path_or_layer
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "out", "ogr")
    out = np.full(size, np.nan)
    for feature in layer.getFeatures():
        value = feature[name]
        out[feature[key]] = np.nan if value is None or value == "" else float(value)
    return out


def native_minutes(processing, files: dict, depots, context) -> np.ndarray:
    """Minutes from each subset target to its nearest depot: one native run per depot."""
    from qgis.core import QgsPointXY, QgsProcessing, QgsReferencedPointXY

    crs = context.project().crs()
    best = None
    for xy in shapely.get_coordinates(depots):
        result = processing.run(
            "native:shortestpathlayertopoint",
            {
                "INPUT": files["roads"],
                "STRATEGY": 1,  # fastest: cost in hours
                "SPEED_FIELD": "kmh",
                "DEFAULT_SPEED": DEFAULT_SPEED,
                "DIRECTION": 2,  # both directions
                "TOLERANCE": 0,
                "START_POINTS": files["targets"],
                "END_POINT": QgsReferencedPointXY(QgsPointXY(xy[0], xy[1]), crs),
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
            context=context,
        )
        layer = result["OUTPUT"]
        if isinstance(layer, str):
            from fibre_resilience.adapters.sinks import output_layer

            layer = output_layer(layer, context)
        size = int(max(f["tid"] for f in layer.getFeatures())) + 1
        minutes = read_column(layer, "tid", "cost", size) * 60.0
        best = minutes if best is None else np.fmin(best, minutes)
    return best


def networkx_check(lines, kmh, discs, depots, targets) -> dict:
    """Our core against networkx multi-source Dijkstra on the pieces our core cut."""
    import networkx as nx

    from fibre_resilience.core.access import access_graphs, crew_access
    from fibre_resilience.core.roads import build_road_network, piece_graph, road_attributes

    start = time.perf_counter()
    net = build_road_network(
        lines, road_attributes(lines.size, speed=kmh, default_speed=DEFAULT_SPEED)
    )
    res = crew_access(net, depots, targets, blocked=discs, max_snap=500.0)
    t_core = time.perf_counter() - start
    ag = access_graphs(net, depots, targets, blocked=discs, max_snap=500.0)
    p = ag.pieces
    t_nx = t_scipy = 0.0
    for factor, ours_t in ((None, res.t0_min), (ag.factor, res.t1_min)):
        start = time.perf_counter()
        matrix = piece_graph(net, p, factor).matrix
        dijkstra(matrix, indices=np.unique(ag.depot_nodes), min_only=True)
        t_scipy += time.perf_counter() - start
        coo = matrix.tocoo()
        g = nx.DiGraph()
        g.add_weighted_edges_from(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()))
        start = time.perf_counter()
        dist = nx.multi_source_dijkstra_path_length(g, set(ag.depot_nodes.tolist()))
        t_nx += time.perf_counter() - start
        expect = np.full(targets.size, np.nan)
        expect[np.flatnonzero(ag.target_snap.ok)] = [
            dist.get(int(n), np.nan) for n in ag.target_nodes
        ]
        assert np.allclose(ours_t, expect, rtol=1e-9, equal_nan=True), "times differ"
    return {"core": t_core, "networkx": t_nx, "scipy": t_scipy}


def _load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main(scale: float = 1.0) -> dict:
    qgis_app()
    import_plugin_package()
    from qgis import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingContext, QgsProject

    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem.fromProj(CRS))
    project.setEllipsoid("GRS80")
    context = QgsProcessingContext()
    context.setProject(project)
    work = Path(tempfile.mkdtemp(prefix="bench-access-"))
    out: dict = {"times": {}}
    times = out["times"]

    # 1. against the native shortest path -------------------------------------------------
    n_edges, n_targets = int(180_000 * scale), max(int(1_000 * scale), 20)
    lines, kmh, discs, depots, targets = scenario(n_edges, n_targets)
    files = write_scenario(work, "grid", lines, kmh, discs, depots, targets)
    n_sub = min(n_targets, max(int(NATIVE_TARGETS * scale), 10))
    sub_files = dict(files)
    sub_files["targets"] = write_layer(
        work / "grid_targets_subset.gpkg", targets[:n_sub], {"tid": np.arange(n_sub)}
    )
    print(
        f"data: {lines.size:,} two-way road edges, {depots.size} depots, {n_targets:,} targets, "
        f"{discs.size} flood discs in {work}; {_load()}"
    )
    result, times["ours"], cpu, peak = measured(
        lambda: ours(processing, files, context, "TEMPORARY_OUTPUT")
    )
    print(f"ours: {times['ours']:.1f} s, {cpu:.1f} s CPU, peak memory {gb(peak)}")
    t0 = read_column(result["OUTPUT"], "tid", "ac_t0_min", n_targets)
    with timed(times, "native"):
        native = native_minutes(processing, sub_files, depots, context)
    both = np.isfinite(native) & np.isfinite(t0[:n_sub])
    same_reach = bool(np.array_equal(np.isfinite(native), np.isfinite(t0[:n_sub])))
    worst = float(np.max(np.abs(native[both] - t0[:n_sub][both]) / native[both]))
    out["agree"] = same_reach and worst < 1e-5
    print(
        f"native on {n_sub} targets x {depots.size} depots ({times['native']:.1f} s): minutes "
        f"to the nearest depot agree with ac_t0_min on {both.sum()} targets, worst relative "
        f"difference {worst:.1e}, same reachability: {same_reach}"
    )
    # Every native run costs the same (same graph, same targets): one depot with all the
    # targets, timed, stands for each of the runs a nearest-depot answer needs.
    one = dict(files)
    one["depots"] = write_layer(work / "grid_depot_one.gpkg", depots[:1], {"depot": ["D0"]})
    with timed(times, "native_one_depot"):
        native_one = native_minutes(processing, one, depots[:1], context)
    single = ours(processing, one, context, "TEMPORARY_OUTPUT")
    t0_one = read_column(single["OUTPUT"], "tid", "ac_t0_min", n_targets)
    ok = np.isfinite(native_one) & np.isfinite(t0_one)
    worst_one = float(np.max(np.abs(native_one[ok] - t0_one[ok]) / native_one[ok]))
    same_one = bool(np.array_equal(np.isfinite(native_one), np.isfinite(t0_one)))
    out["agree"] = out["agree"] and same_one and worst_one < 1e-5
    print(
        f"native, 1 depot x {n_targets} targets: {times['native_one_depot']:.1f} s; "
        f"minutes agree with our single-depot run on {ok.sum()} targets, worst relative "
        f"difference {worst_one:.1e}, same reachability: {same_one}"
    )
    per_ours = times["ours"] / n_targets
    per_native = times["native_one_depot"] * depots.size / n_targets
    print(
        f"per target: ours {per_ours * 1e3:.2f} ms (all {n_targets} targets, nearest of "
        f"{depots.size} depots, both conditions, read and write included); native "
        f"{per_native * 1e3:.0f} ms ({depots.size} runs like the one above, normal condition "
        f"only); native on the subset: {times['native'] / n_sub * 1e3:.0f} ms"
    )
    out["ratio"] = report(
        f"crew access for {n_targets:,} targets ({lines.size:,} edges, {depots.size} depots): "
        f"native = {depots.size} x the timed one-depot run",
        times["ours"],
        per_native * n_targets,
        "native:shortestpathlayertopoint",
        target=100,
    )

    # 2. core against networkx on the same pieces -----------------------------------------
    nx_times = networkx_check(lines, kmh, discs, depots, targets)
    print("core times identical to networkx (rtol 1e-9), normal and hazard")
    report(
        "searches alone: scipy (graph + multi-source Dijkstra) vs networkx, both conditions",
        nx_times["scipy"],
        nx_times["networkx"],
        "networkx",
    )

    # 3. the regional size, end to end ----------------------------------------------------
    n_edges, n_targets = int(1_000_000 * scale), int(100_000 * scale)
    lines, kmh, discs, depots, targets = scenario(n_edges, n_targets, seed=7)
    files = write_scenario(work, "region", lines, kmh, discs, depots, targets)
    load = _load()
    result, times["regional"], cpu, peak = measured(
        lambda: ours(processing, files, context, str(work / "region_access.gpkg"))
    )
    limit = 60.0
    print(
        f"regional size: {lines.size:,} road edges, {n_targets:,} targets, {depots.size} "
        f"depots: fibreresilience:accessroutes end to end {times['regional']:.1f} s, "
        f"{cpu:.1f} s CPU, peak memory {gb(peak)} (target < {limit:g} s: "
        f"{'met' if times['regional'] < limit else 'NOT met'}); "
        f"{int(result['UNREACHABLE_COUNT']):,} unreachable under the flood; {load} before the run"
    )
    result = None
    shutil.rmtree(work, ignore_errors=True)  # hundreds of MB at scale 1

    # 4. the regional set, as the model runs the step ---------------------------------------
    region = ensure_region(200, generate=False) if scale >= 1 else None
    if region is not None:
        out["regional_set"] = regional_set(processing, region)
    return out


def model_targets(processing, region: Path, work: Path, context) -> str:
    """The model's targets: the delivery's nodes in the hazard at the failure level, as the
    model's nodes_exposure and failed_nodes steps make them (the same nodes: the delivery
    read keeps every t_noeud point)."""
    territory = region / "territory.gpkg"
    exposed = processing.run(
        "fibreresilience:hazardexposure",
        {
            "INPUT": f"{region / 'gracethd_v3.gpkg'}|layername=t_noeud",
            "HAZARD": f"{territory}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,  # TRI scenarios, as benchmarks/bench_plan.py runs the model
            "FAIL_LEVEL": 3,
            "BUFFER": 0.0,
            "OUTPUT": str(work / "nodes_exposure.gpkg"),
        },
        context=context,
    )["OUTPUT"]
    return processing.run(
        "native:extractbyexpression",
        {"INPUT": exposed, "EXPRESSION": '"hz_failed" = 1', "OUTPUT": str(work / "failed.gpkg")},
        context=context,
    )["OUTPUT"]


def regional_set(processing, region: Path) -> dict:
    """fibreresilience:accessroutes on the regional set with the model's parameters."""
    from qgis.core import QgsProcessingContext

    work = Path(tempfile.mkdtemp(prefix="bench-access-region-"))
    context = QgsProcessingContext()
    targets = model_targets(processing, region, work, context)
    territory = region / "territory.gpkg"
    parameters = {
        "ROADS": f"{territory}|layername=roads",
        "SPEED_PRESET": 1,
        "DEFAULT_SPEED": 50.0,
        "DEPOTS": f"{territory}|layername=depots",
        "DEPOT_FIELD": "depot_id",
        "TARGETS": targets,
        "BLOCKED": f"{territory}|layername=flood_zones",
        "MAX_DEPTH": 0.3,
        "DEPTH_SPEED_FACTOR": 1.0,
        "KEEP_BRIDGES": True,
        "MAX_SNAP": 500.0,
        "OUTPUT": str(work / "targets.gpkg"),
        "ROUTES": str(work / "crew_routes.gpkg"),
        "BLOCKED_ROADS": str(work / "blocked_roads.gpkg"),
    }
    load = _load()
    result, seconds, cpu, peak = measured(
        lambda: processing.run("fibreresilience:accessroutes", parameters, context=context)
    )
    print(
        f"regional set {region} as the model runs it ({load} before the run): "
        f"{cpu:.1f} s CPU, peak memory {gb(peak)}; "
        f"{int(result['UNREACHABLE_COUNT']):,} targets unreachable under the flood"
    )
    before, before_cpu = REGIONAL_BEFORE
    report(
        "accessroutes on the regional set, against the same step before issue 17 "
        f"({before_cpu:g} s CPU then)",
        seconds,
        before,
        "before",
    )
    verdict = "met" if seconds < REGIONAL_TARGET else "NOT met"
    print(f"  target < {REGIONAL_TARGET:g} s: {verdict}")
    shutil.rmtree(work, ignore_errors=True)
    return {"seconds": seconds, "cpu": cpu, "peak": peak}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the sizes above")
    main(parser.parse_args().scale)
