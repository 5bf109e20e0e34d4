// Test data: the demo content the backend seeds with `--demo`, and unique values per test run so
// that reruns against the same database are isolated by data.
import { randomBytes } from 'node:crypto';

export const DEMO_FORM = { title: 'Fundsache melden', slug: 'fundsache-melden' } as const;

export const DEMO_STAFF = {
  email: 'sachbearbeitung@musterstadt.example',
  password: process.env.E2E_STAFF_PASSWORD ?? 'Demo-Passwort-2026',
} as const;

/** The demo administrator: sees every department and the audit log. */
export const DEMO_ADMIN = {
  email: 'admin@musterstadt.example',
  password: process.env.E2E_STAFF_PASSWORD ?? 'Demo-Passwort-2026',
} as const;

/** A case worker of the lost property office (Ordnungsamt) only. */
export const DEMO_FUNDBUERO = {
  email: 'fundbuero@musterstadt.example',
  password: process.env.E2E_STAFF_PASSWORD ?? 'Demo-Passwort-2026',
} as const;

export const DEMO_EDITOR = {
  email: 'redaktion@musterstadt.example',
  password: process.env.E2E_STAFF_PASSWORD ?? 'Demo-Passwort-2026',
} as const;

export const REFERENCE_NUMBER = /^BP-\d{4}-\d{6,}$/;

/** A real 1×1 PNG (the server checks that a photo's bytes are an image). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A short random suffix, e.g. `k3f9x2`. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex').slice(0, 6);
}

export interface LostItemReport {
  item: string;
  description: string;
  foundOn: { day: string; month: string; year: string };
  place: string;
  kind: string;
  value: string;
  firstName: string;
  lastName: string;
  email: string;
  postcode: string;
  reward: 'Ja' | 'Nein';
}

/** A valid report with unique free-text values. */
export function lostItemReport(): LostItemReport {
  const id = uniqueSuffix();
  return {
    item: `Regenschirm ${id}`,
    description: `Blau mit Holzgriff, Kennung ${id}`,
    foundOn: { day: '14', month: '3', year: '2025' },
    place: `Marktplatz ${id}`,
    kind: 'Sonstiges',
    value: '12',
    firstName: 'Erika',
    lastName: `Mustermann-${id}`,
    email: `erika.${id}@example.org`,
    postcode: '12345',
    reward: 'Ja',
  };
}
