from enum import StrEnum


class ResponseTextDeltaWsEventType(StrEnum):
    RESPONSE_OUTPUT_TEXT_DELTA = "response.output_text.delta"

    def __str__(self) -> str:
        return str(self.value)
