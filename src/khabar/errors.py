"""Errors raised by Khabar, and the Reject outcome for bad input.

Bad input (an empty page, an unknown encoding) is an expected outcome: a stage raises
``Reject(reason)`` and the pipeline keeps the document with that reason. Everything else
that goes wrong is a bug or a misuse and raises a ``KhabarError`` whose message says what
to do.
"""

from __future__ import annotations

from collections.abc import Sequence


class KhabarError(Exception):
    """Base class of every error Khabar raises on purpose."""


class ConfigError(KhabarError):
    """A configuration value or file is invalid."""


class PipelineError(KhabarError):
    """A pipeline was assembled wrongly (unknown stage, unmet requirement)."""


class StoreError(KhabarError):
    """The store cannot be opened or is not a Khabar database."""


class InputError(KhabarError):
    """An input path cannot be read at all (missing, permission denied)."""


class MissingExtraError(KhabarError):
    """An optional dependency is not installed (see :class:`khabar.optional.Requirement`)."""

    def __init__(self, modules: Sequence[str], extra: str) -> None:
        names = ", ".join(modules)
        verb = "is" if len(modules) == 1 else "are"
        super().__init__(f"{names} {verb} not installed; install it with: pip install 'khabar[{extra}]'")
        self.modules = tuple(modules)
        self.extra = extra


class Reject(Exception):
    """Raised by a stage to set a document aside with a machine-readable reason.

    ``reason`` is a short snake_case code (``empty_after_clean``); ``detail`` is a
    human-readable sentence.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
