/** The contract's demo accounts (email, role), which the stack seeds (`SEED_DEMO_DATA=true`). */
export const DEMO_ACCOUNTS = [
  ['alice@example.com', 'customer'],
  ['bob@example.com', 'agent'],
  ['carol@example.com', 'admin'],
  ['dave@example.com', 'moderator'],
] as const;

/** The password of every demo account. */
export const DEMO_PASSWORD = 'sso-demo-password';
