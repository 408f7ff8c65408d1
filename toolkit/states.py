"""The states BLS publishes OEWS estimates for, and the one the portal serves (the `PORTAL_STATE` setting).

BLS codes a state's statewide area by its two-digit FIPS code ("39" for Ohio; "3900000" in its time-series files);
people name a state by its postal abbreviation. `portal_state()` is the one place the setting is read.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class State:
    """A state (or DC, or a territory OEWS covers) as BLS and the postal service name it."""

    postal: str
    fips: str
    name: str

    @property
    def area_codes(self):
        """The codes BLS gives the statewide area: "39" in its download files, "3900000" in its time series."""
        return [self.fips, f"{self.fips}00000"]


STATES = {
    state.postal: state
    for state in (
        State("AL", "01", "Alabama"),
        State("AK", "02", "Alaska"),
        State("AZ", "04", "Arizona"),
        State("AR", "05", "Arkansas"),
        State("CA", "06", "California"),
        State("CO", "08", "Colorado"),
        State("CT", "09", "Connecticut"),
        State("DE", "10", "Delaware"),
        State("DC", "11", "District of Columbia"),
        State("FL", "12", "Florida"),
        State("GA", "13", "Georgia"),
        State("HI", "15", "Hawaii"),
        State("ID", "16", "Idaho"),
        State("IL", "17", "Illinois"),
        State("IN", "18", "Indiana"),
        State("IA", "19", "Iowa"),
        State("KS", "20", "Kansas"),
        State("KY", "21", "Kentucky"),
        State("LA", "22", "Louisiana"),
        State("ME", "23", "Maine"),
        State("MD", "24", "Maryland"),
        State("MA", "25", "Massachusetts"),
        State("MI", "26", "Michigan"),
        State("MN", "27", "Minnesota"),
        State("MS", "28", "Mississippi"),
        State("MO", "29", "Missouri"),
        State("MT", "30", "Montana"),
        State("NE", "31", "Nebraska"),
        State("NV", "32", "Nevada"),
        State("NH", "33", "New Hampshire"),
        State("NJ", "34", "New Jersey"),
        State("NM", "35", "New Mexico"),
        State("NY", "36", "New York"),
        State("NC", "37", "North Carolina"),
        State("ND", "38", "North Dakota"),
        State("OH", "39", "Ohio"),
        State("OK", "40", "Oklahoma"),
        State("OR", "41", "Oregon"),
        State("PA", "42", "Pennsylvania"),
        State("RI", "44", "Rhode Island"),
        State("SC", "45", "South Carolina"),
        State("SD", "46", "South Dakota"),
        State("TN", "47", "Tennessee"),
        State("TX", "48", "Texas"),
        State("UT", "49", "Utah"),
        State("VT", "50", "Vermont"),
        State("VA", "51", "Virginia"),
        State("WA", "53", "Washington"),
        State("WV", "54", "West Virginia"),
        State("WI", "55", "Wisconsin"),
        State("WY", "56", "Wyoming"),
        State("GU", "66", "Guam"),
        State("PR", "72", "Puerto Rico"),
        State("VI", "78", "Virgin Islands"),
    )
}
STATES_BY_FIPS = {state.fips: state for state in STATES.values()}


def state_named(postal):
    """The State with this postal abbreviation (any case), or None."""
    return STATES.get((postal or "").strip().upper())


def state_of_area_code(code):
    """The State whose statewide area has this BLS code ("50" or "5000000"), or None."""
    code = (code or "").strip()
    if len(code) == 7 and code.endswith("00000"):
        code = code[:2]
    return STATES_BY_FIPS.get(code) if len(code) == 2 else None


def portal_state() -> State:
    """The state the portal serves, from the `PORTAL_STATE` setting (a postal abbreviation such as "OH")."""
    state = state_named(settings.PORTAL_STATE)
    if state is None:
        raise ImproperlyConfigured(
            f"PORTAL_STATE is {settings.PORTAL_STATE!r}; set it to a state's two-letter postal code, such as OH."
        )
    return state
