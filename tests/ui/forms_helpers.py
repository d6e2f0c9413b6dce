"""A dialog service for tests: the real forms, filled by a script instead of a
person, with no modal loop (nothing can hang)."""

from belcat.ui.forms.dialogs import DialogService, EditResult


class ScriptedDialogs(DialogService):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.fills = []  # one callable(form) per form to open; returns "save", "cancel" or ("open", id)
        self.confirm = True
        self.conflict_choices = []
        self.picks = []
        self.errors = []
        self.forms = []
        self.deletes = []
        self.conflicts = []

    def edit(self, kind, values, services, *, record_id=None, problems=None):
        form = self.make_form(kind, services, record_id)
        form.set_values(values)
        if problems:
            form.show_problems({**form.problems, **problems})
        self.forms.append(form)
        action = self.fills.pop(0)(form) if self.fills else "cancel"
        if action == "save":
            assert form.save_button.isEnabled(), form.problems
            return EditResult(values=form.values())
        if isinstance(action, tuple) and action[0] == "open":
            return EditResult(open_id=action[1])
        return None

    def confirm_delete(self, kind, name, links):
        self.deletes.append((kind, name, links))
        return self.confirm

    def resolve_conflict(self, fields):
        self.conflicts.append(fields)
        return self.conflict_choices.pop(0)

    def pick_organization(self, parent, search):
        return self.picks.pop(0) if self.picks else None

    def error(self, title, message):
        self.errors.append((title, message))
