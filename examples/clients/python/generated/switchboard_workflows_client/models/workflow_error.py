from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.workflow_error_type import WorkflowErrorType

if TYPE_CHECKING:
    from ..models.workflow_error_content import WorkflowErrorContent


T = TypeVar("T", bound="WorkflowError")


@_attrs_define
class WorkflowError:
    """An error. For a protocol error caused by a client frame the socket stays open unless that frame
    was the first (then close 1008); once a run is attached such errors are part of its history
    (replayed on resume like any message). A run that fails (`workflow_failed`) sends this, then
    `workflow_completed` whose `result` carries the error, then closes 1000, as FastAgency's
    runtime does (its clients wait for `workflow_completed`). A run abandoned by the server
    (`workflow_abandoned`) ends with this frame and close 1011, without `workflow_completed`.

        Attributes:
            type_ (WorkflowErrorType): The message type; it selects the `content` shape.
            workflow_uuid (str): The run this message belongs to, in the form the connection's first frame used (32 hex
                digits, or hyphenated; always lower-case). Protocol errors
                about a first frame that named no valid run carry an empty string.
            uuid (str): This message's id; unique within the server. Questions are answered by it.
            sender (None | str): Which agent or component produced the message: the workflow's own choice, else `"Workflow"`
                (as FastAgency's runtime says; its HTML client shows `sender -> recipient`).
            recipient (None | str): Whom the message is addressed to: the workflow's own choice, else `"User"`.
            auto_reply (bool): Whether an agent produced the message automatically, without a user turn.
            content (WorkflowErrorContent): Content of `error`.
    """

    type_: WorkflowErrorType
    workflow_uuid: str
    uuid: str
    sender: None | str
    recipient: None | str
    auto_reply: bool
    content: WorkflowErrorContent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        workflow_uuid = self.workflow_uuid

        uuid = self.uuid

        sender: None | str
        sender = self.sender

        recipient: None | str
        recipient = self.recipient

        auto_reply = self.auto_reply

        content = self.content.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "workflow_uuid": workflow_uuid,
                "uuid": uuid,
                "sender": sender,
                "recipient": recipient,
                "auto_reply": auto_reply,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.workflow_error_content import WorkflowErrorContent

        d = dict(src_dict)
        type_ = WorkflowErrorType(d.pop("type"))

        workflow_uuid = d.pop("workflow_uuid")

        uuid = d.pop("uuid")

        def _parse_sender(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sender = _parse_sender(d.pop("sender"))

        def _parse_recipient(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient = _parse_recipient(d.pop("recipient"))

        auto_reply = d.pop("auto_reply")

        content = WorkflowErrorContent.from_dict(d.pop("content"))

        workflow_error = cls(
            type_=type_,
            workflow_uuid=workflow_uuid,
            uuid=uuid,
            sender=sender,
            recipient=recipient,
            auto_reply=auto_reply,
            content=content,
        )

        workflow_error.additional_properties = d
        return workflow_error

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
