"""One module per command; each has `add_parser(subparsers)` that sets `run`.

`set_defaults` also says how the command line prepares for it (`desktop.cli`):
`validate` checks the arguments before the database is opened; `database` is
"read" (must exist), "write" (created if missing) or "own" (the command opens
it); `long_writer(args)` holds the writer lock for the whole run.
"""

from desktop.commands import (backups, check, demo, disclosures, encrypt, export, find, import_roster, import_shops,
                              merge, move_to_postgres, passphrase, print_documents, restore, server_password, stats)

COMMANDS = (demo, import_roster, import_shops, find, export, merge, print_documents, stats, check, backups, restore,
            encrypt, passphrase, disclosures, move_to_postgres, server_password)
