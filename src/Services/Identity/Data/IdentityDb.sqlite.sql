CREATE TABLE "api_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_api_keys" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "Scopes" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastUsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL
);


CREATE TABLE "invites" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_invites" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL
);


CREATE TABLE "refresh_tokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_refresh_tokens" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "SessionId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "ConsumedAt" TEXT NULL
);


CREATE TABLE "sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_sessions" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserAgent" TEXT NULL,
    "IpAddress" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastUsedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "RevokedReason" TEXT NULL
);


CREATE TABLE "signing_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_signing_keys" PRIMARY KEY,
    "PrivateKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ActivatesAt" TEXT NOT NULL,
    "RetiresAt" TEXT NOT NULL
);


CREATE TABLE "tenants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_tenants" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "DeletedAt" TEXT NULL,
    CONSTRAINT "FK_users_tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "tenants" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_api_keys_KeyHash" ON "api_keys" ("KeyHash");


CREATE INDEX "IX_api_keys_RevokedAt" ON "api_keys" ("RevokedAt");


CREATE UNIQUE INDEX "IX_invites_TokenHash" ON "invites" ("TokenHash");


CREATE INDEX "IX_refresh_tokens_SessionId" ON "refresh_tokens" ("SessionId");


CREATE UNIQUE INDEX "IX_refresh_tokens_TokenHash" ON "refresh_tokens" ("TokenHash");


CREATE INDEX "IX_sessions_RevokedAt" ON "sessions" ("RevokedAt");


CREATE INDEX "IX_sessions_UserId_RevokedAt" ON "sessions" ("UserId", "RevokedAt");


CREATE INDEX "IX_signing_keys_RetiresAt" ON "signing_keys" ("RetiresAt");


CREATE UNIQUE INDEX "IX_users_NormalizedEmail" ON "users" ("NormalizedEmail");


CREATE INDEX "IX_users_TenantId" ON "users" ("TenantId");


