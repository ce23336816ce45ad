from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_object_object import ResponseObjectObject
from ..models.response_object_prompt_cache_retention_type_0 import (
    ResponseObjectPromptCacheRetentionType0,
)
from ..models.response_status import ResponseStatus
from ..models.tool_choice_mode import ToolChoiceMode
from ..models.truncation import Truncation
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_ref import ConversationRef
    from ..models.function_tool_call import FunctionToolCall
    from ..models.function_tool_echo import FunctionToolEcho
    from ..models.incomplete_details import IncompleteDetails
    from ..models.metadata import Metadata
    from ..models.output_message import OutputMessage
    from ..models.reasoning_echo import ReasoningEcho
    from ..models.response_error import ResponseError
    from ..models.response_text_config import ResponseTextConfig
    from ..models.response_usage import ResponseUsage
    from ..models.tool_choice_allowed import ToolChoiceAllowed
    from ..models.tool_choice_function import ToolChoiceFunction


T = TypeVar("T", bound="ResponseObject")


@_attrs_define
class ResponseObject:
    """A response: the agent's answer to one request. Carries every field OpenAI's Response object and
    Open Responses' ResponseResource mark required, with their types (sampling settings are numbers:
    the defaults when the request left them out). Timestamps are integer Unix seconds.

        Attributes:
            id (str): Starts with `resp_`.
            object_ (ResponseObjectObject):
            created_at (int):
            status (ResponseStatus): `queued` (background, not started), `in_progress`, `completed`, `incomplete`, `failed`,
                `cancelled`.
            completed_at (int | None): When the response reached a final status; `null` until then.
            error (None | ResponseError):
            incomplete_details (IncompleteDetails | None):
            instructions (None | str):
            model (str): The agent that answered.
            output (list[FunctionToolCall | OutputMessage]):
            parallel_tool_calls (bool):
            previous_response_id (None | str):
            background (bool):
            conversation (ConversationRef | None):
            metadata (Metadata): Up to 16 string pairs attached to the response (keys ≤ 64 characters, values ≤ 512).
            temperature (float):
            top_p (float):
            presence_penalty (float):
            frequency_penalty (float):
            top_logprobs (int):
            max_output_tokens (int | None):
            max_tool_calls (int | None):
            tools (list[FunctionToolEcho]):
            tool_choice (ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode):
            store (bool):
            text (ResponseTextConfig):
            reasoning (None | ReasoningEcho):
            truncation (Truncation): `disabled` (default): the whole history is sent; `auto`: the oldest items that do not
                fit the agent's context budget are dropped.
            service_tier (str):
            prompt_cache_key (None | str):
            safety_identifier (None | str):
            user (None | str):
            usage (None | ResponseUsage):
            prompt_cache_retention (None | ResponseObjectPromptCacheRetentionType0 | Unset):
    """

    id: str
    object_: ResponseObjectObject
    created_at: int
    status: ResponseStatus
    completed_at: int | None
    error: None | ResponseError
    incomplete_details: IncompleteDetails | None
    instructions: None | str
    model: str
    output: list[FunctionToolCall | OutputMessage]
    parallel_tool_calls: bool
    previous_response_id: None | str
    background: bool
    conversation: ConversationRef | None
    metadata: Metadata
    temperature: float
    top_p: float
    presence_penalty: float
    frequency_penalty: float
    top_logprobs: int
    max_output_tokens: int | None
    max_tool_calls: int | None
    tools: list[FunctionToolEcho]
    tool_choice: ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode
    store: bool
    text: ResponseTextConfig
    reasoning: None | ReasoningEcho
    truncation: Truncation
    service_tier: str
    prompt_cache_key: None | str
    safety_identifier: None | str
    user: None | str
    usage: None | ResponseUsage
    prompt_cache_retention: None | ResponseObjectPromptCacheRetentionType0 | Unset = (
        UNSET
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_ref import ConversationRef
        from ..models.incomplete_details import IncompleteDetails
        from ..models.output_message import OutputMessage
        from ..models.reasoning_echo import ReasoningEcho
        from ..models.response_error import ResponseError
        from ..models.response_usage import ResponseUsage
        from ..models.tool_choice_function import ToolChoiceFunction

        id = self.id

        object_ = self.object_.value

        created_at = self.created_at

        status = self.status.value

        completed_at: int | None
        completed_at = self.completed_at

        error: dict[str, Any] | None
        if isinstance(self.error, ResponseError):
            error = self.error.to_dict()
        else:
            error = self.error

        incomplete_details: dict[str, Any] | None
        if isinstance(self.incomplete_details, IncompleteDetails):
            incomplete_details = self.incomplete_details.to_dict()
        else:
            incomplete_details = self.incomplete_details

        instructions: None | str
        instructions = self.instructions

        model = self.model

        output = []
        for output_item_data in self.output:
            output_item: dict[str, Any]
            if isinstance(output_item_data, OutputMessage):
                output_item = output_item_data.to_dict()
            else:
                output_item = output_item_data.to_dict()

            output.append(output_item)

        parallel_tool_calls = self.parallel_tool_calls

        previous_response_id: None | str
        previous_response_id = self.previous_response_id

        background = self.background

        conversation: dict[str, Any] | None
        if isinstance(self.conversation, ConversationRef):
            conversation = self.conversation.to_dict()
        else:
            conversation = self.conversation

        metadata = self.metadata.to_dict()

        temperature = self.temperature

        top_p = self.top_p

        presence_penalty = self.presence_penalty

        frequency_penalty = self.frequency_penalty

        top_logprobs = self.top_logprobs

        max_output_tokens: int | None
        max_output_tokens = self.max_output_tokens

        max_tool_calls: int | None
        max_tool_calls = self.max_tool_calls

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        tool_choice: dict[str, Any] | str
        if isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        elif isinstance(self.tool_choice, ToolChoiceFunction):
            tool_choice = self.tool_choice.to_dict()
        else:
            tool_choice = self.tool_choice.to_dict()

        store = self.store

        text = self.text.to_dict()

        reasoning: dict[str, Any] | None
        if isinstance(self.reasoning, ReasoningEcho):
            reasoning = self.reasoning.to_dict()
        else:
            reasoning = self.reasoning

        truncation = self.truncation.value

        service_tier = self.service_tier

        prompt_cache_key: None | str
        prompt_cache_key = self.prompt_cache_key

        safety_identifier: None | str
        safety_identifier = self.safety_identifier

        user: None | str
        user = self.user

        usage: dict[str, Any] | None
        if isinstance(self.usage, ResponseUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        prompt_cache_retention: None | str | Unset
        if isinstance(self.prompt_cache_retention, Unset):
            prompt_cache_retention = UNSET
        elif isinstance(
            self.prompt_cache_retention, ResponseObjectPromptCacheRetentionType0
        ):
            prompt_cache_retention = self.prompt_cache_retention.value
        else:
            prompt_cache_retention = self.prompt_cache_retention

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created_at": created_at,
                "status": status,
                "completed_at": completed_at,
                "error": error,
                "incomplete_details": incomplete_details,
                "instructions": instructions,
                "model": model,
                "output": output,
                "parallel_tool_calls": parallel_tool_calls,
                "previous_response_id": previous_response_id,
                "background": background,
                "conversation": conversation,
                "metadata": metadata,
                "temperature": temperature,
                "top_p": top_p,
                "presence_penalty": presence_penalty,
                "frequency_penalty": frequency_penalty,
                "top_logprobs": top_logprobs,
                "max_output_tokens": max_output_tokens,
                "max_tool_calls": max_tool_calls,
                "tools": tools,
                "tool_choice": tool_choice,
                "store": store,
                "text": text,
                "reasoning": reasoning,
                "truncation": truncation,
                "service_tier": service_tier,
                "prompt_cache_key": prompt_cache_key,
                "safety_identifier": safety_identifier,
                "user": user,
                "usage": usage,
            }
        )
        if prompt_cache_retention is not UNSET:
            field_dict["prompt_cache_retention"] = prompt_cache_retention

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversation_ref import ConversationRef
        from ..models.function_tool_call import FunctionToolCall
        from ..models.function_tool_echo import FunctionToolEcho
        from ..models.incomplete_details import IncompleteDetails
        from ..models.metadata import Metadata
        from ..models.output_message import OutputMessage
        from ..models.reasoning_echo import ReasoningEcho
        from ..models.response_error import ResponseError
        from ..models.response_text_config import ResponseTextConfig
        from ..models.response_usage import ResponseUsage
        from ..models.tool_choice_allowed import ToolChoiceAllowed
        from ..models.tool_choice_function import ToolChoiceFunction

        d = dict(src_dict)
        id = d.pop("id")

        object_ = ResponseObjectObject(d.pop("object"))

        created_at = d.pop("created_at")

        status = ResponseStatus(d.pop("status"))

        def _parse_completed_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_error(data: object) -> None | ResponseError:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ResponseError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseError, data)

        error = _parse_error(d.pop("error"))

        def _parse_incomplete_details(data: object) -> IncompleteDetails | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                incomplete_details_type_0 = IncompleteDetails.from_dict(data)

                return incomplete_details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IncompleteDetails | None, data)

        incomplete_details = _parse_incomplete_details(d.pop("incomplete_details"))

        def _parse_instructions(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        instructions = _parse_instructions(d.pop("instructions"))

        model = d.pop("model")

        output = []
        _output = d.pop("output")
        for output_item_data in _output:

            def _parse_output_item(data: object) -> FunctionToolCall | OutputMessage:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_output_item_type_0 = OutputMessage.from_dict(data)

                    return componentsschemas_output_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_output_item_type_1 = FunctionToolCall.from_dict(data)

                return componentsschemas_output_item_type_1

            output_item = _parse_output_item(output_item_data)

            output.append(output_item)

        parallel_tool_calls = d.pop("parallel_tool_calls")

        def _parse_previous_response_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous_response_id = _parse_previous_response_id(
            d.pop("previous_response_id")
        )

        background = d.pop("background")

        def _parse_conversation(data: object) -> ConversationRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                conversation_type_0 = ConversationRef.from_dict(data)

                return conversation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConversationRef | None, data)

        conversation = _parse_conversation(d.pop("conversation"))

        metadata = Metadata.from_dict(d.pop("metadata"))

        temperature = d.pop("temperature")

        top_p = d.pop("top_p")

        presence_penalty = d.pop("presence_penalty")

        frequency_penalty = d.pop("frequency_penalty")

        top_logprobs = d.pop("top_logprobs")

        def _parse_max_output_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_output_tokens = _parse_max_output_tokens(d.pop("max_output_tokens"))

        def _parse_max_tool_calls(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_tool_calls = _parse_max_tool_calls(d.pop("max_tool_calls"))

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = FunctionToolEcho.from_dict(tools_item_data)

            tools.append(tools_item)

        def _parse_tool_choice(
            data: object,
        ) -> ToolChoiceAllowed | ToolChoiceFunction | ToolChoiceMode:
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
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_tool_choice_type_2 = ToolChoiceAllowed.from_dict(data)

            return componentsschemas_tool_choice_type_2

        tool_choice = _parse_tool_choice(d.pop("tool_choice"))

        store = d.pop("store")

        text = ResponseTextConfig.from_dict(d.pop("text"))

        def _parse_reasoning(data: object) -> None | ReasoningEcho:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reasoning_type_0 = ReasoningEcho.from_dict(data)

                return reasoning_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasoningEcho, data)

        reasoning = _parse_reasoning(d.pop("reasoning"))

        truncation = Truncation(d.pop("truncation"))

        service_tier = d.pop("service_tier")

        def _parse_prompt_cache_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prompt_cache_key = _parse_prompt_cache_key(d.pop("prompt_cache_key"))

        def _parse_safety_identifier(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        safety_identifier = _parse_safety_identifier(d.pop("safety_identifier"))

        def _parse_user(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user = _parse_user(d.pop("user"))

        def _parse_usage(data: object) -> None | ResponseUsage:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = ResponseUsage.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseUsage, data)

        usage = _parse_usage(d.pop("usage"))

        def _parse_prompt_cache_retention(
            data: object,
        ) -> None | ResponseObjectPromptCacheRetentionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                prompt_cache_retention_type_0 = ResponseObjectPromptCacheRetentionType0(
                    data
                )

                return prompt_cache_retention_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResponseObjectPromptCacheRetentionType0 | Unset, data)

        prompt_cache_retention = _parse_prompt_cache_retention(
            d.pop("prompt_cache_retention", UNSET)
        )

        response_object = cls(
            id=id,
            object_=object_,
            created_at=created_at,
            status=status,
            completed_at=completed_at,
            error=error,
            incomplete_details=incomplete_details,
            instructions=instructions,
            model=model,
            output=output,
            parallel_tool_calls=parallel_tool_calls,
            previous_response_id=previous_response_id,
            background=background,
            conversation=conversation,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            presence_penalty=presence_penalty,
            frequency_penalty=frequency_penalty,
            top_logprobs=top_logprobs,
            max_output_tokens=max_output_tokens,
            max_tool_calls=max_tool_calls,
            tools=tools,
            tool_choice=tool_choice,
            store=store,
            text=text,
            reasoning=reasoning,
            truncation=truncation,
            service_tier=service_tier,
            prompt_cache_key=prompt_cache_key,
            safety_identifier=safety_identifier,
            user=user,
            usage=usage,
            prompt_cache_retention=prompt_cache_retention,
        )

        response_object.additional_properties = d
        return response_object

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
