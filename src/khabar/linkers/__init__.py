"""Cross-document linkers: one thin module per linker over its domain package. Importing this
package registers every linker."""

from khabar.linkers import duplicates, events, happenings, stories

__all__ = ["duplicates", "events", "happenings", "stories"]
