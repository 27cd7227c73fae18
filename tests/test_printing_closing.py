"""The 80 mm closing slip: one page per citizen, the offered slot as real text."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from reportlab.lib.units import mm

from hall_app.printing.closing_slip import ClosingSlip, render_closing_slips
from hall_app.services.closing import Offer


def test_one_80mm_page_per_closed_ticket_with_the_offer() -> None:
    at = dt.datetime(2026, 11, 25, 9, 31, tzinfo=dt.UTC)  # 17:31 in the hall
    offers = [
        Offer("A012", "居民身份证申领", "QY", dt.date(2026, 11, 26), "09:00", "09:00-09:30"),
        Offer("B003", "不动产登记", None, None, None, ""),
    ]
    pdf = render_closing_slips(
        [ClosingSlip.from_offer(o, "丰都县政务服务中心", "023-0000", at) for o in offers]
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width) / mm) == 80
    first = reader.pages[0].extract_text()
    assert "A012" in first and "11-26 周四 09:00-09:30" in first and "17:31" in first
    assert "未办结（闭厅）" in first
    assert "请到导服台预约下一个工作日" in reader.pages[1].extract_text()
