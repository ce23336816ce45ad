"""Fixture `echo`: the stub model replies with the last user text verbatim."""

from pyflue import create_agent

default = create_agent(lambda: {"model": "openai:echo"})
