"""Korean argument checks name the parameter, repeat the value and say what is allowed."""

from __future__ import annotations

import math
import re

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


def test_a_refusal_carries_its_parts_as_attributes():
    with pytest.raises(validate.RefusedValue) as err:
        validate.choice("instance_type", "t3.mircro", ["t3.micro", "t3.small", "m5.large"])
    refusal = err.value
    assert isinstance(refusal, ValueError) and isinstance(refusal, validate.Refusal)
    assert (refusal.param, refusal.value) == ("instance_type", "t3.mircro")
    assert refusal.options == ("t3.micro", "t3.small", "m5.large")
    assert refusal.suggestions[0] == "t3.micro"
    assert str(refusal) == ("매개변수 'instance_type'에 't3.mircro'이(가) 주어졌습니다. 't3.micro', 't3.small', "
                            "'m5.large' 중 하나만 허용됩니다. 혹시 't3.micro'을(를) 찾으셨나요?")
    # the same refusal as a dashboard shows it, under the label the reader sees
    assert refusal.message(label="인스턴스 유형").startswith("입력 칸 '인스턴스 유형'에 't3.mircro'이(가) 주어졌습니다.")
    with pytest.raises(validate.RefusedType) as err:
        validate.number("memory_mb", "512", low=128)
    assert isinstance(err.value, TypeError) and err.value.allowed == "128 이상의 수"


def test_refuse_builds_every_variant_from_one_template():
    plain = validate.refuse("x", 3, "0 이상 2 이하의 수")
    assert str(plain) == "매개변수 'x'에 3이(가) 주어졌습니다. 0 이상 2 이하의 수만 허용됩니다."
    inside = validate.refuse("xs", -1.0, "0 이상의 수", contained=True, reason="배열의 값은")
    assert str(inside) == "매개변수 'xs'에 -1.0이(가) 들어 있습니다. 배열의 값은 0 이상의 수만 허용됩니다."
    one = validate.refuse("arch", "arm64", ("x86_64",), shown="'arm64'(Arm)")
    assert str(one) == "매개변수 'arch'에 'arm64'(Arm)이(가) 주어졌습니다. 'x86_64'만 허용됩니다."
    assert one.suggestions == () and isinstance(validate.refuse("a", 1, "b", type_error=True), TypeError)


@pytest.mark.parametrize("good", [True, False, np.bool_(True)])
def test_boolean_accepts_only_booleans(good):
    assert validate.boolean("free_tier", good) is bool(good)


@pytest.mark.parametrize("bad", [1, 0, "True", None])
def test_boolean_refuses_everything_else(bad):
    with pytest.raises(TypeError) as err:
        validate.boolean("free_tier", bad)
    assert str(err.value) == f"매개변수 'free_tier'에 {bad!r}이(가) 주어졌습니다. True 또는 False만 허용됩니다."


def test_no_refusal_is_written_by_hand_outside_validate():
    from pathlib import Path
    root = Path(validate.__file__).parent
    sources = [p for p in root.rglob("*.py") if p.name != "validate.py"]
    offenders = [p.relative_to(root).as_posix() for p in sources
                 if re.search(r"매개변수 '|주어졌습니다|찾으셨나요", p.read_text(encoding="utf-8"))]
    # The price command's own options ('--region') and a grader's verdict on a typed answer are not
    # argument refusals.
    assert sorted(offenders) == ["exercises/answers.py", "prices/refresh.py"]


def test_array_refuses_ragged_input_as_a_type_error():
    with pytest.raises(validate.RefusedType) as err:
        validate.array("requests", [[1, 2], [3]])
    assert err.value.param == "requests" and err.value.value == [[1, 2], [3]]
    assert str(err.value) == "매개변수 'requests'에 [[1, 2], [3]]이(가) 주어졌습니다. 수 또는 수의 배열만 허용됩니다."
    # an exclusive upper bound refuses the bound itself, an inclusive one keeps it
    assert validate.array("x", [5.0], high=5).tolist() == [5.0]
    with pytest.raises(ValueError):
        validate.array("x", [5.0], high=5, high_inclusive=False)
    assert validate.array("x", 3).dtype == np.float64


def test_rate_is_the_data_price_unless_a_positive_price_is_given():
    assert validate.rate("usd_per_hour", None, 0.0104) == 0.0104
    assert validate.rate("usd_per_hour", 0.02, 0.0104) == 0.02
    with pytest.raises(validate.RefusedValue) as err:
        validate.rate("usd_per_hour", 0, 0.0104)
    assert str(err.value) == "매개변수 'usd_per_hour'에 0이(가) 주어졌습니다. 0 초과의 수만 허용됩니다."
    with pytest.raises(validate.RefusedType):
        validate.rate("usd_per_hour", "0.02", 0.0104)
