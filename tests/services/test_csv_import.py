"""CSV import: self-mapping files, encodings and separators, validation with
a report, duplicates, dry runs, broken files, and the round trip through an
export into an empty catalog."""

import codecs
import csv
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belcat.core import organizations, projects, search_index
from belcat.core.catalog import open_catalog
from belcat.core.index_texts import ORG_INDEXED_FIELDS
from belcat.services.csv_columns import all_keys, columns_for
from belcat.services.csv_export import ExportOptions, export_csv
from belcat.services.csv_format import MULTI_SEPARATORS, CsvFormatError
from belcat.services.csv_import import ImportOptions, import_csv
from belcat.services.csv_preview import preview, save_report
from belcat.services.csv_updater import BatchUpdater
from tests.services.csv_helpers import raw_dump, records


def export_both(catalog, folder, preset="excel", separator="; "):
    paths = {}
    for view in ("organizations", "projects"):
        paths[view] = folder / f"{view}-{preset}.csv"
        export_csv(catalog, paths[view], ExportOptions(view, columns=all_keys(view), preset=preset,
                                                       separator=separator))
    return paths


def import_both(catalog, paths, separator="; ", duplicates="skip"):
    for view in ("organizations", "projects"):
        result = import_csv(catalog, paths[view], ImportOptions(view, separator=separator, duplicates=duplicates))
        assert result.applied, result.problems


@pytest.mark.parametrize("preset", ["excel", "rfc4180"])
def test_round_trip_into_an_empty_catalog(filled, tmp_path, preset):
    catalog, _ = filled
    paths = export_both(catalog, tmp_path, preset)
    with open_catalog(tmp_path / "copy.sqlite") as copy:
        import_both(copy, paths)
        assert records(copy) == records(catalog)


def test_file_maps_itself_by_labels_of_both_presets_and_keys(filled, tmp_path):
    catalog, _ = filled
    for preset, header in (("excel", None), ("rfc4180", None), ("rfc4180", "en")):
        path = tmp_path / f"{preset}-{header}.csv"
        options = ExportOptions("projects", columns=all_keys("projects"), preset=preset, header=header)
        export_csv(catalog, path, options)
        assert preview(path, "projects").mapping == options.columns


# --- hostile text round trip --------------------------------------------------

TEXT = st.text(alphabet=st.one_of(
    st.sampled_from(list("\"';,|\n\r\t =+-@ЎўІіЁёъ😀\\—:()")),
    st.characters(blacklist_categories=("Cs", "Cc"))), min_size=1, max_size=14)
NAME = TEXT.map(str.strip).filter(bool)
DETAIL = st.one_of(st.none(), NAME)  # a link's note or product


@st.composite
def catalogs(draw):
    names = draw(st.lists(NAME, min_size=1, max_size=4, unique_by=lambda s: " ".join(s.casefold().replace("ё", "е").split())))
    orgs = []
    for i, name in enumerate(names):
        orgs.append({
            "name": name,
            "unp": draw(st.one_of(st.none(), st.just(f"{100000000 + i}"))),
            "description": draw(st.one_of(st.none(), TEXT)),
            "phone": draw(st.sampled_from([None, "+375 17 123-45-67", "8 029 765 43 21"])),
            "products": draw(st.one_of(st.none(), TEXT)),
            "aliases": draw(st.lists(NAME, max_size=3, unique=True)),
            "sectors": draw(st.lists(NAME.filter(lambda s: any(c.isalnum() for c in s)), max_size=2, unique=True)),
            "roles": draw(st.lists(st.sampled_from(["resident", "enterprise", "research"]), max_size=2, unique=True)),
            "region": draw(st.sampled_from([None, "minsk_city", "gomel"])),
            "htp_since": draw(st.one_of(st.none(), st.dates(date(2005, 9, 22), date(2025, 12, 31)).map(date.isoformat))),
        })
    titles = draw(st.lists(NAME, max_size=2, unique_by=lambda s: " ".join(s.casefold().replace("ё", "е").split())))
    projs = []
    for title in titles:
        projs.append({
            "title": title, "results": draw(st.one_of(st.none(), TEXT)),
            "budget": draw(st.one_of(st.none(), st.integers(0, 10**11).map(lambda c: c / 100))),
            "participants": draw(st.lists(st.tuples(st.integers(0, len(orgs) - 1),
                                                    st.sampled_from(["developer", "customer"]), DETAIL),
                                          max_size=3, unique_by=lambda p: p[:2])),
        })
    relations = draw(st.lists(st.tuples(st.integers(0, len(orgs) - 1), st.integers(0, len(orgs) - 1),
                                        DETAIL, DETAIL), max_size=2))
    return orgs, projs, relations


def _fill(catalog, data):
    orgs, projs, relations = data
    ids = [organizations.create(catalog, o) for o in orgs]
    for p in projs:
        participants = [{"org_id": ids[i], "role": r, "note": note} for i, r, note in p.pop("participants")]
        projects.create(catalog, {**p, "participants": participants})
    for a, b, product, note in relations:
        if a != b:
            organizations.add_relation(catalog, ids[a], ids[b], "cooperation", product=product, note=note)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=catalogs(), preset=st.sampled_from(["excel", "rfc4180"]),
       separator=st.sampled_from(list(MULTI_SEPARATORS.values())))
def test_round_trip_with_hostile_text(tmp_path_factory, data, preset, separator):
    folder = tmp_path_factory.mktemp("rt")
    with open_catalog(folder / "a.sqlite") as original, open_catalog(folder / "b.sqlite") as copy:
        _fill(original, data)
        paths = export_both(original, folder, preset, separator)
        import_both(copy, paths, separator)
        assert records(copy) == records(original)
        assert search_index.stale(copy) == {}
        # The same files again, updating what is there: the records stay as they are.
        import_both(copy, paths, separator, duplicates="update")
        assert records(copy) == records(original)
        assert search_index.stale(copy) == {}


def test_a_large_import_leaves_each_record_indexed_by_its_final_text(catalog, tmp_path):
    """A large import builds the index in bulk: records linked by later rows
    and a record updated by a later row are indexed as they end up."""
    regions = ["", "gomel", "minsk_city", "brest"]
    sectors = ["Искусственный интеллект", "Информационные технологии", "Финтех", "Сварка"]
    lines = ["name,name_be,name_en,full_name,legal_form,unp,region,city,address,sectors,"
             "technologies,aliases,products,description,website,email,relations"]
    for i in range(1500):
        relation = f"cooperation: Организация {i - 7}" if i % 50 == 7 else ""
        lines.append(",".join([
            f"Организация {i}", f"Арганізацыя {i}" if i % 3 else "", f"Org {i}" if i % 2 else "",
            f'"ООО «Организация {i}», г. Минск"' if i % 5 == 0 else "", "ООО" if i % 4 else "",
            f"{190000000 + i}" if i % 6 else "", regions[i % 4], "Гомель" if i % 7 else "",
            f'"ул. Ўзгорная, {i}"' if i % 9 == 0 else "",
            f'"{sectors[i % 4]}; {sectors[(i + 3) % 4]}"' if i % 2 else sectors[i % 4], "Сварка; ИИ" if i % 11 else "",
            f'"Alias {i}; Alias {i}; Іншая {i}"' if i % 8 == 0 else "", f"Продукт №{i}",
            '"Описание, с ""кавычками"" и\nпереносом"' if i % 10 == 0 else "",
            f"https://org{i}.by.example", f"org{i}@example.by" if i % 3 == 0 else "", relation]))
    lines.append("Организация 3,,Org Three,,,,gomel,,,Финтех,,,,,,,")  # updates the row above
    path = tmp_path / "orgs.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert result.applied and result.added == 1500 and result.updated == 1, result.problems
    assert search_index.stale(catalog) == {}
    assert catalog.scalar("SELECT name_en FROM organizations WHERE name = 'Организация 3'") == "Org Three"


# --- reading other people's files ----------------------------------------------

def test_cp1251_semicolon_file_with_labels(catalog, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("Название;УНП;Регион;Роли\r\nМинский тракторный завод;100000001;Минск;Enterprise\r\n"
                     "Белшина;700068910;гомельская область;\r\n".encode("cp1251"))
    first = preview(path, "enterprises")
    assert first.dialect.encoding == "cp1251" and first.dialect.delimiter == ";"
    assert first.mapping == ["name", "unp", "region", "roles"]
    result = import_csv(catalog, path, ImportOptions("enterprises"))
    assert result.applied and result.added == 2
    rows = catalog.query("SELECT name, unp FROM organizations ORDER BY unp")
    assert [tuple(r) for r in rows] == [("Минский тракторный завод", "100000001"), ("Белшина", "700068910")]
    # imported into the Enterprises list: every new organization is an enterprise
    assert catalog.scalar("SELECT count(*) FROM organization_roles WHERE role = 'enterprise'") == 2


def test_utf8_bom_comma_file(catalog, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + "name,city\nТэхнасофт ўі,Мінск\n".encode())
    assert import_csv(catalog, path, ImportOptions("organizations")).added == 1
    assert catalog.scalar("SELECT city FROM organizations") == "Мінск"


def test_an_empty_demo_data_cell_reads_as_no(catalog, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("name;is_demo\nНастоящая;\nДемо;1\nНе число;2\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert [(p.row, p.field, p.message) for p in result.errors] == [(4, "is_demo", "Write 0 (no) or 1 (yes).")]
    path.write_text("name;is_demo\nНастоящая;\nДемо;1\n", encoding="utf-8")
    assert import_csv(catalog, path, ImportOptions("organizations")).added == 2
    assert dict(catalog.conn.execute("SELECT name, is_demo FROM organizations").fetchall()) == {
        "Настоящая": 0, "Демо": 1}


def test_rows_imported_into_a_role_list_keep_their_own_roles(catalog, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("name,roles\nЗавод без ролей,\nЗавод,enterprise\n", encoding="utf-8")
    assert import_csv(catalog, path, ImportOptions("residents")).added == 2
    roles = dict(catalog.conn.execute(
        "SELECT o.name, group_concat(r.role) FROM organizations o "
        "JOIN organization_roles r ON r.org_id = o.id GROUP BY o.id").fetchall())
    assert roles == {"Завод без ролей": "resident", "Завод": "enterprise"}


def test_validation_report_and_nothing_changes(filled, tmp_path):
    catalog, _ = filled
    before = raw_dump(catalog)
    path = tmp_path / "bad.csv"
    path.write_text("name;unp;region;email;htp_since;roles\n"
                    "Новая;12345;Минск;x@y.by;01.01.2020;resident\n"
                    ";;;;;\n"
                    "Ещё;123456789;Атлантида;без-собаки;31.02.2020;pirate\n"
                    ";123456788;;;;\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert not result.applied
    found = {(p.row, p.field) for p in result.errors}
    assert found == {(2, "unp"), (4, "region"), (4, "email"), (4, "htp_since"), (4, "roles"), (5, "name")}
    assert "9 digits" in next(p.message for p in result.errors if p.field == "unp")
    assert raw_dump(catalog) == before
    report = tmp_path / "report.csv"
    save_report(result.problems, report, catalog.path)
    with pytest.raises(OSError, match="the catalog itself"):
        save_report(result.problems, catalog.path, catalog.path)
    assert raw_dump(catalog) == before
    assert report.read_text(encoding="utf-8-sig").splitlines()[0] == "Row;Field;Level;Message"


def test_columns_left_out_of_a_guessed_mapping_are_reported(catalog, tmp_path):
    path = tmp_path / "extra.csv"
    # ID and Изменено are written by an export and never read back: no warning for them.
    path.write_text("ID;Название;Заметка;Название;;Город;Изменено\n7;Новая;x;Другая;;Минск;01.01.2026 10:00:00\n",
                    encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert result.applied and result.added == 1
    assert [(p.row, p.level, p.message) for p in result.problems] == [
        (1, "warning", "column 3 ('Заметка') is not imported: its name matches no field"),
        (1, "warning", "column 4 ('Название') is not imported: an earlier column gives the same field")]
    chosen = import_csv(catalog, path, ImportOptions("organizations", duplicates="update",
                                                     mapping=[None, "name", None, None, None, "city", None]))
    assert chosen.applied and not chosen.problems  # a mapping chosen by a person is not second-guessed


def test_the_report_names_fields_as_the_file_does(catalog, tmp_path):
    path = tmp_path / "ru.csv"
    path.write_text("Название; УНП ;Электронная почта\nНовая;12345;x@y.by\nЕщё;123456789;без-собаки\n",
                    encoding="utf-8-sig")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert [(p.row, p.field, p.where) for p in result.errors] == [(2, "unp", "УНП"), (3, "email", "Электронная почта")]
    report = tmp_path / "report.csv"
    save_report(result.problems, report, catalog.path)
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("2;УНП;error;") and lines[2].startswith("3;Электронная почта;error;")


def test_duplicates_skip_update_add(filled, tmp_path):
    catalog, ids = filled
    path = tmp_path / "dup.csv"
    path.write_text("name,unp,city\nГомсельмаш Холдинг,400069905,Gomel\nминский  тракторный завод,,Минск\n",
                    encoding="utf-8")
    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="skip"))
    assert (result.added, result.skipped, result.applied) == (0, 2, True)
    assert raw_dump(catalog) == before

    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.updated, result.added) == (2, 0)
    assert organizations.get(catalog, ids["gomselmash"])["name"] == "Гомсельмаш Холдинг"
    assert organizations.get(catalog, ids["mtz"])["city"] == "Минск"

    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="add"))
    assert not result.applied and "UNP 400069905" in result.errors[0].message
    assert raw_dump(catalog) == before


def test_an_update_keeps_what_the_file_leaves_empty(filled, tmp_path):
    catalog, ids = filled
    gomselmash = organizations.get(catalog, ids["gomselmash"])
    path = tmp_path / "partial.csv"
    path.write_text("name,unp,city,phone,aliases,relations\nГомсельмаш,400069905,,+375 232 00-00-00,,\n",
                    encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.updated, result.applied) == (1, True)
    after = organizations.get(catalog, ids["gomselmash"])
    assert after["phone"] == "+375 232 00-00-00"
    for kept in ("city", "aliases", "relations", "description"):
        assert after[kept] == gomselmash[kept] and after[kept], kept


def test_records_an_import_updates_are_indexed_in_one_pass_at_the_end(filled, tmp_path, monkeypatch):
    catalog, ids = filled
    calls = []
    reindex = search_index.reindex

    def counted(catalog_, kind, record_ids, *args, **kw):
        calls.append((kind, sorted(record_ids)))
        return reindex(catalog_, kind, record_ids, *args, **kw)
    monkeypatch.setattr(search_index, "reindex", counted)
    path = tmp_path / "rename.csv"
    path.write_text("name,unp,city\nГомсельмаш Холдинг,400069905,\nМинский тракторный завод,,Минск\n",
                    encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.updated, result.applied) == (2, True)
    # Each kind once: the two organizations (and their partner), then the project naming Гомсельмаш.
    assert calls == [("organization", sorted([ids["gomselmash"], ids["mtz"], ids["soft"]])),
                     ("project", [ids["welding"]])]
    assert search_index.stale(catalog) == {}


def test_an_update_of_most_organizations_rebuilds_their_index_alone(filled, tmp_path, monkeypatch):
    """2,500 rows over more than one chunk: the updated organizations are
    written by the batch, and their index is built afresh; the projects'
    index is left as it was, but for the project naming a renamed one."""
    catalog, ids = filled
    path = tmp_path / "many.csv"
    rows = [f"Завод {n},{500000000 + n},Брест,Машиностроение" for n in range(2500)]
    path.write_text("name,unp,city,sectors\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert import_csv(catalog, path, ImportOptions("organizations")).added == 2500
    rows = [f"Завод {n},{500000000 + n},{'Пинск' if n % 2 else 'Брест'},Металлургия" for n in range(2500)]
    # The last row puts back the city a row of the first chunk changed.
    rows += ["Гомсельмаш Холдинг,400069905,,", "Завод 1,500000001,Брест,Металлургия"]
    path.write_text("name,unp,city,sectors\n" + "\n".join(rows) + "\n", encoding="utf-8")
    rebuilt, reindexed = [], []
    rebuild, reindex = search_index.rebuild, search_index.reindex
    monkeypatch.setattr(search_index, "rebuild", lambda c, p=None, kinds=None: rebuilt.append(kinds)
                        or rebuild(c, p, kinds))
    monkeypatch.setattr(search_index, "reindex", lambda c, kind, ids_, p=None: reindexed.append((kind, set(ids_)))
                        or reindex(c, kind, ids_, p))
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.applied, result.updated, result.added) == (True, 2502, 0), result.problems
    assert rebuilt == [["organization"]] and reindexed == [("project", {ids["welding"]})]
    assert search_index.stale(catalog) == {}
    found = catalog.conn.execute(
        "SELECT count(*), sum(o.city = 'Пинск'), sum(o.version) FROM organizations o "
        "JOIN organization_terms x ON x.org_id = o.id JOIN terms t ON t.id = x.term_id "
        "WHERE o.name LIKE 'Завод %' AND t.name_ru = 'Металлургия'").fetchone()
    assert tuple(found) == (2500, 1249, 2 * 2500 + 1)
    assert organizations.get(catalog, ids["gomselmash"])["name"] == "Гомсельмаш Холдинг"


# Every column an organization's row may update, except relations (links go
# through the core's update as before).
_UPDATABLE = [c.key for c in columns_for("organizations") if c.importable and c.key != "relations"]


@pytest.mark.parametrize("view", ["organizations", "projects"])
def test_a_re_imported_export_leaves_the_catalog_as_it_was(filled, tmp_path, view):
    catalog, _ids = filled
    path = tmp_path / "again.csv"
    keys = _UPDATABLE if view == "organizations" else [
        c.key for c in columns_for(view) if c.importable and c.key != "participants"]
    export_csv(catalog, path, ExportOptions(view, columns=keys))
    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions(view, duplicates="update"))
    assert result.applied and result.updated == 0 and result.unchanged == result.rows > 0
    assert "unchanged" in result.summary()
    assert raw_dump(catalog) == before  # no version bump, no new "updated" time


_EDITS = [
    ("name", "Гомсельмаш Холдинг", "Гомсельмаш Холдинг"),
    ("full_name", "ОАО «Гомсельмаш» (холдинг)", "ОАО «Гомсельмаш» (холдинг)"),
    ("name_be", "Гомсельмаш (па-беларуску)", "Гомсельмаш (па-беларуску)"),
    ("name_en", "Gomselmash Holding", "Gomselmash Holding"),
    ("aliases", "Gomselmash; ГСМ;; завод; GSM", ["Gomselmash", "ГСМ; завод", "GSM"]),
    ("aliases", "ГСМ;; завод; Gomselmash", ["ГСМ; завод", "Gomselmash"]),  # order kept
    ("legal_form", "ЗАО", "ЗАО"),
    ("roles", "Предприятие; Госорган", ["enterprise", "government"]),
    ("region", "Минская область", "minsk"),
    ("city", "Жлобин", "Жлобин"),
    ("address", "ул. Шоссейная, 41", "ул. Шоссейная, 41"),
    ("website", "https://gomselmash.by", "https://gomselmash.by"),
    ("email", "info@gomselmash.by", "info@gomselmash.by"),
    ("phone", "'+375 232 00-00-00", "+375 232 00-00-00"),
    ("sectors", "Машиностроение; Металлургия", ["Машиностроение", "Металлургия"]),
    ("technologies", "Робототехника", ["Робототехника"]),
    ("countries", "Казахстан; Россия", ["Казахстан", "Россия"]),
    ("products", "комбайны КЗС-1218", "комбайны КЗС-1218"),
    ("htp_since", "02.05.2019", "2019-05-02"),
    ("htp_status", "резидент с 2019 года", "резидент с 2019 года"),
    ("size_band", "Large (over 250)", "large"),
    ("description", "Новое описание; «кавычки»", "Новое описание; «кавычки»"),
    ("source_note", "пресс-релиз", "пресс-релиз"),
    ("verified_on", "01.02.2024", "2024-02-01"),
    ("is_demo", "1", 1),
]


def test_the_edits_cover_every_column_an_update_may_write():
    # A UNP finds the record: a row cannot change it.
    assert {key for key, _, _ in _EDITS} == set(_UPDATABLE) - {"unp"}


@pytest.mark.parametrize("key, cell, stored", _EDITS)
def test_each_edited_cell_of_a_re_imported_export_is_written(filled, tmp_path, monkeypatch, key, cell, stored):
    catalog, ids = filled
    path = tmp_path / "edited.csv"
    export_csv(catalog, path, ExportOptions("organizations", columns=_UPDATABLE),
               ids=[ids["gomselmash"]])
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh, delimiter=";"))
    row[_UPDATABLE.index(key)] = cell
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, row])
    before = organizations.get(catalog, ids["gomselmash"])
    indexed, reindex = [], search_index.reindex
    monkeypatch.setattr(search_index, "reindex", lambda *a, **k: indexed.extend(a[2]) or reindex(*a, **k))
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.applied, result.updated, result.unchanged) == (True, 1, 0), result.problems
    after = organizations.get(catalog, ids["gomselmash"])
    got = after[key]
    assert (sorted(got) if key in ("roles", "sectors", "countries") else got) == stored
    assert after["version"] == before["version"] + 1
    changed = {k for k in after if after[k] != before[k]}
    assert changed <= {key, "version", "updated_at", "region_id", "region_name"}
    # The search index is touched only for a field it holds, and is up to date.
    assert bool(indexed) == (key in ORG_INDEXED_FIELDS)
    assert search_index.stale(catalog) == {}


def test_a_later_row_that_puts_a_value_back_is_written(filled, tmp_path):
    catalog, ids = filled
    path = tmp_path / "back.csv"
    # The first row also replaces the relations (so it is written without a comparison).
    path.write_text("name,unp,city,relations\nГомсельмаш,400069905,Жлобин,adopted: Минский тракторный завод\n"
                    "Гомсельмаш,400069905,Гомель,\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert (result.updated, result.unchanged) == (2, 0)
    assert organizations.get(catalog, ids["gomselmash"])["city"] == "Гомель"


@pytest.mark.parametrize("duplicates", ["skip", "update"])
def test_rows_that_name_one_record_twice_are_reported(filled, tmp_path, duplicates):
    catalog, ids = filled
    path = tmp_path / "twice.csv"
    path.write_text("name,unp,city\nНовый завод,100000009,Брест\nГомсельмаш,400069905,Гомель-1\n"
                    "Новый завод,100000009,Пинск\nГомсельмаш,400069905,Гомель-2\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates=duplicates))
    assert result.applied
    warnings = [(p.row, p.message) for p in result.problems if p.level == "warning"]
    outcome = "skipped" if duplicates == "skip" else "its values replace that row's"
    expected = [(4, f"the same organization as row 2: {outcome}")]
    if duplicates == "update":
        expected.append((5, f"the same organization as row 3: {outcome}"))
    assert warnings == expected
    city = "Гомель-2" if duplicates == "update" else "Гомель"
    assert organizations.get(catalog, ids["gomselmash"])["city"] == city
    # The record an earlier row added is updated by the later one.
    assert catalog.scalar("SELECT city FROM organizations WHERE unp = '100000009'") == (
        "Пинск" if duplicates == "update" else "Брест")


def test_dry_run_changes_nothing(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "new.csv"
    path.write_text("title,programme,participants\nНовый проект,Новая программа,partner: Гомсельмаш\n",
                    encoding="utf-8")
    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions("projects", dry_run=True))
    assert result.added == 1 and not result.applied and not result.errors
    assert any(p.level == "warning" and p.field == "programme" for p in result.problems)
    assert raw_dump(catalog) == before


def test_links_by_unp_and_unknown_names(filled, tmp_path):
    catalog, ids = filled
    path = tmp_path / "p.csv"
    path.write_text("title,participants\nА,customer: Другое имя (УНП 400069905)\n"
                    "Б,developer: Нет такой\n", encoding="utf-8")
    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions("projects"))
    assert [(p.row, p.field) for p in result.errors] == [(3, "participants")]
    assert "Нет такой" in result.errors[0].message
    assert raw_dump(catalog) == before


@pytest.mark.parametrize("bytes_per_record, checked_at_each_row", [(0, 0), (10**9, 1)])
def test_a_large_import_checks_foreign_keys_once(filled, tmp_path, monkeypatch,
                                                 bytes_per_record, checked_at_each_row):
    catalog, ids = filled
    monkeypatch.setattr("belcat.services.csv_import.BULK_BYTES_PER_RECORD", bytes_per_record)
    path = tmp_path / "p.csv"
    path.write_text("title,participants,technologies\n"
                    "Новый проект,customer: Другое имя (УНП 400069905),Сварка\n", encoding="utf-8")
    seen = []
    result = import_csv(catalog, path, ImportOptions("projects"),
                        progress=lambda *_: seen.append(catalog.scalar("PRAGMA foreign_keys")))
    assert result.applied, result.problems
    assert set(seen) == {checked_at_each_row}
    assert catalog.scalar("PRAGMA foreign_keys") == 1
    assert catalog.query("PRAGMA foreign_key_check") == []
    assert catalog.scalar("SELECT count(*) FROM project_participants pp JOIN projects p "
                          "ON p.id = pp.project_id WHERE p.title = 'Новый проект'") == 1


def test_cancel_rolls_back(filled, tmp_path, monkeypatch):
    catalog, _ = filled
    monkeypatch.setattr("belcat.services.csv_rows.CHUNK", 2)
    path = tmp_path / "many.csv"
    path.write_text("name\n" + "".join(f"Орг {i}\n" for i in range(10)), encoding="utf-8")
    before = raw_dump(catalog)
    result = import_csv(catalog, path, ImportOptions("organizations"), cancelled=lambda: True)
    assert result.cancelled and not result.applied
    assert raw_dump(catalog) == before


def test_cancel_while_the_search_index_is_updated_rolls_back(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "many.csv"
    path.write_text("name\n" + "".join(f"Орг {i}\n" for i in range(10)), encoding="utf-8")
    before = raw_dump(catalog)
    stages, reports = [], []
    result = import_csv(catalog, path, ImportOptions("organizations"),
                        progress=lambda done, total: reports.append((stages[:], done, total)),
                        cancelled=lambda: bool(stages), stage=stages.append)
    assert stages == ["index"]
    assert reports[-1] == (["index"], 10, 10)  # the ten new records indexed, then cancelled
    assert result.cancelled and not result.applied
    assert raw_dump(catalog) == before


def test_crash_half_way_rolls_back(filled, tmp_path, monkeypatch):
    catalog, _ = filled
    path = tmp_path / "many.csv"
    path.write_text("name\n" + "".join(f"Орг {i}\n" for i in range(10)), encoding="utf-8")
    before = raw_dump(catalog)
    calls = []

    def crash(done, total):
        calls.append(done)
        raise RuntimeError("power cut")
    monkeypatch.setattr("belcat.services.csv_rows.CHUNK", 3)
    with pytest.raises(RuntimeError):
        import_csv(catalog, path, ImportOptions("organizations"), progress=crash)
    assert calls and raw_dump(catalog) == before


BROKEN = {
    "empty": (b"", "empty"),
    "blank": (b"  \r\n\r\n", "empty"),
    "binary": (bytes(range(256)) * 20, "binary"),
    "zip": (b"PK\x03\x04" + b"\x00" * 100, "binary"),
    "header only": ("name;city\r\n".encode(), "no records"),
    "ragged": ("name;city\r\nА;Б;В\r\nГ\r\n".encode(), "fields"),
    "wrong encoding later": ("name\n".encode() + "Минск\n".encode() * 20000 + b"\xff\xfe\xfa\n", "not valid"),
    "huge line": (b"name\n\"" + b"x" * 1_100_000 + b"\"\n", "longer than"),
    "no name column": ("city;phone\r\nМинск;1\r\n".encode(), "required"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_give_a_message_and_change_nothing(filled, tmp_path, case):
    catalog, _ = filled
    content, words = BROKEN[case]
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    before = raw_dump(catalog)
    try:
        result = import_csv(catalog, path, ImportOptions("organizations"))
    except (CsvFormatError, ValueError) as exc:
        message = str(exc)
    else:
        assert not result.added
        message = "; ".join(p.message for p in result.problems)
    assert words in message
    assert raw_dump(catalog) == before


def test_rows_meet_the_same_rules_as_the_forms(filled, tmp_path):
    """Import checks each row with the catalog's field rules, so a value the
    form refuses (phone, web address, a date before the HTP existed, years in
    the wrong order) is reported by row and field, and nothing is written."""
    catalog, _ = filled
    before = raw_dump(catalog)
    path = tmp_path / "rules.csv"
    path.write_text("name;phone;website;htp_since\n"
                    "Первая;+375 17 123-45-67;https://first.by;01.06.2010\n"
                    "Вторая;12;first dot by;01.06.2001\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert {(p.row, p.field) for p in result.errors} == {(3, "phone"), (3, "website"), (3, "htp_since")}
    assert not result.applied and raw_dump(catalog) == before
    path = tmp_path / "years.csv"
    path.write_text("title;start_year;end_year;jobs_created\nПроект;2024;2020;-3\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("projects"))
    assert {(p.row, p.field) for p in result.errors} == {(2, "end_year"), (2, "jobs_created")}


@given(st.text(alphabet=st.sampled_from(list("АаЁёЕеBbz «»\"'“”„’;,-\t\n\u00a0ßİ")), max_size=40))
def test_the_name_key_for_duplicates_sets_case_yo_quotes_and_spacing_aside(text):
    from belcat.services.csv_cells import fold

    expected = " ".join(text.casefold().replace("ё", "е").translate(str.maketrans("", "", "«»\"'“”„")).split())
    assert fold(text) == expected
    assert fold(fold(text)) == fold(text)


def test_names_that_differ_only_in_case_quotes_or_spacing_are_duplicates():
    from belcat.services.csv_cells import fold

    assert fold('ОАО «Гомсельмаш»') == fold('оао  "Гомсельмаш"') == fold("ОАО „Гомсельмаш“")
    assert fold("Ёлка") == fold("елка")
    assert fold("А;Б") != fold("А,Б")


def _indexes(catalog):
    return catalog.conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' "
                                "ORDER BY name").fetchall()


@pytest.mark.parametrize("view", ["organizations", "projects"])
def test_a_large_import_makes_the_indexes_after_the_rows_and_leaves_them_as_they_were(
        filled, tmp_path, monkeypatch, view):
    catalog, ids = filled
    monkeypatch.setattr("belcat.services.csv_import.BULK_BYTES_PER_RECORD", 0)
    before = _indexes(catalog)
    dropped = []

    def seen(*_):  # while the rows are read: the tables' plain indexes are set aside
        dropped.append({row[0] for row in before} - {row[0] for row in _indexes(catalog)})
    path = tmp_path / "rows.csv"
    if view == "organizations":
        path.write_text("name,unp,sectors,aliases\nНовая,190000001,ИИ,Новая-алиас\n", encoding="utf-8")
    else:
        path.write_text("title,participants,technologies\nПроект 1,customer: Гомсельмаш,Сварка\n",
                        encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions(view), progress=seen)
    assert result.applied, result.problems
    assert ("organizations_name" if view == "organizations" else "projects_title") in dropped[0]
    assert _indexes(catalog) == before
    # A record already there is updated by the batch or through the core:
    # either reads and writes by the indexes.
    if view == "organizations":
        path.write_text("name,unp,aliases\nГомсельмаш,400069905,Gomselmash-2\n", encoding="utf-8")
    else:
        path.write_text("title,participants,technologies\nПроект 1,developer: Гомсельмаш,Сварка\n",
                        encoding="utf-8")
    owner, name = (BatchUpdater, "flush") if view == "organizations" else (projects, "update")
    update, indexed = getattr(owner, name), []

    def checked(*a, **k):
        if not isinstance(a[0], BatchUpdater) or a[0].pending:
            indexed.append(_indexes(catalog) == before)
        return update(*a, **k)
    monkeypatch.setattr(owner, name, checked)
    result = import_csv(catalog, path, ImportOptions(view, duplicates="update"))
    assert result.applied and result.updated == 1, result.problems
    assert indexed == [True] and _indexes(catalog) == before
    # A file with an error: rolled back, indexes and all.
    path.write_text("name,unp\nПлохая,12\n" if view == "organizations" else "title,start_year\nП,1800\n",
                    encoding="utf-8")
    dump = raw_dump(catalog)
    assert not import_csv(catalog, path, ImportOptions(view)).applied
    assert _indexes(catalog) == before and raw_dump(catalog) == dump


def test_the_objects_made_before_an_import_are_set_aside_from_the_collector_only_while_it_runs(
        filled, tmp_path):
    import gc

    catalog, _ = filled
    path = tmp_path / "a.csv"
    path.write_text("name\nОрг 1\n", encoding="utf-8")
    frozen = []
    assert import_csv(catalog, path, ImportOptions("organizations"),
                      progress=lambda *_: frozen.append(gc.get_freeze_count())).applied
    assert frozen and min(frozen) > 0 and gc.get_freeze_count() == 0
    path.write_text("name;unp\nОрг 2;12\n", encoding="utf-8")
    assert not import_csv(catalog, path, ImportOptions("organizations")).applied
    assert gc.get_freeze_count() == 0
    path.write_bytes(b"\x00" * 10)
    with pytest.raises(CsvFormatError):
        import_csv(catalog, path, ImportOptions("organizations"))
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("records_before, journal", [(0, "delete"), (1000, "wal")])
def test_only_a_new_catalog_is_filled_through_a_rollback_journal(tmp_path, monkeypatch, records_before, journal):
    """The rollback journal keeps other programs out until the commit: a
    catalog that already holds records keeps its WAL, and readers with it."""
    from belcat.core.catalog import open_catalog

    monkeypatch.setattr("belcat.services.csv_import.BULK_BYTES_PER_RECORD", 0)
    path = tmp_path / "rows.csv"
    path.write_text("name\nНовая организация\n", encoding="utf-8")
    with open_catalog(tmp_path / "c.sqlite") as cat:
        if records_before:
            with cat.write():  # the largest id stands for the records there are
                cat.conn.execute("INSERT INTO organizations (id, name, created_at, updated_at) "
                                 "VALUES (?, 'Есть', '', '')", [records_before])
        seen = set()
        result = import_csv(cat, path, ImportOptions("organizations"),
                            progress=lambda *_: seen.add(cat.scalar("PRAGMA journal_mode")))
        assert result.applied
        assert seen == {journal}
        assert cat.scalar("PRAGMA journal_mode") == "wal"
