"""Per-PC preferences in QSettings, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

VERSION = 1


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    kind: type


WINDOW_NUMBER = Option("terminal/window", 0, int)
LAST_STAFF = Option("terminal/last_staff", "", str)
PRINTER = Option("print/printer", "", str)
PRINT_TICKETS = Option("print/tickets", True, bool)
GEOMETRY = Option("ui/geometry", b"", bytes)
ASK_RATING = Option("window/ask_rating", True, bool)
NOTICE_PAPER = Option("print/notice_paper", "A4", str)  # A4 | 80mm
LANGUAGE = Option("ui/language", "", str)  # "" = the PC's locale; zh_CN | en


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qs = settings or QSettings()
        if int(str(self.qs.value("settings_version", 0))) < VERSION:  # "3" from an ini file
            self.qs.setValue("settings_version", VERSION)

    def get(self, option: Option) -> Any:
        value = self.qs.value(option.key, option.default)
        if option.kind is bool and isinstance(value, str):
            return value.lower() == "true"
        try:
            return option.kind(value) if value is not None else option.default
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option, value: Any) -> None:
        self.qs.setValue(option.key, value)
