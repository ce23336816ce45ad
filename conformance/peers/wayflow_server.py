"""The suite's agent fixtures (`echo`, `tools`, `slow`) on WayFlow's OpenAIResponsesServer.

Each fixture is a WayFlow Agent whose LLM is the local stub (model id = fixture name);
`tools` also has WayFlow's server tool `reverse`. The /v1 routes and the wire are WayFlow's.
Usage: python wayflow_server.py PORT STUB_URL
"""

import sys

import uvicorn
from wayflowcore.agent import Agent
from wayflowcore.agentserver import OpenAIResponsesServer
from wayflowcore.models import OpenAICompatibleModel
from wayflowcore.tools import tool

port, stub = int(sys.argv[1]), sys.argv[2]


@tool(description_mode="only_docstring")
def reverse(text: str) -> str:
    """Reverses a text."""
    return text[::-1]


def fixture(name: str, tools=None) -> Agent:
    llm = OpenAICompatibleModel(model_id=name, base_url=stub, api_key="stub")
    # No greeting: the fixtures answer the user's message and nothing else.
    return Agent(
        llm=llm,
        tools=tools or [],
        custom_instruction=f"You are the {name} fixture of a conformance suite.",
        initial_message=None,
        name=name,
        description=f"fixture {name}",
    )


server = OpenAIResponsesServer(
    agents={"echo": fixture("echo"), "tools": fixture("tools", [reverse]), "slow": fixture("slow")}
)

if __name__ == "__main__":
    uvicorn.run(server.get_app(), host="127.0.0.1", port=port, log_level="warning")
