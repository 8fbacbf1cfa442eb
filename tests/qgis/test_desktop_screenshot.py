"""A real QGIS desktop under Xvfb: the plugin loaded from a throwaway profile, the sample
territory open, the "Asset scoring" dock showing flooded routes and the scored layer on the map.

``scripts/desktop_screenshot.py`` starts ``qgis.bin`` (a separate process, its own X server)
and writes the window grab and a JSON report of what it saw to .build/screenshots/desktop/.
help/img/scoring_dock_desktop.png is that grab (regenerate with ``--save-as``)."""

import json
import subprocess
import sys

import numpy as np
import pytest
from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

RIGHT_DOCK_AREA = 2  # Qt.DockWidgetArea.RightDockWidgetArea


@pytest.fixture(scope="module")
def desktop(repo_dir):
    """(report, RGB pixels as an array of shape (height, width, 3)) of one desktop run."""
    out = repo_dir / ".build" / "screenshots" / "desktop"
    script = repo_dir / "scripts" / "desktop_screenshot.py"
    command = [sys.executable, str(script), "--out-dir", str(out), "--timeout", "150"]
    # the launcher kills QGIS at 150 s; this outer limit only guards the launcher itself
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    log = out / "desktop.log"
    details = f"{done.stderr[-3000:]}\n{log.read_text()[-3000:] if log.exists() else ''}"
    assert (out / "desktop.json").exists(), details
    report = json.loads((out / "desktop.json").read_text())
    assert done.returncode == 0 and report["ok"], f"{report.get('errors')}\n{details}"
    image = QImage(str(out / "desktop.png"))
    assert not image.isNull()
    return report, _pixels(image)


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    bits = image.constBits()
    bits.setsize(image.sizeInBytes())
    rows = np.frombuffer(bits, np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), 2::-1].copy()  # BGRA in memory -> RGB


def _region(pixels, rect):
    x, y, width, height = rect
    return pixels[y : y + height, x : x + width]


def _distinct(region) -> tuple:
    """(number of distinct colours, share of the most common one)."""
    flat = region.reshape(-1, 3).astype(np.int64)
    codes = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    _, counts = np.unique(codes, return_counts=True)
    return len(counts), counts.max() / len(codes)


def _near(region, hex_colour: str, tolerance: int = 30) -> int:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(region.astype(int) - rgb).max(axis=2) <= tolerance).sum())


def test_plugin_loaded_and_dock_shown(desktop):
    from fibre_resilience.ui.scoring_dock import PREVIEW_ROWS

    report, _ = desktop
    assert report["exit_code"] == 0
    assert report["qgis_version"].startswith("3.")
    assert report["plugin_loaded"] and report["provider_registered"]
    assert report["dock_visible"] and report["dock_area"] == RIGHT_DOCK_AREA
    assert report["dock_layer"] == "Flooded routes"
    assert report["dock_criteria"].count("\n") == 3  # four criteria in the table
    assert report["dock_rows"] == PREVIEW_ROWS
    assert report["canvas_renders"] >= 1  # grabbed after the map canvas finished drawing
    assert report["layers"] == [
        "Flooded routes (scored)",
        "Flooded routes",
        "Flood zones (TRI)",
        "Communes",
    ]


def test_exposure_and_scored_layer(desktop, qgis_app, sample_dir):
    report, _ = desktop
    routes = QgsVectorLayer(
        f"{sample_dir / 'gracethd_v3.gpkg'}|layername=t_cheminement", "routes", "ogr"
    )
    zones = QgsVectorLayer(f"{sample_dir / 'territory.gpkg'}|layername=flood_zones", "z", "ogr")
    assert routes.isValid() and zones.isValid()
    # oracle: routes with a stretch inside the widest (04Fai) envelope, by GEOS
    envelope = QgsGeometry.unaryUnion([f.geometry() for f in zones.getFeatures()])
    flooded = sum(
        1
        for f in routes.getFeatures(QgsFeatureRequest().setFilterRect(envelope.boundingBox()))
        if f.geometry().intersection(envelope).length() > 0
    )
    assert report["exposure"] == {"features": routes.featureCount(), "exposed": flooded}

    scored = report["scored_layer"]
    assert scored["name"] == "Flooded routes (scored)"
    assert scored["features"] == scored["scored"] == routes.featureCount()
    assert {"sc_score", "sc_rank", "sc_class", "hz_level", "cm_code"} <= set(scored["fields"])
    assert scored["renderer"] == "graduatedSymbol" and scored["labels"]
    # the dock's preview and the layer it wrote rank the same routes with the same scores
    assert report["dock_top"] == scored["top"]
    assert [row[0] for row in scored["top"]] == [1, 2, 3, 4, 5]
    assert scored["top"][0][1] > scored["top"][-1][1] > 50


def test_screenshot_shows_the_window_map_and_dock(desktop):
    report, pixels = desktop
    width, height = report["image_size"]
    assert pixels.shape == (height, width, 3)
    assert [width, height] == report["window_rect"][2:] and width >= 1200 and height >= 800
    colours, top_share = _distinct(pixels)
    assert colours > 1000 and top_share < 0.5

    dock = _region(pixels, report["dock_rect"])
    assert dock.shape[1] > 500  # wide enough to read the criteria table
    colours, top_share = _distinct(dock)
    assert colours > 100 and top_share < 0.8  # text, widgets and the histogram drawn

    canvas = _region(pixels, report["canvas_rect"])
    colours, top_share = _distinct(canvas)
    assert colours > 500 and top_share < 0.95
    *_, high, very_high = report["scored_layer"]["class_colours"]
    assert _near(canvas, very_high) > 20 and _near(canvas, high) > 20  # the riskiest routes
    blue = canvas[..., 2].astype(int) - canvas[..., 0].astype(int)
    assert (blue > 40).mean() > 0.03  # the flood zones
