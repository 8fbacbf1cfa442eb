"""The report's own files (HTML, PDF, workbook): checked before anything is written, written
under temporary names beside their destination, moved into place only once all are written.

A run that fails or is cancelled, at any step, leaves none of its files behind (and no
folder it made): the user's previous report, if any, stays as it was.
"""

import contextlib
import os
import uuid
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import QgsProcessingException

from ..adapters.errors import redact
from ..i18n import tr


class ReportFiles:
    """Destinations by parameter key, each with the file extensions it accepts.

    ``check()`` refuses, before anything is written, a wrong extension (the three files'
    extensions differ, so no two can be one file, and no input layer has them), a destination
    that is a folder, a folder that cannot be made or written to. ``temporary(key)`` is where
    to write; ``commit()`` moves every file into place; ``discard()`` removes what the run
    wrote and the folders it made.
    """

    def __init__(self):
        self.paths: Dict[str, str] = {}
        self._temporary: Dict[str, str] = {}
        self._made: List[str] = []

    def check(self, destinations: Sequence[Tuple[str, Optional[str], Sequence[str]]]) -> None:
        """``destinations``: (parameter key, path or None when not asked, extensions)."""
        for key, path, extensions in destinations:
            if not path:
                continue
            path = os.path.abspath(path)
            extension = os.path.splitext(path)[1].lower()
            if extension not in extensions:
                raise QgsProcessingException(
                    tr('{key} must be a {extensions} file, not "{path}".').format(
                        key=key, extensions=" or ".join(extensions), path=redact(path)
                    )
                )
            if os.path.isdir(path):
                raise QgsProcessingException(
                    tr('{key} is a folder, not a file: "{path}".').format(
                        key=key, path=redact(path)
                    )
                )
            self.paths[key] = path
        for key, path in self.paths.items():
            self._check_folder(key, os.path.dirname(path))

    def _check_folder(self, key: str, folder: str) -> None:
        """The folder exists (made here when missing) and can be written to."""
        missing = []
        probe = folder
        while probe and not os.path.exists(probe):
            missing.append(probe)
            parent = os.path.dirname(probe)
            if parent == probe:
                break
            probe = parent
        if probe and os.path.exists(probe) and not os.path.isdir(probe):
            self.discard()
            raise QgsProcessingException(
                tr('Cannot write {key}: "{path}" is a file, not a folder.').format(
                    key=key, path=redact(probe)
                )
            )
        if missing:
            try:
                os.makedirs(folder)
            except OSError as error:
                self.discard()
                raise QgsProcessingException(
                    tr('Cannot make the folder "{folder}" for {key}: {error}').format(
                        folder=redact(folder), key=key, error=error.strerror or error
                    )
                ) from None
            self._made.extend(missing)  # deepest first: removed in that order
        if not os.access(folder, os.W_OK | os.X_OK):
            self.discard()
            raise QgsProcessingException(
                tr('Cannot write {key}: the folder "{folder}" is not writable.').format(
                    key=key, folder=redact(folder)
                )
            )

    def wanted(self, key: str) -> bool:
        return key in self.paths

    def temporary(self, key: str) -> str:
        """A new hidden name in the destination's folder, with the destination's extension
        (the writers choose their format from it)."""
        folder, name = os.path.split(self.paths[key])
        stem, extension = os.path.splitext(name)
        path = os.path.join(folder, f".{stem}.{uuid.uuid4().hex[:12]}.part{extension}")
        self._temporary[key] = path
        return path

    def commit(self) -> Dict[str, str]:
        """Every written file moved into place; the destinations by key."""
        for key, temporary in self._temporary.items():
            if not os.path.isfile(temporary):
                self.discard()
                raise QgsProcessingException(
                    tr('{key} was not written: "{path}".').format(
                        key=key, path=redact(self.paths[key])
                    )
                )
        moved = []
        try:
            for key, temporary in list(self._temporary.items()):
                os.replace(temporary, self.paths[key])
                del self._temporary[key]
                moved.append(self.paths[key])
        except OSError as error:
            for path in moved:  # a report is all its files or none of them
                with contextlib.suppress(OSError):
                    os.remove(path)
            self.discard()
            raise QgsProcessingException(
                tr('Cannot write "{path}": {error}').format(
                    path=redact(self.paths[key]), error=error.strerror or error
                )
            ) from None
        self._made = []
        return dict(self.paths)

    def discard(self) -> None:
        """Removes the temporary files and the folders made for them (when left empty)."""
        for temporary in self._temporary.values():
            with contextlib.suppress(OSError):
                os.remove(temporary)
        self._temporary = {}
        for folder in self._made:
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only when empty: never anything of the user's
        self._made = []
