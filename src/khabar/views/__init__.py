"""Read models the CLI and the HTTP API share, composed from store reads."""
