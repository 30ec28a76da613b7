CREATE TABLE "messaging_dead_letters" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_messaging_dead_letters" PRIMARY KEY AUTOINCREMENT,
    "Subscriber" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Envelope" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "DeadLetteredAt" TEXT NOT NULL
);


CREATE TABLE "messaging_deliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_messaging_deliveries" PRIMARY KEY AUTOINCREMENT,
    "Subscriber" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Envelope" TEXT NOT NULL,
    "IsReplay" INTEGER NOT NULL,
    "EnqueuedAt" TEXT NOT NULL
);


CREATE TABLE "messaging_inbox" (
    "Subscriber" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "HandledAt" TEXT NOT NULL,
    CONSTRAINT "PK_messaging_inbox" PRIMARY KEY ("Subscriber", "EventId")
);


CREATE TABLE "messaging_outbox" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_messaging_outbox" PRIMARY KEY AUTOINCREMENT,
    "EventId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Tenant" TEXT NULL,
    "Time" TEXT NOT NULL,
    "Envelope" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_messaging_dead_letters_Subscriber_EventId" ON "messaging_dead_letters" ("Subscriber", "EventId");


CREATE INDEX "IX_messaging_inbox_HandledAt" ON "messaging_inbox" ("HandledAt");


CREATE UNIQUE INDEX "IX_messaging_outbox_EventId" ON "messaging_outbox" ("EventId");


CREATE INDEX "IX_messaging_outbox_SentAt_NextAttemptAt" ON "messaging_outbox" ("SentAt", "NextAttemptAt");


CREATE INDEX "IX_messaging_outbox_Type_Time" ON "messaging_outbox" ("Type", "Time");


