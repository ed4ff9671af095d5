"""Read one AWS Price List bulk file ("service price list file") without loading it whole.

The format (AWS Billing User Guide, "Reading the service price list file for an
AWS service") is, for JSON::

    {"formatVersion": "v1.0", "disclaimer": …, "offerCode": "AmazonEC2",
     "version": "20261101000000", "publicationDate": "2026-11-01T00:00:00Z",
     "products": {"<SKU>": {"sku": …, "productFamily": …, "attributes": {name: value, …}}, …},
     "terms": {"OnDemand": {"<SKU>": {"<SKU>.<offerTermCode>": {
                   "offerTermCode": …, "sku": …, "effectiveDate": …, "termAttributes": {},
                   "priceDimensions": {"<rateCode>": {
                       "rateCode": …, "description": …, "unit": "Hrs",
                       "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "0.0104000000"},
                       "appliesTo": []}}}}},
               "Reserved": {…}}}

and, for the CSV twin, five metadata rows (``FormatVersion``, ``Disclaimer``,
``Publication Date``, ``Version``, ``OfferCode``), a header row, then one row
per SKU × term × price dimension with the columns ``SKU``, ``OfferTermCode``,
``RateCode``, ``TermType``, ``PriceDescription``, ``EffectiveDate``,
``StartingRange``, ``EndingRange``, ``Unit``, ``PricePerUnit``, ``Currency`` …
followed by the product attributes under display names ("Instance Type",
"Operating System", …).

An EC2 regional file is several hundred MB, so the JSON is read with ``ijson``
in three streaming passes (the top-level metadata, then ``products``, then
``terms.OnDemand``) and only the products a caller's ``keep`` function accepts,
and their on-demand terms, stay in memory.  Every problem with a file raises
:class:`OfferError` with a Korean message naming the file and, where there is
one, the SKU and the field.
"""

from __future__ import annotations

import csv
import re
import shutil
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

BASE_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws"
#: Seconds to wait for the AWS price server before giving up on a download.
TIMEOUT_S = 120

#: Price List ``location`` names of the regions the book knows, for files that carry
#: no ``regionCode`` attribute (older files and the older CSV twins).
LOCATIONS = {
    "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
    "ca-central-1": "Canada (Central)", "sa-east-1": "South America (Sao Paulo)",
    "eu-west-1": "EU (Ireland)", "eu-west-2": "EU (London)", "eu-central-1": "EU (Frankfurt)",
    "eu-north-1": "EU (Stockholm)", "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)", "ap-northeast-3": "Asia Pacific (Osaka)",
    "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-south-1": "Asia Pacific (Mumbai)",
}
_REGION_BY_LOCATION = {v: k for k, v in LOCATIONS.items()}

#: CSV twin column (display name) -> JSON attribute name, for the attributes the book selects on.
CSV_ATTRIBUTES = {
    "serviceCode": "servicecode", "Location": "location", "Location Type": "locationType",
    "Region Code": "regionCode", "Instance Type": "instanceType", "vCPU": "vcpu", "Memory": "memory",
    "Tenancy": "tenancy", "Operating System": "operatingSystem", "License Model": "licenseModel",
    "Pre Installed S/W": "preInstalledSw", "CapacityStatus": "capacitystatus",
    "MarketOption": "marketoption", "Market Option": "marketoption", "Group": "group",
    "usageType": "usagetype", "operation": "operation", "Processor Architecture": "processorArchitecture",
    "CPU Architecture": "cpuArchitecture",
}
_CSV_META = ("FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode")


class OfferError(ValueError):
    """A price file cannot be used.  The Korean message names the file and, if any, the SKU and field."""


@dataclass(frozen=True)
class Dimension:
    """One price dimension of an on-demand offer term: ``usd`` per ``unit`` from ``begin`` to ``end``."""

    rate_code: str
    unit: str
    begin: Decimal
    end: Decimal | None  # None: "Inf", no upper end
    usd: Decimal
    description: str = ""


@dataclass(frozen=True)
class Product:
    """A product of the price file: its SKU, product family and attributes (all strings)."""

    sku: str
    family: str
    attributes: dict

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attributes.get(name, default)

    def region(self) -> str | None:
        """The region code of the product: ``regionCode``, else derived from ``location``."""
        code = self.attributes.get("regionCode")
        if code:
            return code
        return _REGION_BY_LOCATION.get(self.attributes.get("location", ""))


@dataclass
class Offer:
    """The parts of one price file the book needs, with where it came from."""

    service: str
    region: str
    url: str
    path: Path
    publication_date: str
    version: str
    products: dict[str, Product] = field(default_factory=dict)
    on_demand: dict[str, list[Dimension]] = field(default_factory=dict)
    #: How many products of the whole file name each region (for the wrong-region check).
    regions_seen: Counter = field(default_factory=Counter)
    product_count: int = 0

    @property
    def as_of(self) -> str:
        """The publication date (YYYY-MM-DD) of the file."""
        return self.publication_date[:10]

    def where(self) -> str:
        return f"{self.path} ({self.service}, {self.region})"

    def read_product(self, product: Product, keep: Callable[[Product], bool]) -> None:
        """Count ``product`` (and the region it names) and keep it when ``keep`` says so."""
        self.product_count += 1
        code = product.region()
        if code:
            self.regions_seen[code] += 1
        if keep(product):
            self.products[product.sku] = product

    def dimensions(self, sku: str) -> list[Dimension]:
        """The on-demand price dimensions of ``sku``; a product with none is an error."""
        dims = self.on_demand.get(sku)
        if not dims:
            raise OfferError(f"{self.where()}: SKU {sku}에 온디맨드(terms.OnDemand) 가격 차원(priceDimensions)이 "
                             "없습니다. 파일이 잘렸거나 형식이 바뀌었을 수 있습니다.")
        return dims


# --------------------------------------------------------------------------- where the files are

def offer_url(service: str, region: str, fmt: str = "json") -> str:
    """The public URL of the current regional price file of ``service`` (``fmt``: json or csv)."""
    return f"{BASE_URL}/{service}/current/{region}/index.{fmt}"


def local_file(offers_dir: Path, service: str, region: str) -> Path | None:
    """``DIR/<service>/current/<region>/index.json`` (or the ``index.csv`` twin), if present."""
    folder = Path(offers_dir) / service / "current" / region
    for name in ("index.json", "index.csv"):
        if (folder / name).is_file():
            return folder / name
    return None


def download(service: str, region: str, dest: Path) -> Path | None:
    """Download the JSON price file of ``service`` in ``region`` into folder ``dest``.

    Streams to disk in 1 MB chunks (the EC2 file is hundreds of MB).  Returns
    None when AWS publishes no such file (HTTP 404); any other failure raises
    :class:`OfferError` telling the user to use ``--offers``.
    """
    url = offer_url(service, region)
    target = Path(dest) / service / "current" / region / "index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise OfferError(_network_message(url, f"HTTP {exc.code} {exc.reason}")) from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OfferError(_network_message(url, str(reason))) from None
    return target


def _network_message(url: str, reason: str) -> str:
    return (f"AWS 가격 파일을 내려받지 못했습니다: {url} ({reason}). 인터넷에 연결할 수 없다면 다른 컴퓨터에서 "
            "같은 경로로 파일을 받아 두고 '--offers DIR'로 그 폴더를 지정하세요 "
            "(예: DIR/AmazonEC2/current/ap-northeast-2/index.json).")


# --------------------------------------------------------------------------- reading

KeepFn = Callable[[Product], bool]


def read(path: Path, service: str, region: str, url: str, keep: KeepFn) -> Offer:
    """Read the price file at ``path`` (JSON or its CSV twin), keeping the products ``keep`` accepts.

    Checks that the file is for ``service`` (``offerCode``) and, where the file
    says so, for ``region``; a truncated or non-JSON file, a missing
    ``publicationDate`` or a price that is not a number raise :class:`OfferError`.
    """
    path = Path(path)
    if path.suffix == ".csv":
        offer = _read_csv(path, service, region, url, keep)
    else:
        offer = _read_json(path, service, region, url, keep)
    if offer.product_count == 0:
        raise OfferError(f"{offer.where()}: 상품(products)이 하나도 없습니다. 내려받다 만 파일이거나 가격 파일이 아닙니다.")
    others = {r: n for r, n in offer.regions_seen.items() if r != region}
    if offer.regions_seen and offer.regions_seen.get(region, 0) == 0:
        found = ", ".join(f"{r}({n}개)" for r, n in sorted(others.items()))
        raise OfferError(f"{offer.where()}: {region} 리전 파일이어야 하는데 상품이 모두 다른 리전({found})의 것입니다. "
                         "다른 리전의 파일을 이 경로에 두지 않았는지 확인하세요.")
    return offer


def _decimal(value, where: str, sku: str, name: str) -> Decimal:
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise OfferError(f"{where}: SKU {sku}의 '{name}' 값 {value!r}은(는) 수가 아닙니다.") from None
    if not d.is_finite():
        raise OfferError(f"{where}: SKU {sku}의 '{name}' 값 {value!r}은(는) 유한한 수가 아닙니다.")
    return d


def _end(value, where: str, sku: str, name: str) -> Decimal | None:
    if str(value).strip() in ("Inf", "inf", ""):
        return None
    return _decimal(value, where, sku, name)


def _check_meta(where: str, service: str, meta: dict) -> tuple[str, str]:
    code = meta.get("offerCode")
    if code is None:
        raise OfferError(f"{where}: 'offerCode' 항목이 없습니다. AWS 가격 파일이 아닙니다.")
    if code != service:
        raise OfferError(f"{where}: {service} 가격 파일이어야 하는데 파일의 offerCode가 {code!r}입니다. "
                         "다른 서비스의 파일을 이 경로에 두지 않았는지 확인하세요.")
    published = meta.get("publicationDate")
    if not published or not re.match(r"^\d{4}-\d{2}-\d{2}", str(published)):
        raise OfferError(f"{where}: 'publicationDate' 항목이 없거나 날짜가 아닙니다({published!r}).")
    return str(published), str(meta.get("version") or "")  # the fallback pass stores None when absent


def _json_error(where: str, exc: Exception) -> OfferError:
    return OfferError(f"{where}: JSON으로 읽을 수 없습니다. 파일이 중간에 잘렸거나 JSON이 아닙니다 ({exc}). "
                      "파일을 다시 내려받으세요.")


def _read_json(path: Path, service: str, region: str, url: str, keep: KeepFn) -> Offer:
    import ijson  # the 'prices' extra

    where = f"{path} ({service}, {region})"
    meta: dict = {}
    try:
        # Pass 1: the top-level scalars that precede 'products' in AWS's files.
        with path.open("rb") as fh:
            for prefix, event, value in ijson.parse(fh):
                if prefix == "" and event in ("start_map", "map_key"):
                    continue
                if "." not in prefix and event in ("string", "number"):
                    meta[prefix] = value
                elif "." not in prefix and event in ("start_map", "start_array"):
                    break
        for name in ("offerCode", "publicationDate", "version"):
            if name not in meta:  # not before 'products': look for it anywhere at the top
                with path.open("rb") as fh:
                    meta[name] = next(ijson.items(fh, name), None)
        published, version = _check_meta(where, service, meta)
        if meta.get("regionCode") not in (None, region):
            raise OfferError(f"{where}: {region} 리전 파일이어야 하는데 파일의 regionCode가 {meta['regionCode']!r}입니다.")
        offer = Offer(service, region, url, path, published, version)

        # Pass 2: products, keeping only those the caller wants.
        with path.open("rb") as fh:
            for sku, raw in ijson.kvitems(fh, "products"):
                offer.read_product(Product(sku, str(raw.get("productFamily", "")), dict(raw.get("attributes") or {})),
                                   keep)

        # Pass 3: on-demand terms of the kept products only (Reserved terms are never built).
        with path.open("rb") as fh:
            for sku, terms in ijson.kvitems(fh, "terms.OnDemand"):
                if sku not in offer.products:
                    continue
                dims = []
                for term in (terms or {}).values():
                    for rate_code, dim in (term.get("priceDimensions") or {}).items():
                        dims.append(_json_dimension(where, sku, rate_code, dim))
                offer.on_demand[sku] = dims
    except ijson.JSONError as exc:
        raise _json_error(where, exc) from None
    except (AttributeError, TypeError) as exc:  # e.g. a list where an object belongs
        raise OfferError(f"{where}: 가격 파일의 구조가 예상과 다릅니다 ({exc}).") from None
    return offer


def _json_dimension(where: str, sku: str, rate_code: str, dim: dict) -> Dimension:
    price = (dim.get("pricePerUnit") or {}).get("USD")
    if price is None:
        raise OfferError(f"{where}: SKU {sku}의 가격 차원 {rate_code}에 'pricePerUnit.USD'가 없습니다.")
    for name in ("unit", "beginRange", "endRange"):
        if name not in dim:
            raise OfferError(f"{where}: SKU {sku}의 가격 차원 {rate_code}에 '{name}'이(가) 없습니다.")
    return Dimension(rate_code, str(dim["unit"]), _decimal(dim["beginRange"], where, sku, "beginRange"),
                     _end(dim["endRange"], where, sku, "endRange"),
                     _decimal(price, where, sku, "pricePerUnit.USD"), str(dim.get("description", "")))


def _read_csv(path: Path, service: str, region: str, url: str, keep: KeepFn) -> Offer:
    where = f"{path} ({service}, {region})"
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            meta_rows = [next(reader, None) for _ in _CSV_META]
            if any(r is None or len(r) < 2 for r in meta_rows) or [r[0] for r in meta_rows] != list(_CSV_META):
                raise OfferError(f"{where}: CSV 가격 파일의 첫 다섯 줄은 {', '.join(_CSV_META)} 메타데이터여야 합니다.")
            meta = {r[0]: r[1] for r in meta_rows}
            published, version = _check_meta(where, service, {
                "offerCode": meta["OfferCode"], "publicationDate": meta["Publication Date"],
                "version": meta["Version"]})
            offer = Offer(service, region, url, path, published, version)
            header = next(reader, None)
            needed = ("SKU", "TermType", "RateCode", "StartingRange", "EndingRange", "Unit", "PricePerUnit",
                      "Currency")
            if header is None or any(h not in header for h in needed):
                missing = [h for h in needed if header is None or h not in header]
                raise OfferError(f"{where}: CSV 머리글에 {', '.join(missing)} 열이 없습니다.")
            col = {h: i for i, h in enumerate(header)}
            family_col = col.get("Product Family")
            attr_cols = [(i, CSV_ATTRIBUTES.get(h, h)) for i, h in enumerate(header)
                         if i >= col["Currency"] and h != "Product Family"]
            seen: set[str] = set()
            for line, cells in enumerate(reader, start=7):
                if not cells:
                    continue
                if len(cells) != len(header):
                    raise OfferError(f"{where}: {line}번째 줄의 칸이 {len(cells)}개입니다. 머리글처럼 {len(header)}개여야 "
                                     "합니다(파일이 잘렸을 수 있습니다).")
                sku = cells[col["SKU"]]
                if sku not in seen:
                    seen.add(sku)
                    attrs = {name: cells[i] for i, name in attr_cols if cells[i] != ""}
                    offer.read_product(Product(sku, cells[family_col] if family_col is not None else "", attrs), keep)
                if sku not in offer.products or cells[col["TermType"]] != "OnDemand":
                    continue
                if cells[col["Currency"]] != "USD":
                    continue
                if cells[col["PricePerUnit"]] == "":
                    raise OfferError(f"{where}: {line}번째 줄(SKU {sku})에 'PricePerUnit'이 비어 있습니다.")
                offer.on_demand.setdefault(sku, []).append(Dimension(
                    cells[col["RateCode"]], cells[col["Unit"]],
                    _decimal(cells[col["StartingRange"]] or "0", where, sku, "StartingRange"),
                    _end(cells[col["EndingRange"]], where, sku, "EndingRange"),
                    _decimal(cells[col["PricePerUnit"]], where, sku, "PricePerUnit"),
                    cells[col["PriceDescription"]] if "PriceDescription" in col else ""))
    except UnicodeDecodeError as exc:
        raise OfferError(f"{where}: UTF-8 텍스트가 아닙니다 ({exc}).") from None
    except csv.Error as exc:
        raise OfferError(f"{where}: CSV로 읽을 수 없습니다 ({exc}).") from None
    return offer
