from enum import StrEnum


class ResponseOutputItemAddedWsEventType(StrEnum):
    RESPONSE_OUTPUT_ITEM_ADDED = "response.output_item.added"

    def __str__(self) -> str:
        return str(self.value)
