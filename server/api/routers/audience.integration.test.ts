import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateModel } from "@/db/queries/models";
import type { AudienceDefinition } from "@/server/audiences/definition";
import type { ScratchDatabase } from "@/server/sources/postgres/testing";
import { useTestDatabase } from "@/test/database";
import { createTeam, type Team } from "@/test/factories";
import { CUSTOMER_COLUMNS, createCustomersModel, createCustomerWarehouse } from "@/test/syncs";

const db = useTestDatabase();
let warehouse: ScratchDatabase;
let team: Team;
let customersId: string;

beforeAll(async () => {
  warehouse = await createCustomerWarehouse(200);
  team = await createTeam(db());
  const { model } = await createCustomersModel(db(), { workspaceId: team.workspace.id, warehouse, createdByUserId: null });
  customersId = model.id;
});

afterAll(async () => {
  await warehouse.drop();
});

function definition(minimum: number | undefined): AudienceDefinition {
  return {
    version: 1,
    parentModelId: customersId,
    root: {
      id: "root",
      type: "group",
      combinator: "and",
      conditions: [
        { id: "ltv", type: "property", column: "ltv", operator: "greater_than", value: minimum },
        { id: "name", type: "property", column: "name", operator: "starts_with", value: "Customer 1" },
      ],
    },
    exclusions: [],
    limit: null,
    splits: null,
  };
}

/** What the audience must count, the obvious way. */
async function expected(minimum: number): Promise<number> {
  const [row] = await warehouse.sql<{ count: string }[]>`select count(*) from customers where ltv > ${minimum} and name like 'Customer 1%'`;
  return Number(row?.count);
}

describe("audiences through the API", () => {
  it("estimates the live size with a breakdown, or says what is missing on the condition", async () => {
    const api = await team.as("viewer");
    const incomplete = await api.audience.estimate({ workspaceId: team.workspace.id, definition: definition(undefined) });
    expect(incomplete.count).toBeNull();
    expect(incomplete.problems).toEqual([expect.objectContaining({ conditionId: "ltv" })]);

    const estimate = await api.audience.estimate({ workspaceId: team.workspace.id, definition: definition(600) });
    expect(estimate.problems).toEqual([]);
    expect(estimate.count).toBe(await expected(600));
    const [byLtv, byName] = estimate.breakdown;
    expect(byLtv).toEqual({ conditionId: "ltv", count: Number((await warehouse.sql`select count(*) from customers where ltv > 600`)[0]?.count) });
    expect(byName?.count).toBe(Number((await warehouse.sql`select count(*) from customers where name like 'Customer 1%'`)[0]?.count));
    expect(estimate.sql).toContain("SELECT");
  });

  it("counts each split group exactly, the groups adding up to the audience", async () => {
    const api = await team.as("viewer");
    const split = {
      ...definition(100),
      splits: { seed: "spring", groups: [{ id: "t", name: "Treatment", percent: 90, holdout: false }, { id: "h", name: "Holdout", percent: 10, holdout: true }] },
    };
    const estimate = await api.audience.estimate({ workspaceId: team.workspace.id, definition: split });
    expect(estimate.splits.map((group) => group.groupId)).toEqual(["t", "h"]);
    expect(estimate.splits.reduce((sum, group) => sum + group.count, 0)).toBe(estimate.count);
    expect(estimate.splits[1]?.count).toBeLessThan(estimate.splits[0]?.count ?? 0);
  });

  it("saves an audience as a model syncs can read, and keeps it in step on edit", async () => {
    const api = await team.as("editor");
    const saved = await api.audience.create({ workspaceId: team.workspace.id, name: "Big spenders", description: null, definition: definition(600) });
    expect(saved.lastCount).toBe(await expected(600));
    expect(saved.modelId).not.toBeNull();
    const model = await api.model.get({ workspaceId: team.workspace.id, modelId: saved.modelId ?? "" });
    expect(model.query.kind).toBe("sql");
    const preview = await api.model.preview({ workspaceId: team.workspace.id, sourceId: model.sourceId, query: model.query });
    expect(preview.totalRows).toBe(await expected(600));

    const edited = await api.audience.update({ workspaceId: team.workspace.id, audienceId: saved.id, name: "Big spenders", description: null, definition: definition(300) });
    expect(edited.lastCount).toBe(await expected(300));
    expect((await api.audience.get({ workspaceId: team.workspace.id, audienceId: saved.id })).definition.root.conditions).toHaveLength(2);

    await expect(
      api.audience.update({ workspaceId: team.workspace.id, audienceId: saved.id, name: "Big spenders", description: null, definition: definition(undefined) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await api.audience.delete({ workspaceId: team.workspace.id, audienceId: saved.id });
    await expect(api.model.get({ workspaceId: team.workspace.id, modelId: saved.modelId ?? "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("marks an audience whose column was deleted upstream, with the reason", async () => {
    const api = await team.as("editor");
    const saved = await api.audience.create({ workspaceId: team.workspace.id, name: "Spenders", description: null, definition: definition(100) });
    const statusOf = async () => (await api.audience.list({ workspaceId: team.workspace.id })).find((audience) => audience.id === saved.id)?.problem;
    expect(await statusOf()).toBeNull();
    await updateModel(db(), { workspaceId: team.workspace.id, modelId: customersId, columns: CUSTOMER_COLUMNS.filter((column) => column.name !== "ltv") });
    try {
      expect(await statusOf()).toMatch(/ltv/);
      await expect(api.audience.estimate({ workspaceId: team.workspace.id, definition: definition(100) })).resolves.toMatchObject({ count: null });
    } finally {
      await updateModel(db(), { workspaceId: team.workspace.id, modelId: customersId, columns: CUSTOMER_COLUMNS });
    }
    await api.audience.delete({ workspaceId: team.workspace.id, audienceId: saved.id });
  });

  it("suggests a column's top values and keeps viewers from saving or running SQL conditions", async () => {
    const viewer = await team.as("viewer");
    const values = await viewer.audience.values({ workspaceId: team.workspace.id, modelId: customersId, column: "name", search: "customer 19" });
    expect(values.map((value) => value.value)).toContain("Customer 19");
    await expect(viewer.audience.create({ workspaceId: team.workspace.id, name: "Nope", description: null, definition: definition(1) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const withSql = definition(1);
    withSql.root.conditions.push({ id: "sql", type: "sql", sql: "ltv > 1" } as never);
    await expect(viewer.audience.estimate({ workspaceId: team.workspace.id, definition: withSql })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
