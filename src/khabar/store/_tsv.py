"""PostgreSQL full-text input built in Python, word for word as SQLite's FTS5 index splits text.

The store folds a document's title and text with :func:`khabar.text.fold.match_key` (as for
FTS5) and splits the folded text here into the words FTS5's tokenizer keeps (letters, digits,
the Arabic and Devanagari marks, private use: :data:`khabar.store.migrations.FTS_TOKENIZE`).
The words go to PostgreSQL as a ``tsvector`` literal with their positions, so no PostgreSQL
parser or dictionary touches them: Urdu and Hindi words stay whole whatever the server's locale,
and a query's words (:func:`khabar.store.sqlite.query_tokens`, the same folding) become a
``tsquery`` literal of the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# One character of a word as FTS5 splits folded text: the class of khabar.store.sqlite's
# snippets, without the underscore (a connector, which FTS5's categories leave out).
_WORD = re.compile(
    r"(?:(?!_)[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\ue000-\uf8ff])+"
)
#: PostgreSQL's limits: positions 1-16383, 256 positions kept per word, 2 KiB per word.
MAX_POSITION = 16383
MAX_POSITIONS = 256
MAX_WORD_BYTES = 2046
#: Words of one document kept in its vector (a tsvector holds at most 1 MiB).
MAX_WORDS = 60_000


def words(folded: str) -> list[str]:
    """The index words of folded text, in order."""
    return [w for w in _WORD.findall(folded) if len(w.encode("utf-8")) <= MAX_WORD_BYTES]


def _quote(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(*folded: str) -> str:
    """A ``tsvector`` literal of the words of these folded texts (title, body), with positions
    counted across them, as FTS5 matches a query's words in any column."""
    positions: dict[str, list[int]] = {}
    at = 0
    for text in folded:
        for word in words(text):
            at += 1
            kept = positions.setdefault(word, [])
            if len(kept) < MAX_POSITIONS:
                kept.append(min(at, MAX_POSITION))
        if len(positions) > MAX_WORDS:
            break
    parts = []
    for word, where in positions.items():
        unique = sorted(set(where))
        parts.append(_quote(word) + ":" + ",".join(map(str, unique)))
    return " ".join(parts)


def query(tokens: Sequence[str]) -> str:
    """A ``tsquery`` literal requiring every token; a token that folds into several index words
    (FTS5 reads a quoted token as a phrase) requires them in a row. Empty when nothing is left."""
    terms = []
    for token in tokens:
        pieces = words(token)
        if pieces:
            terms.append("(" + " <-> ".join(_quote(p) for p in pieces) + ")")
    return " & ".join(terms)
