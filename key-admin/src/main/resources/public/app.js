// The API Keys page: plain JavaScript, no build step, no dependencies.
// Secrets rule: the JWT lives in sessionStorage only and the one-time API key only in the DOM of
// the confirmation dialog; neither is ever written to the console or sent anywhere but our API.
'use strict';

const JWT_STORAGE = 'paperlink.jwt';
const TEAM_STORAGE = 'paperlink.team';
const FETCH_TIMEOUT_MS = 15000;
const ADMIN_ROLES = ['OWNER', 'ADMIN'];
const ROLE_LABELS = { OWNER: 'Owner', ADMIN: 'Admin', MANAGER: 'Manager', MEMBER: 'Member' };
const SCOPE_LABELS = { read_write: 'Read & Write', read_only: 'Read-only' };

const state = { config: { publicGatewayUrl: 'http://localhost:8080', maxActiveKeys: 10, routes: [] }, claims: null, teamId: null, keys: [] };
const $ = (id) => document.getElementById(id);

/** Creates an element; text goes through textContent so API data can never inject markup. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function showAlert(el, message) {
  el.textContent = message || '';
  el.hidden = !message;
}

// ---- HTTP ---------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

/** fetch with a deadline, so nothing spins forever; errors carry the API's error.message. */
async function request(method, path, body, withAuth = true) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  const headers = { Accept: 'application/json' };
  if (withAuth) headers.Authorization = 'Bearer ' + sessionStorage.getItem(JWT_STORAGE);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, 'network', e.name === 'AbortError'
      ? 'The server did not answer within ' + FETCH_TIMEOUT_MS / 1000 + ' seconds. Try again.'
      : 'Cannot reach the server. Check your connection and try again.');
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    const error = data && data.error;
    throw new ApiError(response.status, error && error.code,
      (error && error.message) || 'The request failed (HTTP ' + response.status + ').');
  }
  return data;
}

async function api(method, path, body) {
  try {
    return await request(method, path, body);
  } catch (e) {
    if (e.status === 401) signOut(tokenNotValid(e.message) + ' Sign in again with a current token.');
    throw e;
  }
}

/** key-admin's 401 message says which claim failed ("The token has no exp claim …"); lead with what it means. */
function tokenNotValid(reason) {
  return 'Your session token is not valid: ' + reason.replace(/^The /, 'the ').replace(/\.?$/, '.');
}

const teamPath = (suffix = '') => '/admin/v1/teams/' + encodeURIComponent(state.teamId) + '/keys' + suffix;

// ---- Sign-in ------------------------------------------------------------------------------

/** Decodes the JWT payload for display only; the API verifies the signature. */
function decodeJwt(jwt) {
  const parts = (jwt || '').split('.');
  if (parts.length !== 3) throw new Error('That is not a JWT: it should have three parts separated by dots.');
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - base64.length % 4) % 4)), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof claims !== 'object' || claims === null) throw new Error('not an object');
    return claims;
  } catch (e) {
    throw new Error('That token cannot be read. Copy the whole JWT and try again.');
  }
}

/** Checks a JWT enough to show the page; returns an error message or null. */
function problemWith(claims) {
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    return tokenNotValid('it expired ' + relativeTime(new Date(claims.exp * 1000).toISOString())) + ' Get a new one and sign in again.';
  }
  if (!claims.teams || typeof claims.teams !== 'object' || Object.keys(claims.teams).length === 0) {
    return 'This token names no team, so there are no API keys to manage.';
  }
  return null;
}

function signIn(jwt) {
  const trimmed = (jwt || '').trim();
  let claims;
  try { claims = decodeJwt(trimmed); } catch (e) { showSignIn(e.message); return; }
  const problem = problemWith(claims);
  if (problem) { showSignIn(problem); return; }
  sessionStorage.setItem(JWT_STORAGE, trimmed);
  state.claims = claims;
  showKeysPage();
}

function signOut(message) {
  sessionStorage.removeItem(JWT_STORAGE);
  state.claims = null;
  state.keys = [];
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  showSignIn(message);
}

function showSignIn(message) {
  $('keys-page').hidden = true;
  $('user-box').hidden = true;
  $('sign-in').hidden = false;
  $('jwt-input').value = '';
  showAlert($('sign-in-message'), message);
  $('jwt-input').focus();
}

// ---- Keys page ----------------------------------------------------------------------------

function showKeysPage() {
  const claims = state.claims;
  $('sign-in').hidden = true;
  $('keys-page').hidden = false;
  $('user-box').hidden = false;
  $('user-name').textContent = claims.name ? 'Signed in as ' + claims.name : 'Signed in as user ' + (claims.sub || '');
  const select = $('team-select');
  const teams = Object.entries(claims.teams).sort(([a], [b]) => a.localeCompare(b));
  select.replaceChildren(...teams.map(([id, role]) =>
    h('option', { value: id }, id + ' · ' + (ROLE_LABELS[role] || role))));
  const remembered = sessionStorage.getItem(TEAM_STORAGE);
  select.value = teams.some(([id]) => id === remembered) ? remembered : teams[0][0];
  selectTeam(select.value);
}

function selectTeam(teamId) {
  state.teamId = teamId;
  state.keys = [];
  sessionStorage.setItem(TEAM_STORAGE, teamId);
  showAlert($('page-alert'), '');
  const isAdmin = ADMIN_ROLES.includes(state.claims.teams[teamId]);
  // MANAGER/MEMBER: no API call at all, the page says why.
  $('no-access').hidden = isAdmin;
  $('keys-area').hidden = !isAdmin;
  // Nothing of the previous team stays on screen while this one loads.
  $('keys-body').replaceChildren();
  $('keys-table').hidden = true;
  $('empty').hidden = true;
  $('key-count').textContent = '';
  if (isAdmin) loadKeys();
}

async function loadKeys() {
  const teamId = state.teamId;
  $('loading').hidden = false;
  $('keys-table').setAttribute('aria-busy', 'true');
  try {
    const keys = await api('GET', teamPath());
    if (teamId !== state.teamId) return; // the user switched teams meanwhile
    state.keys = Array.isArray(keys) ? keys : (keys && Array.isArray(keys.keys) ? keys.keys : []);
    renderKeys();
  } catch (e) {
    if (e.status !== 401) showAlert($('page-alert'), e.message);
  } finally {
    $('loading').hidden = true;
    $('keys-table').removeAttribute('aria-busy');
  }
}

// Disabled keys count towards the limit: they can be enabled again at any time.
function activeCount() {
  return state.keys.filter((k) => k.status === 'active' || k.status === 'disabled').length;
}

function renderKeys() {
  const max = state.config.maxActiveKeys;
  const active = activeCount();
  $('key-count').textContent = active + ' of ' + max + ' active keys';
  const atLimit = active >= max;
  const button = $('create-button');
  button.disabled = atLimit;
  const reason = $('limit-reason');
  reason.hidden = !atLimit;
  reason.id = 'limit-reason';
  reason.textContent = atLimit ? 'This team has ' + max + ' active keys, the maximum. Revoke one to create another.' : '';
  if (atLimit) { button.setAttribute('aria-describedby', 'limit-reason'); button.title = reason.textContent; }
  else { button.removeAttribute('aria-describedby'); button.removeAttribute('title'); }
  $('empty').hidden = state.keys.length > 0;
  $('keys-table').hidden = state.keys.length === 0;
  $('keys-body').replaceChildren(...state.keys.map(keyRow));
  loadUsage();
}

function keyRow(key) {
  const revoked = key.status === 'revoked' || key.status === 'expired';
  return h('tr', { 'data-key-id': key.id, class: revoked ? 'revoked' : (key.status === 'disabled' ? 'disabled' : null) },
    h('td', { class: 'cell-name', 'data-label': 'Name' },
      h('span', { class: 'key-name' }, key.name), h('code', { class: 'key-prefix' }, key.prefix + '…')),
    h('td', { 'data-label': 'Mode' }, key.mode === 'live'
      ? h('span', { class: 'badge badge-live' }, 'Live') : h('span', { class: 'badge badge-test' }, 'Test')),
    h('td', { 'data-label': 'Scope' }, SCOPE_LABELS[key.scope] || key.scope),
    h('td', { class: 'cell-access', 'data-label': 'Access' }, accessCell(key)),
    h('td', { 'data-label': 'Created by' }, (key.createdBy && key.createdBy.name) || '—',
      h('span', { class: 'status-detail muted', title: exactTime(key.createdAt) }, relativeTime(key.createdAt))),
    h('td', { 'data-label': 'Last used' }, key.lastUsedAt
      ? h('time', { datetime: key.lastUsedAt, title: exactTime(key.lastUsedAt) + (key.lastUsedIp ? ', from ' + key.lastUsedIp : '') },
        relativeTime(key.lastUsedAt))
      : 'Never'),
    h('td', { class: 'cell-usage', 'data-label': 'Last 7 days' }, usageCell(key)),
    h('td', { class: 'cell-status', 'data-label': 'Status' }, statusCell(key)),
    h('td', { class: 'cell-actions' }, revoked ? null : keyMenu(key)));
}

function statusCell(key) {
  if (key.status === 'revoked') {
    const by = key.revokedBy && key.revokedBy.name ? ' by ' + key.revokedBy.name : '';
    return [h('span', { class: 'status-revoked' }, 'Revoked'),
      h('span', { class: 'status-detail', title: exactTime(key.revokedAt) }, (by ? by.slice(1) + ', ' : '') + relativeTime(key.revokedAt))];
  }
  if (key.status === 'expired') {
    return [h('span', {}, 'Expired'), h('span', { class: 'status-detail', title: exactTime(key.expiresAt) }, relativeTime(key.expiresAt))];
  }
  const parts = key.status === 'disabled'
    ? [h('span', { class: 'badge badge-disabled' }, 'Disabled'),
      h('span', { class: 'status-detail', title: exactTime(key.disabledAt) }, 'since ' + relativeTime(key.disabledAt))]
    : [h('span', { class: 'status-active' }, 'Active')];
  if (key.rolledTo) parts.push(h('span', { class: 'status-detail rolled-detail' }, 'Rolled: replaced by a new key'));
  if (key.expiresAt) parts.push(h('span', { class: 'status-detail expires-detail', title: exactTime(key.expiresAt) }, 'expires ' + relativeTime(key.expiresAt)));
  if (key.rateLimit) parts.push(h('span', { class: 'status-detail limit-detail' }, limitText(key.rateLimit)));
  return parts;
}

function limitText(limit) {
  return 'Limit: ' + limit.requests + ' requests / ' + limit.windowSeconds + ' s';
}

// ---- Usage chart: each key's last 7 UTC days as inline SVG bars (no library) ------------------

const USAGE_DAYS = 7;
const SVG_NS = 'http://www.w3.org/2000/svg';
const usageFormat = new Intl.NumberFormat();

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children) el.append(child instanceof Node ? child : String(child));
  return el;
}

function usageCell(key) {
  return h('span', { class: 'usage-chart muted', 'data-usage-for': key.id, 'aria-busy': 'true' }, '…');
}

/** One request per key; a key whose usage cannot be read shows a dash with the reason, nothing spins. */
function loadUsage() {
  const teamId = state.teamId;
  const from = new Date(Date.now() - (USAGE_DAYS - 1) * 86400000).toISOString().slice(0, 10);
  for (const key of state.keys) {
    const path = teamPath('/' + encodeURIComponent(key.id) + '/usage?granularity=day&from=' + from);
    api('GET', path).then((usage) => {
      if (teamId === state.teamId) showUsage(key.id, usage && Array.isArray(usage.buckets) ? usage.buckets : [], null);
    }, (e) => {
      if (teamId === state.teamId) showUsage(key.id, null, e.message);
    });
  }
}

function showUsage(keyId, buckets, problem) {
  const cell = document.querySelector('[data-usage-for="' + CSS.escape(keyId) + '"]');
  if (!cell) return;
  cell.removeAttribute('aria-busy');
  if (!buckets) {
    cell.replaceChildren('—');
    cell.title = 'Usage not available: ' + problem;
    return;
  }
  cell.replaceChildren(usageChart(buckets.slice(-USAGE_DAYS)));
  cell.classList.remove('muted');
}

/** Bars of requests per day; the part of each bar that failed (4xx, 429, 5xx) is drawn in the error colour. */
function usageChart(buckets) {
  const width = 112, height = 28, gap = 2;
  const barWidth = (width - gap * (USAGE_DAYS - 1)) / USAGE_DAYS;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  const label = usageFormat.format(total) + ' request' + (total === 1 ? '' : 's') + ' in the last ' + USAGE_DAYS + ' days';
  const chart = svg('svg', { class: 'usage-svg', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    'aria-label': label }, svg('title', {}, label));
  buckets.forEach((bucket, i) => {
    const s = bucket.byStatus || {};
    const failed = (s['4xx'] || 0) + (s['429'] || 0) + (s['5xx'] || 0);
    const x = i * (barWidth + gap);
    const barHeight = bucket.total === 0 ? 1 : Math.max(2, Math.round(bucket.total / max * height));
    const failedHeight = bucket.total === 0 ? 0 : Math.round(failed / bucket.total * barHeight);
    const day = bucket.start.slice(0, 10);
    const tip = day + ': ' + usageFormat.format(bucket.total) + ' requests (2xx ' + (s['2xx'] || 0) + ', 4xx '
      + (s['4xx'] || 0) + ', 429 ' + (s['429'] || 0) + ', 5xx ' + (s['5xx'] || 0) + ')';
    const bar = svg('g', { class: 'usage-day', 'data-day': day, 'data-total': bucket.total }, svg('title', {}, tip),
      svg('rect', { class: bucket.total === 0 ? 'usage-none' : 'usage-ok', x, y: height - barHeight, width: barWidth, height: barHeight }));
    if (failedHeight > 0) {
      bar.append(svg('rect', { class: 'usage-failed', x, y: height - failedHeight, width: barWidth, height: failedHeight }));
    }
    chart.append(bar);
  });
  return chart;
}

/** Where the key may be used: its routes and its IP allowlist, spelled out. */
function accessCell(key) {
  const routes = key.routes && key.routes.length ? key.routes.join(', ') + ' only' : 'All routes';
  const ips = key.allowedIps && key.allowedIps.length ? key.allowedIps.join(', ') : 'Any IP address';
  return [h('span', { class: 'access-routes' }, routes), h('span', { class: 'status-detail access-ips' }, ips)];
}

/** One checkbox per gateway route (from app-config.json) into a fieldset, ticked where the key has it. */
function renderRouteChoices(fieldset, prefix, selected) {
  for (const old of fieldset.querySelectorAll('.choice')) old.remove();
  for (const name of state.config.routes || []) {
    fieldset.append(h('label', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'routes', value: name, id: prefix + '-' + name, checked: selected.includes(name) }), ' ' + name));
  }
}

function checkedRoutes(fieldset) {
  return [...fieldset.querySelectorAll('input[name="routes"]:checked')].map((box) => box.value);
}

// ---- Time ---------------------------------------------------------------------------------

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

function relativeTime(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  if (Number.isNaN(seconds)) return iso;
  if (Math.abs(seconds) < 45) return 'just now';
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) || UNITS[UNITS.length - 1];
  return relativeFormat.format(Math.round(seconds / size), unit);
}

function exactTime(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' }) + ' (' + iso + ')';
}

// ---- "…" menu per key (menu button pattern: Enter/Space/ArrowDown open, arrows move, Esc closes) ----

function keyMenu(key) {
  const menuId = 'menu-' + key.id;
  const button = h('button', { type: 'button', class: 'btn btn-quiet menu-button', 'aria-haspopup': 'menu',
    'aria-expanded': 'false', 'aria-controls': menuId, 'aria-label': 'Actions for ' + key.name }, '…');
  const item = (action, label, run, cls) => h('li', { role: 'none' }, h('button', { type: 'button', role: 'menuitem',
    tabindex: '-1', class: cls, 'data-action': action, onclick: () => { closeMenu(wrap, false); run(); } }, label));
  const disabled = key.status === 'disabled';
  const menu = h('ul', { id: menuId, class: 'menu', role: 'menu', 'aria-label': 'Actions for ' + key.name, hidden: true },
    item('rename', 'Rename', () => startRename(key)),
    item('edit', 'Edit…', () => openEditDialog(key, button)),
    key.rolledTo || disabled ? null : item('roll', 'Roll…', () => askRoll(key, button)),
    disabled ? item('enable', 'Enable', () => setEnabled(key, true)) : item('disable', 'Disable', () => setEnabled(key, false)),
    item('limit', 'Rate limit…', () => askLimit(key, button)),
    item('revoke', 'Revoke…', () => askRevoke(key, button), 'danger'));
  const wrap = h('div', { class: 'menu-wrap' }, button, menu);
  const items = () => [...menu.querySelectorAll('[role="menuitem"]')];
  button.addEventListener('click', () => (menu.hidden ? openMenu(wrap, 0) : closeMenu(wrap, true)));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); openMenu(wrap, 0); }
    if (e.key === 'ArrowUp') { e.preventDefault(); openMenu(wrap, items().length - 1); }
  });
  menu.addEventListener('keydown', (e) => {
    const list = items();
    const index = list.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { e.preventDefault(); list[(index + 1) % list.length].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); list[(index - 1 + list.length) % list.length].focus(); }
    else if (e.key === 'Home') { e.preventDefault(); list[0].focus(); }
    else if (e.key === 'End') { e.preventDefault(); list[list.length - 1].focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); closeMenu(wrap, true); }
    else if (e.key === 'Tab') { closeMenu(wrap, false); }
  });
  return wrap;
}

function openMenu(wrap, focusIndex) {
  for (const other of document.querySelectorAll('.menu-wrap')) if (other !== wrap) closeMenu(other, false);
  const menu = wrap.querySelector('.menu');
  menu.hidden = false;
  wrap.querySelector('.menu-button').setAttribute('aria-expanded', 'true');
  menu.querySelectorAll('[role="menuitem"]')[focusIndex].focus();
}

function closeMenu(wrap, returnFocus) {
  const menu = wrap.querySelector('.menu');
  if (menu.hidden) return;
  menu.hidden = true;
  const button = wrap.querySelector('.menu-button');
  button.setAttribute('aria-expanded', 'false');
  if (returnFocus) button.focus();
}

document.addEventListener('click', (e) => {
  for (const wrap of document.querySelectorAll('.menu-wrap')) if (!wrap.contains(e.target)) closeMenu(wrap, false);
});

// ---- Rename (inline: Enter saves, Esc cancels) ---------------------------------------------

function startRename(key) {
  const row = document.querySelector('tr[data-key-id="' + CSS.escape(key.id) + '"]');
  const nameEl = row && row.querySelector('.key-name');
  if (!nameEl) return;
  const input = h('input', { class: 'rename-input', value: key.name, maxlength: '100', 'aria-label': 'New name for ' + key.name });
  let busy = false;
  const cancel = () => { if (!busy) renderKeys(); };
  input.addEventListener('keydown', async (e) => {
    if (e.key === 'Escape') { e.preventDefault(); cancel(); focusMenuButton(key.id); }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const name = input.value.trim();
    if (name === key.name) { cancel(); return; }
    busy = true;
    input.disabled = true;
    try {
      const updated = await api('PATCH', teamPath('/' + encodeURIComponent(key.id)), { name });
      state.keys = state.keys.map((k) => (k.id === updated.id ? updated : k));
      showAlert($('page-alert'), '');
      renderKeys();
      focusMenuButton(key.id);
    } catch (err) {
      busy = false;
      input.disabled = false;
      if (err.status !== 401) { showAlert($('page-alert'), err.message); input.focus(); }
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== input && !busy && input.isConnected) cancel(); }, 150));
  nameEl.replaceWith(input);
  input.focus();
  input.select();
}

function focusMenuButton(keyId) {
  const button = document.querySelector('tr[data-key-id="' + CSS.escape(keyId) + '"] .menu-button');
  if (button) button.focus();
}

// ---- Revoke (confirmation naming the key) ---------------------------------------------------

let revoking = null;

function askRevoke(key, returnTo) {
  revoking = { key, returnTo };
  const dialog = $('revoke-dialog');
  $('revoke-title').textContent = 'Revoke “' + key.name + '”?';
  $('revoke-text').textContent = 'Every request with the key “' + key.name + '” (' + key.prefix + '…) will be rejected within seconds. '
    + 'This cannot be undone; the key stays listed as revoked for 90 days.';
  showAlert($('revoke-alert'), '');
  $('revoke-confirm').disabled = false;
  dialog.showModal();
  dialog.querySelector('[data-close]').focus(); // the safe choice gets focus
}

$('revoke-confirm').addEventListener('click', async () => {
  if (!revoking) return;
  const { key } = revoking;
  const confirm = $('revoke-confirm');
  confirm.disabled = true;
  confirm.textContent = 'Revoking…';
  try {
    const updated = await api('POST', teamPath('/' + encodeURIComponent(key.id) + '/revoke'));
    state.keys = state.keys.map((k) => (k.id === updated.id ? updated : k));
    revoking.returnTo = $('create-button');
    $('revoke-dialog').close();
    renderKeys();
  } catch (e) {
    if (e.status !== 401) showAlert($('revoke-alert'), e.message);
    confirm.disabled = false;
  } finally {
    confirm.textContent = 'Revoke key';
  }
});

$('revoke-dialog').addEventListener('close', () => {
  const target = revoking && revoking.returnTo;
  revoking = null;
  if (target && target.isConnected && !target.disabled) target.focus();
});

// ---- Disable / enable (reversible, so no confirmation) --------------------------------------

async function setEnabled(key, enabled) {
  try {
    const updated = await api('PATCH', teamPath('/' + encodeURIComponent(key.id)), { enabled });
    state.keys = state.keys.map((k) => (k.id === updated.id ? updated : k));
    showAlert($('page-alert'), '');
    renderKeys();
    focusMenuButton(key.id);
  } catch (e) {
    if (e.status !== 401) showAlert($('page-alert'), e.message);
  }
}

// ---- Roll (grace period, then the one-time token of the new key) ------------------------------

let rolling = null;

function askRoll(key, returnTo) {
  rolling = { key, returnTo };
  $('roll-title').textContent = 'Roll “' + key.name + '”?';
  $('roll-text').textContent = 'A new key with the same name, mode, scope, IP allowlist and rate limit replaces '
    + key.prefix + '… — update your integration with the new key before the old one stops working.';
  $('roll-grace').value = '86400';
  showAlert($('roll-alert'), '');
  $('roll-confirm').disabled = false;
  $('roll-dialog').showModal();
  $('roll-grace').focus();
}

$('roll-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!rolling) return;
  const { key } = rolling;
  const confirm = $('roll-confirm');
  confirm.disabled = true;
  confirm.textContent = 'Rolling…';
  try {
    const created = await api('POST', teamPath('/' + encodeURIComponent(key.id) + '/roll'),
      { gracePeriodSeconds: Number($('roll-grace').value) });
    rolling.returnTo = null;
    $('roll-dialog').close();
    const dialog = $('create-dialog');
    showAlert($('create-alert'), '');
    dialog.showModal();
    showCreated(created, key);
    loadKeys(); // both keys: the new one, and the old one with its new expiry
  } catch (err) {
    if (err.status !== 401) showAlert($('roll-alert'), err.message);
    confirm.disabled = false;
  } finally {
    confirm.textContent = 'Roll key';
  }
});

$('roll-dialog').addEventListener('close', () => {
  const target = rolling && rolling.returnTo;
  rolling = null;
  if (target && target.isConnected) target.focus();
});

// ---- Per-key rate limit ------------------------------------------------------------------------

let limiting = null;

function askLimit(key, returnTo) {
  limiting = { key, returnTo };
  $('limit-title').textContent = 'Rate limit of “' + key.name + '”';
  $('limit-default').checked = !key.rateLimit;
  $('limit-requests').value = key.rateLimit ? key.rateLimit.requests : '';
  $('limit-window').value = key.rateLimit ? key.rateLimit.windowSeconds : '';
  syncLimitInputs();
  showAlert($('limit-alert'), '');
  $('limit-dialog').showModal();
  (key.rateLimit ? $('limit-requests') : $('limit-default')).focus();
}

function syncLimitInputs() {
  const useDefault = $('limit-default').checked;
  $('limit-requests').disabled = useDefault;
  $('limit-window').disabled = useDefault;
}

/** Both numbers or neither (the default); whole numbers in range, checked again by the API. */
function limitFrom(requestsText, windowText) {
  if (!requestsText && !windowText) return null;
  const requests = Number(requestsText);
  const windowSeconds = Number(windowText);
  if (!Number.isInteger(requests) || requests < 1 || requests > 100000) throw new Error('Requests must be a whole number from 1 to 100000.');
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > 3600) throw new Error('The window must be a whole number of seconds from 1 to 3600.');
  return { requests, windowSeconds };
}

$('limit-default').addEventListener('change', syncLimitInputs);

$('limit-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!limiting) return;
  const { key } = limiting;
  let rateLimit;
  try {
    rateLimit = $('limit-default').checked ? null : limitFrom($('limit-requests').value.trim(), $('limit-window').value.trim());
    if (!$('limit-default').checked && rateLimit === null) throw new Error('Enter requests and a window, or use the default.');
  } catch (err) { showAlert($('limit-alert'), err.message); return; }
  const save = $('limit-save');
  save.disabled = true;
  try {
    await api('PATCH', teamPath('/' + encodeURIComponent(key.id)), { rateLimit });
    $('limit-dialog').close();
    loadKeys(); // a rolled pair shares its limit: both rows change
  } catch (err) {
    if (err.status !== 401) showAlert($('limit-alert'), err.message);
  } finally {
    save.disabled = false;
  }
});

$('limit-dialog').addEventListener('close', () => {
  const target = limiting && limiting.returnTo;
  limiting = null;
  if (target && target.isConnected) target.focus();
});

// ---- Edit (name, allowed IPs checked as you type, expiry, routes) -----------------------------

let editing = null;

/** A Date as the value of a datetime-local input, in the user's local time. */
function localInputValue(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
}

function ipLines(text) {
  return String(text || '').split('\n').map((line) => line.trim()).filter(Boolean);
}

function openEditDialog(key, returnTo) {
  editing = { key, returnTo, ipsValid: true, check: 0 };
  $('edit-title').textContent = 'Edit “' + key.name + '”';
  $('edit-name').value = key.name;
  $('edit-ips').value = (key.allowedIps || []).join('\n');
  $('edit-ips').removeAttribute('aria-invalid');
  $('edit-ips-status').textContent = '';
  $('edit-expiry-never').checked = !key.expiresAt;
  $('edit-expiry-at').checked = !!key.expiresAt;
  $('edit-expires').value = key.expiresAt ? localInputValue(key.expiresAt) : '';
  renderRouteChoices($('edit-routes'), 'edit-route', key.routes || []);
  showAlert($('edit-alert'), '');
  $('edit-submit').disabled = false;
  $('edit-dialog').showModal();
  $('edit-name').focus();
}

/** Asks key-admin (the same rules as create and PATCH) whether the allowlist is valid; shows why not, per line. */
async function checkAllowedIps() {
  if (!editing) return true;
  const check = ++editing.check;
  const lines = ipLines($('edit-ips').value);
  const status = $('edit-ips-status');
  const field = $('edit-ips');
  if (!lines.length) {
    editing.ipsValid = true;
    field.removeAttribute('aria-invalid');
    status.textContent = 'Any address may use this key.';
    status.className = 'field-status';
    return true;
  }
  try {
    const result = await api('POST', '/admin/v1/allowed-ips/check', { allowedIps: lines });
    if (!editing || check !== editing.check) return editing ? editing.ipsValid : false;
    editing.ipsValid = true;
    field.removeAttribute('aria-invalid');
    status.textContent = '✓ ' + result.allowedIps.length + ' valid address(es) or range(s): ' + result.allowedIps.join(', ');
    status.className = 'field-status ok';
    return true;
  } catch (e) {
    if (!editing || check !== editing.check) return false;
    if (e.status === 401) return false;
    const line = /allowedIps\[(\d+)\]/.exec(e.message);
    editing.ipsValid = e.status !== 400;
    field.setAttribute('aria-invalid', String(e.status === 400));
    status.textContent = line ? e.message.replace(/^allowedIps\[\d+\]/, 'Line ' + (Number(line[1]) + 1)) : e.message;
    status.className = 'field-status error';
    return editing.ipsValid;
  }
}

let ipTimer = null;
$('edit-ips').addEventListener('input', () => {
  clearTimeout(ipTimer);
  ipTimer = setTimeout(checkAllowedIps, 250);
});
$('edit-expires').addEventListener('input', () => { $('edit-expiry-at').checked = true; });

function editRequest() {
  const name = $('edit-name').value.trim();
  if (!name) throw new Error('Give the key a name, e.g. where it is used.');
  const body = { name, allowedIps: ipLines($('edit-ips').value), routes: checkedRoutes($('edit-routes')) };
  if ($('edit-expiry-at').checked) {
    const date = new Date($('edit-expires').value);
    if (!$('edit-expires').value || Number.isNaN(date.getTime())) throw new Error('Choose the expiry date and time, or “Never”.');
    body.expiresAt = date.toISOString();
  } else {
    body.expiresAt = null;
  }
  // Only what changed: an unchanged past expiry must not be re-sent (it would be refused as not in the future).
  const key = editing.key;
  if (body.name === key.name) delete body.name;
  if (JSON.stringify(body.allowedIps) === JSON.stringify(key.allowedIps || [])) delete body.allowedIps;
  if (JSON.stringify(body.routes) === JSON.stringify(key.routes || [])) delete body.routes;
  if ((body.expiresAt && key.expiresAt && new Date(body.expiresAt).getTime() === new Date(localInputValue(key.expiresAt)).getTime())
      || (body.expiresAt === null && !key.expiresAt)) delete body.expiresAt;
  return body;
}

$('edit-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (!editing) return;
  const alert = $('edit-alert');
  let body;
  try { body = editRequest(); } catch (err) { showAlert(alert, err.message); return; }
  const submit = $('edit-submit');
  submit.disabled = true;
  submit.textContent = 'Saving…';
  try {
    if (body.allowedIps && !(await checkAllowedIps())) { showAlert(alert, 'Fix the allowed IP addresses first.'); $('edit-ips').focus(); return; }
    if (Object.keys(body).length === 0) { $('edit-dialog').close(); return; }
    const updated = await api('PATCH', teamPath('/' + encodeURIComponent(editing.key.id)), body);
    state.keys = state.keys.map((k) => (k.id === updated.id ? updated : k));
    $('edit-dialog').close();
    renderKeys();
    focusMenuButton(updated.id);
  } catch (err) {
    if (err.status !== 401) showAlert(alert, err.message);
  } finally {
    submit.disabled = false;
    submit.textContent = 'Save changes';
  }
});

$('edit-dialog').addEventListener('close', () => {
  const target = editing && editing.returnTo;
  editing = null;
  if (target && target.isConnected) target.focus();
});

// ---- Create, then show the token once -------------------------------------------------------

function openCreateDialog() {
  const dialog = $('create-dialog');
  $('create-form').reset();
  $('create-form').hidden = false;
  $('created').hidden = true;
  $('advanced').open = false;
  renderRouteChoices($('key-routes'), 'key-route', []);
  showAlert($('create-alert'), '');
  $('create-submit').disabled = false;
  dialog.showModal();
  $('key-name').focus();
}

function createRequest(form) {
  const data = new FormData(form);
  const body = { name: String(data.get('name') || '').trim(), mode: data.get('mode'), scope: data.get('scope') };
  const expires = String(data.get('expiresAt') || '');
  if (expires) {
    const date = new Date(expires); // datetime-local is the user's local time
    if (Number.isNaN(date.getTime())) throw new Error('The expiry date is not a valid date and time.');
    body.expiresAt = date.toISOString();
  }
  const ips = String(data.get('allowedIps') || '').split(/[\s,]+/).filter(Boolean);
  if (ips.length) body.allowedIps = ips;
  const rateLimit = limitFrom(String(data.get('limitRequests') || '').trim(), String(data.get('limitWindow') || '').trim());
  if (rateLimit) body.rateLimit = rateLimit;
  const routes = checkedRoutes($('key-routes'));
  if (routes.length) body.routes = routes;
  if (!body.name) throw new Error('Give the key a name, e.g. where it is used.');
  return body;
}

$('create-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const alert = $('create-alert');
  let body;
  try { body = createRequest(e.target); } catch (err) { showAlert(alert, err.message); $('key-name').focus(); return; }
  const submit = $('create-submit');
  submit.disabled = true;
  submit.textContent = 'Creating…';
  try {
    const created = await api('POST', teamPath(), body);
    showCreated(created);
    const { token, curlExample, ...key } = created; // the token never enters the page state
    state.keys = [key, ...state.keys.filter((k) => k.id !== key.id)];
    renderKeys();
  } catch (err) {
    if (err.status !== 401) showAlert(alert, err.message);
  } finally {
    submit.disabled = false;
    submit.textContent = 'Create key';
  }
});

function showCreated(created, rolledFrom) {
  $('create-form').hidden = true;
  $('created').hidden = false;
  $('created-title').textContent = rolledFrom ? 'Your rolled API key' : 'Your new API key';
  const rolled = $('created-rolled');
  rolled.hidden = !rolledFrom;
  rolled.textContent = rolledFrom ? 'It replaces ' + rolledFrom.prefix + '…, which works until the grace period ends.' : '';
  $('created-token').value = created.token;
  $('created-curl').textContent = created.curlExample || '';
  $('copy-status').textContent = '';
  $('docs-link').href = state.config.publicGatewayUrl + '/api/docs#key=' + encodeURIComponent(created.token);
  $('created-title').focus();
}

$('create-dialog').addEventListener('close', () => {
  // Forget the one-time token as soon as the confirmation is gone.
  $('created-token').value = '';
  $('created-curl').textContent = '';
  $('docs-link').removeAttribute('href');
  const button = $('create-button');
  if (!button.disabled) button.focus();
  else $('key-count').focus();
});

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* fall back below */ }
  }
  // Fallback for plain-http origins: a transient textarea and execCommand.
  const area = h('textarea', { readonly: true, class: 'visually-hidden' });
  area.value = text;
  $('create-dialog').append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  area.remove();
  return ok;
}

async function copyFrom(text, what) {
  const ok = await copyText(text);
  $('copy-status').textContent = ok ? what + ' copied to the clipboard.' : 'Copying failed: select the text and copy it by hand.';
}

$('copy-token').addEventListener('click', () => copyFrom($('created-token').value, 'API key'));
$('copy-curl').addEventListener('click', () => copyFrom($('created-curl').textContent, 'cURL command'));
$('created-token').addEventListener('focus', (e) => e.target.select());

// ---- Wiring ---------------------------------------------------------------------------------

for (const button of document.querySelectorAll('dialog [data-close]')) {
  button.addEventListener('click', () => button.closest('dialog').close());
}
$('create-button').addEventListener('click', openCreateDialog);
$('team-select').addEventListener('change', (e) => selectTeam(e.target.value));
$('sign-out').addEventListener('click', () => signOut('You are signed out.'));
$('sign-in-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('jwt-input').value); });
$('jwt-input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); signIn($('jwt-input').value); }
});
$('key-count').tabIndex = -1;

async function start() {
  // A /#jwt=<token> link: take the token out of the address bar (and history) before anything else.
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('jwt');
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  try {
    state.config = { ...state.config, ...(await request('GET', '/app-config.json', undefined, false)) };
  } catch (e) {
    showAlert($('page-alert'), 'Could not load the page settings (' + e.message + '); using defaults.');
  }
  const jwt = fromLink || sessionStorage.getItem(JWT_STORAGE);
  if (jwt) signIn(jwt);
  else showSignIn('');
}

start();
