# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The one way crm_coal writes an XLSX table (no Odoo import): a header row frozen with
an autofilter over the data, typed cells (dates as real date cells, numbers with a number
format) and an optional totals row of SUM / AVERAGE formulas whose values are cached for
viewers that do not calculate.

    book = XlsxBook()
    sheet = book.add_sheet("Prices", title="Weekly report")
    sheet.table(
        [Column("Date", DATE), Column("Price", MONEY, total=SUM)],
        [[date(2024, 3, 11), 700.0]],
        total_label="Total",
    )
    content = book.close()
"""

from dataclasses import dataclass
from datetime import date, datetime, time
import io

import xlsxwriter
from xlsxwriter.utility import xl_range

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
MONEY = "money"
PERCENT = "percent"
DATE = "date"

SUM = "SUM"
AVERAGE = "AVERAGE"

#: number format of each column kind (PERCENT values are percentage points: 3.45 = 3.45 %)
NUM_FORMATS = {
    TEXT: None,
    INTEGER: "#,##0",
    NUMBER: "#,##0.00",
    MONEY: "#,##0.00",
    PERCENT: "0.00",
    DATE: "yyyy-mm-dd",
}


@dataclass(frozen=True)
class Column:
    """One column: its header, kind (number format), width and totals function."""

    header: str
    kind: str = TEXT
    width: int = 14
    total: str | None = None


@dataclass(frozen=True)
class Styled:
    """A cell value written with an emphasis (``alert``: bold red) instead of the plain
    format of its column."""

    value: object
    style: str = "alert"


class XlsxBook:
    """An in-memory workbook with the shared formats of the tables."""

    def __init__(self):
        self._output = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._output, {"in_memory": True})
        self.formats = {}
        for kind, num_format in NUM_FORMATS.items():
            props = {"num_format": num_format} if num_format else {}
            self.formats[kind] = self.book.add_format(props)
            self.formats[f"total_{kind}"] = self.book.add_format(
                dict(props, bold=True, top=1)
            )
            self.formats[f"alert_{kind}"] = self.book.add_format(
                dict(props, bold=True, font_color="#C00000")
            )
        self.formats["header"] = self.book.add_format(
            {
                "bold": True,
                "bg_color": "#D9E1F2",
                "border": 1,
                "text_wrap": True,
                "valign": "top",
            }
        )
        self.formats["title"] = self.book.add_format({"bold": True, "font_size": 14})

    def add_sheet(self, name, title=None):
        """A new sheet (the name cut to Excel's 31 characters), with ``title`` in A1."""
        sheet = XlsxSheet(self, self.book.add_worksheet(_sheet_name(name)))
        if title:
            sheet.sheet.write_string(0, 0, title, self.formats["title"])
            sheet.next_row = 2
        return sheet

    def close(self):
        """The workbook's bytes."""
        self.book.close()
        return self._output.getvalue()


class XlsxSheet:
    def __init__(self, book, sheet):
        self.book = book
        self.sheet = sheet
        self.next_row = 0

    def write_cell(self, row, col, value, kind, style=None):
        """One typed cell: dates as date cells, numbers as numbers, empty as blank."""
        if isinstance(value, Styled):
            value, style = value.value, value.style
        cell_format = self.book.formats[f"{style}_{kind}" if style else kind]
        if value is None or value is False or value == "":
            self.sheet.write_blank(row, col, None, cell_format)
        elif kind == DATE:
            self.sheet.write_datetime(row, col, _as_datetime(value), cell_format)
        elif kind == TEXT:
            self.sheet.write_string(row, col, str(value), cell_format)
        else:
            self.sheet.write_number(row, col, value, cell_format)

    def table(self, columns, rows, total_label=None, freeze_cols=1):
        """Write a header and ``rows`` (lists of plain or :class:`Styled` values, one per
        column) from the sheet's next free row; freeze the panes below the header (and
        ``freeze_cols`` columns), set an autofilter over the header and the data, and with
        ``total_label`` add a totals row under the data (the columns' ``total`` functions).
        Returns the row of the header."""
        header_row = self.next_row
        for col, column in enumerate(columns):
            self.sheet.write_string(
                header_row, col, column.header, self.book.formats["header"]
            )
            self.sheet.set_column(col, col, column.width)
        row = header_row + 1
        for values in rows:
            for col, (column, value) in enumerate(zip(columns, values, strict=True)):
                self.write_cell(row, col, value, column.kind)
            row += 1
        if total_label is not None:
            self._totals(columns, rows, header_row, row, total_label)
            row += 1
        self.sheet.freeze_panes(header_row + 1, freeze_cols)
        self.sheet.autofilter(
            header_row, 0, max(header_row + len(rows), header_row), len(columns) - 1
        )
        self.sheet.set_row(header_row, 30)
        self.next_row = row + 1
        return header_row

    def _totals(self, columns, rows, header_row, row, label):
        self.sheet.write_string(row, 0, label, self.book.formats[f"total_{TEXT}"])
        for col, column in enumerate(columns):
            if col == 0:
                continue
            total_format = self.book.formats[f"total_{column.kind}"]
            numbers = [
                value.value if isinstance(value, Styled) else value
                for value in (values[col] for values in rows)
            ]
            # blank cells (None, False) do not count, as in the spreadsheet's functions
            numbers = [
                value
                for value in numbers
                if isinstance(value, int | float) and not isinstance(value, bool)
            ]
            if not column.total or not rows:
                self.sheet.write_blank(row, col, None, total_format)
                continue
            cached = sum(numbers)
            if column.total == AVERAGE:
                cached = cached / len(numbers) if numbers else 0
            cells = xl_range(header_row + 1, col, header_row + len(rows), col)
            self.sheet.write_formula(
                row, col, f"={column.total}({cells})", total_format, cached
            )


def _sheet_name(name):
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:31]


def _as_datetime(value):
    """A date as the naive datetime xlsxwriter writes as a date cell."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time.min)
    raise TypeError(f"not a date: {value!r}")
