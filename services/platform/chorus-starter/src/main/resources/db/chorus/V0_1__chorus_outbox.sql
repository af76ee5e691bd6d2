-- Transactional outbox of the Chorus starter (io.chorus.platform.events.outbox).
--
-- Versioned 0.1 so that it sorts before every service's own V1, V2, ...: a service lists
-- classpath:db/chorus next to its own classpath:db/<service> and gets the table from its first
-- migration run. A later change to this table
-- ships as V0_2, V0_3, ... and must be applied before the service's next release, which Flyway
-- enforces by refusing out-of-order versions unless told otherwise.
--
-- Times are UTC (DATETIME has no zone; the relay writes UTC_TIMESTAMP()).
CREATE TABLE IF NOT EXISTS chorus_outbox (
    -- Defines relay order among committed rows; per key it is the commit order of the aggregate.
    seq         BIGINT        NOT NULL AUTO_INCREMENT,
    -- CloudEvent id (UUIDv7). Unique, so one event cannot be appended twice.
    event_id    CHAR(36)      NOT NULL,
    topic       VARCHAR(249)  NOT NULL,
    -- Kafka record key = aggregate id = CloudEvent subject.
    record_key  VARCHAR(255)  NOT NULL,
    -- The structured-mode CloudEvent JSON, exactly the bytes the record will carry.
    payload     MEDIUMBLOB    NOT NULL,
    -- JSON object of extra Kafka headers captured at append time (traceparent).
    headers     TEXT          NULL,
    -- Event time; also the Kafka record timestamp, so "replay from a time" means event time.
    created_at  DATETIME(6)   NOT NULL,
    sent_at     DATETIME(6)   NULL,
    attempts    INT           NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000) NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY uk_chorus_outbox_event_id (event_id),
    -- "Unsent in order": WHERE sent_at IS NULL ORDER BY seq reads this index only. Also serves
    -- the purge of old sent rows (range on sent_at).
    KEY ix_chorus_outbox_unsent (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
