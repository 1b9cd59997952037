"""One function per user action, shared by the window and the command line; no Qt.

An operation takes plain keyword arguments (record ids, paths, texts, dates,
small values such as a `models.scope.Scope`) and a `models.progress.Progress`,
does the whole action — its checks, the writer lock, the backup copy a merge
needs — and returns an `outcome.Outcome`: its value for the caller to show,
and which tables it changed, from which the window decides what to redraw.  A
refusal raises an exception whose message is one line for a person, and
nothing was changed.

The window runs operations through `ui.context.AppContext.run` (on the worker
thread of `ui.jobs`, with a progress dialog that can cancel); each command of
`desktop.commands` parses its arguments, calls one, prints, and chooses the
exit status.  By domain:

* `roster` — check and import a roster, save its report
* `exchange` — export a workbook, merge workbooks (with a backup copy), save a receipt
* `conflicts` — the records in conflict, their versions, settling one
* `backups` — list the copies kept, restore one
* `printing` — service cards, contact handbook, visit handbooks
* `figures` — count the reported figures, save them as a workbook
* `demo`, `check` — demo data, the integrity check
* `links`, `visits`, `demands` — link/unlink/move households, record a visit, every move of a demand
* `registry`, `duplicates`, `cadres`, `reference_lists` — the office's records and lists by hand

Modules are imported one by one (`from desktop.operations import exchange`):
this package imports none of them, so a command loads only its own work.
"""
