/**
 * How a letter was signed, as recorded with the signing (advice.signed_via and the audit row of
 * advice.approve): with a passkey assertion for exactly that letter (the web app), or with an API
 * token (an integration; the token's id says which).
 */
export type SignedWith = { method: 'passkey'; credentialId: string } | { method: 'token'; tokenId: string };

export const signedViaValue = (s: SignedWith) => (s.method === 'passkey' ? `passkey:${s.credentialId}` : `token:${s.tokenId}`);

export function parseSignedVia(value: string | null | undefined): SignedWith | null {
  const m = value?.match(/^(passkey|token):(.+)$/);
  if (!m) return null;
  return m[1] === 'passkey' ? { method: 'passkey', credentialId: m[2] } : { method: 'token', tokenId: m[2] };
}

/** The audit detail of a signing: `signedWith` and the credential's or token's id. */
export const signedWithDetail = (s: SignedWith) =>
  s.method === 'passkey' ? { signedWith: 'passkey', credentialId: s.credentialId } : { signedWith: 'token', tokenId: s.tokenId };
