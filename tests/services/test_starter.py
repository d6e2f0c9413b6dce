"""The shipped starter catalog: loads into a real catalog file, every record
carries its source, the facts of the seed articles are there and nothing else."""

import json

import pytest

from belcat.core import organizations, projects, vocab
from belcat.core.catalog import open_catalog
from belcat.core.sources import indicators
from belcat.services.starter import (
    CatalogNotEmptyError,
    load_starter,
    starter_path,
)
from belcat.services.starter_format import StarterFileError, read_starter

SEED_FILES = {
    "seed-000": "000_1d3919c76b911bc4.txt",
    "seed-001": "001_7d7f6bf8a0bc8172.txt",
    "seed-004": "004_624d118f2fe99bc8.txt",
}
TABLES = ("sources", "terms", "programmes", "organizations", "organization_aliases",
          "organization_roles", "organization_terms", "projects", "project_terms",
          "project_participants", "org_relations", "indicators", "settings")


@pytest.fixture(scope="module")
def data():
    return json.loads(starter_path().read_text(encoding="utf-8"))


@pytest.fixture
def loaded(catalog):
    counts = load_starter(catalog)
    return catalog, counts


def table_counts(catalog):
    return {t: catalog.scalar(f"SELECT count(*) FROM {t}") for t in TABLES}


def org_by_name_en(catalog, name_en):
    org_id = catalog.scalar("SELECT id FROM organizations WHERE name_en = ?", [name_en])
    assert org_id is not None, name_en
    return organizations.get(catalog, org_id)


def project_by_title(catalog, start):
    rows = catalog.query("SELECT id FROM projects WHERE title LIKE ?", [start + "%"])
    assert len(rows) == 1, start
    return projects.get(catalog, rows[0][0])


def test_starter_file_sits_in_the_repository_resources():
    path = starter_path()
    assert path.is_file()
    assert path.parts[-3:] == ("resources", "starter", "catalog.json")
    assert (path.parent.parent.parent / "belcat" / "__init__.py").is_file()
    assert read_starter(path)["format"] == 1


def test_loads_everything_into_a_real_file(tmp_path, data):
    db = tmp_path / "starter.sqlite"
    with open_catalog(db) as cat:
        counts = load_starter(cat)
    for section in ("sources", "programmes", "organizations", "projects", "indicators"):
        assert counts[section] == len(data[section]) > 0
    # Read back from disk through a new connection.
    with open_catalog(db) as cat:
        assert cat.scalar("SELECT count(*) FROM organizations") == len(data["organizations"])
        assert cat.scalar("SELECT count(*) FROM projects") == len(data["projects"])
        assert cat.scalar("SELECT count(*) FROM indicators") == len(data["indicators"])
        assert cat.scalar("SELECT count(*) FROM project_participants") == counts["participants"]
        assert cat.scalar("SELECT value FROM settings WHERE key = 'starter_format'") == "1"


def test_every_record_has_a_source_with_its_seed_file(loaded):
    catalog, _ = loaded
    for table in ("organizations", "projects", "indicators", "programmes"):
        missing = catalog.query(
            f"SELECT r.id FROM {table} r LEFT JOIN sources s ON s.id = r.source_id "
            "WHERE s.id IS NULL"
        )
        assert missing == [], table
    notes = [r["note"] for r in catalog.query("SELECT note FROM sources")]
    for file in SEED_FILES.values():
        assert sum(file in n for n in notes) == 1, file
    for table in ("organizations", "projects"):
        for row in catalog.query(f"SELECT source_note FROM {table}"):
            assert any(f in row[0] for f in SEED_FILES.values()), row[0]


def test_source_dates_and_verified_on(loaded):
    catalog, _ = loaded
    src = {r["title"][:20]: dict(r) for r in catalog.query("SELECT * FROM sources")}
    assert src["Prime minister gets "]["published_on"] == "2026-02-11"
    assert src["Prime minister gets "]["publisher"] == "BelTA"
    assert src["High-tech products a"]["published_on"] == "2023-01-19"
    undated = src["Export of Belarusian"]
    assert undated["published_on"] is None
    assert "date not stated" in undated["note"]
    # verified_on is the date of the record's article (none when it has none).
    for table in ("organizations", "projects"):
        wrong = catalog.query(
            f"SELECT r.id FROM {table} r JOIN sources s ON s.id = r.source_id "
            "WHERE r.verified_on IS NOT s.published_on"
        )
        assert wrong == [], table


def test_mtz_and_belaruskali_names(loaded):
    catalog, _ = loaded
    mtz = org_by_name_en(catalog, "MTZ")
    assert mtz["name"] == "Минский тракторный завод"
    assert mtz["legal_form"] == "ОАО"
    assert {"МТЗ", "MTZ", "Minsk Tractor Works", "Минский тракторный завод"} <= set(mtz["aliases"])
    assert mtz["roles"] == ["enterprise"]
    assert mtz["region"] == "minsk_city"
    assert mtz["source"]["published_on"] == "2026-02-11"
    assert "резидент" in mtz["description"]
    kali = org_by_name_en(catalog, "Belaruskali")
    assert kali["name"] == "Беларуськалий"
    assert kali["name_be"] == "Беларуськалій"
    assert kali["full_name"] == "ОАО «Беларуськалий»"
    assert kali["region"] is None  # the name does not say where it is
    assert {"Belaruskali", "Беларуськалий", "Беларуськалій"} <= set(kali["aliases"])


def test_regions_only_where_the_name_states_them(loaded):
    catalog, _ = loaded
    expected = {
        "Minsk Dairy Plant No. 1": ("minsk_city", "Минск"),
        "Uzda Central District Hospital": ("minsk", "Узда"),
        "Baranovichi Machine-Tool Plant": ("brest", "Барановичи"),
        "Svetlogorsk Pulp and Cardboard Mill": ("gomel", "Светлогорск"),
        "Gomselmash": ("gomel", "Гомель"),
        "MTZ": ("minsk_city", "Минск"),
    }
    for name_en, (region, city) in expected.items():
        org = org_by_name_en(catalog, name_en)
        assert (org["region"], org["city"]) == (region, city), name_en
    others = catalog.query(
        "SELECT name_en FROM organizations WHERE region_id IS NOT NULL OR city IS NOT NULL"
    )
    assert {r[0] for r in others} == set(expected)


def test_programme_2021_2025_with_its_projects(loaded):
    catalog, _ = loaded
    programme_id = catalog.scalar(
        "SELECT id FROM programmes WHERE kind = 'state_innovation' AND start_year = 2021 "
        "AND end_year = 2025"
    )
    assert programme_id is not None
    rows = catalog.query(
        "SELECT p.title, p.status, o.name_en, pp.role FROM projects p "
        "JOIN project_participants pp ON pp.project_id = p.id "
        "JOIN organizations o ON o.id = pp.org_id WHERE p.programme_id = ?",
        [programme_id],
    )
    by_org = {r["name_en"]: (r["status"], r["role"]) for r in rows}
    assert by_org["Legmash Plant"] == ("commissioned", "developer")
    assert by_org["Institute of Physics of the National Academy of Sciences of Belarus"][0] == (
        "commissioned"
    )
    for name in ("Baranovichi Machine-Tool Plant", "Belkredo", "Spetslit", "Ruchaika"):
        assert by_org[name][0] == "completed", name
    assert by_org["BNTU Polytechnic Technopark"][0] == "planned"
    for name in ("Unitehprom BSU", "Uzda Central District Hospital", "Minsk Dairy Plant No. 1"):
        assert by_org[name][0] == "in_progress", name
    legmash = project_by_title(catalog, "Производство инновационного оборудования")
    assert legmash["sectors"] == ["Машиностроение", "Нефтегазовая отрасль"]
    figures = {(i["value"], i["unit"]) for i in indicators(catalog, programme_id)}
    assert {(66, "проектов"), (7, "проектов"), (5, "проектов"), (700, "рабочих мест"),
            (19, "проектов"), (17, "проектов")} <= figures


def test_belarusian_railways_project_names_no_resident(loaded):
    catalog, _ = loaded
    project = project_by_title(catalog, "Дистанционная оценка геометрических параметров")
    roles = {p["name"]: p["role"] for p in project["participants"]}
    assert roles["Белорусская железная дорога"] == "customer"
    assert project["programme"]["kind"] == "htp"
    assert project["source"]["published_on"] == "2026-02-11"
    assert project["technologies"] == ["Дистанционное измерение геометрии объектов"]
    # The articles name no single resident company, so none is made up.
    assert catalog.scalar("SELECT count(*) FROM organization_roles WHERE role = 'resident'") == 0
    for title in ("Оценка качества бумажных рулонов", "Оценка качества сыпучих материалов"):
        assert project_by_title(catalog, title)["participants"] == []


def test_rosatom_is_a_foreign_partner_in_russia(loaded):
    catalog, _ = loaded
    rosatom = org_by_name_en(catalog, "Rosatom")
    assert rosatom["roles"] == ["foreign"]
    assert rosatom["countries"] == ["Россия"]
    assert rosatom["projects"][0]["role"] == "partner"


def test_indicator_share_of_high_tech_exports(loaded):
    catalog, _ = loaded
    rows = [i for i in indicators(catalog) if i["value"] == 37.5]
    assert len(rows) == 1
    share = rows[0]
    assert share["unit"] == "%"
    assert share["period"] == "январь–сентябрь 2022"
    assert "34%" in share["note"]
    assert share["source_published_on"] == "2023-01-19"
    by_value = {(i["value"], i["unit"], i["period"]) for i in indicators(catalog)}
    assert (15, "млрд долларов США", "2019") in by_value
    assert (4.8, "млрд рублей", "2018") in by_value
    assert (1000, "компаний", "февраль 2026") in by_value
    assert (30.4, "%", "2022") in by_value


def test_joint_projects_keep_their_partner_countries(loaded):
    catalog, _ = loaded
    joint = project_by_title(catalog, "Совместные международные научно-технические проекты 2019")
    assert len(joint["countries"]) == 17
    assert {"Китай", "Пакистан", "Куба", "Узбекистан"} <= set(joint["countries"])
    china = project_by_title(catalog, "Белорусско-китайские")
    assert china["countries"] == ["Китай"]
    assert set(china["technologies"]) == {
        "Микроэлектроника", "Оптические и лазерные технологии", "Биотехнологии",
        "Новые материалы",
    }


def test_nothing_invented_contact_fields_are_empty(loaded):
    catalog, _ = loaded
    filled = catalog.query(
        "SELECT name FROM organizations WHERE unp IS NOT NULL OR phone IS NOT NULL "
        "OR address IS NOT NULL OR website IS NOT NULL OR email IS NOT NULL "
        "OR htp_since IS NOT NULL OR size_band IS NOT NULL"
    )
    assert filled == []
    assert catalog.scalar("SELECT count(*) FROM sources WHERE url IS NOT NULL") == 0
    assert catalog.scalar("SELECT count(*) FROM projects WHERE budget IS NOT NULL") == 0
    assert catalog.scalar("SELECT count(*) FROM projects WHERE is_demo <> 0") == 0


def test_every_code_is_a_vocabulary_code(loaded):
    catalog, _ = loaded
    used = lambda sql: {r[0] for r in catalog.query(sql)}  # noqa: E731
    assert used("SELECT role FROM organization_roles") <= vocab.ROLE_CODES
    assert used("SELECT status FROM projects") <= vocab.STATUS_CODES
    assert used("SELECT role FROM project_participants") <= vocab.PARTICIPANT_ROLE_CODES
    assert used("SELECT kind FROM programmes") <= vocab.PROGRAMME_KIND_CODES
    assert used("SELECT kind FROM org_relations") <= vocab.RELATION_KIND_CODES
    assert used("SELECT kind FROM terms") <= set(vocab.TERM_KINDS)
    assert used("SELECT legal_form FROM organizations WHERE legal_form IS NOT NULL") <= set(
        vocab.LEGAL_FORMS
    )
    regions = {code for code, *_ in vocab.REGIONS}
    assert used(
        "SELECT t.code FROM organizations o JOIN terms t ON t.id = o.region_id"
    ) <= regions
    assert used(
        "SELECT t.kind FROM organizations o JOIN terms t ON t.id = o.region_id"
    ) == {"region"}


def test_terms_come_from_the_declared_taxonomy(loaded, data):
    catalog, counts = loaded
    declared = {(kind, t["code"]) for kind, items in data["taxonomy"].items() for t in items}
    stored = {(r[0], r[1]) for r in catalog.query(
        "SELECT kind, code FROM terms WHERE kind <> 'region'")}
    assert stored == declared
    assert counts["terms"] == len(declared)
    unnamed = catalog.query(
        "SELECT code FROM terms WHERE name_ru IS NULL OR name_be IS NULL OR name_en IS NULL"
    )
    assert unnamed == []


def test_loading_twice_is_refused_and_changes_nothing(loaded):
    catalog, _ = loaded
    before = table_counts(catalog)
    with pytest.raises(CatalogNotEmptyError, match="already holds records"):
        load_starter(catalog)
    assert table_counts(catalog) == before


def test_refused_into_a_catalog_with_one_record(catalog):
    organizations.create(catalog, {"name": "Своя организация", "roles": ["enterprise"]})
    with pytest.raises(CatalogNotEmptyError):
        load_starter(catalog)
    assert catalog.scalar("SELECT count(*) FROM organizations") == 1
    assert catalog.scalar("SELECT count(*) FROM sources") == 0


def test_broken_json_changes_nothing(catalog, tmp_path):
    before = table_counts(catalog)
    broken = tmp_path / "broken.json"
    text = starter_path().read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(StarterFileError, match="broken JSON at line"):
        load_starter(catalog, broken)
    assert table_counts(catalog) == before


def test_not_utf8_is_refused(catalog, tmp_path):
    bad = tmp_path / "cp1251.json"
    bad.write_bytes('{"format": 1, "title": "Каталог"}'.encode("cp1251"))
    with pytest.raises(StarterFileError, match="not UTF-8"):
        load_starter(catalog, bad)
    assert table_counts(catalog)["sources"] == 0


def _write(tmp_path, data):
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_bad_code_in_the_last_record_writes_nothing(catalog, tmp_path, data):
    edited = json.loads(json.dumps(data))
    edited["organizations"][-1]["roles"] = ["resident", "sponsor"]
    edited["projects"][0]["participants"][0]["org"] = "no-such-org"
    edited["indicators"][-1]["value"] = "two"
    before = table_counts(catalog)
    with pytest.raises(StarterFileError) as info:
        load_starter(catalog, _write(tmp_path, edited))
    problems = " | ".join(info.value.problems)
    assert "roles has unknown codes ['sponsor']" in problems
    assert "participants[0]: org refers to unknown organizations 'no-such-org'" in problems
    assert "value must be a number" in problems
    assert table_counts(catalog) == before


def test_unknown_format_and_fields_are_refused(catalog, tmp_path, data):
    newer = dict(data, format=2)
    with pytest.raises(StarterFileError, match="format must be 1"):
        load_starter(catalog, _write(tmp_path, newer))
    typo = json.loads(json.dumps(data))
    typo["organizations"][0]["adress"] = "ул. Несуществующая"
    typo["projects"][0]["sectors"] = ["not-declared"]
    with pytest.raises(StarterFileError) as info:
        load_starter(catalog, _write(tmp_path, typo))
    assert any("unknown field 'adress'" in p for p in info.value.problems)
    assert any("missing from taxonomy.sector" in p for p in info.value.problems)
    assert table_counts(catalog)["organizations"] == 0


def test_failure_while_writing_rolls_everything_back(catalog, tmp_path, data):
    # Valid as a file, but the catalog refuses the second organization with the same UNP.
    edited = json.loads(json.dumps(data))
    edited["organizations"][0]["unp"] = "100000001"
    edited["organizations"][-1]["unp"] = "100000001"
    before = table_counts(catalog)
    with pytest.raises(Exception, match="UNIQUE|already in the catalog"):
        load_starter(catalog, _write(tmp_path, edited))
    assert table_counts(catalog) == before
    assert not catalog.conn.in_transaction
    # And the untouched catalog still takes the real starter afterwards.
    assert load_starter(catalog)["organizations"] == len(data["organizations"])
