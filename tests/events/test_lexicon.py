"""The trigger lexicon and its data files."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.events.lexicon import load_lexicon, matches, parse_trigger
from khabar.events.ontology import EVENT_TYPES, QUADS, normalise_type, quad
from khabar.text.tokens import words


def test_every_type_has_triggers_in_urdu_hindi_and_english() -> None:
    lexicon = load_lexicon()
    triggers = [t for ts in lexicon.exact.values() for t in ts] + [
        t for ts in lexicon.prefixes.values() for t in ts
    ]
    for lang in ("ur", "hi", "en"):
        covered = {t.type for t in triggers if t.lang == lang}
        missing = set(EVENT_TYPES) - covered
        assert not missing, (lang, missing)


def test_patterns_are_fold_keys_and_match_compounds() -> None:
    lexicon = load_lexicon()
    tokens = words("ملاقات کی")
    [meet] = [t for t in lexicon.candidates(tokens[0]) if t.lang == "ur"]
    assert meet.mode == "meet" and matches(meet, tokens, 0, len(tokens)) == 1
    # The nukta form and the plain one are one key.
    assert any(t.type == "CONSULT" for t in lexicon.candidates("मुलाकात"))
    gap = parse_trigger(
        {
            "lang": "ur",
            "type": "AID",
            "mode": "",
            "frame": "verb",
            "recipients": "ko",
            "flags": "",
            "pattern": "اسلحہ ~ مہیا",
        }
    )
    text = words("اسلحہ بھی مہیا کیا")
    assert matches(gap, text, 0, len(text)) == 3


def test_bad_rows_are_input_errors() -> None:
    row = {
        "lang": "ur",
        "type": "CHAT",
        "mode": "",
        "frame": "verb",
        "recipients": "",
        "flags": "",
        "pattern": "x",
    }
    with pytest.raises(InputError):
        parse_trigger(row)
    with pytest.raises(InputError):
        parse_trigger({**row, "type": "CONSULT", "mode": "dance"})


def test_ontology() -> None:
    assert set(QUADS.values()) == {
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    }
    assert quad("ASSAULT") == "material_conflict"
    assert normalise_type("DISAPPROVE") == ("ACCUSE", "disapprove")
    assert normalise_type("fight") == ("ASSAULT", "fight")
