from enum import StrEnum


class AgentToolCallEventType(StrEnum):
    TOOL_CALL = "tool_call"

    def __str__(self) -> str:
        return str(self.value)
