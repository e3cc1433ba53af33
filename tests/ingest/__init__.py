"""Tests for khabar.ingest: readers, decoding, dispatch, the demo corpus."""
