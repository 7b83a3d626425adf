import { describe, expect, it } from "vitest";
import type { ReferencedAudience } from "./context";
import type { AudienceDefinition, AudienceNode } from "./definition";
import { completedOrdersInLast90Days, issueExample, openedEmailInLast30Days } from "./compile/examples";
import { and, audience, demoContext, property } from "./testing";
import { audienceProblems } from "./validate";

/** The problems of an audience of one condition, as messages. */
function messages(node: AudienceNode, context = demoContext()): string[] {
  return audienceProblems(audience([node]), context).map((problem) => problem.message);
}

const member = (audienceId: string, id = "m"): AudienceNode => ({ id, type: "audience", operator: "in", audienceId });

describe("a good definition", () => {
  it("has no problems", () => {
    expect(audienceProblems(issueExample, demoContext())).toEqual([]);
    expect(audienceProblems(audience([]), demoContext())).toEqual([]);
  });
});

describe("property conditions", () => {
  it.each([
    [property("", "is", "x"), "Choose a column"],
    [property("plan_tier", "is", "pro"), "The column “plan_tier” no longer exists in Customers"],
    [property("lifetime_value", "contains", "5"), "“contains” doesn't work on “lifetime_value”; choose another comparison"],
    [property("email_opt_in", "before", "2026-01-01"), "“is before” doesn't work on “email_opt_in”; choose another comparison"],
    [property("country", "is", ""), "Enter a value"],
    [property("country", "is"), "Enter a value"],
    [property("country", "is", 5), "Enter a value"],
    [property("country", "is", "nul\u0000"), "The value contains a character that can't be used"],
    [property("country", "is_one_of", []), "Add at least one value"],
    [property("country", "is_one_of", ["US", ""]), "Every value must be filled in"],
    [property("lifetime_value", "greater_than", "lots"), "Enter a number"],
    [property("lifetime_value", "between", { from: 5, to: null }), "Enter both numbers"],
    [property("lifetime_value", "between", { from: 9, to: 5 }), "The first number must not be larger than the second"],
    [property("signup_at", "before", "31/01/2026"), "Choose a date"],
    [property("signup_at", "on", "2026-01-01T10:00"), "Choose a day"],
    [property("signup_at", "between", { from: "2026-02-01", to: "2026-01-01" }), "The start date must not be after the end date"],
    [property("signup_at", "within_last", { amount: 0, unit: "days" }), "Enter a whole number of days, weeks or months (1 or more)"],
    [property("signup_at", "within_last", 30), "Enter a whole number of days, weeks or months (1 or more)"],
    [property("email", "is", "x", ["domain"]), "“email” has no properties to choose from"],
  ] as const)("%o → %s", (node, message) => {
    expect(messages(node)).toEqual([message]);
  });

  it("accepts what each type offers", () => {
    for (const node of [
      property("country", "is_empty"),
      property("lifetime_value", "at_least", "500.25"),
      property("signup_at", "after", "2026-01-01T10:30"),
      property("signup_at", "between", { from: "2026-01-01", to: "2026-01-01" }),
      property("email_opt_in", "is_false"),
    ]) {
      expect(messages(node), JSON.stringify(node)).toEqual([]);
    }
  });

  it("refuses JSON keys every warehouse cannot address the same way", () => {
    const onEvents = (path: string[]) => messages({ ...openedEmailInLast30Days("performed"), where: [property("properties", "is", "x", path)] });
    expect(onEvents(["campaign"])).toEqual([]);
    expect(onEvents(["utm", "source_2"])).toEqual([]);
    expect(onEvents(["a'b"])).toEqual(["A property name may only use letters, digits and _ (and not start with a digit)"]);
    expect(onEvents(["2nd"])).toEqual(["A property name may only use letters, digits and _ (and not start with a digit)"]);
  });
});

describe("related conditions", () => {
  it("pins a filter's problem on the filter", () => {
    const event: AudienceNode = { ...openedEmailInLast30Days("performed"), where: [{ ...property("campaing", "is", "x"), id: "filter-1" }] };
    expect(audienceProblems(audience([event]), demoContext())).toEqual([
      { conditionId: "filter-1", part: "condition", message: "The column “campaing” no longer exists in Events" },
    ]);
  });

  it("needs an event model for events", () => {
    const onOrders: AudienceNode = { ...openedEmailInLast30Days("performed"), relationId: "rel-orders" };
    expect(messages(onOrders)).toEqual(["Orders is not set up as events: choose its event name and time columns"]);
    expect(messages({ ...onOrders, relationId: "" })).toEqual(["Choose a related model"]);
    expect(messages({ ...onOrders, relationId: "rel-gone" })).toEqual(["This related model is no longer linked to Customers"]);
    expect(messages({ ...openedEmailInLast30Days("performed"), eventName: "" })).toEqual(["Choose an event"]);
    expect(messages({ ...openedEmailInLast30Days("performed"), frequency: { operator: "at_least", count: 0 } })).toEqual([
      "Enter how many times (1 or more)",
    ]);
    expect(messages({ ...openedEmailInLast30Days("performed"), time: { kind: "between", from: "2026-01-01", to: null } })).toEqual([
      "Choose the first and last day of the period",
    ]);
  });

  it("reports a relation whose columns are gone", () => {
    const context = demoContext();
    const broken = { ...context, related: context.related.map((relation) => ({ ...relation, childColumn: "cust_id" })) };
    expect(messages(completedOrdersInLast90Days(2), broken)).toEqual([
      "The link between Customers and Orders uses the column “cust_id”, which no longer exists in Orders",
    ]);
  });

  it("checks aggregates", () => {
    const sum: AudienceNode = { ...completedOrdersInLast90Days(2), aggregation: "sum", column: null };
    expect(messages(sum)).toEqual(["Choose a column to add up"]);
    expect(messages({ ...sum, column: "status" })).toEqual(["The column “status” of Orders doesn't hold numbers"]);
    expect(messages({ ...sum, column: "total", value: undefined })).toEqual(["Enter a number"]);
    expect(messages({ ...sum, column: "total", timeColumn: "channel" })).toEqual(["The column “channel” of Orders doesn't hold dates"]);
  });

  it("checks sequences", () => {
    const sequence: AudienceNode = {
      id: "s",
      type: "sequence",
      relationId: "rel-events",
      operator: "performed",
      first: { eventName: "", where: [] },
      then: { eventName: "checkout_started", where: [] },
      within: { amount: null, unit: "days" },
      time: { kind: "any" },
    };
    expect(messages(sequence)).toEqual(["Choose the first event", "Enter within how many days, weeks or months (1 or more)"]);
  });
});

describe("groups, SQL, limit, splits", () => {
  it("asks to fill or remove an empty nested group", () => {
    expect(messages(and())).toEqual(["Add a condition to this group or remove it"]);
  });

  it("refuses a SQL condition with a semicolon", () => {
    expect(messages({ id: "q", type: "sql", sql: "plan = 'pro'; DROP TABLE customers" })).toEqual(["A SQL condition can't contain “;”"]);
    expect(messages({ id: "q", type: "sql", sql: "   " })).toEqual(["Write a SQL condition"]);
  });

  it("checks the limit and the splits", () => {
    const problems = (extra: Partial<AudienceDefinition>) =>
      audienceProblems(audience([], extra), demoContext()).map((problem) => `${problem.part}: ${problem.message}`);
    expect(problems({ limit: { column: "", direction: "desc", count: 10 } })).toEqual(["limit: Choose a column to order members by"]);
    expect(problems({ limit: { column: "lifetime_value", direction: "desc", count: 0 } })).toEqual([
      "limit: Enter how many members to keep (1 or more)",
    ]);
    const group = (id: string, name: string, percent: number | null) => ({ id, name, percent, holdout: false });
    expect(problems({ splits: { seed: "", groups: [group("a", "A", 50), group("b", "B", 40)] } })).toEqual([
      "splits: The groups add up to 90%; they must add up to 100%",
    ]);
    expect(problems({ splits: { seed: "", groups: [group("a", "A", 50), group("b", "A", 50)] } })).toEqual(["splits: Two groups are called “A”"]);
    expect(problems({ splits: { seed: "", groups: [group("a", "A", 99.5), group("b", "B", 0.5)] } })).toEqual([
      "splits: Enter a whole percentage from 1 to 100 for “A”",
    ]);
    expect(problems({ splits: { seed: "", groups: [group("a", "A", 100)] } })).toEqual(["splits: Split into at least two groups"]);
  });

  it("reports ids used twice", () => {
    const twice = audience([{ ...property("plan", "is", "pro"), id: "x" }, { ...property("plan", "is", "free"), id: "x" }]);
    expect(audienceProblems(twice, demoContext())).toEqual([
      { conditionId: "x", part: "audience", message: "Two parts of this audience have the same id “x”" },
    ]);
  });

  it("needs the parent model's key column", () => {
    const context = demoContext();
    const keyless = { ...context, parent: { ...context.parent, primaryKey: "id" } };
    expect(audienceProblems(audience([]), keyless).map((problem) => problem.message)).toEqual([
      "The key column “id” of Customers no longer exists; choose another one for the model",
    ]);
  });

  it("refuses a definition of another model", () => {
    expect(audienceProblems({ ...audience([]), parentModelId: "model-accounts" }, demoContext())).toEqual([
      { conditionId: null, part: "audience", message: "This audience is not built on Customers" },
    ]);
  });
});

describe("used audiences", () => {
  const vip: ReferencedAudience = { id: "vip", name: "VIP", definition: audience([member("churned")]) };
  const churned: ReferencedAudience = { id: "churned", name: "Churned", definition: audience([member("vip")]) };

  it("finds a cycle through the audience being edited", () => {
    const context = demoContext({ audiences: [vip, churned], self: { id: "vip", name: "VIP" } });
    expect(audienceProblems(vip.definition, context)).toEqual([
      { conditionId: "m", part: "condition", message: "“VIP” uses “Churned”, which uses “VIP”: an audience cannot include itself" },
    ]);
  });

  it("finds longer cycles, and cycles among the audiences it uses", () => {
    const a: ReferencedAudience = { id: "a", name: "A", definition: audience([member("b")]) };
    const b: ReferencedAudience = { id: "b", name: "B", definition: audience([], { exclusions: ["c"] }) };
    const c: ReferencedAudience = { id: "c", name: "C", definition: audience([member("a")]) };
    const editingA = demoContext({ audiences: [a, b, c], self: { id: "a", name: "A" } });
    expect(messages(member("b"), editingA)).toEqual(["“A” uses “B”, which uses “C”, which uses “A”: an audience cannot include itself"]);
    expect(messages(member("a"), editingA)).toEqual(["“A” uses “A”: an audience cannot include itself"]);
    // A new, unsaved audience using B, whose chain loops without it.
    expect(messages(member("b"), demoContext({ audiences: [a, b, c] }))).toEqual([
      "“B” uses “C”, which uses “A”, which uses “B”: an audience cannot include itself",
    ]);
  });

  it("reports gone audiences, other models and used audiences with problems", () => {
    const accounts: ReferencedAudience = { id: "acc", name: "Big accounts", definition: { ...audience([]), parentModelId: "model-accounts" } };
    const broken: ReferencedAudience = { id: "broken", name: "Broken", definition: audience([property("plan_tier", "is", "pro")]) };
    const context = demoContext({ audiences: [accounts, broken] });
    expect(messages(member(""), context)).toEqual(["Choose an audience"]);
    expect(messages(member("gone"), context)).toEqual(["The audience you chose no longer exists"]);
    expect(messages(member("acc"), context)).toEqual([
      "“Big accounts” is an audience of another model; only audiences of Customers can be used here",
    ]);
    expect(messages(member("broken"), context)).toEqual([
      "“Broken” has a problem to fix first: The column “plan_tier” no longer exists in Customers",
    ]);
    expect(audienceProblems(audience([], { exclusions: ["gone"] }), context)).toEqual([
      { conditionId: null, part: "exclusions", message: "An audience to leave out no longer exists" },
    ]);
  });
});
