import { scenarioDefaultCosts } from '@continuum/contracts';

/**
 * Editable unit costs (US dollars, 2023) used for a scenario's cost and cost per death averted. Every figure
 * is a default a coalition replaces with its own prices.
 */
export interface Costs {
  /** Per person-year in treatment. NIDA, "Medications to Treat OUD" research report (2021): buprenorphine
   *  ≈ $115/week, methadone ≈ $126/week, extended-release naltrexone ≈ $1,176/month. */
  readonly buprenorphineYear: number;
  readonly methadoneYear: number;
  readonly naltrexoneYear: number;
  /** Two-dose nasal naloxone kit, public-interest price (Narcan OTC ≈ $45; community programmes $35–75). */
  readonly naloxoneKit: number;
  /** ED induction visit with bridge prescription and navigation (D'Onofrio et al. 2017, cost-effectiveness). */
  readonly edInduction: number;
  /** Fentanyl test strips per person-year of use (≈ $1–2 a strip). */
  readonly testStripsYear: number;
  /** Peer recovery support or telehealth per person-year in MOUD, for the retention lever. */
  readonly retentionSupportYear: number;
  /** Jail MOUD per person released on MOUD (induction, bridge supply, linkage). */
  readonly jailMoudRelease: number;
}

export const defaultCosts: Costs = { ...scenarioDefaultCosts };
