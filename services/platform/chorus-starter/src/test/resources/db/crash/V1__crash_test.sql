-- The forwarding app's own tables (KilledProcessIntegrationTests): which events were applied, and
-- a running total that applying one twice would make wrong.
CREATE TABLE crash_applied (
    event_id CHAR(36) NOT NULL PRIMARY KEY
) ENGINE = InnoDB;
CREATE TABLE crash_total (
    id INT    NOT NULL PRIMARY KEY,
    n  BIGINT NOT NULL
) ENGINE = InnoDB;
INSERT INTO crash_total (id, n) VALUES (1, 0);
