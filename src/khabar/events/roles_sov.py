"""Urdu and Hindi roles from case markers: who acts and who is acted on, around one trigger.

The party before ergative نے/ने (or the unmarked subject) acts; the recipient carries the marker
the trigger asks for (سے/से for a meeting, پر/पर for an accusation, a genitive for a visit's
destination …). A common noun stands in where no name does ("पुलिस ने", "4 लोगों को").
"""

from __future__ import annotations

from khabar.events import lexicon as lx
from khabar.events.lexicon import Trigger
from khabar.events.parse import APPOSITION as APPOSITION_WORDS
from khabar.events.parse import DocView, Party, Sentence, coordination_group
from khabar.kb import load_kb

#: Tokens from a genitive party to the ergative marker of the unit it owns ("X की क्राइम ब्रांच ने").
POSSESSOR_GAP = 4
#: Tokens after "کہ/कि/that" that follow an accusation or denial: what they report is alleged,
#: not an event of its own.
CONTENT_WINDOW = 5
#: Tokens after an accusation's "کہ/कि" searched for the accused (the subject of what is alleged).
ACCUSED_WINDOW = 8


def _nearest_preferred(cands: list[Party], prefer_places: bool) -> Party | None:
    if not cands:
        return None

    def rank(p: Party) -> int:
        is_place = p.label == "LOC"
        return 0 if is_place == prefer_places else 1

    best = min(rank(p) for p in cands)
    return [p for p in cands if rank(p) == best][-1]  # the nearest to the trigger


def roles_sov(
    view: DocView, sent: Sentence, usable: list[Party], trig: Trigger, t0: int, t1: int, ca: int
) -> tuple[list[Party], list[Party], bool]:
    """(actors, recipients, whether the actor was marked) of trigger ``[t0, t1)`` in the clause
    starting at token ``ca``, from the case markers of the parties before it."""
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
    recipient = _nearest_preferred(cands, prefer_places=trig.mode == "visit")
    recipients = coordination_group(usable, recipient) if recipient else []
    if not recipients:
        noun = _noun_recipient(view, trig, before, t0, ca)
        recipients = [noun] if noun else []
    if not recipients and trig.mode == "visit":
        after = [p for p in usable if p.t0 == t1 and p.label == "LOC" and _izafat(view, t1, p, sent)]
        recipients = coordination_group(usable, after[0]) if after else []
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
                if p.marker in ("gen", "gen_mod")
                and 0 <= e - p.t1 <= POSSESSOR_GAP
                and id(p) not in taken
                # a case marker between them ends the owned phrase
                and not _phrase_ends(keys[p.t1 : e])
            ]
            named = any(
                p.t1 <= e and all(k in APPOSITION_WORDS for k in keys[p.t1 : e]) for p in sent.parties
            )
            if owner:
                # "दिल्ली पुलिस की क्राइम ब्रांच ने": the body a unit belongs to acts.
                return coordination_group(usable, owner[-1]), recipients, True
            if e - 1 >= ca and view.is_word(e - 1) and not named:
                # "पुलिस ने", "मालिकों ने": a common noun acts.
                return [view.noun_phrase(e - 1, "erg", ca)], recipients, True
    if actor is None:
        agents = [p for p in before if p.marker == "agent" and id(p) not in taken]
        if agents:  # "सुप्रीम कोर्ट द्वारा … इनकार", "X کی طرف سے"
            return coordination_group(usable, agents[-1]), recipients, True
        doer = _compelled(view, sent, before, t1, ca)
        if doer is not None:  # "पुलिस को … लाठीचार्ज करना पड़ा": who had to act, acted
            others = [r for r in recipients if (r.t0, r.t1) != (doer.t0, doer.t1)]
            return coordination_group(usable, doer), others, True
    nominal = trig.frame == "noun" and not (t1 < sent.b and keys[t1] in lx.LIGHT_VERBS)
    if actor is None and nominal and "gen" not in trig.recipients:
        actor = _genitive_noun(view, before, t0, ca)
    if actor is None and nominal:
        own = any(keys[j] in lx.OWN for j in range(ca, t0))
        gens = [] if own else [p for p in before if p.marker == "gen" and id(p) not in taken and _can_act(p)]
        gens = gens or (
            [] if own else [p for p in before if p.marker == "gen_mod" and id(p) not in taken and _can_act(p)]
        )
        actor = max(gens, key=lambda p: p.t0) if gens else later_agent(view, sent, usable, t1)
    if actor is None:
        between = [p for p in before if p.marker == "between"]
        if between and "recip" in trig.flags:
            return coordination_group(usable, between[-1]), recipients, True
        plain = [p for p in before if p.marker == "none" and id(p) not in taken and _can_act(p)]
        actor = plain[-1] if plain else None
        explicit = False
    actors = coordination_group(usable, actor) if actor else []
    return actors, recipients, explicit


def later_agent(view: DocView, sent: Sentence, usable: list[Party], t1: int) -> Party | None:
    """ "यह हमला इंडियन मुजाहिदीन के … सदस्यों ने अंजाम दिया", "हमला … अलगाववादियों ने किया था": the
    ergative after a nominal trigger, in its clause, acts (a named party, the body its members
    belong to, or a common noun)."""
    keys = view.keys
    for j in range(t1, sent.b):
        if keys[j] in lx.THAT or keys[j] in lx.SAID:
            return None
        if keys[j] not in lx.ERGATIVE:
            continue
        named = [p for p in usable if p.t1 == j]
        if named:
            return named[-1]
        owners = [
            p
            for p in usable
            if p.marker in ("gen", "gen_mod")
            and t1 <= p.t0
            and 0 <= j - p.t1 <= POSSESSOR_GAP + 2
            and not _phrase_ends(keys[p.t1 : j])
        ]
        if owners:
            return owners[-1]
        # The noun before the ergative must follow the trigger: "الزام نے" makes no actor of itself.
        return view.noun_phrase(j - 1, "erg", t1) if j - 1 >= t1 and view.is_word(j - 1) else None
    return None


def _compelled(view: DocView, sent: Sentence, before: list[Party], t1: int, ca: int) -> Party | None:
    """The dative subject of a compulsion ("X کو … کرنا پڑا", "X को … करनी पड़ी"): the first party
    (or common noun) of the clause marked کو/को, when a form of پڑنا/पड़ना follows the trigger."""
    keys = view.keys
    if not any(keys[j] in lx.COMPULSION for j in range(t1, min(sent.b, t1 + lx.COMPULSION_WINDOW))):
        return None
    first = next((j for j in range(ca + 1, t1) if keys[j] in lx.KO), None)
    if first is None:
        return None
    named = [p for p in before if p.t1 == first]
    if named:
        return named[-1]
    return view.noun_phrase(first - 1, "ko", ca) if view.is_word(first - 1) else None


def _genitive_noun(view: DocView, before: list[Party], t0: int, ca: int) -> Party | None:
    """ "यात्रियों का आरोप", "مظاہرین کا مطالبہ": the common noun whose claim a nominal trigger is."""
    keys = view.keys
    if any(p.t1 == t0 - 1 for p in before) or t0 - 2 < ca:
        return None
    if keys[t0 - 1] not in lx.GENITIVE or keys[t0 - 1] in lx.OWN or not view.is_word(t0 - 2):
        return None
    if keys[t0 - 1] not in lx.GENITIVE_SG and not keys[t0 - 2].endswith(lx.PLURAL_OBLIQUE):
        return None  # "دھاندلی کے الزامات": allegations of something, not by somebody
    return view.noun_phrase(t0 - 2, "gen", ca)


def accused(view: DocView, sent: Sentence, usable: list[Party], t1: int) -> list[Party]:
    """ "X ने आरोप लगाया कि उसके बेटे ने …": the subject of what is alleged is the accused."""
    keys = view.keys
    that = next((j for j in range(t1, min(sent.b, t1 + CONTENT_WINDOW)) if keys[j] in lx.THAT), None)
    if that is None:
        return []
    for j in range(that + 1, min(sent.b, that + ACCUSED_WINDOW)):
        if keys[j] in lx.ERGATIVE:
            named = [p for p in usable if p.t1 == j]
            if named:
                return coordination_group(usable, named[-1])
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
            continue  # "दो आरोपियों को पुलिस ने गिरफ्तार किया": the object comes first
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
            ):
                return None
            if k - 2 > ca and view.keys[k - 1] in lx.ANAPHORA and view.keys[k - 2] in lx.GENITIVE:
                k -= 1  # "عمران خان کے اس مطالبہ کو": a demonstrative between owner and noun
            if k - 1 > ca and view.keys[k - 1] in lx.GENITIVE and view.keys[k - 1] not in lx.OWN:
                # "پوتن کے فیصلوں کی حمایت", "داعش کے ٹھکانوں پر حملے": the owner is the party.
                owner = [p for p in before if p.t1 == k - 1]
                if owner:
                    return owner[-1]
                if view.is_word(k - 2):
                    return view.noun_phrase(k - 2, "noun", ca)
            return view.noun_phrase(k, "noun", ca)
    return None


def _phrase_ends(between: list[str]) -> bool:
    """Whether a case marker or "کے مطابق/के मुताबिक" between a genitive and an ergative ends the
    phrase the genitive owns ("रमेश की पेशकश को प्रधानमंत्री ने", "पुलिस के मुताबिक लड़की ने")."""
    return any(k in lx.KO or k in lx.SE or k in lx.PAR or k in lx.ACCORDING for k in between)


def _can_act(p: Party) -> bool:
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


def is_passive(keys: list[str], t1: int, stop: int) -> bool:
    """Whether the trigger ending at ``t1`` is passive: a light verb then a form of جانا/जाना."""
    j = t1
    if j < stop and keys[j] in lx.PASSIVE:
        return True  # "امداد دی جا رہی ہے": the trigger ends with its verb
    if j < stop and keys[j] in lx.LIGHT_VERBS:
        j += 1
        if j < stop and keys[j] in lx.PASSIVE_AFTER_KAR:
            j += 1  # "گرفتار کر لیا گیا"
    return j > t1 and j < stop and keys[j] in lx.PASSIVE
