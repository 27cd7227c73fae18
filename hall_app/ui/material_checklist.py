"""The material check's 「打印审查要点」: the button and its shortcut (Ctrl+Shift+K) that ask
for the window's review checklist of the current answers. Only a catalog v2 plan carries one
(v1 data and offline snapshots have no review points): otherwise both are disabled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

from hall_app.services.documents import MaterialPlan

CHECKLIST_KEY = "Ctrl+Shift+K"


class ChecklistPrint:
    """The button and the dialog-wide action; ``trigger`` runs on either."""

    def __init__(self, dialog: QWidget, trigger: Callable[[], None]) -> None:
        self.button = QPushButton(
            QCoreApplication.translate("Materials", "打印审查要点 (Ctrl+Shift+K)")
        )
        self.button.setObjectName("checklistButton")
        self.action = QAction(dialog)
        self.action.setShortcut(QKeySequence(CHECKLIST_KEY))
        dialog.addAction(self.action)
        self.action.triggered.connect(lambda _checked=False: trigger())
        self.button.clicked.connect(lambda _checked=False: trigger())

    def set_plan(self, plan: MaterialPlan) -> None:
        enabled = plan.checklist is not None
        self.button.setEnabled(enabled)
        self.action.setEnabled(enabled)
        self.button.setToolTip(
            QCoreApplication.translate("Materials", "按当前业务情形打印窗口审查要点清单")
            if enabled
            else QCoreApplication.translate(
                "Materials", "该事项未按新版目录配置审查要点，没有审查要点清单"
            )
        )
