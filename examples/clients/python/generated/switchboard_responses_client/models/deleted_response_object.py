from enum import StrEnum


class DeletedResponseObject(StrEnum):
    RESPONSE_DELETED = "response.deleted"

    def __str__(self) -> str:
        return str(self.value)
