from enum import StrEnum


class AgentErrorEventType(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
