"""Urdu/Hindi role reading beyond the seed pages: common nouns as arguments (never parties), agent markers,
passives, content of demands and charges, purposes, statements to the press (hand-written
sentences, documents built by hand so no model is needed)."""

from __future__ import annotations

from khabar.document import Document, Event, Mention, Segment, Source
from khabar.stages.events import code_events


def _events(text: str, lang: str, mentions: tuple[tuple[str, str, str], ...] = ()) -> list[Event]:
    doc = Document(source=Source(uri="test:" + text[:10], kind="txt"), raw=text, text=text, lang=lang)
    doc.segments = [Segment(0, len(text), "body", lang)]
    for surface, label, entity in mentions:
        start = text.index(surface)
        doc.mentions.append(Mention(start, start + len(surface), label, entity, 1.0, surface, entity))
    doc.mentions.sort(key=lambda m: m.start)
    return [e for e in code_events(doc).events if not (e.future or e.hypothetical or e.negated)]


def test_common_nouns_act_and_receive() -> None:
    (event,) = _events("पुलिस ने चार लोगों को गिरफ्तार किया।", "hi")
    assert event.type == "COERCE" and event.actor_nouns == ["पुलिस"] and event.recipient_nouns == ["लोगों"]
    assert event.actors == [] and event.recipients == []  # common nouns are text, never parties


def test_coordinated_nouns_and_a_state_adjective() -> None:
    (event,) = _events("کینیڈا میں طلباء و طالبات نے اسرائیلی مصنوعات کا بائیکاٹ کیا۔", "ur")
    assert event.type == "SANCTION"
    assert event.actor_nouns == ["طلباء و طالبات"] and event.actors == []
    assert event.recipients == ["loc:israel"]


def test_agent_marker_acts() -> None:
    text = "सुप्रीम कोर्ट द्वारा सुनवाई से इनकार किया गया।"
    (event,) = _events(text, "hi", (("सुप्रीम कोर्ट", "ORG", "u:supreme-court"),))
    assert event.type == "REJECT" and event.actors == ["u:supreme-court"]


def test_agentless_passive_codes_nothing() -> None:
    assert _events("33 افسران کو گرفتار کیا گیا۔", "ur") == []
    assert _events("चार लोगों को गिरफ्तार किया गया।", "hi") == []


def test_what_is_demanded_is_not_an_event() -> None:
    events = _events("پیپلز پارٹی نے وسیع تر مشاورت کا مطالبہ کیا۔", "ur", (("پیپلز پارٹی", "ORG", "u:ppp"),))
    assert [e.type for e in events] == ["DEMAND"]


def test_what_a_charge_holds_is_not_an_event() -> None:
    text = "فورسز نے حملوں کی منصوبہ بندی کے الزام میں 88 افراد کو گرفتار کر لیا۔"
    assert [e.type for e in _events(text, "ur")] == ["COERCE"]


def test_purpose_and_plans_are_hypothetical() -> None:
    assert _events("उसने हत्या को अंजाम देने के लिए शूटरों को बुलाया।", "hi") == []
    assert _events("گروہ نے حملے کی منصوبہ بندی کی۔", "ur") == []


def test_talking_to_the_press_is_no_consultation() -> None:
    text = "وزیر نے صحافیوں سے گفتگو کرتے ہوئے کہا کہ بجٹ منظور ہوگا۔"
    assert [e for e in _events(text, "ur") if e.type == "CONSULT"] == []


def test_the_accused_is_the_subject_of_the_allegation() -> None:
    (event,) = _events("याचिकाकर्ता ने आरोप लगाया कि उसके बेटे ने मारपीट की।", "hi")
    assert event.type == "ACCUSE" and event.recipient_nouns == ["बेटे"] and event.recipients == []


def test_a_pronoun_subject_refers_to_the_last_sentence() -> None:
    text = "وزیراعظم نواز شریف نے امداد کو سراہا۔ انہوں نے یہ بات سفیر سے گفتگو کرتے ہوئے کہی۔"
    events = _events(text, "ur", (("نواز شریف", "PERSON", "per:nawaz-sharif"),))
    consult = [e for e in events if e.type == "CONSULT"]
    assert consult and consult[0].actors == ["per:nawaz-sharif"]


def test_a_display_is_not_a_protest() -> None:
    assert [e for e in _events("ٹیم نے عمدہ بیٹنگ کا مظاہرہ کیا۔", "ur") if e.type == "PROTEST"] == []
    (event,) = _events("مظاہرین نے حکومت کے خلاف مظاہرہ کیا۔", "ur")
    assert event.type == "PROTEST"


def test_year_less_dates_take_the_year_of_the_pages_dated_events() -> None:
    from khabar.document import Event
    from khabar.events.dating import fill_years

    def event(time: str, precision: str) -> Event:
        return Event("CONSULT", 0, 1, 0, 1, time=time, time_precision=precision)

    events = [
        event("2024-09-13", "day"),
        event("XXXX-09-14", "day"),
        event("XXXX-06", "month"),
        event("XXXX-12-30", "day"),
    ]
    fill_years(events)
    assert [e.time for e in events] == ["2024-09-13", "2024-09-14", "2024-06", "2023-12-30"]
    assert events[1].time_source == "document"
    undated = [event("XXXX-09-14", "day")]
    fill_years(undated)
    assert undated[0].time == "XXXX-09-14"  # nothing to anchor on: the year stays unknown
