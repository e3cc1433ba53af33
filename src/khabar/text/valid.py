"""Valid Unicode: replace lone surrogates and non-characters so any string can be encoded as UTF-8.

Python strings may hold code points that UTF-8 cannot carry (lone surrogates, from a JSON
``\\ud800`` escape or from a file name read with ``surrogateescape``) and non-characters
(U+FDD0–U+FDEF and the last two code points of every plane), which no text should contain.
Each is replaced with U+FFFD. File names are different: their undecodable bytes are shown as
``\\xNN`` escapes so two such names stay distinct.

>>> repair("news \\ud800 x")
('news \\ufffd x', 1)
"""

from __future__ import annotations

import re

#: What replaces an invalid code point.
REPLACEMENT = "\ufffd"

_PLANE_ENDS = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
_INVALID = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{_PLANE_ENDS}]")


def invalid_count(text: str) -> int:
    """How many lone surrogates and non-characters ``text`` holds."""
    return len(_INVALID.findall(text))


def repair(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate and non-character replaced by U+FFFD, and how many there were."""
    if _INVALID.search(text) is None:  # the common case: one scan, no copy
        return text, 0
    return _INVALID.subn(REPLACEMENT, text)


def repair_name(name: str) -> tuple[str, int]:
    """A file name or URI made valid: bytes that were not UTF-8 become ``\\xNN``, others U+FFFD.

    ``os`` functions hand back undecodable bytes of a name as surrogates (``surrogateescape``);
    escaping them keeps the name readable and two different names different.
    """
    if _INVALID.search(name) is None:
        return name, 0
    escaped = name.encode("utf-8", "surrogateescape") if _only_escapes(name) else None
    if escaped is not None:
        fixed = escaped.decode("utf-8", "backslashreplace")
        return repair(fixed)[0], invalid_count(name)
    return repair(name)


def _only_escapes(name: str) -> bool:
    # surrogateescape maps byte 0xNN (0x80-0xFF) to U+DCNN; other surrogates cannot be encoded back.
    try:
        name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True
