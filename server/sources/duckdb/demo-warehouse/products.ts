/**
 * SQL for `products`, plus `product`: the product attributes as SQL expressions of a product id,
 * shared by `products` and `events` so both always agree on a product's name, category and price.
 */
import { type Plan } from "./plan";
import { sqlList, sqlString } from "./sql";
import { CATEGORIES, PRODUCT_ADJECTIVES, type Category } from "./vocabulary";

function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * Product attributes as pure functions of the product id, so events can describe a product
 * without joining `products` (a join would cost time and the insertion order).
 */
export const product = {
  categoryCase(idExpr: string, pick: (c: Category) => string): string {
    return `(CASE (${idExpr} - 1) % ${CATEGORIES.length} ${CATEGORIES.map((c, index) => `WHEN ${index} THEN ${pick(c)}`).join(" ")} END)`;
  },
  /** Index of the product within its category (0-based). */
  k(idExpr: string): string {
    return `((${idExpr} - 1) // ${CATEGORIES.length})`;
  },
  noun(idExpr: string, names: (c: Category) => readonly string[]): string {
    return product.categoryCase(
      idExpr,
      (c) => `${sqlList(names(c))}[1 + (${product.k(idExpr)} // ${PRODUCT_ADJECTIVES.length}) % ${c.nouns.length}]`,
    );
  },
  name(idExpr: string): string {
    return `${sqlList(PRODUCT_ADJECTIVES)}[1 + ${product.k(idExpr)} % ${PRODUCT_ADJECTIVES.length}] || ' ' || ${product.noun(idExpr, (c) => c.nouns)}`;
  },
  slug(idExpr: string): string {
    return `${sqlList(PRODUCT_ADJECTIVES.map(slugify))}[1 + ${product.k(idExpr)} % ${PRODUCT_ADJECTIVES.length}] || '-' || ${product.noun(idExpr, (c) => c.nouns.map(slugify))}`;
  },
  category(idExpr: string): string {
    return product.categoryCase(idExpr, (c) => sqlString(c.name));
  },
  categorySlug(idExpr: string): string {
    return product.categoryCase(idExpr, (c) => sqlString(slugify(c.name)));
  },
  price(idExpr: string): string {
    return `(floor(${product.categoryCase(idExpr, (c) => `${c.minPrice} + ${c.maxPrice - c.minPrice} * pow(rnd(${idExpr}, 31), 2)`)}) + 0.99)::DECIMAL(10, 2)`;
  },
};

export function productsSql(p: Plan): string {
  return `
INSERT INTO products
SELECT i AS product_id, ${product.name("i")} AS name, ${product.category("i")} AS category, ${product.price("i")} AS price
FROM range(1, ${p.products + 1}) t(i)
ORDER BY product_id;
`;
}
