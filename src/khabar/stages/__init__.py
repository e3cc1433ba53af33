"""Khabar stages."""
