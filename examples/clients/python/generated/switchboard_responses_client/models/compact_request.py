from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.compact_request_prompt_cache_retention_type_0 import (
    CompactRequestPromptCacheRetentionType0,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compact_request_image import CompactRequestImage
    from ..models.compact_request_prompt_cache_options_type_0 import (
        CompactRequestPromptCacheOptionsType0,
    )
    from ..models.compaction_input import CompactionInput
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.reasoning_input import ReasoningInput


T = TypeVar("T", bound="CompactRequest")


@_attrs_define
class CompactRequest:
    """Body of `POST /v1/responses/compact`: the history to compact (`input`, and the chain of
    `previous_response_id`). The agent's model writes the summary; fixture agents summarise
    deterministically.

        Attributes:
            model (str): A served agent: its model writes the summary.
            input_ (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
                ReasoningInput] | None | str | Unset):
            instructions (None | str | Unset):
            previous_response_id (None | str | Unset):
            prompt_cache_key (None | str | Unset):
            prompt_cache_retention (CompactRequestPromptCacheRetentionType0 | None | Unset):
            prompt_cache_options (CompactRequestPromptCacheOptionsType0 | None | Unset):
            image (CompactRequestImage | Unset):
    """

    model: str
    input_: (
        list[
            CompactionInput
            | FunctionCallInput
            | FunctionCallOutputInput
            | InputMessage
            | ItemReferenceInput
            | ReasoningInput
        ]
        | None
        | str
        | Unset
    ) = UNSET
    instructions: None | str | Unset = UNSET
    previous_response_id: None | str | Unset = UNSET
    prompt_cache_key: None | str | Unset = UNSET
    prompt_cache_retention: CompactRequestPromptCacheRetentionType0 | None | Unset = (
        UNSET
    )
    prompt_cache_options: CompactRequestPromptCacheOptionsType0 | None | Unset = UNSET
    image: CompactRequestImage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.compact_request_prompt_cache_options_type_0 import (
            CompactRequestPromptCacheOptionsType0,
        )
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning_input import ReasoningInput

        model = self.model

        input_: list[dict[str, Any]] | None | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        elif isinstance(self.input_, list):
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

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        previous_response_id: None | str | Unset
        if isinstance(self.previous_response_id, Unset):
            previous_response_id = UNSET
        else:
            previous_response_id = self.previous_response_id

        prompt_cache_key: None | str | Unset
        if isinstance(self.prompt_cache_key, Unset):
            prompt_cache_key = UNSET
        else:
            prompt_cache_key = self.prompt_cache_key

        prompt_cache_retention: None | str | Unset
        if isinstance(self.prompt_cache_retention, Unset):
            prompt_cache_retention = UNSET
        elif isinstance(
            self.prompt_cache_retention, CompactRequestPromptCacheRetentionType0
        ):
            prompt_cache_retention = self.prompt_cache_retention.value
        else:
            prompt_cache_retention = self.prompt_cache_retention

        prompt_cache_options: dict[str, Any] | None | Unset
        if isinstance(self.prompt_cache_options, Unset):
            prompt_cache_options = UNSET
        elif isinstance(
            self.prompt_cache_options, CompactRequestPromptCacheOptionsType0
        ):
            prompt_cache_options = self.prompt_cache_options.to_dict()
        else:
            prompt_cache_options = self.prompt_cache_options

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if prompt_cache_key is not UNSET:
            field_dict["prompt_cache_key"] = prompt_cache_key
        if prompt_cache_retention is not UNSET:
            field_dict["prompt_cache_retention"] = prompt_cache_retention
        if prompt_cache_options is not UNSET:
            field_dict["prompt_cache_options"] = prompt_cache_options
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compact_request_image import CompactRequestImage
        from ..models.compact_request_prompt_cache_options_type_0 import (
            CompactRequestPromptCacheOptionsType0,
        )
        from ..models.compaction_input import CompactionInput
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning_input import ReasoningInput

        d = dict(src_dict)
        model = d.pop("model")

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
            | None
            | str
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
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
                | None
                | str
                | Unset,
                data,
            )

        input_ = _parse_input_(d.pop("input", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_previous_response_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_response_id = _parse_previous_response_id(
            d.pop("previous_response_id", UNSET)
        )

        def _parse_prompt_cache_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prompt_cache_key = _parse_prompt_cache_key(d.pop("prompt_cache_key", UNSET))

        def _parse_prompt_cache_retention(
            data: object,
        ) -> CompactRequestPromptCacheRetentionType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                prompt_cache_retention_type_0 = CompactRequestPromptCacheRetentionType0(
                    data
                )

                return prompt_cache_retention_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompactRequestPromptCacheRetentionType0 | None | Unset, data)

        prompt_cache_retention = _parse_prompt_cache_retention(
            d.pop("prompt_cache_retention", UNSET)
        )

        def _parse_prompt_cache_options(
            data: object,
        ) -> CompactRequestPromptCacheOptionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                prompt_cache_options_type_0 = (
                    CompactRequestPromptCacheOptionsType0.from_dict(data)
                )

                return prompt_cache_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompactRequestPromptCacheOptionsType0 | None | Unset, data)

        prompt_cache_options = _parse_prompt_cache_options(
            d.pop("prompt_cache_options", UNSET)
        )

        _image = d.pop("image", UNSET)
        image: CompactRequestImage | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = CompactRequestImage.from_dict(_image)

        compact_request = cls(
            model=model,
            input_=input_,
            instructions=instructions,
            previous_response_id=previous_response_id,
            prompt_cache_key=prompt_cache_key,
            prompt_cache_retention=prompt_cache_retention,
            prompt_cache_options=prompt_cache_options,
            image=image,
        )

        compact_request.additional_properties = d
        return compact_request

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
