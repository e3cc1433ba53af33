"""Happenings: the events of one document, or of documents that are translations or copies of
each other, that share parties, day and place (a visit, the meeting during it, the talks and the
intent to cooperate), grouped with a readable line per reader's language."""
