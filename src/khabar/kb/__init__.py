"""Khabar kb."""
