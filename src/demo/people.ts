import type { Grade } from './person-plan.js';
import type { Random } from './random.js';

/**
 * The buyer profile the sales team corrected in the story: the right buyer works in one of
 * these industries, at a company of at least `minEmployees`, in a senior role. A person's grade
 * is how many of the three they meet (3 → A … 0 → D).
 */
export const BUYER_PROFILE = {
  industries: ['Software', 'Financial Services', 'Logistics'],
  minEmployees: 200,
  seniorTitleWords: ['VP', 'Vice President', 'Director', 'Head', 'Chief', 'مدير'],
} as const;

interface Company {
  readonly name: string;
  readonly domain: string;
  readonly industry: string;
  readonly employees: number;
  readonly country: string;
}

const co = (name: string, domain: string, industry: string, employees: number, country: string): Company => ({ name, domain, industry, employees, country });

/** Companies by (target industry?, big enough?). A few carry Arabic names. */
const COMPANIES: Readonly<Record<'tt' | 'tf' | 'ft' | 'ff', readonly Company[]>> = {
  tt: [
    co('Northwind Logistics', 'northwind-logistics.example', 'Logistics', 1400, 'United States'),
    co('Contoso Financial', 'contoso-financial.example', 'Financial Services', 5200, 'United States'),
    co('Fabrikam Software', 'fabrikam.example', 'Software', 850, 'United Kingdom'),
    co('Tailspin Freight', 'tailspin-freight.example', 'Logistics', 640, 'Germany'),
    co('Woodgrove Bank', 'woodgrove.example', 'Financial Services', 9000, 'Canada'),
    co('Adatum Cloud', 'adatum.example', 'Software', 420, 'United States'),
    co('شركة الرياض للتقنية', 'riyadhtech.example', 'Software', 450, 'Saudi Arabia'),
    co('مجموعة الخليج المالية', 'gulf-financial.example', 'Financial Services', 1200, 'United Arab Emirates'),
    co('النخبة للخدمات اللوجستية', 'elite-logistics.example', 'Logistics', 300, 'Saudi Arabia'),
    co('Litware Systems', 'litware.example', 'Software', 2300, 'United States'),
  ],
  tf: [
    co('Bluebird Apps', 'bluebird-apps.example', 'Software', 35, 'United States'),
    co('Pinecone Payments', 'pinecone-pay.example', 'Financial Services', 60, 'United Kingdom'),
    co('Quickhaul Couriers', 'quickhaul.example', 'Logistics', 80, 'Germany'),
    co('Sparrow Dev Studio', 'sparrow-dev.example', 'Software', 12, 'Canada'),
  ],
  ft: [
    co('Alpine Hospitality Group', 'alpine-hospitality.example', 'Hospitality', 3100, 'United States'),
    co('Greenfield Hospitals', 'greenfield-health.example', 'Healthcare', 7800, 'United Kingdom'),
    co('Metro State University', 'metro-state.example', 'Education', 4200, 'United States'),
    co('Harbor Retail', 'harbor-retail.example', 'Retail', 950, 'Canada'),
  ],
  ff: [
    co('Self-employed', 'gmail.com', 'Consulting', 1, 'United States'),
    co('Student', 'outlook.com', 'Education', 1, 'India'),
    co('Brightside Marketing Agency', 'brightside-agency.example', 'Marketing Services', 15, 'United Kingdom'),
    co('Corner Bakery Co', 'yahoo.com', 'Food & Beverage', 8, 'United States'),
    co('Freelance', 'hotmail.com', 'Consulting', 1, 'Egypt'),
  ],
};

const SENIOR_TITLES = ['VP Marketing', 'VP Sales', 'Director of Revenue Operations', 'Head of Demand Generation', 'Chief Revenue Officer', 'Director, Sales Operations', 'مدير التسويق', 'مدير المبيعات'];
const OTHER_TITLES = ['Marketing Coordinator', 'Student', 'Sales Development Representative', 'Analyst', 'Consultant', 'Intern', 'Marketing Manager', 'Account Executive', 'Owner'];

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen', 'Priya', 'Wei', 'Lucas', 'Sofia', 'Hannah', 'Mateo', 'Aisha', 'Noah', 'Emma', 'Olivia'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young', 'Patel', 'Nguyen', 'Kim', 'Schmidt', 'Rossi'];
/** Arabic names in Arabic script, with the transliteration their email uses. */
const ARABIC_FIRST: readonly (readonly [string, string])[] = [
  ['محمد', 'mohammed'], ['أحمد', 'ahmed'], ['فاطمة', 'fatima'], ['عبدالله', 'abdullah'], ['نورة', 'noura'], ['خالد', 'khalid'],
  ['ليلى', 'layla'], ['يوسف', 'yousef'], ['سارة', 'sara'], ['عمر', 'omar'], ['مريم', 'maryam'], ['هند', 'hind'],
];
const ARABIC_LAST: readonly (readonly [string, string])[] = [
  ['العتيبي', 'alotaibi'], ['الحربي', 'alharbi'], ['القحطاني', 'alqahtani'], ['الشمري', 'alshammari'], ['حداد', 'haddad'],
  ['منصور', 'mansour'], ['الزهراني', 'alzahrani'], ['نصار', 'nassar'], ['السيد', 'elsayed'], ['الدوسري', 'aldosari'],
];

export interface Identity {
  readonly firstName: string;
  readonly lastName: string;
  /** Local part of the email, unique within one generation. */
  readonly local: string;
  readonly email: string;
  readonly phone: string;
  readonly company: string;
  readonly website: string | null;
  readonly industry: string;
  readonly employees: number;
  readonly title: string;
  readonly country: string;
  readonly arabic: boolean;
}

const FREE_MAIL = new Set(['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com']);

/**
 * A person whose attributes give exactly `grade` on BUYER_PROFILE. `unique` makes the email
 * unique (a sequence number), so generated persons never merge by accident.
 */
export function identity(rnd: Random, grade: Grade, unique: number, arabicShare: number): Identity {
  const meets = 3 - 'ABCD'.indexOf(grade);
  const which = rnd.shuffle([0, 1, 2]).slice(0, meets);
  const industryOk = which.includes(0);
  const sizeOk = which.includes(1);
  const senior = which.includes(2);
  const company = rnd.pick(COMPANIES[`${industryOk ? 't' : 'f'}${sizeOk ? 't' : 'f'}`]);
  const arabic = rnd.chance(company.country === 'Saudi Arabia' || company.country === 'United Arab Emirates' ? 0.9 : arabicShare);
  const [firstName, firstLatin] = arabic ? rnd.pick(ARABIC_FIRST) : ((n: string) => [n, n.toLowerCase()] as const)(rnd.pick(FIRST));
  const [lastName, lastLatin] = arabic ? rnd.pick(ARABIC_LAST) : ((n: string) => [n, n.toLowerCase()] as const)(rnd.pick(LAST));
  const local = `${firstLatin}.${lastLatin}${unique.toString(36)}`;
  const title = senior ? rnd.pick(arabic ? SENIOR_TITLES : SENIOR_TITLES.slice(0, 6)) : rnd.pick(OTHER_TITLES);
  return {
    firstName,
    lastName,
    local,
    email: `${local}@${company.domain}`,
    phone: `+1 555 ${String(unique % 10_000_000).padStart(7, '0')}`,
    company: company.name,
    website: FREE_MAIL.has(company.domain) ? null : `https://www.${company.domain}`,
    industry: company.industry,
    employees: company.employees,
    title,
    country: company.country,
    arabic,
  };
}

/** The grade BUYER_PROFILE gives these attributes (the generator's own check). */
export function gradeOf(p: { industry: string; employees: number; title: string }): Grade {
  const n =
    ((BUYER_PROFILE.industries as readonly string[]).includes(p.industry) ? 1 : 0) +
    (p.employees >= BUYER_PROFILE.minEmployees ? 1 : 0) +
    (BUYER_PROFILE.seniorTitleWords.some((w) => p.title.includes(w)) ? 1 : 0);
  return (['D', 'C', 'B', 'A'] as const)[n]!;
}

/** Sales reps of the demo company. */
export const SALES_REPS = { H1: ['Sarah Chen', 'James Miller', 'Omar Haddad'], H2: ['Sarah Chen', 'James Miller', 'Omar Haddad', 'Lina Nasser'] } as const;
