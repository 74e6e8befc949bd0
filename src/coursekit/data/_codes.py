"""Hand-made code mappings used by the build (see ``build.py``), each with its reason.

Every source names countries its own way. The mappings below turn each source's codes into
ISO 3166-1 alpha-3; the codes that deliberately map to nothing are explained, as data, in
``data/curated/unmapped_codes.csv``, and the LPI names that need a hand match in
``data/curated/lpi_names.csv``.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "HofstedeCode",
    "HOFSTEDE_CODES",
    "CEPII_CODES",
    "NAME_OVERRIDES",
    "EXTRA_COUNTRIES",
    "ES_UNLABELLED_BLOCKS",
    "EXCLUDED_ALIASES",
]


class HofstedeCode(NamedTuple):
    """One row of Hofstede's matrix: its ISO3 code (None: not a country) and names."""

    iso3: str | None
    name: str
    published: str  # the name exactly as it appears in the 2015-08-16 matrix


#: Hofstede's own three-letter codes (111 rows of the 2015-08-16 matrix), checked row by row.
#: They are not ISO 3166: CHI is China (ISO CHN; CHI is the World Bank's Channel Islands),
#: GER Germany, DEN Denmark, NET Netherlands, SIN Singapore, SLV Slovenia (ISO SLV is El
#: Salvador, which Hofstede codes SAL). ``iso3=None`` marks the ten regional, language-group
#: and sub-national rows; the build checks ``published`` against the raw file.
HOFSTEDE_CODES: dict[str, HofstedeCode] = {
    "AFE": HofstedeCode(None, "Africa East (region)", "Africa East"),
    "AFW": HofstedeCode(None, "Africa West (region)", "Africa West"),
    "ALB": HofstedeCode("ALB", "Albania", "Albania"),
    "ALG": HofstedeCode("DZA", "Algeria", "Algeria"),
    "AND": HofstedeCode("AND", "Andorra", "Andorra"),
    "ARA": HofstedeCode(None, "Arab countries (region)", "Arab countries"),
    "ARG": HofstedeCode("ARG", "Argentina", "Argentina"),
    "ARM": HofstedeCode("ARM", "Armenia", "Armenia"),
    "AUL": HofstedeCode("AUS", "Australia", "Australia"),
    "AUT": HofstedeCode("AUT", "Austria", "Austria"),
    "AZE": HofstedeCode("AZE", "Azerbaijan", "Azerbaijan"),
    "BAN": HofstedeCode("BGD", "Bangladesh", "Bangladesh"),
    "BLR": HofstedeCode("BLR", "Belarus", "Belarus"),
    "BEL": HofstedeCode("BEL", "Belgium", "Belgium"),
    "BEF": HofstedeCode(None, "Belgium (French-speaking)", "Belgium French"),
    "BEN": HofstedeCode(None, "Belgium (Dutch-speaking)", "Belgium Netherl"),
    "BOS": HofstedeCode("BIH", "Bosnia and Herzegovina", "Bosnia"),
    "BRA": HofstedeCode("BRA", "Brazil", "Brazil"),
    "BUL": HofstedeCode("BGR", "Bulgaria", "Bulgaria"),
    "BUF": HofstedeCode("BFA", "Burkina Faso", "Burkina Faso"),
    "CAN": HofstedeCode("CAN", "Canada", "Canada"),
    "CAF": HofstedeCode(None, "Canada (French-speaking)", "Canada French"),
    "CHL": HofstedeCode("CHL", "Chile", "Chile"),
    "CHI": HofstedeCode("CHN", "China", "China"),
    "COL": HofstedeCode("COL", "Colombia", "Colombia"),
    "COS": HofstedeCode("CRI", "Costa Rica", "Costa Rica"),
    "CRO": HofstedeCode("HRV", "Croatia", "Croatia"),
    "CYP": HofstedeCode("CYP", "Cyprus", "Cyprus"),
    "CZE": HofstedeCode("CZE", "Czechia", "Czech Rep"),
    "DEN": HofstedeCode("DNK", "Denmark", "Denmark"),
    "DOM": HofstedeCode("DOM", "Dominican Republic", "Dominican Rep"),
    "ECA": HofstedeCode("ECU", "Ecuador", "Ecuador"),
    "EGY": HofstedeCode("EGY", "Egypt", "Egypt"),
    "ETH": HofstedeCode("ETH", "Ethiopia", "Ethiopia"),
    "SAL": HofstedeCode("SLV", "El Salvador", "El Salvador"),
    "EST": HofstedeCode("EST", "Estonia", "Estonia"),
    "FIN": HofstedeCode("FIN", "Finland", "Finland"),
    "FRA": HofstedeCode("FRA", "France", "France"),
    "GEO": HofstedeCode("GEO", "Georgia", "Georgia"),
    "GER": HofstedeCode("DEU", "Germany", "Germany"),
    "GEE": HofstedeCode(None, "Germany East (former GDR)", "Germany East"),
    "GHA": HofstedeCode("GHA", "Ghana", "Ghana"),
    "GBR": HofstedeCode("GBR", "United Kingdom", "Great Britain"),
    "GRE": HofstedeCode("GRC", "Greece", "Greece"),
    "GUA": HofstedeCode("GTM", "Guatemala", "Guatemala"),
    "HOK": HofstedeCode("HKG", "Hong Kong", "Hong Kong"),
    "HUN": HofstedeCode("HUN", "Hungary", "Hungary"),
    "ICE": HofstedeCode("ISL", "Iceland", "Iceland"),
    "IND": HofstedeCode("IND", "India", "India"),
    "IDO": HofstedeCode("IDN", "Indonesia", "Indonesia"),
    "IRA": HofstedeCode("IRN", "Iran", "Iran"),
    "IRQ": HofstedeCode("IRQ", "Iraq", "Iraq"),
    "IRE": HofstedeCode("IRL", "Ireland", "Ireland"),
    "ISR": HofstedeCode("ISR", "Israel", "Israel"),
    "ITA": HofstedeCode("ITA", "Italy", "Italy"),
    "JAM": HofstedeCode("JAM", "Jamaica", "Jamaica"),
    "JPN": HofstedeCode("JPN", "Japan", "Japan"),
    "JOR": HofstedeCode("JOR", "Jordan", "Jordan"),
    "KOR": HofstedeCode("KOR", "South Korea", "Korea South"),
    "KYR": HofstedeCode("KGZ", "Kyrgyzstan", "Kyrgyz Rep"),
    "LAT": HofstedeCode("LVA", "Latvia", "Latvia"),
    "LIT": HofstedeCode("LTU", "Lithuania", "Lithuania"),
    "LUX": HofstedeCode("LUX", "Luxembourg", "Luxembourg"),
    "MAC": HofstedeCode("MKD", "North Macedonia", "Macedonia Rep"),
    "MAL": HofstedeCode("MYS", "Malaysia", "Malaysia"),
    "MLI": HofstedeCode("MLI", "Mali", "Mali"),
    "MLT": HofstedeCode("MLT", "Malta", "Malta"),
    "MEX": HofstedeCode("MEX", "Mexico", "Mexico"),
    "MOL": HofstedeCode("MDA", "Moldova", "Moldova"),
    "MNG": HofstedeCode("MNE", "Montenegro", "Montenegro"),
    "MOR": HofstedeCode("MAR", "Morocco", "Morocco"),
    "NET": HofstedeCode("NLD", "Netherlands", "Netherlands"),
    "NZL": HofstedeCode("NZL", "New Zealand", "New Zealand"),
    "NIG": HofstedeCode("NGA", "Nigeria", "Nigeria"),
    "NOR": HofstedeCode("NOR", "Norway", "Norway"),
    "PAK": HofstedeCode("PAK", "Pakistan", "Pakistan"),
    "PAN": HofstedeCode("PAN", "Panama", "Panama"),
    "PER": HofstedeCode("PER", "Peru", "Peru"),
    "PHI": HofstedeCode("PHL", "Philippines", "Philippines"),
    "POL": HofstedeCode("POL", "Poland", "Poland"),
    "POR": HofstedeCode("PRT", "Portugal", "Portugal"),
    "PUE": HofstedeCode("PRI", "Puerto Rico", "Puerto Rico"),
    "ROM": HofstedeCode("ROU", "Romania", "Romania"),
    "RUS": HofstedeCode("RUS", "Russia", "Russia"),
    "RWA": HofstedeCode("RWA", "Rwanda", "Rwanda"),
    "SAU": HofstedeCode("SAU", "Saudi Arabia", "Saudi Arabia"),
    "SER": HofstedeCode("SRB", "Serbia", "Serbia"),
    "SIN": HofstedeCode("SGP", "Singapore", "Singapore"),
    "SLK": HofstedeCode("SVK", "Slovakia", "Slovak Rep"),
    "SLV": HofstedeCode("SVN", "Slovenia", "Slovenia"),
    "SAF": HofstedeCode("ZAF", "South Africa", "South Africa"),
    "SAW": HofstedeCode(None, "South Africa (white population)", "South Africa white"),
    "SPA": HofstedeCode("ESP", "Spain", "Spain"),
    "SUR": HofstedeCode("SUR", "Suriname", "Suriname"),
    "SWE": HofstedeCode("SWE", "Sweden", "Sweden"),
    "SWI": HofstedeCode("CHE", "Switzerland", "Switzerland"),
    "SWF": HofstedeCode(None, "Switzerland (French-speaking)", "Switzerland French"),
    "SWG": HofstedeCode(None, "Switzerland (German-speaking)", "Switzerland German"),
    "TAI": HofstedeCode("TWN", "Taiwan", "Taiwan"),
    "TAN": HofstedeCode("TZA", "Tanzania", "Tanzania"),
    "THA": HofstedeCode("THA", "Thailand", "Thailand"),
    "TRI": HofstedeCode("TTO", "Trinidad and Tobago", "Trinidad and Tobago"),
    "TUR": HofstedeCode("TUR", "Turkey", "Turkey"),
    "USA": HofstedeCode("USA", "United States", "U.S.A."),
    "UGA": HofstedeCode("UGA", "Uganda", "Uganda"),
    "UKR": HofstedeCode("UKR", "Ukraine", "Ukraine"),
    "URU": HofstedeCode("URY", "Uruguay", "Uruguay"),
    "VEN": HofstedeCode("VEN", "Venezuela", "Venezuela"),
    "VIE": HofstedeCode("VNM", "Vietnam", "Vietnam"),
    "ZAM": HofstedeCode("ZMB", "Zambia", "Zambia"),
    "ZIM": HofstedeCode("ZWE", "Zimbabwe", "Zimbabwe"),
}

#: CEPII GeoDist's legacy codes → ISO 3166 alpha-3. ``None``: no present-day country (the
#: rows are left out; the reason is in ``unmapped_codes.csv``).
CEPII_CODES: dict[str, str | None] = {
    "ROM": "ROU",  # Romania (ISO changed ROM to ROU in 2002)
    "ZAR": "COD",  # Zaire, now the Democratic Republic of the Congo
    "YUG": "SRB",  # Serbia and Montenegro (to 2006): Serbia is its legal successor
    "PAL": "PSE",  # Palestine
    "TMP": "TLS",  # East Timor, now Timor-Leste
    "ANT": None,  # Netherlands Antilles, dissolved in 2010 into several territories
}

#: Display names where the short CLDR name reads poorly in a chart or a sentence.
NAME_OVERRIDES: dict[str, str] = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "BIH": "Bosnia and Herzegovina",
    "COD": "DR Congo",
    "COG": "Republic of the Congo",
    "PSE": "Palestine",
}

#: Economies outside the World Bank's country list that the course's other sources cover
#: (Hofstede, CEPII, LPI, Doing Business): iso3 → (name, region, income group).
EXTRA_COUNTRIES: dict[str, tuple[str, str, str]] = {
    "TWN": ("Taiwan", "East Asia & Pacific", ""),
}

#: Enterprise Surveys file: blocks of rows whose country code is ``..``, identified by the
#: codes just before and after them (file sorted by code), and the code they stand for.
ES_UNLABELLED_BLOCKS: dict[tuple[str, str], str] = {
    ("CHE", "CHL"): "CHI",  # Channel Islands (all values missing)
    ("WSM", "YEM"): "XKX",  # Kosovo (surveys 2009 and 2013)
}

#: Source spellings that must not become aliases, because they name something larger than the
#: country code they are attached to.
EXCLUDED_ALIASES: dict[str, str] = {
    "Belgium and Luxembourg": "CEPII's name for its BEL row; Luxembourg has its own row (LUX)",
    "Serbia and Montenegro": "CEPII's YUG, mapped to Serbia; the name also covers Montenegro",
    "Netherland Antilles": "CEPII's ANT, which has no present-day successor",
}
