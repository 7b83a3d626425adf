/** Small SQL helpers shared by the dialects. */

/** A model's SQL as a subquery body: surrounding whitespace and trailing semicolons removed. */
export function trimStatement(sql: string): string {
  return sql.trim().replace(/(;\s*)+$/, "").trim();
}

/** Quotes an identifier with `quote`, doubling any quote character inside it. */
export function quoteWith(quote: string, identifier: string): string {
  return `${quote}${identifier.split(quote).join(quote + quote)}${quote}`;
}

/** The alias every model subquery gets. */
export const MODEL_ALIAS = "sluice_model";
