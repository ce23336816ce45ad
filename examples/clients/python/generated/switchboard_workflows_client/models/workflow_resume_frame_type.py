from enum import StrEnum


class WorkflowResumeFrameType(StrEnum):
    RESUME = "resume"

    def __str__(self) -> str:
        return str(self.value)
