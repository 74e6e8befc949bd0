"""The course's figure style: one colour-blind-safe palette (Okabe & Ito) and a few defaults."""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

__all__ = ["PALETTE", "OKABE_ITO", "use_course_style"]

#: Okabe & Ito's palette (Color Universal Design), distinguishable under the common colour-vision
#: deficiencies; black is moved last so lines and bars start with colours.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
#: The cycle used by every course figure. Yellow sits late: it is weak on white.
PALETTE: list[str] = [
    OKABE_ITO[k]
    for k in (
        "blue",
        "orange",
        "bluish_green",
        "vermillion",
        "sky_blue",
        "reddish_purple",
        "yellow",
        "black",
    )
]


def use_course_style() -> None:
    """Set matplotlib defaults for course figures (palette, sizes, no top/right spines)."""
    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=PALETTE),
            "figure.figsize": (7.0, 4.0),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titleweight": "bold",
            "axes.grid": True,
            "grid.alpha": 0.3,
            "font.size": 10.5,
            "legend.frameon": False,
            "svg.hashsalt": "coursekit",
        }
    )
    # PNGs at twice the pixel density (sharp on high-density screens and phones); the inline
    # backend records half that size as the display width, so layouts do not change.
    from IPython import get_ipython

    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")
