"""Where the window keeps what it remembers (geometry, columns, last view)."""

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "belcat", "belcat")
