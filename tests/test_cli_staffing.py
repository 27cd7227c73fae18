"""``hall-app tidal staffing``: the supervisor reads the overflow warnings, their remedies and
the staffing proposals checked forward, in Chinese or as JSON; a clerk is refused."""

from __future__ import annotations

import json

import pytest

from hall_app.config import Config
from hall_app.services.hall import open_hall
from tests.cli_login import CLERK, SUPERVISOR, run_cli
from tests.test_staffing_console import _items


def test_the_staffing_view_from_the_command_line(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hall = open_hall(Config(db_url=sqlite_url, terminal="pytest"), upgrade=False)
    try:
        reception = hall.auth.login("2001", "demo2001")
        items = _items(hall, "D")
        for k in range(60):  # 户政 surges with no window open for it
            hall.tickets.issue(reception, item_code=items[k % len(items)])
    finally:
        hall.close()
    result = run_cli(monkeypatch, capsys, "tidal", "staffing", "--json", url=sqlite_url,
                     staff=SUPERVISOR)  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["limit_minutes"] == 60 and data["note"]
    assert "D" in [w["lane"] for w in data["warnings"]]
    assert any(r["kind"] == "booking_first" and r["lane"] == "D" for r in data["remedies"])
    for row in data["proposals"] + data["dropped"]:
        assert row["kind"] in {"Switch", "CallIn", "Close", "MoveBreak"} and row["why"]
    text = run_cli(monkeypatch, capsys, "tidal", "staffing", url=sqlite_url, staff=SUPERVISOR)
    assert text.code == 0 and "预警" in text.out and "公安户政" in text.out
    refused = run_cli(monkeypatch, capsys, "tidal", "staffing", url=sqlite_url, staff=CLERK)
    assert refused.code == 1 and "无权执行" in refused.err
