CREATE TABLE "call_jobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_call_jobs" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "MediaId" TEXT NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "TranscriptionJson" TEXT NULL,
    "PromptJson" TEXT NULL,
    "ExtractionJson" TEXT NULL,
    "CallId" TEXT NULL,
    "CallbackUrl" TEXT NULL,
    "TimingsJson" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "general" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_general" PRIMARY KEY,
    "JobId" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Sentiment" TEXT NOT NULL,
    "Transcription" TEXT NOT NULL,
    "MetricsJson" TEXT NOT NULL,
    "Stage1InputTokens" INTEGER NOT NULL,
    "Stage1OutputTokens" INTEGER NOT NULL,
    "Stage2InputTokens" INTEGER NOT NULL,
    "Stage2OutputTokens" INTEGER NOT NULL,
    "TenantId" TEXT NOT NULL,
    "MediaId" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "domain_specific" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_domain_specific" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "call_id" TEXT NOT NULL,
    "DataJson" TEXT NOT NULL,
    CONSTRAINT "FK_domain_specific_general_call_id" FOREIGN KEY ("call_id") REFERENCES "general" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_call_jobs_TenantId_CreatedAt" ON "call_jobs" ("TenantId", "CreatedAt");


CREATE UNIQUE INDEX "IX_call_jobs_TenantId_IdempotencyKey" ON "call_jobs" ("TenantId", "IdempotencyKey");


CREATE UNIQUE INDEX "IX_domain_specific_call_id" ON "domain_specific" ("call_id");


CREATE UNIQUE INDEX "IX_general_JobId" ON "general" ("JobId");


CREATE INDEX "IX_general_TenantId_CreatedAt" ON "general" ("TenantId", "CreatedAt");


CREATE INDEX "IX_general_TenantId_Domain_Category" ON "general" ("TenantId", "Domain", "Category");
