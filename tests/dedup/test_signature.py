"""Content hash, MinHash and LSH keys: copies hash alike however wrapped or typed."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.dedup.signature import (
    BANDS,
    NUM_PERM,
    band_keys,
    containment,
    content_hash,
    content_text,
    jaccard,
    minhash,
    shingle_hashes,
    text_words,
)
from khabar.document import Document, Segment, Source

STORY = (
    "روسی سلامتی کونسل کے سیکرٹری سرگئی شوئیگو نے پیانگ یانگ کا دورہ کیا اور شمالی کوریا کے رہنما "
    "کم جونگ ان سے ملاقات کی۔ دونوں فریقوں نے دو طرفہ تعاون کو مضبوط بنانے پر بات چیت کی اور "
    "علاقائی صورتحال پر تبادلہ خیال کیا۔ 14 ستمبر کو سرکاری خبر رساں ایجنسی نے ملاقات کی اطلاع دی۔"
)


def signature_of(text: str) -> np.ndarray:
    return minhash(shingle_hashes(text_words(text)))


def test_hash_ignores_wrapping_and_spacing() -> None:
    wrapped = STORY.replace("۔ ", "۔\n").replace(" کے ", "  کے ")
    assert content_hash(STORY) == content_hash(wrapped)
    assert content_hash(STORY) != content_hash(STORY + " مزید")


def test_content_text_folds_arabic_letter_forms_and_skips_titles() -> None:
    arabic_forms = STORY.replace("ی", "ي").replace("ک", "ك")
    doc_a = _doc(STORY, title="پہلی سرخی")
    doc_b = _doc(arabic_forms, title="دوسری سرخی")
    assert content_text(doc_a) == content_text(doc_b)


def test_identical_texts_have_identical_signatures_and_keys() -> None:
    a, b = signature_of(STORY), signature_of(STORY)
    assert jaccard(a, b) == 1.0
    assert band_keys(a) == band_keys(b)
    assert len(set(band_keys(a))) == BANDS


def test_unrelated_texts_share_almost_nothing() -> None:
    other = "بھارت میں کرکٹ ٹیم نے آسٹریلیا کے خلاف ٹیسٹ سیریز جیت لی اور کپتان نے کھلاڑیوں کی تعریف کی"
    assert jaccard(signature_of(STORY), signature_of(other)) < 0.1


def test_a_cut_copy_is_contained_in_its_original() -> None:
    words = STORY.split()
    cut = " ".join(words[: len(words) * 6 // 10])
    a, b = signature_of(STORY), signature_of(cut)
    size_a, size_b = len(shingle_hashes(text_words(STORY))), len(shingle_hashes(text_words(cut)))
    assert containment(jaccard(a, b), size_a, size_b) >= 0.8


def test_empty_text_has_a_signature() -> None:
    sig = signature_of("")
    assert sig.shape == (NUM_PERM,)
    assert jaccard(sig, signature_of(STORY)) == 0.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=20, max_size=120), st.lists(st.integers(0, 400), min_size=20))
def test_minhash_estimates_jaccard(xs: list[int], ys: list[int]) -> None:
    a, b = np.unique(np.array(xs, dtype=np.uint64)), np.unique(np.array(ys, dtype=np.uint64))
    true = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    # 96 permutations: the standard error is at most 0.05; five of them is a generous bound.
    assert abs(jaccard(minhash(a), minhash(b)) - true) < 0.26


def _doc(body: str, title: str) -> Document:
    text = f"{title}\n{body}"
    segments = [Segment(0, len(title), "title"), Segment(len(title) + 1, len(text), "body")]
    return Document(source=Source(uri="t", kind="txt"), raw=text, text=text, segments=segments)
