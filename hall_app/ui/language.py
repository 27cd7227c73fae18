"""The UI language: which one, its translators, and how dates are shown in it.

The source language is Simplified Chinese. The language is chosen, in this order, by the
``HALL_LANG`` environment variable, the PC's ``ui/language`` preference (QSettings), then
the PC's locale; a language without a shipped translation (``hall_app_<lang>.qm``) falls back
to Chinese. Qt's own strings (``qtbase_*``: OK/Cancel, context menus) and the default
``QLocale`` (month names, number formats) then follow the chosen language, never the OS
locale on its own: a Chinese UI on a German PC reads 确定/取消, not OK/Abbrechen.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QDateEdit

from hall_app import paths

log = logging.getLogger("hall_app.ui")

SOURCE = "zh_CN"
ENV = "HALL_LANG"
_TRANSLATOR = "hall_app_translator"
_DATE_FORMATS = {SOURCE: "yyyy-MM-dd", "en": "d MMM yyyy"}


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def _normalise(name: str) -> str:
    """'en-GB', 'en_US.UTF-8', 'EN' → 'en'; any Chinese → 'zh_CN' (the source language)."""
    code = name.split(".")[0].replace("-", "_").strip()
    if code.lower().startswith("zh"):
        return SOURCE
    return code.split("_")[0].lower()


def shipped(language: str, folder: Path | None = None) -> bool:
    return (
        language == SOURCE or ((folder or translations_dir()) / f"hall_app_{language}.qm").is_file()
    )


def choose_language(
    requested: str = "", system: QLocale | None = None, folder: Path | None = None
) -> str:
    """``$HALL_LANG`` or ``requested`` when shipped, else the locale's, else Chinese."""
    wanted = os.environ.get(ENV, "") or requested
    if wanted:
        language = _normalise(wanted)
        if shipped(language, folder):
            return language
        log.warning("UI language %r has no translation here; using Chinese", wanted)
        return SOURCE
    for name in (system or QLocale()).uiLanguages():
        language = _normalise(name)
        if language in ("c", "posix"):
            continue
        return language if shipped(language, folder) else SOURCE
    return SOURCE


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install the app's and Qt's translators for ``language`` (chosen when None) and make
    it the default ``QLocale``; translators of an earlier call are removed. Returns it."""
    language = language or choose_language()
    for old in app.findChildren(QTranslator, _TRANSLATOR):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [("qtbase", qt_dir)]
    if language != SOURCE:
        wanted.append(("hall_app", str(translations_dir())))
    for name, where in wanted:
        translator = QTranslator(app)
        translator.setObjectName(_TRANSLATOR)
        if translator.load(f"{name}_{language}", where):
            app.installTranslator(translator)
        else:
            log.warning("no %s translation for %s in %s", name, language, where)
            translator.deleteLater()
    return language


def current_language() -> str:
    return (
        SOURCE if QLocale().language() == QLocale.Language.Chinese else _normalise(QLocale().name())
    )


def date_format() -> str:
    """How a date is shown in the UI language (2026-10-31 / 31 Oct 2026)."""
    return _DATE_FORMATS.get(current_language(), "yyyy-MM-dd")


def localise_date_edit(edit: QDateEdit) -> QDateEdit:
    edit.setDisplayFormat(date_format())
    return edit
