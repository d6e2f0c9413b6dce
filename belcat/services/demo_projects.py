"""Demo projects: programme, years, status, participants and results of each
invented project (used by ``demo.py``)."""

from . import demo_words as W
from .demo_words import REFERENCE_YEAR, weighted

# Technology of each of W.PROJECT_OBJECTS, in the same order.
_OBJECT_TECH = ("computer_vision", "ai", "digital_twin", "robotics", "erp", "iot", "drones", "cloud",
                "ai", "erp", "erp", "additive", "blockchain", "optics_lasers", "ai", "iot",
                "iot", "erp", "erp", "ai", "mobile", "computer_vision", "robotics", "computer_vision",
                "ar_vr", "erp")

_CLOSED = (("completed", 45), ("commissioned", 30), ("design_capacity", 15), ("cancelled", 10))
_OPEN = (("in_progress", 90), ("planned", 5), ("cancelled", 5))
_MEDICAL = (7, 8)  # indexes of W.PROJECT_OBJECTS made for hospitals
_INDUSTRIAL = tuple(i for i in range(len(W.PROJECT_OBJECTS)) if i not in _MEDICAL)
_PILOT_STAGE = {"in_progress": "testing", "planned": None, "cancelled": "testing",
                "completed": "evaluated"}


def _status(gen, start: int, end: int) -> str:
    if start > REFERENCE_YEAR:
        return "planned"
    if end >= REFERENCE_YEAR:
        return gen.pick(gen._open_statuses)
    return gen.pick(gen._closed_statuses)


def _years(gen, key: str) -> tuple[int, int]:
    r = gen.rng
    if key == "gpir":
        key = r.choices(("gpir16", "gpir21", "gpir26"), weights=(35, 50, 15))[0]
        first, last = gen.programme_years[key]
        start = r.randint(first, last)
        return start, min(start + r.choice((0, 1, 1, 2, 2, 3)), last), key
    start = r.randint(2016, REFERENCE_YEAR + 1)
    return start, start + r.choice((0, 1, 1, 2, 2, 3, 4)), key


def _pilot(gen, status: str, end: int) -> tuple:
    """Stage and dates of the pilot-project lifecycle."""
    r = gen.rng
    stage = _PILOT_STAGE.get(status)
    if status in ("commissioned", "design_capacity"):
        stage = "single_source"
    started = f"{end - 1}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    if stage is None:
        return None, None, None, None, None
    evaluated = listed = expires = None
    if stage in ("evaluated", "single_source"):
        evaluated = f"{end}-{r.randint(1, 6):02d}-{r.randint(1, 28):02d}"
    if stage == "single_source":
        listed = f"{end}-{r.randint(7, 12):02d}-01"
        expires = f"{end + 2}{listed[4:]}"
        if int(expires[:4]) < REFERENCE_YEAR:
            stage = "expired"
    return stage, started, evaluated, listed, expires


def project_rows(gen, start: int, count: int):
    """Rows for projects, participants and project terms of one chunk."""
    r, pools = gen.rng, gen.pools
    if not hasattr(gen, "_open_statuses"):
        gen._open_statuses = weighted(_OPEN)
        gen._closed_statuses = weighted(_CLOSED)
    everyone = range(gen.id0 + 1, gen.id0 + gen.counts["organizations"] + 1)
    developers = pools["resident"] * 7 + pools["research"] * 3 or list(everyone)
    customers = pools["enterprise"] * 4 + pools["hospital"] or list(everyone)
    rows, parts, links = [], [], []
    for i in range(start, start + count):
        pid = gen.pid0 + i + 1
        key = gen.pick(gen._programme_kinds)
        start_year, end_year, key = _years(gen, key)
        status = _status(gen, start_year, end_year)
        dev = r.choice(developers)
        cust = r.choice(customers)
        label_ru, label_en, sector = gen.labels.get(cust) or (None, None, None)
        obj = r.choice(_MEDICAL if sector == "healthcare" else _INDUSTRIAL)
        action = r.choice(W.PROJECT_ACTIONS)
        title = f"{action[0]} {W.PROJECT_OBJECTS[obj][0]}"
        title_en = f"{action[1]} {W.PROJECT_OBJECTS[obj][1]}"
        if label_ru:
            title, title_en = f"{title} {label_ru}", f"{title_en} {label_en}"
        members = [(dev, "developer"), (cust, "customer")]
        countries = set()
        if key == "joint" and pools["foreign"]:
            partner = r.choice(pools["foreign"])
            members.append((partner, "partner"))
            countries.add(gen.org_country[partner])
        elif pools["research"] and r.random() < 0.15:
            members.append((r.choice(pools["research"]), "partner"))
        if pools["government"] and r.random() < 0.2:
            members.append((r.choice(pools["government"]), "coordinator"))
        if r.random() < 0.08:
            countries.add(r.choice(W.COUNTRY_CODES))
        jobs = None
        if status in ("commissioned", "design_capacity") or (status == "completed" and r.random() < 0.5):
            jobs = int(r.paretovariate(1.6) * 8) - 3
            jobs = max(jobs, 0)
        results = {
            "commissioned": "Производство введено в эксплуатацию.",
            "design_capacity": "Производство выведено на проектную мощность.",
            "completed": "Работы завершены, результаты приняты заказчиком.",
            "cancelled": "Проект прекращён.",
        }.get(status)
        if results and jobs:
            results += f" Создано рабочих мест: {jobs}."
        currency = "USD" if key == "joint" and r.random() < 0.6 else "BYN"
        budget = float(round(r.lognormvariate(12.4, 1.1), -3) or 1000)
        pilot = _pilot(gen, status, end_year) if key == "pilot" else (None,) * 5
        created, updated = gen.stamps()
        years = f"{start_year} г." if start_year == end_year else f"{start_year}–{end_year} гг."
        description = f"Разработчик — {gen.short.get(dev, 'резидент ПВТ')}. Срок: {years}"
        rows.append((
            pid, title, title_en, gen.programmes[key], status, start_year, end_year, results, jobs,
            budget, currency, description, *pilot, gen.source_id, 1, created, updated,
        ))
        seen = set()
        for org, role in members:
            if (org, role) not in seen:
                seen.add((org, role))
                parts.append((pid, org, role))
        term_ids = {gen.terms["technology", _OBJECT_TECH[obj]]}
        if sector:
            term_ids.add(gen.terms["sector", sector])
        term_ids.update(gen.terms["country", c] for c in countries)
        links.extend((pid, t) for t in sorted(term_ids))
    return rows, parts, links

