"""``python -m awsbook.prices refresh [--region R …] [--service S …] [--offers DIR] [--dry-run]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from awsbook import datasets
from awsbook.prices.diff import ProseError
from awsbook.prices.offers import OfferError
from awsbook.prices.refresh import DEFAULT_REGIONS, RefreshError, refresh
from awsbook.prices.select import SERVICES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m awsbook.prices",
        description="Refresh data/ from the AWS Price List bulk files (public, no credentials), "
                    "printing a diff first.")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("refresh", help="read AWS's price files, show what changes, update data/")
    cmd.add_argument("--region", action="append", metavar="REGION",
                     help=f"region code, repeatable (default: {' '.join(DEFAULT_REGIONS)})")
    cmd.add_argument("--service", action="append", metavar="CODE",
                     help=f"service code, repeatable (default: all of {' '.join(SERVICES)})")
    cmd.add_argument("--offers", type=Path, metavar="DIR",
                     help="read DIR/<service>/current/<region>/index.json (or index.csv) instead of downloading")
    cmd.add_argument("--dry-run", action="store_true", help="print the diff and write nothing")
    cmd.add_argument("--data-dir", type=Path, metavar="DIR",
                     help=f"the data folder to update (default: {datasets.DATA_DIR}; AWSBOOK_DATA_DIR also works)")
    cmd.add_argument("--root", type=Path, metavar="DIR",
                     help="the book whose prose numbers are compared and re-synced (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        refresh(regions=args.region or DEFAULT_REGIONS, services=args.service or tuple(SERVICES),
                offers_dir=args.offers, data_dir=args.data_dir, root=args.root, dry_run=args.dry_run)
    except (OfferError, RefreshError, ProseError, datasets.DataError) as exc:
        print(f"오류: {exc}\n→ data/의 파일은 하나도 바꾸지 않았습니다.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
