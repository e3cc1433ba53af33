"""The line-level boilerplate filter: each rule on real debris, and never on body sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.clean.boilerplate import LineContext, classify_line, classify_lines, is_prose

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _seed_lines(name: str) -> list[str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Inquilab Logo Happiest Places to Work", "site_banner"),
        ("خبرنامہ لوگو", "site_banner"),
        (
            "This website uses cookie or similar technologies, to enhance your browsing experience and "
            "provide personalised recommendations. By continuing to use our website, you agree to our "
            "Privacy Policy and Cookie Policy. OK",
            "cookie_notice",
        ),
        ("We use cookies. Accept", "cookie_notice"),
        ("مقبول مضامین", "related_heading"),
        ("متعلقہ خبریں", "related_heading"),
        ("Related News", "related_heading"),
        ("संबंधित खबरें", "related_heading"),
        ("यह भी पढ़ें", "related_heading"),
        ("यह भी पढ़ें:", "related_heading"),
        ("यह भी पढ़ें: दिल्ली में भारी बारिश से जनजीवन अस्त-व्यस्त", "related_link"),
        ("ALSO READ | India beat Australia in the final", "related_link"),
        ("تبصرہ (0)", "comment_counter"),
        ("टिप्पणी (0)", "comment_counter"),
        ("Comments (3)", "comment_counter"),
        ("تبصرے (۱۲)", "comment_counter"),
        ("[विज्ञापन_2]", "ad_placeholder"),
        ("[ad_1]", "ad_placeholder"),
        ("Advertisement", "ad_placeholder"),
        ("اشتہار", "ad_placeholder"),
        ("Home > World > Asia", "breadcrumb"),
        ("होम » देश » उत्तर प्रदेश", "breadcrumb"),
        ("ر", "short_junk"),
        ("|", "short_junk"),
        ("۔", "short_junk"),
        ("Share this article", "share_prompt"),
        ("Follow us on Twitter", "share_prompt"),
        ("ہمیں واٹس ایپ پر فالو کریں", "share_prompt"),
        ("Google News पर हमें फॉलो करें", "share_prompt"),
        ("Facebook Twitter WhatsApp", "share_prompt"),
        ("Skip to content", "navigation"),
        ("© 2024 Khabarnama. All rights reserved.", "copyright_notice"),
        ("Tags: Russia, North Korea, Kim Jong Un", "tag_list"),
    ],
)
def test_rule_catches_debris(line: str, reason: str) -> None:
    assert classify_line(line, LineContext(lines=[line])) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Musk buys Twitter",
        "Homes destroyed by floods in Sindh",
        "होमगार्ड जवानों की भर्ती शुरू",
        "Kim Jong Un and Vladimir Putin. (AP/PTI)",
        "Updated: September 14, 2023, 10:54 AM IST | Pyongyang",
        "ماخذ: https://baoquocte.vn/what-in-the-gap-of-president-of-northern-state-of-russia-286239.html",
        "Google will stop websites that use cookies to track users, the company said on Tuesday.",
        "Ok.",
        "4,66   4,68   4,52",
        "| Strecke | Aufgabe | Pause |",
        "کم جونگ اُن سے دو ہفتوں میں دوسرا متوقع رابطہ",
    ],
)
def test_rule_keeps_content(line: str) -> None:
    assert classify_line(line, LineContext(lines=[line])) is None


def test_glued_breadcrumb_needs_the_headline_it_swallowed() -> None:
    crumb = "ہومبین الاقوامیروس شمالی کوریا دفاعی شراکت کو وسعت دینے پر آمادہ"
    title = "روس شمالی کوریا دفاعی شراکت کو وسعت دینے پر آمادہ"
    assert classify_lines([crumb, title]) == ["breadcrumb", None]
    # alone it could be a headline that happens to start with "ہوم": kept
    assert classify_lines([crumb]) == [None]


def test_repeated_line_is_dropped_after_its_first_occurrence() -> None:
    lines = ["پاکستان اور چین کا معاہدہ", "دونوں ممالک نے معاہدے پر دستخط کیے۔", "پاکستان اور چین کا معاہدہ"]
    assert classify_lines(lines) == [None, None, "repeated_line"]


def test_related_list_runs_to_the_end_of_the_page() -> None:
    body = "روسی وزیر دفاع نے پیانگ یانگ کا دورہ کیا اور شمالی کوریا کے رہنماؤں سے ملاقات کی۔"
    lines = [body, "متعلقہ خبریں", "ایران میں زلزلہ", "کراچی میں بارش", "لاہور میں ٹریفک جام"]
    assert classify_lines(lines) == [None, "related_heading", "related_list", "related_list", "related_list"]


def test_inline_related_block_stops_before_the_story_resumes() -> None:
    s1 = "दिल्ली में मंगलवार को भारी बारिश हुई जिससे कई इलाकों में पानी भर गया।"
    s2 = "मौसम विभाग ने कहा कि अगले दो दिनों तक बारिश जारी रहने की संभावना है।"
    lines = [s1, "यह भी पढ़ें", "मुंबई में लोकल ट्रेनें रुकीं", "कोलकाता में अलर्ट", "पटना का हाल", s2]
    reasons = classify_lines(lines)
    assert reasons[1:4] == ["related_heading", "related_list", "related_list"]
    assert reasons[4] is None  # at most two headline lines belong to an inline block
    assert reasons[5] is None and reasons[0] is None


def test_prose_after_a_related_heading_is_kept() -> None:
    prose = "شمالی کوریا کے سربراہ کم جونگ ان نے روسی صدر سے ملاقات کی اور تعاون بڑھانے پر اتفاق کیا۔"
    assert classify_lines(["Related News", prose]) == ["related_heading", None]


def test_is_prose() -> None:
    assert is_prose("RIA کے مطابق، یہ ملاقات خاص طور پر دوستانہ ماحول میں ہوئی۔")
    assert not is_prose("Inquilab Logo Happiest Places to Work")


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", {"تبصرہ (0)": "comment_counter"}),
        ("001", {"[विज्ञापन_2]": "ad_placeholder", "टिप्पणी (0)": "comment_counter"}),
        ("002", {"تبصرہ (0)": "comment_counter"}),
        (
            "003",
            {
                "Inquilab Logo Happiest Places to Work": "site_banner",
                "متعلقہ خبریں": "related_heading",
                "This website uses cookie": "cookie_notice",
            },
        ),
        (
            "004",
            {"ہومبین الاقوامیروس": "breadcrumb", "ر": "short_junk", "مقبول مضامین": "related_heading"},
        ),
    ],
)
def test_seed_debris_and_only_debris_is_dropped(seed: str, expected: dict[str, str]) -> None:
    lines = _seed_lines(seed)
    reasons = classify_lines(lines)
    dropped = {line: r for line, r in zip(lines, reasons, strict=True) if r is not None}
    for start, reason in expected.items():
        hits = [
            r for line, r in dropped.items() if line == start or (len(start) > 3 and line.startswith(start))
        ]
        assert hits == [reason], (start, dropped)
    # every line that is not listed debris is kept: no body sentence is ever dropped
    for line, r in zip(lines, reasons, strict=True):
        if not any(line == s or (len(s) > 3 and line.startswith(s)) for s in expected):
            assert r is None, (line, r)
