package main

// The instance-agent WebSocket (`GET /agents/{name}/{id}` upgraded): the frames are the generated
// models (AgentPromptFrame out, the AgentServerFrame union in); this file only carries them over
// github.com/coder/websocket, as JSON text frames.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coder/websocket"

	"switchboard.local/examples/clients/go/generated/agents"
)

// wsURL turns the server's http(s) base URL into the ws(s) URL of path.
func wsURL(base, path string) string {
	return "ws" + strings.TrimPrefix(strings.TrimSuffix(base, "/"), "http") + path
}

func dial(ctx context.Context, url, apiKey string, subprotocols ...string) (*websocket.Conn, error) {
	header := http.Header{}
	if apiKey != "" {
		header.Set("Authorization", "Bearer "+apiKey)
	}
	conn, res, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: header, Subprotocols: subprotocols})
	if err != nil {
		if res != nil {
			return nil, fmt.Errorf("upgrade refused: HTTP %d: %w", res.StatusCode, err)
		}
		return nil, err
	}
	return conn, nil
}

func writeJSON(ctx context.Context, conn *websocket.Conn, frame any) error {
	data, err := json.Marshal(frame)
	if err != nil {
		return err
	}
	return conn.Write(ctx, websocket.MessageText, data)
}

func readAgentFrame(ctx context.Context, conn *websocket.Conn) (agents.AgentServerFrame, string, error) {
	var frame agents.AgentServerFrame
	kind, data, err := conn.Read(ctx)
	if err != nil {
		return frame, "", err
	}
	if kind != websocket.MessageText {
		return frame, "", fmt.Errorf("expected a text frame")
	}
	if err := json.Unmarshal(data, &frame); err != nil {
		return frame, "", fmt.Errorf("frame %s: %w", data, err)
	}
	typ, err := frame.Discriminator()
	return frame, typ, err
}

// agentSocketFlow opens a socket to an echo instance, checks the ready frame, sends one prompt
// and reads its frames (started, events, result) until the result for its requestId.
func agentSocketFlow(ctx context.Context, base, apiKey string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	instance := fmt.Sprintf("go-ws-%d", time.Now().UnixNano())
	// switchboard.v1 opts into the framing with `ready` and request ids (pyflue's is the default).
	conn, err := dial(ctx, wsURL(base, "/agents/echo/"+instance), apiKey, string(agents.SwitchboardV1))
	if err != nil {
		return err
	}
	defer conn.CloseNow()

	first, typ, err := readAgentFrame(ctx, conn)
	if err != nil {
		return err
	}
	ready, err := first.AsAgentReadyFrame()
	if err != nil || typ != "ready" || ready.Name != "echo" || ready.InstanceId != instance {
		return fmt.Errorf("first frame: %q %+v (%v), want ready for echo/%s", typ, ready, err, instance)
	}

	const words = "hello over the Go agent socket"
	requestID := "go-1"
	version := agents.AgentPromptFrameVersionN1
	prompt := agents.AgentPromptFrame{Type: agents.Prompt, Version: &version, RequestId: &requestID, Message: words}
	if err := writeJSON(ctx, conn, prompt); err != nil {
		return err
	}
	var deltas strings.Builder
	events := 0
	for {
		frame, typ, err := readAgentFrame(ctx, conn)
		if err != nil {
			return err
		}
		switch typ {
		case "started":
		case "event":
			event, err := frame.AsAgentEventFrame()
			if err != nil || event.RequestId != requestID {
				return fmt.Errorf("event frame for %q (%v), want %q", event.RequestId, err, requestID)
			}
			events++
			if delta, err := event.Event.AsAgentTextDeltaEvent(); err == nil && delta.Type == "text_delta" {
				deltas.WriteString(delta.Text)
			}
		case "result":
			result, err := frame.AsAgentResultFrame()
			if err != nil || result.RequestId != requestID {
				return fmt.Errorf("result frame for %q (%v), want %q", result.RequestId, err, requestID)
			}
			if result.Result.Text != words || deltas.String() != words {
				return fmt.Errorf("result %q, deltas %q, want %q", result.Result.Text, deltas.String(), words)
			}
			fmt.Printf("agent socket echo/%s: %d events, result %q\n", instance, events, result.Result.Text)
			return conn.Close(websocket.StatusNormalClosure, "done")
		case "error":
			failed, _ := frame.AsAgentErrorFrame()
			return fmt.Errorf("error frame: %s %s", failed.Error.Type, failed.Error.Message)
		default:
			return fmt.Errorf("unexpected frame %q", typ)
		}
	}
}
