"""Who holds a window: its label at login, the question before taking it over, and the
banner of a terminal whose window was taken over by a login elsewhere."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

if TYPE_CHECKING:  # the login window shows before SQLAlchemy loads
    from hall_app.services.terminals import Displaced, WindowHolder


def window_label(number: int, name: str) -> str:
    """ "1号窗口 绿色通道": a window name that already starts with its number is not doubled."""
    name = name.strip()
    for prefix in (f"{number}号窗口", f"{number}号"):
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
            break
    return QCoreApplication.translate("Takeover", "{}号窗口 {}").format(number, name).strip()


def _clock(moment: dt.datetime | None, tz: zoneinfo.ZoneInfo) -> str:
    return (
        moment.astimezone(tz).strftime("%H:%M")
        if moment is not None
        else QCoreApplication.translate("Takeover", "此前")
    )


def holder_text(holder: WindowHolder, tz: zoneinfo.ZoneInfo) -> str:
    """ "王丽（1001）08:32 起在岗", with a note when the holder's terminal has gone silent."""
    text = QCoreApplication.translate("Takeover", "{}（{}）{} 起在岗").format(
        holder.name, holder.staff_no, _clock(holder.since, tz)
    )
    if holder.silent:
        text += QCoreApplication.translate("Takeover", "，终端已无响应")
    return text


class TakeoverQuestion:
    """The question before a login takes over a window someone else holds."""

    @classmethod
    def ask(cls, parent: QWidget, number: int, holder: WindowHolder, tz: zoneinfo.ZoneInfo) -> bool:
        """Modal question; tests replace this classmethod. True: take the window over."""
        box = QMessageBox(parent)  # deleted below, once its answer is read (with
        # WA_DeleteOnClose the box could be gone before clickedButton() is asked)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Takeover", "窗口已有人登录"))
        box.setText(
            QCoreApplication.translate("Takeover", "{}号窗口当前由 {} 登录（{} 起）。").format(
                number, f"{holder.name}（{holder.staff_no}）", _clock(holder.since, tz)
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "Takeover",
                "接管后，对方终端的本窗口操作将被锁定，手中的号票转由您处理。确定接管吗？",
            )
        )
        take = box.addButton(
            QCoreApplication.translate("Takeover", "接管窗口"), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(
            QCoreApplication.translate("Takeover", "取消"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(cancel)  # Enter does not take a colleague's window
        box.exec()
        taken = box.clickedButton() is take
        box.deleteLater()
        return taken


class TakeoverBanner(QLabel):
    """Above every view of a terminal whose window another login has taken over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeoverBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel{background:#b71c1c;color:white;font-weight:bold;padding:8px 12px;}"
        )
        self.hide()

    def show_displaced(self, number: int, displaced: Displaced, tz: zoneinfo.ZoneInfo) -> str:
        text = QCoreApplication.translate(
            "Takeover", "本窗口已由 {}（{}）接管（{}）。{}号窗口的操作已锁定，请退出登录。"
        ).format(displaced.by_name, displaced.by_staff_no, _clock(displaced.at, tz), number)
        self.setText(text)
        self.show()
        return text
