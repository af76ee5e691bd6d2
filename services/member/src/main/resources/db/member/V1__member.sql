-- Accounts and profiles. email and handle are stored lower-cased; the unique keys are the
-- final word on duplicates (two concurrent signups cannot both win).
CREATE TABLE member (
  id              CHAR(36)      NOT NULL,
  email           VARCHAR(254)  NOT NULL,
  handle          VARCHAR(30)   NOT NULL,
  display_name    VARCHAR(60)   NOT NULL,
  bio             VARCHAR(280)  NULL,
  avatar_url      VARCHAR(2048) NULL,
  password_hash   VARCHAR(255)  NOT NULL,
  roles           VARCHAR(255)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  follower_count  BIGINT        NOT NULL DEFAULT 0,
  following_count BIGINT        NOT NULL DEFAULT 0,
  created_at      DATETIME(6)   NOT NULL,
  updated_at      DATETIME(6)   NOT NULL,
  deactivated_at  DATETIME(6)   NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_member_email (email),
  UNIQUE KEY uk_member_handle (handle),
  KEY ix_member_created (status, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The follow graph. Both directions are paged by (created_at, other id), newest first.
CREATE TABLE follow (
  follower_id CHAR(36)    NOT NULL,
  followee_id CHAR(36)    NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  PRIMARY KEY (follower_id, followee_id),
  KEY ix_follow_followers (followee_id, created_at, follower_id),
  KEY ix_follow_followings (follower_id, created_at, followee_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Refresh tokens: only the SHA-256 of the token is stored. Every refresh sets rotated_at on the
-- presented token (exactly one caller can) and inserts its successor in the same family.
CREATE TABLE refresh_token (
  token_hash CHAR(64)    NOT NULL,
  family_id  CHAR(36)    NOT NULL,
  member_id  CHAR(36)    NOT NULL,
  issued_at  DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  rotated_at DATETIME(6) NULL,
  revoked    BOOLEAN     NOT NULL DEFAULT FALSE,
  PRIMARY KEY (token_hash),
  KEY ix_refresh_family (family_id),
  KEY ix_refresh_member (member_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

-- Access-token signing keys. slot = epochMillis / rotation period: its unique key makes replicas
-- that rotate at the same moment agree on one key per period. The private JWK is AES-GCM
-- encrypted under CHORUS_MEMBER_KEY_ENCRYPTION_KEY.
CREATE TABLE signing_key (
  kid             VARCHAR(64) NOT NULL,
  slot            BIGINT      NOT NULL,
  public_jwk      TEXT        NOT NULL,
  private_jwk_enc TEXT        NOT NULL,
  created_at      DATETIME(6) NOT NULL,
  retired_at      DATETIME(6) NULL,
  PRIMARY KEY (kid),
  UNIQUE KEY uk_signing_key_slot (slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
