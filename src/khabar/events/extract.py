"""Coding PLOVER events sentence by sentence in Urdu, Hindi and English.

A sentence is looked at only when one of its tokens starts a trigger (one dict lookup per token).
For Urdu and Hindi the roles come from the case markers the two languages share: the party
before ergative نے/ने (or the unmarked subject) acts; the recipient carries the marker the
trigger asks for (سے/से for a meeting, پر/पर for an accusation, a genitive for a visit's
destination …). English is read subject–verb–object. People map to the state they act for on
the event date through the knowledge base (:mod:`khabar.events.states`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khabar.document import Event
from khabar.events import lexicon as lx
from khabar.events.lexicon import Lexicon, Trigger, load_lexicon, matches
from khabar.events.ontology import SYMMETRIC_MODES
from khabar.events.parse import APPOSITION as APPOSITION_WORDS
from khabar.events.parse import DocView, Party, Sentence
from khabar.events.states import infer_year, state_of
from khabar.kb import load_kb

_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d\d))?(?:-(\d\d))?(?:T.*)?$")
#: Publication-date sources too weak to date an event (a file's modification time).
WEAK_PUBLISHED = frozenset({"file_mtime"})
#: Days before publication after which an event counts as background ("historical").
HISTORICAL_DAYS = 30
#: Tokens after a Urdu/Hindi trigger (before an English one) searched for negation and tense.
FLAG_WINDOW = 4
#: Tokens after "کہ/कि/that" that follow an accusation or denial: what they report is alleged,
#: not an event of its own.
CONTENT_WINDOW = 5
#: Confidence parts (set by hand, checked on the seed documents): a trigger alone, an actor
#: found by a case marker, a recipient or reciprocal pair, a date in the same sentence.
BASE_CONFIDENCE = 0.4
ACTOR_BONUS = 0.25
RECIPIENT_BONUS = 0.2
DATE_BONUS = 0.1
#: Modes whose event needs a counterpart (a meeting with somebody, a visit somewhere).
NEEDS_RECIPIENT = frozenset({"meet", "visit", "host", "phone"})
#: Tokens from a genitive party to the ergative marker of the unit it owns ("X की क्राइम ब्रांच ने").
POSSESSOR_GAP = 4
#: Light verbs after a nominal trigger make it a verb ("ملاقات کی", "बात की"): then the subject acts.
LIGHT_VERBS = lx._keys(
    "کی",
    "کیا",
    "کیے",
    "کئے",
    "کرے",
    "کریں",
    "کرنا",
    "کرنے",
    "کر",
    "ہوئی",
    "ہوا",
    "ہوئے",
    "की",
    "किया",
    "किए",
    "किये",
    "करें",
    "करना",
    "करने",
    "कर",
    "हुई",
    "हुआ",
    "हुए",
)
#: Tokens between a nominal trigger and a following rejection that make it the rejection's object.
OBJECT_GAP = 2
#: Types whose genitive complement is what is asked for or alleged, not an event of its own.
CONTENT_TYPES = frozenset({"DEMAND", "REQUEST", "ACCUSE"})
#: Earlier sentences searched for the subject a sentence-initial "انہوں نے"/"उन्होंने" refers to.
PRONOUN_LOOKBACK = 2
#: Tokens after an accusation's "کہ/कि" searched for the accused (the subject of what is alleged).
ACCUSED_WINDOW = 8
#: Postpositions after a nominal trigger that make it a time reference ("हमलों के दौरान").
TEMPORAL = lx._keys("دوران", "بعد", "दौरान", "बाद")
#: Words before a trigger that make it a reference to an earlier one ("ان الزامات", "इन आरोपों").
ANAPHORA = lx._keys("ان", "اس", "یہ", "इन", "इस", "यह", "these", "this")


@dataclass
class Context:
    """What extraction carries from one sentence to the next within a document."""

    states: list[str] = field(default_factory=list)  # states of parties seen so far, in order
    event_states: list[str] = field(default_factory=list)  # states of the parties of events so far
    pending: list[Sentence] = field(default_factory=list)  # sentences whose states are not noted yet
    view: DocView | None = None
    accusers: list[str] = field(default_factory=list)  # actors of the last accusation
    last_actor: str | None = None
    published: str | None = None  # a usable publication date (ISO day, month or year)
    published_precision: str = "day"
    times: list[tuple[int, str, str, int]] = field(default_factory=list)  # (start, value, precision, index)
    done: list[Sentence] = field(default_factory=list)  # sentences already read, in order


def parse_date(value: str) -> tuple[str, str] | None:
    """``(date, precision)`` for a TimeRef value with a day, month or year; None for the rest."""
    m = _DATE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return (year, "year") if year != "XXXX" else None


def extract_events(view: DocView) -> list[Event]:
    """Every event coded in ``view``'s document, in text order."""
    doc = view.doc
    lexicon = load_lexicon()
    ctx = Context(view=view)
    if doc.published and doc.published.source not in WEAK_PUBLISHED:
        ctx.published = doc.published.value[:10]
        ctx.published_precision = {10: "day", 7: "month", 4: "year"}.get(len(ctx.published), "day")
    for n, t in enumerate(doc.times):
        parsed = parse_date(t.value)
        if parsed and t.type != "DURATION":
            ctx.times.append((t.start, parsed[0], parsed[1], n))
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
        date = _sentence_date(sent, ctx)
        parties = view.parties(sent, date[0] if date else ctx.published)
        content_from = None
        seen: set[tuple[object, ...]] = set()
        alleged = _alleged_spans(view, sent, found)
        for n, (t0, t1, trig) in enumerate(found):
            if content_from is not None and t0 >= content_from:
                continue
            following = found[n + 1] if n + 1 < len(found) else None
            if (
                trig.frame == "noun"
                and following is not None
                and following[2].type == "REJECT"
                and following[0] - t1 <= OBJECT_GAP
            ):
                continue  # "مذاکراتی عمل منسوخ", "मुलाकात रद्द": what is called off did not happen
            if any(s <= t0 < e for s, e in alleged) and not _finite(keys, t1, sent.b):
                continue
            if t1 + 1 < sent.b and keys[t1] in lx.GENITIVE and keys[t1 + 1] in lx.REFERENCE:
                continue  # "हत्या की रिपोर्ट दर्ज की": a case is filed, nobody was killed by the subject
            if "nogen" in trig.flags and t0 > sent.a and keys[t0 - 1] in lx.GENITIVE:
                continue  # "بیٹنگ کا مظاہرہ", "टीम का प्रदर्शन": a display, not a protest
            if trig.type == "ACCUSE" and t1 < sent.b and keys[t1] in lx.IN:
                continue  # "کے الزام میں گرفتار", "के आरोप में": on a charge, not an accusation
            if t0 > sent.a and keys[t0 - 1] in ANAPHORA:
                continue  # "ان الزامات کی تردید", "یہ ملاقات": coded where the story first tells it
            event = _code(view, sent, parties, trig, t0, t1, ctx)
            if trig.type in ("ACCUSE", "REJECT"):
                after = next(
                    (j for j in range(t1, min(sent.b, t1 + CONTENT_WINDOW)) if keys[j] in lx.THAT), None
                )
                content_from = after
            if event is None:
                continue
            key = (event.type, tuple(event.actors))
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
                ctx.accusers = list(event.actors)
            ctx.last_actor = event.actors[0]
        ctx.pending.append(sent)
    if ctx.published is None:
        _fill_years(events)
    return events


def _fill_years(events: list[Event]) -> None:
    """Give year-less dates ("13 ستمبر", "گزشتہ جون") the year of the page's own latest dated event,
    when the page has no usable publication date: a story is told from one moment, so an event
    dated through an office tenure (seed 000's 2024-09-13) dates its year-less neighbours too."""
    anchors = [e.time for e in events if e.time and e.time[0].isdigit() and e.time_precision == "day"]
    if not anchors:
        return
    anchor = max(anchors)
    for event in events:
        if not event.time or not event.time.startswith("XXXX-"):
            continue
        rest = event.time[5:]  # "MM-DD" or "MM"
        # the anchor's year, unless the month comes after the anchor's (a December date told in a
        # January story); a report a day after the anchored event stays in its year
        later = rest[:2] > anchor[5:7]
        event.time = f"{int(anchor[:4]) - later}-{rest}"
        event.time_source = "document"
        event.actor_states = _states(event.actors, event.time)
        event.recipient_states = _states(event.recipients, event.time)


def find_triggers(lexicon: Lexicon, keys: list[str], sent: Sentence) -> list[tuple[int, int, Trigger]]:
    """``(start token, end token, trigger)`` of each trigger of the sentence's language, left to
    right, the longest pattern first at each token, never overlapping."""
    found: list[tuple[int, int, Trigger]] = []
    i = sent.a
    while i < sent.b:
        hit = None
        for trig in lexicon.candidates(keys[i]):
            if trig.lang == sent.lang:
                end = matches(trig, keys, i, sent.b)
                if end > 0:
                    hit = (i, end, trig)
                    break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def _alleged_spans(
    view: DocView, sent: Sentence, found: list[tuple[int, int, Trigger]]
) -> list[tuple[int, int]]:
    """ "X نے Y پر … کا الزام لگایا": what lies between the accused's پر/पर and the trigger is the
    allegation's content (Urdu and Hindi put it before the verb), not an event of its own."""
    spans = []
    keys = view.keys
    for t0, t1, trig in found:
        if sent.lang == "en":
            continue
        ergs = [j for j in range(sent.a, t0) if keys[j] in lx.ERGATIVE]
        if trig.type == "ACCUSE":
            marks = [j for j in range(sent.a, t0) if keys[j] in lx.PAR]
            if marks:
                spans.append((marks[-1], t0))
            if t1 < sent.b and keys[t1] in lx.IN:
                # "… حملوں کی منصوبہ بندی کے الزام میں گرفتار": what precedes a charge is its content.
                spans.append((ergs[-1] if ergs else sent.a, t0))
                continue
        g = t0 - 2 if t0 - 2 > sent.a and keys[t0 - 1] in lx.PARTICLES else t0 - 1
        if trig.type in CONTENT_TYPES and g > sent.a and keys[g] in lx.GENITIVE:
            # "X نے … مشاورت … کا مطالبہ کیا": what is demanded or requested is not an event yet.
            spans.append((ergs[-1] if ergs else sent.a, t0))
    return spans


def _finite(keys: list[str], t1: int, stop: int) -> bool:
    """Whether the trigger ending at ``t1`` is a finite verb of its own clause ("حملہ کیا اور")."""
    return t1 + 1 < stop and keys[t1] in LIGHT_VERBS and keys[t1 + 1] in lx.CONJ


def _flush(ctx: Context) -> None:
    """Note the states the sentences read so far name, for "both sides" (done only when one needs
    it: most documents never do, and reading every sentence's parties costs time)."""
    view = ctx.view
    for earlier in ctx.pending:
        if view is None:
            break
        if earlier.active:
            _note_states(ctx, view.parties(earlier, ctx.published))
            continue
        for m in view.doc.mentions:  # not tokenized: its named entities are enough here
            if earlier.start <= m.start < earlier.end and m.label != "ROLE" and m.entity:
                found = view._kb.get(m.entity)
                if found is None or found.kind != "agency":
                    state = state_of(m.entity, ctx.published)
                    if state:
                        ctx.states.append(state)
    ctx.pending.clear()


def _note_states(ctx: Context, parties: list[Party]) -> None:
    for p in parties:
        if p.agency or p.entity is None:
            continue
        state = state_of(p.entity, ctx.published)
        if state:
            ctx.states.append(state)


def _both(ctx: Context, before: list[Party], date: str | None) -> list[str]:
    """ "Both sides": the last two states named in this sentence, else of the last events, else named."""
    _flush(ctx)
    here = [state_of(p.entity, date) for p in before if p.entity and not p.agency]
    for states in (here, [*ctx.event_states, *here], [*ctx.states, *here]):
        pair = _last_two(states)
        if pair:
            return pair
    return []


def _last_two(states: list[str | None]) -> list[str]:
    seen: list[str] = []
    for state in reversed(states):
        if state and state not in seen:
            seen.append(state)
        if len(seen) == 2:
            break
    return list(reversed(seen)) if len(seen) == 2 else []


def _clause(view: DocView, sent: Sentence, t0: int, t1: int) -> tuple[int, int]:
    keys = view.keys
    ca = next((j + 1 for j in range(t0 - 1, sent.a - 1, -1) if keys[j] in lx.THAT), sent.a)
    cb = next((j for j in range(t1, sent.b) if keys[j] in lx.THAT), sent.b)
    return ca, cb


def _group(parties: list[Party], p: Party) -> list[Party]:
    if not any(q is p for q in parties):
        return [p]  # a party found by position ("مظفرگڑھ پہنچ گئے"), in no coordination group
    return [q for q in parties if q.group == p.group and not q.relative]


def _code(
    view: DocView, sent: Sentence, parties: list[Party], trig: Trigger, t0: int, t1: int, ctx: Context
) -> Event | None:
    ca, cb = _clause(view, sent, t0, t1)
    usable = [p for p in parties if not p.agency and not p.relative]
    if sent.lang == "en":
        actors, recipients, explicit = _roles_svo(view, usable, t0, t1, ca, cb)
    else:
        keys = view.keys
        if trig.frame == "noun" and t1 + 1 < sent.b and keys[t1 + 1] in TEMPORAL:
            # "… گرفتار کیا اور آتنکی حملوں کے دوران …": a time reference belongs to its own clause.
            ca = max(
                [ca, *(j + 1 for j in range(ca + 1, t0) if keys[j] in lx.CONJ and keys[j - 1] in lx.FINITE)]
            )
        actors, recipients, explicit = _roles_sov(view, sent, usable, trig, t0, t1, ca)
        if not recipients and trig.type == "ACCUSE":
            recipients = _accused(view, sent, usable, t1)
        intransitive = trig.frame == "verb" and t1 < sent.b and keys[t1] in lx.BECOME
        passive = trig.frame != "arrive" and _passive(keys, t1, sent.b)
        if (passive or intransitive) and not any(p.marker == "agent" for p in actors):
            return None  # "گرفتار کیا گیا", "ہلاک ہو گئے": who acted is not said
        if trig.type == "CONSULT" and any(view.keys[p.t1 - 1] in lx.PRESS for p in recipients):
            return None  # "صحافیوں سے گفتگو کرتے ہوئے کہا": a statement to the press
    date = _event_date(view, sent, t0, ctx)
    day = date[0] if date else None
    actor_ids = _resolve(actors, usable, ctx, day)
    recipient_ids = _resolve(recipients, usable, ctx, day)
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
    if place is None:
        place = _place(usable, actors + recipients)
    if date and date[0].startswith("XXXX") and date[1] == "day":
        titled = [(p, role) for p in actor_ids + recipient_ids for _, role in view.roles.get(p, [])]
        year = infer_year(date[0][5:], titled, ctx.published)
        if year:
            date = (year + date[0][4:], date[1], date[2], date[3])
    negated, future, hypothetical = _flags(view, sent, t0, t1, ca)
    trigger_start, trigger_end = view.span(t0, t1)
    ev_start, ev_end = sent.start, sent.end
    confidence = BASE_CONFIDENCE + (ACTOR_BONUS if explicit else 0.0)
    confidence += RECIPIENT_BONUS if recipient_ids or len(actor_ids) > 1 else 0.0
    confidence += DATE_BONUS if date and date[3] == "sentence" else 0.0
    when = date[0] if date else None
    return Event(
        type=trig.type,
        mode=trig.mode,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        evidence_start=ev_start,
        evidence_end=ev_end,
        actors=actor_ids,
        recipients=recipient_ids,
        actor_states=_states(actor_ids, when),
        recipient_states=_states(recipient_ids, when),
        place=place,
        time=when,
        time_precision=date[1] if date else None,
        time_ref=date[2] if date else None,
        time_source=date[3] if date else "",
        negated=negated,
        hypothetical=hypothetical,
        future=(future and trig.mode != "intent") or "future" in trig.flags,
        historical=_historical(when, ctx.published),
        confidence=round(min(confidence, 0.95), 3),
        text=view.doc.text[trigger_start:trigger_end],
        actor_text=[_surface(actors, a) for a in actor_ids],
        recipient_text=[_surface(recipients, r) for r in recipient_ids],
    )


def _passive(keys: list[str], t1: int, stop: int) -> bool:
    """Whether the trigger ending at ``t1`` is passive: a light verb then a form of جانا/जाना."""
    j = t1
    if j < stop and keys[j] in lx.PASSIVE:
        return True  # "امداد دی جا رہی ہے": the trigger ends with its verb
    if j < stop and keys[j] in LIGHT_VERBS:
        j += 1
        if j < stop and keys[j] in lx.PASSIVE_AFTER_KAR:
            j += 1  # "گرفتار کر لیا گیا"
    return j > t1 and j < stop and keys[j] in lx.PASSIVE


def _surface(parties: list[Party], entity: str) -> str:
    return next((p.text for p in parties if p.entity == entity), "")


def _states(ids: list[str], date: str | None) -> list[str]:
    out: list[str] = []
    for entity in ids:
        state = state_of(entity, date)
        if state and state not in out:
            out.append(state)
    return out


def _resolve(group: list[Party], usable: list[Party], ctx: Context, date: str | None) -> list[str]:
    out: list[str] = []
    for p in group:
        ids: list[str] = []
        if p.kind == "both":
            ids = _both(ctx, [q for q in usable if q.t1 <= p.t0], date)
        elif p.kind == "pronoun":
            earlier = [
                q
                for q in usable
                if q.t1 <= p.t0
                and q.label == "PERSON"
                and q.entity
                and q.marker in ("erg", "none", "gen_mod")
            ]
            subjects = [q for q in earlier if q.marker == "erg"]
            person = (subjects or earlier)[-1] if earlier else None
            if person and person.entity:
                ids = [person.entity]
            else:
                before = _previous_subject(ctx, date)
                ids = [before] if before else ([ctx.last_actor] if ctx.last_actor else [])
        elif p.entity:
            ids = [p.entity]
        out.extend(i for i in ids if i not in out)
    return out


def _previous_subject(ctx: Context, date: str | None) -> str | None:
    """The person before ergative نے/ने in the last sentences of the paragraph ("انہوں نے" refers
    to them more often than to the last event's actor)."""
    view = ctx.view
    if view is None:
        return None
    for earlier in reversed(ctx.done[-PRONOUN_LOOKBACK - 1 : -1]):
        if not earlier.active:
            continue
        found = [
            q
            for q in view.parties(earlier, date)
            if q.marker == "erg" and q.label == "PERSON" and q.entity and not q.agency and q.kind != "pronoun"
        ]
        if found:
            return found[-1].entity
    return None


def _pick(cands: list[Party], prefer_places: bool) -> Party | None:
    if not cands:
        return None

    def rank(p: Party) -> int:
        is_place = p.label == "LOC"
        return 0 if is_place == prefer_places else 1

    best = min(rank(p) for p in cands)
    return [p for p in cands if rank(p) == best][-1]  # the nearest to the trigger


def _roles_sov(
    view: DocView, sent: Sentence, usable: list[Party], trig: Trigger, t0: int, t1: int, ca: int
) -> tuple[list[Party], list[Party], bool]:
    keys = view.keys
    before = [p for p in usable if ca <= p.t0 and p.t1 <= t0]
    # Recipient: the nearest party carrying a marker the trigger asks for.
    accepted = set(trig.recipients) - {"dest", "none"}
    cands = [p for p in before if p.marker in accepted and (trig.mode != "visit" or p.label == "LOC")]
    if "dest" in trig.recipients:
        cands += [p for p in before if p.label == "LOC" and p.marker in ("none", "in") and t0 - p.t1 <= 2]
        if not cands and t0 - 1 > ca and view.is_word(t0 - 1) and not any(p.t1 == t0 for p in before):
            place = view.noun(t0 - 1)  # "مظفرگڑھ پہنچ گئے": a place the KB does not know
            place.label = "LOC"
            cands.append(place)
    recipient = _pick(cands, prefer_places=trig.mode == "visit")
    recipients = _group(usable, recipient) if recipient else []
    if not recipients:
        noun = _noun_recipient(view, trig, before, t0, ca)
        recipients = [noun] if noun else []
    if not recipients and trig.mode == "visit":
        after = [p for p in usable if p.t0 == t1 and p.label == "LOC" and _izafat(view, t1, p, sent)]
        recipients = _group(usable, after[0]) if after else []
    taken = {id(p) for p in recipients}
    # Actor: before ergative نے/ने, else a genitive of a nominal trigger, else the unmarked subject.
    actor: Party | None = None
    explicit = True
    ergs = [j for j in range(ca, t0) if keys[j] in lx.ERGATIVE]
    fused = [p for p in before if p.kind == "pronoun" and p.marker == "erg"]
    if ergs or fused:
        e = max([*ergs, *(p.t1 for p in fused)])
        near = [p for p in before if p.t1 <= e and p.marker in ("erg", "none") and id(p) not in taken]
        if near and near[-1].marker == "none" and e in ergs and e - 1 >= ca and view.is_word(e - 1):
            near = []  # "जगताप … तीनों ने": the word before ने acts, not a name far before it
        actor = near[-1] if near else None
        if actor is None and e in ergs:
            owner = [
                p
                for p in before
                if p.marker in ("gen", "gen_mod") and 0 <= e - p.t1 <= POSSESSOR_GAP and id(p) not in taken
            ]
            named = any(
                p.t1 <= e and all(k in APPOSITION_WORDS for k in keys[p.t1 : e]) for p in sent.parties
            )
            if owner:
                # "दिल्ली पुलिस की क्राइम ब्रांच ने": the body a unit belongs to acts.
                return _group(usable, owner[-1]), recipients, True
            if e - 1 >= ca and view.is_word(e - 1) and not named:
                # "पुलिस ने", "मालिकों ने": a common noun acts.
                return [view.noun_phrase(e - 1, "erg", ca)], recipients, True
    if actor is None:
        agents = [p for p in before if p.marker == "agent" and id(p) not in taken]
        if agents:  # "सुप्रीम कोर्ट द्वारा … इनकार", "X کی طرف سے"
            return _group(usable, agents[-1]), recipients, True
    nominal = trig.frame == "noun" and not (t1 < sent.b and keys[t1] in LIGHT_VERBS)
    if actor is None and nominal and "gen" not in trig.recipients:
        actor = _genitive_noun(view, before, t0, ca)
    if actor is None and nominal:
        own = any(keys[j] in lx.OWN for j in range(ca, t0))
        gens = [] if own else [p for p in before if p.marker == "gen" and id(p) not in taken and _agent(p)]
        gens = gens or (
            [] if own else [p for p in before if p.marker == "gen_mod" and id(p) not in taken and _agent(p)]
        )
        if gens:
            actor = max(gens, key=lambda p: p.t0)
        else:
            later = [p for p in usable if p.t0 >= t1 and p.marker == "erg"]
            actor = later[0] if later else None
    if actor is None:
        between = [p for p in before if p.marker == "between"]
        if between and "recip" in trig.flags:
            return _group(usable, between[-1]), recipients, True
        plain = [p for p in before if p.marker == "none" and id(p) not in taken and _agent(p)]
        actor = plain[-1] if plain else None
        explicit = False
    actors = _group(usable, actor) if actor else []
    return actors, recipients, explicit


def _genitive_noun(view: DocView, before: list[Party], t0: int, ca: int) -> Party | None:
    """ "यात्रियों का आरोप", "مظاہرین کا مطالبہ": the common noun whose claim a nominal trigger is."""
    keys = view.keys
    if any(p.t1 == t0 - 1 for p in before) or t0 - 2 < ca:
        return None
    if keys[t0 - 1] not in lx.GENITIVE or keys[t0 - 1] in lx.OWN or not view.is_word(t0 - 2):
        return None
    if keys[t0 - 1] not in lx.GENITIVE_SG and not keys[t0 - 2].endswith(lx.PLURAL_OBLIQUE):
        return None  # "دھاندلی کے الزامات": allegations of something, not by somebody
    return None if load_lexicon().candidates(keys[t0 - 2]) else view.noun_phrase(t0 - 2, "gen", ca)


def _accused(view: DocView, sent: Sentence, usable: list[Party], t1: int) -> list[Party]:
    """ "X ने आरोप लगाया कि उसके बेटे ने …": the subject of what is alleged is the accused."""
    keys = view.keys
    that = next((j for j in range(t1, min(sent.b, t1 + CONTENT_WINDOW)) if keys[j] in lx.THAT), None)
    if that is None:
        return []
    for j in range(that + 1, min(sent.b, that + ACCUSED_WINDOW)):
        if keys[j] in lx.ERGATIVE:
            named = [p for p in usable if p.t1 == j]
            if named:
                return _group(usable, named[-1])
            return [view.noun_phrase(j - 1, "erg", that + 1)] if view.is_word(j - 1) else []
    return []


_MARKER_WORDS = {"se": lx.SE, "par": lx.PAR, "ko": lx.KO, "gen": lx.GENITIVE - lx.OWN}


def _noun_recipient(view: DocView, trig: Trigger, before: list[Party], t0: int, ca: int) -> Party | None:
    """The common noun before the nearest marker the trigger asks for ("4 लोगों को गिरफ्तार")."""
    words = frozenset().union(*(_MARKER_WORDS[m] for m in trig.recipients if m in _MARKER_WORDS))
    if not words:
        return None
    starts = {p.t0 for p in before} | {p.t1 for p in before}
    for j in range(t0 - 1, ca, -1):
        if view.keys[j] in lx.ERGATIVE:
            return None
        if view.keys[j] in words:
            if view.keys[j] in lx.GENITIVE and j != t0 - 1:
                return None  # an argument genitive sits right before its nominal trigger
            k = j - 1
            if k - 2 > ca and view.keys[k] == ")" and view.keys[k - 2] == "(":
                k -= 3  # "विक्की उर्फ विजय (20) को": an age in brackets
            if (
                j in starts
                or k + 1 in starts
                or not view.is_word(k)
                or load_lexicon().candidates(view.keys[k])
            ):
                return None
            if k - 1 > ca and view.keys[k - 1] in lx.GENITIVE and view.keys[k - 1] not in lx.OWN:
                # "پوتن کے فیصلوں کی حمایت", "داعش کے ٹھکانوں پر حملے": the owner is the party.
                owner = [p for p in before if p.t1 == k - 1]
                if owner:
                    return owner[-1]
                if view.is_word(k - 2) and not load_lexicon().candidates(view.keys[k - 2]):
                    return view.noun_phrase(k - 2, "noun", ca)
            return view.noun_phrase(k, "noun", ca)
    return None


def _agent(p: Party) -> bool:
    """A party that can act: a person, an organisation, a state (not a city or a region)."""
    if p.label != "LOC" or p.kind != "name":
        return True
    found = load_kb().get(p.entity) if p.entity else None
    return found is not None and found.kind == "country"


def _izafat(view: DocView, t1: int, place: Party, sent: Sentence) -> bool:
    """ "دورۂ شمالی کوریا": the destination follows the trigger, joined by izafat or followed by a
    genitive ("کے دورہ شمالی کوریا کے بعد")."""
    written = view.doc.text[view.starts[t1 - 1] : view.ends[t1 - 1]]
    follows = view.keys[place.t1] if place.t1 < sent.b else ""
    return written.endswith(("ۂ", "ِ")) or follows in lx.GENITIVE


def _roles_svo(
    view: DocView, usable: list[Party], t0: int, t1: int, ca: int, cb: int
) -> tuple[list[Party], list[Party], bool]:
    before = [p for p in usable if ca <= p.t0 and p.t1 <= t0]
    after = [p for p in usable if t1 <= p.t0 < cb]
    keys = view.keys
    passive = t0 > 0 and keys[t0 - 1] in ("was", "were", "been", "be")
    if passive:
        agent = [p for p in after if p.t0 > 0 and keys[p.t0 - 1] == "by"]
        actors = _group(usable, agent[0]) if agent else []
        recipients = _group(usable, before[-1]) if before else []
        return actors, recipients, bool(agent)
    actors = _group(usable, before[-1]) if before else []
    recipients = _group(usable, after[0]) if after else []
    return actors, recipients, bool(actors)


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


def _sentence_date(sent: Sentence, ctx: Context) -> tuple[str, str, int | None, str] | None:
    start, end = sent.start, sent.end
    inside = [t for t in ctx.times if start <= t[0] < end]
    if inside:
        return inside[0][1], inside[0][2], inside[0][3], "sentence"
    return None


def _event_date(
    view: DocView, sent: Sentence, t0: int, ctx: Context
) -> tuple[str, str, int | None, str] | None:
    """(date, precision, index into Document.times, from this sentence) for an event.

    The nearest date in the sentence; else the last earlier date of the paragraph; else the last
    earlier date of the document; else the publication date (day precision, no time index).
    """
    start, end = sent.start, sent.end
    trigger = view.starts[t0]
    inside = [t for t in ctx.times if start <= t[0] < end]
    if inside:
        best = min(inside, key=lambda t: abs(t[0] - trigger))
        return best[1], best[2], best[3], "sentence"
    segment = view.doc.segments[sent.segment]
    earlier = [t for t in ctx.times if t[0] < start and _in_body(view, t[0])]
    same_para = [t for t in earlier if t[0] >= segment.start]
    if same_para:
        return same_para[-1][1], same_para[-1][2], same_para[-1][3], "paragraph"
    if earlier:
        # The story's lead date (its first day) dates what it tells later more often than the
        # last date before the sentence, which is often when an agency reported it.
        days = [t for t in earlier if t[2] == "day"] or earlier
        return days[0][1], days[0][2], days[0][3], "document"
    if ctx.published:
        return ctx.published, ctx.published_precision, None, "published"
    return None


def _in_body(view: DocView, pos: int) -> bool:
    return not any(s.start <= pos < s.end and s.kind in ("dateline", "source") for s in view.doc.segments)


def _flags(view: DocView, sent: Sentence, t0: int, t1: int, ca: int) -> tuple[bool, bool, bool]:
    keys = view.keys
    if sent.lang == "en":
        window = keys[max(sent.a, t0 - FLAG_WINDOW) : t0]
    else:
        window = keys[t1 : min(sent.b, t1 + FLAG_WINDOW)]
    negated = any(k in lx.NEGATION for k in window)
    future = any(k in lx.FUTURE or k.endswith(lx.FUTURE_SUFFIXES) for k in window)
    # "اگر …", "تاکہ …" before the trigger; "حملے کی صورت میں" before it or right after it.
    hypothetical = any(keys[j] in lx.HYPOTHETICAL for j in range(ca, t0)) or any(
        keys[j] in lx.CONDITION and j + 1 < sent.b and keys[j + 1] in lx.IN
        for j in range(ca, min(sent.b, t1 + FLAG_WINDOW))
    )
    # "مذاکرات جاری رکھنے کے لیے", "हत्या को अंजाम देने के लिए", "समझौता करने के खिलाफ": a purpose
    # or what is opposed, not what happened.
    hypothetical = hypothetical or any(
        keys[j] in lx.PURPOSE
        and keys[j - 1] in lx.GENITIVE
        and len(keys[j - 2]) > 2
        and keys[j - 2].endswith(lx.INFINITIVE)
        for j in range(t1 + 2, min(sent.b, t1 + FLAG_WINDOW + 2))
    )
    # "حملے کی منصوبہ بندی", "हत्या का फैसला": a plan or an attempt.
    hypothetical = hypothetical or (t1 + 1 < sent.b and keys[t1] in lx.GENITIVE and keys[t1 + 1] in lx.INTENT)
    return negated, future, hypothetical


def _historical(date: str | None, published: str | None) -> bool:
    if not date or not published or date.startswith("X"):
        return False
    from datetime import date as Date

    def first_day(value: str) -> Date | None:
        parts = value.split("-")
        try:
            return Date(
                int(parts[0]),
                int(parts[1]) if len(parts) > 1 else 12,
                int(parts[2]) if len(parts) > 2 else 28,
            )
        except (ValueError, IndexError):
            return None

    when, pub = first_day(date), first_day(published)
    return bool(when and pub and (pub - when).days > HISTORICAL_DAYS)
