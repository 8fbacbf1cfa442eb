"""Every output of every algorithm is safe: destinations are checked before the run reads
anything, a shapefile never cuts a value short, and an output appears only when the whole run
has succeeded (adapters/sinks.py and the base class processing_provider/algorithm.py)."""

import hashlib
import os
import signal

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)
from qgis_helpers import ProbeAlgorithm, memory_layer

from fibre_resilience.adapters import sinks

X0, Y0 = 700000.0, 6600000.0  # Lambert-93


def write_points(path, name="assets", rows=None, fields=None):
    """A point layer written with OGR (not with the code under test)."""
    fields = fields or {"a": ogr.OFTReal, "kind": ogr.OFTString}
    rows = rows if rows is not None else [(float(i), f"k{i}") for i in range(20)]
    driver = "GPKG" if str(path).endswith(".gpkg") else "ESRI Shapefile"
    exists = os.path.exists(path)
    dataset = (
        ogr.Open(str(path), 1)
        if exists
        else ogr.GetDriverByName(driver).CreateDataSource(str(path))
    )
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    layer = dataset.CreateLayer(name, srs, ogr.wkbPoint, ["ENCODING=UTF-8"] * (driver != "GPKG"))
    for field_name, kind in fields.items():
        layer.CreateField(ogr.FieldDefn(field_name, kind))
    for i, values in enumerate(rows):
        feature = ogr.Feature(layer.GetLayerDefn())
        for field_name, value in zip(fields, values):
            feature.SetField(field_name, value)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(X0 + i, Y0)
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
    dataset = None
    return str(path)


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def listing(folder):
    """Every file and folder under ``folder``, hidden ones included, relative."""
    out = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            out.append(os.path.relpath(os.path.join(root, name), folder))
    return sorted(out)


def score(run_algorithm, source, output, criteria="a", feedback=None, context=None):
    return run_algorithm(
        "scoreassets",
        {"INPUT": source, "CRITERIA": criteria, "OUTPUT": output},
        feedback=feedback,
        context=context,
    )


def ogr_rows(path, *names):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    rows = [tuple(f.GetField(n) for n in names) for f in layer]
    dataset = None
    return rows


class CancelAfter(QgsProcessingFeedback):
    """Cancels after ``calls`` progress reports (or at ``at`` percent)."""

    def __init__(self, calls=None, at=None):
        super().__init__()
        self.calls, self.at, self.seen = calls, at, 0

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        self.seen += 1
        if (self.calls is not None and self.seen >= self.calls) or (
            self.at is not None and progress >= self.at
        ):
            self.cancel()


# ------------------------------------------------------------------ destination = input


@pytest.mark.parametrize("form", ["path", "layername", "dotted"])
def test_output_onto_the_input_geopackage_is_refused_and_the_input_kept(
    run_algorithm, tmp_path, form
):
    source = write_points(tmp_path / "assets.gpkg")
    before = digest(source)
    uri = {
        "path": source,
        "layername": f"{source}|layername=assets",
        "dotted": str(tmp_path / "." / "assets.gpkg"),
    }[form]
    # The criterion names no field: the destination is refused before anything is read.
    with pytest.raises(QgsProcessingException) as raised:
        score(run_algorithm, uri, str(tmp_path / "sub" / ".." / "assets.gpkg"), "no_such_field")
    message = str(raised.value)
    assert "OUTPUT" in message and "INPUT" in message, message
    assert digest(source) == before
    assert listing(tmp_path) == ["assets.gpkg"]


def test_output_onto_a_hazard_file_is_refused(run_algorithm, tmp_path):
    assets = write_points(tmp_path / "assets.gpkg")
    zones = tmp_path / "zones.shp"
    write_points(zones, "zones", [(1.0, "x")])
    before = {name: digest(tmp_path / name) for name in listing(tmp_path)}
    with pytest.raises(QgsProcessingException, match=r"OUTPUT.*HAZARD|HAZARD.*OUTPUT"):
        run_algorithm(
            "hazardexposure",
            # the .dbf of the hazard shapefile is part of it: the same file set
            {
                "INPUT": assets,
                "HAZARD": str(zones),
                "HAZARD_FIELD": "a",
                "PRESET": 8,
                "OUTPUT": str(zones),
                "SUMMARY": "memory:",
            },
        )
    assert {name: digest(tmp_path / name) for name in listing(tmp_path)} == before


def test_two_outputs_onto_one_file_are_refused(run_algorithm, tmp_path):
    assets = write_points(tmp_path / "assets.gpkg")
    zones = memory_layer("Polygon", [("POLYGON((0 0,1 0,1 1,0 0))", [1])], "lvl:integer")
    target = str(tmp_path / "out.gpkg")
    with pytest.raises(QgsProcessingException, match=r"OUTPUT.*SUMMARY"):
        run_algorithm(
            "hazardexposure",
            {
                "INPUT": assets,
                "HAZARD": zones,
                "HAZARD_FIELD": "lvl",
                "PRESET": 8,
                "OUTPUT": target,
                "SUMMARY": target,
                "AGGREGATE_FIELD": "kind",
            },
        )
    assert listing(tmp_path) == ["assets.gpkg"]


# ------------------------------------------------------------------ folders, extensions


def test_missing_output_folder_is_created(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    target = tmp_path / "new" / "deeper" / "scored.gpkg"
    result = score(run_algorithm, source, str(target))
    assert result["OUTPUT"] == str(target)
    assert listing(tmp_path / "new") == ["deeper", "deeper/scored.gpkg"]
    assert len(ogr_rows(target, "sc_score")) == 20


def test_a_folder_that_cannot_be_made_is_refused(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    (tmp_path / "a_file").write_text("not a folder")
    with pytest.raises(QgsProcessingException, match="OUTPUT.*is a file, not a folder"):
        score(run_algorithm, source, str(tmp_path / "a_file" / "scored.gpkg"))


@pytest.mark.parametrize("name", ["scored.foo", "scored"])
def test_unknown_extension_is_refused_naming_the_accepted_ones(run_algorithm, tmp_path, name):
    source = write_points(tmp_path / "assets.gpkg")
    with pytest.raises(QgsProcessingException) as raised:
        score(run_algorithm, source, str(tmp_path / name))
    message = str(raised.value)
    assert "OUTPUT" in message and ".gpkg" in message and ".shp" in message, message
    assert listing(tmp_path) == ["assets.gpkg"]  # QGIS alone would write scored.foo.gpkg


# ------------------------------------------------------------------ shapefiles


def test_a_text_a_shapefile_would_cut_is_refused(run_algorithm, tmp_path):
    long_text = "R" + "-0123456789" * 27 + "x" * 2  # 300 characters, like long gt_routes lists
    assert len(long_text) == 300
    rows = [(1.0, "short"), (2.0, long_text), (3.0, "short")]
    source = write_points(tmp_path / "assets.gpkg", rows=rows)
    with pytest.raises(QgsProcessingException) as raised:
        score(run_algorithm, source, str(tmp_path / "scored.shp"))
    message = str(raised.value)
    assert "OUTPUT" in message and '"kind"' in message and "300" in message, message
    assert listing(tmp_path) == ["assets.gpkg"]  # no .shp, .dbf, .shx nor staging folder


def test_a_text_of_254_bytes_goes_to_a_shapefile_whole(run_algorithm, tmp_path):
    longest = "é" * 100 + "x" * 54  # 254 bytes in UTF-8
    source = write_points(tmp_path / "assets.gpkg", rows=[(1.0, longest), (2.0, "b")])
    score(run_algorithm, source, str(tmp_path / "scored.shp"))
    assert ogr_rows(tmp_path / "scored.shp", "kind") == [(longest,), ("b",)]


def test_a_new_text_column_a_shapefile_would_cut_is_refused(context, tmp_path):
    layer = memory_layer("Point", [("POINT(0 0)", [1]), ("POINT(1 1)", [2])])
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    sink = sinks.OutputSink(
        alg,
        {"OUTPUT": str(tmp_path / "out.shp")},
        "OUTPUT",
        context,
        layer.fields(),
        [sinks.text_field("gt_routes", 10000)],
        layer.wkbType(),
        layer.crs(),
    )
    routes = np.array(["r1", ";".join(f"RT{i:06d}" for i in range(40))], dtype=object)
    with pytest.raises(QgsProcessingException, match=r'OUTPUT.*"gt_routes".*feature 2'):
        sink.write(list(layer.getFeatures()), {"gt_routes": routes})


def test_a_field_name_a_shapefile_would_cut_is_refused(run_algorithm, tmp_path):
    fields = {"a": ogr.OFTReal, "commune_name": ogr.OFTString}
    source = write_points(tmp_path / "assets.gpkg", rows=[(1.0, "Lille")], fields=fields)
    with pytest.raises(QgsProcessingException, match=r'OUTPUT.*"commune_name"'):
        score(run_algorithm, source, str(tmp_path / "scored.shp"))
    assert listing(tmp_path) == ["assets.gpkg"]
    score(run_algorithm, source, str(tmp_path / "scored.gpkg"))  # a GeoPackage keeps it


# ------------------------------------------------------------------ atomic outputs


@pytest.mark.parametrize("extension", ["gpkg", "shp"])
def test_output_appears_only_when_the_run_has_succeeded(run_algorithm, tmp_path, extension):
    source = write_points(tmp_path / "assets.gpkg")
    target = tmp_path / "out" / f"scored.{extension}"

    class Watching(QgsProcessingFeedback):
        seen = []

        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            self.seen.append(os.path.exists(target))

    feedback = Watching()
    result = score(run_algorithm, source, str(target), feedback=feedback)
    assert feedback.seen and not any(feedback.seen)  # never there while the run wrote
    assert result["OUTPUT"] == str(target)
    parts = ["scored.cpg", "scored.dbf", "scored.prj", "scored.shp", "scored.shx"]
    assert listing(target.parent) == (["scored.gpkg"] if extension == "gpkg" else parts)
    assert len(ogr_rows(target, "sc_score")) == 20
    layer = QgsVectorLayer(str(target), "scored", "ogr")
    assert layer.isValid() and layer.featureCount() == 20
    if extension == "gpkg":  # the layer in the file is named after it, not after a staging name
        assert [lyr.GetName() for lyr in ogr.Open(str(target))] == ["scored"]


@pytest.mark.parametrize("extension", ["gpkg", "shp"])
def test_a_cancelled_run_leaves_the_earlier_output_and_nothing_else(
    run_algorithm, tmp_path, extension
):
    source = write_points(tmp_path / "assets.gpkg")
    target = tmp_path / f"scored.{extension}"
    score(run_algorithm, source, str(target), criteria="a")
    before = {name: digest(tmp_path / name) for name in listing(tmp_path)}
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        score(run_algorithm, source, str(target), criteria="a | lower", feedback=CancelAfter(3))
    assert {name: digest(tmp_path / name) for name in listing(tmp_path)} == before


def test_cancelled_after_the_last_check_keeps_nothing(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
        score(run_algorithm, source, str(tmp_path / "scored.gpkg"), feedback=CancelAfter(at=100))
    assert listing(tmp_path) == ["assets.gpkg"]


def test_a_cancelled_run_into_a_new_folder_removes_the_folder(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    target = tmp_path / "new" / "scored.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        score(run_algorithm, source, str(target), feedback=CancelAfter(2))
    assert listing(tmp_path) == ["assets.gpkg"]


def test_a_failed_run_keeps_the_other_layers_of_a_geopackage_it_wrote_into(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    shared = write_points(tmp_path / "shared.gpkg", "keep", rows=[(1.0, "kept")])
    uri = f"ogr:dbname='{shared}' table=\"scored\" (geom)"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        score(run_algorithm, source, uri, feedback=CancelAfter(at=95))
    assert [layer.GetName() for layer in ogr.Open(shared)] == ["keep"]
    assert ogr_rows(shared, "kind") == [("kept",)]
    result = score(run_algorithm, source, uri)  # a database destination is written in place
    assert result["OUTPUT"] == f"{shared}|layername=scored"
    assert sorted(layer.GetName() for layer in ogr.Open(shared)) == ["keep", "scored"]


def test_the_toolbox_loads_the_final_path(run_algorithm, tmp_path):
    """The toolbox and models load what context.layersToLoadOnCompletion() names."""
    source = write_points(tmp_path / "assets.gpkg")
    target = str(tmp_path / "scored.gpkg")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    definition = QgsProcessingOutputLayerDefinition(target, QgsProject.instance())
    definition.destinationName = "Scored"
    result = score(run_algorithm, source, definition, context=context)
    assert result["OUTPUT"] == target
    loads = context.layersToLoadOnCompletion()
    assert list(loads) == [target] and loads[target].name == "Scored"


def test_temporary_and_memory_outputs_still_work(run_algorithm, tmp_path):
    source = write_points(tmp_path / "assets.gpkg")
    temporary = score(run_algorithm, source, "TEMPORARY_OUTPUT")["OUTPUT"]
    assert temporary.endswith(".gpkg") and os.path.isfile(temporary)
    assert len(ogr_rows(temporary, "sc_score")) == 20
    memory = score(run_algorithm, source, "memory:")["OUTPUT"]
    assert memory.featureCount() == 20
    assert listing(tmp_path) == ["assets.gpkg"]


def test_the_report_files_appear_only_at_the_end(run_algorithm, tmp_path):
    sites = memory_layer(
        "Point", [(f"POINT({X0 + i} {Y0})", [i % 3]) for i in range(5)], fields="rd_divers:integer"
    )
    html, tables = tmp_path / "out" / "report.html", tmp_path / "out" / "tables.xlsx"
    parameters = {"SITES": sites, "OUTPUT_HTML": str(html), "OUTPUT_TABLES": str(tables)}
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_algorithm("resiliencereport", parameters, feedback=CancelAfter(at=90))
    assert listing(tmp_path) == []
    result = run_algorithm("resiliencereport", parameters)
    assert result["OUTPUT_HTML"] == str(html) and result["OUTPUT_TABLES"] == str(tables)
    assert listing(tmp_path / "out") == ["report.html", "tables.xlsx"]
    assert "<html" in html.read_text(encoding="utf-8").lower()
    workbook = ogr.Open(str(tables))  # GDAL wrote it whole in the staging folder
    assert workbook is not None and workbook.GetLayerCount() > 0
    workbook = None


# ------------------------------------------------------------------ signals


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_during_the_run_cancels_it_and_the_handlers_come_back(
    run_algorithm, tmp_path, name
):
    """qgis_process runs algorithms on the main thread: Ctrl-C and SIGTERM cancel the run."""
    number = getattr(signal, name)
    received = []

    def sentinel(signum, frame):  # what was there before the run: it must come back
        received.append(signum)

    previous = signal.signal(number, sentinel)
    try:

        class Signalling(QgsProcessingFeedback):
            sent = False

            def setProgress(self, progress):  # noqa: N802
                super().setProgress(progress)
                if not self.sent and progress >= 40:
                    self.sent = True
                    os.kill(os.getpid(), number)

        source = write_points(tmp_path / "assets.gpkg")
        with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):
            score(run_algorithm, source, str(tmp_path / "scored.gpkg"), feedback=Signalling())
        assert received == []  # the run's handler took it, not the one before
        assert listing(tmp_path) == ["assets.gpkg"]
        assert signal.getsignal(number) is sentinel
        os.kill(os.getpid(), number)
        assert received == [number]
    finally:
        signal.signal(number, previous)


def test_a_refused_run_makes_no_folder(run_algorithm, tmp_path):
    assets = write_points(tmp_path / "assets.gpkg")
    zones = memory_layer("Polygon", [("POLYGON((0 0,1 0,1 1,0 0))", [1])], "lvl:integer")
    with pytest.raises(QgsProcessingException, match="SUMMARY.*INPUT"):
        run_algorithm(
            "hazardexposure",
            {
                "INPUT": assets,
                "HAZARD": zones,
                "HAZARD_FIELD": "lvl",
                "PRESET": 8,
                "OUTPUT": str(tmp_path / "new" / "exposed.gpkg"),
                "SUMMARY": assets,
                "AGGREGATE_FIELD": "kind",
            },
        )
    assert listing(tmp_path) == ["assets.gpkg"]


def test_an_output_onto_a_file_of_an_input_folder_is_refused(context, tmp_path):
    """A GraceTHD delivery is a folder of shapefiles (a file parameter): its files are inputs."""
    from qgis.core import QgsProcessingParameterFile

    delivery = tmp_path / "delivery"
    delivery.mkdir()
    write_points(delivery / "t_noeud.shp", "t_noeud", [(1.0, "n1")])
    alg = ProbeAlgorithm()
    alg.initAlgorithm()
    alg.addParameter(
        QgsProcessingParameterFile("SOURCE", "delivery", QgsProcessingParameterFile.Behavior.Folder)
    )
    for name in ("t_noeud.shp", "t_noeud.dbf"):
        parameters = {"SOURCE": str(delivery), "OUTPUT": str(delivery / name)}
        with pytest.raises(QgsProcessingException, match="OUTPUT.*SOURCE"):
            sinks.check_destinations(alg, parameters, context)
    parameters = {"SOURCE": str(delivery), "OUTPUT": str(delivery / "nodes.gpkg")}
    assert sinks.check_destinations(alg, parameters, context) == []  # a new file there is fine


def test_a_model_sees_the_final_paths_and_loads_them(provider, tmp_path):
    """A child's output feeds the next step and the model's output is loaded by its path."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterVectorLayer,
    )

    model = QgsProcessingModelAlgorithm("two scores", "tests")
    model.addModelParameter(
        QgsProcessingParameterVectorLayer("assets", "assets"), QgsProcessingModelParameter("assets")
    )
    first = QgsProcessingModelChildAlgorithm("fibreresilience:scoreassets")
    first.setChildId("first")
    first.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("assets")]
    )
    first.addParameterSources(
        "CRITERIA", [QgsProcessingModelChildParameterSource.fromStaticValue("a")]
    )
    model.addChildAlgorithm(first)
    second = QgsProcessingModelChildAlgorithm("fibreresilience:scoreassets")
    second.setChildId("second")
    second.addParameterSources(
        "INPUT", [QgsProcessingModelChildParameterSource.fromChildOutput("first", "OUTPUT")]
    )
    second.addParameterSources(
        "CRITERIA", [QgsProcessingModelChildParameterSource.fromStaticValue("sc_score | lower")]
    )
    output = QgsProcessingModelOutput("scored")
    output.setChildOutputName("OUTPUT")
    second.setModelOutputs({"scored": output})
    model.addChildAlgorithm(second)
    model.updateDestinationParameters()

    source = write_points(tmp_path / "assets.gpkg")
    target = str(tmp_path / "out" / "scored.gpkg")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    definition = QgsProcessingOutputLayerDefinition(target, QgsProject.instance())
    result = processing.run(model, {"assets": source, "second:scored": definition}, context=context)
    assert result["second:scored"] == target
    assert target in context.layersToLoadOnCompletion()
    assert not any("-part" in key for key in context.layersToLoadOnCompletion())
    assert listing(tmp_path / "out") == ["scored.gpkg"]
    scores = [row[0] for row in ogr_rows(target, "sc_score")]
    assert len(scores) == 20 and scores[0] == pytest.approx(100.0)  # a = 0 first: lowest risk
