"""Moving data in and out: reading spreadsheets, roster import, exchange workbooks, merge."""
