from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_status import ItemStatus
from ..models.output_message_role import OutputMessageRole
from ..models.output_message_type import OutputMessageType

if TYPE_CHECKING:
    from ..models.output_text_content import OutputTextContent
    from ..models.refusal_content import RefusalContent


T = TypeVar("T", bound="OutputMessage")


@_attrs_define
class OutputMessage:
    """A message the agent produced. Its id starts with `msg_`. The text of each model turn is one
    `output_text` part: when the agent runs its own server-side tools between turns, the text of the
    next turn is the next part of the same message (so `content_index` counts turns). Those tool
    calls are not output items; only calls of the client's function tools are.

        Attributes:
            type_ (OutputMessageType):
            id (str):
            role (OutputMessageRole):
            status (ItemStatus): Lifecycle of an item.
            content (list[OutputTextContent | RefusalContent]):
    """

    type_: OutputMessageType
    id: str
    role: OutputMessageRole
    status: ItemStatus
    content: list[OutputTextContent | RefusalContent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.output_text_content import OutputTextContent

        type_ = self.type_.value

        id = self.id

        role = self.role.value

        status = self.status.value

        content = []
        for content_item_data in self.content:
            content_item: dict[str, Any]
            if isinstance(content_item_data, OutputTextContent):
                content_item = content_item_data.to_dict()
            else:
                content_item = content_item_data.to_dict()

            content.append(content_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "role": role,
                "status": status,
                "content": content,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.output_text_content import OutputTextContent
        from ..models.refusal_content import RefusalContent

        d = dict(src_dict)
        type_ = OutputMessageType(d.pop("type"))

        id = d.pop("id")

        role = OutputMessageRole(d.pop("role"))

        status = ItemStatus(d.pop("status"))

        content = []
        _content = d.pop("content")
        for content_item_data in _content:

            def _parse_content_item(data: object) -> OutputTextContent | RefusalContent:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_output_content_type_0 = (
                        OutputTextContent.from_dict(data)
                    )

                    return componentsschemas_output_content_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_output_content_type_1 = RefusalContent.from_dict(data)

                return componentsschemas_output_content_type_1

            content_item = _parse_content_item(content_item_data)

            content.append(content_item)

        output_message = cls(
            type_=type_,
            id=id,
            role=role,
            status=status,
            content=content,
        )

        output_message.additional_properties = d
        return output_message

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
