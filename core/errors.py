"""Typed errors raised by the core; their messages are meant for the user."""


class FibreResilienceError(Exception):
    """Base class of every error the core raises on purpose."""


class InputError(FibreResilienceError):
    """The input cannot give a right result (names the layer, field or feature when known)."""


class CancelledError(FibreResilienceError):
    """The caller asked to stop; nothing was produced."""
