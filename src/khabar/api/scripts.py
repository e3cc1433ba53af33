"""A document's title and text in the other Hindustani script, for the document page and API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from khabar.bridge import convert
from khabar.document import Document

#: The ``?script=`` parameter: show the title and text in Devanagari or in Urdu script.
ScriptParam = Annotated[
    str | None,
    Query(pattern="^(Arab|Deva)$", description="Show title and text in this script (Deva or Arab)"),
]
#: The script a page of each language can also be shown in.
OTHER_SCRIPT = {"ur": "Deva", "hi": "Arab"}
#: The BCP 47 tag and writing direction of a page shown in a script, by the page's language.
SHOWN_LANG = {("ur", "Deva"): "ur-Deva", ("hi", "Arab"): "hi-Arab"}
DIRECTION = {"Deva": "ltr", "Arab": "rtl"}


def in_script(doc: Document, script: str) -> dict[str, Any]:
    """The document's title and text written in ``script`` (transliterated, names as the KB has them)."""
    return {
        "script": script,
        "title": convert(doc.title, script) if doc.title else "",
        "text": convert(doc.text, script),
        "lang": SHOWN_LANG.get((doc.lang, script), doc.lang),
        "dir": DIRECTION[script],
    }
