/**
 * Reference data of the demo warehouse: countries, names, companies, products, campaigns, pages
 * and the weights that shape every distribution. Pure constants: the generator is deterministic
 * for a given vocabulary, so any change here changes the generated contents.
 */

/** `[value, weight]` pairs; a value is drawn with probability weight / sum of weights. */
export type Weighted = readonly (readonly [string, number])[];

export interface Country {
  code: string;
  weight: number;
  region: string;
  dial: string;
  eu: boolean;
  cities: readonly string[];
}

// Weights are per mille of B2C customers; cities are ordered roughly by size (bigger cities are
// picked more often).
export const COUNTRIES: readonly Country[] = [
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

export const NAMES: Readonly<Record<string, { first: readonly string[]; last: readonly string[] }>> = {
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

export interface Industry {
  name: string;
  weight: number;
  nouns: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
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

export const COMPANY_PREFIXES = ["Blue", "Stone", "Red", "Silver", "Green", "Iron", "North", "South", "East", "West", "Bright", "Clear", "Deep", "Gold", "High", "Oak", "Pine", "River", "Sun", "Star", "Sky", "Swift", "True", "Wild", "Fair", "Long", "Hill", "Lake", "Snow", "Fox", "Bay", "Cedar", "Copper", "Crystal", "Eagle", "Elm", "Frost", "Harbor", "Maple", "Moon", "Rock", "Sand", "Spring", "Storm", "Summit"];
export const COMPANY_SUFFIXES = ["water", "bridge", "field", "wood", "gate", "stone", "ridge", "brook", "point", "view", "haven", "crest", "side", "ford", "vale", "peak", "line", "wave", "leaf", "path", "dale", "shore", "light", "stream", "wind", "spire", "mont", "hurst", "grove", "mark"];
/** Tells apart companies whose generated names collide (none of these is an industry noun). */
export const COMPANY_NAME_QUALIFIERS = ["International", "Global", "Worldwide", "Ventures", "Collective"];

export interface Category {
  name: string;
  nouns: readonly string[];
  minPrice: number;
  maxPrice: number;
}

export const CATEGORIES: readonly Category[] = [
  { name: "Apparel", nouns: ["T-Shirt", "Hoodie", "Sweater", "Jacket", "Jeans", "Chinos", "Dress", "Shirt", "Joggers", "Cardigan"], minPrice: 18, maxPrice: 140 },
  { name: "Footwear", nouns: ["Sneakers", "Running Shoes", "Boots", "Sandals", "Loafers", "Slippers", "Trail Shoes"], minPrice: 35, maxPrice: 220 },
  { name: "Accessories", nouns: ["Backpack", "Tote Bag", "Wallet", "Belt", "Cap", "Scarf", "Sunglasses", "Watch", "Beanie"], minPrice: 12, maxPrice: 180 },
  { name: "Home", nouns: ["Throw Blanket", "Candle", "Mug Set", "Cushion", "Lamp", "Planter", "Towel Set", "Vase"], minPrice: 14, maxPrice: 160 },
  { name: "Beauty", nouns: ["Face Serum", "Moisturizer", "Lip Balm", "Shampoo", "Body Lotion", "Eau de Parfum", "Cleanser"], minPrice: 8, maxPrice: 95 },
  { name: "Electronics", nouns: ["Wireless Earbuds", "Bluetooth Speaker", "Smartwatch", "Power Bank", "Headphones", "Phone Case", "Charging Dock"], minPrice: 19, maxPrice: 399 },
  { name: "Outdoor", nouns: ["Tent", "Sleeping Bag", "Water Bottle", "Rain Jacket", "Hiking Poles", "Camping Chair", "Daypack"], minPrice: 15, maxPrice: 450 },
  { name: "Kids", nouns: ["Plush Toy", "Building Blocks", "Kids Hoodie", "Puzzle", "Picture Book", "Art Kit"], minPrice: 9, maxPrice: 70 },
];

export const PRODUCT_ADJECTIVES = ["Classic", "Everyday", "Premium", "Lightweight", "Organic", "Vintage", "Essential", "Heritage", "Urban", "Coastal", "Alpine", "Studio", "Signature", "Modern", "Cozy"];

export const CAMPAIGNS = ["weekly-newsletter", "new-arrivals", "flash-sale", "cart-reminder", "win-back-offer", "loyalty-rewards", "product-tips", "seasonal-lookbook"];

export const SEARCH_QUERIES = ["running shoes", "hoodie", "gift ideas", "wireless earbuds", "sale", "backpack", "candle", "rain jacket", "kids toys", "sunglasses", "face serum", "tent", "jeans", "smartwatch", "return policy", "free shipping"];

export const COUNTRY_WEIGHTS: Weighted = COUNTRIES.map((c) => [c.code, c.weight] as const);
export const INDUSTRY_WEIGHTS: Weighted = INDUSTRIES.map((i) => [i.name, i.weight] as const);

export const PLAN_WEIGHTS: Weighted = [
  ["free", 55],
  ["starter", 25],
  ["pro", 15],
  ["enterprise", 5],
];
export const EMAIL_DOMAINS: Weighted = [
  ["example.com", 50],
  ["example.org", 22],
  ["example.net", 16],
  ["mail.example", 12],
];

export const ORDER_STATUS: Weighted = [
  ["cancelled", 5],
  ["refunded", 4],
  ["completed", 91],
];
export const ORDER_CHANNEL: Weighted = [
  ["web", 55],
  ["mobile", 35],
  ["store", 10],
];

// Funnel-shaped frequencies of behavioural events (order_completed comes from the orders).
export const EVENT_TYPES: Weighted = [
  ["page_viewed", 320],
  ["product_viewed", 210],
  ["search_performed", 30],
  ["added_to_cart", 140],
  ["checkout_started", 110],
  ["signed_in", 55],
  ["email_opened", 110],
  ["email_clicked", 25],
];
export const SIGN_IN_METHODS: Weighted = [
  ["password", 55],
  ["google", 25],
  ["magic_link", 12],
  ["apple", 8],
];
export const DEVICES: Weighted = [
  ["desktop", 50],
  ["mobile", 42],
  ["tablet", 8],
];
export const REFERRERS: Weighted = [
  ["", 40],
  ["https://www.google.com/", 25],
  ["https://www.instagram.com/", 10],
  ["https://www.facebook.com/", 8],
  ["https://www.tiktok.com/", 7],
  ["https://www.bing.com/", 5],
  ["https://news.example.org/", 5],
];
export const SHOP_URL = "https://shop.example.com";
export const BLOG_POSTS = ["gift-guide", "how-to-choose-running-shoes", "care-instructions", "behind-the-brand", "sustainability"];
export const HELP_PAGES = ["shipping", "returns", "sizing", "contact"];
