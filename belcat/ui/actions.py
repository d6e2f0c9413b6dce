"""The window's actions with their names, shortcuts and tooltips.

Object names are part of the automation contract (DESIGN.md): tests and
accessibility tools find actions by them.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from .labels import tr

# (object name, text, shortcuts, tooltip)
_SPECS = (
    ("actionNew", "&New record…", ["Ctrl+N"], "Add an organization or project (Ctrl+N)"),
    ("actionEdit", "&Edit record…", ["F2"], "Edit the selected record (Enter or F2)"),
    ("actionDelete", "&Delete record…", [QKeySequence.StandardKey.Delete], "Delete the selected record (Del)"),
    ("actionUndo", "&Undo", ["Ctrl+Z"], "Undo the last change (Ctrl+Z)"),
    ("actionRedo", "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], "Redo the change undone last (Ctrl+Shift+Z)"),
    ("actionExport", "E&xport to CSV…", ["Ctrl+E"], "Export records to a CSV file (Ctrl+E)"),
    ("actionImport", "&Import from CSV…", ["Ctrl+I"], "Import records from a CSV file (Ctrl+I)"),
    ("actionRefresh", "Re&fresh", [QKeySequence.StandardKey.Refresh], "Read the catalog again (F5)"),
    ("actionFind", "&Find", [QKeySequence.StandardKey.Find], "Go to the search box (Ctrl+F)"),
    ("actionQuit", "&Quit", [QKeySequence.StandardKey.Quit], "Close belcat (Ctrl+Q)"),
    ("actionAbout", "&About belcat", [], "About this catalog"),
)

# Actions a feature enables once it is wired to the window.
FEATURE_ACTIONS = ("actionNew", "actionEdit", "actionDelete", "actionUndo", "actionRedo",
                   "actionExport", "actionImport")


def create_actions(parent) -> dict[str, QAction]:
    actions = {}
    for name, text, shortcuts, tip in _SPECS:
        action = QAction(tr(text, "MainWindow"), parent)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(tr(tip, "MainWindow"))
        action.setStatusTip(tr(tip, "MainWindow"))
        if name in FEATURE_ACTIONS:
            action.setEnabled(False)
        if name == "actionDelete":
            # Del deletes a record only from the widgets the action is added to
            # (the results table), not while typing or working in the facet tree.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        actions[name] = action
    return actions
