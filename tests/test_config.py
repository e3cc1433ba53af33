"""Config layering: defaults, file, environment, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.config import DEFAULT_MAX_DOCUMENT_BYTES, load_config
from khabar.errors import ConfigError


def test_layers_apply_in_order(tmp_path: Path) -> None:
    cfg_file = tmp_path / "k.toml"
    cfg_file.write_text('[khabar]\ndb = "/tmp/from-file.db"\nbatch_size = 10\nstrict = true\n')
    env = {"KHABAR_BATCH_SIZE": "20", "KHABAR_DB": "/tmp/from-env.db"}
    cfg = load_config(cfg_file, env=env, db="/tmp/from-cli.db")
    assert cfg.db == Path("/tmp/from-cli.db")
    assert cfg.batch_size == 20
    assert cfg.strict is True
    assert cfg.max_document_bytes == DEFAULT_MAX_DOCUMENT_BYTES


def test_bad_values_and_missing_file_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml", env={})
    with pytest.raises(ConfigError, match="batch_size"):
        load_config(env={"KHABAR_BATCH_SIZE": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("[khabar]\ncolour = 'red'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        load_config(bad, env={})


def test_stages_from_env_split_on_commas() -> None:
    assert load_config(env={"KHABAR_STAGES": "clean, langid"}).stages == ("clean", "langid")
