"""Template code is bounded: what would take unbounded memory or time is refused with the template's line, and
an error in a firm's own template is its message (exit 2), never "a bug in elevenk"."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from jinja2.sandbox import SecurityError

from generator.cli import main
from generator.render.templating import environment

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "bad_inputs" / "valid_minimal.yaml"

REFUSED = {
    "{{ 'a' * 10**10 }}": "repeats a value into more than 4,000,000 characters",
    "{{ [1] * 10**9 }}": "repeats a value",
    "{{ 10**10 * 'ab' }}": "repeats a value",
    "{{ 'x'.ljust(10**10) }}": "ljust(): 10000000000 is more than the 10,000",
    "{{ 'x'.zfill(10**9) }}": "zfill(): 1000000000 is more than the 10,000",
    "{{ 'x'|center(10**10) }}": "the center filter: 10000000000",
    "{{ 'x'|indent(10**9) }}": "the indent filter",
    "{{ [1]|batch(10**9, 'x')|list }}": "the batch filter",
    "{{ range(10**9)|list }}": "range of 1,000,000,000 items",
    "{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}": "more than 5,000,000 loop steps",
    "{{ '%0999999999d' % 1 }}": "a %-format: 999999999",
    "{{ '%*d' % (10**9, 1) }}": "a %-format argument",
    "{{ '{:>9999999999}'.format(1) }}": "a str.format width",
    "{{ '{0:>{1}}'.format(1, 10**9) }}": "a str.format argument",
    "{{ '%s'|format('x')|center(10**8) }}": "the center filter",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}":
        "a string of more than 4,000,000 characters",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}":
        "a string of more than 4,000,000 characters",
    "{% macro f(s, n) %}{{ f(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ f('a', 60) }}":
        "a string of more than 4,000,000 characters",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}": "call each other",
    "{{ 2 ** 100000 }}": "a number of more than 10,000 bits",
    "{{ ('a' * 1000000)|replace('a', 'b' * 1000) }}": "a replacement would make",
    "{{ ('a' * 1000000).replace('a', 'b' * 1000) }}": "a replacement would make",
    "{{ (' ' * 1000000).join(range(100000)|map('string')) }}": "join() would make",
}


@pytest.mark.parametrize("source", list(REFUSED))
def test_unbounded_template_code_is_refused_quickly(source: str):
    started = time.perf_counter()
    with pytest.raises(SecurityError, match=REFUSED[source].replace("(", r"\(").replace(")", r"\)")):
        environment().from_string(source).render()
    assert time.perf_counter() - started < 15


@pytest.mark.parametrize("source, output", [
    ("{{ 'ab' * 3 }}", "ababab"), ("{{ range(5)|join(',') }}", "0,1,2,3,4"), ("{{ 'x' * -2 }}", ""),
    ("{{ '%5.1f|%-4s|' % (3.14159, 'ab') }}", "  3.1|ab  |"), ("{{ '{:>6}'.format('ab') }}", "    ab"),
    ("{{ 2 ** 64 }}", str(2 ** 64)), ("{% set ns = namespace(n=0) %}{% for i in range(1000) %}"
                                      "{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}", "499500"),
])
def test_ordinary_template_code_still_works(source: str, output: str):
    assert environment().from_string(source).render() == output


def _own(function):
    """function as if elevenk defined it: the sandbox's quick path for its own functions."""
    function.__module__ = "generator.render.example"
    return function


def test_elevenk_functions_called_the_quick_way_keep_the_sandboxs_rules():
    from jinja2 import pass_context

    def unsafe() -> str:
        return "called"
    unsafe.unsafe_callable = True  # the sandbox refuses a callable so marked, elevenk's own or not
    with pytest.raises(SecurityError, match="not safely callable"):
        environment().from_string("{{ f() }}").render(f=_own(unsafe))
    marked = _own(lambda: "called")
    marked.alters_data = True
    with pytest.raises(SecurityError, match="not safely callable"):
        environment().from_string("{{ f() }}").render(f=marked)
    # A function that asks for the context still gets it, loop variables included.
    shown = _own(pass_context(lambda context, n: f"{context['who']}{n}"))
    assert environment().from_string("{% for n in [1, 2] %}{{ f(n) }}{% endfor %}").render(f=shown, who="x") == "x1x2"

    def stops():
        raise StopIteration
    assert environment().from_string("{{ f() is undefined }}").render(f=_own(stops)) == "True"
    assert environment().from_string("{% for n in [3] %}{{ f(n, k=n) }}{% endfor %}").render(
        f=_own(lambda n, k: n * k)) == "9"


def test_elevenk_methods_called_the_quick_way_keep_the_sandboxs_rules():
    """A bound method's markers are its function's: read there, they refuse or pass it as through the method."""
    from jinja2 import pass_context

    class Figures:
        def plain(self, n):
            return f"plain {n}"

        def unsafe(self):
            return "called"
        unsafe.unsafe_callable = True

        def altering(self):
            return "called"
        altering.alters_data = True

        @pass_context
        def with_context(self, context, n):
            return f"{context['who']}{n}"
    for function in vars(Figures).values():
        if callable(function):
            _own(function)
    figures = Figures()
    assert environment().from_string("{{ g.plain(2) }}").render(g=figures) == "plain 2"
    for name in ("unsafe", "altering"):
        with pytest.raises(SecurityError, match="not safely callable"):
            environment().from_string(f"{{{{ g.{name}() }}}}").render(g=figures)
    assert environment().from_string("{% for n in [1, 2] %}{{ g.with_context(n) }}{% endfor %}").render(
        g=figures, who="x") == "x1x2"


def test_a_render_writes_at_most_max_output_characters(monkeypatch: pytest.MonkeyPatch):
    from generator.render import template_limits

    monkeypatch.setattr(template_limits, "MAX_OUTPUT", 1_000_000)  # the real limit is 256 million
    with pytest.raises(SecurityError, match="writes more than 1,000,000 characters"):
        environment().from_string("{% for i in range(2000) %}{{ 'x' * 1000 }}{% endfor %}").render()
    assert len(environment().from_string("{% for i in range(900) %}{{ 'x' * 1000 }}{% endfor %}").render()) == 900_000


def test_lipsum_is_not_there_to_ask_for_a_billion_paragraphs():
    with pytest.raises(Exception, match="'lipsum' is undefined"):
        environment().from_string("{{ lipsum(10**9) }}").render()


def _build_with_cover(tmp_path: Path, body: str, formats: str = "text"):
    source = tmp_path / "plan" / "2001.yaml"
    source.parent.mkdir(exist_ok=True)
    source.write_text(MINIMAL.read_text())
    folder = tmp_path / "tpl" / ("text" if formats == "text" else "html")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("cover.txt.j2" if formats == "text" else "cover.html.j2")).write_text(body)
    return CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "out"), "--format", formats,
                                     "--templates", str(tmp_path / "tpl")])


@pytest.mark.parametrize("body, message", [
    ("line one\n{{ 1 / 0 }}\n", "tpl/text/cover.txt.j2:2: ZeroDivisionError: division by zero"),
    ("{{ 'a' * 10**10 }}", "tpl/text/cover.txt.j2:1: the template repeats a value into more than 4,000,000"),
    ("{{ no_such_value }}", "tpl/text/cover.txt.j2:1: 'no_such_value' is undefined"),
    ("{% include 'text/cover.txt.j2' %}", "tpl/text/cover.txt.j2:1: templates include or call each other too deeply"),
    ("{{ py.plan.name.no_such_method() }}", "tpl/text/cover.txt.j2:1: "),
])
def test_an_error_in_a_template_override_is_located_with_exit_2(tmp_path: Path, body: str, message: str):
    result = _build_with_cover(tmp_path, body)
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert f"not built: {tmp_path / message}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("markup", ['<img src="http://example.com/pixel.gif">', '<a href="https://example.com/">x</a>',
                                    '<div onclick="alert(1)">x</div>', "<script>alert(1)</script>",
                                    '<meta http-equiv="refresh" content="0;url=http://example.com/">',
                                    '<p style="background: url(http://example.com/x.png)">x</p>'])
def test_an_override_cannot_make_the_edgar_html_reach_outside(tmp_path: Path, markup: str):
    cover = (ROOT / "templates" / "html" / "cover.html.j2").read_text()
    result = _build_with_cover(tmp_path, markup + "\n" + cover, "html")
    assert result.exit_code == 1, result.output
    assert "not built: the EDGAR HTML filing breaks EDGAR's rules" in result.stderr
    assert not (tmp_path / "out").exists()
