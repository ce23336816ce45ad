from enum import StrEnum


class ResponsesWebSocketOperationsConnectUpgrade(StrEnum):
    WEBSOCKET = "websocket"

    def __str__(self) -> str:
        return str(self.value)
