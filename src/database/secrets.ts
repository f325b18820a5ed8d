import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger';
import { parseHexKey, SecretBox } from '../common/secret-box';

/**
 * The key that seals credentials: SECRET_KEY when set (required in production with an external
 * database), else a key file made once in the data folder (the embedded default).
 */
export function loadSecretBox(
  options: { key: string | undefined; previousKeys: string[]; dataDir: string },
  logger: Logger,
): SecretBox {
  const previous = options.previousKeys.map(parseHexKey);
  if (options.key) return new SecretBox(parseHexKey(options.key), previous);
  const file = path.join(options.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    // wx: never overwrite a key another process just wrote.
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      logger.info(
        { file },
        'generated the credentials key (keep it with the data; set SECRET_KEY in production)',
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return new SecretBox(parseHexKey(fs.readFileSync(file, 'utf8').trim()), previous);
}
