from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_webhook_receipt_status import AgentWebhookReceiptStatus

T = TypeVar("T", bound="AgentWebhookReceipt")


@_attrs_define
class AgentWebhookReceipt:
    """The receipt of a prompt sent with `x-webhook: true`: accepted for background processing, as a
    dispatch is. `status`, `run_id` and `runId` are the members pyflue's webhook answer has; the
    run id is the dispatch id.

        Attributes:
            dispatchId (str): Unique id of this dispatch; the work runs once per id.
            acceptedAt (datetime.datetime): When the server accepted the work (RFC 3339).
            dispatch_id (str): Same as `dispatchId`.
            accepted_at (datetime.datetime): Same as `acceptedAt`.
            status (AgentWebhookReceiptStatus):
            runId (str): Same as `dispatchId`.
            run_id (str): Same as `dispatchId`.
    """

    dispatchId: str
    acceptedAt: datetime.datetime
    dispatch_id: str
    accepted_at: datetime.datetime
    status: AgentWebhookReceiptStatus
    runId: str
    run_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dispatchId = self.dispatchId

        acceptedAt = self.acceptedAt.isoformat()

        dispatch_id = self.dispatch_id

        accepted_at = self.accepted_at.isoformat()

        status = self.status.value

        runId = self.runId

        run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dispatchId": dispatchId,
                "acceptedAt": acceptedAt,
                "dispatch_id": dispatch_id,
                "accepted_at": accepted_at,
                "status": status,
                "runId": runId,
                "run_id": run_id,
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

        status = AgentWebhookReceiptStatus(d.pop("status"))

        runId = d.pop("runId")

        run_id = d.pop("run_id")

        agent_webhook_receipt = cls(
            dispatchId=dispatchId,
            acceptedAt=acceptedAt,
            dispatch_id=dispatch_id,
            accepted_at=accepted_at,
            status=status,
            runId=runId,
            run_id=run_id,
        )

        agent_webhook_receipt.additional_properties = d
        return agent_webhook_receipt

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
