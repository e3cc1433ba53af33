"""Exact and near duplicates, translations across scripts, and shared sources between documents."""
