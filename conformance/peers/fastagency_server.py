"""The suite's workflow fixtures (`ask`, `fail`) on FastAgency's own FastAPI adapter.

Served at FastAgency's default paths (/fastagency/discovery, /fastagency/initiate_workflow,
/fastagency/ws). Everything on the wire is FastAgency's: this file only defines the two workflows.
Usage: python fastagency_server.py PORT
"""

import sys

import uvicorn
from fastagency.adapters.fastapi import FastAPIAdapter
from fastagency.runtimes.ag2 import Workflow
from fastapi import FastAPI

COLORS = ["red", "green", "blue"]
wf = Workflow()


@wf.register(name="ask", description="Asks for a name and a color, then greets")
def ask(ui, params):
    ui.text_message(sender="Workflow", recipient="User", body="Hello")
    name = ui.text_input(sender="Workflow", recipient="User", prompt="What is your name?")
    # FastAgency leaves validating a choice to the workflow: refuse and ask again.
    while True:
        color = ui.multiple_choice(
            sender="Workflow", recipient="User", prompt="Pick a color", choices=COLORS, single=True
        )
        if color in COLORS:
            break
        ui.error(sender="Workflow", recipient="User", short="invalid_choice", long=f"{color!r} is not one of {COLORS}")
    ui.text_message(sender="Workflow", recipient="User", body=f"Hi {name}, you picked {color}")
    return f"{name}:{color}"


@wf.register(name="fail", description="Fails on purpose")
def fail(ui, params):
    raise RuntimeError("the fail fixture fails on purpose")


app = FastAPI()
app.include_router(FastAPIAdapter(provider=wf).router)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
