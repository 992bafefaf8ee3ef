"""A table model over a list that lives in the database: counted once, its rows fetched a page at a time.

The view asks for the rows it shows; the model fetches the page holding a row the first time it is
asked for (`fetch_page`, one service call) and keeps the last `keep_pages` pages, so scrolling through
any number of rows never holds them all in Python. Sorting and filtering belong in the query (a new
count: `refresh`), not in a QSortFilterProxyModel, which would have to read every row.

A subclass says how to count and fetch, and how a row looks:

    def fetch_count(self) -> int                                   # the list's length (a new query)
    def fetch_page(self, offset, limit, previous) -> list          # `previous`: the page before, when
                                                                   # loaded (a keyset query can start
                                                                   # after its last row), else None
    def text(self, row, column) -> str                             # DisplayRole
    def role_data(self, row, column, role)                         # any other role (optional)

With `background=True` a page the view asks for is fetched on a worker thread (ui/workers.py): until
it arrives its rows show PLACEHOLDER ("…") and the window goes on; a page of an older count (the list
was counted again meanwhile) is dropped. A page that fails shows in the one error dialog
(ui/foutdialoog.py) and stays empty until the list is counted again.

Used by the wachtlijst, the audit log and the search results (ui/models/).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from typing import Any, Sequence

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from jet_desktop.ui.models.row_model import ROW_ROLE

PAGE = 200
KEEP_PAGES = 12


def zwak(methode, *vooraf):
    """`methode(*vooraf, *args)` for a worker's report, holding its object only weakly: what a worker task
    holds may be freed on the worker thread, and a Qt object must not be; one gone meanwhile is skipped."""
    ref, functie = weakref.ref(methode.__self__), methode.__func__

    def aanroep(*args):
        obj = ref()
        if obj is not None and shiboken6.isValid(obj):
            functie(obj, *vooraf, *args)

    return aanroep
PLACEHOLDER = "…"  # a row whose page is on its way (background=True)


class PagedTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent=None, page_size: int = PAGE, keep_pages: int = KEEP_PAGES,
                 background: bool = False):
        super().__init__(parent)
        self.headers = list(headers)
        self.page_size = page_size
        self.keep_pages = keep_pages
        self.background = background
        self._count = 0
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._generation = 0  # a new count makes the pages still on their way stale
        self._current = [0]  # the generation, for the worker to read (a list: no Qt object in its closure)
        self._pending: set[int] = set()

    # --- what a subclass provides ----------------------------------------------------------
    def fetch_count(self) -> int:
        raise NotImplementedError

    def fetch_page(self, offset: int, limit: int, previous: list | None) -> list:
        raise NotImplementedError

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def role_data(self, row: Any, column: int, role: int) -> Any:
        return None

    def page_source(self):
        """background=True: what fetches a page on the worker, `fn(offset, limit, previous)`. A subclass
        returns one that holds no Qt object (none may be freed on the worker thread); this default is
        `fetch_page` itself."""
        return self.fetch_page

    # --- counting and paging ---------------------------------------------------------------
    def refresh(self) -> None:
        """Count again (on this thread) and drop the pages: the view fetches what it shows."""
        self.beginResetModel()
        self._drop_pages()
        self._count = self.fetch_count()
        self.endResetModel()

    def _drop_pages(self) -> None:
        self._pages.clear()
        self._pending.clear()
        self._generation += 1
        self._current[0] = self._generation

    def show_result(self, count: int, first_page: list | None = None, more_pages: dict[int, list] | None = None) -> None:
        """Show a count (and its first page, and any other pages: {page number: rows}) found elsewhere,
        e.g. on a worker thread."""
        self.beginResetModel()
        self._drop_pages()
        self._count = count
        if first_page is not None and count:
            self._pages[0] = list(first_page)
        for page_no, rows in (more_pages or {}).items():
            if count:
                self._pages[page_no] = list(rows)
        self.endResetModel()

    def row(self, r: int) -> Any | None:
        """Row `r` (fetching its page if need be); None past the end of a page that came back short
        (the list shrank since it was counted)."""
        page_no = r // self.page_size
        page = self._pages.get(page_no)
        if page is None and self.background:
            self._request(page_no)
            return None
        if page is None:
            page = self.fetch_page(page_no * self.page_size, self.page_size, self._pages.get(page_no - 1))
            self._pages[page_no] = page
            while len(self._pages) > self.keep_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        i = r - page_no * self.page_size
        return page[i] if i < len(page) else None

    def loaded_rows(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def is_loaded(self, r: int) -> bool:
        """Whether row `r`'s page is here (background=True: else it shows PLACEHOLDER until it arrives)."""
        return (r // self.page_size) in self._pages

    def loaded_pages(self) -> dict[int, list]:
        return dict(self._pages)

    def pages_pending(self) -> int:
        return len(self._pending)

    # --- fetching on a worker (background=True) ----------------------------------------------
    def _request(self, page_no: int) -> None:
        if page_no in self._pending:
            return
        from jet_desktop.ui.workers import run_in_background

        self._pending.add(page_no)
        generation, previous = self._generation, self._pages.get(page_no - 1)
        offset, limit = page_no * self.page_size, self.page_size
        current, source = self._current, self.page_source()

        def fetch(_progress):
            if generation != current[0]:  # counted again before this started: not needed
                return generation, page_no, None
            return generation, page_no, source(offset, limit, previous)

        run_in_background(fetch, on_done=zwak(self._page_arrived), on_error=zwak(self._page_lost, generation, page_no))

    def _page_arrived(self, result) -> None:
        generation, page_no, rows = result
        if not shiboken6.isValid(self) or generation != self._generation:  # gone, or counted again
            return
        self._pending.discard(page_no)
        if rows is None:
            return
        self._store_page(page_no, rows)

    def _page_lost(self, generation: int, page_no: int, exc: Exception, _tb: str = "") -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._pending.discard(page_no)
        self._store_page(page_no, [])  # empty until counted again: not asked for in a loop
        from jet_desktop.ui import foutdialoog

        foutdialoog.toon_fout(exc, gelogd=True)  # the one error dialog (logged already by the worker)

    def _store_page(self, page_no: int, rows: list) -> None:
        self._pages[page_no] = list(rows)
        while len(self._pages) > self.keep_pages:
            self._pages.popitem(last=False)
        first = page_no * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))

    # --- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count:
            return None
        r = self.row(index.row())
        if r is None:
            if self.background and role == Qt.ItemDataRole.DisplayRole and not self.is_loaded(index.row()):
                return PLACEHOLDER
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, index.column())
        if role == ROW_ROLE:
            return r
        return self.role_data(r, index.column(), role)
