"""Every output layer loads styled and grouped under its step, as the toolbox loads it.

Each algorithm runs on the sample through Processing with its outputs to be loaded into a
project; Python's garbage is then collected (a post-processor only Python held would be gone),
and the results are loaded by QGIS's own code (processing's handleAlgorithmResults, what the
toolbox, batch and model dialogs call): layers added, post-processors called. The expected
classes are written here from the README's field tables, not read from the QML files.
"""

import contextlib
import gc
from unittest import mock

import pytest
from qgis.core import (
    NULL,
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsLayerTree,
    QgsPalLayerSettings,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from fibre_resilience.adapters import styles
from fibre_resilience.processing_provider.algorithm import OUTPUT_STYLES

LEVEL_LABELS = [
    "Not exposed",
    "Level 1 (low)",
    "Level 2 (medium)",
    "Level 3 (high)",
    "Level 4 (very high)",
]
LEVEL_COLOURS = ["#9e9e9e", "#f2c12e", "#fd8d3c", "#e31a1c", "#800026"]
_DELIVERY = {}  # the sample delivery read once: output key -> GeoPackage path


class Loaded:
    """The outputs of one run as loaded into ``project``: layers by output key."""

    def __init__(self, project, results, alg_name):
        self.project, self.results, self.alg_name = project, results, alg_name
        by_source = {layer.source().split("|")[0]: layer for layer in project.mapLayers().values()}
        self.layers = {
            key: by_source[value]
            for key, value in results.items()
            if isinstance(value, str) and value in by_source
        }

    def group_of(self, key):
        node = self.project.layerTreeRoot().findLayer(self.layers[key].id())
        parent = node.parent()
        return parent.name() if QgsLayerTree.isGroup(parent) else None


@pytest.fixture()
def project(qgis_app):
    project = QgsProject()
    yield project
    project.removeAllMapLayers()
    project.clear()


def run_and_load(alg_id, parameters, project, outputs):
    """``alg_id`` through Processing, ``outputs`` (keys, or keys to destinations: temporary
    outputs by default) to be loaded into ``project`` on completion."""
    from processing.core.Processing import Processing
    from processing.gui import Postprocessing
    from processing.gui.Postprocessing import handleAlgorithmResults

    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    parameters = dict(parameters)
    destinations = outputs if isinstance(outputs, dict) else dict.fromkeys(outputs)
    for key, destination in destinations.items():
        parameters[key] = QgsProcessingOutputLayerDefinition(
            destination or "TEMPORARY_OUTPUT", project
        )

    def finish(alg, context, feedback):
        gc.collect()  # the post-processors must outlive Python's collection
        # No desktop: QGIS 3.40+ reads iface in Postprocessing, and 3.44 hands
        # iface.layerTreeView() to C++, which takes no stand-in (pytest-qgis's iface answers
        # with a MagicMock); without one the layers go to the project's tree, as in 3.22.
        no_desktop = (
            mock.patch.object(Postprocessing, "iface", None)
            if hasattr(Postprocessing, "iface")
            else contextlib.nullcontext()
        )
        with no_desktop:
            assert handleAlgorithmResults(alg, context, feedback)

    if ":" not in alg_id:
        alg_id = f"fibreresilience:{alg_id}"
    results = Processing.runAlgorithm(
        alg_id, parameters, onFinish=finish, feedback=feedback, context=context
    )
    return results


def _delivery(run_algorithm, sample_dir, tmp_path_factory):
    if not _DELIVERY:
        folder = tmp_path_factory.mktemp("delivery")
        keys = ("ROUTES", "CABLES", "NODES", "PREMISES")
        parameters = {"SOURCE": str(sample_dir / "gracethd_v3.gpkg")}
        parameters.update({key: str(folder / f"{key.lower()}.gpkg") for key in keys})
        parameters["REPORT"] = str(folder / "report.gpkg")
        _DELIVERY.update(run_algorithm("gracethdnetwork", parameters))
    return _DELIVERY


def _subset(path, expression):
    layer = QgsVectorLayer(path, "subset", "ogr")
    return layer.materialize(QgsFeatureRequest().setFilterExpression(expression))


def _network(delivery, premises=None):
    return {
        "NETWORK": delivery["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "SRLG_FIELD": "gt_routes",
        "ROOTS": _subset(delivery["NODES"], "\"gt_role\" = 'NRO'"),
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": premises or delivery["PREMISES"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": _subset(delivery["NODES"], "\"gt_role\" IN ('SRO', 'PBO')"),
        "SITE_NODE_FIELD": "gt_code",
    }


def _categories(layer):
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer), (layer.name(), renderer.type())
    return [(str(c.value()), c.label(), c.symbol().color().name()) for c in renderer.categories()]


def _ranges(layer):
    renderer = layer.renderer()
    assert isinstance(renderer, QgsGraduatedSymbolRenderer), (layer.name(), renderer.type())
    return [(r.lowerValue(), r.upperValue(), r.label()) for r in renderer.ranges()]


def _symbol_type_fits(layer):
    from qgis.core import QgsRenderContext

    if layer.geometryType() == QgsWkbTypes.GeometryType.NullGeometry:
        return True  # a table: nothing to draw
    wanted = {
        QgsWkbTypes.GeometryType.PointGeometry: "marker",
        QgsWkbTypes.GeometryType.LineGeometry: "line",
        QgsWkbTypes.GeometryType.PolygonGeometry: "fill",
    }[layer.geometryType()]
    renderer = layer.renderer()
    symbols = renderer.symbols(QgsRenderContext()) if renderer else []
    names = {0: "marker", 1: "line", 2: "fill"}
    return symbols and all(names[int(s.type())] == wanted for s in symbols)


def _check_loaded(loaded, expected_keys):
    """Every expected output is loaded, styled (not the default single symbol), with symbols
    of its geometry, in a group named after the algorithm; tables are loaded unstyled."""
    assert sorted(loaded.layers) == sorted(expected_keys), loaded.results
    for key, layer in loaded.layers.items():
        assert loaded.group_of(key) == loaded.alg_name, (key, loaded.group_of(key))
        assert _symbol_type_fits(layer), key


# ---------------------------------------------------------------------- one test per algorithm


def test_gracethdnetwork_outputs_by_laying_and_role(provider, sample_dir, project):
    keys = ("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT")
    results = run_and_load(
        "gracethdnetwork", {"SOURCE": str(sample_dir / "gracethd_v3.gpkg")}, project, keys
    )
    loaded = Loaded(project, results, "Read a GraceTHD delivery")
    _check_loaded(loaded, keys)
    laying = ["Aerial", "Façade", "Underground", "Indoor", "Unknown laying"]
    for key in ("ROUTES", "CABLES"):
        assert [label for _, label, _ in _categories(loaded.layers[key])] == laying
        assert loaded.layers[key].renderer().classAttribute() == "gt_laying"
    roles = [value for value, _, _ in _categories(loaded.layers["NODES"])]
    assert roles == ["NRO", "SRO", "PBO", "CHAMBRE", "APPUI", "FACADE", "IMMEUBLE", "AUTRE"]
    assert isinstance(loaded.layers["PREMISES"].renderer(), QgsSingleSymbolRenderer)
    # the anomaly report is a table: loaded, in the group, with no style of ours
    assert loaded.layers["REPORT"].geometryType() == QgsWkbTypes.GeometryType.NullGeometry


def test_hazard_levels_on_lines_and_points(
    provider, run_algorithm, sample_dir, tmp_path_factory, project, tmp_path
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    hazard = f"{sample_dir / 'territory.gpkg'}|layername=flood_zones"
    for asset in ("ROUTES", "NODES"):
        parameters = {
            "INPUT": delivery[asset],
            "HAZARD": hazard,
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
        }
        # the nodes into a file: written beside it and moved into place before loading
        outputs = {"OUTPUT": str(tmp_path / "nodes.gpkg")} if asset == "NODES" else {}
        outputs.setdefault("OUTPUT", None)
        outputs["SUMMARY"] = None
        results = run_and_load("hazardexposure", parameters, project, outputs)
        loaded = Loaded(project, results, "Hazard exposure")
        _check_loaded(loaded, ("OUTPUT", "SUMMARY"))  # SUMMARY: a table, unstyled
        layer = loaded.layers["OUTPUT"]
        assert layer.renderer().classAttribute() == "hz_level"
        assert _categories(layer) == [
            (str(level), label, colour)
            for level, (label, colour) in enumerate(zip(LEVEL_LABELS, LEVEL_COLOURS))
        ]
    assert results["OUTPUT"] == str(tmp_path / "nodes.gpkg")
    # both runs share one group, named after the step
    groups = [g.name() for g in project.layerTreeRoot().findGroups()]
    assert groups == ["Hazard exposure"]


def test_networktopology_rooted_nodes_and_defects(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    network = _network(delivery)
    parameters = {k: network[k] for k in ("NETWORK", "FROM_FIELD", "TO_FIELD", "ROOTS")}
    parameters["ROOT_NODE_FIELD"] = "gt_code"
    keys = ("OUTPUT_NODES", "OUTPUT_DEFECTS")
    loaded = Loaded(
        project, run_and_load("networktopology", parameters, project, keys), "Network topology"
    )
    expected = [k for k in keys if k in loaded.layers]  # no defect: no defects layer written
    assert "OUTPUT_NODES" in expected
    _check_loaded(loaded, expected)
    assert [label for _, label, _ in _categories(loaded.layers["OUTPUT_NODES"])] == [
        "Connected to a root",
        "Not connected to any root",
    ]


def test_redundancy_by_premises_cut_and_diversity(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    keys = ("OUTPUT_SEGMENTS", "OUTPUT_NODES", "OUTPUT_SITES", "OUTPUT_GROUPS", "OUTPUT_PREMISES")
    results = run_and_load("redundancygaps", _network(delivery), project, keys)
    loaded = Loaded(project, results, "Redundancy gaps")
    _check_loaded(loaded, keys)
    spof = [
        (0, 0, "No premises cut"),
        (0, 10, "1 to 10 premises cut"),
        (10, 100, "11 to 100 premises cut"),
        (100, 1000, "101 to 1000 premises cut"),
        (1000, 1e9, "More than 1000 premises cut"),
    ]
    for key in ("OUTPUT_SEGMENTS", "OUTPUT_NODES"):
        assert loaded.layers[key].renderer().classAttribute() == "rd_prem"
        assert _ranges(loaded.layers[key]) == spof
    # each line is drawn in the class of its count of premises cut
    segments = loaded.layers["OUTPUT_SEGMENTS"]
    seen = set()
    for feature in segments.getFeatures():
        cut = feature["rd_prem"]
        expected = 0 if cut == 0 else 1 if cut <= 10 else 2 if cut <= 100 else 3
        expected = 4 if cut > 1000 else expected
        assert segments.renderer().rangeForValue(cut).label() == spof[expected][2], cut
        seen.add(expected)
    assert {0, 1, 3} <= seen  # the sample: lines cutting nothing, a few, hundreds
    assert [label for _, label, _ in _categories(loaded.layers["OUTPUT_SITES"])] == [
        "No diversity: a single line cuts it",
        "Line diversity: a node or shared-risk group cuts it",
        "Full diversity",
    ]
    assert loaded.layers["OUTPUT_SITES"].renderer().classAttribute() == "rd_divers"
    premises = _categories(loaded.layers["OUTPUT_PREMISES"])
    assert [label for _, label, _ in premises] == [
        "Redundant",
        "Behind a shared-risk group",
        "Behind a single point of failure",
        "Not attached to the network",
    ]


def test_scenario_impact_failed_cut_served(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    territory = sample_dir / "territory.gpkg"
    exposed = run_algorithm(
        "hazardexposure",
        {
            "INPUT": delivery["ROUTES"],
            "HAZARD": f"{territory}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    parameters = _network(delivery)
    parameters.pop("SITE_NODE_FIELD")
    parameters.update(
        FAILED_LAYER=exposed,
        FAILED_GROUP_FIELD="gt_code",
        FAILED_LAYER_EXPRESSION='"hz_failed" = 1',
        AGGREGATE=f"{territory}|layername=communes",
        SITES=f"{territory}|layername=sensitive_sites",
    )
    keys = ("OUTPUT_SITES", "OUTPUT_PREMISES", "OUTPUT_LINES", "SUMMARY")
    loaded = Loaded(
        project, run_and_load("scenarioimpact", parameters, project, keys), "Scenario impact"
    )
    _check_loaded(loaded, keys)
    for key in ("OUTPUT_SITES", "OUTPUT_PREMISES", "OUTPUT_LINES"):
        assert _categories(loaded.layers[key]) == [
            ("0", "Served", "#a0a0a0"),
            ("1", "Cut off", "#f58518"),
            ("2", "Failed", "#7f0000"),
        ]
    # the class expression puts each premises where im_failed / im_cut say
    premises = loaded.layers["OUTPUT_PREMISES"]
    expression = QgsExpression(premises.renderer().classAttribute())
    context = premises.createExpressionContext()
    classes = set()
    for feature in premises.getFeatures():
        context.setFeature(feature)
        expected = 2 if feature["im_failed"] == 1 else 1 if feature["im_cut"] == 1 else 0
        assert expression.evaluate(context) == expected
        classes.add(expected)
    assert classes == {0, 1}  # the sample's flood cuts premises off
    assert loaded.layers["SUMMARY"].renderer().classAttribute() == "im_prem_c"


def test_access_unreachable_delays_blocked_roads_and_routes(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    territory = sample_dir / "territory.gpkg"
    parameters = {
        "ROADS": f"{territory}|layername=roads",
        "SPEED_PRESET": 1,
        "DEPOTS": f"{territory}|layername=depots",
        "DEPOT_FIELD": "depot_id",
        "TARGETS": _subset(delivery["NODES"], "\"gt_role\" IN ('NRO', 'SRO')"),
        "BLOCKED": f"{territory}|layername=flood_zones",
        "KEEP_BRIDGES": False,
        "SERVICE_MINUTES": "10;30",
    }
    keys = ("OUTPUT", "ROUTES", "BLOCKED_ROADS", "SERVICE_AREAS")
    loaded = Loaded(
        project,
        run_and_load("accessroutes", parameters, project, keys),
        "Crew access routes under hazard",
    )
    _check_loaded(loaded, keys)
    assert [label for _, label, _ in _categories(loaded.layers["OUTPUT"])] == [
        "Unreachable",
        "Reached, no delay",
        "Delay up to 15 min",
        "Delay 15 to 60 min",
        "Delay over 60 min",
    ]
    targets = loaded.layers["OUTPUT"]
    expression = QgsExpression(targets.renderer().classAttribute())
    context = targets.createExpressionContext()
    for feature in targets.getFeatures():
        context.setFeature(feature)
        delay = feature["ac_delay"]
        if feature["ac_reach"] != 1:
            expected = 0
        else:
            expected = 1 if delay <= 0 else 2 if delay <= 15 else 3 if delay <= 60 else 4
        assert expression.evaluate(context) == expected
    for key, colour in (("ROUTES", "#2c7bb6"), ("BLOCKED_ROADS", "#d7191c")):
        renderer = loaded.layers[key].renderer()
        assert isinstance(renderer, QgsSingleSymbolRenderer), key
        assert renderer.symbol().color().name() == colour
    assert loaded.layers["SERVICE_AREAS"].renderer().classAttribute() == "ac_minutes"


def test_scores_by_class_with_the_top_labelled(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    exposed = run_algorithm(
        "hazardexposure",
        {
            "INPUT": delivery["ROUTES"],
            "HAZARD": f"{sample_dir / 'territory.gpkg'}|layername=flood_zones",
            "HAZARD_FIELD": "scenario",
            "PRESET": 1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    parameters = {
        "INPUT": exposed,
        "CRITERIA": "hz_level | weight=3 | higher\nhz_length | weight=1 | log",
        "CLASSES": "breaks=25;50;75 | labels=calm;watch;alert;act",
    }
    loaded = Loaded(
        project, run_and_load("scoreassets", parameters, project, ("OUTPUT",)), "Score assets"
    )
    _check_loaded(loaded, ("OUTPUT",))
    layer = loaded.layers["OUTPUT"]
    assert layer.renderer().classAttribute() == "sc_class"
    # oracle: the classes the features hold, in the order of their lowest score
    lowest = {}
    for feature in layer.getFeatures():
        if feature["sc_class"]:
            score = feature["sc_score"]
            lowest[feature["sc_class"]] = min(lowest.get(feature["sc_class"], 101), score)
    categories = _categories(layer)
    assert [value for value, _, _ in categories] == sorted(lowest, key=lowest.get) + [""]
    assert [label for _, label, _ in categories][-1] == "Not scored"
    assert set(lowest) <= {"calm", "watch", "alert", "act"} and len(lowest) >= 2
    # darker along the ramp as the score rises
    lightness = [QColor(colour).lightness() for _, _, colour in categories[:-1]]
    assert lightness == sorted(lightness, reverse=True)
    assert layer.labelsEnabled()
    settings = layer.labeling().settings()
    assert settings.isExpression and '"sc_rank" <= 10' in settings.fieldName
    assert settings.placement == QgsPalLayerSettings.Placement.Horizontal
    assert settings.displayAll  # all ten, even where they collide
    labelled = QgsExpression(settings.fieldName)
    context = layer.createExpressionContext()
    texts = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        value = labelled.evaluate(context)
        if value:
            texts.append(value)
    assert sorted(texts) == sorted(f"#{rank}" for rank in range(1, 11))


def test_return_periods_graduated_by_first_failure(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    parameters = _network(delivery)
    parameters.update(
        HAZARD=f"{sample_dir / 'territory.gpkg'}|layername=flood_zones",
        SCENARIO_FIELD="scenario",
        RETURN_PERIODS="01For=10;02Moy=100;04Fai=1000",
    )
    keys = ("OUTPUT_LINES", "OUTPUT_PREMISES", "OUTPUT_SITES", "SUMMARY")
    loaded = Loaded(
        project,
        run_and_load("returnperiods", parameters, project, keys),
        "Return periods and expected annual impact",
    )
    _check_loaded(loaded, keys)
    labels = [
        "Never fails",
        "Every 10 years or more often",
        "Every 10 to 30 years",
        "Every 30 to 100 years",
        "Every 100 to 300 years",
        "Every 300 to 1000 years",
        "Rarer than every 1000 years",
    ]
    for key in ("OUTPUT_LINES", "OUTPUT_PREMISES", "OUTPUT_SITES"):
        layer = loaded.layers[key]
        assert [label for _, _, label in _ranges(layer)] == labels
        assert "rp_first" in layer.renderer().classAttribute()
    lines = loaded.layers["OUTPUT_LINES"]
    renderer = lines.renderer()
    expression = QgsExpression(renderer.classAttribute())
    context = lines.createExpressionContext()
    seen = set()
    for feature in lines.getFeatures():
        context.setFeature(feature)
        first = feature["rp_first"]
        value = expression.evaluate(context)
        label = renderer.rangeForValue(value).label()
        if first is None or first == NULL:
            assert label == "Never fails"
        else:
            # the first range whose bounds hold it: (lower, upper]
            assert label == next(r for lo, hi, r in _ranges(lines)[1:] if lo < first <= hi)
        seen.add(label)
    assert {"Never fails", "Every 10 years or more often"} <= seen


def test_power_sites_graduated_by_hours_without_power(
    provider, run_algorithm, sample_dir, tmp_path_factory, project
):
    """powerresilience on the sample's storm (resources/sample/power.gpkg): every site in the
    class of its pw_dark_h; the délestage table is loaded unstyled."""
    delivery = _delivery(run_algorithm, sample_dir, tmp_path_factory)
    power = sample_dir / "power.gpkg"
    parameters = {
        "NETWORK": delivery["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "ROOTS": f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
        "ROOT_NODE_FIELD": "nd_code",
        "PREMISES": delivery["PREMISES"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": f"{power}|layername=active_sites",
        "SITE_NODE_FIELD": "nd_code",
        "AUTONOMY_FIELD": "autonomy_h",
        "GENERATOR_FIELD": "generator",
        "OUTAGES": f"{power}|layername=grid_outage",
        "OUTAGE_HOURS_FIELD": "hours",
    }
    keys = ("OUTPUT", "PRIORITY")
    loaded = Loaded(
        project,
        run_and_load("powerresilience", parameters, project, keys),
        "Power resilience of active sites",
    )
    _check_loaded(loaded, keys)
    sites = loaded.layers["OUTPUT"]
    labels = [label for _, _, label in _ranges(sites)]
    assert labels == [
        "Never without power",
        "Without power up to 2 h",
        "Without power 2 to 6 h",
        "Without power 6 to 24 h",
        "Without power over 24 h",
    ]
    renderer = sites.renderer()
    expression = QgsExpression(renderer.classAttribute())
    context = sites.createExpressionContext()
    seen = set()
    for feature in sites.getFeatures():
        context.setFeature(feature)
        dark = feature["pw_dark_h"]
        label = renderer.rangeForValue(expression.evaluate(context)).label()
        if dark is None or dark == NULL or dark == 0:
            assert label == "Never without power", feature["site_id"]
        else:
            assert label == next(r for lo, hi, r in _ranges(sites)[1:] if lo < dark <= hi)
        seen.add(label)
    assert "Never without power" in seen and len(seen) >= 2


# ---------------------------------------------------------------------- model, headless, i18n


def test_restoration_jobs_graduated_by_repair_end(provider, project):
    """restoration on a chain R-A-B-C whose lines A-B and B-C fail: 1 h away, A-B repaired in
    2 h (ends at 3 h), B-C in 30 h (ends at 34 h): two classes of rs_done_h."""
    lines = QgsVectorLayer(
        "LineString?crs=EPSG:2154&field=id:integer&field=kind:string", "l", "memory"
    )
    roots = QgsVectorLayer("Point?crs=EPSG:2154", "r", "memory")
    rows = [
        (1, "duct", "0 0, 100 0", 0),
        (2, "pole", "100 0, 200 0", 1),
        (3, "long", "200 0, 300 0", 1),
    ]
    for ident, kind, coords, _ in rows:
        f = QgsFeature(lines.fields())
        f.setAttributes([ident, kind])
        f.setGeometry(QgsGeometry.fromWkt(f"LINESTRING ({coords})"))
        lines.dataProvider().addFeature(f)
    root = QgsFeature()
    root.setGeometry(QgsGeometry.fromWkt("POINT (0 0)"))
    roots.dataProvider().addFeature(root)
    parameters = {
        "NETWORK": lines,
        "ROOTS": roots,
        "FAILED_EXPRESSION": '"id" > 1',
        "DEFAULT_TRAVEL_MINUTES": 60,
        "REPAIR_FIELD": "kind",
        "REPAIR_HOURS": "pole,2,long,30",
    }
    keys = ("OUTPUT", "RESTORATION")
    loaded = Loaded(
        project, run_and_load("restoration", parameters, project, keys), "Restoration curve"
    )
    _check_loaded(loaded, keys)
    jobs = loaded.layers["OUTPUT"]
    assert [label for _, _, label in _ranges(jobs)] == [
        "Repaired within 6 h",
        "Repaired in 6 to 24 h",
        "Repaired in 1 to 3 days",
        "Repaired after 3 days",
        "Never repaired",
    ]
    renderer = jobs.renderer()
    expression = QgsExpression(renderer.classAttribute())
    context = jobs.createExpressionContext()
    labels = {}
    for feature in jobs.getFeatures():
        context.setFeature(feature)
        labels[feature["id"]] = renderer.rangeForValue(expression.evaluate(context)).label()
    assert labels == {2: "Repaired within 6 h", 3: "Repaired in 1 to 3 days"}


def test_the_plan_model_styles_its_final_outputs(provider, sample_dir, project):
    """The model's final layers, loaded as the model dialog loads them, carry the styles of
    the steps that wrote them, each in its step's group."""
    from test_resilience_plan_model import MODEL_ID, OUTPUTS, _hazard, _parameters

    parameters = _parameters(sample_dir, _hazard(sample_dir / "territory.gpkg"))
    results = run_and_load(MODEL_ID, parameters, project, tuple(OUTPUTS))
    loaded = Loaded(project, results, None)
    assert sorted(loaded.layers) == sorted(OUTPUTS)
    expected = {
        "routes_exposure:exposure": ("hz_level", "Hazard exposure"),
        "redundancy:segments": ("rd_prem", "Redundancy gaps"),
        "redundancy:sites": ("rd_divers", "Redundancy gaps"),
        "impact:summary": ("im_prem_c", "Scenario impact"),
        "scoring:routes": ("sc_class", "Score assets"),
    }
    for key, (attribute, group) in expected.items():
        assert loaded.layers[key].renderer().classAttribute() == attribute, key
        assert loaded.group_of(key) == group, key
    assert _categories(loaded.layers["premises_exposure:exposure"])[4][1] == LEVEL_LABELS[4]
    blocked = loaded.layers["access:blocked_roads"].renderer()
    assert blocked.symbol().color().name() == "#d7191c"
    assert loaded.group_of("access:crew_routes") == "Crew access routes under hazard"
    # redundancy:groups is a table: loaded, unstyled
    assert loaded.layers["redundancy:groups"].geometryType() == (
        QgsWkbTypes.GeometryType.NullGeometry
    )


def test_a_run_that_loads_nothing_sets_no_post_processor(provider, sample_dir, tmp_path):
    """Headless runs (processing.run, qgis_process) have no layer to load: nothing is set."""
    from qgis import processing

    context = QgsProcessingContext()
    keys = ("ROUTES", "CABLES", "NODES", "PREMISES", "REPORT")
    parameters = {key: str(tmp_path / f"{key.lower()}.gpkg") for key in keys}
    parameters["SOURCE"] = str(sample_dir / "gracethd_v3.gpkg")
    result = processing.run("fibreresilience:gracethdnetwork", parameters, context=context)
    assert result["NODES"] == str(tmp_path / "nodes.gpkg")
    assert context.layersToLoadOnCompletion() == {}
    assert not styles.style_on_load(context, result["NODES"], "node_roles", "x")


def test_every_output_with_geometry_has_a_style(provider):
    """The table of styles covers every output sink that can hold geometry, and names files
    that exist; tables (REPORT, OUTPUT_GROUPS, OUTPUT_TIERS, the summaries of levels and
    scenarios) none."""
    from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSink

    from fibre_resilience.processing_provider.algorithm import FibreAlgorithm

    tables = {
        ("gracethdnetwork", "REPORT"),
        ("hazardexposure", "SUMMARY"),
        ("redundancygaps", "OUTPUT_GROUPS"),
        ("redundancygaps", "OUTPUT_TIERS"),
        ("returnperiods", "SUMMARY"),
        ("powerresilience", "PRIORITY"),
        ("restoration", "RESTORATION"),
        ("mitigationplan", "PLAN"),
    }
    sinks = set()
    for alg in provider.algorithms():
        if not isinstance(alg, FibreAlgorithm):
            continue  # the shipped model: its outputs are its steps'
        for parameter in alg.parameterDefinitions():
            if isinstance(parameter, QgsProcessingParameterFeatureSink):
                sinks.add((alg.name(), parameter.name()))
                if (alg.name(), parameter.name()) in tables:
                    continue
                assert (
                    parameter.dataType() != QgsProcessing.SourceType.TypeVector
                    or (
                        alg.name(),
                        parameter.name(),
                    )
                    in OUTPUT_STYLES
                ), (alg.name(), parameter.name())
    assert set(OUTPUT_STYLES) == sinks - tables
    assert set(OUTPUT_STYLES.values()) == set(styles.style_names())


def test_labels_follow_the_french_translation(qgis_app, tmp_path):
    import shutil
    import subprocess

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from fibre_resilience.i18n import I18N_DIR

    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    qm = tmp_path / "fibre_resilience_fr.qm"
    done = subprocess.run(
        [lrelease, "-silent", str(I18N_DIR / "fibre_resilience_fr.ts"), "-qm", str(qm)],
        check=False,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        levels = [label for _, label, _ in styles.style_classes("hazard_levels")]
        assert levels == [
            "Non exposé",
            "Niveau 1 (faible)",
            "Niveau 2 (moyen)",
            "Niveau 3 (fort)",
            "Niveau 4 (très fort)",
        ]
        layer = QgsVectorLayer("Point?crs=EPSG:2154&field=rd_divers:integer", "sites", "memory")
        assert styles.apply_style(layer, "diversity")
        assert _categories(layer)[2][1] == "Diversité complète"
        # every label of every style has its French
        for name in styles.style_names():
            english = _english_labels(name)
            french = [label for _, label, _ in styles.style_classes(name) if label]
            assert len(french) == len(english)
            for en, fr in zip(english, french):
                assert fr != en or en in ("Façade",), (name, en)
    finally:
        QCoreApplication.removeTranslator(translator)


def _english_labels(name):
    import xml.etree.ElementTree as ET

    root = ET.parse(styles.style_path(name)).getroot()
    return [e.get("label") for e in root.iter() if e.tag in ("category", "range")]


def test_a_style_fits_any_geometry_and_leaves_tables_alone(qgis_app):
    polygons = QgsVectorLayer("Polygon?crs=EPSG:2154&field=hz_level:integer", "zones", "memory")
    assert styles.apply_style(polygons, "hazard_levels")
    assert _symbol_type_fits(polygons)
    assert [c for _, _, c in _categories(polygons)] == LEVEL_COLOURS
    table = QgsVectorLayer("None?field=hz_level:integer", "table", "memory")
    before = table.renderer()
    assert not styles.apply_style(table, "hazard_levels")
    assert table.renderer() is before


def test_result_group_where_qgis_has_one_and_the_fallback_beside_the_layer(project):
    """QGIS 3.32+ groups a result itself (LayerDetails.groupName, a group already set kept);
    before, the post-processor moves the layer into the group, inside whatever group QGIS
    loaded it in (the user's "results group" setting)."""
    from fibre_resilience.adapters import compat

    class Newer:
        groupName = ""

    class Older:
        pass

    newer, chosen, older = Newer(), Newer(), Older()
    chosen.groupName = "Chosen in the model"
    assert compat.set_result_group(newer, "Hazard exposure") and newer.groupName == (
        "Hazard exposure"
    )
    assert compat.set_result_group(chosen, "Hazard exposure")
    assert chosen.groupName == "Chosen in the model"
    assert not compat.set_result_group(older, "Hazard exposure")

    results = project.layerTreeRoot().insertGroup(0, "Results")
    layers = [QgsVectorLayer("Point?crs=EPSG:2154", f"l{i}", "memory") for i in range(2)]
    for layer in layers:
        project.addMapLayer(layer, False)
        results.addLayer(layer)
        styles.place_in_group(project, layer, "Hazard exposure")
        styles.place_in_group(project, layer, "Hazard exposure")  # twice: no second group
    assert [g.name() for g in results.children()] == ["Hazard exposure"]
    group = results.children()[0]
    assert [node.layer() for node in group.children()] == layers
