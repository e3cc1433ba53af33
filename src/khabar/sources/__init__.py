"""Where news comes from: outlets, provenance and the news agencies a text cites."""
