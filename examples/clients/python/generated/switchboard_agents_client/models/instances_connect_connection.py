from enum import StrEnum


class InstancesConnectConnection(StrEnum):
    UPGRADE = "Upgrade"

    def __str__(self) -> str:
        return str(self.value)
