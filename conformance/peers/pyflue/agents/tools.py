"""Fixture `tools`: the stub model calls `reverse` with the message, then replies with its result."""

from types import SimpleNamespace

from pyflue import create_agent

reverse = SimpleNamespace(
    name="reverse",
    description="Reverses a text.",
    parameters={"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]},
    execute=lambda args: args["text"][::-1],
)

default = create_agent(lambda: {"model": "openai:tools", "tools": [reverse]})
