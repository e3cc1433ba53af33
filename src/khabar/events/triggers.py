"""Finding triggers in a sentence, and telling the ones that code no event of their own (what is
called off, alleged, demanded, referred back to, or only a time reference)."""

from __future__ import annotations

from khabar.events import lexicon as lx
from khabar.events.lexicon import Lexicon, Trigger, matches
from khabar.events.parse import DocView, Sentence

#: Tokens between a nominal trigger and a following rejection that make it the rejection's object.
OBJECT_GAP = 2
#: Tokens after an adjectival aid trigger ("امدادی", "राहत") searched for a verb of giving.
GIVE_WINDOW = 4
#: Types whose genitive complement is what is asked for or alleged, not an event of its own.
CONTENT_TYPES = frozenset({"DEMAND", "REQUEST", "ACCUSE"})
#: A trigger found in a sentence: (start token, end token, trigger).
Found = tuple[int, int, Trigger]


def find_triggers(lexicon: Lexicon, keys: list[str], sent: Sentence) -> list[Found]:
    """``(start token, end token, trigger)`` of each trigger of the sentence's language, left to
    right, the longest pattern first at each token, never overlapping."""
    found: list[Found] = []
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


def alleged_spans(view: DocView, sent: Sentence, found: list[Found]) -> list[tuple[int, int]]:
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


def not_an_event(
    keys: list[str], sent: Sentence, found: list[Found], n: int, alleged: list[tuple[int, int]]
) -> bool:
    """Whether trigger ``found[n]`` names something that is not an event of its own."""
    t0, t1, trig = found[n]
    following = found[n + 1] if n + 1 < len(found) else None
    if (
        trig.frame == "noun"
        and following is not None
        and following[2].type == "REJECT"
        and following[0] - t1 <= OBJECT_GAP
    ):
        return True  # "مذاکراتی عمل منسوخ", "मुलाकात रद्द": what is called off did not happen
    if any(s <= t0 < e for s, e in alleged) and not _finite(keys, t1, sent.b):
        return True
    if t1 + 1 < sent.b and keys[t1] in lx.GENITIVE and keys[t1 + 1] in lx.REFERENCE:
        return True  # "हत्या की रिपोर्ट दर्ज की": a case is filed, nobody was killed by the subject
    if "nogen" in trig.flags and t0 > sent.a and keys[t0 - 1] in lx.DISPLAY:
        return True  # "बेहतर प्रदर्शन", "शक्ति प्रदर्शन": a performance or a show of strength
    if "nogen" in trig.flags and t0 > sent.a and keys[t0 - 1] in lx.GENITIVE:
        return True  # "بیٹنگ کا مظاہرہ", "टीम का प्रदर्शन": a display, not a protest
    if trig.type == "ACCUSE" and t1 < sent.b and keys[t1] in lx.IN:
        return True  # "کے الزام میں گرفتار", "के आरोप में": on a charge, not an accusation
    if "ask" in trig.flags and not asks(keys, sent, t0, t1):
        return True  # "کہا" that reports no request
    nxt = keys[t1] if t1 < sent.b else ""
    if (
        trig.frame == "noun"
        and trig.type != "ACCUSE"
        and sent.lang != "en"
        and (nxt in lx.PAR or nxt in lx.KO)
    ):
        return True  # "امریکی امداد پر شکریہ", "امداد کی پیشکش کو": the object of another verb
    if keys[t0] in lx.AID_ADJECTIVES and not any(
        k in lx.GIVE for k in keys[t1 : min(sent.b, t1 + GIVE_WINDOW)]
    ):
        return True  # "امدادی کاموں میں حصہ", "امدادی کارروائیوں کا جائزہ": relief work, no aid given
    if nxt in lx.GENITIVE and t1 + 1 < sent.b and keys[t1 + 1] in lx.RESPONSE:
        return True  # "اعتزاز احسن کے الزامات کے جواب میں": an answer to an earlier allegation
    if trig.type == "ACCUSE" and trig.frame == "noun" and nxt in lx.ARISE:
        return True  # "धांधली का आरोप लगने के बाद": nobody is said to accuse
    if trig.mode == "investigate" and trig.frame == "noun" and nxt in lx.REFERENCE:
        return True  # "जांच रिपोर्ट": a report, not an investigation opened
    if trig.type == "AGREE" and nxt in lx.DECLARE_AFTER:
        return True  # "दोषी करार दिया": declared guilty
    # "ان الزامات کی تردید", "یہ ملاقات": coded where the story first tells it, unless who did it
    # is told now ("यह हमला … सदस्यों ने अंजाम दिया")
    return t0 > sent.a and keys[t0 - 1] in lx.ANAPHORA and not _agent_follows(keys, sent, t1)


def asks(keys: list[str], sent: Sentence, t0: int, t1: int) -> bool:
    """Whether "کہا/कहा" reports a request: "X ने Y से … हटाने के लिए कहा", or "X نے Y سے کہا کہ وہ …
    بھیجیں" (an addressee before the verb and a subjunctive closing what follows "کہ")."""
    g = t0 - 1
    if g > sent.a and keys[g] in lx.PURPOSE_FUSED:
        return True
    if g - 2 >= sent.a and keys[g] in lx.PURPOSE and keys[g - 1] in lx.GENITIVE:
        return keys[g - 2].endswith(lx.INFINITIVE) and len(keys[g - 2]) > 2
    if not any(k in lx.SE or k in lx.KO for k in keys[sent.a : t0]):
        return False
    that = next((j for j in range(t1, min(sent.b, t1 + 3)) if keys[j] in lx.THAT), None)
    if that is None:
        return False
    for j in range(that + 1, sent.b):
        k = keys[j]
        if k.endswith(lx.SUBJUNCTIVE_ENDINGS) and k not in lx.NOT_SUBJUNCTIVE and len(k) > 2:
            # The verb closes its clause ("… بھیجیں تاہم", "… न करें।"); a plural noun ("کوششیں")
            # is followed by its verb or a postposition.
            nxt = keys[j + 1] if j + 1 < sent.b else ""
            if not nxt or not nxt[0].isalpha() or nxt in lx.CLAUSE_LINKS:
                return True
    return False


def _agent_follows(keys: list[str], sent: Sentence, t1: int) -> bool:
    for j in range(t1, sent.b):
        if keys[j] in lx.THAT or keys[j] in lx.SAID:
            return False
        if keys[j] in lx.ERGATIVE:
            return True
    return False


def _finite(keys: list[str], t1: int, stop: int) -> bool:
    """Whether the trigger ending at ``t1`` is a finite verb of its own clause ("حملہ کیا اور")."""
    return t1 + 1 < stop and keys[t1] in lx.LIGHT_VERBS and keys[t1 + 1] in lx.CONJ
