"""Khabar executors."""
