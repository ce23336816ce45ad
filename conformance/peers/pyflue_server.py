"""The suite's agent fixtures (`echo`, `tools`, `slow`) on pyflue's own FastAPI server.

The agents are defined in ./pyflue/agents; the routes and the wire are pyflue's. pyflue keeps
its sessions next to its config, so the scoreboard passes a copy of ./pyflue in a scratch folder.
Usage: OPENAI_BASE_URL=<stub>/v1 OPENAI_API_KEY=stub python pyflue_server.py PORT [CONFIG]
"""

import sys
from pathlib import Path

import uvicorn
from pyflue.server import create_app

config = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "pyflue" / "pyflue.toml"
app = create_app(config)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
