"""Parts of the offline desk (``ui/offline.py``): the list of offline tickets, the small
forms, the preview that prints without the server, the status dialog, and the banner that
the main window shows across the top while the terminal is offline or not yet merged."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import BLOCK_KINDS
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.masking import mask_phone, normalize_phone
from hall_app.domain.offline_queue import OWN, SERVER, TYPED, QueueEntry
from hall_app.domain.tickets import Priority
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineStatus
from hall_app.ui import printer
from hall_app.ui.common import FormDialog, MessageBar
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, SortRole, _Index, _ListModel
from hall_app.ui.output import Printed
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import PRINTER, Settings
from hall_app.ui.worker import Runner

# ---------------------------------------------------------------- status text


def describe_status(status: OfflineStatus, tz: dt.tzinfo) -> str:
    """The offline state of this terminal in a few lines (the 离线状态 dialog)."""
    lines = []
    if status.offline_since is not None:
        lines.append(
            QCoreApplication.translate("Offline", "当前：离线办理中（{} 起）").format(
                f"{status.offline_since.astimezone(tz):%H:%M:%S}"
            )
        )
    else:
        lines.append(QCoreApplication.translate("Offline", "当前：联网"))
    if status.prepared_at is not None:
        lines.append(
            QCoreApplication.translate("Offline", "离线数据（号码段、事项目录）准备于 {}").format(
                f"{status.prepared_at.astimezone(tz):%m-%d %H:%M}"
            )
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "Offline", "本终端还没有准备离线数据：断网时只能使用纸质应急包"
            )
        )
    lines.append(
        QCoreApplication.translate("Offline", "今日可用离线号码：")
        + numbers_text(status.numbers_left)
    )
    lines.append(
        QCoreApplication.translate("Offline", "待核对合并 {} 条，已合并 {} 条，冲突 {} 条").format(
            status.pending, status.merged, status.conflicts
        )
    )
    if status.conflicts:
        lines.append(QCoreApplication.translate("Offline", "冲突记录请值班长在应急处置中核对处理"))
    return "\n".join(lines)


def numbers_text(left: dict[str, int], kinds: tuple[str, ...] | None = None) -> str:
    """``应急号票 28 · 首问登记 9 · …``: numbers in hand per kind (all kinds, or ``kinds``)."""
    return " · ".join(
        f"{label(name)} {left.get(kind, 0)}"
        for kind, name in BLOCK_KINDS.items()
        if kinds is None or kind in kinds
    )


# ---------------------------------------------------------------- the ticket list


class OfflineTicketModel(_ListModel):
    """The tickets an offline desk knows (``QueueEntry`` rows): the waiting ones in the order
    the desk suggests (numbered), then the one at this window, the others' and the done."""

    headers = (
        QT_TRANSLATE_NOOP("Models", "顺序"),
        QT_TRANSLATE_NOOP("Models", "号票"),
        QT_TRANSLATE_NOOP("Models", "业务"),
        QT_TRANSLATE_NOOP("Models", "来源"),
        QT_TRANSLATE_NOOP("Models", "状态"),
        QT_TRANSLATE_NOOP("Models", "取号时间"),
    )
    _STATES: ClassVar[dict[str, str]] = {
        "waiting": QT_TRANSLATE_NOOP("Models", "等候"),
        "called": QT_TRANSLATE_NOOP("Models", "已叫号"),
        "serving": QT_TRANSLATE_NOOP("Models", "办理中"),
        "finished": QT_TRANSLATE_NOOP("Models", "已办结"),
        "no_show": QT_TRANSLATE_NOOP("Models", "过号"),
    }
    _SOURCES: ClassVar[dict[str, str]] = {
        OWN: QT_TRANSLATE_NOOP("Models", "本终端发出"),
        SERVER: QT_TRANSLATE_NOOP("Models", "断网前等候"),
        TYPED: QT_TRANSLATE_NOOP("Models", "市民持号登记"),
    }

    def __init__(self, tz: dt.tzinfo | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz or zoneinfo.ZoneInfo("Asia/Shanghai")
        self._order: dict[str, int] = {}
        self._where: dict[str, tuple[int, ...]] | None = None  # reception: the windows to go to

    def set_queue(
        self,
        queue: list[QueueEntry],
        suggested: list[QueueEntry],
        window: int | None = None,
        where: dict[str, tuple[int, ...]] | None = None,
    ) -> None:
        """``suggested`` first (a desk that serves); without it (reception), what the desk
        issued, with the windows each citizen goes to (``where``) in place of the source."""
        self._order = {e.number: i for i, e in enumerate(suggested, 1)}
        if where is not None and self._where is None:
            self._where = where
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 3, 3)
        self._where = where if where is not None else self._where
        if not suggested and window is None:
            self.set_rows([e for e in queue if e.local])
            return
        rest = [e for e in queue if e.number not in self._order]

        def later(e: QueueEntry) -> tuple[int, dt.datetime]:
            if e.state in ("called", "serving"):
                return (0 if e.local or e.window == window else 1, e.issued_at)
            return (2 if e.state == "waiting" else 3, e.issued_at)

        self.set_rows(list(suggested) + sorted(rest, key=later))

    def source_text(self, e: QueueEntry) -> str:
        if self._where is not None:
            windows = self._where.get(e.number, ())
            return (
                QCoreApplication.translate("Models", "请到 {} 号窗口").format(
                    "/".join(str(n) for n in windows[:2])
                )
                if windows
                else "—"
            )
        return QCoreApplication.translate("Models", self._SOURCES.get(e.source, e.source))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            section == 3
            and self._where is not None
            and role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
        ):
            return QCoreApplication.translate("Models", "去向")
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        col = index.column()
        green = t.priority == int(Priority.GREEN)
        if role == Qt.ItemDataRole.DisplayRole:
            mark = QCoreApplication.translate("Models", "绿色通道")
            subject = t.label + (f"（{mark}）" if green and mark not in t.label else "")
            state = QCoreApplication.translate("Models", self._STATES.get(t.state, t.state))
            when = f"{t.issued_at.astimezone(self.tz):%H:%M:%S}"
            if t.source == TYPED:  # the slip's own time is not known: when it was brought
                when += QCoreApplication.translate("Models", "（登记）")
            if t.window and not t.local and t.state in ("called", "serving"):
                state += QCoreApplication.translate("Models", "（{}号窗口）").format(t.window)
            order = self._order.get(t.number)
            return (
                str(order) if order else "",
                t.number,
                subject,
                self.source_text(t),
                state,
                when,
            )[col]
        if role == SortRole:
            return (
                self._order.get(t.number, 10**6),
                t.number,
                t.label,
                t.source,
                t.state,
                t.issued_at.isoformat(),
            )[col]
        if role == ObjectRole:
            return t
        if role == Qt.ItemDataRole.ForegroundRole:
            if t.state in ("finished", "no_show"):
                return QBrush(QColor("#757575"))
            if green and col in (1, 2):
                return QBrush(QColor("#2e7d32"))
        if role == Qt.ItemDataRole.BackgroundRole and t.local and t.state in ("called", "serving"):
            return QBrush(QColor("#fff8e1"))
        return None


# ---------------------------------------------------------------- small forms


class OfflineInquiryDialog(FormDialog):
    """首问登记 offline: what was asked, by whom, and what was done about it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = MessageBar(self)
        self.question = QLineEdit()
        self.question.setObjectName("offlineQuestion")
        self.visitor = QLineEdit()
        self.visitor.setPlaceholderText(self.tr("可不填"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("可不填；核验后只显示前3后4位"))
        self.phone.editingFinished.connect(self._mask_phone)
        self._full_phone = ""
        self.outcome = QComboBox()
        for o in Outcome:
            self.outcome.addItem(label(o.label), o.value)
        self.answer = QLineEdit()
        self.answer.setObjectName("offlineAnswer")
        self.answer.setPlaceholderText(self.tr("当场解答的答复内容"))
        self.window_box = QSpinBox()
        self.window_box.setRange(0, 999)
        self.window_box.setSpecialValueText(self.tr("（引导至窗口时填写）"))
        self.department = QLineEdit()
        self.department.setPlaceholderText(self.tr("转交部门时填写：部门、联系人"))
        self.contact = QLineEdit()
        self.build(
            self.tr("首问登记（离线）"),
            [
                (self.tr("咨询/反映事项："), self.question),
                (self.tr("来访人："), self.visitor),
                (self.tr("联系电话："), self.phone),
                (self.tr("处理方式："), self.outcome),
                (self.tr("答复内容："), self.answer),
                (self.tr("引导至窗口："), self.window_box),
                (self.tr("转交部门："), self.department),
                (self.tr("联系人："), self.contact),
            ],
            self.tr("登记"),
        )
        form = self.layout()
        assert isinstance(form, QFormLayout)  # FormDialog.build lays the rows out in one
        form.insertRow(0, self.message)
        self.resize(520, 360)

    def _mask_phone(self) -> None:
        text = self.phone.text().strip()
        if not text or "*" in text:
            return
        try:
            self._full_phone = normalize_phone(text)
        except KnownError as error:
            self.message.show_error(error)
            return
        self.phone.setText(mask_phone(self._full_phone))

    def values(self) -> InquiryInput:
        phone = self.phone.text().strip()
        if "*" in phone and mask_phone(self._full_phone) == phone:
            phone = self._full_phone
        return InquiryInput(
            question=self.question.text(),
            channel="现场",
            outcome=Outcome(self.outcome.currentData()),
            visitor_name=self.visitor.text(),
            visitor_phone=phone,
            answer=self.answer.text(),
            guided_window=self.window_box.value() or None,
            department=self.department.text(),
            contact=self.contact.text(),
        )

    def accept(self) -> None:
        try:
            data = self.values()
            data.check()
            if data.visitor_phone:
                normalize_phone(data.visitor_phone)
        except KnownError as error:
            self.message.show_error(error)
            return
        super().accept()


class ItemPickDialog(FormDialog):
    """Which item (or 一件事) the citizen came for, from the offline catalog."""

    def __init__(self, entries: list[CatalogEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for e in entries:
            self.item.addItem(f"{e.name} · {e.initials}", e.code)
        completer = self.item.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.build(self.tr("选择办理事项"), [(self.tr("事项："), self.item)], self.tr("材料核验"))

    def values(self) -> str | None:
        return self.item.currentData()

    @classmethod
    def pick(cls, parent: QWidget, entries: list[CatalogEntry]) -> str | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(entries, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class OfflinePreviewDialog(PreviewDialog):
    """The usual preview; printing goes to the local printer without a server-side job."""

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        path: Path,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        # only the path of ``saved`` is read: offline there is no print job to carry
        saved = Printed(path, None)  # type: ignore[arg-type]  # no print job offline
        super().__init__(hall, runner, actor, settings, saved, title, parent)

    def print_now(self) -> None:
        name = self.printer_box.currentText() if printer.printer_names() else ""
        path = self.saved.path
        self.print_button.setEnabled(False)

        def done(used: str) -> None:
            self.print_button.setEnabled(True)
            self.settings.set(PRINTER, used)
            self.message.show_message(self.tr("已送打印机「{}」").format(used), "ok")

        def failed(error: KnownError) -> None:
            self.print_button.setEnabled(True)
            self.message.show_message(
                self.tr("打印失败，文件已保存：{}").format(error.message), "error", seconds=0
            )

        self.runner.run(lambda: printer.print_pdf(path, name), done, failed)


class OfflineStatusDialog(QDialog):
    def __init__(self, status: OfflineStatus, tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("离线状态"))
        self.text = QLabel(describe_status(status, tz))
        self.text.setObjectName("offlineStatusText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


# ---------------------------------------------------------------- the banner


_BANNER = {
    "offline": "background:#c62828;color:white;",
    "amber": "background:#ffb300;color:#3e2723;",
}


class OfflineBanner(QFrame):
    """The strip across the top: red while offline, amber until the journal is merged."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.label = QLabel()
        self.label.setObjectName("offlineBannerText")
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.label.setFont(font)
        self.dismiss = QPushButton(self.tr("知道了"))
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.dismiss)
        self.state = ""
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def _show(self, state: str, text: str, color: str, dismissable: bool = False) -> None:
        self.state = state
        self.label.setText(text)
        self.setStyleSheet(f"#offlineBanner{{{_BANNER[color]}}} QLabel{{{_BANNER[color]}}}")
        self.dismiss.setVisible(dismissable)
        self.show()

    def show_offline(self, since: dt.datetime | None, pending: int | None) -> None:
        text = self.tr(
            "⚠ 服务器连接中断，本终端已转入离线模式：号票、告知单、受理照常办理，恢复后自动核对合并"
        )
        details = []
        if since is not None:
            details.append(self.tr("{} 起").format(f"{since:%H:%M:%S}"))
        if pending is not None:
            details.append(self.tr("待核对 {} 条").format(pending))
        if details:
            text += "（" + "，".join(details) + "）"
        self._show("offline", text, "offline")

    def show_reconciling(self, done: int = 0, total: int = 0) -> None:
        text = self.tr("已恢复联网，正在核对离线记录…")
        if total:
            text += f" {done}/{total}"
        self._show("reconciling", text, "amber")

    def show_unmerged(self, pending: int | None, error: str = "") -> None:
        if pending:
            text = self.tr("已恢复联网，尚有 {} 条离线记录未合并，稍后自动重试").format(pending)
        else:
            text = self.tr("已恢复联网，离线记录暂未核对合并，稍后自动重试")
        if error:
            text += "：" + error
        self._show("unmerged", text, "amber")

    def show_conflicts(self, conflicts: int, pending: int) -> None:
        text = self.tr("离线记录已核对合并；有 {} 条冲突待值班长处理").format(conflicts)
        if pending:
            text += self.tr("（另有 {} 条尚未合并）").format(pending)
        self._show("conflicts", text, "amber", dismissable=not pending)

    def clear(self) -> None:
        self.state = ""
        self.hide()
