"""The PLOVER event ontology Khabar codes: types, their quad class, modes, and older-PLOVER names."""

from __future__ import annotations

VERBAL_COOPERATION = "verbal_cooperation"
MATERIAL_COOPERATION = "material_cooperation"
VERBAL_CONFLICT = "verbal_conflict"
MATERIAL_CONFLICT = "material_conflict"

#: PLOVER type -> quad class (PLOVER manual 2021, "quad categories").
QUADS: dict[str, str] = {
    "AGREE": VERBAL_COOPERATION,
    "CONSULT": VERBAL_COOPERATION,
    "SUPPORT": VERBAL_COOPERATION,
    "CONCEDE": VERBAL_COOPERATION,
    "REQUEST": VERBAL_COOPERATION,
    "COOPERATE": MATERIAL_COOPERATION,
    "AID": MATERIAL_COOPERATION,
    "RETREAT": MATERIAL_COOPERATION,
    "ACCUSE": VERBAL_CONFLICT,
    "REJECT": VERBAL_CONFLICT,
    "THREATEN": VERBAL_CONFLICT,
    "DEMAND": VERBAL_CONFLICT,
    "PROTEST": MATERIAL_CONFLICT,
    "SANCTION": MATERIAL_CONFLICT,
    "MOBILIZE": MATERIAL_CONFLICT,
    "COERCE": MATERIAL_CONFLICT,
    "ASSAULT": MATERIAL_CONFLICT,
}

EVENT_TYPES: tuple[str, ...] = tuple(QUADS)

#: Modes Khabar assigns, per type (PLOVER modes; ``deny`` is REJECT of an accusation).
MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "host", "meet", "phone", "multilateral", "discuss"),
    "ACCUSE": ("allege", "disapprove", "investigate"),
    "REJECT": ("deny", "refuse", "veto"),
    "COOPERATE": ("military", "economic", "diplomatic"),
    "AGREE": ("sign", "intent"),
    "AID": ("military", "economic", "humanitarian"),
    "ASSAULT": ("fight", "kill", "bomb", "shell"),
    "COERCE": ("arrest", "ban", "deport", "seize", "curfew"),
}

#: Modes that name one side of one happening: a visit and its hosting are the same meeting
#: seen from the two parties, a meeting is symmetric.
SYMMETRIC_MODES = frozenset({"meet", "discuss", "multilateral", "phone"})

#: Older PLOVER names used by the PLOVER gold-standard records (GSR 0.5) -> (type, mode).
LEGACY: dict[str, tuple[str, str | None]] = {
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", "fight"),
}


def quad(event_type: str) -> str:
    """The PLOVER quad class of ``event_type`` (an unknown type is verbal cooperation's opposite:
    callers only pass types from :data:`EVENT_TYPES`, so a miss is a bug)."""
    from khabar.errors import PipelineError

    try:
        return QUADS[event_type]
    except KeyError as exc:
        raise PipelineError(f"unknown PLOVER type {event_type!r}; known: {', '.join(EVENT_TYPES)}") from exc


def normalise_type(name: str, mode: str | None = None) -> tuple[str, str | None]:
    """A PLOVER type name from any PLOVER version as (type, mode) in Khabar's ontology."""
    name = name.strip().upper()
    if name in LEGACY:
        return LEGACY[name]
    return name, mode or None
