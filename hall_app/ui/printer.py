"""Sending a finished PDF to a printer through QtPdf, and keeping every printed PDF.

Every document is first saved in the archive folder (data folder/printed/YYYYMMDD/), so a
printer that fails loses nothing: the message says where the file is for a reprint.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from hall_app import paths
from hall_app.domain.errors import PrintError

log = logging.getLogger("hall_app.printing")


def archive(pdf: bytes, name: str, day: dt.date) -> Path:
    """Keep ``pdf`` in the folder of ``day``: the hall's date (``ctx.today()``), not the PC's."""
    folder = paths.data_dir() / "printed" / day.strftime("%Y%m%d")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.pdf"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{name}-{counter}.pdf"
    target.write_bytes(pdf)
    return target


def printer_names() -> list[str]:
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def print_pdf(pdf: Path, printer_name: str = "") -> str:
    """Print every page of ``pdf``; return the printer's name or raise PrintError."""
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        available = printer_names()
        if not available:
            raise PrintError(
                QCoreApplication.translate(
                    "Printer", "本机没有可用的打印机。文件已保存：{}"
                ).format(pdf)
            )
        info = QPrinterInfo.printerInfo(available[0])
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    paint_pdf(pdf, printer)
    log.info("printed %s on %s", pdf.name, info.printerName())
    return info.printerName()


def paint_pdf(pdf: Path, printer: QPrinter) -> None:
    """Render every page of ``pdf`` onto ``printer`` (a real printer or a PDF file)."""
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise PrintError(
            QCoreApplication.translate("Printer", "无法读取待打印的文件 {}").format(pdf)
        )
    printer.setDocName(pdf.stem)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            QCoreApplication.translate(
                "Printer", "打印机「{}」无法开始打印，文件已保存：{}"
            ).format(printer.printerName(), pdf)
        )
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = (
                document.pagePointSize(page)
                .toSize()
                .scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            )
            painter.drawImage(0, 0, document.render(page, QSize(size.width(), size.height())))
    finally:
        painter.end()
