// Command goclient talks to a Switchboard server through the Go clients that oapi-codegen
// generates from the committed OpenAPI 3.1 documents (see generated/). It exercises the
// Responses protocol (create, stream, retrieve, input items, delete, one response in WebSocket
// mode), the instance-agent protocol (two sessions of one instance, their histories, a dispatch,
// a prompt over the agent's WebSocket) and the workflow protocol (the `ask` workflow over its
// WebSocket), and exits non-zero with a message on the first answer that breaks the protocol.
//
//	SWITCHBOARD_URL=http://127.0.0.1:8787 go run .
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"switchboard.local/examples/clients/go/generated/agents"
	"switchboard.local/examples/clients/go/generated/responses"
	"switchboard.local/examples/clients/go/generated/workflows"
)

func main() {
	base := os.Getenv("SWITCHBOARD_URL")
	if base == "" {
		base = "http://127.0.0.1:8787"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := run(ctx, base, os.Getenv("SWITCHBOARD_API_KEY")); err != nil {
		fmt.Fprintln(os.Stderr, "go client: FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("go client: all calls behaved as the OpenAPI documents say")
}

func run(ctx context.Context, base, apiKey string) error {
	auth := func(ctx context.Context, req *http.Request) error {
		if apiKey != "" {
			req.Header.Set("Authorization", "Bearer "+apiKey)
		}
		return nil
	}
	rc, err := responses.NewClientWithResponses(base, responses.WithRequestEditorFn(auth))
	if err != nil {
		return err
	}
	ac, err := agents.NewClientWithResponses(base, agents.WithRequestEditorFn(auth))
	if err != nil {
		return err
	}
	if err := responsesFlow(ctx, rc); err != nil {
		return fmt.Errorf("responses: %w", err)
	}
	if err := agentsFlow(ctx, ac); err != nil {
		return fmt.Errorf("agents: %w", err)
	}
	if err := responsesSocketFlow(ctx, base, apiKey); err != nil {
		return fmt.Errorf("responses socket: %w", err)
	}
	if err := agentSocketFlow(ctx, base, apiKey); err != nil {
		return fmt.Errorf("agent socket: %w", err)
	}
	wc, err := workflows.NewClientWithResponses(base, workflows.WithRequestEditorFn(auth))
	if err != nil {
		return err
	}
	if err := workflowFlow(ctx, wc, base, apiKey); err != nil {
		return fmt.Errorf("workflow ask: %w", err)
	}
	return nil
}

func textInput(text string) *responses.CreateResponse_Input {
	var in responses.CreateResponse_Input
	if err := in.FromCreateResponseInput0(text); err != nil {
		panic(err)
	}
	return &in
}

// outputText concatenates the output_text parts of a response's message items.
func outputText(r *responses.ResponseObject) (string, error) {
	var b strings.Builder
	for i, item := range r.Output {
		kind, err := item.Discriminator()
		if err != nil {
			return "", fmt.Errorf("output[%d]: %w", i, err)
		}
		if kind != "message" {
			continue
		}
		msg, err := item.AsOutputMessage()
		if err != nil {
			return "", fmt.Errorf("output[%d]: %w", i, err)
		}
		for _, part := range msg.Content {
			if t, err := part.AsOutputTextContent(); err == nil && t.Type == "output_text" {
				b.WriteString(t.Text)
			}
		}
	}
	return b.String(), nil
}

func responsesFlow(ctx context.Context, c *responses.ClientWithResponses) error {
	const words = "hello from the generated Go client"

	created, err := c.ResponsesOperationsCreateWithResponse(ctx, responses.CreateResponse{Model: "echo", Input: textInput(words)})
	if err != nil {
		return err
	}
	if created.JSON200 == nil {
		return fmt.Errorf("create: HTTP %d %s", created.StatusCode(), created.Body)
	}
	if created.JSON200.Status != responses.ResponseStatusCompleted {
		return fmt.Errorf("create: status %q, want completed", created.JSON200.Status)
	}
	if text, err := outputText(created.JSON200); err != nil || text != words {
		return fmt.Errorf("create: output text %q (%v), want %q", text, err, words)
	}
	fmt.Printf("created %s: %q\n", created.JSON200.Id, words)

	streamedID, err := streamResponse(ctx, c, "streamed by Go")
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}

	got, err := c.ResponsesOperationsRetrieveWithResponse(ctx, streamedID, nil)
	if err != nil {
		return err
	}
	if got.JSON200 == nil {
		return fmt.Errorf("retrieve: HTTP %d %s", got.StatusCode(), got.Body)
	}
	if text, _ := outputText(got.JSON200); text != "streamed by Go" || got.JSON200.Status != responses.ResponseStatusCompleted {
		return fmt.Errorf("retrieve: status %q text %q", got.JSON200.Status, text)
	}
	fmt.Printf("retrieved %s\n", streamedID)

	items, err := c.ResponsesOperationsListInputItemsWithResponse(ctx, created.JSON200.Id, nil)
	if err != nil {
		return err
	}
	if items.JSON200 == nil || len(items.JSON200.Data) != 1 {
		return fmt.Errorf("input_items: HTTP %d %s", items.StatusCode(), items.Body)
	}

	for _, id := range []string{created.JSON200.Id, streamedID} {
		deleted, err := c.ResponsesOperationsDeleteWithResponse(ctx, id)
		if err != nil {
			return err
		}
		if deleted.JSON200 == nil || deleted.JSON200.Id != id || !bool(deleted.JSON200.Deleted) {
			return fmt.Errorf("delete %s: HTTP %d %s", id, deleted.StatusCode(), deleted.Body)
		}
	}
	gone, err := c.ResponsesOperationsRetrieveWithResponse(ctx, streamedID, nil)
	if err != nil {
		return err
	}
	if gone.JSON404 == nil {
		return fmt.Errorf("retrieve after delete: HTTP %d %s, want 404 with the error envelope", gone.StatusCode(), gone.Body)
	}
	fmt.Printf("deleted both; retrieving again answers 404 %q\n", gone.JSON404.Error.Message)
	return nil
}

// sseFrame is one server-sent event: its `event:` name and its joined `data:` lines.
type sseFrame struct{ event, data string }

func readFrames(body io.Reader, each func(sseFrame) error) error {
	scanner := bufio.NewScanner(body)
	scanner.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var cur sseFrame
	var data []string
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case line == "":
			if len(data) > 0 {
				cur.data = strings.Join(data, "\n")
				if err := each(cur); err != nil {
					return err
				}
			}
			cur, data = sseFrame{}, nil
		case strings.HasPrefix(line, ":"):
		case strings.HasPrefix(line, "event:"):
			cur.event = strings.TrimPrefix(strings.TrimPrefix(line, "event:"), " ")
		case strings.HasPrefix(line, "data:"):
			data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		}
	}
	return scanner.Err()
}

var errDone = errors.New("[DONE]")

// streamResponse creates a streamed echo response, checks the event order the protocol
// prescribes for one message, and returns the response id.
func streamResponse(ctx context.Context, c *responses.ClientWithResponses, words string) (string, error) {
	stream := true
	// The generated ClientWithResponses reads whole bodies, so the stream goes through the
	// plain generated Client, which hands back the *http.Response unread.
	resp, err := c.ClientInterface.ResponsesOperationsCreate(ctx, responses.CreateResponse{Model: "echo", Input: textInput(words), Stream: &stream})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(resp.Body)
		return "", fmt.Errorf("HTTP %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}

	var types []string
	var deltas strings.Builder
	var id string
	sawDone := false
	err = readFrames(resp.Body, func(f sseFrame) error {
		if f.data == "[DONE]" {
			sawDone = true
			return errDone
		}
		var ev responses.ResponseStreamEvent
		if err := json.Unmarshal([]byte(f.data), &ev); err != nil {
			return err
		}
		kind, err := ev.Discriminator()
		if err != nil {
			return err
		}
		if kind != f.event {
			return fmt.Errorf("event line %q but data type %q", f.event, kind)
		}
		var head struct {
			SequenceNumber int `json:"sequence_number"`
		}
		if err := json.Unmarshal([]byte(f.data), &head); err != nil {
			return err
		}
		if head.SequenceNumber != len(types) {
			return fmt.Errorf("%s has sequence_number %d, want %d", kind, head.SequenceNumber, len(types))
		}
		value, err := ev.ValueByDiscriminator()
		if err != nil {
			return err
		}
		switch v := value.(type) {
		case responses.ResponseCreatedEvent:
			id = v.Response.Id
		case responses.ResponseTextDeltaEvent:
			deltas.WriteString(v.Delta)
		case responses.ResponseErrorEvent:
			return fmt.Errorf("error event: %s", v.Message)
		}
		types = append(types, kind)
		return nil
	})
	if err != nil && !errors.Is(err, errDone) {
		return "", err
	}
	if !sawDone {
		return "", errors.New("stream ended without data: [DONE]")
	}
	if deltas.String() != words {
		return "", fmt.Errorf("deltas join to %q, want %q", deltas.String(), words)
	}
	want := []string{"response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"}
	for range strings.SplitAfter(words, " ") {
		want = append(want, "response.output_text.delta")
	}
	want = append(want, "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed")
	if strings.Join(types, ",") != strings.Join(want, ",") {
		return "", fmt.Errorf("event order\n  got  %v\n  want %v", types, want)
	}
	fmt.Printf("streamed %s: %d events in order, deltas %q\n", id, len(types), deltas.String())
	return id, nil
}

func agentsFlow(ctx context.Context, c *agents.ClientWithResponses) error {
	instance := fmt.Sprintf("go-%d", time.Now().UnixNano())
	prompts := []struct{ session, message string }{
		{"alpha", "first words in alpha"},
		{"beta", "only words in beta"},
		{"alpha", "second words in alpha"},
	}
	for _, p := range prompts {
		session, message := p.session, p.message
		res, err := c.InstancesPromptWithResponse(ctx, "echo", instance, nil, agents.AgentPromptRequest{Message: &message, Session: &session})
		if err != nil {
			return err
		}
		if res.JSON200 == nil {
			return fmt.Errorf("prompt %s: HTTP %d %s", session, res.StatusCode(), res.Body)
		}
		if res.JSON200.Result.Text != p.message {
			return fmt.Errorf("prompt %s: result %q, want %q", session, res.JSON200.Result.Text, p.message)
		}
		fmt.Printf("prompted echo/%s session %s: %q\n", instance, session, res.JSON200.Result.Text)
	}

	wantHistory := map[string][]string{
		"alpha": {"user:first words in alpha", "assistant:first words in alpha", "user:second words in alpha", "assistant:second words in alpha"},
		"beta":  {"user:only words in beta", "assistant:only words in beta"},
	}
	for _, session := range []string{"alpha", "beta"} {
		got, err := history(ctx, c, instance, session)
		if err != nil {
			return err
		}
		if strings.Join(got, "|") != strings.Join(wantHistory[session], "|") {
			return fmt.Errorf("history %s: got %q, want %q", session, got, wantHistory[session])
		}
	}
	fmt.Println("sessions alpha and beta hold independent histories")

	jobs := "jobs"
	input := map[string]any{"task": "index", "items": []int{1, 2, 3}}
	receipt, err := c.DispatchDispatchWithResponse(ctx, "echo", instance, agents.AgentDispatchRequest{Input: input, Session: &jobs})
	if err != nil {
		return err
	}
	if receipt.JSON202 == nil || receipt.JSON202.DispatchId == "" {
		return fmt.Errorf("dispatch: HTTP %d %s", receipt.StatusCode(), receipt.Body)
	}
	fmt.Printf("dispatched %s at %s\n", receipt.JSON202.DispatchId, receipt.JSON202.AcceptedAt.Format(time.RFC3339))
	// The work runs in the background: the session's history shows it once it completed.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		got, err := history(ctx, c, instance, jobs)
		if err != nil {
			return err
		}
		if len(got) >= 2 {
			if !strings.HasPrefix(got[0], "user:") || !strings.Contains(got[0], `"task":"index"`) || !strings.HasPrefix(got[1], "assistant:") {
				return fmt.Errorf("dispatch history: %q", got)
			}
			fmt.Printf("the dispatched work ran: %q\n", got[1])
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("dispatch: session %s still has history %q after 10 s", jobs, got)
		}
	}
}

// history returns a session's messages as "role:content" strings.
func history(ctx context.Context, c *agents.ClientWithResponses, instance, session string) ([]string, error) {
	res, err := c.SessionsHistoryWithResponse(ctx, "echo", instance, session)
	if err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, fmt.Errorf("history %s: HTTP %d %s", session, res.StatusCode(), res.Body)
	}
	out := make([]string, 0, len(res.JSON200.Messages))
	for i, m := range res.JSON200.Messages {
		v, err := m.ValueByDiscriminator()
		if err != nil {
			return nil, fmt.Errorf("history %s message %d: %w", session, i, err)
		}
		switch msg := v.(type) {
		case agents.AgentUserMessage:
			out = append(out, "user:"+msg.Content)
		case agents.AgentAssistantMessage:
			out = append(out, "assistant:"+msg.Content)
		case agents.AgentToolMessage:
			out = append(out, "tool:"+msg.Content)
		}
	}
	return out, nil
}
