"use client";

import { sql, PostgreSQL } from "@codemirror/lang-sql";
import { EditorView, keymap } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo } from "react";

/** The SQL editor of a model: highlighting, and Ctrl/Cmd+Enter runs the query. */
export function SqlEditor({ value, onChange, onRun }: { value: string; onChange: (value: string) => void; onRun: () => void }) {
  const extensions = useMemo(
    () => [
      sql({ dialect: PostgreSQL }),
      keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }]),
      EditorView.contentAttributes.of({ "aria-label": "SQL query" }),
    ],
    [onRun],
  );
  return (
    <div className="overflow-hidden rounded-md border border-slate-300 text-sm">
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        height="220px"
        basicSetup={{ lineNumbers: true, foldGutter: false }}
        placeholder="select * from customers"
      />
    </div>
  );
}
