"""Load and validate the CSV files in ``data/``.

Every dataset has a schema (:data:`SCHEMAS`) and key columns (:data:`KEYS`).
:func:`read` and :func:`load` refuse a file that breaks them with a
:class:`DataError` whose Korean message names the file, the line and the
column, so a corrupt price table never turns into a silently wrong chart.

One check, three users
----------------------
``check(data_dir=None, names=None) -> list[Problem]`` validates every file of
``data_dir`` (default :data:`DATA_DIR`; ``names`` limits it to some datasets)
with exactly the rules :func:`read` applies, and also reports CSV files that
have no schema and Excel workbooks left in the folder.  A :class:`Problem` is
``(file, line, column, message)``; ``str(problem)`` is the same text a
:class:`DataError` from :func:`read` carries.  It is used by

* ``python -m awsbook.datasets check [DIR]`` — one line per file (rows, OK or
  the first problems with line and column), exit status 1 on any problem;
* the book build (:mod:`awsbook.book.datacheck`), which stops before running any
  notebook when ``data/`` has a problem;
* the price refresh (``awsbook.prices``), which checks the files it wrote
  before moving them into ``data/``.

Line numbers count CSV records with the header as line 1, so they equal the
row numbers Excel shows.

Encoding
--------
Files are UTF-8, with or without the byte-order mark Excel's "CSV UTF-8(쉼표로
분리)" writes.  A file in another encoding — Korean Excel's plain "CSV (쉼표로
분리)" writes CP949 (EUC-KR) — is *refused* with a message that says how to
save it again, rather than converted.  Reasons: bytes that are not UTF-8 do not
say which encoding they are in (CP949, Shift-JIS or Latin-1 bytes often decode
under another code page too), so a conversion can yield a plausible but
garbled note or region name with no error; the files live in git, where one
encoding keeps diffs readable; and the price refresh writes UTF-8, so a
converted-on-read file would silently differ from what is on disk.  UTF-16
("유니코드 텍스트") is refused the same way.

What Excel does to a CSV, and what the loader does about it
------------------------------------------------------------
* BOM at the start of the file — accepted (ignored).
* CRLF line ends, blank lines, rows of only commas (Excel writes them for rows
  that once held formatting) — accepted (the rows are skipped).
* Columns with an empty header whose cells are all empty (Excel's "used range")
  — ignored; a value under an empty header is refused.
* Spaces (also no-break and full-width spaces) around a value or a header —
  accepted (trimmed).
* Thousands separators, "1,000" or "1,000,000.5" — accepted in number columns;
  a comma in any other position ("1,5", "0,0104") is refused, because it may
  be a decimal comma.
* Scientific notation, "1.66667E-05" (Excel's General format for small
  rates) — accepted; it is the number the file says.
* Percent signs, "99.99%", in a percent column (``*_pct``, kind ``"percent"``)
  — accepted as 99.99; in any other column refused.  Percent columns must lie
  in 0–100.
* Currency symbols, "$0.01" — refused: Excel's currency format saves the value
  rounded to the shown decimals.
* Excel error values ("#N/A", "#DIV/0!") and "#####" (a column too narrow) —
  refused with a message saying what they are.
* Dates written "2026.11.29", "2026. 11. 29.", "2026/11/29", "2026-1-5",
  "2026년 11월 29일", "11/29/2026" or with a time — refused with the ISO form to
  write instead ("2026-11-29"), or, when day and month cannot be told apart, a
  message saying so.  Timestamps accept "2026-03-02T00:00" and Excel's
  "2026-03-02 0:00".
* NaN, inf, a negative value in a non-negative column, text in a number
  column, a fraction in an integer column, an unknown or missing column, a
  duplicated column, a short or long row, a duplicate key — refused.

Regions
-------
Region codes and their Korean names (AWS's own Korean names) live in
``data/regions.csv``; every ``region`` column accepts only codes listed there,
so a new region needs its Korean name first.  :func:`region_names` and
:data:`REGION_NAMES` give the names to charts; :data:`REGIONS` the codes.
"""

from __future__ import annotations

from awsbook import validate
import argparse
import csv
import datetime as dt
import io
import math
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

DATA_DIR = Path(os.environ.get("AWSBOOK_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

ARCHES = ("x86_64", "arm64")
CONFIDENCE = ("SEEN-AWS", "SEEN-3P", "ESTIMATE", "SYNTHETIC")
#: How sure a row is, in Korean (SLA and limit tables: was it checked in AWS's own documents?).
CONFIDENCE_NAMES = {"SEEN-AWS": "AWS 문서에서 확인", "SEEN-3P": "제3자 자료에서만 확인",
                    "ESTIMATE": "추정(확인된 사본 없음)", "SYNTHETIC": "합성 데이터"}
#: Where a price came from, in Korean (price tables and the prose around them).
PRICE_SOURCE_NAMES = {"SEEN-AWS": "AWS 가격 목록", "SEEN-3P": "제3자 근삿값", "ESTIMATE": "추정(출처 없음)",
                      "SYNTHETIC": "합성 데이터"}

#: How to save a file from Korean Excel so that this module can read it.
SAVE_AS = ("Excel에서 [파일] → [다른 이름으로 저장]을 누르고 파일 형식을 "
           "'CSV UTF-8(쉼표로 분리)(*.csv)'로 골라 같은 이름으로 다시 저장하세요.")


class DataError(ValueError):
    """A data file breaks its schema.  The message is Korean and names file, line and column."""


@dataclass(frozen=True)
class Problem:
    """One problem in a data file: ``file`` (name, e.g. ``"ec2_prices.csv"``), ``line``
    (CSV record number, header = 1; ``None`` for the whole file), ``column`` (or ``None``)
    and a Korean ``message``."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"data/{self.file}"
        if self.line is not None:
            where += f" {self.line}번째 줄"
        if self.column is not None:
            where += f" '{self.column}' 열"
        return f"{where}: {self.message}"


class _RegionCodes(Sequence):
    """The region codes of ``data/regions.csv``, read on first use (a read-only sequence)."""

    def _codes(self) -> tuple[str, ...]:
        return tuple(_book_regions())

    def __getitem__(self, i):
        return self._codes()[i]

    def __len__(self) -> int:
        return len(self._codes())

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes())

    def __contains__(self, value) -> bool:
        return value in self._codes()

    def __repr__(self) -> str:
        return repr(self._codes())


class _RegionNames(Mapping):
    """Region code → AWS's Korean name, from ``data/regions.csv`` in file order (read on first use)."""

    def __getitem__(self, code: str) -> str:
        return _book_regions()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(_book_regions())

    def __len__(self) -> int:
        return len(_book_regions())

    def __repr__(self) -> str:
        return repr(_book_regions())


#: AWS region codes the book knows: those in ``data/regions.csv`` (a schema's
#: ``allowed=REGIONS`` checks a column against the regions of the file's own folder).
REGIONS: Sequence[str] = _RegionCodes()
#: Region code → Korean name, in ``data/regions.csv`` order (charts list regions in this order).
REGION_NAMES: Mapping[str, str] = _RegionNames()


@dataclass(frozen=True)
class Column:
    """One column of a dataset.

    kind: ``"str"``, ``"float"``, ``"int"``, ``"percent"`` (a float in 0–100 that
    may be written with a trailing ``%``), ``"date"`` (ISO ``YYYY-MM-DD``) or
    ``"datetime"`` (ISO timestamp).  ``positive``: must be > 0; ``nonnegative``:
    ≥ 0.  ``allowed``: the only accepted values (:data:`REGIONS` means the codes
    of ``regions.csv`` in the same folder).  ``optional``: may be empty (becomes
    ``None``).  ``pattern``: a regular expression a text value must match in
    full, explained to the reader by ``hint``.
    """

    name: str
    kind: str = "str"
    optional: bool = False
    positive: bool = False
    nonnegative: bool = False
    allowed: Sequence[str] | None = None
    pattern: str | None = None
    hint: str = ""


_PROVENANCE = (
    Column("confidence", allowed=CONFIDENCE),
    Column("source_url"),
    Column("as_of", "date"),
    Column("note", optional=True),
)

#: An AWS region code: ``ap-northeast-2``, ``us-gov-west-1``.
REGION_CODE = r"[a-z]{2}(-gov)?-[a-z]+-\d+"


def _schema(*columns: Column) -> tuple[Column, ...]:
    return tuple(columns) + _PROVENANCE


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "regions": _schema(
        Column("region", pattern=REGION_CODE, hint="'ap-northeast-2'처럼 소문자 리전 코드로 쓰세요."),
        Column("name_ko", pattern=r".*[가-힣].*",
               hint="AWS 콘솔에 나오는 한국어 이름(예: 아시아 태평양(서울))을 한글로 쓰세요."),
    ),
    "lambda_prices": _schema(
        Column("region", allowed=REGIONS), Column("arch", allowed=ARCHES),
        Column("usd_per_request", "float", positive=True),
        Column("usd_per_gb_second", "float", positive=True),
    ),
    "lambda_duration_tiers": _schema(
        Column("arch", allowed=ARCHES),
        Column("from_gb_seconds", "float", nonnegative=True),
        Column("to_gb_seconds", "float", optional=True, positive=True),
        Column("discount_pct", "percent", nonnegative=True),
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
        Column("instance_type", pattern=r"[a-z][a-z0-9-]*\.[a-z0-9-]+",
               hint="'t3.micro'처럼 소문자로 '계열과 세대.크기'를 쓰세요."),
        Column("region", allowed=REGIONS), Column("arch", allowed=ARCHES),
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
        Column("max_discount_pct", "percent", positive=True),
    ),
    "sla": _schema(
        Column("service"), Column("scope"),
        Column("target_pct", "percent", positive=True),
        Column("measured_per", allowed=("hour", "month")),
    ),
    "sla_credits": _schema(
        Column("service"), Column("scope"),
        Column("uptime_from_pct", "percent", nonnegative=True),
        Column("uptime_to_pct", "percent", positive=True),
        Column("credit_pct", "percent", positive=True),
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
    "exchange_rates": _schema(Column("krw_per_usd", "float", positive=True)),
    "vat_rates": _schema(
        Column("country", pattern=r"[A-Z]{2}", hint="'KR'처럼 ISO 국가 코드 두 글자를 대문자로 쓰세요."),
        Column("vat_pct", "percent", positive=True),
    ),
}

#: The columns that identify a row of each dataset: no two rows may share them (an empty
#: cell counts as a value).  ``()`` means the file holds exactly one row.  A quantity of
#: ``lambda_limits`` may have several rows over time but only one per end date, so only one
#: current (``valid_until`` empty) value.  ``exchange_rates`` holds one KRW-per-USD rate per
#: date (``as_of``); the book converts with the latest (:func:`awsbook.money.exchange_rate`).
KEYS: dict[str, tuple[str, ...]] = {
    "regions": ("region",),
    "lambda_prices": ("region", "arch"),
    "lambda_duration_tiers": ("arch", "from_gb_seconds"),
    "lambda_free_tier": (),
    "lambda_ephemeral_prices": ("region",),
    "lambda_limits": ("quantity", "valid_until"),
    "ec2_prices": ("instance_type", "region"),
    "fargate_prices": ("region", "arch"),
    "fargate_task_sizes": ("vcpu", "memory_gb"),
    "fargate_billing": (),
    "eks_prices": ("support",),
    "api_gateway_prices": ("api", "region", "from_requests"),
    "public_ipv4_prices": ("region", "valid_from"),
    "korean_holidays": ("date",),
    "discounts": ("offer",),
    "sla": ("service", "scope"),
    "sla_credits": ("service", "scope", "uptime_from_pct"),
    "request_log": ("timestamp",),
    "traffic_day": ("hour",),
    "region_locations": ("region",),
    "exchange_rates": ("as_of",),
    "vat_rates": ("country",),
}


# --------------------------------------------------------------------------- cells

class _Bad(Exception):
    """A cell's value is refused; the argument is the Korean message."""


#: Trimmed around every cell: whitespace (incl. no-break and full-width spaces),
#: a stray byte-order mark and zero-width spaces.
_TRIM = " \t\r\n\u00a0\u3000\ufeff\u200b"
_EXCEL_ERRORS = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                 "#SPILL!", "#CALC!", "#FIELD!", "#GETTING_DATA")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(:\d{2})?")
_YMD = re.compile(r"(\d{4})\s*(?:[./-]|년)\s*(\d{1,2})\s*(?:[./-]|월)\s*(\d{1,2})\s*[.일]?")
_DMY = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})")
_CURRENCY = ("$", "₩", "￦", "US$", "USD", "KRW", "원")


def _excel_value(text: str) -> None:
    """Refuse Excel's error values and its '#####' overflow marker (in any column)."""
    if text.upper() in _EXCEL_ERRORS:
        raise _Bad(f"'{text}'은(는) Excel 오류 값입니다. 셀의 수식을 고치거나 값을 직접 넣은 뒤 다시 저장하세요.")
    if len(text) > 1 and set(text) == {"#"}:
        raise _Bad(f"'{text}'은(는) 값이 아니라 Excel이 열 너비가 좁을 때 보여 주는 표시입니다. "
                   "열 너비를 넓혀 값이 보이게 한 뒤 다시 저장하세요.")


def _number(text: str, percent: bool) -> float:
    """Parse a number the way the module docstring lists (thousands separators, %, …)."""
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is not None and "_" not in text:
        return value
    body = text
    if any(body.startswith(c) or body.endswith(c) for c in _CURRENCY):
        raise _Bad(f"'{text}'에 통화 기호가 붙어 있습니다. Excel의 통화 서식은 보이는 자릿수로 반올림한 값을 "
                   "저장하므로, 셀 서식을 '일반'으로 바꾸고 원래 값을 넣은 뒤 기호 없이 저장하세요.")
    if body.endswith("%"):
        if not percent:
            raise _Bad(f"'{text}'에 % 기호가 있지만 이 열은 백분율 열이 아닙니다. % 없이 수만 쓰세요.")
        body = body[:-1].rstrip(_TRIM)
    if "," in body:
        if not _THOUSANDS.fullmatch(body):
            raise _Bad(f"'{text}'의 쉼표를 읽을 수 없습니다. 쉼표는 1,000처럼 세 자리마다 끊는 천 단위 "
                       "구분에만 쓸 수 있고, 소수점은 마침표(.)로 씁니다.")
        body = body.replace(",", "")
    if "_" in body:
        raise _Bad(f"'{text}'은(는) 수가 아닙니다.")
    try:
        return float(body)
    except ValueError:
        raise _Bad(f"'{text}'은(는) 수가 아닙니다.") from None


def _date_or_none(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _date_hint(text: str) -> str | None:
    """For a non-ISO date, the message giving the ISO form (None if it is no date at all)."""
    ymd = _YMD.match(text)
    if ymd:
        date = _date_or_none(*ymd.groups())
        rest = text[ymd.end():].strip(_TRIM)
        if date is not None and re.match(r"(오전|오후)?\s*\d{1,2}:\d{2}", rest):
            return (f"'{text}'에 시각이 붙어 있습니다. 날짜만 '{date.isoformat()}'처럼 "
                    "YYYY-MM-DD 형식으로 쓰세요.")
        if date is not None and not rest:
            return f"'{text}'은(는) 날짜 형식이 다릅니다. '{date.isoformat()}'처럼 YYYY-MM-DD 형식으로 쓰세요."
    dmy = _DMY.fullmatch(text)
    if dmy:
        a, b, y = dmy.groups()
        readings = {d for d in (_date_or_none(y, a, b), _date_or_none(y, b, a)) if d is not None}
        if len(readings) == 1:
            (date,) = readings
            return f"'{text}'은(는) 날짜 형식이 다릅니다. '{date.isoformat()}'처럼 YYYY-MM-DD 형식으로 쓰세요."
        if len(readings) == 2:
            first, second = sorted(d.isoformat() for d in readings)
            return (f"'{text}'은(는) {first}인지 {second}인지 알 수 없는 날짜입니다. "
                    "뜻한 날짜를 YYYY-MM-DD 형식으로 쓰세요.")
    return None


def _parse(col: Column, raw: str, regions: Sequence[str]):
    """Return the value of one cell of ``col`` or raise :class:`_Bad`."""
    text = raw.strip(_TRIM)
    if text == "":
        if col.optional:
            return None
        raise _Bad("값이 비어 있습니다. 이 열은 반드시 채워야 합니다.")
    if text.startswith("#"):
        _excel_value(text)
    if col.kind == "str":
        value = text
    elif col.kind in ("float", "int", "percent"):
        value = _number(text, col.kind == "percent")
        if not math.isfinite(value):
            raise _Bad(f"'{text}'은(는) 유한한 수가 아닙니다.")
        if col.kind == "int":
            if not value.is_integer():
                raise _Bad(f"'{text}'은(는) 정수가 아닙니다.")
            value = int(value)
        if col.positive and value <= 0:
            raise _Bad(f"값 {text}은(는) 0보다 커야 합니다.")
        if col.nonnegative and value < 0:
            raise _Bad(f"값 {text}은(는) 0 이상이어야 합니다.")
        if col.kind == "percent" and not 0 <= value <= 100:
            raise _Bad(f"값 {text}은(는) 0에서 100 사이의 백분율이어야 합니다.")
    elif col.kind == "date":
        value = None
        if _ISO_DATE.fullmatch(text):
            try:
                value = dt.date.fromisoformat(text)
            except ValueError:
                pass
        if value is None:
            raise _Bad(_date_hint(text) or f"'{text}'은(는) YYYY-MM-DD 형식의 날짜가 아닙니다.")
    elif col.kind == "datetime":
        match = _ISO_DATETIME.fullmatch(text)
        value = None
        if match:
            day, hour, minute, seconds = match.groups()
            try:
                value = dt.datetime.fromisoformat(f"{day}T{int(hour):02d}:{minute}{seconds or ''}")
            except ValueError:
                pass
        if value is None:
            raise _Bad(_datetime_hint(text))
    else:  # pragma: no cover - schema bug, not reader input
        raise AssertionError(col.kind)
    if col.allowed is REGIONS:
        if value not in regions:
            raise _Bad(f"'{text}'은(는) data/regions.csv에 없는 리전입니다. 새 리전을 쓰려면 먼저 "
                       "data/regions.csv에 리전 코드(region)와 AWS 콘솔의 한국어 이름(name_ko)을 "
                       "출처와 함께 한 줄 더하세요.")
    elif col.allowed is not None and value not in col.allowed:
        same = [a for a in col.allowed if a.lower() == text.lower()]
        hint = f" 대소문자까지 같아야 합니다('{same[0]}')." if same else ""
        raise _Bad(f"'{text}'은(는) 허용되지 않는 값입니다. 허용 값: {', '.join(col.allowed)}.{hint}")
    if col.pattern is not None and not re.fullmatch(col.pattern, text):
        raise _Bad(f"'{text}'은(는) 이 열의 형식에 맞지 않습니다. {col.hint}")
    if col.name == "source_url" and not text.startswith(("https://", "http://", "synthetic:")):
        raise _Bad(f"'{text}'은(는) 출처 주소(https://…)가 아닙니다.")
    return value


def _datetime_hint(text: str) -> str:
    ymd = _YMD.match(text)
    rest = text[ymd.end():].strip(_TRIM) if ymd else ""
    time = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", rest)
    if ymd and time:
        date = _date_or_none(*ymd.groups())
        hh, mm, ss = time.groups()
        if date is not None and int(hh) < 24 and int(mm) < 60:
            iso = f"{date.isoformat()}T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
            return f"'{text}'은(는) 시각 형식이 다릅니다. '{iso}'처럼 ISO 형식으로 쓰세요."
    return f"'{text}'은(는) ISO 형식의 시각이 아닙니다. '2026-03-02T00:00'처럼 쓰세요."


# --------------------------------------------------------------------------- files

@dataclass
class _Result:
    """What validating one file found: its rows (parsed), problems and number of data rows."""

    rows: list[dict]
    problems: list[Problem]
    count: int = 0


def _decode(path: Path, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    name = path.name
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(name, None, None,
                                "UTF-16('유니코드 텍스트')으로 저장된 파일입니다. " + SAVE_AS))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        try:
            data.decode("cp949")
            kind = "한국어 Excel의 'CSV (쉼표로 분리)'가 쓰는 CP949(EUC-KR)로 보입니다"
        except UnicodeDecodeError:
            kind = "어떤 인코딩인지 알 수 없습니다"
        problems.append(Problem(
            name, line, None,
            f"파일이 UTF-8이 아닙니다({kind}). 글자가 깨진 값을 쓰지 않도록 읽지 않았습니다. " + SAVE_AS))
        return None


def _validate(name: str, data_dir: Path, regions: Sequence[str] | None = None) -> _Result:
    """Validate ``data_dir/<name>.csv``: every problem found, and the rows when there is none."""
    columns = SCHEMAS[name]
    path = data_dir / f"{name}.csv"
    file = path.name
    result = _Result([], [])
    problems = result.problems
    if not path.exists():
        problems.append(Problem(file, None, None, "파일이 없습니다."))
        return result
    text = _decode(path, problems)
    if text is None:
        return result
    if regions is None and any(c.allowed is REGIONS for c in columns):
        regions = tuple(region_names(data_dir))
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip(_TRIM) for cell in records[0]):
        problems.append(Problem(file, None, None, "파일이 비어 있습니다."))
        return result
    header = [h.strip(_TRIM) for h in records[0]]
    body = list(enumerate(records[1:], start=2))
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "세미콜론(;)" if ";" in header[0] else "탭"
        problems.append(Problem(file, 1, None, f"칸을 나누는 기호가 쉼표(,)가 아니라 {sep}입니다. " + SAVE_AS))
        return result
    known = {c.name for c in columns}
    for c in columns:
        if c.name not in header:
            problems.append(Problem(file, 1, c.name, "필수 열이 없습니다."))
    seen: dict[str, int] = {}
    blank_columns = []
    for i, h in enumerate(header):
        if h == "":
            blank_columns.append(i)
        elif h in seen:
            problems.append(Problem(file, 1, h, f"열 이름이 두 번 나옵니다({seen[h] + 1}번째 칸과 {i + 1}번째 칸)."))
        elif h not in known:
            problems.append(Problem(file, 1, h, "스키마에 없는 열입니다. 이 파일의 열은 "
                                    f"{', '.join(c.name for c in columns)}입니다."))
        seen.setdefault(h, i)
    if problems:
        return result
    index = {h: i for i, h in enumerate(header) if h}
    keys = KEYS.get(name)
    first_line: dict[tuple, int] = {}
    for line, cells in body:
        if not any(cell.strip(_TRIM) for cell in cells):
            continue  # a blank line, or a row of only commas
        result.count += 1
        if len(cells) != len(header):
            what = "모자랍니다" if len(cells) < len(header) else "남습니다"
            problems.append(Problem(file, line, None, f"칸이 {len(cells)}개입니다. 머리글처럼 "
                                    f"{len(header)}개여야 합니다(칸이 {what}: 쉼표 수를 확인하세요)."))
            continue
        for i in blank_columns:
            if cells[i].strip(_TRIM):
                problems.append(Problem(file, line, None, f"머리글이 빈 {i + 1}번째 칸에 값 '{cells[i].strip(_TRIM)}'이(가) "
                                        "있습니다. 머리글에 열 이름을 쓰거나 값을 지우세요."))
        row, ok = {}, True
        for c in columns:
            try:
                row[c.name] = _parse(c, cells[index[c.name]], regions or ())
            except _Bad as bad:
                problems.append(Problem(file, line, c.name, str(bad)))
                ok = False
        if not ok:
            continue
        result.rows.append(row)
        if keys is not None:
            key = tuple(row[k] for k in keys)
            if key in first_line:
                if keys:
                    shown = ", ".join(f"{k}={'(빈칸)' if v is None else _show(v)}" for k, v in zip(keys, key))
                    message = (f"{first_line[key]}번째 줄과 {line}번째 줄의 키({shown})가 같습니다. "
                               "같은 행이 두 번 있으면 어느 값을 쓸지 알 수 없으니 한 줄을 지우거나 고치세요.")
                else:
                    message = (f"이 파일은 데이터 행이 한 줄이어야 하는데 {first_line[key]}번째 줄과 "
                               f"{line}번째 줄 두 줄이 있습니다. 한 줄을 지우세요.")
                problems.append(Problem(file, line, None, message))
            else:
                first_line[key] = line
    if result.count == 0 and not problems:
        problems.append(Problem(file, None, None, "데이터 행이 하나도 없습니다."))
    return result


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _folder(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


def read(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Read ``data/<name>.csv`` and validate it against ``SCHEMAS[name]`` and ``KEYS[name]``.

    Returns a DataFrame whose columns follow the schema order; dates become
    ``datetime.date`` objects and empty optional cells become ``None``.  The
    first problem found is raised as a :class:`DataError`.
    """
    validate.choice("name", name, sorted(SCHEMAS))
    result = _validate(name, _folder(data_dir))
    if result.problems:
        raise DataError(str(result.problems[0]))
    return pd.DataFrame(result.rows, columns=[c.name for c in SCHEMAS[name]])


@lru_cache(maxsize=None)
def _cached(name: str) -> pd.DataFrame:
    return read(name)


def load(name: str) -> pd.DataFrame:
    """Return the validated dataset ``name`` from the book's ``data/`` folder (cached; a copy)."""
    return _cached(name).copy()


@lru_cache(maxsize=None)
def _book_regions() -> dict[str, str]:
    """The book's own region names, read once (every region check asks; callers must not change it)."""
    table = _cached("regions")
    return dict(zip(table["region"], table["name_ko"]))


def region_names(data_dir: Path | str | None = None) -> dict[str, str]:
    """Region code → AWS's Korean name from ``regions.csv`` of ``data_dir`` (default: the book's), in file order."""
    if data_dir is None:
        return dict(_book_regions())
    table = read("regions", data_dir)
    return dict(zip(table["region"], table["name_ko"]))


# --------------------------------------------------------------------------- the check

_EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class _Everything:
    def __contains__(self, value) -> bool:
        return True


_EVERY_REGION = _Everything()


def _check_files(data_dir: Path, names=None) -> list[tuple[str, _Result]]:
    """Validate the datasets ``names`` (default: all) in ``data_dir``; ``regions`` first."""
    wanted = list(SCHEMAS) if names is None else list(names)
    for n in wanted:
        if n not in SCHEMAS:
            raise validate.refuse("names", n, sorted(SCHEMAS), contained=True, suggest=True)
    regions_result = _validate("regions", data_dir)
    # With regions.csv broken, its own problems are reported and region columns elsewhere are not judged.
    regions = _EVERY_REGION if regions_result.problems else tuple(row["region"] for row in regions_result.rows)
    out = []
    for n in wanted:
        result = regions_result if n == "regions" else _validate(n, data_dir, regions)
        out.append((f"{n}.csv", result))
    if names is None and data_dir.is_dir():
        for path in sorted(data_dir.iterdir()):
            if not path.is_file() or path.name.startswith((".", "~$")):
                continue
            if path.suffix.lower() == ".csv" and path.stem not in SCHEMAS:
                out.append((path.name, _Result([], [Problem(
                    path.name, None, None,
                    "책이 읽지 않는 CSV 파일입니다(이 이름의 데이터셋이 없습니다). 다른 이름으로 저장했다면 "
                    f"원래 파일 이름({', '.join(f'{s}.csv' for s in sorted(SCHEMAS))} 중 하나)으로 저장하고, "
                    "필요 없는 파일이면 data/ 밖으로 옮기세요.")])))
            elif path.suffix.lower() in _EXCEL_SUFFIXES:
                target = f"{path.stem}.csv" if path.stem in SCHEMAS else "해당 CSV 파일"
                out.append((path.name, _Result([], [Problem(
                    path.name, None, None,
                    f"책은 Excel 통합 문서를 읽지 않습니다. 고친 내용이 책에 들어가려면 {target}에 "
                    "'CSV UTF-8(쉼표로 분리)' 형식으로 저장하고, 이 파일은 data/ 밖으로 옮기세요.")])))
    return out


def check(data_dir: Path | str | None = None, names=None) -> list[Problem]:
    """Every problem in the data files of ``data_dir`` (default :data:`DATA_DIR`); ``[]`` when all is well.

    ``names`` limits the check to some datasets (e.g. the files a price refresh wrote).
    The rules are exactly those of :func:`read`.
    """
    folder = _existing(data_dir)
    return [p for _, result in _check_files(folder, names) for p in result.problems]


def _existing(data_dir: Path | str | None) -> Path:
    folder = _folder(data_dir)
    if not folder.is_dir():
        raise validate.refuse("data_dir", str(folder), "있는 data/ 폴더(또는 그 복사본)의 경로",
                              reason="그런 폴더가 없습니다.")
    return folder


def report(data_dir: Path | str | None = None, *, shown: int = 3) -> tuple[list[str], list[Problem]]:
    """One Korean line per file (rows, OK or its first ``shown`` problems) and every problem found."""
    folder = _existing(data_dir)
    lines, problems = [], []
    for file, result in _check_files(folder):
        problems += result.problems
        if not result.problems:
            lines.append(f"OK    {file}: {result.count:,}행")
            continue
        first = "; ".join(str(p).removeprefix(f"data/{file}").lstrip(": ") or p.message
                          for p in result.problems[:shown])
        more = f" (외 {len(result.problems) - shown:,}건)" if len(result.problems) > shown else ""
        rows = f"{result.count:,}행, " if result.count else ""
        lines.append(f"오류  {file}: {rows}문제 {len(result.problems):,}건 — {first}{more}")
    return lines, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m awsbook.datasets",
        description="data/ 폴더의 CSV 파일을 모두 검사합니다(책을 빌드할 때와 같은 규칙).")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("check", help="모든 데이터 파일을 검사하고 파일마다 한 줄씩 결과를 보여 줍니다.")
    cmd.add_argument("data_dir", nargs="?", default=None,
                     help=f"검사할 폴더 (기본값: {DATA_DIR})")
    args = parser.parse_args(argv)
    folder = _folder(args.data_dir)
    try:
        lines, problems = report(folder)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"검사한 폴더: {folder}")
    for line in lines:
        print(line)
    if problems:
        bad = len({p.file for p in problems})
        print(f"문제가 있는 파일 {bad}개, 문제 {len(problems):,}건. 줄 번호는 Excel의 행 번호와 같습니다. "
              "고친 뒤 다시 검사하세요.")
        return 1
    print("모든 파일이 검사를 통과했습니다. 이제 책을 다시 빌드하면 됩니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
