"""Exported cells: formula prefixes neutralised, personal data scrubbed."""

from __future__ import annotations

import pytest

from hall_app.domain.export_cells import safe_cell


@pytest.mark.parametrize(
    "raw", ['=HYPERLINK("http://x","点我")', "@SUM(A1:A9)", "+1+1", "-2+3", "\t=1", "\r=1"]
)
def test_a_cell_a_spreadsheet_would_run_is_shown_as_text(raw: str) -> None:
    assert safe_cell(raw) == "'" + raw


def test_plain_cells_are_left_as_they_are() -> None:
    assert [safe_cell(v) for v in ("营业执照", 12, None, "A004")] == ["营业执照", "12", "", "A004"]


def test_a_full_id_and_mobile_in_free_text_are_masked() -> None:
    cell = safe_cell("申请人 110101199003077777 电话 13812345678")
    assert "110101199003077777" not in cell and "13812345678" not in cell
