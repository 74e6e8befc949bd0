"""The book's Sphinx extensions that rewrite pages (book/_ext): each does its job on a page
that needs it, and warns (so ``jupyter-book build -W`` fails) when it finds nothing to act on
where it expects something, so that a Sphinx, myst-nb or theme update cannot make it stop
silently. The hooks are called on small pages; no book is built."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book" / "_ext"))

lazy_assets = importlib.import_module("lazy_assets")
prune_widget_state = importlib.import_module("prune_widget_state")
self_hosting = importlib.import_module("self_hosting")
dedupe_assets = importlib.import_module("dedupe_assets")

MATHJAX = "vendor/mathjax-3.2.2/tex-chtml.js"
VIEW = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "%s"}</script>'
STATE_TYPE = "application/vnd.jupyter.widget-state+json"


class Warnings:
    """Stands in for an extension's Sphinx logger and keeps what it is asked to warn."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict]] = []

    def warning(self, message: str, *args: object, **kwargs: object) -> None:
        self.seen.append((message, kwargs))

    def subtypes(self) -> list[object]:
        return [kwargs.get("subtype") for _, kwargs in self.seen]

    def text(self) -> str:
        return "\n".join(message for message, _ in self.seen)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> Warnings:
    recorder = Warnings()
    for module in (lazy_assets, prune_widget_state, self_hosting, dedupe_assets):
        monkeypatch.setattr(module, "logger", recorder)
    return recorder


def _app(has_maths: bool = False, extensions: tuple[str, ...] = ()) -> SimpleNamespace:
    math = SimpleNamespace(data={"has_equations": {"page": has_maths}})
    return SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(mathjax_path=MATHJAX, self_hosting_allowed_origins=[]),
        env=SimpleNamespace(get_domain=lambda name: math),
        extensions={name: None for name in extensions},
        parallel=0,
    )


def _context(*scripts: _JavaScript, body: str = "") -> dict:
    return {
        "script_files": list(scripts),
        "css_files": [],
        "body": body,
        "pathto": lambda name, resource=0: "../" + name,
    }


def _theme_scripts() -> list[_JavaScript]:
    return [
        _JavaScript("_static/documentation_options.js", priority=200),
        _JavaScript("_static/doctools.js", priority=200),
    ]


# The one lazy loader -----------------------------------------------------------------------


def test_one_loader_serves_mathjax_and_the_widget_renderer():
    mathjax = lazy_assets.loader("../_static/m.js", *lazy_assets.MATHJAX_NEEDS)
    widgets = lazy_assets.loader("../_static/w.js", *lazy_assets.WIDGETS_NEED)
    source = (Path(lazy_assets.__file__).with_name("lazy_load.js")).read_text(encoding="utf-8")
    # Both are the file's code, without its comment, with their own arguments.
    code = source.split("(function", 1)[1].split("__ARGUMENTS__")[0]
    assert code in mathjax and code in widgets
    assert not mathjax.lstrip().startswith("//")
    arguments = '"../_static/m.js", "div.math, span.math", null, "courseLoadMathJax"'
    assert mathjax.rstrip().endswith(f"({arguments});")
    assert '"courseLoadWidgets"' in widgets and '".cell"' in widgets


# lazy_assets --------------------------------------------------------------------------------


def test_mathjax_is_replaced_by_the_loader_on_a_page_with_maths(warnings):
    context = _context(*_theme_scripts(), _JavaScript("_static/" + MATHJAX))
    lazy_assets.load_mathjax_lazily(_app(has_maths=True), "page", context)
    inline = [js for js in context["script_files"] if not js.filename]
    assert len(inline) == 1 and '"../_static/' + MATHJAX + '"' in inline[0].attributes["body"]
    assert not any(MATHJAX in str(js.filename or "") for js in context["script_files"])
    assert warnings.seen == []


def test_a_page_with_maths_but_no_mathjax_script_warns(warnings):
    lazy_assets.load_mathjax_lazily(_app(has_maths=True), "page", _context(*_theme_scripts()))
    assert warnings.subtypes() == ["missing"]
    assert MATHJAX in warnings.text()
    assert warnings.seen[0][1]["type"] == "lazy_assets"


def test_a_page_without_maths_and_without_mathjax_is_quiet(warnings):
    lazy_assets.load_mathjax_lazily(_app(has_maths=False), "page", _context(*_theme_scripts()))
    assert warnings.seen == []


def test_a_page_with_widgets_but_no_widget_renderer_warns(warnings):
    context = _context(*_theme_scripts(), body=VIEW % ("a" * 32))
    lazy_assets.load_widgets_lazily("page", context)
    assert warnings.subtypes() == ["missing"]
    assert lazy_assets.RENDERER in warnings.text()


def test_the_widget_renderer_is_replaced_by_the_loader(warnings):
    renderer = _JavaScript("_static/vendor/course-widgets/course-widgets.js")
    context = _context(*_theme_scripts(), renderer, body=VIEW % ("a" * 32))
    lazy_assets.load_widgets_lazily("page", context)
    assert renderer not in context["script_files"]
    bodies = [js.attributes.get("body", "") for js in context["script_files"]]
    assert any("courseLoadWidgets" in body for body in bodies)
    assert warnings.seen == []


def test_script_files_are_deferred_but_documentation_options(warnings):
    context = _context(*_theme_scripts())
    lazy_assets.defer_scripts("page", context)
    by_name = {js.filename: js.attributes for js in context["script_files"]}
    assert "defer" not in by_name["_static/documentation_options.js"]
    assert by_name["_static/doctools.js"]["defer"] == "defer"
    assert warnings.seen == []


def test_deferring_warns_when_documentation_options_is_gone(warnings):
    lazy_assets.defer_scripts("page", _context(_JavaScript("_static/doctools.js")))
    assert warnings.subtypes() == ["missing"]
    assert "documentation_options.js" in warnings.text()


def test_deferring_warns_when_the_page_lists_no_script_file(warnings):
    lazy_assets.defer_scripts("page", _context())
    assert warnings.subtypes() == ["missing", "missing"]


def test_figures_load_lazily(warnings):
    context = _context(body='<p><img alt="a" src="a.png" /></p>')
    doctree = nodes.section("", nodes.image(uri="a.png"))
    lazy_assets.lazy_images("page", context, doctree)
    assert context["body"] == '<p><img loading="lazy" alt="a" src="a.png" /></p>'
    assert warnings.seen == []


def test_an_image_the_rewrite_does_not_recognise_warns(warnings):
    context = _context(body='<p><IMG\nsrc="a.png"></p>')
    lazy_assets.lazy_images("page", context, nodes.section("", nodes.image(uri="a.png")))
    assert warnings.subtypes() == ["missing"]
    assert "did not recognise" in warnings.text()


def test_a_document_with_images_but_no_img_tag_in_its_body_warns(warnings):
    context = _context(body='<p><picture data-src="a.png"></picture></p>')
    lazy_assets.lazy_images("page", context, nodes.section("", nodes.image(uri="a.png")))
    assert warnings.subtypes() == ["missing"]


# prune_widget_state -------------------------------------------------------------------------


def _state(*ids: str) -> _JavaScript:
    state = {"version_major": 2, "state": {i: {"state": {}} for i in ids}}
    return _JavaScript(None, type=STATE_TYPE, body=json.dumps(state))


def test_widget_state_keeps_the_models_the_views_draw(warnings):
    shown, unseen = "a" * 32, "b" * 32
    context = _context(_state(shown, unseen), body=VIEW % shown)
    prune_widget_state.prune_widget_state("page", context)
    kept = json.loads(context["script_files"][0].attributes["body"])
    assert set(kept["state"]) == {shown}
    assert warnings.seen == []


def test_widget_views_without_saved_state_warn(warnings):
    prune_widget_state.prune_widget_state("page", _context(body=VIEW % ("a" * 32)))
    assert warnings.subtypes() == ["missing"]
    assert STATE_TYPE in warnings.text()


def test_saved_state_without_widget_views_warns_and_is_kept(warnings):
    context = _context(_state("a" * 32))
    prune_widget_state.prune_widget_state("page", context)
    assert warnings.subtypes() == ["missing"]
    assert "a" * 32 in context["script_files"][0].attributes["body"]


def test_widget_views_in_an_unknown_form_warn(warnings):
    body = "<script type='application/vnd.jupyter.widget-view+json'>{}</script>"
    context = _context(_state("a" * 32), body=body)
    prune_widget_state.prune_widget_state("page", context)
    assert warnings.subtypes() == ["missing"]
    assert "a" * 32 in context["script_files"][0].attributes["body"]


# self_hosting -------------------------------------------------------------------------------

THEBE = 'const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"; const x = ".cell"'


def test_thebe_is_pointed_at_the_site_s_own_loader(warnings):
    context = _context(*_theme_scripts(), _JavaScript(None, body=THEBE))
    self_hosting.self_host_thebe("page", context, [], expected=True)
    body = context["script_files"][-1].attributes["body"]
    assert body.startswith('const THEBE_JS_URL = "../_static/thebe-local.js";')
    assert warnings.seen == []


def test_a_page_without_thebe_s_script_warns_when_sphinx_thebe_is_loaded(warnings):
    self_hosting.self_host_thebe("page", _context(*_theme_scripts()), [], expected=True)
    assert warnings.subtypes() == ["missing"]
    self_hosting.self_host_thebe("page", _context(*_theme_scripts()), [], expected=False)
    assert len(warnings.seen) == 1


def test_thebe_s_script_in_a_new_form_warns_and_is_still_guarded(warnings):
    changed = "let THEBE_JS_URL = 'https://unpkg.com/thebe@0.9.0/lib/index.js'"
    context = _context(_JavaScript(None, body=changed))
    self_hosting.self_host_thebe("page", context, [], expected=True)
    assert warnings.subtypes() == ["missing", "external"]
    assert "https://unpkg.com/thebe@0.9.0/lib/index.js" in warnings.text()


def test_the_guard_warns_about_another_origin_and_about_an_empty_page(warnings):
    foreign = _JavaScript("https://cdn.example.org/x.js")
    context = _context(foreign, body='<img src="//e.org/a.png">')
    self_hosting.check_page("page", context, [])
    assert warnings.subtypes() == ["external", "external"]
    self_hosting.check_page("page", _context(), [])
    assert warnings.subtypes()[-1] == "missing"


def test_the_guard_warns_about_a_widget_state_it_cannot_read(warnings):
    context = _context(_JavaScript(None, type=STATE_TYPE, body="{not json"))
    self_hosting.check_page("page", context, [])
    assert warnings.subtypes() == ["missing"]


# dedupe_assets ------------------------------------------------------------------------------


def _run_dedupe(app: SimpleNamespace, *pages: list[_JavaScript]) -> None:
    for scripts in pages:
        dedupe_assets._page_context(app, "page", "page.html", _context(*scripts), None)
    dedupe_assets._build_finished(app, None)


def test_duplicate_inline_scripts_are_dropped(warnings):
    scripts = [_JavaScript(None, body="const A = 1"), _JavaScript("", body="const A = 1")]
    assert dedupe_assets.dedupe(scripts) == 1 and len(scripts) == 1
    _run_dedupe(_app(), [_JavaScript(None, body="x"), _JavaScript("", body="x")])
    assert warnings.seen == []


def test_a_build_with_nothing_to_dedupe_warns(warnings):
    _run_dedupe(_app(), _theme_scripts(), _theme_scripts())
    assert warnings.subtypes() == ["missing"]
    assert "2 pages" in warnings.text()


def test_no_dedupe_verdict_under_parallel_writing(warnings):
    app = _app()
    app.parallel = 2
    _run_dedupe(app, _theme_scripts())
    assert warnings.seen == []


def test_a_mathjax_from_another_origin_keeps_its_tag_for_the_guard(warnings):
    cdn = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"
    app = _app(has_maths=True)
    app.config.mathjax_path = cdn
    context = _context(*_theme_scripts(), _JavaScript(cdn))
    lazy_assets.load_mathjax_lazily(app, "page", context)
    self_hosting.check_page("page", context, [])
    assert warnings.subtypes() == ["external"]
    assert cdn in warnings.text()
