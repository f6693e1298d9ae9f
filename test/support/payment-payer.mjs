/**
 * The browser tests play the payer at the payment simulators the test backend runs (server/payments/providers/):
 * a test-runner command, `play-payer`, that does what a payer does on the simulator's own page — approve, decline,
 * let the time run out, cancel — by posting that page's form. The pages are on other origins than the test page
 * and send no CORS headers (they are the bank's and Swish's side, not the kit's), so the browser cannot read them;
 * the test runner, in Node, can. Nothing here reaches into the backend: only its simulators' public pages.
 *
 *   executeServerCommand('play-payer', { swish: { payer: '46701234567' }, action: 'approve' })
 *   executeServerCommand('play-payer', { swish: { token } | {}, action: 'decline' })   // {}: the newest request
 *   executeServerCommand('play-payer', { card: redirectUrl, action: 'cancel' })
 *
 * @param {{ output(): string }} backend the started test backend (its console names the simulators' pages)
 */
export function paymentPayer(backend) {
  return {
    name: 'payment-payer',
    async executeCommand({ command, payload }) {
      if (command !== 'play-payer') return undefined;
      if (payload.card) return playCard(payload.card, payload.action);
      return playSwish(await swishPage(backend), payload.swish ?? {}, payload.action);
    },
  };
}

/** The Swish simulator's payer page, as the backend printed it when it started its simulators. */
async function swishPage(backend) {
  for (let tries = 0; tries < 50; tries++) {
    const found = /Play the payer's Swish app at (http:\/\/\S+)/.exec(backend.output());
    if (found) return found[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The test backend did not say where its Swish simulator is');
}

/** The payer answers a payment request in the Swish app: the newest waiting one for the payer's number or token. */
async function playSwish(page, { payer, token }, action) {
  const list = new URL(page);
  if (payer) list.searchParams.set('payer', payer);
  if (token) list.searchParams.set('token', token);
  const html = await (await fetch(list)).text();
  const id = /action="\/sim\/requests\/([0-9A-F]{32})/.exec(html)?.[1];
  if (!id) throw new Error(`No waiting Swish request at ${list}`);
  const answer = await fetch(new URL(`/sim/requests/${id}`, page), { method: 'POST', body: new URLSearchParams({ action }), redirect: 'manual' });
  if (answer.status !== 303) throw new Error(`The Swish simulator answered ${answer.status} to ${action}`);
  return { id };
}

/** The payer on the card page: pay with the test card, have it declined, or cancel. */
async function playCard(menuUrl, action) {
  const answer = await fetch(menuUrl, { method: 'POST', body: new URLSearchParams({ action }), redirect: 'manual' });
  if (answer.status >= 400) throw new Error(`The card simulator answered ${answer.status} to ${action}`);
  return { status: answer.status };
}
