"""Icon loading, kept in one place."""

from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent


def icon_path(name: str = "fibre_resilience.svg") -> str:
    return str(ICONS_DIR / name)


def plugin_icon():
    from qgis.PyQt.QtGui import QIcon

    return QIcon(icon_path())
