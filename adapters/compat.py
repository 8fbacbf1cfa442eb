"""The one place that knows how QGIS, GDAL and shapely versions differ.

Everything here probes what it needs instead of reading version strings: distributions
patch versions, and Debian's shapely 2.2 calls itself ``0+unknown``. The one exception is a GDAL
bug fixed in a known release (:func:`arrow_read_options`).

- :func:`missing_dependencies`: the runtime packages that are missing or cannot do what we
  need (the plugin loads without them; each algorithm's ``canExecute`` says what to install).
- :func:`geos_mismatch`: shapely and QGIS on GEOS libraries of different minor versions
  (a pip wheel of shapely brings its own GEOS into QGIS's process; calls then cross from one
  library to the other: wrong WKB, crashes in prepared geometries).
- :func:`from_wkb`: shapely's ``from_wkb`` that never raises on curves (shapely >= 2.1 on
  GEOS >= 3.13 raises NotImplementedError for CircularString, CompoundCurve, CurvePolygon…).
- :func:`ogr_open`: a read-only OGR dataset or None, whether GDAL raises (exceptions on, the
  default of GDAL's Python from QGIS 3.40) or returns None.
- :func:`gdal_options`: GDAL configuration options for this thread, for a block, put back
  after it (GDAL 3.6 has no ``gdal.config_options``).
- :func:`arrow_read_options`: what a columnar read sets (GDAL before 3.11.4 fills GeoPackage
  Arrow batches in a background thread that can race, OSGeo/gdal#12934).
- :func:`set_result_group`: the layer tree group a Processing output loads into (QGIS 3.32+
  has ``LayerDetails.groupName``; before, our post-processor moves the layer itself).
"""

from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List, Optional, Tuple

# Curves are linearised by QGIS before they reach shapely, with at most this angle (radians)
# between two segments of an arc: QGIS's own default, 1 degree.
CURVE_MAX_ANGLE = 3.141592653589793 / 180.0


def _probe_numpy() -> None:
    import numpy as np

    assert np.isclose(np.asarray([0.5, 0.25]).sum(), 0.75)


def _probe_shapely() -> None:
    import shapely

    points = shapely.from_wkb(shapely.to_wkb(shapely.points([0.5, 5.0], [0.5, 5.0])))
    tree = shapely.STRtree([shapely.box(0, 0, 1, 1)])
    hits = tree.query(points, predicate="intersects")
    assert hits.shape == (2, 1) and hits[0, 0] == 0
    assert shapely.make_valid(shapely.box(0, 0, 1, 1)).area == 1.0


def _probe_scipy() -> None:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    graph = csr_matrix(([1.0, 2.0], ([0, 1], [1, 2])), shape=(3, 3))
    distances, _, sources = dijkstra(graph, indices=[0], min_only=True, return_predecessors=True)
    assert distances[2] == 3.0 and sources[2] == 0


def _probe_pandas() -> None:
    import pandas as pd

    frame = pd.DataFrame({"a": [1, 1, 2], "b": [1.0, 2.0, 3.0]})
    assert frame.groupby("a")["b"].sum().tolist() == [3.0, 3.0]


# (what to install, the probe that must pass)
REQUIRED: List[Tuple[str, Callable[[], None]]] = [
    ("numpy>=1.20", _probe_numpy),
    ("shapely>=2.0", _probe_shapely),
    ("scipy>=1.7", _probe_scipy),
    ("pandas>=1.3", _probe_pandas),
]


def missing_dependencies() -> List[str]:
    """Pip requirement strings of what is missing or cannot do what we need (import and a
    small call of each feature we use), empty when all is there."""
    missing = []
    for requirement, probe in REQUIRED:
        try:
            probe()
        except Exception:  # noqa: BLE001 - any failure means the package cannot serve
            missing.append(requirement)
    return missing


def qgis_geos_version() -> Tuple[int, int, int]:
    from qgis.core import Qgis

    return (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())


def geos_mismatch() -> Optional[Tuple[str, str]]:
    """(shapely's GEOS, QGIS's GEOS) as text when their major.minor versions differ, else
    None. Patch releases of one GEOS minor version keep its C API and behaviour; a shapely
    built on another minor version calls into QGIS's copy with the wrong expectations."""
    try:
        import shapely
    except ImportError:
        return None
    ours = tuple(getattr(shapely, "geos_version", ()) or ())
    theirs = qgis_geos_version()
    if len(ours) < 2 or tuple(ours[:2]) == theirs[:2]:
        return None
    return ".".join(str(v) for v in ours), ".".join(str(v) for v in theirs)


def from_wkb(values):
    """``shapely.from_wkb(values, on_invalid="ignore")``, with None for any geometry shapely
    cannot represent (curves on shapely >= 2.1 raise NotImplementedError there)."""
    import numpy as np
    import shapely

    try:
        return shapely.from_wkb(values, on_invalid="ignore")
    except NotImplementedError:
        pass
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        try:
            out[i] = None if value is None else shapely.from_wkb(value, on_invalid="ignore")
        except NotImplementedError:
            out[i] = None
    return out


def ogr_open(path: str):
    """The OGR dataset at ``path``, read-only, or None when GDAL cannot open it."""
    from osgeo import gdal

    try:
        return gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_READONLY)
    except RuntimeError:  # GDAL's Python with exceptions on
        return None


def arrow_read_options() -> Dict[str, str]:
    """GDAL options for a columnar (Arrow) read. GeoPackage's own Arrow reader prefetches
    batches in a worker thread that can race before GDAL 3.11.4 (OSGeo/gdal#12934: random
    crashes; here, once in a CI run on GDAL 3.10, a batch whose FID column was 1,000,000 long
    beside 403 geometries). There, GDAL's generic implementation, which reads in the calling
    thread, is used instead: 0.7 s instead of 0.2 s for 500,000 lines. A fixed bug is the one
    thing a version number tells, so this is the one version check here."""
    from osgeo import gdal

    if int(gdal.VersionInfo("VERSION_NUM")) >= 3110400:
        return {}
    return {"OGR_GPKG_STREAM_BASE_IMPL": "YES"}


@contextmanager
def gdal_options(options: Dict[str, str]) -> Iterator[None]:
    """GDAL configuration ``options`` for the calling thread inside the block, restored after."""
    from osgeo import gdal

    old = {key: gdal.GetThreadLocalConfigOption(key, None) for key in options}
    for key, value in options.items():
        gdal.SetThreadLocalConfigOption(key, value)
    try:
        yield
    finally:
        for key, value in old.items():
            gdal.SetThreadLocalConfigOption(key, value)


def _field_types():
    """The field types QgsField takes: QMetaType.Type where QGIS accepts it (3.38 and later,
    QGIS 4, where QVariant.Type is deprecated or gone), QVariant.Type on older QGIS."""
    from qgis.core import QgsField
    from qgis.PyQt.QtCore import QMetaType

    names = ("Int", "LongLong", "Double", "QString")
    try:
        types = tuple(getattr(QMetaType.Type, name) for name in names)
        if type_id(QgsField("probe", types[0]).type()) == type_id(types[0]):
            return types
    except (TypeError, AttributeError):
        pass
    from qgis.PyQt.QtCore import QVariant

    return (QVariant.Int, QVariant.LongLong, QVariant.Double, QVariant.String)


def type_id(value) -> int:
    """A Qt type enum as its number (PyQt6 enums are not ints); Int, LongLong, Double and
    QString have the same numbers in QVariant.Type and QMetaType.Type."""
    return int(getattr(value, "value", value))


INT, LONG_LONG, DOUBLE, STRING = _field_types()


def action_class():
    """QAction: in QtGui with Qt 6 (and in QGIS's qgis.PyQt.QtGui from 3.34 on, which maps
    it for Qt 5); QGIS 3.22 has it in QtWidgets only."""
    try:
        from qgis.PyQt.QtGui import QAction
    except ImportError:
        from qgis.PyQt.QtWidgets import QAction
    return QAction


def set_label_font(label, font, colour) -> None:
    """A layout label's font and colour (``font`` a QFont, ``colour`` a QColor): a
    QgsTextFormat from QGIS 3.24 on, where setFont and setFontColor are deprecated (QGIS 4
    removes them); setFont and setFontColor on QGIS 3.22."""
    if hasattr(label, "setTextFormat"):
        from qgis.core import QgsTextFormat

        text_format = QgsTextFormat.fromQFont(font)
        text_format.setColor(colour)
        label.setTextFormat(text_format)
    else:
        label.setFont(font)
        label.setFontColor(colour)


def set_result_group(details, name: str) -> bool:
    """Ask QGIS to load a Processing output (its ``QgsProcessingContext.LayerDetails``) into
    the layer tree group ``name``: ``groupName``, QGIS 3.32 and later (a group set before,
    e.g. by a model's output settings, is kept). False where QGIS has no such thing; then
    the output's post-processor moves the layer (``adapters.styles.place_in_group``)."""
    if not hasattr(details, "groupName"):
        return False
    if not details.groupName:
        details.groupName = name
    return True


def set_svg_picture(picture, svg: str) -> None:
    """A layout picture drawn from SVG text, embedded (``base64:``, which QGIS's SVG cache
    reads) so that no file has to outlive the layout. The picture format is
    ``Qgis.PictureFormat`` from QGIS 3.26 on, ``QgsLayoutItemPicture.Format`` before."""
    import base64

    from qgis.core import Qgis

    if hasattr(Qgis, "PictureFormat"):
        svg_format = Qgis.PictureFormat.SVG
    else:
        svg_format = type(picture).Format.FormatSVG
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    picture.setPicturePath("base64:" + data, svg_format)


_FILE_WRITER: Dict[str, object] = {}


def _empty_wkb_has_z(blob) -> Optional[bool]:
    """Whether a GeoPackage blob of an empty LineString carries Z (ISO 1002) or not (2);
    None for anything else (NULL, not empty, another type)."""
    if blob is None or bytes(blob[:2]) != b"GP" or not blob[3] & 0x10:
        return None
    wkb = bytes(blob[8:])  # an empty geometry has no envelope
    if len(wkb) != 9 or wkb[0] != 1:
        return None
    code = int.from_bytes(wkb[1:5], "little")
    return {2: False, 1002: True}.get(code)


def file_writer_behaviour() -> Optional[Dict[str, bool]]:
    """How QGIS's own file writer (QgsVectorFileWriter, behind every Processing file sink)
    stores what it is given in a GeoPackage, probed once by writing two features: whether it
    rounds a real to its field's precision (QGIS 3.22: half away from zero, only for a
    precision above 0) and whether a feature without geometry gets an empty geometry of the
    layer's type (3.22) rather than NULL, and whether that empty geometry keeps the Z of a 3D
    layer (GDAL 3.10) or not (3.6). The bulk writer (``gpkg_writer``) does the same;
    None when the probe finds something else, and then the bulk writer stays unused."""
    if "result" in _FILE_WRITER:
        return _FILE_WRITER["result"]  # type: ignore[return-value]
    import os
    import shutil
    import sqlite3
    import tempfile

    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )

    result: Optional[Dict[str, bool]] = None
    folder = tempfile.mkdtemp(prefix="fr-probe-")
    try:
        path = os.path.join(folder, "probe.gpkg")
        fields = QgsFields()
        fields.append(QgsField("r1", DOUBLE, len=20, prec=1))
        fields.append(QgsField("r0", DOUBLE, len=20, prec=0))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        writer = QgsVectorFileWriter.create(
            path,
            fields,
            QgsWkbTypes.Type.LineString,
            QgsCoordinateReferenceSystem("EPSG:2154"),
            QgsCoordinateTransformContext(),
            options,
        )
        first = QgsFeature(fields)
        first.setAttributes([1.45, 1.45])  # 1.4 by Python's round, 1.5 half away from zero
        first.setGeometry(QgsGeometry.fromWkt("LineString (0 0, 1 1)"))
        second = QgsFeature(fields)
        second.setAttributes([-0.25, None])
        ok = writer.addFeatures([first, second])
        del writer
        # A feature without geometry in a 3D layer: GDAL 3.6 stores a 2D empty geometry,
        # GDAL 3.10 (QGIS 3.40) a 3D one.
        path_z = os.path.join(folder, "probe_z.gpkg")
        writer = QgsVectorFileWriter.create(
            path_z,
            QgsFields(),
            QgsWkbTypes.Type.LineStringZ,
            QgsCoordinateReferenceSystem("EPSG:2154"),
            QgsCoordinateTransformContext(),
            options,
        )
        ok = writer.addFeatures([QgsFeature(QgsFields())]) and ok
        del writer
        if ok:
            with sqlite3.connect(path) as connection:
                query = 'SELECT geom, r1, r0 FROM "probe" ORDER BY fid'
                rows = connection.execute(query).fetchall()
            connection.close()
            with sqlite3.connect(path_z) as connection:
                blobs_z = connection.execute('SELECT geom FROM "probe_z"').fetchall()
            connection.close()
            if len(rows) == 2 and rows[0][2] == 1.45 and rows[1][2] is None:
                blob = rows[1][0]
                rounded = (rows[0][1], rows[1][1]) == (1.5, -0.3)
                plain = (rows[0][1], rows[1][1]) == (1.45, -0.25)
                empty = blob is not None and bytes(blob[:2]) == b"GP" and bool(blob[3] & 0x10)
                empty_z = _empty_wkb_has_z(blobs_z[0][0] if len(blobs_z) == 1 else None)
                if (rounded or plain) and (empty or blob is None) and empty_z is not None:
                    result = {"rounds": rounded, "null_as_empty": empty, "empty_z": empty_z}
    except Exception:  # noqa: BLE001 - any surprise: the bulk writer is not used
        result = None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _FILE_WRITER["result"] = result
    return result
