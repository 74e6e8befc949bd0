"""coursekit: the Going Global course's models, data, widgets and exercise checks."""

from __future__ import annotations

from coursekit.checks import CheckResult, check, progress

__all__ = ["CheckResult", "check", "progress", "__version__"]
__version__ = "0.1.0"
