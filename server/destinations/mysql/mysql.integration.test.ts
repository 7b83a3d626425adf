/**
 * The MySQL/MariaDB table destination against the local MariaDB (a scratch database of its own,
 * dropped after, and a user with a password, which MariaDB checks). Every test writes to a table
 * of its own.
 */
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "@/test/loopback";
import { createScratchDatabase, LOCAL_SERVER, type ScratchDatabase, uniqueName } from "../../sources/mysql/testing";
import { deliver, type FinalOutcome } from "../delivery";
import { DestinationRefusedError, type DestinationRecord, type WriteTarget } from "../types";
import { mysqlTableDestination, type TMysqlTableConfig, ZMysqlTableConfig } from "./index";

const reader = uniqueName("sluice_reader");
const readerPassword = "reader-password-0123";
let db: ScratchDatabase;
let config: TMysqlTableConfig;

beforeAll(async () => {
  db = await createScratchDatabase([reader]);
  config = ZMysqlTableConfig.parse(db.config);
  await db.sql.query("CREATE USER ?@'%' IDENTIFIED BY ?", [reader, readerPassword]);
});

afterAll(async () => {
  await mysqlTableDestination.close();
  await db.drop();
});

/** A new table with `columns`; returns its destination name. */
async function freshTable(columns: string): Promise<string> {
  const name = uniqueName("t");
  await db.sql.query(`CREATE TABLE \`${name}\` ${columns}`);
  return name;
}

async function rows(sql: string): Promise<unknown[]> {
  const [result] = await db.sql.query(sql);
  return Array.isArray(result) ? result : [];
}

function write(records: DestinationRecord[], target: WriteTarget, settings: TMysqlTableConfig = config, signal = new AbortController().signal) {
  return mysqlTableDestination.write(settings, records, { signal, batchId: "run.1", target });
}

const CUSTOMERS = `(id INT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE, name VARCHAR(100), score INT, plan VARCHAR(20) DEFAULT 'free',
  seen_at DATETIME(6), traits JSON, balance DECIMAL(10,2), vip BOOLEAN) ENGINE=InnoDB`;

const upsert = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "upsert", payload });

describe("check", () => {
  it("passes on the local server and names what is wrong otherwise", async () => {
    await expect(mysqlTableDestination.check(config)).resolves.toEqual({ ok: true });
    await expect(mysqlTableDestination.check({ ...config, database: `${db.name}_missing` })).resolves.toEqual({
      ok: false,
      code: "not_found",
      message: `The database "${db.name}_missing" does not exist on 127.0.0.1:3306.`,
    });
    const port = await closedPort();
    await expect(mysqlTableDestination.check({ ...config, port })).resolves.toMatchObject({ ok: false, code: "connection_refused" });
  });

  it("reports a wrong password", async () => {
    const result = await mysqlTableDestination.check({ ...config, user: reader, password: "wrong" });
    expect(result).toMatchObject({ ok: false, code: "auth_failed" });
    expect(result.ok || result.message).toMatch(new RegExp(`^The password for user "${reader}" was rejected`));
  });

  it("limits and names the account without the password", () => {
    expect(mysqlTableDestination.limits({ ...config, batchSize: 200 })).toMatchObject({ batchSize: 200, concurrency: 4, requestsPerSecond: null });
    expect(mysqlTableDestination.accountKey({ ...config, password: "hunter2" })).toBe(`127.0.0.1:3306/${db.name}`);
  });
});

describe("discover", () => {
  it("lists the base tables of the database with their columns, required fields and identifiers", async () => {
    const name = await freshTable(`(id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, email VARCHAR(100) NOT NULL, code CHAR(8) NOT NULL,
      kind VARCHAR(20) NOT NULL DEFAULT 'lead', doc JSON, body TEXT, body_length INT AS (CHAR_LENGTH(body)) VIRTUAL,
      UNIQUE KEY (code), UNIQUE KEY email_prefix (email(10)))`);
    const pair = await freshTable("(team_id INT, user_id INT, role VARCHAR(20) NOT NULL, PRIMARY KEY (team_id, user_id))");
    await db.sql.query(`CREATE VIEW \`v_${name}\` AS SELECT id, email FROM \`${name}\``);
    const objects = await mysqlTableDestination.discover(config);
    expect(objects.map((object) => object.name)).not.toContain(`v_${name}`);
    expect(objects.find((object) => object.name === name)).toEqual({
      name,
      label: name,
      operations: ["upsert", "update", "insert", "delete"],
      acceptsCustomFields: false,
      fields: [
        { name: "id", label: "id", type: "integer", required: false, identifier: true },
        { name: "email", label: "email", type: "string", required: true, identifier: false },
        { name: "code", label: "code", type: "string", required: true, identifier: true },
        { name: "kind", label: "kind", type: "string", required: false, identifier: false },
        { name: "doc", label: "doc", type: "json", required: false, identifier: false },
        { name: "body", label: "body", type: "string", required: false, identifier: false },
      ],
    });
    expect(objects.find((object) => object.name === pair)?.fields.map((field) => [field.name, field.required, field.identifier])).toEqual([
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
      seen_at: "2024-05-06T09:08:09.123456+02:00",
      traits: { plan: "pro", seats: 3 },
      balance: "1234.5",
      vip: true,
    });
    await expect(write([first, upsert("c2", { id: 2, email: "bo@example.com" })], target)).resolves.toEqual([
      { key: "c1", status: "accepted", created: true },
      { key: "c2", status: "accepted", created: true },
    ]);
    await expect(write([upsert("c1", { id: 1, email: "ada@example.com", name: "Ada Lovelace" })], target)).resolves.toEqual([
      { key: "c1", status: "accepted", created: false },
    ]);
    expect(
      await rows(`SELECT id, email, name, score, plan, CAST(seen_at AS CHAR) AS seen_at, CAST(traits AS CHAR) AS traits,
        CAST(balance AS CHAR) AS balance, vip FROM \`${object}\` ORDER BY id`),
    ).toEqual([
      {
        id: 1,
        email: "ada@example.com",
        name: "Ada Lovelace",
        score: 42,
        plan: "free",
        seen_at: "2024-05-06 07:08:09.123456",
        traits: '{"plan":"pro","seats":3}',
        balance: "1234.50",
        vip: 1,
      },
      { id: 2, email: "bo@example.com", name: null, score: null, plan: "free", seen_at: null, traits: null, balance: null, vip: null },
    ]);
  });

  it("matches identifiers the way the column compares them", async () => {
    const object = await freshTable("(email VARCHAR(100) PRIMARY KEY, name VARCHAR(100)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
    await db.sql.query(`INSERT INTO \`${object}\` VALUES ('Ada@Example.com', 'Ada')`);
    await expect(write([upsert("a", { email: "ada@example.com", name: "Ada L." })], { object, identifier: "email" })).resolves.toEqual([
      { key: "a", status: "accepted", created: false },
    ]);
    expect(await rows(`SELECT email, name FROM \`${object}\``)).toEqual([{ email: "Ada@Example.com", name: "Ada L." }]);
  });

  it("inserts without overwriting a row that exists", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.query(`INSERT INTO \`${object}\` (id, email, name) VALUES (1, 'ada@example.com', 'Ada')`);
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
    expect(await rows(`SELECT id, email, name FROM \`${object}\` ORDER BY id`)).toEqual([
      { id: 1, email: "ada@example.com", name: "Ada" },
      { id: 2, email: "bo@example.com", name: null },
    ]);
  });

  it("updates existing rows only, and rejects a record without a row", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.query(`INSERT INTO \`${object}\` (id, email, name, score) VALUES (1, 'ada@example.com', 'Ada', 7)`);
    const update = (key: string, payload: DestinationRecord["payload"]): DestinationRecord => ({ key, operation: "update", payload });
    await expect(write([update("u1", { id: 1, name: "Ada L." }), update("u2", { id: 42, name: "Nobody" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "u1", status: "accepted" },
      { key: "u2", status: "rejected", scope: "record", reason: "No row with id = 42 to update" },
    ]);
    expect(await rows(`SELECT id, email, name, score FROM \`${object}\``)).toEqual([{ id: 1, email: "ada@example.com", name: "Ada L.", score: 7 }]);
  });

  it("deletes by identifier; a row already gone is accepted", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.query(`INSERT INTO \`${object}\` (id, email) VALUES (1, 'a@x'), (2, 'b@x')`);
    const remove = (key: string, id: number): DestinationRecord => ({ key, operation: "delete", payload: { id } });
    await expect(write([remove("d1", 1), remove("d9", 9)], { object, identifier: "id" })).resolves.toEqual([
      { key: "d1", status: "accepted" },
      { key: "d9", status: "accepted" },
    ]);
    expect(await rows(`SELECT id FROM \`${object}\``)).toEqual([{ id: 2 }]);
  });

  it("rejects only the poison records of a large batch, with the server's reason", async () => {
    const object = await freshTable(CUSTOMERS);
    const batch = Array.from({ length: 1000 }, (_, i) => upsert(`k${i}`, { id: i, email: `user${i}@example.com`, score: i }));
    batch[137] = upsert("k137", { id: 137, email: "user137@example.com", score: "abc" });
    batch[600] = upsert("k600", { id: 600, email: null, score: 1 });
    batch[601] = upsert("k601", { id: 601, email: "user601@example.com", nickname: "x" });
    const outcomes = await write(batch, { object, identifier: "id" });
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.filter((outcome) => outcome.status !== "accepted")).toEqual([
      { key: "k137", status: "rejected", scope: "record", reason: expect.stringContaining("Incorrect integer value: 'abc' for column") as string },
      { key: "k600", status: "rejected", scope: "record", reason: "Column 'email' cannot be null" },
      { key: "k601", status: "rejected", scope: "record", reason: `Column "nickname" does not exist in ${object}` },
    ]);
    expect(await rows(`SELECT COUNT(*) AS n FROM \`${object}\``)).toEqual([{ n: 997 }]);
  });

  it("refuses a record that collides with another row on a second unique column, instead of overwriting that row", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.query(`INSERT INTO \`${object}\` (id, email, name) VALUES (1, 'ada@example.com', 'Ada')`);
    await expect(write([upsert("a", { id: 2, email: "ada@example.com", name: "Impostor" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "a", status: "rejected", scope: "record", reason: expect.stringContaining("Duplicate entry 'ada@example.com'") as string },
    ]);
    expect(await rows(`SELECT id, email, name FROM \`${object}\``)).toEqual([{ id: 1, email: "ada@example.com", name: "Ada" }]);
  });

  it("writes a record after an earlier one with the same identifier in the same batch", async () => {
    const object = await freshTable(CUSTOMERS);
    await expect(write([upsert("a", { id: 7, email: "first@x" }), upsert("b", { id: 7, email: "second@x" })], { object, identifier: "id" })).resolves.toEqual([
      { key: "a", status: "accepted", created: true },
      { key: "b", status: "accepted", created: false },
    ]);
    expect(await rows(`SELECT id, email FROM \`${object}\``)).toEqual([{ id: 7, email: "second@x" }]);
  });

  it("quotes odd table and column names", async () => {
    const object = `we\`ird 't ${uniqueName("x")}`;
    const quoted = (name: string) => `\`${name.replace(/`/g, "``")}\``;
    await db.sql.query(`CREATE TABLE ${quoted(object)} (${quoted("Id.Key")} VARCHAR(64) PRIMARY KEY, ${quoted("select")} INT, ${quoted("E-mail `Address`")} VARCHAR(100))`);
    const objects = await mysqlTableDestination.discover(config);
    expect(objects.find((each) => each.name === object)?.fields.map((field) => field.name)).toEqual(["Id.Key", "select", "E-mail `Address`"]);
    const record = upsert("odd", { "Id.Key": "k'1\\\"; DROP TABLE x; --", select: 3, "E-mail `Address`": "o'hara@example.com" });
    await expect(write([record], { object, identifier: "Id.Key" })).resolves.toEqual([{ key: "odd", status: "accepted", created: true }]);
    expect(await rows(`SELECT * FROM ${quoted(object)}`)).toEqual([{ "Id.Key": "k'1\\\"; DROP TABLE x; --", select: 3, "E-mail `Address`": "o'hara@example.com" }]);
  });

  it("refuses a missing table and an identifier that cannot match rows", async () => {
    const object = await freshTable("(id INT PRIMARY KEY, email VARCHAR(100))");
    await expect(write([upsert("a", { id: 1 })], { object: "no_such_table", identifier: "id" })).rejects.toEqual(
      new DestinationRefusedError(`Table no_such_table does not exist in database "${db.name}": choose one of the tables listed.`, "not_found"),
    );
    await expect(write([upsert("a", { email: "a@x" })], { object, identifier: "email" })).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "invalid_config",
      message: expect.stringContaining(`Column "email" of ${object} is not a primary key`) as string,
    });
  });

  it("refuses a wrong password and a user who may not write to the table", async () => {
    const object = await freshTable("(id INT PRIMARY KEY, email VARCHAR(100))");
    await db.sql.query(`GRANT SELECT ON \`${db.name}\`.\`${object}\` TO ?@'%'`, [reader]);
    const asReader = { ...config, user: reader, password: readerPassword };
    await expect(write([upsert("a", { id: 1, email: "a@x" })], { object, identifier: "id" }, asReader)).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "permission_denied",
      message: expect.stringContaining(`User "${reader}" lacks a privilege: INSERT command denied`) as string,
    });
    await expect(write([upsert("a", { id: 1 })], { object, identifier: "id" }, { ...asReader, password: "wrong" })).rejects.toMatchObject({
      name: "DestinationRefusedError",
      code: "auth_failed",
    });
  });

  it("asks to retry every record when the server cannot be reached", async () => {
    const port = await closedPort();
    const outcomes = await write([upsert("a", { id: 1 }), upsert("b", { id: 2 })], { object: "customers", identifier: "id" }, { ...config, port });
    expect(outcomes).toEqual([
      { key: "a", status: "retry", afterSeconds: null, reason: expect.stringContaining(`Nothing accepted the connection on 127.0.0.1:${port}`) as string },
      { key: "b", status: "retry", afterSeconds: null, reason: expect.stringContaining("Nothing accepted the connection") as string },
    ]);
  });

  it("stops a write blocked on a lock when its signal aborts, and writes nothing", async () => {
    const object = await freshTable(CUSTOMERS);
    await db.sql.query(`INSERT INTO \`${object}\` (id, email) VALUES (1, 'a@x')`);
    const locker = await mysql.createConnection({ ...LOCAL_SERVER, database: db.name });
    try {
      await locker.query("START TRANSACTION");
      await locker.query(`SELECT * FROM \`${object}\` WHERE id = 1 FOR UPDATE`);
      const controller = new AbortController();
      const pending = write([upsert("a", { id: 2, email: "b@x" }), upsert("b", { id: 1, email: "changed@x" })], { object, identifier: "id" }, config, controller.signal);
      await waitForLockWait();
      controller.abort(new Error("stop"));
      await expect(pending).rejects.toThrow("stop");
      await locker.query("ROLLBACK");
    } finally {
      await locker.end();
    }
    expect(await rows(`SELECT id, email FROM \`${object}\``)).toEqual([{ id: 1, email: "a@x" }]);
  });
});

/**
 * Resolves once the write's UPDATE runs (it cannot finish while the row is locked). Polls
 * PROCESSLIST: MariaDB refreshes INNODB_TRX too lazily to show the lock wait reliably.
 */
async function waitForLockWait(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await rows(`SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = '${db.name}' AND INFO LIKE 'UPDATE %'`);
    if (typeof row === "object" && row !== null && Reflect.get(row, "n") === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("The write never reached the locked row.");
}

describe("deliver", () => {
  it("lands a 10,000-row upsert, then updates every row", async () => {
    const object = await freshTable(CUSTOMERS);
    const records = (round: number) =>
      Array.from({ length: 10_000 }, (_, i): DestinationRecord => upsert(`k${i}`, { id: i, email: `user${i}@example.com`, score: i * round, seen_at: "2024-01-01T00:00:00Z" }));
    const run = async (round: number) => {
      const outcomes: FinalOutcome[] = [];
      const counters = await deliver(mysqlTableDestination, config, records(round), {
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
    expect(await rows(`SELECT COUNT(*) AS n, CAST(SUM(score) AS CHAR) AS total FROM \`${object}\``)).toEqual([
      { n: 10_000, total: String(2 * ((9_999 * 10_000) / 2)) },
    ]);
  });
});
