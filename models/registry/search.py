"""One search box for residents and households: name, pinyin initials, phone tail, ID, address.

Why this design (figures in `tests/benchmarks/bench_search.py`): FTS5's trigram
tokenizer finds nothing for one- or two-character queries, and most Chinese
names are two or three characters; a `LIKE '%…%'` scan over a district's names
costs more than a keystroke may (README, "Measured").  So every question the box asks is turned into a *prefix* question on one
B-tree of keys (`search_key`, see `models/migrations/m0002_search.py`):

* name starts with "张三"   → the `resident_name` index the registry has anyway;
* name contains "三明"      → some later suffix of the name starts with it ('n' keys;
                              a name written with spaces or dots also keeps its whole
                              cleaned form, which that index does not hold);
* initials "zsm"            → the initials start with it ('p' keys; 曾 and 单 read as surnames);
* phone ends with "5678"    → the reversed phone starts with "8765" ('t' keys);
* ID ends with (or is) text → the reversed ID starts with it ('i' keys);

each answered by one index range scan that stops at the result limit, whatever the
query length.  Address parts of three characters or more use an FTS5 trigram
index (asked with LIKE: it keeps no trigram positions); two characters ask for
the index's trigrams that start with them ("丁街" → "丁街1", "丁街2"…); one
character can only name a place, so it looks in building names.

The address index holds each household's address and, for residents registered
elsewhere than they live (人户分离, `models.registry.addresses.lives_away`), their
household registration address (户籍地址), under the resident's document: a
search for a village finds the people registered there.  A registration that
names the dwelling is left out: the household's own address finds those
residents already, and leaving them out keeps a district's import from indexing
as many addresses again as it has residents.  When
a household's address changes, its residents with a registration address are
queued again, since whether they live away may have changed.

The index is derived data kept current by triggers that queue changed records
(`search_dirty`); `refresh` indexes the queue.  Writers of many rows (import,
merge, demo) call `refresh(progress=...)` at the end of their transaction; `find`
refreshes what is left before answering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from models.registry.addresses import lives_away
from models.storage.connection import database, on_postgres
from models.registry.pinyin_initials import FIRST, INITIALS, LAST
from models.progress import Progress

RESIDENT, HOUSEHOLD = 1, 2
PREFIX_END = "\U0010ffff"  # sorts after every character: key BETWEEN q AND q + PREFIX_END
BATCH = 5_000
_keys_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Surnames pypinyin reads with their common-word sound (曾 céng, 单 dān…).
SURNAME_INITIALS = {
    "曾": "z", "单": "s", "解": "x", "仇": "q", "朴": "p", "查": "z", "区": "o", "盖": "g",
    "尉": "y", "乐": "y", "缪": "m", "覃": "q", "隗": "w", "员": "y", "召": "s", "秘": "b",
    "种": "c", "长": "c", "万": "w", "沈": "s", "翟": "z", "重": "c", "藏": "z", "宿": "s",
}


@dataclass(frozen=True)
class Match:
    """One search result. `id_number` and `phone` are whole: whoever shows them masks them."""

    kind: str  # "resident" or "household"
    uuid: str
    household: str
    name: str  # the resident's name; for a household, its head's name if known
    address: str
    id_number: str
    phone: str
    matched: str  # "name", "initials", "phone", "id_number", "address" or "registered_address"
    registered_address: str = ""  # a resident's 户籍地址 ("" for a household or when none is known)


def _initial_of(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    code = ord(char)
    if FIRST <= code <= LAST:
        return INITIALS[code - FIRST].strip()
    # Imported on first use, for the rare characters beyond the table: pypinyin loads its
    # reading tables (tens of megabytes) on import, which a roster import should not carry.
    from pypinyin import Style, pinyin

    reading = pinyin(char, style=Style.FIRST_LETTER, errors="ignore")
    return reading[0][0][:1].lower() if reading and reading[0] else ""


class _Initials(dict):
    """char → initial, filled on first use: a dict lookup is cheaper than an lru_cache call,
    and indexing a district's residents looks up a million characters."""

    def __missing__(self, char: str) -> str:
        initial = self[char] = _initial_of(char)
        return initial


_INITIAL = _Initials()


def initials(name: str) -> str:
    """Pinyin initials of a name ("张三明" → "zsm"), reading the first character as a surname."""
    return _initials_of_clean(normalise_name(name))


def _initials_of_clean(name: str) -> str:
    if not name:
        return ""
    initial = _INITIAL
    return (SURNAME_INITIALS.get(name[0]) or initial[name[0]]) + "".join([initial[char] for char in name[1:]])


NAME_MARKS = re.compile(r"[\s·•.]")
NOT_DIGIT = re.compile(r"\D")


def normalise_name(name: str) -> str:
    if name and name.isalnum():  # nearly every name: nothing to remove
        return name
    return NAME_MARKS.sub("", name or "")


def _digits(phone: str) -> str:
    if phone.isascii() and phone.isdigit():
        return phone
    return NOT_DIGIT.sub("", phone)


def resident_keys(name: str, phone: str, id_number: str) -> list[str]:
    """The search keys of one resident (see the module docstring); each tag letter
    starts different keys and the name's suffixes differ in length, so no key repeats."""
    clean = normalise_name(name)
    keys = _name_keys(clean, clean != (name or ""))
    digits = _digits(phone or "")
    if digits:
        keys.append("t" + digits[::-1])
    if id_number:
        keys.append("i" + id_number.strip().upper()[::-1])
    return keys


def _name_keys(clean: str, whole: bool) -> list[str]:
    """The name's suffixes and initials.

    The whole name is left out when it is stored as it is (`whole` false): the
    `resident_name` index answers "starts with" for it, and a district's
    whole names were a large share of the keys to sort into the index.
    """
    keys = ["n" + clean[start:] for start in range(0 if whole else 1, len(clean))]
    letters = _initials_of_clean(clean)
    if letters:
        keys.append("p" + letters)
    return keys


def resident_keys_text(name: str, phone: str, id_number: str) -> str:
    """`_keys_text(resident_keys(name, phone, id_number))` with far less work: an import calls it for every row.

    Built by concatenation: the name's part needs no escaping when it is letters
    and digits, the phone's digits never do, and only an odd ID number goes the
    long way.
    """
    clean = normalise_name(name)
    return _with_number_keys(_name_keys_text(clean, clean != (name or "")), name, phone, id_number)


class _ResidentKeysText(dict):
    """`resident_keys_text` for many residents, each name's part worked out once (`search_keys_text`)."""

    def __missing__(self, name: str) -> str:
        if len(self) >= MAX_NAMES_REMEMBERED:  # keep memory flat
            self.clear()
        clean = normalise_name(name)
        text = self[name] = _name_keys_text(clean, clean != (name or ""))
        return text

    def __call__(self, name: str, phone: str, id_number: str) -> str:
        return _with_number_keys(self[name], name, phone, id_number)


MAX_NAMES_REMEMBERED = 100_000


def search_keys_text() -> Callable[[str, str, str], str]:
    """A `resident_keys_text` that remembers the part of each name (for a roster's rows, read one after the other).

    A district's 350,000 residents have about 180,000 different names, so about
    half the rows find their name's keys already worked out.
    """
    return _ResidentKeysText()


def _with_number_keys(text: str, name: str, phone: str, id_number: str) -> str:
    """The JSON array of a resident's keys: `text`, the name's part of it, then the phone's and ID number's."""
    digits = _digits(phone or "")
    if digits:
        text = f'{text},"t{digits[::-1]}"' if text else f'"t{digits[::-1]}"'
    if id_number:
        key = id_number.strip().upper()[::-1]
        if not (key.isascii() and key.isalnum()):
            return _keys_text(resident_keys(name, phone, id_number))
        text = f'{text},"i{key}"' if text else f'"i{key}"'
    return f"[{text}]"


def _name_keys_text(clean: str, whole: bool) -> str:
    """The name's keys (`_name_keys`) as the inside of a JSON array ('' for none).

    Two- and three-character names stored as written are most of a district
    (and 183,000 of its 348,000 names are different, too many to remember), so
    theirs are written out directly; letters and digits need no escaping.
    """
    if not clean.isalnum():
        return _keys_text(_name_keys(clean, whole))[1:-1]
    if not whole and 2 <= len(clean) <= 3:
        letters = _initials_of_clean(clean)
        suffixes = f'"n{clean[1:]}"' if len(clean) == 2 else f'"n{clean[1:]}","n{clean[2]}"'
        return f'{suffixes},"p{letters}"' if letters else suffixes
    keys = _name_keys(clean, whole)
    return '"' + '","'.join(keys) + '"' if keys else ""


def household_keys(phone: str) -> list[str]:
    digits = _digits(phone or "")
    return ["t" + digits[::-1]] if digits else []


# -- keeping the index current ---------------------------------------------------------


def pending_count() -> int:
    return database.execute_sql('SELECT count(*) FROM "search_dirty"').fetchone()[0]


def refresh(progress: Progress | None = None) -> int:
    """Index every queued record; returns how many. Call inside the writer's transaction."""
    progress = progress or Progress()
    total = pending_count()
    if not total:
        return 0
    done = 0
    with database.atomic():
        while True:
            batch = database.execute_sql(
                'SELECT "record", "kind" FROM "search_dirty" LIMIT ?', (BATCH,)
            ).fetchall()
            if not batch:
                break
            _reindex(batch)
            done += len(batch)
            progress.step(min(done, total), total, "search index")
    return done


def rebuild(progress: Progress | None = None) -> int:
    """Throw the index away and index every record again (after a repair or a restore)."""
    with database.atomic():
        for table in ("search_key", "search_address", "search_doc", "search_dirty"):
            database.execute_sql(f'DELETE FROM "{table}"')
        database.execute_sql('INSERT INTO "search_dirty" SELECT "uuid", 2 FROM "household"')
        database.execute_sql('INSERT INTO "search_dirty" SELECT "uuid", 1 FROM "resident"')
        return refresh(progress)


def _reindex(batch: list[tuple[str, int]]) -> None:
    records = [record for record, _ in batch]
    marks = ",".join("?" * len(records))
    _forget(records, marks)
    indexer = BulkIndexer()
    indexer.add_residents(database.execute_sql(
        f'{RESIDENTS_TO_INDEX} WHERE r."deleted" = 0 AND r."uuid" IN ({marks})', records,
    ).fetchall())
    households = [record for record, kind in batch if kind == HOUSEHOLD]
    indexer.add_households(database.execute_sql(
        f'SELECT "uuid", "address", "phone" FROM "household" WHERE "deleted" = 0 AND "uuid" IN ({marks})',
        records,
    ).fetchall())
    indexer.finish()
    database.execute_sql(f'DELETE FROM "search_dirty" WHERE "record" IN ({marks})', records)
    if households:  # whether their residents live away may have changed with the address
        database.execute_sql(
            'INSERT OR IGNORE INTO "search_dirty" SELECT "uuid", 1 FROM "resident" WHERE "household_id" IN '
            f'({",".join("?" * len(households))}) AND "registered_address" != \'\' AND "deleted" = 0 '
            f'AND "uuid" NOT IN ({marks})', households + records)


# A resident's search fields, and what `lives_away` needs to tell whether to index the registration address.
RESIDENTS_TO_INDEX = (
    'SELECT r."uuid", r."name", r."phone", r."id_number", r."registered_address", h."address", h."room", b."name", u."name" '
    'FROM "resident" r LEFT JOIN "household" h ON h."uuid" = r."household_id" '
    'LEFT JOIN "building" b ON b."uuid" = h."building_id" LEFT JOIN "unit" u ON u."uuid" = h."unit_id"'
)


SEARCH_TRIGGERS = (
    "SELECT \"name\", \"sql\" FROM \"sqlite_master\" WHERE \"type\" = 'trigger' AND \"name\" LIKE 'search\\_%' ESCAPE '\\'"
)


@contextmanager
def indexing_myself():
    """Keep the change queue out of the current transaction: the caller indexes its new rows.

    For bulk writers: inside `database.atomic()`, wrap the inserts and give what
    was inserted to a `BulkIndexer`.  Updates of existing rows must still go
    through the queue (`queue`), since their old keys have to be forgotten.

    The queue's triggers are dropped for the block and created again after it,
    inside the transaction, so a rollback restores them as well.  Why not leave
    them and have them check a pause mark (as the first version did): even a
    trigger that does nothing runs once for every inserted row, and for a
    district's 470,000 households and residents that was 0.1–1.1 CPU seconds of
    the import (three alternating runs).  The block's first statement takes the
    write lock (waiting for another writer as long as the busy timeout allows:
    reading the schema first would start a read that cannot wait for the lock
    later), so no other connection writes a change that would go unqueued.
    """
    if not database.in_transaction():
        raise RuntimeError("indexing_myself() belongs inside the writer's transaction")
    if on_postgres():  # its queue's triggers ask a setting of the transaction instead (models/migrations/postgres.py)
        with database.obj.indexing_myself():
            yield
        return
    database.execute_sql('DELETE FROM "search_dirty" WHERE 0')  # a write: the lock, before anything is read
    triggers = database.execute_sql(SEARCH_TRIGGERS).fetchall()
    for name, _ in triggers:
        database.execute_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    except BaseException:
        with suppress(Exception):  # the caller rolls back, which restores them too
            _restore_triggers(triggers)
        raise
    _restore_triggers(triggers)


def _restore_triggers(triggers: list[tuple[str, str]]) -> None:
    """Create the triggers `indexing_myself` dropped, unless a rollback inside its block already brought them back."""
    present = {name for name, _ in database.execute_sql(SEARCH_TRIGGERS).fetchall()}
    for name, sql in triggers:
        if name not in present:
            database.execute_sql(sql)


def queue(records: list[tuple[str, int]]) -> None:
    """Mark records (uuid, RESIDENT or HOUSEHOLD) for the next `refresh`."""
    database.cursor().executemany('INSERT OR IGNORE INTO "search_dirty" VALUES (?, ?)', records)


KEYS_INSERT = (
    'INSERT OR IGNORE INTO "search_key" ("key", "doc") '
    'SELECT k."value", d."id" FROM "search_doc" d, json_each(d."keys") k '
    'WHERE d."id" >= ? AND d."id" < ? ORDER BY 1, 2'
)
DOC_INSERT = 'INSERT INTO "search_doc" ("id", "kind", "record", "keys") VALUES (?, ?, ?, ?)'
ADDRESS_INSERT = 'INSERT INTO "search_address" ("rowid", "address") VALUES (?, ?)'
_NEEDS_JSON_ESCAPE = re.compile(r'[\\\x00-\x1f]')  # and '"', counted below


def _keys_text(keys: list[str]) -> str:
    """`keys` as a JSON array; joined by hand when no key needs escaping (nearly always, and much faster)."""
    if not keys:
        return "[]"
    joined = '","'.join(keys)
    if joined.count('"') != 2 * (len(keys) - 1) or _NEEDS_JSON_ESCAPE.search(joined):
        return _keys_json(keys)
    return '["' + joined + '"]'


def _next_doc_id() -> int:
    return database.execute_sql('SELECT coalesce(max("id"), 0) + 1 FROM "search_doc"').fetchone()[0]


class BulkIndexer:
    """Indexes many new records at once, writing the keys in one sorted pass at the end.

    Keys arrive in file order, which is random order for the key B-tree: past
    the cache size each insert would read and spill pages.  So each document is
    written with its keys as a JSON array (`search_doc.keys`, which `_forget`
    needs anyway), and `finish()` has SQLite expand those arrays (`json_each`),
    sort the two million keys of a district and append them to `search_key` in
    one statement: no Python tuple and no staging row per key.  Use inside the
    writer's transaction, with `indexing_myself()`.
    """

    def __init__(self) -> None:
        self._first_id = self._next_id = _next_doc_id()

    def add_residents(self, rows) -> None:
        """Index residents given as `RESIDENTS_TO_INDEX` rows — their keys, and the registration
        addresses of those registered elsewhere than they live — or as (uuid, name, phone, id_number)."""
        if rows and len(rows[0]) > 4:
            docs = self.resident_docs([row[:4] for row in rows])
            self._write(docs, [(doc[0], row[4]) for doc, row in zip(docs, rows) if lives_away(*row[4:])])
        else:
            self._write(self.resident_docs(rows), [])

    def add_households(self, rows) -> None:
        self._write(*self.household_docs(rows))

    def resident_docs(self, rows) -> list[tuple]:
        """The `search_doc` rows of residents (uuid, name, phone, id_number), for `DOC_INSERT`.

        For writers that insert them themselves (on a `models.storage.bulk_writer.BulkWriter`);
        `finish()` still writes the keys.
        """
        return self.keyed_resident_docs(
            [(uuid, resident_keys_text(name, phone, id_number)) for uuid, name, phone, id_number in rows]
        )

    def keyed_resident_docs(self, rows) -> list[tuple]:
        """`resident_docs` for residents (uuid, `resident_keys_text(…)`) whose keys were worked out elsewhere.

        The roster's reading process works them out beside the checks of each row:
        in the importing process they would take the GIL from the writer thread.
        """
        first = self._next_id
        docs = [(doc, RESIDENT, uuid, keys) for doc, (uuid, keys) in enumerate(rows, start=first)]
        self._next_id = first + len(docs)
        return docs

    def household_docs(self, rows) -> tuple[list[tuple], list[tuple]]:
        """The `search_doc` rows and `search_address` rows (`ADDRESS_INSERT`) of households (uuid, address, phone)."""
        docs, addresses = [], []
        for uuid, address, phone in rows:
            docs.append((self._next_id, HOUSEHOLD, uuid, _keys_text(household_keys(phone))))
            if address:
                addresses.append((self._next_id, address))
            self._next_id += 1
        return docs, addresses

    def _write(self, docs, addresses) -> None:
        cursor = database.cursor()
        cursor.executemany(DOC_INSERT, docs)
        cursor.executemany(ADDRESS_INSERT, addresses)

    def finish(self) -> None:
        """Write the keys of every document added since the start (or the last `keys_so_far`)."""
        if self._next_id != self._first_id:
            database.execute_sql(*self.keys_so_far())

    def keys_so_far(self) -> tuple[str, tuple[int, int]]:
        """The statement (sql, parameters) that writes the keys of the documents added since the last call.

        For a writer that runs it on its own `BulkWriter` after the documents.
        """
        statement = (KEYS_INSERT, (self._first_id, self._next_id))
        self._first_id = self._next_id
        return statement


def _forget(records: list[str], marks: str) -> None:
    """Remove the index entries of `records`, found through the keys each doc remembers."""
    old = database.execute_sql(
        f'SELECT "id", "kind", "keys" FROM "search_doc" WHERE "record" IN ({marks})', records
    ).fetchall()
    if not old:
        return
    cursor = database.cursor()
    cursor.executemany(
        'DELETE FROM "search_key" WHERE "key" = ? AND "doc" = ?',
        [(key, doc) for doc, _, keys in old for key in json.loads(keys)],
    )
    # (a resident's document has an address row when its registration address was indexed)
    cursor.executemany('DELETE FROM "search_address" WHERE "rowid" = ?', [(doc,) for doc, _, _ in old])
    cursor.executemany('DELETE FROM "search_doc" WHERE "id" = ?', [(doc,) for doc, _, _ in old])


# -- asking ----------------------------------------------------------------------------

DIGITS = re.compile(r"\d+[xX]?")
LETTERS = re.compile(r"[A-Za-z]+")


def find(text: str, limit: int = 50) -> list[Match]:
    """Residents and households matching `text`, best first, at most `limit`."""
    query = re.sub(r"\s+", "", text or "")
    if not query:
        return []
    if pending_count():
        refresh()
    found: dict[int, str] = {}  # doc id → what matched, in order of relevance

    def take(prefix: str, matched: str) -> None:
        for doc in _docs_with_prefix(prefix, limit):
            found.setdefault(doc, matched)

    def take_name(name: str) -> None:
        """Names starting with `name` (the name index), then names with it further in (later suffixes)."""
        for doc in _docs_with_name_starting(name, limit):
            found.setdefault(doc, "name")
        take("n" + name, "name")

    if DIGITS.fullmatch(query):
        reversed_query = query.upper()[::-1]
        # A long number is more likely an ID, a short one a phone tail.
        tags = (("i", "id_number"), ("t", "phone")) if len(query) > 11 else (("t", "phone"), ("i", "id_number"))
        for tag, matched in tags:
            take(tag + reversed_query, matched)
    elif LETTERS.fullmatch(query):
        take("p" + query.lower(), "initials")
        take_name(query)
    else:
        take_name(normalise_name(query))
    if len(found) < limit:
        for doc in _address_docs(query, limit - len(found)):
            found.setdefault(doc, "address")
    return _ranked(_matches(found), query)[:limit]


def _docs_with_prefix(prefix: str, limit: int) -> list[int]:
    rows = database.execute_sql(
        'SELECT "doc" FROM "search_key" WHERE "key" >= ? AND "key" < ? LIMIT ?',
        (prefix, prefix + PREFIX_END, limit),
    ).fetchall()
    return [doc for (doc,) in rows]


def _docs_with_name_starting(prefix: str, limit: int) -> list[int]:
    """Residents whose stored name starts with `prefix`: one range of the `resident_name` index."""
    rows = database.execute_sql(
        'SELECT d."id" FROM "resident" r JOIN "search_doc" d ON d."record" = r."uuid" '
        'WHERE r."name" >= ? AND r."name" < ? AND r."deleted" = 0 LIMIT ?',
        (prefix, prefix + PREFIX_END, limit),
    ).fetchall()
    return [doc for (doc,) in rows]


def _address_docs(query: str, limit: int) -> list[int]:
    """Households whose address contains `query`.

    Three characters or more: the trigram index.  Two characters ("丁街", "5号")
    are not a trigram, but every trigram of the index that starts with them is:
    the index's own list of trigrams (`fts5vocab`, a range scan of its terms)
    gives those few, and the index answers "any of them" — a street of two
    characters is found wherever a character follows it in the address.  One
    character, and two that no trigram starts with, look in building names (a
    few thousand) and take those buildings' households: a scan of every address
    that finds nothing costs more than a keystroke may at district scale.
    """
    if len(query) >= 3 or on_postgres():  # (pg_trgm answers two characters too, by scanning)
        operator, pattern = _contains(query)
        rows = database.execute_sql(
            f'SELECT rowid FROM "search_address" WHERE "address" {operator} ? LIMIT ?', (pattern, limit)
        ).fetchall()
        return [doc for (doc,) in rows]
    found = _docs_of_trigrams_starting(query, limit) if len(query) == 2 else []
    if len(found) < limit:
        # Nested IN lists, so SQLite scans the few buildings and not every household.
        rows = database.execute_sql(
            'SELECT d."id" FROM "search_doc" d WHERE d."record" IN ('
            ' SELECT h."uuid" FROM "household" h WHERE h."deleted" = 0 AND h."building_id" IN ('
            '  SELECT b."uuid" FROM "building" b WHERE b."deleted" = 0 AND instr(b."name", ?) > 0 LIMIT 200)'
            ' LIMIT ?)',
            (query, limit),
        ).fetchall()
        found += [doc for (doc,) in rows if doc not in found]
    return found[:limit]


TRIGRAMS_ASKED = 300  # trigrams starting with two characters: a district has about ten for a street


def _docs_of_trigrams_starting(pair: str, limit: int) -> list[int]:
    """Addresses holding a trigram that starts with the two characters `pair`."""
    database.execute_sql(
        'CREATE VIRTUAL TABLE IF NOT EXISTS temp."search_address_terms" USING fts5vocab(main, "search_address", row)'
    )
    folded = pair.lower()  # the trigram tokenizer folds Latin letters
    terms = [term for (term,) in database.execute_sql(
        'SELECT "term" FROM temp."search_address_terms" WHERE "term" >= ? AND "term" < ? LIMIT ?',
        (folded, folded + PREFIX_END, TRIGRAMS_ASKED),
    ).fetchall()]
    if not terms:
        return []
    question = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    rows = database.execute_sql(
        'SELECT rowid FROM "search_address" WHERE "search_address" MATCH ? LIMIT ?', (question, limit)
    ).fetchall()
    return [doc for (doc,) in rows]


def _contains(part: str) -> tuple[str, str]:
    """(operator, pattern) for "address contains `part`" that the trigram index answers.

    LIKE, as the index's own matching, ignores the case of Latin letters; a part
    with LIKE's wildcards (% and _) asks with GLOB, whose wildcards are bracketed
    (the index answers neither with an ESCAPE clause).
    """
    if on_postgres():  # case-blind like SQLite's LIKE; backslash is PostgreSQL's LIKE escape
        return "ILIKE", "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if "%" not in part and "_" not in part:
        return "LIKE", f"%{part}%"
    return "GLOB", "*" + "".join(f"[{char}]" if char in "*?[" else char for char in part) + "*"


def _matches(found: dict[int, str]) -> list[Match]:
    if not found:
        return []
    ids = list(found)
    marks = ",".join("?" * len(ids))
    rows = database.execute_sql(
        f"""
        SELECT d."id", 'resident', r."uuid", r."household_id", r."name", h."address", r."id_number", r."phone",
               coalesce(r."registered_address", '')
        FROM "search_doc" d JOIN "resident" r ON r."uuid" = d."record" JOIN "household" h ON h."uuid" = r."household_id"
        WHERE d."id" IN ({marks}) AND d."kind" = {RESIDENT}
        UNION ALL
        SELECT d."id", 'household', h."uuid", h."uuid",
               coalesce((SELECT r."name" FROM "resident" r WHERE r."household_id" = h."uuid" AND r."deleted" = 0
                         ORDER BY r."relation" != '户主', r."name" LIMIT 1), ''),
               h."address", '', h."phone", ''
        FROM "search_doc" d JOIN "household" h ON h."uuid" = d."record"
        WHERE d."id" IN ({marks}) AND d."kind" = {HOUSEHOLD}
        """,
        ids + ids,
    ).fetchall()
    by_id = {row[0]: row for row in rows}
    return [Match(*by_id[doc][1:8], _what_matched(by_id[doc][1], found[doc]), by_id[doc][8]) for doc in ids if doc in by_id]


def _what_matched(kind: str, matched: str) -> str:
    """A resident found through the address index was found by their registration address."""
    return "registered_address" if matched == "address" and kind == "resident" else matched


def _ranked(matches: list[Match], query: str) -> list[Match]:
    """Exact names first, then names starting with the query, then the rest as found."""

    def rank(match: Match) -> int:
        if match.matched == "name":
            name = normalise_name(match.name)
            return 0 if name == query else 1 if name.startswith(query) else 3
        return 2

    return sorted(matches, key=rank)
