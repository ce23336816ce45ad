from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentDispatchReceipt")


@_attrs_define
class AgentDispatchReceipt:
    """The receipt of accepted background work. Each member is also sent under the snake-case name
    pyflue's receipts use (`dispatch_id`, `accepted_at`).

        Attributes:
            dispatchId (str): Unique id of this dispatch; the work runs once per id.
            acceptedAt (datetime.datetime): When the server accepted the work (RFC 3339).
            dispatch_id (str): Same as `dispatchId`.
            accepted_at (datetime.datetime): Same as `acceptedAt`.
    """

    dispatchId: str
    acceptedAt: datetime.datetime
    dispatch_id: str
    accepted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dispatchId = self.dispatchId

        acceptedAt = self.acceptedAt.isoformat()

        dispatch_id = self.dispatch_id

        accepted_at = self.accepted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dispatchId": dispatchId,
                "acceptedAt": acceptedAt,
                "dispatch_id": dispatch_id,
                "accepted_at": accepted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dispatchId = d.pop("dispatchId")

        acceptedAt = datetime.datetime.fromisoformat(d.pop("acceptedAt"))

        dispatch_id = d.pop("dispatch_id")

        accepted_at = datetime.datetime.fromisoformat(d.pop("accepted_at"))

        agent_dispatch_receipt = cls(
            dispatchId=dispatchId,
            acceptedAt=acceptedAt,
            dispatch_id=dispatch_id,
            accepted_at=accepted_at,
        )

        agent_dispatch_receipt.additional_properties = d
        return agent_dispatch_receipt

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
