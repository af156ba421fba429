/** The routes that read `application/x-www-form-urlencoded` bodies: the token and introspection endpoints. */
export const OAUTH_FORM_ROUTES = ['/oauth/token', '/oauth/introspect'] as const;
