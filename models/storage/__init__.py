"""The database file underneath the records: the object models bind to, locks between processes, bulk writing."""
