-- Where the provider tells about a payment (as the payment was started, on the host the citizen reached): Swish
-- requires a callback for a refund too, and a refund is asked for later, by an officer or the reconciliation job.
ALTER TABLE payments ADD COLUMN callback_url text;
