"""User-facing errors: core errors become Processing exceptions with the core's message;
a cancelled run says that nothing was written.
"""

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
