/**
 * The `Authorization` header of `client_secret_basic` (RFC 6749 §2.3.1): id and secret are each
 * form-urlencoded (Appendix B), then joined by a colon and base64-encoded (RFC 7617). Encoding
 * first keeps a colon in the id from splitting it, a step often missed.
 */
export function clientSecretBasic(clientId: string, clientSecret: string): string {
  const formEncoded = (value: string) => new URLSearchParams([['', value]]).toString().slice(1);
  return `Basic ${Buffer.from(`${formEncoded(clientId)}:${formEncoded(clientSecret)}`).toString('base64')}`;
}
