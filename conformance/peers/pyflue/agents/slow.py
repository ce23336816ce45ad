"""Fixture `slow`: the stub model streams "tick 1" … "tick 50", one every 100 ms."""

from pyflue import create_agent

default = create_agent(lambda: {"model": "openai:slow"})
