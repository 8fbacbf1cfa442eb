#!/usr/bin/env bash
# `make demo`: the resilience study of the bundled sample territory, headless, step by step
# through the same runner a user or CI would use. Every output goes into one folder.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-demo_output}" && cd "${1:-demo_output}" && pwd)"
sample="$repo/resources/sample"
territory="$sample/territory.gpkg"
run() { "$repo/scripts/qgis-process" --json run "$@" 2>/dev/null; }
figures() { "$repo/.venv/bin/python" "$repo/scripts/demo_figures.py" "$@"; }

echo "Fibre Resilience demo on the sample territory ($sample)"
echo "Outputs go to $out"

echo
echo "1. Read the operator's GraceTHD v3 delivery"
run fibreresilience:gracethdnetwork -- SOURCE="$sample/gracethd_v3.gpkg" \
  ROUTES="$out/routes.gpkg" CABLES="$out/cables.gpkg" NODES="$out/nodes.gpkg" \
  PREMISES="$out/premises.gpkg" REPORT="$out/delivery_report.csv" > "$out/1_delivery.json"
figures "$out/1_delivery.json"

echo
echo "2. Risk audit: routes in the TRI flood scenarios and the 04Fai water depth, by commune"
run fibreresilience:hazardexposure -- INPUT="$out/routes.gpkg" \
  HAZARD="$territory|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 \
  HAZARD_RASTER="$sample/flood_depth_04Fai.tif" RASTER_THRESHOLDS='0.01;0.5;1;2' FAIL_LEVEL=3 \
  AGGREGATE="$territory|layername=communes" AGGREGATE_FIELD=nom \
  OUTPUT="$out/routes_exposure.gpkg" SUMMARY="$out/routes_exposure_summary.csv" \
  > "$out/2_routes_exposure.json"
figures "$out/2_routes_exposure.json" "$out/routes_exposure_summary.csv"

echo
echo "3. Risk audit: premises (locaux) and network nodes in the same hazard"
run fibreresilience:hazardexposure -- INPUT="$out/premises.gpkg" \
  HAZARD="$territory|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 \
  HAZARD_RASTER="$sample/flood_depth_04Fai.tif" FAIL_LEVEL=3 PREMISES_COUNT='"gt_prem"' \
  OUTPUT="$out/premises_exposure.gpkg" SUMMARY="$out/premises_exposure_summary.csv" \
  > "$out/3_premises_exposure.json"
figures "$out/3_premises_exposure.json" "$out/premises_exposure_summary.csv"
run fibreresilience:hazardexposure -- INPUT="$out/nodes.gpkg" \
  HAZARD="$territory|layername=flood_zones" HAZARD_FIELD=scenario PRESET=1 FAIL_LEVEL=3 \
  OUTPUT="$out/nodes_exposure.gpkg" > "$out/3_nodes_exposure.json"
figures "$out/3_nodes_exposure.json"

echo
echo "4. Technical analysis: single points of failure of the cables, from the NROs"
run fibreresilience:redundancygaps -- NETWORK="$out/cables.gpkg" \
  FROM_FIELD=gt_nd1 TO_FIELD=gt_nd2 SRLG_FIELD=gt_routes \
  ROOTS="$out/nodes.gpkg|subset=\"gt_role\" = 'NRO'" ROOT_NODE_FIELD=gt_code \
  PREMISES="$out/premises.gpkg" PREMISES_COUNT='"gt_prem"' PREMISES_NODE_FIELD=gt_pbo \
  SITES="$out/nodes.gpkg|subset=\"gt_role\" IN ('SRO', 'PBO')" SITE_NODE_FIELD=gt_code \
  OUTPUT_SEGMENTS="$out/cables_redundancy.gpkg" OUTPUT_SITES="$out/sites_redundancy.gpkg" \
  OUTPUT_GROUPS="$out/shared_risk_groups.csv" > "$out/4_redundancy.json"
figures "$out/4_redundancy.json"

echo
echo "5. Technical analysis: what the flood cuts off (cables through failed routes fail)"
run fibreresilience:scenarioimpact -- NETWORK="$out/cables.gpkg" \
  FROM_FIELD=gt_nd1 TO_FIELD=gt_nd2 SRLG_FIELD=gt_routes \
  ROOTS="$out/nodes.gpkg|subset=\"gt_role\" = 'NRO'" ROOT_NODE_FIELD=gt_code \
  PREMISES="$out/premises.gpkg" PREMISES_COUNT='"gt_prem"' PREMISES_NODE_FIELD=gt_pbo \
  SITES="$out/nodes.gpkg|subset=\"gt_role\" IN ('SRO', 'PBO')" SITE_NODE_FIELD=gt_code \
  FAILED_LAYER="$out/routes_exposure.gpkg" FAILED_GROUP_FIELD=gt_code \
  FAILED_LAYER_EXPRESSION='"hz_failed" = 1' \
  AGGREGATE="$territory|layername=communes" \
  OUTPUT_PREMISES="$out/premises_impact.gpkg" SUMMARY="$out/impact_by_commune.csv" \
  > "$out/5_impact.json"
figures "$out/5_impact.json" "$out/impact_by_commune.csv"

echo
echo "6. Intervention: crews from the depots to the failed nodes, flooded roads closed, bridges open"
run fibreresilience:accessroutes -- ROADS="$territory|layername=roads" SPEED_PRESET=1 \
  DEPOTS="$territory|layername=depots" DEPOT_FIELD=depot_id \
  TARGETS="$out/nodes_exposure.gpkg|subset=\"hz_failed\" = 1" \
  BLOCKED="$territory|layername=flood_zones" KEEP_BRIDGES=true \
  OUTPUT="$out/failed_nodes_access.gpkg" ROUTES="$out/crew_routes.gpkg" \
  BLOCKED_ROADS="$out/blocked_roads.gpkg" > "$out/6_access.json"
figures "$out/6_access.json"

echo
echo "7. Action plan: routes ranked by flood level, flooded length and the cables they carry"
run fibreresilience:scoreassets -- INPUT="$out/routes_exposure.gpkg" \
  CRITERIA=$'hz_level | weight=3 | higher | thresholds=1;2;3;4 | label=Flood level\nhz_length | weight=2 | log | label=Flooded length\n"gt_cables" | weight=1 | minmax | label=Cables' \
  OUTPUT="$out/routes_scored.gpkg" > "$out/7_scores.json"
figures "$out/7_scores.json"

echo
echo "Done. Every output is in $out"
