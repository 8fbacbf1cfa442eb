#!/usr/bin/env bash
# `make demo`: the shipped model fibreresilience:resilienceplan on the bundled sample territory,
# headless through the same runner a user or CI would use. Every output layer and the report
# go into one folder.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-demo_output}" && cd "${1:-demo_output}" && pwd)"
sample="$repo/resources/sample"
territory="$sample/territory.gpkg"

echo "Fibre Resilience demo: the resilience plan of the sample territory ($sample)"
echo "Model: fibreresilience:resilienceplan (resources/models/resilienceplan.model3)"
echo "Hazard: the TRI flood scenarios (zones) and the 04Fai water depth (raster)"
echo "Outputs go to $out"
echo

layers=(routes_exposure:exposure nodes_exposure:exposure premises_exposure:exposure
  redundancy:segments redundancy:sites impact:premises access:targets access:crew_routes
  access:blocked_roads scoring:routes)
tables=(redundancy:groups impact:summary)
outputs=()
for name in "${layers[@]}"; do outputs+=("$name=$out/${name/:/_}.gpkg"); done
for name in "${tables[@]}"; do outputs+=("$name=$out/${name/:/_}.csv"); done
outputs+=("report:html=$out/report.html" "report:pdf=$out/report.pdf"
  "report:tables=$out/report.xlsx")

start=$(date +%s)
"$repo/scripts/qgis-process" --json run fibreresilience:resilienceplan -- \
  delivery="$sample/gracethd_v3.gpkg" \
  hazard="$territory|layername=flood_zones" hazard_field=scenario preset=1 \
  hazard_raster="$sample/flood_depth_04Fai.tif" raster_thresholds='0.01;0.5;1;2' \
  fail_level=3 \
  roads="$territory|layername=roads" depots="$territory|layername=depots" \
  depot_field=depot_id keep_bridges=true \
  communes="$territory|layername=communes" commune_field=nom \
  sensitive_sites="$territory|layername=sensitive_sites" sensitive_name_field=name \
  criteria=$'hz_level | weight=3 | higher | thresholds=1;2;3;4 | label=Flood level\nhz_length | weight=2 | log | label=Flooded length\n"gt_cables" | weight=1 | minmax | label=Cables' \
  title="Schéma local de résilience — territoire d'exemple" \
  "${outputs[@]}" > "$out/resilienceplan.json" 2> "$out/resilienceplan.log"
echo "The model ran in $(( $(date +%s) - start )) s (log: $out/resilienceplan.log)."
echo
"${FIBRE_VENV:-$repo/.venv}/bin/python" "$repo/scripts/demo_figures.py" "$out/report.xlsx"
echo
echo "Report: $out/report.html (open it in a browser), $out/report.pdf, $out/report.xlsx"
echo "Layers: every GeoPackage in $out opens in QGIS."
