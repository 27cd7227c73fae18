"""The second kind of error: a bug. Logged with its traceback and shown in a dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hall_app import paths
from hall_app.domain.masking import scrub

log = logging.getLogger("hall_app.crash")


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    # an exception's message may quote a row's values: no full ID or mobile number in the
    # log nor in the dialog's details (which a clerk may photograph for the administrator)
    text = scrub("".join(traceback.format_exception(kind, error, tb)))
    log.critical("unhandled exception:\n%s", text)
    if QApplication.instance() is None:
        sys.stderr.write(text)  # what sys.__excepthook__ prints, scrubbed
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Crash", "程序错误"),
        QCoreApplication.translate(
            "Crash",
            "程序遇到意外错误，本次操作可能未完成。\n请记下当时的操作并联系管理员；详细信息已写入日志：\n{}",
        ).format(paths.log_dir() / "hall_app.log"),
    )
    box.setDetailedText(text)
    box.exec()


def install() -> None:
    sys.excepthook = excepthook
