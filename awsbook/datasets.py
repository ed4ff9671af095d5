"""Load and validate the CSV files in ``data/``.

Every dataset has a schema below.  :func:`load` refuses a file that breaks it
with a :class:`DataError` naming the file, the line and the column, so a
corrupt price table never turns into a silently wrong chart.  Nothing is
dropped or coerced quietly.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(os.environ.get("AWSBOOK_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

#: AWS region codes the book knows about.
REGIONS = (
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1",
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
    "ap-southeast-2", "ap-south-1",
)
ARCHES = ("x86_64", "arm64")
CONFIDENCE = ("SEEN-AWS", "SEEN-3P", "ESTIMATE", "SYNTHETIC")


class DataError(ValueError):
    """A data file breaks its schema.  The message is Korean and names file, line and column."""


@dataclass(frozen=True)
class Column:
    """One column of a dataset.

    kind: ``"str"``, ``"float"``, ``"int"`` or ``"date"`` (ISO ``YYYY-MM-DD``) or
    ``"datetime"`` (ISO timestamp).  ``positive``: must be > 0; ``nonnegative``: ≥ 0.
    ``allowed``: the only accepted values.  ``optional``: may be empty (becomes NA).
    """

    name: str
    kind: str = "str"
    optional: bool = False
    positive: bool = False
    nonnegative: bool = False
    allowed: tuple[str, ...] | None = None


_PROVENANCE = (
    Column("confidence", allowed=CONFIDENCE),
    Column("source_url"),
    Column("as_of", "date"),
    Column("note", optional=True),
)


def _schema(*columns: Column) -> tuple[Column, ...]:
    return tuple(columns) + _PROVENANCE


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "lambda_prices": _schema(
        Column("region", allowed=REGIONS), Column("arch", allowed=ARCHES),
        Column("usd_per_request", "float", positive=True),
        Column("usd_per_gb_second", "float", positive=True),
    ),
    "lambda_duration_tiers": _schema(
        Column("arch", allowed=ARCHES),
        Column("from_gb_seconds", "float", nonnegative=True),
        Column("to_gb_seconds", "float", optional=True, positive=True),
        Column("discount_pct", "float", nonnegative=True),
    ),
    "lambda_free_tier": _schema(
        Column("requests_per_month", "int", positive=True),
        Column("gb_seconds_per_month", "float", positive=True),
    ),
    "lambda_ephemeral_prices": _schema(
        Column("region", allowed=REGIONS),
        Column("usd_per_gb_second", "float", positive=True),
        Column("included_mb", "int", positive=True),
    ),
    "lambda_limits": _schema(
        Column("quantity"), Column("value", "float", positive=True),
        Column("unit", allowed=("MB", "s", "vCPU", "count")),
        Column("valid_from", "date", optional=True), Column("valid_until", "date", optional=True),
    ),
    "ec2_prices": (
        Column("instance_type"), Column("region", allowed=REGIONS), Column("arch", allowed=ARCHES),
        Column("family_group", allowed=("burstable", "general", "compute", "memory")),
        Column("vcpu", "int", positive=True), Column("memory_gib", "float", positive=True),
        Column("usd_per_hour", "float", positive=True),
        Column("price_confidence", allowed=CONFIDENCE), Column("spec_confidence", allowed=CONFIDENCE),
        Column("source_url"), Column("as_of", "date"), Column("note", optional=True),
    ),
    "fargate_prices": _schema(
        Column("region", allowed=REGIONS), Column("arch", allowed=ARCHES),
        Column("usd_per_vcpu_hour", "float", positive=True),
        Column("usd_per_gb_hour", "float", positive=True),
    ),
    "fargate_task_sizes": _schema(
        Column("vcpu", "float", positive=True), Column("memory_gb", "float", positive=True),
    ),
    "fargate_billing": _schema(
        Column("granularity_seconds", "int", positive=True),
        Column("minimum_seconds", "int", positive=True),
    ),
    "eks_prices": _schema(
        Column("support", allowed=("standard", "extended")),
        Column("usd_per_cluster_hour", "float", positive=True),
    ),
    "api_gateway_prices": _schema(
        Column("api", allowed=("http", "rest")), Column("region", allowed=REGIONS),
        Column("from_requests", "float", nonnegative=True),
        Column("to_requests", "float", optional=True, positive=True),
        Column("usd_per_million_requests", "float", positive=True),
    ),
    "public_ipv4_prices": _schema(
        Column("region", allowed=REGIONS),
        Column("usd_per_address_hour", "float", positive=True),
        Column("valid_from", "date"),
    ),
    "korean_holidays": _schema(Column("date", "date"), Column("name")),
    "discounts": _schema(
        Column("offer"), Column("applies_to"),
        Column("max_discount_pct", "float", positive=True),
    ),
    "sla": _schema(
        Column("service"), Column("scope"),
        Column("target_pct", "float", positive=True),
        Column("measured_per", allowed=("hour", "month")),
    ),
    "sla_credits": _schema(
        Column("service"), Column("scope"),
        Column("uptime_from_pct", "float", nonnegative=True),
        Column("uptime_to_pct", "float", positive=True),
        Column("credit_pct", "float", positive=True),
    ),
    "request_log": _schema(
        Column("timestamp", "datetime"),
        Column("requests", "int", nonnegative=True),
        Column("errors_5xx", "int", nonnegative=True),
        Column("latency_p99_ms", "int", positive=True),
    ),
    "traffic_day": _schema(
        Column("hour", "int", nonnegative=True),
        Column("relative_demand", "float", positive=True),
    ),
    "region_locations": _schema(
        Column("region", allowed=REGIONS), Column("city"),
        Column("latitude", "float"), Column("longitude", "float"),
    ),
}


def _fail(path: Path, line: int | None, column: str | None, message: str) -> DataError:
    where = f"data/{path.name}"
    if line is not None:
        where += f" {line}번째 줄"
    if column is not None:
        where += f" '{column}' 열"
    return DataError(f"{where}: {message}")


def _parse(path: Path, line: int, col: Column, raw: str):
    text = raw.strip()
    if text == "":
        if col.optional:
            return None
        raise _fail(path, line, col.name, "값이 비어 있습니다. 이 열은 반드시 채워야 합니다.")
    if col.kind == "str":
        value = text
    elif col.kind in ("float", "int"):
        try:
            value = float(text)
        except ValueError:
            raise _fail(path, line, col.name, f"'{text}'은(는) 수가 아닙니다.") from None
        if not math.isfinite(value):
            raise _fail(path, line, col.name, f"'{text}'은(는) 유한한 수가 아닙니다.")
        if col.kind == "int":
            if not value.is_integer():
                raise _fail(path, line, col.name, f"'{text}'은(는) 정수가 아닙니다.")
            value = int(value)
        if col.positive and value <= 0:
            raise _fail(path, line, col.name, f"값 {text}은(는) 0보다 커야 합니다.")
        if col.nonnegative and value < 0:
            raise _fail(path, line, col.name, f"값 {text}은(는) 0 이상이어야 합니다.")
    elif col.kind == "date":
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise _fail(path, line, col.name, f"'{text}'은(는) YYYY-MM-DD 형식의 날짜가 아닙니다.") from None
    elif col.kind == "datetime":
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise _fail(path, line, col.name, f"'{text}'은(는) ISO 형식의 시각이 아닙니다.") from None
    else:  # pragma: no cover - schema bug, not reader input
        raise AssertionError(col.kind)
    if col.allowed is not None and value not in col.allowed:
        raise _fail(path, line, col.name,
                    f"'{text}'은(는) 허용되지 않는 값입니다. 허용 값: {', '.join(col.allowed)}.")
    if col.name == "source_url" and not text.startswith(("https://", "http://", "synthetic:")):
        raise _fail(path, line, col.name, f"'{text}'은(는) 출처 주소(https://…)가 아닙니다.")
    return value


def read(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read ``data/<name>.csv`` and validate it against ``SCHEMAS[name]``.

    Returns a DataFrame whose columns follow the schema order; dates become
    ``datetime.date`` objects and empty optional cells become ``None``.
    """
    if name not in SCHEMAS:
        raise ValueError(
            f"매개변수 'name'에 {name!r}이(가) 주어졌습니다. 데이터셋 {', '.join(sorted(SCHEMAS))} 중 하나만 허용됩니다."
        )
    columns = SCHEMAS[name]
    path = Path(data_dir if data_dir is not None else DATA_DIR) / f"{name}.csv"
    if not path.exists():
        raise _fail(path, None, None, "파일이 없습니다.")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise _fail(path, None, None, "파일이 비어 있습니다.") from None
        missing = [c.name for c in columns if c.name not in header]
        if missing:
            raise _fail(path, 1, missing[0], "필수 열이 없습니다.")
        unknown = [h for h in header if h not in {c.name for c in columns}]
        if unknown:
            raise _fail(path, 1, unknown[0], "스키마에 없는 열입니다.")
        index = {h: i for i, h in enumerate(header)}
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not cells:
                continue
            if len(cells) != len(header):
                raise _fail(path, line, None, f"칸이 {len(cells)}개입니다. 머리글처럼 {len(header)}개여야 합니다.")
            rows.append({c.name: _parse(path, line, c, cells[index[c.name]]) for c in columns})
    if not rows:
        raise _fail(path, None, None, "데이터 행이 하나도 없습니다.")
    return pd.DataFrame(rows, columns=[c.name for c in columns])


@lru_cache(maxsize=None)
def _cached(name: str) -> pd.DataFrame:
    return read(name)


def load(name: str) -> pd.DataFrame:
    """Return the validated dataset ``name`` from the book's ``data/`` folder (cached; a copy)."""
    return _cached(name).copy()
