import { EMPLOYERS, SCHOOLS } from '../../test/simulators/generator/career-vocabulary';
import { FIRST_NAMES, LAST_NAMES } from '../../test/simulators/generator/people-vocabulary';
import { Rng } from '../../test/simulators/generator/prng';
import { asciiSlug } from '../../test/simulators/generator/text-helpers';

/**
 * The vocabularies of the matching world, large enough for a million people: names, employers
 * and schools, each drawn with a Zipf-like skew so common names have many namesakes and big
 * employers many alumni, as in a real directory. Deterministic for a seed.
 */

/** Draws an index in [0, n) with weight 1 / (rank + offset)^exponent. */
export class SkewedPicker {
  private readonly cumulative: Float64Array;

  constructor(n: number, exponent: number, offset: number) {
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += 1 / (i + offset) ** exponent;
      this.cumulative[i] = total;
    }
  }

  pick(rng: Rng): number {
    const last = this.cumulative.length - 1;
    const target = rng.next() * (this.cumulative[last] ?? 0);
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface Company {
  /** Index in `companyNames`: two companies may share a name (two different "Summit Labs"). */
  nameId: number;
  /** The legal form the company writes after its name ("Inc.", "GmbH"), or ''. */
  legal: string;
  domain: string;
  industry: string;
  size: string;
}

export interface Pools {
  firstNames: readonly string[];
  lastNames: readonly string[];
  companyNames: readonly string[];
  companies: readonly Company[];
  /** Companies by name id: more than one where unrelated companies share a name. */
  companiesByName: ReadonlyMap<number, readonly number[]>;
  schools: readonly string[];
  pickFirst(rng: Rng): number;
  pickLast(rng: Rng): number;
  pickCompany(rng: Rng): number;
  pickSchool(rng: Rng): number;
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v'];
const ONSETS_2 = ['w', 'z', 'br', 'ch', 'dr', 'gr', 'kr', 'st', 'tr', 'sh', 'th', 'bl', 'pl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ie', 'ea', 'y'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 'th', 'nd', 'rk', 'm', 'x', 'ck', 'sz', 'lt'];

const WORDS_A = `Northwind Bluewater Summit Apex Harbor Cedar Granite Silver Redwood Orbit Quantum
  Vertex Lumen Pioneer Atlas Beacon Cobalt Crescent Delta Ember Falcon Frontier Galaxy Horizon
  Ironwood Juniper Keystone Lakeside Maple Meridian Nimbus Oakridge Pinnacle Prairie Quartz
  Riverbend Sapphire Sequoia Skyline Solstice Sterling Sunrise Tidewater Trident Unity Valley
  Vanguard Willow Zenith Aurora Bright Cascade Copper Evergreen Fairway Greenfield Highland
  Indigo Kestrel Lighthouse Magnolia Northstar Oceanic Paragon Radiant Riverstone Seaside
  Stonebridge Terra Titan Upland Westbrook Wildflower Acorn Birch Canyon Driftwood Elmwood
  Foxglove Glacier Hawthorn Ivory Jade Kingfisher Lotus Mistral Nova Onyx Peregrine Quill
  Rosewood Saffron Thistle Umber Verdant Wren Xenon Yarrow Zephyr Halcyon Bramble`.split(/\s+/);
const WORDS_B = `Systems Labs Analytics Health Bank Logistics Software Robotics Energy Foods Media
  Capital Insurance Networks Security Pharma Motors Retail Studios Consulting Partners Dynamics
  Solutions Technologies Digital Cloud Data Devices Materials Biotech Aerospace Telecom Games
  Payments Travel Education Hospitality Textiles Chemicals Engineering Architects Realty Finance
  Advisors Ventures Works Industries Manufacturing Semiconductors Genomics Marine Mining Agritech
  Fintech Mobility Learning Brands Outfitters Supply Instruments`.split(/\s+/);
const WORDS_C = ['', 'Group', 'International', 'Global', 'Europe', 'Americas', 'Holdings'];
const LEGAL = ['', '', '', 'Inc.', 'LLC', 'Ltd.', 'GmbH', 'Corp.', 'S.A.', 'B.V.'];
const SCHOOL_FORMS = [
  (p: string) => `University of ${p}`,
  (p: string) => `${p} State University`,
  (p: string) => `${p} Institute of Technology`,
  (p: string) => `${p} College`,
  (p: string) => `${p} Polytechnic`,
];
export const INDUSTRIES = [
  'Software',
  'Financial Services',
  'Health Care',
  'Retail',
  'Manufacturing',
  'Telecommunications',
  'Media',
  'Logistics',
  'Energy',
  'Education',
];
export const COMPANY_SIZES = [
  '1-10',
  '11-50',
  '51-200',
  '201-500',
  '501-1000',
  '1001-5000',
  '5001+',
];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Made-up but pronounceable words, distinct from each other and from `taken`. */
function syllableWords(rng: Rng, count: number, syllables: [number, number], taken: Set<string>) {
  const words: string[] = [];
  while (words.length < count) {
    let word = '';
    const n = rng.int(syllables[0], syllables[1]);
    for (let i = 0; i < n; i++) {
      word += rng.chance(0.7) ? rng.pick(ONSETS) : rng.pick(ONSETS_2);
      word += rng.pick(VOWELS);
      if (i === n - 1 || rng.chance(0.3)) word += rng.pick(CODAS);
    }
    const name = capitalize(word);
    // Folded, so a made-up "Chloe" cannot stand beside the real "Chloé" as another name.
    if (taken.has(asciiSlug(name))) continue;
    taken.add(asciiSlug(name));
    words.push(name);
  }
  return words;
}

/** The pools: sizes fixed (they shape how often names and employers repeat), content seeded. */
export function buildPools(seed: string): Pools {
  const rng = Rng.fromSeed(seed, 'pools');
  const taken = new Set<string>([...FIRST_NAMES, ...LAST_NAMES].map((n) => asciiSlug(n)));
  const firstNames = [
    ...FIRST_NAMES,
    ...syllableWords(rng, 1200 - FIRST_NAMES.length, [2, 2], taken),
  ];
  const lastNames = [
    ...LAST_NAMES,
    ...syllableWords(rng, 30_000 - LAST_NAMES.length, [2, 3], taken),
  ];

  const companyNames: string[] = EMPLOYERS.map((e) => e.name);
  const combos = rng.sample(
    WORDS_A.flatMap((a) =>
      WORDS_B.flatMap((b) => WORDS_C.map((c) => `${a} ${b}${c ? ` ${c}` : ''}`)),
    ),
    20_000 - companyNames.length,
  );
  companyNames.push(...combos);
  const companies: Company[] = companyNames.map((name, nameId) => {
    // One company in 25 shares its name with another (two unrelated "Summit Labs").
    const shared = nameId >= EMPLOYERS.length && rng.chance(0.04);
    const realDomain = EMPLOYERS[nameId]?.domain;
    return {
      nameId: shared ? rng.int(EMPLOYERS.length, companyNames.length - 1) : nameId,
      legal: nameId < EMPLOYERS.length ? '' : rng.pick(LEGAL),
      domain: realDomain ?? `${name.toLowerCase().replace(/[^a-z]+/g, '')}${nameId}.com`,
      industry: rng.pick(INDUSTRIES),
      size: rng.pick(COMPANY_SIZES),
    };
  });
  const companiesByName = new Map<number, number[]>();
  companies.forEach((c, i) =>
    companiesByName.set(c.nameId, [...(companiesByName.get(c.nameId) ?? []), i]),
  );
  const places = syllableWords(rng, 2_000, [2, 3], new Set());
  const schools = [
    ...SCHOOLS.map((s) => s.name),
    ...places.map((p, i) => (SCHOOL_FORMS[i % SCHOOL_FORMS.length] as (p: string) => string)(p)),
  ];

  const first = new SkewedPicker(firstNames.length, 1.0, 8);
  const last = new SkewedPicker(lastNames.length, 1.0, 15);
  const company = new SkewedPicker(companies.length, 1.0, 20);
  const school = new SkewedPicker(schools.length, 1.0, 10);
  return {
    firstNames,
    lastNames,
    companyNames,
    companies,
    companiesByName,
    schools,
    pickFirst: (r) => first.pick(r),
    pickLast: (r) => last.pick(r),
    pickCompany: (r) => company.pick(r),
    pickSchool: (r) => school.pick(r),
  };
}
