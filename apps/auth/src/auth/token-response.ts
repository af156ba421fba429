/** The RFC 6749 §5.1 token response, shared by `/auth/login`, `/auth/refresh` and `/oauth/token`. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}
