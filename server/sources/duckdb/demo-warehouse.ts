/**
 * Demo warehouse generator.
 *
 * Builds the "Demo warehouse" every new workspace gets as its first source: an embedded
 * DuckDB file with realistic marketing data (accounts, products, customers, orders, events)
 * so audiences such as "US customers with lifetime value over 500 who completed at least
 * 2 orders in the last 90 days and did not open an email in the last 30 days" return
 * meaningful numbers.
 *
 * What it promises:
 * - Deterministic: the same `today` (to the second) and `scale` produce identical table contents
 *   (the file's bytes may differ: DuckDB writes blocks in parallel). No `random()`: every pseudo-random value is an integer hash of the row
 *   number and a per-column salt, written in plain SQL arithmetic (not DuckDB's `hash()`), and
 *   every table is inserted in key order. accounts, products, customers and orders have PRIMARY
 *   KEY constraints; events.event_id is unique and sorted but unconstrained (its index would add
 *   ~20% to the file and ~1 s to the build).
 * - Relative to `today`: every timestamp is at or before `today` (truncated to the second).
 *   Events cover exactly [today - 180 days, today], orders run from each customer's signup up
 *   to today with a strong share in the last 90 days, signups spread over ~3 years.
 * - Consistent: customers.lifetime_value = sum of that customer's completed orders' totals;
 *   every non-cancelled order of the last 180 days has exactly one `order_completed` event
 *   (same customer, time, order_id and total); last_seen_at = latest signup/order/event.
 *   All money is in USD.
 * - Row counts: max(1, round(base * scale)) with bases accounts 10,000, products 500,
 *   customers 100,000, orders 300,000 and events 2,000,000 (order_completed events included).
 *   The counts are exact (customer 1 is always an active buyer, so the weighted draws can never
 *   come up empty); only if the order_completed events alone exceed the events target (tiny
 *   scales) does `events` get more rows than its target.
 * - Safe for people: emails only use reserved example domains (example.com/.org/.net,
 *   mail.example, <company>.example); US/CA/GB/AU phone numbers use the ranges reserved for
 *   fiction.
 * - Crash-safe: the file is built under a temporary name next to `filePath`, checkpointed,
 *   closed and then atomically renamed onto `filePath`; on failure the temporary file (and its
 *   WAL / spill directory) is removed. The DuckDB instance is always closed.
 * - Offline: no DuckDB extension is installed or auto-loaded (json is built in).
 * - Fast and small: everything is generated set-based in DuckDB SQL (`range()`); full size takes
 *   ~4-5 s on 2 idle cores and ~80 MB on disk.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";

import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";

export interface DemoWarehouseProgress {
  step: string;
  percent: number;
}

export interface DemoWarehouseSummary {
  tables: { name: string; rows: number }[];
}

export interface GenerateDemoWarehouseOptions {
  today?: Date;
  scale?: number;
  onProgress?: (progress: DemoWarehouseProgress) => void | Promise<void>;
}

export const DEMO_WAREHOUSE_TABLES: readonly string[] = Object.freeze([
  "accounts",
  "products",
  "customers",
  "orders",
  "events",
]);

const BASE_ROWS = {
  accounts: 10_000,
  products: 500,
  customers: 100_000,
  orders: 300_000,
  events: 2_000_000,
} as const;

const DAY = 86_400;
const EVENT_WINDOW_DAYS = 180;
const SIGNUP_SPAN_DAYS = 1_095;

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

type Weighted = readonly (readonly [string, number])[];

interface Country {
  code: string;
  weight: number;
  region: string;
  dial: string;
  eu: boolean;
  cities: readonly string[];
}

// Weights are per mille of B2C customers; cities are ordered roughly by size (bigger cities are
// picked more often).
const COUNTRIES: readonly Country[] = [
  { code: "US", weight: 345, region: "en", dial: "1", eu: false, cities: ["New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas", "Austin", "San Francisco", "Seattle", "Denver", "Boston", "Atlanta", "Miami", "Portland", "Nashville", "Minneapolis", "Detroit"] },
  { code: "GB", weight: 95, region: "en", dial: "44", eu: false, cities: ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Liverpool", "Bristol", "Edinburgh", "Sheffield", "Newcastle upon Tyne", "Cardiff", "Belfast", "Nottingham", "Brighton"] },
  { code: "CA", weight: 70, region: "en", dial: "1", eu: false, cities: ["Toronto", "Montreal", "Vancouver", "Calgary", "Ottawa", "Edmonton", "Winnipeg", "Quebec City", "Hamilton", "Halifax", "Victoria"] },
  { code: "DE", weight: 75, region: "de", dial: "49", eu: true, cities: ["Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Düsseldorf", "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden", "Hanover", "Nuremberg"] },
  { code: "FR", weight: 60, region: "fr", dial: "33", eu: true, cities: ["Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille", "Rennes"] },
  { code: "AU", weight: 50, region: "en", dial: "61", eu: false, cities: ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Gold Coast", "Canberra", "Hobart"] },
  { code: "NL", weight: 35, region: "nl", dial: "31", eu: true, cities: ["Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere"] },
  { code: "ES", weight: 35, region: "es", dial: "34", eu: true, cities: ["Madrid", "Barcelona", "Valencia", "Seville", "Zaragoza", "Málaga", "Bilbao", "Palma"] },
  { code: "BR", weight: 45, region: "pt", dial: "55", eu: false, cities: ["São Paulo", "Rio de Janeiro", "Brasília", "Salvador", "Fortaleza", "Belo Horizonte", "Curitiba", "Recife", "Porto Alegre"] },
  { code: "IN", weight: 50, region: "in", dial: "91", eu: false, cities: ["Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune", "Ahmedabad", "Jaipur"] },
  { code: "JP", weight: 30, region: "jp", dial: "81", eu: false, cities: ["Tokyo", "Osaka", "Yokohama", "Nagoya", "Sapporo", "Fukuoka", "Kobe", "Kyoto"] },
  { code: "IT", weight: 30, region: "it", dial: "39", eu: true, cities: ["Rome", "Milan", "Naples", "Turin", "Florence", "Bologna", "Genoa", "Palermo"] },
  { code: "MX", weight: 25, region: "es", dial: "52", eu: false, cities: ["Mexico City", "Guadalajara", "Monterrey", "Puebla", "Tijuana", "León", "Mérida"] },
  { code: "SE", weight: 15, region: "sv", dial: "46", eu: true, cities: ["Stockholm", "Gothenburg", "Malmö", "Uppsala", "Västerås"] },
  { code: "IE", weight: 15, region: "en", dial: "353", eu: true, cities: ["Dublin", "Cork", "Galway", "Limerick"] },
  { code: "NZ", weight: 10, region: "en", dial: "64", eu: false, cities: ["Auckland", "Wellington", "Christchurch", "Hamilton"] },
  { code: "SG", weight: 15, region: "en", dial: "65", eu: false, cities: ["Singapore"] },
];

const NAMES: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>> = {
  en: {
    first: ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Emily", "Matthew", "Olivia", "Anthony", "Emma", "Mark", "Sophia", "Andrew", "Ava", "Joshua", "Mia", "Ryan", "Hannah", "Kevin", "Grace", "Brian", "Chloe", "Jacob", "Lily", "Maria", "Carlos", "Aisha", "Wei", "Priya", "Noah", "Liam", "Ethan", "Zoe", "Nina"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Patel", "Nguyen", "Kim", "Chen", "O'Brien", "Kelly"],
  },
  de: {
    first: ["Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Elias", "Ben", "Noah", "Anna", "Lena", "Lea", "Hannah", "Emma", "Mia", "Sophie", "Marie", "Laura", "Julia", "Katharina", "Sabine", "Thomas", "Stefan", "Andreas", "Jürgen", "Monika", "Petra", "Tobias", "Jan"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann"],
  },
  nl: {
    first: ["Daan", "Sem", "Lucas", "Levi", "Bram", "Thijs", "Jesse", "Ruben", "Sanne", "Emma", "Julia", "Sophie", "Lotte", "Fleur", "Anouk", "Eva", "Lisa", "Femke", "Noor", "Tess"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer"],
  },
  fr: {
    first: ["Louis", "Gabriel", "Léo", "Raphaël", "Arthur", "Hugo", "Jules", "Lucas", "Adam", "Nathan", "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Alice", "Juliette", "Claire", "Mathilde", "Élodie", "Julien", "Nicolas", "Pierre", "Antoine"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François"],
  },
  es: {
    first: ["María", "José", "Antonio", "Carmen", "Juan", "Ana", "Manuel", "Laura", "Francisco", "Lucía", "David", "Marta", "Javier", "Paula", "Carlos", "Sofía", "Alejandro", "Elena", "Miguel", "Isabel", "Pablo", "Cristina", "Diego", "Sara", "Alberto", "Raquel", "Luis", "Valentina", "Jorge", "Daniela"],
    last: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Castro", "Ortiz", "Flores", "Ramírez", "Cruz"],
  },
  pt: {
    first: ["Miguel", "Arthur", "Gael", "Heitor", "Theo", "Davi", "Gabriel", "Bernardo", "Samuel", "João", "Helena", "Alice", "Laura", "Maria", "Valentina", "Heloísa", "Júlia", "Beatriz", "Ana", "Mariana", "Lucas", "Pedro", "Rafael", "Gustavo", "Larissa", "Camila", "Fernanda", "Bruno", "Thiago", "Letícia"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas"],
  },
  in: {
    first: ["Aarav", "Vivaan", "Aditya", "Vihaan", "Arjun", "Sai", "Reyansh", "Krishna", "Ishaan", "Rohan", "Rahul", "Amit", "Vikram", "Ananya", "Diya", "Priya", "Aadhya", "Saanvi", "Pooja", "Neha", "Kavya", "Isha", "Riya", "Anjali", "Sneha", "Deepika", "Meera", "Sanjay", "Karan", "Nikhil"],
    last: ["Sharma", "Verma", "Gupta", "Patel", "Singh", "Kumar", "Reddy", "Iyer", "Nair", "Menon", "Rao", "Joshi", "Mehta", "Shah", "Desai", "Kapoor", "Malhotra", "Chopra", "Bose", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Agarwal", "Jain", "Pillai", "Kulkarni", "Bhat", "Saxena", "Mishra"],
  },
  jp: {
    first: ["Haruto", "Yuto", "Sota", "Yuki", "Hayato", "Haruki", "Ren", "Riku", "Kaito", "Takumi", "Yui", "Hina", "Aoi", "Sakura", "Mei", "Yuna", "Rin", "Mio", "Koharu", "Akari", "Kenji", "Takeshi", "Hiroshi", "Naoko", "Yumi", "Emi", "Daiki", "Shota", "Ayumi", "Misaki"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto", "Yamashita", "Ishikawa", "Nakajima", "Maeda", "Fujita", "Ogawa"],
  },
  it: {
    first: ["Leonardo", "Francesco", "Alessandro", "Lorenzo", "Mattia", "Andrea", "Gabriele", "Riccardo", "Tommaso", "Edoardo", "Sofia", "Giulia", "Aurora", "Alice", "Ginevra", "Emma", "Giorgia", "Greta", "Beatrice", "Anna", "Marco", "Luca", "Giuseppe", "Paolo", "Chiara", "Francesca", "Elena", "Valentina", "Federica", "Martina"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone"],
  },
  sv: {
    first: ["Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Oskar", "William", "Hugo", "Lucas", "Elias", "Maja", "Alice", "Elsa", "Astrid", "Wilma", "Freja", "Ebba", "Ingrid", "Karin", "Anna", "Eva", "Sara", "Linnea", "Emma", "Klara", "Olivia", "Axel", "Viktor"],
    last: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Mattsson"],
  },
};

interface Industry {
  name: string;
  weight: number;
  nouns: readonly string[];
}

const INDUSTRIES: readonly Industry[] = [
  { name: "Software", weight: 18, nouns: ["Software", "Labs", "Systems", "Cloud", "Analytics", "Technologies"] },
  { name: "Retail", weight: 14, nouns: ["Retail", "Goods", "Outfitters", "Supply", "Market"] },
  { name: "Financial Services", weight: 10, nouns: ["Capital", "Financial", "Partners", "Bank", "Holdings"] },
  { name: "Healthcare", weight: 9, nouns: ["Health", "Medical", "Care", "Bio", "Clinics"] },
  { name: "Manufacturing", weight: 9, nouns: ["Manufacturing", "Industries", "Works", "Robotics", "Materials"] },
  { name: "Media", weight: 7, nouns: ["Media", "Studios", "Publishing", "Entertainment"] },
  { name: "Consulting", weight: 7, nouns: ["Consulting", "Advisors", "Partners", "Group"] },
  { name: "Education", weight: 6, nouns: ["Learning", "Academy", "Education", "Institute"] },
  { name: "Hospitality", weight: 6, nouns: ["Hotels", "Hospitality", "Restaurants", "Travel"] },
  { name: "Logistics", weight: 6, nouns: ["Logistics", "Freight", "Shipping", "Transport"] },
  { name: "Real Estate", weight: 5, nouns: ["Properties", "Realty", "Estates", "Homes"] },
  { name: "Nonprofit", weight: 3, nouns: ["Foundation", "Alliance", "Trust", "Society"] },
];

const COMPANY_PREFIXES = ["Blue", "Stone", "Red", "Silver", "Green", "Iron", "North", "South", "East", "West", "Bright", "Clear", "Deep", "Gold", "High", "Oak", "Pine", "River", "Sun", "Star", "Sky", "Swift", "True", "Wild", "Fair", "Long", "Hill", "Lake", "Snow", "Fox", "Bay", "Cedar", "Copper", "Crystal", "Eagle", "Elm", "Frost", "Harbor", "Maple", "Moon", "Rock", "Sand", "Spring", "Storm", "Summit"];
const COMPANY_SUFFIXES = ["water", "bridge", "field", "wood", "gate", "stone", "ridge", "brook", "point", "view", "haven", "crest", "side", "ford", "vale", "peak", "line", "wave", "leaf", "path", "dale", "shore", "light", "stream", "wind", "spire", "mont", "hurst", "grove", "mark"];
/** Tells apart companies whose generated names collide (none of these is an industry noun). */
const COMPANY_NAME_QUALIFIERS = ["International", "Global", "Worldwide", "Ventures", "Collective"];

interface Category {
  name: string;
  nouns: readonly string[];
  minPrice: number;
  maxPrice: number;
}

const CATEGORIES: readonly Category[] = [
  { name: "Apparel", nouns: ["T-Shirt", "Hoodie", "Sweater", "Jacket", "Jeans", "Chinos", "Dress", "Shirt", "Joggers", "Cardigan"], minPrice: 18, maxPrice: 140 },
  { name: "Footwear", nouns: ["Sneakers", "Running Shoes", "Boots", "Sandals", "Loafers", "Slippers", "Trail Shoes"], minPrice: 35, maxPrice: 220 },
  { name: "Accessories", nouns: ["Backpack", "Tote Bag", "Wallet", "Belt", "Cap", "Scarf", "Sunglasses", "Watch", "Beanie"], minPrice: 12, maxPrice: 180 },
  { name: "Home", nouns: ["Throw Blanket", "Candle", "Mug Set", "Cushion", "Lamp", "Planter", "Towel Set", "Vase"], minPrice: 14, maxPrice: 160 },
  { name: "Beauty", nouns: ["Face Serum", "Moisturizer", "Lip Balm", "Shampoo", "Body Lotion", "Eau de Parfum", "Cleanser"], minPrice: 8, maxPrice: 95 },
  { name: "Electronics", nouns: ["Wireless Earbuds", "Bluetooth Speaker", "Smartwatch", "Power Bank", "Headphones", "Phone Case", "Charging Dock"], minPrice: 19, maxPrice: 399 },
  { name: "Outdoor", nouns: ["Tent", "Sleeping Bag", "Water Bottle", "Rain Jacket", "Hiking Poles", "Camping Chair", "Daypack"], minPrice: 15, maxPrice: 450 },
  { name: "Kids", nouns: ["Plush Toy", "Building Blocks", "Kids Hoodie", "Puzzle", "Picture Book", "Art Kit"], minPrice: 9, maxPrice: 70 },
];

const PRODUCT_ADJECTIVES = ["Classic", "Everyday", "Premium", "Lightweight", "Organic", "Vintage", "Essential", "Heritage", "Urban", "Coastal", "Alpine", "Studio", "Signature", "Modern", "Cozy"];

const CAMPAIGNS = ["weekly-newsletter", "new-arrivals", "flash-sale", "cart-reminder", "win-back-offer", "loyalty-rewards", "product-tips", "seasonal-lookbook"];

const SEARCH_QUERIES = ["running shoes", "hoodie", "gift ideas", "wireless earbuds", "sale", "backpack", "candle", "rain jacket", "kids toys", "sunglasses", "face serum", "tent", "jeans", "smartwatch", "return policy", "free shipping"];

// ---------------------------------------------------------------------------------------------
// SQL helpers (all inputs are constants defined above or numbers computed here)
// ---------------------------------------------------------------------------------------------

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function sqlList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(", ")}]`;
}

function sqlInt(value: number | bigint): string {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new Error(`Not an integer: ${value}`);
  }
  return value.toString();
}

/** A 1-based pick from a list literal using a non-negative integer expression. */
function pickFrom(values: readonly string[], intExpr: string): string {
  return `${sqlList(values)}[1 + (${intExpr}) % ${values.length}]`;
}

/**
 * `CASE` choosing a value by weight from `uColumn`, which must hold an integer uniform in
 * [0, sum of weights). Use a plain column (not a macro call) so it is computed once.
 */
function weightedCase(uColumn: string, choices: Weighted): string {
  let cumulative = 0;
  const branches: string[] = [];
  choices.forEach(([value, weight], index) => {
    cumulative += weight;
    if (index < choices.length - 1) branches.push(`WHEN ${uColumn} < ${cumulative} THEN ${sqlString(value)}`);
    else branches.push(`ELSE ${sqlString(value)}`);
  });
  return `(CASE ${branches.join(" ")} END)`;
}

function totalWeight(choices: Weighted): number {
  return choices.reduce((sum, [, weight]) => sum + weight, 0);
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Parameters of a bijection x -> (x * a + b) % n on [0, n), used to decorrelate skew from ids. */
function permutation(n: number, seed: number): { a: number; b: number } {
  let a = Math.max(1, Math.floor(n * 0.6180339887) + seed);
  while (gcd(a, n) !== 1) a += 1;
  return { a, b: (seed * 7919) % n };
}

function permute(xExpr: string, n: number, seed: number): string {
  const { a, b } = permutation(n, seed);
  return `((${xExpr}) * ${a} + ${b}) % ${n}`;
}

function rows(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}

// Integer hash of (row, salt) -> uniform 32-bit value: Weyl step followed by the "lowbias32"
// finaliser. All intermediate products stay below 2^64 in UBIGINT, so nothing can overflow, and
// the result does not depend on DuckDB's internal hash function.
const MACROS = `
CREATE OR REPLACE TEMP MACRO _mix0(i, s) AS ((i::UBIGINT * 2654435761 + s::UBIGINT * 2246822519 + 3266489917) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix1(x) AS ((xor(x, x >> 16) * 2146121005) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix2(x) AS ((xor(x, x >> 15) * 2221713035) & 4294967295);
CREATE OR REPLACE TEMP MACRO _mix3(x) AS xor(x, x >> 16);
CREATE OR REPLACE TEMP MACRO ru(i, s) AS _mix3(_mix2(_mix1(_mix0(i, s))))::BIGINT;
CREATE OR REPLACE TEMP MACRO rnd(i, s) AS (ru(i, s)::DOUBLE / 4294967296.0);
CREATE OR REPLACE TEMP MACRO ru64(i, s) AS ((ru(i, s)::UBIGINT << 32) | ru(i, s + 1)::UBIGINT);
`;

const SCHEMA = `
CREATE TABLE accounts (
  account_id BIGINT PRIMARY KEY,
  name VARCHAR NOT NULL,
  domain VARCHAR NOT NULL,
  industry VARCHAR NOT NULL,
  employee_count INTEGER NOT NULL,
  country VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE products (
  product_id BIGINT PRIMARY KEY,
  name VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  price DECIMAL(10, 2) NOT NULL
);
CREATE TABLE customers (
  customer_id BIGINT PRIMARY KEY,
  email VARCHAR NOT NULL,
  first_name VARCHAR NOT NULL,
  last_name VARCHAR NOT NULL,
  phone VARCHAR,
  country VARCHAR NOT NULL,
  city VARCHAR NOT NULL,
  plan VARCHAR NOT NULL,
  account_id BIGINT,
  signup_at TIMESTAMP NOT NULL,
  lifetime_value DECIMAL(12, 2) NOT NULL,
  churn_score DOUBLE NOT NULL,
  email_opt_in BOOLEAN NOT NULL,
  sms_opt_in BOOLEAN NOT NULL,
  ads_consent BOOLEAN NOT NULL,
  last_seen_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
  order_id BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  ordered_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL,
  total DECIMAL(12, 2) NOT NULL,
  currency VARCHAR NOT NULL,
  item_count INTEGER NOT NULL,
  channel VARCHAR NOT NULL
);
CREATE TABLE events (
  event_id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  event_type VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  properties JSON NOT NULL
);
COMMENT ON TABLE accounts IS 'Demo data: B2B companies some customers belong to.';
COMMENT ON TABLE products IS 'Demo data: product catalog (prices in USD).';
COMMENT ON TABLE customers IS 'Demo data: one row per customer. lifetime_value is the sum of completed orders (USD).';
COMMENT ON TABLE orders IS 'Demo data: orders (totals in USD).';
COMMENT ON TABLE events IS 'Demo data: behavioural events of the last 180 days; properties is event-specific JSON.';
`;

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

interface Plan {
  anchorS: number;
  accounts: number;
  products: number;
  customers: number;
  orders: number;
  events: number;
}

function ts(offsetExpr: string, anchorS: number): string {
  return `make_timestamp(((${anchorS} - (${offsetExpr}))::BIGINT) * 1000000)`;
}

function referenceTablesSql(): string {
  const countryRows = COUNTRIES.map(
    (c) => `(${sqlString(c.code)}, ${sqlString(c.region)}, ${sqlString(c.dial)}, ${c.eu}, ${sqlList(c.cities)})`,
  ).join(",\n  ");
  const regionRows = Object.entries(NAMES)
    .map(([region, names]) => `(${sqlString(region)}, ${sqlList(names.first)}, ${sqlList(names.last)})`)
    .join(",\n  ");
  const industryRows = INDUSTRIES.map((industry) => `(${sqlString(industry.name)}, ${sqlList(industry.nouns)})`).join(
    ",\n  ",
  );
  return `
CREATE OR REPLACE TEMP TABLE _countries AS
SELECT * FROM (VALUES
  ${countryRows}
) v(code, region, dial, eu, cities);
CREATE OR REPLACE TEMP TABLE _regions AS
SELECT * FROM (VALUES
  ${regionRows}
) v(region, first_names, last_names);
CREATE OR REPLACE TEMP TABLE _industries AS
SELECT * FROM (VALUES
  ${industryRows}
) v(industry, nouns);
`;
}

const COUNTRY_WEIGHTS: Weighted = COUNTRIES.map((c) => [c.code, c.weight] as const);
const INDUSTRY_WEIGHTS: Weighted = INDUSTRIES.map((i) => [i.name, i.weight] as const);

function accountsSql(p: Plan): string {
  return `
CREATE OR REPLACE TEMP TABLE _acct AS
WITH r AS (
  SELECT i AS account_id,
    ru(i, 21) % ${totalWeight(INDUSTRY_WEIGHTS)} AS u_industry,
    ru(i, 22) AS u_prefix,
    ru(i, 23) AS u_suffix,
    ru(i, 24) AS u_noun,
    rnd(i, 25) AS u_size,
    ru(i, 26) % ${totalWeight(COUNTRY_WEIGHTS)} AS u_country,
    rnd(i, 27) AS u_created
  FROM range(1, ${p.accounts + 1}) t(i)
), named AS (
  SELECT r.account_id,
    ${weightedCase("u_industry", INDUSTRY_WEIGHTS)} AS industry,
    ${pickFrom(COMPANY_PREFIXES, "u_prefix")} || ${pickFrom(COMPANY_SUFFIXES, "u_suffix")} AS stem,
    u_noun, u_size, u_created,
    ${weightedCase("u_country", COUNTRY_WEIGHTS)} AS country
  FROM r
), withnoun AS (
  SELECT n.*, n.stem || ' ' || i.nouns[1 + n.u_noun % len(i.nouns)] AS base_name
  FROM named n JOIN _industries i USING (industry)
), numbered AS (
  SELECT w.*, row_number() OVER (PARTITION BY base_name ORDER BY account_id) AS name_rank FROM withnoun w
), unique_names AS (
  -- "Stem Noun", then "Stem Noun International", ..., then "Stem Noun 7": unique by construction.
  SELECT u.*, base_name || CASE
      WHEN name_rank = 1 THEN ''
      WHEN name_rank <= ${COMPANY_NAME_QUALIFIERS.length + 1} THEN ' ' || ${sqlList(COMPANY_NAME_QUALIFIERS)}[name_rank - 1]
      ELSE ' ' || name_rank::VARCHAR END AS name
  FROM numbered u
)
SELECT account_id, name,
  regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g') || '.example' AS domain,
  industry,
  round(pow(10, 0.6 + 3.9 * pow(u_size, 2.2)))::INTEGER AS employee_count,
  country,
  (7 * ${DAY} + floor(1400 * ${DAY} * pow(u_created, 0.9)))::BIGINT AS created_off
FROM unique_names
ORDER BY account_id;

INSERT INTO accounts
SELECT account_id, name, domain, industry, employee_count, country, ${ts("created_off", p.anchorS)}
FROM _acct ORDER BY account_id;
`;
}

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
const product = {
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

function productsSql(p: Plan): string {
  return `
INSERT INTO products
SELECT i AS product_id, ${product.name("i")} AS name, ${product.category("i")} AS category, ${product.price("i")} AS price
FROM range(1, ${p.products + 1}) t(i)
ORDER BY product_id;
`;
}

const PLAN_WEIGHTS: Weighted = [
  ["free", 55],
  ["starter", 25],
  ["pro", 15],
  ["enterprise", 5],
];
const EMAIL_DOMAINS: Weighted = [
  ["example.com", 50],
  ["example.org", 22],
  ["example.net", 16],
  ["mail.example", 12],
];

function customersSql(p: Plan): string {
  const cleaned = (col: string): string => `regexp_replace(strip_accents(lower(${col})), '[^a-z]', '', 'g')`;
  const lapsedProbability = 0.3;
  return `
CREATE OR REPLACE TEMP TABLE _cust AS
WITH r AS (
  SELECT i AS customer_id,
    ru(i, 41) % ${totalWeight(PLAN_WEIGHTS)} AS u_plan,
    rnd(i, 42) AS u_b2b,
    rnd(i, 43) AS u_account,
    ru(i, 44) % ${totalWeight(COUNTRY_WEIGHTS)} AS u_country,
    ru(i, 45) AS u_first,
    ru(i, 46) AS u_last,
    rnd(i, 47) AS u_city,
    ru(i, 48) % 100 AS u_pattern,
    ru(i, 49) AS u_number,
    ru(i, 50) % ${totalWeight(EMAIL_DOMAINS)} AS u_domain,
    ru(i, 51) AS u_phone,
    rnd(i, 52) AS u_no_phone,
    rnd(i, 53) AS u_signup,
    rnd(i, 54) AS u_lapsed,
    rnd(i, 55) AS u_lapse,
    rnd(i, 56) AS activity,
    rnd(i, 57) AS u_buyer,
    rnd(i, 58) AS u_email_opt,
    rnd(i, 59) AS u_sms_opt,
    rnd(i, 60) AS u_ads,
    rnd(i, 61) AS u_churn
  FROM range(1, ${p.customers + 1}) t(i)
), planned AS (
  SELECT r.*, ${weightedCase("u_plan", PLAN_WEIGHTS)} AS plan FROM r
), linked AS (
  SELECT planned.*,
    CASE WHEN u_b2b < (CASE plan WHEN 'free' THEN 0.12 WHEN 'starter' THEN 0.35 WHEN 'pro' THEN 0.7 ELSE 0.97 END)
      THEN 1 + ${permute(`floor(${p.accounts} * pow(u_account, 2))::BIGINT`, p.accounts, 3)} END AS account_id,
    ${weightedCase("u_country", COUNTRY_WEIGHTS)} AS b2c_country
  FROM planned
), located AS (
  SELECT l.*, coalesce(a.country, l.b2c_country) AS country, a.domain AS account_domain, a.created_off AS account_off
  FROM linked l LEFT JOIN _acct a USING (account_id)
), named AS (
  SELECT l.*, c.dial, c.eu,
    c.cities[1 + floor(len(c.cities) * pow(u_city, 1.8))::BIGINT] AS city,
    g.first_names[1 + u_first % len(g.first_names)] AS first_name,
    g.last_names[1 + u_last % len(g.last_names)] AS last_name
  FROM located l JOIN _countries c ON c.code = l.country JOIN _regions g ON g.region = c.region
), timed AS (
  SELECT n.*,
    (60 + floor(least(coalesce(account_off, ${SIGNUP_SPAN_DAYS * DAY}), ${SIGNUP_SPAN_DAYS * DAY}) * pow(u_signup, 1.15)))::BIGINT AS signup_off,
    (customer_id <> 1 AND u_lapsed < ${lapsedProbability}) AS lapsed,
    (customer_id = 1 OR u_buyer < (CASE plan WHEN 'free' THEN 0.62 WHEN 'starter' THEN 0.74 WHEN 'pro' THEN 0.84 ELSE 0.9 END)) AS buyer,
    ${cleaned("first_name")} AS f,
    ${cleaned("last_name")} AS l2
  FROM named n
), local AS (
  SELECT t.*,
    CASE WHEN lapsed THEN least(signup_off - 30, 7 * ${DAY} + floor(400 * ${DAY} * pow(u_lapse, 1.3))::BIGINT) ELSE 0 END AS idle_off,
    CASE
      WHEN u_pattern < 25 THEN f || '.' || l2
      WHEN u_pattern < 50 THEN f || '.' || l2 || (1 + u_number % 99)::VARCHAR
      WHEN u_pattern < 62 THEN f || (1 + u_number % 999)::VARCHAR
      WHEN u_pattern < 75 THEN left(f, 1) || l2
      WHEN u_pattern < 85 THEN f || '_' || l2
      WHEN u_pattern < 93 THEN l2 || '.' || f
      ELSE f || l2 || (1960 + u_number % 46)::VARCHAR
    END AS local_part,
    coalesce(account_domain, ${weightedCase("u_domain", EMAIL_DOMAINS)}) AS email_domain
  FROM timed t
)
SELECT customer_id,
  CASE WHEN row_number() OVER (PARTITION BY local_part, email_domain ORDER BY customer_id) = 1
    THEN local_part || '@' || email_domain
    ELSE local_part || '.' || customer_id::VARCHAR || '@' || email_domain END AS email,
  first_name, last_name,
  CASE
    WHEN u_no_phone < 0.12 THEN NULL
    WHEN country IN ('US', 'CA') THEN '+1' || (201 + u_phone % 789)::VARCHAR || '5550' || (100 + (u_phone // 1000) % 100)::VARCHAR
    WHEN country = 'GB' THEN '+447700900' || lpad((u_phone % 1000)::VARCHAR, 3, '0')
    WHEN country = 'AU' THEN '+61491570' || lpad((u_phone % 1000)::VARCHAR, 3, '0')
    ELSE '+' || dial || (CASE WHEN country IN ('IN', 'JP') THEN 7000000000 + u_phone % 2000000000 ELSE 600000000 + u_phone % 300000000 END)::VARCHAR
  END AS phone,
  country, city, plan, account_id, signup_off, idle_off, lapsed, buyer, activity,
  round(least(1.0, greatest(0.0,
    CASE WHEN lapsed THEN 0.55 + 0.4 * least(1.0, idle_off / ${150 * DAY})
      ELSE 0.06 + 0.3 * pow(1 - activity, 2) END
    - CASE plan WHEN 'free' THEN 0 WHEN 'starter' THEN 0.03 WHEN 'pro' THEN 0.05 ELSE 0.08 END
    + CASE WHEN buyer THEN 0 ELSE 0.08 END
    + (u_churn - 0.5) * 0.16)), 4) AS churn_score,
  u_email_opt < (CASE WHEN buyer THEN 0.76 ELSE 0.58 END) AS email_opt_in,
  u_no_phone >= 0.12 AND u_sms_opt < 0.3 AS sms_opt_in,
  u_ads < (CASE WHEN eu THEN 0.45 ELSE 0.7 END) AS ads_consent,
  -- order weight: buyers, more with activity and tenure
  CASE WHEN buyer THEN greatest(1, round(1000 * pow(0.2 + activity, 2)
      * (CASE plan WHEN 'free' THEN 1 WHEN 'starter' THEN 1.3 WHEN 'pro' THEN 1.7 ELSE 2.2 END)
      * least(signup_off - idle_off, ${730 * DAY}) / ${365 * DAY}))::BIGINT
    ELSE 0 END AS w_order,
  idle_off AS event_lo,
  least(signup_off, ${EVENT_WINDOW_DAYS * DAY}) AS event_hi
FROM local
ORDER BY customer_id;
`;
}

const ORDER_STATUS: Weighted = [
  ["cancelled", 5],
  ["refunded", 4],
  ["completed", 91],
];
const ORDER_CHANNEL: Weighted = [
  ["web", 55],
  ["mobile", 35],
  ["store", 10],
];

function ordersSql(p: Plan, totalOrderWeight: bigint): string {
  return `
CREATE OR REPLACE TEMP TABLE _ow AS
SELECT customer_id, idle_off, signup_off - idle_off AS span,
  (sum(w_order) OVER (ORDER BY customer_id ROWS UNBOUNDED PRECEDING) - w_order)::BIGINT AS cum_lo
FROM _cust WHERE w_order > 0;

CREATE OR REPLACE TEMP TABLE _ord AS
WITH r AS (
  SELECT j, (ru64(j, 101) % ${sqlInt(totalOrderWeight)})::BIGINT AS u,
    rnd(j, 103) AS u_time, ru(j, 104) % 100 AS u_status, ru(j, 105) % 100 AS u_items, ru(j, 106) AS u_many,
    rnd(j, 107) AS u_price, ru(j, 108) % 100 AS u_channel
  FROM range(${p.orders}) t(j)
), a AS (
  SELECT r.*, w.customer_id, w.idle_off + floor(w.span * (1 - pow(u_time, 0.4)))::BIGINT AS off
  FROM r ASOF JOIN _ow w ON r.u >= w.cum_lo
), b AS (
  SELECT a.*,
    CASE WHEN u_items < 46 THEN 1 WHEN u_items < 72 THEN 2 WHEN u_items < 86 THEN 3 WHEN u_items < 94 THEN 4
      WHEN u_items < 98 THEN 5 ELSE 6 + u_many % 5 END::INTEGER AS item_count
  FROM a
)
SELECT row_number() OVER (ORDER BY off DESC, j) AS order_id, customer_id, off,
  ${weightedCase("u_status", ORDER_STATUS)} AS status,
  round(item_count * (8 + 160 * pow(u_price, 2.4)), 2)::DECIMAL(12, 2) AS total,
  'USD' AS currency, item_count,
  ${weightedCase("u_channel", ORDER_CHANNEL)} AS channel
FROM b;

INSERT INTO orders
SELECT order_id, customer_id, ${ts("off", p.anchorS)}, status, total, currency, item_count, channel
FROM _ord ORDER BY order_id;
`;
}

// Funnel-shaped frequencies of behavioural events (order_completed comes from the orders).
const EVENT_TYPES: Weighted = [
  ["page_viewed", 320],
  ["product_viewed", 210],
  ["search_performed", 30],
  ["added_to_cart", 140],
  ["checkout_started", 110],
  ["signed_in", 55],
  ["email_opened", 110],
  ["email_clicked", 25],
];
const SIGN_IN_METHODS: Weighted = [
  ["password", 55],
  ["google", 25],
  ["magic_link", 12],
  ["apple", 8],
];
const DEVICES: Weighted = [
  ["desktop", 50],
  ["mobile", 42],
  ["tablet", 8],
];
const REFERRERS: Weighted = [
  ["", 40],
  ["https://www.google.com/", 25],
  ["https://www.instagram.com/", 10],
  ["https://www.facebook.com/", 8],
  ["https://www.tiktok.com/", 7],
  ["https://www.bing.com/", 5],
  ["https://news.example.org/", 5],
];
const SHOP_URL = "https://shop.example.com";
const BLOG_POSTS = ["gift-guide", "how-to-choose-running-shoes", "care-instructions", "behind-the-brand", "sustainability"];
const HELP_PAGES = ["shipping", "returns", "sizing", "contact"];

function eventsWeightsSql(): string {
  return `
CREATE OR REPLACE TEMP TABLE _ew AS
WITH w AS (
  SELECT customer_id, email_opt_in, event_lo AS lo, event_hi - event_lo AS span,
    greatest(1, round(10000 * (0.02 + pow(activity, 3)) * (event_hi - event_lo) / ${EVENT_WINDOW_DAYS * DAY}))::BIGINT AS w
  FROM _cust WHERE event_hi > event_lo
)
SELECT customer_id, email_opt_in, lo, span, w,
  (sum(w) OVER (ORDER BY customer_id ROWS UNBOUNDED PRECEDING) - w)::BIGINT AS cum_lo
FROM w;
`;
}

function eventsSql(p: Plan, behaviouralEvents: number, totalEventWeight: bigint): string {
  const week = 7 * DAY;
  const pathExpr = `(CASE
      WHEN u_path < 22 THEN '/'
      WHEN u_path < 40 THEN '/collections/' || category_slug
      WHEN u_path < 70 THEN '/products/' || ${product.slug("product_id")} || '-' || product_id::VARCHAR
      WHEN u_path < 78 THEN '/collections/sale'
      WHEN u_path < 86 THEN '/blog/' || ${pickFrom(BLOG_POSTS, "u_pick")}
      WHEN u_path < 93 THEN '/account'
      ELSE '/help/' || ${pickFrom(HELP_PAGES, "u_pick")}
    END)`;
  // Three campaigns go out each week (weeks start on Monday); opens/clicks reference them.
  const campaignId = `'cmp_' || (week_no * 3 + u_pick % 3)::VARCHAR`;
  const campaign = `${pickFrom(CAMPAIGNS, "week_no * 3 + u_pick % 3")} || '-' ||
      strftime(make_timestamp((week_no * ${week} - ${3 * DAY})::BIGINT * 1000000), '%Y-%m-%d')`;
  const emailTypesFrom = totalWeight(EVENT_TYPES.filter(([type]) => !type.startsWith("email_")));

  const behavioural =
    behaviouralEvents > 0 && totalEventWeight > 0n
      ? `
CREATE OR REPLACE TEMP TABLE _ev AS
WITH r AS (
  SELECT j, (ru64(j, 201) % ${sqlInt(totalEventWeight)})::BIGINT AS u,
    rnd(j, 203) AS u_time, ru(j, 204) % ${totalWeight(EVENT_TYPES)} AS u_type
  FROM range(${behaviouralEvents}) t(j)
)
SELECT r.j, w.customer_id, w.lo + floor(w.span * u_time)::BIGINT AS off,
  -- customers who did not opt in to email get no email events
  CASE WHEN u_type >= ${emailTypesFrom} AND NOT w.email_opt_in THEN 'page_viewed'
    ELSE ${weightedCase("u_type", EVENT_TYPES)} END AS event_type
FROM r ASOF JOIN _ew w ON r.u >= w.cum_lo;
`
      : `CREATE OR REPLACE TEMP TABLE _ev (j BIGINT, customer_id BIGINT, off BIGINT, event_type VARCHAR);`;

  // Sort narrow rows once (by time) and number them; the wide JSON is built afterwards by a
  // plain scan + projection, which keeps that order on insert.
  return `${behavioural}
CREATE OR REPLACE TEMP TABLE _evo AS
WITH narrow AS (
  SELECT 1 AS src, j, customer_id, event_type, off,
    NULL::DECIMAL(12, 2) AS total, NULL::VARCHAR AS currency, NULL::INTEGER AS item_count, NULL::VARCHAR AS channel
  FROM _ev
  UNION ALL
  SELECT 0 AS src, order_id AS j, customer_id, 'order_completed' AS event_type, off, total, currency, item_count, channel
  FROM _ord WHERE status <> 'cancelled' AND off <= ${EVENT_WINDOW_DAYS * DAY}
)
SELECT row_number() OVER (ORDER BY off DESC, src, j) AS event_id, * FROM narrow
ORDER BY event_id;

INSERT INTO events
WITH b AS (
  SELECT event_id, customer_id, event_type, off, j, total, currency, item_count, channel,
    1 + ${permute(`floor(${p.products} * pow(rnd(j, 205), 2))::BIGINT`, p.products, 5)} AS product_id,
    ru(j, 206) % 100 AS u_path,
    ru(j, 207) % ${totalWeight(REFERRERS)} AS u_ref,
    ru(j, 208) AS u_pick,
    ru(j, 209) % ${totalWeight(SIGN_IN_METHODS)} AS u_method,
    ru(j, 210) % ${totalWeight(DEVICES)} AS u_device,
    rnd(j, 211) AS u_value,
    ((${p.anchorS} - off + ${3 * DAY}) // ${week}) AS week_no
  FROM _evo
), c AS (
  SELECT b.*, ${product.category("product_id")} AS category, ${product.categorySlug("product_id")} AS category_slug,
    ${product.price("product_id")} AS price
  FROM b
), d AS (
  SELECT c.*, CASE WHEN event_type = 'page_viewed' THEN ${pathExpr} END AS path FROM c
)
SELECT event_id, customer_id, event_type, ${ts("off", p.anchorS)} AS occurred_at,
  CASE event_type
    WHEN 'page_viewed' THEN json_object('path', path, 'url', ${sqlString(SHOP_URL)} || path,
      'referrer', nullif(${weightedCase("u_ref", REFERRERS)}, ''))
    WHEN 'product_viewed' THEN json_object('product_id', product_id, 'category', category, 'price', price)
    WHEN 'added_to_cart' THEN json_object('product_id', product_id, 'category', category, 'price', price,
      'quantity', CASE WHEN u_pick % 10 < 8 THEN 1 ELSE 2 + u_pick % 2 END)
    WHEN 'checkout_started' THEN json_object(
      'cart_value', round((1 + u_pick % 4) * (8 + 160 * pow(u_value, 2.4)), 2)::DECIMAL(12, 2),
      'item_count', 1 + u_pick % 4)
    WHEN 'signed_in' THEN json_object('method', ${weightedCase("u_method", SIGN_IN_METHODS)},
      'device', ${weightedCase("u_device", DEVICES)})
    WHEN 'search_performed' THEN json_object('query', ${pickFrom(SEARCH_QUERIES, "u_pick")})
    WHEN 'email_opened' THEN json_object('campaign_id', ${campaignId}, 'campaign', ${campaign})
    WHEN 'email_clicked' THEN json_object('campaign_id', ${campaignId}, 'campaign', ${campaign},
      'url', ${sqlString(SHOP_URL)} || '/collections/' || category_slug)
    WHEN 'order_completed' THEN json_object('order_id', j, 'total', total, 'currency', currency,
      'item_count', item_count, 'channel', channel)
  END AS properties
FROM d;
`;
}

function customersInsertSql(p: Plan): string {
  return `
INSERT INTO customers
WITH o AS (
  SELECT customer_id, sum(total) FILTER (WHERE status = 'completed') AS ltv, min(off) AS last_off
  FROM _ord GROUP BY customer_id
), e AS (
  SELECT customer_id, min(off) AS last_off FROM _ev GROUP BY customer_id
)
SELECT c.customer_id, c.email, c.first_name, c.last_name, c.phone, c.country, c.city, c.plan, c.account_id,
  ${ts("c.signup_off", p.anchorS)},
  coalesce(o.ltv, 0)::DECIMAL(12, 2),
  c.churn_score, c.email_opt_in, c.sms_opt_in, c.ads_consent,
  ${ts("least(c.signup_off, coalesce(o.last_off, c.signup_off), coalesce(e.last_off, c.signup_off))", p.anchorS)}
FROM _cust c LEFT JOIN o USING (customer_id) LEFT JOIN e USING (customer_id)
ORDER BY c.customer_id;
`;
}

async function scalarBigInt(connection: DuckDBConnection, sql: string): Promise<bigint> {
  const reader = await connection.runAndReadAll(sql);
  const value = reader.getRows()[0]?.[0];
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  throw new Error(`Unexpected scalar result for: ${sql}`);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function build(
  connection: DuckDBConnection,
  p: Plan,
  report: (step: string, percent: number) => Promise<void>,
): Promise<DemoWarehouseSummary> {
  await connection.run(MACROS);
  await connection.run(referenceTablesSql());
  await connection.run(SCHEMA);

  await report("Generating accounts", 5);
  await connection.run(accountsSql(p));

  await report("Generating products", 10);
  await connection.run(productsSql(p));

  await report("Generating customers", 15);
  await connection.run(customersSql(p));

  await report("Generating orders", 30);
  const totalOrderWeight = await scalarBigInt(connection, "SELECT sum(w_order) FROM _cust");
  await connection.run(ordersSql(p, totalOrderWeight));

  await report("Generating events", 45);
  await connection.run(eventsWeightsSql());
  const totalEventWeight = await scalarBigInt(connection, "SELECT sum(w) FROM _ew");
  const completedEvents = await scalarBigInt(
    connection,
    `SELECT count(*) FROM _ord WHERE status <> 'cancelled' AND off <= ${EVENT_WINDOW_DAYS * DAY}`,
  );
  const behaviouralEvents = Math.max(0, p.events - Number(completedEvents));
  await connection.run(eventsSql(p, behaviouralEvents, totalEventWeight));

  await report("Calculating lifetime values", 80);
  await connection.run(customersInsertSql(p));

  const tables: { name: string; rows: number }[] = [];
  for (const name of DEMO_WAREHOUSE_TABLES) {
    const count = await scalarBigInt(connection, `SELECT count(*) FROM ${quoteIdentifier(name)}`);
    tables.push({ name, rows: Number(count) });
  }

  await report("Writing the warehouse file", 90);
  await connection.run("DROP TABLE _evo; DROP TABLE _ev; DROP TABLE _ord; DROP TABLE _ew; DROP TABLE _ow; DROP TABLE _cust; DROP TABLE _acct;");
  await connection.run("CHECKPOINT");
  return { tables };
}

let tempCounter = 0;

/**
 * Generates the demo warehouse into `filePath` (replacing any existing file atomically).
 * Resolves with the row count of each table.
 */
export async function generateDemoWarehouse(
  filePath: string,
  options: GenerateDemoWarehouseOptions = {},
): Promise<DemoWarehouseSummary> {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const today = options.today ?? new Date();
  const todayMs = today.getTime();
  if (Number.isNaN(todayMs)) throw new RangeError("today must be a valid date");

  const plan: Plan = {
    anchorS: Math.floor(todayMs / 1000),
    accounts: rows(BASE_ROWS.accounts, scale),
    products: rows(BASE_ROWS.products, scale),
    customers: rows(BASE_ROWS.customers, scale),
    orders: rows(BASE_ROWS.orders, scale),
    events: rows(BASE_ROWS.events, scale),
  };

  let lastPercent = -1;
  const report = async (step: string, percent: number): Promise<void> => {
    lastPercent = Math.max(lastPercent, percent);
    await options.onProgress?.({ step, percent: lastPercent });
  };

  const target = path.resolve(filePath);
  await mkdir(path.dirname(target), { recursive: true });
  tempCounter += 1;
  const tempPath = `${target}.tmp-${process.pid}-${tempCounter}-${randomBytes(3).toString("hex")}`;
  const cleanup = async (): Promise<void> => {
    await rm(tempPath, { force: true });
    await rm(`${tempPath}.wal`, { force: true });
    await rm(`${tempPath}.tmp`, { force: true, recursive: true });
  };

  await report("Preparing", 0);
  let summary: DemoWarehouseSummary;
  try {
    const instance = await DuckDBInstance.create(tempPath, {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    try {
      const connection = await instance.connect();
      try {
        summary = await build(connection, plan, report);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
    // A WAL left next to the target belongs to the file being replaced; DuckDB must not replay
    // it onto the new database.
    await rm(`${target}.wal`, { force: true });
    await rename(tempPath, target);
    await cleanup();
  } catch (error) {
    await cleanup();
    throw error;
  }
  await report("Done", 100);
  return summary;
}
