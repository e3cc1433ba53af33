"""Stories: documents about one happening (episodes) grouped into long-running threads."""
