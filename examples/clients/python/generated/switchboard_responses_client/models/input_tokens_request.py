from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_choice_mode import ToolChoiceMode
from ..models.truncation import Truncation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compaction_input import CompactionInput
    from ..models.conversation_ref import ConversationRef
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.function_tool import FunctionTool
    from ..models.input_message import InputMessage
    from ..models.item_reference_input import ItemReferenceInput
    from ..models.reasoning import Reasoning
    from ..models.reasoning_input import ReasoningInput
    from ..models.response_text_config import ResponseTextConfig
    from ..models.tool_choice_allowed import ToolChoiceAllowed
    from ..models.tool_choice_function import ToolChoiceFunction


T = TypeVar("T", bound="InputTokensRequest")


@_attrs_define
class InputTokensRequest:
    """Body of `POST /v1/responses/input_tokens`: the input of a would-be create. Counted with the
    agent model's own tokenizer (OpenAI's encodings for OpenAI model families, the scripted models'
    count for fixtures).

        Attributes:
            model (None | str | Unset): A served agent. Optional in OpenAI's API; required here, since the count depends on
                the agent's model.
            input_ (list[CompactionInput | FunctionCallInput | FunctionCallOutputInput | InputMessage | ItemReferenceInput |
                ReasoningInput] | None | str | Unset):
            instructions (None | str | Unset):
            previous_response_id (None | str | Unset):
            conversation (ConversationRef | None | str | Unset):
            tools (list[FunctionTool] | None | Unset):
            tool_choice (None | ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset):
            parallel_tool_calls (bool | None | Unset):
            text (None | ResponseTextConfig | Unset):
            reasoning (None | Reasoning | Unset):
            truncation (None | Truncation | Unset):
            personality (None | str | Unset):
    """

    model: None | str | Unset = UNSET
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
    conversation: ConversationRef | None | str | Unset = UNSET
    tools: list[FunctionTool] | None | Unset = UNSET
    tool_choice: (
        None | ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset
    ) = UNSET
    parallel_tool_calls: bool | None | Unset = UNSET
    text: None | ResponseTextConfig | Unset = UNSET
    reasoning: None | Reasoning | Unset = UNSET
    truncation: None | Truncation | Unset = UNSET
    personality: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_ref import ConversationRef
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning import Reasoning
        from ..models.reasoning_input import ReasoningInput
        from ..models.response_text_config import ResponseTextConfig
        from ..models.tool_choice_allowed import ToolChoiceAllowed
        from ..models.tool_choice_function import ToolChoiceFunction

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
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

        conversation: dict[str, Any] | None | str | Unset
        if isinstance(self.conversation, Unset):
            conversation = UNSET
        elif isinstance(self.conversation, ConversationRef):
            conversation = self.conversation.to_dict()
        else:
            conversation = self.conversation

        tools: list[dict[str, Any]] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = []
            for tools_type_0_item_data in self.tools:
                tools_type_0_item = tools_type_0_item_data.to_dict()
                tools.append(tools_type_0_item)

        else:
            tools = self.tools

        tool_choice: dict[str, Any] | None | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        elif isinstance(self.tool_choice, ToolChoiceFunction) or isinstance(
            self.tool_choice, ToolChoiceAllowed
        ):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice

        parallel_tool_calls: bool | None | Unset
        if isinstance(self.parallel_tool_calls, Unset):
            parallel_tool_calls = UNSET
        else:
            parallel_tool_calls = self.parallel_tool_calls

        text: dict[str, Any] | None | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        elif isinstance(self.text, ResponseTextConfig):
            text = self.text.to_dict()
        else:
            text = self.text

        reasoning: dict[str, Any] | None | Unset
        if isinstance(self.reasoning, Unset):
            reasoning = UNSET
        elif isinstance(self.reasoning, Reasoning):
            reasoning = self.reasoning.to_dict()
        else:
            reasoning = self.reasoning

        truncation: None | str | Unset
        if isinstance(self.truncation, Unset):
            truncation = UNSET
        elif isinstance(self.truncation, Truncation):
            truncation = self.truncation.value
        else:
            truncation = self.truncation

        personality: None | str | Unset
        if isinstance(self.personality, Unset):
            personality = UNSET
        else:
            personality = self.personality

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if model is not UNSET:
            field_dict["model"] = model
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if conversation is not UNSET:
            field_dict["conversation"] = conversation
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if text is not UNSET:
            field_dict["text"] = text
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if truncation is not UNSET:
            field_dict["truncation"] = truncation
        if personality is not UNSET:
            field_dict["personality"] = personality

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compaction_input import CompactionInput
        from ..models.conversation_ref import ConversationRef
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.function_tool import FunctionTool
        from ..models.input_message import InputMessage
        from ..models.item_reference_input import ItemReferenceInput
        from ..models.reasoning import Reasoning
        from ..models.reasoning_input import ReasoningInput
        from ..models.response_text_config import ResponseTextConfig
        from ..models.tool_choice_allowed import ToolChoiceAllowed
        from ..models.tool_choice_function import ToolChoiceFunction

        d = dict(src_dict)

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

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

        def _parse_conversation(data: object) -> ConversationRef | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conversation_type_1 = ConversationRef.from_dict(data)

                return conversation_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationRef | None | str | Unset, data)

        conversation = _parse_conversation(d.pop("conversation", UNSET))

        def _parse_tools(data: object) -> list[FunctionTool] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = []
                _tools_type_0 = data
                for tools_type_0_item_data in _tools_type_0:
                    tools_type_0_item = FunctionTool.from_dict(tools_type_0_item_data)

                    tools_type_0.append(tools_type_0_item)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FunctionTool] | None | Unset, data)

        tools = _parse_tools(d.pop("tools", UNSET))

        def _parse_tool_choice(
            data: object,
        ) -> None | ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tool_choice_type_0 = ToolChoiceMode(data)

                return componentsschemas_tool_choice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tool_choice_type_1 = ToolChoiceFunction.from_dict(
                    data
                )

                return componentsschemas_tool_choice_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_tool_choice_type_2 = ToolChoiceAllowed.from_dict(data)

                return componentsschemas_tool_choice_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None | ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode | Unset,
                data,
            )

        tool_choice = _parse_tool_choice(d.pop("tool_choice", UNSET))

        def _parse_parallel_tool_calls(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        parallel_tool_calls = _parse_parallel_tool_calls(
            d.pop("parallel_tool_calls", UNSET)
        )

        def _parse_text(data: object) -> None | ResponseTextConfig | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                text_type_0 = ResponseTextConfig.from_dict(data)

                return text_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseTextConfig | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_reasoning(data: object) -> None | Reasoning | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reasoning_type_0 = Reasoning.from_dict(data)

                return reasoning_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Reasoning | Unset, data)

        reasoning = _parse_reasoning(d.pop("reasoning", UNSET))

        def _parse_truncation(data: object) -> None | Truncation | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                truncation_type_0 = Truncation(data)

                return truncation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Truncation | Unset, data)

        truncation = _parse_truncation(d.pop("truncation", UNSET))

        def _parse_personality(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        personality = _parse_personality(d.pop("personality", UNSET))

        input_tokens_request = cls(
            model=model,
            input_=input_,
            instructions=instructions,
            previous_response_id=previous_response_id,
            conversation=conversation,
            tools=tools,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            text=text,
            reasoning=reasoning,
            truncation=truncation,
            personality=personality,
        )

        input_tokens_request.additional_properties = d
        return input_tokens_request

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
