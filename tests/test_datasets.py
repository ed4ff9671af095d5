"""The data loader and the data check: real files load, every Excel quirk is handled on purpose,
every corrupt file is refused with its exact Korean message, and rows a teacher adds reach the book.

Corrupt inputs live in tests/fixtures/data/<case>/ (written by make_fixtures.py there); each test
copies data/ to a temporary folder, lays the case's files over it and never touches data/ itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from awsbook import datasets, validate
from awsbook.book import render
from awsbook.datasets import DATA_DIR, KEYS, SCHEMAS, DataError, read

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "data"
SAVE_AS = ("Excel에서 [파일] → [다른 이름으로 저장]을 누르고 파일 형식을 "
           "'CSV UTF-8(쉼표로 분리)(*.csv)'로 골라 같은 이름으로 다시 저장하세요.")
NOT_IN_REGIONS = ("data/regions.csv에 없는 리전입니다. 새 리전을 쓰려면 먼저 data/regions.csv에 리전 코드(region)와 "
                  "AWS 콘솔의 한국어 이름(name_ko)을 출처와 함께 한 줄 더하세요.")
SAME_ROW = "같은 행이 두 번 있으면 어느 값을 쓸지 알 수 없으니 한 줄을 지우거나 고치세요."


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


DATA_DIGEST = _digest(DATA_DIR)


@pytest.fixture(autouse=True)
def data_folder_unchanged():
    """Every test in this file leaves data/ byte for byte as it found it."""
    yield
    assert _digest(DATA_DIR) == DATA_DIGEST, "data/ 폴더가 테스트 중에 바뀌었습니다."


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


def _with_case(folder: Path, case: str) -> Path:
    for path in (FIXTURES / case).iterdir():
        shutil.copy(path, folder / path.name)
    return folder


# --------------------------------------------------------------------------- the book's own data

@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_dataset_loads_with_provenance(name):
    df = datasets.load(name)
    assert len(df) > 0
    assert df["source_url"].str.match(r"^(https?://|synthetic:)").all()
    assert df["as_of"].notna().all()


def test_every_csv_in_data_has_a_schema():
    assert {p.stem for p in DATA_DIR.glob("*.csv")} == set(SCHEMAS)


def test_every_dataset_declares_its_key_columns():
    assert set(KEYS) == set(SCHEMAS)
    for name, key in KEYS.items():
        assert set(key) <= {c.name for c in SCHEMAS[name]}, name


def test_the_data_folder_passes_the_check():
    assert datasets.check() == []


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


def test_dates_are_parsed():
    df = datasets.load("lambda_limits")
    assert isinstance(df.loc[0, "as_of"], dt.date)


def test_unknown_dataset_name():
    with pytest.raises(ValueError, match="매개변수 'name'에 'ec3_prices'"):
        read("ec3_prices")


def test_korean_region_names_come_from_regions_csv():
    from awsbook.charts import theme

    # AWS's Korean "AWS 서비스 엔드포인트" page (data/regions.csv source_url) names these two so.
    assert theme.REGION_NAMES["ap-northeast-2"] == "아시아 태평양(서울)"
    assert datasets.region_names()["us-east-1"] == "미국 동부(버지니아 북부)"
    assert list(datasets.REGIONS)[:2] == ["us-east-1", "ap-northeast-2"]
    assert "ap-northeast-2" in datasets.REGIONS and "us-middle-9" not in datasets.REGIONS
    assert validate.choice("region", "ap-northeast-2", datasets.REGIONS) == "ap-northeast-2"
    # Every region a data file uses has a Korean name (the loader refuses it otherwise).
    used = set()
    for name, columns in SCHEMAS.items():
        if any(c.allowed is datasets.REGIONS for c in columns):
            used |= set(datasets.load(name)["region"])
    assert used <= set(datasets.REGION_NAMES)


def test_files_with_korean_text_open_in_korean_excel():
    """Korean Excel reads a CSV without a byte-order mark as CP949, so a file holding Hangul
    carries the mark (the loader ignores it) and its Korean shows unbroken when opened."""
    for path in DATA_DIR.glob("*.csv"):
        raw = path.read_bytes()
        if re.search("[가-힣]", raw.decode("utf-8-sig")):
            assert raw.startswith(b"\xef\xbb\xbf"), path.name


def test_fixtures_match_their_script(tmp_path):
    sys.path.insert(0, str(FIXTURES))
    try:
        import make_fixtures
    finally:
        sys.path.remove(str(FIXTURES))
    make_fixtures.write(tmp_path)
    for case, files in make_fixtures.CASES.items():
        assert sorted(p.name for p in (FIXTURES / case).iterdir()) == sorted(files), case
        for name in files:
            assert (FIXTURES / case / name).read_bytes() == (tmp_path / case / name).read_bytes(), (case, name)
    assert {p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(make_fixtures.CASES)


# --------------------------------------------------------------------------- Excel quirks accepted on purpose

def test_excel_csv_utf8_with_bom_and_crlf(data_copy):
    df = read("eks_prices", _with_case(data_copy, "bom_crlf"))
    assert df["support"].tolist() == ["standard", "extended"]
    assert df["usd_per_cluster_hour"].tolist() == [0.10, 0.60]


def test_rows_of_commas_and_empty_trailing_columns_are_skipped(data_copy):
    df = read("eks_prices", _with_case(data_copy, "blank_rows_and_columns"))
    assert df["support"].tolist() == ["standard", "extended"]
    assert list(df.columns) == [c.name for c in SCHEMAS["eks_prices"] if not c.absent_ok]


def test_spaces_around_values_and_headers_are_trimmed(data_copy):
    df = read("eks_prices", _with_case(data_copy, "spaces"))
    assert df["support"].tolist() == ["standard", "extended"]
    assert df["usd_per_cluster_hour"].tolist() == [0.10, 0.60]
    assert df["confidence"].tolist() == ["SEEN-AWS", "SEEN-AWS"]


def test_thousands_separators(data_copy):
    df = read("lambda_free_tier", _with_case(data_copy, "thousands"))
    assert df.loc[0, "requests_per_month"] == 1_000_000  # "1,000,000"
    assert df.loc[0, "gb_seconds_per_month"] == 400_000  # "400,000"


def test_percent_signs_in_percent_columns(data_copy):
    df = read("sla", _with_case(data_copy, "percent_sign"))
    assert df["target_pct"].tolist() == [99.99, 99.5, 99.95]  # "99.99%", "99.5 %", "99.95"


def test_scientific_notation_is_the_same_number(data_copy):
    df = read("lambda_prices", _with_case(data_copy, "scientific"))
    assert df["usd_per_gb_second"].tolist() == [0.0000166667, 0.0000133334]  # "1.66667E-05", "1.33334E-05"
    assert df["usd_per_request"].tolist() == [0.0000002, 0.0000002]  # "2E-07"


def test_excel_timestamps(data_copy):
    df = read("request_log", _with_case(data_copy, "excel_timestamp"))
    assert df.loc[0, "timestamp"] == dt.datetime(2026, 3, 2, 0, 0)  # "2026-03-02 0:00"


def test_a_new_region_with_its_korean_name(data_copy):
    folder = _with_case(data_copy, "new_region_with_name")
    assert datasets.check(folder) == []
    assert datasets.region_names(folder)["ap-test-9"] == "테스트(가상 리전)"
    ec2 = read("ec2_prices", folder)
    assert ("t3.micro", "ap-test-9") in set(zip(ec2["instance_type"], ec2["region"]))


# --------------------------------------------------------------------------- refused, with the exact message

REFUSED = {
    # encodings and layout
    "cp949": ("regions", "data/regions.csv 2번째 줄: 파일이 UTF-8이 아닙니다(한국어 Excel의 'CSV (쉼표로 분리)'가 쓰는 "
              "CP949(EUC-KR)로 보입니다). 글자가 깨진 값을 쓰지 않도록 읽지 않았습니다. " + SAVE_AS),
    "utf16": ("eks_prices", "data/eks_prices.csv: UTF-16('유니코드 텍스트')으로 저장된 파일입니다. " + SAVE_AS),
    "semicolons": ("eks_prices", "data/eks_prices.csv 1번째 줄: 칸을 나누는 기호가 쉼표(,)가 아니라 세미콜론(;)입니다. "
                   + SAVE_AS),
    "empty_file": ("eks_prices", "data/eks_prices.csv: 파일이 비어 있습니다."),
    "header_only": ("eks_prices", "data/eks_prices.csv: 데이터 행이 하나도 없습니다."),
    "missing_column": ("eks_prices", "data/eks_prices.csv 1번째 줄 'usd_per_cluster_hour' 열: 필수 열이 없습니다."),
    "unknown_column": ("eks_prices", "data/eks_prices.csv 1번째 줄 'comment' 열: 스키마에 없는 열입니다. 이 파일의 열은 "
                       "support, usd_per_cluster_hour, confidence, source_url, as_of, note입니다"
                       "(필요하면 aws_original 열을 더할 수 있습니다)."),
    "duplicate_column": ("eks_prices", "data/eks_prices.csv 1번째 줄 'note' 열: 열 이름이 두 번 나옵니다"
                         "(6번째 칸과 7번째 칸)."),
    "value_under_blank_header": ("eks_prices", "data/eks_prices.csv 2번째 줄: 머리글이 빈 7번째 칸에 값 'x'이(가) "
                                 "있습니다. 머리글에 열 이름을 쓰거나 값을 지우세요."),
    "short_row": ("eks_prices", "data/eks_prices.csv 3번째 줄: 칸이 5개입니다. 머리글처럼 6개여야 합니다"
                  "(칸이 모자랍니다: 쉼표 수를 확인하세요)."),
    "long_row": ("eks_prices", "data/eks_prices.csv 3번째 줄: 칸이 7개입니다. 머리글처럼 6개여야 합니다"
                 "(칸이 남습니다: 쉼표 수를 확인하세요)."),
    # keys: both line numbers
    "duplicate_key": ("ec2_prices", "data/ec2_prices.csv 5번째 줄: 2번째 줄과 5번째 줄의 키(instance_type=t3.micro, "
                      "region=us-east-1)가 같습니다. " + SAME_ROW),
    "duplicate_current_limit": ("lambda_limits", "data/lambda_limits.csv 4번째 줄: 2번째 줄과 4번째 줄의 "
                                "키(quantity=memory_max, valid_until=(빈칸))가 같습니다. " + SAME_ROW),
    "second_row_in_single_row_file": ("lambda_free_tier", "data/lambda_free_tier.csv 3번째 줄: 이 파일은 데이터 행이 "
                                      "한 줄이어야 하는데 2번째 줄과 3번째 줄 두 줄이 있습니다. 한 줄을 지우세요."),
    # numbers
    "decimal_comma": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: '0,10'의 쉼표를 읽을 수 "
                      "없습니다. 쉼표는 1,000처럼 세 자리마다 끊는 천 단위 구분에만 쓸 수 있고, 소수점은 마침표(.)로 씁니다."),
    "percent_in_plain_column": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: '10%'에 % 기호가 "
                                "있지만 이 열은 백분율 열이 아닙니다. % 없이 수만 쓰세요."),
    "percent_over_100": ("sla", "data/sla.csv 3번째 줄 'target_pct' 열: 값 100.5은(는) 0에서 100 사이의 백분율이어야 합니다."),
    "currency": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: '$0.10'에 통화 기호가 붙어 "
                 "있습니다. Excel의 통화 서식은 보이는 자릿수로 반올림한 값을 저장하므로, 셀 서식을 '일반'으로 바꾸고 "
                 "원래 값을 넣은 뒤 기호 없이 저장하세요."),
    "excel_error": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: '#N/A'은(는) Excel 오류 "
                    "값입니다. 셀의 수식을 고치거나 값을 직접 넣은 뒤 다시 저장하세요."),
    "narrow_column": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '########'은(는) 값이 아니라 Excel이 열 "
                      "너비가 좁을 때 보여 주는 표시입니다. 열 너비를 넓혀 값이 보이게 한 뒤 다시 저장하세요."),
    "text_in_number": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: 'ten cents'은(는) "
                       "수가 아닙니다."),
    "nan": ("eks_prices", "data/eks_prices.csv 2번째 줄 'usd_per_cluster_hour' 열: 'nan'은(는) 유한한 수가 아닙니다."),
    "inf": ("eks_prices", "data/eks_prices.csv 3번째 줄 'usd_per_cluster_hour' 열: 'inf'은(는) 유한한 수가 아닙니다."),
    "negative_price": ("ec2_prices", "data/ec2_prices.csv 3번째 줄 'usd_per_hour' 열: 값 -0.096은(는) 0보다 커야 합니다."),
    "negative_count": ("request_log", "data/request_log.csv 2번째 줄 'errors_5xx' 열: 값 -1은(는) 0 이상이어야 합니다."),
    "not_integer": ("ec2_prices", "data/ec2_prices.csv 3번째 줄 'vcpu' 열: '2.5'은(는) 정수가 아닙니다."),
    # dates
    "date_dots": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026.08.21'은(는) 날짜 형식이 다릅니다. "
                  "'2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    "date_slashes": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026/08/21'은(는) 날짜 형식이 다릅니다. "
                     "'2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    "date_korean_excel": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026. 8. 21.'은(는) 날짜 형식이 "
                          "다릅니다. '2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    "date_month_first": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '8/21/2026'은(는) 날짜 형식이 다릅니다. "
                         "'2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    "date_ambiguous": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '8/7/2026'은(는) 2026-07-08인지 "
                       "2026-08-07인지 알 수 없는 날짜입니다. 뜻한 날짜를 YYYY-MM-DD 형식으로 쓰세요."),
    "date_with_time": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026-08-21 0:00'에 시각이 붙어 있습니다. "
                       "날짜만 '2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    "date_impossible": ("eks_prices", "data/eks_prices.csv 2번째 줄 'as_of' 열: '2026-13-01'은(는) YYYY-MM-DD 형식의 "
                        "날짜가 아닙니다."),
    "timestamp_dots": ("request_log", "data/request_log.csv 2번째 줄 'timestamp' 열: '2026.03.02 0:00'은(는) 시각 형식이 "
                       "다릅니다. '2026-03-02T00:00'처럼 ISO 형식으로 쓰세요."),
    # text columns
    "unknown_region": ("ec2_prices", "data/ec2_prices.csv 5번째 줄 'region' 열: 'sa-east-1'은(는) " + NOT_IN_REGIONS),
    "region_name_not_korean": ("regions", "data/regions.csv 3번째 줄 'name_ko' 열: 'Asia Pacific (Seoul)'은(는) 이 열의 "
                               "형식에 맞지 않습니다. AWS 콘솔에 나오는 한국어 이름(예: 아시아 태평양(서울))을 한글로 쓰세요."),
    "bad_instance_type": ("ec2_prices", "data/ec2_prices.csv 3번째 줄 'instance_type' 열: 'm5 large'은(는) 이 열의 형식에 "
                          "맞지 않습니다. 't3.micro'처럼 소문자로 '계열과 세대.크기'를 쓰세요."),
    "wrong_case": ("ec2_prices", "data/ec2_prices.csv 3번째 줄 'family_group' 열: 'General'은(는) 허용되지 않는 값입니다. "
                   "허용 값: burstable, general, compute, memory. 대소문자까지 같아야 합니다('general')."),
    "unknown_confidence": ("eks_prices", "data/eks_prices.csv 2번째 줄 'confidence' 열: 'PROBABLY'은(는) 허용되지 않는 "
                           "값입니다. 허용 값: SEEN-AWS, SEEN-AWS-FILE, SEEN-3P, ESTIMATE, SYNTHETIC."),
    "empty_source": ("eks_prices", "data/eks_prices.csv 3번째 줄 'source_url' 열: 값이 비어 있습니다. 이 열은 반드시 "
                     "채워야 합니다."),
    "source_not_an_address": ("eks_prices", "data/eks_prices.csv 2번째 줄 'source_url' 열: 'blog post'은(는) 출처 "
                              "주소(https://…)가 아닙니다."),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_the_exact_message(data_copy, case):
    name, message = REFUSED[case]
    folder = _with_case(data_copy, case)
    with pytest.raises(DataError) as err:
        read(name, folder)
    assert str(err.value) == message
    # The check command reports the same problem first for that file.
    problems = [p for p in datasets.check(folder) if p.file == f"{name}.csv"]
    assert str(problems[0]) == message


def test_a_broken_regions_file_stops_every_file_that_names_a_region(data_copy):
    folder = _with_case(data_copy, "cp949")
    with pytest.raises(DataError) as err:
        read("ec2_prices", folder)
    assert str(err.value) == REFUSED["cp949"][1]
    # The check reports regions.csv once and does not blame every region cell elsewhere.
    assert [p.file for p in datasets.check(folder)] == ["regions.csv"]


def test_cp949_is_not_read_as_garbled_text(data_copy):
    """The CP949 bytes of '미국' are not valid UTF-8; nothing decodes them with a guessed code page."""
    raw = (FIXTURES / "cp949" / "regions.csv").read_bytes()
    assert "미국".encode("cp949") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


# --------------------------------------------------------------------------- the folder and the command

def test_files_the_book_would_not_read_are_reported(data_copy):
    _with_case(data_copy, "workbook_left_in_folder")
    _with_case(data_copy, "renamed_copy")
    (data_copy / "eks_prices.csv").unlink()
    messages = [str(p) for p in datasets.check(data_copy)]
    assert "data/eks_prices.csv: 파일이 없습니다." in messages
    assert ("data/ec2_prices.xlsx: 책은 Excel 통합 문서를 읽지 않습니다. 고친 내용이 책에 들어가려면 ec2_prices.csv에 "
            "'CSV UTF-8(쉼표로 분리)' 형식으로 저장하고, 이 파일은 data/ 밖으로 옮기세요.") in messages
    renamed = [m for m in messages if m.startswith("data/ec2_prices (2).csv: ")]
    assert renamed and renamed[0].startswith(
        "data/ec2_prices (2).csv: 책이 읽지 않는 CSV 파일입니다(이 이름의 데이터셋이 없습니다). 다른 이름으로 저장했다면 "
        "원래 파일 이름(amazon_linux_support.csv, api_gateway_cache_prices.csv, api_gateway_limits.csv, ")
    assert len(messages) == 3


def test_check_of_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="매개변수 'data_dir'에 .*그런 폴더가 없습니다"):
        datasets.check(tmp_path / "nowhere")


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "awsbook.datasets", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120)


def test_command_passes_on_the_book_data():
    proc = _cli("check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"검사한 폴더: {DATA_DIR}"
    assert len(lines) == 1 + len(SCHEMAS) + 1
    assert [line.split(":")[0] for line in lines[1:-1]] == [f"OK    {name}.csv" for name in SCHEMAS]
    assert f"OK    ec2_prices.csv: {len(datasets.load('ec2_prices'))}행" in lines
    assert f"OK    request_log.csv: {len(datasets.load('request_log')):,}행" in lines
    assert lines[-1] == "모든 파일이 검사를 통과했습니다. 이제 책을 다시 빌드하면 됩니다."


def test_command_prints_one_line_per_file_and_fails(data_copy):
    _with_case(data_copy, "duplicate_key")
    _with_case(data_copy, "date_dots")
    proc = _cli("check", str(data_copy))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 + len(SCHEMAS) + 1
    assert ("오류  ec2_prices.csv: 4행, 문제 1건 — 5번째 줄: 2번째 줄과 5번째 줄의 키(instance_type=t3.micro, "
            "region=us-east-1)가 같습니다. " + SAME_ROW) in lines
    assert ("오류  eks_prices.csv: 2행, 문제 1건 — 2번째 줄 'as_of' 열: '2026.08.21'은(는) 날짜 형식이 다릅니다. "
            "'2026-08-21'처럼 YYYY-MM-DD 형식으로 쓰세요.") in lines
    assert sum(line.startswith("OK    ") for line in lines) == len(SCHEMAS) - 2
    assert lines[-1].startswith("문제가 있는 파일 2개, 문제 2건.")


def test_command_shows_the_first_three_problems_of_a_file(data_copy):
    # Four bad cells: confidence and as_of on lines 2 and 3.
    (data_copy / "eks_prices.csv").write_text(
        "support,usd_per_cluster_hour,confidence,source_url,as_of,note\n"
        "standard,0.10,seen-aws,https://aws.amazon.com/eks/pricing/,2026.08.21,\n"
        "extended,0.60,seen-aws,https://aws.amazon.com/eks/pricing/,2026.08.21,\n", encoding="utf-8")
    proc = _cli("check", str(data_copy))
    line = next(x for x in proc.stdout.splitlines() if "eks_prices.csv" in x)
    assert line.startswith("오류  eks_prices.csv: 2행, 문제 4건 — 2번째 줄 'confidence' 열: 'seen-aws'은(는) 허용되지 "
                           "않는 값입니다.")
    assert "; 2번째 줄 'as_of' 열: '2026.08.21'은(는) 날짜 형식이 다릅니다." in line
    assert "; 3번째 줄 'confidence' 열: " in line and "3번째 줄 'as_of'" not in line
    assert line.endswith(" (외 1건)")


def test_command_refuses_a_missing_folder(tmp_path):
    proc = _cli("check", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "그런 폴더가 없습니다" in proc.stderr


# --------------------------------------------------------------------------- rows a teacher adds reach the charts

NEW_TYPE = "c7i.large"
#: A row as a teacher would add it (price and specs are test values, not facts the book prints).
NEW_ROW = (f"{NEW_TYPE},us-east-1,x86_64,compute,2,4,0.08925,SEEN-3P,SEEN-3P,"
           "https://aws.amazon.com/ec2/pricing/on-demand/,,2026-11-29,test row")
SEOUL_ONLY = "c7i.xlarge"
SEOUL_ROW = (f"{SEOUL_ONLY},ap-northeast-2,x86_64,compute,4,8,0.2,SEEN-3P,SEEN-3P,"
             "https://aws.amazon.com/ec2/pricing/on-demand/,,2026-11-29,test row")
FRANKFURT_ROW = ("t3.micro,eu-central-1,x86_64,burstable,2,1,0.012,SEEN-3P,SEEN-3P,"
                 "https://aws.amazon.com/ec2/pricing/on-demand/,,2026-11-29,test row")


def _add_rows(folder: Path, *rows: str) -> Path:
    path = folder / "ec2_prices.csv"
    path.write_text(path.read_text(encoding="utf-8") + "".join(r + "\n" for r in rows), encoding="utf-8")
    return folder


PROBE = r"""
import json
from awsbook import cost
from awsbook.charts import choosing, ec2

def figure_text(fig):
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False)

price = ec2.monthly_price_by_type()
print(json.dumps({
    "types": cost.instance_types(),
    "explorer_types": choosing.explorer_types(),
    "explorer": figure_text(choosing.crossover_explorer()),
    "price_chart_types": [t for trace in price.data for t in (trace.y or [])],
    "price_chart": figure_text(price),
    "scatter": figure_text(ec2.cost_vs_resources()),
    "purchase": figure_text(ec2.purchase_options_chart()),
    "idle": figure_text(ec2.idle_cost_chart()),
    "table": list(ec2.instance_table().index),
    "regions": ec2.REGION_NAMES,
    "comparison": list(ec2.region_comparison_table().index),
}, ensure_ascii=False))
"""


def test_added_rows_reach_the_ec2_charts_and_the_explorer(data_copy):
    folder = _add_rows(data_copy, NEW_ROW, SEOUL_ROW, FRANKFURT_ROW)
    assert datasets.check(folder) == []
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "AWSBOOK_DATA_DIR": str(folder)})
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert NEW_TYPE in seen["types"] and SEOUL_ONLY in seen["types"]
    # Chapter 2: the price bar chart's default view (us-east-1), the scatter, both one-type dropdowns, the table.
    assert NEW_TYPE in seen["price_chart_types"]
    for chart in ("scatter", "purchase", "idle"):
        assert NEW_TYPE in seen[chart], chart
    assert f"{SEOUL_ONLY} (아시아 태평양(서울))" in seen["purchase"]
    assert NEW_TYPE in seen["table"]
    # A region with a Korean name in data/regions.csv joins the region dropdowns.
    assert seen["regions"] == {"us-east-1": "미국 동부(버지니아 북부)", "ap-northeast-2": "아시아 태평양(서울)",
                               "eu-central-1": "유럽(프랑크푸르트)"}
    assert "유럽(프랑크푸르트)" in seen["price_chart"]
    # A Seoul-only type is not compared with a us-east-1 price it does not have.
    assert SEOUL_ONLY not in seen["comparison"]
    # Chapter 8: the crossover explorer lists the featured types first, then every other priced type.
    assert seen["explorer_types"][:4] == ["t3.small", "t4g.small", "m5.large", "c7g.large"]
    assert NEW_TYPE in seen["explorer_types"] and SEOUL_ONLY in seen["explorer_types"]
    assert NEW_TYPE in seen["explorer"]


def _plotly_figures(html_dir: Path, page: str) -> list:
    """Every chart of a built page, from its chart-data script: (data at the controls' first
    positions, layout, the whole stored chart with every state)."""
    script = (html_dir / "_static" / "charts" / f"{page.replace('/', '-')}.js").read_text(encoding="utf-8")
    figures = []
    for line in script.splitlines()[1:]:
        spec = json.loads(line.split(" = ", 1)[1].rstrip(";"))
        data, layout = spec["figure"]["data"], spec["figure"]["layout"]
        if "controls" in spec:
            for slot, value in render.page_state(spec, [c["active"] for c in spec["controls"]]).items():
                if slot[0] == "data":
                    data[slot[2]][slot[1]] = value
        figures.append((data, layout, spec))
    return figures


def _jupyter_book(toc_text: str, out: Path, data_dir: Path, tmp_path: Path):
    toc = tmp_path / "toc.yml"
    toc.write_text(toc_text, encoding="utf-8")
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    # The kernels that run the notebooks inherit both variables from this process.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AWSBOOK_DATA_DIR": str(data_dir)}
    # No -W: a one-chapter table of contents leaves the glossary links dangling (warnings that the
    # full build in test_build.py judges); a notebook that fails to run is checked for below.
    return subprocess.run([jb, "build", str(ROOT), "--toc", str(toc), "--path-output", str(out), "-n",
                           "--keep-going"], capture_output=True, text=True, env=env, timeout=900)


@pytest.mark.build
def test_a_new_instance_type_appears_in_the_built_ec2_chapter(data_copy, tmp_path):
    """The README's one-chapter recipe, pointed at a copy of data/ with one more instance type."""
    folder = _add_rows(data_copy, NEW_ROW)
    out = tmp_path / "book"
    proc = _jupyter_book("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/02_ec2\n", out, folder, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Executing notebook failed" not in proc.stdout + proc.stderr, proc.stdout[-3000:]
    page = (out / "_build" / "html" / "chapters" / "02_ec2.html").read_text(encoding="utf-8")
    figures = _plotly_figures(out / "_build" / "html", "chapters/02_ec2")
    assert len(figures) >= 4
    # The price chart draws a bar for it in its first view (us-east-1, every architecture, one instance) …
    assert any(NEW_TYPE in (trace.get("y") or []) for data, _, _ in figures for trace in data)
    # … and the scatter, the purchase-options and the idle-cost charts carry it in their data or dropdowns.
    assert sum(NEW_TYPE in json.dumps(spec, ensure_ascii=False) for _, _, spec in figures) >= 4
    # The instance table lists it too.
    assert f"<th>{NEW_TYPE}</th>" in html.unescape(page)


@pytest.mark.build
def test_the_build_stops_before_any_notebook_when_data_is_broken(data_copy, tmp_path):
    folder = _with_case(data_copy, "duplicate_key")
    proc = _jupyter_book("format: jb-book\nroot: intro\n", tmp_path / "book", folder, tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "data/ 검사 실패" in output
    assert ("오류  ec2_prices.csv: 4행, 문제 1건 — 5번째 줄: 2번째 줄과 5번째 줄의 키(instance_type=t3.micro, "
            "region=us-east-1)가 같습니다.") in output
    assert "Executing notebook" not in output


RATE_HEADER = "krw_per_usd,confidence,source_url,as_of,note\n"
RATE_ROW = "1439.0,SEEN-3P,https://example.org/close,2025-12-30,\n"


@pytest.mark.parametrize("row, message", [
    # a teacher types the rate as Excel shows it in a currency format
    ('"1,439원",SEEN-3P,https://example.org/new,2026-03-02,\n',
     "data/exchange_rates.csv 3번째 줄 'krw_per_usd' 열: '1,439원'에 통화 기호가 붙어 있습니다. Excel의 통화 서식은 "
     "보이는 자릿수로 반올림한 값을 저장하므로, 셀 서식을 '일반'으로 바꾸고 원래 값을 넣은 뒤 기호 없이 저장하세요."),
    ("0,SEEN-3P,https://example.org/new,2026-03-02,\n",
     "data/exchange_rates.csv 3번째 줄 'krw_per_usd' 열: 값 0은(는) 0보다 커야 합니다."),
    ("1380.5,SEEN-3P,https://example.org/new,2026. 3. 2.,\n",
     "data/exchange_rates.csv 3번째 줄 'as_of' 열: '2026. 3. 2.'은(는) 날짜 형식이 다릅니다. "
     "'2026-03-02'처럼 YYYY-MM-DD 형식으로 쓰세요."),
    ("1380.5,SEEN-3P,https://example.org/again,2025-12-30,\n",
     "data/exchange_rates.csv 3번째 줄: 2번째 줄과 3번째 줄의 키(as_of=2025-12-30)가 같습니다. " + SAME_ROW),
])
def test_a_bad_exchange_rate_row_stops_with_file_and_row(data_copy, monkeypatch, row, message):
    from awsbook import money

    (data_copy / "exchange_rates.csv").write_text(RATE_HEADER + RATE_ROW + row, encoding="utf-8")
    with pytest.raises(DataError) as err:
        read("exchange_rates", data_copy)
    assert str(err.value) == message
    assert [str(p) for p in datasets.check(data_copy)] == [message]
    # The conversion to won stops with the same message instead of using a wrong rate.
    monkeypatch.setattr(datasets, "DATA_DIR", data_copy)
    datasets._cached.cache_clear()
    money.exchange_rate.cache_clear()
    try:
        with pytest.raises(DataError) as err:
            money.to_krw(100)
        assert str(err.value) == message
    finally:
        monkeypatch.setattr(datasets, "DATA_DIR", DATA_DIR)
        datasets._cached.cache_clear()
        money.exchange_rate.cache_clear()


def test_the_build_reruns_notebooks_after_a_data_change(data_copy, tmp_path, monkeypatch):
    from awsbook.book import datacheck

    monkeypatch.setattr(datasets, "DATA_DIR", data_copy)
    cache = tmp_path / ".jupyter_cache"
    app = SimpleNamespace(env=SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(cache)),
                                              found_docs={"intro", "chapters/02_ec2"}))
    env = app.env
    # First build: every page is new anyway; the cache gets the data's fingerprint.
    assert datacheck.refresh_when_data_changed(app, env, {"intro", "chapters/02_ec2"}, set(), set()) == []
    assert (cache / datacheck.STAMP).read_text() == datacheck.fingerprint(data_copy)
    (cache / "executed.db").write_text("outputs made from the first data")
    # Nothing changed: the cache stays, no page is reread.
    assert datacheck.refresh_when_data_changed(app, env, set(), set(), set()) == []
    assert (cache / "executed.db").exists()
    # A teacher adds a row: cached outputs are dropped and every page is read again.
    _add_rows(data_copy, NEW_ROW)
    assert datacheck.refresh_when_data_changed(app, env, set(), {"intro"}, set()) == ["chapters/02_ec2"]
    assert not (cache / "executed.db").exists()
    assert (cache / datacheck.STAMP).read_text() == datacheck.fingerprint(data_copy)


def test_the_build_check_names_each_broken_file(data_copy, monkeypatch):
    from awsbook.book import datacheck

    monkeypatch.setattr(datasets, "DATA_DIR", _with_case(data_copy, "unknown_region"))
    with pytest.raises(datacheck.DataCheckError) as err:
        datacheck.check_data(None)
    assert str(err.value).splitlines()[1] == (
        "오류  ec2_prices.csv: 4행, 문제 1건 — 5번째 줄 'region' 열: 'sa-east-1'은(는) " + NOT_IN_REGIONS)
    monkeypatch.setattr(datasets, "DATA_DIR", DATA_DIR)
    datacheck.check_data(None)  # the book's own data passes

