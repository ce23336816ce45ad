from enum import StrEnum


class InputFileContentType(StrEnum):
    INPUT_FILE = "input_file"

    def __str__(self) -> str:
        return str(self.value)
