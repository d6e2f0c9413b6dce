"""The starter catalog that ships with belcat: the organizations, projects,
programmes and figures of the seed articles, each with its source.

``load_starter`` fills an empty catalog in one transaction through the core
API. The file is checked completely first, so a malformed file is refused
before anything is written.
"""

from pathlib import Path

from ..resources import resource

from ..core import organizations, projects, sources
from ..core.catalog import Catalog
from ..core.taxonomy import ensure_term
from .starter_format import FORMAT, StarterError, read_starter

SETTING_KEY = "starter_format"

_ORG_FIELDS = (
    "name", "name_be", "name_en", "full_name", "legal_form", "unp", "region", "city",
    "address", "website", "email", "phone", "products", "htp_since", "htp_status",
    "size_band", "description", "roles", "aliases", "sectors", "technologies", "countries",
    "source_note",
)
_PROJECT_FIELDS = (
    "title", "title_en", "status", "start_year", "end_year", "results", "jobs_created",
    "budget", "budget_currency", "description", "pilot_stage", "pilot_started_on",
    "pilot_evaluated_on", "single_source_listed_on", "single_source_expires_on",
    "sectors", "technologies", "countries", "source_note",
)


class CatalogNotEmptyError(StarterError):
    """The starter catalog goes only into an empty catalog."""


def starter_path() -> Path:
    """resources/starter/catalog.json of the belcat source tree."""
    return resource("starter", "catalog.json")


def _has_content(catalog: Catalog) -> bool:
    for table in ("organizations", "projects", "programmes", "indicators", "sources"):
        if catalog.scalar(f"SELECT 1 FROM {table} LIMIT 1"):
            return True
    return False


def _provenance(item: dict, source_ids: dict, source_dates: dict) -> dict:
    key = item["source"]
    return {
        "source_id": source_ids[key],
        "verified_on": item.get("verified_on") or source_dates[key],
    }


def load_starter(catalog: Catalog, path: str | Path | None = None) -> dict:
    """Fill an empty catalog with the starter data; return how many of each were added.

    Raises ``StarterFileError`` for a malformed file and ``CatalogNotEmptyError``
    when the catalog already holds records; in both cases nothing is written.
    """
    path = Path(path) if path is not None else starter_path()
    data = read_starter(path)
    counts = dict.fromkeys(
        ("sources", "terms", "programmes", "organizations", "projects", "participants",
         "relations", "indicators"), 0,
    )
    with catalog.write():
        if _has_content(catalog):
            raise CatalogNotEmptyError(
                f"{catalog.path}: the catalog already holds records; "
                "the starter catalog is loaded only into an empty catalog"
            )
        source_ids, source_dates = {}, {}
        for s in data.get("sources", []):
            source_ids[s["key"]] = sources.create_source(catalog, s)
            source_dates[s["key"]] = s.get("published_on")
            counts["sources"] += 1
        for kind, items in data.get("taxonomy", {}).items():
            for t in items:
                ensure_term(catalog, kind, t["name_ru"], code=t["code"],
                            name_be=t.get("name_be"), name_en=t.get("name_en"))
                counts["terms"] += 1
        programme_ids = {}
        for p in data.get("programmes", []):
            values = {k: p.get(k) for k in
                      ("name", "name_en", "kind", "start_year", "end_year", "description")}
            values["source_id"] = source_ids[p["source"]]
            programme_ids[p["key"]] = projects.create_programme(catalog, values)
            counts["programmes"] += 1
        org_ids = {}
        for o in data.get("organizations", []):
            values = {k: o[k] for k in _ORG_FIELDS if k in o}
            values.update(_provenance(o, source_ids, source_dates))
            org_ids[o["key"]] = organizations.create(catalog, values)
            counts["organizations"] += 1
        for p in data.get("projects", []):
            values = {k: p[k] for k in _PROJECT_FIELDS if k in p}
            values.update(_provenance(p, source_ids, source_dates))
            values["programme_id"] = programme_ids.get(p.get("programme"))
            values["participants"] = [
                {"org_id": org_ids[x["org"]], "role": x["role"], "note": x.get("note")}
                for x in p.get("participants") or []
            ]
            projects.create(catalog, values)
            counts["projects"] += 1
            counts["participants"] += len(values["participants"])
        for r in data.get("relations", []):
            organizations.add_relation(
                catalog, org_ids[r["from"]], org_ids[r["to"]], r["kind"],
                product=r.get("product"), note=r.get("note"),
                source_id=source_ids[r["source"]],
            )
            counts["relations"] += 1
        for i in data.get("indicators", []):
            values = {k: i.get(k) for k in ("name", "value", "unit", "period", "note")}
            values["programme_id"] = programme_ids.get(i.get("programme"))
            values["source_id"] = source_ids[i["source"]]
            sources.create_indicator(catalog, values)
            counts["indicators"] += 1
        catalog.conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [SETTING_KEY, str(FORMAT)],
        )
    return counts
