"""Marking labels defined below the UI for translation, without importing Qt.

``QT_TRANSLATE_NOOP(context, text)`` returns ``text`` unchanged; lupdate recognises the name
and collects the string under ``context``. The UI translates such a label with
``QCoreApplication.translate(context, text)`` (see ``ui/labels.py``), so ``domain/`` stays free of
Qt while the English UI shows English states, roles and levels.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    del context
    return text
