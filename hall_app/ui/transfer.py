"""F6 transfer dialog: another lane and/or window, each window shown open or closed with who
is there; a target that cannot take the ticket is refused here with the reason, and a reason
for the transfer is required (the receiving window shows "转自3号窗口：<reason>")."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from hall_app.domain.transfer import REASON_MAX, TargetWindow, refusal
from hall_app.services.queues import LaneStatus, QueueStatus

Choice = tuple[str | None, int | None, str]  # lane code, window number, reason


def targets_from(status: QueueStatus | None) -> list[TargetWindow]:
    if status is None:
        return []
    return [TargetWindow(w.number, w.status, w.staff_name, w.categories) for w in status.windows]


class TransferDialog(QDialog):
    def __init__(
        self,
        lanes: list[LaneStatus],
        windows: list[TargetWindow],
        lane: str,
        green: bool = False,
        from_window: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("转移号票"))
        self.windows = {w.number: w for w in windows}
        self.lane, self.green, self.from_window = lane, green, from_window
        self.lane_box = QComboBox()
        self.lane_box.addItem(self.tr("（保持原业务类别）"), None)
        for item in lanes:
            self.lane_box.addItem(f"{item.prefix} {item.name}", item.code)
        self.window_box = QComboBox()
        self.window_box.setObjectName("transferWindow")
        self.window_box.addItem(self.tr("（该类别任一窗口）"), None)
        for w in windows:
            if w.number == from_window:
                continue
            if w.status == "closed" or not w.holder:
                text = self.tr("{}号窗口 · 未开放").format(w.number)
            elif w.status == "paused":
                text = self.tr("{}号窗口 · 暂停 · {}").format(w.number, w.holder)
            else:
                text = self.tr("{}号窗口 · 开放 · {}").format(w.number, w.holder)
            self.window_box.addItem(text, w.number)
        self.reason = QLineEdit()
        self.reason.setObjectName("transferReason")
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("接收窗口会看到，如：需补办社保业务"))
        self.problem = QLabel()
        self.problem.setObjectName("transferProblem")
        self.problem.setStyleSheet("color:#c62828;")
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("转到业务类别："), self.lane_box)
        form.addRow(self.tr("转到指定窗口："), self.window_box)
        form.addRow(self.tr("转移原因："), self.reason)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for box in (self.lane_box, self.window_box):
            box.currentIndexChanged.connect(lambda _i: self.problem.clear())

    def refusal(self) -> str | None:
        """Why the current choice cannot be accepted (None when it can)."""
        lane_code, window, reason = self.choice()
        if lane_code is None and window is None:
            return self.tr("请选择转移到的业务类别或窗口")
        if window is not None:
            target = self.windows[window]
            if self.green and lane_code is None:  # its own lane decides: the service checks
                target = replace(target, categories=(*target.categories, self.lane))
            why = refusal(target, lane_code or self.lane, from_window=self.from_window)
            if why:
                return why
        if not reason:
            return self.tr("请填写转移原因（接收窗口会看到）")
        return None

    def try_accept(self) -> None:
        why = self.refusal()
        if why is None:
            self.accept()
        else:
            self.problem.setText(why)

    def choice(self) -> Choice:
        return (
            self.lane_box.currentData(),
            self.window_box.currentData(),
            self.reason.text().strip(),
        )

    def select_window(self, number: int) -> None:
        self.window_box.setCurrentIndex(self.window_box.findData(number))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        lanes: list[LaneStatus],
        windows: list[TargetWindow],
        lane: str,
        green: bool = False,
        from_window: int | None = None,
    ) -> Choice | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(lanes, windows, lane, green, from_window, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        choice = dialog.choice() if accepted else None
        dialog.deleteLater()
        return choice
