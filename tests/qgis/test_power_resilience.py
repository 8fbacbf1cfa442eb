"""powerresilience through processing.run and in a Processing model: hand-computed cases."""

import pytest
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback, memory_layer

CRS = "EPSG:2154"
X0, Y0 = 700000.0, 6600000.0


def _pt(x, y):
    return f"Point({X0 + x} {Y0 + y})"


def _line(*pts):
    return "LineString(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


def _box(x0, y0, x1, y1):
    return (
        f"Polygon(({X0 + x0} {Y0 + y0}, {X0 + x1} {Y0 + y0}, {X0 + x1} {Y0 + y1}, "
        f"{X0 + x0} {Y0 + y1}, {X0 + x0} {Y0 + y0}))"
    )


def _layers():
    """Root at the origin; site A 1 km east with 10 premises behind it (4 h battery); site
    D 1 km west with 4 premises behind it (2 h battery). Zones: 6 h over A, 3 h and 5 h
    (overlapping) over D."""
    network = memory_layer(
        "LineString",
        [
            (_line((0, 0), (1000, 0)), [1]),
            (_line((1000, 0), (2000, 0)), [2]),
            (_line((0, 0), (-1000, 0)), [3]),
            (_line((-1000, 0), (-2000, 0)), [4]),
        ],
        crs=CRS,
        name="network",
    )
    roots = memory_layer("Point", [(_pt(0, 0), [1])], crs=CRS, name="roots")
    premises = memory_layer(
        "Point",
        [(_pt(2000, 0), [1, 10]), (_pt(-2000, 0), [2, 4])],
        "id:integer&field=n:integer",
        CRS,
        "premises",
    )
    sites = memory_layer(
        "Point",
        [(_pt(1000, 0), ["A", 4.0, "P1"]), (_pt(-1000, 0), ["D", 2.0, "P2"])],
        "name:string&field=autonomy:double&field=feeder:string",
        CRS,
        "sites",
    )
    zones = memory_layer(
        "Polygon",
        [
            (_box(500, -500, 1500, 500), [6.0]),
            (_box(-1500, -500, -500, 500), [3.0]),
            (_box(-1200, -100, -800, 100), [5.0]),
        ],
        "hours:double",
        CRS,
        "zones",
    )
    # Roads: a depot 60 km south, one straight road to each site (60 km/h: about 1 h).
    roads = memory_layer(
        "LineString",
        [(_line((0, -60000), (1000, 0)), [1]), (_line((0, -60000), (-1000, 0)), [2])],
        crs=CRS,
        name="roads",
    )
    depots = memory_layer("Point", [(_pt(0, -60000), ["south"])], "name:string", CRS, "depots")
    return (
        {
            "NETWORK": network,
            "ROOTS": roots,
            "PREMISES": premises,
            "PREMISES_COUNT": '"n"',
            "SITES": sites,
            "AUTONOMY_FIELD": "autonomy",
            "FEEDER_FIELD": "feeder",
            "OUTAGES": zones,
            "OUTAGE_HOURS_FIELD": "hours",
        },
        roads,
        depots,
    )


def _generators(params, roads, depots, count=1, **more):
    params.update(
        {
            "GENERATORS": count,
            "GENERATOR_DEPOTS": depots,
            "GENERATOR_DEPOT_FIELD": "name",
            "ROADS": roads,
            "DEFAULT_SPEED": 60.0,
            "SETUP_MINUTES": 30,
        }
    )
    params.update(more)
    return params


def _sites(path):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return {f["name"]: f for f in layer.getFeatures()}


def _value(v):
    return None if v == NULL or v is None else v


def test_no_generator_sites_wait_for_the_grid(run_algorithm, tmp_path):
    params, _, _ = _layers()
    params.update({"OUTPUT": str(tmp_path / "s.gpkg"), "PRIORITY": str(tmp_path / "p.gpkg")})
    result = run_algorithm("powerresilience", params)
    out = _sites(result["OUTPUT"])
    a, d = out["A"], out["D"]
    assert a["pw_outage_h"] == 6.0 and a["pw_autonomy_h"] == 4.0
    assert a["pw_dark_h"] == pytest.approx(2.0)
    assert a["pw_prem"] == 10 and a["pw_prem_h"] == pytest.approx(20.0)
    assert _value(a["pw_gen_h"]) is None
    assert d["pw_outage_h"] == 5.0  # the longest of the two zones over it
    assert d["pw_dark_h"] == pytest.approx(3.0)
    assert d["pw_prem"] == 4 and d["pw_prem_h"] == pytest.approx(12.0)
    assert result["SITES_DARK"] == 2
    assert result["PREMISE_HOURS_POWER"] == pytest.approx(32.0)
    assert result["GENERATORS_USED"] == 0
    table = QgsVectorLayer(result["PRIORITY"], "p", "ogr")
    rows = sorted((f["pw_rank"], f["pw_feeder"], f["pw_prem"]) for f in table.getFeatures())
    assert rows == [(1, "P1", 10.0), (2, "P2", 4.0)]


def test_one_generator_goes_to_the_site_saving_most_premise_hours(run_algorithm, tmp_path):
    params, roads, depots = _layers()
    _generators(params, roads, depots, OUTPUT=str(tmp_path / "s.gpkg"))
    result = run_algorithm("powerresilience", params)
    out = _sites(result["OUTPUT"])
    # A saves 2 h x 10 premises = 20, D 3 h x 4 = 12: A gets it (about 1 h road + 0.5 h).
    travel_h = ((1000**2 + 60000**2) ** 0.5) / 1000 / 60 + 0.5
    assert out["A"]["pw_gen_h"] == pytest.approx(travel_h, abs=0.01)
    assert out["A"]["pw_depot"] == "south"
    assert out["A"]["pw_dark_h"] == 0.0
    assert _value(out["D"]["pw_gen_h"]) is None
    assert out["D"]["pw_dark_h"] == pytest.approx(3.0)
    assert result["GENERATORS_USED"] == 1
    assert result["PREMISE_HOURS_POWER"] == pytest.approx(12.0)


def test_a_site_behind_a_flooded_road_waits_and_the_generator_goes_elsewhere(
    run_algorithm, tmp_path
):
    params, roads, depots = _layers()
    flood = memory_layer("Polygon", [(_box(0, -30500, 1000, -29500), [1])], crs=CRS)
    _generators(params, roads, depots, BLOCKED=flood, OUTPUT=str(tmp_path / "s.gpkg"))
    feedback = RecordingFeedback()
    result = run_algorithm("powerresilience", params, feedback)
    out = _sites(result["OUTPUT"])
    assert _value(out["A"]["pw_gen_h"]) is None
    assert out["A"]["pw_dark_h"] == pytest.approx(2.0)  # waits for the outage's end
    assert out["D"]["pw_dark_h"] == 0.0
    assert any("wait for the outage's end" in w for w in feedback.warnings)


def test_a_flooded_depot_is_named_and_not_used(run_algorithm, tmp_path):
    params, roads, depots = _layers()
    flood = memory_layer("Polygon", [(_box(-500, -60500, 500, -59500), [1])], crs=CRS)
    _generators(params, roads, depots, BLOCKED=flood, OUTPUT=str(tmp_path / "s.gpkg"))
    feedback = RecordingFeedback()
    result = run_algorithm("powerresilience", params, feedback)
    assert any("in the hazard, not used: south" in w for w in feedback.warnings)
    assert result["GENERATORS_USED"] == 0
    assert result["PREMISE_HOURS_POWER"] == pytest.approx(32.0)


def test_outage_zones_in_another_crs_are_reprojected(run_algorithm, tmp_path):
    params, _, _ = _layers()
    zones = params["OUTAGES"]
    wgs = QgsVectorLayer("Polygon?crs=EPSG:4326&field=hours:double", "zones84", "memory")
    transform = QgsCoordinateTransform(
        zones.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    features = []
    for f in zones.getFeatures():
        g = f.geometry()
        g.transform(transform)
        out = QgsFeature(wgs.fields())
        out.setGeometry(g)
        out.setAttributes(f.attributes())
        features.append(out)
    wgs.dataProvider().addFeatures(features)
    params.update({"OUTAGES": wgs, "OUTPUT": str(tmp_path / "s.gpkg")})
    result = run_algorithm("powerresilience", params)
    out = _sites(result["OUTPUT"])
    assert out["A"]["pw_outage_h"] == 6.0
    assert out["D"]["pw_outage_h"] == 5.0


def test_null_autonomy_takes_the_default_with_a_warning(run_algorithm, tmp_path):
    params, _, _ = _layers()
    params["SITES"].dataProvider().changeAttributeValues({1: {1: None}})
    params.update({"DEFAULT_AUTONOMY": 1.0, "OUTPUT": str(tmp_path / "s.gpkg")})
    feedback = RecordingFeedback()
    result = run_algorithm("powerresilience", params, feedback)
    assert _sites(result["OUTPUT"])["A"]["pw_autonomy_h"] == 1.0
    assert any("DEFAULT_AUTONOMY" in w and "autonomy" in w for w in feedback.warnings)


def test_negative_autonomy_is_refused_naming_field_and_feature(run_algorithm, tmp_path):
    params, _, _ = _layers()
    params["SITES"].dataProvider().changeAttributeValues({2: {1: -3.0}})
    params["OUTPUT"] = str(tmp_path / "s.gpkg")
    with pytest.raises(QgsProcessingException) as error:
        run_algorithm("powerresilience", params)
    text = str(error.value)
    assert '"autonomy"' in text and "feature 2" in text and "negative" in text
    assert not (tmp_path / "s.gpkg").exists()


def test_substation_outage_darkens_the_sites_it_feeds(run_algorithm, tmp_path):
    params, _, _ = _layers()
    # A substation inside A's 6 h zone feeds D (whose own zone says 5 h): D takes 6 h.
    subs = memory_layer(
        "Point", [(_pt(1000, 100), ["P2"]), (_pt(9000, 0), ["P1"])], "code:string", CRS
    )
    params.update(
        {
            "SUBSTATIONS": subs,
            "SUBSTATION_ID_FIELD": "code",
            "OUTPUT": str(tmp_path / "s.gpkg"),
        }
    )
    out = _sites(run_algorithm("powerresilience", params)["OUTPUT"])
    assert out["D"]["pw_outage_h"] == 6.0
    assert out["A"]["pw_outage_h"] == 6.0  # its own zone; its substation P1 has none


def test_as_a_step_of_a_processing_model(provider, tmp_path):
    from qgis import processing

    params, _, _ = _layers()
    model = QgsProcessingModelAlgorithm("power_model", "tests")
    names = {"NETWORK": "lines", "ROOTS": "roots", "SITES": "sites", "OUTAGES": "zones"}
    for name in names.values():
        model.addModelParameter(
            QgsProcessingParameterVectorLayer(name, name), QgsProcessingModelParameter(name)
        )
    child = QgsProcessingModelChildAlgorithm("fibreresilience:powerresilience")
    child.setChildId("pw")
    for key, name in names.items():
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromModelParameter(name)]
        )
    for key, value in {
        "AUTONOMY_FIELD": "autonomy",
        "OUTAGE_HOURS_FIELD": "hours",
    }.items():
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)]
        )
    output = QgsProcessingModelOutput("sites_pw")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"sites_pw": output})
    model.addChildAlgorithm(child)
    result = processing.run(
        model,
        {
            "lines": params["NETWORK"],
            "roots": params["ROOTS"],
            "sites": params["SITES"],
            "zones": params["OUTAGES"],
            "pw:sites_pw": str(tmp_path / "m.gpkg"),
        },
        context=QgsProcessingContext(),
    )
    out = _sites(next(v for k, v in result.items() if k.endswith("sites_pw")))
    # No premises layer: no premises behind any site; the dark hours are the same.
    assert out["A"]["pw_dark_h"] == pytest.approx(2.0)
    assert out["D"]["pw_dark_h"] == pytest.approx(3.0)
    assert out["A"]["pw_prem"] == 0


ROAD_KEYS = [
    "ROADS",
    "SPEED_FIELD",
    "SPEED_PRESET",
    "DEFAULT_SPEED",
    "DIRECTION_FIELD",
    "BLOCKED",
    "BLOCKED_RASTER",
    "MAX_DEPTH",
    "DEPTH_SPEED_FACTOR",
    "KEEP_BRIDGES",
    "BRIDGE_EXPRESSION",
]


def test_road_and_hazard_parameters_are_accessroutes_own(provider):
    """Both algorithms declare the road and hazard parameters one way (adapters/roads.py);
    accessroutes keeps its parameters in their order (models store them)."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    access = registry.algorithmById("fibreresilience:accessroutes")
    power = registry.algorithmById("fibreresilience:powerresilience")
    assert [p.name() for p in access.parameterDefinitions()] == [
        *ROAD_KEYS[:5],
        "DEPOTS",
        "DEPOT_FIELD",
        "TARGETS",
        *ROAD_KEYS[5:],
        "MAX_SNAP",
        "SERVICE_MINUTES",
        "OUTPUT",
        "ROUTES",
        "BLOCKED_ROADS",
        "SERVICE_AREAS",
        "STAGING",  # added last: the earlier ones keep their places
    ]
    for key in ROAD_KEYS:
        a, p = access.parameterDefinition(key), power.parameterDefinition(key)
        assert (a.type(), a.description(), a.defaultValue()) == (
            p.type(),
            p.description(),
            p.defaultValue(),
        ), key
        advanced = a.flags() & a.Flag.FlagAdvanced
        assert advanced == p.flags() & p.Flag.FlagAdvanced, key
    assert not (access.parameterDefinition("ROADS").flags() & a.Flag.FlagOptional)
    assert power.parameterDefinition("ROADS").flags() & a.Flag.FlagOptional
