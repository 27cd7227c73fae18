"""``hall-app tidal remedy apply|list|lift`` (issue 19 §5): a supervisor applies and lifts a
remedy with its figures, anyone with ``view_queues`` lists them, reception cannot apply one;
JSON output; SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tests.cli_login import CLERK, RECEPTION, SUPERVISOR, run_cli

FIGURES = {"expected_wait_minutes": 95, "limit_minutes": 60, "passes_at": "10:40"}


def test_apply_list_lift(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cli(*argv: str, staff: str = SUPERVISOR) -> object:
        result = run_cli(monkeypatch, capsys, "tidal", "remedy", *argv, "--json", url=db_url,
                         staff=staff)  # fmt: skip
        assert result.code == 0, result.err
        return json.loads(result.out)

    figures = json.dumps(FIGURES)
    applied = cli("apply", "--lane", "B", "--kind", "bundle_to_general", "--figures", figures,
                  "--reason", "不动产午前超限")  # fmt: skip
    assert isinstance(applied, dict)
    assert applied["lane"] == "B" and applied["figures"] == FIGURES
    assert applied["created_by"] == SUPERVISOR and applied["lifted_at"] is None
    listed = cli("list", staff=CLERK)
    assert [r["id"] for r in listed] == [applied["id"]]  # type: ignore[attr-defined]
    assert cli("list", "--lane", "C") == []
    lifted = cli("lift", str(applied["id"]))
    assert isinstance(lifted, dict) and lifted["lifted_by"] == SUPERVISOR
    assert cli("list") == []
    [row] = cli("list", "--all")  # type: ignore[misc]
    assert row["lifted_at"] is not None
    refused = run_cli(monkeypatch, capsys, "tidal", "remedy", "apply", "--lane", "B",
                      "--kind", "booking_first", "--figures", figures, "--reason", "x",
                      url=db_url, staff=RECEPTION)  # fmt: skip
    assert refused.code == 1 and "无权执行" in refused.err
    bad = run_cli(monkeypatch, capsys, "tidal", "remedy", "apply", "--lane", "B",
                  "--kind", "booking_first", "--figures", "{oops", "--reason", "x",
                  url=db_url, staff=SUPERVISOR)  # fmt: skip
    assert bad.code == 1 and "JSON" in bad.err
