"""Documents built by hand for story tests."""

from __future__ import annotations

from khabar.document import Document, Mention, PublishedDate, Segment, Source, TimeRef

LABELS = {"per": "PERSON", "org": "ORG", "loc": "LOC", "u": "PERSON"}

#: Entity counts (id -> mentions) of two unrelated stories: Shoigu in Pyongyang, and a trade deal.
VISIT = {
    "per:sergei-shoigu": 3,
    "per:kim-jong-un": 2,
    "loc:pyongyang": 2,
    "loc:russia": 2,
    "loc:north-korea": 2,
}
TRADE = {"u:srmdn": 2, "loc:tashkent": 3, "loc:pakistan": 2, "loc:uzbekistan": 2}


def news(
    name: str,
    entities: dict[str, int],
    day: str | None = None,
    *,
    lang: str = "ur",
    title: str = "",
    published: PublishedDate | None = None,
    roles: tuple[tuple[str, str], ...] = (),
) -> Document:
    """A document mentioning ``entities`` (id -> times) with ``day`` in its body text.

    ``roles`` are (role id, person id) title mentions such as ("role:secretary", "per:sergei-shoigu").
    """
    text = f"{title or name}\n" + "body " * 20
    doc = Document(source=Source(uri=f"mem://{name}", kind="txt"), raw=text, text=text, lang=lang)
    doc.title = title or name
    cut = len(title or name)
    doc.segments = [Segment(0, cut, "title", lang), Segment(cut + 1, len(text), "body", lang)]
    pos = cut + 1
    for entity, n in entities.items():
        for _ in range(n):
            label = LABELS[entity.split(":")[0]]
            doc.mentions.append(Mention(pos, pos + 4, label, None, 0.9, text="body", entity=entity))
            pos += 5
    for role, person in roles:
        doc.mentions.append(
            Mention(pos, pos + 4, "ROLE", None, 0.9, text="body", entity=role, role_of=person)
        )
        pos += 5
    if day:
        doc.times.append(TimeRef(cut + 1, cut + 5, day, "day", confidence=0.9, text="body"))
    doc.published = published
    return doc
