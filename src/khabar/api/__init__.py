"""Khabar api."""
