"""Demo organizations: names, places, contacts and terms of each invented
organization by role (the builders of ``demo._Generator``)."""

import json
import re

from . import demo_words as W

_HTP_STATUS = "действует"
_LEGAL = {  # Russian form -> (Belarusian, English, full Russian name)
    "ООО": ("ТАА", "LLC", "Общество с ограниченной ответственностью"),
    "ОАО": ("ААТ", "OJSC", "Открытое акционерное общество"),
    "ЗАО": ("ЗАТ", "CJSC", "Закрытое акционерное общество"),
    "ОДО": ("ТДА", "ALC", "Общество с дополнительной ответственностью"),
    "ЧУП": ("ПУП", "PUE", "Частное унитарное предприятие"),
    "УП": ("УП", "UE", "Унитарное предприятие"),
    "РУП": ("РУП", "RUE", "Республиканское унитарное предприятие"),
    "ГП": ("ДП", "SE", "Государственное предприятие"),
    "ИП": ("ЗП", "FE", "Иностранное предприятие"),
    "ГУ": ("ДУ", "SI", "Государственное учреждение"),
    "УЗ": ("УАЗ", "HI", "Учреждение здравоохранения"),
}
_EXPORT_COUNTRIES = ("RU", "RU", "RU", "KZ", "CN", "UZ", "DE", "PL", "US", "GB", "AE", "AZ", "AM", "GE")
_INSTITUTES = tuple(
    (f"{kind_ru} {ru}", f"{kind_be} {be}", f"{kind_en} {en}")
    for kind_ru, kind_be, kind_en in (
        ("научно-исследовательский институт", "навукова-даследчы інстытут", "Research Institute of"),
        ("научно-практический центр", "навукова-практычны цэнтр", "Research and Practical Centre of"),
        ("научно-технический центр", "навукова-тэхнічны цэнтр", "Science and Technology Centre of"),
    )
    for ru, be, en in W.RESEARCH_FIELDS
)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _slug(text: str) -> str:
    return _NON_ALNUM.sub("-", text.lower().replace("'", "")).strip("-")


def _real_names() -> frozenset[str]:
    """Names and aliases of the organizations of the starter catalog (real ones),
    lower-cased: demo names avoid them."""
    from .starter import starter_path

    try:
        data = json.loads(starter_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    names = set()
    for org in data.get("organizations", []):
        names.update(n.lower() for n in [org.get("name"), *(org.get("aliases") or [])] if n)
    return frozenset(names)


def _fem(adjective: str) -> str:
    """Минский -> Минская, Мінскі -> Мінская (the adjectives used here)."""
    if adjective.endswith(("ий", "ый")):
        return adjective[:-2] + "ая"
    if adjective.endswith("і"):
        return adjective[:-1] + "ая"
    return adjective


class OrgBuilders:
    """One method per role returns the fields of a new organization; the
    generator supplies rng, pick(), place(), unique(), domain(), phone() and state."""

    def _contacts(self, rec: dict, slug: str, city: tuple, resident: bool) -> None:
        r = self.rng
        domain = self.domain(slug)
        rec["website"] = f"https://{domain}"
        mailbox = ("info", "office", "hello", "sales") if resident else ("info", "office", "priemnaya")
        rec["email"] = f"{r.choice(mailbox)}@{domain}"
        rec["phone"] = self.phone(city[2])
        street = r.choice(W.STREETS[:4] if resident and city[2] == "17" else W.STREETS)
        rec["address"] = f"{street}, {r.randint(1, 180)}" + (
            f", оф. {r.randint(1, 420)}" if resident else "")

    def _belarusian(self, rec: dict, role: str, region: str, city: tuple, slug: str) -> None:
        form = self.pick(self._forms[role])
        rec["form"] = form
        if form:
            rec["full_name"] = f"{_LEGAL[form][2]} «{rec['name']}»"
            rec["aliases"].append((f"{form} «{rec['name']}»", "ru"))
        rec["region_id"] = self.regions[region]
        rec["city"] = city[0].split("|")[0]
        self._contacts(rec, slug, city, role == "resident")
        if role in self._sizes:
            rec["size"] = self.pick(self._sizes[role])

    def _countries(self, rec: dict, n: int) -> list[str]:
        codes = sorted(set(self.rng.choices(_EXPORT_COUNTRIES, k=n)))
        rec["terms"].extend(("country", c) for c in codes)
        return codes

    def _brand(self, suffixed: bool = False) -> tuple[str, str, str]:
        """A made-up brand such as Нейродата or Векторлогик Солюшнс."""
        r = self.rng
        stem = r.choice(W.BRAND_STEMS)
        end = r.choice(self._endings)
        while end[2] == stem[2].lower():
            end = r.choice(self._endings)
        ru, be, en = (stem[k] + end[k] for k in range(3))
        suffix = r.choice(W.BRAND_SUFFIXES)
        if (suffixed or r.random() < 0.45) and suffix[2].lower() not in en.lower():
            ru, be, en = f"{ru} {suffix[0]}", f"{be} {suffix[1]}", f"{en} {suffix[2]}"
        return ru, be, en

    def _industry_brand(self) -> tuple[str, str, str]:
        """Полесьемаш, Неманагро, ... made unique like the residents' brands."""
        r = self.rng
        for _ in range(8):
            stem, root = r.choice(W.INDUSTRY_STEMS), r.choice(W.INDUSTRY_ROOTS)
            ru, be, en = (stem[k] + root[k] for k in range(3))
            if r.random() < 0.6:
                second = r.choice(W.INDUSTRY_ROOTS)
                if second is not root:
                    ru, be, en = ru + second[0], be + second[1], en + second[2]
            if r.random() < 0.5 or ru in self.names:
                suffix = r.choice((("-Инвест", "-Інвест", "-Invest"), (" Плюс", " Плюс", " Plus"),
                                   ("-Холдинг", "-Холдынг", " Holding"), (" Групп", " Груп", " Group"),
                                   ("-Сервис", "-Сэрвіс", " Service"), ("-Трейд", "-Трэйд", " Trade")))
                ru, be, en = ru + suffix[0], be + suffix[1], en + suffix[2]
            if ru not in self.names and ru.lower() not in self.reserved:
                break
        name = self.unique(ru, "{name} {n}")
        if name != ru:
            be, en = f"{be} {self.names[ru]}", f"{en} {self.names[ru]}"
        return name, be, en

    def _unique_brand(self) -> tuple[str, str, str]:
        ru, be, en = self._brand()
        for _ in range(8):
            if ru not in self.names and ru.lower() not in self.reserved:
                break
            ru, be, en = self._brand(suffixed=True)
        name = self.unique(ru, "{name} {n}")
        if name != ru:
            be, en = f"{be} {self.names[ru]}", f"{en} {self.names[ru]}"
        return name, be, en

    def _resident(self, org_id: int) -> dict:
        r = self.rng
        name, be, en = self._unique_brand()
        region, city = self.place(self._regions_res)
        rec = {"name": name, "be": be, "en": en, "roles": ["resident"],
               "aliases": [(en, "en")], "terms": [("sector", "it")]}
        self._belarusian(rec, "resident", region, city, _slug(en))
        products = r.sample(W.SOFTWARE, r.choice((1, 1, 2, 2, 3)))
        for product, tech, sector in products:
            rec["terms"].append(("technology", tech))
            if sector:
                rec["terms"].append(("sector", sector))
        if r.random() < 0.5:
            rec["terms"].append(("technology", r.choice(W.TECH_CODES)))
        names = [p[0] for p in products]
        rec["products"] = "; ".join(n[0].upper() + n[1:] for n in names)
        self.products[org_id] = names[0]
        self.short[org_id] = f"{rec['form'] or ''} «{name}»".strip()
        year = 2006 + int(20 * r.random() ** 0.6)
        rec["htp_since"] = f"{min(year, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        rec["htp_status"] = _HTP_STATUS
        countries = self._countries(rec, r.choice((0, 1, 1, 2, 3)))
        text = f"Разрабатывает: {', '.join(names)}. Резидент ПВТ с {rec['htp_since'][:4]} года."
        if countries:
            text += " Заказчики за рубежом: " + ", ".join(W.COUNTRIES[c][0] for c in countries) + "."
        rec["description"] = text
        return rec

    def _city_named(self, weighted, kinds, fallback: str, feminine: bool = False):
        """"<city adjective> <kind>", e.g. Гомельский молочный комбинат; names of
        real organizations that belcat knows are never produced."""
        for _ in range(20):
            region, city = self.place(weighted)
            kind = self.rng.choice(kinds)
            adj_ru, adj_be = city[1].split("|")
            if feminine:
                adj_ru, adj_be = _fem(adj_ru), _fem(adj_be)
            kind_ru, kind_be, kind_en = kind[0].split("|") if "|" in kind[0] else kind
            ru = f"{adj_ru} {kind_ru}"
            if ru.lower() not in self.reserved:
                break
        name = self.unique(ru, fallback)
        suffix = name[len(ru):]
        suffix_be = suffix.replace("филиал", "філіял").replace("отдел", "аддзел")
        suffix_en = suffix.replace("№", "No.").replace("филиал", "branch").replace("отдел", "department")
        city_en = city[0].split("|")[2]
        return (region, city, kind, name, f"{adj_be} {kind_be}{suffix_be}",
                f"{city_en} {kind_en}{suffix_en}")

    def _enterprise(self, org_id: int) -> dict:
        r = self.rng
        region, city, kind, name, be, en = self._city_named(
            self._regions_other, W.ENTERPRISE_KINDS, "{name} № {n}")
        if self.names[name.split(" № ")[0]] > 1 and r.random() < 0.8:
            self.names[name.split(" № ")[0]] -= 1  # a brand instead of a numbered name
            name, be, en = self._industry_brand()
        sector, products = kind[1], kind[2]
        words = [w for w in name.split(" ") if w[0].isalpha()]
        aliases = [(en, "en")]
        if len(words) > 2:
            aliases.insert(0, ("".join(w[0] for w in words).upper(), "ru"))
        rec = {"name": name, "be": be, "en": en, "roles": ["enterprise"], "aliases": aliases,
               "terms": [("sector", sector)], "products": products[0].upper() + products[1:]}
        if r.random() < 0.05:
            rec["roles"].append("resident")
            rec["htp_since"] = f"{r.randint(2018, 2025)}-{r.randint(1, 12):02d}-01"
            rec["htp_status"] = _HTP_STATUS
        if r.random() < 0.4:
            rec["terms"].append(("technology", r.choice(W.TECH_CODES)))
        self._belarusian(rec, "enterprise", region, city, _slug(en))
        countries = self._countries(rec, r.choice((0, 1, 1, 2, 3, 4)))
        text = f"Производит: {products}."
        if countries:
            text += " Экспорт: " + ", ".join(W.COUNTRIES[c][0] for c in countries) + "."
        rec["description"] = text
        self.labels[org_id] = (f"на {rec['form'] or ''} «{name}»".replace("  ", " "),
                               f"at {en}", sector)
        return rec

    def _research(self, org_id: int) -> dict:
        r = self.rng
        if r.random() < 0.6:
            region, city, _kind, name, be, en = self._city_named(
                self._regions_other, _INSTITUTES, "{name}, филиал № {n}")
        else:
            region, city, _kind, name, be, en = self._city_named(
                self._regions_other, W.UNIVERSITY_KINDS, "{name}, филиал № {n}")
        rec = {"name": name, "be": be, "en": en, "roles": ["research"], "aliases": [(en, "en")],
               "terms": [("technology", t) for t in r.sample(W.TECH_CODES, 2)]}
        if r.random() < 0.1:  # e.g. a university's technology park
            rec["roles"].append("resident")
            rec["htp_since"] = f"{r.randint(2008, 2025)}-{r.randint(1, 12):02d}-01"
            rec["htp_status"] = _HTP_STATUS
        acronym = "".join(w[0] for w in _slug(en).split("-") if w not in ("of", "the", "and"))
        self._belarusian(rec, "research", region, city, acronym)
        self.short[org_id] = f"{rec['form'] or ''} «{name}»".strip()
        rec["description"] = "Научные исследования и опытно-конструкторские работы; подготовка кадров."
        return rec

    def _hospital(self, org_id: int) -> dict:
        region, city, _kind, name, be, en = self._city_named(
            self._regions_other, W.HOSPITAL_KINDS, "{name} № {n}", feminine=True)
        rec = {"name": name, "be": be, "en": en, "roles": ["hospital"], "aliases": [(en, "en")],
               "terms": [("sector", "healthcare")]}
        self._belarusian(rec, "hospital", region, city, _slug(en))
        self.labels[org_id] = (f"в УЗ «{name}»", f"at {en}", "healthcare")
        return rec

    def _government(self, org_id: int) -> dict:
        region, city, _kind, name, be, en = self._city_named(
            self._regions_other, W.GOVERNMENT_KINDS, "{name}, отдел № {n}")
        rec = {"name": name, "be": be, "en": en, "roles": ["government"], "aliases": [(en, "en")],
               "terms": [("sector", "public_sector")]}
        self._belarusian(rec, "government", region, city, _slug(en))
        return rec

    def _foreign(self, org_id: int) -> dict:
        r = self.rng
        country = r.choice(W.FOREIGN_CODES)
        cities, ending = W.FOREIGN[country]
        name, be, brand_en = self._unique_brand()
        en = f"{brand_en} {ending}"
        city = r.choice(cities).split("|")
        rec = {"name": name, "be": be, "en": en,
               "roles": ["foreign"], "aliases": [(en, "en")], "city": city[0],
               "terms": [("country", country), ("sector", r.choice(W.SECTOR_CODES))]}
        domain = self.domain(_slug(brand_en), country.lower())
        rec["website"], rec["email"] = f"https://{domain}", f"info@{domain}"
        rec["description"] = f"Зарубежный партнёр ({W.COUNTRIES[country][0]}, {city[0]})."
        self.org_country[org_id] = country
        return rec

    # --- links between organizations --------------------------------------
