"""Rows of a large import read in a second process: the same problems and
the same catalog as when they are read in one, a fallback when that
process dies, and Cancel still rolls everything back."""

import os

import pytest

from belcat.core import organizations
from belcat.core.catalog import open_catalog
from belcat.services import csv_rows
from belcat.services.csv_import import ImportOptions, import_csv
from tests.services.csv_helpers import raw_dump, records

MIXED = "\n".join(
    ["name;unp;region;email;htp_since;roles;relations"]
    + [f"Организация «{i}»;{100_000_000 + i};Минск;info{i}@org{i}.by;01.03.2015;resident;" for i in range(240)]
    + [
        "Гомсельмаш;400069905;;;;enterprise;",  # already in the catalog: updated
        "Плохой УНП;12345;Минск;;;resident;",
        "Нет такой области;100000900;Атлантида;;;resident;",
        ";100000901;;;;;",  # no name
        "Лишние поля;100000902;Минск;;;resident;;;x",
        "Дата;100000903;Минск;;31.02.2020;pirate;",
        "Со связью;100000904;Минск;;;resident;adopted: Гомсельмаш",
        "Связь в никуда;100000905;Минск;;;resident;adopted: Нет такой",
    ]) + "\n"
CLEAN = "\n".join(["name;unp;roles"] + [f"Орг {i};{200_000_000 + i};resident" for i in range(100)]) + "\n"


def _import(tmp_path, name, parallel: bool, monkeypatch, text=MIXED, **kw):
    """Import ``text`` into a small catalog: (result, dump before, dump after, records)."""
    monkeypatch.setattr(csv_rows, "PARALLEL_MIN_BYTES", 0 if parallel else 10**12)
    monkeypatch.setattr(csv_rows, "CHUNK", 7)  # many chunks, several in flight
    path = tmp_path / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    with open_catalog(tmp_path / name) as cat:
        organizations.create(cat, {"name": "Гомсельмаш", "unp": "400069905", "roles": ["enterprise"]})
        before = raw_dump(cat)
        result = import_csv(cat, path, ImportOptions("organizations", duplicates="update"), **kw)
        return result, before, raw_dump(cat), records(cat)


def _without_stamps(dump):
    return {t: [tuple(v for v in row if not (isinstance(v, str) and v[:2] == "20" and "T" in v))
                for row in rows] for t, rows in dump.items()}


_PARENT = os.getpid()
_READ = csv_rows.RowReader.chunk
NOTES = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"belcat-readers-{_PARENT}.txt")


def _read_and_note(reader, batch):
    with open(NOTES, "a") as fh:
        fh.write(f"{os.getpid()}\n")
    return _READ(reader, batch)


_CHILD_CHUNKS = [0]


def _read_three_then_die(reader, batch):
    if os.getpid() != _PARENT:
        _CHILD_CHUNKS[0] += 1
        if _CHILD_CHUNKS[0] > 3:
            os._exit(1)
    return _read_and_note(reader, batch)


def test_rows_read_in_a_second_process_give_the_same_problems_and_catalog(tmp_path, monkeypatch):
    serial, _, serial_dump, serial_records = _import(tmp_path, "a.sqlite", False, monkeypatch)
    monkeypatch.setattr(csv_rows.RowReader, "chunk", _read_and_note)
    if os.path.exists(NOTES):
        os.remove(NOTES)
    try:
        parallel, _, parallel_dump, parallel_records = _import(tmp_path, "b.sqlite", True, monkeypatch)
        with open(NOTES) as fh:
            assert set(fh.read().split()) - {str(_PARENT)}  # another process read the rows
    finally:
        if os.path.exists(NOTES):
            os.remove(NOTES)
    assert parallel.problems == serial.problems
    assert {(p.row, p.field) for p in serial.errors} == {
        (243, "unp"), (244, "region"), (245, "name"), (246, ""), (247, "htp_since"), (247, "roles"),
        (249, "relations")}
    assert [p.row for p in parallel.problems] == sorted(p.row for p in parallel.problems)
    assert (parallel.rows, parallel.added, parallel.updated) == (serial.rows, serial.added, serial.updated)
    assert not parallel.applied  # errors: nothing written
    assert _without_stamps(parallel_dump) == _without_stamps(serial_dump)
    assert parallel_records == serial_records


def test_a_file_without_errors_is_written_the_same(tmp_path, monkeypatch):
    serial, _, _, serial_records = _import(tmp_path, "a.sqlite", False, monkeypatch, CLEAN)
    parallel, _, _, parallel_records = _import(tmp_path, "b.sqlite", True, monkeypatch, CLEAN)
    assert parallel.applied and parallel.added == serial.added == 100
    assert parallel_records == serial_records


def test_rows_are_read_here_when_the_second_process_dies(tmp_path, monkeypatch):
    serial, _, serial_dump, _ = _import(tmp_path, "a.sqlite", False, monkeypatch, CLEAN)
    monkeypatch.setattr(csv_rows.RowReader, "chunk", _read_three_then_die)
    if os.path.exists(NOTES):
        os.remove(NOTES)
    try:
        parallel, _, parallel_dump, _ = _import(tmp_path, "b.sqlite", True, monkeypatch, CLEAN)
        with open(NOTES) as fh:
            readers = fh.read().split()
    finally:
        if os.path.exists(NOTES):
            os.remove(NOTES)
    child = (set(readers) - {str(_PARENT)}).pop()
    assert readers[:3] == [child] * 3 and set(readers[3:]) == {str(_PARENT)}  # the rest read here
    assert parallel.applied and parallel.problems == serial.problems
    assert parallel.added == serial.added == 100
    assert _without_stamps(parallel_dump) == _without_stamps(serial_dump)


@pytest.mark.parametrize("parallel", [False, True])
def test_cancel_rolls_back_wherever_the_rows_are_read(tmp_path, monkeypatch, parallel):
    result, before, after, _ = _import(tmp_path, "c.sqlite", parallel, monkeypatch, CLEAN,
                                       cancelled=lambda: True)
    assert result.cancelled and not result.applied
    assert after == before


@pytest.mark.parametrize("parallel", [False, True])
def test_a_file_that_breaks_half_way_gives_the_same_message_and_changes_nothing(
        tmp_path, monkeypatch, parallel):
    from belcat.services.csv_format import CsvFormatError

    good = "\n".join(["name;unp;roles"] + [f"Орг {i};{200_000_000 + i};resident" for i in range(5000)])
    broken = good.encode() + b"\n\xff\xfe;1;resident\n"  # not UTF-8, beyond what is sniffed
    path = tmp_path / "broken.csv"
    path.write_bytes(broken)
    monkeypatch.setattr(csv_rows, "PARALLEL_MIN_BYTES", 0 if parallel else 10**12)
    monkeypatch.setattr(csv_rows, "CHUNK", 7)
    with open_catalog(tmp_path / "c.sqlite") as cat:
        before = raw_dump(cat)
        with pytest.raises(CsvFormatError, match="line 5002: the text is not valid UTF-8"):
            import_csv(cat, path, ImportOptions("organizations"))
        assert raw_dump(cat) == before


HOSTILE = "\n".join(
    ["name;unp;phone;email;website;htp_since;size_band;legal_form;is_demo;verified_on"]
    + [f"Орг {i};{300_000_000 + i};+375 29 123-45-{i % 90 + 10};a{i}@b.by;https://o{i}.by;"
       f"01.03.2015;small;ООО;1;01.01.2024" for i in range(30)]
    + [
        "Два телефона;300000100;+375 29 123-45-67, +375 17 123 45 67;;;;;;;",
        "Не телефон;300000101;12345;;;;;;;",
        "Два адреса;300000102;;a@b.by; c@d.by;;;;;;",
        "Плохой адрес;300000103;;a@@b.by;;;;;;",
        "Сайт;300000104;;;не сайт;;;;;",
        "До ПВТ;300000105;;;;21.09.2005;;;;",
        "Будущее;300000106;;;;;;;;01.01.2999",
        "Форма;300000107;;;;;;Очень длинная форма собственности;;",
        "Демо;300000108;;;;;;;2;",
        "Размер;300000109;;;;;huge;;;",
        "   ;300000110;;;;;;;;",
    ]) + "\n"


@pytest.mark.parametrize("text", [MIXED, HOSTILE], ids=["mixed", "hostile"])
def test_rows_cleared_a_column_at_a_time_give_what_checking_every_row_gives(tmp_path, monkeypatch, text):
    from belcat.core import validation

    quick = _import(tmp_path, "q.sqlite", False, monkeypatch, text)
    monkeypatch.setattr(validation, "records_to_check",
                        lambda kind, columns, today=None: set(range(len(next(iter(columns.values()))))))
    every = _import(tmp_path, "e.sqlite", False, monkeypatch, text)
    assert quick[0].problems == every[0].problems and quick[0].problems
    assert (quick[0].rows, quick[0].added, quick[0].updated) == (every[0].rows, every[0].added, every[0].updated)
    assert _without_stamps(quick[2]) == _without_stamps(every[2])


def test_every_field_an_import_checks_has_a_test_a_column_at_a_time():
    """A field with neither sends every record of a file to the per-record rules."""
    from belcat.core import validation
    from belcat.services import csv_columns

    for kind, columns in csv_columns.COLUMNS.items():
        for column in columns:
            if column.importable and column.key not in csv_rows._LINK_FIELDS:
                assert column.key in validation.FREE_FIELDS[kind] | validation.tested_fields(kind), column.key


@pytest.mark.parametrize("remembered", [2, 10_000])  # 2: the memory starts afresh again and again
def test_repeated_cells_converted_once_give_what_converting_each_gives(tmp_path, monkeypatch, remembered):
    from belcat.services import csv_cells, csv_columns

    monkeypatch.setattr(csv_cells, "REMEMBERED", remembered)
    cells = ["resident", "Резидент ПВТ; enterprise", "pirate", "resident", "pirate", "", "enterprise"] * 3
    with open_catalog(tmp_path / "c.sqlite") as cat:
        reader = csv_cells.CellReader(cat, "; ")
        for key in ("roles", "region", "sectors"):
            column = next(c for c in csv_columns.ORGANIZATION_COLUMNS if c.key == key)
            column_cells = cells if key == "roles" else [c.replace("resident", "Минск") for c in cells]
            remembering, each = reader.converter(column), reader._converter(column)

            def outcome(convert, text):
                try:
                    return convert(text)
                except ValueError as exc:
                    return str(exc)
            given = [outcome(remembering, t) for t in column_cells]
            assert given == [outcome(each, t) for t in column_cells]
            lists = [v for v in given if isinstance(v, list)]
            assert len({id(v) for v in lists}) == len(lists)  # each row its own list


def test_blank_lines_are_passed_over_and_rows_that_do_not_fit_are_counted(tmp_path, monkeypatch):
    text = "name;unp\n\nПервая;100000001\nЛишнее;100000002;x;y\n;\n\nКороткая\nВторая;100000003\n"
    for parallel in (False, True):
        result, before, after, _records = _import(tmp_path, f"blank{parallel}", parallel, monkeypatch, text=text)
        assert [(p.row, p.message) for p in result.problems] == [
            (4, "this row has 4 fields, the header has 2"), (7, "this row has 1 field, the header has 2")]
        assert result.rows == 4  # the four rows with content; blank lines are not rows
        assert result.summary().startswith("4 rows checked: 2 errors")
        assert after == before


def test_a_quote_left_open_is_pointed_at(catalog, tmp_path):
    path = tmp_path / "open.csv"
    path.write_text('Название;Город\nПервая;Минск\n"Вторая;Гомель\nТретья;Брест\n', encoding="utf-8")
    result = import_csv(catalog, path, ImportOptions("organizations"))
    assert [(p.row, p.message) for p in result.problems] == [
        (3, "this row has 1 field, the header has 2; a quote opened in it may lack its closing quote")]
    assert not result.applied
