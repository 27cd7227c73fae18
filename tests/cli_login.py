"""Logging the command line in (issue 16): the environment of a demo account, and
``hall-app`` run in this process with it.

The demo catalog's accounts: clerks 1001…, reception 2001, supervisors 3001, admin 9001, each
with the password ``demo`` + number (tests/conftest.py seeds the catalog into every test
database)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

CLERK, RECEPTION, SUPERVISOR, ADMIN = "1001", "2001", "3001", "9001"


def login_env(staff: str, password: str | None = None) -> dict[str, str]:
    """HALL_STAFF and HALL_PASSWORD for ``staff`` (its demo password unless given)."""
    return {"HALL_STAFF": staff, "HALL_PASSWORD": f"demo{staff}" if password is None else password}


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    url: str,
    staff: str = "",
    password: str | None = None,
) -> Run:
    """``hall-app argv`` in this process on ``url``, logged in as ``staff`` (none: no login
    in the environment at all). The log handler the command adds is taken off again."""
    from hall_app import cli

    with monkeypatch.context() as mp:
        mp.setenv("HALL_DB_URL", url)
        mp.delenv("HALL_STAFF", raising=False)
        mp.delenv("HALL_PASSWORD", raising=False)
        for key, value in (login_env(staff, password) if staff else {}).items():
            mp.setenv(key, value)
        root = logging.getLogger("hall_app")
        before = list(root.handlers)
        try:
            code = cli.main(list(argv))
        finally:
            for handler in root.handlers[:]:
                if handler not in before:
                    root.removeHandler(handler)
                    handler.close()
    out, err = capsys.readouterr()
    return Run(code, out, err)
