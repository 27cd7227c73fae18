"""Translating labels defined in ``domain/`` (ticket states, roles, rating levels, material
marks, green-channel reasons, inquiry outcomes…).

``domain/`` marks each such label with ``QT_TRANSLATE_NOOP("labels", text)`` (from
``hall_app.domain.i18n``), so lupdate collects it under the one context ``labels``; the UI
shows it through :func:`label`, which looks it up in that context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "labels"


def label(text: str) -> str:
    """The label ``text`` (Chinese, as defined in ``domain/``) in the UI language."""
    return QCoreApplication.translate(CONTEXT, text)
