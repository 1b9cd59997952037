"""Password-protected workbooks: decrypted in memory only, and encrypted as they are written.

An exchange workbook carries a community's names, ID numbers and phones on a
USB stick; with a password it is an Office-encrypted file (ECMA-376 agile
encryption, AES-256 with SHA-512, msoffcrypto-tool) that Excel, WPS and
LibreOffice open when given the password, and nothing else reads.

Reading one never writes its plain content to disk: the package is decrypted
into bytes in memory and the readers (`opening`) take those bytes instead of
the file.  The password is held here for the process (`use_password`): the
command line takes it from LIANXIN_WORKBOOK_PASSWORD or a file, the window
asks; the merge's reader processes are given it when they start, with the
keys already derived from it (`agile_keys`: derived once per run and salt,
not once per file).
"""

from __future__ import annotations

import io
from pathlib import Path

from sync.spreadsheet import agile_keys
from sync.spreadsheet.refusal import WorkbookRefused

PASSWORD_VARIABLE = "LIANXIN_WORKBOOK_PASSWORD"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE_MARK = "EncryptedPackage".encode("utf-16-le")
NO_PASSWORD = "文件已加密（设了打开密码）：请输入交换工作簿的密码（命令行：LIANXIN_WORKBOOK_PASSWORD 或 --password-file）"
WRONG_PASSWORD = "密码不对，无法打开这个加密的工作簿"

_password: str | None = None


def use_password(password: str | None) -> None:
    """The password this process opens (and, when asked, writes) exchange workbooks with; None for none.

    Another password than before drops the keys derived from any other (`agile_keys`)."""
    global _password
    if (password or None) != _password:
        agile_keys.forget(keep=password or None)
    _password = password or None


def current_password() -> str | None:
    return _password


def is_encrypted(path: Path) -> bool:
    """Whether the file is an Office-encrypted package (an OLE2 container holding an ``EncryptedPackage``)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(len(OLE2_MAGIC))
            if head != OLE2_MAGIC:
                return False
            return ENCRYPTED_PACKAGE_MARK in handle.read(64 << 20)
    except OSError:
        return False


def _keyed(handle, path: Path, password: str | None):
    import msoffcrypto  # (loaded when a protected file is met: every command would pay for it)
    from msoffcrypto.exceptions import DecryptionError, FileFormatError, InvalidKeyError, ParseError

    if not password:
        raise WorkbookRefused(NO_PASSWORD, file=path)
    try:
        office = msoffcrypto.OfficeFile(handle)
        if getattr(office, "type", None) == "agile":
            office.secret_key = agile_keys.secret_key(office.info, password)
        else:
            office.load_key(password=password, verify_password=True)
    except (InvalidKeyError, agile_keys.WrongPassword):
        raise WorkbookRefused(WRONG_PASSWORD, file=path) from None
    except (FileFormatError, ParseError, DecryptionError, ValueError, KeyError, OSError) as error:
        raise WorkbookRefused(f"加密的工作簿已损坏，无法解密（{error}）", file=path) from None
    return office


def password_problem(path: Path, password: str | None = None) -> str | None:
    """Why `password` (this process's when None) does not open the encrypted `path`, or None; checked
    against the file's verifier, without decrypting the whole package."""
    try:
        with Path(path).open("rb") as handle:
            _keyed(handle, Path(path), password or _password)
    except WorkbookRefused as refusal:
        return refusal.message
    return None


def decrypted(path: Path, password: str | None = None) -> bytes:
    """The plain package inside the encrypted `path`, in memory; WorkbookRefused without the right password."""
    path = Path(path)
    with path.open("rb") as handle:
        office = _keyed(handle, path, password or _password)
        plain = io.BytesIO()
        try:
            office.decrypt(plain)
        except Exception as error:  # msoffcrypto's own errors and what a damaged package makes its parser raise
            raise WorkbookRefused(f"加密的工作簿已损坏，无法解密（{error}）", file=path) from None
    return plain.getvalue()


def encrypted(package: bytes, password: str, password_salt: bytes | None = None) -> bytes:
    """The .xlsx `package` encrypted with `password` (ECMA-376 agile), as Excel writes it; with an office's
    `password_salt` the password's key is derived once per run however many files are written (`agile_keys`)."""
    return agile_keys.encrypted_package(package, password, password_salt)
