"""The field rules, without Qt: valid and invalid values of each kind."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

from belcat.core import organizations, projects, validation as v
from belcat.core.errors import ValidationError


@pytest.mark.parametrize("unp", ["400051234", "100000001", "", None, " 190000000 "])
def test_valid_unp(unp):
    assert v.unp_problem(unp) is None


@pytest.mark.parametrize("unp", ["40005123", "4000512345", "40005123a", "400 051 234", "УНП"])
def test_invalid_unp(unp):
    assert "9 digits" in v.unp_problem(unp)


@pytest.mark.parametrize("url", ["https://gomselmash.by", "http://www.park.by/ru/residents?page=2",
                                 "belaruskali.by", "https://мтз.бел", ""])
def test_valid_url(url):
    assert v.url_problem(url) is None


@pytest.mark.parametrize("url", ["gomselmash", "http://", "ftp://x.by", "https://a b.by", "www.by/ x"])
def test_invalid_url(url):
    assert v.url_problem(url)


@pytest.mark.parametrize("email", ["info@gomselmash.by", "a.b-c@mail.park.by", "a@b.by; c@d.ru", ""])
def test_valid_email(email):
    assert v.email_problem(email) is None


@pytest.mark.parametrize("email", ["info@", "@gomselmash.by", "info gomselmash.by", "a@b", "a@b.by,,x"])
def test_invalid_email(email):
    assert v.email_problem(email)


@pytest.mark.parametrize("phone,digits", [
    ("+375 17 123-45-67", "+375171234567"),
    ("+375 (29) 123 45 67", "+375291234567"),
    ("8 029 123 45 67", "+375291234567"),
    ("80171234567", "+375171234567"),
    ("375 44 7654321", "+375447654321"),
])
def test_belarusian_phone_formats(phone, digits):
    assert v.phone_digits(phone) == digits
    assert v.phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["+7 495 123-45-67", "123-45-67", "+375 17 123-45", "+375 99 123 45 67",
                                   "8 029 123 45 678", "телефон"])
def test_invalid_phone(phone):
    assert "+375" in v.phone_problem(phone)


def test_several_phones_each_checked():
    assert v.phone_problem("+375 17 123-45-67, +375 29 765-43-21") is None
    assert v.phone_problem("+375 17 123-45-67; 12345") is not None


@pytest.mark.parametrize("value,problem", [
    ("2024-03-15", None), ("", None), ("15.03.2024", "YYYY-MM-DD"), ("2024-13-01", "YYYY-MM-DD"),
    ("1900-01-01", "before"), ("2101-01-01", "after"),
])
def test_dates(value, problem):
    try:
        got = v.date_problem(value)
    except ValueError:  # 2024-13-01 passes the pattern but is no date
        got = "YYYY-MM-DD"
    assert (got is None) if problem is None else (problem in got)


def test_month_thirteen_is_reported_not_raised():
    assert "YYYY-MM-DD" in (v.date_problem("2024-13-01") or "")


def test_verified_on_cannot_be_in_the_future():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert v.organization_problems({"name": "x", "verified_on": tomorrow})["verified_on"]
    assert "verified_on" not in v.organization_problems({"name": "x", "verified_on": date.today().isoformat()})


@pytest.mark.parametrize("year,ok", [(2021, True), ("2025", True), (1990, False), (2101, False),
                                     ("двадцать", False), ("", True)])
def test_years(year, ok):
    assert (v.year_problem(year) is None) == ok


@pytest.mark.parametrize("amount,integer,ok", [("0", False, True), ("1500000.5", False, True),
                                               ("1,5", False, True), ("-1", False, False),
                                               ("много", False, False), ("12", True, True),
                                               ("1.5", True, False), ("-3", True, False)])
def test_amounts(amount, integer, ok):
    assert (v.amount_problem(amount, integer=integer) is None) == ok


def test_required_fields():
    assert v.organization_problems({})["name"] == "The name is required."
    assert v.organization_problems({"name": "  "})["name"]
    assert v.project_problems({"title": ""})["title"]
    assert v.organization_problems({"city": "Гомель"}, partial=True) == {}


def test_years_and_pilot_dates_in_order():
    problems = v.project_problems({"title": "x", "start_year": 2025, "end_year": 2021})
    assert problems == {"end_year": "The end year comes before the start year."}
    problems = v.project_problems({"title": "x", "pilot_started_on": "2024-05-01",
                                   "pilot_evaluated_on": "2024-04-01"})
    assert "pilot_evaluated_on" in problems
    assert v.project_problems({"title": "x", "start_year": 2021, "end_year": 2021}) == {}


@pytest.mark.parametrize("listed,expires", [("2024-03-15", "2026-03-15"), ("2024-02-29", "2026-02-28"),
                                            ("", None), ("bad", None)])
def test_single_source_listing_expires_after_two_years(listed, expires):
    assert v.single_source_expiry(listed) == expires


def test_codes_and_links():
    assert "roles" in v.organization_problems({"name": "x", "roles": ["pirate"]})
    assert "relations" in v.organization_problems({"name": "x", "relations": [{"org_id": 2, "kind": "x"}]})
    problems = v.project_problems({"title": "x", "participants": [
        {"org_id": 1, "role": "developer"}, {"org_id": 1, "role": "developer"}]})
    assert "twice" in problems["participants"]


def test_core_create_and_update_validate_and_write_nothing(catalog):
    with pytest.raises(ValidationError) as info:
        organizations.create(catalog, {"name": "Гомсельмаш", "unp": "12345", "email": "nope"})
    assert set(info.value.problems) == {"unp", "email"}
    assert catalog.scalar("SELECT count(*) FROM organizations") == 0
    org_id = organizations.create(catalog, {"name": "Гомсельмаш", "unp": "400051234"})
    with pytest.raises(ValidationError, match="already in the catalog: Гомсельмаш"):
        organizations.create(catalog, {"name": "Другое", "unp": "400051234"})
    organizations.update(catalog, org_id, {"unp": "400051234"})  # its own UNP is fine
    with pytest.raises(ValidationError):
        organizations.update(catalog, org_id, {"phone": "12"})
    pid = projects.create(catalog, {"title": "Сварка", "start_year": 2021, "end_year": 2025})
    with pytest.raises(ValidationError) as info:
        projects.update(catalog, pid, {"start_year": 2026})  # after the stored end year
    assert "end_year" in info.value.problems
    with pytest.raises(ValidationError):
        projects.update(catalog, pid, {"budget": -5})
    assert projects.get(catalog, pid)["version"] == 1


def test_core_computes_single_source_expiry(catalog):
    pid = projects.create(catalog, {"title": "Пилот", "single_source_listed_on": "2025-06-01",
                                    "single_source_expires_on": "2030-01-01"})
    assert projects.get(catalog, pid)["single_source_expires_on"] == "2027-06-01"


# --- many records at once: records_to_check ----------------------------------
# Whatever it clears must have no problems by the rules themselves.

_JUNK = st.sampled_from(["", " ", "-", "(", ")", ".", "\n", "\t", ",", ";"])
_PHONES = st.builds(
    lambda prefix, a, code, b, digits, c: f"{prefix}{a}{code}{b}{digits}{c}",
    st.sampled_from(["+375", "375", "80", "+3750", "+37"]), _JUNK,
    st.sampled_from([*v.PHONE_CODES, "30", "12", "2"]), _JUNK,
    st.text("0123456789 -()٣", min_size=5, max_size=10), _JUNK)
_DAYS = st.dates(date(1985, 1, 1), date(2110, 1, 1)).map(date.isoformat)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def _text_like(*samples):
    return st.one_of(st.sampled_from(samples), _TEXT,
                     st.tuples(st.sampled_from(samples), _JUNK).map("".join))


_FIELDS = {
    "name": _text_like("Гомсельмаш", " "), "title": _text_like("Станок", " "),
    "unp": _text_like("400051234", "40005123", "４00051234"),
    "website": _text_like("gomselmash.by", "https://x.by/a b", "x.by\ny.by"),
    "source_url": _text_like("https://x.by", "x"),
    "email": _text_like("info@x.by", "a@b.by; c@d.by", "a@@b.by"),
    "phone": st.one_of(_PHONES, _text_like("+375 29 123-45-67", "+375 29 123-45-67, 8017")),
    "htp_since": st.one_of(_DAYS, _text_like("2005-09-21", "2020-02-30", "2020")),
    "verified_on": st.one_of(_DAYS, _text_like("2024-01-01")),
    "legal_form": st.one_of(st.text(" ОАОЧУП", max_size=4), st.text(" ОАОЧУП", min_size=19, max_size=22)),
    "size_band": _text_like(*v.vocab.SIZE_BAND_CODES),
    "roles": st.lists(_text_like(*v.vocab.ROLE_CODES), max_size=3),
    "status": _text_like(*v.vocab.STATUS_CODES), "pilot_stage": _text_like(*v.vocab.PILOT_STAGE_CODES),
    "start_year": st.one_of(st.integers(1985, 2110), st.booleans(), st.floats(1990, 2101), _TEXT),
    "end_year": st.one_of(st.integers(1985, 2110), st.just(2020.0)),
    "jobs_created": st.one_of(st.integers(-3, 10), st.floats(allow_nan=True), _TEXT),
    "budget": st.one_of(st.integers(-3, 10), st.floats(allow_nan=True), st.booleans(), _TEXT),
    "is_demo": st.sampled_from([0, 1, 2, True, "1", 1.0, -1]),
    **{f: st.one_of(_DAYS, _text_like("2020-02-30")) for f in (
        "pilot_started_on", "pilot_evaluated_on", "single_source_listed_on", "single_source_expires_on")},
}


@st.composite
def _records(draw, kind):
    fields = sorted(v.tested_fields(kind) | v.FREE_FIELDS[kind])
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, min_size=1))
    count = draw(st.integers(1, 6))
    return {f: [draw(st.one_of(st.none(), _FIELDS.get(f, _TEXT))) for _ in range(count)] for f in chosen}


@pytest.mark.parametrize("kind", ["organization", "project"])
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_records_cleared_at_once_have_no_problems(kind, data):
    columns = data.draw(_records(kind))
    rules = v.organization_problems if kind == "organization" else v.project_problems
    suspects = v.records_to_check(kind, columns)
    for position in range(len(next(iter(columns.values())))):
        values = {f: c[position] for f, c in columns.items()}
        if position not in suspects:
            assert rules(values, partial=True) == {}, values


def test_records_to_check_finds_each_kind_of_problem():
    today = date(2026, 11, 24)
    columns = {"name": ["А", None, "Б", "В", "Г", "Д"],
               "phone": ["+375 29 123-45-67", None, "+375 (17) 123 45 67, +375 2345 3-75-12", "12", None, None],
               "htp_since": [None, None, None, None, "2005-09-21", "2026-11-25"]}
    assert v.records_to_check("organization", columns, today) == {1, 2, 3, 4, 5}
    projects_ = {"title": ["А", "Б", "В"], "start_year": [2020, 2021, 2020], "end_year": [2020, 2020, None],
                 "relations_of_some_kind": [None, None, "x"]}
    assert v.records_to_check("project", projects_, today) == {1, 2}
