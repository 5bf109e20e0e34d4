// Reading what the e2e SMTP sink (support/smtp-sink.mjs) received.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';

export const MAIL_DIR = join(process.env.E2E_DATA_DIR ?? '', 'mail');

/** Every message received so far, parsed. */
export async function receivedMail(): Promise<ParsedMail[]> {
  let names: string[];
  try {
    names = readdirSync(MAIL_DIR).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(names.sort().map((name) => simpleParser(readFileSync(join(MAIL_DIR, name)))));
}

/** The messages whose subject names `reference`. */
export async function mailAbout(reference: string): Promise<ParsedMail[]> {
  return (await receivedMail()).filter((mail) => mail.subject?.includes(reference));
}
