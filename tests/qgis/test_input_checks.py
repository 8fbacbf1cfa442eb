"""Inputs that gave a silently wrong plan or a traceback: each now gets a clear refusal or a
warning with a correct result (issue 12). Through processing.run; the CLI side is in
tests/cli/test_input_checks_cli.py."""

import math

import numpy as np
import pytest
import shapely
from osgeo import ogr
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis_helpers import RecordingFeedback as Feedback
from qgis_helpers import memory_layer

from fibre_resilience.adapters import polygons, projection

X0, Y0 = 700000.0, 6600000.0  # Lambert-93, in France


def line(*pts):
    return "LineString(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in pts) + ")"


def point(x, y):
    return f"Point({X0 + x} {Y0 + y})"


def box(x0, y0, x1, y1):
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return "Polygon((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in ring) + "))"


# a self-intersecting "bow-tie": two triangles meeting at (5, 5)
BOWTIE = (
    "Polygon(("
    + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in [(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    + "))"
)


def chain():
    """A - B - C, 100 m apart, root at A."""
    rows = [(line((0, 0), (100, 0)), [1, 5]), (line((100, 0), (200, 0)), [2, 7])]
    return memory_layer("LineString", rows, "id:integer&field=grp:integer")


def network_parameters(**extra):
    parameters = {
        "NETWORK": chain(),
        "ROOTS": memory_layer("Point", [(point(0, 0), [1])]),
        "PREMISES": memory_layer("Point", [(point(200, 0), [1, 5])], "id:integer&field=n:integer"),
        "PREMISES_COUNT": '"n"',
        "MAX_SNAP": 20.0,
    }
    parameters.update(extra)
    return parameters


def roads():
    return memory_layer(
        "LineString",
        [(line((0, 0), (1000, 0)), [1, 60.0]), (line((1000, 0), (2000, 0)), [2, 60.0])],
        "id:integer&field=kmh:double",
    )


def access_parameters(**extra):
    parameters = {
        "ROADS": roads(),
        "SPEED_FIELD": "kmh",
        "DEFAULT_SPEED": 30.0,
        "DEPOTS": memory_layer("Point", [(point(0, 0), [1])]),
        "TARGETS": memory_layer("Point", [(point(2000, 0), [1])]),
        "MAX_SNAP": 50.0,
        "OUTPUT": "memory:",
    }
    parameters.update(extra)
    return parameters


def hazard_parameters(**extra):
    parameters = {
        "INPUT": memory_layer("Point", [(point(2, 5), [1, 4])], "id:integer&field=n:integer"),
        "HAZARD": memory_layer("Polygon", [(box(0, 0, 10, 10), [1])]),
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


NETWORK_OUTPUTS = {
    "networktopology": {"OUTPUT_NODES": "memory:", "OUTPUT_DEFECTS": "memory:"},
    "redundancygaps": {
        "OUTPUT_SEGMENTS": "memory:",
        "OUTPUT_NODES": "memory:",
        "OUTPUT_SITES": "memory:",
    },
    "scenarioimpact": {"OUTPUT_SITES": "memory:", "OUTPUT_PREMISES": "memory:"},
}

# (algorithm, parameters, the parameter holding a syntax error, its description)
BAD_SYNTAX = [
    (
        "scenarioimpact",
        lambda: network_parameters(
            FAILED_EXPRESSION='"id" = = 2', **NETWORK_OUTPUTS["scenarioimpact"]
        ),
        "FAILED_EXPRESSION",
    ),
    (
        "accessroutes",
        lambda: access_parameters(BRIDGE_EXPRESSION='"id" +* 2'),
        "BRIDGE_EXPRESSION",
    ),
    (
        "hazardexposure",
        lambda: hazard_parameters(PREMISES_COUNT='"n" +* 2'),
        "PREMISES_COUNT",
    ),
] + [
    (
        alg,
        (lambda alg=alg: network_parameters(PREMISES_COUNT='"n" +* 2', **NETWORK_OUTPUTS[alg])),
        "PREMISES_COUNT",
    )
    for alg in ("networktopology", "redundancygaps", "scenarioimpact")
]


@pytest.mark.parametrize(
    "alg, parameters, key", BAD_SYNTAX, ids=[f"{a}-{k}" for a, _, k in BAD_SYNTAX]
)
def test_expression_with_a_syntax_error_is_refused_by_name(
    run_algorithm, provider, alg, parameters, key
):
    # before: Processing gave the expression as "", taken as not given (no failure, no
    # bridge, a count of 1) and the run went on
    description = provider.algorithm(alg).parameterDefinition(key).description()
    with pytest.raises(QgsProcessingException) as caught:
        run_algorithm(alg, parameters())
    message = str(caught.value)
    assert key in message and description in message and "invalid" in message


def test_expression_evaluation_error_names_parameter_layer_and_feature(run_algorithm):
    assets = memory_layer(
        "Point",
        [(point(1, 1), [7, "2"]), (point(2, 2), [8, "x"])],
        "id:integer&field=n:string",
        name="poles",
    )
    with pytest.raises(QgsProcessingException) as caught:
        run_algorithm(
            "hazardexposure", hazard_parameters(INPUT=assets, PREMISES_COUNT='to_int("n") + 1')
        )
    message = str(caught.value)
    assert "PREMISES_COUNT" in message and '"poles"' in message and "feature 2" in message


def test_expression_naming_an_unknown_field_is_refused(run_algorithm):
    # QGIS gives NULL for a field the layer lacks, without an error: counts of 1
    with pytest.raises(QgsProcessingException, match="PREMISES_COUNT.*lacks: nb_logements"):
        run_algorithm(
            "redundancygaps",
            network_parameters(
                PREMISES_COUNT='"nb_logements" * 2', **NETWORK_OUTPUTS["redundancygaps"]
            ),
        )


def test_an_aggregate_over_another_layer_is_not_taken_for_an_unknown_field(run_algorithm):
    premises = memory_layer("Point", [(point(0, 0), [1, 3])], "id:integer&field=households:integer")
    QgsProject.instance().addMapLayer(premises)
    try:
        text = f"aggregate('{premises.id()}', 'sum', \"households\") + 0 * \"id\""
        result = run_algorithm("hazardexposure", hazard_parameters(PREMISES_COUNT=text))
        assert result["EXPOSED_COUNT"] == 1
    finally:
        QgsProject.instance().removeMapLayer(premises.id())


def test_a_valid_count_expression_still_counts(run_algorithm):
    result = run_algorithm(
        "redundancygaps",
        network_parameters(PREMISES_COUNT='"n" * 2', **NETWORK_OUTPUTS["redundancygaps"]),
    )
    assert result["PREMISES_AT_RISK"] == 10


# --------------------------------------------------------------------------- CRS


def test_crs_decision_says_why(context):
    projected = QgsCoordinateReferenceSystem("EPSG:2154")
    decision = projection.working_crs(projected, QgsRectangle(0, 0, 1, 1), context)
    assert decision.crs == projected and decision.reason == "layer CRS is projected"
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    france = projection.working_crs(wgs84, QgsRectangle(2.0, 48.0, 2.1, 48.1), context)
    assert france.crs.authid() == "EPSG:2154"
    assert france.reason == "Lambert-93 for geographic data in metropolitan France"
    quebec = projection.working_crs(wgs84, QgsRectangle(-71.3, 46.7, -71.1, 46.9), context)
    assert quebec.crs.authid() == "EPSG:32619"
    assert quebec.reason == "UTM zone 19 north for geographic data"
    assert "EPSG:32619" in quebec.message() and quebec.reason in quebec.message()


def test_crs_decision_is_logged_once(run_algorithm):
    feedback = Feedback()
    run_algorithm("hazardexposure", hazard_parameters(), feedback=feedback)
    said = [i for i in feedback.infos if "Lengths and distances in" in i]
    assert said == ["Lengths and distances in EPSG:2154: layer CRS is projected."]


NO_CRS = [
    ("hazardexposure", "INPUT", lambda lyr: hazard_parameters(INPUT=lyr("Point", point(2, 5)))),
    (
        "hazardexposure",
        "HAZARD",
        lambda lyr: hazard_parameters(HAZARD=lyr("Polygon", box(0, 0, 10, 10))),
    ),
    ("accessroutes", "DEPOTS", lambda lyr: access_parameters(DEPOTS=lyr("Point", point(0, 0)))),
    (
        "accessroutes",
        "BLOCKED",
        lambda lyr: access_parameters(BLOCKED=lyr("Polygon", box(0, 0, 10, 10))),
    ),
    (
        "redundancygaps",
        "ROOTS",
        lambda lyr: network_parameters(
            ROOTS=lyr("Point", point(0, 0)), **NETWORK_OUTPUTS["redundancygaps"]
        ),
    ),
]
# scoreassets reads attributes only: a layer without CRS is scored (the catalogue checks it)


@pytest.mark.parametrize("alg, key, parameters", NO_CRS, ids=[f"{a}-{k}" for a, k, _ in NO_CRS])
def test_layer_without_crs_is_refused_by_name(run_algorithm, alg, key, parameters):
    def no_crs(kind, wkt):
        out = QgsVectorLayer(f"{kind}?field=id:integer", "nowhere", "memory")
        out.setCrs(QgsCoordinateReferenceSystem())  # QGIS would give a new layer WGS 84
        assert not out.crs().isValid()
        feature_layer = memory_layer(kind, [(wkt, [1])])
        out.dataProvider().addFeatures(list(feature_layer.getFeatures()))
        return out

    with pytest.raises(QgsProcessingException) as caught:
        run_algorithm(alg, parameters(no_crs))
    message = str(caught.value)
    assert '"nowhere"' in message and key in message and "no CRS" in message
    assert "Assign projection" in message and "Layer Properties" in message


def test_geopackage_with_the_undefined_crs_is_refused(run_algorithm, tmp_path):
    # GDAL writes a layer without CRS with srs_id 0, "Undefined geographic SRS": QGIS takes
    # it as a valid CRS, not geographic, and nothing lay in the Lambert-93 hazard
    path = str(tmp_path / "poles.gpkg")
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = dataset.CreateLayer("poles", None, ogr.wkbPoint)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + 2} {Y0 + 5})"))
    layer.CreateFeature(feature)
    feature = layer = dataset = None
    with pytest.raises(QgsProcessingException, match='"poles" \\(INPUT\\) has no CRS'):
        run_algorithm("hazardexposure", hazard_parameters(INPUT=path))


def test_a_table_without_crs_is_still_scored(run_algorithm):
    table = QgsVectorLayer("None?field=id:integer&field=v:double", "table", "memory")
    rows = memory_layer("None", [(None, [1, 2.0]), (None, [2, 3.0])], "id:integer&field=v:double")
    table.dataProvider().addFeatures(list(rows.getFeatures()))
    result = run_algorithm("scoreassets", {"INPUT": table, "CRITERIA": "v", "OUTPUT": "memory:"})
    assert result["SCORED_COUNT"] == 2


# --------------------------------------------------------------------------- invalid polygons


def test_repair_keeps_the_polygonal_parts():
    bowtie = shapely.from_wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))")
    valid = shapely.box(0, 0, 1, 1)
    geometries = np.array([valid, None, bowtie], dtype=object)
    repaired, rows, emptied = polygons.repair_polygons(geometries)
    assert rows.tolist() == [2] and emptied.size == 0
    assert repaired[0] is valid and repaired[1] is None
    assert shapely.is_valid(repaired[2]) and repaired[2].area == pytest.approx(50.0)
    assert geometries[2] is bowtie  # the input array is not changed


def _gpkg(tmp_path, name, kind, rows, fields="id:integer"):
    source = memory_layer(kind, rows, fields)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    path = str(tmp_path / f"{name}.gpkg")
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        source, path, QgsCoordinateTransformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.WriterError.NoError
    return path


@pytest.mark.parametrize(
    "check",
    [
        QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck,
        QgsFeatureRequest.InvalidGeometryCheck.GeometrySkipInvalid,
        QgsFeatureRequest.InvalidGeometryCheck.GeometryAbortOnInvalid,  # QGIS's default
    ],
)
@pytest.mark.parametrize("stored", ["memory", "gpkg"])
def test_bowtie_hazard_exposes_like_its_repair(run_algorithm, tmp_path, check, stored):
    # before: "abort" (QGIS's default) stopped the run, "skip" dropped the zone: 0 exposed
    assets_rows = [
        (line((0, 5), (10, 5)), [1]),  # through both triangles: 10 m
        (line((0, 1), (10, 1)), [2]),  # 1 m in each triangle
        (line((20, 0), (30, 0)), [3]),  # far away
    ]
    repaired = shapely.make_valid(shapely.from_wkt(BOWTIE))
    if stored == "gpkg":
        hazard = _gpkg(tmp_path, "flood", "Polygon", [(BOWTIE, ["02Moy"])], "scenario:string")
        assets = _gpkg(tmp_path, "cables", "LineString", assets_rows)
        oracle_hazard = _gpkg(
            tmp_path, "oracle", "Polygon", [(repaired.wkt, ["02Moy"])], "scenario:string"
        )
    else:
        hazard = memory_layer("Polygon", [(BOWTIE, ["02Moy"])], "scenario:string", name="flood")
        assets = memory_layer("LineString", assets_rows)
        oracle_hazard = memory_layer(
            "MultiPolygon", [(repaired.wkt, ["02Moy"])], "scenario:string", name="oracle"
        )
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setInvalidGeometryCheck(check)
    feedback = Feedback()
    result = run_algorithm(
        "hazardexposure",
        {"INPUT": assets, "HAZARD": hazard, "HAZARD_FIELD": "scenario", "OUTPUT": "memory:"},
        feedback=feedback,
        context=context,
    )
    oracle = run_algorithm(
        "hazardexposure",
        {"INPUT": assets, "HAZARD": oracle_hazard, "HAZARD_FIELD": "scenario", "OUTPUT": "memory:"},
    )

    def exposure(output):
        output = output if isinstance(output, QgsVectorLayer) else context.getMapLayer(output)
        return {f["id"]: (f["hz_level"], f["hz_length"]) for f in output.getFeatures()}

    got, expected = exposure(result["OUTPUT"]), exposure(oracle["OUTPUT"])
    assert got == pytest.approx(expected) or got == expected
    assert got[1][0] == 3 and got[1][1] == pytest.approx(10.0)
    assert got[2][0] == 3 and got[2][1] == pytest.approx(2.0)
    assert result["EXPOSED_COUNT"] == oracle["EXPOSED_COUNT"] == 2
    assert check == context.invalidGeometryCheck()  # the user's setting is left as it was
    warnings = [w for w in feedback.warnings if "invalid polygons repaired" in w]
    assert len(warnings) == 1 and '"flood"' in warnings[0] and "features 1" in warnings[0]


def test_bowtie_aggregate_and_blocked_areas_are_repaired(run_algorithm):
    feedback = Feedback()
    aggregate = memory_layer("Polygon", [(BOWTIE, ["north"])], "name:string", name="communes")
    result = run_algorithm(
        "hazardexposure",
        hazard_parameters(AGGREGATE=aggregate, AGGREGATE_FIELD="name"),
        feedback=feedback,
    )
    assert result["EXPOSED_COUNT"] == 1
    assert any('"communes"' in w and "repaired" in w for w in feedback.warnings)

    feedback = Feedback()
    crossing = [(500, -5), (510, 5), (510, -5), (500, 5), (500, -5)]  # a bow-tie over the road
    wkt = "Polygon((" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in crossing) + "))"
    blocked = memory_layer("Polygon", [(wkt, [1])], name="flooded")
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryAbortOnInvalid)
    result = run_algorithm(
        "accessroutes", access_parameters(BLOCKED=blocked), feedback=feedback, context=context
    )
    assert any('"flooded"' in w and "repaired" in w for w in feedback.warnings)
    assert result["UNREACHABLE_COUNT"] == 1  # the only road is cut at x = 505


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("bad", [math.inf, math.nan, -20.0])
def test_nonsense_speeds_exclude_their_roads_by_name(run_algorithm, bad):
    # before: an infinite speed made the road free to drive, a negative or NaN one took
    # the default speed, without naming the field
    rows = [(line((0, 0), (1000, 0)), [1, 60.0]), (line((1000, 0), (2000, 0)), [2, bad])]
    detour = (line((1000, 0), (1000, 500), (2000, 500), (2000, 0)), [3, 60.0])
    lyr = memory_layer("LineString", rows + [detour], "id:integer&field=kmh:double")
    feedback = Feedback()
    context = QgsProcessingContext()
    result = run_algorithm(
        "accessroutes", access_parameters(ROADS=lyr), feedback=feedback, context=context
    )
    out = result["OUTPUT"]
    out = out if isinstance(out, QgsVectorLayer) else context.getMapLayer(out)
    (t0,) = [f["ac_t0_min"] for f in out.getFeatures()]
    assert t0 == pytest.approx(3.0)  # 3 km at 60 km/h by the detour
    assert any(
        w.startswith('1 roads excluded: their speed in field "kmh"') for w in feedback.warnings
    )


def test_null_speed_still_takes_the_default(run_algorithm):
    rows = [(line((0, 0), (1000, 0)), [1, 60.0]), (line((1000, 0), (2000, 0)), [2, NULL])]
    lyr = memory_layer("LineString", rows, "id:integer&field=kmh:double")
    context = QgsProcessingContext()
    feedback = Feedback()
    result = run_algorithm(
        "accessroutes", access_parameters(ROADS=lyr), feedback=feedback, context=context
    )
    out = result["OUTPUT"]
    out = out if isinstance(out, QgsVectorLayer) else context.getMapLayer(out)
    (t0,) = [f["ac_t0_min"] for f in out.getFeatures()]
    assert t0 == pytest.approx(3.0)  # 1 km at 60, 1 km at the default 30
    assert not any("excluded" in w for w in feedback.warnings)


@pytest.mark.parametrize(
    "alg, key, parameters",
    [
        ("accessroutes", "DEFAULT_SPEED", access_parameters),
        ("accessroutes", "MAX_SNAP", access_parameters),
        ("accessroutes", "MAX_DEPTH", access_parameters),
        ("hazardexposure", "BUFFER", hazard_parameters),
        (
            "redundancygaps",
            "TOLERANCE",
            lambda **kw: network_parameters(**NETWORK_OUTPUTS["redundancygaps"], **kw),
        ),
        (
            "redundancygaps",
            "MAX_SNAP",
            lambda **kw: network_parameters(**NETWORK_OUTPUTS["redundancygaps"], **kw),
        ),
    ],
)
def test_nan_number_parameters_are_refused(run_algorithm, alg, key, parameters):
    # Processing's minimum and maximum checks both pass a NaN
    with pytest.raises(QgsProcessingException, match=f"{key} .*must be a finite number"):
        run_algorithm(alg, parameters(**{key: math.nan}))


def test_infinite_premises_counts_are_reported(run_algorithm):
    rows = [(point(200, 0), [1, 5.0]), (point(200, 1), [2, math.inf])]
    premises = memory_layer("Point", rows, "id:integer&field=n:double")
    feedback = Feedback()
    result = run_algorithm(
        "redundancygaps",
        network_parameters(PREMISES=premises, **NETWORK_OUTPUTS["redundancygaps"]),
        feedback=feedback,
    )
    assert result["PREMISES_AT_RISK"] == 6  # 5 + the infinite one taken as 1
    assert any("infinite" in w for w in feedback.warnings)


def test_nonsense_exposure_counts_are_reported(run_algorithm):
    rows = [(point(2, 5), [1, 4.0]), (point(3, 5), [2, math.inf]), (point(4, 5), [3, -2.0])]
    assets = memory_layer("Point", rows, "id:integer&field=n:double")
    feedback = Feedback()
    context = QgsProcessingContext()
    result = run_algorithm(
        "hazardexposure",
        hazard_parameters(INPUT=assets, PREMISES_COUNT='"n"'),
        feedback=feedback,
        context=context,
    )
    summary = result["SUMMARY"]
    summary = summary if isinstance(summary, QgsVectorLayer) else context.getMapLayer(summary)
    premises = {f["hz_level"]: f["premises"] for f in summary.getFeatures()}
    assert premises[1] == pytest.approx(4.0)
    (warning,) = [w for w in feedback.warnings if "PREMISES_COUNT" in w]
    assert "2 assets" in warning and "feature 2" in warning


# --------------------------------------------------------------------------- SRLG


@pytest.mark.parametrize("field_type", ["integer", "integer64", "double"])
@pytest.mark.parametrize("stored", ["memory", "gpkg"])
def test_numeric_srlg_field_gives_groups_named_as_text(run_algorithm, tmp_path, field_type, stored):
    # The issue reported a numeric SRLG_FIELD failing with a half-written output; not
    # reproduced on this code (ids are normalised to text: 5, 5.0 and "5" are one group).
    # A ring A-B-C-A with a spur C-D: lines 2 (B-C) and 3 (C-A) share group 5, so losing
    # group 5 cuts C and D (premises at D).
    rows = [
        (line((0, 0), (100, 0)), [1, 9]),
        (line((100, 0), (100, 100)), [2, 5]),
        (line((100, 100), (0, 0)), [3, 5]),
        (line((100, 100), (200, 100)), [4, None]),
    ]
    network = memory_layer("LineString", rows, f"id:integer&field=grp:{field_type}")
    if stored == "gpkg":
        network = _gpkg(
            tmp_path, "network", "LineString", rows, f"id:integer&field=grp:{field_type}"
        )
    groups = str(tmp_path / "groups.gpkg")
    context = QgsProcessingContext()
    result = run_algorithm(
        "redundancygaps",
        network_parameters(
            NETWORK=network,
            PREMISES=memory_layer(
                "Point", [(point(200, 100), [1, 4])], "id:integer&field=n:integer"
            ),
            SRLG_FIELD="grp",
            OUTPUT_SEGMENTS=str(tmp_path / "segments.gpkg"),
            OUTPUT_GROUPS=groups,
        ),
        context=context,
    )
    out = QgsVectorLayer(groups, "groups", "ogr")
    by_name = {f["rd_group"]: f["rd_members"] for f in out.getFeatures()}
    assert by_name == {"9": 1, "5": 2}
    assert result["GROUPS_DEFEATING"] == 1
    segments = QgsVectorLayer(str(tmp_path / "segments.gpkg"), "segments", "ogr")
    srlg = {f["id"]: f["rd_srlg_pr"] for f in segments.getFeatures()}
    assert srlg[2] == srlg[3] == 4


def test_nan_number_is_refused_inside_a_model(provider, qgis_processing):
    # a model checks its own parameters with QGIS's rules (a NaN passes), not ours
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterNumber,
        QgsProcessingParameterVectorLayer,
    )

    model = QgsProcessingModelAlgorithm("nan model", "tests")
    for name in ("assets", "zones"):
        model.addModelParameter(
            QgsProcessingParameterVectorLayer(name, name), QgsProcessingModelParameter(name)
        )
    model.addModelParameter(
        QgsProcessingParameterNumber("widen", "widen", QgsProcessingParameterNumber.Type.Double),
        QgsProcessingModelParameter("widen"),
    )
    child = QgsProcessingModelChildAlgorithm("fibreresilience:hazardexposure")
    child.setChildId("exposure")
    for key, source in (("INPUT", "assets"), ("HAZARD", "zones"), ("BUFFER", "widen")):
        child.addParameterSources(
            key, [QgsProcessingModelChildParameterSource.fromModelParameter(source)]
        )
    output = QgsProcessingModelOutput("exposed")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"exposed": output})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    parameters = hazard_parameters()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    errors = []

    class ErrorFeedback(Feedback):
        def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS's names)
            errors.append(error)
            super().reportError(error, fatalError)

    with pytest.raises(QgsProcessingException) as raised:
        processing.run(
            model,
            {
                "assets": parameters["INPUT"],
                "zones": parameters["HAZARD"],
                "widen": math.nan,
                "exposure:exposed": "memory:",
            },
            context=context,
            feedback=ErrorFeedback(),
        )
    # QGIS 3.22 reports the child's error on the feedback; 3.40 puts it in the exception
    said = errors + [str(raised.value)]
    assert any("BUFFER" in e and "must be a finite number" in e for e in said), said
