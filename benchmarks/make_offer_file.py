"""Write a synthetic AWS EC2 regional price file of a given size, in AWS's exact format.

    python benchmarks/make_offer_file.py [--size-mb 500] [--out /tmp/awsbook-offers]

writes ``<out>/AmazonEC2/current/us-east-1/index.json`` (never into the repository).
The structure and pretty-printing follow AWS's regional "service price list file":
top-level metadata, ``products`` keyed by SKU with ``productFamily`` and ~30
``attributes``, ``terms.OnDemand`` and ``terms.Reserved`` keyed by SKU → offer term →
``priceDimensions``.  As in AWS's file, each instance type has about a hundred SKUs
(operating system × tenancy × capacity status × pre-installed software) and most
SKUs have six Reserved offers, which make up most of the bytes.  The book's eleven
instance types are among them with one Linux / Shared / NA / Used SKU each, so the
refresh finds exactly what it would find in AWS's file.  Prices are random.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
from pathlib import Path

#: The book's instance types with vCPU, memory and the book's us-east-1 hourly price (data/ec2_prices.csv),
#: so that a refresh against this file runs to the end instead of stopping at the ×3 sanity bound.
BOOK_TYPES = {"t3.micro": ("2", "1 GiB", 0.0104), "t3.small": ("2", "2 GiB", 0.0208),
              "t3.medium": ("2", "4 GiB", 0.0416), "t4g.micro": ("2", "1 GiB", 0.0084),
              "t4g.small": ("2", "2 GiB", 0.0168), "m5.large": ("2", "8 GiB", 0.096),
              "m6i.large": ("2", "8 GiB", 0.096), "m7g.large": ("2", "8 GiB", 0.0816),
              "c6i.large": ("2", "4 GiB", 0.085), "c7g.large": ("2", "4 GiB", 0.0725),
              "r6i.large": ("2", "16 GiB", 0.126)}
SYSTEMS = (("Linux", "RunInstances"), ("Windows", "RunInstances:0002"), ("RHEL", "RunInstances:0010"),
           ("SUSE", "RunInstances:000g"), ("Red Hat Enterprise Linux with HA", "RunInstances:1010"),
           ("Ubuntu Pro", "RunInstances:0g00"))
TENANCIES = (("Shared", "BoxUsage"), ("Dedicated", "DedicatedUsage"), ("Host", "HostBoxUsage"))
CAPACITY = ("Used", "UnusedCapacityReservation", "AllocatedCapacityReservation")
SOFTWARE = ("NA", "SQL Web", "SQL Std", "SQL Ent")
RESERVED = [(length, cls, option) for length in ("1yr", "3yr") for cls in ("standard", "convertible")
            for option in ("No Upfront", "Partial Upfront", "All Upfront")][:6]
DISCLAIMER = ("This pricing list is for informational purposes only. All prices are subject to the additional "
              "terms included in the pricing pages on http://aws.amazon.com. All Free Tier prices are also "
              "subject to the terms included at https://aws.amazon.com/free/")


def sku_of(n: int) -> str:
    return base64.b32encode(hashlib.blake2b(str(n).encode(), digest_size=10).digest()).decode()[:16]


def _template(obj: dict, indent: int) -> str:
    """AWS-style pretty JSON of ``obj`` as a %-format string (placeholders are "@name@")."""
    text = json.dumps(obj, indent=2, separators=(",", " : ")).replace("%", "%%")
    text = text.replace("\n", "\n" + " " * indent)
    for name in ("sku", "type", "os", "op", "tenancy", "usage", "capacity", "sw", "vcpu", "memory", "family",
                 "price", "term", "rate", "len", "cls", "opt", "upfront", "rate2"):
        text = text.replace(f"@{name}@", f"%({name})s")
    return text


PRODUCT = _template({"sku": "@sku@", "productFamily": "Compute Instance", "attributes": {
    "location": "US East (N. Virginia)", "locationType": "AWS Region", "instanceType": "@type@",
    "currentGeneration": "Yes", "instanceFamily": "@family@", "vcpu": "@vcpu@",
    "physicalProcessor": "Intel Xeon Platinum 8259CL", "clockSpeed": "2.5 GHz", "memory": "@memory@",
    "storage": "EBS only", "networkPerformance": "Up to 5 Gigabit", "processorArchitecture": "64-bit",
    "tenancy": "@tenancy@", "operatingSystem": "@os@", "licenseModel": "No License required",
    "usagetype": "@usage@", "operation": "@op@", "availabilityzone": "NA", "capacitystatus": "@capacity@",
    "classicnetworkingsupport": "false", "dedicatedEbsThroughput": "Up to 2085 Mbps", "ecu": "Variable",
    "enhancedNetworkingSupported": "Yes", "gpuMemory": "NA", "intelAvxAvailable": "Yes",
    "intelAvx2Available": "Yes", "intelTurboAvailable": "Yes", "marketoption": "OnDemand",
    "normalizationSizeFactor": "0.5", "preInstalledSw": "@sw@", "processorFeatures": "AVX; AVX2; Intel AVX512",
    "regionCode": "us-east-1", "servicecode": "AmazonEC2", "servicename": "Amazon Elastic Compute Cloud",
    "vpcnetworkingsupport": "true"}}, 4)
ON_DEMAND = _template({"@sku@.JRTCKXETXF": {
    "offerTermCode": "JRTCKXETXF", "sku": "@sku@", "effectiveDate": "2026-11-01T00:00:00Z",
    "priceDimensions": {"@sku@.JRTCKXETXF.6YS6EN2CT7": {
        "rateCode": "@sku@.JRTCKXETXF.6YS6EN2CT7", "description": "$@price@ per On Demand @os@ @type@ Instance Hour",
        "beginRange": "0", "endRange": "Inf", "unit": "Hrs", "pricePerUnit": {"USD": "@price@"}, "appliesTo": []}},
    "termAttributes": {}}}, 6)
RESERVED_TERM = _template({"@sku@.@term@": {
    "offerTermCode": "@term@", "sku": "@sku@", "effectiveDate": "2026-11-01T00:00:00Z",
    "priceDimensions": {
        "@sku@.@term@.2TG2D8R56U": {"rateCode": "@sku@.@term@.2TG2D8R56U", "description": "Upfront Fee",
                                    "unit": "Quantity", "pricePerUnit": {"USD": "@upfront@"}, "appliesTo": []},
        "@sku@.@term@.6YS6EN2CT7": {"rateCode": "@sku@.@term@.6YS6EN2CT7",
                                    "description": "@os@ (Amazon VPC), @type@ reserved instance applied",
                                    "beginRange": "0", "endRange": "Inf", "unit": "Hrs",
                                    "pricePerUnit": {"USD": "@rate2@"}, "appliesTo": []}},
    "termAttributes": {"LeaseContractLength": "@len@", "OfferingClass": "@cls@", "PurchaseOption": "@opt@"}}}, 8)
for _name in ("ON_DEMAND", "RESERVED_TERM"):
    globals()[_name] = globals()[_name][1:-1].strip()  # drop the outer braces: items of a bigger map


def products(rng: random.Random):
    """(attributes dict, hourly price) for every SKU, book types first, forever."""
    n = 0
    families = [("m", "General purpose"), ("c", "Compute optimized"), ("r", "Memory optimized"),
                ("t", "General purpose"), ("i", "Storage optimized"), ("x", "Memory optimized")]
    sizes = ["large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"]
    book = list(BOOK_TYPES.items())
    gen = 1
    while True:
        if book:
            itype, (vcpu, memory, base) = book.pop(0)
            family = "General purpose"
        else:
            letter, family = families[gen % len(families)]
            itype = f"{letter}{gen // len(families) + 2}{'gid'[gen % 3]}.{sizes[gen % len(sizes)]}"
            vcpu, memory = str(2 ** (gen % 7 + 1)), f"{2 ** (gen % 8 + 1)} GiB"
            gen += 1
            base = round(rng.uniform(0.005, 8.0), 4)
        for os_name, op in SYSTEMS:
            for tenancy, usage in TENANCIES:
                for capacity in CAPACITY:
                    for sw in SOFTWARE if os_name in ("Linux", "Windows") else ("NA",):
                        if itype in BOOK_TYPES and (os_name, tenancy, capacity, sw) == ("Linux", "Shared", "Used", "NA"):
                            price = base
                        else:
                            price = round(base * rng.uniform(1.0, 3.0), 4)
                        op_sw = op if sw == "NA" else op + {"SQL Web": ":0200", "SQL Std": ":0004",
                                                          "SQL Ent": ":0100"}[sw]
                        yield n, {"sku": sku_of(n), "type": itype, "os": os_name, "op": op_sw, "tenancy": tenancy,
                                  "usage": f"{usage}:{itype}", "capacity": capacity, "sw": sw, "vcpu": vcpu,
                                  "memory": memory, "family": family, "price": f"{price:.10f}"}
                        n += 1


def write(path: Path, size_mb: float, seed: int = 13) -> int:
    """Write the file; return the number of SKUs.  Sizes the products so that the file is about ``size_mb``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    # Bytes per SKU: its product, its on-demand term and, for the third of SKUs with capacity
    # status Used, six Reserved offers.  Pick the SKU count from that, then write.
    sample = next(products(random.Random(seed)))[1]
    per_sku = len(PRODUCT % sample) + len(ON_DEMAND % sample) + 2 * len(RESERVED_TERM % {
        **sample, "term": "4NA7Y494T4", "len": "1yr", "cls": "standard", "opt": "No Upfront",
        "upfront": "0", "rate2": "0"}) + 40
    count = max(len(BOOK_TYPES) * 100, int(size_mb * 1e6 / per_sku))
    rows = []
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n  "formatVersion" : "v1.0",\n  "disclaimer" : %s,\n  "offerCode" : "AmazonEC2",\n'
                  '  "version" : "20261120180327",\n  "publicationDate" : "2026-11-20T18:03:27Z",\n'
                  '  "products" : {\n' % json.dumps(DISCLAIMER))
        for n, attrs in products(rng):
            if n >= count:
                break
            rows.append((attrs["sku"], attrs["type"], attrs["os"], attrs["price"], attrs["capacity"]))
            out.write(("    \"%s\" : " % attrs["sku"]) + (PRODUCT % attrs) + (",\n" if n < count - 1 else "\n"))
        out.write('  },\n  "terms" : {\n    "OnDemand" : {\n')
        for i, (sku, itype, os_name, price, _) in enumerate(rows):
            out.write(f'      "{sku}" : {{\n        ' + ON_DEMAND % {"sku": sku, "type": itype, "os": os_name,
                                                                  "price": price}
                      + ("\n      },\n" if i < len(rows) - 1 else "\n      }\n"))
        out.write('    },\n    "Reserved" : {\n')
        reserved = [r for r in rows if r[4] == "Used"]
        for i, (sku, itype, os_name, price, _) in enumerate(reserved):
            terms = []
            for j, (length, cls, option) in enumerate(RESERVED):
                rate = float(price) * rng.uniform(0.3, 0.7)
                terms.append(RESERVED_TERM % {"sku": sku, "term": sku_of(-j - 1)[:10], "type": itype, "os": os_name,
                                              "len": length, "cls": cls, "opt": option,
                                              "upfront": f"{rate * 8760 * 0.5:.0f}", "rate2": f"{rate:.10f}"})
            out.write(f'      "{sku}" : {{\n        ' + ",\n        ".join(terms)
                      + ("\n      },\n" if i < len(reserved) - 1 else "\n      }\n"))
        out.write("    }\n  }\n}\n")
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=500)
    parser.add_argument("--out", type=Path, default=Path("/tmp/awsbook-offers"))
    args = parser.parse_args(argv)
    path = args.out / "AmazonEC2" / "current" / "us-east-1" / "index.json"
    count = write(path, args.size_mb)
    print(f"{path}: {path.stat().st_size / 1e6:,.0f} MB, {count:,} SKUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
