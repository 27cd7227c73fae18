"""潮汐调度: the supervisor's console — lanes, alerts, charts of the day, the recommender's
proposals (accept with one click), manual reassignment, and the log of changes."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QCoreApplication,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.tidal import Alert
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.staffing_console import StaffingView
from hall_app.services.tidal import ChangePreview, ChangeView, Console, ConsoleLane
from hall_app.ui.common import FormDialog, MessageBar, Operations, table_view
from hall_app.ui.models import ObjectRole, _ListModel
from hall_app.ui.staffing import StaffingPanel
from hall_app.ui.tidal_apply import ApplyChangeDialog
from hall_app.ui.worker import Runner

_Index = QModelIndex | QPersistentModelIndex


class ConsoleLaneModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "业务类别"),
        QT_TRANSLATE_NOOP("Models", "等候"),
        QT_TRANSLATE_NOOP("Models", "最长等待"),
        QT_TRANSLATE_NOOP("Models", "近1小时平均等待"),
        QT_TRANSLATE_NOOP("Models", "今日已办"),
        QT_TRANSLATE_NOOP("Models", "服务窗口"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r: ConsoleLane = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            minutes = QCoreApplication.translate("Models", "{}分")  # as in the other lane tables
            avg = (
                "—"
                if r.avg_wait_last_hour is None
                else minutes.format(f"{r.avg_wait_last_hour:.0f}")
            )
            return (
                f"{r.code} {r.name}",
                str(r.waiting),
                minutes.format(r.longest_minutes),
                avg,
                str(r.served_today),
                "、".join(str(n) for n in r.windows) or "—",
            )[index.column()]
        if role == ObjectRole:
            return r
        return None


class ReassignDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.windows = QLineEdit()
        self.windows.setPlaceholderText(self.tr("窗口号，如 5,6,7"))
        self.categories = QLineEdit()
        self.categories.setPlaceholderText(self.tr("类别编码按叫号顺序，如 C,A"))
        self.reason = QLineEdit()
        self.build(
            self.tr("调整窗口业务类别"),
            [
                (self.tr("窗口："), self.windows),
                (self.tr("业务类别："), self.categories),
                (self.tr("原因："), self.reason),
            ],
            self.tr("下一步…"),
        )

    def values(self) -> tuple[list[int], list[str], str]:
        """The end time is asked next, with the confirmation (ApplyChangeDialog)."""
        numbers = [
            int(x) for x in self.windows.text().replace("，", ",").split(",") if x.strip().isdigit()
        ]
        codes = [
            x.strip().upper()
            for x in self.categories.text().replace("，", ",").split(",")
            if x.strip()
        ]
        return numbers, codes, self.reason.text()


def _bar_chart(title: str, labels: list[str], *sets: tuple[str, list[int]]) -> QChart:
    """Bars with short category labels that are never elided to "…" (a chart gets about a
    fifth of a 1366 px screen) and a count axis with whole-number ticks."""
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(2, 2, 2, 2))
    chart.layout().setContentsMargins(0, 0, 0, 0)
    series = QBarSeries()
    values: list[int] = []
    for name, numbers in sets:
        bars = QBarSet(name)
        bars.append([float(v) for v in numbers])
        series.append(bars)
        values += numbers
    chart.legend().setVisible(len(sets) > 1)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(labels)
    axis_x.setTruncateLabels(False)
    font = axis_x.labelsFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    axis_x.setLabelsFont(font)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    step = max(1, math.ceil(max([4, *values]) / 4))
    axis_y.setRange(0, step * 4)
    axis_y.setTickCount(5)
    axis_y.setLabelFormat("%d")
    axis_y.setLabelsFont(font)
    axis_y.setTruncateLabels(False)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    return chart


class TidalView(QWidget):
    refreshed = Signal(object)  # Console

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None):
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.console: Console | None = None
        self.message = MessageBar(self)
        self.ops = Operations(runner, self.message, self.refresh)
        self.lanes = ConsoleLaneModel(self)
        self.alerts = QListWidget()
        self.alerts.setObjectName("alerts")
        self.proposals = QListWidget()
        self.proposals.setObjectName("proposals")
        self.proposals.setWordWrap(True)
        self.alerts.setWordWrap(True)
        self.auto = QCheckBox(
            self.tr("自动调度（每窗口每30分钟至多切换一次，不让有人等候的类别无窗口）")
        )
        self.auto.clicked.connect(self.toggle_auto)
        accept = QPushButton(self.tr("采纳所选建议"))
        accept.setObjectName("acceptProposal")
        accept.clicked.connect(self.accept_selected)
        dismiss = QPushButton(self.tr("忽略"))
        dismiss.clicked.connect(lambda: self.proposals.takeItem(self.proposals.currentRow()))
        reassign = QPushButton(self.tr("手动调整窗口…"))
        reassign.clicked.connect(self.reassign)
        self.log = QListWidget()
        self.arrival_chart = QChartView()
        self.wait_chart = QChartView()
        for view in (self.arrival_chart, self.wait_chart):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(200)

        proposal_box = QGroupBox(self.tr("调度建议"))
        pl = QVBoxLayout(proposal_box)
        pl.addWidget(self.proposals)
        row = QHBoxLayout()
        row.addWidget(accept)
        row.addWidget(dismiss)
        row.addWidget(reassign)
        pl.addLayout(row)
        alert_box = QGroupBox(self.tr("预警"))
        QVBoxLayout(alert_box).addWidget(self.alerts)
        log_box = QGroupBox(self.tr("今日调整记录"))
        QVBoxLayout(log_box).addWidget(self.log)
        lanes_page = QWidget()
        grid = QGridLayout(lanes_page)
        grid.addWidget(self.message, 0, 0, 1, 3)
        grid.addWidget(table_view(self.lanes, stretch_column=5), 1, 0, 1, 2)
        grid.addWidget(alert_box, 1, 2)
        grid.addWidget(proposal_box, 2, 0)
        grid.addWidget(self.arrival_chart, 2, 1)
        grid.addWidget(self.wait_chart, 2, 2)
        # a row of its own: in English this line would squeeze the charts beside the proposals
        grid.addWidget(self.auto, 3, 0, 1, 3)
        grid.addWidget(log_box, 4, 0, 1, 3)
        # at 1366×768 the lanes and the charts matter most; the day's log is a few lines
        grid.setRowStretch(1, 2)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(4, 1)
        # 人员调配: people as well as lanes, each proposal checked forward, overflow warnings
        self.staffing = StaffingPanel(hall, runner, actor, self)
        self.staffing.host = self
        self.staffing.computed.connect(self._warn)
        self.pages = QTabWidget()
        self.pages.setObjectName("tidalPages")
        self.pages.addTab(lanes_page, self.tr("窗口业务"))
        self.pages.addTab(self.staffing, self.tr("人员调配"))
        self.banner = QPushButton()  # the overflow warnings, seen from the lanes page too
        self.banner.setObjectName("overflowBanner")
        self.banner.setFlat(True)
        self.banner.setStyleSheet(
            "QPushButton{color:#c62828;font-weight:bold;text-align:left;padding:2px 6px;"
            "background:#ffebee;border:1px solid #ef9a9a;border-radius:3px;}"
        )
        self.banner.clicked.connect(lambda: self.pages.setCurrentWidget(self.staffing))
        self.banner.hide()
        self.pages.currentChanged.connect(lambda _: self._warn(self.staffing.view))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.staffing.recompute_if_stale()

    def recompute_staffing(self) -> None:
        """F5 in the main window: the staffing view afresh, when the console is on screen."""
        if self.isVisible():
            self.staffing.recompute()

    def _warn(self, view: StaffingView | None) -> None:
        """The warned lanes in the banner above both pages (hidden on the staffing page,
        which lists them in full) and in the staffing tab's title."""
        warned = view.warnings if view is not None else ()
        index = self.pages.indexOf(self.staffing)
        self.pages.setTabText(
            index,
            self.tr("人员调配（⚠ 预警 {} 条）").format(len(warned))
            if warned
            else self.tr("人员调配"),
        )
        self.pages.tabBar().setTabTextColor(
            index, QColor("#c62828") if warned else self.palette().windowText().color()
        )
        limit = view.limit if view is not None else 0
        self.banner.setText(
            self.tr("⚠ 溢出预警：{} — 详见「人员调配」").format(
                "；".join(w.text(limit) for w in warned)
            )
        )
        self.banner.setVisible(bool(warned) and self.pages.currentWidget() is not self.staffing)

    def refresh(self) -> None:
        hall = self.hall
        self.staffing.refresh()
        self.runner.run(
            lambda: (hall.tidal.console(hall.queues), hall.tidal.changes()),
            self._show,
            self.message.show_error,
        )

    def _show(self, result: tuple[Console, list[ChangeView]]) -> None:
        console, changes = result
        self.console = console
        self.lanes.set_rows(list(console.lanes))
        self.alerts.clear()
        for alert in cast("tuple[Alert, ...]", console.alerts):  # the service keeps it loose
            self.alerts.addItem(("⚠ " if alert.level == "alarm" else "· ") + alert.text)
        self.proposals.clear()
        for proposal in console.proposals:
            self.proposals.addItem(proposal.reason)
        self.auto.setChecked(console.auto)
        hours = list(range(8, 18))
        self.arrival_chart.setChart(
            _bar_chart(
                self.tr("今日每小时取号与办结（时）"),
                [str(h) for h in hours],
                (self.tr("取号"), [console.arrivals_per_hour.get(h, 0) for h in hours]),
                (self.tr("办结"), [console.services_per_hour.get(h, 0) for h in hours]),
            )
        )
        self.wait_chart.setChart(
            _bar_chart(
                self.tr("今日等待时间分布（分钟）"),
                [k.split("-")[0] for k in console.wait_histogram],  # "0-5" → "0", "60+" stays
                (self.tr("人数"), list(console.wait_histogram.values())),
            )
        )
        self.log.clear()
        for c in changes:
            until = f"，至 {self.hall.ctx.local(c.until):%H:%M}" if c.until else ""
            override = (
                self.tr("；越过规则：{}").format(c.override_reason) if c.override_reason else ""
            )
            self.log.addItem(
                f"{self.hall.ctx.local(c.at):%H:%M} {c.window}号窗口 {c.old} → {c.new}"
                f"（{c.by}，{c.reason}{until}{override}）"
            )
        self.refreshed.emit(console)

    def accept_selected(self) -> None:
        row = self.proposals.currentRow()
        if self.console is None or not 0 <= row < len(self.console.proposals):
            self.message.show_message(self.tr("请先选择一条建议"), "error")
            return
        proposal = self.console.proposals[row]
        hall, actor = self.hall, self.actor

        def apply(until: dt.datetime | None, override: str) -> None:
            self.ops.run(
                lambda: hall.tidal.accept(actor, proposal, until=until, override_reason=override),
                self.tr("已采纳：{}号窗口改为 {}").format(
                    proposal.window, "、".join(proposal.to_categories)
                ),
            )

        self._confirm([proposal.window], list(proposal.to_categories), apply)

    def _confirm(
        self,
        windows: list[int],
        codes: list[str],
        apply: Callable[[dt.datetime | None, str], None],
    ) -> None:
        """Show the full before → after order, the refusal reasons if any, and ask until when."""
        hall = self.hall

        def asked(preview: ChangePreview) -> None:
            answer = ApplyChangeDialog.ask(self, preview, hall.ctx.local(preview.default_until))
            if answer is not None:
                apply(*answer)

        self.runner.run(lambda: hall.tidal.preview(windows, codes), asked, self.message.show_error)

    def toggle_auto(self, on: bool) -> None:
        hall, actor = self.hall, self.actor
        self.ops.run(
            lambda: hall.tidal.set_auto(actor, on),
            self.tr("自动调度已开启") if on else self.tr("自动调度已关闭"),
        )

    def reassign(self) -> None:
        answer = ReassignDialog.ask(self)
        if answer is None:
            return
        numbers, codes, reason = answer
        hall, actor = self.hall, self.actor

        def apply(until: dt.datetime | None, override: str) -> None:
            self.ops.run(
                lambda: hall.tidal.reassign(
                    actor, numbers, codes, reason, until=until, override_reason=override
                ),
                self.tr("已调整 {} 号窗口").format("、".join(map(str, numbers))),
            )

        self._confirm(numbers, codes, apply)
