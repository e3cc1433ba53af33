"""Khabar cli."""
