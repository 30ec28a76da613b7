CREATE TABLE api_keys (
    "Id" character varying(64) NOT NULL,
    "TenantId" text NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Prefix" character varying(16) NOT NULL,
    "KeyHash" character varying(64) NOT NULL,
    "Scopes" character varying(200) NOT NULL,
    "CreatedBy" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_api_keys" PRIMARY KEY ("Id")
);


CREATE TABLE invites (
    "Id" character varying(64) NOT NULL,
    "TenantId" text NOT NULL,
    "Email" character varying(320) NOT NULL,
    "Role" character varying(20) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "InvitedBy" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    CONSTRAINT "PK_invites" PRIMARY KEY ("Id")
);


CREATE TABLE refresh_tokens (
    "Id" character varying(64) NOT NULL,
    "TenantId" text NOT NULL,
    "SessionId" character varying(64) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "ConsumedAt" timestamp with time zone,
    CONSTRAINT "PK_refresh_tokens" PRIMARY KEY ("Id")
);


CREATE TABLE sessions (
    "Id" character varying(64) NOT NULL,
    "TenantId" text NOT NULL,
    "UserId" character varying(64) NOT NULL,
    "UserAgent" character varying(300),
    "IpAddress" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastUsedAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "RevokedReason" character varying(100),
    CONSTRAINT "PK_sessions" PRIMARY KEY ("Id")
);


CREATE TABLE signing_keys (
    "Id" character varying(64) NOT NULL,
    "PrivateKey" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ActivatesAt" timestamp with time zone NOT NULL,
    "RetiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_signing_keys" PRIMARY KEY ("Id")
);


CREATE TABLE tenants (
    "Id" character varying(64) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_tenants" PRIMARY KEY ("Id")
);


CREATE TABLE users (
    "Id" character varying(64) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "Email" character varying(320) NOT NULL,
    "NormalizedEmail" character varying(400) NOT NULL,
    "DisplayName" character varying(200) NOT NULL,
    "Role" character varying(20) NOT NULL,
    "PasswordHash" text NOT NULL,
    "AccessFailedCount" integer NOT NULL,
    "LockoutEnd" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "DeletedAt" timestamp with time zone,
    CONSTRAINT "PK_users" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_users_tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES tenants ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_api_keys_KeyHash" ON api_keys ("KeyHash");


CREATE INDEX "IX_api_keys_RevokedAt" ON api_keys ("RevokedAt");


CREATE UNIQUE INDEX "IX_invites_TokenHash" ON invites ("TokenHash");


CREATE INDEX "IX_refresh_tokens_SessionId" ON refresh_tokens ("SessionId");


CREATE UNIQUE INDEX "IX_refresh_tokens_TokenHash" ON refresh_tokens ("TokenHash");


CREATE INDEX "IX_sessions_RevokedAt" ON sessions ("RevokedAt");


CREATE INDEX "IX_sessions_UserId_RevokedAt" ON sessions ("UserId", "RevokedAt");


CREATE INDEX "IX_signing_keys_RetiresAt" ON signing_keys ("RetiresAt");


CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON users ("NormalizedEmail");


CREATE INDEX "IX_users_TenantId" ON users ("TenantId");


