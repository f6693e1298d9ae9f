// What the module writes into the page. Pure functions: no Sitevision API, no DOM and no `URL` (Sitevision's
// server-side script engine has none), so the same code runs in Sitevision and in the tests.

/** The elements an editor may choose, with the Swedish name the settings show. */
export const ELEMENTS = {
  'e-service-form': 'E-tjänst',
  'eid-login': 'Logga in',
  'my-cases': 'Mina ärenden',
  'my-profile': 'Min profil',
  'case-messages': 'Meddelanden',
  'cosign-status': 'Underskrift',
};

// An e-service's id as the kit's contract defines it (src/contract/definition.ts).
const SERVICE_ID = /^[a-z][a-z0-9-]{1,62}$/;
// A case's id (the server's are UUIDs).
const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;
// https://host[:port][/path], and http only for this machine (a browser trusts localhost as it trusts https).
const SERVER = /^(https?):\/\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*)(:[0-9]{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/i;
const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** Escapes text for an HTML attribute value in double quotes or for element content. */
export function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function text(value) {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The e-service server's address as the kit wants it (`https://host/path/`, ending in a slash),
 * or undefined when it is not an https address (or http on this machine).
 */
export function serverAddress(value) {
  const match = SERVER.exec(text(value));
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  const host = match[2].toLowerCase();
  const port = match[3] || '';
  const path = match[4] || '/';
  if (scheme === 'http' && LOCAL_HOSTS.indexOf(host) === -1) return undefined;
  if (port && Number(port.slice(1)) > 65535) return undefined;
  if (/(^|\/)\.\.?(\/|$)/.test(path)) return undefined;
  return `${scheme}://${host}${port}${path.charAt(path.length - 1) === '/' ? path : `${path}/`}`;
}

function notice(message, editing) {
  // Visitors of the published page are not told how to fix the module, only that there is nothing to show.
  const body = editing
    ? `<strong>E-tjänstmodulen visas inte:</strong> ${escapeHtml(message)}`
    : 'Den här delen av sidan kan inte visas just nu.';
  return `<div class="esk-sitevision-notice" role="note"><p>${body}</p></div>`;
}

function tag(name, attributes) {
  const written = Object.keys(attributes)
    .filter((key) => attributes[key] !== undefined)
    .map((key) => ` ${key}="${escapeHtml(attributes[key])}"`)
    .join('');
  return `<${name}${written}></${name}>`;
}

/**
 * The module's HTML: the chosen element with only known attributes, each checked and escaped, and the kit's
 * script tag; or, when a setting is missing or not usable, a message (for the editor while editing).
 *
 * @param settings what the editor saved (appData): backend, element, service; and the page's `case` parameter
 * @param options editing: true in the Sitevision editor (the offline version), false on the published page
 */
export function renderModule(settings, options) {
  const editing = !(options && options.editing === false);
  const rawBackend = text(settings.backend);
  if (!rawBackend) {
    return notice('ange adressen till e-tjänsternas server i modulens inställningar, till exempel https://etjanster.kommun.se/.', editing);
  }
  const backend = serverAddress(rawBackend);
  if (!backend) {
    return notice('adressen till e-tjänsternas server ska börja med https:// och bara bestå av servernamn och sökväg, till exempel https://etjanster.kommun.se/.', editing);
  }
  const element = text(settings.element);
  if (!Object.prototype.hasOwnProperty.call(ELEMENTS, element)) {
    return notice('välj vad modulen ska visa i modulens inställningar.', editing);
  }
  const attributes = { backend };
  if (element === 'e-service-form') {
    const service = text(settings.service);
    if (!service) return notice('välj vilken e-tjänst modulen ska visa i modulens inställningar.', editing);
    if (!SERVICE_ID.test(service)) {
      return notice('e-tjänstens id får bara innehålla små bokstäver a–z, siffror och bindestreck och ska börja med en bokstav.', editing);
    }
    attributes.service = service;
  }
  if (element === 'case-messages') {
    // Which case: the page's address says, as a link from Mina ärenden does (?case=…).
    const caseId = text(settings.caseId);
    if (CASE_ID.test(caseId)) attributes.case = caseId;
  }
  // One script tag per module: a module script with the same address runs once per page, however often it appears.
  const script = `<script type="module" src="${escapeHtml(`${backend}kit/e-service-kit.js`)}"></script>`;
  return `${tag(element, attributes)}\n${script}`;
}
