"""The official `openai` Python SDK's WebSocket mode (`client.responses.connect()`), unchanged,
against Switchboard's `GET /v1/responses` upgrade.

Runs against the server named by SWITCHBOARD_URL (scripts/other-languages.mjs starts one per
adapter) and its fixture agents: `echo` repeats the last user text, `tools` calls the client's
first function tool with `{"input": <text>}` and then answers `Tool said: <output>`.
"""

from collections import defaultdict

from openai import OpenAI

TERMINAL = {"response.completed", "response.failed", "response.incomplete"}

LOOKUP_TOOL = {
    "type": "function",
    "name": "lookup",
    "description": "Looks a word up.",
    "parameters": {
        "type": "object",
        "properties": {"input": {"type": "string"}},
        "required": ["input"],
        "additionalProperties": False,
    },
}


def read_until(connection, done):
    """Every event until `done(events)` holds; an error event without a response also ends a turn."""
    events = []
    for event in connection:
        events.append(event)
        if done(events):
            return events
    raise AssertionError(f"the socket closed after {[e.type for e in events]}")


def turns(count):
    """Ends after `count` responses ended or were refused."""
    return lambda events: sum(e.type in TERMINAL or is_refusal(e) for e in events) >= count


def is_refusal(event) -> bool:
    return event.type == "error" and getattr(event, "sequence_number", None) is None


def final(events):
    return [e.response for e in events if e.type in TERMINAL]


def test_several_turns_on_one_socket(client: OpenAI) -> None:
    with client.responses.connect() as connection:
        connection.response.create(model="echo", input="first turn")
        first = read_until(connection, turns(1))
        [response] = final(first)
        assert response.status == "completed"
        assert response.output_text == "first turn"
        # The usual stream: created first, sequence numbers from 0, one per event.
        assert first[0].type == "response.created"
        assert [e.sequence_number for e in first] == list(range(len(first)))

        connection.response.create(model="echo", input="second turn", previous_response_id=response.id)
        [second] = final(read_until(connection, turns(1)))
        assert second.status == "completed"
        assert second.previous_response_id == response.id
        assert second.output_text == "second turn"
        # Stored by default: the HTTP API knows both.
        assert client.responses.retrieve(second.id).output_text == "second turn"


def test_lanes_are_fifo_and_echo_their_stream_id(client: OpenAI) -> None:
    with client.responses.connect() as connection:
        for lane in ("a", "b"):
            for n in (1, 2, 3):
                connection.response.create(model="echo", input=f"{lane} {n}", stream_id=lane, store=False)
        events = read_until(connection, turns(6))
        by_lane = defaultdict(list)
        for event in events:
            assert event.stream_id in ("a", "b"), event
            by_lane[event.stream_id].append(event)
        for lane in ("a", "b"):
            answers = [r.output_text for r in final(by_lane[lane])]
            assert answers == [f"{lane} 1", f"{lane} 2", f"{lane} 3"]
            # Within a lane one response ends before the next one starts.
            kinds = [e.type for e in by_lane[lane]]
            assert kinds.count("response.created") == 3
            for index, kind in enumerate(kinds):
                if kind == "response.created" and index > 0:
                    assert kinds[index - 1] == "response.completed"


def test_store_false_chain_continues_from_the_socket(client: OpenAI) -> None:
    with client.responses.connect() as connection:
        connection.response.create(model="tools", input="socket", tools=[LOOKUP_TOOL], store=False)
        [first] = final(read_until(connection, turns(1)))
        [call] = [item for item in first.output if item.type == "function_call"]
        assert call.name == "lookup"
        assert first.store is False

        # Only the tool's output travels: the call it answers is in the socket's memory.
        connection.response.create(
            model="tools",
            tools=[LOOKUP_TOOL],
            store=False,
            previous_response_id=first.id,
            input=[{"type": "function_call_output", "call_id": call.call_id, "output": "found it"}],
        )
        [second] = final(read_until(connection, turns(1)))
        assert second.status == "completed"
        assert second.output_text == "Tool said: found it"


def test_refusals_are_error_events_and_the_socket_stays_open(client: OpenAI) -> None:
    with client.responses.connect() as connection:
        connection.response.create(model="echo", input="x", previous_response_id="resp_unknown")
        [refusal] = read_until(connection, turns(1))
        assert refusal.type == "error"
        assert refusal.error.code == "previous_response_not_found"
        assert refusal.error.param == "previous_response_id"

        connection.send({"type": "response.create", "model": "echo", "input": "x", "stream": True})
        [refusal] = read_until(connection, turns(1))
        assert refusal.error.param == "stream"

        connection.response.create(model="no-such-agent", input="x", stream_id="lane")
        [refusal] = read_until(connection, turns(1))
        assert refusal.error.code == "model_not_found"
        assert refusal.stream_id == "lane"

        connection.response.create(model="echo", input="still here")
        [response] = final(read_until(connection, turns(1)))
        assert response.output_text == "still here"
