import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Drug and terminology knowledge for the prescribing-safety engine, loaded once from the copied
 * reference files in `data/` (see `data/README.md`) into keyed maps, so a check never scans a table.
 */

export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

export interface OpioidIngredient {
  /** Lower-case ingredient name, e.g. "oxycodone". */
  ingredient: string;
  strengthValue: number;
  /** `MG`, `MG/ML`, `MG/HR` or `MG/ACTUAT`. */
  strengthUnit: string;
}

export interface OpioidDrug {
  rxcui: string;
  name: string;
  doseForm: string;
  ingredients: OpioidIngredient[];
  /** Transdermal system (patch): MME depends on patches worn, not on the change interval. */
  patch: boolean;
  /**
   * A form used only or chiefly to treat OUD: sublingual or buccal buprenorphine (with or without
   * naloxone), the buprenorphine implant and extended-release injection, and methadone 40 mg
   * dispersible tablets (dispensed by opioid treatment programs).
   */
  moudForm: boolean;
  /** Every opioid ingredient is buprenorphine (no MME; CDC 2022 Table footnote). */
  buprenorphineOnly: boolean;
  /** Injected (injection, syringe, cartridge, auto-injector): the oral MME factors do not apply (reference §3d). */
  parenteral: boolean;
}

/** The value sets the engine asks about, by file name in `data/valuesets/`. */
export const valueSetNames = [
  'opioid-analgesics-with-ambulatory-misuse-potential',
  'extended-release-opioid-with-ambulatory-misuse-potential',
  'benzodiazepine-medications',
  'cns-depressant-medications',
  'naloxone-medications',
  'buprenorphine-medications',
  'methadone-medications',
  'buprenorphine-and-methadone-medications',
  'oxycodone-medications',
  'fentanyl-type-medications',
  'non-synthetic-opioid-medications',
  'synthetic-opioid-medications',
  'cdc-malignant-cancer-conditions',
  'sickle-cell-diseases',
  'conditions-likely-terminal-for-opioid-prescribing',
  'limited-life-expectancy-conditions',
  'valueset-hospice-disposition',
  'opioid-misuse-disorders',
  'conditions-documenting-substance-misuse',
  'substance-misuse-behavioral-counseling',
  'pain-treatment-plan',
  'pain-management-procedure',
  'pdmp-review-procedure',
  'pdmp-data-reviewed-finding',
  'opioid-misuse-assessment-procedure',
  'valueset-office-visit',
  'all-urine-drug-screening-tests',
  'benzodiazepine-urine-drug-screening-tests',
  'buprenorphine-urine-drug-screening-tests',
  'fentanyl-type-urine-drug-screening-tests',
  'methadone-urine-drug-screening-tests',
  'oxycodone-urine-drug-screening-tests',
  'general-opiate-urine-drug-screening-tests',
  'opiate-specific-urine-drug-screening-tests',
  'cocaine-urine-drug-screening-tests',
  'heroin-urine-drug-screening-tests',
  'phencyclidine-urine-drug-screening-tests',
] as const;
export type ValueSetName = (typeof valueSetNames)[number];

export interface Coding {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}

export interface DrugKnowledge {
  /** RxCUI → opioid drug (the 912-row RxNorm table). */
  opioidDrugs: ReadonlyMap<string, OpioidDrug>;
  /** Lower-case opioid ingredient names in the table. */
  opioidIngredientNames: ReadonlySet<string>;
  /** "system|code" membership for each value set. */
  valueSets: Readonly<Record<ValueSetName, ReadonlySet<string>>>;
  /** Lower-case first words of benzodiazepine, other CNS depressant and naloxone drug names (for extracts without RxNorm codes). */
  benzodiazepineNames: ReadonlySet<string>;
  cnsDepressantNames: ReadonlySet<string>;
}

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

const SUBLINGUAL_OR_BUCCAL = /^(sublingual|buccal) (tablet|film)$/i;

function parseDrugTable(csv: string): Map<string, OpioidDrug> {
  const drugs = new Map<string, OpioidDrug>();
  const lines = csv.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    // The table has no quoted fields (names contain no commas); checked by drug-knowledge.test.ts.
    const [rxcui, name, , doseForm, , ingredient, , strengthValue, strengthUnit] = line.split(',');
    if (!rxcui || !name || !doseForm || !ingredient || !strengthValue || !strengthUnit)
      throw new Error(`drug table line ${i + 1} is incomplete`);
    let drug = drugs.get(rxcui);
    if (!drug) {
      drug = {
        rxcui,
        name,
        doseForm,
        ingredients: [],
        patch: doseForm === 'Transdermal System',
        moudForm: false,
        buprenorphineOnly: false,
        parenteral: /inject|syringe|cartridge/i.test(doseForm),
      };
      drugs.set(rxcui, drug);
    }
    drug.ingredients.push({ ingredient: ingredient.toLowerCase(), strengthValue: Number(strengthValue), strengthUnit });
  }
  for (const drug of drugs.values()) {
    drug.buprenorphineOnly = drug.ingredients.every((i) => i.ingredient === 'buprenorphine');
    const methadoneDispersible =
      drug.ingredients.some((i) => i.ingredient === 'methadone') && drug.doseForm === 'Tablet for Oral Suspension';
    const buprenorphineOud =
      drug.buprenorphineOnly &&
      (SUBLINGUAL_OR_BUCCAL.test(drug.doseForm) || drug.doseForm === 'Drug Implant' || drug.doseForm === 'Prefilled Syringe');
    // Belbuca (buprenorphine buccal film) is labelled for pain, but the scope treats all
    // sublingual and buccal buprenorphine as MOUD; a pain-only buccal film is still never given MME.
    drug.moudForm = buprenorphineOud || methadoneDispersible;
  }
  return drugs;
}

function readValueSet(name: string): { codes: Set<string>; displays: string[] } {
  const json = JSON.parse(fs.readFileSync(path.join(dataDir, 'valuesets', `${name}.json`), 'utf8')) as {
    expansion?: { contains?: { system?: string; code?: string; display?: string }[] };
  };
  const codes = new Set<string>();
  const displays: string[] = [];
  for (const c of json.expansion?.contains ?? []) {
    if (c.system && c.code) codes.add(`${c.system}|${c.code}`);
    if (c.display) displays.push(c.display);
  }
  return { codes, displays };
}

function firstWords(displays: string[]): Set<string> {
  const words = new Set<string>();
  for (const d of displays) {
    const w = /^[A-Za-z-]+/.exec(d.trim())?.[0]?.toLowerCase();
    if (w && w.length > 3) words.add(w);
  }
  return words;
}

/** Reads the reference files. About 30 ms; call once per process (see `drugKnowledge`). */
export function loadDrugKnowledge(): DrugKnowledge {
  const opioidDrugs = parseDrugTable(fs.readFileSync(path.join(dataDir, 'opioid-drug-ingredients-rxnorm-2020-10-20.csv'), 'utf8'));
  const valueSets = {} as Record<ValueSetName, ReadonlySet<string>>;
  let benzodiazepineNames = new Set<string>();
  let cnsDepressantNames = new Set<string>();
  for (const name of valueSetNames) {
    const { codes, displays } = readValueSet(name);
    valueSets[name] = codes;
    if (name === 'benzodiazepine-medications') benzodiazepineNames = firstWords(displays);
    if (name === 'cns-depressant-medications') cnsDepressantNames = firstWords(displays);
  }
  const opioidIngredientNames = new Set<string>();
  for (const d of opioidDrugs.values()) for (const i of d.ingredients) opioidIngredientNames.add(i.ingredient);
  return { opioidDrugs, opioidIngredientNames, valueSets, benzodiazepineNames, cnsDepressantNames };
}

let loaded: DrugKnowledge | undefined;

/** The process-wide knowledge, loaded on first use. It is immutable reference data, never state. */
export function drugKnowledge(): DrugKnowledge {
  loaded ??= loadDrugKnowledge();
  return loaded;
}

/** Whether any coding is in the value set. */
export function inValueSet(k: DrugKnowledge, name: ValueSetName, codings: readonly Coding[]): boolean {
  const set = k.valueSets[name];
  for (const c of codings) if (c.system && c.code && set.has(`${c.system}|${c.code}`)) return true;
  return false;
}

/** The first RxNorm coding found in the opioid drug table (as CDC's calculator does). */
export function findOpioidDrug(k: DrugKnowledge, codings: readonly Coding[]): OpioidDrug | undefined {
  for (const c of codings) {
    if (c.code && (c.system === RXNORM || c.system === undefined)) {
      const d = k.opioidDrugs.get(c.code);
      if (d) return d;
    }
  }
  return undefined;
}
