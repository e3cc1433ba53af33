"""A happening's readable line in the reader's language (English, Urdu, Hindi):
"2024-09-13 · Pyongyang · Sergei Shoigu (Russia) visits North Korea; meets Kim Jong Un; talks;
intent to cooperate — 2 documents, ur + hi".

Names come from the KB's spellings in the reader's script (a name outside the KB as the page
wrote it); what each event adds is a short phrase per PLOVER type and mode (:data:`PHRASES`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from khabar.events.states import state_of
from khabar.happenings.parties import is_place
from khabar.kb import load_kb

#: Reader languages a line is written in.
READER_LANGS = ("en", "ur", "hi")
#: Facets in the order a line tells them: the visit, its hosting, the meeting, the talks, what
#: was signed or intended, then everything else by type.
FACET_ORDER = ("visit", "host", "meet", "phone", "multilateral", "discuss", "sign", "intent")

# (type, mode) or (type, None) -> language -> (phrase without a counterpart, phrase with one, "{x}").
PHRASES: dict[tuple[str, str | None], dict[str, tuple[str, str]]] = {
    ("CONSULT", "visit"): {
        "en": ("visits", "visits {x}"),
        "ur": ("دورہ", "{x} کا دورہ"),
        "hi": ("दौरा", "{x} का दौरा"),
    },
    ("CONSULT", "host"): {
        "en": ("hosts", "hosts {x}"),
        "ur": ("میزبانی", "{x} کی میزبانی"),
        "hi": ("मेज़बानी", "{x} की मेज़बानी"),
    },
    ("CONSULT", "meet"): {
        "en": ("meeting", "meets {x}"),
        "ur": ("ملاقات", "{x} سے ملاقات"),
        "hi": ("मुलाकात", "{x} से मुलाकात"),
    },
    ("CONSULT", "phone"): {
        "en": ("phone call", "calls {x}"),
        "ur": ("فون پر بات", "{x} سے فون پر بات"),
        "hi": ("फ़ोन पर बात", "{x} से फ़ोन पर बात"),
    },
    ("CONSULT", "multilateral"): {
        "en": ("multilateral talks", "multilateral talks with {x}"),
        "ur": ("کثیر فریقی مذاکرات", "{x} کے ساتھ کثیر فریقی مذاکرات"),
        "hi": ("बहुपक्षीय वार्ता", "{x} के साथ बहुपक्षीय वार्ता"),
    },
    ("CONSULT", "discuss"): {
        "en": ("talks", "talks with {x}"),
        "ur": ("بات چیت", "{x} سے بات چیت"),
        "hi": ("बातचीत", "{x} से बातचीत"),
    },
    ("AGREE", "intent"): {
        "en": ("intent to cooperate", "intent to cooperate with {x}"),
        "ur": ("تعاون کا ارادہ", "{x} سے تعاون کا ارادہ"),
        "hi": ("सहयोग का इरादा", "{x} से सहयोग का इरादा"),
    },
    ("AGREE", "sign"): {
        "en": ("signs an agreement", "signs an agreement with {x}"),
        "ur": ("معاہدے پر دستخط", "{x} کے ساتھ معاہدے پر دستخط"),
        "hi": ("समझौते पर हस्ताक्षर", "{x} के साथ समझौते पर हस्ताक्षर"),
    },
    ("ACCUSE", None): {
        "en": ("accusation", "accuses {x}"),
        "ur": ("الزام", "{x} پر الزام"),
        "hi": ("आरोप", "{x} पर आरोप"),
    },
    ("REJECT", None): {
        "en": ("denial", "rejects claims by {x}"),
        "ur": ("تردید", "{x} کے الزامات کی تردید"),
        "hi": ("खंडन", "{x} के आरोपों का खंडन"),
    },
}
#: Any other type: (English verb phrase, Urdu noun, Hindi noun).
TYPE_WORDS: dict[str, tuple[str, str, str]] = {
    "AGREE": ("agrees", "اتفاق", "सहमति"),
    "CONSULT": ("consults", "مشاورت", "परामर्श"),
    "SUPPORT": ("supports", "حمایت", "समर्थन"),
    "COOPERATE": ("cooperates", "تعاون", "सहयोग"),
    "AID": ("aid", "امداد", "सहायता"),
    "CONCEDE": ("concedes", "رعایت", "रियायत"),
    "RETREAT": ("retreats", "پسپائی", "वापसी"),
    "REQUEST": ("requests", "درخواست", "अनुरोध"),
    "DEMAND": ("demands", "مطالبہ", "मांग"),
    "THREATEN": ("threatens", "دھمکی", "धमकी"),
    "PROTEST": ("protests", "احتجاج", "विरोध"),
    "SANCTION": ("sanctions", "پابندی", "प्रतिबंध"),
    "MOBILIZE": ("mobilizes", "تعیناتی", "तैनाती"),
    "COERCE": ("coerces", "کارروائی", "कार्रवाई"),
    "ASSAULT": ("attacks", "حملہ", "हमला"),
}
_MARKS = {
    "planned": {"en": " (planned)", "ur": " (متوقع)", "hi": " (संभावित)"},
    "negated": {"en": "no {text}", "ur": "{text} نہیں", "hi": "{text} नहीं"},
}
_SCRIPTS = {"ur": "Arab", "hi": "Deva"}
_SEP = {"en": "; ", "ur": "؛ ", "hi": "; "}
_AND = {"en": ", ", "ur": "، ", "hi": ", "}
_DOCS = {"en": ("document", "documents"), "ur": ("دستاویز", "دستاویزات"), "hi": ("दस्तावेज़", "दस्तावेज़")}


def name_in(entity: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """``entity`` as a reader of ``lang`` writes it: the KB's first spelling in that language, its
    label, else the spelling a page used."""
    found = load_kb().get(entity)
    if found is None:
        return (names or {}).get(entity) or entity.removeprefix("u:")
    if lang in _SCRIPTS:
        spelled = found.aliases.get(_SCRIPTS[lang]) or []
        if spelled:
            return spelled[0]
    return found.label


def lead_party(events: Sequence[Mapping[str, Any]]) -> str | None:
    """Who a happening is told about: the person (else any party) acting in most of its events,
    the smallest id among equals (not the first seen: the events' order follows their ids, which
    follow where the documents were read from)."""
    counts: Counter[str] = Counter(actor for ev in events for actor in ev.get("actors", []))
    if not counts:
        return None
    return min(counts, key=lambda p: (is_place(p), -counts[p], p))


def facet_key(event: Mapping[str, Any]) -> tuple[int, str, str]:
    """Sort key of an event in a line: :data:`FACET_ORDER`, then type."""
    mode = event.get("mode") or ""
    rank = FACET_ORDER.index(mode) if mode in FACET_ORDER else len(FACET_ORDER)
    return (rank, event.get("type", ""), mode)


def line(
    date: str | None,
    place: str | None,
    events: Sequence[Mapping[str, Any]],
    languages: Sequence[str],
    documents: int,
    lang: str = "en",
    names: Mapping[str, str] | None = None,
) -> str:
    """The readable line of a happening for a reader of ``lang``."""
    lead = lead_party(events)
    said: set[str] = {lead} if lead else set()
    phrases: list[str] = []
    for ev in sorted(events, key=_told_order):
        text = _phrase(ev, lead, said, lang, names)
        if text and text not in phrases:
            phrases.append(text)
    # What happened is said once, plainly, whichever of its mentions came first.
    phrases = [p for p in phrases if not (p.endswith(_MARKS["planned"][lang]) and _fact(p, phrases, lang))]
    head = [x for x in (date, name_in(place, lang, names) if place else None) if x]
    who = _lead_text(lead, date, lang, names) if lead else ""
    body = _SEP[lang].join(phrases)
    if who:
        body = f"{who} {body}" if lang == "en" else f"{who}: {body}"
    one, many = _DOCS[lang]
    tail = f"{documents} {one if documents == 1 else many}{_AND[lang]}{' + '.join(languages)}"
    return " · ".join([*head, body]) + f" — {tail}"


def _told_order(event: Mapping[str, Any]) -> tuple[object, ...]:
    """The order a line tells its events in: :func:`facet_key`, then the parties, so that it
    never depends on the order the events came in."""
    return (*facet_key(event), tuple(event.get("actors", [])), tuple(event.get("recipients", [])))


def _fact(planned: str, phrases: list[str], lang: str) -> bool:
    return planned.removesuffix(_MARKS["planned"][lang]) in phrases


def _day(date: str | None) -> str | None:
    return date if date and not date.startswith("X") else None


def _lead_text(lead: str, date: str | None, lang: str, names: Mapping[str, str] | None) -> str:
    state = state_of(lead, _day(date))
    text = name_in(lead, lang, names)
    if state and state != lead and not is_place(lead):
        text += f" ({name_in(state, lang)})"
    return text


def _phrase(
    ev: Mapping[str, Any], lead: str | None, said: set[str], lang: str, names: Mapping[str, str] | None
) -> str:
    kind, mode = ev.get("type", ""), ev.get("mode")
    actors, recipients = list(ev.get("actors", [])), list(ev.get("recipients", []))
    if mode == "visit" and any(is_place(r) for r in recipients):
        recipients = [r for r in recipients if is_place(r)]  # the destination, not the host
    # The lead's side: the lead and the state the lead acts for ("Russia and North Korea signed").
    side = {lead, state_of(lead, _day(ev.get("date")))} if lead else set()
    others = [p for p in (recipients or actors) if p not in said and p not in side]
    said.update(others)
    x = _AND[lang].join(name_in(p, lang, names) for p in others)
    table = PHRASES.get((kind, mode)) or PHRASES.get((kind, None))
    if table:
        bare, with_x = table[lang]
        text = with_x.format(x=x) if x else bare
    else:
        en, ur, hi = TYPE_WORDS.get(kind, (kind.lower(), kind.lower(), kind.lower()))
        word = {"en": en, "ur": ur, "hi": hi}[lang]
        text = (f"{word} {x}" if lang == "en" else f"{word} ({x})") if x else word
    if lead and actors and not side & set(actors):
        who = _AND[lang].join(name_in(a, lang, names) for a in actors if a not in said or a == actors[0])
        text = f"{who}: {text}" if who else text
    flags = ev.get("flags", {})
    if flags.get("negated"):
        text = _MARKS["negated"][lang].format(text=text)
    elif flags.get("hypothetical") or flags.get("future"):
        text += _MARKS["planned"][lang]
    return text
