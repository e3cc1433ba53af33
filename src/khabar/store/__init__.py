"""Khabar store."""
