"""Alerts: saved searches matched against every newly stored document.

An alert names query text and/or the entities that text names in the knowledge base, and may keep
only documents of one language or holding an event of one PLOVER type. :mod:`.rules` makes an
alert's rule from what a user typed, :mod:`.match` decides whether a document matches and says
what matched, :mod:`.check` runs the matching over the documents stored since an alert was last
checked and records items, and :mod:`.deliver` posts new items to an alert's webhook, retrying
with backoff, once each. Everything here is written against the storage contract
(:mod:`khabar.store.base`), never the SQLite implementation.
"""
