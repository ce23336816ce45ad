"""Responses parity through the official `openai` Python SDK, unchanged (DESIGN.md §3).

Every create parameter at its default and at a non-default value (honoured, or a 400 naming it),
`responses.parse()` against the `structured` fixture, conversations, input token counts,
compaction, image and file input, and `allowed_tools` with the `tools` fixture. Runs against the
server named by SWITCHBOARD_URL (scripts/other-languages.mjs starts `switchboard serve` per adapter).
"""

import openai
import pytest
from openai import OpenAI
from pydantic import BaseModel

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def tool(name: str) -> dict:
    return {
        "type": "function",
        "name": name,
        "description": f"The {name} tool.",
        "parameters": {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"]},
        "strict": False,
    }


def test_every_parameter_at_its_default_is_accepted(client: OpenAI) -> None:
    response = client.responses.create(
        model="echo",
        input="defaults",
        background=False,
        conversation=None,
        include=[],
        instructions=None,
        max_output_tokens=None,
        max_tool_calls=None,
        metadata=None,
        parallel_tool_calls=True,
        previous_response_id=None,
        prompt=None,
        prompt_cache_key=None,
        reasoning=None,
        safety_identifier=None,
        service_tier="auto",
        store=True,
        stream=False,
        temperature=None,
        text={"format": {"type": "text"}, "verbosity": "medium"},
        tool_choice="auto",
        tools=[],
        top_logprobs=0,
        top_p=None,
        truncation="disabled",
    )
    assert response.status == "completed"
    assert response.output_text == "defaults"
    assert response.temperature == 1 and response.top_p == 1
    assert response.truncation == "disabled"
    assert response.service_tier == "default"


def test_non_default_values_are_honoured(client: OpenAI) -> None:
    response = client.responses.create(
        model="echo",
        input="a b c d",
        temperature=0.5,
        top_p=0.25,
        max_output_tokens=2,
        max_tool_calls=1,
        parallel_tool_calls=False,
        prompt_cache_key="cache",
        safety_identifier="someone",
        metadata={"k": "v"},
        truncation="auto",
        include=["message.input_image.image_url"],
    )
    assert response.status == "incomplete"
    assert response.output_text == "a b"
    assert response.temperature == 0.5 and response.top_p == 0.25
    assert response.max_tool_calls == 1
    assert response.prompt_cache_key == "cache"
    assert response.safety_identifier == "someone"
    assert response.truncation == "auto"


@pytest.mark.parametrize(
    ("param", "extra"),
    [
        ("reasoning.effort", {"reasoning": {"effort": "high"}}),
        ("service_tier", {"service_tier": "flex"}),
        ("top_logprobs", {"top_logprobs": 2}),
        ("text.verbosity", {"text": {"verbosity": "low"}}),
        ("include[0]", {"include": ["message.output_text.logprobs"]}),
        ("prompt", {"prompt": {"id": "pmpt_1"}}),
        ("tools[0].type", {"tools": [{"type": "web_search"}]}),
    ],
)
def test_non_default_values_the_agent_cannot_honour_are_a_400_naming_them(
    client: OpenAI, param: str, extra: dict
) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="echo", input="x", **extra)
    assert caught.value.param == param


class Person(BaseModel):
    name: str
    age: int


def test_parse_with_a_pydantic_model_against_structured(client: OpenAI) -> None:
    parsed = client.responses.parse(model="structured", input="Ada", text_format=Person)
    assert parsed.output_parsed == Person(name="Ada", age=0)


def test_conversations_crud_and_conversation_on_create(client: OpenAI) -> None:
    conversation = client.conversations.create(
        metadata={"topic": "py"}, items=[{"type": "message", "role": "user", "content": "from python"}]
    )
    assert conversation.id.startswith("conv_")
    assert client.conversations.retrieve(conversation.id).metadata == {"topic": "py"}
    assert client.conversations.update(conversation.id, metadata={"topic": "new"}).metadata == {"topic": "new"}
    response = client.responses.create(model="echo", conversation=conversation.id)
    assert response.output_text == "from python"
    items = client.conversations.items.list(conversation.id, order="asc")
    assert [item.role for item in items.data] == ["user", "assistant"]
    added = client.conversations.items.create(
        conversation.id, items=[{"type": "message", "role": "user", "content": "x"}]
    )
    item_id = added.data[0].id
    assert client.conversations.items.retrieve(item_id, conversation_id=conversation.id).id == item_id
    client.conversations.items.delete(item_id, conversation_id=conversation.id)
    with pytest.raises(openai.NotFoundError):
        client.conversations.items.retrieve(item_id, conversation_id=conversation.id)
    assert client.conversations.delete(conversation.id).deleted is True
    with pytest.raises(openai.NotFoundError):
        client.conversations.retrieve(conversation.id)


def test_input_tokens_count(client: OpenAI) -> None:
    counted = client.responses.input_tokens.count(model="echo", input="one two three four")
    assert counted.input_tokens == 4


def test_compact(client: OpenAI) -> None:
    first = client.responses.create(model="echo", input="remember alpha")
    compacted = client.responses.compact(model="echo", previous_response_id=first.id)
    assert compacted.object == "response.compaction"
    assert [item.type for item in compacted.output] == ["message", "compaction"]
    follow_up = client.responses.create(
        model="echo",
        input=[*[item.model_dump(exclude_none=True) for item in compacted.output], {"role": "user", "content": "next"}],
    )
    assert follow_up.output_text == "next"


def test_image_and_file_input(client: OpenAI) -> None:
    response = client.responses.create(
        model="echo",
        input=[
            {
                "role": "user",
                "content": [
                    {"type": "input_text", "text": "look"},
                    {"type": "input_image", "image_url": PNG, "detail": "low"},
                    {"type": "input_file", "filename": "a.txt", "file_data": "data:text/plain;base64,aGk="},
                ],
            }
        ],
    )
    assert response.output_text == "look"
    items = client.responses.input_items.list(response.id)
    kinds = [part.type for part in items.data[0].content]
    assert kinds == ["input_text", "input_image", "input_file"]


def test_allowed_tools_restricts_the_tools_fixture(client: OpenAI) -> None:
    response = client.responses.create(
        model="tools",
        input="Oslo",
        tools=[tool("weather"), tool("clock")],
        tool_choice={"type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "clock"}]},
    )
    calls = [item for item in response.output if item.type == "function_call"]
    assert [call.name for call in calls] == ["clock"]


def test_every_create_parameter_the_sdk_types_is_in_the_spec() -> None:
    import inspect
    import json
    from pathlib import Path

    from openai.resources.responses import Responses

    schema = Path(__file__).resolve().parents[2] / "specs/generated/json-schema/responses.schema.json"
    spec = set(json.loads(schema.read_text())["$defs"]["CreateResponse"]["properties"])
    sdk = {name for name in inspect.signature(Responses.create).parameters if name not in ("self", "timeout")}
    sdk = {name for name in sdk if not name.startswith("extra_")}
    assert sdk - spec == set()
