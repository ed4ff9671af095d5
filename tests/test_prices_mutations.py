"""The price refresh one function at a time: reading a price file, choosing SKUs, merging rows, committing.

Written against mutmut's surviving mutants (``scripts/mutation.sh prices``).  Unlike tests/test_prices.py,
which runs the whole command on AWS-format fixture files, these tests build their offers, tables and
files in a few lines each, so every filter the refresh applies meets a decoy that fails that filter
alone, and every message is written out in full.  Expected values are read off the inputs by hand
(the arithmetic is in the comments).  The prose numbers are computed in a child process only where
that child is the subject; elsewhere ``diff.prose_values`` is replaced by a stand-in.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import shutil
import urllib.error
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from awsbook import datasets
from awsbook.prices import diff, offers, select, tables
from awsbook.prices.offers import Dimension, Offer, OfferError, Product
from awsbook.prices.select import Candidate
from awsbook.prices.tables import Change, Merge, Table

refresh = importlib.import_module("awsbook.prices.refresh")   # the package exports the function of that name

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws"
PUBLISHED = "2026-11-20T18:03:27Z"
NETWORK_HELP = ("인터넷에 연결할 수 없다면 다른 컴퓨터에서 같은 경로로 파일을 받아 두고 '--offers DIR'로 그 폴더를 "
                "지정하세요 (예: DIR/AmazonEC2/current/ap-northeast-2/index.json).")


def url(service="AmazonEC2", region="us-east-1", fmt="json") -> str:
    return f"{BASE}/{service}/current/{region}/index.{fmt}"


def dim(usd, unit="Hrs", begin="0", end=None, rate="R1") -> Dimension:
    return Dimension(rate, unit, Decimal(begin), None if end is None else Decimal(end), Decimal(usd))


def make_offer(service="AmazonEC2", region="us-east-1", *items) -> Offer:
    """An offer read from ``/o/index.json`` with ``items`` = (product, [dimensions]) already kept."""
    offer = Offer(service, region, url(service, region), Path("/o/index.json"), PUBLISHED, "20261120180327")
    for product, dims in items:
        offer.products[product.sku] = product
        offer.on_demand[product.sku] = list(dims)
    return offer


def where(service="AmazonEC2", region="us-east-1") -> str:
    return f"/o/index.json ({service}, {region})"


def error(fn, *args) -> str:
    with pytest.raises(OfferError) as err:
        fn(*args)
    return str(err.value)


# =========================================================================== offers.py

def test_a_products_region_is_its_region_code_else_its_location_name():
    assert Product("A", "", {"regionCode": "ap-northeast-2", "location": "US East (N. Virginia)"}).region() == \
        "ap-northeast-2"
    # An empty regionCode falls back to the location name, as in files before regionCode existed.
    assert Product("A", "", {"regionCode": "", "location": "Asia Pacific (Seoul)"}).region() == "ap-northeast-2"
    assert Product("A", "", {"location": "US West (Oregon)"}).region() == "us-west-2"
    assert Product("A", "", {"location": "Any"}).region() is None       # the Lambda free tier
    assert Product("A", "", {}).region() is None
    p = Product("A", "", {"tenancy": "Shared"})
    assert (p.get("tenancy"), p.get("vcpu"), p.get("vcpu", "2")) == ("Shared", None, "2")


def test_an_offer_counts_every_product_and_its_region_but_keeps_only_the_wanted():
    offer = make_offer()
    east = Product("E", "", {"regionCode": "us-east-1"})
    west = Product("W", "", {"location": "US West (Oregon)"})
    nowhere = Product("N", "", {"location": "Any"})
    for p in (east, west, nowhere, Product("E2", "", {"regionCode": "us-east-1"})):
        offer.read_product(p, lambda p: p.sku == "W")
    assert offer.product_count == 4
    assert offer.regions_seen == Counter({"us-east-1": 2, "us-west-2": 1})
    assert offer.products == {"W": west}
    assert offer.as_of == "2026-11-20" and offer.where() == where()


def test_a_kept_product_without_price_dimensions_is_an_error():
    offer = make_offer("AmazonEC2", "us-east-1", (Product("EMPTY", "", {}), []))
    message = (f"{where()}: SKU {{}}에 온디맨드(terms.OnDemand) 가격 차원(priceDimensions)이 없습니다. "
               "파일이 잘렸거나 형식이 바뀌었을 수 있습니다.")
    assert error(offer.dimensions, "EMPTY") == message.format("EMPTY")
    assert error(offer.dimensions, "NOWHERE") == message.format("NOWHERE")
    offer.on_demand["ONE"] = [dim("1")]
    assert offer.dimensions("ONE") == [dim("1")]


def test_where_the_price_files_are(tmp_path):
    assert offers.offer_url("AWSLambda", "ap-northeast-2") == \
        "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSLambda/current/ap-northeast-2/index.json"
    assert offers.offer_url("AmazonEKS", "us-east-1", "csv") == url("AmazonEKS", "us-east-1", "csv")
    folder = tmp_path / "AmazonEKS" / "current" / "us-east-1"
    assert offers.local_file(tmp_path, "AmazonEKS", "us-east-1") is None
    folder.mkdir(parents=True)
    (folder / "index.json").mkdir()                       # a folder of that name is no file
    assert offers.local_file(tmp_path, "AmazonEKS", "us-east-1") is None
    (folder / "index.csv").write_text("x")
    assert offers.local_file(str(tmp_path), "AmazonEKS", "us-east-1") == folder / "index.csv"
    (folder / "index.json").rmdir()
    (folder / "index.json").write_text("{}")
    assert offers.local_file(tmp_path, "AmazonEKS", "us-east-1") == folder / "index.json"   # JSON first
    assert offers.local_file(tmp_path, "AmazonEKS", "ap-northeast-2") is None


class _Response(io.BytesIO):
    pass


def test_download_streams_the_file_to_its_url_path(tmp_path, monkeypatch):
    calls = []

    def urlopen(address, timeout=None):
        calls.append((address, timeout))
        return _Response(b'{"offerCode" : "AmazonEKS"}')
    monkeypatch.setattr(offers.urllib.request, "urlopen", urlopen)
    got = offers.download("AmazonEKS", "us-east-1", tmp_path)
    assert got == tmp_path / "AmazonEKS" / "current" / "us-east-1" / "index.json"
    assert got.read_bytes() == b'{"offerCode" : "AmazonEKS"}'
    assert calls == [(url("AmazonEKS", "us-east-1"), 120)]


@pytest.mark.parametrize("exc, reason", [
    (urllib.error.HTTPError("u", 503, "Service Unavailable", {}, None), "HTTP 503 Service Unavailable"),
    (urllib.error.URLError("Temporary failure in name resolution"), "Temporary failure in name resolution"),
    (TimeoutError("timed out"), "timed out"),
    (OSError(28, "No space left on device"), "[Errno 28] No space left on device"),
])
def test_a_failed_download_says_to_use_offers(tmp_path, monkeypatch, exc, reason):
    def urlopen(address, timeout=None):
        raise exc
    monkeypatch.setattr(offers.urllib.request, "urlopen", urlopen)
    assert error(offers.download, "AWSLambda", "ap-northeast-2", tmp_path) == (
        f"AWS 가격 파일을 내려받지 못했습니다: {url('AWSLambda', 'ap-northeast-2')} ({reason}). " + NETWORK_HELP)


def test_a_file_aws_does_not_publish_is_none(tmp_path, monkeypatch):
    def urlopen(address, timeout=None):
        raise urllib.error.HTTPError(address, 404, "Not Found", {}, None)
    monkeypatch.setattr(offers.urllib.request, "urlopen", urlopen)
    assert offers.download("AmazonEKS", "ap-northeast-2", tmp_path) is None


# --------------------------------------------------------------------------- numbers and ranges

def test_price_and_range_numbers():
    assert offers._decimal(" 0.0104000000 ", "W", "S", "pricePerUnit.USD") == Decimal("0.0104")
    assert offers._decimal(6000000000, "W", "S", "beginRange") == Decimal(6000000000)
    assert error(offers._decimal, "0.01 USD", "W", "S", "pricePerUnit.USD") == \
        "W: SKU S의 'pricePerUnit.USD' 값 '0.01 USD'은(는) 수가 아닙니다."
    assert error(offers._decimal, None, "W", "S", "unit") == "W: SKU S의 'unit' 값 None은(는) 수가 아닙니다."
    assert error(offers._decimal, "NaN", "W", "S", "beginRange") == \
        "W: SKU S의 'beginRange' 값 'NaN'은(는) 유한한 수가 아닙니다."
    assert error(offers._decimal, "-Infinity", "W", "S", "x") == "W: SKU S의 'x' 값 '-Infinity'은(는) 유한한 수가 아닙니다."


@pytest.mark.parametrize("text", ["Inf", "inf", "", " Inf ", "\tinf"])
def test_every_spelling_of_an_open_ended_range_is_no_end(text):
    # JSON files write "Inf", some CSV twins "inf"; an empty EndingRange is open-ended too.
    assert offers._end(text, "W", "S", "endRange") is None


def test_a_range_end_is_a_finite_number():
    assert offers._end("300000000", "W", "S", "endRange") == Decimal(300_000_000)
    assert offers._end(" 0 ", "W", "S", "endRange") == Decimal(0)
    # Other words for infinity are not AWS's spellings: they are refused, not read as "no end".
    assert error(offers._end, "Infinity", "W", "S", "endRange") == \
        "W: SKU S의 'endRange' 값 'Infinity'은(는) 유한한 수가 아닙니다."
    assert error(offers._end, "INF", "W", "S", "EndingRange") == \
        "W: SKU S의 'EndingRange' 값 'INF'은(는) 유한한 수가 아닙니다."
    assert error(offers._end, "none", "W", "S", "endRange") == "W: SKU S의 'endRange' 값 'none'은(는) 수가 아닙니다."


# --------------------------------------------------------------------------- JSON files

def product_doc(sku, family="Compute Instance", **attributes) -> dict:
    doc = {"sku": sku}
    if family is not None:
        doc["productFamily"] = family
    doc["attributes"] = attributes
    return doc


def term_doc(sku, *dims) -> dict:
    """An on-demand term; ``dims`` = (usd, unit, begin, end) with AWS's text."""
    return {f"{sku}.JRTCKXETXF": {"offerTermCode": "JRTCKXETXF", "sku": sku, "effectiveDate": "2026-11-01T00:00:00Z",
                                  "termAttributes": {}, "priceDimensions": {
                                      f"{sku}.JRTCKXETXF.R{i}": {"rateCode": f"{sku}.JRTCKXETXF.R{i}",
                                                                 "description": f"band {i}", "unit": unit,
                                                                 "beginRange": begin, "endRange": end,
                                                                 "pricePerUnit": {"USD": usd}, "appliesTo": []}
                                      for i, (usd, unit, begin, end) in enumerate(dims)}}}


def write_json(path: Path, products: dict, on_demand: dict, *, head=None, tail=None, reserved=None) -> Path:
    """A price file in AWS's layout: metadata ``head`` first, then products and terms, then ``tail``."""
    doc = {"formatVersion": "v1.0", "disclaimer": "test prices", "offerCode": "AmazonEC2", "version": "20261120180327",
           "publicationDate": PUBLISHED} if head is None else dict(head)
    doc["products"] = products
    doc["terms"] = {"OnDemand": on_demand, **({"Reserved": reserved} if reserved else {})}
    doc.update(tail or {})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, separators=(",", " : ")), encoding="utf-8")
    return path


def east(**more) -> dict:
    return {"location": "US East (N. Virginia)", "locationType": "AWS Region", "regionCode": "us-east-1", **more}


def read(path, keep=lambda p: True, service="AmazonEC2", region="us-east-1") -> Offer:
    return offers.read(path, service, region, url(service, region), keep)


def test_a_json_file_gives_the_kept_products_and_their_on_demand_dimensions_only(tmp_path):
    path = write_json(tmp_path / "index.json", {
        "A": product_doc("A", instanceType="t3.micro", **east()),
        "B": product_doc("B", instanceType="t3.nano", **east()),
        "C": product_doc("C", None),                                       # no family, no region: still counted
    }, {
        "A": term_doc("A", ("0.0104000000", "Hrs", "0", "Inf")),
        "B": term_doc("B", ("0.0052000000", "Hrs", "0", "Inf")),
    }, reserved={"A": term_doc("A", ("0.0065000000", "Hrs", "0", "Inf"))})
    offer = read(path, keep=lambda p: p.get("instanceType") == "t3.micro")
    assert (offer.service, offer.region, offer.url, offer.path) == ("AmazonEC2", "us-east-1", url(), path)
    assert (offer.publication_date, offer.version, offer.as_of) == (PUBLISHED, "20261120180327", "2026-11-20")
    assert offer.product_count == 3 and offer.regions_seen == Counter({"us-east-1": 2})
    assert offer.products == {"A": Product("A", "Compute Instance", {"instanceType": "t3.micro", **east()})}
    # The Reserved term's 0.0065 is never read; the on-demand dimension keeps its rate code and description.
    assert offer.on_demand == {"A": [Dimension("A.JRTCKXETXF.R0", "Hrs", Decimal(0), None, Decimal("0.0104"),
                                               "band 0")]}
    other = read(path, keep=lambda p: p.sku == "C")
    assert other.products == {"C": Product("C", "", {})} and other.on_demand == {}


def test_bands_keep_their_edges_and_open_end(tmp_path):
    path = write_json(tmp_path / "index.json", {"D": product_doc("D", "Serverless", **east())}, {"D": term_doc(
        "D", ("0.0000166667", "Lambda-GB-Second", "0", "6000000000"),
        ("0.0000150000", "Lambda-GB-Second", "6000000000", "Inf"))})
    dims = read(path, service="AmazonEC2").on_demand["D"]
    assert [(d.begin, d.end, d.usd, d.unit) for d in dims] == [
        (0, 6_000_000_000, Decimal("0.0000166667"), "Lambda-GB-Second"),
        (6_000_000_000, None, Decimal("0.000015"), "Lambda-GB-Second")]


def test_metadata_after_the_products_is_found_too(tmp_path):
    # Pass 1 stops at "products"; what it has not seen by then is looked up anywhere at the top level.
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())},
                      {"A": term_doc("A", ("1", "Hrs", "0", "Inf"))},
                      head={"formatVersion": "v1.0", "offerCode": "AmazonEC2"},
                      tail={"version": "20261201000000", "publicationDate": "2026-12-01T00:00:00Z"})
    offer = read(path)
    assert (offer.publication_date, offer.version) == ("2026-12-01T00:00:00Z", "20261201000000")
    path = write_json(tmp_path / "late.json", {"A": product_doc("A", **east())}, {"A": term_doc("A", ("1", "Hrs", "0", "Inf"))},
                      head={"publicationDate": PUBLISHED}, tail={"offerCode": "AmazonEC2"})
    assert read(path).version == ""                                   # no version anywhere: empty


def test_a_region_code_at_the_top_must_be_the_requested_region(tmp_path):
    head = {"formatVersion": "v1.0", "offerCode": "AmazonEC2", "version": "1", "publicationDate": PUBLISHED,
            "regionCode": "us-west-2"}
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())},
                      {"A": term_doc("A", ("1", "Hrs", "0", "Inf"))}, head=head)
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): us-east-1 리전 파일이어야 하는데 파일의 regionCode가 "
                                 "'us-west-2'입니다.")
    head["regionCode"] = "us-east-1"
    assert read(write_json(tmp_path / "ok.json", {"A": product_doc("A", **east())},
                           {"A": term_doc("A", ("1", "Hrs", "0", "Inf"))}, head=head)).product_count == 1


@pytest.mark.parametrize("head, problem", [
    ({"formatVersion": "v1.0", "publicationDate": PUBLISHED}, "'offerCode' 항목이 없습니다. AWS 가격 파일이 아닙니다."),
    ({"offerCode": "AmazonECS", "publicationDate": PUBLISHED},
     "AmazonEC2 가격 파일이어야 하는데 파일의 offerCode가 'AmazonECS'입니다. 다른 서비스의 파일을 이 경로에 두지 않았는지 "
     "확인하세요."),
    ({"offerCode": "AmazonEC2"}, "'publicationDate' 항목이 없거나 날짜가 아닙니다(None)."),
    ({"offerCode": "AmazonEC2", "publicationDate": ""}, "'publicationDate' 항목이 없거나 날짜가 아닙니다('')."),
    ({"offerCode": "AmazonEC2", "publicationDate": "20. November 2026"},
     "'publicationDate' 항목이 없거나 날짜가 아닙니다('20. November 2026')."),
    ({"offerCode": "AmazonEC2", "publicationDate": "x2026-11-20"},
     "'publicationDate' 항목이 없거나 날짜가 아닙니다('x2026-11-20')."),
])
def test_the_file_must_say_it_is_this_services_price_file(tmp_path, head, problem):
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())}, {}, head=head)
    assert error(read, path) == f"{path} (AmazonEC2, us-east-1): {problem}"


def test_a_file_with_no_products_or_only_other_regions_is_refused(tmp_path):
    path = write_json(tmp_path / "index.json", {}, {})
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): 상품(products)이 하나도 없습니다. 내려받다 만 파일이거나 "
                                 "가격 파일이 아닙니다.")
    seoul = {"regionCode": "ap-northeast-2"}
    path = write_json(tmp_path / "seoul.json", {"A": product_doc("A", **seoul), "B": product_doc("B", **seoul),
                                                "C": product_doc("C", location="EU (Ireland)"),
                                                "D": product_doc("D")}, {})
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): us-east-1 리전 파일이어야 하는데 상품이 모두 다른 리전"
                                 "(ap-northeast-2(2개), eu-west-1(1개))의 것입니다. 다른 리전의 파일을 이 경로에 두지 "
                                 "않았는지 확인하세요.")
    # One product of the region among others is enough; so is a file whose products name no region at all.
    path = write_json(tmp_path / "mixed.json", {"A": product_doc("A", **seoul), "B": product_doc("B", **east())}, {})
    assert read(path, keep=lambda p: False).product_count == 2
    path = write_json(tmp_path / "global.json", {"A": product_doc("A", location="Any")}, {})
    assert read(path, keep=lambda p: False).regions_seen == Counter()


@pytest.mark.parametrize("dimension, problem", [
    ({"unit": "Hrs", "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"EUR": "1"}},
     "SKU A의 가격 차원 R에 'pricePerUnit.USD'가 없습니다."),
    ({"unit": "Hrs", "beginRange": "0", "endRange": "Inf", "pricePerUnit": None},
     "SKU A의 가격 차원 R에 'pricePerUnit.USD'가 없습니다."),
    ({"beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "1"}}, "SKU A의 가격 차원 R에 'unit'이(가) 없습니다."),
    ({"unit": "Hrs", "endRange": "Inf", "pricePerUnit": {"USD": "1"}}, "SKU A의 가격 차원 R에 'beginRange'이(가) 없습니다."),
    ({"unit": "Hrs", "beginRange": "0", "pricePerUnit": {"USD": "1"}}, "SKU A의 가격 차원 R에 'endRange'이(가) 없습니다."),
    ({"unit": "Hrs", "beginRange": "zero", "endRange": "Inf", "pricePerUnit": {"USD": "1"}},
     "SKU A의 'beginRange' 값 'zero'은(는) 수가 아닙니다."),
    ({"unit": "Hrs", "beginRange": "0", "endRange": "many", "pricePerUnit": {"USD": "1"}},
     "SKU A의 'endRange' 값 'many'은(는) 수가 아닙니다."),
    ({"unit": "Hrs", "beginRange": "0", "endRange": "Inf", "pricePerUnit": {"USD": "free"}},
     "SKU A의 'pricePerUnit.USD' 값 'free'은(는) 수가 아닙니다."),
])
def test_every_field_of_a_price_dimension_is_checked(tmp_path, dimension, problem):
    terms = {"A": {"A.T": {"priceDimensions": {"R": dimension}}}}
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())}, terms)
    assert error(read, path) == f"{path} (AmazonEC2, us-east-1): {problem}"


def test_a_dimension_without_description_has_an_empty_one(tmp_path):
    terms = {"A": {"A.T": {"priceDimensions": {"R": {"unit": 7, "beginRange": 0, "endRange": "Inf",
                                                     "pricePerUnit": {"USD": "0.5"}}}}}}
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())}, terms)
    assert read(path).on_demand["A"] == [Dimension("R", "7", Decimal(0), None, Decimal("0.5"), "")]
    for empty in (None, {}):
        path = write_json(tmp_path / "e.json", {"A": product_doc("A", **east())}, {"A": empty})
        assert read(path).on_demand == {"A": []}
    path = write_json(tmp_path / "p.json", {"A": product_doc("A", **east())}, {"A": {"A.T": {"priceDimensions": None}}})
    assert read(path).on_demand == {"A": []}


def test_a_broken_json_file_is_explained(tmp_path):
    import ijson
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())}, {})
    path.write_bytes(path.read_bytes()[:150])
    with pytest.raises(ijson.JSONError) as reason:            # what ijson itself says about the cut file
        list(ijson.parse(io.BytesIO(path.read_bytes())))
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): JSON으로 읽을 수 없습니다. 파일이 중간에 잘렸거나 JSON이 "
                                 f"아닙니다 ({reason.value}). 파일을 다시 내려받으세요.")
    path = write_json(tmp_path / "list.json", {"A": ["not", "an", "object"]}, {})
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): 가격 파일의 구조가 예상과 다릅니다 "
                                 "('list' object has no attribute 'get').")


# --------------------------------------------------------------------------- CSV twins

CSV_META = [["FormatVersion", "v1.0"], ["Disclaimer", "test prices"], ["Publication Date", PUBLISHED],
            ["Version", "20261120180327"], ["OfferCode", "AmazonEC2"]]
CSV_HEAD = ["SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "StartingRange", "EndingRange", "Unit",
            "PricePerUnit", "Currency", "Product Family", "Location", "Location Type", "Instance Type", "vCPU",
            "Operating System", "Pre Installed S/W", "CapacityStatus", "Market Option", "usageType", "Memory",
            "Current Generation"]


def csv_row(sku, usd, *, term="OnDemand", start="0", end="Inf", unit="Hrs", currency="USD", family="Compute Instance",
            itype="t3.micro", desc="", rate=None) -> list[str]:
    return [sku, "JRTCKXETXF", rate or f"{sku}.JRTCKXETXF.6YS6EN2CT7", term, desc, start, end, unit, usd, currency,
            family, "US East (N. Virginia)", "AWS Region", itype, "2", "Linux", "NA", "Used", "OnDemand",
            "BoxUsage:" + itype, "", "Yes"]


def write_csv(path: Path, rows, meta=CSV_META, head=CSV_HEAD, bom=False) -> Path:
    import csv
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for r in [*meta, *([head] if head is not None else []), *rows]:
        w.writerow(r)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")
    return path


def test_a_csv_twin_gives_products_under_their_json_attribute_names(tmp_path):
    path = write_csv(tmp_path / "index.csv", [
        csv_row("A", "0.0104000000", desc="$0.0104 per hour,\r\non demand"),   # a quoted line break stays
        csv_row("A", "0.0065000000", term="Reserved"),                    # the Reserved row of the same SKU
        csv_row("A", "9.0", currency="CNY"),                              # a price in another currency
        csv_row("B", "0.0052000000", itype="t3.nano"),
        [],                                                               # a blank line
        csv_row("C", "", itype="t3.small", term="Reserved"),              # not kept: its empty price is never read
    ], bom=True)
    offer = read(path, keep=lambda p: p.get("instanceType") == "t3.micro")
    assert offer.product_count == 3 and offer.regions_seen == Counter({"us-east-1": 3})
    attributes = offer.products["A"].attributes
    # Display names become the JSON names the refresh selects on; empty cells are left out.
    assert {k: attributes[k] for k in ("location", "locationType", "instanceType", "vcpu", "operatingSystem",
                                       "preInstalledSw", "capacitystatus", "marketoption", "usagetype")} == {
        "location": "US East (N. Virginia)", "locationType": "AWS Region", "instanceType": "t3.micro", "vcpu": "2",
        "operatingSystem": "Linux", "preInstalledSw": "NA", "capacitystatus": "Used", "marketoption": "OnDemand",
        "usagetype": "BoxUsage:t3.micro"}
    assert "memory" not in attributes and "Memory" not in attributes and "Product Family" not in attributes
    assert attributes["Current Generation"] == "Yes"                   # a name the book does not map stays as it is
    assert "SKU" not in attributes and "PricePerUnit" not in attributes        # columns before Currency are no attributes
    assert offer.products["A"].family == "Compute Instance"
    assert offer.on_demand == {"A": [Dimension("A.JRTCKXETXF.6YS6EN2CT7", "Hrs", Decimal(0), None,
                                               Decimal("0.0104"), "$0.0104 per hour,\r\non demand")]}
    assert (offer.service, offer.region, offer.url, offer.path) == ("AmazonEC2", "us-east-1", url(), path)
    assert offer.as_of == "2026-11-20" and offer.version == "20261120180327"


def test_a_csv_twin_without_optional_columns(tmp_path):
    head = [h for h in CSV_HEAD if h not in ("PriceDescription", "Product Family")]
    rows = [[c for h, c in zip(CSV_HEAD, r) if h in head] for r in (
        csv_row("A", "0.5", start="", end="", unit="Requests"),
        csv_row("A", "0.25", start="100", end="inf", unit="Requests", rate="A.R2"))]
    offer = read(write_csv(tmp_path / "index.csv", rows, head=head))
    assert offer.products["A"].family == ""
    # An empty StartingRange is 0; an empty or "inf" EndingRange has no end.
    assert offer.on_demand["A"] == [Dimension("A.JRTCKXETXF.6YS6EN2CT7", "Requests", Decimal(0), None, Decimal("0.5"), ""),
                                    Dimension("A.R2", "Requests", Decimal(100), None, Decimal("0.25"), "")]


META_PROBLEM = ("CSV 가격 파일의 첫 다섯 줄은 FormatVersion, Disclaimer, Publication Date, Version, OfferCode "
                "메타데이터여야 합니다.")


@pytest.mark.parametrize("meta, head, rows, problem", [
    (CSV_META[:4], None, [], META_PROBLEM),                                           # four lines only
    ([*CSV_META[:4], ["OfferCode"]], CSV_HEAD, [], META_PROBLEM),                     # a name without value
    ([CSV_META[1], CSV_META[0], *CSV_META[2:]], CSV_HEAD, [], META_PROBLEM),          # out of order
    ([*CSV_META[:4], ["OfferCode", "AmazonECS"]], CSV_HEAD, [],
     "AmazonEC2 가격 파일이어야 하는데 파일의 offerCode가 'AmazonECS'입니다. 다른 서비스의 파일을 이 경로에 두지 않았는지 확인하세요."),
    ([CSV_META[0], CSV_META[1], ["Publication Date", "soon"], *CSV_META[3:]], CSV_HEAD, [],
     "'publicationDate' 항목이 없거나 날짜가 아닙니다('soon')."),
    (CSV_META, None, [], "CSV 머리글에 SKU, TermType, RateCode, StartingRange, EndingRange, Unit, PricePerUnit, Currency "
                         "열이 없습니다."),
    (CSV_META, [h for h in CSV_HEAD if h not in ("Unit", "Currency")], [], "CSV 머리글에 Unit, Currency 열이 없습니다."),
    (CSV_META, CSV_HEAD, [csv_row("A", "1"), csv_row("A", "1")[:-2]],
     "8번째 줄의 칸이 20개입니다. 머리글처럼 22개여야 합니다(파일이 잘렸을 수 있습니다)."),
    (CSV_META, CSV_HEAD, [[], csv_row("A", "1") + ["x"]],
     "8번째 줄의 칸이 23개입니다. 머리글처럼 22개여야 합니다(파일이 잘렸을 수 있습니다)."),
    (CSV_META, CSV_HEAD, [csv_row("A", "1"), csv_row("A", "")], "8번째 줄(SKU A)에 'PricePerUnit'이 비어 있습니다."),
    (CSV_META, CSV_HEAD, [csv_row("A", "1", start="one")], "SKU A의 'StartingRange' 값 'one'은(는) 수가 아닙니다."),
    (CSV_META, CSV_HEAD, [csv_row("A", "1", end="Infinity")], "SKU A의 'EndingRange' 값 'Infinity'은(는) 유한한 수가 아닙니다."),
    (CSV_META, CSV_HEAD, [csv_row("A", "1 USD")], "SKU A의 'PricePerUnit' 값 '1 USD'은(는) 수가 아닙니다."),
])
def test_a_broken_csv_twin_is_explained(tmp_path, meta, head, rows, problem):
    path = write_csv(tmp_path / "index.csv", rows, meta=meta, head=head)
    assert error(read, path) == f"{path} (AmazonEC2, us-east-1): {problem}"


def test_a_csv_twin_that_is_not_utf8_or_not_csv(tmp_path):
    path = write_csv(tmp_path / "index.csv", [csv_row("A", "1")])
    path.write_bytes(path.read_bytes().replace(b"Compute Instance", b"Compute \xff Instance"))
    got = error(read, path)
    assert got.startswith(f"{path} (AmazonEC2, us-east-1): UTF-8 텍스트가 아닙니다 (") and "0xff" in got
    path = write_csv(tmp_path / "big.csv", [csv_row("A", "1", desc="x" * 200_000)])
    assert error(read, path) == (f"{path} (AmazonEC2, us-east-1): CSV로 읽을 수 없습니다 "
                                 "(field larger than field limit (131072)).")


# =========================================================================== select.py

EC2_HEADER = ["instance_type", "region", "arch", "family_group", "vcpu", "memory_gib", "usd_per_hour",
              "price_confidence", "spec_confidence", "source_url", "spec_source_url", "aws_original", "as_of", "note"]
EPHEMERAL_HEADER = ["region", "usd_per_gb_second", "included_mb", "confidence", "source_url", "aws_original", "as_of",
                    "note"]


def table(name, header, *rows) -> Table:
    """A data table as text; ``rows`` are dicts (missing columns empty) or ``[]`` for a blank line."""
    return Table(name, list(header), [[r.get(c, "") for c in header] if r else [] for r in rows])


def ec2_tables(*rows) -> dict:
    rows = rows or ({"instance_type": "t3.micro", "region": "us-east-1", "arch": "x86_64", "family_group": "burstable"},
                    {"instance_type": "c7g.large", "region": "us-east-1", "arch": "arm64", "family_group": "compute"},
                    {"instance_type": "c7g.large", "region": "ap-northeast-2", "arch": "ARM", "family_group": "x"})
    return {"ec2_prices": table("ec2_prices", EC2_HEADER, *rows)}


def test_fmt_writes_plain_decimals():
    assert [select.fmt(Decimal(t)) for t in ("3.5000", "0.0104000000", "1E+2", "100", "0E-10", "-0", "0",
                                             "0.00000000001", "-2.50")] == \
        ["3.5", "0.0104", "100", "100", "0", "0", "0", "0.00000000001", "-2.5"]


def test_in_region_needs_the_region_and_a_region_location_type():
    assert select.in_region(Product("A", "", {"regionCode": "us-east-1"}), "us-east-1")     # no locationType: a region
    assert select.in_region(Product("A", "", east()), "us-east-1")
    assert not select.in_region(Product("A", "", east()), "ap-northeast-2")
    assert not select.in_region(Product("A", "", east(locationType="AWS Local Zone")), "us-east-1")
    assert not select.in_region(Product("A", "", east(locationType="AWS Outposts")), "us-east-1")


@pytest.mark.parametrize("usage, wanted", [
    ("PublicIPv4:InUseAddress", True),            # us-east-1 EC2-style: no prefix
    ("USE1-PublicIPv4:InUseAddress", True), ("APN2-PublicIPv4:InUseAddress", True),
    ("EUC1-PublicIPv4:InUseAddress", True), ("EU-PublicIPv4:InUseAddress", True),
    ("PublicIPv4:InUseAddressX", False), ("XPublicIPv4:InUseAddress", False),
    ("USE1-PublicIPv4:IdleAddress", False), ("USE1-BOS1-PublicIPv4:InUseAddress", False),
    ("use1-PublicIPv4:InUseAddress", False), ("U-PublicIPv4:InUseAddress", False),
    ("USEAST-PublicIPv4:InUseAddress", False), ("USE12-PublicIPv4:InUseAddress", False),
])
def test_usage_types_may_carry_a_region_prefix_only(usage, wanted):
    keep = select.vpc_keep("us-east-1", {})
    assert keep(Product("A", None, east(usagetype=usage))) is wanted
    assert keep(Product("A", None, {"regionCode": "us-west-2", "usagetype": usage})) is False


EC2_LINUX = {"instanceType": "t3.micro", "operatingSystem": "Linux", "tenancy": "Shared", "preInstalledSw": "NA",
             "capacitystatus": "Used", "licenseModel": "No License required", "marketoption": "OnDemand", **east()}


@pytest.mark.parametrize("change", [
    {"instanceType": "t3.nano"},                                     # a type the book has no row for
    {"regionCode": "us-west-2", "location": "US West (Oregon)"},
    {"locationType": "AWS Local Zone"},
    {"operatingSystem": "Windows"}, {"operatingSystem": "RHEL"}, {"operatingSystem": None},
    {"tenancy": "Dedicated"}, {"tenancy": "Host"}, {"tenancy": None},
    {"preInstalledSw": "SQL Web"}, {"preInstalledSw": None},
    {"capacitystatus": "UnusedCapacityReservation"}, {"capacitystatus": "AllocatedCapacityReservation"},
    {"capacitystatus": None},
    {"licenseModel": "Bring your own license"},
    {"marketoption": "Spot"},
])
def test_each_ec2_filter_has_its_decoy(change):
    keep = select.ec2_keep("us-east-1", ec2_tables())
    attributes = {k: v for k, v in {**EC2_LINUX, **change}.items() if v is not None}
    assert keep(Product("D", "Compute Instance", attributes)) is False


def test_the_ec2_product_the_book_wants():
    keep = select.ec2_keep("us-east-1", ec2_tables())
    assert keep(Product("A", "Compute Instance", EC2_LINUX)) is True
    assert keep(Product("A", "Compute Instance", {**EC2_LINUX, "instanceType": "c7g.large"})) is True
    # Older files have no licenseModel or marketoption: the product still counts.
    bare = {k: v for k, v in EC2_LINUX.items() if k not in ("licenseModel", "marketoption")}
    assert keep(Product("A", "Compute Instance", bare)) is True
    assert keep(Product("A", "Compute Instance (bare metal)", EC2_LINUX)) is False
    assert keep(Product("A", "Storage", EC2_LINUX)) is False


def ec2_product(sku, itype="t3.micro", region="us-east-1", **over) -> Product:
    attrs = {**EC2_LINUX, "instanceType": itype, "vcpu": "2", "memory": "1 GiB", **over}
    if region != "us-east-1":
        attrs.update(regionCode=region, location=offers.LOCATIONS[region])
    return Product(sku, "Compute Instance", attrs)


def test_ec2_rows_take_price_vcpu_and_memory_from_the_sku_and_arch_and_group_from_the_book():
    offer = make_offer("AmazonEC2", "ap-northeast-2",
                       (ec2_product("SKUC7G", "c7g.large", "ap-northeast-2", vcpu="2", memory="4 GiB"),
                        [dim("0.0836000000")]),
                       (ec2_product("SKUT3", "t3.micro", "ap-northeast-2", vcpu="2", memory="1 GiB"),
                        [dim("0.0130000000")]))
    out = select.ec2(offer, ec2_tables())
    src = {"price_confidence": "SEEN-AWS-FILE", "spec_confidence": "SEEN-AWS-FILE",
           "source_url": url("AmazonEC2", "ap-northeast-2"), "spec_source_url": "", "aws_original": "",
           "as_of": "2026-11-20"}
    note = "Linux on-demand shared tenancy, no pre-installed software; price, vCPU and memory from AWS Price List SKU {}"
    # Sorted by type: c7g.large before t3.micro; arch and family group from the first row of the type in the book.
    assert [(c.dataset, c.values, c.origin, c.skus) for c in out.candidates] == [
        ("ec2_prices", {"instance_type": "c7g.large", "region": "ap-northeast-2", "arch": "arm64",
                        "family_group": "compute", "vcpu": "2", "memory_gib": "4", "usd_per_hour": "0.0836",
                        **src, "note": note.format("SKUC7G")}, where("AmazonEC2", "ap-northeast-2"), ("SKUC7G",)),
        ("ec2_prices", {"instance_type": "t3.micro", "region": "ap-northeast-2", "arch": "x86_64",
                        "family_group": "burstable", "vcpu": "2", "memory_gib": "1", "usd_per_hour": "0.013",
                        **src, "note": note.format("SKUT3")}, where("AmazonEC2", "ap-northeast-2"), ("SKUT3",))]
    [(name, covers)] = out.covers
    assert name == "ec2_prices" and covers({"region": "ap-northeast-2"}) and not covers({"region": "us-east-1"})
    assert out.notices == []


@pytest.mark.parametrize("memory, gib", [("16 GiB", "16"), ("1,024 GiB", "1024"), (" 0.5 GiB ", "0.5"),
                                         ("16.0 GiB", "16"), ("2GiB", "2"), ("12,288.5 GiB", "12288.5")])
def test_memory_is_read_in_gib(memory, gib):
    offer = make_offer("AmazonEC2", "us-east-1", (ec2_product("S", memory=memory), [dim("0.01")]))
    assert select.ec2(offer, ec2_tables()).candidates[0].values["memory_gib"] == gib


@pytest.mark.parametrize("over, problem", [
    ({"memory": "16 GB"}, "SKU S의 'memory' 값 '16 GB'을(를) GiB 수로 읽을 수 없습니다."),
    ({"memory": "GiB"}, "SKU S의 'memory' 값 'GiB'을(를) GiB 수로 읽을 수 없습니다."),
    ({"memory": "16 GiB x"}, "SKU S의 'memory' 값 '16 GiB x'을(를) GiB 수로 읽을 수 없습니다."),
    ({"memory": None}, "SKU S의 'memory' 값 None을(를) GiB 수로 읽을 수 없습니다."),
    ({"vcpu": "2.5"}, "SKU S의 'vcpu' 값 '2.5'은(는) 정수가 아닙니다."),
    ({"vcpu": "2 "}, "SKU S의 'vcpu' 값 '2 '은(는) 정수가 아닙니다."),
    ({"vcpu": None}, "SKU S의 'vcpu' 값 ''은(는) 정수가 아닙니다."),
])
def test_vcpu_and_memory_must_be_readable(over, problem):
    product = ec2_product("S")
    attrs = {k: v for k, v in {**product.attributes, **over}.items() if v is not None}
    offer = make_offer("AmazonEC2", "us-east-1", (Product("S", "Compute Instance", attrs), [dim("0.01")]))
    assert error(select.ec2, offer, ec2_tables()) == f"{where()}: {problem}"


def test_an_empty_ec2_file_still_covers_its_regions_rows():
    out = select.ec2(make_offer("AmazonEC2", "us-east-1"), ec2_tables())
    assert out.candidates == [] and [n for n, _ in out.covers] == ["ec2_prices"]


# --------------------------------------------------------------------------- one SKU, one rate, bands

def test_one_sku_per_row_unless_their_prices_agree():
    a, b, c = (Product(s, "", {}) for s in "BAC")
    offer = make_offer("AmazonEC2", "us-east-1", (a, [dim("0.5", begin="0", end="10"), dim("0.4", begin="10")]),
                       (b, [dim("0.5", begin="0", end="10"), dim("0.4", begin="10")]),
                       (c, [dim("0.5", begin="0", end="10"), dim("0.3", begin="10")]))
    assert select._one(offer, ["B"], "x") == "B"
    assert select._one(offer, ["B", "A"], "x") == "A"            # equal prices: the first SKU in sorted order
    assert error(select._one, offer, ["C", "B", "A"], "t3.micro Linux") == (
        f"{where()}: t3.micro Linux에 맞는 SKU가 여럿이고 요금이 서로 다릅니다(A: 0.5, 0.4; B: 0.5, 0.4; C: 0.5, 0.3). "
        "어느 것이 책의 조건인지 정할 수 없어 멈춥니다.")
    # The same prices over different band edges are different rates too.
    d = Product("D", "", {})
    offer.products["D"], offer.on_demand["D"] = d, [dim("0.5", begin="0", end="20"), dim("0.4", begin="20")]
    assert "여럿이고" in error(select._one, offer, ["A", "D"], "x")


def test_a_flat_rate_has_one_positive_dimension_in_an_allowed_unit():
    p = Product("S", "", {})
    ok = make_offer("AmazonEC2", "us-east-1", (p, [dim("0.10", unit="Hours")]))
    assert select._rate(ok, "S", select.HOURS, "요금") == dim("0.10", unit="Hours")
    for unit in ("Hrs", "Hours", "hours", "Hour", "hour"):
        assert select._rate(make_offer("AmazonEC2", "us-east-1", (p, [dim("1", unit=unit)])), "S", select.HOURS, "x")
    assert error(select._rate, make_offer("AmazonEC2", "us-east-1", (p, [dim("1", unit="GB-Mo")])), "S",
                 select.HOURS, "시간당 요금") == (f"{where()}: SKU S의 단위가 'GB-Mo'입니다. 시간당 요금에는 Hour, Hours, "
                                                   "Hrs, hour, hours 단위만 쓸 수 있습니다.")
    two = make_offer("AmazonEC2", "us-east-1", (p, [dim("1"), dim("2", rate="R2")]))
    assert error(select._rate, two, "S", select.HOURS, "시간당 요금") == (
        f"{where()}: SKU S의 온디맨드 가격 차원이 2개입니다. 시간당 요금에는 하나의 고정 요금이어야 합니다.")
    for usd in ("0", "-0.01"):
        free = make_offer("AmazonEC2", "us-east-1", (p, [dim(usd)]))
        assert error(select._rate, free, "S", select.HOURS, "시간당 요금") == (
            f"{where()}: SKU S의 시간당 요금 가격(pricePerUnit.USD)이 {select.fmt(Decimal(usd))}입니다. 0보다 커야 합니다.")
    assert select._rate(make_offer("AmazonEC2", "us-east-1", (p, [dim("0.0000000001")])), "S", select.HOURS, "x")


def bands_of(*dims, units=select.GB_SECONDS):
    offer = make_offer("AWSLambda", "us-east-1", (Product("S", "", {}), list(dims)))
    return offer, lambda: select._bands(offer, "S", units, "GB-초당 요금")


def gbs(usd, begin, end=None):
    return dim(usd, unit="Lambda-GB-Second", begin=begin, end=end)


def test_bands_are_sorted_and_meet_end_to_begin():
    _, bands = bands_of(gbs("0.3", "15", None), gbs("0.5", "0", "6"), gbs("0.4", "6", "15"))
    assert [(d.begin, d.end, d.usd) for d in bands()] == [(0, 6, Decimal("0.5")), (6, 15, Decimal("0.4")),
                                                          (15, None, Decimal("0.3"))]
    _, single = bands_of(gbs("0.5", "0"))
    assert len(single()) == 1


@pytest.mark.parametrize("dims, problem", [
    # a gap: 6 … 7 is priced by no band
    ((gbs("0.5", "0", "6"), gbs("0.4", "7")), "SKU S의 요금 구간이 이어지지 않습니다(endRange 6 다음 beginRange 7)."),
    # an overlap: 5 … 6 is priced twice
    ((gbs("0.5", "0", "6"), gbs("0.4", "5")), "SKU S의 요금 구간이 이어지지 않습니다(endRange 6 다음 beginRange 5)."),
    # an open-ended band that is not the last
    ((gbs("0.5", "0"), gbs("0.4", "6")), "SKU S의 요금 구간이 이어지지 않습니다(endRange Inf 다음 beginRange 6)."),
    ((gbs("0.5", "1", "6"), gbs("0.4", "6")), "SKU S의 첫 요금 구간이 0이 아니라 1에서 시작합니다(beginRange)."),
    ((gbs("0.5", "0", "6"), gbs("0.4", "6", "15")),
     "SKU S의 마지막 요금 구간에 끝이 있습니다(endRange 15). 마지막 구간은 Inf여야 합니다."),
    ((gbs("0.5", "0", "6"), gbs("0", "6")), "SKU S의 GB-초당 요금 가격(pricePerUnit.USD)이 0입니다. 0보다 커야 합니다."),
    ((gbs("0.5", "0", "6"), dim("0.4", unit="Requests", begin="6")),
     "SKU S의 단위가 'Requests'입니다. GB-초당 요금에는 GB-Second, GB-Seconds, Lambda-GB-Second, Lambda-GB-Seconds "
     "단위만 쓸 수 있습니다."),
])
def test_bands_with_a_gap_an_overlap_or_a_wrong_edge_are_refused(dims, problem):
    _, bands = bands_of(*dims)
    assert error(bands) == f"{where('AWSLambda')}: {problem}"


def test_the_first_band_is_checked_like_the_others():
    _, bands = bands_of(dim("0.5", unit="Requests", begin="0", end="6"), gbs("0.4", "6"))
    assert "단위가 'Requests'" in error(bands)
    _, bands = bands_of(gbs("-1", "0", "6"), gbs("0.4", "6"))
    assert "가격(pricePerUnit.USD)이 -1입니다" in error(bands)


# --------------------------------------------------------------------------- Lambda

def lam(sku, group, region="us-east-1") -> Product:
    attrs = {"group": group, **(east() if region == "us-east-1" else
                               {"regionCode": region, "location": offers.LOCATIONS[region], "locationType": "AWS Region"})}
    return Product(sku, "Serverless", attrs)


def lambda_offer(region="us-east-1", arm=True, arm_storage="0.0000000309") -> Offer:
    items = [(lam("REQ", "AWS-Lambda-Requests", region), [dim("0.0000002", unit="Requests")]),
             (lam("DUR", "AWS-Lambda-Duration", region),
              [gbs("0.00002", "0", "6000000000"), gbs("0.000015", "6000000000", "15000000000"),
               gbs("0.0000133333", "15000000000")]),
             (lam("STO", "AWS-Lambda-Storage-Duration", region), [dim("0.0000000309", unit="GB-Seconds")]),
             (lam("REQARM", "AWS-Lambda-Requests-ARM", region), [dim("0.0000002", unit="Requests")])]
    if arm:
        items += [(lam("DURARM", "AWS-Lambda-Duration-ARM", region), [gbs("0.0000133334", "0")]),
                  (lam("STOARM", "AWS-Lambda-Storage-Duration-ARM", region), [dim(arm_storage, unit="GB-Seconds")])]
    return make_offer("AWSLambda", region, *items)


def ephemeral_tables(*rows) -> dict:
    return {"lambda_ephemeral_prices": table("lambda_ephemeral_prices", EPHEMERAL_HEADER, *rows)}


def test_lambda_keep_takes_the_six_groups_of_the_region():
    keep = select.lambda_keep("us-east-1", {})
    for group in select.LAMBDA_GROUPS:
        assert keep(lam("S", group)) is True
        assert keep(lam("S", group, "ap-northeast-2")) is False
    for group in ("AWS-Lambda-Edge-Requests", "AWS-Lambda-Duration-Provisioned", None):
        assert keep(Product("S", "Serverless", east(**({"group": group} if group else {})))) is False
    assert keep(Product("S", "Serverless", {"group": "AWS-Lambda-Requests", "location": "Any"})) is False  # free tier


def test_lambda_rows_tiers_and_storage_of_the_base_region():
    out = select.lambda_(lambda_offer(arm_storage="0.0000000400"), ephemeral_tables(
        {"region": "ap-northeast-2", "included_mb": "640"}, {"region": "us-east-1", "included_mb": "1024"}))
    src = {"confidence": "SEEN-AWS-FILE", "source_url": url("AWSLambda"), "spec_source_url": "", "aws_original": "",
           "as_of": "2026-11-20"}
    tier = ("Monthly GB-seconds per account per region per architecture; band of AWS Price List SKU {} (us-east-1), "
            "{} USD per GB-second")
    assert [(c.dataset, c.values, c.skus) for c in out.candidates] == [
        ("lambda_prices", {"region": "us-east-1", "arch": "x86_64", "usd_per_request": "0.0000002",
                           "usd_per_gb_second": "0.00002", **src,
                           "note": "AWS Price List: requests SKU REQ; duration SKU DUR, first monthly GB-second band"},
         ("REQ", "DUR")),
        # 1 − 0.00002/0.00002 = 0 %; 1 − 0.000015/0.00002 = 25 %; 1 − 0.0000133333/0.00002 = 0.333335 → 33.33 %.
        ("lambda_duration_tiers", {"arch": "x86_64", "from_gb_seconds": "0", "to_gb_seconds": "6000000000",
                                   "discount_pct": "0", **src, "note": tier.format("DUR", "0.00002")}, ("DUR",)),
        ("lambda_duration_tiers", {"arch": "x86_64", "from_gb_seconds": "6000000000", "to_gb_seconds": "15000000000",
                                   "discount_pct": "25", **src, "note": tier.format("DUR", "0.000015")}, ("DUR",)),
        ("lambda_duration_tiers", {"arch": "x86_64", "from_gb_seconds": "15000000000", "to_gb_seconds": "",
                                   "discount_pct": "33.33", **src,
                                   "note": tier.format("DUR", "0.0000133333") + "; open-ended top band"}, ("DUR",)),
        ("lambda_prices", {"region": "us-east-1", "arch": "arm64", "usd_per_request": "0.0000002",
                           "usd_per_gb_second": "0.0000133334", **src,
                           "note": "AWS Price List: requests SKU REQARM; duration SKU DURARM, first monthly GB-second band"},
         ("REQARM", "DURARM")),
        ("lambda_duration_tiers", {"arch": "arm64", "from_gb_seconds": "0", "to_gb_seconds": "", "discount_pct": "0",
                                   **src, "note": tier.format("DURARM", "0.0000133334") + "; open-ended top band"},
         ("DURARM",)),
        # The included size is the region's own row's (1024), not the first row's (640).
        ("lambda_ephemeral_prices", {"region": "us-east-1", "usd_per_gb_second": "0.0000000309", "included_mb": "1024",
                                     **src, "note": "Rate for /tmp above the included size; AWS Price List SKU STO. "
                                                    "The included 512 MB is from aws.amazon.com/lambda/pricing/"},
         ("STO",))]
    assert {c.origin for c in out.candidates} == {where("AWSLambda")}
    assert out.notices == [f"{where('AWSLambda')}: Arm 임시 스토리지 요금(0.00000004)이 x86 요금(0.0000000309)과 "
                           "다릅니다. 데이터 표에는 리전마다 한 값만 있어 x86 값을 씁니다."]
    assert [n for n, _ in out.covers] == ["lambda_duration_tiers", "lambda_duration_tiers", "lambda_prices",
                                          "lambda_ephemeral_prices"]
    x86, arm = out.covers[0][1], out.covers[1][1]
    assert x86({"arch": "x86_64"}) and not x86({"arch": "arm64"}) and arm({"arch": "arm64"}) and not arm({"arch": "x86_64"})
    for _, pred in out.covers[2:]:
        assert pred({"region": "us-east-1"}) and not pred({"region": "ap-northeast-2"})


def test_lambda_in_another_region_writes_no_tiers_and_skips_an_arch_without_duration():
    out = select.lambda_(lambda_offer("ap-northeast-2", arm=False), ephemeral_tables(
        {"region": "us-east-1", "included_mb": "640"}))
    assert [(c.dataset, c.values.get("arch")) for c in out.candidates] == [("lambda_prices", "x86_64"),
                                                                          ("lambda_ephemeral_prices", None)]
    # No Seoul row in the table yet: the included size is copied from the first row there is.
    assert out.candidates[-1].values["included_mb"] == "640"
    assert out.notices == [f"{where('AWSLambda', 'ap-northeast-2')}: 리전 열이 없는 lambda_duration_tiers.csv는 "
                           "us-east-1 파일로만 갱신합니다."]
    assert [n for n, _ in out.covers] == ["lambda_prices", "lambda_ephemeral_prices"]


def test_lambda_storage_defaults_and_equal_arm_storage():
    out = select.lambda_(lambda_offer(), ephemeral_tables())
    assert out.candidates[-1].values["included_mb"] == "512"       # an empty table: AWS's documented 512 MB
    assert out.notices == []                                         # Arm storage costs the same: nothing to say
    only = make_offer("AWSLambda", "us-east-1", (lam("DUR", "AWS-Lambda-Duration"), [gbs("0.00002", "0")]))
    out = select.lambda_(only, ephemeral_tables())
    assert out.candidates == [] and [n for n, _ in out.covers] == ["lambda_prices", "lambda_ephemeral_prices"]


# --------------------------------------------------------------------------- Fargate, EKS, API Gateway, VPC

def usage(sku, usagetype, region="us-east-1", **more) -> Product:
    place = east() if region == "us-east-1" else {"regionCode": region, "location": offers.LOCATIONS[region]}
    return Product(sku, "Compute", {"usagetype": usagetype, **place, **more})


@pytest.mark.parametrize("product, wanted", [
    (usage("A", "USE1-Fargate-vCPU-Hours:perCPU"), True),
    (usage("A", "USE1-Fargate-GB-Hours", operatingSystem="Linux"), True),
    (usage("A", "USE1-Fargate-ARM-vCPU-Hours:perCPU"), True),
    (usage("A", "USE1-Fargate-ARM-GB-Hours"), True),
    (usage("A", "USE1-Fargate-vCPU-Hours:perCPU", operatingSystem="Windows"), False),
    (usage("A", "USE1-Fargate-Windows-vCPU-Hours:perCPU"), False),
    (usage("A", "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU"), False),
    (usage("A", "USE1-Fargate-EphemeralStorage-GB-Hours"), False),
    (usage("A", "USE1-ECS-EC2-vCPU-Hours"), False),
    (usage("A", "APN2-Fargate-GB-Hours", "ap-northeast-2"), False),
    (usage("A", "USE1-Fargate-GB-Hours", locationType="AWS Local Zone"), False),
    (Product("A", "Compute", east()), False),
])
def test_fargate_keeps_linux_vcpu_and_memory_hours_of_the_region(product, wanted):
    assert select.fargate_keep("us-east-1", {})(product) is wanted


def test_fargate_rows_per_arch():
    offer = make_offer("AmazonECS", "ap-northeast-2",
                       (usage("C", "APN2-Fargate-vCPU-Hours:perCPU", "ap-northeast-2"), [dim("0.04656", unit="hours")]),
                       (usage("M", "APN2-Fargate-GB-Hours", "ap-northeast-2"), [dim("0.00511", unit="hours")]),
                       (usage("AC", "APN2-Fargate-ARM-vCPU-Hours:perCPU", "ap-northeast-2"), [dim("0.03725", unit="hours")]),
                       (usage("AM", "APN2-Fargate-ARM-GB-Hours", "ap-northeast-2"), [dim("0.00409", unit="hours")]))
    out = select.fargate(offer, {})
    src = {"confidence": "SEEN-AWS-FILE", "source_url": url("AmazonECS", "ap-northeast-2"), "spec_source_url": "",
           "aws_original": "", "as_of": "2026-11-20"}
    assert [(c.dataset, c.values, c.origin, c.skus) for c in out.candidates] == [
        ("fargate_prices", {"region": "ap-northeast-2", "arch": "x86_64", "usd_per_vcpu_hour": "0.04656",
                            "usd_per_gb_hour": "0.00511", **src, "note": "Linux; AWS Price List vCPU SKU C, memory SKU M"},
         where("AmazonECS", "ap-northeast-2"), ("C", "M")),
        ("fargate_prices", {"region": "ap-northeast-2", "arch": "arm64", "usd_per_vcpu_hour": "0.03725",
                            "usd_per_gb_hour": "0.00409", **src,
                            "note": "Linux; AWS Price List vCPU SKU AC, memory SKU AM; Arm on Fargate is ECS only (not EKS)"},
         where("AmazonECS", "ap-northeast-2"), ("AC", "AM"))]
    [(name, pred)] = out.covers
    assert name == "fargate_prices" and pred({"region": "ap-northeast-2"}) and not pred({"region": "us-east-1"})
    # Memory without vCPU (or the other way round) makes no row.
    half = make_offer("AmazonECS", "us-east-1", (usage("M", "USE1-Fargate-GB-Hours"), [dim("0.1", unit="hours")]),
                      (usage("AC", "USE1-Fargate-ARM-vCPU-Hours:perCPU"), [dim("0.1", unit="hours")]))
    assert select.fargate(half, {}).candidates == []


def eks_offer(region="us-east-1", extended=True) -> Offer:
    items = [(usage("STD", "USE1-AmazonEKS-Hours:perCluster"), [dim("0.10", unit="Hours")])]
    if extended:
        items.append((usage("EXT", "USE1-AmazonEKS-Hours:extendedSupport"), [dim("0.50", unit="Hours")]))
    return make_offer("AmazonEKS", region, *items)


def test_eks_keep():
    keep = select.eks_keep("us-east-1", {})
    assert keep(usage("A", "USE1-AmazonEKS-Hours:perCluster")) and keep(usage("A", "AmazonEKS-Hours:extendedSupport"))
    assert not keep(usage("A", "USE1-AmazonEKS-Hours:HAProvisionedXL"))
    assert not keep(usage("A", "USE1-Fargate-vCPU-Hours:perCPU"))
    assert not keep(usage("A", "APN2-AmazonEKS-Hours:perCluster", "ap-northeast-2"))


def test_eks_extended_support_is_the_standard_rate_plus_the_surcharge():
    out = select.eks(eks_offer(), {})
    src = {"confidence": "SEEN-AWS-FILE", "source_url": url("AmazonEKS"), "spec_source_url": "", "aws_original": "",
           "as_of": "2026-11-20"}
    # 0.10 + 0.50 = 0.60 USD per cluster-hour.
    assert [(c.dataset, c.values, c.skus) for c in out.candidates] == [
        ("eks_prices", {"support": "standard", "usd_per_cluster_hour": "0.1", **src,
                        "note": "AWS Price List SKU STD (AmazonEKS-Hours:perCluster); 14 months of standard support per "
                                "Kubernetes version"}, ("STD",)),
        ("eks_prices", {"support": "extended", "usd_per_cluster_hour": "0.6", **src,
                        "note": "Total per cluster-hour: standard SKU STD (0.1) plus the extended-support surcharge SKU "
                                "EXT (0.5); 12 more months"}, ("STD", "EXT"))]
    [(name, pred)] = out.covers
    assert name == "eks_prices" and pred({"support": "standard"}) and out.notices == []
    assert {c.origin for c in out.candidates} == {where("AmazonEKS")}
    assert [c.values["support"] for c in select.eks(eks_offer(extended=False), {}).candidates] == ["standard"]


def test_eks_without_a_cluster_rate_or_outside_the_base_region():
    only_extended = make_offer("AmazonEKS", "us-east-1",
                               (usage("EXT", "USE1-AmazonEKS-Hours:extendedSupport"), [dim("0.50", unit="Hours")]))
    out = select.eks(only_extended, {})
    assert out.candidates == [] and [n for n, _ in out.covers] == ["eks_prices"] and out.covers[0][1]({})
    out = select.eks(eks_offer("ap-northeast-2"), {})
    assert out.candidates == [] and out.covers == []
    assert out.notices == [f"{where('AmazonEKS', 'ap-northeast-2')}: 리전 열이 없는 eks_prices.csv는 us-east-1 파일로만 "
                           "갱신합니다."]


def test_api_gateway_bands_become_rows_per_million_requests():
    req = lambda usd, begin, end=None: dim(usd, unit="Requests", begin=begin, end=end)  # noqa: E731
    offer = make_offer("AmazonApiGateway", "us-east-1",
                       (usage("REST", "USE1-ApiGatewayRequest"), [req("0.0000035", "0", "333000000"),
                                                                  req("0.0000028", "333000000")]),
                       (usage("HTTP", "USE1-ApiGatewayHttpRequest"), [req("0.000001", "0")]))
    out = select.api_gateway(offer, {})
    src = {"confidence": "SEEN-AWS-FILE", "source_url": url("AmazonApiGateway"), "spec_source_url": "",
           "aws_original": "", "as_of": "2026-11-20"}
    note = "Monthly request band of AWS Price List SKU {}, {} USD per request"
    # USD per request × 1,000,000: 0.000001 → 1; 0.0000035 → 3.5; 0.0000028 → 2.8.
    assert [(c.values, c.skus) for c in out.candidates] == [
        ({"api": "http", "region": "us-east-1", "from_requests": "0", "to_requests": "",
          "usd_per_million_requests": "1", **src, "note": note.format("HTTP", "0.000001") + "; open-ended top band"},
         ("HTTP",)),
        ({"api": "rest", "region": "us-east-1", "from_requests": "0", "to_requests": "333000000",
          "usd_per_million_requests": "3.5", **src, "note": note.format("REST", "0.0000035")}, ("REST",)),
        ({"api": "rest", "region": "us-east-1", "from_requests": "333000000", "to_requests": "",
          "usd_per_million_requests": "2.8", **src, "note": note.format("REST", "0.0000028") + "; open-ended top band"},
         ("REST",))]
    assert {c.dataset for c in out.candidates} == {"api_gateway_prices"}
    [(name, pred)] = out.covers
    assert name == "api_gateway_prices" and pred({"region": "us-east-1"}) and not pred({"region": "ap-northeast-2"})
    keep = select.api_keep("us-east-1", {})
    assert keep(usage("A", "USE1-ApiGatewayRequest")) and keep(usage("A", "USE1-ApiGatewayHttpRequest"))
    assert not keep(usage("A", "USE1-ApiGatewayMessage")) and not keep(usage("A", "USE1-ApiGatewayCacheUsage:0.5GB"))


def test_the_public_ipv4_rate_is_reported_not_written():
    offer = make_offer("AmazonVPC", "us-east-1", (usage("IP", "USE1-PublicIPv4:InUseAddress"), [dim("0.005")]))
    out = select.vpc(offer, {})
    assert (out.candidates, out.covers) == ([], [])
    assert out.notices == [f"{where('AmazonVPC')}: 공인 IPv4 주소 1개는 시간당 0.005 USD입니다(SKU IP, 2026-11-20 기준). "
                           "이 요금을 담는 데이터 파일이 아직 없어 기록하지 않습니다."]
    assert select.vpc(make_offer("AmazonVPC", "us-east-1"), {}).notices == [
        f"{where('AmazonVPC')}: 공인 IPv4 주소 요금(PublicIPv4:InUseAddress)을 찾지 못했습니다."]


# =========================================================================== tables.py

EKS_HEADER = ["support", "usd_per_cluster_hour", "confidence", "source_url", "as_of", "note"]
TIERS_HEADER = ["arch", "from_gb_seconds", "to_gb_seconds", "discount_pct", "confidence", "source_url", "as_of", "note"]


def test_numbers_and_keys_compare_by_value():
    assert tables.numeric_columns("eks_prices") == {"usd_per_cluster_hour"}
    assert tables.numeric_columns("ec2_prices") == {"vcpu", "memory_gib", "usd_per_hour"}      # vcpu is an int column
    assert tables.numeric_columns("api_gateway_prices") == {"from_requests", "to_requests", "usd_per_million_requests"}
    assert tables.same_number("3.5", "3.50") and tables.same_number("0.10", "1E-1")
    assert not tables.same_number("3.5", "3.51") and not tables.same_number("x", "x") and not tables.same_number("", "")
    assert [tables.norm(t) for t in ("0.0", "6000000000.00", "1E+3", "t3.micro", "", "NaN", "Infinity")] == \
        ["0", "6000000000", "1000", "t3.micro", "", "NaN", "Infinity"]


def test_a_table_is_read_and_written_as_text(tmp_path):
    (tmp_path / "eks_prices.csv").write_bytes(
        "\ufeff support ,usd_per_cluster_hour,confidence,source_url,as_of,note\r\n"
        "standard,0.10,SEEN-AWS,https://x/,2026-08-21,\"a, b\"\r\n\r\nextended,0.60,SEEN-AWS,https://x/,2026-08-21,"
        "\"c\r\nd\"\r\n".encode("utf-8"))
    t = Table.load(tmp_path, "eks_prices")
    assert (t.name, t.header, t.newline, t.bom, t.changed) == ("eks_prices", EKS_HEADER, "\r\n", True, False)
    assert t.rows == [["standard", "0.10", "SEEN-AWS", "https://x/", "2026-08-21", "a, b"], [],
                      ["extended", "0.60", "SEEN-AWS", "https://x/", "2026-08-21", "c\r\nd"]]      # the line break stays
    assert t.rows_as_dicts() == [dict(zip(EKS_HEADER, t.rows[0])), dict(zip(EKS_HEADER, t.rows[2]))]
    # Written back: the header without the spaces the loader trims, the BOM, CRLF and the blank line kept.
    assert t.text() == ("\ufeffsupport,usd_per_cluster_hour,confidence,source_url,as_of,note\r\n"
                        "standard,0.10,SEEN-AWS,https://x/,2026-08-21,\"a, b\"\r\n\r\n"
                        "extended,0.60,SEEN-AWS,https://x/,2026-08-21,\"c\r\nd\"\r\n")
    (tmp_path / "eks_prices.csv").write_text("support\u200b,\u3000usd_per_cluster_hour\nstandard,0.10\n",
                                             encoding="utf-8")   # a zero-width and an ideographic space, trimmed
    plain = Table.load(tmp_path, "eks_prices")
    assert (plain.newline, plain.bom, plain.text()) == ("\n", False, "support,usd_per_cluster_hour\nstandard,0.10\n")
    tiers = Table("lambda_duration_tiers", TIERS_HEADER, [])
    values = {"arch": "arm64", "from_gb_seconds": "7500000000.0"}
    assert tiers.key(values) == ("arm64", "7500000000") and tiers.label(values) == "arm64/7500000000.0"


def test_the_change_of_a_price_in_percent():
    # 0.0262 / 0.0260 − 1 = 0.00769… → +0.769…%; 0.03 / 0.04 − 1 = −25 %.
    assert Change("f", "r", "c", "0.0260", "0.0262").pct == pytest.approx(0.769230769, rel=1e-9)
    assert Change("f", "r", "c", "0.04", "0.03").pct == pytest.approx(-25.0)
    assert Change("f", "r", "c", "0", "0.03").pct is None
    assert Change("f", "r", "c", "SEEN-3P", "SEEN-AWS-FILE").pct is None
    assert Change("f", "r", "c", "0.1", "").pct is None


def eks_rows():
    return ({"support": "standard", "usd_per_cluster_hour": "0.10", "confidence": "SEEN-AWS", "source_url": "https://b/",
             "as_of": "2026-08-21", "note": "1.0"},
            {"support": "extended", "usd_per_cluster_hour": "0.60", "confidence": "SEEN-AWS", "source_url": "https://b/",
             "as_of": "2026-08-21", "note": "old"})


def cand(name, skus=("S",), origin="O", **values) -> Candidate:
    return Candidate(name, values, origin, tuple(skus))


def test_a_merge_changes_only_cells_whose_value_differs():
    t = table("eks_prices", EKS_HEADER, *eks_rows())
    result = Merge()
    std = cand("eks_prices", ("STD",), support="standard", usd_per_cluster_hour="0.1", confidence="SEEN-AWS",
               source_url="https://b/", as_of="2026-08-21", note="1")
    ext = cand("eks_prices", ("STD", "EXT"), "file.json", support="extended", usd_per_cluster_hour="0.70",
               confidence="SEEN-AWS-FILE", source_url="https://b/", as_of="2026-11-20", note="old")
    tables.merge(t, [std, ext], [], result)
    # "0.1" is "0.10" (a number column): kept; "1" is not "1.0" in the note (text): changed.
    assert result.changes == [
        Change("eks_prices.csv", "standard", "note", "1.0", "1", "STD", "O"),
        Change("eks_prices.csv", "extended", "usd_per_cluster_hour", "0.60", "0.70", "STD, EXT", "file.json"),
        Change("eks_prices.csv", "extended", "confidence", "SEEN-AWS", "SEEN-AWS-FILE", "STD, EXT", "file.json"),
        Change("eks_prices.csv", "extended", "as_of", "2026-08-21", "2026-11-20", "STD, EXT", "file.json")]
    assert t.rows == [["standard", "0.10", "SEEN-AWS", "https://b/", "2026-08-21", "1"],
                      ["extended", "0.70", "SEEN-AWS-FILE", "https://b/", "2026-11-20", "old"]]
    assert t.changed and (result.added, result.gone, result.dropped) == ([], [], [])
    same = table("eks_prices", EKS_HEADER, *eks_rows())
    tables.merge(same, [cand("eks_prices", **eks_rows()[1])], [], Merge())
    assert not same.changed


def ec2_row(itype, region, usd="0.1") -> dict:
    return {"instance_type": itype, "region": region, "arch": "x86_64", "family_group": "general", "vcpu": "2",
            "memory_gib": "8", "usd_per_hour": usd, "price_confidence": "SEEN-AWS", "spec_confidence": "SEEN-AWS",
            "source_url": "https://s/", "spec_source_url": "", "aws_original": "", "as_of": "2026-08-21", "note": ""}


def test_an_added_row_lands_after_the_last_row_of_its_region():
    t = table("ec2_prices", EC2_HEADER, ec2_row("t3.micro", "us-east-1"), ec2_row("c7g.large", "us-east-1"),
              ec2_row("t3.micro", "ap-northeast-2"), ec2_row("m5.large", "us-east-1"), ec2_row("t3.small", "ap-northeast-2"),
              {})
    result = Merge()
    tables.merge(t, [cand("ec2_prices", **ec2_row("m6i.large", "us-east-1")),
                     cand("ec2_prices", **ec2_row("m6i.large", "ap-northeast-2")),
                     cand("ec2_prices", **ec2_row("m6i.large", "eu-west-1")),
                     # after two insertions the Seoul t3.micro row has moved: the update must still find it
                     cand("ec2_prices", **ec2_row("t3.micro", "ap-northeast-2", "0.2"))], [], result)
    assert [(r[0], r[1], r[6]) if r else () for r in t.rows] == [
        ("t3.micro", "us-east-1", "0.1"), ("c7g.large", "us-east-1", "0.1"), ("t3.micro", "ap-northeast-2", "0.2"),
        ("m5.large", "us-east-1", "0.1"), ("m6i.large", "us-east-1", "0.1"), ("t3.small", "ap-northeast-2", "0.1"),
        ("m6i.large", "ap-northeast-2", "0.1"), (), ("m6i.large", "eu-west-1", "0.1")]
    assert t.rows[7] == []
    assert [(f, label) for f, label, _ in result.added] == [
        ("ec2_prices.csv", "m6i.large/us-east-1"), ("ec2_prices.csv", "m6i.large/ap-northeast-2"),
        ("ec2_prices.csv", "m6i.large/eu-west-1")]
    assert result.added[0][2] == ec2_row("m6i.large", "us-east-1")
    assert result.changes == [Change("ec2_prices.csv", "t3.micro/ap-northeast-2", "usd_per_hour", "0.1", "0.2", "S", "O")]
    assert t.changed


def test_an_added_row_of_a_table_without_neighbours_goes_last():
    t = table("eks_prices", EKS_HEADER, eks_rows()[0])
    tables.merge(t, [cand("eks_prices", **eks_rows()[1])], [], Merge())
    assert [r[0] for r in t.rows] == ["standard", "extended"] and t.changed


def test_a_row_given_twice_must_say_the_same():
    t = table("eks_prices", EKS_HEADER, *eks_rows())
    result = Merge()
    twice = cand("eks_prices", **{**eks_rows()[0], "note": "new"})
    other = cand("eks_prices", **{**eks_rows()[1], "note": "newer"})
    tables.merge(t, [twice, cand("eks_prices", ("OTHER",), **twice.values), other], [], result)
    assert [(c.row, c.new) for c in result.changes] == [("standard", "new"), ("extended", "newer")]
    with pytest.raises(ValueError) as err:
        tables.merge(t, [twice, cand("eks_prices", **{**twice.values, "usd_per_cluster_hour": "0.2"})], [], Merge())
    assert str(err.value) == "eks_prices: 같은 행 ('standard',)에 서로 다른 값이 두 번 나왔습니다."
    with pytest.raises(AssertionError) as err:
        tables.merge(t, [cand("eks_prices", support="standard", usd_per_cluster_hour="0.1")], [], Merge())
    assert str(err.value) == "eks_prices: candidate lacks ['confidence', 'source_url', 'as_of', 'note']"


def test_rows_the_files_cover_but_do_not_confirm_are_kept_and_flagged():
    t = table("ec2_prices", EC2_HEADER, ec2_row("t3.micro", "us-east-1"), ec2_row("t4g.micro", "ap-northeast-2"),
              ec2_row("t3.small", "ap-northeast-2"), ec2_row("m5.large", "eu-west-1"))
    result = Merge()
    seoul = lambda row: row["region"] == "ap-northeast-2"  # noqa: E731
    east_ = lambda row: row["region"] == "us-east-1"  # noqa: E731
    tables.merge(t, [cand("ec2_prices", **ec2_row("t3.small", "ap-northeast-2"))], [east_, seoul], result)
    why = "AWS 파일에서 찾지 못했습니다. 행은 그대로 두었으니 확인하세요"
    assert result.gone == [("ec2_prices.csv", "t3.micro/us-east-1", why), ("ec2_prices.csv", "t4g.micro/ap-northeast-2", why)]
    assert len(t.rows) == 4 and result.dropped == [] and not t.changed


def tier(arch, start, end, pct="0") -> dict:
    return {"arch": arch, "from_gb_seconds": start, "to_gb_seconds": end, "discount_pct": pct, "confidence": "SEEN-AWS",
            "source_url": "https://t/", "as_of": "2026-08-21", "note": ""}


def test_new_band_edges_replace_the_bands_of_that_group_only():
    t = table("lambda_duration_tiers", TIERS_HEADER, tier("x86_64", "0", "6000000000"),
              tier("x86_64", "6000000000", "15000000000", "10"), tier("x86_64", "15000000000", "", "20"), {},
              tier("arm64", "0", "7500000000"), tier("arm64", "7500000000", "", "10"))
    result = Merge()
    # AWS moves the first x86 edge to 5,000,000,000 (listed last, to see the bands sorted by their start).
    tables.merge(t, [cand("lambda_duration_tiers", **tier("x86_64", "15000000000", "", "20")),
                     cand("lambda_duration_tiers", **tier("x86_64", "0.0", "5000000000")),
                     cand("lambda_duration_tiers", **tier("x86_64", "5000000000", "15000000000", "10"))],
                 [lambda row: row["arch"] == "x86_64"], result)
    assert result.dropped == [("lambda_duration_tiers.csv", "x86_64/6000000000",
                               "AWS 파일의 요금 구간이 바뀌어 이 구간은 더 이상 없습니다")]
    assert result.gone == [] and [label for _, label, _ in result.added] == ["x86_64/5000000000"]
    # Bands ascending by their start as numbers (5e9 before 15e9, which text order would swap); x86 first, as
    # before; the blank line last; the "0" band keeps its text "0" (0.0 is the same number).
    assert [(r[0], r[1], r[2]) if r else () for r in t.rows] == [
        ("x86_64", "0", "5000000000"), ("x86_64", "5000000000", "15000000000"), ("x86_64", "15000000000", ""),
        ("arm64", "0", "7500000000"), ("arm64", "7500000000", ""), ()]
    assert t.rows[-1] == [] and t.changed


def test_bands_of_a_group_the_files_do_not_give_stay_in_place():
    t = table("api_gateway_prices", ["api", "region", "from_requests", "to_requests", "usd_per_million_requests",
                                     "confidence", "source_url", "as_of", "note"],
              {"api": "rest", "region": "us-east-1", "from_requests": "333000000", "to_requests": ""},
              {"api": "rest", "region": "us-east-1", "from_requests": "0", "to_requests": "333000000"},
              {"api": "http", "region": "us-east-1", "from_requests": "0", "to_requests": ""})
    new = {"api": "http", "region": "ap-northeast-2", "from_requests": "0", "to_requests": "",
           "usd_per_million_requests": "1.23", "confidence": "SEEN-AWS-FILE", "source_url": "u", "as_of": "d", "note": ""}
    result = Merge()
    tables.merge(t, [cand("api_gateway_prices", **new)], [], result)
    # rest first (where it first appeared), its bands sorted; http/us-east-1, then the new http/Seoul group.
    assert [(r[0], r[1], r[2]) for r in t.rows] == [("rest", "us-east-1", "0"), ("rest", "us-east-1", "333000000"),
                                                    ("http", "us-east-1", "0"), ("http", "ap-northeast-2", "0")]
    assert result.dropped == [] and result.gone == []


# =========================================================================== diff.py

def test_a_move_and_a_percent_for_people():
    assert str(diff.Move("chapters/09_choosing_compute", "ref_be_requests_10k", "1,469", "1,470")) == \
        "chapters/09_choosing_compute ref_be_requests_10k: 1,469 → 1,470"
    # (0.0262 / 0.0260 − 1) × 100 = 0.77 → "+0.8%"; (0.03 / 0.04 − 1) × 100 = −25 → "-25.0%".
    assert diff._pct(Change("f", "r", "c", "0.0260", "0.0262")) == "+0.8%"
    assert diff._pct(Change("f", "r", "c", "0.04", "0.03")) == "-25.0%"
    assert diff._pct(Change("f", "r", "c", "0", "0.03")) == ""


def full_merge() -> Merge:
    return Merge(
        changes=[Change("a.csv", "r1", "usd_x", "0.60", "0.70"), Change("a.csv", "r2", "vcpu", "0", "2"),
                 Change("a.csv", "r1", "confidence", "SEEN-3P", "SEEN-AWS-FILE"),
                 Change("a.csv", "r1", "source_url", "u1", "u2"), Change("a.csv", "r1", "as_of", "", "2026-11-20"),
                 Change("b.csv", "r9", "price_confidence", "SEEN-3P", "SEEN-AWS-FILE"),
                 Change("b.csv", "r9", "spec_confidence", "ESTIMATE", "SEEN-AWS-FILE"),
                 Change("b.csv", "r9", "note", "x", "y"), Change("b.csv", "r9", "spec_source_url", "s", ""),
                 Change("b.csv", "r9", "aws_original", "o", ""), Change("c.csv", "r5", "note", "p", "q")],
        added=[("a.csv", "t3.nano/us-east-1", {"instance_type": "t3.nano", "region": "us-east-1", "to_requests": "",
                                               "vcpu": "2", "note": "n", "source_url": "u", "as_of": "d",
                                               "confidence": "c", "aws_original": ""})],
        gone=[("a.csv", "t4g.micro/ap-northeast-2", "찾지 못함")],
        dropped=[("b.csv", "x86_64/6000000000", "구간 바뀜")],
        notices=["알림 하나", "알림 둘"])


def test_the_review_report_lists_every_kind_of_change():
    what1 = "confidence SEEN-3P → SEEN-AWS-FILE, source_url 바뀜, as_of - → 2026-11-20"
    what2 = ("price_confidence SEEN-3P → SEEN-AWS-FILE, spec_confidence ESTIMATE → SEEN-AWS-FILE, note 바뀜, "
             "spec_source_url 바뀜, aws_original 바뀜")
    width = max(len(what1), len(what2))      # c.csv r5 only has its note changed: "note 바뀜"
    # Columns as wide as their widest cell, two spaces apart; (0.70 / 0.60 − 1) × 100 = 16.67 → "+16.7%".
    assert diff.report(full_merge(), [diff.Move("chapters/02_ec2", "k", "22.9", "15.3")], dry_run=True) == "\n".join([
        "== 바뀌는 값 (2개) ==",
        "파일     행   열      이전    새 값   변화",
        "-----  --  -----  ----  ----  ------",
        "a.csv  r1  usd_x  0.60  0.70  +16.7%",
        "a.csv  r2  vcpu   0     2",
        "== 출처·날짜·출처 등급·메모가 바뀌는 행 (3개) ==",
        "파일     행   바뀌는 것",
        "-----  --  " + "-" * width,
        "a.csv  r1  " + what1,
        "b.csv  r9  " + what2,
        "c.csv  r5  note 바뀜",
        "== 새로 추가되는 행 (1개) ==",
        "+ a.csv t3.nano/us-east-1: instance_type=t3.nano, region=us-east-1, vcpu=2",
        "== AWS 파일에서 사라진 행 (2개) ==",
        "! a.csv t4g.micro/ap-northeast-2: 찾지 못함",
        "- b.csv x86_64/6000000000: 구간 바뀜 (삭제)",
        "== 본문에서 바뀌는 숫자 (1개) ==",
        "chapters/02_ec2 k: 22.9 → 15.3",
        "== 알림 ==",
        "* 알림 하나",
        "* 알림 둘",
        "(--dry-run: data/는 바꾸지 않았습니다.)"]) + "\n"


def test_an_empty_report_says_none_everywhere():
    assert diff.report(Merge(), None, dry_run=False) == (
        "== 바뀌는 값 (0개) ==\n(없음)\n== 출처·날짜·출처 등급·메모가 바뀌는 행 (0개) ==\n(없음)\n"
        "== 새로 추가되는 행 (0개) ==\n(없음)\n== AWS 파일에서 사라진 행 (0개) ==\n(없음)\n")
    only_dropped = diff.report(Merge(dropped=[("b.csv", "r", "왜")]), [], dry_run=False)
    assert only_dropped.endswith("== AWS 파일에서 사라진 행 (1개) ==\n- b.csv r: 왜 (삭제)\n"
                                 "== 본문에서 바뀌는 숫자 (0개) ==\n(없음)\n")
    only_gone = diff.report(Merge(gone=[("b.csv", "r", "왜")]), None, dry_run=False)
    assert only_gone.endswith("== AWS 파일에서 사라진 행 (1개) ==\n! b.csv r: 왜\n")


def book(tmp_path, intro="", chapter=None, appendix=None) -> Path:
    root = tmp_path / "book"
    root.mkdir(exist_ok=True)
    (root / "intro.md").write_text(intro, encoding="utf-8")
    if chapter is not None:
        (root / "chapters").mkdir(exist_ok=True)
        nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": chapter.splitlines(keepends=True)},
                        {"cell_type": "code", "metadata": {}, "source": ["x = 1\n"], "outputs": [],
                         "execution_count": None}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (root / "chapters" / "02_ec2.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    if appendix is not None:
        (root / "appendix").mkdir(exist_ok=True)
        (root / "appendix" / "a.b.md").write_text(appendix, encoding="utf-8")
    return root


def test_prose_moves_are_the_quoted_numbers_whose_text_changes(tmp_path):
    root = book(tmp_path, intro="<!--num a:.1f-->1.0<!--/num--> <!--num same:.0f-->7<!--/num--> "
                                "<!--num gone-->x<!--/num--> <!--num new-->old text<!--/num-->",
                chapter="서울 <!--num a:.2f-->1.00<!--/num-->\n", appendix="<!--num a-->1.0<!--/num-->")
    before = {"a": 1.0, "same": 7.0, "gone": 3}
    after = {"a": 1.25, "same": 7.2, "new": 5}
    # "a" with .1f: 1.0 → 1.2 (1.25 rounds half to even); with .2f: 1.00 → 1.25; bare: 1.0 → 1.25.
    # "same" prints 7 both times; "gone" is unknown afterwards; "new" was unknown before: its old text stands.
    assert diff.prose_moves(before, after, root) == [
        diff.Move("appendix/a.b", "a", "1.0", "1.25"), diff.Move("chapters/02_ec2", "a", "1.00", "1.25"),
        diff.Move("intro", "a", "1.0", "1.2"), diff.Move("intro", "new", "old text", "5")]


def fixture_data(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("generators", "__pycache__"))
    for p in (FIXTURES / "prices_data").glob("*.csv"):
        shutil.copyfile(p, folder / p.name)
    return folder


def test_prose_values_are_computed_from_the_folder_given(tmp_path):
    data = fixture_data(tmp_path / "data")
    # Seoul over us-east-1 in the fixture tables: m5.large 0.118 / 0.096 = 1.2292 (the smallest premium, 22.9 %);
    # t3.micro 0.0130 / 0.0104, t3.small 0.0260 / 0.0208, t3.medium 0.0520 / 0.0416 = 1.25 (the largest, 25.0 %).
    # Run from a book folder that holds no awsbook package (the child finds it through PYTHONPATH).
    book_root = tmp_path / "book"
    book_root.mkdir()
    got = diff.prose_values(data, book_root)
    assert (round(got["ec2_seoul_premium_min"], 1), round(got["ec2_seoul_premium_max"], 1)) == (22.9, 25.0)
    path = data / "ec2_prices.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("m5.large,ap-northeast-2,x86_64,general,2,8,0.118,",
                                                             "m5.large,ap-northeast-2,x86_64,general,2,8,0.12,"),
                    encoding="utf-8")
    # m5.large 0.12 / 0.096 = 1.25; t4g.micro 0.0104 / 0.0084 and t4g.small 0.0208 / 0.0168 = 1.2381 are now smallest.
    assert round(diff.prose_values(data, ROOT)["ec2_seoul_premium_min"], 1) == 23.8


def test_prose_values_that_cannot_be_computed_stop_with_the_childs_last_lines(tmp_path):
    data = fixture_data(tmp_path / "data")
    (data / "ec2_prices.csv").write_text("instance_type\nt3.micro\n", encoding="utf-8")
    with pytest.raises(diff.ProseError) as err:
        diff.prose_values(data, ROOT)
    head, *tail = str(err.value).split("\n")
    assert head == f"데이터 폴더 {data}로 본문 숫자를 계산하지 못했습니다:"
    # The child's last three lines of stderr: the end of its traceback, whose last line is the loader's own message.
    with pytest.raises(datasets.DataError) as loader:
        datasets.read("ec2_prices", data)
    assert len(tail) == 3 and tail[-1] == f"awsbook.datasets.DataError: {loader.value}"
    assert tail[1].strip() == "raise DataError(str(result.problems[0]))" and tail[0].startswith("  File ")


# =========================================================================== refresh.py

def test_regions_and_services_must_be_known():
    refresh._check_choices(["us-east-1", "ap-northeast-2"], ["AmazonEKS", "AmazonVPC"])
    with pytest.raises(refresh.RefreshError) as err:
        refresh._check_choices(["us-east-1", "mars-north-1"], [])
    assert str(err.value) == (f"'--region'에 'mars-north-1'이(가) 주어졌습니다. {', '.join(datasets.REGIONS)} 중 하나만 "
                              "허용됩니다.")
    with pytest.raises(refresh.RefreshError) as err:
        refresh._check_choices([], ["AmazonEKS", "AmazonRDS"])
    assert str(err.value) == ("'--service'에 'AmazonRDS'이(가) 주어졌습니다. AmazonEC2, AWSLambda, AmazonECS, AmazonEKS, "
                              "AmazonApiGateway, AmazonVPC 중 하나만 허용됩니다.")


def sanity(old, new, column="usd_per_hour"):
    refresh._sanity(Merge(changes=[Change("ec2_prices.csv", "t3.micro/us-east-1", column, old, new, "SKU1", "F")]))


def test_a_price_may_move_by_a_factor_of_three_at_most():
    # 0.75 / 0.25 = 3 and 0.25 / 0.75 = 1/3 exactly in binary: both allowed; a hair beyond is not.
    sanity("0.25", "0.75")
    sanity("0.75", "0.25")
    sanity("0", "5")                            # from nothing: no factor to judge
    sanity("1", "100", column="vcpu")           # only prices (usd_*) are judged
    with pytest.raises(refresh.RefreshError) as err:
        sanity("0.25", "0.7500001")
    assert str(err.value) == ("F: SKU SKU1의 가격(pricePerUnit.USD)이 ec2_prices.csv t3.micro/us-east-1의 'usd_per_hour' "
                              "값을 0.25에서 0.7500001(으)로 3.00배 바꿉니다. 3배를 넘는 변화는 파일 오류일 수 있어 "
                              "멈춥니다. AWS 가격 페이지에서 확인한 뒤 직접 고치세요.")
    with pytest.raises(refresh.RefreshError) as err:
        sanity("0.75", "0.2499999")
    assert "0.33배" in str(err.value)
    with pytest.raises(refresh.RefreshError):
        sanity("0.0104", "0.0416", column="usd_per_gb_second")   # 4 times


def eks_bad(folder: Path, *rows: str) -> Path:
    lines = ["support,usd_per_cluster_hour,confidence,source_url,as_of,note"]
    lines += [f"{r},SEEN-AWS,https://x/,2026-08-21," for r in rows]
    (folder / "eks_prices.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# One problem for a price that is no number, two for a row whose support level is unknown as well.
@pytest.mark.parametrize("rows, count, more", [(("standard,free", "s1,free"), 3, ""),
                                               (("standard,free", "s1,free", "extended,free"), 4, " 외 1건"),
                                               (("s0,free", "s1,free", "s2,free"), 6, " 외 3건")])
def test_the_loaders_problems_are_shown_three_at_most(tmp_path, rows, count, more):
    folder = eks_bad(tmp_path, *rows)
    problems = [str(p) for p in datasets.check(folder, ["eks_prices"])]
    assert len(problems) == count
    with pytest.raises(refresh.RefreshError) as err:
        refresh._validate(folder, ["eks_prices"], "새 데이터")
    assert str(err.value) == f"새 데이터가 검사를 통과하지 못했습니다: {'; '.join(problems[:3])}{more}"
    refresh._validate(folder, [], "새 데이터")   # nothing to check
    refresh._validate(fixture_data(tmp_path / "good"), ["eks_prices", "ec2_prices"], "x")


def two_files(tmp_path):
    cand, data = tmp_path / "cand", tmp_path / "data"
    cand.mkdir(), data.mkdir()
    for name in ("a", "b", "c"):
        (cand / f"{name}.csv").write_text(f"new {name}\n")
        (data / f"{name}.csv").write_text(f"old {name}\n")
    return cand, data


def test_commit_replaces_the_changed_files(tmp_path):
    cand, data = two_files(tmp_path)
    refresh._commit(cand, data, ["a", "c"])
    assert sorted((p.name, p.read_text()) for p in data.iterdir()) == [
        ("a.csv", "new a\n"), ("b.csv", "old b\n"), ("c.csv", "new c\n")]


@pytest.mark.parametrize("fail_at", ["copy", "fsync"])
def test_a_commit_interrupted_halfway_changes_nothing_and_leaves_no_copies(tmp_path, monkeypatch, fail_at):
    cand, data = two_files(tmp_path)
    real_copy, real_fsync = shutil.copyfile, os.fsync
    copies = []

    def copyfile(src, dst):
        copies.append(Path(dst).name)
        if fail_at == "copy" and len(copies) == 3:      # the third file: half written, then the disk is full
            Path(dst).write_text("ne")
            raise OSError(28, "No space left on device")
        return real_copy(src, dst)

    def fsync(fd):
        if fail_at == "fsync" and len(copies) == 3:
            raise OSError(5, "Input/output error")
        return real_fsync(fd)
    monkeypatch.setattr(refresh.shutil, "copyfile", copyfile)
    monkeypatch.setattr(refresh.os, "fsync", fsync)
    with pytest.raises(refresh.RefreshError) as err:
        refresh._commit(cand, data, ["a", "b", "c"])
    reason = "[Errno 28] No space left on device" if fail_at == "copy" else "[Errno 5] Input/output error"
    assert str(err.value) == (f"{data}에 새 c.csv를 쓰지 못했습니다({reason}). 폴더에 쓸 수 있는지, 디스크에 빈 자리가 "
                              "있는지 확인하세요.")
    assert copies == [".a.csv.refresh-tmp", ".b.csv.refresh-tmp", ".c.csv.refresh-tmp"]
    # Every target as it was, and none of the three copies left behind.
    assert sorted((p.name, p.read_text()) for p in data.iterdir()) == [
        ("a.csv", "old a\n"), ("b.csv", "old b\n"), ("c.csv", "old c\n")]


# --------------------------------------------------------------------------- the command, with stand-in prose values

EKS_QUOTE = "연장 지원 <!--num eks_extended:.2f-->0.60<!--/num--> USD"


def eks_file(offers_dir: Path, standard="0.10", extended="0.55", region="us-east-1") -> Path:
    code = {"us-east-1": "USE1", "ap-northeast-2": "APN2"}[region]
    place = {"regionCode": region, "location": offers.LOCATIONS[region], "locationType": "AWS Region"}
    return write_json(offers_dir / "AmazonEKS" / "current" / region / "index.json", {
        "STD": product_doc("STD", "Compute", usagetype=f"{code}-AmazonEKS-Hours:perCluster", **place),
        "EXT": product_doc("EXT", "Compute", usagetype=f"{code}-AmazonEKS-Hours:extendedSupport", **place),
        "XL": product_doc("XL", "Compute", usagetype=f"{code}-AmazonEKS-Hours:HAProvisionedXL", **place)}, {
        "STD": term_doc("STD", (standard, "Hours", "0", "Inf")), "EXT": term_doc("EXT", (extended, "Hours", "0", "Inf")),
        "XL": term_doc("XL", ("1.65", "Hours", "0", "Inf"))},
        head={"formatVersion": "v1.0", "offerCode": "AmazonEKS", "version": "1", "publicationDate": PUBLISHED})


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A book (tmp/book with intro.md quoting eks_extended), its data folder and an offers folder with one EKS file.

    The prose value is the extended EKS price of whichever data folder it is computed from.
    """
    root = book(tmp_path, intro=EKS_QUOTE + "\n")
    data = fixture_data(root / "data")
    offers_dir = tmp_path / "offers"
    eks_file(offers_dir)
    calls = []

    def prose_values(data_dir, root_):
        calls.append((Path(data_dir), Path(root_)))
        datasets.read("sla", data_dir)         # like the real prose values, it needs the files the refresh left alone
        rows = {r["support"]: r for r in datasets.read("eks_prices", data_dir).to_dict("records")}
        return {"eks_extended": float(rows["extended"]["usd_per_cluster_hour"])}
    monkeypatch.setattr(diff, "prose_values", prose_values)
    return root, data, offers_dir, calls


def run_refresh(**kwargs):
    said = []
    result = refresh.refresh(say=said.append, **kwargs)
    return result, said


def test_a_refresh_of_the_books_own_data_writes_and_resyncs_its_prose(world):
    root, data, offers_dir, calls = world
    before = snapshot_of(data)
    result, said = run_refresh(services=["AmazonEKS", "AmazonEKS"], regions=["us-east-1", "us-east-1"],
                               offers_dir=offers_dir, data_dir=data, root=root)
    # 0.10 + 0.55 = 0.65 per extended cluster-hour (was 0.60): (0.65 / 0.60 − 1) × 100 = +8.3 %.
    assert (data / "eks_prices.csv").read_text(encoding="utf-8").splitlines()[2].startswith("extended,0.65,SEEN-AWS-FILE,")
    assert result.written == ["eks_prices.csv"]
    assert {n for n, b in snapshot_of(data).items() if b != before[n]} == {"eks_prices.csv"}
    assert not [p for p in data.iterdir() if p.name.endswith(".refresh-tmp")]
    assert [(c.row, c.column, c.old, c.new) for c in result.merge.changes if c.column == "usd_per_cluster_hour"] == \
        [("extended", "usd_per_cluster_hour", "0.60", "0.65")]
    assert result.moves == [diff.Move("intro", "eks_extended", "0.60", "0.65")]
    assert [(q.file, q.key, q.text, q.expected) for q in result.synced] == [("intro.md", "eks_extended", "0.60", "0.65")]
    assert (root / "intro.md").read_text(encoding="utf-8") == EKS_QUOTE.replace("0.60", "0.65") + "\n"
    # The duplicated service and region are read once; the prose was computed from the data and from the candidate.
    assert len([s for s in said if s.startswith("읽음:")]) == 1
    assert calls[0] == (data, root) and calls[1][0] != data and len(calls) == 2
    assert calls[1][0].name.startswith("awsbook-data-")          # the candidate folder, recognisable in the temp dir
    assert not calls[1][0].exists()                              # and gone afterwards
    assert said[-4:] == [result.report.rstrip("\n"), f"썼습니다: eks_prices.csv ({data})",
                         "본문 숫자: intro.md eks_extended: 0.60 → 0.65", "본문 숫자 1개를 고쳤습니다."]
    assert "extended  usd_per_cluster_hour  0.60  0.65  +8.3%" in result.report
    import re
    took = re.fullmatch(rf"읽음: {re.escape(str(offers_dir / 'AmazonEKS' / 'current' / 'us-east-1' / 'index.json'))} "
                        r"\(3개 상품 중 2개 선택, 2026-11-20 게시, ([0-9]+\.[0-9])초\)", said[0])
    assert took and float(took[1]) < 60                      # reading three products takes well under a minute


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_refresh_of_another_data_folder_leaves_the_prose_alone(world, tmp_path):
    root, _, offers_dir, _ = world
    other = fixture_data(tmp_path / "elsewhere")
    result, said = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=other,
                               root=root)
    assert result.written == ["eks_prices.csv"] and result.synced == []
    assert said[-1] == f"데이터 폴더가 {root / 'data'}가 아니어서 본문 숫자 동기화(python -m awsbook.prose sync)는 건너뜁니다."
    assert (root / "intro.md").read_text(encoding="utf-8") == EKS_QUOTE + "\n"


def test_a_refresh_that_moves_no_quoted_number(world):
    root, data, offers_dir, _ = world
    (root / "intro.md").write_text("숫자 없음\n", encoding="utf-8")
    result, said = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data,
                               root=root)
    assert result.written == ["eks_prices.csv"] and result.moves == [] and result.synced == []
    assert said[-1] == "본문 숫자는 그대로입니다."


def test_a_dry_run_and_a_second_refresh_write_nothing(world):
    root, data, offers_dir, calls = world
    before = snapshot_of(data)
    result, said = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data,
                               root=root, dry_run=True)
    assert snapshot_of(data) == before and result.written == [] and len(calls) == 2
    assert result.report.endswith("(--dry-run: data/는 바꾸지 않았습니다.)\n") and said[-1] == result.report.rstrip("\n")
    assert result.moves == [diff.Move("intro", "eks_extended", "0.60", "0.65")]
    run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    written = snapshot_of(data)
    del calls[:]
    result, said = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data,
                               root=root)
    assert snapshot_of(data) == written and calls == [] and result.written == [] and result.moves == []
    assert said[-1] == "바뀐 데이터가 없어 아무것도 쓰지 않았습니다."
    assert "== 본문에서 바뀌는 숫자 (0개) ==" in result.report


def test_missing_files_are_skipped_with_a_notice(world):
    root, data, offers_dir, calls = world
    before = snapshot_of(data)
    result, said = run_refresh(services=["AmazonVPC"], regions=["ap-northeast-2", "us-east-1"], offers_dir=offers_dir,
                               data_dir=data, root=root)
    assert result.merge.notices == [
        f"{offers_dir / 'AmazonVPC' / 'current' / region}에 index.json(또는 index.csv)이 없어 건너뜁니다. "
        "이 서비스·리전의 행은 그대로입니다." for region in ("ap-northeast-2", "us-east-1")]
    assert snapshot_of(data) == before and calls == [] and said[-1] == "바뀐 데이터가 없어 아무것도 쓰지 않았습니다."


def test_notices_of_every_file_are_kept_and_a_missing_file_does_not_stop_the_next(world):
    root, data, offers_dir, _ = world
    eks_file(offers_dir, region="ap-northeast-2")
    result, said = run_refresh(services=["AmazonVPC", "AmazonEKS"], regions=["ap-northeast-2", "us-east-1"],
                               offers_dir=offers_dir, data_dir=data, root=root)
    missing = "에 index.json(또는 index.csv)이 없어 건너뜁니다. 이 서비스·리전의 행은 그대로입니다."
    seoul = offers_dir / "AmazonEKS" / "current" / "ap-northeast-2" / "index.json"
    assert result.merge.notices == [
        f"{offers_dir / 'AmazonVPC' / 'current' / 'ap-northeast-2'}{missing}",
        f"{offers_dir / 'AmazonVPC' / 'current' / 'us-east-1'}{missing}",
        f"{seoul} (AmazonEKS, ap-northeast-2): 리전 열이 없는 eks_prices.csv는 us-east-1 파일로만 갱신합니다."]
    assert result.written == ["eks_prices.csv"]          # the us-east-1 file after the Seoul one is still read
    assert "* " + result.merge.notices[-1] in result.report


def test_a_file_without_the_books_rows_flags_them_all(world):
    root, data, offers_dir, _ = world
    # A Seoul EC2 file whose only product is a Windows decoy: every Seoul row of the table is unconfirmed.
    win = {**ec2_product("WIN", "t3.micro", "ap-northeast-2").attributes, "operatingSystem": "Windows"}
    write_json(offers_dir / "AmazonEC2" / "current" / "ap-northeast-2" / "index.json",
               {"WIN": product_doc("WIN", **win)}, {"WIN": term_doc("WIN", ("0.0196", "Hrs", "0", "Inf"))})
    result, _ = run_refresh(services=["AmazonEC2"], regions=["ap-northeast-2"], offers_dir=offers_dir, data_dir=data,
                            root=root)
    assert [label for _, label, _ in result.merge.gone] == [
        f"{t}/ap-northeast-2" for t in ("t3.micro", "t3.small", "t3.medium", "t4g.micro", "t4g.small", "m5.large")]
    assert result.written == [] and result.merge.changes == []


def test_the_candidate_tables_must_pass_the_loader(world):
    root, data, offers_dir, _ = world
    before = snapshot_of(data)
    place = {"regionCode": "ap-northeast-2", "location": "Asia Pacific (Seoul)", "locationType": "AWS Region"}
    attrs = {**EC2_LINUX, **place, "vcpu": "0", "memory": "8 GiB", "instanceType": "m5.large"}
    write_json(offers_dir / "AmazonEC2" / "current" / "ap-northeast-2" / "index.json",
               {"M5": product_doc("M5", **attrs)}, {"M5": term_doc("M5", ("0.118", "Hrs", "0", "Inf"))})
    with pytest.raises(refresh.RefreshError) as err:
        run_refresh(services=["AmazonEC2"], regions=["ap-northeast-2"], offers_dir=offers_dir, data_dir=data, root=root)
    assert str(err.value).startswith("AWS 파일로 만든 새 데이터가 검사를 통과하지 못했습니다: data/ec2_prices.csv ")
    assert "'vcpu'" in str(err.value) and snapshot_of(data) == before


def test_a_broken_data_folder_stops_before_any_price_file_is_read(world):
    root, data, offers_dir, _ = world
    eks_bad(data, "standard,free")
    with pytest.raises(refresh.RefreshError) as err:
        run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    assert str(err.value).startswith(f"고치기 전의 데이터({data})가 검사를 통과하지 못했습니다: data/eks_prices.csv ")


def test_merge_and_prose_failures_become_refresh_errors(world, monkeypatch):
    root, data, offers_dir, _ = world
    before = snapshot_of(data)

    def clash(*args):
        raise ValueError("eks_prices: 같은 행 ('extended',)에 서로 다른 값이 두 번 나왔습니다.")
    with monkeypatch.context() as m:
        m.setattr(refresh, "merge", clash)
        with pytest.raises(refresh.RefreshError) as err:
            run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    assert str(err.value) == "eks_prices: 같은 행 ('extended',)에 서로 다른 값이 두 번 나왔습니다."

    def broken(data_dir, root_):
        raise diff.ProseError("본문 숫자를 계산하지 못했습니다")
    monkeypatch.setattr(diff, "prose_values", broken)
    with pytest.raises(refresh.RefreshError) as err:
        run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    assert str(err.value) == "본문 숫자를 계산하지 못했습니다" and snapshot_of(data) == before


def test_a_price_that_triples_stops_the_refresh(world):
    root, data, offers_dir, _ = world
    eks_file(offers_dir, standard="0.10", extended="1.80")      # 1.90 / 0.60 = 3.17 times
    with pytest.raises(refresh.RefreshError) as err:
        run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    assert "0.60에서 1.9(으)로 3.17배" in str(err.value)


def test_without_offers_the_files_are_downloaded_and_removed_after_reading(world, monkeypatch):
    root, data, offers_dir, _ = world
    fetched = []

    def download(service, region, dest):
        fetched.append((service, region, Path(dest)))
        if region != "us-east-1":
            return None                                  # AWS publishes no such file
        source = offers_dir / service / "current" / region / "index.json"
        target = Path(dest) / service / "current" / region / "index.json"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        return target
    monkeypatch.setattr(offers, "download", download)
    result, said = run_refresh(services=["AmazonEKS"], regions=["ap-northeast-2", "us-east-1"], data_dir=data, root=root)
    # Seoul first: AWS has no such file, and the us-east-1 file is still fetched after it.
    assert [(s, r) for s, r, _ in fetched] == [("AmazonEKS", "ap-northeast-2"), ("AmazonEKS", "us-east-1")]
    folder = fetched[0][2]
    assert folder.name.startswith("awsbook-offers-") and not folder.exists()
    assert said[0] == f"내려받는 중: {url('AmazonEKS', 'ap-northeast-2')}"
    assert said[1] == f"내려받는 중: {url('AmazonEKS', 'us-east-1')}" and said[2].startswith("읽음: ")
    assert "AWS가 AmazonEKS의 ap-northeast-2 가격 파일을 내지 않습니다(HTTP 404). 건너뜁니다." in result.merge.notices
    assert row_of(data, "eks_prices", "extended")["source_url"] == url("AmazonEKS", "us-east-1")


def row_of(folder, name, first):
    import csv
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return next(r for r in csv.DictReader(fh) if next(iter(r.values())) == first)


def test_a_csv_twin_is_cited_as_the_csv_url(world):
    root, data, offers_dir, _ = world
    shutil.rmtree(offers_dir / "AmazonEKS")
    rows = [["STD", "T", "STD.T.R", "OnDemand", "", "0", "Inf", "Hours", "0.10", "USD", "Compute", "US East (N. Virginia)",
             "AWS Region", "", "", "", "", "", "", "USE1-AmazonEKS-Hours:perCluster", "", ""]]
    write_csv(offers_dir / "AmazonEKS" / "current" / "us-east-1" / "index.csv", rows,
              meta=[*CSV_META[:4], ["OfferCode", "AmazonEKS"]])
    run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data, root=root)
    assert row_of(data, "eks_prices", "standard")["source_url"] == url("AmazonEKS", "us-east-1", "csv")


def test_the_defaults_are_this_books_data_and_root(world, monkeypatch):
    root, data, offers_dir, calls = world
    from awsbook import prose
    monkeypatch.setattr(datasets, "DATA_DIR", data)
    monkeypatch.setattr(prose, "ROOT", root)
    result, said = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir)
    assert result.written == ["eks_prices.csv"] and calls[0] == (data, root)
    assert [q.key for q in result.synced] == ["eks_extended"]       # data is root/data: the prose is re-synced
    assert refresh.DEFAULT_REGIONS == ("us-east-1", "ap-northeast-2")


# =========================================================================== __main__.py

def test_the_command_line_passes_its_options_to_refresh(monkeypatch, tmp_path):
    from awsbook.prices import __main__ as cli
    got = []
    monkeypatch.setattr(cli, "refresh", lambda **kw: got.append(kw))
    assert cli.main(["refresh"]) == 0
    assert got[-1] == {"regions": ("us-east-1", "ap-northeast-2"), "services": tuple(select.SERVICES),
                       "offers_dir": None, "data_dir": None, "root": None, "dry_run": False}
    assert cli.main(["refresh", "--region", "ap-northeast-2", "--region", "us-east-1", "--service", "AmazonEKS",
                     "--offers", str(tmp_path), "--dry-run", "--data-dir", "d", "--root", "r"]) == 0
    assert got[-1] == {"regions": ["ap-northeast-2", "us-east-1"], "services": ["AmazonEKS"], "offers_dir": tmp_path,
                       "data_dir": Path("d"), "root": Path("r"), "dry_run": True}


@pytest.mark.parametrize("exc", [OfferError("파일 오류"), refresh.RefreshError("파일 오류"), diff.ProseError("파일 오류"),
                                 datasets.DataError("파일 오류")])
def test_the_command_line_explains_a_stop_in_korean(monkeypatch, capsys, exc):
    from awsbook.prices import __main__ as cli

    def stop(**kw):
        raise exc
    monkeypatch.setattr(cli, "refresh", stop)
    assert cli.main(["refresh"]) == 1
    assert capsys.readouterr().err == "오류: 파일 오류\n→ data/의 파일은 하나도 바꾸지 않았습니다.\n"


def test_the_command_line_help_names_each_option(monkeypatch, capsys):
    from awsbook.prices import __main__ as cli
    import re
    monkeypatch.setenv("COLUMNS", "400")
    with pytest.raises(SystemExit):
        cli.main(["refresh", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("usage: python -m awsbook.prices refresh [-h]")
    for option, help_text in [
            ("--region REGION", "region code, repeatable (default: us-east-1 ap-northeast-2)"),
            ("--service CODE", "service code, repeatable (default: all of AmazonEC2 AWSLambda AmazonECS AmazonEKS "
                               "AmazonApiGateway AmazonVPC)"),
            ("--offers DIR", "read DIR/<service>/current/<region>/index.json (or index.csv) instead of downloading"),
            ("--dry-run", "print the diff and write nothing"),
            ("--data-dir DIR", f"the data folder to update (default: {datasets.DATA_DIR}; AWSBOOK_DATA_DIR also works)"),
            ("--root DIR", "the book whose prose numbers are compared and re-synced (default: this checkout)")]:
        assert any(re.fullmatch(rf"\s+{re.escape(option)}\s+{re.escape(help_text)}", ln) for ln in lines), option
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "Refresh data/ from the AWS Price List bulk files (public, no credentials), printing a diff first.\n" in out
    assert re.search(r"\n\s+refresh\s+read AWS's price files, show what changes, update data/\n", out)


# =========================================================================== second round: what mutmut's survivors showed

def test_usage_patterns_and_keep_functions_built_at_call_time():
    # eks_keep, api_keep and vpc_keep are built when the module loads; build one here as well.
    pattern = select._usage(r"Fargate-(?P<what>GB-Hours)")
    assert pattern.match("APN2-Fargate-GB-Hours")["what"] == "GB-Hours" and pattern.match("Fargate-GB-Hours")
    assert not pattern.match("APN2-Fargate-GB-HoursX") and not pattern.match("apn2-Fargate-GB-Hours")
    keep = select._usage_keep(pattern)("ap-northeast-2", {})
    seoul = {"regionCode": "ap-northeast-2", "locationType": "AWS Region"}
    assert keep(Product("A", "", {"usagetype": "APN2-Fargate-GB-Hours", **seoul})) is True
    assert keep(Product("A", "", {"usagetype": "APN2-Fargate-vCPU-Hours", **seoul})) is False
    assert keep(Product("A", "", {"usagetype": "APN2-Fargate-GB-Hours", "regionCode": "us-east-1"})) is False
    assert keep(Product("A", "", {"usagetype": "APN2-Fargate-GB-Hours", **seoul, "locationType": "AWS Local Zone"})) \
        is False
    assert keep(Product("A", "", seoul)) is False                      # no usage type at all


def twin(offer: Offer, sku: str, usd: str) -> Offer:
    """``offer`` with a second SKU ``<sku>2`` like ``sku`` but at ``usd`` (its single dimension's price)."""
    p = offer.products[sku]
    offer.products[sku + "2"] = Product(sku + "2", p.family, dict(p.attributes))
    offer.on_demand[sku + "2"] = [Dimension(d.rate_code, d.unit, d.begin, d.end, Decimal(usd)) for d in offer.on_demand[sku]]
    return offer


def free(offer: Offer, sku: str) -> Offer:
    offer.on_demand[sku] = [Dimension(d.rate_code, d.unit, d.begin, d.end, Decimal(0)) for d in offer.on_demand[sku]]
    return offer


def fargate_offer(arch="both") -> Offer:
    items = []
    if arch in ("both", "x86"):
        items += [(usage("C", "USE1-Fargate-vCPU-Hours:perCPU"), [dim("0.04048", unit="hours")]),
                  (usage("M", "USE1-Fargate-GB-Hours"), [dim("0.004445", unit="hours")])]
    if arch in ("both", "arm"):
        items += [(usage("AC", "USE1-Fargate-ARM-vCPU-Hours:perCPU"), [dim("0.03238", unit="hours")]),
                  (usage("AM", "USE1-Fargate-ARM-GB-Hours"), [dim("0.00356", unit="hours")])]
    return make_offer("AmazonECS", "us-east-1", *items)


def api_offer(apis=("http", "rest")) -> Offer:
    items = []
    if "http" in apis:
        items.append((usage("H", "USE1-ApiGatewayHttpRequest"), [dim("0.000001", unit="Requests")]))
    if "rest" in apis:
        items.append((usage("R", "USE1-ApiGatewayRequest"), [dim("0.0000035", unit="Requests")]))
    return make_offer("AmazonApiGateway", "us-east-1", *items)


def vpc_offer() -> Offer:
    return make_offer("AmazonVPC", "us-east-1", (usage("IP", "USE1-PublicIPv4:InUseAddress"), [dim("0.005")]))


def ec2_offer() -> Offer:
    return make_offer("AmazonEC2", "us-east-1", (ec2_product("T3"), [dim("0.0104")]))


def some_tables() -> dict:
    return {**ec2_tables(), **ephemeral_tables()}


TWO_PRICES = "{what}에 맞는 SKU가 여럿이고 요금이 서로 다릅니다({listing}). 어느 것이 책의 조건인지 정할 수 없어 멈춥니다."
NOT_POSITIVE = "SKU {sku}의 {field} 가격(pricePerUnit.USD)이 0입니다. 0보다 커야 합니다."


@pytest.mark.parametrize("extract, offer, sku, what, listing", [
    (select.ec2, ec2_offer, "T3", "t3.micro Linux 온디맨드 공유 테넌시", "T3: 0.0104; T32: 0.02"),
    (select.lambda_, lambda_offer, "REQ", "AWS-Lambda-Requests", "REQ: 0.0000002; REQ2: 0.02"),
    (select.lambda_, lambda_offer, "REQARM", "AWS-Lambda-Requests-ARM", "REQARM: 0.0000002; REQARM2: 0.02"),
    (select.lambda_, lambda_offer, "DURARM", "AWS-Lambda-Duration-ARM", "DURARM: 0.0000133334; DURARM2: 0.02"),
    (select.lambda_, lambda_offer, "STO", "AWS-Lambda-Storage-Duration", "STO: 0.0000000309; STO2: 0.02"),
    (select.lambda_, lambda_offer, "STOARM", "AWS-Lambda-Storage-Duration-ARM", "STOARM: 0.0000000309; STOARM2: 0.02"),
    (select.fargate, fargate_offer, "C", "Fargate-vCPU-Hours:perCPU", "C: 0.04048; C2: 0.02"),
    (select.fargate, fargate_offer, "M", "Fargate-GB-Hours", "M: 0.004445; M2: 0.02"),
    (select.fargate, fargate_offer, "AC", "Fargate-ARM-vCPU-Hours:perCPU", "AC: 0.03238; AC2: 0.02"),
    (select.fargate, fargate_offer, "AM", "Fargate-ARM-GB-Hours", "AM: 0.00356; AM2: 0.02"),
    (select.eks, eks_offer, "STD", "AmazonEKS-Hours:perCluster", "STD: 0.1; STD2: 0.02"),
    (select.eks, eks_offer, "EXT", "AmazonEKS-Hours:extendedSupport", "EXT: 0.5; EXT2: 0.02"),
    (select.api_gateway, api_offer, "H", "HTTP API 요청", "H: 0.000001; H2: 0.02"),
    (select.api_gateway, api_offer, "R", "REST API 요청", "R: 0.0000035; R2: 0.02"),
    (select.vpc, vpc_offer, "IP", "PublicIPv4:InUseAddress", "IP: 0.005; IP2: 0.02"),
])
def test_each_row_names_itself_when_two_skus_disagree(extract, offer, sku, what, listing):
    o = twin(offer(), sku, "0.02")
    assert error(extract, o, some_tables()) == f"{o.where()}: " + TWO_PRICES.format(what=what, listing=listing)
    same = extract(twin(offer(), sku, str(offer().on_demand[sku][0].usd)), some_tables())   # same price: no error
    assert same.candidates or same.notices


@pytest.mark.parametrize("extract, offer, sku, field", [
    (select.ec2, ec2_offer, "T3", "시간당 요금"),
    (select.lambda_, lambda_offer, "REQ", "요청당 요금"),
    (select.lambda_, lambda_offer, "DUR", "GB-초당 요금"),
    (select.lambda_, lambda_offer, "STO", "임시 스토리지 GB-초당 요금"),
    (select.lambda_, lambda_offer, "STOARM", "임시 스토리지 GB-초당 요금"),
    (select.fargate, fargate_offer, "C", "vCPU 시간당 요금"),
    (select.fargate, fargate_offer, "M", "GB 시간당 요금"),
    (select.eks, eks_offer, "STD", "클러스터 시간당 요금"),
    (select.eks, eks_offer, "EXT", "연장 지원 시간당 요금"),
    (select.api_gateway, api_offer, "R", "요청당 요금"),
    (select.vpc, vpc_offer, "IP", "공인 IPv4 주소 시간당 요금"),
])
def test_each_price_names_its_field_when_it_is_not_positive(extract, offer, sku, field):
    o = free(offer(), sku)
    assert error(extract, o, some_tables()) == f"{o.where()}: " + NOT_POSITIVE.format(sku=sku, field=field)


def test_an_arch_or_api_missing_from_the_file_does_not_hide_the_next():
    # Arm only: the x86 rows are skipped, the Arm rows still come.
    assert [(c.values["arch"], c.skus) for c in select.fargate(fargate_offer("arm"), {}).candidates] == \
        [("arm64", ("AC", "AM"))]
    arm_only = make_offer("AWSLambda", "us-east-1",
                          (lam("REQARM", "AWS-Lambda-Requests-ARM"), [dim("0.0000002", unit="Requests")]),
                          (lam("DURARM", "AWS-Lambda-Duration-ARM"), [gbs("0.0000133334", "0")]))
    assert [(c.dataset, c.values["arch"]) for c in select.lambda_(arm_only, ephemeral_tables()).candidates] == \
        [("lambda_prices", "arm64"), ("lambda_duration_tiers", "arm64")]
    # REST only: no HTTP rows, and the REST row still comes.
    assert [(c.values["api"], c.origin) for c in select.api_gateway(api_offer(("rest",)), {}).candidates] == \
        [("rest", where("AmazonApiGateway"))]


def test_the_last_bands_end_is_named_in_its_message():
    _, bands = bands_of(gbs("0.5", "0", "6"), gbs("0.4", "6", "15"), gbs("0.3", "15", "99"))
    assert error(bands) == (f"{where('AWSLambda')}: SKU S의 마지막 요금 구간에 끝이 있습니다(endRange 99). 마지막 구간은 "
                            "Inf여야 합니다.")


def test_a_copy_that_fails_before_it_starts_leaves_nothing_to_remove(tmp_path, monkeypatch):
    cand, data = two_files(tmp_path)

    def copyfile(src, dst):
        raise PermissionError(13, "Permission denied")            # a read-only data folder: no copy is made
    monkeypatch.setattr(refresh.shutil, "copyfile", copyfile)
    with pytest.raises(refresh.RefreshError) as err:
        refresh._commit(cand, data, ["b"])
    assert str(err.value).startswith(f"{data}에 새 b.csv를 쓰지 못했습니다([Errno 13] Permission denied).")
    assert sorted(p.name for p in data.iterdir()) == ["a.csv", "b.csv", "c.csv"]


def test_download_twice_into_the_same_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(offers.urllib.request, "urlopen", lambda address, timeout=None: _Response(b"new"))
    first = offers.download("AmazonVPC", "us-east-1", tmp_path)
    first.write_bytes(b"old")
    assert offers.download("AmazonVPC", "us-east-1", tmp_path).read_bytes() == b"new"


def test_the_command_needs_a_subcommand(capsys):
    from awsbook.prices import __main__ as cli
    with pytest.raises(SystemExit) as stop:
        cli.main([])
    assert stop.value.code == 2
    assert capsys.readouterr().err.endswith("python -m awsbook.prices: error: the following arguments are required: "
                                            "command\n")


def test_the_first_pass_reads_the_metadata_only(tmp_path, monkeypatch):
    # An EC2 file is hundreds of MB: the pass for the metadata must stop where "products" begins.
    import ijson
    events = []
    real = ijson.parse

    def parse(fh, *args, **kwargs):
        for event in real(fh, *args, **kwargs):
            events.append(event)
            yield event
    monkeypatch.setattr(ijson, "parse", parse)
    products = {f"P{i}": product_doc(f"P{i}", instanceType="t3.micro", **east()) for i in range(100)}
    path = write_json(tmp_path / "index.json", products, {f"P{i}": term_doc(f"P{i}", ("1", "Hrs", "0", "Inf"))
                                                          for i in range(100)})
    assert read(path).product_count == 100
    # start_map, 5 × (map_key, value), then map_key "products" and its start_map: 13 events.
    assert len(events) <= 13


def test_odd_values_at_the_top_do_not_stop_the_metadata(tmp_path):
    head = {"formatVersion": "v1.0", "offerCode": "AmazonEC2", "version": "1", "publicationDate": PUBLISHED,
            "current": True, "savingsPlan": None, "regionCode": "us-west-2"}
    path = write_json(tmp_path / "index.json", {"A": product_doc("A", **east())},
                      {"A": term_doc("A", ("1", "Hrs", "0", "Inf"))}, head=head)
    assert "파일의 regionCode가 'us-west-2'입니다." in error(read, path)


def test_moves_compare_with_the_values_before_not_with_the_text(world):
    root, data, offers_dir, _ = world
    # A quote that was already stale: the move is from what the old data gave (0.600), not from the text (0.599).
    (root / "intro.md").write_text("<!--num eks_extended:.3f-->0.599<!--/num-->\n", encoding="utf-8")
    result, _ = run_refresh(services=["AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir, data_dir=data,
                            root=root, dry_run=True)
    assert result.moves == [diff.Move("intro", "eks_extended", "0.600", "0.650")]


def test_two_written_files_are_named_together(world):
    root, data, offers_dir, _ = world
    # The us-east-1 Fargate file repeats the fixture's prices; its rows change source and grade only.
    place = east()
    write_json(offers_dir / "AmazonECS" / "current" / "us-east-1" / "index.json", {
        "C": product_doc("C", "Compute", usagetype="USE1-Fargate-vCPU-Hours:perCPU", **place),
        "M": product_doc("M", "Compute", usagetype="USE1-Fargate-GB-Hours", **place)},
        {"C": term_doc("C", ("0.04048", "hours", "0", "Inf")), "M": term_doc("M", ("0.004445", "hours", "0", "Inf"))},
        head={"offerCode": "AmazonECS", "version": "1", "publicationDate": PUBLISHED})
    result, said = run_refresh(services=["AmazonECS", "AmazonEKS"], regions=["us-east-1"], offers_dir=offers_dir,
                               data_dir=data, root=root)
    assert result.written == ["eks_prices.csv", "fargate_prices.csv"]
    assert f"썼습니다: eks_prices.csv, fargate_prices.csv ({data})" in said
