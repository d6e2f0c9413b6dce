"""CSV dialects: formula protection, several values in a cell, dates and
numbers, detection of encoding and separator."""

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from belcat.services import csv_format as f

HOSTILE = st.text(alphabet=st.sampled_from(list("\"';,|\n\r\t =+-@aZъЎўіІёЁ😀\\")), max_size=12)


@given(HOSTILE)
def test_neutralise_reverses(value):
    protected = f.neutralise(value)
    assert f.unneutralise(protected) == value
    assert protected[:1] not in f.FORMULA_TRIGGERS


@pytest.mark.parametrize("value", ["=1+2", "+375 17 123", "-5", "@SUM(A1)", "\tx", "\rx", "'=x"])
def test_formula_cells_get_an_apostrophe(value):
    assert f.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Гомсельмаш", "'quoted'", "", "a=b", " =x"])
def test_plain_cells_are_left_alone(value):
    assert f.neutralise(value) == value
    assert f.unneutralise(value) == value


@given(st.lists(HOSTILE.map(str.strip).filter(bool), max_size=5),
       st.sampled_from(list(f.MULTI_SEPARATORS.values())))
def test_join_split_round_trip(values, separator):
    assert f.split_values(f.join_values(values, separator), separator) == values


def test_join_doubles_the_separator_inside_values():
    assert f.join_values(["a;b", "c"], "; ") == "a;;b; c"
    assert f.split_values("a;;b; c", "; ") == ["a;b", "c"]


@pytest.mark.parametrize("text, iso", [("01.05.2019", "2019-05-01"), ("1.5.2019", "2019-05-01"),
                                       ("2019-05-01", "2019-05-01"), ("2019", "2019"), ("2019-05", "2019-05")])
def test_parse_date(text, iso):
    assert f.parse_date(text) == iso


@pytest.mark.parametrize("text", ["31.02.2020", "yesterday", "2020/01/01", "1.1.20"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        f.parse_date(text)


def test_parse_numbers_with_decimal_comma_and_spaces():
    assert f.parse_number("1 234,5") == 1234.5
    assert f.parse_number("1234.5") == 1234.5
    assert f.parse_int("42") == 42
    for bad in ("1,2,3", "abc", "nan", "inf"):
        with pytest.raises(ValueError):
            f.parse_number(bad)
    with pytest.raises(ValueError):
        f.parse_int("1,5")


def test_detect_encoding():
    text = "Название;Город\nТэхнасофт ўі;Мінск\n"
    assert f.detect_encoding(codecs.BOM_UTF8 + text.encode()) == "utf-8-sig"
    assert f.detect_encoding(text.encode()) == "utf-8"
    assert f.detect_encoding("Название;Город\nМинск;Гомель\n".encode("cp1251")) == "cp1251"
    # A sample cut in the middle of a two-byte letter is still UTF-8.
    assert f.detect_encoding(text.encode()[:-6]) == "utf-8"
    with pytest.raises(f.CsvFormatError, match="binary"):
        f.detect_encoding(b"PK\x03\x04\x00\x00binary")


@pytest.mark.parametrize("text, encoding", [
    ("name;city\nMüller GmbH;Köln\nÉcole Supérieure;Paris\nStraße AG;Zürich\n", "cp1252"),
    ("name;city\nCafé € Ltd;Nîmes\n", "cp1252"),
    # Belarusian typed with a Latin i is still Windows-1251.
    ("Назва;Горад\nТэхнасофт;Мiнск\nБелiнвестбанк;Вiцебск\n", "cp1251"),
    ("name;city\nBelarusian Steel Works;Жлобин\nIT Park;Минск\n", "cp1251"),
])
def test_western_european_text_is_not_read_as_cyrillic(tmp_path, text, encoding):
    data = text.encode(encoding)
    assert f.detect_encoding(data) == encoding
    path = tmp_path / "w.csv"
    path.write_bytes(data)
    dialect = f.sniff(path)
    assert [row for _line, row in f.read_rows(path, dialect)] == [line.split(";") for line in text.splitlines()]


def test_latin1_bytes_that_windows_1252_leaves_undefined():
    data = "name\nMüller Straße Köln\n".encode("latin-1") + b"\x81\n"
    assert f.detect_encoding(data) == "latin-1"


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_detect_delimiter(sep):
    rows = [["name", "city", "note"], ["a", "Минск", 'x, y; "z"'], ["b", "Гомель", ""]]
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=sep).writerows(rows)
    assert f.detect_delimiter(out.getvalue()) == sep


def test_sniff_and_read_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("name,note\r\nА,\"line1\r\nline2\"\r\nБ,x\r\n".encode("cp1251"))
    dialect = f.sniff(path)
    assert dialect == f.Dialect("cp1251", ",")
    rows = list(f.read_rows(path, dialect))
    assert rows == [(1, ["name", "note"]), (2, ["А", "line1\r\nline2"]), (4, ["Б", "x"])]


def test_sql_helpers_match_python(catalog):
    q = catalog.scalar
    assert q(f"SELECT {f.date_sql(chr(39) + '2019-05-01' + chr(39), 'dmy')}") == "01.05.2019"
    assert q(f"SELECT {f.date_sql(chr(39) + '2019' + chr(39), 'dmy')}") == "2019"
    assert q(f"SELECT {f.decimal_sql('1234.5', ',')}") == "1234,5"


CELLS = st.one_of(st.none(), HOSTILE, st.integers(), st.floats(allow_nan=False), st.binary(max_size=3))


@given(st.integers(min_value=1, max_value=4).flatmap(
           lambda width: st.lists(st.lists(CELLS, min_size=width, max_size=width), max_size=5)),
       st.sampled_from(list(f.DELIMITERS)))
def test_format_rows_writes_what_the_csv_module_writes(rows, delimiter):
    import csv
    import io

    for terminator in ("\r\n", "\n", "|\r\n"):
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
        assert f.format_rows(rows, delimiter, terminator) == out.getvalue()
        assert f.format_rows(iter([tuple(r) for r in rows]), delimiter, terminator) == out.getvalue()


def test_format_rows_quotes_only_what_needs_it():
    rows = [("a;b", 'say "hi"', "plain", None, 3, "two\nlines"), ("", "x", "y", "z", 1.5, "\r")]
    assert f.format_rows(rows, ";", "\r\n") == (
        '"a;b";"say ""hi""";plain;;3;"two\nlines"\r\n;x;y;z;1.5;"\r"\r\n')
    assert f.format_rows([[None]], ";", "\r\n") == '""\r\n'
