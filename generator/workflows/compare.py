"""Blackline: what changed between two plan-year files, figure by figure and note by note (a word diff).

Figures come from the loaded YAML, not the validated model, so a half-filled rollforward (values still TODO)
compares too. When the new file is the next plan year, the years are lined up: this year's current figures
against last year's, and this year's prior balances against last year's current ones (they differ only
when restated); last year's prior balances are two years old and left out. Notes are compared as printed,
their quoted figures filled in, when the file computes; as written otherwise.
Pure: data in, a Comparison out; the command line reads the files and writes the HTML.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from ..money import AmountError, parse_amount

MONEY_SECTIONS = ("investments", "net assets", "changes", "facts")
# In the next year's file, a figure that restates one of last year's: its field -> last year's field.
CARRIED = {"prior": "current", "net_assets_beginning": "net_assets_end"}
PARAGRAPH = "\n"  # the token that separates paragraphs in a word diff


@dataclass(frozen=True)
class FigureChange:
    """One value that differs: an amount, a date, a description, a flag."""

    section: str
    item: str  # holding identity, line label, or the key's path
    field: str
    old: str | None  # as written; None when the value is absent from that file
    new: str | None

    @property
    def status(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def delta(self) -> Decimal | None:
        """new - old, when both are amounts in a money section."""
        old, new = _amount(self.old, self.section), _amount(self.new, self.section)
        return new - old if old is not None and new is not None else None

    def shown(self, side: str) -> str:
        """The value for print: amounts grouped by thousands, absent as a dash."""
        value = getattr(self, side)
        amount = _amount(value, self.section)
        return "-" if value is None else f"{amount:,}" if amount is not None else value


@dataclass(frozen=True)
class Run:
    """A stretch of words a word diff kept, deleted or inserted."""

    op: str  # equal | delete | insert
    text: str


@dataclass(frozen=True)
class NoteChange:
    """A note that differs between the files, with its text as paragraphs of runs."""

    old_number: int | None
    new_number: int | None
    old_title: str | None
    new_title: str | None
    paragraphs: list[list[Run]] = field(default_factory=list)
    old_review: str | None = None
    new_review: str | None = None

    @property
    def status(self) -> str:
        return "added" if self.old_number is None else "removed" if self.new_number is None else "changed"

    @property
    def title(self) -> str:
        return self.new_title if self.new_title is not None else self.old_title or ""

    @property
    def text_changed(self) -> bool:
        return any(run.op != "equal" for paragraph in self.paragraphs for run in paragraph)


@dataclass
class Comparison:
    """Every difference between two plan-year files, and how much stayed the same."""

    old_name: str
    new_name: str
    figures: list[FigureChange] = field(default_factory=list)
    notes: list[NoteChange] = field(default_factory=list)
    same_figures: int = 0
    same_notes: int = 0
    notes_as: tuple[str, str] = ("written", "written")  # how each file's notes were read: printed | written
    next_year: bool = False  # the new file is the plan year after the old one's: years lined up

    @property
    def identical(self) -> bool:
        return not self.figures and not self.notes


@dataclass(frozen=True)
class NoteText:
    """A note as a reader sees it: its title and paragraphs (and the review mark a rollforward leaves)."""

    title: str
    paragraphs: list[str]
    review: str | None = None


def compare(old: dict, new: dict, old_name: str = "old", new_name: str = "new",
            old_notes: list[NoteText] | None = None, new_notes: list[NoteText] | None = None) -> Comparison:
    """Compare two loaded plan-year mappings; notes as printed when given (see printed_notes), else as written."""
    result = Comparison(old_name, new_name, notes_as=("written" if old_notes is None else "printed",
                                                      "written" if new_notes is None else "printed"))
    a, b = _figures(old), _figures(new)
    years = _year(old), _year(new)
    result.next_year = None not in years and years[1] == years[0] + 1
    for key in list(a) + [k for k in b if k not in a]:
        pair = _pair(a, b, key, result.next_year)
        if pair is None:
            continue
        if pair[0] == pair[1]:
            result.same_figures += 1
        else:
            result.figures.append(FigureChange(*key, *pair))
    result.notes, result.same_notes = _compare_notes(
        written_notes(old) if old_notes is None else old_notes, written_notes(new) if new_notes is None else new_notes)
    return result


def _year(data: dict) -> int | None:
    """The plan year of a loaded file: the year of filing.fiscal_year_end, or None if it is not a date yet."""
    text = _text(_dict(data.get("filing")).get("fiscal_year_end"))
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _pair(a: dict, b: dict, key: tuple[str, str, str], next_year: bool) -> tuple[str | None, str | None] | None:
    """The old and new values compared under key; None when there is nothing to compare.

    For the next year's file, a prior balance is last year's current one (CARRIED): the new file's
    `prior` is compared with the old file's `current`, and the old file's own `prior` (two years back)
    is left out.
    """
    head, _, last = key[2].rpartition(".")
    if not next_year or last not in CARRIED:
        return a.get(key), b.get(key)
    if key not in b:
        return None
    return a.get((key[0], key[1], f"{head}.{CARRIED[last]}" if head else CARRIED[last])), b[key]


# ---------------------------------------------------------------- figures


def _amount(value: str | None, section: str) -> Decimal | None:
    if value is None or section not in MONEY_SECTIONS:
        return None
    try:
        return parse_amount(value)
    except AmountError:
        return None


def _text(value) -> str:
    """A scalar as written in the YAML."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    if isinstance(value, (int, dt.date)) and hasattr(value, "source"):
        return value.source
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _flat(value, prefix: str = ""):
    """(dotted key, text) for each scalar below value; a list of scalars is one value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flat(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            yield from _flat(item, f"{prefix}[{i}]")
    else:
        yield prefix, _text(value)


def _unique(name: str, seen: dict[str, int]) -> str:
    """The same identity twice in a file: the second is 'name (2)'."""
    seen[name] = seen.get(name, 0) + 1
    return name if seen[name] == 1 else f"{name} ({seen[name]})"


def _figures(data: dict) -> dict[tuple[str, str, str], str]:
    """Every compared value, keyed by (section, item, field), in file order."""
    out: dict[tuple[str, str, str], str] = {}

    def put(section: str, item: str, values) -> None:
        for name, text in values:
            out[(section, item, name)] = text

    seen: dict[str, int] = {}
    for group in _list(data.get("investments")):
        for h in _list(_dict(group).get("holdings")):
            h = _dict(h)
            item = _unique(_text(h.get("identity")), seen)
            put("investments", item, [("group", _text(_dict(group).get("caption")))])
            put("investments", item, _flat({k: v for k, v in h.items() if k != "identity"}))
    na = _dict(data.get("net_assets"))
    lines = [("", na.get("cash"))] + [(" receivable", ln) for ln in _list(na.get("receivables"))] + \
            [(" (liability)", ln) for ln in _list(na.get("liabilities"))]
    for suffix, line in lines:
        if isinstance(line, dict):
            put("net assets", _text(line.get("label")) + suffix,
                _flat({k: v for k, v in line.items() if k != "label"}))
    for name, pair in _dict(na.get("stated")).items():
        put("net assets", f"stated {name}", _flat(pair))
    nr = _dict(na.get("notes_receivable"))
    put("net assets", "notes receivable", _flat({k: v for k, v in nr.items() if k != "loans"}))
    loans: dict[str, int] = {}
    for loan in map(_dict, _list(nr.get("loans"))):  # a loan is known by its rate and maturity
        item = _unique(f"loan at {_text(loan.get('rate'))} due {_text(loan.get('maturity'))}", loans)
        put("net assets", item, [("balance", _text(loan.get("balance")))])
    _rest(put, "net assets", na, ("cash", "receivables", "liabilities", "stated", "notes_receivable"))
    ch = _dict(data.get("changes"))
    for section in ("additions", "deductions"):
        for item in _list(ch.get(section)):
            item = _dict(item)
            members = [(item.get("group"), _dict(ln)) for ln in _list(item.get("lines"))] or [(None, item)]
            for group, line in members:
                name = _text(line.get("kind") or line.get("label"))
                values = [("group", _text(group))] if group else []
                values += [(k, _text(v)) for k, v in line.items() if k not in ("by_type", "kind")]
                values += [(f"by type: {_text(_dict(t).get('type'))}", _text(_dict(t).get("amount")))
                           for t in _list(line.get("by_type"))]
                put("changes", f"{section}: {name}", values)
    put("changes", "stated totals", _flat(ch.get("stated") or {}))
    _rest(put, "changes", ch, ("additions", "deductions", "stated"))
    put("facts", "facts", _flat(data.get("facts") or {}))
    for key, value in data.items():
        if key not in ("investments", "net_assets", "changes", "facts", "notes"):
            for name, text in _flat(value):
                out[(str(key), name or str(key), "")] = text
    return out


def _rest(put, section: str, mapping: dict, known: tuple[str, ...]) -> None:
    """The keys of a section not compared line by line (notes receivable, transfers...), by path."""
    for key, value in mapping.items():
        if key not in known:
            put(section, str(key), _flat(value))


# ---------------------------------------------------------------- notes


def written_notes(data: dict) -> list[NoteText]:
    """The notes as written in the YAML: quoted figures still {names}."""
    notes = [_dict(n) for n in _list(data.get("notes"))]
    return [NoteText(_text(n.get("title")), _paragraphs(n), None if n.get("review") is None else _text(n["review"]))
            for n in notes]


def printed_notes(filing, data: dict) -> list[NoteText]:
    """The notes as the filing prints them: figures filled in, generated notes and tables included. The
    review marks come from the YAML's notes of the same title."""
    from ..model.prose import long_date
    from ..money import accounting

    places = filing.places
    money = (lambda value: accounting(value, places))
    reviews = {n.title: n.review for n in written_notes(data)}
    out = []
    for note in filing.notes:
        paragraphs: list[str] = []
        for block in note.blocks:
            if block.kind == "item":
                paragraphs.append(f"{block.letter}. {block.caption} - {' '.join(block.text.split())}")
            elif block.kind == "heading":
                paragraphs.append(block.caption)
            elif block.kind == "table":
                paragraphs += [" | ".join(row) for row in [block.columns] + block.rows]
            elif block.kind == "breakdown":
                paragraphs += [f"{label} | {money(value)}" for label, value in block.amounts]
                paragraphs.append(f"Total | {money(block.amount_total)}")
            elif block.kind == "fair_value":
                for table in block.data:
                    paragraphs.append(f"Investments at fair value as of {long_date(table.year_end)}")
                    paragraphs += [" | ".join([row.caption] + [money(v) for v in row.amounts])
                                   for row in table.rows + [table.hierarchy]]
                    paragraphs.append(f"Investments measured at net asset value | {money(table.nav)}")
            elif block.kind == "reconciliation":
                rec = block.data
                paragraphs.append(" | ".join(["Net assets per the financial statements"] + [money(v) for v in rec.net_assets]))
                paragraphs += [" | ".join([i.label] + [money(v) for v in i.reduces]) for i in rec.items]
                paragraphs.append(" | ".join(["Net assets per the Form 5500"] + [money(v) for v in rec.net_assets_5500]))
                paragraphs.append(f"Net income per the Form 5500 | {money(rec.income_5500)}")
            elif block.text:
                paragraphs.append(" ".join(block.text.split()))
        out.append(NoteText(note.title, paragraphs, reviews.get(note.title)))
    return out


def _paragraphs(note: dict) -> list[str]:
    """A note's text as paragraphs: lettered items keep their caption, tables become rows."""
    out = []
    for block in _list(note.get("blocks")):
        block = _dict(block)
        text = " ".join(_text(block["text"]).split()) if block.get("text") is not None else ""
        if block.get("item") is not None:
            out.append(f"{_text(block['item'])}: {text}")
        elif block.get("heading") is not None:
            out.append(_text(block["heading"]))
        elif isinstance(block.get("table"), dict):
            rows = [_list(block["table"].get("columns"))] + _list(block["table"].get("rows"))
            out += [" | ".join(_text(cell) for cell in _list(row)) for row in rows]
        elif block.get("breakdown") is not None:
            out.append(f"[table: {_text(block['breakdown'])} by type]")
        elif text:
            out.append(text)
    return out


def word_diff(old: list[str], new: list[str]) -> list[list[Run]]:
    """A word-level diff of two lists of paragraphs, as paragraphs of runs."""
    a = _tokens(old)
    b = _tokens(new)
    runs: list[tuple[str, list[str]]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("equal", a[i1:i2]))
            continue
        if i2 > i1:
            runs.append(("delete", a[i1:i2]))
        if j2 > j1:
            runs.append(("insert", b[j1:j2]))
    paragraphs: list[list[Run]] = [[]]
    for op, words in runs:
        chunk: list[str] = []
        for word in words + [None]:
            if word is None or word == PARAGRAPH:
                if chunk:
                    paragraphs[-1].append(Run(op, " ".join(chunk)))
                    chunk = []
                if word == PARAGRAPH:
                    paragraphs.append([])
            else:
                chunk.append(word)
    return [p for p in paragraphs if p]


def _tokens(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for i, text in enumerate(paragraphs):
        if i:
            out.append(PARAGRAPH)
        out += text.split()
    return out


def _compare_notes(old: list[NoteText], new: list[NoteText]) -> tuple[list[NoteChange], int]:
    """Pair notes by title, then the rest in order when their text is mostly the same; diff each pair."""
    pairs: dict[int, int] = {}
    for j, note in enumerate(new):
        i = next((i for i, o in enumerate(old) if i not in pairs and o.title == note.title), None)
        if i is not None:
            pairs[i] = j
    left = [i for i in range(len(old)) if i not in pairs]
    right = [j for j in range(len(new)) if j not in pairs.values()]
    for i in left:
        match = next((j for j in right if difflib.SequenceMatcher(
            None, _tokens(old[i].paragraphs), _tokens(new[j].paragraphs), autojunk=False).ratio() >= 0.6), None)
        if match is not None:
            pairs[i] = match
            right.remove(match)
    changes, same = [], 0
    for i, j in sorted(pairs.items(), key=lambda p: p[1]):
        change = _note_change(old[i], new[j], i + 1, j + 1)
        if change is None:
            same += 1
        else:
            changes.append(change)
    changes += [_note_change(None, new[j], None, j + 1) for j in range(len(new)) if j not in pairs.values()]
    changes += [_note_change(old[i], None, i + 1, None) for i in range(len(old)) if i not in pairs]
    return changes, same


def _note_change(old: NoteText | None, new: NoteText | None, i: int | None, j: int | None) -> NoteChange | None:
    paragraphs = word_diff(old.paragraphs if old else [], new.paragraphs if new else [])
    change = NoteChange(i, j, old and old.title, new and new.title, paragraphs, old and old.review,
                        new and new.review)
    unchanged = old is not None and new is not None and change.old_title == change.new_title \
        and not change.text_changed and change.old_review == change.new_review
    return None if unchanged else change


# ---------------------------------------------------------------- output


def context(paragraph: list[Run], words: int = 6) -> list[Run]:
    """A changed paragraph for the terminal: long unchanged stretches cut to a few words either side."""
    out = []
    for k, run in enumerate(paragraph):
        if run.op != "equal":
            out.append(run)
            continue
        parts = run.text.split()
        first, last = k == 0, k == len(paragraph) - 1
        keep_head, keep_tail = (0 if first else words), (0 if last else words)
        if len(parts) > keep_head + keep_tail + 1:
            head = parts[:keep_head]
            tail = parts[len(parts) - keep_tail:] if keep_tail else []
            text = " ".join(head + ["..."] + tail)
        else:
            text = run.text
        out.append(Run("equal", text))
    return out


def report(c: Comparison, style=lambda text, op: text) -> str:
    """The blackline as text; style(text, op) may colour an inserted or deleted run."""
    lines = [f"compare {c.old_name} -> {c.new_name}",
             f"  figures: {len(c.figures)} changed, {c.same_figures} the same; "
             f"notes: {len(c.notes)} changed, {c.same_notes} the same"]
    if c.next_year:
        lines.append("  the next plan year: current figures against last year's, prior balances against last "
                     "year's current ones")
    if c.notes_as != ("printed", "printed"):
        written = [name for name, how in zip((c.old_name, c.new_name), c.notes_as) if how == "written"]
        lines.append(f"  notes of {' and '.join(written)} compared as written: "
                     f"{'it does' if len(written) == 1 else 'they do'} not compute yet")
    section = None
    for fc in c.figures:
        if fc.section != section:
            section = fc.section
            lines += ["", f"{section}:"]
        delta = f"  ({fc.delta:+,})" if fc.delta is not None else ""
        lines.append(f"  {fc.item}{' / ' + fc.field if fc.field else ''}: {fc.shown('old')} -> {fc.shown('new')}{delta}"
                     + ("" if fc.status == "changed" else f"  [{fc.status}]"))
    for note in c.notes:
        number = note.new_number if note.new_number is not None else note.old_number
        lines += ["", f"note {number} \"{note.title}\": {note.status}"]
        if note.status == "changed" and note.old_title != note.new_title:
            lines.append(f"  title: {note.old_title} -> {note.new_title}")
        if note.old_review != note.new_review:
            lines.append(f"  review: {note.old_review or '-'} -> {note.new_review or '-'}")
        for paragraph in note.paragraphs:
            if note.status != "changed" or any(run.op != "equal" for run in paragraph):
                shown = context(paragraph) if note.status == "changed" else paragraph
                lines.append("  " + " ".join(_marked(run, style) for run in shown))
    return "\n".join(lines)


def _marked(run: Run, style) -> str:
    if run.op == "delete":
        return style(f"[-{run.text}-]", run.op)
    if run.op == "insert":
        return style(f"{{+{run.text}+}}", run.op)
    return run.text


def html(c: Comparison, env) -> str:
    """The blackline as an HTML page, through templates/compare/report.html.j2 (autoescaped)."""
    if not env.autoescape:
        raise ValueError("the compare page needs an autoescaping environment")
    return env.get_template("compare/report.html.j2").render(c=c, sections=_by_section(c.figures))


def _by_section(figures: list[FigureChange]) -> list[tuple[str, list[FigureChange]]]:
    out: list[tuple[str, list[FigureChange]]] = []
    for fc in figures:
        if not out or out[-1][0] != fc.section:
            out.append((fc.section, []))
        out[-1][1].append(fc)
    return out
