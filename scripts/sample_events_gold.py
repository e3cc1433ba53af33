"""Draw the sentences of a new Urdu/Hindi events gold file (fixed seed per round) from COUNTER and ILTIMEX.

Round 3 drew ``gold_urhi3.jsonl`` (every third sentence held out); round 4 drew
``gold_urhi4.jsonl`` (every sentence held out). Lines and files used by the earlier rounds'
files are skipped. About half of the
sentences hold a political-event word (diplomacy, violence, protest, coercion), a quarter a
disaster or accident word (which must yield no event), the rest are drawn among all sentences.
Prints one JSON row per sentence (id, file, line/sentence, anchor, lang, split, text) to annotate.

Usage: ``PYTHONPATH=src python scripts/sample_events_gold.py ROUND ../shared/eval > /tmp/urhi4.jsonl``
"""

from __future__ import annotations

import json
import random
import re
import sys
from importlib import resources
from pathlib import Path

#: Round -> (seed, gold files whose lines and files are skipped, share of sentences held out).
ROUNDS = {
    3: (20261204, ("gold_urhi.jsonl", "gold_urhi2.jsonl"), "third"),
    4: (20261207, ("gold_urhi.jsonl", "gold_urhi2.jsonl", "gold_urhi3.jsonl"), "all"),
}
PER_LANG = {"event": 20, "disaster": 6, "any": 6, "agent": 12}
#: An event word with the agent marker (نے/ने): sentences where somebody is said to act.
AGENT = {"ur": " نے ", "hi": " ने "}
EVENT_WORDS = {
    "ur": (
        "حملہ",
        "حملے",
        "گرفتار",
        "احتجاج",
        "مظاہر",
        "ملاقات",
        "دھماک",
        "فائرنگ",
        "ہلاک",
        "امداد",
        "پابندی",
        "چھاپ",
        "اغوا",
        "دھمکی",
        "مذاکرات",
        "الزام",
        "مطالبہ",
        "کرفیو",
        "ہڑتال",
        "بمباری",
    ),
    "hi": (
        "हमला",
        "हमले",
        "गिरफ्तार",
        "प्रदर्शन",
        "विरोध",
        "मुलाकात",
        "धमाक",
        "विस्फोट",
        "फायरिंग",
        "पथराव",
        "लाठीचार्ज",
        "गोली",
        "मारे गए",
        "हत्या",
        "सहायता",
        "प्रतिबंध",
        "छापे",
        "अपहरण",
        "धमकी",
        "बातचीत",
        "आरोप",
        "मांग की",
        "कर्फ्यू",
        "हड़ताल",
        "दौरे",
    ),
}
DISASTER_WORDS = {
    "ur": ("زلزل", "سیلاب", "حادث", "آگ ", "بارش", "طوفان", "ٹریفک"),
    "hi": ("भूकंप", "बाढ़", "हादस", "दुर्घटना", "आग ", "बारिश", "तूफान", "सड़क"),
}
_UR_STOP = re.compile(r"(?<=۔)")
_HI_STOP = re.compile(r"(?<=।)")
_TAG = re.compile(r"<[^>]+>")
COUNTER = "urdu_news/counter/counter.txt"
ILTIMEX = "timex/iltimex2012_manual_tagged"


def _used(names: tuple[str, ...]) -> tuple[set[int], set[str]]:
    lines: set[int] = set()
    files: set[str] = set()
    for name in names:
        text = resources.files("khabar.events").joinpath("data", name).read_text("utf-8")
        for row in map(json.loads, filter(None, text.splitlines())):
            if row["file"] == COUNTER:
                lines.add(row["line"])
            else:
                files.add(row["file"])
    return lines, files


def _candidates(root: Path, used: tuple[str, ...]) -> dict[str, list[dict[str, object]]]:
    used_lines, used_files = _used(used)
    out: dict[str, list[dict[str, object]]] = {"ur": [], "hi": []}
    for n, line in enumerate((root / COUNTER).read_text("utf-8").split("\n"), 1):
        if n in used_lines:
            continue
        for s, part in enumerate(_UR_STOP.split(line)):
            if 40 <= len(part.strip()) <= 320:
                out["ur"].append({"file": COUNTER, "line": n, "sentence": s, "text": part.strip()})
    for path in sorted((root / ILTIMEX).glob("*.xml")):
        rel = f"{ILTIMEX}/{path.name}"
        if rel in used_files:
            continue
        text = _TAG.sub("", path.read_text("utf-8"))
        for s, part in enumerate(_HI_STOP.split(text)):
            if 40 <= len(part.strip()) <= 320:
                out["hi"].append({"file": rel, "sentence": s, "text": part.strip()})
    return out


def sample(root: Path, round_no: int) -> list[dict[str, object]]:
    """The drawn sentences of a round, Urdu then Hindi, each with its split (``test`` for every
    third one in round 3, for all in round 4)."""
    seed, used, held_out = ROUNDS[round_no]
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for lang, cands in _candidates(root, used).items():
        rng.shuffle(cands)
        taken: list[dict[str, object]] = []
        seen_docs: set[object] = set()
        for kind, count in PER_LANG.items():
            words = (
                EVENT_WORDS[lang]
                if kind in ("event", "agent")
                else DISASTER_WORDS[lang]
                if kind == "disaster"
                else ()
            )
            n = 0
            for c in cands:
                doc = c.get("line", c["file"])
                if n >= count or doc in seen_docs:
                    continue
                if words and not any(w in str(c["text"]) for w in words):
                    continue
                if kind == "agent" and AGENT[lang] not in str(c["text"]):
                    continue
                seen_docs.add(doc)
                taken.append({**c, "drawn_as": kind})
                n += 1
        for i, c in enumerate(taken):
            ident = f"{lang}{round_no}-{c.get('line', Path(str(c['file'])).stem)}-{c['sentence']}"
            anchor = " ".join(str(c["text"]).split())[:16]
            split = "test" if held_out == "all" or i % 3 == 2 else "dev"
            rows.append({"id": ident, **c, "anchor": anchor, "lang": lang, "split": split})
    return rows


if __name__ == "__main__":
    for row in sample(Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/eval"), int(sys.argv[1])):
        print(json.dumps(row, ensure_ascii=False))
