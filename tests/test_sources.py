"""Honest sources in data/ (issue 29) and the source line under every table and chart (issue 22).

The rules, for every row of every file in ``data/``:

* every address is a well-formed ``http(s)://host/...`` address, or ``synthetic:<path>`` naming a generator
  script that exists, and only a row graded SYNTHETIC uses ``synthetic:``;
* a value graded third-party (SEEN-3P) never cites an AWS address;
* a value graded AWS (SEEN-AWS, SEEN-AWS-FILE) is on an AWS address, or was read in a copy whose row names
  the AWS original (``aws_original``, an AWS address; the copy itself is then not on AWS);
* ``ec2_prices`` grades price and spec apart: the spec is judged against ``spec_source_url`` when the row
  has one, else against ``source_url``;
* ``as_of`` is a date that is not in the future.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from awsbook import datasets
from awsbook.charts import sources

ROOT = Path(__file__).resolve().parent.parent
AWS_GRADES = {"SEEN-AWS", "SEEN-AWS-FILE"}


def _well_formed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


def violations(data_dir: Path, today: dt.date | None = None) -> list[str]:
    """Every row of every file in ``data_dir`` that breaks the rules of the module docstring."""
    today = today or dt.date.today()
    found = []
    for name in datasets.SCHEMAS:
        table = datasets.read(name, data_dir)
        for line, row in enumerate(table.to_dict("records"), start=2):
            where = f"{name}.csv {line}번째 줄"
            row = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
            url, original = row["source_url"], row.get("aws_original")
            graded = ([(url, row["price_confidence"], "price"), (row.get("spec_source_url") or url,
                                                                 row["spec_confidence"], "spec")]
                      if name == "ec2_prices" else [(url, row["confidence"], "")])
            if url.startswith("synthetic:"):
                script = url.removeprefix("synthetic:")
                if not (ROOT / script).is_file() or not script.startswith("data/generators/"):
                    found.append(f"{where}: synthetic 출처 {script}가 data/generators/의 스크립트가 아닙니다")
            elif not _well_formed(url):
                found.append(f"{where}: source_url {url!r}이(가) 올바른 주소가 아닙니다")
            for extra in ("aws_original", "spec_source_url"):
                if row.get(extra) and not _well_formed(row[extra]):
                    found.append(f"{where}: {extra} {row[extra]!r}이(가) 올바른 주소가 아닙니다")
            if original and not datasets.is_aws_address(original):
                found.append(f"{where}: aws_original {original}은(는) AWS 주소가 아닙니다")
            if original and datasets.is_aws_address(url):
                found.append(f"{where}: source_url이 AWS 주소인데 aws_original이 있습니다(사본이 아닙니다)")
            for address, grade, what in graded:
                label = f"{where} {what}".rstrip()
                if (grade == "SYNTHETIC") != address.startswith("synthetic:"):
                    found.append(f"{label}: 등급 {grade}와 출처 {address}가 맞지 않습니다")
                    continue
                if not _well_formed(address):
                    continue  # reported above
                if grade == "SEEN-3P" and datasets.is_aws_address(address):
                    found.append(f"{label}: 제3자 자료(SEEN-3P)인데 AWS 주소 {address}를 출처로 적었습니다")
                if grade in AWS_GRADES and not datasets.is_aws_address(address) and not (
                        original and address == url):
                    found.append(f"{label}: AWS 등급({grade})인데 출처 {address}가 AWS 주소가 아니고 "
                                 "AWS 원문(aws_original)도 적혀 있지 않습니다")
            if row["as_of"] > today:
                found.append(f"{where}: as_of {row['as_of']}가 미래의 날짜입니다")
    return found


def test_every_row_of_every_file_cites_where_its_value_was_read():
    assert violations(datasets.DATA_DIR) == []


def test_aws_addresses_are_told_apart_from_third_party_ones():
    aws = ["https://aws.amazon.com/eks/sla/", "https://docs.aws.amazon.com/lambda/latest/dg/x.html",
           "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/index.json",
           "https://calculator.aws/pricing/2.0/x.json", "https://www.amazonaws.cn/en/lambda/sla/",
           "https://github.com/aws/karpenter-provider-aws/blob/main/x.go",
           "https://raw.githubusercontent.com/awslabs/x/main/y"]
    third = ["https://www.vantage.sh/blog/fargate-pricing", "http://aws.haqm.com/blogs/containers/x",
             "https://github.com/remotion-dev/remotion/blob/x/y.ts", "https://notamazon.com/x",
             "https://amazon.com.example.org/x", "https://github.com/awsome/x", "https://example.org/github.com/aws/x"]
    assert [u for u in aws if not datasets.is_aws_address(u)] == []
    assert [u for u in third if datasets.is_aws_address(u)] == []


def _edit(folder: Path, name: str, match: dict, **changes) -> None:
    """Change the rows of ``folder/name.csv`` whose columns equal ``match`` (adding a column if needed)."""
    path = folder / f"{name}.csv"
    raw = path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = list(rows[0])
    header += [c for c in changes if c not in header]
    hits = 0
    for row in rows:
        if all(row[k] == v for k, v in match.items()):
            row.update(changes)
            hits += 1
    assert hits, (name, match)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "").encode() + out.getvalue().encode())


@pytest.fixture
def data_copy(tmp_path):
    return Path(shutil.copytree(datasets.DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("generators")))


SEOUL_M5 = {"instance_type": "m5.large", "region": "ap-northeast-2"}
AWS_CATALOG = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/ap-northeast-2/index.csv"

WRONG_ROWS = {
    # The row issue 29 found: a third-party Seoul price citing AWS's price catalog.
    "third_party_value_on_an_aws_page": (
        "ec2_prices", SEOUL_M5, {"source_url": AWS_CATALOG}, "ec2_prices.csv 18번째 줄 price: 제3자 자료(SEEN-3P)인데"),
    # A third-party spec judged by the row's AWS page when it names no page of its own.
    "third_party_spec_without_its_page": (
        "ec2_prices", {"instance_type": "t3.micro", "region": "us-east-1"}, {"spec_source_url": ""},
        "ec2_prices.csv 2번째 줄 spec: 제3자 자료(SEEN-3P)인데"),
    "aws_grade_on_a_third_party_page": (
        "sla", {"service": "api-gateway"}, {"source_url": "https://github.com/mikaelvesavuori/cloud-sla"},
        "sla.csv 6번째 줄: AWS 등급(SEEN-AWS)인데 출처 https://github.com/mikaelvesavuori/cloud-sla가"),
    "aws_original_that_is_not_aws": (
        "eks_prices", {"support": "standard"}, {"aws_original": "https://example.org/eks-pricing"},
        "eks_prices.csv 2번째 줄: aws_original https://example.org/eks-pricing은(는) AWS 주소가 아닙니다"),
    "a_copy_that_is_on_aws_itself": (
        "sla", {"service": "eks"}, {"aws_original": "https://aws.amazon.com/eks/sla/"},
        "sla.csv 5번째 줄: source_url이 AWS 주소인데 aws_original이 있습니다"),
    "missing_generator": (
        "traffic_day", {"hour": "5"}, {"source_url": "synthetic:data/generators/missing.py"},
        "traffic_day.csv 7번째 줄: synthetic 출처 data/generators/missing.py가"),
    "synthetic_address_on_a_sourced_row": (
        "eks_prices", {"support": "extended"}, {"source_url": "synthetic:data/generators/traffic_day.py",
                                                "aws_original": ""},
        "eks_prices.csv 3번째 줄: 등급 SEEN-AWS와 출처 synthetic:data/generators/traffic_day.py가 맞지 않습니다"),
    "address_without_a_host": (
        "regions", {"region": "us-east-1"}, {"source_url": "https:///general/latest/gr/rande.html"},
        "regions.csv 2번째 줄: source_url 'https:///general/latest/gr/rande.html'이(가) 올바른 주소가 아닙니다"),
    "date_in_the_future": (
        "discounts", {"offer": "spot_instances"}, {"as_of": "2999-01-01"},
        "discounts.csv 6번째 줄: as_of 2999-01-01가 미래의 날짜입니다"),
}


@pytest.mark.parametrize("case", WRONG_ROWS, ids=str)
def test_a_wrong_row_is_caught(data_copy, case):
    name, match, changes, message = WRONG_ROWS[case]
    assert violations(data_copy) == []  # the copy is clean before the edit
    _edit(data_copy, name, match, **changes)
    found = violations(data_copy)
    assert len(found) == 1 and found[0].startswith(message), found


# --------------------------------------------------------------------------- datasets.sources

def _rows(*records) -> pd.DataFrame:
    return pd.DataFrame([{"as_of": dt.date(2026, 1, 2), "note": None, **r} for r in records])


def test_sources_are_distinct_and_in_file_order():
    rows = _rows({"source_url": "https://b.example/x", "confidence": "SEEN-3P"},
                 {"source_url": "https://a.example/y", "confidence": "SEEN-3P"},
                 {"source_url": "https://b.example/x", "confidence": "SEEN-3P"})
    found = datasets.sources("eks_prices", rows)
    assert [(s.url, s.grade, s.grade_words, s.dataset) for s in found] == [
        ("https://b.example/x", "SEEN-3P", "제3자 자료", "eks_prices"),
        ("https://a.example/y", "SEEN-3P", "제3자 자료", "eks_prices")]


def test_a_copy_names_its_aws_original():
    rows = _rows({"source_url": "https://mirror.example/post", "aws_original": "https://aws.amazon.com/blogs/x/",
                  "confidence": "SEEN-AWS"})
    (found,) = datasets.sources("eks_prices", rows)
    assert (found.url, found.original, found.grade_words) == ("https://mirror.example/post",
                                                               "https://aws.amazon.com/blogs/x/", "AWS 공식 문서")


def test_ec2_price_and_spec_are_two_sources_and_an_estimated_spec_none():
    price = "https://github.com/aws/karpenter-provider-aws/blob/main/p.go"
    rows = _rows({"source_url": price, "spec_source_url": "https://spec.example/m.json",
                  "price_confidence": "SEEN-AWS-FILE", "spec_confidence": "SEEN-3P"},
                 {"source_url": price, "spec_source_url": float("nan"),  # pandas may hold an empty cell as NaN
                  "price_confidence": "SEEN-AWS-FILE", "spec_confidence": "ESTIMATE"})
    found = datasets.sources("ec2_prices", rows)
    # The spec read on another page has no date of its own; the estimated spec was read nowhere.
    assert [(s.url, s.as_of, s.grade) for s in found] == [
        (price, dt.date(2026, 1, 2), "SEEN-AWS-FILE"), ("https://spec.example/m.json", None, "SEEN-3P")]


def test_synthetic_sources_name_their_generator():
    (found,) = datasets.sources("traffic_day")
    assert (found.grade_words, found.generator) == ("합성 데이터", "data/generators/traffic_day.py")


# --------------------------------------------------------------------------- the source line

def test_the_line_links_each_page_with_its_date_and_grade_in_words():
    line = sources.line_html(datasets.records([
        datasets.Source("https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
                        dt.date(2026, 8, 21), "SEEN-AWS"),
        datasets.Source("https://mirror.example/a/post", dt.date(2026, 12, 7), "SEEN-AWS",
                        "https://aws.amazon.com/blogs/containers/pricing/"),
        datasets.Source("synthetic:data/generators/request_log.py", dt.date(2026, 3, 9), "SYNTHETIC"),
    ]))
    assert line == (
        '<p class="awsbook-sources">출처: '
        '<a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">'
        'docs.aws.amazon.com/…/latest/dg/gettingstarted-limits.html</a> (기준일 2026-08-21, AWS 공식 문서) · '
        '<a href="https://aws.amazon.com/blogs/containers/pricing/">aws.amazon.com/blogs/containers/pricing</a> '
        '(사본 <a href="https://mirror.example/a/post">mirror.example/a/post</a>에서 확인, 기준일 2026-12-07, '
        'AWS 공식 문서) · 합성 데이터: <code>data/generators/request_log.py</code>로 만든 가상의 자료 '
        '(기준일 2026-03-09)</p>')
    assert "SEEN-" not in line


def test_a_calculation_says_so_and_nothing_attached_shows_nothing():
    assert sources.line_html([]) == '<p class="awsbook-sources">출처: 이 책의 가정과 계산 (데이터 파일의 값을 쓰지 않습니다)</p>'
    assert sources.line_html(None) == ""


def test_cite_travels_with_tables_stylers_and_figures():
    import plotly.graph_objects as go

    frame = sources.cite(pd.DataFrame({"x": [1, 2, 3]}), "eks_prices")
    assert sources.of(frame.head(2)) == sources.of(frame) == datasets.records(datasets.sources("eks_prices"))
    styler = sources.cite(pd.DataFrame({"x": [1]}).style.hide(axis="index"), "fargate_billing")
    assert [s["dataset"] for s in sources.of(styler)] == ["fargate_billing"]
    fig = sources.cite(go.Figure(), ("ec2_prices", datasets.load("ec2_prices").iloc[:1]))
    assert [s["grade"] for s in sources.of(fig.to_plotly_json())] == ["SEEN-AWS-FILE", "SEEN-3P"]
    assert sources.of(pd.DataFrame()) is None


def test_the_renderers_write_the_line_under_tables_and_charts():
    from awsbook.book import render
    from awsbook.charts import ec2
    from awsbook.widgets.calculator import calculator

    table = ec2.instance_table("ap-northeast-2")
    assert render.frame_html(table).endswith(sources.line_html(sources.of(table)))
    assert "github.com/…/scripts/lib/analyze.py</a>" in render.frame_html(table)  # the Seoul prices' page
    chart = ec2.idle_cost_chart().to_plotly_json()
    page = render.chart_html(chart)
    assert sources.line_html(sources.of(chart)) in page and page.index("awsbook-sources") < page.index("</figure>")
    box = calculator(chart)
    assert box.children[-1].value == sources.line_html(sources.of(chart))


def test_jupyterlab_shows_the_line_under_a_chart_without_controls():
    import plotly.graph_objects as go

    from awsbook.book import render
    from awsbook.charts import controls

    static = sources.cite(go.Figure(go.Bar(x=["a"], y=[1])), "eks_prices").to_plotly_json()
    assert controls.spec(static) is None
    bundle = render.BookRenderer().to_mimebundle(static)
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the figure and its line, in one box
    from awsbook.widgets.calculator import calculator
    box = calculator(static)
    assert len(box.children) == 2 and "aws.haqm.com" in box.children[-1].value
    uncited = go.Figure(go.Bar(x=["a"], y=[1])).to_plotly_json()
    assert "application/vnd.plotly.v1+json" in render.BookRenderer().to_mimebundle(uncited)


def test_the_appendix_table_lists_every_file_with_its_sources():
    html = sources.data_sources_table().to_html()
    for name in datasets.SCHEMAS:
        assert f"<code>data/{name}.csv</code>" in html
        assert datasets.DESCRIPTIONS[name] in html
    assert "github.com/…/scripts/lib/analyze.py</a> (기준일 2026-12-07, 제3자 자료)" in html
    assert "SEEN-" not in html


@pytest.mark.parametrize("url, text", [
    ("https://aws.amazon.com/eks/sla/", "aws.amazon.com/eks/sla"),
    ("https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
     "docs.aws.amazon.com/…/latest/dg/gettingstarted-limits.html"),
    ("https://example.org", "example.org"),
    # A last segment longer than 40 characters is cut after 39 and marked with "…".
    ("https://aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/",
     "aws.amazon.com/…/new-aws-public-ipv4-address-charge-publ…"),
])
def test_link_text_shows_the_host_and_the_end_of_the_path(url, text):
    assert sources.link_text(url) == text
