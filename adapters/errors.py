"""User-facing errors: core errors become Processing exceptions with the core's message;
a cancelled run says that nothing was written.
"""

import re
import urllib.parse
from contextlib import contextmanager

from qgis.core import (
    QgsProcessingException,
)

from ..core.errors import CancelledError, InputError
from ..i18n import tr


@contextmanager
def core_errors():
    """Around a core call: a cancel says so and writes nothing, bad input becomes the
    QgsProcessingException whose message the core wrote for the user."""
    try:
        yield
    except CancelledError:
        raise_cancelled()
    except InputError as error:
        raise QgsProcessingException(str(error)) from None


def raise_cancelled():
    raise QgsProcessingException(tr("Cancelled: no output was written."))


# --------------------------------------------------------------------------- secrets

# key=value secrets (libpq and QGIS connection strings, GDAL "PG:" strings, URL queries,
# JSON or INI lines): the value, quoted or not, is replaced.
_SECRET_VALUE = re.compile(
    r"""(?ix)
    (?<![\w-])(password|passwd|pwd|pgpassword|pass|secret|token|api[_-]?key|access[_-]?key)
    (["']?\s*[=:]\s*)
    (?!\*\*\*(?:[\s'",})\]:;]|$))  # already hidden: left as it is, and what follows too
    ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'",}]+)
    """
)
# scheme://user:password@host (postgresql://, http://, ...): the password is replaced; up to
# the last "@" of the word, since passwords hold "@" more often than hosts do.
_URI_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^\s:/@'\"]*):(\S*)@")
_AUTHCFG = re.compile(r"""(?i)\bauthcfg\s*=\s*['"]?([A-Za-z0-9]+)""")
_SERVICE = re.compile(r"""(?i)\bservice\s*=\s*['"]?([^\s'"]+)""")
_HIDDEN = "***"


def redact(text, secrets=()) -> str:
    """``text`` without the secrets it may hold, for any message, log line or report cell.

    Removed: ``password=…`` values (and ``pwd``, ``token``… in any quoting), the password of
    ``scheme://user:password@host`` URIs, and, wherever they appear, the ``secrets`` given
    (e.g. a connection's password), the passwords of the QGIS authentication configurations
    (``authcfg=…``) and of the PostgreSQL services (``service=…``, from the service files)
    the text names. Everything else, such as the driver's reason for a failure, is kept.
    """
    if text is None:
        return ""
    text = str(text)
    known = [str(s) for s in secrets if s]
    known += _authcfg_secrets(_AUTHCFG.findall(text))
    known += _service_secrets(_SERVICE.findall(text))
    text = _SECRET_VALUE.sub(lambda m: m.group(1) + m.group(2) + _HIDDEN, text)
    text = _URI_PASSWORD.sub(lambda m: m.group(1) + ":" + _HIDDEN + "@", text)
    for secret in sorted(set(known), key=len, reverse=True):
        for form in {secret, urllib.parse.quote(secret, safe="")}:
            if len(form) >= 4:
                text = text.replace(form, _HIDDEN)
            else:  # a short one only as a word of its own: "ab" must not eat "table"
                text = re.sub(r"(?<!\w)" + re.escape(form) + r"(?!\w)", _HIDDEN, text)
    return text


def _authcfg_secrets(ids) -> list:
    """The secret values of the named QGIS authentication configurations, when the auth
    database is already unlocked (never ask for the master password to write a message)."""
    if not ids:
        return []
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if manager is None or not manager.masterPasswordIsSet():
        return []
    found = []
    for auth_id in set(ids):
        config = QgsAuthMethodConfig()
        if manager.loadAuthenticationConfig(auth_id, config, True):
            found += [
                value
                for key, value in config.configMap().items()
                if value and not key.lower().startswith(("user", "realm", "host", "port"))
            ]
    return found


def _service_files() -> list:
    """The PostgreSQL service files libpq reads, in its order."""
    import os

    files = []
    if os.environ.get("PGSERVICEFILE"):
        files.append(os.environ["PGSERVICEFILE"])
    files.append(os.path.join(os.path.expanduser("~"), ".pg_service.conf"))
    for folder in (os.environ.get("PGSYSCONFDIR"), "/etc/postgresql-common"):
        if folder:
            files.append(os.path.join(folder, "pg_service.conf"))
    return files


def _service_secrets(names) -> list:
    """The passwords that the service files give the named services."""
    if not names:
        return []
    import configparser

    found = []
    for path in _service_files():
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for name in set(names):
            if parser.has_section(name):
                found += [
                    parser.get(name, key) for key in ("password",) if parser.has_option(name, key)
                ]
    return found
