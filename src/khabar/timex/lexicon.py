"""Words of time for Urdu, Hindi and English, as data: months, weekdays, numbers, units, deixis.

Every table maps a surface form (as written; the tagger folds it the way it folds text) to its
meaning. Urdu and Hindi share one grammar, so most tables hold both scripts side by side.
Spellings come from the seed pages, the ILTIMEX Hindi news and common newspaper usage
(Jang, Express, Dainik Jagran, Navbharat Times).
"""

from __future__ import annotations

_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_UR_MONTHS = [
    "جنوری",
    "فروری",
    "مارچ",
    "اپریل",
    "مئی",
    "جون",
    "جولائی",
    "اگست",
    "ستمبر",
    "اکتوبر",
    "نومبر",
    "دسمبر",
]
_HI_MONTHS = ["जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"]

#: Month name -> month number.
MONTHS: dict[str, int] = {
    **{m: i for i, m in enumerate(_EN_MONTHS, start=1)},
    **{m[:3]: i for i, m in enumerate(_EN_MONTHS, start=1) if m not in ("may",)},
    "sept": 9,
    **{m: i for i, m in enumerate(_UR_MONTHS, start=1)},
    "مئ": 5,
    "جولائ": 7,
    "اپریل": 4,
    **{m: i for i, m in enumerate(_HI_MONTHS, start=1)},
    "फरवरी": 2,
    "अप्रेल": 4,
    "सितम्बर": 9,
    "अक्तूबर": 10,
    "नवम्बर": 11,
    "दिसम्बर": 12,
    "जुलाय": 7,
}
#: English month names that are also common words; alone (without a day or year) they are
#: not dates ("may", "march").
AMBIGUOUS_BARE_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "aug", "dec", "sep", "oct", "nov"})

#: Weekday name -> ISO weekday index (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "پیر": 0,
    "سوموار": 0,
    "منگل": 1,
    "بدھ": 2,
    "بد ھ": 2,  # seed 003 splits the word
    "جمعرات": 3,
    "جمعہ": 4,
    "ہفتہ": 5,
    "ہفتے": 5,
    "سنیچر": 5,
    "اتوار": 6,
    "सोमवार": 0,
    "मंगलवार": 1,
    "बुधवार": 2,
    "गुरुवार": 3,
    "गुरूवार": 3,
    "बृहस्पतिवार": 3,
    "वीरवार": 3,
    "शुक्रवार": 4,
    "शनिवार": 5,
    "रविवार": 6,
    "इतवार": 6,
    "मंडे": 0,
    "संडे": 6,
}
#: Urdu weekday names that are also ordinary words (پیر "saint, foot", ہفتہ "week"): they count
#: as weekdays only before a postposition or a part of the day ("ہفتے کو", "پیر کی صبح").
AMBIGUOUS_WEEKDAYS = frozenset({"پیر", "ہفتہ", "ہفتے"})

#: Number words -> value.
NUMBERS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "ایک": 1,
    "دو": 2,
    "تین": 3,
    "چار": 4,
    "پانچ": 5,
    "چھ": 6,
    "چھے": 6,
    "سات": 7,
    "آٹھ": 8,
    "نو": 9,
    "دس": 10,
    "گیارہ": 11,
    "بارہ": 12,
    "پندرہ": 15,
    "بیس": 20,
    "تیس": 30,
    "پچاس": 50,
    "سو": 100,
    "ڈیڑھ": 1.5,
    "ڈھائی": 2.5,
    "एक": 1,
    "दो": 2,
    "तीन": 3,
    "चार": 4,
    "पांच": 5,
    "पाँच": 5,
    "छह": 6,
    "छः": 6,
    "छै": 6,
    "सात": 7,
    "आठ": 8,
    "नौ": 9,
    "दस": 10,
    "ग्यारह": 11,
    "बारह": 12,
    "पंद्रह": 15,
    "बीस": 20,
    "पच्चीस": 25,
    "तीस": 30,
    "चालीस": 40,
    "पचास": 50,
    "सौ": 100,
    "डेढ़": 1.5,
    "ढाई": 2.5,
}
#: Vague quantities ("a few", "several") -> how they are written in an ISO duration ("X").
VAGUE_NUMBERS = frozenset(
    {"few", "several", "many", "some", "کچھ", "کئی", "چند", "متعدد", "کافی", "कुछ", "कई", "अनेक", "चंद", "काफी"}
)
#: Vague spans of time ("کچھ عرصہ", "कुछ समय", "a long time"): a quantifier, then a time noun.
VAGUE_SPAN_HEADS = ("کچھ", "کافی", "طویل", "थोड़े", "थोड़ी", "कुछ", "काफी", "लंबे", "लम्बे", "long", "some")
VAGUE_SPAN_NOUNS = ("عرصہ", "عرصے", "عرصے تک", "دیر", "وقت", "समय", "वक्त", "अरसे", "अरसा", "time", "while")
#: Seasons -> TIMEX3 code. Hindi/Urdu singular गर्मी / سردی also mean "heat" / "cold": only the
#: plural (गर्मियों "in the summers") and the موسم ("season of") forms count.
SEASONS: dict[str, str] = {
    "सर्दियों": "WI",
    "सर्दियां": "WI",
    "जाड़े": "WI",
    "गर्मियों": "SU",
    "गर्मियां": "SU",
    "سردیوں": "WI",
    "موسم سرما": "WI",
    "گرمیوں": "SU",
    "موسم گرما": "SU",
    "موسم بہار": "SP",
    "موسم خزاں": "FA",
    "winter": "WI",
    "summer": "SU",
    "spring": "SP",
    "autumn": "FA",
}
#: Modifiers after "<month> کے / के": the span keeps them ("جون کے اوائل", "इस महीने के अंत").
MONTH_MODIFIERS = ("اوائل", "آخر", "اواخر", "وسط", "شروع", "आखिर", "अंत", "शुरू", "शुरुआत", "मध्य", "आरंभ")

#: Unit words -> unit (day, week, month, year, decade, century, hour, minute).
UNITS: dict[str, str] = {
    **dict.fromkeys(("day", "days"), "day"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
    **dict.fromkeys(("year", "years"), "year"),
    **dict.fromkeys(("decade", "decades"), "decade"),
    **dict.fromkeys(("century", "centuries"), "century"),
    **dict.fromkeys(("hour", "hours"), "hour"),
    **dict.fromkeys(("minute", "minutes"), "minute"),
    **dict.fromkeys(("دن", "دنوں", "روز", "یوم"), "day"),
    **dict.fromkeys(("ہفتے", "ہفتہ", "ہفتوں", "ہفتۂ"), "week"),
    **dict.fromkeys(("ماہ", "مہینے", "مہینہ", "مہینوں", "ماہ"), "month"),
    **dict.fromkeys(("سال", "سالوں", "برس", "برسوں"), "year"),
    **dict.fromkeys(("دہائی", "دہائیوں", "عشرے", "عشرہ", "عشروں"), "decade"),
    **dict.fromkeys(("صدی", "صدیوں"), "century"),
    **dict.fromkeys(("گھنٹے", "گھنٹہ", "گھنٹوں"), "hour"),
    **dict.fromkeys(("منٹ", "منٹوں"), "minute"),
    **dict.fromkeys(("दिन", "दिनों", "रोज"), "day"),
    **dict.fromkeys(("हफ़्ते", "हफ़्ता", "हफ़्तों", "सप्ताह", "सप्ताहों", "हफते"), "week"),
    **dict.fromkeys(("महीने", "महीना", "महीनों", "माह", "मास"), "month"),
    **dict.fromkeys(("साल", "सालों", "वर्ष", "वर्षों", "बरस", "बरसों"), "year"),
    **dict.fromkeys(("दशक", "दशकों"), "decade"),
    **dict.fromkeys(("सदी", "सदियों", "शताब्दी"), "century"),
    **dict.fromkeys(("घंटे", "घंटा", "घंटों"), "hour"),
    **dict.fromkeys(("मिनट", "मिनटों"), "minute"),
}
#: ISO 8601 duration letter of each unit, and whether it belongs after "T".
UNIT_ISO: dict[str, tuple[str, bool]] = {
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "hour": ("H", True),
    "minute": ("M", True),
}

#: Words after "N units" that make it a point in the past ("تین ماہ قبل", "three months ago").
BEFORE_WORDS = ("قبل", "پہلے", "پیشتر", "पहले", "पूर्व", "ago", "earlier", "before")
#: ... or in the future ("دو دن بعد", "दो दिन बाद", "two days later").
AFTER_WORDS = ("بعد", "کے بعد", "बाद", "के बाद", "later", "after", "hence")

#: Deictic modifiers: "last/previous", "this/current", "next/coming".
LAST_WORDS = (
    "گزشتہ",
    "گذشتہ",
    "پچھلے",
    "پچھلی",
    "پچھلا",
    "पिछले",
    "पिछली",
    "पिछला",
    "गत",
    "last",
    "past",
    "previous",
)
THIS_WORDS = ("اس", "رواں", "موجودہ", "इस", "इसी", "चालू", "वर्तमान", "this", "current")
NEXT_WORDS = (
    "اگلے",
    "اگلی",
    "اگلا",
    "آئندہ",
    "آنے والے",
    "अगले",
    "अगली",
    "अगला",
    "आगामी",
    "आने वाले",
    "next",
    "coming",
)

#: Day words -> offset from the anchor day. کل/कल are both yesterday and tomorrow: the tagger
#: marks them with ``None`` and the resolver reads the tense.
DAY_WORDS: dict[str, int | None] = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "آج": 0,
    "کل": None,
    "پرسوں": None,
    "گزشتہ روز": -1,
    "گذشتہ روز": -1,
    "گزشتہ شب": -1,
    "گذشتہ شب": -1,
    "آئندہ روز": 1,
    "आज": 0,
    "कल": None,
    "परसों": None,
    "बीते दिन": -1,
}
#: The day words above that mean one day or the other by tense -> how many days away.
AMBIGUOUS_DAY_WORDS: dict[str, int] = {"کل": 1, "پرسوں": 2, "कल": 1, "परसों": 2}
#: Parts of the day -> TIMEX3 code.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "صبح": "MO",
    "سویرے": "MO",
    "دوپہر": "AF",
    "سہ پہر": "AF",
    "شام": "EV",
    "رات": "NI",
    "شب": "NI",
    "सुबह": "MO",
    "सवेरे": "MO",
    "प्रातः": "MO",
    "दोपहर": "AF",
    "शाम": "EV",
    "संध्या": "EV",
    "रात": "NI",
    "देर रात": "NI",
    "तड़के": "MO",
    "भोर": "MO",
    "علی الصبح": "MO",
    "आधी रात": "NI",
    "मध्यरात्रि": "NI",
}
#: Urdu شام is also Syria ("شام میں" = in Syria): alone it is a time only before کو / کے وقت.
SYRIA_AMBIGUOUS = frozenset({"شام"})

#: Postpositions and words that follow a date or weekday and belong to the expression.
DATE_TAILS = ("کے روز", "کے دن", "کو", "को", "के दिन", "के रोज")

#: Set ("every …") words: a quantifier before a unit, or a single adverb -> unit.
EVERY_WORDS = ("ہر", "हर", "प्रति", "every", "each")
SET_ADVERBS: dict[str, str] = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "روزانہ": "day",
    "ہفتہ وار": "week",
    "ماہانہ": "month",
    "سالانہ": "year",
    "रोज": "day",
    "रोजाना": "day",
    "रोज़ाना": "day",
    "प्रतिदिन": "day",
    "दैनिक": "day",
    "साप्ताहिक": "week",
    "मासिक": "month",
    "सालाना": "year",
    "वार्षिक": "year",
}

#: Vague references -> TIMEX3 value ("nowadays", "at that time", "in the coming time").
VAGUE_REFS: dict[str, str] = {
    "nowadays": "PRESENT_REF",
    "now": "PRESENT_REF",
    "recently": "PAST_REF",
    "آج کل": "PRESENT_REF",
    "ان دنوں": "PRESENT_REF",
    "حال ہی میں": "PAST_REF",
    "ماضی": "PAST_REF",
    "مستقبل": "FUTURE_REF",
    "आजकल": "PRESENT_REF",
    "इन दिनों": "PRESENT_REF",
    "इस समय": "PRESENT_REF",
    "इस वक्त": "PRESENT_REF",
    "फिलहाल": "PRESENT_REF",
    "उस समय": "PAST_REF",
    "उस वक्त": "PAST_REF",
    "उन दिनों": "PAST_REF",
    "उस दिन": "PAST_REF",
    "उस रात": "PAST_REF",
    "पिछले दिनों": "PAST_REF",
    "हाल ही में": "PAST_REF",
    "अतीत": "PAST_REF",
    "कुछ समय पहले": "PAST_REF",
    "कुछ दिन पहले": "PAST_REF",
    "भविष्य": "FUTURE_REF",
    "आने वाले समय": "FUTURE_REF",
    "आने वाले दिनों": "FUTURE_REF",
    "लंबे समय": "PAST_REF",
}

#: Named days whose date the grammar does not compute (lunar and solar festivals): tagged, left
#: unresolved.
FESTIVALS = (
    "दीपावली",
    "दिवाली",
    "होली",
    "दशहरा",
    "क्रिसमस",
    "ईद",
    "नवरात्र",
    "नवरात्रि",
    "रक्षाबंधन",
    "छठ",
    "दीवाली",
    "عید",
    "عید الفطر",
    "عید الاضحی",
    "دیوالی",
    "ہولی",
    "کرسمس",
    "رمضان",
    "christmas",
    "diwali",
    "eid",
)

#: Time-zone abbreviations a South Asian page uses -> UTC offset (IST is India, not Israel).
TIME_ZONES: dict[str, str] = {
    "ist": "+05:30",
    "pkt": "+05:00",
    "kst": "+09:00",
    "gmt": "+00:00",
    "utc": "+00:00",
    "bst": "+06:00",
    "npt": "+05:45",
    "msk": "+03:00",
    "ict": "+07:00",
    "edt": "-04:00",
    "est": "-05:00",
}
#: "o'clock" words: "۶ بجے", "6 बजे".
OCLOCK_WORDS = ("بجے", "بجکر", "बजे", "बजकर", "o'clock", "oclock")

#: Future-tense markers of a clause (Urdu/Hindi verb endings and auxiliaries, English modals).
FUTURE_MARKERS_UR = ("گا", "گی", "گے", "ہوگا", "ہوگی", "ہوں گے", "جائے گا", "کریں گے")
FUTURE_SUFFIXES_HI = (
    "ेगा",
    "ेगी",
    "ेंगे",
    "ेंगी",
    "ूंगा",
    "ूंगी",
    "ोगे",
    "ोगी",
    "ोगा",
    "ोंगे",
    "ोंगी",
    "एगा",
    "एगी",
    "एंगे",
    "एंगी",
    "ाएगा",
    "ाएंगे",
)
FUTURE_WORDS_EN = ("will", "shall", "'ll", "going to", "to be held", "scheduled")
