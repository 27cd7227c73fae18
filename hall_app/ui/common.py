"""Small widgets shared by the screens."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")
T = TypeVar("T")

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
    def ask(cls, parent: QWidget, *args: Any, **kwargs: Any) -> Any:
        """The modal question (tests replace it). A subclass that needs more than its parent
        declares its own ``ask(parent, ...)`` over this one."""
        del args, kwargs  # this one builds the dialog from its parent alone
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()  # its parent would keep it for the life of the screen


def ask_yes(parent: QWidget, title: str, text: str, *, default_yes: bool = False) -> bool:
    """A modal yes/no question; Enter answers the default (No unless ``default_yes``)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box.setDefaultButton(yes if default_yes else no)
    try:
        return box.exec() == yes
    finally:
        box.deleteLater()  # its parent would keep it for the life of the screen


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


def run_reporting(
    runner: Runner,
    bar: MessageBar,
    fn: Callable[[], T],
    text: str | Callable[[T], str] | None,
    then: Callable[[], object] | None = None,
    *,
    done: Callable[[T], object] | None = None,
    failed: Callable[[KnownError], object] | None = None,
    settle: Callable[[], None] | None = None,
) -> None:
    """The one way a screen runs a service call: ``fn`` on the worker, the outcome in ``bar``.

    On success: ``text`` (or ``text(result)``; None: nothing) as an ok message, then
    ``done(result)``, then ``then()``. On a known error: the error in ``bar``, then
    ``failed(error)``. Any other exception is a bug and reaches ``sys.excepthook``. After
    any outcome, a bug too: ``settle()`` (a screen's refresh, as its state may have moved).
    """

    def ok(result: T) -> None:
        if text is not None:
            bar.show_message(text(result) if callable(text) else text, "ok")
        if done is not None:
            done(result)
        if then is not None:
            then()

    def refused(error: KnownError) -> None:
        bar.show_error(error)
        if failed is not None:
            failed(error)

    runner.run(fn, ok, refused, after=settle)


class Operations:
    """A screen's operations: :func:`run_reporting` with the screen's runner, message bar and
    refresh, and optionally one operation at a time (a repeated key press while the first is
    on its way is dropped) with ``busy_changed(busy)`` to grey the buttons meanwhile."""

    def __init__(
        self,
        runner: Runner,
        bar: MessageBar,
        refresh: Callable[[], None] | None = None,
        *,
        one_at_a_time: bool = False,
        busy_changed: Callable[[bool], object] | None = None,
    ) -> None:
        self.runner, self.bar, self.refresh = runner, bar, refresh
        self.one_at_a_time = one_at_a_time
        self.busy_changed = busy_changed
        self._running = 0

    @property
    def busy(self) -> bool:
        """An operation of this screen is on its way."""
        return self._running > 0

    def run(
        self,
        fn: Callable[[], T],
        text: str | Callable[[T], str] | None = None,
        done: Callable[[T], object] | None = None,
        *,
        failed: Callable[[KnownError], object] | None = None,
    ) -> bool:
        """Run ``fn`` (see :func:`run_reporting`), the screen refreshed after either outcome;
        False when it was dropped because another operation is still on its way."""
        if self.one_at_a_time and self.busy:
            return False
        self._count(1)
        refresh = self.refresh

        def settle() -> None:  # after any outcome, a bug too: the buttons never stay grey
            self._count(-1)
            if refresh is not None:
                refresh()

        run_reporting(self.runner, self.bar, fn, text, done=done, failed=failed, settle=settle)
        return True

    def _count(self, step: int) -> None:
        was = self.busy
        self._running += step
        if self.busy != was and self.busy_changed is not None:
            self.busy_changed(self.busy)


def log_failure(what: str, logger: logging.Logger = log) -> Callable[[KnownError], None]:
    """The error handler of a background job nobody is waiting for (a timer's read, a tick,
    the logout on closing): the failure goes to the log with its reason, never dropped.
    ``what`` is English for the log; the reason is the error's masked Chinese headline."""

    def failed(error: KnownError) -> None:
        logger.warning("%s failed: %s (%s)", what, error.headline(), type(error).__name__)

    return failed
