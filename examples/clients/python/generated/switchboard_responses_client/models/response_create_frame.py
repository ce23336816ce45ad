from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.response_create_frame_type import ResponseCreateFrameType
from ..models.tool_choice_mode import ToolChoiceMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.function_call_input import FunctionCallInput
    from ..models.function_call_output_input import FunctionCallOutputInput
    from ..models.function_tool import FunctionTool
    from ..models.input_message import InputMessage
    from ..models.metadata import Metadata
    from ..models.response_text_config import ResponseTextConfig
    from ..models.tool_choice_function import ToolChoiceFunction


T = TypeVar("T", bound="ResponseCreateFrame")


@_attrs_define
class ResponseCreateFrame:
    """Create a response over the socket: the body of `POST /v1/responses` without its transport
    fields. `stream` (every response streams back over the socket) and `background` (not
    supported over a socket) are refused with an `error` event naming them, as are the
    parameters `POST /v1/responses` refuses. `previous_response_id` continues from a response of
    this socket, also one created with `store: false` (the socket keeps its recent responses in
    memory), or from a stored one. A turn that fails evicts the response it continued from the
    socket's memory, so a retry cannot build on stale state: continue again from a stored
    response, or resend the full input.

        Attributes:
            type_ (ResponseCreateFrameType):
            model (str): The name of a served agent (see `GET /v1/models`). Unknown names → 404 `model_not_found`.
            stream_id (str | Unset): A lane of one socket: `response.create` frames with the same `stream_id` run one after
                another
                in the order they arrived (FIFO), frames of different lanes run concurrently, and every event of
                a response echoes the `stream_id` of the frame that created it. Frames without one share a
                single default lane. Lineage is separate: `previous_response_id` may name a response of
                another lane (a fork).
            generate (bool | Unset): `true` (the default) runs the agent. `false` asks OpenAI's warm-up (a response that
                only
                prepares state, without output): not supported, refused with an `error` event naming it.
            input_ (list[FunctionCallInput | FunctionCallOutputInput | InputMessage] | str | Unset): A user message as a
                string, or a list of input items. The agent sees the history
                `previous.input + previous.output + input` when `previous_response_id` is given.
            instructions (None | str | Unset): Extra system instructions for this response only; they are not carried to the
                next response of a chain.
            previous_response_id (None | str | Unset): Continue from a stored response: the inputs and outputs of its chain
                become the history of this
                one. Unknown (or created with `store: false`) → 404; still `queued` or `in_progress` → 409
                `response_in_progress`. A response deleted from the middle of a chain ends the history there.
            conversation (None | Unset): Only `null` is accepted until conversations are served.
            store (bool | None | Unset): Store the response (default `true`) so that it can be retrieved, listed, continued
                and replayed.
            metadata (Metadata | None | Unset):
            temperature (float | None | Unset):
            top_p (float | None | Unset):
            max_output_tokens (int | None | Unset): Upper bound on generated tokens; when reached the response ends with
                status `incomplete`.
            tools (list[FunctionTool] | Unset): Client function tools the agent may call (in addition to its own server-side
                tools). A name
                the agent already uses for a tool of its own → 400 naming `tools[i].name`.
            tool_choice (ToolChoiceFunction | ToolChoiceMode | Unset):
            parallel_tool_calls (bool | None | Unset): Whether the agent may call several tools in one turn (default
                `true`).
            user (str | Unset): An end-user identifier, stored and echoed.
            text (ResponseTextConfig | Unset):
    """

    type_: ResponseCreateFrameType
    model: str
    stream_id: str | Unset = UNSET
    generate: bool | Unset = UNSET
    input_: (
        list[FunctionCallInput | FunctionCallOutputInput | InputMessage] | str | Unset
    ) = UNSET
    instructions: None | str | Unset = UNSET
    previous_response_id: None | str | Unset = UNSET
    conversation: None | Unset = UNSET
    store: bool | None | Unset = UNSET
    metadata: Metadata | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    max_output_tokens: int | None | Unset = UNSET
    tools: list[FunctionTool] | Unset = UNSET
    tool_choice: ToolChoiceFunction | ToolChoiceMode | Unset = UNSET
    parallel_tool_calls: bool | None | Unset = UNSET
    user: str | Unset = UNSET
    text: ResponseTextConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.function_call_input import FunctionCallInput
        from ..models.input_message import InputMessage
        from ..models.metadata import Metadata

        type_ = self.type_.value

        model = self.model

        stream_id = self.stream_id

        generate = self.generate

        input_: list[dict[str, Any]] | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        elif isinstance(self.input_, list):
            input_ = []
            for input_type_1_item_data in self.input_:
                input_type_1_item: dict[str, Any]
                if isinstance(input_type_1_item_data, InputMessage) or isinstance(
                    input_type_1_item_data, FunctionCallInput
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

        conversation = self.conversation

        store: bool | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        else:
            store = self.store

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, Metadata):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        max_output_tokens: int | None | Unset
        if isinstance(self.max_output_tokens, Unset):
            max_output_tokens = UNSET
        else:
            max_output_tokens = self.max_output_tokens

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        else:
            tool_choice = self.tool_choice.to_dict()

        parallel_tool_calls: bool | None | Unset
        if isinstance(self.parallel_tool_calls, Unset):
            parallel_tool_calls = UNSET
        else:
            parallel_tool_calls = self.parallel_tool_calls

        user = self.user

        text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.text, Unset):
            text = self.text.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "model": model,
            }
        )
        if stream_id is not UNSET:
            field_dict["stream_id"] = stream_id
        if generate is not UNSET:
            field_dict["generate"] = generate
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if conversation is not UNSET:
            field_dict["conversation"] = conversation
        if store is not UNSET:
            field_dict["store"] = store
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if user is not UNSET:
            field_dict["user"] = user
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.function_call_input import FunctionCallInput
        from ..models.function_call_output_input import FunctionCallOutputInput
        from ..models.function_tool import FunctionTool
        from ..models.input_message import InputMessage
        from ..models.metadata import Metadata
        from ..models.response_text_config import ResponseTextConfig
        from ..models.tool_choice_function import ToolChoiceFunction

        d = dict(src_dict)
        type_ = ResponseCreateFrameType(d.pop("type"))

        model = d.pop("model")

        stream_id = d.pop("stream_id", UNSET)

        generate = d.pop("generate", UNSET)

        def _parse_input_(
            data: object,
        ) -> (
            list[FunctionCallInput | FunctionCallOutputInput | InputMessage]
            | str
            | Unset
        ):
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
                    ) -> FunctionCallInput | FunctionCallOutputInput | InputMessage:
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
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_input_item_type_2 = (
                            FunctionCallOutputInput.from_dict(data)
                        )

                        return componentsschemas_input_item_type_2

                    input_type_1_item = _parse_input_type_1_item(input_type_1_item_data)

                    input_type_1.append(input_type_1_item)

                return input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[FunctionCallInput | FunctionCallOutputInput | InputMessage]
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

        conversation = d.pop("conversation", UNSET)

        def _parse_store(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        store = _parse_store(d.pop("store", UNSET))

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

        def _parse_temperature(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        temperature = _parse_temperature(d.pop("temperature", UNSET))

        def _parse_top_p(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top_p = _parse_top_p(d.pop("top_p", UNSET))

        def _parse_max_output_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_output_tokens = _parse_max_output_tokens(d.pop("max_output_tokens", UNSET))

        _tools = d.pop("tools", UNSET)
        tools: list[FunctionTool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = FunctionTool.from_dict(tools_item_data)

                tools.append(tools_item)

        def _parse_tool_choice(
            data: object,
        ) -> ToolChoiceFunction | ToolChoiceMode | Unset:
            if isinstance(data, Unset):
                return data
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

        user = d.pop("user", UNSET)

        _text = d.pop("text", UNSET)
        text: ResponseTextConfig | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = ResponseTextConfig.from_dict(_text)

        response_create_frame = cls(
            type_=type_,
            model=model,
            stream_id=stream_id,
            generate=generate,
            input_=input_,
            instructions=instructions,
            previous_response_id=previous_response_id,
            conversation=conversation,
            store=store,
            metadata=metadata,
            temperature=temperature,
            top_p=top_p,
            max_output_tokens=max_output_tokens,
            tools=tools,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            user=user,
            text=text,
        )

        response_create_frame.additional_properties = d
        return response_create_frame

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
