/** A condition in a few words, for the size breakdown ("country is one of US, CA"). */
import type { AudienceNode, PropertyValue } from "@/server/audiences/definition";
import { OPERATOR_LABELS } from "@/server/audiences/operators";
import type { BuilderData } from "./builder-context";

function valueWords(value: PropertyValue | undefined): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return "unit" in value ? `${value.amount ?? "?"} ${value.unit}` : `${value.from ?? "?"} and ${value.to ?? "?"}`;
  return String(value);
}

export function summarize(node: AudienceNode, data: BuilderData, audienceNames: Map<string, string>): string {
  const relationName = (id: string) => data.related.find((relation) => relation.id === id)?.name ?? "related rows";
  switch (node.type) {
    case "group":
      return `${node.conditions.length} conditions joined by ${node.combinator.toUpperCase()}`;
    case "property":
      return node.column ? `${node.column} ${OPERATOR_LABELS[node.operator]} ${valueWords(node.value)}`.trim() : "Property (incomplete)";
    case "event":
      return `${node.operator === "performed" ? "Performed" : "Did not perform"} ${node.eventName || "an event"}`;
    case "aggregate":
      return `${node.aggregation === "count" ? "Number of" : node.aggregation} ${relationName(node.relationId)}`;
    case "audience":
      return `${node.operator === "in" ? "In" : "Not in"} ${audienceNames.get(node.audienceId) ?? "an audience"}`;
    case "sql":
      return node.sql || "SQL";
    case "sequence":
      return "Sequence of events";
  }
}
