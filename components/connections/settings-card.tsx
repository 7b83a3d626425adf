"use client";

/**
 * Editing the saved settings of a source or destination: secrets are never shown; typing one
 * rotates it, leaving it blank keeps it. The caller wires the test and save mutations.
 */
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import type { Action } from "./action";
import { CheckResultAlert, type CheckResult } from "./check-result";
import { ConfigForm, type ConfigValues, type JsonSchema } from "./config-form";


export function SettingsCard({
  noun,
  connector,
  initial,
  secretsSet,
  test,
  save,
}: {
  noun: "source" | "destination";
  connector: { configSchema: JsonSchema; secretFields: string[] };
  initial: ConfigValues;
  secretsSet: string[];
  /** Runs with undefined when nothing was edited, so the check is of (and recorded for) the saved settings. */
  test: Action<[config: ConfigValues | undefined], CheckResult>;
  save: Action<[config: ConfigValues]>;
}) {
  const workspace = useWorkspace();
  const [config, setConfig] = useState<ConfigValues>(initial);
  const [edited, setEdited] = useState(false);
  return (
    <Card>
      <CardHeader title="Connection settings" description="To change a password or key, type the new one; leave it blank to keep the saved one." />
      <form
        className="space-y-4 px-5 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.run(config);
        }}
      >
        <ConfigForm
          schema={connector.configSchema}
          values={config}
          onChange={(next) => {
            setConfig(next);
            setEdited(true);
            test.reset();
            save.reset();
          }}
          secretFields={connector.secretFields}
          secretsSet={secretsSet}
        />
        <CheckResultAlert result={test.result} noun={noun} />
        {test.error ? <Alert tone="error">{test.error.message}</Alert> : null}
        {save.error ? <Alert tone="error">{save.error.message}</Alert> : null}
        {save.done ? <Alert tone="success">Settings saved.</Alert> : null}
        {workspace.can("editor") ? (
          <div className="flex gap-3">
            <Button variant="secondary" pending={test.pending} onClick={() => test.run(edited ? config : undefined)}>
              {test.pending ? "Testing…" : "Test connection"}
            </Button>
            <Button type="submit" pending={save.pending}>
              Save changes
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
