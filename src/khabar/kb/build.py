"""Generate ``data/countries.tsv`` (countries and capitals) from CLDR names, once, by hand.

Run ``khabar kb build`` after editing the tables below; the generated file is
reviewed and shipped, so nothing here runs at run time. Build-time needs: ``babel`` (CLDR
territory and time-zone city names in English, Urdu and Hindi) and ``pycountry`` (the ISO
3166-1 list), both in the ``dev`` extra.

CLDR gaps are filled from :data:`EXTRA_ALIASES` (the usual Urdu and Hindi press spellings,
"امریکہ", "ڈی پی آر کے", "अमेरिका"), capitals from :data:`CAPITALS` with their city names
taken from CLDR's time-zone exemplar cities where a capital is one, and from
:data:`CAPITAL_ALIASES` otherwise. QIDs are listed only where known for certain.
"""

from __future__ import annotations

import re
from pathlib import Path

from khabar.kb.loader import COLUMNS, write_tsv

OUT = Path(__file__).parent / "data" / "countries.tsv"

#: Wikidata ids known for certain (country or city).
QIDS = {
    "RU": "Q159",
    "KP": "Q423",
    "KR": "Q884",
    "US": "Q30",
    "UA": "Q212",
    "IN": "Q668",
    "PK": "Q843",
    "CN": "Q148",
    "IR": "Q794",
    "GB": "Q145",
    "FR": "Q142",
    "DE": "Q183",
    "JP": "Q17",
    "IT": "Q38",
    "CA": "Q16",
    "BR": "Q155",
    "AU": "Q408",
    "MX": "Q96",
    "TR": "Q43",
    "SA": "Q851",
    "AR": "Q414",
    "ZA": "Q258",
    "ID": "Q252",
    "AF": "Q889",
    "BD": "Q902",
    "IL": "Q801",
    "EG": "Q79",
    "ES": "Q29",
    "VN": "Q881",
    "LK": "Q854",
    "NP": "Q837",
    "Moscow": "Q649",
    "Pyongyang": "Q18808",
    "Seoul": "Q8684",
    "Beijing": "Q956",
    "London": "Q84",
    "Paris": "Q90",
    "Berlin": "Q64",
    "Tokyo": "Q1490",
    "Washington, D.C.": "Q61",
    "New Delhi": "Q987",
    "Islamabad": "Q1362",
    "Kyiv": "Q1899",
    "Tehran": "Q3616",
}

#: Aliases CLDR lacks: ISO code -> (Latin, Urdu, Hindi) extra names.
EXTRA_ALIASES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "US": (
        ["US", "USA", "U.S.", "U.S.A.", "America", "United States of America"],
        ["امریکہ", "امریکا", "ریاستہائے متحدہ امریکہ", "ریاستہائے متحدہ", "یو ایس اے"],
        ["अमेरिका", "अमरीका", "संयुक्त राज्य अमेरिका", "यूएसए"],
    ),
    "KP": (
        ["DPRK", "Democratic People's Republic of Korea"],
        ["ڈی پی آر کے", "ڈیموکریٹک پیپلز ریپبلک آف کوریا", "عوامی جمہوریہ کوریا"],
        ["डीपीआरके", "उत्तरी कोरिया", "डेमोक्रेटिक पीपुल्स रिपब्लिक ऑफ कोरिया"],
    ),
    "KR": (["Republic of Korea", "ROK"], ["جمہوریہ کوریا"], ["दक्षिणी कोरिया"]),
    "RU": (["Russian Federation"], ["روسی فیڈریشن", "رشیا"], ["रूसी संघ", "रशिया"]),
    "GB": (["Britain", "Great Britain", "UK", "U.K."], ["برطانیہ", "یو کے"], ["ब्रिटेन", "यूके"]),
    "IN": (["Bharat"], ["ہندوستان", "انڈیا"], ["हिंदुस्तान", "इंडिया"]),
    "CN": (["PRC", "People's Republic of China"], ["عوامی جمہوریہ چین"], ["चीनी जनवादी गणराज्य"]),
    "UA": ([], ["یوکرائن"], ["उक्रेन"]),
    "AE": (["UAE"], ["متحدہ عرب امارات", "یو اے ای"], ["यूएई"]),
    "PS": (["Palestine"], ["فلسطین"], ["फ़िलिस्तीन"]),
    "TR": (["Turkey", "Türkiye"], ["ترکی", "ترکیہ"], ["तुर्की", "तुर्किये"]),
    "MM": (["Burma"], ["برما"], ["बर्मा"]),
    "SY": ([], ["ملک شام", "سوریہ", "سیریا"], []),
    "ML": ([], ["جمہوریہ مالی"], ["माली गणराज्य"]),
    "SA": ([], ["سعودی عرب"], ["सऊदी अरब"]),
}

#: CLDR names that are also everyday words and would be found in every other article:
#: شام (evening; Syria), مالی (financial; Mali), چلی (went; Chile), پیرو (follower; Peru),
#: माली (gardener; Mali).
BLOCKED_ALIASES = frozenset({"شام", "مالی", "چلی", "پیرو", "माली"})

#: ISO code -> (capital in English, CLDR time-zone id naming it or "").
CAPITALS: dict[str, tuple[str, str]] = {
    "AF": ("Kabul", "Asia/Kabul"),
    "AL": ("Tirana", "Europe/Tirane"),
    "DZ": ("Algiers", "Africa/Algiers"),
    "AD": ("Andorra la Vella", "Europe/Andorra"),
    "AO": ("Luanda", "Africa/Luanda"),
    "AR": ("Buenos Aires", "America/Buenos_Aires"),
    "AM": ("Yerevan", "Asia/Yerevan"),
    "AU": ("Canberra", ""),
    "AT": ("Vienna", "Europe/Vienna"),
    "AZ": ("Baku", "Asia/Baku"),
    "BH": ("Manama", ""),
    "BD": ("Dhaka", "Asia/Dhaka"),
    "BY": ("Minsk", "Europe/Minsk"),
    "BE": ("Brussels", "Europe/Brussels"),
    "BT": ("Thimphu", "Asia/Thimphu"),
    "BO": ("Sucre", ""),
    "BA": ("Sarajevo", "Europe/Sarajevo"),
    "BR": ("Brasília", ""),
    "BN": ("Bandar Seri Begawan", ""),
    "BG": ("Sofia", "Europe/Sofia"),
    "KH": ("Phnom Penh", "Asia/Phnom_Penh"),
    "CM": ("Yaoundé", ""),
    "CA": ("Ottawa", ""),
    "CL": ("Santiago", "America/Santiago"),
    "CN": ("Beijing", ""),
    "CO": ("Bogotá", "America/Bogota"),
    "CU": ("Havana", "America/Havana"),
    "CY": ("Nicosia", "Asia/Nicosia"),
    "CZ": ("Prague", "Europe/Prague"),
    "DK": ("Copenhagen", "Europe/Copenhagen"),
    "EG": ("Cairo", "Africa/Cairo"),
    "EE": ("Tallinn", "Europe/Tallinn"),
    "ET": ("Addis Ababa", "Africa/Addis_Ababa"),
    "FI": ("Helsinki", "Europe/Helsinki"),
    "FR": ("Paris", "Europe/Paris"),
    "GE": ("Tbilisi", "Asia/Tbilisi"),
    "DE": ("Berlin", "Europe/Berlin"),
    "GH": ("Accra", "Africa/Accra"),
    "GR": ("Athens", "Europe/Athens"),
    "HU": ("Budapest", "Europe/Budapest"),
    "IS": ("Reykjavík", "Atlantic/Reykjavik"),
    "IN": ("New Delhi", ""),
    "ID": ("Jakarta", "Asia/Jakarta"),
    "IR": ("Tehran", "Asia/Tehran"),
    "IQ": ("Baghdad", "Asia/Baghdad"),
    "IE": ("Dublin", "Europe/Dublin"),
    "IL": ("Jerusalem", "Asia/Jerusalem"),
    "IT": ("Rome", "Europe/Rome"),
    "JP": ("Tokyo", "Asia/Tokyo"),
    "JO": ("Amman", "Asia/Amman"),
    "KZ": ("Astana", ""),
    "KE": ("Nairobi", "Africa/Nairobi"),
    "KP": ("Pyongyang", "Asia/Pyongyang"),
    "KR": ("Seoul", "Asia/Seoul"),
    "KW": ("Kuwait City", "Asia/Kuwait"),
    "KG": ("Bishkek", "Asia/Bishkek"),
    "LA": ("Vientiane", "Asia/Vientiane"),
    "LV": ("Riga", "Europe/Riga"),
    "LB": ("Beirut", "Asia/Beirut"),
    "LY": ("Tripoli", "Africa/Tripoli"),
    "LT": ("Vilnius", "Europe/Vilnius"),
    "MY": ("Kuala Lumpur", "Asia/Kuala_Lumpur"),
    "MV": ("Malé", "Indian/Maldives"),
    "MX": ("Mexico City", "America/Mexico_City"),
    "MN": ("Ulaanbaatar", "Asia/Ulaanbaatar"),
    "MA": ("Rabat", ""),
    "MM": ("Naypyidaw", ""),
    "NP": ("Kathmandu", "Asia/Kathmandu"),
    "NL": ("Amsterdam", "Europe/Amsterdam"),
    "NZ": ("Wellington", ""),
    "NG": ("Abuja", ""),
    "NO": ("Oslo", "Europe/Oslo"),
    "OM": ("Muscat", "Asia/Muscat"),
    "PK": ("Islamabad", ""),
    "PS": ("Ramallah", ""),
    "PA": ("Panama City", "America/Panama"),
    "PE": ("Lima", "America/Lima"),
    "PH": ("Manila", "Asia/Manila"),
    "PL": ("Warsaw", "Europe/Warsaw"),
    "PT": ("Lisbon", "Europe/Lisbon"),
    "QA": ("Doha", "Asia/Qatar"),
    "RO": ("Bucharest", "Europe/Bucharest"),
    "RU": ("Moscow", "Europe/Moscow"),
    "SA": ("Riyadh", "Asia/Riyadh"),
    "RS": ("Belgrade", "Europe/Belgrade"),
    "SG": ("Singapore City", ""),
    "SK": ("Bratislava", "Europe/Bratislava"),
    "SI": ("Ljubljana", "Europe/Ljubljana"),
    "SO": ("Mogadishu", "Africa/Mogadishu"),
    "ZA": ("Pretoria", ""),
    "ES": ("Madrid", "Europe/Madrid"),
    "LK": ("Sri Jayawardenepura Kotte", ""),
    "SD": ("Khartoum", "Africa/Khartoum"),
    "SE": ("Stockholm", "Europe/Stockholm"),
    "CH": ("Bern", ""),
    "SY": ("Damascus", "Asia/Damascus"),
    "TW": ("Taipei", "Asia/Taipei"),
    "TJ": ("Dushanbe", "Asia/Dushanbe"),
    "TZ": ("Dodoma", ""),
    "TH": ("Bangkok", "Asia/Bangkok"),
    "TN": ("Tunis", "Africa/Tunis"),
    "TR": ("Ankara", ""),
    "TM": ("Ashgabat", "Asia/Ashgabat"),
    "UG": ("Kampala", "Africa/Kampala"),
    "UA": ("Kyiv", "Europe/Kiev"),
    "AE": ("Abu Dhabi", ""),
    "GB": ("London", "Europe/London"),
    "US": ("Washington, D.C.", ""),
    "UZ": ("Tashkent", "Asia/Tashkent"),
    "VE": ("Caracas", "America/Caracas"),
    "VN": ("Hanoi", ""),
    "YE": ("Sanaa", ""),
    "ZM": ("Lusaka", "Africa/Lusaka"),
    "ZW": ("Harare", "Africa/Harare"),
}

#: Capital -> (Latin, Urdu, Hindi) aliases for capitals CLDR has no city name for.
CAPITAL_ALIASES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "New Delhi": (["Delhi"], ["نئی دہلی", "نئی دلی", "دہلی"], ["नई दिल्ली", "दिल्ली"]),
    "Islamabad": ([], ["اسلام آباد"], ["इस्लामाबाद"]),
    "Washington, D.C.": (["Washington", "Washington DC"], ["واشنگٹن"], ["वाशिंगटन", "वॉशिंगटन"]),
    "Beijing": (["Peking"], ["بیجنگ", "بیجینگ"], ["बीजिंग"]),
    "Kyiv": (["Kiev"], ["کیف", "کیئف"], ["कीव", "कीएव"]),
    "Moscow": ([], ["ماسکو"], ["मास्को", "मॉस्को"]),
    "Pyongyang": ([], ["پیانگ یانگ", "پیونگ یانگ"], ["प्योंगयांग", "प्योंगप्यांग"]),
    "Tokyo": ([], ["ٹوکیو"], ["टोक्यो"]),
    "Ankara": ([], ["انقرہ"], ["अंकारा"]),
    "Canberra": ([], ["کینبرا"], ["कैनबरा"]),
    "Ottawa": ([], ["اوٹاوا"], ["ओटावा"]),
    "Brasília": (["Brasilia"], ["برازیلیا"], ["ब्रासीलिया"]),
    "Abu Dhabi": ([], ["ابوظہبی", "ابو ظہبی"], ["अबू धाबी"]),
    "Hanoi": ([], ["ہنوئی"], ["हनोई"]),
    "Pretoria": ([], ["پریٹوریا"], ["प्रिटोरिया"]),
    "Abuja": ([], ["ابوجا"], ["अबूजा"]),
    "Astana": ([], ["آستانہ"], ["अस्ताना"]),
    "Manama": ([], ["منامہ"], ["मनामा"]),
    "Naypyidaw": (["Naypyitaw"], ["نیپیداو"], ["नेपीडॉ"]),
    "Sanaa": (["Sana'a"], ["صنعا"], ["सना"]),
    "Bern": (["Berne"], ["برن"], ["बर्न"]),
    "Rabat": ([], ["رباط"], ["रबात"]),
    "Wellington": ([], ["ویلنگٹن"], ["वेलिंगटन"]),
}


def slug(name: str) -> str:
    """A lower-case ASCII id part: "North Korea" -> "north-korea"."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _clean_name(name: str) -> list[str]:
    """CLDR names with a parenthesis ("Myanmar (Burma)") give both parts."""
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    return [m.group(1), m.group(2)] if m else [name]


def build_rows() -> list[dict[str, str]]:
    """Country and capital rows in the KB's TSV columns."""
    import pycountry
    from babel import Locale

    en, ur, hi = Locale("en"), Locale("ur"), Locale("hi")
    rows: list[dict[str, str]] = []
    ids: dict[str, str] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        names = _clean_name(en.territories.get(code, country.name))
        extra = EXTRA_ALIASES.get(code, ([], [], []))
        # ISO codes are left out: "IT", "IS", "AND", "ARE" are words in capitalised headlines.
        latin = [*names[1:], getattr(country, "common_name", ""), country.name]
        cid = "loc:" + slug(names[0])
        ids[code] = cid
        rows.append(
            _row(
                cid,
                "country",
                names[0],
                QIDS.get(code, ""),
                cid,
                [*latin, *extra[0]],
                [*_clean_name(ur.territories.get(code, "")), *extra[1]],
                [*_clean_name(hi.territories.get(code, "")), *extra[2]],
            )
        )
    taken = {r["id"] for r in rows}
    for code, (capital, tz) in sorted(CAPITALS.items()):
        extra = CAPITAL_ALIASES.get(capital, ([], [], []))
        urdu = [ur.time_zones.get(tz, {}).get("city", "")] if tz else []
        hindi = [hi.time_zones.get(tz, {}).get("city", "")] if tz else []
        cid = "loc:" + slug(capital)
        if cid in taken:
            cid += "-city"
        rows.append(
            _row(
                cid,
                "capital",
                capital,
                QIDS.get(capital, ""),
                ids[code],
                extra[0],
                [*urdu, *extra[1]],
                [*hindi, *extra[2]],
            )
        )
    return rows


def _row(
    eid: str, kind: str, label: str, qid: str, country: str, en: list[str], ur: list[str], hi: list[str]
) -> dict[str, str]:
    def join(items: list[str]) -> str:
        kept = (i.strip() for i in items if i and i.strip() and i != label)
        return "|".join(dict.fromkeys(i for i in kept if i not in BLOCKED_ALIASES))

    return dict.fromkeys(COLUMNS, "") | {
        "id": eid,
        "type": "LOC",
        "kind": kind,
        "label": label,
        "qid": qid,
        "country": country,
        "en": join(en),
        "ur": join(ur),
        "hi": join(hi),
    }


def write_countries(out: Path = OUT) -> int:
    """Write the generated countries and capitals file to ``out``; return its number of rows."""
    rows = build_rows()
    write_tsv(out, rows, "Generated by khabar kb build from CLDR (babel) and pycountry.")
    return len(rows)
