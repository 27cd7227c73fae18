"""整改与回访 for the supervisor: bad ratings and 办不成事 reports followed to the end, with
the satisfaction report and the open/overdue counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.followups import CHANNELS, FollowAction
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.roles import Permission, allowed
from hall_app.services.context import Actor
from hall_app.services.exports import Table
from hall_app.services.followups import COMPLEXITY_LABELS, FollowUpView, SatisfactionRow
from hall_app.services.hall import Hall
from hall_app.ui.common import FormDialog, MessageBar, Operations, table_view
from hall_app.ui.labels import label as _label
from hall_app.ui.models import ObjectRole, _Index, _ListModel
from hall_app.ui.worker import Runner


class FollowUpModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "类型"),
        QT_TRANSLATE_NOOP("Models", "事由"),
        QT_TRANSLATE_NOOP("Models", "状态"),
        QT_TRANSLATE_NOOP("Models", "核实期限"),
        QT_TRANSLATE_NOOP("Models", "整改期限"),
        QT_TRANSLATE_NOOP("Models", "回访"),
        QT_TRANSLATE_NOOP("Models", "经办人"),
    )

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        r: FollowUpView = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("差评整改") if r.kind == "rating" else self.tr("办不成事")
            state = _label(r.state.label) + (self.tr("（超期）") if r.overdue else "")
            return (
                r.number,
                kind,
                r.summary + (f"：{r.reason}" if r.reason else ""),
                state,
                r.verify_due.isoformat(),
                r.due.isoformat(),
                r.visit or "—",
                r.assigned_to or "—",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue:
            return QBrush(QColor("#c62828"))
        if role == ObjectRole:
            return r
        return None


def _rate(r: SatisfactionRow) -> str:
    """满意率 of the ratings given; — when every service there was left 未评价."""
    return f"{r.satisfaction:.1f}%" if r.ratings else "—"


def satisfaction_cells(r: SatisfactionRow) -> tuple[str, ...]:
    return (
        r.group,
        r.name,
        str(r.ratings),
        f"{r.average:.2f}" if r.ratings else "—",
        str(r.bad),
        str(r.unrated),
        _rate(r),
    )


class SatisfactionModel(_ListModel):
    # 未评价 is counted apart: not in 评价数, the average or 满意率
    headers = (
        QT_TRANSLATE_NOOP("Models", "维度"),
        QT_TRANSLATE_NOOP("Models", "名称"),
        QT_TRANSLATE_NOOP("Models", "评价数"),
        QT_TRANSLATE_NOOP("Models", "平均分"),
        QT_TRANSLATE_NOOP("Models", "差评数"),
        QT_TRANSLATE_NOOP("Models", "未评价"),
        QT_TRANSLATE_NOOP("Models", "满意率"),
    )

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r: SatisfactionRow = self._rows[index.row()]
        return satisfaction_cells(r)[index.column()]


class CannotDoDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = QLineEdit()
        self.why = QLineEdit()
        self.kind = QComboBox()
        for key, label in COMPLEXITY_LABELS.items():
            self.kind.addItem(label, key)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.assign = QLineEdit()
        self.assign.setPlaceholderText(self.tr("承办人工号（可不填）"))
        self.build(
            self.tr("办不成事登记"),
            [
                (self.tr("未办成的事项："), self.what),
                (self.tr("原因："), self.why),
                (self.tr("问题类型："), self.kind),
                (self.tr("群众姓名："), self.name),
                (self.tr("联系电话："), self.phone),
                (self.tr("承办人："), self.assign),
            ],
            self.tr("登记"),
        )

    def values(self) -> tuple[str, str, str, str, str, str]:
        return (
            self.what.text(),
            self.why.text(),
            self.kind.currentData(),
            self.name.text(),
            self.phone.text(),
            self.assign.text(),
        )


class FollowUpsView(QWidget):
    counts_changed = Signal(object)  # dict

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.message = MessageBar(self)
        self.ops = Operations(runner, self.message, self.refresh)
        self.counts = QLabel()
        self.counts.setObjectName("openCounts")
        self.counts.setWordWrap(True)
        self.model = FollowUpModel(self)
        self.table = table_view(self.model, stretch_column=2)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.satisfaction = SatisfactionModel(self)
        report = table_view(self.satisfaction, stretch_column=1)
        actions = QGridLayout()  # two rows of five: ten English captions outgrow 1366 px
        self.buttons: dict[str, QPushButton] = {}
        for name, text in (
            ("verify", self.tr("核实后整改")),
            ("visit", self.tr("登记回访…")),
            ("close", self.tr("办结…")),
            ("request_invalid", self.tr("申请无效评价…")),
            ("request_cannot", self.tr("申请无法整改…")),
            ("approve", self.tr("审核通过")),
            ("reject", self.tr("审核不通过…")),
            ("extend", self.tr("延期…")),
            ("cannot_do", self.tr("办不成事登记…")),
            ("export", self.tr("导出报表…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, n=name: self.act(n))
            actions.addWidget(button, len(self.buttons) // 5, len(self.buttons) % 5)
            self.buttons[name] = button
        self.buttons["export"].setEnabled(allowed(actor.role, Permission.EXPORT_DATA))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(self.tr("满意度（按窗口、工作人员、业务类别）")))
        layout.addWidget(report, 2)

    def refresh(self) -> None:
        hall = self.hall

        def load() -> tuple[list[FollowUpView], list[SatisfactionRow], dict[str, int]]:
            f = hall.followups
            return f.followups(), f.satisfaction(), f.open_counts()

        def done(result: tuple[list[FollowUpView], list[SatisfactionRow], dict[str, int]]) -> None:
            rows, satisfaction, counts = result
            self.model.set_rows(rows)
            self.satisfaction.set_rows(satisfaction)
            self.counts.setText(
                self.tr(
                    "首问未办结 {} 件（超期 {}） · 差评整改 {} 件（超期 {}） · 办不成事 {} 件（超期 {}）"
                ).format(
                    counts["inquiries_open"],
                    counts["inquiries_overdue"],
                    counts["rectifications_open"],
                    counts["rectifications_overdue"],
                    counts["cannot_do_open"],
                    counts["cannot_do_overdue"],
                )
            )
            self.counts_changed.emit(counts)

        self.runner.run(load, done, self.message.show_error)

    def selected(self) -> FollowUpView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def act(self, name: str) -> None:
        hall, actor = self.hall, self.actor
        if name == "cannot_do":
            answer = CannotDoDialog.ask(self)
            if answer is not None:
                self.ops.run(
                    lambda: hall.followups.report_cannot_do(actor, *answer), self.tr("已登记")
                )
            return
        if name == "export":
            self.export()
            return
        row = self.selected()
        if row is None:
            self.message.show_message(self.tr("请先选择一个整改事项"), "error")
            return
        no = row.number
        if name == "visit":
            shown = [_label(c) for c in CHANNELS]
            chosen, ok = QInputDialog.getItem(
                self, self.tr("回访"), self.tr("回访方式："), shown, 1, False
            )
            if not ok or chosen not in shown:
                return
            channel = CHANNELS[shown.index(chosen)]
            response, ok = QInputDialog.getText(self, self.tr("回访"), self.tr("群众意见："))
            if ok:
                today = hall.ctx.today()
                self.ops.run(
                    lambda: hall.followups.record_visit(actor, no, today, channel, response),
                    self.tr("已登记回访"),
                )
            return
        if name == "extend":
            days, ok = QInputDialog.getInt(self, self.tr("延期"), self.tr("延长工作日："), 5, 1, 30)
            if not ok:
                return
            reason, ok = QInputDialog.getText(self, self.tr("延期"), self.tr("理由："))
            if ok:
                self.ops.run(
                    lambda: hall.followups.extend(actor, no, days, reason), self.tr("已延期")
                )
            return
        note = ""
        if name in ("close", "request_invalid", "request_cannot", "reject"):
            note, ok = QInputDialog.getText(
                self, self.buttons[name].text(), self.tr("说明（必填）：")
            )
            if not ok:
                return
        action = FollowAction(name)
        self.ops.run(
            lambda: hall.followups.act(actor, no, action, note),
            self.tr("{}：{}").format(no, self.buttons[name].text().rstrip("…")),
        )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出满意度与整改报表"),
            f"好差评报表-{self.hall.ctx.today()}.csv",
            "CSV (*.csv)",
        )
        if not path:
            return
        tables: list[Table] = [
            (
                list(SatisfactionModel.headers),
                [satisfaction_cells(r) for r in self.satisfaction.rows()],
            ),
            (
                ["编号", "类型", "事由", "状态", "整改期限", "超期", "回访"],
                [
                    [
                        f.number,
                        f.kind,
                        f.summary,
                        f.state.label,
                        f.due,
                        "是" if f.overdue else "",
                        f.visit,
                    ]
                    for f in self.model.rows()
                ],
            ),
        ]
        hall, actor = self.hall, self.actor

        def work() -> None:  # the export is permission-checked and audited by the service
            Path(path).write_text(hall.followups.export_report(actor, tables), encoding="utf-8")

        self.ops.run(work, self.tr("已导出 {}").format(path))
