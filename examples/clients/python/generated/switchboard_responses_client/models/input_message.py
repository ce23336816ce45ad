from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.input_message_type import InputMessageType
from ..models.item_status import ItemStatus
from ..models.message_phase import MessagePhase
from ..models.message_role import MessageRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.input_file_content import InputFileContent
    from ..models.input_image_content import InputImageContent
    from ..models.input_text_content import InputTextContent
    from ..models.output_text_content import OutputTextContent
    from ..models.refusal_content import RefusalContent


T = TypeVar("T", bound="InputMessage")


@_attrs_define
class InputMessage:
    """A message given as input. `type` may be omitted (OpenAI's "easy input message"); `content` is
    either a plain string or a list of content parts.

        Attributes:
            role (MessageRole): Who wrote a message. `system` and `developer` messages are instructions to the agent.
            content (list[InputFileContent | InputImageContent | InputTextContent | OutputTextContent | RefusalContent] |
                str):
            type_ (InputMessageType | Unset):
            id (str | Unset): Ignored on input; present so that items read back from the API can be sent again unchanged.
            status (ItemStatus | Unset): Lifecycle of an item.
            phase (MessagePhase | None | Unset): On assistant messages: whether the text was commentary between tool calls
                or the final answer. Stored and returned; models that do not use it ignore it.
    """

    role: MessageRole
    content: (
        list[
            InputFileContent
            | InputImageContent
            | InputTextContent
            | OutputTextContent
            | RefusalContent
        ]
        | str
    )
    type_: InputMessageType | Unset = UNSET
    id: str | Unset = UNSET
    status: ItemStatus | Unset = UNSET
    phase: MessagePhase | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.input_file_content import InputFileContent
        from ..models.input_image_content import InputImageContent
        from ..models.input_text_content import InputTextContent
        from ..models.output_text_content import OutputTextContent

        role = self.role.value

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item: dict[str, Any]
                if (
                    isinstance(content_type_1_item_data, InputTextContent)
                    or isinstance(content_type_1_item_data, InputImageContent)
                    or isinstance(content_type_1_item_data, InputFileContent)
                    or isinstance(content_type_1_item_data, OutputTextContent)
                ):
                    content_type_1_item = content_type_1_item_data.to_dict()
                else:
                    content_type_1_item = content_type_1_item_data.to_dict()

                content.append(content_type_1_item)

        else:
            content = self.content

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        id = self.id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

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
                "role": role,
                "content": content,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if id is not UNSET:
            field_dict["id"] = id
        if status is not UNSET:
            field_dict["status"] = status
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
        role = MessageRole(d.pop("role"))

        def _parse_content(
            data: object,
        ) -> (
            list[
                InputFileContent
                | InputImageContent
                | InputTextContent
                | OutputTextContent
                | RefusalContent
            ]
            | str
        ):
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_type_1 = []
                _content_type_1 = data
                for content_type_1_item_data in _content_type_1:

                    def _parse_content_type_1_item(
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
                            componentsschemas_input_content_type_0 = (
                                InputTextContent.from_dict(data)
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
                            componentsschemas_input_content_type_2 = (
                                InputFileContent.from_dict(data)
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
                        componentsschemas_input_content_type_4 = (
                            RefusalContent.from_dict(data)
                        )

                        return componentsschemas_input_content_type_4

                    content_type_1_item = _parse_content_type_1_item(
                        content_type_1_item_data
                    )

                    content_type_1.append(content_type_1_item)

                return content_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    InputFileContent
                    | InputImageContent
                    | InputTextContent
                    | OutputTextContent
                    | RefusalContent
                ]
                | str,
                data,
            )

        content = _parse_content(d.pop("content"))

        _type_ = d.pop("type", UNSET)
        type_: InputMessageType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = InputMessageType(_type_)

        id = d.pop("id", UNSET)

        _status = d.pop("status", UNSET)
        status: ItemStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ItemStatus(_status)

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

        input_message = cls(
            role=role,
            content=content,
            type_=type_,
            id=id,
            status=status,
            phase=phase,
        )

        input_message.additional_properties = d
        return input_message

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
