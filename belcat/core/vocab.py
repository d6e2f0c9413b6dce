"""Closed vocabularies: stable codes stored in the catalog, with English labels.

The UI shows these labels through Qt's translation function; the core only
knows the codes and the untranslated source labels.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def _codes(choices: tuple[Choice, ...]) -> frozenset[str]:
    return frozenset(c.code for c in choices)


ORG_ROLES = (
    Choice("resident", "HTP resident"),
    Choice("enterprise", "Enterprise"),
    Choice("research", "Research institute or university"),
    Choice("hospital", "Hospital"),
    Choice("government", "Government body"),
    Choice("foreign", "Foreign partner"),
)

PROJECT_STATUSES = (
    Choice("planned", "Planned"),
    Choice("in_progress", "In progress"),
    Choice("completed", "Completed"),
    Choice("commissioned", "Commissioned"),
    Choice("design_capacity", "Design capacity reached"),
    Choice("cancelled", "Cancelled"),
)

PROGRAMME_KINDS = (
    Choice("state_innovation", "State Programme of Innovative Development"),
    Choice("pilot", "Pilot projects"),
    Choice("joint_international", "Joint international S&T projects"),
    Choice("htp", "HTP projects"),
    Choice("scientific_technical", "Scientific and technical programmes"),
)

PARTICIPANT_ROLES = (
    Choice("developer", "Developer / contractor"),
    Choice("customer", "Customer / adopter"),
    Choice("partner", "Partner"),
    Choice("coordinator", "Coordinator"),
)

RELATION_KINDS = (
    Choice("adopted", "Adopted products of"),
    Choice("cooperation", "Cooperates with"),
)

PILOT_STAGES = (
    Choice("testing", "Tested at small scale"),
    Choice("evaluated", "Economic efficiency evaluated"),
    Choice("single_source", "Listed for single-source purchase"),
    Choice("expired", "Single-source listing expired"),
)

SIZE_BANDS = (
    Choice("micro", "Micro (up to 15 staff)"),
    Choice("small", "Small (16–100)"),
    Choice("medium", "Medium (101–250)"),
    Choice("large", "Large (over 250)"),
)

LEGAL_FORMS = ("ОАО", "ЗАО", "ООО", "ОДО", "УП", "ЧУП", "ИП", "ГУ", "УЗ", "РУП", "ГП", "АО")

# Taxonomy kinds kept in the `terms` table.
TERM_KINDS = ("sector", "technology", "country", "region")

ROLE_CODES = _codes(ORG_ROLES)
STATUS_CODES = _codes(PROJECT_STATUSES)
PROGRAMME_KIND_CODES = _codes(PROGRAMME_KINDS)
PARTICIPANT_ROLE_CODES = _codes(PARTICIPANT_ROLES)
RELATION_KIND_CODES = _codes(RELATION_KINDS)
PILOT_STAGE_CODES = _codes(PILOT_STAGES)
SIZE_BAND_CODES = _codes(SIZE_BANDS)


def label(choices: tuple[Choice, ...], code: str | None) -> str:
    """The source label of ``code``, or the code itself when unknown."""
    for c in choices:
        if c.code == code:
            return c.label
    return code or ""


# Minsk city and the six oblasts, with their names in three languages.
REGIONS = (
    ("minsk_city", "Минск", "Мінск", "Minsk"),
    ("brest", "Брестская область", "Брэсцкая вобласць", "Brest Region"),
    ("vitebsk", "Витебская область", "Віцебская вобласць", "Vitebsk Region"),
    ("gomel", "Гомельская область", "Гомельская вобласць", "Gomel Region"),
    ("grodno", "Гродненская область", "Гродзенская вобласць", "Grodno Region"),
    ("minsk", "Минская область", "Мінская вобласць", "Minsk Region"),
    ("mogilev", "Могилёвская область", "Магілёўская вобласць", "Mogilev Region"),
)
