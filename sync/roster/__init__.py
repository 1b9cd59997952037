"""Importing the office's hand-made rosters (花名册) into the registry.

`columns` reads the header, `rows` checks each row, `places` finds the household
and its places by address, `importer` writes in one transaction, `report_workbook`
saves the problem report for the office.
"""
