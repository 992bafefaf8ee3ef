"""The mouse wheel never changes a choice or a number by accident: a combo box or spin box (also a
date edit) without the focus passes the wheel on to the scroll area around it, which scrolls. Clicked
or tabbed into, it takes the wheel as usual. One application-wide event filter (`installeer`), made
where the QApplication is made."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

_VELDEN = (QComboBox, QAbstractSpinBox)


class GeenWielZonderFocus(QObject):
    def eventFilter(self, obj, event) -> bool:
        soort = event.type()
        if soort == QEvent.Type.Polish and isinstance(obj, _VELDEN):
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # the wheel must not give the focus
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif soort == QEvent.Type.Wheel and isinstance(obj, _VELDEN) and not obj.hasFocus():
            _naar_scrollgebied(obj, event)
            return True  # the field itself never sees it
        return False


def _naar_scrollgebied(veld: QWidget, event: QWheelEvent) -> None:
    """Hand the wheel to the nearest scroll area around `veld` (it scrolls); without one nothing happens."""
    gebied = veld.parentWidget()
    while gebied is not None and not isinstance(gebied, QAbstractScrollArea):
        gebied = gebied.parentWidget()
    if gebied is None:
        event.ignore()  # a real wheel event goes on to the parents; none of them scrolls
        return
    vp = gebied.viewport()
    pos = QPointF(vp.mapFromGlobal(event.globalPosition().toPoint()))
    kopie = QWheelEvent(pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
                        event.modifiers(), event.phase(), event.inverted())
    QApplication.sendEvent(vp, kopie)
    event.accept()


def installeer(app: QApplication | None = None) -> GeenWielZonderFocus:
    """Install the filter once on the application (again: the filter already installed)."""
    app = app or QApplication.instance()
    bestaand = app.findChild(GeenWielZonderFocus)
    if bestaand is not None:
        return bestaand
    filter_ = GeenWielZonderFocus(app)
    app.installEventFilter(filter_)
    return filter_
