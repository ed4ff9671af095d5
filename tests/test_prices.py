"""``python -m awsbook.prices refresh`` against small price files in AWS's exact format (no network).

The fixture offer files (tests/fixtures/offers, written by make_fixtures.py there) hold
test prices and decoy SKUs; the "before" data is tests/fixtures/prices_data (the book's
price tables as of 2026-08-21; the API Gateway table as of 2026-11-29, when every REST band
came from AWS's whitepaper) on top of a copy of data/.  Every run writes only to
tmp_path.  Expected values are read off the fixture files by hand (see the comments).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

from awsbook import datasets
from awsbook.prices import offers
from awsbook.prices.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
OFFERS = FIXTURES / "offers"
PUBLISHED = "2026-11-20"  # "publicationDate" : "2026-11-20T18:03:27Z" in every fixture file
URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{}/current/{}/index.json"


def make_data(folder: Path) -> Path:
    """A data folder: a copy of data/ with the price tables replaced by the fixture 'before' tables."""
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("generators", "__pycache__"))
    for p in (FIXTURES / "prices_data").glob("*.csv"):
        shutil.copyfile(p, folder / p.name)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["refresh", *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def row(folder: Path, name: str, **key) -> dict[str, str]:
    found = [r for r in rows(folder, name) if all(r[k] == v for k, v in key.items())]
    assert len(found) == 1, (name, key, found)
    return found[0]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """One real (not dry) refresh of a fixture data folder from every fixture file; (folder, before, output)."""
    folder = make_data(tmp_path_factory.mktemp("clean") / "data")
    before = snapshot(folder)
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT)
    assert code == 0, err
    return folder, before, out


# --------------------------------------------------------------------------- a clean refresh

def test_clean_refresh_writes_aws_rows_with_source_and_date(refreshed):
    folder, _, out = refreshed
    t3 = row(folder, "ec2_prices", instance_type="t3.micro", region="us-east-1")
    # The fixture's Linux / Shared / NA / Used t3.micro SKU says "0.0104000000", like the data: the old text stays.
    assert t3["usd_per_hour"] == "0.0104"
    assert (t3["price_confidence"], t3["spec_confidence"]) == ("SEEN-AWS-FILE", "SEEN-AWS-FILE")
    assert t3["source_url"] == URL.format("AmazonEC2", "us-east-1")
    assert t3["as_of"] == PUBLISHED
    assert offers_sku("AmazonEC2", "us-east-1", "t3.micro") in t3["note"]
    # vCPU and memory now come from the AWS file too: r6i.large "memory" : "16 GiB", "vcpu" : "2".
    r6i = row(folder, "ec2_prices", instance_type="r6i.large", region="us-east-1")
    assert (r6i["vcpu"], r6i["memory_gib"], r6i["spec_confidence"]) == ("2", "16", "SEEN-AWS-FILE")
    assert "standard .large ratio" not in r6i["note"]
    # Lambda, Fargate, EKS, API Gateway rows of us-east-1 are all AWS-generated now.
    for name in ("lambda_prices", "lambda_ephemeral_prices", "fargate_prices", "api_gateway_prices"):
        for r in rows(folder, name):
            if r["region"] == "us-east-1":
                assert (r["confidence"], r["as_of"]) == ("SEEN-AWS-FILE", PUBLISHED), (name, r)
    # Every written file passes the loader's own checks.
    for name in ("ec2_prices", "lambda_prices", "lambda_duration_tiers", "lambda_ephemeral_prices",
                 "fargate_prices", "eks_prices", "api_gateway_prices"):
        assert len(datasets.read(name, data_dir=folder)) > 0
    assert "썼습니다" in out


def offers_sku(service: str, region: str, name: str) -> str:
    """The SKU of the fixture product written as ``name`` (make_fixtures.sku_of)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_fixtures", OFFERS / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.sku_of(f"{service}/{region}/{name}")


def test_decoys_are_ignored(refreshed):
    folder, _, _ = refreshed
    ec2 = rows(folder, "ec2_prices")
    prices = {r["usd_per_hour"] for r in ec2}
    # Decoy t3.micro SKUs: Windows 0.0196, RHEL 0.0392, SQL Web 0.0500, dedicated 0.0999, unused reservation
    # 0.0777, allocated reservation 0, Boston Local Zone 0.0125, us-west-2 0.0888; Reserved term 0.0065.
    assert not prices & {"0.0196", "0.0392", "0.05", "0.0999", "0.0777", "0", "0.0125", "0.0888", "0.0065"}
    assert "t3.nano" not in {r["instance_type"] for r in ec2}  # in the file, not in the book
    lam = row(folder, "lambda_prices", region="us-east-1", arch="x86_64")
    # Not Lambda@Edge (0.0000006, 0.00005001), not provisioned (0.0000097222), not the free tier (0), not us-west-2.
    assert (lam["usd_per_request"], lam["usd_per_gb_second"]) == ("0.0000002", "0.0000166667")
    fg = row(folder, "fargate_prices", region="us-east-1", arch="x86_64")
    # Not Windows (0.09148 / 0.01005), Spot (0.01), ECS on EC2 (0) or ephemeral storage (0.000111).
    assert (fg["usd_per_vcpu_hour"], fg["usd_per_gb_hour"]) == ("0.04048", "0.004445")


def test_eks_extended_is_standard_plus_the_surcharge(refreshed):
    folder, _, _ = refreshed
    # perCluster 0.10 + extendedSupport 0.50 = 0.60 per cluster-hour (equal to the old "0.60": text kept);
    # the provisioned control plane SKU (1.65) is not used.
    assert row(folder, "eks_prices", support="standard")["usd_per_cluster_hour"] == "0.10"
    extended = row(folder, "eks_prices", support="extended")
    assert extended["usd_per_cluster_hour"] == "0.60"
    assert "surcharge" in extended["note"] and extended["confidence"] == "SEEN-AWS-FILE"


def test_untouched_files_stay_byte_for_byte(refreshed):
    folder, before, _ = refreshed
    after = snapshot(folder)
    for name in ("sla.csv", "discounts.csv", "lambda_limits.csv", "lambda_free_tier.csv", "request_log.csv"):
        assert after[name] == before[name]
    assert not [n for n in after if n.endswith(".refresh-tmp")]


def test_second_refresh_changes_nothing(refreshed, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(refreshed[0], folder)
    before = snapshot(folder)
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT)
    assert code == 0, err
    assert "바뀐 데이터가 없어" in out
    assert snapshot(folder) == before


# --------------------------------------------------------------------------- Seoul

def test_seoul_rows_replace_third_party_values_and_are_added(refreshed):
    folder, _, out = refreshed
    old = row(FIXTURES / "prices_data", "ec2_prices", instance_type="t3.small", region="ap-northeast-2")
    assert (old["usd_per_hour"], old["price_confidence"]) == ("0.0260", "SEEN-3P")
    new = row(folder, "ec2_prices", instance_type="t3.small", region="ap-northeast-2")
    assert (new["usd_per_hour"], new["price_confidence"]) == ("0.0262", "SEEN-AWS-FILE")
    assert new["source_url"] == URL.format("AmazonEC2", "ap-northeast-2")
    assert "third-party" not in new["note"]
    # 0.0262 / 0.0260 = 1.00769...: "+0.8%".
    line = next(ln for ln in out.splitlines() if "t3.small/ap-northeast-2" in ln and "usd_per_hour" in ln)
    assert "0.0260" in line and "0.0262" in line and "+0.8%" in line
    # Types the data had no Seoul row for are added, arch and family copied from their us-east-1 rows.
    m6i = row(folder, "ec2_prices", instance_type="m6i.large", region="ap-northeast-2")
    assert (m6i["arch"], m6i["family_group"], m6i["vcpu"], m6i["memory_gib"], m6i["usd_per_hour"]) == \
        ("x86_64", "general", "2", "8", "0.118")
    c7g = row(folder, "ec2_prices", instance_type="c7g.large", region="ap-northeast-2")
    assert (c7g["arch"], c7g["family_group"], c7g["usd_per_hour"]) == ("arm64", "compute", "0.0836")
    assert "+ ec2_prices.csv m6i.large/ap-northeast-2" in out
    # Seoul Fargate and API Gateway rates, missing before, now exist.
    fg = row(folder, "fargate_prices", region="ap-northeast-2", arch="arm64")
    assert (fg["usd_per_vcpu_hour"], fg["usd_per_gb_hour"], fg["confidence"]) == ("0.03725", "0.00409", "SEEN-AWS-FILE")
    # HTTP API first band: 0.0000012300 USD per request × 1,000,000 = 1.23 USD per million.
    http = row(folder, "api_gateway_prices", api="http", region="ap-northeast-2", from_requests="0")
    assert (http["to_requests"], http["usd_per_million_requests"]) == ("300000000", "1.23")


def test_row_gone_from_aws_file_is_kept_and_flagged(refreshed):
    folder, _, out = refreshed
    # The Seoul EC2 fixture has no t4g.micro: its third-party row stays as it was, and the diff says so.
    kept = row(folder, "ec2_prices", instance_type="t4g.micro", region="ap-northeast-2")
    assert kept == row(FIXTURES / "prices_data", "ec2_prices", instance_type="t4g.micro", region="ap-northeast-2")
    assert any("t4g.micro/ap-northeast-2" in ln and "찾지 못했습니다" in ln for ln in out.splitlines())


# --------------------------------------------------------------------------- tiers

def test_lambda_duration_bands_become_discounts(refreshed):
    folder, _, _ = refreshed
    got = [(r["arch"], r["from_gb_seconds"], r["to_gb_seconds"], float(r["discount_pct"]))
           for r in rows(folder, "lambda_duration_tiers")]
    # x86: 1 − 0.0000150000 / 0.0000166667 = 0.0999982 → 10.00 %; 1 − 0.0000133334 / 0.0000166667 = 0.1999976 → 20.00 %.
    # Arm: 1 − 0.0000120001 / 0.0000133334 = 0.0999970 → 10.00 %; 1 − 0.0000106667 / 0.0000133334 = 0.2000015 → 20.00 %.
    assert got == [("x86_64", "0", "6000000000", 0), ("x86_64", "6000000000", "15000000000", 10),
                   ("x86_64", "15000000000", "", 20), ("arm64", "0", "7500000000", 0),
                   ("arm64", "7500000000", "18750000000", 10), ("arm64", "18750000000", "", 20)]
    assert all(r["confidence"] == "SEEN-AWS-FILE" for r in rows(folder, "lambda_duration_tiers"))


def test_api_gateway_bands_map_to_rows(refreshed):
    folder, _, _ = refreshed
    got = [(r["api"], r["from_requests"], r["to_requests"], float(r["usd_per_million_requests"]))
           for r in rows(folder, "api_gateway_prices") if r["region"] == "us-east-1"]
    # USD per request × 10⁶: HTTP 0.0000010000 → 1, 0.0000009000 → 0.9; REST 0.0000035 → 3.5,
    # 0.0000028 → 2.8, 0.00000238 → 2.38, 0.00000151 → 1.51, with AWS's band edges.
    assert got == [("http", "0", "300000000", 1.0), ("http", "300000000", "", 0.9),
                   ("rest", "0", "333000000", 3.5), ("rest", "333000000", "1000000000", 2.8),
                   ("rest", "1000000000", "20000000000", 2.38), ("rest", "20000000000", "", 1.51)]
    # "1.00" and "1" are the same price: the old text is kept, so the file changes only where AWS differs.
    assert row(folder, "api_gateway_prices", api="http", region="us-east-1", from_requests="0")[
        "usd_per_million_requests"] == "1.00"


def test_changed_band_edges_replace_the_old_bands(tmp_path):
    offers_dir = copy_offers(tmp_path)
    path = offers_dir / "AWSLambda" / "current" / "us-east-1" / "index.json"
    doc = json.loads(path.read_text())
    sku = offers_sku("AWSLambda", "us-east-1", "duration")
    dims = list(doc["terms"]["OnDemand"][sku].values())[0]["priceDimensions"]
    first, second, third = dims.values()
    first["endRange"], second["beginRange"] = "5000000000", "5000000000"
    path.write_text(json.dumps(doc, indent=2, separators=(",", " : ")))
    folder = make_data(tmp_path / "data")
    code, out, err = run("--offers", offers_dir, "--data-dir", folder, "--root", ROOT, "--service", "AWSLambda")
    assert code == 0, err
    x86 = [(r["from_gb_seconds"], r["to_gb_seconds"]) for r in rows(folder, "lambda_duration_tiers")
           if r["arch"] == "x86_64"]
    assert x86 == [("0", "5000000000"), ("5000000000", "15000000000"), ("15000000000", "")]
    assert "- lambda_duration_tiers.csv x86_64/6000000000" in out


# --------------------------------------------------------------------------- diff and dry run

def test_changed_price_shows_in_diff_and_csv_with_new_date(tmp_path):
    folder = make_data(tmp_path / "data")
    path = folder / "fargate_prices.csv"
    path.write_text(path.read_text().replace("us-east-1,x86_64,0.04048,", "us-east-1,x86_64,0.04000,"))
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT, "--service", "AmazonECS",
                         "--region", "us-east-1")
    assert code == 0, err
    # 0.04048 / 0.04000 = 1.012: "+1.2%".
    line = next(ln for ln in out.splitlines() if "fargate_prices.csv" in ln and "usd_per_vcpu_hour" in ln)
    assert "us-east-1/x86_64" in line and "0.04000" in line and "0.04048" in line and "+1.2%" in line
    new = row(folder, "fargate_prices", region="us-east-1", arch="x86_64")
    assert (new["usd_per_vcpu_hour"], new["as_of"]) == ("0.04048", PUBLISHED)


def test_dry_run_prints_prose_moves_and_writes_nothing(tmp_path):
    folder = make_data(tmp_path / "data")
    before = snapshot(folder)
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT, "--dry-run")
    assert code == 0, err
    assert snapshot(folder) == before
    # Seoul premium over us-east-1 after the fixture refresh: c7g.large 0.0836 / 0.0725 − 1 = 15.3 % is the
    # smallest, t3.small 0.0262 / 0.0208 − 1 = 25.96 % the largest; before they were m5.large 22.9 % and 25.0 %.
    assert "chapters/02_ec2 ec2_seoul_premium_min: 22.9 → 15.3" in out
    assert "chapters/02_ec2 ec2_seoul_premium_max: 25.0 → 26.0" in out
    # Which Seoul prices are AWS-generated: after the fixture refresh every Seoul row but t4g.micro
    # (absent from the fixture, kept as it was) comes from AWS's files.
    assert "chapters/02_ec2 ec2_seoul_aws_count: 0 → 7" in out
    assert ("chapters/02_ec2 ec2_seoul_other_types: `t3.micro`·`t3.small`·`t3.medium`·`t4g.micro`·`t4g.small`·"
            "`m5.large` → `t4g.micro`") in out
    assert ("chapters/07_fargate fg_seoul_rate_source: 확인할 수 있는 출처를 찾지 못해 싣지 않았습니다 → "
            "AWS 가격 파일에서 가져왔습니다") in out
    assert ("chapters/09_choosing_compute choose_seoul_missing: EC2 `m6i.large`·`m7g.large`·`c6i.large`·"
            "`c7g.large`·`r6i.large`, Fargate, API Gateway → EC2 `m7g.large`·`c6i.large`·`r6i.large`") in out
    assert "--dry-run" in out


def test_tables_name_the_source_of_each_seoul_price(refreshed):
    folder = refreshed[0]
    code = ("import json\n"
            "from awsbook.charts.ec2 import region_comparison_table\n"
            "from awsbook.charts.containers import fargate_rate_table\n"
            "ec2 = region_comparison_table()['서울 요금 출처(기준일)'].to_dict()\n"
            "fg = fargate_rate_table().data.set_index(['리전', '아키텍처'])['출처(기준일)']\n"
            "print(json.dumps([ec2, {'/'.join(k): v for k, v in fg.items()}], ensure_ascii=False))\n")
    env = dict(os.environ, AWSBOOK_DATA_DIR=str(folder), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    ec2, fg = json.loads(proc.stdout)
    assert ec2["t3.small"] == f"AWS 가격 파일 ({PUBLISHED})"
    assert ec2["t4g.micro"] == "제3자 자료 (2026-08-21)"
    assert fg["ap-northeast-2/Arm"] == f"AWS 가격 파일 ({PUBLISHED})"


def test_real_refresh_of_a_book_syncs_its_prose(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    for part in ("chapters", "appendix"):
        shutil.copytree(ROOT / part, book / part, ignore=shutil.ignore_patterns("*.png", "*.svg", "images"))
    shutil.copyfile(ROOT / "intro.md", book / "intro.md")
    make_data(book / "data")
    code, out, err = run("--offers", OFFERS, "--root", book, "--data-dir", book / "data",
                         "--service", "AmazonEC2")
    assert code == 0, err
    text = (book / "chapters" / "02_ec2.ipynb").read_text(encoding="utf-8")
    assert "<!--num ec2_seoul_premium_min:.1f-->15.3<!--/num-->" in text
    assert "본문 숫자" in out
    assert (ROOT / "chapters" / "02_ec2.ipynb").read_text(encoding="utf-8") != text


def test_refresh_clears_the_third_party_spec_page_and_copy_original_of_the_rows_it_writes(tmp_path):
    # The book's own tables (not the 2026-08-21 fixtures) carry spec_source_url and aws_original columns.
    folder = Path(shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("generators")))
    before = row(folder, "ec2_prices", instance_type="t3.small", region="ap-northeast-2")
    assert before["spec_source_url"].startswith("https://github.com/Fred78290/") and before["price_confidence"] == "SEEN-3P"
    assert row(folder, "lambda_prices", region="us-east-1", arch="arm64")["aws_original"].startswith("https://calculator.aws/")
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT)
    assert code == 0, err
    # Price and spec now come from AWS's file (the fixture's t3.small SKU), on the file's page: no other page, no copy.
    after = row(folder, "ec2_prices", instance_type="t3.small", region="ap-northeast-2")
    assert (after["price_confidence"], after["spec_confidence"], after["spec_source_url"]) == \
        ("SEEN-AWS-FILE", "SEEN-AWS-FILE", "")
    lam = row(folder, "lambda_prices", region="us-east-1", arch="arm64")
    assert (lam["confidence"], lam["source_url"], lam["aws_original"]) == \
        ("SEEN-AWS-FILE", URL.format("AWSLambda", "us-east-1"), "")
    # A row the files do not cover keeps its third-party source and page (t4g.micro is not in the fixture).
    kept = row(folder, "ec2_prices", instance_type="t4g.micro", region="ap-northeast-2")
    assert kept["spec_source_url"] == before["spec_source_url"].replace("amd64", "arm64").replace(
        "0d765e1a82de60bd934eafea0c88121999826065", "7782a33b0b8431b985f8c2768440557bb5eb62dd")
    assert "출처·날짜·출처 등급·메모가 바뀌는 행" in out


# --------------------------------------------------------------------------- bad input leaves data/ alone

def copy_offers(tmp_path: Path) -> Path:
    target = tmp_path / "offers"
    shutil.copytree(OFFERS, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def _edit(path: Path, change) -> None:
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc, indent=2, separators=(",", " : ")))


def _truncate(offers_dir):
    path = offers_dir / "AmazonEC2" / "current" / "us-east-1" / "index.json"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path, ["JSON으로 읽을 수 없습니다"]


def _not_json(offers_dir):
    path = offers_dir / "AmazonECS" / "current" / "ap-northeast-2" / "index.json"
    path.write_text("<html><body>503 Service Unavailable</body></html>\n")
    return path, ["JSON으로 읽을 수 없습니다"]


def _wrong_service(offers_dir):
    path = offers_dir / "AmazonEKS" / "current" / "us-east-1" / "index.json"
    shutil.copyfile(offers_dir / "AmazonECS" / "current" / "us-east-1" / "index.json", path)
    return path, ["AmazonEKS", "'AmazonECS'"]


def _wrong_region(offers_dir):
    path = offers_dir / "AWSLambda" / "current" / "ap-northeast-2" / "index.json"
    shutil.copyfile(offers_dir / "AWSLambda" / "current" / "us-east-1" / "index.json", path)
    return path, ["ap-northeast-2", "us-east-1"]


def _no_price_dimensions(offers_dir):
    path = offers_dir / "AmazonEC2" / "current" / "us-east-1" / "index.json"
    sku = offers_sku("AmazonEC2", "us-east-1", "m5.large")
    _edit(path, lambda d: next(iter(d["terms"]["OnDemand"][sku].values())).__setitem__("priceDimensions", {}))
    return path, [sku, "priceDimensions"]


def _no_usd(offers_dir):
    path = offers_dir / "AmazonECS" / "current" / "us-east-1" / "index.json"
    sku = offers_sku("AmazonECS", "us-east-1", "arm-gb")

    def drop(doc):
        dim = next(iter(next(iter(doc["terms"]["OnDemand"][sku].values()))["priceDimensions"].values()))
        del dim["pricePerUnit"]["USD"]
    _edit(path, drop)
    return path, [sku, "pricePerUnit.USD"]


def _price_times_four(offers_dir):
    path = offers_dir / "AmazonEC2" / "current" / "us-east-1" / "index.json"
    sku = offers_sku("AmazonEC2", "us-east-1", "t3.micro")
    _edit(path, lambda d: next(iter(next(iter(d["terms"]["OnDemand"][sku].values()))["priceDimensions"]
                                     .values()))["pricePerUnit"].__setitem__("USD", "0.0416000000"))
    return path, [sku, "usd_per_hour", "0.0104", "0.0416", "3배"]


def _price_quartered(offers_dir):
    path = offers_dir / "AmazonECS" / "current" / "us-east-1" / "index.json"
    sku = offers_sku("AmazonECS", "us-east-1", "vcpu")
    _edit(path, lambda d: next(iter(next(iter(d["terms"]["OnDemand"][sku].values()))["priceDimensions"]
                                     .values()))["pricePerUnit"].__setitem__("USD", "0.0101200000"))
    return path, [sku, "usd_per_vcpu_hour", "0.04048", "0.01012"]


def _two_prices_for_one_row(offers_dir):
    path = offers_dir / "AmazonEC2" / "current" / "ap-northeast-2" / "index.json"
    sku = offers_sku("AmazonEC2", "ap-northeast-2", "t3.micro")

    def twin(doc):
        doc["products"]["TWINSKU000000000"] = {**doc["products"][sku], "sku": "TWINSKU000000000"}
        term = json.loads(json.dumps(doc["terms"]["OnDemand"][sku]).replace(sku, "TWINSKU000000000")
                          .replace("0.0130000000", "0.0140000000"))
        doc["terms"]["OnDemand"]["TWINSKU000000000"] = term
    _edit(path, twin)
    return path, [sku, "TWINSKU000000000", "t3.micro"]


def _fails_the_loader(offers_dir):
    # "vcpu" : "0" passes as an integer here but the loader wants vCPU > 0: the candidate file is refused.
    path = offers_dir / "AmazonEC2" / "current" / "ap-northeast-2" / "index.json"
    sku = offers_sku("AmazonEC2", "ap-northeast-2", "m5.large")
    _edit(path, lambda d: d["products"][sku]["attributes"].__setitem__("vcpu", "0"))
    return Path("ec2_prices.csv"), ["검사를 통과하지 못했습니다", "vcpu"]


@pytest.mark.parametrize("spoil", [_truncate, _not_json, _wrong_service, _wrong_region, _no_price_dimensions,
                                   _no_usd, _price_times_four, _price_quartered, _two_prices_for_one_row,
                                   _fails_the_loader],
                         ids=lambda f: f.__name__.strip("_"))
def test_bad_input_stops_with_korean_message_and_leaves_data_unchanged(tmp_path, spoil):
    offers_dir = copy_offers(tmp_path)
    path, words = spoil(offers_dir)
    folder = make_data(tmp_path / "data")
    before = snapshot(folder)
    code, out, err = run("--offers", offers_dir, "--data-dir", folder, "--root", ROOT)
    assert code == 1
    assert str(path) in err
    for word in words:
        assert word in err, (word, err)
    assert "data/의 파일은 하나도 바꾸지 않았습니다" in err
    assert snapshot(folder) == before


# --------------------------------------------------------------------------- other paths

def test_csv_twin_gives_the_same_rows(tmp_path):
    json_data, csv_data = make_data(tmp_path / "a"), make_data(tmp_path / "b")
    for folder, source in ((json_data, OFFERS), (csv_data, FIXTURES / "offers-csv")):
        code, _, err = run("--offers", source, "--data-dir", folder, "--root", ROOT, "--service", "AmazonEC2",
                           "--region", "us-east-1")
        assert code == 0, err
    strip = lambda rs: [{k: v for k, v in r.items() if k != "source_url"} for r in rs]  # noqa: E731
    assert strip(rows(csv_data, "ec2_prices")) == strip(rows(json_data, "ec2_prices"))
    assert row(csv_data, "ec2_prices", instance_type="t3.micro", region="us-east-1")["source_url"].endswith(
        "/AmazonEC2/current/us-east-1/index.csv")


def test_missing_file_is_skipped_with_a_notice(tmp_path):
    offers_dir = copy_offers(tmp_path)
    shutil.rmtree(offers_dir / "AWSLambda")
    folder = make_data(tmp_path / "data")
    before = snapshot(folder)
    code, out, err = run("--offers", offers_dir, "--data-dir", folder, "--root", ROOT, "--service", "AWSLambda")
    assert code == 0, err
    assert "건너뜁니다" in out
    assert snapshot(folder) == before


def test_network_failure_says_to_use_offers(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")
    monkeypatch.setattr(offers.urllib.request, "urlopen", refuse)
    folder = make_data(tmp_path / "data")
    before = snapshot(folder)
    code, out, err = run("--data-dir", folder, "--root", ROOT, "--service", "AmazonEKS", "--region", "us-east-1")
    assert code == 1
    assert "--offers" in err and URL.format("AmazonEKS", "us-east-1") in err
    assert snapshot(folder) == before


def test_unknown_region_and_service_are_refused(tmp_path):
    folder = make_data(tmp_path / "data")
    code, _, err = run("--offers", OFFERS, "--data-dir", folder, "--region", "mars-north-1")
    assert code == 1 and "'--region'에 'mars-north-1'" in err and "ap-northeast-2" in err
    code, _, err = run("--offers", OFFERS, "--data-dir", folder, "--service", "AmazonRDS")
    assert code == 1 and "'--service'에 'AmazonRDS'" in err and "AWSLambda" in err


def test_a_table_saved_by_excel_is_refreshed_and_keeps_its_bom_and_line_endings(tmp_path, refreshed):
    # Excel writes "CSV UTF-8" with a BOM and CRLF; a header name may carry a space. The loader accepts all three.
    folder = make_data(tmp_path / "data")
    path = folder / "ec2_prices.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_bytes(("\ufeff" + header.replace("instance_type", " instance_type") + "\n" + rest)
                     .replace("\n", "\r\n").encode("utf-8"))
    code, _, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT, "--service", "AmazonEC2")
    assert code == 0, err
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfinstance_type,") and raw.count(b"\r\n") == raw.count(b"\n")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh)) == rows(refreshed[0], "ec2_prices")  # the same rows as a plain file gives


def test_a_broken_data_file_stops_before_reading_any_price_file(tmp_path):
    folder = make_data(tmp_path / "data")
    path = folder / "ec2_prices.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1].replace(",", ";", 3) + "".join(lines[2:]), encoding="utf-8")
    before = snapshot(folder)
    code, out, err = run("--offers", OFFERS, "--data-dir", folder, "--root", ROOT, "--service", "AmazonEC2")
    assert code == 1 and "고치기 전의 데이터" in err and "ec2_prices.csv" in err and "2번째 줄" in err, err
    assert "읽음:" not in out
    assert snapshot(folder) == before
