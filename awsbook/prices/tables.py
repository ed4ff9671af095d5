"""The ``data/*.csv`` files as plain text rows, merged with the rows AWS's files give.

A table keeps every cell as the text in the file, so a row the refresh does not
touch is written back byte for byte, and a number AWS states differently but
equally ("3.5" for "3.50") keeps its old text.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from awsbook import datasets
from awsbook.prices.select import fmt

#: Key columns of the tables the refresh writes: the loader's own (one definition, datasets.KEYS).
KEYS = {name: datasets.KEYS[name] for name in ("ec2_prices", "lambda_prices", "lambda_duration_tiers",
                                               "lambda_ephemeral_prices", "fargate_prices", "eks_prices",
                                               "api_gateway_prices")}
#: Banded tables: the bands of one group come from one SKU and are replaced together.
BAND_GROUPS: dict[str, tuple[str, ...]] = {
    "lambda_duration_tiers": ("arch",),
    "api_gateway_prices": ("api", "region"),
}
#: Where a new row goes: after the last row that shares these columns (else at the end).
NEAR: dict[str, tuple[str, ...]] = {
    "ec2_prices": ("region",), "lambda_prices": ("region",), "lambda_duration_tiers": ("arch",),
    "lambda_ephemeral_prices": (), "fargate_prices": ("region",), "eks_prices": (),
    "api_gateway_prices": ("api", "region"),
}
PROVENANCE = ("confidence", "price_confidence", "spec_confidence", "source_url", "spec_source_url",
              "aws_original", "as_of", "note")


def numeric_columns(name: str) -> set[str]:
    return {c.name for c in datasets.SCHEMAS[name] if c.kind in ("float", "int")}


def same_number(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return False


def norm(text: str) -> str:
    """A key cell in a comparable form: numbers without trailing zeros ("0.0" -> "0")."""
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return text
    return fmt(d) if d.is_finite() else text


@dataclass
class Table:
    """One CSV file of ``data/`` as text: header, rows and the line ending it uses."""

    name: str
    header: list[str]
    rows: list[list[str]]
    newline: str = "\n"
    changed: bool = False
    bom: bool = False

    @classmethod
    def load(cls, data_dir: Path, name: str) -> "Table":
        """Read a file the loader accepts (a BOM and spaces around header names included, as Excel saves them)."""
        raw = (Path(data_dir) / f"{name}.csv").read_bytes()
        text = raw.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in text else "\n"
        rows = [r for r in csv.reader(io.StringIO(text, newline=""))]
        header = [h.strip(datasets._TRIM) for h in rows[0]]
        return cls(name, header, rows[1:], newline, False, raw.startswith(codecs.BOM_UTF8))

    def text(self) -> str:
        """The file's text, with the line ending and BOM it was read with."""
        out = io.StringIO()
        csv.writer(out, lineterminator=self.newline).writerows([self.header, *self.rows])
        return ("\ufeff" if self.bom else "") + out.getvalue()

    def as_dict(self, row: list[str]) -> dict[str, str]:
        return dict(zip(self.header, row))

    def rows_as_dicts(self) -> list[dict[str, str]]:
        return [self.as_dict(r) for r in self.rows if r]

    def key(self, values: dict[str, str]) -> tuple[str, ...]:
        return tuple(norm(values[c]) for c in KEYS[self.name])

    def label(self, values: dict[str, str]) -> str:
        """A row's key for people: ``t3.micro/ap-northeast-2``."""
        return "/".join(values[c] for c in KEYS[self.name])


@dataclass
class Change:
    """One cell that the refresh changes."""

    file: str
    row: str
    column: str
    old: str
    new: str
    sku: str = ""
    origin: str = ""

    @property
    def pct(self) -> float | None:
        try:
            old, new = float(self.old), float(self.new)
        except ValueError:
            return None
        return None if old == 0 else (new / old - 1) * 100


@dataclass
class Merge:
    """Everything the refresh would do to ``data/``."""

    changes: list[Change] = field(default_factory=list)
    added: list[tuple[str, str, dict]] = field(default_factory=list)      # file, row, values
    gone: list[tuple[str, str, str]] = field(default_factory=list)        # file, row, why (kept)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)     # file, row, why (removed)
    notices: list[str] = field(default_factory=list)


def merge(table: Table, candidates, covers, result: Merge) -> None:
    """Apply AWS's rows ``candidates`` to ``table``; record what changes in ``result``.

    ``covers``: predicates over existing rows that these files are the source for;
    such rows that no candidate confirms stay and are listed in ``result.gone``.
    In a banded table, a group AWS gives anew replaces the old bands of that group.
    """
    numeric = numeric_columns(table.name)
    index = {table.key(table.as_dict(r)): i for i, r in enumerate(table.rows) if r}
    seen: dict[tuple, object] = {}
    touched: set[tuple] = set()
    groups = BAND_GROUPS.get(table.name)
    new_groups = {tuple(norm(c.values[g]) for g in groups) for c in candidates} if groups else set()
    for cand in candidates:
        key = table.key(cand.values)
        if key in seen:
            if seen[key] != cand.values:
                raise ValueError(f"{table.name}: 같은 행 {key}에 서로 다른 값이 두 번 나왔습니다.")
            continue
        seen[key] = cand.values
        touched.add(key)
        missing = [c for c in table.header if c not in cand.values]
        if missing:
            raise AssertionError(f"{table.name}: candidate lacks {missing}")
        label = table.label(cand.values)
        if key in index:
            row = table.rows[index[key]]
            for j, col in enumerate(table.header):
                old, new = row[j], cand.values[col]
                if old == new or (col in numeric and same_number(old, new)):
                    continue
                result.changes.append(Change(f"{table.name}.csv", label, col, old, new,
                                             ", ".join(cand.skus), cand.origin))
                row[j] = new
                table.changed = True
        else:
            row = [cand.values[c] for c in table.header]
            near = NEAR.get(table.name, ())
            at = len(table.rows)
            for i, existing in enumerate(table.rows):
                d = table.as_dict(existing)
                if existing and near and all(norm(d[c]) == norm(cand.values[c]) for c in near):  # [] is a blank line
                    at = i + 1
            table.rows.insert(at, row)
            index = {table.key(table.as_dict(r)): i for i, r in enumerate(table.rows) if r}
            result.added.append((f"{table.name}.csv", label, dict(cand.values)))
            table.changed = True
    keep_rows = []
    for r in table.rows:
        if not r:
            keep_rows.append(r)
            continue
        d = table.as_dict(r)
        key = table.key(d)
        if key in touched:
            keep_rows.append(r)
            continue
        if groups and tuple(norm(d[g]) for g in groups) in new_groups:
            result.dropped.append((f"{table.name}.csv", table.label(d),
                                   "AWS 파일의 요금 구간이 바뀌어 이 구간은 더 이상 없습니다"))
            table.changed = True
            continue
        if any(pred(d) for pred in covers):
            result.gone.append((f"{table.name}.csv", table.label(d),
                                "AWS 파일에서 찾지 못했습니다. 행은 그대로 두었으니 확인하세요"))
        keep_rows.append(r)
    if groups:
        # Bands of one group in ascending order, groups where they first appeared.
        first: dict[tuple, int] = {}
        start = KEYS[table.name][-1]
        for i, r in enumerate(keep_rows):
            if r:
                first.setdefault(tuple(norm(table.as_dict(r)[c]) for c in groups), i)

        def order(item):
            i, r = item
            if not r:
                return (len(keep_rows), 0.0, i)
            d = table.as_dict(r)
            return (first[tuple(norm(d[c]) for c in groups)], float(d[start]), i)
        keep_rows = [r for _, r in sorted(enumerate(keep_rows), key=order)]
    table.rows = keep_rows
