import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import { RUN_DIR } from './topology';

/**
 * The edge's HTTPS certificate for `pnpm start` and the test stack. Given ones win
 * (PAYGATE_TLS_CERT_FILE and PAYGATE_TLS_KEY_FILE in this process's environment, PAYGATE_TLS_CA_FILE
 * what clients should trust, default the certificate itself); otherwise a self-signed development
 * certificate for 127.0.0.1, ::1 and localhost, made once in `.run/tls/` and reused until it is
 * within a week of expiring. Clients trust it by passing `caFile` as their CA (`ca:` in Node).
 */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** What a client passes as its CA to verify the edge. */
  caFile: string;
  /** True when this call made a new certificate. */
  generated: boolean;
}

export const DEV_TLS_DIR = path.join(RUN_DIR, 'tls');
const VALID_DAYS = 365;
const RENEW_WITHIN_MS = 7 * 24 * 3_600_000;

/** A usable development certificate: key matches, valid now and for a week more, names 127.0.0.1 and localhost. */
export function isUsableDevCertificate(certPem: string | Buffer, keyPem: string | Buffer, now = Date.now()): boolean {
  try {
    const cert = new X509Certificate(certPem);
    if (Date.parse(cert.validFrom) > now || Date.parse(cert.validTo) - now < RENEW_WITHIN_MS) return false;
    if (!cert.checkIP('127.0.0.1') || !cert.checkHost('localhost')) return false;
    return cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/** Self-signed, EC P-256, SHA-256; SAN IP 127.0.0.1, IP ::1, DNS localhost; serverAuth. */
export async function generateDevCertificate(now = new Date()): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(now.getTime() - 3_600_000); // a little clock skew is no reason to fail
  const notAfterDate = new Date(now.getTime() + VALID_DAYS * 24 * 3_600_000);
  const pems = await generate([{ name: 'commonName', value: 'Paygate development (127.0.0.1, localhost)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Written beside and renamed over: a reader never sees half a file (key first, so a new cert never meets an old key for long). */
function writeAtomically(file: string, contents: string, mode: number): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, contents, { mode });
  fs.renameSync(temp, file);
}

/** The development certificate in `dir`, made (or made again) when missing, expiring or not for 127.0.0.1/localhost. */
export async function ensureDevCertificate(dir = DEV_TLS_DIR, log: (line: string) => void = () => {}): Promise<TlsFiles> {
  const certFile = path.join(dir, 'edge-cert.pem');
  const keyFile = path.join(dir, 'edge-key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile) && isUsableDevCertificate(fs.readFileSync(certFile), fs.readFileSync(keyFile))) {
    return { certFile, keyFile, caFile: certFile, generated: false };
  }
  const { cert, key } = await generateDevCertificate();
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(keyFile, key, 0o600);
  writeAtomically(certFile, cert, 0o644);
  log(`development TLS certificate for 127.0.0.1 and localhost written to ${certFile} (valid ${VALID_DAYS} days)`);
  return { certFile, keyFile, caFile: certFile, generated: true };
}

/** The edge's certificate: the one the environment gives, or the development one. */
export async function edgeTlsFiles(source: NodeJS.ProcessEnv = process.env, log: (line: string) => void = () => {}): Promise<TlsFiles> {
  const certFile = source.PAYGATE_TLS_CERT_FILE;
  const keyFile = source.PAYGATE_TLS_KEY_FILE;
  if (certFile && keyFile) return { certFile, keyFile, caFile: source.PAYGATE_TLS_CA_FILE || certFile, generated: false };
  if (certFile || keyFile) throw new Error('PAYGATE_TLS_CERT_FILE and PAYGATE_TLS_KEY_FILE go together: set both, or neither for a development certificate');
  return ensureDevCertificate(DEV_TLS_DIR, log);
}
