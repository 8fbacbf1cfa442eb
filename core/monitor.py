"""Progress and cancellation for long core computations.

Core functions accept two optional callbacks, ``progress(fraction)`` with a fraction in
[0, 1] and ``is_cancelled()``; a :class:`Monitor` wraps them so that nested steps can
report on a slice of the range and a cancel request stops the work at the next check.
"""

from typing import Callable, Optional

from .errors import CancelledError

ProgressCallback = Optional[Callable[[float], None]]
CancelCallback = Optional[Callable[[], bool]]


class Monitor:
    """Reports progress on the slice [start, end] of the caller's range."""

    def __init__(
        self,
        progress: ProgressCallback = None,
        is_cancelled: CancelCallback = None,
        start: float = 0.0,
        end: float = 1.0,
    ):
        self._progress = progress
        self._is_cancelled = is_cancelled
        self._start = start
        self._end = end

    def check(self) -> None:
        """Raise :class:`CancelledError` when the caller asked to stop."""
        if self._is_cancelled is not None and self._is_cancelled():
            raise CancelledError("Cancelled by the user.")

    def report(self, fraction: float) -> None:
        """Report ``fraction`` (0..1) of this slice done, then check for a cancel."""
        if self._progress is not None:
            fraction = min(max(float(fraction), 0.0), 1.0)
            self._progress(self._start + (self._end - self._start) * fraction)
        self.check()

    def slice(self, start: float, end: float) -> "Monitor":
        """A monitor for the sub-range [start, end] (fractions of this one)."""
        span = self._end - self._start
        return Monitor(
            self._progress,
            self._is_cancelled,
            self._start + span * start,
            self._start + span * end,
        )


def as_monitor(progress: ProgressCallback = None, is_cancelled: CancelCallback = None) -> Monitor:
    """The monitor for a core entry point's ``progress``/``is_cancelled`` arguments."""
    return Monitor(progress, is_cancelled)
