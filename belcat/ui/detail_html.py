"""HTML for the detail pane: every field of a record and its links.

Links use the ``belcat:`` scheme (belcat:organization/12, belcat:project/3);
every value from the catalog is escaped.
"""

from html import escape

from .labels import code_label, codes_label, tr

CSS = """
body { font-size: 10pt; }
h2 { margin: 0 0 2px 0; }
.sub { color: #555; margin-bottom: 8px; }
table.f { border-collapse: collapse; margin-top: 6px; }
table.f td { padding: 2px 8px 2px 0; vertical-align: top; }
td.k { color: #555; white-space: nowrap; }
h3 { margin: 12px 0 4px 0; border-bottom: 1px solid #ccc; }
.demo { background: #fff3cd; color: #7a5b00; padding: 2px 6px; }
.muted { color: #777; }
"""


def link(kind: str, record_id: int, text: str) -> str:
    return f'<a href="belcat:{kind}/{int(record_id)}">{escape(text or "—")}</a>'


def _fields(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td class="k">{escape(k)}</td><td>{v}</td></tr>' for k, v in rows if v
    )
    return f'<table class="f">{cells}</table>' if cells else ""


def _text(value) -> str:
    return escape(str(value)).replace("\n", "<br>") if value not in (None, "") else ""


def _url(value: str | None) -> str:
    if not value:
        return ""
    href = value if "://" in value else f"https://{value}"
    return f'<a href="{escape(href, quote=True)}">{escape(value)}</a>'


def _provenance(record: dict) -> str:
    src = record.get("source") or {}
    parts = []
    if src:
        title = escape(src.get("title") or "")
        if src.get("url"):
            title = f'<a href="{escape(src["url"], quote=True)}">{title}</a>'
        meta = ", ".join(escape(x) for x in (src.get("publisher"), src.get("published_on")) if x)
        parts.append((tr("Source"), title + (f" ({meta})" if meta else "")))
    parts += [
        (tr("Source note"), _text(record.get("source_note"))),
        (tr("Verified on"), _text(record.get("verified_on"))),
        (tr("Created"), _text(record.get("created_at"))),
        (tr("Updated"), _text(record.get("updated_at"))),
    ]
    return f"<h3>{escape(tr('Provenance'))}</h3>" + _fields(parts)


def _demo_badge(record: dict) -> str:
    if not record.get("is_demo"):
        return ""
    return f'<p><span class="demo">{escape(tr("Demo data: synthetic, not a fact"))}</span></p>'


def organization_html(org: dict) -> str:
    other_names = " · ".join(escape(n) for n in (org.get("name_be"), org.get("name_en")) if n)
    head = f"<h2>{escape(org.get('full_name') or org['name'])}</h2>"
    head += f'<div class="sub">{other_names}</div>' if other_names else ""
    main = _fields([
        (tr("Name"), _text(org["name"])),
        (tr("Roles"), escape(codes_label("role", ",".join(org.get("roles") or [])))),
        (tr("Legal form"), _text(org.get("legal_form"))),
        (tr("Also known as"), escape(", ".join(org.get("aliases") or []))),
        (tr("UNP"), _text(org.get("unp"))),
        (tr("Region"), _text(org.get("region_name"))),
        (tr("City"), _text(org.get("city"))),
        (tr("Address"), _text(org.get("address"))),
        (tr("Website"), _url(org.get("website"))),
        (tr("E-mail"), escape(org.get("email") or "")),
        (tr("Phone"), _text(org.get("phone"))),
        (tr("Sectors"), escape(", ".join(org.get("sectors") or []))),
        (tr("Technologies"), escape(", ".join(org.get("technologies") or []))),
        (tr("Products"), _text(org.get("products"))),
        (tr("Countries"), escape(", ".join(org.get("countries") or []))),
        (tr("HTP resident since"), _text(org.get("htp_since"))),
        (tr("HTP status"), _text(org.get("htp_status"))),
        (tr("Size"), escape(code_label("size_band", org.get("size_band")))),
    ])
    desc = f"<p>{_text(org.get('description'))}</p>" if org.get("description") else ""
    projects = "".join(
        f"<li>{link('project', p['project_id'], p['title'])} — "
        f"{escape(code_label('participant_role', p['role']))}</li>"
        for p in org.get("projects") or []
    )
    relations = "".join(
        f"<li>{escape(_relation_text(r))} {link('organization', r['org_id'], r['name'])}"
        + (f" — {escape(r['product'])}" if r.get("product") else "")
        + "</li>"
        for r in org.get("relations") or []
    )
    links = f"<h3>{escape(tr('Projects'))}</h3><ul>{projects}</ul>" if projects else ""
    links += f"<h3>{escape(tr('Partners'))}</h3><ul>{relations}</ul>" if relations else ""
    if not links:
        links = f'<p class="muted">{escape(tr("No projects or partners recorded."))}</p>'
    return head + _demo_badge(org) + main + desc + links + _provenance(org)


def _relation_text(rel: dict) -> str:
    if rel["kind"] == "adopted":
        return tr("Adopted products of") if rel["direction"] == "out" else tr("Products adopted by")
    return code_label("relation", rel["kind"])


def project_html(project: dict) -> str:
    head = f"<h2>{escape(project['title'])}</h2>"
    if project.get("title_en"):
        head += f'<div class="sub">{escape(project["title_en"])}</div>'
    programme = project.get("programme") or {}
    years = "–".join(str(y) for y in (project.get("start_year"), project.get("end_year")) if y)
    budget = ""
    if project.get("budget") is not None:
        budget = f"{project['budget']:,.0f} {project.get('budget_currency') or ''}".strip()
    programme_link = link("programme", programme["id"], programme["name"]) if programme else ""
    main = _fields([
        (tr("Programme"), programme_link),
        (tr("Status"), escape(code_label("status", project.get("status")))),
        (tr("Years"), escape(years)),
        (tr("Sectors"), escape(", ".join(project.get("sectors") or []))),
        (tr("Technologies"), escape(", ".join(project.get("technologies") or []))),
        (tr("Partner countries"), escape(", ".join(project.get("countries") or []))),
        (tr("Results"), _text(project.get("results"))),
        (tr("Jobs created"), _text(project.get("jobs_created"))),
        (tr("Budget"), escape(budget)),
        (tr("Pilot stage"), escape(code_label("pilot_stage", project.get("pilot_stage")))),
        (tr("Pilot started"), _text(project.get("pilot_started_on"))),
        (tr("Efficiency evaluated"), _text(project.get("pilot_evaluated_on"))),
        (tr("Single-source listing"), _text(project.get("single_source_listed_on"))),
        (tr("Listing expires"), _text(project.get("single_source_expires_on"))),
    ])
    desc = f"<p>{_text(project.get('description'))}</p>" if project.get("description") else ""
    participants = "".join(
        f"<li>{link('organization', p['org_id'], p['name'])} — "
        f"{escape(code_label('participant_role', p['role']))}</li>"
        for p in project.get("participants") or []
    )
    links = (
        f"<h3>{escape(tr('Participants'))}</h3><ul>{participants}</ul>"
        if participants
        else f'<p class="muted">{escape(tr("No participants recorded."))}</p>'
    )
    return head + _demo_badge(project) + main + desc + links + _provenance(project)


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}".replace(",", "\u202f") if float(value).is_integer() else f"{value:,}"


def programme_html(programme: dict) -> str:
    head = f"<h2>{escape(programme['name'])}</h2>"
    if programme.get("name_en"):
        head += f'<div class="sub">{escape(programme["name_en"])}</div>'
    years = "–".join(str(y) for y in (programme.get("start_year"), programme.get("end_year")) if y)
    main = _fields([
        (tr("Kind"), escape(code_label("programme_kind", programme.get("kind")))),
        (tr("Years"), escape(years)),
    ])
    desc = f"<p>{_text(programme.get('description'))}</p>" if programme.get("description") else ""
    projects = "".join(
        f"<li>{link('project', p['id'], p['title'])} — {escape(code_label('status', p['status']))}</li>"
        for p in programme.get("projects") or []
    )
    figures = "".join(
        f"<tr><td>{escape(i['name'])}</td><td>{escape(_number(i['value']))} {escape(i['unit'] or '')}</td>"
        f"<td>{escape(i['period'] or '')}</td><td class='muted'>{escape(i['source_title'] or '')}</td></tr>"
        for i in programme.get("indicators") or []
    )
    body = head + main + desc
    body += f"<h3>{escape(tr('Projects'))}</h3><ul>{projects}</ul>" if projects else ""
    body += f"<h3>{escape(tr('Figures'))}</h3><table class='f'>{figures}</table>" if figures else ""
    src = programme.get("source")
    if src:
        body += _provenance({"source": src})
    return body


def page(body: str) -> str:
    return f"<html><head><style>{CSS}</style></head><body>{body}</body></html>"
