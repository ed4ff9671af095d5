"""The data loader: real files load, and every kind of corrupt file is refused by name."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from awsbook import datasets
from awsbook.datasets import DATA_DIR, DataError, SCHEMAS, read


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_dataset_loads_with_provenance(name):
    df = datasets.load(name)
    assert len(df) > 0
    assert df["source_url"].str.match(r"^(https?://|synthetic:)").all()
    assert df["as_of"].notna().all()


def test_every_csv_in_data_has_a_schema():
    assert {p.stem for p in DATA_DIR.glob("*.csv")} == set(SCHEMAS)


def test_values_match_the_fact_sheet():
    ec2 = datasets.load("ec2_prices").set_index(["instance_type", "region"])
    assert ec2.loc[("t3.micro", "us-east-1"), "usd_per_hour"] == 0.0104
    lam = datasets.load("lambda_prices").set_index(["region", "arch"])
    assert lam.loc[("us-east-1", "x86_64"), "usd_per_gb_second"] == 0.0000166667
    limits = datasets.load("lambda_limits")
    current = limits[(limits["quantity"] == "memory_max") & limits["valid_until"].isna()]
    assert current["value"].tolist() == [10240]


def test_load_returns_a_copy():
    df = datasets.load("eks_prices")
    df.loc[0, "usd_per_cluster_hour"] = 999
    assert datasets.load("eks_prices").loc[0, "usd_per_cluster_hour"] == 0.10


@pytest.fixture
def data_copy(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _edit(folder, name, old, new):
    path = folder / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_column(data_copy):
    _edit(data_copy, "eks_prices", "usd_per_cluster_hour", "usd_per_hour")
    with pytest.raises(DataError) as err:
        read("eks_prices", data_copy)
    assert str(err.value) == "data/eks_prices.csv 1번째 줄 'usd_per_cluster_hour' 열: 필수 열이 없습니다."


def test_negative_price(data_copy):
    _edit(data_copy, "ec2_prices", "t3.small,us-east-1,x86_64,burstable,2,2,0.0208",
          "t3.small,us-east-1,x86_64,burstable,2,2,-0.0208")
    with pytest.raises(DataError) as err:
        read("ec2_prices", data_copy)
    assert str(err.value) == "data/ec2_prices.csv 3번째 줄 'usd_per_hour' 열: 값 -0.0208은(는) 0보다 커야 합니다."


def test_bad_date(data_copy):
    _edit(data_copy, "eks_prices", "2026-08-21", "2026-13-01")
    with pytest.raises(DataError) as err:
        read("eks_prices", data_copy)
    assert str(err.value) == (
        "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026-13-01'은(는) YYYY-MM-DD 형식의 날짜가 아닙니다.")


def test_unknown_region(data_copy):
    _edit(data_copy, "fargate_prices", "us-east-1,arm64", "us-middle-9,arm64")
    with pytest.raises(DataError) as err:
        read("fargate_prices", data_copy)
    assert str(err.value).startswith(
        "data/fargate_prices.csv 3번째 줄 'region' 열: 'us-middle-9'은(는) 허용되지 않는 값입니다. 허용 값: us-east-1,")


def test_empty_source(data_copy):
    _edit(data_copy, "eks_prices", "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/,2026-08-21,Total", ",2026-08-21,Total")
    with pytest.raises(DataError) as err:
        read("eks_prices", data_copy)
    assert str(err.value) == "data/eks_prices.csv 3번째 줄 'source_url' 열: 값이 비어 있습니다. 이 열은 반드시 채워야 합니다."


def test_source_that_is_not_an_address(data_copy):
    _edit(data_copy, "eks_prices", "https://aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing/,2026-08-21,14", "blog post,2026-08-21,14")
    with pytest.raises(DataError, match="2번째 줄 'source_url' 열: 'blog post'은\\(는\\) 출처 주소"):
        read("eks_prices", data_copy)


def test_text_in_a_number_column(data_copy):
    _edit(data_copy, "eks_prices", "standard,0.10", "standard,ten cents")
    with pytest.raises(DataError, match="2번째 줄 'usd_per_cluster_hour' 열: 'ten cents'은\\(는\\) 수가 아닙니다"):
        read("eks_prices", data_copy)


def test_ragged_row_is_refused_not_dropped(data_copy):
    _edit(data_copy, "eks_prices", "standard,0.10,", "standard,0.10,extra,")
    with pytest.raises(DataError, match="2번째 줄: 칸이"):
        read("eks_prices", data_copy)


def test_unknown_confidence(data_copy):
    _edit(data_copy, "eks_prices", "standard,0.10,SEEN-AWS", "standard,0.10,PROBABLY")
    with pytest.raises(DataError, match="'confidence' 열: 'PROBABLY'"):
        read("eks_prices", data_copy)


def test_empty_and_header_only_files(data_copy):
    (data_copy / "eks_prices.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="data/eks_prices.csv: 파일이 비어 있습니다"):
        read("eks_prices", data_copy)
    header = "support,usd_per_cluster_hour,confidence,source_url,as_of,note\n"
    (data_copy / "eks_prices.csv").write_text(header, encoding="utf-8")
    with pytest.raises(DataError, match="데이터 행이 하나도 없습니다"):
        read("eks_prices", data_copy)


def test_unknown_dataset_name():
    with pytest.raises(ValueError, match="매개변수 'name'에 'ec3_prices'"):
        read("ec3_prices")


def test_dates_are_parsed():
    df = datasets.load("lambda_limits")
    assert isinstance(df.loc[0, "as_of"], type(pd.Timestamp("2026-01-01").date()))
