"""Small widgets shared by the screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from hall_app.domain.errors import KnownError

_STYLES = {
    "info": "background:#e3f2fd;color:#0d47a1;border:1px solid #90caf9;",
    "ok": "background:#e8f5e9;color:#1b5e20;border:1px solid #a5d6a7;",
    "error": "background:#ffebee;color:#b71c1c;border:1px solid #ef9a9a;",
}


class MessageBar(QLabel):
    """One line of feedback above a screen: no modal pop-ups for a clerk's routine work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("messageBar")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_message)
        self.hide()

    def show_message(self, text: str, kind: str = "info", seconds: int = 10) -> None:
        self.setText(text)
        self.setStyleSheet(f"QLabel{{{_STYLES[kind]}padding:6px 10px;border-radius:4px;}}")
        self.show()
        if seconds:
            self._timer.start(seconds * 1000)

    def show_error(self, error: KnownError) -> None:
        self.show_message(error.headline(), "error", seconds=20)

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def big_label(text: str = "", size: int = 36, bold: bool = True) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def table_view(model: QAbstractItemModel, *, stretch_column: int | None = None) -> QTableView:
    """A read-only table: rows selected whole, the first column sized to its content and
    the rest sharing the width (or one ``stretch_column`` taking it)."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    if stretch_column is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    _wrap_header(view)
    return view


def _wrap_header(view: QTableView) -> None:
    """A column title wider than its column ("Estimated Wait" in a narrow panel) goes onto
    two lines instead of being cut at both ends."""
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
    header.installEventFilter(_HeaderFit(view))


class _HeaderFit(QObject):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LanguageChange):
            self.timer.start(0)  # after the header has laid its sections out
        return False

    def fit(self) -> None:
        header, model = self.view.horizontalHeader(), self.view.model()
        if model is None:
            return
        metrics = header.fontMetrics()
        tight = any(
            metrics.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
            + 10
            > header.sectionSize(c)
            for c in range(model.columnCount())
            if not header.isSectionHidden(c)
            and header.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents
        )
        wanted = 2 * metrics.lineSpacing() + 8 if tight else 0
        if header.minimumHeight() != wanted:
            header.setMinimumHeight(wanted)


class FormDialog(QDialog):
    """A small modal form: rows of (label, widget) and one confirming button.

    Subclasses build their widgets, call :meth:`build` and implement :meth:`values`;
    :meth:`ask` is the modal question that tests replace.
    """

    def build(self, title: str, rows: list[tuple[str, QWidget]], confirm: str) -> None:
        self.setWindowTitle(title)
        form = QFormLayout(self)
        for label, widget in rows:
            form.addRow(label, widget)
        ok = QPushButton(confirm)
        ok.clicked.connect(self.accept)
        form.addRow(ok)

    def values(self) -> Any:
        raise NotImplementedError

    @classmethod
    def ask(cls, parent: QWidget) -> Any:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()  # its parent would keep it for the life of the screen


def dispose_on_close(dialog: QDialog, owner: object = None, attr: str = "") -> QDialog:
    """A transient dialog shown with ``open()``: deleted once closed, instead of living as
    long as its parent (a screen that stays open all day). ``owner.attr``, a screen's own
    reference to it, is dropped when it goes."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if owner is not None:
        dialog.destroyed.connect(_forget(owner, attr, dialog))
    return dialog


def _forget(owner: object, attr: str, dialog: QDialog) -> Callable[[], None]:
    def forget() -> None:
        if getattr(owner, attr, None) is dialog:
            setattr(owner, attr, None)

    return forget


def run_reporting(runner: Any, bar: MessageBar, fn: Any, text: str, then: Any = None) -> None:
    """Run ``fn`` on the worker; show ``text`` (or the known error) in ``bar``; then ``then()``."""

    def done(_result: object) -> None:
        bar.show_message(text, "ok")
        if then is not None:
            then()

    def failed(error: KnownError) -> None:
        bar.show_error(error)

    runner.run(fn, done, failed)
