"""An uncompressed copy of a workbook's checked parts, for python-calamine to parse.

The guard has to inflate every sheet before calamine may see it, and calamine
inflates the same parts again, more slowly than zlib does (it reads a stored,
uncompressed zip much faster: docs/measurements.md).  So a
small workbook is inflated once here, its parts are checked as they are
inflated, and calamine gets a stored zip of exactly the bytes that were
checked: nothing it parses escaped the check.  Workbooks whose parts inflate
beyond `UNPACK_LIMIT` are scanned as streams and parsed from the file, so
memory stays flat.

Inflating is bounded by the sizes the central directory declares, and each
part's CRC is verified: a lying or truncated part is damage, never a bomb.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from sync.spreadsheet.guard import PartScan, refuse_entities
from sync.spreadsheet.refusal import WorkbookRefused

UNPACK_LIMIT = 96 << 20  # a laptop's workbook inflates to about a megabyte, an office's export to a gigabyte

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_ENCRYPTED = 0x1


class DamagedPart(Exception):
    """A part cannot be inflated to what the zip declares; the message says which and why."""


def inflate(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """The content of one part of the zip held in `data`, checked against its declared size and CRC."""
    if info.flag_bits & _ENCRYPTED:
        raise DamagedPart(f"部件 {info.filename} 已加密")
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise DamagedPart(f"部件 {info.filename} 缺少文件头（文件不完整）")
    fields = _LOCAL_HEADER.unpack(header)
    begin = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
    raw = data[begin:begin + info.compress_size]
    if len(raw) < info.compress_size:
        raise DamagedPart(f"部件 {info.filename} 不完整")
    if info.compress_type == zipfile.ZIP_STORED:
        content = raw
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, info.file_size + 1)
        except zlib.error as error:
            raise DamagedPart(f"部件 {info.filename} 已损坏（{error}）") from None
        if not inflater.eof and len(content) <= info.file_size:
            raise DamagedPart(f"部件 {info.filename} 不完整")
    else:
        raise DamagedPart(f"部件 {info.filename} 的压缩方式无法读取")
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise DamagedPart(f"部件 {info.filename} 与声明的大小或校验和不符")
    return content


def stored_zip(parts: dict[str, tuple[bytes, int]]) -> bytes:
    """A zip holding `parts` ({name: (content, its CRC-32)}) uncompressed: what calamine parses fastest."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, (content, crc) in parts.items():
        encoded = name.encode("utf-8")
        size = len(content)
        local = _LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, 0x800, 0, 0, 0x21, crc, size, size, len(encoded), 0)
        directory.append(_CENTRAL_HEADER.pack(b"PK\x01\x02", 20, 3, 20, 0, 0x800, 0, 0, 0x21, crc, size, size,
                                              len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        chunks += (local, encoded, content)
        offset += len(local) + len(encoded) + size
    central = sum(len(entry) for entry in directory)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), central, offset, 0)
    return b"".join([*chunks, *directory, end])


def checked_copy(path: Path, archive: zipfile.ZipFile, scans: dict[str, PartScan], skipped: set[str],
                 package: bytes | None = None) -> bytes:
    """A stored zip of every part of `archive` but the `skipped` ones, each checked as it is inflated:
    the parts in `scans` (sheets and shared strings) by their scan, the others for entity declarations.
    `package`: the archive's bytes when they are not the file's (a decrypted workbook)."""
    data = path.read_bytes() if package is None else package
    parts = {}
    for member in dict.fromkeys(archive.namelist()):
        if member in skipped or member.endswith("/"):
            continue
        info = archive.getinfo(member)
        try:
            content = inflate(data, info)
        except DamagedPart as damage:
            raise WorkbookRefused(f"文件已损坏或不完整（{damage}）", file=path) from None
        scan = scans.get(member)
        if scan is not None:
            scan.feed(content)
            scan.finish()
        else:
            refuse_entities(content, path)
        parts[member] = (content, info.CRC)
    return stored_zip(parts)
