from enum import StrEnum


class InputImageContentType(StrEnum):
    INPUT_IMAGE = "input_image"

    def __str__(self) -> str:
        return str(self.value)
