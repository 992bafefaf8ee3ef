"""Baseline: a bare PySide6 program that shows an empty QMainWindow and quits."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
w = QMainWindow()
w.resize(1280, 800)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
