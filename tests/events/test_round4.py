"""Fourth-round event rules (issue 13 item 8), on sentences written for these tests: habits and
stances, relief work, declarations, reported clauses, objects before subjects, what a refusal
refuses, and requests reported with "کہا/कहा"."""

from __future__ import annotations

from khabar.document import Event
from tests.events.test_open_world import _coded, _happened


def _types(events: list[Event]) -> list[str]:
    return [e.type for e in _happened(events)]


def test_a_singular_habit_is_no_event() -> None:
    assert _types(_coded("यह संगठन हर तरह की सेंसरशिप का विरोध करता है।", "hi")) == []
    assert "PROTEST" in _types(_coded("किसानों ने सोमवार को कलेक्ट्रेट पर विरोध प्रदर्शन किया।", "hi"))


def test_relief_work_without_a_giving_verb_is_no_aid() -> None:
    assert "AID" not in _types(_coded("فوج کے جوان امدادی کاموں میں حصہ لے رہے ہیں۔", "ur"))
    events = _happened(_coded("ضلعی انتظامیہ نے متاثرین میں امدادی سامان تقسیم کیا۔", "ur"))
    assert [e.type for e in events] == ["AID"]


def test_thanks_for_aid_is_not_aid() -> None:
    text = "وزیر اعلیٰ نے جاپانی امداد پر شکریہ ادا کیا۔"
    assert "AID" not in _types(_coded(text, "ur"))


def test_declared_guilty_is_no_agreement() -> None:
    events = _coded("अदालत ने ठेकेदार को धोखाधड़ी का दोषी करार दिया।", "hi")
    assert "AGREE" not in _types(events)


def test_the_speaker_of_a_reported_clause_did_not_act() -> None:
    text = "ضلعی افسر نے بتایا شہر کے بازار میں ایک دکاندار کو قتل کر دیا گیا۔"
    assert _types(_coded(text, "ur")) == []
    fused = "ترجمان نے کہاکہ کسانوں نے ضلعی دفتر کے باہر احتجاج کیا۔"
    events = _happened(_coded(fused, "ur"))
    assert [e.actor_nouns for e in events if e.type == "PROTEST"] == [["کسانوں"]]


def test_an_object_before_the_subject_is_the_recipient() -> None:
    events = _happened(_coded("चोरी के तीन आरोपियों को पुलिस ने गिरफ्तार कर लिया।", "hi"))
    assert [(e.type, e.recipient_nouns) for e in events] == [("COERCE", ["आरोपियों"])]


def test_a_refusal_refuses_the_owner_of_what_is_refused() -> None:
    mentions = (("सुनीता", "PERSON", "u:sunita"),)
    events = _happened(_coded("सुनीता की पेशकश को मंत्री ने ठुकरा दिया।", "hi", mentions))
    assert [(e.type, e.actor_nouns, e.recipients) for e in events] == [("REJECT", ["मंत्री"], ["u:sunita"])]


def test_said_to_somebody_to_do_something_is_a_request() -> None:
    mentions = (("رضوان", "PERSON", "u:rizwan"),)
    text = "رضوان نے تاجروں سے کہا کہ وہ ہڑتال ختم کریں تاہم تاجروں نے یہ بات نہیں مانی۔"
    events = _happened(_coded(text, "ur", mentions))
    assert ("REQUEST", ["u:rizwan"]) in [(e.type, e.actors) for e in events]
    text = "मंत्री ने अधिकारियों से सड़क की मरम्मत जल्द पूरी करने के लिए कहा।"
    assert "REQUEST" in _types(_coded(text, "hi"))
    # A statement with no addressee and no subjunctive is no request.
    assert "REQUEST" not in _types(_coded("رضوان نے کہا کہ حالات بہتر ہو رہے ہیں۔", "ur", mentions))
    assert "REQUEST" not in _types(_coded("उन्होंने कहा कि सरकार की कोशिशें जारी हैं।", "hi"))


def test_a_meeting_told_object_first() -> None:
    text = "وزیر تعلیم سے صوبائی اساتذہ تنظیم کے صدر نے لاہور میں ملاقات کی۔"
    events = _happened(_coded(text, "ur"))
    assert [e.type for e in events] == ["CONSULT"] and (events[0].recipients or events[0].recipient_nouns)


def test_answers_and_allegations_that_arose_are_no_accusations() -> None:
    text = "وزیر داخلہ نے اپوزیشن لیڈر کے الزامات کے جواب میں تقریر کی۔"
    assert "ACCUSE" not in _types(_coded(text, "ur"))
    assert "ACCUSE" not in _types(_coded("नकल का आरोप लगने के बाद परीक्षा रद्द कर दी गई।", "hi"))


def test_a_probe_report_is_no_probe() -> None:
    assert _types(_coded("नगर निगम के पास जांच रिपोर्ट आ गई है।", "hi")) == []


def test_the_ergative_after_a_nominal_trigger_acts() -> None:
    mentions = (("लश्कर", "ORG", "u:lashkar"),)
    text = "पुलिस अधिकारी ने बताया कि यह हमला लश्कर के स्थानीय गुट के सदस्यों ने अंजाम दिया था।"
    events = _happened(_coded(text, "hi", mentions))
    assert [(e.type, e.actors) for e in events] == [("ASSAULT", ["u:lashkar"])]


def test_the_source_of_a_report_does_not_act() -> None:
    events = _happened(_coded("पुलिस के मुताबिक दुकानदार ने रंगदारी देने से इनकार कर दिया था।", "hi"))
    assert [e.actor_nouns for e in events] == [["दुकानदार"]]


def test_a_nominal_trigger_is_never_its_own_actor() -> None:
    # Before the fix "الزام نے" coded an accusation whose actor was the word "الزام" itself.
    assert _coded("الزام نے", "ur") == []
    assert _coded("आरोप आरोप ने", "hi") == []
    events = _happened(_coded("یہ حملہ مسلح افراد نے کیا۔", "ur"))
    assert [(e.type, e.actor_nouns) for e in events] == [("ASSAULT", ["افراد"])]


def test_who_had_to_act_acts() -> None:
    """"X को … करना पड़ा" / "X کو … کرنا پڑا": the dative subject of a compulsion is the actor."""
    for text, lang, kind, actor in (
        ("हालात बिगड़ने पर पुलिस को भीड़ पर लाठीचार्ज करना पड़ा।", "hi", "COERCE", "पुलिस"),
        ("حالات خراب ہونے پر پولیس کو مظاہرین پر لاٹھی چارج کرنا پڑا۔", "ur", "COERCE", "پولیس"),
        ("विवाद सुलझाने के लिए मुख्यमंत्री को किसानों से बातचीत करनी पड़ी।", "hi", "CONSULT", "मुख्यमंत्री"),
    ):
        events = [e for e in _happened(_coded(text, lang)) if e.type == kind]
        assert events, text
        assert [actor] in ([e.actor_nouns for e in events] + [e.actor_text for e in events]), events
    # Without the compulsion, the dative is who is acted on, as before.
    plain = _happened(_coded("पुलिस ने प्रदर्शनकारियों को गिरफ्तार किया।", "hi"))
    assert [e.actor_nouns for e in plain if e.type == "COERCE"] == [["पुलिस"]]


def test_who_aid_is_for_is_its_recipient() -> None:
    """"X کے لیے امداد" / "X के लिए सहायता": the party aid is for receives it, and does not act."""
    mentions = (("جرمنی", "LOC", "loc:germany"), ("افغانستان", "LOC", "loc:afghanistan"))
    text = "جرمنی نے افغانستان کے لیے مالی امداد کی منظوری دے دی۔"
    [aid] = [e for e in _happened(_coded(text, "ur", mentions)) if e.type == "AID"]
    assert (aid.actors, aid.recipients) == (["loc:germany"], ["loc:afghanistan"])
    hi = (("जापान", "LOC", "loc:japan"), ("नेपाल", "LOC", "loc:nepal"))
    text = "जापान ने भूकंप के बाद नेपाल के लिए राहत सामग्री और आर्थिक सहायता दी।"
    [aid] = [e for e in _happened(_coded(text, "hi", hi)) if e.type == "AID"]
    assert (aid.actors, aid.recipients) == (["loc:japan"], ["loc:nepal"])
