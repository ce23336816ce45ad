from enum import StrEnum


class WorkflowErrorType(StrEnum):
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
