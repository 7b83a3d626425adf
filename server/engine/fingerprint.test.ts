import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalize, canonicalKey, CanonicalizeError, createHasher, FINGERPRINT_VERSION, KeyError, MAX_DEPTH, payloadCanonicalizer } from "./fingerprint";

describe("canonicalize", () => {
  it("sorts object keys at every level by UTF-16 code units, and keeps array order", () => {
    expect(canonicalize({ b: 1, a: { d: [3, 1, 2], c: null } })).toBe('{"a":{"c":null,"d":[3,1,2]},"b":1}');
    expect(canonicalize({ b: 1, a: 2 })).toBe(canonicalize({ a: 2, b: 1 }));
    // Code units, not code points or locale: U+FF61 sorts after the surrogate pair of U+1F600, "Z" before "a".
    expect(canonicalize({ "\uff61": 1, "😀": 2, a: 3, Z: 4 })).toBe('{"Z":4,"a":3,"😀":2,"｡":1}');
  });

  it("writes numbers in ECMAScript's fixed shortest form, without locale", () => {
    expect(canonicalize([-0, 0, 1.0, 1.5, -2, 1e21, 1e-7, 0.1 + 0.2, 123456789012, Number.MAX_SAFE_INTEGER])).toBe(
      "[0,0,1,1.5,-2,1e+21,1e-7,0.30000000000000004,123456789012,9007199254740991]",
    );
  });

  it("keeps big integers and decimals that arrive as strings exact, and apart from numbers", () => {
    expect(canonicalize({ id: "9007199254740993", amount: "12.50" })).toBe('{"amount":"12.50","id":"9007199254740993"}');
    expect(canonicalize(1)).not.toBe(canonicalize("1"));
    expect(canonicalize(9007199254740993n)).toBe(canonicalize("9007199254740993"));
  });

  it("escapes strings as JSON, keeps unicode as is, escapes lone surrogates", () => {
    expect(canonicalize('a"b\\c\n\u0001')).toBe('"a\\"b\\\\c\\n\\u0001"');
    expect(canonicalize("Zoë 😀 日本")).toBe('"Zoë 😀 日本"');
    expect(canonicalize("\ud800")).toBe('"\\ud800"');
    // No Unicode normalization: NFC and NFD are different text for the destination.
    expect(canonicalize("é".normalize("NFC"))).not.toBe(canonicalize("é".normalize("NFD")));
  });

  it("distinguishes null from a missing key, and treats an undefined property as missing", () => {
    expect(canonicalize({ a: 1, b: null })).toBe('{"a":1,"b":null}');
    expect(canonicalize({ a: 1, b: null })).not.toBe(canonicalize({ a: 1 }));
    expect(canonicalize({ a: 1, b: undefined })).toBe(canonicalize({ a: 1 }));
  });

  it("writes dates as the ISO strings sources produce", () => {
    expect(canonicalize({ at: new Date("2024-05-01T12:00:00Z") })).toBe('{"at":"2024-05-01T12:00:00.000Z"}');
    expect(canonicalize(new Date(0))).toBe(canonicalize("1970-01-01T00:00:00.000Z"));
  });

  it("handles nesting, empty containers and null prototypes", () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { y: [], x: {} });
    expect(canonicalize([[[]], { a: [{}] }, bare, true, false, null])).toBe('[[[]],{"a":[{}]},{"x":{},"y":[]},true,false,null]');
  });

  it("rejects values that are not cell values, naming where they are", () => {
    const cases: [unknown, string][] = [
      [{ a: [1, Number.NaN] }, "non-finite number NaN at $.a[1]"],
      [{ a: { b: Infinity } }, "non-finite number Infinity at $.a.b"],
      [[1, undefined], "undefined array element at $[1]"],
      [undefined, "unsupported undefined at $"],
      [{ f: () => 1 }, "unsupported function at $.f"],
      [{ s: Symbol("x") }, "unsupported symbol at $.s"],
      [{ m: new Map() }, "unsupported object [object Map] at $.m"],
      [{ d: new Date(Number.NaN) }, "invalid Date at $.d"],
    ];
    for (const [value, where] of cases) {
      expect(() => canonicalize(value)).toThrow(CanonicalizeError);
      expect(() => canonicalize(value)).toThrow(where);
    }
  });

  it("rejects cycles and excessive nesting instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(`nesting deeper than ${MAX_DEPTH} levels`);
    let deep: unknown = 1;
    for (let level = 0; level < MAX_DEPTH; level++) deep = [deep];
    expect(canonicalize(deep)).toMatch(/^\[+1\]+$/);
    expect(() => canonicalize([deep])).toThrow(CanonicalizeError);
  });

  it("is valid JSON that parses back to the value JSON would deliver", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Through JSON.stringify, as delivery sends it (which also turns -0 into 0).
        expect(JSON.parse(canonicalize(value))).toStrictEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("ignores key order, and hashes dates and bigints as the strings sources turn them into", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalize(reversed)).toBe(canonicalize(object));
      }),
    );
    const driverValues = fc.oneof(fc.date({ noInvalidDate: true }), fc.bigInt(), fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(driverValues), (values) => {
        const cells = values.map((value) =>
          value instanceof Date ? value.toISOString() : typeof value === "bigint" ? value.toString() : value,
        );
        expect(canonicalize(values)).toBe(canonicalize(cells));
      }),
    );
  });
});

describe("canonicalKey", () => {
  it("makes a safe-integer number the same key as its decimal text, and nothing else", () => {
    expect(canonicalKey(1)).toBe("1");
    expect(canonicalKey(-0)).toBe("0");
    expect(canonicalKey(-42)).toBe("-42");
    expect(canonicalKey("01")).toBe("01");
    expect(canonicalKey(" 1")).toBe(" 1");
  });

  it("rejects numbers that are not safe integers and text with lone surrogates", () => {
    for (const key of [1.5, 2 ** 53, Number.NaN, Infinity]) expect(() => canonicalKey(key)).toThrow(KeyError);
    expect(() => canonicalKey("a\udc00")).toThrow(KeyError);
  });
});

describe("hashes (golden values)", () => {
  // Checked against an independent XXH64 implementation over the UTF-8 bytes of the
  // canonical strings, seed 0. If one of these changes, stored snapshots no longer match:
  // bump FINGERPRINT_VERSION deliberately, then update the values.
  it("pins the fingerprint version", () => {
    expect(FINGERPRINT_VERSION).toBe(1);
  });

  it("uses standard xxh64 with seed 0", async () => {
    const { keyHash } = await createHasher();
    expect(keyHash("")).toBe(0xef46db3751d8e999n);
    expect(keyHash("abc")).toBe(0x44bc2cf5ad770999n);
  });

  it("pins payload fingerprints", async () => {
    const { fingerprint } = await createHasher();
    expect(fingerprint({})).toBe(0x2e1472b57af294d1n);
    expect(fingerprint({ seats: 12, plan: "pro", note: null, email: "ada@example.com", active: true })).toBe(0xedc1cfe4690009cen);
    expect(fingerprint({ z: [1, 2.5, -0, 1e21, "é", { b: null, a: "x" }], a: "9007199254740993" })).toBe(0x2d56125512c58e2cn);
    expect(fingerprint({ name: "Zoë 😀", at: new Date("2024-05-01T12:00:00Z") })).toBe(0xfc23e0f1a236a48an);
  });

  it("pins key hashes, with 1 and \"1\" the same key", async () => {
    const { keyHash } = await createHasher();
    expect(keyHash(1)).toBe(0xb7b41276360564d4n);
    expect(keyHash("1")).toBe(0xb7b41276360564d4n);
    expect(keyHash("9007199254740993")).toBe(0xee079ac2c40e8f42n);
    expect(keyHash("550e8400-e29b-41d4-a716-446655440000")).toBe(0x567c8cb3ce99ae3fn);
  });
});

describe("payloadCanonicalizer", () => {
  const cell: fc.Arbitrary<unknown> = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  );

  it("gives exactly canonicalize(payload) for payloads of its keys", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 8 }), fc.array(cell, { minLength: 8, maxLength: 8 }), (keys, values) => {
        const payload = Object.fromEntries(keys.map((key, index) => [key, values[index]]));
        expect(payloadCanonicalizer(keys)(payload)).toBe(canonicalize(payload));
      }),
    );
  });

  it("names the field of a value it cannot fingerprint", () => {
    expect(() => payloadCanonicalizer(["b", "a"])({ a: 1, b: Number.NaN })).toThrow("non-finite number NaN at $.b");
  });

  it("hashes to the same fingerprint as the payload", async () => {
    const hasher = await createHasher();
    const payload = { email: "ada@example.com", ltv: 12.5, tags: ["vip"] };
    expect(hasher.hashCanonical(payloadCanonicalizer(Object.keys(payload))(payload))).toBe(hasher.fingerprint(payload));
  });
});
