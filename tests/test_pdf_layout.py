"""The bundled filings' PDF pages as a reader sees them, measured on WeasyPrint's layout of them.

Each check is one a reader makes by eye on every page: tables stand apart, figures of a year in one
column, no total stands alone at the top of a page, the auditor's report keeps to its page, the notes run on under a heading, a section does
not end with a scrap of a page, rules stand under figures only, and Schedule H rows wrap only where
their text cannot fit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from weasyprint.formatting_structure import boxes

from generator.model.scale import presented
from generator.pipeline import check
from generator.render.html import amount_text
from generator.render.pdf import layout
from generator.render.schedule_columns import CELL_PADDING, text_width

from .conftest import ROOT

PLANS = {path.parent.name: path for path in sorted((ROOT / "plan_data").glob("*/*.yaml"))}  # every bundled plan
PX_PER_PT = 96 / 72
MIN_GAP = 6 * PX_PER_PT  # between two tables, one above the other
MIN_LAST_PAGE = 1.5 * 96  # the content on the last page of a section that runs over
SECTIONS = ("cover", "contents", "auditor_report", "net_assets", "changes", "notes", "schedule_h",
            "signatures", "consent")


@dataclass
class Laid:
    name: str
    filing: object
    pages: list  # WeasyPrint page boxes


@pytest.fixture(scope="module", params=list(PLANS))
def laid(request) -> Laid:
    outcome = check(PLANS[request.param])
    assert not outcome.input_failed
    filing = presented(outcome.filing)  # as render() prints it (in thousands, where the plan says so)
    return Laid(request.param, filing, [p._page_box for p in layout(filing).pages])


def walk(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from walk(child)


def classes(box) -> set[str]:
    return set((box.element.get("class") or "").split()) if box.element is not None else set()


def text(box) -> str:
    return "".join(b.text for b in walk(box) if isinstance(b, boxes.TextBox))


def bottom(box) -> float:
    return box.border_box_y() + box.border_height()


def sections_on(page) -> list[str]:
    return [b.element.get("id") for b in walk(page)
            if isinstance(b, boxes.BlockBox) and b.element is not None and b.element.get("id") in SECTIONS]


def pages_of(laid: Laid, section: str) -> list[int]:
    return [i for i, page in enumerate(laid.pages) if section in sections_on(page)]


def rows(table) -> list:
    """The body rows of a table on one page (not its headings, repeated or not)."""
    return [row for group in table.children if not group.is_header for row in group.children]


def is_total(row) -> bool:
    return any(classes(cell) & {"total-label", "total", "sub"} for cell in row.children)


def test_no_table_abuts_another(laid):
    for number, page in enumerate(laid.pages, 1):
        tables = sorted((b for b in walk(page) if isinstance(b, boxes.TableBox)), key=lambda b: b.border_box_y())
        for upper, lower in zip(tables, tables[1:]):
            side_by_side = lower.border_box_x() >= upper.border_box_x() + upper.border_width()
            gap = lower.border_box_y() - bottom(upper)
            assert side_by_side or gap >= MIN_GAP, f"page {number}: a table {gap:.1f}px under the one above"


def test_no_total_row_stands_alone_at_the_top_of_a_page(laid):
    seen = set()
    for number, page in enumerate(laid.pages, 1):
        for table in (b for b in walk(page) if isinstance(b, boxes.TableBox)):
            body = rows(table)
            if table.element in seen and body:
                assert not all(is_total(r) for r in body), f"page {number}: only totals of a table from before"
            seen.add(table.element)


def reconciliation_columns(f) -> tuple[list[str], list[str]]:
    """The Form 5500 reconciliation's figures as printed: those of the current year, those of the prior."""
    rec = f.reconciliation
    current = [rec.net_assets[0], rec.net_assets_5500[0], rec.income, rec.income_5500]
    current += [v for i in rec.items for v in (i.reduces[0], i.reduces[2])]
    prior = [rec.net_assets[1], rec.net_assets_5500[1]] + [i.reduces[1] for i in rec.items]
    if rec.benefits_payable:
        current += [rec.benefits_paid, rec.benefits_paid_5500]
        current += [v for i in rec.benefits_payable for v in (i.current, i.reduces[1])]
    text = (lambda values: {t for t in (amount_text(v, f.places).text for v in values) if t[-1:].isdigit()})
    both = text(current) & text(prior)  # a figure printed in both columns tells nothing
    return sorted(text(current) - both), sorted(text(prior) - both)


def test_the_reconciliations_figures_of_the_year_stand_in_one_column(laid):
    """Its parts for the year alone put their figures under the year, not where the prior year stood."""
    f = laid.filing
    if not any(b.kind == "reconciliation" for n in f.notes for b in n.blocks):
        pytest.skip("no Form 5500 reconciliation in this plan's notes")
    current, prior = reconciliation_columns(f)
    rights: dict[str, set] = {}
    tables = [t for i in pages_of(laid, "notes") for t in walk(laid.pages[i])
              if isinstance(t, boxes.TableBox) and "reconciliation" in classes(t)]
    for cell in (c for t in tables for c in walk(t) if isinstance(c, boxes.TableCellBox) and "num" in classes(c)):
        rights.setdefault(text(cell), set()).add(round(cell.border_box_x() + cell.border_width(), 1))
    column = set().union(*(rights[t] for t in current))
    assert len(column) == 1, {t: rights[t] for t in current}
    assert column.isdisjoint(set().union(*(rights[t] for t in prior)))


def test_the_auditors_report_keeps_to_one_page(laid):
    assert len(pages_of(laid, "auditor_report")) == 1


def test_the_notes_continue_under_a_running_heading(laid):
    notes = pages_of(laid, "notes")
    assert len(notes) > 1
    for i in notes[1:]:
        margins = [b for b in laid.pages[i].children if isinstance(b, boxes.MarginBox) and b.at_keyword == "@top-center"]
        assert [text(b) for b in margins] == ["Notes to Financial Statements (continued)"], f"page {i + 1}"


def test_a_section_that_runs_over_ends_with_more_than_a_scrap(laid):
    for section in SECTIONS:
        pages = pages_of(laid, section)
        if len(pages) < 2:
            continue
        page = laid.pages[pages[-1]]
        div = next(b for b in walk(page) if b.element is not None and b.element.get("id") == section)
        content = max(bottom(b) for b in walk(div) if isinstance(b, (boxes.LineBox, boxes.TableRowBox)))
        used = content - page.content_box_y()
        assert used >= MIN_LAST_PAGE, f"{section}: page {pages[-1] + 1} holds {used / 96:.2f}in"


def test_the_inner_column_of_the_statement_of_changes_is_ruled_under_its_last_figure(laid):
    f = laid.filing
    page = laid.pages[pages_of(laid, "changes")[0]]
    cells = [b for b in walk(page) if isinstance(b, boxes.TableCellBox) and "num" in classes(b)]
    groups = [r for r in f.additions + f.deductions if r.is_group]
    assert groups
    for group in groups:
        last = amount_text(group.lines[-1].amount, f.places).text
        ruled = [c for c in cells if text(c) == last and c.border_bottom_width > 0]
        assert ruled, f"no rule under {last}, the last figure of {group.label}"


def test_the_schedule_total_is_ruled_under_figures_only(laid):
    page = laid.pages[pages_of(laid, "schedule_h")[-1]]
    table = next(b for b in walk(page) if isinstance(b, boxes.TableBox) and "schedule" in classes(b))
    heads = [c for c in walk(table) if isinstance(c, boxes.TableCellBox) and "num-head" in classes(c)]
    total = [r for r in rows(table) if is_total(r)][-1]
    ruled = [c for c in total.children if c.border_bottom_width > 0 or c.border_top_width > 0]
    assert ruled
    for cell in ruled:
        under = [h for h in heads if h.border_box_x() <= cell.border_box_x() + 0.5
                 and cell.border_box_x() + cell.border_width() <= h.border_box_x() + h.border_width() + 0.5]
        assert under and any(text(c).strip() for c in total.children
                             if c.border_box_x() >= under[0].border_box_x() - 0.5
                             and c.border_box_x() < under[0].border_box_x() + under[0].border_width()), \
            f"a rule under the empty column {text(under[0]) if under else '?'}"


def test_schedule_rows_wrap_only_where_their_text_cannot_fit(laid):
    """A row on two lines has text too long for its column; and no other split of the width between (b)
    and (c) would put more rows on one line (the defect was (d) holding only ** beside narrow (b), (c))."""
    em = 10 * PX_PER_PT
    one_line, needs, shared = 0, [], 0.0
    for i in pages_of(laid, "schedule_h"):
        table = next(b for b in walk(laid.pages[i]) if isinstance(b, boxes.TableBox) and "schedule" in classes(b))
        for row in rows(table):
            if is_total(row) or len(row.children) < 3:  # (an empty row group lays out as one bare cell)
                continue
            cells = row.children[1], row.children[2]
            need = [text_width(text(c)) + CELL_PADDING for c in cells]
            fits = all(n <= c.border_width() / em for n, c in zip(need, cells))
            lines = max(len([b for b in walk(c) if isinstance(b, boxes.LineBox)]) for c in cells)
            assert not fits or lines == 1, f"page {i + 1}: {text(cells[0])!r} wraps though it fits"
            one_line += lines == 1
            needs.append(need)
            shared = sum(c.border_width() for c in cells) / em
    splits = [shared * k / 200 for k in range(201)]
    best = max((sum(1 for b, c in needs if b <= s and c <= shared - s) for s in splits), default=0)
    assert one_line >= best, f"{one_line} rows on one line; a split would fit {best}"
    if laid.name == "harbor-point":  # sixty holdings, (d) all **: every row wrapped when (b) and (c) were narrow
        assert one_line >= len(needs) / 2, f"{one_line} of {len(needs)} rows on one line"


def money_columns(table) -> dict[int, list]:
    """The schedule's money cells on a page, by column (a money column of the PDF is one cell)."""
    columns: dict[int, list] = {}
    for row in rows(table):
        for cell in row.children:
            if "money" in classes(cell):
                columns.setdefault(round(cell.border_box_x()), []).append(cell)
    return columns


def glyph_runs(cell) -> list:
    return [b for b in walk(cell) if isinstance(b, boxes.TextBox) and b.text.strip()]


def check_money_cells(table) -> int:
    """Figures of a column end on one units digit, a closing parenthesis hangs right of it, "$" stands at
    the column's left; returns how many "$" were seen."""
    dollars = 0
    for cells in money_columns(table).values():
        units = set()
        for cell in cells:
            for run in glyph_runs(cell):
                if run.text.strip() == "$":
                    assert abs(run.position_x - cell.content_box_x()) < 0.01, "a $ away from its column's left"
                    dollars += 1
                elif run.text == ")":
                    assert run.position_x >= max(units) - 0.01
                else:
                    units.add(round(run.position_x + run.width, 2))
        assert len(units) <= 1, f"figures of one column end at {sorted(units)}"
    return dollars


def test_schedule_figures_stand_on_their_units_digit_with_dollar_at_the_left(laid):
    f = laid.filing
    pages = pages_of(laid, "schedule_h")
    tables = [next(b for b in walk(laid.pages[i]) if isinstance(b, boxes.TableBox) and "schedule" in classes(b))
              for i in pages]
    dollars = sum(check_money_cells(t) for t in tables)
    # the first row's and the total's, in the current value column and (where it prints them) the cost column
    expected = 2
    if f.plan_year.schedule_h.cost_column == "shown":
        expected += (f.schedule_rows[0].cost is not None) + (f.schedule_cost_total is not None)
    assert dollars == expected


def test_a_negative_figure_in_the_schedule_hangs_its_parenthesis():
    import dataclasses

    f = presented(check(PLANS["harbor-point"]).filing)
    rows_ = list(f.schedule_rows)
    rows_[0] = dataclasses.replace(rows_[0], current=-rows_[0].current)
    rows_[2] = dataclasses.replace(rows_[2], current=-rows_[2].current)
    negative = dataclasses.replace(f, schedule_rows=rows_)
    pages = [p._page_box for p in layout(negative).pages]
    laid_ = Laid("negative", negative, pages)
    table = next(b for i in pages_of(laid_, "schedule_h") for b in walk(pages[i])
                 if isinstance(b, boxes.TableBox) and "schedule" in classes(b))
    check_money_cells(table)
    texts = ["".join(r.text for r in glyph_runs(c)).replace(" ", "") for c in walk(table)
             if isinstance(c, boxes.TableCellBox) and "money" in classes(c)]
    assert f"$({-rows_[0].current:,.0f})" in texts and f"({-rows_[2].current:,.0f})" in texts
