"""Exchange workbooks: export, merge with conflicts, receipts and backups (see docs/workbook.md)."""
