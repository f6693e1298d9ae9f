import { expect } from '@open-wc/testing';
import { cancelSigning } from '../../src/client/signing.js';
import { KitClient } from '../../src/client/kit-client.js';
import { ProblemError } from '../../src/client/errors.js';
import { backend } from './helpers.js';

/** KitClient against the real backend: requests the backend accepts as sent. */
describe('KitClient', () => {
  it('sends a DELETE without a body in a shape the backend accepts (404 for no such signing, not 400)', async () => {
    const client = new KitClient(backend);
    const refused = await cancelSigning(client, 'no-such-order', 'sv').then(() => undefined, (error: unknown) => error);
    expect(refused).to.be.instanceOf(ProblemError);
    expect((refused as ProblemError).problem.status).to.equal(404);
  });
});
