from enum import StrEnum


class ResponseSteerFrameType(StrEnum):
    RESPONSE_STEER = "response.steer"

    def __str__(self) -> str:
        return str(self.value)
