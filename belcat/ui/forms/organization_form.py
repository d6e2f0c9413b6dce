"""The organization form: names; legal and contact; activity; HTP; partners;
provenance. While a new organization is typed, records that may be the same
one are listed with a button to open them instead; a record with the same
name as another is saved only when Save is pressed again after the warning."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget
from PySide6.QtCore import Qt

from ...core import vocab
from ...core.validation import organization_problems
from ..labels import tr
from .entity_dialog import EntityDialog, FormServices
from .fields import ChecksField, ChoiceField, DateField, LinksField, LongTextField, TermsField, TextField


def _same_name(found: list[dict]) -> tuple[int, ...]:
    return tuple(d["id"] for d in found if d["reason"] == "name")


def _may_be_there_text() -> str:
    return tr("May already be in the catalog:", "Forms")


def _same_name_text() -> str:
    return tr("Same name as a record already in the catalog:", "Forms")


def _choices(vocabulary) -> list[tuple[str, str]]:
    return [(c.code, tr(c.label, "vocab")) for c in vocabulary]


class OrganizationDialog(EntityDialog):
    def __init__(self, services: FormServices, *, record_id: int | None = None, parent=None):
        title = tr("New organization", "Forms") if record_id is None else tr("Edit organization", "Forms")
        super().__init__(title, organization_problems, services, parent)
        self.record_id = record_id
        self._warned_for: tuple[int, ...] = ()  # the same-name records the user was warned of
        self._build_duplicates()
        t = services.terms
        f = self.add_page(tr("Names", "Forms"))
        self.add_field(f, "name", tr("Short name *", "Forms"), TextField(tr("e.g. Гомсельмаш", "Forms")),
                       tr("The name people use; required", "Forms"))
        self.add_field(f, "legal_form", tr("Legal form", "Forms"),
                       ChoiceField([(x, x) for x in vocab.LEGAL_FORMS], editable=True))
        self.add_field(f, "full_name", tr("Full name", "Forms"), TextField(tr("e.g. ОАО «Гомсельмаш»", "Forms")))
        self.add_field(f, "name_be", tr("Name in Belarusian", "Forms"), TextField())
        self.add_field(f, "name_en", tr("Name in English", "Forms"), TextField())
        self.add_field(f, "aliases", tr("Other names", "Forms"), TermsField([], tr("e.g. МТЗ, MTZ; Enter adds", "Forms"), free=True))
        self.add_field(f, "roles", tr("Roles", "Forms"), ChecksField(_choices(vocab.ORG_ROLES)))

        f = self.add_page(tr("Legal and contact", "Forms"))
        self.add_field(f, "unp", tr("UNP", "Forms"), TextField("400051234"),
                       tr("Taxpayer number: 9 digits, unique in the catalog", "Forms"))
        regions = [(code, ru) for code, ru, _be, _en in vocab.REGIONS]
        self.add_field(f, "region", tr("Region", "Forms"), ChoiceField(regions))
        self.add_field(f, "city", tr("City", "Forms"), TextField())
        self.add_field(f, "address", tr("Address", "Forms"), TextField())
        self.add_field(f, "website", tr("Website", "Forms"), TextField("https://example.by"))
        self.add_field(f, "email", tr("E-mail", "Forms"), TextField("info@example.by"))
        self.add_field(f, "phone", tr("Phone", "Forms"), TextField("+375 17 123-45-67"),
                       tr("Belarusian numbers: +375 17 123-45-67 or 8 029 123 45 67; several with commas", "Forms"))

        f = self.add_page(tr("Activity", "Forms"))
        self.add_field(f, "sectors", tr("Sectors", "Forms"), TermsField(t("sector")))
        self.add_field(f, "technologies", tr("Technologies", "Forms"), TermsField(t("technology")))
        self.add_field(f, "products", tr("Products", "Forms"), LongTextField())
        self.add_field(f, "countries", tr("Countries", "Forms"), TermsField(t("country")))
        self.add_field(f, "size_band", tr("Size", "Forms"), ChoiceField(_choices(vocab.SIZE_BANDS)))
        self.add_field(f, "description", tr("Description", "Forms"), LongTextField())

        f = self.add_page(tr("HTP", "Forms"))
        self.add_field(f, "htp_since", tr("Resident since", "Forms"), DateField(),
                       tr("Date of registration as an HTP resident", "Forms"))
        self.add_field(f, "htp_status", tr("Residency status", "Forms"), TextField())

        f = self.add_page(tr("Partners", "Forms"))
        self.add_field(f, "relations", tr("Partners", "Forms"), LinksField(
            _choices(vocab.RELATION_KINDS), lambda: services.pick_organization(self),
            kind_key="kind", directions=True))

        f = self.add_page(tr("Provenance", "Forms"))
        self.add_field(f, "source_title", tr("Source", "Forms"), TextField(tr("Document or article", "Forms")))
        self.add_field(f, "source_url", tr("Source URL", "Forms"), TextField("https://"))
        self.add_field(f, "verified_on", tr("Verified on", "Forms"), DateField(),
                       tr("When the facts were last checked against the source", "Forms"))
        self.add_field(f, "source_note", tr("Note on the source", "Forms"), LongTextField())
        self.fields["name"].setFocus()
        self.revalidate()

    def _build_duplicates(self) -> None:
        self.duplicates = QWidget(self)
        self.duplicates.setObjectName("duplicatesPanel")
        self.duplicates.setStyleSheet("#duplicatesPanel { background: #fff4d6; }")
        box = QVBoxLayout(self.duplicates)
        box.setContentsMargins(6, 4, 6, 4)
        self.duplicates_label = QLabel(_may_be_there_text(), self.duplicates)
        self.duplicates_list = QListWidget(self.duplicates)
        self.duplicates_list.setObjectName("duplicatesList")
        self.duplicates_list.setMaximumHeight(72)
        self.duplicates_list.itemActivated.connect(lambda _i: self._open_selected())
        self.open_button = QPushButton(tr("Open the existing one", "Forms"), self.duplicates)
        self.open_button.setObjectName("openExistingButton")
        self.open_button.setAutoDefault(False)
        self.open_button.setToolTip(tr("Close this form and edit the record already in the catalog", "Forms"))
        self.open_button.clicked.connect(self._open_selected)
        row = QHBoxLayout()
        row.addWidget(self.duplicates_list, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.duplicates_label)
        box.addLayout(row)
        self.duplicates.hide()
        self.layout_.insertWidget(0, self.duplicates)

    def after_change(self, values: dict) -> None:
        found = self.services.find_duplicates(values)
        self.duplicates_list.clear()
        reasons = {"unp": tr("same UNP", "Forms"), "name": tr("same name", "Forms"),
                   "prefix": tr("similar name", "Forms")}
        for d in found:
            text = " ".join(x for x in (d.get("legal_form"), d["name"]) if x)
            extra = ", ".join(x for x in (d.get("city"), d.get("unp") and f"УНП {d['unp']}",
                                          reasons.get(d["reason"], "")) if x)
            item = QListWidgetItem(f"{text} — {extra}")
            item.setData(Qt.ItemDataRole.UserRole, d["id"])
            self.duplicates_list.addItem(item)
        if found:
            self.duplicates_list.setCurrentRow(0)
        self.duplicates.setVisible(bool(found))
        if _same_name(found) != self._warned_for:  # the warning holds while the list stays
            self._warned_for = ()
        self.duplicates_label.setText(_same_name_text() if self._warned_for else _may_be_there_text())

    def accept(self) -> None:
        """Save, but first warn once of other records with the same name
        (the list may not have been seen: Save can come right after typing)."""
        if not self.revalidate():
            same = _same_name(self.services.find_duplicates(self.values()))
            if same and same != self._warned_for:
                self._warned_for = same
                self.duplicates_label.setText(_same_name_text())
                self.summary.setText(tr("Another record has this name: press Save again to add it "
                                        "anyway, or open the existing one.", "Forms"))
                self.duplicates_list.setFocus()
                return
        super().accept()

    def _open_selected(self) -> None:
        item = self.duplicates_list.currentItem()
        if item is not None:
            self.open_existing(item.data(Qt.ItemDataRole.UserRole))
