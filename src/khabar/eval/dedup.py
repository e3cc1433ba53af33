"""Synthetic reprints of real Urdu news, for measuring near-duplicate recall and dedup speed.

COUNTER's Urdu news lines are grouped into documents; a share of them is reprinted the way
other sites copy a story: cut short, re-wrapped into different lines, and with a site's banner,
"read more" and share lines added. A reprint is found when the ``duplicates`` linker links it
to its original (as an exact or near copy); two different originals linked is a false link.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from khabar.document import Document, Source
from khabar.errors import InputError

URDU_NEWS = "urdu_news/counter/counter.txt"
SOURCE = "COUNTER Urdu news corpus (mirfan899/Urdu : counter/), CC-BY-NC-SA-4.0, research use"
#: Consecutive COUNTER lines (paragraphs of ~460 characters) per document, as in bench/run.py.
LINES_PER_DOCUMENT = 3
#: Share of originals that get a reprint.
REPRINT_SHARE = 0.5

# Lines a copying site wraps a story in (written for this benchmark, not taken from any site).
BANNERS = (
    "تازہ ترین خبریں | اردو نیوز نیٹ ورک",
    "ہمیں فیس بک اور ٹویٹر پر فالو کریں",
    "مزید پڑھیں: ملک بھر کی اہم خبریں",
    "اشتہار",
    "یہ خبر شیئر کریں",
    "ویب ڈیسک رپورٹ",
)


@dataclass(frozen=True)
class Item:
    """One synthetic document: its text, and for a reprint the index of its original."""

    uri: str
    text: str
    original: int | None  # index into the batch of the document this one copies
    edit: str = ""  # cut | rewrap | banner | cut+banner ...

    def group(self, index: int) -> int:
        """The original's index: ``index`` itself for an original."""
        return self.original if self.original is not None else index


def read_documents(eval_root: Path, limit: int | None = None) -> list[str]:
    """COUNTER news cut into documents of LINES_PER_DOCUMENT lines (the first ``limit``).

    COUNTER is a text-reuse corpus: many stories appear again, rewritten by another paper. A
    document sharing MAX_SHARED_SHINGLES or more of its word trigrams with an earlier one is left
    out, so that every remaining pair of originals is truly distinct and a link between two of
    them is a false link.
    """
    path = Path(eval_root) / URDU_NEWS
    if not path.is_file():
        raise InputError(f"COUNTER corpus {path} not found; pass the shared eval folder")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    docs = ["\n".join(lines[i : i + LINES_PER_DOCUMENT]) for i in range(0, len(lines), LINES_PER_DOCUMENT)]
    distinct = _distinct(docs)
    return distinct[:limit] if limit else distinct


#: Share of a document's word trigrams found in an earlier document that makes it a reuse of it.
MAX_SHARED_SHINGLES = 0.1


def _distinct(docs: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, text in enumerate(docs):
        words = text.split()
        grams = {" ".join(words[j : j + 3]) for j in range(len(words) - 2)}
        shared: dict[int, int] = {}
        for gram in grams:
            if gram in seen:
                shared[seen[gram]] = shared.get(seen[gram], 0) + 1
        if shared and max(shared.values()) >= MAX_SHARED_SHINGLES * len(grams):
            continue
        for gram in grams:
            seen.setdefault(gram, i)
        out.append(text)
    return out


def reprint(text: str, rng: random.Random) -> tuple[str, str]:
    """A copy of ``text`` as another site would run it, and which edits were made."""
    edits = rng.sample(["cut", "rewrap", "banner"], rng.randint(1, 3))
    words = text.split()
    if "cut" in edits:
        words = words[: max(8, int(len(words) * rng.uniform(0.6, 0.9)))]
    if "rewrap" in edits:
        lines, line = [], []
        width = rng.randint(12, 40)
        for word in words:
            line.append(word)
            if len(line) >= width:
                lines.append(" ".join(line))
                line = []
        lines.append(" ".join(line))
        body = "\n".join(x for x in lines if x)
    else:
        # Keep the original paragraphs, cut where the word budget ends.
        kept, budget = [], len(words)
        for para in text.split("\n"):
            pw = para.split()
            if budget <= 0:
                break
            kept.append(" ".join(pw[:budget]))
            budget -= len(pw)
        body = "\n".join(kept)
    if "banner" in edits:
        head = rng.sample(BANNERS, 2)
        body = f"{head[0]}\n{body}\n{head[1]}"
    return body, "+".join(sorted(edits))


def synthetic_batch(eval_root: Path, limit: int | None = None, seed: int = 6) -> list[Item]:
    """Originals followed, in shuffled order, by reprints of REPRINT_SHARE of them."""
    rng = random.Random(seed)
    originals = read_documents(eval_root, limit)
    items = [Item(f"counter:{i}", text, None) for i, text in enumerate(originals)]
    chosen = sorted(rng.sample(range(len(originals)), int(len(originals) * REPRINT_SHARE)))
    reprints = []
    for i in chosen:
        text, edit = reprint(originals[i], rng)
        reprints.append(Item(f"reprint:{i}", text, i, edit))
    rng.shuffle(reprints)
    return items + reprints


def as_documents(items: list[Item]) -> list[Document]:
    """Unprocessed documents for the pipeline (plain text files, as a reader would make them)."""
    return [Document(source=Source(uri=item.uri, kind="txt"), raw=item.text) for item in items]


def score_links(
    items: list[Item], ids: list[str | None], linked: dict[str, str], groups: set[int] | None = None
) -> dict[str, float]:
    """Near-duplicate recall and false links, given each document's canonical (``linked``: id -> id).

    ``ids`` are the document ids of ``items`` in order (None for one set aside). A reprint counts
    as found when it is linked to its original or to a document that copies the same original.
    With ``groups``, only documents whose original is among those indices are counted.
    """
    group = {doc_id: item.group(i) for i, (item, doc_id) in enumerate(zip(items, ids, strict=True)) if doc_id}
    wanted = set(group.values()) if groups is None else groups
    reprints = [
        doc_id
        for i, (item, doc_id) in enumerate(zip(items, ids, strict=True))
        if doc_id and item.original is not None and item.group(i) in wanted
    ]
    found = sum(1 for r in reprints if r in linked and group.get(linked[r]) == group[r])
    linked = {a: b for a, b in linked.items() if group.get(a) in wanted}
    false = sum(1 for a, b in linked.items() if group.get(a) != group.get(b))
    return {
        "reprints": len(reprints),
        "found": found,
        "recall": found / len(reprints) if reprints else 0.0,
        "links": len(linked),
        "false_links": false,
        "precision": (len(linked) - false) / len(linked) if linked else 1.0,
    }
