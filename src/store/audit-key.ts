// The key that signs the audit log's checkpoints. It is never in the database: whoever can
// write to the database must not be able to sign. AUDIT_SIGNING_KEY holds it (a PKCS#8 PEM,
// or its base64), or a key file in DATA_DIR made on first use with mode 600.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE = 'audit-signing.key';
export const CHECKPOINTS_FILE = 'audit-checkpoints.log';

export type AuditSigner = {
  /** A short fingerprint of the public key, stored with each checkpoint (key rotation). */
  keyId: string;
  publicKeyPem: string;
  sign(text: string): string;
};

const fromPem = (text: string): KeyObject => {
  const pem = text.includes('-----BEGIN') ? text : Buffer.from(text, 'base64').toString('utf8');
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 private key');
  return key;
};

export function signerFrom(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (text) => sign(null, Buffer.from(text), privateKey).toString('base64'),
  };
}

export const keyIdOf = (publicKeyPem: string) =>
  createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** The signer from AUDIT_SIGNING_KEY, or from DATA_DIR's key file, made there if `create`. */
export function loadSigner(env: { AUDIT_SIGNING_KEY?: string }, dataDir: string, create = true): AuditSigner | null {
  if (env.AUDIT_SIGNING_KEY) return signerFrom(fromPem(env.AUDIT_SIGNING_KEY));
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    if (!create) return null;
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    // Written aside, then linked into place only if no key is there yet: a process killed
    // meanwhile leaves no half-written key, and two starting at once keep the same key.
    const aside = `${file}.${process.pid}.new`;
    writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(aside, { force: true });
    }
  }
  chmodSync(file, 0o600);
  return signerFrom(fromPem(readFileSync(file, 'utf8')));
}

/** For a throwaway database (tests, in-memory): a key that lives as long as the process. */
export const throwawaySigner = (): AuditSigner => signerFrom(generateKeyPairSync('ed25519').privateKey);
