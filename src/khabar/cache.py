"""Files derived from shipped data and kept between processes (the user cache dir).

A short command should not recompute what the last one did: the KB's folded name tables
(:mod:`khabar.kb.names_cache`) and the decoded romanized-Hindustani model
(:mod:`khabar.models.romanized`) are written here once, named by a digest of everything they
are computed from, and read back. A cache file is never required: a missing, damaged or
unwritable one only costs the computation again; nothing is ever fetched.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path


def cache_dir() -> Path:
    """Where derived files are kept: ``$KHABAR_CACHE_DIR`` or the per-user cache dir."""
    env = os.environ.get("KHABAR_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("khabar", appauthor=False))


def digest(parts: Iterable[bytes]) -> str:
    """A short hash of ``parts`` and the Python version (its Unicode tables, marshal format)."""
    h = hashlib.sha256(f"{sys.version_info[:3]}".encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()[:24]


def keep(target: Path, data: bytes, prefix: str) -> None:
    """Write ``data`` to ``target`` atomically and remove the other ``prefix*`` files beside it
    (those computed from older inputs); a cache dir that cannot be written is left alone."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        for old in target.parent.glob(f"{prefix}*"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the result is still right, only not kept
