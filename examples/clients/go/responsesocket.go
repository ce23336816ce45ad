package main

// Responses WebSocket mode (`GET /v1/responses` upgraded): one ResponseCreateFrame out, the
// ResponsesServerFrame union in. Both are generated models; this file only carries them over the
// socket helpers of agentsocket.go.

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/coder/websocket"

	"switchboard.local/examples/clients/go/generated/responses"
)

// readResponsesFrame reads one server frame with its `type` and `sequence_number`. The union has
// no discriminator mapping (two kinds of `error` share the type), so the head is decoded here.
func readResponsesFrame(ctx context.Context, conn *websocket.Conn) (responses.ResponsesServerFrame, string, *int32, error) {
	var frame responses.ResponsesServerFrame
	kind, data, err := conn.Read(ctx)
	if err != nil {
		return frame, "", nil, err
	}
	if kind != websocket.MessageText {
		return frame, "", nil, fmt.Errorf("expected a text frame")
	}
	var head struct {
		Type           string `json:"type"`
		SequenceNumber *int32 `json:"sequence_number"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return frame, "", nil, fmt.Errorf("frame %s: %w", data, err)
	}
	if err := json.Unmarshal(data, &frame); err != nil {
		return frame, "", nil, fmt.Errorf("frame %s: %w", data, err)
	}
	return frame, head.Type, head.SequenceNumber, nil
}

// responsesSocketFlow sends one response.create frame and reads its events until
// response.completed: the deltas must join to the input and sequence_number must count from 0.
func responsesSocketFlow(ctx context.Context, base, apiKey string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := dial(ctx, wsURL(base, "/v1/responses"), apiKey)
	if err != nil {
		return err
	}
	defer conn.CloseNow()

	const words = "hello socket"
	var input responses.ResponseCreateFrame_Input
	if err := input.FromResponseCreateFrameInput0(words); err != nil {
		return err
	}
	create := responses.ResponseCreateFrame{Type: responses.ResponseCreate, Model: "echo", Input: &input}
	if err := writeJSON(ctx, conn, create); err != nil {
		return err
	}
	var deltas strings.Builder
	var id string
	for count := int32(0); ; count++ {
		frame, typ, seq, err := readResponsesFrame(ctx, conn)
		if err != nil {
			return err
		}
		if typ == "error" {
			if refused, err := frame.AsResponsesSocketError(); err == nil && refused.Status != 0 {
				return fmt.Errorf("refused: %d %s", refused.Status, refused.Error.Message)
			}
			failed, _ := frame.AsResponseErrorWsEvent()
			return fmt.Errorf("error event: %s", failed.Message)
		}
		if seq == nil || *seq != count {
			return fmt.Errorf("%s has sequence_number %v, want %d", typ, seq, count)
		}
		switch typ {
		case "response.created":
			created, err := frame.AsResponseCreatedWsEvent()
			if err != nil {
				return err
			}
			id = created.Response.Id
		case "response.output_text.delta":
			delta, err := frame.AsResponseTextDeltaWsEvent()
			if err != nil {
				return err
			}
			deltas.WriteString(delta.Delta)
		case "response.failed", "response.incomplete":
			return fmt.Errorf("response ended with %s", typ)
		case "response.completed":
			if deltas.String() != words {
				return fmt.Errorf("deltas join to %q, want %q", deltas.String(), words)
			}
			fmt.Printf("responses socket %s: %d events numbered from 0, deltas %q\n", id, count+1, deltas.String())
			return conn.Close(websocket.StatusNormalClosure, "done")
		}
	}
}
