#!/usr/bin/env python3
"""Regenerate tests/data/endpoint-vectors.json: cognito-idp endpoint resolutions by botocore.

Each vector holds an input (region, use_fips, use_dualstack, endpoint) and two answers:
  ruleset  botocore's EndpointProvider on the raw inputs (the rule set and partitions
           packaged with botocore);
  client   a real botocore client for the same settings, with the URL of an
           UpdateAuthEventFeedback call captured in a before-send hook (nothing is sent).
The vectors are: every region of partitions.json in all four FIPS/dual-stack combinations,
edge cases (malformed or unknown regions, pseudo-regions, endpoint overrides), and the
service's published endpoint rule tests (endpoint-tests-1.json, from botocore's sdist: the
wheel does not ship them).

Setup and run (botocore from PyPI, in a throwaway venv):
    python3 -m venv /tmp/vectors-venv
    /tmp/vectors-venv/bin/pip install botocore==1.44.8
    /tmp/vectors-venv/bin/python scripts/gen_endpoint_vectors.py           # rewrite the file
    /tmp/vectors-venv/bin/python scripts/gen_endpoint_vectors.py --check   # compare only

The official tests come from the botocore sdist of the same version, fetched with
`pip download` (or give --endpoint-tests FILE). The script also checks that botocore's
packaged rule set and partitions equal the copies in data/ that the library embeds.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import botocore_oracle
from botocore_oracle import BOTOCORE_VERSION, SERVICE, call_answered_by, canned_response

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "tests" / "data" / "endpoint-vectors.json"

# label, region, use_fips, use_dualstack, endpoint
EDGE_CASES = [
    ("no region", None, False, False, None),
    ("empty region", "", False, False, None),
    ("space in region", "us east 1", False, False, None),
    ("punctuation", "not a region!", False, False, None),
    ("trailing dot", "us-east-1.", False, False, None),
    ("dotted", "us-east-1.evil.com", False, False, None),
    ("slash", "us-east-1/foo", False, False, None),
    ("at sign", "attacker.com@us-east-1", False, False, None),
    ("leading hyphen", "-us-east-1", False, False, None),
    ("trailing hyphen", "us-east-1-", False, False, None),
    ("underscore", "us_east_1", False, False, None),
    ("uppercase", "US-EAST-1", False, False, None),
    ("all digits", "12345", False, False, None),
    ("64 chars", "a" * 64, False, False, None),
    ("63 chars", "a" * 63, False, False, None),
    ("unicode", "us-\u00e9ast-1", False, False, None),
    ("unknown region aws-shaped", "us-moon-1", False, False, None),
    ("unknown region no partition regex", "xx-moon-1", False, False, None),
    ("unknown region no partition regex fips", "xx-moon-1", True, False, None),
    ("unknown cn-shaped", "cn-south-9", True, True, None),
    ("unknown gov-shaped", "us-gov-north-9", True, True, None),
    ("fips pseudo region prefix", "fips-us-east-1", False, False, None),
    ("fips pseudo region suffix", "us-east-1-fips", False, False, None),
    ("fips pseudo region + dualstack", "us-west-2-fips", False, True, None),
    ("custom endpoint", "us-east-1", False, False, "https://example.com"),
    ("custom endpoint no region", None, False, False, "https://example.com"),
    ("custom endpoint + FIPS", "us-east-1", True, False, "https://example.com"),
    ("custom endpoint + DualStack", "us-east-1", False, True, "https://example.com"),
    ("custom endpoint + FIPS + DualStack", "us-east-1", True, True, "https://example.com"),
    ("custom endpoint with path", "us-east-1", False, False, "https://example.com/prefix/path"),
    ("custom endpoint with port http", "us-east-1", False, False, "http://127.0.0.1:8080"),
    ("custom endpoint trailing slash", "us-east-1", False, False, "https://example.com/"),
    ("custom endpoint no scheme", "us-east-1", False, False, "example.com"),
]

NOTES = [
    "ruleset = botocore EndpointProvider on raw params; client = real botocore client, "
    "URL captured in before-send",
    "client layer: validate_region_name -> InvalidRegionError; fips-/-fips pseudo regions "
    "rewritten; UseFIPS/UseDualStack forced False when an endpoint URL is supplied",
    "region=None means parameter unset; client with no region raises NoRegionError",
]

def isolate_from_environment():
    """No AWS_* variable, config or credentials file may change botocore's answers."""
    botocore_oracle.isolate_from_environment()
    os.environ["AWS_CONFIG_FILE"] = os.devnull
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull


def params_input(region, use_fips, use_dualstack, endpoint):
    return {
        "region": region,
        "use_fips": use_fips,
        "use_dualstack": use_dualstack,
        "endpoint": endpoint,
    }


class Oracle:
    """botocore's two answers for one input."""

    def __init__(self, ruleset, partitions):
        import botocore.session
        from botocore.endpoint_provider import EndpointProvider

        self.provider = EndpointProvider(ruleset, partitions)
        self.session = botocore.session.Session()

    def ruleset(self, region, use_fips, use_dualstack, endpoint):
        from botocore.exceptions import EndpointResolutionError

        params = {"UseFIPS": use_fips, "UseDualStack": use_dualstack}
        if region is not None:
            params["Region"] = region
        if endpoint is not None:
            params["Endpoint"] = endpoint
        try:
            return {"url": self.provider.resolve_endpoint(**params).url, "error": None}
        except EndpointResolutionError as e:
            return {"url": None, "error": str(e), "error_class": type(e).__name__}

    def client(self, region, use_fips, use_dualstack, endpoint):
        from botocore.config import Config

        captured = {}

        def answer(request, **kwargs):
            captured["url"] = request.url
            return canned_response(request, 200, b"{}")

        config = Config(use_fips_endpoint=use_fips, use_dualstack_endpoint=use_dualstack)
        try:
            client = self.session.create_client(
                SERVICE, region_name=region, endpoint_url=endpoint, config=config
            )
            call_answered_by(client, answer)
        except Exception as e:  # every failure is an answer to record
            return {"url": None, "error": str(e), "error_class": type(e).__name__}
        return {"url": captured["url"], "error": None, "client_region": client.meta.region_name}

    def answers(self, *inputs):
        return {
            "input": params_input(*inputs),
            "ruleset": self.ruleset(*inputs),
            "client": self.client(*inputs),
        }


def fetch_endpoint_tests(version):
    """endpoint-tests-1.json of the service, from botocore's sdist on PyPI."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", ":all:", f"botocore=={version}", "-d", folder],
            check=True,
        )
        (sdist,) = Path(folder).glob("botocore-*.tar.gz")
        member = f"botocore-{version}/tests/functional/endpoint-rules/{SERVICE}/endpoint-tests-1.json"
        with tarfile.open(sdist) as tar:
            return json.load(tar.extractfile(member))


def same_as_embedded(name, packaged):
    embedded = json.loads((REPO / "data" / name).read_text(encoding="utf-8"))
    if embedded != packaged:
        sys.exit(f"data/{name} differs from the one packaged with botocore: update it first")


def generate(endpoint_tests):
    import botocore
    import botocore.loaders

    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {botocore.__version__} is installed; these vectors use {BOTOCORE_VERSION}")
    loader = botocore.loaders.create_loader()
    api_version = loader.determine_latest_version(SERVICE, "endpoint-rule-set-1")
    ruleset = loader.load_service_model(SERVICE, "endpoint-rule-set-1", api_version)
    partitions = loader.load_data("partitions")
    same_as_embedded("endpoint-rule-set-1.json", ruleset)
    same_as_embedded("partitions.json", partitions)
    oracle = Oracle(ruleset, partitions)

    vectors = []
    for partition in partitions["partitions"]:
        for region in partition["regions"]:
            for use_fips in (False, True):
                for use_dualstack in (False, True):
                    vector = oracle.answers(region, use_fips, use_dualstack, None)
                    vector.update(partition=partition["id"], kind="partition-region")
                    vectors.append(vector)
    for label, *inputs in EDGE_CASES:
        vector = oracle.answers(*inputs)
        vector.update(kind="edge", label=label)
        vectors.append(vector)
    for case in endpoint_tests["testCases"]:
        params = case.get("params", {})
        vector = oracle.answers(
            params.get("Region"),
            params.get("UseFIPS", False),
            params.get("UseDualStack", False),
            params.get("Endpoint"),
        )
        expect = case["expect"]
        if "endpoint" in expect:
            matches = vector["ruleset"]["url"] == expect["endpoint"]["url"]
        else:
            matches = vector["ruleset"]["error"] == expect["error"]
        vector.update(
            kind="official-test",
            label=case["documentation"],
            expect=expect,
            ruleset_matches_expect=matches,
        )
        vectors.append(vector)

    return {
        "generator": "scripts/gen_endpoint_vectors.py",
        "botocore_version": botocore.__version__,
        "ruleset_source": f"botocore/data/{SERVICE}/{api_version}/endpoint-rule-set-1.json.gz (packaged)",
        "partitions_source": f"botocore/data/partitions.json (packaged), version {partitions['version']}",
        "notes": NOTES,
        "vectors": vectors,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the file instead of writing it")
    parser.add_argument("--endpoint-tests", type=Path, help="endpoint-tests-1.json (default: from the sdist)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    isolate_from_environment()
    if args.endpoint_tests:
        endpoint_tests = json.loads(args.endpoint_tests.read_text(encoding="utf-8"))
    else:
        endpoint_tests = fetch_endpoint_tests(BOTOCORE_VERSION)
    text = json.dumps(generate(endpoint_tests), indent=1, ensure_ascii=False)

    if not args.check:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
        return
    current = args.output.read_text(encoding="utf-8")
    if current == text:
        print(f"{args.output} is reproduced exactly")
        return
    diff = difflib.unified_diff(current.splitlines(), text.splitlines(), "committed", "regenerated", lineterm="")
    print("\n".join(diff))
    sys.exit(f"{args.output} differs from what botocore gives")


if __name__ == "__main__":
    main()
