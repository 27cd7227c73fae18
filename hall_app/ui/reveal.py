"""查看完整证件号码 on the case list (Ctrl+Shift+I): for those holding ``REVEAL_ID``, after a
written reason; the service audits each look. The number is shown in the screen's message
bar for a short while, never printed, copied into a log or kept by the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.masking import REVEAL_REASON_MIN
from hall_app.domain.roles import Permission, allowed
from hall_app.ui.common import FormDialog

if TYPE_CHECKING:
    from hall_app.ui.cases import CasesView

SHORTCUT = "Ctrl+Shift+I"
SHOWN_SECONDS = 30


class RevealReasonDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            QCoreApplication.translate("Reveal", "如：核对申请人身份（至少 {} 个字）").format(
                REVEAL_REASON_MIN
            )
        )
        self.build(
            QCoreApplication.translate("Reveal", "查看完整证件号码（将记入审计日志）"),
            [(QCoreApplication.translate("Reveal", "理由："), self.reason)],
            QCoreApplication.translate("Reveal", "查看"),
        )

    def values(self) -> str:
        return self.reason.text()


def install(view: CasesView) -> QAction:
    """The action on ``view`` (the case list and its table), with its shortcut."""
    action = QAction(QCoreApplication.translate("Reveal", "查看完整证件号码…"), view)
    action.setObjectName("revealId")
    action.setShortcut(QKeySequence(SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setEnabled(allowed(view.actor.role, Permission.REVEAL_ID))
    action.triggered.connect(lambda: reveal_selected(view))
    view.addAction(action)
    return action


def reveal_selected(view: CasesView) -> None:
    case = view.selected()
    if case is None:
        view.message.show_message(QCoreApplication.translate("Cases", "请先选择一个办件"), "error")
        return
    reason = RevealReasonDialog.ask(view)
    if reason is None:
        return
    docs, actor, no = view.hall.documents, view.actor, case.case_no

    def done(number: object) -> None:
        view.message.show_message(
            QCoreApplication.translate(
                "Reveal", "办件 {} 申请人证件号码：{}（本次查看已记录）"
            ).format(no, number),
            "info",
            seconds=SHOWN_SECONDS,
        )

    def failed(error: KnownError) -> None:
        view.message.show_error(error)

    view.runner.run(lambda: docs.reveal_id(actor, no, reason), done, failed)
