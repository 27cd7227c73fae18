"""首问登记: the dialog every role opens with Ctrl+I, and the list of inquiries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.followups import CHANNELS, InquiryInput, Outcome
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.roles import Permission
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.followups import InquiryView
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, run_reporting, table_view
from hall_app.ui.halltime import hall_time, hall_today
from hall_app.ui.labels import label as _label
from hall_app.ui.language import localise_date_edit
from hall_app.ui.models import ObjectRole, _Index, _ListModel
from hall_app.ui.worker import Runner


class InquiryDialog(QDialog):
    saved = Signal(object)  # InquiryView

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        entries: list[CatalogEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.setWindowTitle(self.tr("首问登记（您是首问责任人）"))
        self.resize(640, 520)
        self.message = MessageBar(self)
        self.channel = QComboBox()
        for channel in CHANNELS:
            self.channel.addItem(_label(channel), channel)
        self.visitor = QLineEdit()
        self.visitor.setPlaceholderText(self.tr("可不填；显示时脱敏"))
        self.phone = QLineEdit()
        self.phone.setObjectName("visitorPhone")
        self.question = QPlainTextEdit()
        self.question.setObjectName("question")
        self.question.setMaximumHeight(90)
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.addItem(self.tr("（未涉及具体事项）"), "")
        for e in entries:
            if e.kind in ("item", "bundle"):
                self.item.addItem(f"{e.name} · {e.initials.split()[0]}", e.code)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.item.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for o in Outcome:
            self.outcome.addItem(_label(o.label), o.value)
        self.answer = QLineEdit()
        self.answer.setObjectName("answer")
        self.guide_window = QSpinBox()  # not ``window``: that is QWidget.window()
        self.guide_window.setRange(1, 999)
        self.ticket = QLineEdit()
        self.department = QLineEdit()
        self.contact = QLineEdit()
        self.contact_phone = QLineEdit()
        self.reply_by = localise_date_edit(QDateEdit())
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setSpecialValueText(self.tr("按规定（1个工作日）"))
        self.reply_by.setMinimumDate(hall_today(hall.ctx).addDays(-1))
        self.reply_by.setDate(self.reply_by.minimumDate())
        pages = QStackedWidget()
        page_rows: list[list[tuple[str, QWidget]]] = [
            [(self.tr("答复内容："), self.answer)],
            [(self.tr("引导至窗口："), self.guide_window), (self.tr("已取号票："), self.ticket)],
            [
                (self.tr("转交部门："), self.department),
                (self.tr("联系人："), self.contact),
                (self.tr("联系电话："), self.contact_phone),
            ],
            [(self.tr("约定答复日期："), self.reply_by)],
        ]
        for rows in page_rows:
            page = QWidget()
            form = QFormLayout(page)
            for label, widget in rows:
                form.addRow(label, widget)
            pages.addWidget(page)
        self.outcome.currentIndexChanged.connect(pages.setCurrentIndex)
        form = QFormLayout()
        form.addRow(self.tr("渠道："), self.channel)
        form.addRow(self.tr("来访人/单位："), self.visitor)
        form.addRow(self.tr("联系电话："), self.phone)
        form.addRow(self.tr("咨询/反映事项："), self.question)
        form.addRow(self.tr("相关事项："), self.item)
        form.addRow(self.tr("处理方式："), self.outcome)
        save = QPushButton(self.tr("登记 (Ctrl+Enter)"))
        save.setObjectName("saveInquiry")
        save.setShortcut("Ctrl+Return")
        save.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(pages)
        layout.addWidget(save)

    def data(self) -> InquiryInput:
        return InquiryInput(
            question=self.question.toPlainText(),
            channel=self.channel.currentData(),
            outcome=Outcome(self.outcome.currentData()),
            visitor_name=self.visitor.text(),
            visitor_phone=self.phone.text(),
            item_code=self.item.currentData() or "",
            answer=self.answer.text(),
            guided_window=self.guide_window.value(),
            ticket_number=self.ticket.text(),
            department=self.department.text(),
            contact=self.contact.text(),
            contact_phone=self.contact_phone.text(),
        )

    def save(self) -> None:
        data, hall, actor = self.data(), self.hall, self.actor
        chosen = self.reply_by.date()
        reply = None
        if chosen != self.reply_by.minimumDate():
            reply = dt.date(chosen.year(), chosen.month(), chosen.day())

        def done(view: InquiryView) -> None:
            self.saved.emit(view)
            self.accept()

        self.runner.run(
            lambda: hall.followups.log_inquiry(actor, data, reply), done, self.message.show_error
        )


class InquiryModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "时间"),
        QT_TRANSLATE_NOOP("Models", "来访人"),
        QT_TRANSLATE_NOOP("Models", "咨询内容"),
        QT_TRANSLATE_NOOP("Models", "处理方式"),
        QT_TRANSLATE_NOOP("Models", "首问责任人"),
        QT_TRANSLATE_NOOP("Models", "当前经办人"),
        QT_TRANSLATE_NOOP("Models", "答复期限"),
        QT_TRANSLATE_NOOP("Models", "状态"),
    )

    def __init__(self, ctx: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx  # times are shown in the hall's time zone

    def data(self, index: _Index, role: int = 0) -> Any:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QBrush, QColor

        if not index.isValid():
            return None
        r: InquiryView = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = (
                self.tr("已办结")
                if r.closed_at
                else (self.tr("已超期") if r.overdue else self.tr("处理中"))
            )
            return (
                r.number,
                hall_time(self.ctx, r.created_at, "%m-%d %H:%M"),
                r.visitor,
                r.question,
                _label(r.outcome.label),
                r.owner,
                r.handler,
                r.reply_by.isoformat(),
                state,
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join((r.resolution, *r.events)) or None
        if role == ObjectRole:
            return r
        return None


class InquiriesView(QWidget):
    overdue_changed = Signal(int)

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.message = MessageBar(self)
        self.model = InquiryModel(hall.ctx, self)
        self.table = table_view(self.model, stretch_column=3)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.mine = QCheckBox(self.tr("只看我的"))
        self.mine.setChecked(True)
        self.open_only = QCheckBox(self.tr("只看未办结"))
        self.open_only.setChecked(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索编号、咨询内容或事项"))
        self.staff = QLineEdit()
        self.staff.setPlaceholderText(self.tr("工号（值班长查看他人）"))
        self.staff.setMaximumWidth(150)
        self.since = localise_date_edit(QDateEdit())
        self.since.setObjectName("inquirySince")
        self.since.setCalendarPopup(True)
        self.since.setDate(hall_today(hall.ctx).addDays(-30))
        self.since.dateChanged.connect(self.refresh)
        self.staff.returnPressed.connect(self.refresh)
        for box in (self.mine, self.open_only):
            box.toggled.connect(self.refresh)
        self.search.returnPressed.connect(self.refresh)
        row = QHBoxLayout()
        for w in (self.mine, self.open_only, self.staff, self.since, self.search):
            row.addWidget(w)
        for text, slot in (
            (self.tr("转交同事…"), self.hand_off),
            (self.tr("跟进记录…"), self.note),
            (self.tr("办结…"), self.close_one),
            (self.tr("导出CSV…"), self.export),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            if slot == self.export and not actor.may(Permission.EXPORT_DATA):
                button.setEnabled(False)
                button.setToolTip(self.tr("导出数据须有「导出数据」权限（值班长、管理员）"))
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        hall = self.hall
        staff = self.actor.staff_id if self.mine.isChecked() else None
        other = self.staff.text().strip()
        open_only, text = self.open_only.isChecked(), self.search.text().strip()
        day = self.since.date()
        since = dt.date(day.year(), day.month(), day.day())

        def load() -> tuple[list[InquiryView], int]:
            who = hall.followups.staff_id(other) if other else staff
            rows = hall.followups.inquiries(
                staff_id=who, open_only=open_only, text=text, day_from=since
            )
            mine = hall.followups.inquiries(staff_id=self.actor.staff_id, overdue_only=True)
            return rows, len(mine)

        def done(result: tuple[list[InquiryView], int]) -> None:
            self.model.set_rows(result[0])
            self.overdue_changed.emit(result[1])

        self.runner.run(load, done, self.message.show_error)

    def selected(self) -> InquiryView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.show_message(self.tr("请先选择一条首问登记"), "error")
            return None
        return self.model.row(rows[0].row())

    def _do(self, fn: Callable[[], object], text: str) -> None:
        run_reporting(self.runner, self.message, fn, text, self.refresh)

    def hand_off(self) -> None:
        row = self.selected()
        if row is None:
            return
        staff, ok = QInputDialog.getText(self, self.tr("转交"), self.tr("转交给（工号）："))
        if not ok:
            return
        note, ok = QInputDialog.getText(self, self.tr("转交"), self.tr("转交说明："))
        if ok:
            hall, actor = self.hall, self.actor
            self._do(
                lambda: hall.followups.hand_off(actor, row.number, staff, note),
                self.tr("已转交，您仍是首问责任人"),
            )

    def note(self) -> None:
        row = self.selected()
        if row is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("跟进记录"), self.tr("跟进情况："))
        if ok:
            hall, actor = self.hall, self.actor
            self._do(lambda: hall.followups.add_note(actor, row.number, text), self.tr("已记录"))

    def close_one(self) -> None:
        row = self.selected()
        if row is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("办结"), self.tr("处理结果（必填）："))
        if ok:
            hall, actor = self.hall, self.actor
            self._do(
                lambda: hall.followups.close_inquiry(actor, row.number, text), self.tr("已办结")
            )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出首问登记"), f"首问登记-{self.hall.ctx.today()}.csv", "CSV (*.csv)"
        )
        if not path:
            return
        hall, actor, rows = self.hall, self.actor, self.model.rows()

        def work() -> None:  # the export is permission-checked and audited by the service
            Path(path).write_text(hall.followups.export_inquiries(actor, rows), encoding="utf-8")

        run_reporting(
            self.runner,
            self.message,
            work,
            self.tr("已导出 {} 条（个人信息已脱敏）").format(len(rows)),
        )
