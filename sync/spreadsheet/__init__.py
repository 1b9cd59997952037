"""Spreadsheets in and out: reading, the guard that comes before reading, cell values, and writing.

Every workbook Lianxin reads or writes goes through here, the roster's import
(`sync.roster`) and the exchange's merge and export (`sync.exchange`) alike:

    with open_workbook(path) as workbook:              # raises WorkbookRefused
        for row_number, cells in workbook.iter_rows(workbook.sheet_names[0]):
            ...                                        # cells[0] is column A

The modules, from the file inwards:

* `guard` — what every file passes before a parser sees it (kind by content,
  zip bombs, XML entities, far cells), and the `Limits` of each reader;
* `opening` — `open_workbook` (what a person hands in) and
  `open_checked_workbook` (what Lianxin wrote): the guard, then a reader;
* `workbook` — the interface every reader implements (`Workbook`);
  `xlsx_workbook`, `calamine_sheets` and `csv_sheets` are the readers, the
  streaming .xlsx reader made of `xlsx_package`, `xlsx_sheet`,
  `xlsx_row_pattern`, `xlsx_expat_rows`, `xlsx_shared_strings`, `xlsx_xml`;
  `stored_copy` is the checked, uncompressed copy calamine parses fastest;
* `cell_values` — a cell's text (`cell_text`) and the dates in numbers and in
  typed text, for every reader and importer;
* `references` — column letters;
* `refusal` — `WorkbookRefused`, the one exception of all of the above;
* `xlsx_writer` — the streaming .xlsx writer of exports, receipts and reports.
"""

from sync.spreadsheet.cell_values import cell_text
from sync.spreadsheet.opening import open_checked_workbook, open_workbook
from sync.spreadsheet.references import column_index, column_letter
from sync.spreadsheet.refusal import WorkbookRefused
from sync.spreadsheet.workbook import Workbook

__all__ = ["Workbook", "WorkbookRefused", "cell_text", "column_index", "column_letter", "open_checked_workbook",
           "open_workbook"]
