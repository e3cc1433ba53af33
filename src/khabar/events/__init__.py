"""Political events (PLOVER) and attributed claims: extraction per sentence, merging across documents."""
