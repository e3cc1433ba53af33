"""Coding PLOVER events sentence by sentence in Urdu, Hindi and English: the driver.

A sentence is looked at only when one of its tokens starts a trigger (one dict lookup per token,
:mod:`khabar.events.triggers`). Roles come from the case markers Urdu and Hindi share
(:mod:`khabar.events.roles_sov`) or from English word order (:mod:`khabar.events.roles_svo`);
pronouns and "both sides" are resolved by :mod:`khabar.events.reference`, dates by
:mod:`khabar.events.dating`, negation and mood by :mod:`khabar.events.modality`. People map to
the state they act for on the event date through the knowledge base (:mod:`khabar.events.states`).
"""

from __future__ import annotations

from khabar.document import Event
from khabar.events import lexicon as lx
from khabar.events.context import Context
from khabar.events.dating import (
    event_date,
    fill_years,
    is_historical,
    note_dates,
    office_year,
    sentence_date,
)
from khabar.events.lexicon import Trigger, load_lexicon
from khabar.events.modality import modality
from khabar.events.ontology import SYMMETRIC_MODES
from khabar.events.parse import DocView, Party, Sentence
from khabar.events.reference import party_ids
from khabar.events.roles_sov import CONTENT_WINDOW, accused, is_passive, roles_sov
from khabar.events.roles_svo import roles_svo
from khabar.events.states import states_of
from khabar.events.triggers import alleged_spans, find_triggers, not_an_event
from khabar.events.type_model import NONE, load_type_model
from khabar.kb import load_kb

#: Confidence parts (set by hand, checked on the seed documents): a trigger alone, an actor
#: found by a case marker, a recipient or reciprocal pair, a date in the same sentence.
BASE_CONFIDENCE = 0.4
ACTOR_BONUS = 0.25
RECIPIENT_BONUS = 0.2
DATE_BONUS = 0.1
#: PLOVER codes a stated intention as the statement (CAMEO 03 "express intent to cooperate" →
#: AGREE, 13 "threaten" → THREATEN, 12 "reject" for a refusal to come): an English event said to
#: come ("will support", "would boycott … unless") is retyped by the kind of what is announced.
INTENT_TO_COOPERATE = frozenset(
    {"AGREE", "SUPPORT", "AID", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT", "REQUEST"}
)
INTENT_TO_HARM = frozenset({"PROTEST", "SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
#: Types a disaster or an accident is told with ("an explosion killed", "fought the blaze"): in an
#: English sentence the learned classifier (:mod:`khabar.events.type_model`) must not call a
#: non-event with at least NOT_AN_EVENT probability.
HARM_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
NOT_AN_EVENT = 0.5
#: Modes whose event needs a counterpart (a meeting with somebody, a visit somewhere).
NEEDS_RECIPIENT = frozenset({"meet", "visit", "host", "phone"})


def extract_events(view: DocView) -> list[Event]:
    """Every event coded in ``view``'s document, in text order."""
    doc = view.doc
    lexicon = load_lexicon()
    ctx = Context(view=view)
    note_dates(doc, ctx)
    events: list[Event] = []
    keys = view.keys
    for sent in view.all_sentences:
        if ctx.done and ctx.done[-1].segment != sent.segment:
            ctx.done.clear()
        ctx.done.append(sent)
        if not sent.active:
            ctx.pending.append(sent)
            continue
        found = find_triggers(lexicon, keys, sent)
        if not found:
            ctx.pending.append(sent)
            continue
        date = sentence_date(sent, ctx)
        parties = view.parties(sent, date[0] if date else ctx.published)
        content_from = None
        seen: set[tuple[object, ...]] = set()
        alleged = alleged_spans(view, sent, found)
        not_political: bool | None = None
        for n, (t0, t1, trig) in enumerate(found):
            if content_from is not None and t0 >= content_from:
                continue
            if not_an_event(keys, sent, found, n, alleged):
                continue
            coded = _code(view, sent, parties, trig, t0, t1, ctx)
            event, every_actor = coded if coded else (None, [])
            if trig.type in ("ACCUSE", "REJECT"):
                after = next(
                    (j for j in range(t1, min(sent.b, t1 + CONTENT_WINDOW)) if keys[j] in lx.THAT), None
                )
                content_from = after
            if event is None:
                continue
            if sent.lang == "en" and event.type in HARM_TYPES:
                if not_political is None:
                    not_political = _not_political(view, sent)
                if not_political:
                    continue  # "an explosion at a factory killed 12": an accident
            key = (event.type, tuple(every_actor))
            if event.mode in SYMMETRIC_MODES:
                event_mode: str | None = "meet"  # "ملاقات کے دوران بات چیت": one meeting
            else:
                event_mode = event.mode
            # One event per type and actors in a sentence ("حملہ کر کے ہلاک کر دیا"); a mode tells
            # two apart (a visit and a meeting), a missing mode does not.
            if (
                (*key, event_mode) in seen
                or (*key, None) in seen
                or (event_mode is None and any(k[:2] == key for k in seen))
            ):
                continue
            seen.add((*key, event_mode))
            events.append(event)
            ctx.event_states.extend([*event.actor_states, *event.recipient_states])
            if event.type == "ACCUSE":
                ctx.accusers = list(every_actor)
            ctx.last_actor = every_actor[0]
        ctx.pending.append(sent)
    if ctx.published is None:
        fill_years(events)
    return events


def _clause(view: DocView, sent: Sentence, t0: int, t1: int) -> tuple[int, int]:
    keys = view.keys
    # What is reported after "X نے کہا (کہ)" is a clause of its own: X said it, X did not do it.
    opens = lx.THAT if sent.lang == "en" else lx.THAT | lx.SAID
    ca = next((j + 1 for j in range(t0 - 1, sent.a - 1, -1) if keys[j] in opens), sent.a)
    cb = next((j for j in range(t1, sent.b) if keys[j] in lx.THAT), sent.b)
    return ca, cb


def _code(
    view: DocView, sent: Sentence, parties: list[Party], trig: Trigger, t0: int, t1: int, ctx: Context
) -> tuple[Event, list[str]] | None:
    """The event of trigger ``[t0, t1)`` and every actor id it was coded with (common nouns
    included: a later pronoun or denial may refer to them), or None."""
    ca, cb = _clause(view, sent, t0, t1)
    # "پولیس کے مطابق", "according to police": a source of the report, not a party to the event.
    usable = [p for p in parties if not p.agency and not p.relative and p.marker != "according"]
    if sent.lang == "en":
        actors, recipients, explicit = roles_svo(view, usable, t0, t1, ca, cb)
    else:
        keys = view.keys
        if trig.frame == "noun" and t1 + 1 < sent.b and keys[t1 + 1] in lx.TEMPORAL:
            # "… گرفتار کیا اور آتنکی حملوں کے دوران …": a time reference belongs to its own clause.
            ca = max(
                [ca, *(j + 1 for j in range(ca + 1, t0) if keys[j] in lx.CONJ and keys[j - 1] in lx.FINITE)]
            )
        actors, recipients, explicit = roles_sov(view, sent, usable, trig, t0, t1, ca)
        if not recipients and trig.type == "ACCUSE":
            recipients = accused(view, sent, usable, t1)
        intransitive = trig.frame == "verb" and t1 < sent.b and keys[t1] in lx.BECOME
        passive = trig.frame != "arrive" and is_passive(keys, t1, sent.b)
        if (passive or intransitive) and not any(p.marker == "agent" for p in actors):
            return None  # "گرفتار کیا گیا", "ہلاک ہو گئے": who acted is not said
        if trig.type == "CONSULT" and any(view.keys[p.t1 - 1] in lx.PRESS for p in recipients):
            return None  # "صحافیوں سے گفتگو کرتے ہوئے کہا": a statement to the press
    date = event_date(view, sent, t0, ctx)
    day = date[0] if date else None
    actor_ids = party_ids(actors, usable, ctx, day)
    recipient_ids = party_ids(recipients, usable, ctx, day)
    if not recipient_ids and "deny_prev" in trig.flags:
        recipient_ids = list(ctx.accusers)
    recipient_ids = [r for r in recipient_ids if r not in actor_ids]
    if not actor_ids:
        return None
    place = None
    if trig.mode == "visit":
        recipient_ids, place = _destination(recipient_ids)
    if trig.mode in NEEDS_RECIPIENT and not recipient_ids and len(actor_ids) < 2:
        return None
    # A common noun is an argument, never a party: it moves to the event's text.
    ctx.nouns.update((p.entity, p.text) for p in actors + recipients if p.kind == "noun" and p.entity)
    every_actor = actor_ids
    actor_nouns = [ctx.nouns[a] for a in actor_ids if a in ctx.nouns]
    recipient_nouns = [ctx.nouns[r] for r in recipient_ids if r in ctx.nouns]
    actor_ids = [a for a in actor_ids if a not in ctx.nouns]
    recipient_ids = [r for r in recipient_ids if r not in ctx.nouns]
    if place is None:
        place = _place(usable, actors + recipients)
    if date and date[0].startswith("XXXX") and date[1] == "day":
        titled = [(p, role) for p in actor_ids + recipient_ids for _, role in view.roles.get(p, [])]
        year = office_year(date[0][5:], titled, ctx.published)
        if year:
            date = (year + date[0][4:], date[1], date[2], date[3])
    negated, future, hypothetical = modality(view, sent, t0, t1, ca)
    event_type, event_mode = trig.type, trig.mode
    if event_type == "ASSAULT" and any(view.keys[p.t1 - 1] in lx.PROTESTERS for p in recipients):
        event_type, event_mode = "COERCE", None  # "مظاہرین پر گولی چلائی": force against protesters
    if sent.lang == "en" and (future or hypothetical or "future" in trig.flags):
        event_type, event_mode, negated = _intent_type(trig.type, trig.mode, negated)
    trigger_start, trigger_end = view.span(t0, t1)
    ev_start, ev_end = sent.start, sent.end
    confidence = BASE_CONFIDENCE + (ACTOR_BONUS if explicit else 0.0)
    confidence += RECIPIENT_BONUS if recipient_ids or recipient_nouns or len(every_actor) > 1 else 0.0
    confidence += DATE_BONUS if date and date[3] == "sentence" else 0.0
    when = date[0] if date else None
    event = Event(
        type=event_type,
        mode=event_mode,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        evidence_start=ev_start,
        evidence_end=ev_end,
        actors=actor_ids,
        recipients=recipient_ids,
        actor_states=states_of(actor_ids, when),
        recipient_states=states_of(recipient_ids, when),
        place=place,
        time=when,
        time_precision=date[1] if date else None,
        time_ref=date[2] if date else None,
        time_source=date[3] if date else "",
        negated=negated,
        hypothetical=hypothetical,
        future=(future and trig.mode != "intent") or "future" in trig.flags,
        historical=is_historical(when, ctx.published),
        confidence=round(min(confidence, 0.95), 3),
        text=view.doc.text[trigger_start:trigger_end],
        actor_text=[_surface(actors, a) for a in actor_ids],
        recipient_text=[_surface(recipients, r) for r in recipient_ids],
        actor_nouns=actor_nouns,
        recipient_nouns=recipient_nouns,
    )
    return event, every_actor


def _not_political(view: DocView, sent: Sentence) -> bool:
    """Whether the learned classifier reads an English sentence as a disaster, an accident or
    another non-political happening."""
    model = load_type_model()
    if model is None:
        return False
    kind, p = model.best(view.doc.text[sent.start : sent.end])
    return kind == NONE and p >= NOT_AN_EVENT


def _intent_type(kind: str, mode: str | None, negated: bool) -> tuple[str, str | None, bool]:
    """(type, mode, negated) of an announced English event: an intention to cooperate is AGREE, one
    to harm THREATEN, a refusal to cooperate ("will not accept") REJECT."""
    if negated and kind in INTENT_TO_COOPERATE:
        return "REJECT", "refuse", False
    if negated:
        return kind, mode, negated
    if kind in INTENT_TO_COOPERATE and kind != "REQUEST":
        return "AGREE", "intent", False
    if kind in INTENT_TO_HARM:
        return "THREATEN", None, False
    return kind, mode, negated


def _surface(parties: list[Party], entity: str) -> str:
    return next((p.text for p in parties if p.entity == entity), "")


def _destination(recipients: list[str]) -> tuple[list[str], str | None]:
    """A visit's destination: a city becomes the place and its country the recipient."""
    kb = load_kb()
    place = None
    out: list[str] = []
    for r in recipients:
        found = kb.get(r)
        if found is not None and found.type == "LOC" and found.kind != "country" and found.country:
            place = place or r
            r = found.country
        if r not in out:
            out.append(r)
    return out, place


def _place(usable: list[Party], used: list[Party]) -> str | None:
    kb = load_kb()
    taken = {id(p) for p in used}
    for p in usable:
        if id(p) in taken or p.label != "LOC" or not p.entity:
            continue
        found = kb.get(p.entity)
        if found is None or found.kind == "country":
            continue
        if p.marker in ("in", "par", "gen", "gen_mod"):
            return p.entity
    return None
