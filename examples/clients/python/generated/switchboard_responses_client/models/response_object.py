from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_object_object import ResponseObjectObject
from ..models.response_object_truncation import ResponseObjectTruncation
from ..models.response_status import ResponseStatus
from ..models.tool_choice_mode import ToolChoiceMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.conversation_ref import ConversationRef
    from ..models.function_tool import FunctionTool
    from ..models.function_tool_call import FunctionToolCall
    from ..models.incomplete_details import IncompleteDetails
    from ..models.metadata import Metadata
    from ..models.output_message import OutputMessage
    from ..models.response_error import ResponseError
    from ..models.response_text_config import ResponseTextConfig
    from ..models.response_usage import ResponseUsage
    from ..models.tool_choice_function import ToolChoiceFunction


T = TypeVar("T", bound="ResponseObject")


@_attrs_define
class ResponseObject:
    """A response: the agent's answer to one request. Carries every field OpenAI's Response object
    marks required. Timestamps are integer Unix seconds.

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
            temperature (float | None):
            top_p (float | None):
            max_output_tokens (int | None):
            tools (list[FunctionTool]):
            tool_choice (ToolChoiceFunction | ToolChoiceMode):
            store (bool):
            text (ResponseTextConfig):
            truncation (ResponseObjectTruncation):
            usage (None | ResponseUsage):
            user (str | Unset):
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
    temperature: float | None
    top_p: float | None
    max_output_tokens: int | None
    tools: list[FunctionTool]
    tool_choice: ToolChoiceFunction | ToolChoiceMode
    store: bool
    text: ResponseTextConfig
    truncation: ResponseObjectTruncation
    usage: None | ResponseUsage
    user: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.conversation_ref import ConversationRef
        from ..models.incomplete_details import IncompleteDetails
        from ..models.output_message import OutputMessage
        from ..models.response_error import ResponseError
        from ..models.response_usage import ResponseUsage

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

        temperature: float | None
        temperature = self.temperature

        top_p: float | None
        top_p = self.top_p

        max_output_tokens: int | None
        max_output_tokens = self.max_output_tokens

        tools = []
        for tools_item_data in self.tools:
            tools_item = tools_item_data.to_dict()
            tools.append(tools_item)

        tool_choice: dict[str, Any] | str
        if isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        else:
            tool_choice = self.tool_choice.to_dict()

        store = self.store

        text = self.text.to_dict()

        truncation = self.truncation.value

        usage: dict[str, Any] | None
        if isinstance(self.usage, ResponseUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        user = self.user

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
                "max_output_tokens": max_output_tokens,
                "tools": tools,
                "tool_choice": tool_choice,
                "store": store,
                "text": text,
                "truncation": truncation,
                "usage": usage,
            }
        )
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.conversation_ref import ConversationRef
        from ..models.function_tool import FunctionTool
        from ..models.function_tool_call import FunctionToolCall
        from ..models.incomplete_details import IncompleteDetails
        from ..models.metadata import Metadata
        from ..models.output_message import OutputMessage
        from ..models.response_error import ResponseError
        from ..models.response_text_config import ResponseTextConfig
        from ..models.response_usage import ResponseUsage
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

        def _parse_temperature(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        temperature = _parse_temperature(d.pop("temperature"))

        def _parse_top_p(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        top_p = _parse_top_p(d.pop("top_p"))

        def _parse_max_output_tokens(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_output_tokens = _parse_max_output_tokens(d.pop("max_output_tokens"))

        tools = []
        _tools = d.pop("tools")
        for tools_item_data in _tools:
            tools_item = FunctionTool.from_dict(tools_item_data)

            tools.append(tools_item)

        def _parse_tool_choice(data: object) -> ToolChoiceFunction | ToolChoiceMode:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_tool_choice_type_0 = ToolChoiceMode(data)

                return componentsschemas_tool_choice_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_tool_choice_type_1 = ToolChoiceFunction.from_dict(data)

            return componentsschemas_tool_choice_type_1

        tool_choice = _parse_tool_choice(d.pop("tool_choice"))

        store = d.pop("store")

        text = ResponseTextConfig.from_dict(d.pop("text"))

        truncation = ResponseObjectTruncation(d.pop("truncation"))

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

        user = d.pop("user", UNSET)

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
            max_output_tokens=max_output_tokens,
            tools=tools,
            tool_choice=tool_choice,
            store=store,
            text=text,
            truncation=truncation,
            usage=usage,
            user=user,
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
