/** Product categories of the simulated retail catalog: realistic price ranges and names. */

export interface Category {
  /** JSON value of "category". */
  name: string;
  /** SKU prefix. */
  code: string;
  /** Shelf price range in the catalog currency. */
  minPrice: number;
  maxPrice: number;
  brands: readonly string[];
  items: readonly string[];
  variants: readonly string[];
  sizes: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
  {
    name: "dairy",
    code: "DAI",
    minPrice: 0.79,
    maxPrice: 9.99,
    brands: ["Meadowbrook", "Alpine Fresh", "Clover Hill", "Dairy Gold"],
    items: ["Whole Milk", "Greek Yogurt", "Cheddar Cheese", "Butter", "Cream Cheese", "Mozzarella", "Kefir"],
    variants: ["Organic", "Low Fat", "Classic", "Lactose Free", "Farmhouse"],
    sizes: ["200 g", "500 g", "1 L", "2 L", "250 g"],
  },
  {
    name: "bakery",
    code: "BAK",
    minPrice: 0.99,
    maxPrice: 8.99,
    brands: ["Golden Crust", "Baker's Best", "Stone Mill"],
    items: ["Sourdough Loaf", "Bagels", "Croissants", "Rye Bread", "Muffins", "Tortillas"],
    variants: ["Whole Wheat", "Multigrain", "Classic", "Gluten Free"],
    sizes: ["4 pack", "6 pack", "400 g", "800 g"],
  },
  {
    name: "produce",
    code: "PRO",
    minPrice: 0.39,
    maxPrice: 6.99,
    brands: ["Green Valley", "Sunny Farms", "Orchard Co"],
    items: ["Bananas", "Apples", "Tomatoes", "Avocados", "Spinach", "Carrots", "Strawberries"],
    variants: ["Organic", "Fresh", "Local", "Premium"],
    sizes: ["1 kg", "500 g", "bunch", "each", "250 g"],
  },
  {
    name: "meat",
    code: "MEA",
    minPrice: 2.99,
    maxPrice: 34.99,
    brands: ["Prairie Ranch", "Butcher's Choice", "Highland"],
    items: ["Chicken Breast", "Ground Beef", "Pork Chops", "Salmon Fillet", "Bacon", "Sausages"],
    variants: ["Free Range", "Grass Fed", "Lean", "Smoked"],
    sizes: ["400 g", "500 g", "1 kg", "2 lb"],
  },
  {
    name: "beverages",
    code: "BEV",
    minPrice: 0.69,
    maxPrice: 14.99,
    brands: ["Fizzco", "Spring Peak", "Bean Origin", "Citrus Grove"],
    items: ["Sparkling Water", "Orange Juice", "Cola", "Cold Brew Coffee", "Green Tea", "Energy Drink"],
    variants: ["Zero Sugar", "Original", "Lemon", "Unsweetened"],
    sizes: ["330 ml", "500 ml", "1 L", "1.5 L", "6 x 330 ml"],
  },
  {
    name: "snacks",
    code: "SNK",
    minPrice: 0.79,
    maxPrice: 7.99,
    brands: ["Crunchy Bros", "Nutty Nook", "Sweet Tooth"],
    items: ["Potato Chips", "Trail Mix", "Dark Chocolate", "Pretzels", "Granola Bars", "Popcorn"],
    variants: ["Sea Salt", "BBQ", "Honey Roasted", "Classic", "Spicy"],
    sizes: ["100 g", "150 g", "200 g", "6 pack"],
  },
  {
    name: "frozen",
    code: "FRZ",
    minPrice: 1.99,
    maxPrice: 15.99,
    brands: ["Polar Pantry", "Frost & Co", "Glacier"],
    items: ["Pizza", "Ice Cream", "Mixed Vegetables", "Fish Fingers", "Dumplings", "Berries"],
    variants: ["Family Size", "Classic", "Organic", "Deluxe"],
    sizes: ["300 g", "500 g", "1 kg", "1 L"],
  },
  {
    name: "household",
    code: "HOU",
    minPrice: 1.49,
    maxPrice: 24.99,
    brands: ["CleanPro", "HomeShine", "EcoNest"],
    items: ["Laundry Detergent", "Dish Soap", "Paper Towels", "Trash Bags", "Surface Cleaner"],
    variants: ["Lavender", "Unscented", "Ultra", "Eco"],
    sizes: ["500 ml", "1 L", "2 L", "6 rolls", "30 count"],
  },
  {
    name: "personal_care",
    code: "PER",
    minPrice: 1.29,
    maxPrice: 29.99,
    brands: ["Pure Skin", "Dentafresh", "Silkwave"],
    items: ["Shampoo", "Toothpaste", "Body Wash", "Deodorant", "Hand Cream", "Razor Blades"],
    variants: ["Sensitive", "Fresh Mint", "Moisturizing", "Men's", "Travel"],
    sizes: ["75 ml", "250 ml", "400 ml", "4 pack"],
  },
  {
    name: "electronics",
    code: "ELE",
    minPrice: 4.99,
    maxPrice: 499.99,
    brands: ["Voltix", "Soundwave", "Lumen"],
    items: ["USB-C Cable", "Wireless Earbuds", "Power Bank", "Smart Bulb", "Bluetooth Speaker", "AA Batteries"],
    variants: ["Pro", "Mini", "Max", "Basic"],
    sizes: ["each", "2 pack", "4 pack", "1 m"],
  },
];
