"""The scoring dock on real communes (Nord / Pas-de-Calais), scored and styled, saved as an
image next to the map it produced: .build/screenshots/scoring_dock.png.

This is an offscreen grab of the dock and a render of the map, not a screenshot of a whole
QGIS desktop under Xvfb."""

from pathlib import Path

from qgis.core import (
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from fibre_resilience.core.criteria import parse_criteria

REAL_DATA = Path(__file__).resolve().parents[1] / "data" / "real"  # tests/data/real
REAL = str(REAL_DATA / "nord_pas_de_calais_communes_mairies.gpkg")
OUT = Path(__file__).resolve().parents[2] / ".build" / "screenshots" / "scoring_dock.png"


def _render(layer, size):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent())
    settings.setOutputSize(size)
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def test_dock_on_real_communes_screenshot(qgis_new_project, qgis_iface, provider):
    from fibre_resilience.ui.scoring_dock import ScoringDock

    communes = QgsVectorLayer(f"{REAL}|layername=communes", "communes", "ogr")
    assert communes.isValid()
    communes.setDisplayExpression('"nom"')
    QgsProject.instance().addMapLayer(communes)
    dock = ScoringDock(qgis_iface)
    dock.resize(900, 720)
    dock.set_layer(communes)
    dock.set_criteria(
        parse_criteria(
            "population_municipale | weight=3 | log | label=Population\n"
            "`epci_nom LIKE 'Métropole%'` | weight=1 | label=Metropole\n"
            "`area(transform($geometry, 'EPSG:4326', 'EPSG:2154')) / 1e6` | weight=1 | lower "
            "| rank | label=Small area"
        )
    )
    assert dock.top_rows()[0][0] == 1
    # dense, populous communes of the Métropole européenne de Lille lead
    assert all("Metropole" in dock.topTable.item(row, 3).text() for row in range(5))
    dock.run_stability()
    dock.resultTabs.setCurrentIndex(0)
    scored = dock.apply_as_new_layer()
    assert scored is not None and scored.featureCount() == communes.featureCount()

    dock.show()
    panel = dock.grab().toImage()
    map_image = _render(scored, QSize(640, panel.height()))
    sheet = QImage(panel.width() + 640, panel.height(), QImage.Format.Format_ARGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    painter.drawImage(0, 0, panel)
    painter.drawImage(panel.width(), 0, map_image)
    painter.end()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    assert sheet.save(str(OUT))
    assert OUT.stat().st_size > 20_000
    dock.unload()
