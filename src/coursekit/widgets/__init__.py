"""Thin ipywidgets builders over the course's models; each returns a widget, none displays."""
