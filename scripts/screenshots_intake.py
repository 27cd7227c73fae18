"""The reception assistant and the guided intake for ``scripts/screenshots.py`` (kept apart so
neither module grows past 500 lines): the assistant's answer to a citizen's words, a question
about something the hall does not do, and the 开办餐饮店 guide with its questions answered.

``shooter`` is the screenshots' ``Shooter`` (settle, wait_until, shoot); ``window`` the main
window of a reception login, presented."""

from __future__ import annotations

from typing import Any


def reception_assistant(shooter: Any, window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    view = window.reception
    box = view.ask_box
    for name, question in (
        ("reception_ask", "孩子刚出生要办哪些手续"),
        ("reception_ask_elsewhere", "二手车过户去哪里办"),
    ):
        box.focus()
        box.input.setText(question)
        box.ask()
        shooter.wait_until(lambda: box.results.count() > 0)
        shooter.settle(500)
        shooter.shoot(name)
    view.search.clear()
    view.select_entry("bundle", "YJS05")  # 开办餐饮店一件事
    shooter.settle(300)
    view.open_intake()
    shooter.wait_until(lambda: view.intake is not None and view.intake.isVisible())
    dialog = view.intake
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2):  # the keys reception presses
        QTest.keyClick(dialog, key)
        shooter.settle(200)
    shooter.settle(500)
    shooter.shoot("intake")
    dialog.close()
    shooter.settle(300)
