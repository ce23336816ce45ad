from enum import StrEnum


class WorkflowInputResponseFrameType(StrEnum):
    INPUT_RESPONSE = "input_response"

    def __str__(self) -> str:
        return str(self.value)
