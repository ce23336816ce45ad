from enum import StrEnum


class ResponseCreateFrameType(StrEnum):
    RESPONSE_CREATE = "response.create"

    def __str__(self) -> str:
        return str(self.value)
