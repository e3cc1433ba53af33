"""Rule-based English NER: no English training data is shipped, so names are found by rules
over capitalised runs and the word lists of ``data/ner_titles.json``."""

from __future__ import annotations

import json

from khabar.models.ner.features import TITLES_FILE

_CONNECTORS = frozenset({"of", "the", "for", "and", "de", "al", "bin", "ul", "&"})
_LOC_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "across", "into", "towards"})
_SAID = frozenset({"said", "says", "told", "added", "'s", "’s"})


class EnglishTagger:
    """Rule-based PERSON/LOC/ORG tags for English (no English training data is shipped).

    A candidate is a run of capitalised words (with "of", "the", "for", "and" inside). A run
    led by a title (Mr, President …) is a PERSON; one containing an organisation head word
    (Ministry, Party …) or written in capitals (KCNA) is an ORG; a known place, or one ending
    in a place word (Province, River …) or after "in"/"from", is a LOC; other runs of two or
    more words are PERSON. Sentence-initial common words, months, weekdays and demonyms
    (Russian, Pakistani) are not entities.
    """

    def __init__(self) -> None:
        data = json.loads(TITLES_FILE.read_text(encoding="utf-8"))
        en = data["en"]
        self.titles = frozenset(en["PERSON"])
        self.org_heads = frozenset(en["ORG"])
        self.place_heads = frozenset(en["LOC"])
        self.places = frozenset(p.lower() for p in data["en_places"])
        self.not_names = frozenset(w.lower() for w in data["en_not_names"])

    def describe(self) -> str:
        """A one-line description of the tagger."""
        return "English rules (ner_titles.json)"

    def _is_cap(self, token: str) -> bool:
        return token[:1].isupper() and token[:1].isalpha()

    def tag(self, tokens: list[str]) -> list[str]:
        """One BIO label per token of one sentence."""
        tags = ["O"] * len(tokens)
        i = 0
        while i < len(tokens):
            if not self._is_cap(tokens[i]) or tokens[i].lower() in self.not_names:
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if self._is_cap(tokens[j]):
                    j += 1
                elif tokens[j].lower() in _CONNECTORS and j + 1 < len(tokens) and self._is_cap(tokens[j + 1]):
                    j += 2
                else:
                    break
            # Titles inside a run split it: "Security Council Secretary Sergei Shoigu".
            start = i
            after_title = False
            for k in range(i, j + 1):
                if k == j or tokens[k].lower().rstrip(".") in self.titles:
                    if k > start:
                        self._label(tokens, start, k, tags, after_title)
                    after_title = k < j
                    start = k + 1
            i = j
        return tags

    def _label(self, tokens: list[str], i: int, j: int, tags: list[str], after_title: bool) -> None:
        lower = [t.lower() for t in tokens[i:j]]
        name = " ".join(lower)
        if lower[-1] in self.not_names and name not in self.places:
            return  # "North Korean": a demonym, not a name
        if any(w in self.org_heads for w in lower) or (
            j - i == 1 and tokens[i].isupper() and len(tokens[i]) > 1
        ):
            label = "LOC" if name in self.places else "ORG"
        elif name in self.places:
            label = "LOC"
        elif after_title or j - i >= 2:
            label = "LOC" if lower[-1] in self.place_heads and j - i >= 2 else "PERSON"
        elif i > 0 and tokens[i - 1].lower() in _LOC_PREPOSITIONS:
            label = "LOC"
        elif j < len(tokens) and tokens[j].lower() in _SAID:
            label = "PERSON"
        else:
            return
        if i == 0 and j - i == 1 and label == "PERSON" and not after_title:
            return  # a lone capitalised first word is most often just a sentence start
        for n in range(i, j):
            tags[n] = ("B-" if n == i else "I-") + label
