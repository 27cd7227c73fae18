"""The function keys of a window, in one place: the clerk screen (online) and the offline
desk both build their actions from this map, so a key means the same thing whether the
server answers or not (issue 15 #2: offline F3 used to finish and F4 to mark a no-show)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from hall_app.domain.i18n import QT_TRANSLATE_NOOP

# name → (key, label); the offline desk uses the moves it can record, never another key
WINDOW_KEYS: dict[str, tuple[str, str]] = {
    "call": ("F1", QT_TRANSLATE_NOOP("DeskKeys", "叫号")),
    "recall": ("F2", QT_TRANSLATE_NOOP("DeskKeys", "重呼")),
    "start": ("F3", QT_TRANSLATE_NOOP("DeskKeys", "开始办理")),
    "finish": ("F4", QT_TRANSLATE_NOOP("DeskKeys", "办结")),
    "no_show": ("F5", QT_TRANSLATE_NOOP("DeskKeys", "过号")),
    "transfer": ("F6", QT_TRANSLATE_NOOP("DeskKeys", "转移")),
    "check": ("F7", QT_TRANSLATE_NOOP("DeskKeys", "材料核验")),
    "pause": ("F8", QT_TRANSLATE_NOOP("DeskKeys", "暂停/恢复服务")),
    "undo_no_show": ("Shift+F5", QT_TRANSLATE_NOOP("DeskKeys", "撤销过号")),
}

# the moves an offline desk records (transfer, pause and the undo wait for the server)
OFFLINE_MOVES = ("call", "recall", "start", "finish", "no_show", "check")

# keys of the offline desk's own actions, none of which a window key uses
# (at a window; reception's desk issues with F2, as its online screen does)
WINDOW_ISSUE_KEY = "F9"
RECEPTION_ISSUE_KEY = "F2"


def key_of(name: str) -> str:
    return WINDOW_KEYS[name][0]


def label_of(name: str) -> str:
    return QCoreApplication.translate("DeskKeys", WINDOW_KEYS[name][1])
