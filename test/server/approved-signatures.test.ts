import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApprovedSignatures } from '../../server/eid/oidc/test-provider/approved-signatures.js';

describe('the test provider’s approved signatures', () => {
  it('gives a signature once, to the ID token of its grant', () => {
    const signatures = new ApprovedSignatures();
    signatures.approve('grant-1', 'sig-1');
    assert.equal(signatures.take('grant-2'), undefined);
    assert.equal(signatures.take('grant-1'), 'sig-1');
    assert.equal(signatures.take('grant-1'), undefined);
    assert.equal(signatures.size, 0);
  });

  it('forgets a signature whose ID token is not asked for within 15 minutes', () => {
    let now = 0;
    const signatures = new ApprovedSignatures(() => now);
    signatures.approve('abandoned', 'sig-a');
    now += 10 * 60_000;
    signatures.approve('recent', 'sig-r');
    now += 5 * 60_000 + 1;
    assert.equal(signatures.take('abandoned'), undefined);
    assert.equal(signatures.size, 1);
    assert.equal(signatures.take('recent'), 'sig-r');
  });
});
