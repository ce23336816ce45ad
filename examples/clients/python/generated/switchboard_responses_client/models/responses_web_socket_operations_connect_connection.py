from enum import StrEnum


class ResponsesWebSocketOperationsConnectConnection(StrEnum):
    UPGRADE = "Upgrade"

    def __str__(self) -> str:
        return str(self.value)
