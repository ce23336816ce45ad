from enum import StrEnum


class AgentSocketSubprotocol(StrEnum):
    SWITCHBOARD_V1 = "switchboard.v1"

    def __str__(self) -> str:
        return str(self.value)
