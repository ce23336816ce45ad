from enum import StrEnum


class WorkflowInitFrameType(StrEnum):
    INIT = "init"

    def __str__(self) -> str:
        return str(self.value)
