"""The official `openai` Python SDK, unchanged, against Switchboard's `/v1` Responses API.

Runs against the server named by SWITCHBOARD_URL (scripts/other-languages.mjs starts one per
adapter) and its fixture agents: `echo` repeats the last user text one word per delta, `tools`
calls the client's first function tool with `{"input": <text>}` and then answers
`Tool said: <output>`, `slow` streams fifty ticks over five seconds.
"""

import json
import time

import openai
import pytest
from openai import OpenAI

MESSAGE_EVENTS = [
    "response.created",
    "response.in_progress",
    "response.output_item.added",
    "response.content_part.added",
]
MESSAGE_EVENTS_END = [
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "response.completed",
]

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


def test_models_list_and_retrieve(client: OpenAI) -> None:
    ids = {model.id for model in client.models.list()}
    assert {"echo", "tools", "slow"} <= ids
    echo = client.models.retrieve("echo")
    assert echo.id == "echo"
    assert echo.object == "model"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("no-such-agent")


def test_create_returns_a_complete_response(client: OpenAI) -> None:
    response = client.responses.create(model="echo", input="hello from the openai SDK")
    assert response.id.startswith("resp_")
    assert response.object == "response"
    assert response.status == "completed"
    assert response.model == "echo"
    assert response.output_text == "hello from the openai SDK"
    assert isinstance(response.created_at, (int, float)) and response.created_at > 0
    assert response.usage is not None
    assert response.usage.output_tokens == 5
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens
    [message] = response.output
    assert message.type == "message"
    assert message.role == "assistant"
    assert message.content[0].type == "output_text"


def test_create_accepts_message_items_and_instructions(client: OpenAI) -> None:
    response = client.responses.create(
        model="echo",
        instructions="Repeat the user.",
        input=[
            {"role": "user", "content": "an earlier question"},
            {"role": "assistant", "content": "an earlier answer"},
            {"role": "user", "content": [{"type": "input_text", "text": "the latest words"}]},
        ],
        metadata={"suite": "python"},
        temperature=0.5,
    )
    assert response.output_text == "the latest words"
    assert response.instructions == "Repeat the user."
    assert response.metadata == {"suite": "python"}
    assert response.temperature == 0.5


def test_stream_sends_every_event_in_order(client: OpenAI) -> None:
    text = "one two three four"
    events = list(client.responses.create(model="echo", input=text, stream=True))
    types = [event.type for event in events]
    assert types == MESSAGE_EVENTS + ["response.output_text.delta"] * 4 + MESSAGE_EVENTS_END
    assert [event.sequence_number for event in events] == list(range(len(events)))

    deltas = [event for event in events if event.type == "response.output_text.delta"]
    assert "".join(event.delta for event in deltas) == text
    item_id = events[2].item.id
    assert all(event.item_id == item_id and event.output_index == 0 and event.content_index == 0 for event in deltas)
    done = next(event for event in events if event.type == "response.output_text.done")
    assert done.text == text

    created, completed = events[0].response, events[-1].response
    assert created.status == "in_progress" or created.status == "queued"
    assert completed.status == "completed"
    assert completed.id == created.id
    assert completed.output_text == text


def test_stream_helper_accumulates_the_final_response(client: OpenAI) -> None:
    with client.responses.stream(model="echo", input="helper keeps state") as stream:
        deltas = [event.delta for event in stream if event.type == "response.output_text.delta"]
        final = stream.get_final_response()
    assert "".join(deltas) == "helper keeps state"
    assert final.output_text == "helper keeps state"
    assert final.status == "completed"


def test_retrieve_returns_the_stored_response(client: OpenAI) -> None:
    created = client.responses.create(model="echo", input="keep me")
    retrieved = client.responses.retrieve(created.id)
    assert retrieved.id == created.id
    assert retrieved.status == "completed"
    assert retrieved.output_text == "keep me"
    assert retrieved.model_dump() == created.model_dump()


def test_retrieve_replays_a_stream(client: OpenAI) -> None:
    original = list(client.responses.create(model="echo", input="replay these words", stream=True))
    response_id = original[0].response.id

    replayed = list(client.responses.retrieve(response_id, stream=True))
    assert [event.type for event in replayed] == [event.type for event in original]
    assert [event.sequence_number for event in replayed] == list(range(len(original)))

    tail = list(client.responses.retrieve(response_id, stream=True, starting_after=3))
    assert [event.sequence_number for event in tail] == list(range(4, len(original)))
    assert tail[-1].type == "response.completed"


def test_delete_removes_the_response(client: OpenAI) -> None:
    created = client.responses.create(model="echo", input="short lived")
    assert client.responses.delete(created.id) is None
    with pytest.raises(openai.NotFoundError) as missing:
        client.responses.retrieve(created.id)
    assert missing.value.status_code == 404
    assert isinstance(missing.value.body, dict) and missing.value.body.get("message")
    with pytest.raises(openai.NotFoundError):
        client.responses.delete(created.id)


def test_input_items_lists_what_was_sent(client: OpenAI) -> None:
    created = client.responses.create(
        model="echo",
        input=[{"role": "user", "content": "first"}, {"role": "user", "content": "second"}],
    )
    page = client.responses.input_items.list(created.id, order="asc")
    texts = [item.content[0].text for item in page.data]
    assert texts == ["first", "second"]
    newest_first = client.responses.input_items.list(created.id, limit=1)
    assert [item.content[0].text for item in newest_first.data] == ["second"]
    assert newest_first.has_more is True


def test_previous_response_id_continues_the_chain(client: OpenAI) -> None:
    first = client.responses.create(model="echo", input="first turn")
    second = client.responses.create(model="echo", input="second turn", previous_response_id=first.id)
    assert second.previous_response_id == first.id
    assert second.output_text == "second turn"
    # Echo answers the last user message it sees: with only a developer message in the new input,
    # that message must come from the stored chain.
    third = client.responses.create(
        model="echo",
        previous_response_id=second.id,
        input=[{"role": "developer", "content": "say it again"}],
    )
    assert third.output_text == "second turn"
    with pytest.raises(openai.NotFoundError):
        client.responses.create(model="echo", input="orphan", previous_response_id="resp_does_not_exist")


def test_function_tool_round_trip(client: OpenAI) -> None:
    asked = client.responses.create(model="tools", input="ping", tools=[LOOKUP_TOOL])
    assert asked.status == "completed"
    [call] = [item for item in asked.output if item.type == "function_call"]
    assert call.name == "lookup"
    assert json.loads(call.arguments) == {"input": "ping"}
    assert call.call_id

    answered = client.responses.create(
        model="tools",
        previous_response_id=asked.id,
        tools=[LOOKUP_TOOL],
        input=[{"type": "function_call_output", "call_id": call.call_id, "output": "pong"}],
    )
    assert answered.status == "completed"
    assert answered.output_text == "Tool said: pong"


def test_function_tool_call_streams_its_arguments(client: OpenAI) -> None:
    events = list(client.responses.create(model="tools", input="stream me", tools=[LOOKUP_TOOL], stream=True))
    types = [event.type for event in events]
    assert types[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert types[-3:] == [
        "response.function_call_arguments.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert set(types[3:-3]) == {"response.function_call_arguments.delta"}
    assert [event.sequence_number for event in events] == list(range(len(events)))
    deltas = "".join(event.delta for event in events if event.type == "response.function_call_arguments.delta")
    done = events[-3]
    assert done.arguments == deltas
    assert json.loads(done.arguments) == {"input": "stream me"}
    assert events[-2].item.type == "function_call"


def test_background_response_can_be_cancelled(client: OpenAI) -> None:
    started = client.responses.create(model="slow", input="take your time", background=True)
    assert started.status in ("queued", "in_progress")
    cancelled = client.responses.cancel(started.id)
    assert cancelled.id == started.id
    assert cancelled.status == "cancelled"
    # Cancelling stops the work: the stored response stays cancelled instead of completing.
    time.sleep(0.3)
    assert client.responses.retrieve(started.id).status == "cancelled"


def test_bad_input_is_a_bad_request_naming_the_field(client: OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as unsupported:
        client.responses.create(model="echo", input="hi", extra_body={"reasoning_budget": 3})
    assert unsupported.value.param == "reasoning_budget"
    with pytest.raises(openai.BadRequestError) as out_of_range:
        client.responses.create(model="echo", input="hi", temperature=7)
    assert out_of_range.value.param == "temperature"
    with pytest.raises(openai.NotFoundError) as unknown_model:
        client.responses.create(model="no-such-agent", input="hi")
    assert unknown_model.value.code == "model_not_found"
