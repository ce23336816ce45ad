from enum import StrEnum


class ModelInfoObject(StrEnum):
    MODEL = "model"

    def __str__(self) -> str:
        return str(self.value)
