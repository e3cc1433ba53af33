"""Khabar eval."""
