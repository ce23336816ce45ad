from enum import StrEnum


class ResponseOutputItemAddedEventType(StrEnum):
    RESPONSE_OUTPUT_ITEM_ADDED = "response.output_item.added"

    def __str__(self) -> str:
        return str(self.value)
