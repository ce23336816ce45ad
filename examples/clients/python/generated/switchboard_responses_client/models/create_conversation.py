from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compaction_input import CompactionInput
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.metadata import Metadata
    from ..models.reasoning_input import ReasoningInput


T = TypeVar("T", bound="CreateConversation")


@_attrs_define
class CreateConversation:
    """Body of `POST /v1/conversations`.

    Attributes:
        items (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
            ReasoningInput] | None | Unset): Up to 20 initial items.
        metadata (Metadata | None | Unset):
    """

    items: (
        list[
            CompactionInput
            | FunctionCallInput
            | FunctionCallOutputInput
            | InputMessage
            | ItemReferenceInput
            | ReasoningInput
        ]
        | None
        | Unset
    ) = UNSET
    metadata: Metadata | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.metadata import Metadata
        from ..models.reasoning_input import ReasoningInput

        items: list[dict[str, Any]] | None | Unset
        if isinstance(self.items, Unset):
            items = UNSET
        elif isinstance(self.items, list):
            items = []
            for items_type_0_item_data in self.items:
                items_type_0_item: dict[str, Any]
                if (
                    isinstance(items_type_0_item_data, InputMessage)
                    or isinstance(items_type_0_item_data, FunctionCallInput)
                    or isinstance(items_type_0_item_data, FunctionCallOutputInput)
                    or isinstance(items_type_0_item_data, ItemReferenceInput)
                    or isinstance(items_type_0_item_data, ReasoningInput)
                ):
                    items_type_0_item = items_type_0_item_data.to_dict()
                else:
                    items_type_0_item = items_type_0_item_data.to_dict()

                items.append(items_type_0_item)

        else:
            items = self.items

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, Metadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if items is not UNSET:
            field_dict["items"] = items
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compaction_input import CompactionInput
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.metadata import Metadata
        from ..models.reasoning_input import ReasoningInput

        d = dict(src_dict)

        def _parse_items(
            data: object,
        ) -> (
            list[
                CompactionInput
                | FunctionCallInput
                | FunctionCallOutputInput
                | InputMessage
                | ItemReferenceInput
                | ReasoningInput
            ]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                items_type_0 = []
                _items_type_0 = data
                for items_type_0_item_data in _items_type_0:

                    def _parse_items_type_0_item(
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
                            componentsschemas_input_item_type_0 = (
                                InputMessage.from_dict(data)
                            )

                            return componentsschemas_input_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_1 = (
                                FunctionCallInput.from_dict(data)
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
                            componentsschemas_input_item_type_3 = (
                                ItemReferenceInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_input_item_type_4 = (
                                ReasoningInput.from_dict(data)
                            )

                            return componentsschemas_input_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_input_item_type_5 = CompactionInput.from_dict(
                            data
                        )

                        return componentsschemas_input_item_type_5

                    items_type_0_item = _parse_items_type_0_item(items_type_0_item_data)

                    items_type_0.append(items_type_0_item)

                return items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    CompactionInput
                    | FunctionCallInput
                    | FunctionCallOutputInput
                    | InputMessage
                    | ItemReferenceInput
                    | ReasoningInput
                ]
                | None
                | Unset,
                data,
            )

        items = _parse_items(d.pop("items", UNSET))

        def _parse_metadata(data: object) -> Metadata | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = Metadata.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Metadata | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        create_conversation = cls(
            items=items,
            metadata=metadata,
        )

        create_conversation.additional_properties = d
        return create_conversation

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
