"""Synthetic news pages for the page-kind tests, written for this project: Urdu, Hindi and English
home pages with teaser grids and headline lists, a section page, a video page, a gallery, and an
article carrying a large "related stories" sidebar (which must stay an article)."""

from __future__ import annotations

UR_HEADLINES = [
    "وزیراعظم کا معاشی اصلاحات کے نئے پیکج کا اعلان",
    "کراچی میں بارش کے بعد کئی علاقوں میں بجلی معطل",
    "پاکستان اور چین کے درمیان تجارتی معاہدے پر دستخط",
    "لاہور ہائی کورٹ نے بلدیاتی انتخابات کا شیڈول طلب کر لیا",
    "اسٹیٹ بینک نے شرح سود برقرار رکھنے کا فیصلہ کیا",
    "قومی کرکٹ ٹیم کا دورہ انگلینڈ کے لیے اعلان",
    "پشاور میں پولیو مہم کا آغاز، لاکھوں بچوں کو قطرے پلائے جائیں گے",
    "گندم کی سرکاری قیمت خرید میں اضافے کی تجویز",
    "اسلام آباد میں غیر ملکی سرمایہ کاروں کی کانفرنس",
    "بلوچستان میں نئی سڑکوں کے منصوبوں کی منظوری",
    "سونے کی قیمت میں مسلسل تیسرے روز کمی",
    "موسمیات کا ملک کے بیشتر حصوں میں گرمی کی شدت بڑھنے کا امکان",
    "وفاقی کابینہ کا اجلاس، اہم فیصلے متوقع",
    "پنجاب میں سرکاری اسکولوں کے اوقات کار تبدیل",
    "کشمیر کے سیاحتی مقامات پر سیاحوں کا رش",
    "ایف بی آر نے ٹیکس گوشواروں کی آخری تاریخ بڑھا دی",
]
HI_HEADLINES = [
    "प्रधानमंत्री ने नई रेल परियोजनाओं का उद्घाटन किया",
    "दिल्ली में वायु प्रदूषण फिर खतरनाक स्तर पर पहुंचा",
    "रिज़र्व बैंक ने रेपो दर में कोई बदलाव नहीं किया",
    "उत्तर प्रदेश में भारी बारिश से कई जिलों में बाढ़",
    "भारतीय टीम ने तीसरे टेस्ट में शानदार जीत दर्ज की",
    "संसद के शीतकालीन सत्र की तारीखों की घोषणा",
    "मुंबई में नई मेट्रो लाइन का परीक्षण शुरू",
    "किसानों के लिए न्यूनतम समर्थन मूल्य में बढ़ोतरी",
    "बिहार में शिक्षक भर्ती परीक्षा के नतीजे जारी",
    "सोने और चांदी के दाम में आज फिर गिरावट",
    "राजस्थान में पर्यटन को बढ़ावा देने के लिए नई नीति",
    "चुनाव आयोग ने मतदाता सूची संशोधन का कार्यक्रम जारी किया",
    "बेंगलुरु में तकनीकी कंपनियों का बड़ा सम्मेलन",
    "मौसम विभाग ने कई राज्यों में लू की चेतावनी दी",
]
EN_HEADLINES = [
    "Parliament passes the budget after a late-night session",
    "Floods cut off villages across the northern districts",
    "Central bank keeps interest rates on hold for a third month",
    "Opposition leaders meet to agree on a joint candidate",
    "New metro line opens to passengers on Monday morning",
    "Cricket board names squad for the coming tour",
    "Wheat harvest expected to beat last year's record",
    "Hospitals told to prepare for the dengue season",
    "Court orders a review of the city's building permits",
    "Exporters warn of higher shipping costs this winter",
    "Schools to reopen after the summer break next week",
    "Power tariff increase approved by the regulator",
    "Police arrest suspects in the highway robbery case",
    "Heatwave warning issued for the southern provinces",
    "Foreign ministers hold talks on regional trade",
    "Government announces a relief package for farmers",
]

_NAV_UR = (
    '<nav><a href="/">ہوم</a> <a href="/pakistan">پاکستان</a> <a href="/world">دنیا</a>'
    ' <a href="/sports">کھیل</a></nav>'
)
_NAV_HI = (
    '<nav><a href="/">होम</a> <a href="/desh">देश</a> <a href="/videsh">विदेश</a> <a href="/khel">खेल</a></nav>'
)
_NAV_EN = (
    '<nav><a href="/">Home</a> <a href="/pakistan">Pakistan</a> <a href="/world">World</a>'
    ' <a href="/sport">Sport</a></nav>'
)


def _head(title: str, lang: str, og_type: str = "website", extra: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:type" content="{og_type}">{extra}</head>'
    )


def urdu_homepage() -> str:
    """An Urdu home page: a lead story card, a grid of teaser cards with images and a headline list."""
    cards = "".join(
        f'<div class="card"><a href="/story/{1000 + i}/"><img src="/img/{i}.jpg" alt=""></a>'
        f'<h3><a href="/story/{1000 + i}/">{h}</a></h3><span class="time">2 گھنٹے پہلے</span></div>'
        for i, h in enumerate(UR_HEADLINES[:10])
    )
    latest = "".join(
        f'<li><a href="/story/{2000 + i}/">{h}</a></li>' for i, h in enumerate(UR_HEADLINES[10:])
    )
    lead = (
        '<div class="lead"><h2><a href="/story/999/">ملک بھر میں عید الاضحی مذہبی عقیدت سے منائی گئی</a></h2>'
        "<p>ملک بھر میں عید الاضحی مذہبی جوش و جذبے سے منائی گئی، نماز عید کے بڑے اجتماعات میں"
        " ملک کی سلامتی اور خوشحالی کے لیے دعائیں کی گئیں۔</p></div>"
    )
    return (
        _head("خبرنامہ - تازہ ترین خبریں", "ur")
        + f'<body dir="rtl">{_NAV_UR}<main>{lead}<section class="grid">{cards}</section>'
        f'<aside><h4>تازہ ترین</h4><ul class="latest">{latest}</ul></aside></main>'
        "<footer>جملہ حقوق محفوظ ہیں</footer></body></html>"
    )


def hindi_homepage() -> str:
    """A Hindi home page: rows of cards whose link wraps the image and the headline."""
    rows = "".join(
        f'<div class="col"><a href="/news/desh/{h.split()[0]}-{5000 + i}.html"><img src="/i/{i}.jpg">'
        f"<h2>{h}</h2></a><p>{h} - पूरी खबर पढ़ें</p></div>"
        for i, h in enumerate(HI_HEADLINES)
    )
    return (
        _head("समाचार पत्र: ताज़ा हिंदी खबरें", "hi")
        + f'<body>{_NAV_HI}<div class="top-stories"><div class="row">{rows}</div></div>'
        "<footer>सर्वाधिकार सुरक्षित</footer></body></html>"
    )


def english_homepage() -> str:
    """An English home page: teaser cards, each a headline link with a summary paragraph."""
    cards = "".join(
        f'<article class="teaser"><h3><a href="/news/2024/06/{10 + i}/story-{i}">{h}</a></h3>'
        f"<p>{h}. Officials said more details would be given later in the day, and reporters were"
        f" told to expect a statement.</p><time>June {10 + i}</time></article>"
        for i, h in enumerate(EN_HEADLINES)
    )
    return (
        _head("The Daily Example - News, Politics, Sport", "en")
        + f'<body>{_NAV_EN}<div id="main"><section class="top">{cards}</section></div>'
        "<footer>Copyright 2024 The Daily Example. All rights reserved.</footer></body></html>"
    )


def section_page() -> str:
    """An English tag page: a headline list with summaries, served under /tag/."""
    items = "".join(
        f'<li><a href="/news/2024/05/{i + 1}/item-{i}">{h}</a><p>{h}, according to officials.</p></li>'
        for i, h in enumerate(EN_HEADLINES[:12])
    )
    return (
        _head("Economy | The Daily Example", "en")
        + f'<body>{_NAV_EN}<h1>Economy</h1><ul class="list">{items}</ul>'
        '<a class="more" href="/tag/economy?page=2">Load more stories</a></body></html>'
    )


def urdu_section_page() -> str:
    """An Urdu section page at a path with no listing word (/pakistan): teasers alone tell."""
    items = "".join(
        f'<div class="item"><a href="/story/{3000 + i}/">{h}</a></div>' for i, h in enumerate(UR_HEADLINES)
    )
    return (
        _head("پاکستان - خبرنامہ", "ur")
        + f'<body dir="rtl">{_NAV_UR}<h1>پاکستان</h1><div class="listing">{items}</div></body></html>'
    )


def video_page() -> str:
    """A video page: a player, a one-line description and a strip of more videos."""
    more = "".join(
        f'<div class="v"><a href="/video/{7000 + i}/">{h} (ویڈیو)</a></div>'
        for i, h in enumerate(UR_HEADLINES[:6])
    )
    return (
        _head(
            "ویڈیو: کراچی میں بارش کے مناظر",
            "ur",
            og_type="video.other",
            extra='<meta property="og:description" content="کراچی میں بارش کے بعد شہر کے مناظر">',
        )
        + f'<body dir="rtl">{_NAV_UR}<div class="player"><video src="/v/1.mp4" controls></video>'
        f"<h1>کراچی میں بارش کے مناظر</h1><p>کراچی میں بارش کے بعد شہر کے مناظر</p></div>"
        f'<div class="more-videos">{more}</div></body></html>'
    )


def gallery_page() -> str:
    """A photo gallery: captioned images and little text, under /gallery/."""
    photos = "".join(
        f'<figure><img src="/g/{i}.jpg"><figcaption>{h}</figcaption></figure>'
        for i, h in enumerate(EN_HEADLINES[:8])
    )
    return (
        _head("In pictures: the monsoon arrives", "en")
        + f"<body>{_NAV_EN}<h1>In pictures: the monsoon arrives</h1>"
        + f'<div class="gallery">{photos}</div></body></html>'
    )


ARTICLE_PARAGRAPHS = [
    "The federal government on Tuesday announced a relief package for farmers whose crops were"
    " damaged by the floods, promising cash grants and cheaper loans for the coming sowing season.",
    "Speaking at a news conference in the capital, the finance minister said the package would reach"
    " more than two million households and would be paid through the existing social protection scheme.",
    "Farmers' groups welcomed the announcement but said the grants were too small to cover the cost of"
    " seed and fertiliser, which have risen sharply over the past year.",
    "The opposition said the package had been announced without consulting the provinces, which are"
    " responsible for agriculture, and called for a debate in parliament next week.",
    "Officials said the first payments would be made before the end of the month, once the survey of"
    " damaged land in the worst-hit districts had been completed.",
]


def article_with_sidebar() -> str:
    """An article whose page carries a 16-item "related stories" sidebar and a "most read" grid."""
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    related = "".join(
        f'<li><a href="/news/2024/06/{i + 1}/related-{i}">{h}</a></li>' for i, h in enumerate(EN_HEADLINES)
    )
    popular = "".join(
        f'<div class="pop"><a href="/news/2024/05/{i + 1}/popular-{i}"><img src="/p/{i}.jpg">{h}</a></div>'
        for i, h in enumerate(EN_HEADLINES[:8])
    )
    return (
        _head("Relief package announced for flood-hit farmers | The Daily Example", "en", og_type="")
        + f'<body>{_NAV_EN}<div class="story"><h1>Relief package announced for flood-hit farmers</h1>'
        f'<div class="body">{body}</div></div><aside><h3>Related stories</h3><ul>{related}</ul></aside>'
        f'<section class="most-read">{popular}</section></body></html>'
    )


def short_urdu_article() -> str:
    """A short Urdu news article (two paragraphs) with a headline list beside it."""
    latest = "".join(f'<li><a href="/story/{4000 + i}/">{h}</a></li>' for i, h in enumerate(UR_HEADLINES))
    return (
        _head("سیلاب سے متاثرہ علاقوں میں امدادی کارروائیاں", "ur", og_type="article")
        + f'<body dir="rtl">{_NAV_UR}<article><h1>سیلاب سے متاثرہ علاقوں میں امدادی کارروائیاں</h1>'
        "<p>سندھ کے سیلاب سے متاثرہ اضلاع میں امدادی کارروائیاں جاری ہیں اور حکام کا کہنا ہے کہ اب تک"
        " ہزاروں افراد کو محفوظ مقامات پر منتقل کیا جا چکا ہے۔</p>"
        "<p>صوبائی حکومت کے ترجمان نے بتایا کہ متاثرین کے لیے خیمے، کھانا اور ادویات فراہم کی جا رہی ہیں۔</p>"
        f'</article><aside><ul class="latest">{latest}</ul></aside></body></html>'
    )


def article_with_wrapped_paragraphs() -> str:
    """An article whose every paragraph sits in a wrapper of its own, beside a 16-item headline list."""
    body = "".join(f'<div class="para"><p>{p}</p></div>' for p in ARTICLE_PARAGRAPHS)
    related = "".join(f'<li><a href="/story/{i}/">{h}</a></li>' for i, h in enumerate(EN_HEADLINES))
    return (
        _head("Relief package announced for flood-hit farmers", "en", og_type="")
        + f'<body>{_NAV_EN}<div class="story">{body}</div><ul class="more">{related}</ul></body></html>'
    )
