"""Numbers the prose quotes: computed from data/, written into the Markdown, never stale."""

from __future__ import annotations

import json
import re
import shutil

import numpy as np
import pytest

from awsbook import crossover, prose
from conftest import ROOT


# --------------------------------------------------------------------------- the book as it is

def test_every_quoted_number_matches_the_data():
    # The test that fails when a price changes in data/ and nobody ran `python -m awsbook.prose sync`.
    assert prose.problems() == []


def test_the_book_quotes_numbers_in_every_chapter_that_has_them():
    files = {q.file for path in prose.source_files() for q in prose.quotes(path)}
    for chapter in prose.CHAPTERS:
        assert {chapter + ".md", chapter + ".ipynb"} & files, chapter


def test_every_value_is_quoted_somewhere():
    # A value no page quotes is dead code, and a key the prose lost by mistake.
    quoted = {q.key for path in prose.source_files() for q in prose.quotes(path)}
    assert sorted(set(prose.values()) - quoted) == []


def test_no_quote_starts_a_line():
    # A line that starts with "<!--" is an HTML block in CommonMark: its Markdown would not be parsed.
    for path in prose.source_files():
        for _, text in prose._markdown_texts(path):
            for line in text.splitlines():
                assert not line.lstrip().startswith("<!--num"), (path.name, line)


def test_no_quote_sits_inside_inline_code():
    # Inside `code` the comments would print as they are; a value that should look like code carries
    # its own backticks (e.g. "`t4g.micro`").
    for path in prose.source_files():
        for _, text in prose._markdown_texts(path):
            bare = prose.MARKER.sub("<!--num-->", text)
            for line in bare.splitlines():
                for m in re.finditer("<!--num-->", line):
                    assert line[:m.start()].count("`") % 2 == 0, (path.name, line)


def test_region_names_in_the_prose_are_the_ones_in_the_data():
    # Korean pages spell us-west-2 both 오리건 and 오레곤; the book uses the name data/regions.csv has.
    from awsbook import datasets
    names = set(datasets.read("regions")["name_ko"])
    pattern = re.compile(r"(?:미국 동부|미국 서부|아시아 태평양|유럽|캐나다)\([^)]{1,12}\)")
    seen = [(path.name, m) for path in prose.source_files()
            for _, text in prose._markdown_texts(path) for m in pattern.findall(text)]
    assert seen and [s for s in seen if s[1] not in names] == []


def test_values_are_plain_python_values():
    values = prose.values()
    assert len(values) > 100
    assert all(type(v) in (int, float, str) for v in values.values()), values


# --------------------------------------------------------------------------- the mechanism

def test_render_uses_the_marker_format_spec():
    assert prose.render(10240.0, ",.0f") == "10,240"
    assert prose.render(99.95, "g") == "99.95"
    assert prose.render("43분 12초", "") == "43분 12초"


def test_sync_rewrites_stale_numbers_and_reports_them(tmp_path):
    (tmp_path / "chapters").mkdir()
    nb = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {},
                     "source": ["최대 <!--num lam_memory_max:,.0f-->3,008<!--/num--> MB,\n",
                                "타임아웃 <!--num lam_timeout_s:,.0f-->900<!--/num-->초"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "chapters" / "x.ipynb"
    path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "intro.md").write_text("동시 실행 <!--num lam_memory_min:.0f-->128<!--/num-->\n", encoding="utf-8")

    changed = prose.sync(tmp_path)

    assert [(q.key, q.text, q.expected) for q in changed] == [("lam_memory_max", "3,008", "10,240")]
    cell = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert cell["source"] == ["최대 <!--num lam_memory_max:,.0f-->10,240<!--/num--> MB,\n",
                              "타임아웃 <!--num lam_timeout_s:,.0f-->900<!--/num-->초"]
    assert prose.sync(tmp_path) == []  # nothing left to do


def test_sync_follows_a_price_change(tmp_path):
    # A different t3.micro price moves the Lambda chapter's break-even point: the prose follows.
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    new = dict(prose.values(), lam_be_t3micro_man=1234.5)
    changed = prose.sync(tmp_path, known=new)
    assert {(q.file, q.key, q.expected) for q in changed} == {("chapters/04_lambda.ipynb", "lam_be_t3micro_man",
                                                               "1,234")}


def test_problems_name_unknown_keys_and_stale_text(tmp_path):
    (tmp_path / "intro.md").write_text("<b>x</b> <!--num nope:.0f-->1<!--/num--> "
                                       "<!--num lam_memory_min:.0f-->64<!--/num-->\n", encoding="utf-8")
    found = prose.problems(tmp_path)
    assert any("'nope'" in p for p in found)
    assert any("'lam_memory_min'" in p and "'64'" in p and "'128'" in p for p in found)


def test_check_command_exits_non_zero_on_drift_and_sync_fixes_it(tmp_path, capsys):
    (tmp_path / "intro.md").write_text("a <!--num lam_memory_min:.0f-->64<!--/num-->\n", encoding="utf-8")
    assert prose.main(["check", "--root", str(tmp_path)]) == 1
    assert prose.main(["sync", "--root", str(tmp_path)]) == 0
    assert "64 → 128" in capsys.readouterr().out
    assert prose.main(["check", "--root", str(tmp_path)]) == 0


# --------------------------------------------------------------------------- values against hand arithmetic

def test_sla_numbers():
    n = prose.sla()
    assert n["sla_999_month"] == "43분 12초"      # 30 d × 1,440 min × 0.1 % = 43.2 min
    assert n["sla_feb_month"] == "40분 19.2초"    # 28 d × 1,440 min × 0.1 % = 40.32 min


def test_container_numbers_match_hand_calculations():
    eks, fargate, ecs = prose.eks(), prose.fargate(), prose.ecs()
    assert (eks["eks_month_standard"], eks["eks_month_extended"], eks["eks_threshold"]) == (
        pytest.approx(73.0), pytest.approx(438.0), 19)
    assert eks["eks_extended_ratio"] == pytest.approx(6)
    assert fargate["fg_example_total"] == pytest.approx(36.0401) and fargate["fg_billed_20"] == 60
    assert fargate["fg_lambda_timeout_min"] == 15 and (fargate["fg_4vcpu_min"], fargate["fg_4vcpu_max"]) == (8, 30)
    assert (ecs["ecs_m5_tasks"], ecs["ecs_m5_idle_memory_pct"]) == (2, 50)


def test_registration_on_containers_matches_hand_calculations():
    ecs, eks, fargate = prose.ecs(), prose.eks(), prose.fargate()
    # 10:00 peak 15,079.3 rps; a task serves 25 × 0.7 = 17.5 rps: 15,079.3 / 17.5 = 861.67 → 862 tasks; two
    # 1-vCPU tasks per 2-vCPU .large → 431 instances; c6i.large 431 × 0.085 = 36.635 USD an hour,
    # m5.large 431 × 0.096 = 41.376, r6i.large 431 × 0.126 = 54.306; February 672 h × 36.635 = 24,618.72
    assert (ecs["ecs_reg_tasks"], ecs["ecs_reg_instances"], ecs["ecs_reg_same_fleet"]) == (862, 431, "같습니다")
    assert (ecs["ecs_reg_c6i_hour"], ecs["ecs_reg_m5_hour"], ecs["ecs_reg_r6i_hour"]) == (
        pytest.approx(36.635), pytest.approx(41.376), pytest.approx(54.306))
    assert ecs["ecs_reg_c6i_month"] == pytest.approx(24_618.72)
    # 10:05 starts at 1,568.2 rps: 1,568.2 / 17.5 = 89.6 → 90 tasks → 45 instances
    assert (ecs["ecs_reg_later_tasks"], ecs["ecs_reg_later_instances"]) == (90, 45)
    # EKS fee for a 168-hour week 0.10 × 168 = 16.80; a quiet week runs one pod on one c6i.large all week:
    # 168 × 0.085 = 14.28, so the fee's share is 16.80 / (16.80 + 14.28) = 54.05 %
    assert (eks["eks_reg_week_fee"], eks["eks_reg_w4_nodes_usd"]) == (pytest.approx(16.8), pytest.approx(14.28))
    assert eks["eks_reg_w4_share"] == pytest.approx(54.054, abs=0.001) == eks["eks_reg_quiet_share_min"]
    assert eks["eks_reg_month_fee"] == pytest.approx(67.2) and eks["eks_year_fee"] == pytest.approx(876.0)
    # Fargate: one task-hour 0.04048 + 2 × 0.004445 = 0.04937 USD; the 10:00 fleet left on 862 × 672 = 579,264
    # task-hours = 28,598.26 USD
    assert fargate["fg_reg_task_hour"] == pytest.approx(0.04937)
    assert fargate["fg_reg_fixed_task_hours"] == 579_264 and fargate["fg_reg_fixed_usd"] == pytest.approx(28_598.26, abs=0.01)
    # Windows 1 vCPU · 2 GB all month: 730 × 3,600 × (0.0000254167 + 0.0000127778 + 2 × 0.0000027778) = 114.975
    assert fargate["fg_win_month"] == pytest.approx(114.975, abs=0.001) and fargate["fg_win_min_minutes"] == 5
    # 50 GB configured, 20 GB free: 30 × 0.0000000308 × 3,600 × 730 = 2.4283 USD
    assert fargate["fg_storage_example_usd"] == pytest.approx(2.4283, abs=0.0001)


def test_ec2_numbers():
    assert prose.ec2()["ec2_m7g_cheaper_pct"] == pytest.approx(15.0)  # 1 − 0.0816 / 0.096
    assert prose.ec2()["ec2_seoul_premium_min"] == pytest.approx(22.9, abs=0.05)  # m5.large 0.118 / 0.096


def test_lambda_numbers_match_hand_values():
    numbers = prose.lambda_()
    assert numbers["lam_ex_total_usd"] == pytest.approx(10.33335)
    assert numbers["lam_ex_free_total_usd"] == pytest.approx(3.46667)
    assert numbers["lam_be_t3micro_man"] == pytest.approx(734.7, abs=0.1)  # 7.347 M requests
    assert numbers["lam_memory_old_max"] == 3008 and numbers["lam_memory_max"] == 10240
    # The registration month on Lambda (120 ms, 512 MB, HTTP API): 34,154,130 requests × $0.0000002 = $6.8308,
    # × 0.12 s × 0.5 GB × $0.0000166667 = $34.1542, × $1.00 per million = $34.1541; $75.1392.
    assert numbers["lam_reg_total_usd"] == pytest.approx(6.830826 + 34.154198 + 34.15413, rel=1e-6)
    assert numbers["lam_reg_concurrency"] == pytest.approx(15_079.3 * 0.12)            # 1,809.5 environments
    assert numbers["lam_reg_throttled"] == pytest.approx(724_365 - 60 * 1_000 / 0.12)  # 224,365 requests
    # Provisioned Concurrency for the 10:00 hour: 1,810 × 0.5 GB × 3,600 s × $0.0000041667 = $13.5751
    assert numbers["lam_pc_concurrency_usd"] == pytest.approx(1_810 * 0.5 * 3_600 * 0.0000041667)
    # The exceptions to 15 minutes: 5,400 s on Managed Instances, 31,622,400 s (366 days) for durable functions
    assert (numbers["lam_mi_timeout_min"], numbers["lam_durable_max_days"]) == (90, 366)


def test_choosing_numbers_back_the_prose():
    n = prose.choosing()
    assert (n["mem_max_mb"], n["mem_old_max_mb"], n["vcpu_max"], n["timeout_s"]) == (10240, 3008, 6, 900)
    assert (n["mem_change_year"], n["mem_change_month"], n["mem_change_day"]) == (2020, 12, 1)
    assert n["ref_be_requests_10k"] == pytest.approx(1469.4170, rel=1e-6)  # in units of 10,000 (만)
    # Sentences the chapter writes in words must stay true when data/ changes:
    assert n["ref_be_api_requests_10k"] < n["ref_be_requests_10k"]  # "API Gateway ... 내려갑니다"
    assert n["capacity_lambda_intervals"] >= 2  # "Lambda가 더 싼 구간이 N개로 나뉩니다"
    # The registration peak on t3.small at 50 rps and 70 %: ceil(15,079.3 / 35) = 431, × 672 h × $0.0208
    assert n["choose_reg_fleet"] == 431
    assert n["choose_reg_fleet_usd"] == pytest.approx(431 * 672 * 0.0208)
    assert n["choose_reg_fleet_usd"] > n["choose_reg_with_api_usd"]  # "Lambda 청구서의 약 N배"
    assert n["choose_reg_requests_man"] > n["ref_be_requests_10k"]  # "그 두 배가 넘는" (past the break-even)
    costs = crossover.busy_hours_costs(np.arange(1, 25), crossover.BUSY_RPS, 100, 512, "t3.small",
                                       rps_per_instance=crossover.RPS_PER_INSTANCE, **crossover.SIZING)
    assert (costs["ec2_scheduled_usd"] < costs["lambda_usd"]).all()  # "바쁜 시간에만 켜는 쪽이 더 쌉니다"


def test_no_dollar_sign_opens_a_quoted_number():
    # "$<!--num …-->" next to another "$" is read as the edges of a formula (MyST dollarmath, JupyterLab's MathJax):
    # the prose writes amounts as "12.66달러".
    found = [f"{q.file}: {q.key}" for path in prose.source_files() for q in prose.quotes(path)
             if f"$<!--num {q.key}" in path.read_text(encoding="utf-8")]
    assert found == []
