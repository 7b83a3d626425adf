"use client";

import { sql, PostgreSQL } from "@codemirror/lang-sql";
import { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import type { KeyboardEvent } from "react";

const extensions = [sql({ dialect: PostgreSQL }), EditorView.contentAttributes.of({ "aria-label": "SQL query" })];

/** The SQL editor of a model: highlighting, and Ctrl/Cmd+Enter runs the query. */
export function SqlEditor({ value, onChange, onRun }: { value: string; onChange: (value: string) => void; onRun: () => void }) {
  // Caught before CodeMirror sees it, which would otherwise insert a blank line.
  const runOnModEnter = (event: KeyboardEvent) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      event.stopPropagation();
      onRun();
    }
  };
  return (
    <div className="overflow-hidden rounded-md border border-slate-300 text-sm" onKeyDownCapture={runOnModEnter}>
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
