"""Cleaning a page: main-text extraction, boilerplate lines out, kept lines labelled."""
