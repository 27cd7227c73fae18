"""Overflow warnings (溢出预警, issue 19 §5) at the top of the staffing console, in red: each
warned lane's text (when its wait passes the hall's limit, how long, how many left at
closing), and under it its remedies with their expected effect on the lane's p95, each with a
button — 先行引导预约…, 一件事分流综合受理… — and a pointer to the staffing proposals that
call someone for that lane."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.forward import SEEDS
from hall_app.domain.overflow import RemedyOption, Warning
from hall_app.ui.staffing_model import REMEDY_KINDS, band_text, tr

WARNING_STYLE = "color:#c62828;font-weight:bold;"
MAX_HEIGHT = 200  # px: at 1366×768 the proposals keep the most of the page


class WarningsBox(QGroupBox):
    remedy = Signal(object, object)  # RemedyOption, Warning: the supervisor chose it
    calls = Signal(str)  # a lane: show its call proposals

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setContentsMargins(4, 2, 4, 2)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.area)
        self.buttons: list[QPushButton] = []
        self.may = True
        self.set_limit(None)
        self.show_warnings((), (), {}, 0)

    def set_limit(self, limit: int | None) -> None:
        self.setTitle(
            self.tr("溢出预警")
            if limit is None
            else self.tr("溢出预警（等待上限 {} 分钟）").format(limit)
        )

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = []

    def show_warnings(
        self,
        warnings: tuple[Warning, ...],
        remedies: tuple[RemedyOption, ...],
        calls: dict[str, int],
        limit: int,
    ) -> None:
        """``calls``: per lane, how many checked proposals call someone for it."""
        self._clear()
        if not warnings:
            quiet = QLabel(self.tr("未来两小时各类业务预计不超过等待上限"))
            quiet.setObjectName("noWarning")
            quiet.setStyleSheet("color:#2e7d32;")
            self.grid.addWidget(quiet, 0, 0, 1, 2)
            QTimer.singleShot(0, self.fit)  # once the new labels are shown
            return
        row = 0
        for warning in warnings:
            seen = round(warning.share * SEEDS)
            head = QLabel(
                "⚠ "
                + warning.text(limit)
                + self.tr("（{} 次模拟中 {} 次超限）").format(SEEDS, seen)
            )
            head.setObjectName(f"warning_{warning.lane}")
            head.setWordWrap(True)
            head.setStyleSheet(WARNING_STYLE)
            self.grid.addWidget(head, row, 0, 1, 2)
            row += 1
            for option in (o for o in remedies if o.lane == warning.lane):
                button = QPushButton(tr(REMEDY_KINDS.get(option.kind, option.kind)) + "…")
                button.setObjectName(f"remedy_{option.lane}_{option.kind}")
                button.clicked.connect(lambda _=False, o=option, w=warning: self.remedy.emit(o, w))
                effect = QLabel(  # under its lane's warning: the lane's name is not repeated
                    option.text.removeprefix(f"{warning.name}：")
                    + self.tr("（{} 次模拟区间 {}–{} → {}–{} 分钟）").format(
                        SEEDS,
                        f"{option.without.low:.0f}",
                        f"{option.without.high:.0f}",
                        f"{option.with_.low:.0f}",
                        f"{option.with_.high:.0f}",
                    )
                )
                effect.setToolTip(
                    self.tr("p95 等待 {} → {} 分钟").format(
                        band_text(option.without), band_text(option.with_)
                    )
                )
                effect.setWordWrap(True)
                self._add(button, effect, row)
                button.setEnabled(self.may)
                row += 1
            count = calls.get(warning.lane, 0)
            button = QPushButton(self.tr("召回人员建议（{} 条）").format(count))
            button.setObjectName(f"calls_{warning.lane}")
            button.clicked.connect(lambda _=False, lane=warning.lane: self.calls.emit(lane))
            button.setEnabled(count > 0)
            pointer = QLabel(
                self.tr("在下方调配建议表中选中第一条")
                if count
                else self.tr("暂无经前瞻校验有效的召回人员建议")
            )
            pointer.setWordWrap(True)
            self._add(button, pointer, row)
            button.setEnabled(count > 0)  # only a pointer: a clerk may follow it too
            row += 1
        QTimer.singleShot(0, self.fit)  # once the new labels are shown

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """As tall as the warnings are at this width (wrapped lines counted), up to
        ``MAX_HEIGHT``; more scrolls."""
        width = self.area.viewport().width()
        inner = self.inner
        wanted = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
        if wanted < 0:
            wanted = inner.sizeHint().height()
        height = min(wanted + 2, MAX_HEIGHT)
        if self.area.height() != height or self.area.minimumHeight() != height:
            self.area.setFixedHeight(height)

    def _add(self, button: QPushButton, label: QLabel, row: int) -> None:
        self.grid.addWidget(button, row, 0)
        self.grid.addWidget(label, row, 1)
        self.buttons.append(button)

    def set_enabled(self, may: bool) -> None:
        """A user without ``manage_tidal`` sees the remedies but cannot apply them."""
        self.may = may
        for button in self.buttons:
            if button.objectName().startswith("remedy_"):
                button.setEnabled(may)
