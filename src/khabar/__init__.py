"""Khabar: offline multilingual news intelligence for Urdu, Hindi and English."""

__version__ = "0.1.0"
