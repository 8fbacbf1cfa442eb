"""The shipped model fibreresilience:resilienceplan_rp: shipped beside resilienceplan, and on
the sample territory equal to its steps run one by one, its report's return-period section
holding the summary's figures."""

import math
import re
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsVectorLayer

MODEL_ID = "fibreresilience:resilienceplan_rp"
OUTPUTS = {
    "return_periods:lines": "OUTPUT_LINES",
    "return_periods:premises": "OUTPUT_PREMISES",
    "return_periods:sites": "OUTPUT_SITES",
    "return_periods:summary": "SUMMARY",
}
REPORT = ("report:html", "report:pdf", "report:tables")
# The graph fields the first model gives redundancygaps (scripts/build_model.py).
NETWORK_FIELDS = {
    "FROM_FIELD": "gt_nd1",
    "TO_FIELD": "gt_nd2",
    "SRLG_FIELD": "gt_routes",
    "ROOT_NODE_FIELD": "gt_code",
    "PREMISES_COUNT": '"gt_prem"',
    "PREMISES_NODE_FIELD": "gt_pbo",
    "SITE_NODE_FIELD": "gt_code",
    "TOLERANCE": 0.5,
    "MAX_SNAP": 50.0,
}


def _plain(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def _rows(output):
    layer = QgsVectorLayer(output) if isinstance(output, str) else output
    assert layer.isValid(), output
    names = [f.name() for f in layer.fields() if f.name() != "fid"]
    return names, sorted(
        (tuple(_plain(f[n]) for n in names) for f in layer.getFeatures()), key=repr
    )


def _parameters(sample_dir, **extra):
    territory = sample_dir / "territory.gpkg"
    parameters = {
        "delivery": str(sample_dir / "gracethd_v3.gpkg"),
        "hazard": f"{territory}|layername=flood_zones",
        "scenario_field": "scenario",
        "return_periods": "",
        "fail_value": 0.5,
        "tail": 0,
        "communes": f"{territory}|layername=communes",
        "commune_field": "nom",
    }
    parameters.update({name: "TEMPORARY_OUTPUT" for name in tuple(OUTPUTS) + REPORT})
    parameters.update(extra)
    return parameters


def test_model_is_shipped_under_our_provider(provider):
    registry = QgsApplication.processingRegistry()
    for refreshed in (False, True):
        if refreshed:
            provider.refreshAlgorithms()
        model = registry.algorithmById(MODEL_ID)
        assert model is not None and model.provider() is provider
        assert model.name() == "resilienceplan_rp" and model.group() == "Action plan"
        assert model.groupId() == "plan"
        assert model.displayName() == "Resilience plan over return periods"
        assert "return period" in model.shortHelpString()
        assert model.sourceFilePath().endswith("resources/models/resilienceplan_rp.model3")
        ok, errors = model.validate()
        assert ok, errors
        outputs = {d.name() for d in model.destinationParameterDefinitions()}
        assert outputs == set(OUTPUTS) | set(REPORT)
        # the first model is still there, unchanged in name
        first = registry.algorithmById("fibreresilience:resilienceplan")
        assert first is not None and first.displayName() == "Resilience plan"


def test_the_model_help_is_the_file_help(provider, repo_dir):
    """The provider's translatable help (English source) is the .model3's own."""
    from fibre_resilience.processing_provider.provider import ShippedModel

    model = ShippedModel()
    assert model.fromFile(str(repo_dir / "resources" / "models" / "resilienceplan_rp.model3"))
    assert model.shortHelpString() == model.helpContent()["ALG_DESC"]


def test_model_equals_its_steps_on_the_sample_tri_zones(run_algorithm, sample_dir, tmp_path):
    result = run_algorithm(MODEL_ID, _parameters(sample_dir))
    figures = result["CHILD_RESULTS"]

    context = QgsProcessingContext()
    read = run_algorithm(
        "gracethdnetwork",
        {
            "SOURCE": str(sample_dir / "gracethd_v3.gpkg"),
            **{k: "TEMPORARY_OUTPUT" for k in ("ROUTES", "CABLES", "NODES", "PREMISES")},
            "REPORT": "TEMPORARY_OUTPUT",
        },
        context=context,
    )
    nodes = read["NODES"]
    step = run_algorithm(
        "returnperiods",
        dict(
            NETWORK_FIELDS,
            NETWORK=read["CABLES"],
            ROOTS=f"{nodes}|subset=\"gt_role\" = 'NRO'",
            PREMISES=read["PREMISES"],
            SITES=f"{nodes}|subset=\"gt_role\" IN ('SRO', 'PBO')",
            HAZARD=f"{sample_dir / 'territory.gpkg'}|layername=flood_zones",
            SCENARIO_FIELD="scenario",
            LAYING_FIELD="gt_laying",
            PREMISES_GROUP_FIELD="gt_nro",
            OUTPUT_LINES="TEMPORARY_OUTPUT",
            OUTPUT_PREMISES="TEMPORARY_OUTPUT",
            OUTPUT_SITES="TEMPORARY_OUTPUT",
            SUMMARY="TEMPORARY_OUTPUT",
        ),
        context=context,
    )
    assert figures["return_periods"]["EAI_PREMISES"] == pytest.approx(step["EAI_PREMISES"])
    assert figures["return_periods"]["EAI_LENGTH_M"] == pytest.approx(step["EAI_LENGTH_M"])
    assert step["EAI_PREMISES"] > 0
    for name, key in OUTPUTS.items():
        assert _rows(result[name]) == _rows(step[key]), name

    # the report's section: the chart's points are the summary's whole-network rows
    summary = QgsVectorLayer(result["return_periods:summary"])
    whole = sorted(
        (f["rp"], f["prem_cut"])
        for f in summary.getFeatures()
        if _plain(f["aggregate"]) is None and _plain(f["rp"]) is not None
    )
    assert [rp for rp, _ in whole] == [10.0, 100.0, 1000.0]  # TRI 01For, 02Moy, 04Fai
    page = Path(result["report:html"]).read_text(encoding="utf-8")
    assert '<section id="returnperiods">' in page
    assert '<section id="figures">' not in page  # nothing but return periods to report
    points = [
        (float(rp), float(v))
        for rp, v in re.findall(r'data-rp="([^"]+)" data-value="([^"]+)"', page)
    ]
    assert points == [(rp, pytest.approx(v)) for rp, v in whole]
    assert 'id="map-returnperiods"' in page
    assert Path(result["report:pdf"]).read_bytes()[:5] == b"%PDF-"


def test_model_with_rasters_and_their_return_periods(run_algorithm, sample_dir):
    """One raster per return period: the sample's extreme depth as a 100-year and a
    1000-year scenario gives the same cut in both."""
    raster = str(sample_dir / "flood_depth_04Fai.tif")
    result = run_algorithm(
        MODEL_ID,
        _parameters(
            sample_dir,
            hazard=None,
            scenario_field=None,
            hazard_rasters=[raster, raster],
            return_periods="100;1000",
            communes=None,
            commune_field=None,
        ),
    )
    summary = QgsVectorLayer(result["return_periods:summary"])
    whole = sorted(
        (f["rp"], f["prem_cut"])
        for f in summary.getFeatures()
        if _plain(f["aggregate"]) is None and _plain(f["rp"]) is not None
    )
    assert [rp for rp, _ in whole] == [100.0, 1000.0]
    assert whole[0][1] == whole[1][1] > 0
    eai = result["CHILD_RESULTS"]["return_periods"]["EAI_PREMISES"]
    assert eai == pytest.approx((0.01 - 0.001) * whole[0][1])


def test_model_opens_in_the_modeler(provider, qgis_iface, repo_dir, monkeypatch):
    """The modeler loads the shipped file whole: its steps, valid, the report last."""
    from processing.modeler.ModelerDialog import ModelerDialog
    from qgis.PyQt.QtCore import QSize

    monkeypatch.setattr(qgis_iface, "iconSize", lambda dockedToolbar=False: QSize(24, 24))
    dialog = ModelerDialog.create()
    try:
        dialog.loadModel(str(repo_dir / "resources" / "models" / "resilienceplan_rp.model3"))
        model = dialog.model()
        assert model.name() == "resilienceplan_rp"
        assert model.validate() == (True, [])
        children = model.childAlgorithms()
        assert children["report"].algorithmId() == "fibreresilience:resiliencereport"
        assert children["return_periods"].algorithmId() == "fibreresilience:returnperiods"
        assert len(children) == 5
    finally:
        dialog.close()
