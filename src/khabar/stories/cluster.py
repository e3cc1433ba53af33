"""Assign each new document to a story episode, and each new episode to a thread.

An *episode* is one dated happening (Shoigu in Pyongyang, 13 September 2024) in every language
and outlet that carried it; a *thread* is the long-running story its episodes belong to
(Russia–North Korea military cooperation). The clusterer is incremental: each new document is
compared only with the few stored episodes that share its leading entities in its month
(table ``story_index``), and the chosen story's centroid, span and titles are updated in place.

A document joins an episode when

- a duplicate or translation of it (``doc_links``, owner: dedup) is already in that episode, or
- it shares a person, organisation, city or unlinked name (or a merged event, owner: events) with
  the episode, its content date lies within :data:`EPISODE_WINDOW_DAYS` of the episode's span, and
  its similarity (cosine of rarity-weighted vectors of entities and coded event types, see
  :mod:`khabar.stories.profile`) times a date factor reaches :data:`EPISODE_MIN_SCORE`. Merged
  events are only a shared anchor, not a bonus: on the demo corpus they tie an accusation to the
  signing two days before it.

Otherwise it starts a new episode. That episode joins the thread of the nearest episode of the
same month (:data:`THREAD_NEAR_EPISODE`), else the thread whose states and entities it matches best
(:data:`THREAD_MIN_STATES`, :data:`THREAD_MIN_ENTITIES`, :data:`THREAD_MIN_DYAD`) within
:data:`THREAD_MAX_GAP_DAYS`, else a new thread.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

from khabar.dates import day_gap, first_ordinal, month_of, parse_day, shift_month, sort_key, year_of
from khabar.document import Document
from khabar.kb import KnowledgeBase, load_kb
from khabar.store.base import Store, StoryMember, StoryTables
from khabar.stories.index import rank_candidates
from khabar.stories.profile import Profile, build_profile, cosine
from khabar.stories.record import StoryRecord, from_rows, to_rows
from khabar.stories.titles import theme_states, theme_titles

# Days a report may lie outside an episode's span and still be the same happening: a visit and
# the reports of its second day. Seeds: the Shoigu visits of June 2025 were two weeks apart and
# are two episodes; the demo corpus's arrival (10 March) and signing (11 March) are one visit.
EPISODE_WINDOW_DAYS = 3

# An episode never spans more days than this, so a daily series cannot chain into one episode.
MAX_EPISODE_DAYS = 10

# Entity similarity × date factor needed to join an episode. Tuned by hand on the seeds and
# the demo corpus: translations score above 0.9, same-visit reports in different outlets
# 0.45–0.8, different visits with the same places below 0.3 (they are also kept apart by date).
EPISODE_MIN_SCORE = 0.4

# Date factors: a report dated only to the month, or not at all, is a weaker match.
MONTH_FACTOR = 0.8
UNDATED_FACTOR = 0.7

# Stories scored per document (the best-matching candidates from the index).
CANDIDATES = 12

# A new episode joins the thread with the highest sum of two cosines — of state profiles (which
# states its entities belong to) and of rarity-weighted entity vectors — among the threads
# reaching both minimums. The state minimum keeps threads about the same states; the entity
# minimum keeps a thread from swallowing every story about one country. When episode and thread
# are about the same two states (a dyad such as Russia–North Korea) the dyad is the thread, and
# little entity overlap is needed. Seeds: the Belousov visit (Nov 2024) shares only places and
# states with the Kim–Putin and Shoigu episodes before it (entity cosine 0.20, states 1.0);
# the demo corpus scores 0 against them. On 1,300 synthetic COUNTER pages (bench/dedup.py's batch)
# an entity minimum of 0.3 let one "Pakistani politics" thread take 181 pages; 0.4 and dated-only
# near episodes (below) keep the largest thread at 74.
THREAD_MIN_STATES = 0.7
THREAD_MIN_ENTITIES = 0.4
THREAD_MIN_DYAD = 0.1

# A new dated episode whose first document is this similar to a dated episode of the same month
# (but not enough to join it) goes into that episode's thread. On the demo corpus the "Torkham traffic back
# to normal" wire (three entities) scores 0.29–0.36 against the dispute episodes.
THREAD_NEAR_EPISODE = 0.25

# A thread that has been quiet for longer than this starts again as a new thread.
THREAD_MAX_GAP_DAYS = 730

# Entities (and states) a thread is indexed under for each document it receives.
THREAD_KEYS = 4

# Entities kept with a story's title document to re-check which document is most central.
TITLE_VECTOR = 12

# Merged event ids kept per story for the event bonus.
MAX_STORY_EVENTS = 200


def link_stories(store: Store, docs: list[Document]) -> dict[str, int]:
    """Assign each new document to a story episode and thread (see the module docstring)."""
    return Clusterer(store, load_kb()).run(docs)


class Clusterer:
    """One batch of documents clustered into the stored stories; stories touched stay in memory
    until :meth:`run` writes them back once."""

    def __init__(self, store: Store, kb: KnowledgeBase, today: date | None = None) -> None:
        self.tables: StoryTables = store.stories
        self.kb = kb
        self.today = today
        self.cache: dict[str, StoryRecord] = {}
        self.dirty: set[str] = set()
        # Writes are held until the end of the batch; what this batch adds is looked up here.
        self.assigned: dict[str, str] = {}  # document id -> episode id
        self.doc_rows: list[StoryMember] = []
        self.key_rows: list[tuple[str, str]] = []
        self.new_keys: dict[str, set[str]] = {}
        self.df: dict[str, int] = {}  # documents per entity ("" = all documents)
        self.df_changed: set[str] = {""}
        self.has_links = False
        # Read once per batch (the store does not change until :meth:`flush`): the stored index
        # entries under every key this batch looks up, the same-episode links of its documents
        # and the episodes the linked documents are already in.
        self.stored_index: dict[str, list[str]] = {}
        self.indexed_keys: set[str] = set()
        self.links: dict[str, list[str]] = {}
        self.linked_episode: dict[str, str] = {}
        self.top: dict[str, list[str]] = {}  # document id -> lookup entities (once weighed)
        self.title_vectors: dict[str, list[tuple[str, float]]] = {}
        self.ranked: dict[tuple[str, ...], list[str]] = {}  # stored candidates per key list
        self.counts = {"documents": 0, "episodes": 0, "threads": 0, "by_link": 0, "already": 0}

    def run(self, docs: list[Document]) -> dict[str, int]:
        """Cluster ``docs``, oldest content date first (as if they had arrived in that order)."""
        has_events = self.tables.has_events()
        self.has_links = self.tables.has_links()
        events = self.tables.documents_events([d.id for d in docs]) if has_events else {}
        profiles = [
            build_profile(d, self.kb, events.get(d.id, []) if has_events else None, self.today) for d in docs
        ]
        profiles.sort(key=lambda p: sort_key(p.date.value if p.date else None))
        self.df = self.tables.document_frequencies(e for p in profiles for e in p.entities)
        stored = self.tables.stored_documents([p.id for p in profiles])
        # Weights depend only on the documents counted before, not on where they were placed:
        # weigh the batch first, then read what it looks up in a few queries.
        todo: list[Profile] = []
        seen: set[str] = set()
        for p in profiles:
            if p.id in stored or p.id in seen:
                self.counts["already"] += 1
                continue
            seen.add(p.id)
            self.weigh(p)
            todo.append(p)
        self.prefetch(todo)
        for p in todo:
            self.assigned[p.id] = self.place(p)
        self.flush()
        for d in docs:
            d.story = self.assigned.get(d.id, d.story)
        return self.counts

    def prefetch(self, profiles: list[Profile]) -> None:
        """Read what placing ``profiles`` looks up: stored index entries under their episode and
        thread keys, their same-episode links, and their candidate episodes."""
        episode_keys: dict[str, list[str]] = {}
        thread_keys: dict[str, list[str]] = {}
        for p in profiles:
            episode_keys[p.id] = _episode_keys(p, self.lookup(p))
            thread_keys[p.id] = [f"t|{e}" for e in _thread_keys(p, self.lookup(p))]
        keys = {k for ks in (*episode_keys.values(), *thread_keys.values()) for k in ks}
        self.stored_index = self.tables.index_entries(keys)
        self.indexed_keys = keys
        self.ranked = {}
        wanted: set[str] = set()
        # Thread candidates are ranked (and loaded) when a new episode looks for its thread.
        for ks in episode_keys.values():
            ranked = self.ranked[tuple(ks)] = rank_candidates(self.stored_index, ks, CANDIDATES)
            wanted.update(ranked)
        if self.has_links:
            self.links = self.tables.same_episode_links([p.id for p in profiles])
            self.linked_episode = self.tables.episodes_of({o for os in self.links.values() for o in os})
            wanted.update(self.linked_episode.values())
        self.cache.update(self.load(sorted(wanted - self.cache.keys())))

    def lookup(self, p: Profile) -> list[str]:
        """``p.lookup()`` once ``p`` is weighed (computed once)."""
        top = self.top.get(p.id)
        if top is None:
            top = self.top[p.id] = p.lookup()
        return top

    # --- one document ---------------------------------------------------------------------
    def weigh(self, p: Profile) -> None:
        """Count ``p`` in the document frequencies and weight its entities by rarity
        (× ``1 + ln(N / df)``), so that a country named everywhere says little and a person
        named in a few documents says much."""
        self.df[""] += 1
        for e in p.entities:
            self.df[e] = self.df.get(e, 0) + 1
            self.df_changed.add(e)
        total = self.df[""]
        p.entities = {e: w * (1.0 + math.log(total / self.df[e])) for e, w in p.entities.items()}
        p.norm = math.sqrt(sum(w * w for w in p.entities.values()))

    def place(self, p: Profile) -> str:
        """Put one document in an episode (and its thread); return the episode id."""
        episode, score, near = self.find_episode(p)
        if episode is None:
            episode, score = self.new_story("episode", p), 1.0
            # A report close to an episode of the same days, but not of the same happening, is
            # in that episode's thread; else the thread is looked up by states and entities.
            thread = self.story(near.parent) if near is not None and near.parent else None
            if thread is None:
                thread, _ = self.find_thread(p)
            if thread is None:
                thread = self.new_story("thread", p)
            episode.parent = thread.id
            thread.data["episodes"] = thread.data.get("episodes", 0) + 1
        thread = self.story(episode.parent) if episode.parent else None
        date_value = p.date.value if p.date else None
        self.add(episode, p)
        self.doc_rows.append(StoryMember(episode.id, p.id, score, date_value))
        self.index_episode(episode, p)
        if thread is not None:
            self.add(thread, p)
            self.doc_rows.append(StoryMember(thread.id, p.id, score, date_value))
            self.index_thread(thread, p)
        self.counts["documents"] += 1
        return episode.id

    def find_episode(self, p: Profile) -> tuple[StoryRecord | None, float, StoryRecord | None]:
        """The episode ``p`` belongs to and its score, or (None, 0); and the nearest episode
        (similar at :data:`THREAD_NEAR_EPISODE` or more), or None."""
        if self.has_links:
            linked = set()
            for other in self.links.get(p.id, ()):
                episode = self.assigned.get(other) or self.linked_episode.get(other)
                if episode:
                    linked.add(episode)
            if linked:
                self.counts["by_link"] += 1
                return self.story(sorted(linked)[0]), 1.0, None
        keys = _episode_keys(p, self.lookup(p))
        best, best_score = None, 0.0
        near, near_similarity = None, THREAD_NEAR_EPISODE
        for sid in self.candidates(keys):
            story = self.story(sid)
            score, similarity = self.episode_score(p, story)
            if score > best_score:
                best, best_score = story, score
            if similarity >= near_similarity and p.date and story.start:
                near, near_similarity = story, similarity
        if best_score >= EPISODE_MIN_SCORE:
            return best, best_score, None
        return None, 0.0, near

    def episode_score(self, p: Profile, episode: StoryRecord) -> tuple[float, float]:
        """How well ``p`` fits ``episode`` (0 when the dates disagree), and their entity similarity
        (0 when they share no anchor or event)."""
        # (The episode's JSON is only read when the document has merged events.)
        shared_events = bool(p.events) and bool(set(p.events) & set(episode.data.get("events", [])))
        if not shared_events and not any(e in episode.weights for e in p.anchors):
            return 0.0, 0.0
        similarity = episode.similarity(p.entities, p.norm)
        factor = date_factor(p.date.value if p.date else None, episode.start, episode.end)
        if factor <= 0:
            return 0.0, similarity
        return similarity * factor, similarity

    def find_thread(self, p: Profile) -> tuple[StoryRecord | None, float]:
        """The thread a new episode starting with ``p`` belongs to, or (None, 0)."""
        keys = [f"t|{e}" for e in _thread_keys(p, self.lookup(p))]
        best, best_score = None, 0.0
        theme = set(theme_states(p.states))
        for sid in self.candidates(keys):
            thread = self.story(sid)
            if p.date and not _within(p.date.value, thread.start, thread.end, THREAD_MAX_GAP_DAYS):
                continue
            data = thread.data
            states = cosine(p.states, data.get("states", {}))
            if states < THREAD_MIN_STATES:
                continue
            entities = thread.similarity(p.entities, p.norm)
            dyad = len(theme & set(data.get("theme_states", []))) >= 2
            if entities < (THREAD_MIN_DYAD if dyad else THREAD_MIN_ENTITIES):
                continue
            score = states + entities
            if score > best_score:
                best, best_score = thread, score
        return best, best_score

    # --- story state ----------------------------------------------------------------------
    def candidates(self, keys: list[str]) -> list[str]:
        """Stories indexed under the most of ``keys``: stored ones and those indexed in this batch."""
        found = self.ranked.get(tuple(keys))
        if found is None and self.indexed_keys.issuperset(keys):
            found = rank_candidates(self.stored_index, keys, CANDIDATES)
        elif found is None:
            found = self.tables.candidates(keys, CANDIDATES)
        fresh = rank_candidates(self.new_keys, keys, CANDIDATES)
        ids = list(dict.fromkeys([*found, *fresh]))
        missing = [i for i in ids if i not in self.cache]
        if missing:
            self.cache.update(self.load(missing))
        return ids

    def story(self, sid: str) -> StoryRecord:
        """A story from this batch's working set, loading it on first use."""
        if sid not in self.cache:
            self.cache.update(self.load([sid]))
        return self.cache[sid]

    def load(self, ids: list[str]) -> dict[str, StoryRecord]:
        """The stored stories with these ids, as records."""
        return from_rows(*self.tables.load(ids))

    def new_story(self, level: str, p: Profile) -> StoryRecord:
        """A new episode or thread named after its first document."""
        prefix = "ep-" if level == "episode" else "th-"
        story = StoryRecord(id=prefix + p.id[:12], level=level, new=True)
        story.data = {"documents": 0, "languages": {}, "outlets": {}, "dates": {}, "titles": {}, "names": {}}
        self.cache[story.id] = story
        self.dirty.add(story.id)
        self.counts["episodes" if level == "episode" else "threads"] += 1
        return story

    def add(self, story: StoryRecord, p: Profile) -> None:
        """Add ``p`` to a story's counts, centroid, states, dates, span and central titles."""
        data = story.data
        data["documents"] = data.get("documents", 0) + 1
        _bump(data.setdefault("languages", {}), p.lang)
        if p.outlet:
            _bump(data.setdefault("outlets", {}), p.outlet)
        story.add_entities(p.entities)
        states = data.setdefault("states", {})
        for s, w in p.states.items():
            states[s] = states.get(s, 0.0) + w
        names = data.setdefault("names", {})
        for e in p.anchors:
            if e.startswith("u:") and e in p.names:
                names.setdefault(e, p.names[e])
        if p.events:
            data["events"] = sorted(set(data.get("events", [])) | set(p.events))[:MAX_STORY_EVENTS]
        if p.date:
            _add_date(story, p.date.value)
        titles = data.setdefault("titles", {})
        current = titles.get(p.lang)
        mine = story.similarity(p.entities, p.norm)
        if current is None or mine > story.similarity(current.get("vec", {})) + 1e-9:
            titles[p.lang] = {"doc": p.id, "title": p.title, "vec": self.title_vector(p)}
        if story.level == "thread":
            data["theme_states"] = theme_states(states)
            # The theme's titles only name the states: written once per batch (see flush).
            data.setdefault("theme", {})
        self.dirty.add(story.id)

    def title_vector(self, p: Profile) -> dict[str, float]:
        """The heaviest :data:`TITLE_VECTOR` entities of ``p``, kept with a title (a new dict each call)."""
        top = self.title_vectors.get(p.id)
        if top is None:
            top = self.title_vectors[p.id] = sorted(p.entities.items(), key=lambda kv: -kv[1])[:TITLE_VECTOR]
        return dict(top)

    def index_episode(self, episode: StoryRecord, p: Profile) -> None:
        """Index the episode under (month, entity) for each month its date window touches."""
        months = _episode_months(episode)
        known = set(episode.data.get("months", []))
        top = self.lookup(p)
        rows = [(f"{m}|{e}", episode.id) for m in months for e in top]
        if set(months) - known:
            # The window reached a new month: index the episode's leading entities there too.
            lead = sorted(episode.weights.items(), key=lambda kv: -kv[1])[: 2 * len(top) or 1]
            rows += [(f"{m}|{e}", episode.id) for m in set(months) - known for e, _ in lead]
            episode.data["months"] = sorted(known | set(months))
        self.add_keys(rows)

    def index_thread(self, thread: StoryRecord, p: Profile) -> None:
        """Index the thread under the document's leading entities and states."""
        self.add_keys([(f"t|{e}", thread.id) for e in _thread_keys(p, self.lookup(p))])

    def add_keys(self, rows: list[tuple[str, str]]) -> None:
        """Index stories under lookup keys (written at the end of the batch)."""
        for key, sid in rows:
            self.new_keys.setdefault(key, set()).add(sid)
        self.key_rows.extend(rows)

    def flush(self) -> None:
        """Write every story this batch touched, then its documents, index keys and counts."""
        # Threads first: an episode row refers to its thread.
        stories = sorted((self.cache[s] for s in self.dirty), key=lambda s: (s.level != "thread", s.id))
        themes: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, str]] = {}
        for story in stories:
            if story.level == "thread":
                names, languages = story.data.get("theme_states", []), story.data.get("languages", {})
                key = (tuple(names), tuple(languages))
                if key not in themes:
                    themes[key] = theme_titles(self.kb, names, languages)
                story.data["theme"] = dict(themes[key])
        self.tables.save(*to_rows(stories))
        # Rows in key order: each B-tree page is visited once.
        self.tables.add_documents(sorted(self.doc_rows, key=lambda r: (r.story_id, r.doc_id)))
        self.tables.add_keys(sorted(set(self.key_rows)))
        self.tables.save_document_frequencies({e: self.df[e] for e in sorted(self.df_changed)})
        self.dirty.clear()
        self.doc_rows, self.key_rows, self.new_keys = [], [], {}


def date_factor(value: str | None, start: str | None, end: str | None) -> float:
    """How far a document date lets it join an episode spanning ``start``–``end``: 1 for a day
    inside the window, MONTH_FACTOR for a month match, UNDATED_FACTOR when either is undated, 0 when
    the dates disagree or the episode would span more than MAX_EPISODE_DAYS."""
    if value is None or start is None or end is None:
        return UNDATED_FACTOR
    if parse_day(value) and parse_day(start) and parse_day(end):
        to_start, to_end = day_gap(value, start), day_gap(value, end)
        if to_start is None or to_end is None:
            return 0.0
        span = day_gap(start, end) or 0
        inside = to_start + to_end == span
        gap = 0 if inside else min(to_start, to_end)
        if gap > EPISODE_WINDOW_DAYS or (not inside and span + gap > MAX_EPISODE_DAYS):
            return 0.0
        return 1.0
    month = month_of(value)
    return MONTH_FACTOR if month is not None and month in {month_of(start), month_of(end)} else 0.0


@lru_cache(maxsize=65536)
def _within(value: str, start: str | None, end: str | None, days: int) -> bool:
    """Whether dated ``value`` lies within ``days`` of ``start``–``end`` (True when unknown or
    year-less); a month counts from its first day."""
    v = first_ordinal(value)
    lo = first_ordinal(start) if start else None
    hi = first_ordinal(end) if end else None
    if v is None or lo is None or hi is None or year_of(value) is None or year_of(start) is None:
        return True
    return lo - days <= v <= hi + days


def _month_key(p: Profile) -> str:
    return (month_of(p.date.value) or "-") if p.date else "-"


def _episode_months(episode: StoryRecord) -> list[str]:
    return list(_span_months(episode.start, episode.end))


@lru_cache(maxsize=4096)
def _span_months(start: str | None, end: str | None) -> tuple[str, ...]:
    if not start or not end:
        return ("-",)
    if not parse_day(start) or not parse_day(end):
        return tuple(sorted({m for m in (month_of(start), month_of(end)) if m}))
    lo = shift_month(start, -EPISODE_WINDOW_DAYS)
    hi = shift_month(end, EPISODE_WINDOW_DAYS)
    return tuple(sorted({m for m in (lo, month_of(start), month_of(end), hi) if m}))


def _episode_keys(p: Profile, top: list[str]) -> list[str]:
    month = _month_key(p)
    return [f"{month}|{e}" for e in top]


def _thread_keys(p: Profile, top: list[str]) -> list[str]:
    states = sorted(p.states.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    return list(dict.fromkeys([*top[:THREAD_KEYS], *(s for s, _ in states)]))


def _add_date(story: StoryRecord, value: str) -> None:
    """Count a document date in the story's ``dates`` and update its span and most frequent day
    (``date``: most documents, then earliest). Only ``value``'s count changes, so the span and the
    most frequent day move only to ``value``; distinct values have distinct sort keys."""
    data = story.data
    dates = data.setdefault("dates", {})
    _bump(dates, value)
    best = data.get("date")
    if story.start is None or story.end is None or best not in dates or len(dates) == 1:
        story.start, story.end = min(dates, key=sort_key), max(dates, key=sort_key)
        data["date"] = min(dates.items(), key=lambda kv: (-kv[1], sort_key(kv[0])))[0]
        return
    key = sort_key(value)
    if key < sort_key(story.start):
        story.start = value
    if key > sort_key(story.end):
        story.end = value
    if (-dates[value], key) < (-dates[best], sort_key(best)):
        data["date"] = value


def _bump(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1
