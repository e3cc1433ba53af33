"""The shipped bridge data: the unit model's counts and the word lexicon, one gzipped JSON file.

``data/bridge.json.gz`` is built by ``scripts/build_bridge.py`` from the Dakshina *train*
lexicons only (the dev lexicons are the held-out test of ``khabar eval bridge``). It holds
``units`` (the unit strings), ``grams`` (``[unit index, …, count]`` rows), and ``ur_hi`` /
``hi_ur`` (a word's likeliest partner in the other script).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from khabar.bridge.model import UnitModel

DATA_NAME = "bridge.json.gz"


def dump(
    path: Path, counts: dict[tuple[str, ...], int], ur_hi: dict[str, str], hi_ur: dict[str, str]
) -> None:
    """Write the counts and lexicons to ``path``."""
    units = sorted({u for gram in counts for u in gram})
    index = {u: i for i, u in enumerate(units)}
    grams = [[*(index[u] for u in gram), n] for gram, n in sorted(counts.items())]
    body = {"units": units, "grams": grams, "ur_hi": ur_hi, "hi_ur": hi_ur}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def _load(raw: bytes) -> dict[str, Any]:
    return dict(json.loads(gzip.decompress(raw).decode("utf-8")))


@lru_cache(maxsize=1)
def shipped() -> tuple[UnitModel, dict[str, str], dict[str, str]]:
    """The shipped model and the Urdu→Hindi and Hindi→Urdu word lexicons (loaded once)."""
    body = _load(resources.files("khabar.bridge").joinpath("data", DATA_NAME).read_bytes())
    units = body["units"]
    counts = {tuple(units[i] for i in row[:-1]): int(row[-1]) for row in body["grams"]}
    return UnitModel(counts), dict(body["ur_hi"]), dict(body["hi_ur"])
