"""fibreresilience:accessroutes through the headless runner (qgis_process --json) on the
bundled sample territory (resources/sample/README.md): the sensitive sites under 04Fai."""

from osgeo import ogr

AC_FIELDS = {"ac_depot", "ac_t0_min", "ac_t1_min", "ac_delay", "ac_reach", "ac_km", "ac_snap_m"}


def _features(path):
    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    names = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
    rows = [(feature.items(), feature.GetGeometryRef().Clone()) for feature in layer]
    return names, rows


def test_sensitive_sites_under_04fai_as_json(qgis_process, sample_dir, tmp_path):
    territory = sample_dir / "territory.gpkg"
    output, routes = tmp_path / "access.gpkg", tmp_path / "routes.gpkg"
    result = qgis_process.run_json(
        "fibreresilience:accessroutes",
        ROADS=f"{territory}|layername=roads",
        SPEED_PRESET=1,
        DIRECTION_FIELD="oneway",
        DEPOTS=f"{territory}|layername=depots",
        DEPOT_FIELD="depot_id",
        TARGETS=f"{territory}|layername=sensitive_sites",
        BLOCKED=f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
        KEEP_BRIDGES="true",
        SERVICE_MINUTES="5;10",
        OUTPUT=output,
        ROUTES=routes,
    )
    outputs = result["results"]
    # The EHPAD SS0006 stands inside 04Fai: the only site cut off.
    assert outputs["UNREACHABLE_COUNT"] == 1
    assert outputs["WORST_DELAY"] >= outputs["MEAN_DELAY"] >= 0
    names, rows = _features(output)
    assert AC_FIELDS | {"site_id", "name", "kind", "insee"} <= names
    by_site = {items["site_id"]: items for items, _ in rows}
    assert len(by_site) == 8
    assert by_site["SS0006"]["ac_reach"] == 0 and by_site["SS0006"]["ac_t1_min"] is None
    for code, items in by_site.items():
        assert items["ac_t0_min"] > 0, code  # every site is reachable in normal conditions
        assert items["ac_depot"] in ("DEP01", "DEP02", "DEP03") or code == "SS0006"
        if code != "SS0006":
            assert items["ac_reach"] == 1
            assert items["ac_delay"] >= -1e-6
            assert items["ac_t1_min"] >= items["ac_t0_min"] - 1e-6
    route_names, route_rows = _features(routes)
    assert route_names >= AC_FIELDS
    assert len(route_rows) == 7
    for items, geometry in route_rows:
        # A route is the hazard route: its length is ac_km.
        assert abs(geometry.Length() / 1000.0 - items["ac_km"]) < 1e-3, items["site_id"]


def test_access_then_report_headless(qgis_process, sample_dir, tmp_path):
    """The report by its own id through qgis_process, on an access run: crews to the sensitive
    sites under 04Fai, the figures read back from the ODS workbook."""
    territory = sample_dir / "territory.gpkg"
    flood = f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'"
    access, blocked = tmp_path / "access.gpkg", tmp_path / "blocked.gpkg"
    qgis_process.run_json(
        "fibreresilience:accessroutes",
        ROADS=f"{territory}|layername=roads",
        SPEED_PRESET=1,
        DEPOTS=f"{territory}|layername=depots",
        TARGETS=f"{territory}|layername=sensitive_sites",
        BLOCKED=flood,
        KEEP_BRIDGES="true",
        OUTPUT=access,
        BLOCKED_ROADS=blocked,
    )
    html, tables = tmp_path / "report.html", tmp_path / "report.ods"
    result = qgis_process.run_json(
        "fibreresilience:resiliencereport",
        TARGETS=access,
        BLOCKED_ROADS=blocked,
        ROADS=f"{territory}|layername=roads",
        DEPOTS=f"{territory}|layername=depots",
        HAZARD=flood,
        TITLE="Accès des équipes",
        OUTPUT_HTML=html,
        OUTPUT_TABLES=tables,
    )
    _, rows = _features(access)
    unreachable = sum(1 for attributes, _ in rows if attributes["ac_reach"] == 0)
    assert result["results"]["UNREACHABLE_COUNT"] == unreachable
    page = html.read_text(encoding="utf-8")
    assert "Accès des équipes" in page and page.count("<img") == 2  # exposure (zones), access
    workbook = ogr.Open(str(tables))
    figures = {f.GetField(0): f.GetField(1) for f in workbook.GetLayer(0)}
    assert figures["Unreachable assets"] == unreachable
