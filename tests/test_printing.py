"""Printed documents: real Chinese text in the PDF, Qt printing onto a PDF printer."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from hall_app.domain.errors import FontMissing, PrintError
from hall_app.printing import fonts
from hall_app.printing.ticket import TicketSlip, render_ticket

SLIP = TicketSlip(
    hall_name="重庆市垫江县政务服务中心",
    hall_phone="023-74680000",
    number="L003",
    lane_name="绿色通道",
    subject="城乡居民基本养老保险参保登记",
    people_ahead=4,
    issued_at=dt.datetime(2026, 11, 25, 1, 30, tzinfo=dt.UTC),
    ticket_id=42,
    service_date="20261125",
    green_label="老年人",
)


def test_ticket_pdf_holds_real_chinese_text() -> None:
    pdf = render_ticket(SLIP)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == 80
    text = reader.pages[0].extract_text()
    for expected in (
        "重庆市垫江县政务服务中心",
        "L003",
        "绿色通道",
        "老年人",
        "前面还有 4 人",
        "2026-11-25 09:30",
        "当日有效，过号请重新取号",
        "023-74680000",
    ):
        assert expected in text, expected
    assert SLIP.qr_payload == "HALLTICKET|20261125|L003|42"


def test_missing_font_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALL_FONT", "/nonexistent/font.ttc")
    with pytest.raises(FontMissing, match="HALL_FONT"):
        fonts.find_font()


def test_qt_prints_the_pdf_onto_a_printer(qapp, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from hall_app.ui.printer import archive, paint_pdf

    source = archive(render_ticket(SLIP), "ticket-L003", dt.date(2026, 11, 25))
    assert source.exists() and "printed" in str(source)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    paint_pdf(source, printer)
    assert len(PdfReader(tmp_path / "out.pdf").pages) == 1
    again = archive(render_ticket(SLIP), "ticket-L003", dt.date(2026, 11, 25))
    assert again != source  # a reprint never overwrites what was kept


def test_no_printer_keeps_the_file_and_says_where(qapp, tmp_path: Path) -> None:
    from hall_app.ui.printer import print_pdf, printer_names

    if printer_names():
        pytest.skip("this machine has a printer")
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(render_ticket(SLIP))
    with pytest.raises(PrintError, match="没有可用的打印机") as info:
        print_pdf(pdf)
    assert str(pdf) in info.value.message
