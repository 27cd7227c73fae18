"""Preview of a printed document (QtPdf), with print to a chosen printer and save-as."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui import printer
from hall_app.ui.common import MessageBar
from hall_app.ui.output import Printed, print_document
from hall_app.ui.settings import PRINTER, Settings
from hall_app.ui.worker import Runner


class PreviewDialog(QDialog):
    printed = Signal(object)  # Printed

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        saved: Printed,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.saved = saved
        self.setWindowTitle(title)
        self.resize(760, 900)
        self.message = MessageBar(self)
        self.document = QPdfDocument(self)
        self.document.load(str(saved.path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.printer_box = QComboBox()
        self.printer_box.setObjectName("printerBox")
        names = printer.printer_names()
        self.printer_box.addItems(names or [self.tr("（本机没有打印机）")])
        wanted = settings.get(PRINTER)
        if wanted in names:
            self.printer_box.setCurrentText(wanted)
        self.print_button = QPushButton(self.tr("打印 (Ctrl+P)"))
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_now)
        save_button = QPushButton(self.tr("另存为…"))
        save_button.clicked.connect(self.save_as)
        close_button = QPushButton(self.tr("关闭"))
        close_button.clicked.connect(self.accept)
        print_action = QAction(self)
        print_action.setShortcut(QKeySequence("Ctrl+P"))
        print_action.triggered.connect(self.print_now)
        self.addAction(print_action)
        pages = self.tr("共 {} 页 · 已存档：{}").format(self.document.pageCount(), saved.path)
        info = QLabel(pages)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("打印机：")))
        row.addWidget(self.printer_box, 1)
        row.addWidget(self.print_button)
        row.addWidget(save_button)
        row.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(info)
        layout.addLayout(row)

    def print_now(self) -> None:
        names = printer.printer_names()
        name = self.printer_box.currentText() if names else ""
        hall, actor, saved = self.hall, self.actor, self.saved
        self.print_button.setEnabled(False)

        def done(result: Printed) -> None:
            self.print_button.setEnabled(True)
            if result.error is not None:
                self.message.show_message(
                    self.tr("打印失败，文件已保存并加入补打队列：{}").format(result.error.message),
                    "error",
                    seconds=0,
                )
            else:
                self.settings.set(PRINTER, result.printer or "")
                self.message.show_message(self.tr("已送打印机「{}」").format(result.printer), "ok")
            self.printed.emit(result)

        def failed(error: KnownError) -> None:
            self.print_button.setEnabled(True)
            self.message.show_error(error)

        self.runner.run(lambda: print_document(hall, actor, saved, name), done, failed)

    def save_as(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为"), self.saved.path.name, self.tr("PDF 文件 (*.pdf)")
        )
        if target:
            shutil.copyfile(self.saved.path, target)
            self.message.show_message(self.tr("已保存到 {}").format(target), "ok")
