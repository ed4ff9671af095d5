"""Korean argument checks name the parameter, repeat the value and say what is allowed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from awsbook import validate


def test_number_accepts_numpy_and_python_numbers():
    assert validate.number("x", np.float64(2.5), low=0) == 2.5
    assert validate.number("x", 3, low=0, integer=True) == 3.0


@pytest.mark.parametrize("bad", [True, "12", None, [1]])
def test_number_refuses_non_numbers(bad):
    with pytest.raises(TypeError) as err:
        validate.number("memory_mb", bad)
    assert "'memory_mb'" in str(err.value) and repr(bad) in str(err.value)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1, 10241])
def test_number_refuses_out_of_range(bad):
    with pytest.raises(ValueError) as err:
        validate.number("memory_mb", bad, low=128, high=10240)
    assert str(err.value) == (
        f"매개변수 'memory_mb'에 {bad!r}이(가) 주어졌습니다. 128 이상 10,240 이하의 수만 허용됩니다.")


def test_open_bounds_and_integers():
    with pytest.raises(ValueError, match="0 초과 100 미만의 수"):
        validate.number("p", 100, low=0, high=100, low_inclusive=False, high_inclusive=False)
    with pytest.raises(ValueError, match="1 이상의 정수"):
        validate.number("count", 1.5, low=1, integer=True)


def test_array_reports_the_first_bad_element():
    assert validate.array("requests", [0, 1e6]).tolist() == [0, 1e6]
    with pytest.raises(ValueError, match="'requests'에 -5.0이\\(가\\) 들어 있습니다. 0 이상의 수"):
        validate.array("requests", [1, -5, np.nan], low=0)
    with pytest.raises(TypeError):
        validate.array("requests", ["a"])


def test_choice_suggests_close_names():
    assert validate.choice("region", "us-east-1", ["us-east-1"]) == "us-east-1"
    with pytest.raises(ValueError) as err:
        validate.choice("instance_type", "t3.mircro", ["t3.micro", "t3.small", "m5.large"])
    assert "'t3.micro'" in str(err.value) and "혹시" in str(err.value)
    with pytest.raises(TypeError):
        validate.choice("region", 1, ["us-east-1"])
