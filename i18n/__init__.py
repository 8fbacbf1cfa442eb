"""Translations: ``fibre_resilience_<lang>.ts`` is the source of truth, ``.qm`` is built."""

from pathlib import Path
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent


def user_language() -> str:
    """The two-letter language QGIS runs in (its override setting, else the system's)."""
    from qgis.PyQt.QtCore import QLocale

    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "") or ""
    else:
        name = QLocale.system().name()
    return (name or "en")[:2]


def install_translator(language: Optional[str] = None) -> Optional[QTranslator]:
    """Install our translator for ``language`` (default: QGIS's) when a .qm exists."""
    language = language or user_language()
    qm = I18N_DIR / f"fibre_resilience_{language}.qm"
    if not qm.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def tr(text: str) -> str:
    """The plugin's one translation context, for modules outside a class."""
    return QCoreApplication.translate("FibreResilience", text)
