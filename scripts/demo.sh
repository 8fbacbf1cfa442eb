#!/usr/bin/env bash
# `make demo`: the main job on the bundled sample territory, headless, through the same
# runner a user or CI would use. Every output goes into one folder, printed at the end.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-demo_output}" && cd "${1:-demo_output}" && pwd)"
sample="$repo/resources/sample"
run="$repo/scripts/qgis-process"
figures() { "$repo/.venv/bin/python" "$repo/scripts/demo_figures.py" "$@"; }

echo "Fibre Resilience demo on the sample territory ($sample)"
echo "Outputs go to $out"

echo
echo "1. Risk audit: routes (t_cheminement) in the TRI flood scenarios and the 04Fai water depth"
"$run" --json run fibreresilience:hazardexposure -- \
  INPUT="$sample/gracethd_v3.gpkg|layername=t_cheminement" \
  HAZARD="$sample/territory.gpkg|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 \
  HAZARD_RASTER="$sample/flood_depth_04Fai.tif" RASTER_THRESHOLDS='0.01;0.5;1;2' FAIL_LEVEL=3 \
  AGGREGATE="$sample/territory.gpkg|layername=communes" AGGREGATE_FIELD=nom \
  OUTPUT="$out/routes_exposure.gpkg" SUMMARY="$out/routes_exposure_summary.csv" \
  > "$out/routes_exposure.json"
figures "$out/routes_exposure.json" "$out/routes_exposure_summary.csv"

echo
echo "2. Risk audit: premises (t_adresse) in the same hazard, counted in locaux"
"$run" --json run fibreresilience:hazardexposure -- \
  INPUT="$sample/gracethd_v3.gpkg|layername=t_adresse" \
  HAZARD="$sample/territory.gpkg|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 \
  HAZARD_RASTER="$sample/flood_depth_04Fai.tif" FAIL_LEVEL=3 \
  PREMISES_COUNT='coalesce("ad_nblres",0)+coalesce("ad_nblpro",0)' \
  AGGREGATE="$sample/territory.gpkg|layername=communes" AGGREGATE_FIELD=nom \
  OUTPUT="$out/premises_exposure.gpkg" SUMMARY="$out/premises_exposure_summary.csv" \
  > "$out/premises_exposure.json"
figures "$out/premises_exposure.json" "$out/premises_exposure_summary.csv"

echo
echo "3. Risk audit: network nodes (t_noeud: NRO, SRO, chambers, poles)"
"$run" --json run fibreresilience:hazardexposure -- \
  INPUT="$sample/gracethd_v3.gpkg|layername=t_noeud" \
  HAZARD="$sample/territory.gpkg|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 \
  HAZARD_RASTER="$sample/flood_depth_04Fai.tif" FAIL_LEVEL=3 \
  OUTPUT="$out/nodes_exposure.gpkg" SUMMARY="$out/nodes_exposure_summary.csv" \
  > "$out/nodes_exposure.json"
figures "$out/nodes_exposure.json" "$out/nodes_exposure_summary.csv"

echo
echo "Done. Every output is in $out"
