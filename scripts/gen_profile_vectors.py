#!/usr/bin/env python3
"""Regenerate tests/data/profile-vectors.json: settings resolved by botocore from a config file
profile, environment variables and explicit client settings.

Each vector holds an input, botocore's answer and, where this library deliberately answers
differently, a deviation (this library's answer and why):
  input     config_file (the text of ~/.aws/config, or null for no file), env (AWS_* variables),
            explicit (the client's own settings: profile, region, endpoint_url, use_fips,
            use_dualstack, max_attempts, retry_mode, app_id)
  botocore  what a real botocore client resolved: region, the URL of an UpdateAuthEventFeedback
            call (captured in a before-send hook, nothing is sent), use_fips, use_dualstack,
            max_attempts (total attempts), retry_mode, app_id; or the error class and message.
The vectors are the cross product of explicit x environment x profile for each setting, and
edge cases (services sections, ignore_configured_endpoint_urls, missing profiles, values
botocore reads differently from the SDKs' shared rules or from the AWS SDK for Rust).
src/profile_oracle.rs (a unit test) runs every vector; the Python package and the command
line run those that decide the endpoint URL.

Setup and run (botocore from PyPI, in a venv under target/):
    python3 -m venv target/profile-oracle-venv
    target/profile-oracle-venv/bin/pip install botocore==1.44.8
    target/profile-oracle-venv/bin/python scripts/gen_profile_vectors.py           # rewrite
    target/profile-oracle-venv/bin/python scripts/gen_profile_vectors.py --check   # compare
"""

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

from botocore_oracle import (
    BOTOCORE_VERSION,
    SERVICE,
    call_answered_by,
    canned_response,
    isolate_from_environment,
)

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "tests" / "data" / "profile-vectors.json"
# The vectors that resolve to a URL, one a line, for the C and C# tests (no JSON parser there).
ENDPOINTS_OUTPUT = REPO / "tests" / "data" / "profile-vectors-endpoints.tsv"

# setting: (explicit value, environment variable and value, profile key and value). Each
# source's value differs from the others', so the answer shows which one won.
SETTINGS = {
    "region": ("ap-south-1", ("AWS_DEFAULT_REGION", "us-west-2"), ("region", "eu-west-1")),
    "endpoint_url": (
        "http://explicit.example:1",
        ("AWS_ENDPOINT_URL", "http://env.example:2"),
        ("endpoint_url", "http://profile.example:3"),
    ),
    "use_fips": (True, ("AWS_USE_FIPS_ENDPOINT", "false"), ("use_fips_endpoint", "true")),
    "use_dualstack": (
        True,
        ("AWS_USE_DUALSTACK_ENDPOINT", "false"),
        ("use_dualstack_endpoint", "true"),
    ),
    "max_attempts": (2, ("AWS_MAX_ATTEMPTS", "4"), ("max_attempts", "6")),
    "retry_mode": ("adaptive", ("AWS_RETRY_MODE", "standard"), ("retry_mode", "adaptive")),
    "app_id": ("explicit-app", ("AWS_SDK_UA_APP_ID", "env-app"), ("sdk_ua_app_id", "profile-app")),
}

SERVICES = "[services local]\ncognito_identity_provider =\n  endpoint_url = http://services.example:4\n"

# label, config file (None: no file), env, explicit
EDGE_CASES = [
    ("AWS_PROFILE chooses the profile", "[default]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("explicit profile beats AWS_PROFILE", "[profile dev]\nregion = us-east-2\n[profile prod]\nregion = eu-west-1\n",
     {"AWS_PROFILE": "prod"}, {"profile": "dev"}),
    ("default profile without AWS_PROFILE", "[default]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n",
     {}, {}),
    ("AWS_PROFILE names a missing profile", "[default]\nregion = us-east-1\n", {"AWS_PROFILE": "prod"}, {}),
    ("explicit profile is missing", "[default]\nregion = us-east-1\n", {}, {"profile": "prod"}),
    ("AWS_PROFILE with no config file", None, {"AWS_PROFILE": "prod"}, {"region": "us-east-1"}),
    ("missing default profile is no error", "[profile other]\nregion = eu-west-1\n", {}, {"region": "us-east-1"}),
    ("no config file is no error", None, {}, {"region": "us-east-1"}),
    ("services section sets the endpoint",
     "[profile prod]\nregion = eu-west-1\nservices = local\n" + SERVICES, {"AWS_PROFILE": "prod"}, {}),
    ("services section beats the profile endpoint_url",
     "[profile prod]\nregion = eu-west-1\nendpoint_url = http://profile.example:3\nservices = local\n" + SERVICES,
     {"AWS_PROFILE": "prod"}, {}),
    ("AWS_ENDPOINT_URL beats the services section",
     "[profile prod]\nregion = eu-west-1\nservices = local\n" + SERVICES,
     {"AWS_PROFILE": "prod", "AWS_ENDPOINT_URL": "http://env.example:2"}, {}),
    ("service variable beats the services section",
     "[profile prod]\nregion = eu-west-1\nservices = local\n" + SERVICES,
     {"AWS_PROFILE": "prod", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://env-service.example:5"}, {}),
    ("services section of another service is not used",
     "[profile prod]\nregion = eu-west-1\nservices = local\n[services local]\ns3 =\n  endpoint_url = http://s3.example:6\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("services section with the AWS SDK for Rust's key",
     "[profile prod]\nregion = eu-west-1\nservices = local\n[services local]\ncognito-identity-provider =\n  endpoint_url = http://services.example:4\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("services names a missing section", "[profile prod]\nregion = eu-west-1\nservices = gone\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("profile ignores configured endpoints",
     "[profile prod]\nregion = eu-west-1\nendpoint_url = http://profile.example:3\nignore_configured_endpoint_urls = true\n",
     {"AWS_PROFILE": "prod", "AWS_ENDPOINT_URL": "http://env.example:2"}, {}),
    ("variable ignores configured endpoints from the profile",
     "[profile prod]\nregion = eu-west-1\nendpoint_url = http://profile.example:3\nservices = local\n" + SERVICES,
     {"AWS_PROFILE": "prod", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, {}),
    ("variable false overrides profile true",
     "[profile prod]\nregion = eu-west-1\nendpoint_url = http://profile.example:3\nignore_configured_endpoint_urls = true\n",
     {"AWS_PROFILE": "prod", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, {}),
    ("ignoring configured endpoints keeps the explicit one",
     "[profile prod]\nregion = eu-west-1\nignore_configured_endpoint_urls = true\n",
     {"AWS_PROFILE": "prod"}, {"endpoint_url": "http://explicit.example:1"}),
    ("FIPS and dual-stack from the profile",
     "[profile prod]\nregion = us-gov-west-1\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("property names are case-insensitive", "[profile prod]\nRegion = eu-west-1\nMAX_ATTEMPTS = 5\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("boolean values are case-insensitive", "[profile prod]\nregion = us-east-1\nuse_fips_endpoint = TRUE\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("AWS_CONFIG_FILE moves the file", "[profile prod]\nregion = eu-west-1\n",
     {"AWS_PROFILE": "prod", "AWS_CONFIG_FILE": "{dir}/elsewhere"}, {}),
    ("duplicate profiles merge", "[profile prod]\nregion = eu-west-1\n[profile prod]\nmax_attempts = 5\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("profile default beats bare default", "[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n",
     {}, {}),
    # Where botocore and the shared rules or the AWS SDK for Rust differ (see the test).
    ("AWS_REGION", "[profile prod]\nregion = eu-west-1\n",
     {"AWS_PROFILE": "prod", "AWS_REGION": "ap-northeast-1"}, {}),
    ("AWS_DEFAULT_PROFILE", "[profile prod]\nregion = eu-west-1\n[profile legacy]\nregion = us-west-1\n",
     {"AWS_PROFILE": "prod", "AWS_DEFAULT_PROFILE": "legacy"}, {}),
    ("boolean that is not true or false", "[profile prod]\nregion = us-east-1\nuse_fips_endpoint = yes\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("legacy retry mode", "[profile prod]\nregion = us-east-1\nretry_mode = legacy\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("zero max attempts", "[profile prod]\nregion = us-east-1\nmax_attempts = 0\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("comment after a value", "[profile prod]\nregion = eu-west-1 ; production\n",
     {"AWS_PROFILE": "prod"}, {}),
    ("empty region value", "[profile prod]\nregion =\n", {"AWS_PROFILE": "prod", "AWS_DEFAULT_REGION": "us-west-2"}, {}),
]


# This library's answer where it deliberately differs from botocore, and why. Every surface's
# test expects `expect` where a vector has one, botocore's answer elsewhere.
RESOLVED = {"region": None, "url": None, "use_fips": False, "use_dualstack": False,
            "max_attempts": 3, "retry_mode": "standard", "app_id": None}


def resolved(region, url=None, **changes):
    """An answer with the defaults, in `region` (its regional endpoint unless `url`)."""
    answer = dict(RESOLVED, region=region, url=url or f"https://cognito-idp.{region}.amazonaws.com/")
    answer.update(changes)
    return answer


DEVIATIONS = {
    "region from nothing": (
        "botocore requires a region even with an endpoint override; the endpoint rules (and the "
        "AWS SDK for Rust) do not, and this library follows the rules (src/endpoint.rs)",
        dict(RESOLVED, url="http://127.0.0.1:9/"),
    ),
    "AWS_REGION": (
        "the AWS SDK for Rust (and the AWS CLI v2, .NET, Java) read AWS_REGION before "
        "AWS_DEFAULT_REGION; botocore reads AWS_DEFAULT_REGION only",
        resolved("ap-northeast-1"),
    ),
    "AWS_DEFAULT_PROFILE": (
        "botocore still honours the legacy AWS_DEFAULT_PROFILE before AWS_PROFILE; the shared "
        "rules (file-location-tests.json) and the other SDKs read AWS_PROFILE only",
        resolved("eu-west-1"),
    ),
    "boolean that is not true or false": (
        "botocore reads anything but `true` as false; this library rejects a boolean that is "
        "neither, naming the key, profile and file, as it does for the environment variables",
        {"error": {"containing": "use_fips_endpoint in profile prod of "}},
    ),
    "legacy retry mode": (
        "botocore implements legacy mode (5 attempts); this library has no legacy mode and runs "
        "standard mode (3 attempts), with a warning",
        resolved("us-east-1"),
    ),
    "services section with the AWS SDK for Rust's key": (
        "`cognito-identity-provider` is the AWS SDK for Rust's key, which botocore does not "
        "know; this library accepts it as well as botocore's `cognito_identity_provider`",
        resolved("eu-west-1", "http://services.example:4/"),
    ),
    "duplicate profiles merge": (
        "the shared rules merge duplicate sections (parser test 'Duplicate profiles in the same "
        "file merge properties'); botocore's configparser rejects the file",
        resolved("eu-west-1", max_attempts=5),
    ),
    "comment after a value": (
        "the shared rules strip a comment after whitespace (`value ; comment`); botocore's "
        "configparser keeps it in the value, and then rejects the region",
        resolved("eu-west-1"),
    ),
}


def cross_product_cases():
    """Every setting from every combination of explicit, environment and profile."""
    cases = []
    for setting, (explicit_value, (var, env_value), (key, profile_value)) in SETTINGS.items():
        for use_explicit, use_env, use_profile in itertools.product([False, True], repeat=3):
            profile = "[profile prod]\n"
            if setting != "region":
                profile += "region = us-east-1\n"
            if use_profile:
                profile += f"{key} = {profile_value}\n"
            env = {"AWS_PROFILE": "prod"}
            if use_env:
                env[var] = env_value
            explicit = {setting: explicit_value} if use_explicit else {}
            if setting in ("use_fips", "use_dualstack") and not (use_explicit or use_env or use_profile):
                explicit = {}
            sources = [name for name, on in (("explicit", use_explicit), ("env", use_env),
                                             ("profile", use_profile)) if on] or ["nothing"]
            label = f"{setting} from {' + '.join(sources)}"
            if setting == "region" and not (use_explicit or use_env or use_profile):
                explicit = {"endpoint_url": "http://127.0.0.1:9"}  # no region: botocore errors
            cases.append((label, profile, env, explicit))
    return cases


def answer(config_file, env, explicit):
    """What botocore resolves for one input, in a fresh HOME."""
    import botocore.session
    from botocore.config import Config

    captured = {"attempts": 0}

    def before_send(request, **kwargs):
        # Every attempt fails with a retryable 500, so the count of attempts is botocore's
        # attempt limit as it really applies (the sleeps between them are skipped).
        captured["url"] = request.url
        captured["attempts"] += 1
        return canned_response(
            request, 500, b'{"__type": "InternalErrorException", "message": "vector"}'
        )

    with tempfile.TemporaryDirectory() as home:
        isolate_from_environment()
        os.environ["HOME"] = home
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
        for name, value in env.items():
            os.environ[name] = value.replace("{dir}", home)
        if config_file is not None:
            path = Path(os.environ.get("AWS_CONFIG_FILE", f"{home}/.aws/config"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(config_file)
        try:
            session = botocore.session.Session(profile=explicit.get("profile"))
            retries = {}
            if "max_attempts" in explicit:
                retries["total_max_attempts"] = explicit["max_attempts"]
            if "retry_mode" in explicit:
                retries["mode"] = explicit["retry_mode"]
            config = Config(
                use_fips_endpoint=explicit.get("use_fips"),
                use_dualstack_endpoint=explicit.get("use_dualstack"),
                retries=retries or None,
                user_agent_appid=explicit.get("app_id"),
            )
            client = session.create_client(
                SERVICE,
                region_name=explicit.get("region"),
                endpoint_url=explicit.get("endpoint_url"),
                config=config,
            )
            try:
                call_answered_by(client, before_send)
            except client.exceptions.InternalErrorException:
                pass  # the answer every attempt got
        except Exception as e:  # every other failure is an answer to record
            message = str(e).replace(home, "{dir}")  # the same text on every run
            return {"error": {"class": type(e).__name__, "message": message}}
        meta = client.meta.config
        return {
            "region": client.meta.region_name,
            "url": captured["url"],
            "use_fips": bool(meta.use_fips_endpoint),
            "use_dualstack": bool(meta.use_dualstack_endpoint),
            "max_attempts": captured["attempts"],
            "retry_mode": meta.retries["mode"],
            "app_id": meta.user_agent_appid,
        }


def vectors():
    import time

    import botocore

    time.sleep = lambda seconds: None  # botocore's backoff between the failing attempts

    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} expected, found {botocore.__version__}")
    out = []
    for label, config_file, env, explicit in cross_product_cases() + EDGE_CASES:
        vector = {
            "label": label,
            "input": {"config_file": config_file, "env": env, "explicit": explicit},
            "botocore": answer(config_file, env, explicit),
        }
        if label in DEVIATIONS:
            why, expect = DEVIATIONS[label]
            assert expect != vector["botocore"], f"{label}: botocore agrees now"
            vector["deviation"] = {"why": why, "expect": expect}
        out.append(vector)
    labels = [v["label"] for v in out]
    assert len(labels) == len(set(labels)), "labels must be unique"
    assert set(DEVIATIONS) <= set(labels), "every deviation names a vector"
    return {"botocore_version": BOTOCORE_VERSION, "vectors": out}


def endpoints_table(data):
    """The vectors whose expected answer (a deviation's, else botocore's) is a URL, one a line:
    label, config file (`\\n` for newlines, `\\\\` for backslashes; `-` for no file), environment
    (`NAME=VALUE` separated by spaces), explicit settings (`key=value`, booleans `true` /
    `false`), URL; tab-separated, `-` for an empty field."""
    lines = [
        "# Generated by scripts/gen_profile_vectors.py from profile-vectors.json: the vectors that",
        "# resolve to a URL. Tab-separated: label, config file (\\n newlines; - for none),",
        "# environment (NAME=VALUE ...), explicit settings (key=value ...), expected URL.",
    ]
    for vector in data["vectors"]:
        expect = (vector.get("deviation") or {}).get("expect") or vector["botocore"]
        if not expect.get("url"):
            continue
        given = vector["input"]
        config = given["config_file"]
        config = "-" if config is None else config.replace("\\", "\\\\").replace("\n", "\\n")
        def pairs(mapping):
            text = " ".join(
                f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in mapping.items()
            )
            assert "\t" not in text and all(" " not in str(v) for v in mapping.values())
            return text or "-"
        assert "\t" not in vector["label"] + config
        lines.append("\t".join([vector["label"], config, pairs(given["env"]),
                                 pairs(given["explicit"]), expect["url"]]))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    data = vectors()
    outputs = {
        OUTPUT: json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        ENDPOINTS_OUTPUT: endpoints_table(data),
    }
    for path, text in outputs.items():
        if args.check:
            if path.read_text() != text:
                sys.exit(f"{path} differs from botocore's answers: regenerate it")
            print(f"{path} matches botocore {BOTOCORE_VERSION}")
        else:
            path.write_text(text)
            print(f"wrote {path}")


if __name__ == "__main__":
    main()
