from enum import StrEnum


class AgentToolStartEventType(StrEnum):
    TOOL_START = "tool_start"

    def __str__(self) -> str:
        return str(self.value)
