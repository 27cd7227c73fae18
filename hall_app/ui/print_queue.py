"""补打队列: documents whose printing failed, kept as files, printed again from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from hall_app.domain.errors import KnownError
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.print_jobs import PrintJobView
from hall_app.ui.common import MessageBar
from hall_app.ui.output import Printed, print_document
from hall_app.ui.settings import PRINTER, Settings
from hall_app.ui.worker import Runner

_NAMES = {
    "ticket": "号票",
    "notice": "一次性告知单",
    "refusal": "不予受理通知书",
    "receipt": "受理回执",
    "booking": "预约单",
}


class PrintQueueDialog(QDialog):
    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.jobs: list[PrintJobView] = []
        self.setWindowTitle(self.tr("补打队列"))
        self.resize(640, 400)
        self.message = MessageBar(self)
        self.list = QListWidget()
        retry = QPushButton(self.tr("重新打印所选"))
        retry.clicked.connect(self.retry)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(retry)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        terminal = self.actor.terminal
        self.runner.run(
            lambda: self.hall.print_jobs.queued(terminal), self._show, self.message.show_error
        )

    def _show(self, jobs: list[PrintJobView]) -> None:
        self.jobs = jobs
        self.list.clear()
        for job in jobs:
            local = self.hall.ctx.local(job.created_at)
            name = self.tr(_NAMES.get(job.document, job.document))
            self.list.addItem(f"{local:%H:%M}  {name} {job.reference}  — {job.message}")
        if not jobs:
            self.message.show_message(self.tr("没有待补打的文件"), "info", seconds=0)

    def retry(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.jobs):
            return
        job = self.jobs[row]
        hall, actor, name = self.hall, self.actor, self.settings.get(PRINTER)
        saved = Printed(Path(job.path), job)

        def done(result: Printed) -> None:
            if result.error is not None:
                self.message.show_message(result.error.message, "error", seconds=0)
            else:
                self.message.show_message(self.tr("已打印 {}").format(job.reference), "ok")
            self.refresh()

        def failed(error: KnownError) -> None:
            self.message.show_error(error)

        self.runner.run(lambda: print_document(hall, actor, saved, name), done, failed)
