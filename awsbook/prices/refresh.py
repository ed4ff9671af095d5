"""The refresh: read AWS's price files, build the new ``data/`` files aside, show the diff, then swap them in.

Nothing in the data folder changes until every file has been read, every price
passed the sanity bound, every rewritten CSV passed the loader's own checks and
the book's prose numbers could be computed from the candidate folder.  Only
then (and not with ``dry_run``) are the changed files moved into place, and the
prose numbers re-synced (:func:`awsbook.prose.sync`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from awsbook import datasets
from awsbook.prices import diff, offers
from awsbook.prices.select import SERVICES
from awsbook.prices.tables import Merge, Table, merge

DEFAULT_REGIONS = ("us-east-1", "ap-northeast-2")
#: A price that moves by more than this factor (up or down) stops the refresh for a human look.
SANITY_FACTOR = 3.0


class RefreshError(ValueError):
    """The refresh stopped; ``data/`` is unchanged.  The message is Korean."""


@dataclass
class Result:
    merge: Merge
    moves: list = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    synced: list = field(default_factory=list)
    report: str = ""


def _check_choices(regions, services) -> None:
    for r in regions:
        if r not in datasets.REGIONS:
            raise RefreshError(f"'--region'에 {r!r}이(가) 주어졌습니다. {', '.join(datasets.REGIONS)} 중 하나만 허용됩니다.")
    for s in services:
        if s not in SERVICES:
            raise RefreshError(f"'--service'에 {s!r}이(가) 주어졌습니다. {', '.join(SERVICES)} 중 하나만 허용됩니다.")


def _sanity(result: Merge) -> None:
    for c in result.changes:
        if not c.column.startswith("usd_"):
            continue
        old, new = float(c.old), float(c.new)
        if old > 0 and not (1 / SANITY_FACTOR <= new / old <= SANITY_FACTOR):
            raise RefreshError(
                f"{c.origin}: SKU {c.sku}의 가격(pricePerUnit.USD)이 {c.file} {c.row}의 '{c.column}' 값을 {c.old}에서 "
                f"{c.new}(으)로 {new / old:.2f}배 바꿉니다. {SANITY_FACTOR:g}배를 넘는 변화는 파일 오류일 수 있어 멈춥니다. "
                "AWS 가격 페이지에서 확인한 뒤 직접 고치세요.")


def _validate(folder: Path, names: list[str], what: str) -> None:
    """The loader's own checks (:func:`datasets.check`) on the files ``names`` of ``folder``."""
    problems = [str(p) for p in datasets.check(folder, names)] if names else []
    if problems:
        more = f" 외 {len(problems) - 3}건" if len(problems) > 3 else ""
        raise RefreshError(f"{what}가 검사를 통과하지 못했습니다: {'; '.join(problems[:3])}{more}")


def _commit(cand: Path, data_dir: Path, names: list[str]) -> None:
    """Copy the changed files next to their targets, then rename them into place.

    A copy that fails (a read-only folder, a full disk) removes every copy made so far and
    raises :class:`RefreshError`: no file of ``data_dir`` has changed by then.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for name in names:
            tmp = data_dir / f".{name}.csv.refresh-tmp"
            shutil.copyfile(cand / f"{name}.csv", tmp)
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
            staged.append((tmp, data_dir / f"{name}.csv"))
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        failed = names[len(staged)]
        (data_dir / f".{failed}.csv.refresh-tmp").unlink(missing_ok=True)
        raise RefreshError(f"{data_dir}에 새 {failed}.csv를 쓰지 못했습니다({exc}). 폴더에 쓸 수 있는지, 디스크에 빈 "
                           "자리가 있는지 확인하세요.") from None
    for tmp, target in staged:
        os.replace(tmp, target)


def refresh(*, regions=DEFAULT_REGIONS, services=tuple(SERVICES), offers_dir: Path | None = None,
            data_dir: Path | None = None, root: Path | None = None, dry_run: bool = False,
            say=print) -> Result:
    """Refresh the price tables in ``data_dir`` from AWS's files; print the diff with ``say``.

    ``offers_dir``: a folder laid out like the URL paths below ``offers/v1.0/aws/``
    (``DIR/AWSLambda/current/ap-northeast-2/index.json``); without it the files
    are downloaded.  ``root``: the book whose prose numbers are compared (and,
    after a real refresh of ``root/data``, re-synced).
    """
    from awsbook import prose

    regions, services = list(dict.fromkeys(regions)), list(dict.fromkeys(services))
    _check_choices(regions, services)
    root = Path(root) if root is not None else prose.ROOT
    data_dir = Path(data_dir) if data_dir is not None else Path(datasets.DATA_DIR)
    names = sorted({n for s in services for n in SERVICES[s].datasets})
    _validate(data_dir, names, f"고치기 전의 데이터({data_dir})")  # a broken file stops here, in Korean
    tables = {n: Table.load(data_dir, n) for n in names}

    result = Merge()
    candidates: dict[str, list] = {n: [] for n in names}
    covers: dict[str, list] = {n: [] for n in names}
    with tempfile.TemporaryDirectory(prefix="awsbook-offers-") as downloads:
        for code in services:
            svc = SERVICES[code]
            for region in regions:
                if offers_dir is not None:
                    path = offers.local_file(Path(offers_dir), code, region)
                    if path is None:
                        result.notices.append(f"{Path(offers_dir) / code / 'current' / region}에 index.json(또는 "
                                              "index.csv)이 없어 건너뜁니다. 이 서비스·리전의 행은 그대로입니다.")
                        continue
                else:
                    say(f"내려받는 중: {offers.offer_url(code, region)}")
                    path = offers.download(code, region, Path(downloads))
                    if path is None:
                        result.notices.append(f"AWS가 {code}의 {region} 가격 파일을 내지 않습니다(HTTP 404). 건너뜁니다.")
                        continue
                url = offers.offer_url(code, region, "csv" if path.suffix == ".csv" else "json")
                started = time.perf_counter()
                offer = offers.read(path, code, region, url, svc.keep(region, tables))
                say(f"읽음: {path} ({offer.product_count:,}개 상품 중 {len(offer.products)}개 선택, "
                    f"{offer.as_of} 게시, {time.perf_counter() - started:.1f}초)")
                extract = svc.extract(offer, tables)
                for cand in extract.candidates:
                    candidates[cand.dataset].append(cand)
                for dataset, pred in extract.covers:
                    covers[dataset].append(pred)
                result.notices += extract.notices
                if offers_dir is None:
                    path.unlink(missing_ok=True)

    for name in names:
        if candidates[name] or covers[name]:
            try:
                merge(tables[name], candidates[name], covers[name], result)
            except ValueError as exc:
                raise RefreshError(str(exc)) from None
    _sanity(result)

    changed = [n for n in names if tables[n].changed]
    out = Result(result)
    cand = Path(tempfile.mkdtemp(prefix="awsbook-data-"))
    try:
        for p in data_dir.glob("*.csv"):
            shutil.copyfile(p, cand / p.name)
        for n in changed:
            (cand / f"{n}.csv").write_bytes(tables[n].text().encode("utf-8"))
        _validate(cand, changed, "AWS 파일로 만든 새 데이터")
        if changed:
            try:
                before = diff.prose_values(data_dir, root)
                after = diff.prose_values(cand, root)
            except diff.ProseError as exc:
                raise RefreshError(str(exc)) from None
            out.moves = diff.prose_moves(before, after, root)
        out.report = diff.report(result, out.moves if changed else [], dry_run=dry_run)
        say(out.report.rstrip("\n"))
        if dry_run or not changed:
            if not changed:
                say("바뀐 데이터가 없어 아무것도 쓰지 않았습니다.")
            return out
        _commit(cand, data_dir, changed)
        out.written = [f"{n}.csv" for n in changed]
        say(f"썼습니다: {', '.join(out.written)} ({data_dir})")
        if data_dir.resolve() == (root / "data").resolve():
            out.synced = prose.sync(root, known=after)
            for q in out.synced:
                say(f"본문 숫자: {q.file} {q.key}: {q.text} → {q.expected}")
            say(f"본문 숫자 {len(out.synced)}개를 고쳤습니다." if out.synced else "본문 숫자는 그대로입니다.")
        else:
            say(f"데이터 폴더가 {root / 'data'}가 아니어서 본문 숫자 동기화(python -m awsbook.prose sync)는 건너뜁니다.")
        return out
    finally:
        shutil.rmtree(cand, ignore_errors=True)
