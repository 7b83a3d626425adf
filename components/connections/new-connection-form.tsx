"use client";

/**
 * Adding a source or a destination: pick a connector, name it, fill its settings form (drawn
 * from the connector's JSON Schema), test the connection, save. The caller wires the mutations.
 */
import clsx from "clsx";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { Action } from "./action";
import { CheckResultAlert, type CheckResult } from "./check-result";
import { ConfigForm, defaultsOf, type ConfigValues, type JsonSchema } from "./config-form";

export type ConnectorType<T extends string> = { type: T; label: string; configSchema: JsonSchema; secretFields: string[] };


export function NewConnectionForm<T extends string>({
  noun,
  types,
  namePlaceholder,
  test,
  save,
}: {
  noun: "source" | "destination";
  types: ConnectorType<T>[];
  namePlaceholder: string;
  test: Action<[type: T, config: ConfigValues], CheckResult>;
  save: Action<[name: string, type: T, config: ConfigValues]>;
}) {
  const [type, setType] = useState<T | null>(null);
  const [name, setName] = useState("");
  const [config, setConfig] = useState<ConfigValues>({});
  const selected = types.find((candidate) => candidate.type === type);
  const capitalized = noun === "source" ? "Source" : "Destination";

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader title={noun === "source" ? "1. Choose your warehouse" : "1. Choose the tool"} />
        <div className="grid gap-3 px-5 py-4 sm:grid-cols-3" role="radiogroup" aria-label={`${capitalized} type`}>
          {types.map((candidate) => (
            <button
              key={candidate.type}
              type="button"
              role="radio"
              aria-checked={candidate.type === type}
              onClick={() => {
                setType(candidate.type);
                setConfig(defaultsOf(candidate.configSchema));
                test.reset();
              }}
              className={clsx(
                "rounded-md border px-4 py-3 text-left text-sm font-medium",
                candidate.type === type ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 hover:bg-slate-50",
              )}
            >
              {candidate.label}
            </button>
          ))}
        </div>
      </Card>
      {selected ? (
        <Card>
          <CardHeader title="2. Connection settings" description="Credentials are encrypted and never shown again after you save." />
          <form
            className="space-y-4 px-5 py-4"
            onSubmit={(event) => {
              event.preventDefault();
              save.run(name, selected.type, config);
            }}
          >
            <TextField label={`${capitalized} name`} value={name} onChange={(event) => setName(event.target.value)} placeholder={namePlaceholder} required />
            <ConfigForm
              schema={selected.configSchema}
              values={config}
              onChange={(next) => {
                setConfig(next);
                test.reset();
              }}
              secretFields={selected.secretFields}
            />
            <CheckResultAlert result={test.result} noun={noun} />
            {test.error ? <Alert tone="error">{test.error.message}</Alert> : null}
            {save.error ? <Alert tone="error">{save.error.message}</Alert> : null}
            <div className="flex gap-3">
              <Button variant="secondary" pending={test.pending} onClick={() => test.run(selected.type, config)}>
                {test.pending ? "Testing…" : "Test connection"}
              </Button>
              <Button type="submit" pending={save.pending}>
                Save {noun}
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
