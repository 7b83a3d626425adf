/**
 * The Postgres table destination against the local server (a scratch database of its own,
 * dropped after), and a throwaway cluster that enforces passwords for the wrong-password cases
 * (the local server trusts 127.0.0.1). Every test writes to a table of its own.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "@/test/loopback";
import {
  createScratchDatabase,
  type PasswordCluster,
  passwordClusterAvailable,
  type ScratchDatabase,
  startPasswordCluster,
  uniqueName,
} from "../../sources/postgres/testing";
import { deliver, type FinalOutcome } from "../delivery";
import { DestinationRefusedError, type DestinationRecord, type WriteTarget } from "../types";
import { postgresTableDestination, type TPostgresTableConfig, ZPostgresTableConfig } from "./index";

const reader = uniqueName("sluice_reader");
let db: ScratchDatabase;
let config: TPostgresTableConfig;

beforeAll(async () => {
  db = await createScratchDatabase([reader]);
  config = ZPostgresTableConfig.parse(db.config);
});

afterAll(async () => {
  await postgresTableDestination.close();
  await db.drop();
});

/** A new table `public.<name>` with `columns`; returns its destination name. */
async function freshTable(columns: string): Promise<string> {
  const name = uniqueName("t");
  await db.sql.unsafe(`CREATE TABLE public.${name} ${columns}`);
  return `public.${name}`;
}

function write(records: DestinationRecord[], target: WriteTarget, settings: TPostgresTableConfig = config, signal = new AbortController().signal) {
  return postgresTableDestination.write(settings, records, { signal, batchId: "run.1", target });
}

/** Resolves once a session of the scratch database waits for a lock (polls pg_stat_activity). */
async function waitForLockWait(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await db.sql.unsafe(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [db.name]);
    if (row?.n === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("The write never waited for the lock.");
}

const CUSTOMERS = `(id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text, score integer, plan text DEFAULT 'free',
  seen_at timestamptz, tags text[], traits jsonb, balance numeric(10,2))`;

const upsert = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "upsert", payload });

describe("check", () => {
  it("passes on the local server and names what is wrong otherwise", async () => {
    await expect(postgresTableDestination.check(config)).resolves.toEqual({ ok: true });
    await expect(postgresTableDestination.check({ ...config, database: `${db.name}_missing` })).resolves.toEqual({
      ok: false,
      code: "not_found",
      message: `The database "${db.name}_missing" does not exist on 127.0.0.1:5432.`,
    });
    const port = await closedPort();
    await expect(postgresTableDestination.check({ ...config, port })).resolves.toMatchObject({ ok: false, code: "connection_refused" });
  });

  it("limits and names the account without the password", () => {
    expect(postgresTableDestination.limits(config)).toEqual({
      batchSize: 1000,
      concurrency: 4,
      requestsPerSecond: null,
      supportedOperations: ["upsert", "update", "insert", "delete"],
    });
    expect(postgresTableDestination.accountKey({ ...config, password: "hunter2" })).toBe(`127.0.0.1:5432/${db.name}`);
  });
});

describe("discover", () => {
  it("lists writable tables with their columns, required fields and identifiers", async () => {
    await db.sql.unsafe(`CREATE SCHEMA crm;
      CREATE TABLE crm.contacts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text, external_id uuid NOT NULL,
        kind text NOT NULL DEFAULT 'lead', tags text[], body text, body_length integer GENERATED ALWAYS AS (length(body)) STORED);
      CREATE UNIQUE INDEX contacts_external ON crm.contacts (external_id);
      CREATE UNIQUE INDEX contacts_email_lower ON crm.contacts (lower(email));
      CREATE TABLE crm.memberships (team_id integer, user_id integer, role text NOT NULL, PRIMARY KEY (team_id, user_id));
      CREATE VIEW crm.contact_emails AS SELECT id, email FROM crm.contacts;`);
    const objects = await postgresTableDestination.discover({ ...config, schemas: "crm" });
    expect(objects.map((object) => object.name)).toEqual(["crm.contacts", "crm.memberships"]);
    expect(objects[0]).toEqual({
      name: "crm.contacts",
      label: "crm.contacts",
      operations: ["upsert", "update", "insert", "delete"],
      acceptsCustomFields: false,
      fields: [
        { name: "id", label: "id", type: "integer", required: false, identifier: true },
        { name: "email", label: "email", type: "string", required: false, identifier: false },
        { name: "external_id", label: "external_id", type: "string", required: true, identifier: true },
        { name: "kind", label: "kind", type: "string", required: false, identifier: false },
        { name: "tags", label: "tags", type: "json", required: false, identifier: false },
        { name: "body", label: "body", type: "string", required: false, identifier: false },
      ],
    });
    expect(objects[1]?.fields.map((field) => [field.name, field.required, field.identifier])).toEqual([
      ["team_id", true, false],
      ["user_id", true, false],
      ["role", true, false],
    ]);
  });
});

describe("write", () => {
  it("upserts: creates, then updates only the columns given, with typed values", async () => {
    const object = await freshTable(CUSTOMERS);
    const target = { object, identifier: "id" };
    const first = upsert("c1", {
      id: 1,
      email: "ada@example.com",
      name: "Ada",
      score: "42",
      seen_at: "2024-05-06T07:08:09.123456Z",
      tags: ["vip", 'quote"d'],
      traits: { plan: "pro", seats: 3 },
      balance: "1234.5",
    });
    await expect(write([first, upsert("c2", { id: 2, email: "bo@example.com" })], target)).resolves.toEqual([
      { key: "c1", status: "accepted", created: true },
      { key: "c2", status: "accepted", created: true },
    ]);
    await expect(write([upsert("c1", { id: 1, email: "ada@example.com", name: "Ada Lovelace" })], target)).resolves.toEqual([
      { key: "c1", status: "accepted", created: false },
    ]);
    const rows = await db.sql.unsafe(
      `SELECT id, email, name, score, plan, seen_at::text AS seen_at, tags, traits, balance::text AS balance FROM ${object} ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: 1,
        email: "ada@example.com",
        name: "Ada Lovelace",
        score: 42,
        plan: "free",
        seen_at: "2024-05-06 07:08:09.123456+00",
        tags: ["vip", 'quote"d'],
        traits: { plan: "pro", seats: 3 },
        balance: "1234.50",
      },
      { id: 2, email: "bo@example.com", name: null, score: null, plan: "free", seen_at: null, tags: null, traits: null, balance: null },
    ]);
  });

  it("inserts without overwriting a row that exists", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.unsafe(`INSERT INTO ${object} (id, email, name) VALUES (1, 'ada@example.com', 'Ada')`);
    const insert = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "insert", payload });
    await expect(
      write([insert("old", { id: 1, email: "other@example.com", name: "Someone else" }), insert("new", { id: 2, email: "bo@example.com" })], {
        object,
        identifier: "id",
      }),
    ).resolves.toEqual([
      { key: "old", status: "accepted", created: false },
      { key: "new", status: "accepted", created: true },
    ]);
    expect(await db.sql.unsafe(`SELECT id, email, name FROM ${object} ORDER BY id`)).toEqual([
      { id: 1, email: "ada@example.com", name: "Ada" },
      { id: 2, email: "bo@example.com", name: null },
    ]);
  });

  it("updates existing rows only, and rejects a record without a row", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.unsafe(`INSERT INTO ${object} (id, email, name, score) VALUES (1, 'ada@example.com', 'Ada', 7)`);
    const update = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "update", payload });
    await expect(write([update("u1", { id: 1, name: "Ada L." }), update("u2", { id: 42, name: "Nobody" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "u1", status: "accepted" },
      { key: "u2", status: "rejected", scope: "record", reason: "No row with id = 42 to update" },
    ]);
    expect(await db.sql.unsafe(`SELECT id, email, name, score FROM ${object}`)).toEqual([{ id: 1, email: "ada@example.com", name: "Ada L.", score: 7 }]);
  });

  it("deletes by identifier; a row already gone is accepted", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.unsafe(`INSERT INTO ${object} (id, email) VALUES (1, 'a@x'), (2, 'b@x')`);
    const remove = (key: string, id: number): DestinationRecord => ({ key, operation: "delete", payload: { id } });
    await expect(write([remove("d1", 1), remove("d9", 9)], { object, identifier: "id" })).resolves.toEqual([
      { key: "d1", status: "accepted" },
      { key: "d9", status: "accepted" },
    ]);
    expect(await db.sql.unsafe(`SELECT id FROM ${object}`)).toEqual([{ id: 2 }]);
  });

  it("rejects only the poison records of a large batch, with the database's reason", async () => {
    const object = await freshTable(CUSTOMERS);
    const batch = Array.from({ length: 1000 }, (_, i) => upsert(`k${i}`, { id: i, email: `user${i}@example.com`, score: i }));
    batch[137] = upsert("k137", { id: 137, email: "user137@example.com", score: "abc" });
    batch[600] = upsert("k600", { id: 600, email: null, score: 1 });
    batch[601] = upsert("k601", { id: 601, email: "user601@example.com", nickname: "x" });
    const outcomes = await write(batch, { object, identifier: "id" });
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.filter((outcome) => outcome.status !== "accepted")).toEqual([
      { key: "k137", status: "rejected", scope: "record", reason: 'invalid input syntax for type integer: "abc"' },
      { key: "k600", status: "rejected", scope: "record", reason: expect.stringContaining('null value in column "email"') as string },
      { key: "k601", status: "rejected", scope: "record", reason: `Column "nickname" does not exist in ${object}` },
    ]);
    const [counted] = await db.sql.unsafe(`SELECT count(*)::int AS n FROM ${object}`);
    expect(counted).toEqual({ n: 997 });
  });

  it("writes a record after an earlier one with the same identifier in the same batch", async () => {
    const object = await freshTable(CUSTOMERS);
    await expect(write([upsert("a", { id: 7, email: "first@x" }), upsert("b", { id: 7, email: "second@x" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "a", status: "accepted", created: true },
      { key: "b", status: "accepted", created: false },
    ]);
    expect(await db.sql.unsafe(`SELECT id, email FROM ${object}`)).toEqual([{ id: 7, email: "second@x" }]);
  });

  it("quotes odd schema, table and column names", async () => {
    const schema = `Odd "Schema" ${uniqueName("s")}`;
    const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
    await db.sql.unsafe(`CREATE SCHEMA ${quoted(schema)}`);
    await db.sql.unsafe(`CREATE TABLE ${quoted(schema)}.${quoted("we.ird 't' \"x\"")} (${quoted("Id.Key")} text PRIMARY KEY, ${quoted("select")} integer, ${quoted('E-mail "Address"')} text)`);
    const objects = await postgresTableDestination.discover({ ...config, schemas: schema });
    const object = `${schema}.we.ird 't' "x"`;
    expect(objects.map((each) => [each.name, each.fields.map((field) => field.name)])).toEqual([[object, ["Id.Key", "select", 'E-mail "Address"']]]);
    const record = upsert("odd", { "Id.Key": "k'1\"; DROP TABLE x; --", select: 3, 'E-mail "Address"': "o'hara@example.com" });
    await expect(write([record], { object, identifier: "Id.Key" })).resolves.toEqual([{ key: "odd", status: "accepted", created: true }]);
    expect(await db.sql.unsafe(`SELECT * FROM ${quoted(schema)}.${quoted("we.ird 't' \"x\"")}`)).toEqual([
      { "Id.Key": "k'1\"; DROP TABLE x; --", select: 3, 'E-mail "Address"': "o'hara@example.com" },
    ]);
  });

  it("writes identity columns that are always generated when the records give them", async () => {
    const object = await freshTable("(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL)");
    await expect(write([upsert("e", { id: 100, kind: "signup" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "e", status: "accepted", created: true },
    ]);
    expect(await db.sql.unsafe(`SELECT id::int AS id, kind FROM ${object}`)).toEqual([{ id: 100, kind: "signup" }]);
  });

  it("refuses a missing table and an identifier that cannot match rows", async () => {
    const object = await freshTable("(id integer PRIMARY KEY, email text)");
    await expect(write([upsert("a", { id: 1 })], { object: "public.no_such_table", identifier: "id" })).rejects.toEqual(
      new DestinationRefusedError(`Table public.no_such_table does not exist in database "${db.name}": choose one of the tables listed.`, "not_found"),
    );
    await expect(write([upsert("a", { id: 1 })], { object: "no_dot", identifier: "id" })).rejects.toMatchObject({ code: "not_found" });
    await expect(write([upsert("a", { email: "a@x" })], { object, identifier: "email" })).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "invalid_config",
      message: expect.stringContaining('Column "email" of ' + object + " is not a primary key") as string,
    });
  });

  it("refuses a user who may not write to the table", async () => {
    const object = await freshTable("(id integer PRIMARY KEY, email text)");
    await db.sql.unsafe(`CREATE ROLE "${reader}" LOGIN; GRANT SELECT ON ${object} TO "${reader}"`);
    await expect(write([upsert("a", { id: 1, email: "a@x" })], { object, identifier: "id" }, { ...config, user: reader })).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "permission_denied",
      message: expect.stringContaining(`User "${reader}" lacks a privilege: permission denied for table`) as string,
    });
    await db.sql.unsafe(`REVOKE ALL ON ${object} FROM "${reader}"`);
  });

  it("asks to retry every record when the server cannot be reached", async () => {
    const port = await closedPort();
    const outcomes = await write([upsert("a", { id: 1 }), upsert("b", { id: 2 })], { object: "public.customers", identifier: "id" }, { ...config, port });
    expect(outcomes).toEqual([
      { key: "a", status: "retry", afterSeconds: null, reason: expect.stringContaining(`Nothing accepted the connection on 127.0.0.1:${port}`) as string },
      { key: "b", status: "retry", afterSeconds: null, reason: expect.stringContaining("Nothing accepted the connection") as string },
    ]);
  });

  it("stops a write blocked on a lock when its signal aborts, and writes nothing", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.unsafe(`INSERT INTO ${object} (id, email) VALUES (1, 'a@x')`);
    const locker = await db.sql.reserve();
    try {
      await locker.unsafe(`BEGIN; SELECT * FROM ${object} WHERE id = 1 FOR UPDATE`);
      const controller = new AbortController();
      const pending = write([upsert("a", { id: 2, email: "b@x" }), upsert("b", { id: 1, email: "changed@x" })], { object, identifier: "id" }, config, controller.signal);
      await waitForLockWait();
      controller.abort(new Error("stop"));
      await expect(pending).rejects.toThrow("stop");
      await locker.unsafe("ROLLBACK");
    } finally {
      locker.release();
    }
    expect(await db.sql.unsafe(`SELECT id, email FROM ${object}`)).toEqual([{ id: 1, email: "a@x" }]);
  });
});

describe("deliver", () => {
  it("lands a 10,000-row upsert, then updates every row", async () => {
    const object = await freshTable(CUSTOMERS);
    const records = (round: number) =>
      Array.from({ length: 10_000 }, (_, i): DestinationRecord => upsert(`k${i}`, { id: i, email: `user${i}@example.com`, score: i * round, seen_at: "2024-01-01T00:00:00Z" }));
    const run = async (round: number) => {
      const outcomes: FinalOutcome[] = [];
      const counters = await deliver(postgresTableDestination, config, records(round), {
        target: { object, identifier: "id" },
        onOutcomes: (batch) => {
          outcomes.push(...batch);
        },
      });
      return { counters, created: outcomes.filter((outcome) => outcome.status === "accepted" && outcome.created === true).length };
    };
    const first = await run(1);
    expect(first.counters).toMatchObject({ records: 10_000, accepted: 10_000, rejected: 0, retryExhausted: 0, requests: 10, splits: 0 });
    expect(first.created).toBe(10_000);
    const second = await run(2);
    expect(second.counters).toMatchObject({ accepted: 10_000, requests: 10 });
    expect(second.created).toBe(0);
    const [summary] = await db.sql.unsafe(`SELECT count(*)::int AS n, sum(score)::bigint::text AS total FROM ${object}`);
    expect(summary).toEqual({ n: 10_000, total: String(2 * ((9_999 * 10_000) / 2)) });
  });
});

describe.skipIf(!(await passwordClusterAvailable()))("on a server that checks passwords", () => {
  const password = "writer-password-0123";
  let cluster: PasswordCluster;
  let settings: TPostgresTableConfig;

  beforeAll(async () => {
    cluster = await startPasswordCluster();
    const owner = postgres({ host: "127.0.0.1", port: cluster.port, database: "postgres", username: "postgres", password: cluster.password, ssl: "require", max: 1, onnotice: () => {} });
    await owner.unsafe(`CREATE ROLE writer LOGIN PASSWORD '${password}';
      CREATE TABLE public.customers (id integer PRIMARY KEY, email text);
      GRANT SELECT, INSERT, UPDATE, DELETE ON public.customers TO writer;`);
    await owner.end();
    settings = ZPostgresTableConfig.parse({ host: "127.0.0.1", port: cluster.port, database: "postgres", user: "writer", password, sslMode: "require" });
  });

  afterAll(async () => {
    await postgresTableDestination.close();
    await cluster.stop();
  });

  it("checks and writes with the right password", async () => {
    await expect(postgresTableDestination.check(settings)).resolves.toEqual({ ok: true });
    await expect(write([upsert("a", { id: 1, email: "a@x" })], { object: "public.customers", identifier: "id" }, settings)).resolves.toEqual([
      { key: "a", status: "accepted", created: true },
    ]);
  });

  it("reports a wrong password in check and refuses to write with it", async () => {
    const wrong = { ...settings, password: "wrong" };
    const message = 'The password for user "writer" was rejected (Postgres answers the same when the user does not exist).';
    await expect(postgresTableDestination.check(wrong)).resolves.toEqual({ ok: false, code: "auth_failed", message });
    await expect(write([upsert("a", { id: 1 })], { object: "public.customers", identifier: "id" }, wrong)).rejects.toEqual(
      new DestinationRefusedError(message, "auth_failed"),
    );
  });
});
