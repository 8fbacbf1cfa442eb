"""A shapely wheel from PyPI on another GEOS than QGIS's: refused with both versions named,
never a crash. `make setup` fetches that wheel (shapely 2.2, GEOS 3.13+) into
shapely-other-geos in the venv (FIBRE_VENV in a lane); the machine's QGIS 3.22 runs on GEOS 3.11,
the trixie lane's QGIS 3.40 on GEOS 3.13."""

import os
from pathlib import Path

from fibre_resilience.adapters.compat import qgis_geos_version


def test_a_shapely_on_another_geos_is_refused_by_name_not_crashed(
    qgis_process, repo_dir, sample_dir, tmp_path, monkeypatch
):
    venv = Path(os.environ.get("FIBRE_VENV") or repo_dir / ".venv")
    other = venv / "shapely-other-geos"
    assert (other / "shapely").is_dir(), f"{other} is missing: run make setup"
    monkeypatch.setenv("PYTHONPATH", str(other))  # before the venv's shapely
    output = tmp_path / "scored.gpkg"
    done = qgis_process(
        "--json",
        "run",
        "fibreresilience:scoreassets",
        "--",
        f"INPUT={sample_dir / 'territory.gpkg'}|layername=communes",
        "CRITERIA=fid",
        f"OUTPUT={output}",
    )
    said = done.stdout + done.stderr
    assert done.returncode == 1, said  # refused: not 0 (ran), not negative (a crash)
    qgis = ".".join(str(v) for v in qgis_geos_version())
    assert f"but QGIS uses GEOS {qgis}" in said and "python3-shapely" in said, said
    assert not output.exists()
    assert os.environ.get("PYTHONPATH") == str(other)
