"""Bounds on what template code may ask for: loop steps, string and number sizes, output, recursion.

Templates (a firm's overrides included) run in Jinja's immutable sandbox, which stops them from reaching
Python's internals but not from asking for `'a' * 10**10`, `range(10**9)` inside another loop, a string
doubled in a loop, or `'{:>9999999999}'.format(x)`. `BoundedSandbox` refuses each of these with a
SecurityError before the memory is taken: every loop step and every `range` counts against one budget
per render, a string made by an operator, a filter or a method may not exceed MAX_STRING characters,
a width or count argument MAX_WIDTH, a number MAX_BITS bits, and a render MAX_OUTPUT characters.
"""

from __future__ import annotations

import contextvars
import re
import types
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_STEPS = 5_000_000  # loop steps in one render: the text and HTML of 20,000 holdings take 76,000
MAX_RANGE = 1_000_000  # items of one range()
MAX_STRING = 4_000_000  # characters of one string made in a template (a filing's whole HTML is an output)
MAX_OUTPUT = 256_000_000  # characters of one render's output (the Inline XBRL of 25,000 holdings is 52 million)
MAX_WIDTH = 10_000  # a width, padding, count or repeat given to a filter or a string method
MAX_BITS = 10_000  # bits of a number made in a template (about 3,000 digits)
MAX_DEPTH = 50  # nested macro calls (includes are held by the recursion limit)

# Filters whose numeric arguments size their result (width, count, lines): those arguments are bounded.
SIZING_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "replace")
_FORMAT_NUMBER = re.compile(r"\d+")

# Per render (shared by the templates it includes): [loop steps left, macros open].
_budget: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("template_budget", default=None)


def _spend(steps: int) -> None:
    budget = _budget.get()
    if budget is None:
        return
    budget[0] -= steps
    if budget[0] < 0:
        raise SecurityError(f"the template takes more than {MAX_STEPS:,} loop steps in one render")


def _size(value: Any) -> int:
    """Characters a value holds when it is text, or the text of its items when it is a list."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(len(v) if isinstance(v, str) else 1 for v in value)
    return 0


def _check_string(value: Any, what: str = "a string") -> Any:
    if _size(value) > MAX_STRING:
        raise SecurityError(f"the template makes {what} of more than {MAX_STRING:,} characters")
    return value


def _check_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        raise SecurityError(f"the template makes a number of more than {MAX_BITS:,} bits")
    return value


def _check_width(value: Any, what: str) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
        raise SecurityError(f"{what}: {value} is more than the {MAX_WIDTH:,} a template may ask for")


def _check_format(text: Any, what: str) -> None:
    """A %-format or str.format string: every width or precision written in it is bounded."""
    if isinstance(text, str):
        for number in _FORMAT_NUMBER.findall(text):
            if len(number) > 5 and ("%" in text or "{" in text):
                _check_width(int(number[:12]), what)


def bounded_range(*args: int) -> range:
    """range(), of at most MAX_RANGE items, each counted as a loop step."""
    for arg in args:
        _check_number(arg)
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise SecurityError(f"range of {len(items):,} items; a template may ask for {MAX_RANGE:,} at most")
    return items


def _bounded_filter(name: str, function):
    """The filter, refusing a width or count above MAX_WIDTH and a result above MAX_STRING."""
    passes = getattr(function, "jinja_pass_arg", None)  # Jinja passes the context or environment first

    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, *rest = args[1:] if passes is not None else args
        for item in (*rest, *kwargs.values()):
            _check_width(item, f"the {name} filter")
        if name == "format":
            _check_format(value, "the format filter")
        if name == "replace" and len(rest) >= 2 and isinstance(value, str) and isinstance(rest[0], str):
            _check_replace(value, rest[0], rest[1])
        return _check_string(function(*args, **kwargs))
    bounded.__name__ = getattr(function, "__name__", name)
    if passes is not None:
        bounded.jinja_pass_arg = passes  # type: ignore[attr-defined]
    return bounded


def _check_replace(text: str, old: str, new: Any) -> None:
    times = text.count(old) if old else len(text) + 1
    if len(text) + max(0, _size(new) - len(old)) * times > MAX_STRING:
        raise SecurityError(f"a replacement would make more than {MAX_STRING:,} characters")


class _Bounds(jinja2.visitor.NodeTransformer):
    """Wrap every loop's iterable and every `~` joining in a call that counts or measures it."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_loop"), [node.iter], [], None, None,
                               lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("bounded_text"), [node], [], None, None, lineno=node.lineno)


class TemplateFailure(jinja2.TemplateError):
    """A template failed at a known line (a refused size, an error in its own code); the message is for the
    user: `templates/text/cover.txt.j2:3: ZeroDivisionError: division by zero`."""


class BoundedTemplate(jinja2.Template):
    """A template whose render keeps to one budget of loop steps and to MAX_OUTPUT characters, and whose
    failures name the template line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        outer = _budget.get() is None
        token = _budget.set([MAX_STEPS, 0]) if outer else None
        try:
            try:
                return self._render(dict(*args, **kwargs))
            except Exception:
                self.environment.handle_exception()  # raises the error with the template lines as its stack
        except Exception as error:
            raise _located(error, self.environment) from None
        finally:
            if token is not None:
                _budget.reset(token)
        raise AssertionError("unreachable")

    def _render(self, variables: dict) -> str:
        out, size = [], 0
        for piece in self.root_render_func(self.new_context(variables)):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters")
            out.append(piece)
        return self.environment.concat(out)  # type: ignore[attr-defined]


def _located(error: Exception, env: jinja2.Environment) -> Exception:
    """The error to raise: a template error, or an error in a user's template, named by its template line;
    anything else (an error in elevenk's own code or templates: a bug) unchanged."""
    if isinstance(error, TemplateFailure):
        return error
    roots = list(getattr(env.loader, "roots", []))
    user = roots[:-1]  # the last folder of the search path is elevenk's own
    if isinstance(error, RecursionError):
        where = template_frame(error, roots)
        what = "templates include or call each other too deeply"
        return TemplateFailure(f"{where[0]}:{where[1]}: {what}" if where else what)
    where = template_frame(error, roots if isinstance(error, jinja2.TemplateError) else user)
    if where is None:
        return error
    what = str(error) if isinstance(error, jinja2.TemplateError) else f"{type(error).__name__}: {error}"
    return TemplateFailure(f"{where[0]}:{where[1]}: {what}")


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with every size bounded (see the module's docstring)."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range
        self.globals.pop("lipsum", None)  # lipsum(n=10**9) would write a billion paragraphs
        for name in SIZING_FILTERS:
            if name in self.filters:
                self.filters[name] = _bounded_filter(name, self.filters[name])

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _Bounds().visit(super()._parse(source, name, filename))

    # ------------------------------------------------------------ called from compiled templates

    def bounded_loop(self, iterable: Iterable) -> Iterator:
        """The items of a loop, each a step of the render's budget."""
        for item in iterable:
            _spend(1)
            yield item

    def bounded_text(self, text: str) -> str:
        if len(text) > MAX_STRING:
            raise SecurityError(f"the template makes a string of more than {MAX_STRING:,} characters")
        return text

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(times, int) and not isinstance(times, bool) and _size(seq) * max(times, 0) > MAX_STRING:
                    raise SecurityError(f"the template repeats a value into more than {MAX_STRING:,} characters")
                if isinstance(times, int) and isinstance(seq, (list, tuple)) and len(seq) * max(times, 0) > MAX_RANGE:
                    raise SecurityError(f"the template repeats a list into more than {MAX_RANGE:,} items")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
                raise SecurityError(f"the template makes a number of more than {MAX_BITS:,} bits")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and \
                    right * max(1, abs(left).bit_length()) > MAX_BITS:
                raise SecurityError(f"the template makes a number of more than {MAX_BITS:,} bits")
            if isinstance(right, (int, float)) and abs(right) > MAX_WIDTH:
                raise SecurityError(f"an exponent of {right}: more than {MAX_WIDTH:,}")
        elif operator == "%" and isinstance(left, str):
            _check_format(left, "a %-format")
            for value in right if isinstance(right, (tuple, list)) else (right,):
                _check_width(value, "a %-format argument")
        result = self.binop_table[operator](left, right)
        kind = type(result)
        if kind is int:
            return _check_number(result)
        return _check_string(result) if kind is not float else result

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        kind = type(__obj)  # the common calls (elevenk's own functions) pass with two type checks
        if kind is jinja2.runtime.Macro:
            return __self._call_macro(__context, __obj, *args, **kwargs)
        if kind in _PLAIN:
            # A bound method has none of these names itself: it reads them from its function, as here, where a
            # name it lacks costs no AttributeError raised and caught inside the method's lookup.
            function = __obj.__func__ if kind is types.MethodType else __obj
            if (function.__module__ or "").startswith(_OWN) and getattr(function, "jinja_pass_arg", None) is None \
                    and not getattr(function, "unsafe_callable", False) and not getattr(function, "alters_data", False):
                return _call_own(__context, __obj, args, kwargs)
        if kind is types.BuiltinMethodType and isinstance(__obj.__self__, (str, list, tuple)):
            args = _checked_method(__obj, args, kwargs)
        elif kind is types.FunctionType and getattr(__obj, "__wrapped__", None) is not None:
            wrapped = __obj.__wrapped__  # str.format, as the sandbox wraps it
            if getattr(wrapped, "__name__", "") in ("format", "format_map") and isinstance(wrapped.__self__, str):
                _check_format(wrapped.__self__, "a str.format width")
                for item in (*args, *kwargs.values()):
                    _check_width(item, "a str.format argument")
                return _check_string(super().call(__context, __obj, *args, **kwargs))
        return super().call(__context, __obj, *args, **kwargs)

    def _call_macro(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805
                    *args: Any, **kwargs: Any) -> Any:
        """A macro's output is its own string, made before the render counts it: measured here."""
        budget = _budget.get() or [MAX_STEPS, 0]
        budget[1] += 1
        try:
            if budget[1] > MAX_DEPTH:
                raise SecurityError(f"macros call each other more than {MAX_DEPTH} deep")
            return _check_string(_call_own(__context, __obj, args, kwargs))
        finally:
            budget[1] -= 1


_PLAIN = (types.FunctionType, types.MethodType)
# elevenk's own functions, when they ask for no context and carry no unsafe marker (as the sandbox checks):
# a template cannot define one, only call those it is given.
_OWN = "generator."


def _call_own(context: jinja2.runtime.Context, function: Any, args: tuple, kwargs: dict) -> Any:
    """A macro or one of elevenk's own functions (a template global, a method of its data): what the sandbox
    and Context.call do for a callable that asks for no context and carries no unsafe marker, without looking
    for them on every call (a long schedule makes 27 calls a row)."""
    kwargs.pop("_loop_vars", None)
    kwargs.pop("_block_vars", None)
    try:
        return function(*args, **kwargs)
    except StopIteration:
        return context.environment.undefined("value was undefined because a callable raised a StopIteration exception")


def _checked_method(method: Any, args: tuple, kwargs: dict) -> tuple:
    """The arguments of a str, list or tuple method, refused when they would make it too large (join's
    iterable is read into a list first, to measure it)."""
    for value in (*args, *kwargs.values()):
        _check_width(value, f"{method.__name__}()")
        _check_string(value, "an argument")
    owner = method.__self__
    if method.__name__ == "replace" and len(args) >= 2 and isinstance(owner, str):
        _check_replace(owner, args[0], args[1])
    if method.__name__ == "join" and len(args) == 1 and isinstance(owner, str):
        items = args[0] if isinstance(args[0], (list, tuple)) else list(islice(args[0], MAX_RANGE + 1))
        if _size(items) + len(owner) * len(items) > MAX_STRING:
            raise SecurityError(f"join() would make more than {MAX_STRING:,} characters")
        args = (items,)
    return args


def template_frame(error: BaseException, roots: list[Path]) -> tuple[str, int] | None:
    """The innermost line of a template under roots that the error passed through (Jinja rewrites
    tracebacks to template lines), as (file, line); None when it did not pass through one."""
    found = None
    tb = error.__traceback__
    resolved = [Path(r).resolve() for r in roots]
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2") and any(Path(name).resolve().is_relative_to(r) for r in resolved):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found
