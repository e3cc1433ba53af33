"""A happening's line does not depend on the order its events arrive in."""

from __future__ import annotations

import itertools

from khabar.happenings.line import line

SHOIGU, KIM = "per:sergei-shoigu", "per:kim-jong-un"
FACT = {"negated": False, "hypothetical": False, "future": False}
PLANNED = {"negated": False, "hypothetical": True, "future": False}


def _event(mode: str, flags: dict[str, bool], actors: list[str], recipients: list[str]) -> dict[str, object]:
    return {"type": "CONSULT", "mode": mode, "actors": actors, "recipients": recipients, "flags": flags}


EVENTS = [
    _event("visit", FACT, [SHOIGU], ["loc:north-korea"]),
    _event("discuss", PLANNED, [SHOIGU], []),
    _event("discuss", FACT, [KIM, SHOIGU], []),
    _event("meet", FACT, [SHOIGU], [KIM]),
]


def test_talks_that_happened_read_once_plainly_whichever_mention_comes_first() -> None:
    lines = {
        line("2024-09-13", "loc:pyongyang", list(order), ["ur", "hi"], 2)
        for order in itertools.permutations(EVENTS)
    }
    assert len(lines) == 1
    [only] = lines
    assert "; talks" in only and "(planned)" not in only


def test_talks_only_planned_are_marked_planned() -> None:
    planned_only = [e for e in EVENTS if e["flags"] is not FACT or e["mode"] != "discuss"]
    for lang, mark in (("en", "(planned)"), ("ur", "(متوقع)"), ("hi", "(संभावित)")):
        assert mark in line("2024-09-13", "loc:pyongyang", planned_only, ["ur"], 1, lang=lang)


def test_the_lead_among_equals_does_not_depend_on_the_order() -> None:
    two = [_event("meet", FACT, [KIM], [SHOIGU]), _event("meet", FACT, [SHOIGU], [KIM])]
    assert line("2024-09-13", None, two, ["ur"], 1) == line("2024-09-13", None, two[::-1], ["ur"], 1)
