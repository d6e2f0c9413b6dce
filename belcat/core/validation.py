"""The catalog's rules for field values. Pure Python: the forms call these on
every keystroke and the core calls them again before every write.

``organization_problems(values)`` and ``project_problems(values)`` return a
dict {field: message}; empty means valid. ``check_organization`` and
``check_project`` raise ValidationError and add the rules that need the
catalog (a UNP must be unique). Messages are source texts fit for a person.
"""

import re
from datetime import date

from . import vocab
from .errors import ValidationError

FIRST_YEAR = 1991  # the Republic of Belarus
LAST_YEAR = 2100
HTP_FOUNDED = date(2005, 9, 22)
SINGLE_SOURCE_YEARS = 2

UNP_RE = re.compile(r"^\d{9}$")
URL_RE = re.compile(
    r"^(https?://)?"  # scheme may be left out: "gomselmash.by"
    r"([a-z0-9\u0400-\u04ff]([a-z0-9\u0400-\u04ff-]{0,61}[a-z0-9\u0400-\u04ff])?\.)+"
    r"[a-z\u0400-\u04ff]{2,24}"
    r"(:\d{1,5})?([/?#][^\s]*)?$",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"^[^@\s,;]+@([^@\s.,;]+\.)+[^@\s.,;]{2,}$")
# Belarusian operator and city codes after +375: mobile 25, 29, 33, 44; city 15..23.
PHONE_CODES = ("25", "29", "33", "44", "15", "16", "17", "21", "22", "23")
_PHONE_JUNK = re.compile(r"[\s()\-.]")
_LIST_SPLIT = re.compile(r"[,;]")


ORDER_PAIRS = (  # (earlier field, later field, message)
    ("start_year", "end_year", "The end year comes before the start year."),
    ("pilot_started_on", "pilot_evaluated_on", "The evaluation date comes before the start of the test."),
    ("pilot_evaluated_on", "single_source_listed_on", "The listing date comes before the evaluation."),
)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    return "" if value is None else str(value).strip()


# --- single values --------------------------------------------------------
def unp_problem(value) -> str | None:
    text = _text(value)
    if text and not UNP_RE.match(text):
        return "The UNP is 9 digits, e.g. 400051234."
    return None


def url_problem(value) -> str | None:
    text = _text(value)
    if text and not URL_RE.match(text):
        return "Not a web address; write it like https://example.by"
    return None


def email_problem(value) -> str | None:
    text = _text(value)
    if text and not all(EMAIL_RE.match(p.strip()) for p in _LIST_SPLIT.split(text)):
        return "Not an e-mail address; write it like info@example.by"
    return None


def phone_digits(number: str) -> str | None:
    """The number as +375XXXXXXXXX, or None when it is no Belarusian number.

    Accepted: +375 29 123-45-67, +375 (17) 123 45 67, 8 029 123 45 67, 80171234567.
    """
    text = _PHONE_JUNK.sub("", number)
    if text.startswith("+375"):
        rest = text[4:]
    elif text.startswith("375"):
        rest = text[3:]
    elif text.startswith("80"):
        rest = text[2:]
    else:
        return None
    if len(rest) != 9 or not rest.isdigit() or rest[:2] not in PHONE_CODES:
        return None
    return "+375" + rest


def phone_problem(value) -> str | None:
    text = _text(value)
    if text and not all(phone_digits(p) for p in _LIST_SPLIT.split(text) if p.strip()):
        return "Not a Belarusian phone number; write it like +375 17 123-45-67."
    return None


def parse_date(value) -> date | None:
    """An ISO date (YYYY-MM-DD) or None; raises ValueError on other text."""
    text = _text(value)
    if not text:
        return None
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        raise ValueError(text)
    return date.fromisoformat(text)


def date_problem(value, *, earliest: date | None = None, future_ok: bool = True) -> str | None:
    try:
        day = parse_date(value)
    except ValueError:
        return "Write the date as YYYY-MM-DD, e.g. 2024-03-15."
    if day is None:
        return None
    earliest = earliest or date(FIRST_YEAR, 1, 1)
    if day < earliest:
        return f"The date is before {earliest.isoformat()}."
    if not future_ok and day > date.today():
        return "The date is in the future."
    if day.year > LAST_YEAR:
        return f"The date is after {LAST_YEAR}."
    return None


def year_problem(value) -> str | None:
    if _blank(value):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        return "Write a year, e.g. 2024."
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"The year is between {FIRST_YEAR} and {LAST_YEAR}."
    return None


def amount_problem(value, *, integer: bool = False) -> str | None:
    if _blank(value):
        return None
    try:
        number = int(str(value).strip()) if integer else float(str(value).strip().replace(",", "."))
    except ValueError:
        return "Write a whole number." if integer else "Write a number, e.g. 1500000."
    if number < 0:
        return "The amount cannot be negative."
    return None


def code_problem(value, codes, what: str) -> str | None:
    if _blank(value) or value in codes:
        return None
    return f"Unknown {what}: {value}."


def single_source_expiry(listed_on) -> str | None:
    """The end of a single-source listing: two years after it was listed."""
    try:
        day = parse_date(listed_on)
    except ValueError:
        return None
    if day is None:
        return None
    try:
        return day.replace(year=day.year + SINGLE_SOURCE_YEARS).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + SINGLE_SOURCE_YEARS, day=28).isoformat()


# --- whole records --------------------------------------------------------
def _order_problems(values: dict, problems: dict) -> None:
    for early, late, message in ORDER_PAIRS:
        if early in problems or late in problems or _blank(values.get(early)) or _blank(values.get(late)):
            continue
        a, b = str(values[early]).strip(), str(values[late]).strip()
        if early.endswith("year"):
            a, b = int(a), int(b)
        if b < a:
            problems[late] = message


def _provenance_problems(values: dict, problems: dict) -> None:
    for field, problem in (
        ("verified_on", date_problem(values.get("verified_on"), future_ok=False)),
        ("source_url", url_problem(values.get("source_url"))),
    ):
        if problem:
            problems[field] = problem
    if values.get("is_demo") not in (None, 0, 1):
        problems["is_demo"] = "Write 0 (no) or 1 (yes)."


def _put(problems: dict, field: str, problem: str | None) -> None:
    if problem:
        problems[field] = problem


def organization_problems(values: dict, *, partial: bool = False) -> dict[str, str]:
    """Problems of an organization's values; ``partial``: only the fields given."""
    problems: dict[str, str] = {}
    if (not partial or "name" in values) and _blank(values.get("name")):
        problems["name"] = "The name is required."
    _put(problems, "unp", unp_problem(values.get("unp")))
    _put(problems, "website", url_problem(values.get("website")))
    _put(problems, "email", email_problem(values.get("email")))
    _put(problems, "phone", phone_problem(values.get("phone")))
    _put(problems, "htp_since", date_problem(values.get("htp_since"), earliest=HTP_FOUNDED, future_ok=False))
    _put(problems, "size_band", code_problem(values.get("size_band"), vocab.SIZE_BAND_CODES, "size band"))
    if "legal_form" in values and _text(values["legal_form"]) and len(_text(values["legal_form"])) > 20:
        problems["legal_form"] = "A legal form is short, e.g. ОАО or ООО."
    for role in values.get("roles") or []:
        _put(problems, "roles", code_problem(role, vocab.ROLE_CODES, "role"))
    for rel in values.get("relations") or []:
        if rel.get("kind") not in vocab.RELATION_KIND_CODES:
            problems["relations"] = f"Unknown kind of relation: {rel.get('kind')}."
        elif rel.get("org_id") is None:
            problems["relations"] = "Choose the partner organization."
    _provenance_problems(values, problems)
    return problems


def project_problems(values: dict, *, partial: bool = False) -> dict[str, str]:
    problems: dict[str, str] = {}
    if (not partial or "title" in values) and _blank(values.get("title")):
        problems["title"] = "The title is required."
    _put(problems, "status", code_problem(values.get("status"), vocab.STATUS_CODES, "status"))
    _put(problems, "pilot_stage", code_problem(values.get("pilot_stage"), vocab.PILOT_STAGE_CODES, "stage"))
    for field in ("start_year", "end_year"):
        _put(problems, field, year_problem(values.get(field)))
    _put(problems, "jobs_created", amount_problem(values.get("jobs_created"), integer=True))
    _put(problems, "budget", amount_problem(values.get("budget")))
    for field in ("pilot_started_on", "pilot_evaluated_on", "single_source_listed_on",
                  "single_source_expires_on"):
        _put(problems, field, date_problem(values.get(field)))
    seen = set()
    for p in values.get("participants") or []:
        if p.get("org_id") is None:
            problems["participants"] = "Choose the participating organization."
        elif p.get("role") not in vocab.PARTICIPANT_ROLE_CODES:
            problems["participants"] = f"Unknown role: {p.get('role')}."
        elif (p["org_id"], p["role"]) in seen:
            problems["participants"] = "The same organization is listed twice in the same role."
        seen.add((p.get("org_id"), p.get("role")))
    _order_problems(values, problems)
    _provenance_problems(values, problems)
    return problems


def normalized_project(values: dict) -> dict:
    """The values with derived fields filled: the single-source listing expires
    two years after it began."""
    values = dict(values)
    if "single_source_listed_on" in values:
        values["single_source_expires_on"] = single_source_expiry(values["single_source_listed_on"])
    return values


def _only_given(problems: dict, values: dict) -> dict:
    partners = {late: early for early, late, _ in ORDER_PAIRS}
    return {
        field: message for field, message in problems.items()
        if field in values or partners.get(field) in values
    }


def catalog_problems(catalog, kind: str, values: dict, record_id: int | None = None) -> dict[str, str]:
    """The rules that need the catalog: an organization's UNP is unique."""
    unp = _text(values.get("unp")) if kind == "organization" else ""
    if not unp or unp_problem(unp):
        return {}
    name = catalog.scalar("SELECT name FROM organizations WHERE unp = ? AND id IS NOT ?", [unp, record_id])
    return {"unp": f"This UNP is already in the catalog: {name}."} if name is not None else {}


def _given_problems(rules, values: dict, current: dict | None) -> dict[str, str]:
    """Problems of ``values``; for an update (``current`` is the stored row) only
    those of the given fields, judged against the stored ones where rules
    compare fields."""
    problems = rules({**(current or {}), **values}, partial=current is not None)
    return _only_given(problems, values) if current is not None else problems


def check_organization(catalog, values: dict, *, org_id: int | None = None,
                       current: dict | None = None) -> None:
    """Raise ValidationError unless the values may be written."""
    problems = _given_problems(organization_problems, values, current)
    if "unp" not in problems:
        problems.update(catalog_problems(catalog, "organization", values, org_id))
    if problems:
        raise ValidationError(problems)


def check_project(catalog, values: dict, *, current: dict | None = None) -> None:
    """Raise ValidationError unless the values may be written."""
    problems = _given_problems(project_problems, values, current)
    if problems:
        raise ValidationError(problems)


# --- many records, a field at a time ----------------------------------------
# An import checks thousands of records at once. ``records_to_check`` looks at
# one field of all of them with tests that are stricter than the rules above
# (a value a test passes has no problem) and mostly run in C; only the records
# it cannot clear need organization_problems / project_problems. A field with
# neither a test here nor a place among the free fields clears nobody.

_PHONE_PLAIN = re.compile(  # +375 29 123-45-67, +375 (17) 123 45 67, +375 2345 3-75-12
    r"\+375[ ()\-]*(?:" + "|".join(PHONE_CODES) + r")(?:[ ()\-]*[0-9]){7}\Z")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _has_text(value) -> bool:
    return bool(value.strip())


def _day_between(earliest: date, latest: date):
    """A test for ISO dates from ``earliest`` to ``latest``."""
    low, high = earliest.isoformat(), latest.isoformat()

    def ok(value) -> bool:
        if not (_ISO_DAY.match(value) and low <= value <= high):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return ok


def _codes_test(codes):
    return lambda values: all(v in codes for v in values)


def _year(value) -> bool:
    return type(value) is int and FIRST_YEAR <= value <= LAST_YEAR


def _quick_tests(kind: str, today: date) -> dict:
    """field -> ok(value), for the values that are not None."""
    first_day = date(FIRST_YEAR, 1, 1)
    shared = {"source_url": URL_RE.match, "verified_on": _day_between(first_day, today),
              "is_demo": (0, 1).__contains__}
    if kind == "organization":
        return {
            **shared, "name": _has_text, "unp": UNP_RE.match, "website": URL_RE.match,
            "email": EMAIL_RE.match, "phone": _PHONE_PLAIN.match,
            "htp_since": _day_between(HTP_FOUNDED, today),
            "size_band": vocab.SIZE_BAND_CODES.__contains__,
            "legal_form": lambda value: len(value) <= 20,
            "roles": _codes_test(vocab.ROLE_CODES),
        }
    any_day = _day_between(first_day, date(LAST_YEAR, 12, 31))
    return {
        **shared, "title": _has_text, "status": vocab.STATUS_CODES.__contains__,
        "pilot_stage": vocab.PILOT_STAGE_CODES.__contains__, "start_year": _year, "end_year": _year,
        "jobs_created": lambda v: type(v) is int and v >= 0,
        "budget": lambda v: type(v) in (int, float) and v >= 0,
        **{field: any_day for field in ("pilot_started_on", "pilot_evaluated_on",
                                        "single_source_listed_on", "single_source_expires_on")},
    }


def tested_fields(kind: str) -> frozenset[str]:
    """The fields ``records_to_check`` has a test for."""
    return frozenset(_quick_tests(kind, date.today()))


# Fields the rules never look at.
FREE_FIELDS = {
    "organization": frozenset({"full_name", "name_be", "name_en", "aliases", "region", "city", "address",
                               "sectors", "technologies", "countries", "products", "htp_status",
                               "description", "source_note"}),
    "project": frozenset({"title_en", "programme", "programme_kind", "sectors", "technologies",
                          "countries", "results", "budget_currency", "description", "source_note"}),
}
_REQUIRED = {"organization": "name", "project": "title"}


def records_to_check(kind: str, columns: dict[str, list], today: date | None = None) -> set[int]:
    """Positions of the records that may have problems, for ``kind``'s rules
    with ``partial=True``. ``columns``: field -> its values, one per record,
    as an import reads them (text trimmed, None for an empty cell). Every
    other record has none."""
    tests = _quick_tests(kind, today or date.today())
    suspects: set[int] = set()
    for field, values in columns.items():
        if field in FREE_FIELDS[kind]:
            continue
        ok = tests.get(field)
        if ok is None:  # a field with rules of its own: every value goes to them
            suspects.update(i for i, v in enumerate(values) if v is not None)
            continue
        given = [v for v in values if v is not None]
        if field == _REQUIRED[kind] and len(given) < len(values):
            suspects.update(i for i, v in enumerate(values) if v is None)
        if not all(map(ok, given)):
            suspects.update(i for i, v in enumerate(values) if v is not None and not ok(v))
    for early, late, _message in ORDER_PAIRS:
        if early in columns and late in columns:
            suspects.update(i for i, (a, b) in enumerate(zip(columns[early], columns[late]))
                            if a is not None and b is not None and not (type(a) is type(b) and a <= b))
    return suspects
