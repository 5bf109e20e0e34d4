// The e2e tests' mail server: a real SMTP server (npm `smtp-server`) on 127.0.0.1 that accepts
// every message and writes it, unchanged, as an .eml file into a directory the tests read
// (support/mail.ts). Started by playwright.config.ts before the backend.
//   node support/smtp-sink.mjs <port> <directory>
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const [port, directory] = process.argv.slice(2);
mkdirSync(directory, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  banner: 'Bürgerportal e2e mail sink',
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      count += 1;
      const name = `${Date.now()}-${count}`;
      // Written under a temporary name first, so a reader never sees half a message.
      const partial = join(directory, `${name}.part`);
      writeFileSync(partial, Buffer.concat(chunks));
      renameSync(partial, join(directory, `${name}.eml`));
      callback(null, 'queued');
    });
  },
});
server.on('error', (error) => console.error('smtp sink:', error.message));
server.listen(Number(port), '127.0.0.1');
