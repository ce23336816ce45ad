from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.item_status import ItemStatus
from ..models.message_phase import MessagePhase
from ..models.message_resource_type import MessageResourceType
from ..models.message_role import MessageRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.input_file_content import InputFileContent
    from ..models.input_image_content import InputImageContent
    from ..models.input_text_content import InputTextContent
    from ..models.output_text_content import OutputTextContent
    from ..models.refusal_content import RefusalContent


T = TypeVar("T", bound="MessageResource")


@_attrs_define
class MessageResource:
    """A stored input message as listed by `GET /v1/responses/{id}/input_items`.

    Attributes:
        type_ (MessageResourceType):
        id (str): Assigned by the server when the item was stored (`msg_…`).
        role (MessageRole): Who wrote a message. `system` and `developer` messages are instructions to the agent.
        status (ItemStatus): Lifecycle of an item.
        content (list[InputFileContent | InputImageContent | InputTextContent | OutputTextContent | RefusalContent]):
        phase (MessagePhase | None | Unset):
    """

    type_: MessageResourceType
    id: str
    role: MessageRole
    status: ItemStatus
    content: list[
        InputFileContent
        | InputImageContent
        | InputTextContent
        | OutputTextContent
        | RefusalContent
    ]
    phase: MessagePhase | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.input_file_content import InputFileContent
        from ..models.input_image_content import InputImageContent
        from ..models.input_text_content import InputTextContent
        from ..models.output_text_content import OutputTextContent

        type_ = self.type_.value

        id = self.id

        role = self.role.value

        status = self.status.value

        content = []
        for content_item_data in self.content:
            content_item: dict[str, Any]
            if (
                isinstance(content_item_data, InputTextContent)
                or isinstance(content_item_data, InputImageContent)
                or isinstance(content_item_data, InputFileContent)
                or isinstance(content_item_data, OutputTextContent)
            ):
                content_item = content_item_data.to_dict()
            else:
                content_item = content_item_data.to_dict()

            content.append(content_item)

        phase: None | str | Unset
        if isinstance(self.phase, Unset):
            phase = UNSET
        elif isinstance(self.phase, MessagePhase):
            phase = self.phase.value
        else:
            phase = self.phase

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
        if phase is not UNSET:
            field_dict["phase"] = phase

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.input_file_content import InputFileContent
        from ..models.input_image_content import InputImageContent
        from ..models.input_text_content import InputTextContent
        from ..models.output_text_content import OutputTextContent
        from ..models.refusal_content import RefusalContent

        d = dict(src_dict)
        type_ = MessageResourceType(d.pop("type"))

        id = d.pop("id")

        role = MessageRole(d.pop("role"))

        status = ItemStatus(d.pop("status"))

        content = []
        _content = d.pop("content")
        for content_item_data in _content:

            def _parse_content_item(
                data: object,
            ) -> (
                InputFileContent
                | InputImageContent
                | InputTextContent
                | OutputTextContent
                | RefusalContent
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_content_type_0 = InputTextContent.from_dict(
                        data
                    )

                    return componentsschemas_input_content_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_content_type_1 = (
                        InputImageContent.from_dict(data)
                    )

                    return componentsschemas_input_content_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_content_type_2 = InputFileContent.from_dict(
                        data
                    )

                    return componentsschemas_input_content_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_content_type_3 = (
                        OutputTextContent.from_dict(data)
                    )

                    return componentsschemas_input_content_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_input_content_type_4 = RefusalContent.from_dict(data)

                return componentsschemas_input_content_type_4

            content_item = _parse_content_item(content_item_data)

            content.append(content_item)

        def _parse_phase(data: object) -> MessagePhase | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                phase_type_0 = MessagePhase(data)

                return phase_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessagePhase | None | Unset, data)

        phase = _parse_phase(d.pop("phase", UNSET))

        message_resource = cls(
            type_=type_,
            id=id,
            role=role,
            status=status,
            content=content,
            phase=phase,
        )

        message_resource.additional_properties = d
        return message_resource

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
