"""The results table: the ids of the current result and a lazy cache of rows.

Only the rows a view actually paints are read, a page at a time, so a list of
a million records costs one id query and a few small row queries.
"""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..core import listing
from ..core.catalog import Catalog
from .labels import codes_label, code_label, tr

PAGE = 200
CACHE_LIMIT = 20 * PAGE
ID_ROLE = Qt.ItemDataRole.UserRole


class ResultsModel(QAbstractTableModel):
    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self._catalog = catalog
        self._query = listing.ListQuery()
        self._ids: list[int] = []
        self._cache: dict[int, tuple] = {}

    # --- the query -------------------------------------------------------
    @property
    def query(self) -> listing.ListQuery:
        return self._query

    @property
    def view(self) -> listing.View:
        return self._query.spec

    def set_query(self, query: listing.ListQuery) -> None:
        self.set_result(query, listing.ids(self._catalog, query))

    def set_result(self, query: listing.ListQuery, record_ids: list[int]) -> None:
        """Show ids already fetched for ``query`` (e.g. by a search thread)."""
        self.beginResetModel()
        self._query = query
        self._ids = list(record_ids)
        self._cache.clear()
        self.endResetModel()

    def extend_result(self, record_ids: list[int]) -> None:
        """Replace a first page by the complete ids (same order): rows are appended."""
        n = len(self._ids)
        if record_ids[:n] != self._ids:
            self.set_result(self._query, record_ids)
            return
        if len(record_ids) > n:
            self.beginInsertRows(QModelIndex(), n, len(record_ids) - 1)
            self._ids = list(record_ids)
            self.endInsertRows()

    def refresh(self) -> None:
        """Run the same query again, e.g. after the catalog changed."""
        self.set_query(self._query)

    def record_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model interface ---------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.view.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.view.columns):
                return tr(self.view.columns[section].label, "columns")
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        column = self.view.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._row(index.row())[index.column()]
            return self._display(column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind == "int":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self._ids[index.row()]
        return None

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if not (0 <= column < len(self.view.columns)) or not self.view.columns[column].sortable:
            return
        self._query.sort_key = self.view.columns[column].key
        self._query.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    # --- rows ------------------------------------------------------------
    def _row(self, row: int) -> tuple:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, row - PAGE // 4)
            page = self._ids[start : start + PAGE]
            self._cache.update(listing.rows(self._catalog, self.view, page))
            # A record deleted meanwhile shows as an empty row until refresh.
            cached = self._cache.setdefault(record_id, (None,) * len(self.view.columns))
        return cached

    @staticmethod
    def _display(column: listing.Column, value) -> str:
        if value is None:
            return ""
        if column.kind == "codes":
            return codes_label("role", value)
        if column.kind == "status":
            return code_label("status", value)
        if column.key == "updated_at":
            return str(value).replace("T", " ").rstrip("Z")
        return str(value)
