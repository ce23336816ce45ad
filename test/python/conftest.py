import os

import pytest
from openai import OpenAI


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("SWITCHBOARD_URL")
    if not url:
        raise RuntimeError(
            "SWITCHBOARD_URL is not set: run these tests through `node scripts/other-languages.mjs`, "
            "or point SWITCHBOARD_URL at a running `switchboard serve`"
        )
    return url.rstrip("/")


@pytest.fixture(scope="session")
def client(base_url: str) -> OpenAI:
    # The SDK insists on a key; the demo server ignores it unless started with SWITCHBOARD_API_KEY.
    api_key = os.environ.get("SWITCHBOARD_API_KEY") or "sk-not-checked"
    # No retries: a retried 5xx would hide exactly the server faults these tests look for.
    return OpenAI(base_url=f"{base_url}/v1", api_key=api_key, max_retries=0, timeout=30)
