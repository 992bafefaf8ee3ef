"""The cyclic garbage collector runs on the GUI thread only (ui/opruimer.py): a cycle holding a Qt object
that becomes garbage while a worker allocates is freed on the GUI thread, never on the worker."""

import gc
import threading

from jet_desktop.ui import opruimer
from jet_desktop.ui.workers import run_in_background


class _InEenKring:
    """Part of a reference cycle; notes the thread that frees it."""

    vrijgegeven: list = []

    def __init__(self):
        self.zelf = self
        from PySide6.QtCore import QObject

        self.qt = QObject()  # what made this dangerous: a Qt object freed with the cycle

    def __del__(self):
        _InEenKring.vrijgegeven.append(threading.current_thread() is threading.main_thread())


def test_garbage_with_qt_objects_is_freed_on_the_gui_thread_while_a_worker_allocates(qtbot, qapp):
    ruimer = opruimer.installeer(qapp)
    assert not gc.isenabled()
    _InEenKring.vrijgegeven = []
    kringen = [_InEenKring() for _ in range(200)]
    begin, klaar = threading.Event(), []

    def veel_objecten(_p):  # enough allocations for the first generations' thresholds, had the collector been on
        begin.wait(10)
        for _ in range(20):
            bak = [{"a": [i]} for i in range(100_000)]
            del bak
        return True

    run_in_background(veel_objecten, on_done=klaar.append)
    del kringen  # garbage now, freed only by the cyclic collector
    begin.set()
    qtbot.waitUntil(lambda: klaar == [True], timeout=30_000)
    gc.collect()  # what the timer does (ruimer.ruim_op, by the counts), may have done already meanwhile
    assert len(_InEenKring.vrijgegeven) == 200 and all(_InEenKring.vrijgegeven)  # every one on the GUI thread
    assert ruimer.timer.isActive() and ruimer.timer.interval() == opruimer.INTERVAL_MS


def test_the_timer_collects_by_the_thresholds(qapp):
    ruimer = opruimer.installeer(qapp)
    gc.collect()
    assert ruimer.ruim_op() == 0  # nothing allocated since: nothing collected, no pause
    _InEenKring.vrijgegeven = []
    for _ in range(ruimer.drempels[0] + 10):
        _InEenKring()
    assert ruimer.ruim_op() > 0 and _InEenKring.vrijgegeven and all(_InEenKring.vrijgegeven)
