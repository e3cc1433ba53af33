"""Attributed claims: who said what ("KCNA نے … کہا کہ", "के अनुसार", "according to", "(ماخذ: KCNA)"),
reported by which agency, with a stance; a denial is linked to the accusation it answers.
"""

from __future__ import annotations

from khabar.document import Claim, Event
from khabar.events import lexicon as lx
from khabar.events.parse import DocView, Party, Sentence
from khabar.events.states import state_of
from khabar.kb import load_kb

#: Stance of a claim whose speaker is the actor of an event of this type in the same sentence.
STANCES = {
    "ACCUSE": "accuse",
    "REJECT": "deny",
    "SUPPORT": "support",
    "THREATEN": "threaten",
    "DEMAND": "demand",
    "REQUEST": "request",
    "AGREE": "agree",
}
#: Tokens between a reporting verb and the "کہ/कि/that" or quote that opens its content.
CONTENT_GAP = 3
#: Confidence (set by hand on the seeds): a named speaker and a marked content span, a speaker
#: without marked content, a source line naming only the agency.
CONFIDENCE_MARKED = 0.8
CONFIDENCE_LOOSE = 0.6
CONFIDENCE_CREDIT = 0.5


def extract_claims(view: DocView, events: list[Event]) -> list[Claim]:
    """Every attributed statement in the document, denials linked to the accusations they answer."""
    claims: list[Claim] = []
    keys = view.keys
    by_sentence: dict[int, list[int]] = {}
    for n, event in enumerate(events):
        by_sentence.setdefault(event.evidence_start, []).append(n)
    previous: Sentence | None = None
    for sent in view.all_sentences:
        if not sent.active:
            previous = sent
            continue
        start = sent.start
        sent_events = by_sentence.get(start, [])
        has_cue = not lx.CUES.isdisjoint(keys[sent.a : sent.b])
        if not has_cue and not sent_events:
            previous = sent
            continue
        parties = view.parties(sent, None)
        made = _reported(view, sent, parties, previous)
        for n in sent_events:
            event = events[n]
            if event.negated:
                continue  # "neither confirmed nor denied" makes no denial
            stance = STANCES.get(event.type)
            if stance not in ("accuse", "deny"):
                for claim in made:
                    if claim.speaker in event.actors and stance and claim.stance == "assert":
                        claim.stance, claim.event, claim.target = stance, n, _first(event.recipients)
                continue
            for actor in event.actors:
                same = next((c for c in made if c.speaker == actor), None)
                if same is not None:
                    same.stance, same.event, same.target = stance, n, _first(event.recipients)
                    continue
                made.append(_event_claim(view, sent, event, n, actor, stance))
        claims.extend(made)
        previous = sent
    speak_for_persons(view, claims)
    link_answers(claims, events)
    return claims


def speak_for_persons(view: DocView, claims: list[Claim]) -> None:
    """A statement credited to an organisation ("روسی سلامتی کونسل کے حوالے سے") is the statement
    of the one person the document names who holds an office in it (its secretary, Shoigu), unless
    the statement is about that person; the organisation stays in ``speaker_text`` as written."""
    kb = load_kb()
    persons: dict[str, list[int]] = {}
    for m in view.doc.mentions:
        if m.entity and m.entity.startswith("per:"):
            persons.setdefault(m.entity, []).append(m.start)
    holders: dict[str, list[str]] = {}
    for person in persons:
        found = kb.get(person)
        for role in found.roles if found is not None else ():
            if role.of and person not in holders.get(role.of, []):
                holders.setdefault(role.of, []).append(person)
    for claim in claims:
        if not claim.speaker or not claim.speaker.startswith("org:") or claim.speaker == claim.reporter:
            continue
        found = kb.get(claim.speaker)
        people = holders.get(claim.speaker, [])
        if found is None or found.kind == "agency" or len(people) != 1:
            continue
        person = people[0]
        if any(claim.start <= pos < claim.end for pos in persons[person]):
            continue  # the organisation speaks about its officer
        claim.speaker = person


def _first(ids: list[str]) -> str | None:
    return ids[0] if ids else None


def _event_claim(view: DocView, sent: Sentence, event: Event, n: int, actor: str, stance: str) -> Claim:
    """The claim an accusation or denial makes: its content is what follows "کہ/कि/that", else the
    sentence."""
    _, t1 = view.token_range(event.trigger_start, event.trigger_end)
    c0 = next((j + 1 for j in range(t1, min(sent.b, t1 + lx.MAX_GAP + 2)) if view.keys[j] in lx.THAT), None)
    c_start, c_end = _content_span(view, c0 if c0 is not None else sent.a, sent.b)
    speaker_text = event.actor_text[event.actors.index(actor)] if actor in event.actors else ""
    return Claim(
        start=c_start,
        end=c_end,
        evidence_start=event.evidence_start,
        evidence_end=event.evidence_end,
        speaker=actor,
        speaker_text=speaker_text,
        stance=stance,
        target=_first(event.recipients),
        event=n,
        cue_start=event.trigger_start,
        cue_end=event.trigger_end,
        confidence=CONFIDENCE_MARKED if c0 is not None else CONFIDENCE_LOOSE,
        text=view.doc.text[c_start:c_end],
    )


def _content_span(view: DocView, t0: int, t1: int) -> tuple[int, int]:
    t0 = min(t0, t1 - 1)  # a "کہ" closing the sentence leaves no content after it
    while t1 > t0 + 1 and (view.keys[t1 - 1] in lx.SENTENCE_END or view.keys[t1 - 1] in ("|", "،", ",")):
        t1 -= 1
    return view.span(t0, max(t1, t0 + 1))


def _reported(view: DocView, sent: Sentence, parties: list[Party], previous: Sentence | None) -> list[Claim]:
    """Claims marked by a reporting verb, an "according to" phrase or a source credit."""
    keys = view.keys
    out: list[Claim] = []
    agencies = [p for p in parties if p.agency]
    for i in range(sent.a, sent.b):
        key = keys[i]
        if key in lx.SOURCE_WORDS and agencies and i + 2 < sent.b:
            credit = next((p for p in agencies if p.t0 > i), None)
            if credit is None:
                continue
            own = [t for t in range(sent.a, i) if keys[t] not in ("(", "[")]
            if own or previous is None:
                s, e = _content_span(view, sent.a, i)
            elif previous.active:
                s, e = _content_span(view, previous.a, previous.b)
            else:  # "(ماخذ: KCNA)" after a sentence with nothing else to read in it
                s, e = previous.start, previous.end
            out.append(
                Claim(
                    start=s,
                    end=e,
                    evidence_start=s,
                    evidence_end=e,
                    reporter=credit.entity,
                    stance="assert",
                    cue_start=view.starts[i],
                    cue_end=view.ends[i],
                    confidence=CONFIDENCE_CREDIT,
                    text=view.doc.text[s:e],
                )
            )
            break
        if key in lx.ACCORDING:
            claim = _according(view, sent, parties, i)
            if claim:
                out.append(claim)
        elif key in lx.SAY:
            claim = _said(view, sent, parties, i)
            if claim and not any(c.speaker == claim.speaker and c.reporter == claim.reporter for c in out):
                out.append(claim)
    return out


def _according(view: DocView, sent: Sentence, parties: list[Party], i: int) -> Claim | None:
    if sent.lang == "en":
        # "according to X": X follows; the content is the rest of the sentence around it.
        who = next((p for p in parties if i < p.t0 <= i + 3), None)
        if who is None:
            return None
        span = (sent.a, i) if i - sent.a > sent.b - who.t1 else (who.t1, sent.b)
    else:
        who = next((p for p in reversed(parties) if p.t1 <= i and p.marker == "according"), None)
        if who is None:
            return None
        span = (i + 1, sent.b)
    s, e = _content_span(view, *span)
    ev_s, ev_e = sent.start, sent.end
    cue_s, cue_e = view.span(who.t1, i + 1)
    return Claim(
        start=s,
        end=e,
        evidence_start=ev_s,
        evidence_end=ev_e,
        speaker=who.entity,
        speaker_text=who.text,
        reporter=who.entity if who.agency else None,
        stance="assert",
        cue_start=cue_s,
        cue_end=cue_e,
        confidence=CONFIDENCE_MARKED,
        text=view.doc.text[s:e],
    )


def _said(view: DocView, sent: Sentence, parties: list[Party], i: int) -> Claim | None:
    keys = view.keys
    before = [p for p in parties if p.t1 <= i and not p.relative]
    if sent.lang == "en":
        subject = before[-1] if before else next((p for p in parties if i < p.t0 <= i + 2), None)
    else:
        ergs = [p for p in before if p.marker == "erg"]
        subject = ergs[-1] if ergs else None
    if subject is None:
        return None
    quoted = next((p for p in before if p.marker == "attrib"), None)
    if subject.kind == "pronoun":
        persons = [p for p in before if p.label == "PERSON" and p.entity and p.kind != "pronoun"]
        if not persons:
            return None
        subject = persons[-1]
    speaker = quoted or subject
    reporter = subject.entity if subject.agency else None
    # Content: after "کہ/कि/that" or a quote opening right after the verb; else a quote before it.
    span = None
    for j in range(i + 1, min(sent.b, i + 1 + CONTENT_GAP)):
        if keys[j] in lx.THAT:
            span = (j + 1, sent.b)
            break
        if keys[j] and keys[j][0] in lx.QUOTE_OPEN:
            span = _quote(view, j, sent)
            break
    confidence = CONFIDENCE_MARKED
    if span is None:
        marks = [j for j in range(sent.a, min(speaker.t0, subject.t0)) if keys[j] and keys[j][0] in lx.QUOTES]
        if len(marks) % 2 == 1:  # the quote closes here and opened in an earlier sentence
            span = (sent.a, marks[0])
        elif marks:
            span = (marks[0] + 1, marks[-1])
        else:
            span = (sent.a, subject.t0) if subject.t0 > sent.a + 2 else (i + 1, sent.b)
            confidence = CONFIDENCE_LOOSE
    if span[1] <= span[0]:
        return None
    s, e = _content_span(view, *span)
    ev_s, ev_e = sent.start, sent.end
    return Claim(
        start=s,
        end=e,
        evidence_start=ev_s,
        evidence_end=ev_e,
        speaker=speaker.entity,
        speaker_text=speaker.text,
        reporter=reporter,
        stance="assert",
        cue_start=view.starts[i],
        cue_end=view.ends[i],
        confidence=confidence,
        text=view.doc.text[s:e],
    )


def _quote(view: DocView, j: int, sent: Sentence) -> tuple[int, int]:
    """Tokens inside the quote opening at token ``j`` (to its closing mark, within the paragraph)."""
    keys = view.keys
    segment = view.doc.segments[sent.segment]
    _, seg_end = view.token_range(segment.start, segment.end)
    k = j
    while k < seg_end and keys[k] and keys[k][0] in lx.QUOTES:
        k += 1
    start = k
    while k < seg_end and not (keys[k] and keys[k][0] in lx.QUOTES):
        k += 1
    return start, k


def link_answers(claims: list[Claim], events: list[Event]) -> None:
    """Point each denial at the accusation it answers: the latest earlier accusation whose target is
    the denier or one of the states denying with it (same document)."""
    for n, claim in enumerate(claims):
        if claim.stance != "deny" or claim.answers is not None:
            continue
        deniers: set[str] = {claim.speaker} if claim.speaker else set()
        if claim.event is not None:
            deniers |= set(events[claim.event].actors) | set(events[claim.event].actor_states)
        deniers |= {s for s in (state_of(d) for d in list(deniers)) if s}
        for m in range(n - 1, -1, -1):
            other = claims[m]
            if other.stance != "accuse" or not other.target:
                continue
            if other.target in deniers or state_of(other.target) in deniers:
                claim.answers = m
                break
