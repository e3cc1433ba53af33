"""Who a pronoun ("انہوں نے", "उन्होंने") or "both sides" ("دونوں ممالک") stands for: earlier
parties of the sentence, the subjects of the sentences before it, the states named so far."""

from __future__ import annotations

from khabar.events.context import Context
from khabar.events.parse import Party
from khabar.events.states import state_of

#: Earlier sentences searched for the subject a sentence-initial "انہوں نے"/"उन्होंने" refers to.
PRONOUN_LOOKBACK = 2


def party_ids(group: list[Party], usable: list[Party], ctx: Context, date: str | None) -> list[str]:
    """The entity ids a group of parties stands for on ``date``, pronouns and "both" resolved."""
    out: list[str] = []
    for p in group:
        ids: list[str] = []
        if p.kind == "both":
            ids = _both(ctx, [q for q in usable if q.t1 <= p.t0], date)
        elif p.kind == "pronoun":
            earlier = [
                q
                for q in usable
                if q.t1 <= p.t0
                and q.label == "PERSON"
                and q.entity
                and q.marker in ("erg", "none", "gen_mod")
            ]
            subjects = [q for q in earlier if q.marker == "erg"]
            person = (subjects or earlier)[-1] if earlier else None
            if person and person.entity:
                ids = [person.entity]
            else:
                before = _previous_subject(ctx, date)
                ids = [before] if before else ([ctx.last_actor] if ctx.last_actor else [])
        elif p.entity:
            ids = [p.entity]
        out.extend(i for i in ids if i not in out)
    return out


def _previous_subject(ctx: Context, date: str | None) -> str | None:
    """The person before ergative نے/ने in the last sentences of the paragraph ("انہوں نے" refers
    to them more often than to the last event's actor)."""
    view = ctx.view
    if view is None:
        return None
    for earlier in reversed(ctx.done[-PRONOUN_LOOKBACK - 1 : -1]):
        if not earlier.active:
            continue
        found = [
            q
            for q in view.parties(earlier, date)
            if q.marker == "erg" and q.label == "PERSON" and q.entity and not q.agency and q.kind != "pronoun"
        ]
        if found:
            return found[-1].entity
    return None


def _flush(ctx: Context) -> None:
    """Note the states the sentences read so far name, for "both sides" (done only when one needs
    it: most documents never do, and reading every sentence's parties costs time)."""
    view = ctx.view
    for earlier in ctx.pending:
        if view is None:
            break
        if earlier.active:
            _note_states(ctx, view.parties(earlier, ctx.published))
            continue
        for m in view.doc.mentions:  # not tokenized: its named entities are enough here
            if earlier.start <= m.start < earlier.end and m.label != "ROLE" and m.entity:
                found = view._kb.get(m.entity)
                if found is None or found.kind != "agency":
                    state = state_of(m.entity, ctx.published)
                    if state:
                        ctx.states.append(state)
    ctx.pending.clear()


def _note_states(ctx: Context, parties: list[Party]) -> None:
    for p in parties:
        if p.agency or p.entity is None:
            continue
        state = state_of(p.entity, ctx.published)
        if state:
            ctx.states.append(state)


def _both(ctx: Context, before: list[Party], date: str | None) -> list[str]:
    """ "Both sides": the last two states named in this sentence, else of the last events, else named."""
    _flush(ctx)
    here = [state_of(p.entity, date) for p in before if p.entity and not p.agency]
    for states in (here, [*ctx.event_states, *here], [*ctx.states, *here]):
        pair = _last_two(states)
        if pair:
            return pair
    return []


def _last_two(states: list[str | None]) -> list[str]:
    seen: list[str] = []
    for state in reversed(states):
        if state and state not in seen:
            seen.append(state)
        if len(seen) == 2:
            break
    return list(reversed(seen)) if len(seen) == 2 else []
