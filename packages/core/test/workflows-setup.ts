// Shared by the workflows module's tests: the app context, modules on the fixture workflows, init frames.
import { afterEach } from "vitest";
import { createAppContext } from "../src/app.js";
import { fixtureWorkflows } from "../src/fixtures/workflows.js";
import type { AppContext } from "../src/protocols/protocol-module.js";
import {
  type WorkflowsModule,
  type WorkflowsProtocolOptions,
  workflowsProtocol,
} from "../src/protocols/workflows/module.js";

export const ctx: AppContext = createAppContext({
  limits: { maxBodyBytes: 1024 * 1024, maxFrameBytes: 64 * 1024 },
});

/**
 * A test file's factory of workflows modules (on the fixture workflows unless the options say
 * otherwise). Call it once at the top of the file: it closes the modules it made after each test.
 */
export function moduleFactory(): (options?: Partial<WorkflowsProtocolOptions>) => WorkflowsModule {
  const modules: WorkflowsModule[] = [];
  afterEach(async () => {
    await Promise.all(modules.splice(0).map((m) => m.close()));
  });
  return (options = {}) => {
    const m = workflowsProtocol({ workflows: fixtureWorkflows, ...options })(ctx) as WorkflowsModule;
    modules.push(m);
    return m;
  };
}

export const newUuid = (): string => crypto.randomUUID();
export const init = (name: string, workflow_uuid = newUuid(), params: object = {}) => ({
  name,
  workflow_uuid,
  user_id: null,
  params,
});
