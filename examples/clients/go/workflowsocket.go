package main

// The workflow protocol's WebSocket (`/workflows/ws`): `initiate_workflow` through the generated
// HTTP client, then the generated frame models (the WorkflowServerFrame union in,
// WorkflowInputResponseFrame out) carried as JSON text frames over github.com/coder/websocket.

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/coder/websocket"

	"switchboard.local/examples/clients/go/generated/workflows"
)

// workflowFlow runs the `ask` fixture to its end: it answers the name and colour questions and
// checks the frames and the result.
func workflowFlow(ctx context.Context, c *workflows.ClientWithResponses, base, apiKey string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	prepared, err := c.InitiateWorkflowWithResponse(ctx, workflows.WorkflowInitiateRequest{WorkflowName: "ask"})
	if err != nil {
		return err
	}
	if prepared.JSON200 == nil {
		return fmt.Errorf("initiate_workflow: HTTP %d %s", prepared.StatusCode(), prepared.Body)
	}
	conn, err := dial(ctx, wsURL(base, "/workflows/ws"), apiKey)
	if err != nil {
		return err
	}
	defer conn.CloseNow()
	// The initiate response, unchanged, is the init frame.
	if err := writeJSON(ctx, conn, prepared.JSON200); err != nil {
		return err
	}

	answers := map[string]string{"What is your name?": "Ada", "Pick a color": "green"}
	answer := func(question, prompt string) error {
		text, ok := answers[prompt]
		if !ok {
			return fmt.Errorf("unexpected question %q", prompt)
		}
		var msg workflows.WorkflowInputResponseFrame_Msg
		if err := msg.FromWorkflowInputResponseFrameMsg0(text); err != nil {
			return err
		}
		frame := workflows.WorkflowInputResponseFrame{Type: workflows.InputResponse, QuestionUuid: question, Msg: msg}
		return writeJSON(ctx, conn, frame)
	}

	var kinds []string
	for {
		kind, data, err := conn.Read(ctx)
		if err != nil {
			return err
		}
		if kind != websocket.MessageText {
			return fmt.Errorf("expected a text frame")
		}
		var frame workflows.WorkflowServerFrame
		if err := json.Unmarshal(data, &frame); err != nil {
			return fmt.Errorf("frame %s: %w", data, err)
		}
		typ, err := frame.Discriminator()
		if err != nil {
			return err
		}
		if typ == "keep_alive" {
			continue
		}
		kinds = append(kinds, typ)
		switch typ {
		case "text_input":
			q, err := frame.AsWorkflowTextInput()
			if err != nil {
				return err
			}
			if err := answer(q.Uuid, q.Content.Prompt); err != nil {
				return err
			}
		case "multiple_choice":
			q, err := frame.AsWorkflowMultipleChoice()
			if err != nil {
				return err
			}
			if err := answer(q.Uuid, q.Content.Prompt); err != nil {
				return err
			}
		case "error":
			return fmt.Errorf("error frame: %s", data)
		case "workflow_completed":
			done, err := frame.AsWorkflowCompleted()
			if err != nil {
				return err
			}
			want := []string{"workflow_started", "text_message", "text_input", "multiple_choice", "text_message", "workflow_completed"}
			if done.Content.Result == nil || *done.Content.Result != "Ada:green" || !reflect.DeepEqual(kinds, want) {
				return fmt.Errorf("result %v, frames %v; want Ada:green and %v", done.Content.Result, kinds, want)
			}
			fmt.Printf("workflow ask over the WebSocket: %d frames, result %q\n", len(kinds), *done.Content.Result)
			return conn.Close(websocket.StatusNormalClosure, "done")
		}
	}
}
