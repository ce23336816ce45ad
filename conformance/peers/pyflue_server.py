"""The suite's agent fixtures (`echo`, `tools`, `slow`) on pyflue's own FastAPI server.

The agents are defined in ./pyflue/agents; the routes and the wire are pyflue's.
Usage: OPENAI_BASE_URL=<stub>/v1 OPENAI_API_KEY=stub python pyflue_server.py PORT
"""

import sys
from pathlib import Path

import uvicorn
from pyflue.server import create_app

app = create_app(Path(__file__).parent / "pyflue" / "pyflue.toml")

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
