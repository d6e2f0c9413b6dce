"""The dialog service: every modal question the editing controller asks goes
through here, so tests (and other front ends) can answer without a modal loop."""

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QMessageBox

from ..labels import tr
from .conflict_dialog import ConflictDialog
from .delete_dialog import make_delete_dialog
from .entity_dialog import EntityDialog, FormServices
from .organization_form import OrganizationDialog
from .picker import OrganizationPicker
from .project_form import ProjectDialog

FORMS = {"organization": OrganizationDialog, "project": ProjectDialog}


@dataclass
class EditResult:
    values: dict | None = None  # saved values
    open_id: int | None = None  # or: open this existing organization instead


class DialogService:
    def __init__(self, parent=None):
        self.parent = parent

    def make_form(self, kind: str, services: FormServices, record_id: int | None) -> EntityDialog:
        return FORMS[kind](services, record_id=record_id, parent=self.parent)

    def edit(self, kind: str, values: dict, services: FormServices, *, record_id: int | None = None,
             problems: dict | None = None) -> EditResult | None:
        dialog = self.make_form(kind, services, record_id)
        try:
            dialog.set_values(values)
            if problems:
                dialog.show_problems({**dialog.problems, **problems})
            code = dialog.exec()
            if code == EntityDialog.OPEN_EXISTING:
                return EditResult(open_id=dialog.open_existing_id)
            if code == QDialog.DialogCode.Accepted:
                return EditResult(values=dialog.values())
            return None
        finally:
            dialog.deleteLater()

    def confirm_delete(self, kind: str, name: str, links: dict) -> bool:
        box = make_delete_dialog(self.parent, kind, name, links)
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()

    def resolve_conflict(self, fields: list[tuple[str, object, object]]) -> str:
        dialog = ConflictDialog(fields, self.parent)
        try:
            dialog.exec()
            return dialog.choice
        finally:
            dialog.deleteLater()

    def pick_organization(self, parent, search) -> tuple[int, str] | None:
        dialog = OrganizationPicker(search, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)


def field_label(name: str) -> str:
    return tr(name.replace("_", " ").capitalize(), "fields")
