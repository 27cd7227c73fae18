"""Error messages never echo a full ID or mobile number: ``appointments check-in ID --json``
printed the full ID in its error; every KnownError's message is masked where it is made."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hall_app.domain.errors import InvalidInput, KnownError, NotAllowed, NotFound
from tests.leak_grep import id_number, leaks

CITIZEN_ID = id_number("110105", "19491231", "002")


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HALL_DB_URL=url, HALL_STAFF="2001", HALL_PASSWORD="demo2001")
    return subprocess.run(
        [sys.executable, "-m", "hall_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_check_in_by_an_unknown_id_or_phone_does_not_echo_it(db_url: str) -> None:
    for query, shown in ((CITIZEN_ID, "110105********002X"), ("13812345678", "138****5678")):
        result = _cli(db_url, "appointments", "check-in", query, "--json")
        assert result.returncode == 1, result.stderr
        error = json.loads(result.stdout)
        assert error["kind"] == "NotFound" and f"今天没有「{shown}」的预约" in error["error"]
        assert shown in result.stderr
        assert not leaks(result.stdout + result.stderr), result.stdout + result.stderr


def test_known_errors_are_masked_where_they_are_made() -> None:
    for kind in (KnownError, InvalidInput, NotAllowed, NotFound):
        error = kind(f"身份证号 {CITIZEN_ID} 与手机 13812345678 不符；办件 BZ-500231-20261125-0001")
        masked = "身份证号 110105********002X 与手机 138****5678 不符；办件 BZ-500231-20261125-0001"
        assert error.message == str(error) == masked
        assert not leaks(error.headline())
