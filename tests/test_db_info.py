"""The session limits in the config file (``[database]``), checked with a Chinese message,
and ``hall-app db info`` printing the settings sessions really run with, on both backends."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hall_app.config import load_config
from hall_app.domain.errors import InvalidInput
from tests.test_cli import hall_app


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "hall_app.toml"
    path.write_text("[database]\n" + body, encoding="utf-8")
    return path


def test_the_limits_default_and_can_be_set(tmp_path: Path) -> None:
    config = load_config(tmp_path / "none.toml")
    assert (config.lock_timeout, config.statement_timeout, config.idle_in_transaction_timeout) == (
        3.0,
        15.0,
        30.0,
    )
    config = load_config(
        _config(
            tmp_path,
            "lock_timeout = 2\nstatement_timeout = 20.5\nidle_in_transaction_timeout = 60\n",
        )
    )
    assert (config.lock_timeout, config.statement_timeout, config.idle_in_transaction_timeout) == (
        2.0,
        20.5,
        60.0,
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('lock_timeout = "3s"', "应为秒数"),
        ("lock_timeout = true", "应为秒数"),
        ("lock_timeout = 0", "应在"),
        ("statement_timeout = 99999", "应在"),
        ("idle_in_transaction_timeout = -1", "应在"),
        ("lock_timeout = 10\nstatement_timeout = 5", "应小于"),
    ],
)
def test_a_bad_limit_is_refused_in_chinese(tmp_path: Path, body: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words) as raised:
        load_config(_config(tmp_path, body + "\n"))
    assert "[database]" in raised.value.message


def test_db_info_prints_the_revision_and_the_effective_settings(db_url: str) -> None:
    result = hall_app("db", "info", "--json", url=db_url)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["revision"] == info["head"] and info["up_to_date"] is True
    if info["backend"] == "sqlite":
        assert info["settings"]["journal_mode"] == "wal"
        assert info["settings"]["synchronous"] in ("NORMAL", "FULL", "EXTRA")
        assert info["settings"]["busy_timeout"] == "5000"
    else:
        assert info["backend"] == "postgresql"
        assert info["settings"] == {
            "lock_timeout": "3s",
            "statement_timeout": "15s",
            "idle_in_transaction_session_timeout": "30s",
        }
    text = hall_app("db", "info", url=db_url).stdout
    assert "结构版本" in text and info["revision"] in text


def test_db_info_reads_back_the_configured_limits(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        pytest.skip("the timeouts are PostgreSQL's")
    folder = Path(os.environ["HALL_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hall_app.toml").write_text(
        "[database]\nlock_timeout = 1\nstatement_timeout = 9\nidle_in_transaction_timeout = 12\n",
        encoding="utf-8",
    )
    info = json.loads(hall_app("db", "info", "--json", url=db_url).stdout)
    assert info["settings"] == {
        "lock_timeout": "1s",
        "statement_timeout": "9s",
        "idle_in_transaction_session_timeout": "12s",
    }
