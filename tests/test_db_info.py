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


def _limits_file(body: str) -> None:
    folder = Path(os.environ["HALL_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hall_app.toml").write_text("[database]\n" + body, encoding="utf-8")


def test_every_db_command_opens_the_database_with_the_configured_limits(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails on the old code: upgrade, backup, restore and counters opened
    ``Database(config.db_url)`` with the default limits, whatever the config file said."""
    from hall_app.store.db import Database, SessionLimits
    from tests.test_backup_restore import _run

    _limits_file("lock_timeout = 1\nstatement_timeout = 9\nidle_in_transaction_timeout = 12\n")
    monkeypatch.setenv("HALL_DB_URL", sqlite_url)
    opened: list[SessionLimits] = []
    real_init = Database.__init__

    def recording_init(self: Database, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        opened.append(self.limits)

    monkeypatch.setattr(Database, "__init__", recording_init)
    configured = SessionLimits(1.0, 9.0, 12.0)
    for command in (["upgrade"], ["info"], ["backup"], ["counters"]):
        opened.clear()
        code, out, err = _run(capsys, "db", *command, "--json")
        assert code == 0, err
        assert opened and set(opened) == {configured}, command
        if command == ["backup"]:
            made = json.loads(out)["file"]
    opened.clear()
    code, _, err = _run(capsys, "db", "restore", made, "--json")
    assert code == 0, err
    assert opened and set(opened) == {configured}


@pytest.mark.postgres
def test_an_upgrade_blocked_by_open_terminals_says_to_close_them_first(
    pg_server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails on the old code: the advice was the terminals' ("另一台终端占用…请稍后重试")."""
    import psycopg

    from tests.test_backup_restore import _run
    from tests.test_changes import _pg_conninfo

    name = pg_server.create()
    url = pg_server.url_for(name)
    try:
        _limits_file("lock_timeout = 0.5\n")
        monkeypatch.setenv("HALL_DB_URL", url)
        with psycopg.connect(_pg_conninfo(url)) as terminal:
            # an open terminal's transaction on a table the upgrade must read or change
            terminal.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
            code, _, err = _run(capsys, "db", "upgrade")
            terminal.rollback()
        assert code != 0
        assert "数据库升级受阻" in err and "请先关闭所有终端" in err
        assert "另一台终端占用" not in err
        code, _, err = _run(capsys, "db", "upgrade")  # the terminals closed: it goes through
        assert code == 0, err
    finally:
        pg_server.drop(name)
