-- Artists, tracks, images, timed lyrics, playlists and counted plays. Ids are UUIDv7 text
-- (time-ordered); timestamps are UTC DATETIME(6) written from the service's Clock.
-- Artists and tracks are soft-deleted (deleted_at) so playlist positions never move under
-- a deletion; reads treat a deleted row as absent.

CREATE TABLE image (
  id           CHAR(36)     NOT NULL,
  owner_id     VARCHAR(64)  NOT NULL,
  content_type VARCHAR(32)  NOT NULL,
  width        INT          NOT NULL,
  height       INT          NOT NULL,
  byte_size    BIGINT       NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE artist (
  id          CHAR(36)      NOT NULL,
  owner_id    VARCHAR(64)   NOT NULL,
  name        VARCHAR(100)  NOT NULL,
  bio         VARCHAR(2000) NULL,
  image_id    CHAR(36)      NULL,
  created_at  DATETIME(6)   NOT NULL,
  updated_at  DATETIME(6)   NOT NULL,
  deleted_at  DATETIME(6)   NULL,
  PRIMARY KEY (id),
  KEY ix_artist_page (deleted_at, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE track (
  id             CHAR(36)     NOT NULL,
  artist_id      CHAR(36)     NOT NULL,
  owner_id       VARCHAR(64)  NOT NULL,
  title          VARCHAR(200) NOT NULL,
  duration_ms    BIGINT       NOT NULL,
  content_type   VARCHAR(32)  NOT NULL,
  byte_size      BIGINT       NOT NULL,
  file_name      VARCHAR(64)  NOT NULL,
  cover_image_id CHAR(36)     NULL,
  play_count     BIGINT       NOT NULL DEFAULT 0,
  created_at     DATETIME(6)  NOT NULL,
  updated_at     DATETIME(6)  NOT NULL,
  deleted_at     DATETIME(6)  NULL,
  PRIMARY KEY (id),
  KEY ix_track_artist (artist_id, deleted_at, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ordered, non-overlapping lines (checked by the service); replaced as a whole.
CREATE TABLE lyrics_line (
  track_id  CHAR(36)     NOT NULL,
  line_no   INT          NOT NULL,
  start_ms  BIGINT       NOT NULL,
  end_ms    BIGINT       NOT NULL,
  text      VARCHAR(500) NOT NULL,
  PRIMARY KEY (track_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- entry_count is the next free position; changes lock this row (SELECT ... FOR UPDATE).
CREATE TABLE playlist (
  id           CHAR(36)     NOT NULL,
  owner_id     VARCHAR(64)  NOT NULL,
  name         VARCHAR(100) NOT NULL,
  entry_count  INT          NOT NULL DEFAULT 0,
  created_at   DATETIME(6)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  KEY ix_playlist_owner (owner_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Positions are 0..entry_count-1 without gaps; the unique key makes any slip an error, and the
-- shifting UPDATEs walk the range in an order that never collides (ORDER BY position ASC/DESC).
CREATE TABLE playlist_entry (
  id          CHAR(36)    NOT NULL,
  playlist_id CHAR(36)    NOT NULL,
  position    INT         NOT NULL,
  track_id    CHAR(36)    NOT NULL,
  added_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_playlist_position (playlist_id, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per counted play (the event's playId).
CREATE TABLE play (
  id          CHAR(36)    NOT NULL,
  track_id    CHAR(36)    NOT NULL,
  member_id   VARCHAR(64) NOT NULL,
  listened_ms BIGINT      NOT NULL,
  played_at   DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_play_track (track_id, played_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
