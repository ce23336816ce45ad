from enum import StrEnum


class TextFormatJsonObjectType(StrEnum):
    JSON_OBJECT = "json_object"

    def __str__(self) -> str:
        return str(self.value)
