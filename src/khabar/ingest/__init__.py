"""Khabar ingest."""
