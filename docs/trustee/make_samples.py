"""Write the sample trustee holdings reports in docs/trustee/: the SOS Staffing plan at December 31, 2001 and
2002, each as CSV and .xlsx, in the layout a recordkeeper prints (title rows above the table, a section per
kind of investment with its subtotal, a grand total, a footer). The same script gives the same bytes.

    python docs/trustee/make_samples.py

2001 agrees with plan_data/sos-staffing/2001.yaml; 2002 is made up for the tour: values move, one fund is
sold, one is new, and the trustee spells one fund differently ("Managers Special Equity Fund").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADINGS = ["PII", "Investment Name", "CUSIP", "Shares/Units", "Market Value {date}"]
FIXED = dt.datetime(2003, 1, 15)

# (section, party-in-interest, name, CUSIP, shares 2001, value 2001, shares 2002, value 2002); None: not held
HOLDINGS = [
    ("MUTUAL FUNDS", True, "Spartan U.S. Treasury Money Market Fund", "912828101", 852540, 852540, 901233, 901233),
    ("MUTUAL FUNDS", True, "Fidelity U.S. Bond Index Fund", "316146109", 20283, 219054, 22905, 251955),
    ("MUTUAL FUNDS", False, "Loomis Sayles Bond Fund", "543495840", 15102, 157665, 14870, 165057),
    ("MUTUAL FUNDS", True, "Fidelity Puritan Fund", "316345107", 14923, 263691, 15410, 233922),
    ("MUTUAL FUNDS", True, "Fidelity Equity Income Fund", "316138106", 8851, 431660, 9122, 350645),
    ("MUTUAL FUNDS", True, "Spartan U.S. Equity Index Fund", "315912204", 12568, 510762, 13540, 428371),
    ("MUTUAL FUNDS", False, "Dreyfus Appreciation Fund", "261970107", 10728, 407882, 10305, 311829),
    ("MUTUAL FUNDS", False, "Neuberger Berman Genesis Trust", "641224407", 5734, 166918, 6011, 160193),
    ("MUTUAL FUNDS", False, "Manager's Special Equity Fund", "561717208", 4758, 335917, None, None),
    ("MUTUAL FUNDS", False, "Managers Special Equity Fund", "561717208", None, None, 4990, 281936),
    ("MUTUAL FUNDS", False, "Mercury HW International Fund", "589912101", 2428, 47282, 2512, 39614),
    ("MUTUAL FUNDS", False, "Cohen & Steers Realty Shares Fund", "192476109", 1656, 73533, 1702, 71025),
    ("MUTUAL FUNDS", False, "Gabelli Growth Fund", "362398106", 3009, 86287, 2850, 60848),
    ("MUTUAL FUNDS", False, "Janus Overseas Fund", "471023846", 4277, 86812, 4410, 67561),
    ("MUTUAL FUNDS", False, "Invesco Technology Fund", "46127H104", 3427, 111628, None, None),
    ("MUTUAL FUNDS", True, "Fidelity Freedom 2010 Fund", "31617R100", 3920, 49439, 4215, 47545),
    ("MUTUAL FUNDS", True, "Fidelity Freedom 2020 Fund", "31617R209", 5737, 72170, 6120, 66463),
    ("MUTUAL FUNDS", True, "Fidelity Freedom 2030 Fund", "31617R308", 4199, 52739, 4630, 49263),
    ("MUTUAL FUNDS", True, "Fidelity Freedom 2040 Fund", "315792309", None, None, 1804, 11329),
    ("EMPLOYER SECURITIES", True, "SOS Staffing Services, Inc.", "78462X104", 64624, 71797, 70210, 40722),
    ("PARTICIPANT LOANS", True, "Participant loan", "", None, 1046, None, 0),
]


def table(year: int) -> list[list[object]]:
    """The report's rows for year (2001 or 2002); amounts as numbers, as a spreadsheet holds them."""
    which = 0 if year == 2001 else 2
    date = f"12/31/{year}"
    rows: list[list[object]] = [
        ["SOS Staffing Services, Inc. 401(k) Plan"],
        ["Trust Holdings Report: Assets Held at End of Year"],
        [f"As of {date}"],
        ["Trustee: Fidelity Management Trust Company"],
        [],
        [h.format(date=date) for h in HEADINGS],
    ]
    grand = 0
    for section in dict.fromkeys(h[0] for h in HOLDINGS):
        held = [h for h in HOLDINGS if h[0] == section and h[5 + which] is not None and
                (h[5 + which] or h[4 + which])]
        if not held:
            continue
        rows.append(["", section])
        for _, pii, name, cusip, *figures in held:
            shares, value = figures[which], figures[which + 1]
            rows.append(["*" if pii else "", name, cusip, shares if shares is not None else "", value])
        subtotal = sum(h[5 + which] for h in held)
        rows.append(["", f"Total {section.title()}", "", "", subtotal])
        grand += subtotal
    rows += [[], ["", "Grand Total", "", "", grand], [],
             ["* Party-in-interest as defined by ERISA"],
             [f"Prepared {FIXED:%m/%d/%Y} for the plan administrator. Page 1 of 1"]]
    return rows


def write_csv(path: Path, rows: list[list[object]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as spreadsheet programs export
    for row in rows:
        writer.writerow([_text(v, money=i == len(HEADINGS) - 1) for i, v in enumerate(row)])
    path.write_bytes(out.getvalue().encode("utf-8"))


def _text(value: object, money: bool) -> str:
    """A CSV cell as the trustee exports it: numbers with thousands separators, amounts with $."""
    if isinstance(value, int):
        return f"${value:,}" if money else f"{value:,}"
    return str(value)


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    """An .xlsx of the rows; creation dates and the zip's timestamps are fixed so the bytes repeat."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Holdings"
    for row in rows:
        sheet.append([v if v != "" else None for v in row])
    for cells in sheet.iter_rows(min_row=7):
        cells[-1].number_format = '"$"#,##0' if len(cells) >= 5 else "General"
    book.properties.creator = "elevenk sample"
    book.properties.created = book.properties.modified = FIXED
    raw = io.BytesIO()
    book.save(raw)
    path.write_bytes(_fixed_zip(raw.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated FIXED, and core.xml's last-modified date fixed too."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2003-01-15T00:00:00Z", body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, body)
    return out.getvalue()


def main(folder: Path = HERE) -> list[Path]:
    """Write both years' reports, CSV and .xlsx, into folder; return their paths."""
    written = []
    for year in (2001, 2002):
        rows = table(year)
        write_csv(folder / f"sos-staffing-{year}.csv", rows)
        write_xlsx(folder / f"sos-staffing-{year}.xlsx", rows)
        written += [folder / f"sos-staffing-{year}.csv", folder / f"sos-staffing-{year}.xlsx"]
    return written


if __name__ == "__main__":
    print("\n".join(map(str, main())))
