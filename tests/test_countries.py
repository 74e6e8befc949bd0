"""Country resolution: codes and names from every source map to one ISO3 code, typos get
suggestions, and a country outside the candidates is refused with a clear message."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import countries, data
from coursekit.data._codes import HOFSTEDE_CODES

COUNTRIES = data.load("countries")
NAMES = data.load("country_names")
CODES = sorted(COUNTRIES["iso3"])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("USA", "USA"),
        ("usa", "USA"),
        ("U.S.A.", "USA"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("US", "USA"),
        ("UK", "GBR"),
        ("Great Britain", "GBR"),
        ("Britain", "GBR"),
        ("South Korea", "KOR"),
        ("Korea, Rep.", "KOR"),
        ("Korea South", "KOR"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Iran", "IRN"),
        ("Iran, Islamic Rep.", "IRN"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Germany", "DEU"),
        ("  germany ", "DEU"),
        ("DE", "DEU"),
        ("NA", "NAM"),
        ("Namibia", "NAM"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Saint Lucia", "LCA"),
        ("St. Lucia", "LCA"),
        ("Bahamas, The", "BHS"),
        ("The Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Swaziland", "SWZ"),
        ("Burma", "MMR"),
        ("Taiwan, China", "TWN"),
        ("Hong Kong SAR, China", "HKG"),
        ("Kosovo", "XKX"),
        ("Anguilla", "AIA"),
        ("CHI", "CHI"),  # the World Bank's Channel Islands, not Hofstede's China
    ],
)
def test_resolves_codes_names_and_aliases(value, code):
    assert countries.resolve(value) == code


def test_every_country_resolves_by_code_name_world_bank_name_and_iso2():
    for row in COUNTRIES.itertuples(index=False):
        assert countries.resolve(row.iso3) == row.iso3
        assert countries.resolve(row.iso3.lower()) == row.iso3
        assert countries.resolve(row.name) == row.iso3, row.name
        assert countries.resolve(row.wb_name) == row.iso3, row.wb_name
        if row.iso2:
            assert countries.resolve(row.iso2) == row.iso3, row.iso2
        assert countries.name(row.iso3) == row.name


def test_every_spelling_in_the_sources_resolves_to_its_code():
    for iso3, spelling in NAMES[["iso3", "name"]].itertuples(index=False):
        assert countries.resolve(spelling) == iso3, spelling
    for code, entry in HOFSTEDE_CODES.items():
        if entry.iso3:
            assert countries.resolve(entry.published) == entry.iso3, code
            assert countries.resolve(entry.name) == entry.iso3, code


def test_every_code_in_the_tables_has_a_name():
    codes = set(data.load("distances")["iso_o"]) | set(CODES)
    for code in codes:
        assert countries.name(code) != code, code
        assert countries.resolve(countries.name(code)) == code
    assert set(countries.known_codes()) >= codes


def test_typo_suggests_close_matches_with_codes():
    with pytest.raises(ValueError) as err:
        countries.resolve("Germny")
    assert str(err.value) == (
        "Unknown country 'Germny'. Did you mean: Germany (DEU)? Use an ISO 3166 alpha-3 code "
        "such as 'DEU' or an English country name."
    )
    with pytest.raises(ValueError, match=r"Did you mean: .*Kenya \(KEN\)") as err:
        countries.resolve("Kenia")
    assert str(err.value).count("(") <= 3
    with pytest.raises(ValueError, match=r"^Unknown country 'qqqqqqqq'\. Use an ISO"):
        countries.resolve("qqqqqqqq")
    with pytest.raises(ValueError, match="Unknown country '   '"):
        countries.resolve("   ")


def test_known_country_outside_candidates_is_refused_with_what():
    hofstede = data.load("hofstede")
    scored = hofstede.loc[hofstede["is_country"], "iso3"]
    assert countries.resolve("germany", scored, what="country with Hofstede scores") == "DEU"
    with pytest.raises(ValueError, match=r"^No country with Hofstede scores for Kenya \(KEN\)"):
        countries.resolve("Kenya", candidates=scored, what="country with Hofstede scores")
    with pytest.raises(ValueError, match=r"^No country for France \(FRA\).*DEU"):
        countries.resolve("France", candidates=["DEU"])
    assert countries.resolve("France", candidates=iter(["FRA"])) == "FRA"  # any iterable


@pytest.mark.parametrize("value", [None, 276, ["DEU"], b"DEU"])
def test_non_strings_are_a_type_error(value):
    with pytest.raises(TypeError, match="ISO 3166 alpha-3 code"):
        countries.resolve(value)
    with pytest.raises(TypeError):
        countries.name(value)


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "NoneType"), (276, "int"), (["DEU"], "list"), (b"DEU", "bytes"), (3.5, "float")],
)
def test_name_of_a_non_string_names_the_type(value, kind):
    with pytest.raises(TypeError, match=rf"a country code is given as a name or .* not {kind}$"):
        countries.name(value)


def test_name_of_an_unknown_code_is_the_code():
    assert countries.name("deu") == "Germany"
    assert countries.name("ZZZ") == "ZZZ"


def test_lookup_tables_are_built_once_and_reused():
    # How fast a cached resolve is, is measured in benchmarks/ (never a wall-clock assert here):
    # what can be tested is that the lookup tables are built once, not on every call.
    countries.resolve("Germany")
    builds = countries._lookup.cache_info().misses
    for _ in range(200):
        countries.resolve("Korea, Rep.")
        countries.resolve("DEU")
    assert countries._lookup.cache_info().misses == builds


@settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(CODES),
    flips=st.lists(st.booleans(), min_size=1, max_size=60),
    pad=st.sampled_from(["", " ", "  ", "\t"]),
)
def test_case_and_padding_do_not_matter(code, flips, pad):
    label = countries.name(code)
    scrambled = "".join(
        ch.upper() if flips[i % len(flips)] else ch.lower() for i, ch in enumerate(label)
    )
    assert countries.resolve(pad + scrambled + pad) == code


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_letters + " .,'-&", max_size=30))
def test_any_text_resolves_or_fails_with_a_value_error(text):
    try:
        code = countries.resolve(text)
    except ValueError as err:
        assert "Use an ISO 3166 alpha-3 code" in str(err)
    else:
        assert code in countries.known_codes()
