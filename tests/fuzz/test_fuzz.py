"""A fixed-seed sample of the fuzz corpus in every test run (``make fuzz`` runs 10,000 inputs)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.fuzz.generate import generate
from tests.fuzz.run import FuzzReport, check_corpus

SAMPLE = 200
SEED = 16


def test_every_generated_input_is_stored_or_rejected_without_a_traceback(tmp_path: Path) -> None:
    root = generate(tmp_path / "in", SAMPLE, SEED)
    report = FuzzReport()
    check_corpus(root, tmp_path / "k.db", report, timed_batches=False)
    assert report.inputs == SAMPLE
    assert report.tracebacks == 0, report.reasons
    assert report.link_failures == 0
    assert report.unaccounted == []
    assert report.mismatches == []
    assert report.read == report.stored + report.rejected
    # The sample reaches the guards it is meant to reach.
    assert {"truncated_warc", "not_a_regular_file", "binary_content", "invalid_json"} <= set(report.reasons)


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 60, SEED)
    b = generate(tmp_path / "b", 60, SEED)
    names = sorted(os.listdir(a))
    assert names == sorted(os.listdir(b))
    for name in names:
        pa, pb = a / name, b / name
        if pa.is_file() and not pa.is_symlink():
            assert pa.read_bytes() == pb.read_bytes(), name
