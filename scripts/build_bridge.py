"""Rebuild src/khabar/bridge/data/bridge.json.gz from the Dakshina train lexicons.

Usage: PYTHONPATH=src python scripts/build_bridge.py [../shared/eval]
"""

from __future__ import annotations

import sys
from pathlib import Path

from khabar.bridge.build import build
from khabar.bridge.data_file import DATA_NAME, dump
from khabar.config import default_eval_root

if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else default_eval_root()
    counts, ur_hi, hi_ur = build(root)
    target = Path(__file__).resolve().parents[1] / "src" / "khabar" / "bridge" / "data" / DATA_NAME
    dump(target, counts, ur_hi, hi_ur)
    print(f"wrote {target}: {len(counts)} n-grams, {len(ur_hi)} + {len(hi_ur)} lexicon words")
