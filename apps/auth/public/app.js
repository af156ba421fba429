// The demo page's one module. The access and refresh tokens live in these variables only, never in
// storage a script injected later could read (OWASP HTML5 Security cheat sheet, "Local Storage").
const SERVICES = ['shop', 'helpdesk', 'forum'];
/** What each panel lists and creates. */
const RESOURCES = {
  shop: { path: '/orders', label: (order) => `${order.quantity} × ${order.productName}` },
  helpdesk: { path: '/tickets', label: (ticket) => `${ticket.subject} (${ticket.status})` },
  forum: { path: '/threads', label: (thread) => thread.title },
};
/** Renew this many seconds before `exp`, or at four fifths of a shorter lifetime. */
const RENEW_AHEAD_SECONDS = 30;

const settings = await (await fetch('/demo/settings.json')).json();
let login; // { accessToken, refreshToken, claims }
let renewTimer;
let countdownTimer;

const $ = (selector, root = document) => root.querySelector(selector);
const status = (text) => { $('#status').textContent = text; };

/** Calls a service; `auth` is 'bearer' (the token in memory), 'cookies' or 'none'. Never throws on an HTTP error. */
async function call(url, { method = 'GET', body, auth = 'bearer' } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (auth === 'bearer' && login) headers.authorization = `Bearer ${login.accessToken}`;
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: auth === 'cookies' ? 'include' : 'same-origin',
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    return { ok: response.ok, status: response.status, data };
  } catch (error) {
    return { ok: false, status: 0, data: { message: `unreachable (${error.message})` } };
  }
}

const refusal = (result) => `refused: ${result.status || 'no answer'} ${result.data?.message ?? ''}`.trim();

function decodeJwt(token) {
  const part = (index) => JSON.parse(atob(token.split('.')[index].replace(/-/g, '+').replace(/_/g, '/')));
  return { header: part(0), claims: part(1) };
}

function accept(tokens) {
  const { header, claims } = decodeJwt(tokens.access_token);
  login = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, claims };
  $('#token-header').textContent = JSON.stringify(header, null, 2);
  $('#token-claims').textContent = JSON.stringify(claims, null, 2);
  const secondsLeft = claims.exp - Date.now() / 1000;
  clearTimeout(renewTimer);
  renewTimer = setTimeout(renew, Math.max(1, Math.min(secondsLeft - RENEW_AHEAD_SECONDS, secondsLeft * 0.8)) * 1000);
  clearInterval(countdownTimer);
  countdownTimer = setInterval(showCountdown, 1000);
  showCountdown();
}

function showCountdown() {
  const left = login ? Math.max(0, Math.round(login.claims.exp - Date.now() / 1000)) : undefined;
  $('#countdown').textContent = left === undefined ? '–' : `${Math.floor(left / 60)} min ${left % 60} s`;
}

async function renew() {
  if (!login) return;
  const result = await call('/auth/refresh', { method: 'POST', body: { refresh_token: login.refreshToken }, auth: 'none' });
  if (result.ok) {
    accept(result.data);
    status(`Signed in as ${login.claims.email}; token renewed.`);
  } else {
    status(`Could not renew the token (${refusal(result)}); sign in again.`);
  }
}

function setSignedIn(signedIn) {
  $('#sign-out-button').disabled = !signedIn;
  $('#renew-button').disabled = !signedIn;
  for (const button of document.querySelectorAll('[data-action], [data-try]')) button.disabled = !signedIn;
}

function list(element, lines) {
  element.replaceChildren(...lines.map(([text, className]) => {
    const item = document.createElement('li');
    item.textContent = text;
    if (className) item.className = className;
    return item;
  }));
}

/** One service's panel: who it thinks you are, and your things there. */
async function showPanel(service) {
  const panel = $(`#panel-${service}`);
  const base = settings.services[service];
  const me = await call(`${base}/me`);
  const who = $('[data-who]', panel);
  who.textContent = me.ok ? `${service} sees ${me.data.user.name} <${me.data.user.email}>, ${me.data.user.roles.join(', ')}` : `${service} ${refusal(me)}`;
  who.className = `who ${me.ok ? 'ok' : 'refused'}`;
  const items = me.ok ? await call(`${base}${RESOURCES[service].path}`) : undefined;
  list($('[data-items]', panel), items?.ok ? items.data.map((item) => [RESOURCES[service].label(item)]) : []);
}

const showPanels = () => Promise.all(SERVICES.map(showPanel));

/** What each panel's button creates. */
const CREATE = {
  async shop(base) {
    const products = await call(`${base}/products`, { auth: 'none' });
    if (!products.ok || products.data.length === 0) return products;
    return call(`${base}/orders`, { method: 'POST', body: { productId: products.data[0].id, quantity: 1 } });
  },
  helpdesk: (base) => call(`${base}/tickets`, { method: 'POST', body: { subject: 'Where is my order?', body: 'Opened from the demo page.' } }),
  forum: (base) => call(`${base}/threads`, { method: 'POST', body: { title: `Hello from ${login.claims.email}`, body: 'One login, every service.' } }),
};

async function signIn(event) {
  event.preventDefault();
  const credentials = { email: $('#email').value, password: $('#password').value };
  const result = await call('/auth/login', { method: 'POST', body: credentials, auth: 'none' });
  if (!result.ok) return status(`Sign-in ${refusal(result)}`);
  accept(result.data);
  setSignedIn(true);
  status(`Signed in as ${login.claims.email}.`);
  await showPanels();
}

/** Revokes the refresh token (and the cookie logins, if any), forgets the access token, and shows every panel refuse. */
async function signOut() {
  await call('/auth/logout', { method: 'POST', body: { refresh_token: login.refreshToken }, auth: 'none' });
  await call('/auth/cookie/logout', { method: 'POST', auth: 'cookies' });
  await call('/auth/session/logout', { method: 'POST', auth: 'cookies' });
  login = undefined;
  clearTimeout(renewTimer);
  clearInterval(countdownTimer);
  showCountdown();
  $('#token-header').textContent = '–';
  $('#token-claims').textContent = '–';
  setSignedIn(false);
  status('Signed out: the refresh token is revoked and the page forgot the access token.');
  await showPanels();
}

/** Tries one way of staying logged in on every service and lists what each answered. */
async function tryWay(way, path, auth, logIn) {
  const results = $(`#way-${way} [data-results]`);
  if (logIn) {
    const credentials = { email: $('#email').value, password: $('#password').value };
    const result = await call(logIn, { method: 'POST', body: credentials, auth: 'cookies' });
    if (!result.ok) return list(results, [[`login ${refusal(result)}`, 'refused']]);
  }
  const answers = await Promise.all(
    ['auth', ...SERVICES].map(async (service) => {
      const base = service === 'auth' ? '' : settings.services[service];
      const target = service === 'auth' ? (path === '/session/me' ? '/auth/session/me' : '/auth/me') : `${base}${path}`;
      const result = await call(target, { auth });
      const who = result.data?.user?.email ?? result.data?.email;
      return result.ok ? [`${service}: accepted, ${who}`, 'ok'] : [`${service}: ${refusal(result)}`, 'refused'];
    }),
  );
  list(results, answers);
}

function fillAccounts() {
  const select = $('#email');
  for (const account of settings.accounts) select.add(new Option(`${account.name} (${account.role}), ${account.email}`, account.email));
  if (settings.password) $('#password').value = settings.password;
}

fillAccounts();
$('#sign-in-form').addEventListener('submit', signIn);
$('#sign-out-button').addEventListener('click', signOut);
$('#renew-button').addEventListener('click', renew);
for (const service of SERVICES) {
  $(`#panel-${service} [data-action]`).addEventListener('click', async () => {
    const result = await CREATE[service](settings.services[service]);
    status(result.ok ? `${service}: created.` : `${service}: ${refusal(result)}`);
    await showPanel(service);
  });
}
$('#way-token [data-try]').addEventListener('click', () => tryWay('token', '/me', 'bearer'));
$('#way-token-cookie [data-try]').addEventListener('click', () => tryWay('token-cookie', '/me', 'cookies', '/auth/cookie/login'));
$('#way-session [data-try]').addEventListener('click', () => tryWay('session', '/session/me', 'cookies', '/auth/session/login'));
