"""Khabar models."""
