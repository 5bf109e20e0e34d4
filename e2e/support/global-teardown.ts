import { rmSync } from 'node:fs';

// Removes the data directory that playwright.config.ts created for this run.
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && process.env.E2E_OWNS_DATA_DIR === '1') {
    rmSync(dir, { recursive: true, force: true });
  }
}
