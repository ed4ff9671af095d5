"""Choose exactly the SKUs and price dimensions the book uses, and turn them into data rows.

One function per AWS service code reads an :class:`~awsbook.prices.offers.Offer`
and returns :class:`Candidate` rows in the column layout of a ``data/*.csv`` file
(see ``awsbook.datasets.SCHEMAS``).  What is selected, per service:

* ``AmazonEC2`` → ``ec2_prices``: product family ``Compute Instance``, the instance
  types already in ``data/ec2_prices.csv``, ``operatingSystem`` Linux, ``tenancy``
  Shared, ``preInstalledSw`` NA, ``capacitystatus`` Used, ``licenseModel`` "No
  License required" and ``marketoption`` OnDemand where the file has those
  attributes; on-demand terms only (``terms.OnDemand``; Reserved terms are never
  read).  vCPU and memory come from the same product's attributes.
* ``AWSLambda`` → ``lambda_prices`` (groups ``AWS-Lambda-Requests[-ARM]`` and the
  first band of ``AWS-Lambda-Duration[-ARM]``), ``lambda_duration_tiers`` (every
  band of ``AWS-Lambda-Duration[-ARM]``, as % off the first band) and
  ``lambda_ephemeral_prices`` (``AWS-Lambda-Storage-Duration``).  The free-tier
  products (``location`` "Any", no region) are not regional and are skipped.
* ``AmazonECS`` → ``fargate_prices``: Linux Fargate usage types
  ``<prefix>-Fargate-vCPU-Hours:perCPU``, ``-Fargate-GB-Hours`` and their
  ``-Fargate-ARM-`` twins (Windows, Spot and ephemeral-storage meters are other usage types).
* ``AmazonEKS`` → ``eks_prices``: ``AmazonEKS-Hours:perCluster`` (standard) and
  ``AmazonEKS-Hours:extendedSupport``, which AWS bills *on top of* the standard
  rate, so the ``extended`` row is the sum of the two.
* ``AmazonApiGateway`` → ``api_gateway_prices``: usage types ``ApiGatewayHttpRequest``
  (HTTP API) and ``ApiGatewayRequest`` (REST API), one row per request band.
* ``AmazonVPC``: the public IPv4 address-hour rate (``PublicIPv4:InUseAddress``) is
  reported, not written: no data file of the book holds it.

Every product must also be in the requested region (``regionCode``, or its
``location`` name) and, where the attribute exists, ``locationType`` "AWS Region"
(Local Zones and Outposts carry their own prices).  Two SKUs that both match one
row with different prices are an error, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from awsbook.prices.offers import Dimension, Offer, OfferError, Product

#: Tables that have no region column are refreshed from this region's files only.
BASE_REGION = "us-east-1"
#: The grade of every row written from AWS's price files (출처 등급 "AWS 가격 파일", ``datasets.GRADES``).
AWS = "SEEN-AWS-FILE"

HOURS = {"Hrs", "Hours", "hours", "Hour", "hour"}
REQUESTS = {"Requests", "Request", "requests"}
GB_SECONDS = {"Lambda-GB-Second", "GB-Seconds", "GB-Second", "Lambda-GB-Seconds"}


@dataclass
class Candidate:
    """A data row as AWS's file says it should be, with where each value came from."""

    dataset: str
    values: dict[str, str]
    origin: str  # the file, for messages
    skus: tuple[str, ...]


@dataclass
class Extract:
    """What one price file contributes."""

    candidates: list[Candidate] = field(default_factory=list)
    #: (dataset, predicate) — existing rows this file is the source for; those it does not
    #: confirm are flagged as gone from AWS's file.
    covers: list[tuple[str, Callable[[dict], bool]]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def fmt(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: Decimal('3.5000') -> '3.5'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def in_region(product: Product, region: str) -> bool:
    return product.region() == region and product.get("locationType", "AWS Region") == "AWS Region"


def _usage(pattern: str) -> re.Pattern:
    """A usage type with an optional region prefix (``USE1-``, ``APN2-``; us-east-1 EC2 has none)."""
    return re.compile(rf"^(?:[A-Z]{{2,4}}[0-9]?-)?(?:{pattern})$")


def _usage_keep(usage: re.Pattern) -> Callable[[str, object], Callable[[Product], bool]]:
    """The ``keep`` of a service whose wanted products are the ones in the region with a ``usage`` usage type."""
    return lambda region, tables: lambda p: bool(usage.match(p.get("usagetype", ""))) and in_region(p, region)


def _skus_by(offer: Offer, key_of: Callable[[Product], object]) -> dict:
    """The kept SKUs of ``offer`` grouped by ``key_of(product)``, in file order."""
    found: dict = {}
    for sku, p in offer.products.items():
        found.setdefault(key_of(p), []).append(sku)
    return found


def _region_rows(dataset: str, region: str) -> tuple[str, Callable[[dict], bool]]:
    """A ``covers`` entry: the rows of ``dataset`` in ``region``."""
    return dataset, lambda row: row["region"] == region


def _one(offer: Offer, skus: list[str], what: str) -> str:
    """The SKU for ``what``; several SKUs are fine only if their on-demand prices agree."""
    skus = sorted(skus)
    if len(skus) > 1:
        prices = {sku: tuple((d.begin, d.end, d.usd) for d in offer.dimensions(sku)) for sku in skus}
        if len(set(prices.values())) > 1:
            listing = "; ".join(f"{s}: {', '.join(fmt(p[2]) for p in v)}" for s, v in prices.items())
            raise OfferError(f"{offer.where()}: {what}에 맞는 SKU가 여럿이고 요금이 서로 다릅니다({listing}). "
                             "어느 것이 책의 조건인지 정할 수 없어 멈춥니다.")
    return skus[0]


def _rate(offer: Offer, sku: str, units: set[str], field_name: str) -> Dimension:
    """The single price dimension of ``sku`` (a flat rate), checked for unit and sign."""
    dims = offer.dimensions(sku)
    wrong = [d.unit for d in dims if d.unit not in units]
    if wrong:
        raise OfferError(f"{offer.where()}: SKU {sku}의 단위가 {wrong[0]!r}입니다. {field_name}에는 "
                         f"{', '.join(sorted(units))} 단위만 쓸 수 있습니다.")
    if len(dims) != 1:
        raise OfferError(f"{offer.where()}: SKU {sku}의 온디맨드 가격 차원이 {len(dims)}개입니다. {field_name}에는 "
                         "하나의 고정 요금이어야 합니다.")
    return _positive(offer, sku, dims[0], field_name)


def _positive(offer: Offer, sku: str, dim: Dimension, field_name: str) -> Dimension:
    if dim.usd <= 0:
        raise OfferError(f"{offer.where()}: SKU {sku}의 {field_name} 가격(pricePerUnit.USD)이 {fmt(dim.usd)}입니다. "
                         "0보다 커야 합니다.")
    return dim


def _bands(offer: Offer, sku: str, units: set[str], field_name: str) -> list[Dimension]:
    """The price bands of a tiered SKU, in order; they must start at 0 and meet without gaps."""
    dims = sorted(offer.dimensions(sku), key=lambda d: d.begin)
    for d in dims:
        if d.unit not in units:
            raise OfferError(f"{offer.where()}: SKU {sku}의 단위가 {d.unit!r}입니다. {field_name}에는 "
                             f"{', '.join(sorted(units))} 단위만 쓸 수 있습니다.")
        _positive(offer, sku, d, field_name)
    if dims[0].begin != 0:
        raise OfferError(f"{offer.where()}: SKU {sku}의 첫 요금 구간이 0이 아니라 {fmt(dims[0].begin)}에서 "
                         "시작합니다(beginRange).")
    for prev, nxt in zip(dims, dims[1:]):
        if prev.end is None or prev.end != nxt.begin:
            raise OfferError(f"{offer.where()}: SKU {sku}의 요금 구간이 이어지지 않습니다(endRange "
                             f"{'Inf' if prev.end is None else fmt(prev.end)} 다음 beginRange {fmt(nxt.begin)}).")
    if dims[-1].end is not None:
        raise OfferError(f"{offer.where()}: SKU {sku}의 마지막 요금 구간에 끝이 있습니다(endRange {fmt(dims[-1].end)}). "
                         "마지막 구간은 Inf여야 합니다.")
    return dims


def _provenance(offer: Offer, note: str, confidence_columns=("confidence",)) -> dict[str, str]:
    """The source columns of a row read from ``offer``: AWS's own file, so no copied original and
    (in ``ec2_prices``) vCPU and memory from the same page."""
    out = {c: AWS for c in confidence_columns}
    out.update({"source_url": offer.url, "spec_source_url": "", "aws_original": "", "as_of": offer.as_of,
                "note": note})
    return out


# --------------------------------------------------------------------------- EC2

def _ec2_wanted(tables) -> dict[str, dict]:
    """instance type -> an existing row of it (for arch and family group of a new region's row)."""
    wanted: dict[str, dict] = {}
    for row in tables["ec2_prices"].rows_as_dicts():
        wanted.setdefault(row["instance_type"], row)
    return wanted


def ec2_keep(region: str, tables) -> Callable[[Product], bool]:
    wanted = set(_ec2_wanted(tables))

    def keep(p: Product) -> bool:
        return (p.family == "Compute Instance" and p.get("instanceType") in wanted and in_region(p, region)
                and p.get("operatingSystem") == "Linux" and p.get("tenancy") == "Shared"
                and p.get("preInstalledSw") == "NA" and p.get("capacitystatus") == "Used"
                and p.get("licenseModel", "No License required") == "No License required"
                and p.get("marketoption", "OnDemand") == "OnDemand")
    return keep


def _memory_gib(offer: Offer, p: Product) -> str:
    m = re.match(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*GiB\s*$", p.get("memory", ""))
    if not m:
        raise OfferError(f"{offer.where()}: SKU {p.sku}의 'memory' 값 {p.get('memory')!r}을(를) GiB 수로 읽을 수 없습니다.")
    return fmt(Decimal(m.group(1).replace(",", "")))


def ec2(offer: Offer, tables) -> Extract:
    out = Extract()
    region = offer.region
    wanted = _ec2_wanted(tables)
    for itype, skus in sorted(_skus_by(offer, lambda p: p.get("instanceType")).items()):
        sku = _one(offer, skus, f"{itype} Linux 온디맨드 공유 테넌시")
        p = offer.products[sku]
        dim = _rate(offer, sku, HOURS, "시간당 요금")
        vcpu = p.get("vcpu", "")
        if not re.fullmatch(r"[0-9]+", vcpu or ""):
            raise OfferError(f"{offer.where()}: SKU {sku}의 'vcpu' 값 {vcpu!r}은(는) 정수가 아닙니다.")
        base = wanted[itype]
        values = {"instance_type": itype, "region": region, "arch": base["arch"],
                  "family_group": base["family_group"], "vcpu": vcpu, "memory_gib": _memory_gib(offer, p),
                  "usd_per_hour": fmt(dim.usd)}
        values.update(_provenance(offer, f"Linux on-demand shared tenancy, no pre-installed software; "
                                          f"price, vCPU and memory from AWS Price List SKU {sku}",
                                  ("price_confidence", "spec_confidence")))
        out.candidates.append(Candidate("ec2_prices", values, offer.where(), (sku,)))
    out.covers.append(_region_rows("ec2_prices", region))
    return out


# --------------------------------------------------------------------------- Lambda

LAMBDA_GROUPS = {
    "AWS-Lambda-Requests": ("requests", "x86_64"), "AWS-Lambda-Requests-ARM": ("requests", "arm64"),
    "AWS-Lambda-Duration": ("duration", "x86_64"), "AWS-Lambda-Duration-ARM": ("duration", "arm64"),
    "AWS-Lambda-Storage-Duration": ("storage", "x86_64"),
    "AWS-Lambda-Storage-Duration-ARM": ("storage", "arm64"),
}


def lambda_keep(region: str, tables) -> Callable[[Product], bool]:
    return lambda p: p.get("group") in LAMBDA_GROUPS and in_region(p, region)


def lambda_(offer: Offer, tables) -> Extract:
    out = Extract()
    region = offer.region
    found = _skus_by(offer, lambda p: LAMBDA_GROUPS[p.get("group")])

    for arch in ("x86_64", "arm64"):
        req, dur = found.get(("requests", arch)), found.get(("duration", arch))
        if not req or not dur:
            continue
        suffix = "-ARM" if arch == "arm64" else ""
        req_sku = _one(offer, req, f"AWS-Lambda-Requests{suffix}")
        dur_sku = _one(offer, dur, f"AWS-Lambda-Duration{suffix}")
        request = _rate(offer, req_sku, REQUESTS, "요청당 요금")
        bands = _bands(offer, dur_sku, GB_SECONDS, "GB-초당 요금")
        values = {"region": region, "arch": arch, "usd_per_request": fmt(request.usd),
                  "usd_per_gb_second": fmt(bands[0].usd)}
        values.update(_provenance(offer, f"AWS Price List: requests SKU {req_sku}; duration SKU {dur_sku}, "
                                         "first monthly GB-second band"))
        out.candidates.append(Candidate("lambda_prices", values, offer.where(), (req_sku, dur_sku)))
        if region == BASE_REGION:
            first = bands[0].usd
            for band in bands:
                discount = ((1 - band.usd / first) * 100).quantize(Decimal("0.01"))
                note = (f"Monthly GB-seconds per account per region per architecture; band of AWS Price List "
                        f"SKU {dur_sku} ({BASE_REGION}), {fmt(band.usd)} USD per GB-second")
                if band.end is None:
                    note += "; open-ended top band"
                values = {"arch": arch, "from_gb_seconds": fmt(band.begin),
                          "to_gb_seconds": "" if band.end is None else fmt(band.end),
                          "discount_pct": fmt(discount)}
                values.update(_provenance(offer, note))
                out.candidates.append(Candidate("lambda_duration_tiers", values, offer.where(), (dur_sku,)))
            out.covers.append(("lambda_duration_tiers", lambda row, a=arch: row["arch"] == a))

    storage = found.get(("storage", "x86_64"))
    if storage:
        sku = _one(offer, storage, "AWS-Lambda-Storage-Duration")
        dim = _rate(offer, sku, GB_SECONDS, "임시 스토리지 GB-초당 요금")
        arm = found.get(("storage", "arm64"))
        if arm:
            arm_dim = _rate(offer, _one(offer, arm, "AWS-Lambda-Storage-Duration-ARM"), GB_SECONDS,
                            "임시 스토리지 GB-초당 요금")
            if arm_dim.usd != dim.usd:
                out.notices.append(f"{offer.where()}: Arm 임시 스토리지 요금({fmt(arm_dim.usd)})이 x86 요금"
                                   f"({fmt(dim.usd)})과 다릅니다. 데이터 표에는 리전마다 한 값만 있어 x86 값을 씁니다.")
        existing = tables["lambda_ephemeral_prices"].rows_as_dicts()
        same = [r for r in existing if r["region"] == region] or existing
        values = {"region": region, "usd_per_gb_second": fmt(dim.usd),
                  "included_mb": same[0]["included_mb"] if same else "512"}
        values.update(_provenance(offer, f"Rate for /tmp above the included size; AWS Price List SKU {sku}. "
                                         "The included 512 MB is from aws.amazon.com/lambda/pricing/"))
        out.candidates.append(Candidate("lambda_ephemeral_prices", values, offer.where(), (sku,)))
    out.covers.append(_region_rows("lambda_prices", region))
    out.covers.append(_region_rows("lambda_ephemeral_prices", region))
    if region != BASE_REGION:
        out.notices.append(f"{offer.where()}: 리전 열이 없는 lambda_duration_tiers.csv는 {BASE_REGION} 파일로만 "
                           "갱신합니다.")
    return out


# --------------------------------------------------------------------------- Fargate (AmazonECS)

FARGATE = _usage(r"Fargate-(?P<arm>ARM-)?(?P<what>vCPU-Hours:perCPU|GB-Hours)")


def fargate_keep(region: str, tables) -> Callable[[Product], bool]:
    return lambda p: (bool(FARGATE.match(p.get("usagetype", ""))) and in_region(p, region)
                      and p.get("operatingSystem", "Linux") == "Linux")


def fargate(offer: Offer, tables) -> Extract:
    out = Extract()
    def arch_and_what(p: Product) -> tuple[str, str]:
        m = FARGATE.match(p.get("usagetype", ""))
        return "arm64" if m["arm"] else "x86_64", m["what"]

    found = _skus_by(offer, arch_and_what)
    for arch in ("x86_64", "arm64"):
        cpu, mem = found.get((arch, "vCPU-Hours:perCPU")), found.get((arch, "GB-Hours"))
        if not cpu or not mem:
            continue
        tag = "-ARM" if arch == "arm64" else ""
        cpu_sku = _one(offer, cpu, f"Fargate{tag}-vCPU-Hours:perCPU")
        mem_sku = _one(offer, mem, f"Fargate{tag}-GB-Hours")
        values = {"region": offer.region, "arch": arch,
                  "usd_per_vcpu_hour": fmt(_rate(offer, cpu_sku, HOURS, "vCPU 시간당 요금").usd),
                  "usd_per_gb_hour": fmt(_rate(offer, mem_sku, HOURS, "GB 시간당 요금").usd)}
        note = f"Linux; AWS Price List vCPU SKU {cpu_sku}, memory SKU {mem_sku}"
        if arch == "arm64":
            note += "; Arm on Fargate is ECS only (not EKS)"
        values.update(_provenance(offer, note))
        out.candidates.append(Candidate("fargate_prices", values, offer.where(), (cpu_sku, mem_sku)))
    out.covers.append(_region_rows("fargate_prices", offer.region))
    return out


# --------------------------------------------------------------------------- EKS

EKS = _usage(r"AmazonEKS-Hours:(?P<what>perCluster|extendedSupport)")

eks_keep = _usage_keep(EKS)


def eks(offer: Offer, tables) -> Extract:
    out = Extract()
    if offer.region != BASE_REGION:
        out.notices.append(f"{offer.where()}: 리전 열이 없는 eks_prices.csv는 {BASE_REGION} 파일로만 갱신합니다.")
        return out
    found = _skus_by(offer, lambda p: EKS.match(p.get("usagetype", ""))["what"])
    if "perCluster" not in found:
        out.covers.append(("eks_prices", lambda row: True))
        return out
    std_sku = _one(offer, found["perCluster"], "AmazonEKS-Hours:perCluster")
    standard = _rate(offer, std_sku, HOURS, "클러스터 시간당 요금").usd
    values = {"support": "standard", "usd_per_cluster_hour": fmt(standard)}
    values.update(_provenance(offer, f"AWS Price List SKU {std_sku} (AmazonEKS-Hours:perCluster); "
                                     "14 months of standard support per Kubernetes version"))
    out.candidates.append(Candidate("eks_prices", values, offer.where(), (std_sku,)))
    if "extendedSupport" in found:
        ext_sku = _one(offer, found["extendedSupport"], "AmazonEKS-Hours:extendedSupport")
        extra = _rate(offer, ext_sku, HOURS, "연장 지원 시간당 요금").usd
        values = {"support": "extended", "usd_per_cluster_hour": fmt(standard + extra)}
        values.update(_provenance(offer, f"Total per cluster-hour: standard SKU {std_sku} ({fmt(standard)}) plus "
                                         f"the extended-support surcharge SKU {ext_sku} ({fmt(extra)}); "
                                         "12 more months"))
        out.candidates.append(Candidate("eks_prices", values, offer.where(), (std_sku, ext_sku)))
    out.covers.append(("eks_prices", lambda row: True))
    return out


# --------------------------------------------------------------------------- API Gateway

API = _usage(r"(?P<what>ApiGatewayHttpRequest|ApiGatewayRequest)")
API_KIND = {"ApiGatewayHttpRequest": "http", "ApiGatewayRequest": "rest"}

api_keep = _usage_keep(API)


def api_gateway(offer: Offer, tables) -> Extract:
    out = Extract()
    found = _skus_by(offer, lambda p: API_KIND[API.match(p.get("usagetype", ""))["what"]])
    for api in ("http", "rest"):
        if api not in found:
            continue
        sku = _one(offer, found[api], f"{api.upper()} API 요청")
        for band in _bands(offer, sku, REQUESTS, "요청당 요금"):
            values = {"api": api, "region": offer.region, "from_requests": fmt(band.begin),
                      "to_requests": "" if band.end is None else fmt(band.end),
                      "usd_per_million_requests": fmt(band.usd * 1_000_000)}
            note = f"Monthly request band of AWS Price List SKU {sku}, {fmt(band.usd)} USD per request"
            if band.end is None:
                note += "; open-ended top band"
            values.update(_provenance(offer, note))
            out.candidates.append(Candidate("api_gateway_prices", values, offer.where(), (sku,)))
    out.covers.append(_region_rows("api_gateway_prices", offer.region))
    return out


# --------------------------------------------------------------------------- VPC (public IPv4)

IPV4 = _usage(r"PublicIPv4:InUseAddress")

vpc_keep = _usage_keep(IPV4)


def vpc(offer: Offer, tables) -> Extract:
    out = Extract()
    if offer.products:
        sku = _one(offer, list(offer.products), "PublicIPv4:InUseAddress")
        rate = _rate(offer, sku, HOURS, "공인 IPv4 주소 시간당 요금").usd
        out.notices.append(f"{offer.where()}: 공인 IPv4 주소 1개는 시간당 {fmt(rate)} USD입니다(SKU {sku}, "
                           f"{offer.as_of} 기준). 이 요금을 담는 데이터 파일이 아직 없어 기록하지 않습니다.")
    else:
        out.notices.append(f"{offer.where()}: 공인 IPv4 주소 요금(PublicIPv4:InUseAddress)을 찾지 못했습니다.")
    return out


@dataclass(frozen=True)
class Service:
    code: str
    keep: Callable
    extract: Callable[[Offer, object], Extract]
    datasets: tuple[str, ...]


SERVICES: dict[str, Service] = {s.code: s for s in (
    Service("AmazonEC2", ec2_keep, ec2, ("ec2_prices",)),
    Service("AWSLambda", lambda_keep, lambda_, ("lambda_prices", "lambda_duration_tiers",
                                                "lambda_ephemeral_prices")),
    Service("AmazonECS", fargate_keep, fargate, ("fargate_prices",)),
    Service("AmazonEKS", eks_keep, eks, ("eks_prices",)),
    Service("AmazonApiGateway", api_keep, api_gateway, ("api_gateway_prices",)),
    Service("AmazonVPC", vpc_keep, vpc, ()),
)}
