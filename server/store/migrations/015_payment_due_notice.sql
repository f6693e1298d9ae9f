-- A cosigned case of an e-service with a fee is paid once everyone has signed: the applicant is told it is time
-- (server/cosigning/service.ts), through the same outbox as the other notices.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('receipt', 'message', 'status', 'cosignInvitation', 'cosignReminder', 'cosignExpired', 'cosignDeclined', 'paymentDue'));
