"use client";

/**
 * The settings form of a connector, drawn from the JSON Schema of its zod config (so a new
 * connector needs no form code). Handles strings, numbers, booleans, enums and one level of
 * variants (oneOf/anyOf objects told apart by a constant field, e.g. auth method).
 */
import { displayValue } from "@/components/ui/display-value";
import { SelectField, TextField } from "@/components/ui/field";
import { PairListField, pairsOf } from "./pair-list-field";

export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

export type ConfigValues = Record<string, unknown>;

function labelOf(key: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A list of `{ name, value }` objects, e.g. HTTP headers. */
function isPairList(schema: JsonSchema): boolean {
  const item = schema.items?.properties;
  return schema.type === "array" && item?.name !== undefined && item.value !== undefined;
}

function variantsOf(schema: JsonSchema): JsonSchema[] | undefined {
  const variants = schema.oneOf ?? schema.anyOf;
  return variants?.every((variant) => variant.properties) ? variants : undefined;
}

/** The field whose constant value tells the variants apart, e.g. `database` or `auth`. */
function discriminatorOf(variants: JsonSchema[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((key) => variants.every((variant) => variant.properties?.[key]?.const !== undefined));
}

export function defaultsOf(schema: JsonSchema): ConfigValues {
  const variants = variantsOf(schema);
  const target = variants?.[0] ?? schema;
  return Object.fromEntries(
    Object.entries(target.properties ?? {})
      .map(([key, field]) => [key, field.const ?? field.default] as const)
      .filter(([, value]) => value !== undefined),
  );
}

function Field({
  name,
  schema,
  required,
  value,
  secret,
  secretSet,
  onChange,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  secret: boolean;
  secretSet: boolean;
  onChange: (value: unknown) => void;
}) {
  const label = labelOf(name, schema);
  if (isPairList(schema)) {
    return (
      <PairListField
        label={label}
        description={schema.description}
        pairs={pairsOf(value)}
        onChange={onChange}
        secret={secret}
        secretSet={secretSet}
      />
    );
  }
  if (schema.enum) {
    return (
      <SelectField
        label={label}
        hint={schema.description}
        value={displayValue(value)}
        onChange={(event) => onChange(event.target.value)}
        options={schema.enum.map((option) => ({ value: String(option), label: String(option) }))}
      />
    );
  }
  if (schema.type === "boolean") {
    return (
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        {label}
      </label>
    );
  }
  const numeric = schema.type === "integer" || schema.type === "number";
  const long = !secret && (schema.description?.includes("JSON") || name.toLowerCase().includes("key"));
  return (
    <TextField
      label={label}
      name={name}
      type={secret ? "password" : numeric ? "number" : "text"}
      autoComplete={secret ? "new-password" : "off"}
      required={required && !secretSet}
      placeholder={secret && secretSet ? "•••••••• (saved — leave blank to keep)" : undefined}
      hint={schema.description}
      value={displayValue(value)}
      className={long ? "font-mono" : undefined}
      onChange={(event) => onChange(numeric && event.target.value !== "" ? Number(event.target.value) : event.target.value)}
    />
  );
}

export function ConfigForm({
  schema,
  values,
  onChange,
  secretFields,
  secretsSet = [],
}: {
  schema: JsonSchema;
  values: ConfigValues;
  onChange: (values: ConfigValues) => void;
  secretFields: string[];
  secretsSet?: string[];
}) {
  const variants = variantsOf(schema);
  const discriminator = variants ? discriminatorOf(variants) : undefined;
  const active =
    variants && discriminator
      ? (variants.find((variant) => variant.properties?.[discriminator]?.const === values[discriminator]) ?? variants[0])
      : schema;
  // Lists other than name/value pairs are not drawn: they keep their defaults or saved values.
  const properties = Object.entries(active?.properties ?? {}).filter(
    ([key, field]) => key !== discriminator && (field.type !== "array" || isPairList(field)),
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {variants && discriminator ? (
        <SelectField
          label={labelOf(discriminator, variants[0]?.properties?.[discriminator] ?? {})}
          value={displayValue(values[discriminator])}
          onChange={(event) => {
            const next = variants.find((variant) => String(variant.properties?.[discriminator]?.const) === event.target.value);
            if (next) onChange({ ...defaultsOf(next), [discriminator]: next.properties?.[discriminator]?.const });
          }}
          options={variants.map((variant) => {
            const constant = String(variant.properties?.[discriminator]?.const);
            return { value: constant, label: variant.title ?? constant };
          })}
        />
      ) : null}
      {properties.map(([key, field]) => (
        <Field
          key={key}
          name={key}
          schema={field}
          required={active?.required?.includes(key) ?? false}
          value={values[key]}
          secret={secretFields.includes(key)}
          secretSet={secretsSet.includes(key)}
          onChange={(value) => onChange({ ...values, [key]: value })}
        />
      ))}
    </div>
  );
}
