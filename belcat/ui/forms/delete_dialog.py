"""Asking before a delete, with the links that go with the record."""

from PySide6.QtWidgets import QMessageBox

from ..labels import tr


def delete_message(kind: str, name: str, links: dict[str, list[str]]) -> tuple[str, str]:
    """(question, details) for deleting one record."""
    what = tr("organization", "Forms") if kind == "organization" else tr("project", "Forms")
    question = tr("Delete the {0} «{1}»?", "Forms").format(what, name)
    lines = []
    if links.get("participations"):
        lines.append(tr("Participations that go with it ({0}):", "Forms").format(len(links["participations"])))
        lines += [f"  • {x}" for x in links["participations"]]
    if links.get("relations"):
        lines.append(tr("Partner relations that go with it ({0}):", "Forms").format(len(links["relations"])))
        lines += [f"  • {x}" for x in links["relations"]]
    if not lines:
        lines.append(tr("It has no links to other records.", "Forms"))
    lines.append(tr("You can undo this with Ctrl+Z.", "Forms"))
    return question, "\n".join(lines)


def make_delete_dialog(parent, kind: str, name: str, links: dict[str, list[str]]) -> QMessageBox:
    question, details = delete_message(kind, name, links)
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Delete record", "Forms"), question,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("deleteDialog")
    box.setInformativeText(details)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("Delete", "Forms"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box
