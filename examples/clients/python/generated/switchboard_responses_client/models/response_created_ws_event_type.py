from enum import StrEnum


class ResponseCreatedWsEventType(StrEnum):
    RESPONSE_CREATED = "response.created"

    def __str__(self) -> str:
        return str(self.value)
