"""Amazon Linux support dates (data/amazon_linux_support.csv) and the release still supported on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from awsbook import os_support
from awsbook.validate import Refusal


def test_al2_end_of_support_after_three_postponements():
    # AWS's Amazon Linux 2 page: "Amazon Linux 2 reached end-of-support on June 30, 2026."; the AL2 FAQ moved
    # the date from 2023-06-30 to 2024-06-30, then 2025-06-30, then 2026-06-30: three postponements.
    assert os_support.support_end("AL2") == dt.date(2026, 6, 30)
    assert os_support.announced_ends("AL2") == [dt.date(2023, 6, 30), dt.date(2024, 6, 30), dt.date(2025, 6, 30),
                                                dt.date(2026, 6, 30)]
    assert os_support.postponements("AL2") == 3
    # AL2023 release cadence: "The maintenance phase ends June 30, 2029." Never postponed.
    assert os_support.support_end("AL2023") == dt.date(2029, 6, 30)
    assert os_support.postponements("AL2023") == 0


@pytest.mark.parametrize("launch, release", [
    (dt.date(2026, 9, 1), "AL2023"),   # the exercise: AL2 ended on 2026-06-30, before the launch
    (dt.date(2026, 6, 30), "AL2023"),  # both supported on AL2's last day; AL2023 has more support left
    (dt.date(2029, 6, 30), "AL2023"),  # AL2023's last supported day
])
def test_the_release_with_the_most_support_left(launch, release):
    assert os_support.supported_release(launch) == release


def test_no_release_or_no_date_is_refused_in_korean():
    with pytest.raises(Refusal) as err:
        os_support.supported_release(dt.date(2029, 7, 1))
    assert "지원되는 Amazon Linux 배포판이 없습니다" in str(err.value)
    with pytest.raises(Refusal) as err:
        os_support.supported_release("2026-09-01")
    assert "datetime.date" in str(err.value)
    with pytest.raises(Refusal):
        os_support.support_end("AL1")
