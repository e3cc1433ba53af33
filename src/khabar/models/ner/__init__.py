"""Named-entity tagger for Urdu and Hindi (CRF), with a rule-based English fallback.

Labels are PERSON, LOC and ORG in BIO form. The Urdu and Hindi taggers are linear-chain CRFs
(python-crfsuite) over cheap per-word features; English has no training data here and uses rules.

- :mod:`~khabar.models.ner.features`: the CRF features and the name list learnt in training;
- :mod:`~khabar.models.ner.crf`: loading the shipped models, :func:`extract` over text;
- :mod:`~khabar.models.ner.english`: the English rules;
- :mod:`~khabar.models.ner.train`: training (``khabar train ner``).
"""

from __future__ import annotations

from khabar.models.ner.crf import Tagger, extract, has_model, load, model_paths, sentences
from khabar.models.ner.features import LABELS, LANGS

__all__ = ["LABELS", "LANGS", "Tagger", "extract", "has_model", "load", "model_paths", "sentences"]
