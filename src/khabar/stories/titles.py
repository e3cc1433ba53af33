"""Story titles: a thread's from the states it is about, in each language it was reported in,
and a story's title per language (:func:`story_titles`)."""

from __future__ import annotations

from typing import Any

from khabar.kb import KnowledgeBase

# A state is named in a thread's title when its weight is at least this share of the leading
# state's: on the seeds Russia and North Korea both pass, the United States and Ukraine (named
# in passing) do not.
THEME_STATE_SHARE = 0.4

# At most this many states in a title ("Pakistan – Uzbekistan – Afghanistan").
THEME_STATES = 3

# The alias script used for a language's title; other languages use the KB label.
SCRIPT_OF = {"ur": "Arab", "hi": "Deva", "en": "Latn"}

SEPARATOR = " – "


def theme_states(states: dict[str, float]) -> list[str]:
    """The states a thread is about: the leading one and those close to it, heaviest first."""
    ranked = sorted(states.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    top = ranked[0][1]
    return [s for s, w in ranked[:THEME_STATES] if w >= THEME_STATE_SHARE * top]


def theme_titles(kb: KnowledgeBase, names: list[str], languages: dict[str, int]) -> dict[str, str]:
    """``{lang: "Russia – North Korea"}`` for each language present, when the thread is about two or
    more states (``names``, from :func:`theme_states`); empty otherwise (the thread then takes its
    central document's title)."""
    if len(names) < 2:
        return {}
    out = {}
    for lang in languages:
        script = SCRIPT_OF.get(lang)
        parts = []
        for state in names:
            entity = kb.get(state)
            if entity is None:
                parts.append(state)
                continue
            aliases = entity.aliases.get(script, []) if script and script != "Latn" else []
            parts.append(aliases[0] if aliases else entity.label)
        out[lang] = SEPARATOR.join(parts)
    return out


def story_titles(data: dict[str, Any]) -> dict[str, str]:
    """A story's title per language: its theme ("Russia – North Korea") for a thread about two or
    more states, else the title of its most central document in that language."""
    titles = {lang: t["title"] for lang, t in data.get("titles", {}).items()}
    titles.update(data.get("theme") or {})
    return titles
