-- Parking (chorus-starter outbox relay): a row that failed to publish on its own (too large, bad
-- topic, ...) `chorus.outbox.max-attempts` times is set aside so the relay is not stuck on it.
-- Later rows of the same topic and key wait behind it (per-key order); other keys go on.
-- `attempts` counts only such row failures from now on (outages of Kafka are not the row's fault).
--
-- A database already past the service's own V1, V2, ... gets this V0_2 too: the starter defaults
-- spring.flyway.out-of-order=true (db/chorus and db/<service> are independent version streams).
-- (V0_1's comment says otherwise; it cannot change without changing its checksum.)
ALTER TABLE chorus_outbox
    ADD COLUMN parked_at DATETIME(6) NULL,
    -- "Is anything parked, and for which keys": a handful of rows, read on every poll.
    ADD KEY ix_chorus_outbox_parked (parked_at, topic, record_key, seq);
