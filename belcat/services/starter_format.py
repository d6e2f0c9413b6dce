"""The starter catalog file: reading it and checking every field before a
single row is written.

The file is UTF-8 JSON with a ``format`` number. Records refer to each other
by ``key`` (sources, programmes, organizations) and to taxonomy terms by
``code``; vocabulary fields hold the codes of ``belcat.core.vocab``.
"""

import json
import re
from pathlib import Path

from ..core import vocab
from ..core.errors import BelcatError

FORMAT = 1

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNP = re.compile(r"^\d{9}$")
_TERM_LISTS = {"sectors": "sector", "technologies": "technology", "countries": "country"}


class StarterError(BelcatError):
    """The starter catalog cannot be loaded; nothing was written."""


class StarterFileError(StarterError):
    """The starter file is unreadable or breaks the format. ``problems`` lists why."""

    def __init__(self, path, problems: list[str]):
        self.path = str(path)
        self.problems = list(problems)
        shown = "; ".join(self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(f"{self.path}: not a valid starter catalog: {shown}{more}")


# Field kinds: "text", "date", "year", "int", "number", "texts", "key:<section>",
# "vocab:<name>", "terms:<kind>", "participants", "unp".
_S = {"key": "text!", "title": "text!", "url": "text", "publisher": "text",
      "published_on": "date", "note": "text"}
_T = {"code": "text!", "name_ru": "text!", "name_be": "text", "name_en": "text"}
_PROGRAMME = {"key": "text!", "name": "text!", "name_en": "text",
              "kind": "vocab:programme_kind!", "start_year": "year", "end_year": "year",
              "description": "text", "source": "key:sources!"}
_STAMPS = {"source": "key:sources!", "source_note": "text", "verified_on": "date"}
_ORG = {"key": "text!", "name": "text!", "name_be": "text", "name_en": "text",
        "full_name": "text", "legal_form": "vocab:legal_form", "unp": "unp",
        "region": "vocab:region", "city": "text", "address": "text", "website": "text",
        "email": "text", "phone": "text", "products": "text", "htp_since": "date",
        "htp_status": "text", "size_band": "vocab:size_band", "description": "text",
        "roles": "vocab_list:role!", "aliases": "texts",
        "sectors": "terms:sector", "technologies": "terms:technology",
        "countries": "terms:country", **_STAMPS}
_PROJECT = {"key": "text!", "title": "text!", "title_en": "text",
            "programme": "key:programmes", "status": "vocab:status!",
            "start_year": "year", "end_year": "year", "results": "text",
            "jobs_created": "int", "budget": "number", "budget_currency": "text",
            "description": "text", "pilot_stage": "vocab:pilot_stage",
            "pilot_started_on": "date", "pilot_evaluated_on": "date",
            "single_source_listed_on": "date", "single_source_expires_on": "date",
            "sectors": "terms:sector", "technologies": "terms:technology",
            "countries": "terms:country", "participants": "participants", **_STAMPS}
_PARTICIPANT = {"org": "key:organizations!", "role": "vocab:participant_role!", "note": "text"}
_RELATION = {"from": "key:organizations!", "to": "key:organizations!",
             "kind": "vocab:relation_kind!", "product": "text", "note": "text",
             "source": "key:sources!"}
_INDICATOR = {"name": "text!", "value": "number", "unit": "text", "period": "text",
              "programme": "key:programmes", "note": "text", "source": "key:sources!"}

SECTIONS = {"sources": _S, "programmes": _PROGRAMME, "organizations": _ORG,
            "projects": _PROJECT, "relations": _RELATION, "indicators": _INDICATOR}
TOP_LEVEL = {"format", "title", "title_en", "about", "taxonomy", *SECTIONS}

VOCABS = {
    "programme_kind": vocab.PROGRAMME_KIND_CODES,
    "legal_form": frozenset(vocab.LEGAL_FORMS),
    "region": frozenset(code for code, *_ in vocab.REGIONS),
    "size_band": vocab.SIZE_BAND_CODES,
    "role": vocab.ROLE_CODES,
    "status": vocab.STATUS_CODES,
    "pilot_stage": vocab.PILOT_STAGE_CODES,
    "participant_role": vocab.PARTICIPANT_ROLE_CODES,
    "relation_kind": vocab.RELATION_KIND_CODES,
}


class _Checker:
    def __init__(self, data: dict):
        self.data = data
        self.problems: list[str] = []
        self.keys: dict[str, set[str]] = {}
        self.terms: dict[str, set[str]] = {}

    def run(self) -> list[str]:
        data = self.data
        if data.get("format") != FORMAT:
            self.problems.append(
                f"format must be {FORMAT} (found {data.get('format')!r}); "
                "this belcat reads starter format 1 only"
            )
            return self.problems
        for extra in sorted(set(data) - TOP_LEVEL):
            self.problems.append(f"unknown top-level field {extra!r}")
        self._taxonomy(data.get("taxonomy", {}))
        for section in SECTIONS:
            items = data.get(section, [])
            if not isinstance(items, list):
                self.problems.append(f"{section} must be a list")
                continue
            keys = set()
            for i, item in enumerate(items):
                where = f"{section}[{i}]"
                if not isinstance(item, dict):
                    self.problems.append(f"{where} must be an object")
                    continue
                key = item.get("key")
                if isinstance(key, str):
                    where = f"{section}[{key}]"
                    if key in keys:
                        self.problems.append(f"{where}: key used twice")
                    keys.add(key)
            self.keys[section] = keys
        for section, spec in SECTIONS.items():
            for i, item in enumerate(self.data.get(section) or []):
                if isinstance(item, dict):
                    self._record(f"{section}[{item.get('key', i)}]", item, spec)
        return self.problems

    def _taxonomy(self, taxonomy) -> None:
        if not isinstance(taxonomy, dict):
            self.problems.append("taxonomy must be an object of term lists")
            return
        for kind, items in taxonomy.items():
            if kind not in vocab.TERM_KINDS or kind == "region":
                self.problems.append(f"taxonomy: unknown term kind {kind!r}")
                continue
            codes = self.terms.setdefault(kind, set())
            for i, item in enumerate(items if isinstance(items, list) else [None]):
                if not isinstance(item, dict):
                    self.problems.append(f"taxonomy.{kind}[{i}] must be an object")
                    continue
                self._record(f"taxonomy.{kind}[{item.get('code', i)}]", item, _T)
                if item.get("code") in codes:
                    self.problems.append(f"taxonomy.{kind}: code {item['code']!r} used twice")
                codes.add(item.get("code"))

    def _record(self, where: str, item: dict, spec: dict) -> None:
        self._where = where
        for extra in sorted(set(item) - set(spec)):
            self.problems.append(f"{where}: unknown field {extra!r}")
        for field, kind in spec.items():
            required = kind.endswith("!")
            kind = kind.rstrip("!")
            value = item.get(field)
            if value is None or value == [] or value == "":
                if required and not (kind.startswith("vocab_list") and value == []):
                    self.problems.append(f"{where}: {field} is required")
                continue
            message = self._check(kind, value)
            if message:
                self.problems.append(f"{where}: {field} {message}")

    def _check(self, kind: str, value) -> str | None:
        name, _, arg = kind.partition(":")
        if name == "text":
            return None if isinstance(value, str) else "must be text"
        if name == "date":
            ok = isinstance(value, str) and _DATE.match(value)
            return None if ok else "must be a date YYYY-MM-DD"
        if name == "unp":
            ok = isinstance(value, str) and _UNP.match(value)
            return None if ok else "must be 9 digits"
        if name in ("year", "int"):
            ok = isinstance(value, int) and not isinstance(value, bool)
            if ok and name == "year":
                ok = 1900 <= value <= 2100
            return None if ok else f"must be {'a year' if name == 'year' else 'a whole number'}"
        if name == "number":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            return None if ok else "must be a number"
        if name == "texts":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            return None if ok else "must be a list of text"
        if name == "key":
            return None if value in self.keys.get(arg, ()) else f"refers to unknown {arg} {value!r}"
        if name == "vocab":
            return None if value in VOCABS[arg] else f"has unknown code {value!r}"
        if name == "vocab_list":
            if not isinstance(value, list):
                return "must be a list"
            bad = [v for v in value if v not in VOCABS[arg]]
            return f"has unknown codes {bad!r}" if bad else None
        if name == "terms":
            if not isinstance(value, list):
                return "must be a list of codes"
            bad = [v for v in value if v not in self.terms.get(arg, ())]
            return f"has codes missing from taxonomy.{arg}: {bad!r}" if bad else None
        if name == "participants":
            if not isinstance(value, list):
                return "must be a list"
            owner = self._where
            for i, p in enumerate(value):
                if not isinstance(p, dict):
                    return f"[{i}] must be an object"
                self._record(f"{owner}: participants[{i}]", p, _PARTICIPANT)
            self._where = owner
            return None
        raise AssertionError(kind)


def validate(data) -> list[str]:
    """Every problem of the starter data, as messages; empty when it is fine."""
    if not isinstance(data, dict):
        return ["the file must hold a JSON object"]
    return _Checker(data).run()


def read_starter(path: str | Path) -> dict:
    """The parsed and checked starter data; ``StarterFileError`` otherwise."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise StarterFileError(path, [f"cannot read the file ({exc.strerror or exc})"]) from exc
    except UnicodeDecodeError as exc:
        raise StarterFileError(path, [f"not UTF-8 text (byte {exc.start})"]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StarterFileError(
            path, [f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from exc
    problems = validate(data)
    if problems:
        raise StarterFileError(path, problems)
    return data
