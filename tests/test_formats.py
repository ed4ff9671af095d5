"""One number style across the book: Korean units for counts and won, dollars with sensible cents."""

from __future__ import annotations

import subprocess
import sys

import pytest

from awsbook import formats
from conftest import ROOT


@pytest.mark.parametrize(("n", "unit", "text"), [
    (0, "", "0"),
    (3.5, "원", "3.5원"),                # below 10 a fraction keeps two significant digits
    (8_500, "건", "8,500건"),            # below 1만: digits, no space before the unit
    (9_994, "", "9,994"),
    (9_999.6, "", "1만"),                # 0.99996만 rounds to 1만, not "10,000"
    (123_456, "", "12.3만"),             # 12.3456만, three significant digits
    (7_347_085, "건", "735만 건"),        # 734.7085만: whole 만 from 100만 up, a space before the unit
    (14_700_000, "원", "1,470만 원"),
    (99_940_000, "", "9,994만"),
    (99_996_000, "", "1억"),             # 0.99996억 rounds to 1억, not "10,000만"
    (2.5e8, "", "2.5억"),
    (2.5e9, "", "25억"),
    (2.5e10, "건", "250억 건"),
    (-123_456, "", "−12.3만"),
])
def test_korean_count(n, unit, text):
    assert formats.korean_count(n, unit) == text


def test_korean_count_never_writes_english_units():
    for k in range(0, 13):
        text = formats.korean_count(10 ** k)
        assert not any(c in text for c in "kKMBGe"), text


@pytest.mark.parametrize(("x", "text", "with_cents"), [
    (0, "$0", "$0.00"),
    (3_504, "$3,504", "$3,504.00"),      # whole dollars from $1,000
    (999.996, "$1,000", "$1,000.00"),    # rounds up into whole dollars
    (720.8, "$720.80", "$720.80"),
    (7.5, "$7.50", "$7.50"),
    (0.2, "$0.20", "$0.20"),
    (0.0042, "$0.0042", "$0.00"),        # below a cent: two significant digits
    (0.00001234, "$0.000012", "$0.00"),
    (-12.3, "−$12.30", "−$12.30"),
])
def test_usd(x, text, with_cents):
    assert formats.usd(x) == text
    assert formats.usd(x, cents=True) == with_cents


def test_won_and_rps():
    # 10.33 USD × 1,439 KRW/USD = 14,864.87 KRW -> 1.49만 원
    assert formats.won(10.33 * 1_439) == "1.49만 원"
    assert formats.won(8_543) == "8,543원"
    assert formats.won(2.5e8) == "2.5억 원"
    assert [formats.rps_text(x) for x in (0.0038, 2.8, 381.4)] == ["0.0038", "2.80", "381"]


@pytest.mark.parametrize("krw, text", [
    (23_834_000, "2,383만 원"),   # from 1,000,000 won: to 10,000 won
    (1_000_000, "100만 원"),
    (155_912, "15만 5,900원"),    # from 10,000 won: to 100 won
    (100_049, "10만 원"),          # no "0원" tail
    (5_246, "5,250원"),           # below 10,000 won: to 10 won
    (-683_083, "-68만 3,100원"),
])
def test_won_spoken(krw, text):
    assert formats.won_spoken(krw) == text


def test_formats_loads_no_other_module():
    code = "import sys, awsbook.formats; print(sorted(m for m in sys.modules if m.startswith(('awsbook.', 'numpy', 'pandas', 'plotly'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "['awsbook.formats']"
