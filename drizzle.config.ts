import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema (never pushed): `npm run db:generate -- --name <what_changed>`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
