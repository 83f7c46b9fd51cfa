"""What `elevenk import holdings` prints before it writes: the columns used, how the report was read, and the
holdings added, changed and no longer held, with the new total against the stated one."""

from __future__ import annotations

from ..load.schema import TO_FILL
from ..money import group
from .holdings_columns import HEADINGS, ColumnMap
from .holdings_import import Imported, amount_of
from .trustee_report import Report

LISTED = 40  # the preview lists this many of each kind of change


def preview(result: Imported, report: Report, source: str, target: str) -> str:
    """What the import will change, printed before anything is written."""
    cols: ColumnMap = report.columns
    lines = [f"import holdings {source} -> {target}"]
    mapped = ", ".join(f"{name} <- {cols.describe(name)}" for name in HEADINGS if name in cols.columns)
    lines.append(f"  columns    {mapped} (heading row {cols.header_row + 1})")
    if cols.ignored:
        lines.append("  ignored    " + ", ".join(f'"{cols.headings[i]}"' for i in cols.ignored))
    table = [f"{len(report.rows):,} holdings"]
    if report.subtotals:
        table.append(f"{report.subtotals} subtotals agree")
    if report.grand_total is not None:
        table.append(f"grand total {group(report.grand_total, 2 if report.grand_total % 1 else 0)} agrees "
                     f"(row {report.grand_total_row})")
    if report.footer:
        table.append(f"{report.footer} footer rows after it")
    if report.skipped:
        table.append(f"{len(report.skipped)} rows of text skipped ({_rows(report.skipped)})")
    lines.append("  report     " + "; ".join(table))
    if result.rounded:
        lines.append(f"  rounded    {result.rounded} holdings given in cents, rounded half up to whole dollars")
    counts = [f"{len(result.updated):,} updated", f"{len(result.added):,} added",
              f"{len(result.sold):,} no longer held (current 0, prior kept)",
              f"{len(result.removed):,} removed"]
    lines.append("  holdings   " + ", ".join(counts))
    if result.notes_receivable:
        lines.append(f"  loans      {result.notes_receivable}")
    for title, items in (("changed", result.changed), ("added", result.added), ("no longer held", result.sold),
                         ("removed", result.removed)):
        if items:
            lines.append(f"\n{title} ({len(items):,}):")
            lines += [f"  {item}" for item in items[:LISTED]]
            if len(items) > LISTED:
                lines.append(f"  ... and {len(items) - LISTED:,} more")
    lines.append("")
    total = f"total investments {group(result.total)}"
    if result.stated == TO_FILL:
        lines.append(f"{total}; the stated total (net_assets.stated.total_investments.current) is TODO: "
                     "enter the trustee statement's total")
    elif result.stated:
        amount = amount_of(result.stated.replace(",", ""))
        said = "agrees" if amount == result.total else f"differs by {group(result.total - amount)}" \
            if amount is not None else "cannot be read"
        lines.append(f"{total} against the stated {result.stated}: {said}")
    else:
        lines.append(f"{total} (no stated total in the plan)")
    if result.proposals:
        lines += ["", f"close names, not matched ({len(result.proposals)}):"] + [f"  {p}" for p in result.proposals]
    if result.to_fill:
        lines += ["", f"still to fill: {len(result.to_fill):,} fields marked TODO (`elevenk check` lists them)"]
    return "\n".join(lines)


def _rows(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:8]))
    return f"rows {shown}{', ...' if len(rows) > 8 else ''}"
