"""pyflue's own client (`PyFlueClient` from pyflue 0.2.0 on PyPI), unchanged, against Switchboard's
instance-agent protocol.

Runs against the server named by SWITCHBOARD_URL (scripts/other-languages.mjs starts one per
adapter). The `echo` fixture agent repeats the last user text, one `text_delta` per word.
"""

import asyncio
import time
import uuid

import httpx
import pytest
from pyflue import PyFlueClient, create_flue_client


def run(coro):
    return asyncio.run(coro)


def instance() -> str:
    """A fresh instance id, so each test starts from empty sessions."""
    return f"pyflue-{uuid.uuid4().hex[:12]}"


async def history(base_url: str, agent_id: str, session: str = "default") -> list[dict]:
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(f"{base_url}/agents/echo/{agent_id}/sessions/{session}")
        response.raise_for_status()
        return response.json()["messages"]


def test_health(base_url: str) -> None:
    async def main() -> dict:
        async with PyFlueClient(base_url) as client:
            return await client.health()

    health = run(main())
    assert health["ok"] is True
    assert isinstance(health["framework"], str) and health["framework"]


def test_agents_lists_the_served_agents(base_url: str) -> None:
    async def main() -> list:
        async with PyFlueClient(base_url) as client:
            return await client.agents()

    agents = run(main())
    by_name = {agent["name"]: agent for agent in agents}
    assert {"echo", "tools", "slow"} <= set(by_name)
    assert by_name["echo"]["path"] == "/agents/echo/:id"
    assert by_name["echo"]["triggers"]["webhook"] is True


@pytest.mark.parametrize("member", ["message", "prompt"])
def test_invoke_sync_with_a_payload(base_url: str, member: str) -> None:
    agent_id = instance()

    async def main() -> dict:
        async with PyFlueClient(base_url) as client:
            return await client.agents.invoke("echo", agent_id, mode="sync", payload={member: "hello from pyflue"})

    body = run(main())
    result = body["result"]
    assert result["text"] == "hello from pyflue"
    assert result["usage"]["total_tokens"] == result["usage"]["totalTokens"]
    assert isinstance(result["model"]["id"], str)


def test_invoke_sync_with_the_flue_sdk_options_dict(base_url: str) -> None:
    agent_id = instance()

    async def main() -> dict:
        async with PyFlueClient(base_url) as client:
            return await client.agents.invoke(
                "echo", agent_id, {"mode": "sync", "payload": {"message": "options dict"}}
            )

    assert run(main())["result"]["text"] == "options dict"


def test_invoke_sync_through_flue_sdk_shape(base_url: str) -> None:
    """`create_flue_client` shapes answers as Flue's SDK does: `{result, runId}`."""
    agent_id = instance()

    async def main() -> dict:
        async with create_flue_client(base_url) as flue:
            return await flue.agents.invoke("echo", agent_id, mode="sync", payload={"message": "shaped"})

    shaped = run(main())
    assert shaped["result"]["text"] == "shaped"
    assert isinstance(shaped["runId"], str) and shaped["runId"]


def test_top_level_prompt_and_message_bodies(base_url: str) -> None:
    """The bodies pyflue's server accepts besides `{"payload": {...}}`."""
    agent_id = instance()
    with httpx.Client(timeout=30) as http:
        for body, text in (({"prompt": "as prompt"}, "as prompt"), ({"message": "as message"}, "as message")):
            response = http.post(f"{base_url}/agents/echo/{agent_id}", json=body)
            assert response.status_code == 200, response.text
            assert response.json()["result"]["text"] == text
        missing = http.post(f"{base_url}/agents/echo/{agent_id}", json={"payload": {}})
        assert missing.status_code == 400
        assert missing.json()["error"]["type"] == "validation_failed"


def test_invoke_webhook_is_accepted_and_processed_in_the_background(base_url: str) -> None:
    agent_id = instance()

    async def main() -> tuple[dict, dict]:
        async with PyFlueClient(base_url) as client:
            raw = await client.agents.invoke("echo", agent_id, mode="webhook", payload={"message": "in the background"})
        # Flue's SDK shape reads the run id from the receipt.
        async with create_flue_client(base_url) as flue:
            shaped = await flue.agents.invoke("echo", agent_id, mode="webhook", payload={"prompt": "second webhook"})
        return raw, shaped

    raw, shaped = run(main())
    assert raw["status"] == "accepted"
    assert raw["dispatch_id"] == raw["dispatchId"] == raw["run_id"] == raw["runId"]
    assert raw["accepted_at"] == raw["acceptedAt"]
    assert isinstance(shaped["runId"], str) and shaped["runId"] != raw["runId"]

    # Both prompts run in the background, one after the other, in the default session.
    deadline = time.monotonic() + 30
    texts: list[str] = []
    while time.monotonic() < deadline:
        texts = [m["content"] for m in run(history(base_url, agent_id)) if m["role"] == "assistant"]
        if len(texts) == 2:
            break
        time.sleep(0.2)
    assert sorted(texts) == ["in the background", "second webhook"]


def test_stream(base_url: str) -> None:
    agent_id = instance()

    async def main() -> list:
        async with PyFlueClient(base_url) as client:
            return [
                event async for event in client.agents.stream("echo", agent_id, payload={"message": "one two three"})
            ]

    events = run(main())
    types = [event.type for event in events]
    assert types[0] == "turn_start"
    assert types[-2:] == ["result", "idle"]
    deltas = [event.data["text"] for event in events if event.type == "text_delta"]
    assert len(deltas) == 3
    assert "".join(deltas) == "one two three"
    result = next(event.data for event in events if event.type == "result")
    assert result["result"]["text"] == "one two three"


def test_stream_through_invoke_stream_mode(base_url: str) -> None:
    agent_id = instance()

    async def main() -> list:
        async with PyFlueClient(base_url) as client:
            stream = client.agents.invoke("echo", agent_id, mode="stream", payload={"prompt": "streamed"})
            return [event async for event in stream]

    events = run(main())
    assert [e.data["result"]["text"] for e in events if e.type == "result"] == ["streamed"]


def test_connect_prompts_twice_on_one_socket(base_url: str) -> None:
    agent_id = instance()

    async def main() -> tuple[dict, dict, dict]:
        async with PyFlueClient(base_url) as client, client.agents.connect("echo", agent_id) as conn:
            first = await conn.prompt("first prompt")
            second = await conn.prompt("second prompt")
            other = await conn.prompt("in another session", session="side")
        return first, second, other

    first, second, other = run(main())
    # The line of pyflue's documentation: reply["result"]["text"].
    assert first["type"] == "result" and first["result"]["text"] == "first prompt"
    assert second["type"] == "result" and second["result"]["text"] == "second prompt"
    assert other["type"] == "result" and other["result"]["text"] == "in another session"
    default = run(history(base_url, agent_id))
    assert [m["content"] for m in default if m["role"] == "user"] == ["first prompt", "second prompt"]
    side = run(history(base_url, agent_id, "side"))
    assert [m["content"] for m in side if m["role"] == "user"] == ["in another session"]


def test_connect_reports_a_bad_prompt_as_its_one_answer(base_url: str) -> None:
    """An error is the one frame a prompt gets, and the socket stays usable."""
    agent_id = instance()

    async def main() -> tuple[dict, dict]:
        async with PyFlueClient(base_url) as client, client.agents.connect("echo", agent_id) as conn:
            bad = await conn.prompt("bad session", session="")
            good = await conn.prompt("still here")
        return bad, good

    bad, good = run(main())
    assert bad["type"] == "error"
    assert bad["error"]["type"] == "validation_failed"
    assert good["type"] == "result" and good["result"]["text"] == "still here"
