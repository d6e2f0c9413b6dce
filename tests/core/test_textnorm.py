"""Normalisation keys: fold, translit, name_key, swap_layout."""

import pytest
from hypothesis import given, strategies as st

from belcat.core.textnorm import (
    fold,
    fold_column,
    fold_translit_column,
    name_key,
    name_keys,
    swap_layout,
    translit,
    translit_numbers,
    words,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Беларуськалий", "беларуськалии"),
        ("БЕЛАРУСЬКАЛІЙ", "беларуськалии"),
        ("Ёлка", "елка"),
        ("ёлка", "елка"),
        ("Магілёў", "магилеу"),
        ("Робототехника", "робототехника"),
        ("MTZ", "mtz"),
        ("Škoda", "skoda"),
        ("Łódź", "lodz"),
        ("ОАО «Гомсельмаш»", "оао гомсельмаш"),
        ('"Белшина"', "белшина"),
        ("Hi-Tech Park", "hi tech park"),
        ("  many   spaces\t\n", "many spaces"),
        ("п'еса", "песа"),
        ("Straße", "strasse"),
        ("ＭＴＺ", "mtz"),  # full-width letters
        ("", ""),
        (None, ""),
        ("!!!", ""),
        ("№ 5", "no 5"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "forms",
    [
        ("Беларуськалий", "Беларуськалій", "Belaruskali", "BELARUSKALI"),
        ("МТЗ", "MTZ", "мтз"),
        ("Гомсельмаш", "Gomselmash", "Гомсельмаш", "Homselmash"),
        ("Могилёв", "Могилев", "Магілёў", "Mogilev"),
        ("Борисов", "Барысаў", "Borisov"),
        ("Гродно", "Гродна", "Hrodna", "Grodno"),
        ("Минск", "Мінск", "Minsk"),
        ("Щучин", "Шчучын", "Shchuchin"),
        ("Минский тракторный завод", "Мінскі трактарны завод", "Minsky traktorny zavod"),
        ("Белшина", "Belshina"),
        ("Интеграл", "Інтэграл", "Integral"),
        ("Гомель", "Homel", "Gomel"),
        ("Жодино", "Zhodino", "Жодзіна"),
        ("Витебск", "Віцебск", "Vitebsk"),
        ("Эпам", "EPAM", "Epam"),
        ("Яндекс", "Yandex", "Jandeks"),
        ("Царь", "Tsar", "Car"),
    ],
)
def test_translit_meets_across_scripts(forms):
    keys = {translit(f) for f in forms}
    assert len(keys) == 1, dict(zip(forms, map(translit, forms)))


@pytest.mark.parametrize("a, b", [("Гомсельмаш", "Белшина"), ("MTZ", "MAZ"), ("Минск", "Пинск")])
def test_translit_keeps_different_names_apart(a, b):
    assert translit(a) != translit(b)


@pytest.mark.parametrize(
    "forms",
    [
        ("ОАО «Гомсельмаш»", "Гомсельмаш", "Gomselmash", "OJSC Gomselmash", "Гомсельмаш, ОАО"),
        ("ЗАО \"Атлант\"", "Atlant CJSC", "Атлант"),
        ("ООО «ЭПАМ Системз»", "Общество с ограниченной ответственностью ЭПАМ Системз",
         "EPAM Systemz LLC"),
        ("РУП «Белоруснефть»", "Республиканское унитарное предприятие Белоруснефть", "Belorusneft"),
        ("ААТ «Беларуськалій»", "ОАО «Беларуськалий»", "Belaruskali JSC",
         "Адкрытае акцыянернае таварыства «Беларуськалій»"),
        ("ЧУП \"Софт\"", "Soft", "Софт"),
    ],
)
def test_name_key_sets_legal_form_aside(forms):
    keys = {name_key(f) for f in forms}
    assert len(keys) == 1, dict(zip(forms, map(name_key, forms)))


def test_name_key_of_a_bare_legal_form_keeps_it():
    assert name_key("ООО") == translit("ООО")
    assert name_key("") == ""
    assert name_key(None) == ""


def test_name_key_distinguishes_companies():
    assert name_key("ОАО «Гомсельмаш»") != name_key("ОАО «Белшина»")


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("ujvctkmvfi", "гомсельмаш"),
        ("ujvtkm", "гомель"),
        ("Vbycr", "Минск"),
        ("ьея", "mtz"),
        ("hj,jn", "робот"),
        ("uhjlyj", "гродно"),
    ],
)
def test_swap_layout(typed, meant):
    assert swap_layout(typed) == meant


@pytest.mark.parametrize("text", ["", "123", "Минск mtz", "!!", "😀"])
def test_swap_layout_refuses_mixed_or_letterless(text):
    assert swap_layout(text) is None


@given(st.text())
def test_keys_never_raise_and_are_idempotent(text):
    f = fold(text)
    assert fold(f) == f
    assert "  " not in f and f == f.strip()
    assert translit(text) == translit(f) or "ў" in text.lower() or "Ў" in text
    assert all(w for w in words(text))
    name_key(text)
    swap_layout(text)


# Letters, marks and punctuation that take fold()'s different routes.
_TRICKY = st.text(
    alphabet=st.sampled_from(list(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБЁЙЎўІіїєґ'’ʼ`´_.,;:!?()[]{}\"«»-–—/\\@+#%&*<>=|~^$"
        "„“”…·•\u00a0 \t\nabcxyzXYZ0129²éüßİıłΣσς№\u0301\u0306中")),
    max_size=30)


# A column's texts are folded together, joined by a NUL: a text may hold one too.
_IN_A_COLUMN = st.lists(st.one_of(st.none(), _TRICKY, _TRICKY.map(lambda t: t.replace(" ", " \x00 "))),
                        max_size=6)


@given(_IN_A_COLUMN, st.lists(_TRICKY, max_size=4))
def test_columns_fold_as_fold_translit_and_name_key_do(texts, names):
    folded, skeletons = fold_translit_column(texts)
    assert folded == fold_column(texts) == [fold(t) for t in texts]
    assert [s.split() for s in skeletons] == [translit(t).split() for t in texts]
    assert name_keys(names) == [name_key(n) for n in names]


def test_columns_fold_words_seen_before_and_new_ones_alike():
    texts = ["ОАО «Гомсельмаш» Гомель", "Гомсельмаш Ўзда, Zürich", "", None, "№ 5 п'еса Гомель"]
    for _ in range(2):  # the second time every word is in the caches
        assert fold_translit_column(texts) == ([fold(t) for t in texts], [translit(t) for t in texts])


@given(st.lists(st.from_regex(r"[0-9]{0,12}", fullmatch=True), min_size=1, max_size=5))
def test_translit_numbers_is_translit_of_each(numbers):
    assert translit_numbers(numbers) == [translit(n) for n in numbers]


@given(st.text(alphabet="aabz09\n-йй ", max_size=30))
def test_runs_of_one_character_collapse_as_the_skeleton_did(text):
    from belcat.core import textnorm
    assert textnorm._single(text) == textnorm._REPEAT.sub(r"\1", text)
