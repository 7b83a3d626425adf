/**
 * A real Postgres "customer warehouse" for end-to-end tests: a fresh database on the local
 * server with a contacts table, and a login role whose password is really checked (members of
 * sluice_password_users; see scripts/enable-password-auth.sh). Dropped by `drop()`.
 */
import crypto from "node:crypto";
import postgres from "postgres";

const adminUrl = process.env.SOURCE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type Warehouse = { database: string; user: string; password: string; rows: number; drop: () => Promise<void> };

export async function createWarehouse(rows = 250): Promise<Warehouse> {
  const tag = crypto.randomBytes(4).toString("hex");
  const database = `sluice_src_${tag}`;
  const user = `sluice_reader_${tag}`;
  const password = `pw-${crypto.randomBytes(8).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.unsafe(`create role ${user} login password '${password}' in role sluice_password_users`);
  const owner = postgres({ ...parse(adminUrl), database, max: 1, onnotice: () => {} });
  await owner.unsafe(`
    create table contacts (
      id integer primary key,
      email text not null,
      company_id integer not null,
      signed_up_at timestamptz not null
    );
    insert into contacts
      select i, 'person' || i || '@example.com', (i % 40) + 1, now() - (i || ' days')::interval
      from generate_series(1, ${rows}) as i;
    grant select on contacts to ${user};`);
  await owner.end();
  return {
    database,
    user,
    password,
    rows,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${database} with (force)`);
      await admin.unsafe(`drop role if exists ${user}`);
      await admin.end();
    },
  };
}

function parse(url: string) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432), username: decodeURIComponent(parsed.username) };
}
