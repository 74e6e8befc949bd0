"""Pathway explorer: pick (or edit) a firm's foreign-sales history, move the threshold and the
window, and see the timeline, the verdict and the rule that decided it."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import cast

import ipywidgets as widgets
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from coursekit import _validate
from coursekit._validate import _shown, instance, mapping, whole
from coursekit.pathways import (
    CASE_PROFILES,
    DEFAULT_CEILING,
    CaseProfile,
    PathwayResult,
    classify_pathway,
    share_series,
)
from coursekit.plotting import OKABE_ITO, PALETTE
from coursekit.widgets import _checks
from coursekit.widgets._display import explorer_box, show_figure
from coursekit.widgets._states import static_states

__all__ = ["pathway_explorer", "plot_timeline", "CUSTOM"]

CUSTOM = "(your own profile)"
_COLOURS = {
    "domestic": OKABE_ITO["black"],
    "gradual": OKABE_ITO["blue"],
    "born global": OKABE_ITO["vermillion"],
    "born-again global": OKABE_ITO["bluish_green"],
    "born regional": OKABE_ITO["orange"],
    "undetermined": OKABE_ITO["reddish_purple"],
}


def format_shares(shares: Mapping[int, float]) -> str:
    """``{2012: 0.05, ...}`` as editable text, one ``year: share`` per line."""
    return "\n".join(f"{year}: {share:g}" for year, share in shares.items())


def parse_shares(text: str) -> dict[int, float]:
    """Read ``year: share`` lines (``,`` ``=`` or spaces also separate; blank lines skipped).

    Raises ``ValueError`` naming the line that cannot be read. The values are checked by
    :func:`coursekit.pathways.share_series` afterwards.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected text, not {type(text).__name__}")
    out: dict[int, float] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = line.replace(":", " ").replace("=", " ").replace(",", " ").split()
        if len(parts) != 2:
            raise ValueError(
                f"line {number} ({line!r}) should read 'year: share', e.g. '2014: 0.3'"
            )
        try:
            year = int(parts[0])
            share = float(parts[1].rstrip("%")) / (100 if parts[1].endswith("%") else 1)
        except ValueError:
            raise ValueError(
                f"line {number} ({line!r}): the year must be a whole number and the share a "
                "number such as 0.3 or 30%"
            ) from None
        if year in out:
            raise ValueError(f"line {number}: the year {year} appears twice")
        out[year] = share
    if not out:
        raise ValueError("no data: write one 'year: share' line per observed year")
    return out


def plot_timeline(
    ax: Axes,
    founding_year: int,
    shares: Mapping[int, float],
    result: PathwayResult,
    *,
    share_threshold: float = 0.25,
    window_years: int = 3,
    domestic_ceiling: float = DEFAULT_CEILING,
    title: str = "",
    legend: bool = True,
) -> None:
    """Plot the foreign-sales share over time on ``ax``, with the threshold, the window(s) and
    the first year at the threshold ringed in the colour of the verdict."""
    _checks.axes(ax)
    whole(founding_year, "founding_year")
    instance(
        result, "result", PathwayResult, "the PathwayResult returned by pathways.classify_pathway()"
    )
    _validate.number(share_threshold, "share_threshold", low=0, low_open=True, high=1)
    whole(window_years, "window_years", low=0)
    _validate.number(domestic_ceiling, "domestic_ceiling", low=0, high=1)
    _checks.optional_text(title, "title", "Nordlys Analytics")
    instance(legend, "legend", bool, "True or False")
    series = share_series(shares)
    end = max(int(series.index.max()), founding_year + window_years) + 1
    ax.axvspan(
        founding_year,
        founding_year + window_years,
        color=OKABE_ITO["orange"],
        alpha=0.18,
        lw=0,
        label=f"{window_years}-year window after founding",
    )
    if result.pathway == "born-again global" and result.trigger_year is not None:
        ax.axvspan(
            result.trigger_year,
            result.trigger_year + window_years,
            color=OKABE_ITO["bluish_green"],
            alpha=0.18,
            lw=0,
            label=f"{window_years}-year window after the trigger year",
        )
        ax.axhline(
            domestic_ceiling,
            color="grey",
            lw=1,
            ls=":",
            label=f"essentially domestic: below {domestic_ceiling:.0%}",
        )
    ax.axvline(founding_year, color="grey", lw=1)
    ax.annotate(
        "founded",
        (founding_year, 0.97),
        xytext=(3, 0),
        textcoords="offset points",
        va="top",
        fontsize=9,
        color="dimgrey",
    )
    ax.axhline(
        share_threshold,
        color=OKABE_ITO["vermillion"],
        ls="--",
        lw=1.2,
        label=f"threshold: {share_threshold:.0%} of sales abroad",
    )
    ax.plot(
        series.index,
        series.to_numpy(),
        marker="o",
        color=PALETTE[0],
        lw=2,
        label="foreign share of sales (observed years)",
    )
    if result.first_year is not None:
        ax.plot(
            [result.first_year],
            [series[result.first_year]],
            marker="o",
            ms=13,
            mfc="none",
            mec=_COLOURS[result.pathway],
            mew=2,
            ls="none",
            label="first year at the threshold",
        )
    ax.set_xlim(founding_year - 1, end)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("year")
    ax.set_ylabel("share of sales abroad")
    cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)  # an AutoLocator
    heading = f"{title}: {result.pathway}" if title else result.pathway
    ax.set_title(heading, color=_COLOURS[result.pathway])
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)


def draw_timeline(
    fig: Figure,
    founding_year: int,
    shares: Mapping[int, float],
    result: PathwayResult,
    *,
    share_threshold: float = 0.25,
    window_years: int = 3,
    domestic_ceiling: float = DEFAULT_CEILING,
    title: str = "",
) -> None:
    """Clear ``fig`` and draw one firm's timeline on it (see :func:`plot_timeline`)."""
    _checks.figure(fig)
    fig.clear()
    ax = fig.add_subplot()
    plot_timeline(
        ax,
        founding_year,
        shares,
        result,
        share_threshold=share_threshold,
        window_years=window_years,
        domestic_ceiling=domestic_ceiling,
        title=title,
    )
    fig.tight_layout()


def timeline_alt(founding_year: int, shares: Mapping[int, float], result: PathwayResult) -> str:
    """Alt text for the timeline: what the chart shows and the verdict."""
    series = share_series(shares)
    span = f"{int(series.index.min())} to {int(series.index.max())}"
    return (
        f"Line chart of the share of sales made abroad, {span}, for a firm founded in "
        f"{founding_year}, against the threshold line. Verdict: {result.pathway}. {result.rule}"
    )


def verdict_html(result: PathwayResult) -> str:
    """The verdict and its rule, as a short HTML paragraph."""
    colour = _COLOURS[result.pathway]
    return (
        f'<p><strong style="color:{colour}">{result.pathway.capitalize()}</strong>: '
        f"{result.rule}</p>"
    )


def _check_profile(
    name: object, profile: object, share_threshold: float, window_years: int, born_again_gap: int
) -> None:
    """A case profile: a dict with a ``founding_year`` and ``shares`` that can be classified."""
    if not isinstance(profile, Mapping) or not {"founding_year", "shares"} <= set(profile):
        raise TypeError(
            f"profile {name!r} must be a dict with 'founding_year' and 'shares' "
            "(and optionally 'story'), such as {'founding_year': 2012, 'shares': {2013: 0.3}}, "
            f"not {type(profile).__name__} {_shown(profile)}"
        )
    try:
        classify_pathway(
            profile["founding_year"],
            profile["shares"],
            share_threshold=share_threshold,
            window_years=window_years,
            born_again_gap=born_again_gap,
            domestic_ceiling=min(DEFAULT_CEILING, share_threshold / 2),
        )
    except (TypeError, ValueError) as err:
        kind = TypeError if isinstance(err, TypeError) else ValueError
        raise kind(f"profile {name!r}: {err}") from None


def _checked_cases(
    profiles: Mapping[str, CaseProfile] | None,
    case: object,
    share_threshold: float,
    window_years: int,
    born_again_gap: int,
) -> dict[str, CaseProfile]:
    """The case profiles the explorer offers, after checking every argument of the builder."""
    _checks.between(share_threshold, "share_threshold", 0.05, 0.75, "the threshold slider's range")
    _checks.whole_between(window_years, "window_years", 0, 10, "the window slider's range")
    _checks.whole_between(born_again_gap, "born_again_gap", 1, 30, "the gap slider's range")
    if profiles is not None:
        mapping(profiles, "profiles")
        for name, profile in profiles.items():
            _check_profile(name, profile, share_threshold, window_years, born_again_gap)
    cases = dict(CASE_PROFILES if profiles is None else profiles)
    if not isinstance(case, str):
        raise TypeError(
            f"case must be the name of a case profile (text), such as {next(iter(cases))!r}, "
            f"not {type(case).__name__} {_shown(case)}"
        )
    if case not in cases:
        raise ValueError(f"No case profile {case!r}; choose one of {', '.join(cases)}")
    return cases


class _Explorer:
    """The explorer's widgets and the three observers that keep them consistent.

    Choosing a case fills the founding year and the shares; editing either by hand switches the
    case to :data:`CUSTOM`. ``_filling`` tells the two apart: it is ``True`` only while a case
    fills the boxes, so those changes are not taken for the student's edits.
    """

    def __init__(
        self,
        cases: dict[str, CaseProfile],
        case: str,
        share_threshold: float,
        window_years: int,
        born_again_gap: int,
    ) -> None:
        self.cases = cases
        self._filling = False
        self.case = widgets.Dropdown(
            options=[*cases, CUSTOM], value=case, description="Case", layout={"width": "22em"}
        )
        self.founded = widgets.IntText(
            value=int(cases[case]["founding_year"]),
            description="Founded",
            layout={"width": "12em"},
        )
        self.shares = widgets.Textarea(
            value=format_shares(cases[case]["shares"]),
            description="Shares",
            placeholder="2014: 0.3",
            rows=8,
            layout={"width": "16em"},
        )
        self.threshold = widgets.FloatSlider(
            value=share_threshold,
            min=0.05,
            max=0.75,
            step=0.01,
            description="Threshold",
            readout_format=".0%",
            continuous_update=False,
        )
        self.window = widgets.IntSlider(
            value=window_years, min=0, max=10, description="Window (yrs)", continuous_update=False
        )
        self.gap = widgets.IntSlider(
            value=born_again_gap,
            min=1,
            max=30,
            description="Born-again gap",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.story = widgets.HTML()
        self.verdict = widgets.HTML()
        self.chart = widgets.Output()
        # One figure for the widget's lifetime, outside pyplot: never auto-shown, never stacked.
        self.fig = Figure(figsize=(8.2, 3.6))
        self.state: dict[str, object] = {"result": None}

    def _set_quietly(self, control: widgets.ValueWidget, value: object) -> None:
        """Set ``control`` without :meth:`on_edit` taking the change for the student's edit."""
        self._filling = True
        try:
            control.value = value
        finally:
            self._filling = False

    def fill_from_case(self, *_: object) -> None:
        """The chosen case's founding year, shares and story (or a prompt for your own)."""
        if self.case.value == CUSTOM:
            self.story.value = "<em>Edit the founding year and the 'year: share' lines.</em>"
            return
        profile = self.cases[self.case.value]
        self._set_quietly(self.founded, int(profile["founding_year"]))
        self._set_quietly(self.shares, format_shares(profile["shares"]))
        story = profile.get("story")
        self.story.value = f"<em>{story}</em> (an illustrative, invented case)" if story else ""
        self.update()

    def on_edit(self, *_: object) -> None:
        """A hand edit of the year or the shares makes the profile the student's own."""
        if self._filling:
            return
        if self.case.value != CUSTOM:
            profile = self.cases[self.case.value]
            edited = self.shares.value.strip() != format_shares(profile["shares"]) or int(
                self.founded.value
            ) != int(profile["founding_year"])
            if edited:
                self._set_quietly(self.case, CUSTOM)
                self.story.value = "<em>Your own profile (edited).</em>"
        self.update()

    def update(self, *_: object) -> PathwayResult | None:
        """Classify the profile shown and redraw; ``None`` (and the reason) if it cannot be."""
        ceiling = min(DEFAULT_CEILING, self.threshold.value / 2)
        try:
            shares = parse_shares(self.shares.value)
            result = classify_pathway(
                self.founded.value,
                shares,
                share_threshold=self.threshold.value,
                window_years=self.window.value,
                born_again_gap=self.gap.value,
                domestic_ceiling=ceiling,
            )
        except (ValueError, TypeError) as err:
            # the message may quote the student's own text (parse_shares): escape it
            self.verdict.value = (
                '<p style="color:#D55E00"><strong>Cannot classify:</strong> '
                f"{html.escape(str(err))}</p>"
            )
            self.state["result"] = None
            return None
        self.verdict.value = verdict_html(result)
        founded = int(self.founded.value)
        draw_timeline(
            self.fig,
            founded,
            shares,
            result,
            share_threshold=self.threshold.value,
            window_years=self.window.value,
            domestic_ceiling=ceiling,
            title=self.case.value if self.case.value != CUSTOM else "Your profile",
        )
        show_figure(self.chart, self.fig, alt=timeline_alt(founded, shares, result))
        self.state["result"] = result
        return result

    def connect(self) -> None:
        """Observe the controls, then show the first case."""
        self.case.observe(self.fill_from_case, names="value")
        for control in (self.founded, self.shares):
            control.observe(self.on_edit, names="value")
        for control in (self.threshold, self.window, self.gap):
            control.observe(self.update, names="value")
        self.fill_from_case()

    def box(self) -> widgets.VBox:
        """The laid-out widget, with the hooks tests drive (see :func:`explorer_box`)."""
        return explorer_box(
            [
                widgets.HBox([self.case, self.founded]),
                self.story,
                widgets.HBox([self.shares, widgets.VBox([self.threshold, self.window, self.gap])]),
                self.verdict,
                self.chart,
            ],
            update=self.update,
            figure=self.fig,
            state=self.state,
            controls={
                "case": self.case,
                "founding_year": self.founded,
                "shares": self.shares,
                "threshold": self.threshold,
                "window": self.window,
                "gap": self.gap,
            },
            outputs={"chart": self.chart, "verdict": self.verdict, "story": self.story},
        )


@static_states(
    case=["Ostrava Tools", "Nordlys Analytics", "Marlow Furniture"], window=[1, 3, 6]
)  # threshold and gap stay fixed
def pathway_explorer(
    profiles: Mapping[str, CaseProfile] | None = None,
    *,
    case: str = "Nordlys Analytics",
    share_threshold: float = 0.25,
    window_years: int = 3,
    born_again_gap: int = 10,
) -> widgets.VBox:
    """Build the explorer; returns the widget (display it as a cell's last expression).

    ``profiles`` (default :data:`coursekit.pathways.CASE_PROFILES`) maps a name to
    ``{"founding_year": ..., "shares": {year: share}, "story": ...}``; ``box.state["result"]``
    holds the last :class:`~coursekit.pathways.PathwayResult` shown (``None`` if the profile
    cannot be classified).
    """
    cases = _checked_cases(profiles, case, share_threshold, window_years, born_again_gap)
    explorer = _Explorer(cases, case, share_threshold, window_years, born_again_gap)
    explorer.connect()
    return explorer.box()
