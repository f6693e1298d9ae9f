/**
 * The browser tests play the BankID app at the test backend's BankID simulator (server/eid/simulator/): a
 * test-runner command, `play-bankid`, that approves (or cancels) the newest pending order — a login or a signing —
 * as a test person, through the simulator's admin API, as its test app page does. That API is on another origin
 * and takes JSON without CORS (it is the BankID app's side, not the kit's), so the browser cannot call it; the test
 * runner, in Node, can. Nothing here reaches into the backend: only its simulator's admin API.
 *
 *   executeServerCommand('play-bankid', { personalNumber: '198001012387', action: 'approve' })
 *
 * @param {{ output(): string }} backend the started test backend (its console names the simulator's test app)
 */
export function bankIdPlayer(backend) {
  return {
    name: 'bankid-player',
    async executeCommand({ command, payload }) {
      if (command !== 'play-bankid') return undefined;
      const admin = await adminUrl(backend);
      // The order may not be made yet when the test asks: the form starts it after the click.
      for (let tries = 0; tries < 50; tries++) {
        const orders = await (await fetch(new URL('/sim/orders', admin))).json();
        const order = orders.at(-1);
        if (order) {
          const answer = await fetch(new URL(`/sim/orders/${order.orderRef}/${payload.action ?? 'approve'}`, admin), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ personalNumber: payload.personalNumber }),
          });
          if (!answer.ok) throw new Error(`The BankID simulator answered ${answer.status}: ${await answer.text()}`);
          return { orderRef: order.orderRef };
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('No pending BankID order at the simulator');
    },
  };
}

/** The simulator's admin API, as the backend printed it when it started the simulator. */
async function adminUrl(backend) {
  for (let tries = 0; tries < 50; tries++) {
    const found = /Play the BankID app at (http:\/\/\S+?)\/sim\//.exec(backend.output());
    if (found) return found[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The test backend did not say where its BankID simulator is');
}
