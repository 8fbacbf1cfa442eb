"""Hazard exposure against the QGIS natives, on the same data, in the same run.

200,000 points and 100,000 lines against 5,000 flood polygons (TRI scenarios), in two
layouts: separate smooth blobs of 400 vertices, and TRI-like nested envelopes (01For in
02Moy in 04Fai) of 2,000 vertices. ``fibreresilience:hazardexposure`` against
``native:joinattributesbylocation`` (points) and ``native:intersection`` (lines). The
natives' outputs are the oracle: the highest level per point from the one-to-many join,
the exposed length per line from the intersection pieces. Targets: 20x the join, 10x the
intersection, identical levels, with memory outputs; with GeoPackage outputs (issue 17: end
to end, writing included) 2x the join and 8x the intersection. ``make bench`` runs both.

Ours runs twice: with the bulk GDAL read (algorithms/bulk_io.py) and feature by
feature as before, each with its time split into reading, writing and the rest (core).
``--output gpkg`` writes every output (natives' too) to GeoPackage files instead of memory.

    python -m benchmarks.bench_exposure [--scale 0.1] [--layout blobs|nested] [--output gpkg]
"""

import argparse
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import shapely

from .common import qgis_app, report, timed

TRI_LEVELS = {"01For": 4, "02Moy": 3, "04Fai": 1}  # written out here, independently of core
# (points, lines) targets against the natives, per destination of the outputs
TARGETS = {"memory": (20, 10), "gpkg": (2, 8)}
OUTPUTS = tuple(TARGETS)
SIDE = 100_000.0  # a 100 km square in Lambert-93
ORIGIN = (600_000.0, 6_980_000.0)


def flood_polygons(count: int, rng, vertices: int = 40) -> tuple:
    """Non-overlapping blobs on a jittered grid, with a TRI scenario each.

    Their outlines wave smoothly (a few harmonics of random phase), as traced flood
    extents do: a vertex every few metres along a curving edge, not a random star.
    """
    per_row = int(np.ceil(np.sqrt(count)))
    spacing = SIDE / per_row
    ij = np.stack(np.divmod(np.arange(count), per_row), axis=1).astype(float)
    centres = (
        np.array(ORIGIN) + (ij + 0.5) * spacing + rng.uniform(-0.05, 0.05, (count, 2)) * spacing
    )
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    wave = np.zeros((count, vertices))
    for harmonic, amplitude in ((2, 0.25), (3, 0.12), (5, 0.06), (9, 0.03)):
        phase = rng.uniform(0, 2 * np.pi, (count, 1))
        wave += amplitude * rng.uniform(0.5, 1.0, (count, 1)) * np.sin(harmonic * angles + phase)
    # at most 1.46 x the base radius, and the base stays under 0.30 spacing: no overlap
    radii = spacing * rng.uniform(0.12, 0.30, (count, 1)) * (1.0 + wave)
    xs = centres[:, :1] + radii * np.cos(angles)
    ys = centres[:, 1:] + radii * np.sin(angles)
    rings = np.stack([xs, ys], axis=2)
    rings = np.concatenate([rings, rings[:, :1]], axis=1)
    polygons = shapely.polygons(rings)
    scenarios = rng.choice(list(TRI_LEVELS), count)
    return polygons, scenarios


def nested_flood_polygons(count: int, rng, vertices: int = 2000) -> tuple:
    """TRI-like envelopes: ``count // 3`` sites, each with 01For inside 02Moy inside 04Fai.

    One smooth outline per site scaled three times, so the envelopes nest exactly (as a
    TRI's scenarios do) and a point in the frequent flood lies in all three polygons.
    """
    sites = max(count // 3, 1)
    per_row = int(np.ceil(np.sqrt(sites)))
    spacing = SIDE / per_row
    ij = np.stack(np.divmod(np.arange(sites), per_row), axis=1).astype(float)
    centres = np.array(ORIGIN) + (ij + 0.5) * spacing
    angles = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    wave = np.zeros((sites, vertices))
    for harmonic, amplitude in ((2, 0.25), (3, 0.12), (5, 0.06), (9, 0.03), (31, 0.01)):
        phase = rng.uniform(0, 2 * np.pi, (sites, 1))
        wave += amplitude * rng.uniform(0.5, 1.0, (sites, 1)) * np.sin(harmonic * angles + phase)
    base = spacing * rng.uniform(0.22, 0.30, (sites, 1)) * (1.0 + wave)
    polygons, scenarios = [], []
    for scenario, factor in (("01For", 0.45), ("02Moy", 0.75), ("04Fai", 1.0)):
        xs = centres[:, :1] + factor * base * np.cos(angles)
        ys = centres[:, 1:] + factor * base * np.sin(angles)
        rings = np.stack([xs, ys], axis=2)
        polygons.append(shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1)))
        scenarios.append(np.full(sites, scenario))
    return np.concatenate(polygons), np.concatenate(scenarios)


def random_points(count: int, rng) -> np.ndarray:
    return shapely.points(np.array(ORIGIN) + rng.uniform(0, SIDE, (count, 2)))


def random_lines(count: int, rng) -> np.ndarray:
    start = np.array(ORIGIN) + rng.uniform(0, SIDE, (count, 1, 2))
    steps = rng.normal(0, 250.0, (count, 3, 2))
    coords = np.concatenate([start, start + np.cumsum(steps, axis=1)], axis=1)
    return shapely.linestrings(coords)


def write_gpkg(path: Path, geometries, fields: dict, geometry_type) -> str:
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer(path.stem, srs, geometry_type)
    for name, values in fields.items():
        kind = ogr.OFTInteger if np.asarray(values).dtype.kind in "iu" else ogr.OFTString
        layer.CreateField(ogr.FieldDefn(name, kind))
    definition = layer.GetLayerDefn()
    dataset.StartTransaction()
    for i, wkb in enumerate(shapely.to_wkb(geometries)):
        feature = ogr.Feature(definition)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        for name, values in fields.items():
            value = values[i]
            feature.SetField(name, int(value) if isinstance(value, np.integer) else str(value))
        layer.CreateFeature(feature)
    dataset.CommitTransaction()
    dataset = None
    return str(path)


LAYOUTS = ("blobs", "nested")


@contextmanager
def io_split(split: dict):
    """Time spent in layers.read_layer and sinks.OutputSink.write during the block."""
    from fibre_resilience.adapters import layers, sinks

    read, write = layers.read_layer, sinks.OutputSink.write
    split.update(read=0.0, write=0.0)

    def timed_read(*args, **kwargs):
        start = time.perf_counter()
        try:
            return read(*args, **kwargs)
        finally:
            split["read"] += time.perf_counter() - start

    def timed_write(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return write(self, *args, **kwargs)
        finally:
            split["write"] += time.perf_counter() - start

    layers.read_layer, sinks.OutputSink.write = timed_read, timed_write
    try:
        yield split
    finally:
        layers.read_layer, sinks.OutputSink.write = read, write


def run_ours(processing, params: dict, bulk: bool, times: dict, key: str):
    """Our algorithm, with or without the bulk I/O; its time and read/write split."""
    from fibre_resilience.adapters import bulk as bulk_io

    bulk_io.ENABLED, split = bulk, {}
    try:
        with io_split(split), timed(times, key):
            output = processing.run("fibreresilience:hazardexposure", params)["OUTPUT"]
    finally:
        bulk_io.ENABLED = True
    times[key + "_split"] = split
    return output


def _print_split(label: str, total: float, split: dict) -> None:
    core = total - split["read"] - split["write"]
    print(
        f"  {label:<19} {total:6.2f} s = read {split['read']:5.2f} + write "
        f"{split['write']:5.2f} + core and the rest {core:5.2f}"
    )


def main(scale: float = 1.0, vertices: int = 0, layouts=LAYOUTS, outputs=OUTPUTS) -> dict:
    """Run every layout: separate blobs (400 vertices) and nested TRI envelopes (2,000), with
    every destination of ``outputs`` (memory, GeoPackage files)."""
    if isinstance(outputs, str):
        outputs = (outputs,)
    return {
        (layout, output): run_layout(layout, scale, vertices, output)
        for output in outputs
        for layout in layouts
    }


def _features(layer_or_path):
    from qgis.core import QgsVectorLayer

    if isinstance(layer_or_path, str):
        layer_or_path = QgsVectorLayer(layer_or_path, "output", "ogr")
    return layer_or_path.getFeatures()


def run_layout(layout: str, scale: float, vertices: int = 0, output: str = "memory") -> dict:
    qgis_app()
    from qgis import processing

    rng = np.random.default_rng(20261128)
    n_points, n_lines, n_zones = int(200_000 * scale), int(100_000 * scale), int(5_000 * scale)
    work = Path(tempfile.mkdtemp(prefix="bench-exposure-"))
    if layout == "nested":
        vertices = vertices or 2000
        polygons, scenarios = nested_flood_polygons(n_zones, rng, vertices)
    else:
        vertices = vertices or 400
        polygons, scenarios = flood_polygons(n_zones, rng, vertices)
    n_zones = len(polygons)
    from osgeo import ogr

    zones = write_gpkg(work / "zones.gpkg", polygons, {"scenario": scenarios}, ogr.wkbPolygon)
    points = write_gpkg(
        work / "points.gpkg",
        random_points(n_points, rng),
        {"pid": np.arange(n_points)},
        ogr.wkbPoint,
    )
    lines = write_gpkg(
        work / "lines.gpkg",
        random_lines(n_lines, rng),
        {"lid": np.arange(n_lines)},
        ogr.wkbLineString,
    )
    print(
        f"[{layout}] data: {n_points} points, {n_lines} lines, {n_zones} flood polygons of "
        f"{vertices} vertices in {work}"
    )
    times: dict = {}
    ours_params = {"HAZARD": zones, "HAZARD_FIELD": "scenario", "PRESET": 1, "FAIL_LEVEL": 3}
    outputs = iter(range(1_000))

    def destination() -> str:
        if output == "gpkg":
            return str(work / f"output_{next(outputs)}.gpkg")
        return "memory:"

    def run_both(asset: str, name: str) -> list:
        """Ours with the bulk read, then feature by feature: their outputs."""
        return [
            run_ours(
                processing, dict(ours_params, INPUT=asset, OUTPUT=destination()), bulk, times, key
            )
            for bulk, key in ((True, f"ours_{name}"), (False, f"per_feature_{name}"))
        ]

    with timed(times, "native_join"):
        joined = processing.run(
            "native:joinattributesbylocation",
            {
                "INPUT": points,
                "JOIN": zones,
                "PREDICATE": [0],
                "METHOD": 0,
                "DISCARD_NONMATCHING": False,
                "OUTPUT": destination(),
            },
        )["OUTPUT"]
    ours, before = run_both(points, "points")
    oracle = np.zeros(n_points, dtype=int)
    for feature in _features(joined):
        level = TRI_LEVELS.get(feature["scenario"], 0) if feature["scenario"] else 0
        oracle[feature["pid"]] = max(oracle[feature["pid"]], level)
    levels = np.zeros(n_points, dtype=int)
    for feature in _features(ours):
        levels[feature["pid"]] = feature["hz_level"]
    levels_before = np.zeros(n_points, dtype=int)
    for feature in _features(before):
        levels_before[feature["pid"]] = feature["hz_level"]
    same_points = bool(np.array_equal(levels, oracle) and np.array_equal(levels_before, oracle))

    with timed(times, "native_intersection"):
        pieces = processing.run(
            "native:intersection",
            {"INPUT": lines, "OVERLAY": zones, "OUTPUT": destination()},
        )["OUTPUT"]
    ours_lines, _ = run_both(lines, "lines")
    oracle_length = np.zeros(n_lines)
    oracle_level = np.zeros(n_lines, dtype=int)
    for feature in _features(pieces):
        lid = feature["lid"]
        # Blobs do not overlap: their pieces add up. Nested envelopes: 04Fai holds the
        # others, so its pieces alone are the exposed part.
        if layout == "blobs" or feature["scenario"] == "04Fai":
            oracle_length[lid] += feature.geometry().length()
        oracle_level[lid] = max(oracle_level[lid], TRI_LEVELS[feature["scenario"]])
    length = np.zeros(n_lines)
    line_levels = np.zeros(n_lines, dtype=int)
    for feature in _features(ours_lines):
        length[feature["lid"]] = feature["hz_length"] or 0.0
        line_levels[feature["lid"]] = feature["hz_level"]
    # A line may touch a zone in a single point: the intersection then yields no piece,
    # the spatial predicate still says "intersects". Compare where a piece has length.
    same_lines = bool(
        np.allclose(length, oracle_length, atol=1e-3)
        and np.array_equal(line_levels[oracle_length > 0], oracle_level[oracle_length > 0])
    )

    print(f"outputs to {output}")
    print(f"points: levels identical to the native join: {same_points}")
    report(
        f"[{layout}] exposure of points vs native:joinattributesbylocation",
        times["ours_points"],
        times["native_join"],
        "native",
        target=TARGETS[output][0],
    )
    _print_split("bulk I/O", times["ours_points"], times["ours_points_split"])
    _print_split(
        "per feature (before)", times["per_feature_points"], times["per_feature_points_split"]
    )
    print(f"lines: levels and exposed lengths identical to the native intersection: {same_lines}")
    report(
        f"[{layout}] exposure of lines vs native:intersection",
        times["ours_lines"],
        times["native_intersection"],
        "native",
        target=TARGETS[output][1],
    )
    _print_split("bulk I/O", times["ours_lines"], times["ours_lines_split"])
    _print_split(
        "per feature (before)", times["per_feature_lines"], times["per_feature_lines_split"]
    )
    return {"times": times, "same_points": same_points, "same_lines": same_lines}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1 = 200k points, 100k lines, 5k zones"
    )
    parser.add_argument(
        "--vertices", type=int, default=0, help="vertices per polygon (0: per layout)"
    )
    parser.add_argument("--layout", choices=LAYOUTS, action="append", help="default: both")
    parser.add_argument(
        "--output", choices=OUTPUTS, action="append", help="where outputs go (default: both)"
    )
    arguments = parser.parse_args()
    main(
        arguments.scale,
        arguments.vertices,
        arguments.layout or LAYOUTS,
        arguments.output or OUTPUTS,
    )
