"""An import's new organizations indexed from rows made as the file is read:
the index ends as a build from the catalog would make it, and only the
records the reading side could not foresee are indexed from the catalog."""

import pickle

import pytest

from belcat.core import organizations, search_index
from belcat.core.taxonomy import ensure_term
from belcat.services import csv_import
from belcat.services.csv_import import ImportOptions, import_csv
from belcat.services.csv_index import IndexRows


def test_index_rows_cross_processes_whole():
    rows = [(0, "гомсельмаш", "gamselmas", "", "машиностроение"),
            (1, "тэхнасофт", "", "минск", ""),
            (2, "", "x y", "", "z")]
    crossed = pickle.loads(pickle.dumps(IndexRows.of([list(column) for column in zip(*rows)])))
    assert crossed.take({10: 0, 11: 1, 12: 2}) == [(10, *rows[0][1:]), (11, *rows[1][1:]), (12, *rows[2][1:])]
    assert crossed.take({21: 2, 20: 0}) == [(21, *rows[2][1:]), (20, *rows[0][1:])]


@pytest.fixture
def reindexed(monkeypatch):
    """The organization ids indexed from the catalog after the rows are in."""
    ids: list[int] = []
    reindex = search_index.reindex

    def spy(catalog, kind, record_ids, *args, **kwargs):
        record_ids = list(record_ids)
        if kind == "organization":
            ids.extend(record_ids)
        return reindex(catalog, kind, record_ids, *args, **kwargs)
    monkeypatch.setattr(csv_import.search_index, "reindex", spy)
    return ids


def _ids_by_name(catalog) -> dict[str, int]:
    return {r["name"]: r["id"] for r in catalog.query("SELECT id, name FROM organizations")}


def test_new_and_existing_terms_are_foreseen(catalog, tmp_path, reindexed):
    """Sectors the catalog has (by name or code), sectors the import adds
    (one typed twice in other cases: one term), aliases typed twice and
    regions: every new organization is indexed as read."""
    with catalog.write():
        ensure_term(catalog, "sector", "Финтех", code="fintech", name_en="Fintech")
    lines = ["name;sectors;technologies;aliases;region;city"]
    for i in range(300):
        sectors = ["Финтех", "fintech", "Fintech", f"Новая отрасль {i % 7}", f"новая ОТРАСЛЬ {i % 7}"][i % 5]
        lines.append(f"Организация {i};{sectors};Сварка, ИИ;Alias {i}, Alias {i};"
                     f"{['', 'gomel', 'minsk_city'][i % 3]};Гомель")
    path = tmp_path / "orgs.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", separator=", "))
    assert result.applied and result.added == 300, result.problems[:3]
    assert reindexed == []
    assert search_index.stale(catalog) == {}
    assert catalog.scalar("SELECT count(*) FROM terms WHERE kind = 'sector' AND code LIKE 'новая-отрасль-%'") == 7


def test_a_row_naming_a_record_already_there_is_not_indexed_as_read(catalog, tmp_path, reindexed):
    """A row naming a record the catalog holds is skipped or updated: the
    reading side makes no index rows for it, and foresees no ids for its
    new terms."""
    organizations.create(catalog, {"name": "Уже есть"})
    reindexed.clear()
    path = tmp_path / "orgs.csv"
    path.write_text("name;sectors\nУже есть;Отрасль А\nПервая;Отрасль Б\nВторая;Отрасль А\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="skip"))
    assert result.applied and result.added == 2 and result.skipped == 1, result.problems[:3]
    assert reindexed == []
    assert search_index.stale(catalog) == {}


def test_a_skipped_row_puts_the_new_terms_out_of_step(catalog, tmp_path, reindexed):
    """A row repeating a record added by an earlier row of the file is read
    before that row is written: the reading side gives Отрасль А the next
    id, but the row is skipped, so the terms added after it get other ids
    than foreseen, and their records are indexed from the catalog."""
    path = tmp_path / "orgs.csv"
    path.write_text("name;sectors\nПервая;Отрасль Х\nПервая;Отрасль А\nВторая;Отрасль Б\n"
                    "Третья;Отрасль А\nЧетвёртая;\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="skip"))
    assert result.applied and result.added == 4 and result.skipped == 1, result.problems[:3]
    ids = _ids_by_name(catalog)
    assert sorted(reindexed) == sorted([ids["Вторая"], ids["Третья"]])
    assert search_index.stale(catalog) == {}


def test_shared_names_and_updates_are_indexed_from_the_catalog(catalog, tmp_path, reindexed):
    """A sector name two terms answer to, and a record a later row updates
    (the core indexes it; its row made as read is dropped, or the index
    would hold it twice)."""
    with catalog.write():
        ensure_term(catalog, "sector", "Двойное", code="first")
        ensure_term(catalog, "sector", "Другое", code="Двойное")
    path = tmp_path / "orgs.csv"
    path.write_text("\n".join([
        "name;sectors;description",
        "Первая;;",
        "Вторая;Двойное;",
        "Третья;;",
        "Третья;;обновлено",
    ]), encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert result.applied and result.added == 3 and result.updated == 1, result.problems[:3]
    ids = _ids_by_name(catalog)
    assert ids["Вторая"] in reindexed and ids["Первая"] not in reindexed
    assert search_index.stale(catalog) == {}
    assert catalog.scalar("SELECT count(*) FROM search_org WHERE search_org MATCH 'обновлено'") == 1


def test_a_record_a_later_row_updates_in_a_field_the_index_leaves_out_is_indexed(catalog, tmp_path, reindexed):
    """The later row changes only the phone: nothing notes the record for
    reindexing, and its row made as read is dropped; it is indexed from the
    catalog instead."""
    path = tmp_path / "orgs.csv"
    path.write_text("name;unp;phone\nАльфа;190000001;+375 17 111-11-11\nБета;190000002;\n"
                    "Альфа;190000001;+375 17 333-33-33\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert result.applied and result.added == 2 and result.updated == 1, result.problems[:3]
    ids = _ids_by_name(catalog)
    assert ids["Альфа"] in reindexed and ids["Бета"] not in reindexed
    assert search_index.stale(catalog) == {}


def test_a_file_with_relations_is_indexed_once_its_rows_are_in(catalog, tmp_path, monkeypatch):
    rebuilt = []
    monkeypatch.setattr(csv_import.search_index, "rebuild",
                        lambda catalog, progress=None, kinds=None, _rebuild=search_index.rebuild:
                        rebuilt.append(kinds) or _rebuild(catalog, progress, kinds))
    lines = ["name;relations"] + [f"Организация {i};" + (f"cooperation: Организация {i - 1}" if i % 10 == 9 else "")
                                  for i in range(1200)]
    path = tmp_path / "orgs.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert result.applied and result.added == 1200, result.problems[:3]
    assert rebuilt == [["organization"]]  # the projects' index is left as it was
    assert catalog.scalar("SELECT count(*) FROM search_org_text") == 1200
    assert search_index.stale(catalog) == {}


def test_a_dry_run_writes_no_index_rows(catalog, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text("name\n" + "".join(f"Организация {i}\n" for i in range(50)), encoding="utf-8")
    before = catalog.scalar("SELECT count(*) FROM search_org_text")
    result = import_csv(catalog, path, ImportOptions("organizations", dry_run=True))
    assert not result.applied and result.added == 50
    assert catalog.scalar("SELECT count(*) FROM search_org_text") == before


def test_a_replaced_relation_reindexes_its_old_end(catalog, tmp_path):
    """A row that updates an organization replaces its relations: the
    organization at the old end no longer names it in the index."""
    mtz = organizations.create(catalog, {"name": "Минский тракторный завод"})
    soft = organizations.create(catalog, {"name": "Тэхнасофт"})
    organizations.create(catalog, {"name": "Гомсельмаш"})
    organizations.add_relation(catalog, mtz, soft, "adopted")
    path = tmp_path / "orgs.csv"
    path.write_text("name;relations\nМинский тракторный завод;cooperation: Гомсельмаш\n", encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations", duplicates="update"))
    assert result.applied and result.updated == 1, result.problems[:3]
    assert search_index.stale(catalog) == {}
