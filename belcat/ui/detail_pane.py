"""The detail pane: one record with every field, links that open linked
records, and Back/Forward through what was opened."""

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QTextBrowser, QToolBar, QVBoxLayout, QWidget

from ..core import organizations, projects
from ..core.catalog import Catalog
from ..core.errors import NotFoundError
from . import detail_html
from .labels import tr

_READERS = {
    "organization": (organizations.get, detail_html.organization_html),
    "project": (projects.get, detail_html.project_html),
    "programme": (projects.get_programme, detail_html.programme_html),
}

Ref = tuple[str, int]  # (kind, id)


def parse_link(url: QUrl) -> Ref | None:
    if url.scheme() != "belcat":
        return None
    kind, _, number = url.path().partition("/")
    if kind in _READERS and number.isdigit():
        return kind, int(number)
    return None


class DetailPane(QWidget):
    """Shows a record; emits ``opened`` whenever the shown record changes."""

    opened = Signal(str, int)

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self._catalog = catalog
        self._history: list[Ref] = []
        self._position = -1

        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailView")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)

        self.back_action = QAction(tr("Back"), self)
        self.back_action.setObjectName("actionBack")
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.setToolTip(tr("Back to the previous record (Alt+Left)"))
        self.back_action.triggered.connect(self.back)
        self.forward_action = QAction(tr("Forward"), self)
        self.forward_action.setObjectName("actionForward")
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.forward_action.setToolTip(tr("Forward to the next record (Alt+Right)"))
        self.forward_action.triggered.connect(self.forward)

        bar = QToolBar(self)
        bar.addAction(self.back_action)
        bar.addAction(self.forward_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.browser)
        self.clear()

    @property
    def current(self) -> Ref | None:
        return self._history[self._position] if self._position >= 0 else None

    def clear(self) -> None:
        self.browser.setHtml(detail_html.page(
            f'<p class="muted">{tr("Select a record to see all its details and links.")}</p>'
        ))
        self._update_actions()

    def show_record(self, kind: str, record_id: int) -> None:
        """Open a record as a new step in the history."""
        if self.current == (kind, record_id):
            self.reload()
            return
        del self._history[self._position + 1 :]
        self._history.append((kind, record_id))
        self._position = len(self._history) - 1
        self._render()

    def reload(self) -> None:
        if self.current:
            self._render(emit=False)

    def back(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._render()

    def forward(self) -> None:
        if self._position < len(self._history) - 1:
            self._position += 1
            self._render()

    def _on_link(self, url: QUrl) -> None:
        ref = parse_link(url)
        if ref:
            self.show_record(*ref)
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _render(self, emit: bool = True) -> None:
        kind, record_id = self.current
        read, to_html = _READERS[kind]
        try:
            body = to_html(read(self._catalog, record_id))
        except NotFoundError:
            body = f'<p class="muted">{tr("This record no longer exists.")}</p>'
        self.browser.setHtml(detail_html.page(body))
        self._update_actions()
        if emit:
            self.opened.emit(kind, record_id)

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self._position > 0)
        self.forward_action.setEnabled(self._position < len(self._history) - 1)
