-- A stand-in for a service's own table: versioned 1, so it also proves the starter's V0_1
-- outbox migration runs first.
CREATE TABLE test_post (
    id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    title VARCHAR(200) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
