"""The SQLite dialect of the table modules, rewritten for PostgreSQL.

The table modules (events, links, stories, sources, alerts, link failures) write their SQL once,
in SQLite's dialect. :func:`to_postgres` rewrites the few constructs PostgreSQL spells
otherwise, so the same module serves both backends:

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
- ``INSERT OR IGNORE`` becomes ``INSERT … ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` an
  upsert on the table's key (:data:`CONFLICT_KEYS`);
- ``json_extract(col, '$.key')`` becomes ``(col::jsonb ->> 'key')``, ``group_concat(x, char(31))``
  ``string_agg(x, chr(31))``, ``x GLOB '[0-9]*'`` ``x ~ '^[0-9]'``, ``CROSS JOIN`` a plain join;
- every ``ORDER BY`` term gets SQLite's null order (NULLs first ascending, last descending),
  since PostgreSQL sorts NULLs the other way, except on columns that are never NULL (an index
  on them keeps serving the order).

Statements that differ in more than spelling (generated ids, counters, full-text search) are
written for PostgreSQL where they are used (:mod:`khabar.store.postgres`, :mod:`khabar.store.pg_tables`).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The key an ``INSERT OR REPLACE`` replaces on, per table.
CONFLICT_KEYS: dict[str, tuple[str, ...]] = {
    "doc_signatures": ("doc_id",),
    "doc_links": ("doc_id", "other_id", "kind"),
    "line_vectors": ("doc_id",),
    "story_documents": ("story_id", "doc_id"),
    "meta": ("key",),
}

# ORDER BY terms over columns that are never NULL keep PostgreSQL's default null order, so an
# index on them still gives the order (a NULLS FIRST ascending sort could not use it).
_NOT_NULL = re.compile(
    r"^(?:\w+\.)?(?:rowid|id|seq|idx|doc_id|story_id|other_id|entity|key|url|added|found|at|"
    r"kind|level|updated|created|uri|weight|score|count\(\*\)|\d+)(?:\s+(?:ASC|DESC))?$"
)
_JSON = re.compile(r"json_extract\(([\w.]+),\s*'\$\.(\w+)'\)")
_GROUP_CONCAT = re.compile(r"group_concat\(([\w.]+),\s*char\(31\)\)")
_GLOB_DIGIT = re.compile(r"\bGLOB\s+'\[0-9\]\*'")
_REPLACE = re.compile(r"INSERT OR REPLACE INTO (\w+)\s*\(([^)]*)\)")
_ORDER_END = re.compile(r"\b(?:LIMIT|OFFSET)\b")


def _placeholders(sql: str) -> str:
    """``?`` outside quotes to ``%s``; every ``%`` to ``%%`` (psycopg's own placeholder sign)."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


def _null_order(term: str) -> str:
    text = term.strip()
    upper = text.upper()
    if "NULLS " in upper or _NOT_NULL.match(text):
        return text
    return text + (" NULLS LAST" if upper.endswith(" DESC") else " NULLS FIRST")


def _order_by(sql: str) -> str:
    """Give every ORDER BY term SQLite's null order (see the module docstring)."""
    out: list[str] = []
    pos = 0
    while (at := sql.find("ORDER BY ", pos)) >= 0:
        start = at + len("ORDER BY ")
        out.append(sql[pos:start])
        depth, i, quote = 0, start, ""
        terms: list[str] = []
        term_start = start
        while i < len(sql):
            ch = sql[i]
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            elif ch == "," and depth == 0:
                terms.append(sql[term_start:i])
                term_start = i + 1
            elif depth == 0 and _ORDER_END.match(sql, i) and not sql[i - 1].isalnum():
                break
            i += 1
        tail = sql[term_start:i]
        trailing = tail[len(tail.rstrip()) :]
        terms.append(tail)
        out.append(", ".join(_null_order(t) for t in terms) + (trailing or ""))
        pos = i
    out.append(sql[pos:])
    return "".join(out)


def _replace(sql: str) -> str:
    match = _REPLACE.search(sql)
    if not match:
        return sql
    table, columns = match.group(1), [c.strip() for c in match.group(2).split(",")]
    keys = CONFLICT_KEYS[table]
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    head = sql[: match.start()] + f"INSERT INTO {table}({', '.join(columns)})" + sql[match.end() :]
    return head.rstrip().rstrip(";") + f" ON CONFLICT ({', '.join(keys)}) {action}"


@lru_cache(maxsize=4096)
def to_postgres(sql: str) -> str:
    """``sql`` (SQLite's dialect, ``?`` placeholders) as PostgreSQL runs it through psycopg."""
    if "INSERT OR IGNORE INTO" in sql:
        sql = (
            sql.replace("INSERT OR IGNORE INTO", "INSERT INTO").rstrip().rstrip(";")
            + " ON CONFLICT DO NOTHING"
        )
    if "INSERT OR REPLACE INTO" in sql:
        sql = _replace(sql)
    sql = _JSON.sub(r"(\1::jsonb ->> '\2')", sql)
    sql = _GROUP_CONCAT.sub(r"string_agg(\1, chr(31))", sql)
    sql = _GLOB_DIGIT.sub("~ '^[0-9]'", sql)
    sql = sql.replace("CROSS JOIN", "JOIN")
    if "ORDER BY " in sql:
        sql = _order_by(sql)
    return _placeholders(sql)
