"""Workbooks this database has merged whole and clean, known by the SHA-256 of their bytes.

Local, like `Conflict`: it describes what this laptop has read, not a record
that travels.  `sync.exchange.recognised_files` fills it and explains why a file
found here need not be read again.
"""

from peewee import BigIntegerField, IntegerField, TextField

from models.storage.connection import BaseModel


class MergedFile(BaseModel):
    sha256 = TextField(primary_key=True)  # hex digest of the file's bytes
    name = TextField()  # the file name when it was merged (a copy under another name has the same digest)
    size = BigIntegerField()
    merged_at = TextField()  # local wall time, ISO seconds, for people
    source_device = TextField(default="")
    source_name = TextField(default="")
    exported_at = TextField(default="")
    export_clock = BigIntegerField(default=0)  # the workbook's 导出时钟, for the own-older-workbook refusal
    scope = TextField(default="")
    # The receipt of that merge.
    new = IntegerField(default=0)
    updated = IntegerField(default=0)
    unchanged = IntegerField(default=0)
    conflicts = IntegerField(default=0)
    hand_edits = IntegerField(default=0)
    added_by_hand = IntegerField(default=0)

    @property
    def rows(self) -> int:
        """Every row the workbook brought (data rows and kept conflict versions), counted once each."""
        return self.new + self.updated + self.unchanged + self.conflicts
