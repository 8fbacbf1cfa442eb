"""Ctrl-C (SIGINT) and SIGTERM stop a qgis_process run cleanly: the run is cancelled, exits
non-zero saying that nothing was written, and leaves no output, no staging file, and the
input as it was."""

import hashlib
import os
import signal
import subprocess
import time

import numpy as np
import pytest
from osgeo import gdal

POINTS = 200_000  # a run of several seconds through qgis_process


@pytest.fixture(scope="module")
def many_points(tmp_path_factory):
    """A GeoPackage of many points, written by GDAL from a CSV (quicker than feature by
    feature)."""
    folder = tmp_path_factory.mktemp("points")
    i = np.arange(POINTS)
    csv = folder / "points.csv"
    with open(csv, "w") as out:
        out.write("x,y,a,kind\n")
        table = np.column_stack([700000 + i % 1000, 6600000 + i // 1000, i % 97, i % 13])
        np.savetxt(out, table, fmt="%d,%d,%d,k%d")
    source = gdal.OpenEx(
        str(csv),
        gdal.OF_VECTOR,
        open_options=["X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y", "AUTODETECT_TYPE=YES"],
    )
    path = folder / "assets.gpkg"
    done = gdal.VectorTranslate(
        str(path), source, format="GPKG", layerName="assets", srcSRS="EPSG:2154", dstSRS="EPSG:2154"
    )
    assert done is not None
    done = source = None
    csv.unlink()
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _everything(folder):
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, dirs, files in os.walk(folder)
        for name in dirs + files
    )


@pytest.mark.parametrize(
    "name, to_group",
    [
        ("SIGINT", True),  # Ctrl-C in a terminal: the whole foreground process group
        ("SIGTERM", False),  # kill <pid> of the runner (a CI timeout, a batch manager)
    ],
)
def test_a_signal_cancels_the_run_and_leaves_nothing(
    repo_dir, many_points, tmp_path, name, to_group
):
    before = _digest(many_points)
    out_folder = tmp_path / "results"  # made by the run when it starts, removed on failure
    command = [
        str(repo_dir / "scripts" / "qgis-process"),
        "--json",
        "run",
        "fibreresilience:scoreassets",
        "--",
        f"INPUT={many_points}",
        "CRITERIA=a",
        f"OUTPUT={out_folder / 'scored.gpkg'}",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 300
        while not out_folder.exists():  # the run has checked its destinations: it started
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the run did not start"
            time.sleep(0.05)
        time.sleep(1.0)
        assert process.poll() is None, "the run ended before the signal: more points needed"
        number = getattr(signal, name)
        sent = time.monotonic()
        if to_group:
            os.killpg(process.pid, number)
        else:
            process.send_signal(number)
        stdout, stderr = process.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode != 0, stdout
    assert "Cancelled: no output was written." in stdout + stderr, stdout + stderr
    assert took < 10, f"{took:.1f} s after the signal"
    assert _everything(tmp_path) == []  # no output, no staging folder, no folder made
    assert _digest(many_points) == before
    assert _everything(many_points.parent) == ["assets.gpkg"]
