"""Every checked parameter of every model refuses a value just outside what is allowed, and says exactly
what is allowed.

The "allowed" text spells out the bounds, whether each is included and whether only whole numbers
are allowed ("128 이상 10,240 이하의 정수"), so each row pins one parameter's documented range:
a moved bound, an included bound that became excluded, a lost integer rule or a wrong parameter
name changes the text.  The ranges are the ones the docstrings and the book state (Lambda memory
128–10,240 MB and at most 900 s, 744 hours in the longest month, percentages in (0, 100], …).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from awsbook import availability as av
from awsbook import api_gateway, containers, cost, crossover, elasticity, lambda_charges, latency, money, sli, validate

V, T = ValueError, TypeError

CASES = [
    # ---------------------------------------------------------------- cost: EC2, Fargate, EKS
    (lambda: cost.ec2_monthly_cost("t3.micro", count=0), "count", 0, "1 이상의 정수", V),
    (lambda: cost.ec2_monthly_cost("t3.micro", hours=744.5), "hours", 744.5, "0 이상 744 이하의 수", V),
    (lambda: cost.ec2_monthly_cost("t3.micro", discount_pct=100), "discount_pct", 100, "0 이상 100 미만의 수", V),
    (lambda: cost.ec2_monthly_cost("t3.micro", public_ipv4=1), "public_ipv4", 1, "True 또는 False", T),
    (lambda: cost.ec2_fleet_bill([("t3.micro", 0.5)]), "count", 0.5, "0 이상의 정수", V),
    (lambda: cost.ec2_fleet_bill([], hours=-1), "hours", -1, "0 이상 744 이하의 수", V),
    (lambda: cost.ec2_fleet_bill([], discount_pct=100), "discount_pct", 100, "0 이상 100 미만의 수", V),
    (lambda: cost.ec2_fleet_bill([], public_ipv4="no"), "public_ipv4", "no", "True 또는 False", T),
    (lambda: cost.public_ipv4_hourly_price("eu-west-1"), "region", "eu-west-1",
     "'us-east-1', 'ap-northeast-2' 중 하나", V),
    (lambda: cost.fargate_monthly_cost(0, 1), "vcpu", 0, "0 초과의 수", V),
    (lambda: cost.fargate_monthly_cost(1, 0), "memory_gb", 0, "0 초과의 수", V),
    (lambda: cost.fargate_monthly_cost(1, 2, tasks=0), "tasks", 0, "1 이상의 정수", V),
    (lambda: cost.fargate_monthly_cost(1, 2, hours=745), "hours", 745, "0 이상 744 이하의 수", V),
    (lambda: cost.fargate_monthly_cost(1, 2, discount_pct=-1), "discount_pct", -1, "0 이상 100 미만의 수", V),
    (lambda: cost.fargate_monthly_cost(1, 2, arch="arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: cost.fargate_arches("eu-west-1"), "region", "eu-west-1", "'us-east-1'", V),
    (lambda: cost.eks_monthly_fee(clusters=0), "clusters", 0, "1 이상의 정수", V),
    (lambda: cost.eks_monthly_fee(hours=745), "hours", 745, "0 이상 744 이하의 수", V),
    (lambda: cost.eks_monthly_fee(extended_support="yes"), "extended_support", "yes", "True 또는 False", T),
    # ---------------------------------------------------------------- cost: Lambda
    (lambda: cost.lambda_settings(0, 512), "duration_ms", 0, "0 초과 900,000 이하의 수", V),
    (lambda: cost.lambda_settings(100, 10_241), "memory_mb", 10_241, "128 이상 10,240 이하의 정수", V),
    (lambda: cost.lambda_settings(100, 512, ephemeral_mb=511), "ephemeral_mb", 511, "512 이상 10,240 이하의 정수", V),
    (lambda: cost.lambda_settings(100, 512, free_tier=1), "free_tier", 1, "True 또는 False", T),
    (lambda: cost.lambda_settings(100, 512, api="soap"), "api", "soap", "'http', 'rest' 중 하나", V),
    (lambda: cost.lambda_settings(100, 512, arch="arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: cost.lambda_settings(100, 512, region="eu-west-1"), "region", "eu-west-1",
     "'us-east-1', 'ap-northeast-2' 중 하나", V),
    (lambda: cost.lambda_settings(100, 512, region="ap-northeast-2", api="rest"), "region", "ap-northeast-2",
     "'us-east-1'", V),
    (lambda: cost.lambda_settings(100, 512, region="ap-northeast-2", ephemeral_mb=513), "ephemeral_mb", 513,
     "기본값 512", V),
    (lambda: cost.lambda_settings(100, 512, memory=1), "lambda_options", "memory",
     "'arch', 'region', 'free_tier', 'api', 'ephemeral_mb' 중 하나", T),
    (lambda: cost.lambda_monthly_cost([1, -2], 100, 512), "requests", -2.0, "0 이상의 수", V),
    (lambda: cost.lambda_bill(-1, 100, 512), "requests", -1, "0 이상의 수", V),
    (lambda: cost.break_even_requests(-1, 100, 512), "fixed_monthly_usd", -1, "0 이상의 수", V),
    (lambda: cost.lambda_settings(100, 512).break_even(-1), "fixed_monthly_usd", -1.0, "0 이상의 수", V),
    (lambda: cost.lambda_rates("arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: cost.lambda_rates(region="eu-west-1"), "region", "eu-west-1", "'us-east-1', 'ap-northeast-2' 중 하나", V),
    (lambda: cost.lambda_limit("memory"), "quantity", "memory",
     "'memory_min', 'memory_max', 'memory_step', 'vcpu_max', 'memory_per_vcpu', 'timeout_max', 'payload_sync', "
     "'payload_async', 'response_stream', 'ephemeral_default', 'ephemeral_max', 'package_zip', "
     "'package_unzipped', 'container_image', 'layers_max', 'concurrency_default', 'timeout_max_managed_async', "
     "'durable_execution_max', 'scaling_rate_per_10s' 중 하나", V),
    (lambda: cost.api_gateway_bands("soap"), "api", "soap", "'http', 'rest' 중 하나", V),
    (lambda: cost.api_gateway_bands("rest", "ap-northeast-2"), "region", "ap-northeast-2", "'us-east-1'", V),
    (lambda: cost.has_price("s3", "us-east-1", "x"), "service", "s3", "'ec2', 'fargate', 'api' 중 하나", V),
    (lambda: cost.illustrative_duration_ms(127, cpu_ms_at_one_vcpu=1), "memory_mb", 127.0,
     "128 이상 10,240 이하의 수", V),
    (lambda: cost.illustrative_duration_ms(128, cpu_ms_at_one_vcpu=-1), "cpu_ms_at_one_vcpu", -1, "0 이상의 수", V),
    (lambda: cost.illustrative_duration_ms(128, cpu_ms_at_one_vcpu=1, wait_ms=-1), "wait_ms", -1, "0 이상의 수", V),
    (lambda: cost.illustrative_duration_ms(128, cpu_ms_at_one_vcpu=1, threads=7), "threads", 7,
     "1 이상 6 이하의 정수", V),
    # ---------------------------------------------------------------- cost: capacity
    (lambda: cost.requests_to_avg_rps(-1), "requests", -1.0, "0 이상의 수", V),
    (lambda: cost.ec2_instances_needed(-1, rps_per_instance=1), "avg_rps", -1.0, "0 이상의 수", V),
    (lambda: cost.ec2_instances_needed(1, rps_per_instance=0), "rps_per_instance", 0, "0 초과의 수", V),
    (lambda: cost.ec2_instances_needed(1, rps_per_instance=1, peak_to_average=0.9), "peak_to_average", 0.9,
     "1 이상의 수", V),
    (lambda: cost.ec2_instances_needed(1, rps_per_instance=1, target_utilisation=0), "target_utilisation", 0,
     "0 초과 1 이하의 수", V),
    (lambda: cost.ec2_instances_needed(1, rps_per_instance=1, min_instances=0), "min_instances", 0,
     "1 이상의 정수", V),
    (lambda: cost.ec2_fleet_monthly_cost(-1, "t3.micro", rps_per_instance=1), "requests", -1.0, "0 이상의 수", V),
    (lambda: cost.ec2_fleet_staircase(0, "t3.micro", rps_per_instance=1), "max_requests", 0, "0 초과의 수", V),
    (lambda: cost.cheaper_intervals(100, 512, "t3.micro", max_requests=1e6, rps_per_instance=1, region2=1),
     "lambda_options", "region2", "'arch', 'region', 'free_tier', 'api', 'ephemeral_mb' 중 하나", T),
    (lambda: cost.cheaper_intervals(100, 512, "t3.micro", max_requests=1e6, rps_per_instance=1, region="eu-west-1"),
     "region", "eu-west-1", "'us-east-1', 'ap-northeast-2' 중 하나", V),
    # ---------------------------------------------------------------- crossover
    (lambda: crossover.ec2_option("t3.small", count=1.5), "count", 1.5, "1 이상의 정수", V),
    (lambda: crossover.ec2_option("t3.small", discount_pct=100), "discount_pct", 100, "0 이상 100 미만의 수", V),
    (lambda: crossover.fargate_option(0.5, 1, tasks=0), "tasks", 0, "1 이상의 정수", V),
    (lambda: crossover.fargate_option(0.5, 1, arch="arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: crossover.priced_lambda(100, 512, api="soap"), "api", "soap", "'http', 'rest' 중 하나", V),
    (lambda: crossover.break_even_rows([1], cost.lambda_settings(100, 512)), "options", 1,
     "ec2_option()·fargate_option()이 돌려주는 FixedOption", T),
    (lambda: crossover.break_even_memory_mb(0, 1e6, 100), "fixed_monthly_usd", 0, "0 초과의 수", V),
    (lambda: crossover.busy_month_requests(25, 1), "hours_per_day", 25.0, "0 이상 24 이하의 수", V),
    (lambda: crossover.busy_month_requests(1, -1), "busy_rps", -1, "0 이상의 수", V),
    (lambda: crossover.busy_hours_costs(-1, 1, 100, 512, "t3.micro", rps_per_instance=1), "hours_per_day", -1.0,
     "0 이상 24 이하의 수", V),
    (lambda: crossover.break_even_busy_hours(0, 100, 512, "t3.micro", rps_per_instance=1), "busy_rps", 0,
     "0 초과의 수", V),
    # ---------------------------------------------------------------- availability
    (lambda: av.format_pct(100.5), "value", 100.5, "0 이상 100 이하의 수", V),
    (lambda: av.format_duration(5), "duration", 5, "datetime.timedelta", T),
    (lambda: av.format_duration(dt.timedelta(seconds=-1)), "duration", dt.timedelta(seconds=-1),
     "0 이상의 시간", V),
    (lambda: av.allowed_downtime(0), "availability_pct", 0, "0 초과 100 이하의 수", V),
    (lambda: av.allowed_downtime([99, 100.5]), "availability_pct", 100.5, "0 초과 100 이하의 수", V),
    (lambda: av.period_length("month", calendar=30), "calendar", 30,
     "문자열 '30d', 'gregorian' 또는 '2026-02'처럼 'YYYY-MM' 형식의 연월", T),
    (lambda: av.period_length("month", calendar="2026-13"), "calendar", "2026-13",
     "'30d', 'gregorian' 또는 '2026-02'처럼 'YYYY-MM' 형식의 연월", V),
    (lambda: av.period_length(dt.timedelta(0)), "period", dt.timedelta(0), "0보다 긴 timedelta", V),
    (lambda: av.period_length(30), "period", 30,
     "'hour', 'day', 'week', 'month', 'quarter', 'year' 중 하나 또는 0보다 긴 datetime.timedelta", T),
    (lambda: av.period_length("moth"), "period", "moth", "'hour', 'day', 'week', 'month', 'quarter', 'year' 중 하나", V),
    (lambda: av.parse_duration(5), "downtime", 5,
     "datetime.timedelta 또는 '4m 23s', '1h 30m', '1시간 30분', '90분', '45초'처럼 적은 문자열", T),
    (lambda: av.parse_duration("soon", name="window"), "window", "soon",
     "'4m 23s', '1h 30m', '1시간 30분', '90분', '45초'처럼 수와 단위(일·시간·분·초 또는 d·h·m·s)로 적은 시간", V),
    (lambda: av.availability_from_downtime(dt.timedelta(days=31)), "downtime", dt.timedelta(days=31),
     "0 이상, 기간 길이(30일) 이하의 시간", V),
    (lambda: av.business_hours("2026-2"), "month", "2026-2", "'2026-02'처럼 'YYYY-MM' 형식의 연월", V),
    (lambda: av.business_hours("2026-02", days=()), "days", (),
     "'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' 가운데 하나 이상을 고른 목록", V),
    (lambda: av.business_hours("2026-02", days=("mon", "fry")), "days", "fry",
     "'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun' 중 하나", V),
    (lambda: av.business_hours("2026-02", start="9"), "start", "9", "'09:00'처럼 'HH:MM' 형식의 시각", V),
    (lambda: av.business_hours("2026-02", end="24:01"), "end", "24:01", "00:00부터 24:00 사이의 시각", V),
    (lambda: av.business_hours("2026-02", start="10:00", end="10:00"), "end", "10:00",
     "시작 시각 '10:00'보다 늦은 시각", V),
    (lambda: av.business_hours("2026-02", holidays=["2026-02-30"]), "holidays", "2026-02-30",
     "'YYYY-MM-DD' 형식의 날짜", V),
    (lambda: av.business_hours("2026-02", holidays=["2026-03-02"]), "holidays", "2026-03-02", "2026-02 안의 날짜", V),
    (lambda: av.business_hours_downtime(99.9, month="2026-02", days=("sun",), holidays=[
        "2026-02-01", "2026-02-08", "2026-02-15", "2026-02-22"]), "holidays",
     ["2026-02-01", "2026-02-08", "2026-02-15", "2026-02-22"], "업무 시간을 한 시간이라도 남기는 휴일 목록", V),
    (lambda: av.korean_holidays("2026-5"), "month", "2026-5", "'2026-02'처럼 'YYYY-MM' 형식의 연월", V),
    (lambda: av.serial(), "parts", (), "가용성(%) 하나 이상", V),
    (lambda: av.serial(99, 0), "parts[1]", 0, "0 초과 100 이하의 수", V),
    (lambda: av.parallel(99, [99, 101]), "parts[1]", 101.0, "0 초과 100 이하의 수", V),
    (lambda: av.weakest_link([99]), "parts", [99], "{'이름': 가용성(%)} 형태의 비어 있지 않은 dict", T),
    (lambda: av.weakest_link({"DB": 100.5}), "parts['DB']", 100.5, "0 초과 100 이하의 수", V),
    (lambda: av.parse_components(5), "components", 5,
     "'ALB 99.99, EC2 99.5 x2, DB 99.95'처럼 적은 문자열", T),
    (lambda: av.parse_components(" , ;"), "components", " , ;", "구성 요소를 하나 이상 적은 문자열", V),
    (lambda: av.parse_components("ALB 0"), "components['ALB']", 0.0, "0 초과 100 이하의 수", V),
    (lambda: av.parse_components("EC2 99 x11"), "components['EC2'] 개수", 11, "1 이상 10 이하의 정수", V),
    (lambda: av.chain_table("ALB 99"), "components", "ALB 99", "(이름, 가용성(%), 개수) 튜플을 하나 이상 담은 목록", T),
    (lambda: av.burn_rate_alerts(100), "slo_pct", 100, "0 초과 100 미만의 수", V),
    (lambda: av.burn_rate_alerts(99.9, 0), "window_days", 0, "0 초과의 수", V),
    (lambda: av.burn_rate_alerts(99.9, policy=[av.AlertRule(0, dt.timedelta(hours=1), dt.timedelta(minutes=5),
                                                            "page")]),
     "policy[0].budget_share", 0, "0 초과 1 이하의 수", V),
    (lambda: av.time_to_exhaustion(0), "burn_rate", 0, "0 초과의 수", V),
    (lambda: av.time_to_exhaustion(1, 0), "window_days", 0, "0 초과의 수", V),
    (lambda: av.time_to_exhaustion(1, budget_remaining_pct=101), "budget_remaining_pct", 101,
     "0 이상 100 이하의 수", V),
    (lambda: av.budget_remaining_pct(0, 1), "burn_rate", 0, "0 초과의 수", V),
    (lambda: av.budget_remaining_pct(1, 1, 0), "window_days", 0, "0 초과의 수", V),
    (lambda: av.budget_remaining_pct(1, [-1]), "elapsed_days", -1.0, "0 이상의 수", V),
    (lambda: av.sla_target("s3"), "service", "s3", "'ec2', 'lambda', 'eks', 'api-gateway' 중 하나", V),
    (lambda: av.sla_target("ec2", scope="zone"), "scope", "zone", "'region', 'instance' 중 하나", V),
    (lambda: av.service_credit("ec2", 101, scope="region"), "uptime_pct", 101, "0 이상 100 이하의 수", V),
    # ---------------------------------------------------------------- containers
    (lambda: containers.monthly_hours(24.5), "hours_per_day", 24.5, "0 이상 24 이하의 수", V),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot="yes"), "spot", "yes", "True 또는 False", T),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot=True, arch="arm"), "arch", "arm",
     "'x86_64', 'arm64' 중 하나", V),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot=True, arch="arm64"), "arch", "arm64", "'x86_64'", V),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot=True, discount_pct=10), "discount_pct", 10, "0", V),
    (lambda: containers.fargate_billed_seconds(0), "runtime_seconds", 0, "0 초과 2,678,400 이하의 수", V),
    (lambda: containers.fargate_job_cost(0.5, 1, runtime_seconds=20, runs=0), "runs", 0, "1 이상의 정수", V),
    (lambda: containers.instance_types("eu-west-1"), "region", "eu-west-1",
     "'us-east-1', 'ap-northeast-2' 중 하나", V),
    (lambda: containers.instance_types(arch="arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: containers.instance_spec("m6i.large", "ap-northeast-2"), "instance_type", "m6i.large",
     "'t3.micro', 't3.small', 't3.medium', 't4g.micro', 't4g.small', 'm5.large' 중 하나", V),
    (lambda: containers.pack("m5.large", 0, 1), "task_vcpu", 0, "0 초과의 수", V),
    (lambda: containers.pack("m5.large", 1, 0), "task_memory_gb", 0, "0 초과의 수", V),
    (lambda: containers.pack("m5.large", 1, 1, reserved_vcpu=-1), "reserved_vcpu", -1, "0 이상의 수", V),
    (lambda: containers.pack("m5.large", 1, 1, reserved_memory_gib=-1), "reserved_memory_gib", -1,
     "0 이상의 수", V),
    (lambda: containers.pack("m5.large", 1, 1, reserved_vcpu=2), "reserved_vcpu", 2, "0 이상 2 미만", V),
    (lambda: containers.pack("m5.large", 1, 1, reserved_memory_gib=8), "reserved_memory_gib", 8, "0 이상 8 미만", V),
    (lambda: containers.pack("m5.large", 1, 9), "task_memory_gb", 9, "8 이하", V),
    (lambda: containers.pack("m5.large", 3, 1), "task_vcpu", 3, "2 이하", V),
    (lambda: containers.packing_table(0, 1), "task_vcpu", 0, "0 초과의 수", V),
    (lambda: containers.instances_needed(0, containers.pack("m5.large", 1, 2)), "tasks", 0, "1 이상의 정수", V),
    (lambda: containers.service_costs(1, 2, [1, 0]), "tasks", 0.0, "1 이상의 수", V),
    (lambda: containers.service_costs(1, 2, [1, 2.5]), "tasks", 2.5, "정수", V),
    (lambda: containers.service_costs(1, 2, 1, eks_nodes="vm"), "eks_nodes", "vm", "'fargate', 'ec2' 중 하나", V),
    (lambda: containers.service_costs(1, 2, 1, arch="arm"), "arch", "arm", "'x86_64', 'arm64' 중 하나", V),
    (lambda: containers.service_costs(1, 2, 1, instance_type="m7g.large"), "instance_type", "m7g.large",
     "'t3.micro', 't3.small', 't3.medium', 'm5.large', 'm6i.large', 'c6i.large', 'r6i.large' 중 하나", V),
    (lambda: containers.eks_fee_threshold(1, 2, share_pct=100), "share_pct", 100, "0 초과 100 미만의 수", V),
    # ---------------------------------------------------------------- sli
    (lambda: sli.latency_sli(0), "threshold_ms", 0, "0 초과의 수", V),
    (lambda: sli.rolling_compliance(0), "slo_pct", 0, "0 초과 100 이하의 수", V),
    (lambda: sli.rolling_compliance(99, window="0분"), "window", "0분", "0보다 긴 시간", V),
    (lambda: sli.budget_remaining(100), "slo_pct", 100, "0 초과 100 미만의 수", V),
    (lambda: sli.burn_rate(100), "slo_pct", 100, "0 초과 100 미만의 수", V),
    (lambda: sli.availability_sli(log=pd.DataFrame({"requests": [1]})), "log", None,
     "시각(DatetimeIndex)을 인덱스로, requests, errors_5xx, latency_p99_ms 열을 가진 DataFrame", T),
    # ---------------------------------------------------------------- elasticity
    (lambda: elasticity.fixed_instances([1] * 23, 1), "demand_rps", None, "한 시간에 하나씩 24개의 값", V),
    (lambda: elasticity.fixed_instances([1] * 23 + [-1], 1), "demand_rps", -1.0, "0 이상의 수", V),
    (lambda: elasticity.fixed_instances([1] * 24, 0), "rps_per_instance", 0, "0 초과의 수", V),
    (lambda: elasticity.autoscaled_instances([1] * 24, 0, 1), "rps_per_instance", 0, "0 초과의 수", V),
    (lambda: elasticity.autoscaled_instances([1] * 24, 1, 24), "delay_hours", 24, "0 이상 23 이하의 정수", V),
    (lambda: elasticity.shape_demand([1], 1), "profile", None, "2개 이상의 값을 담은 1차원 배열", V),
    (lambda: elasticity.shape_demand([1, 0], 1), "profile", 0.0, "0 초과의 수", V),
    (lambda: elasticity.shape_demand([1, 2], 1, mean_rps=-1), "mean_rps", -1, "0 이상의 수", V),
    (lambda: elasticity.shape_demand([1, 1], 1.5), "peak_to_average", 1.5, "1 이상 1 이하의 수", V),
    (lambda: elasticity.shape_demand([1, 2], 2), "peak_to_average", 2, "1 이상 2 미만의 수", V),
    (lambda: elasticity.serve_day([1] * 24, rps_per_instance=0), "rps_per_instance", 0, "0 초과의 수", V),
    (lambda: elasticity.serve_day([1] * 24, duration_ms=0), "duration_ms", 0, "0 초과의 수", V),
    # ---------------------------------------------------------------- Lambda's other charges
    (lambda: lambda_charges.provisioned_concurrency_bill(0, 512, 1), "concurrency", 0, "1 이상의 정수", V),
    (lambda: lambda_charges.provisioned_concurrency_bill(1, 512, 745), "enabled_hours", 745,
     "0 이상 744 이하의 수", V),
    (lambda: lambda_charges.provisioned_concurrency_bill(1, 512, 1, requests=-1), "requests", -1, "0 이상의 수", V),
    (lambda: lambda_charges.provisioned_concurrency_bill(1, 512, 1, region="ap-northeast-2"), "region",
     "ap-northeast-2", "'us-east-1'", V),
    (lambda: lambda_charges.provisioned_concurrency_bill(1, 512, 1, usd_per_gb_second_concurrency=0),
     "usd_per_gb_second_concurrency", 0, "0 초과의 수", V),
    (lambda: lambda_charges.snapstart_bill(512, 1, 1.5), "restores", 1.5, "0 이상의 정수", V),
    (lambda: lambda_charges.snapstart_bill(512, 1, 1, versions=0), "versions", 0, "1 이상의 정수", V),
    (lambda: lambda_charges.snapstart_bill(512, 1, 1, runtime="node"), "runtime", "node",
     "'python', 'dotnet', 'java' 중 하나", V),
    (lambda: lambda_charges.response_streaming_cost(1, -1), "mb_per_request", -1, "0 이상의 수", V),
    (lambda: lambda_charges.response_streaming_cost(1, 1, free_tier=1), "free_tier", 1, "True 또는 False", T),
    (lambda: lambda_charges.managed_instances_bill(1, -1, instance_type="m7g.large"), "instance_hours", -1,
     "0 이상의 수", V),
    (lambda: lambda_charges.managed_instances_bill(1, 1, instance_type="m7g.large", discount_pct=100),
     "discount_pct", 100, "0 이상 100 미만의 수", V),
    (lambda: lambda_charges.managed_instances_bill(1, 1, instance_type="m7g.large", management_fee_pct=101),
     "management_fee_pct", 101, "0 이상 100 이하의 수", V),
    (lambda: lambda_charges.durable_functions_charges(1, operations_per_execution=-1, gb_written_per_execution=0,
                                                      running_days=0), "operations_per_execution", -1,
     "0 이상의 수", V),
    (lambda: lambda_charges.durable_functions_charges(1, operations_per_execution=1, gb_written_per_execution=0,
                                                      running_days=0, hours_per_month=0), "hours_per_month", 0,
     "0 초과 744 이하의 수", V),
    # ---------------------------------------------------------------- Fargate storage, Windows; EC2 per second
    (lambda: containers.fargate_cost_breakdown(1, 2, os="macos"), "os", "macos", "'linux', 'windows' 중 하나", V),
    (lambda: containers.fargate_cost_breakdown(1, 2, ephemeral_gb=19), "ephemeral_gb", 19, "20 이상의 수", V),
    (lambda: containers.fargate_cost_breakdown(1, 2, usd_per_storage_gb_hour=-1, ephemeral_gb=21),
     "usd_per_storage_gb_hour", -1, "0 초과의 수", V),
    (lambda: containers.monthly_hours(1, hours_per_month=0), "hours_per_month", 0, "0 초과 744 이하의 수", V),
    (lambda: containers.fargate_billed_seconds(20, os="windows", region="ap-northeast-2"), "region",
     "ap-northeast-2", "'us-east-1'", V),
    (lambda: cost.fargate_monthly_cost(1, 2, usd_per_vcpu_hour=0), "usd_per_vcpu_hour", 0, "0 초과의 수", V),
    (lambda: cost.ec2_billed_seconds(2_678_401), "runtime_seconds", 2_678_401, "0 초과 2,678,400 이하의 수", V),
    (lambda: cost.ec2_run_cost("t3.micro", 20, count=0), "count", 0, "1 이상의 정수", V),
    (lambda: cost.ec2_run_cost("t3.micro", 20, usd_per_hour=0), "usd_per_hour", 0, "0 초과의 수", V),
    (lambda: cost.api_gateway_monthly_cost(-1), "requests", -1.0, "0 이상의 수", V),
    # ---------------------------------------------------------------- API Gateway
    (lambda: api_gateway.metered_requests(1, -1), "request_kb", -1, "0 이상의 수", V),
    (lambda: api_gateway.transfer_gb(-1, 1), "responses", -1, "0 이상의 수", V),
    (lambda: api_gateway.data_transfer_out_cost(-1), "gb", -1, "0 이상의 수", V),
    (lambda: api_gateway.data_transfer_out_cost(1, region="ap-northeast-2"), "region", "ap-northeast-2",
     "'us-east-1'", V),
    (lambda: api_gateway.websocket_bill(1, -1), "connection_minutes", -1, "0 이상의 수", V),
    (lambda: api_gateway.rest_cache_cost(1.6, -1), "hours", -1, "0 이상의 수", V),
    # ---------------------------------------------------------------- SRE
    (lambda: av.budget_consumed_pct(0, 1), "burn_rate", 0, "0 초과의 수", V),
    (lambda: av.budget_overspend_pct(1, -1), "elapsed_days", -1.0, "0 이상의 수", V),
    (lambda: av.detection_time(100, 1, "1h"), "slo_pct", 100, "0 초과 100 미만의 수", V),
    (lambda: av.detection_time(99.9, 1, "1h", burn_rate=0), "burn_rate", 0, "0 초과의 수", V),
    # ---------------------------------------------------------------- money
    (lambda: money.to_krw("100"), "usd", "100", "수 또는 수의 배열", T),
    (lambda: money.to_krw([1, np.inf]), "usd", np.inf, "유한한 수", V),
    (lambda: money.to_krw(1, krw_per_usd=0), "krw_per_usd", 0, "0 초과의 수", V),
    (lambda: money.to_krw(1, vat=1), "vat", 1, "True 또는 False", T),
    (lambda: money.with_vat(np.nan), "amount", None, "유한한 수", V),
    # ---------------------------------------------------------------- latency
    (lambda: latency.great_circle_km(90.5, 0, 0, 0), "lat1", 90.5, "-90 이상 90 이하의 수", V),
    (lambda: latency.great_circle_km(0, 0, -90.5, 0), "lat2", -90.5, "-90 이상 90 이하의 수", V),
    (lambda: latency.great_circle_km(0, 180.5, 0, 0), "lon1", 180.5, "-180 이상 180 이하의 수", V),
    (lambda: latency.great_circle_km(0, 0, 0, -180.5), "lon2", -180.5, "-180 이상 180 이하의 수", V),
    (lambda: latency.rtt_floor_ms(-1), "distance_km", -1, "0 이상의 수", V),
    (lambda: latency.rtt_floor_ms(1, speed_km_per_s=0), "speed_km_per_s", 0, "0 초과의 수", V),
    (lambda: latency.region_distance_km("mars-1", "us-east-1"), "from_region", "mars-1", None, V),
    (lambda: latency.region_distance_km("us-east-1", "mars-1"), "to_region", "mars-1", None, V),
    (lambda: latency.rtt_floor_table("us-east-1", round_trips=0), "round_trips", 0, "1 이상의 정수", V),
    (lambda: latency.rtt_floor_table("mars-1"), "user_region", "mars-1", None, V),
]


@pytest.mark.parametrize("call, param, value, allowed, kind", CASES)
def test_every_parameter_refuses_what_is_not_allowed(call, param, value, allowed, kind):
    with pytest.raises(validate.Refusal) as err:
        call()
    refusal = err.value
    assert isinstance(refusal, kind) and not isinstance(refusal, {V: T, T: V}[kind])
    assert refusal.param == param
    if value is not None:
        assert refusal.value == value or (isinstance(value, float) and np.isclose(refusal.value, value))
    if allowed is not None:
        assert refusal.allowed == allowed
    # the message names the parameter and says what is allowed, in the one template
    assert str(refusal).startswith(f"매개변수 '{param}'에 ") and "만 허용됩니다." in str(refusal)


# Refusals that say why (a reason sentence) or show the value in the reader's terms, word for word.
MESSAGES = [
    (lambda: cost.ec2_hourly_price("m6i.large", "ap-northeast-2"),
     "매개변수 'instance_type'에 'm6i.large'이(가) 주어졌습니다. 이 유형의 ap-northeast-2 요금은 "
     "데이터(data/ec2_prices.csv)에 없고 us-east-1 리전에만 있습니다. ap-northeast-2에서는 't3.micro', 't3.small', "
     "'t3.medium', 't4g.micro', 't4g.small', 'm5.large' 중 하나만 허용됩니다."),
    (lambda: cost.fargate_monthly_cost(0.3, 1),
     "매개변수 'vcpu'에 0.3이(가) 주어졌습니다. Fargate 태스크 vCPU는 0.25, 0.5, 1, 2, 4, 8, 16 중 하나만 허용됩니다."),
    (lambda: cost.fargate_monthly_cost(1, 1),
     "매개변수 'memory_gb'에 1이(가) 주어졌습니다. vCPU 1개 태스크의 메모리(GB)는 2, 3, 4, 5, 6, 7, 8 중 하나만 허용됩니다."),
    (lambda: cost.lambda_settings(100, 512, region="ap-northeast-2", api="http"),
     "매개변수 'region'에 'ap-northeast-2'이(가) 주어졌습니다. API Gateway HTTP API 요금이 "
     "데이터(data/api_gateway_prices.csv)에 있는 리전에서만 계산할 수 있으므로 api='http'와 함께 쓸 때는 "
     "'us-east-1'만 허용됩니다."),
    (lambda: cost.lambda_settings(100, 512, region="ap-northeast-2", ephemeral_mb=1024),
     "매개변수 'ephemeral_mb'에 1024이(가) 주어졌습니다. 임시 스토리지 추가 요금은 "
     "데이터(data/lambda_ephemeral_prices.csv)에 us-east-1 리전만 있으므로 region='ap-northeast-2'에서는 "
     "기본값 512만 허용됩니다."),
    # one instance carries 2,628,000 requests: 10^15 of them need 380,517,504 instances, 380,517,503 stairs;
    # the most allowed is (1 + 200,000) × 2,628,000 = 525,602,628,000
    (lambda: cost.ec2_fleet_staircase(1e15, "t3.micro", rps_per_instance=1),
     "매개변수 'max_requests'에 1000000000000000.0이(가) 주어졌습니다. 인스턴스 수 계단이 380,517,503개나 되어 "
     "계산하지 않습니다. 525,602,628,000 이하의 수만 허용됩니다."),
    (lambda: cost.lambda_settings(100, 512, regoin="x"),
     "매개변수 'lambda_options'에 'regoin'이(가) 들어 있습니다. Lambda 옵션의 이름은 'arch', 'region', "
     "'free_tier', 'api', 'ephemeral_mb' 중 하나만 허용됩니다. 혹시 'region'을(를) 찾으셨나요?"),
    # 5 M × 100 ms: 1.00 + 500,000 × 10 GB × RATE = 84.33 at 10,240 MB; 1.00 + 62,500 × RATE = 2.04 at 128 MB
    (lambda: crossover.break_even_memory_mb(1000, 5_000_000, 100),
     "매개변수 'fixed_monthly_usd'에 1000이(가) 주어졌습니다. 최대 메모리 10,240 MB에서도 Lambda 요금($84.33)이 "
     "더 싸서 손익분기 메모리가 없습니다. $84.33 이하의 금액만 허용됩니다."),
    (lambda: crossover.break_even_memory_mb(2, 5_000_000, 100),
     "매개변수 'fixed_monthly_usd'에 2이(가) 주어졌습니다. 최소 메모리 128 MB에서도 Lambda 요금($2.04)이 같거나 "
     "더 비쌉니다. $2.04보다 큰 금액만 허용됩니다."),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot=True, arch="arm64"),
     "매개변수 'arch'에 'arm64'이(가) 주어졌습니다. Fargate Spot은 x86_64 태스크만 실행하므로 spot=True에서는 "
     "'x86_64'만 허용됩니다."),
    (lambda: containers.fargate_cost_breakdown(1, 2, spot=True, discount_pct=5),
     "매개변수 'discount_pct'에 5이(가) 주어졌습니다. spot=True이면 Fargate Spot 할인이 적용되므로 0만 허용됩니다."),
    (lambda: containers.pack("t3.micro", 1, 0.5, reserved_vcpu=2),
     "매개변수 'reserved_vcpu'에 2이(가) 주어졌습니다. t3.micro의 용량은 2 vCPU이므로 0 이상 2 미만만 허용됩니다."),
    (lambda: containers.pack("t3.micro", 1, 0.5, reserved_memory_gib=1),
     "매개변수 'reserved_memory_gib'에 1이(가) 주어졌습니다. t3.micro의 용량은 1 GiB이므로 0 이상 1 미만만 허용됩니다."),
    (lambda: containers.pack("t3.micro", 1, 2),
     "매개변수 'task_memory_gb'에 2이(가) 주어졌습니다. 태스크가 인스턴스 t3.micro보다 큽니다. 이 인스턴스에서 "
     "태스크에 쓸 수 있는 메모리는 1 GB이므로 1 이하만 허용됩니다."),
    (lambda: containers.pack("t3.micro", 3, 0.5),
     "매개변수 'task_vcpu'에 3이(가) 주어졌습니다. 태스크가 인스턴스 t3.micro보다 큽니다. 이 인스턴스에서 "
     "태스크에 쓸 수 있는 vCPU는 2개이므로 2 이하만 허용됩니다."),
    (lambda: containers.service_costs(1, 2, 1, arch="arm64", instance_type="m7g.large"),
     "매개변수 'arch'에 'arm64'이(가) 주어졌습니다. EKS의 Fargate 노드는 Arm(arm64)을 지원하지 않으므로(Arm으로 "
     "비교하려면 eks_nodes='ec2'를 고르세요) eks_nodes='fargate'에서는 'x86_64'만 허용됩니다."),
    (lambda: containers.service_costs(1, 2, 1, instance_type="m7g.large"),
     "매개변수 'instance_type'에 'm7g.large'(arm64)이(가) 주어졌습니다. 같은 컨테이너 이미지를 비교하므로 "
     "arch='x86_64'와 같은 아키텍처의 유형 't3.micro', 't3.small', 't3.medium', 'm5.large', 'm6i.large', "
     "'c6i.large', 'r6i.large' 중 하나만 허용됩니다."),
    (lambda: av.availability_from_downtime(dt.timedelta(seconds=-5)),
     "매개변수 'downtime'에 5초(음수)이(가) 주어졌습니다. 0 이상, 기간 길이(30일) 이하의 시간만 허용됩니다."),
    (lambda: av.business_hours_downtime(99.9, month="2026-02", days="mon",
                                        holidays=["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]),
     "매개변수 'holidays'에 ['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']이(가) 주어졌습니다. "
     "이 휴일을 빼면 업무 시간이 하나도 남지 않습니다. 업무 시간을 한 시간이라도 남기는 휴일 목록만 허용됩니다."),
    (lambda: av.sla_target("ec2"),
     "매개변수 'scope'에 None이(가) 주어졌습니다. 서비스 'ec2'에는 약정이 여럿이므로 'region', 'instance' 중 "
     "하나만 허용됩니다."),
    (lambda: av.korean_holidays("2026-05"),
     "매개변수 'month'에 '2026-05'이(가) 주어졌습니다. 공휴일 데이터(data/korean_holidays.csv)가 있는 달 "
     "'2026-02', '2026-03' 중 하나만 허용됩니다."),
    (lambda: av.burn_rate_alerts(99.9, 2),
     "매개변수 'policy'에 2번째 규칙(긴 창 3일, 짧은 창 6시간)이(가) 들어 있습니다. 0 < 짧은 창 < 긴 창 ≤ "
     "SLO 기간(2일)인 규칙만 허용됩니다."),
    (lambda: av.burn_rate_alerts(99.9, policy=[1]),
     "매개변수 'policy'에 1이(가) 들어 있습니다. AlertRule만 허용됩니다."),
    (lambda: av.parse_components("ALB"),
     "매개변수 'components'에 'ALB'이(가) 들어 있습니다. 'ALB 99.99, EC2 99.5 x2, DB 99.95'처럼 '이름 가용성' 뒤에 "
     "필요하면 'x 개수'를 붙인 항목만 허용됩니다."),
    (lambda: sli.availability_sli(log=[1]),
     "매개변수 'log'에 list 값이(가) 주어졌습니다. 시각(DatetimeIndex)을 인덱스로, requests, errors_5xx, "
     "latency_p99_ms 열을 가진 DataFrame만 허용됩니다."),
    (lambda: elasticity.fixed_instances([1] * 3, 1),
     "매개변수 'demand_rps'에 값 3개이(가) 주어졌습니다. 한 시간에 하나씩 24개의 값만 허용됩니다."),
    (lambda: elasticity.shape_demand([[1, 2], [3, 4]], 1),
     "매개변수 'profile'에 값 4개이(가) 주어졌습니다. 2개 이상의 값을 담은 1차원 배열만 허용됩니다."),
    (lambda: crossover.break_even_rows(["x"], cost.lambda_settings(100, 512)),
     "매개변수 'options'에 'x'이(가) 들어 있습니다. ec2_option()·fargate_option()이 돌려주는 FixedOption만 허용됩니다."),
    (lambda: validate.array("requests", [1, "a"]),
     "매개변수 'requests'에 [1, 'a']이(가) 주어졌습니다. 수 또는 수의 배열만 허용됩니다."),
    (lambda: validate.array("requests", True),
     "매개변수 'requests'에 True이(가) 주어졌습니다. 수 또는 수의 배열만 허용됩니다."),
    (lambda: validate.array("requests", [0, np.inf], low=0, high=5, low_inclusive=False),
     "매개변수 'requests'에 0.0이(가) 들어 있습니다. 0 초과 5 이하의 수만 허용됩니다."),
    (lambda: validate.array("requests", [3, 5], high=5, high_inclusive=False),
     "매개변수 'requests'에 5.0이(가) 들어 있습니다. 5 미만의 수만 허용됩니다."),
    (lambda: validate.array("requests", [1, np.nan]),
     "매개변수 'requests'에 nan이(가) 들어 있습니다. 유한한 수만 허용됩니다."),
    (lambda: validate.number("n", np.inf, integer=True),
     "매개변수 'n'에 inf이(가) 주어졌습니다. 정수만 허용됩니다."),
    (lambda: validate.number("p", 0.5, low=0.25, high=0.5, high_inclusive=False),
     "매개변수 'p'에 0.5이(가) 주어졌습니다. 0.25 이상 0.5 미만의 수만 허용됩니다."),
    (lambda: validate.choice("region", 1, ["us-east-1"]),
     "매개변수 'region'에 1이(가) 주어졌습니다. 문자열 'us-east-1' 중 하나만 허용됩니다."),
    (lambda: validate.choice("region", "ap-northeast-9", ["ap-northeast-1", "ap-northeast-2", "us-east-1"]),
     "매개변수 'region'에 'ap-northeast-9'이(가) 주어졌습니다. 'ap-northeast-1', 'ap-northeast-2', 'us-east-1' 중 "
     "하나만 허용됩니다. 혹시 'ap-northeast-2', 'ap-northeast-1', 'us-east-1'을(를) 찾으셨나요?"),  # difflib's order
]


@pytest.mark.parametrize("call, message", MESSAGES)
def test_refusals_that_say_why_word_for_word(call, message):
    with pytest.raises(validate.Refusal) as err:
        call()
    assert str(err.value) == message
