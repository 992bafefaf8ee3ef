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

Used by the wachtlijst, the audit log and the search results (ui/models/).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from jet_desktop.ui.models.row_model import ROW_ROLE

PAGE = 200
KEEP_PAGES = 12


class PagedTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent=None, page_size: int = PAGE, keep_pages: int = KEEP_PAGES):
        super().__init__(parent)
        self.headers = list(headers)
        self.page_size = page_size
        self.keep_pages = keep_pages
        self._count = 0
        self._pages: OrderedDict[int, list] = OrderedDict()

    # --- what a subclass provides ----------------------------------------------------------
    def fetch_count(self) -> int:
        raise NotImplementedError

    def fetch_page(self, offset: int, limit: int, previous: list | None) -> list:
        raise NotImplementedError

    def text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def role_data(self, row: Any, column: int, role: int) -> Any:
        return None

    # --- counting and paging ---------------------------------------------------------------
    def refresh(self) -> None:
        """Count again (on this thread) and drop the pages: the view fetches what it shows."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self.fetch_count()
        self.endResetModel()

    def show_result(self, count: int, first_page: list | None = None) -> None:
        """Show a count (and its first page) found elsewhere, e.g. on a worker thread."""
        self.beginResetModel()
        self._pages.clear()
        self._count = count
        if first_page is not None and count:
            self._pages[0] = list(first_page)
        self.endResetModel()

    def row(self, r: int) -> Any | None:
        """Row `r` (fetching its page if need be); None past the end of a page that came back short
        (the list shrank since it was counted)."""
        page_no = r // self.page_size
        page = self._pages.get(page_no)
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
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, index.column())
        if role == ROW_ROLE:
            return r
        return self.role_data(r, index.column(), role)
