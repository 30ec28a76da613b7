CREATE TABLE call_jobs (
    "Id" uuid NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "IdempotencyKey" character varying(200) NOT NULL,
    "FileName" character varying(512) NOT NULL,
    "MediaId" uuid NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Stage" character varying(20) NOT NULL,
    "Attempts" integer NOT NULL,
    "Error" text,
    "TranscriptionJson" text,
    "PromptJson" text,
    "ExtractionJson" text,
    "CallId" uuid,
    "CallbackUrl" character varying(2048),
    "TimingsJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_call_jobs" PRIMARY KEY ("Id")
);


CREATE TABLE general (
    "Id" uuid NOT NULL,
    "JobId" uuid,
    "FileName" character varying(512) NOT NULL,
    "Domain" character varying(100) NOT NULL,
    "Category" character varying(100) NOT NULL,
    "Sentiment" character varying(20) NOT NULL,
    "Transcription" text NOT NULL,
    "MetricsJson" text NOT NULL,
    "Stage1InputTokens" integer NOT NULL,
    "Stage1OutputTokens" integer NOT NULL,
    "Stage2InputTokens" integer NOT NULL,
    "Stage2OutputTokens" integer NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "MediaId" character varying(64),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_general" PRIMARY KEY ("Id")
);


CREATE TABLE domain_specific (
    "Id" uuid NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    call_id uuid NOT NULL,
    "DataJson" text NOT NULL,
    CONSTRAINT "PK_domain_specific" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_domain_specific_general_call_id" FOREIGN KEY (call_id) REFERENCES general ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_call_jobs_TenantId_CreatedAt" ON call_jobs ("TenantId", "CreatedAt");


CREATE UNIQUE INDEX "IX_call_jobs_TenantId_IdempotencyKey" ON call_jobs ("TenantId", "IdempotencyKey");


CREATE UNIQUE INDEX "IX_domain_specific_call_id" ON domain_specific (call_id);


CREATE UNIQUE INDEX "IX_general_JobId" ON general ("JobId");


CREATE INDEX "IX_general_TenantId_CreatedAt" ON general ("TenantId", "CreatedAt");


CREATE INDEX "IX_general_TenantId_Domain_Category" ON general ("TenantId", "Domain", "Category");
