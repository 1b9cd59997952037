"""The agile encryption's password key: derived once per run, not once per workbook.

ECMA-376 agile encryption (what Excel writes, and `protection` uses) turns the
password into a key with 100,000 rounds of SHA-512 over the password and a
salt: about 0.06 s of CPU each time.  msoffcrypto does it for every file it
reads or writes, so a merge of many small protected workbooks spent more time
on it than on the workbooks (+97 % on 100 files).  The standard is kept and so
is its strength (spinCount 100,000, AES-256, SHA-512); what changes is how
often the same derivation is done:

* exports from one database reuse one password salt (`encrypted_package`'s
  `password_salt`, kept in the database's settings by the exporter); each
  file still gets its own random 256-bit package key, its own keyData salt
  and its own verifier, so no two files share a key or encrypted bytes;
* the derived password hash is kept for the run per (password, salt,
  spinCount, hash algorithm) (`password_hash`), so reading a thousand files
  of one office derives it once.  Files from other programs, each with a
  random salt, still open, each at the standard's full cost;
* the merge's reader processes are handed the hashes this process already
  derived (`known_hashes`/`adopt_hashes`) with the password, through the pipe,
  never on disk.

The hashes live in memory only, as the password does; `forget` drops those
of other passwords when the password changes.  The steps are the standard's ([MS-OFFCRYPTO]
2.3.4.11-2.3.4.14), written with msoffcrypto's own primitives, and the files
still open in msoffcrypto, LibreOffice and Excel.
"""

from __future__ import annotations

import io
import secrets

SPIN_COUNT = 100_000  # the standard's and Excel's; never lowered for speed
HASH = "SHA512"
SALT_BYTES = 16
KEY_BITS = 256
MAX_KEPT = 4096  # hashes kept per run: one per office salt (64 bytes each); beyond it the oldest go

_hashes: dict[tuple[str, bytes, int, str], bytes] = {}


class WrongPassword(Exception):
    """The password does not match the file's verifier."""


def new_salt() -> bytes:
    """A random password salt (made once per database by the exporter, then reused)."""
    return secrets.token_bytes(SALT_BYTES)


def password_hash(password: str, salt: bytes, spin_count: int, algorithm: str) -> bytes:
    """H_n of the standard (the iterated hash of salt + password), derived once per run for these four."""
    from msoffcrypto.method.ecma376_agile import ECMA376Agile

    key = (password, bytes(salt), int(spin_count), algorithm)
    hashed = _hashes.get(key)
    if hashed is None:
        hashed = ECMA376Agile._derive_iterated_hash_from_password(password, bytes(salt), algorithm, spin_count).digest()
        if len(_hashes) >= MAX_KEPT:
            del _hashes[next(iter(_hashes))]
        _hashes[key] = hashed
    return hashed


def known_hashes() -> dict[tuple[str, bytes, int, str], bytes]:
    """The hashes derived so far in this process (handed to the merge's reader processes)."""
    return dict(_hashes)


def adopt_hashes(hashes: dict | None) -> None:
    """Take over hashes another process derived (a reader process, when it starts)."""
    _hashes.update(hashes or {})


def forget(keep: str | None = None) -> None:
    """Drop the derived hashes, but those of the password `keep` (the one now in use: a password checked
    before it was taken keeps what its check derived)."""
    for key in [key for key in _hashes if keep is None or key[0] != keep]:
        del _hashes[key]


def _block_key(hashed: bytes, block: bytes, algorithm: str, key_bits: int) -> bytes:
    from msoffcrypto.method.ecma376_agile import ECMA376Agile

    return ECMA376Agile._derive_encryption_key(hashed, block, algorithm, key_bits)


def secret_key(info: dict, password: str) -> bytes:
    """The package key of an agile-encrypted file (msoffcrypto's parsed `info`), the password first checked
    against the file's verifier; WrongPassword if it does not match."""
    from msoffcrypto.method import ecma376_agile as agile

    algorithm, salt, bits = info["passwordHashAlgorithm"], info["passwordSalt"], info["passwordKeyBits"]
    hashed = password_hash(password, salt, info["spinValue"], algorithm)
    verifier = agile._decrypt_aes_cbc(info["encryptedVerifierHashInput"],
                                      _block_key(hashed, agile.blkKey_VerifierHashInput, algorithm, bits), salt)
    expected = agile._decrypt_aes_cbc(info["encryptedVerifierHashValue"],
                                      _block_key(hashed, agile.blkKey_encryptedVerifierHashValue, algorithm, bits), salt)
    digest = agile._get_hash_func(algorithm)(verifier).digest()
    if not secrets.compare_digest(digest, expected[:len(digest)]):
        raise WrongPassword("the password does not match the file's verifier")
    return agile._decrypt_aes_cbc(info["encryptedKeyValue"],
                                  _block_key(hashed, agile.blkKey_encryptedKeyValue, algorithm, bits), salt)


def encrypted_package(package: bytes, password: str, password_salt: bytes | None = None) -> bytes:
    """The .xlsx `package` encrypted with `password` (ECMA-376 agile, AES-256, SHA-512, spinCount 100,000).

    With `password_salt` (an office's, reused) the password hash comes from this run's cache; without, a
    random salt is made, as msoffcrypto does.  Per file, always fresh: the package key (32 random bytes),
    the keyData salt, the verifier and the integrity HMAC key.
    """
    from msoffcrypto.method import ecma376_agile as agile
    from msoffcrypto.method.container.ecma376_encrypted import ECMA376Encrypted

    info = agile.ECMA376AgileEncryptionInfo()
    info.spinCount = SPIN_COUNT
    params = info.encryptedKey
    params.saltValue = bytes(password_salt) if password_salt is not None else new_salt()
    if len(params.saltValue) != params.saltSize:
        raise ValueError(f"a password salt has {params.saltSize} bytes")
    hashed = password_hash(password, params.saltValue, info.spinCount, params.hashName)

    def block_key(block: bytes) -> bytes:
        return _block_key(hashed, block, params.hashName, params.keyBits)

    verifier_input = secrets.token_bytes(params.saltSize)
    info.encryptedVerifierHashInput = agile._encrypt_aes_cbc(verifier_input, block_key(agile.blkKey_VerifierHashInput),
                                                             params.saltValue)
    verifier_hash = agile._get_hash_func(params.hashName)(verifier_input).digest()
    info.encryptedVerifierHashValue = agile._encrypt_aes_cbc(
        agile._resize_buffer(verifier_hash, agile._round_up(len(verifier_hash), params.blockSize)),
        block_key(agile.blkKey_encryptedVerifierHashValue), params.saltValue)
    key = secrets.token_bytes(params.keyBits // 8)  # (msoffcrypto pads 16 random bytes to 32: we draw all 32)
    info.encryptedKeyValue = agile._encrypt_aes_cbc(key, block_key(agile.blkKey_encryptedKeyValue), params.saltValue)
    info.keyData.saltValue = new_salt()

    data = agile.ECMA376Agile.encrypt_payload(io.BytesIO(package), params, key, info.keyData.saltValue)
    description = agile.ECMA376Agile.get_encryption_information(info, data, key)
    out = io.BytesIO()
    ECMA376Encrypted(data, description).write_to(out)
    return out.getvalue()
