from enum import StrEnum


class ResponseObjectPromptCacheRetentionType0(StrEnum):
    IN_MEMORY = "in_memory"
    VALUE_1 = "24h"

    def __str__(self) -> str:
        return str(self.value)
