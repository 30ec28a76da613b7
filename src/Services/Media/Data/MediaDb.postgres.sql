CREATE TABLE media_items (
    "Id" uuid NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "Owner" character varying(200),
    "Kind" character varying(16) NOT NULL,
    "ContentType" character varying(100) NOT NULL,
    "Size" bigint NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "ObjectKey" character varying(200) NOT NULL,
    "FileName" character varying(255),
    "DurationSeconds" double precision,
    "CreatedAt" bigint NOT NULL,
    CONSTRAINT "PK_media_items" PRIMARY KEY ("Id")
);


CREATE TABLE upload_sessions (
    "Id" uuid NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "Owner" character varying(200),
    "FileName" character varying(255),
    "Use" character varying(16),
    "Length" bigint,
    "Offset" bigint NOT NULL,
    "CreatedAt" bigint NOT NULL,
    "ExpiresAt" bigint NOT NULL,
    CONSTRAINT "PK_upload_sessions" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_media_items_TenantId_CreatedAt" ON media_items ("TenantId", "CreatedAt");


CREATE UNIQUE INDEX "IX_media_items_TenantId_Sha256" ON media_items ("TenantId", "Sha256");


CREATE INDEX "IX_upload_sessions_ExpiresAt" ON upload_sessions ("ExpiresAt");


