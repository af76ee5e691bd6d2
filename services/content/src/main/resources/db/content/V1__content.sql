-- Posts: the write model. Soft-deleted (deleted_at); version is bumped by every change of the
-- post itself (create = 1, edit, delete) and travels in the events so consumers can drop stale
-- updates. like_count / comment_count move only by atomic x = x ± 1 in the transaction that
-- changed the like set or the comments, and only when it really changed.
CREATE TABLE post (
  id            CHAR(36)      NOT NULL,
  author_id     VARCHAR(255)  NOT NULL,
  text          VARCHAR(2000) NOT NULL,
  track_id      VARCHAR(64)   NULL,
  -- comma-separated image ids (the id format excludes commas), NULL when none
  image_ids     VARCHAR(400)  NULL,
  like_count    BIGINT        NOT NULL DEFAULT 0,
  comment_count BIGINT        NOT NULL DEFAULT 0,
  version       BIGINT        NOT NULL,
  created_at    DATETIME(6)   NOT NULL,
  updated_at    DATETIME(6)   NOT NULL,
  deleted_at    DATETIME(6)   NULL,
  PRIMARY KEY (id),
  KEY ix_post_author (author_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Comments and replies (parent_id = a top-level comment of the same post; one level only).
CREATE TABLE comment (
  id          CHAR(36)      NOT NULL,
  post_id     CHAR(36)      NOT NULL,
  parent_id   CHAR(36)      NULL,
  author_id   VARCHAR(255)  NOT NULL,
  text        VARCHAR(1000) NOT NULL,
  like_count  BIGINT        NOT NULL DEFAULT 0,
  version     BIGINT        NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  updated_at  DATETIME(6)   NOT NULL,
  deleted_at  DATETIME(6)   NULL,
  PRIMARY KEY (id),
  KEY ix_comment_post (post_id, created_at),
  KEY ix_comment_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Like sets. The primary key makes a like idempotent: INSERT IGNORE affects 0 rows on a repeat.
CREATE TABLE post_like (
  post_id    CHAR(36)     NOT NULL,
  member_id  VARCHAR(255) NOT NULL,
  created_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (post_id, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE comment_like (
  comment_id CHAR(36)     NOT NULL,
  member_id  VARCHAR(255) NOT NULL,
  created_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (comment_id, member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
