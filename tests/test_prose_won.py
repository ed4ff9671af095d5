"""Every total the body prose gives in dollars for a month (or a week, a year, a bill) also reads in won
(issue 24: a Korean reader sees what it costs on their bill).

The rule, applied to each sentence of the chapters' and lab pages' Markdown outside exercise and
solution boxes (a table row or list item is a sentence of its own):

* an amount is ``<!--num KEY-->…<!--/num-->달러``;
* it is a **unit price**, and stays in dollars only, when its key names a rate (``rate``, ``hourly``,
  ``per_``) or the words just before it end in "…당" (시간당, 100만 건당, GB-초당);
* otherwise it is a **total** when its key names a period or a bill (``month``, ``total``, ``week``, …)
  or the sentence speaks of one (월, 한 달, 2월, 주마다, 1년, 합계, 청구서);
* a total must be followed in the same sentence by a won value (a ``…_krw…`` marker).  Parts of a total
  pass when the total's won follows them ("요청 요금 2.00달러와 … 더하면 월 10.33달러(약 1만 4,900원)").
"""

from __future__ import annotations

import json
import re

import pytest

from awsbook import prose
from awsbook.classroom.notebooks import without_directives
from conftest import ROOT

#: Pages whose body prose quotes bills: the chapters and the lab pages.
PAGES = sorted([*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("labs/*/lab.ipynb")])

UNIT_KEY = re.compile(r"rate|hourly|per_")
#: "…당" ending a word: 시간당, 건당, GB-초당 (not 해당).
UNIT_WORD = re.compile(r"(?<!해)당(?=[\s(]|$)")
TOTAL_KEY = re.compile(r"(?:^|_)(?:month|monthly|total|bill|year|week|day|daily)(?:_|$)")
PERIOD_WORD = re.compile(r"한 달|매달|매월|\d*월 |\d+년|한 해|주마다|한 주|하루|합계|청구서")


def sentences(markdown: str) -> list[str]:
    """``markdown`` cut into sentences: at a line break or at ".", "!", "?" before a space (a quoted
    number's own decimal point does not end a sentence)."""
    masked = prose.MARKER.sub(lambda m: m.group(0).replace(".", "0"), markdown)
    cuts = [m.end() for m in re.finditer(r"[.!?](?=\s)|\n", masked)]
    return [markdown[a:b] for a, b in zip([0, *cuts], [*cuts, len(markdown)]) if markdown[a:b].strip()]


def totals_without_won(markdown: str) -> list[str]:
    """Keys of the dollar totals in ``markdown`` that no won value follows in their sentence."""
    missing = []
    for sentence in sentences(markdown):
        markers = list(prose.MARKER.finditer(sentence))
        for i, m in enumerate(markers):
            if not sentence.startswith("달러", m.end()):
                continue
            before = markers[:i]
            words_before = sentence[before[-1].end() if before else 0:m.start()]
            if UNIT_KEY.search(m["key"]) or UNIT_WORD.search(words_before):
                continue
            if not (TOTAL_KEY.search(m["key"]) or PERIOD_WORD.search(sentence)):
                continue
            if not any("_krw" in q["key"] for q in markers[i + 1:]):
                missing.append(m["key"])
    return missing


def body_markdown(path) -> list[str]:
    """The Markdown cells of a notebook without their exercise and solution boxes."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [without_directives("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "markdown"]


# --------------------------------------------------------------------------- the rule on hand-written sentences

def q(key: str, text: str = "1.00") -> str:
    return f"<!--num {key}-->{text}<!--/num-->"


@pytest.mark.parametrize("markdown, missing", [
    # A monthly total without won; the same with it.
    (f"한 달에 {q('lab_ec2_monthly', '11.24')}달러입니다.", ["lab_ec2_monthly"]),
    (f"한 달에 {q('lab_ec2_monthly', '11.24')}달러(약 {q('lab_ec2_monthly_krw', '1만 6,200원')})입니다.", []),
    # A total known by its sentence (월), not by its key.
    (f"고정 용량으로 치르면 월 {q('ov_fixed_usd', '16,560.23')}달러입니다.", ["ov_fixed_usd"]),
    # Unit prices stay in dollars: by key, and by "…당" before them, even in a sentence about a month.
    (f"한 달 내내 켜 두면 시간당 {q('x_cost', '0.0104')}달러입니다.", []),
    (f"월 333,000,000건까지 100만 건당 {q('lam_rest_first_usd', '3.50')}달러입니다.", []),
    (f"한 달이면 {q('ec2_ipv4_hourly', '0.005')} × 730입니다.", []),
    # Parts of a total pass when the total's won follows them in the sentence.
    (f"요청 요금 {q('a_usd')}달러와 컴퓨팅 요금 {q('b_usd')}달러를 더하면 월 {q('c_total_usd')}달러"
     f"(약 {q('c_total_krw', '1만 원')})입니다.", []),
    # A won value in the next sentence does not count; a decimal point inside a number does not end one.
    (f"2월의 합계는 {q('t_total_usd', '75.14')}달러입니다. 환율로는 {q('t_total_krw', '10만 원')}입니다.",
     ["t_total_usd"]),
    # A table row is a sentence of its own.
    (f"| 합계 | | {q('lam_reg_total_usd', '75.14')}달러 |\n| 원화 | | {q('lam_reg_total_krw', '10만 원')} |",
     ["lam_reg_total_usd"]),
    # An amount that is neither a unit price nor a total (a credit, no period named) is left alone.
    (f"학교가 잃은 신뢰는 크레딧 {q('sla_credit_ex_usd', '28.03')}달러와 비교할 수 없습니다.", []),
])
def test_the_rule_finds_totals_without_won(markdown, missing):
    assert totals_without_won(markdown) == missing


def test_exercise_and_solution_boxes_are_not_body_prose():
    text = (f"본문\n\n```{{exercise}}\n:label: x\n\n한 달에 {q('x_month')}달러입니다.\n```\n\n"
            f"````{{solution}} x\n:class: dropdown\n\n```python\nmonth = 1\n```\n월 {q('y_month')}달러\n````\n끝")
    assert without_directives(text) == "본문\n\n\n끝"
    assert totals_without_won(text) == ["x_month", "y_month"]
    assert totals_without_won(without_directives(text)) == []


# --------------------------------------------------------------------------- the book as it is

@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_body_prose_total_in_dollars_reads_in_won(path):
    missing = [key for text in body_markdown(path) for key in totals_without_won(text)]
    assert missing == [], f"{path.name}: 달러 합계에 원화가 없습니다: {missing}"


def test_won_values_added_for_the_totals_match_hand_arithmetic():
    # At data/exchange_rates.csv's 1,439 KRW per USD, without VAT, read to the nearest hundred won:
    n = prose.values()
    assert n["lab_eks_monthly_krw"] == "13만 2,100원"       # 0.1258 × 730 = 91.834 USD × 1,439 = 132,149
    assert n["eks_credit_first_krw"] == "1만 500원"         # 73.00 × 10 % = 7.30 USD × 1,439 = 10,505
    assert n["eks_reg_week_fee_krw"] == "2만 4,200원"       # 0.10 × 168 = 16.80 USD × 1,439 = 24,175
    # Windows licence, 1 vCPU all month: 0.0000127778 × 3,600 × 730 = 33.58 USD × 1,439 = 48,322
    assert n["fg_win_licence_month_krw"] == "4만 8,300원"
    assert n["lab_vat_pct"] == 10
