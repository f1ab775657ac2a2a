/**
 * The retail product catalog: generated once per run from the seed, so the same seed gives the
 * same products, prices and popularity. Each product's JSON record is built once; a price
 * lookup then only splices it into the event.
 */
import { asciiJson } from "./format.ts";
import { gtin13 } from "./gtin.ts";
import type { Random } from "./random.ts";
import { sgtinPrefixOfGtin13 } from "./sgtin.ts";
import { CATEGORIES, type Category } from "./retail-categories.ts";
import { ZipfSampler } from "./zipf.ts";

export interface Product {
  sku: string;
  /** GTIN-13 with a valid check digit. */
  gtin: string;
  name: string;
  brand: string;
  category: string;
  /** Shelf price, 2 decimals, within the category's range. */
  price: number;
  currency: string;
  size: string;
}

export interface CatalogOptions {
  products: number;
  /** Zipf exponent of product popularity (0 = uniform). */
  zipfExponent: number;
  currency: string;
  /** GS1 company prefix for the GTINs (item reference gets the remaining digits). */
  companyPrefix: string;
}

/** Psychological price endings, in cents. */
const ENDINGS = [99, 49, 29, 79, 0, 95] as const;

function pricedIn(category: Category, random: Random): number {
  // Log-uniform: cheap items are more common than expensive ones within a category.
  const lo = Math.log(category.minPrice);
  const raw = Math.exp(lo + (Math.log(category.maxPrice) - lo) * random.next());
  const cents = Math.floor(raw) * 100 + random.pick(ENDINGS);
  const min = Math.round(category.minPrice * 100);
  const max = Math.round(category.maxPrice * 100);
  return Math.min(max, Math.max(min, cents)) / 100;
}

export class Catalog {
  readonly products: readonly Product[];
  /** The JSON record of products[i]. */
  readonly records: readonly string[];
  /** SGTIN URN of one item of products[i] (indicator 0, same GTIN) up to its serial. */
  readonly itemEpcPrefixes: readonly string[];
  /** rankToProduct[rank] = product index; rank 0 is the most popular. */
  private readonly rankToProduct: Uint32Array;
  private readonly zipf: ZipfSampler;

  constructor(options: CatalogOptions, random: Random) {
    const products: Product[] = [];
    for (let i = 0; i < options.products; i++) {
      const category = CATEGORIES[i % CATEGORIES.length] as Category;
      const brand = random.pick(category.brands);
      const size = random.pick(category.sizes);
      products.push({
        sku: `${category.code}-${String(i + 1).padStart(5, "0")}`,
        gtin: gtin13(options.companyPrefix, i + 1),
        name: `${brand} ${random.pick(category.variants)} ${random.pick(category.items)} ${size}`,
        brand,
        category: category.name,
        price: pricedIn(category, random),
        currency: options.currency,
        size,
      });
    }
    this.products = products;
    this.records = products.map((p) => asciiJson(JSON.stringify(p)));
    this.itemEpcPrefixes = products.map((p) => sgtinPrefixOfGtin13(p.gtin, options.companyPrefix.length));

    // Popularity is a seeded shuffle of the products, so best sellers span categories.
    this.rankToProduct = new Uint32Array(options.products);
    for (let i = 0; i < options.products; i++) this.rankToProduct[i] = i;
    for (let i = options.products - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const t = this.rankToProduct[i] ?? 0;
      this.rankToProduct[i] = this.rankToProduct[j] ?? 0;
      this.rankToProduct[j] = t;
    }
    this.zipf = new ZipfSampler(options.products, options.zipfExponent);
  }

  /** A product index drawn by popularity. */
  pick(random: Random): number {
    return this.rankToProduct[this.zipf.sample(random)] ?? 0;
  }
}
