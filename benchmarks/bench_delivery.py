"""The GraceTHD delivery read (``gracethdnetwork``) at regional size, beside two baselines.

Reads the generated delivery (``gracethd_v3.gpkg`` of ``scripts/sample_territory.py``: the
regional set, scale 200, in ``benchmarks/data/region`` or the folder named by
FIBRE_RESILIENCE_REGION or ``--data``; without it the scale-20 set of
``benchmarks/data/region_20``, generated once when absent) into GeoPackages, and prints, each
with its wall and CPU time and its own peak memory:

- ours: the reader as it runs (columns read in bulk, rows written by the bulk writer);
- the per-feature path, the reader before issue 17's bulk paths and the one it still takes
  for what they do not cover: every table read through QGIS feature by feature
  (``bulk.ENABLED = False``) and every output written through the Processing feature sink
  (``sinks.BULK = False``);
- QGIS alone: ``native:savefeatures`` copying the four tables the reader writes (routes,
  cables, nodes, addresses) into GeoPackages, with no join, no check and none of our fields.

The outputs of ours and of the per-feature path are compared (feature counts, anomalies,
premises); tests/qgis/test_delivery_fast_path.py compares them feature by feature.

Measured on this machine (2 cores, shared: load average 5-10), the regional set (2,211,985
features written, byte-identical rows before and after): 121 s CPU (183 s wall), 4.96 GB peak
before issue 17's work on the reader; 84 s CPU (97 s wall), 5.1 GB after: read 25 s (the
Arrow stream 18 s: GDAL's generic implementation, see compat.arrow_read_options), core 36 s,
writing 22 s. Scale 20 (220,096 features): ours 9.6 s CPU, the per-feature path 36.7 s CPU,
native:savefeatures of the four tables 7.2 s CPU. Then only the fields the reader reads
(gs.FIELDS_READ) were held as Python values, the other fields of the tables written out
staying as GDAL read them until written: on the regional set, run back to back at load
average 1.5, 87.8 s wall, 85.6 s CPU, 5.21 GB peak before; 77.2 s wall, 75.3 s CPU,
3.85 GB after (read 22 s, core 33 s, writing 27 s of CPU); outputs identical (every row,
EXCEPT both ways). Merged with the fields of a GeoPackage read through SQLite when first asked
for (bulk.GpkgColumns), the read grew slower again; with the frames' fields read with the
geometries in one pass of GDAL's Arrow stream (and many fields asked for together in one such
pass), on the regional set, back to back on a loaded machine (load average 2): 117.0 s CPU
(126 s wall), 3.65 GB peak before; 91.9 s CPU, 3.54 GB after (read 18 s, core 37 s of CPU);
outputs identical at scale 20 and on the regional set (EXCEPT both ways).

    python -m benchmarks.bench_delivery [--data /work/region] [--skip-baselines]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from .common import (
    ensure_region,
    gb,
    peak_memory,
    qgis_app,
    region_dir,
    report,
    reset_peak_memory,
)

OUTPUTS = {
    "ROUTES": "routes",
    "CABLES": "cables",
    "NODES": "nodes",
    "PREMISES": "premises",
    "REPORT": "report",
}
NATIVE_TABLES = ("t_cheminement", "t_cableline", "t_noeud", "t_adresse")


def _measure(run):
    """(result, wall s, CPU s, peak bytes) of ``run()``."""
    reset_peak_memory()
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu, peak_memory()


def _read(source: Path, out: Path, fast: bool):
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    from fibre_resilience.adapters import bulk, sinks

    out.mkdir(parents=True, exist_ok=True)
    parameters = {"SOURCE": str(source), "VERSION": 0, "TOLERANCE": 1.0}
    for key, name in OUTPUTS.items():
        parameters[key] = str(out / f"{name}.gpkg")
    bulk.ENABLED, sinks.BULK = fast, fast
    try:
        return processing.run(
            "fibreresilience:gracethdnetwork", parameters, feedback=QgsProcessingFeedback()
        )
    finally:
        bulk.ENABLED, sinks.BULK = True, True


def _native(source: Path, out: Path):
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    out.mkdir(parents=True, exist_ok=True)
    for table in NATIVE_TABLES:
        processing.run(
            "native:savefeatures",
            {"INPUT": f"{source}|layername={table}", "OUTPUT": str(out / f"{table}.gpkg")},
            feedback=QgsProcessingFeedback(),
        )


def _counts(folder: Path) -> dict:
    from osgeo import ogr

    out = {}
    for name in OUTPUTS.values():
        dataset = ogr.Open(str(folder / f"{name}.gpkg"))
        out[name] = dataset.GetLayer(0).GetFeatureCount()
    return out


def _line(title: str, wall: float, cpu: float, peak: float) -> None:
    print(f"  {title:34s} {wall:8.1f} s wall {cpu:8.1f} s CPU   peak {gb(peak)}")


def main(scale=1.0, data=None, baselines=True):
    qgis_app()
    folder = Path(data) if data else None
    if folder is None and (region_dir(200 * scale) / "gracethd_v3.gpkg").exists():
        folder = region_dir(200 * scale)
    if folder is None:
        print(f"no regional set in {region_dir(200 * scale)}: the scale-20 set instead")
        folder = ensure_region(20 * scale, generate=True)
    source = folder / "gracethd_v3.gpkg"
    print(f"delivery: {source}")
    with tempfile.TemporaryDirectory(prefix="bench_delivery_") as temporary:
        work = Path(temporary)
        result, wall, cpu, peak = _measure(lambda: _read(source, work / "ours", True))
        counts = _counts(work / "ours")
        features = sum(counts[name] for name in ("routes", "cables", "nodes", "premises"))
        print(f"  {features:,} features written ({counts}), {result['ANOMALY_COUNT']} anomalies")
        _line("ours (bulk read + bulk writer)", wall, cpu, peak)
        if not baselines:
            return
        _, native_wall, native_cpu, native_peak = _measure(lambda: _native(source, work / "qgis"))
        _line("native:savefeatures of 4 tables", native_wall, native_cpu, native_peak)
        slow, slow_wall, slow_cpu, slow_peak = _measure(
            lambda: _read(source, work / "features", False)
        )
        _line("per-feature path (QGIS features)", slow_wall, slow_cpu, slow_peak)
        same = _counts(work / "features") == counts and all(
            slow[key] == result[key] for key in ("ANOMALY_COUNT", "PREMISES_TOTAL")
        )
        print(f"  same counts, anomalies and premises on both paths: {same}")
        report("delivery read vs the per-feature path (wall)", wall, slow_wall, "per-feature")
        report("delivery read vs native:savefeatures (wall)", wall, native_wall, "native copy")
        print(f"  peak memory: ours {gb(peak)}, per-feature path {gb(slow_peak)}")
        for path in work.rglob("*"):
            if path.is_file():
                os.remove(path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="a generated territory folder")
    parser.add_argument("--skip-baselines", action="store_true", help="time ours only")
    arguments = parser.parse_args()
    main(data=arguments.data, baselines=not arguments.skip_baselines)
