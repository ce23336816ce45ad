from enum import StrEnum


class AgentToolMessageRole(StrEnum):
    TOOL = "tool"

    def __str__(self) -> str:
        return str(self.value)
