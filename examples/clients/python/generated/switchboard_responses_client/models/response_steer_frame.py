from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_steer_frame_type import ResponseSteerFrameType

if TYPE_CHECKING:
    from ..models.compaction_input import CompactionInput
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.reasoning_input import ReasoningInput


T = TypeVar("T", bound="ResponseSteerFrame")


@_attrs_define
class ResponseSteerFrame:
    """OpenAI's steering of a running response (`response.steer`): refused with an `error` event
    `steering_not_supported`, since agents take no input while a response runs.

        Attributes:
            type_ (ResponseSteerFrameType):
            previous_response_id (str):
            input_ (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
                ReasoningInput] | str):
    """

    type_: ResponseSteerFrameType
    previous_response_id: str
    input_: (
        list[
            CompactionInput
            | FunctionCallInput
            | FunctionCallOutputInput
            | InputMessage
            | ItemReferenceInput
            | ReasoningInput
        ]
        | str
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning_input import ReasoningInput

        type_ = self.type_.value

        previous_response_id = self.previous_response_id

        input_: list[dict[str, Any]] | str
        if isinstance(self.input_, list):
            input_ = []
            for input_type_1_item_data in self.input_:
                input_type_1_item: dict[str, Any]
                if (
                    isinstance(input_type_1_item_data, InputMessage)
                    or isinstance(input_type_1_item_data, FunctionCallInput)
                    or isinstance(input_type_1_item_data, FunctionCallOutputInput)
                    or isinstance(input_type_1_item_data, ItemReferenceInput)
                    or isinstance(input_type_1_item_data, ReasoningInput)
                ):
                    input_type_1_item = input_type_1_item_data.to_dict()
                else:
                    input_type_1_item = input_type_1_item_data.to_dict()

                input_.append(input_type_1_item)

        else:
            input_ = self.input_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "previous_response_id": previous_response_id,
                "input": input_,
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
        type_ = ResponseSteerFrameType(d.pop("type"))

        previous_response_id = d.pop("previous_response_id")

        def _parse_input_(
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
            | str
        ):
            try:
                if not isinstance(data, list):
                    raise TypeError()
                input_type_1 = []
                _input_type_1 = data
                for input_type_1_item_data in _input_type_1:

                    def _parse_input_type_1_item(
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

                    input_type_1_item = _parse_input_type_1_item(input_type_1_item_data)

                    input_type_1.append(input_type_1_item)

                return input_type_1
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
                | str,
                data,
            )

        input_ = _parse_input_(d.pop("input"))

        response_steer_frame = cls(
            type_=type_,
            previous_response_id=previous_response_id,
            input_=input_,
        )

        response_steer_frame.additional_properties = d
        return response_steer_frame

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
