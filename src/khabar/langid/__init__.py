"""Language identification of segments and documents (script first, CLD2, romanized Hindustani)."""
