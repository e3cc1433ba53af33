"""Names from the knowledge base and the outlet registry, as a name list for the NER features.

Every Urdu (Arabic-script) or Hindi (Devanagari) alias of a KB person, place or organisation,
and every outlet's Urdu or Hindi name (an organisation), folded as the tagger folds words. The
CRF sees a hit as its own feature (``k`` + label initials for one word, ``KGB``/``KGI`` for a
multi-word name), apart from the names learnt in training, so it can weigh the curated list by
itself. Unlike the training name list it is never jackknifed: it is not made from the training data.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.kb.loader import read_entities
from khabar.kb.outlets import outlet_table
from khabar.models.ner.features import NerNameList, _fold_token_by_table
from khabar.text.tokens import words

_SCRIPT = {"ur": "Arab", "hi": "Deva"}
_INITIAL = {"PERSON": "P", "LOC": "L", "ORG": "O"}


def _add(table: dict[str, str], key: str, initial: str) -> None:
    if initial not in table.get(key, ""):
        table[key] = "".join(sorted(table.get(key, "") + initial))


@lru_cache(maxsize=4)
def kb_names(lang: str) -> NerNameList:
    """The KB's and the outlet registry's ``lang`` names ("ur" or "hi") as a name list."""
    single: dict[str, str] = {}
    multi: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    for entity in read_entities():
        initial = _INITIAL.get(entity.type)
        if initial:
            names += [(alias, initial) for alias in entity.aliases.get(_SCRIPT[lang], [])]
    for outlet in outlet_table().values():
        if name := (outlet.name_ur if lang == "ur" else outlet.name_hi):
            names.append((name, "O"))
    for name, initial in names:
        keys = [_fold_token_by_table(w) for w in words(name)]
        if len(keys) == 1:
            _add(single, keys[0], initial)
        elif keys:
            _add(multi, " ".join(keys), initial)
    return NerNameList(single, multi)
