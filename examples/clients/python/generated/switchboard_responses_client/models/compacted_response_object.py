from enum import StrEnum


class CompactedResponseObject(StrEnum):
    RESPONSE_COMPACTION = "response.compaction"

    def __str__(self) -> str:
        return str(self.value)
