"""The columns a CSV file of organizations or projects can hold: key, labels,
how the value is read from the catalog (one SQL expression per column, so an
export is a single streaming query) and how an import reads it back.

Linked names are columns too: a project's participants with their roles, an
organization's relations and (to read only) its projects.
"""

import re
from dataclasses import dataclass

from ..core import listing, vocab
from .csv_format import (
    Preset,
    date_sql,
    decimal_sql,
    join_sql,
    timestamp_sql,
)

# Column types. Plain ones map to one column of the record's table.
TEXT, INT, FLOAT, DATE, TIMESTAMP, CODE = "text", "int", "float", "date", "timestamp", "code"
CODES, ALIASES, TERMS, REGION, PROGRAMME = "codes", "aliases", "terms", "region", "programme"
PARTICIPANTS, RELATIONS, PROJECTS = "participants", "relations", "projects"
MULTI_TYPES = (CODES, ALIASES, TERMS, PARTICIPANTS, RELATIONS, PROJECTS)
NUMERIC_TYPES = (INT, FLOAT, DATE, TIMESTAMP)

# "role: Name" or "role: Name (УНП 123456789)", then the link's details
# (a participant's note; a relation's product and note) each after " — ".
# An em dash inside a name or a detail is written twice.
_LINK = re.compile(r"^(?P<code>[^:\n]+?):\s*(?P<name>.*?)(?:\s+\((?:УНП|UNP)\s*(?P<unp>\d{9})\))?$",
                   re.DOTALL)
DETAIL_SEPARATOR = " — "
_DASH = "—"
# The details a link of each column type carries, in the order written.
LINK_DETAILS = {"participants": ("note",), "relations": ("product", "note")}


# Russian labels of the coded values, written by the Excel preset (whose
# headers are Russian too) and read back by import, as codes and English labels are.
RU_LABELS = {
    vocab.ORG_ROLES: {
        "resident": "Резидент ПВТ", "enterprise": "Предприятие", "research": "НИИ или вуз",
        "hospital": "Учреждение здравоохранения", "government": "Госорган",
        "foreign": "Иностранный партнёр"},
    vocab.PROJECT_STATUSES: {
        "planned": "Запланирован", "in_progress": "Выполняется", "completed": "Завершён",
        "commissioned": "Введён в эксплуатацию", "design_capacity": "Выведен на проектную мощность",
        "cancelled": "Отменён"},
    vocab.PROGRAMME_KINDS: {
        "state_innovation": "Государственная программа инновационного развития",
        "pilot": "Пилотные проекты",
        "joint_international": "Совместные международные научно-технические проекты",
        "htp": "Проекты ПВТ", "scientific_technical": "Научно-технические программы"},
    vocab.PARTICIPANT_ROLES: {
        "developer": "Разработчик", "customer": "Заказчик", "partner": "Партнёр",
        "coordinator": "Координатор"},
    vocab.RELATION_KINDS: {"adopted": "Внедрила продукцию", "cooperation": "Сотрудничает"},
    vocab.PILOT_STAGES: {
        "testing": "Апробирован в малом масштабе", "evaluated": "Эффективность оценена",
        "single_source": "В перечне закупок из одного источника",
        "expired": "Срок в перечне истёк"},
    vocab.SIZE_BANDS: {
        "micro": "Микро (до 15 работников)", "small": "Малое (16–100)",
        "medium": "Среднее (101–250)", "large": "Крупное (более 250)"},
}


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def label_sql(expr: str, choices: tuple, preset: Preset) -> str:
    """``expr`` (a code) as the preset writes it: the Russian label in the
    Excel preset, the code itself otherwise."""
    labels = RU_LABELS.get(choices) if preset.header == "ru" else None
    if not labels:
        return expr
    cases = " ".join(f"WHEN {_sql_text(code)} THEN {_sql_text(label)}" for code, label in labels.items())
    return f"(CASE {expr} {cases} ELSE {expr} END)"


@dataclass(frozen=True)
class CsvColumn:
    key: str
    label: str  # English source label; the UI translates it
    label_ru: str  # header of the Excel preset
    type: str = TEXT
    importable: bool = True
    vocab: tuple = ()  # closed vocabulary of CODE/CODES columns
    term_kind: str = ""  # TERMS: sector, technology or country
    empty: object = None  # what an empty cell of a single-valued column reads as

    @property
    def multi(self) -> bool:
        return self.type in MULTI_TYPES

    def header(self, style: str) -> str:
        return {"ru": self.label_ru, "en": self.label}.get(style, self.key)


def _c(key, label, label_ru, type_=TEXT, **kw) -> CsvColumn:
    return CsvColumn(key, label, label_ru, type_, **kw)


_TERM_COLUMNS = (
    _c("sectors", "Sectors", "Отрасли", TERMS, term_kind="sector"),
    _c("technologies", "Technologies", "Технологии", TERMS, term_kind="technology"),
)
_STAMP_COLUMNS = (
    _c("source_note", "Source note", "Источник"),
    _c("verified_on", "Verified on", "Проверено", DATE),
    _c("is_demo", "Demo data", "Демо-данные", INT, empty=0),
    _c("created_at", "Created", "Создано", TIMESTAMP, importable=False),
    _c("updated_at", "Updated", "Изменено", TIMESTAMP, importable=False),
)

ORGANIZATION_COLUMNS = (
    _c("id", "ID", "ID", INT, importable=False),
    _c("name", "Name", "Название"),
    _c("full_name", "Full name", "Полное наименование"),
    _c("name_be", "Name in Belarusian", "Название по-белорусски"),
    _c("name_en", "Name in English", "Название по-английски"),
    _c("aliases", "Other names", "Другие названия", ALIASES),
    _c("legal_form", "Legal form", "Организационно-правовая форма"),
    _c("unp", "UNP", "УНП"),
    _c("roles", "Roles", "Роли", CODES, vocab=vocab.ORG_ROLES),
    _c("region", "Region", "Регион", REGION),
    _c("city", "City", "Город"),
    _c("address", "Address", "Адрес"),
    _c("website", "Website", "Сайт"),
    _c("email", "E-mail", "Электронная почта"),
    _c("phone", "Phone", "Телефон"),
    *_TERM_COLUMNS,
    _c("countries", "Countries", "Страны", TERMS, term_kind="country"),
    _c("products", "Products", "Продукция"),
    _c("htp_since", "HTP resident since", "Резидент ПВТ с", DATE),
    _c("htp_status", "HTP status", "Статус в ПВТ"),
    _c("size_band", "Size", "Размер", CODE, vocab=vocab.SIZE_BANDS),
    _c("description", "Description", "Описание"),
    _c("relations", "Relations", "Связи", RELATIONS, vocab=vocab.RELATION_KINDS),
    _c("projects", "Projects", "Проекты", PROJECTS, importable=False),
    *_STAMP_COLUMNS,
)

PROJECT_COLUMNS = (
    _c("id", "ID", "ID", INT, importable=False),
    _c("title", "Title", "Название"),
    _c("title_en", "Title in English", "Название по-английски"),
    _c("programme", "Programme", "Программа", PROGRAMME),
    _c("programme_kind", "Programme kind", "Вид программы", CODE, vocab=vocab.PROGRAMME_KINDS),
    _c("status", "Status", "Статус", CODE, vocab=vocab.PROJECT_STATUSES),
    _c("start_year", "From", "Начало", INT),
    _c("end_year", "To", "Окончание", INT),
    _c("participants", "Participants", "Участники", PARTICIPANTS, vocab=vocab.PARTICIPANT_ROLES),
    *_TERM_COLUMNS,
    _c("countries", "Partner countries", "Страны-партнёры", TERMS, term_kind="country"),
    _c("results", "Results", "Результаты"),
    _c("jobs_created", "Jobs created", "Создано рабочих мест", INT),
    _c("budget", "Budget", "Бюджет", FLOAT),
    _c("budget_currency", "Currency", "Валюта"),
    _c("description", "Description", "Описание"),
    _c("pilot_stage", "Pilot stage", "Стадия пилотного проекта", CODE, vocab=vocab.PILOT_STAGES),
    _c("pilot_started_on", "Pilot started on", "Пилотный проект начат", DATE),
    _c("pilot_evaluated_on", "Efficiency evaluated on", "Эффективность оценена", DATE),
    _c("single_source_listed_on", "Single-source listing from", "В перечне закупок из одного источника с", DATE),
    _c("single_source_expires_on", "Single-source listing until", "В перечне закупок из одного источника до", DATE),
    *_STAMP_COLUMNS,
)

COLUMNS = {"organization": ORGANIZATION_COLUMNS, "project": PROJECT_COLUMNS}


def record_kind(view: str) -> str:
    """"organization" or "project" for a list (residents, enterprises, ...)."""
    try:
        return listing.VIEWS[view].kind
    except KeyError:
        raise ValueError(f"unknown list {view!r}; choose one of {', '.join(listing.VIEWS)}") from None


def columns_for(view: str) -> tuple[CsvColumn, ...]:
    return COLUMNS[record_kind(view)]


# Chosen until the user picks others: what the window's table shows, and the
# ways to reach an organization. The dialog and --columns all give the rest.
DEFAULT_KEYS = {
    "organization": ("name", "legal_form", "unp", "roles", "region", "city", "sectors",
                     "website", "email", "phone"),
    "project": ("title", "programme", "status", "start_year", "end_year", "participants",
                "sectors", "countries", "jobs_created"),
}


def default_keys(view: str) -> list[str]:
    return list(DEFAULT_KEYS[record_kind(view)])


def all_keys(view: str) -> list[str]:
    """Every column that an import reads back (linked names included)."""
    return [c.key for c in columns_for(view) if c.importable]


def resolve(view: str, keys) -> list[CsvColumn]:
    """Columns for the given keys in that order; unknown keys are refused."""
    by_key = {c.key: c for c in columns_for(view)}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise ValueError(f"unknown column {', '.join(unknown)}; "
                         f"columns of this list: {', '.join(by_key)}")
    return [by_key[k] for k in dict.fromkeys(keys)]


# --- export SQL -----------------------------------------------------------

def _unp_suffix(alias: str) -> str:
    return f"CASE WHEN {alias}.unp IS NOT NULL THEN ' (УНП ' || {alias}.unp || ')' ELSE '' END"


def _dashes_doubled_sql(expr: str) -> str:
    return f"replace({expr}, '{_DASH}', '{_DASH * 2}')"


def _link_sql(label: str, alias: str, details: list[str]) -> str:
    """"label: Name (УНП …) — detail — detail", the trailing empty details left out."""
    text = f"{label} || ': ' || {_dashes_doubled_sql(alias + '.name')} || {_unp_suffix(alias)}"
    if not details:
        return text
    cleaned = [f"nullif(trim({d}), '')" for d in details]
    sep = _sql_text(DETAIL_SEPARATOR)
    # The details up to the last one present; an absent one in between is empty.
    branches = []
    for last in range(len(cleaned), 0, -1):
        parts = " || ".join(f"{sep} || coalesce({_dashes_doubled_sql(c)}, '')" for c in cleaned[:last])
        branches.append(f"WHEN {cleaned[last - 1]} IS NOT NULL THEN {parts}")
    return f"{text} || (CASE {' '.join(branches)} ELSE '' END)"


def _elements_sql(column: CsvColumn, kind: str, preset: Preset) -> tuple[str, str, str]:
    """(value expression, FROM ... WHERE ..., ORDER BY or "") of the values
    of a multi-valued column for the record "r". Without an order the index
    order is kept, which needs no sorting."""
    owner = "org_id" if kind == "organization" else "project_id"
    if column.type == CODES:
        return label_sql("role", column.vocab, preset), "FROM organization_roles WHERE org_id = r.id", ""
    if column.type == ALIASES:
        return "alias", "FROM organization_aliases WHERE org_id = r.id", ""
    if column.type == TERMS:
        table = "organization_terms" if kind == "organization" else "project_terms"
        # CROSS JOIN keeps SQLite from scanning every term of the kind per record.
        return ("t.name_ru", f"FROM {table} x CROSS JOIN terms t ON t.id = x.term_id "
                f"WHERE x.{owner} = r.id AND t.kind = '{column.term_kind}'", "")
    if column.type == PARTICIPANTS:
        return (_link_sql(label_sql("pp.role", column.vocab, preset), "o", ["pp.note"]),
                "FROM project_participants pp CROSS JOIN organizations o ON o.id = pp.org_id "
                "WHERE pp.project_id = r.id", "pp.role, o.name, o.id")
    if column.type == RELATIONS:
        return (_link_sql(label_sql("x.kind", column.vocab, preset), "o", ["x.product", "x.note"]),
                "FROM org_relations x CROSS JOIN organizations o ON o.id = x.to_org_id "
                "WHERE x.from_org_id = r.id", "x.id")
    if column.type == PROJECTS:
        return (f"{label_sql('pp.role', vocab.PARTICIPANT_ROLES, preset)} || ': ' || p.title",
                "FROM project_participants pp CROSS JOIN projects p ON p.id = pp.project_id "
                "WHERE pp.org_id = r.id", "p.title, p.id")
    raise ValueError(column.type)


def select_sql(column: CsvColumn, kind: str, preset: Preset, separator: str) -> str:
    """The SQL expression giving the exported cell of ``column`` (before
    formula protection, which the writer applies to text cells)."""
    if column.multi:
        value, source, order = _elements_sql(column, kind, preset)
        if order:
            return f"(SELECT {join_sql('v', separator)} FROM (SELECT {value} AS v {source} ORDER BY {order}))"
        return f"(SELECT {join_sql(value, separator)} {source})"
    if column.type == REGION:
        return "(SELECT name_ru FROM terms WHERE id = r.region_id)"
    if column.type == PROGRAMME:
        return "(SELECT name FROM programmes WHERE id = r.programme_id)"
    if column.key == "programme_kind":
        return f"(SELECT {label_sql('kind', column.vocab, preset)} FROM programmes WHERE id = r.programme_id)"
    expr = f"r.{column.key}"
    if column.type == CODE:
        return label_sql(expr, column.vocab, preset)
    if column.type == DATE:
        return date_sql(expr, preset.date_style)
    if column.type == TIMESTAMP:
        return timestamp_sql(expr, preset.date_style)
    if column.type == FLOAT:
        return decimal_sql(expr, preset.decimal)
    return expr


def is_text(column: CsvColumn) -> bool:
    """Cells that may hold anything a person typed (so may look like a formula)."""
    return column.type not in NUMERIC_TYPES + (CODE, CODES, REGION)


def parse_link(element: str, details: int = 0) -> tuple[str, str, str | None, tuple]:
    """(code, organization name, UNP or None, details) of "role: Name (УНП
    123456789) — detail — detail", with up to ``details`` details (missing
    or empty ones are None)."""
    head, *rest = element.strip().split(DETAIL_SEPARATOR)
    m = _LINK.match(head.strip())
    if not m or not m.group("name").strip():
        raise ValueError(f"{element!r}: write it as 'role: organization name'")
    if len(rest) > details:
        raise ValueError(f"{element!r}: {len(rest)} parts after the name, at most {details} expected "
                         f"(an em dash inside a name or a note is written twice)")
    found = [v.replace(_DASH * 2, _DASH).strip() or None for v in rest]
    found += [None] * (details - len(found))
    return (m.group("code"), m.group("name").strip().replace(_DASH * 2, _DASH), m.group("unp"),
            tuple(found))
