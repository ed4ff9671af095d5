"""Keep the book's prices current from the AWS Price List bulk files.

``python -m awsbook.prices refresh`` reads AWS's public regional price files
(``https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<serviceCode>/current/<regionCode>/index.json``,
no credentials, or a pre-downloaded copy with ``--offers DIR``), picks exactly
the rows the book uses, prints what changes (values, added rows, rows gone from
AWS's files, and the prose numbers that move) and only then rewrites ``data/``.

Modules:

* :mod:`~awsbook.prices.offers` — locate, download and stream-read one price file;
* :mod:`~awsbook.prices.select` — which SKUs and price dimensions feed which data rows;
* :mod:`~awsbook.prices.tables` — the CSV files as text rows, merged with AWS's rows;
* :mod:`~awsbook.prices.diff` — the review report and the prose numbers that move;
* :mod:`~awsbook.prices.refresh` — the command itself (``__main__`` is its argument parser).

Reading JSON files needs ``ijson`` (``pip install awsbook[prices]``).
"""

from awsbook.prices.offers import OfferError
from awsbook.prices.refresh import RefreshError, refresh

__all__ = ["OfferError", "RefreshError", "refresh"]
