"""The French translation is complete, keeps its placeholders and compiles (no QGIS needed)."""

import importlib.util
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LRELEASE = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"


def _load_script():
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


i18n = _load_script()


@pytest.fixture(scope="module")
def extraction():
    return i18n.extract(REPO)


@pytest.fixture(scope="module")
def ts():
    return i18n._load(i18n.TS_PATH)


def _lrelease(ts_path: Path, qm_path: Path) -> subprocess.CompletedProcess:
    if not Path(LRELEASE).exists():  # `make setup` installs it: its absence is a failure
        pytest.fail("lrelease is missing (Debian package qttools5-dev-tools): run make setup")
    return subprocess.run(
        [LRELEASE, str(ts_path), "-qm", str(qm_path)], capture_output=True, text=True
    )


# ------------------------------------------------------------------ the real .ts


def test_every_tr_argument_is_readable(extraction):
    assert extraction.errors == []


def test_code_strings_are_found(extraction):
    keys = extraction.messages
    # one of each kind: plain tr, a wrapped constant dict, a help built on a shared constant,
    # the provider's QCoreApplication.translate, and a Designer string
    assert ("FibreResilience", "Hazard exposure", "") in keys
    assert ("FibreResilience", "Risk audit", "") in keys
    assert ("FibreResilience", "self-loops", "") in keys
    assert ("FibreResilience", "Fibre Resilience", "") in keys
    assert ("ScoringDock", "Rank stability", "") in keys
    helps = [s for (_, s, _) in keys if s.startswith("Builds the network graph")]
    assert len(helps) == 1 and "ROOTS: points where service comes from" in helps[0]
    assert len(keys) > 250


def test_ts_is_up_to_date_with_the_code(extraction, ts):
    missing = [
        f"[{context}] {source[:80]!r}"
        for context, source, comment in sorted(extraction.messages)
        if (source, comment) not in ts.get(context, {})
    ]
    stale = [
        f"[{context}] {source[:80]!r}"
        for context in ts
        for source, comment in ts[context]
        if (context, source, comment) not in extraction.messages
    ]
    assert not missing and not stale, (
        "run python scripts/i18n.py update, then translate.\nMissing:\n"
        + "\n".join(missing)
        + "\nNo longer in the code:\n"
        + "\n".join(stale)
    )


def test_every_message_is_translated(ts):
    untranslated = [
        f"[{context}] {msg.source[:80]!r}"
        for context in ts
        for msg in ts[context].values()
        if msg.unfinished or not msg.translation.strip()
    ]
    assert not untranslated, "translate in i18n/fibre_resilience_fr.ts:\n" + "\n".join(untranslated)


def test_translations_keep_their_placeholders(ts):
    wrong = [
        f"[{context}] {msg.source[:80]!r} -> {msg.translation[:80]!r}"
        for context in ts
        for msg in ts[context].values()
        if i18n.placeholders(msg.source) != i18n.placeholders(msg.translation)
    ]
    assert not wrong, "\n".join(wrong)


def test_ts_file_is_written_the_way_update_writes_it(ts):
    # stable, sorted XML: a fresh render of what was read is byte-identical
    assert i18n.render_ts(ts) == i18n.TS_PATH.read_text(encoding="utf-8")


def test_check_command_passes():
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr


def test_lrelease_compiles_and_qtranslator_loads_french(tmp_path):
    qm = tmp_path / "fibre_resilience_fr.qm"
    run = _lrelease(i18n.TS_PATH, qm)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 unfinished" in run.stdout
    from qgis.PyQt.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("FibreResilience", "Risk audit") == "Audit des risques"
    assert translator.translate("FibreResilience", "Premises cut off") == "Locaux coupés"
    assert (
        translator.translate("FibreResilience", 'Layer "{}" has no feature.')
        == "La couche « {} » n'a aucune entité."
    )
    assert translator.translate("ScoringDock", "Weight") == "Poids"
    # a string that is not ours stays untranslated
    assert translator.translate("FibreResilience", "Not a plugin string") == ""


# ------------------------------------------------------------------ the machinery itself


def _plugin(tmp_path: Path, code: str, ui: str = "") -> Path:
    (tmp_path / "algorithms").mkdir()
    (tmp_path / "algorithms" / "shared.py").write_text(
        'HELP = "Shared part."\nLABELS = {"a": "first label", "b": "second label"}\n'
    )
    (tmp_path / "algorithms" / "alg.py").write_text(textwrap.dedent(code))
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "engine.py").write_text('tr("core is not scanned")\n')
    if ui:
        (tmp_path / "ui").mkdir()
        (tmp_path / "ui" / "dock.ui").write_text(textwrap.dedent(ui))
    return tmp_path


def test_extraction_reads_calls_constants_and_ui(tmp_path):
    root = _plugin(
        tmp_path,
        """
        from . import shared as sh
        from qgis.PyQt.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

        GROUPS = {"x": "Group name"}
        NOOP = QT_TRANSLATE_NOOP("FibreResilience", "Marked for later")


        class A:
            def tr(self, text):
                return QCoreApplication.translate("FibreResilience", text)

            def f(self, kind):
                self.tr("Adjacent " "literals")
                self.tr("Intro. " + sh.HELP)
                self.tr(GROUPS[kind])
                self.tr(sh.LABELS.get(kind, kind))
                QCoreApplication.translate("Other", "In another context")
        """,
        ui="""\
        <ui version="4.0"><class>MyDock</class>
         <widget class="QDockWidget" name="MyDock">
          <property name="windowTitle"><string>Dock title</string></property>
          <property name="text"><string notr="true">not translated</string></property>
         </widget></ui>
        """,
    )
    out = i18n.extract(root)
    assert out.errors == []
    assert {(c, s) for c, s, _ in out.messages} == {
        ("FibreResilience", "Marked for later"),
        ("FibreResilience", "Adjacent literals"),
        ("FibreResilience", "Intro. Shared part."),
        ("FibreResilience", "Group name"),
        ("FibreResilience", "first label"),
        ("FibreResilience", "second label"),
        ("Other", "In another context"),
        ("MyDock", "Dock title"),
    }


def test_extraction_reports_non_literal_arguments(tmp_path):
    root = _plugin(
        tmp_path,
        """
        def f(self, name, value):
            self.tr(f"Hello {name}")
            self.tr(value)
        """,
    )
    errors = i18n.extract(root).errors
    assert len(errors) == 2
    assert errors[0].startswith("algorithms/alg.py:3:") and "not a string literal" in errors[0]


def test_extraction_reports_a_renamed_tr(tmp_path):
    """Calls to a renamed tr are not collected: their strings would stay English."""
    root = _plugin(
        tmp_path,
        """
        from .content import tr as report_tr

        def f():
            return report_tr("Made on")
        """,
    )
    errors = i18n.extract(root).errors
    assert len(errors) == 1 and "tr imported as report_tr" in errors[0]


def test_update_keeps_translations_marks_new_and_drops_vanished(tmp_path):
    root = _plugin(tmp_path, 'tr("Kept {n}")\ntr("New one")\n')
    ts_path = tmp_path / "fr.ts"
    ts_path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1" language="fr_FR">'
        "<context><name>FibreResilience</name>"
        "<message><source>Kept {n}</source><translation>Gardé {n}</translation></message>"
        "<message><source>Gone</source><translation>Parti</translation></message>"
        "</context></TS>"
    )
    _, merged = i18n.update(root, ts_path)
    messages = merged["FibreResilience"]
    assert set(messages) == {("Kept {n}", ""), ("New one", "")}
    assert messages[("Kept {n}", "")].translation == "Gardé {n}"
    assert not messages[("Kept {n}", "")].unfinished
    assert messages[("New one", "")].unfinished
    text = ts_path.read_text(encoding="utf-8")
    assert '<translation type="unfinished"></translation>' in text
    # a second update changes nothing: diffs stay quiet
    i18n.update(root, ts_path)
    assert ts_path.read_text(encoding="utf-8") == text
    found = i18n.problems(i18n.extract(root), i18n._load(ts_path))
    assert found == ["[FibreResilience] 'New one': untranslated"]


def test_check_catches_lost_placeholders(tmp_path):
    root = _plugin(tmp_path, 'tr("{n} lines in {crs}, %1 done")\ntr("Plain")\n')
    ts_path = tmp_path / "fr.ts"
    i18n.update(root, ts_path)
    contexts = i18n._load(ts_path)
    contexts["FibreResilience"][
        ("{n} lines in {crs}, %1 done", "")
    ].translation = "{n} lignes dans {srs}, terminé"
    contexts["FibreResilience"][("Plain", "")].translation = "Simple"
    for msg in contexts["FibreResilience"].values():
        msg.unfinished = False
    found = i18n.problems(i18n.extract(root), contexts)
    assert len(found) == 1 and "placeholders" in found[0]
    assert "{crs}" in found[0] and "%1" in found[0]


def test_placeholders_ignore_escaped_braces():
    assert i18n.placeholders("{{literal}} {name} {:.1f} %1 %n 50 %") == i18n.placeholders(
        "%n %1 {:.1f} {name} {{autre}}"
    )
    assert i18n.placeholders("{a}") != i18n.placeholders("{b}")
