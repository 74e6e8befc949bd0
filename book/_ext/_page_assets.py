"""Helpers for the local extensions that edit a page's script and stylesheet lists
(``script_files`` and ``css_files`` in Sphinx's ``html-page-context``). Not an extension."""

from __future__ import annotations

from typing import Any

__all__ = ["attributes", "filename", "inline_script", "is_inline"]


def filename(asset: Any) -> str:
    """The asset's file ("" for an inline script: Sphinx gives it as None or "")."""
    return str(getattr(asset, "filename", asset) or "")


def attributes(asset: Any) -> dict[str, str]:
    """A copy of the asset's attributes (an inline script's text is ``body``)."""
    return dict(getattr(asset, "attributes", {}) or {})


def is_inline(asset: Any) -> bool:
    return not filename(asset)


def inline_script(js: Any, **attrs: str) -> Any:
    """An inline script with ``js``'s priority, replacing ``js`` in a page's list."""
    return type(js)(None, priority=js.priority, **attrs)
