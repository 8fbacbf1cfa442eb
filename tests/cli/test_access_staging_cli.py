"""accessroutes' dry staging points through the headless runner (qgis_process --json) on
the sample: the EHPAD SS0006 inside 04Fai is cut off and staged; the others are reached."""

from osgeo import ogr


def _rows(path):
    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    return names, [(f.items(), f.GetGeometryRef().Clone()) for f in layer]


def test_staging_points_as_json(qgis_process, sample_dir, tmp_path):
    territory = sample_dir / "territory.gpkg"
    output, staging = tmp_path / "access.gpkg", tmp_path / "staging.gpkg"
    qgis_process.run_json(
        "fibreresilience:accessroutes",
        ROADS=f"{territory}|layername=roads",
        SPEED_PRESET=1,
        DEPOTS=f"{territory}|layername=depots",
        DEPOT_FIELD="depot_id",
        TARGETS=f"{territory}|layername=sensitive_sites",
        BLOCKED=f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
        KEEP_BRIDGES="true",
        OUTPUT=output,
        STAGING=staging,
    )
    names, rows = _rows(output)
    assert names[-2:] == ["ac_dry_min", "ac_dry_m"]
    by_site = {items["site_id"]: items for items, _ in rows}
    for code, items in by_site.items():
        staged = code == "SS0006"
        assert (items["ac_dry_min"] is not None) == staged, code
        assert (items["ac_dry_m"] is not None) == staged, code
    ehpad = by_site["SS0006"]
    assert ehpad["ac_reach"] == 0 and ehpad["ac_dry_min"] > 0 and 100 < ehpad["ac_dry_m"] < 1000
    names, points = _rows(staging)
    assert {"site_id", "ac_depot", "ac_dry_min", "ac_dry_m"} <= set(names)
    assert len(points) == 1
    items, geometry = points[0]
    assert items["site_id"] == "SS0006" and items["ac_depot"] in ("DEP01", "DEP02", "DEP03")
    assert abs(items["ac_dry_m"] - ehpad["ac_dry_m"]) < 1e-6
    site = next(g for i, g in rows if i["site_id"] == "SS0006")
    assert abs(geometry.Distance(site) - ehpad["ac_dry_m"]) < 0.05
