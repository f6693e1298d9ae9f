/**
 * The simulator's "test app": a page where a tester plays the BankID app by hand. It lists
 * the pending orders and, for each, lets the tester be one of the test persons who opens it
 * and approves, cancels, or lets it expire. It talks to the control API beside it.
 */
export const TEST_APP_HTML = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BankID-simulatorn – testappen</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #0b0c0c; }
  header { background: #193e4f; color: #fff; padding: 1rem 1.5rem; }
  main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
  .order { background: #fff; border: 2px solid #b1b4b6; padding: 1rem 1.25rem; margin-bottom: 1rem; }
  .order h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
  .persons { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; }
  button { font: inherit; padding: .45rem .8rem; border: 2px solid #0b0c0c; background: #fff; cursor: pointer; }
  button.approve { background: #00703c; color: #fff; border-color: #00703c; }
  button:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; }
  .muted { color: #505a5f; }
  pre { white-space: pre-wrap; background: #f8f8f8; padding: .5rem; }
</style>
</head>
<body>
<header><strong>BankID-simulatorn</strong> – testappen. Spela BankID-appen: välj en väntande beställning och vem som legitimerar sig.</header>
<main>
  <p class="muted">Beställningar som en e-tjänst har startat visas här inom en sekund. Ingen riktig BankID används.</p>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="orders"></div>
</main>
<script>
const persons = fetch('/sim/persons').then((r) => r.json());
const act = async (orderRef, action, personalNumber) => {
  const response = await fetch('/sim/orders/' + orderRef + '/' + action, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personalNumber }),
  });
  return response.json();
};
async function approve(orderRef, personalNumber, name) {
  await act(orderRef, 'scan', personalNumber);
  const result = await act(orderRef, 'approve', personalNumber);
  document.getElementById('status').textContent = result.error ? result.message : name + ' har godkänt.';
}
async function fail(orderRef, action) {
  const result = await act(orderRef, action);
  document.getElementById('status').textContent = result.error ? result.message : 'Klart: ' + action + '.';
}
const esc = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
async function refresh() {
  const [orders, people] = await Promise.all([fetch('/sim/orders').then((r) => r.json()), persons]);
  const box = document.getElementById('orders');
  if (box.contains(document.activeElement)) return; // do not move a keyboard user's focus
  box.innerHTML = orders.length === 0 ? '<p>Inga väntande beställningar.</p>' : orders.map((o) => \`
    <section class="order" aria-label="\${o.kind === 'sign' ? 'Underskrift' : 'Inloggning'} \${esc(o.orderRef.slice(0, 8))}">
      <h2>\${o.kind === 'sign' ? 'Underskrift' : 'Inloggning'} · \${esc(o.hintCode)} · \${o.secondsLeft} s kvar</h2>
      \${o.userVisibleText ? '<pre>' + esc(o.userVisibleText) + '</pre>' : ''}
      <div class="persons">\${people.filter((p) => !o.requiredPersonalNumber || p.personalNumber === o.requiredPersonalNumber).map((p) =>
        \`<button class="approve" data-order="\${esc(o.orderRef)}" data-pnr="\${esc(p.personalNumber)}" data-name="\${esc(p.name)}">Godkänn som \${esc(p.name)}</button>\`).join('')}</div>
      <button data-order="\${esc(o.orderRef)}" data-fail="userCancel">Avbryt i appen</button>
      <button data-order="\${esc(o.orderRef)}" data-fail="expire">Låt tiden gå ut</button>
      <button data-order="\${esc(o.orderRef)}" data-fail="certificateErr">Spärrat BankID</button>
    </section>\`).join('');
}
document.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  if (button.dataset.pnr) approve(button.dataset.order, button.dataset.pnr, button.dataset.name);
  else if (button.dataset.fail) fail(button.dataset.order, button.dataset.fail);
});
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>`;
