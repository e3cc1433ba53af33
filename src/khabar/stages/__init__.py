"""Pipeline stages: one thin module per stage over its domain package. Importing this package
registers every stage."""

from khabar.stages import clean, entities, events, langid, metadata, normalize, outlet, page_kind, time

__all__ = ["clean", "entities", "events", "langid", "metadata", "normalize", "outlet", "page_kind", "time"]
