"""English roles, read subject–verb–object: the party before the trigger acts, the one after it
is acted on; in the passive ("was attacked by") the two swap."""

from __future__ import annotations

from khabar.events.parse import DocView, Party, coordination_group


def roles_svo(
    view: DocView, usable: list[Party], t0: int, t1: int, ca: int, cb: int
) -> tuple[list[Party], list[Party], bool]:
    """(actors, recipients, whether an actor was found) of trigger ``[t0, t1)`` in clause ``[ca, cb)``."""
    before = [p for p in usable if ca <= p.t0 and p.t1 <= t0]
    after = [p for p in usable if t1 <= p.t0 < cb]
    keys = view.keys
    passive = t0 > 0 and keys[t0 - 1] in ("was", "were", "been", "be")
    if passive:
        agent = [p for p in after if p.t0 > 0 and keys[p.t0 - 1] == "by"]
        actors = coordination_group(usable, agent[0]) if agent else []
        recipients = coordination_group(usable, before[-1]) if before else []
        return actors, recipients, bool(agent)
    actors = coordination_group(usable, before[-1]) if before else []
    recipients = coordination_group(usable, after[0]) if after else []
    return actors, recipients, bool(actors)
