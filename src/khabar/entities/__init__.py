"""Entity mentions: gazetteer, NER, titles, partial names, cross-script linking to the KB."""
