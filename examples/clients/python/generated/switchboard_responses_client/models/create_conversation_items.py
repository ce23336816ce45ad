from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.compaction_input import CompactionInput
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.reasoning_input import ReasoningInput


T = TypeVar("T", bound="CreateConversationItems")


@_attrs_define
class CreateConversationItems:
    """Body of `POST /v1/conversations/{id}/items`.

    Attributes:
        items (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
            ReasoningInput]):
    """

    items: list[
        CompactionInput
        | FunctionCallInput
        | FunctionCallOutputInput
        | InputMessage
        | ItemReferenceInput
        | ReasoningInput
    ]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning_input import ReasoningInput

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if (
                isinstance(items_item_data, InputMessage)
                or isinstance(items_item_data, FunctionCallInput)
                or isinstance(items_item_data, FunctionCallOutputInput)
                or isinstance(items_item_data, ItemReferenceInput)
                or isinstance(items_item_data, ReasoningInput)
            ):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compaction_input import CompactionInput
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning_input import ReasoningInput

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                CompactionInput
                | FunctionCallInput
                | FunctionCallOutputInput
                | InputMessage
                | ItemReferenceInput
                | ReasoningInput
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_item_type_0 = InputMessage.from_dict(data)

                    return componentsschemas_input_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_item_type_1 = FunctionCallInput.from_dict(
                        data
                    )

                    return componentsschemas_input_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_item_type_2 = (
                        FunctionCallOutputInput.from_dict(data)
                    )

                    return componentsschemas_input_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_item_type_3 = ItemReferenceInput.from_dict(
                        data
                    )

                    return componentsschemas_input_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_input_item_type_4 = ReasoningInput.from_dict(data)

                    return componentsschemas_input_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_input_item_type_5 = CompactionInput.from_dict(data)

                return componentsschemas_input_item_type_5

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        create_conversation_items = cls(
            items=items,
        )

        create_conversation_items.additional_properties = d
        return create_conversation_items

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
