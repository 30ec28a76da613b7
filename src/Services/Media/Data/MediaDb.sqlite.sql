CREATE TABLE "media_items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_media_items" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Owner" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "ObjectKey" TEXT NOT NULL,
    "FileName" TEXT NULL,
    "DurationSeconds" REAL NULL,
    "CreatedAt" INTEGER NOT NULL
);


CREATE TABLE "upload_sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_upload_sessions" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Owner" TEXT NULL,
    "FileName" TEXT NULL,
    "Use" TEXT NULL,
    "Length" INTEGER NULL,
    "Offset" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);


CREATE INDEX "IX_media_items_TenantId_CreatedAt" ON "media_items" ("TenantId", "CreatedAt");


CREATE UNIQUE INDEX "IX_media_items_TenantId_Sha256" ON "media_items" ("TenantId", "Sha256");


CREATE INDEX "IX_upload_sessions_ExpiresAt" ON "upload_sessions" ("ExpiresAt");


