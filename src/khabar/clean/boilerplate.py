"""Line-level boilerplate filter for extracted Urdu, Hindi and English news text.

Each rule recognises one kind of page debris (comment counters, ad slots, cookie notices,
"related news" blocks, breadcrumbs, share prompts, logos) and names the reason. The filter
is built the other way round from a classifier: a line is kept unless a rule is sure, and
lines that read as prose (several words ending in sentence punctuation) are shielded from
every rule that could plausibly fire on a real sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from khabar.clean.menus import menu_reason, table_rows
from khabar.text.fold import fold_marks
from khabar.text.tokens import AFTER, BEFORE

# A line of at least this many words that contains sentence punctuation is prose and is
# shielded from the heuristic rules. Set by hand: every body line of the five seeds has 16+
# words, and the debris lines of the seeds and of trafilatura's output on the 990
# ../shared/eval/html/trafilatura_eval pages that these rules catch are shorter or
# unpunctuated; 6 leaves short real sentences ("Kim met Putin on Wednesday.") shielded.
SENTENCE_MIN_WORDS = 6
# A line this long is prose even without punctuation (the seeds' standfirsts: 16 and 18 words).
PROSE_MIN_WORDS = 16
# Fewer letters than this, and fewer digits than MIN_DIGITS, and a line is junk ("ر", "|",
# "۔", a page number). Two-letter lines stay: "Ok." is a line of dialogue on one of the
# trafilatura_eval pages; rows of figures ("4,66  4,68  4,52") stay as data.
MIN_LETTERS = 2
MIN_DIGITS = 3
# Upper bounds (words) for lines the short-line rules may drop: the seeds' banner has 6 words
# and its glued breadcrumb 10; the bounds leave headroom for longer site names. With them the
# bounded rules drop 41 lines of trafilatura's output on the 990 trafilatura_eval pages (28
# copyright lines) and none of the benchmark's "with" snippets.
BANNER_MAX_WORDS = 12
SHARE_MAX_WORDS = 10
BREADCRUMB_MAX_WORDS = 15
BREADCRUMB_ITEM_MAX_WORDS = 4
# Shortest headline accepted as the tail of a glued breadcrumb (characters); shorter tails
# could end any line by chance.
MIN_GLUED_TITLE = 10
RELATED_LINK_MAX_WORDS = 30
RELATED_ITEM_MAX_WORDS = 20
TAG_LINE_MAX_WORDS = 30
COPYRIGHT_MAX_WORDS = 20
# After an inline "یہ بھی پڑھیں / Also read" heading with prose still to come, at most this
# many headline lines belong to it; at the end of a page the list runs to the end.
MAX_INLINE_RELATED_ITEMS = 2

_SENTENCE_END = re.compile(r"[.!?۔؟।॥。！？]")
_STRIP = " \t:：-–—|•·*>»›.۔।"


def line_key(line: str) -> str:
    """A line's matching key: folded, lower-case, single-spaced, without edge punctuation."""
    return " ".join(fold_marks(line).casefold().split()).strip(_STRIP)


def _keys(*phrases: str) -> frozenset[str]:
    return frozenset(line_key(p) for p in phrases)


_RELATED_HEADINGS = _keys(
    "مقبول مضامین",
    "متعلقہ خبریں",
    "متعلقہ مضامین",
    "متعلقہ",
    "مزید پڑھیں",
    "یہ بھی پڑھیں",
    "مزید خبریں",
    "تازہ ترین",
    "تازہ ترین خبریں",
    "اہم خبریں",
    "ٹاپ اسٹوریز",
    "مقبول خبریں",
    "زیادہ پڑھی جانے والی",
    "آپ کی پسند",
    "ویڈیوز",
    "संबंधित खबरें",
    "सम्बंधित खबरें",
    "संबंधित ख़बरें",
    "संबंधित लेख",
    "यह भी पढ़ें",
    "ये भी पढ़ें",
    "इसे भी पढ़ें",
    "और पढ़ें",
    "लोकप्रिय",
    "लोकप्रिय खबरें",
    "ताज़ा खबरें",
    "ताजा खबरें",
    "ट्रेंडिंग",
    "अन्य खबरें",
    "टॉप स्टोरीज",
    "सबसे ज्यादा पढ़ी गई",
    "Related News",
    "Related Articles",
    "Related Stories",
    "Related",
    "Related Posts",
    "Also Read",
    "Read Also",
    "Read More",
    "More News",
    "More Stories",
    "Most Popular",
    "Most Read",
    "Popular",
    "Popular Articles",
    "Trending",
    "Trending Now",
    "Recommended",
    "Recommended for you",
    "You may also like",
    "You might also like",
    "Latest News",
    "Top Stories",
    "Editor's Picks",
    "Must Read",
)
_RELATED_LINK = re.compile(
    "^(?:"
    + "|".join(
        re.escape(k)
        for k in sorted(
            _keys(
                "یہ بھی پڑھیں",
                "مزید پڑھیں",
                "यह भी पढ़ें",
                "ये भी पढ़ें",
                "इसे भी पढ़ें",
                "और पढ़ें",
                "Also Read",
                "Read Also",
                "Read More",
                "ALSO READ",
            ),
            key=len,
            reverse=True,
        )
    )
    + r")\s*[:：\-–—|]\s*\S"
)
_NAVIGATION = _keys(
    "skip to content",
    "skip to main content",
    "menu",
    "main menu",
    "search",
    "home",
    "login",
    "log in",
    "sign in",
    "sign up",
    "register",
    "e-paper",
    "epaper",
    "close",
    "toggle navigation",
    "navigation",
    "back to top",
    "next article",
    "previous article",
    "next",
    "previous",
    "load more",
    "show more",
    "ہوم",
    "مینو",
    "تلاش",
    "ای پیپر",
    "لاگ ان",
    "اگلی خبر",
    "پچھلی خبر",
    "होम",
    "मेनू",
    "खोजें",
    "ई-पेपर",
    "ई पेपर",
    "लॉग इन",
    "अगली खबर",
    "पिछली खबर",
    "और देखें",
    "مزید دیکھیں",
    "Advertise with us",
    "Contact us",
    "About us",
    "Privacy Policy",
    "Terms of Use",
    "Terms and Conditions",
)
_AD_PLACEHOLDER = re.compile(
    r"^(?:\[\s*(?:ad|ads|advertisement|विज्ञापन|اشتہار)[\s_\-]*\d*\s*\]"
    r"|advertisement|advertisements|sponsored|sponsored content|ad|ads|اشتہار|اشتہارات|विज्ञापन"
    r"|scroll to continue with content|story continues below advertisement"
    r"|continue reading below|article continues below(?: advertisement)?|ad content)$"
)
_COMMENT_COUNTER = re.compile(
    r"^(?:(?:تبصرہ|تبصرے|تبصرہ جات|کمنٹس|कमेंट|कमेंट्स|टिप्पणी|टिप्पणियां|टिप्पणियाँ|comments?|responses?)"
    r"\s*[(\[:]?\s*\d+\s*[)\]]?|\d+\s*(?:comments?|responses?|تبصرے|تبصرہ|टिप्पणियां|टिप्पणी|कमेंट)"
    r"|(?:leave a comment|post a comment|add a comment|no comments(?: yet)?|اپنی رائے دیں"
    r"|تبصرہ کریں|टिप्पणी करें|कमेंट करें))$"
)
_COOKIE_CUES = re.compile(
    r"uses? cookies?|we use cookies|cookie policy|cookie settings|cookie preferences|accept (?:all )?cookies"
    r"|cookie consent|by continuing to (?:use|browse)|by using (?:this|our) (?:web)?site|privacy policy"
    r"|browsing experience|کوکیز|कुकीज|कुकी नीति|कुकी का"
)
_COOKIE_BUTTON = re.compile(
    r"(?:\bok|\baccept|got it|i agree|agree|allow|close|ٹھیک ہے|قبول|स्वीकार|ठीक है)\W*$"
)
_HOME = r"(?:ہوم|होम|home)"
_GLUED_HOME = re.compile(r"^(?:ہوم|होम)(?=[^\W\d_])|^Home(?=[A-Z])")
_CAMEL_MENU = re.compile(r"^Home(?:[A-Z][a-z]+){2,}")
_BREADCRUMB_SEP = re.compile(r"\s*(?:>|»|›|→|::)\s*|\s+[/|]\s+")
_HOME_KEY = re.compile(rf"^{_HOME}$")
_BANNER = re.compile(rf"{BEFORE}(?:logo|لوگو|लोगो){AFTER}|happiest places to work")
_SHARE_CTA = re.compile(
    r"^(?:share|follow|subscribe|join|like|download|sign up for|click here)\b.{0,60}\b"
    r"(?:us|our|this|channel|newsletter|whatsapp|telegram|facebook|twitter|instagram|youtube|app|"
    r"google news|here|now|updates|story|article)\b"
    r"|(?:شیئر|شئیر|فالو|سبسکرائب|جوائن|ڈاؤن لوڈ|لائک) کریں"
    r"|(?:शेयर|फॉलो|फोलो|सब्सक्राइब|ज्वाइन|जॉइन|डाउनलोड|लाइक) (?:करें|करे|कीजिए)"
    r"|^(?:share|share this|share this article|share on|print|email)$"
)
_SOCIAL = _keys(
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "instagram",
    "youtube",
    "linkedin",
    "email",
    "e-mail",
    "print",
    "copy link",
    "pinterest",
    "reddit",
    "koo",
    "share",
    "tweet",
    "فیس بک",
    "ٹوئٹر",
    "واٹس ایپ",
    "ٹیلی گرام",
    "انسٹاگرام",
    "یوٹیوب",
    "شیئر",
    "फेसबुक",
    "ट्विटर",
    "व्हाट्सएप",
    "टेलीग्राम",
    "इंस्टाग्राम",
    "यूट्यूब",
    "शेयर",
)
_SOCIAL_SPLIT = re.compile(r"\s*[,|/•·]\s*|\s{2,}")
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)|all rights reserved|جملہ حقوق محفوظ|सर्वाधिकार सुरक्षित|कॉपीराइट ©"
)
_TAG_LINE = re.compile(r"^(?:tags?|topics?|ٹیگز|ٹیگ|टैग्स|टैग|टॉपिक्स|विषय)\s*[:：]")
_READING_TIME = re.compile(r"^\d+\s*(?:min|mins|minute|minutes)\s+read$|^\d+\s*منٹ میں پڑھیں$")


@dataclass
class LineContext:
    """What the filter knows about a line's neighbourhood.

    ``lines`` are all non-blank lines of the document and ``index`` is this line's place;
    ``seen`` holds the :func:`line_key` of every earlier line; ``related_open`` is True while
    the lines after a "related news" heading are being read, ``related_items`` counts the lines
    dropped under it so far, and ``prose_follows`` says whether a prose line comes later.
    """

    lines: Sequence[str] = ()
    index: int = 0
    seen: set[str] = field(default_factory=set)
    related_open: bool = False
    related_items: int = 0
    prose_follows: bool = False


def is_prose(line: str) -> bool:
    """True when ``line`` reads as running text: shielded from the heuristic rules."""
    n = len(line.split())
    return n >= PROSE_MIN_WORDS or (n >= SENTENCE_MIN_WORDS and _SENTENCE_END.search(line) is not None)


_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def _at_least(pattern: re.Pattern[str], line: str, n: int) -> bool:
    return len(list(islice(pattern.finditer(line), n))) >= n


def _is_breadcrumb(line: str, key: str, words: int, ctx: LineContext) -> bool:
    if words > BREADCRUMB_MAX_WORDS or line.startswith("|"):
        return False  # a table row as trafilatura writes it: "| a | b |"
    if _GLUED_HOME.match(line):
        # "ہومبین الاقوامیروس ...": menu items glued to the headline the page shows next;
        # "होमगार्ड ..." (home guard) also starts glued, so the headline must be found too.
        return _CAMEL_MENU.match(line) is not None or any(
            other != line and len(other) >= MIN_GLUED_TITLE and line.endswith(other) for other in ctx.lines
        )
    items = [i for i in _BREADCRUMB_SEP.split(key) if i]
    if len(items) < 2:
        return False
    if any(len(i.split()) > BREADCRUMB_ITEM_MAX_WORDS or _LETTER.search(i) is None for i in items):
        return False
    return len(items) >= 3 or _HOME_KEY.match(items[0]) is not None


def _is_social_list(key: str) -> bool:
    parts = [p for p in _SOCIAL_SPLIT.split(key) if p]
    if len(parts) == 1:
        parts = key.split()
    return len(parts) >= 2 and all(p in _SOCIAL for p in parts)


def _is_cookie_notice(key: str) -> bool:
    cues = {m.group(0) for m in _COOKIE_CUES.finditer(key)}
    return len(cues) >= 2 or (len(cues) == 1 and _COOKIE_BUTTON.search(key) is not None)


def classify_line(line: str, context: LineContext) -> str | None:
    """Why ``line`` is boilerplate (a short reason code), or None to keep it.

    ``line`` is one stripped, non-blank line; ``context`` describes where it sits.
    """
    key = line_key(line)
    words = len(line.split())
    if not _at_least(_LETTER, line, MIN_LETTERS) and not _at_least(_DIGIT, line, MIN_DIGITS):
        return "short_junk"
    if _AD_PLACEHOLDER.match(key):
        return "ad_placeholder"
    if _COMMENT_COUNTER.match(key):
        return "comment_counter"
    if _is_cookie_notice(key):
        return "cookie_notice"
    if key in _RELATED_HEADINGS:
        return "related_heading"
    if words <= RELATED_LINK_MAX_WORDS and _RELATED_LINK.match(key):
        return "related_link"
    if key in context.seen:
        return "repeated_line"
    if words <= COPYRIGHT_MAX_WORDS and _COPYRIGHT.search(key):
        return "copyright_notice"
    if is_prose(line):
        return None
    if key in _NAVIGATION:
        return "navigation"
    if _is_breadcrumb(line, key, words, context):
        return "breadcrumb"
    if reason := menu_reason(line, key):
        return reason
    if words <= BANNER_MAX_WORDS and _BANNER.search(key):
        return "site_banner"
    if words <= SHARE_MAX_WORDS and (_SHARE_CTA.search(key) or _is_social_list(key)):
        return "share_prompt"
    if words <= TAG_LINE_MAX_WORDS and _TAG_LINE.match(key):
        return "tag_list"
    if _READING_TIME.match(key):
        return "reading_time"
    if (
        context.related_open
        and words <= RELATED_ITEM_MAX_WORDS
        and (not context.prose_follows or context.related_items < MAX_INLINE_RELATED_ITEMS)
    ):
        return "related_list"
    return None


def classify_lines(lines: Sequence[str]) -> list[str | None]:
    """Classify every line of a document in order; see :func:`classify_line`.

    ``lines`` are the document's stripped, non-blank lines.
    """
    prose = [is_prose(line) for line in lines]
    prose_follows = [False] * len(lines)
    later = False
    for i in range(len(lines) - 1, -1, -1):
        prose_follows[i] = later
        later = later or prose[i]
    ctx = LineContext(lines=lines)
    out: list[str | None] = []
    tables = table_rows(lines)
    for i, line in enumerate(lines):
        if i in tables:
            out.append("statistics_table")
            continue
        ctx.index = i
        ctx.prose_follows = prose_follows[i]
        reason = classify_line(line, ctx)
        if reason == "related_heading":
            ctx.related_open, ctx.related_items = True, 0
        elif reason == "related_list":
            ctx.related_items += 1
        elif reason is None:
            ctx.related_open = False
        ctx.seen.add(line_key(line))
        out.append(reason)
    return out
