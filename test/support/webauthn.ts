/**
 * A software authenticator for the workerd tests: a real ES256 key pair (WebCrypto), real
 * authenticator data, attestation objects (fmt "none") and DER signatures, so that the server's
 * real WebAuthn verification (@simplewebauthn/server) runs on every ceremony.
 */
import { fromBase64Url, toBase64Url } from '../../worker/lib/crypto';

const enc = new TextEncoder();

const sha256 = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));

function concat(...parts: Uint8Array[]) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- just enough CBOR ------------------------------------------------------------------------

function head(major: number, n: number) {
  if (n < 24) return new Uint8Array([(major << 5) | n]);
  if (n < 256) return new Uint8Array([(major << 5) | 24, n]);
  return new Uint8Array([(major << 5) | 25, n >> 8, n & 0xff]);
}
const cborInt = (n: number) => (n >= 0 ? head(0, n) : head(1, -1 - n));
const cborBytes = (b: Uint8Array) => concat(head(2, b.length), b);
const cborText = (s: string) => concat(head(3, enc.encode(s).length), enc.encode(s));
const cborMap = (entries: [Uint8Array, Uint8Array][]) => concat(head(5, entries.length), ...entries.flatMap(([k, v]) => [k, v]));

/** Raw r‖s (WebCrypto) to the DER SEQUENCE that WebAuthn's ES256 signatures use. */
function derSignature(raw: Uint8Array) {
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.slice(i);
    if (v[0] & 0x80) v = concat(new Uint8Array([0]), v);
    return concat(new Uint8Array([0x02, v.length]), v);
  };
  const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

export type CreationOptions = { challenge: string; rp: { id: string; name: string }; user: { id: string; name: string } };
export type RequestOptions = { challenge: string; rpId: string; allowCredentials?: { id: string }[] };

/** One passkey on one device: registers once, then answers assertions with a rising counter. */
export class SoftAuthenticator {
  credentialId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  counter = 0;
  private keys!: CryptoKeyPair;

  constructor(readonly origin: string) {}

  private async authData(rpId: string, flags: number, attested?: Uint8Array) {
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, this.counter);
    return concat(await sha256(enc.encode(rpId)), new Uint8Array([flags]), count, attested ?? new Uint8Array());
  }

  private clientData(type: string, challenge: string, origin = this.origin) {
    return enc.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** The JSON that the page's script posts after navigator.credentials.create(). */
  async register(options: CreationOptions, opts: { origin?: string; userVerified?: boolean } = {}) {
    this.keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = (await crypto.subtle.exportKey('jwk', this.keys.publicKey)) as JsonWebKey;
    const cose = cborMap([
      [cborInt(1), cborInt(2)],
      [cborInt(3), cborInt(-7)],
      [cborInt(-1), cborInt(1)],
      [cborInt(-2), cborBytes(fromBase64Url(jwk.x!))],
      [cborInt(-3), cborBytes(fromBase64Url(jwk.y!))],
    ]);
    const id = fromBase64Url(this.credentialId);
    const attested = concat(new Uint8Array(16), new Uint8Array([id.length >> 8, id.length & 0xff]), id, cose);
    const flags = 0x01 | (opts.userVerified === false ? 0 : 0x04) | 0x40;
    const authData = await this.authData(options.rp.id, flags, attested);
    const attestationObject = cborMap([
      [cborText('fmt'), cborText('none')],
      [cborText('attStmt'), cborMap([])],
      [cborText('authData'), cborBytes(authData)],
    ]);
    return JSON.stringify({
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64Url(this.clientData('webauthn.create', options.challenge, opts.origin)),
        attestationObject: toBase64Url(attestationObject),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    });
  }

  /** The JSON that the page's script posts after navigator.credentials.get(). */
  async assert(options: RequestOptions, opts: { origin?: string; challenge?: string } = {}) {
    this.counter++;
    const authData = await this.authData(options.rpId, 0x01 | 0x04);
    const clientData = this.clientData('webauthn.get', opts.challenge ?? options.challenge, opts.origin);
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, concat(authData, await sha256(clientData))),
    );
    return JSON.stringify({
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: toBase64Url(clientData),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(derSignature(raw)),
      },
      clientExtensionResults: {},
    });
  }
}

/** The WebAuthn options that a page carries in its JSON block (#webauthn-options). */
export function pageOptions<T = CreationOptions & RequestOptions>(html: string): T {
  const m = html.match(/<script type="application\/json" id="webauthn-options">([\s\S]*?)<\/script>/);
  if (!m) throw new Error('no WebAuthn options on the page');
  return JSON.parse(m[1]) as T;
}
