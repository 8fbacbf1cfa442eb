"""The shipped .model3 files are what scripts/build_model.py builds: a hand edit in the
modeler, or a change to the script or to an algorithm's parameters without a rebuild, fails
here (the resilienceplan model had drifted from the script once, unseen).

Compared through QGIS itself: the built model is saved and loaded again, as the committed file
is loaded, and both are turned back into their variant form, so that the comparison sees what
a file holds and does not depend on how one QGIS version lays out the XML."""

import importlib.util
from pathlib import Path

import pytest
from qgis.core import QgsProcessingModelAlgorithm

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "build_model.py"


def _build_model_module():
    spec = importlib.util.spec_from_file_location("build_model_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _model_variant(model):
    """What a model holds, as this QGIS reads it: its children (algorithms, parameter
    sources, outputs) and its inputs. Left out: the format version and the model's own
    destination parameters, which QGIS derives from the children's outputs (QGIS 3.40 names
    them after their descriptions and writes format Version2; the files are built on QGIS
    3.22, the oldest supported, which writes Version1)."""
    variant = _plain(model.toVariant())
    variant.pop("internal_version", None)
    variant["parameterDefinitions"] = {
        name: definition
        for name, definition in variant["parameterDefinitions"].items()
        if not model.parameterDefinition(name).isDestination()
    }
    return variant


def _plain(value):
    """A model's variant with what no one edits taken out: the modeler's layout (positions,
    sizes, colours) and the ids QGIS makes up for comments and group boxes."""
    if isinstance(value, dict):
        return {
            key: _plain(item)
            for key, item in value.items()
            if key not in {"component_pos", "component_size", "color", "component_comment"}
            and not key.endswith(("_pos", "_size"))
        }
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _differences(built, shipped, where=""):
    if isinstance(built, dict) and isinstance(shipped, dict):
        found = []
        for key in sorted(set(built) | set(shipped), key=str):
            if key not in shipped:
                found.append(f"{where}/{key}: only in the built model")
            elif key not in built:
                found.append(f"{where}/{key}: only in the shipped file")
            else:
                found += _differences(built[key], shipped[key], f"{where}/{key}")
        return found
    if isinstance(built, list) and isinstance(shipped, list) and len(built) == len(shipped):
        return [
            d
            for i, (a, b) in enumerate(zip(built, shipped))
            for d in _differences(a, b, f"{where}[{i}]")
        ]
    return [] if built == shipped else [f"{where}: built {built!r}, shipped {shipped!r}"]


@pytest.mark.parametrize("name", ["resilienceplan", "resilienceplan_rp"])
def test_shipped_model_is_the_built_one(provider, tmp_path, name):
    script = _build_model_module()
    build = {"resilienceplan": script.build_model, "resilienceplan_rp": script.build_rp_model}
    model = build[name]()
    script.describe_inputs(model)
    assert model.toFile(str(tmp_path / "built.model3"))
    built, shipped = QgsProcessingModelAlgorithm(), QgsProcessingModelAlgorithm()
    assert built.fromFile(str(tmp_path / "built.model3"))
    path = REPO / "resources" / "models" / f"{name}.model3"
    assert shipped.fromFile(str(path)), path
    found = _differences(_model_variant(built), _model_variant(shipped))
    assert not found, (
        f"{path.name} is not what scripts/build_model.py builds (run it to rebuild):\n"
        + "\n".join(found[:20])
    )


def test_a_changed_model_is_seen(provider):
    """The comparison sees a change an editor could make: a child's parameter."""
    script = _build_model_module()
    built = script.build_model()
    script.describe_inputs(built)
    variant = _model_variant(built)
    children = variant["children"]
    child = sorted(children)[0]
    params = children[child]["params"]
    key = sorted(params)[0]
    changed = _model_variant(built)
    changed["children"][child]["params"][key] = [{"static_value": "edited", "source": 2}]
    assert _differences(variant, changed)
