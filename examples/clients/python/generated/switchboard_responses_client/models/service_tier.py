from enum import StrEnum


class ServiceTier(StrEnum):
    AUTO = "auto"
    DEFAULT = "default"
    FLEX = "flex"
    PRIORITY = "priority"
    SCALE = "scale"

    def __str__(self) -> str:
        return str(self.value)
