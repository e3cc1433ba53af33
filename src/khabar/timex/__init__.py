"""Time expressions: tagging, anchoring on the publication date, resolution to ISO values."""
