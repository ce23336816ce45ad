from enum import StrEnum


class ConnectWorkflowSocketUpgrade(StrEnum):
    WEBSOCKET = "websocket"

    def __str__(self) -> str:
        return str(self.value)
