CREATE TABLE "Recordings" (
    "Number" INTEGER NOT NULL CONSTRAINT "PK_Recordings" PRIMARY KEY,
    "Id" TEXT NOT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "Effects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Effects" PRIMARY KEY AUTOINCREMENT,
    "Subscriber" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "RecordingId" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE INDEX "IX_Effects_Subscriber" ON "Effects" ("Subscriber");
