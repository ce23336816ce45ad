from enum import StrEnum


class ResponseTextDoneWsEventType(StrEnum):
    RESPONSE_OUTPUT_TEXT_DONE = "response.output_text.done"

    def __str__(self) -> str:
        return str(self.value)
