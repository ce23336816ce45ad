from enum import StrEnum


class AgentUserMessageRole(StrEnum):
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
