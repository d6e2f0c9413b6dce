"""The project form: title and programme; dates and money; activity;
participants; pilot-project lifecycle (the single-source listing expiry is
computed); provenance."""

from PySide6.QtWidgets import QLabel

from ...core import vocab
from ...core.validation import project_problems, single_source_expiry
from ..labels import tr
from .entity_dialog import EntityDialog, FormServices
from .fields import ChoiceField, DateField, LinksField, LongTextField, TermsField, TextField
from .organization_form import _choices


class ProjectDialog(EntityDialog):
    def __init__(self, services: FormServices, *, record_id: int | None = None, parent=None):
        title = tr("New project", "Forms") if record_id is None else tr("Edit project", "Forms")
        super().__init__(title, project_problems, services, parent)
        self.record_id = record_id
        t = services.terms
        f = self.add_page(tr("Project", "Forms"))
        self.add_field(f, "title", tr("Title *", "Forms"), TextField(), tr("Required", "Forms"))
        self.add_field(f, "title_en", tr("Title in English", "Forms"), TextField())
        self.add_field(f, "programme_id", tr("Programme", "Forms"), ChoiceField(services.programmes))
        self.add_field(f, "status", tr("Status", "Forms"), ChoiceField(_choices(vocab.PROJECT_STATUSES)))
        self.add_field(f, "start_year", tr("Start year", "Forms"), TextField("2021"))
        self.add_field(f, "end_year", tr("End year", "Forms"), TextField("2025"))
        self.add_field(f, "budget", tr("Budget", "Forms"), TextField(tr("not negative", "Forms")))
        self.add_field(f, "budget_currency", tr("Currency", "Forms"),
                       ChoiceField([(c, c) for c in ("BYN", "USD", "EUR", "RUB")], editable=True))
        self.add_field(f, "jobs_created", tr("Jobs created", "Forms"), TextField())
        self.add_field(f, "results", tr("Results", "Forms"), LongTextField())
        self.add_field(f, "description", tr("Description", "Forms"), LongTextField())

        f = self.add_page(tr("Activity", "Forms"))
        self.add_field(f, "sectors", tr("Sectors", "Forms"), TermsField(t("sector")))
        self.add_field(f, "technologies", tr("Technologies", "Forms"), TermsField(t("technology")))
        self.add_field(f, "countries", tr("Partner countries", "Forms"), TermsField(t("country")))

        f = self.add_page(tr("Participants", "Forms"))
        self.add_field(f, "participants", tr("Participants", "Forms"), LinksField(
            _choices(vocab.PARTICIPANT_ROLES), lambda: services.pick_organization(self), kind_key="role"))

        f = self.add_page(tr("Pilot project", "Forms"))
        self.add_field(f, "pilot_stage", tr("Stage", "Forms"), ChoiceField(_choices(vocab.PILOT_STAGES)))
        self.add_field(f, "pilot_started_on", tr("Test started on", "Forms"), DateField())
        self.add_field(f, "pilot_evaluated_on", tr("Efficiency evaluated on", "Forms"), DateField())
        self.add_field(f, "single_source_listed_on", tr("Listed for single-source purchase on", "Forms"),
                       DateField())
        self.expiry = QLabel(self)
        self.expiry.setObjectName("field_single_source_expires_on")
        self.expiry.setToolTip(tr("Two years after the listing; computed", "Forms"))
        f.addRow(tr("Listing expires on", "Forms"), self.expiry)

        f = self.add_page(tr("Provenance", "Forms"))
        self.add_field(f, "source_title", tr("Source", "Forms"), TextField(tr("Document or article", "Forms")))
        self.add_field(f, "source_url", tr("Source URL", "Forms"), TextField("https://"))
        self.add_field(f, "verified_on", tr("Verified on", "Forms"), DateField())
        self.add_field(f, "source_note", tr("Note on the source", "Forms"), LongTextField())
        self.fields["title"].setFocus()
        self.revalidate()

    def values(self) -> dict:
        values = super().values()
        for name, kind in (("start_year", int), ("end_year", int), ("jobs_created", int), ("budget", float)):
            text = values.get(name)
            try:
                values[name] = kind(text.replace(",", ".")) if isinstance(text, str) else text
            except ValueError:
                pass  # kept as typed: the rules report it
        values["single_source_expires_on"] = single_source_expiry(values.get("single_source_listed_on"))
        return values

    def after_change(self, values: dict) -> None:
        self.expiry.setText(values.get("single_source_expires_on") or "—")
